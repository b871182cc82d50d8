//! Typed `States.*` intrinsic function calls: one function per intrinsic,
//! so the number of arguments is checked by the compiler.
//!
//! Each function returns the [`Intrinsic`] the parser gives for the same call
//! written canonically (`States.Name(a, b)`), so it fills any member a
//! parsed call fills (`Payload`, `Value<T>`, `Expr`). Arguments are anything
//! that converts into an [`Arg`]: a path ([`Path`], [`ReferencePath`],
//! [`TypedPath<T>`](crate::TypedPath), [`path!`](crate::path)), a nested
//! call, a string (written as a literal: quotes, braces and backslashes
//! are escaped), an integer, a [`Number`], or a `bool`.
//!
//! ```
//! use asl_builder::{ctx, intrinsic, path};
//! use asl_builder::types::Intrinsic;
//!
//! let name = intrinsic::format("train-{}", [ctx::execution().name()]);
//! assert_eq!(name, "States.Format('train-{}', $$.Execution.Name)".parse::<Intrinsic>()?);
//!
//! let first = intrinsic::array_get_item(path!("$.items"), 0);
//! assert_eq!(first.to_string(), "States.ArrayGetItem($.items, 0)");
//!
//! let id = intrinsic::format("{}-{}", [intrinsic::uuid().into(), intrinsic::Arg::from(path!("$.suffix"))]);
//! assert_eq!(id.to_string(), "States.Format('{}-{}', States.UUID(), $.suffix)");
//! # Ok::<(), asl_builder::types::InvalidIntrinsic>(())
//! ```
//!
//! A call with the wrong number of arguments does not compile:
//!
//! ```compile_fail
//! let item = asl_builder::intrinsic::array_get_item(asl_builder::path!("$.items"));
//! ```

use asl_types::{Argument, Intrinsic, IntrinsicFunction, Number, Path, ReferencePath};

use crate::TypedPath;

/// An argument of an intrinsic call. Built with `From` (or `.into()`) from
/// paths, calls, strings, integers, [`Number`]s and `bool`s; [`Arg::NULL`]
/// is `null`.
///
/// ```
/// use asl_builder::intrinsic::{self, Arg};
/// use asl_builder::path;
///
/// let call = intrinsic::array([Arg::from(1), "it's".into(), true.into(), Arg::NULL, path!("$.x").into()]);
/// assert_eq!(call.to_string(), r"States.Array(1, 'it\'s', true, null, $.x)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Arg(Argument);

impl Arg {
    /// `null`.
    pub const NULL: Arg = Arg(Argument::Null);

    /// The argument as the model holds it.
    pub fn into_argument(self) -> Argument {
        self.0
    }
}

impl From<Argument> for Arg {
    fn from(argument: Argument) -> Self {
        Arg(argument)
    }
}

impl From<Arg> for Argument {
    fn from(arg: Arg) -> Self {
        arg.0
    }
}

impl From<Path> for Arg {
    fn from(path: Path) -> Self {
        Arg(Argument::Path(path))
    }
}

impl From<ReferencePath> for Arg {
    fn from(path: ReferencePath) -> Self {
        Arg(Argument::Path(path.path().clone()))
    }
}

impl<T> From<TypedPath<T>> for Arg {
    fn from(path: TypedPath<T>) -> Self {
        Arg(Argument::Path(path.into()))
    }
}

impl From<Intrinsic> for Arg {
    fn from(call: Intrinsic) -> Self {
        Arg(Argument::Call(call))
    }
}

/// A string literal standing for exactly this text (see [`Argument::literal`]).
impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg(Argument::literal(text))
    }
}

/// A string literal standing for exactly this text (see [`Argument::literal`]).
impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::from(text.as_str())
    }
}

impl From<Number> for Arg {
    fn from(n: Number) -> Self {
        Arg(Argument::Number(n))
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Self {
        Arg(Argument::Bool(b))
    }
}

macro_rules! arg_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg(Argument::Number(n.into()))
            }
        }
    )*};
}
arg_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

fn call<const N: usize>(function: IntrinsicFunction, args: [Arg; N]) -> Intrinsic {
    Intrinsic::new(function, args.into_iter().map(Arg::into_argument).collect())
}

/// `States.Format(template, args…)`: `template` with each `{}` replaced by
/// the next argument. Quotes and backslashes in `template` are escaped; `{}`
/// stays a placeholder (a literal brace cannot be written this way: build an
/// [`Argument::String`] with `\{` and use [`Intrinsic::new`]).
///
/// ```
/// use asl_builder::{ctx, intrinsic};
/// let call = intrinsic::format("train-{}", [ctx::execution().name()]);
/// assert_eq!(call.to_string(), "States.Format('train-{}', $$.Execution.Name)");
/// ```
pub fn format(template: &str, args: impl IntoIterator<Item = impl Into<Arg>>) -> Intrinsic {
    let mut all = vec![Argument::template(template)];
    all.extend(args.into_iter().map(|a| a.into().into_argument()));
    Intrinsic::new(IntrinsicFunction::Format, all)
}

/// `States.StringToJson(text)`: parses a JSON string.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::string_to_json(path!("$.body")).to_string(), "States.StringToJson($.body)");
/// ```
pub fn string_to_json(text: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::StringToJson, [text.into()])
}

/// `States.JsonToString(value)`: serializes a value to a JSON string.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::json_to_string(path!("$.config")).to_string(), "States.JsonToString($.config)");
/// ```
pub fn json_to_string(value: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::JsonToString, [value.into()])
}

