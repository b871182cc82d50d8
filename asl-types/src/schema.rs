//! A JSON Schema for ASL definitions, derived from the model's types with
//! [schemars](https://docs.rs/schemars) (feature `schema`).
//!
//! Every record of the model (the machine, the eight state types, retriers,
//! catchers, Map's reader, batcher, processor and writer) gets its schema
//! from the same field list that declares it (`record!`), so a field added
//! to the model is in the schema too; unknown fields are errors
//! (`additionalProperties: false`). The leaves written by hand here are the
//! types with their own serializers: names, paths, resources, numbers,
//! `Value<T>` (a literal `T` or a `{% … %}` JSONata string), `DynMap`,
//! choice rules and the `Type`-tagged state. A Task whose `Resource` is an
//! optimized SageMaker integration has its `Parameters` / `Arguments` typed
//! by the operation's request shape (generated with the shapes): members,
//! required members (as `Key` or `Key.$`), enum values; any value may be a
//! JSONata string.
//!
//! The schema accepts both query languages in any state; which fields a
//! state's language allows, path syntax, and the graph are the validator's.
//!
//! ```
//! use asl_types::schema::{definition_schema, Draft};
//!
//! let schema = definition_schema(Draft::Draft2020_12);
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["required"], serde_json::json!(["StartAt", "States"]));
//! let task = &schema["$defs"]["sagemaker.CreateTrainingJob"];
//! assert!(task["properties"]["TrainingJobName.$"].is_object());
//!
//! let draft7 = definition_schema(Draft::Draft07);
//! assert_eq!(draft7["$schema"], "http://json-schema.org/draft-07/schema#");
//! assert!(draft7["definitions"]["State"].is_object());
//! ```

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value as JsonValue, json};

use crate::choice::{ChoiceRule, Condition, OperandKind, Operator};
use crate::expr::{Jsonata, JsonataOr, Value};
use crate::integer::Integer;
use crate::json::{Json, Number};
use crate::machine::StateMachine;
use crate::names::{ErrorName, StateName};
use crate::path::{Path, ReferencePath};
use crate::payload::Payload;
use crate::resource::Resource;
use crate::sagemaker::SageMakerApi;
use crate::state::{
    Choice, DynamicString, Fail, Map as MapState, Nullable, Parallel, Pass, State, Succeed, Task,
    Wait,
};
use crate::template::DynMap;

/// Which JSON Schema dialect [`definition_schema`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Draft {
    /// JSON Schema 2020-12 (definitions under `$defs`).
    #[default]
    Draft2020_12,
    /// Draft-07, for older editors (definitions under `definitions`).
    Draft07,
}

/// The JSON Schema of a state machine definition (`*.asl.json`).
pub fn definition_schema(draft: Draft) -> JsonValue {
    let settings = match draft {
        Draft::Draft2020_12 => SchemaSettings::draft2020_12(),
        Draft::Draft07 => SchemaSettings::draft07(),
    };
    let schema = settings
        .into_generator()
        .into_root_schema_for::<StateMachine>()
        .to_value();
    // `$schema` and a title first, as people write schemas.
    let mut out = Map::new();
    let JsonValue::Object(fields) = schema else {
        return schema;
    };
    if let Some(dialect) = fields.get("$schema") {
        out.insert("$schema".to_owned(), dialect.clone());
    }
    out.insert(
        "title".to_owned(),
        json!("Amazon States Language definition"),
    );
    for (key, value) in fields {
        if key != "$schema" && key != "title" {
            out.insert(key, value);
        }
    }
    JsonValue::Object(out)
}

/// A string `{% … %}`.
const JSONATA_PATTERN: &str = r"^\{%[\s\S]*%\}$";

fn string_pattern(pattern: &str) -> Schema {
    json_schema!({"type": "string", "pattern": pattern})
}

/// The schema of a generated SageMaker structure: each member `Key` with
/// its schema, and `Key.$` (a path or intrinsic call); a required member
/// must be there in one form or the other.
pub(crate) fn structure(members: Vec<(&'static str, bool, Schema)>) -> Schema {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, is_required, schema) in members {
        properties.insert(name.to_owned(), schema.to_value());
        properties.insert(format!("{name}.$"), json!({"type": "string"}));
        if is_required {
            required.push(json!({"anyOf": [
                {"required": [name]},
                {"required": [format!("{name}.$")]}
            ]}));
        }
    }
    let mut schema = json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema.insert("allOf".to_owned(), JsonValue::Array(required));
    }
    schema
}

/// The schema of a generated SageMaker string enum: the model's values.
pub(crate) fn string_enum(values: &[&str]) -> Schema {
    json_schema!({"type": "string", "enum": values})
}

macro_rules! leaf {
    ($($ty:ty => $name:literal $schema:tt;)*) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    )*};
}

leaf! {
    StateName => "StateName" {"type": "string"};
    ErrorName => "ErrorName" {"type": "string"};
    Path => "Path" {"type": "string", "pattern": "^\\$"};
    ReferencePath => "ReferencePath" {"type": "string", "pattern": "^\\$"};
    DynamicString => "DynamicString" {"type": "string"};
    Resource => "Resource" {"type": "string"};
    Number => "Number" {"type": "number"};
    Integer => "Integer" {"type": "integer"};
    Payload => "Payload" true;
    Json => "Json" true;
}

