//! The IAM policy a state machine's role needs, from its definition.
//!
//! [`StateMachine::iam_policy`] walks every state at any depth (Parallel
//! branches, Map item processors) and turns each Task's integration, each
//! distributed Map, each `ItemReader` / `ResultWriter` and each
//! `Credentials` into statements, reading the `iam` rows of the
//! integrations table (`src/integrations.tsv`, see [`crate::integrations`]):
//! the table holds the statements AWS documents on its "IAM policies for
//! calling …" pages, with templates for the resources that this module fills
//! from the Task's payload (`Parameters` or `Arguments`).
//!
//! A name written in the payload gives a resource ARN with that name; a
//! name computed at run time (`"Name.$": "$.name"`, `"{% … %}"`) gives `*`
//! in its place, narrowed to the literal prefix of a `States.Format` call
//! when it has one (`States.Format('train-{}', …)` gives `train-*`). Each
//! statement that grants more than one named resource is listed in
//! [`Policy::warnings`] with the reason. No statement has a `*` action.
//!
//! Without a partition, region or account in [`PolicyOptions`], ARNs carry
//! CloudFormation's pseudo parameters `${AWS::Partition}`, `${AWS::Region}`
//! and `${AWS::AccountId}`, ready for `Fn::Sub`
//! ([`Policy::to_cloudformation`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::enums::{ExecutionType, ProcessorMode};
use crate::expr::Expr;
use crate::integrations::{self, IamRow};
use crate::intrinsic::{Argument, IntrinsicFunction};
use crate::machine::StateMachine;
use crate::payload::Payload;
use crate::resource::{IntegrationPattern, Resource};
use crate::state::{Map, State, Task};

const PARTITION: &str = "${AWS::Partition}";
const REGION: &str = "${AWS::Region}";
const ACCOUNT: &str = "${AWS::AccountId}";

/// Where the policy is for: the values of the ARNs' partition, region and
/// account, and the state machine's own name. What is not given stays a
/// CloudFormation pseudo parameter (`${AWS::Region}`, …), or `*` for the
/// name.
///
/// ```
/// use asl_types::PolicyOptions;
/// let options = PolicyOptions::new().region("eu-west-1").account("123456789012");
/// assert_eq!(options.partition, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyOptions {
    /// `aws`, `aws-cn`, `aws-us-gov`; `${AWS::Partition}` when absent.
    pub partition: Option<String>,
    /// The region; `${AWS::Region}` when absent.
    pub region: Option<String>,
    /// The account id; `${AWS::AccountId}` when absent.
    pub account: Option<String>,
    /// The state machine's own name, for the statements on itself (a
    /// distributed Map starts executions of its own machine; an HTTP Task
    /// is authorized on it); `*` when absent.
    pub state_machine_name: Option<String>,
}

impl PolicyOptions {
    /// Nothing known: pseudo parameters everywhere.
    pub fn new() -> PolicyOptions {
        PolicyOptions::default()
    }

    /// Sets the partition.
    #[must_use]
    pub fn partition(mut self, partition: impl Into<String>) -> PolicyOptions {
        self.partition = Some(partition.into());
        self
    }

    /// Sets the region.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> PolicyOptions {
        self.region = Some(region.into());
        self
    }

    /// Sets the account id.
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> PolicyOptions {
        self.account = Some(account.into());
        self
    }

    /// Sets the state machine's own name.
    #[must_use]
    pub fn state_machine_name(mut self, name: impl Into<String>) -> PolicyOptions {
        self.state_machine_name = Some(name.into());
        self
    }

    fn substitute(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (token, value) in [
            (PARTITION, &self.partition),
            (REGION, &self.region),
            (ACCOUNT, &self.account),
        ] {
            if let Some(value) = value {
                out = out.replace(token, value);
            }
        }
        out
    }
}

