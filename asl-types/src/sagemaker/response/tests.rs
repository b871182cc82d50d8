//! Results checked against their shapes, with fixtures written by hand from the SageMaker API
//! reference (`DescribeTrainingJob`, `CreateModel`): required members, types and enum values as
//! the reference lists them, times as Step Functions returns them (epoch milliseconds).

use super::*;

/// A completed training job, as `createTrainingJob.sync` returns it.
const TRAINING: &str = r#"{
  "TrainingJobName": "search-model",
  "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
  "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"},
  "TrainingJobStatus": "Completed",
  "SecondaryStatus": "Completed",
  "AlgorithmSpecification": {"TrainingImage": "...", "TrainingInputMode": "File"},
  "RoleArn": "arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role",
  "ResourceConfig": {"InstanceCount": 4, "InstanceType": "ml.c4.8xlarge", "VolumeSizeInGB": 20},
  "StoppingCondition": {"MaxRuntimeInSeconds": 100000},
  "HyperParameters": {"mode": "batch_skipgram", "epochs": "5"},
  "CreationTime": 1733050000000,
  "TrainingStartTime": 1733050060000,
  "TrainingEndTime": 1733053600000,
  "FinalMetricDataList": [{"MetricName": "validation:accuracy", "Value": 0.91, "Timestamp": 1733053500000}]
}"#;

fn json(text: &str) -> Json {
    text.parse().unwrap()
}

fn training(mode: FieldValidation, text: &str) -> Vec<ResultIssue> {
    check_result(SageMakerApi::CreateTrainingJob, true, &json(text), mode)
}

fn pointers(issues: &[ResultIssue]) -> Vec<&str> {
    issues.iter().map(|i| i.pointer.as_str()).collect()
}

#[test]
fn a_complete_result_passes_every_mode() {
    for mode in [
        FieldValidation::Strict,
        FieldValidation::Present,
        FieldValidation::None,
    ] {
        assert_eq!(training(mode, TRAINING), [], "{mode}");
    }
}

#[test]
fn typed_results_read_and_write_the_same_json() {
    let typed: DescribeTrainingJobResponse = serde_json::from_str(TRAINING).unwrap();
    assert_eq!(typed.training_job_status, TrainingJobStatus::Completed);
    assert_eq!(typed.creation_time, 1_733_050_000_000);
    assert_eq!(
        typed.model_artifacts.s3_model_artifacts,
        "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"
    );
    let metric = &typed.final_metric_data_list.as_ref().unwrap()[0];
    assert_eq!(metric.value.as_ref().unwrap().as_str(), "0.91");
    let back: Json = serde_json::to_string(&typed).unwrap().parse().unwrap();
    assert_eq!(back, json(TRAINING));
}

#[test]
fn typed_results_reject_unknown_members() {
    let text = TRAINING.replace("\"S3ModelArtifacts\"", "\"S3ModelArtifact\"");
    let err = serde_json::from_str::<DescribeTrainingJobResponse>(&text).unwrap_err();
    assert!(err.to_string().contains("S3ModelArtifact"), "{err}");
}

#[test]
fn a_misspelt_member_fails_strict_and_present() {
    let text = TRAINING.replace("\"S3ModelArtifacts\"", "\"S3ModelArtifact\"");
    let strict = training(FieldValidation::Strict, &text);
    assert_eq!(
        pointers(&strict),
        [
            "/ModelArtifacts/S3ModelArtifact",
            "/ModelArtifacts/S3ModelArtifacts"
        ]
    );
    assert_eq!(
        strict[0].message,
        "unknown member `S3ModelArtifact` of `ModelArtifacts` (did you mean `S3ModelArtifacts`?)"
    );
    assert_eq!(strict[1].expected, "a string");
    assert_eq!(
        strict[1].to_string(),
        "/ModelArtifacts/S3ModelArtifacts: the required member `S3ModelArtifacts` of `ModelArtifacts` is missing (expected a string)"
    );
    // PRESENT does not ask for the required member, but the unknown one is not in the API.
    let present = training(FieldValidation::Present, &text);
    assert_eq!(pointers(&present), ["/ModelArtifacts/S3ModelArtifact"]);
    assert_eq!(training(FieldValidation::None, &text), []);
}

#[test]
fn a_missing_required_member_fails_strict_only() {
    let text = TRAINING.replace("\"CreationTime\": 1733050000000,", "");
    assert_ne!(text, TRAINING);
    let strict = training(FieldValidation::Strict, &text);
    assert_eq!(pointers(&strict), ["/CreationTime"]);
    assert_eq!(
        strict[0].expected,
        "a timestamp: epoch milliseconds as a JSON number"
    );
    assert_eq!(training(FieldValidation::Present, &text), []);
}

