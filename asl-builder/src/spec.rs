//! Per-state configuration: one small builder per state type.
//!
//! Each spec wraps the model struct of its state and sets its fields; the
//! transitions (`Next`, `End`, `Default`, choice targets, catchers) are not
//! here: they are made on the [`StateMachineBuilder`](crate::StateMachineBuilder)
//! with handles.

use crate::reference::{IntoReferencePath, PathErrors};
use asl_types::sagemaker::{SageMakerCall, SageMakerOperation};
use asl_types::{
    ErrorName, Expr, Json, Jsonata, JsonataOr, Nullable, Number, Path, Payload, QueryLanguage,
    ReferencePath, Resource, Retrier,
};

/// Declares consuming `#[must_use]` setters that store `Some(value.into())`.
/// `=> other` names the field the setter clears: a value and its `…Path`
/// form exclude each other, so each replaces the other and no builder call
/// makes an `exclusive-fields` error.
macro_rules! setters {
    ($inner:ident { $($(#[$doc:meta])* $name:ident : $ty:ty $(=> $other:ident)?),* $(,)? }) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.$inner.$name = Some(value.into());
                $(self.$inner.$other = None;)?
                self
            }
        )*
    };
}

/// Declares consuming `#[must_use]` setters of Reference Path fields: a value
/// that is not one is kept in `path_errors` for `build()` to report.
macro_rules! path_setters {
    ($inner:ident { $($(#[$doc:meta])* $name:ident : $ty:ty = $field:literal $(=> $other:ident)?),* $(,)? }) => {
        $(
            $(#[$doc])*
            ///
            /// Takes a `ReferencePath` ([`ref_path!`](crate::ref_path)), a typed
            /// path, or a `Path` (see [`IntoReferencePath`]).
            pub fn $name(mut self, value: impl IntoReferencePath<$ty>) -> Self {
                self.path_errors.set(&mut self.$inner.$name, $field, value);
                $(self.$inner.$other = None;)?
                self
            }
        )*
    };
}

/// Declares `retry(retrier)`, appending to the state's `Retry` list.
macro_rules! retry_method {
    ($inner:ident) => {
        /// Adds a retrier.
        pub fn retry(mut self, retrier: impl Into<Retrier>) -> Self {
            self.$inner
                .retry
                .get_or_insert_with(Vec::new)
                .push(retrier.into());
            self
        }
    };
}

/// Where a task's payload goes: `Parameters` in a JSONPath state,
/// `Arguments` in a JSONata state — decided when the machine is built,
/// once the state's query language is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AutoPayload(pub(crate) Option<Payload>);

/// A Task state's configuration.
///
/// ```
/// use asl_builder::TaskSpec;
/// use asl_builder::types::{Path, Payload, Resource};
/// let spec = TaskSpec::new("arn:aws:states:::sns:publish")
///     .payload(Payload::object().with("Message", Path::input().field("text")))
///     .timeout_seconds(300);
/// # let _ = spec;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct TaskSpec {
    pub(crate) task: asl_types::Task,
    pub(crate) payload: AutoPayload,
    pub(crate) error: Option<String>,
    pub(crate) path_errors: PathErrors,
}

impl TaskSpec {
    /// A task running `resource`.
    pub fn new(resource: impl Into<Resource>) -> TaskSpec {
        TaskSpec {
            task: asl_types::Task::new(resource.into()),
            payload: AutoPayload::default(),
            error: None,
            path_errors: PathErrors::default(),
        }
    }

    /// A typed SageMaker call (`CreateTrainingJob::builder()…build().run_sync()`).
    pub fn sagemaker<Op: SageMakerOperation>(call: SageMakerCall<Op>) -> TaskSpec {
        let mut spec = TaskSpec::new(call.resource().clone());
        // Written as a JSONPath task here; `build()` moves the payload to
        // `Arguments` when the state turns out to be JSONata.
        match call.into_task(QueryLanguage::JsonPath) {
            Ok(mut task) => spec.payload = AutoPayload(task.parameters.take()),
            Err(e) => spec.error = Some(format!("the SageMaker request cannot be written: {e}")),
        }
        spec
    }

    /// `arn:aws:states:::lambda:invoke` with `FunctionName` and `Payload`.
    pub fn lambda_invoke(function: impl Into<Payload>, payload: impl Into<Payload>) -> TaskSpec {
        TaskSpec::new(Resource::integration(
            "lambda",
            "invoke",
            asl_types::IntegrationPattern::RequestResponse,
        ))
        .payload(
            Payload::object()
                .with("FunctionName", function)
                .with("Payload", payload),
        )
    }

    /// The payload: written as `Parameters` in a JSONPath state and as
    /// `Arguments` in a JSONata state.
    pub fn payload(mut self, payload: impl Into<Payload>) -> Self {
        self.payload = AutoPayload(Some(payload.into()));
        self
    }

    retry_method!(task);

    setters!(task {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `Credentials`
        credentials: Payload,
        /// `ResultSelector`
        result_selector: Payload,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
        /// `TimeoutSeconds`. Replaces a `TimeoutSecondsPath` set before.
        timeout_seconds: JsonataOr<asl_types::Integer> => timeout_seconds_path,
        /// `HeartbeatSeconds`. Replaces a `HeartbeatSecondsPath` set before.
        heartbeat_seconds: JsonataOr<asl_types::Integer> => heartbeat_seconds_path,
    });

    path_setters!(task {
        /// `ResultPath` (`Nullable::Null` discards the result).
        result_path: Nullable<ReferencePath> = "ResultPath",
        /// `TimeoutSecondsPath`. Replaces a `TimeoutSeconds` set before.
        timeout_seconds_path: ReferencePath = "TimeoutSecondsPath" => timeout_seconds,
        /// `HeartbeatSecondsPath`. Replaces a `HeartbeatSeconds` set before.
        heartbeat_seconds_path: ReferencePath = "HeartbeatSecondsPath" => heartbeat_seconds,
    });
}

impl<Op: SageMakerOperation> From<SageMakerCall<Op>> for TaskSpec {
    fn from(call: SageMakerCall<Op>) -> Self {
        TaskSpec::sagemaker(call)
    }
}

/// A retrier.
///
/// ```
/// use asl_builder::Retry;
/// let r = Retry::on(["SageMaker.AmazonSageMakerException"]).interval_seconds(1).max_attempts(100).backoff_rate(1.1);
/// # let _ = r;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Retry {
    retrier: Retrier,
}

impl Retry {
    /// Retries the errors named.
    pub fn on<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> Retry {
        let errors: Vec<ErrorName> = errors.into_iter().map(Into::into).collect();
        Retry {
            retrier: Retrier::new(errors),
        }
    }

    /// `BackoffRate`, written as given: `1` stays `1`, `1.5` stays `1.5`.
    pub fn backoff_rate(mut self, rate: impl IntoNumber) -> Self {
        self.retrier.backoff_rate = rate.into_number();
        self
    }

    setters!(retrier {
        /// `IntervalSeconds`
        interval_seconds: asl_types::Integer,
        /// `MaxAttempts`
        max_attempts: asl_types::Integer,
        /// `MaxDelaySeconds`
        max_delay_seconds: asl_types::Integer,
        /// `JitterStrategy`
        jitter_strategy: asl_types::JitterStrategy,
        /// `Comment`
        comment: String,
    });
}

impl From<Retry> for Retrier {
    fn from(r: Retry) -> Self {
        r.retrier
    }
}

/// Numbers a builder writes exactly as given: integers, [`Number`]s (any
/// text, `"0.25".parse()?`), and finite floats as `serde_json` writes them
/// (`0.9` stays `0.9`). `BackoffRate` and the numeric choice operators take
/// it.
pub trait IntoNumber {
    /// The number, or `None` for a non-finite float (which JSON cannot write).
    fn into_number(self) -> Option<Number>;
}

macro_rules! into_number_int {
    ($($t:ty),*) => {$(
        impl IntoNumber for $t {
            fn into_number(self) -> Option<Number> {
                Some(self.into())
            }
        }
    )*};
}
into_number_int!(i32, i64, u32, u64);

impl IntoNumber for f64 {
    fn into_number(self) -> Option<Number> {
        Number::from_f64(self)
    }
}

impl IntoNumber for f32 {
    fn into_number(self) -> Option<Number> {
        // Through its shortest decimal text, so `0.1f32` is `0.1`.
        self.to_string()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
    }
}

impl IntoNumber for Number {
    fn into_number(self) -> Option<Number> {
        Some(self)
    }
}

/// A catcher's configuration (its target is given on the machine builder).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Catch {
    pub(crate) catcher: asl_types::Catcher,
    pub(crate) path_errors: PathErrors,
}

impl Catch {
    /// Catches the errors named.
    pub fn on<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> Catch {
        let errors: Vec<ErrorName> = errors.into_iter().map(Into::into).collect();
        // The target is set when the catcher is added to a state.
        Catch {
            catcher: asl_types::Catcher::new(errors, ""),
            path_errors: PathErrors::default(),
        }
    }

    /// Catches everything (`States.ALL`).
    pub fn all() -> Catch {
        Catch::on([ErrorName::All])
    }

    setters!(catcher {
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
        /// `Comment`
        comment: String,
    });

    path_setters!(catcher {
        /// `ResultPath`
        result_path: Nullable<ReferencePath> = "ResultPath",
    });
}

/// A Pass state's configuration.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct PassSpec {
    pub(crate) pass: asl_types::Pass,
    pub(crate) path_errors: PathErrors,
}

impl PassSpec {
    /// A Pass state that passes its input on.
    pub fn new() -> PassSpec {
        PassSpec::default()
    }

    setters!(pass {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `Parameters`
        parameters: Payload,
        /// `Result`: literal JSON.
        result: Json,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
    });

    path_setters!(pass {
        /// `ResultPath`
        result_path: Nullable<ReferencePath> = "ResultPath",
    });
}

/// A Wait state's configuration: exactly one of the four ways to wait.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct WaitSpec {
    pub(crate) wait: asl_types::Wait,
    pub(crate) path_errors: PathErrors,
}

