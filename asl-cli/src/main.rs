//! `asl`: validate, format and run Amazon States Language definitions.
//!
//! ```text
//! asl validate FILE...                   # exit 0 valid, 1 invalid, 2 unreadable / not a JSON object
//! asl validate --format json FILE...     # the same issues as a JSON array
//! asl validate --format human FILE...    # source snippets (the default at a terminal)
//! asl validate --deny warnings FILE...   # warnings fail too
//! asl validate --allow RULE FILE...      # turn a rule off (repeatable)
//! asl validate --substitutions template.yaml --sub KEY=VALUE FILE...
//!                                         # replace ${KEY} placeholders first;
//!                                         # the rest are opaque values, or errors
//!                                         # with --deny placeholders
//! asl fmt FILE                           # canonical form on stdout ("-" reads stdin)
//! asl fmt --check FILE                   # exit 1 when FILE is not in canonical form
//! asl import FILE [--fn NAME] [-o OUT.rs] # Rust source rebuilding FILE with asl-builder
//! asl run FILE --input JSON --mocks M     # run locally: one JSON line per execution;
//!                                         # exit 0 succeeded, 3 failed / timed out,
//!                                         # 1 invalid definition or mocks, 2 unreadable
//! asl run FILE --inputs IN.jsonl --coverage
//!                                         # also: the coverage report on stderr
//! asl test DIR|FILE... [--format json] [--coverage]
//!                                         # run test-case files: PASS / FAIL per case;
//!                                         # exit 0 all pass, 1 any fails, 2 unreadable
//! asl policy FILE [--region R --account A] # the execution role's IAM policy
//! asl graph FILE --format mermaid|dot|svg # a diagram (svg runs Graphviz `dot`)
//! asl schema [--draft 07]                 # JSON Schema (2020-12) for definitions
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use asl_types::placeholders::{Placeholders, Substitutions};
use asl_types::validate::{Options, validate_reading};
use asl_types::{Error, Json, Rule, StateMachine};
use clap::{Parser, Subcommand, ValueEnum};

mod graph;
mod human;
mod import;
mod policy;
mod report;
mod run;
mod subs;
mod test;

use report::{Finding, Outcome};

