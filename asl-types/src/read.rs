//! The one reader: every model type is read out of an exact [`Json`] value
//! through [`FromJson`], which records every problem it meets as an
//! [`Issue`] and keeps going.
//!
//! A reader returns `Some(value)` when it could build a value — possibly
//! without an optional field that was broken, whose issue is recorded — and
//! `None` when it could not (a required field is missing or broken, the JSON
//! type is wrong). Records read every field and report every unknown key
//! before deciding, so one pass finds every mistake of a state, and a state
//! that cannot be read does not stop the next one.
//!
//! ```
//! use asl_types::read::{self, Issues};
//! use asl_types::{Json, Rule, StateMachine};
//!
//! let json: Json = r#"{"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Nxt": "B", "Ed": true, "ResultPath": 5}
//! }}"#.parse()?;
//! let (machine, report) = read::lenient::<StateMachine>(&json);
//! let rules: Vec<Rule> = report.iter().map(|i| i.rule).collect();
//! assert_eq!(rules, [Rule::UnknownField, Rule::UnknownField, Rule::WrongType]);
//! // The state is kept without the broken field: the validator still runs on it.
//! assert!(machine.unwrap().states.contains_key("A"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use indexmap::IndexMap;

use crate::enums::QueryLanguage;
use crate::expr::{DOLLAR, Expr, Value, dollar_key, strip_dollar};
use crate::json::{Json, JsonObject, Number};
use crate::validate::{Issue, Report, Rule};

/// A location in a JSON document while it is being read: a chain of keys and
/// indexes back to the root, plus the name of the innermost enclosing state.
///
/// Building one costs nothing; the JSON pointer is only written out when an
/// issue needs it.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
    state: Option<&'a str>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl Default for At<'_> {
    fn default() -> Self {
        At::root()
    }
}

impl<'a> At<'a> {
    /// The document root.
    pub const fn root() -> At<'static> {
        At {
            parent: None,
            segment: Segment::Root,
            state: None,
        }
    }

    /// The member `key` of the object here.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Key(key),
            state: self.state,
        }
    }

    /// The element `index` of the array here.
    #[must_use]
    pub fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Index(index),
            state: self.state,
        }
    }

    /// The state `name`, stored under key `name` of the `States` object here.
    #[must_use]
    pub fn state(&'a self, name: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            segment: Segment::Key(name),
            state: Some(name),
        }
    }

    /// The innermost state this location is in, if any.
    pub fn state_name(&self) -> Option<&'a str> {
        self.state
    }

    /// The RFC 6901 JSON pointer of this location (`""` for the root).
    pub fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut here = Some(self);
        while let Some(at) = here {
            steps.push(at.segment);
            here = at.parent;
        }
        let mut pointer = String::new();
        for step in steps.iter().rev() {
            match step {
                Segment::Root => {}
                Segment::Key(k) => push_key(&mut pointer, k),
                Segment::Index(i) => push_key(&mut pointer, &i.to_string()),
            }
        }
        pointer
    }

    /// An issue of `rule` at this location.
    pub fn issue(&self, rule: Rule, message: impl Into<String>) -> Issue {
        Issue::new(
            rule,
            self.state.map(str::to_owned),
            self.pointer(),
            message.into(),
        )
    }
}

/// Appends `/key` to a JSON pointer, escaping `~` and `/` (RFC 6901). The
/// one place pointers are escaped.
pub fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Where a reader records what it finds.
///
/// Issues come out in document order: a record sorts the issues of its
/// fields by the position of each field in the object.
#[derive(Debug, Default)]
pub struct Issues {
    list: Vec<Issue>,
    /// For each issue, the position (1-based) in the object being read of
    /// the member it was found in; 0 for the object itself.
    order: Vec<usize>,
    /// The names of states that could not be read at all (left out).
    dropped: Vec<String>,
    /// The query language in force where reading is: the machine's
    /// default, and the state's own while a state is read.
    language: Language,
}

