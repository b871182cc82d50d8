//! The model's `min` / `max` / `pattern` facts checked on the literal values
//! of a typed request. Each generated struct implements
//! [`CheckConstraints`] by calling [`member`] for each of its members that
//! can hold a constrained value; nothing is looked up by name at run time.

use std::fmt;

use crate::expr::Value;
use crate::json::Number;
use crate::read::{At, Issues};
use crate::template::DynMap;
use crate::validate::Rule;

use super::constraints::{Facts, Limit, MemberConstraints};

/// A typed SageMaker shape whose literal values can be checked against the
/// API model's `min`, `max` and `pattern` facts (each a
/// `sagemaker-constraint` warning). Values computed at run time are not
/// checked.
///
/// ```
/// use asl_types::read::{At, Issues};
/// use asl_types::sagemaker::{CheckConstraints, CreateEndpoint};
///
/// let mut issues = Issues::new();
/// CreateEndpoint::builder()
///     .endpoint_name("bad_name!")
///     .endpoint_config_name("config")
///     .build()
///     .check_constraints(At::root(), &mut issues);
/// let found: Vec<String> = issues.as_slice().iter().map(ToString::to_string).collect();
/// assert_eq!(found, [
///     "-: /EndpointName: `bad_name!` does not match the pattern `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` of `EndpointName` [sagemaker-constraint]",
/// ]);
/// ```
pub trait CheckConstraints {
    /// Records every literal value outside the model's facts, below `at`.
    fn check_constraints(&self, at: At<'_>, issues: &mut Issues);
}

/// A value that can be checked against the facts of the member holding it.
pub(crate) trait Checkable {
    /// Checks `self`, the value of `member` found at `at`, against `facts`
    /// (and, for lists and maps, their elements against `elements` and map
    /// keys against `keys`).
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues);
}

/// The member a value is checked for: its name and its facts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member<'c> {
    name: &'c str,
    facts: Option<&'c Facts>,
    elements: Option<&'c Facts>,
    keys: Option<&'c Facts>,
}

impl<'c> Member<'c> {
    /// The facts of the values inside a list or map of this member.
    fn inner(&self) -> Member<'c> {
        Member {
            name: self.name,
            facts: self.elements,
            elements: None,
            keys: None,
        }
    }

    fn limit(&self) -> Option<Limit> {
        self.facts.and_then(|f| f.limit)
    }
}

/// Checks the member `name` of a struct (`value` is `None` when it is
/// absent), with the model's constraints `c` for it, if any.
pub(crate) fn member<T: Checkable>(
    value: Option<&Value<T>>,
    at: At<'_>,
    name: &str,
    c: Option<&MemberConstraints>,
    issues: &mut Issues,
) {
    let Some(Value::Literal(value)) = value else {
        return;
    };
    let member = Member {
        name,
        facts: c.and_then(|c| c.facts.as_ref()),
        elements: c.and_then(|c| c.elements.as_ref()),
        keys: c.and_then(|c| c.keys.as_ref()),
    };
    value.check_value(at.key(name), &member, issues);
}

impl<T: CheckConstraints> Checkable for T {
    fn check_value(&self, at: At<'_>, _: &Member<'_>, issues: &mut Issues) {
        self.check_constraints(at, issues);
    }
}

impl Checkable for String {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        text(self, at, member, issues);
    }
}

fn text(s: &str, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
    {
        let name = member.name;
        if let Some(Limit::Length { min, max }) = member.limit() {
            let len = s.chars().count() as u64;
            if min.is_some_and(|min| len < min) || max.is_some_and(|max| len > max) {
                issues.push(at.issue(
                    Rule::SagemakerConstraint,
                    format!(
                        "`{name}` is {len} characters long; the SageMaker API allows {}",
                        range(min, max, "characters")
                    ),
                ));
            }
        }
        if let Some(pattern) = member.facts.and_then(|f| f.pattern)
            && pattern.is_match(s) == Some(false)
        {
            issues.push(at.issue(
                Rule::SagemakerConstraint,
                format!(
                    "`{s}` does not match the pattern `{}` of `{name}`",
                    pattern.source()
                ),
            ));
        }
    }
}

impl Checkable for bool {
    fn check_value(&self, _: At<'_>, _: &Member<'_>, _: &mut Issues) {}
}

fn integer(v: i128, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
    match member.limit() {
        Some(Limit::Integer { min, max })
            if min.is_some_and(|min| v < i128::from(min))
                || max.is_some_and(|max| v > i128::from(max)) =>
        {
            outside(v, min, max, at, member, issues);
        }
        #[allow(
            clippy::cast_precision_loss,
            reason = "a bound check; exactness is not needed"
        )]
        Some(Limit::Number { .. }) => float(v as f64, at, member, issues),
        _ => {}
    }
}

