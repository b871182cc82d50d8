//! The eight state types.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::choice::ChoiceRule;
use crate::enums::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, OutputType, ProcessorMode,
    QueryLanguage, Transformation,
};
use crate::expr::{Expr, JsonataOr};
use crate::json::{Json, Number};
use crate::names::StateName;
use crate::path::{Path, ReferencePath};
use crate::payload::Payload;
use crate::read::{At, Fields, FromJson, Issues, expect_object, expect_str};
use crate::record::record;
use crate::resource::Resource;
use crate::retry::{Catcher, Retrier};
use crate::validate::Rule;

/// A field that may be `null` in ASL (`"ResultPath": null` discards the
/// result; `"InputPath": null` passes `{}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// `null`
    Null,
    /// A value.
    Value(T),
}

impl<T> From<T> for Nullable<T> {
    fn from(t: T) -> Self {
        Nullable::Value(t)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => s.serialize_unit(),
            Nullable::Value(t) => t.serialize(s),
        }
    }
}

impl<T: FromJson> FromJson for Nullable<T> {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        match json {
            Json::Null => Some(Nullable::Null),
            other => T::read(other, at, issues).map(Nullable::Value),
        }
    }
}

/// A path or intrinsic call in `ErrorPath` / `CausePath` (read as a `.$`
/// value would be).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DynamicString(pub Expr);

impl Serialize for DynamicString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl FromJson for DynamicString {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        issues
            .ok(Expr::from_dollar_json(json, at))
            .map(DynamicString)
    }
}

/// The states of a machine, branch or item processor, in order.
pub type States = IndexMap<StateName, State>;

impl FromJson for States {
    /// Reads every state; a state that cannot be read is left out (and
    /// named in [`Issues::dropped_states`]), the others are still read.
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let object = issues.ok(expect_object(json, at))?;
        let mut states = States::with_capacity(object.len());
        for (name, value) in object {
            match State::read(value, at.state(name), issues) {
                Some(state) => {
                    states.insert(StateName::from(name.as_str()), state);
                }
                None => issues.drop_state(name),
            }
        }
        Some(states)
    }
}

/// One state of a state machine.
///
/// Task and Map states are boxed: they are several times larger than the
/// others, and unboxed they made every state as large as a Map (2.5 KB).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum State {
    /// `"Type": "Task"`
    Task(Box<Task>),
    /// `"Type": "Pass"`
    Pass(Pass),
    /// `"Type": "Choice"`
    Choice(Choice),
    /// `"Type": "Wait"`
    Wait(Wait),
    /// `"Type": "Succeed"`
    Succeed(Succeed),
    /// `"Type": "Fail"`
    Fail(Fail),
    /// `"Type": "Parallel"`
    Parallel(Parallel),
    /// `"Type": "Map"`
    Map(Box<Map>),
}

