//! `Retry` and `Catch`: error names, `States.ALL`, ranges.

use crate::enums::{JitterStrategy, QueryLanguage};
use crate::json::Number;
use crate::names::ErrorName;
use crate::retry::{Catcher, Retrier};

use super::super::rule::Rule;
use super::{Here, MAX_DELAY_SECONDS, MAX_SECONDS, Only, Walk};

impl Walk<'_> {
    pub(super) fn error_equals(
        &mut self,
        here: &Here<'_>,
        base: &dyn std::fmt::Display,
        names: &[ErrorName],
        last: bool,
        what: &str,
    ) {
        if names.is_empty() {
            self.push(
                Rule::EmptyErrorEquals,
                here,
                &format!("{base}/ErrorEquals"),
                "`ErrorEquals` needs at least one error name".to_owned(),
            );
        }
        let all = names.iter().position(|n| *n == ErrorName::All);
        if all.is_some() && names.len() > 1 {
            self.push(
                Rule::ErrorAllNotAlone,
                here,
                &format!("{base}/ErrorEquals"),
                "`States.ALL` must be the only error name in its `ErrorEquals`".to_owned(),
            );
        }
        if all.is_some() && !last {
            self.push(
                Rule::ErrorAllNotLast,
                here,
                &base.to_string(),
                format!("a {what} with `States.ALL` must be the last one"),
            );
        }
        for (i, name) in names.iter().enumerate() {
            if let ErrorName::Custom(custom) = name
                && custom.starts_with("States.")
                && !is_http_status_error(custom)
            {
                self.push(Rule::ReservedErrorName, here, &format!("{base}/ErrorEquals/{i}"), format!("`{custom}` is not a predefined error; names starting `States.` are reserved"));
            }
        }
    }

    pub(super) fn retry(&mut self, here: &Here<'_>, retry: Option<&[Retrier]>) {
        let Some(retry) = retry else { return };
        for (i, r) in retry.iter().enumerate() {
            // Pointers are written out only for an issue.
            let base = Indexed("Retry", i);
            self.error_equals(
                here,
                &base,
                &r.error_equals,
                i + 1 == retry.len(),
                "retrier",
            );
            if let Some(n) = r.interval_seconds {
                self.range(
                    Rule::RetryInterval,
                    here,
                    &format_args!("{base}/IntervalSeconds"),
                    n,
                    1,
                    Some(MAX_SECONDS),
                );
            }
            if let Some(n) = r.max_attempts {
                self.range(
                    Rule::RetryMaxAttempts,
                    here,
                    &format_args!("{base}/MaxAttempts"),
                    n,
                    0,
                    Some(MAX_SECONDS),
                );
            }
            if let Some(n) = r.max_delay_seconds {
                self.range(
                    Rule::RetryMaxDelay,
                    here,
                    &format_args!("{base}/MaxDelaySeconds"),
                    n,
                    1,
                    Some(MAX_DELAY_SECONDS),
                );
            }
            if let Some(rate) = &r.backoff_rate
                && !backoff_ok(rate)
            {
                self.push(
                    Rule::RetryBackoffRate,
                    here,
                    &format!("{base}/BackoffRate"),
                    format!("`BackoffRate` is {rate}; it must be at least 1.0"),
                );
            }
            if let Some(JitterStrategy::Unknown(v)) = &r.jitter_strategy {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{base}/JitterStrategy"),
                    format!("`{v}` is not a jitter strategy: use `FULL` or `NONE`"),
                );
            }
        }
    }

    pub(super) fn catch(&mut self, here: &Here<'_>, catch: Option<&[Catcher]>) {
        let Some(catch) = catch else { return };
        for (i, c) in catch.iter().enumerate() {
            let base = Indexed("Catch", i);
            self.error_equals(
                here,
                &base,
                &c.error_equals,
                i + 1 == catch.len(),
                "catcher",
            );
            if c.result_path.is_some() && here.lang == QueryLanguage::Jsonata {
                self.push(
                    Rule::JsonpathOnlyField,
                    here,
                    &format!("{base}/ResultPath"),
                    "`ResultPath` is a JSONPath field; a JSONata catcher uses `Output`".to_owned(),
                );
            }
            if c.result_path.is_some() {
                self.result_path(here, &format!("{base}/ResultPath"), c.result_path.as_ref());
            }
            if c.output.is_some() {
                self.payload(
                    here,
                    &format!("{base}/Output"),
                    c.output.as_ref(),
                    Only::Jsonata,
                    true,
                );
            }
            if c.assign.is_some() {
                self.payload(
                    here,
                    &format!("{base}/Assign"),
                    c.assign.as_ref(),
                    Only::Both,
                    true,
                );
            }
        }
    }
}

/// `/Retry/3` or `/Catch/0`, written out only when an issue needs it.
struct Indexed(&'static str, usize);

impl std::fmt::Display for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/{}/{}", self.0, self.1)
    }
}

/// `States.Http.StatusCode.NNN`: the errors an HTTP Task raises for a status
/// code.
fn is_http_status_error(name: &str) -> bool {
    name.strip_prefix("States.Http.StatusCode.")
        .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
}

fn backoff_ok(rate: &Number) -> bool {
    rate.as_f64().is_some_and(|r| r >= 1.0)
}
