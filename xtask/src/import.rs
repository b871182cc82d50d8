//! `cargo xtask import-model PATH`: trims botocore's SageMaker model to the facts codegen needs.
//!
//! Reads botocore's `service-2.json` (plain or gzip-compressed), keeps the shapes reachable from
//! the input shapes of the [`OPERATIONS`] that Step Functions' optimized SageMaker integration
//! calls, drops all documentation text, and writes `xtask/model/sagemaker.json` (see
//! [`crate::model`]) and `xtask/model/PROVENANCE.md`.
//!
//! Every key of a reachable shape is either kept, or dropped on purpose (see [`SHAPE_DROPPED`]
//! and [`MEMBER_DROPPED`]); any other key is an error, so a new botocore fact is never lost
//! silently.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map as JsonObject, Value};
use sha2::{Digest as _, Sha256};

use crate::model::{Model, Operation, Shape, Source};

/// The root operations, in the order the trimmed model lists them.
pub(crate) const OPERATIONS: [&str; 9] = [
    "CreateTrainingJob",
    "CreateTransformJob",
    "CreateProcessingJob",
    "CreateLabelingJob",
    "CreateHyperParameterTuningJob",
    "CreateModel",
    "CreateEndpointConfig",
    "CreateEndpoint",
    "UpdateEndpoint",
];

/// The botocore release the committed model comes from (the model file does not say).
const DEFAULT_BOTOCORE: &str = "1.44.8";

/// Shape keys that are dropped on purpose.
const SHAPE_DROPPED: [&str; 4] = [
    // AWS's documentation text: must not be copied into the project.
    "documentation",
    "deprecatedMessage",
    // Marks a primitive as nullable in some SDKs; whether a member may be absent is what
    // the structure's `required` list says.
    "box",
    // A hint to SDKs not to log the value; nothing to generate from it.
    "sensitive",
];

/// Member keys that are dropped on purpose (same reasons as [`SHAPE_DROPPED`]).
const MEMBER_DROPPED: [&str; 3] = ["documentation", "deprecatedMessage", "box"];

/// Arguments of `import-model`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// botocore's SageMaker model, `service-2.json` or `service-2.json.gz`.
    path: PathBuf,
    /// Version of the botocore release the file was taken from (recorded in the output).
    #[arg(long, value_name = "VERSION", default_value = DEFAULT_BOTOCORE)]
    botocore: String,
}

/// Runs `import-model`: writes `xtask/model/sagemaker.json` and `xtask/model/PROVENANCE.md`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let bytes =
        std::fs::read(&args.path).with_context(|| format!("reading {}", args.path.display()))?;
    let file = args
        .path
        .file_name()
        .and_then(|name| name.to_str())
        .with_context(|| format!("{} has no UTF-8 file name", args.path.display()))?;
    let imported = import(&bytes, file, &args.botocore, &OPERATIONS)
        .with_context(|| format!("importing {}", args.path.display()))?;

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("model");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let model_path = dir.join("sagemaker.json");
    write(&model_path, &imported.model.to_json()?)?;
    write(&dir.join("PROVENANCE.md"), &imported.provenance())?;

    // What codegen will read must load, and be what was imported.
    let loaded = Model::load(&model_path)?;
    if loaded != imported.model {
        bail!("{} does not read back as written", model_path.display());
    }
    eprintln!("wrote {}: {}", model_path.display(), imported.model.stats());
    // The result shapes (what the integrations return), from the same file.
    crate::responses::import(&bytes, file, &args.botocore)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The result of an import: the trimmed model, and what `PROVENANCE.md` records beyond it.
#[derive(Debug)]
pub(crate) struct Imported {
    /// The trimmed model.
    pub(crate) model: Model,
    /// Whether the input was gzip-compressed.
    pub(crate) gzipped: bool,
    /// SHA-256 of the uncompressed JSON (equal to the file's hash if it was not compressed).
    pub(crate) json_sha256: String,
}

