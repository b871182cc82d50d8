//! `asl run`: executes a definition locally with `asl-test`, one JSON line
//! per execution.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use asl_test::{Executor, FieldValidation, MockConfig, Mocks, S3};
use asl_types::validate::{Options, validate_reading};
use asl_types::{Json, Severity, StateMachine};

use crate::report::Finding;
use crate::{display_name, read_input};

/// What `asl run` was asked to do.
#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) file: PathBuf,
    pub(crate) input: Option<String>,
    pub(crate) input_file: Option<PathBuf>,
    pub(crate) inputs: Option<PathBuf>,
    pub(crate) mocks: Option<PathBuf>,
    pub(crate) history: bool,
    pub(crate) seed: u64,
    pub(crate) execution_name: Option<String>,
    pub(crate) start_time: Option<String>,
    /// `--mock-config PATH --test-case NAME [--state-machine NAME]`.
    pub(crate) mock_config: Option<MockConfigRequest>,
    /// `--mock-validation`.
    pub(crate) mock_validation: FieldValidation,
    pub(crate) s3: Option<PathBuf>,
    pub(crate) coverage: bool,
}

/// A test case of Step Functions Local's `MockConfigFile.json`.
#[derive(Debug)]
pub(crate) struct MockConfigRequest {
    pub(crate) path: PathBuf,
    pub(crate) test_case: String,
    pub(crate) state_machine: Option<String>,
}

/// Exit codes of the contract.
const SUCCEEDED: u8 = 0;
const INVALID: u8 = 1;
const UNREADABLE: u8 = 2;
const FAILED: u8 = 3;

/// Runs the request; returns the exit code.
pub(crate) fn run(request: &Request) -> u8 {
    match prepare_and_run(request) {
        Ok(code) => code,
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

type Failed = (u8, String);

fn read_text(path: &Path) -> Result<String, Failed> {
    let name = display_name(path);
    let bytes = read_input(path).map_err(|e| (UNREADABLE, format!("{name}: cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| (UNREADABLE, format!("{name}: not UTF-8: {e}")))
}

fn parse_json(text: &str, what: &str) -> Result<Json, Failed> {
    text.parse()
        .map_err(|e| (UNREADABLE, format!("{what}: not JSON: {e}")))
}

fn prepare_and_run(request: &Request) -> Result<u8, Failed> {
    let name = display_name(&request.file);
    let json = parse_json(&read_text(&request.file)?, &name)?;
    if json.as_object().is_none() {
        return Err((
            UNREADABLE,
            format!("{name}: not a JSON object (found {})", json.kind()),
        ));
    }
    let reading = StateMachine::read_json(&json);
    let report = validate_reading(&reading, &Options::new());
    let errors: Vec<String> = report
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| Finding::new(&name, i).to_string())
        .collect();
    let Some(machine) = reading.machine().filter(|_| errors.is_empty()) else {
        return Err((INVALID, errors.join("\n")));
    };
    let mocks = match &request.mocks {
        Some(path) => {
            let mocks_name = display_name(path);
            let json = parse_json(&read_text(path)?, &mocks_name)?;
            Mocks::from_json(&json).map_err(|e| (INVALID, format!("{mocks_name}: {e}")))?
        }
        None => match &request.mock_config {
            Some(config) => mock_config(config, &request.file, machine)?,
            None => Mocks::new(),
        },
    };
    let s3 = match &request.s3 {
        Some(path) => {
            let s3_name = display_name(path);
            let json = parse_json(&read_text(path)?, &s3_name)?;
            S3::from_json(&json).map_err(|e| (INVALID, format!("{s3_name}: {e}")))?
        }
        None => S3::new(),
    };
    let mut executor = Executor::new(machine);
    executor.mocks(mocks).s3_objects(s3).seed(request.seed);
    let options = executor.options();
    options.history = request.history;
    options.mock_validation = request.mock_validation;
    if let Some(n) = &request.execution_name {
        options.execution_name.clone_from(n);
    }
    if let Some(t) = &request.start_time {
        options
            .start_time(t)
            .map_err(|e| (INVALID, format!("--start-time: {e}")))?;
    }
    if let Some(n) = &request.file.file_stem() {
        let stem = n.to_string_lossy();
        let stem = stem.strip_suffix(".asl").unwrap_or(&stem);
        if request.file.as_os_str() != "-" && !stem.is_empty() {
            stem.clone_into(&mut options.state_machine_name);
        }
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut code = SUCCEEDED;
    let mut one = |input: Json, out: &mut BufWriter<_>| -> Result<(), Failed> {
        let outcome = executor
            .run(input)
            .map_err(|e| (INVALID, format!("{name}: {e}")))?;
        if !outcome.succeeded() {
            code = FAILED;
        }
        let line = serde_json::to_string(&outcome.to_json(request.history))
            .map_err(|e| (UNREADABLE, format!("cannot write the result: {e}")))?;
        writeln!(out, "{line}").map_err(|e| write_error(&e))
    };
    if let Some(path) = &request.inputs {
        let inputs_name = display_name(path);
        let file = std::fs::File::open(path)
            .map_err(|e| (UNREADABLE, format!("{inputs_name}: cannot read: {e}")))?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line =
                line.map_err(|e| (UNREADABLE, format!("{inputs_name}: cannot read: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let input = parse_json(&line, &format!("{inputs_name}:{}", i + 1))?;
            one(input, &mut out)?;
        }
    } else {
        let input = match (&request.input, &request.input_file) {
            (Some(text), _) => parse_json(text, "--input")?,
            (None, Some(path)) => parse_json(&read_text(path)?, &display_name(path))?,
            (None, None) => Json::Object(asl_types::JsonObject::new()),
        };
        one(input, &mut out)?;
    }
    out.flush().map_err(|e| write_error(&e))?;
    if request.coverage {
        // Standard output carries one JSON line per execution, nothing
        // else: the report goes to standard error.
        eprint!("{}", executor.coverage());
    }
    Ok(code)
}

/// The mocks of a `MockConfigFile.json` test case. Without
/// `--state-machine`, the file's only state machine, or else the one named
/// like the definition's file (`train.asl.json` → `train`). Every state a
/// test case names must be a Task state of the definition.
fn mock_config(
    config: &MockConfigRequest,
    definition: &Path,
    machine: &StateMachine,
) -> Result<Mocks, Failed> {
    let name = display_name(&config.path);
    let json = parse_json(&read_text(&config.path)?, &name)?;
    let file = MockConfig::from_json(&json).map_err(|e| (INVALID, format!("{name}: {e}")))?;
    let stem = definition
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.strip_suffix(".json").unwrap_or(n))
        .map(|n| n.strip_suffix(".asl").unwrap_or(n));
    let state_machine = config.state_machine.as_deref().or_else(|| {
        let names: Vec<&str> = file.state_machines().collect();
        (names.len() > 1)
            .then_some(stem)
            .flatten()
            .filter(|stem| names.contains(stem))
    });
    file.mocks_for(machine, state_machine, &config.test_case)
        .map_err(|e| (INVALID, format!("{name}: {e}")))
}

fn write_error(e: &std::io::Error) -> Failed {
    (UNREADABLE, format!("cannot write to standard output: {e}"))
}
