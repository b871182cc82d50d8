//! The examples run locally with `asl-test`, down their success and failure
//! paths, every Task answered with what the real service integration returns
//! (for a SageMaker `.sync` task: the `Describe…Job` response; for
//! `lambda:invoke`: `Payload` and `StatusCode`).
//!
//! Every expected value is worked out from the machine's definition and
//! AWS's documented semantics: `ResultPath` defaults to `$` (the result
//! replaces the input), a retrier waits `IntervalSeconds × BackoffRate^n`
//! before its (n+1)th retry and counts its own attempts, `States.ALL` catches
//! everything but `States.Runtime`, a path that selects nothing is a
//! `States.Runtime` error. The clock is virtual: a task takes no time, so
//! the history's timestamps show exactly the retry waits.
//!
//! The four documented examples run from `golden/*.asl.json` (AWS's text)
//! and, for the paths both query languages share, from their JSONata form.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use asl_builder::types::sagemaker::response::{
    HyperParameterTrainingJobSummary, LabelCounters, LabelingJobOutput, TrainingJobStatus,
};
use asl_builder::types::{Json, JsonObject, QueryLanguage, StateMachine};
use asl_test::mock::sagemaker;
use asl_test::{Executor, Failure, FieldValidation, Mock, Outcome, Response, RunError, Status};
use examples::{docs, pipelines};
use serde_json::json;

// ----- helpers -------------------------------------------------------------

/// `serde_json`'s `json!` value as the executor's [`Json`].
fn j(value: &serde_json::Value) -> Json {
    value.to_string().parse().expect("json! writes JSON")
}

/// A documented example as AWS's documentation writes it.
fn golden(stem: &str) -> StateMachine {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(format!("{stem}.asl.json"));
    std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The documented (JSONPath) example and its JSONata form, labelled.
fn both_languages(
    stem: &str,
    jsonata: fn(QueryLanguage) -> Result<asl_builder::Built, asl_builder::BuildError>,
) -> [(&'static str, StateMachine); 2] {
    [
        ("JSONPath (documented)", golden(stem)),
        (
            "JSONata",
            jsonata(QueryLanguage::Jsonata)
                .expect("the JSONata form builds")
                .into_machine(),
        ),
    ]
}

/// What one call of a mocked Task sent.
#[derive(Debug, Clone)]
struct Sent {
    /// `TaskCall::call`: earlier calls of the state.
    call: usize,
    /// The resource ARN.
    resource: String,
    /// The Parameters / Arguments after evaluation.
    input: Json,
}

type Log = Rc<RefCell<Vec<Sent>>>;

/// A `Mock::handler` that records every call and answers with `responses`
/// in turn, the last one repeating.
fn recorded(responses: Vec<Response>) -> (Log, Mock) {
    assert!(!responses.is_empty());
    let log: Log = Rc::default();
    let seen = Rc::clone(&log);
    let mock = Mock::handler(move |call| {
        let mut seen = seen.borrow_mut();
        let answer = &responses[seen.len().min(responses.len() - 1)];
        seen.push(Sent {
            call: call.call,
            resource: call.resource.to_string(),
            input: call.input.clone(),
        });
        let mut answer = answer;
        loop {
            match answer {
                Response::Return(v) => return Ok(v.clone()),
                Response::Throw(f) => return Err(f.clone()),
                // These tests give tasks no duration (nor heartbeats).
                Response::After(_, inner) | Response::Heartbeat(_, inner) => answer = inner,
            }
        }
    });
    (log, mock)
}

fn ok(value: &serde_json::Value) -> Response {
    Response::Return(j(value))
}

fn throw(error: &str, cause: &str) -> Response {
    Response::Throw(Failure::new(error, cause))
}

/// Milliseconds after the default start (2024-01-01T00:00:00.000Z) of a
/// history timestamp in January 2024.
fn ms(timestamp: &str) -> i64 {
    let (date, time) = timestamp.split_once('T').expect("RFC 3339");
    let day: i64 = date
        .strip_prefix("2024-01-")
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("{timestamp} is not in January 2024"));
    let (hms, millis) = time
        .strip_suffix('Z')
        .and_then(|t| t.split_once('.'))
        .unwrap_or_else(|| panic!("{timestamp} has no milliseconds"));
    let hms: Vec<i64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
    (((day - 1) * 24 + hms[0]) * 60 + hms[1]) * 60_000
        + hms[2] * 1000
        + millis.parse::<i64>().unwrap()
}

/// When each call of the Task state `state` was scheduled (retries do not
/// re-enter the state: they schedule the task again).
fn scheduled(outcome: &Outcome, state: &str) -> Vec<i64> {
    let mut current = String::new();
    let mut times = Vec::new();
    for event in &outcome.history {
        if event.kind.ends_with("StateEntered") {
            event
                .details
                .as_ref()
                .and_then(|(_, d)| d.get("name"))
                .and_then(Json::as_str)
                .unwrap_or_default()
                .clone_into(&mut current);
        }
        if matches!(event.kind, "TaskScheduled" | "LambdaFunctionScheduled") && current == state {
            times.push(ms(&event.timestamp));
        }
    }
    times
}

/// The waits between consecutive calls.
fn gaps(times: &[i64]) -> Vec<i64> {
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

fn ended_at(outcome: &Outcome) -> i64 {
    ms(&outcome.history.last().expect("history").timestamp)
}

/// The value of `value` with `key` removed.
fn without(value: &Json, key: &str) -> Json {
    let mut object = value.as_object().expect("an object").clone();
    object.shift_remove(key);
    Json::Object(object)
}

/// AWS's `States.Runtime` cause for a Choice whose `Variable` selects
/// nothing.
fn choice_path_cause(state: &str, entered: u32, variable: &str) -> String {
    format!(
        "An error occurred while executing the state '{state}' (entered at the event id #{entered}). Invalid path '{variable}': The choice state's condition path references an invalid value."
    )
}

const INVALID_OUTPUT: &str = "Output is not what was expected. This could be due to a service outage or a misconfigured service integration.";

/// The events of a `.sync` Task, a Choice and a Succeed, as AWS records
/// them.
const SYNC_TASK_CHOICE_SUCCEED: [&str; 12] = [
    "ExecutionStarted",
    "TaskStateEntered",
    "TaskScheduled",
    "TaskStarted",
    "TaskSubmitted",
    "TaskSucceeded",
    "TaskStateExited",
    "ChoiceStateEntered",
    "ChoiceStateExited",
    "SucceedStateEntered",
    "SucceedStateExited",
    "ExecutionSucceeded",
];

// ----- sagemaker-transform -------------------------------------------------

const TRANSFORM: &str = "SageMaker CreateTransformJob";

/// The documented `Parameters`: all literal.
fn transform_parameters() -> Json {
    j(&json!({
        "ModelName": "SageMakerCreateTransformJobModel-9iFBKsYti9vr",
        "TransformInput": {
            "CompressionType": "None",
            "ContentType": "text/csv",
            "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://my-s3bucket-example-1/TransformJobDataInput.txt"
            }}
        },
        "TransformOutput": {"S3OutputPath": "s3://my-s3bucket-example-1/TransformJobOutputPath"},
        "TransformResources": {"InstanceCount": 1, "InstanceType": "ml.m4.xlarge"},
        "TransformJobName": "sfn-binary-classification-prediction"
    }))
}

/// `DescribeTransformJob` of the documented job, with `status`.
fn describe_transform_job(arn: &str, status: &str) -> serde_json::Value {
    json!({
        "TransformJobName": "sfn-binary-classification-prediction",
        "TransformJobArn": arn,
        "TransformJobStatus": status,
        "ModelName": "SageMakerCreateTransformJobModel-9iFBKsYti9vr",
        "MaxConcurrentTransforms": 1,
        "MaxPayloadInMB": 6,
        "BatchStrategy": "MultiRecord",
        "TransformInput": {
            "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://my-s3bucket-example-1/TransformJobDataInput.txt"
            }},
            "ContentType": "text/csv",
            "CompressionType": "None",
            "SplitType": "None"
        },
        "TransformOutput": {
            "S3OutputPath": "s3://my-s3bucket-example-1/TransformJobOutputPath",
            "AssembleWith": "None",
            "KmsKeyId": ""
        },
        "TransformResources": {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1},
        "CreationTime": 1_704_067_201_000_i64,
        "TransformStartTime": 1_704_067_440_000_i64,
        "TransformEndTime": 1_704_067_680_000_i64,
        "DataProcessing": {"InputFilter": "$", "OutputFilter": "$", "JoinSource": "None"}
    })
}

const TRANSFORM_ARN: &str =
    "arn:aws:sagemaker:us-east-1:123456789012:transform-job/sfn-binary-classification-prediction";

