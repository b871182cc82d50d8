//! The interpreter: runs a [`StateMachine`] state by state with AWS's
//! semantics, on a virtual clock, with every Task answered by a mock.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use asl_types::{
    Catcher, Choice, Condition, Expr, Fail, IntegrationPattern, Json, JsonObject, JsonataOr, Map,
    Nullable, Operand, Operator, Parallel, Pass, Path, PathRoot, Payload, QueryLanguage,
    ReferencePath, Resource, Retrier, Segment, State, StateMachine, StateName, States, Task, Wait,
};
use indexmap::IndexMap;

use crate::jsonata::{self, Bindings};
use crate::mock::{Mock, Mocks, TaskCall};
use crate::outcome::{Event, Outcome, Status};
use crate::{Failure, Rng, jsonpath, time};

/// The most a state's input or output may weigh, as Step Functions
/// limits it: 256 KiB of JSON text.
pub const DATA_LIMIT: usize = 256 * 1024;

/// Workflow variables in scope.
type Vars = IndexMap<String, Json>;

/// A run that could not be carried out as configured: the machine or the
/// mocks are wrong, or the machine uses what the executor does not model.
/// (An execution that fails is not an error: it is an [`Outcome`] with
/// [`Status::Failed`].)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// A Task state ran with no mock configured for it.
    #[error(
        "state `{state}`: the Task has no mock (resource `{resource}`); add one for this state name"
    )]
    NoMock {
        /// The Task state.
        state: String,
        /// Its resource.
        resource: String,
    },
    /// A transition names a state that does not exist in its scope.
    #[error("state `{from}`: the next state `{to}` does not exist in its scope")]
    UnknownState {
        /// Where the transition is.
        from: String,
        /// The missing target.
        to: String,
    },
    /// The machine uses a feature this executor does not model.
    #[error("state `{state}`: {what} is not supported by the local executor")]
    Unsupported {
        /// The state.
        state: String,
        /// What it uses.
        what: String,
    },
    /// The mocks are malformed.
    #[error("mocks: {0}")]
    Mocks(String),
    /// An option is malformed.
    #[error("options: {0}")]
    Options(String),
    /// A mocked result does not fit the shape the integration returns
    /// (checked as [`Options::mock_validation`] says; see
    /// [`asl_types::sagemaker::response::check_result`]).
    #[error("{}", crate::mock::mock_result_message(state, shape, *mode, issues))]
    MockResult {
        /// The Task state.
        state: String,
        /// The result shape, e.g. `DescribeTrainingJobResponse`.
        shape: String,
        /// The validation mode that found the issues.
        mode: asl_types::sagemaker::response::FieldValidation,
        /// Every issue: the member's JSON pointer, the type expected there, what is wrong.
        issues: Vec<asl_types::sagemaker::response::ResultIssue>,
    },
}

/// How a run is set up: the context object's values, the seed, and
/// whether history is recorded. Every default is fixed, so runs are
/// reproducible.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Seeds `States.MathRandom`, `States.UUID`, `$random()`, `$uuid()` and
    /// retry jitter. Default 0.
    pub seed: u64,
    /// `$$.Execution.Name`. Default `local-execution`.
    pub execution_name: String,
    /// `$$.Execution.StartTime`, milliseconds since the epoch. Default
    /// 2024-01-01T00:00:00Z.
    pub start_time_ms: i64,
    /// `$$.StateMachine.Name`. Default `StateMachine`.
    pub state_machine_name: String,
    /// Region in ARNs. Default `us-east-1`.
    pub region: String,
    /// Account in ARNs. Default `123456789012`.
    pub account: String,
    /// `$$.Execution.RoleArn`. Default
    /// `arn:aws:iam::123456789012:role/StepFunctionsRole`.
    pub role_arn: String,
    /// Record the history events. Default `true`.
    pub history: bool,
    /// How mocked results of SageMaker tasks are checked against the
    /// shapes the integration returns, as AWS's `TestState` does. Default
    /// `STRICT`.
    pub mock_validation: asl_types::sagemaker::response::FieldValidation,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: 0,
            execution_name: "local-execution".into(),
            start_time_ms: 1_704_067_200_000,
            state_machine_name: "StateMachine".into(),
            region: "us-east-1".into(),
            account: "123456789012".into(),
            role_arn: "arn:aws:iam::123456789012:role/StepFunctionsRole".into(),
            history: true,
            mock_validation: asl_types::sagemaker::response::FieldValidation::Strict,
        }
    }
}

impl Options {
    /// Sets the start time from an RFC 3339 timestamp.
    ///
    /// # Errors
    /// [`RunError::Options`] when `rfc3339` is not a timestamp.
    pub fn start_time(&mut self, rfc3339: &str) -> Result<&mut Options, RunError> {
        self.start_time_ms = time::parse_ms(rfc3339).ok_or_else(|| {
            RunError::Options(format!("`{rfc3339}` is not an RFC 3339 timestamp"))
        })?;
        Ok(self)
    }
}

/// Runs one state machine, as many times as asked, with the same mocks.
///
/// ```
/// use asl_test::{Executor, Mock, Status};
/// use asl_types::{Json, StateMachine};
///
/// let machine: StateMachine = r#"{
///   "StartAt": "Train",
///   "States": {
///     "Train": {
///       "Type": "Task",
///       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
///       "Parameters": {"TrainingJobName.$": "$.name"},
///       "ResultSelector": {"model.$": "$.ModelArtifacts.S3ModelArtifacts"},
///       "ResultPath": "$.training",
///       "Next": "Good?"
///     },
///     "Good?": {
///       "Type": "Choice",
///       "Choices": [{"Variable": "$.score", "NumericGreaterThanEquals": 0.9, "Next": "Deploy"}],
///       "Default": "Reject"
///     },
///     "Deploy": {"Type": "Succeed"},
///     "Reject": {"Type": "Fail", "Error": "LowScore"}
///   }
/// }"#.parse()?;
///
/// let mut executor = Executor::new(&machine);
/// executor.mock("Train", asl_test::mock::sagemaker::training_completed(|job| {
///     job.model_artifacts(asl_types::sagemaker::response::ModelArtifacts::new("s3://m/model.tar.gz"))
/// }));
/// let run = executor.run(r#"{"name": "job-1", "score": 0.93}"#.parse()?)?;
/// assert_eq!(run.status, Status::Succeeded);
/// assert_eq!(run.path, ["Train", "Good?", "Deploy"]);
/// assert_eq!(
///     run.output.unwrap().pointer("/training/model"),
///     Some(&Json::from("s3://m/model.tar.gz"))
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Executor<'m> {
    machine: &'m StateMachine,
    mocks: Mocks,
    options: Options,
}

impl<'m> Executor<'m> {
    /// An executor for `machine`, with default [`Options`] and no mocks.
    pub fn new(machine: &'m StateMachine) -> Executor<'m> {
        Executor {
            machine,
            mocks: Mocks::new(),
            options: Options::default(),
        }
    }

    /// Answers the Task state `state` with `mock`.
    pub fn mock(&mut self, state: impl Into<String>, mock: Mock) -> &mut Self {
        self.mocks.insert(state, mock);
        self
    }

    /// Replaces all mocks.
    pub fn mocks(&mut self, mocks: Mocks) -> &mut Self {
        self.mocks = mocks;
        self
    }

    /// The options, to change.
    pub fn options(&mut self) -> &mut Options {
        &mut self.options
    }

    /// Sets the seed of every random value.
    pub fn seed(&mut self, seed: u64) -> &mut Self {
        self.options.seed = seed;
        self
    }

    /// Runs one execution with `input`.
    ///
    /// # Errors
    /// [`RunError`] when the run cannot be carried out as configured (a
    /// Task without a mock, an unsupported feature). A failed execution is
    /// `Ok` with [`Status::Failed`].
    pub fn run(&mut self, input: Json) -> Result<Outcome, RunError> {
        let machine = self.machine;
        let mut run = Run::new(&self.options, &mut self.mocks, machine);
        run.execute(machine, input)
    }
}

/// How a scope stopped other than by finishing.
enum Stop {
    /// An error no state caught (yet).
    Fail(Failure),
    /// The machine's `TimeoutSeconds` passed.
    TimedOut,
    /// Not a failure of the execution: of the configuration.
    Config(RunError),
}

impl From<Failure> for Stop {
    fn from(f: Failure) -> Stop {
        Stop::Fail(f)
    }
}

impl From<RunError> for Stop {
    fn from(e: RunError) -> Stop {
        Stop::Config(e)
    }
}

/// The per-state values of the context object.
struct StateCtx<'c> {
    name: &'c str,
    entered_ms: i64,
    retry_count: usize,
    map_item: Option<(usize, &'c Json)>,
    task_token: Option<&'c str>,
}

/// The result-handling fields of a Task, Parallel or Map state `$s`
/// (three types with the same field names).
macro_rules! result_fields {
    ($s:expr) => {
        ResultFields {
            selector: $s.result_selector.as_ref(),
            result_path: $s.result_path.as_ref(),
            output_path: $s.output_path.as_ref(),
            output: $s.output.as_ref(),
            assign: $s.assign.as_ref(),
            next: $s.next.as_ref(),
        }
    };
}

/// The result-handling fields of a Task, Parallel or Map state.
struct ResultFields<'s> {
    selector: Option<&'s Payload>,
    result_path: Option<&'s Nullable<ReferencePath>>,
    output_path: Option<&'s Nullable<Path>>,
    output: Option<&'s Payload>,
    assign: Option<&'s Payload>,
    next: Option<&'s StateName>,
}

