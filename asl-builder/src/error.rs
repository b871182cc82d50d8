//! What `build()` reports.

use std::fmt;

use asl_types::read::At;
use asl_types::{InvalidPath, Issue, Report, Rule};

/// `build()` failed: every issue found, not only the first — builder misuse
/// (rules `builder-*` in `asl-types/RULES.md`) first, then the validator's.
///
/// ```
/// use asl_builder::StateMachineBuilder;
/// use asl_builder::types::Rule;
///
/// let mut sm = StateMachineBuilder::new();
/// let a = sm.succeed("A");
/// let _twice = sm.succeed("A");
/// sm.start_at(a);
/// let err = sm.build().unwrap_err();
/// assert_eq!(err.issues()[0].rule, Rule::BuilderDuplicateState);
/// assert_eq!(err.to_string().lines().next(), Some("A: /States/A: state `A` is added twice [builder-duplicate-state]"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    report: Report,
}

impl BuildError {
    pub(crate) fn new(issues: Vec<Issue>) -> BuildError {
        BuildError {
            report: Report::from_issues(issues),
        }
    }

    /// All issues, builder misuse first, then the validator's.
    pub fn issues(&self) -> &[Issue] {
        self.report.issues()
    }

    /// The issues as a report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The issues as a report, owned.
    pub fn into_report(self) -> Report {
        self.report
    }
}

/// An issue of builder misuse: `state` (if any) at its pointer in the
/// top-level `States`.
pub(crate) fn misuse(rule: Rule, state: Option<&str>, message: impl Into<String>) -> Issue {
    let root = At::root();
    let states = root.key("States");
    match state {
        Some(name) => states.state(name).issue(rule, message),
        None => root.issue(rule, message),
    }
}

/// A Reference Path field of `state` (at `keys` in it, e.g. `["ResultPath"]`)
/// was given a path that is not one.
pub(crate) fn path_issue(state: &str, keys: &[&str], error: &InvalidPath) -> Issue {
    let root = At::root();
    let states = root.key("States");
    let mut pointer = states.state(state).pointer();
    for key in keys {
        pointer.push('/');
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
    }
    let field = keys.last().copied().unwrap_or_default();
    Issue::new(
        Rule::ReferencePathSyntax,
        Some(state.to_owned()),
        pointer,
        format!("`{field}`: {error}"),
    )
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.report.fmt(f)
    }
}

impl std::error::Error for BuildError {}

impl From<BuildError> for Report {
    fn from(e: BuildError) -> Report {
        e.report
    }
}
