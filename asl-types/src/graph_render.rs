//! Diagrams of a state machine: Mermaid flowcharts and Graphviz DOT.
//!
//! Both renderers draw the same picture from one walk of the model:
//!
//! - every state is a node showing its name and type (and, for a Task, the
//!   integration it calls); a state with `Retry` lists its retriers;
//! - `Next` is a plain arrow; a Choice rule's arrow is labelled with its
//!   condition, shortened; the `Default` arrow is bold and labelled
//!   `default`; a catcher's arrow is dashed and labelled with its errors;
//! - each scope (the machine, every Parallel branch, every Map item
//!   processor) has a `start` mark pointing at its `StartAt` and an `end`
//!   mark that its terminal states point at;
//! - a Parallel or Map state is drawn inside a box (a Mermaid subgraph, a
//!   DOT cluster) that holds its branches or its item processor.
//!
//! Node ids are generated (`n0`, `n1`, … in document order), so a state
//! name can hold any character: names appear only in quoted labels, escaped
//! for the target syntax. The output depends only on the definition.
//!
//! ```
//! use asl_types::StateMachine;
//!
//! let machine: StateMachine = r#"{
//!   "StartAt": "Say \"hi\"",
//!   "States": { "Say \"hi\"": { "Type": "Pass", "End": true } }
//! }"#.parse()?;
//! let dot = machine.to_dot();
//! assert!(dot.contains(r#"n0 [label="Say \"hi\"\n(Pass)""#));
//! let mermaid = machine.to_mermaid();
//! assert!(mermaid.starts_with("flowchart TD\n"));
//! assert!(mermaid.contains(r#"n0["Say #quot;hi#quot;<br/>(Pass)"]"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::choice::{Condition, Operand, Operator};
use crate::machine::StateMachine;
use crate::names::{ErrorName, StateName};
use crate::resource::Resource;
use crate::retry::Retrier;
use crate::state::{State, States};
use crate::structure::TransitionKind;

/// The longest condition label, in characters (longer ones end in `…`).
const MAX_CONDITION: usize = 48;
/// The longest error list on a catch arrow, in characters.
const MAX_ERRORS: usize = 40;

impl StateMachine {
    /// The machine as a Mermaid flowchart (`flowchart TD`), for Markdown
    /// renderers that draw Mermaid (GitHub, GitLab, mdBook plugins).
    ///
    /// ```
    /// use asl_types::StateMachine;
    /// let machine: StateMachine = r#"{"StartAt": "Check", "States": {
    ///   "Check": {"Type": "Choice",
    ///     "Choices": [{"Variable": "$.auc", "NumericGreaterThanEquals": 0.9, "Next": "Ship"}],
    ///     "Default": "Stop"},
    ///   "Ship": {"Type": "Succeed"},
    ///   "Stop": {"Type": "Fail", "Error": "TooLow"}
    /// }}"#.parse()?;
    /// assert_eq!(machine.to_mermaid(), r#"flowchart TD
    ///   start_0(("start"))
    ///   n0{"Check<br/>(Choice)"}
    ///   n1(["Ship<br/>(Succeed)"])
    ///   n2(["Stop<br/>(Fail)"])
    ///   stop_0((("end")))
    ///   start_0 --> n0
    ///   n0 -->|"$.auc #gt;= 0.9"| n1
    ///   n0 ==>|"default"| n2
    ///   n1 --> stop_0
    ///   n2 --> stop_0
    ///   class n1 succeed
    ///   class n2 fail
    ///   classDef succeed fill:#dfd,stroke:#393
    ///   classDef fail fill:#fdd,stroke:#c33
    /// "#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_mermaid(&self) -> String {
        Diagram::of(self).mermaid()
    }

    /// The machine as a Graphviz DOT digraph; `dot -Tsvg` draws it.
    ///
    /// ```
    /// use asl_types::StateMachine;
    /// let machine: StateMachine = r#"{"StartAt": "Train", "States": {
    ///   "Train": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
    ///     "Parameters": {"TrainingJobName.$": "$.name"},
    ///     "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
    ///     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
    ///     "End": true},
    ///   "Failed": {"Type": "Fail"}
    /// }}"#.parse()?;
    /// let dot = machine.to_dot();
    /// assert!(dot.starts_with("digraph \"state machine\" {\n"));
    /// assert!(dot.contains(
    ///     r#"n0 [label="Train\n(Task: sagemaker:createTrainingJob.sync)\nretry States.Timeout ×2""#
    /// ));
    /// assert!(dot.contains(r##"n0 -> n1 [label="catch States.ALL", style=dashed, color="#cc3333"];"##));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_dot(&self) -> String {
        Diagram::of(self).dot()
    }
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Task, Pass, Wait, Parallel, Map.
    Box,
    /// Choice.
    Choice,
    /// Succeed.
    Succeed,
    /// Fail.
    Fail,
    /// A scope's start mark.
    Start,
    /// A scope's end mark.
    Stop,
    /// A transition target that is not a state of the scope.
    Missing,
}

