//! Integer fields, kept as written.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::json::{Json, Number};
use crate::read::{At, FromJson, Issues};

/// The value of an integer field (`TimeoutSeconds`, `MaxAttempts`, Wait
/// `Seconds`, …): an `i64` that is written back as it was read, so `-0`
/// stays `-0` (it is `0` to [`Integer::get`]).
///
/// ```
/// use asl_types::{Integer, StateMachine};
///
/// let text = r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": -0, "End": true}}}"#;
/// let machine: StateMachine = text.parse()?;
/// assert!(machine.to_canonical_string()?.contains(r#""Seconds": -0"#));
/// assert_eq!(Integer::from(5).get(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Integer {
    value: i64,
    /// Written `-0`.
    negative_zero: bool,
}

impl Integer {
    /// The integer `value`.
    pub const fn new(value: i64) -> Integer {
        Integer {
            value,
            negative_zero: false,
        }
    }

    /// The value (`0` for `-0`).
    pub const fn get(self) -> i64 {
        self.value
    }

    /// Whether it was written `-0`.
    pub const fn is_negative_zero(self) -> bool {
        self.negative_zero
    }
}

macro_rules! integer_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Integer {
            fn from(value: $t) -> Integer {
                Integer::new(i64::from(value))
            }
        }
    )*};
}
integer_from!(i8, i16, i32, i64, u8, u16, u32);

impl From<Integer> for i64 {
    fn from(i: Integer) -> i64 {
        i.value
    }
}

impl PartialEq<i64> for Integer {
    fn eq(&self, other: &i64) -> bool {
        self.value == *other
    }
}

/// As written: `-0` for negative zero.
impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative_zero {
            f.write_str("-0")
        } else {
            write!(f, "{}", self.value)
        }
    }
}

impl Serialize for Integer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.negative_zero {
            // The number's own serializer writes `-0` as raw text.
            "-0".parse::<Number>().expect("a JSON number").serialize(s)
        } else {
            s.serialize_i64(self.value)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Integer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::read::deserialize(d)
    }
}

impl FromJson for Integer {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let value = i64::read(json, at, issues)?;
        let negative_zero = matches!(json, Json::Number(n) if n.as_str() == "-0");
        Some(Integer {
            value,
            negative_zero,
        })
    }
}
