//! The `asl` binary against the contract in DESIGN.md.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn asl(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("asl runs");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("asl finishes")
}

fn corpus(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../asl-types/tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fmt_keeps_every_valid_file_equal_and_is_idempotent() {
    let files = corpus("valid");
    assert!(files.len() >= 40);
    for file in files {
        let path = file.to_str().unwrap();
        let out = asl(&["fmt", path], None);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", text(&out.stderr));
        // Same value (serde_json cannot read 1e400; those files are covered by
        // the exact comparison in asl-types' corpus test).
        let original = std::fs::read(&file).unwrap();
        if let Ok(expected) = serde_json::from_slice::<serde_json::Value>(&original) {
            let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(got, expected, "{path}");
        }
        let again = asl(&["fmt", "-"], Some(&out.stdout));
        assert_eq!(again.stdout, out.stdout, "{path}: fmt is not idempotent");
        let check = asl(&["fmt", "--check", "-"], Some(&out.stdout));
        assert_eq!(
            check.status.code(),
            Some(0),
            "{path}: {}",
            text(&check.stderr)
        );
        let valid = asl(&["validate", path], None);
        assert_eq!(
            valid.status.code(),
            Some(0),
            "{path}: {}",
            text(&valid.stdout)
        );
    }
}

#[test]
fn fmt_check_rejects_non_canonical_text() {
    let compact = br#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#;
    let out = asl(&["fmt", "--check", "-"], Some(compact));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_files_exit_2_without_panicking() {
    for file in corpus("malformed") {
        let path = file.to_str().unwrap();
        for args in [vec!["validate", path], vec!["fmt", path]] {
            let out = asl(&args, None);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{args:?}: {}",
                text(&out.stderr)
            );
            let err = text(&out.stderr);
            assert!(err.starts_with(path), "{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    let out = asl(&["validate", "/nonexistent/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn model_errors_exit_1_with_the_contract_line() {
    let bad = br#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Bogus": 1}}}"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.asl.json");
    std::fs::write(&file, bad).unwrap();
    let path = file.to_str().unwrap();
    let out = asl(&["validate", path], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{path}: A: /States/A/Bogus: unknown field `Bogus` in Pass state [unknown-field]\n"
        )
    );

    let out = asl(&["validate", "--format", "json", path], None);
    assert_eq!(out.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        issues,
        serde_json::json!([{
            "file": path, "state": "A", "pointer": "/States/A/Bogus",
            "rule": "unknown-field", "message": "unknown field `Bogus` in Pass state"
        }])
    );

    let out = asl(&["fmt", path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn worst_exit_code_wins_across_files() {
    let valid = corpus("valid").remove(0);
    let malformed = corpus("malformed").remove(0);
    let out = asl(
        &[
            "validate",
            valid.to_str().unwrap(),
            malformed.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn numbers_beyond_f64_survive_fmt() {
    let input = br#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"big":1e400,"int":123456789012345678901234567890,"pi":3.14159265358979323846264338327950288},"End":true}}}"#;
    let out = asl(&["fmt", "-"], Some(input));
    assert_eq!(out.status.code(), Some(0));
    let printed = text(&out.stdout);
    for n in [
        "1e400",
        "123456789012345678901234567890",
        "3.14159265358979323846264338327950288",
    ] {
        assert!(printed.contains(n), "{n} lost in {printed}");
    }
}