/// Validate, format and run Amazon States Language (ASL) definitions.
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
    /// Exit status: 0 when every file is valid, 1 when any is invalid (has
    /// an error, or a warning under `--deny warnings`), 2 when a file cannot
    /// be read or is not a JSON object. Rule ids are listed in
    /// asl-types/RULES.md.
    Validate {
        /// Files to check (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to print issues: `human` (source snippets) when standard
        /// output is a terminal, `text` otherwise.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Fail on warnings too.
        #[arg(long, value_enum)]
        deny: Vec<Deny>,
        /// Turn the rule with this id off (repeatable), e.g.
        /// `--allow unreachable-state`.
        #[arg(long, value_name = "RULE", value_parser = parse_rule)]
        allow: Vec<Rule>,
        /// Values of `${KEY}` placeholders, replaced before validating: a
        /// JSON object, or a SAM / CloudFormation template (JSON or YAML)
        /// whose state machines' `DefinitionSubstitutions` are used.
        #[arg(long, value_name = "FILE")]
        substitutions: Option<PathBuf>,
        /// Replace `${KEY}` with VALUE before validating (repeatable; over
        /// `--substitutions`).
        #[arg(long, value_name = "KEY=VALUE", value_parser = subs::parse_pair)]
        sub: Vec<(String, String)>,
    },
    /// Print the canonical form of a valid definition (equal to it as a JSON value).
    Fmt {
        /// The file (`-` reads standard input).
        file: PathBuf,
        /// Print nothing; exit 1 when the file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Run a definition locally, with mocked tasks; print one JSON object
    /// per execution: `{"status", "output" | "error", "cause", "path"}`.
    ///
    /// Exit status: 0 when every execution succeeded, 3 when any failed or
    /// timed out, 1 when the definition or the mocks are invalid (or a Task
    /// has no mock), 2 when a file cannot be read.
    Run {
        /// The definition (`-` reads standard input).
        file: PathBuf,
        /// The execution input, as JSON text (default `{}`).
        #[arg(long, group = "source")]
        input: Option<String>,
        /// A file holding the execution input.
        #[arg(long, group = "source")]
        input_file: Option<PathBuf>,
        /// A JSON Lines file: one execution per line, in one process.
        #[arg(long, group = "source")]
        inputs: Option<PathBuf>,
        /// Task results: a JSON object from state name to a list of
        /// `{"Return": RESULT}` or `{"Throw": {"Error": E, "Cause": C}}`.
        #[arg(long)]
        mocks: Option<PathBuf>,
        /// Add the execution history (`GetExecutionHistory` events).
        #[arg(long)]
        history: bool,
        /// Seed of every random value (`States.UUID`, `States.MathRandom`,
        /// retry jitter).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// `$$.Execution.Name` (default `local-execution`).
        #[arg(long)]
        execution_name: Option<String>,
        /// `$$.Execution.StartTime`, RFC 3339 (default 2024-01-01T00:00:00Z).
        #[arg(long)]
        start_time: Option<String>,
        /// Step Functions Local's `MockConfigFile.json`; with `--test-case`.
        #[arg(
            long,
            value_name = "MockConfigFile.json",
            conflicts_with = "mocks",
            requires = "test_case"
        )]
        mock_config: Option<PathBuf>,
        /// The test case of `--mock-config` to run.
        #[arg(long, value_name = "NAME", requires = "mock_config")]
        test_case: Option<String>,
        /// The state machine of `--mock-config` (default: its only one, or
        /// the one named like FILE).
        #[arg(long, value_name = "NAME", requires = "mock_config")]
        state_machine: Option<String>,
        /// How mocked SageMaker results are checked against the shapes the
        /// integration returns, as AWS's `TestState` does: `strict` (required
        /// members present, every member of the right type), `present`
        /// (only the members present), `none`.
        #[arg(long, value_enum, default_value_t = MockValidation::Strict)]
        mock_validation: MockValidation,
        /// S3 objects a distributed Map's `ItemReader` reads: a JSON object
        /// from `s3://BUCKET/KEY` to the body (text, or JSON).
        #[arg(long, value_name = "FILE")]
        s3: Option<PathBuf>,
        /// After the runs, print which states and transitions they
        /// exercised (and which never) to standard error.
        #[arg(long)]
        coverage: bool,
    },
    /// Run test-case files (see `asl_test::Case` for the format): one
    /// `PASS NAME` or `FAIL NAME: first difference` line per case.
    ///
    /// Exit status: 0 when every case passed, 1 when any failed, 2 when a
    /// file cannot be read or holds a malformed case.
    Test {
        /// Case files, or directories whose `*.json` files (recursively)
        /// are cases.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `text` (a line per case and a summary) or `json` (an array of
        /// `{name, file, passed, difference}`).
        #[arg(long, value_enum, default_value = "text")]
        format: TestFormat,
        /// Print, on standard error, the coverage of each definition by its
        /// cases: the states and transitions exercised, and those never.
        #[arg(long)]
        coverage: bool,
    },
    /// Print Rust source that rebuilds the definition with `asl-builder`.
    ///
    /// Exit status: 0 written, 1 when the definition is invalid or the
    /// builder cannot write it exactly (each part named), 2 when a file
    /// cannot be read or written.
    Import {
        /// The definition (`-` reads standard input).
        file: PathBuf,
        /// The generated function's name.
        #[arg(long = "fn", value_name = "NAME", default_value = "machine")]
        function: String,
        /// Write the source to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT.rs")]
        output: Option<PathBuf>,
    },
    /// Print the IAM policy the definition's execution role needs
    /// (`{"Version": "2012-10-17", "Statement": [...]}`); wide statements
    /// are named on standard error, with the reason.
    ///
    /// Exit status: 0, 1 when the definition is invalid (its issues on
    /// standard error), 2 when the file cannot be read or is not a JSON
    /// object.
    Policy(policy::PolicyArgs),
    /// Draw a definition: every state with its type, Choice conditions,
    /// catchers, retriers, Parallel branches and Map item processors.
    ///
    /// `svg` runs Graphviz `dot -Tsvg` (`ASL_DOT` names another binary).
    /// Exit status: 0 drawn, 1 not a state machine, 2 unreadable or `dot`
    /// missing / failing.
    Graph {
        /// The definition (`-` reads standard input).
        file: PathBuf,
        /// What to print.
        #[arg(long, value_enum, default_value = "mermaid")]
        format: graph::GraphFormat,
    },
    /// Print a JSON Schema for ASL definitions (`*.asl.json`), for editors.
    Schema {
        /// The dialect: `2020-12` (the default) or `07` for older editors.
        #[arg(long, value_enum, default_value = "2020-12")]
        draft: SchemaDraft,
    },
}

