//! Which states and transitions the runs of an [`Executor`](crate::Executor)
//! exercised, and which they never did.

use std::collections::HashMap;
use std::fmt;

use asl_types::{Json, JsonObject, State, StateMachine, States};

/// What the runs did in one state, by its name (names are unique machine-wide,
/// nested branches and item processors included).
#[derive(Debug, Clone, Default)]
pub(crate) struct StateHits {
    entered: u64,
    rules: Vec<u64>,
    default: u64,
    catches: Vec<u64>,
    retries: Vec<u64>,
}

/// The counts gathered while running.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hits(HashMap<String, StateHits>);

fn bump(list: &mut Vec<u64>, i: usize) {
    if list.len() <= i {
        list.resize(i + 1, 0);
    }
    list[i] += 1;
}

impl Hits {
    fn state(&mut self, name: &str) -> &mut StateHits {
        if !self.0.contains_key(name) {
            self.0.insert(name.to_owned(), StateHits::default());
        }
        self.0.get_mut(name).expect("inserted above")
    }

    pub(crate) fn entered(&mut self, name: &str) {
        self.state(name).entered += 1;
    }

    pub(crate) fn rule(&mut self, name: &str, index: usize) {
        bump(&mut self.state(name).rules, index);
    }

    pub(crate) fn took_default(&mut self, name: &str) {
        self.state(name).default += 1;
    }

    pub(crate) fn catch(&mut self, name: &str, index: usize) {
        bump(&mut self.state(name).catches, index);
    }

    pub(crate) fn retry(&mut self, name: &str, index: usize) {
        bump(&mut self.state(name).retries, index);
    }

    pub(crate) fn merge(&mut self, other: Hits) {
        for (name, hits) in other.0 {
            let mine = self.state(&name);
            mine.entered += hits.entered;
            mine.default += hits.default;
            for (list, theirs) in [
                (&mut mine.rules, hits.rules),
                (&mut mine.catches, hits.catches),
                (&mut mine.retries, hits.retries),
            ] {
                for (i, n) in theirs.into_iter().enumerate() {
                    if list.len() <= i {
                        list.resize(i + 1, 0);
                    }
                    list[i] += n;
                }
            }
        }
    }
}

/// One thing a run can exercise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Target {
    /// The state was entered.
    State {
        /// The state.
        state: String,
    },
    /// A Choice rule matched (`rule` counts from 0) and went to `next`.
    ChoiceRule {
        /// The Choice state.
        state: String,
        /// The rule's index in `Choices`.
        rule: usize,
        /// Where it goes.
        next: String,
    },
    /// No Choice rule matched and the `Default` was taken.
    ChoiceDefault {
        /// The Choice state.
        state: String,
        /// The default state.
        next: String,
    },
    /// A catcher caught an error (`catcher` counts from 0).
    Catch {
        /// The state with the catcher.
        state: String,
        /// The catcher's index in `Catch`.
        catcher: usize,
        /// Its `ErrorEquals`, joined with `, `.
        errors: String,
        /// Where it goes.
        next: String,
    },
    /// A retrier retried (`retrier` counts from 0).
    Retry {
        /// The state with the retrier.
        state: String,
        /// The retrier's index in `Retry`.
        retrier: usize,
        /// Its `ErrorEquals`, joined with `, `.
        errors: String,
    },
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::State { state } => write!(f, "state `{state}`"),
            Target::ChoiceRule { state, rule, next } => {
                write!(f, "`{state}` Choices[{rule}] -> `{next}`")
            }
            Target::ChoiceDefault { state, next } => write!(f, "`{state}` Default -> `{next}`"),
            Target::Catch {
                state,
                catcher,
                errors,
                next,
            } => write!(f, "`{state}` Catch[{catcher}] ({errors}) -> `{next}`"),
            Target::Retry {
                state,
                retrier,
                errors,
            } => write!(f, "`{state}` Retry[{retrier}] ({errors})"),
        }
    }
}

/// Every state and transition of a machine, each with how many times the
/// runs exercised it: entering each state (nested branches and item
/// processors included), each Choice rule, each `Default`, each catcher and
/// each retrier.
///
/// [`Executor::coverage`](crate::Executor::coverage) returns it for every run
/// so far; [`assert_complete`](Coverage::assert_complete) fails a test that
/// left something unexercised, naming each.
///
/// ```
/// use asl_test::{Executor, Mock};
/// use asl_types::{Json, StateMachine};
///
/// let machine: StateMachine = r#"{
///   "StartAt": "Check",
///   "States": {
///     "Check": {"Type": "Choice",
///               "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Yes"}],
///               "Default": "No"},
///     "Yes": {"Type": "Succeed"},
///     "No": {"Type": "Fail", "Error": "Nope"}
///   }
/// }"#.parse()?;
/// let mut executor = Executor::new(&machine);
/// executor.run(r#"{"ok": true}"#.parse()?)?;
/// let coverage = executor.coverage();
/// assert_eq!(coverage.covered(), 3);
/// let missed: Vec<String> = coverage.missed().map(ToString::to_string).collect();
/// assert_eq!(missed, ["`Check` Default -> `No`", "state `No`"]);
///
/// executor.run(r#"{"ok": false}"#.parse()?)?;
/// executor.coverage().assert_complete();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    items: Vec<(Target, u64)>,
}

