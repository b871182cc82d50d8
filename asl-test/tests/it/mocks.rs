//! Mocked tasks and reproducibility: responses in call order, handlers that
//! see the evaluated `Parameters`, a missing mock, and byte-identical
//! outcomes for identical runs.

use std::cell::RefCell;
use std::rc::Rc;

use asl_test::{Executor, Mock, Response, RunError};
use asl_types::{Json, StateMachine};

use crate::support::{TestResult, json, output, run};

// The mock contract (asl-test's `Mock::Responses`): the Nth call of a
// state gets the Nth response, the last one repeats. Map iterations call
// the Task in item order (each iteration is one call).
#[test]
fn the_nth_call_gets_the_nth_response_and_the_last_repeats() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Each", "States": {"Each": {
          "Type": "Map",
          "ItemProcessor": {"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}"#,
        r#"["a", "b", "c", "d", "e"]"#,
        vec![(
            "T",
            Mock::sequence([
                Response::Return(json("1")),
                Response::Return(json("2")),
                Response::Return(json("3")),
            ]),
        )],
    )?;
    assert_eq!(output(&outcome), json("[1, 2, 3, 3, 3]"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
// The task receives the Parameters after evaluation ("$"-paths and
// intrinsic functions replaced by their values); a handler mock sees
// exactly that.
#[test]
fn a_handler_sees_the_evaluated_parameters() -> TestResult {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&seen);
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
          "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "f",
                         "Payload": {"who.$": "$.name",
                                     "greeting.$": "States.Format('Hello, {}!', $.name)",
                                     "state.$": "$$.State.Name"}},
          "End": true}}}"#,
        r#"{"name": "Ada"}"#,
        vec![(
            "T",
            Mock::handler(move |call| {
                log.borrow_mut().push(call.input.clone());
                Ok(Json::from(call.state))
            }),
        )],
    )?;
    assert_eq!(output(&outcome), json(r#""T""#));
    assert_eq!(
        *seen.borrow(),
        [json(
            r#"{"FunctionName": "f", "Payload": {"who": "Ada", "greeting": "Hello, Ada!", "state": "T"}}"#
        )]
    );
    Ok(())
}

// The executor's contract (`RunError::NoMock`): a Task without a mock is a
// configuration error of the run, naming the state — not a failed
// execution.
#[test]
fn a_task_without_a_mock_is_a_run_error_naming_the_state() -> TestResult {
    let machine: StateMachine = r#"{"StartAt": "Ok", "States": {
      "Ok": {"Type": "Pass", "Next": "Charge"},
      "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#
        .parse()?;
    let error = Executor::new(&machine)
        .run(json("{}"))
        .expect_err("the run cannot go on without a mock");
    assert!(
        matches!(&error, RunError::NoMock { state, .. } if state == "Charge"),
        "{error:?}"
    );
    assert!(error.to_string().contains("Charge"), "{error}");
    Ok(())
}

// The executor's contract (crate docs): "The same machine, input, mocks
// and seed give the same Outcome, byte for byte" — here with every source
// of randomness: $uuid, $random, a jittered retry, a Map and a Wait.
#[test]
fn the_same_machine_input_mocks_and_seed_give_a_byte_identical_outcome() -> TestResult {
    let machine: StateMachine = r#"{"QueryLanguage": "JSONata", "StartAt": "Ids", "States": {
      "Ids": {"Type": "Pass", "Assign": {"id": "{% $uuid() %}"},
              "Output": "{% {'r': $random(), 'items': $states.input.items} %}", "Next": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 3, "Next": "Each"},
      "Each": {"Type": "Map", "Items": "{% $states.input.items %}",
               "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
                 "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Flaky"], "JitterStrategy": "FULL", "IntervalSeconds": 4}],
                 "End": true}}},
               "Output": "{% {'results': $states.result, 'id': $id} %}",
               "End": true}
    }}"#
    .parse()?;
    let once = || -> Result<String, Box<dyn std::error::Error>> {
        let mut executor = Executor::new(&machine);
        executor.seed(99).mock(
            "Call",
            Mock::sequence([
                Response::Throw(asl_test::Failure::new("Flaky", "once")),
                Response::Return(json(r#"{"ok": 1}"#)),
            ]),
        );
        let outcome = executor.run(json(r#"{"items": [1, 2, 3]}"#))?;
        assert!(outcome.succeeded(), "{:?}", outcome.cause);
        Ok(serde_json::to_string(&outcome.to_json(true))?)
    };
    assert_eq!(once()?, once()?);
    Ok(())
}
