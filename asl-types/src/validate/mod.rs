//! The validator: every rule of the Amazon States Language that the model's
//! types do not already enforce, checked in one pass over a
//! [`StateMachine`], each issue with a stable rule id, the state, a JSON
//! pointer and a message.

mod check;
mod graph;
mod integration;
mod intrinsic;
mod jsonata;
mod payload;
mod rule;
mod sagemaker;
mod size;
mod text;
mod time;

use std::fmt;

use crate::json::Json;
use crate::machine::{Reading, StateMachine};
use crate::placeholders::Placeholders;

pub use self::rule::{Rule, Severity};
pub use self::text::{MAX_QUOTED_CHARS, escape_controls};
pub use self::time::timestamp_millis;

/// Checks `machine` against every rule, with the default [`Options`].
///
/// ```
/// use asl_types::{Rule, StateMachine, validate};
///
/// let machine: StateMachine = r#"{
///   "StartAt": "Check",
///   "States": {
///     "Check": {
///       "Type": "Choice",
///       "Choices": [{ "Variable": "$.ok", "BooleanEquals": true, "Next": "Deploy" }],
///       "Default": "Done"
///     },
///     "Done": { "Type": "Succeed" },
///     "Orphan": { "Type": "Succeed" }
///   }
/// }"#.parse()?;
/// let report = validate(&machine);
/// let rules: Vec<Rule> = report.issues().iter().map(|i| i.rule).collect();
/// assert_eq!(rules, [Rule::UnknownTarget, Rule::UnreachableState]);
/// assert_eq!(
///     report.to_string(),
///     "Check: /States/Check/Choices/0/Next: transition to unknown state `Deploy` [unknown-target]\n\
///      Orphan: /States/Orphan: state `Orphan` is not reachable from `StartAt` [unreachable-state]"
/// );
/// assert!(!report.is_ok(false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(machine: &StateMachine) -> Report {
    validate_with(machine, &Options::default())
}

/// Checks `machine` against every rule, with `options` (rules allowed,
/// what to do with `${…}` placeholders).
pub fn validate_with(machine: &StateMachine, options: &Options) -> Report {
    let (issues, written) = core_written(machine, options);
    let report = Report { issues };
    if report.is_empty() && options.placeholders == Placeholders::Opaque {
        return report;
    }
    // A machine nested too deep to be a definition is not written out
    // (writing recurses); its placeholders are not judged.
    if report.iter().any(|i| i.rule == Rule::NestingTooDeep) {
        return report;
    }
    // Without `${` in the text no string holds a placeholder: the policy
    // keeps every issue and adds none.
    if written
        .or_else(|| size::write_out(machine))
        .is_some_and(|w| !w.placeholder)
    {
        return report;
    }
    // Placeholders are judged on the JSON the machine writes.
    let json = serde_json::to_string(machine)
        .ok()
        .and_then(|text| text.parse::<Json>().ok());
    match json {
        Some(json) => options.placeholders.filter(report, &json).0,
        None => report,
    }
}

/// Reads and checks a definition: [`StateMachine::read_json`], then
/// [`validate_reading`], then the placeholder policy of `options` on the
/// JSON as written.
pub fn validate_json(json: &Json, options: &Options) -> Report {
    let reading = StateMachine::read_json(json);
    let report = validate_reading(&reading, options);
    options.placeholders.filter(report, json).0
}

/// The rules, in document order, less the allowed ones.
fn core(machine: &StateMachine, options: &Options) -> Vec<Issue> {
    core_written(machine, options).0
}

/// [`core`], and what writing the machine out showed when the size rule
/// wrote it.
fn core_written(machine: &StateMachine, options: &Options) -> (Vec<Issue>, Option<size::Written>) {
    // The walk visits the document in order (each state before the states
    // nested in it), so the issues come out in document order.
    let (mut issues, written) = check::run(machine, options);
    issues.retain(|i| !options.allows(i.rule));
    (issues, written)
}

/// Every issue of a definition read leniently: the issues of reading, then
/// the validator's issues on what could be read. (The placeholder policy
/// needs the JSON as written: [`validate_json`] applies it,
/// [`Placeholders::filter`] does it alone.)
///
/// The validator's issues that can only follow from a reading issue are
/// left out, so each mistake is reported once:
/// - an issue at the pointer of a reading issue or inside it;
///   `sagemaker-missing-member` around it too (a payload whose member could
///   not be read is not also missing it), and `missing-transition` around
///   an unknown field (a state with a misspelt `Next` is not also missing
///   one);
/// - `unknown-target` and `unknown-start-at` naming a state that was left
///   out because it could not be read, and `unreachable-state` and
///   `no-terminal-state` when reading found any error (the field or state
///   left out may be the way there: a `Catch` on a Wait state, say).
pub fn validate_reading(reading: &Reading, options: &Options) -> Report {
    let mut issues = reading.issues().issues().to_vec();
    let Some(machine) = reading.machine() else {
        issues.retain(|i| !options.allows(i.rule));
        return Report { issues };
    };
    let dropped = reading.dropped_states();
    let reading_failed = reading.issues().has_errors();
    let read: Vec<(String, Rule)> = issues
        .iter()
        .map(|i| (without_dollar(&i.pointer).to_owned(), i.rule))
        .collect();
    // `inner` is `outer` or inside it.
    let within = |inner: &str, outer: &str| {
        inner.starts_with(outer)
            && (inner.len() == outer.len() || inner[outer.len()..].starts_with('/'))
    };
    for issue in core(machine, options) {
        let pointer = without_dollar(&issue.pointer);
        let around = |rule: Rule| match issue.rule {
            Rule::SagemakerMissingMember => true,
            Rule::MissingTransition => rule == Rule::UnknownField,
            _ => false,
        };
        if read
            .iter()
            .any(|(p, rule)| within(pointer, p) || (around(*rule) && within(p, pointer)))
        {
            continue;
        }
        let follows = match issue.rule {
            Rule::UnknownTarget | Rule::UnknownStartAt => dropped
                .iter()
                .any(|name| issue.message.contains(&format!("`{name}`"))),
            Rule::UnreachableState | Rule::NoTerminalState => reading_failed,
            _ => false,
        };
        if !follows {
            issues.push(issue);
        }
    }
    issues.retain(|i| !options.allows(i.rule));
    Report { issues }
}