/// Which query language governs the payloads being read: in a JSONata
/// state a key ending in `.$` is an ordinary key (`.$` means nothing in
/// JSONata), in a JSONPath state it marks a path or intrinsic call.
#[derive(Debug, Default, Clone, Copy)]
struct Language {
    machine: QueryLanguage,
    state: Option<QueryLanguage>,
    /// How many states enclose the reader (0 at the machine's top level).
    depth: usize,
}

impl Issues {
    /// No issue yet.
    pub fn new() -> Issues {
        Issues::default()
    }

    /// Records `issue`.
    pub fn push(&mut self, issue: Issue) {
        self.list.push(issue);
        self.order.push(0);
    }

    /// The value of `result`, or `None` with its issue recorded.
    pub fn ok<T>(&mut self, result: Result<T, Issue>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(issue) => {
                self.push(issue);
                None
            }
        }
    }

    /// How many issues are recorded.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether any issue is an error.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Issue::is_error)
    }

    /// The issues recorded so far.
    pub fn as_slice(&self) -> &[Issue] {
        &self.list
    }

    /// The states that could not be read and were left out, by name.
    pub fn dropped_states(&self) -> &[String] {
        &self.dropped
    }

    /// The issues, as a report.
    pub fn into_report(self) -> Report {
        Report::from_issues(self.list)
    }

    /// Whether payloads read now belong to a JSONata state.
    pub(crate) fn in_jsonata(&self) -> bool {
        self.language.state.unwrap_or(self.language.machine) == QueryLanguage::Jsonata
    }

    /// Records a `QueryLanguage` value just read: the machine's default
    /// when read outside every state.
    pub(crate) fn saw_query_language(&mut self, language: QueryLanguage) {
        if self.language.depth == 0 {
            self.language.machine = language;
        }
    }

    /// Reads one state with its own `QueryLanguage` (`own`, peeked from
    /// the state object) in force; states nested in it start again from
    /// the machine's default.
    pub(crate) fn within_state<T>(
        &mut self,
        own: Option<QueryLanguage>,
        read: impl FnOnce(&mut Issues) -> T,
    ) -> T {
        let saved = self.language;
        self.language.state = own;
        self.language.depth += 1;
        let value = read(self);
        self.language = saved;
        value
    }

    pub(crate) fn drop_state(&mut self, name: &str) {
        self.dropped.push(name.to_owned());
    }

    /// Tags the issues from `from` on as found in member `position`.
    fn tag(&mut self, from: usize, position: usize) {
        for o in &mut self.order[from..] {
            *o = position;
        }
    }

    /// Places the issues from `from` on, found in member `position` of the
    /// object whose own issues (before `from`) are already in order: they
    /// go before its first issue of a later member, as if they had been
    /// found while it was read.
    pub(crate) fn place(&mut self, from: usize, position: usize) {
        self.tag(from, position);
        let at = self.order[..from]
            .iter()
            .position(|&o| o > position)
            .unwrap_or(from);
        let moved = self.list.len() - from;
        self.list[at..].rotate_right(moved);
        self.order[at..].rotate_right(moved);
    }

    /// Puts the issues from `from` on in order of their tags (stable).
    fn sort_from(&mut self, from: usize) {
        if self.order[from..].windows(2).all(|w| w[0] <= w[1]) {
            return;
        }
        let mut tail: Vec<(usize, Issue)> = self.order[from..]
            .iter()
            .copied()
            .zip(self.list.drain(from..))
            .collect();
        tail.sort_by_key(|(position, _)| *position);
        self.order.truncate(from);
        for (position, issue) in tail {
            self.list.push(issue);
            self.order.push(position);
        }
    }
}

/// A type that can be read from an exact [`Json`] value.
///
/// Every model type implements it, and so does every `#[derive(Template)]`
/// type. [`from_json`] reads strictly (any error fails), [`lenient`] returns
/// what could be read beside every issue.
pub trait FromJson: Sized {
    /// Reads `json`, found at `at`, recording every problem in `issues`;
    /// `None` when no value could be made of it.
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self>;
}

/// Reads `json` as a `T`; every error found fails it (warnings do not).
///
/// # Errors
///
/// A report of every issue, when any is an error.
pub fn from_json<T: FromJson>(json: &Json) -> Result<T, Report> {
    let mut issues = Issues::new();
    let value = T::read(json, At::root(), &mut issues);
    match value {
        Some(value) if !issues.has_errors() => Ok(value),
        _ => Err(issues.into_report()),
    }
}

