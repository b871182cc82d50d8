//! The machine builder and the handles it returns.

use std::sync::atomic::{AtomicU64, Ordering};

use asl_types::{
    Branch, ChoiceRule, Condition, ItemProcessor, Payload, QueryLanguage, State, StateMachine,
    StateName, States,
};

use crate::error::{BuildError, misuse, path_issue};
use crate::reference::PathErrors;
use crate::spec::{
    AutoPayload, Catch, ChoiceSpec, FailSpec, MapSpec, ParallelSpec, PassSpec, SucceedSpec,
    TaskSpec, WaitSpec,
};
use asl_types::validate::Options;
use asl_types::{Issue, Report, Rule};

static NEXT_BUILDER: AtomicU64 = AtomicU64::new(1);

/// A state that moves on to another: Task, Pass, Wait, Parallel or Map.
/// It can be the source of [`StateMachineBuilder::next`] and
/// [`StateMachineBuilder::end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateRef {
    raw: RawRef,
}

/// A Choice state: it takes rules and a default, never `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChoiceRef {
    raw: RawRef,
}

/// A Succeed or Fail state: it ends the machine and has no successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TerminalRef {
    raw: RawRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RawRef {
    builder: u64,
    index: usize,
}

mod sealed {
    pub trait Sealed {}
}

/// Anything a transition can lead to: every handle.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a state handle",
    note = "transitions take the handles `StateMachineBuilder` returns (`StateRef`, `ChoiceRef`, `TerminalRef`), never names"
)]
pub trait Target: sealed::Sealed + Copy {
    #[doc(hidden)]
    fn raw(self) -> (u64, usize);
}

macro_rules! handle {
    ($($t:ident),*) => {$(
        impl sealed::Sealed for $t {}
        impl Target for $t {
            fn raw(self) -> (u64, usize) {
                (self.raw.builder, self.raw.index)
            }
        }
    )*};
}
handle!(StateRef, ChoiceRef, TerminalRef);

/// Builds a [`StateMachine`] (or a Parallel branch, or a Map's item
/// processor) from states added one by one, linked by handles.
///
/// ```
/// use asl_builder::{FailSpec, StateMachineBuilder, TaskSpec, Retry, Catch};
/// use asl_builder::types::{Resource, ErrorName};
///
/// let mut sm = StateMachineBuilder::new().comment("notify, or fail");
/// let notify = sm.task("Notify", TaskSpec::new("arn:aws:states:::sns:publish")
///     .retry(Retry::on([ErrorName::Timeout]).max_attempts(2)));
/// let failed = sm.fail("Failed", FailSpec::new("NotifyFailed", "could not publish"));
/// sm.start_at(notify).end(notify).catch(notify, Catch::all(), failed);
/// // sm.next(failed, notify); // does not compile: a Fail state has no successor
/// let machine = sm.build()?;
/// assert_eq!(machine.states.len(), 2);
/// # Ok::<(), asl_builder::BuildError>(())
/// ```
#[derive(Debug, PartialEq)]
#[must_use]
pub struct StateMachineBuilder {
    id: u64,
    machine: StateMachine,
    start_at: Option<usize>,
    entries: Vec<Entry>,
    issues: Vec<Issue>,
    /// `allow` and `deny_warnings`, as the validator takes them.
    options: Options,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: StateName,
    state: State,
    payload: AutoPayload,
    branches: Vec<StateMachineBuilder>,
    processor: Option<(
        StateMachineBuilder,
        Option<asl_types::ProcessorConfig>,
        bool,
    )>,
}

/// A clone is a new builder: handles of the original are foreign to it (and
/// reported as such), so a handle can never point past a builder's states.
impl Clone for StateMachineBuilder {
    fn clone(&self) -> Self {
        StateMachineBuilder {
            id: NEXT_BUILDER.fetch_add(1, Ordering::Relaxed),
            machine: self.machine.clone(),
            start_at: self.start_at,
            entries: self.entries.clone(),
            issues: self.issues.clone(),
            options: self.options.clone(),
        }
    }
}