/// The JSON Schema dialect of `asl schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaDraft {
    /// JSON Schema 2020-12.
    #[value(name = "2020-12")]
    Draft2020_12,
    /// JSON Schema draft-07.
    #[value(name = "07")]
    Draft07,
}

/// Output format of `asl test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TestFormat {
    /// `PASS NAME` / `FAIL NAME: difference`, then `N passed, M failed`.
    Text,
    /// A JSON array of `{name, file, passed, difference}`.
    Json,
}

/// `asl run --mock-validation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MockValidation {
    /// Required members present; every present member of the right type.
    Strict,
    /// Every present member of the right type.
    Present,
    /// No checks.
    None,
}

/// Output format of `asl validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `FILE: STATE: POINTER: message [rule-id]`, one line per issue.
    Text,
    /// A JSON array of `{file, state, pointer, rule, message, severity}` objects.
    Json,
    /// Each issue with the source lines around it, the field underlined.
    Human,
}

/// What `--deny` turns into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail validation (exit 1) like errors.
    Warnings,
    /// A `${…}` placeholder no substitution replaced is an error
    /// (`unresolved-placeholder`); otherwise it is an opaque value.
    Placeholders,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate {
            files,
            format,
            deny,
            allow,
            substitutions,
            sub,
        } => validate_command(&files, format, &deny, allow, substitutions.as_deref(), &sub),
        Command::Fmt { file, check } => fmt(&file, check),
        Command::Policy(args) => policy::policy(&args),
        Command::Run {
            file,
            input,
            input_file,
            inputs,
            mocks,
            history,
            seed,
            execution_name,
            start_time,
            mock_config,
            test_case,
            state_machine,
            mock_validation,
            s3,
            coverage,
        } => run::run(&run::Request {
            file,
            input,
            input_file,
            inputs,
            mocks,
            history,
            seed,
            execution_name,
            start_time,
            mock_config: mock_config
                .zip(test_case)
                .map(|(path, case)| run::MockConfigRequest {
                    path,
                    test_case: case,
                    state_machine,
                }),
            mock_validation: match mock_validation {
                MockValidation::Strict => asl_test::FieldValidation::Strict,
                MockValidation::Present => asl_test::FieldValidation::Present,
                MockValidation::None => asl_test::FieldValidation::None,
            },
            s3,
            coverage,
        }),
        Command::Import {
            file,
            function,
            output,
        } => import::import(&import::Request {
            file,
            function,
            output,
        }),
        Command::Test {
            paths,
            format,
            coverage,
        } => test::run(&paths, format == TestFormat::Json, coverage),
        Command::Graph { file, format } => graph::graph(&file, format),
        Command::Schema { draft } => schema(draft),
    };
    ExitCode::from(code)
}

/// `asl validate`: the options from the flags, then every file.
fn validate_command(
    files: &[PathBuf],
    format: Option<Format>,
    deny: &[Deny],
    allow: Vec<Rule>,
    substitutions: Option<&Path>,
    sub: &[(String, String)],
) -> u8 {
    let terminal = std::io::stdout().is_terminal();
    let format = format.unwrap_or(if terminal {
        Format::Human
    } else {
        Format::Text
    });
    let color = terminal && std::env::var_os("NO_COLOR").is_none();
    let mut options = Options::new().deny_warnings(deny.contains(&Deny::Warnings));
    if deny.contains(&Deny::Placeholders) {
        options = options.placeholders(Placeholders::Deny);
    }
    for rule in allow {
        options = options.allow(rule);
    }
    match subs::load(substitutions, sub) {
        Ok(subs) => validate(files, format, &options, subs.as_ref(), color),
        Err(message) => {
            eprintln!("{message}");
            2
        }
    }
}

