//! The `States.*` intrinsic functions of JSONPath states, evaluated as Step
//! Functions evaluates them.
//!
//! What AWS does was taken, in this order, from executions recorded against
//! AWS in the `LocalStack` repository (`tests/aws/services/stepfunctions/v2/
//! intrinsic_functions/*.snapshot.json`) and from the Developer Guide page
//! <https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>.
//! Where neither says, the choice is written next to the code.
//!
//! Every failure is `States.Runtime` with the cause `Invalid arguments in
//! States.<Name>`: that is what AWS reports for a wrong type, a wrong count
//! or an out-of-range value (executions against AWS fail with that error
//! name and that text in the cause, e.g. for `States.MathAdd` given a string
//! and for `States.StringToJson` given an object).

use std::collections::HashSet;
use std::fmt::Write as _;

use asl_types::{Argument, Intrinsic, IntrinsicFunction, Json, Number, Path};
use base64::Engine as _;

use crate::{Failure, Rng};

/// The most characters `States.Base64Encode`, `States.Base64Decode` and
/// `States.Hash` accept as input (AWS documents 10,000).
const MAX_INPUT_CHARS: usize = 10_000;

/// The most items `States.ArrayRange` may produce (AWS documents 1000).
const MAX_RANGE_ITEMS: i64 = 1000;

/// Evaluates one intrinsic call as Step Functions does.
///
/// `resolve` gives the value a path argument selects; its error is returned
/// unchanged. Random values (`States.MathRandom` without a seed,
/// `States.UUID`) come from `rng` only.
pub(crate) fn call(
    intrinsic: &Intrinsic,
    resolve: &mut dyn FnMut(&Path) -> Result<Json, Failure>,
    rng: &mut Rng,
) -> Result<Json, Failure> {
    let function = intrinsic.function();
    let raw = intrinsic.args();
    let Some((min, max)) = function.arity() else {
        return Err(Failure::runtime(format!(
            "The intrinsic function States.{} is not supported",
            function.name()
        )));
    };
    if raw.len() < min || max.is_some_and(|max| raw.len() > max) {
        return Err(invalid(function));
    }
    let mut args = Vec::with_capacity(raw.len());
    for arg in raw {
        args.push(value_of(arg, resolve, rng)?);
    }
    let bad = || invalid(function);
    match function {
        IntrinsicFunction::Format => format(raw, &args).ok_or_else(bad),
        IntrinsicFunction::StringToJson => string_to_json(&args[0]).ok_or_else(bad),
        IntrinsicFunction::JsonToString => serde_json::to_string(&args[0])
            .map(Json::String)
            .map_err(|_| bad()),
        IntrinsicFunction::Array => Ok(Json::Array(args)),
        IntrinsicFunction::ArrayPartition => array_partition(&args).ok_or_else(bad),
        IntrinsicFunction::ArrayContains => array_contains(&args).ok_or_else(bad),
        IntrinsicFunction::ArrayRange => array_range(&args).ok_or_else(bad),
        IntrinsicFunction::ArrayGetItem => array_get_item(args).ok_or_else(bad),
        IntrinsicFunction::ArrayLength => match &args[0] {
            Json::Array(items) => Ok(Json::Number(Number::from(items.len()))),
            _ => Err(bad()),
        },
        IntrinsicFunction::ArrayUnique => array_unique(args).ok_or_else(bad),
        IntrinsicFunction::Base64Encode => base64_encode(&args[0]).ok_or_else(bad),
        IntrinsicFunction::Base64Decode => base64_decode(&args[0]).ok_or_else(bad),
        IntrinsicFunction::Hash => hash(&args).ok_or_else(bad),
        IntrinsicFunction::JsonMerge => json_merge(args).ok_or_else(bad),
        IntrinsicFunction::MathRandom => math_random(&args, rng).ok_or_else(bad),
        IntrinsicFunction::MathAdd => math_add(&args).ok_or_else(bad),
        IntrinsicFunction::StringSplit => string_split(&args).ok_or_else(bad),
        IntrinsicFunction::Uuid => Ok(Json::String(rng.uuid())),
        // `arity()` is `None` only for unknown names, handled above; the
        // enum is non-exhaustive, so a future function lands here.
        _ => Err(Failure::runtime(format!(
            "The intrinsic function States.{} is not supported",
            function.name()
        ))),
    }
}

/// The failure AWS reports for any bad argument of `function`.
fn invalid(function: &IntrinsicFunction) -> Failure {
    Failure::runtime(format!("Invalid arguments in States.{}", function.name()))
}

/// The value an argument stands for: a literal, what a path selects, or
/// what a nested call returns.
fn value_of(
    arg: &Argument,
    resolve: &mut dyn FnMut(&Path) -> Result<Json, Failure>,
    rng: &mut Rng,
) -> Result<Json, Failure> {
    Ok(match arg {
        Argument::String(_) => Json::String(arg.decoded().unwrap_or_default()),
        Argument::Number(n) => Json::Number(n.clone()),
        Argument::Bool(b) => Json::Bool(*b),
        Argument::Null => Json::Null,
        Argument::Path(path) => resolve(path)?,
        Argument::Call(inner) => call(inner, resolve, rng)?,
    })
}

// ---------------------------------------------------------------- Format

/// One piece of a `States.Format` template.
enum Piece {
    Text(String),
    Placeholder,
}

/// `States.Format(template, args…)`.
///
/// A template written as a literal keeps its escapes until here, so `\{`
/// stays a brace while `{}` is a placeholder. A template that comes from a
/// path (the documented `States.Format($.template, $.name)`) is a plain
/// value: only `{}` is special in it (no escapes are decoded; AWS does not
/// document this case).
fn format(raw: &[Argument], args: &[Json]) -> Option<Json> {
    let pieces = match &raw[0] {
        Argument::String(text) => template_pieces(text, true),
        _ => template_pieces(args[0].as_str()?, false),
    };
    let values = &args[1..];
    let placeholders = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Placeholder))
        .count();
    if placeholders != values.len() {
        return None;
    }
    let mut out = String::new();
    let mut values = values.iter();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Placeholder => format_value(&mut out, values.next()?),
        }
    }
    Some(Json::String(out))
}