fn float(v: f64, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
    if let Some(Limit::Number { min, max }) = member.limit() {
        let below = min
            .and_then(|m| m.parse::<f64>().ok())
            .is_some_and(|m| v < m);
        let above = max
            .and_then(|m| m.parse::<f64>().ok())
            .is_some_and(|m| v > m);
        if below || above {
            outside(v, min, max, at, member, issues);
        }
    }
}

/// The warning for a number `v` outside `min` to `max`.
fn outside<V: fmt::Display, B: fmt::Display>(
    v: V,
    min: Option<B>,
    max: Option<B>,
    at: At<'_>,
    member: &Member<'_>,
    issues: &mut Issues,
) {
    issues.push(at.issue(
        Rule::SagemakerConstraint,
        format!(
            "`{}` is {v}; the SageMaker API allows {}",
            member.name,
            range(min, max, "")
        ),
    ));
}

impl Checkable for i32 {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        integer(i128::from(*self), at, member, issues);
    }
}

impl Checkable for i64 {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        integer(i128::from(*self), at, member, issues);
    }
}

impl Checkable for Number {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        if let Some(v) = self.as_i64() {
            integer(i128::from(v), at, member, issues);
        } else if let Some(v) = self.as_f64() {
            float(v, at, member, issues);
        }
    }
}

fn count(n: usize, map: bool, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
    let n = n as u64;
    let (min, max, what) = match (member.limit(), map) {
        (Some(Limit::Items { min, max }), false) => (min, max, "items"),
        (Some(Limit::Entries { min, max }), true) => (min, max, "entries"),
        _ => return,
    };
    if min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max) {
        issues.push(at.issue(
            Rule::SagemakerConstraint,
            format!(
                "`{}` has {n} {what}; the SageMaker API allows {}",
                member.name,
                range(min, max, what)
            ),
        ));
    }
}

impl<T: Checkable> Checkable for Vec<Value<T>> {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        let inner = member.inner();
        for (i, item) in self.iter().enumerate() {
            if let Value::Literal(item) = item {
                item.check_value(at.index(i), &inner, issues);
            }
        }
        count(self.len(), false, at, member, issues);
    }
}

impl<T: Checkable> Checkable for DynMap<T> {
    fn check_value(&self, at: At<'_>, member: &Member<'_>, issues: &mut Issues) {
        let inner = member.inner();
        let keys = Member {
            name: member.name,
            facts: member.keys,
            elements: None,
            keys: None,
        };
        for (key, value) in self {
            let here = at.key(key);
            text(key, here, &keys, issues);
            if let Value::Literal(value) = value {
                value.check_value(here, &inner, issues);
            }
        }
        count(self.len(), true, at, member, issues);
    }
}

fn range<T: fmt::Display>(min: Option<T>, max: Option<T>, unit: &str) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => format!("any number of{unit}"),
    }
}

/// Checks the request payload of `api` without making a typed request of
/// it: the model's `min` / `max` / `pattern` facts on its literal values,
/// walked in the order [`CheckConstraints`] walks the typed request.
///
/// Returns `false`, with `issues` to be thrown away, as soon as the payload
/// is not one the typed reader would read without any issue (an unknown or
/// missing member, a value of the wrong type, an enum value the model does
/// not list, a key ending `.$`, …): the caller then reads the typed request
/// to report those issues in its words. On `true`, `issues` holds exactly
/// what `check_constraints` on the typed request would have found, and
/// nothing was allocated unless a warning was recorded.
pub(crate) fn check_payload(
    api: super::SageMakerApi,
    payload: &crate::payload::Payload,
    issues: &mut Issues,
) -> bool {
    let (Some(shape), crate::payload::Payload::Object(members)) = (shape(api.name()), payload)
    else {
        return false;
    };
    fits_struct(members, shape, At::root(), issues)
}

/// A request struct with the constraints of its members.
type Shape = (
    &'static super::reflect::ShapeInfo,
    &'static [MemberConstraints],
);

/// The struct named `type_name` and its members' constraints, found by
/// hashing the name (the tables are sorted for a binary search, which
/// compares a dozen names; this is looked up for every struct of every
/// request checked).
fn shape(type_name: &str) -> Option<Shape> {
    static BY_NAME: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Shape, foldhash::fast::RandomState>,
    > = std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            super::generated::SHAPES
                .iter()
                .map(|s| (s.type_name, (s, super::constraints(s.type_name))))
                .collect()
        })
        .get(type_name)
        .copied()
}