/// `asl schema`: the JSON Schema for definitions, pretty, on stdout.
fn schema(draft: SchemaDraft) -> u8 {
    let draft = match draft {
        SchemaDraft::Draft2020_12 => asl_types::schema::Draft::Draft2020_12,
        SchemaDraft::Draft07 => asl_types::schema::Draft::Draft07,
    };
    let schema = asl_types::schema::definition_schema(draft);
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    text.push('\n');
    write_stdout(text.as_bytes())
}

/// Reads FILE (`-`: stdin) as a state machine, for the commands that take
/// one: its display name and the machine, or the exit code after the
/// message — 2 when it cannot be read or is not a JSON object, 1 (each
/// issue a contract line) when it does not read as a state machine.
fn read_machine(file: &std::path::Path) -> Result<(String, StateMachine), u8> {
    let name = display_name(file);
    let bytes = read_input(file).map_err(|e| {
        eprintln!("{name}: cannot read: {e}");
        2
    })?;
    match StateMachine::from_slice(&bytes) {
        Ok(machine) => Ok((name, machine)),
        Err(Error::Model(issues)) => {
            if let Some(json) = Json::from_slice(&bytes)
                .ok()
                .filter(|j| j.as_object().is_none())
            {
                eprintln!("{name}: not a JSON object (found {})", json.kind());
                return Err(2);
            }
            for issue in issues {
                eprintln!("{}", Finding::new(&name, issue));
            }
            Err(1)
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            Err(2)
        }
    }
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

/// The rule whose id is `id`, for `--allow`.
fn parse_rule(id: &str) -> Result<Rule, String> {
    Rule::from_id(id).ok_or_else(|| format!("unknown rule id `{id}` (see asl-types/RULES.md)"))
}

/// Writes `out` to standard output: 0, or 2 with a message when it cannot
/// be written (a full disk, a closed descriptor). A reader that went away
/// (`asl validate … | head`) is no news worth a message, but no success
/// either.
fn write_stdout(out: &[u8]) -> u8 {
    if !out.is_empty() && stdout_was_closed() {
        eprintln!("asl: cannot write to standard output: it is closed");
        return 2;
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 2,
        Err(e) => {
            eprintln!("asl: cannot write to standard output: {e}");
            2
        }
    }
}

/// Whether standard output was closed when `asl` started (`asl fmt x >&-`).
/// The Rust runtime then puts `/dev/null` in its place, opened read-write,
/// and every write "succeeds"; a shell's `> /dev/null` opens it write-only.
#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    let null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|t| t == std::path::Path::new("/dev/null"));
    null && std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|info| {
            let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
            u32::from_str_radix(flags.trim(), 8).ok()
        })
        // O_ACCMODE is 0o3; O_RDWR is 0o2.
        .is_some_and(|flags| flags & 0o3 == 0o2)
}

#[cfg(not(target_os = "linux"))]
fn stdout_was_closed() -> bool {
    false
}

/// Reads and checks one file.
fn check_file(
    file: &std::path::Path,
    with_spans: bool,
    options: &Options,
    subs: Option<&Substitutions>,
) -> (String, Outcome) {
    let name = display_name(file);
    let outcome = match read_input(file) {
        Ok(bytes) => {
            let bytes = substitute(&name, bytes, subs);
            check_bytes(&name, Cow::Owned(bytes), with_spans, options)
        }
        Err(e) => Outcome::Unreadable(format!("{name}: cannot read: {e}")),
    };
    (name, outcome)
}

/// Replaces the placeholders `subs` knows, and says on standard error how
/// many were replaced and how many are left (opaque, or denied).
fn substitute(name: &str, bytes: Vec<u8>, subs: Option<&Substitutions>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    let empty = Substitutions::new();
    let out = subs.unwrap_or(&empty).apply(text);
    if out.resolved + out.opaque > 0 {
        eprintln!(
            "{name}: {} placeholder(s) substituted, {} left opaque",
            out.resolved, out.opaque
        );
    }
    if subs.is_some() {
        out.text.into_bytes()
    } else {
        bytes
    }
}

