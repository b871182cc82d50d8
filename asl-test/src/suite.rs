//! Test cases as files: a definition, an input, mocks, and what the run
//! must give; `asl test DIR` runs them.

use std::fmt;
use std::path::{Path, PathBuf};

use asl_types::{Json, JsonObject, StateMachine};

use crate::{Coverage, Executor, Mocks, Outcome, S3};

/// A case file that cannot be used: unreadable, not JSON, an unknown key,
/// a wrong type, a definition that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct CaseError {
    /// The file.
    pub file: String,
    /// What is wrong, naming the key.
    pub message: String,
}

/// One test case: run a definition on an input with mocks, and compare
/// what it gives with what is expected.
///
/// A case file holds one case (a JSON object) or a list of them:
///
/// | key | required | meaning |
/// |---|---|---|
/// | `name` | no | how the case is reported (default: the file name, and `#N` in a list) |
/// | `definition` | yes | the state machine: a path to its ASL file (relative to the case file) or the ASL object itself |
/// | `input` | no | the execution input (default `{}`) |
/// | `mocks` | no | Task results in the `asl run --mocks` form, or a path to such a file |
/// | `s3` | no | S3 objects for a distributed Map (`{"s3://BUCKET/KEY": BODY}`, see [`S3`]), or a path to such a file |
/// | `stateMachines` | no | machines that `states:startExecution` tasks run nested: ARN or name → definition (path or object) |
/// | `context` | no | `{"executionName": "…", "startTime": "RFC 3339", "seed": N}` |
/// | `expect` | yes | see below |
///
/// `expect`: `status` (`SUCCEEDED`, `FAILED` or `TIMED_OUT`; required),
/// `output` (the whole output), `outputIncludes` (a subset: every member
/// given must be there with that value, arrays element by element),
/// `error`, `cause`, `path` (the states entered, in order).
///
/// ```
/// use asl_test::Case;
/// let case = Case::from_json_text(r#"{
///   "name": "deploys a good model",
///   "definition": {"StartAt": "Score", "States": {"Score": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "OutputPath": "$.Payload", "End": true}}},
///   "mocks": {"Score": {"Return": {"Payload": {"score": 0.93, "model": "m-1"}}}},
///   "expect": {"status": "SUCCEEDED", "outputIncludes": {"score": 0.93}, "path": ["Score"]}
/// }"#, std::path::Path::new(".")).unwrap();
/// let result = case[0].run();
/// assert!(result.passed(), "{result}");
///
/// let wrong = Case::from_json_text(r#"{
///   "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"a": [1, 2]}, "End": true}}},
///   "expect": {"status": "SUCCEEDED", "outputIncludes": {"a": [1, 3]}}
/// }"#, std::path::Path::new(".")).unwrap();
/// assert_eq!(
///     wrong[0].run().difference.as_deref(),
///     Some("output/a/1: expected 3, got 2")
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Case {
    /// How the case is reported.
    pub name: String,
    /// The file it came from.
    pub file: PathBuf,
    /// The definition's file (as the case names it, joined to the case's
    /// folder), or `<inline>`.
    pub definition: String,
    machine: StateMachine,
    input: Json,
    mocks: Json,
    s3: S3,
    machines: Vec<(String, StateMachine)>,
    execution_name: Option<String>,
    start_time: Option<String>,
    seed: u64,
    expect: JsonObject,
}

/// How one case went.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CaseResult {
    /// The case's name.
    pub name: String,
    /// Its file.
    pub file: PathBuf,
    /// The first difference from what was expected; `None` when it passed.
    pub difference: Option<String>,
    /// What the run gave (`None` when it could not run: a Task without a
    /// mock, an unsupported feature).
    pub outcome: Option<Outcome>,
    /// The coverage of the case's definition by this case.
    pub coverage: Option<Coverage>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.difference.is_none()
    }

    /// `{"name", "file", "passed", "difference"}`.
    pub fn to_json(&self) -> Json {
        let mut o = JsonObject::new();
        o.insert("name".into(), Json::from(self.name.as_str()));
        o.insert("file".into(), Json::String(self.file.display().to_string()));
        o.insert("passed".into(), Json::Bool(self.passed()));
        o.insert(
            "difference".into(),
            self.difference.clone().map_or(Json::Null, Json::String),
        );
        Json::Object(o)
    }
}

