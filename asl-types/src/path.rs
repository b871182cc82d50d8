//! JSONPath paths as ASL uses them: `$.a.b` on the state input, `$$.…` on the
//! context object, `$name.…` on a variable; and Reference Paths, which name a
//! single node.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::json::Json;
use crate::read::{At, FromJson, Issues, expect_str};
use crate::validate::Rule;

// The grammar lives in `asl-syntax`, shared with `asl-macros` (`path!` checks
// its literal at compile time with the very same function).
pub use asl_syntax::{PathRoot, Segment};

/// A JSONPath as ASL accepts it, parsed once and printed back exactly.
///
/// ```
/// use asl_types::{Path, PathRoot, Segment};
/// let p: Path = "$.items[0]['unit price']".parse().unwrap();
/// assert_eq!(p.root(), &PathRoot::Input);
/// assert_eq!(p.segments()[2], Segment::Field("unit price".into()));
/// assert!(p.is_reference());
/// assert_eq!(p.to_string(), "$.items[0]['unit price']");
/// assert!(!"$..price".parse::<Path>().unwrap().is_reference());
/// assert_eq!(Path::input().field("job").field("name").to_string(), "$.job.name");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path {
    text: String,
    root: PathRoot,
    segments: Vec<Segment>,
}

/// A path that does not parse, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid path: {reason}")]
pub struct InvalidPath {
    text: String,
    reason: String,
}

impl InvalidPath {
    fn new(text: &str, reason: impl Into<String>) -> Self {
        InvalidPath {
            text: text.to_owned(),
            reason: reason.into(),
        }
    }
}

impl Path {
    /// `$`, the state input.
    pub fn input() -> Path {
        Path {
            text: "$".into(),
            root: PathRoot::Input,
            segments: Vec::new(),
        }
    }

    /// `$$`, the context object.
    pub fn context() -> Path {
        Path {
            text: "$$".into(),
            root: PathRoot::Context,
            segments: Vec::new(),
        }
    }

    /// `$name`, a workflow variable.
    ///
    /// # Errors
    /// When `name` is not a variable name (a letter or `_`, then letters,
    /// digits and `_`).
    pub fn variable(name: &str) -> Result<Path, InvalidPath> {
        let text = format!("${name}");
        let path: Path = text.parse()?;
        if path.segments.is_empty() && matches!(path.root, PathRoot::Variable(_)) {
            Ok(path)
        } else {
            Err(InvalidPath::new(&text, "not a variable name"))
        }
    }

    /// This path followed by the field `name`.
    #[must_use]
    pub fn field(mut self, name: &str) -> Path {
        if is_plain_name(name) {
            self.text.push('.');
            self.text.push_str(name);
        } else {
            self.text.push_str("['");
            for c in name.chars() {
                if matches!(c, '\'' | '\\') {
                    self.text.push('\\');
                }
                self.text.push(c);
            }
            self.text.push_str("']");
        }
        self.segments.push(Segment::Field(name.to_owned()));
        self
    }

    /// This path followed by the array index `i`.
    #[must_use]
    pub fn index(mut self, i: u64) -> Path {
        self.text.push('[');
        self.text.push_str(&i.to_string());
        self.text.push(']');
        self.segments.push(Segment::Index(i));
        self
    }

    /// What the path starts from.
    pub fn root(&self) -> &PathRoot {
        &self.root
    }

    /// The steps after the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is a Reference Path: it names at most one node (only
    /// field names and non-negative indexes, no wildcards, descents or
    /// filters).
    pub fn is_reference(&self) -> bool {
        asl_syntax::is_reference(&self.segments)
    }

    /// A path from parts `asl_syntax::parse_path` gave for `text` (used by
    /// `path!` expansions, which parsed the literal at compile time).
    pub(crate) fn from_parts(text: String, root: PathRoot, segments: Vec<Segment>) -> Path {
        Path {
            text,
            root,
            segments,
        }
    }
}

fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

impl FromStr for Path {
    type Err = InvalidPath;

    /// Reads a path as Step Functions does (Jayway JsonPath): surrounding
    /// whitespace is trimmed, and a dot may stand before a bracket
    /// (`$.[0]`, `$.items.[0].name`). The text is kept exactly as written.
    fn from_str(text: &str) -> Result<Path, InvalidPath> {
        let parsed =
            asl_syntax::parse_path(text).map_err(|reason| InvalidPath::new(text, reason))?;
        Ok(Path {
            text: text.to_owned(),
            root: parsed.root,
            segments: parsed.segments,
        })
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl FromJson for Path {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let text = issues.ok(expect_str(json, at, "a path"))?;
        issues.ok(text
            .parse()
            .map_err(|e: InvalidPath| at.issue(Rule::PathSyntax, e.to_string())))
    }
}

/// A Reference Path: a path that names a single node (`$.a.b`, `$['x'][0]`),
/// as `ResultPath`, `ItemsPath` and the `…Path` fields need.
///
/// ```
/// use asl_types::ReferencePath;
/// assert!("$.result.items[0]".parse::<ReferencePath>().is_ok());
/// assert!("$.items[*]".parse::<ReferencePath>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferencePath(Path);

impl ReferencePath {
    /// `$`, the whole input.
    pub fn input() -> ReferencePath {
        ReferencePath(Path::input())
    }