#[derive(Debug)]
struct Node {
    id: String,
    lines: Vec<String>,
    shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Next,
    Choice,
    Default,
    Catch,
    /// From a Parallel or Map state into a nested scope.
    Enter,
}

#[derive(Debug)]
struct Edge {
    from: String,
    to: String,
    label: Option<String>,
    style: Style,
}

#[derive(Debug)]
enum Item {
    Node(Node),
    Cluster {
        id: String,
        title: String,
        items: Vec<Item>,
    },
}

#[derive(Debug, Default)]
struct Diagram {
    items: Vec<Item>,
    edges: Vec<Edge>,
    next_node: usize,
    next_scope: usize,
}

impl Diagram {
    fn of(machine: &StateMachine) -> Diagram {
        let mut d = Diagram::default();
        let mut items = Vec::new();
        d.scope(&machine.states, &machine.start_at, &mut items);
        d.items = items;
        d
    }

    fn node_id(&mut self) -> String {
        let id = format!("n{}", self.next_node);
        self.next_node += 1;
        id
    }

    /// Lays out one `States` with its start and end marks into `items`;
    /// returns the id of its start mark.
    fn scope(&mut self, states: &States, start_at: &StateName, items: &mut Vec<Item>) -> String {
        let k = self.next_scope;
        self.next_scope += 1;
        let start = format!("start_{k}");
        let stop = format!("stop_{k}");
        items.push(Item::Node(Node {
            id: start.clone(),
            lines: vec!["start".to_owned()],
            shape: Shape::Start,
        }));
        // Ids first, so transitions to later states resolve.
        let ids: HashMap<&StateName, String> =
            states.keys().map(|name| (name, self.node_id())).collect();
        let mut missing: HashMap<String, String> = HashMap::new();
        let mut target = |d: &mut Diagram, name: &StateName, items: &mut Vec<Item>| -> String {
            if let Some(id) = ids.get(name) {
                return id.clone();
            }
            if let Some(id) = missing.get(name.as_str()) {
                return id.clone();
            }
            let id = d.node_id();
            items.push(Item::Node(Node {
                id: id.clone(),
                lines: vec![name.to_string(), "(no such state)".to_owned()],
                shape: Shape::Missing,
            }));
            missing.insert(name.to_string(), id.clone());
            id
        };
        let first = target(self, start_at, items);
        self.edge(&start, &first, None, Style::Next);
        let mut any_terminal = false;
        for (name, state) in states {
            let id = ids[name].clone();
            let node = Node {
                id: id.clone(),
                lines: state_lines(name, state),
                shape: match state {
                    State::Choice(_) => Shape::Choice,
                    State::Succeed(_) => Shape::Succeed,
                    State::Fail(_) => Shape::Fail,
                    _ => Shape::Box,
                },
            };
            self.place(name, state, node, items);
            for t in state.transitions(name) {
                let to = target(self, t.to, items);
                let (label, style) = edge_label(state, &t.kind);
                self.edge(&id, &to, label, style);
            }
            if state.is_terminal() {
                any_terminal = true;
                self.edge(&id, &stop, None, Style::Next);
            }
        }
        if any_terminal {
            items.push(Item::Node(Node {
                id: stop,
                lines: vec!["end".to_owned()],
                shape: Shape::Stop,
            }));
        }
        start
    }