/// Reads the contents of one file and, when they fit the model, validates
/// them: reading problems and validation issues come out the same way.
/// The text is kept (for the human renderer's excerpts) only `with_spans`;
/// otherwise the bytes are let go once parsed, so that the file, its JSON
/// tree and the machine read from it are not all held at once.
fn check_bytes(name: &str, bytes: Cow<'_, [u8]>, with_spans: bool, options: &Options) -> Outcome {
    let parsed = if with_spans {
        Json::parse_bytes_with_spans(&bytes).map(|(json, spans)| (json, Some(spans)))
    } else {
        Json::from_slice(&bytes).map(|json| (json, None))
    };
    let (json, spans) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return Outcome::Unreadable(format!("{name}: not JSON: {e}")),
    };
    if json.as_object().is_none() {
        return Outcome::Unreadable(format!("{name}: not a JSON object (found {})", json.kind()));
    }
    let len = bytes.len();
    // Without `${` in the text (nor a `\u` escape that could spell one) no
    // string holds a placeholder and the policy has nothing to do: the
    // JSON tree can then be given to the reader, which lets each state's
    // part go once read.
    let placeholders = contains(&bytes, b"${") || contains(&bytes, b"\\u");
    let text = if with_spans {
        match bytes {
            Cow::Owned(bytes) => String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            Cow::Borrowed(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        }
    } else {
        drop(bytes);
        String::new()
    };
    let options = options.clone().source_len(len);
    let report = if placeholders {
        let reading = StateMachine::read_json(&json);
        let report = validate_reading(&reading, &options);
        options.placeholders.filter(report, &json).0
    } else {
        validate_reading(&StateMachine::read_json_owned(json), &options)
    };
    Outcome::Checked {
        text,
        spans,
        findings: report.into_iter().map(|i| Finding::new(name, i)).collect(),
    }
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Standard input can be read once: `-` given twice is a usage error.
fn stdin_twice(files: &[PathBuf]) -> bool {
    files.iter().filter(|f| f.as_os_str() == "-").count() > 1
}

fn validate(
    files: &[PathBuf],
    format: Format,
    options: &Options,
    subs: Option<&Substitutions>,
    color: bool,
) -> u8 {
    if stdin_twice(files) {
        eprintln!("asl: standard input (`-`) can be read only once");
        return 2;
    }
    let mut code = 0;
    let mut all = Vec::new();
    let mut out = String::new();
    let renderer = (format == Format::Human).then(|| human::Renderer::new(color));
    let (mut errors, mut warnings) = (0usize, 0usize);
    for file in files {
        match check_file(file, renderer.is_some(), options, subs) {
            (_, Outcome::Unreadable(message)) => {
                eprintln!("{message}");
                code = 2;
            }
            (
                name,
                Outcome::Checked {
                    text,
                    spans,
                    findings,
                },
            ) => {
                let failed = findings
                    .iter()
                    .any(|f| f.is_error() || options.deny_warnings);
                if failed {
                    code = code.max(1);
                }
                errors += findings.iter().filter(|f| f.is_error()).count();
                warnings += findings.iter().filter(|f| !f.is_error()).count();
                match &renderer {
                    Some(r) => out.push_str(&r.render(&name, &text, spans.as_ref(), &findings)),
                    None if format == Format::Text => {
                        for f in &findings {
                            out.push_str(&f.to_string());
                            out.push('\n');
                        }
                    }
                    None => all.extend(findings),
                }
            }
        }
    }
    match format {
        Format::Json => {
            out = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".to_owned());
            out.push('\n');
        }
        Format::Human => {
            let _ = writeln!(
                out,
                "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
                files.len()
            );
        }
        Format::Text => {}
    }
    code.max(write_stdout(out.as_bytes()))
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
    let machine = match StateMachine::from_slice(&original) {
        Ok(m) => m,
        Err(Error::Model(e)) => {
            if let Some(json) = Json::from_slice(&original)
                .ok()
                .filter(|j| j.as_object().is_none())
            {
                eprintln!("{name}: not a JSON object (found {})", json.kind());
                return 2;
            }
            for issue in e {
                eprintln!("{}", Finding::new(&name, issue));
            }
            return 1;
        }
        Err(_) => {
            // Not JSON (or an error kind this build does not know).
            // Same wording as `validate` for the exit-2 cases.
            if let Outcome::Unreadable(message) =
                check_bytes(&name, Cow::Borrowed(&original), false, &Options::new())
            {
                eprintln!("{message}");
            }
            return 2;
        }
    };
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
        write_stdout(canonical.as_bytes())
    }
}
