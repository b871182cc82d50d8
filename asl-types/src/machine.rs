//! The state machine: the top level of a definition.

use std::str::FromStr;

use crate::enums::QueryLanguage;
use crate::json::Json;
use crate::names::StateName;
use crate::read::{At, FromJson, Issues};
use crate::record::record;
use crate::state::{State, States};
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
        Ok(StateMachine::read_json_owned(json).into_result()?)
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

    /// [`StateMachine::read_json`] of a JSON tree given away: each state's
    /// JSON is let go as soon as the state is read, so that the tree and
    /// the machine are never both whole in memory (`asl validate` and
    /// [`StateMachine::from_slice`] read this way). The machine, the issues
    /// and their order are those of `read_json`.
    ///
    /// ```
    /// use asl_types::{Json, StateMachine};
    /// let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere", "Bad": 1}}, "Oops": 2}"#;
    /// let json: Json = text.parse()?;
    /// let kept = StateMachine::read_json(&json);
    /// let given = StateMachine::read_json_owned(json);
    /// assert_eq!(given.issues(), kept.issues());
    /// assert_eq!(given.machine(), kept.machine());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_json_owned(mut json: Json) -> Reading {
        // A top level with a `States` object has its states taken out and
        // read one by one after the rest; anything else reads as it is.
        let taken = match &mut json {
            Json::Object(top) => match top.get_full_mut("States") {
                Some((position, _, Json::Object(states))) => {
                    Some((position, std::mem::take(states)))
                }
                _ => None,
            },
            _ => None,
        };
        let Some((position, states_json)) = taken else {
            return StateMachine::read_json(&json);
        };
        let mut issues = Issues::new();
        let machine = StateMachine::read(&json, At::root(), &mut issues);
        drop(json);
        // As `States::read` does, found where `Fields` finds `States`.
        let from = issues.len();
        let root = At::root();
        let at = root.key("States");
        let mut states = States::with_capacity(states_json.len());
        for (name, mut value) in states_json {
            let result = take_pass_result(&mut value);
            match State::read(&value, at.state(&name), &mut issues) {
                Some(mut state) => {
                    if let (State::Pass(pass), Some(result)) = (&mut state, result) {
                        pass.result = Some(result);
                    }
                    states.insert(StateName::from(name.as_str()), state);
                }
                None => issues.drop_state(&name),
            }
        }
        issues.place(from, position + 1);
        let dropped_states = issues.dropped_states().to_vec();
        Reading {
            machine: machine.map(|machine| StateMachine { states, ..machine }),
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

/// The `Result` of a Pass state's JSON, taken out and replaced by `null`:
/// the model keeps it as JSON, so it is moved rather than copied. Any JSON
/// is a `Result` (reading it finds no issue), so the state reads the same.
fn take_pass_result(state: &mut Json) -> Option<Json> {
    let Json::Object(members) = state else {
        return None;
    };
    // Found key by key, as `Fields` does: no hashing for a state's handful
    // of members.
    let pass = members
        .iter()
        .any(|(k, v)| k == "Type" && v.as_str() == Some("Pass"));
    if !pass {
        return None;
    }
    members
        .iter_mut()
        .find(|(k, _)| *k == "Result")
        .map(|(_, v)| std::mem::take(v))
}

#[cfg(test)]
mod owned_tests {
    //! `read_json_owned` against `read_json` on every definition of the
    //! corpus (valid and invalid) and the examples, and on top levels whose
    //! issues surround `States`.

    use super::{Reading, StateMachine};
    use crate::json::Json;

    fn same(json: &Json, what: &str) {
        let kept = StateMachine::read_json(json);
        let given: Reading = StateMachine::read_json_owned(json.clone());
        assert_eq!(given.machine(), kept.machine(), "{what}");
        assert_eq!(given.issues(), kept.issues(), "{what}");
        assert_eq!(given.dropped_states(), kept.dropped_states(), "{what}");
    }

    #[test]
    fn reads_every_corpus_and_example_definition_as_read_json_does() {
        let paths =
            crate::test_files::json_files(&["tests/corpus", "../examples", "../asl-import/tests"]);
        let mut checked = 0;
        for path in &paths {
            let Some(json) = std::fs::read(path)
                .ok()
                .and_then(|bytes| Json::from_slice(&bytes).ok())
            else {
                continue;
            };
            same(&json, &path.display().to_string());
            checked += 1;
        }
        assert!(checked > 150, "{checked} definitions");
    }

    #[test]
    fn issues_around_states_keep_their_document_order() {
        let state = r#"{"Type": "Pass", "Bad": 1, "Next": "Nowhere", "ResultPath": "$$x"}"#;
        let broken = r#"{"Type": "Nope"}"#;
        let arguments = r#"{"Type": "Pass", "Output": {"a.$": "$.x"}, "End": true}"#;
        for text in [
            format!(
                r#"{{"Zero": 0, "States": {{"A": {state}, "B": {broken}}}, "StartAt": 5, "Extra": 1}}"#
            ),
            format!(
                r#"{{"States": {{"A": {state}}}, "QueryLanguage": "JSONata", "TimeoutSeconds": -1}}"#
            ),
            format!(
                r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{"A": {arguments}}}, "Version": 2}}"#
            ),
            format!(
                r#"{{"StartAt": "A", "Comment": 3, "States": {{"B": {broken}, "A": {state}}}}}"#
            ),
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"deep": [1, {"x": null}]}, "Bad": 1, "Next": "B"}, "B": {"Type": "Task", "Result": 2, "End": true}, "C": {"Result": 3, "Type": "Pass"}}}"#.to_owned(),
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "x", "End": true, "Type2": "Pass"}, "B": {"Type": ["Pass"], "Result": 1}}}"#.to_owned(),
            r#"{"StartAt": "A", "States": []}"#.to_owned(),
            r#"{"StartAt": "A"}"#.to_owned(),
            r#"{"States": {}}"#.to_owned(),
            "[1, 2]".to_owned(),
        ] {
            let json: Json = text.parse().unwrap();
            same(&json, &text);
        }
    }
}
