//! Writing machines to files, for `build.rs` and binaries.

use std::io;
use std::path::Path;

use asl_types::StateMachine;

/// Writes `machine` to `path` in canonical form (pretty, two-space indent,
/// final newline), creating parent directories.
///
/// # Errors
/// When the file cannot be written, or the machine cannot be serialized (a
/// path or intrinsic call where no `.$` key can carry it).
pub fn write_pretty(machine: &StateMachine, path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref();
    let text = machine.to_canonical_string().map_err(io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// The `cargo::error=` lines a build script prints for `error`, one per
/// issue (line breaks inside a message are folded, as Cargo needs one line).
///
/// ```
/// let mut sm = asl_builder::StateMachineBuilder::new();
/// let _orphan = sm.succeed("Done"); // no start state
/// let err = sm.build().unwrap_err();
/// let lines = asl_builder::emit::cargo_errors(&err);
/// assert!(lines[0].starts_with("cargo::error="));
/// ```
pub fn cargo_errors(error: &crate::BuildError) -> Vec<String> {
    error
        .issues()
        .iter()
        .map(|issue| {
            format!(
                "cargo::error={}",
                issue.to_string().replace(['\n', '\r'], " ")
            )
        })
        .collect()
}

/// The `cargo::warning=` lines a build script prints for the warnings of a
/// machine that built, one per warning, each naming the state, the pointer
/// and the rule (line breaks inside a message are folded).
///
/// ```
/// let mut sm = asl_builder::StateMachineBuilder::new();
/// let done = sm.succeed("Done");
/// sm.start_at(done);
/// let built = sm.build().unwrap();
/// assert!(asl_builder::emit::cargo_warnings(&built).is_empty());
/// ```
pub fn cargo_warnings(built: &crate::Built) -> Vec<String> {
    built
        .warnings()
        .iter()
        .map(|issue| {
            format!(
                "cargo::warning={}",
                issue.to_string().replace(['\n', '\r'], " ")
            )
        })
        .collect()
}

/// Where [`write_policy_beside`] puts the policy of the definition at
/// `definition`: `NAME.asl.json` (or `NAME.json`) gives `NAME.policy.json` in
/// the same directory.
///
/// ```
/// use std::path::Path;
/// assert_eq!(
///     asl_builder::emit::policy_path("out/train.asl.json"),
///     Path::new("out/train.policy.json")
/// );
/// ```
pub fn policy_path(definition: impl AsRef<Path>) -> std::path::PathBuf {
    let definition = definition.as_ref();
    let file = definition
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    with_stem(definition, &file, "policy.json")
}

/// `dir/NAME.asl.json` (or `NAME.json`, or `NAME`) → `dir/NAME.EXTENSION`,
/// `name` being the definition's file name: where the policy and the
/// diagram go.
fn with_stem(definition: &Path, name: &str, extension: &str) -> std::path::PathBuf {
    let stem = name
        .strip_suffix(".asl.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name);
    definition.with_file_name(format!("{stem}.{extension}"))
}

/// Writes the IAM policy the machine's execution role needs
/// ([`StateMachine::iam_policy`]) beside its definition, at
/// [`policy_path`]`(definition)`: the policy document, pretty, with a final
/// newline. Returns the policy, whose [`warnings`](asl_types::Policy::warnings)
/// a build script can print (`cargo::warning=`).
///
/// ```
/// use asl_builder::emit;
/// use asl_builder::types::{PolicyOptions, StateMachine};
///
/// let machine: StateMachine = r#"{"StartAt": "Q", "States": {"Q": {"Type": "Task",
///   "Resource": "arn:aws:states:::sqs:sendMessage",
///   "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
///                  "MessageBody": "go"}, "End": true}}}"#.parse()?;
/// let dir = std::env::temp_dir().join(format!("asl-emit-doc-{}", std::process::id()));
/// let definition = dir.join("queue.asl.json");
/// emit::write_pretty(&machine, &definition)?;
/// let policy = emit::write_policy_beside(&machine, &PolicyOptions::new().partition("aws"), &definition)?;
/// let written = std::fs::read_to_string(dir.join("queue.policy.json"))?;
/// assert!(written.contains("\"arn:aws:sqs:us-east-1:123456789012:jobs\""));
/// assert!(policy.warnings().is_empty());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// When the file cannot be written.
pub fn write_policy_beside(
    machine: &StateMachine,
    options: &asl_types::PolicyOptions,
    definition: impl AsRef<Path>,
) -> io::Result<asl_types::Policy> {
    let path = policy_path(definition);
    let policy = machine.iam_policy(options);
    let text = format!("{:#}\n", policy.to_json());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)?;
    Ok(policy)
}

mod diagram;
pub use diagram::{Diagram, write_diagram};