/// `PASS name` or `FAIL name: difference`.
impl fmt::Display for CaseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.difference {
            None => write!(f, "PASS {}", self.name),
            Some(d) => write!(f, "FAIL {}: {d}", self.name),
        }
    }
}

const CASE_KEYS: &[&str] = &[
    "name",
    "definition",
    "input",
    "mocks",
    "s3",
    "stateMachines",
    "context",
    "expect",
];
const EXPECT_KEYS: &[&str] = &[
    "status",
    "output",
    "outputIncludes",
    "error",
    "cause",
    "path",
];
const CONTEXT_KEYS: &[&str] = &["executionName", "startTime", "seed"];

impl Case {
    /// The cases of one file.
    ///
    /// # Errors
    /// [`CaseError`] when the file cannot be read or a case is malformed.
    pub fn load(file: &Path) -> Result<Vec<Case>, CaseError> {
        let text = std::fs::read_to_string(file).map_err(|e| CaseError {
            file: file.display().to_string(),
            message: format!("cannot read: {e}"),
        })?;
        let mut cases = Case::from_json_text(&text, file.parent().unwrap_or(Path::new(".")))
            .map_err(|mut e| {
                e.file = file.display().to_string();
                e
            })?;
        let stem = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let many = cases.len() > 1;
        for (i, case) in cases.iter_mut().enumerate() {
            file.clone_into(&mut case.file);
            if case.name.is_empty() {
                case.name = if many {
                    format!("{stem}#{i}")
                } else {
                    stem.clone()
                };
            }
        }
        Ok(cases)
    }

