//! Typed mocks for SageMaker tasks: complete, valid results made from what
//! the state sent.
//!
//! A `.sync` job mock answers with the job's `Describe…` result
//! ([`DescribeTrainingJobResponse`], …): every member the request set that
//! the description has (the job's configuration, as SageMaker echoes it),
//! the job's name from the request, its ARN (in the execution's region and
//! account; SageMaker writes the name in lower case in ARNs), its status,
//! and its times (the virtual clock, epoch milliseconds). A closure can then
//! change the typed result:
//!
//! ```
//! use asl_test::mock::sagemaker;
//! use asl_test::{Executor, Status};
//! use asl_types::sagemaker::response::ModelArtifacts;
//! use asl_types::{Json, StateMachine};
//!
//! let machine: StateMachine = r#"{"StartAt": "Train", "States": {"Train": {
//!     "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
//!     "Parameters": {"TrainingJobName.$": "$.name",
//!       "AlgorithmSpecification": {"TrainingImage": "img", "TrainingInputMode": "File"},
//!       "RoleArn": "arn:aws:iam::123456789012:role/sm",
//!       "OutputDataConfig": {"S3OutputPath": "s3://bucket/models"},
//!       "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
//!       "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
//!     "End": true}}}"#.parse()?;
//! let mut executor = Executor::new(&machine);
//! executor.mock("Train", sagemaker::training_completed(|job| {
//!     job.model_artifacts(ModelArtifacts::new("s3://bucket/models/best/model.tar.gz"))
//! }));
//! let run = executor.run(r#"{"name": "Nightly-1"}"#.parse()?)?;
//! assert_eq!(run.status, Status::Succeeded);
//! let out = run.output.unwrap();
//! assert_eq!(out.get("TrainingJobName"), Some(&Json::from("Nightly-1")));
//! assert_eq!(
//!     out.get("TrainingJobArn"),
//!     Some(&Json::from("arn:aws:sagemaker:us-east-1:123456789012:training-job/nightly-1"))
//! );
//! assert_eq!(out.get("TrainingJobStatus"), Some(&Json::from("Completed")));
//! assert_eq!(
//!     out.pointer("/ModelArtifacts/S3ModelArtifacts"),
//!     Some(&Json::from("s3://bucket/models/best/model.tar.gz"))
//! );
//! assert_eq!(out.pointer("/ResourceConfig/InstanceCount"), Some(&Json::Number(1u64.into())));
//!
//! // A failed job fails the task: `States.TaskFailed`, with the job's
//! // description (its `FailureReason` included) as the cause.
//! executor.mock("Train", sagemaker::training_failed("AlgorithmError: exit code 1"));
//! let run = executor.run(r#"{"name": "Nightly-2"}"#.parse()?)?;
//! assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
//! assert!(run.cause.unwrap().contains(r#""FailureReason":"AlgorithmError: exit code 1""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Failed and stopped jobs.** A `.sync` task whose job ends `Failed` (or
//! `Stopped`) fails with `States.TaskFailed` and the job's description as
//! JSON text in the cause, `FailureReason` included: the form the project's
//! examples already use for a failed `.sync` job. No AWS-recorded SageMaker
//! execution (a snapshot of `LocalStack`, an AWS documentation page) was found to
//! confirm the error name, so treat it as this crate's reading until one
//! is; a call SageMaker itself refuses
//! (a taken name, throttling) is [`exception`]
//! (`SageMaker.AmazonSageMakerException`, the error the AWS page "Create and
//! manage SageMaker jobs with Step Functions" retries) or
//! [`resource_limit_exceeded`].
//!
//! Request-response tasks (`createModel`, `createEndpoint`, …, or a job API
//! without `.sync`) are answered by [`created`]: the operation's response,
//! the ARN of what the request named.
//!
//! A typed mock used on a state it does not fit (a training mock on a
//! transform task, a `.sync` mock on a request-response task) or whose
//! state sent a request that cannot give a complete result (no job name)
//! is a configuration error, [`RunError::Mocks`], naming the state.

use asl_types::Json;
use asl_types::sagemaker::SageMakerApi;
use asl_types::sagemaker::response::{
    DescribeHyperParameterTuningJobResponse, DescribeLabelingJobResponse,
    DescribeProcessingJobResponse, DescribeTrainingJobResponse, DescribeTransformJobResponse,
    FieldValidation, check_result,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Mock, TaskCall, sagemaker_task};