impl WaitSpec {
    /// Waits `seconds` (a number, or a JSONata expression).
    pub fn seconds(seconds: impl Into<JsonataOr<asl_types::Integer>>) -> WaitSpec {
        let mut wait = asl_types::Wait::default();
        wait.seconds = Some(seconds.into());
        WaitSpec {
            wait,
            path_errors: PathErrors::default(),
        }
    }

    /// Waits until an RFC 3339 timestamp (or a JSONata expression).
    pub fn timestamp(timestamp: impl Into<JsonataOr<String>>) -> WaitSpec {
        let mut wait = asl_types::Wait::default();
        wait.timestamp = Some(timestamp.into());
        WaitSpec {
            wait,
            path_errors: PathErrors::default(),
        }
    }

    /// Waits the number of seconds found at `path` (see [`IntoReferencePath`]).
    pub fn seconds_path(path: impl IntoReferencePath) -> WaitSpec {
        let mut spec = WaitSpec {
            wait: asl_types::Wait::default(),
            path_errors: PathErrors::default(),
        };
        spec.path_errors
            .set(&mut spec.wait.seconds_path, "SecondsPath", path);
        spec
    }

    /// Waits until the timestamp found at `path` (see [`IntoReferencePath`]).
    pub fn timestamp_path(path: impl IntoReferencePath) -> WaitSpec {
        let mut spec = WaitSpec {
            wait: asl_types::Wait::default(),
            path_errors: PathErrors::default(),
        };
        spec.path_errors
            .set(&mut spec.wait.timestamp_path, "TimestampPath", path);
        spec
    }

