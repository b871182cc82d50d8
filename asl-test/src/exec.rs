//! The interpreter: runs a [`StateMachine`] state by state with AWS's
//! semantics, on a virtual clock, with every Task answered by a mock.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use asl_types::{
    Catcher, Choice, Condition, Expr, Fail, IntegrationPattern, ItemProcessor, ItemReader, Json,
    JsonObject, JsonataOr, Map, Nullable, Operand, Operator, OutputType, Parallel, Pass, Path,
    PathRoot, Payload, ProcessorMode, QueryLanguage, ReferencePath, Resource, Retrier, Segment,
    State, StateMachine, StateName, States, Task, Wait,
};
use indexmap::IndexMap;

use crate::callback::{Nested, nested_failure, start_execution_result};
use crate::coverage::{Coverage, Hits};
use crate::distributed::{self, Child, ChildArns, ReadError, ReaderSettings};
use crate::jsonata::{self, Bindings};
use crate::mock::{Mock, Mocks, TaskCall};
use crate::outcome::{Event, Outcome, Status};
use crate::{Failure, Rng, S3, jsonpath, time};

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
    s3: S3,
    machines: HashMap<String, &'m StateMachine>,
    hits: Hits,
}

impl<'m> Executor<'m> {
    /// An executor for `machine`, with default [`Options`] and no mocks.
    pub fn new(machine: &'m StateMachine) -> Executor<'m> {
        Executor {
            machine,
            mocks: Mocks::new(),
            options: Options::default(),
            s3: S3::new(),
            machines: HashMap::new(),
            hits: Hits::default(),
        }
    }

    /// The mocked S3 objects a distributed Map's `ItemReader` reads; after
    /// a run, they include what its `ResultWriter` wrote.
    ///
    /// ```
    /// use asl_test::{Executor, Failure, Mock};
    /// use asl_types::{Json, StateMachine};
    ///
    /// let machine: StateMachine = r#"{"StartAt": "Score", "States": {"Score": {
    ///   "Type": "Map",
    ///   "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
    ///                  "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
    ///                  "Parameters": {"Bucket": "data", "Key": "ratings.csv"}},
    ///   "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///     "StartAt": "Rate", "States": {"Rate": {"Type": "Task",
    ///       "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload", "End": true}}},
    ///   "ToleratedFailureCount": 1,
    ///   "End": true}}}"#.parse()?;
    /// let mut executor = Executor::new(&machine);
    /// executor.s3().put("data", "ratings.csv", "user,score\nana,5\nbo,x\ncy,3\n");
    /// executor.mock("Rate", Mock::handler(|call| match call.input.get("score").and_then(Json::as_str) {
    ///     Some("x") => Err(Failure::new("Lambda.Unknown", "not a number")),
    ///     Some(n) => Ok(format!(r#"{{"Payload": {n}}}"#).parse().unwrap()),
    ///     None => Err(Failure::new("Lambda.Unknown", "no score")),
    /// }));
    /// let run = executor.run(Json::Object(Default::default()))?;
    /// // CSV values are strings; the one failure is tolerated and adds nothing.
    /// assert_eq!(run.output, Some("[5, 3]".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn s3(&mut self) -> &mut S3 {
        &mut self.s3
    }

    /// Replaces the mocked S3 objects.
    pub fn s3_objects(&mut self, s3: S3) -> &mut Self {
        self.s3 = s3;
        self
    }

