//! Evaluating JSONPath on data, as Step Functions (Jayway `JsonPath`) does:
//! a definite path (names and indexes only) selects one value or nothing;
//! an indefinite one (wildcards, `..`, slices, unions, filters) selects a
//! list, possibly empty.

use asl_types::{Json, Segment};

/// What `segments` select in `root`: `None` when a definite path names
/// nothing; an array of the matches for an indefinite path.
pub(crate) fn select(root: &Json, segments: &[Segment]) -> Option<Json> {
    if segments
        .iter()
        .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
    {
        return definite(root, segments).cloned();
    }
    let mut nodes = vec![root];
    let mut i = 0;
    while i < segments.len() {
        let mut next = Vec::new();
        match &segments[i] {
            Segment::Descendant => {
                let mut all = Vec::new();
                for node in &nodes {
                    descendants(node, &mut all);
                }
                i += 1;
                match segments.get(i) {
                    Some(segment) => {
                        for node in all {
                            apply(node, segment, &mut next);
                        }
                    }
                    None => next = all,
                }
            }
            segment => {
                for node in &nodes {
                    apply(node, segment, &mut next);
                }
            }
        }
        nodes = next;
        i += 1;
    }
    Some(Json::Array(nodes.into_iter().cloned().collect()))
}

/// The node a definite path names.
pub(crate) fn definite<'j>(root: &'j Json, segments: &[Segment]) -> Option<&'j Json> {
    let mut node = root;
    for segment in segments {
        node = match (segment, node) {
            (Segment::Field(name), Json::Object(members)) => members.get(name)?,
            (Segment::Index(i), Json::Array(items)) => items.get(usize::try_from(*i).ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Writes `value` at the Reference Path `segments` inside `target`,
/// creating the objects on the way that do not exist yet.
pub(crate) fn write(target: &mut Json, segments: &[Segment], value: Json) -> Result<(), String> {
    let Some((last, parents)) = segments.split_last() else {
        *target = value;
        return Ok(());
    };
    let mut node = target;
    for segment in parents {
        node = match segment {
            Segment::Field(name) => {
                if matches!(node, Json::Null) {
                    *node = Json::Object(asl_types::JsonObject::new());
                }
                let Json::Object(members) = node else {
                    return Err(format!(
                        "the field `{name}` cannot be written into {}",
                        node.kind()
                    ));
                };
                members
                    .entry(name.clone())
                    .or_insert_with(|| Json::Object(asl_types::JsonObject::new()))
            }
            Segment::Index(i) => index_mut(node, *i)?,
            other => return Err(format!("{other:?} cannot be written to")),
        };
    }
    match last {
        Segment::Field(name) => {
            if matches!(node, Json::Null) {
                *node = Json::Object(asl_types::JsonObject::new());
            }
            let Json::Object(members) = node else {
                return Err(format!(
                    "the field `{name}` cannot be written into {}",
                    node.kind()
                ));
            };
            members.insert(name.clone(), value);
        }
        Segment::Index(i) => *index_mut(node, *i)? = value,
        other => return Err(format!("{other:?} cannot be written to")),
    }
    Ok(())
}

fn index_mut(node: &mut Json, i: u64) -> Result<&mut Json, String> {
    let kind = node.kind();
    match node {
        Json::Array(items) => {
            let len = items.len();
            usize::try_from(i)
                .ok()
                .and_then(|i| items.get_mut(i))
                .ok_or_else(|| format!("index {i} is out of range of an array of {len}"))
        }
        _ => Err(format!("index {i} cannot be written into {kind}")),
    }
}

fn descendants<'j>(node: &'j Json, out: &mut Vec<&'j Json>) {
    // An explicit stack: data may nest deeply.
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        out.push(node);
        match node {
            Json::Array(items) => stack.extend(items.iter().rev()),
            Json::Object(members) => stack.extend(members.values().rev()),
            _ => {}
        }
    }
}

fn apply<'j>(node: &'j Json, segment: &Segment, out: &mut Vec<&'j Json>) {
    match (segment, node) {
        (Segment::Field(name), Json::Object(members)) => out.extend(members.get(name)),
        (Segment::Index(i), Json::Array(items)) => {
            out.extend(usize::try_from(*i).ok().and_then(|i| items.get(i)));
        }
        (Segment::Wildcard, Json::Array(items)) => out.extend(items),
        (Segment::Wildcard, Json::Object(members)) => out.extend(members.values()),
        (Segment::Selector(text), _) => selector(node, text.trim(), out),
        _ => {}
    }
}