    setters!(wait {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
    });
}

/// A Fail state's configuration.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct FailSpec {
    pub(crate) fail: asl_types::Fail,
}

impl FailSpec {
    /// A Fail state with an `Error` name and a `Cause`.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> FailSpec {
        FailSpec::default().error(error.into()).cause(cause.into())
    }

    /// `Error`: a name (`"TrainingFailed"`), or a JSONata expression
    /// (`Jsonata::new(..)`). Replaces an `ErrorPath` set before: the two are
    /// exclusive.
    pub fn error(mut self, error: impl Into<JsonataOr<String>>) -> Self {
        self.fail.error = Some(error.into());
        self.fail.error_path = None;
        self
    }

    /// `Cause`: text, or a JSONata expression. Replaces a `CausePath`.
    pub fn cause(mut self, cause: impl Into<JsonataOr<String>>) -> Self {
        self.fail.cause = Some(cause.into());
        self.fail.cause_path = None;
        self
    }

    /// `ErrorPath`: a path or intrinsic call. Replaces an `Error`.
    pub fn error_path(mut self, expr: impl Into<Expr>) -> Self {
        self.fail.error_path = Some(asl_types::DynamicString(expr.into()));
        self.fail.error = None;
        self
    }

    /// `CausePath`: a path or intrinsic call. Replaces a `Cause`.
    pub fn cause_path(mut self, expr: impl Into<Expr>) -> Self {
        self.fail.cause_path = Some(asl_types::DynamicString(expr.into()));
        self.fail.cause = None;
        self
    }

    setters!(fail {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
    });
}