/// Reads `json` as far as it goes: the value (when one could be made,
/// without what was broken) and every issue found.
pub fn lenient<T: FromJson>(json: &Json) -> (Option<T>, Report) {
    let mut issues = Issues::new();
    let value = T::read(json, At::root(), &mut issues);
    (value, issues.into_report())
}

/// `serde::Deserialize` of a model type: the value through [`Json`], then
/// [`from_json`], so it gives what `.parse()` gives. Numbers reach `Json`
/// through the deserializer's `u64` / `i64` / `f64`: a number beyond `f64`
/// (`1e400`, 30 digits) is kept exactly only by reading text with
/// [`Json::from_str`](std::str::FromStr).
///
/// # Errors
///
/// The deserializer's own, or the report of every issue as one message.
pub fn deserialize<'de, D: serde::Deserializer<'de>, T: FromJson>(d: D) -> Result<T, D::Error> {
    let json = <Json as serde::Deserialize>::deserialize(d)?;
    from_json(&json).map_err(serde::de::Error::custom)
}

/// `serde::Deserialize` through [`deserialize`], for model types read by
/// hand-written [`FromJson`] impls (records get it from `record!`, templates
/// from their derive).
macro_rules! deserialize_with_reader {
    ($($t:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::read::deserialize(d)
            }
        }
    )*};
    (generic $($t:ident),* $(,)?) => {$(
        impl<'de, T: FromJson> serde::Deserialize<'de> for $t<T> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::read::deserialize(d)
            }
        }
    )*};
}
pub(crate) use deserialize_with_reader;

deserialize_with_reader!(
    crate::state::State,
    crate::state::DynamicString,
    crate::payload::Payload,
    crate::path::Path,
    crate::path::ReferencePath,
    crate::expr::Jsonata,
    crate::names::StateName,
    crate::names::ErrorName,
    crate::choice::Condition,
    crate::choice::ChoiceRule,
    crate::resource::Resource,
    crate::enums::QueryLanguage,
);
use crate::expr::JsonataOr;
use crate::state::Nullable;
deserialize_with_reader!(generic Value, JsonataOr, Nullable);

/// An issue for a value of the wrong JSON type.
pub fn wrong_type(json: &Json, at: At<'_>, expected: &str) -> Issue {
    at.issue(
        Rule::WrongType,
        format!("expected {expected}, found {}", json.kind()),
    )
}

/// The string, or a wrong-type issue.
pub fn expect_str<'j>(json: &'j Json, at: At<'_>, expected: &str) -> Result<&'j str, Issue> {
    json.as_str().ok_or_else(|| wrong_type(json, at, expected))
}

/// The object, or a wrong-type issue.
pub fn expect_object<'j>(json: &'j Json, at: At<'_>) -> Result<&'j JsonObject, Issue> {
    json.as_object()
        .ok_or_else(|| wrong_type(json, at, "an object"))
}

impl FromJson for Json {
    fn read(json: &Json, _: At<'_>, _: &mut Issues) -> Option<Self> {
        Some(json.clone())
    }
}

impl FromJson for String {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::String(s) => Some(s.clone()),
            other => issues.ok(Err(wrong_type(other, at, "a string"))),
        }
    }
}

impl FromJson for bool {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::Bool(b) => Some(*b),
            other => issues.ok(Err(wrong_type(other, at, "a boolean"))),
        }
    }
}

impl FromJson for Number {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::Number(n) => Some(n.clone()),
            other => issues.ok(Err(wrong_type(other, at, "a number"))),
        }
    }
}

macro_rules! int_from_json {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
                issues.ok(match json {
                    Json::Number(n) if n.is_integer_text() => n.as_str().parse().map_err(|_| {
                        at.issue(
                            Rule::InvalidValue,
                            format!("`{n}` is out of range for {}", stringify!($t)),
                        )
                    }),
                    other => Err(wrong_type(other, at, "an integer")),
                })
            }
        }
    )*};
}
int_from_json!(u8, u16, u32, u64, i32, i64);

