//! `&Json` as a serde [`Deserializer`]: `T::deserialize(&json)` for any
//! `T: Deserialize`, as with `serde_json::Value`.

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, MapDeserializer, SeqDeserializer,
};
use serde::de::{self, Deserializer, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use super::{Json, JsonError, Number};

/// Reads any `T: Deserialize` out of a [`Json`], borrowing its strings.
///
/// Integers arrive as `u64` when the text fits one, else as `i64` when it
/// fits that; every other number arrives as the nearest `f64`. A number
/// beyond what `f64` holds exactly (`123456789012345678901234567890`,
/// `0.1000000000000000000001`, `1e400`, which becomes infinity) therefore
/// reaches such a deserializer only approximately; its exact text stays
/// available through [`Json::Number`].
///
/// ```
/// use asl_types::Json;
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug, PartialEq)]
/// struct Config<'a> {
///     name: &'a str,
///     count: u32,
///     rate: f64,
///     tags: Vec<String>,
///     owner: Option<String>,
/// }
///
/// let json: Json = r#"{"name": "train", "count": 4, "rate": 1.5e-3, "tags": ["a"], "owner": null}"#.parse()?;
/// let config = Config::deserialize(&json)?;
/// assert_eq!(config, Config { name: "train", count: 4, rate: 0.0015, tags: vec!["a".into()], owner: None });
///
/// let err = u8::deserialize(&Json::from("x")).unwrap_err();
/// assert_eq!(err.to_string(), "invalid type: string \"x\", expected u8");
/// # Ok::<(), asl_types::JsonError>(())
/// ```
impl<'de> Deserializer<'de> for &'de Json {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Number(n) => visit_number(n, visitor),
            Json::String(s) => visitor.visit_borrowed_str(s),
            Json::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Json::Object(object) => {
                let mut map = MapDeserializer::new(
                    object
                        .iter()
                        .map(|(k, v)| (BorrowedStrDeserializer::new(k), v)),
                );
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is a string; any other variant an object with one
    /// member, the variant's name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self {
            Json::String(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            Json::Object(object) if object.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(MapDeserializer::new(
                    object
                        .iter()
                        .map(|(k, v)| (BorrowedStrDeserializer::new(k), v)),
                )))
            }
            other => Err(de::Error::invalid_type(
                unexpected(other),
                &"a string or an object with one member",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl<'de> IntoDeserializer<'de, JsonError> for &'de Json {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, JsonError> {
    if n.is_integer_text() {
        if let Some(u) = n.as_u64() {
            return visitor.visit_u64(u);
        }
        if let Some(i) = n.as_i64() {
            return visitor.visit_i64(i);
        }
    }
    // Overflow gives infinity, never an error: the text is JSON number syntax.
    visitor.visit_f64(n.as_str().parse().expect("JSON number text is f64 syntax"))
}

fn unexpected(json: &Json) -> Unexpected<'_> {
    match json {
        Json::Null => Unexpected::Unit,
        Json::Bool(b) => Unexpected::Bool(*b),
        Json::Number(_) => Unexpected::Other("number"),
        Json::String(s) => Unexpected::Str(s),
        Json::Array(_) => Unexpected::Seq,
        Json::Object(_) => Unexpected::Map,
    }
}

impl de::Error for JsonError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        JsonError::Deserialize(msg.to_string())
    }
}