/// A Succeed state's configuration.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct SucceedSpec {
    pub(crate) succeed: asl_types::Succeed,
}

impl SucceedSpec {
    /// A plain Succeed state.
    pub fn new() -> SucceedSpec {
        SucceedSpec::default()
    }

    setters!(succeed {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
    });
}

/// A Choice state's own fields (its rules are added on the machine builder).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ChoiceSpec {
    pub(crate) choice: asl_types::Choice,
}

impl ChoiceSpec {
    /// A Choice state.
    pub fn new() -> ChoiceSpec {
        ChoiceSpec {
            choice: asl_types::Choice::new(Vec::new()),
        }
    }

    setters!(choice {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
    });
}

/// A Parallel state's configuration; branches are built with their own
/// [`StateMachineBuilder`](crate::StateMachineBuilder).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ParallelSpec {
    pub(crate) parallel: asl_types::Parallel,
    pub(crate) branches: Vec<crate::StateMachineBuilder>,
    pub(crate) payload: AutoPayload,
    pub(crate) path_errors: PathErrors,
}

impl ParallelSpec {
    /// A Parallel state without branches yet.
    pub fn new() -> ParallelSpec {
        ParallelSpec {
            parallel: asl_types::Parallel::new(Vec::new()),
            branches: Vec::new(),
            payload: AutoPayload::default(),
            path_errors: PathErrors::default(),
        }
    }

    /// Adds a branch.
    pub fn branch(mut self, branch: crate::StateMachineBuilder) -> Self {
        self.branches.push(branch);
        self
    }

    /// The input for every branch: `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub fn payload(mut self, payload: impl Into<Payload>) -> Self {
        self.payload = AutoPayload(Some(payload.into()));
        self
    }

    retry_method!(parallel);

    setters!(parallel {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `ResultSelector`
        result_selector: Payload,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
    });

    path_setters!(parallel {
        /// `ResultPath`
        result_path: Nullable<ReferencePath> = "ResultPath",
    });
}

/// A Map state's configuration; the per-item machine is built with its own
/// [`StateMachineBuilder`](crate::StateMachineBuilder).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct MapSpec {
    pub(crate) map: asl_types::Map,
    pub(crate) processor: crate::StateMachineBuilder,
    pub(crate) processor_config: Option<asl_types::ProcessorConfig>,
    /// Written as the legacy `Iterator` field rather than `ItemProcessor`.
    pub(crate) iterator: bool,
    pub(crate) path_errors: PathErrors,
}

impl MapSpec {
    /// A Map running `processor` for each item, its `ItemProcessor` without
    /// a `ProcessorConfig` (Step Functions runs it inline), as definitions
    /// written before distributed maps have it.
    ///
    /// ```
    /// use asl_builder::{MapSpec, PassSpec, StateMachineBuilder};
    /// let mut each = StateMachineBuilder::new();
    /// let p = each.pass("P", PassSpec::new());
    /// each.start_at(p).end(p);
    /// let mut sm = StateMachineBuilder::new();
    /// let map = sm.map("Each", MapSpec::new(each));
    /// sm.start_at(map).end(map);
    /// let json = serde_json::to_value(sm.build()?).unwrap();
    /// assert!(json["States"]["Each"]["ItemProcessor"].get("ProcessorConfig").is_none());
    /// # Ok::<(), asl_builder::BuildError>(())
    /// ```
    pub fn new(processor: crate::StateMachineBuilder) -> MapSpec {
        MapSpec {
            map: asl_types::Map::default(),
            processor,
            processor_config: None,
            iterator: false,
            path_errors: PathErrors::default(),
        }
    }

