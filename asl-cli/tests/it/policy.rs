//! `asl policy`: the execution role's IAM policy of a definition.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{asl, corpus, text};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/golden")
        .join(name)
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden(""))
        .expect("examples/golden")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
        .collect();
    files.sort();
    files
}

/// Every valid corpus file and every example: exit 0, a policy document on
/// standard output, never a `*` action.
#[test]
fn works_on_every_valid_file_and_example() {
    let files: Vec<PathBuf> = corpus("valid").into_iter().chain(examples()).collect();
    assert!(files.len() > 67);
    for file in files {
        let out = asl(&["policy", file.to_str().unwrap()], None);
        let name = file.display();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", text(&out.stdout)));
        assert_eq!(doc["Version"], "2012-10-17", "{name}");
        for statement in doc["Statement"].as_array().expect("Statement") {
            assert_eq!(statement["Effect"], "Allow");
            for action in statement["Action"].as_array().expect("Action") {
                let action = action.as_str().unwrap();
                assert!(
                    action.contains(':') && !action.contains('*'),
                    "{name}: {action}"
                );
            }
            assert!(!statement["Resource"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn training_example_with_known_account() {
    let file = golden("sagemaker-training.asl.json");
    let out = asl(
        &[
            "policy",
            file.to_str().unwrap(),
            "--partition",
            "aws",
            "--region",
            "us-west-2",
            "--account",
            "123456789012",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("\"arn:aws:sagemaker:us-west-2:123456789012:training-job/search-model*\"")
    );
    assert!(!stdout.contains("${AWS::"), "{stdout}");
    assert_eq!(doc["Statement"].as_array().unwrap().len(), 5);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "wide: SageMaker CreateTrainingJob: sagemaker:ListTags on `*`: as AWS documents"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("Fn::Sub"), "{stderr}");
}

#[test]
fn pseudo_parameters_without_options_and_cloudformation_format() {
    let file = golden("sagemaker-processing.asl.json");
    let out = asl(&["policy", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(
        "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:processing-job/*"
    ));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("ARNs hold ${AWS::Partition}"), "{stderr}");
    assert!(
        stderr.contains("`ProcessingJobName` is computed at run time (`$.id`)"),
        "{stderr}"
    );

    let out = asl(
        &[
            "policy",
            file.to_str().unwrap(),
            "--format",
            "cloudformation",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let resources: Vec<&Value> = doc["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["Resource"].as_array().unwrap())
        .collect();
    assert!(resources.iter().any(|r| r["Fn::Sub"]
        == "arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:processing-job/*"));
    // Strings without `${` stay strings.
    assert!(resources.iter().any(|r| *r == "*"));
}

#[test]
fn invalid_unreadable_and_missing_files() {
    let invalid = corpus("invalid")
        .into_iter()
        .find(|f| f.to_string_lossy().contains("unknown-target"))
        .expect("an unknown-target file");
    let out = asl(&["policy", invalid.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("[unknown-target]"),
        "{}",
        text(&out.stderr)
    );

    for file in corpus("malformed") {
        let out = asl(&["policy", file.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(2), "{}", file.display());
        assert!(out.stdout.is_empty());
    }
    let out = asl(&["policy", "/nonexistent/x.asl.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read"));

    let out = asl(
        &["policy", "-"],
        Some(br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!({"Version": "2012-10-17", "Statement": []})
    );
}