impl JsonSchema for Jsonata {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Jsonata")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_pattern(JSONATA_PATTERN)
    }
}

/// A literal `T` or a JSONata string (a path or intrinsic call is the
/// parent's `Key.$` member).
impl<T: JsonSchema> JsonSchema for Value<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Value_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [g.subschema_for::<T>(), g.subschema_for::<Jsonata>()]})
    }
}

impl<T: JsonSchema> JsonSchema for JsonataOr<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("JsonataOr_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [g.subschema_for::<T>(), g.subschema_for::<Jsonata>()]})
    }
}

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Nullable_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [g.subschema_for::<T>(), {"type": "null"}]})
    }
}

/// A map with free keys: each `Key` holds a value, each `Key.$` a path or
/// intrinsic call.
impl<T: JsonSchema> JsonSchema for DynMap<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("DynMap_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "patternProperties": {"\\.\\$$": {"type": "string"}},
            "additionalProperties": g.subschema_for::<Value<T>>(),
        })
    }
}

fn operand_schema(kind: OperandKind) -> JsonValue {
    match kind {
        OperandKind::String | OperandKind::Timestamp => json!({"type": "string"}),
        OperandKind::Number => json!({"type": "number"}),
        OperandKind::Bool => json!({"type": "boolean"}),
        OperandKind::Path => json!({"type": "string", "pattern": "^\\$"}),
    }
}

/// The members of a (nested) choice rule: `Variable` and the 39 operators,
/// `And`, `Or`, `Not`, `Comment`.
fn condition_properties(g: &mut SchemaGenerator) -> Map<String, JsonValue> {
    let mut properties = Map::new();
    properties.insert("Variable".to_owned(), g.subschema_for::<Path>().to_value());
    for op in Operator::ALL {
        properties.insert(op.name().to_owned(), operand_schema(op.operand_kind()));
    }
    let nested = g.subschema_for::<Condition>().to_value();
    properties.insert(
        "And".to_owned(),
        json!({"type": "array", "items": nested.clone()}),
    );
    properties.insert(
        "Or".to_owned(),
        json!({"type": "array", "items": nested.clone()}),
    );
    properties.insert("Not".to_owned(), nested);
    properties.insert("Comment".to_owned(), json!({"type": "string"}));
    properties
}

/// A rule nested in `And`, `Or` or `Not`.
impl JsonSchema for Condition {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ChoiceCondition")
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "properties": condition_properties(g),
            "additionalProperties": false,
        })
    }
}

/// A top-level entry of `Choices`.
impl JsonSchema for ChoiceRule {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ChoiceRule")
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut properties = condition_properties(g);
        properties.insert(
            "Condition".to_owned(),
            json!({"anyOf": [g.subschema_for::<Jsonata>(), {"type": "boolean"}]}),
        );
        properties.insert("Assign".to_owned(), g.subschema_for::<Payload>().to_value());
        properties.insert("Output".to_owned(), g.subschema_for::<Payload>().to_value());
        properties.insert("Next".to_owned(), g.subschema_for::<StateName>().to_value());
        json_schema!({
            "type": "object",
            "properties": properties,
            "required": ["Next"],
            "additionalProperties": false,
        })
    }
}

/// A state: an object whose `Type` picks the state type's fields.
impl JsonSchema for State {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("State")
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let task = task_schema(g);
        let types: [(&str, Schema); 8] = [
            ("Task", task),
            ("Pass", Pass::schema_object(g, Some("Pass"))),
            ("Choice", Choice::schema_object(g, Some("Choice"))),
            ("Wait", Wait::schema_object(g, Some("Wait"))),
            ("Succeed", Succeed::schema_object(g, Some("Succeed"))),
            ("Fail", Fail::schema_object(g, Some("Fail"))),
            ("Parallel", Parallel::schema_object(g, Some("Parallel"))),
            ("Map", MapState::schema_object(g, Some("Map"))),
        ];
        let names: Vec<&str> = types.iter().map(|(n, _)| *n).collect();
        let cases: Vec<JsonValue> = types
            .into_iter()
            .map(|(name, schema)| {
                json!({
                    "if": {"properties": {"Type": {"const": name}}, "required": ["Type"]},
                    "then": schema,
                })
            })
            .collect();
        json_schema!({
            "type": "object",
            "properties": {"Type": {"enum": names}},
            "required": ["Type"],
            "allOf": cases,
        })
    }
}

/// A Task state; with an optimized SageMaker `Resource`, its payload is
/// the operation's request.
fn task_schema(g: &mut SchemaGenerator) -> Schema {
    let mut cases = vec![Task::schema_object(g, Some("Task")).to_value()];
    for api in SageMakerApi::ALL {
        let sync = if api.supports_sync() {
            "(\\.sync)?"
        } else {
            ""
        };
        let resource = format!("^arn:[^:]+:states:::sagemaker:{}{sync}$", api.action());
        let request = api.request_schema(g).to_value();
        cases.push(json!({
            "if": {"properties": {"Resource": {"pattern": resource}}, "required": ["Resource"]},
            "then": {"properties": {
                "Parameters": request.clone(),
                "Arguments": {"anyOf": [request, g.subschema_for::<Jsonata>()]},
            }},
        }));
    }
    json_schema!({"allOf": cases})
}
