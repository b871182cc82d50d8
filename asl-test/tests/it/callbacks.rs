//! Tasks that wait: `.waitForTaskToken` callbacks answered, failed and
//! timed out by heartbeat; activities; nested `states:startExecution`.

use std::cell::RefCell;
use std::rc::Rc;

use asl_test::{Executor, Failure, Mock, Mocks, Response, RunError, Status};
use asl_types::{Json, StateMachine};

use crate::support::{START_MS, TestResult, json, output, times_of};

fn timestamp_ms(run: &asl_test::Outcome, kind: &str) -> i64 {
    times_of(run, kind)[0]
}

fn callback_machine() -> StateMachine {
    r#"{
      "StartAt": "Approve",
      "States": {
        "Approve": {
          "Type": "Task",
          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                         "MessageBody": {"token.$": "$$.Task.Token", "model.$": "$.model"}},
          "HeartbeatSeconds": 60,
          "TimeoutSeconds": 3600,
          "ResultPath": "$.approval",
          "Catch": [{"ErrorEquals": ["States.HeartbeatTimeout"], "ResultPath": "$.error", "Next": "Expired"}],
          "End": true
        },
        "Expired": {"Type": "Fail", "Error": "ApprovalExpired", "CausePath": "$.error.Cause"}
      }
    }"#
    .parse()
    .expect("valid definition")
}

