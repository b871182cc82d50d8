//! Definitions the benchmarks share, written as JSON text.

#![allow(dead_code)] // each bench uses some of them

use serde_json::{Value, json};

/// One SageMaker training task: the full request with dynamic members,
/// two retriers and a catcher to `Failed`, then `next` (or `End`).
fn training_state(i: usize, next: Option<String>) -> Value {
    let mut state = json!({
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
                "S3DataType": "S3Prefix", "S3Uri.$": "$.train_uri", "S3DataDistributionType": "FullyReplicated" } } }],
            "Tags": [{ "Key": "step", "Value": format!("{i}") }]
        },
        "ResultPath": "$.training",
        "Retry": [
            { "ErrorEquals": ["SageMaker.AmazonSageMakerException"], "IntervalSeconds": 1, "MaxAttempts": 100, "BackoffRate": 1.1 },
            { "ErrorEquals": ["States.Timeout", "States.TaskFailed"], "IntervalSeconds": 5, "MaxAttempts": 3, "BackoffRate": 2.0, "MaxDelaySeconds": 60 }
        ],
        "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.cause", "Next": "Failed" }]
    });
    let object = state.as_object_mut().expect("object");
    match next {
        Some(next) => object.insert("Next".into(), Value::String(next)),
        None => object.insert("End".into(), Value::Bool(true)),
    };
    state
}

/// A chain of `n` SageMaker training tasks (see [`training_state`]) and
/// the `Failed` state their catchers go to: `n + 1` states.
pub(crate) fn training_chain(n: usize) -> String {
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let next = (i + 1 < n).then(|| format!("Train {}", i + 1));
        states.insert(format!("Train {i}"), training_state(i, next));
    }
    states.insert(
        "Failed".into(),
        json!({ "Type": "Fail", "Error": "TrainingFailed" }),
    );
    serde_json::to_string(&json!({ "StartAt": "Train 0", "States": states })).expect("serializes")
}

/// A chain of Pass states whose `Result` nests so deep that the document
/// nests `depth` (≥ 4) objects deep (each level a few scalar members and
/// one nested object), as many states as make about `bytes` of text.
pub(crate) fn deep(bytes: usize, depth: usize) -> String {
    let one = |next: Option<String>| {
        let mut inner = json!({ "leaf": true, "n": 1.5e3, "s": "x\"y" });
        for level in 0..depth.saturating_sub(4) {
            inner = json!({ "level": level, "name": "nested", "child": inner });
        }
        let mut state = json!({ "Type": "Pass", "Result": inner, "ResultPath": "$.r" });
        let object = state.as_object_mut().expect("object");
        match next {
            Some(next) => object.insert("Next".into(), Value::String(next)),
            None => object.insert("End".into(), Value::Bool(true)),
        };
        state
    };
    let per_state = serde_json::to_string(&one(Some("Deep 1".into())))
        .expect("serializes")
        .len()
        + 12;
    let n = (bytes / per_state).max(1);
    let mut states = serde_json::Map::new();
    for i in 0..n {
        let next = (i + 1 < n).then(|| format!("Deep {}", i + 1));
        states.insert(format!("Deep {i}"), one(next));
    }
    serde_json::to_string(&json!({ "StartAt": "Deep 0", "States": states })).expect("serializes")
}

/// A flat definition of about `bytes`: a chain of SageMaker training
/// tasks (nesting at most six levels), at least one.
pub(crate) fn flat(bytes: usize) -> String {
    let per_state = training_chain(2).len() - training_chain(1).len();
    training_chain((bytes / per_state).max(1))
}
