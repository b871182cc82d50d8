//! The `asl` binary against the contract in DESIGN.md.

#[path = "../common/mod.rs"]
mod common;

use common::{asl, corpus, text};
use std::io::Write;
use std::path::Path;
use std::process::Output;

#[test]
fn fmt_keeps_every_valid_file_equal_and_is_idempotent() {
    let files = corpus("valid");
    assert!(files.len() >= 40);
    for file in files {
        let path = file.to_str().unwrap();
        let out = asl(&["fmt", path], None);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", text(&out.stderr));
        // Same value (serde_json cannot read 1e400; those files are covered by
        // the exact comparison in asl-types' corpus test).
        let original = std::fs::read(&file).unwrap();
        if let Ok(expected) = serde_json::from_slice::<serde_json::Value>(&original) {
            let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(got, expected, "{path}");
        }
        let again = asl(&["fmt", "-"], Some(&out.stdout));
        assert_eq!(again.stdout, out.stdout, "{path}: fmt is not idempotent");
        let check = asl(&["fmt", "--check", "-"], Some(&out.stdout));
        assert_eq!(
            check.status.code(),
            Some(0),
            "{path}: {}",
            text(&check.stderr)
        );
        let valid = asl(&["validate", path], None);
        assert_eq!(
            valid.status.code(),
            Some(0),
            "{path}: {}",
            text(&valid.stdout)
        );
    }
}

