//! Retry and Catch: which errors a retrier or catcher matches, the retry
//! timing on the virtual clock, and the error output, as the AWS Step
//! Functions Developer Guide ("Handling errors in Step Functions
//! workflows") and the ASL specification describe them.

use asl_test::{Executor, Failure, Mock, Response, Status};
use asl_types::StateMachine;

use crate::support::{START_MS, TestResult, count_of, gaps, json, output, run, times_of};

/// A one-Task machine whose Task has this `Retry` (and no Catch).
fn retrying(retry: &str) -> String {
    format!(
        r#"{{"StartAt": "T", "States": {{"T": {{
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": {retry}, "End": true}}}}}}"#
    )
}

fn throw(error: &str) -> Response {
    Response::Throw(Failure::new(error, "it failed"))
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
// ErrorEquals: "When the error name appears in this array, it implements
// the retry policy described in this retrier."
#[test]
fn retry_matches_an_error_name_listed_in_error_equals() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["Other", "Flaky"]}]"#),
        "{}",
        vec![(
            "T",
            Mock::sequence([throw("Flaky"), Response::Return(json(r#"{"ok": true}"#))]),
        )],
    )?;
    assert_eq!(output(&outcome), json(r#"{"ok": true}"#));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 2);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// An error whose name no retrier lists is not retried: "When a state
// reports an error, Step Functions defaults to failing the entire state
// machine execution."
#[test]
fn retry_ignores_error_names_not_listed() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["Flaky"]}]"#),
        "{}",
        vec![("T", Mock::throws("Boom", "bad"))],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("Boom"));
    assert_eq!(outcome.cause.as_deref(), Some("bad"));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 1);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "The reserved name States.ALL that appears in a retrier's ErrorEquals
// field is a wildcard that matches any error name."
#[test]
fn states_all_retries_any_error_name() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1}]"#),
        "{}",
        vec![(
            "T",
            Mock::sequence([throw("Anything.AtAll"), Response::Return(json("1"))]),
        )],
    )?;
    assert_eq!(output(&outcome), json("1"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// Unhandled Lambda errors are "Lambda.Unknown"; "You can match on
// Lambda.Unknown, States.ALL, or States.TaskFailed to handle these errors."
#[test]
fn states_taskfailed_retries_an_error_a_task_throws() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1}]"#),
        "{}",
        vec![(
            "T",
            Mock::sequence([throw("Lambda.Unknown"), Response::Return(json("1"))]),
        )],
    )?;
    assert_eq!(output(&outcome), json("1"));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 2);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// States.TaskFailed: "When used in a retry or catch, States.TaskFailed acts
// as a wildcard that matches any known error name except for States.Timeout."
#[test]
fn states_taskfailed_does_not_match_states_timeout() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1}]"#),
        "{}",
        vec![("T", Mock::throws("States.Timeout", "too slow"))],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Timeout"));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 1);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// JitterStrategy example: "say that you've set MaxAttempts as 3,
