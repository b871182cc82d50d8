//! Structure queries: find a state at any depth, list where it can go and
//! where it can be reached from, walk paths — on the model itself, without
//! running anything.
//!
//! ```
//! use asl_types::{StateMachine, TransitionKind};
//!
//! let machine: StateMachine = r#"{
//!   "StartAt": "Train",
//!   "States": {
//!     "Train": {
//!       "Type": "Task",
//!       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
//!       "Parameters": {"TrainingJobName.$": "$.name"},
//!       "Retry": [{"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "MaxAttempts": 2}],
//!       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
//!       "Next": "Good enough?"
//!     },
//!     "Good enough?": {
//!       "Type": "Choice",
//!       "Choices": [{"Variable": "$.auc", "NumericGreaterThanEquals": 0.9, "Next": "Deploy"}],
//!       "Default": "Failed"
//!     },
//!     "Deploy": {"Type": "Succeed"},
//!     "Failed": {"Type": "Fail", "Error": "TrainingFailed"}
//!   }
//! }"#.parse()?;
//!
//! // Where Train goes, and how.
//! let kinds: Vec<(&str, TransitionKind<'_>)> = machine
//!     .transitions("Train")
//!     .iter()
//!     .map(|t| (t.to.as_str(), t.kind.clone()))
//!     .collect();
//! assert_eq!(kinds[0], ("Good enough?", TransitionKind::Next));
//! assert!(matches!(&kinds[1], ("Failed", TransitionKind::Catch { index: 0, errors }) if errors[0].to_string() == "States.ALL"));
//!
//! assert_eq!(machine.successors("Good enough?"), ["Deploy", "Failed"]);
//! assert_eq!(machine.predecessors("Failed"), ["Train", "Good enough?"]);
//! assert!(machine.is_reachable("Train", "Deploy"));
//! assert_eq!(machine.terminal_states(), ["Deploy", "Failed"]);
//! let paths: Vec<Vec<&str>> = machine
//!     .paths("Train", "Failed", 10)
//!     .iter()
//!     .map(|p| p.iter().map(|s| s.as_str()).collect())
//!     .collect();
//! assert_eq!(paths, [vec!["Train", "Good enough?", "Failed"], vec!["Train", "Failed"]]);
//! assert_eq!(machine.state("Train").unwrap().retriers().len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::machine::StateMachine;
use crate::names::{ErrorName, StateName};
use crate::read::push_key;
use crate::retry::{Catcher, Retrier};
use crate::state::{State, States};

/// One step from a scope into a nested one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScopeStep {
    /// Branch `index` of the Parallel state `state`.
    Branch {
        /// The Parallel state.
        state: String,
        /// Which branch (0-based).
        index: usize,
    },
    /// The item processor of the Map state `state`.
    ItemProcessor {
        /// The Map state.
        state: String,
    },
}

/// Where a state is: the steps from the top-level `States` down to the
/// `States` that holds it (none for a top-level state).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Scope(pub Vec<ScopeStep>);

impl Scope {
    /// Whether this is the machine's own `States`.
    pub fn is_top_level(&self) -> bool {
        self.0.is_empty()
    }

    /// The JSON pointer of the `States` object of this scope
    /// (`/States`, `/States/P/Branches/0/States`, …).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            match step {
                ScopeStep::Branch { state, index } => {
                    push_key(&mut out, "States");
                    push_key(&mut out, state);
                    let _ = write!(out, "/Branches/{index}");
                }
                ScopeStep::ItemProcessor { state } => {
                    push_key(&mut out, "States");
                    push_key(&mut out, state);
                    out.push_str("/ItemProcessor");
                }
            }
        }
        out.push_str("/States");
        out
    }
}

/// A state found in a machine, with where it is.
#[derive(Debug, Clone)]
pub struct Found<'m> {
    /// Its name.
    pub name: &'m StateName,
    /// The state.
    pub state: &'m State,
    /// Where it is.
    pub scope: Scope,
    /// The `States` it belongs to (where its transitions lead).
    pub siblings: &'m States,
}

impl<'m> Found<'m> {
    /// The state's retriers (Task, Parallel and Map states have them).
    pub fn retriers(&self) -> &'m [Retrier] {
        self.state.retriers()
    }

    /// The state's catchers (Task, Parallel and Map states have them).
    pub fn catchers(&self) -> &'m [Catcher] {
        self.state.catchers()
    }

    /// The JSON pointer of the state.
    pub fn pointer(&self) -> String {
        let mut pointer = self.scope.pointer();
        push_key(&mut pointer, self.name.as_str());
        pointer
    }
}