fn template_pieces(text: &str, escapes: bool) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if escapes => current.push(chars.next().unwrap_or('\\')),
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                pieces.push(Piece::Text(std::mem::take(&mut current)));
                pieces.push(Piece::Placeholder);
            }
            _ => current.push(c),
        }
    }
    pieces.push(Piece::Text(current));
    pieces
}

/// How AWS writes a value into a `States.Format` result, as recorded: a
/// string as is (no quotes), `null`, `true`, numbers as written, and arrays
/// and objects the way Java prints its lists and maps — `[a, b]` and
/// `{Arg1=1, Arg2=[]}`, nested strings unquoted.
fn format_value(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&number_text(n)),
        Json::String(s) => out.push_str(s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                format_value(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                format_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A number's text as AWS writes it back: as written, except that an
/// integer zero loses its sign (`"-0"` parses to `0`, as recorded for
/// `States.StringToJson`).
fn number_text(n: &Number) -> String {
    let text = n.as_str();
    if n.is_integer_text() && text.trim_start_matches('-').bytes().all(|b| b == b'0') {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

// ------------------------------------------------------------------ JSON

/// `States.StringToJson(string)`: the parsed value; an empty or blank string
/// gives `null` (recorded).
fn string_to_json(arg: &Json) -> Option<Json> {
    let text = arg.as_str()?;
    if text.trim().is_empty() {
        return Some(Json::Null);
    }
    text.parse::<Json>().ok().map(normalize_zero)
}

fn normalize_zero(json: Json) -> Json {
    match json {
        Json::Number(n) => {
            let text = number_text(&n);
            Json::Number(text.parse().unwrap_or(n))
        }
        Json::Array(items) => Json::Array(items.into_iter().map(normalize_zero).collect()),
        Json::Object(members) => Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k, normalize_zero(v)))
                .collect(),
        ),
        other => other,
    }
}

/// `States.JsonMerge(a, b, false)`: `b`'s members over `a`'s, shallowly; a
/// key already in `a` keeps its place. Deep merging (`true`) is not
/// supported by AWS.
fn json_merge(args: Vec<Json>) -> Option<Json> {
    let mut args = args.into_iter();
    let (Some(Json::Object(mut merged)), Some(Json::Object(other)), Some(Json::Bool(false))) =
        (args.next(), args.next(), args.next())
    else {
        return None;
    };
    for (key, value) in other {
        merged.insert(key, value);
    }
    Some(Json::Object(merged))
}

// ---------------------------------------------------------------- arrays

fn array_partition(args: &[Json]) -> Option<Json> {
    let Json::Array(items) = &args[0] else {
        return None;
    };
    let size = usize::try_from(truncated_int(&args[1])?)
        .ok()
        .filter(|&s| s > 0)?;
    Some(Json::Array(
        items
            .chunks(size)
            .map(|c| Json::Array(c.to_vec()))
            .collect(),
    ))
}

fn array_contains(args: &[Json]) -> Option<Json> {
    let Json::Array(items) = &args[0] else {
        return None;
    };
    let wanted = identity(&args[1]);
    Some(Json::Bool(
        items.iter().any(|item| identity(item) == wanted),
    ))
}

/// `States.ArrayRange(first, last, step)`: from `first` towards `last`
/// inclusive; empty when `step` points away from `last`; at most 1000 items.
fn array_range(args: &[Json]) -> Option<Json> {
    let first = truncated_int(&args[0])?;
    let last = truncated_int(&args[1])?;
    let step = truncated_int(&args[2])?;
    if step == 0 {
        return None;
    }
    // All three fit an i32, so none of this can overflow an i64.
    let count = if (step > 0 && last < first) || (step < 0 && last > first) {
        0
    } else {
        (last - first) / step + 1
    };
    if count > MAX_RANGE_ITEMS {
        return None;
    }
    Some(Json::Array(
        (0..count)
            .map(|i| Json::Number(Number::from(first + i * step)))
            .collect(),
    ))
}

fn array_get_item(args: Vec<Json>) -> Option<Json> {
    let index = usize::try_from(truncated_int(&args[1])?).ok()?;
    let Some(Json::Array(mut items)) = args.into_iter().next() else {
        return None;
    };
    (index < items.len()).then(|| items.swap_remove(index))
}

/// `States.ArrayUnique(array)`: the first occurrence of each value, in order.
fn array_unique(args: Vec<Json>) -> Option<Json> {
    let Some(Json::Array(items)) = args.into_iter().next() else {
        return None;
    };
    let mut seen = HashSet::new();
    Some(Json::Array(
        items
            .into_iter()
            .filter(|item| seen.insert(identity(item)))
            .collect(),
    ))
}

/// A key two values share exactly when they are the same JSON value: object
/// members in any order; integers by value (`-0` is `0`); other numbers by
/// their `f64` value (`1.0` is `1.00`, but not `1`: a decimal is never
/// equal to an integer, as with the Java JSON nodes AWS compares).
fn identity(value: &Json) -> String {
    let mut out = String::new();
    write_identity(&mut out, value);
    out
}

fn write_identity(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push('n'),
        Json::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Json::Number(n) if n.is_integer_text() => {
            out.push('i');
            out.push_str(&number_text(n));
        }
        Json::Number(n) => {
            out.push('d');
            match n.as_f64() {
                Some(f) => {
                    let _ = write!(out, "{f:e}");
                }
                None => out.push_str(n.as_str()),
            }
        }
        Json::String(s) => {
            out.push('s');
            out.push_str(&serde_json::Value::from(s.as_str()).to_string());
        }
        Json::Array(items) => {
            out.push('[');
            for item in items {
                write_identity(out, item);
                out.push(',');
            }
            out.push(']');
        }
        Json::Object(members) => {
            let mut sorted: Vec<_> = members.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (key, item) in sorted {
                out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                out.push(':');
                write_identity(out, item);
                out.push(',');
            }
            out.push('}');
        }
    }
}

// ------------------------------------------------------ encoding, hashing

fn limited_str(value: &Json) -> Option<&str> {
    value
        .as_str()
        .filter(|s| s.chars().count() <= MAX_INPUT_CHARS)
}

