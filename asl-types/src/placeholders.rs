//! `${…}` placeholders of definitions kept with SAM or CloudFormation
//! (`DefinitionSubstitutions`): replacing them, and validating around the
//! ones left.
//!
//! CloudFormation replaces each `${Key}` of the definition text with the
//! `DefinitionSubstitutions` value of `Key` before Step Functions reads
//! it. [`Substitutions::apply`] does the same to a definition's text. A
//! placeholder left in (no substitution given, or one whose value is only
//! known at deploy time, like `!GetAtt Fn.Arn`) is *opaque*: its string
//! stands for a value of whatever type the field expects, so
//! [`Placeholders::filter`] drops the issues whose value is such a string,
//! or turns each one into an `unresolved-placeholder` error when
//! placeholders are denied.
//!
//! ```
//! use asl_types::placeholders::Substitutions;
//!
//! let mut subs = Substitutions::new();
//! subs.insert("TrainFn", "arn:aws:lambda:us-east-1:123456789012:function:train");
//! subs.insert_opaque("Bucket"); // `!Ref Bucket`: known at deploy time only
//! let out = subs.apply(r#"{"FunctionName": "${TrainFn}", "Bucket": "${Bucket}", "Region": "${AWS::Region}"}"#);
//! assert_eq!(
//!     out.text,
//!     r#"{"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:train", "Bucket": "${Bucket}", "Region": "${AWS::Region}"}"#
//! );
//! assert_eq!((out.resolved, out.opaque), (1, 2));
//! ```

use indexmap::IndexMap;

use crate::json::Json;
use crate::validate::{Issue, Report, Rule};

/// The values of `${Key}` placeholders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Substitutions {
    values: IndexMap<String, Option<String>>,
}

/// A definition's text after [`Substitutions::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Substituted {
    /// The text, every known placeholder replaced.
    pub text: String,
    /// How many placeholders were replaced.
    pub resolved: usize,
    /// How many were left in (unknown keys, `AWS::` pseudo parameters,
    /// values known only at deploy time).
    pub opaque: usize,
}

/// The keys of a substitution file that are not plain values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidSubstitutions(String);

impl Substitutions {
    /// No substitution.
    pub fn new() -> Substitutions {
        Substitutions::default()
    }

    /// `${key}` stands for `value`.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.values.insert(key.into(), Some(value.into()));
    }

    /// `${key}` is defined but its value is known only at deploy time (a
    /// `Ref`, `Fn::GetAtt`, `Fn::Sub`, …): it stays an opaque placeholder.
    pub fn insert_opaque(&mut self, key: impl Into<String>) {
        self.values.insert(key.into(), None);
    }

    /// How many keys are defined.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Reads substitutions from JSON: either an object of keys to values
    /// (strings, numbers and booleans are text; an object such as
    /// `{"Ref": "Bucket"}` or `{"Fn::GetAtt": [...]}` is opaque), or a
    /// SAM / CloudFormation template, whose state machines'
    /// `DefinitionSubstitutions` are used.
    ///
    /// # Errors
    /// When the JSON is neither, or two state machines of a template give
    /// one key different values.
    pub fn from_json(json: &Json) -> Result<Substitutions, InvalidSubstitutions> {
        let Json::Object(top) = json else {
            return Err(InvalidSubstitutions(format!(
                "substitutions are a JSON object or a template, not {}",
                json.kind()
            )));
        };
        let mut subs = Substitutions::new();
        if let Some(Json::Object(resources)) = top.get("Resources") {
            let mut found = false;
            for (name, resource) in resources {
                let ty = resource.get("Type").and_then(Json::as_str);
                if !matches!(
                    ty,
                    Some("AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine")
                ) {
                    continue;
                }
                found = true;
                let Some(values) = resource
                    .get("Properties")
                    .and_then(|p| p.get("DefinitionSubstitutions"))
                else {
                    continue;
                };
                subs.merge(
                    values,
                    &format!("Resources.{name}.Properties.DefinitionSubstitutions"),
                )?;
            }
            if !found {
                return Err(InvalidSubstitutions(
                    "the template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource".into(),
                ));
            }
            return Ok(subs);
        }
        subs.merge(json, "substitutions")?;
        Ok(subs)
    }

    fn merge(&mut self, values: &Json, at: &str) -> Result<(), InvalidSubstitutions> {
        let Json::Object(values) = values else {
            return Err(InvalidSubstitutions(format!(
                "{at} is {}, not an object",
                values.kind()
            )));
        };
        for (key, value) in values {
            let text = match value {
                Json::String(s) => Some(s.clone()),
                Json::Number(n) => Some(n.as_str().to_owned()),
                Json::Bool(b) => Some(b.to_string()),
                // An intrinsic function: resolved by CloudFormation.
                Json::Object(_) => None,
                other => {
                    return Err(InvalidSubstitutions(format!(
                        "{at}.{key} is {}, not a string, number, boolean or intrinsic function",
                        other.kind()
                    )));
                }
            };
            if let Some(previous) = self.values.get(key)
                && *previous != text
            {
                return Err(InvalidSubstitutions(format!(
                    "{at}.{key} differs from another state machine's value for `{key}`"
                )));
            }
            self.values.insert(key.clone(), text);
        }
        Ok(())
    }

    /// Replaces every `${Key}` of `text` whose value is known. `${!Key}` is
    /// CloudFormation's escape for a literal `${Key}` and is left alone.
    pub fn apply(&self, text: &str) -> Substituted {
        let mut out = String::with_capacity(text.len());
        let (mut resolved, mut opaque) = (0, 0);
        let mut rest = text;
        while let Some((before, key, after)) = next_placeholder(rest) {
            out.push_str(before);
            if let Some(Some(value)) = self.values.get(key) {
                out.push_str(value);
                resolved += 1;
            } else {
                out.push_str("${");
                out.push_str(key);
                out.push('}');
                opaque += 1;
            }
            rest = after;
        }
        out.push_str(rest);
        Substituted {
            text: out,
            resolved,
            opaque,
        }
    }
}