/// How a transition is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransitionKind<'m> {
    /// `Next`.
    Next,
    /// The choice rule `index` of a Choice state.
    ChoiceRule(usize),
    /// A Choice state's `Default`.
    Default,
    /// The catcher `index`, for the errors it names.
    Catch {
        /// Which catcher (0-based).
        index: usize,
        /// Its `ErrorEquals`.
        errors: &'m [ErrorName],
    },
}

/// One transition out of a state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition<'m> {
    /// The state it leaves.
    pub from: &'m StateName,
    /// The state it goes to (in the same `States`).
    pub to: &'m StateName,
    /// How.
    pub kind: TransitionKind<'m>,
}

impl State {
    /// The retriers of a Task, Parallel or Map state (empty for the others).
    pub fn retriers(&self) -> &[Retrier] {
        match self {
            State::Task(t) => t.retry.as_deref(),
            State::Parallel(p) => p.retry.as_deref(),
            State::Map(m) => m.retry.as_deref(),
            _ => None,
        }
        .unwrap_or(&[])
    }

    /// The catchers of a Task, Parallel or Map state (empty for the others).
    pub fn catchers(&self) -> &[Catcher] {
        match self {
            State::Task(t) => t.catch.as_deref(),
            State::Parallel(p) => p.catch.as_deref(),
            State::Map(m) => m.catch.as_deref(),
            _ => None,
        }
        .unwrap_or(&[])
    }

    /// Whether the state ends its scope: `"End": true`, Succeed or Fail.
    pub fn is_terminal(&self) -> bool {
        match self {
            State::Succeed(_) | State::Fail(_) => true,
            State::Task(t) => t.end == Some(true),
            State::Pass(p) => p.end == Some(true),
            State::Wait(w) => w.end == Some(true),
            State::Parallel(p) => p.end == Some(true),
            State::Map(m) => m.end == Some(true),
            State::Choice(_) => false,
        }
    }

    /// Every transition out of the state, in document order: `Next`, the
    /// choice rules and `Default`, the catchers. `from` names the state.
    pub fn transitions<'m>(&'m self, from: &'m StateName) -> Vec<Transition<'m>> {
        let mut out = Vec::new();
        let mut push = |to: &'m StateName, kind| out.push(Transition { from, to, kind });
        if let State::Choice(c) = self {
            for (i, rule) in c.choices.iter().enumerate() {
                push(&rule.next, TransitionKind::ChoiceRule(i));
            }
            if let Some(default) = &c.default {
                push(default, TransitionKind::Default);
            }
        }
        if let Some(next) = self.next() {
            push(next, TransitionKind::Next);
        }
        for (index, catcher) in self.catchers().iter().enumerate() {
            push(
                &catcher.next,
                TransitionKind::Catch {
                    index,
                    errors: &catcher.error_equals,
                },
            );
        }
        out
    }
}

