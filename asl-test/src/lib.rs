//! Run Amazon States Language state machines locally, in process, as Step
//! Functions would, with every Task answered by a mock.
//!
//! [`Executor`] interprets an [`asl_types::StateMachine`] with AWS's
//! semantics, offline and in microseconds:
//!
//! - **JSONPath** data flow in AWS's order — `InputPath` → `Parameters`
//!   (paths, context paths `$$`, variables, the 18 intrinsic functions) →
//!   the task → `ResultSelector` → `ResultPath` (`null`, nested writes) →
//!   `OutputPath` — and Pass `Result`;
//! - **JSONata** — `Arguments`, `Output`, `Condition`, `Items`, `{% %}` in
//!   every field that takes one, `$states.input` / `result` / `errorOutput` /
//!   `context`, Step Functions' own functions (`$partition`, `$range`,
//!   `$hash`, `$random`, `$uuid`, `$parse`; `$eval` is refused as AWS does);
//! - `Assign` and variables in both languages with AWS's scoping;
//! - Choice with every operator, Wait, Succeed, Fail, Parallel and inline Map;
//! - Retry (`ErrorEquals`, interval, back-off, `MaxDelaySeconds`, full
//!   jitter drawn from the seed) and Catch; Task and machine
//!   `TimeoutSeconds`; AWS's run-time errors (`States.Runtime` with AWS's
//!   cause texts, `States.DataLimitExceeded`, `States.QueryEvaluationError`,
//!   `States.NoChoiceMatched`, …);
//! - a virtual clock that never sleeps, and one seeded random source: the
//!   same machine, input, mocks and seed give byte-identical [`Outcome`]s.
//!
//! # Mocks
//!
//! A Task is answered by the [`Mock`] of its state name: a sequence of
//! [`Response`]s (the Nth call gets the Nth, the last repeats; a response
//! may take virtual time), or a closure that receives the [`TaskCall`] —
//! the request as the state evaluated it — so a test can check what would
//! have been sent. A Task without a mock is [`RunError::NoMock`], never a
//! silent pass.
//!
//! ```
//! use asl_test::{Executor, Failure, Mock, Status};
//! use asl_types::{Json, StateMachine};
//!
//! let machine: StateMachine = r#"{
//!   "StartAt": "Train",
//!   "States": {
//!     "Train": {
//!       "Type": "Task",
//!       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
//!       "Parameters": {"TrainingJobName.$": "States.Format('train-{}', $$.Execution.Name)"},
//!       "Retry": [{"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 10}],
//!       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
//!       "ResultPath": "$.training",
//!       "Next": "Done"
//!     },
//!     "Done": {"Type": "Succeed"},
//!     "Failed": {"Type": "Fail", "Error": "TrainingFailed", "CausePath": "$.error.Cause"}
//!   }
//! }"#.parse()?;
//!
//! let mut executor = Executor::new(&machine);
//! executor.options().execution_name = "nightly".into();
//!
//! // Throttled once, then trained: a complete DescribeTrainingJob result
//! // made from what the state sent (see `mock::sagemaker`).
//! executor.mock("Train", Mock::per_call([
//!     Mock::throws("SageMaker.AmazonSageMakerException", "Rate exceeded"),
//!     asl_test::mock::sagemaker::training_completed(|job| job),
//! ]));
//! let run = executor.run(Json::Object(Default::default()))?;
//! assert_eq!(run.status, Status::Succeeded);
//! assert_eq!(run.path, ["Train", "Done"]);
//! assert_eq!(run.output.unwrap().pointer("/training/TrainingJobStatus"), Some(&Json::from("Completed")));
//!
//! // Check what the state sent, and fail the job.
//! executor.mock("Train", Mock::handler(|call| {
//!     assert_eq!(call.input.get("TrainingJobName"), Some(&Json::from("train-nightly")));
//!     Err(Failure::new("SageMaker.ResourceLimitExceededException", "no ml.p4d capacity"))
//! }));
//! let run = executor.run(Json::Object(Default::default()))?;
//! assert_eq!(run.status, Status::Failed);
//! assert_eq!(run.error.as_deref(), Some("TrainingFailed"));
//! assert_eq!(run.cause.as_deref(), Some("no ml.p4d capacity"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A mocked result of a SageMaker task is checked against the shape the
//! integration returns, as AWS's `TestState` API checks mocks
//! ([`Options::mock_validation`], [`FieldValidation`]: `STRICT` by default);
//! one that does not fit is [`RunError::MockResult`], naming the state, the
//! member's JSON pointer and the type expected. [`mock::sagemaker`] makes
//! complete, valid results from what the state sent, and [`MockConfig`]
//! reads Step Functions Local's `MockConfigFile.json`.
//!
//! The same runs from the command line: `asl run FILE --input JSON --mocks
//! MOCKS.json [--history]` prints one JSON object per execution
//! (`--mock-config FILE --test-case NAME` for a `MockConfigFile.json`,
//! `--mock-validation strict|present|none`).
//!
//! # Distributed Map, callbacks, nested executions
//!
//! A Map in `DISTRIBUTED` mode reads its items from the input or, through
//! its `ItemReader`, from mocked S3 objects ([`S3`], [`Executor::s3`]):
//! JSON, JSON Lines, CSV (`FIRST_ROW` or `GIVEN` headers, every
//! `CSVDelimiter`; values stay strings), S3 inventory manifests and
//! `s3:listObjectsV2` listings, at most `MaxItems`. `ItemSelector` and
//! `ItemBatcher` shape each child's input; each child is an execution of
//! its own (its own `$$.Execution`, no outer variables); failures past
//! `ToleratedFailureCount` / `ToleratedFailurePercentage` fail the Map with
//! `States.ExceedToleratedFailureThreshold`; results stay in item order, or
//! a `ResultWriter` writes them to the mocked S3 objects and returns
//! `ResultWriterDetails`.
//!
//! A `.waitForTaskToken` task (or an activity) gets a deterministic
//! `$$.Task.Token`; its mock answers as the worker would, with heartbeats
//! ([`Response::Heartbeat`]), and `HeartbeatSeconds` without one gives
//! `States.HeartbeatTimeout` on the virtual clock. A
//! `states:startExecution` task runs a machine registered with
//! [`Executor::state_machine`] as a nested execution.
//!
//! # Coverage and test files
//!
//! [`Executor::coverage`] reports which states, Choice rules, defaults,
//! catchers and retriers the runs exercised; [`Coverage::assert_complete`]
//! fails naming the rest. [`Case`] and [`Suite`] read test cases from JSON
//! files (`asl test DIR`).
//!
//! # Not modelled
//!
//! Map iterations on several threads (they run one after another, in item
//! order, on the virtual clock); Parquet items and Athena manifests; the
//! `TaskSubmitted` event before a `.sync` job that fails after it was
//! created.

mod callback;
mod choice;
mod coverage;
mod distributed;
mod exec;
mod failure;
mod hash;
mod intrinsics;
mod jsonata;
mod jsonpath;
pub mod mock;
mod mockconfig;
mod outcome;
mod rng;
mod s3;
mod suite;
mod time;

pub use crate::coverage::{Coverage, Target};
pub use crate::exec::{DATA_LIMIT, Executor, Options, RunError};
pub use crate::failure::Failure;
pub use crate::mock::{Mock, Mocks, Response, TaskCall};
pub use crate::mockconfig::MockConfig;
pub use crate::outcome::{Event, Outcome, Status};
pub use crate::rng::Rng;
pub use crate::s3::S3;
pub use crate::suite::{Case, CaseError, CaseResult, Suite};
pub use asl_types::sagemaker::response::FieldValidation;
