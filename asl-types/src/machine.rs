//! The state machine: the top level of a definition.

use std::str::FromStr;

use crate::enums::QueryLanguage;
use crate::json::Json;
use crate::names::StateName;
use crate::read::{At, FromJson, Issues};
use crate::record::record;
use crate::state::States;
use crate::validate::Report;

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
        timeout_seconds: opt crate::integer::Integer = "TimeoutSeconds",
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
    pub fn from_json_value(json: &Json) -> Result<StateMachine, Report> {
        crate::read::from_json(json)
    }

    /// Reads a definition as far as it goes: the machine without what could
    /// not be read (a broken optional field is left out, a state that cannot
    /// be read at all is left out and named), and every issue found.
    /// [`validate_reading`](crate::validate::validate_reading) then runs the
    /// validator on what was read.
    ///
    /// ```
    /// use asl_types::{Json, Rule, StateMachine};
    /// let json: Json = r#"{"StartAt": "A", "States": {
    ///   "A": {"Type": "Pass", "ResultPath": "$$bad", "Next": "Nowhere"}
    /// }}"#.parse()?;
    /// let reading = StateMachine::read_json(&json);
    /// assert_eq!(reading.issues().iter().map(|i| i.rule).collect::<Vec<_>>(), [Rule::PathSyntax]);
    /// let report = asl_types::validate::validate_reading(&reading, &Default::default());
    /// let rules: Vec<Rule> = report.iter().map(|i| i.rule).collect();
    /// assert_eq!(rules, [Rule::PathSyntax, Rule::UnknownTarget]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_json(json: &Json) -> Reading {
        let mut issues = Issues::new();
        let machine = StateMachine::read(json, At::root(), &mut issues);
        let dropped_states = issues.dropped_states().to_vec();
        Reading {
            machine,
            issues: issues.into_report(),
            dropped_states,
        }
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

/// What [`StateMachine::read_json`] found: the machine as far as it could be
/// read, and every issue of reading.
#[derive(Debug, Clone)]
pub struct Reading {
    machine: Option<StateMachine>,
    issues: Report,
    dropped_states: Vec<String>,
}

impl Reading {
    /// The machine, without what could not be read; `None` when not even its
    /// top level could be (not an object, `StartAt` or `States` broken).
    pub fn machine(&self) -> Option<&StateMachine> {
        self.machine.as_ref()
    }

    /// Every issue found while reading, in document order.
    pub fn issues(&self) -> &Report {
        &self.issues
    }

    /// The states left out because they could not be read, by name.
    pub fn dropped_states(&self) -> &[String] {
        &self.dropped_states
    }

    /// The machine, when reading found no error.
    ///
    /// # Errors
    /// The report of reading, when it has an error.
    pub fn into_result(self) -> Result<StateMachine, Report> {
        match self.machine {
            Some(machine) if !self.issues.has_errors() => Ok(machine),
            _ => Err(self.issues),
        }
    }
}