fn selector<'j>(node: &'j Json, text: &str, out: &mut Vec<&'j Json>) {
    if let Some(filter) = text
        .strip_prefix('?')
        .map(str::trim)
        .and_then(|f| f.strip_prefix('('))
        .and_then(|f| f.strip_suffix(')'))
    {
        let candidates: Vec<&Json> = match node {
            Json::Array(items) => items.iter().collect(),
            Json::Object(members) => members.values().collect(),
            _ => Vec::new(),
        };
        for candidate in candidates {
            if Filter::new(filter).holds(candidate) {
                out.push(candidate);
            }
        }
        return;
    }
    if text.contains(':') {
        if let Json::Array(items) = node {
            slice(items, text, out);
        }
        return;
    }
    for part in text.split(',') {
        let part = part.trim();
        if let Some(name) = unquote(part) {
            if let Json::Object(members) = node {
                out.extend(members.get(&name));
            }
        } else if let (Ok(i), Json::Array(items)) = (part.parse::<i64>(), node) {
            out.extend(resolve_index(i, items.len()).map(|i| &items[i]));
        }
    }
}

fn resolve_index(i: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let i = if i < 0 { len + i } else { i };
    (0..len)
        .contains(&i)
        .then(|| usize::try_from(i).ok())
        .flatten()
}

fn slice<'j>(items: &'j [Json], text: &str, out: &mut Vec<&'j Json>) {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let mut parts = text.split(':').map(str::trim);
    let bound = |s: Option<&str>, default: i64| -> Option<i64> {
        match s {
            None | Some("") => Some(default),
            Some(s) => {
                let v: i64 = s.parse().ok()?;
                Some(if v < 0 { (len + v).max(0) } else { v.min(len) })
            }
        }
    };
    let (Some(start), Some(end)) = (bound(parts.next(), 0), bound(parts.next(), len)) else {
        return;
    };
    let step = match parts.next() {
        None | Some("") => 1,
        Some(s) => s.parse::<i64>().unwrap_or(1).max(1),
    };
    let mut i = start;
    while i < end {
        if let Ok(index) = usize::try_from(i) {
            out.extend(items.get(index));
        }
        i += step;
    }
}

fn unquote(s: &str) -> Option<String> {
    asl_syntax::single_quoted(s)
}

/// A filter `?(…)`: comparisons of `@`-relative values with literals,
/// joined by `&&` and `||`, optionally negated with `!`.
struct Filter<'t> {
    text: &'t str,
}

#[derive(Debug, PartialEq)]
enum Operand {
    Value(Json),
    Missing,
}

impl<'t> Filter<'t> {
    fn new(text: &'t str) -> Self {
        Filter { text }
    }

    fn holds(&self, candidate: &Json) -> bool {
        split_top(self.text, "||").iter().any(|conj| {
            split_top(conj, "&&")
                .iter()
                .all(|t| term(t.trim(), candidate))
        })
    }
}

/// Splits at `sep` outside quotes and parentheses.
fn split_top<'t>(text: &'t str, sep: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                _ if depth == 0 && text[i..].starts_with(sep) => {
                    parts.push(&text[start..i]);
                    i += sep.len();
                    start = i;
                    continue;
                }
                _ => {}
            },
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

fn term(text: &str, candidate: &Json) -> bool {
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return Filter::new(inner).holds(candidate);
    }
    if let Some(rest) = text.strip_prefix('!') {
        return !term(rest.trim(), candidate);
    }
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
        let parts = split_top(text, op);
        if parts.len() == 2 {
            let left = operand(parts[0].trim(), candidate);
            let right = operand(parts[1].trim(), candidate);
            return compare(&left, op, &right);
        }
    }
    // A bare operand: does it exist?
    matches!(operand(text, candidate), Operand::Value(_))
}

