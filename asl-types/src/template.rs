//! Typed payload templates: [`Template`], and [`DynMap`] for maps whose
//! values may be computed at run time.

use indexmap::IndexMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::expr::{Expr, Value, dollar_key, not_under_dollar_key, serialize_member};
use crate::json::{Json, Number};
use crate::payload::Payload;
use crate::read::{At, FromJson, Issues, expect_object, read_dollar_members};
use crate::validate::{Issue, Report, Rule};

pub use asl_macros::Template;

/// A typed payload template: an object whose members may each be a literal
/// or computed at run time (see [`Value`]).
///
/// `#[derive(Template)]` implements it; the generated SageMaker requests
/// ([`crate::sagemaker`]) are templates. A template converts to and from the
/// untyped [`Payload`] a Task state stores in `Parameters` or `Arguments`,
/// exactly: numbers keep their text, members their order.
pub trait Template: FromJson + Serialize + ToPayload {
    /// The untyped payload this template writes, built directly (no text in
    /// between): members in declaration order, literals as they are, paths,
    /// intrinsic calls and JSONata expressions as [`Payload::Expr`].
    ///
    /// # Errors
    ///
    /// When a path or intrinsic call stands where no `.$` key can mark it
    /// (an element of a list): a `dynamic-value` issue with its pointer.
    fn to_payload(&self) -> Result<Payload, Issue> {
        self.to_payload_at(At::root())
    }

    /// Reads an untyped payload as this template.
    ///
    /// # Errors
    ///
    /// When the payload does not fit: an unknown, missing or mistyped member,
    /// each with its JSON pointer in the payload.
    fn from_payload(payload: &Payload) -> Result<Self, Report> {
        let json =
            payload_to_json(payload, At::root()).map_err(|i| Report::from_issues(vec![i]))?;
        crate::read::from_json(&json)
    }

    /// Reads an untyped payload as this template, as far as it goes: the
    /// template when one could be made (without what was broken), and every
    /// issue, warnings included (a SageMaker enum value the model does not
    /// list reads as `Unknown` with a warning).
    fn read_payload(payload: &Payload) -> (Option<Self>, Report) {
        match payload_to_json(payload, At::root()) {
            Ok(json) => crate::read::lenient(&json),
            Err(issue) => (None, Report::from_issues(vec![issue])),
        }
    }

    /// Reads a template from JSON text.
    ///
    /// # Errors
    ///
    /// When the text is not JSON ([`crate::Error::Json`]) or does not fit
    /// ([`crate::Error::Model`]).
    fn parse(text: &str) -> Result<Self, crate::Error> {
        let json: Json = text.parse()?;
        Ok(crate::read::from_json(&json)?)
    }
}

/// A value that can stand in a payload: what a [`Template`] member holds.
///
/// Implemented for the literal types (`String`, `bool`, integers, finite
/// floats, [`Number`], [`Json`]), for lists of [`Value`]s, [`DynMap`], and by
/// `#[derive(Template)]`.
pub trait ToPayload {
    /// The payload of `self`, found at `at` (for the pointer of an issue).
    ///
    /// # Errors
    ///
    /// A path or intrinsic call where no `.$` key can mark it (an element of
    /// a list), or a float JSON cannot write.
    fn to_payload_at(&self, at: At<'_>) -> Result<Payload, Issue>;
}

impl<T: ToPayload> ToPayload for Value<T> {
    fn to_payload_at(&self, at: At<'_>) -> Result<Payload, Issue> {
        match self {
            Value::Literal(t) => t.to_payload_at(at),
            Value::Expr(e) => Ok(Payload::Expr(e.clone())),
        }
    }
}

impl ToPayload for String {
    fn to_payload_at(&self, _: At<'_>) -> Result<Payload, Issue> {
        Ok(Payload::String(self.clone()))
    }
}

impl ToPayload for bool {
    fn to_payload_at(&self, _: At<'_>) -> Result<Payload, Issue> {
        Ok(Payload::Bool(*self))
    }
}

impl ToPayload for Number {
    fn to_payload_at(&self, _: At<'_>) -> Result<Payload, Issue> {
        Ok(Payload::Number(self.clone()))
    }
}

impl ToPayload for Json {
    /// A literal: nothing in it is dynamic.
    fn to_payload_at(&self, _: At<'_>) -> Result<Payload, Issue> {
        Ok(Payload::from(self.clone()))
    }
}

macro_rules! int_to_payload {
    ($($t:ty),*) => {$(
        impl ToPayload for $t {
            fn to_payload_at(&self, _: At<'_>) -> Result<Payload, Issue> {
                Ok(Payload::Number(Number::from(*self)))
            }
        }
    )*};
}
int_to_payload!(i32, i64, u32, u64);

macro_rules! float_to_payload {
    ($($t:ty),*) => {$(
        impl ToPayload for $t {
            fn to_payload_at(&self, at: At<'_>) -> Result<Payload, Issue> {
                // Through the shortest decimal text, so `0.1f32` is `0.1`.
                self.to_string()
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Payload::Number)
                    .ok_or_else(|| at.issue(Rule::InvalidValue, format!("`{self}` is not a number JSON can write")))
            }
        }
    )*};
}
float_to_payload!(f32, f64);

