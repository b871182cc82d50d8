//! IAM policies: the four documented examples against policies written by
//! hand from AWS's pages (`examples/golden/policy/`, see its README), and
//! every example's policy is well formed.

use std::path::Path;

use asl_builder::types::{PolicyOptions, StateMachine};
use serde_json::Value;

fn options() -> PolicyOptions {
    PolicyOptions::new()
        .partition("aws")
        .region("us-west-2")
        .account("123456789012")
}

fn machine(name: &str) -> StateMachine {
    let (_, f) = examples::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no example {name}"));
    f().unwrap_or_else(|e| panic!("{name}: {e}")).into_machine()
}

fn golden(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden/policy")
        .join(format!("{name}.policy.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["Version"], "2012-10-17");
    doc["Statement"].as_array().unwrap().clone()
}

/// A statement with its lists sorted (AWS's pages do not sort them), so
/// that statements compare as sets of permissions.
fn normal(statement: &Value) -> Value {
    let mut s = statement.clone();
    for key in ["Action", "Resource"] {
        if let Some(list) = s[key].as_array_mut() {
            list.sort_by_key(Value::to_string);
        }
    }
    s
}

fn normal_all(statements: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = statements.iter().map(normal).collect();
    out.sort_by_key(Value::to_string);
    out
}

fn policy(name: &str) -> Vec<Value> {
    let doc = serde_json::to_value(machine(name).iam_policy(&options())).unwrap();
    doc["Statement"].as_array().unwrap().clone()
}

/// The policy without `sagemaker:AddTags`, which AWS's page omits and the
/// table adds on purpose for `.sync` jobs (Step Functions tags the jobs it
/// runs; see the notes in `asl-types/src/integrations.tsv`), after checking
/// it is granted on exactly the job's resource.
fn without_add_tags(mut statements: Vec<Value>, job: &str) -> Vec<Value> {
    let mut found = false;
    for s in &mut statements {
        let resource = s["Resource"].clone();
        let actions = s["Action"].as_array_mut().unwrap();
        if let Some(at) = actions.iter().position(|a| a == "sagemaker:AddTags") {
            assert!(!found);
            found = true;
            assert_eq!(resource, serde_json::json!([job]));
            actions.remove(at);
        }
    }
    assert!(found, "sagemaker:AddTags on {job}");
    statements
}

fn assert_statements(name: &str, got: &[Value], expected: &[Value]) {
    let (got, expected) = (normal_all(got), normal_all(expected));
    assert!(
        got == expected,
        "{name}\n--- generated ---\n{}\n--- documented ---\n{}",
        serde_json::to_string_pretty(&got).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap()
    );
}

/// The training example's policy is AWS's documented policy for a `.sync`
/// training job with static names (sagemaker-iam.html), statement for
/// statement, plus one statement for the example's S3 `deleteObject` Task
/// and `sagemaker:AddTags` on the job.
#[test]
fn training_is_the_documented_policy() {
    let mut got = policy("sagemaker-training");
    let s3 = serde_json::json!({
        "Effect": "Allow", "Action": ["s3:DeleteObject"],
        "Resource": ["arn:aws:s3:::bucket-name/doc-search/interim-data/training-data/train.txt"]
    });
    let at = got
        .iter()
        .position(|s| *s == s3)
        .expect("the S3 Task's statement");
    got.remove(at);
    let got = without_add_tags(
        got,
        "arn:aws:sagemaker:us-west-2:123456789012:training-job/search-model*",
    );
    assert_statements("sagemaker-training", &got, &golden("sagemaker-training"));
}

/// AWS's transform template passes `[[roleArn]]`, a role the request does
/// not name (`CreateTransformJob` has no role member): that statement is the
/// one difference.
#[test]
fn transform_is_the_documented_policy_without_a_role_to_pass() {
    let expected: Vec<Value> = golden("sagemaker-transform")
        .into_iter()
        .filter(|s| s["Resource"][0] != "[[roleArn]]")
        .collect();
    assert_eq!(expected.len(), 3);
    let got = without_add_tags(
        policy("sagemaker-transform"),
        "arn:aws:sagemaker:us-west-2:123456789012:transform-job/sfn-binary-classification-prediction*",
    );
    assert_statements("sagemaker-transform", &got, &expected);
}

#[test]
fn processing_and_labeling_are_the_hand_written_policies() {
    for (name, job) in [
        ("sagemaker-processing", "processing-job/*"),
        ("sagemaker-labeling", "labeling-job/example-job-name*"),
    ] {
        let job = format!("arn:aws:sagemaker:us-west-2:123456789012:{job}");
        assert_statements(name, &without_add_tags(policy(name), &job), &golden(name));
    }
}

/// The JSONata form of each documented example needs the same policy.
#[test]
fn jsonata_forms_need_the_same_policy() {
    for name in [
        "sagemaker-transform",
        "sagemaker-training",
        "sagemaker-labeling",
        "sagemaker-processing",
    ] {
        assert_eq!(
            policy(name),
            policy(&format!("{name}-jsonata")),
            "{name} and its JSONata form"
        );
    }
}

/// Every example gets a policy: at least one statement, no `*` action,
/// never an empty list, and the same bytes twice.
#[test]
fn every_example_has_a_well_formed_policy() {
    for (name, f) in examples::ALL {
        let machine = f().unwrap_or_else(|e| panic!("{name}: {e}")).into_machine();
        let policy = machine.iam_policy(&options());
        assert!(!policy.statements().is_empty(), "{name}");
        for s in policy.statements() {
            assert!(
                !s.actions.is_empty() && !s.resources.is_empty(),
                "{name}: {s:?}"
            );
            for action in &s.actions {
                let (service, verb) = action.split_once(':').expect("service:Action");
                assert!(
                    !service.is_empty() && !verb.contains('*'),
                    "{name}: {action}"
                );
            }
        }
        assert!(!policy.uses_pseudo_parameters(), "{name}");
        assert_eq!(
            policy.to_json(),
            machine.iam_policy(&options()).to_json(),
            "{name}"
        );
    }
}
