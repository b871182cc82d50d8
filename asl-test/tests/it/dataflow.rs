//! JSONPath data flow: `InputPath`, `Parameters`, `ResultSelector`,
//! `ResultPath`, `OutputPath`, the context object and path errors, as the
//! AWS Step Functions Developer Guide and the ASL specification describe them.

use std::cell::RefCell;
use std::rc::Rc;

use asl_test::{Executor, Failure, Mock, Status};
use asl_types::{Json, StateMachine};

use crate::support::{TestResult, json, output, run};

/// A mock that records what each call was sent and answers `result`.
fn recording(result: Json) -> (Mock, Rc<RefCell<Vec<Json>>>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&seen);
    let mock = Mock::handler(move |call| {
        log.borrow_mut().push(call.input.clone());
        Ok(result.clone())
    });
    (mock, seen)
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
// "InputPath → Parameters → (task) → ResultSelector → ResultPath → OutputPath".
// ResultPath combines the result with the state's *raw* input (spec: "the
// state's raw input"), not with what InputPath selected.
#[test]
fn data_flow_applies_inputpath_parameters_resultselector_resultpath_outputpath_in_order()
-> TestResult {
    let (mock, seen) = recording(json(r#"{"r": {"deep": 5}, "other": 0}"#));
    let outcome = run(
        r#"{
          "StartAt": "T",
          "States": {
            "T": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "InputPath": "$.a",
              "Parameters": {"px.$": "$.x", "const": "c"},
              "ResultSelector": {"d.$": "$.r.deep"},
              "ResultPath": "$.a.res",
              "OutputPath": "$.a",
              "End": true
            }
          }
        }"#,
        r#"{"a": {"x": 1, "y": 2}, "keep": "k"}"#,
        vec![("T", mock)],
    )?;
    assert_eq!(*seen.borrow(), [json(r#"{"px": 1, "const": "c"}"#)]);
    assert_eq!(
        output(&outcome),
        json(r#"{"x": 1, "y": 2, "res": {"d": 5}}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
// "If the value of InputPath is null, that means that the raw input is
// discarded, and the effective input for the state is an empty JSON object, {}."
#[test]
fn inputpath_null_gives_an_empty_object() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": null, "End": true}}}"#,
        r#"{"a": 1}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json("{}"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html#input-output-resultpath-null
// "If you set ResultPath to null, the state will pass the original input to
// the output."
#[test]
fn resultpath_null_keeps_the_input() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Hello",
            "ResultPath": null, "End": true}}}"#,
        r#"{"comment": "This is a test", "details": "Default example", "who": "Step Functions"}"#,
        vec![("T", Mock::returns("Hello, Step Functions!"))],
    )?;
    assert_eq!(
        output(&outcome),
        json(
            r#"{"comment": "This is a test", "details": "Default example", "who": "Step Functions"}"#
        )
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html#input-output-resultpath-default
// "If you don't specify a ResultPath, the default behavior is as if you had
// specified "ResultPath": "$". The state will replace the entire state
// input with the result."
#[test]
fn resultpath_default_replaces_the_input_with_the_result() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Hello",
            "End": true}}}"#,
        r#"{"comment": "This is a test", "details": "Default example", "who": "Step Functions"}"#,
        vec![("T", Mock::returns("Hello, Step Functions!"))],
    )?;
    assert_eq!(output(&outcome), json(r#""Hello, Step Functions!""#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
// ("Use ResultPath to include the result with the input": the result is
// added at the path) and the ASL spec ("ResultPath"): a ResultPath naming
// fields the input does not have creates them (paraphrased).
#[test]
fn resultpath_into_a_missing_nested_field_creates_it() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
            "ResultPath": "$.x.y.z", "End": true}}}"#,
        r#"{"a": 1}"#,
        vec![("T", Mock::returns(json("7")))],
    )?;
    assert_eq!(output(&outcome), json(r#"{"a": 1, "x": {"y": {"z": 7}}}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-outputpath.html
// and the ASL spec ("Filters"): "If the value of OutputPath is null, that
// means the input and result are discarded, and the effective output from
// the state is an empty JSON object, {}."
#[test]
fn outputpath_null_gives_an_empty_object() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.r",
            "OutputPath": null, "End": true}}}"#,
        r#"{"a": 1}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json("{}"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