fn base64_encode(arg: &Json) -> Option<Json> {
    let text = limited_str(arg)?;
    Some(Json::String(
        base64::engine::general_purpose::STANDARD.encode(text),
    ))
}

/// MIME Base64 decoding: characters outside the alphabet (line breaks, …)
/// are skipped; the bytes are read as UTF-8, invalid sequences replaced.
fn base64_decode(arg: &Json) -> Option<Json> {
    let text = limited_str(arg)?;
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::general_purpose::PAD
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(kept).ok()?;
    Some(Json::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `States.Hash(data, algorithm)`: lowercase hex of the UTF-8 bytes' digest.
fn hash(args: &[Json]) -> Option<Json> {
    let data = limited_str(&args[0])?.as_bytes();
    crate::hash::hex(data, args[1].as_str()?).map(Json::String)
}

// ------------------------------------------------------------------ math

/// A number argument as a Java `int`, the fraction cut off (how AWS reads
/// the integer arguments of the array functions and `States.MathRandom`:
/// `ArrayPartition(…, 2.6)` partitions by 2, `MathRandom(1.4, 1.6)` is an
/// empty range). Not a number, or outside the `int` range: `None`.
fn truncated_int(value: &Json) -> Option<i64> {
    let Json::Number(n) = value else {
        return None;
    };
    let int = n.as_i64().or_else(|| whole(n.as_f64()?.trunc()))?;
    i32::try_from(int).ok().map(i64::from)
}

/// A finite whole `f64` as an `i64`, if it is in range.
fn whole(f: f64) -> Option<i64> {
    // -2^63 and 2^63 are exact in an f64; the range is [-2^63, 2^63).
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !(-LIMIT..LIMIT).contains(&f) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, reason = "whole and in range")]
    let i = f as i64;
    Some(i)
}

/// A number argument of `States.MathAdd`: rounded half up as Java's
/// `Math.round` does (`0.5` → 1, `-0.5` → 0, `-1.5` → -1, all recorded),
/// then within a Java `int`.
fn rounded_int(value: &Json) -> Option<i64> {
    let Json::Number(n) = value else {
        return None;
    };
    let int = if let Some(i) = n.as_i64() {
        i
    } else {
        let f = n.as_f64()?;
        let floor = f.floor();
        // `f - floor` is exact (both are close), so a half is a half.
        whole(if f - floor >= 0.5 { floor + 1.0 } else { floor })?
    };
    i32::try_from(int).ok().map(i64::from)
}

/// `States.MathAdd(a, b)`. The sum of two `int`s always fits the `i64` it
/// is computed in.
fn math_add(args: &[Json]) -> Option<Json> {
    let sum = rounded_int(&args[0])? + rounded_int(&args[1])?;
    Some(Json::Number(Number::from(sum)))
}

/// `States.MathRandom(start, end[, seed])`: an integer in `[start, end)`;
/// with a seed, the same seed gives the same number (a fresh generator
/// seeded from it, so the run's generator is not advanced).
fn math_random(args: &[Json], rng: &mut Rng) -> Option<Json> {
    let start = truncated_int(&args[0])?;
    let end = truncated_int(&args[1])?;
    if start >= end {
        return None;
    }
    let value = match args.get(2) {
        Some(seed) => Rng::new(seed_of(seed)?).range_inclusive(start, end - 1),
        None => rng.range_inclusive(start, end - 1),
    };
    Some(Json::Number(Number::from(value)))
}

/// The seed argument of `States.MathRandom`: any integer (a fraction is cut
/// off), negative and zero included.
fn seed_of(value: &Json) -> Option<u64> {
    let Json::Number(n) = value else {
        return None;
    };
    let seed = n.as_i64().or_else(|| whole(n.as_f64()?.trunc()))?;
    Some(seed.cast_unsigned())
}

// --------------------------------------------------------------- strings