impl FromJson for f64 {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        issues.ok(match json {
            Json::Number(n) => n.as_f64().ok_or_else(|| {
                at.issue(Rule::InvalidValue, format!("`{n}` is out of range for f64"))
            }),
            other => Err(wrong_type(other, at, "a number")),
        })
    }
}

/// Every element is read; the array is `None` when any element is.
impl<T: FromJson> FromJson for Vec<T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        read_array(json, at, issues, "an array", T::read)
    }
}

/// Reads every element of the array `json` with `read`; `None` (after
/// reading them all) when any element is, since leaving one out would move
/// the ones after it. `expected` names the array in a wrong-type issue.
pub fn read_array<T>(
    json: &Json,
    at: At<'_>,
    issues: &mut Issues,
    expected: &str,
    mut read: impl FnMut(&Json, At<'_>, &mut Issues) -> Option<T>,
) -> Option<Vec<T>> {
    let Json::Array(items) = json else {
        return issues.ok(Err(wrong_type(json, at, expected)));
    };
    let mut out = Vec::with_capacity(items.len());
    let mut whole = true;
    for (i, item) in items.iter().enumerate() {
        match read(item, at.index(i), issues) {
            Some(value) => out.push(value),
            None => whole = false,
        }
    }
    whole.then_some(out)
}

/// Reads the members of the object `json`, each under `key` (a literal or
/// JSONata expression, read by `literal`) or `key.$` (a path or intrinsic
/// call, made a `T` by `computed`), into `insert`. A member that cannot be
/// read is recorded and left out; `key` beside `key.$` is a `duplicate-key`
/// issue. Returns whether every member was read.
pub(crate) fn read_dollar_members<T>(
    object: &JsonObject,
    at: At<'_>,
    issues: &mut Issues,
    mut literal: impl FnMut(&Json, At<'_>, &mut Issues) -> Option<T>,
    computed: impl Fn(Expr) -> T,
    out: &mut IndexMap<String, T>,
) -> bool {
    let mut whole = true;
    for (key, value) in object {
        let here = at.key(key);
        let (name, member) = match strip_dollar(key) {
            Some(name) => (
                name,
                issues
                    .ok(Expr::from_dollar_json(value, here))
                    .map(&computed),
            ),
            None => (key.as_str(), literal(value, here, issues)),
        };
        let Some(member) = member else {
            whole = false;
            continue;
        };
        if out.contains_key(name) {
            issues.push(here.issue(
                Rule::DuplicateKey,
                format!("both `{name}` and `{}` are given", dollar_key(name)),
            ));
            whole = false;
            continue;
        }
        out.insert(name.to_owned(), member);
    }
    whole
}

impl<T: FromJson> FromJson for Box<T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        T::read(json, at, issues).map(Box::new)
    }
}

/// Every value is read; the map is `None` when any value is.
impl<T: FromJson> FromJson for IndexMap<String, T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let object = issues.ok(expect_object(json, at))?;
        let mut out = IndexMap::with_capacity(object.len());
        let mut whole = true;
        for (k, v) in object {
            match T::read(v, at.key(k), issues) {
                Some(value) => {
                    out.insert(k.clone(), value);
                }
                None => whole = false,
            }
        }
        whole.then_some(out)
    }
}

/// Reads the fields of one JSON object by name, then reports every field
/// that was not asked for as unknown. Issues come out in the order of the
/// fields in the object.
///
/// ```
/// use asl_types::read::{At, Fields, Issues};
/// use asl_types::Json;
/// let json: Json = r#"{"Nope": 1, "Next": "B", "End": 3}"#.parse().unwrap();
/// let mut issues = Issues::new();
/// let mut fields = Fields::new(&json, At::root(), "Pass state", &mut issues).unwrap();
/// let next: Option<String> = fields.optional("Next", &mut issues);
/// let end: Option<bool> = fields.optional("End", &mut issues);
/// fields.finish(&mut issues);
/// assert_eq!(next.as_deref(), Some("B"));
/// assert_eq!(end, None);
/// let lines: Vec<String> = issues.as_slice().iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     "-: /Nope: unknown field `Nope` in Pass state [unknown-field]",
///     "-: /End: expected a boolean, found a number [wrong-type]",
/// ]);
/// ```
pub struct Fields<'j, 'a> {
    object: &'j JsonObject,
    at: At<'a>,
    what: &'static str,
    used: Used,
    /// The number of issues recorded before this object was read.
    start: usize,
}

