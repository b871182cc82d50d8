//! What `build()` reports.

use std::fmt;

/// One problem found while building a machine.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum BuildIssue {
    /// The builder was misused: a state added twice, a handle from another
    /// builder, no start state, a catcher on a state that cannot catch.
    Builder {
        /// The state concerned, if any.
        state: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The validator's finding on the assembled machine.
    Invalid(asl_types::Issue),
}

impl fmt::Display for BuildIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildIssue::Builder { state, message } => {
                write!(
                    f,
                    "{}: {message} [builder]",
                    state.as_deref().unwrap_or("-")
                )
            }
            BuildIssue::Invalid(issue) => issue.fmt(f),
        }
    }
}

/// `build()` failed: every issue found, not only the first.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    issues: Vec<BuildIssue>,
}

impl BuildError {
    pub(crate) fn new(issues: Vec<BuildIssue>) -> BuildError {
        BuildError { issues }
    }

    /// All issues, builder misuse first, then the validator's.
    pub fn issues(&self) -> &[BuildIssue] {
        &self.issues
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
