//! Findings and how they are printed: plain lines, JSON, or snippets.

use std::fmt;

use asl_types::Issue;
use serde::{Serialize, Serializer};

/// The result of checking one file.
pub(crate) enum Outcome {
    /// Cannot be read, is not JSON, or is not a JSON object (exit 2).
    Unreadable(String),
    /// Read (or not) into the model, with every issue found.
    Checked {
        /// The source text, for snippets.
        text: String,
        /// Where each value and key is in `text`, when snippets were asked
        /// for (from the same parse as the findings).
        spans: Option<asl_types::Spans>,
        /// Reading problems, then the validator's issues.
        findings: Vec<Finding>,
    },
}

/// One issue of one file, as `asl validate` prints it.
#[derive(Debug)]
pub(crate) struct Finding {
    pub(crate) file: String,
    pub(crate) issue: Issue,
}

impl Finding {
    pub(crate) fn new(file: &str, issue: Issue) -> Finding {
        Finding {
            file: file.to_owned(),
            issue,
        }
    }

    pub(crate) fn is_error(&self) -> bool {
        self.issue.is_error()
    }
}

/// `{file, state, pointer, rule, message, severity}`, in that order.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            file: &'a str,
            state: Option<&'a str>,
            pointer: &'a str,
            rule: &'static str,
            message: &'a str,
            severity: &'static str,
        }
        let issue = &self.issue;
        Json {
            file: &self.file,
            state: issue.state.as_deref(),
            pointer: &issue.pointer,
            rule: issue.rule.id(),
            message: &issue.message,
            severity: issue.severity.as_str(),
        }
        .serialize(serializer)
    }
}

/// `FILE: STATE: POINTER: message [rule-id]`: the file, then the issue as
/// it displays itself.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.issue)
    }
}