/// The member `name` of `members`: searched key by key in a small object,
/// hashed in a large one.
fn find<'p>(
    members: &'p indexmap::IndexMap<String, crate::payload::Payload>,
    name: &str,
) -> Option<&'p crate::payload::Payload> {
    if members.len() <= 16 {
        members.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    } else {
        members.get(name)
    }
}

/// Whether the model lists `value` among those of the enum `type_name`
/// (some list a hundred values: instance types).
fn listed(type_name: &str, value: &str) -> bool {
    type Values = std::collections::HashSet<&'static str, foldhash::fast::RandomState>;
    static BY_NAME: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Values, foldhash::fast::RandomState>,
    > = std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            super::generated::ENUMS
                .iter()
                .map(|e| (e.type_name, e.values.iter().map(|(v, _)| *v).collect()))
                .collect()
        })
        .get(type_name)
        .is_some_and(|values| values.contains(value))
}

fn fits_struct(
    members: &indexmap::IndexMap<String, crate::payload::Payload>,
    (shape, constraints): Shape,
    at: At<'_>,
    issues: &mut Issues,
) -> bool {
    let mut found = 0;
    for info in shape.members {
        let Some(value) = find(members, info.name) else {
            if info.required {
                return false;
            }
            continue;
        };
        found += 1;
        let c = constraints.iter().find(|c| c.member == info.name);
        let member = Member {
            name: info.name,
            facts: c.and_then(|c| c.facts.as_ref()),
            elements: c.and_then(|c| c.elements.as_ref()),
            keys: c.and_then(|c| c.keys.as_ref()),
        };
        if !fits(value, info.ty, true, at.key(info.name), &member, issues) {
            return false;
        }
    }
    // A member the shape does not have (or a key ending `.$`, which never
    // names a member) is an unknown field to the typed reader.
    found == members.len()
}

/// Whether `value`, found at `at` as the value of `member`, reads as a
/// `Value` of `ty` without any issue; checks its facts if it is literal.
/// `keyed`: it stands under an object key, which can carry `.$` for a
/// path or intrinsic call (a list element cannot).
fn fits(
    value: &crate::payload::Payload,
    ty: &super::reflect::TypeInfo,
    keyed: bool,
    at: At<'_>,
    member: &Member<'_>,
    issues: &mut Issues,
) -> bool {
    use super::reflect::TypeInfo;
    use crate::payload::Payload;
    match (ty, value) {
        (_, Payload::Expr(e)) => keyed || !e.needs_dollar_key(),
        (_, Payload::String(s)) if crate::expr::Jsonata::is_jsonata(s) => false,
        (TypeInfo::String, Payload::String(s)) => {
            text(s, at, member, issues);
            true
        }
        (TypeInfo::Enum(name), Payload::String(s)) => listed(name, s),
        (TypeInfo::Boolean, Payload::Bool(_)) => true,
        (TypeInfo::Integer | TypeInfo::Long, Payload::Number(n)) => {
            // What the typed reader reads as an `i32` or `i64`.
            let Some(v) = n
                .is_integer_text()
                .then(|| n.as_str().parse::<i64>().ok())
                .flatten()
                .filter(|v| *ty == TypeInfo::Long || i32::try_from(*v).is_ok())
            else {
                return false;
            };
            integer(i128::from(v), at, member, issues);
            true
        }
        (TypeInfo::Number, Payload::Number(n)) => {
            n.check_value(at, member, issues);
            true
        }
        (TypeInfo::Struct(name), Payload::Object(members)) => {
            shape(name).is_some_and(|shape| fits_struct(members, shape, at, issues))
        }
        (TypeInfo::List(inner), Payload::Array(items)) => {
            let element = member.inner();
            for (i, item) in items.iter().enumerate() {
                if !fits(item, inner, false, at.index(i), &element, issues) {
                    return false;
                }
            }
            count(items.len(), false, at, member, issues);
            true
        }
        (TypeInfo::Map(inner), Payload::Object(entries)) => {
            let element = member.inner();
            let keys = Member {
                name: member.name,
                facts: member.keys,
                elements: None,
                keys: None,
            };
            for (key, value) in entries {
                if key.ends_with(crate::expr::DOLLAR) {
                    return false;
                }
                let here = at.key(key);
                text(key, here, &keys, issues);
                if !fits(value, inner, true, here, &element, issues) {
                    return false;
                }
            }
            count(entries.len(), true, at, member, issues);
            true
        }
        _ => false,
    }
}