/// The condition of a statement: operator → key → values.
pub type Condition = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// One `Allow` statement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Statement {
    /// `service:Action`, sorted.
    pub actions: BTreeSet<String>,
    /// Resource ARNs (or `*`), sorted.
    pub resources: BTreeSet<String>,
    /// The condition (empty for none).
    pub condition: Condition,
}

/// `{"Effect": "Allow", "Action": [...], "Resource": [...], "Condition": {...}}`:
/// lists always (as AWS's pages write them), a condition value as a string
/// when it is one.
impl Serialize for Statement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Values<'a>(&'a BTreeSet<String>);
        impl Serialize for Values<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0.iter().next() {
                    Some(one) if self.0.len() == 1 => one.serialize(s),
                    _ => s.collect_seq(self.0),
                }
            }
        }
        struct Keys<'a>(&'a BTreeMap<String, BTreeSet<String>>);
        impl Serialize for Keys<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, Values(v))))
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("Effect", "Allow")?;
        map.serialize_entry("Action", &self.actions)?;
        map.serialize_entry("Resource", &self.resources)?;
        if !self.condition.is_empty() {
            let condition: BTreeMap<&String, Keys<'_>> =
                self.condition.iter().map(|(k, v)| (k, Keys(v))).collect();
            map.serialize_entry("Condition", &condition)?;
        }
        map.end()
    }
}

/// A statement wider than the names in the definition, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct PolicyWarning {
    /// The state the statement is for.
    pub state: String,
    /// The statement's actions, comma-separated.
    pub actions: String,
    /// The wide resource.
    pub resource: String,
    /// Why it is wide.
    pub reason: String,
}

/// `STATE: ACTIONS on `RESOURCE`: reason` (`STATE: WHAT: reason` for an
/// integration that got no statement).
impl fmt::Display for PolicyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.resource.is_empty() {
            write!(f, "{}: {}: {}", self.state, self.actions, self.reason)
        } else {
            write!(
                f,
                "{}: {} on `{}`: {}",
                self.state, self.actions, self.resource, self.reason
            )
        }
    }
}

/// An IAM policy document: statements merged and sorted, with the
/// warnings of the statements that are wider than the definition's names.
///
/// Serializes to `{"Version": "2012-10-17", "Statement": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    statements: Vec<Statement>,
    warnings: Vec<PolicyWarning>,
}

impl Policy {
    /// The statements, merged and sorted.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The wide statements and why, sorted, one per state and resource.
    pub fn warnings(&self) -> &[PolicyWarning] {
        &self.warnings
    }

    /// Whether an ARN still holds a CloudFormation pseudo parameter
    /// (`${AWS::Region}`, …): the document then belongs in `Fn::Sub`.
    pub fn uses_pseudo_parameters(&self) -> bool {
        self.statements.iter().any(|s| {
            s.resources
                .iter()
                .any(|r| [PARTITION, REGION, ACCOUNT].iter().any(|p| r.contains(p)))
        })
    }

    /// The policy document as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The policy document for a CloudFormation template: every string that
    /// holds `${…}` (a pseudo parameter, or a definition substitution left
    /// in a name) becomes `{"Fn::Sub": "…"}`.
    ///
    /// ```
    /// use asl_types::{PolicyOptions, StateMachine};
    /// let machine: StateMachine = r#"{"StartAt": "Q", "States": {"Q": {"Type": "Task",
    ///   "Resource": "arn:aws:states:::dynamodb:getItem",
    ///   "Parameters": {"TableName": "jobs", "Key": {}}, "End": true}}}"#.parse()?;
    /// let doc = machine.iam_policy(&PolicyOptions::new()).to_cloudformation();
    /// assert_eq!(
    ///     doc["Statement"][0]["Resource"][0],
    ///     serde_json::json!({"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/jobs"})
    /// );
    /// # Ok::<(), asl_types::Error>(())
    /// ```
    pub fn to_cloudformation(&self) -> serde_json::Value {
        fn wrap(value: serde_json::Value) -> serde_json::Value {
            use serde_json::Value;
            match value {
                Value::String(s) if s.contains("${") => {
                    let mut sub = serde_json::Map::new();
                    sub.insert("Fn::Sub".to_owned(), Value::String(s));
                    Value::Object(sub)
                }
                Value::Array(items) => Value::Array(items.into_iter().map(wrap).collect()),
                Value::Object(members) => {
                    Value::Object(members.into_iter().map(|(k, v)| (k, wrap(v))).collect())
                }
                other => other,
            }
        }
        wrap(self.to_json())
    }
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("Version", "2012-10-17")?;
        map.serialize_entry("Statement", &self.statements)?;
        map.end()
    }
}