impl<T: ToPayload> ToPayload for Vec<Value<T>> {
    fn to_payload_at(&self, at: At<'_>) -> Result<Payload, Issue> {
        self.iter()
            .enumerate()
            .map(|(i, item)| {
                let here = at.index(i);
                match item {
                    Value::Expr(e) if e.needs_dollar_key() => {
                        Err(here.issue(Rule::DynamicValue, not_under_dollar_key(e)))
                    }
                    _ => item.to_payload_at(here),
                }
            })
            .collect::<Result<_, _>>()
            .map(Payload::Array)
    }
}

impl<V: ToPayload> ToPayload for DynMap<V> {
    fn to_payload_at(&self, at: At<'_>) -> Result<Payload, Issue> {
        let mut members = IndexMap::with_capacity(self.0.len());
        for (key, value) in &self.0 {
            members.insert(key.clone(), value.to_payload_at(at.key(key))?);
        }
        Ok(Payload::Object(members))
    }
}

/// The JSON a payload is written as: `.$` on the keys of paths and
/// intrinsic calls, expressions as strings.
pub(crate) fn payload_to_json(payload: &Payload, at: At<'_>) -> Result<Json, Issue> {
    Ok(match payload {
        Payload::Null => Json::Null,
        Payload::Bool(b) => Json::Bool(*b),
        Payload::Number(n) => Json::Number(n.clone()),
        Payload::String(s) => Json::String(s.clone()),
        Payload::Array(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| payload_to_json(item, at.index(i)))
                .collect::<Result<_, _>>()?,
        ),
        Payload::Object(members) => {
            let mut object = IndexMap::with_capacity(members.len());
            for (key, value) in members {
                match value {
                    Payload::Expr(e) if e.needs_dollar_key() => {
                        object.insert(dollar_key(key), Json::String(e.to_string()));
                    }
                    _ => {
                        let json = payload_to_json(value, at.key(key))?;
                        object.insert(key.clone(), json);
                    }
                }
            }
            Json::Object(object)
        }
        Payload::Expr(Expr::Jsonata(j)) => Json::String(j.to_string()),
        Payload::Expr(e) => {
            return Err(at.issue(Rule::DynamicValue, not_under_dollar_key(e)));
        }
    })
}

/// A map whose values may each be computed at run time, such as SageMaker's
/// `HyperParameters` or `Environment`:
/// `{"epochs.$": "$.epochs", "mode": "batch"}`.
///
/// Keys keep their order. Reading strips `.$` from a key and reads its value
/// as a path or intrinsic call; writing puts `.$` back.
///
/// ```
/// use asl_types::{DynMap, Path, Template};
/// let mut params: DynMap<String> = DynMap::from([("mode", "batch")]);
/// params.insert("epochs", Path::input().field("epochs"));
/// let text = serde_json::to_string(&params)?;
/// assert_eq!(text, r#"{"mode":"batch","epochs.$":"$.epochs"}"#);
/// assert_eq!(DynMap::<String>::parse(&text)?, params);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynMap<V>(IndexMap<String, Value<V>>);