impl Coverage {
    pub(crate) fn new(machine: &StateMachine, hits: &Hits) -> Coverage {
        let mut items = Vec::new();
        collect(&machine.states, hits, &mut items);
        Coverage { items }
    }

    /// Every target, in definition order (each state, then its
    /// transitions), with how many times it was exercised.
    pub fn targets(&self) -> impl Iterator<Item = (&Target, u64)> {
        self.items.iter().map(|(t, n)| (t, *n))
    }

    /// The targets never exercised.
    pub fn missed(&self) -> impl Iterator<Item = &Target> {
        self.items.iter().filter(|(_, n)| *n == 0).map(|(t, _)| t)
    }

    /// How many targets were exercised.
    pub fn covered(&self) -> usize {
        self.items.iter().filter(|(_, n)| *n > 0).count()
    }

    /// How many targets there are.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// Adds the counts of `other`, the coverage of the same machine (by
    /// other runs). Targets `other` lacks are left as they are.
    pub fn merge(&mut self, other: &Coverage) {
        for ((mine, n), (theirs, m)) in self.items.iter_mut().zip(&other.items) {
            if mine == theirs {
                *n += m;
            }
        }
    }

    /// Whether every target was exercised.
    pub fn is_complete(&self) -> bool {
        self.items.iter().all(|(_, n)| *n > 0)
    }

    /// Panics, listing every target never exercised, unless all were.
    ///
    /// # Panics
    /// When something was never exercised.
    #[track_caller]
    pub fn assert_complete(&self) {
        if !self.is_complete() {
            let list: Vec<String> = self.missed().map(|t| format!("  - {t}")).collect();
            panic!(
                "coverage {} of {}: never exercised:\n{}",
                self.covered(),
                self.total(),
                list.join("\n")
            );
        }
    }

    /// The report as JSON: `{"covered": N, "total": N, "targets": [{"target",
    /// "count"}], "missed": [TEXT]}`.
    pub fn to_json(&self) -> Json {
        let mut o = JsonObject::new();
        o.insert("covered".into(), Json::Number(self.covered().into()));
        o.insert("total".into(), Json::Number(self.total().into()));
        let targets = self
            .items
            .iter()
            .map(|(t, n)| {
                let mut e = JsonObject::new();
                e.insert("target".into(), Json::String(t.to_string()));
                e.insert("count".into(), Json::Number((*n).into()));
                Json::Object(e)
            })
            .collect();
        o.insert("targets".into(), Json::Array(targets));
        o.insert(
            "missed".into(),
            Json::Array(self.missed().map(|t| Json::String(t.to_string())).collect()),
        );
        Json::Object(o)
    }
}

/// The report: a summary line, then one line per target, `[x]` when
/// exercised (with the count) and `[ ]` when not.
impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "coverage: {} of {} exercised",
            self.covered(),
            self.total()
        )?;
        for (target, n) in &self.items {
            if *n == 0 {
                writeln!(f, "  [ ] {target}")?;
            } else {
                writeln!(f, "  [x] {target} ({n})")?;
            }
        }
        Ok(())
    }
}

fn joined(names: &[asl_types::ErrorName]) -> String {
    names
        .iter()
        .map(asl_types::ErrorName::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn collect(states: &States, hits: &Hits, out: &mut Vec<(Target, u64)>) {
    for (name, state) in states {
        let name = name.as_str();
        let h = hits.0.get(name);
        let at =
            |list: Option<&Vec<u64>>, i: usize| list.and_then(|l| l.get(i)).copied().unwrap_or(0);
        out.push((
            Target::State {
                state: name.to_owned(),
            },
            h.map_or(0, |h| h.entered),
        ));
        let (retry, catch, nested) = match state {
            State::Choice(c) => {
                for (i, rule) in c.choices.iter().enumerate() {
                    out.push((
                        Target::ChoiceRule {
                            state: name.to_owned(),
                            rule: i,
                            next: rule.next.to_string(),
                        },
                        at(h.map(|h| &h.rules), i),
                    ));
                }
                if let Some(default) = &c.default {
                    out.push((
                        Target::ChoiceDefault {
                            state: name.to_owned(),
                            next: default.to_string(),
                        },
                        h.map_or(0, |h| h.default),
                    ));
                }
                (None, None, Vec::new())
            }
            State::Task(t) => (t.retry.as_ref(), t.catch.as_ref(), Vec::new()),
            State::Parallel(p) => (
                p.retry.as_ref(),
                p.catch.as_ref(),
                p.branches.iter().map(|b| &b.states).collect(),
            ),
            State::Map(m) => (
                m.retry.as_ref(),
                m.catch.as_ref(),
                m.item_processor
                    .as_ref()
                    .or(m.iterator.as_ref())
                    .map(|p| &p.states)
                    .into_iter()
                    .collect(),
            ),
            _ => (None, None, Vec::new()),
        };
        for (i, r) in retry.into_iter().flatten().enumerate() {
            out.push((
                Target::Retry {
                    state: name.to_owned(),
                    retrier: i,
                    errors: joined(&r.error_equals),
                },
                at(h.map(|h| &h.retries), i),
            ));
        }
        for (i, c) in catch.into_iter().flatten().enumerate() {
            out.push((
                Target::Catch {
                    state: name.to_owned(),
                    catcher: i,
                    errors: joined(&c.error_equals),
                    next: c.next.to_string(),
                },
                at(h.map(|h| &h.catches), i),
            ));
        }
        for states in nested {
            collect(states, hits, out);
        }
    }
}
