use super::*;

fn round(s: &str) -> String {
    serde_json::to_string(&s.parse::<Json>().unwrap()).unwrap()
}

#[test]
fn numbers_come_back_as_written() {
    assert_eq!(round("1"), "1");
    assert_eq!(round("1.0"), "1.0");
    assert_eq!(round("1e3"), "1e3");
    assert_eq!(round("-0"), "-0");
    assert_eq!(round("1e400"), "1e400");
    assert_eq!(
        round("123456789012345678901234567890"),
        "123456789012345678901234567890"
    );
    assert_eq!(round("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(round("18446744073709551615"), "18446744073709551615");
    assert_eq!(
        round("3.14159265358979323846264338327950288"),
        "3.14159265358979323846264338327950288"
    );
    assert_eq!(round("[0.025,1E-7]"), "[0.025,1E-7]");
}

#[test]
fn keys_keep_order_and_duplicates_are_errors() {
    assert_eq!(round(r#"{"b":1,"a":2}"#), r#"{"b":1,"a":2}"#);
    let err = r#"{"a":1,"a":2}"#.parse::<Json>().unwrap_err();
    assert!(matches!(err, JsonError::DuplicateKey { key, .. } if key == "a"));
}

#[test]
fn deep_nesting_is_an_error() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(deep.parse::<Json>().is_err());
    let deep = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    assert!(deep.parse::<Json>().is_err());
}

#[test]
fn malformed_text_is_an_error() {
    for bad in [
        "",
        "  ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "NaN",
        "'a'",
        "{} x",
        "01",
    ] {
        assert!(bad.parse::<Json>().is_err(), "{bad:?} parsed");
    }
    assert!(Json::from_slice(b"\"\xff\"").is_err());
}

#[test]
fn number_grammar() {
    for ok in ["0", "-0", "1.5", "1e3", "1E+3", "2.5e-10", "-12"] {
        assert!(ok.parse::<Number>().is_ok(), "{ok}");
    }
    for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1e+", "NaN", "inf"] {
        assert!(bad.parse::<Number>().is_err(), "{bad}");
    }
}

fn parse(s: &str) -> Result<Json, JsonError> {
    s.parse()
}

fn string(s: &str) -> String {
    match parse(s).unwrap() {
        Json::String(s) => s,
        other => panic!("{s}: not a string: {other:?}"),
    }
}

/// The line, column and message of the syntax error `text` gives.
fn syntax(text: &str) -> (usize, usize, &'static str) {
    match parse(text) {
        Err(JsonError::Syntax {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("{text:?}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn numbers_keep_their_text_inside_containers() {
    let v = parse(r#"{"a": [1, 1.0, 1e400, -0, 123456789012345678901234567890, 1E-7, 0.5e+2]}"#)
        .unwrap();
    let texts: Vec<&str> = v
        .get("a")
        .and_then(|a| match a {
            Json::Array(items) => Some(items),
            _ => None,
        })
        .unwrap()
        .iter()
        .map(|n| match n {
            Json::Number(n) => n.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "1",
            "1.0",
            "1e400",
            "-0",
            "123456789012345678901234567890",
            "1E-7",
            "0.5e+2"
        ]
    );
}

#[test]
fn literals() {
    assert_eq!(parse("true").unwrap(), Json::Bool(true));
    assert_eq!(parse(" false ").unwrap(), Json::Bool(false));
    assert_eq!(parse("null").unwrap(), Json::Null);
    assert_eq!(syntax("nul"), (1, 4, "EOF while parsing a value"));
    assert_eq!(syntax("tru3"), (1, 4, "expected ident"));
    assert_eq!(syntax("True"), (1, 1, "expected value"));
    assert_eq!(syntax("nullx"), (1, 5, "trailing characters"));
}

#[test]
fn every_escape_is_decoded() {
    assert_eq!(
        string(r#""q\"b\\s\/b\bf\fn\nr\rt\t""#),
        "q\"b\\s/b\u{8}f\u{c}n\nr\rt\t"
    );
    assert_eq!(string(r#""\u0041\u00e9\u00E9\u4e2d\u0000""#), "Aéé中\0");
    assert_eq!(string(r#""plain é 中 😀""#), "plain é 中 😀");
    assert_eq!(string(r#""a\nb""#), "a\nb");
    assert_eq!(string(r#""\\""#), "\\");
    assert_eq!(string(r#""""#), "");
}

#[test]
fn surrogate_pairs_are_one_character() {
    assert_eq!(string(r#""\ud83d\ude00""#), "😀");
    assert_eq!(string(r#""x\uD834\uDD1Ey""#), "x𝄞y");
    assert_eq!(string(r#""\udbff\udfff""#), "\u{10FFFF}");
}

#[test]
fn lone_surrogates_are_errors() {
    let lone = super::parse::LONE_SURROGATE;
    assert_eq!(syntax(r#""\ud800""#), (1, 2, lone));
    assert_eq!(syntax(r#""ab\ud800x""#), (1, 4, lone));
    assert_eq!(syntax(r#""\ud800\u0041""#), (1, 2, lone));
    assert_eq!(syntax(r#""\ud800\ud800""#), (1, 2, lone));
    assert_eq!(syntax(r#""\udc00""#), (1, 2, lone));
    assert_eq!(syntax(r#""\ude00\ud83d""#), (1, 2, lone));
}

#[test]
fn bad_strings_are_errors() {
    let control = "control character (\\u0000-\\u001F) found while parsing a string";
    assert_eq!(syntax("\"a\nb\""), (1, 3, control));
    assert_eq!(syntax("\"a\tb\""), (1, 3, control));
    assert_eq!(syntax("\"\\n\u{1f}\""), (1, 4, control));
    assert_eq!(syntax(r#""\x""#), (1, 3, "invalid escape"));
    assert_eq!(syntax(r#""\'""#), (1, 3, "invalid escape"));
    assert_eq!(syntax(r#""\u12g4""#), (1, 6, "invalid escape"));
    assert_eq!(syntax(r#""\U0041""#), (1, 3, "invalid escape"));
    assert_eq!(syntax(r#""abc"#), (1, 5, "EOF while parsing a string"));
    assert_eq!(syntax(r#""a\"#), (1, 4, "EOF while parsing a string"));
    assert_eq!(syntax(r#""\u00"#), (1, 6, "EOF while parsing a string"));
    assert_eq!(syntax(r#""\n"#), (1, 4, "EOF while parsing a string"));
}

#[test]
fn bad_numbers_are_errors() {
    assert_eq!(syntax("01"), (1, 2, "invalid number"));
    assert_eq!(syntax("-01"), (1, 3, "invalid number"));
    assert_eq!(syntax("-"), (1, 2, "EOF while parsing a value"));
    assert_eq!(syntax("-a"), (1, 2, "invalid number"));
    assert_eq!(syntax("[1.]"), (1, 4, "invalid number"));
    assert_eq!(syntax("1."), (1, 3, "EOF while parsing a value"));
    assert_eq!(syntax("1e"), (1, 3, "EOF while parsing a value"));
    assert_eq!(syntax("1e+x"), (1, 4, "invalid number"));
    assert_eq!(syntax(".5"), (1, 1, "expected value"));
    assert_eq!(syntax("+1"), (1, 1, "expected value"));
    assert_eq!(syntax("[1a]"), (1, 3, "expected `,` or `]`"));
    assert_eq!(syntax("NaN"), (1, 1, "expected value"));
    assert_eq!(syntax("Infinity"), (1, 1, "expected value"));
}

#[test]
fn syntax_errors_say_where() {
    assert_eq!(
        syntax("{\n  \"a\": 1\n  \"b\": 2\n}"),
        (3, 3, "expected `,` or `}`")
    );
    assert_eq!(syntax("{\"a\" 1}"), (1, 6, "expected `:`"));
    assert_eq!(syntax("{\"a\": 1,}"), (1, 9, "trailing comma"));
    assert_eq!(syntax("[1,\n\n  ]"), (3, 3, "trailing comma"));
    assert_eq!(syntax("[1 2]"), (1, 4, "expected `,` or `]`"));
    assert_eq!(syntax("{a: 1}"), (1, 2, "key must be a string"));
    assert_eq!(syntax("{\"a\": 1, 2}"), (1, 10, "key must be a string"));
    assert_eq!(syntax("{"), (1, 2, "EOF while parsing an object"));
    assert_eq!(syntax("{\"a\""), (1, 5, "EOF while parsing an object"));
    assert_eq!(syntax("{\"a\":"), (1, 6, "EOF while parsing a value"));
    assert_eq!(syntax("{\"a\":1"), (1, 7, "EOF while parsing an object"));
    assert_eq!(syntax("{\"a\":1,"), (1, 8, "EOF while parsing an object"));
    assert_eq!(syntax("["), (1, 2, "EOF while parsing a value"));
    assert_eq!(syntax("[1"), (1, 3, "EOF while parsing a list"));
    assert_eq!(syntax("[,1]"), (1, 2, "expected value"));
    assert_eq!(syntax("'a'"), (1, 1, "expected value"));
    assert_eq!(syntax("{} x"), (1, 4, "trailing characters"));
    assert_eq!(syntax("1 2"), (1, 3, "trailing characters"));
    assert_eq!(syntax("[]]"), (1, 3, "trailing characters"));
    // Columns count characters, not bytes.
    assert_eq!(syntax("[\"é中\" x]"), (1, 7, "expected `,` or `]`"));
    // Only the four JSON whitespace characters are whitespace.
    assert_eq!(syntax("\u{c}1"), (1, 1, "expected value"));
    assert_eq!(syntax("\u{a0}1"), (1, 1, "expected value"));
    assert_eq!(syntax("[1,\u{b}2]"), (1, 4, "expected value"));
    assert_eq!(
        parse(" \t\r\n[ 1 ,\r\n2 ]\n ").unwrap().to_value().unwrap(),
        serde_json::json!([1, 2])
    );

    let err = parse("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
    assert_eq!(err.to_string(), "expected `,` or `}` at line 3 column 3");
}

#[test]
fn empty_input() {
    for empty in ["", " ", "\n\t\r "] {
        assert!(matches!(parse(empty), Err(JsonError::Empty)), "{empty:?}");
    }
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse(&nested(MAX_DEPTH)).is_ok());
    assert!(matches!(
        parse(&nested(MAX_DEPTH + 1)),
        Err(JsonError::TooDeep)
    ));
    assert!(matches!(parse(&nested(200)), Err(JsonError::TooDeep)));
    let objects = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
    assert!(parse(&objects(MAX_DEPTH)).is_ok());
    assert!(matches!(
        parse(&objects(MAX_DEPTH + 1)),
        Err(JsonError::TooDeep)
    ));
    assert!(matches!(parse(&objects(100_000)), Err(JsonError::TooDeep)));
    // Unclosed, and mixed.
    assert!(matches!(
        parse(&"[".repeat(100_000)),
        Err(JsonError::TooDeep)
    ));
    assert!(matches!(
        parse(&r#"[{"a":"#.repeat(100_000)),
        Err(JsonError::TooDeep)
    ));
}

#[test]
fn duplicate_keys_at_any_depth() {
    let dup = |text: &str| match parse(text) {
        Err(JsonError::DuplicateKey { key, .. }) => key,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(dup(r#"{"a": 1, "b": 2, "a": 3}"#), "a");
    assert_eq!(dup(r#"[{"x": {"y": [], "y": []}}]"#), "y");
    // Equal after decoding.
    assert_eq!(dup(r#"{"a/b": 1, "a\/b": 2}"#), "a/b");
    assert_eq!(dup(r#"{"é": 1, "\u00e9": 2}"#), "é");
    assert!(parse(r#"{"a": {"a": 1}, "b": {"a": 2}}"#).is_ok());
}

#[test]
fn get_get_index_and_pointer() {
    let v = parse(r#"{"States": {"a/b": {"~x": [10, {"k": null}]}, "": 5}}"#).unwrap();
    let states = v.get("States").unwrap();
    assert_eq!(v.pointer("/States"), Some(states));
    assert_eq!(v.pointer(""), Some(&v));
    assert_eq!(v.pointer("/States/a~1b/~0x/1/k"), Some(&Json::Null));
    assert_eq!(
        v.pointer("/States/a~1b/~0x/0").unwrap().to_value().unwrap(),
        10
    );
    assert_eq!(v.pointer("/States/").unwrap().to_value().unwrap(), 5);
    for missing in [
        "/States/a~1b/~0x/2",
        "/States/a~1b/~0x/01",
        "/States/a~1b/~0x/-",
        "/States/a~1b/~0x/+1",
        "/States/a/b",
        "/States/a~2b",
        "States",
        "/Nope",
        "/States/a~1b/~0x/0/0",
    ] {
        assert_eq!(v.pointer(missing), None, "{missing}");
    }
    let list = v.pointer("/States/a~1b/~0x").unwrap();
    assert_eq!(
        list.get_index(1).and_then(|o| o.get("k")),
        Some(&Json::Null)
    );
    assert_eq!(list.get_index(2), None);
    assert_eq!(list.get("0"), None);
    assert_eq!(v.get_index(0), None);
}

#[test]
fn spans_of_values_and_keys() {
    let text = "{\n  \"States\": {\n    \"Train\": {\"Parameters\": {\"Name.$\": \"$.n\", \"a/b\": [1, [true, {\"x~y\": -1.5e3}]]}},\n    \"Done\" :  null\n  }\n}\n";
    let (json, spans) = Json::parse_with_spans(text).unwrap();
    assert_eq!(json, parse(text).unwrap());
    let value = |p: &str| spans.value(p).map(|r| &text[r]);
    let key = |p: &str| spans.key(p).map(|r| &text[r]);

    assert_eq!(value(""), Some(text.trim_end()));
    assert_eq!(key(""), None);
    assert_eq!(key("/States"), Some("\"States\""));
    assert!(value("/States").unwrap().starts_with("{\n    \"Train\""));
    assert_eq!(key("/States/Done"), Some("\"Done\""));
    assert_eq!(value("/States/Done"), Some("null"));
    assert_eq!(key("/States/Train/Parameters/Name.$"), Some("\"Name.$\""));
    assert_eq!(value("/States/Train/Parameters/Name.$"), Some("\"$.n\""));
    assert_eq!(
        value("/States/Train/Parameters/a~1b"),
        Some("[1, [true, {\"x~y\": -1.5e3}]]")
    );
    assert_eq!(value("/States/Train/Parameters/a~1b/0"), Some("1"));
    assert_eq!(key("/States/Train/Parameters/a~1b/0"), None);
    assert_eq!(value("/States/Train/Parameters/a~1b/1/0"), Some("true"));
    assert_eq!(
        value("/States/Train/Parameters/a~1b/1/1"),
        Some("{\"x~y\": -1.5e3}")
    );
    assert_eq!(
        key("/States/Train/Parameters/a~1b/1/1/x~0y"),
        Some("\"x~y\"")
    );
    assert_eq!(
        value("/States/Train/Parameters/a~1b/1/1/x~0y"),
        Some("-1.5e3")
    );

    for missing in [
        "/States/Train/Parameters/a~1b/2",
        "/States/Train/Parameters/a~1b/1/2",
        "/States/Train/Parameters/a/b",
        "/States/Train/Parameters/Name.$/0",
        "/States/Train/Missing",
        "/States/a~2",
        "States",
    ] {
        assert_eq!(spans.value(missing), None, "{missing}");
        assert_eq!(spans.key(missing), None, "{missing}");
    }
}

#[test]
fn spans_find_keys_written_with_escapes() {
    let text = r#"{"a\/b": {"\u00e9\n": [0, "\ud83d\ude00"]}, "0": 1}"#;
    let (_, spans) = Json::parse_with_spans(text).unwrap();
    assert_eq!(&text[spans.key("/a~1b").unwrap()], r#""a\/b""#);
    assert_eq!(&text[spans.key("/a~1b/é\n").unwrap()], r#""\u00e9\n""#);
    assert_eq!(
        &text[spans.value("/a~1b/é\n/1").unwrap()],
        r#""\ud83d\ude00""#
    );
    // In an object, `0` is a key, not a position.
    assert_eq!(&text[spans.value("/0").unwrap()], "1");
    assert_eq!(spans.value("/1"), None);
}

#[test]
fn spans_of_a_scalar_document() {
    let (json, spans) = Json::parse_with_spans("  42 ").unwrap();
    assert_eq!(json.to_value().unwrap(), 42);
    assert_eq!(spans.value(""), Some(2..4));
    assert_eq!(spans.value("/0"), None);
    assert!(matches!(
        Json::parse_with_spans("[1,]"),
        Err(JsonError::Syntax { .. })
    ));
    assert!(matches!(
        Json::parse_with_spans(r#"{"a":1,"a":1}"#),
        Err(JsonError::DuplicateKey { .. })
    ));
}

mod deserialize {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::parse;
    use crate::Json;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "PascalCase")]
    struct Retry<'a> {
        #[serde(borrow)]
        error_equals: Vec<&'a str>,
        max_attempts: Option<u8>,
        backoff_rate: f64,
        #[serde(default)]
        jitter: Jitter,
    }

    #[derive(Debug, PartialEq, Deserialize, Default)]
    #[serde(rename_all = "UPPERCASE")]
    enum Jitter {
        #[default]
        None,
        Full,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Shape {
        Unit,
        Newtype(i64),
        Tuple(u8, String),
        Struct { x: f64 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "Type")]
    enum State {
        Wait { seconds: f64 },
        Pass,
    }

    fn de<'a, T: Deserialize<'a>>(json: &'a Json) -> Result<T, String> {
        T::deserialize(json).map_err(|e| e.to_string())
    }

    #[test]
    fn structs_and_options() {
        let json = parse(
            r#"{"ErrorEquals": ["States.ALL"], "MaxAttempts": null, "BackoffRate": 2, "Jitter": "FULL"}"#,
        )
        .unwrap();
        assert_eq!(
            de::<Retry<'_>>(&json).unwrap(),
            Retry {
                error_equals: vec!["States.ALL"],
                max_attempts: None,
                backoff_rate: 2.0,
                jitter: Jitter::Full,
            }
        );
        let json = parse(r#"{"ErrorEquals": [], "MaxAttempts": 300, "BackoffRate": 1}"#).unwrap();
        assert_eq!(
            de::<Retry<'_>>(&json).unwrap_err(),
            "invalid value: integer `300`, expected u8"
        );
        let json = parse(r#"{"ErrorEquals": [], "BackoffRate": 1, "Nope": 1}"#).unwrap();
        assert!(
            de::<Retry<'_>>(&json)
                .unwrap_err()
                .starts_with("unknown field `Nope`")
        );
    }

    #[test]
    fn numbers() {
        let n = |s: &str| parse(s).unwrap();
        assert_eq!(de::<u64>(&n("18446744073709551615")), Ok(u64::MAX));
        assert_eq!(de::<i64>(&n("-9223372036854775808")), Ok(i64::MIN));
        assert_eq!(de::<i64>(&n("-0")), Ok(0));
        assert_eq!(de::<f64>(&n("1E-7")), Ok(1e-7));
        assert_eq!(
            de::<f64>(&n("123456789012345678901234567890")),
            Ok(1.234_567_890_123_456_8e29)
        );
        assert_eq!(de::<f64>(&n("1e400")), Ok(f64::INFINITY));
        assert!(
            de::<u32>(&n("1.0"))
                .unwrap_err()
                .starts_with("invalid type: floating point `1.0`")
        );
        assert!(de::<u64>(&n("-1")).is_err());
        let any: serde_json::Value = de(&n("[1, -2, 2.5, 18446744073709551616]")).unwrap();
        assert_eq!(
            any,
            serde_json::json!([1, -2, 2.5, 18_446_744_073_709_551_616.0])
        );
    }

    #[test]
    fn enums() {
        let shapes =
            parse(r#"["Unit", {"Newtype": -3}, {"Tuple": [1, "a"]}, {"Struct": {"x": 0.5}}]"#)
                .unwrap();
        assert_eq!(
            de::<Vec<Shape>>(&shapes).unwrap(),
            [
                Shape::Unit,
                Shape::Newtype(-3),
                Shape::Tuple(1, "a".into()),
                Shape::Struct { x: 0.5 }
            ]
        );
        assert!(de::<Shape>(&parse(r#"{"Unit": null, "Newtype": 1}"#).unwrap()).is_err());
        assert!(de::<Shape>(&parse("3").unwrap()).is_err());
        // Floats inside internally tagged enums: what `arbitrary_precision` breaks.
        let wait = parse(r#"{"Type": "Wait", "seconds": 1.5}"#).unwrap();
        assert_eq!(de::<State>(&wait).unwrap(), State::Wait { seconds: 1.5 });
        assert_eq!(
            de::<State>(&parse(r#"{"Type": "Pass"}"#).unwrap()).unwrap(),
            State::Pass
        );
    }

    #[test]
    fn maps_tuples_and_lengths() {
        let json = parse(r#"{"b": [1, "x"], "a": [2, "y"]}"#).unwrap();
        let map: BTreeMap<&str, (u8, &str)> = de(&json).unwrap();
        assert_eq!(map, BTreeMap::from([("a", (2, "y")), ("b", (1, "x"))]));
        assert!(
            de::<(u8,)>(&parse("[1, 2]").unwrap())
                .unwrap_err()
                .contains("invalid length")
        );
        assert!(
            de::<(u8, u8, u8)>(&parse("[1, 2]").unwrap())
                .unwrap_err()
                .contains("invalid length")
        );
        assert_eq!(de::<()>(&Json::Null), Ok(()));
        assert_eq!(de::<Json>(&json).unwrap(), json);
    }
}

/// Errors say where, in plain words, with the pointer of the value read
/// (issue 9: surrogates, byte order marks, UTF-16, duplicate keys).
#[test]
fn errors_name_line_column_and_pointer() {
    let text = "{\n \"StartAt\": \"A\",\n \"States\": {\n  \"A\": {\n   \"Type\": \"Pass\",\n   \"Comment\": \"\\ud800\",\n   \"End\": true\n  }\n }\n}\n";
    let err = parse(text).unwrap_err().to_string();
    assert!(err.contains("half a UTF-16 surrogate pair"), "{err}");
    assert!(
        err.ends_with("at line 6 column 16, in `/States/A/Comment`"),
        "{err}"
    );
    let err = Json::from_slice(b"\xef\xbb\xbf{}").unwrap_err().to_string();
    assert_eq!(
        err,
        "the text starts with a byte order mark (U+FEFF), which JSON does not allow at line 1 column 1"
    );
    let utf16: Vec<u8> = "{\"a\": 1}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = Json::from_slice(&utf16).unwrap_err().to_string();
    assert!(err.starts_with("the text looks like UTF-16"), "{err}");
    let utf16be: Vec<u8> = "{}".encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert!(
        Json::from_slice(&utf16be)
            .unwrap_err()
            .to_string()
            .starts_with("the text looks like UTF-16")
    );
    let err = Json::from_slice(b"\xff\xfe{\0}\0").unwrap_err().to_string();
    assert!(err.starts_with("the text looks like UTF-16"), "{err}");
    let err = Json::from_slice(b"{\"a\":\n \"\xc3\"}")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "a byte that is not UTF-8 (JSON text must be UTF-8) at line 2 column 3"
    );
    let err = parse("{\"States\": {\n  \"A\": {},\n  \"A\": {}}}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate key `A` at line 3 column 3, in `/States/A`"
    );
    let err = parse("[1, {\"a~/b\": [true, nul]}]")
        .unwrap_err()
        .to_string();
    assert_eq!(err, "expected ident at line 1 column 24, in `/1/a~0~1b/1`");
    let err = parse("{\"a\\nb\": tru}").unwrap_err().to_string();
    assert!(err.ends_with("in `/a\\nb`"), "{err}");
}
