//! Used by `#[derive(Template)]` and `path!` expansions only; not part of the public API.

pub use serde;

use indexmap::IndexMap;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::expr::{Value, serialize_member};
use crate::payload::Payload;
use crate::read::At;
pub use crate::read::deserialize;
use crate::template::ToPayload;
use crate::validate::Issue;

/// The path `text`, whose parts `asl_syntax::parse_path` gave when
/// `asl_builder::path!` checked the literal at compile time; not parsed again.
pub fn path(text: &str, root: crate::PathRoot, segments: Vec<crate::Segment>) -> crate::Path {
    crate::Path::from_parts(text.to_owned(), root, segments)
}

/// As [`path`], for `asl_builder::ref_path!`, which also checked that the
/// literal names a single node.
pub fn reference_path(
    text: &str,
    root: crate::PathRoot,
    segments: Vec<crate::Segment>,
) -> crate::ReferencePath {
    crate::ReferencePath::from_checked(path(text, root, segments))
}

/// A field of a derived template: `Value<T>` or `Option<Value<T>>`.
pub trait Member {
    /// 1 when the member is written, else 0.
    fn count(&self) -> usize;
    /// Writes the member under `key` (with `.$` when its value is a path or
    /// intrinsic call).
    fn write<S: SerializeMap>(&self, out: &mut S, key: &'static str) -> Result<(), S::Error>;
    /// Puts the member's payload under `key` in `members`.
    fn insert(
        &self,
        members: &mut IndexMap<String, Payload>,
        key: &'static str,
        at: At<'_>,
    ) -> Result<(), Issue>;
}

impl<T: Serialize + ToPayload> Member for Value<T> {
    fn count(&self) -> usize {
        1
    }
    fn write<S: SerializeMap>(&self, out: &mut S, key: &'static str) -> Result<(), S::Error> {
        serialize_member(out, key, self.expr(), self)
    }
    fn insert(
        &self,
        members: &mut IndexMap<String, Payload>,
        key: &'static str,
        at: At<'_>,
    ) -> Result<(), Issue> {
        let payload = self.to_payload_at(at.key(key))?;
        members.insert(key.to_owned(), payload);
        Ok(())
    }
}

impl<T: Serialize + ToPayload> Member for Option<Value<T>> {
    fn count(&self) -> usize {
        usize::from(self.is_some())
    }
    fn write<S: SerializeMap>(&self, out: &mut S, key: &'static str) -> Result<(), S::Error> {
        match self {
            Some(value) => value.write(out, key),
            None => Ok(()),
        }
    }
    fn insert(
        &self,
        members: &mut IndexMap<String, Payload>,
        key: &'static str,
        at: At<'_>,
    ) -> Result<(), Issue> {
        match self {
            Some(value) => value.insert(members, key, at),
            None => Ok(()),
        }
    }
}

/// The payload of a derived template with `members`.
pub fn object(members: IndexMap<String, Payload>) -> Payload {
    Payload::Object(members)
}

/// An empty member map with room for `n`.
pub fn members(n: usize) -> IndexMap<String, Payload> {
    IndexMap::with_capacity(n)
}

/// Records a string a derived enum does not list, as a warning naming the
/// closest listed values; the caller keeps it as `Unknown`.
pub fn unlisted(
    at: crate::read::At<'_>,
    value: &str,
    enum_name: &str,
    listed: &[&str],
    issues: &mut crate::read::Issues,
) {
    let mut close: Vec<(usize, &str)> = listed
        .iter()
        .map(|candidate| (distance(value, candidate), *candidate))
        .filter(|(d, _)| *d <= value.chars().count().max(4) / 2)
        .collect();
    close.sort_unstable();
    let names: Vec<String> = close
        .iter()
        .take(3)
        .map(|(_, c)| format!("`{c}`"))
        .collect();
    let hint = match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    };
    issues.push(at.issue(
        crate::Rule::SagemakerUnknownEnumValue,
        format!("`{value}` is not a {enum_name} value the model lists (kept as written){hint}"),
    ));
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{At, Issues};

    #[test]
    fn unlisted_names_at_most_three_close_values() {
        let listed = [
            "ml.p4d.24xlarge",
            "ml.p5.48xlarge",
            "ml.p3.16xlarge",
            "ml.c5.xlarge",
            "ml.m5.large",
        ];
        let mut issues = Issues::new();
        unlisted(
            At::root(),
            "ml.p9.48xlarge",
            "TrainingInstanceType",
            &listed,
            &mut issues,
        );
        unlisted(
            At::root(),
            "zzzzzzzzzzzzzzzz",
            "TrainingInstanceType",
            &listed,
            &mut issues,
        );
        let messages: Vec<&str> = issues
            .as_slice()
            .iter()
            .map(|i| i.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "`ml.p9.48xlarge` is not a TrainingInstanceType value the model lists (kept as written); did you mean `ml.p5.48xlarge`, `ml.p3.16xlarge` or `ml.c5.xlarge`?",
                "`zzzzzzzzzzzzzzzz` is not a TrainingInstanceType value the model lists (kept as written)",
            ]
        );
        assert!(issues.as_slice().iter().all(|i| !i.is_error()));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
