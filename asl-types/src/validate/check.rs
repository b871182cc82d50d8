//! The walk: every scope and state in document order, without recursion.
//! The checks of each kind of state are in the submodules.

mod errors;
mod map;
mod states;

use std::collections::HashMap;

use crate::enums::QueryLanguage;
use crate::expr::JsonataOr;
use crate::integer::Integer;
use crate::json::MAX_DEPTH;
use crate::machine::StateMachine;
use crate::names::StateName;
use crate::path::PathRoot;
use crate::payload::Payload;
use crate::state::{Nullable, State, States};

use super::graph::{self, Edge};
use super::payload::{self, Place};
use super::rule::Rule;
use super::{Issue, Options, size};

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
        reachable: bool,
        /// The state's transitions that name no state of its scope, with
        /// what an unknown target cuts off (see [`graph::cut_off`]).
        unresolved: Vec<(Edge, &'m StateName, Option<String>)>,
    },
}

/// Every state name of the machine with the first state (in document
/// order) that has it.
type Names<'m> = HashMap<&'m str, *const State, foldhash::fast::RandomState>;

/// Everything [`super::validate_with`] reports, and what writing the
/// machine out showed when the walk wrote it (for its size).
pub(super) fn run(
    machine: &StateMachine,
    options: &Options,
) -> (Vec<Issue>, Option<size::Written>) {
    let mut walk = Walk {
        sink: Sink::default(),
        machine_lang: machine.query_language.unwrap_or_default(),
        all_names: collect_names(machine),
        deep: false,
        fold: !options.allows(Rule::UnknownTarget),
        written: None,
    };
    walk.machine(machine, options);
    (walk.sink.issues, walk.written)
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
        for_each_child_scope(state, |_, _, _, states| children.push(states.iter()));
        stack.extend(children.into_iter().rev());
    }
    names
}