#[test]
fn fmt_check_rejects_non_canonical_text() {
    let compact = br#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#;
    let out = asl(&["fmt", "--check", "-"], Some(compact));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_files_exit_2_without_panicking() {
    for file in corpus("malformed") {
        let path = file.to_str().unwrap();
        for args in [vec!["validate", path], vec!["fmt", path]] {
            let out = asl(&args, None);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{args:?}: {}",
                text(&out.stderr)
            );
            let err = text(&out.stderr);
            assert!(err.starts_with(path), "{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    let out = asl(&["validate", "/nonexistent/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn model_errors_exit_1_with_the_contract_line() {
    let bad = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Bogus": 1}}}"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.asl.json");
    std::fs::write(&file, bad).unwrap();
    let path = file.to_str().unwrap();
    let out = asl(&["validate", path], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{path}: A: /States/A/Bogus: unknown field `Bogus` in Pass state [unknown-field]\n"
        )
    );

    let out = asl(&["validate", "--format", "json", path], None);
    assert_eq!(out.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        issues,
        serde_json::json!([{
            "file": path, "state": "A", "pointer": "/States/A/Bogus",
            "rule": "unknown-field", "message": "unknown field `Bogus` in Pass state",
            "severity": "error"
        }])
    );

    let out = asl(&["fmt", path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn worst_exit_code_wins_across_files() {
    let valid = corpus("valid").remove(0);
    let malformed = corpus("malformed").remove(0);
    let out = asl(
        &[
            "validate",
            valid.to_str().unwrap(),
            malformed.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn numbers_beyond_f64_survive_fmt() {
    let input = br#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"big":1e400,"int":123456789012345678901234567890,"pi":3.14159265358979323846264338327950288},"End":true}}}"#;
    let out = asl(&["fmt", "-"], Some(input));
    assert_eq!(out.status.code(), Some(0));
    let printed = text(&out.stdout);
    for n in [
        "1e400",
        "123456789012345678901234567890",
        "3.14159265358979323846264338327950288",
    ] {
        assert!(printed.contains(n), "{n} lost in {printed}");
    }
}

/// The rule id a corpus file is named after.
fn rule_of(file: &Path) -> String {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    name.split_once("--")
        .expect("named RULE--SHORT")
        .0
        .to_owned()
}

/// Rules that are warnings: they fail only under `--deny warnings`.
const WARNINGS: &[&str] = &[
    "jsonata-not-checked",
    "reserved-error-name",
    "resource-arn",
    "sagemaker-constraint",
    "sagemaker-unknown-enum-value",
];

#[test]
fn every_invalid_file_prints_its_rule_and_fails() {
    let files = corpus("invalid");
    assert!(files.len() >= 59, "only {} invalid files", files.len());
    for file in files {
        let path = file.to_str().unwrap();
        let rule = rule_of(&file);
        let out = asl(&["validate", path], None);
        let stdout = text(&out.stdout);
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(!lines.is_empty(), "{path}: no output");
        for line in &lines {
            assert!(line.starts_with(&format!("{path}: ")), "{line}");
            assert!(line.ends_with(&format!(" [{rule}]")), "{path}: {line}");
        }
        let warning = WARNINGS.contains(&rule.as_str());
        assert_eq!(
            out.status.code(),
            Some(i32::from(!warning)),
            "{path}: {stdout}"
        );
        let denied = asl(&["validate", "--deny", "warnings", path], None);
        assert_eq!(denied.status.code(), Some(1), "{path}");
        assert_eq!(denied.stdout, out.stdout, "{path}");
    }
}

#[test]
fn json_format_carries_severity() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../asl-types/tests/corpus/invalid");
    let warning = dir.join("reserved-error-name--typo.asl.json");
    let error = dir.join("unknown-target--choice-rule.asl.json");
    let out = asl(
        &[
            "validate",
            "--format",
            "json",
            warning.to_str().unwrap(),
            error.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let issues: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let summary: Vec<(&str, &str, &str)> = issues
        .iter()
        .map(|i| {
            (
                i["rule"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "reserved-error-name",
                "warning",
                "/States/A/Retry/0/ErrorEquals/0"
            ),
            ("unknown-target", "error", "/States/A/Choices/0/Next"),
        ]
    );
    for issue in &issues {
        let keys: Vec<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["file", "state", "pointer", "rule", "message", "severity"]
        );
    }
    let valid = corpus("valid").remove(0);
    let out = asl(
        &["validate", "--format", "json", valid.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim(), "[]");
}

#[test]
fn human_format_underlines_the_field() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../asl-types/tests/corpus/invalid/retry-interval--zero.asl.json");
    let out = asl(
        &["validate", "--format", "human", file.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let printed = text(&out.stdout);
    assert!(printed.contains("retry-interval"), "{printed}");
    assert!(printed.contains("`IntervalSeconds` is 0"), "{printed}");
    // The snippet shows the line and underlines `"IntervalSeconds": 0`.
    let line = printed
        .lines()
        .position(|l| l.contains(r#""IntervalSeconds": 0"#))
        .expect("source line shown");
    let under = printed.lines().nth(line + 1).unwrap();
    assert_eq!(
        under.matches('─').count(),
        r#""IntervalSeconds": 0"#.len(),
        "{printed}"
    );
    assert!(
        printed.ends_with("1 file(s) checked: 1 error(s), 0 warning(s)\n"),
        "{printed}"
    );
    // Not a terminal and no --format: the plain contract lines.
    let plain = asl(&["validate", file.to_str().unwrap()], None);
    assert_eq!(text(&plain.stdout).lines().count(), 1);
}

#[test]
fn stdin_and_mixed_files() {
    let bad = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}"#;
    let out = asl(&["validate", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "<stdin>: -: /States: no terminal state (`\"End\": true`, Succeed or Fail) can be reached from `StartAt` [no-terminal-state]\n\
         <stdin>: A: /States/A/Next: transition to unknown state `Gone` [unknown-target]\n"
    );
}

#[test]
fn ten_thousand_deep_json_is_unreadable_not_a_crash() {
    let array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut parallel = String::from(r#"{"Type": "Succeed"}"#);
    for i in 0..10_000 {
        parallel = format!(
            r#"{{"Type": "Parallel", "End": true, "Branches": [{{"StartAt": "S{i}", "States": {{"S{i}": {parallel}}}}}]}}"#
        );
    }
    let machine = format!(r#"{{"StartAt": "P", "States": {{"P": {parallel}}}}}"#);
    let mut not = String::from(r#"{"Variable": "$.x", "IsPresent": true}"#);
    for _ in 0..10_000 {
        not = format!(r#"{{"Not": {not}}}"#);
    }
    let choice = format!(
        r#"{{"StartAt": "C", "States": {{"C": {{"Type": "Choice", "Choices": [{{"Not": {not}, "Next": "D"}}]}}, "D": {{"Type": "Succeed"}}}}}}"#
    );
    for input in [array, machine, choice] {
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("nesting deeper than"),
            "{}",
            text(&out.stderr)
        );
    }
}

mod policy;

mod robustness {
    //! Whatever bytes come in, `asl validate` answers 0, 1 or 2 and never
    //! panics.

    use proptest::prelude::*;

    use super::{asl, corpus, text};

    /// Text spliced into a corpus file: some keeps it JSON and changes its
    /// meaning, some breaks it.
    fn fragment() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "-1",
            "1e400",
            r#""Next": "Nowhere","#,
            r#""End": true,"#,
            r#""QueryLanguage": "JSONata","#,
            r#""x.$": "States.Format('{}')","#,
            r#""Output": "{% ( %}","#,
            r#""Type": "Map","#,
            r#""Retry": [{"ErrorEquals": []}],"#,
            r#""Resource": "arn:aws:states:::sagemaker:createEndpoint.sync","#,
            "\u{0}",
            "\u{feff}",
            "é",
            "[[[[[[[[[[[[[[[[[[[[",
        ])
    }

    /// Arbitrary JSON, with ASL's keys and values more likely than chance.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            prop::sample::select(vec![
                "Pass",
                "Task",
                "Choice",
                "Map",
                "Parallel",
                "A",
                "B",
                "$",
                "$.x",
                "{% $x %}",
                "States.ALL",
                "JSONata",
                "arn:aws:states:::sagemaker:createModel",
            ])
            .prop_map(|s| Value::String(s.to_owned())),
            "\\PC{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(
                    (
                        prop::sample::select(vec![
                            "StartAt",
                            "States",
                            "Type",
                            "Next",
                            "End",
                            "A",
                            "B",
                            "Choices",
                            "Branches",
                            "ItemProcessor",
                            "Parameters",
                            "Resource",
                            "x.$",
                        ]),
                        inner
                    ),
                    0..5
                )
                .prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn validate_never_panics_on_arbitrary_json(doc in json()) {
            let bytes = serde_json::to_vec(&doc).unwrap();
            let out = asl(&["validate", "--format", "human", "-"], Some(&bytes));
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "exit {code:?}: {}", text(&out.stderr));
            prop_assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
        }

        #[test]
        fn validate_never_panics_on_spliced_files(
            file in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            fragment in fragment(),
            format in prop::sample::select(vec!["text", "json", "human"]),
        ) {
            let files = corpus("valid");
            let original = std::fs::read(&files[file.index(files.len())]).unwrap();
            let cut = at.index(original.len() + 1);
            let mut bytes = original[..cut].to_vec();
            bytes.extend_from_slice(fragment.as_bytes());
            bytes.extend_from_slice(&original[cut..]);
            let out = asl(&["validate", "--format", format, "-"], Some(&bytes));
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "exit {code:?}: {}", text(&out.stderr));
            prop_assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
        }
    }
}

// ----- asl run ----------------------------------------------------------

fn golden(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/golden")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn temp_file(contents: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(contents.as_bytes()).unwrap();
    f
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// The training example: throttled once, then trained; the interim data is
/// deleted; the Choice sees the job ARN and succeeds.
const TRAINING_MOCKS: &str = r#"{
  "SageMaker CreateTrainingJob": [
    {"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded"}},
    {"Return": {"TrainingJobName": "search-model",
                "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
                "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"},
                "TrainingJobStatus": "Completed",
                "SecondaryStatus": "Completed",
                "StoppingCondition": {"MaxRuntimeInSeconds": 100000},
                "CreationTime": 1704067200000}}
  ],
  "Delete Interim Data Job": {"Return": {}}
}"#;

/// A `.sync` training result missing required members (`TrainingJobName`,
/// `ModelArtifacts`, …): what a hand-written mock often looks like.
const PARTIAL_TRAINING_MOCKS: &str = r#"{
  "SageMaker CreateTrainingJob": {"Return": {
    "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
    "TrainingJobStatus": "Completed"}},
  "Delete Interim Data Job": {"Return": {}}
}"#;

#[test]
fn run_checks_sagemaker_mocks_as_test_state_does() {
    let run_with = |mocks: &str, mode: Option<&str>| {
        let mocks = temp_file(mocks);
        let mut args = vec![
            "run".to_owned(),
            golden("sagemaker-training.asl.json"),
            "--mocks".to_owned(),
            mocks.path().to_str().unwrap().to_owned(),
        ];
        if let Some(mode) = mode {
            args.extend(["--mock-validation".to_owned(), mode.to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        asl(&args, None)
    };
    // STRICT (the default): the missing required members are a mock error.
    let out = run_with(PARTIAL_TRAINING_MOCKS, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("state `SageMaker CreateTrainingJob`: the mocked result is not a valid `DescribeTrainingJobResponse` (mock validation STRICT): /TrainingJobName: the required member `TrainingJobName` of `DescribeTrainingJobResponse` is missing (expected a string)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/ModelArtifacts: the required member"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        run_with(PARTIAL_TRAINING_MOCKS, Some("strict"))
            .status
            .code(),
        Some(1)
    );
    // PRESENT: what is present is right.
    let out = run_with(PARTIAL_TRAINING_MOCKS, Some("present"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A misspelt member fails PRESENT too; NONE checks nothing.
    let misspelt = PARTIAL_TRAINING_MOCKS.replace("\"TrainingJobStatus\"", "\"TrainingJobState\"");
    let out = run_with(&misspelt, Some("present"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(
            "/TrainingJobState: unknown member `TrainingJobState` of `DescribeTrainingJobResponse` (expected a member of `DescribeTrainingJobResponse`)"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(run_with(&misspelt, Some("none")).status.code(), Some(0));
    // A wrong type names the member and the type expected.
    let wrong = TRAINING_MOCKS.replace(
        "\"CreationTime\": 1704067200000",
        "\"CreationTime\": \"2024-01-01T00:00:00Z\"",
    );
    let out = run_with(&wrong, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(
            "/CreationTime: a string is the wrong type (expected a timestamp: epoch milliseconds as a JSON number)"
        ),
        "{}",
        text(&out.stderr)
    );
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mock-validation",
            "lax",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
}

/// Step Functions Local's mock file, with AWS's retry ranges: the training
/// call is throttled (`0`), then finds no capacity twice (`1-2`), then
/// completes (`3`).
const MOCK_CONFIG: &str = r#"{
  "StateMachines": {
    "sagemaker-training": {
      "TestCases": {
        "RetryThenSucceed": {
          "SageMaker CreateTrainingJob": "TrainingRetries",
          "Delete Interim Data Job": "Deleted"
        },
        "NoDelete": {"SageMaker CreateTrainingJob": "TrainingRetries"}
      }
    }
  },
  "MockedResponses": {
    "TrainingRetries": {
      "0": {"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded"}},
      "1-2": {"Throw": {"Error": "SageMaker.ResourceLimitExceededException", "Cause": "no capacity"}},
      "3": {"Return": {"TrainingJobName": "search-model",
                       "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
                       "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"},
                       "TrainingJobStatus": "Completed",
                       "SecondaryStatus": "Completed",
                       "StoppingCondition": {"MaxRuntimeInSeconds": 100000},
                       "CreationTime": 1704067200000}}
    },
    "Deleted": {"0": {"Return": {}}}
  }
}"#;

#[test]
fn run_mock_config_drives_retries_then_success() {
    let config = temp_file(MOCK_CONFIG);
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mock-config",
            config.path().to_str().unwrap(),
            "--test-case",
            "RetryThenSucceed",
            "--history",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let run = &lines(&out)[0];
    assert_eq!(run["status"], "SUCCEEDED");
    assert_eq!(
        run["path"],
        serde_json::json!([
            "SageMaker CreateTrainingJob",
            "Delete Interim Data Job",
            "ValidateTrainingOutput",
            "Training Succeeded"
        ])
    );
    let history = run["history"].as_array().unwrap();
    let scheduled: Vec<&str> = history
        .iter()
        .filter(|e| e["type"] == "TaskScheduled")
        .map(|e| e["timestamp"].as_str().unwrap())
        .collect();
    // Four calls of the training job (1 s, then 60 s twice, apart), one delete.
    assert_eq!(
        scheduled,
        [
            "2024-01-01T00:00:00.000Z",
            "2024-01-01T00:00:01.000Z",
            "2024-01-01T00:01:01.000Z",
            "2024-01-01T00:02:01.000Z",
            "2024-01-01T00:02:01.000Z"
        ]
    );
}

#[test]
fn run_mock_config_errors_name_the_file_and_key() {
    let run_case = |config: &str, extra: &[&str]| {
        let file = temp_file(config);
        let mut args = vec!["run", "--mock-config", file.path().to_str().unwrap()];
        args.extend_from_slice(extra);
        let definition = golden("sagemaker-training.asl.json");
        args.insert(1, &definition);
        let out = asl(&args, None);
        (out.status.code(), text(&out.stderr), file)
    };
    // A test case the file does not have.
    let (code, stderr, file) = run_case(MOCK_CONFIG, &["--test-case", "SadPath"]);
    assert_eq!(code, Some(1));
    let name = file.path().display().to_string();
    assert!(
        stderr.contains(&format!(
            "{name}: mocks: MockConfigFile /StateMachines/sagemaker-training/TestCases/SadPath: no test case `SadPath`"
        )),
        "{stderr}"
    );
    // A gap in the ranges.
    let gap = MOCK_CONFIG.replace("\"1-2\"", "\"1\"");
    let (code, stderr, _) = run_case(&gap, &["--test-case", "NoDelete"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains(
            "MockConfigFile /MockedResponses/TrainingRetries/3: invocation 2 has no response"
        ),
        "{stderr}"
    );
    // A state that runs past its mocked response's last range (the
    // throttled call is retried): every invocation needs a response.
    let short = r#"{"StateMachines": {"sagemaker-training": {"TestCases": {"Once": {
        "SageMaker CreateTrainingJob": "Throttled"}}}},
      "MockedResponses": {"Throttled": {"0": {"Throw": {
        "Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded"}}}}}"#;
    let (code, stderr, _) = run_case(short, &["--test-case", "Once"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("state `SageMaker CreateTrainingJob`: the mocked response `Throttled` has no response for invocation 1 (its ranges end at 0)"),
        "{stderr}"
    );
    // Two state machines, none named like the definition: name one.
    let two = MOCK_CONFIG.replace(
        "\"sagemaker-training\": {",
        "\"Other\": {\"TestCases\": {}}, \"Training\": {",
    );
    let (code, stderr, _) = run_case(&two, &["--test-case", "NoDelete"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("name one (`--state-machine NAME`)"),
        "{stderr}"
    );
    let (code, stderr, _) = run_case(
        &two,
        &[
            "--test-case",
            "RetryThenSucceed",
            "--state-machine",
            "Training",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    // A test case naming a state the definition does not have.
    let typo = MOCK_CONFIG.replace(
        "\"Delete Interim Data Job\": \"Deleted\"",
        "\"Delete Interim Data\": \"Deleted\"",
    );
    let (code, stderr, _) = run_case(&typo, &["--test-case", "RetryThenSucceed"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("MockConfigFile /StateMachines/sagemaker-training/TestCases/RetryThenSucceed/Delete Interim Data: the state machine has no state `Delete Interim Data`"),
        "{stderr}"
    );
    // Unknown keys: exit 1; not JSON or unreadable: exit 2.
    let (code, stderr, _) = run_case(
        &MOCK_CONFIG.replace("\"TestCases\"", "\"Tests\""),
        &["--test-case", "NoDelete"],
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("unknown key `Tests`"), "{stderr}");
    let (code, _, _) = run_case("{oops", &["--test-case", "NoDelete"]);
    assert_eq!(code, Some(2));
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mock-config",
            "/nonexistent/MockConfigFile.json",
            "--test-case",
            "X",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    // --test-case is required with --mock-config.
    let config = temp_file(MOCK_CONFIG);
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mock-config",
            config.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_prints_one_line_with_status_output_and_path() {
    let mocks = temp_file(TRAINING_MOCKS);
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mocks",
            mocks.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines = lines(&out);
    assert_eq!(lines.len(), 1);
    let run = &lines[0];
    assert_eq!(run["status"], "SUCCEEDED");
    assert_eq!(
        run["output"]["TrainingJobArn"],
        "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model"
    );
    assert_eq!(
        run["path"],
        serde_json::json!([
            "SageMaker CreateTrainingJob",
            "Delete Interim Data Job",
            "ValidateTrainingOutput",
            "Training Succeeded"
        ])
    );
    assert!(run.get("history").is_none());
}

#[test]
fn run_exits_3_when_the_execution_fails_and_reports_error_and_cause() {
    let mocks = temp_file(
        r#"{"SageMaker CreateTrainingJob": {"Throw": {"Error": "SageMaker.ValidationException", "Cause": "bad image"}}}"#,
    );
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mocks",
            mocks.path().to_str().unwrap(),
            "--history",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let run = &lines(&out)[0];
    assert_eq!(run["status"], "FAILED");
    // Caught by States.ALL into $.cause, then the Fail state reads CausePath.
    assert_eq!(run["error"], "TrainingJobFailed");
    assert_eq!(run["cause"], "bad image");
    let types: Vec<&str> = run["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateExited",
            "FailStateEntered",
            "ExecutionFailed"
        ]
    );
    let ids: Vec<u64> = run["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (1..=8).collect::<Vec<u64>>());
}

#[test]
fn run_inputs_runs_one_execution_per_line() {
    let machine = temp_file(
        r#"{"StartAt": "Check", "States": {
            "Check": {"Type": "Choice",
                      "Choices": [{"Variable": "$.score", "NumericGreaterThanEquals": 0.9, "Next": "Deploy"}],
                      "Default": "Reject"},
            "Deploy": {"Type": "Pass", "Result": "deployed", "End": true},
            "Reject": {"Type": "Fail", "Error": "LowScore", "Cause": "below 0.9"}}}"#,
    );
    let inputs = temp_file("{\"score\": 0.95}\n\n{\"score\": 0.5}\n{\"score\": 0.9}\n");
    let out = asl(
        &[
            "run",
            machine.path().to_str().unwrap(),
            "--inputs",
            inputs.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "one execution failed");
    let lines = lines(&out);
    let statuses: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["SUCCEEDED", "FAILED", "SUCCEEDED"]);
    assert_eq!(lines[0]["output"], "deployed");
    assert_eq!(lines[1]["error"], "LowScore");
    assert_eq!(lines[1]["cause"], "below 0.9");
}

#[test]
fn run_exit_codes_for_bad_definitions_mocks_and_files() {
    // A Task without a mock is a configuration error (1), naming the state.
    let out = asl(&["run", &golden("sagemaker-training.asl.json")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`SageMaker CreateTrainingJob`"));
    // An invalid definition: the validator's lines, exit 1.
    let bad = temp_file(r#"{"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}}"#);
    let out = asl(&["run", bad.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("[unknown-start-at]"),
        "{}",
        text(&out.stderr)
    );
    // Malformed mocks: exit 1, naming the state.
    let mocks = temp_file(r#"{"SageMaker CreateTrainingJob": [{"Retrun": {}}]}"#);
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--mocks",
            mocks.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("unknown key `Retrun`"),
        "{}",
        text(&out.stderr)
    );
    // Unreadable: exit 2.
    let out = asl(&["run", "/nonexistent/machine.asl.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = asl(
        &[
            "run",
            &golden("sagemaker-training.asl.json"),
            "--input",
            "{oops",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_is_deterministic_under_a_seed() {
    let machine = temp_file(
        r#"{"StartAt": "R", "States": {"R": {"Type": "Pass",
            "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)",
                           "name.$": "$$.Execution.Name", "at.$": "$$.Execution.StartTime"},
            "End": true}}}"#,
    );
    let path = machine.path().to_str().unwrap();
    let args = [
        "run",
        path,
        "--seed",
        "7",
        "--execution-name",
        "nightly",
        "--start-time",
        "2025-06-01T08:00:00Z",
        "--history",
    ];
    let first = asl(&args, None);
    let second = asl(&args, None);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert_eq!(first.stdout, second.stdout, "byte-identical");
    let run = &lines(&first)[0];
    assert_eq!(run["output"]["name"], "nightly");
    assert_eq!(run["output"]["at"], "2025-06-01T08:00:00.000Z");
    let other = asl(&["run", path, "--seed", "8"], None);
    assert_ne!(lines(&other)[0]["output"]["id"], run["output"]["id"]);
}

/// Regression tests for the hardening issue (items 6 to 9): each
/// reproduces what fuzzing or an adversarial run found.
mod hardening {
    use std::time::{Duration, Instant};

    use super::{asl, text};

    fn machine(states: &str) -> String {
        format!(r#"{{"StartAt": "A", "States": {{{states}}}}}"#)
    }

    #[test]
    fn allow_turns_one_rule_off_and_deny_warnings_stays() {
        let input = machine(
            r#""A": {"Type": "Task", "Resource": "arn:aws:sns:us-east-1:123456789012:alerts", "End": true}, "B": {"Type": "Succeed"}"#,
        );
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(1));
        let printed = text(&out.stdout);
        assert!(printed.contains("[unreachable-state]"), "{printed}");
        assert!(printed.contains("[resource-arn]"), "{printed}");
        let out = asl(
            &["validate", "--allow", "unreachable-state", "-"],
            Some(input.as_bytes()),
        );
        // Only the warning is left: it passes, unless warnings are denied.
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        assert_eq!(text(&out.stdout).lines().count(), 1);
        let args = [
            "validate",
            "--allow",
            "unreachable-state",
            "--deny",
            "warnings",
            "-",
        ];
        assert_eq!(asl(&args, Some(input.as_bytes())).status.code(), Some(1));
        let args = [
            "validate",
            "--allow",
            "unreachable-state",
            "--allow",
            "resource-arn",
            "--deny",
            "warnings",
            "-",
        ];
        let out = asl(&args, Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stdout), "");
        // An unknown id is a usage error.
        let out = asl(&["validate", "--allow", "no-such-rule", "-"], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("unknown rule id `no-such-rule`"));
    }

    #[test]
    fn control_characters_in_names_stay_on_one_line() {
        let input = serde_json::json!({
            "StartAt": "A\nB\u{7}",
            "States": {"A\nB\u{7}": {"Type": "Pass", "Next": "X\r\ny"}}
        })
        .to_string();
        for format in ["text", "human"] {
            let out = asl(
                &["validate", "--format", format, "-"],
                Some(input.as_bytes()),
            );
            let printed = text(&out.stdout);
            assert!(
                !printed.contains('\r') && !printed.contains('\u{7}'),
                "{printed}"
            );
            assert!(printed.contains(r"`X\r\ny`"), "{printed}");
        }
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        let printed = text(&out.stdout);
        assert_eq!(printed.lines().count(), 2, "{printed}");
        assert!(
            printed.contains(r"<stdin>: A\nB\u0007: /States/A\nB\u0007/Next: transition to unknown state `X\r\ny`"),
            "{printed}"
        );
        // JSON keeps the names as they are.
        let out = asl(
            &["validate", "--format", "json", "-"],
            Some(input.as_bytes()),
        );
        let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            issues
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["state"] == "A\nB\u{7}")
        );
    }

    #[test]
    fn unknown_target_reports_what_it_cuts_off_once() {
        let input = machine(
            r#""A": {"Type": "Pass", "Next": "Procss"},
               "Process": {"Type": "Pass", "Next": "Notify"},
               "Notify": {"Type": "Pass", "Next": "Done"},
               "Done": {"Type": "Succeed"},
               "Orphan": {"Type": "Succeed"}"#,
        );
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(
            text(&out.stdout),
            "<stdin>: A: /States/A/Next: transition to unknown state `Procss` (did you mean `Process`?); \
             it leaves `Process` and 2 states after it unreachable from `StartAt` [unknown-target]\n\
             <stdin>: Orphan: /States/Orphan: state `Orphan` is not reachable from `StartAt` [unreachable-state]\n"
        );
        // With `unknown-target` allowed, the states behind it are reported.
        let out = asl(
            &["validate", "--allow", "unknown-target", "-"],
            Some(input.as_bytes()),
        );
        assert_eq!(text(&out.stdout).matches("[unreachable-state]").count(), 4);
    }

    /// A minified file with the issue past column 65,535 panicked inside
    /// miette.
    #[test]
    fn human_format_past_column_65535() {
        let input = format!(
            r#"{{"Comment": "{}", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "Nxt": "B", "End": true}}}}}}"#,
            "x".repeat(65_600)
        );
        let out = asl(
            &["validate", "--format", "human", "-"],
            Some(input.as_bytes()),
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let printed = text(&out.stdout);
        assert!(printed.contains(r#""Nxt": "B""#), "{printed}");
        assert!(
            printed.lines().all(|l| l.chars().count() < 300),
            "{printed}"
        );
        assert!(printed.contains("<stdin>:1:65"), "{printed}");
    }

    /// 2,000 issues in a 53 KB one-line file printed 158 MB, in time
    /// quadratic in issues × size.
    #[test]
    fn human_format_is_linear_and_cuts_long_lines() {
        let states: Vec<String> = (0..2000)
            .map(|i| format!(r#""S{i}":{{"Type":"Succeed"}}"#))
            .collect();
        let input = machine(&format!(r#""A":{{"Type":"Succeed"}},{}"#, states.join(",")));
        let start = Instant::now();
        let out = asl(
            &["validate", "--format", "human", "-"],
            Some(input.as_bytes()),
        );
        let took = start.elapsed();
        assert_eq!(out.status.code(), Some(1));
        let printed = text(&out.stdout);
        assert_eq!(printed.matches("unreachable-state\n").count(), 2000);
        assert!(printed.len() < 2000 * 600, "{} bytes", printed.len());
        assert!(took < Duration::from_secs(30), "{took:?}");
        assert!(printed.contains("1 │ …"), "{}", &printed[..2000]);
    }

    #[test]
    fn long_values_are_quoted_as_a_bounded_prefix() {
        // A 600 KB array literal, unclosed.
        let expression = format!("[{}1", "1,".repeat(300_000));
        let input = format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "Output": "{{% {expression} %}}", "End": true}}}}}}"#
        );
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(1));
        let printed = text(&out.stdout);
        assert!(printed.contains("…`"), "{printed}");
        assert!(printed.len() < 1000, "{} bytes", printed.len());
        let deep = format!("{}{}", "States.Array(".repeat(1000), ")".repeat(1000));
        let input = machine(&format!(
            r#""A": {{"Type": "Pass", "Parameters": {{"x.$": "{deep}"}}, "End": true}}"#
        ));
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stdout).lines().all(|l| l.len() < 1000),
            "{}",
            text(&out.stdout)
        );
    }

    #[test]
    fn read_errors_name_line_column_and_pointer() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"{\n \"StartAt\": \"A\",\n \"States\": {\n  \"A\": {\n   \"Type\": \"Pass\",\n   \"Comment\": \"\\ud800\",\n   \"End\": true\n  }\n }\n}\n",
                "at line 6 column 16, in `/States/A/Comment`",
            ),
            (
                b"\xef\xbb\xbf{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                "byte order mark (U+FEFF), which JSON does not allow at line 1 column 1",
            ),
            (
                b"{\0\"\0A\0\"\0:\0 \x001\0}\0",
                "the text looks like UTF-16; JSON text must be UTF-8 at line 1 column 1",
            ),
            (
                b"{\n \"StartAt\": \"A\",\n \"States\": {\n  \"A\": {\"Type\": \"Succeed\"},\n  \"A\": {\"Type\": \"Succeed\"}\n }\n}\n",
                "duplicate key `A` at line 5 column 3, in `/States/A`",
            ),
        ];
        for (input, want) in cases {
            let out = asl(&["validate", "-"], Some(input));
            assert_eq!(out.status.code(), Some(2));
            let err = text(&out.stderr);
            assert!(err.contains(want), "{err}");
            assert!(
                !err.contains("lone surrogate") && !err.contains("expected value"),
                "{err}"
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn write_errors_exit_2() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            file.path(),
            r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_asl"))
            .args(["fmt", file.path().to_str().unwrap()])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("cannot write"),
            "{}",
            text(&out.stderr)
        );
        // Standard output closed: the runtime's /dev/null in its place is
        // noticed. A shell's `> /dev/null` is not an error.
        for (redirect, code) in [(">&-", 2), ("> /dev/null", 0)] {
            let out = std::process::Command::new("sh")
                .args(["-c", &format!("exec \"$0\" fmt \"$1\" {redirect}")])
                .arg(env!("CARGO_BIN_EXE_asl"))
                .arg(file.path())
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(code),
                "{redirect}: {}",
                text(&out.stderr)
            );
        }
        let bad = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(bad.path(), r#"{"StartAt": "A", "States": {}}"#).unwrap();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_asl"))
            .args(["validate", bad.path().to_str().unwrap()])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }

    #[test]
    fn array_range_compares_numbers_exactly() {
        for (end, code) in [("1e400", 1), ("1e308", 1), ("1000", 0), ("1001", 1)] {
            let input = machine(&format!(
                r#""A": {{"Type": "Pass", "Parameters": {{"x.$": "States.ArrayRange(1, {end}, 1)"}}, "End": true}}"#
            ));
            let out = asl(&["validate", "-"], Some(input.as_bytes()));
            assert_eq!(
                out.status.code(),
                Some(code),
                "{end}: {}",
                text(&out.stdout)
            );
        }
    }

    #[test]
    fn a_flat_jsonata_sum_of_501_terms_is_a_warning_naming_the_limit() {
        let sum = vec!["1"; 501].join("+");
        let input = format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "Output": "{{% {sum} %}}", "End": true}}}}}}"#
        );
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(0));
        let printed = text(&out.stdout);
        assert!(printed.contains("[jsonata-not-checked]"), "{printed}");
        assert!(
            printed.contains("limit of 1000 levels, not an AWS limit"),
            "{printed}"
        );
    }

    #[test]
    fn stdin_twice_is_a_usage_error() {
        // Refused before anything is read.
        let out = asl(&["validate", "-", "-"], None);
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(!err.contains("empty"), "{err}");
        assert!(err.contains("only once"), "{err}");
    }

    /// `-0` in an integer field came back from `asl fmt` as `0`, and
    /// messages said "is 0".
    #[test]
    fn negative_zero_in_integer_fields_is_kept() {
        let input = r#"{
  "StartAt": "A",
  "TimeoutSeconds": -0,
  "States": {
    "A": {
      "Type": "Wait",
      "Seconds": -0,
      "Next": "B"
    },
    "B": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "MaxAttempts": -0
        }
      ],
      "End": true
    }
  }
}
"#;
        let out = asl(&["fmt", "-"], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), input);
        let out = asl(&["validate", "-"], Some(input.as_bytes()));
        assert_eq!(
            text(&out.stdout),
            "<stdin>: -: /TimeoutSeconds: `TimeoutSeconds` is -0; it must be a positive integer [timeout-range]\n"
        );
    }
}