impl Default for StateMachineBuilder {
    fn default() -> Self {
        StateMachineBuilder::new()
    }
}

impl StateMachineBuilder {
    /// An empty machine (or branch, or item processor).
    pub fn new() -> StateMachineBuilder {
        StateMachineBuilder {
            id: NEXT_BUILDER.fetch_add(1, Ordering::Relaxed),
            machine: StateMachine::new("", States::new()),
            start_at: None,
            entries: Vec::new(),
            issues: Vec::new(),
            options: Options::new(),
        }
    }

    /// `Comment`
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.machine.comment = Some(comment.into());
        self
    }

    /// `QueryLanguage` of the machine (the default for every state).
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.machine.query_language = Some(language);
        self
    }

    /// `Version`
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.machine.version = Some(version.into());
        self
    }

    /// `TimeoutSeconds` of the whole execution.
    pub fn timeout_seconds(mut self, seconds: i64) -> Self {
        self.machine.timeout_seconds = Some(seconds.into());
        self
    }

    /// Makes [`build`](Self::build) fail on warnings too.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.options = self.options.deny_warnings(deny);
        self
    }

    /// What `${…}` placeholders (kept for SAM / CloudFormation
    /// `DefinitionSubstitutions`) mean to [`build`](Self::build): opaque
    /// values of the type their field expects (the default), or
    /// `unresolved-placeholder` errors, as `asl validate --deny
    /// placeholders`.
    ///
    /// ```
    /// use asl_builder::{StateMachineBuilder, TaskSpec};
    /// use asl_builder::types::placeholders::Placeholders;
    /// use asl_builder::types::Resource;
    ///
    /// let machine = |sm: StateMachineBuilder| {
    ///     let mut sm = sm;
    ///     let t = sm.task("T", TaskSpec::new(Resource::Other("${TrainFunctionArn}".into())));
    ///     sm.start_at(t).end(t);
    ///     sm.build()
    /// };
    /// assert!(machine(StateMachineBuilder::new()).is_ok());
    /// assert!(machine(StateMachineBuilder::new().placeholders(Placeholders::Deny)).is_err());
    /// ```
    pub fn placeholders(mut self, placeholders: asl_types::placeholders::Placeholders) -> Self {
        self.options = self.options.placeholders(placeholders);
        self
    }

    /// Turns the validator's rule `rule` off for this machine, as
    /// `asl validate --allow RULE` does (builder misuse cannot be allowed).
    ///
    /// ```
    /// use asl_builder::StateMachineBuilder;
    /// use asl_builder::types::{Resource, Rule};
    /// use asl_builder::TaskSpec;
    ///
    /// let machine = |sm: StateMachineBuilder| {
    ///     let mut sm = sm;
    ///     let resource: Resource = "arn:aws:newservice:us-east-1:123456789012:thing/x".parse().unwrap();
    ///     let t = sm.task("T", TaskSpec::new(resource));
    ///     sm.start_at(t).end(t);
    ///     sm.build()
    /// };
    /// let warned = machine(StateMachineBuilder::new())?;
    /// assert_eq!(warned.warnings().iter().map(|w| w.rule).collect::<Vec<_>>(), [Rule::ResourceArn]);
    /// let allowed = machine(StateMachineBuilder::new().allow(Rule::ResourceArn))?;
    /// assert!(allowed.warnings().is_empty());
    /// # Ok::<(), asl_builder::BuildError>(())
    /// ```
    pub fn allow(mut self, rule: Rule) -> Self {
        if !rule.id().starts_with("builder-") {
            self.options = self.options.allow(rule);
        }
        self
    }

    /// Reports the Reference Path mistakes a spec of state `name` met.
    fn path_errors(&mut self, name: &StateName, errors: PathErrors, prefix: &[&str]) {
        for (field, error) in errors.0 {
            let mut keys = prefix.to_vec();
            keys.push(field);
            self.issues.push(path_issue(name.as_str(), &keys, &error));
        }
    }

    fn push(&mut self, name: impl Into<StateName>, state: State) -> RawRef {
        let name = name.into();
        if self.entries.iter().any(|e| e.name == name) {
            self.issues.push(misuse(
                Rule::BuilderDuplicateState,
                Some(name.as_str()),
                format!("state `{name}` is added twice"),
            ));
        }
        self.entries.push(Entry {
            name,
            state,
            payload: AutoPayload::default(),
            branches: Vec::new(),
            processor: None,
        });
        RawRef {
            builder: self.id,
            index: self.entries.len() - 1,
        }
    }

    /// Adds a Task state.
    pub fn task(&mut self, name: impl Into<StateName>, spec: impl Into<TaskSpec>) -> StateRef {
        let spec = spec.into();
        let name = name.into();
        if let Some(message) = spec.error {
            self.issues
                .push(misuse(Rule::DynamicValue, Some(name.as_str()), message));
        }
        self.path_errors(&name, spec.path_errors, &[]);
        let raw = self.push(name, State::from(spec.task));
        self.entries[raw.index].payload = spec.payload;
        StateRef { raw }
    }

    /// Adds a Pass state.
    pub fn pass(&mut self, name: impl Into<StateName>, spec: PassSpec) -> StateRef {
        let name = name.into();
        self.path_errors(&name, spec.path_errors, &[]);
        StateRef {
            raw: self.push(name, State::Pass(spec.pass)),
        }
    }

    /// Adds a Wait state.
    pub fn wait(&mut self, name: impl Into<StateName>, spec: WaitSpec) -> StateRef {
        let name = name.into();
        self.path_errors(&name, spec.path_errors, &[]);
        StateRef {
            raw: self.push(name, State::Wait(spec.wait)),
        }
    }

    /// Adds a Parallel state.
    pub fn parallel(&mut self, name: impl Into<StateName>, spec: ParallelSpec) -> StateRef {
        let name = name.into();
        self.path_errors(&name, spec.path_errors, &[]);
        let raw = self.push(name, State::Parallel(spec.parallel));
        let entry = &mut self.entries[raw.index];
        entry.branches = spec.branches;
        entry.payload = spec.payload;
        StateRef { raw }
    }

    /// Adds a Map state.
    pub fn map(&mut self, name: impl Into<StateName>, spec: MapSpec) -> StateRef {
        let name = name.into();
        self.path_errors(&name, spec.path_errors, &[]);
        let raw = self.push(name, State::from(spec.map));
        self.entries[raw.index].processor =
            Some((spec.processor, spec.processor_config, spec.iterator));
        StateRef { raw }
    }

    /// Adds a Choice state; give it rules with [`when`](Self::when) and a
    /// default with [`otherwise`](Self::otherwise).
    pub fn choice(&mut self, name: impl Into<StateName>) -> ChoiceRef {
        self.choice_with(name, ChoiceSpec::new())
    }

    /// Adds a Choice state with fields of its own.
    pub fn choice_with(&mut self, name: impl Into<StateName>, spec: ChoiceSpec) -> ChoiceRef {
        ChoiceRef {
            raw: self.push(name, State::Choice(spec.choice)),
        }
    }

    /// Adds a Succeed state.
    pub fn succeed(&mut self, name: impl Into<StateName>) -> TerminalRef {
        self.succeed_with(name, SucceedSpec::new())
    }

    /// Adds a Succeed state with fields of its own.
    pub fn succeed_with(&mut self, name: impl Into<StateName>, spec: SucceedSpec) -> TerminalRef {
        TerminalRef {
            raw: self.push(name, State::Succeed(spec.succeed)),
        }
    }

    /// Adds a Fail state.
    pub fn fail(&mut self, name: impl Into<StateName>, spec: FailSpec) -> TerminalRef {
        TerminalRef {
            raw: self.push(name, State::Fail(spec.fail)),
        }
    }

    /// Resolves a handle of this builder; records an issue for a foreign one.
    fn index_of(&mut self, target: impl Target) -> Option<usize> {
        let (builder, index) = target.raw();
        if builder == self.id {
            Some(index)
        } else {
            self.issues.push(misuse(
                Rule::BuilderForeignHandle,
                None,
                "a state handle from another builder (a branch or item processor handle used in its parent, or the reverse)",
            ));
            None
        }
    }

    fn name_of(&mut self, target: impl Target) -> Option<StateName> {
        self.index_of(target).map(|i| self.entries[i].name.clone())
    }

    /// `StartAt`: the first state.
    pub fn start_at(&mut self, first: impl Target) -> &mut Self {
        self.start_at = self.index_of(first);
        self
    }

    /// `Next`: after `from`, go to `to`.
    pub fn next(&mut self, from: StateRef, to: impl Target) -> &mut Self {
        if let (Some(from), Some(to)) = (self.index_of(from), self.name_of(to)) {
            let entry = &mut self.entries[from];
            let (next, end) = match &mut entry.state {
                State::Task(s) => (&mut s.next, s.end),
                State::Pass(s) => (&mut s.next, s.end),
                State::Wait(s) => (&mut s.next, s.end),
                State::Parallel(s) => (&mut s.next, s.end),
                State::Map(s) => (&mut s.next, s.end),
                // A `StateRef` is only made for states that move on.
                _ => return self,
            };
            let before = match (next.as_ref(), end) {
                (Some(prev), _) if *prev != to => Some(format!("`next` to `{prev}`")),
                (_, Some(true)) => Some("`end`".to_owned()),
                _ => None,
            };
            *next = Some(to.clone());
            if let Some(before) = before {
                let name = entry.name.clone();
                self.issues.push(misuse(
                    Rule::BuilderSecondTransition,
                    Some(name.as_str()),
                    format!("state `{name}` already has {before}; `next` to `{to}` replaced it"),
                ));
            }
        }
        self
    }

    /// `"End": true`: the state ends its scope.
    pub fn end(&mut self, state: StateRef) -> &mut Self {
        if let Some(i) = self.index_of(state) {
            let entry = &mut self.entries[i];
            let (next, end) = match &mut entry.state {
                State::Task(s) => (&s.next, &mut s.end),
                State::Pass(s) => (&s.next, &mut s.end),
                State::Wait(s) => (&s.next, &mut s.end),
                State::Parallel(s) => (&s.next, &mut s.end),
                State::Map(s) => (&s.next, &mut s.end),
                // A `StateRef` is only made for states that move on.
                _ => return self,
            };
            *end = Some(true);
            if let Some(prev) = next.clone() {
                let name = entry.name.clone();
                self.issues.push(misuse(
                    Rule::BuilderSecondTransition,
                    Some(name.as_str()),
                    format!("state `{name}` already has `next` to `{prev}`; `end` makes it both"),
                ));
            }
        }
        self
    }

    /// Adds a catcher to a Task, Parallel or Map state: on `catch`'s errors, go to `to`.
    pub fn catch(&mut self, state: StateRef, catch: Catch, to: impl Target) -> &mut Self {
        if let (Some(i), Some(to)) = (self.index_of(state), self.name_of(to)) {
            let name = self.entries[i].name.clone();
            let position = match &self.entries[i].state {
                State::Task(s) => s.catch.as_ref().map_or(0, Vec::len),
                State::Parallel(s) => s.catch.as_ref().map_or(0, Vec::len),
                State::Map(s) => s.catch.as_ref().map_or(0, Vec::len),
                _ => 0,
            }
            .to_string();
            self.path_errors(&name, catch.path_errors, &["Catch", &position]);
            let mut catcher = catch.catcher;
            catcher.next = to;
            let catchers = match &mut self.entries[i].state {
                State::Task(s) => &mut s.catch,
                State::Parallel(s) => &mut s.catch,
                State::Map(s) => &mut s.catch,
                other => {
                    let ty = other.type_name();
                    let name = self.entries[i].name.to_string();
                    self.issues.push(misuse(
                        Rule::BuilderCannotCatch,
                        Some(&name),
                        format!("a {ty} state cannot catch errors"),
                    ));
                    return self;
                }
            };
            catchers.get_or_insert_with(Vec::new).push(catcher);
        }
        self
    }

    /// Adds a rule to a Choice state: when `condition` holds, go to `to`.
    pub fn when(&mut self, choice: ChoiceRef, condition: Condition, to: impl Target) -> &mut Self {
        self.when_rule(choice, condition, to, |rule| rule)
    }

    /// Adds a rule with `Comment`, `Assign` or `Output` set by `configure`.
    pub fn when_rule(
        &mut self,
        choice: ChoiceRef,
        condition: Condition,
        to: impl Target,
        configure: impl FnOnce(ChoiceRule) -> ChoiceRule,
    ) -> &mut Self {
        if let (Some(i), Some(to)) = (self.index_of(choice), self.name_of(to))
            && let State::Choice(c) = &mut self.entries[i].state
        {
            c.choices.push(configure(ChoiceRule::new(condition, to)));
        }
        self
    }

    /// `Default` of a Choice state.
    pub fn otherwise(&mut self, choice: ChoiceRef, to: impl Target) -> &mut Self {
        if let (Some(i), Some(to)) = (self.index_of(choice), self.name_of(to))
            && let State::Choice(c) = &mut self.entries[i].state
        {
            c.default = Some(to);
        }
        self
    }

    /// Assembles the states, resolving each payload into `Parameters` or
    /// `Arguments` by the state's query language.
    fn assemble(
        self,
        inherited: QueryLanguage,
        issues: &mut Vec<Issue>,
    ) -> (Option<StateName>, States, StateMachine) {
        issues.extend(self.issues);
        let language = self.machine.query_language.unwrap_or(inherited);
        let start_at = self.start_at.map(|i| self.entries[i].name.clone());
        if start_at.is_none() {
            issues.push(misuse(
                Rule::BuilderNoStartState,
                None,
                "no start state: call `start_at`",
            ));
        }
        let mut states = States::with_capacity(self.entries.len());
        for entry in self.entries {
            let Entry {
                name,
                mut state,
                payload,
                branches,
                processor,
            } = entry;
            let here = state.query_language().unwrap_or(language);
            place_payload(&mut state, payload.0, here);
            match &mut state {
                State::Parallel(p) => {
                    for branch in branches {
                        let (start_at, states, machine) = branch.assemble(here, issues);
                        let mut b = Branch::new(start_at.unwrap_or_default(), states);
                        b.comment = machine.comment;
                        p.branches.push(b);
                    }
                }
                State::Map(m) => {
                    if let Some((builder, config, iterator)) = processor {
                        let (start_at, states, machine) = builder.assemble(here, issues);
                        let mut ip = ItemProcessor::new(start_at.unwrap_or_default(), states);
                        ip.comment = machine.comment;
                        ip.processor_config = config;
                        if iterator {
                            m.iterator = Some(ip);
                        } else {
                            m.item_processor = Some(ip);
                        }
                    }
                }
                _ => {}
            }
            states.insert(name, state);
        }
        (start_at, states, self.machine)
    }

    /// The finished machine, checked by the validator
    /// ([`asl_types::validate()`]): every issue is reported at once.
    ///
    /// The machine comes with its warnings ([`Built::warnings`]): a warning
    /// is no error, but it is not dropped either (`emit::cargo_warnings`
    /// prints them from `build.rs`).
    ///
    /// # Errors
    /// A [`BuildError`] listing every problem: builder misuse (a handle from
    /// another builder, a name added twice, no start state) and every
    /// validation error (and warning, with [`deny_warnings`](Self::deny_warnings)),
    /// less the rules [`allow`](Self::allow)ed.
    pub fn build(self) -> Result<Built, BuildError> {
        let options = self.options.clone();
        let mut issues = Vec::new();
        let (start_at, states, mut machine) = self.assemble(QueryLanguage::JsonPath, &mut issues);
        machine.start_at = start_at.unwrap_or_default();
        machine.states = states;
        let no_start = issues.iter().any(|i| i.rule == Rule::BuilderNoStartState);
        let report = asl_types::validate::validate_with(&machine, &options);
        let mut warnings = Vec::new();
        for issue in report {
            // A missing `start_at` is reported once, by the builder.
            if no_start && issue.rule == Rule::UnknownStartAt && issue.state.is_none() {
                continue;
            }
            if options.deny_warnings || issue.is_error() {
                issues.push(issue);
            } else {
                warnings.push(issue);
            }
        }
        if issues.is_empty() {
            Ok(Built {
                machine,
                warnings: Report::from_issues(warnings),
            })
        } else {
            Err(BuildError::new(issues))
        }
    }
}