    /// Registers `machine` as the state machine `arn` (a full ARN, or the
    /// name after `:stateMachine:`): a `states:startExecution` task (request
    /// response, `.sync` or `.sync:2`) whose `StateMachineArn` names it,
    /// and which has no mock, runs it as a nested execution.
    ///
    /// ```
    /// use asl_test::{Executor, Status};
    /// use asl_types::{Json, StateMachine};
    ///
    /// let parent: StateMachine = r#"{"StartAt": "Child", "States": {"Child": {
    ///   "Type": "Task",
    ///   "Resource": "arn:aws:states:::states:startExecution.sync:2",
    ///   "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Double",
    ///                  "Input": {"n.$": "$.n"}},
    ///   "OutputPath": "$.Output", "End": true}}}"#.parse()?;
    /// let child: StateMachine = r#"{"StartAt": "Twice", "States": {"Twice": {
    ///   "Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"}, "End": true}}}"#.parse()?;
    ///
    /// let mut executor = Executor::new(&parent);
    /// executor.state_machine("Double", &child);
    /// let run = executor.run(r#"{"n": 21}"#.parse()?)?;
    /// assert_eq!(run.status, Status::Succeeded);
    /// assert_eq!(run.output, Some(r#"{"n": 42}"#.parse()?));
    /// assert_eq!(run.path, ["Child", "Twice"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_machine(
        &mut self,
        arn: impl Into<String>,
        machine: &'m StateMachine,
    ) -> &mut Self {
        self.machines.insert(arn.into(), machine);
        self
    }

    /// Which states and transitions the runs so far exercised (nested
    /// branches, item processors and nested executions included).
    pub fn coverage(&self) -> Coverage {
        Coverage::new(self.machine, &self.hits)
    }

    /// Forgets the coverage of the runs so far.
    pub fn reset_coverage(&mut self) -> &mut Self {
        self.hits = Hits::default();
        self
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
        let mut run = Run::new(
            &self.options,
            &mut self.mocks,
            machine,
            &mut self.s3,
            &self.machines,
        );
        let result = run.execute(machine, input);
        let hits = std::mem::take(&mut run.hits);
        self.hits.merge(hits);
        result
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
    s3: &'r mut S3,
    machines: &'r HashMap<String, &'r StateMachine>,
    hits: Hits,
    /// How many executions this one is nested in.
    depth: usize,
    /// How many distributed Map runs this execution started.
    map_runs: u64,
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
    fn new(
        options: &'r Options,
        mocks: &'r mut Mocks,
        machine: &StateMachine,
        s3: &'r mut S3,
        machines: &'r HashMap<String, &'r StateMachine>,
    ) -> Run<'r> {
        Run {
            options,
            mocks,
            s3,
            machines,
            hits: Hits::default(),
            depth: 0,
            map_runs: 0,
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
        self.hits.entered(name.as_str());
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
                    self.hits.retry(name.as_str(), i);
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
        let Some((index, catcher)) = catchers
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
            .find(|(_, c)| error_matches(&c.error_equals, &failure.error))
        else {
            return Err(Stop::Fail(failure));
        };
        self.hits.catch(name.as_str(), index);
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
            for (index, rule) in s.choices.iter().enumerate() {
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
                    self.hits.rule(ctx.name, index);
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
            self.hits.took_default(ctx.name);
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
        for (index, rule) in s.choices.iter().enumerate() {
            if self.condition(&rule.condition, &effective, vars, ctx)? {
                self.hits.rule(ctx.name, index);
                chosen = Some((rule.next.clone(), rule.assign.as_ref()));
                break;
            }
        }
        let (next, assign) = match chosen {
            Some(found) => found,
            None => match &s.default {
                Some(default) => {
                    self.hits.took_default(ctx.name);
                    (default.clone(), s.assign.as_ref())
                }
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
        let timeout_ms = self.task_timeout(s, input, vars, &ctx, states.as_ref(), false)?;
        let heartbeat_ms = self.task_timeout(s, input, vars, &ctx, states.as_ref(), true)?;
        let result = self.call_task(
            name,
            &s.resource,
            &task_input,
            token.as_deref(),
            timeout_ms,
            heartbeat_ms,
        )?;
        size_check(&result, name.as_str(), "result")?;
        self.after_result(result, &result_fields!(s), states, input, vars, &ctx)
    }

    /// A Task's `TimeoutSeconds` (literal, JSONata or `TimeoutSecondsPath`)
    /// in milliseconds; AWS's default is 60 s for some integrations and
    /// none otherwise: without the field the task has no limit here.
    #[allow(clippy::too_many_arguments, reason = "the two fields and their names")]
    fn task_timeout(
        &mut self,
        s: &Task,
        input: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
        heartbeat: bool,
    ) -> Result<Option<i64>, Failure> {
        let (literal, path, field) = if heartbeat {
            (
                &s.heartbeat_seconds,
                &s.heartbeat_seconds_path,
                "HeartbeatSeconds",
            )
        } else {
            (
                &s.timeout_seconds,
                &s.timeout_seconds_path,
                "TimeoutSeconds",
            )
        };
        let seconds = match (literal, path) {
            (Some(JsonataOr::Literal(n)), _) => Some(n.get()),
            (Some(JsonataOr::Jsonata(e)), _) => {
                let empty = JsonObject::new();
                let v =
                    self.evaluate_required(e.expression(), states.unwrap_or(&empty), vars, field)?;
                Some(integer(&v).filter(|n| *n > 0).ok_or_else(|| {
                    Failure::new(
                        jsonata::QUERY_EVALUATION_ERROR,
                        format!("The {field} field must evaluate to a positive integer"),
                    )
                })?)
            }
            (None, Some(path)) => {
                // A reference path into the effective input.
                let effective = self.input_path(s.input_path.as_ref(), input, vars, ctx)?;
                let v = self.reference(path, &effective, vars, ctx, &format!("{field}Path"))?;
                Some(integer(&v).filter(|n| *n > 0).ok_or_else(|| {
                    Failure::runtime(format!(
                        "The {field}Path parameter does not reference a valid positive integer: {path} == {}",
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
        heartbeat_ms: Option<i64>,
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
        let (answer, seconds, heartbeats) = match self.mocks.get_mut(name.as_str()) {
            Some(mock) => mock.answer(&call, self.options.mock_validation)?,
            None => match self.nested_execution(name, resource, input)? {
                Some((answer, ms)) => (answer, u64::try_from(ms / 1000).unwrap_or(0), Vec::new()),
                None => {
                    return Err(RunError::NoMock {
                        state: name.to_string(),
                        resource: resource.to_string(),
                    }
                    .into());
                }
            },
        };
        // The task ran past its TimeoutSeconds, or its worker went quiet
        // past HeartbeatSeconds: AWS stops waiting then.
        let answer = if let Some((at, failure)) =
            crate::callback::expiry(seconds, &heartbeats, timeout_ms, heartbeat_ms)
        {
            self.advance(at)?;
            Err(failure)
        } else {
            self.advance(
                i64::try_from(seconds)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000),
            )?;
            answer
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
                    let timed_out = matches!(
                        failure.error.as_str(),
                        "States.Timeout" | "States.HeartbeatTimeout"
                    );
                    let kind = if timed_out {
                        "TaskTimedOut"
                    } else {
                        "TaskFailed"
                    };
                    let details = if timed_out {
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
        let Some(processor) = s.item_processor.as_ref().or(s.iterator.as_ref()) else {
            return Err(unsupported("a Map state without ItemProcessor"));
        };
        let distributed = processor
            .processor_config
            .as_ref()
            .and_then(|c| c.mode.as_ref())
            .is_some_and(|m| *m == ProcessorMode::Distributed)
            || s.item_reader.is_some()
            || s.item_batcher.is_some()
            || s.result_writer.is_some();
        if distributed {
            return self.distributed_map(name, s, processor, input, vars, retry_count, jsonata);
        }
        if s.tolerated_failure_count.is_some()
            || s.tolerated_failure_percentage.is_some()
            || s.tolerated_failure_count_path.is_some()
            || s.tolerated_failure_percentage_path.is_some()
        {
            return Err(unsupported(
                "a tolerated failure threshold in an INLINE Map",
            ));
        }
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

    // ----- nested executions -------------------------------------------

    /// Runs `states` from `start` as a nested execution named `name` of the
    /// machine `machine_name`, on `input`, from now until `deadline_ms`;
    /// its states entered and its coverage join this run's, and the Nth
    /// call of a mocked state counts across executions. Gives the result
    /// (the output, or the failure and whether it timed out) and the
    /// milliseconds it took; the machine's own timeout passing is this
    /// execution's.
    #[allow(clippy::too_many_arguments, reason = "what a nested execution is")]
    fn child_execution(
        &mut self,
        start: &StateName,
        states: &States,
        input: Json,
        name: &str,
        machine_name: &str,
        deadline_ms: Option<i64>,
        at: &str,
    ) -> Result<(ChildResult, i64), Stop> {
        if self.depth >= MAX_DEPTH {
            return Err(RunError::Unsupported {
                state: at.to_owned(),
                what: format!("nesting executions more than {MAX_DEPTH} deep"),
            }
            .into());
        }
        let mut options = self.options.clone();
        options.history = false;
        name.clone_into(&mut options.execution_name);
        machine_name.clone_into(&mut options.state_machine_name);
        options.start_time_ms = self.clock_ms;
        options.seed = self.options.seed ^ fnv(name.as_bytes());
        let start_ms = self.clock_ms;
        let parent_deadline = self.deadline_ms;
        let mut child = Run {
            options: &options,
            mocks: &mut *self.mocks,
            s3: &mut *self.s3,
            machines: self.machines,
            // The child's states entered, coverage and call counts join
            // this run's: lend them.
            hits: std::mem::take(&mut self.hits),
            depth: self.depth + 1,
            map_runs: 0,
            machine_language: self.machine_language,
            clock_ms: start_ms,
            deadline_ms: match (deadline_ms, parent_deadline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            rng: Rc::new(RefCell::new(Rng::new(options.seed))),
            jsonata: jsonata::Cache::default(),
            calls: std::mem::take(&mut self.calls),
            tokens: 0,
            history: Vec::new(),
            events: 0,
            path: std::mem::take(&mut self.path),
            execution_input: input.clone(),
        };
        let result = child.run_scope(start, states, input, &mut Vars::new());
        let end_ms = child.clock_ms;
        self.hits = std::mem::take(&mut child.hits);
        self.calls = std::mem::take(&mut child.calls);
        self.path = std::mem::take(&mut child.path);
        drop(child);
        let elapsed = end_ms - start_ms;
        match result {
            Ok(output) => Ok((Ok(output), elapsed)),
            Err(Stop::Fail(f)) => Ok((Err((f, false)), elapsed)),
            Err(Stop::TimedOut) if parent_deadline.is_some_and(|d| end_ms >= d) => {
                self.clock_ms = end_ms;
                Err(Stop::TimedOut)
            }
            Err(Stop::TimedOut) => Ok((
                Err((
                    Failure::new(
                        "States.Timeout",
                        "The execution timed out (the machine's TimeoutSeconds passed)",
                    ),
                    true,
                )),
                elapsed,
            )),
            Err(Stop::Config(e)) => Err(Stop::Config(e)),
        }
    }

    /// The machine registered as `arn` (or by the name in it).
    fn registered(&self, arn: &str) -> Option<&'r StateMachine> {
        if let Some(m) = self.machines.get(arn) {
            return Some(m);
        }
        let name = arn.split_once(":stateMachine:")?.1;
        let name = name.split(':').next().unwrap_or(name);
        self.machines.get(name).copied()
    }

    /// A `states:startExecution` task whose machine the test registered:
    /// runs it nested. `None` when the task is not one.
    fn nested_execution(
        &mut self,
        state: &StateName,
        resource: &Resource,
        request: &Json,
    ) -> Result<Option<Answered>, Stop> {
        let Resource::Integration {
            service,
            action,
            pattern,
            ..
        } = resource
        else {
            return Ok(None);
        };
        let sync = match pattern {
            IntegrationPattern::RequestResponse => None,
            IntegrationPattern::Sync => Some(false),
            IntegrationPattern::Sync2 => Some(true),
            _ => return Ok(None),
        };
        if service != "states" || action != "startExecution" {
            return Ok(None);
        }
        let Some(arn) = request.get("StateMachineArn").and_then(Json::as_str) else {
            return Ok(None);
        };
        let Some(machine) = self.registered(arn) else {
            return Ok(None);
        };
        let input = match request.get("Input") {
            None => Json::Object(JsonObject::new()),
            Some(Json::String(text)) => match text.parse() {
                Ok(v) => v,
                Err(e) => {
                    return Ok(Some((
                        Err(Failure::new(
                            "StepFunctions.InvalidExecutionInputException",
                            format!("the execution input is not JSON: {e}"),
                        )),
                        0,
                    )));
                }
            },
            Some(other) => other.clone(),
        };
        let machine_name = arn
            .split_once(":stateMachine:")
            .map_or(arn, |(_, n)| n.split(':').next().unwrap_or(n))
            .to_owned();
        let call = self.calls.get(state.as_str()).copied().unwrap_or(1);
        let name = match request.get("Name").and_then(Json::as_str) {
            Some(n) => n.to_owned(),
            None => uuid_of(&format!("{}/{}/{call}", self.options.execution_name, state)),
        };
        let o = self.options;
        let machine_arn = format!(
            "arn:aws:states:{}:{}:stateMachine:{machine_name}",
            o.region, o.account
        );
        let execution_arn = format!(
            "arn:aws:states:{}:{}:execution:{machine_name}:{name}",
            o.region, o.account
        );
        let deadline = machine
            .timeout_seconds
            .map(|s| self.clock_ms.saturating_add(s.get().saturating_mul(1000)));
        let start_ms = self.clock_ms;
        let language = std::mem::replace(
            &mut self.machine_language,
            machine.query_language.unwrap_or_default(),
        );
        let ran = self.child_execution(
            &machine.start_at,
            &machine.states,
            input.clone(),
            &name,
            &machine_name,
            deadline,
            state.as_str(),
        );
        self.machine_language = language;
        let (result, elapsed) = ran?;
        let failure = result.as_ref().err();
        let nested = Nested {
            execution_arn: &execution_arn,
            machine_arn: &machine_arn,
            name: &name,
            input: &input,
            start_ms,
            stop_ms: start_ms + elapsed,
            result: result.as_ref().map_err(|(f, _)| f),
            timed_out: failure.is_some_and(|(_, t)| *t),
        };
        let description = start_execution_result(&nested, sync);
        Ok(Some(match (sync, &result) {
            // Request response: started, not awaited.
            (None, _) => (Ok(description), 0),
            (Some(_), Ok(_)) => (Ok(description), elapsed),
            (Some(_), Err(_)) => (Err(nested_failure(&description)), elapsed),
        }))
    }

    // ----- distributed Map ---------------------------------------------

    /// A whole-number field given literally, as JSONata or by a path
    /// (negative only when `signed`).
    #[allow(clippy::too_many_arguments, reason = "the field's three forms")]
    fn count_field(
        &mut self,
        literal: Option<&JsonataOr<asl_types::Integer>>,
        path: Option<&ReferencePath>,
        field: &str,
        effective: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
        signed: bool,
    ) -> Result<Option<i64>, Failure> {
        Ok(match (literal, path) {
            (Some(JsonataOr::Literal(n)), _) => Some(n.get()),
            (Some(JsonataOr::Jsonata(e)), _) => {
                let empty = JsonObject::new();
                let v =
                    self.evaluate_required(e.expression(), states.unwrap_or(&empty), vars, field)?;
                Some(integer(&v).filter(|n| signed || *n >= 0).ok_or_else(|| {
                    Failure::new(
                        jsonata::QUERY_EVALUATION_ERROR,
                        format!("The {field} field must evaluate to a non-negative integer"),
                    )
                })?)
            }
            (None, Some(path)) => {
                let v = self.reference(path, effective, vars, ctx, &format!("{field}Path"))?;
                Some(integer(&v).filter(|n| signed || *n >= 0).ok_or_else(|| {
                    Failure::runtime(format!(
                        "The {field}Path parameter does not reference a valid non-negative integer: {path} == {}",
                        plain(&v)
                    ))
                })?)
            }
            (None, None) => None,
        })
    }

    /// `ToleratedFailurePercentage` given literally, as JSONata or by a path.
    fn percentage_field(
        &mut self,
        s: &Map,
        effective: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
    ) -> Result<Option<f64>, Failure> {
        let value = match (
            &s.tolerated_failure_percentage,
            &s.tolerated_failure_percentage_path,
        ) {
            (Some(JsonataOr::Literal(n)), _) => return Ok(n.as_f64()),
            (Some(JsonataOr::Jsonata(e)), _) => {
                let empty = JsonObject::new();
                self.evaluate_required(
                    e.expression(),
                    states.unwrap_or(&empty),
                    vars,
                    "ToleratedFailurePercentage",
                )?
            }
            (None, Some(path)) => {
                self.reference(path, effective, vars, ctx, "ToleratedFailurePercentagePath")?
            }
            (None, None) => return Ok(None),
        };
        match &value {
            Json::Number(n) => n.as_f64().filter(|p| (0.0..=100.0).contains(p)),
            _ => None,
        }
        .ok_or_else(|| {
            Failure::runtime(format!(
                "The ToleratedFailurePercentage must be a number from 0 to 100, not {}",
                plain(&value)
            ))
        })
        .map(Some)
    }

    /// `ReaderConfig.MaxItems` (literal, JSONata or `MaxItemsPath`), as
    /// AWS evaluates it before the Map Run starts.
    fn reader_max_items(
        &mut self,
        reader: &ItemReader,
        effective: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
    ) -> Result<Option<i64>, Failure> {
        let Some(config) = reader.reader_config.as_ref() else {
            return Ok(None);
        };
        if let (None, Some(path)) = (&config.max_items, &config.max_items_path) {
            // AWS's words (recorded by LocalStack, MaxItemsPath 1.5).
            let v = self.reference(path, effective, vars, ctx, "MaxItemsPath")?;
            return integer(&v).map(Some).ok_or_else(|| {
                Failure::runtime(format!(
                    "The MaxItemsPath field refers to value \"{}\" which is not a valid integer: {path}",
                    plain(&v)
                ))
            });
        }
        self.count_field(
            config.max_items.as_ref(),
            None,
            "MaxItems",
            effective,
            vars,
            ctx,
            states,
            true,
        )
    }

    /// The items an `ItemReader` reads from the mocked S3 objects, at most
    /// `max_items` (0 is no limit; below 0 the reader fails, as AWS
    /// recorded).
    #[allow(clippy::too_many_arguments, reason = "the reader and its context")]
    fn read_items(
        &mut self,
        name: &StateName,
        reader: &ItemReader,
        max_items: Option<i64>,
        effective: &Json,
        vars: &Vars,
        ctx: &StateCtx<'_>,
        states: Option<&JsonObject>,
    ) -> Result<Vec<Json>, Stop> {
        if max_items.is_some_and(|n| n < 0) {
            return Err(Failure::new(
                distributed::ITEM_READER_FAILED,
                "field MaxItems must be positive",
            )
            .into());
        }
        let parameters = match states {
            Some(st) => match &reader.arguments {
                Some(p) => self.jsonata_payload(p, st, vars, "Arguments")?,
                None => Json::Object(JsonObject::new()),
            },
            None => match &reader.parameters {
                Some(p) => self.payload(p, effective, vars, ctx, "Parameters")?,
                None => Json::Object(JsonObject::new()),
            },
        };
        let config = reader.reader_config.as_ref();
        let headers = match config.and_then(|c| c.csv_headers.as_ref()) {
            None => None,
            Some(JsonataOr::Literal(h)) => Some(h.clone()),
            Some(JsonataOr::Jsonata(e)) => {
                let empty = JsonObject::new();
                let v = self.evaluate_required(
                    e.expression(),
                    states.unwrap_or(&empty),
                    vars,
                    "CSVHeaders",
                )?;
                let list = match &v {
                    Json::Array(items) => items
                        .iter()
                        .map(|h| h.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>(),
                    _ => None,
                };
                Some(list.ok_or_else(|| {
                    Failure::new(
                        jsonata::QUERY_EVALUATION_ERROR,
                        "The CSVHeaders field must evaluate to an array of strings",
                    )
                })?)
            }
        };
        let settings = ReaderSettings {
            input_type: config.and_then(|c| c.input_type.as_ref()),
            header_location: config.and_then(|c| c.csv_header_location.as_ref()),
            headers,
            delimiter: config.and_then(|c| c.csv_delimiter.as_ref()),
            // 0 is no limit.
            max_items: max_items
                .filter(|n| *n > 0)
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            manifest_type: config.and_then(|c| c.manifest_type.as_deref()),
        };
        distributed::read_items(
            &reader.resource,
            &settings,
            &parameters,
            self.s3,
            self.options.start_time_ms,
        )
        .map_err(|e| match e {
            ReadError::Failure(f) => Stop::Fail(f),
            ReadError::Unsupported(what) => RunError::Unsupported {
                state: name.to_string(),
                what,
            }
            .into(),
        })
    }

    /// A Map in `DISTRIBUTED` mode: items from the input or an
    /// `ItemReader`, each (or each batch) a child execution of the item
    /// processor with its own context and no outer variables, failures
    /// counted against the tolerated threshold, results in item order,
    /// returned or written by the `ResultWriter`. Only the Map Run's events
    /// join this execution's history, as in AWS.
    #[allow(
        clippy::too_many_lines,
        clippy::too_many_arguments,
        reason = "the distributed Map data flow, in AWS's order"
    )]
    fn distributed_map(
        &mut self,
        name: &StateName,
        s: &Map,
        processor: &ItemProcessor,
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
        let effective = if jsonata {
            Cow::Borrowed(input)
        } else {
            self.input_path(s.input_path.as_ref(), input, vars, &ctx)?
        };
        self.map_runs += 1;
        let o = self.options;
        let run_id = uuid_of(&format!(
            "{}/{}/{}/{}",
            o.execution_name, o.state_machine_name, name, self.map_runs
        ));
        let label = s.label.as_deref().unwrap_or(name.as_str());
        let machine_path = format!("{}/{label}", o.state_machine_name);
        let arn_prefix = format!("arn:aws:states:{}:{}", o.region, o.account);
        let map_run_arn = format!("{arn_prefix}:mapRun:{machine_path}:{run_id}");
        let map_run_failed = |run: &mut Self, failure: Failure| -> Stop {
            run.event("MapRunFailed", "mapRunFailedEventDetails", || {
                obj([
                    ("error", Json::from(failure.error.as_str())),
                    ("cause", Json::from(failure.cause.as_str())),
                ])
            });
            failure.into()
        };
        let items = if let Some(reader) = &s.item_reader {
            // AWS starts the Map Run, with a length of 0, before reading.
            self.event("MapStateStarted", "mapStateStartedEventDetails", || {
                obj([("length", Json::Number(0u8.into()))])
            });
            let max_items =
                self.reader_max_items(reader, &effective, vars, &ctx, states.as_ref())?;
            self.event("MapRunStarted", "mapRunStartedEventDetails", || {
                obj([("mapRunArn", Json::from(map_run_arn.as_str()))])
            });
            match self.read_items(
                name,
                reader,
                max_items,
                &effective,
                vars,
                &ctx,
                states.as_ref(),
            ) {
                Ok(items) => items,
                Err(Stop::Fail(f)) => return Err(map_run_failed(self, f)),
                Err(other) => return Err(other),
            }
        } else {
            let items = match &states {
                Some(st) => match &s.items {
                    Some(p) => self.jsonata_payload(p, st, vars, "Items")?,
                    None => input.clone(),
                },
                None => match &s.items_path {
                    Some(path) => self.reference(path, &effective, vars, &ctx, "ItemsPath")?,
                    None => effective.clone().into_owned(),
                },
            };
            match items {
                Json::Array(items) => items,
                other => {
                    let what = if jsonata { "Items" } else { "ItemsPath" };
                    return Err(Failure::runtime(format!(
                        "The {what} field must select a JSON array, not {}",
                        other.kind()
                    ))
                    .into());
                }
            }
        };
        let selector = s.item_selector.as_ref().or(s.parameters.as_ref());
        let mut inputs = match selector {
            None => items,
            Some(p) => {
                let mut inputs = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let item_ctx = StateCtx {
                        name: name.as_str(),
                        entered_ms: ctx.entered_ms,
                        retry_count,
                        map_item: Some((index, item)),
                        task_token: None,
                    };
                    inputs.push(if jsonata {
                        let bindings = self.states_binding(input, &item_ctx);
                        self.jsonata_payload(p, &bindings, vars, "ItemSelector")?
                    } else {
                        self.payload(p, &effective, vars, &item_ctx, "ItemSelector")?
                    });
                }
                inputs
            }
        };
        if let Some(batcher) = &s.item_batcher {
            let size = |n: Option<i64>| {
                n.filter(|n| *n > 0)
                    .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
            };
            let max_items = self.count_field(
                batcher.max_items_per_batch.as_ref(),
                batcher.max_items_per_batch_path.as_ref(),
                "MaxItemsPerBatch",
                &effective,
                vars,
                &ctx,
                states.as_ref(),
                false,
            )?;
            let max_bytes = self.count_field(
                batcher.max_input_bytes_per_batch.as_ref(),
                batcher.max_input_bytes_per_batch_path.as_ref(),
                "MaxInputBytesPerBatch",
                &effective,
                vars,
                &ctx,
                states.as_ref(),
                false,
            )?;
            let batch_input = match (&batcher.batch_input, &states) {
                (Some(p), Some(st)) => Some(self.jsonata_payload(p, st, vars, "BatchInput")?),
                (Some(p), None) => Some(self.payload(p, &effective, vars, &ctx, "BatchInput")?),
                (None, _) => None,
            };
            inputs = distributed::batches(
                inputs,
                size(max_items),
                size(max_bytes),
                batch_input.as_ref(),
            );
        }
        let tolerated_count = self
            .count_field(
                s.tolerated_failure_count.as_ref(),
                s.tolerated_failure_count_path.as_ref(),
                "ToleratedFailureCount",
                &effective,
                vars,
                &ctx,
                states.as_ref(),
                false,
            )?
            .map(i64::cast_unsigned);
        let tolerated_percentage =
            self.percentage_field(s, &effective, vars, &ctx, states.as_ref())?;

        let total = inputs.len();
        if s.item_reader.is_none() {
            self.event("MapStateStarted", "mapStateStartedEventDetails", || {
                obj([("length", Json::Number(total.into()))])
            });
            self.event("MapRunStarted", "mapRunStartedEventDetails", || {
                obj([("mapRunArn", Json::from(map_run_arn.as_str()))])
            });
        }
        let keep = s.result_writer.is_some();
        let mut children = Vec::new();
        let mut outputs = Vec::with_capacity(if keep { 0 } else { total });
        let mut failed = 0usize;
        for (index, child_input) in inputs.into_iter().enumerate() {
            let child_name = format!("{}-{index}", &run_id[..8]);
            let kept_input = keep.then(|| child_input.clone());
            let start_ms = self.clock_ms;
            let (result, elapsed) = self.child_execution(
                &processor.start_at,
                &processor.states,
                child_input,
                &child_name,
                &machine_path,
                None,
                name.as_str(),
            )?;
            self.advance(elapsed)?;
            let result = result.map_err(|(f, _)| f);
            if result.is_err() {
                failed += 1;
                if distributed::threshold_exceeded(
                    failed,
                    total,
                    tolerated_count,
                    tolerated_percentage,
                ) {
                    return Err(map_run_failed(self, distributed::threshold_failure()));
                }
            }
            match (kept_input, result) {
                (Some(input), result) => children.push(Child {
                    name: child_name,
                    input,
                    start_ms,
                    stop_ms: self.clock_ms,
                    result,
                }),
                // A tolerated failure adds no result: the output holds one
                // entry per child that succeeded (as AWS's TestState checks
                // a mocked distributed Map result).
                (None, Ok(output)) => outputs.push(output),
                (None, Err(_)) => {}
            }
        }
        self.event("MapRunSucceeded", "", || Json::Null);
        self.event("MapStateSucceeded", "", || Json::Null);
        let result = match &s.result_writer {
            None => Json::Array(outputs),
            Some(writer) => {
                let config = writer.writer_config.as_ref();
                let transformation = match config.and_then(|c| c.transformation.as_ref()) {
                    Some(asl_types::Transformation::None) => distributed::Transformation::None,
                    Some(asl_types::Transformation::Compact) => {
                        distributed::Transformation::Compact
                    }
                    Some(asl_types::Transformation::Flatten) => {
                        distributed::Transformation::Flatten
                    }
                    Some(other) => {
                        return Err(RunError::Unsupported {
                            state: name.to_string(),
                            what: format!("the ResultWriter Transformation `{other}`"),
                        }
                        .into());
                    }
                    None if writer.resource.is_some() => distributed::Transformation::None,
                    None => distributed::Transformation::Compact,
                };
                let jsonl = config
                    .and_then(|c| c.output_type.as_ref())
                    .is_some_and(|t| *t == OutputType::Jsonl);
                let arns = ChildArns {
                    prefix: &arn_prefix,
                    machine: &machine_path,
                    express: processor
                        .processor_config
                        .as_ref()
                        .and_then(|c| c.execution_type.as_ref())
                        .is_some_and(|t| *t == asl_types::ExecutionType::Express),
                };
                let (succeeded, failures) =
                    distributed::transformed(&children, transformation, &arns);
                match &writer.resource {
                    None => Json::Array(succeeded),
                    Some(resource) => {
                        let put = matches!(resource, Resource::Integration { service, action, .. }
                            if service == "s3" && action == "putObject");
                        if !put {
                            return Err(RunError::Unsupported {
                                state: name.to_string(),
                                what: format!(
                                    "the ResultWriter resource `{resource}` (use `arn:aws:states:::s3:putObject`)"
                                ),
                            }
                            .into());
                        }
                        let parameters = match (&states, &writer.arguments, &writer.parameters) {
                            (Some(st), Some(p), _) => {
                                self.jsonata_payload(p, st, vars, "Arguments")?
                            }
                            (None, _, Some(p)) => {
                                self.payload(p, &effective, vars, &ctx, "Parameters")?
                            }
                            _ => Json::Object(JsonObject::new()),
                        };
                        let Some(bucket) = parameters.get("Bucket").and_then(Json::as_str) else {
                            return Err(Failure::new(
                                "States.ResultWriterFailed",
                                "the ResultWriter's parameters have no `Bucket` string",
                            )
                            .into());
                        };
                        let prefix = parameters.get("Prefix").and_then(Json::as_str);
                        distributed::write_results(
                            self.s3,
                            bucket,
                            prefix,
                            &map_run_arn,
                            &run_id,
                            &succeeded,
                            &failures,
                            jsonl,
                        )
                    }
                }
            }
        };
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

/// A nested execution's output, or its failure and whether it timed out.
type ChildResult = Result<Json, (Failure, bool)>;

/// A task's result and the milliseconds it took.
type Answered = (Result<Json, Failure>, i64);

/// How deep executions may nest (`states:startExecution` of a registered
/// machine that starts another).
const MAX_DEPTH: usize = 32;

/// FNV-1a: a child execution's seed from its name.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A UUID-shaped identifier determined by `seed` (a Map Run's id, a nested
/// execution's name): the same run gives the same ids.
fn uuid_of(seed: &str) -> String {
    Rng::new(fnv(seed.as_bytes())).uuid()
}

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
pub(crate) fn json_len(value: &Json) -> usize {
    serialized_len(value)
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
