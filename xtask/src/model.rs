//! The trimmed SageMaker model, `xtask/model/sagemaker.json`: its typed form and its loader.
//!
//! `cargo xtask import-model` writes this file from botocore's `service-2.json`; code generation
//! reads it back with [`Model::load`]. The format keeps only facts (names, types, required
//! members, enums, constraints), never AWS's documentation text. Every struct rejects unknown
//! keys, so a fact that the format does not know about is an error instead of being lost.
//!
//! Key order in the file is the field order of these structs; shapes and members keep the
//! source model's order.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use serde::{Deserialize, Serialize};

/// The trimmed model: where it came from, the root operations, and the shapes they reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Model {
    /// The botocore file this model was trimmed from.
    pub(crate) source: Source,
    /// The root operations, in the fixed allow-list order.
    pub(crate) operations: Vec<Operation>,
    /// Every shape reachable from the operations' inputs, in the source model's order.
    pub(crate) shapes: IndexMap<String, Shape>,
}

/// Provenance of a trimmed model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Source {
    /// File name of the input, e.g. `sagemaker-2017-07-24.service-2.json.gz`.
    pub(crate) file: String,
    /// Version of the botocore release the input comes from.
    pub(crate) botocore: String,
    /// Lowercase hex SHA-256 of the input file's bytes as given to the importer.
    pub(crate) sha256: String,
    /// The service's API version, from the model's `metadata.apiVersion`.
    pub(crate) api_version: String,
}

/// A root operation and its input shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Operation {
    /// Operation name, e.g. `CreateTrainingJob`.
    pub(crate) name: String,
    /// Name of the input structure, e.g. `CreateTrainingJobRequest`.
    pub(crate) input: String,
}

/// A shape, tagged by its botocore `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum Shape {
    /// An object with named members.
    Structure(Structure),
    /// A JSON array.
    List(List),
    /// A JSON object with arbitrary keys.
    Map(Map),
    /// A string, possibly restricted to an enum.
    String(StringShape),
    /// A 32-bit integer.
    Integer(IntegerShape),
    /// A 64-bit integer.
    Long(IntegerShape),
    /// A 32-bit float.
    Float(FloatShape),
    /// A 64-bit float.
    Double(FloatShape),
    /// A boolean.
    Boolean(BooleanShape),
    /// A timestamp.
    Timestamp(TimestampShape),
    /// Binary data (base64 in JSON).
    Blob(BlobShape),
}

/// A `structure` shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Structure {
    /// Names of the members that must be present, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) required: Vec<String>,
    /// The members, in source order.
    pub(crate) members: IndexMap<String, Member>,
    /// Exactly one member may be set (a tagged union).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) union: bool,
    /// A Smithy document: arbitrary JSON rather than fixed members.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) document: bool,
}

/// A member of a structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Member {
    /// Name of the member's shape.
    pub(crate) shape: String,
    /// The member is deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) deprecated: bool,
    /// The SDKs fill this member with a fresh token when the caller leaves it out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) idempotency_token: bool,
}

/// A `list` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct List {
    /// Name of the element shape.
    pub(crate) member: String,
    /// Minimum number of elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<u64>,
    /// Maximum number of elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<u64>,
}

/// A `map` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Map {
    /// Name of the key shape (a string shape).
    pub(crate) key: String,
    /// Name of the value shape.
    pub(crate) value: String,
    /// Minimum number of entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<u64>,
    /// Maximum number of entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<u64>,
}

/// A `string` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StringShape {
    /// The allowed values, in source order, when the string is an enum.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub(crate) values: Option<Vec<String>>,
    /// Minimum length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<u64>,
    /// Maximum length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<u64>,
    /// A regular expression the value must match (unanchored, as AWS writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) pattern: Option<String>,
}

/// An `integer` or `long` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntegerShape {
    /// Smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<i64>,
    /// Largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<i64>,
}

/// A `float` or `double` shape.
///
/// Bounds stay JSON numbers so that `0` and `0.0` are written back as the source wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FloatShape {
    /// Smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<serde_json::Number>,
    /// Largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<serde_json::Number>,
}

/// A `boolean` shape (no facts beyond its type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BooleanShape {}

/// A `timestamp` shape (no facts beyond its type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimestampShape {}

/// A `blob` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BlobShape {
    /// Minimum length in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min: Option<u64>,
    /// Maximum length in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<u64>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl Shape {
    /// The botocore type name: `structure`, `string`, `long`, ...
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Self::Structure(_) => "structure",
            Self::List(_) => "list",
            Self::Map(_) => "map",
            Self::String(_) => "string",
            Self::Integer(_) => "integer",
            Self::Long(_) => "long",
            Self::Float(_) => "float",
            Self::Double(_) => "double",
            Self::Boolean(_) => "boolean",
            Self::Timestamp(_) => "timestamp",
            Self::Blob(_) => "blob",
        }
    }

    /// Names of the shapes this shape refers to: members, list element, map key and value.
    pub(crate) fn targets(&self) -> Vec<&str> {
        match self {
            Self::Structure(s) => s.members.values().map(|m| m.shape.as_str()).collect(),
            Self::List(l) => vec![l.member.as_str()],
            Self::Map(m) => vec![m.key.as_str(), m.value.as_str()],
            Self::String(_)
            | Self::Integer(_)
            | Self::Long(_)
            | Self::Float(_)
            | Self::Double(_)
            | Self::Boolean(_)
            | Self::Timestamp(_)
            | Self::Blob(_) => Vec::new(),
        }
    }
}

