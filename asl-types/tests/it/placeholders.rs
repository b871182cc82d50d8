//! `${…}` placeholders of SAM / CloudFormation definitions: opaque by
//! default, substituted from a template, or denied.

use asl_types::placeholders::{Placeholders, Substitutions};
use asl_types::validate::{Options, validate_json, validate_with};
use asl_types::{Json, Rule, StateMachine};

/// A definition as teams keep it beside a SAM template: ARNs built from
/// pseudo parameters, a function ARN, a bucket and an instance count from
/// `DefinitionSubstitutions`, a timeout from a parameter.
const KEPT: &str = r#"{
  "StartAt": "Prepare",
  "States": {
    "Prepare": {
      "Type": "Task",
      "Resource": "${PrepareFunctionArn}",
      "TimeoutSeconds": "${PrepareTimeout}",
      "Next": "Train"
    },
    "Train": {
      "Type": "Task",
      "Resource": "arn:${AWS::Partition}:states:::sagemaker:createTrainingJob.sync",
      "Parameters": {
        "TrainingJobName.$": "$$.Execution.Name",
        "RoleArn": "arn:aws:iam::${AWS::AccountId}:role/${TrainingRole}",
        "AlgorithmSpecification": {"TrainingImage": "${TrainingImage}", "TrainingInputMode": "File"},
        "OutputDataConfig": {"S3OutputPath": "s3://${ModelBucket}/models/"},
        "ResourceConfig": {"InstanceCount": "${InstanceCount}", "InstanceType": "${InstanceType}", "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600}
      },
      "End": true
    }
  }
}"#;

fn json(text: &str) -> Json {
    text.parse().expect("JSON")
}

#[test]
fn placeholders_are_opaque_values_by_default() {
    let report = validate_json(&json(KEPT), &Options::new());
    assert!(report.is_empty(), "{report}");
}

#[test]
fn a_real_mistake_beside_a_placeholder_is_still_reported() {
    let text = KEPT.replace(r#""Next": "Train""#, r#""Next": "Trian""#);
    let report = validate_json(&json(&text), &Options::new());
    let rules: Vec<Rule> = report.iter().map(|i| i.rule).collect();
    assert!(rules.contains(&Rule::UnknownTarget), "{report}");
}

#[test]
fn denied_placeholders_are_errors_at_each_string() {
    let options = Options::new().placeholders(Placeholders::Deny);
    let report = validate_json(&json(KEPT), &options);
    let pointers: Vec<&str> = report
        .iter()
        .filter(|i| i.rule == Rule::UnresolvedPlaceholder)
        .map(|i| i.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/States/Prepare/Resource",
            "/States/Prepare/TimeoutSeconds",
            "/States/Train/Resource",
            "/States/Train/Parameters/RoleArn",
            "/States/Train/Parameters/AlgorithmSpecification/TrainingImage",
            "/States/Train/Parameters/OutputDataConfig/S3OutputPath",
            "/States/Train/Parameters/ResourceConfig/InstanceCount",
            "/States/Train/Parameters/ResourceConfig/InstanceType",
        ]
    );
    assert!(
        report.iter().all(|i| i.rule == Rule::UnresolvedPlaceholder),
        "{report}"
    );
    let first = report.iter().next().unwrap();
    assert_eq!(first.state.as_deref(), Some("Prepare"));
}

/// A SAM template (JSON form) with the state machine's
/// `DefinitionSubstitutions`: literal values, and `Fn::GetAtt` / `Ref`
/// values that only CloudFormation knows.
const TEMPLATE: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "ModelBucket": {"Type": "AWS::S3::Bucket"},
    "Pipeline": {
      "Type": "AWS::Serverless::StateMachine",
      "Properties": {
        "DefinitionUri": "statemachine/pipeline.asl.json",
        "DefinitionSubstitutions": {
          "PrepareFunctionArn": {"Fn::GetAtt": ["PrepareFunction", "Arn"]},
          "PrepareTimeout": 300,
          "TrainingRole": "sagemaker-training",
          "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1",
          "ModelBucket": {"Ref": "ModelBucket"},
          "InstanceCount": 2,
          "InstanceType": "ml.m5.xlarge"
        }
      }
    }
  }
}"#;

#[test]
fn substitutions_from_a_sam_template_replace_what_is_known() {
    let subs = Substitutions::from_json(&json(TEMPLATE)).expect("a template");
    assert_eq!(subs.len(), 7);
    let out = subs.apply(KEPT);
    // Replaced: PrepareTimeout, TrainingRole, TrainingImage, InstanceCount,
    // InstanceType. Left: PrepareFunctionArn and ModelBucket (known at
    // deploy time), AWS::Partition and AWS::AccountId.
    assert_eq!((out.resolved, out.opaque), (5, 4));
    assert!(out.text.contains(r#""InstanceType": "ml.m5.xlarge""#));
    // A quoted placeholder stays a string: `"2"` where a number belongs is
    // what AWS would then see.
    assert!(out.text.contains(r#""InstanceCount": "2""#));
    // `"300"` is a string where ASL needs an integer: the placeholder
    // was quoted.
    let report = validate_json(&json(&out.text), &Options::new());
    let rules: Vec<(Rule, &str)> = report
        .iter()
        .map(|i| (i.rule, i.pointer.as_str()))
        .collect();
    assert_eq!(
        rules,
        [(Rule::WrongType, "/States/Prepare/TimeoutSeconds")],
        "{report}"
    );

    // Unquoted, as CloudFormation users write numbers: not JSON before
    // substitution, a valid definition after.
    let unquoted = KEPT.replace(r#""${PrepareTimeout}""#, "${PrepareTimeout}");
    assert!(unquoted.parse::<Json>().is_err());
    let out = subs.apply(&unquoted);
    assert!(out.text.contains(r#""TimeoutSeconds": 300"#));
    let report = validate_json(&json(&out.text), &Options::new());
    assert!(report.is_empty(), "{report}");
}

#[test]
fn a_file_of_plain_substitutions_and_its_errors() {
    let subs = Substitutions::from_json(&json(r#"{"A": "x", "B": 3, "C": true}"#)).unwrap();
    assert_eq!(subs.apply("${A}-${B}-${C}-${D}").text, "x-3-true-${D}");
    for bad in ["[1]", r#"{"A": [1]}"#, r#"{"A": null}"#] {
        assert!(Substitutions::from_json(&json(bad)).is_err(), "{bad}");
    }
    let no_machine = r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#;
    let err = Substitutions::from_json(&json(no_machine)).unwrap_err();
    assert!(
        err.to_string()
            .contains("no AWS::StepFunctions::StateMachine"),
        "{err}"
    );
}

#[test]
fn the_library_and_the_builder_path_judge_placeholders_the_same() {
    let machine: StateMachine = r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
        "Resource": "${FnArn}", "End": true}}}"#
        .parse()
        .expect("reads");
    assert!(validate_with(&machine, &Options::new()).is_empty());
    let denied = validate_with(&machine, &Options::new().placeholders(Placeholders::Deny));
    assert_eq!(denied.iter().count(), 1);
    assert_eq!(
        denied.iter().next().unwrap().rule,
        Rule::UnresolvedPlaceholder
    );
}