/// A pointer without the `.$` of its last key.
fn without_dollar(pointer: &str) -> &str {
    crate::expr::strip_dollar(pointer).unwrap_or(pointer)
}

/// What [`validate_with`] is told besides the machine: the same choices as
/// `asl validate --allow RULE --deny warnings` and the builder's
/// `allow(rule)` / `deny_warnings(true)`.
///
/// ```
/// use asl_types::validate::{Options, validate_with};
/// use asl_types::{Rule, StateMachine};
///
/// let machine: StateMachine =
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}"#.parse()?;
/// let options = Options::new().allow(Rule::UnreachableState).deny_warnings(true);
/// let report = validate_with(&machine, &options);
/// assert!(report.is_empty());
/// assert!(options.passes(&report));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The size in bytes of the definition as it will be deployed, for the
    /// 1 MB rule. When `None`, the validator measures the compact JSON the
    /// model serializes to.
    pub source_len: Option<usize>,
    /// Rules turned off: their issues are not reported.
    pub allowed: Vec<Rule>,
    /// Whether warnings fail too ([`Options::passes`]).
    pub deny_warnings: bool,
    /// What `${…}` placeholders left in the definition mean: opaque values
    /// (the default) or `unresolved-placeholder` errors.
    pub placeholders: Placeholders,
}

impl Options {
    /// The default options.
    pub fn new() -> Options {
        Options::default()
    }

    /// Sets [`Options::placeholders`].
    #[must_use]
    pub fn placeholders(mut self, placeholders: Placeholders) -> Options {
        self.placeholders = placeholders;
        self
    }

    /// Sets [`Options::source_len`].
    #[must_use]
    pub fn source_len(mut self, bytes: usize) -> Options {
        self.source_len = Some(bytes);
        self
    }

    /// Turns `rule` off: its issues are not reported. Allowing a rule
    /// never brings back an issue another one explains (a state cut off by
    /// an `unknown-target` stays folded into it unless that rule is
    /// allowed too).
    #[must_use]
    pub fn allow(mut self, rule: Rule) -> Options {
        if !self.allowed.contains(&rule) {
            self.allowed.push(rule);
        }
        self
    }

    /// Sets [`Options::deny_warnings`].
    #[must_use]
    pub fn deny_warnings(mut self, deny: bool) -> Options {
        self.deny_warnings = deny;
        self
    }

    /// Whether `rule` is turned off.
    pub fn allows(&self, rule: Rule) -> bool {
        self.allowed.contains(&rule)
    }

    /// Whether a definition with `report` passes: no errors, and no
    /// warnings either under [`Options::deny_warnings`].
    pub fn passes(&self, report: &Report) -> bool {
        report.is_ok(self.deny_warnings)
    }
}

/// One thing wrong with a definition, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Issue {
    /// The rule broken.
    pub rule: Rule,
    /// How bad it is (the rule's severity).
    pub severity: Severity,
    /// The innermost state the issue is in; `None` at machine level.
    pub state: Option<String>,
    /// RFC 6901 JSON pointer to the offending field (`""` for the document).
    pub pointer: String,
    /// What is wrong: lowercase, no final period, the offending thing in
    /// backticks. [`Issue::new`] escapes control characters in it and cuts
    /// each quoted value to [`MAX_QUOTED_CHARS`] characters and `…`.
    pub message: String,
}

impl Issue {
    /// An issue of `rule`, with the rule's severity.
    pub fn new(
        rule: Rule,
        state: Option<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Issue {
        Issue {
            rule,
            severity: rule.severity(),
            state,
            pointer: pointer.into(),
            message: text::bounded_message(message.into()),
        }
    }

    /// Whether it is an error (fails validation by itself).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `STATE: POINTER: message [rule-id]`, as `asl validate` prints it after
/// the file name (`-` for the machine level, `/` for the document root), on
/// one line: control characters in the state and pointer are escaped (the
/// message has them escaped already).
impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}: {}: {} [{}]",
            escape_controls(self.state.as_deref().unwrap_or("-")),
            escape_controls(pointer),
            escape_controls(&self.message),
            self.rule
        )
    }
}

impl std::error::Error for Issue {}

/// Every issue of one definition, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    issues: Vec<Issue>,
}

impl Report {
    /// A report of `issues`, as given.
    pub fn from_issues(issues: Vec<Issue>) -> Report {
        Report { issues }
    }

    /// All issues.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The issues, in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, Issue> {
        self.issues.iter()
    }

    /// The issues, owned.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    /// Whether any issue is an error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Whether the definition passes: no errors, and no warnings either
    /// when `deny_warnings`.
    pub fn is_ok(&self, deny_warnings: bool) -> bool {
        if deny_warnings {
            self.issues.is_empty()
        } else {
            !self.has_errors()
        }
    }

    /// Whether there is no issue at all.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }
}

/// One issue per line.
impl fmt::Display for Report {
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

impl std::error::Error for Report {}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Issue;
    type IntoIter = std::slice::Iter<'a, Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.issues.iter()
    }
}

impl IntoIterator for Report {
    type Item = Issue;
    type IntoIter = std::vec::IntoIter<Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.issues.into_iter()
    }
}
