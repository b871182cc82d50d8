//! The machine learning pipeline of the guide: the builder's JSONPath form equals the
//! definition written by hand from the AWS documentation
//! (`golden/mlops-pipeline.asl.json`), its JSONata form sends the same
//! requests, and both run down the success and failure paths.
//!
//! Every expected value is worked out by hand from the golden definition:
//! `ResultPath: null` keeps the input, `ResultSelector` + `ResultPath`
//! put the selected result under one key of the input, `States.Format`
//! fills each `{}` with the next argument, the Map gives each iteration
//! `{"index": i, "input": batches[i]}` and collects the iterations'
//! outputs in order under `$.predictions`.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use asl_builder::types::{Argument, Intrinsic, Json, JsonObject, StateMachine};
use asl_test::{Executor, Failure, Mock, Outcome, Status};
use examples::mlops::{mlops_pipeline, mlops_pipeline_jsonata};
use serde_json::json;

// ----- helpers -------------------------------------------------------------

/// `serde_json`'s `json!` value as the executor's [`Json`].
fn j(value: &serde_json::Value) -> Json {
    value.to_string().parse().expect("json! writes JSON")
}

fn golden_text() -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/mlops-pipeline.asl.json");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The definition written by hand.
fn golden() -> StateMachine {
    golden_text().parse().expect("the golden file reads")
}

fn to_json(machine: &StateMachine) -> Json {
    machine.to_json_string().unwrap().parse().unwrap()
}

fn object(json: &Json) -> &JsonObject {
    json.as_object().expect("an object")
}

/// Compares, and on a difference prints both documents.
fn assert_same(what: &str, got: &Json, expected: &Json) {
    assert!(
        got == expected,
        "{what} differs\n--- got ---\n{}\n--- expected ---\n{}",
        serde_json::to_string_pretty(got).unwrap(),
        serde_json::to_string_pretty(expected).unwrap()
    );
}

// ----- the definition ------------------------------------------------------

#[test]
fn mlops_pipeline_equals_the_hand_written_golden_file() {
    let built = mlops_pipeline().unwrap_or_else(|e| panic!("invalid:\n{e}"));
    assert!(built.warnings().is_empty(), "{}", built.warnings());
    let expected: Json = golden_text().parse().unwrap();
    assert_same("mlops-pipeline", &to_json(&built), &expected);
    // The golden file reads into the same typed machine.
    assert_eq!(golden(), *built);
}

/// A JSONPath path as the JSONata expression reading the same value:
/// `$.a` is `$states.input.a`, `$$.a` is `$states.context.a`.
fn jsonata_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("$$") {
        format!("$states.context{rest}")
    } else {
        let rest = path.strip_prefix('$').expect("an input path");
        format!("$states.input{rest}")
    }
}

/// A `.$` value as JSONata: a path, or `States.Format('a{}b', x)` as
/// `'a' & x & 'b'`.
fn jsonata_expr(text: &str) -> String {
    if !text.starts_with("States.") {
        return jsonata_path(text);
    }
    let call: Intrinsic = text.parse().unwrap();
    let (template, args) = call.args().split_first().unwrap();
    let mut args = args.iter().map(|a| match a {
        Argument::Path(p) => jsonata_path(&p.to_string()),
        other => panic!("unexpected argument {other:?}"),
    });
    let mut parts = Vec::new();
    for (i, text) in template.decoded().unwrap().split("{}").enumerate() {
        if i > 0 {
            parts.push(args.next().unwrap());
        }
        if !text.is_empty() {
            parts.push(format!("'{text}'"));
        }
    }
    parts.join(" & ")
}

/// A JSONPath payload template in its JSONata form: `"Key.$": "$.a.b"`
/// becomes `"Key": "{% $states.input.a.b %}"`, at any depth.
fn jsonata_form(json: &Json) -> Json {
    match json {
        Json::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| match (k.strip_suffix(".$"), v) {
                    (Some(key), Json::String(expr)) => (
                        key.to_owned(),
                        Json::String(format!("{{% {} %}}", jsonata_expr(expr))),
                    ),
                    _ => (k.clone(), jsonata_form(v)),
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(jsonata_form).collect()),
        other => other.clone(),
    }
}