    /// The cases of a file's text; paths in it are relative to `dir`.
    ///
    /// # Errors
    /// [`CaseError`] (with an empty `file`) when a case is malformed.
    pub fn from_json_text(text: &str, dir: &Path) -> Result<Vec<Case>, CaseError> {
        let fail = |message: String| CaseError {
            file: String::new(),
            message,
        };
        let json: Json = text.parse().map_err(|e| fail(format!("not JSON: {e}")))?;
        match json {
            Json::Object(o) => Ok(vec![Case::from_object(&o, dir).map_err(fail)?]),
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Json::Object(o) => {
                        Case::from_object(o, dir).map_err(|m| fail(format!("[{i}]: {m}")))
                    }
                    other => Err(fail(format!(
                        "[{i}]: a case is an object, not {}",
                        other.kind()
                    ))),
                })
                .collect(),
            other => Err(fail(format!(
                "a case file holds a case object or a list of them, not {}",
                other.kind()
            ))),
        }
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one check per key, in the documented order"
    )]
    fn from_object(o: &JsonObject, dir: &Path) -> Result<Case, String> {
        unknown(o, CASE_KEYS, "")?;
        let name = match o.get("name") {
            None => String::new(),
            Some(Json::String(s)) => s.clone(),
            Some(other) => return Err(format!("`name` is {}, not a string", other.kind())),
        };
        let at = |key: &str| {
            if name.is_empty() {
                format!("`{key}`")
            } else {
                format!("case `{name}`: `{key}`")
            }
        };
        let given = o
            .get("definition")
            .ok_or_else(|| format!("{} is missing", at("definition")))?;
        let machine = definition(given, dir).map_err(|e| format!("{}: {e}", at("definition")))?;
        let definition_name = match given {
            Json::String(path) => dir.join(path).display().to_string(),
            _ => "<inline>".to_owned(),
        };
        let mocks = match o.get("mocks") {
            None => Json::Object(JsonObject::new()),
            Some(v) => included(v, dir).map_err(|e| format!("{}: {e}", at("mocks")))?,
        };
        Mocks::from_json(&mocks).map_err(|e| format!("{}: {e}", at("mocks")))?;
        let s3 = match o.get("s3") {
            None => S3::new(),
            Some(v) => S3::from_json(&included(v, dir).map_err(|e| format!("{}: {e}", at("s3")))?)
                .map_err(|e| format!("{}: {e}", at("s3")))?,
        };
        let mut machines = Vec::new();
        match o.get("stateMachines") {
            None => {}
            Some(Json::Object(list)) => {
                for (arn, def) in list {
                    let m = definition(def, dir)
                        .map_err(|e| format!("{}.{arn}: {e}", at("stateMachines")))?;
                    machines.push((arn.clone(), m));
                }
            }
            Some(other) => {
                return Err(format!(
                    "{} is {}, not an object from ARN to definition",
                    at("stateMachines"),
                    other.kind()
                ));
            }
        }
        let (mut execution_name, mut start_time, mut seed) = (None, None, 0);
        match o.get("context") {
            None => {}
            Some(Json::Object(c)) => {
                unknown(c, CONTEXT_KEYS, "context.")?;
                let text = |k: &str| match c.get(k) {
                    None => Ok(None),
                    Some(Json::String(s)) => Ok(Some(s.clone())),
                    Some(other) => Err(format!("`context.{k}` is {}, not a string", other.kind())),
                };
                execution_name = text("executionName")?;
                start_time = text("startTime")?;
                if let Some(v) = c.get("seed") {
                    seed = match v {
                        Json::Number(n) => n.as_u64(),
                        _ => None,
                    }
                    .ok_or("`context.seed` is not a whole number")?;
                }
            }
            Some(other) => return Err(format!("`context` is {}, not an object", other.kind())),
        }
        let expect = match o.get("expect") {
            Some(Json::Object(e)) => e.clone(),
            Some(other) => {
                return Err(format!(
                    "{} is {}, not an object",
                    at("expect"),
                    other.kind()
                ));
            }
            None => return Err(format!("{} is missing", at("expect"))),
        };
        unknown(&expect, EXPECT_KEYS, "expect.")?;
        match expect.get("status").and_then(Json::as_str) {
            Some("SUCCEEDED" | "FAILED" | "TIMED_OUT") => {}
            _ => {
                return Err(format!(
                    "{} must be `SUCCEEDED`, `FAILED` or `TIMED_OUT`",
                    at("expect.status")
                ));
            }
        }
        for key in ["error", "cause"] {
            if expect.get(key).is_some_and(|v| v.as_str().is_none()) {
                return Err(format!("{} is not a string", at(&format!("expect.{key}"))));
            }
        }
        if let Some(path) = expect.get("path")
            && !matches!(path, Json::Array(items) if items.iter().all(|i| i.as_str().is_some()))
        {
            return Err(format!(
                "{} is not a list of state names",
                at("expect.path")
            ));
        }
        Ok(Case {
            name,
            file: PathBuf::new(),
            definition: definition_name,
            machine,
            input: o
                .get("input")
                .cloned()
                .unwrap_or_else(|| Json::Object(JsonObject::new())),
            mocks,
            s3,
            machines,
            execution_name,
            start_time,
            seed,
            expect,
        })
    }

    /// Runs the case and compares.
    pub fn run(&self) -> CaseResult {
        let mut executor = Executor::new(&self.machine);
        // Checked when the case was read.
        executor.mocks(Mocks::from_json(&self.mocks).unwrap_or_default());
        executor.s3_objects(self.s3.clone()).seed(self.seed);
        for (arn, machine) in &self.machines {
            executor.state_machine(arn.clone(), machine);
        }
        if let Some(n) = &self.execution_name {
            executor.options().execution_name.clone_from(n);
        }
        let mut difference = None;
        if let Some(t) = &self.start_time
            && let Err(e) = executor.options().start_time(t)
        {
            difference = Some(format!("context.startTime: {e}"));
        }
        let outcome = match executor.run(self.input.clone()) {
            Ok(outcome) => Some(outcome),
            Err(e) => {
                difference.get_or_insert_with(|| format!("cannot run: {e}"));
                None
            }
        };
        if difference.is_none()
            && let Some(outcome) = &outcome
        {
            difference = compare(&self.expect, outcome);
        }
        CaseResult {
            name: self.name.clone(),
            file: self.file.clone(),
            difference,
            coverage: outcome.is_some().then(|| executor.coverage()),
            outcome,
        }
    }
}

/// Every case under `path`: the file's, or those of every `*.json` file
/// in the directory and its subdirectories, in path order.
///
/// ```no_run
/// let results: Vec<_> = asl_test::Suite::load("examples/tests/cases".as_ref())?
///     .run();
/// assert!(results.iter().all(asl_test::CaseResult::passed));
/// # Ok::<(), asl_test::CaseError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Suite {
    /// The cases, in file order.
    pub cases: Vec<Case>,
}