#[test]
fn transform_job_completes_and_passes_validation() {
    for (language, machine) in both_languages("sagemaker-transform", docs::transform) {
        let done = describe_transform_job(TRANSFORM_ARN, "Completed");
        let (sent, mock) = recorded(vec![ok(&done)]);
        let run = Executor::new(&machine)
            .mock(TRANSFORM, mock)
            .run(j(&json!({})))
            .unwrap();

        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(
            run.path,
            [TRANSFORM, "ValidateOutput", "Succeed"],
            "{language}"
        );
        // No ResultPath: the job description is the state's, and the
        // execution's, output.
        assert_eq!(run.output, Some(j(&done)), "{language}");
        let sent = sent.borrow();
        assert_eq!(sent.len(), 1, "{language}");
        assert_eq!(
            sent[0].resource, "arn:aws:states:::sagemaker:createTransformJob.sync",
            "{language}"
        );
        assert_eq!(sent[0].input, transform_parameters(), "{language}");
        assert_eq!(run.event_types(), SYNC_TASK_CHOICE_SUCCEED, "{language}");
    }
}

#[test]
fn transform_job_failure_fails_the_execution() {
    // A job that ends `Failed`: the task fails with the job's description
    // as the cause. No Retry, no Catch: the execution fails with it.
    let mut failed = describe_transform_job(TRANSFORM_ARN, "Failed");
    failed["FailureReason"] =
        json!("ClientError: See job logs for more information: Unable to parse input as text/csv");
    let cause = failed.to_string();
    let machine = golden("sagemaker-transform");
    let (sent, mock) = recorded(vec![throw("States.TaskFailed", &cause)]);
    let run = Executor::new(&machine)
        .mock(TRANSFORM, mock)
        .run(j(&json!({})))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [TRANSFORM]);
    assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
    assert_eq!(run.cause.as_deref(), Some(cause.as_str()));
    assert_eq!(run.output, None);
    assert_eq!(sent.borrow().len(), 1, "no retrier: one call");
}

/// AWS records `TaskSubmitted` once the `.sync` job is created; a job that
/// then fails adds `TaskFailed` after it.
#[test]
#[ignore = "asl-test records no TaskSubmitted before TaskFailed: a mock's Throw cannot say the .sync job was created before it failed"]
fn transform_failed_job_history_records_its_submission() {
    let machine = golden("sagemaker-transform");
    let cause = describe_transform_job(TRANSFORM_ARN, "Failed").to_string();
    let run = Executor::new(&machine)
        .mock(TRANSFORM, Mock::throws("States.TaskFailed", cause))
        .run(j(&json!({})))
        .unwrap();
    assert_eq!(
        run.event_types(),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskFailed",
            "ExecutionFailed",
        ]
    );
}

#[test]
fn transform_output_with_an_empty_arn_goes_to_fail() {
    let machine = golden("sagemaker-transform");
    let run = Executor::new(&machine)
        .mock(
            TRANSFORM,
            Mock::returns(j(&describe_transform_job("", "Completed"))),
        )
        .run(j(&json!({})))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [TRANSFORM, "ValidateOutput", "Fail"]);
    assert_eq!(run.error.as_deref(), Some("InvalidOutput"));
    assert_eq!(run.cause.as_deref(), Some(INVALID_OUTPUT));
}

// ----- sagemaker-training --------------------------------------------------

const TRAIN: &str = "SageMaker CreateTrainingJob";
const DELETE: &str = "Delete Interim Data Job";
const TRAINING_ARN: &str = "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model";

fn training_hyper_parameters() -> serde_json::Value {
    json!({
        "mode": "batch_skipgram",
        "epochs": "5",
        "min_count": "5",
        "sampling_threshold": "0.0001",
        "learning_rate": "0.025",
        "window_size": "5",
        "vector_dim": "300",
        "negative_samples": "5",
        "batch_size": "11"
    })
}

/// `DescribeTrainingJob` of the documented job, with `status`.
fn describe_training_job(status: &str) -> serde_json::Value {
    json!({
        "TrainingJobName": "search-model",
        "TrainingJobArn": TRAINING_ARN,
        "ModelArtifacts": {
            "S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"
        },
        "TrainingJobStatus": status,
        "SecondaryStatus": status,
        "HyperParameters": training_hyper_parameters(),
        "AlgorithmSpecification": {
            "TrainingImage": "...",
            "TrainingInputMode": "File",
            "EnableSageMakerMetricsTimeSeries": false
        },
        "RoleArn": "arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role",
        "InputDataConfig": [{
            "ChannelName": "train",
            "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://bucket-name/doc-search/interim-data/training-data/",
                "S3DataDistributionType": "FullyReplicated"
            }},
            "CompressionType": "None",
            "RecordWrapperType": "None"
        }],
        "OutputDataConfig": {"KmsKeyId": "", "S3OutputPath": "s3://bucket-name/doc-search/model"},
        "ResourceConfig": {"InstanceType": "ml.c4.8xlarge", "InstanceCount": 4, "VolumeSizeInGB": 20},
        "StoppingCondition": {"MaxRuntimeInSeconds": 100_000},
        "CreationTime": 1_704_067_200_000_i64,
        "TrainingStartTime": 1_704_067_320_000_i64,
        "TrainingEndTime": 1_704_069_000_000_i64,
        "LastModifiedTime": 1_704_069_060_000_i64,
        "BillableTimeInSeconds": 6720,
        "EnableNetworkIsolation": false
    })
}

const THROTTLED: &str = "Rate exceeded (Service: AmazonSageMaker; Status Code: 400; Error Code: ThrottlingException; Request ID: 3f0c9a52-6c0e-4f6b-9a43-0d4c8f2b7e11; Proxy: null)";
const NO_CAPACITY: &str = "The account-level service limit 'ml.c4.8xlarge for training job usage' is 2 Instances, with current utilization of 0 Instances and a request delta of 4 Instances. Please use AWS Service Quotas to request an increase for this quota. (Service: AmazonSageMaker; Status Code: 400; Error Code: ResourceLimitExceeded; Request ID: 9d1b7e0a-51f3-4c1e-8f0e-2a6b3c4d5e6f; Proxy: null)";

#[test]
fn training_job_completes_then_deletes_interim_data() {
    for (language, machine) in both_languages("sagemaker-training", docs::training) {
        let done = describe_training_job("Completed");
        let (trained, train) = recorded(vec![ok(&done)]);
        let (deleted, delete) = recorded(vec![ok(&json!({}))]);
        let run = Executor::new(&machine)
            .mock(TRAIN, train)
            .mock(DELETE, delete)
            .run(j(&json!({"requestedBy": "doc-search-nightly"})))
            .unwrap();

        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(
            run.path,
            [
                TRAIN,
                DELETE,
                "ValidateTrainingOutput",
                "Training Succeeded"
            ],
            "{language}"
        );
        // The delete keeps its input (`ResultPath: null` / `Output:
        // $states.input`): the output is the training job's description.
        assert_eq!(run.output, Some(j(&done)), "{language}");

        let trained = trained.borrow();
        assert_eq!(trained.len(), 1, "{language}");
        assert_eq!(
            trained[0].resource, "arn:aws:states:::sagemaker:createTrainingJob.sync",
            "{language}"
        );
        let sent = &trained[0].input;
        assert_eq!(
            sent.get("TrainingJobName"),
            Some(&Json::from("search-model"))
        );
        assert_eq!(
            sent.get("HyperParameters"),
            Some(&j(&training_hyper_parameters())),
            "{language}"
        );
        assert_eq!(
            sent.pointer("/InputDataConfig/0/DataSource/S3DataSource/S3Uri"),
            Some(&Json::from(
                "s3://bucket-name/doc-search/interim-data/training-data/"
            )),
            "{language}"
        );
        assert_eq!(
            sent.pointer("/ResourceConfig"),
            Some(&j(&json!({
                "InstanceCount": 4, "InstanceType": "ml.c4.8xlarge", "VolumeSizeInGB": 20
            }))),
            "{language}"
        );

        let deleted = deleted.borrow();
        assert_eq!(deleted.len(), 1, "{language}");
        assert_eq!(
            deleted[0].resource, "arn:aws:states:::aws-sdk:s3:deleteObject",
            "{language}"
        );
        assert_eq!(
            deleted[0].input,
            j(&json!({
                "Bucket": "bucket-name",
                "Key": "doc-search/interim-data/training-data/train.txt"
            })),
            "{language}"
        );
    }
}