#[test]
fn wrong_types_fail_strict_and_present() {
    for (from, to, pointer, expected) in [
        (
            "\"TrainingJobStatus\": \"Completed\"",
            "\"TrainingJobStatus\": 3",
            "/TrainingJobStatus",
            "a `TrainingJobStatus`: one of `InProgress`, `Completed`, `Failed`, `Stopping`, `Stopped`, `Deleting`",
        ),
        (
            "\"TrainingJobStatus\": \"Completed\"",
            "\"TrainingJobStatus\": \"Done\"",
            "/TrainingJobStatus",
            "a `TrainingJobStatus`: one of `InProgress`, `Completed`, `Failed`, `Stopping`, `Stopped`, `Deleting`",
        ),
        (
            "\"InstanceCount\": 4",
            "\"InstanceCount\": \"4\"",
            "/ResourceConfig/InstanceCount",
            "an integer",
        ),
        (
            "\"InstanceCount\": 4",
            "\"InstanceCount\": 4.5",
            "/ResourceConfig/InstanceCount",
            "an integer",
        ),
        (
            "\"CreationTime\": 1733050000000",
            "\"CreationTime\": \"2024-12-01T10:46:40Z\"",
            "/CreationTime",
            "a timestamp: epoch milliseconds as a JSON number",
        ),
        (
            "\"epochs\": \"5\"",
            "\"epochs\": 5",
            "/HyperParameters/epochs",
            "a string",
        ),
        (
            "\"Value\": 0.91",
            "\"Value\": \"0.91\"",
            "/FinalMetricDataList/0/Value",
            "a number",
        ),
        (
            "\"ModelArtifacts\": {",
            "\"ModelArtifacts\": [{",
            "/ModelArtifacts",
            "a `ModelArtifacts` object",
        ),
    ] {
        let mut text = TRAINING.replace(from, to);
        if to.ends_with("[{") {
            text = text.replace("model.tar.gz\"}", "model.tar.gz\"}]");
        }
        assert_ne!(text, TRAINING);
        for mode in [FieldValidation::Strict, FieldValidation::Present] {
            let issues = training(mode, &text);
            assert_eq!(pointers(&issues), [pointer], "{to} in {mode}");
            assert_eq!(issues[0].expected, expected, "{to}");
        }
        assert_eq!(training(FieldValidation::None, &text), []);
    }
}

#[test]
fn request_response_results() {
    let ok = json(r#"{"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/m"}"#);
    let check = |value: &Json, mode| check_result(SageMakerApi::CreateModel, false, value, mode);
    assert_eq!(check(&ok, FieldValidation::Strict), []);
    // The job description is not what request-response returns.
    let issues = check(&json(TRAINING), FieldValidation::Present);
    assert_eq!(issues.len(), 14);
    assert!(
        issues
            .iter()
            .all(|i| i.message.starts_with("unknown member"))
    );
    assert_eq!(
        pointers(&check(&json("{}"), FieldValidation::Strict)),
        ["/ModelArn"]
    );
    assert_eq!(
        check(&json("[]"), FieldValidation::Strict)[0].expected,
        "a `CreateModelOutput` object"
    );
    // `.sync` on CreateModel has no result to check.
    assert_eq!(
        check_result(
            SageMakerApi::CreateModel,
            true,
            &json("[]"),
            FieldValidation::Strict
        ),
        []
    );
}

#[test]
fn every_integration_has_its_result() {
    for api in SageMakerApi::ALL {
        let name = result_shape_name(api, false).unwrap();
        assert!(name.starts_with(api.name()), "{name}");
        assert_eq!(result_shape_name(api, true).is_some(), api.supports_sync());
    }
    assert_eq!(
        result_shape_name(SageMakerApi::CreateHyperParameterTuningJob, true),
        Some("DescribeHyperParameterTuningJobResponse")
    );
}

#[test]
fn modes_parse() {
    assert_eq!("strict".parse(), Ok(FieldValidation::Strict));
    assert_eq!("PRESENT".parse(), Ok(FieldValidation::Present));
    assert_eq!("none".parse(), Ok(FieldValidation::None));
    assert!("lax".parse::<FieldValidation>().is_err());
    assert_eq!(FieldValidation::default(), FieldValidation::Strict);
}

/// Any JSON is checked without panicking, for every result, in every mode;
/// a value of the wrong kind at the top is one issue at the root.
#[test]
fn any_json_is_checked_without_panicking() {
    let values = [
        "null",
        "[]",
        "\"\"",
        "1e400",
        "{}",
        r#"{"a": {"b": [1, {"c": null}]}, "~/": 1}"#,
        TRAINING,
        r#"{"BestTrainingJob": {"TunedHyperParameters": {"x": [1]}}, "TrainingJobStatusCounters": {"Completed": -1}}"#,
        r#"{"FinalMetricDataList": [null, {"Value": "x"}], "ResourceConfig": {"InstanceCount": 99999999999}}"#,
    ];
    for api in SageMakerApi::ALL {
        for sync in [false, true] {
            for mode in [
                FieldValidation::Strict,
                FieldValidation::Present,
                FieldValidation::None,
            ] {
                for value in values {
                    let issues = check_result(api, sync, &json(value), mode);
                    if mode == FieldValidation::None || result_shape_name(api, sync).is_none() {
                        assert!(issues.is_empty());
                    }
                    for issue in &issues {
                        assert!(issue.pointer.is_empty() || issue.pointer.starts_with('/'));
                        assert!(!issue.to_string().is_empty());
                    }
                }
                if let Some(shape) = result_shape_name(api, sync)
                    && mode != FieldValidation::None
                {
                    let issues = check_result(api, sync, &json("[]"), mode);
                    assert_eq!(issues.len(), 1);
                    assert_eq!(issues[0].pointer, "");
                    assert_eq!(issues[0].expected, format!("a `{shape}` object"));
                }
            }
        }
    }
    // `~` and `/` in member names are escaped in pointers.
    let issues = check_result(
        SageMakerApi::CreateModel,
        false,
        &json(r#"{"a/b~c": 1}"#),
        FieldValidation::Present,
    );
    assert_eq!(issues[0].pointer, "/a~1b~0c");
}