impl Suite {
    /// Loads every case under `path` (a case file or a directory).
    ///
    /// # Errors
    /// [`CaseError`] for the first file that cannot be read or holds a
    /// malformed case.
    pub fn load(path: &Path) -> Result<Suite, CaseError> {
        let mut files = Vec::new();
        if path.is_dir() {
            let mut dirs = vec![path.to_owned()];
            while let Some(dir) = dirs.pop() {
                let entries = std::fs::read_dir(&dir).map_err(|e| CaseError {
                    file: dir.display().to_string(),
                    message: format!("cannot read the directory: {e}"),
                })?;
                for entry in entries {
                    let entry = entry.map_err(|e| CaseError {
                        file: dir.display().to_string(),
                        message: format!("cannot read the directory: {e}"),
                    })?;
                    let p = entry.path();
                    if p.is_dir() {
                        dirs.push(p);
                    } else if p.extension().is_some_and(|e| e == "json") {
                        files.push(p);
                    }
                }
            }
            files.sort();
        } else {
            files.push(path.to_owned());
        }
        let mut cases = Vec::new();
        for file in files {
            cases.extend(Case::load(&file)?);
        }
        Ok(Suite { cases })
    }

    /// Runs every case.
    pub fn run(&self) -> Vec<CaseResult> {
        self.cases.iter().map(Case::run).collect()
    }
}

fn unknown(o: &JsonObject, known: &[&str], prefix: &str) -> Result<(), String> {
    match o.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "unknown key `{prefix}{k}` (known: {})",
            known.join(", ")
        )),
        None => Ok(()),
    }
}

/// A value given inline, or the JSON of the file a string names.
fn included(value: &Json, dir: &Path) -> Result<Json, String> {
    match value {
        Json::String(path) => {
            let file = dir.join(path);
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            text.parse()
                .map_err(|e| format!("{}: not JSON: {e}", file.display()))
        }
        other => Ok(other.clone()),
    }
}

fn definition(value: &Json, dir: &Path) -> Result<StateMachine, String> {
    let json = included(value, dir)?;
    if json.as_object().is_none() {
        return Err(format!(
            "a definition is an ASL object, not {}",
            json.kind()
        ));
    }
    StateMachine::from_json_value(&json).map_err(|e| e.to_string())
}

/// The first difference between what `expect` asks and `outcome`.
fn compare(expect: &JsonObject, outcome: &Outcome) -> Option<String> {
    let status = expect.get("status").and_then(Json::as_str).unwrap_or("");
    if outcome.status.as_str() != status {
        let why = match (&outcome.error, &outcome.cause) {
            (Some(e), Some(c)) => format!(" ({e}: {c})"),
            (Some(e), None) => format!(" ({e})"),
            _ => String::new(),
        };
        return Some(format!(
            "status: expected {status}, got {}{why}",
            outcome.status
        ));
    }
    for (key, got) in [("error", &outcome.error), ("cause", &outcome.cause)] {
        if let Some(want) = expect.get(key).and_then(Json::as_str)
            && got.as_deref() != Some(want)
        {
            return Some(format!(
                "{key}: expected {}, got {}",
                quoted(want),
                got.as_deref().map_or_else(|| "none".to_owned(), quoted)
            ));
        }
    }
    if let Some(Json::Array(want)) = expect.get("path") {
        let want: Vec<&str> = want.iter().filter_map(Json::as_str).collect();
        let got: Vec<&str> = outcome.path.iter().map(String::as_str).collect();
        if want != got {
            let at = want.iter().zip(&got).take_while(|(a, b)| a == b).count();
            return Some(format!(
                "path[{at}]: expected {}, got {} (path {})",
                want.get(at)
                    .map_or_else(|| "the end".to_owned(), |s| format!("`{s}`")),
                got.get(at)
                    .map_or_else(|| "the end".to_owned(), |s| format!("`{s}`")),
                got.join(" -> ")
            ));
        }
    }
    for (key, subset) in [("output", false), ("outputIncludes", true)] {
        if let Some(want) = expect.get(key) {
            let Some(got) = &outcome.output else {
                return Some("output: expected one, got none".to_owned());
            };
            if let Some(d) = difference(want, got, subset, "output") {
                return Some(d);
            }
        }
    }
    None
}