impl StateMachine {
    /// The IAM policy this machine's execution role needs: one `Allow`
    /// statement per integration (and per distributed Map, `ItemReader`,
    /// `ResultWriter`, `Credentials`) at any depth, from the integrations
    /// table, resources named from the payloads; merged and sorted.
    ///
    /// ```
    /// use asl_types::{PolicyOptions, StateMachine};
    /// let machine: StateMachine = r#"{"StartAt": "Train", "States": {"Train": {
    ///   "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
    ///   "Parameters": {"TrainingJobName.$": "$.name",
    ///                  "RoleArn": "arn:aws:iam::123456789012:role/sm"},
    ///   "End": true}}}"#.parse()?;
    /// let options = PolicyOptions::new().partition("aws").region("us-east-1").account("123456789012");
    /// let policy = machine.iam_policy(&options);
    /// let json = serde_json::to_value(&policy).unwrap();
    /// assert_eq!(json["Version"], "2012-10-17");
    /// let train = policy.statements().iter()
    ///     .find(|s| s.actions.contains("sagemaker:CreateTrainingJob")).unwrap();
    /// assert_eq!(
    ///     train.resources.iter().collect::<Vec<_>>(),
    ///     ["arn:aws:sagemaker:us-east-1:123456789012:training-job/*"]
    /// );
    /// // The name is computed at run time: the statement is listed as wide.
    /// assert!(policy.warnings().iter().any(|w| w.reason.contains("TrainingJobName")));
    /// # Ok::<(), asl_types::Error>(())
    /// ```
    pub fn iam_policy(&self, options: &PolicyOptions) -> Policy {
        let mut walker = Generator {
            options,
            raw: Vec::new(),
            warnings: BTreeSet::new(),
        };
        for found in self.all_states() {
            let name = found.name.as_str();
            match found.state {
                State::Task(task) => walker.task(name, task),
                State::Map(map) => walker.map(name, map),
                _ => {}
            }
        }
        Policy {
            statements: merge(walker.raw),
            warnings: walker.warnings.into_iter().collect(),
        }
    }
}

/// What a payload member is, for a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Member {
    /// A literal string (or number, as written).
    Literal(String),
    /// Computed at run time, with a literal prefix (possibly empty) and how
    /// it is computed.
    Dynamic { prefix: String, how: String },
    /// Not in the payload.
    Absent,
}

/// How a member is computed, for a warning (cut to 80 characters).
fn expr_text(e: &Expr) -> String {
    let text = match e {
        Expr::Path(p) => p.to_string(),
        Expr::Intrinsic(i) => i.as_str().to_owned(),
        Expr::Jsonata(j) => format!("{{% {} %}}", j.expression().trim()),
    };
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(79).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// The literal text an expression's value starts with: before the first
/// `{}` of a `States.Format` template, or the string literal a JSONata
/// concatenation (`'train-' & …`) starts with.
fn literal_prefix(e: &Expr) -> String {
    let call = match e {
        Expr::Intrinsic(call) => call,
        Expr::Jsonata(j) => {
            let text = j.expression().trim();
            let Some(quote) = text.chars().next().filter(|c| *c == '\'' || *c == '"') else {
                return String::new();
            };
            let body = &text[1..];
            let Some(end) = body.find(quote) else {
                return String::new();
            };
            let literal = &body[..end];
            return if !literal.contains('\\') && body[end + 1..].trim_start().starts_with('&') {
                literal.to_owned()
            } else {
                String::new()
            };
        }
        Expr::Path(_) => return String::new(),
    };
    if *call.function() != IntrinsicFunction::Format {
        return String::new();
    }
    let Some(Argument::String(raw)) = call.args().first() else {
        return String::new();
    };
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '{' if chars.peek() == Some(&'}') => break,
            c => out.push(c),
        }
    }
    out
}

