//! A user's own payload template, under lints users commonly deny: a lint
//! the expansion triggers fails this test.
#![deny(
    warnings,
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    unused_qualifications,
    unused_lifetimes,
    single_use_lifetimes,
    rust_2018_idioms,
    trivial_casts,
    unsafe_code,
    clippy::all
)]

use asl_types::{Jsonata, Path, Template, Value};

/// The payload of a Lambda function.
#[derive(Debug, Clone, PartialEq, Template)]
pub struct Scoring {
    /// The model to score with.
    pub model_name: Value<String>,
    /// How many records.
    #[asl(rename = "batch")]
    pub batch_size: Option<Value<u32>>,
    /// The mode.
    pub mode: Option<Value<Mode>>,
}

/// Scoring mode.
#[derive(Debug, Clone, PartialEq, Template)]
pub enum Mode {
    /// Fast.
    #[asl(rename = "fast")]
    Fast,
    /// Anything else.
    Unknown(String),
}

mod reexport {
    pub(crate) use asl_types as types;
}

/// A template that reaches `asl_types` through a re-export.
#[derive(Debug, Template)]
#[asl(crate = "crate::reexport::types")]
pub struct Through {
    /// A flag.
    pub flag: Value<bool>,
}

/// A private enum and struct: the derive adds nothing that goes unused.
#[derive(Debug, PartialEq, Template)]
enum Private {
    #[asl(rename = "a")]
    A,
    Other(String),
}

#[derive(Debug, Template)]
struct Hidden {
    choice: Value<Private>,
}

/// An empty template.
#[derive(Debug, Template)]
pub struct Nothing {}

fn main() {
    let scoring = Scoring {
        model_name: Path::input().field("model").into(),
        batch_size: Some(Jsonata::new("$count").into()),
        mode: Some(Mode::Fast.into()),
    };
    let text = serde_json::to_string(&scoring).unwrap();
    assert_eq!(text, r#"{"ModelName.$":"$.model","batch":"{% $count %}","Mode":"fast"}"#);
    assert_eq!(Scoring::parse(&text).unwrap(), scoring);
    assert_eq!(serde_json::to_string(&Nothing {}).unwrap(), "{}");
    assert!(Nothing::parse(r#"{"a": 1}"#).is_err());
    let hidden = Hidden::parse(r#"{"Choice": "a"}"#).unwrap();
    assert_eq!(hidden.choice, Value::Literal(Private::A));
    // A value the enum does not list is kept (with a warning when read
    // through `read_payload`); `try_parse` is the strict look-up.
    let unlisted = Hidden::parse(r#"{"Choice": "b"}"#).unwrap();
    assert!(matches!(unlisted.choice, Value::Literal(Private::Other(ref s)) if s == "b"));
    let through = Through { flag: true.into() };
    assert_eq!(serde_json::to_string(&through).unwrap(), r#"{"Flag":true}"#);
}