#[test]
fn training_retries_throttling_and_capacity_errors_each_with_its_own_backoff() {
    // Throttled (retrier 1, 1st retry: 1 s), no capacity (retrier 2, 1st
    // retry: 60 s), throttled again (retrier 1, 2nd retry: 1 s × 1.1), then
    // the job completes.
    let machine = golden("sagemaker-training");
    let done = describe_training_job("Completed");
    let (trained, train) = recorded(vec![
        throw("SageMaker.AmazonSageMakerException", THROTTLED),
        throw("SageMaker.ResourceLimitExceededException", NO_CAPACITY),
        throw("SageMaker.AmazonSageMakerException", THROTTLED),
        ok(&done),
    ]);
    let run = Executor::new(&machine)
        .mock(TRAIN, train)
        .mock(DELETE, Mock::returns(j(&json!({}))))
        .run(j(&json!({})))
        .unwrap();

    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(
        run.path,
        [
            TRAIN,
            DELETE,
            "ValidateTrainingOutput",
            "Training Succeeded"
        ]
    );
    assert_eq!(run.output, Some(j(&done)));
    let trained = trained.borrow();
    assert_eq!(
        trained.iter().map(|s| s.call).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert!(trained.iter().all(|s| s.input == trained[0].input));
    assert_eq!(scheduled(&run, TRAIN), [0, 1_000, 61_000, 62_100]);
    assert_eq!(ended_at(&run), 62_100);
}

#[test]
fn training_job_failure_is_caught_and_named() {
    for (language, machine) in both_languages("sagemaker-training", docs::training) {
        let mut failed = describe_training_job("Failed");
        failed["FailureReason"] =
            json!("AlgorithmError: Training data contains no valid sentences, exit code: 1");
        let cause = failed.to_string();
        let (trained, train) = recorded(vec![throw("States.TaskFailed", &cause)]);
        let (deleted, delete) = recorded(vec![ok(&json!({}))]);
        let run = Executor::new(&machine)
            .mock(TRAIN, train)
            .mock(DELETE, delete)
            .run(j(&json!({})))
            .unwrap();

        // No retrier names States.TaskFailed; the catcher puts the error
        // under `$.cause`; the Fail state reads `$.cause.Cause`.
        assert_eq!(run.status, Status::Failed, "{language}");
        assert_eq!(
            run.path,
            [TRAIN, "Sagemaker Training Job Error"],
            "{language}"
        );
        assert_eq!(
            run.error.as_deref(),
            Some("TrainingJobFailed"),
            "{language}"
        );
        assert_eq!(run.cause.as_deref(), Some(cause.as_str()), "{language}");
        assert_eq!(trained.borrow().len(), 1, "{language}");
        assert!(deleted.borrow().is_empty(), "{language}");
    }
}

#[test]
fn training_with_a_taken_job_name_retries_until_the_execution_times_out() {
    // The documented job name is fixed, so a second execution is refused
    // (ValidationException, reported as SageMaker.AmazonSageMakerException),
    // which the first retrier retries up to 100 times, 1 s × 1.1^n apart.
    // The waits add up to (1.1^n − 1) / 0.1 s: 85,557 s after 95 retries,
    // 94,114 s after 96, so the 24 h TimeoutSeconds ends the execution
    // during the wait before the 97th call.
    let cause = format!(
        "Training job names must be unique within an AWS account and region, and a training job with this name already exists ({TRAINING_ARN}) (Service: AmazonSageMaker; Status Code: 400; Error Code: ValidationException; Request ID: 7a4e2c1d-0b9f-4e8a-a3d2-5c6b7e8f9a01; Proxy: null)"
    );
    let machine = golden("sagemaker-training");
    let (trained, train) = recorded(vec![throw("SageMaker.AmazonSageMakerException", &cause)]);
    let (deleted, delete) = recorded(vec![ok(&json!({}))]);
    let run = Executor::new(&machine)
        .mock(TRAIN, train)
        .mock(DELETE, delete)
        .run(j(&json!({})))
        .unwrap();

    assert_eq!(run.status, Status::TimedOut);
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
    assert_eq!(
        run.path,
        [TRAIN],
        "the catcher never runs: a timeout ends the execution"
    );
    assert_eq!(trained.borrow().len(), 96);
    assert!(deleted.borrow().is_empty());
    let times = scheduled(&run, TRAIN);
    assert_eq!(gaps(&times)[..4], [1_000, 1_100, 1_210, 1_331]);
    let last = *times.last().unwrap();
    assert!((85_556_000..85_558_000).contains(&last), "{last}");
    assert_eq!(ended_at(&run), 86_400_000);
    assert_eq!(run.event_types().last(), Some(&"ExecutionTimedOut"));
}

// ----- sagemaker-processing ------------------------------------------------

const PROCESS: &str = "SageMaker CreateProcessingJob Sync";

fn describe_processing_job(name: &str, arn: &str) -> serde_json::Value {
    json!({
        "ProcessingJobName": name,
        "ProcessingJobArn": arn,
        "ProcessingJobStatus": "Completed",
        "ExitMessage": "",
        "ProcessingResources": {"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 10
        }},
        "AppSpecification": {
            "ImageUri": "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3"
        },
        "RoleArn": "arn:aws:iam::123456789012:role/SM-003-CreateProcessingJobAPIExecutionRole",
        "StoppingCondition": {"MaxRuntimeInSeconds": 86_400},
        "CreationTime": 1_704_067_200_500_i64,
        "ProcessingStartTime": 1_704_067_380_000_i64,
        "ProcessingEndTime": 1_704_067_740_000_i64,
        "LastModifiedTime": 1_704_067_745_000_i64
    })
}

#[test]
fn processing_job_takes_its_name_from_the_input() {
    let name = "doc-search-preprocess-20240101";
    let arn = format!("arn:aws:sagemaker:us-east-1:123456789012:processing-job/{name}");
    for (language, machine) in both_languages("sagemaker-processing", docs::processing) {
        let done = describe_processing_job(name, &arn);
        let (sent, mock) = recorded(vec![ok(&done)]);
        let run = Executor::new(&machine)
            .mock(PROCESS, mock)
            .run(j(&json!({"id": name, "dataset": "s3://bucket-name/raw/"})))
            .unwrap();

        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(
            run.path,
            [PROCESS, "ValidateOutput", "Succeed"],
            "{language}"
        );
        assert_eq!(run.output, Some(j(&done)), "{language}");
        let sent = sent.borrow();
        assert_eq!(sent.len(), 1, "{language}");
        assert_eq!(
            sent[0].resource, "arn:aws:states:::sagemaker:createProcessingJob.sync",
            "{language}"
        );
        assert_eq!(
            sent[0].input,
            j(&json!({
                "AppSpecification": {
                    "ImageUri": "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3"
                },
                "ProcessingResources": {"ClusterConfig": {
                    "InstanceCount": 1, "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 10
                }},
                "RoleArn": "arn:aws:iam::123456789012:role/SM-003-CreateProcessingJobAPIExecutionRole",
                "ProcessingJobName": name
            })),
            "{language}"
        );
    }
}

#[test]
fn processing_without_an_id_fails_before_the_job_is_created() {
    let machine = golden("sagemaker-processing");
    let (sent, mock) = recorded(vec![ok(&json!({}))]);
    let run = Executor::new(&machine)
        .mock(PROCESS, mock)
        .run(j(&json!({"name": "doc-search-preprocess"})))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [PROCESS]);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        run.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'SageMaker CreateProcessingJob Sync' (entered at the event id #2). The JSONPath '$.id' specified for the field 'ProcessingJobName.$' could not be found in the input '{\"name\":\"doc-search-preprocess\"}'"
        )
    );
    assert!(sent.borrow().is_empty(), "the job is never requested");
}

#[test]
fn processing_output_with_an_empty_arn_goes_to_fail() {
    let machine = golden("sagemaker-processing");
    let run = Executor::new(&machine)
        .mock(
            PROCESS,
            Mock::returns(j(&describe_processing_job("preprocess-1", ""))),
        )
        .run(j(&json!({"id": "preprocess-1"})))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [PROCESS, "ValidateOutput", "Fail"]);
    assert_eq!(run.error.as_deref(), Some("InvalidConnectorOutput"));
    assert_eq!(
        run.cause.as_deref(),
        Some(
            "Connector output is not what was expected. This could be due to a service outage or a misconfigured connector."
        )
    );
}

// ----- sagemaker-labeling --------------------------------------------------

const LABEL: &str = "SageMaker CreateLabelingJob";
const LABELING_ARN: &str = "arn:aws:sagemaker:us-west-2:123456789012:labeling-job/example-job-name";

/// `DescribeLabelingJob` of the documented job (fields the console shows).
fn describe_labeling_job() -> serde_json::Value {
    json!({
        "LabelingJobName": "example-job-name",
        "LabelingJobArn": LABELING_ARN,
        "LabelingJobStatus": "Completed",
        "LabelAttributeName": "Categories",
        "JobReferenceCode": "a1b2c3d4e5f6",
        "LabelCounters": {
            "TotalLabeled": 1000,
            "HumanLabeled": 1000,
            "MachineLabeled": 0,
            "FailedNonRetryableError": 0,
            "Unlabeled": 0
        },
        "LabelingJobOutput": {
            "OutputDatasetS3Uri": "s3://s3bucket-example/output/example-job-name/manifests/output/output.manifest"
        },
        "InputConfig": {
            "DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://s3bucket-example/manifest.json"}},
            "DataAttributes": {"ContentClassifiers": [
                "FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"
            ]}
        },
        "OutputConfig": {"S3OutputPath": "s3://s3bucket-example/output"},
        "RoleArn": "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole",
        "LabelCategoryConfigS3Uri": "s3://s3bucket-example/labelcategories.json",
        "CreationTime": 1_704_067_200_000_i64,
        "LastModifiedTime": 1_704_070_200_000_i64
    })
}

