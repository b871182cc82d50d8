//! Comparing JSON documents as values, exactly.

use std::path::{Path, PathBuf};

use asl_types::Json;

/// Fields whose values are payloads: below them, key order must be kept.
const PAYLOAD_FIELDS: &[&str] = &[
    "Parameters",
    "Arguments",
    "ResultSelector",
    "ItemSelector",
    "Output",
    "Assign",
    "Credentials",
    "Result",
    "BatchInput",
    "Items",
];

/// Compares `a` and `b` as JSON values: numbers by their exact text,
/// objects as maps — and, inside payloads, also by key order. Returns the
/// pointer of the first difference.
#[allow(clippy::many_single_char_names, reason = "two sides of one comparison")]
pub(crate) fn diff(a: &Json, b: &Json) -> Option<String> {
    fn go(a: &Json, b: &Json, ordered: bool, at: &str) -> Option<String> {
        match (a, b) {
            (Json::Object(x), Json::Object(y)) => {
                if x.len() != y.len() {
                    return Some(format!("{at} (keys {:?} vs {:?})", x.keys(), y.keys()));
                }
                if ordered && !x.keys().eq(y.keys()) {
                    return Some(format!("{at} (order {:?} vs {:?})", x.keys(), y.keys()));
                }
                for (k, v) in x {
                    let Some(w) = y.get(k) else {
                        return Some(format!("{at}/{k} (missing on the right)"));
                    };
                    let inner = ordered || PAYLOAD_FIELDS.contains(&k.as_str());
                    if let Some(d) = go(v, w, inner, &format!("{at}/{k}")) {
                        return Some(d);
                    }
                }
                None
            }
            (Json::Array(x), Json::Array(y)) => {
                if x.len() != y.len() {
                    return Some(format!("{at} (length)"));
                }
                x.iter()
                    .zip(y)
                    .enumerate()
                    .find_map(|(i, (v, w))| go(v, w, ordered, &format!("{at}/{i}")))
            }
            _ => (a != b).then(|| format!("{at} ({a:?} vs {b:?})")),
        }
    }
    go(a, b, false, "")
}

/// The files of `dir` under `asl-types/tests/corpus`, sorted.
pub(crate) fn corpus(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn diff_sees_renamed_keys_number_text_and_payload_order() {
    let parse = |s: &str| s.parse::<Json>().unwrap();
    assert_eq!(
        diff(&parse(r#"{"Next": 1}"#), &parse(r#"{"Nxt": 1}"#)).as_deref(),
        Some("/Next (missing on the right)")
    );
    assert!(diff(&parse(r#"{"a": 1.0}"#), &parse(r#"{"a": 1}"#)).is_some());
    assert!(diff(&parse(r#"{"a": 1e3}"#), &parse(r#"{"a": 1000}"#)).is_some());
    assert!(diff(&parse(r#"{"a": 1, "b": 2}"#), &parse(r#"{"b": 2, "a": 1}"#)).is_none());
    assert!(
        diff(
            &parse(r#"{"Parameters": {"a": 1, "b": 2}}"#),
            &parse(r#"{"Parameters": {"b": 2, "a": 1}}"#)
        )
        .is_some()
    );
    assert!(diff(&parse(r#"[1, {"x": "y"}]"#), &parse(r#"[1, {"x": "y"}]"#)).is_none());
}
