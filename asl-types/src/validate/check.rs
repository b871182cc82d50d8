//! The walk: every scope and state in document order, without recursion.

use std::collections::HashMap;

use crate::choice::{Condition, Operand, OperandKind};
use crate::enums::{ProcessorMode, QueryLanguage};
use crate::expr::JsonataOr;
use crate::json::{MAX_DEPTH, Number};
use crate::machine::StateMachine;
use crate::names::{ErrorName, StateName};
use crate::path::PathRoot;
use crate::payload::Payload;
use crate::resource::{IntegrationPattern, Resource};
use crate::retry::{Catcher, Retrier};
use crate::state::{
    Choice, Fail, ItemBatcher, ItemReader, Map, Nullable, Parallel, Pass, ResultWriter, State,
    States, Task, Wait,
};

use super::graph::{self, Edge};
use super::payload::{self, Place};
use super::rule::Rule;
use super::{Issue, Options, sagemaker, size, time};

/// The definition may be at most 1 MB.
const MAX_DEFINITION_BYTES: usize = 1024 * 1024;
/// `TimeoutSeconds`, `HeartbeatSeconds`, `IntervalSeconds`, `MaxAttempts`
/// and Wait `Seconds` go up to this.
const MAX_SECONDS: i64 = 99_999_999;
/// `MaxDelaySeconds` is below this.
const MAX_DELAY_SECONDS: i64 = 31_622_400;
/// `MaxInputBytesPerBatch` is at most 256 KiB.
const MAX_BATCH_BYTES: i64 = 262_144;
/// A distributed Map's `Label` has at most this many characters.
const MAX_LABEL_CHARS: usize = 40;
/// State names have at most this many characters.
const MAX_NAME_CHARS: usize = 80;

/// Collects issues.
#[derive(Default)]
pub(super) struct Sink {
    issues: Vec<Issue>,
}

impl Sink {
    pub(super) fn push(
        &mut self,
        rule: Rule,
        state: Option<&str>,
        pointer: String,
        message: String,
    ) {
        self.issues
            .push(Issue::new(rule, state.map(str::to_owned), pointer, message));
    }
}

/// One `States` object: the machine's, a branch's or an item processor's.
struct Scope<'m> {
    start_at: &'m StateName,
    states: &'m States,
    /// Pointer of the object holding `StartAt` and `States`.
    pointer: String,
    /// JSON nesting level of that object (the document is level 0, as the
    /// reader counts).
    level: usize,
    /// The state the scope is nested in.
    owner: Option<&'m str>,
}

enum Step<'m> {
    Scope(Scope<'m>),
    State {
        name: &'m str,
        state: &'m State,
        pointer: String,
        level: usize,
        /// Index in its scope's `States`.
        index: usize,
        reachable: bool,
        targets: std::rc::Rc<Targets<'m>>,
    },
}

/// The transitions of one scope that name no state of it, by state index.
struct Targets<'m> {
    unresolved: Vec<(usize, Edge, &'m StateName)>,
}

/// Every state name of the machine with the first state (in document
/// order) that has it.
type Names<'m> = HashMap<&'m str, *const State, foldhash::fast::RandomState>;

/// Everything [`super::validate_with`] reports.
pub(super) fn run(machine: &StateMachine, options: &Options) -> Vec<Issue> {
    let mut walk = Walk {
        sink: Sink::default(),
        machine_lang: machine.query_language.unwrap_or_default(),
        all_names: collect_names(machine),
        deep: false,
    };
    walk.machine(machine, options);
    walk.sink.issues
}

/// Every state name of the machine, nested ones included, with the first
/// state that has it; visited in document order (each state, then the
/// states nested in it, then its next sibling), as the walk visits them.
fn collect_names(machine: &StateMachine) -> Names<'_> {
    let mut names = Names::default();
    let mut stack = vec![machine.states.iter()];
    while let Some(top) = stack.last_mut() {
        let Some((name, state)) = top.next() else {
            stack.pop();
            continue;
        };
        names
            .entry(name.as_str())
            .or_insert(std::ptr::from_ref(state));
        let mut children = Vec::new();
        for_each_child_scope(state, |_, _, states| children.push(states.iter()));
        stack.extend(children.into_iter().rev());
    }
    names
}

/// Calls `f` with `(pointer suffix, StartAt, States)` of each scope nested
/// directly in `state`.
fn for_each_child_scope<'m>(
    state: &'m State,
    mut f: impl FnMut(String, &'m StateName, &'m States),
) {
    match state {
        State::Parallel(p) => {
            for (i, branch) in p.branches.iter().enumerate() {
                f(format!("/Branches/{i}"), &branch.start_at, &branch.states);
            }
        }
        State::Map(m) => {
            if let Some(p) = &m.item_processor {
                f("/ItemProcessor".to_owned(), &p.start_at, &p.states);
            }
            if let Some(p) = &m.iterator {
                f("/Iterator".to_owned(), &p.start_at, &p.states);
            }
        }
        _ => {}
    }
}

struct Walk<'m> {
    sink: Sink,
    machine_lang: QueryLanguage,
    all_names: Names<'m>,
    /// Whether the model nests deeper than [`MAX_DEPTH`] somewhere.
    deep: bool,
}

/// The state being checked.
#[derive(Clone, Copy)]
struct Here<'a> {
    name: &'a str,
    pointer: &'a str,
    lang: QueryLanguage,
    level: usize,
}

impl Here<'_> {
    fn at(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.pointer)
    }

    fn place(&self) -> Place<'_> {
        Place {
            state: Some(self.name),
            lang: self.lang,
            error_output: false,
        }
    }
}

impl<'m> Walk<'m> {
    fn push(&mut self, rule: Rule, here: &Here<'_>, suffix: &str, message: String) {
        self.sink
            .push(rule, Some(here.name), here.at(suffix), message);
    }