    /// This path followed by the field `name` (still a single node).
    #[must_use]
    pub fn field(self, name: &str) -> ReferencePath {
        ReferencePath(self.0.field(name))
    }

    /// This path followed by the index `i` (still a single node).
    #[must_use]
    pub fn index(self, i: u64) -> ReferencePath {
        ReferencePath(self.0.index(i))
    }

    /// The underlying path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// `path` as a Reference Path; the caller has checked `is_reference`
    /// (`ref_path!` did, at compile time).
    pub(crate) fn from_checked(path: Path) -> ReferencePath {
        debug_assert!(path.is_reference(), "`{path}` is not a Reference Path");
        ReferencePath(path)
    }
}

impl TryFrom<Path> for ReferencePath {
    type Error = InvalidPath;
    fn try_from(path: Path) -> Result<Self, InvalidPath> {
        if path.is_reference() {
            Ok(ReferencePath(path))
        } else {
            Err(InvalidPath::new(
                path.as_str(),
                asl_syntax::NOT_A_REFERENCE_PATH,
            ))
        }
    }
}

impl FromStr for ReferencePath {
    type Err = InvalidPath;
    fn from_str(s: &str) -> Result<Self, InvalidPath> {
        s.parse::<Path>()?.try_into()
    }
}

impl fmt::Display for ReferencePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for ReferencePath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl FromJson for ReferencePath {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let path = Path::read(json, at, issues)?;
        issues.ok(path
            .try_into()
            .map_err(|e: InvalidPath| at.issue(Rule::ReferencePathSyntax, e.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        for ok in [
            "$",
            "$$",
            "$.a",
            "$.a.b[0]",
            "$['a b']",
            "$[\"x\"]",
            "$.items[*].id",
            "$..price",
            "$..[0]",
            "$.a[?(@.price > 10)]",
            "$.a[1:3]",
            "$.a[0,1]",
            "$.a[-1]",
            "$$.Execution.Input.x",
            "$$.Map.Item.Value",
            "$myVar",
            "$my_var.field[2]",
            "$.é.日本",
            "$.a['it\\'s']",
        ] {
            let p: Path = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(p.to_string(), ok);
        }
    }

    #[test]
    fn reads_paths_as_jayway_does() {
        // A dot before a bracket, and surrounding whitespace, as Step
        // Functions accepts them; printed back exactly as written.
        for (text, segments) in [
            ("$.[0]", vec![Segment::Index(0)]),
            (
                "$.Snapshots.[0].State",
                vec![
                    Segment::Field("Snapshots".into()),
                    Segment::Index(0),
                    Segment::Field("State".into()),
                ],
            ),
            (
                "$.[*].['bucket','key']",
                vec![
                    Segment::Wildcard,
                    Segment::Selector("'bucket','key'".into()),
                ],
            ),
            (
                "$.[?(@.OU > 0)]",
                vec![Segment::Selector("?(@.OU > 0)".into())],
            ),
            (
                "$$.Execution.Name ",
                vec![
                    Segment::Field("Execution".into()),
                    Segment::Field("Name".into()),
                ],
            ),
        ] {
            let p: Path = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(p.segments(), segments.as_slice(), "{text}");
            assert_eq!(p.to_string(), text);
        }
        assert!("$.[0].x".parse::<ReferencePath>().is_ok());
        let call: crate::Intrinsic = "States.StringToJson($.[0].body)".parse().unwrap();
        assert_eq!(call.to_string(), "States.StringToJson($.[0].body)");
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "", "a", "$.", "$..", "$.a.", "$[", "$[]", "$a b", "$.a b", "$.a]", "$[abc]", "$.a[0",
            "$.[", "$.[]", " ", "$ .a",
        ] {
            assert!(bad.parse::<Path>().is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn roots_and_reference_paths() {
        assert_eq!(
            "$$.Task.Token".parse::<Path>().unwrap().root(),
            &PathRoot::Context
        );
        assert_eq!(
            "$v.x".parse::<Path>().unwrap().root(),
            &PathRoot::Variable("v".into())
        );
        for r in ["$", "$.a", "$.a[0].b", "$['x y']"] {
            assert!(r.parse::<ReferencePath>().is_ok(), "{r}");
        }
        for n in ["$.a[*]", "$..a", "$.a[0:1]", "$.a[?(@.x)]", "$.*"] {
            assert!(n.parse::<ReferencePath>().is_err(), "{n}");
        }
    }

    #[test]
    fn builders_quote_when_needed() {
        let p = Path::input().field("a b").field("it's").index(3);
        assert_eq!(p.to_string(), "$['a b']['it\\'s'][3]");
        assert_eq!(p, p.to_string().parse().unwrap());
        assert_eq!(Path::variable("x").unwrap().to_string(), "$x");
        assert!(Path::variable("1x").is_err());
    }
}
