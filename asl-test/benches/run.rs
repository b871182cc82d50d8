//! How long one local execution takes, beside a baseline measured in the
//! same run: `serde_json` parsing the execution's input text.
//!
//! - `run/processing`: the documented SageMaker processing example (AWS
//!   Developer Guide), its `.sync` job mocked with a `DescribeProcessingJob`
//!   result, the Choice going to Succeed.
//! - `run/training`: the documented training example, the training job
//!   throttled twice (`SageMaker.AmazonSageMakerException`, retried with
//!   back-off on the virtual clock) then completed, the interim data
//!   deleted, the Choice going to Succeed.
//! - `…-history`: the same with the `GetExecutionHistory` events recorded.
//!
//! `cargo bench -p asl-test --bench run`; the figures are in
//! `target/criterion/run/*/new/estimates.json`.

use std::hint::black_box;
use std::path::Path;

use asl_test::{Executor, Failure, Mock, Response};
use asl_types::{Json, StateMachine};
use criterion::{Criterion, criterion_group, criterion_main};

fn golden(name: &str) -> StateMachine {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/golden")
        .join(name);
    let text = std::fs::read_to_string(path).expect("golden file");
    text.parse().expect("valid definition")
}

const PROCESSING_INPUT: &str = r#"{"id": "preprocess-2024-05-01"}"#;

/// The fields `DescribeProcessingJob` returns for a completed job (as a
/// `.sync` task's result), shaped as the SageMaker API reference lists them.
const PROCESSING_RESULT: &str = r#"{
  "ProcessingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:processing-job/preprocess-2024-05-01",
  "ProcessingJobName": "preprocess-2024-05-01",
  "ProcessingJobStatus": "Completed",
  "AppSpecification": {"ImageUri": "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3"},
  "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 10}},
  "RoleArn": "arn:aws:iam::123456789012:role/SM-003-CreateProcessingJobAPIExecutionRole",
  "CreationTime": 1714550400000,
  "ProcessingStartTime": 1714550460000,
  "ProcessingEndTime": 1714551000000,
  "LastModifiedTime": 1714551000000
}"#;

const TRAINING_INPUT: &str =
    r#"{"run": "nightly", "dataset": "s3://bucket-name/doc-search/interim-data/training-data/"}"#;

const TRAINING_RESULT: &str = r#"{
  "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
  "TrainingJobName": "search-model",
  "TrainingJobStatus": "Completed",
  "SecondaryStatus": "Completed",
  "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"},
  "CreationTime": 1714550400000,
  "TrainingStartTime": 1714550460000,
  "TrainingEndTime": 1714554000000,
  "StoppingCondition": {"MaxRuntimeInSeconds": 100000},
  "BillableTimeInSeconds": 3540
}"#;

fn processing(history: bool) -> (StateMachine, Vec<(String, Mock)>, bool) {
    let mocks = vec![(
        "SageMaker CreateProcessingJob Sync".to_owned(),
        Mock::returns(PROCESSING_RESULT.parse::<Json>().expect("json")),
    )];
    (golden("sagemaker-processing.asl.json"), mocks, history)
}

fn training(history: bool) -> (StateMachine, Vec<(String, Mock)>, bool) {
    let throttled = || {
        Response::Throw(Failure::new(
            "SageMaker.AmazonSageMakerException",
            "Rate exceeded",
        ))
    };
    let mocks = vec![
        (
            "SageMaker CreateTrainingJob".to_owned(),
            Mock::sequence([
                throttled(),
                throttled(),
                Response::Return(TRAINING_RESULT.parse().expect("json")),
            ]),
        ),
        (
            "Delete Interim Data Job".to_owned(),
            Mock::returns(Json::Object(asl_types::JsonObject::default())),
        ),
    ];
    (golden("sagemaker-training.asl.json"), mocks, history)
}

type Case = fn(bool) -> (StateMachine, Vec<(String, Mock)>, bool);

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("run");
    let cases: [(&str, Case, &str, &str); 4] = [
        ("processing", processing, PROCESSING_INPUT, "Succeed"),
        (
            "processing-history",
            processing,
            PROCESSING_INPUT,
            "Succeed",
        ),
        ("training", training, TRAINING_INPUT, "Training Succeeded"),
        (
            "training-history",
            training,
            TRAINING_INPUT,
            "Training Succeeded",
        ),
    ];
    for (name, case, input_text, last) in cases {
        let (machine, mocks, history) = case(name.ends_with("-history"));
        let mut executor = Executor::new(&machine);
        for (state, mock) in mocks {
            executor.mock(state, mock);
        }
        executor.options().history = history;
        let input: Json = input_text.parse().expect("json");
        // The run does what the bench says it does.
        let outcome = executor.run(input.clone()).expect("runs");
        assert!(outcome.succeeded(), "{name}: {outcome:?}");
        assert_eq!(outcome.path.last().map(String::as_str), Some(last));
        group.bench_function(name, |b| {
            b.iter(|| executor.run(black_box(input.clone())).expect("runs"));
        });
        group.bench_function(format!("{name}-serde_json-parse-input"), |b| {
            b.iter(|| {
                serde_json::from_str::<serde_json::Value>(black_box(input_text)).expect("json")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