#[test]
fn labeling_job_completes() {
    // A typed mock: the job's DescribeLabelingJob result, made from the
    // request the state sent (which the description echoes), plus what the
    // labeling produced.
    for (language, machine) in both_languages("sagemaker-labeling", docs::labeling) {
        let mut executor = Executor::new(&machine);
        "us-west-2".clone_into(&mut executor.options().region);
        executor.mock(
            LABEL,
            sagemaker::labeling_completed(|job| {
                job.label_counters(
                    LabelCounters::new()
                        .total_labeled(1000)
                        .human_labeled(1000)
                        .machine_labeled(0),
                )
                .labeling_job_output(LabelingJobOutput::new(
                    "s3://s3bucket-example/output/example-job-name/manifests/output/output.manifest",
                ))
            }),
        );
        let run = executor.run(j(&json!({}))).unwrap();

        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(run.path, [LABEL, "ValidateOutput", "Succeed"], "{language}");
        let out = run.output.clone().unwrap();
        assert_eq!(
            out.get("LabelingJobArn"),
            Some(&Json::from(LABELING_ARN)),
            "{language}"
        );
        assert_eq!(out.get("LabelingJobStatus"), Some(&Json::from("Completed")));
        assert_eq!(
            out.pointer("/LabelCounters/TotalLabeled"),
            Some(&Json::Number(1000u64.into()))
        );
        // What the state sent, echoed by the description.
        assert_eq!(
            out.get("LabelingJobName"),
            Some(&Json::from("example-job-name")),
            "{language}"
        );
        assert_eq!(
            out.pointer("/HumanTaskConfig/WorkteamArn"),
            Some(&Json::from(
                "arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/ExampleTesting"
            )),
            "{language}"
        );
        assert_eq!(
            out.pointer("/HumanTaskConfig/TaskKeywords"),
            Some(&j(&json!(["tc", "Labeling"]))),
            "{language}"
        );
        assert_eq!(
            out.get("StoppingConditions"),
            Some(&j(&json!({
                "MaxHumanLabeledObjectCount": 10_000,
                "MaxPercentageOfInputDatasetLabeled": 100
            }))),
            "{language}"
        );
        assert_eq!(run.event_types(), SYNC_TASK_CHOICE_SUCCEED, "{language}");
    }
}

#[test]
fn labeling_capacity_error_is_not_retried() {
    let cause = "The account-level service limit 'Maximum number of active labeling jobs' is 20 LabelingJobs, with current utilization of 20 LabelingJobs and a request delta of 1 LabelingJobs. (Service: AmazonSageMaker; Status Code: 400; Error Code: ResourceLimitExceeded; Request ID: 0e7d6c5b-4a39-4821-b0f1-e2d3c4b5a697; Proxy: null)";
    let machine = golden("sagemaker-labeling");
    let (sent, mock) = recorded(vec![throw(
        "SageMaker.ResourceLimitExceededException",
        cause,
    )]);
    let run = Executor::new(&machine)
        .mock(LABEL, mock)
        .run(j(&json!({})))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [LABEL]);
    assert_eq!(
        run.error.as_deref(),
        Some("SageMaker.ResourceLimitExceededException")
    );
    assert_eq!(run.cause.as_deref(), Some(cause));
    assert_eq!(sent.borrow().len(), 1, "the example has no Retry");
    assert_eq!(ended_at(&run), 0);
}

#[test]
fn labeling_output_without_an_arn_is_a_runtime_error() {
    // ValidateOutput sends an empty ARN to Fail; an absent one makes the
    // Choice's Variable select nothing: States.Runtime, which no Catch sees.
    // SageMaker always returns `LabelingJobArn` (a required member), so
    // this result passes only mock validation PRESENT, which checks the
    // members present and not the required ones.
    let mut output = describe_labeling_job();
    output.as_object_mut().unwrap().remove("LabelingJobArn");
    let machine = golden("sagemaker-labeling");
    let mut executor = Executor::new(&machine);
    executor.mock(LABEL, Mock::returns(j(&output)));
    let strict = executor.run(j(&json!({}))).unwrap_err();
    assert!(
        strict.to_string().contains("/LabelingJobArn: the required member `LabelingJobArn` of `DescribeLabelingJobResponse` is missing"),
        "{strict}"
    );
    executor.options().mock_validation = FieldValidation::Present;
    let run = executor.run(j(&json!({}))).unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [LABEL, "ValidateOutput"]);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    // Events 1 ExecutionStarted, 2–7 the .sync task, 8 ChoiceStateEntered.
    assert_eq!(
        run.cause.as_deref(),
        Some(choice_path_cause("ValidateOutput", 8, "$.LabelingJobArn").as_str())
    );
}

// ----- train-and-deploy ----------------------------------------------------

const PREP: &str = "Prepare Data";
const TUNE: &str = "Tune Hyperparameters";
const DESCRIBE: &str = "Describe Best Training Job";
const EVALUATE: &str = "Evaluate Model";
const CREATE_MODEL: &str = "Create Model";
const CREATE_CONFIG: &str = "Create Endpoint Config";
const CREATE_ENDPOINT: &str = "Create Endpoint";
const UPDATE_ENDPOINT: &str = "Update Endpoint";
const NOTIFY: &str = "Notify Failure";

const RUN: &str = "churn-2024-05-01";
const ROLE: &str = "arn:aws:iam::123456789012:role/ml-pipeline-sagemaker";
const BEST_JOB: &str = "churn-2024-05-01-tune-007-3f9a2b1c";
const XGBOOST: &str = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

fn artifacts() -> String {
    format!("s3://ml-pipeline-example/models/{BEST_JOB}/output/model.tar.gz")
}

/// The logs of every Task of the pipeline, by state name.
struct Pipeline {
    logs: Vec<(&'static str, Log)>,
}

impl Pipeline {
    fn sent(&self, state: &str) -> Vec<Sent> {
        self.logs.iter().find(|(s, _)| *s == state).map_or_else(
            || panic!("no mock for {state}"),
            |(_, log)| log.borrow().clone(),
        )
    }
}

/// `DescribeProcessingJob` of the pipeline's processing job.
fn prep_result() -> Json {
    j(&json!({
        "ProcessingJobName": "churn-2024-05-01-prep",
        "ProcessingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:processing-job/churn-2024-05-01-prep",
        "ProcessingJobStatus": "Completed",
        "ExitMessage": "",
        "ProcessingResources": {"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30
        }},
        "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest"},
        "RoleArn": ROLE,
        "CreationTime": 1_714_521_600_000_i64,
        "ProcessingStartTime": 1_714_521_780_000_i64,
        "ProcessingEndTime": 1_714_522_500_000_i64,
        "LastModifiedTime": 1_714_522_505_000_i64
    }))
}

/// `DescribeTrainingJob` (SDK integration) of the best training job.
fn best_job_result() -> Json {
    j(&json!({
        "TrainingJobName": BEST_JOB,
        "TrainingJobArn": format!("arn:aws:sagemaker:us-east-1:123456789012:training-job/{BEST_JOB}"),
        "TuningJobArn": "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-2024-05-01-tune",
        "ModelArtifacts": {"S3ModelArtifacts": artifacts()},
        "TrainingJobStatus": "Completed",
        "SecondaryStatus": "Completed",
        "HyperParameters": {"eta": "0.2731", "_tuning_objective_metric": "validation:auc"},
        "AlgorithmSpecification": {"TrainingImage": XGBOOST, "TrainingInputMode": "File"},
        "RoleArn": ROLE,
        "OutputDataConfig": {"S3OutputPath": "s3://ml-pipeline-example/models"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "FinalMetricDataList": [{"MetricName": "validation:auc", "Value": 0.913}],
        "BillableTimeInSeconds": 412
    }))
}

/// `DescribeHyperParameterTuningJob` of the pipeline's tuning job.
fn tuning_result() -> Json {
    j(&json!({
        "HyperParameterTuningJobName": "churn-2024-05-01-tune",
        "HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-2024-05-01-tune",
        "HyperParameterTuningJobStatus": "Completed",
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 2}
        },
        "TrainingJobStatusCounters": {
            "Completed": 10, "InProgress": 0, "RetryableError": 0, "NonRetryableError": 0, "Stopped": 0
        },
        "ObjectiveStatusCounters": {"Succeeded": 10, "Pending": 0, "Failed": 0},
        "BestTrainingJob": {
            "TrainingJobName": BEST_JOB,
            "CreationTime": 1_714_522_600_000_i64,
            "TrainingJobArn": format!("arn:aws:sagemaker:us-east-1:123456789012:training-job/{BEST_JOB}"),
            "TunedHyperParameters": {"eta": "0.2731"},
            "TrainingJobStatus": "Completed",
            "ObjectiveStatus": "Succeeded",
            "FinalHyperParameterTuningJobObjectiveMetric": {"MetricName": "validation:auc", "Value": 0.913}
        },
        "CreationTime": 1_714_522_510_000_i64,
        "HyperParameterTuningEndTime": 1_714_530_000_000_i64,
        "LastModifiedTime": 1_714_530_000_000_i64
    }))
}

