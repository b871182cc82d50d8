//! Findings and how they are printed: plain lines, JSON, or snippets.

use std::fmt;

use asl_types::{Issue, Severity};
use serde::Serialize;

/// The result of checking one file.
pub(crate) enum Outcome {
    /// Cannot be read, is not JSON, or is not a JSON object (exit 2).
    Unreadable(String),
    /// Read (or not) into the model, with every issue found.
    Checked {
        /// The source text, for snippets.
        text: String,
        /// Reading problems, or the validator's issues.
        findings: Vec<Finding>,
    },
}

/// One issue, as `asl validate` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct Finding {
    pub(crate) file: String,
    pub(crate) state: Option<String>,
    pub(crate) pointer: String,
    pub(crate) rule: &'static str,
    pub(crate) message: String,
    pub(crate) severity: &'static str,
    #[serde(skip)]
    pub(crate) is_error: bool,
}

impl Finding {
    pub(crate) fn new(file: &str, issue: Issue) -> Finding {
        Finding {
            file: file.to_owned(),
            state: issue.state,
            pointer: issue.pointer,
            rule: issue.rule.id(),
            message: issue.message,
            severity: issue.severity.as_str(),
            is_error: issue.severity == Severity::Error,
        }
    }
}

/// `FILE: STATE: POINTER: message [rule-id]`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {} [{}]",
            self.file,
            self.state.as_deref().unwrap_or("-"),
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            },
            self.message,
            self.rule
        )
    }
}
