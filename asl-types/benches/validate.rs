//! How long validation takes, beside a baseline measured in the same run:
//! serializing the same machine with `serde_json`. Validation should grow
//! linearly, so `validate/10000` ≈ 10 × `validate/1000`.
//!
//! - `validate/N` and `serialize/N`: a mixed machine of about N states
//!   (Lambda tasks, Choice, Wait, Pass, Parallel, a SageMaker training job
//!   every fifth block), N = 10, 1,000, 10,000.
//! - `validate_sagemaker/N` and `serialize_sagemaker/N`: a chain of N
//!   SageMaker training tasks, each with its full request, two retriers
//!   and a catcher (issue 15, goal 1: at most 3 µs per state and at most
//!   5× `serialize_sagemaker/N`).
//!
//! `cargo bench -p asl-types --bench validate`; the figures are in
//! `target/criterion/<group>/<N>/new/estimates.json`.

mod common;

use std::hint::black_box;

use asl_types::{Rule, StateMachine, validate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A state machine of about `n` states (n ≥ 10): a chain of blocks of nine — a
/// Lambda task with retries and a catcher, a Choice, Pass and Wait states,
/// a SageMaker training job with its full request every fifth block, a
/// small Parallel — ending in Succeed, with one Fail for the catchers.
fn machine(n: usize) -> StateMachine {
    let mut states = serde_json::Map::new();
    let blocks = (n - 1) / 9;
    let name = |b: usize, s: &str| format!("{s} {b}");
    for b in 0..blocks {
        let next_block = if b + 1 == blocks {
            "Done".to_owned()
        } else {
            name(b + 1, "Call")
        };
        states.insert(name(b, "Call"), serde_json::json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {
                "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:step",
                "Payload": { "id.$": "$.id", "step": b, "at.$": "$$.State.EnteredTime" }
            },
            "ResultSelector": { "body.$": "$.Payload" },
            "ResultPath": "$.result",
            "TimeoutSeconds": 300,
            "Retry": [
                { "ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 5, "BackoffRate": 2.0 },
                { "ErrorEquals": ["States.ALL"], "MaxAttempts": 1 }
            ],
            "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed" }],
            "Next": name(b, "Route")
        }));
        states.insert(name(b, "Route"), serde_json::json!({
            "Type": "Choice",
            "Choices": [
                { "And": [
                    { "Variable": "$.result.body.ok", "BooleanEquals": true },
                    { "Not": { "Variable": "$.result.body.count", "NumericGreaterThan": 100 } }
                ], "Next": name(b, "Shape") },
                { "Variable": "$.result.body.at", "TimestampLessThan": "2026-01-01T00:00:00Z", "Next": name(b, "Pause") }
            ],
            "Default": name(b, "Shape")
        }));
        states.insert(
            name(b, "Pause"),
            serde_json::json!({
                "Type": "Wait", "Seconds": 5, "Next": name(b, "Shape")
            }),
        );
        states.insert(name(b, "Shape"), serde_json::json!({
            "Type": "Pass",
            "Parameters": { "id.$": "$.id", "label.$": "States.Format('block {} of {}', $.id, States.ArrayLength($.items))" },
            "Next": name(b, "Train")
        }));
        let train = if b % 5 == 0 {
            serde_json::json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
                "Parameters": {
                    "TrainingJobName.$": "$.id",
                    "AlgorithmSpecification": { "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1", "TrainingInputMode": "File" },
                    "RoleArn": "arn:aws:iam::123456789012:role/sagemaker",
                    "OutputDataConfig": { "S3OutputPath": "s3://bucket/models" },
                    "ResourceConfig": { "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30 },
                    "StoppingCondition": { "MaxRuntimeInSeconds": 86400 },
                    "HyperParameters": { "epochs": "10", "lr.$": "$.lr" },
                    "InputDataConfig": [{ "ChannelName": "train", "DataSource": { "S3DataSource": {
                        "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/", "S3DataDistributionType": "FullyReplicated"
                    } } }]
                },
                "ResultPath": "$.training",
                "Next": name(b, "Fan")
            })
        } else {
            serde_json::json!({ "Type": "Pass", "Result": { "skipped": true }, "ResultPath": "$.training", "Next": name(b, "Fan") })
        };
        states.insert(name(b, "Train"), train);
        states.insert(name(b, "Fan"), serde_json::json!({
            "Type": "Parallel",
            "Branches": [
                { "StartAt": name(b, "Left"), "States": { name(b, "Left"): { "Type": "Pass", "End": true } } },
                { "StartAt": name(b, "Right"), "States": {
                    name(b, "Right"): { "Type": "Pass", "Next": name(b, "Right done") },
                    name(b, "Right done"): { "Type": "Succeed" }
                } }
            ],
            "ResultPath": null,
            "Next": next_block
        }));
    }
    states.insert("Done".into(), serde_json::json!({ "Type": "Succeed" }));
    states.insert(
        "Failed".into(),
        serde_json::json!({ "Type": "Fail", "Error": "StepFailed" }),
    );
    let doc = serde_json::json!({ "StartAt": name(0, "Call"), "States": states });
    doc.to_string()
        .parse()
        .expect("the generated machine reads")
}

fn count_states(m: &StateMachine) -> usize {
    let mut n = 0;
    let mut stack = vec![&m.states];
    while let Some(states) = stack.pop() {
        n += states.len();
        for state in states.values() {
            if let asl_types::State::Parallel(p) = state {
                stack.extend(p.branches.iter().map(|b| &b.states));
            }
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    for n in [10, 1_000, 10_000] {
        let m = machine(n);
        let report = validate(&m);
        // 10,000 states take more than AWS's 1 MB: that one issue is expected.
        assert!(
            report.iter().all(|i| i.rule == Rule::DefinitionTooLarge),
            "the benchmark machine is otherwise valid:\n{report}"
        );
        let states = count_states(&m);
        let mut group = c.benchmark_group("validate");
        group.throughput(Throughput::Elements(states as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &m, |b, m| {
            b.iter(|| validate(black_box(m)));
        });
        group.finish();
        let mut group = c.benchmark_group("serialize");
        group.throughput(Throughput::Elements(states as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &m, |b, m| {
            b.iter(|| serde_json::to_vec(black_box(m)).expect("serializes"));
        });
        group.finish();
    }
}

/// Goal 1 of issue 15: validating SageMaker training tasks.
fn bench_sagemaker(c: &mut Criterion) {
    for n in [10, 1_000, 10_000] {
        let m: StateMachine = common::training_chain(n)
            .parse()
            .expect("the generated machine reads");
        let report = validate(&m);
        assert!(
            report.iter().all(|i| i.rule == Rule::DefinitionTooLarge),
            "the benchmark machine is otherwise valid:\n{report}"
        );
        let mut group = c.benchmark_group("validate_sagemaker");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &m, |b, m| {
            b.iter(|| validate(black_box(m)));
        });
        group.finish();
        let mut group = c.benchmark_group("serialize_sagemaker");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &m, |b, m| {
            b.iter(|| serde_json::to_vec(black_box(m)).expect("serializes"));
        });
        group.finish();
    }
}

criterion_group!(benches, bench, bench_sagemaker);
criterion_main!(benches);