/// The parts of botocore's model the importer reads; everything else at these levels is
/// ignored (service documentation, HTTP bindings, outputs, errors).
#[derive(Deserialize)]
struct Botocore {
    metadata: Metadata,
    operations: IndexMap<String, BotocoreOperation>,
    shapes: IndexMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    api_version: String,
}

#[derive(Deserialize)]
struct BotocoreOperation {
    input: Option<BotocoreTarget>,
}

#[derive(Deserialize)]
struct BotocoreTarget {
    shape: String,
}

/// Trims a botocore model (`bytes`, plain or gzip JSON) to the shapes reachable from the input
/// shapes of `operations`. `file` and `botocore` are recorded as the source.
pub(crate) fn import(
    bytes: &[u8],
    file: &str,
    botocore: &str,
    operations: &[&str],
) -> Result<Imported> {
    let gzipped = bytes.starts_with(&[0x1f, 0x8b]);
    let json = if gzipped {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut json)
            .context("decompressing gzip")?;
        json
    } else {
        bytes.to_vec()
    };
    let source: Botocore = serde_json::from_slice(&json).context("parsing botocore model")?;

    let mut ops = Vec::with_capacity(operations.len());
    for &name in operations {
        let op = source
            .operations
            .get(name)
            .with_context(|| format!("operation {name} is not in the model"))?;
        let input = op
            .input
            .as_ref()
            .with_context(|| format!("operation {name} has no input shape"))?;
        ops.push(Operation {
            name: name.to_owned(),
            input: input.shape.clone(),
        });
    }

    // Walk from the inputs, trimming each shape as it is reached.
    let mut reached: HashMap<&str, Shape> = HashMap::new();
    let mut pending: Vec<(&str, &str)> = ops
        .iter()
        .map(|op| (op.input.as_str(), op.name.as_str()))
        .collect();
    while let Some((name, referrer)) = pending.pop() {
        if reached.contains_key(name) {
            continue;
        }
        let (name, raw) = source
            .shapes
            .get_key_value(name)
            .with_context(|| format!("shape {name} (referred to by {referrer}) is missing"))?;
        let shape = trim_shape(raw).with_context(|| format!("shape {name}"))?;
        pending.extend(
            shape
                .targets()
                .into_iter()
                .filter_map(|target| source.shapes.get_key_value(target).map(|(k, _)| k))
                .map(|target| (target.as_str(), name.as_str())),
        );
        // A target missing from the source is reported by the model check below.
        reached.insert(name, shape);
    }
    let shapes = source
        .shapes
        .keys()
        .filter_map(|name| Some((name.clone(), reached.remove(name.as_str())?)))
        .collect();

    let model = Model {
        source: Source {
            file: file.to_owned(),
            botocore: botocore.to_owned(),
            sha256: sha256_hex(bytes),
            api_version: source.metadata.api_version,
        },
        operations: ops,
        shapes,
    };
    model.check()?;
    Ok(Imported {
        model,
        gzipped,
        json_sha256: sha256_hex(&json),
    })
}

/// Converts one botocore shape to the trimmed form: drops documentation and the other
/// [`SHAPE_DROPPED`] / [`MEMBER_DROPPED`] keys, unwraps `{"shape": X}` targets, and lets the
/// model types reject anything unknown.
pub(crate) fn trim_shape(raw: &Value) -> Result<Shape> {
    let mut shape = raw.as_object().context("not a JSON object")?.clone();
    drop_keys(&mut shape, &SHAPE_DROPPED);
    for key in ["member", "key", "value"] {
        if let Some(target) = shape.get_mut(key) {
            *target = unwrap_target(target).with_context(|| format!("`{key}`"))?;
        }
    }
    if let Some(members) = shape.get_mut("members") {
        let members = members
            .as_object_mut()
            .context("`members` is not an object")?;
        for (name, member) in members.iter_mut() {
            let member = member
                .as_object_mut()
                .with_context(|| format!("member {name} is not an object"))?;
            drop_keys(member, &MEMBER_DROPPED);
        }
    }
    Ok(serde_json::from_value(Value::Object(shape))?)
}