    fn machine(&mut self, machine: &'m StateMachine, options: &Options) {
        if let Some(t) = machine.timeout_seconds
            && t < 1
        {
            self.sink.push(
                Rule::TimeoutRange,
                None,
                "/TimeoutSeconds".to_owned(),
                format!("`TimeoutSeconds` is {t}; it must be a positive integer"),
            );
        }
        let mut stack = vec![Step::Scope(Scope {
            start_at: &machine.start_at,
            states: &machine.states,
            pointer: String::new(),
            level: 0,
            owner: None,
        })];
        while let Some(step) = stack.pop() {
            match step {
                Step::Scope(scope) => self.scope(&scope, &mut stack),
                Step::State {
                    name,
                    state,
                    pointer,
                    level,
                    index,
                    reachable,
                    targets,
                } => {
                    let lang = state.query_language().unwrap_or(self.machine_lang);
                    let here = Here {
                        name,
                        pointer: &pointer,
                        lang,
                        level,
                    };
                    self.state(&here, state, index, reachable, &targets);
                    let mut children = Vec::new();
                    for_each_child_scope(state, |suffix, start_at, states| {
                        children.push(Step::Scope(Scope {
                            start_at,
                            states,
                            pointer: format!("{pointer}{suffix}"),
                            level: level
                                + if suffix.starts_with("/Branches") {
                                    2
                                } else {
                                    1
                                },
                            owner: Some(name),
                        }));
                    });
                    stack.extend(children.into_iter().rev());
                }
            }
        }
        let len = match options.source_len {
            Some(len) => Some(len),
            // A model too deep for a reader is also too deep to serialize
            // safely; it is an error already.
            None if !self.deep => size::serialized_len(machine),
            None => None,
        };
        if let Some(len) = len
            && len > MAX_DEFINITION_BYTES
        {
            self.sink.push(
                Rule::DefinitionTooLarge,
                None,
                String::new(),
                format!("the definition is {len} bytes; AWS accepts at most 1 MB ({MAX_DEFINITION_BYTES} bytes)"),
            );
        }
    }

    /// Checks a scope's `StartAt` and graph, then queues its states.
    fn scope(&mut self, scope: &Scope<'m>, stack: &mut Vec<Step<'m>>) {
        // `States` is one level below the scope object, each state two.
        let state_level = scope.level + 2;
        if state_level > MAX_DEPTH && !scope.states.is_empty() {
            self.deep = true;
            self.sink.push(
                Rule::NestingTooDeep,
                scope.owner,
                format!("{}/States", scope.pointer),
                format!("the definition nests deeper than {MAX_DEPTH} levels here"),
            );
            return;
        }
        let start = scope.states.get_index_of(scope.start_at.as_str());
        let analysis = graph::analyse(scope.states, start);
        if start.is_none() {
            {
                let message = if self.all_names.contains_key(scope.start_at.as_str()) {
                    format!(
                        "`StartAt` names `{}`, which is not in this `States` (a branch or item processor starts at one of its own states)",
                        scope.start_at
                    )
                } else if scope.states.is_empty() {
                    format!(
                        "`StartAt` names `{}`, but `States` is empty",
                        scope.start_at
                    )
                } else {
                    format!("`StartAt` names `{}`, which is not a state", scope.start_at)
                };
                self.sink.push(
                    Rule::UnknownStartAt,
                    scope.owner,
                    format!("{}/StartAt", scope.pointer),
                    message,
                );
            }
        }
        let reachable = analysis.reachable;
        if start.is_some()
            && !scope
                .states
                .values()
                .zip(&reachable)
                .any(|(s, r)| *r && graph::is_terminal(s))
        {
            self.sink.push(
                Rule::NoTerminalState,
                scope.owner,
                format!("{}/States", scope.pointer),
                "no terminal state (`\"End\": true`, Succeed or Fail) can be reached from `StartAt`"
                    .to_owned(),
            );
        }
        let targets = std::rc::Rc::new(Targets {
            unresolved: analysis.unresolved,
        });
        for (index, ((name, state), reachable)) in
            scope.states.iter().zip(reachable).enumerate().rev()
        {
            let mut pointer = format!("{}/States", scope.pointer);
            payload::push_key(&mut pointer, name.as_str());
            stack.push(Step::State {
                name: name.as_str(),
                state,
                pointer,
                level: state_level,
                index,
                reachable,
                targets: targets.clone(),
            });
        }
    }

    fn state(
        &mut self,
        here: &Here<'_>,
        state: &'m State,
        index: usize,
        reachable: bool,
        targets: &Targets<'m>,
    ) {
        let name = here.name;
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS {
            self.push(
                Rule::StateNameLength,
                here,
                "",
                format!("state name `{name}` is {chars} characters long; AWS allows 1 to {MAX_NAME_CHARS}"),
            );
        }
        // `name` borrows from the machine, which outlives the walk.
        if self
            .all_names
            .get(name)
            .is_some_and(|first| !std::ptr::eq(*first, state))
        {
            self.push(
                Rule::DuplicateStateName,
                here,
                "",
                format!("state name `{name}` is used more than once in the machine (names are unique across branches and item processors too)"),
            );
        }
        if !reachable {
            self.push(
                Rule::UnreachableState,
                here,
                "",
                format!("state `{name}` is not reachable from `StartAt`"),
            );
        }
        let from = targets.unresolved.partition_point(|u| u.0 < index);
        for &(_, edge, target) in targets.unresolved[from..]
            .iter()
            .take_while(|u| u.0 == index)
        {
            self.edge(here, edge, target);
        }
        if state.query_language() == Some(QueryLanguage::JsonPath)
            && self.machine_lang == QueryLanguage::Jsonata
        {
            self.push(
                Rule::JsonpathStateInJsonataMachine,
                here,
                "/QueryLanguage",
                "a state cannot use JSONPath when the machine's `QueryLanguage` is JSONata"
                    .to_owned(),
            );
        }
        match state {
            State::Task(s) => self.task(here, s),
            State::Pass(s) => self.pass(here, s),
            State::Choice(s) => self.choice(here, s),
            State::Wait(s) => self.wait(here, s),
            State::Succeed(s) => {
                self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
                self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
            }
            State::Fail(s) => self.fail(here, s),
            State::Parallel(s) => self.parallel(here, s),
            State::Map(s) => self.map(here, s),
        }
    }

