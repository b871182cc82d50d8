//! Wait states and the machine's `TimeoutSeconds` on the virtual clock:
//! history timestamps advance, the test does not sleep, as the AWS Step
//! Functions Developer Guide ("Wait workflow state", "State machine
//! structure") describes them.

use std::time::{Duration, Instant};

use asl_test::{Executor, Mock, Response, Status};
use asl_types::StateMachine;

use crate::support::{START_MS, TestResult, epoch_ms, json, output, run, times_of};

/// Real time a test may take while the virtual clock runs for days.
const REAL_TIME_BUDGET: Duration = Duration::from_secs(5);

/// A machine that waits as `wait` says (the Wait state's fields), then
/// enters the Pass state `Then`.
fn waiting(wait: &str) -> String {
    format!(
        r#"{{"StartAt": "W", "States": {{
          "W": {{"Type": "Wait", {wait}, "Next": "Then"}},
          "Then": {{"Type": "Pass", "End": true}}}}}}"#
    )
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// "Seconds: A time, in seconds, to wait before beginning the state
// specified in the Next field." A day-long wait advances the history
// clock by a day and takes no real time.
#[test]
fn wait_seconds_delays_the_next_state() -> TestResult {
    let started = Instant::now();
    let outcome = run(&waiting(r#""Seconds": 86400"#), r#"{"keep": 1}"#, vec![])?;
    assert!(started.elapsed() < REAL_TIME_BUDGET);
    assert_eq!(
        times_of(&outcome, "PassStateEntered"),
        [START_MS + 86_400_000]
    );
    // The Wait state passes its input on.
    assert_eq!(output(&outcome), json(r#"{"keep": 1}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// "Timestamp: An absolute time to wait until beginning the state specified
// in the Next field." Example: "Timestamp": "2016-03-14T01:59:00Z".
#[test]
fn wait_timestamp_waits_until_that_time() -> TestResult {
    let machine: StateMachine = waiting(r#""Timestamp": "2016-03-14T01:59:00Z""#).parse()?;
    let mut executor = Executor::new(&machine);
    executor.options().start_time("2016-03-14T01:00:00Z")?;
    let outcome = executor.run(json("{}"))?;
    assert_eq!(
        times_of(&outcome, "PassStateEntered"),
        [epoch_ms("2016-03-14T01:59:00.000Z")]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// "SecondsPath: A time, in seconds, to wait before beginning the state
// specified in the Next field, specified using a path from the state's
// input data."
#[test]
fn wait_seconds_path_reads_the_delay_from_the_input() -> TestResult {
    let outcome = run(
        &waiting(r#""SecondsPath": "$.delay""#),
        r#"{"delay": 30}"#,
        vec![],
    )?;
    assert_eq!(times_of(&outcome, "PassStateEntered"), [START_MS + 30_000]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// "TimestampPath: An absolute time to wait until beginning the state
// specified in the Next field, specified using a path from the state's
// input data." Example input {"expirydate": "2016-03-14T01:59:00Z"}.
#[test]
fn wait_timestamp_path_reads_the_time_from_the_input() -> TestResult {
    let machine: StateMachine = waiting(r#""TimestampPath": "$.expirydate""#).parse()?;
    let mut executor = Executor::new(&machine);
    executor.options().start_time("2016-03-14T00:00:00Z")?;
    let outcome = executor.run(json(r#"{"expirydate": "2016-03-14T01:59:00Z"}"#))?;
    assert_eq!(
        times_of(&outcome, "PassStateEntered"),
        [epoch_ms("2016-03-14T01:59:00.000Z")]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// In JSONata states, Seconds may be a JSONata expression.
#[test]
fn jsonata_wait_seconds_expression_sets_the_delay() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "W", "States": {
          "W": {"Type": "Wait", "Seconds": "{% $states.input.minutes * 60 %}", "Next": "Then"},
          "Then": {"Type": "Pass", "End": true}}}"#,
        r#"{"minutes": 2}"#,
        vec![],
    )?;
    assert_eq!(times_of(&outcome, "PassStateEntered"), [START_MS + 120_000]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
// "TimeoutSeconds (Optional): The maximum number of seconds an execution
// of the state machine can run. If it runs longer than the specified time,
// the execution fails with a States.Timeout Error name." The execution's
// status is TIMED_OUT (DescribeExecution / ExecutionTimedOut event).
#[test]
fn machine_timeout_seconds_times_out_a_long_wait() -> TestResult {
    let started = Instant::now();
    let outcome = run(
        r#"{"TimeoutSeconds": 5, "StartAt": "W", "States": {
          "W": {"Type": "Wait", "Seconds": 3600, "Next": "Then"},
          "Then": {"Type": "Pass", "End": true}}}"#,
        "{}",
        vec![],
    )?;
    assert!(started.elapsed() < REAL_TIME_BUDGET);
    assert_eq!(outcome.status, Status::TimedOut);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"));
    assert!(!outcome.path.contains(&"Then".to_owned()));
    assert_eq!(
        outcome.event_types().last().copied(),
        Some("ExecutionTimedOut")
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
// An execution that finishes within TimeoutSeconds is not affected.
#[test]
fn machine_timeout_seconds_allows_a_shorter_run() -> TestResult {
    let outcome = run(
        r#"{"TimeoutSeconds": 60, "StartAt": "W", "States": {
          "W": {"Type": "Wait", "Seconds": 59, "Next": "Then"},
          "Then": {"Type": "Pass", "End": true}}}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Succeeded);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
// "TimeoutSeconds: If the task runs longer than the specified seconds,
// this state fails with a States.Timeout error name." A mocked task that
// takes 120 s of virtual time against a 60 s limit times out at 60 s; the
// retrier for States.Timeout runs it again, and the second (30 s) attempt
// succeeds.
#[test]
fn a_task_running_past_its_timeout_seconds_fails_with_states_timeout() -> TestResult {
    let machine: StateMachine = r#"{"StartAt": "Train", "States": {
        "Train": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "train"},
                  "TimeoutSeconds": 60,
                  "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 5, "MaxAttempts": 1}],
                  "End": true}}}"#
        .parse()?;
    let mut executor = Executor::new(&machine);
    executor.mock(
        "Train",
        Mock::sequence([
            Response::Return(json(r#"{"slow": true}"#)).after_seconds(120),
            Response::Return(json(r#"{"fast": true}"#)).after_seconds(30),
        ]),
    );
    let outcome = executor.run(json("{}"))?;
    assert_eq!(outcome.status, Status::Succeeded, "{outcome:?}");
    assert_eq!(output(&outcome), json(r#"{"fast": true}"#));
    // Timed out at 60 s, waited 5 s, ran 30 s.
    assert_eq!(
        epoch_ms(&outcome.history.last().unwrap().timestamp) - START_MS,
        95_000
    );
    assert_eq!(
        outcome
            .event_types()
            .iter()
            .filter(|t| **t == "TaskTimedOut")
            .count(),
        1
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
// "TimeoutSeconds: The maximum number of seconds an execution of the state
// machine can run. If it runs longer than the specified time, the
// execution fails with a States.Timeout Error name." A task of two hours
// in a machine limited to one hour.
#[test]
fn a_long_task_times_the_machine_out() -> TestResult {
    let machine: StateMachine = r#"{"StartAt": "Train", "TimeoutSeconds": 3600, "States": {
        "Train": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
                  "Parameters": {"TrainingJobName": "t"}, "End": true}}}"#
        .parse()?;
    let mut executor = Executor::new(&machine);
    // The result is never used; `{}` is no complete DescribeTrainingJob.
    executor.options().mock_validation = asl_test::FieldValidation::None;
    executor.mock(
        "Train",
        Mock::sequence([Response::Return(json("{}")).after_seconds(7200)]),
    );
    let outcome = executor.run(json("{}"))?;
    assert_eq!(outcome.status, Status::TimedOut);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"));
    assert_eq!(
        epoch_ms(&outcome.history.last().unwrap().timestamp) - START_MS,
        3_600_000
    );
    Ok(())
}