impl State {
    /// The `Type` of the state, as written in ASL.
    pub fn type_name(&self) -> &'static str {
        match self {
            State::Task(_) => "Task",
            State::Pass(_) => "Pass",
            State::Choice(_) => "Choice",
            State::Wait(_) => "Wait",
            State::Succeed(_) => "Succeed",
            State::Fail(_) => "Fail",
            State::Parallel(_) => "Parallel",
            State::Map(_) => "Map",
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Task(s) => s.query_language,
            State::Pass(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// The `Next` state, for the states that have one.
    pub fn next(&self) -> Option<&StateName> {
        match self {
            State::Task(s) => s.next.as_ref(),
            State::Pass(s) => s.next.as_ref(),
            State::Wait(s) => s.next.as_ref(),
            State::Parallel(s) => s.next.as_ref(),
            State::Map(s) => s.next.as_ref(),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tag = Some(self.type_name());
        match self {
            State::Task(x) => x.serialize_fields(s, tag),
            State::Pass(x) => x.serialize_fields(s, tag),
            State::Choice(x) => x.serialize_fields(s, tag),
            State::Wait(x) => x.serialize_fields(s, tag),
            State::Succeed(x) => x.serialize_fields(s, tag),
            State::Fail(x) => x.serialize_fields(s, tag),
            State::Parallel(x) => x.serialize_fields(s, tag),
            State::Map(x) => x.serialize_fields(s, tag),
        }
    }
}

impl FromJson for State {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let object = issues.ok(expect_object(json, at))?;
        // The state's own QueryLanguage governs how its payloads are read
        // (the field itself is read, and checked, with the others).
        let own = match object.get("QueryLanguage") {
            Some(Json::String(l)) if l == "JSONata" => Some(QueryLanguage::Jsonata),
            Some(Json::String(l)) if l == "JSONPath" => Some(QueryLanguage::JsonPath),
            _ => None,
        };
        issues.within_state(own, |issues| Self::read_typed(json, object, at, issues))
    }
}

impl State {
    fn read_typed(
        json: &Json,
        object: &crate::json::JsonObject,
        at: At<'_>,
        issues: &mut Issues,
    ) -> Option<State> {
        fn read<T>(
            json: &Json,
            at: At<'_>,
            issues: &mut Issues,
            what: &'static str,
            read: fn(&mut Fields<'_, '_>, &mut Issues) -> Option<T>,
        ) -> Option<T> {
            let mut fields = Fields::new(json, at, what, issues)?;
            fields.skip("Type");
            let value = read(&mut fields, issues);
            fields.finish(issues);
            value
        }
        let Some(ty) = object.get("Type") else {
            issues.push(at.issue(Rule::MissingField, "missing field `Type` in state"));
            return None;
        };
        let type_at = at.key("Type");
        Some(match issues.ok(expect_str(ty, type_at, "a string"))? {
            "Task" => State::Task(Box::new(read(
                json,
                at,
                issues,
                "Task state",
                Task::read_fields,
            )?)),
            "Pass" => State::Pass(read(json, at, issues, "Pass state", Pass::read_fields)?),
            "Choice" => State::Choice(read(json, at, issues, "Choice state", Choice::read_fields)?),
            "Wait" => State::Wait(read(json, at, issues, "Wait state", Wait::read_fields)?),
            "Succeed" => State::Succeed(read(
                json,
                at,
                issues,
                "Succeed state",
                Succeed::read_fields,
            )?),
            "Fail" => State::Fail(read(json, at, issues, "Fail state", Fail::read_fields)?),
            "Parallel" => State::Parallel(read(
                json,
                at,
                issues,
                "Parallel state",
                Parallel::read_fields,
            )?),
            "Map" => State::Map(Box::new(read(
                json,
                at,
                issues,
                "Map state",
                Map::read_fields,
            )?)),
            other => {
                issues.push(type_at.issue(
                    Rule::InvalidValue,
                    format!(
                        "`{other}` is not a state type: use Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map"
                    ),
                ));
                return None;
            }
        })
    }
}

macro_rules! state_from {
    ($($t:ident),*) => {$(
        impl From<$t> for State {
            fn from(s: $t) -> Self {
                State::$t(s)
            }
        }
    )*};
}
state_from!(Pass, Choice, Wait, Succeed, Fail, Parallel);

impl From<Task> for State {
    fn from(s: Task) -> Self {
        State::Task(Box::new(s))
    }
}

impl From<Map> for State {
    fn from(s: Map) -> Self {
        State::Map(Box::new(s))
    }
}

record! {
    /// A Task state: runs one unit of work (`Resource`).
    pub struct Task as "Task state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `Resource`: what to run.
        resource: req Resource = "Resource",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `Parameters` (JSONPath).
        parameters: opt Payload = "Parameters",
        /// `Arguments` (JSONata).
        arguments: opt Payload = "Arguments",
        /// `Credentials`: the role to assume.
        credentials: opt Payload = "Credentials",
        /// `ResultSelector` (JSONPath).
        result_selector: opt Payload = "ResultSelector",
        /// `ResultPath` (JSONPath).
        result_path: opt Nullable<ReferencePath> = "ResultPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `TimeoutSeconds`.
        timeout_seconds: opt JsonataOr<crate::integer::Integer> = "TimeoutSeconds",
        /// `TimeoutSecondsPath` (JSONPath).
        timeout_seconds_path: opt ReferencePath = "TimeoutSecondsPath",
        /// `HeartbeatSeconds`.
        heartbeat_seconds: opt JsonataOr<crate::integer::Integer> = "HeartbeatSeconds",
        /// `HeartbeatSecondsPath` (JSONPath).
        heartbeat_seconds_path: opt ReferencePath = "HeartbeatSecondsPath",
        /// `Retry`
        retry: opt Vec<Retrier> = "Retry",
        /// `Catch`
        catch: opt Vec<Catcher> = "Catch",
        /// `Next`
        next: opt StateName = "Next",
        /// `End`
        end: opt bool = "End",
    }
}

record! {
    /// A Pass state: passes (or shapes) its input.
    pub struct Pass as "Pass state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `Parameters` (JSONPath).
        parameters: opt Payload = "Parameters",
        /// `Result` (JSONPath): literal JSON, never evaluated.
        result: opt Json = "Result",
        /// `ResultPath` (JSONPath).
        result_path: opt Nullable<ReferencePath> = "ResultPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `Next`
        next: opt StateName = "Next",
        /// `End`
        end: opt bool = "End",
    }
}