use crate::{Failure, RunError};

/// How a `.sync` job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Completed,
    Failed,
    Stopped,
}

/// What differs between the five job APIs.
struct Job {
    api: SageMakerApi,
    /// `Training` in `TrainingJobName`, …
    name_member: &'static str,
    arn_member: &'static str,
    status_member: &'static str,
    /// The resource type in ARNs: `training-job`, …
    arn_type: &'static str,
    /// The members holding when the job started and ended.
    start_member: Option<&'static str>,
    end_member: &'static str,
}

const TRAINING: Job = Job {
    api: SageMakerApi::CreateTrainingJob,
    name_member: "TrainingJobName",
    arn_member: "TrainingJobArn",
    status_member: "TrainingJobStatus",
    arn_type: "training-job",
    start_member: Some("TrainingStartTime"),
    end_member: "TrainingEndTime",
};
const TRANSFORM: Job = Job {
    api: SageMakerApi::CreateTransformJob,
    name_member: "TransformJobName",
    arn_member: "TransformJobArn",
    status_member: "TransformJobStatus",
    arn_type: "transform-job",
    start_member: Some("TransformStartTime"),
    end_member: "TransformEndTime",
};
const PROCESSING: Job = Job {
    api: SageMakerApi::CreateProcessingJob,
    name_member: "ProcessingJobName",
    arn_member: "ProcessingJobArn",
    status_member: "ProcessingJobStatus",
    arn_type: "processing-job",
    start_member: Some("ProcessingStartTime"),
    end_member: "ProcessingEndTime",
};
const LABELING: Job = Job {
    api: SageMakerApi::CreateLabelingJob,
    name_member: "LabelingJobName",
    arn_member: "LabelingJobArn",
    status_member: "LabelingJobStatus",
    arn_type: "labeling-job",
    start_member: None,
    end_member: "LastModifiedTime",
};
const TUNING: Job = Job {
    api: SageMakerApi::CreateHyperParameterTuningJob,
    name_member: "HyperParameterTuningJobName",
    arn_member: "HyperParameterTuningJobArn",
    status_member: "HyperParameterTuningJobStatus",
    arn_type: "hyper-parameter-tuning-job",
    start_member: None,
    end_member: "HyperParameterTuningEndTime",
};

/// The ARN SageMaker gives a resource named `name`.
fn arn(call: &TaskCall<'_>, resource_type: &str, name: &str) -> String {
    format!(
        "arn:aws:sagemaker:{}:{}:{resource_type}/{}",
        call.region,
        call.account,
        name.to_lowercase()
    )
}

fn config_error(call: &TaskCall<'_>, message: impl std::fmt::Display) -> RunError {
    RunError::Mocks(format!("state `{}`: {message}", call.state))
}

/// The string member `member` of the request the state sent.
fn request_string<'c>(call: &TaskCall<'c>, member: &str) -> Result<&'c str, RunError> {
    call.input
        .get(member)
        .and_then(Json::as_str)
        .ok_or_else(|| {
            config_error(
                call,
                format_args!(
                    "the typed SageMaker mock needs the request's `{member}` (a string) to name \
                     the result"
                ),
            )
        })
}

