//! Typed paths into a task's input: `JobInput::path().job().name()` is a
//! [`TypedPath<String>`](TypedPath) rendering `$.job.name`, so it fills a `String`
//! member and nothing else.

use std::fmt;
use std::marker::PhantomData;

use asl_types::{Expr, Json, Jsonata, Number, Payload, Value};

/// A JSONPath to a value of type `T` in the state input.
///
/// ```
/// use asl_builder::TypedPath;
/// let count: TypedPath<i32> = TypedPath::<()>::root().field("count");
/// assert_eq!(count.to_string(), "$.count");
/// let member: asl_builder::types::Value<i32> = count.into();
/// assert!(member.dollar_key());
/// ```
pub struct TypedPath<T> {
    path: asl_types::Path,
    of: PhantomData<fn() -> T>,
}

impl<T> TypedPath<T> {
    /// `$`, typed as the whole input.
    pub fn root() -> TypedPath<T> {
        TypedPath::from_untyped(asl_types::Path::input())
    }

    /// Types an untyped path. The caller vouches for `T`.
    pub fn from_untyped(path: asl_types::Path) -> TypedPath<T> {
        TypedPath {
            path,
            of: PhantomData,
        }
    }

    /// This path's field `name`, of type `U`.
    #[must_use]
    pub fn field<U>(&self, name: &str) -> TypedPath<U> {
        TypedPath::from_untyped(self.path.clone().field(name))
    }

    /// The untyped path.
    pub fn untyped(&self) -> &asl_types::Path {
        &self.path
    }
}

impl<T> Clone for TypedPath<T> {
    fn clone(&self) -> Self {
        TypedPath::from_untyped(self.path.clone())
    }
}

impl<T> fmt::Debug for TypedPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TypedPath<{}>({})",
            std::any::type_name::<T>(),
            self.path
        )
    }
}

impl<T> fmt::Display for TypedPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path.fmt(f)
    }
}

impl<T> PartialEq for TypedPath<T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl<T> From<TypedPath<T>> for Value<T> {
    fn from(p: TypedPath<T>) -> Self {
        Value::Expr(Expr::Path(p.path))
    }
}

impl<T> From<TypedPath<T>> for asl_types::Path {
    fn from(p: TypedPath<T>) -> Self {
        p.path
    }
}

/// A typed path as a Reference Path, for `ResultPath` or `ItemsPath`.
/// Paths from `#[derive(TaskInput)]` and [`TypedPath::field`] name a single
/// node and always convert; one made with [`TypedPath::from_untyped`] from a
/// wildcard or filter path does not.
///
/// ```
/// use asl_builder::TypedPath;
/// use asl_builder::types::ReferencePath;
/// let result: TypedPath<String> = TypedPath::<()>::root().field("result");
/// assert_eq!(ReferencePath::try_from(result)?.to_string(), "$.result");
/// let many = TypedPath::<Vec<String>>::from_untyped("$.items[*].id".parse()?);
/// assert!(ReferencePath::try_from(many).is_err());
/// # Ok::<(), asl_builder::types::InvalidPath>(())
/// ```
impl<T> TryFrom<TypedPath<T>> for asl_types::ReferencePath {
    type Error = asl_types::InvalidPath;
    fn try_from(p: TypedPath<T>) -> Result<Self, asl_types::InvalidPath> {
        asl_types::ReferencePath::try_from(p.path)
    }
}

impl<T> From<TypedPath<T>> for Payload {
    fn from(p: TypedPath<T>) -> Self {
        Payload::from(p.path)
    }
}

/// A JSONata expression reading a value of type `T` from the state input
/// (`$states.input.job.name`).
pub struct JsonataPath<T> {
    expression: String,
    of: PhantomData<fn() -> T>,
}

impl<T> JsonataPath<T> {
    /// `$states.input`.
    pub fn input() -> JsonataPath<T> {
        JsonataPath::from_expression("$states.input".to_owned())
    }

    fn from_expression(expression: String) -> JsonataPath<T> {
        JsonataPath {
            expression,
            of: PhantomData,
        }
    }

    /// This expression's field `name`, of type `U`.
    #[must_use]
    pub fn field<U>(&self, name: &str) -> JsonataPath<U> {
        let plain = name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        let expression = if plain {
            format!("{}.{name}", self.expression)
        } else {
            format!("{}.`{}`", self.expression, name.replace('`', "``"))
        };
        JsonataPath::from_expression(expression)
    }

    /// The expression text (without `{% %}`).
    pub fn expression(&self) -> &str {
        &self.expression
    }
}

impl<T> Clone for JsonataPath<T> {
    fn clone(&self) -> Self {
        JsonataPath::from_expression(self.expression.clone())
    }
}

impl<T> fmt::Debug for JsonataPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "JsonataPath<{}>({})",
            std::any::type_name::<T>(),
            self.expression
        )
    }
}

impl<T> fmt::Display for JsonataPath<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Jsonata::new(&self.expression).fmt(f)
    }
}

impl<T> From<JsonataPath<T>> for Value<T> {
    fn from(p: JsonataPath<T>) -> Self {
        Value::Expr(Expr::Jsonata(Jsonata::new(&p.expression)))
    }
}

