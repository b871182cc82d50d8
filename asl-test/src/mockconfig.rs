//! Step Functions Local's mock configuration file, `MockConfigFile.json`.

use indexmap::IndexMap;

use asl_types::{Json, JsonObject, State, StateMachine};

use crate::RunError;
use crate::failure::Failure;
use crate::mock::{Mock, Mocks, Response};

/// A mock configuration file of Step Functions Local, read as AWS documents
/// it ("Using mocked service integrations for testing in Step Functions
/// Local", "Configuration file for mocked service integrations"):
///
/// - `StateMachines` → state machine name → `TestCases` → test case name →
///   Task state name → the name of a mocked response;
/// - `MockedResponses` → mocked response name → invocation `"0"` or
///   inclusive range `"1-2"` → `{"Return": RESULT}` or
///   `{"Throw": {"Error": "…", "Cause": "…"}}`.
///
/// The whole file is checked when read: an unknown key anywhere, a range
/// that is not `N` or `N-M` with `N ≤ M`, ranges that overlap, leave a gap
/// or do not start at `"0"`, a response without exactly one of `Return` and
/// `Throw`, and a test case naming a mocked response that does not exist
/// are errors naming the key path (`/MockedResponses/Retry/1-2`). As AWS
/// documents, a mocked response must cover every invocation: a call past
/// its last range is an error when it happens. Each test case becomes
/// [`Mocks`] with [`MockConfig::test_case`].
///
/// ```
/// use asl_test::{Executor, MockConfig, Status};
/// use asl_types::{Json, StateMachine};
///
/// let config = MockConfig::from_json_text(r#"{
///   "StateMachines": {"Train": {"TestCases": {"RetryPath": {"Notify": "NotifyRetry"}}}},
///   "MockedResponses": {
///     "NotifyRetry": {
///       "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
///       "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timed out"}},
///       "3": {"Return": {"StatusCode": 200, "Payload": {"sent": true}}}
///     }
///   }
/// }"#)?;
/// let machine: StateMachine = r#"{"StartAt": "Notify", "States": {"Notify": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "notify"},
///     "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
///     "End": true}}}"#.parse()?;
/// let mocks = config.test_case(None, "RetryPath")?;
/// let run = Executor::new(&machine).mocks(mocks).run(Json::Null)?;
/// assert_eq!(run.status, Status::Succeeded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MockConfig {
    /// State machine → test case → state → mocked response name.
    machines: IndexMap<String, TestCases>,
    /// Mocked response name → its ranges.
    responses: IndexMap<String, Vec<(usize, usize, Response)>>,
}

/// Test case → Task state → mocked response name.
type TestCases = IndexMap<String, IndexMap<String, String>>;

/// `/A/B` for the keys `A`, `B` (JSON pointer escapes).
fn pointer(keys: &[&str]) -> String {
    let mut text = String::new();
    for key in keys {
        text.push('/');
        text.push_str(&key.replace('~', "~0").replace('/', "~1"));
    }
    text
}

fn error(keys: &[&str], message: impl std::fmt::Display) -> RunError {
    let at = if keys.is_empty() {
        "(the file)".to_owned()
    } else {
        pointer(keys)
    };
    RunError::Mocks(format!("MockConfigFile {at}: {message}"))
}

fn object<'j>(json: &'j Json, keys: &[&str], what: &str) -> Result<&'j JsonObject, RunError> {
    match json {
        Json::Object(o) => Ok(o),
        other => Err(error(
            keys,
            format_args!("{what} is an object, not {}", other.kind()),
        )),
    }
}

/// The keys of `o` must be among `allowed`.
fn known_keys(o: &JsonObject, keys: &[&str], allowed: &[&str]) -> Result<(), RunError> {
    match o.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(unknown) => {
            let mut at = keys.to_vec();
            at.push(unknown);
            let list: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
            Err(error(
                &at,
                format_args!(
                    "unknown key `{unknown}`: the keys here are {}",
                    list.join(", ")
                ),
            ))
        }
        None => Ok(()),
    }
}

/// `"3"` → (3, 3), `"1-2"` → (1, 2).
fn range(key: &str) -> Option<(usize, usize)> {
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<usize>().ok())
            .flatten()
    };
    match key.split_once('-') {
        Some((from, to)) => Some((number(from)?, number(to)?)).filter(|(f, t)| f <= t),
        None => number(key).map(|n| (n, n)),
    }
}

