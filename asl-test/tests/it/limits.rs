//! The payload size quota: `States.DataLimitExceeded` when a task result
//! is over 256 KiB, and that States.ALL does not catch it, as the AWS Step
//! Functions Developer Guide describes them.

use asl_test::{Mock, Status};
use asl_types::Json;

use crate::support::{TestResult, run};

/// A one-Task machine; the Task has `extra` fields (Catch, …).
fn task(extra: &str) -> String {
    format!(
        r#"{{"StartAt": "T", "States": {{
          "T": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", {extra} "End": true}},
          "Caught": {{"Type": "Succeed"}}}}}}"#
    )
}

/// A JSON string whose text (with its two quotes) is `bytes` bytes of
/// UTF-8, built of `unit` repeated.
fn string_of(bytes: usize, unit: char) -> Json {
    let body = bytes - 2;
    assert_eq!(body % unit.len_utf8(), 0);
    Json::String(unit.to_string().repeat(body / unit.len_utf8()))
}

// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// "Maximum input or output size for a task, state, or execution: 256 KiB
// of data as a UTF-8 encoded string." and
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// States.DataLimitExceeded: reported "when the output of a connector is
// larger than payload size quota".
#[test]
fn a_task_result_over_256_kib_fails_with_states_data_limit_exceeded() -> TestResult {
    let outcome = run(
        &task(""),
        "{}",
        vec![("T", Mock::returns(string_of(256 * 1024 + 2, 'x')))],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// "256 KiB of data as a UTF-8 encoded string": exactly 262,144 bytes is
// within the quota.
#[test]
fn a_task_result_of_exactly_256_kib_is_within_the_quota() -> TestResult {
    let outcome = run(
        &task(""),
        "{}",
        vec![("T", Mock::returns(string_of(256 * 1024, 'x')))],
    )?;
    assert_eq!(outcome.status, Status::Succeeded);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// The quota counts UTF-8 bytes, not characters: 'é' is two bytes.
#[test]
fn the_quota_counts_utf8_bytes_not_characters() -> TestResult {
    let outcome = run(
        &task(""),
        "{}",
        vec![("T", Mock::returns(string_of(256 * 1024 + 4, 'é')))],
    )?;
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "States.DataLimitExceeded: A terminal error that can't be caught by the
// States.ALL error type."
#[test]
fn states_all_does_not_catch_states_data_limit_exceeded() -> TestResult {
    let outcome = run(
        &task(r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],"#),
        "{}",
        vec![("T", Mock::returns(string_of(256 * 1024 + 2, 'x')))],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.DataLimitExceeded"));
    assert_eq!(outcome.path, ["T"]);
    Ok(())
}
