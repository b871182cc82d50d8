//! `asl test`: runs test-case files, one line per case.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use asl_test::{CaseResult, Suite};
use asl_types::Json;

/// Runs every case under `paths`; returns the exit code: 0 all passed, 1
/// any failed, 2 a file could not be read or holds a malformed case.
pub(crate) fn run(paths: &[PathBuf], json: bool, coverage: bool) -> u8 {
    let mut cases = Vec::new();
    for path in paths {
        match Suite::load(path) {
            Ok(suite) => cases.extend(suite.cases),
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        }
    }
    let results: Vec<CaseResult> = cases.iter().map(asl_test::Case::run).collect();
    let failed = results.iter().filter(|r| !r.passed()).count();
    if coverage {
        // Per definition, over every case that ran it; on standard error,
        // so standard output keeps its format.
        let mut merged: Vec<(&str, asl_test::Coverage)> = Vec::new();
        for (case, result) in cases.iter().zip(&results) {
            let Some(c) = &result.coverage else { continue };
            match merged.iter_mut().find(|(d, _)| *d == case.definition) {
                Some((_, m)) => m.merge(c),
                None => merged.push((&case.definition, c.clone())),
            }
        }
        for (definition, c) in merged {
            eprint!("{definition}: {c}");
        }
    }
    let mut out = String::new();
    if json {
        let list = Json::Array(results.iter().map(CaseResult::to_json).collect());
        out.push_str(&serde_json::to_string_pretty(&list).unwrap_or_default());
        out.push('\n');
    } else {
        for r in &results {
            out.push_str(&r.to_string());
            out.push('\n');
        }
        let _ = writeln!(out, "{} passed, {failed} failed", results.len() - failed);
    }
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return 2;
    }
    u8::from(failed > 0)
}