/// The description of `job` ended as `end`, from the request `call` sent.
fn describe(
    job: &Job,
    call: &TaskCall<'_>,
    end: End,
    reason: Option<&str>,
) -> Result<Json, RunError> {
    match sagemaker_task(call.resource) {
        Some((api, true)) if api == job.api => {}
        _ => {
            return Err(config_error(
                call,
                format_args!(
                    "a typed `{}.sync` mock answers `arn:aws:states:::sagemaker:{}.sync` tasks, \
                     not `{}`",
                    job.api.name(),
                    job.api.action(),
                    call.resource
                ),
            ));
        }
    }
    let name = request_string(call, job.name_member)?;
    let mut out = asl_types::JsonObject::new();
    // What the request set that the description echoes: each member that
    // fits the description's shape.
    if let Json::Object(request) = call.input {
        for (key, value) in request {
            let one = Json::Object([(key.clone(), value.clone())].into_iter().collect());
            if check_result(job.api, true, &one, FieldValidation::Present).is_empty() {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    let status = match end {
        End::Completed => "Completed",
        End::Failed => "Failed",
        End::Stopped => "Stopped",
    };
    let now = Json::Number(call.time_ms.into());
    out.insert(
        job.arn_member.to_owned(),
        Json::from(arn(call, job.arn_type, name)),
    );
    out.insert(job.status_member.to_owned(), Json::from(status));
    out.insert("CreationTime".to_owned(), now.clone());
    if let Some(start) = job.start_member {
        out.insert(start.to_owned(), now.clone());
    }
    out.insert(job.end_member.to_owned(), now.clone());
    if job.api != SageMakerApi::CreateTransformJob {
        // DescribeTransformJob has no LastModifiedTime.
        out.insert("LastModifiedTime".to_owned(), now);
    }
    out.insert(job.name_member.to_owned(), Json::from(name));
    match job.api {
        SageMakerApi::CreateTrainingJob => {
            out.insert("SecondaryStatus".to_owned(), Json::from(status));
            out.entry("StoppingCondition".to_owned())
                .or_insert_with(|| Json::Object(asl_types::JsonObject::new()));
            // SageMaker writes a job's model to S3OutputPath/NAME/output/model.tar.gz.
            let output = call
                .input
                .pointer("/OutputDataConfig/S3OutputPath")
                .and_then(Json::as_str)
                .unwrap_or("s3://local-bucket/output");
            let artifacts = format!(
                "{}/{name}/output/model.tar.gz",
                output.trim_end_matches('/')
            );
            out.insert(
                "ModelArtifacts".to_owned(),
                Json::Object(
                    [("S3ModelArtifacts".to_owned(), Json::from(artifacts))]
                        .into_iter()
                        .collect(),
                ),
            );
        }
        SageMakerApi::CreateLabelingJob => {
            out.entry("LabelCounters".to_owned())
                .or_insert_with(|| Json::Object(asl_types::JsonObject::new()));
            out.entry("JobReferenceCode".to_owned())
                .or_insert_with(|| Json::from(call.account));
        }
        SageMakerApi::CreateHyperParameterTuningJob => {
            for counters in ["TrainingJobStatusCounters", "ObjectiveStatusCounters"] {
                out.entry(counters.to_owned())
                    .or_insert_with(|| Json::Object(asl_types::JsonObject::new()));
            }
        }
        _ => {}
    }
    if let Some(reason) = reason {
        out.insert("FailureReason".to_owned(), Json::from(reason));
    }
    Ok(Json::Object(out))
}

/// A completed job's typed description, changed by `f`.
fn completed<T, F>(job: &'static Job, mut f: F) -> Mock
where
    T: Serialize + DeserializeOwned,
    F: FnMut(T) -> T + 'static,
{
    Mock::fallible(move |call| {
        let json = describe(job, call, End::Completed, None)?;
        let text = crate::exec::compact(&json);
        let typed: T = serde_json::from_str(&text).map_err(|e| {
            config_error(
                call,
                format_args!(
                    "the request does not make a complete `{}` result: {e}",
                    std::any::type_name::<T>()
                        .rsplit("::")
                        .next()
                        .unwrap_or_default()
                ),
            )
        })?;
        let text = serde_json::to_string(&f(typed))
            .map_err(|e| config_error(call, format_args!("cannot write the result: {e}")))?;
        let json: Json = text
            .parse()
            .map_err(|e| config_error(call, format_args!("cannot read the result: {e}")))?;
        Ok(Ok(json))
    })
}

/// A job that ends `end`: the task fails with `States.TaskFailed` and the
/// description as the cause.
fn ended(job: &'static Job, end: End, reason: Option<String>) -> Mock {
    Mock::fallible(move |call| {
        let description = describe(job, call, end, reason.as_deref())?;
        Ok(Err(Failure::new(
            "States.TaskFailed",
            crate::exec::compact(&description),
        )))
    })
}

macro_rules! job_mocks {
    ($($job:ident, $ty:ty, $completed:ident, $failed:ident, $stopped:ident, $what:literal;)*) => {$(
        #[doc = concat!("A `", $what, ".sync` task whose job completes: its `", stringify!($ty), "`, made")]
        /// from the request the state sent (see the [module docs](self)),
        /// then changed by `f` (`|job| job` to keep it).
        pub fn $completed(f: impl FnMut($ty) -> $ty + 'static) -> Mock {
            completed::<$ty, _>(&$job, f)
        }

        #[doc = concat!("A `", $what, ".sync` task whose job fails with `reason`: `States.TaskFailed`,")]
        /// the job's description (status `Failed`, `FailureReason`) as the
        /// cause.
        pub fn $failed(reason: impl Into<String>) -> Mock {
            ended(&$job, End::Failed, Some(reason.into()))
        }

        #[doc = concat!("A `", $what, ".sync` task whose job is stopped: `States.TaskFailed`, the job's")]
        /// description (status `Stopped`) as the cause.
        pub fn $stopped() -> Mock {
            ended(&$job, End::Stopped, None)
        }
    )*};
}

job_mocks! {
    TRAINING, DescribeTrainingJobResponse, training_completed, training_failed, training_stopped, "createTrainingJob";
    TRANSFORM, DescribeTransformJobResponse, transform_completed, transform_failed, transform_stopped, "createTransformJob";
    PROCESSING, DescribeProcessingJobResponse, processing_completed, processing_failed, processing_stopped, "createProcessingJob";
    LABELING, DescribeLabelingJobResponse, labeling_completed, labeling_failed, labeling_stopped, "createLabelingJob";
    TUNING, DescribeHyperParameterTuningJobResponse, tuning_completed, tuning_failed, tuning_stopped, "createHyperParameterTuningJob";
}

/// A request-response SageMaker task (any of the nine operations without
/// `.sync`) that succeeds: the operation's response, the ARN of what the
/// request named (`{"ModelArn": "arn:aws:sagemaker:…:model/NAME"}`,
/// `{"TrainingJobArn": …}`, …).
///
/// ```
/// use asl_test::mock::sagemaker;
/// use asl_test::{Executor, Status};
/// use asl_types::{Json, StateMachine};
///
/// let machine: StateMachine = r#"{"StartAt": "Deploy", "States": {"Deploy": {
///     "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
///     "Parameters": {"EndpointName": "churn", "EndpointConfigName": "churn-v2"},
///     "End": true}}}"#.parse()?;
/// let run = Executor::new(&machine).mock("Deploy", sagemaker::created()).run(Json::Null)?;
/// assert_eq!(run.status, Status::Succeeded);
/// assert_eq!(
///     run.output.unwrap().get("EndpointArn"),
///     Some(&Json::from("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn"))
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn created() -> Mock {
    Mock::fallible(|call| {
        let Some((api, false)) = sagemaker_task(call.resource) else {
            return Err(config_error(
                call,
                format_args!(
                    "`sagemaker::created()` answers request-response SageMaker tasks, not `{}`",
                    call.resource
                ),
            ));
        };
        let (name_member, arn_member, resource_type) = match api {
            SageMakerApi::CreateTrainingJob => {
                ("TrainingJobName", "TrainingJobArn", "training-job")
            }
            SageMakerApi::CreateTransformJob => {
                ("TransformJobName", "TransformJobArn", "transform-job")
            }
            SageMakerApi::CreateProcessingJob => {
                ("ProcessingJobName", "ProcessingJobArn", "processing-job")
            }
            SageMakerApi::CreateLabelingJob => {
                ("LabelingJobName", "LabelingJobArn", "labeling-job")
            }
            SageMakerApi::CreateHyperParameterTuningJob => (
                "HyperParameterTuningJobName",
                "HyperParameterTuningJobArn",
                "hyper-parameter-tuning-job",
            ),
            SageMakerApi::CreateModel => ("ModelName", "ModelArn", "model"),
            SageMakerApi::CreateEndpointConfig => {
                ("EndpointConfigName", "EndpointConfigArn", "endpoint-config")
            }
            SageMakerApi::CreateEndpoint | SageMakerApi::UpdateEndpoint => {
                ("EndpointName", "EndpointArn", "endpoint")
            }
        };
        let name = request_string(call, name_member)?;
        let result = [(
            arn_member.to_owned(),
            Json::from(arn(call, resource_type, name)),
        )];
        Ok(Ok(Json::Object(result.into_iter().collect())))
    })
}

/// SageMaker refuses the call (a taken job name, a bad parameter,
/// throttling): `SageMaker.AmazonSageMakerException` with `cause`, the
/// error the AWS page "Create and manage SageMaker jobs with Step
/// Functions" retries.
pub fn exception(cause: impl Into<String>) -> Mock {
    Mock::throws("SageMaker.AmazonSageMakerException", cause)
}

/// SageMaker refuses the call for lack of capacity or quota:
/// `SageMaker.ResourceLimitExceededException` with `cause`.
pub fn resource_limit_exceeded(cause: impl Into<String>) -> Mock {
    Mock::throws("SageMaker.ResourceLimitExceededException", cause)
}
