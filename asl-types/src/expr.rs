//! Dynamic values: paths, intrinsic calls and JSONata expressions, and the
//! `Value<T>` / `JsonataOr<T>` types that hold either a literal or one of them.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::intrinsic::Intrinsic;
use crate::json::Json;
use crate::path::Path;
use crate::read::{At, FromJson, Issues, expect_str};
use crate::validate::{Issue, Rule};

/// A JSONata expression, written in ASL as `"{% … %}"`.
///
/// The text between the delimiters is kept exactly, spaces included.
///
/// ```
/// use asl_types::Jsonata;
/// let e: Jsonata = "{% $states.input.x + 1 %}".parse().unwrap();
/// assert_eq!(e.expression(), " $states.input.x + 1 ");
/// assert_eq!(e.to_string(), "{% $states.input.x + 1 %}");
/// assert_eq!(Jsonata::new("$x").to_string(), "{% $x %}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Jsonata(String);

/// The string is not of the form `{% … %}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a JSONata expression: it must start with `{{%` and end with `%}}`")]
pub struct NotJsonata(String);

impl Jsonata {
    /// An expression; written with one space inside each delimiter.
    pub fn new(expression: &str) -> Jsonata {
        Jsonata(format!(" {expression} "))
    }

    /// The text between `{%` and `%}`, exactly as written.
    pub fn expression(&self) -> &str {
        &self.0
    }

    /// Whether `s` is written as a JSONata expression.
    pub fn is_jsonata(s: &str) -> bool {
        s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
    }
}

impl FromStr for Jsonata {
    type Err = NotJsonata;
    fn from_str(s: &str) -> Result<Self, NotJsonata> {
        if Jsonata::is_jsonata(s) {
            Ok(Jsonata(s[2..s.len() - 2].to_owned()))
        } else {
            Err(NotJsonata(s.to_owned()))
        }
    }
}

impl fmt::Display for Jsonata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{%{}%}}", self.0)
    }
}

impl Serialize for Jsonata {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromJson for Jsonata {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let text = issues.ok(expect_str(json, at, "a JSONata expression"))?;
        issues.ok(text
            .parse()
            .map_err(|e: NotJsonata| at.issue(Rule::InvalidValue, e.to_string())))
    }
}

/// A value computed when the state runs.
///
/// In a JSONPath state, paths and intrinsic calls stand under a key ending
/// `.$` (`"Name.$": "$.name"`); in a JSONata state, an expression is any
/// string `"{% … %}"`. The serializer of the enclosing object or payload
/// writes the `.$`; nothing else does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expr {
    /// A path on the input (`$.x`), the context (`$$.x`) or a variable (`$v`).
    Path(Path),
    /// An intrinsic function call.
    Intrinsic(Intrinsic),
    /// A JSONata expression.
    Jsonata(Jsonata),
}