/// The text before the next `${Key}`, the key, and the text after it.
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    loop {
        let start = from + text[from..].find("${")?;
        let inner = &text[start + 2..];
        let end = inner.find('}')?;
        let key = &inner[..end];
        if key.starts_with('!') || key.is_empty() || !key.chars().all(is_key_char) {
            from = start + 2;
            continue;
        }
        return Some((&text[..start], key, &inner[end + 1..]));
    }
}

/// Characters of CloudFormation parameter, resource and pseudo-parameter
/// names (`AWS::Region`, `Fn.Arn`).
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-')
}

/// Whether `text` holds a `${Key}` placeholder.
pub fn has_placeholder(text: &str) -> bool {
    next_placeholder(text).is_some()
}

/// What to do with placeholders left in a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Placeholders {
    /// Each stands for a value of the type its field expects: no issue
    /// comes from a placeholder itself (the default).
    #[default]
    Opaque,
    /// Each is an `unresolved-placeholder` error.
    Deny,
}

/// What [`Placeholders::filter`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PlaceholderCount {
    /// Strings of the definition holding a placeholder.
    pub strings: usize,
    /// Issues dropped because their value is such a string.
    pub issues_dropped: usize,
}

impl Placeholders {
    /// Applies the policy to `report`, the issues of `json`: with
    /// [`Placeholders::Opaque`], an issue whose value (at its pointer) is a
    /// string holding a placeholder is dropped; with
    /// [`Placeholders::Deny`], each such string is also an
    /// `unresolved-placeholder` error.
    pub fn filter(self, report: Report, json: &Json) -> (Report, PlaceholderCount) {
        let mut count = PlaceholderCount::default();
        let mut kept: Vec<Issue> = Vec::new();
        for issue in report {
            let opaque = json
                .pointer(&issue.pointer)
                .and_then(Json::as_str)
                .is_some_and(has_placeholder);
            if opaque {
                count.issues_dropped += 1;
            } else {
                kept.push(issue);
            }
        }
        // Depth-first, in document order; the pointer of a string is only
        // written out when it becomes an issue.
        let mut path: Vec<Step<'_>> = Vec::new();
        let mut stack = vec![(json, 0, Step::Root)];
        while let Some((value, depth, step)) = stack.pop() {
            path.truncate(depth);
            path.push(step);
            match value {
                Json::String(s) if has_placeholder(s) => {
                    count.strings += 1;
                    if self == Placeholders::Deny {
                        let pointer = pointer_of(&path);
                        kept.push(Issue::new(
                            Rule::UnresolvedPlaceholder,
                            state_of(&pointer),
                            pointer,
                            format!("`{s}` holds a placeholder no substitution replaced"),
                        ));
                    }
                }
                Json::Array(items) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((item, depth + 1, Step::Index(i)));
                    }
                }
                Json::Object(members) => {
                    for (key, item) in members.iter().rev() {
                        stack.push((item, depth + 1, Step::Key(key)));
                    }
                }
                _ => {}
            }
        }
        (Report::from_issues(kept), count)
    }
}

/// One step from a value to one inside it.
#[derive(Clone, Copy)]
enum Step<'j> {
    Root,
    Key(&'j str),
    Index(usize),
}

/// The JSON pointer of the value at the end of `path`.
fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Root => {}
            Step::Key(key) => crate::read::push_key(&mut pointer, key),
            Step::Index(i) => {
                pointer.push('/');
                pointer.push_str(&i.to_string());
            }
        }
    }
    pointer
}

/// The state a pointer `/States/NAME/…` is in (top level only: nested
/// states are found the same way one level down).
fn state_of(pointer: &str) -> Option<String> {
    let mut parts = pointer.split('/').skip(1);
    let mut state = None;
    while let Some(part) = parts.next() {
        if part == "States" {
            state = parts
                .next()
                .map(|s| s.replace("~1", "/").replace("~0", "~"));
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_but_not_escapes() {
        assert!(has_placeholder(
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f"
        ));
        assert!(has_placeholder("${Fn.Arn}"));
        assert!(!has_placeholder("${!Literal}"));
        assert!(!has_placeholder("${}"));
        assert!(!has_placeholder("$.a.b"));
        assert!(!has_placeholder("${not a key}"));
        assert!(!has_placeholder("${unclosed"));
    }

    #[test]
    fn state_of_reads_the_innermost_state() {
        assert_eq!(state_of("/States/A/Resource").as_deref(), Some("A"));
        assert_eq!(
            state_of("/States/P/Branches/0/States/B/Next").as_deref(),
            Some("B")
        );
        assert_eq!(state_of("/StartAt"), None);
    }
}
