//! Build AWS Step Functions state machines in Rust, with typed SageMaker tasks.
//!
//! New here? Start with [`guide`]: a machine learning pipeline (processing, training,
//! evaluation, deployment, batch transforms) built step by step.
//!
//! A [`StateMachineBuilder`] takes states one by one and returns a handle for
//! each; transitions are made with handles, never by repeating names, and a
//! Succeed or Fail state has no successor to set. [`StateMachineBuilder::build`]
//! assembles the [`types::StateMachine`] and runs the validator, reporting
//! every issue at once.
//!
//! The AWS-documented SageMaker labeling example, in Rust:
//!
//! ```
//! use asl_builder::types::sagemaker::*;
//! use asl_builder::types::Path;
//! use asl_builder::{cond, FailSpec, StateMachineBuilder, TaskSpec};
//!
//! let job = CreateLabelingJob::builder()
//!     .labeling_job_name("example-job-name")
//!     .label_attribute_name("Categories")
//!     .input_config(LabelingJobInputConfig::new(LabelingJobDataSource::new().s3_data_source(
//!         LabelingJobS3DataSource::new("s3://s3bucket-example/manifest.json"),
//!     )))
//!     .output_config(LabelingJobOutputConfig::new("s3://s3bucket-example/output"))
//!     .role_arn("arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole")
//!     .human_task_config(
//!         HumanTaskConfig::builder()
//!             .workteam_arn("arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/ExampleTesting")
//!             .ui_config(UiConfig::new().ui_template_s3_uri("s3://s3bucket-example/TextClassification.template"))
//!             .pre_human_task_lambda_arn("arn:aws:lambda:us-west-2:123456789012:function:PRE-TextMultiClass")
//!             .task_title("Classify short bits of text")
//!             .task_description("Classify the following text")
//!             .number_of_human_workers_per_data_object(1)
//!             .task_time_limit_in_seconds(300)
//!             .annotation_consolidation_config(AnnotationConsolidationConfig::new(
//!                 "arn:aws:lambda:us-west-2:123456789012:function:ACS-TextMultiClass",
//!             ))
//!             .build(),
//!     )
//!     .build();
//!
//! let mut sm = StateMachineBuilder::new().timeout_seconds(3600);
//! let label = sm.task("SageMaker CreateLabelingJob", job.run_sync());
//! let check = sm.choice("ValidateOutput");
//! let ok = sm.succeed("Succeed");
//! let fail = sm.fail("Fail", FailSpec::new("InvalidOutput", "Output is not what was expected."));
//! sm.start_at(label).next(label, check);
//! sm.when(check, cond::not(cond::string_equals(Path::input().field("LabelingJobArn"), "")), ok)
//!     .otherwise(check, fail);
//! let machine = sm.build()?;
//! assert_eq!(machine.states.len(), 4);
//! let json = serde_json::to_value(&machine).unwrap();
//! assert_eq!(json["States"]["ValidateOutput"]["Default"], "Fail");
//! assert_eq!(
//!     json["States"]["SageMaker CreateLabelingJob"]["Resource"],
//!     "arn:aws:states:::sagemaker:createLabelingJob.sync"
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! # Features
//!
//! - `derive` (default): `#[derive(TaskInput)]` and `#[derive(Workflow)]`.
//! - `jsonata` (default): `build()` parses each `{% … %}` JSONata
//!   expression (with `jsonata-core`) and reports a syntax error as
//!   `jsonata-syntax`. Without it only the delimiters and emptiness are
//!   checked, and the build compiles about 18 fewer crates: a `build.rs`
//!   that writes JSONPath machines can turn it off with
//!   `asl-builder = { …, default-features = false, features = ["derive"] }`.

mod builder;

pub mod cond;
pub mod ctx;
pub mod emit;
mod error;
pub mod guide;
pub mod intrinsic;
mod reference;
mod spec;
mod typed;

#[doc(hidden)] // used by `path!` / `ref_path!` expansions only; not part of the public API
pub mod __private;

// `path!` expansions name `::asl_builder`; this lets them work inside this crate too.
extern crate self as asl_builder;

/// The Amazon States Language model (the `asl-types` crate), as
/// `asl_builder::types`: depend on `asl-builder` alone, and compiler
/// messages name the types by this path.
pub mod types {
    #[doc(inline)]
    pub use asl_types::*;
}

#[cfg(feature = "derive")]
pub use asl_macros::{TaskInput, Workflow};
pub use asl_macros::{path, ref_path};

pub use crate::builder::{Built, ChoiceRef, StateMachineBuilder, StateRef, Target, TerminalRef};
pub use crate::error::BuildError;
pub use crate::reference::IntoReferencePath;
pub use crate::spec::{
    Catch, ChoiceSpec, FailSpec, IntoNumber, MapSpec, ParallelSpec, PassSpec, Retry, SucceedSpec,
    TaskSpec, WaitSpec,
};
pub use crate::typed::{
    Cursor, JsonPathCursor, JsonataCursor, JsonataPath, Navigable, TaskInput, TypedPath, Variable,
    kind,
};
