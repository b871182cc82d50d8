//! SageMaker tasks: the API and pattern of the resource, the typed request
//! read from the payload, and the model's `min` / `max` / `pattern` facts on
//! literal values (found by walking the typed request with a serializer
//! that sees each struct's type name).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::expr::Jsonata;
use crate::payload::Payload;
use crate::resource::{IntegrationPattern, Resource};
use crate::sagemaker::{
    Facts, Limit, MemberConstraints, SageMakerApi, SageMakerRequest, constraints,
};
use crate::state::Task;

/// The service name of SageMaker in resource ARNs.
const SERVICE: &str = "sagemaker";

use super::check::Sink;
use super::rule::Rule;

/// Checks a Task state whose resource may be a SageMaker integration.
/// `pointer` is the state's; `payload_ok` says whether its payload nests
/// within the depth the readers accept (deeper ones are not read again).
pub(super) fn check(sink: &mut Sink, state: &str, pointer: &str, task: &Task, payload_ok: bool) {
    let (action, pattern, optimized) = match &task.resource {
        Resource::Integration {
            service,
            action,
            pattern,
            ..
        } if service == SERVICE => (action, *pattern, true),
        Resource::Sdk {
            service, action, ..
        } if service == SERVICE => (action, IntegrationPattern::RequestResponse, false),
        _ => return,
    };
    let Some(api) = SageMakerApi::from_action(action) else {
        if optimized {
            sink.push(
                Rule::SagemakerUnknownApi,
                Some(state),
                format!("{pointer}/Resource"),
                format!(
                    "`{action}` is not an API of the optimized SageMaker integration: use one of {}",
                    SageMakerApi::ALL
                        .iter()
                        .map(|a| format!("`{}`", a.action()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        // The SDK integration reaches every SageMaker API; only nine are typed.
        return;
    };
    if optimized && !api.allows(pattern) {
        let (rule, message) = if pattern == IntegrationPattern::WaitForTaskToken {
            (
                Rule::SagemakerCallbackUnsupported,
                "the optimized SageMaker integration does not support `.waitForTaskToken`"
                    .to_owned(),
            )
        } else {
            (
                Rule::SagemakerSyncUnsupported,
                format!(
                    "`{api}` cannot run as a job: `{}` is only for the training, transform, processing, labeling and tuning jobs",
                    pattern.suffix()
                ),
            )
        };
        sink.push(rule, Some(state), format!("{pointer}/Resource"), message);
    }
    if !payload_ok {
        return;
    }
    let empty = Payload::object();
    let (field, payload) = match (&task.parameters, &task.arguments) {
        // Both: the query-language rules report the one that does not belong.
        (Some(_), Some(_)) => return,
        (Some(p), None) => ("Parameters", p),
        (None, Some(a)) => ("Arguments", a),
        (None, None) => ("Parameters", &empty),
    };
    // A whole payload computed at run time cannot be checked here.
    if matches!(payload, Payload::Expr(_)) {
        return;
    }
    let (request, report) = SageMakerRequest::read_payload(api, payload);
    for issue in report {
        let rule = match issue.rule {
            Rule::UnknownField => Rule::SagemakerUnknownMember,
            Rule::MissingField => Rule::SagemakerMissingMember,
            Rule::WrongType => Rule::SagemakerWrongType,
            Rule::SagemakerUnknownEnumValue => Rule::SagemakerUnknownEnumValue,
            _ => Rule::SagemakerInvalidValue,
        };
        sink.push(
            rule,
            Some(state),
            format!("{pointer}/{field}{}", issue.pointer),
            issue.message,
        );
    }
    if let Some(request) = request {
        constraints_of(sink, state, &format!("{pointer}/{field}"), &request);
    }
}

/// Warns about literal values outside the model's constraints.
fn constraints_of(sink: &mut Sink, state: &str, pointer: &str, request: &SageMakerRequest) {
    let mut found = Vec::new();
    let slot = Slot {
        found: &mut found,
        pointer: pointer.to_owned(),
        member: "",
        facts: None,
        elements: None,
        keys: None,
    };
    // Serializing our own types into this walker does not fail; if it
    // did, the constraints found so far are still reported.
    let _ = match request {
        SageMakerRequest::CreateTrainingJob(r) => r.serialize(slot),
        SageMakerRequest::CreateTransformJob(r) => r.serialize(slot),
        SageMakerRequest::CreateProcessingJob(r) => r.serialize(slot),
        SageMakerRequest::CreateLabelingJob(r) => r.serialize(slot),
        SageMakerRequest::CreateHyperParameterTuningJob(r) => r.serialize(slot),
        SageMakerRequest::CreateModel(r) => r.serialize(slot),
        SageMakerRequest::CreateEndpointConfig(r) => r.serialize(slot),
        SageMakerRequest::CreateEndpoint(r) => r.serialize(slot),
        SageMakerRequest::UpdateEndpoint(r) => r.serialize(slot),
    };
    for (pointer, message) in found {
        sink.push(Rule::SagemakerConstraint, Some(state), pointer, message);
    }
}

/// The compiled, anchored model pattern, or `None` when the `regex` crate
/// cannot compile it (look-around): such patterns are not checked.
///
/// Each distinct pattern of the model is compiled once and kept for the
/// life of the process (there are a few hundred at most), so matching
/// reuses the regex's own caches instead of cloning it.
fn pattern(source: &'static str) -> Option<&'static Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<&'static Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *cache.entry(source).or_insert_with(|| {
        Regex::new(&format!("^(?:{source})$"))
            .ok()
            .map(|re| &*Box::leak(Box::new(re)))
    })
}

#[derive(Debug)]
struct Stop(String);

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Stop {
    /// A map key that is not a scalar.
    fn not_text() -> Stop {
        Stop("a key is text".into())
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Stop(msg.to_string())
    }
}

/// One value being walked: where it is, and the facts that apply to it.
struct Slot<'f> {
    found: &'f mut Vec<(String, String)>,
    pointer: String,
    member: &'static str,
    facts: Option<Facts>,
    elements: Option<Facts>,
    keys: Option<Facts>,
}

impl Slot<'_> {
    fn note(&mut self, message: String) {
        self.found.push((self.pointer.clone(), message));
    }

    fn string(&mut self, v: &str) {
        if Jsonata::is_jsonata(v) {
            return;
        }
        let Some(facts) = self.facts else { return };
        let member = self.member;
        if let Some(Limit::Length { min, max }) = facts.limit {
            let len = v.chars().count() as u64;
            if min.is_some_and(|min| len < min) || max.is_some_and(|max| len > max) {
                self.note(format!(
                    "`{member}` is {len} characters long; the SageMaker API allows {}",
                    range(min, max, "characters")
                ));
            }
        }
        if let Some(source) = facts.pattern
            && let Some(re) = pattern(source)
            && !re.is_match(v)
        {
            self.note(format!(
                "`{v}` does not match the pattern `{source}` of `{member}`"
            ));
        }
    }

    fn integer(&mut self, v: i128) {
        let member = self.member;
        match self.facts.and_then(|f| f.limit) {
            Some(Limit::Integer { min, max })
                if min.is_some_and(|min| v < i128::from(min))
                    || max.is_some_and(|max| v > i128::from(max)) =>
            {
                self.note(format!(
                    "`{member}` is {v}; the SageMaker API allows {}",
                    range(min, max, "")
                ));
            }
            #[allow(
                clippy::cast_precision_loss,
                reason = "a bound check; exactness is not needed"
            )]
            Some(Limit::Number { .. }) => self.float(v as f64),
            _ => {}
        }
    }

    fn float(&mut self, v: f64) {
        let member = self.member;
        if let Some(Limit::Number { min, max }) = self.facts.and_then(|f| f.limit) {
            let below = min
                .and_then(|m| m.parse::<f64>().ok())
                .is_some_and(|m| v < m);
            let above = max
                .and_then(|m| m.parse::<f64>().ok())
                .is_some_and(|m| v > m);
            if below || above {
                self.note(format!(
                    "`{member}` is {v}; the SageMaker API allows {}",
                    range(min, max, "")
                ));
            }
        }
    }

    fn count(&mut self, n: usize, map: bool) {
        let member = self.member;
        let n = n as u64;
        let (min, max, what) = match (self.facts.and_then(|f| f.limit), map) {
            (Some(Limit::Items { min, max }), false) => (min, max, "items"),
            (Some(Limit::Entries { min, max }), true) => (min, max, "entries"),
            _ => return,
        };
        if min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max) {
            self.note(format!(
                "`{member}` has {n} {what}; the SageMaker API allows {}",
                range(min, max, what)
            ));
        }
    }

    fn child(&mut self, key: &str, facts: Option<Facts>) -> Slot<'_> {
        let mut pointer = self.pointer.clone();
        super::payload::push_key(&mut pointer, key);
        Slot {
            found: self.found,
            pointer,
            member: self.member,
            facts,
            elements: None,
            keys: None,
        }
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