impl<V> DynMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        DynMap(IndexMap::new())
    }

    /// Sets `key` (without `.$`), keeping its place if it was there.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value<V>>) {
        self.0.insert(key.into(), value.into());
    }

    /// Adds `key` (builder style).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value<V>>) -> Self {
        self.insert(key, value);
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value<V>> {
        self.0.get(key)
    }

    /// The entries, in order.
    pub fn iter(&self) -> indexmap::map::Iter<'_, String, Value<V>> {
        self.0.iter()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries as an ordered map.
    pub fn as_map(&self) -> &IndexMap<String, Value<V>> {
        &self.0
    }

    /// The entries as an ordered map, to change.
    pub fn as_map_mut(&mut self) -> &mut IndexMap<String, Value<V>> {
        &mut self.0
    }
}

impl<V> Default for DynMap<V> {
    fn default() -> Self {
        DynMap::new()
    }
}

impl<V, K: Into<String>, U: Into<Value<V>>> FromIterator<(K, U)> for DynMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, U)>>(iter: I) -> Self {
        DynMap(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<V, K: Into<String>, U: Into<Value<V>>, const N: usize> From<[(K, U); N]> for DynMap<V> {
    fn from(entries: [(K, U); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> From<IndexMap<String, Value<V>>> for DynMap<V> {
    fn from(map: IndexMap<String, Value<V>>) -> Self {
        DynMap(map)
    }
}

impl<V> IntoIterator for DynMap<V> {
    type Item = (String, Value<V>);
    type IntoIter = indexmap::map::IntoIter<String, Value<V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'m, V> IntoIterator for &'m DynMap<V> {
    type Item = (&'m String, &'m Value<V>);
    type IntoIter = indexmap::map::Iter<'m, String, Value<V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V> From<DynMap<V>> for Value<DynMap<V>> {
    fn from(map: DynMap<V>) -> Self {
        Value::Literal(map)
    }
}

/// A literal map from an array of entries: `[("mode", "batch")].into()`.
impl<V, K: Into<String>, U: Into<Value<V>>, const N: usize> From<[(K, U); N]> for Value<DynMap<V>> {
    fn from(entries: [(K, U); N]) -> Self {
        Value::Literal(entries.into())
    }
}

/// A literal list from an array whose elements convert:
/// `["tc", "Labeling"].into()` is a `Value<Vec<Value<String>>>`.
impl<T, U: Into<Value<T>>, const N: usize> From<[U; N]> for Value<Vec<Value<T>>> {
    fn from(items: [U; N]) -> Self {
        Value::Literal(items.into_iter().map(Into::into).collect())
    }
}

/// Integers fill number members (`"InitialVariantWeight": 1`); other numbers
/// are written as [`Number`]s (`"0.25".parse::<Number>()?`), which keep their text.
macro_rules! number_value_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<Number> {
            fn from(n: $t) -> Self {
                Value::Literal(Number::from(n))
            }
        }
    )*};
}
number_value_from_int!(i32, i64, u32, u64);

impl<V: FromJson> FromJson for DynMap<V> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let object = issues.ok(expect_object(json, at))?;
        let mut map = IndexMap::with_capacity(object.len());
        let whole = read_dollar_members(object, at, issues, Value::read, Value::Expr, &mut map);
        whole.then_some(DynMap(map))
    }
}

impl<V: Serialize> Serialize for DynMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            serialize_member(&mut map, key, value.expr(), value)?;
        }
        map.end()
    }
}

/// Reads through [`Json`]; numbers pass through `f64` there — use
/// [`Template::parse`] to keep them exactly.
impl<'de, V: FromJson> serde::Deserialize<'de> for DynMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::read::deserialize(d)
    }
}

impl<V: FromJson + Serialize + ToPayload> Template for DynMap<V> {}
