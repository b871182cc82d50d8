//! Golden tests: `examples/golden/*.asl.json` are the AWS documentation's
//! JSON transcribed by hand (never written by this code). Our own pipelines
//! are guarded by snapshots in `examples/snapshots/` (`ASL_BLESS=1` rewrites
//! them; CI never does).

use std::path::{Path, PathBuf};

use asl_builder::types::{Json, QueryLanguage, State, StateMachine};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn read_json(path: &Path) -> Json {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn to_json(machine: &StateMachine) -> Json {
    machine
        .to_json_string()
        .expect("serializes")
        .parse()
        .expect("reads back")
}

fn build(name: &str) -> StateMachine {
    let (_, f) = examples::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no example {name}"));
    let built = f().unwrap_or_else(|e| panic!("{name} is invalid:\n{e}"));
    assert!(
        built.warnings().is_empty(),
        "{name} has warnings:\n{}",
        built.warnings()
    );
    built.into_machine()
}

/// Compares, and on a difference prints both documents.
fn assert_same(name: &str, got: &Json, expected: &Json) {
    assert!(
        got == expected,
        "{name} differs from the documentation\n--- got ---\n{}\n--- documented ---\n{}",
        serde_json::to_string_pretty(got).unwrap(),
        serde_json::to_string_pretty(expected).unwrap()
    );
}

const DOCUMENTED: [&str; 4] = [
    "sagemaker-transform",
    "sagemaker-training",
    "sagemaker-labeling",
    "sagemaker-processing",
];

#[test]
fn documented_examples_are_reproduced_exactly() {
    for name in DOCUMENTED {
        let expected = read_json(&dir("golden").join(format!("{name}.asl.json")));
        let machine = build(name);
        assert_same(name, &to_json(&machine), &expected);
        // and it round-trips through the typed model
        let back: StateMachine = machine.to_canonical_string().unwrap().parse().unwrap();
        assert_eq!(back, machine, "{name}");
    }
}

/// The documented `Parameters`, rewritten by hand rules into JSONata:
/// `"Key.$": "$.a.b"` becomes `"Key": "{% $states.input.a.b %}"`.
fn jsonata_form(json: &Json) -> Json {
    match json {
        Json::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| match (k.strip_suffix(".$"), v) {
                    (Some(key), Json::String(path)) => {
                        let rest = path.strip_prefix('$').expect("a documented input path");
                        (
                            key.to_owned(),
                            Json::String(format!("{{% $states.input{rest} %}}")),
                        )
                    }
                    _ => (k.clone(), jsonata_form(v)),
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(jsonata_form).collect()),
        other => other.clone(),
    }
}

fn object(json: &Json) -> &asl_builder::types::JsonObject {
    json.as_object().expect("an object")
}

#[test]
fn jsonata_forms_carry_the_documented_payloads() {
    for name in DOCUMENTED {
        let documented = read_json(&dir("golden").join(format!("{name}.asl.json")));
        let machine = build(&format!("{name}-jsonata"));
        assert_eq!(
            machine.query_language,
            Some(QueryLanguage::Jsonata),
            "{name}"
        );
        let json = to_json(&machine);
        let doc_states = object(&object(&documented)["States"]);
        let states = object(&object(&json)["States"]);
        assert_eq!(
            doc_states.keys().collect::<Vec<_>>(),
            states.keys().collect::<Vec<_>>(),
            "{name}: same states, same order"
        );
        for (state, doc) in doc_states {
            let got = object(&states[state]);
            let doc = object(doc);
            assert_eq!(got["Type"], doc["Type"], "{name}/{state}");
            if let Some(parameters) = doc.get("Parameters") {
                assert!(!got.contains_key("Parameters"), "{name}/{state}");
                assert_same(
                    &format!("{name}/{state}/Arguments"),
                    &got["Arguments"],
                    &jsonata_form(parameters),
                );
                assert_eq!(got["Resource"], doc["Resource"], "{name}/{state}");
            }
            for field in ["Next", "Default", "Error", "Retry"] {
                assert_eq!(got.get(field), doc.get(field), "{name}/{state}/{field}");
            }
        }
        // Every JSONata state is free of JSONPath-only fields.
        for (state, s) in &machine.states {
            if let State::Task(t) = s {
                assert!(
                    t.parameters.is_none() && t.result_path.is_none(),
                    "{name}/{state}"
                );
            }
        }
    }
}

#[test]
fn own_pipelines_match_their_snapshots() {
    let bless = std::env::var_os("ASL_BLESS").is_some();
    for (name, build) in examples::ALL {
        // Golden files cover the documented examples and the MLOps
        // pipeline's JSONPath form (`mlops.rs`).
        if DOCUMENTED.iter().any(|d| name.starts_with(d)) || *name == "mlops-pipeline" {
            continue;
        }
        let machine = build().unwrap_or_else(|e| panic!("{name} is invalid:\n{e}"));
        let text = machine.to_canonical_string().unwrap();
        let file = dir("snapshots").join(format!("{name}.asl.json"));
        if bless {
            std::fs::create_dir_all(dir("snapshots")).unwrap();
            std::fs::write(&file, &text).unwrap();
        }
        let expected = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (ASL_BLESS=1 cargo test -p examples)",
                file.display()
            )
        });
        assert_eq!(
            text, expected,
            "{name}: snapshot differs (ASL_BLESS=1 to accept)"
        );
    }
}
