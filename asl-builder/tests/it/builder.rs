//! Building machines: query languages, nesting, and every issue at once.

use asl_builder::types::sagemaker::{CreateEndpoint, SageMakerOperation};
use asl_builder::types::{ExecutionType, Jsonata, Path, QueryLanguage, State};
use asl_builder::{
    Catch, FailSpec, MapSpec, ParallelSpec, PassSpec, Retry, StateMachineBuilder, TaskSpec,
    WaitSpec, cond,
};

fn endpoint() -> TaskSpec {
    let request = CreateEndpoint::builder()
        .endpoint_name(Jsonata::new("$states.input.name"))
        .endpoint_config_name("cfg")
        .build();
    TaskSpec::from(request.request_response())
}

#[test]
fn payload_goes_to_parameters_or_arguments_by_query_language() {
    let mut sm = StateMachineBuilder::new().query_language(QueryLanguage::Jsonata);
    let deploy = sm.task("Deploy", endpoint());
    sm.start_at(deploy).end(deploy);
    let machine = sm.build().expect("valid");
    let State::Task(task) = &machine.states["Deploy"] else {
        panic!("a task")
    };
    assert!(task.parameters.is_none());
    assert!(task.arguments.is_some());

    // A JSONPath machine with a JSONata state: the state's own language wins.
    let mut sm = StateMachineBuilder::new();
    let deploy = sm.task("Deploy", endpoint().query_language(QueryLanguage::Jsonata));
    sm.start_at(deploy).end(deploy);
    let machine = sm.build().expect("valid");
    let State::Task(task) = &machine.states["Deploy"] else {
        panic!("a task")
    };
    assert!(task.arguments.is_some() && task.parameters.is_none());
}

#[test]
fn a_jsonata_value_in_a_jsonpath_task_is_an_error_not_a_literal() {
    // `endpoint()` names the endpoint with a JSONata expression; in a
    // JSONPath state Step Functions would not evaluate it.
    let mut sm = StateMachineBuilder::new();
    let deploy = sm.task("Deploy", endpoint());
    sm.start_at(deploy).end(deploy);
    let err = sm.build().expect_err("a JSONata value in a JSONPath state");
    let issue = err
        .report()
        .iter()
        .find(|i| i.rule == asl_builder::types::Rule::ExpressionQueryLanguage)
        .unwrap_or_else(|| panic!("expression-query-language in {err}"));
    assert_eq!(issue.state.as_deref(), Some("Deploy"));
    assert_eq!(issue.pointer, "/States/Deploy/Parameters/EndpointName");
}

#[test]
fn parallel_and_map_nest_whole_machines() {
    let mut left = StateMachineBuilder::new();
    let l = left.wait("Left Wait", WaitSpec::seconds(1));
    left.start_at(l).end(l);
    let mut inner = StateMachineBuilder::new();
    let i = inner.pass("Per Item", PassSpec::new());
    inner.start_at(i).end(i);
    let mut right = StateMachineBuilder::new();
    let m = right.map(
        "Fan Out",
        MapSpec::distributed(inner, ExecutionType::Express)
            .items_path(
                "$.items"
                    .parse::<asl_builder::types::ReferencePath>()
                    .unwrap(),
            )
            .max_concurrency(10),
    );
    right.start_at(m).end(m);

    let mut sm = StateMachineBuilder::new();
    let both = sm.parallel(
        "Both",
        ParallelSpec::new()
            .branch(left)
            .branch(right)
            .retry(Retry::on(["States.ALL"]).max_attempts(1)),
    );
    let failed = sm.fail("Failed", FailSpec::new("E", "c"));
    sm.start_at(both)
        .end(both)
        .catch(both, Catch::all(), failed);
    let machine = sm.build().expect("valid");
    let json = serde_json::to_value(&machine).unwrap();
    let branch = &json["States"]["Both"]["Branches"][1];
    assert_eq!(branch["StartAt"], "Fan Out");
    assert_eq!(
        branch["States"]["Fan Out"]["ItemProcessor"]["ProcessorConfig"],
        serde_json::json!({"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"})
    );
    assert_eq!(json["States"]["Both"]["Catch"][0]["Next"], "Failed");
}

