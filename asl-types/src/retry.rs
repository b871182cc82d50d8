//! `Retry` and `Catch`.

use crate::enums::JitterStrategy;
use crate::json::Number;
use crate::names::{ErrorName, StateName};
use crate::path::ReferencePath;
use crate::payload::Payload;
use crate::record::record;
use crate::state::Nullable;

record! {
    /// One entry of `Retry`: which errors to retry, and how.
    pub struct Retrier as "retrier" {
        /// `ErrorEquals`
        error_equals: req Vec<ErrorName> = "ErrorEquals",
        /// `IntervalSeconds` (default 1).
        interval_seconds: opt crate::integer::Integer = "IntervalSeconds",
        /// `MaxAttempts` (default 3; 0 never retries).
        max_attempts: opt crate::integer::Integer = "MaxAttempts",
        /// `BackoffRate` (default 2.0), kept as written (`1` stays `1`).
        backoff_rate: opt Number = "BackoffRate",
        /// `MaxDelaySeconds`: caps the backoff.
        max_delay_seconds: opt crate::integer::Integer = "MaxDelaySeconds",
        /// `JitterStrategy`
        jitter_strategy: opt JitterStrategy = "JitterStrategy",
        /// `Comment`
        comment: opt String = "Comment",
    }
}

record! {
    /// One entry of `Catch`: which errors to catch, and where to go.
    pub struct Catcher as "catcher" {
        /// `ErrorEquals`
        error_equals: req Vec<ErrorName> = "ErrorEquals",
        /// `ResultPath` (JSONPath): where the error output goes.
        result_path: opt Nullable<ReferencePath> = "ResultPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `Comment`
        comment: opt String = "Comment",
        /// `Next`
        next: req StateName = "Next",
    }
}
