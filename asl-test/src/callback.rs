//! Tasks that wait: callbacks with heartbeats (`.waitForTaskToken`,
//! activities) and nested executions (`states:startExecution`).

use asl_types::{Json, JsonObject};

use crate::Failure;

/// When a task that answered after `seconds` (heartbeats at `heartbeats`,
/// seconds after it started) stops instead: its `TimeoutSeconds`
/// (`States.Timeout`) or its `HeartbeatSeconds` without a heartbeat
/// (`States.HeartbeatTimeout`), whichever comes first. `None` when the
/// answer came in time. Times in milliseconds.
pub(crate) fn expiry(
    seconds: u64,
    heartbeats: &[u64],
    timeout_ms: Option<i64>,
    heartbeat_ms: Option<i64>,
) -> Option<(i64, Failure)> {
    let ms = |s: u64| i64::try_from(s).unwrap_or(i64::MAX).saturating_mul(1000);
    let end = ms(seconds);
    let heartbeat = heartbeat_ms.and_then(|limit| {
        let mut last = 0i64;
        for mark in heartbeats.iter().map(|&s| ms(s)).chain([end]) {
            if mark.saturating_sub(last) >= limit {
                return Some(last.saturating_add(limit));
            }
            last = mark;
        }
        None
    });
    let timeout = timeout_ms.filter(|&limit| end >= limit);
    match (timeout, heartbeat) {
        (Some(t), h) if h.is_none_or(|h| t <= h) => Some((
            t,
            Failure::new(
                "States.Timeout",
                format!(
                    "The task did not complete within its TimeoutSeconds ({} s)",
                    t / 1000
                ),
            ),
        )),
        (_, Some(h)) => Some((
            h,
            Failure::new(
                "States.HeartbeatTimeout",
                format!(
                    "The task sent no heartbeat within its HeartbeatSeconds ({} s)",
                    heartbeat_ms.unwrap_or(0) / 1000
                ),
            ),
        )),
        _ => None,
    }
}

/// How a nested execution ended.
pub(crate) struct Nested<'a> {
    pub(crate) execution_arn: &'a str,
    pub(crate) machine_arn: &'a str,
    pub(crate) name: &'a str,
    pub(crate) input: &'a Json,
    pub(crate) start_ms: i64,
    pub(crate) stop_ms: i64,
    /// The output, or the error and cause.
    pub(crate) result: Result<&'a Json, &'a Failure>,
    /// `TIMED_OUT` rather than `FAILED`.
    pub(crate) timed_out: bool,
}

/// What a `states:startExecution` task returns: the request-response
/// result (`ExecutionArn`, `StartDate`), or for `.sync` / `.sync:2` the
/// `DescribeExecution` response, with `Input` and `Output` as JSON text
/// (`.sync`) or as JSON (`.sync:2`). Dates are epoch milliseconds.
pub(crate) fn start_execution_result(nested: &Nested<'_>, sync: Option<bool>) -> Json {
    let mut o = JsonObject::new();
    o.insert("ExecutionArn".into(), Json::from(nested.execution_arn));
    let Some(json) = sync else {
        o.insert("StartDate".into(), Json::Number(nested.start_ms.into()));
        return Json::Object(o);
    };
    let data = |v: &Json| {
        if json {
            v.clone()
        } else {
            Json::String(crate::exec::compact(v))
        }
    };
    let included = || {
        let mut d = JsonObject::new();
        d.insert("Included".into(), Json::Bool(true));
        Json::Object(d)
    };
    o.insert("Input".into(), data(nested.input));
    o.insert("InputDetails".into(), included());
    o.insert("Name".into(), Json::from(nested.name));
    match nested.result {
        Ok(output) => {
            o.insert("Output".into(), data(output));
            o.insert("OutputDetails".into(), included());
        }
        Err(f) => {
            o.insert("Error".into(), Json::from(f.error.as_str()));
            o.insert("Cause".into(), Json::from(f.cause.as_str()));
        }
    }
    o.insert("StartDate".into(), Json::Number(nested.start_ms.into()));
    o.insert("StateMachineArn".into(), Json::from(nested.machine_arn));
    let status = match (nested.result, nested.timed_out) {
        (Ok(_), _) => "SUCCEEDED",
        (Err(_), true) => "TIMED_OUT",
        (Err(_), false) => "FAILED",
    };
    o.insert("Status".into(), Json::from(status));
    o.insert("StopDate".into(), Json::Number(nested.stop_ms.into()));
    Json::Object(o)
}

/// The error a `.sync` task raises when its nested execution did not
/// succeed: `States.TaskFailed`, the cause the `DescribeExecution`
/// response as JSON text.
pub(crate) fn nested_failure(description: &Json) -> Failure {
    Failure::new("States.TaskFailed", crate::exec::compact(description))
}

#[cfg(test)]
mod tests {
    use super::expiry;

    #[test]
    fn heartbeats_keep_a_callback_alive() {
        // Answer at 100 s, heartbeats every 50 s, HeartbeatSeconds 60.
        assert!(expiry(100, &[50], None, Some(60_000)).is_none());
        // No heartbeat: expires 60 s in.
        let (at, f) = expiry(100, &[], None, Some(60_000)).unwrap();
        assert_eq!((at, f.error.as_str()), (60_000, "States.HeartbeatTimeout"));
        // The gap after the last heartbeat counts too.
        let (at, _) = expiry(200, &[50], None, Some(60_000)).unwrap();
        assert_eq!(at, 110_000);
        // TimeoutSeconds first.
        let (at, f) = expiry(200, &[50, 100, 150], Some(120_000), Some(60_000)).unwrap();
        assert_eq!((at, f.error.as_str()), (120_000, "States.Timeout"));
    }
}
