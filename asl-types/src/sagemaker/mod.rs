//! Typed SageMaker requests for the nine optimized Step Functions integrations.
//!
//! Every request shape of `CreateTrainingJob`, `CreateTransformJob`,
//! `CreateProcessingJob`, `CreateLabelingJob`, `CreateHyperParameterTuningJob`,
//! `CreateModel`, `CreateEndpointConfig`, `CreateEndpoint` and `UpdateEndpoint`
//! is a Rust type here, generated from the SageMaker API model by
//! `cargo xtask codegen`: every member exists, under its own name, with its
//! type. Each member at every depth is a [`Value`](crate::Value): a literal,
//! a path or intrinsic call (written `"Key.$"`), or a JSONata expression —
//! and so is a whole list, map or nested structure.
//!
//! - A shape with two or more required members is made with its builder,
//!   which names each of them:
//!   `HumanTaskConfig::builder().workteam_arn(..).ui_config(..)….build()`.
//!   `build()` does not compile until every required member is set, and the
//!   error names the one missing (see [`Set`] and [`Unset`]). A shape with one
//!   required member (or none) is made with `new(member)` (or `new()`): with
//!   two, positional arguments could be swapped unnoticed, since a path fits
//!   any member. Every optional member has a setter `member(value)` (plus
//!   `maybe_member(Option<Value<_>>)`), on the shape and on its builder.
//!   Every setter takes anything that converts into the member's `Value` (a
//!   literal, a [`Path`](crate::Path), a [`Jsonata`](crate::Jsonata), …).
//!   Lists take arrays, maps take arrays of pairs ([`DynMap`](crate::DynMap)).
//! - [`SageMakerOperation`] gives each request its resource ARNs;
//!   [`SageMakerOperation::run_sync`] exists only for the five job APIs
//!   ([`SupportsSync`]), so `.sync` on `CreateEndpoint` does not compile.
//! - [`SageMakerTask::try_from`] reads the SageMaker call of a parsed Task
//!   state back into the typed request, with errors that carry the JSON
//!   pointer of each unknown, missing or mistyped member.
//! - [`constraints`] gives the model's `min` / `max` / `pattern` facts as data.
//!
//! The training job of the AWS example "Create and manage SageMaker jobs with
//! Step Functions", in Rust:
//!
//! ```
//! use asl_types::sagemaker::{
//!     AlgorithmSpecification, Channel, CreateTrainingJob, DataSource, OutputDataConfig,
//!     ResourceConfig, S3DataDistribution, S3DataSource, S3DataType, SageMakerOperation,
//!     StoppingCondition, TrainingInputMode, TrainingInstanceType,
//! };
//! use asl_types::{Json, QueryLanguage, Template};
//!
//! // The members in the order the documented JSON lists them:
//! let job = CreateTrainingJob::builder()
//!     .training_job_name("search-model")
//!     .resource_config(
//!         ResourceConfig::new()
//!             .instance_count(4)
//!             .instance_type(TrainingInstanceType::MlC48xlarge)
//!             .volume_size_in_gb(20),
//!     )
//!     .hyper_parameters([
//!         ("mode", "batch_skipgram"),
//!         ("epochs", "5"),
//!         ("min_count", "5"),
//!         ("sampling_threshold", "0.0001"),
//!         ("learning_rate", "0.025"),
//!         ("window_size", "5"),
//!         ("vector_dim", "300"),
//!         ("negative_samples", "5"),
//!         ("batch_size", "11"),
//!     ])
//!     .algorithm_specification(
//!         AlgorithmSpecification::new(TrainingInputMode::File).training_image("..."),
//!     )
//!     .output_data_config(OutputDataConfig::new("s3://bucket-name/doc-search/model"))
//!     .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(100_000))
//!     .role_arn("arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role")
//!     .input_data_config([Channel::builder()
//!         .channel_name("train")
//!         .data_source(DataSource::new().s3_data_source(
//!             S3DataSource::builder()
//!                 .s3_data_type(S3DataType::S3Prefix)
//!                 .s3_uri("s3://bucket-name/doc-search/interim-data/training-data/")
//!                 .s3_data_distribution_type(S3DataDistribution::FullyReplicated)
//!                 .build(),
//!         ))
//!         .build()])
//!     .build();
//!
//! let documented: Json = r#"{
//!   "TrainingJobName": "search-model",
//!   "ResourceConfig": { "InstanceCount": 4, "InstanceType": "ml.c4.8xlarge", "VolumeSizeInGB": 20 },
//!   "HyperParameters": {
//!     "mode": "batch_skipgram", "epochs": "5", "min_count": "5",
//!     "sampling_threshold": "0.0001", "learning_rate": "0.025", "window_size": "5",
//!     "vector_dim": "300", "negative_samples": "5", "batch_size": "11"
//!   },
//!   "AlgorithmSpecification": { "TrainingImage": "...", "TrainingInputMode": "File" },
//!   "OutputDataConfig": { "S3OutputPath": "s3://bucket-name/doc-search/model" },
//!   "StoppingCondition": { "MaxRuntimeInSeconds": 100000 },
//!   "RoleArn": "arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role",
//!   "InputDataConfig": [{
//!     "ChannelName": "train",
//!     "DataSource": { "S3DataSource": {
//!       "S3DataType": "S3Prefix",
//!       "S3Uri": "s3://bucket-name/doc-search/interim-data/training-data/",
//!       "S3DataDistributionType": "FullyReplicated"
//!     } }
//!   }]
//! }"#.parse()?;
//! let written: Json = serde_json::to_string(&job)?.parse()?;
//! assert_eq!(written, documented); // equal as JSON values (member order aside)
//!
//! let task = job.run_sync().into_task(QueryLanguage::JsonPath)?;
//! assert_eq!(task.resource.to_string(), "arn:aws:states:::sagemaker:createTrainingJob.sync");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Any member may be computed when the state runs:
//!
//! ```
//! use asl_types::sagemaker::{CreateEndpoint, SageMakerOperation};
//! use asl_types::{Jsonata, Path, QueryLanguage};
//!
//! let deploy = CreateEndpoint::builder()
//!     .endpoint_name(Path::input().field("name"))
//!     .endpoint_config_name("my-config")
//!     .build();
//! assert_eq!(
//!     serde_json::to_string(&deploy)?,
//!     r#"{"EndpointName.$":"$.name","EndpointConfigName":"my-config"}"#
//! );
//! let deploy = CreateEndpoint::builder()
//!     .endpoint_name(Jsonata::new("$states.input.name"))
//!     .endpoint_config_name("my-config")
//!     .build();
//! assert_eq!(
//!     serde_json::to_string(&deploy)?,
//!     r#"{"EndpointName":"{% $states.input.name %}","EndpointConfigName":"my-config"}"#
//! );
//! let task = deploy.request_response().into_task(QueryLanguage::Jsonata)?;
//! assert!(task.arguments.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The generated types' docs link to each shape's page in the
//! [SageMaker API reference](https://docs.aws.amazon.com/sagemaker/latest/APIReference/).

mod check;
mod constraints;
#[rustfmt::skip]
mod generated;
mod integration;
pub mod reflect;
pub mod response;
#[cfg(feature = "sdk")]
mod sdk;
mod task;
mod typestate;

pub use self::check::CheckConstraints;
pub(crate) use self::check::check_payload;
pub use self::constraints::{
    Facts, Limit, MemberConstraints, Pattern, TypeConstraints, all_constraints, constraints,
};
pub use self::generated::*;
pub use self::integration::{SageMakerCall, SageMakerOperation, SupportsSync};
#[cfg(feature = "sdk")]
pub use self::sdk::{SdkError, SdkErrorKind};
pub(crate) use self::task::select;
pub use self::task::{SageMakerIntegration, SageMakerTask, SageMakerTaskError};
pub use self::typestate::{Set, Unset};