/// Mocks every Task of train-and-deploy with what the service returns;
/// `overrides` replaces the responses of some states.
fn train_and_deploy_run(
    auc_percent: u32,
    overrides: Vec<(&'static str, Vec<Response>)>,
) -> (Outcome, Pipeline) {
    let mut answers: Vec<(&'static str, Vec<Response>)> = vec![
        (PREP, vec![Response::Return(prep_result())]),
        (TUNE, vec![Response::Return(tuning_result())]),
        (DESCRIBE, vec![Response::Return(best_job_result())]),
        (
            EVALUATE,
            vec![ok(&json!({
                "ExecutedVersion": "$LATEST",
                "Payload": {"auc_percent": auc_percent, "samples": 20_000},
                "SdkHttpMetadata": {"HttpStatusCode": 200},
                "SdkResponseMetadata": {"RequestId": "c0ffee00-1111-2222-3333-444455556666"},
                "StatusCode": 200
            }))],
        ),
        (
            CREATE_MODEL,
            vec![ok(&json!({
                "ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/churn-2024-05-01-model"
            }))],
        ),
        (
            CREATE_CONFIG,
            vec![ok(&json!({
                "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-2024-05-01-config"
            }))],
        ),
        (
            CREATE_ENDPOINT,
            vec![ok(&json!({
                "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-model"
            }))],
        ),
        (
            UPDATE_ENDPOINT,
            vec![ok(&json!({
                "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-model"
            }))],
        ),
        (
            NOTIFY,
            vec![ok(&json!({
                "MessageId": "5f8b0a2e-7c1d-5e3f-9a4b-6c7d8e9f0a1b",
                "SdkHttpMetadata": {"HttpStatusCode": 200},
                "SdkResponseMetadata": {"RequestId": "d1e2f3a4-b5c6-5d7e-8f90-a1b2c3d4e5f6"}
            }))],
        ),
    ];
    for (state, responses) in overrides {
        answers
            .iter_mut()
            .find(|(s, _)| *s == state)
            .unwrap_or_else(|| panic!("no Task {state}"))
            .1 = responses;
    }
    let machine = pipelines::train_and_deploy()
        .expect("builds")
        .into_machine();
    let mut executor = Executor::new(&machine);
    RUN.clone_into(&mut executor.options().execution_name);
    let mut logs = Vec::new();
    for (state, responses) in answers {
        let (log, mock) = recorded(responses);
        executor.mock(state, mock);
        logs.push((state, log));
    }
    let outcome = executor
        .run(j(
            &json!({"endpoint_name": "churn-model", "endpoint_exists": false}),
        ))
        .unwrap();
    (outcome, Pipeline { logs })
}

/// What the first steps send, from the execution name and each result.
fn assert_first_steps_sent(pipeline: &Pipeline) {
    let prep = pipeline.sent(PREP);
    assert_eq!(prep.len(), 1);
    assert_eq!(
        prep[0].resource,
        "arn:aws:states:::sagemaker:createProcessingJob.sync"
    );
    assert_eq!(
        prep[0].input,
        j(&json!({
            "ProcessingJobName": "churn-2024-05-01-prep",
            "ProcessingResources": {"ClusterConfig": {
                "InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30
            }},
            "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest"},
            "RoleArn": ROLE
        }))
    );
    let tune = pipeline.sent(TUNE);
    assert_eq!(
        tune[0].input.get("HyperParameterTuningJobName"),
        Some(&Json::from("churn-2024-05-01-tune"))
    );
    let describe = pipeline.sent(DESCRIBE);
    assert_eq!(describe.len(), 1);
    assert_eq!(
        describe[0].resource,
        "arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob"
    );
    assert_eq!(describe[0].input, j(&json!({"TrainingJobName": BEST_JOB})));
    let evaluate = pipeline.sent(EVALUATE);
    assert_eq!(evaluate[0].resource, "arn:aws:states:::lambda:invoke");
    assert_eq!(
        evaluate[0].input,
        j(&json!({
            "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:evaluate-model",
            "Payload": {"model": {"S3ModelArtifacts": artifacts()}}
        }))
    );
}

const UP_TO_EVALUATION: [&str; 4] = [PREP, TUNE, DESCRIBE, EVALUATE];

#[test]
fn train_and_deploy_rejects_a_model_below_the_threshold() {
    let (run, pipeline) = train_and_deploy_run(72, vec![]);

    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(
        run.path,
        [
            PREP,
            TUNE,
            DESCRIBE,
            EVALUATE,
            "Good Enough?",
            "Model Rejected"
        ]
    );
    assert_eq!(run.error.as_deref(), Some("ModelBelowThreshold"));
    assert_eq!(
        run.cause.as_deref(),
        Some("the evaluation AUC is below 80%")
    );
    assert_first_steps_sent(&pipeline);
    for state in [CREATE_MODEL, CREATE_CONFIG, CREATE_ENDPOINT, NOTIFY] {
        assert!(pipeline.sent(state).is_empty(), "{state} ran");
    }
}

/// What a good model really does with the pipeline as written: `Tune
/// Hyperparameters` has a `ResultSelector` and no `ResultPath`, so its
/// output (`{"BestTrainingJobName": …}`) replaces the execution input, and
/// `$.endpoint_exists` selects nothing when `Endpoint Exists?` reads it:
/// `States.Runtime`. Delete this test when the pipeline is fixed, and
/// un-ignore `train_and_deploy_deploys_a_good_model_to_a_new_endpoint`.
#[test]
fn train_and_deploy_deploys_a_good_model_to_a_new_endpoint() {
    let (run, pipeline) = train_and_deploy_run(91, vec![]);

    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(
        run.path,
        [
            PREP,
            TUNE,
            DESCRIBE,
            EVALUATE,
            "Good Enough?",
            CREATE_MODEL,
            CREATE_CONFIG,
            "Endpoint Exists?",
            CREATE_ENDPOINT,
            "Deployed"
        ]
    );
    // Create Endpoint has no ResultPath: its result is the output.
    assert_eq!(
        run.output,
        Some(j(&json!({
            "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-model"
        })))
    );
    let create = pipeline.sent(CREATE_ENDPOINT);
    assert_eq!(create.len(), 1);
    assert_eq!(
        create[0].input,
        j(&json!({"EndpointName": "churn-model", "EndpointConfigName": "churn-2024-05-01-config"}))
    );
    assert!(pipeline.sent(UPDATE_ENDPOINT).is_empty());
}

#[test]
fn train_and_deploy_retries_throttled_tuning_with_full_jitter() {
    // Retrier: 30 s × 2^n, at most 600 s, FULL jitter: the nth wait is
    // anywhere in [0, 30 s × 2^n].
    let (run, pipeline) = train_and_deploy_run(
        72,
        vec![(
            TUNE,
            vec![
                throw("SageMaker.AmazonSageMakerException", THROTTLED),
                throw("SageMaker.AmazonSageMakerException", THROTTLED),
                Response::Return(tuning_result()),
            ],
        )],
    );

    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(run.error.as_deref(), Some("ModelBelowThreshold"));
    assert_eq!(
        run.path,
        [
            PREP,
            TUNE,
            DESCRIBE,
            EVALUATE,
            "Good Enough?",
            "Model Rejected"
        ]
    );
    let tune = pipeline.sent(TUNE);
    assert_eq!(tune.iter().map(|s| s.call).collect::<Vec<_>>(), [0, 1, 2]);
    let waits = gaps(&scheduled(&run, TUNE));
    assert_eq!(waits.len(), 2);
    assert!((0..=30_000).contains(&waits[0]), "{waits:?}");
    assert!((0..=60_000).contains(&waits[1]), "{waits:?}");
    assert_eq!(ended_at(&run), waits.iter().sum::<i64>());
    assert_first_steps_sent(&pipeline);
}

const LAMBDA_THROTTLED: &str = "Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: 2b7c3d4e-5f60-4718-9a2b-3c4d5e6f7081; Proxy: null)";

/// A throttled evaluation is retried 3 times (2, 4, 8 s), then caught and
/// published on SNS. As written, `Notify Failure` has no `ResultPath`, so
/// its output is the SNS result and `Pipeline Failed`'s `CausePath`
/// (`$.error.Cause`) selects nothing: `States.Runtime` instead of
/// `PipelineFailed`. Delete this test when the pipeline is fixed, and
/// un-ignore `train_and_deploy_reports_a_throttled_evaluation`.
fn assert_throttled_evaluation_was_retried_then_notified(run: &Outcome, pipeline: &Pipeline) {
    assert_first_steps_sent(pipeline);
    let evaluate = pipeline.sent(EVALUATE);
    assert_eq!(
        evaluate.iter().map(|s| s.call).collect::<Vec<_>>(),
        [0, 1, 2, 3],
        "MaxAttempts 3: four calls"
    );
    assert_eq!(gaps(&scheduled(run, EVALUATE)), [2_000, 4_000, 8_000]);
    assert_eq!(ended_at(run), 14_000);
    let notify = pipeline.sent(NOTIFY);
    assert_eq!(notify.len(), 1);
    assert_eq!(notify[0].resource, "arn:aws:states:::sns:publish");
    assert_eq!(
        notify[0].input,
        j(&json!({
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:ml-pipeline-alerts",
            "Message": {"Error": "Lambda.TooManyRequestsException", "Cause": LAMBDA_THROTTLED}
        }))
    );
    for state in [
        CREATE_MODEL,
        CREATE_CONFIG,
        CREATE_ENDPOINT,
        UPDATE_ENDPOINT,
    ] {
        assert!(pipeline.sent(state).is_empty(), "{state} ran");
    }
}