fn response(json: &Json, keys: &[&str]) -> Result<Response, RunError> {
    let o = object(json, keys, "a mocked response")?;
    known_keys(o, keys, &["Return", "Throw"])?;
    match (o.get("Return"), o.get("Throw")) {
        (Some(result), None) => Ok(Response::Return(result.clone())),
        (None, Some(throw)) => {
            let mut at = keys.to_vec();
            at.push("Throw");
            let t = object(throw, &at, "`Throw`")?;
            known_keys(t, &at, &["Error", "Cause"])?;
            let text = |key: &'static str| -> Result<String, RunError> {
                let mut at = at.clone();
                at.push(key);
                match t.get(key) {
                    Some(Json::String(s)) => Ok(s.clone()),
                    Some(other) => Err(error(
                        &at,
                        format_args!("`{key}` is a string, not {}", other.kind()),
                    )),
                    None => Err(error(
                        &at,
                        format_args!("`Throw` needs `Error` and `Cause`; `{key}` is missing"),
                    )),
                }
            };
            let error_name = text("Error")?;
            if error_name.is_empty() {
                let mut at = at.clone();
                at.push("Error");
                return Err(error(&at, "the error name is empty"));
            }
            Ok(Response::Throw(Failure::new(error_name, text("Cause")?)))
        }
        _ => Err(error(
            keys,
            "a mocked response has exactly one of `Return` and `Throw`",
        )),
    }
}

/// The invocation ranges of the mocked response `name`, sorted, checked to
/// cover every invocation from 0 once.
fn mocked_response(name: &str, ranges: &Json) -> Result<Vec<(usize, usize, Response)>, RunError> {
    let keys = ["MockedResponses", name];
    let o = object(ranges, &keys, "a mocked response")?;
    if o.is_empty() {
        return Err(error(&keys, "no invocations: add `\"0\"`"));
    }
    let mut list = Vec::new();
    for (key, value) in o {
        let at = ["MockedResponses", name, key.as_str()];
        let Some((from, to)) = range(key) else {
            return Err(error(
                &at,
                format_args!(
                    "`{key}` is not an invocation: write `N` or an inclusive range \
                     `N-M` with N ≤ M (from 0)"
                ),
            ));
        };
        list.push((from, to, response(value, &at)?, key.as_str()));
    }
    list.sort_by_key(|(from, ..)| *from);
    // The first invocation not yet covered (`None`: all are).
    let mut next = Some(0usize);
    for (from, to, _, key) in &list {
        let at = ["MockedResponses", name, *key];
        match next {
            Some(n) if *from > n => {
                let missing = if *from == n + 1 {
                    format!("invocation {n} has")
                } else {
                    format!("invocations {n}-{} have", from - 1)
                };
                return Err(error(
                    &at,
                    format_args!(
                        "{missing} no response: the ranges must cover every invocation from 0"
                    ),
                ));
            }
            Some(n) if *from == n => next = to.checked_add(1),
            _ => {
                return Err(error(
                    &at,
                    format_args!(
                        "`{key}` overlaps an earlier range (invocation {from} is already covered)"
                    ),
                ));
            }
        }
    }
    let ranges = list
        .into_iter()
        .map(|(from, to, response, _)| (from, to, response))
        .collect();
    Ok(ranges)
}

impl MockConfig {
    /// Reads the file's text.
    ///
    /// # Errors
    /// [`RunError::Mocks`] when the text is not JSON or not a valid mock
    /// configuration, naming the key path of the problem.
    pub fn from_json_text(text: &str) -> Result<MockConfig, RunError> {
        let json: Json = text
            .parse()
            .map_err(|e| RunError::Mocks(format!("MockConfigFile: not JSON: {e}")))?;
        MockConfig::from_json(&json)
    }