/// Each JSONata state against its JSONPath state: same type, resource,
/// requests (`Parameters` → `Arguments`), transitions, retriers and catch
/// targets; `Items` / `ItemSelector` / `Cause` as the paths they replace.
fn assert_states_correspond(scope: &str, jsonpath: &JsonObject, jsonata: &JsonObject) {
    assert_eq!(
        jsonpath.keys().collect::<Vec<_>>(),
        jsonata.keys().collect::<Vec<_>>(),
        "{scope}: same states, same order"
    );
    for (name, doc) in jsonpath {
        let at = format!("{scope}/{name}");
        let (doc, got) = (object(doc), object(&jsonata[name]));
        for field in [
            "Type", "Resource", "Next", "End", "Default", "Retry", "Error",
        ] {
            assert_eq!(got.get(field), doc.get(field), "{at}/{field}");
        }
        for field in [
            "Parameters",
            "ResultSelector",
            "ResultPath",
            "ItemsPath",
            "CausePath",
        ] {
            assert!(!got.contains_key(field), "{at} has {field}");
        }
        if let Some(parameters) = doc.get("Parameters") {
            assert_same(&at, &got["Arguments"], &jsonata_form(parameters));
        }
        if let Some(selector) = doc.get("ItemSelector") {
            assert_same(&at, &got["ItemSelector"], &jsonata_form(selector));
        }
        if let Some(Json::String(items)) = doc.get("ItemsPath") {
            let items = format!("{{% {} %}}", jsonata_path(items));
            assert_eq!(got["Items"], Json::from(items.as_str()), "{at}");
        }
        if let Some(Json::String(cause)) = doc.get("CausePath") {
            let cause = format!("{{% {} %}}", jsonata_path(cause));
            assert_eq!(got["Cause"], Json::from(cause.as_str()), "{at}");
        }
        if let Some(Json::Array(catchers)) = doc.get("Catch") {
            let Some(Json::Array(got_catchers)) = got.get("Catch") else {
                panic!("{at}: no Catch");
            };
            for (doc, got) in catchers.iter().zip(got_catchers) {
                for field in ["ErrorEquals", "Next"] {
                    assert_eq!(object(got).get(field), object(doc).get(field), "{at}");
                }
            }
        }
        if let Some(processor) = doc.get("ItemProcessor") {
            let (doc, got) = (object(processor), object(&got["ItemProcessor"]));
            assert_eq!(got["ProcessorConfig"], doc["ProcessorConfig"], "{at}");
            assert_eq!(got["StartAt"], doc["StartAt"], "{at}");
            assert_states_correspond(&at, object(&doc["States"]), object(&got["States"]));
        }
    }
}

#[test]
fn mlops_pipeline_jsonata_sends_the_same_requests() {
    let built = mlops_pipeline_jsonata().unwrap_or_else(|e| panic!("invalid:\n{e}"));
    assert!(built.warnings().is_empty(), "{}", built.warnings());
    let json = to_json(&built);
    assert_eq!(json.get("QueryLanguage"), Some(&Json::from("JSONata")));
    let expected: Json = golden_text().parse().unwrap();
    for field in ["Comment", "StartAt", "TimeoutSeconds"] {
        assert_eq!(json.get(field), expected.get(field), "{field}");
    }
    let states = object(&object(&json)["States"]);
    assert_states_correspond("", object(&object(&expected)["States"]), states);
    // The two Choice rules, written by hand from their JSONPath forms.
    let condition = |state: &str| {
        states[state]
            .pointer("/Choices/0/Condition")
            .cloned()
            .unwrap()
    };
    assert_eq!(
        condition("Good Enough?"),
        Json::from("{% $states.input.evaluation.auc >= 0.9 %}")
    );
    assert_eq!(
        condition("Endpoint Exists?"),
        Json::from("{% $states.input.endpoint_exists = true %}")
    );
}

