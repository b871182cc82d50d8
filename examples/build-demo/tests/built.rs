//! The committed definition is the one the build script writes.

#[test]
fn committed_definition_matches_the_built_one() {
    let committed = include_str!("../train-and-notify.asl.json");
    assert_eq!(
        asl_build_demo::DEFINITION,
        committed,
        "run the build and copy OUT_DIR/train-and-notify.asl.json"
    );
}

#[test]
fn built_definition_is_the_machine() {
    let machine = asl_build_demo::machine::train_and_notify().expect("valid");
    assert_eq!(
        machine.to_canonical_string().unwrap(),
        asl_build_demo::DEFINITION
    );
    assert_eq!(machine.states.len(), 3);
    assert!(machine.states.contains_key("Training Failed"));
}

#[test]
fn build_script_writes_the_policy_and_the_diagram_beside_it() {
    let machine = asl_build_demo::machine::train_and_notify().expect("valid");
    let options = asl_builder::types::PolicyOptions::new().state_machine_name("train-and-notify");
    let policy: serde_json::Value = serde_json::from_str(asl_build_demo::POLICY).unwrap();
    assert_eq!(policy, machine.iam_policy(&options).to_json());
    assert_eq!(policy["Version"], "2012-10-17");
    // The training job's .sync permissions, with the pseudo-parameters left
    // for CloudFormation.
    let text = asl_build_demo::POLICY;
    assert!(text.contains("sagemaker:CreateTrainingJob"), "{text}");
    assert!(text.contains("${AWS::Region}"), "{text}");
    assert_eq!(asl_build_demo::DIAGRAM, machine.to_mermaid());
    assert!(
        asl_build_demo::DIAGRAM.starts_with("flowchart"),
        "{}",
        asl_build_demo::DIAGRAM
    );
}
