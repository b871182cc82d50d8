//! Doc examples for the generated builders, made from the model's facts.
//!
//! Each required member gets a realistic value: an enum its first listed value, a number a
//! value within its `min`/`max`, a structure its own `new(..)` or builder (to a small depth),
//! a list one item, a map one entry, and a string a value picked by the member's name (a role
//! ARN, an S3 URI, an ECR image, a job name, …) *only when* it fits the string's length and
//! `pattern`. A value that cannot be made realistic is shown in its path form,
//! `Path::input().field("Member")`, which every member accepts.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use heck::{ToKebabCase, ToSnakeCase};
use regex::Regex;

use crate::model::{FloatShape, IntegerShape, Model, Shape, StringShape, Structure};

/// How deep structures nest in an example before a path stands in for one.
const MAX_DEPTH: usize = 3;

/// Strings by `Shape.Member`, member or shape name, tried first (each still has to fit).
const STRINGS: &[(&str, &str)] = &[
    ("CategoricalParameterRange.Name", "optimizer"),
    ("CategoricalParameterRange.Values", "adam"),
    ("ContinuousParameterRange.Name", "learning_rate"),
    ("ContinuousParameterRange.MinValue", "0.0001"),
    ("ContinuousParameterRange.MaxValue", "0.1"),
    ("IntegerParameterRange.Name", "epochs"),
    ("IntegerParameterRange.MinValue", "1"),
    ("IntegerParameterRange.MaxValue", "50"),
    ("AutoParameter.Name", "learning_rate"),
    ("AutoParameter.ValueHint", "0.01"),
    ("AthenaDatasetDefinition.Database", "default"),
    ("RedshiftDatasetDefinition.Database", "dev"),
    (
        "DebugRuleConfiguration.RuleConfigurationName",
        "LossNotDecreasing",
    ),
    (
        "ProfilerRuleConfiguration.RuleConfigurationName",
        "ProfilerReport",
    ),
    (
        "ProcessingS3Input.S3Uri",
        "s3://amzn-s3-demo-bucket/processing/input/",
    ),
    (
        "ProcessingS3Output.S3Uri",
        "s3://amzn-s3-demo-bucket/processing/output/",
    ),
    ("S3ModelDataSource.S3Uri", "s3://amzn-s3-demo-bucket/model/"),
    ("ManifestS3Uri", "s3://amzn-s3-demo-bucket/manifest.json"),
    (
        "UiTemplateS3Uri",
        "s3://amzn-s3-demo-bucket/template.liquid",
    ),
    ("VariantName", "AllTraffic"),
    ("ChannelName", "train"),
    ("TaskTitle", "Classify images"),
    (
        "TaskDescription",
        "Choose the category that best describes the image",
    ),
    ("TagKey", "project"),
    ("TagValue", "image-classification"),
    ("MetricName", "validation:accuracy"),
    ("MetricRegex", "validation-accuracy=([0-9\\.]+)"),
    ("AthenaCatalog", "AwsDataCatalog"),
    ("QueryString", "SELECT * FROM training_data"),
    ("ClusterId", "my-redshift-cluster"),
    ("DbUser", "awsuser"),
    ("FileSystemId", "fs-0123456789abcdef0"),
    ("DirectoryPath", "/fsx/training-data"),
    ("SecurityGroupId", "sg-0123456789abcdef0"),
    ("SubnetId", "subnet-0123456789abcdef0"),
    (
        "KmsKeyId",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ),
    ("ContentType", "text/csv"),
    ("LabelAttributeName", "category"),
    ("InstanceGroupName", "training-group"),
    (
        "RuleEvaluatorImage",
        "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
    ),
];

/// Integers by member name, clamped to the member's bounds; others get 1, clamped.
const INTEGERS: &[(&str, i64)] = &[
    ("InstanceCount", 1),
    ("MaxRuntimeInSeconds", 3600),
    ("VolumeSizeInGB", 30),
    ("TaskTimeLimitInSeconds", 300),
    ("NumberOfHumanWorkersPerDataObject", 3),
    ("MemorySizeInMB", 2048),
    ("MaxConcurrency", 5),
    ("InitialSamplingPercentage", 100),
    ("WaitIntervalInSeconds", 300),
    ("MaxCrossRegionPercentPerEndpoint", 50),
    ("MaxInvocationsPerSecondPerInstance", 100),
];

/// Makes the examples.
pub(crate) struct Examples<'m> {
    model: &'m Model,
    types: &'m HashMap<String, String>,
}