    /// A Map with the legacy `Iterator` field (the inline processor under its
    /// old name, still accepted by Step Functions), usually with
    /// [`parameters`](Self::parameters) for each item's input.
    ///
    /// ```
    /// use asl_builder::{MapSpec, PassSpec, StateMachineBuilder};
    /// let mut each = StateMachineBuilder::new();
    /// let p = each.pass("P", PassSpec::new());
    /// each.start_at(p).end(p);
    /// let mut sm = StateMachineBuilder::new();
    /// let map = sm.map("Each", MapSpec::iterator(each));
    /// sm.start_at(map).end(map);
    /// let json = serde_json::to_value(sm.build()?).unwrap();
    /// assert_eq!(json["States"]["Each"]["Iterator"]["StartAt"], "P");
    /// # Ok::<(), asl_builder::BuildError>(())
    /// ```
    pub fn iterator(processor: crate::StateMachineBuilder) -> MapSpec {
        MapSpec {
            iterator: true,
            ..MapSpec::new(processor)
        }
    }

    /// An inline Map running `processor` for each item.
    pub fn inline(processor: crate::StateMachineBuilder) -> MapSpec {
        let mut config = asl_types::ProcessorConfig::default();
        config.mode = Some(asl_types::ProcessorMode::Inline);
        MapSpec {
            processor_config: Some(config),
            ..MapSpec::new(processor)
        }
    }

    /// A distributed Map running `processor` as child executions of `execution_type`.
    pub fn distributed(
        processor: crate::StateMachineBuilder,
        execution_type: asl_types::ExecutionType,
    ) -> MapSpec {
        let mut config = asl_types::ProcessorConfig::default();
        config.mode = Some(asl_types::ProcessorMode::Distributed);
        config.execution_type = Some(execution_type);
        MapSpec {
            processor_config: Some(config),
            ..MapSpec::new(processor)
        }
    }

    retry_method!(map);

    /// `Items` as a JSONata expression.
    pub fn items_expr(mut self, expr: Jsonata) -> Self {
        self.map.items = Some(Payload::from(expr));
        self
    }

    setters!(map {
        /// `Comment`
        comment: String,
        /// `QueryLanguage` of this state.
        query_language: QueryLanguage,
        /// `InputPath`
        input_path: Nullable<Path>,
        /// `Items` (JSONata): an array or an expression.
        items: Payload,
        /// `ItemReader` (distributed)
        item_reader: asl_types::ItemReader,
        /// `ItemSelector`
        item_selector: Payload,
        /// `Parameters`: the legacy name of `ItemSelector`.
        parameters: Payload,
        /// `ItemBatcher` (distributed)
        item_batcher: asl_types::ItemBatcher,
        /// `MaxConcurrency`. Replaces a `MaxConcurrencyPath` set before.
        max_concurrency: JsonataOr<asl_types::Integer> => max_concurrency_path,
        /// `ToleratedFailurePercentage`. Replaces a `ToleratedFailurePercentagePath` set before.
        tolerated_failure_percentage: JsonataOr<Number> => tolerated_failure_percentage_path,
        /// `ToleratedFailureCount`. Replaces a `ToleratedFailureCountPath` set before.
        tolerated_failure_count: JsonataOr<asl_types::Integer> => tolerated_failure_count_path,
        /// `Label`
        label: String,
        /// `ResultWriter` (distributed)
        result_writer: asl_types::ResultWriter,
        /// `ResultSelector`
        result_selector: Payload,
        /// `OutputPath`
        output_path: Nullable<Path>,
        /// `Output` (JSONata)
        output: Payload,
        /// `Assign`
        assign: Payload,
    });

    path_setters!(map {
        /// `ItemsPath`
        items_path: ReferencePath = "ItemsPath",
        /// `MaxConcurrencyPath`. Replaces a `MaxConcurrency` set before.
        max_concurrency_path: ReferencePath = "MaxConcurrencyPath" => max_concurrency,
        /// `ToleratedFailurePercentagePath`. Replaces a `ToleratedFailurePercentage` set before.
        tolerated_failure_percentage_path: ReferencePath = "ToleratedFailurePercentagePath" => tolerated_failure_percentage,
        /// `ToleratedFailureCountPath`. Replaces a `ToleratedFailureCount` set before.
        tolerated_failure_count_path: ReferencePath = "ToleratedFailureCountPath" => tolerated_failure_count,
        /// `ResultPath`
        result_path: Nullable<ReferencePath> = "ResultPath",
    });
}

impl Default for ChoiceSpec {
    fn default() -> Self {
        ChoiceSpec::new()
    }
}

impl Default for ParallelSpec {
    fn default() -> Self {
        ParallelSpec::new()
    }
}
