//! Reading the model out of a [`Json`] tree, with a JSON pointer on every error.

use indexmap::IndexMap;

use crate::error::{At, ErrorKind, ParseError};
use crate::json::{Json, JsonObject, Number};

/// A type that can be read from an exact [`Json`] value.
///
/// Every model type implements it; `serde::Deserialize` for the model is
/// `Json::deserialize` followed by `from_json`. Errors name the JSON pointer
/// of the offending value through `at`.
pub trait FromJson: Sized {
    /// Reads `json`, found at `at`.
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError>;
}

/// An error for a value of the wrong JSON type.
pub fn wrong_type(json: &Json, at: At<'_>, expected: &str) -> ParseError {
    at.error(
        ErrorKind::WrongType,
        format!("expected {expected}, found {}", json.kind()),
    )
}

impl FromJson for Json {
    fn from_json(json: &Json, _: At<'_>) -> Result<Self, ParseError> {
        Ok(json.clone())
    }
}

impl FromJson for String {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        match json {
            Json::String(s) => Ok(s.clone()),
            other => Err(wrong_type(other, at, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        match json {
            Json::Bool(b) => Ok(*b),
            other => Err(wrong_type(other, at, "a boolean")),
        }
    }
}

impl FromJson for Number {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        match json {
            Json::Number(n) => Ok(n.clone()),
            other => Err(wrong_type(other, at, "a number")),
        }
    }
}

macro_rules! int_from_json {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
                match json {
                    Json::Number(n) if n.is_integer_text() => n.as_str().parse().map_err(|_| {
                        at.error(
                            ErrorKind::InvalidValue,
                            format!("`{n}` is out of range for {}", stringify!($t)),
                        )
                    }),
                    other => Err(wrong_type(other, at, "an integer")),
                }
            }
        }
    )*};
}
int_from_json!(u8, u16, u32, u64, i32, i64);

impl FromJson for f64 {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        match json {
            Json::Number(n) => n.as_f64().ok_or_else(|| {
                at.error(
                    ErrorKind::InvalidValue,
                    format!("`{n}` is out of range for f64"),
                )
            }),
            other => Err(wrong_type(other, at, "a number")),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        match json {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item, at.index(i)))
                .collect(),
            other => Err(wrong_type(other, at, "an array")),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        T::from_json(json, at).map(Box::new)
    }
}

impl<T: FromJson> FromJson for IndexMap<String, T> {
    fn from_json(json: &Json, at: At<'_>) -> Result<Self, ParseError> {
        let object = expect_object(json, at)?;
        object
            .iter()
            .map(|(k, v)| Ok((k.clone(), T::from_json(v, at.key(k))?)))
            .collect()
    }
}

/// The object, or a wrong-type error.
pub fn expect_object<'j>(json: &'j Json, at: At<'_>) -> Result<&'j JsonObject, ParseError> {
    json.as_object()
        .ok_or_else(|| wrong_type(json, at, "an object"))
}

/// Reads the fields of one JSON object by name, then reports any field that
/// was not asked for as unknown.
///
/// ```
/// use asl_types::{At, Fields, Json};
/// let json: Json = r#"{"Next": "B", "Nope": 1}"#.parse().unwrap();
/// let mut fields = Fields::new(&json, At::root(), "Pass state").unwrap();
/// let next: Option<String> = fields.optional("Next").unwrap();
/// assert_eq!(next.as_deref(), Some("B"));
/// let err = fields.finish().unwrap_err();
/// assert_eq!(err.to_string(), "-: /Nope: unknown field `Nope` in Pass state [unknown-field]");
/// ```
pub struct Fields<'j, 'a> {
    object: &'j JsonObject,
    at: At<'a>,
    what: &'static str,
    used: Vec<bool>,
}

impl<'j, 'a> Fields<'j, 'a> {
    /// Starts reading `json`, which must be an object; `what` names it in
    /// messages ("Task state", "retrier").
    pub fn new(json: &'j Json, at: At<'a>, what: &'static str) -> Result<Self, ParseError> {
        let object = json
            .as_object()
            .ok_or_else(|| wrong_type(json, at, &format!("{what} to be an object")))?;
        Ok(Fields {
            object,
            at,
            what,
            used: vec![false; object.len()],
        })
    }

    /// Where the object is.
    pub fn at(&self) -> At<'a> {
        self.at
    }

    /// The raw value of `key`, marked as read.
    pub fn raw(&mut self, key: &str) -> Option<&'j Json> {
        let (i, _, v) = self.object.get_full(key)?;
        self.used[i] = true;
        Some(v)
    }

    /// Whether the object has `key` (does not mark it read).
    pub fn has(&self, key: &str) -> bool {
        self.object.contains_key(key)
    }

    /// Reads `key` if present.
    pub fn optional<T: FromJson>(&mut self, key: &str) -> Result<Option<T>, ParseError> {
        self.optional_with(key, T::from_json)
    }

    /// Reads `key` if present, with a reader of its own.
    pub fn optional_with<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&Json, At<'_>) -> Result<T, ParseError>,
    ) -> Result<Option<T>, ParseError> {
        let at = self.at;
        match self.raw(key) {
            Some(v) => read(v, at.key(key)).map(Some),
            None => Ok(None),
        }
    }

    /// Reads `key`, which must be present.
    pub fn required<T: FromJson>(&mut self, key: &str) -> Result<T, ParseError> {
        self.required_with(key, T::from_json)
    }

    /// Reads `key`, which must be present, with a reader of its own.
    pub fn required_with<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&Json, At<'_>) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        let what = self.what;
        self.optional_with(key, read)?.ok_or_else(|| {
            self.at.error(
                ErrorKind::MissingField,
                format!("missing field `{key}` in {what}"),
            )
        })
    }

    /// Marks `key` as read without reading it.
    pub fn skip(&mut self, key: &str) {
        self.raw(key);
    }

    /// Fails on the first field that was never read.
    pub fn finish(self) -> Result<(), ParseError> {
        match self.used.iter().position(|used| !used) {
            None => Ok(()),
            Some(i) => {
                let key = self.object.get_index(i).map_or("", |(k, _)| k.as_str());
                Err(self.at.key(key).error(
                    ErrorKind::UnknownField,
                    format!("unknown field `{key}` in {}", self.what),
                ))
            }
        }
    }
}