// IntervalSeconds as 2, and BackoffRate as 2. The first retry attempt takes
// place two seconds after the error occurs. The second retry takes place
// four seconds after the first retry attempt and the third retry takes
// place eight seconds after the second retry attempt."
#[test]
fn retry_intervals_grow_by_the_backoff_rate() -> TestResult {
    let outcome = run(
        &retrying(
            r#"[{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}]"#,
        ),
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(outcome.error.as_deref(), Some("Flaky"));
    let scheduled = times_of(&outcome, "TaskScheduled");
    assert_eq!(scheduled.first(), Some(&START_MS));
    assert_eq!(gaps(&scheduled), [2_000, 4_000, 8_000]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// Defaults: IntervalSeconds "1 by default", MaxAttempts "3 by default",
// BackoffRate "2.0 by default".
#[test]
fn retry_defaults_to_one_second_three_attempts_and_rate_two() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["Flaky"]}]"#),
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(
        gaps(&times_of(&outcome, "TaskScheduled")),
        [1_000, 2_000, 4_000]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "This example of a Retry makes 2 retry attempts after waiting for 3 and
// 4.5 seconds": IntervalSeconds 3, MaxAttempts 2, BackoffRate 1.5.
#[test]
fn a_fractional_backoff_rate_waits_three_then_four_and_a_half_seconds() -> TestResult {
    let outcome = run(
        &retrying(
            r#"[{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}]"#,
        ),
        "{}",
        vec![("T", Mock::throws("States.Timeout", "slow"))],
    )?;
    assert_eq!(gaps(&times_of(&outcome, "TaskScheduled")), [3_000, 4_500]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// MaxDelaySeconds: "A positive integer that sets the maximum value, in
// seconds, up to which a retry interval can increase."
// 2, 4, then 8 and 16 capped at 5.
#[test]
fn max_delay_seconds_caps_the_retry_interval() -> TestResult {
    let outcome = run(
        &retrying(
            r#"[{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 4, "BackoffRate": 2, "MaxDelaySeconds": 5}]"#,
        ),
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(
        gaps(&times_of(&outcome, "TaskScheduled")),
        [2_000, 4_000, 5_000, 5_000]
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// MaxAttempts: "A value of 0 specifies that the error is never retried."
#[test]
fn max_attempts_zero_never_retries() -> TestResult {
    let outcome = run(
        &retrying(r#"[{"ErrorEquals": ["Flaky"], "MaxAttempts": 0}]"#),
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(outcome.error.as_deref(), Some("Flaky"));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 1);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "This example of a Retry field retries any error except States.Timeout":
// [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0},
//  {"ErrorEquals": ["States.ALL"]}] — the first matching retrier decides,
// even though it allows no retry.
#[test]
fn a_matching_retrier_with_max_attempts_zero_shadows_a_later_states_all() -> TestResult {
    let retry = r#"[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0},
                    {"ErrorEquals": ["States.ALL"]}]"#;
    let timeout = run(
        &retrying(retry),
        "{}",
        vec![("T", Mock::throws("States.Timeout", "slow"))],
    )?;
    assert_eq!(timeout.error.as_deref(), Some("States.Timeout"));
    assert_eq!(count_of(&timeout, "TaskScheduled"), 1);
    let other = run(
        &retrying(retry),
        "{}",
        vec![("T", Mock::throws("Other", "x"))],
    )?;
    assert_eq!(count_of(&other, "TaskScheduled"), 4);
    Ok(())
}

// ASL spec, "Retrying after error": "If the error recurs more times than
// specified, retries cease and normal error handling resumes" — a
// retrier that has used up its MaxAttempts does not hand the error to a
// later retrier that also matches it.
#[test]
fn an_exhausted_retrier_does_not_fall_through_to_a_later_one() -> TestResult {
    let outcome = run(
        &retrying(
            r#"[{"ErrorEquals": ["Flaky"], "MaxAttempts": 1, "IntervalSeconds": 1},
                {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5, "IntervalSeconds": 1}]"#,
        ),
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(outcome.error.as_deref(), Some("Flaky"));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 2);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-complex-retry-scenarios
// "A retrier's parameters apply across all visits to the retrier in the
// context of a single-state execution." The task fails with ErrorA,
// ErrorB, ErrorC, ErrorB: "The first two errors match the first retrier
// and cause waits of one and two seconds. The third error matches the
// second retrier and causes a wait of five seconds. The fourth error also
// matches the first retrier. However, it has already reached its maximum
// of two retries (MaxAttempts) for that particular error. Therefore, that
// retrier fails and the execution redirects the workflow to the Z state
// through the Catch field."
#[test]
fn each_retrier_keeps_its_own_count_across_the_attempts_of_a_state() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "X", "States": {
          "X": {
            "Type": "Task",
            "Resource": "arn:aws:states:us-east-1:123456789012:activity:X",
            "Next": "Y",
            "Retry": [
              {"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2},
              {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}
            ],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]
          },
          "Y": {"Type": "Succeed"},
          "Z": {"Type": "Pass", "End": true}
        }}"#,
        "{}",
        vec![(
            "X",
            Mock::sequence([
                throw("ErrorA"),
                throw("ErrorB"),
                throw("ErrorC"),
                throw("ErrorB"),
                Response::Return(json("{}")),
            ]),
        )],
    )?;
    assert_eq!(outcome.path, ["X", "Z"]);
    assert_eq!(
        gaps(&times_of(&outcome, "TaskScheduled")),
        [1_000, 2_000, 5_000]
    );
    assert_eq!(
        output(&outcome),
        json(r#"{"Error": "ErrorB", "Cause": "it failed"}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// JitterStrategy FULL: "the first retry interval is randomized between 0
// and 2 seconds, the second retry interval is randomized between 0 and 4
// seconds, and the third retry interval is randomized between 0 and 8
// seconds."
#[test]
fn full_jitter_delays_are_at_most_the_unjittered_delays() -> TestResult {
    let machine = retrying(
        r#"[{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}]"#,
    );
    for seed in 0..20 {
        let machine: StateMachine = machine.parse()?;
        let mut executor = Executor::new(&machine);
        executor
            .seed(seed)
            .mock("T", Mock::throws("Flaky", "again"));
        let outcome = executor.run(json("{}"))?;
        let waits = gaps(&times_of(&outcome, "TaskScheduled"));
        assert_eq!(waits.len(), 3);
        for (wait, cap) in waits.iter().zip([2_000, 4_000, 8_000]) {
            assert!((0..=cap).contains(wait), "seed {seed}: {waits:?}");
        }
    }
    Ok(())
}

// JitterStrategy FULL randomizes the delays (see above); with the
// executor's seed the randomness is reproducible: the same seed gives the
// same retry times.
#[test]
fn full_jitter_is_deterministic_under_the_seed() -> TestResult {
    let machine: StateMachine = retrying(
        r#"[{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}]"#,
    )
    .parse()?;
    let times = |seed| -> Result<Vec<i64>, Box<dyn std::error::Error>> {
        let mut executor = Executor::new(&machine);
        executor
            .seed(seed)
            .mock("T", Mock::throws("Flaky", "again"));
        Ok(times_of(&executor.run(json("{}"))?, "TaskScheduled"))
    };
    assert_eq!(times(11)?, times(11)?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "Task and Parallel states can have a field named Retry": retrying a
// Parallel state runs its branches again.
#[test]
fn a_retried_parallel_state_runs_its_branches_again() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Both", "States": {"Both": {
          "Type": "Parallel",
          "Branches": [{"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
          "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1}],
          "End": true}}}"#,
        "{}",
        vec![(
            "T",
            Mock::sequence([throw("Flaky"), Response::Return(json(r#""ok""#))]),
        )],
    )?;
    assert_eq!(output(&outcome), json(r#"["ok"]"#));
    assert_eq!(count_of(&outcome, "TaskScheduled"), 2);
    assert_eq!(count_of(&outcome, "ParallelStateEntered"), 1);
    Ok(())
}

// ---- Catch ---------------------------------------------------------------

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html#input-output-resultpath-catch
// A catcher's ResultPath adds the error output {"Error", "Cause"} to the
// state's input: "use ResultPath in a Catch to include the error with the
// original input".
#[test]
fn catch_puts_the_error_output_at_its_resultpath() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handler"}],
                "End": true},
          "Handler": {"Type": "Pass", "End": true}
        }}"#,
        r#"{"foo": "bar"}"#,
        vec![("T", Mock::throws("MyError", "because"))],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"{"foo": "bar", "error": {"Error": "MyError", "Cause": "because"}}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "If you don't specify the ResultPath field, it defaults to $, which
// selects and overwrites the entire input."
#[test]
fn catch_without_resultpath_replaces_the_input_with_the_error_output() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Catch": [{"ErrorEquals": ["MyError"], "Next": "Handler"}],
                "End": true},
          "Handler": {"Type": "Pass", "End": true}
        }}"#,
        r#"{"foo": "bar"}"#,
        vec![("T", Mock::throws("MyError", "because"))],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"{"Error": "MyError", "Cause": "because"}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "Step Functions scans through the catchers in the order listed in the
// array. When the error name appears in the value of a catcher's
// ErrorEquals field, the state machine transitions to the state named in
// the Next field."
#[test]
fn catch_transitions_to_the_next_of_the_first_matching_catcher() -> TestResult {
    let definition = r#"{"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
            "Catch": [{"ErrorEquals": ["java.lang.Exception"], "ResultPath": "$.error-info", "Next": "RecoveryState"},
                      {"ErrorEquals": ["States.ALL"], "Next": "EndState"}],
            "End": true},
      "RecoveryState": {"Type": "Pass", "End": true},
      "EndState": {"Type": "Pass", "End": true}
    }}"#;
    let java = run(
        definition,
        "{}",
        vec![("T", Mock::throws("java.lang.Exception", "npe"))],
    )?;
    assert_eq!(java.path, ["T", "RecoveryState"]);
    let other = run(definition, "{}", vec![("T", Mock::throws("Other", "x"))])?;
    assert_eq!(other.path, ["T", "EndState"]);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "When a state has both Retry and Catch fields, Step Functions uses any
// appropriate retriers first, and only afterward applies the matching
// catcher transition if the retry policy fails to resolve the error."
#[test]
fn retries_are_used_up_before_the_catcher_applies() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                "Catch": [{"ErrorEquals": ["Flaky"], "Next": "Handler"}],
                "End": true},
          "Handler": {"Type": "Pass", "End": true}
        }}"#,
        "{}",
        vec![("T", Mock::throws("Flaky", "again"))],
    )?;
    assert_eq!(outcome.path, ["T", "Handler"]);
    assert_eq!(count_of(&outcome, "LambdaFunctionScheduled"), 3);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// (JSONata catchers): a catcher's Output may use $states.errorOutput, the
// error output {"Error", "Cause"}; $states.input is still the state input.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// "errorOutput": "Error Output (only available in a Catch)".
#[test]
fn jsonata_catch_output_reads_states_error_output() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done",
                           "Output": "{% {'input': $states.input, 'err': $states.errorOutput.Error, 'why': $states.errorOutput.Cause} %}"}],
                "End": true},
          "Done": {"Type": "Succeed"}
        }}"#,
        r#"{"a": 1}"#,
        vec![("T", Mock::throws("Boom", "bad"))],
    )?;
    assert_eq!(outcome.path, ["T", "Done"]);
    assert_eq!(
        output(&outcome),
        json(r#"{"input": {"a": 1}, "err": "Boom", "why": "bad"}"#)
    );
    Ok(())
}