#[test]
fn a_callback_gets_a_token_and_the_answer_is_its_result() -> TestResult {
    let machine = callback_machine();
    let mut executor = Executor::new(&machine);
    executor.options().execution_name = "nightly".into();
    let seen = Rc::new(RefCell::new(None));
    let token = Rc::clone(&seen);
    executor.mock(
        "Approve",
        Mock::handler(move |call| {
            // The token the message carries is the one the task waits on.
            let sent = call.input.pointer("/MessageBody/token").cloned();
            assert_eq!(sent.as_ref().and_then(Json::as_str), call.task_token);
            *token.borrow_mut() = sent;
            Ok(json(r#"{"approved": true}"#))
        }),
    );
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(
        output(&run),
        json(r#"{"model": "m-1", "approval": {"approved": true}}"#)
    );
    assert_eq!(*seen.borrow(), Some(Json::from("nightly-token-1")));
    // The same run gives the same token.
    executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(*seen.borrow(), Some(Json::from("nightly-token-1")));
    Ok(())
}

#[test]
fn a_callback_answered_with_heartbeats_in_time_succeeds() -> TestResult {
    let machine = callback_machine();
    let mut executor = Executor::new(&machine);
    // Heartbeats at 50 s and 100 s, the answer at 150 s: never 60 s quiet.
    executor.mock(
        "Approve",
        Mock::sequence([Response::Return(json(r#"{"approved": true}"#))
            .after_seconds(50)
            .after_heartbeat(50)
            .after_heartbeat(50)]),
    );
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(timestamp_ms(&run, "ExecutionSucceeded") - START_MS, 150_000);
    Ok(())
}

#[test]
fn a_callback_without_heartbeats_times_out_on_the_virtual_clock() -> TestResult {
    let machine = callback_machine();
    let mut executor = Executor::new(&machine);
    // One heartbeat at 30 s, then silence: expires at 90 s.
    executor.mock(
        "Approve",
        Mock::sequence([Response::Return(json("{}"))
            .after_seconds(500)
            .after_heartbeat(30)]),
    );
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("ApprovalExpired"));
    assert!(run.cause.as_deref().unwrap().contains("HeartbeatSeconds"));
    assert!(run.event_types().contains(&"TaskTimedOut"));
    let expired = timestamp_ms(&run, "TaskTimedOut");
    assert_eq!(expired - START_MS, 90_000);
    Ok(())
}

#[test]
fn a_callback_failure_and_the_task_timeout() -> TestResult {
    let machine = callback_machine();
    let mut executor = Executor::new(&machine);
    executor.mock("Approve", Mock::throws("Rejected", "the reviewer said no"));
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(run.error.as_deref(), Some("Rejected"));
    // Heartbeats every 50 s for two hours: the 3600 s TimeoutSeconds wins.
    let mut answer = Response::Return(json("{}"));
    for _ in 0..144 {
        answer = answer.after_heartbeat(50);
    }
    executor.mock("Approve", Mock::sequence([answer]));
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
    Ok(())
}

#[test]
fn the_mock_file_form_takes_seconds_and_heartbeats() -> TestResult {
    let machine = callback_machine();
    let mut executor = Executor::new(&machine);
    executor.mocks(Mocks::from_json_text(
        r#"{"Approve": {"Return": {"ok": 1}, "Seconds": 150, "Heartbeats": [50, 100]}}"#,
    )?);
    assert_eq!(
        executor.run(json(r#"{"model": "m-1"}"#))?.status,
        Status::Succeeded
    );
    executor.mocks(Mocks::from_json_text(
        r#"{"Approve": {"Return": {"ok": 1}, "Seconds": 150, "Heartbeats": [100]}}"#,
    )?);
    assert_eq!(
        executor.run(json(r#"{"model": "m-1"}"#))?.error.as_deref(),
        Some("ApprovalExpired")
    );
    let bad =
        Mocks::from_json_text(r#"{"Approve": {"Return": 1, "Seconds": 10, "Heartbeats": [20]}}"#)
            .unwrap_err();
    assert!(bad.to_string().contains("`Approve`[0]"), "{bad}");
    Ok(())
}

#[test]
fn an_activity_is_mocked_like_a_task() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Label",
      "States": {"Label": {
        "Type": "Task",
        "Resource": "arn:aws:states:us-east-1:123456789012:activity:human-labeling",
        "HeartbeatSeconds": 10,
        "End": true}}
    }"#
    .parse()?;
    let mut executor = Executor::new(&machine);
    executor.mock("Label", Mock::returns(json(r#"{"label": "cat"}"#)));
    assert_eq!(
        output(&executor.run(json(r#"{"model": "m-1"}"#))?),
        json(r#"{"label": "cat"}"#)
    );
    executor.mock(
        "Label",
        Mock::sequence([Response::Return(json("{}")).after_seconds(11)]),
    );
    let run = executor.run(json(r#"{"model": "m-1"}"#))?;
    assert_eq!(run.error.as_deref(), Some("States.HeartbeatTimeout"));
    Ok(())
}

fn parent(pattern: &str) -> StateMachine {
    format!(
        r#"{{
      "StartAt": "Train",
      "States": {{
        "Train": {{
          "Type": "Task",
          "Resource": "arn:aws:states:::states:startExecution{pattern}",
          "Parameters": {{
            "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:TrainModel",
            "Name": "train-1",
            "Input": {{"job.$": "$.job"}}
          }},
          "Catch": [{{"ErrorEquals": ["States.TaskFailed"], "Next": "ChildFailed"}}],
          "End": true
        }},
        "ChildFailed": {{"Type": "Pass", "End": true}}
      }}
    }}"#
    )
    .parse()
    .expect("valid definition")
}

fn child() -> StateMachine {
    r#"{
      "StartAt": "Fit",
      "States": {
        "Fit": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "fit", "Payload": {"job.$": "$.job"}},
                "ResultSelector": {"model.$": "$.Payload.model"}, "End": true}
      }
    }"#
    .parse()
    .expect("valid definition")
}

#[test]
fn start_execution_sync_runs_the_child_and_returns_its_output_as_text() -> TestResult {
    let (parent, child) = (parent(".sync"), child());
    let mut executor = Executor::new(&parent);
    executor.state_machine("TrainModel", &child);
    executor.mock(
        "Fit",
        Mock::returns(json(r#"{"Payload": {"model": "s3://m/model.tar.gz"}}"#)),
    );
    let run = executor.run(json(r#"{"job": "j-1"}"#))?;
    let out = output(&run);
    assert_eq!(run.path, ["Train", "Fit"]);
    assert_eq!(
        out.get("Output"),
        Some(&Json::from(r#"{"model":"s3://m/model.tar.gz"}"#))
    );
    assert_eq!(out.get("Input"), Some(&Json::from(r#"{"job":"j-1"}"#)));
    assert_eq!(out.get("Status"), Some(&Json::from("SUCCEEDED")));
    assert_eq!(out.get("Name"), Some(&Json::from("train-1")));
    assert_eq!(
        out.get("ExecutionArn"),
        Some(&Json::from(
            "arn:aws:states:us-east-1:123456789012:execution:TrainModel:train-1"
        ))
    );
    Ok(())
}

#[test]
fn start_execution_sync2_returns_json_and_request_response_does_not_wait() -> TestResult {
    let child = child();
    let model = json(r#"{"Payload": {"model": "s3://m/model.tar.gz"}}"#);
    let parent2 = parent(".sync:2");
    let mut executor = Executor::new(&parent2);
    executor.state_machine(
        "arn:aws:states:us-east-1:123456789012:stateMachine:TrainModel",
        &child,
    );
    executor.mock("Fit", Mock::returns(model.clone()));
    let out = output(&executor.run(json(r#"{"job": "j-1"}"#))?);
    assert_eq!(
        out.get("Output"),
        Some(&json(r#"{"model": "s3://m/model.tar.gz"}"#))
    );
    assert_eq!(out.get("Input"), Some(&json(r#"{"job": "j-1"}"#)));

    let parent = parent("");
    let mut executor = Executor::new(&parent);
    executor.state_machine("TrainModel", &child);
    executor.mock("Fit", Mock::returns(model));
    let out = output(&executor.run(json(r#"{"job": "j-1"}"#))?);
    let keys: Vec<&str> = out
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["ExecutionArn", "StartDate"]);
    Ok(())
}

#[test]
fn a_failed_child_fails_the_sync_task_with_its_description() -> TestResult {
    let (parent, child) = (parent(".sync"), child());
    let mut executor = Executor::new(&parent);
    executor.state_machine("TrainModel", &child);
    executor.mock(
        "Fit",
        Mock::handler(|_| Err(Failure::new("Lambda.Unknown", "out of memory"))),
    );
    let run = executor.run(json(r#"{"job": "j-1"}"#))?;
    assert_eq!(run.path, ["Train", "Fit", "ChildFailed"]);
    let caught = output(&run);
    assert_eq!(caught.get("Error"), Some(&Json::from("States.TaskFailed")));
    let cause: Json = caught
        .get("Cause")
        .and_then(Json::as_str)
        .unwrap()
        .parse()?;
    assert_eq!(cause.get("Status"), Some(&Json::from("FAILED")));
    assert_eq!(cause.get("Error"), Some(&Json::from("Lambda.Unknown")));
    Ok(())
}

#[test]
fn an_unregistered_child_machine_needs_a_mock() {
    let parent = parent(".sync");
    let err = Executor::new(&parent)
        .run(json(r#"{"job": "j-1"}"#))
        .unwrap_err();
    assert!(matches!(err, RunError::NoMock { .. }), "{err}");
}
