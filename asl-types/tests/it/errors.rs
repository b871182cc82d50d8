//! Errors name the state, the JSON pointer and the rule.

use asl_types::{Error, ErrorKind, StateMachine};

fn problems(text: &str) -> Vec<(Option<String>, String, ErrorKind)> {
    match text.parse::<StateMachine>() {
        Err(Error::Model(e)) => e
            .problems()
            .iter()
            .map(|p| (p.state.clone(), p.pointer.clone(), p.kind))
            .collect(),
        Err(Error::Json(e)) => panic!("not a model error: {e}"),
        Ok(_) => panic!("parsed: {text}"),
    }
}

fn one(text: &str) -> (Option<String>, String, ErrorKind) {
    let mut all = problems(text);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

fn machine(state: &str) -> String {
    format!(r#"{{"StartAt": "S", "States": {{"S": {state}}}}}"#)
}

#[test]
fn unknown_field_in_a_state() {
    let (state, pointer, kind) = one(&machine(r#"{"Type": "Pass", "End": true, "Bogus": 1}"#));
    assert_eq!(state.as_deref(), Some("S"));
    assert_eq!(pointer, "/States/S/Bogus");
    assert_eq!(kind, ErrorKind::UnknownField);
}

#[test]
fn field_of_another_state_type_is_unknown() {
    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Choice", "Choices": [], "Resource": "x"}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Resource", ErrorKind::UnknownField)
    );
}

#[test]
fn unknown_top_level_field() {
    let (state, pointer, kind) =
        one(r#"{"StartAt": "S", "Statez": {}, "States": {"S": {"Type": "Succeed"}}}"#);
    assert_eq!(
        (state, pointer.as_str(), kind),
        (None, "/Statez", ErrorKind::UnknownField)
    );
}

#[test]
fn wrong_types() {
    let cases = [
        (
            r#"{"Type": "Wait", "Seconds": "10", "End": true}"#,
            "/States/S/Seconds",
        ),
        (r#"{"Type": "Pass", "End": "yes"}"#, "/States/S/End"),
        (
            r#"{"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": "States.ALL"}], "End": true}"#,
            "/States/S/Retry/0/ErrorEquals",
        ),
        (
            r#"{"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": [], "MaxAttempts": 1.5}], "End": true}"#,
            "/States/S/Retry/0/MaxAttempts",
        ),
        (
            r#"{"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "S"}]}"#,
            "/States/S/Choices/0/NumericEquals",
        ),
        (
            r#"{"Type": "Task", "Resource": 7, "End": true}"#,
            "/States/S/Resource",
        ),
        (r#""Pass""#, "/States/S"),
    ];
    for (state, expected) in cases {
        let (_, pointer, kind) = one(&machine(state));
        assert_eq!(
            (pointer.as_str(), kind),
            (expected, ErrorKind::WrongType),
            "{state}"
        );
    }
}

#[test]
fn dollar_keys_need_paths_or_intrinsics() {
    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"a": {"b.$": "not a path"}}, "End": true}"#,
    ));
    assert_eq!(pointer, "/States/S/Parameters/a/b.$");
    assert_eq!(kind, ErrorKind::InvalidDynamicValue);

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": "$.a["}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", ErrorKind::InvalidPath)
    );

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": "States.Format('a'"}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", ErrorKind::InvalidIntrinsic)
    );

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": 3}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", ErrorKind::WrongType)
    );

    let (_, _, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x": 1, "x.$": "$.x"}, "End": true}"#,
    ));
    assert_eq!(kind, ErrorKind::DuplicateKey);
}

#[test]
fn reference_paths_are_checked() {
    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "ResultPath": "$.a[*]", "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/ResultPath", ErrorKind::ReferencePath)
    );
}

#[test]
fn errors_in_nested_states_name_the_inner_state() {
    let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
        "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true, "Oops": 1}}}]}}}"#;
    let (state, pointer, kind) = one(text);
    assert_eq!(state.as_deref(), Some("Inner"));
    assert_eq!(pointer, "/States/P/Branches/0/States/Inner/Oops");
    assert_eq!(kind, ErrorKind::UnknownField);
}

#[test]
fn every_broken_state_is_reported() {
    let text = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B", "X": 1},
        "B": {"Type": "Nope"},
        "C": {"Type": "Succeed"}}}"#;
    let all = problems(text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].1, "/States/A/X");
    assert_eq!(
        (all[1].1.as_str(), all[1].2),
        ("/States/B/Type", ErrorKind::InvalidValue)
    );
}

#[test]
fn missing_fields() {
    let (_, pointer, kind) = one(&machine(r#"{"Type": "Task", "End": true}"#));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S", ErrorKind::MissingField)
    );
    let (_, pointer, kind) = one(&machine(r#"{"End": true}"#));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S", ErrorKind::MissingField)
    );
    let all = problems(r#"{"States": {}}"#);
    assert_eq!(all[0].2, ErrorKind::MissingField);
}

#[test]
fn choice_rules_need_exactly_one_operator() {
    for rule in [
        r#"{"Variable": "$.x", "Next": "S"}"#,
        r#"{"Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": "S"}"#,
        r#"{"Variable": "$.x", "StringEquals": "a", "And": [], "Next": "S"}"#,
        r#"{"Next": "S"}"#,
    ] {
        let text = machine(&format!(r#"{{"Type": "Choice", "Choices": [{rule}]}}"#));
        assert!(text.parse::<StateMachine>().is_err(), "{rule}");
    }
}

#[test]
fn nothing_panics_on_odd_documents() {
    for text in [
        "{}",
        "[]",
        "null",
        "1",
        r#"{"StartAt": 1, "States": []}"#,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": 3}}}"#,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Not": []}]}}}"#,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"And": {}}]}}}"#,
    ] {
        let _ = text.parse::<StateMachine>();
    }
}
