//! `asl schema`: every valid corpus file and every example validates
//! against the printed schema (2020-12 and draft-07, with the `jsonschema`
//! crate), and the invalid corpus files whose mistake a schema can see —
//! an unknown field, a missing required field, a wrong type, a bad enum
//! value, in the ASL fields or in a SageMaker request — fail it.

use std::path::{Path, PathBuf};

use super::{asl, corpus, text};

fn schema(args: &[&str]) -> serde_json::Value {
    let out = asl(&[&["schema"], args].concat(), None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn validators() -> Vec<(&'static str, jsonschema::Validator)> {
    let new = schema(&[]);
    assert_eq!(
        new["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let old = schema(&["--draft", "07"]);
    assert_eq!(old["$schema"], "http://json-schema.org/draft-07/schema#");
    vec![
        (
            "2020-12",
            jsonschema::draft202012::new(&new).expect("a valid 2020-12 schema"),
        ),
        (
            "draft-07",
            jsonschema::draft7::new(&old).expect("a valid draft-07 schema"),
        ),
    ]
}

fn read(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON")
}

fn examples() -> Vec<(String, serde_json::Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for sub in [
        "examples/golden",
        "examples/snapshots",
        "examples/build-demo",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(sub))
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
            .collect();
        files.sort();
        out.extend(files.iter().map(|f| (f.display().to_string(), read(f))));
    }
    for (name, build) in examples::ALL {
        let machine = build().unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((
            format!("example {name}"),
            serde_json::to_value(&machine).expect("serializes"),
        ));
    }
    out
}

#[test]
fn every_valid_corpus_file_and_example_validates_in_both_drafts() {
    let validators = validators();
    let mut definitions: Vec<(String, serde_json::Value)> = Vec::new();
    let mut not_f64 = Vec::new();
    for file in corpus("valid") {
        // serde_json (no arbitrary precision here) cannot hold 1e400;
        // editors read such numbers their own way.
        match serde_json::from_slice(&std::fs::read(&file).expect("read")) {
            Ok(json) => definitions.push((file.display().to_string(), json)),
            Err(_) => not_f64.push(file.display().to_string()),
        }
    }
    assert!(
        not_f64.len() <= 1 && not_f64.iter().all(|f| f.contains("beyond-f64")),
        "{not_f64:?}"
    );
    let from_corpus = definitions.len();
    definitions.extend(examples());
    for (draft, validator) in &validators {
        for (name, json) in &definitions {
            let errors: Vec<String> = validator
                .iter_errors(json)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{draft}: {name}: {errors:#?}");
        }
    }
    eprintln!(
        "schema: {} valid corpus files and {} examples pass in both drafts",
        from_corpus,
        definitions.len() - from_corpus
    );
}

/// The invalid corpus files a schema can catch, and why.
const CAUGHT: &[&str] = &[
    "invalid-value--unknown-state-type", // Type not one of the eight
    "missing-field--task-without-resource", // required field
    "sagemaker-missing-member--endpoint-config-name", // required member of the request
    "sagemaker-unknown-enum-value--instance-type", // enum value of the request
    "sagemaker-unknown-member--endpoint", // unknown member of the request
    "sagemaker-wrong-type--endpoint-name-number", // member type
    "unknown-enum-value--jitter-strategy", // ASL enum
    "unknown-enum-value--map-mode",      // ASL enum
    "unknown-field--catch-on-wait",      // unknown fields
    "unknown-field--misspelt-next",
    "unknown-field--query-language-on-branch",
    "unknown-field--result-selector-on-pass",
    "unknown-field--retry-on-pass",
    "wrong-type--timeout-as-string", // an integer or a JSONata string
];

#[test]
fn invalid_files_a_schema_can_catch_fail_it_in_both_drafts() {
    let validators = validators();
    let files = corpus("invalid");
    let mut failing = 0;
    for stem in CAUGHT {
        let file = files
            .iter()
            .find(|f| {
                f.file_name()
                    .is_some_and(|n| *n == *format!("{stem}.asl.json"))
            })
            .unwrap_or_else(|| panic!("{stem} is in the invalid corpus"));
        let json = read(file);
        for (draft, validator) in &validators {
            assert!(
                !validator.is_valid(&json),
                "{draft}: {stem} passes the schema"
            );
        }
        failing += 1;
    }
    // The rest are the validator's: graph, ranges, path and JSONata syntax,
    // which fields a query language allows, model constraints.
    let mut passing = 0;
    for file in &files {
        let Ok(json) =
            serde_json::from_slice::<serde_json::Value>(&std::fs::read(file).expect("read"))
        else {
            continue;
        };
        if validators[0].1.is_valid(&json) {
            passing += 1;
        }
    }
    eprintln!(
        "schema: {failing} chosen invalid files fail it; of all {} invalid corpus files, {} fail and {passing} pass (left to the validator)",
        files.len(),
        files.len() - passing
    );
}

#[test]
fn sagemaker_payloads_are_typed_by_their_resource() {
    let validators = validators();
    let task = |resource: &str, key: &str, payload: serde_json::Value| {
        serde_json::json!({"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": resource, key: payload, "End": true}}})
    };
    let good = [
        task(
            "arn:aws:states:::sagemaker:createEndpoint",
            "Parameters",
            serde_json::json!({"EndpointName.$": "$.name", "EndpointConfigName": "c"}),
        ),
        task(
            "arn:aws-cn:states:::sagemaker:createTrainingJob.sync",
            "Arguments",
            serde_json::json!("{% $states.input.request %}"),
        ),
        task(
            "arn:aws:states:::sagemaker:createEndpoint",
            "Arguments",
            serde_json::json!({"EndpointName": "{% $name %}", "EndpointConfigName": "c"}),
        ),
        // Not an optimized SageMaker resource: any payload.
        task(
            "arn:aws:states:::aws-sdk:sagemaker:createEndpoint",
            "Parameters",
            serde_json::json!({"Anything": 1}),
        ),
    ];
    let bad = [
        // required member missing in both forms
        task(
            "arn:aws:states:::sagemaker:createEndpoint",
            "Parameters",
            serde_json::json!({"EndpointName": "e"}),
        ),
        // enum value, nested
        task(
            "arn:aws:states:::sagemaker:createTransformJob.sync",
            "Parameters",
            serde_json::json!({"TransformJobName": "t", "ModelName": "m",
                "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Nope", "S3Uri": "s3://b/k"}}},
                "TransformOutput": {"S3OutputPath": "s3://b/o"},
                "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1}}),
        ),
        // a number where a string is expected
        task(
            "arn:aws:states:::sagemaker:createModel",
            "Arguments",
            serde_json::json!({"ModelName": 5}),
        ),
    ];
    for (draft, validator) in &validators {
        for json in &good {
            let errors: Vec<String> = validator.iter_errors(json).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{draft}: {json}: {errors:#?}");
        }
        for json in &bad {
            assert!(!validator.is_valid(json), "{draft}: {json} passes");
        }
    }
}
