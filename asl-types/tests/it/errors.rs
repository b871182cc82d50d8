//! Errors name the state, the JSON pointer and the rule.

use asl_types::{Error, Rule, StateMachine};

fn problems(text: &str) -> Vec<(Option<String>, String, Rule)> {
    match text.parse::<StateMachine>() {
        Err(Error::Model(e)) => e
            .issues()
            .iter()
            .map(|p| (p.state.clone(), p.pointer.clone(), p.rule))
            .collect(),
        Err(e) => panic!("not a model error: {e}"),
        Ok(_) => panic!("parsed: {text}"),
    }
}

fn one(text: &str) -> (Option<String>, String, Rule) {
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
    assert_eq!(kind, Rule::UnknownField);
}

#[test]
fn field_of_another_state_type_is_unknown() {
    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Choice", "Choices": [], "Resource": "x"}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Resource", Rule::UnknownField)
    );
}

#[test]
fn unknown_top_level_field() {
    let (state, pointer, kind) =
        one(r#"{"StartAt": "S", "Statez": {}, "States": {"S": {"Type": "Succeed"}}}"#);
    assert_eq!(
        (state, pointer.as_str(), kind),
        (None, "/Statez", Rule::UnknownField)
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
            (expected, Rule::WrongType),
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
    assert_eq!(kind, Rule::DynamicValue);

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": "$.a["}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", Rule::PathSyntax)
    );

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": "States.Format('a'"}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", Rule::IntrinsicSyntax)
    );

    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x.$": 3}, "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/Parameters/x.$", Rule::WrongType)
    );

    let (_, _, kind) = one(&machine(
        r#"{"Type": "Pass", "Parameters": {"x": 1, "x.$": "$.x"}, "End": true}"#,
    ));
    assert_eq!(kind, Rule::DuplicateKey);
}

#[test]
fn reference_paths_are_checked() {
    let (_, pointer, kind) = one(&machine(
        r#"{"Type": "Pass", "ResultPath": "$.a[*]", "End": true}"#,
    ));
    assert_eq!(
        (pointer.as_str(), kind),
        ("/States/S/ResultPath", Rule::ReferencePathSyntax)
    );
}

#[test]
fn errors_in_nested_states_name_the_inner_state() {
    let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
        "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true, "Oops": 1}}}]}}}"#;
    let (state, pointer, kind) = one(text);
    assert_eq!(state.as_deref(), Some("Inner"));
    assert_eq!(pointer, "/States/P/Branches/0/States/Inner/Oops");
    assert_eq!(kind, Rule::UnknownField);
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
        ("/States/B/Type", Rule::InvalidValue)
    );
}

