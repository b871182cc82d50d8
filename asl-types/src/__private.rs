//! Used by `#[derive(Template)]` expansions only; not part of the public API.

pub use serde;

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::error::{At, ErrorKind, ParseError};
use crate::expr::Value;
use crate::from_json::{FromJson, wrong_type};
use crate::json::{Json, JsonObject};

/// Reads the members of one template object by name (`Key` or `Key.$`),
/// collecting every problem, then reports the members never asked for.
pub struct Members<'j, 'a> {
    object: &'j JsonObject,
    at: At<'a>,
    what: &'static str,
    used: Vec<bool>,
    /// Each problem with where it is in the object, to report in document
    /// order: 0 for the object itself, `i + 1` for its `i`-th member.
    errors: Vec<(usize, ParseError)>,
}

impl<'j, 'a> Members<'j, 'a> {
    /// Starts reading `json`, which must be an object; `what` names it.
    pub fn new(json: &'j Json, at: At<'a>, what: &'static str) -> Result<Self, ParseError> {
        let object = json
            .as_object()
            .ok_or_else(|| wrong_type(json, at, &format!("{what} to be an object")))?;
        Ok(Members {
            object,
            at,
            what,
            used: vec![false; object.len()],
            errors: Vec::new(),
        })
    }

    fn take(&mut self, key: &str) -> Option<(usize, &'j Json)> {
        let (i, _, v) = self.object.get_full(key)?;
        self.used[i] = true;
        Some((i, v))
    }

    /// Reads the optional member `key`; a problem is recorded, not returned.
    pub fn optional<T: FromJson>(&mut self, key: &str) -> Option<Value<T>> {
        let plain = self.take(key);
        let dollar = self.take(&format!("{key}.$"));
        let position = match (plain, dollar) {
            (Some((i, _)), Some((j, _))) => i.min(j) + 1,
            (Some((i, _)), None) | (None, Some((i, _))) => i + 1,
            (None, None) => 0,
        };
        match Value::from_member(plain.map(|p| p.1), dollar.map(|d| d.1), self.at, key) {
            Ok(value) => value,
            Err(e) => {
                self.errors.push((position, e));
                None
            }
        }
    }

    /// Reads the required member `key`; its absence is recorded as a problem.
    pub fn required<T: FromJson>(&mut self, key: &str) -> Option<Value<T>> {
        let present =
            self.object.contains_key(key) || self.object.contains_key(&format!("{key}.$"));
        if !present {
            self.errors.push((0, missing(self.at, key, self.what)));
        }
        self.optional(key)
    }

    /// Every problem found, plus one per member never read, in document order.
    pub fn finish(mut self) -> Result<(), ParseError> {
        for (i, used) in self.used.iter().enumerate() {
            if !used {
                let (key, _) = self.object.get_index(i).expect("index below the length");
                let error = self.at.key(key).error(
                    ErrorKind::UnknownField,
                    format!("unknown field `{key}` in {}", self.what),
                );
                self.errors.push((i + 1, error));
            }
        }
        self.errors.sort_by_key(|(position, _)| *position); // stable: missing members in model order
        match ParseError::merge(self.errors.into_iter().map(|(_, e)| e)) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

fn missing(at: At<'_>, key: &str, what: &str) -> ParseError {
    at.error(
        ErrorKind::MissingField,
        format!("missing field `{key}` in {what}"),
    )
}

/// The value of a required member, read by [`Members::required`] (after
/// [`Members::finish`] succeeded, it is always there).
pub fn present<T>(
    value: Option<Value<T>>,
    at: At<'_>,
    key: &str,
    what: &str,
) -> Result<Value<T>, ParseError> {
    value.ok_or_else(|| missing(at, key, what))
}

/// `Deserialize` of a derived template: through [`Json`], then [`FromJson`].
pub fn deserialize<'de, D: serde::Deserializer<'de>, T: FromJson>(d: D) -> Result<T, D::Error> {
    let json = <Json as serde::Deserialize>::deserialize(d)?;
    T::from_json(&json, At::root()).map_err(serde::de::Error::custom)
}

/// A string outside a derived enum.
pub fn not_listed(at: At<'_>, value: &str, expected: &str) -> ParseError {
    at.error(
        ErrorKind::InvalidValue,
        format!("`{value}` is not an allowed value; expected {expected}"),
    )
}

/// A field of a derived template: `Value<T>` or `Option<Value<T>>`.
pub trait Member {
    /// 1 when the member is written, else 0.
    fn count(&self) -> usize;
    /// Writes the member under `key`, or `dollar_key` when its value is a
    /// path or intrinsic call.
    fn write<S: SerializeStruct>(
        &self,
        out: &mut S,
        key: &'static str,
        dollar_key: &'static str,
    ) -> Result<(), S::Error>;
}

impl<T: Serialize> Member for Value<T> {
    fn count(&self) -> usize {
        1
    }
    fn write<S: SerializeStruct>(
        &self,
        out: &mut S,
        key: &'static str,
        dollar_key: &'static str,
    ) -> Result<(), S::Error> {
        match self {
            Value::Expr(e) if e.needs_dollar_key() => out.serialize_field(dollar_key, e),
            _ => out.serialize_field(key, self),
        }
    }
}

impl<T: Serialize> Member for Option<Value<T>> {
    fn count(&self) -> usize {
        usize::from(self.is_some())
    }
    fn write<S: SerializeStruct>(
        &self,
        out: &mut S,
        key: &'static str,
        dollar_key: &'static str,
    ) -> Result<(), S::Error> {
        match self {
            Some(value) => value.write(out, key, dollar_key),
            None => Ok(()),
        }
    }
}