    /// A transition to no state of its scope.
    fn edge(&mut self, here: &Here<'_>, edge: Edge, target: &StateName) {
        let (rule, message) = if self.all_names.contains_key(target.as_str()) {
            (
                Rule::TargetOutOfScope,
                format!(
                    "transition to `{target}`, which is in another scope: branches and item processors cannot jump out or in"
                ),
            )
        } else {
            (
                Rule::UnknownTarget,
                format!("transition to unknown state `{target}`"),
            )
        };
        self.push(rule, here, &edge.suffix(), message);
    }

    /// `Next` xor `"End": true`.
    fn transition(&mut self, here: &Here<'_>, next: Option<&StateName>, end: Option<bool>) {
        match (next, end) {
            (Some(_), Some(true)) => self.push(
                Rule::NextAndEnd,
                here,
                "/End",
                "a state has `Next` or `\"End\": true`, not both".to_owned(),
            ),
            (None, None | Some(false)) => self.push(
                Rule::MissingTransition,
                here,
                "",
                "a state of this type needs `Next` or `\"End\": true`".to_owned(),
            ),
            _ => {}
        }
    }

    /// Reports `field` when it is set in a state of the other language.
    fn only(&mut self, here: &Here<'_>, field: &str, set: bool, only: Only) {
        if !set {
            return;
        }
        match (only, here.lang) {
            (Only::JsonPath, QueryLanguage::Jsonata) => self.push(
                Rule::JsonpathOnlyField,
                here,
                &format!("/{field}"),
                format!("`{field}` is a JSONPath field; a JSONata state does not have it"),
            ),
            (Only::Jsonata, QueryLanguage::JsonPath) => self.push(
                Rule::JsonataOnlyField,
                here,
                &format!("/{field}"),
                format!("`{field}` is a JSONata field; a JSONPath state does not have it (set `\"QueryLanguage\": \"JSONata\"`)"),
            ),
            _ => {}
        }
    }

    /// Checks a payload field `suffix` (e.g. `/Parameters`), only allowed
    /// in `only`. Returns whether it nests within the reader's depth.
    fn payload(
        &mut self,
        here: &Here<'_>,
        suffix: &str,
        payload: Option<&Payload>,
        only: Only,
        error_output: bool,
    ) -> bool {
        let Some(payload) = payload else { return true };
        let field = suffix.rsplit('/').next().unwrap_or(suffix);
        let set_here = !suffix[1..].contains('/');
        if set_here {
            self.only(here, field, true, only);
        } else if let (Only::JsonPath, QueryLanguage::Jsonata)
        | (Only::Jsonata, QueryLanguage::JsonPath) = (only, here.lang)
        {
            let rule = if only == Only::JsonPath {
                Rule::JsonpathOnlyField
            } else {
                Rule::JsonataOnlyField
            };
            self.push(
                rule,
                here,
                suffix,
                format!("`{field}` is not allowed in a {} state", here.lang.as_str()),
            );
        }
        let depth_in_suffix = suffix.matches('/').count() - 1;
        let mut place = here.place();
        place.error_output = error_output;
        let within = payload::check(
            &mut self.sink,
            place,
            here.at(suffix),
            payload,
            here.level + 1 + depth_in_suffix,
        );
        if !within {
            self.deep = true;
        }
        within
    }

    fn input_output(
        &mut self,
        here: &Here<'_>,
        input: Option<&Nullable<crate::path::Path>>,
        output: Option<&Nullable<crate::path::Path>>,
    ) {
        self.only(here, "InputPath", input.is_some(), Only::JsonPath);
        self.only(here, "OutputPath", output.is_some(), Only::JsonPath);
    }

    fn result_path(
        &mut self,
        here: &Here<'_>,
        suffix: &str,
        path: Option<&Nullable<crate::path::ReferencePath>>,
    ) {
        let Some(Nullable::Value(path)) = path else {
            return;
        };
        if *path.path().root() != PathRoot::Input {
            self.push(
                Rule::ReferencePathSyntax,
                here,
                suffix,
                format!("`ResultPath` writes into the state input: `{path}` must start with `$`, not `$$` or a variable"),
            );
        }
    }