/// What an example uses, for its `use` lines.
#[derive(Default)]
struct Uses {
    types: BTreeSet<String>,
    path: bool,
}

impl<'m> Examples<'m> {
    pub(crate) fn new(model: &'m Model, types: &'m HashMap<String, String>) -> Examples<'m> {
        Examples { model, types }
    }

    /// The doc lines (each starting with a space) of the example of `shape`'s builder.
    pub(crate) fn builder(&self, shape: &str) -> Vec<String> {
        let mut uses = Uses::default();
        let expr = self.structure(shape, 0, "", &mut uses);
        let name = &self.types[shape];
        let mut lines = vec![" ```".to_owned()];
        let types: Vec<&str> = uses.types.iter().map(String::as_str).collect();
        if let [one] = types.as_slice() {
            lines.push(format!(" use asl_types::sagemaker::{one};"));
        } else {
            lines.push(format!(
                " use asl_types::sagemaker::{{{}}};",
                types.join(", ")
            ));
        }
        if uses.path {
            lines.push(" use asl_types::Path;".to_owned());
        }
        lines.push(String::new());
        let var = name.to_snake_case();
        let code = format!("let {var} = {expr};");
        lines.extend(code.lines().map(|l| format!(" {l}")));
        lines.push(" ```".to_owned());
        lines
    }

    /// A structure: its builder, `new(required)`, or `new()` with its first member.
    fn structure(&self, shape: &str, depth: usize, indent: &str, uses: &mut Uses) -> String {
        let Shape::Structure(s) = &self.model.shapes[shape] else {
            unreachable!("called for structures")
        };
        let name = self.types[shape].clone();
        uses.types.insert(name.clone());
        let inner = format!("{indent}    ");
        match s.required.as_slice() {
            [] => match s.members.first() {
                Some((member, m)) => {
                    let setter = setter(member);
                    let value = self.value(shape, member, &m.shape, depth + 1, indent, uses);
                    format!("{name}::new().{setter}({value})")
                }
                None => format!("{name}::new()"),
            },
            [member] => {
                let value = self.member(shape, s, member, depth, indent, uses);
                format!("{name}::new({value})")
            }
            required => {
                let mut text = format!("{name}::builder()");
                for member in required {
                    let value = self.member(shape, s, member, depth, &inner, uses);
                    let _ = write!(text, "\n{inner}.{}({value})", setter(member));
                }
                let _ = write!(text, "\n{inner}.build()");
                text
            }
        }
    }

    fn member(
        &self,
        shape: &str,
        s: &Structure,
        member: &str,
        depth: usize,
        indent: &str,
        uses: &mut Uses,
    ) -> String {
        let target = &s.members[member].shape;
        self.value(shape, member, target, depth + 1, indent, uses)
    }

    /// A value of `target`, the shape of `parent`'s `member` (or an element of it).
    fn value(
        &self,
        parent: &str,
        member: &str,
        target: &str,
        depth: usize,
        indent: &str,
        uses: &mut Uses,
    ) -> String {
        let path = |uses: &mut Uses| {
            uses.path = true;
            format!("Path::input().field({member:?})")
        };
        match &self.model.shapes[target] {
            Shape::Structure(_) if depth > MAX_DEPTH => path(uses),
            Shape::Structure(_) => self.structure(target, depth, indent, uses),
            Shape::String(StringShape {
                values: Some(values),
                ..
            }) => {
                let name = self.types[target].clone();
                uses.types.insert(name.clone());
                let variant = crate::codegen::variant_names(values).swap_remove(0);
                format!("{name}::{variant}")
            }
            Shape::String(s) => match string(parent, member, target, s) {
                Some(text) => format!("{text:?}"),
                None => path(uses),
            },
            Shape::Integer(IntegerShape { min, max }) | Shape::Long(IntegerShape { min, max }) => {
                let wanted = INTEGERS
                    .iter()
                    .find(|(name, _)| *name == member)
                    .map_or(1, |(_, n)| *n);
                clamp(wanted, *min, *max).to_string()
            }
            Shape::Float(FloatShape { min, max }) | Shape::Double(FloatShape { min, max }) => {
                let (min, max) = (min.as_ref(), max.as_ref());
                let fits = min
                    .and_then(serde_json::Number::as_f64)
                    .is_none_or(|m| m <= 1.0)
                    && max
                        .and_then(serde_json::Number::as_f64)
                        .is_none_or(|m| m >= 1.0);
                if fits { "1".to_owned() } else { path(uses) }
            }
            Shape::Boolean(_) => "true".to_owned(),
            Shape::List(l) => {
                let item = self.value(parent, member, &l.member, depth, indent, uses);
                format!("[{item}]")
            }
            Shape::Map(m) => {
                let key = match &self.model.shapes[&m.key] {
                    Shape::String(s @ StringShape { values: None, .. }) => {
                        string(parent, member, &m.key, s)
                    }
                    _ => None,
                };
                match key {
                    Some(key) => {
                        let value = self.value(parent, member, &m.value, depth, indent, uses);
                        format!("[({key:?}, {value})]")
                    }
                    None => path(uses),
                }
            }
            Shape::Timestamp(_) | Shape::Blob(_) => path(uses),
        }
    }
}

