//! Transitions of a scope and what is reachable from its `StartAt`.

use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::Bfs;

use crate::names::StateName;
use crate::state::{State, States};

/// Where a transition is written in its state.
#[derive(Debug, Clone, Copy)]
pub(super) enum Edge {
    /// `Next`
    Next,
    /// `Default` of a Choice state.
    Default,
    /// `Choices[i].Next`
    Choice(usize),
    /// `Catch[i].Next`
    Catch(usize),
}

impl Edge {
    /// The JSON pointer of the transition, relative to its state.
    pub(super) fn suffix(self) -> String {
        match self {
            Edge::Next => "/Next".to_owned(),
            Edge::Default => "/Default".to_owned(),
            Edge::Choice(i) => format!("/Choices/{i}/Next"),
            Edge::Catch(i) => format!("/Catch/{i}/Next"),
        }
    }
}

/// Calls `f` with every transition of `state`, in document order.
pub(super) fn for_each_edge<'m>(state: &'m State, mut f: impl FnMut(Edge, &'m StateName)) {
    let catch = match state {
        State::Task(s) => s.catch.as_deref(),
        State::Parallel(s) => s.catch.as_deref(),
        State::Map(s) => s.catch.as_deref(),
        _ => None,
    };
    if let State::Choice(c) = state {
        for (i, rule) in c.choices.iter().enumerate() {
            f(Edge::Choice(i), &rule.next);
        }
        if let Some(d) = &c.default {
            f(Edge::Default, d);
        }
    }
    for (i, catcher) in catch.unwrap_or_default().iter().enumerate() {
        f(Edge::Catch(i), &catcher.next);
    }
    if let Some(next) = state.next() {
        f(Edge::Next, next);
    }
}

/// Whether `state` ends its scope: `"End": true`, Succeed or Fail.
pub(super) fn is_terminal(state: &State) -> bool {
    match state {
        State::Succeed(_) | State::Fail(_) => true,
        State::Task(s) => s.end == Some(true),
        State::Pass(s) => s.end == Some(true),
        State::Wait(s) => s.end == Some(true),
        State::Parallel(s) => s.end == Some(true),
        State::Map(s) => s.end == Some(true),
        State::Choice(_) => false,
    }
}

/// What [`analyse`] finds in one scope.
pub(super) struct Analysis<'m> {
    /// Which states can be reached from `StartAt` (all of them when it
    /// names no state: that is reported once, not per state).
    pub(super) reachable: Vec<bool>,
    /// Transitions naming no state of the scope: state index, where, target.
    pub(super) unresolved: Vec<(usize, Edge, &'m StateName)>,
}

/// Resolves every transition of `states` once, and finds what can be
/// reached from the state at `start`.
pub(super) fn analyse(states: &States, start: Option<usize>) -> Analysis<'_> {
    let mut graph: Graph<(), ()> = Graph::with_capacity(states.len(), states.len() * 2);
    for _ in 0..states.len() {
        graph.add_node(());
    }
    let mut unresolved = Vec::new();
    for (i, state) in states.values().enumerate() {
        for_each_edge(state, |edge, target| {
            match states.get_index_of(target.as_str()) {
                Some(j) => {
                    graph.add_edge(NodeIndex::new(i), NodeIndex::new(j), ());
                }
                None => unresolved.push((i, edge, target)),
            }
        });
    }
    let reachable = match start {
        Some(start) => {
            let mut seen = vec![false; states.len()];
            let mut bfs = Bfs::new(&graph, NodeIndex::new(start));
            while let Some(node) = bfs.next(&graph) {
                seen[node.index()] = true;
            }
            seen
        }
        None => vec![true; states.len()],
    };
    Analysis {
        reachable,
        unresolved,
    }
}
