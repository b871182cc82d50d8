//! The exact JSON reader against `serde_json`: what `serde_json` writes, we
//! read back to the same text, with spans that point at each value; and on
//! JSON-ish token soup, we accept exactly what `serde_json` accepts.

use asl_types::{Json, JsonError};
use proptest::prelude::*;
use serde_json::Value;

/// Strings with escapes (quotes, backslashes, control characters), non-ASCII
/// and characters outside the Basic Multilingual Plane.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ._$/~-]{0,8}",
        "[\"\\\\/\u{0}-\u{1f}\u{7f}é中\u{2028}😀𝄞 a~/]{0,8}",
        any::<String>(),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // non-finite becomes null
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Every pointer into `v` with the value there, `""` (the whole) first.
fn pointers<'a>(v: &'a Value, at: &str, out: &mut Vec<(String, &'a Value)>) {
    out.push((at.to_owned(), v));
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(item, &format!("{at}/{token}"), out);
            }
        }
        _ => {}
    }
}

/// Pieces of JSON and near-JSON.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"a\"",
        "\"b\"",
        "\"",
        "\\",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\\u",
        "\\n",
        "\\x",
        "u12",
        "\"\t\"",
        "\"\u{1}\"",
        "1",
        "0",
        "-",
        "01",
        "1.5",
        "1.",
        ".5",
        "1e5",
        "E",
        "e",
        "+",
        "true",
        "tru",
        "null",
        "nul",
        "false",
        "NaN",
        " ",
        "\n",
        "\r",
        "\t",
        "\u{c}",
        "\u{a0}",
        "x",
        "é",
        "'",
        "/",
    ])
}

/// A few pieces concatenated: texts that are valid, or wrong in one of many
/// ways.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..16).prop_map(|tokens| tokens.concat())
}

/// What `serde_json` writes, with a piece or two inserted or a character
/// removed, mostly next to punctuation: JSON wrong in one or two places.
fn edited() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec!["{", "}", "[", "]", ",", ":", "\"", "\\", " "]),
        1 => token(),
    ];
    let edit = (
        any::<prop::sample::Index>(),
        prop::option::weighted(0.7, piece),
    );
    (value(), any::<bool>(), prop::collection::vec(edit, 1..3)).prop_map(|(v, pretty, edits)| {
        let mut text = if pretty {
            serde_json::to_string_pretty(&v)
        } else {
            serde_json::to_string(&v)
        }
        .expect("serializes");
        for (at, insert) in edits {
            // Just before or after punctuation, or at either end.
            let mut places = vec![0, text.len()];
            for (i, c) in text.char_indices() {
                if "{}[],:\"\\".contains(c) {
                    places.extend([i, i + 1]);
                }
            }
            let at = places[at.index(places.len())];
            match insert {
                Some(piece) => text.insert_str(at, piece),
                None if at < text.len() => {
                    text.remove(at);
                }
                None => {}
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn what_serde_json_writes_reads_back_to_the_same_text(v in value()) {
        let compact = serde_json::to_string(&v).expect("serializes");
        let json: Json = compact.parse().expect("reads");
        prop_assert_eq!(serde_json::to_string(&json).expect("serializes"), compact);

        let pretty = serde_json::to_string_pretty(&v).expect("serializes");
        let (json, spans) = Json::parse_with_spans(&pretty).expect("reads");
        prop_assert_eq!(&serde_json::to_string_pretty(&json).expect("serializes"), &pretty);

        let mut all = Vec::new();
        pointers(&v, "", &mut all);
        for (pointer, expected) in all {
            // Compared as text: serde_json's own float reading is not exact.
            let range = spans.value(&pointer).expect("a span for every value");
            let there: Json = pretty[range].parse().expect("a whole value");
            prop_assert_eq!(Some(&there), json.pointer(&pointer), "{}", pointer);
            prop_assert_eq!(
                serde_json::to_string(&there).expect("serializes"),
                serde_json::to_string(expected).expect("serializes")
            );
            if let Some(key_range) = spans.key(&pointer) {
                let key: String = serde_json::from_str(&pretty[key_range]).expect("a string");
                let last = pointer.rsplit('/').next().expect("a token");
                prop_assert_eq!(key.replace('~', "~0").replace('/', "~1"), last);
            }
        }
    }

    #[test]
    fn accepts_what_serde_json_accepts(text in prop_oneof![soup(), edited()]) {
        let ours = text.parse::<Json>();
        let theirs = serde_json::from_str::<Value>(&text);
        // Nesting stays far below both depth limits here.
        let agree = match (&ours, &theirs) {
            // Only we reject duplicate keys.
            (Ok(_) | Err(JsonError::DuplicateKey { .. }), Ok(_))
            | (Err(JsonError::Syntax { .. }), Err(_)) => true,
            (Err(JsonError::Empty), Err(e)) => e.is_eof(),
            // Only serde_json's `Value` cannot hold `1e500`.
            (Ok(_), Err(e)) => e.to_string().starts_with("number out of range"),
            _ => false,
        };
        prop_assert!(agree, "{:?}: ours {:?}, serde_json {:?}", text, ours, theirs);
    }
}
