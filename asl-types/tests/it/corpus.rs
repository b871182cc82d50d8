//! Every valid corpus file round-trips equal; every malformed one is an error.

use asl_types::{Error, Json, StateMachine};

use crate::support::{corpus, diff};

#[test]
fn valid_corpus_round_trips_exactly() {
    let files = corpus("valid");
    assert!(files.len() >= 40, "only {} corpus files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read corpus file");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let machine = match StateMachine::from_slice(&bytes) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{name}: does not parse:\n{e}"));
                continue;
            }
        };
        let input = Json::from_slice(&bytes).expect("input is JSON");
        let output_text = machine.to_canonical_string().expect("serializes");
        let output: Json = output_text.parse().expect("output is JSON");
        if let Some(d) = diff(&input, &output) {
            failures.push(format!("{name}: differs at {d}"));
            continue;
        }
        // Equal as serde_json values too, where serde_json can read the input.
        if let Ok(expected) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            let got: serde_json::Value = serde_json::from_str(&output_text).expect("output");
            if got != expected {
                failures.push(format!("{name}: differs as a serde_json::Value"));
            }
        }
        // `asl fmt` is idempotent: formatting the output changes nothing.
        let again: StateMachine = output_text.parse().expect("output parses");
        assert_eq!(again, machine, "{name}: model changed on the second read");
        assert_eq!(
            again.to_canonical_string().unwrap(),
            output_text,
            "{name}: canonical form is not a fixed point"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn serde_deserialize_agrees_with_the_exact_reader() {
    for file in corpus("valid") {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue; // numbers beyond f64: only the exact reader takes them
        };
        let via_serde: StateMachine = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            serde_json::to_value(&via_serde).unwrap(),
            value,
            "{}",
            file.display()
        );
    }
}

#[test]
fn serde_deserialize_reports_what_the_exact_reader_reports() {
    let mut compared = 0;
    for file in corpus("invalid") {
        let text = std::fs::read_to_string(&file).unwrap();
        let Err(Error::Model(report)) = text.parse::<StateMachine>() else {
            continue; // readable: the validator's business
        };
        let err = serde_json::from_str::<StateMachine>(&text).unwrap_err();
        // serde_json adds where the document ended.
        assert!(
            err.to_string().starts_with(&report.to_string()),
            "{}: {err}",
            file.display()
        );
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} files fail reading");
}

#[test]
fn malformed_corpus_is_rejected() {
    let files = corpus("malformed");
    assert!(files.len() >= 5, "only {} malformed files", files.len());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        match StateMachine::from_slice(&bytes) {
            // JSON, but not an object: a type error at the document root.
            Err(Error::Model(e)) if name.starts_with("top-level-") => {
                let [problem] = e.issues() else {
                    panic!("{name}: {e}")
                };
                assert_eq!(problem.pointer, "", "{name}");
                assert_eq!(problem.rule, asl_types::Rule::WrongType, "{name}");
            }
            Err(Error::Json(_)) if !name.starts_with("top-level-") => {}
            other => panic!("{name}: unexpected {other:?}"),
        }
    }
}