/// The failure path the pipeline means.
#[test]
fn train_and_deploy_reports_a_throttled_evaluation() {
    let (run, pipeline) = train_and_deploy_run(
        91,
        vec![(
            EVALUATE,
            vec![throw("Lambda.TooManyRequestsException", LAMBDA_THROTTLED)],
        )],
    );

    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(
        run.path,
        [PREP, TUNE, DESCRIBE, EVALUATE, NOTIFY, "Pipeline Failed"]
    );
    assert_eq!(run.error.as_deref(), Some("PipelineFailed"));
    assert_eq!(run.cause.as_deref(), Some(LAMBDA_THROTTLED));
    assert_throttled_evaluation_was_retried_then_notified(&run, &pipeline);
}

#[test]
fn train_and_deploy_failed_processing_job_is_not_retried_but_notified() {
    let cause = json!({
        "ProcessingJobName": "churn-2024-05-01-prep",
        "ProcessingJobStatus": "Failed",
        "FailureReason": "AlgorithmError: See job logs for more information",
        "ExitMessage": "Traceback (most recent call last): ... KeyError: 'churned'"
    })
    .to_string();
    let (run, pipeline) =
        train_and_deploy_run(91, vec![(PREP, vec![throw("States.TaskFailed", &cause)])]);

    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(run.path, [PREP, NOTIFY, "Pipeline Failed"]);
    // Notify Failure keeps its input (`ResultPath: null`), so the Fail
    // state names the error and reads the cause from `$.error.Cause`.
    assert_eq!(run.error.as_deref(), Some("PipelineFailed"));
    assert_eq!(run.cause.as_deref(), Some(cause.as_str()));
    assert_eq!(
        pipeline.sent(PREP).len(),
        1,
        "States.TaskFailed is not retried"
    );
    assert_eq!(
        pipeline.sent(NOTIFY)[0].input,
        j(&json!({
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:ml-pipeline-alerts",
            "Message": {"Error": "States.TaskFailed", "Cause": cause}
        }))
    );
    for state in UP_TO_EVALUATION.iter().skip(1) {
        assert!(pipeline.sent(state).is_empty(), "{state} ran");
    }
    assert_eq!(ended_at(&run), 0);
}

// ----- batch-inference -----------------------------------------------------

const SCORE: &str = "Score Batches";
const RUN_TRANSFORM: &str = "Run Transform Job";

/// The Map's item processor as a machine of its own: what each child
/// execution of the distributed Map runs.
fn batch_child() -> StateMachine {
    let machine = pipelines::batch_inference().expect("builds").into_machine();
    let json: Json = machine.to_json_string().unwrap().parse().unwrap();
    let processor = json
        .pointer("/States/Score Batches/ItemProcessor")
        .expect("an ItemProcessor");
    let mut child = JsonObject::new();
    for key in ["StartAt", "States"] {
        child.insert(key.into(), processor.get(key).unwrap().clone());
    }
    StateMachine::from_json_value(&Json::Object(child)).expect("a machine")
}

/// A child execution's input, as `ItemBatcher` builds it: `BatchInput`
/// and up to 50 `Items`.
fn batch(model: &str, first: usize, count: usize) -> serde_json::Value {
    let items: Vec<serde_json::Value> = (first..first + count)
        .map(|i| json!({"prefix": format!("s3://ml-pipeline-example/input/2024-01-01/part-{i:04}/")}))
        .collect();
    json!({"BatchInput": {"model_name": model}, "Items": items})
}

fn describe_batch_transform(name: &str, prefix: &str) -> serde_json::Value {
    json!({
        "TransformJobName": name,
        "TransformJobArn": format!("arn:aws:sagemaker:us-east-1:123456789012:transform-job/{name}"),
        "TransformJobStatus": "Completed",
        "ModelName": "churn-model",
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": prefix}},
            "ContentType": "application/jsonlines",
            "CompressionType": "None",
            "SplitType": "None"
        },
        "TransformOutput": {"S3OutputPath": "s3://ml-pipeline-example/predictions", "AssembleWith": "None"},
        "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 2},
        "CreationTime": 1_704_067_201_000_i64,
        "TransformStartTime": 1_704_067_500_000_i64,
        "TransformEndTime": 1_704_068_100_000_i64
    })
}

/// `batch-` and a version 4 UUID.
fn is_batch_job_name(name: &str) -> bool {
    let Some(uuid) = name.strip_prefix("batch-") else {
        return false;
    };
    let bytes = uuid.as_bytes();
    uuid.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && bytes[14] == b'4'
        && uuid
            .chars()
            .enumerate()
            .all(|(i, c)| [8, 13, 18, 23].contains(&i) || c.is_ascii_hexdigit())
}

#[test]
fn batch_inference_batch_runs_one_transform_job() {
    let child = batch_child();
    let input = batch("churn-model", 0, 50);
    let prefix = "s3://ml-pipeline-example/input/2024-01-01/part-0000/";
    let done = describe_batch_transform("batch-job", prefix);
    let (sent, mock) = recorded(vec![ok(&done)]);
    let run = Executor::new(&child)
        .mock(RUN_TRANSFORM, mock)
        .run(j(&input))
        .unwrap();

    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(run.path, [RUN_TRANSFORM]);
    assert_eq!(run.output, Some(j(&done)));
    let sent = sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].resource,
        "arn:aws:states:::sagemaker:createTransformJob.sync"
    );
    let name = sent[0]
        .input
        .get("TransformJobName")
        .and_then(Json::as_str)
        .unwrap_or_default();
    assert!(is_batch_job_name(name), "{name}");
    assert_eq!(
        without(&sent[0].input, "TransformJobName"),
        j(&json!({
            "ModelName": "churn-model",
            "TransformInput": {
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": prefix}},
                "ContentType": "application/jsonlines"
            },
            "TransformOutput": {"S3OutputPath": "s3://ml-pipeline-example/predictions"},
            "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 2}
        }))
    );
}

#[test]
fn batch_inference_batch_gives_up_after_six_capacity_retries() {
    let cause = "The account-level service limit 'ml.m5.large for transform job usage' is 4 Instances, with current utilization of 4 Instances and a request delta of 2 Instances. Please use AWS Service Quotas to request an increase for this quota. (Service: AmazonSageMaker; Status Code: 400; Error Code: ResourceLimitExceeded; Request ID: 41d2c3b4-a596-4871-9e0f-1a2b3c4d5e6f; Proxy: null)";
    let child = batch_child();
    let (sent, mock) = recorded(vec![throw(
        "SageMaker.ResourceLimitExceededException",
        cause,
    )]);
    let run = Executor::new(&child)
        .mock(RUN_TRANSFORM, mock)
        .run(j(&batch("churn-model", 100, 20)))
        .unwrap();

    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.path, [RUN_TRANSFORM]);
    assert_eq!(
        run.error.as_deref(),
        Some("SageMaker.ResourceLimitExceededException")
    );
    assert_eq!(run.cause.as_deref(), Some(cause));
    let sent = sent.borrow();
    assert_eq!(sent.len(), 7, "MaxAttempts 6: seven calls");
    assert!(sent.iter().all(|s| {
        s.input
            .pointer("/TransformInput/DataSource/S3DataSource/S3Uri")
            == Some(&Json::from(
                "s3://ml-pipeline-example/input/2024-01-01/part-0100/",
            ))
    }));
    // 30 s × 2^n capped at 600 s, FULL jitter: each wait in [0, cap].
    let waits = gaps(&scheduled(&run, RUN_TRANSFORM));
    let caps = [30_000, 60_000, 120_000, 240_000, 480_000, 600_000];
    assert_eq!(waits.len(), caps.len());
    for (wait, cap) in waits.iter().zip(caps) {
        assert!((0..=cap).contains(wait), "{waits:?}");
    }
    assert_eq!(ended_at(&run), waits.iter().sum::<i64>());
}

/// The items the manifest lists: 120 prefixes, so the batcher makes three
/// batches (50, 50, 20).
fn manifest() -> serde_json::Value {
    let items: Vec<serde_json::Value> = (0..120)
        .map(|i| json!({"prefix": format!("s3://ml-pipeline-example/input/2024-01-01/part-{i:04}/")}))
        .collect();
    json!(items)
}

// The two whole-machine runs below are written as AWS runs them. asl-test
// returns RunError::Unsupported for a distributed Map's ItemReader,
// ItemBatcher, ResultWriter and ToleratedFailurePercentage, and has no way to
// mock the ItemReader's s3:getObject: the mock under the Map state's name is
// an assumed convention for it.