fn quoted(s: &str) -> String {
    crate::exec::compact(&Json::from(s))
}

fn same_number(a: &asl_types::Number, b: &asl_types::Number) -> bool {
    a == b || (a.as_f64().is_some() && a.as_f64() == b.as_f64())
}

/// Where `got` first differs from `want` (JSON pointer from `at`); with
/// `subset`, members of `got` that `want` does not name are ignored.
fn difference(want: &Json, got: &Json, subset: bool, at: &str) -> Option<String> {
    let text = |v: &Json| crate::exec::compact(v);
    match (want, got) {
        (Json::Object(w), Json::Object(g)) => {
            for (k, wv) in w {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                match g.get(k) {
                    None => return Some(format!("{here}: expected {}, got nothing", text(wv))),
                    Some(gv) => {
                        if let Some(d) = difference(wv, gv, subset, &here) {
                            return Some(d);
                        }
                    }
                }
            }
            if !subset && let Some(extra) = g.keys().find(|k| !w.contains_key(*k)) {
                return Some(format!(
                    "{at}/{extra}: expected nothing, got {}",
                    text(&g[extra])
                ));
            }
            None
        }
        (Json::Array(w), Json::Array(g)) => {
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                if let Some(d) = difference(wv, gv, subset, &format!("{at}/{i}")) {
                    return Some(d);
                }
            }
            (w.len() != g.len())
                .then(|| format!("{at}: expected {} items, got {}", w.len(), g.len()))
        }
        (Json::Number(a), Json::Number(b)) if same_number(a, b) => None,
        _ if want == got => None,
        _ => Some(format!("{at}: expected {}, got {}", text(want), text(got))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(text: &str) -> Result<Vec<Case>, CaseError> {
        Case::from_json_text(text, Path::new("."))
    }

    const PASS: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;

    #[test]
    fn malformed_cases_name_the_key() {
        let err = case(&format!(
            r#"{{"definition": {PASS}, "expect": {{"status": "OK"}}}}"#
        ))
        .unwrap_err();
        assert!(err.message.contains("`expect.status`"), "{err}");
        let err = case(&format!(
            r#"{{"definition": {PASS}, "expect": {{"status": "FAILED", "eror": "X"}}}}"#
        ))
        .unwrap_err();
        assert!(err.message.contains("unknown key `expect.eror`"), "{err}");
        let err = case(r#"{"expect": {"status": "FAILED"}}"#).unwrap_err();
        assert!(err.message.contains("`definition` is missing"), "{err}");
        let err = case(&format!(
            r#"{{"definition": {PASS}, "mocks": {{"P": []}}, "expect": {{"status": "FAILED"}}}}"#
        ))
        .unwrap_err();
        assert!(err.message.contains("`mocks`"), "{err}");
        let err = case("[1]").unwrap_err();
        assert!(err.message.starts_with("[0]"), "{err}");
    }

    #[test]
    fn differences_are_reported_at_their_pointer() {
        let run = |expect: &str| {
            case(&format!(
                r#"{{"definition": {PASS}, "input": {{"a": {{"b": [1, 2]}}, "c": 1.0}}, "expect": {expect}}}"#
            ))
            .unwrap()[0]
                .run()
                .difference
        };
        assert_eq!(
            run(r#"{"status": "SUCCEEDED", "outputIncludes": {"c": 1}}"#),
            None
        );
        assert_eq!(
            run(r#"{"status": "SUCCEEDED", "output": {"a": {"b": [1, 2]}}}"#).as_deref(),
            Some("output/c: expected nothing, got 1.0")
        );
        assert_eq!(
            run(r#"{"status": "SUCCEEDED", "outputIncludes": {"a": {"b": [1]}}}"#).as_deref(),
            Some("output/a/b: expected 1 items, got 2")
        );
        assert_eq!(
            run(r#"{"status": "FAILED"}"#).as_deref(),
            Some("status: expected FAILED, got SUCCEEDED")
        );
        assert_eq!(
            run(r#"{"status": "SUCCEEDED", "path": ["P", "Q"]}"#).as_deref(),
            Some("path[1]: expected `Q`, got the end (path P)")
        );
    }
}
