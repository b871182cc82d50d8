//! `asl graph FILE --format mermaid|dot|svg`: draws a definition.
//!
//! Mermaid and DOT are written by `asl-types`; SVG is DOT laid out by
//! Graphviz's `dot`, run as a child process when it is installed.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use clap::ValueEnum;

use crate::write_stdout;

/// Output format of `asl graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    /// A Mermaid flowchart (GitHub and GitLab draw it in Markdown).
    Mermaid,
    /// Graphviz DOT source.
    Dot,
    /// SVG drawn by Graphviz `dot` (which must be installed).
    Svg,
}

/// How to get Graphviz, for the message when `dot` is missing.
const INSTALL_GRAPHVIZ: &str = "install Graphviz to draw SVG (Debian/Ubuntu: `apt-get install graphviz`, \
     macOS: `brew install graphviz`), or print DOT with `--format dot`";

/// Draws `file`: 0, 1 when it is not a state machine, 2 when it cannot be
/// read or `dot` cannot run.
pub(crate) fn graph(file: &Path, format: GraphFormat) -> u8 {
    let (_, machine) = match crate::read_machine(file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    match format {
        GraphFormat::Mermaid => write_stdout(machine.to_mermaid().as_bytes()),
        GraphFormat::Dot => write_stdout(machine.to_dot().as_bytes()),
        GraphFormat::Svg => match svg(&machine.to_dot()) {
            Ok(svg) => write_stdout(&svg),
            Err(message) => {
                eprintln!("asl graph: {message}");
                2
            }
        },
    }
}

/// Runs `dot -Tsvg` on `source`.
fn svg(source: &str) -> Result<Vec<u8>, String> {
    let dot = std::env::var_os("ASL_DOT").unwrap_or_else(|| "dot".into());
    let mut child = Command::new(&dot)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!(
                    "Graphviz `{}` was not found: {INSTALL_GRAPHVIZ}",
                    dot.to_string_lossy()
                )
            }
            _ => format!("cannot run `{}`: {e}", dot.to_string_lossy()),
        })?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // `dot` reads all its input before writing, so writing first cannot
    // deadlock on a full output pipe.
    let written = stdin.write_all(source.as_bytes());
    drop(stdin);
    let output = child
        .wait_with_output()
        .map_err(|e| format!("`dot` failed: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`dot -Tsvg` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    written.map_err(|e| format!("cannot write to `dot`: {e}"))?;
    Ok(output.stdout)
}