    fn exclusive(&mut self, here: &Here<'_>, fields: &[(&str, bool)]) {
        let set: Vec<&str> = fields.iter().filter(|(_, s)| *s).map(|(f, _)| *f).collect();
        if set.len() > 1 {
            self.push(
                Rule::ExclusiveFields,
                here,
                &format!("/{}", set[1]),
                format!(
                    "{} exclude each other: give only one",
                    set.iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            );
        }
    }

    /// A field that holds an integer literal (or, in JSONata, an expression).
    fn int_field(
        &mut self,
        here: &Here<'_>,
        suffix: &str,
        value: Option<&JsonataOr<i64>>,
    ) -> Option<i64> {
        match value? {
            JsonataOr::Literal(n) => Some(*n),
            JsonataOr::Jsonata(j) => {
                self.jsonata_field(here, suffix, j.expression());
                None
            }
        }
    }

    /// A `{% … %}` in a typed field.
    fn jsonata_field(&mut self, here: &Here<'_>, suffix: &str, text: &str) {
        if here.lang == QueryLanguage::JsonPath {
            let field = suffix.rsplit('/').next().unwrap_or(suffix);
            self.push(
                Rule::ExpressionQueryLanguage,
                here,
                suffix,
                format!("`{field}` takes a literal in a JSONPath state; `{{%{text}%}}` is only evaluated in a JSONata state"),
            );
        } else {
            payload::check_jsonata(&mut self.sink, here.place(), &here.at(suffix), text);
        }
    }

    fn range(
        &mut self,
        rule: Rule,
        here: &Here<'_>,
        suffix: &str,
        value: i64,
        min: i64,
        max: Option<i64>,
    ) {
        if value < min || max.is_some_and(|max| value > max) {
            let field = suffix.rsplit('/').next().unwrap_or(suffix);
            let allowed = match max {
                Some(max) => format!("{min} to {max}"),
                None => format!("at least {min}"),
            };
            self.push(
                rule,
                here,
                suffix,
                format!("`{field}` is {value}; it must be {allowed}"),
            );
        }
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one check per Task field, in field order"
    )]
    fn task(&mut self, here: &Here<'_>, s: &'m Task) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        let params_ok = self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        let args_ok = self.payload(
            here,
            "/Arguments",
            s.arguments.as_ref(),
            Only::Jsonata,
            false,
        );
        self.payload(
            here,
            "/Credentials",
            s.credentials.as_ref(),
            Only::Both,
            false,
        );
        self.payload(
            here,
            "/ResultSelector",
            s.result_selector.as_ref(),
            Only::JsonPath,
            false,
        );
        self.only(here, "ResultPath", s.result_path.is_some(), Only::JsonPath);
        self.result_path(here, "/ResultPath", s.result_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
        self.only(
            here,
            "TimeoutSecondsPath",
            s.timeout_seconds_path.is_some(),
            Only::JsonPath,
        );
        self.only(
            here,
            "HeartbeatSecondsPath",
            s.heartbeat_seconds_path.is_some(),
            Only::JsonPath,
        );
        self.exclusive(
            here,
            &[
                ("TimeoutSeconds", s.timeout_seconds.is_some()),
                ("TimeoutSecondsPath", s.timeout_seconds_path.is_some()),
            ],
        );
        self.exclusive(
            here,
            &[
                ("HeartbeatSeconds", s.heartbeat_seconds.is_some()),
                ("HeartbeatSecondsPath", s.heartbeat_seconds_path.is_some()),
            ],
        );
        let timeout = self.int_field(here, "/TimeoutSeconds", s.timeout_seconds.as_ref());
        let heartbeat = self.int_field(here, "/HeartbeatSeconds", s.heartbeat_seconds.as_ref());
        if let Some(t) = timeout {
            self.range(
                Rule::TimeoutRange,
                here,
                "/TimeoutSeconds",
                t,
                1,
                Some(MAX_SECONDS),
            );
        }
        if let Some(h) = heartbeat {
            self.range(
                Rule::TimeoutRange,
                here,
                "/HeartbeatSeconds",
                h,
                1,
                Some(MAX_SECONDS),
            );
            if let Some(t) = timeout
                && h >= t
            {
                self.push(
                    Rule::HeartbeatExceedsTimeout,
                    here,
                    "/HeartbeatSeconds",
                    format!("`HeartbeatSeconds` ({h}) must be less than `TimeoutSeconds` ({t})"),
                );
            }
        }
        self.resource(here, &s.resource);
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
        sagemaker::check(
            &mut self.sink,
            here.name,
            here.pointer,
            s,
            params_ok && args_ok,
        );
    }

    fn resource(&mut self, here: &Here<'_>, resource: &Resource) {
        match resource {
            Resource::Sdk {
                pattern: pattern @ (IntegrationPattern::Sync | IntegrationPattern::Sync2),
                ..
            } => self.push(
                Rule::SdkSyncUnsupported,
                here,
                "/Resource",
                format!("AWS SDK integrations support request response and `.waitForTaskToken`, not `{}`", pattern.suffix()),
            ),
            Resource::Other(text) if !crate::expr::Jsonata::is_jsonata(text) => self.push(
                Rule::ResourceArn,
                here,
                "/Resource",
                format!("`{text}` is not a resource Step Functions runs: an integration `arn:aws:states:::SERVICE:ACTION`, an SDK integration `arn:aws:states:::aws-sdk:SERVICE:ACTION`, a Lambda function or an activity ARN"),
            ),
            _ => {}
        }
    }

    fn pass(&mut self, here: &Here<'_>, s: &'m Pass) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.only(here, "Result", s.result.is_some(), Only::JsonPath);
        self.only(here, "ResultPath", s.result_path.is_some(), Only::JsonPath);
        self.result_path(here, "/ResultPath", s.result_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
    }

