//! Errors of reading a definition into the model, each with where it is.

use std::fmt;

/// A location in a JSON document while it is being read: a chain of keys and
/// indexes back to the root, plus the name of the innermost enclosing state.
///
/// Building one costs nothing; the JSON pointer is only written out when an
/// error needs it.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
    state: Option<&'a str>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl Default for At<'_> {
    fn default() -> Self {
        At::root()
    }
}

impl<'a> At<'a> {
    /// The document root.
    pub const fn root() -> At<'static> {
        At {
            parent: None,
            segment: Segment::Root,
            state: None,
        }
    }

    /// The member `key` of the object here.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Key(key),
            state: self.state,
        }
    }

    /// The element `index` of the array here.
    #[must_use]
    pub fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Index(index),
            state: self.state,
        }
    }

    /// The state `name`, stored under key `name` of the `States` object here.
    #[must_use]
    pub fn state(&'a self, name: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Key(name),
            state: Some(name),
        }
    }

    /// The innermost state this location is in, if any.
    pub fn state_name(&self) -> Option<&'a str> {
        self.state
    }

    /// The RFC 6901 JSON pointer of this location (`""` for the root).
    pub fn pointer(&self) -> String {
        let mut parts = Vec::new();
        let mut here = Some(self);
        while let Some(at) = here {
            match at.segment {
                Segment::Root => {}
                Segment::Key(k) => parts.push(k.replace('~', "~0").replace('/', "~1")),
                Segment::Index(i) => parts.push(i.to_string()),
            }
            here = at.parent;
        }
        parts.iter().rev().fold(String::new(), |mut acc, p| {
            acc.push('/');
            acc.push_str(p);
            acc
        })
    }

    /// An error of `kind` at this location.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> ParseError {
        ParseError {
            problems: vec![Problem {
                pointer: self.pointer(),
                state: self.state.map(str::to_owned),
                kind,
                message: message.into(),
            }],
        }
    }
}

/// What kind of mistake a [`Problem`] is. Each has a stable kebab-case rule
/// id, shared with the validator's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A field the object does not have in ASL.
    UnknownField,
    /// A field the object needs is absent.
    MissingField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value of the right type that is not allowed (an unknown state
    /// `Type`, an unknown `QueryLanguage`, two choice operators, …).
    InvalidValue,
    /// A JSONPath that does not parse.
    InvalidPath,
    /// A path where ASL needs a Reference Path (a single node).
    ReferencePath,
    /// An intrinsic function call that does not parse.
    InvalidIntrinsic,
    /// A `.$` key whose value is not a path or intrinsic function call.
    InvalidDynamicValue,
    /// The same key twice after `.$` is stripped (`"A"` and `"A.$"`).
    DuplicateKey,
}

impl ErrorKind {
    /// The stable rule id printed in brackets, e.g. `unknown-field`.
    pub const fn rule_id(self) -> &'static str {
        match self {
            ErrorKind::UnknownField => "unknown-field",
            ErrorKind::MissingField => "missing-field",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::InvalidPath => "path-syntax",
            ErrorKind::ReferencePath => "reference-path-syntax",
            ErrorKind::InvalidIntrinsic => "intrinsic-syntax",
            ErrorKind::InvalidDynamicValue => "dynamic-value",
            ErrorKind::DuplicateKey => "duplicate-key",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule_id())
    }
}

/// One thing wrong in a definition, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer to the offending field (`""` for the document).
    pub pointer: String,
    /// The innermost state the field is in; `None` at machine level.
    pub state: Option<String>,
    /// Which rule was broken.
    pub kind: ErrorKind,
    /// What is wrong, lowercase, offending thing in backticks.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}: {}: {} [{}]",
            self.state.as_deref().unwrap_or("-"),
            pointer,
            self.message,
            self.kind
        )
    }
}

/// A definition (or part of one) does not fit the ASL model.
///
/// Holds every problem found: reading goes on with the next state after a
/// state fails, so one run reports all broken states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    problems: Vec<Problem>,
}

impl ParseError {
    /// All problems, in document order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Joins several errors into one.
    pub fn merge(errors: impl IntoIterator<Item = ParseError>) -> Option<ParseError> {
        let problems: Vec<Problem> = errors.into_iter().flat_map(|e| e.problems).collect();
        (!problems.is_empty()).then_some(ParseError { problems })
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

impl From<Problem> for ParseError {
    fn from(problem: Problem) -> Self {
        ParseError {
            problems: vec![problem],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_state() {
        let root = At::root();
        let states = root.key("States");
        let st = states.state("a/b~c");
        let retry = st.key("Retry");
        let first = retry.index(0);
        assert_eq!(first.pointer(), "/States/a~1b~0c/Retry/0");
        assert_eq!(first.state_name(), Some("a/b~c"));
        assert_eq!(root.pointer(), "");
        let e = first.error(ErrorKind::WrongType, "expected an integer");
        assert_eq!(
            e.to_string(),
            "a/b~c: /States/a~1b~0c/Retry/0: expected an integer [wrong-type]"
        );
    }
}