// ----- running it ----------------------------------------------------------

const EXECUTION: &str = "run-2024-06-01";
const ROLE: &str = "arn:aws:iam::123456789012:role/mlops-sagemaker-execution";
const XGBOOST: &str = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const MODEL_DATA: &str = "s3://mlops-example/churn/models/train-run-2024-06-01/output/model.tar.gz";
const BATCHES: [&str; 3] = [
    "s3://mlops-example/churn/batches/2024-06-01/eu/",
    "s3://mlops-example/churn/batches/2024-06-01/us/",
    "s3://mlops-example/churn/batches/2024-06-01/apac/",
];

fn input(endpoint_exists: bool) -> serde_json::Value {
    json!({
        "raw_data": "s3://mlops-example/churn/raw/2024-06-01/",
        "endpoint_name": "churn",
        "endpoint_exists": endpoint_exists,
        "batches": BATCHES
    })
}

/// What one Task state was sent, call by call.
type Log = Rc<RefCell<Vec<Json>>>;

/// A Task's answer to each call: the request and the call's number.
type Answer = Box<dyn FnMut(&Json, usize) -> Result<Json, Failure>>;

/// What each SageMaker and Lambda Task answers; `None` for "not called in
/// this scenario".
struct Answers {
    auc: f64,
    /// Responses of `Train Model` before the job's description.
    training_errors: Vec<Failure>,
    /// The training job's own failure (after the retries, if any).
    training_fails: Option<Failure>,
}

impl Default for Answers {
    fn default() -> Self {
        Answers {
            auc: 0.93,
            training_errors: Vec::new(),
            training_fails: None,
        }
    }
}

/// `DescribeTrainingJob` of the completed training job.
fn describe_training_job() -> Json {
    j(&json!({
        "TrainingJobName": "train-run-2024-06-01",
        "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/train-run-2024-06-01",
        "ModelArtifacts": {"S3ModelArtifacts": MODEL_DATA},
        "TrainingJobStatus": "Completed",
        "SecondaryStatus": "Completed",
        "AlgorithmSpecification": {"TrainingImage": XGBOOST, "TrainingInputMode": "File"},
        "RoleArn": ROLE,
        "StoppingCondition": {"MaxRuntimeInSeconds": 7200},
        "CreationTime": 1_717_200_600_000_i64,
        "FinalMetricDataList": [{"MetricName": "validation:auc", "Value": 0.93}],
        "BillableTimeInSeconds": 318
    }))
}

/// `DescribeTransformJob` of the job the request names.
fn describe_transform_job(request: &Json) -> Json {
    let mut job = object(request).clone();
    let name = object(request)["TransformJobName"]
        .as_str()
        .unwrap()
        .to_owned();
    job.insert(
        "TransformJobArn".into(),
        Json::from(
            format!("arn:aws:sagemaker:us-east-1:123456789012:transform-job/{name}").as_str(),
        ),
    );
    job.insert("TransformJobStatus".into(), Json::from("Completed"));
    job.insert(
        "CreationTime".into(),
        Json::Number(1_717_204_200_000_i64.into()),
    );
    Json::Object(job)
}