#[test]
fn every_issue_is_reported_at_once() {
    let mut sm = StateMachineBuilder::new();
    let a = sm.pass("A", PassSpec::new());
    let _again = sm.pass("A", PassSpec::new());
    let orphan = sm.pass("Orphan", PassSpec::new());
    let mut other = StateMachineBuilder::new();
    let foreign = other.succeed("Elsewhere");
    sm.start_at(a).next(a, foreign).end(orphan);
    let err = sm.build().unwrap_err();
    let text = err.to_string();
    let builder_issues = err
        .issues()
        .iter()
        .filter(|i| i.rule.id().starts_with("builder-"))
        .count();
    assert_eq!(builder_issues, 2, "{text}");
    assert!(text.contains("added twice"), "{text}");
    assert!(text.contains("another builder"), "{text}");
    assert!(
        err.issues()
            .iter()
            .any(|i| !i.rule.id().starts_with("builder-")),
        "the validator's findings come too:\n{text}"
    );
}

#[test]
fn missing_start_is_reported() {
    let mut sm = StateMachineBuilder::new();
    let _ = sm.succeed("Done");
    let err = sm.build().unwrap_err();
    assert!(err.to_string().contains("no start state"), "{err}");
}

#[test]
fn choice_rules_are_typed_and_ordered() {
    let mut sm = StateMachineBuilder::new();
    let check = sm.choice("Check");
    let big = sm.succeed("Big");
    let small = sm.succeed("Small");
    sm.start_at(check);
    sm.when(
        check,
        cond::and([
            cond::is_present(Path::input().field("n"), true),
            cond::numeric_greater_than(Path::input().field("n"), 10),
        ]),
        big,
    )
    .otherwise(check, small);
    let json = serde_json::to_value(sm.build().expect("valid")).unwrap();
    assert_eq!(
        json["States"]["Check"],
        serde_json::json!({
            "Type": "Choice",
            "Choices": [{
                "And": [
                    {"Variable": "$.n", "IsPresent": true},
                    {"Variable": "$.n", "NumericGreaterThan": 10}
                ],
                "Next": "Big"
            }],
            "Default": "Small"
        })
    );
}

#[test]
fn a_clone_does_not_take_the_original_handles() {
    let mut sm = StateMachineBuilder::new();
    let mut copy = sm.clone();
    let extra = copy.pass("Only In Copy", PassSpec::new());
    let first = sm.pass("First", PassSpec::new());
    // `extra` indexes past `sm`'s states: reported, never a panic.
    sm.start_at(first).next(first, extra);
    let err = sm.build().unwrap_err();
    assert!(err.to_string().contains("another builder"), "{err}");
}

#[test]
fn numeric_choices_take_integers_floats_and_exact_numbers() {
    use asl_builder::types::Number;
    let metric = Path::input().field("auc");
    let exact: Number = "0.90".parse().unwrap();
    let rules = [
        cond::numeric_greater_than_equals(metric.clone(), 0.9),
        cond::numeric_greater_than_equals(metric.clone(), 1),
        cond::numeric_greater_than_equals(metric.clone(), exact),
    ];
    let written: Vec<String> = rules
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    assert_eq!(
        written,
        [
            r#"{"Variable":"$.auc","NumericGreaterThanEquals":0.9}"#,
            r#"{"Variable":"$.auc","NumericGreaterThanEquals":1}"#,
            r#"{"Variable":"$.auc","NumericGreaterThanEquals":0.90}"#,
        ]
    );
    // A float JSON cannot write is reported by build(), not changed.
    let mut sm = StateMachineBuilder::new();
    let done = sm.succeed("Done");
    let check = sm.choice("Check");
    sm.start_at(check)
        .when(check, cond::numeric_equals(metric, f64::NAN), done)
        .otherwise(check, done);
    let err = sm.build().unwrap_err();
    let issue = &err.issues()[0];
    assert_eq!(issue.rule, asl_builder::types::Rule::WrongType);
    assert_eq!(issue.pointer, "/States/Check/Choices/0/NumericEquals");
}