fn operand(text: &str, candidate: &Json) -> Operand {
    if let Some(path) = text.strip_prefix('@') {
        let Ok(parsed) = format!("${path}").parse::<asl_types::Path>() else {
            return Operand::Missing;
        };
        return match select(candidate, parsed.segments()) {
            Some(v) => Operand::Value(v),
            None => Operand::Missing,
        };
    }
    if let Some(s) = unquote(text) {
        return Operand::Value(Json::String(s));
    }
    match text.parse::<Json>() {
        Ok(v) => Operand::Value(v),
        Err(_) => Operand::Missing,
    }
}

fn compare(left: &Operand, op: &str, right: &Operand) -> bool {
    let (Operand::Value(l), Operand::Value(r)) = (left, right) else {
        return op == "!=" && left != right;
    };
    let ordering = match (l, r) {
        (Json::Number(a), Json::Number(b)) => a
            .as_f64()
            .zip(b.as_f64())
            .and_then(|(a, b)| a.partial_cmp(&b)),
        (Json::String(a), Json::String(b)) => Some(a.cmp(b)),
        _ => None,
    };
    match op {
        "==" => ordering.map_or(l == r, std::cmp::Ordering::is_eq),
        "!=" => ordering.map_or(l != r, std::cmp::Ordering::is_ne),
        "<" => ordering.is_some_and(std::cmp::Ordering::is_lt),
        "<=" => ordering.is_some_and(std::cmp::Ordering::is_le),
        ">" => ordering.is_some_and(std::cmp::Ordering::is_gt),
        ">=" => ordering.is_some_and(std::cmp::Ordering::is_ge),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        text.parse().unwrap()
    }

    fn sel(data: &str, path: &str) -> Option<Json> {
        let path: asl_types::Path = path.parse().unwrap();
        select(&json(data), path.segments())
    }

    #[test]
    fn definite_paths_select_one_value_or_nothing() {
        let data = r#"{"a": {"b": [10, 20]}, "c d": 1}"#;
        assert_eq!(sel(data, "$.a.b[1]"), Some(json("20")));
        assert_eq!(sel(data, "$['c d']"), Some(json("1")));
        assert_eq!(sel(data, "$"), Some(json(data)));
        assert_eq!(sel(data, "$.a.x"), None);
        assert_eq!(sel(data, "$.a.b[2]"), None);
        assert_eq!(sel(data, "$.[0]"), None);
    }

    #[test]
    fn indefinite_paths_select_a_list() {
        let data = r#"{"items": [{"p": 1, "n": "a"}, {"p": 5, "n": "b"}, {"n": "c"}]}"#;
        assert_eq!(sel(data, "$.items[*].p"), Some(json("[1, 5]")));
        assert_eq!(sel(data, "$..p"), Some(json("[1, 5]")));
        assert_eq!(sel(data, "$.items[-1].n"), Some(json(r#"["c"]"#)));
        assert_eq!(sel(data, "$.items[0:2].n"), Some(json(r#"["a", "b"]"#)));
        assert_eq!(sel(data, "$.items[0,2].n"), Some(json(r#"["a", "c"]"#)));
        assert_eq!(sel(data, "$.items[?(@.p > 2)].n"), Some(json(r#"["b"]"#)));
        assert_eq!(sel(data, "$.items[?(@.p)].n"), Some(json(r#"["a", "b"]"#)));
        assert_eq!(
            sel(data, "$.items[?(@.n == 'a' || @.n == 'c')].n"),
            Some(json(r#"["a", "c"]"#))
        );
        assert_eq!(sel(data, "$.items[?(@.p > 9)]"), Some(json("[]")));
        assert_eq!(sel(data, "$.[*].['n']"), Some(json("[]")));
    }

    #[test]
    fn writes_create_missing_objects_and_replace_values() {
        let mut data = json(r#"{"a": 1, "b": {"c": [1, 2]}}"#);
        let at = |p: &str| p.parse::<asl_types::Path>().unwrap();
        write(&mut data, at("$.x.y").segments(), json("true")).unwrap();
        write(&mut data, at("$.b.c[1]").segments(), json("9")).unwrap();
        write(&mut data, at("$.a").segments(), json("[]")).unwrap();
        assert_eq!(
            data,
            json(r#"{"a": [], "b": {"c": [1, 9]}, "x": {"y": true}}"#)
        );
        assert!(write(&mut data, at("$.a.z").segments(), json("1")).is_err());
        assert!(write(&mut data, at("$.b.c[5]").segments(), json("1")).is_err());
    }
}
