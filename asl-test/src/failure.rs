//! An error raised while a state runs: what a `Catch` or `Retry` matches.

use std::fmt;

/// An error raised during an execution, as Step Functions names it: an
/// `Error` name (`States.Runtime`, `States.TaskFailed`, a name a task
/// throws, …) and a human-readable `Cause`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name that `ErrorEquals` matches.
    pub error: String,
    /// The cause text.
    pub cause: String,
}

impl Failure {
    /// A failure with this error name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// `States.Runtime`: a path selected nothing, a value had the wrong
    /// type, and the other run-time errors AWS reports under that name.
    pub fn runtime(cause: impl Into<String>) -> Failure {
        Failure::new("States.Runtime", cause)
    }

    /// `States.IntrinsicFailure`: an intrinsic function failed.
    pub fn intrinsic(cause: impl Into<String>) -> Failure {
        Failure::new("States.IntrinsicFailure", cause)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for Failure {}
