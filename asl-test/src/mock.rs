//! Task results: what each Task state returns or throws, attempt by attempt.
//!
//! [`sagemaker`] makes typed, complete SageMaker results from what the state
//! sent; a mocked result of a SageMaker task is checked against the shape
//! the integration returns ([`Options::mock_validation`](crate::Options)).

pub mod sagemaker;

use std::collections::HashMap;
use std::fmt;

use asl_types::sagemaker::SageMakerApi;
use asl_types::sagemaker::response::{
    FieldValidation, ResultIssue, check_result, result_shape_name,
};
use asl_types::{IntegrationPattern, Json, Resource};

use crate::{Failure, RunError};

/// One answer of a mocked task.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// The task succeeds with this result.
    Return(Json),
    /// The task fails with this error.
    Throw(Failure),
    /// The inner response, after the task has run this many seconds of
    /// virtual time (so a Task's `TimeoutSeconds`, and the machine's, can
    /// pass). Without it a task takes no time.
    After(u64, Box<Response>),
    /// A callback task's worker sends a heartbeat (`SendTaskHeartbeat`)
    /// after this many seconds of virtual time, then the inner response
    /// follows. A Task's `HeartbeatSeconds` passes without a heartbeat
    /// or an answer: `States.HeartbeatTimeout`.
    Heartbeat(u64, Box<Response>),
}

impl Response {
    /// This response after `seconds` of virtual time.
    #[must_use]
    pub fn after_seconds(self, seconds: u64) -> Response {
        Response::After(seconds, Box::new(self))
    }

    /// A heartbeat after `seconds` of virtual time, then this response.
    ///
    /// ```
    /// use asl_test::{Executor, Mock, Response};
    /// use asl_types::{Json, StateMachine};
    ///
    /// let machine: StateMachine = r#"{"StartAt": "Approve", "States": {"Approve": {
    ///   "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///   "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
    ///                  "MessageBody": {"token.$": "$$.Task.Token"}},
    ///   "HeartbeatSeconds": 60, "End": true}}}"#.parse()?;
    /// let mut executor = Executor::new(&machine);
    /// // Heartbeats at 50 s and 100 s, the answer at 140 s: in time.
    /// let approved = Response::Return(r#"{"approved": true}"#.parse()?);
    /// executor.mock("Approve", Mock::sequence([
    ///     approved.clone().after_seconds(40).after_heartbeat(50).after_heartbeat(50),
    /// ]));
    /// assert!(executor.run(Json::Object(Default::default()))?.succeeded());
    /// // One heartbeat at 50 s, then 90 s of silence: timed out at 110 s.
    /// executor.mock("Approve", Mock::sequence([approved.after_seconds(90).after_heartbeat(50)]));
    /// let run = executor.run(Json::Object(Default::default()))?;
    /// assert_eq!(run.error.as_deref(), Some("States.HeartbeatTimeout"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn after_heartbeat(self, seconds: u64) -> Response {
        Response::Heartbeat(seconds, Box::new(self))
    }
}

/// What a task was asked to do: handed to a [`Mock::handler`], so a test
/// can check what a state sent (the `Parameters` / `Arguments` after
/// evaluation).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TaskCall<'a> {
    /// The Task state's name.
    pub state: &'a str,
    /// Its `Resource`.
    pub resource: &'a Resource,
    /// The effective input sent to the resource.
    pub input: &'a Json,
    /// How many times this state has run before in this execution (0 on
    /// the first call; retries and Map iterations count).
    pub call: usize,
    /// `$$.Task.Token`, for `.waitForTaskToken` resources.
    pub task_token: Option<&'a str>,
    /// The region of the execution's ARNs (`Options::region`).
    pub region: &'a str,
    /// The account of the execution's ARNs (`Options::account`).
    pub account: &'a str,
    /// The virtual clock when the task was called, in milliseconds since
    /// the epoch.
    pub time_ms: i64,
}