impl StateMachine {
    /// Every state of the machine with its scope, in document order (each
    /// state before the states nested in it).
    pub fn all_states(&self) -> Vec<Found<'_>> {
        let mut out = Vec::new();
        collect(&self.states, &Scope::default(), &mut out);
        out
    }

    /// The state named `name`, at any depth (names are unique machine-wide
    /// in a valid definition; the first in document order otherwise).
    /// `name` is a `&str`, a [`StateName`], or a `#[derive(Workflow)]` enum
    /// value — as for every query here.
    pub fn state(&self, name: impl Into<StateName>) -> Option<Found<'_>> {
        let name = name.into();
        self.all_states().into_iter().find(|f| *f.name == name)
    }

    /// Every transition out of the state `name` (none when there is no such
    /// state).
    pub fn transitions(&self, name: impl Into<StateName>) -> Vec<Transition<'_>> {
        self.state(name)
            .map(|f| f.state.transitions(f.name))
            .unwrap_or_default()
    }

    /// The distinct states the state `name` can go to, in the order of its
    /// transitions.
    pub fn successors(&self, name: impl Into<StateName>) -> Vec<&StateName> {
        let mut out: Vec<&StateName> = Vec::new();
        for t in self.transitions(name) {
            if !out.contains(&t.to) {
                out.push(t.to);
            }
        }
        out
    }

    /// The states of the same scope with a transition to `name`, in
    /// document order.
    pub fn predecessors(&self, name: impl Into<StateName>) -> Vec<&StateName> {
        let Some(found) = self.state(name) else {
            return Vec::new();
        };
        found
            .siblings
            .iter()
            .filter(|(from, state)| state.transitions(from).iter().any(|t| t.to == found.name))
            .map(|(from, _)| from)
            .collect()
    }

    /// The states reachable from `name` (itself included) by transitions
    /// in its scope, in the order a breadth-first walk meets them.
    pub fn reachable_from(&self, name: impl Into<StateName>) -> Vec<&StateName> {
        let Some(found) = self.state(name) else {
            return Vec::new();
        };
        let mut seen = vec![found.name];
        let mut i = 0;
        while let Some(&here) = seen.get(i) {
            i += 1;
            if let Some(state) = found.siblings.get(here) {
                for t in state.transitions(here) {
                    if found.siblings.contains_key(t.to) && !seen.contains(&t.to) {
                        seen.push(t.to);
                    }
                }
            }
        }
        seen
    }

    /// Whether `to` can be reached from `from` (in the same scope).
    pub fn is_reachable(&self, from: impl Into<StateName>, to: impl Into<StateName>) -> bool {
        let to = to.into();
        self.reachable_from(from).iter().any(|s| **s == to)
    }

    /// Every path from `from` to `to` (as the states entered) that enters no
    /// state twice, at most `limit` of them, found depth first in
    /// transition order.
    pub fn paths(
        &self,
        from: impl Into<StateName>,
        to: impl Into<StateName>,
        limit: usize,
    ) -> Vec<Vec<&StateName>> {
        let Some(found) = self.state(from) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let to = to.into();
        let mut path = vec![found.name];
        let mut on_path: HashSet<&StateName> = HashSet::from([found.name]);
        walk(
            found.siblings,
            &to,
            limit,
            &mut path,
            &mut on_path,
            &mut out,
        );
        out
    }

    /// The top-level states that end the execution: `"End": true`, Succeed
    /// and Fail, in document order.
    pub fn terminal_states(&self) -> Vec<&StateName> {
        self.states
            .iter()
            .filter(|(_, state)| state.is_terminal())
            .map(|(name, _)| name)
            .collect()
    }
}

fn collect<'m>(states: &'m States, scope: &Scope, out: &mut Vec<Found<'m>>) {
    for (name, state) in states {
        out.push(Found {
            name,
            state,
            scope: scope.clone(),
            siblings: states,
        });
        match state {
            State::Parallel(p) => {
                for (index, branch) in p.branches.iter().enumerate() {
                    let mut inner = scope.clone();
                    inner.0.push(ScopeStep::Branch {
                        state: name.to_string(),
                        index,
                    });
                    collect(&branch.states, &inner, out);
                }
            }
            State::Map(m) => {
                if let Some(processor) = m.item_processor.as_ref().or(m.iterator.as_ref()) {
                    let mut inner = scope.clone();
                    inner.0.push(ScopeStep::ItemProcessor {
                        state: name.to_string(),
                    });
                    collect(&processor.states, &inner, out);
                }
            }
            _ => {}
        }
    }
}

fn walk<'m>(
    states: &'m States,
    to: &StateName,
    limit: usize,
    path: &mut Vec<&'m StateName>,
    on_path: &mut HashSet<&'m StateName>,
    out: &mut Vec<Vec<&'m StateName>>,
) {
    if out.len() >= limit {
        return;
    }
    let here = *path.last().expect("a path starts with one state");
    if here == to {
        out.push(path.clone());
        return;
    }
    let Some(state) = states.get(here) else {
        return;
    };
    let mut tried: Vec<&StateName> = Vec::new();
    for t in state.transitions(here) {
        if out.len() >= limit {
            return;
        }
        // Two transitions to one state (`Next` and a catcher) are one path.
        if tried.contains(&t.to) || !states.contains_key(t.to) || on_path.contains(t.to) {
            continue;
        }
        tried.push(t.to);
        path.push(t.to);
        on_path.insert(t.to);
        walk(states, to, limit, path, on_path, out);
        on_path.remove(t.to);
        path.pop();
    }
}