fn drop_keys(object: &mut JsonObject<String, Value>, keys: &[&str]) {
    for key in keys {
        object.shift_remove(*key);
    }
}

/// `{"shape": "X"}` (plus dropped keys) → `"X"`.
fn unwrap_target(target: &Value) -> Result<Value> {
    let mut target = target.as_object().context("not a JSON object")?.clone();
    drop_keys(&mut target, &MEMBER_DROPPED);
    match target.shift_remove("shape") {
        Some(shape @ Value::String(_)) if target.is_empty() => Ok(shape),
        Some(Value::String(_)) => {
            let keys: Vec<_> = target.keys().map(String::as_str).collect();
            bail!("unsupported key(s) {}", keys.join(", "))
        }
        _ => bail!("no shape name"),
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

impl Imported {
    /// The text of `xtask/model/PROVENANCE.md`.
    pub(crate) fn provenance(&self) -> String {
        let source = &self.model.source;
        let ext = if self.gzipped { ".gz" } else { "" };
        let mut text = String::new();
        // Writing to a `String` cannot fail.
        let _ = write!(
            text,
            "\
# Trimmed SageMaker model: provenance

`sagemaker.json` is generated by `cargo xtask import-model`; do not edit it by hand.

- Source: `botocore/data/sagemaker/{api}/service-2.json{ext}` in the PyPI package
  botocore {botocore} (SageMaker API version {api}).
- License of the source: Apache-2.0 (botocore).
",
            api = source.api_version,
            botocore = source.botocore,
        );
        if self.gzipped {
            let _ = writeln!(text, "- sha256 of the .gz: `{}`", source.sha256);
            let _ = writeln!(
                text,
                "- sha256 of the uncompressed JSON: `{}`",
                self.json_sha256
            );
        } else {
            let _ = writeln!(text, "- sha256 of the JSON: `{}`", source.sha256);
        }
        let _ = write!(
            text,
            "\
- `source.sha256` in `sagemaker.json` is the hash of the file as given to the importer.

## Contents

The {total} shapes reachable from the input shapes of these operations, in the source model's
order, with members in source order:

",
            total = self.model.shapes.len(),
        );
        for op in &self.model.operations {
            let _ = writeln!(text, "- `{}` (input `{}`)", op.name, op.input);
        }
        let _ = write!(
            text,
            "
Per shape only facts are kept: type, required members, members (target shape, `deprecated`,
`idempotencyToken`), enum values, `min`/`max`/`pattern`, list and map targets, and the
`union`/`document` flags. All documentation strings were removed: no text of AWS's
documentation is in this file. Also dropped: deprecation messages, `box` (whether a member may
be absent is what `required` says) and `sensitive`.

## Regenerate

From the workspace root, with the full model in `../shared/models/`:

```sh
cargo xtask import-model ../shared/models/{file}
```

The output is deterministic: running the command twice gives byte-identical files. For a newer
botocore, take the same path from its wheel (`pip download --no-deps botocore==VERSION`) and
pass `--botocore VERSION`.
",
            file = source.file,
        );
        text
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    /// A tiny botocore-like model: two root operations, shared and unreachable shapes,
    /// documentation at every level, and shapes listed in an order unlike discovery order.
    const SYNTHETIC: &str = r#"{
  "version": "2.0",
  "metadata": {"apiVersion": "2020-01-01", "protocol": "json"},
  "documentation": "<p>SERVICE-DOC</p>",
  "operations": {
    "Other": {"name": "Other", "input": {"shape": "OtherRequest"}, "documentation": "OP-DOC"},
    "Second": {"name": "Second", "input": {"shape": "SecondRequest"}, "output": {"shape": "SecondResponse"}},
    "First": {"name": "First", "input": {"shape": "FirstRequest"}, "documentation": "OP-DOC"}
  },
  "shapes": {
    "Count": {"type": "integer", "box": true, "min": 1, "max": 10, "documentation": "SHAPE-DOC"},
    "FirstRequest": {
      "type": "structure",
      "required": ["Name"],
      "members": {
        "Name": {"shape": "Name", "documentation": "MEMBER-DOC"},
        "Tags": {"shape": "Tags", "deprecated": true, "deprecatedMessage": "DEPRECATED-DOC"},
        "Count": {"shape": "Count", "box": true}
      },
      "documentation": "SHAPE-DOC"
    },
    "Unused": {"type": "structure", "members": {"X": {"shape": "UnusedString"}}, "exception": true},
    "Name": {"type": "string", "max": 63, "min": 1, "pattern": "[a-z]+", "sensitive": true},
    "OtherRequest": {"type": "structure", "members": {"U": {"shape": "UnusedString"}}},
    "Tags": {"type": "list", "member": {"shape": "Tag", "documentation": "MEMBER-DOC"}, "max": 5, "min": 0},
    "Tag": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Mode"}},
    "Mode": {"type": "string", "enum": ["Pipe", "File"], "documentation": "SHAPE-DOC"},
    "SecondRequest": {"type": "structure", "members": {"Weight": {"shape": "Weight"}, "Choice": {"shape": "Choice"}}},
    "SecondResponse": {"type": "structure", "members": {"Out": {"shape": "UnusedString"}}},
    "Weight": {"type": "float", "box": true, "min": 0, "max": 1.0},
    "Choice": {"type": "structure", "members": {"A": {"shape": "Mode"}, "B": {"shape": "Count"}}, "union": true},
    "UnusedString": {"type": "string"}
  }
}"#;

    const OPS: [&str; 2] = ["First", "Second"];

    fn synthetic() -> Imported {
        import(SYNTHETIC.as_bytes(), "test.json", "0.0.0", &OPS).unwrap()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn keeps_exactly_the_reachable_shapes_in_source_order() {
        let model = synthetic().model;
        let names: Vec<_> = model.shapes.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "Count",
                "FirstRequest",
                "Name",
                "Tags",
                "Tag",
                "Mode",
                "SecondRequest",
                "Weight",
                "Choice"
            ]
        );
        let ops: Vec<_> = model
            .operations
            .iter()
            .map(|op| (op.name.as_str(), op.input.as_str()))
            .collect();
        assert_eq!(
            ops,
            [("First", "FirstRequest"), ("Second", "SecondRequest")]
        );
        assert_eq!(model.source.api_version, "2020-01-01");
        assert!(model.recursive_shapes().is_empty());
    }

    #[test]
    fn writes_the_documented_format() {
        let text = synthetic().model.to_json().unwrap();
        let expected = r#"{
  "source": {
    "file": "test.json",
    "botocore": "0.0.0",
    "sha256": "SHA",
    "apiVersion": "2020-01-01"
  },
  "operations": [
    {
      "name": "First",
      "input": "FirstRequest"
    },
    {
      "name": "Second",
      "input": "SecondRequest"
    }
  ],
  "shapes": {
    "Count": {
      "type": "integer",
      "min": 1,
      "max": 10
    },
    "FirstRequest": {
      "type": "structure",
      "required": [
        "Name"
      ],
      "members": {
        "Name": {
          "shape": "Name"
        },
        "Tags": {
          "shape": "Tags",
          "deprecated": true
        },
        "Count": {
          "shape": "Count"
        }
      }
    },
    "Name": {
      "type": "string",
      "min": 1,
      "max": 63,
      "pattern": "[a-z]+"
    },
    "Tags": {
      "type": "list",
      "member": "Tag",
      "min": 0,
      "max": 5
    },
    "Tag": {
      "type": "map",
      "key": "Name",
      "value": "Mode"
    },
    "Mode": {
      "type": "string",
      "enum": [
        "Pipe",
        "File"
      ]
    },
    "SecondRequest": {
      "type": "structure",
      "members": {
        "Weight": {
          "shape": "Weight"
        },
        "Choice": {
          "shape": "Choice"
        }
      }
    },
    "Weight": {
      "type": "float",
      "min": 0,
      "max": 1.0
    },
    "Choice": {
      "type": "structure",
      "members": {
        "A": {
          "shape": "Mode"
        },
        "B": {
          "shape": "Count"
        }
      },
      "union": true
    }
  }
}
"#
        .replace("SHA", &sha256_hex(SYNTHETIC.as_bytes()));
        assert_eq!(text, expected);
    }

    #[test]
    fn strips_all_documentation() {
        let imported = synthetic();
        let json = imported.model.to_json().unwrap();
        // Every documentation string in the input contains "DOC".
        assert!(!json.contains("DOC"), "{json}");
        assert!(!imported.provenance().contains("DOC"));
        for key in [
            "documentation",
            "deprecatedMessage",
            "box",
            "sensitive",
            "exception",
        ] {
            assert!(
                !json.contains(&format!("\"{key}\"")),
                "output has key {key:?}"
            );
        }
    }

    #[test]
    fn is_deterministic() {
        let first = synthetic();
        let second = synthetic();
        assert_eq!(
            first.model.to_json().unwrap(),
            second.model.to_json().unwrap()
        );
        assert_eq!(first.provenance(), second.provenance());

        // Gzip input gives the same shapes; only the recorded hash of the file differs.
        let gz = import(&gzip(SYNTHETIC.as_bytes()), "test.json.gz", "0.0.0", &OPS).unwrap();
        assert!(gz.gzipped);
        assert_eq!(gz.json_sha256, first.json_sha256);
        assert_ne!(gz.model.source.sha256, first.model.source.sha256);
        assert_eq!(gz.model.shapes, first.model.shapes);
        assert!(gz.provenance().contains(&first.json_sha256));
    }

    #[test]
    fn rejects_unknown_keys_only_in_reachable_shapes() {
        // `Unused` has `exception`, which the format does not know; it is not reachable.
        assert!(import(SYNTHETIC.as_bytes(), "t.json", "0", &["Other"]).is_ok());
        let text = SYNTHETIC.replacen(
            r#""type": "float", "box": true"#,
            r#""type": "float", "box": true, "timestampFormat": "iso8601""#,
            1,
        );
        let err = import(text.as_bytes(), "t.json", "0", &OPS).unwrap_err();
        let err = format!("{err:#}");
        assert!(
            err.contains("Weight") && err.contains("timestampFormat"),
            "{err}"
        );
    }

    #[test]
    fn rejects_missing_operations_and_shapes() {
        let err = import(SYNTHETIC.as_bytes(), "t.json", "0", &["Nope"]).unwrap_err();
        assert!(err.to_string().contains("Nope"));
        let text = SYNTHETIC.replacen(
            r#""value": {"shape": "Mode"}"#,
            r#""value": {"shape": "Gone"}"#,
            1,
        );
        let err = import(text.as_bytes(), "t.json", "0", &OPS).unwrap_err();
        assert!(format!("{err:#}").contains("Gone"), "{err:#}");
    }

    /// The committed model loads, has no documentation text, and — where the full botocore
    /// model is beside the workspace — equals a fresh import of it, byte for byte.
    #[test]
    fn committed_model_is_current() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed_path = dir.join("model/sagemaker.json");
        let model = Model::load(&committed_path).unwrap();
        let names: Vec<_> = model.operations.iter().map(|op| op.name.as_str()).collect();
        assert_eq!(names, OPERATIONS);
        let committed = std::fs::read_to_string(&committed_path).unwrap();
        assert!(!committed.contains("documentation"));
        assert!(!committed.contains("<p>"));

        let full = dir.join("../../shared/models").join(&model.source.file);
        let Ok(bytes) = std::fs::read(&full) else {
            eprintln!("skipping the re-import check: {} not found", full.display());
            return;
        };
        let imported = import(
            &bytes,
            &model.source.file,
            &model.source.botocore,
            &OPERATIONS,
        )
        .unwrap();
        assert_eq!(
            imported.model.to_json().unwrap(),
            committed,
            "run `cargo xtask import-model ../shared/models/{}`",
            model.source.file
        );
        let provenance = std::fs::read_to_string(dir.join("model/PROVENANCE.md")).unwrap();
        assert_eq!(imported.provenance(), provenance);
    }
}