/// The members at `path` (`A.B`, `Entries[].EventBusName`).
fn lookup(payload: Option<&Payload>, path: &str) -> Vec<Member> {
    fn walk(node: &Payload, segments: &[&str], out: &mut Vec<Member>) {
        let Some((first, rest)) = segments.split_first() else {
            out.push(match node {
                Payload::String(s) => Member::Literal(s.clone()),
                Payload::Number(n) => Member::Literal(n.to_string()),
                Payload::Expr(e) => Member::Dynamic {
                    prefix: literal_prefix(e),
                    how: expr_text(e),
                },
                _ => Member::Absent,
            });
            return;
        };
        let (key, array) = match first.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (*first, false),
        };
        match node {
            Payload::Object(members) => match members.get(key) {
                Some(Payload::Array(items)) if array => {
                    for item in items {
                        walk(item, rest, out);
                    }
                }
                Some(Payload::Expr(e)) if !rest.is_empty() || array => out.push(Member::Dynamic {
                    prefix: String::new(),
                    how: expr_text(e),
                }),
                Some(child) if !array => walk(child, rest, out),
                _ => out.push(Member::Absent),
            },
            Payload::Expr(e) => out.push(Member::Dynamic {
                prefix: String::new(),
                how: expr_text(e),
            }),
            _ => out.push(Member::Absent),
        }
    }
    let mut out = Vec::new();
    match payload {
        Some(p) => {
            let segments: Vec<&str> = path.split('.').collect();
            walk(p, &segments, &mut out);
        }
        None => out.push(Member::Absent),
    }
    out
}

/// Lower case outside `${…}` placeholders (SageMaker ARNs are lower case).
fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek() == Some(&'{') {
            depth += 1;
            out.push(c);
            continue;
        }
        if depth > 0 && c == '}' {
            depth -= 1;
        }
        out.push(if depth == 0 {
            c.to_ascii_lowercase()
        } else {
            c
        });
    }
    out
}

