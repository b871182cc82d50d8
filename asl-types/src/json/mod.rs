//! An exact JSON value: numbers keep the text they were written with.
//!
//! `serde_json::Value` turns `123456789012345678901234567890` into an `f64` and
//! rejects `1e400`; a state machine round-tripped through it would silently
//! change. [`Json`] keeps every number as its original text, object keys in
//! their original order, and rejects duplicate keys, so a definition read with
//! [`Json::from_str`] is written back exactly.
//!
//! # Why our own reader
//!
//! `serde_json`'s `arbitrary_precision` feature would keep number text, but a
//! Cargo feature is global: it changes how every crate in the build
//! deserializes numbers (they arrive as a private map instead of `u64`/`f64`,
//! which breaks floats inside internally tagged and untagged enums,
//! `serde_json` issues #721 and #1108), and it would still give no byte positions.
//! `serde_json` gives neither number text nor spans; `jsonc-parser` gives spans
//! but builds its own generic tree, which we would then walk a second time.
//! So the reader here is ours: strict RFC 8259, one pass over the
//! text building [`Json`] directly, numbers as written, and — only when asked,
//! through [`Json::parse_with_spans`] — the byte range of every value and key.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

mod deserializer;
mod parse;
mod pointer;
mod spans;
#[cfg(test)]
mod tests;

pub use self::spans::Spans;

/// Objects keep their keys in the order they were written.
pub type JsonObject = IndexMap<String, Json>;

/// The deepest nesting of arrays and objects [`Json::from_str`] accepts:
/// `[[1]]` nests 2 deep.
///
/// Deeper input is [`JsonError::TooDeep`], never a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// A JSON value whose numbers are kept exactly as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Json {
    /// `null`
    #[default]
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(Number),
    /// A string (escapes decoded).
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in their original order.
    Object(JsonObject),
}

/// A JSON number, kept as the exact text of the source.
///
/// ```
/// use asl_types::Number;
/// let n: Number = "1e400".parse().unwrap();
/// assert_eq!(n.to_string(), "1e400");
/// assert_eq!(Number::from(3u64).as_u64(), Some(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Number(Box<str>);

/// The text is not a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a JSON number")]
pub struct InvalidNumber(String);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a `u64`, when the text is a non-negative integer in range.
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer_text() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The value as an `i64`, when the text is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer_text() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The nearest `f64`, when it is finite.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// Whether the text has no fraction and no exponent.
    pub fn is_integer_text(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    /// A number from a finite `f64`, written as `serde_json` writes it.
    pub fn from_f64(f: f64) -> Option<Self> {
        serde_json::Number::from_f64(f).map(|n| Number(n.to_string().into()))
    }

    fn valid(text: &str) -> bool {
        parse::scan_number(text.as_bytes(), 0) == Ok(text.len())
    }
}

impl FromStr for Number {
    type Err = InvalidNumber;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if Number::valid(s) {
            Ok(Number(s.into()))
        } else {
            Err(InvalidNumber(s.to_owned()))
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Self {
                Number(n.to_string().into())
            }
        }
    )*};
}
number_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Prefer the format-neutral calls; fall back to raw text only when
        // the value has no exact integer or f64 spelling that matches.
        let text = self.as_str();
        // An integer written the way Rust writes it (no leading zero, no
        // `-0`) comes back the same from `u64` / `i64`.
        let digits = text.strip_prefix('-').unwrap_or(text);
        let canonical = self.is_integer_text()
            && (text == "0"
                || digits
                    .as_bytes()
                    .first()
                    .is_some_and(|d| (b'1'..=b'9').contains(d)));
        if canonical {
            if let Ok(u) = text.parse::<u64>() {
                return s.serialize_u64(u);
            }
            if let Ok(i) = text.parse::<i64>() {
                return s.serialize_i64(i);
            }
        } else if let Some(f) = self.as_f64()
            && serde_json::Number::from_f64(f).is_some_and(|n| n.to_string() == text)
        {
            return s.serialize_f64(f);
        }
        RawValue::from_string(text.to_owned())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Json::deserialize(d)? {
            Json::Number(n) => Ok(n),
            other => Err(de::Error::custom(format!(
                "expected a number, found {}",
                other.kind()
            ))),
        }
    }
}

/// Why a text is not a JSON document this crate accepts, or why a
/// `Deserialize` type does not fit a [`Json`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The text is not JSON: `message` says why, at 1-based `line` and
    /// `column` (counted in characters), in the value at `pointer`.
    #[error("{message} at line {line} column {column}{}", in_pointer(pointer))]
    Syntax {
        /// The line, from 1.
        line: usize,
        /// The character in the line, from 1.
        column: usize,
        /// What is wrong there, e.g. ``expected `,` or `}` ``.
        message: &'static str,
        /// The RFC 6901 pointer of the value being read (`""` at the top
        /// level or outside any value).
        pointer: String,
    },
    /// An object has the same key twice.
    #[error(
        "duplicate key `{}` at line {line} column {column}{}",
        crate::validate::escape_controls(key),
        in_pointer(pointer)
    )]
    DuplicateKey {
        /// The repeated key.
        key: String,
        /// The line of its second occurrence, from 1.
        line: usize,
        /// The character in the line, from 1.
        column: usize,
        /// The RFC 6901 pointer of the member.
        pointer: String,
    },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// The bytes are not UTF-8.
    #[error("input is not UTF-8: {0}")]
    Utf8(#[from] std::str::Utf8Error),
    /// The input is empty or only whitespace.
    #[error("input is empty")]
    Empty,
    /// A type read through `&Json` as a serde `Deserializer` does not fit
    /// the value (serde's message).
    #[error("{0}")]
    Deserialize(String),
}