/// `States.Array(items…)`: an array of the arguments.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array([path!("$.a"), path!("$.b")]).to_string(), "States.Array($.a, $.b)");
/// ```
pub fn array(items: impl IntoIterator<Item = impl Into<Arg>>) -> Intrinsic {
    let args = items
        .into_iter()
        .map(|a| a.into().into_argument())
        .collect();
    Intrinsic::new(IntrinsicFunction::Array, args)
}

/// `States.ArrayPartition(array, size)`: chunks of `size` items.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array_partition(path!("$.ids"), 10).to_string(), "States.ArrayPartition($.ids, 10)");
/// ```
pub fn array_partition(array: impl Into<Arg>, size: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::ArrayPartition,
        [array.into(), size.into()],
    )
}

/// `States.ArrayContains(array, value)`: whether `array` holds `value`.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array_contains(path!("$.tags"), "prod").to_string(), "States.ArrayContains($.tags, 'prod')");
/// ```
pub fn array_contains(array: impl Into<Arg>, value: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::ArrayContains,
        [array.into(), value.into()],
    )
}

/// `States.ArrayRange(start, end, step)`: the integers from `start` to
/// `end` (inclusive) by `step`.
///
/// ```
/// use asl_builder::intrinsic;
/// assert_eq!(intrinsic::array_range(1, 9, 2).to_string(), "States.ArrayRange(1, 9, 2)");
/// ```
pub fn array_range(start: impl Into<Arg>, end: impl Into<Arg>, step: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::ArrayRange,
        [start.into(), end.into(), step.into()],
    )
}

/// `States.ArrayGetItem(array, index)`: the item at `index`.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array_get_item(path!("$.items"), path!("$.i")).to_string(), "States.ArrayGetItem($.items, $.i)");
/// ```
pub fn array_get_item(array: impl Into<Arg>, index: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::ArrayGetItem,
        [array.into(), index.into()],
    )
}

/// `States.ArrayLength(array)`: the number of items.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array_length(path!("$.items")).to_string(), "States.ArrayLength($.items)");
/// ```
pub fn array_length(array: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::ArrayLength, [array.into()])
}

/// `States.ArrayUnique(array)`: the items without duplicates.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::array_unique(path!("$.ids")).to_string(), "States.ArrayUnique($.ids)");
/// ```
pub fn array_unique(array: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::ArrayUnique, [array.into()])
}

/// `States.Base64Encode(text)`.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::base64_encode(path!("$.raw")).to_string(), "States.Base64Encode($.raw)");
/// ```
pub fn base64_encode(text: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::Base64Encode, [text.into()])
}

/// `States.Base64Decode(encoded)`.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::base64_decode(path!("$.encoded")).to_string(), "States.Base64Decode($.encoded)");
/// ```
pub fn base64_decode(encoded: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::Base64Decode, [encoded.into()])
}

/// `States.Hash(data, algorithm)`: `algorithm` is `"MD5"`, `"SHA-1"`,
/// `"SHA-256"`, `"SHA-384"` or `"SHA-512"` (or a path to one).
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::hash(path!("$.data"), "SHA-256").to_string(), "States.Hash($.data, 'SHA-256')");
/// ```
pub fn hash(data: impl Into<Arg>, algorithm: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::Hash, [data.into(), algorithm.into()])
}

/// `States.JsonMerge(a, b, false)`: a shallow merge, `b`'s members winning
/// (AWS supports only `false`, the third argument, which this writes).
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::json_merge(path!("$.defaults"), path!("$.overrides")).to_string(), "States.JsonMerge($.defaults, $.overrides, false)");
/// ```
pub fn json_merge(a: impl Into<Arg>, b: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::JsonMerge,
        [a.into(), b.into(), false.into()],
    )
}

/// `States.MathRandom(start, end)`: a random integer in `[start, end)`.
///
/// ```
/// use asl_builder::intrinsic;
/// assert_eq!(intrinsic::math_random(1, 100).to_string(), "States.MathRandom(1, 100)");
/// ```
pub fn math_random(start: impl Into<Arg>, end: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::MathRandom, [start.into(), end.into()])
}

/// `States.MathRandom(start, end, seed)`: as [`math_random`], seeded.
///
/// ```
/// use asl_builder::intrinsic;
/// assert_eq!(intrinsic::math_random_seeded(1, 100, 42).to_string(), "States.MathRandom(1, 100, 42)");
/// ```
pub fn math_random_seeded(
    start: impl Into<Arg>,
    end: impl Into<Arg>,
    seed: impl Into<Arg>,
) -> Intrinsic {
    call(
        IntrinsicFunction::MathRandom,
        [start.into(), end.into(), seed.into()],
    )
}

/// `States.MathAdd(a, b)`: the sum of two integers.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::math_add(path!("$.attempt"), 1).to_string(), "States.MathAdd($.attempt, 1)");
/// ```
pub fn math_add(a: impl Into<Arg>, b: impl Into<Arg>) -> Intrinsic {
    call(IntrinsicFunction::MathAdd, [a.into(), b.into()])
}

/// `States.StringSplit(text, separators)`: `text` split at any of the
/// characters in `separators`.
///
/// ```
/// use asl_builder::{intrinsic, path};
/// assert_eq!(intrinsic::string_split(path!("$.csv"), ",").to_string(), "States.StringSplit($.csv, ',')");
/// ```
pub fn string_split(text: impl Into<Arg>, separators: impl Into<Arg>) -> Intrinsic {
    call(
        IntrinsicFunction::StringSplit,
        [text.into(), separators.into()],
    )
}

/// `States.UUID()`: a version 4 UUID.
///
/// ```
/// assert_eq!(asl_builder::intrinsic::uuid().to_string(), "States.UUID()");
/// ```
pub fn uuid() -> Intrinsic {
    call(IntrinsicFunction::Uuid, [])
}