/// Which members of the object were read: a bit set for the objects of
/// up to 64 members (every object of a definition, in practice), so
/// reading one allocates nothing.
enum Used {
    Small(u64),
    Large(Vec<bool>),
}

impl Used {
    fn new(len: usize) -> Used {
        if len <= 64 {
            Used::Small(0)
        } else {
            Used::Large(vec![false; len])
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Used::Small(bits) => *bits |= 1 << i,
            Used::Large(used) => used[i] = true,
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Used::Small(bits) => bits & (1 << i) != 0,
            Used::Large(used) => used[i],
        }
    }
}

/// Objects of at most this many members are searched key by key: faster
/// than hashing the key for the handful of members of a state or shape.
const SCAN_MEMBERS: usize = 16;

impl<'j, 'a> Fields<'j, 'a> {
    /// Starts reading `json`, which must be an object; `what` names it in
    /// messages ("Task state", "retrier").
    pub fn new(
        json: &'j Json,
        at: At<'a>,
        what: &'static str,
        issues: &mut Issues,
    ) -> Option<Self> {
        let Some(object) = json.as_object() else {
            issues.push(wrong_type(json, at, &format!("{what} to be an object")));
            return None;
        };
        Some(Fields {
            object,
            at,
            what,
            used: Used::new(object.len()),
            start: issues.len(),
        })
    }