/// The words `, in` and the pointer in backticks, for a pointer that is not
/// the top level.
fn in_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!(", in `{}`", crate::validate::escape_controls(pointer))
    }
}

impl Json {
    /// Parses JSON text exactly: numbers as written, keys in order,
    /// duplicate keys and nesting deeper than [`MAX_DEPTH`] rejected.
    ///
    /// ```
    /// use asl_types::Json;
    /// let v: Json = r#"{"b": 123456789012345678901234567890, "a": 1.0}"#.parse().unwrap();
    /// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"b":123456789012345678901234567890,"a":1.0}"#);
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Json, JsonError> {
        Json::from_str(parse::decode(bytes)?)
    }

    /// [`Json::parse_with_spans`] of bytes, which must be UTF-8.
    pub fn parse_bytes_with_spans(bytes: &[u8]) -> Result<(Json, Spans), JsonError> {
        Json::parse_with_spans(parse::decode(bytes)?)
    }

    /// What kind of value this is, for messages: `null`, `a boolean`, ….
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&JsonObject> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value` (numbers beyond `f64` become errors
    /// there, so this goes through text).
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    /// Parses like [`Json::from_str`] and also records where every value
    /// and member key is in `text`, by JSON pointer (see [`Spans`]).
    pub fn parse_with_spans(text: &str) -> Result<(Json, Spans), JsonError> {
        let mut spans = Spans::default();
        let json = parse::parse(text, &mut spans)?;
        Ok((json, spans))
    }

    /// The member `key`, if this is an object that has it.
    ///
    /// ```
    /// use asl_types::Json;
    /// let v: Json = r#"{"Type": "Pass", "End": true}"#.parse()?;
    /// assert_eq!(v.get("Type"), Some(&Json::from("Pass")));
    /// assert_eq!(v.get("Next"), None);
    /// # Ok::<(), asl_types::JsonError>(())
    /// ```
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.get(key)
    }

    /// The element at `index`, if this is an array that long.
    ///
    /// ```
    /// use asl_types::Json;
    /// let v: Json = r#"["a", "b"]"#.parse()?;
    /// assert_eq!(v.get_index(1), Some(&Json::from("b")));
    /// assert_eq!(v.get_index(2), None);
    /// # Ok::<(), asl_types::JsonError>(())
    /// ```
    pub fn get_index(&self, index: usize) -> Option<&Json> {
        match self {
            Json::Array(items) => items.get(index),
            _ => None,
        }
    }

    /// The value at an RFC 6901 JSON `pointer` (`""` is this value; `~1`
    /// stands for `/` and `~0` for `~` in a key), if there is one.
    ///
    /// ```
    /// use asl_types::Json;
    /// let v: Json = r#"{"States": {"a/b": {"Retry": [{"MaxAttempts": 3}]}}}"#.parse()?;
    /// let max = v.pointer("/States/a~1b/Retry/0/MaxAttempts").unwrap();
    /// assert!(matches!(max, Json::Number(n) if n.as_u64() == Some(3)));
    /// assert_eq!(v.pointer(""), Some(&v));
    /// assert_eq!(v.pointer("/States/a~1b/Retry/1"), None);
    /// # Ok::<(), asl_types::JsonError>(())
    /// ```
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        pointer::tokens(pointer)?
            .iter()
            .try_fold(self, |here, token| match here {
                Json::Object(object) => object.get(&**token),
                Json::Array(items) => items.get(pointer::index(token)?),
                _ => None,
            })
    }
}

impl FromStr for Json {
    type Err = JsonError;

    /// See [`Json::from_slice`].
    fn from_str(s: &str) -> Result<Json, JsonError> {
        parse::parse(s, &mut ())
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(object) => {
                let mut map = s.serialize_map(Some(object.len()))?;
                for (k, v) in object {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Deserializes from any serde format. Numbers arrive as `u64`, `i64` or
/// `f64` there; for exact text use [`Json::from_str`].
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<Json, E> {
                Number::from_f64(f)
                    .map(Json::Number)
                    .ok_or_else(|| E::custom("a number that is not finite"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut object = JsonObject::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value()?;
                    if object.contains_key(&key) {
                        return Err(de::Error::custom(format!(
                            "duplicate key `{key}` in an object"
                        )));
                    }
                    object.insert(key, value);
                }
                Ok(Json::Object(object))
            }
        }
        d.deserialize_any(V)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_owned())
    }
}
impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}
impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}
impl From<Number> for Json {
    fn from(n: Number) -> Self {
        Json::Number(n)
    }
}
