//! Runs every case under `tests/conformance/`: executions whose results
//! AWS recorded (`LocalStack`'s snapshot files) or documented (the Developer
//! Guide). See that folder's README for the case format.

use std::path::{Path, PathBuf};

use asl_test::{Executor, Mocks, S3};
use asl_types::{Json, StateMachine};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Objects compare as sets of members: AWS does not keep key order in
/// every output (a Map's `ItemSelector`, for one).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        (Json::Number(x), Json::Number(y)) => {
            x == y || x.as_str().parse::<f64>().ok() == y.as_str().parse::<f64>().ok()
        }
        _ => a == b,
    }
}

fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Json = text.parse().map_err(|e| format!("not JSON: {e}"))?;
    let get = |k: &str| case.get(k);
    let definition = get("definition").ok_or("no definition")?;
    let machine =
        StateMachine::from_json_value(definition).map_err(|e| format!("definition: {e}"))?;
    let mut executor = Executor::new(&machine);
    if let Some(mocks) = get("mocks") {
        executor.mocks(Mocks::from_json(mocks).map_err(|e| e.to_string())?);
    }
    if let Some(s3) = get("s3") {
        executor.s3_objects(S3::from_json(s3).map_err(|e| e.to_string())?);
    }
    if let Some(ctx) = get("context") {
        if let Some(Json::String(name)) = ctx.get("execution_name") {
            executor.options().execution_name.clone_from(name);
        }
        if let Some(Json::String(t)) = ctx.get("start_time") {
            executor
                .options()
                .start_time(t)
                .map_err(|e| e.to_string())?;
        }
        if let Some(Json::Number(n)) = ctx.get("seed") {
            executor.seed(n.as_u64().ok_or("seed")?);
        }
    }
    let input = get("input")
        .cloned()
        .unwrap_or(Json::Object(asl_types::JsonObject::default()));
    let outcome = executor.run(input).map_err(|e| format!("run error: {e}"))?;
    let expected = get("expected").ok_or("no expected")?;
    let mut problems = Vec::new();
    let status = expected
        .get("status")
        .and_then(Json::as_str)
        .ok_or("no status")?;
    if outcome.status.as_str() != status {
        problems.push(format!(
            "status {} (error {:?}, cause {:?}), expected {status}",
            outcome.status, outcome.error, outcome.cause
        ));
    }
    if let Some(want) = expected.get("output") {
        match &outcome.output {
            Some(got) if same(got, want) => {}
            got => problems.push(format!(
                "output {}, expected {}",
                got.as_ref()
                    .map_or("none".into(), |g| serde_json::to_string(g).unwrap()),
                serde_json::to_string(want).unwrap()
            )),
        }
    }
    for key in ["error", "cause"] {
        let got = if key == "error" {
            &outcome.error
        } else {
            &outcome.cause
        };
        match expected.get(key) {
            Some(Json::String(want)) if got.as_deref() != Some(want) => {
                problems.push(format!("{key} {got:?}, expected {want:?}"));
            }
            None if status == "FAILED" && got.is_some() && key == "error" => {
                problems.push(format!("{key} {got:?}, expected none"));
            }
            _ => {}
        }
    }
    if let Some(Json::Array(want)) = expected.get("path") {
        let want: Vec<&str> = want.iter().filter_map(Json::as_str).collect();
        if outcome.path != want {
            problems.push(format!("path {:?}, expected {want:?}", outcome.path));
        }
    }
    if let Some(Json::Array(want)) = expected.get("events") {
        let want: Vec<&str> = want.iter().filter_map(Json::as_str).collect();
        let got = outcome.event_types();
        if got != want {
            problems.push(format!("events {got:?}, expected {want:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn every_conformance_case_runs_as_aws_recorded() {
    let cases = cases();
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|p| run_case(p).err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