type Handler = Box<dyn FnMut(&TaskCall<'_>) -> Result<Json, Failure>>;
type FallibleHandler = Box<dyn FnMut(&TaskCall<'_>) -> Result<Result<Json, Failure>, RunError>>;

/// How one Task state is answered.
pub enum Mock {
    /// The Nth call gets the Nth response; the last one repeats.
    Responses(Vec<Response>),
    /// A closure decides, from what the state sent.
    Handler(Handler),
    /// A closure that may also refuse the call as a configuration error
    /// (the typed [`sagemaker`] mocks, when the state's request cannot give
    /// a complete result).
    Fallible(FallibleHandler),
    /// The Nth call is answered by the Nth mock; the last one repeats.
    PerCall(Vec<Mock>),
    /// Step Functions Local's mocked response: call `n` gets the response
    /// of the range holding `n`; a call past the last range is an error
    /// (`MockConfigFile.json` must cover every invocation).
    Ranges {
        /// The mocked response's name, for errors.
        name: String,
        /// Inclusive call ranges, contiguous from 0, each with its response.
        ranges: Vec<(usize, usize, Response)>,
    },
}

impl Mock {
    /// Always returns `result`.
    pub fn returns(result: impl Into<Json>) -> Mock {
        Mock::Responses(vec![Response::Return(result.into())])
    }

    /// Always throws `error` with `cause`.
    pub fn throws(error: impl Into<String>, cause: impl Into<String>) -> Mock {
        Mock::Responses(vec![Response::Throw(Failure::new(error, cause))])
    }

    /// These responses in turn; the last one repeats.
    pub fn sequence(responses: impl IntoIterator<Item = Response>) -> Mock {
        Mock::Responses(responses.into_iter().collect())
    }

    /// A closure that receives each call and returns the result or the
    /// error.
    pub fn handler(f: impl FnMut(&TaskCall<'_>) -> Result<Json, Failure> + 'static) -> Mock {
        Mock::Handler(Box::new(f))
    }

    /// A closure that may also refuse a call as a configuration error
    /// ([`RunError`]), which ends the run.
    pub fn fallible(
        f: impl FnMut(&TaskCall<'_>) -> Result<Result<Json, Failure>, RunError> + 'static,
    ) -> Mock {
        Mock::Fallible(Box::new(f))
    }

    /// The first call answered by the first mock, the second by the
    /// second, …; the last one answers every later call. Mixes fixed
    /// responses with typed ones:
    ///
    /// ```
    /// use asl_test::Mock;
    /// use asl_test::mock::sagemaker;
    /// // Throttled once, then trained.
    /// let mock = Mock::per_call([
    ///     Mock::throws("SageMaker.AmazonSageMakerException", "Rate exceeded"),
    ///     sagemaker::training_completed(|job| job),
    /// ]);
    /// # let _ = mock;
    /// ```
    pub fn per_call(mocks: impl IntoIterator<Item = Mock>) -> Mock {
        Mock::PerCall(mocks.into_iter().collect())
    }

    /// The answer to `call`, how many seconds the task took, and when
    /// (seconds after it started) its heartbeats came; a result of a
    /// SageMaker task is checked as `validation` says.
    pub(crate) fn answer(
        &mut self,
        call: &TaskCall<'_>,
        validation: FieldValidation,
    ) -> Result<Answer, RunError> {
        let (answer, seconds, heartbeats) = self.raw_answer(call, call.call)?;
        if let Ok(result) = &answer {
            check_mocked_result(call, result, validation)?;
        }
        Ok((answer, seconds, heartbeats))
    }

    fn raw_answer(&mut self, call: &TaskCall<'_>, index: usize) -> Result<Answer, RunError> {
        Ok(match self {
            Mock::Responses(responses) => match responses.get(index).or(responses.last()) {
                Some(response) => unwrap_response(response),
                None => (
                    Err(Failure::new(
                        "States.TaskFailed",
                        "the mock has no responses",
                    )),
                    0,
                    Vec::new(),
                ),
            },
            Mock::Handler(f) => (f(call), 0, Vec::new()),
            Mock::Fallible(f) => (f(call)?, 0, Vec::new()),
            Mock::PerCall(mocks) => {
                let last = mocks.len().saturating_sub(1);
                match mocks.get_mut(index.min(last)) {
                    // The chosen mock sees this call as its own first, second, … call.
                    Some(mock) => mock.raw_answer(call, index.saturating_sub(last))?,
                    None => (
                        Err(Failure::new(
                            "States.TaskFailed",
                            "the mock has no responses",
                        )),
                        0,
                        Vec::new(),
                    ),
                }
            }
            Mock::Ranges { name, ranges } => {
                let Some((_, _, response)) = ranges
                    .iter()
                    .find(|(from, to, _)| (*from..=*to).contains(&index))
                else {
                    let last = ranges.last().map_or(0, |(_, to, _)| *to);
                    return Err(RunError::Mocks(format!(
                        "state `{}`: the mocked response `{name}` has no response for invocation \
                         {index} (its ranges end at {last}); Step Functions Local needs one for \
                         every invocation",
                        call.state
                    )));
                };
                unwrap_response(response)
            }
        })
    }
}

/// A mock's answer: the result or the failure, the seconds the task took,
/// and when (seconds after it started) its heartbeats came.
pub(crate) type Answer = (Result<Json, Failure>, u64, Vec<u64>);

fn unwrap_response(mut response: &Response) -> Answer {
    let mut seconds = 0u64;
    let mut heartbeats = Vec::new();
    loop {
        match response {
            Response::Return(v) => return (Ok(v.clone()), seconds, heartbeats),
            Response::Throw(f) => return (Err(f.clone()), seconds, heartbeats),
            Response::After(s, inner) => {
                seconds = seconds.saturating_add(*s);
                response = inner;
            }
            Response::Heartbeat(s, inner) => {
                seconds = seconds.saturating_add(*s);
                heartbeats.push(seconds);
                response = inner;
            }
        }
    }
}

/// The SageMaker API of an optimized `arn:aws:states:::sagemaker:…` task,
/// and whether it runs the job (`.sync`).
pub(crate) fn sagemaker_task(resource: &Resource) -> Option<(SageMakerApi, bool)> {
    match resource {
        Resource::Integration {
            service,
            action,
            pattern,
            ..
        } if service == "sagemaker" => Some((
            SageMakerApi::from_action(action)?,
            matches!(
                pattern,
                IntegrationPattern::Sync | IntegrationPattern::Sync2
            ),
        )),
        _ => None,
    }
}

/// [`RunError::MockResult`] when `result`, a mocked result of a SageMaker
/// task, does not fit its shape.
fn check_mocked_result(
    call: &TaskCall<'_>,
    result: &Json,
    mode: FieldValidation,
) -> Result<(), RunError> {
    let Some((api, sync)) = sagemaker_task(call.resource) else {
        return Ok(());
    };
    let issues = check_result(api, sync, result, mode);
    if issues.is_empty() {
        return Ok(());
    }
    Err(RunError::MockResult {
        state: call.state.to_owned(),
        shape: result_shape_name(api, sync).unwrap_or_default().to_owned(),
        mode,
        issues,
    })
}

/// The text of [`RunError::MockResult`].
pub(crate) fn mock_result_message(
    state: &str,
    shape: &str,
    mode: FieldValidation,
    issues: &[ResultIssue],
) -> String {
    let mut text = format!(
        "state `{state}`: the mocked result is not a valid `{shape}` (mock validation {mode}): "
    );
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            text.push_str("; ");
        }
        text.push_str(&issue.to_string());
    }
    text
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mock::Responses(r) => f.debug_tuple("Responses").field(r).finish(),
            Mock::Handler(_) => f.write_str("Handler(..)"),
            Mock::Fallible(_) => f.write_str("Fallible(..)"),
            Mock::PerCall(m) => f.debug_tuple("PerCall").field(m).finish(),
            Mock::Ranges { name, ranges } => f
                .debug_struct("Ranges")
                .field("name", name)
                .field("ranges", ranges)
                .finish(),
        }
    }
}

