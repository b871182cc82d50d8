//! Choice rules: comparisons, `And` / `Or` / `Not`, and JSONata `Condition`.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::expr::Jsonata;
use crate::json::{Json, Number};
use crate::names::StateName;
use crate::path::Path;
use crate::payload::Payload;
use crate::read::{At, Fields, FromJson, Issues, read_array, wrong_type};
use crate::validate::Rule;

/// What kind of operand an operator compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A string literal.
    String,
    /// A number literal.
    Number,
    /// A boolean literal.
    Bool,
    /// An RFC 3339 timestamp string.
    Timestamp,
    /// Another path (the `…Path` operators).
    Path,
}

impl OperandKind {
    /// What an operand of this kind is, for messages: `a string`, ….
    pub const fn describe(self) -> &'static str {
        match self {
            OperandKind::String => "a string",
            OperandKind::Timestamp => "a timestamp string",
            OperandKind::Number => "a number",
            OperandKind::Bool => "a boolean",
            OperandKind::Path => "a path",
        }
    }
}

macro_rules! operators {
    ($($variant:ident => $name:literal : $kind:ident,)*) => {
        /// A comparison operator of a JSONPath choice rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operator {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl Operator {
            /// All 39 operators.
            pub const ALL: &'static [Operator] = &[$(Operator::$variant,)*];

            /// The operator's name in ASL.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Operator::$variant => $name,)*
                }
            }

            /// What it compares the variable with.
            pub const fn operand_kind(self) -> OperandKind {
                match self {
                    $(Operator::$variant => OperandKind::$kind,)*
                }
            }

            /// The operator named `name`.
            pub fn from_name(name: &str) -> Option<Operator> {
                match name {
                    $($name => Some(Operator::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

operators! {
    StringEquals => "StringEquals": String,
    StringEqualsPath => "StringEqualsPath": Path,
    StringLessThan => "StringLessThan": String,
    StringLessThanPath => "StringLessThanPath": Path,
    StringGreaterThan => "StringGreaterThan": String,
    StringGreaterThanPath => "StringGreaterThanPath": Path,
    StringLessThanEquals => "StringLessThanEquals": String,
    StringLessThanEqualsPath => "StringLessThanEqualsPath": Path,
    StringGreaterThanEquals => "StringGreaterThanEquals": String,
    StringGreaterThanEqualsPath => "StringGreaterThanEqualsPath": Path,
    StringMatches => "StringMatches": String,
    NumericEquals => "NumericEquals": Number,
    NumericEqualsPath => "NumericEqualsPath": Path,
    NumericLessThan => "NumericLessThan": Number,
    NumericLessThanPath => "NumericLessThanPath": Path,
    NumericGreaterThan => "NumericGreaterThan": Number,
    NumericGreaterThanPath => "NumericGreaterThanPath": Path,
    NumericLessThanEquals => "NumericLessThanEquals": Number,
    NumericLessThanEqualsPath => "NumericLessThanEqualsPath": Path,
    NumericGreaterThanEquals => "NumericGreaterThanEquals": Number,
    NumericGreaterThanEqualsPath => "NumericGreaterThanEqualsPath": Path,
    BooleanEquals => "BooleanEquals": Bool,
    BooleanEqualsPath => "BooleanEqualsPath": Path,
    TimestampEquals => "TimestampEquals": Timestamp,
    TimestampEqualsPath => "TimestampEqualsPath": Path,
    TimestampLessThan => "TimestampLessThan": Timestamp,
    TimestampLessThanPath => "TimestampLessThanPath": Path,
    TimestampGreaterThan => "TimestampGreaterThan": Timestamp,
    TimestampGreaterThanPath => "TimestampGreaterThanPath": Path,
    TimestampLessThanEquals => "TimestampLessThanEquals": Timestamp,
    TimestampLessThanEqualsPath => "TimestampLessThanEqualsPath": Path,
    TimestampGreaterThanEquals => "TimestampGreaterThanEquals": Timestamp,
    TimestampGreaterThanEqualsPath => "TimestampGreaterThanEqualsPath": Path,
    IsNull => "IsNull": Bool,
    IsPresent => "IsPresent": Bool,
    IsNumeric => "IsNumeric": Bool,
    IsString => "IsString": Bool,
    IsBoolean => "IsBoolean": Bool,
    IsTimestamp => "IsTimestamp": Bool,
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Operand {
    /// A string (also timestamps and `StringMatches` patterns).
    String(String),
    /// A number, as written.
    Number(Number),
    /// A boolean.
    Bool(bool),
    /// A path (for the `…Path` operators).
    Path(Path),
}

impl Serialize for Operand {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Operand::String(v) => s.serialize_str(v),
            Operand::Number(n) => n.serialize(s),
            Operand::Bool(b) => s.serialize_bool(*b),
            Operand::Path(p) => p.serialize(s),
        }
    }
}

/// A boolean condition of a choice rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Condition {
    /// `"Variable": …, "<Operator>": …`
    Compare {
        /// `Variable`: the value compared.
        variable: Path,
        /// The operator.
        operator: Operator,
        /// What it is compared with.
        operand: Operand,
    },
    /// `"And": [ … ]`
    And(Vec<Condition>),
    /// `"Or": [ … ]`
    Or(Vec<Condition>),
    /// `"Not": { … }`
    Not(Box<Condition>),
    /// `"Condition": "{% … %}"` (JSONata, top-level rules only).
    Jsonata(Jsonata),
    /// `"Condition": true` or `false`: a JSONata condition written as a
    /// JSON boolean (top-level rules only).
    Constant(bool),
    /// A nested rule (inside `And`, `Or` or `Not`) with its own
    /// `Comment`. (A top-level rule's comment is [`ChoiceRule::comment`].)
    Commented {
        /// `Comment`
        comment: String,
        /// The rule.
        condition: Box<Condition>,
    },
}

impl Condition {
    /// `Variable` compared by `operator` with `operand`.
    pub fn compare(variable: Path, operator: Operator, operand: Operand) -> Condition {
        Condition::Compare {
            variable,
            operator,
            operand,
        }
    }

    /// How deeply `And` / `Or` / `Not` nest (1 for a plain comparison).
    pub fn depth(&self) -> usize {
        match self {
            Condition::Compare { .. } | Condition::Jsonata(_) | Condition::Constant(_) => 1,
            Condition::And(cs) | Condition::Or(cs) => {
                1 + cs.iter().map(Condition::depth).max().unwrap_or(0)
            }
            Condition::Not(c) => 1 + c.depth(),
            Condition::Commented { condition, .. } => condition.depth(),
        }
    }

    fn read(
        fields: &mut Fields<'_, '_>,
        issues: &mut Issues,
        top_level: bool,
    ) -> Option<Condition> {
        let at = fields.at();
        let mut found: Vec<&'static str> = Vec::new();
        for key in ["And", "Or", "Not", "Variable"] {
            if fields.has(key) {
                found.push(key);
            }
        }
        if top_level && fields.has("Condition") {
            found.push("Condition");
        }
        let logical = found.iter().filter(|k| **k != "Variable").count();
        if logical > 1 || (logical == 1 && found.contains(&"Variable")) {
            // The keys are known; which one was meant is not.
            for key in &found {
                fields.skip(key);
            }
            issues.push(at.issue(
                Rule::InvalidValue,
                format!(
                    "a choice rule has exactly one of `Variable`, `And`, `Or`, `Not`{}; found {}",
                    if top_level { ", `Condition`" } else { "" },
                    found.join(", ")
                ),
            ));
            return None;
        }
        match found.first().copied() {
            Some("And") => fields
                .required_with("And", issues, read_nested_list)
                .map(Condition::And),
            Some("Or") => fields
                .required_with("Or", issues, read_nested_list)
                .map(Condition::Or),
            Some("Not") => fields
                .required_with("Not", issues, read_nested)
                .map(|c| Condition::Not(Box::new(c))),
            Some("Condition") => {
                fields.required_with("Condition", issues, |json, at, issues| match json {
                    Json::Bool(b) => Some(Condition::Constant(*b)),
                    other => Jsonata::read(other, at, issues).map(Condition::Jsonata),
                })
            }
            Some(_) => {
                let variable: Option<Path> = fields.required("Variable", issues);
                let ops: Vec<(Operator, String)> = fields_with_operators(fields);
                let [(operator, key)] = ops.as_slice() else {
                    for (_, key) in &ops {
                        fields.skip(key);
                    }
                    let names: Vec<&str> = ops.iter().map(|(o, _)| o.name()).collect();
                    issues.push(at.issue(
                        Rule::InvalidValue,
                        if names.is_empty() {
                            "a choice rule with `Variable` needs a comparison operator".to_owned()
                        } else {
                            format!(
                                "a choice rule has exactly one comparison operator; found {}",
                                names.join(", ")
                            )
                        },
                    ));
                    return None;
                };
                let (operator, key) = (*operator, key.clone());
                let operand = fields.required_with(&key, issues, |json, at, issues| {
                    read_operand(operator, json, at, issues)
                });
                Some(Condition::Compare {
                    variable: variable?,
                    operator,
                    operand: operand?,
                })
            }
            None => {
                issues.push(at.issue(
                    Rule::MissingField,
                    if top_level {
                        "a choice rule needs `Variable` and an operator, `And`, `Or`, `Not` or `Condition`"
                    } else {
                        "a choice rule needs `Variable` and an operator, `And`, `Or` or `Not`"
                    },
                ));
                None
            }
        }
    }

    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self {
            Condition::Compare {
                variable,
                operator,
                operand,
            } => {
                map.serialize_entry("Variable", variable)?;
                map.serialize_entry(operator.name(), operand)
            }
            Condition::And(cs) => map.serialize_entry("And", cs),
            Condition::Or(cs) => map.serialize_entry("Or", cs),
            Condition::Not(c) => map.serialize_entry("Not", c),
            Condition::Jsonata(j) => map.serialize_entry("Condition", j),
            Condition::Constant(b) => map.serialize_entry("Condition", b),
            Condition::Commented { comment, condition } => {
                map.serialize_entry("Comment", comment)?;
                condition.write_entries(map)
            }
        }
    }
}

fn fields_with_operators(fields: &Fields<'_, '_>) -> Vec<(Operator, String)> {
    Operator::ALL
        .iter()
        .filter(|op| fields.has(op.name()))
        .map(|op| (*op, op.name().to_owned()))
        .collect()
}

fn read_operand(
    operator: Operator,
    json: &Json,
    at: At<'_>,
    issues: &mut Issues,
) -> Option<Operand> {
    match (operator.operand_kind(), json) {
        (OperandKind::String | OperandKind::Timestamp, Json::String(s)) => {
            Some(Operand::String(s.clone()))
        }
        (OperandKind::Number, Json::Number(n)) => Some(Operand::Number(n.clone())),
        (OperandKind::Bool, Json::Bool(b)) => Some(Operand::Bool(*b)),
        (OperandKind::Path, _) => Path::read(json, at, issues).map(Operand::Path),
        (kind, other) => issues.ok(Err(wrong_type(other, at, kind.describe()))),
    }
}

fn read_nested(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Condition> {
    let mut fields = Fields::new(json, at, "nested choice rule", issues)?;
    // AWS accepts a `Comment` in nested rules too.
    let comment: Option<String> = fields.optional("Comment", issues);
    let condition = Condition::read(&mut fields, issues, false);
    fields.finish(issues);
    let condition = condition?;
    Some(match comment {
        Some(comment) => Condition::Commented {
            comment,
            condition: Box::new(condition),
        },
        None => condition,
    })
}

fn read_nested_list(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Vec<Condition>> {
    read_array(json, at, issues, "an array of choice rules", read_nested)
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        self.write_entries(&mut map)?;
        map.end()
    }
}

impl FromJson for Condition {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        read_nested(json, at, issues)
    }
}

/// A top-level entry of `Choices`: a condition and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChoiceRule {
    /// The condition.
    pub condition: Condition,
    /// `Next`: the state to go to when the condition holds.
    pub next: StateName,
    /// `Comment`
    pub comment: Option<String>,
    /// `Assign`: variables set when this rule is taken.
    pub assign: Option<Payload>,
    /// `Output` (JSONata): the state output when this rule is taken.
    pub output: Option<Payload>,
}