/// A named form of the table (`|lambda-arn`, …); `None` when the value
/// cannot take it (the template's fallback applies).
fn transform(name: &str, value: &str) -> Option<String> {
    Some(match name {
        "lower" => lower(value),
        "lambda-arn" => {
            let parts: Vec<&str> = value.split(':').collect();
            match parts.as_slice() {
                ["arn", _, "lambda", _, _, "function", _] => value.to_owned(),
                ["arn", _, "lambda", _, _, "function", _, _] => parts[..7].join(":"),
                [account, "function", name, ..] => {
                    format!("arn:{PARTITION}:lambda:{REGION}:{account}:function:{name}")
                }
                [name, ..] if !name.is_empty() && !value.starts_with("${") => {
                    format!("arn:{PARTITION}:lambda:{REGION}:{ACCOUNT}:function:{name}")
                }
                _ => value.to_owned(),
            }
        }
        "sqs-arn" => {
            let rest = value.strip_prefix("https://")?;
            let (host, path) = rest.split_once('/')?;
            let (account, queue) = path.trim_end_matches('/').split_once('/')?;
            let region = host
                .strip_prefix("sqs.")
                .and_then(|h| h.split_once('.'))
                .map_or(REGION, |(region, _)| region);
            format!("arn:{PARTITION}:sqs:{region}:{account}:{queue}")
        }
        "execution-arn" => {
            let parts: Vec<&str> = value.split(':').collect();
            match parts.as_slice() {
                [
                    "arn",
                    partition,
                    "states",
                    region,
                    account,
                    "stateMachine",
                    name,
                    ..,
                ] => {
                    format!("arn:{partition}:states:{region}:{account}:execution:{name}:*")
                }
                _ => return None,
            }
        }
        "ecs-task-definition" => {
            if value.starts_with("arn:") || value.starts_with("${") {
                value.to_owned()
            } else if value.contains(':') || value.ends_with('*') {
                format!("arn:{PARTITION}:ecs:{REGION}:{ACCOUNT}:task-definition/{value}")
            } else {
                format!("arn:{PARTITION}:ecs:{REGION}:{ACCOUNT}:task-definition/{value}:*")
            }
        }
        "bedrock-model-arn" => {
            if value.starts_with("arn:") || value.starts_with("${") {
                value.to_owned()
            } else {
                format!("arn:{PARTITION}:bedrock:{REGION}::foundation-model/{value}")
            }
        }
        "event-bus-arn" => {
            if value.starts_with("arn:") || value.starts_with("${") {
                value.to_owned()
            } else {
                format!("arn:{PARTITION}:events:{REGION}:{ACCOUNT}:event-bus/{value}")
            }
        }
        _ => return None,
    })
}

/// One `{…}` of a template.
struct Placeholder<'t> {
    paths: Vec<&'t str>,
    default: Option<&'t str>,
    transforms: Vec<&'t str>,
    fallback: Option<&'t str>,
}

