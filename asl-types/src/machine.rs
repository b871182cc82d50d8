//! The state machine: the top level of a definition.

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::enums::QueryLanguage;
use crate::error::At;
use crate::from_json::FromJson;
use crate::json::Json;
use crate::names::StateName;
use crate::record::record;
use crate::state::States;

record! {
    /// A complete state machine definition.
    ///
    /// ```
    /// use asl_types::{State, StateMachine};
    /// let text = r#"{
    ///   "StartAt": "Hello",
    ///   "States": { "Hello": { "Type": "Pass", "Result": 1e3, "End": true } }
    /// }"#;
    /// let machine: StateMachine = text.parse()?;
    /// assert!(matches!(machine.states["Hello"], State::Pass(_)));
    /// assert_eq!(
    ///     machine.to_json_string()?,
    ///     r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":1e3,"End":true}}}"#
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct StateMachine as "state machine" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage`: the default for every state (JSONPath when absent).
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `Version` of the language (`"1.0"`).
        version: opt String = "Version",
        /// `StartAt`: the first state.
        start_at: req StateName = "StartAt",
        /// `TimeoutSeconds`: the execution's time limit.
        timeout_seconds: opt i64 = "TimeoutSeconds",
        /// `States`, in order.
        states: req States = "States",
    }
}

impl StateMachine {
    /// Reads a definition from JSON text, exactly (numbers as written).
    ///
    /// # Errors
    /// [`crate::Error::Json`] when the text is not JSON (or is nested deeper
    /// than 128 levels, or repeats a key); [`crate::Error::Model`] listing
    /// every state that does not fit the model.
    pub fn from_slice(bytes: &[u8]) -> Result<StateMachine, crate::Error> {
        let json = Json::from_slice(bytes)?;
        Ok(StateMachine::from_json_value(&json)?)
    }

    /// Reads a definition from a parsed [`Json`] value.
    ///
    /// # Errors
    /// Every state that does not fit the model.
    pub fn from_json_value(json: &Json) -> Result<StateMachine, crate::ParseError> {
        StateMachine::from_json(json, At::root())
    }

    /// The definition as compact JSON.
    ///
    /// # Errors
    /// When a path or intrinsic call stands where no `.$` key can carry it
    /// (only possible in a machine built by hand).
    pub fn to_json_string(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// The canonical form: pretty-printed with two-space indentation and a
    /// final newline. `asl fmt` prints this.
    ///
    /// # Errors
    /// As [`StateMachine::to_json_string`].
    pub fn to_canonical_string(&self) -> Result<String, serde_json::Error> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }
}

impl FromStr for StateMachine {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        StateMachine::from_slice(s.as_bytes())
    }
}

/// Reads through [`Json`]; with `serde_json::from_str` numbers pass through
/// `f64` — use [`StateMachine::from_str`] to keep them exactly.
impl<'de> Deserialize<'de> for StateMachine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = Json::deserialize(d)?;
        StateMachine::from_json_value(&json).map_err(serde::de::Error::custom)
    }
}