/// The mocks of a run, by Task state name.
///
/// The file form (`asl run --mocks FILE`) is a JSON object from state
/// name to a list of responses, each `{"Return": RESULT}` or
/// `{"Throw": {"Error": "…", "Cause": "…"}}`, optionally with
/// `"Seconds": N`, the virtual time the task takes, and `"Heartbeats": [S,
/// …]`, the seconds (after the task started) at which a callback task's
/// worker sends heartbeats (a single response may stand without the
/// list):
///
/// ```
/// use asl_test::Mocks;
/// let mocks = Mocks::from_json_text(r#"{
///   "Train": [{"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "busy"}},
///             {"Return": {"TrainingJobStatus": "Completed"}}],
///   "Notify": {"Return": {"MessageId": "1"}}
/// }"#).unwrap();
/// assert_eq!(mocks.len(), 2);
/// ```
#[derive(Debug, Default)]
pub struct Mocks {
    by_state: HashMap<String, Mock>,
}

impl Mocks {
    /// No mocks.
    pub fn new() -> Mocks {
        Mocks::default()
    }

    /// Sets the mock of the Task state `state`.
    pub fn insert(&mut self, state: impl Into<String>, mock: Mock) {
        self.by_state.insert(state.into(), mock);
    }

    /// How many states are mocked.
    pub fn len(&self) -> usize {
        self.by_state.len()
    }

    /// Whether no state is mocked.
    pub fn is_empty(&self) -> bool {
        self.by_state.is_empty()
    }

    /// Whether the mock of `state` looks at what the state sends (a
    /// handler does; fixed responses do not). `true` when there is none,
    /// so the error about it comes from the usual place.
    pub(crate) fn reads_input(&self, state: &str) -> bool {
        !matches!(
            self.by_state.get(state),
            Some(Mock::Responses(_) | Mock::Ranges { .. })
        )
    }

