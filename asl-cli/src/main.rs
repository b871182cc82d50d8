//! `asl`: validate and format Amazon States Language definitions.
//!
//! ```text
//! asl validate FILE...            # exit 0 valid, 1 invalid, 2 unreadable / not a JSON object
//! asl validate --format json FILE...
//! asl fmt FILE                    # canonical form on stdout ("-" reads stdin)
//! asl fmt --check FILE            # exit 1 when FILE is not in canonical form
//! ```

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use asl_types::{Json, StateMachine};
use clap::{Parser, Subcommand, ValueEnum};

mod report;

use report::{Finding, Outcome};

/// Validate and format Amazon States Language (ASL) definitions.
#[derive(Debug, Parser)]
#[command(name = "asl", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check definitions; print one line per issue as `FILE: STATE: POINTER: message [rule-id]`.
    ///
    /// Exit status: 0 when every file is valid, 1 when any is invalid, 2 when
    /// a file cannot be read or is not a JSON object.
    Validate {
        /// Files to check (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to print issues.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the canonical form of a valid definition (equal to it as a JSON value).
    Fmt {
        /// The file (`-` reads standard input).
        file: PathBuf,
        /// Print nothing; exit 1 when the file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
}

/// Output format of `asl validate`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// `FILE: STATE: POINTER: message [rule-id]`, one line per issue.
    Text,
    /// A JSON array of `{file, state, pointer, rule, message}` objects.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Fmt { file, check } => fmt(&file, check),
    };
    ExitCode::from(code)
}

fn display_name(file: &std::path::Path) -> String {
    if file.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    }
}

fn read_input(file: &std::path::Path) -> std::io::Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(file)
    }
}

/// Reads and checks one file.
fn check_file(file: &std::path::Path) -> Outcome {
    let name = display_name(file);
    match read_input(file) {
        Ok(bytes) => check_bytes(&name, &bytes),
        Err(e) => Outcome::Unreadable(format!("{name}: cannot read: {e}")),
    }
}

/// Checks the contents of one file.
fn check_bytes(name: &str, bytes: &[u8]) -> Outcome {
    let json = match Json::from_slice(bytes) {
        Ok(j) => j,
        Err(e) => return Outcome::Unreadable(format!("{name}: not JSON: {e}")),
    };
    if json.as_object().is_none() {
        return Outcome::Unreadable(format!("{name}: not a JSON object (found {})", json.kind()));
    }
    match StateMachine::from_json_value(&json) {
        Ok(machine) => Outcome::Checked(Box::new(machine)),
        Err(e) => Outcome::Invalid(
            e.problems()
                .iter()
                .map(|p| Finding::from_problem(name, p))
                .collect(),
        ),
    }
}

fn validate(files: &[PathBuf], format: Format) -> u8 {
    let mut code = 0;
    let mut findings = Vec::new();
    for file in files {
        match check_file(file) {
            Outcome::Unreadable(message) => {
                eprintln!("{message}");
                code = 2;
            }
            Outcome::Invalid(found) => {
                code = code.max(1);
                findings.extend(found);
            }
            Outcome::Checked(_) => {}
        }
    }
    let out = match format {
        Format::Text => findings.iter().fold(String::new(), |mut out, f| {
            out.push_str(&f.to_string());
            out.push('\n');
            out
        }),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&findings).expect("findings serialize");
            s.push('\n');
            s
        }
    };
    // A closed pipe (`asl validate … | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    code
}

fn fmt(file: &std::path::Path, check: bool) -> u8 {
    let name = display_name(file);
    let original = match read_input(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return 2;
        }
    };
    match check_bytes(&name, &original) {
        Outcome::Unreadable(message) => {
            eprintln!("{message}");
            2
        }
        Outcome::Invalid(found) => {
            for f in found {
                eprintln!("{f}");
            }
            1
        }
        Outcome::Checked(machine) => {
            let canonical = match machine.to_canonical_string() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{name}: cannot be written: {e}");
                    return 1;
                }
            };
            if check {
                if original == canonical.as_bytes() {
                    0
                } else {
                    eprintln!("{name}: not in canonical form (run `asl fmt {name}`)");
                    1
                }
            } else {
                let _ = std::io::stdout().write_all(canonical.as_bytes());
                0
            }
        }
    }
}
