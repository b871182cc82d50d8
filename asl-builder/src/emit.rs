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

mod diagram;
pub use diagram::{Diagram, write_diagram};