/// The machines the scenarios run: the golden file and the builder's
/// JSONata form.
fn machines() -> [(&'static str, StateMachine); 2] {
    [
        ("JSONPath (golden)", golden()),
        ("JSONata", mlops_pipeline_jsonata().unwrap().into_machine()),
    ]
}

/// Runs `machine` with every Task mocked from `answers`; returns the
/// outcome and what each Task was sent.
fn run(
    machine: &StateMachine,
    endpoint_exists: bool,
    answers: Answers,
) -> (Outcome, Vec<(&'static str, Log)>) {
    let mut executor = Executor::new(machine);
    EXECUTION.clone_into(&mut executor.options().execution_name);
    let mut logs = Vec::new();
    let mut mock = |state: &'static str, mut answer: Answer| {
        let log: Log = Rc::default();
        let seen = Rc::clone(&log);
        executor.mock(
            state,
            Mock::handler(move |call| {
                seen.borrow_mut().push(call.input.clone());
                answer(call.input, call.call)
            }),
        );
        logs.push((state, log));
    };
    mock(
        "Preprocess Data",
        Box::new(|request, _| {
            let mut job = object(request).clone();
            job.insert("ProcessingJobStatus".into(), Json::from("Completed"));
            job.insert(
                "CreationTime".into(),
                Json::Number(1_717_200_000_000_i64.into()),
            );
            job.insert(
                "ProcessingJobArn".into(),
                Json::from("arn:aws:sagemaker:us-east-1:123456789012:processing-job/preprocess-run-2024-06-01"),
            );
            Ok(Json::Object(job))
        }),
    );
    let Answers {
        auc,
        training_errors,
        training_fails,
    } = answers;
    mock(
        "Train Model",
        Box::new(move |_, call| match training_errors.get(call) {
            Some(error) => Err(error.clone()),
            None => training_fails
                .clone()
                .map_or_else(|| Ok(describe_training_job()), Err),
        }),
    );
    mock(
        "Evaluate Model",
        Box::new(move |_, _| {
            Ok(j(&json!({
                "ExecutedVersion": "$LATEST",
                "Payload": {"auc": auc, "samples": 12_000},
                "SdkHttpMetadata": {"HttpStatusCode": 200},
                "StatusCode": 200
            })))
        }),
    );
    let arn = |kind: &str, key: &str, name: &str| {
        let value = format!("arn:aws:sagemaker:us-east-1:123456789012:{kind}/{name}");
        let json = j(&json!({ key: value }));
        Box::new(move |_: &Json, _: usize| Ok(json.clone()))
    };
    mock(
        "Create Model",
        arn("model", "ModelArn", "churn-run-2024-06-01"),
    );
    mock(
        "Create Endpoint Config",
        arn(
            "endpoint-config",
            "EndpointConfigArn",
            "churn-run-2024-06-01",
        ),
    );
    mock("Create Endpoint", arn("endpoint", "EndpointArn", "churn"));
    mock("Update Endpoint", arn("endpoint", "EndpointArn", "churn"));
    mock(
        "Transform Batch",
        Box::new(|request, _| Ok(describe_transform_job(request))),
    );
    let outcome = executor.run(j(&input(endpoint_exists))).unwrap();
    (outcome, logs)
}

fn sent(logs: &[(&'static str, Log)], state: &str) -> Vec<Json> {
    logs.iter().find(|(s, _)| *s == state).map_or_else(
        || panic!("no mock for {state}"),
        |(_, log)| log.borrow().clone(),
    )
}

/// The processing request, every `.$` member evaluated.
fn processing_request() -> Json {
    j(&json!({
        "ProcessingJobName": "preprocess-run-2024-06-01",
        "RoleArn": ROLE,
        "AppSpecification": {
            "ImageUri": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
            "ContainerEntrypoint": ["python3", "/opt/ml/processing/code/preprocess.py"]
        },
        "ProcessingResources": {"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30
        }},
        "ProcessingInputs": [
            {"InputName": "raw", "S3Input": {
                "S3Uri": "s3://mlops-example/churn/raw/2024-06-01/",
                "LocalPath": "/opt/ml/processing/input",
                "S3DataType": "S3Prefix", "S3InputMode": "File"
            }},
            {"InputName": "code", "S3Input": {
                "S3Uri": "s3://mlops-example/churn/code/preprocess.py",
                "LocalPath": "/opt/ml/processing/code",
                "S3DataType": "S3Prefix", "S3InputMode": "File"
            }}
        ],
        "ProcessingOutputConfig": {"Outputs": [
            {"OutputName": "train", "S3Output": {
                "S3Uri": "s3://mlops-example/churn/run-2024-06-01/train",
                "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"
            }},
            {"OutputName": "validation", "S3Output": {
                "S3Uri": "s3://mlops-example/churn/run-2024-06-01/validation",
                "LocalPath": "/opt/ml/processing/validation", "S3UploadMode": "EndOfJob"
            }}
        ]},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600}
    }))
}

/// The two channels the training job reads: the processing job's outputs.
fn training_channels() -> Json {
    let channel = |name: &str| {
        json!({
            "ChannelName": name,
            "ContentType": "text/csv",
            "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": format!("s3://mlops-example/churn/run-2024-06-01/{name}"),
                "S3DataDistributionType": "FullyReplicated"
            }}
        })
    };
    j(&json!([channel("train"), channel("validation")]))
}

