//! Payload templates: `Parameters`, `ResultSelector`, `ItemSelector`,
//! `Arguments`, `Output`, `Assign`, `Credentials`, … — JSON whose members may
//! be computed at run time.

use indexmap::IndexMap;
use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::expr::{Expr, Jsonata, not_under_dollar_key, serialize_member};
use crate::json::{Json, Number};
use crate::read::{At, FromJson, Issues, read_dollar_members};

/// One node of a payload template.
///
/// Object keys are stored without `.$`: a member `"Name.$": "$.name"` is the
/// key `Name` with the value `Payload::Expr(Expr::Path(..))`, and the
/// serializer writes the `.$` back. Key order is kept.
///
/// ```
/// use asl_types::{Json, Payload};
/// let text = r#"{"Name.$": "$.name", "Tags": [{"Key": "team"}], "Count": "{% $n %}"}"#;
/// let payload: Payload = text.parse().unwrap();
/// let Payload::Object(members) = &payload else { unreachable!() };
/// assert!(matches!(members["Name"], Payload::Expr(_)));
/// assert_eq!(serde_json::to_string(&payload).unwrap(), text.replace(", ", ",").replace(": ", ":"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Payload {
    /// `null`
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, exactly as written.
    Number(Number),
    /// A literal string. It cannot be of the form `{% … %}`: such a string is
    /// a JSONata expression ([`Payload::Expr`]), and writing a literal one is
    /// an error rather than a change of meaning.
    String(String),
    /// An array.
    Array(Vec<Payload>),
    /// An object; keys without `.$`.
    Object(IndexMap<String, Payload>),
    /// A value computed at run time.
    Expr(Expr),
}

impl Payload {
    /// The expression, if this is one.
    pub fn expr(&self) -> Option<&Expr> {
        match self {
            Payload::Expr(e) => Some(e),
            _ => None,
        }
    }

    /// An empty object.
    pub fn object() -> Payload {
        Payload::Object(IndexMap::new())
    }

    /// Adds the member `key` (builder style; no effect unless an object).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Payload>) -> Payload {
        if let Payload::Object(members) = &mut self {
            members.insert(key.into(), value.into());
        }
        self
    }
}

impl std::str::FromStr for Payload {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let json: Json = s.parse()?;
        Ok(crate::read::from_json(&json)?)
    }
}

/// A member that cannot be read (a `.$` value that is not a path, say) is
/// recorded and left out; the rest of the payload is kept.
impl FromJson for Payload {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        Some(match json {
            Json::Null => Payload::Null,
            Json::Bool(b) => Payload::Bool(*b),
            Json::Number(n) => Payload::Number(n.clone()),
            Json::String(s) if Jsonata::is_jsonata(s) => {
                Payload::Expr(Expr::Jsonata(Jsonata::read(json, at, issues)?))
            }
            Json::String(s) => Payload::String(s.clone()),
            Json::Array(_) => Payload::Array(crate::read::read_array(
                json,
                at,
                issues,
                "an array",
                Payload::read,
            )?),
            Json::Object(object) if issues.in_jsonata() => {
                // In a JSONata state `.$` means nothing: every key is
                // literal, only `{% … %}` strings are evaluated.
                let mut members = IndexMap::with_capacity(object.len());
                for (key, value) in object {
                    if let Some(member) = Payload::read(value, at.key(key), issues) {
                        members.insert(key.clone(), member);
                    }
                }
                Payload::Object(members)
            }
            Json::Object(object) => {
                let mut members = IndexMap::with_capacity(object.len());
                read_dollar_members(
                    object,
                    at,
                    issues,
                    Payload::read,
                    Payload::Expr,
                    &mut members,
                );
                Payload::Object(members)
            }
        })
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Payload::Null => s.serialize_unit(),
            Payload::Bool(b) => s.serialize_bool(*b),
            Payload::Number(n) => n.serialize(s),
            Payload::String(v) if Jsonata::is_jsonata(v) => Err(S::Error::custom(format!(
                "the literal string `{v}` would read back as a JSONata expression: use `Payload::Expr(Expr::Jsonata(..))` for an expression"
            ))),
            Payload::String(v) => s.serialize_str(v),
            Payload::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Payload::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    serialize_member(&mut map, k, v.expr(), v)?;
                }
                map.end()
            }
            Payload::Expr(Expr::Jsonata(j)) => j.serialize(s),
            Payload::Expr(e) => Err(S::Error::custom(not_under_dollar_key(e))),
        }
    }
}

impl From<&str> for Payload {
    fn from(s: &str) -> Self {
        Payload::String(s.to_owned())
    }
}
impl From<String> for Payload {
    fn from(s: String) -> Self {
        Payload::String(s)
    }
}
impl From<bool> for Payload {
    fn from(b: bool) -> Self {
        Payload::Bool(b)
    }
}
impl From<Number> for Payload {
    fn from(n: Number) -> Self {
        Payload::Number(n)
    }
}
impl From<Expr> for Payload {
    fn from(e: Expr) -> Self {
        Payload::Expr(e)
    }
}
impl From<crate::Path> for Payload {
    fn from(p: crate::Path) -> Self {
        Payload::Expr(Expr::Path(p))
    }
}
impl From<crate::Intrinsic> for Payload {
    fn from(i: crate::Intrinsic) -> Self {
        Payload::Expr(Expr::Intrinsic(i))
    }
}
impl From<Jsonata> for Payload {
    fn from(j: Jsonata) -> Self {
        Payload::Expr(Expr::Jsonata(j))
    }
}
impl From<Json> for Payload {
    /// A literal payload: nothing in it is treated as dynamic.
    fn from(json: Json) -> Self {
        match json {
            Json::Null => Payload::Null,
            Json::Bool(b) => Payload::Bool(b),
            Json::Number(n) => Payload::Number(n),
            Json::String(s) => Payload::String(s),
            Json::Array(items) => Payload::Array(items.into_iter().map(Payload::from).collect()),
            Json::Object(o) => Payload::Object(o.into_iter().map(|(k, v)| (k, v.into())).collect()),
        }
    }
}
macro_rules! payload_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Payload {
            fn from(n: $t) -> Self {
                Payload::Number(n.into())
            }
        }
    )*};
}
payload_from_int!(u8, u16, u32, u64, i32, i64);
