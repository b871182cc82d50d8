//! Reading and writing definitions, each beside a `serde_json` baseline
//! measured in the same run on the same text:
//!
//! - `read/asl` reads text into the typed model (`StateMachine::from_str`:
//!   exact numbers, duplicate-key and depth checks, every field typed);
//!   `read/exact_json` is its first half alone (text into `Json`, numbers
//!   as written); `read/serde_json` reads the same text into a
//!   `serde_json::Value`.
//! - `write/asl` serializes the model; `write/serde_json` serializes the
//!   equivalent `serde_json::Value`.
//!
//! `cargo bench -p asl-types --bench roundtrip`.

use std::hint::black_box;

use asl_types::StateMachine;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A chain of `n` SageMaker training tasks, each with a full request,
/// dynamic members, retriers and a catcher.
fn definition(n: usize) -> String {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let next = if i + 1 == n {
            serde_json::json!({ "End": true })
        } else {
            serde_json::json!({ "Next": format!("Train {}", i + 1) })
        };
        let mut state = serde_json::json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
            "Parameters": {
                "TrainingJobName.$": "States.Format('train-{}-{}', $$.Execution.Name, $.round)",
                "RoleArn": "arn:aws:iam::123456789012:role/train",
                "AlgorithmSpecification": { "TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/x:1", "TrainingInputMode": "File" },
                "ResourceConfig": { "InstanceCount": 4, "InstanceType": "ml.c4.8xlarge", "VolumeSizeInGB": 20 },
                "HyperParameters": { "epochs.$": "$.epochs", "learning_rate": "0.025", "batch_size": "11" },
                "OutputDataConfig": { "S3OutputPath": "s3://bucket/model" },
                "StoppingCondition": { "MaxRuntimeInSeconds": 100_000 },
                "InputDataConfig": [{ "ChannelName": "train", "DataSource": { "S3DataSource": {
                    "S3DataType": "S3Prefix", "S3Uri.$": "$.train_uri", "S3DataDistributionType": "FullyReplicated" } } }]
            },
            "ResultPath": "$.training",
            "Retry": [{ "ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 1, "MaxAttempts": 100, "BackoffRate": 1.1 }],
            "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.cause", "Next": "Failed" }]
        });
        state
            .as_object_mut()
            .expect("object")
            .extend(next.as_object().expect("object").clone());
        states.insert(format!("Train {i}"), state);
    }
    states.insert(
        "Failed".into(),
        serde_json::json!({ "Type": "Fail", "Error": "TrainingFailed" }),
    );
    serde_json::to_string(&serde_json::json!({ "StartAt": "Train 0", "States": states }))
        .expect("serializes")
}

fn bench(c: &mut Criterion) {
    // 1250 tasks: about 1.3 MB of JSON, the size of a big generated pipeline.
    for n in [100, 1250] {
        let text = definition(n);
        let machine: StateMachine = text.parse().expect("valid definition");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");

        let mut read = c.benchmark_group("read");
        read.throughput(Throughput::Bytes(text.len() as u64));
        read.bench_with_input(BenchmarkId::new("asl", n), &text, |b, t| {
            b.iter(|| black_box(t.parse::<StateMachine>().expect("parses")));
        });
        read.bench_with_input(BenchmarkId::new("exact_json", n), &text, |b, t| {
            b.iter(|| black_box(t.parse::<asl_types::Json>().expect("parses")));
        });
        read.bench_with_input(BenchmarkId::new("serde_json", n), &text, |b, t| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t).expect("parses")));
        });
        read.finish();

        let mut write = c.benchmark_group("write");
        write.throughput(Throughput::Bytes(text.len() as u64));
        write.bench_with_input(BenchmarkId::new("asl", n), &machine, |b, m| {
            b.iter(|| black_box(m.to_json_string().expect("serializes")));
        });
        write.bench_with_input(BenchmarkId::new("serde_json", n), &value, |b, v| {
            b.iter(|| black_box(serde_json::to_string(v).expect("serializes")));
        });
        write.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