/// What the first two steps send, in every scenario.
fn assert_preprocess_and_train_sent(language: &str, logs: &[(&'static str, Log)]) {
    assert_eq!(
        sent(logs, "Preprocess Data"),
        [processing_request()],
        "{language}"
    );
    for request in sent(logs, "Train Model") {
        assert_eq!(
            object(&request)["TrainingJobName"],
            Json::from("train-run-2024-06-01"),
            "{language}"
        );
        assert_eq!(
            object(&request)["InputDataConfig"],
            training_channels(),
            "{language}"
        );
    }
}

/// The Map iteration `i` sends and returns.
fn transform_request(i: usize) -> Json {
    j(&json!({
        "TransformJobName": format!("churn-run-2024-06-01-{i}"),
        "ModelName": "churn-run-2024-06-01",
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": BATCHES[i]}},
            "ContentType": "text/csv",
            "SplitType": "Line"
        },
        "TransformOutput": {
            "S3OutputPath": format!("s3://mlops-example/churn/run-2024-06-01/predictions/{i}"),
            "AssembleWith": "Line"
        },
        "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1}
    }))
}

/// The execution output of a deployment: the input, plus what training,
/// evaluation and the batch transforms selected.
fn deployed_output(endpoint_exists: bool) -> Json {
    let mut output = input(endpoint_exists);
    output["training"] = json!({"job_name": "train-run-2024-06-01", "model_data": MODEL_DATA});
    output["evaluation"] = json!({"auc": 0.93});
    output["predictions"] = (0..3)
        .map(|i| {
            json!({
                "job_name": format!("churn-run-2024-06-01-{i}"),
                "output": format!("s3://mlops-example/churn/run-2024-06-01/predictions/{i}")
            })
        })
        .collect();
    j(&output)
}

fn deployed_path(endpoint: &str) -> Vec<&str> {
    vec![
        "Preprocess Data",
        "Train Model",
        "Evaluate Model",
        "Good Enough?",
        "Create Model",
        "Create Endpoint Config",
        "Endpoint Exists?",
        endpoint,
        "Batch Transforms",
        "Transform Batch",
        "Transform Batch",
        "Transform Batch",
    ]
}

#[test]
fn mlops_good_model_updates_the_endpoint_and_scores_three_batches() {
    for (language, machine) in machines() {
        let (outcome, logs) = run(&machine, true, Answers::default());
        assert_eq!(outcome.status, Status::Succeeded, "{language}: {outcome:?}");
        assert_eq!(outcome.path, deployed_path("Update Endpoint"), "{language}");
        assert_eq!(outcome.output, Some(deployed_output(true)), "{language}");

        assert_preprocess_and_train_sent(language, &logs);
        assert_eq!(
            sent(&logs, "Evaluate Model"),
            [j(&json!({
                "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
                "Payload": {"training_job": "train-run-2024-06-01", "model_data": MODEL_DATA}
            }))],
            "{language}"
        );
        assert_eq!(
            sent(&logs, "Create Model"),
            [j(&json!({
                "ModelName": "churn-run-2024-06-01",
                "ExecutionRoleArn": ROLE,
                "PrimaryContainer": {"Image": XGBOOST, "ModelDataUrl": MODEL_DATA}
            }))],
            "{language}"
        );
        assert_eq!(
            sent(&logs, "Create Endpoint Config"),
            [j(&json!({
                "EndpointConfigName": "churn-run-2024-06-01",
                "ProductionVariants": [{
                    "VariantName": "AllTraffic",
                    "ModelName": "churn-run-2024-06-01",
                    "InitialInstanceCount": 1,
                    "InstanceType": "ml.m5.large"
                }]
            }))],
            "{language}"
        );
        assert_eq!(
            sent(&logs, "Update Endpoint"),
            [j(
                &json!({"EndpointName": "churn", "EndpointConfigName": "churn-run-2024-06-01"})
            )],
            "{language}"
        );
        assert!(sent(&logs, "Create Endpoint").is_empty(), "{language}");
        let mut transforms = sent(&logs, "Transform Batch");
        // Iterations may run two at a time: compare in item order.
        transforms.sort_by_key(|r| object(r)["TransformJobName"].as_str().unwrap().to_owned());
        assert_eq!(
            transforms,
            (0..3).map(transform_request).collect::<Vec<_>>(),
            "{language}"
        );
    }
}

#[test]
fn mlops_good_model_creates_a_missing_endpoint() {
    for (language, machine) in machines() {
        let (outcome, logs) = run(&machine, false, Answers::default());
        assert_eq!(outcome.status, Status::Succeeded, "{language}: {outcome:?}");
        assert_eq!(outcome.path, deployed_path("Create Endpoint"), "{language}");
        assert_eq!(outcome.output, Some(deployed_output(false)), "{language}");
        assert_eq!(
            sent(&logs, "Create Endpoint"),
            [j(
                &json!({"EndpointName": "churn", "EndpointConfigName": "churn-run-2024-06-01"})
            )],
            "{language}"
        );
        assert!(sent(&logs, "Update Endpoint").is_empty(), "{language}");
    }
}

#[test]
fn mlops_model_below_the_threshold_fails_before_deploying() {
    for (language, machine) in machines() {
        let answers = Answers {
            auc: 0.89,
            ..Answers::default()
        };
        let (outcome, logs) = run(&machine, true, answers);
        assert_eq!(outcome.status, Status::Failed, "{language}: {outcome:?}");
        assert_eq!(
            outcome.path,
            [
                "Preprocess Data",
                "Train Model",
                "Evaluate Model",
                "Good Enough?",
                "Model Below Threshold"
            ],
            "{language}"
        );
        assert_eq!(outcome.error.as_deref(), Some("ModelBelowThreshold"));
        assert_eq!(
            outcome.cause.as_deref(),
            Some("the validation AUC is below 0.9")
        );
        assert_preprocess_and_train_sent(language, &logs);
        for state in ["Create Model", "Create Endpoint Config", "Transform Batch"] {
            assert!(sent(&logs, state).is_empty(), "{language}: {state} ran");
        }
    }
}

/// A failed `.sync` job is `States.TaskFailed` with the job's description
/// as the cause; no retrier matches it, the catcher does.
#[test]
fn mlops_failed_training_job_is_caught_and_fails_with_its_cause() {
    let cause = r#"{"TrainingJobName":"train-run-2024-06-01","TrainingJobStatus":"Failed","FailureReason":"AlgorithmError: the validation channel is empty"}"#;
    for (language, machine) in machines() {
        let answers = Answers {
            training_fails: Some(Failure::new("States.TaskFailed", cause)),
            ..Answers::default()
        };
        let (outcome, logs) = run(&machine, true, answers);
        assert_eq!(outcome.status, Status::Failed, "{language}: {outcome:?}");
        assert_eq!(
            outcome.path,
            ["Preprocess Data", "Train Model", "Training Failed"],
            "{language}"
        );
        assert_eq!(outcome.error.as_deref(), Some("TrainingFailed"));
        assert_eq!(outcome.cause.as_deref(), Some(cause), "{language}");
        assert_eq!(
            sent(&logs, "Train Model").len(),
            1,
            "{language}: not retried"
        );
        assert!(sent(&logs, "Evaluate Model").is_empty(), "{language}");
    }
}

/// Throttling and capacity errors are retried, each by its own retrier;
/// the same request is sent again, and the pipeline goes on.
#[test]
fn mlops_training_retries_sagemaker_errors_then_goes_on() {
    for (language, machine) in machines() {
        let answers = Answers {
            training_errors: vec![
                Failure::new("SageMaker.AmazonSageMakerException", "Rate exceeded"),
                Failure::new(
                    "SageMaker.ResourceLimitExceededException",
                    "The account-level service limit 'ml.m5.xlarge for training job usage' is 2 Instances",
                ),
            ],
            ..Answers::default()
        };
        let (outcome, logs) = run(&machine, true, answers);
        assert_eq!(outcome.status, Status::Succeeded, "{language}: {outcome:?}");
        assert_eq!(outcome.path, deployed_path("Update Endpoint"), "{language}");
        let calls = sent(&logs, "Train Model");
        assert_eq!(calls.len(), 3, "{language}");
        assert!(calls.iter().all(|c| *c == calls[0]), "{language}");
        assert_preprocess_and_train_sent(language, &logs);
    }
}

/// The whole pipeline answered by typed SageMaker mocks (complete results
/// made from what each state sent, checked STRICT), training throttled
/// once: the same output as the hand-written results give, the model where
/// SageMaker puts it (`S3OutputPath/JOB/output/model.tar.gz`).
#[test]
fn mlops_runs_with_typed_sagemaker_mocks() {
    use asl_test::mock::sagemaker;
    for (language, machine) in machines() {
        let mut executor = Executor::new(&machine);
        EXECUTION.clone_into(&mut executor.options().execution_name);
        executor
            .mock(
                "Preprocess Data",
                sagemaker::processing_completed(|job| job),
            )
            .mock(
                "Train Model",
                Mock::per_call([
                    sagemaker::exception("Rate exceeded"),
                    sagemaker::training_completed(|job| job.billable_time_in_seconds(318)),
                ]),
            )
            .mock(
                "Evaluate Model",
                Mock::returns(j(&json!({"Payload": {"auc": 0.93}, "StatusCode": 200}))),
            )
            .mock("Create Model", sagemaker::created())
            .mock("Create Endpoint Config", sagemaker::created())
            .mock("Update Endpoint", sagemaker::created())
            .mock("Transform Batch", sagemaker::transform_completed(|job| job));
        let outcome = executor.run(j(&input(true))).unwrap();
        assert_eq!(outcome.status, Status::Succeeded, "{language}: {outcome:?}");
        assert_eq!(outcome.path, deployed_path("Update Endpoint"), "{language}");
        assert_eq!(outcome.output, Some(deployed_output(true)), "{language}");

        // The training job fails: caught, with the job's description.
        executor.mock(
            "Train Model",
            sagemaker::training_failed("AlgorithmError: the validation channel is empty"),
        );
        let outcome = executor.run(j(&input(true))).unwrap();
        assert_eq!(outcome.status, Status::Failed, "{language}");
        assert_eq!(
            outcome.path,
            ["Preprocess Data", "Train Model", "Training Failed"],
            "{language}"
        );
        assert_eq!(outcome.error.as_deref(), Some("TrainingFailed"));
        let cause: Json = outcome.cause.as_deref().unwrap().parse().unwrap();
        assert_eq!(
            cause.get("FailureReason"),
            Some(&Json::from(
                "AlgorithmError: the validation channel is empty"
            ))
        );
    }
}