/// A machine that [`StateMachineBuilder::build`] accepted, with the warnings
/// the validator found on it. It reads as the machine (`Deref`);
/// [`into_machine`](Built::into_machine) takes the machine and lets the
/// warnings go on purpose.
///
/// ```
/// use asl_builder::types::sagemaker::{CreateEndpoint, SageMakerOperation};
/// use asl_builder::{StateMachineBuilder, TaskSpec};
///
/// let mut sm = StateMachineBuilder::new();
/// // An endpoint name the SageMaker model's pattern does not allow: a warning.
/// let request = CreateEndpoint::builder().endpoint_name("my_endpoint!").endpoint_config_name("cfg").build();
/// let deploy = sm.task("Deploy", TaskSpec::from(request.request_response()));
/// sm.start_at(deploy).end(deploy);
/// let built = sm.build()?;
/// assert_eq!(built.warnings().iter().map(|w| w.rule.id()).collect::<Vec<_>>(), ["sagemaker-constraint"]);
/// assert_eq!(built.states.len(), 1); // the machine, through `Deref`
/// let lines = asl_builder::emit::cargo_warnings(&built);
/// assert!(lines[0].starts_with("cargo::warning=Deploy: /States/Deploy/Parameters/EndpointName: "));
/// # Ok::<(), asl_builder::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "the machine comes with its warnings: use them, or `into_machine()` to let them go"]
pub struct Built {
    machine: StateMachine,
    warnings: Report,
}