    /// Reads the file from a parsed value.
    ///
    /// # Errors
    /// [`RunError::Mocks`] naming the key path of the first problem.
    pub fn from_json(json: &Json) -> Result<MockConfig, RunError> {
        let top = object(json, &[], "a mock configuration")?;
        known_keys(top, &[], &["StateMachines", "MockedResponses"])?;
        let mut responses = IndexMap::new();
        if let Some(all) = top.get("MockedResponses") {
            let all = object(all, &["MockedResponses"], "`MockedResponses`")?;
            for (name, ranges) in all {
                responses.insert(name.clone(), mocked_response(name, ranges)?);
            }
        }
        let Some(all) = top.get("StateMachines") else {
            return Err(error(&["StateMachines"], "the file has no `StateMachines`"));
        };
        let mut machines = IndexMap::new();
        for (machine, config) in object(all, &["StateMachines"], "`StateMachines`")? {
            let keys = ["StateMachines", machine.as_str()];
            let config = object(config, &keys, "a state machine's configuration")?;
            known_keys(config, &keys, &["TestCases"])?;
            let keys = ["StateMachines", machine.as_str(), "TestCases"];
            let Some(cases) = config.get("TestCases") else {
                return Err(error(&keys, "missing: a state machine has `TestCases`"));
            };
            let mut by_case = IndexMap::new();
            for (case, states) in object(cases, &keys, "`TestCases`")? {
                let keys = [
                    "StateMachines",
                    machine.as_str(),
                    "TestCases",
                    case.as_str(),
                ];
                let mut by_state = IndexMap::new();
                for (state, name) in object(states, &keys, "a test case")? {
                    let at = [
                        "StateMachines",
                        machine.as_str(),
                        "TestCases",
                        case.as_str(),
                        state.as_str(),
                    ];
                    let Json::String(name) = name else {
                        return Err(error(
                            &at,
                            format_args!(
                                "the name of a mocked response is a string, not {}",
                                name.kind()
                            ),
                        ));
                    };
                    if !responses.contains_key(name) {
                        return Err(error(
                            &at,
                            format_args!("no mocked response `{name}` in `MockedResponses`"),
                        ));
                    }
                    by_state.insert(state.clone(), name.clone());
                }
                by_case.insert(case.clone(), by_state);
            }
            machines.insert(machine.clone(), by_case);
        }
        Ok(MockConfig {
            machines,
            responses,
        })
    }