/// The serializer's side of a list or map being walked.
struct Many<'f> {
    slot: Slot<'f>,
    n: usize,
    key: Option<String>,
}

impl ser::SerializeSeq for Many<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let elements = self.slot.elements;
        let i = self.n.to_string();
        self.n += 1;
        value.serialize(self.slot.child(&i, elements))
    }
    fn end(mut self) -> Result<(), Stop> {
        self.slot.count(self.n, false);
        Ok(())
    }
}

impl ser::SerializeMap for Many<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        let key = key.serialize(KeyText)?;
        self.n += 1;
        if let Some(facts) = self.slot.keys
            && !key.ends_with(".$")
        {
            self.slot.child(&key, Some(facts)).string(&key);
        }
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let key = self.key.take().unwrap_or_default();
        if key.ends_with(".$") {
            return Ok(());
        }
        let elements = self.slot.elements;
        value.serialize(self.slot.child(&key, elements))
    }
    fn end(mut self) -> Result<(), Stop> {
        self.slot.count(self.n, true);
        Ok(())
    }
}

/// The members of one generated struct.
struct Members<'f> {
    slot: Slot<'f>,
    constraints: &'static [MemberConstraints],
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        if key.ends_with(".$") {
            return Ok(());
        }
        let c = self.constraints.iter().find(|c| c.member == key);
        let mut child = self.slot.child(key, c.and_then(|c| c.facts));
        child.member = key;
        child.elements = c.and_then(|c| c.elements);
        child.keys = c.and_then(|c| c.keys);
        value.serialize(child)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// `Serializer` methods that check an integer against the member's facts.
