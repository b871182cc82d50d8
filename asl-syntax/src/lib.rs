#![doc = include_str!("../README.md")]

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

/// A path read by [`parse_path`]: its root and its steps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParsedPath {
    /// What the path starts from.
    pub root: PathRoot,
    /// The steps after the root.
    pub segments: Vec<Segment>,
}

impl ParsedPath {
    /// Whether this is a Reference Path: it names at most one node (only
    /// field names and non-negative indexes).
    ///
    /// ```
    /// assert!(asl_syntax::parse_path("$.a[0]").unwrap().is_reference());
    /// assert!(!asl_syntax::parse_path("$.a[*]").unwrap().is_reference());
    /// ```
    pub fn is_reference(&self) -> bool {
        is_reference(&self.segments)
    }
}

/// Whether `segments` name at most one node: only field names and
/// non-negative indexes, no wildcards, descents or filters.
pub fn is_reference(segments: &[Segment]) -> bool {
    segments
        .iter()
        .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
}

/// Why a path that parses is not a Reference Path.
pub const NOT_A_REFERENCE_PATH: &str =
    "a Reference Path names a single node: no `*`, `..`, filters, slices or unions";

fn is_var_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_var_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Reads a path as Step Functions does (Jayway JsonPath): surrounding
/// whitespace is trimmed, and a dot may stand before a bracket
/// (`$.[0]`, `$.items.[0].name`).
///
/// # Errors
/// The reason the text is not a path (`"empty field name"`, `"unclosed `[`"`, …),
/// without the text itself.
pub fn parse_path(text: &str) -> Result<ParsedPath, String> {
    let Some(mut rest) = text.trim().strip_prefix('$') else {
        return Err("a path starts with `$`".into());
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
            rest = name_or_wildcard(rest, &mut segments)?;
        } else if let Some(r) = rest.strip_prefix('.') {
            if r.starts_with('[') {
                // Jayway reads `.[…]` as `[…]`.
                rest = r;
                continue;
            }
            rest = name_or_wildcard(r, &mut segments)?;
        } else if rest.starts_with('[') {
            let (inner, after) = split_bracket(rest)?;
            segments.push(bracket_segment(inner)?);
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            return Err(format!("unexpected `{c}`"));
        }
    }
    Ok(ParsedPath { root, segments })
}

/// Reads a dotted name (or `*`) at the start of `rest`.
fn name_or_wildcard<'t>(rest: &'t str, segments: &mut Vec<Segment>) -> Result<&'t str, String> {
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let name = &rest[..end];
    if name.is_empty() {
        return Err("empty field name".into());
    }
    if name.contains([']', '\'', '"']) || name.contains(char::is_whitespace) {
        return Err("a field name with `]`, quotes or spaces needs bracket notation".into());
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
fn split_bracket(rest: &str) -> Result<(&str, &str), String> {
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
    Err("unclosed `[`".into())
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
/// `'name'` or `"name"` as one quoted token, its escapes decoded (how a
/// bracket selector names a field).
pub fn single_quoted(s: &str) -> Option<String> {
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