/// `${…}` placeholders: opaque by default, substituted from a SAM template
/// (YAML, with CloudFormation's short-form tags) or `--sub`, or denied.
mod placeholders {
    use super::{asl, temp_file, text};

    const DEFINITION: &str = r#"{
      "StartAt": "Prepare",
      "States": {
        "Prepare": {"Type": "Task", "Resource": "${PrepareFunctionArn}",
                    "TimeoutSeconds": ${PrepareTimeout}, "Next": "Train"},
        "Train": {"Type": "Task",
                  "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
                  "Parameters": {
                    "TrainingJobName.$": "$$.Execution.Name",
                    "RoleArn": "arn:aws:iam::${AWS::AccountId}:role/training",
                    "AlgorithmSpecification": {"TrainingImage": "${TrainingImage}", "TrainingInputMode": "File"},
                    "OutputDataConfig": {"S3OutputPath": "s3://${ModelBucket}/models/"},
                    "ResourceConfig": {"InstanceCount": 1, "InstanceType": "${InstanceType}", "VolumeSizeInGB": 30},
                    "StoppingCondition": {"MaxRuntimeInSeconds": 3600}},
                  "End": true}}}"#;

    const TEMPLATE: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ModelBucket:
    Type: AWS::S3::Bucket
  Pipeline:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/pipeline.asl.json
      DefinitionSubstitutions:
        PrepareFunctionArn: !GetAtt PrepareFunction.Arn
        PrepareTimeout: 300
        TrainingImage: 683313688378.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1
        ModelBucket: !Ref ModelBucket
        InstanceType: ml.m5.xlarge