    fn wait(&mut self, here: &Here<'_>, s: &'m Wait) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
        self.only(
            here,
            "SecondsPath",
            s.seconds_path.is_some(),
            Only::JsonPath,
        );
        self.only(
            here,
            "TimestampPath",
            s.timestamp_path.is_some(),
            Only::JsonPath,
        );
        let fields = [
            ("Seconds", s.seconds.is_some()),
            ("Timestamp", s.timestamp.is_some()),
            ("SecondsPath", s.seconds_path.is_some()),
            ("TimestampPath", s.timestamp_path.is_some()),
        ];
        if fields.iter().all(|(_, set)| !set) {
            self.push(
                Rule::MissingField,
                here,
                "",
                "a Wait state needs one of `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`".to_owned(),
            );
        }
        self.exclusive(here, &fields);
        if let Some(seconds) = self.int_field(here, "/Seconds", s.seconds.as_ref()) {
            self.range(
                Rule::WaitSecondsRange,
                here,
                "/Seconds",
                seconds,
                0,
                Some(MAX_SECONDS),
            );
        }
        match &s.timestamp {
            Some(JsonataOr::Literal(t)) if !time::is_timestamp(t) => self.push(
                Rule::TimestampFormat,
                here,
                "/Timestamp",
                format!("`{t}` is not an RFC 3339 timestamp such as `2026-03-14T01:59:00Z`"),
            ),
            Some(JsonataOr::Jsonata(j)) => self.jsonata_field(here, "/Timestamp", j.expression()),
            _ => {}
        }
    }

    fn fail(&mut self, here: &Here<'_>, s: &'m Fail) {
        self.only(here, "ErrorPath", s.error_path.is_some(), Only::JsonPath);
        self.only(here, "CausePath", s.cause_path.is_some(), Only::JsonPath);
        self.exclusive(
            here,
            &[
                ("Error", s.error.is_some()),
                ("ErrorPath", s.error_path.is_some()),
            ],
        );
        self.exclusive(
            here,
            &[
                ("Cause", s.cause.is_some()),
                ("CausePath", s.cause_path.is_some()),
            ],
        );
        for (suffix, field) in [("/Error", &s.error), ("/Cause", &s.cause)] {
            if let Some(JsonataOr::Jsonata(j)) = field {
                self.jsonata_field(here, suffix, j.expression());
            }
        }
        for (suffix, field) in [("/ErrorPath", &s.error_path), ("/CausePath", &s.cause_path)] {
            if let Some(d) = field {
                payload::check_expr(&mut self.sink, here.place(), &here.at(suffix), &d.0);
            }
        }
    }

    fn choice(&mut self, here: &Here<'_>, s: &'m Choice) {
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
        if s.choices.is_empty() {
            self.push(
                Rule::EmptyArray,
                here,
                "/Choices",
                "`Choices` needs at least one rule".to_owned(),
            );
        }
        for (i, rule) in s.choices.iter().enumerate() {
            let base = format!("/Choices/{i}");
            self.payload(
                here,
                &format!("{base}/Assign"),
                rule.assign.as_ref(),
                Only::Both,
                false,
            );
            self.payload(
                here,
                &format!("{base}/Output"),
                rule.output.as_ref(),
                Only::Jsonata,
                false,
            );
            self.condition(here, &base, &rule.condition);
        }
    }

    /// A choice rule's condition, walked without recursion.
    fn condition(&mut self, here: &Here<'_>, base: &str, condition: &Condition) {
        if let Condition::Jsonata(j) = condition {
            if here.lang == QueryLanguage::JsonPath {
                self.push(
                    Rule::JsonataOnlyField,
                    here,
                    &format!("{base}/Condition"),
                    "`Condition` is a JSONata field; a JSONPath state's rules use `Variable` and an operator".to_owned(),
                );
            } else {
                payload::check_jsonata(
                    &mut self.sink,
                    here.place(),
                    &here.at(&format!("{base}/Condition")),
                    j.expression(),
                );
            }
            return;
        }
        if here.lang == QueryLanguage::Jsonata {
            self.push(
                Rule::JsonpathOnlyField,
                here,
                base,
                "rules with `Variable`, `And`, `Or` or `Not` are JSONPath; a JSONata state's rules use `Condition`".to_owned(),
            );
        }
        // The rule object is two levels below the state (`Choices`, index).
        let mut stack = vec![(condition, base.to_owned(), here.level + 2)];
        let mut reported_deep = false;
        while let Some((c, pointer, level)) = stack.pop() {
            if level > MAX_DEPTH {
                if !reported_deep {
                    reported_deep = true;
                    self.deep = true;
                    self.push(
                        Rule::NestingTooDeep,
                        here,
                        &pointer,
                        format!("the definition nests deeper than {MAX_DEPTH} levels here"),
                    );
                }
                continue;
            }
            match c {
                Condition::And(cs) | Condition::Or(cs) => {
                    let op = if matches!(c, Condition::And(_)) {
                        "And"
                    } else {
                        "Or"
                    };
                    if cs.is_empty() {
                        self.push(
                            Rule::EmptyArray,
                            here,
                            &format!("{pointer}/{op}"),
                            format!("`{op}` needs at least one rule"),
                        );
                    }
                    for (i, inner) in cs.iter().enumerate().rev() {
                        stack.push((inner, format!("{pointer}/{op}/{i}"), level + 2));
                    }
                }
                Condition::Not(inner) => stack.push((inner, format!("{pointer}/Not"), level + 1)),
                Condition::Compare {
                    operator, operand, ..
                } => {
                    if operator.operand_kind() == OperandKind::Timestamp
                        && let Operand::String(t) = operand
                        && !time::is_timestamp(t)
                    {
                        self.push(
                            Rule::TimestampFormat,
                            here,
                            &format!("{pointer}/{}", operator.name()),
                            format!(
                                "`{t}` is not an RFC 3339 timestamp such as `2026-03-14T01:59:00Z`"
                            ),
                        );
                    }
                }
                Condition::Jsonata(_) => self.push(
                    Rule::InvalidValue,
                    here,
                    &pointer,
                    "`Condition` stands only in a top-level choice rule".to_owned(),
                ),
            }
        }
    }

    fn parallel(&mut self, here: &Here<'_>, s: &'m Parallel) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.payload(
            here,
            "/Arguments",
            s.arguments.as_ref(),
            Only::Jsonata,
            false,
        );
        self.payload(
            here,
            "/ResultSelector",
            s.result_selector.as_ref(),
            Only::JsonPath,
            false,
        );
        self.only(here, "ResultPath", s.result_path.is_some(), Only::JsonPath);
        self.result_path(here, "/ResultPath", s.result_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
        if s.branches.is_empty() {
            self.push(
                Rule::EmptyArray,
                here,
                "/Branches",
                "`Branches` needs at least one branch".to_owned(),
            );
        }
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one check per Map field, in field order"
    )]
    fn map(&mut self, here: &Here<'_>, s: &'m Map) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.only(here, "ItemsPath", s.items_path.is_some(), Only::JsonPath);
        self.payload(here, "/Items", s.items.as_ref(), Only::Jsonata, false);
        self.payload(
            here,
            "/ItemSelector",
            s.item_selector.as_ref(),
            Only::Both,
            false,
        );
        self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.exclusive(
            here,
            &[
                ("ItemSelector", s.item_selector.is_some()),
                ("Parameters", s.parameters.is_some()),
            ],
        );
        self.exclusive(
            here,
            &[
                ("ItemProcessor", s.item_processor.is_some()),
                ("Iterator", s.iterator.is_some()),
            ],
        );
        if s.item_processor.is_none() && s.iterator.is_none() {
            self.push(
                Rule::MissingField,
                here,
                "",
                "a Map state needs `ItemProcessor` (or the older `Iterator`)".to_owned(),
            );
        }
        self.payload(
            here,
            "/ResultSelector",
            s.result_selector.as_ref(),
            Only::JsonPath,
            false,
        );
        self.only(here, "ResultPath", s.result_path.is_some(), Only::JsonPath);
        self.result_path(here, "/ResultPath", s.result_path.as_ref());
        self.payload(here, "/Output", s.output.as_ref(), Only::Jsonata, false);
        self.payload(here, "/Assign", s.assign.as_ref(), Only::Both, false);
        // Concurrency and tolerance.
        self.only(
            here,
            "MaxConcurrencyPath",
            s.max_concurrency_path.is_some(),
            Only::JsonPath,
        );
        self.exclusive(
            here,
            &[
                ("MaxConcurrency", s.max_concurrency.is_some()),
                ("MaxConcurrencyPath", s.max_concurrency_path.is_some()),
            ],
        );
        if let Some(n) = self.int_field(here, "/MaxConcurrency", s.max_concurrency.as_ref()) {
            self.range(Rule::MapRange, here, "/MaxConcurrency", n, 0, None);
        }
        self.only(
            here,
            "ToleratedFailureCountPath",
            s.tolerated_failure_count_path.is_some(),
            Only::JsonPath,
        );
        self.only(
            here,
            "ToleratedFailurePercentagePath",
            s.tolerated_failure_percentage_path.is_some(),
            Only::JsonPath,
        );
        self.exclusive(
            here,
            &[
                ("ToleratedFailureCount", s.tolerated_failure_count.is_some()),
                (
                    "ToleratedFailureCountPath",
                    s.tolerated_failure_count_path.is_some(),
                ),
            ],
        );
        self.exclusive(
            here,
            &[
                (
                    "ToleratedFailurePercentage",
                    s.tolerated_failure_percentage.is_some(),
                ),
                (
                    "ToleratedFailurePercentagePath",
                    s.tolerated_failure_percentage_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(
            here,
            "/ToleratedFailureCount",
            s.tolerated_failure_count.as_ref(),
        ) {
            self.range(Rule::MapRange, here, "/ToleratedFailureCount", n, 0, None);
        }
        match &s.tolerated_failure_percentage {
            Some(JsonataOr::Literal(p))
                if !p.as_f64().is_some_and(|p| (0.0..=100.0).contains(&p)) =>
            {
                self.push(
                    Rule::MapRange,
                    here,
                    "/ToleratedFailurePercentage",
                    format!("`ToleratedFailurePercentage` is {p}; it must be 0 to 100"),
                );
            }
            Some(JsonataOr::Jsonata(j)) => {
                self.jsonata_field(here, "/ToleratedFailurePercentage", j.expression());
            }
            _ => {}
        }
        if let Some(label) = &s.label {
            self.label(here, label);
        }
        // Mode.
        let processor = s
            .item_processor
            .as_ref()
            .map(|p| ("/ItemProcessor", p))
            .or(s.iterator.as_ref().map(|p| ("/Iterator", p)));
        let config = processor.and_then(|(at, p)| p.processor_config.as_ref().map(|c| (at, c)));
        let mode = config.and_then(|(_, c)| c.mode.as_ref());
        let distributed = mode == Some(&ProcessorMode::Distributed);
        if let Some((at, config)) = config {
            if let Some(ProcessorMode::Unknown(v)) = &config.mode {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{at}/ProcessorConfig/Mode"),
                    format!("`{v}` is not a Map mode: use `INLINE` or `DISTRIBUTED`"),
                );
            }
            match &config.execution_type {
                Some(crate::enums::ExecutionType::Unknown(v)) => {
                    self.push(
                        Rule::UnknownEnumValue,
                        here,
                        &format!("{at}/ProcessorConfig/ExecutionType"),
                        format!("`{v}` is not an execution type: use `STANDARD` or `EXPRESS`"),
                    );
                }
                None if distributed => {
                    self.push(
                        Rule::DistributedExecutionType,
                        here,
                        &format!("{at}/ProcessorConfig"),
                        "a distributed Map needs `ExecutionType` (`STANDARD` or `EXPRESS`)"
                            .to_owned(),
                    );
                }
                Some(_) if !distributed => {
                    self.push(
                        Rule::DistributedOnlyField,
                        here,
                        &format!("{at}/ProcessorConfig/ExecutionType"),
                        "`ExecutionType` is for a distributed Map (`\"Mode\": \"DISTRIBUTED\"`)"
                            .to_owned(),
                    );
                }
                _ => {}
            }
        }
        if !distributed {
            for (field, set) in [
                ("ItemReader", s.item_reader.is_some()),
                ("ItemBatcher", s.item_batcher.is_some()),
                ("ResultWriter", s.result_writer.is_some()),
                ("ToleratedFailureCount", s.tolerated_failure_count.is_some()),
                (
                    "ToleratedFailureCountPath",
                    s.tolerated_failure_count_path.is_some(),
                ),
                (
                    "ToleratedFailurePercentage",
                    s.tolerated_failure_percentage.is_some(),
                ),
                (
                    "ToleratedFailurePercentagePath",
                    s.tolerated_failure_percentage_path.is_some(),
                ),
                ("Label", s.label.is_some()),
            ] {
                if set {
                    self.push(Rule::DistributedOnlyField, here, &format!("/{field}"), format!("`{field}` is for a distributed Map (`\"Mode\": \"DISTRIBUTED\"` in `ProcessorConfig`)"));
                }
            }
        }
        if let Some(r) = &s.item_reader {
            self.item_reader(here, r);
        }
        if let Some(b) = &s.item_batcher {
            self.item_batcher(here, b);
        }
        if let Some(w) = &s.result_writer {
            self.result_writer(here, w);
        }
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
    }

    fn label(&mut self, here: &Here<'_>, label: &str) {
        let chars = label.chars().count();
        let bad = label.chars().find(|c| {
            c.is_whitespace()
                || c.is_control()
                || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(*c)
                || ('\u{fffe}'..='\u{ffff}').contains(c)
        });
        if chars == 0 || chars > MAX_LABEL_CHARS {
            self.push(
                Rule::MapLabel,
                here,
                "/Label",
                format!("`Label` is {chars} characters long; AWS allows 1 to {MAX_LABEL_CHARS}"),
            );
        } else if let Some(c) = bad {
            self.push(
                Rule::MapLabel,
                here,
                "/Label",
                format!(
                    "`Label` `{label}` contains `{}`, which a label cannot",
                    c.escape_default()
                ),
            );
        }
    }

    fn item_reader(&mut self, here: &Here<'_>, r: &'m ItemReader) {
        self.payload(
            here,
            "/ItemReader/Parameters",
            r.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.payload(
            here,
            "/ItemReader/Arguments",
            r.arguments.as_ref(),
            Only::Jsonata,
            false,
        );
        self.resource(here, &r.resource);
        let Some(c) = &r.reader_config else { return };
        let at = "/ItemReader/ReaderConfig";
        let unknown = [
            (
                "InputType",
                c.input_type.as_ref().and_then(|v| match v {
                    crate::enums::InputType::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
            (
                "CSVHeaderLocation",
                c.csv_header_location.as_ref().and_then(|v| match v {
                    crate::enums::CsvHeaderLocation::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
            (
                "CSVDelimiter",
                c.csv_delimiter.as_ref().and_then(|v| match v {
                    crate::enums::CsvDelimiter::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
        ];
        for (field, value) in unknown {
            if let Some(v) = value {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{at}/{field}"),
                    format!("`{v}` is not a value of `{field}`"),
                );
            }
        }
        if c.csv_header_location == Some(crate::enums::CsvHeaderLocation::Given)
            && c.csv_headers.is_none()
        {
            self.push(
                Rule::MissingField,
                here,
                at,
                "`\"CSVHeaderLocation\": \"GIVEN\"` needs `CSVHeaders`".to_owned(),
            );
        }
        if here.lang == QueryLanguage::Jsonata && c.max_items_path.is_some() {
            self.push(
                Rule::JsonpathOnlyField,
                here,
                &format!("{at}/MaxItemsPath"),
                "`MaxItemsPath` is a JSONPath field; a JSONata state does not have it".to_owned(),
            );
        }
        self.exclusive(
            here,
            &[
                ("ItemReader/ReaderConfig/MaxItems", c.max_items.is_some()),
                (
                    "ItemReader/ReaderConfig/MaxItemsPath",
                    c.max_items_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(here, &format!("{at}/MaxItems"), c.max_items.as_ref()) {
            self.range(Rule::MapRange, here, &format!("{at}/MaxItems"), n, 0, None);
        }
    }

    fn item_batcher(&mut self, here: &Here<'_>, b: &'m ItemBatcher) {
        let at = "/ItemBatcher";
        self.payload(
            here,
            "/ItemBatcher/BatchInput",
            b.batch_input.as_ref(),
            Only::Both,
            false,
        );
        for (field, set) in [
            ("MaxItemsPerBatchPath", b.max_items_per_batch_path.is_some()),
            (
                "MaxInputBytesPerBatchPath",
                b.max_input_bytes_per_batch_path.is_some(),
            ),
        ] {
            if set && here.lang == QueryLanguage::Jsonata {
                self.push(
                    Rule::JsonpathOnlyField,
                    here,
                    &format!("{at}/{field}"),
                    format!("`{field}` is a JSONPath field; a JSONata state does not have it"),
                );
            }
        }
        self.exclusive(
            here,
            &[
                (
                    "ItemBatcher/MaxItemsPerBatch",
                    b.max_items_per_batch.is_some(),
                ),
                (
                    "ItemBatcher/MaxItemsPerBatchPath",
                    b.max_items_per_batch_path.is_some(),
                ),
            ],
        );
        self.exclusive(
            here,
            &[
                (
                    "ItemBatcher/MaxInputBytesPerBatch",
                    b.max_input_bytes_per_batch.is_some(),
                ),
                (
                    "ItemBatcher/MaxInputBytesPerBatchPath",
                    b.max_input_bytes_per_batch_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(
            here,
            "/ItemBatcher/MaxItemsPerBatch",
            b.max_items_per_batch.as_ref(),
        ) {
            self.range(
                Rule::MapRange,
                here,
                "/ItemBatcher/MaxItemsPerBatch",
                n,
                1,
                None,
            );
        }
        if let Some(n) = self.int_field(
            here,
            "/ItemBatcher/MaxInputBytesPerBatch",
            b.max_input_bytes_per_batch.as_ref(),
        ) {
            self.range(
                Rule::MapRange,
                here,
                "/ItemBatcher/MaxInputBytesPerBatch",
                n,
                1,
                Some(MAX_BATCH_BYTES),
            );
        }
    }

    fn result_writer(&mut self, here: &Here<'_>, w: &'m ResultWriter) {
        self.payload(
            here,
            "/ResultWriter/Parameters",
            w.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.payload(
            here,
            "/ResultWriter/Arguments",
            w.arguments.as_ref(),
            Only::Jsonata,
            false,
        );
        if let Some(r) = &w.resource {
            self.resource(here, r);
        }
        let Some(c) = &w.writer_config else { return };
        if let Some(crate::enums::OutputType::Unknown(v)) = &c.output_type {
            self.push(
                Rule::UnknownEnumValue,
                here,
                "/ResultWriter/WriterConfig/OutputType",
                format!("`{v}` is not an output type: use `JSON` or `JSONL`"),
            );
        }
        if let Some(crate::enums::Transformation::Unknown(v)) = &c.transformation {
            self.push(
                Rule::UnknownEnumValue,
                here,
                "/ResultWriter/WriterConfig/Transformation",
                format!("`{v}` is not a transformation: use `NONE`, `FLATTEN` or `COMPACT`"),
            );
        }
    }

    fn error_equals(
        &mut self,
        here: &Here<'_>,
        base: &str,
        names: &[ErrorName],
        last: bool,
        what: &str,
    ) {
        if names.is_empty() {
            self.push(
                Rule::EmptyErrorEquals,
                here,
                &format!("{base}/ErrorEquals"),
                "`ErrorEquals` needs at least one error name".to_owned(),
            );
        }
        let all = names.iter().position(|n| *n == ErrorName::All);
        if all.is_some() && names.len() > 1 {
            self.push(
                Rule::ErrorAllNotAlone,
                here,
                &format!("{base}/ErrorEquals"),
                "`States.ALL` must be the only error name in its `ErrorEquals`".to_owned(),
            );
        }
        if all.is_some() && !last {
            self.push(
                Rule::ErrorAllNotLast,
                here,
                base,
                format!("a {what} with `States.ALL` must be the last one"),
            );
        }
        for (i, name) in names.iter().enumerate() {
            if let ErrorName::Custom(custom) = name
                && custom.starts_with("States.")
                && !is_http_status_error(custom)
            {
                self.push(Rule::ReservedErrorName, here, &format!("{base}/ErrorEquals/{i}"), format!("`{custom}` is not a predefined error; names starting `States.` are reserved"));
            }
        }
    }

    fn retry(&mut self, here: &Here<'_>, retry: Option<&[Retrier]>) {
        let Some(retry) = retry else { return };
        for (i, r) in retry.iter().enumerate() {
            let base = format!("/Retry/{i}");
            self.error_equals(
                here,
                &base,
                &r.error_equals,
                i + 1 == retry.len(),
                "retrier",
            );
            if let Some(n) = r.interval_seconds {
                self.range(
                    Rule::RetryInterval,
                    here,
                    &format!("{base}/IntervalSeconds"),
                    n,
                    1,
                    Some(MAX_SECONDS),
                );
            }
            if let Some(n) = r.max_attempts {
                self.range(
                    Rule::RetryMaxAttempts,
                    here,
                    &format!("{base}/MaxAttempts"),
                    n,
                    0,
                    Some(MAX_SECONDS),
                );
            }
            if let Some(n) = r.max_delay_seconds {
                self.range(
                    Rule::RetryMaxDelay,
                    here,
                    &format!("{base}/MaxDelaySeconds"),
                    n,
                    1,
                    Some(MAX_DELAY_SECONDS),
                );
            }
            if let Some(rate) = &r.backoff_rate
                && !backoff_ok(rate)
            {
                self.push(
                    Rule::RetryBackoffRate,
                    here,
                    &format!("{base}/BackoffRate"),
                    format!("`BackoffRate` is {rate}; it must be at least 1.0"),
                );
            }
            if let Some(crate::enums::JitterStrategy::Unknown(v)) = &r.jitter_strategy {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{base}/JitterStrategy"),
                    format!("`{v}` is not a jitter strategy: use `FULL` or `NONE`"),
                );
            }
        }
    }

    fn catch(&mut self, here: &Here<'_>, catch: Option<&[Catcher]>) {
        let Some(catch) = catch else { return };
        for (i, c) in catch.iter().enumerate() {
            let base = format!("/Catch/{i}");
            self.error_equals(
                here,
                &base,
                &c.error_equals,
                i + 1 == catch.len(),
                "catcher",
            );
            if c.result_path.is_some() && here.lang == QueryLanguage::Jsonata {
                self.push(
                    Rule::JsonpathOnlyField,
                    here,
                    &format!("{base}/ResultPath"),
                    "`ResultPath` is a JSONPath field; a JSONata catcher uses `Output`".to_owned(),
                );
            }
            self.result_path(here, &format!("{base}/ResultPath"), c.result_path.as_ref());
            self.payload(
                here,
                &format!("{base}/Output"),
                c.output.as_ref(),
                Only::Jsonata,
                true,
            );
            self.payload(
                here,
                &format!("{base}/Assign"),
                c.assign.as_ref(),
                Only::Both,
                true,
            );
        }
    }
}

/// `States.Http.StatusCode.NNN`: the errors an HTTP Task raises for a status
/// code.
fn is_http_status_error(name: &str) -> bool {
    name.strip_prefix("States.Http.StatusCode.")
        .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
}

fn backoff_ok(rate: &Number) -> bool {
    rate.as_f64().is_some_and(|r| r >= 1.0)
}

/// Which query language a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    JsonPath,
    Jsonata,
    Both,
}