impl<T> From<JsonataPath<T>> for Jsonata {
    fn from(p: JsonataPath<T>) -> Self {
        Jsonata::new(&p.expression)
    }
}

impl<T> From<JsonataPath<T>> for Payload {
    fn from(p: JsonataPath<T>) -> Self {
        Payload::from(Jsonata::from(p))
    }
}

/// What a comparison needs its `Variable` to hold.
pub mod kind {
    /// String and timestamp comparisons.
    #[derive(Debug)]
    pub enum Text {}
    /// Numeric comparisons.
    #[derive(Debug)]
    pub enum Numeric {}
    /// Boolean comparisons.
    #[derive(Debug)]
    pub enum Boolean {}
    /// Type tests (`IsPresent`, `IsNull`, …): any value.
    #[derive(Debug)]
    pub enum Any {}
}

/// A path usable as a choice rule's `Variable` for comparisons of kind `K`:
/// an untyped [`asl_types::Path`] fits any comparison, a typed [`TypedPath<T>`]
/// only those of `T`'s kind (a `TypedPath<u32>` in `string_equals` does not compile).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared this way",
    note = "string and timestamp comparisons need a `TypedPath<String>`, numeric ones a path to a number, boolean ones a `TypedPath<bool>`"
)]
pub trait Variable<K> {
    /// The path.
    fn variable(self) -> asl_types::Path;
}

impl<K> Variable<K> for asl_types::Path {
    fn variable(self) -> asl_types::Path {
        self
    }
}

impl<T> Variable<kind::Any> for TypedPath<T> {
    fn variable(self) -> asl_types::Path {
        self.path
    }
}

macro_rules! variable_kind {
    ($kind:ident: $($t:ty),*) => {$(
        impl Variable<kind::$kind> for TypedPath<$t> {
            fn variable(self) -> asl_types::Path {
                self.path
            }
        }
    )*};
}
variable_kind!(Text: String);
variable_kind!(Numeric: i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Number);
variable_kind!(Boolean: bool);

/// Where a typed path is being built: in JSONPath ([`JsonPathCursor`]) or
/// JSONata ([`JsonataCursor`]). Used by `#[derive(TaskInput)]`.
pub trait Cursor: Clone {
    /// The typed leaf: [`TypedPath<T>`] or [`JsonataPath<T>`].
    type Leaf<T>;
    /// One field further.
    #[must_use]
    fn field(&self, name: &str) -> Self;
    /// The typed leaf here.
    fn leaf<T>(self) -> Self::Leaf<T>;
}

/// Building a JSONPath (`$.a.b`).
#[derive(Debug, Clone)]
pub struct JsonPathCursor(asl_types::Path);

impl JsonPathCursor {
    /// `$`
    pub fn root() -> JsonPathCursor {
        JsonPathCursor(asl_types::Path::input())
    }
}

impl Cursor for JsonPathCursor {
    type Leaf<T> = TypedPath<T>;
    fn field(&self, name: &str) -> Self {
        JsonPathCursor(self.0.clone().field(name))
    }
    fn leaf<T>(self) -> TypedPath<T> {
        TypedPath::from_untyped(self.0)
    }
}

/// Building a JSONata expression (`$states.input.a.b`).
#[derive(Debug, Clone)]
pub struct JsonataCursor(JsonataPath<()>);

impl JsonataCursor {
    /// `$states.input`
    pub fn input() -> JsonataCursor {
        JsonataCursor(JsonataPath::input())
    }
}

impl Cursor for JsonataCursor {
    type Leaf<T> = JsonataPath<T>;
    fn field(&self, name: &str) -> Self {
        JsonataCursor(self.0.field(name))
    }
    fn leaf<T>(self) -> JsonataPath<T> {
        JsonataPath::from_expression(self.0.expression)
    }
}

/// A type a typed path can walk into: leaves (strings, numbers, …) end
/// in a typed path; `#[derive(TaskInput)]` structs give one method per field.
pub trait Navigable<K: Cursor> {
    /// What a path to a value of this type is.
    type Out;
    /// The path at `cursor`.
    fn at(cursor: K) -> Self::Out;
}

macro_rules! leaves {
    ($($t:ty),*) => {$(
        impl<K: Cursor> Navigable<K> for $t {
            type Out = K::Leaf<$t>;
            fn at(cursor: K) -> Self::Out {
                cursor.leaf()
            }
        }
    )*};
}
leaves!(
    String, bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Number, Json, Payload
);

impl<K: Cursor, T> Navigable<K> for Vec<T> {
    type Out = K::Leaf<Vec<T>>;
    fn at(cursor: K) -> Self::Out {
        cursor.leaf()
    }
}

impl<K: Cursor, T: Navigable<K>> Navigable<K> for Option<T> {
    type Out = T::Out;
    fn at(cursor: K) -> Self::Out {
        T::at(cursor)
    }
}

/// A task input or output type with typed paths: `T::path()` and
/// `T::jsonata()`. Implemented by `#[derive(TaskInput)]`.
pub trait TaskInput: Navigable<JsonPathCursor> + Navigable<JsonataCursor> {}