";

    #[test]
    fn a_sam_template_substitutes_and_the_rest_stay_opaque() {
        let definition = temp_file(DEFINITION);
        let template = temp_file(TEMPLATE);
        let out = asl(
            &[
                "validate",
                "--substitutions",
                template.path().to_str().unwrap(),
                definition.path().to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        // Replaced: PrepareTimeout, TrainingImage, InstanceType. Opaque:
        // PrepareFunctionArn and ModelBucket (known at deploy time), and
        // AWS::AccountId.
        assert!(
            text(&out.stderr).contains("3 placeholder(s) substituted, 3 left opaque"),
            "{}",
            text(&out.stderr)
        );
    }

    #[test]
    fn sub_pairs_and_denied_placeholders() {
        // Unquoted `${PrepareTimeout}` is not JSON until it is replaced.
        let definition = temp_file(DEFINITION);
        let path = definition.path().to_str().unwrap();
        let out = asl(&["validate", path], None);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

        let out = asl(&["validate", "--sub", "PrepareTimeout=300", path], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(text(&out.stderr).contains("1 placeholder(s) substituted, 5 left opaque"));

        let out = asl(
            &[
                "validate",
                "--sub",
                "PrepareTimeout=300",
                "--deny",
                "placeholders",
                path,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        let printed = text(&out.stdout);
        assert_eq!(
            printed.matches("[unresolved-placeholder]").count(),
            5,
            "{printed}"
        );
        assert!(
            printed.contains(
                "Prepare: /States/Prepare/Resource: `${PrepareFunctionArn}` holds a placeholder"
            ),
            "{printed}"
        );

        // A wrong value is still a wrong value.
        let out = asl(&["validate", "--sub", "PrepareTimeout=-5", path], None);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stdout).contains("[timeout-range]"),
            "{}",
            text(&out.stdout)
        );
    }

    #[test]
    fn a_placeholder_spelt_with_escapes_is_still_one() {
        // `\u0024{Bucket}` is `${Bucket}` once read: the policy must see it
        // although the text has no `${`.
        let definition = temp_file(
            r#"{"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "\u0024{Fn}"}, "End": true}}}"#,
        );
        let path = definition.path().to_str().unwrap();
        let out = asl(&["validate", path], None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        let out = asl(&["validate", "--deny", "placeholders", path], None);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        assert!(
            text(&out.stdout)
                .contains("P: /States/P/Parameters/FunctionName: `${Fn}` holds a placeholder"),
            "{}",
            text(&out.stdout)
        );
    }

    #[test]
    fn bad_substitution_input_is_a_usage_error() {
        let definition = temp_file(DEFINITION);
        let path = definition.path().to_str().unwrap();
        let out = asl(&["validate", "--sub", "no-equals-sign", path], None);
        assert_eq!(out.status.code(), Some(2));
        let out = asl(
            &["validate", "--substitutions", "/nonexistent.yaml", path],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("cannot read"));
        let no_machine = temp_file("Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
        let out = asl(
            &[
                "validate",
                "--substitutions",
                no_machine.path().to_str().unwrap(),
                path,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("no AWS::StepFunctions::StateMachine"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn import_prints_rust_for_a_valid_file_and_writes_it_with_output() {
    let file = corpus("valid")
        .into_iter()
        .find(|f| f.ends_with("056-sagemaker-transform-job.asl.json"))
        .expect("corpus file");
    let file = file.to_str().unwrap();
    let out = asl(&["import", file, "--fn", "transform"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rust = text(&out.stdout);
    assert!(
        rust.starts_with(
            "// Generated by `asl import` from 056-sagemaker-transform-job.asl.json.\n"
        )
    );
    assert!(rust.contains("pub fn transform() -> Result<Built, BuildError> {"));
    assert!(rust.contains("CreateTransformJob::builder()"));
    assert!(rust.contains(".instance_type(TransformInstanceType::MlM4Xlarge)"));

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("transform.rs");
    let written = asl(
        &[
            "import",
            file,
            "--fn",
            "transform",
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(written.status.code(), Some(0));
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), rust);
}

#[test]
fn import_names_what_the_builder_cannot_write_and_refuses_invalid_files() {
    let gap = temp_file(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": false}, "B": {"Type": "Succeed"}}}"#,
    );
    let out = asl(&["import", gap.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("A: /States/A/End: `\"End\": false`"), "{err}");

    let invalid =
        temp_file(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#);
    let out = asl(&["import", invalid.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not imported: the definition is invalid"));

    let out = asl(&["import", "-"], Some(b"[1]"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a JSON object"));
}

// ----- asl test, asl run --coverage / --s3 --------------------------------

mod cases {
    use super::{asl, golden, lines, temp_file, text};
    use std::path::Path;

    fn example_cases() -> String {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/tests/cases")
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn the_documented_examples_pass_their_cases() {
        let out = asl(&["test", &example_cases()], None);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        let passes = stdout.lines().filter(|l| l.starts_with("PASS ")).count();
        assert!(passes >= 8, "{stdout}");
        assert!(
            stdout.ends_with(&format!("{passes} passed, 0 failed\n")),
            "{stdout}"
        );
        // The cases exercise every state and transition of the five
        // documented machines.
        let out = asl(&["test", "--coverage", &example_cases()], None);
        assert_eq!(text(&out.stdout), stdout, "the report goes to stderr only");
        let report = text(&out.stderr);
        let summaries: Vec<&str> = report
            .lines()
            .filter(|l| l.contains(": coverage: "))
            .collect();
        assert_eq!(summaries.len(), 5, "{report}");
        for line in summaries {
            let (_, counts) = line.split_once(": coverage: ").unwrap();
            let (done, rest) = counts.split_once(" of ").unwrap();
            assert_eq!(rest, format!("{done} exercised"), "{line}");
        }
        assert!(!report.contains("[ ]"), "{report}");
    }

    #[test]
    fn a_failing_case_prints_its_first_difference_and_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let case = r#"{"name": "wrong model",
            "definition": {"StartAt": "Train", "States": {"Train": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload", "End": true}}},
            "mocks": {"Train": {"Return": {"Payload": {"Out": {"uri": "s3://x"}}}}},
            "expect": {"status": "SUCCEEDED", "outputIncludes": {"Out": {"uri": "s3://y"}}}}"#;
        std::fs::write(dir.path().join("wrong.json"), case).unwrap();
        let path = dir.path().to_str().unwrap();
        let out = asl(&["test", path], None);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out.stdout),
            "FAIL wrong model: output/Out/uri: expected \"s3://y\", got \"s3://x\"\n0 passed, 1 failed\n"
        );
        let out = asl(&["test", "--format", "json", path], None);
        assert_eq!(out.status.code(), Some(1));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report[0]["passed"], serde_json::json!(false));
        assert_eq!(report[0]["name"], serde_json::json!("wrong model"));
    }

    #[test]
    fn a_malformed_or_missing_case_file_exits_2() {
        let bad = temp_file(r#"{"definition": {}, "expect": {"status": "SUCCEEDED"}, "inptu": 1}"#);
        let out = asl(&["test", bad.path().to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("unknown key `inptu`"),
            "{}",
            text(&out.stderr)
        );
        let out = asl(&["test", "/nonexistent/case.json"], None);
        assert_eq!(out.status.code(), Some(2));
    }

    #[test]
    fn run_coverage_goes_to_stderr_and_stdout_stays_json_lines() {
        // A complete DescribeProcessingJob result (its required members).
        let mocks = temp_file(
            r#"{"SageMaker CreateProcessingJob Sync": {"Return": {
                "ProcessingJobName": "a", "ProcessingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:processing-job/a",
                "ProcessingJobStatus": "Completed", "CreationTime": 1714550400000,
                "AppSpecification": {"ImageUri": "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3"},
                "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 10}}}}}"#,
        );
        let inputs = temp_file("{\"id\": \"a\"}\n{\"id\": \"b\"}\n");
        let out = asl(
            &[
                "run",
                &golden("sagemaker-processing.asl.json"),
                "--mocks",
                mocks.path().to_str().unwrap(),
                "--inputs",
                inputs.path().to_str().unwrap(),
                "--coverage",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(lines(&out).len(), 2);
        let report = text(&out.stderr);
        assert!(
            report.starts_with("coverage: 4 of 6 exercised\n"),
            "{report}"
        );
        assert!(report.contains("  [x] state `Succeed` (2)"), "{report}");
        assert!(
            report.contains("  [ ] `ValidateOutput` Default -> `Fail`"),
            "{report}"
        );
        assert!(report.contains("  [ ] state `Fail`"), "{report}");
    }

    #[test]
    fn run_reads_s3_objects_for_a_distributed_map() {
        let machine = temp_file(
            r#"{"StartAt": "Rows", "States": {"Rows": {"Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                               "Parameters": {"Bucket": "b", "Key": "rows.csv"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                  "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                "End": true}}}"#,
        );
        let s3 = temp_file(r#"{"s3://b/rows.csv": "id,name\n1,ana\n2,bo\n"}"#);
        let out = asl(
            &[
                "run",
                machine.path().to_str().unwrap(),
                "--s3",
                s3.path().to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            lines(&out)[0]["output"],
            serde_json::json!([{"id": "1", "name": "ana"}, {"id": "2", "name": "bo"}])
        );
        let bad = temp_file(r#"{"b/rows.csv": "x"}"#);
        let out = asl(
            &[
                "run",
                machine.path().to_str().unwrap(),
                "--s3",
                bad.path().to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
    }
}
mod graph;