macro_rules! as_integer {
    ($($method:ident: $ty:ty,)*) => {
        $(
            fn $method(mut self, v: $ty) -> Result<(), Stop> {
                self.integer(v.into());
                Ok(())
            }
        )*
    };
}

/// `Serializer` methods that read a scalar map key as its text.
macro_rules! as_text {
    ($($method:ident: $ty:ty,)*) => {
        $(
            fn $method(self, v: $ty) -> Result<String, Stop> {
                Ok(v.to_string())
            }
        )*
    };
}

impl<'f> ser::Serializer for Slot<'f> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Many<'f>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = Many<'f>;
    type SerializeStruct = Members<'f>;
    type SerializeStructVariant = Impossible<(), Stop>;

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Ok(())
    }
    as_integer! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
    }
    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(mut self, v: f64) -> Result<(), Stop> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Stop> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Stop> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Many<'f>, Stop> {
        Ok(Many {
            slot: self,
            n: 0,
            key: None,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop("tuples are not part of a request".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop("tuples are not part of a request".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop("tuples are not part of a request".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Many<'f>, Stop> {
        Ok(Many {
            slot: self,
            n: 0,
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Members<'f>, Stop> {
        // A generated struct is walked with its own constraints; anything
        // else (serde_json's raw numbers) has none.
        Ok(Members {
            constraints: constraints(name),
            slot: Slot {
                facts: None,
                elements: None,
                keys: None,
                ..self
            },
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop(
            "enum variants with fields are not part of a request".into(),
        ))
    }
}

/// Reads a map key as text.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Stop;
    type SerializeSeq = Impossible<String, Stop>;
    type SerializeTuple = Impossible<String, Stop>;
    type SerializeTupleStruct = Impossible<String, Stop>;
    type SerializeTupleVariant = Impossible<String, Stop>;
    type SerializeMap = Impossible<String, Stop>;
    type SerializeStruct = Impossible<String, Stop>;
    type SerializeStructVariant = Impossible<String, Stop>;

    fn serialize_str(self, v: &str) -> Result<String, Stop> {
        Ok(v.to_owned())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> Result<String, Stop> {
        Ok(v.to_string())
    }
    as_text! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_none(self) -> Result<String, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Stop> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Stop> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop::not_text())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop::not_text())
    }
}