record! {
    /// A Choice state: picks the next state by rules.
    pub struct Choice as "Choice state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `Choices`: the rules, tried in order.
        choices: req Vec<ChoiceRule> = "Choices",
        /// `Default`: where to go when no rule matches.
        default: opt StateName = "Default",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
    }
}

record! {
    /// A Wait state: pauses for a time or until a timestamp.
    pub struct Wait as "Wait state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `Seconds`
        seconds: opt JsonataOr<crate::integer::Integer> = "Seconds",
        /// `Timestamp` (RFC 3339)
        timestamp: opt JsonataOr<String> = "Timestamp",
        /// `SecondsPath` (JSONPath).
        seconds_path: opt ReferencePath = "SecondsPath",
        /// `TimestampPath` (JSONPath).
        timestamp_path: opt ReferencePath = "TimestampPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `Next`
        next: opt StateName = "Next",
        /// `End`
        end: opt bool = "End",
    }
}

record! {
    /// A Succeed state: ends the execution (or branch) successfully.
    pub struct Succeed as "Succeed state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
    }
}

record! {
    /// A Fail state: ends the execution with an error.
    pub struct Fail as "Fail state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `Error`
        error: opt JsonataOr<String> = "Error",
        /// `ErrorPath` (JSONPath): a path or intrinsic call.
        error_path: opt DynamicString = "ErrorPath",
        /// `Cause`
        cause: opt JsonataOr<String> = "Cause",
        /// `CausePath` (JSONPath): a path or intrinsic call.
        cause_path: opt DynamicString = "CausePath",
    }
}

record! {
    /// A Parallel state: runs branches side by side.
    pub struct Parallel as "Parallel state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `Parameters` (JSONPath).
        parameters: opt Payload = "Parameters",
        /// `Arguments` (JSONata).
        arguments: opt Payload = "Arguments",
        /// `Branches`: each a machine of its own.
        branches: req Vec<Branch> = "Branches",
        /// `ResultSelector` (JSONPath).
        result_selector: opt Payload = "ResultSelector",
        /// `ResultPath` (JSONPath).
        result_path: opt Nullable<ReferencePath> = "ResultPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `Retry`
        retry: opt Vec<Retrier> = "Retry",
        /// `Catch`
        catch: opt Vec<Catcher> = "Catch",
        /// `Next`
        next: opt StateName = "Next",
        /// `End`
        end: opt bool = "End",
    }
}

record! {
    /// One branch of a Parallel state.
    pub struct Branch as "branch" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `StartAt`
        start_at: req StateName = "StartAt",
        /// `States`
        states: req States = "States",
    }
}

record! {
    /// A Map state: runs a machine for each item, inline or distributed.
    pub struct Map as "Map state" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `QueryLanguage` of this state.
        query_language: opt QueryLanguage = "QueryLanguage",
        /// `InputPath` (JSONPath).
        input_path: opt Nullable<Path> = "InputPath",
        /// `ItemsPath` (JSONPath).
        items_path: opt ReferencePath = "ItemsPath",
        /// `Items` (JSONata): an array or an expression.
        items: opt Payload = "Items",
        /// `ItemReader` (distributed).
        item_reader: opt ItemReader = "ItemReader",
        /// `ItemSelector`
        item_selector: opt Payload = "ItemSelector",
        /// `Parameters` (legacy `ItemSelector`).
        parameters: opt Payload = "Parameters",
        /// `ItemBatcher` (distributed).
        item_batcher: opt ItemBatcher = "ItemBatcher",
        /// `ItemProcessor`
        item_processor: opt ItemProcessor = "ItemProcessor",
        /// `Iterator` (legacy `ItemProcessor`).
        iterator: opt ItemProcessor = "Iterator",
        /// `MaxConcurrency`
        max_concurrency: opt JsonataOr<crate::integer::Integer> = "MaxConcurrency",
        /// `MaxConcurrencyPath` (JSONPath).
        max_concurrency_path: opt ReferencePath = "MaxConcurrencyPath",
        /// `ToleratedFailurePercentage` (distributed).
        tolerated_failure_percentage: opt JsonataOr<Number> = "ToleratedFailurePercentage",
        /// `ToleratedFailurePercentagePath` (JSONPath).
        tolerated_failure_percentage_path: opt ReferencePath = "ToleratedFailurePercentagePath",
        /// `ToleratedFailureCount` (distributed).
        tolerated_failure_count: opt JsonataOr<crate::integer::Integer> = "ToleratedFailureCount",
        /// `ToleratedFailureCountPath` (JSONPath).
        tolerated_failure_count_path: opt ReferencePath = "ToleratedFailureCountPath",
        /// `Label` (distributed): prefix of child execution names.
        label: opt String = "Label",
        /// `ResultWriter` (distributed).
        result_writer: opt ResultWriter = "ResultWriter",
        /// `ResultSelector` (JSONPath).
        result_selector: opt Payload = "ResultSelector",
        /// `ResultPath` (JSONPath).
        result_path: opt Nullable<ReferencePath> = "ResultPath",
        /// `OutputPath` (JSONPath).
        output_path: opt Nullable<Path> = "OutputPath",
        /// `Output` (JSONata).
        output: opt Payload = "Output",
        /// `Assign`: workflow variables.
        assign: opt Payload = "Assign",
        /// `Retry`
        retry: opt Vec<Retrier> = "Retry",
        /// `Catch`
        catch: opt Vec<Catcher> = "Catch",
        /// `Next`
        next: opt StateName = "Next",
        /// `End`
        end: opt bool = "End",
    }
}