impl Model {
    /// Reads and checks a trimmed model file.
    pub(crate) fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Self::from_json(&text).with_context(|| format!("loading {}", path.display()))
    }

    /// Parses and checks a trimmed model from its JSON text.
    pub(crate) fn from_json(text: &str) -> Result<Self> {
        let model: Self = serde_json::from_str(text)?;
        model.check()?;
        Ok(model)
    }

    /// The file's text: pretty-printed with two-space indents, ending with a newline.
    pub(crate) fn to_json(&self) -> Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// Checks that the model is closed and consistent: every operation input is a structure,
    /// every referenced shape exists, and every required name is a member.
    pub(crate) fn check(&self) -> Result<()> {
        for op in &self.operations {
            match self.shapes.get(&op.input) {
                Some(Shape::Structure(_)) => {}
                Some(other) => bail!(
                    "operation {}: input {} is a {}, not a structure",
                    op.name,
                    op.input,
                    other.type_name()
                ),
                None => bail!("operation {}: input shape {} is missing", op.name, op.input),
            }
        }
        for (name, shape) in &self.shapes {
            for target in shape.targets() {
                if !self.shapes.contains_key(target) {
                    bail!("shape {name} refers to missing shape {target}");
                }
            }
            if let Shape::Structure(s) = shape {
                for required in &s.required {
                    if !s.members.contains_key(required) {
                        bail!("shape {name}: required member {required} is not a member");
                    }
                }
            }
        }
        Ok(())
    }

    /// Summary counts, for reports.
    pub(crate) fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        for shape in self.shapes.values() {
            *stats.by_type.entry(shape.type_name()).or_default() += 1;
            match shape {
                Shape::Structure(s) => stats.members += s.members.len(),
                Shape::String(s) if s.values.is_some() => stats.enums += 1,
                _ => {}
            }
        }
        stats.recursive = self.recursive_shapes();
        stats
    }

    /// Shapes that can reach themselves (a cycle through members, list elements or map
    /// values), in model order. Code generation must box at least one edge of each cycle.
    pub(crate) fn recursive_shapes(&self) -> Vec<String> {
        let mut graph = DiGraphMap::<&str, ()>::new();
        for (name, shape) in &self.shapes {
            graph.add_node(name.as_str());
            for target in shape.targets() {
                graph.add_edge(name.as_str(), target, ());
            }
        }
        let mut on_cycle = std::collections::BTreeSet::new();
        for component in tarjan_scc(&graph) {
            if component.len() > 1 || graph.contains_edge(component[0], component[0]) {
                on_cycle.extend(component);
            }
        }
        self.shapes
            .keys()
            .filter(|name| on_cycle.contains(name.as_str()))
            .cloned()
            .collect()
    }
}

/// Summary counts of a model.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    /// Number of shapes per botocore type.
    pub(crate) by_type: BTreeMap<&'static str, usize>,
    /// String shapes with an `enum`.
    pub(crate) enums: usize,
    /// Members over all structures.
    pub(crate) members: usize,
    /// Shapes on a cycle (see [`Model::recursive_shapes`]).
    pub(crate) recursive: Vec<String>,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: usize = self.by_type.values().sum();
        write!(f, "{total} shapes (")?;
        for (i, (ty, n)) in self.by_type.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{n} {ty}")?;
        }
        write!(
            f,
            "); {} enums; {} structure members; ",
            self.enums, self.members
        )?;
        if self.recursive.is_empty() {
            f.write_str("no recursive shapes")
        } else {
            write!(f, "recursive: {}", self.recursive.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
  "source": {"file": "x.json", "botocore": "0", "sha256": "00", "apiVersion": "2017-07-24"},
  "operations": [{"name": "Op", "input": "OpRequest"}],
  "shapes": {
    "OpRequest": {"type": "structure", "required": ["Name"],
      "members": {"Name": {"shape": "Name"}, "Node": {"shape": "Node"}, "Ratio": {"shape": "Ratio"}}},
    "Name": {"type": "string", "min": 1, "max": 63, "pattern": "[a-z]+"},
    "Node": {"type": "structure", "members": {"Children": {"shape": "Nodes"}}},
    "Nodes": {"type": "list", "member": "Node", "max": 3},
    "Ratio": {"type": "float", "min": 0, "max": 1.0}
  }
}"#;

    #[test]
    fn loads_and_round_trips() {
        let model = Model::from_json(SMALL).unwrap();
        assert_eq!(model.operations[0].input, "OpRequest");
        let again = Model::from_json(&model.to_json().unwrap()).unwrap();
        assert_eq!(model, again);
        // Float bounds keep the source's spelling.
        assert!(model.to_json().unwrap().contains(r#""min": 0,"#));
        assert!(model.to_json().unwrap().contains(r#""max": 1.0"#));
    }

    #[test]
    fn rejects_unknown_keys() {
        for (from, to) in [
            (
                r#""pattern": "[a-z]+""#,
                r#""pattern": "[a-z]+", "documentation": "x""#,
            ),
            (r#"{"shape": "Name"}"#, r#"{"shape": "Name", "box": true}"#),
            (r#""apiVersion""#, r#""extra": 1, "apiVersion""#),
            (r#""type": "float""#, r#""type": "decimal""#),
        ] {
            let text = SMALL.replacen(from, to, 1);
            assert_ne!(text, SMALL);
            assert!(Model::from_json(&text).is_err(), "accepted {to}");
        }
    }

    #[test]
    fn rejects_dangling_references() {
        let text = SMALL.replacen(r#""member": "Node""#, r#""member": "Nope""#, 1);
        let err = Model::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("Nope"), "{err}");
    }

    #[test]
    fn finds_recursive_shapes() {
        let model = Model::from_json(SMALL).unwrap();
        assert_eq!(model.recursive_shapes(), ["Node", "Nodes"]);
        let stats = model.stats();
        assert_eq!(stats.members, 4);
        assert_eq!(stats.by_type["structure"], 2);
    }
}