    /// The names of the mocked states.
    pub fn states(&self) -> impl Iterator<Item = &str> {
        self.by_state.keys().map(String::as_str)
    }

    pub(crate) fn get_mut(&mut self, state: &str) -> Option<&mut Mock> {
        self.by_state.get_mut(state)
    }

    /// Reads the file form (see the type's documentation).
    ///
    /// # Errors
    /// [`RunError::Mocks`] naming the state and what is wrong.
    pub fn from_json_text(text: &str) -> Result<Mocks, RunError> {
        let json: Json = text
            .parse()
            .map_err(|e| RunError::Mocks(format!("not JSON: {e}")))?;
        Mocks::from_json(&json)
    }

    /// Reads the file form from a parsed value.
    ///
    /// # Errors
    /// [`RunError::Mocks`] naming the state and what is wrong.
    pub fn from_json(json: &Json) -> Result<Mocks, RunError> {
        let Json::Object(states) = json else {
            return Err(RunError::Mocks(format!(
                "the mocks are {}, not an object of state names",
                json.kind()
            )));
        };
        let mut mocks = Mocks::new();
        for (state, value) in states {
            let list = match value {
                Json::Array(items) if !items.is_empty() => items.iter().collect(),
                Json::Array(_) => {
                    return Err(RunError::Mocks(format!("`{state}`: the list is empty")));
                }
                other => vec![other],
            };
            let responses = list
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    response(r).map_err(|e| RunError::Mocks(format!("`{state}`[{i}]: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            mocks.insert(state.clone(), Mock::Responses(responses));
        }
        Ok(mocks)
    }
}

pub(crate) fn response(json: &Json) -> Result<Response, String> {
    let Json::Object(fields) = json else {
        return Err(format!(
            "a response is an object with `Return` or `Throw`, not {}",
            json.kind()
        ));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "Return" | "Throw" | "Seconds" | "Heartbeats"))
    {
        return Err(format!(
            "unknown key `{unknown}`: a response has `Return` or `Throw`, and optionally `Seconds` and `Heartbeats`"
        ));
    }
    let seconds = |v: &Json, what: &str| {
        match v {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
        .ok_or_else(|| format!("`{what}` is not a whole number of seconds"))
    };
    let total = fields
        .get("Seconds")
        .map(|v| seconds(v, "Seconds"))
        .transpose()?
        .unwrap_or(0);
    let mut marks = match fields.get("Heartbeats") {
        None => Vec::new(),
        Some(Json::Array(list)) => list
            .iter()
            .map(|v| seconds(v, "Heartbeats"))
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => {
            return Err(format!(
                "`Heartbeats` is {}, not a list of seconds",
                other.kind()
            ));
        }
    };
    if marks.windows(2).any(|w| w[0] > w[1]) || marks.last().is_some_and(|&m| m > total) {
        return Err("`Heartbeats` must be in increasing order and within `Seconds`".to_owned());
    }
    marks.push(total);
    // Heartbeats at S1 < S2 < … then the answer at `Seconds`.
    let mut response = answer(fields)?;
    let mut last = *marks.last().unwrap_or(&0);
    for &mark in marks.iter().rev().skip(1) {
        response = Response::After(last - mark, Box::new(response));
        last = mark;
        response = Response::Heartbeat(0, Box::new(response));
    }
    if last > 0 {
        response = Response::After(last, Box::new(response));
    }
    Ok(response)
}

fn answer(fields: &asl_types::JsonObject) -> Result<Response, String> {
    match (fields.get("Return"), fields.get("Throw")) {
        (Some(v), None) => Ok(Response::Return(v.clone())),
        (None, Some(Json::Object(t))) => {
            if let Some(unknown) = t.keys().find(|k| !matches!(k.as_str(), "Error" | "Cause")) {
                return Err(format!(
                    "unknown key `{unknown}` in `Throw`: it has `Error` and `Cause`"
                ));
            }
            let text = |key: &str| match t.get(key) {
                None => Ok(String::new()),
                Some(Json::String(s)) => Ok(s.clone()),
                Some(other) => Err(format!("`Throw.{key}` is {}, not a string", other.kind())),
            };
            let error = text("Error")?;
            if error.is_empty() {
                return Err("`Throw` needs an `Error` name".to_owned());
            }
            Ok(Response::Throw(Failure::new(error, text("Cause")?)))
        }
        (None, Some(other)) => Err(format!(
            "`Throw` is {}, not an object with `Error` and `Cause`",
            other.kind()
        )),
        _ => Err("a response has exactly one of `Return` and `Throw`".to_owned()),
    }
}
