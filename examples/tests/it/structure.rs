//! Structure assertions a team writes about its own pipeline: where each
//! step goes, what every failure leads to, which paths reach deployment.

use asl_builder::types::TransitionKind;
use examples::pipelines::train_and_deploy;

#[test]
fn every_sagemaker_step_is_caught_and_reaches_the_failure_state() {
    let machine = train_and_deploy().unwrap();
    for step in [
        "Prepare Data",
        "Create Model",
        "Create Endpoint Config",
        "Create Endpoint",
        "Update Endpoint",
    ] {
        let found = machine.state(step).unwrap();
        assert!(!found.retriers().is_empty(), "{step} has no retrier");
        let catch_targets: Vec<&str> = machine
            .transitions(step)
            .into_iter()
            .filter(|t| matches!(t.kind, TransitionKind::Catch { .. }))
            .map(|t| t.to.as_str())
            .collect();
        assert_eq!(catch_targets, ["Notify Failure"], "{step}");
        assert!(machine.is_reachable(step, "Pipeline Failed"), "{step}");
    }
    assert_eq!(machine.predecessors("Pipeline Failed"), ["Notify Failure"]);
}

#[test]
fn the_threshold_decides_between_deployment_and_rejection() {
    let machine = train_and_deploy().unwrap();
    let choice: Vec<(&str, TransitionKind<'_>)> = machine
        .transitions("Good Enough?")
        .into_iter()
        .map(|t| (t.to.as_str(), t.kind))
        .collect();
    assert_eq!(
        choice,
        [
            ("Create Model", TransitionKind::ChoiceRule(0)),
            ("Model Rejected", TransitionKind::Default),
        ]
    );
    // Both ways to an endpoint end in "Deployed", and nothing else does.
    let to_deployed = machine.paths("Create Model", "Deployed", 10);
    let via: Vec<&str> = to_deployed
        .iter()
        .map(|path| path[path.len() - 2].as_str())
        .collect();
    assert_eq!(via, ["Update Endpoint", "Create Endpoint"]);
    assert_eq!(
        machine.predecessors("Deployed"),
        ["Create Endpoint", "Update Endpoint"]
    );
    assert_eq!(
        machine.terminal_states(),
        ["Deployed", "Model Rejected", "Pipeline Failed"]
    );
}