#[test]
fn a_second_transition_is_reported_naming_both_targets() {
    let mut sm = StateMachineBuilder::new();
    let a = sm.pass("A", PassSpec::new());
    let b = sm.succeed("B");
    let c = sm.succeed("C");
    sm.start_at(a).next(a, b).next(a, c);
    let err = sm.build().unwrap_err();
    let issue = &err.issues()[0];
    assert_eq!(
        issue.rule,
        asl_builder::types::Rule::BuilderSecondTransition
    );
    assert_eq!(issue.pointer, "/States/A");
    assert_eq!(
        issue.message,
        "state `A` already has `next` to `B`; `next` to `C` replaced it"
    );
    // `end` after `next`.
    let mut sm = StateMachineBuilder::new();
    let a = sm.pass("A", PassSpec::new());
    let b = sm.succeed("B");
    sm.start_at(a).next(a, b).end(a);
    let err = sm.build().unwrap_err();
    assert_eq!(
        err.issues()[0].message,
        "state `A` already has `next` to `B`; `end` makes it both"
    );
    // The same `next` twice is no second transition.
    let mut sm = StateMachineBuilder::new();
    let a = sm.pass("A", PassSpec::new());
    let b = sm.succeed("B");
    sm.start_at(a).next(a, b).next(a, b);
    assert!(sm.build().is_ok());
}

#[test]
fn a_missing_start_is_reported_once() {
    let mut sm = StateMachineBuilder::new();
    let _done = sm.succeed("Done");
    let err = sm.build().unwrap_err();
    let rules: Vec<&str> = err.issues().iter().map(|i| i.rule.id()).collect();
    assert_eq!(rules, ["builder-no-start-state"], "{err}");
}

#[test]
fn fail_states_take_names_expressions_and_paths_without_conflict() {
    let machine = |spec: FailSpec| {
        let mut sm = StateMachineBuilder::new();
        let f = sm.fail("F", spec);
        sm.start_at(f);
        serde_json::to_value(sm.build().unwrap().into_machine().states).unwrap()["F"].clone()
    };
    assert_eq!(
        machine(FailSpec::default().error("Broken")),
        serde_json::json!({"Type": "Fail", "Error": "Broken"})
    );
    // A path replaces the name given before: never both.
    assert_eq!(
        machine(FailSpec::new("E", "c").error_path(Path::input().field("error"))),
        serde_json::json!({"Type": "Fail", "Cause": "c", "ErrorPath": "$.error"})
    );
    assert_eq!(
        machine(
            FailSpec::default()
                .query_language(QueryLanguage::Jsonata)
                .error(Jsonata::new("$states.input.error"))
        ),
        serde_json::json!({"Type": "Fail", "QueryLanguage": "JSONata", "Error": "{% $states.input.error %}"})
    );
}

#[test]
fn a_value_and_its_path_replace_each_other() {
    let timeout = asl_builder::types::ReferencePath::input().field("timeout");
    let spec = TaskSpec::new("arn:aws:states:::lambda:invoke")
        .timeout_seconds(60)
        .timeout_seconds_path(timeout.clone())
        .heartbeat_seconds_path(timeout)
        .heartbeat_seconds(30);
    let mut sm = StateMachineBuilder::new();
    let t = sm.task("T", spec);
    sm.start_at(t).end(t);
    let machine = sm.build().expect("no exclusive-fields issue");
    let State::Task(task) = &machine.states["T"] else {
        panic!("a task")
    };
    assert!(task.timeout_seconds.is_none());
    assert_eq!(
        task.timeout_seconds_path.as_ref().unwrap().to_string(),
        "$.timeout"
    );
    assert!(task.heartbeat_seconds_path.is_none());
    assert!(task.heartbeat_seconds.is_some());
}