impl ChoiceRule {
    /// A rule: when `condition` holds, go to `next`.
    pub fn new(condition: Condition, next: impl Into<StateName>) -> ChoiceRule {
        ChoiceRule {
            condition,
            next: next.into(),
            comment: None,
            assign: None,
            output: None,
        }
    }
}

impl Default for Condition {
    fn default() -> Self {
        Condition::And(Vec::new())
    }
}

impl Default for ChoiceRule {
    fn default() -> Self {
        ChoiceRule::new(Condition::default(), StateName::default())
    }
}

impl FromJson for ChoiceRule {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let mut fields = Fields::new(json, at, "choice rule", issues)?;
        let condition = Condition::read(&mut fields, issues, true);
        let comment = fields.optional("Comment", issues);
        let assign = fields.optional("Assign", issues);
        let output = fields.optional("Output", issues);
        let next = fields.required("Next", issues);
        fields.finish(issues);
        Some(ChoiceRule {
            condition: condition?,
            comment,
            assign,
            output,
            next: next?,
        })
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(c) = &self.comment {
            map.serialize_entry("Comment", c)?;
        }
        self.condition.write_entries(&mut map)?;
        if let Some(a) = &self.assign {
            map.serialize_entry("Assign", a)?;
        }
        if let Some(o) = &self.output {
            map.serialize_entry("Output", o)?;
        }
        map.serialize_entry("Next", &self.next)?;
        map.end()
    }
}