impl<'t> Placeholder<'t> {
    fn parse(inner: &'t str) -> Placeholder<'t> {
        let (main, fallback) = match inner.split_once("||") {
            Some((main, fallback)) => (main, Some(fallback)),
            None => (inner, None),
        };
        let mut parts = main.split('|');
        let first = parts.next().unwrap_or_default();
        let (path, default) = match first.split_once('=') {
            Some((path, default)) => (path, Some(default)),
            None => (first, None),
        };
        let mut paths = vec![path];
        let mut transforms = Vec::new();
        for part in parts {
            if part.starts_with(|c: char| c.is_ascii_uppercase()) {
                paths.push(part);
            } else {
                transforms.push(part);
            }
        }
        Placeholder {
            paths,
            default,
            transforms,
            fallback,
        }
    }
}

/// The pieces of a template: text and `{…}` placeholders (a `{` after `$`
/// is a pseudo parameter and stays text).
enum Piece<'t> {
    Text(&'t str),
    Field(&'t str),
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let bytes = template.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'{' && (i == 0 || bytes[i - 1] != b'$') {
            let mut depth = 0usize;
            let mut end = None;
            for (j, b) in bytes.iter().enumerate().skip(i) {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if let Some(end) = end {
                if start < i {
                    out.push(Piece::Text(&template[start..i]));
                }
                out.push(Piece::Field(&template[i + 1..end]));
                i = end + 1;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    if start < template.len() {
        out.push(Piece::Text(&template[start..]));
    }
    out
}

/// A filled template: its values, and why it is wider than named.
struct Filled {
    values: Vec<String>,
    notes: Vec<String>,
}

struct Generator<'o> {
    options: &'o PolicyOptions,
    raw: Vec<Statement>,
    warnings: BTreeSet<PolicyWarning>,
}

impl Generator<'_> {
    fn machine_name(&self) -> String {
        self.options
            .state_machine_name
            .clone()
            .unwrap_or_else(|| "*".to_owned())
    }

    /// Fills `template` from `payload`.
    fn fill(&self, template: &str, payload: Option<&Payload>) -> Filled {
        let mut values = vec![String::new()];
        let mut notes = Vec::new();
        for piece in pieces(template) {
            let options: Vec<String> = match piece {
                Piece::Text(text) => vec![text.to_owned()],
                Piece::Field("$machine") => {
                    if self.options.state_machine_name.is_none() {
                        notes.push(
                            "the state machine's own name is not known (give it in the options)"
                                .to_owned(),
                        );
                    }
                    vec![self.machine_name()]
                }
                Piece::Field(inner) => {
                    let placeholder = Placeholder::parse(inner);
                    let Ok(values) = Self::field(&placeholder, payload, &mut notes) else {
                        // Not known: the whole resource is the fallback.
                        let fallback = placeholder.fallback.unwrap_or("*");
                        return Filled {
                            values: self.fill(fallback, payload).values,
                            notes,
                        };
                    };
                    values
                }
            };
            values = values
                .iter()
                .flat_map(|v| options.iter().map(move |o| format!("{v}{o}")))
                .collect();
        }
        for v in &mut values {
            while v.contains("**") {
                *v = v.replace("**", "*");
            }
        }
        Filled { values, notes }
    }

    /// The values of one placeholder; `Err` when the fallback applies.
    fn field(
        placeholder: &Placeholder<'_>,
        payload: Option<&Payload>,
        notes: &mut Vec<String>,
    ) -> Result<Vec<String>, ()> {
        let mut members = Vec::new();
        for path in &placeholder.paths {
            members = lookup(payload, path);
            if members.iter().any(|m| *m != Member::Absent) {
                break;
            }
        }
        let mut out = Vec::new();
        for member in members {
            let raw = match member {
                Member::Literal(s) => s,
                Member::Absent => {
                    if let Some(d) = placeholder.default {
                        d.to_owned()
                    } else {
                        notes.push(format!("`{}` is not set", placeholder.paths[0]));
                        if placeholder.fallback.is_some() {
                            return Err(());
                        }
                        "*".to_owned()
                    }
                }
                Member::Dynamic { prefix, how } => {
                    notes.push(format!(
                        "`{}` is computed at run time (`{how}`)",
                        placeholder.paths[0]
                    ));
                    if prefix.is_empty() && placeholder.fallback.is_some() {
                        return Err(());
                    }
                    format!("{prefix}*")
                }
            };
            let mut value = raw;
            for t in &placeholder.transforms {
                match transform(t, &value) {
                    Some(v) => value = v,
                    None if placeholder.fallback.is_some() => {
                        notes.push(format!(
                            "`{}` (`{value}`) does not have the expected form",
                            placeholder.paths[0]
                        ));
                        return Err(());
                    }
                    None => "*".clone_into(&mut value),
                }
            }
            out.push(value);
        }
        Ok(out)
    }

    /// Adds the statement of `row` for the state `state`.
    fn row(&mut self, state: &str, row: &IamRow, actions: &[String], payload: Option<&Payload>) {
        let actions: BTreeSet<String> = if row.actions.is_empty() {
            actions.iter().cloned().collect()
        } else {
            row.actions.iter().map(|a| (*a).to_owned()).collect()
        };
        let action_list = actions.iter().cloned().collect::<Vec<_>>().join(", ");
        let mut resources = BTreeSet::new();
        for template in &row.resources {
            let filled = self.fill(template, payload);
            let literal_wildcard = !template.contains('{') && template.contains('*');
            for value in filled.values {
                let value = self.options.substitute(&value);
                let reason = if !filled.notes.is_empty() {
                    Some(filled.notes.join("; "))
                } else if literal_wildcard {
                    Some(format!(
                        "as AWS documents for these actions ({})",
                        row.source
                    ))
                } else {
                    None
                };
                if let Some(reason) = reason
                    && value.contains('*')
                {
                    self.warnings.insert(PolicyWarning {
                        state: state.to_owned(),
                        actions: action_list.clone(),
                        resource: value.clone(),
                        reason,
                    });
                }
                resources.insert(value);
            }
        }
        let mut condition = Condition::new();
        for item in &row.condition {
            let mut notes = Vec::new();
            let values: Vec<String> = match pieces(item.value).as_slice() {
                [Piece::Field(inner)] => {
                    let placeholder = Placeholder::parse(inner);
                    let exact = item.operator == "StringEquals";
                    match Self::field(&placeholder, payload, &mut notes) {
                        Ok(values) if !exact || notes.is_empty() => values,
                        _ => Vec::new(),
                    }
                }
                _ => vec![item.value.to_owned()],
            };
            if values.is_empty() || values.iter().all(|v| v == "*") {
                self.warnings.insert(PolicyWarning {
                    state: state.to_owned(),
                    actions: action_list.clone(),
                    resource: resources.iter().cloned().collect::<Vec<_>>().join(", "),
                    reason: format!(
                        "no `{}` condition: {}",
                        item.key,
                        if notes.is_empty() {
                            "its value is not known".to_owned()
                        } else {
                            notes.join("; ")
                        }
                    ),
                });
                continue;
            }
            condition
                .entry(item.operator.to_owned())
                .or_default()
                .entry(item.key.to_owned())
                .or_default()
                .extend(values);
        }
        self.raw.push(Statement {
            actions,
            resources,
            condition,
        });
    }

    fn rows(
        &mut self,
        state: &str,
        service: &str,
        action: &str,
        pattern: IntegrationPattern,
        actions: &[String],
        payload: Option<&Payload>,
    ) -> bool {
        let sync = matches!(
            pattern,
            IntegrationPattern::Sync | IntegrationPattern::Sync2
        );
        let rows: Vec<&IamRow> = integrations::iam_rows(service, action).collect();
        for row in &rows {
            if !row.sync_only || sync {
                self.row(state, row, actions, payload);
            }
        }
        !rows.is_empty()
    }

    fn note(&mut self, state: &str, what: String, reason: String) {
        self.warnings.insert(PolicyWarning {
            state: state.to_owned(),
            actions: what,
            resource: String::new(),
            reason,
        });
    }

    fn task(&mut self, state: &str, task: &Task) {
        let payload = task.parameters.as_ref().or(task.arguments.as_ref());
        match &task.resource {
            Resource::Integration {
                service,
                action,
                pattern,
                ..
            } => {
                if !self.rows(state, service, action, *pattern, &[], payload) {
                    let source = integrations::lookup(service, action)
                        .map_or("the service's IAM page", |i| i.source);
                    self.note(
                        state,
                        format!("{service}:{action}"),
                        format!(
                            "no statement: the integrations table has no IAM rows for this integration yet; add its permissions by hand (see {source})"
                        ),
                    );
                }
            }
            Resource::Sdk {
                service, action, ..
            } => {
                let actions = integrations::sdk_iam_actions(service, action);
                let pseudo = format!("aws-sdk:{service}");
                if !self.rows(
                    state,
                    &pseudo,
                    action,
                    IntegrationPattern::RequestResponse,
                    &actions,
                    payload,
                ) {
                    let actions: BTreeSet<String> = actions.into_iter().collect();
                    self.warnings.insert(PolicyWarning {
                        state: state.to_owned(),
                        actions: actions.iter().cloned().collect::<Vec<_>>().join(", "),
                        resource: "*".to_owned(),
                        reason: "the AWS SDK integration's resources are not in the integrations table; narrow them by hand".to_owned(),
                    });
                    self.raw.push(Statement {
                        actions,
                        resources: BTreeSet::from(["*".to_owned()]),
                        condition: Condition::new(),
                    });
                }
            }
            Resource::Lambda(arn) => {
                let base = transform("lambda-arn", arn).unwrap_or_else(|| arn.clone());
                let resources = BTreeSet::from([
                    self.options.substitute(&base),
                    self.options.substitute(&format!("{base}:*")),
                ]);
                self.raw.push(Statement {
                    actions: BTreeSet::from(["lambda:InvokeFunction".to_owned()]),
                    resources,
                    condition: Condition::new(),
                });
            }
            Resource::Activity(_) => {}
            Resource::Other(text) => self.note(
                state,
                text.clone(),
                if text.contains("${") {
                    "no statement: the resource is a placeholder; substitute it first".to_owned()
                } else {
                    "no statement: the resource is not an integration this table knows".to_owned()
                },
            ),
        }
        if let Some(credentials) = &task.credentials {
            self.rows(
                state,
                "credentials",
                "assumeRole",
                IntegrationPattern::RequestResponse,
                &[],
                Some(credentials),
            );
        }
    }

    fn map(&mut self, state: &str, map: &Map) {
        let processor = map.item_processor.as_ref().or(map.iterator.as_ref());
        let config = processor.and_then(|p| p.processor_config.as_ref());
        let distributed = config.and_then(|c| c.mode.as_ref()) == Some(&ProcessorMode::Distributed);
        if distributed {
            let rr = IntegrationPattern::RequestResponse;
            self.rows(state, "map", "distributed", rr, &[], None);
            if config.and_then(|c| c.execution_type.as_ref()) != Some(&ExecutionType::Express) {
                self.rows(state, "map", "distributedStandard", rr, &[], None);
            }
        }
        if let Some(reader) = &map.item_reader {
            let payload = reader.parameters.as_ref().or(reader.arguments.as_ref());
            self.io(state, &reader.resource, payload, "ItemReader");
        }
        if let Some(writer) = &map.result_writer
            && let Some(resource) = &writer.resource
        {
            let payload = writer.parameters.as_ref().or(writer.arguments.as_ref());
            self.io(state, resource, payload, "ResultWriter");
        }
    }

    fn io(&mut self, state: &str, resource: &Resource, payload: Option<&Payload>, field: &str) {
        let known = match resource {
            Resource::Integration {
                service, action, ..
            } => self.rows(
                state,
                service,
                action,
                IntegrationPattern::RequestResponse,
                &[],
                payload,
            ),
            _ => false,
        };
        if !known {
            self.note(
                state,
                format!("{field} {resource}"),
                "no statement: not a resource the integrations table knows".to_owned(),
            );
        }
    }
}

/// Merges statements that grant the same actions under the same condition
/// (their resources join), then those on the same resources under the same
/// condition (their actions join): the same permissions, fewer statements.
/// A resource covered by another's trailing `*` in the same statement is
/// dropped. Sorted.
fn merge(raw: Vec<Statement>) -> Vec<Statement> {
    type Key = (BTreeSet<String>, Condition);
    let mut by_actions: BTreeMap<Key, BTreeSet<String>> = BTreeMap::new();
    for s in raw {
        by_actions
            .entry((s.actions, s.condition))
            .or_default()
            .extend(s.resources);
    }
    let mut by_resources: BTreeMap<Key, BTreeSet<String>> = BTreeMap::new();
    for ((actions, condition), resources) in by_actions {
        by_resources
            .entry((prune(resources), condition))
            .or_default()
            .extend(actions);
    }
    let mut out: Vec<Statement> = by_resources
        .into_iter()
        .map(|((resources, condition), actions)| Statement {
            actions,
            resources,
            condition,
        })
        .collect();
    out.sort();
    out
}

/// Drops resources another one's trailing `*` covers.
fn prune(resources: BTreeSet<String>) -> BTreeSet<String> {
    let wild: Vec<String> = resources
        .iter()
        .filter_map(|r| r.strip_suffix('*').map(str::to_owned))
        .filter(|p| !p.contains('*'))
        .collect();
    resources
        .into_iter()
        .filter(|r| {
            !wild
                .iter()
                .any(|prefix| r.starts_with(prefix.as_str()) && *r != format!("{prefix}*"))
        })
        .collect()
}

#[cfg(test)]
mod tests;
