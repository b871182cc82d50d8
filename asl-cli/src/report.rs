//! Findings and how they are printed.

use std::fmt;

use asl_types::Problem;
use serde::Serialize;

/// The result of checking one file.
pub(crate) enum Outcome {
    /// Cannot be read, is not JSON, or is not a JSON object (exit 2).
    Unreadable(String),
    /// JSON that does not fit the ASL model (exit 1).
    Invalid(Vec<Finding>),
    /// Read into the model.
    Checked(Box<asl_types::StateMachine>),
}

/// One issue, as `asl validate` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct Finding {
    file: String,
    state: Option<String>,
    pointer: String,
    rule: String,
    message: String,
}

impl Finding {
    pub(crate) fn from_problem(file: &str, p: &Problem) -> Finding {
        Finding {
            file: file.to_owned(),
            state: p.state.clone(),
            pointer: p.pointer.clone(),
            rule: p.kind.rule_id().to_owned(),
            message: p.message.clone(),
        }
    }
}

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