record! {
    /// The machine a Map state runs per item (`ItemProcessor`, or the legacy `Iterator`).
    pub struct ItemProcessor as "item processor" {
        /// `Comment`
        comment: opt String = "Comment",
        /// `ProcessorConfig`
        processor_config: opt ProcessorConfig = "ProcessorConfig",
        /// `StartAt`
        start_at: req StateName = "StartAt",
        /// `States`
        states: req States = "States",
    }
}

record! {
    /// `ProcessorConfig` of an item processor.
    pub struct ProcessorConfig as "processor config" {
        /// `Mode`
        mode: opt ProcessorMode = "Mode",
        /// `ExecutionType` (distributed).
        execution_type: opt ExecutionType = "ExecutionType",
    }
}

record! {
    /// `ItemReader`: where a distributed Map reads its items.
    pub struct ItemReader as "item reader" {
        /// `Resource`, e.g. `arn:aws:states:::s3:getObject`.
        resource: req Resource = "Resource",
        /// `ReaderConfig`
        reader_config: opt ReaderConfig = "ReaderConfig",
        /// `Parameters` (JSONPath).
        parameters: opt Payload = "Parameters",
        /// `Arguments` (JSONata).
        arguments: opt Payload = "Arguments",
    }
}

record! {
    /// `ReaderConfig` of an item reader.
    pub struct ReaderConfig as "reader config" {
        /// `InputType`
        input_type: opt InputType = "InputType",
        /// `CSVHeaderLocation`
        csv_header_location: opt CsvHeaderLocation = "CSVHeaderLocation",
        /// `CSVHeaders`
        csv_headers: opt JsonataOr<Vec<String>> = "CSVHeaders",
        /// `CSVDelimiter`
        csv_delimiter: opt CsvDelimiter = "CSVDelimiter",
        /// `MaxItems`
        max_items: opt JsonataOr<crate::integer::Integer> = "MaxItems",
        /// `MaxItemsPath` (JSONPath).
        max_items_path: opt ReferencePath = "MaxItemsPath",
        /// `ManifestType`
        manifest_type: opt String = "ManifestType",
    }
}

record! {
    /// `ItemBatcher`: groups items into batches for each child execution.
    pub struct ItemBatcher as "item batcher" {
        /// `MaxItemsPerBatch`
        max_items_per_batch: opt JsonataOr<crate::integer::Integer> = "MaxItemsPerBatch",
        /// `MaxItemsPerBatchPath` (JSONPath).
        max_items_per_batch_path: opt ReferencePath = "MaxItemsPerBatchPath",
        /// `MaxInputBytesPerBatch`
        max_input_bytes_per_batch: opt JsonataOr<crate::integer::Integer> = "MaxInputBytesPerBatch",
        /// `MaxInputBytesPerBatchPath` (JSONPath).
        max_input_bytes_per_batch_path: opt ReferencePath = "MaxInputBytesPerBatchPath",
        /// `BatchInput`: fixed input added to every batch.
        batch_input: opt Payload = "BatchInput",
    }
}

record! {
    /// `ResultWriter`: where a distributed Map writes its results.
    pub struct ResultWriter as "result writer" {
        /// `Resource`, e.g. `arn:aws:states:::s3:putObject`.
        resource: opt Resource = "Resource",
        /// `Parameters` (JSONPath).
        parameters: opt Payload = "Parameters",
        /// `Arguments` (JSONata).
        arguments: opt Payload = "Arguments",
        /// `WriterConfig`
        writer_config: opt WriterConfig = "WriterConfig",
    }
}

record! {
    /// `WriterConfig` of a result writer.
    pub struct WriterConfig as "writer config" {
        /// `OutputType`
        output_type: opt OutputType = "OutputType",
        /// `Transformation`
        transformation: opt Transformation = "Transformation",
    }
}