/// Why a `.$` value is not a path or an intrinsic call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidExpr {
    /// Looked like a path, did not parse as one.
    #[error(transparent)]
    Path(#[from] crate::path::InvalidPath),
    /// Looked like an intrinsic call, did not parse as one.
    #[error(transparent)]
    Intrinsic(#[from] crate::intrinsic::InvalidIntrinsic),
    /// Neither.
    #[error("`{0}` is neither a path (`$…`) nor an intrinsic function call (`States.…`)")]
    Neither(String),
}

impl Expr {
    /// Reads the value of a `.$` key: a path or an intrinsic call.
    pub fn parse_dollar(text: &str) -> Result<Expr, InvalidExpr> {
        if text.starts_with('$') {
            Ok(Expr::Path(text.parse()?))
        } else if Intrinsic::looks_like_call(text) {
            Ok(Expr::Intrinsic(text.parse()?))
        } else {
            Err(InvalidExpr::Neither(text.to_owned()))
        }
    }

    /// Whether this is written under a `.$` key (paths and intrinsic calls).
    pub fn needs_dollar_key(&self) -> bool {
        !matches!(self, Expr::Jsonata(_))
    }

    /// Reads the value found under the `.$` key `key_at`.
    pub fn from_dollar_json(json: &Json, at: At<'_>) -> Result<Expr, Issue> {
        let text = expect_str(json, at, "a path or intrinsic function call")?;
        Expr::parse_dollar(text).map_err(|e| {
            let rule = match e {
                InvalidExpr::Path(_) => Rule::PathSyntax,
                InvalidExpr::Intrinsic(_) => Rule::IntrinsicSyntax,
                InvalidExpr::Neither(_) => Rule::DynamicValue,
            };
            at.issue(rule, e.to_string())
        })
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Path(p) => p.fmt(f),
            Expr::Intrinsic(i) => i.fmt(f),
            Expr::Jsonata(j) => j.fmt(f),
        }
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<Path> for Expr {
    fn from(p: Path) -> Self {
        Expr::Path(p)
    }
}
impl From<Intrinsic> for Expr {
    fn from(i: Intrinsic) -> Self {
        Expr::Intrinsic(i)
    }
}
impl From<Jsonata> for Expr {
    fn from(j: Jsonata) -> Self {
        Expr::Jsonata(j)
    }
}

/// A field that holds a literal in JSONPath states and may hold a JSONata
/// expression in JSONata states (`"TimeoutSeconds": "{% $t %}"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JsonataOr<T> {
    /// A literal value.
    Literal(T),
    /// `"{% … %}"`.
    Jsonata(Jsonata),
}

impl<T> From<T> for JsonataOr<T> {
    fn from(t: T) -> Self {
        JsonataOr::Literal(t)
    }
}

impl From<&str> for JsonataOr<String> {
    fn from(s: &str) -> Self {
        JsonataOr::Literal(s.to_owned())
    }
}

impl From<Jsonata> for JsonataOr<String> {
    fn from(j: Jsonata) -> Self {
        JsonataOr::Jsonata(j)
    }
}

impl From<Jsonata> for JsonataOr<crate::integer::Integer> {
    fn from(j: Jsonata) -> Self {
        JsonataOr::Jsonata(j)
    }
}

macro_rules! integer_or_jsonata_from {
    ($($t:ty),*) => {$(
        impl From<$t> for JsonataOr<crate::integer::Integer> {
            fn from(value: $t) -> Self {
                JsonataOr::Literal(value.into())
            }
        }
    )*};
}
integer_or_jsonata_from!(i32, i64, u32);

impl<T> JsonataOr<T> {
    /// The literal, if this is one.
    pub fn literal(&self) -> Option<&T> {
        match self {
            JsonataOr::Literal(t) => Some(t),
            JsonataOr::Jsonata(_) => None,
        }
    }
}

impl<T: Serialize> Serialize for JsonataOr<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonataOr::Literal(t) => t.serialize(s),
            JsonataOr::Jsonata(j) => j.serialize(s),
        }
    }
}

impl<T: FromJson> FromJson for JsonataOr<T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::String(s) if Jsonata::is_jsonata(s) => {
                Jsonata::read(json, at, issues).map(JsonataOr::Jsonata)
            }
            _ => T::read(json, at, issues).map(JsonataOr::Literal),
        }
    }
}

/// A member of a payload that is either a literal `T` or computed at run
/// time: a path, context path, variable, intrinsic call (written under
/// `"Key.$"`), or a JSONata expression (written `"Key": "{% … %}"`).
///
/// The enclosing object's serializer picks the key; see [`Value::dollar_key`].
///
/// ```
/// use asl_types::{Path, Value};
/// let fixed: Value<u32> = 4.into();
/// let dynamic: Value<u32> = Path::input().field("count").into();
/// assert!(!fixed.dollar_key());
/// assert!(dynamic.dollar_key());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value<T> {
    /// A literal.
    Literal(T),
    /// Computed at run time.
    Expr(Expr),
}

impl<T> Value<T> {
    /// Whether the enclosing object writes this member under `"Key.$"`.
    pub fn dollar_key(&self) -> bool {
        matches!(self, Value::Expr(e) if e.needs_dollar_key())
    }

    /// The literal, if this is one.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Value::Literal(t) => Some(t),
            Value::Expr(_) => None,
        }
    }

    /// The expression, if this is one.
    pub fn expr(&self) -> Option<&Expr> {
        match self {
            Value::Literal(_) => None,
            Value::Expr(e) => Some(e),
        }
    }
}

