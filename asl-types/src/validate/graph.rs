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

/// The states an unknown target most likely meant to reach: for each
/// unresolved transition (by its index in `unresolved`) whose target names
/// no state anywhere, the unreachable state of the scope whose name is
/// closest to it (equal but for case, one containing the other, or a few
/// edits apart), and the unreachable states only that one leads to.
///
/// Each unreachable state is given to one transition at most; states no
/// guess leads to stay unreachable issues of their own. Matching is skipped
/// (nothing is folded) when it would compare too many names.
pub(super) fn cut_off(
    states: &States,
    reachable: &[bool],
    unknown: &[(usize, &StateName)],
) -> Vec<Option<(usize, Vec<usize>)>> {
    /// At most this many name comparisons per scope.
    const MAX_PAIRS: usize = 20_000;
    /// Names longer than this are not compared.
    const MAX_NAME: usize = 128;
    let unreachable: Vec<usize> = (0..states.len()).filter(|&i| !reachable[i]).collect();
    let mut taken = vec![false; states.len()];
    let mut found = Vec::with_capacity(unknown.len());
    if unreachable.is_empty() || unknown.len().saturating_mul(unreachable.len()) > MAX_PAIRS {
        found.resize(unknown.len(), None);
        return found;
    }
    for &(_, target) in unknown {
        let target = target.as_str();
        let guess = unreachable
            .iter()
            .filter(|&&i| !taken[i])
            .filter_map(|&i| {
                let (name, _) = states.get_index(i)?;
                let name = name.as_str();
                if name.len() > MAX_NAME || target.len() > MAX_NAME {
                    return None;
                }
                Some((similarity(target, name)?, i))
            })
            .min_by_key(|&(distance, i)| (distance, i))
            .map(|(_, i)| i);
        let Some(guess) = guess else {
            found.push(None);
            continue;
        };
        // The unreachable states the guess leads to, itself first.
        let mut cut = vec![guess];
        taken[guess] = true;
        let mut next = 0;
        while let Some(&i) = cut.get(next) {
            next += 1;
            for_each_edge(&states[i], |_, to| {
                if let Some(j) = states.get_index_of(to.as_str())
                    && !reachable[j]
                    && !taken[j]
                {
                    taken[j] = true;
                    cut.push(j);
                }
            });
        }
        found.push(Some((guess, cut)));
    }
    found
}

/// How far apart two names are (smaller is closer), or `None` when they
/// are not alike: 0 equal but for case, 1 one containing the other (case
/// ignored), else 2 plus the edit distance when it is at most a third of
/// the longer name (at least 2).
fn similarity(a: &str, b: &str) -> Option<usize> {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    if la == lb {
        return Some(0);
    }
    if !la.is_empty() && !lb.is_empty() && (la.contains(&lb) || lb.contains(&la)) {
        return Some(1);
    }
    let a: Vec<char> = la.chars().collect();
    let b: Vec<char> = lb.chars().collect();
    let limit = (a.len().max(b.len()) / 3).max(2);
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    let distance = row[b.len()];
    (distance <= limit).then_some(2 + distance)
}
