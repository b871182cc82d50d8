//! JSONata states: `Arguments`, `Output`, `$states`, Choice `Condition`,
//! Map `Items`, Fail `Error` / `Cause` expressions, evaluation errors and
//! Step Functions' own JSONata functions, as the AWS Step Functions
//! Developer Guide ("Transforming data with JSONata in Step Functions")
//! describes them.

use std::cell::RefCell;
use std::rc::Rc;

use asl_test::{Executor, Mock, Status};
use asl_types::{Json, StateMachine};

use crate::support::{TestResult, json, output, run};

/// A JSONata machine of one Pass state whose `Output` is `expression`.
fn pass_output(expression: &str) -> String {
    format!(
        r#"{{"QueryLanguage": "JSONata", "StartAt": "P", "States": {{
          "P": {{"Type": "Pass", "Output": "{{% {expression} %}}", "End": true}}}}}}"#
    )
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "Arguments": the input sent to the task, "{% %}" strings evaluated, the
// other values literal; "$states.input" is the state's input.
#[test]
fn arguments_are_evaluated_and_sent_to_the_task() -> TestResult {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&seen);
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": "f", "Payload": {"id": "{% $states.input.order.id %}", "fixed": 5}},
                "End": true}
        }}"#,
        r#"{"order": {"id": "o-1"}}"#,
        vec![(
            "T",
            Mock::handler(move |call| {
                log.borrow_mut().push(call.input.clone());
                Ok(json("{}"))
            }),
        )],
    )?;
    assert!(outcome.succeeded());
    assert_eq!(
        *seen.borrow(),
        [json(
            r#"{"FunctionName": "f", "Payload": {"id": "o-1", "fixed": 5}}"#
        )]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// A Task without Output outputs its result ("$states.result").
#[test]
fn a_task_without_output_outputs_its_result() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
        r#"{"in": 1}"#,
        vec![("T", Mock::returns(json(r#"{"out": 2}"#)))],
    )?;
    assert_eq!(output(&outcome), json(r#"{"out": 2}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// "$states.input": "Original input to the state"; "$states.result": "API
// or sub-workflow's result (if successful)" — both usable in Output.
#[test]
fn output_reads_states_input_and_states_result() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Output": {"in": "{% $states.input.a %}", "res": "{% $states.result.b %}", "lit": "plain"},
                "End": true}}}"#,
        r#"{"a": "A"}"#,
        vec![("T", Mock::returns(json(r#"{"b": [1, 2]}"#)))],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"{"in": "A", "res": [1, 2], "lit": "plain"}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
// In JSONata states the context object is "$states.context"
// (Execution.Name: the execution's name).
#[test]
fn states_context_gives_the_execution_name() -> TestResult {
    let machine: StateMachine = pass_output("$states.context.Execution.Name").parse()?;
    let mut executor = Executor::new(&machine);
    executor.options().execution_name = "order-7".into();
    let outcome = executor.run(json("{}"))?;
    assert_eq!(output(&outcome), json(r#""order-7""#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// JSONata Choice rules have a "Condition" that must evaluate to a Boolean;
// the first rule whose Condition is true is taken, else the Default.
#[test]
fn choice_condition_takes_the_first_true_rule() -> TestResult {
    let definition = r#"{"QueryLanguage": "JSONata", "StartAt": "C", "States": {
      "C": {"Type": "Choice",
            "Choices": [{"Condition": "{% $states.input.age >= 18 %}", "Next": "Adult"},
                        {"Condition": "{% $states.input.age >= 13 %}", "Next": "Teen"}],
            "Default": "Child"},
      "Adult": {"Type": "Succeed"}, "Teen": {"Type": "Succeed"}, "Child": {"Type": "Succeed"}
    }}"#;
    assert_eq!(
        run(definition, r#"{"age": 30}"#, vec![])?.path,
        ["C", "Adult"]
    );
    assert_eq!(
        run(definition, r#"{"age": 15}"#, vec![])?.path,
        ["C", "Teen"]
    );
    assert_eq!(
        run(definition, r#"{"age": 3}"#, vec![])?.path,
        ["C", "Child"]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
// JSONata Map: "Items" is the array to iterate (a JSONata expression);
// each iteration's $states.input is its item.
#[test]
fn map_items_expression_supplies_the_items() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
          "Each": {"Type": "Map", "Items": "{% $states.input.list %}",
                   "ItemProcessor": {"StartAt": "Double", "States": {"Double": {
                     "Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}},
                   "End": true}
        }}"#,
        r#"{"list": [1, 2, 3]}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json("[2, 4, 6]"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
// In JSONata states, a Fail state's Error and Cause may be JSONata
// expressions.
#[test]
fn fail_error_and_cause_are_evaluated() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "F", "States": {
          "F": {"Type": "Fail", "Error": "{% 'Order.' & $states.input.code %}",
                "Cause": "{% 'order ' & $string($states.input.n) & ' rejected' %}"}}}"#,
        r#"{"code": "Rejected", "n": 12}"#,
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Order.Rejected"));
    assert_eq!(outcome.cause.as_deref(), Some("order 12 rejected"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// States.QueryEvaluationError: "Query evaluation failed in a JSONata
// state", e.g. a type error in an expression.
#[test]
fn a_failing_expression_fails_with_states_query_evaluation_error() -> TestResult {
    let outcome = run(&pass_output("1 + 'a'"), "{}", vec![])?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(
        outcome.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "Step Functions implements JSONata according to the 2.0.6 specification.
// All built-in JSONata functions and operators in the 2.0.6 specification
// are supported, with one exception: $eval is not available; use $parse
// instead." Calling it is an evaluation error.
#[test]

fn eval_is_not_available() -> TestResult {
    let outcome = run(&pass_output("$eval('1 + 1')"), "{}", vec![])?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(
        outcome.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$partition(array, size)": "Partitions a large array into chunks"; the
// last chunk may be smaller.
#[test]
fn partition_splits_an_array_into_chunks() -> TestResult {
    let outcome = run(&pass_output("$partition([1, 2, 3, 4, 5], 2)"), "{}", vec![])?;
    assert_eq!(output(&outcome), json("[[1, 2], [3, 4], [5]]"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$range(start, end, step)": "Array of values from start to end (both
// included) by step": $range(0, 10, 2) is [0, 2, 4, 6, 8, 10].
#[test]
fn range_steps_from_start_to_end_inclusive() -> TestResult {
    let outcome = run(&pass_output("$range(0, 10, 2)"), "{}", vec![])?;
    assert_eq!(output(&outcome), json("[0, 2, 4, 6, 8, 10]"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$hash(data, algorithm)" (MD5, SHA-1, SHA-256, SHA-384, SHA-512), as
// States.Hash: SHA-1 of "input data" is
// "aaff4a450a104cd177d28d18d74485e8cae074b7" (the States.Hash example of
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html);
// its SHA-256 comes from `sha256sum`.
#[test]
fn hash_gives_the_hex_digest() -> TestResult {
    let outcome = run(
        &pass_output("[$hash('input data', 'SHA-1'), $hash('input data', 'SHA-256')]"),
        "{}",
        vec![],
    )?;
    assert_eq!(
        output(&outcome),
        json(
            r#"["aaff4a450a104cd177d28d18d74485e8cae074b7",
                "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"]"#
        )
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$random([seed])": a random number n with 0 <= n < 1; "with an optional
// seed" — the same seed gives the same number.
#[test]
fn random_with_a_seed_repeats_and_lies_in_zero_to_one() -> TestResult {
    let outcome = run(&pass_output("[$random(42), $random(42)]"), "{}", vec![])?;
    let out = output(&outcome);
    let (Some(Json::Number(a)), Some(Json::Number(b))) = (out.get_index(0), out.get_index(1))
    else {
        panic!("not two numbers: {out:?}");
    };
    assert_eq!(a, b);
    let a = a.as_f64().unwrap_or(-1.0);
    assert!((0.0..1.0).contains(&a), "{a}");
    Ok(())
}

// $random() without a seed is random; the executor's run seed makes it
// reproducible: the same seed gives the same values.
#[test]
fn random_without_a_seed_follows_the_run_seed() -> TestResult {
    let machine: StateMachine = pass_output("[$random(), $random()]").parse()?;
    let draw = |seed| -> Result<Json, Box<dyn std::error::Error>> {
        let mut executor = Executor::new(&machine);
        executor.seed(seed);
        Ok(output(&executor.run(json("{}"))?))
    };
    assert_eq!(draw(5)?, draw(5)?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$uuid()": "Returns a v4 UUID" (RFC 4122: 8-4-4-4-12 hex digits, version
// nibble 4, variant bits 10xx).
#[test]
fn uuid_is_a_version_4_uuid() -> TestResult {
    let outcome = run(&pass_output("$uuid()"), "{}", vec![])?;
    let out = output(&outcome);
    let uuid = out.as_str().unwrap_or_default();
    let groups: Vec<&str> = uuid.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{uuid}"
    );
    assert!(
        uuid.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)),
        "{uuid}"
    );
    assert!(groups[2].starts_with('4'), "{uuid}");
    assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{uuid}");
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// "$parse(jsonString)": "Deserialize JSON string" into a value.
#[test]
fn parse_turns_a_json_string_into_a_value() -> TestResult {
    let outcome = run(
        &pass_output("$parse($states.input.text)"),
        r#"{"text": "{\"a\": [1, true, null], \"b\": \"x\"}"}"#,
        vec![],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"{"a": [1, true, null], "b": "x"}"#)
    );
    Ok(())
}