/// `From` a literal, for each literal type (the generated SageMaker shapes
/// and the `Payload` derive add their own).
#[macro_export]
#[doc(hidden)]
macro_rules! value_from_literal {
    ($($t:ty),* $(,)?) => {$(
        impl ::core::convert::From<$t> for $crate::Value<$t> {
            fn from(t: $t) -> Self {
                $crate::Value::Literal(t)
            }
        }
    )*};
}
value_from_literal!(
    String,
    bool,
    i32,
    i64,
    u32,
    u64,
    f32,
    f64,
    crate::json::Number,
    Json
);
impl<T> From<Vec<T>> for Value<Vec<T>> {
    fn from(t: Vec<T>) -> Self {
        Value::Literal(t)
    }
}
impl<K, V> From<indexmap::IndexMap<K, V>> for Value<indexmap::IndexMap<K, V>> {
    fn from(t: indexmap::IndexMap<K, V>) -> Self {
        Value::Literal(t)
    }
}
impl<T> From<Path> for Value<T> {
    fn from(p: Path) -> Self {
        Value::Expr(Expr::Path(p))
    }
}
impl<T> From<Intrinsic> for Value<T> {
    fn from(i: Intrinsic) -> Self {
        Value::Expr(Expr::Intrinsic(i))
    }
}
impl<T> From<Jsonata> for Value<T> {
    fn from(j: Jsonata) -> Self {
        Value::Expr(Expr::Jsonata(j))
    }
}
impl<T> From<Expr> for Value<T> {
    fn from(e: Expr) -> Self {
        Value::Expr(e)
    }
}
impl From<&str> for Value<String> {
    fn from(s: &str) -> Self {
        Value::Literal(s.to_owned())
    }
}

/// Serializes the value itself (the literal, or the expression's text); the
/// enclosing object has already chosen `Key` or `Key.$`. A path or intrinsic
/// call where no key can carry `.$` (an array element, a whole payload) is an
/// error.
impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Literal(t) => t.serialize(s),
            Value::Expr(e) if e.needs_dollar_key() => {
                Err(serde::ser::Error::custom(not_under_dollar_key(e)))
            }
            Value::Expr(e) => e.serialize(s),
        }
    }
}

/// The suffix of a key whose value is a path or intrinsic call. The one
/// place it is spelled.
pub(crate) const DOLLAR: &str = ".$";

/// The key a path or intrinsic call is written under: `key.$`.
pub(crate) fn dollar_key(key: &str) -> String {
    format!("{key}{DOLLAR}")
}

/// Writes `key.$` without allocating.
pub(crate) struct DollarKey<'k>(pub(crate) &'k str);

impl Serialize for DollarKey<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}{DOLLAR}", self.0))
    }
}

/// The member name of a key written with `.$`, if it is one.
pub(crate) fn strip_dollar(key: &str) -> Option<&str> {
    key.strip_suffix(DOLLAR)
}

/// Reads a literal or `"{% … %}"` (no `.$` key in sight).
impl<T: FromJson> FromJson for Value<T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::String(s) if Jsonata::is_jsonata(s) => Jsonata::read(json, at, issues)
                .map(Expr::Jsonata)
                .map(Value::Expr),
            _ => T::read(json, at, issues).map(Value::Literal),
        }
    }
}

/// Writes one member of an object whose value may be computed: under
/// `key.$` when `computed` is a path or intrinsic call, else under `key`.
/// Payloads, `DynMap` and derived templates all write their members here.
pub(crate) fn serialize_member<M, V>(
    map: &mut M,
    key: &str,
    computed: Option<&Expr>,
    value: &V,
) -> Result<(), M::Error>
where
    M: serde::ser::SerializeMap,
    V: Serialize + ?Sized,
{
    match computed {
        Some(e) if e.needs_dollar_key() => map.serialize_entry(&DollarKey(key), e),
        _ => map.serialize_entry(key, value),
    }
}

/// Why a path or intrinsic call cannot stand where no key can carry `.$`.
pub(crate) fn not_under_dollar_key(e: &Expr) -> String {
    format!("`{e}` must be the value of a `{DOLLAR}` key; it cannot stand alone or in an array")
}
