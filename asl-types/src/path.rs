//! JSONPath paths as ASL uses them: `$.a.b` on the state input, `$$.…` on the
//! context object, `$name.…` on a variable; and Reference Paths, which name a
//! single node.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::json::Json;
use crate::read::{At, FromJson, Issues, expect_str};
use crate::validate::Rule;

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathRoot {
    /// `$`: the state's input (or the effective input of the field).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// One step of a path after its root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// `.name` or `['name']`.
    Field(String),
    /// `[3]`.
    Index(u64),
    /// `.*` or `[*]`.
    Wildcard,
    /// `..`: recursive descent; the next segment applies at any depth.
    Descendant,
    /// Any other bracket selector, kept as written between the brackets:
    /// a negative index, a slice `1:3`, a union `0,1`, a filter `?(@.x > 1)`.
    Selector(String),
}

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
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
    }
}

fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn is_var_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_var_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl FromStr for Path {
    type Err = InvalidPath;

    /// Reads a path as Step Functions does (Jayway JsonPath): surrounding
    /// whitespace is trimmed, and a dot may stand before a bracket
    /// (`$.[0]`, `$.items.[0].name`). The text is kept exactly as written.
    fn from_str(text: &str) -> Result<Path, InvalidPath> {
        let err = |reason: &str| InvalidPath::new(text, reason);
        let Some(mut rest) = text.trim().strip_prefix('$') else {
            return Err(err("a path starts with `$`"));
        };
        let root = if let Some(r) = rest.strip_prefix('$') {
            rest = r;
            PathRoot::Context
        } else if rest.starts_with(is_var_start) {
            let end = rest.find(|c| !is_var_char(c)).unwrap_or(rest.len());
            let name = &rest[..end];
            rest = &rest[end..];
            PathRoot::Variable(name.to_owned())
        } else {
            PathRoot::Input
        };
        let mut segments = Vec::new();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("..") {
                segments.push(Segment::Descendant);
                rest = r;
                if rest.starts_with('[') {
                    continue;
                }
                rest = name_or_wildcard(rest, &mut segments).map_err(&err)?;
            } else if let Some(r) = rest.strip_prefix('.') {
                if r.starts_with('[') {
                    // Jayway reads `.[…]` as `[…]`.
                    rest = r;
                    continue;
                }
                rest = name_or_wildcard(r, &mut segments).map_err(&err)?;
            } else if rest.starts_with('[') {
                let (inner, after) = split_bracket(rest).map_err(&err)?;
                segments.push(bracket_segment(inner).map_err(|r| err(&r))?);
                rest = after;
            } else {
                let c = rest.chars().next().unwrap_or_default();
                return Err(err(&format!("unexpected `{c}`")));
            }
        }
        Ok(Path {
            text: text.to_owned(),
            root,
            segments,
        })
    }
}

/// Reads a dotted name (or `*`) at the start of `rest`.
fn name_or_wildcard<'t>(
    rest: &'t str,
    segments: &mut Vec<Segment>,
) -> Result<&'t str, &'static str> {
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let name = &rest[..end];
    if name.is_empty() {
        return Err("empty field name");
    }
    if name.contains([']', '\'', '"']) || name.contains(char::is_whitespace) {
        return Err("a field name with `]`, quotes or spaces needs bracket notation");
    }
    segments.push(if name == "*" {
        Segment::Wildcard
    } else {
        Segment::Field(name.to_owned())
    });
    Ok(&rest[end..])
}

/// Splits `[…]…` into the bracket's inside and what follows, honouring
/// quotes and nested brackets and parentheses.
fn split_bracket(rest: &str) -> Result<(&str, &str), &'static str> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '[' | '(' => depth += 1,
            ')' => depth = depth.checked_sub(1).ok_or("unbalanced `)`")?,
            ']' => {
                depth = depth.checked_sub(1).ok_or("unbalanced `]`")?;
                if depth == 0 {
                    return Ok((&rest[1..i], &rest[i + 1..]));
                }
            }
            _ => {}
        }
    }
    Err("unclosed `[`")
}

fn bracket_segment(inner: &str) -> Result<Segment, String> {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return Err("empty brackets".into());
    }
    if trimmed == "*" {
        return Ok(Segment::Wildcard);
    }
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed
            .parse()
            .map(Segment::Index)
            .map_err(|_| format!("index `{trimmed}` is out of range"));
    }
    if let Some(name) = single_quoted(trimmed) {
        return Ok(Segment::Field(name));
    }
    let first = trimmed.as_bytes()[0];
    let selector = trimmed.starts_with('?')
        || trimmed.starts_with('(')
        || trimmed.contains([':', ','])
        || (first == b'-' && trimmed[1..].bytes().all(|b| b.is_ascii_digit()) && trimmed.len() > 1);
    if selector {
        Ok(Segment::Selector(inner.to_owned()))
    } else {
        Err(format!("`[{inner}]` is not a selector"))
    }
}

/// `'name'` or `"name"` as one quoted token, unescaped.
fn single_quoted(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let body = s.strip_prefix(q)?.strip_suffix(q)?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            c if c == q => return None,
            c => out.push(c),
        }
    }
    Some(out)
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
}

impl TryFrom<Path> for ReferencePath {
    type Error = InvalidPath;
    fn try_from(path: Path) -> Result<Self, InvalidPath> {
        if path.is_reference() {
            Ok(ReferencePath(path))
        } else {
            Err(InvalidPath::new(
                path.as_str(),
                "a Reference Path names a single node: no `*`, `..`, filters, slices or unions",
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
