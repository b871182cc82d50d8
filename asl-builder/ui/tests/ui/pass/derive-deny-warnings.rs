//! `#[derive(TaskInput)]` and `#[derive(Workflow)]` on documented public and
//! private types, under lints users commonly deny: a lint the expansions
//! trigger fails this test. (Clippy's lints are checked on the same derives
//! by `cargo clippy --all-targets` over `tests/it/derive.rs`.)
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

use asl_builder::{PassSpec, StateMachineBuilder, TaskInput, Workflow};

/// What the execution starts with.
#[derive(Debug, serde::Deserialize, TaskInput)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// The job.
    pub job: Job,
    /// How often to retry.
    #[asl(rename = "retries")]
    #[serde(rename = "retries", default)]
    pub max_retries: Option<u32>,
}

/// A training job.
#[derive(Debug, serde::Deserialize, TaskInput)]
pub struct Job {
    /// Its name.
    #[serde(rename = "Name")]
    pub job_name: String,
    /// Its kind.
    pub r#type: String,
}

/// The states.
#[derive(Debug, Clone, Copy, Workflow)]
pub enum Step {
    /// Says hello.
    #[asl(rename = "Say Hello")]
    Hello,
    /// Done.
    Done,
}

mod private {
    use asl_builder::{TaskInput, Workflow};

    /// Only some of its paths are taken: the others are not dead code.
    #[derive(TaskInput)]
    #[allow(dead_code, reason = "a description of JSON, never built in Rust")]
    struct Hidden {
        name: String,
        other: u32,
    }

    #[derive(Clone, Copy, Workflow)]
    pub(crate) enum Steps {
        A,
    }

    pub(crate) fn paths() -> (String, &'static str) {
        (Hidden::path().name().to_string(), Steps::A.state_name())
    }
}

fn main() {
    let input: Input = serde_json::from_str(r#"{"job": {"Name": "n", "type": "t"}}"#).unwrap();
    assert_eq!((input.job.job_name.as_str(), input.job.r#type.as_str()), ("n", "t"));
    assert_eq!(input.max_retries, None);
    assert_eq!(Input::path().job().job_name().to_string(), "$.job.Name");
    assert_eq!(Input::path().job().r#type().to_string(), "$.job.type");
    assert_eq!(Input::jsonata().max_retries().to_string(), "{% $states.input.retries %}");
    assert_eq!(private::paths(), ("$.name".to_owned(), "A"));

    let mut sm = StateMachineBuilder::new();
    let hello = sm.pass(Step::Hello, PassSpec::new());
    let done = sm.succeed(Step::Done);
    let _ = sm.start_at(hello).next(hello, done);
    let machine = sm.build().unwrap();
    assert!(machine.states.contains_key("Say Hello"));
    assert_eq!(private::Steps::A.state_name(), "A");
}