/// `States.StringSplit(string, delimiters)`: every character of the second
/// string is a delimiter, and empty pieces are dropped (recorded:
/// `",,,,"` split on `","` is `[]`, `"T\n"` splits on both characters).
fn string_split(args: &[Json]) -> Option<Json> {
    let text = args[0].as_str()?;
    let delimiters: Vec<char> = args[1].as_str()?.chars().collect();
    Some(Json::Array(
        text.split(|c| delimiters.contains(&c))
            .filter(|piece| !piece.is_empty())
            .map(|piece| Json::String(piece.to_owned()))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    //! Expected values are transcribed by hand from the sources named next
    //! to each test:
    //! - `DOC`: <https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>
    //! - `LS:<file>#<key>`: executions recorded against AWS in
    //!   `localstack/localstack`, `tests/aws/services/stepfunctions/v2/intrinsic_functions/<file>`,
    //!   the test's `exec_hist_resp_<n>` (its `FunctionResult`).

    use super::*;

    fn j(text: &str) -> Json {
        text.parse().expect("test JSON")
    }

    /// Resolves `$`, `$.a.b`, `$$.a.b` against `input` (both roots read the
    /// same document here); a missing field is a `States.Runtime` failure.
    fn resolver(input: &Json) -> impl FnMut(&Path) -> Result<Json, Failure> + '_ {
        move |path: &Path| {
            let text = path.as_str();
            let rest = text.trim_start_matches('$');
            let mut here = input;
            for key in rest.split('.').filter(|k| !k.is_empty()) {
                here = here
                    .get(key)
                    .ok_or_else(|| Failure::runtime(format!("no field {key} for {text}")))?;
            }
            Ok(here.clone())
        }
    }

    fn eval_with(text: &str, input: &str, rng: &mut Rng) -> Result<Json, Failure> {
        let intrinsic: Intrinsic = text.parse().expect("test intrinsic");
        let input = j(input);
        call(&intrinsic, &mut resolver(&input), rng)
    }

    fn eval(text: &str, input: &str) -> Result<Json, Failure> {
        eval_with(text, input, &mut Rng::new(7))
    }

    #[track_caller]
    fn ok(text: &str, input: &str, expected: &str) {
        assert_eq!(eval(text, input), Ok(j(expected)), "{text} on {input}");
    }

    #[track_caller]
    fn ok_str(text: &str, input: &str, expected: &str) {
        assert_eq!(
            eval(text, input),
            Ok(Json::String(expected.to_owned())),
            "{text} on {input}"
        );
    }

    #[track_caller]
    fn fails(text: &str, input: &str, function: &str) {
        assert_eq!(
            eval(text, input),
            Err(Failure::new(
                "States.Runtime",
                format!("Invalid arguments in States.{function}")
            )),
            "{text} on {input}"
        );
    }

    // ----------------------------------------------------- DOC examples

    #[test]
    fn doc_format() {
        // DOC, States.Format: both forms give the same text.
        let input = r#"{"name": "Arnav", "template": "Hello, my name is {}."}"#;
        ok_str(
            "States.Format('Hello, my name is {}.', $.name)",
            input,
            "Hello, my name is Arnav.",
        );
        ok_str(
            "States.Format($.template, $.name)",
            input,
            "Hello, my name is Arnav.",
        );
    }

    #[test]
    fn doc_string_to_json_and_back() {
        // DOC, States.StringToJson and States.JsonToString.
        ok(
            "States.StringToJson($.escapedJsonString)",
            r#"{"escapedJsonString": "{\"foo\": \"bar\"}"}"#,
            r#"{"foo": "bar"}"#,
        );
        ok_str(
            "States.JsonToString($.unescapedJson)",
            r#"{"unescapedJson": {"foo": "bar"}}"#,
            r#"{"foo":"bar"}"#,
        );
    }

    #[test]
    fn doc_arrays() {
        // DOC, "Intrinsics for arrays".
        ok("States.Array($.Id)", r#"{"Id": 123456}"#, "[123456]");
        let nine = r#"{"inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5, "index": 5}"#;
        ok(
            "States.ArrayPartition($.inputArray,4)",
            nine,
            "[[1,2,3,4],[5,6,7,8],[9]]",
        );
        ok(
            "States.ArrayContains($.inputArray, $.lookingFor)",
            nine,
            "true",
        );
        ok("States.ArrayRange(1, 9, 2)", "{}", "[1,3,5,7,9]");
        ok("States.ArrayGetItem($.inputArray, $.index)", nine, "6");
        ok("States.ArrayLength($.inputArray)", nine, "9");
        ok(
            "States.ArrayUnique($.inputArray)",
            r#"{"inputArray": [1,2,3,3,3,3,3,3,4]}"#,
            "[1,2,3,4]",
        );
    }

    #[test]
    fn doc_base64() {
        // DOC, States.Base64Encode / States.Base64Decode. (The page shows the
        // decoded result as "Decoded data"; the input it decodes is the
        // encoding of "Data to encode", as its Encode example shows.)
        ok_str(
            "States.Base64Encode($.input)",
            r#"{"input": "Data to encode"}"#,
            "RGF0YSB0byBlbmNvZGU=",
        );
        ok_str(
            "States.Base64Decode($.base64)",
            r#"{"base64": "RGF0YSB0byBlbmNvZGU="}"#,
            "Data to encode",
        );
    }

    #[test]
    fn doc_json_merge() {
        // DOC, States.JsonMerge: json2's "a" replaces json1's, not merged.
        ok(
            "States.JsonMerge($.json1, $.json2, false)",
            r#"{"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}"#,
            r#"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}"#,
        );
    }

    #[test]
    fn doc_math_and_strings() {
        // DOC, States.MathAdd: 111 + -1.
        ok(
            "States.MathAdd($.value1, $.step)",
            r#"{"value1": 111, "step": -1}"#,
            "110",
        );
        // DOC, States.StringSplit.
        ok(
            "States.StringSplit($.inputString, $.splitter)",
            r#"{"inputString": "1,2,3,4,5", "splitter": ","}"#,
            r#"["1","2","3","4","5"]"#,
        );
        // DOC, States.MathRandom(1, 999): an integer from 1 up to 999.
        let input = r#"{"start": 1, "end": 999}"#;
        for seed in 0..200 {
            let value = eval_with(
                "States.MathRandom($.start, $.end)",
                input,
                &mut Rng::new(seed),
            );
            let Ok(Json::Number(n)) = value else {
                panic!("not a number: {value:?}");
            };
            let n = n.as_i64().expect("integer text");
            assert!((1..999).contains(&n), "{n}");
        }
    }

    #[test]
    fn doc_nested_calls() {
        // DOC: the nested `myArn` example, with two `{}` (the page's template
        // has three placeholders for two arguments, which the placeholder
        // rule rejects; see `format_count_must_match`).
        let input = r#"{"ImageRecipe": {"Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.2"}}"#;
        ok_str(
            "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
            input,
            "1.0",
        );
        fails(
            "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
            input,
            "Format",
        );
    }

    // ------------------------------------------------- LocalStack records

    #[test]
    fn recorded_format_one_argument() {
        // LS:test_generic.snapshot.json#test_format_1, responses 0–6.
        let t = "States.Format('Formatting argument {}.', $.FunctionInput)";
        ok_str(t, r#"{"FunctionInput": ""}"#, "Formatting argument .");
        ok_str(t, r#"{"FunctionInput": " "}"#, "Formatting argument  .");
        ok_str(
            t,
            r#"{"FunctionInput": "HelloWorld"}"#,
            "Formatting argument HelloWorld.",
        );
        ok_str(t, r#"{"FunctionInput": null}"#, "Formatting argument null.");
        ok_str(t, r#"{"FunctionInput": 1}"#, "Formatting argument 1.");
        ok_str(t, r#"{"FunctionInput": 1.1}"#, "Formatting argument 1.1.");
        ok_str(
            t,
            r#"{"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
            r#"Formatting argument {"Arg1": 1, "Arg2": []}."#,
        );
    }

    #[test]
    fn recorded_format_objects_print_as_java_maps() {
        let t = "States.Format('Formatting arguments fst={} and snd={}.', $.fst, $.snd)";
        // LS:test_generic.snapshot.json#test_format_2, response 0.
        ok_str(
            t,
            r#"{"fst": "", "snd": ""}"#,
            "Formatting arguments fst= and snd=.",
        );
        // … response 7: an object argument.
        ok_str(
            t,
            r#"{"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}"#,
            "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.",
        );
        // LS:test_generic.snapshot.json#test_context_json_path: the
        // `$$.StateMachine` object, strings unquoted.
        ok_str(
            t,
            r#"{"fst": "arn:aws:states:us-east-1:111111111111:execution:sm:e", "snd": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:sm", "Name": "sm"}}"#,
            "Formatting arguments fst=arn:aws:states:us-east-1:111111111111:execution:sm:e and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm, Name=sm}.",
        );
    }

    #[test]
    fn recorded_nested_calls() {
        // Modeled on LS:test_generic.snapshot.json#test_nested_calls_1 and
        // _2 (the recorded name is masked there): the first and the last
        // dash-separated part of the state machine name.
        let input = r#"{"StateMachine": {"Name": "first-middle-last"}}"#;
        ok_str(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
            input,
            "first",
        );
        ok_str(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            input,
            "last",
        );
    }

    #[test]
    fn recorded_escape_sequence() {
        // LS:test_generic.snapshot.json#test_escape_sequence: a real line
        // break inside both string literals.
        ok(
            "States.StringSplit('Hello\nWorld', '\n')",
            "{}",
            r#"["Hello","World"]"#,
        );
    }

    #[test]
    fn recorded_string_to_json() {
        // LS:test_json_manipulation.snapshot.json#test_string_to_json, 0–9.
        let t = "States.StringToJson($.s)";
        for (text, expected) in [
            ("", "null"),
            (" ", "null"),
            ("null", "null"),
            ("-0", "0"),
            ("1", "1"),
            ("1.1", "1.1"),
            ("true", "true"),
            (r#""HelloWorld""#, r#""HelloWorld""#),
            (r#"[1, 2, "HelloWorld"]"#, r#"[1,2,"HelloWorld"]"#),
            (r#"{"Arg1": 1, "Arg2": []}"#, r#"{"Arg1":1,"Arg2":[]}"#),
        ] {
            let input = serde_json::json!({ "s": text }).to_string();
            let got = eval(t, &input).expect(text);
            assert_eq!(got, j(expected), "{text:?}");
            // Exactly as written back ("-0" becomes "0").
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                expected.replace(' ', "")
            );
        }
    }

    #[test]
    fn recorded_json_to_string() {
        // LS:test_json_manipulation.snapshot.json#test_json_to_string, 0–7.
        let t = "States.JsonToString($.v)";
        for (value, expected) in [
            ("null", "null"),
            ("0", "0"),
            ("1", "1"),
            ("1.1", "1.1"),
            ("true", "true"),
            (r#""HelloWorld""#, r#""HelloWorld""#),
            (r#"[1, 2, "HelloWorld"]"#, r#"[1,2,"HelloWorld"]"#),
            (r#"{"Arg1": 1, "Arg2": []}"#, r#"{"Arg1":1,"Arg2":[]}"#),
        ] {
            ok_str(t, &format!(r#"{{"v": {value}}}"#), expected);
        }
    }

    #[test]
    fn recorded_json_merge() {
        // LS:test_json_manipulation.snapshot.json#test_json_merge, 0.
        ok(
            "States.JsonMerge($.fst, $.snd, false)",
            r#"{"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}"#,
            r#"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}"#,
        );
    }

    #[test]
    fn json_merge_keeps_first_object_order() {
        // Not recorded (the snapshot tool may reorder keys): existing keys
        // keep their place, new keys follow.
        let got = eval(
            "States.JsonMerge($.a, $.b, false)",
            r#"{"a": {"z": 1, "y": 2}, "b": {"x": 3, "z": 4}}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            r#"{"z":4,"y":2,"x":3}"#
        );
    }

    #[test]
    fn recorded_math_add_rounds_each_argument() {
        // LS:test_math_operations.snapshot.json#test_math_add, 0–19.
        let t = "States.MathAdd($.fst, $.snd)";
        for (fst, snd, sum) in [
            ("-9", "3", "-6"),
            ("1.49", "1.5", "3"),
            ("1.5", "1.51", "4"),
            ("-1.49", "-1.5", "-2"),
            ("-1.5", "-1.51", "-3"),
            ("1.49", "0", "1"),
            ("1.49", "-1.49", "0"),
            ("1.5", "0", "2"),
            ("1.51", "0", "2"),
            ("-1.49", "0", "-1"),
            ("-1.5", "0", "-1"),
            ("-1.51", "0", "-2"),
            ("0.5", "0", "1"),
            ("1.5", "0", "2"),
            ("2.5", "0", "3"),
            ("3.5", "0", "4"),
            ("-0.5", "0.5", "1"),
            ("-0.5", "0", "0"),
            ("-1.5", "0", "-1"),
            ("-2.5", "0", "-2"),
        ] {
            let input = format!(r#"{{"fst": {fst}, "snd": {snd}}}"#);
            let got = eval(t, &input).unwrap();
            // Written as an integer: "3", never "3.0".
            assert_eq!(serde_json::to_string(&got).unwrap(), sum, "{fst} + {snd}");
        }
    }

    #[test]
    fn recorded_hash() {
        // LS:test_hash_calculations.snapshot.json#test_hash, 0–4 (the DOC
        // example shows the SHA-1 value with a digit missing).
        let t = "States.Hash($.fst, $.snd)";
        for (algorithm, hex) in [
            ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
            ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
            (
                "SHA-256",
                "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
            ),
            (
                "SHA-384",
                "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
            ),
            (
                "SHA-512",
                "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
            ),
        ] {
            let input = format!(r#"{{"fst": "input data", "snd": "{algorithm}"}}"#);
            ok_str(t, &input, hex);
        }
    }

    #[test]
    fn recorded_string_split() {
        // LS:test_string_operations.snapshot.json#test_string_split, 0–6.
        let t = "States.StringSplit($.fst, $.snd)";
        for (fst, snd, expected) in [
            (" ", ",", r#"[" "]"#),
            (" , ", ",", r#"[" ", " "]"#),
            (", , ,", ",", r#"[" ", " "]"#),
            (",,,,", ",", "[]"),
            ("1,2,3,4,5", ",", r#"["1","2","3","4","5"]"#),
            (
                "This.is+a,test=string",
                ".+,=",
                r#"["This","is","a","test","string"]"#,
            ),
            (
                "split on T and \nnew line",
                "T\n",
                r#"["split on ", " and ", "new line"]"#,
            ),
        ] {
            let input = serde_json::json!({ "fst": fst, "snd": snd }).to_string();
            ok(t, &input, expected);
        }
        // LS:…#test_string_split_context_object.
        let input = serde_json::json!({
            "FunctionInput": "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"
        })
        .to_string();
        ok(
            "States.StringSplit($$.FunctionInput, ',')",
            &input,
            r#"["Value1","Value2","Value3\nValue4","Value5","Value6\n","\ntrue","1","'HelloWorld'\nNull","None","\n   \n"]"#,
        );
    }

    #[test]
    fn recorded_arrays() {
        // LS:test_array.snapshot.json#test_array_0, #test_array_2 (0),
        // #test_array_get_item, #test_array_length.
        ok("States.Array()", r#"{"FunctionInput": "HelloWorld"}"#, "[]");
        ok(
            "States.Array($.fst, $.snd)",
            r#"{"fst": "", "snd": ""}"#,
            r#"["", ""]"#,
        );
        ok(
            "States.ArrayGetItem($.fst, $.snd)",
            r#"{"fst": [1,2,3,4,5,6,7,8,9], "snd": 5}"#,
            "6",
        );
        ok(
            "States.ArrayLength($.a)",
            r#"{"a": [1,2,3,4,5,6,7,8,9]}"#,
            "9",
        );
        let got = eval("States.ArrayLength($.a)", r#"{"a": [1,2,3,4,5,6,7,8,9]}"#).unwrap();
        assert_eq!(serde_json::to_string(&got).unwrap(), "9");
    }

    #[test]
    fn recorded_base64_edge() {
        // LS:test_encode_decode: the empty string both ways.
        ok_str("States.Base64Encode($.s)", r#"{"s": ""}"#, "");
        ok_str("States.Base64Decode($.s)", r#"{"s": ""}"#, "");
    }

    // ------------------------------------------------- other behaviour

    #[test]
    fn format_escapes_and_braces() {
        // `\{` `\}` `\'` `\\` are literal characters, only `{}` is a
        // placeholder; a lone brace is text.
        ok_str(
            r"States.Format('\{\} {} \'q\' \\', 'x')",
            "{}",
            r"{} x 'q' \",
        );
        ok_str("States.Format('a{b}c')", "{}", "a{b}c");
        ok_str("States.Format('{}{}', 1, true)", "{}", "1true");
        ok_str(
            "States.Format('[{}]', $.a)",
            r#"{"a": [1, "x", null, [true]]}"#,
            "[[1, x, null, [true]]]",
        );
        // A string argument is inserted raw, braces and quotes included.
        ok_str("States.Format('<{}>', $.s)", r#"{"s": "{}'\\"}"#, r"<{}'\>");
        // A template taken from a path: no escapes decoded.
        ok_str("States.Format($.t, 1)", r#"{"t": "\\{}"}"#, r"\1");
    }

    #[test]
    fn format_count_must_match() {
        fails("States.Format('{} {}', 1)", "{}", "Format");
        fails("States.Format('{}', 1, 2)", "{}", "Format");
        fails("States.Format('none', 1)", "{}", "Format");
        fails("States.Format($.t)", r#"{"t": 5}"#, "Format");
    }

    #[test]
    fn nested_call_inside_format() {
        ok_str(
            "States.Format('{}', States.ArrayLength($.a))",
            r#"{"a": [1, 2, 3]}"#,
            "3",
        );
        ok_str(
            "States.Format('{} items', States.ArrayLength(States.Array(1, 2)))",
            "{}",
            "2 items",
        );
    }

    #[test]
    fn array_range_directions_and_limit() {
        ok("States.ArrayRange(0, 9, 3)", "{}", "[0,3,6,9]");
        ok("States.ArrayRange(0, 10, 3)", "{}", "[0,3,6,9]");
        ok("States.ArrayRange(1, 9, 9)", "{}", "[1]");
        ok("States.ArrayRange(5, 1, -2)", "{}", "[5,3,1]");
        ok("States.ArrayRange(3, 3, -1)", "{}", "[3]");
        ok("States.ArrayRange(5, 1, 1)", "{}", "[]");
        ok("States.ArrayRange(1, 5, -1)", "{}", "[]");
        let Ok(Json::Array(items)) = eval("States.ArrayRange(1, 1000, 1)", "{}") else {
            panic!("1000 items are allowed");
        };
        assert_eq!(items.len(), 1000);
        assert_eq!(items[999], j("1000"));
        fails("States.ArrayRange(1, 1001, 1)", "{}", "ArrayRange");
        fails("States.ArrayRange(1001, 1, -1)", "{}", "ArrayRange");
        fails("States.ArrayRange(1, 10, 0)", "{}", "ArrayRange");
        fails("States.ArrayRange(1, 10, 0.49)", "{}", "ArrayRange");
        fails("States.ArrayRange('a', 5, 1)", "{}", "ArrayRange");
        fails("States.ArrayRange(1, 5, null)", "{}", "ArrayRange");
        fails(
            "States.ArrayRange(-2147483648, 2147483647, 1)",
            "{}",
            "ArrayRange",
        );
    }

    #[test]
    fn fractions_are_cut_off_for_array_arguments() {
        // Observed against AWS by a third-party conformance suite: fractions
        // are truncated, not rounded, for these arguments.
        ok("States.ArrayRange(1.4, 5.6, 2.2)", "{}", "[1,3,5]");
        ok("States.ArrayRange(1.6, 1.4, 1)", "{}", "[1]");
        ok("States.ArrayRange(5.4, -0.6, -2.4)", "{}", "[5,3,1]");
        ok(
            "States.ArrayPartition($.a, 2.6)",
            r#"{"a": [1,2,3,4,5]}"#,
            "[[1,2],[3,4],[5]]",
        );
        fails(
            "States.ArrayPartition($.a, 0.6)",
            r#"{"a": [1,2,3]}"#,
            "ArrayPartition",
        );
        fails(
            "States.ArrayPartition($.a, -0.4)",
            r#"{"a": [1,2,3]}"#,
            "ArrayPartition",
        );
        fails("States.MathRandom(1.4, 1.6)", "{}", "MathRandom");
        ok("States.ArrayGetItem($.a, 1.9)", r#"{"a": [1,2,3]}"#, "2");
    }

    #[test]
    fn array_partition_cases() {
        ok(
            "States.ArrayPartition($.a, 1)",
            r#"{"a": [1,2,3]}"#,
            "[[1],[2],[3]]",
        );
        ok(
            "States.ArrayPartition($.a, 10)",
            r#"{"a": [1,2,3]}"#,
            "[[1,2,3]]",
        );
        ok("States.ArrayPartition($.a, 3)", r#"{"a": []}"#, "[]");
        ok(
            "States.ArrayPartition($.a, 2147483647)",
            r#"{"a": [1]}"#,
            "[[1]]",
        );
        for size in [
            "0",
            "-1",
            "'2'",
            "null",
            "1e400",
            "99999999999999999999",
            "2147483648",
        ] {
            fails(
                &format!("States.ArrayPartition($.a, {size})"),
                r#"{"a": [1,2,3]}"#,
                "ArrayPartition",
            );
        }
        fails("States.ArrayPartition('x', 2)", "{}", "ArrayPartition");
    }

    #[test]
    fn array_contains_and_unique_compare_values() {
        let input = r#"{"a": [1, 2.50, {"x": 1, "y": [null]}, "1", true]}"#;
        ok("States.ArrayContains($.a, 2.5)", input, "true");
        ok(
            "States.ArrayContains($.a, $.b)",
            r#"{"a": [{"x": 1, "y": [null]}], "b": {"y": [null], "x": 1}}"#,
            "true",
        );
        ok("States.ArrayContains($.a, 1)", input, "true");
        ok("States.ArrayContains($.a, 1.0)", input, "false");
        ok("States.ArrayContains($.a, '1')", input, "true");
        ok("States.ArrayContains($.a, 'true')", input, "false");
        ok("States.ArrayContains($.a, false)", input, "false");
        ok("States.ArrayContains($.a, null)", r#"{"a": []}"#, "false");
        fails(
            "States.ArrayContains($.a, 1)",
            r#"{"a": {"x": 1}}"#,
            "ArrayContains",
        );
        ok(
            "States.ArrayUnique($.a)",
            r#"{"a": [null, null, true, true, false, 1, 1, 1.1, 0, -0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 1}, 1.0, 1.00]}"#,
            r#"[null, true, false, 1, 1.1, 0, "HelloWorld", [], [null], {"a": 1, "b": 2}, {"a": 1, "b": 1}, 1.0]"#,
        );
        fails("States.ArrayUnique('abc')", "{}", "ArrayUnique");
    }

    #[test]
    fn array_get_item_bounds() {
        let input = r#"{"a": [1, 2, 3]}"#;
        ok("States.ArrayGetItem($.a, 0)", input, "1");
        ok("States.ArrayGetItem($.a, 2)", input, "3");
        fails("States.ArrayGetItem($.a, 3)", input, "ArrayGetItem");
        fails("States.ArrayGetItem($.a, -1)", input, "ArrayGetItem");
        fails("States.ArrayGetItem($.a, '0')", input, "ArrayGetItem");
        fails("States.ArrayGetItem($.a, 1e400)", input, "ArrayGetItem");
        fails("States.ArrayGetItem('abc', 0)", input, "ArrayGetItem");
        fails("States.ArrayLength($.a)", r#"{"a": "abc"}"#, "ArrayLength");
    }

    #[test]
    fn base64_and_hash_limits() {
        let max = "a".repeat(MAX_INPUT_CHARS);
        let over = "a".repeat(MAX_INPUT_CHARS + 1);
        let at = |s: &str| serde_json::json!({ "s": s }).to_string();
        assert!(eval("States.Base64Encode($.s)", &at(&max)).is_ok());
        fails("States.Base64Encode($.s)", &at(&over), "Base64Encode");
        // Characters, not bytes: 10,000 two-byte characters are allowed.
        assert!(
            eval(
                "States.Base64Encode($.s)",
                &at(&"é".repeat(MAX_INPUT_CHARS))
            )
            .is_ok()
        );
        assert!(eval("States.Hash($.s, 'MD5')", &at(&max)).is_ok());
        fails("States.Hash($.s, 'MD5')", &at(&over), "Hash");
        let b64 = "QUFB".repeat(2500); // exactly 10,000 characters
        assert!(eval("States.Base64Decode($.s)", &at(&b64)).is_ok());
        fails(
            "States.Base64Decode($.s)",
            &at(&format!("{b64}QQ==")),
            "Base64Decode",
        );
        fails("States.Base64Encode(1)", "{}", "Base64Encode");
        fails("States.Base64Decode('A')", "{}", "Base64Decode");
        fails("States.Base64Decode('QQ=A')", "{}", "Base64Decode");
        fails("States.Hash('x', 'SHA-2')", "{}", "Hash");
        fails("States.Hash('x', 'md5')", "{}", "Hash");
        fails("States.Hash(1, 'MD5')", "{}", "Hash");
    }

    #[test]
    fn base64_decode_is_lenient_like_mime() {
        // MIME decoding skips line breaks; missing padding is accepted;
        // bytes that are not UTF-8 become U+FFFD.
        ok_str(
            "States.Base64Decode($.s)",
            r#"{"s": "RGF0YSB0\r\nbyBlbmNvZGU="}"#,
            "Data to encode",
        );
        ok_str("States.Base64Decode('SGk')", "{}", "Hi");
        ok_str("States.Base64Decode('!!!*')", "{}", "");
        ok_str("States.Base64Decode('/w==')", "{}", "\u{fffd}");
        // Non-ASCII text round-trips through UTF-8.
        ok_str("States.Base64Encode('é')", "{}", "w6k=");
        ok_str("States.Base64Decode('w6k=')", "{}", "é");
    }

    #[test]
    fn json_errors() {
        // An execution against AWS failed with "States.Runtime: Invalid
        // arguments in States.StringToJson" when given an object.
        fails(
            "States.StringToJson($.o)",
            r#"{"o": {"a": 1}}"#,
            "StringToJson",
        );
        fails("States.StringToJson('{')", "{}", "StringToJson");
        fails("States.StringToJson('1 2')", "{}", "StringToJson");
        fails(
            "States.JsonMerge($.a, $.b, true)",
            r#"{"a": {}, "b": {}}"#,
            "JsonMerge",
        );
        fails(
            "States.JsonMerge($.a, $.b, 'false')",
            r#"{"a": {}, "b": {}}"#,
            "JsonMerge",
        );
        fails(
            "States.JsonMerge($.a, $.b, false)",
            r#"{"a": [], "b": {}}"#,
            "JsonMerge",
        );
        fails(
            "States.JsonMerge($.a, $.b, false)",
            r#"{"a": {}, "b": 1}"#,
            "JsonMerge",
        );
        ok_str("States.JsonToString('a\"b')", "{}", r#""a\"b""#);
        ok_str("States.JsonToString($.n)", r#"{"n": 1e400}"#, "1e400");
    }

    #[test]
    fn math_errors() {
        // An execution against AWS failed with States.Runtime and "Invalid
        // arguments in States.MathAdd" for a string argument.
        fails(
            "States.MathAdd($.a, $.b)",
            r#"{"a": 1, "b": "NOT A NUMBER"}"#,
            "MathAdd",
        );
        fails("States.MathAdd(1, null)", "{}", "MathAdd");
        fails("States.MathAdd(1e400, 1)", "{}", "MathAdd");
        fails("States.MathAdd(2147483648, 1)", "{}", "MathAdd");
        fails("States.MathAdd(-2147483649, 1)", "{}", "MathAdd");
        ok("States.MathAdd(2147483647, 2147483647)", "{}", "4294967294");
        ok("States.MathAdd(-2147483648, -1)", "{}", "-2147483649");
        ok("States.MathAdd(2147483646.6, 0)", "{}", "2147483647");
        ok("States.MathAdd(1e2, 1E0)", "{}", "101");
        // Java's Math.round: the largest double below 0.5 rounds to 0.
        ok("States.MathAdd(0.49999999999999994, 0)", "{}", "0");
        ok("States.MathAdd(-2.5000001, 0)", "{}", "-3");
        fails("States.MathRandom(1, 1)", "{}", "MathRandom");
        fails("States.MathRandom(10, 5)", "{}", "MathRandom");
        fails("States.MathRandom('a', 10)", "{}", "MathRandom");
        fails("States.MathRandom(1, 10, 'seed')", "{}", "MathRandom");
        fails("States.MathRandom(1, 10, null)", "{}", "MathRandom");
        fails("States.MathRandom(1, 10, 1e400)", "{}", "MathRandom");
        fails("States.StringSplit(1, ',')", "{}", "StringSplit");
        fails("States.StringSplit('a', null)", "{}", "StringSplit");
    }

    #[test]
    fn arity_errors() {
        fails("States.ArrayRange(1, 5)", "{}", "ArrayRange");
        fails(
            "States.ArrayPartition($.a, 2, 999)",
            r#"{"a": [1]}"#,
            "ArrayPartition",
        );
        fails("States.MathRandom(1)", "{}", "MathRandom");
        fails("States.MathRandom(1, 10, 5, 99)", "{}", "MathRandom");
        fails("States.UUID(1)", "{}", "UUID");
        fails("States.Format()", "{}", "Format");
        fails("States.JsonMerge($.a, $.a)", r#"{"a": {}}"#, "JsonMerge");
        let unknown = eval("States.Nope(1)", "{}").unwrap_err();
        assert_eq!(unknown.error, "States.Runtime");
        assert!(unknown.cause.contains("States.Nope"), "{unknown}");
    }

    #[test]
    fn path_failures_pass_through_unchanged() {
        let err = eval("States.Format('{}', States.ArrayLength($.missing))", "{}").unwrap_err();
        assert_eq!(err, Failure::runtime("no field missing for $.missing"));
    }

    #[test]
    fn math_random_is_deterministic() {
        let t = "States.MathRandom(0, 1000000)";
        let run = |seed| eval_with(t, "{}", &mut Rng::new(seed)).unwrap();
        assert_eq!(run(42), run(42));
        // A seed argument: the same number whatever the run's generator,
        // and the run's generator is not advanced.
        let seeded = "States.MathRandom(0, 1000000, 3)";
        let mut a = Rng::new(1);
        let mut b = Rng::new(99);
        assert_eq!(
            eval_with(seeded, "{}", &mut a),
            eval_with(seeded, "{}", &mut b)
        );
        assert_eq!(a.next_u64(), Rng::new(1).next_u64());
        assert_ne!(
            eval("States.MathRandom(0, 1000000, 3)", "{}"),
            eval("States.MathRandom(0, 1000000, 4)", "{}")
        );
        // Negative, zero and fractional seeds are accepted.
        for seed in ["-10", "0", "2.6", "9007199254740993"] {
            assert!(
                eval(&format!("States.MathRandom(1, 10, {seed})"), "{}").is_ok(),
                "{seed}"
            );
        }
        // Both ends of a small range come up; the end never does.
        let mut rng = Rng::new(5);
        let mut values = HashSet::new();
        for _ in 0..200 {
            let Json::Number(n) = eval_with("States.MathRandom(-1, 2)", "{}", &mut rng).unwrap()
            else {
                panic!("not a number");
            };
            values.insert(n.as_i64().expect("integer"));
        }
        assert_eq!(values, HashSet::from([-1, 0, 1]));
        // The extreme int range does not overflow.
        assert!(eval("States.MathRandom(-2147483648, 2147483647)", "{}").is_ok());
    }

    #[test]
    fn uuid_is_v4_and_deterministic() {
        let run = |seed| eval_with("States.UUID()", "{}", &mut Rng::new(seed)).unwrap();
        assert_eq!(run(11), run(11));
        assert_ne!(run(11), run(12));
        let Json::String(uuid) = run(11) else {
            panic!("not a string");
        };
        let parts: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(
            uuid.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert!(parts[2].starts_with('4'), "{uuid}");
        assert!(
            matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "{uuid}"
        );
    }
}