impl Built {
    /// The warnings, in document order.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }

    /// The machine, letting the warnings go.
    pub fn into_machine(self) -> StateMachine {
        self.machine
    }

    /// The machine and its warnings.
    pub fn into_parts(self) -> (StateMachine, Report) {
        (self.machine, self.warnings)
    }
}

impl std::ops::Deref for Built {
    type Target = StateMachine;
    fn deref(&self) -> &StateMachine {
        &self.machine
    }
}

impl AsRef<StateMachine> for Built {
    fn as_ref(&self) -> &StateMachine {
        &self.machine
    }
}

impl From<Built> for StateMachine {
    fn from(built: Built) -> StateMachine {
        built.machine
    }
}

/// Writes the machine (the warnings are not part of the definition).
impl serde::Serialize for Built {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.machine.serialize(s)
    }
}

impl PartialEq<StateMachine> for Built {
    fn eq(&self, other: &StateMachine) -> bool {
        &self.machine == other
    }
}

fn place_payload(state: &mut State, payload: Option<Payload>, language: QueryLanguage) {
    let Some(payload) = payload else { return };
    let (parameters, arguments) = match state {
        State::Task(t) => (&mut t.parameters, &mut t.arguments),
        State::Parallel(p) => (&mut p.parameters, &mut p.arguments),
        _ => return,
    };
    match language {
        QueryLanguage::JsonPath => *parameters = Some(payload),
        QueryLanguage::Jsonata => *arguments = Some(payload),
    }
}
