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