// Parameters fields ending in ".$" may use "$$." paths into the context
// object: Execution.Name, Execution.StartTime, State.Name, State.EnteredTime.
// The Pass state is entered after a 5 s Wait that starts at the execution
// start time.
#[test]
fn parameters_read_the_context_object() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Pause",
      "States": {
        "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Read"},
        "Read": {
          "Type": "Pass",
          "Parameters": {
            "name.$": "$$.Execution.Name",
            "started.$": "$$.Execution.StartTime",
            "state.$": "$$.State.Name",
            "entered.$": "$$.State.EnteredTime"
          },
          "End": true
        }
      }
    }"#
    .parse()?;
    let mut executor = Executor::new(&machine);
    executor.options().execution_name = "exec-42".into();
    executor.options().start_time("2024-05-01T12:00:00Z")?;
    let outcome = executor.run(json("{}"))?;
    assert_eq!(
        output(&outcome),
        json(
            r#"{"name": "exec-42", "started": "2024-05-01T12:00:00.000Z",
                "state": "Read", "entered": "2024-05-01T12:00:05.000Z"}"#
        )
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
// "RetryCount": the number of retries of the current state — 0 on the first
// attempt, then 1, 2, … on each retry.
#[test]
fn retry_count_in_the_context_counts_the_retries() -> TestResult {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&seen);
    let mock = Mock::handler(move |call| {
        log.borrow_mut().push(call.input.clone());
        if call.call < 2 {
            Err(Failure::new("Flaky", "try again"))
        } else {
            Ok(json(r#""done""#))
        }
    });
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
            "Parameters": {"try.$": "$$.State.RetryCount"},
            "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1}],
            "End": true}}}"#,
        "{}",
        vec![("T", mock)],
    )?;
    assert_eq!(output(&outcome), json(r#""done""#));
    assert_eq!(
        *seen.borrow(),
        [
            json(r#"{"try": 0}"#),
            json(r#"{"try": 1}"#),
            json(r#"{"try": 2}"#)
        ]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// In JSONPath states a variable is referenced with a path that starts with
// the variable name: "$productName".
#[test]
fn parameters_read_workflow_variables() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Assign": {"greeting": "hi", "box": {"n": 3}}, "Next": "Use"},
            "Use": {"Type": "Pass", "Parameters": {"g.$": "$greeting", "n.$": "$box.n"}, "End": true}
        }}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"g": "hi", "n": 3}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#states-runtime-error
// States.Runtime: "An execution failed due to some exception that it
// couldn't process. Often these are caused by errors at runtime, such as
// attempting to apply InputPath or OutputPath on a null JSON payload."
// The cause AWS records names the state and the id of its entered event
// (1 = ExecutionStarted, 2 = the first state entered).
#[test]
fn a_path_that_selects_nothing_fails_with_states_runtime() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}"#,
        r#"{"a": 1}"#,
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    let cause = outcome.cause.unwrap_or_default();
    assert!(
        cause.starts_with(
            "An error occurred while executing the state 'P' (entered at the event id #2)."
        ),
        "{cause}"
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "States.ALL ... can't catch the States.DataLimitExceeded terminal error
// or Runtime error types." (States.Runtime: "A retry or catch on States.ALL
// won't catch States.Runtime errors.")
#[test]
fn states_all_does_not_catch_states_runtime() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                  "Parameters": {"v.$": "$.missing"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recovered"}],
                  "End": true},
            "Recovered": {"Type": "Succeed"}
        }}"#,
        r#"{"a": 1}"#,
        vec![("T", Mock::returns(json("1")))],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    assert_eq!(outcome.path, ["T"]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#states-runtime-error
// "A retry or catch on States.ALL won't catch States.Runtime errors."
#[test]
fn states_all_does_not_retry_states_runtime() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                  "OutputPath": "$.missing",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                  "End": true}
        }}"#,
        "{}",
        vec![("T", Mock::returns(json(r#"{"a": 1}"#)))],
    )?;
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        crate::support::count_of(&outcome, "LambdaFunctionScheduled"),
        1
    );
    Ok(())
}