/// The setter of a member, as written in code (`r#type` for `Type`).
fn setter(member: &str) -> String {
    crate::codegen::field_ident(member).to_string()
}

fn clamp(n: i64, min: Option<i64>, max: Option<i64>) -> i64 {
    let n = min.map_or(n, |min| n.max(min));
    max.map_or(n, |max| n.min(max))
}

/// A realistic string for `parent`'s `member` of string shape `shape`, if one fits.
fn string(parent: &str, member: &str, shape: &str, s: &StringShape) -> Option<String> {
    candidates(parent, member, shape)
        .into_iter()
        .find(|text| fits(text, s))
}

/// Whether `text` has the length and matches the pattern `s` asks for. A pattern the `regex`
/// crate cannot compile (a few botocore ones) does not rule a value out.
fn fits(text: &str, s: &StringShape) -> bool {
    let len = text.chars().count() as u64;
    if s.min.is_some_and(|min| len < min) || s.max.is_some_and(|max| len > max) {
        return false;
    }
    s.pattern.as_ref().is_none_or(|pattern| {
        Regex::new(&format!("^(?:{pattern})$")).map_or(true, |re| re.is_match(text))
    })
}

/// Strings to try for `parent`'s `member` (of shape `shape`), best first.
fn candidates(parent: &str, member: &str, shape: &str) -> Vec<String> {
    let mut out: Vec<String> = [
        format!("{parent}.{member}"),
        member.to_owned(),
        shape.to_owned(),
    ]
    .iter()
    .filter_map(|key| STRINGS.iter().find(|(k, _)| k == key))
    .map(|(_, v)| (*v).to_owned())
    .collect();
    let lower = member.to_ascii_lowercase();
    let words = |s: &str| s.to_kebab_case();
    if lower.ends_with("arn") || shape.ends_with("Arn") {
        if lower.contains("role") || shape == "RoleArn" {
            out.push("arn:aws:iam::123456789012:role/SageMakerExecutionRole".to_owned());
        }
        if lower.contains("workteam") {
            out.push(
                "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/my-team"
                    .to_owned(),
            );
        }
        if lower.contains("lambda") {
            out.push("arn:aws:lambda:us-east-1:123456789012:function:my-function".to_owned());
        }
        let resource = words(member.trim_end_matches("Arn"));
        out.push(format!(
            "arn:aws:sagemaker:us-east-1:123456789012:{resource}/my-{resource}"
        ));
    }
    if lower.contains("image") {
        out.push("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:latest".to_owned());
    }
    if lower.contains("s3") || lower.ends_with("uri") || lower.ends_with("path") {
        let what = member
            .replace("S3", "")
            .replace("Uri", "")
            .replace("Path", "");
        let what = if what.is_empty() {
            "data".to_owned()
        } else {
            words(&what)
        };
        out.push(format!("s3://amzn-s3-demo-bucket/{what}/"));
    }
    if lower.ends_with("name") {
        let what = member.trim_end_matches("Name");
        if !what.is_empty() {
            out.push(format!("my-{}", words(what)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_fit_their_constraints() {
        let s = StringShape {
            values: None,
            min: Some(1),
            max: Some(63),
            pattern: Some("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}".to_owned()),
        };
        assert_eq!(
            string(
                "CreateTrainingJob",
                "TrainingJobName",
                "TrainingJobName",
                &s
            )
            .as_deref(),
            Some("my-training-job")
        );
        assert_eq!(string("X", "Unheard", "Unheard", &s), None);
        let arn = StringShape {
            values: None,
            min: Some(20),
            max: Some(2048),
            pattern: Some("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+".to_owned()),
        };
        assert_eq!(
            string("CreateTrainingJob", "RoleArn", "RoleArn", &arn).as_deref(),
            Some("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
        );
        assert_eq!(clamp(1, Some(30), None), 30);
        assert_eq!(clamp(300, Some(1), Some(9)), 9);
    }
}