    /// Adds the node of `state` to `items`; a Parallel or Map state with
    /// its nested scopes, in a box.
    fn place(&mut self, name: &StateName, state: &State, node: Node, items: &mut Vec<Item>) {
        let id = node.id.clone();
        match state {
            State::Parallel(p) => {
                let mut inner = vec![Item::Node(node)];
                for (i, branch) in p.branches.iter().enumerate() {
                    let mut branch_items = Vec::new();
                    let entry = self.scope(&branch.states, &branch.start_at, &mut branch_items);
                    self.edge(&id, &entry, Some(format!("branch {}", i + 1)), Style::Enter);
                    inner.push(Item::Cluster {
                        id: format!("cluster_{id}_b{i}"),
                        title: format!("branch {}", i + 1),
                        items: branch_items,
                    });
                }
                items.push(Item::Cluster {
                    id: format!("cluster_{id}"),
                    title: format!("{name} (Parallel)"),
                    items: inner,
                });
            }
            State::Map(m) => match m.item_processor.as_ref().or(m.iterator.as_ref()) {
                Some(processor) => {
                    let mut inner = Vec::new();
                    let entry = self.scope(&processor.states, &processor.start_at, &mut inner);
                    self.edge(&id, &entry, Some("each item".to_owned()), Style::Enter);
                    let mode = processor
                        .processor_config
                        .as_ref()
                        .and_then(|c| c.mode.as_ref())
                        .map_or_else(String::new, |m| format!(", {m}"));
                    items.push(Item::Cluster {
                        id: format!("cluster_{id}"),
                        title: format!("{name} (Map)"),
                        items: vec![
                            Item::Node(node),
                            Item::Cluster {
                                id: format!("cluster_{id}_items"),
                                title: format!("item processor{mode}"),
                                items: inner,
                            },
                        ],
                    });
                }
                None => items.push(Item::Node(node)),
            },
            _ => items.push(Item::Node(node)),
        }
    }

    fn edge(&mut self, from: &str, to: &str, label: Option<String>, style: Style) {
        self.edges.push(Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            label,
            style,
        });
    }

    fn mermaid(&self) -> String {
        let mut out = String::from("flowchart TD\n");
        let mut classes = Vec::new();
        mermaid_items(&self.items, 1, &mut out, &mut classes);
        for e in &self.edges {
            let arrow = match e.style {
                Style::Next | Style::Choice | Style::Enter => "-->",
                Style::Default => "==>",
                Style::Catch => "-.->",
            };
            let _ = match &e.label {
                Some(label) => writeln!(
                    out,
                    "  {} {arrow}|\"{}\"| {}",
                    e.from,
                    mermaid_text(label),
                    e.to
                ),
                None => writeln!(out, "  {} {arrow} {}", e.from, e.to),
            };
        }
        for (id, class) in &classes {
            let _ = writeln!(out, "  class {id} {class}");
        }
        let used = |c: &str| classes.iter().any(|(_, k)| *k == c);
        if used("succeed") {
            out.push_str("  classDef succeed fill:#dfd,stroke:#393\n");
        }
        if used("fail") {
            out.push_str("  classDef fail fill:#fdd,stroke:#c33\n");
        }
        if used("missing") {
            out.push_str("  classDef missing stroke:#c33,stroke-dasharray:4\n");
        }
        out
    }

    fn dot(&self) -> String {
        let mut out = String::from("digraph \"state machine\" {\n");
        out.push_str("  graph [fontname=\"Helvetica\", fontsize=11];\n");
        out.push_str(
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n",
        );
        out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        dot_items(&self.items, 1, &mut out);
        for e in &self.edges {
            let mut attrs = Vec::new();
            if let Some(label) = &e.label {
                attrs.push(format!("label={}", dot_text(&[label.as_str()])));
            }
            match e.style {
                Style::Next | Style::Choice => {}
                Style::Default => attrs.push("style=bold".to_owned()),
                Style::Catch => {
                    attrs.push("style=dashed".to_owned());
                    attrs.push("color=\"#cc3333\"".to_owned());
                }
                Style::Enter => attrs.push("style=dotted".to_owned()),
            }
            if attrs.is_empty() {
                let _ = writeln!(out, "  {} -> {};", e.from, e.to);
            } else {
                let _ = writeln!(out, "  {} -> {} [{}];", e.from, e.to, attrs.join(", "));
            }
        }
        out.push_str("}\n");
        out
    }
}