    /// Where the object is.
    pub fn at(&self) -> At<'a> {
        self.at
    }

    /// The position of `key`, or of `key` followed by `suffix` (`.$`).
    fn find(&self, key: &str, suffix: &str) -> Option<usize> {
        if self.object.len() <= SCAN_MEMBERS {
            self.object.keys().position(|k| {
                k.len() == key.len() + suffix.len() && k.starts_with(key) && k.ends_with(suffix)
            })
        } else if suffix.is_empty() {
            self.object.get_index_of(key)
        } else {
            self.object.get_index_of(&format!("{key}{suffix}"))
        }
    }

    /// The key and raw value at position `i`, marked as read.
    fn take_index(&mut self, i: usize) -> Option<(usize, &'j str, &'j Json)> {
        let (key, value) = self.object.get_index(i)?;
        self.used.set(i);
        Some((i, key, value))
    }

    /// The raw value of `key` and its position, marked as read.
    fn take(&mut self, key: &str) -> Option<(usize, &'j Json)> {
        let i = self.find(key, "")?;
        self.take_index(i).map(|(i, _, v)| (i, v))
    }

    /// Whether the object has `key` (does not mark it read).
    pub fn has(&self, key: &str) -> bool {
        self.find(key, "").is_some()
    }

    /// Reads `key` if present (a broken value is recorded and read as absent).
    pub fn optional<T: FromJson>(&mut self, key: &str, issues: &mut Issues) -> Option<T> {
        self.optional_with(key, issues, T::read)
    }

    /// Reads `key` if present, with a reader of its own.
    pub fn optional_with<T>(
        &mut self,
        key: &str,
        issues: &mut Issues,
        read: impl FnOnce(&Json, At<'_>, &mut Issues) -> Option<T>,
    ) -> Option<T> {
        let (i, v) = self.take(key)?;
        let before = issues.len();
        let at = self.at;
        let value = read(v, at.key(key), issues);
        issues.tag(before, i + 1);
        value
    }

    /// Reads `key`, which must be present; its absence is recorded.
    pub fn required<T: FromJson>(&mut self, key: &str, issues: &mut Issues) -> Option<T> {
        self.required_with(key, issues, T::read)
    }

    /// Reads `key`, which must be present, with a reader of its own.
    pub fn required_with<T>(
        &mut self,
        key: &str,
        issues: &mut Issues,
        read: impl FnOnce(&Json, At<'_>, &mut Issues) -> Option<T>,
    ) -> Option<T> {
        if !self.has(key) {
            self.missing(key, issues);
            return None;
        }
        self.optional_with(key, issues, read)
    }

    /// Reads the template member `key`: a literal or JSONata expression
    /// under `key`, or a path or intrinsic call under `key.$`. Both at once
    /// is a `duplicate-key` issue.
    pub fn value<T: FromJson>(&mut self, key: &str, issues: &mut Issues) -> Option<Value<T>> {
        let plain = self.take(key);
        let computed = self.find(key, DOLLAR).and_then(|i| self.take_index(i));
        let before = issues.len();
        let at = self.at;
        let (position, value) = match (plain, computed) {
            (None, None) => return None,
            (Some((i, _)), Some((j, _, _))) => {
                issues.push(at.issue(
                    Rule::DuplicateKey,
                    format!("both `{key}` and `{}` are given", dollar_key(key)),
                ));
                (i.min(j), None)
            }
            (Some((i, v)), None) => (i, Value::read(v, at.key(key), issues)),
            (None, Some((i, dollar, v))) => (
                i,
                issues
                    .ok(Expr::from_dollar_json(v, at.key(dollar)))
                    .map(Value::Expr),
            ),
        };
        issues.tag(before, position + 1);
        value
    }

    /// Reads the required template member `key` (see [`Fields::value`]);
    /// its absence is recorded.
    pub fn required_value<T: FromJson>(
        &mut self,
        key: &str,
        issues: &mut Issues,
    ) -> Option<Value<T>> {
        if !self.has(key) && self.find(key, DOLLAR).is_none() {
            self.missing(key, issues);
            return None;
        }
        self.value(key, issues)
    }

    /// Records that the required field `key` is absent.
    pub fn missing(&self, key: &str, issues: &mut Issues) {
        issues.push(self.at.issue(
            Rule::MissingField,
            format!("missing field `{key}` in {}", self.what),
        ));
    }

    /// Marks `key` as read without reading it.
    pub fn skip(&mut self, key: &str) {
        self.take(key);
    }

    /// Records every field never read as unknown, and puts this object's
    /// issues in document order.
    pub fn finish(self, issues: &mut Issues) {
        for i in 0..self.object.len() {
            if !self.used.get(i) {
                let key = self.object.get_index(i).map_or("", |(k, _)| k.as_str());
                issues.push(self.at.key(key).issue(
                    Rule::UnknownField,
                    format!("unknown field `{key}` in {}", self.what),
                ));
                issues.tag(issues.len() - 1, i + 1);
            }
        }
        issues.sort_from(self.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_state() {
        let root = At::root();
        let states = root.key("States");
        let st = states.state("a/b~c");
        let retry = st.key("Retry");
        let first = retry.index(0);
        assert_eq!(first.pointer(), "/States/a~1b~0c/Retry/0");
        assert_eq!(first.state_name(), Some("a/b~c"));
        assert_eq!(root.pointer(), "");
        let e = first.issue(Rule::WrongType, "expected an integer");
        assert_eq!(
            e.to_string(),
            "a/b~c: /States/a~1b~0c/Retry/0: expected an integer [wrong-type]"
        );
    }

    #[test]
    fn issues_of_nested_objects_come_in_document_order() {
        let json: Json = r#"{"Z": 1, "A": {"y": 1, "B": "x"}, "Q": 2}"#.parse().unwrap();
        let mut issues = Issues::new();
        let mut outer = Fields::new(&json, At::root(), "outer", &mut issues).unwrap();
        let inner: Option<()> = outer.optional_with("A", &mut issues, |json, at, issues| {
            let mut f = Fields::new(json, at, "inner", issues)?;
            let _: Option<bool> = f.optional("B", issues);
            f.finish(issues);
            Some(())
        });
        assert_eq!(inner, Some(()));
        outer.finish(&mut issues);
        let pointers: Vec<&str> = issues
            .as_slice()
            .iter()
            .map(|i| i.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/Z", "/A/y", "/A/B", "/Q"]);
    }
}