/// Calls `f` with `(pointer suffix, levels below the state, StartAt,
/// States)` of each scope nested directly in `state`.
fn for_each_child_scope<'m>(
    state: &'m State,
    mut f: impl FnMut(String, usize, &'m StateName, &'m States),
) {
    match state {
        State::Parallel(p) => {
            for (i, branch) in p.branches.iter().enumerate() {
                // `Branches`, then the element.
                f(
                    format!("/Branches/{i}"),
                    2,
                    &branch.start_at,
                    &branch.states,
                );
            }
        }
        State::Map(m) => {
            if let Some(p) = &m.item_processor {
                f("/ItemProcessor".to_owned(), 1, &p.start_at, &p.states);
            }
            if let Some(p) = &m.iterator {
                f("/Iterator".to_owned(), 1, &p.start_at, &p.states);
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
    /// Whether states an unknown target cuts off are reported with it
    /// rather than one by one (not when `unknown-target` is allowed).
    fold: bool,
    /// What writing the machine out showed, when the size was measured so.
    written: Option<size::Written>,
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
            && t.get() < 1
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
                    reachable,
                    unresolved,
                } => {
                    let lang = state.query_language().unwrap_or(self.machine_lang);
                    let here = Here {
                        name,
                        pointer: &pointer,
                        lang,
                        level,
                    };
                    self.state(&here, state, reachable, &unresolved);
                    let mut children = Vec::new();
                    for_each_child_scope(state, |suffix, below, start_at, states| {
                        children.push(Step::Scope(Scope {
                            start_at,
                            states,
                            pointer: format!("{pointer}{suffix}"),
                            level: level + below,
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
            None if !self.deep => {
                self.written = size::write_out(machine);
                self.written.map(|w| w.len)
            }
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
                too_deep(),
            );
            return;
        }
        let start = scope.states.get_index_of(scope.start_at.as_str());
        let analysis = graph::analyse(scope.states, start);
        if start.is_none() {
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
        // States an unknown target cuts off count as reached through it: they
        // are reported with it, and may hold the way to the end.
        let mut reachable = analysis.reachable;
        let notes = self.cut_off(scope.states, &mut reachable, &analysis.unresolved);
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
        // By state index, ascending: the states are queued last first, so
        // each takes its own from the end.
        let mut unresolved: Vec<_> = analysis
            .unresolved
            .into_iter()
            .zip(notes)
            .map(|((i, edge, target), note)| (i, edge, target, note))
            .collect();
        for (index, ((name, state), reachable)) in
            scope.states.iter().zip(reachable).enumerate().rev()
        {
            let from = unresolved.partition_point(|u| u.0 < index);
            let own = unresolved
                .drain(from..)
                .map(|(_, edge, target, note)| (edge, target, note))
                .collect();
            let mut pointer = format!("{}/States", scope.pointer);
            crate::read::push_key(&mut pointer, name.as_str());
            stack.push(Step::State {
                name: name.as_str(),
                state,
                pointer,
                level: state_level,
                reachable,
                unresolved: own,
            });
        }
    }

    fn state(
        &mut self,
        here: &Here<'_>,
        state: &'m State,
        reachable: bool,
        unresolved: &[(Edge, &'m StateName, Option<String>)],
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
        for (edge, target, note) in unresolved {
            self.edge(here, *edge, target, note.as_deref());
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

    /// What each unknown target of a scope cuts off: a note for its message
    /// (by its index in `unresolved`), and its states marked reachable so
    /// they are not reported again one by one.
    fn cut_off(
        &self,
        states: &States,
        reachable: &mut [bool],
        unresolved: &[(usize, Edge, &StateName)],
    ) -> Vec<Option<String>> {
        let mut notes = vec![None; unresolved.len()];
        if !self.fold || reachable.iter().all(|&r| r) {
            return notes;
        }
        // Unknown targets (not names of another scope) of reachable states.
        let unknown: Vec<(usize, &StateName)> = unresolved
            .iter()
            .enumerate()
            .filter(|(_, (from, _, target))| {
                reachable[*from] && !self.all_names.contains_key(target.as_str())
            })
            .map(|(k, (_, _, target))| (k, *target))
            .collect();
        if unknown.is_empty() {
            return notes;
        }
        for ((k, _), found) in unknown
            .iter()
            .zip(graph::cut_off(states, reachable, &unknown))
        {
            let Some((guess, cut)) = found else { continue };
            let name = states.get_index(guess).map_or("", |(n, _)| n.as_str());
            let others = match cut.len() - 1 {
                0 => String::new(),
                1 => " and 1 state after it".to_owned(),
                n => format!(" and {n} states after it"),
            };
            notes[*k] = Some(format!(
                " (did you mean `{name}`?); it leaves `{name}`{others} unreachable from `StartAt`"
            ));
            for i in cut {
                reachable[i] = true;
            }
        }
        notes
    }

    /// A transition to no state of its scope.
    fn edge(&mut self, here: &Here<'_>, edge: Edge, target: &StateName, note: Option<&str>) {
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
                format!(
                    "transition to unknown state `{target}`{}",
                    note.unwrap_or_default()
                ),
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
        self.only_in(here, "", field, set, only);
    }

    /// [`Walk::only`] for a `field` of the state's member at `at` (e.g.
    /// `/ItemBatcher`).
    fn only_in(&mut self, here: &Here<'_>, at: &str, field: &str, set: bool, only: Only) {
        if !set {
            return;
        }
        match (only, here.lang) {
            (Only::JsonPath, QueryLanguage::Jsonata) => self.push(
                Rule::JsonpathOnlyField,
                here,
                &format!("{at}/{field}"),
                format!("`{field}` is a JSONPath field; a JSONata state does not have it"),
            ),
            (Only::Jsonata, QueryLanguage::JsonPath) => self.push(
                Rule::JsonataOnlyField,
                here,
                &format!("{at}/{field}"),
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
            (here.pointer, suffix),
            payload,
            here.level + 1 + depth_in_suffix,
        );
        if !within {
            self.deep = true;
        }
        within
    }

    /// `Parameters` (JSONPath) and `Arguments` (JSONata) of the state or
    /// of its member at `at` (`""` or e.g. `/ItemReader`). Returns whether
    /// both nest within the reader's depth.
    fn parameters_arguments(
        &mut self,
        here: &Here<'_>,
        at: &str,
        parameters: Option<&Payload>,
        arguments: Option<&Payload>,
    ) -> bool {
        // The pointers are written out only for a field that is there.
        let parameters_ok = parameters.is_none()
            || self.payload(
                here,
                &format!("{at}/Parameters"),
                parameters,
                Only::JsonPath,
                false,
            );
        let arguments_ok = arguments.is_none()
            || self.payload(
                here,
                &format!("{at}/Arguments"),
                arguments,
                Only::Jsonata,
                false,
            );
        parameters_ok && arguments_ok
    }

    /// `ResultSelector`, `ResultPath`, then `Output` and `Assign`.
    fn results(
        &mut self,
        here: &Here<'_>,
        selector: Option<&Payload>,
        result_path: Option<&Nullable<crate::path::ReferencePath>>,
        output: Option<&Payload>,
        assign: Option<&Payload>,
    ) {
        self.payload(here, "/ResultSelector", selector, Only::JsonPath, false);
        self.only(here, "ResultPath", result_path.is_some(), Only::JsonPath);
        self.result_path(here, "/ResultPath", result_path);
        self.output_assign(here, output, assign);
    }

    /// `Output` (JSONata) and `Assign`.
    fn output_assign(
        &mut self,
        here: &Here<'_>,
        output: Option<&Payload>,
        assign: Option<&Payload>,
    ) {
        self.payload(here, "/Output", output, Only::Jsonata, false);
        self.payload(here, "/Assign", assign, Only::Both, false);
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

    /// Fields that each have a `…Path` twin, as `(field, set, twin set)`:
    /// the twin is a JSONPath field, and a field and its twin exclude each
    /// other. Reports the twins' language first, then the exclusions.
    fn or_path(&mut self, here: &Here<'_>, fields: &[(&str, bool, bool)]) {
        // The `…Path` names are written out only where a `…Path` is given.
        for &(field, _, path) in fields {
            if path {
                self.only(here, &format!("{field}Path"), path, Only::JsonPath);
            }
        }
        for &(field, set, path) in fields {
            if set && path {
                self.exclusive(here, &[(field, set), (&format!("{field}Path"), path)]);
            }
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
        value: Option<&JsonataOr<Integer>>,
    ) -> Option<Integer> {
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
        suffix: &dyn std::fmt::Display,
        value: Integer,
        min: i64,
        max: Option<i64>,
    ) {
        // The message quotes the value as written (`-0`, not `0`).
        let (written, value) = (value, value.get());
        if value < min || max.is_some_and(|max| value > max) {
            // Written out only for an issue.
            let suffix = &suffix.to_string();
            let field = suffix.rsplit('/').next().unwrap_or(suffix);
            let allowed = match max {
                Some(max) => format!("{min} to {max}"),
                None => format!("at least {min}"),
            };
            self.push(
                rule,
                here,
                suffix,
                format!("`{field}` is {written}; it must be {allowed}"),
            );
        }
    }
}

/// The message of [`Rule::NestingTooDeep`].
pub(super) fn too_deep() -> String {
    format!("the definition nests deeper than {MAX_DEPTH} levels here")
}

/// Which query language a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    JsonPath,
    Jsonata,
    Both,
}