    /// The state machine named `state_machine`, or the only one.
    fn machine(&self, state_machine: Option<&str>) -> Result<(&str, &TestCases), RunError> {
        let names = || {
            self.machines
                .keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (machine, cases) = match state_machine {
            Some(name) => self.machines.get_key_value(name).ok_or_else(|| {
                error(
                    &["StateMachines", name],
                    format_args!("no state machine `{name}`; the file has {}", names()),
                )
            })?,
            None => match self.machines.first() {
                Some(only) if self.machines.len() == 1 => only,
                Some(_) => {
                    return Err(error(
                        &["StateMachines"],
                        format_args!(
                            "the file has {} state machines ({}): name one \
                             (`--state-machine NAME`)",
                            self.machines.len(),
                            names()
                        ),
                    ));
                }
                None => return Err(error(&["StateMachines"], "the file has no state machines")),
            },
        };
        Ok((machine.as_str(), cases))
    }

    /// The state machine names, in file order.
    pub fn state_machines(&self) -> impl Iterator<Item = &str> {
        self.machines.keys().map(String::as_str)
    }

    /// The mocks of test case `case` of `state_machine` for `machine`:
    /// [`MockConfig::test_case`], and every state the test case names must
    /// be a Task state of `machine` (at any depth), or the test case is an
    /// error naming it.
    ///
    /// # Errors
    /// As [`MockConfig::test_case`], and [`RunError::Mocks`] naming the key
    /// path of a state the machine does not have as a Task.
    pub fn mocks_for(
        &self,
        machine: &StateMachine,
        state_machine: Option<&str>,
        case: &str,
    ) -> Result<Mocks, RunError> {
        let mocks = self.test_case(state_machine, case)?;
        let (name, _) = self.machine(state_machine)?;
        for state in mocks.states() {
            let at = ["StateMachines", name, "TestCases", case, state];
            match machine.state(state) {
                Some(found) if matches!(found.state, State::Task(_)) => {}
                Some(_) => {
                    return Err(error(
                        &at,
                        format_args!("`{state}` is not a Task state: only Task states are mocked"),
                    ));
                }
                None => {
                    return Err(error(
                        &at,
                        format_args!("the state machine has no state `{state}`"),
                    ));
                }
            }
        }
        Ok(mocks)
    }

    /// The mocks of test case `case` of `state_machine`; without a name,
    /// the file's only state machine.
    ///
    /// # Errors
    /// [`RunError::Mocks`] when the state machine or the test case is not
    /// in the file, or no name was given and the file has several.
    pub fn test_case(&self, state_machine: Option<&str>, case: &str) -> Result<Mocks, RunError> {
        let (machine, cases) = self.machine(state_machine)?;
        let Some(states) = cases.get(case) else {
            let list: Vec<String> = cases.keys().map(|k| format!("`{k}`")).collect();
            return Err(error(
                &["StateMachines", machine, "TestCases", case],
                format_args!(
                    "no test case `{case}`; `{machine}` has {}",
                    if list.is_empty() {
                        "none".to_owned()
                    } else {
                        list.join(", ")
                    }
                ),
            ));
        };
        let mut mocks = Mocks::new();
        for (state, name) in states {
            mocks.insert(
                state.clone(),
                Mock::Ranges {
                    name: name.clone(),
                    ranges: self.responses[name].clone(),
                },
            );
        }
        Ok(mocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of AWS's page "Configuration file for mocked service integrations".
    const DOCUMENTED: &str = r#"{
  "StateMachines":{
    "LambdaSQSIntegration":{
      "TestCases":{
        "HappyPath":{"LambdaState":"MockedLambdaSuccess","SQSState":"MockedSQSSuccess"},
        "RetryPath":{"LambdaState":"MockedLambdaRetry","SQSState":"MockedSQSSuccess"},
        "HybridPath":{"LambdaState":"MockedLambdaSuccess"}
      }
    }
  },
  "MockedResponses":{
    "MockedLambdaSuccess":{"0":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}},
    "LambdaMockedResourceNotReady":{"0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}}},
    "MockedSQSSuccess":{"0":{"Return":{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}},
    "MockedLambdaRetry":{
      "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}},
      "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"Lambda timed out."}},
      "3":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}
    }
  }
}"#;

    fn err(text: &str) -> String {
        MockConfig::from_json_text(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_documented_example() {
        let config = MockConfig::from_json_text(DOCUMENTED).unwrap();
        assert_eq!(
            config.state_machines().collect::<Vec<_>>(),
            ["LambdaSQSIntegration"]
        );
        assert_eq!(config.test_case(None, "HybridPath").unwrap().len(), 1);
        assert_eq!(
            config
                .test_case(Some("LambdaSQSIntegration"), "RetryPath")
                .unwrap()
                .len(),
            2
        );
        let retry = &config.responses["MockedLambdaRetry"];
        let ranges: Vec<_> = retry.iter().map(|(f, t, _)| (*f, *t)).collect();
        assert_eq!(ranges, [(0, 0), (1, 2), (3, 3)]);
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_path() {
        for (from, to, message) in [
            (
                "\"MockedResponses\":{",
                "\"MockedResponse\":{},\"MockedResponses\":{",
                "mocks: MockConfigFile /MockedResponse: unknown key `MockedResponse`: the keys here are `StateMachines`, `MockedResponses`",
            ),
            (
                "\"TestCases\":{",
                "\"TestCase\":{},\"TestCases\":{",
                "mocks: MockConfigFile /StateMachines/LambdaSQSIntegration/TestCase: unknown key `TestCase`: the keys here are `TestCases`",
            ),
            (
                "\"3\":{\"Return\"",
                "\"3\":{\"Returns\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/3/Returns: unknown key `Returns`: the keys here are `Return`, `Throw`",
            ),
            (
                "\"Cause\":\"Lambda timed out.\"",
                "\"Cause\":\"Lambda timed out.\",\"Message\":\"x\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/1-2/Throw/Message: unknown key `Message`: the keys here are `Error`, `Cause`",
            ),
        ] {
            let text = DOCUMENTED.replacen(from, to, 1);
            assert_ne!(text, DOCUMENTED);
            assert_eq!(err(&text), message);
        }
    }

    #[test]
    fn ranges_are_checked() {
        for (from, to, message) in [
            (
                "\"1-2\"",
                "\"1-\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/1-: `1-` is not an invocation: write `N` or an inclusive range `N-M` with N ≤ M (from 0)",
            ),
            (
                "\"1-2\"",
                "\"2-1\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/2-1: `2-1` is not an invocation: write `N` or an inclusive range `N-M` with N ≤ M (from 0)",
            ),
            (
                "\"1-2\"",
                "\"one\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/one: `one` is not an invocation: write `N` or an inclusive range `N-M` with N ≤ M (from 0)",
            ),
            (
                "\"1-2\"",
                "\"0-2\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/0-2: `0-2` overlaps an earlier range (invocation 0 is already covered)",
            ),
            (
                "\"1-2\"",
                "\"1-1\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/3: invocation 2 has no response: the ranges must cover every invocation from 0",
            ),
            (
                "\"3\":{\"Return\"",
                "\"5\":{\"Return\"",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/5: invocations 3-4 have no response: the ranges must cover every invocation from 0",
            ),
            (
                "\"MockedSQSSuccess\":{\"0\"",
                "\"MockedSQSSuccess\":{\"1\"",
                "mocks: MockConfigFile /MockedResponses/MockedSQSSuccess/1: invocation 0 has no response: the ranges must cover every invocation from 0",
            ),
        ] {
            let text = DOCUMENTED.replacen(from, to, 1);
            assert_ne!(text, DOCUMENTED);
            assert_eq!(err(&text), message, "{to}");
        }
    }

    #[test]
    fn huge_ranges_do_not_overflow() {
        let max = usize::MAX;
        let text = format!(
            r#"{{"StateMachines": {{}}, "MockedResponses": {{"R": {{
                 "0-{max}": {{"Return": 1}}, "{max}": {{"Return": 2}}}}}}}}"#
        );
        let err = MockConfig::from_json_text(&text).unwrap_err().to_string();
        assert!(err.contains("overlaps an earlier range"), "{err}");
        let text = r#"{"StateMachines": {}, "MockedResponses": {"R": {
                 "0-99999999999999999999999": {"Return": 1}}}}"#;
        let err = MockConfig::from_json_text(text).unwrap_err().to_string();
        assert!(err.contains("is not an invocation"), "{err}");
    }

    #[test]
    fn responses_and_test_cases_are_checked() {
        for (from, to, message) in [
            (
                "{\"Return\":{\"MD5OfMessageBody\"",
                "{\"Throw\":{\"Error\":\"E\",\"Cause\":\"c\"},\"Return\":{\"MD5OfMessageBody\"",
                "mocks: MockConfigFile /MockedResponses/MockedSQSSuccess/0: a mocked response has exactly one of `Return` and `Throw`",
            ),
            (
                "\"Cause\":\"Lambda timed out.\"",
                "\"Cause\":5",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/1-2/Throw/Cause: `Cause` is a string, not a number",
            ),
            (
                "\"Error\":\"Lambda.TimeoutException\",",
                "",
                "mocks: MockConfigFile /MockedResponses/MockedLambdaRetry/1-2/Throw/Error: `Throw` needs `Error` and `Cause`; `Error` is missing",
            ),
            (
                "\"HybridPath\":{\"LambdaState\":\"MockedLambdaSuccess\"}",
                "\"HybridPath\":{\"LambdaState\":\"MockedLambdaSucess\"}",
                "mocks: MockConfigFile /StateMachines/LambdaSQSIntegration/TestCases/HybridPath/LambdaState: no mocked response `MockedLambdaSucess` in `MockedResponses`",
            ),
        ] {
            let text = DOCUMENTED.replacen(from, to, 1);
            assert_ne!(text, DOCUMENTED);
            assert_eq!(err(&text), message, "{to}");
        }
        assert_eq!(
            err("[]"),
            "mocks: MockConfigFile (the file): a mock configuration is an object, not an array"
        );
        assert_eq!(
            err("{\"MockedResponses\": {}}"),
            "mocks: MockConfigFile /StateMachines: the file has no `StateMachines`"
        );
    }

    #[test]
    fn test_cases_are_looked_up() {
        let config = MockConfig::from_json_text(DOCUMENTED).unwrap();
        assert_eq!(
            config.test_case(None, "SadPath").unwrap_err().to_string(),
            "mocks: MockConfigFile /StateMachines/LambdaSQSIntegration/TestCases/SadPath: no test case `SadPath`; `LambdaSQSIntegration` has `HappyPath`, `RetryPath`, `HybridPath`"
        );
        assert_eq!(
            config
                .test_case(Some("Other"), "HappyPath")
                .unwrap_err()
                .to_string(),
            "mocks: MockConfigFile /StateMachines/Other: no state machine `Other`; the file has `LambdaSQSIntegration`"
        );
        let two = DOCUMENTED.replacen(
            "\"StateMachines\":{",
            "\"StateMachines\":{\"Second\":{\"TestCases\":{}},",
            1,
        );
        let config = MockConfig::from_json_text(&two).unwrap();
        assert_eq!(
            config.test_case(None, "HappyPath").unwrap_err().to_string(),
            "mocks: MockConfigFile /StateMachines: the file has 2 state machines (`Second`, `LambdaSQSIntegration`): name one (`--state-machine NAME`)"
        );
        assert!(
            config
                .test_case(Some("LambdaSQSIntegration"), "HappyPath")
                .is_ok()
        );
    }
}