#[test]
#[ignore = "asl-test does not run a distributed Map's ItemReader / ItemBatcher / ResultWriter / ToleratedFailurePercentage"]
fn batch_inference_scores_every_batch_and_writes_the_results() {
    let machine = pipelines::batch_inference().expect("builds").into_machine();
    let (sent, transform) = recorded(vec![ok(&describe_batch_transform(
        "batch-job",
        "s3://ml-pipeline-example/input/",
    ))]);
    let run = Executor::new(&machine)
        .mock(SCORE, Mock::returns(j(&manifest())))
        .mock(RUN_TRANSFORM, transform)
        .run(j(
            &json!({"manifest_key": "manifests/2024-01-01.json", "model_name": "churn-model"}),
        ))
        .expect("runs");

    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(run.path.first().map(String::as_str), Some(SCORE));
    assert_eq!(run.path.last().map(String::as_str), Some("Summarize"));
    let output = run.output.expect("an output");
    assert_eq!(
        output.get("execution"),
        Some(&Json::from(
            "arn:aws:states:us-east-1:123456789012:execution:StateMachine:local-execution"
        ))
    );
    assert_eq!(
        output.pointer("/results/Bucket"),
        Some(&Json::from("ml-pipeline-example"))
    );
    let key = output
        .pointer("/results/Key")
        .and_then(Json::as_str)
        .unwrap_or_default();
    assert!(
        key.starts_with("batch-inference-results/") && key.ends_with("/manifest.json"),
        "{key}"
    );
    let sent = sent.borrow();
    let mut prefixes: Vec<String> = sent
        .iter()
        .map(|s| {
            s.input
                .pointer("/TransformInput/DataSource/S3DataSource/S3Uri")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    prefixes.sort();
    assert_eq!(
        prefixes,
        [
            "s3://ml-pipeline-example/input/2024-01-01/part-0000/",
            "s3://ml-pipeline-example/input/2024-01-01/part-0050/",
            "s3://ml-pipeline-example/input/2024-01-01/part-0100/",
        ],
        "one transform job per batch of 50, from its first item"
    );
    assert!(
        sent.iter()
            .all(|s| s.input.get("ModelName") == Some(&Json::from("churn-model")))
    );
}

#[test]
#[ignore = "asl-test does not run a distributed Map's ItemReader / ItemBatcher / ResultWriter / ToleratedFailurePercentage"]
fn batch_inference_fails_when_a_batch_fails_beyond_the_tolerance() {
    // One batch of 20 items in 120 fails: 16.7 % > 5 %, so the Map fails
    // with States.ExceedToleratedFailureThreshold, which the catcher sends
    // to `Scoring Failed` (no ResultPath: the error output is the input,
    // and `CausePath: $.Cause` reads its cause).
    let machine = pipelines::batch_inference().expect("builds").into_machine();
    let transform = Mock::handler(|call| {
        let prefix = call
            .input
            .pointer("/TransformInput/DataSource/S3DataSource/S3Uri")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned();
        if prefix.ends_with("part-0100/") {
            Err(Failure::new(
                "States.TaskFailed",
                json!({"TransformJobStatus": "Failed", "FailureReason": "ClientError: malformed JSON lines"})
                    .to_string(),
            ))
        } else {
            Ok(j(&describe_batch_transform("batch-job", &prefix)))
        }
    });
    let run = Executor::new(&machine)
        .mock(SCORE, Mock::returns(j(&manifest())))
        .mock(RUN_TRANSFORM, transform)
        .run(j(
            &json!({"manifest_key": "manifests/2024-01-01.json", "model_name": "churn-model"}),
        ))
        .expect("runs");

    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(run.path.first().map(String::as_str), Some(SCORE));
    assert_eq!(run.path.last().map(String::as_str), Some("Scoring Failed"));
    assert_eq!(run.error.as_deref(), Some("ScoringFailed"));
    assert!(run.cause.is_some_and(|c| !c.is_empty()));
}

// ----- typed SageMaker mocks -----------------------------------------------
//
// The documented examples and the pipelines answered by
// `asl_test::mock::sagemaker`: complete results, checked STRICT against the
// shapes the integrations return, named from what each state sent.

#[test]
fn typed_training_completes_and_echoes_the_documented_job() {
    for (language, machine) in both_languages("sagemaker-training", docs::training) {
        let run = Executor::new(&machine)
            .mock(
                TRAIN,
                sagemaker::training_completed(|job| job.billable_time_in_seconds(6720)),
            )
            .mock(DELETE, Mock::returns(j(&json!({}))))
            .run(j(&json!({})))
            .unwrap();
        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(
            run.path,
            [
                TRAIN,
                DELETE,
                "ValidateTrainingOutput",
                "Training Succeeded"
            ],
            "{language}"
        );
        let out = run.output.unwrap();
        assert_eq!(
            out.get("TrainingJobArn"),
            Some(&Json::from(TRAINING_ARN)),
            "{language}"
        );
        assert_eq!(
            out.pointer("/ModelArtifacts/S3ModelArtifacts"),
            Some(&Json::from(
                "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"
            )),
            "{language}"
        );
        assert_eq!(
            out.get("HyperParameters"),
            Some(&j(&training_hyper_parameters()))
        );
        assert_eq!(out.get("SecondaryStatus"), Some(&Json::from("Completed")));
        assert_eq!(
            out.get("BillableTimeInSeconds"),
            Some(&Json::Number(6720u64.into()))
        );
        // The virtual clock: the task ran at the start.
        assert_eq!(
            out.get("CreationTime"),
            Some(&Json::Number(1_704_067_200_000_u64.into()))
        );
    }
}

#[test]
fn typed_training_retries_throttling_and_capacity_then_completes() {
    let machine = golden("sagemaker-training");
    let run = Executor::new(&machine)
        .mock(
            TRAIN,
            Mock::per_call([
                sagemaker::exception(THROTTLED),
                sagemaker::resource_limit_exceeded(NO_CAPACITY),
                sagemaker::exception(THROTTLED),
                sagemaker::training_completed(|job| job),
            ]),
        )
        .mock(DELETE, Mock::returns(j(&json!({}))))
        .run(j(&json!({})))
        .unwrap();
    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(scheduled(&run, TRAIN), [0, 1_000, 61_000, 62_100]);
    let out = run.output.unwrap();
    // Created when the fourth call was made.
    assert_eq!(
        out.get("CreationTime"),
        Some(&Json::Number(1_704_067_262_100_u64.into()))
    );
    assert_eq!(out.get("TrainingJobStatus"), Some(&Json::from("Completed")));
}

#[test]
fn typed_training_failure_and_stop_are_caught_with_the_job_as_cause() {
    for (language, machine) in both_languages("sagemaker-training", docs::training) {
        for (mock, status) in [
            (
                sagemaker::training_failed(
                    "AlgorithmError: Training data contains no valid sentences, exit code: 1",
                ),
                "Failed",
            ),
            (sagemaker::training_stopped(), "Stopped"),
        ] {
            let run = Executor::new(&machine)
                .mock(TRAIN, mock)
                .mock(DELETE, Mock::returns(j(&json!({}))))
                .run(j(&json!({})))
                .unwrap();
            assert_eq!(run.status, Status::Failed, "{language}");
            assert_eq!(
                run.path,
                [TRAIN, "Sagemaker Training Job Error"],
                "{language}"
            );
            assert_eq!(
                run.error.as_deref(),
                Some("TrainingJobFailed"),
                "{language}"
            );
            // The catcher's Cause: the job's description, as JSON text.
            let cause: Json = run.cause.as_deref().unwrap().parse().unwrap();
            assert_eq!(cause.get("TrainingJobStatus"), Some(&Json::from(status)));
            assert_eq!(cause.get("TrainingJobArn"), Some(&Json::from(TRAINING_ARN)));
            assert_eq!(
                cause.get("FailureReason").is_some(),
                status == "Failed",
                "{language}: {cause:?}"
            );
        }
    }
}

#[test]
fn typed_transform_completes_fails_and_stops() {
    for (language, machine) in both_languages("sagemaker-transform", docs::transform) {
        let run = Executor::new(&machine)
            .mock(TRANSFORM, sagemaker::transform_completed(|job| job))
            .run(j(&json!({})))
            .unwrap();
        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        assert_eq!(
            run.path,
            [TRANSFORM, "ValidateOutput", "Succeed"],
            "{language}"
        );
        let out = run.output.unwrap();
        assert_eq!(out.get("TransformJobArn"), Some(&Json::from(TRANSFORM_ARN)));
        assert_eq!(
            out.pointer("/TransformResources/InstanceType"),
            Some(&Json::from("ml.m4.xlarge"))
        );

        let run = Executor::new(&machine)
            .mock(
                TRANSFORM,
                sagemaker::transform_failed("ClientError: Unable to parse input as text/csv"),
            )
            .run(j(&json!({})))
            .unwrap();
        assert_eq!(run.status, Status::Failed, "{language}");
        assert_eq!(run.path, [TRANSFORM], "{language}");
        assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
        assert!(
            run.cause
                .unwrap()
                .contains(r#""FailureReason":"ClientError: Unable to parse input as text/csv""#)
        );

        let run = Executor::new(&machine)
            .mock(TRANSFORM, sagemaker::transform_stopped())
            .run(j(&json!({})))
            .unwrap();
        assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
        assert!(
            run.cause
                .unwrap()
                .contains(r#""TransformJobStatus":"Stopped""#)
        );
    }
}

#[test]
fn typed_processing_is_named_from_the_input_and_fails_with_its_reason() {
    let name = "doc-search-preprocess-20240101";
    for (language, machine) in both_languages("sagemaker-processing", docs::processing) {
        let run = Executor::new(&machine)
            .mock(
                PROCESS,
                sagemaker::processing_completed(|job| job.exit_message("")),
            )
            .run(j(&json!({"id": name})))
            .unwrap();
        assert_eq!(run.status, Status::Succeeded, "{language}: {run:?}");
        let out = run.output.unwrap();
        assert_eq!(out.get("ProcessingJobName"), Some(&Json::from(name)));
        assert_eq!(
            out.get("ProcessingJobArn"),
            Some(&Json::from(
                format!("arn:aws:sagemaker:us-east-1:123456789012:processing-job/{name}").as_str()
            ))
        );
        assert_eq!(
            out.pointer("/ProcessingResources/ClusterConfig/InstanceType"),
            Some(&Json::from("ml.t3.medium"))
        );

        let run = Executor::new(&machine)
            .mock(
                PROCESS,
                sagemaker::processing_failed("AlgorithmError: exit code 1"),
            )
            .run(j(&json!({"id": name})))
            .unwrap();
        assert_eq!(run.status, Status::Failed, "{language}");
        assert_eq!(run.error.as_deref(), Some("States.TaskFailed"));
    }
}

#[test]
fn typed_mocks_refuse_a_state_they_do_not_fit() {
    let machine = golden("sagemaker-transform");
    let err = Executor::new(&machine)
        .mock(TRANSFORM, sagemaker::training_completed(|job| job))
        .run(j(&json!({})))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "mocks: state `SageMaker CreateTransformJob`: a typed `CreateTrainingJob.sync` mock answers `arn:aws:states:::sagemaker:createTrainingJob.sync` tasks, not `arn:aws:states:::sagemaker:createTransformJob.sync`"
    );
    let err = Executor::new(&machine)
        .mock(TRANSFORM, sagemaker::created())
        .run(j(&json!({})))
        .unwrap_err();
    assert!(matches!(err, RunError::Mocks(_)), "{err}");
}

/// Mocks SageMaker could never return fail STRICT: a misspelt member, a
/// wrong type, a missing required member; PRESENT lets the last one pass.
#[test]
fn untyped_mocks_are_checked_against_the_result_shape() {
    let machine = golden("sagemaker-training");
    let run_with = |result: serde_json::Value, mode: FieldValidation| {
        let mut executor = Executor::new(&machine);
        executor.options().mock_validation = mode;
        executor
            .mock(TRAIN, Mock::returns(j(&result)))
            .mock(DELETE, Mock::returns(j(&json!({}))))
            .run(j(&json!({})))
    };
    let issues = |err: RunError| match err {
        RunError::MockResult {
            state,
            shape,
            issues,
            ..
        } => {
            assert_eq!(state, TRAIN);
            assert_eq!(shape, "DescribeTrainingJobResponse");
            issues
                .into_iter()
                .map(|i| (i.pointer, i.expected))
                .collect::<Vec<_>>()
        }
        other => panic!("{other}"),
    };

    let mut misspelt = describe_training_job("Completed");
    misspelt["ModelArtifacts"] = json!({"S3ModelArtifact": "s3://bucket-name/model.tar.gz"});
    assert_eq!(
        issues(run_with(misspelt.clone(), FieldValidation::Strict).unwrap_err()),
        [
            (
                "/ModelArtifacts/S3ModelArtifact".to_owned(),
                "a member of `ModelArtifacts`".to_owned()
            ),
            (
                "/ModelArtifacts/S3ModelArtifacts".to_owned(),
                "a string".to_owned()
            ),
        ]
    );
    assert_eq!(
        issues(run_with(misspelt.clone(), FieldValidation::Present).unwrap_err()),
        [(
            "/ModelArtifacts/S3ModelArtifact".to_owned(),
            "a member of `ModelArtifacts`".to_owned()
        )]
    );
    assert_eq!(
        run_with(misspelt, FieldValidation::None).unwrap().status,
        Status::Succeeded
    );

    let mut wrong = describe_training_job("Completed");
    wrong["ResourceConfig"]["InstanceCount"] = json!("4");
    for mode in [FieldValidation::Strict, FieldValidation::Present] {
        assert_eq!(
            issues(run_with(wrong.clone(), mode).unwrap_err()),
            [(
                "/ResourceConfig/InstanceCount".to_owned(),
                "an integer".to_owned()
            )]
        );
    }

    let mut missing = describe_training_job("Completed");
    missing.as_object_mut().unwrap().remove("SecondaryStatus");
    let strict = run_with(missing.clone(), FieldValidation::Strict).unwrap_err();
    assert!(
        strict.to_string().starts_with("state `SageMaker CreateTrainingJob`: the mocked result is not a valid `DescribeTrainingJobResponse` (mock validation STRICT): /SecondaryStatus: the required member `SecondaryStatus` of `DescribeTrainingJobResponse` is missing (expected a `SecondaryStatus`: one of `Starting`"),
        "{strict}"
    );
    assert_eq!(
        run_with(missing, FieldValidation::Present).unwrap().status,
        Status::Succeeded
    );
}

/// Throttled tuning is retried, and every SageMaker step of the pipeline
/// is answered by a typed mock; the model is deployed to a new endpoint.
#[test]
fn typed_train_and_deploy_deploys_a_good_model() {
    let machine = pipelines::train_and_deploy()
        .expect("builds")
        .into_machine();
    let mut executor = Executor::new(&machine);
    RUN.clone_into(&mut executor.options().execution_name);
    let best_arn = format!("arn:aws:sagemaker:us-east-1:123456789012:training-job/{BEST_JOB}");
    executor
        .mock(PREP, sagemaker::processing_completed(|job| job))
        .mock(
            TUNE,
            Mock::per_call([
                sagemaker::exception(THROTTLED),
                sagemaker::tuning_completed(move |job| {
                    job.best_training_job(HyperParameterTrainingJobSummary::new(
                        BEST_JOB,
                        best_arn.clone(),
                        1_714_522_600_000_i64,
                        TrainingJobStatus::Completed,
                        [("eta".to_owned(), "0.2731".to_owned())],
                    ))
                }),
            ]),
        )
        .mock(DESCRIBE, Mock::returns(best_job_result()))
        .mock(
            EVALUATE,
            Mock::returns(j(
                &json!({"Payload": {"auc_percent": 91, "samples": 20_000}, "StatusCode": 200}),
            )),
        )
        .mock(CREATE_MODEL, sagemaker::created())
        .mock(CREATE_CONFIG, sagemaker::created())
        .mock(CREATE_ENDPOINT, sagemaker::created())
        .mock(UPDATE_ENDPOINT, sagemaker::created());
    let run = executor
        .run(j(
            &json!({"endpoint_name": "churn-model", "endpoint_exists": false}),
        ))
        .unwrap();
    assert_eq!(run.status, Status::Succeeded, "{run:?}");
    assert_eq!(
        run.path,
        [
            PREP,
            TUNE,
            DESCRIBE,
            EVALUATE,
            "Good Enough?",
            CREATE_MODEL,
            CREATE_CONFIG,
            "Endpoint Exists?",
            CREATE_ENDPOINT,
            "Deployed"
        ]
    );
    assert_eq!(
        run.output,
        Some(j(
            &json!({"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-model"})
        ))
    );
    assert_eq!(scheduled(&run, TUNE).len(), 2, "retried once");
}

#[test]
fn typed_train_and_deploy_reports_a_failed_processing_job() {
    let machine = pipelines::train_and_deploy()
        .expect("builds")
        .into_machine();
    let mut executor = Executor::new(&machine);
    RUN.clone_into(&mut executor.options().execution_name);
    executor
        .mock(
            PREP,
            sagemaker::processing_failed("ClientError: no input files"),
        )
        .mock(
            NOTIFY,
            Mock::returns(j(
                &json!({"MessageId": "5f8b0a2e-7c1d-5e3f-9a4b-6c7d8e9f0a1b"}),
            )),
        );
    let run = executor
        .run(j(
            &json!({"endpoint_name": "churn-model", "endpoint_exists": false}),
        ))
        .unwrap();
    assert_eq!(run.status, Status::Failed, "{run:?}");
    assert_eq!(run.path, [PREP, NOTIFY, "Pipeline Failed"]);
    assert_eq!(run.error.as_deref(), Some("PipelineFailed"));
}

#[test]
fn typed_mocks_make_a_model_to_match_the_lowercase_arn_rule() {
    // SageMaker writes names in ARNs in lower case.
    let machine: StateMachine = r#"{"StartAt": "Model", "States": {"Model": {
        "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
        "Parameters": {"ModelName": "Churn-XGB", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r"},
        "End": true}}}"#
        .parse()
        .unwrap();
    let run = Executor::new(&machine)
        .mock("Model", sagemaker::created())
        .run(j(&json!({})))
        .unwrap();
    assert_eq!(
        run.output,
        Some(j(
            &json!({"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/churn-xgb"})
        ))
    );
}
