//! The derives expand to the public API: the same machine written with and
//! without them is the same JSON.

use asl_builder::types::sagemaker::{CreateEndpoint, SageMakerOperation};
use asl_builder::types::{Path, StateMachine};
use asl_builder::{PassSpec, StateMachineBuilder, TaskInput, TaskSpec, Workflow, cond};

#[derive(TaskInput)]
#[allow(dead_code, reason = "only its paths are used")]
struct Input {
    deployment: Deployment,
    replicas: u32,
}

#[derive(TaskInput)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "only its paths are used")]
struct Deployment {
    endpoint_name: String,
    #[asl(rename = "config")]
    config_name: String,
}

#[derive(Clone, Copy, Workflow)]
enum Step {
    #[asl(rename = "Enough Replicas?")]
    Check,
    Deploy,
    #[asl(rename = "Too Few")]
    TooFew,
}

fn with_derives() -> StateMachine {
    let input = Input::path();
    let mut sm = StateMachineBuilder::new();
    let check = sm.choice(Step::Check);
    let deploy = sm.task(
        Step::Deploy,
        CreateEndpoint::builder()
            .endpoint_name(input.deployment().endpoint_name())
            .endpoint_config_name(input.deployment().config_name())
            .build()
            .request_response(),
    );
    let too_few = sm.pass(Step::TooFew, PassSpec::new());
    sm.start_at(check).end(deploy).end(too_few);
    sm.when(
        check,
        cond::numeric_greater_than_equals(input.replicas(), 2),
        deploy,
    )
    .otherwise(check, too_few);
    sm.build().expect("valid").into_machine()
}

fn by_hand() -> StateMachine {
    let deployment = Path::input().field("deployment");
    let mut sm = StateMachineBuilder::new();
    let check = sm.choice("Enough Replicas?");
    let deploy = sm.task(
        "Deploy",
        TaskSpec::from(
            CreateEndpoint::builder()
                .endpoint_name(deployment.clone().field("endpointName"))
                .endpoint_config_name(deployment.field("config"))
                .build()
                .request_response(),
        ),
    );
    let too_few = sm.pass("Too Few", PassSpec::new());
    sm.start_at(check).end(deploy).end(too_few);
    sm.when(
        check,
        cond::numeric_greater_than_equals(Path::input().field("replicas"), 2u32),
        deploy,
    )
    .otherwise(check, too_few);
    sm.build().expect("valid").into_machine()
}

#[test]
fn derives_and_hand_written_paths_give_the_same_machine() {
    let a = serde_json::to_value(with_derives()).unwrap();
    let b = serde_json::to_value(by_hand()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a["States"]["Deploy"]["Parameters"],
        serde_json::json!({
            "EndpointName.$": "$.deployment.endpointName",
            "EndpointConfigName.$": "$.deployment.config"
        })
    );
}

#[test]
fn typed_paths_render_in_both_languages() {
    assert_eq!(
        Input::path().deployment().endpoint_name().to_string(),
        "$.deployment.endpointName"
    );
    assert_eq!(
        Input::jsonata().deployment().config_name().to_string(),
        "{% $states.input.deployment.config %}"
    );
    assert_eq!(Step::TooFew.state_name(), "Too Few");
}

#[test]
fn structure_queries_take_derived_state_names() {
    let machine = with_derives();
    assert_eq!(machine.state(Step::Check).unwrap().name, "Enough Replicas?");
    assert_eq!(machine.successors(Step::Check), ["Deploy", "Too Few"]);
    assert_eq!(machine.predecessors(Step::TooFew), ["Enough Replicas?"]);
    assert!(machine.is_reachable(Step::Check, Step::Deploy));
    assert!(!machine.is_reachable(Step::Deploy, Step::Check));
}

#[test]
fn states_index_by_derived_state_names() {
    let machine = with_derives();
    assert_eq!(machine.states[Step::Check].type_name(), "Choice");
    assert_eq!(machine.states[Step::TooFew], machine.states["Too Few"]);
}