/// What a state hands on.
struct Step {
    output: Json,
    next: Option<StateName>,
    assigned: Option<JsonObject>,
}

struct Run<'r> {
    options: &'r Options,
    mocks: &'r mut Mocks,
    machine_language: QueryLanguage,
    clock_ms: i64,
    deadline_ms: Option<i64>,
    rng: Rc<RefCell<Rng>>,
    jsonata: jsonata::Cache,
    calls: HashMap<String, usize>,
    tokens: u64,
    history: Vec<Event>,
    /// How many events have happened (recorded or not).
    events: u64,
    path: Vec<String>,
    execution_input: Json,
}

impl<'r> Run<'r> {
    fn new(options: &'r Options, mocks: &'r mut Mocks, machine: &StateMachine) -> Run<'r> {
        Run {
            options,
            mocks,
            machine_language: machine.query_language.unwrap_or_default(),
            clock_ms: options.start_time_ms,
            deadline_ms: machine.timeout_seconds.map(|s| {
                options
                    .start_time_ms
                    .saturating_add(s.get().saturating_mul(1000))
            }),
            rng: Rc::new(RefCell::new(Rng::new(options.seed))),
            jsonata: jsonata::Cache::default(),
            calls: HashMap::new(),
            tokens: 0,
            history: Vec::new(),
            events: 0,
            path: Vec::new(),
            execution_input: Json::Null,
        }
    }

    fn execute(&mut self, machine: &StateMachine, input: Json) -> Result<Outcome, RunError> {
        self.execution_input = input.clone();
        self.event("ExecutionStarted", "executionStartedEventDetails", || {
            obj([
                ("input", text(&input)),
                ("inputDetails", truncated()),
                ("roleArn", Json::from(self.options.role_arn.as_str())),
            ])
        });
        let mut vars = Vars::new();
        let result = self.run_scope(&machine.start_at, &machine.states, input, &mut vars);
        let (status, output, error, cause) = match result {
            Ok(output) => {
                self.event(
                    "ExecutionSucceeded",
                    "executionSucceededEventDetails",
                    || obj([("output", text(&output)), ("outputDetails", truncated())]),
                );
                (Status::Succeeded, Some(output), None, None)
            }
            Err(Stop::Fail(f)) => {
                self.event("ExecutionFailed", "executionFailedEventDetails", || {
                    // A Fail state without Error or Cause records neither.
                    let mut details = JsonObject::new();
                    for (key, value) in [("error", &f.error), ("cause", &f.cause)] {
                        if !value.is_empty() {
                            details.insert(key.into(), Json::from(value.as_str()));
                        }
                    }
                    Json::Object(details)
                });
                let some = |s: String| (!s.is_empty()).then_some(s);
                (Status::Failed, None, some(f.error), some(f.cause))
            }
            Err(Stop::TimedOut) => {
                let cause = "The execution timed out (the machine's TimeoutSeconds passed)";
                self.event("ExecutionTimedOut", "executionTimedOutEventDetails", || {
                    obj([
                        ("error", Json::from("States.Timeout")),
                        ("cause", Json::from(cause)),
                    ])
                });
                (
                    Status::TimedOut,
                    None,
                    Some("States.Timeout".to_owned()),
                    Some(cause.to_owned()),
                )
            }
            Err(Stop::Config(e)) => return Err(e),
        };
        Ok(Outcome {
            status,
            output,
            error,
            cause,
            path: std::mem::take(&mut self.path),
            history: std::mem::take(&mut self.history),
        })
    }

    // ----- history ---------------------------------------------------

    fn event(&mut self, kind: &'static str, details: &'static str, make: impl FnOnce() -> Json) {
        // Ids are counted with or without history: causes cite them.
        self.events += 1;
        if !self.options.history {
            return;
        }
        let id = self.events;
        let json = make();
        self.history.push(Event {
            id,
            previous_event_id: id - 1,
            timestamp: time::format_ms(self.clock_ms),
            kind,
            details: (!details.is_empty()).then_some((details, json)),
        });
    }

    fn check_deadline(&self) -> Result<(), Stop> {
        match self.deadline_ms {
            Some(deadline) if self.clock_ms >= deadline => Err(Stop::TimedOut),
            _ => Ok(()),
        }
    }

    fn advance(&mut self, ms: i64) -> Result<(), Stop> {
        let target = self.clock_ms.saturating_add(ms.max(0));
        if let Some(deadline) = self.deadline_ms
            && target >= deadline
        {
            self.clock_ms = deadline;
            return Err(Stop::TimedOut);
        }
        self.clock_ms = target;
        Ok(())
    }

    // ----- scopes ----------------------------------------------------

    fn run_scope(
        &mut self,
        start: &StateName,
        states: &States,
        input: Json,
        vars: &mut Vars,
    ) -> Result<Json, Stop> {
        let mut name = start.clone();
        let mut input = input;
        let mut from = String::new();
        loop {
            self.check_deadline()?;
            let Some(state) = states.get(&name) else {
                return Err(RunError::UnknownState {
                    from,
                    to: name.to_string(),
                }
                .into());
            };
            let step = self.run_state(&name, state, input, vars)?;
            if let Some(assigned) = step.assigned {
                vars.extend(assigned);
            }
            match step.next {
                Some(next) => {
                    from = name.to_string();
                    name = next;
                    input = step.output;
                }
                None => return Ok(step.output),
            }
        }
    }

    fn language(&self, state: &State) -> QueryLanguage {
        state.query_language().unwrap_or(self.machine_language)
    }

    fn run_state(
        &mut self,
        name: &StateName,
        state: &State,
        input: Json,
        vars: &Vars,
    ) -> Result<Step, Stop> {
        let entered_id = self.events + 1;
        self.state_body(name, state, input, vars)
            .map_err(|stop| match stop {
                // AWS names the state and its entered event in the cause
                // of a run-time error.
                Stop::Fail(mut f)
                    if f.error == "States.Runtime" && !f.cause.starts_with(RUNTIME_PREFIX) =>
                {
                    f.cause = format!(
                        "{RUNTIME_PREFIX} '{name}' (entered at the event id #{entered_id}). {}",
                        f.cause
                    );
                    Stop::Fail(f)
                }
                other => other,
            })
    }

    #[allow(
        clippy::too_many_lines,
        reason = "the state types dispatch from one place"
    )]
    fn state_body(
        &mut self,
        name: &StateName,
        state: &State,
        input: Json,
        vars: &Vars,
    ) -> Result<Step, Stop> {
        self.path.push(name.to_string());
        let kind = state.type_name();
        let entered = entered_event(kind);
        self.event(entered, "stateEnteredEventDetails", || {
            obj([
                ("name", Json::from(name.as_str())),
                ("input", text(&input)),
                ("inputDetails", truncated()),
            ])
        });
        let jsonata = self.language(state) == QueryLanguage::Jsonata;
        let ctx = StateCtx {
            name: name.as_str(),
            entered_ms: self.clock_ms,
            retry_count: 0,
            map_item: None,
            task_token: None,
        };
        let step = match state {
            State::Pass(s) => self.pass(s, &input, vars, &ctx, jsonata)?,
            State::Choice(s) => self.choice(s, input, vars, &ctx, jsonata)?,
            State::Wait(s) => self.wait(s, &input, vars, &ctx, jsonata)?,
            State::Succeed(s) => {
                let output = if jsonata {
                    match &s.output {
                        Some(p) => {
                            let states = self.states_binding(&input, &ctx);
                            self.jsonata_payload(p, &states, vars, "Output")?
                        }
                        None => input,
                    }
                } else {
                    let effective =
                        match self.input_path(s.input_path.as_ref(), &input, vars, &ctx)? {
                            Cow::Borrowed(_) => input,
                            Cow::Owned(v) => v,
                        };
                    self.output_path(s.output_path.as_ref(), effective, vars, &ctx)?
                };
                Step {
                    output,
                    next: None,
                    assigned: None,
                }
            }
            State::Fail(s) => return Err(self.fail(s, &input, vars, &ctx, jsonata)?.into()),
            State::Task(s) => self.with_retry(
                name,
                s.retry.as_ref(),
                s.catch.as_ref(),
                &input,
                vars,
                jsonata,
                None,
                |run, retry_count| run.task(name, s, &input, vars, retry_count, jsonata),
            )?,
            State::Parallel(s) => self.with_retry(
                name,
                s.retry.as_ref(),
                s.catch.as_ref(),
                &input,
                vars,
                jsonata,
                Some("ParallelStateFailed"),
                |run, retry_count| run.parallel(name, s, &input, vars, retry_count, jsonata),
            )?,
            State::Map(s) => self.with_retry(
                name,
                s.retry.as_ref(),
                s.catch.as_ref(),
                &input,
                vars,
                jsonata,
                Some("MapStateFailed"),
                |run, retry_count| run.map(name, s, &input, vars, retry_count, jsonata),
            )?,
            other => {
                return Err(RunError::Unsupported {
                    state: name.to_string(),
                    what: format!("a {} state", other.type_name()),
                }
                .into());
            }
        };
        size_check(&step.output, name.as_str(), "output")?;
        if !matches!(state, State::Fail(_)) {
            let exited = exited_event(kind);
            self.event(exited, "stateExitedEventDetails", || {
                let mut details = obj([
                    ("name", Json::from(name.as_str())),
                    ("output", text(&step.output)),
                    ("outputDetails", truncated()),
                ]);
                if let (Some(assigned), Json::Object(d)) = (&step.assigned, &mut details) {
                    let texts = assigned
                        .iter()
                        .map(|(k, v)| (k.clone(), text(v)))
                        .collect::<JsonObject>();
                    d.insert("assignedVariables".into(), Json::Object(texts));
                    d.insert(
                        "assignedVariablesDetails".into(),
                        obj([("truncated", Json::Bool(false))]),
                    );
                }
                details
            });
        }
        Ok(step)
    }

    // ----- retry and catch -------------------------------------------

    #[allow(clippy::too_many_arguments, reason = "one call site per state type")]
    fn with_retry(
        &mut self,
        name: &StateName,
        retriers: Option<&Vec<Retrier>>,
        catchers: Option<&Vec<Catcher>>,
        input: &Json,
        vars: &Vars,
        jsonata: bool,
        failed_event: Option<&'static str>,
        mut attempt: impl FnMut(&mut Self, usize) -> Result<Step, Stop>,
    ) -> Result<Step, Stop> {
        let retriers = retriers.map_or(&[][..], Vec::as_slice);
        let mut counts = vec![0usize; retriers.len()];
        let mut retry_count = 0;
        loop {
            let failure = match attempt(self, retry_count) {
                Ok(step) => return Ok(step),
                Err(Stop::Fail(f)) => f,
                Err(other) => return Err(other),
            };
            let retrier = retriers
                .iter()
                .enumerate()
                .find(|(_, r)| error_matches(&r.error_equals, &failure.error));
            if let Some((i, retrier)) = retrier {
                let max = retrier.max_attempts.map_or(3, asl_types::Integer::get);
                if i64::try_from(counts[i]).unwrap_or(i64::MAX) < max {
                    let delay = self.retry_delay(retrier, counts[i]);
                    counts[i] += 1;
                    retry_count += 1;
                    self.advance(delay)?;
                    continue;
                }
            }
            // AWS records a Parallel's or Map's failure once, when it is
            // not retried.
            if let Some(kind) = failed_event {
                self.event(kind, "", || Json::Null);
            }
            return self.catch(name, catchers, failure, input, vars, jsonata);
        }
    }

    fn retry_delay(&mut self, retrier: &Retrier, done: usize) -> i64 {
        #[allow(clippy::cast_precision_loss, reason = "at most 99,999,999 seconds")]
        let interval = retrier.interval_seconds.map_or(1, asl_types::Integer::get) as f64;
        let rate = retrier
            .backoff_rate
            .as_ref()
            .and_then(asl_types::Number::as_f64)
            .unwrap_or(2.0);
        let exponent = i32::try_from(done).unwrap_or(i32::MAX);
        let mut seconds = interval * rate.powi(exponent);
        if let Some(max) = retrier.max_delay_seconds {
            #[allow(clippy::cast_precision_loss, reason = "at most 31,622,400 seconds")]
            let max = max.get() as f64;
            seconds = seconds.min(max);
        }
        if retrier
            .jitter_strategy
            .as_ref()
            .is_some_and(|j| j.as_str() == "FULL")
        {
            seconds *= self.rng.borrow_mut().next_f64();
        }
        #[allow(clippy::cast_possible_truncation, reason = "capped below")]
        let ms = (seconds * 1000.0).min(1e15) as i64;
        ms
    }

    fn catch(
        &mut self,
        name: &StateName,
        catchers: Option<&Vec<Catcher>>,
        failure: Failure,
        input: &Json,
        vars: &Vars,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        let Some(catcher) = catchers
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .find(|c| error_matches(&c.error_equals, &failure.error))
        else {
            return Err(Stop::Fail(failure));
        };
        // A task that throws without a cause gives `{"Error": …}` alone.
        let mut error_output = obj([("Error", Json::from(failure.error.as_str()))]);
        if let (false, Json::Object(o)) = (failure.cause.is_empty(), &mut error_output) {
            o.insert("Cause".into(), Json::from(failure.cause.as_str()));
        }
        let ctx = StateCtx {
            name: name.as_str(),
            entered_ms: self.clock_ms,
            retry_count: 0,
            map_item: None,
            task_token: None,
        };
        if jsonata {
            let mut states = self.states_binding(input, &ctx);
            states.insert("errorOutput".into(), error_output.clone());
            let output = match &catcher.output {
                Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                None => error_output,
            };
            let assigned = self.jsonata_assign(catcher.assign.as_ref(), &states, vars)?;
            return Ok(Step {
                output,
                next: Some(catcher.next.clone()),
                assigned,
            });
        }
        let assigned = match &catcher.assign {
            Some(p) => Some(self.assign_jsonpath(p, &error_output, vars, &ctx)?),
            None => None,
        };
        let output = Self::result_path(catcher.result_path.as_ref(), input, error_output)?;
        Ok(Step {
            output,
            next: Some(catcher.next.clone()),
            assigned,
        })
    }

    // ----- the state types --------------------------------------------

    fn pass(
        &mut self,
        s: &Pass,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        if jsonata {
            let states = self.states_binding(input, ctx);
            let output = match &s.output {
                Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.jsonata_assign(s.assign.as_ref(), &states, vars)?;
            return Ok(Step {
                output,
                next: s.next.clone(),
                assigned,
            });
        }
        let effective = self.input_path(s.input_path.as_ref(), input, vars, ctx)?;
        let result = match (&s.result, &s.parameters) {
            (Some(result), _) => result.clone(),
            (None, Some(parameters)) => {
                self.payload(parameters, &effective, vars, ctx, "Parameters")?
            }
            (None, None) => effective.into_owned(),
        };
        let assigned = match &s.assign {
            Some(p) => Some(self.assign_jsonpath(p, &result, vars, ctx)?),
            None => None,
        };
        let combined = Self::result_path(s.result_path.as_ref(), input, result)?;
        let output = self.output_path(s.output_path.as_ref(), combined, vars, ctx)?;
        Ok(Step {
            output,
            next: s.next.clone(),
            assigned,
        })
    }

    fn choice(
        &mut self,
        s: &Choice,
        input: Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        if jsonata {
            let states = self.states_binding(&input, ctx);
            for rule in &s.choices {
                let value = match &rule.condition {
                    Condition::Jsonata(condition) => {
                        self.evaluate(condition.expression(), &states, vars)?
                    }
                    Condition::Constant(b) => Some(Json::Bool(*b)),
                    _ => {
                        return Err(Failure::new(
                            jsonata::QUERY_EVALUATION_ERROR,
                            "a JSONata Choice rule needs a `Condition`",
                        )
                        .into());
                    }
                };
                let holds = match value {
                    Some(Json::Bool(b)) => b,
                    other => {
                        return Err(Failure::new(
                            jsonata::QUERY_EVALUATION_ERROR,
                            format!(
                                "The Condition field must evaluate to a boolean, not {}",
                                other.as_ref().map_or("undefined", Json::kind)
                            ),
                        )
                        .into());
                    }
                };
                if holds {
                    let output = match rule.output.as_ref().or(s.output.as_ref()) {
                        Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                        None => input.clone(),
                    };
                    let assigned = self.jsonata_assign(
                        rule.assign.as_ref().or(s.assign.as_ref()),
                        &states,
                        vars,
                    )?;
                    return Ok(Step {
                        output,
                        next: Some(rule.next.clone()),
                        assigned,
                    });
                }
            }
            let Some(default) = &s.default else {
                return Err(no_choice().into());
            };
            let output = match &s.output {
                Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.jsonata_assign(s.assign.as_ref(), &states, vars)?;
            return Ok(Step {
                output,
                next: Some(default.clone()),
                assigned,
            });
        }
        let effective = self.input_path(s.input_path.as_ref(), &input, vars, ctx)?;
        let mut chosen = None;
        for rule in &s.choices {
            if self.condition(&rule.condition, &effective, vars, ctx)? {
                chosen = Some((rule.next.clone(), rule.assign.as_ref()));
                break;
            }
        }
        let (next, assign) = match chosen {
            Some(found) => found,
            None => match &s.default {
                Some(default) => (default.clone(), s.assign.as_ref()),
                None => return Err(no_choice().into()),
            },
        };
        let assigned = match assign {
            Some(p) => Some(self.assign_jsonpath(p, &effective, vars, ctx)?),
            None => None,
        };
        let effective = match effective {
            Cow::Borrowed(_) => input,
            Cow::Owned(v) => v,
        };
        let output = self.output_path(s.output_path.as_ref(), effective, vars, ctx)?;
        Ok(Step {
            output,
            next: Some(next),
            assigned,
        })
    }

    fn wait(
        &mut self,
        s: &Wait,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        let states = jsonata.then(|| self.states_binding(input, ctx));
        let effective = if jsonata {
            Cow::Borrowed(input)
        } else {
            self.input_path(s.input_path.as_ref(), input, vars, ctx)?
        };
        let until_ms = if let Some(seconds) = &s.seconds {
            let n = match seconds {
                JsonataOr::Literal(n) => n.get(),
                JsonataOr::Jsonata(e) => {
                    let v = self.evaluate_required(
                        e.expression(),
                        states.as_ref().unwrap_or(&JsonObject::new()),
                        vars,
                        "Seconds",
                    )?;
                    integer(&v).ok_or_else(|| {
                        Failure::new(
                            jsonata::QUERY_EVALUATION_ERROR,
                            "The Seconds field must evaluate to an integer",
                        )
                    })?
                }
            };
            self.clock_ms.saturating_add(n.saturating_mul(1000))
        } else if let Some(path) = &s.seconds_path {
            let v = self.reference(path, &effective, vars, ctx, "SecondsPath")?;
            let n = integer(&v).filter(|n| *n >= 0).ok_or_else(|| {
                Failure::runtime(format!(
                    "The SecondsPath parameter does not reference a valid integer value: {path} == {}",
                    plain(&v)
                ))
            })?;
            self.clock_ms.saturating_add(n.saturating_mul(1000))
        } else {
            let stamp = if let Some(t) = &s.timestamp {
                match t {
                    JsonataOr::Literal(t) => Json::from(t.as_str()),
                    JsonataOr::Jsonata(e) => self.evaluate_required(
                        e.expression(),
                        states.as_ref().unwrap_or(&JsonObject::new()),
                        vars,
                        "Timestamp",
                    )?,
                }
            } else if let Some(path) = &s.timestamp_path {
                let stamp = self.reference(path, &effective, vars, ctx, "TimestampPath")?;
                if stamp.as_str().and_then(time::parse_ms).is_none() {
                    return Err(Failure::runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {}",
                        plain(&stamp)
                    ))
                    .into());
                }
                stamp
            } else {
                return Err(RunError::Unsupported {
                    state: ctx.name.to_owned(),
                    what: "a Wait state without Seconds, Timestamp or their Paths".into(),
                }
                .into());
            };
            stamp
                .as_str()
                .and_then(time::parse_ms)
                .ok_or_else(|| {
                    Failure::runtime(format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {}",
                        compact(&stamp)
                    ))
                })?
        };
        let ms = until_ms - self.clock_ms;
        self.advance(ms)?;
        if jsonata {
            let states = states.unwrap_or_default();
            let output = match &s.output {
                Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                None => input.clone(),
            };
            let assigned = self.jsonata_assign(s.assign.as_ref(), &states, vars)?;
            return Ok(Step {
                output,
                next: s.next.clone(),
                assigned,
            });
        }
        let assigned = match &s.assign {
            Some(p) => Some(self.assign_jsonpath(p, &effective, vars, ctx)?),
            None => None,
        };
        let output = self.output_path(s.output_path.as_ref(), effective.into_owned(), vars, ctx)?;
        Ok(Step {
            output,
            next: s.next.clone(),
            assigned,
        })
    }

    fn fail(
        &mut self,
        s: &Fail,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        jsonata: bool,
    ) -> Result<Failure, Stop> {
        let field = |run: &mut Self,
                     literal: &Option<JsonataOr<String>>,
                     path: Option<&Expr>,
                     what: &str|
         -> Result<String, Stop> {
            if let Some(expr) = path {
                let value = run.expr(expr, input, vars, ctx, what)?;
                return match value {
                    Json::String(s) => Ok(s),
                    other => Err(Failure::runtime(format!(
                        "The {what} field must reference a string, not {}",
                        other.kind()
                    ))
                    .into()),
                };
            }
            match literal {
                None => Ok(String::new()),
                Some(JsonataOr::Literal(s)) => Ok(s.clone()),
                Some(JsonataOr::Jsonata(e)) => {
                    let states = run.states_binding(input, ctx);
                    match run.evaluate_required(e.expression(), &states, vars, what)? {
                        Json::String(s) => Ok(s),
                        other => Err(Failure::new(
                            jsonata::QUERY_EVALUATION_ERROR,
                            format!(
                                "The {what} field must evaluate to a string, not {}",
                                other.kind()
                            ),
                        )
                        .into()),
                    }
                }
            }
        };
        let _ = jsonata;
        let error = field(
            self,
            &s.error,
            s.error_path.as_ref().map(|d| &d.0),
            "ErrorPath",
        )?;
        let cause = field(
            self,
            &s.cause,
            s.cause_path.as_ref().map(|d| &d.0),
            "CausePath",
        )?;
        Ok(Failure::new(error, cause))
    }

    fn task(
        &mut self,
        name: &StateName,
        s: &Task,
        input: &Json,
        vars: &Vars,
        retry_count: usize,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        let token = matches!(
            &s.resource,
            Resource::Integration {
                pattern: IntegrationPattern::WaitForTaskToken,
                ..
            } | Resource::Sdk {
                pattern: IntegrationPattern::WaitForTaskToken,
                ..
            }
        )
        .then(|| {
            self.tokens += 1;
            format!("{}-token-{}", self.options.execution_name, self.tokens)
        });
        let ctx = StateCtx {
            name: name.as_str(),
            entered_ms: self.clock_ms,
            retry_count,
            map_item: None,
            task_token: token.as_deref(),
        };
        let states = jsonata.then(|| self.states_binding(input, &ctx));
        let task_input = if let Some(states) = &states {
            match &s.arguments {
                Some(p) => Cow::Owned(self.jsonata_payload(p, states, vars, "Arguments")?),
                None => Cow::Borrowed(input),
            }
        } else {
            let effective = self.input_path(s.input_path.as_ref(), input, vars, &ctx)?;
            match &s.parameters {
                // Nothing will read the request (a mock of fixed responses,
                // no history): evaluate its expressions, for their errors,
                // without building it.
                Some(p) if !self.options.history && !self.mocks.reads_input(name.as_str()) => {
                    self.check_payload(p, &effective, vars, &ctx)?;
                    Cow::Owned(Json::Null)
                }
                Some(p) => Cow::Owned(self.payload(p, &effective, vars, &ctx, "Parameters")?),
                None => effective,
            }
        };
        let timeout_ms = self.task_timeout(s, input, vars, &ctx, states.as_ref())?;
        let result =
            self.call_task(name, &s.resource, &task_input, token.as_deref(), timeout_ms)?;
        size_check(&result, name.as_str(), "result")?;
        self.after_result(result, &result_fields!(s), states, input, vars, &ctx)
    }

    /// A Task's `TimeoutSeconds` (literal, JSONata or `TimeoutSecondsPath`)
    /// in milliseconds; AWS's default is 60 s for some integrations and
    /// none otherwise: without the field the task has no limit here.
    fn task_timeout(
        &mut self,
        s: &Task,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
    ) -> Result<Option<i64>, Failure> {
        let seconds = match (&s.timeout_seconds, &s.timeout_seconds_path) {
            (Some(JsonataOr::Literal(n)), _) => Some(n.get()),
            (Some(JsonataOr::Jsonata(e)), _) => {
                let empty = JsonObject::new();
                let v = self.evaluate_required(
                    e.expression(),
                    states.unwrap_or(&empty),
                    vars,
                    "TimeoutSeconds",
                )?;
                Some(integer(&v).filter(|n| *n > 0).ok_or_else(|| {
                    Failure::new(
                        jsonata::QUERY_EVALUATION_ERROR,
                        "The TimeoutSeconds field must evaluate to a positive integer",
                    )
                })?)
            }
            (None, Some(path)) => {
                // A reference path into the effective input.
                let effective = self.input_path(s.input_path.as_ref(), input, vars, ctx)?;
                let v = self.reference(path, &effective, vars, ctx, "TimeoutSecondsPath")?;
                Some(integer(&v).filter(|n| *n > 0).ok_or_else(|| {
                    Failure::runtime(format!(
                        "The TimeoutSecondsPath parameter does not reference a valid positive integer: {path} == {}",
                        plain(&v)
                    ))
                })?)
            }
            (None, None) => None,
        };
        Ok(seconds.map(|s| s.saturating_mul(1000)))
    }

    /// What Task, Parallel and Map do with their result: in JSONata,
    /// `Output` and `Assign` with `$states.result`; in JSONPath,
    /// `ResultSelector`, `Assign`, `ResultPath` and `OutputPath`, in AWS's
    /// order.
    fn after_result(
        &mut self,
        result: Json,
        f: &ResultFields<'_>,
        states: Option<JsonObject>,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<Step, Stop> {
        let next = f.next.cloned();
        if let Some(mut states) = states {
            states.insert("result".into(), result.clone());
            let output = match f.output {
                Some(p) => self.jsonata_payload(p, &states, vars, "Output")?,
                None => result,
            };
            let assigned = self.jsonata_assign(f.assign, &states, vars)?;
            return Ok(Step {
                output,
                next,
                assigned,
            });
        }
        let result = match f.selector {
            Some(p) => self.payload(p, &result, vars, ctx, "ResultSelector")?,
            None => result,
        };
        let assigned = match f.assign {
            Some(p) => Some(self.assign_jsonpath(p, &result, vars, ctx)?),
            None => None,
        };
        let combined = Self::result_path(f.result_path, input, result)?;
        let output = self.output_path(f.output_path, combined, vars, ctx)?;
        Ok(Step {
            output,
            next,
            assigned,
        })
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one event per outcome, as AWS records them"
    )]
    fn call_task(
        &mut self,
        name: &StateName,
        resource: &Resource,
        input: &Json,
        token: Option<&str>,
        timeout_ms: Option<i64>,
    ) -> Result<Json, Stop> {
        let lambda = matches!(resource, Resource::Lambda(_));
        // Only the history shows these: spell them out only for it.
        let (resource_type, resource_name) = if self.options.history {
            let (t, n, _) = resource_parts(resource);
            (t, n)
        } else {
            (String::new(), String::new())
        };
        let scheduled = if lambda {
            "LambdaFunctionScheduled"
        } else {
            "TaskScheduled"
        };
        let region = self.options.region.clone();
        self.event(
            scheduled,
            if lambda {
                "lambdaFunctionScheduledEventDetails"
            } else {
                "taskScheduledEventDetails"
            },
            || {
                if lambda {
                    obj([
                        ("resource", Json::from(resource_name.as_str())),
                        ("input", text(input)),
                        ("inputDetails", truncated()),
                    ])
                } else {
                    obj([
                        ("resourceType", Json::from(resource_type.as_str())),
                        ("resource", Json::from(resource_name.as_str())),
                        ("region", Json::from(region.as_str())),
                        ("parameters", text(input)),
                    ])
                }
            },
        );
        let started = if lambda {
            "LambdaFunctionStarted"
        } else {
            "TaskStarted"
        };
        self.event(
            started,
            if lambda {
                ""
            } else {
                "taskStartedEventDetails"
            },
            || {
                obj([
                    ("resourceType", Json::from(resource_type.as_str())),
                    ("resource", Json::from(resource_name.as_str())),
                ])
            },
        );
        let count = self.calls.entry(name.to_string()).or_insert(0);
        let call = TaskCall {
            state: name.as_str(),
            resource,
            input,
            call: *count,
            task_token: token,
            region: &self.options.region,
            account: &self.options.account,
            time_ms: self.clock_ms,
        };
        *count += 1;
        let Some(mock) = self.mocks.get_mut(name.as_str()) else {
            return Err(RunError::NoMock {
                state: name.to_string(),
                resource: resource.to_string(),
            }
            .into());
        };
        let (answer, seconds) = mock.answer(&call, self.options.mock_validation)?;
        let answer = match timeout_ms {
            // The task ran past its TimeoutSeconds: AWS stops waiting then.
            Some(limit)
                if i64::try_from(seconds)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000)
                    >= limit =>
            {
                self.advance(limit)?;
                Err(Failure::new(
                    "States.Timeout",
                    format!(
                        "The task did not complete within its TimeoutSeconds ({} s)",
                        limit / 1000
                    ),
                ))
            }
            _ => {
                self.advance(
                    i64::try_from(seconds)
                        .unwrap_or(i64::MAX)
                        .saturating_mul(1000),
                )?;
                answer
            }
        };
        match answer {
            Ok(result) => {
                let sync = matches!(
                    resource,
                    Resource::Integration {
                        pattern: IntegrationPattern::Sync | IntegrationPattern::Sync2,
                        ..
                    }
                );
                if sync {
                    self.event("TaskSubmitted", "taskSubmittedEventDetails", || {
                        obj([
                            ("resourceType", Json::from(resource_type.as_str())),
                            ("resource", Json::from(resource_name.as_str())),
                            ("output", text(&result)),
                            ("outputDetails", truncated()),
                        ])
                    });
                }
                if lambda {
                    self.event(
                        "LambdaFunctionSucceeded",
                        "lambdaFunctionSucceededEventDetails",
                        || obj([("output", text(&result)), ("outputDetails", truncated())]),
                    );
                } else {
                    self.event("TaskSucceeded", "taskSucceededEventDetails", || {
                        obj([
                            ("resourceType", Json::from(resource_type.as_str())),
                            ("resource", Json::from(resource_name.as_str())),
                            ("output", text(&result)),
                            ("outputDetails", truncated()),
                        ])
                    });
                }
                Ok(result)
            }
            Err(failure) => {
                if lambda {
                    self.event(
                        "LambdaFunctionFailed",
                        "lambdaFunctionFailedEventDetails",
                        || {
                            obj([
                                ("error", Json::from(failure.error.as_str())),
                                ("cause", Json::from(failure.cause.as_str())),
                            ])
                        },
                    );
                } else {
                    let kind = if failure.error == "States.Timeout" {
                        "TaskTimedOut"
                    } else {
                        "TaskFailed"
                    };
                    let details = if failure.error == "States.Timeout" {
                        "taskTimedOutEventDetails"
                    } else {
                        "taskFailedEventDetails"
                    };
                    self.event(kind, details, || {
                        obj([
                            ("resourceType", Json::from(resource_type.as_str())),
                            ("resource", Json::from(resource_name.as_str())),
                            ("error", Json::from(failure.error.as_str())),
                            ("cause", Json::from(failure.cause.as_str())),
                        ])
                    });
                }
                Err(failure.into())
            }
        }
    }

    fn parallel(
        &mut self,
        name: &StateName,
        s: &Parallel,
        input: &Json,
        vars: &Vars,
        retry_count: usize,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        let ctx = StateCtx {
            name: name.as_str(),
            entered_ms: self.clock_ms,
            retry_count,
            map_item: None,
            task_token: None,
        };
        let states = jsonata.then(|| self.states_binding(input, &ctx));
        let branch_input = if let Some(states) = &states {
            match &s.arguments {
                Some(p) => self.jsonata_payload(p, states, vars, "Arguments")?,
                None => input.clone(),
            }
        } else {
            let effective = self.input_path(s.input_path.as_ref(), input, vars, &ctx)?;
            match &s.parameters {
                Some(p) => self.payload(p, &effective, vars, &ctx, "Parameters")?,
                None => effective.into_owned(),
            }
        };
        self.event("ParallelStateStarted", "", || Json::Null);
        let mut results = Vec::with_capacity(s.branches.len());
        for branch in &s.branches {
            let mut inner = vars.clone();
            match self.run_scope(
                &branch.start_at,
                &branch.states,
                branch_input.clone(),
                &mut inner,
            ) {
                Ok(output) => results.push(output),
                Err(stop) => return Err(stop),
            }
        }
        self.event("ParallelStateSucceeded", "", || Json::Null);
        let result = Json::Array(results);
        self.after_result(result, &result_fields!(s), states, input, vars, &ctx)
    }

    #[allow(clippy::too_many_lines, reason = "the Map data flow, in AWS's order")]
    fn map(
        &mut self,
        name: &StateName,
        s: &Map,
        input: &Json,
        vars: &Vars,
        retry_count: usize,
        jsonata: bool,
    ) -> Result<Step, Stop> {
        let unsupported = |what: &str| -> Stop {
            RunError::Unsupported {
                state: name.to_string(),
                what: what.to_owned(),
            }
            .into()
        };
        if s.item_reader.is_some() {
            return Err(unsupported("a distributed Map's ItemReader"));
        }
        if s.result_writer.is_some() {
            return Err(unsupported("a distributed Map's ResultWriter"));
        }
        if s.item_batcher.is_some() {
            return Err(unsupported("ItemBatcher"));
        }
        if s.tolerated_failure_count.is_some()
            || s.tolerated_failure_percentage.is_some()
            || s.tolerated_failure_count_path.is_some()
            || s.tolerated_failure_percentage_path.is_some()
        {
            return Err(unsupported("a tolerated failure threshold"));
        }
        let Some(processor) = s.item_processor.as_ref().or(s.iterator.as_ref()) else {
            return Err(unsupported("a Map state without ItemProcessor"));
        };
        let ctx = StateCtx {
            name: name.as_str(),
            entered_ms: self.clock_ms,
            retry_count,
            map_item: None,
            task_token: None,
        };
        let states = jsonata.then(|| self.states_binding(input, &ctx));
        let (effective, items) = if let Some(states) = &states {
            let items = match &s.items {
                Some(p) => self.jsonata_payload(p, states, vars, "Items")?,
                None => input.clone(),
            };
            (Cow::Borrowed(input), items)
        } else {
            let effective = self.input_path(s.input_path.as_ref(), input, vars, &ctx)?;
            let items = match &s.items_path {
                Some(path) => self.reference(path, &effective, vars, &ctx, "ItemsPath")?,
                None => effective.clone().into_owned(),
            };
            (effective, items)
        };
        let Json::Array(items) = items else {
            let what = if jsonata { "Items" } else { "ItemsPath" };
            return Err(Failure::runtime(format!(
                "The {what} field must select a JSON array, not {}",
                items.kind()
            ))
            .into());
        };
        self.event("MapStateStarted", "mapStateStartedEventDetails", || {
            obj([("length", Json::Number(items.len().into()))])
        });
        let selector = s.item_selector.as_ref().or(s.parameters.as_ref());
        let mut results = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item_ctx = StateCtx {
                name: name.as_str(),
                entered_ms: ctx.entered_ms,
                retry_count,
                map_item: Some((index, item)),
                task_token: None,
            };
            let item_input = match (selector, &states) {
                (Some(p), Some(_)) => {
                    let bindings = self.states_binding(input, &item_ctx);
                    self.jsonata_payload(p, &bindings, vars, "ItemSelector")?
                }
                (Some(p), None) => self.payload(p, &effective, vars, &item_ctx, "ItemSelector")?,
                (None, _) => item.clone(),
            };
            let iteration = || {
                obj([
                    ("name", Json::from(name.as_str())),
                    ("index", Json::Number(index.into())),
                ])
            };
            self.event(
                "MapIterationStarted",
                "mapIterationStartedEventDetails",
                iteration,
            );
            let mut inner = vars.clone();
            match self.run_scope(
                &processor.start_at,
                &processor.states,
                item_input,
                &mut inner,
            ) {
                Ok(output) => {
                    self.event(
                        "MapIterationSucceeded",
                        "mapIterationSucceededEventDetails",
                        iteration,
                    );
                    results.push(output);
                }
                Err(Stop::Fail(f)) => {
                    self.event(
                        "MapIterationFailed",
                        "mapIterationFailedEventDetails",
                        iteration,
                    );
                    return Err(Stop::Fail(f));
                }
                Err(other) => return Err(other),
            }
        }
        self.event("MapStateSucceeded", "", || Json::Null);
        let result = Json::Array(results);
        self.after_result(result, &result_fields!(s), states, input, vars, &ctx)
    }

    // ----- JSONPath data flow ------------------------------------------

    fn context(&self, ctx: &StateCtx<'_>) -> Json {
        let o = self.options;
        let execution_id = format!(
            "arn:aws:states:{}:{}:execution:{}:{}",
            o.region, o.account, o.state_machine_name, o.execution_name
        );
        let machine_id = format!(
            "arn:aws:states:{}:{}:stateMachine:{}",
            o.region, o.account, o.state_machine_name
        );
        let mut context = obj([
            (
                "Execution",
                obj([
                    ("Id", Json::from(execution_id)),
                    ("Input", self.execution_input.clone()),
                    ("Name", Json::from(o.execution_name.as_str())),
                    ("RoleArn", Json::from(o.role_arn.as_str())),
                    ("StartTime", Json::from(time::format_ms(o.start_time_ms))),
                    ("RedriveCount", Json::Number(0u8.into())),
                ]),
            ),
            (
                "State",
                obj([
                    ("EnteredTime", Json::from(time::format_ms(ctx.entered_ms))),
                    ("Name", Json::from(ctx.name)),
                    ("RetryCount", Json::Number(ctx.retry_count.into())),
                ]),
            ),
            (
                "StateMachine",
                obj([
                    ("Id", Json::from(machine_id)),
                    ("Name", Json::from(o.state_machine_name.as_str())),
                ]),
            ),
        ]);
        let Json::Object(members) = &mut context else {
            unreachable!("obj builds an object")
        };
        if let Some(token) = ctx.task_token {
            members.insert("Task".into(), obj([("Token", Json::from(token))]));
        }
        if let Some((index, value)) = ctx.map_item {
            members.insert(
                "Map".into(),
                obj([(
                    "Item",
                    obj([
                        ("Index", Json::Number(index.into())),
                        ("Value", value.clone()),
                    ]),
                )]),
            );
        }
        context
    }

    /// What `path` selects: `None` when a definite path names nothing.
    fn select(
        &self,
        path: &Path,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<Option<Json>, Failure> {
        Ok(match path.root() {
            PathRoot::Input => jsonpath::select(input, path.segments()),
            PathRoot::Context => jsonpath::select(&self.context(ctx), path.segments()),
            PathRoot::Variable(name) => {
                let Some(value) = vars.get(name) else {
                    return Err(Failure::runtime(format!(
                        "The variable `${name}` is not defined at this point (path '{path}')"
                    )));
                };
                jsonpath::select(value, path.segments())
            }
        })
    }

    fn input_path<'a>(
        &self,
        path: Option<&Nullable<Path>>,
        input: &'a Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<Cow<'a, Json>, Failure> {
        match path {
            None => Ok(Cow::Borrowed(input)),
            Some(Nullable::Null) => Ok(Cow::Owned(Json::Object(JsonObject::new()))),
            Some(Nullable::Value(p)) => self
                .select(p, input, vars, ctx)?
                .map(Cow::Owned)
                .ok_or_else(|| invalid_path(p)),
        }
    }

    fn output_path(
        &self,
        path: Option<&Nullable<Path>>,
        output: Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<Json, Failure> {
        match path {
            None => Ok(output),
            Some(Nullable::Null) => Ok(Json::Object(JsonObject::new())),
            Some(Nullable::Value(p)) => self
                .select(p, &output, vars, ctx)?
                .ok_or_else(|| invalid_path(p)),
        }
    }

    fn reference(
        &self,
        path: &ReferencePath,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        field: &str,
    ) -> Result<Json, Failure> {
        self.select(path.path(), input, vars, ctx)?.ok_or_else(|| {
            Failure::runtime(format!(
                "The {field} '{path}' could not be found in the input '{}'",
                compact(input)
            ))
        })
    }

    fn result_path(
        path: Option<&Nullable<ReferencePath>>,
        input: &Json,
        result: Json,
    ) -> Result<Json, Failure> {
        match path {
            None => Ok(result),
            Some(Nullable::Null) => Ok(input.clone()),
            Some(Nullable::Value(p)) => {
                if !matches!(p.path().root(), PathRoot::Input) {
                    return Err(Failure::runtime(format!(
                        "Invalid ResultPath '{p}': a ResultPath writes into the state input (`$`)"
                    )));
                }
                let mut combined = input.clone();
                jsonpath::write(&mut combined, p.path().segments(), result).map_err(|why| {
                    Failure::runtime(format!(
                        "Unable to apply ResultPath '{p}' to input '{}': {why}",
                        compact(input)
                    ))
                })?;
                Ok(combined)
            }
        }
    }

    /// A JSONPath payload template (`Parameters`, `ResultSelector`,
    /// `ItemSelector`, `Assign`) filled in from `input`.
    fn payload(
        &mut self,
        payload: &Payload,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        field: &str,
    ) -> Result<Json, Failure> {
        Ok(match payload {
            Payload::Null => Json::Null,
            Payload::Bool(b) => Json::Bool(*b),
            Payload::Number(n) => Json::Number(n.clone()),
            Payload::String(s) => Json::String(s.clone()),
            Payload::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|p| self.payload(p, input, vars, ctx, field))
                    .collect::<Result<_, _>>()?,
            ),
            Payload::Object(members) => {
                let mut out = JsonObject::with_capacity(members.len());
                for (key, value) in members {
                    let v = match value {
                        Payload::Expr(e) => self.member(e, key, input, vars, ctx)?,
                        other => self.payload(other, input, vars, ctx, field)?,
                    };
                    out.insert(key.clone(), v);
                }
                Json::Object(out)
            }
            Payload::Expr(e) => self.expr(e, input, vars, ctx, field)?,
        })
    }

    /// The value of the `.$` member `key`, with AWS's message when its
    /// path selects nothing.
    fn member(
        &mut self,
        e: &Expr,
        key: &str,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<Json, Failure> {
        self.expr(e, input, vars, ctx, key).map_err(|f| {
            if f.error == "States.Runtime" && matches!(e, Expr::Path(_)) {
                Failure::runtime(format!(
                    "The JSONPath '{e}' specified for the field '{key}.$' could not be found in the input '{}'",
                    compact(input)
                ))
            } else {
                f
            }
        })
    }

    /// Evaluates the expressions of a JSONPath payload, as [`Self::payload`]
    /// does (same errors, same random draws), without building the value.
    fn check_payload(
        &mut self,
        payload: &Payload,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<(), Failure> {
        match payload {
            Payload::Array(items) => {
                for item in items {
                    self.check_payload(item, input, vars, ctx)?;
                }
            }
            Payload::Object(members) => {
                for (key, value) in members {
                    if let Payload::Expr(e) = value {
                        self.member(e, key, input, vars, ctx)?;
                    } else {
                        self.check_payload(value, input, vars, ctx)?;
                    }
                }
            }
            Payload::Expr(e) => {
                self.expr(e, input, vars, ctx, "Parameters")?;
            }
            _ => {}
        }
        Ok(())
    }

    fn expr(
        &mut self,
        e: &Expr,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        field: &str,
    ) -> Result<Json, Failure> {
        match e {
            Expr::Path(p) => self
                .select(p, input, vars, ctx)?
                .ok_or_else(|| invalid_path(p)),
            Expr::Intrinsic(call) => {
                let rng = Rc::clone(&self.rng);
                let mut resolve = |p: &Path| -> Result<Json, Failure> {
                    self.select(p, input, vars, ctx)?
                        .ok_or_else(|| invalid_path(p))
                };
                let mut rng = rng.borrow_mut();
                crate::intrinsics::call(call, &mut resolve, &mut rng)
            }
            Expr::Jsonata(_) => Err(Failure::runtime(format!(
                "The field '{field}' holds a JSONata expression in a JSONPath state"
            ))),
        }
    }

    fn assign_jsonpath(
        &mut self,
        assign: &Payload,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<JsonObject, Failure> {
        match self.payload(assign, input, vars, ctx, "Assign")? {
            Json::Object(members) => Ok(members),
            other => Err(Failure::runtime(format!(
                "Assign must be an object, not {}",
                other.kind()
            ))),
        }
    }

    fn condition(
        &mut self,
        c: &Condition,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
    ) -> Result<bool, Failure> {
        match c {
            Condition::And(all) => {
                for c in all {
                    if !self.condition(c, input, vars, ctx)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Condition::Or(any) => {
                for c in any {
                    if self.condition(c, input, vars, ctx)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Condition::Not(c) => Ok(!self.condition(c, input, vars, ctx)?),
            Condition::Commented { condition, .. } => self.condition(condition, input, vars, ctx),
            Condition::Jsonata(_) | Condition::Constant(_) => Err(Failure::runtime(
                "A JSONata Condition in a JSONPath Choice state",
            )),
            Condition::Compare {
                variable,
                operator,
                operand,
            } => {
                let value = self.select(variable, input, vars, ctx)?;
                if *operator == Operator::IsPresent {
                    let want = matches!(operand, Operand::Bool(true));
                    return Ok(value.is_some() == want);
                }
                let Some(value) = value else {
                    return Err(Failure::runtime(format!(
                        "Invalid path '{variable}': The choice state's condition path references an invalid value."
                    )));
                };
                let operand = match operand {
                    Operand::Path(p) => {
                        let Some(v) = self.select(p, input, vars, ctx)? else {
                            return Err(Failure::runtime(format!(
                                "Invalid path '{p}': The choice state's condition path references an invalid value."
                            )));
                        };
                        v
                    }
                    Operand::String(s) => Json::from(s.as_str()),
                    Operand::Number(n) => Json::Number(n.clone()),
                    Operand::Bool(b) => Json::Bool(*b),
                };
                Ok(crate::choice::compare(&value, *operator, &operand))
            }
        }
    }

    // ----- JSONata ----------------------------------------------------

    fn states_binding(&self, input: &Json, ctx: &StateCtx<'_>) -> JsonObject {
        let mut states = JsonObject::new();
        states.insert("input".into(), input.clone());
        states.insert("context".into(), self.context(ctx));
        states
    }

    fn evaluate(
        &mut self,
        text: &str,
        states: &JsonObject,
        vars: &Vars,
    ) -> Result<Option<Json>, Failure> {
        let bindings = Bindings {
            states: states.clone(),
            variables: vars,
            rng: &self.rng,
            now_ms: self.clock_ms,
        };
        self.jsonata.evaluate(text, &bindings)
    }

    fn evaluate_required(
        &mut self,
        text: &str,
        states: &JsonObject,
        vars: &Vars,
        field: &str,
    ) -> Result<Json, Failure> {
        self.evaluate(text, states, vars)?.ok_or_else(|| {
            Failure::new(
                jsonata::QUERY_EVALUATION_ERROR,
                format!("The {field} field evaluated to undefined: {text}"),
            )
        })
    }

    fn jsonata_payload(
        &mut self,
        payload: &Payload,
        states: &JsonObject,
        vars: &Vars,
        field: &str,
    ) -> Result<Json, Failure> {
        Ok(self
            .jsonata_member(payload, states, vars, field)?
            .unwrap_or(Json::Null))
    }

    /// A JSONata template: `{% … %}` strings evaluated, the rest literal;
    /// a member whose expression yields nothing is left out.
    fn jsonata_member(
        &mut self,
        payload: &Payload,
        states: &JsonObject,
        vars: &Vars,
        field: &str,
    ) -> Result<Option<Json>, Failure> {
        Ok(Some(match payload {
            Payload::Null => Json::Null,
            Payload::Bool(b) => Json::Bool(*b),
            Payload::Number(n) => Json::Number(n.clone()),
            Payload::String(s) => Json::String(s.clone()),
            Payload::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.extend(self.jsonata_member(item, states, vars, field)?);
                }
                Json::Array(out)
            }
            Payload::Object(members) => {
                let mut out = JsonObject::with_capacity(members.len());
                for (key, value) in members {
                    if let Some(v) = self.jsonata_member(value, states, vars, key)? {
                        out.insert(key.clone(), v);
                    }
                }
                Json::Object(out)
            }
            Payload::Expr(Expr::Jsonata(e)) => return self.evaluate(e.expression(), states, vars),
            Payload::Expr(e) => {
                return Err(Failure::new(
                    jsonata::QUERY_EVALUATION_ERROR,
                    format!(
                        "The field '{field}' holds the JSONPath expression '{e}' in a JSONata state"
                    ),
                ));
            }
        }))
    }

    fn jsonata_assign(
        &mut self,
        assign: Option<&Payload>,
        states: &JsonObject,
        vars: &Vars,
    ) -> Result<Option<JsonObject>, Failure> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        match self.jsonata_payload(assign, states, vars, "Assign")? {
            Json::Object(members) => Ok(Some(members)),
            other => Err(Failure::new(
                jsonata::QUERY_EVALUATION_ERROR,
                format!("Assign must be an object, not {}", other.kind()),
            )),
        }
    }
}

// ----- helpers ------------------------------------------------------------

fn error_matches(names: &[asl_types::ErrorName], error: &str) -> bool {
    // AWS: States.Runtime is never retried or caught; States.ALL does not
    // catch States.DataLimitExceeded either.
    if error == "States.Runtime" {
        return false;
    }
    names.iter().any(|n| match n.as_str() {
        "States.ALL" => error != "States.DataLimitExceeded",
        "States.TaskFailed" => !NOT_TASK_FAILURES.contains(&error),
        name => name == error,
    })
}

/// The predefined errors `States.TaskFailed` does not stand for.
const NOT_TASK_FAILURES: &[&str] = &[
    "States.Timeout",
    "States.HeartbeatTimeout",
    "States.DataLimitExceeded",
    "States.Runtime",
    "States.IntrinsicFailure",
    "States.QueryEvaluationError",
    "States.NoChoiceMatched",
    "States.BranchFailed",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed",
    "States.ResultWriterFailed",
];

fn no_choice() -> Failure {
    Failure::new("States.NoChoiceMatched", "No Matches!")
}

fn invalid_path(p: &Path) -> Failure {
    Failure::runtime(format!(
        "Invalid path '{p}' : No results for path: {}",
        jayway(p)
    ))
}

/// A path as Jayway prints it in its errors: `$['a']['b'][0]`.
fn jayway(p: &Path) -> String {
    let mut out = match p.root() {
        PathRoot::Input => "$".to_owned(),
        PathRoot::Context => "$$".to_owned(),
        PathRoot::Variable(v) => format!("${v}"),
    };
    for s in p.segments() {
        use std::fmt::Write as _;
        let _ = match s {
            Segment::Field(name) => write!(out, "['{name}']"),
            Segment::Index(i) => write!(out, "[{i}]"),
            Segment::Wildcard => write!(out, "[*]"),
            Segment::Descendant => write!(out, ".."),
            Segment::Selector(t) => write!(out, "[{t}]"),
        };
    }
    out
}

fn integer(v: &Json) -> Option<i64> {
    match v {
        Json::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn size_check(value: &Json, state: &str, what: &str) -> Result<(), Failure> {
    // Most values are far below the limit: bound the text's length without
    // writing it, and write it only when the bound is not conclusive.
    if upper_bound(value, DATA_LIMIT + 1) <= DATA_LIMIT {
        return Ok(());
    }
    let size = serialized_len(value);
    if size > DATA_LIMIT {
        return Err(Failure::new(
            "States.DataLimitExceeded",
            format!(
                "The state/task '{state}' returned a {what} of {size} bytes, over the limit of {DATA_LIMIT} bytes"
            ),
        ));
    }
    Ok(())
}

/// At least the length of `value` as compact JSON text (each string
/// counted as if every character were escaped as `\uXXXX`), counting
/// stops once past `stop`.
fn upper_bound(value: &Json, stop: usize) -> usize {
    let mut total = 0usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        total += match v {
            Json::Null | Json::Bool(_) => 5,
            Json::Number(n) => n.as_str().len(),
            Json::String(s) => 2 + 6 * s.len(),
            Json::Array(items) => {
                stack.extend(items);
                2 + items.len()
            }
            Json::Object(members) => {
                stack.extend(members.values());
                2 + members.keys().map(|k| 4 + 6 * k.len()).sum::<usize>()
            }
        };
        if total > stop {
            break;
        }
    }
    total
}

/// The length of `value` as compact JSON text, without writing it.
fn serialized_len(value: &Json) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    match serde_json::to_writer(&mut count, value) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}

/// The first words of AWS's cause of a run-time error in a state.
const RUNTIME_PREFIX: &str = "An error occurred while executing the state";

/// A value as AWS quotes it in causes: a string as is, anything else as
/// compact JSON.
fn plain(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => compact(other),
    }
}

/// `value` as compact JSON text.
pub(crate) fn compact(value: &Json) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn text(value: &Json) -> Json {
    Json::String(compact(value))
}

fn truncated() -> Json {
    obj([("truncated", Json::Bool(false))])
}

fn obj<const N: usize>(members: [(&str, Json); N]) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn entered_event(kind: &str) -> &'static str {
    match kind {
        "Task" => "TaskStateEntered",
        "Pass" => "PassStateEntered",
        "Choice" => "ChoiceStateEntered",
        "Wait" => "WaitStateEntered",
        "Succeed" => "SucceedStateEntered",
        "Fail" => "FailStateEntered",
        "Parallel" => "ParallelStateEntered",
        _ => "MapStateEntered",
    }
}

fn exited_event(kind: &str) -> &'static str {
    match kind {
        "Task" => "TaskStateExited",
        "Pass" => "PassStateExited",
        "Choice" => "ChoiceStateExited",
        "Wait" => "WaitStateExited",
        "Succeed" => "SucceedStateExited",
        "Parallel" => "ParallelStateExited",
        _ => "MapStateExited",
    }
}

/// `resourceType`, `resource` as history events name them, and whether
/// the resource is a Lambda function ARN (which has its own events).
fn resource_parts(resource: &Resource) -> (String, String, bool) {
    match resource {
        Resource::Integration {
            service,
            action,
            pattern,
            ..
        }
        | Resource::Sdk {
            service,
            action,
            pattern,
            ..
        } => {
            let service = if matches!(resource, Resource::Sdk { .. }) {
                format!("aws-sdk:{service}")
            } else {
                service.clone()
            };
            (service, format!("{action}{}", pattern.suffix()), false)
        }
        Resource::Lambda(arn) => ("lambda".into(), arn.clone(), true),
        Resource::Activity(arn) => ("activity".into(), arn.clone(), false),
        other => ("unknown".into(), other.to_string(), false),
    }
}