/// The label and style of a transition out of `state`.
fn edge_label(state: &State, kind: &TransitionKind<'_>) -> (Option<String>, Style) {
    match kind {
        TransitionKind::Next => (None, Style::Next),
        TransitionKind::ChoiceRule(i) => {
            let label = match state {
                State::Choice(c) => c
                    .choices
                    .get(*i)
                    .map(|rule| shorten(&condition_text(&rule.condition, true), MAX_CONDITION)),
                _ => None,
            };
            (label, Style::Choice)
        }
        TransitionKind::Default => (Some("default".to_owned()), Style::Default),
        TransitionKind::Catch { errors, .. } => {
            let names: Vec<&str> = errors.iter().map(ErrorName::as_str).collect();
            let label = format!("catch {}", shorten(&names.join(", "), MAX_ERRORS));
            (Some(label), Style::Catch)
        }
    }
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn mermaid_items(
    items: &[Item],
    depth: usize,
    out: &mut String,
    classes: &mut Vec<(String, &'static str)>,
) {
    let pad = indent(depth);
    for item in items {
        match item {
            Item::Node(n) => {
                let text = n
                    .lines
                    .iter()
                    .map(|l| mermaid_text(l))
                    .collect::<Vec<_>>()
                    .join("<br/>");
                let (open, close) = match n.shape {
                    Shape::Box | Shape::Missing => ("[", "]"),
                    Shape::Choice => ("{", "}"),
                    Shape::Succeed | Shape::Fail => ("([", "])"),
                    Shape::Start => ("((", "))"),
                    Shape::Stop => ("(((", ")))"),
                };
                let _ = writeln!(out, "{pad}{}{open}\"{text}\"{close}", n.id);
                match n.shape {
                    Shape::Succeed => classes.push((n.id.clone(), "succeed")),
                    Shape::Fail => classes.push((n.id.clone(), "fail")),
                    Shape::Missing => classes.push((n.id.clone(), "missing")),
                    _ => {}
                }
            }
            Item::Cluster {
                id,
                title,
                items: inner,
            } => {
                let _ = writeln!(out, "{pad}subgraph {id} [\"{}\"]", mermaid_text(title));
                mermaid_items(inner, depth + 1, out, classes);
                let _ = writeln!(out, "{pad}end");
            }
        }
    }
}

fn dot_items(items: &[Item], depth: usize, out: &mut String) {
    let pad = indent(depth);
    for item in items {
        match item {
            Item::Node(n) => {
                let lines: Vec<&str> = n.lines.iter().map(String::as_str).collect();
                let label = dot_text(&lines);
                let extra = match n.shape {
                    Shape::Box => "",
                    Shape::Choice => ", shape=diamond, style=filled, fillcolor=\"#fff7d6\"",
                    Shape::Succeed => ", shape=ellipse, style=filled, fillcolor=\"#ddffdd\"",
                    Shape::Fail => ", shape=ellipse, style=filled, fillcolor=\"#ffdddd\"",
                    Shape::Start => {
                        ", shape=circle, style=filled, fillcolor=\"#333333\", fontcolor=\"#ffffff\", fontsize=9"
                    }
                    Shape::Stop => {
                        ", shape=doublecircle, style=filled, fillcolor=\"#333333\", fontcolor=\"#ffffff\", fontsize=9"
                    }
                    Shape::Missing => ", style=\"rounded,dashed\", color=\"#cc3333\"",
                };
                let _ = writeln!(out, "{pad}{} [label={label}{extra}];", n.id);
            }
            Item::Cluster {
                id,
                title,
                items: inner,
            } => {
                let _ = writeln!(out, "{pad}subgraph {id} {{");
                let _ = writeln!(out, "{pad}  label={};", dot_text(&[title.as_str()]));
                let _ = writeln!(out, "{pad}  style=rounded;");
                dot_items(inner, depth + 1, out);
                let _ = writeln!(out, "{pad}}}");
            }
        }
    }
}

/// The label lines of a state: name, type (with the Task's integration),
/// then one line per retrier.
fn state_lines(name: &StateName, state: &State) -> Vec<String> {
    let kind = match state {
        State::Task(t) => format!("Task: {}", shorten(&resource_text(&t.resource), 48)),
        other => other.type_name().to_owned(),
    };
    let mut lines = vec![name.to_string(), format!("({kind})")];
    for retrier in state.retriers() {
        lines.push(retry_text(retrier));
    }
    lines
}

/// An integration as `service:action.pattern`; anything else as written.
fn resource_text(resource: &Resource) -> String {
    let full = resource.to_string();
    match resource {
        Resource::Integration { .. } | Resource::Sdk { .. } => full
            .split_once(":::")
            .map_or(full.clone(), |(_, rest)| rest.to_owned()),
        _ => full,
    }
}

fn retry_text(retrier: &Retrier) -> String {
    let names: Vec<&str> = retrier.error_equals.iter().map(ErrorName::as_str).collect();
    let attempts = retrier
        .max_attempts
        .as_ref()
        .map_or_else(|| "3".to_owned(), ToString::to_string);
    format!(
        "retry {} ×{attempts}",
        shorten(&names.join(", "), MAX_ERRORS)
    )
}

/// A condition in a compact infix form: `$.auc >= 0.9`, `not ($.x is null)`.
fn condition_text(condition: &Condition, top: bool) -> String {
    let group = |c: &Condition| {
        let text = condition_text(c, false);
        if matches!(c, Condition::And(_) | Condition::Or(_)) {
            format!("({text})")
        } else {
            text
        }
    };
    let joined = |cs: &[Condition], op: &str| cs.iter().map(group).collect::<Vec<_>>().join(op);
    match condition {
        Condition::Compare {
            variable,
            operator,
            operand,
        } => compare_text(&variable.to_string(), *operator, operand),
        Condition::And(cs) => joined(cs, " and "),
        Condition::Or(cs) => joined(cs, " or "),
        Condition::Not(c) => format!("not {}", {
            let inner = condition_text(c, false);
            if matches!(**c, Condition::Compare { .. } | Condition::Constant(_)) || top {
                format!("({inner})")
            } else {
                inner
            }
        }),
        Condition::Jsonata(j) => j.expression().trim().to_owned(),
        Condition::Constant(b) => b.to_string(),
        Condition::Commented { condition, .. } => condition_text(condition, top),
    }
}

fn compare_text(variable: &str, operator: Operator, operand: &Operand) -> String {
    let value = match operand {
        Operand::String(s) => format!("\"{s}\""),
        Operand::Number(n) => n.to_string(),
        Operand::Bool(b) => b.to_string(),
        Operand::Path(p) => p.to_string(),
    };
    let name = operator.name();
    let is = |what: &str| match operand {
        Operand::Bool(false) => format!("{variable} is not {what}"),
        _ => format!("{variable} is {what}"),
    };
    match operator {
        Operator::IsNull => is("null"),
        Operator::IsPresent => is("present"),
        Operator::IsNumeric => is("numeric"),
        Operator::IsString => is("a string"),
        Operator::IsBoolean => is("a boolean"),
        Operator::IsTimestamp => is("a timestamp"),
        Operator::StringMatches => format!("{variable} matches {value}"),
        _ => {
            let base = name.strip_suffix("Path").unwrap_or(name);
            let symbol = if base.ends_with("LessThanEquals") {
                "<="
            } else if base.ends_with("GreaterThanEquals") {
                ">="
            } else if base.ends_with("LessThan") {
                "<"
            } else if base.ends_with("GreaterThan") {
                ">"
            } else {
                "=="
            };
            format!("{variable} {symbol} {value}")
        }
    }
}

/// `text` cut to at most `max` characters, ending in `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let mut out = cut.trim_end().to_owned();
    out.push('…');
    out
}

/// Control characters as Rust escapes (`\n`, `\u{1}`), so no name can
/// break a line of either syntax.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A DOT quoted string of `lines`: `\` and `"` escaped, lines joined by
/// DOT's centred line break `\n`.
fn dot_text(lines: &[&str]) -> String {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in visible(line).chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

/// Text for inside a Mermaid `"…"` label: the characters Mermaid reads
/// (quotes, `#`, HTML's `<`, `>`, `&`, the Markdown-string backtick) as its
/// `#…;` entity codes.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