#[test]
fn missing_fields() {
    let (_, pointer, kind) = one(&machine(r#"{"Type": "Task", "End": true}"#));
    assert_eq!((pointer.as_str(), kind), ("/States/S", Rule::MissingField));
    let (_, pointer, kind) = one(&machine(r#"{"End": true}"#));
    assert_eq!((pointer.as_str(), kind), ("/States/S", Rule::MissingField));
    let all = problems(r#"{"States": {}}"#);
    assert_eq!(all[0].2, Rule::MissingField);
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

/// `asl validate`'s view: every reading issue, then the validator's on what
/// could be read.
fn everything(text: &str) -> Vec<(Option<String>, String, Rule)> {
    let json: asl_types::Json = text.parse().unwrap();
    let reading = StateMachine::read_json(&json);
    asl_types::validate::validate_reading(&reading, &asl_types::validate::Options::new())
        .iter()
        .map(|i| (i.state.clone(), i.pointer.clone(), i.rule))
        .collect()
}

#[test]
fn three_mistakes_in_one_state_are_three_issues_in_document_order() {
    let text = machine(r#"{"Type": "Pass", "Nxt": "S", "Ed": true, "ResultPath": 5}"#);
    let s = Some("S".to_owned());
    let expected = vec![
        (s.clone(), "/States/S/Nxt".to_owned(), Rule::UnknownField),
        (s.clone(), "/States/S/Ed".to_owned(), Rule::UnknownField),
        (
            s.clone(),
            "/States/S/ResultPath".to_owned(),
            Rule::WrongType,
        ),
    ];
    assert_eq!(problems(&text), expected);
    // The validator runs on the state without them; that it then has
    // neither `Next` nor `End` follows from the misspellings, and is not
    // reported again.
    assert_eq!(everything(&text), expected);
    let text = machine(r#"{"Type": "Pass", "ResultPath": 5}"#);
    assert_eq!(
        everything(&text),
        [
            (
                s.clone(),
                "/States/S/ResultPath".to_owned(),
                Rule::WrongType
            ),
            (s, "/States/S".to_owned(), Rule::MissingTransition),
        ]
    );
}

#[test]
fn every_broken_state_and_every_unknown_key_is_reported() {
    let text = r#"{"StartAt": "A", "Bogus": 1, "States": {
        "A": {"Type": "Task", "Resource": 7, "Next": "B", "Retry": [{"ErrorEquals": "x"}, {"Nope": 1, "ErrorEquals": []}]},
        "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "A", "Extra": true}]}
    }}"#;
    let found: Vec<(String, Rule)> = problems(text)
        .into_iter()
        .map(|(_, pointer, rule)| (pointer, rule))
        .collect();
    let expected: Vec<(String, Rule)> = [
        ("/Bogus", Rule::UnknownField),
        ("/States/A/Resource", Rule::WrongType),
        ("/States/A/Retry/0/ErrorEquals", Rule::WrongType),
        ("/States/A/Retry/1/Nope", Rule::UnknownField),
        ("/States/B/Choices/0/NumericEquals", Rule::WrongType),
        ("/States/B/Choices/0/Extra", Rule::UnknownField),
    ]
    .into_iter()
    .map(|(p, r)| (p.to_owned(), r))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn one_bad_path_does_not_hide_the_other_problems() {
    let text = r#"{"StartAt": "Train", "States": {
        "Train": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sagemaker:createEndpoint.sync",
            "Parameters": {"EndpointName.$": "$$bad path"},
            "ResultPath": "$.a[",
            "Next": "Nowhere"
        }
    }}"#;
    let rules: Vec<(String, Rule)> = everything(text)
        .into_iter()
        .map(|(_, pointer, rule)| (pointer, rule))
        .collect();
    let expected: Vec<(String, Rule)> = [
        ("/States/Train/Parameters/EndpointName.$", Rule::PathSyntax),
        ("/States/Train/ResultPath", Rule::PathSyntax),
        ("/States/Train/Next", Rule::UnknownTarget),
        ("/States/Train/Resource", Rule::SagemakerSyncUnsupported),
    ]
    .into_iter()
    .map(|(p, r)| (p.to_owned(), r))
    .collect();
    assert_eq!(rules, expected);
}

#[test]
fn an_instance_type_newer_than_the_model_is_a_warning() {
    let text = r#"{"StartAt": "Deploy", "States": {"Deploy": {
        "Type": "Task",
        "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
        "Parameters": {"EndpointConfigName": "c", "ProductionVariants": [
            {"VariantName": "v", "ModelName": "m", "InitialInstanceCount": 1, "InstanceType": "ml.p9.96xlarge"}
        ]},
        "End": true
    }}}"#;
    let machine: StateMachine = text.parse().unwrap();
    let report = asl_types::validate(&machine);
    let issues: Vec<_> = report.iter().collect();
    assert_eq!(issues.len(), 1, "{report}");
    assert_eq!(issues[0].rule, Rule::SagemakerUnknownEnumValue);
    assert!(!issues[0].is_error());
    assert_eq!(
        issues[0].pointer,
        "/States/Deploy/Parameters/ProductionVariants/0/InstanceType"
    );
    assert!(
        issues[0].message.starts_with("`ml.p9.96xlarge` is not a ProductionVariantInstanceType value the model lists (kept as written); did you mean `ml."),
        "{}",
        issues[0].message
    );
    assert!(report.is_ok(false));
    assert!(!report.is_ok(true));
}

#[test]
fn a_literal_that_reads_back_as_an_expression_is_not_written() {
    let literal = asl_types::Payload::object().with("x", "{% $y %}");
    let err = serde_json::to_string(&literal).unwrap_err();
    assert!(
        err.to_string()
            .contains("the literal string `{% $y %}` would read back as a JSONata expression"),
        "{err}"
    );
    let expression = asl_types::Payload::object().with("x", asl_types::Jsonata::new("$y"));
    assert_eq!(
        serde_json::to_string(&expression).unwrap(),
        r#"{"x":"{% $y %}"}"#
    );
}
