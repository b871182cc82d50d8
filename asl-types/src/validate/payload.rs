//! Payload templates and the expressions in them, walked without recursion.

use crate::enums::QueryLanguage;
use crate::expr::Expr;
use crate::json::MAX_DEPTH;
use crate::payload::Payload;
use crate::read::push_key;

use super::check::{Sink, too_deep};
use super::rule::Rule;
use super::{intrinsic, jsonata};

/// Where a payload or expression stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place<'a> {
    /// The innermost state.
    pub(super) state: Option<&'a str>,
    /// The state's query language.
    pub(super) lang: QueryLanguage,
    /// Whether `$states.errorOutput` is bound here (a catcher's `Output`
    /// and `Assign`).
    pub(super) error_output: bool,
}

/// One step from a payload node to a member or element of it.
#[derive(Clone, Copy)]
enum Step<'p> {
    /// The payload itself.
    Here,
    /// The member `key` (`dollar`: written `key.$`).
    Key(&'p str, bool),
    Index(usize),
}

/// The pointer of the node at the end of `path`, below `base`.
fn pointer_of(base: &str, path: &[Step<'_>]) -> String {
    let mut pointer = base.to_owned();
    for step in path {
        match *step {
            Step::Here => {}
            Step::Key(key, false) => push_key(&mut pointer, key),
            Step::Key(key, true) => push_key(&mut pointer, &crate::expr::dollar_key(key)),
            Step::Index(i) => {
                pointer.push('/');
                pointer.push_str(&i.to_string());
            }
        }
    }
    pointer
}

/// Checks every expression of `payload`, found at `base` followed by
/// `suffix`, whose value (when an object or array) is at JSON nesting
/// level `level`. Returns whether the payload nests within [`MAX_DEPTH`].
/// Pointers are only written out for an issue.
pub(super) fn check(
    sink: &mut Sink,
    place: Place<'_>,
    (base, suffix): (&str, &str),
    payload: &Payload,
    level: usize,
) -> bool {
    let mut path: Vec<Step<'_>> = Vec::new();
    let mut stack = vec![(payload, 0, Step::Here, level)];
    let mut within = true;
    let pointer = |path: &[Step<'_>]| {
        let mut start = base.to_owned();
        start.push_str(suffix);
        pointer_of(&start, path)
    };
    while let Some((node, depth, step, level)) = stack.pop() {
        path.truncate(depth);
        path.push(step);
        match node {
            Payload::Expr(e) => check_expr_at(sink, place, &|| pointer(&path), e),
            Payload::Array(_) | Payload::Object(_) if level > MAX_DEPTH => {
                if within {
                    sink.push(
                        Rule::NestingTooDeep,
                        place.state,
                        pointer(&path),
                        too_deep(),
                    );
                }
                within = false;
            }
            Payload::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, depth + 1, Step::Index(i), level + 1));
                }
            }
            Payload::Object(members) => {
                for (key, value) in members.iter().rev() {
                    let dollar = matches!(value, Payload::Expr(e) if e.needs_dollar_key());
                    stack.push((value, depth + 1, Step::Key(key, dollar), level + 1));
                }
            }
            Payload::Null | Payload::Bool(_) | Payload::Number(_) | Payload::String(_) => {}
        }
    }
    within
}

/// Checks one expression standing at `pointer` in a payload (or a field
/// read like one).
pub(super) fn check_expr(sink: &mut Sink, place: Place<'_>, pointer: &str, expr: &Expr) {
    check_expr_at(sink, place, &|| pointer.to_owned(), expr);
}

/// [`check_expr`], with the pointer written out only for an issue.
fn check_expr_at(sink: &mut Sink, place: Place<'_>, pointer: &dyn Fn() -> String, expr: &Expr) {
    match (expr, place.lang) {
        (Expr::Path(_) | Expr::Intrinsic(_), QueryLanguage::Jsonata) => sink.push(
            Rule::ExpressionQueryLanguage,
            place.state,
            pointer(),
            format!("`{expr}` is a JSONPath expression; a JSONata state writes `{{% … %}}` instead"),
        ),
        (Expr::Jsonata(j), QueryLanguage::JsonPath) => sink.push(
            Rule::ExpressionQueryLanguage,
            place.state,
            pointer(),
            format!(
                "`{{%{}%}}` is a JSONata expression, which a JSONPath state does not evaluate: use a `.$` key with a path or intrinsic, or make the state JSONata",
                j.expression()
            ),
        ),
        (Expr::Intrinsic(call), QueryLanguage::JsonPath) => {
            intrinsic::check(call, |rule, message| {
                sink.push(rule, place.state, pointer(), message);
            });
        }
        (Expr::Jsonata(j), QueryLanguage::Jsonata) => {
            check_jsonata_at(sink, place, pointer, j.expression());
        }
        // A path is valid once it is a `Path`.
        (Expr::Path(_), QueryLanguage::JsonPath) => {}
    }
}

/// Checks the text of a JSONata expression of a JSONata state.
pub(super) fn check_jsonata(sink: &mut Sink, place: Place<'_>, pointer: &str, text: &str) {
    check_jsonata_at(sink, place, &|| pointer.to_owned(), text);
}

/// [`check_jsonata`], with the pointer written out only for an issue.
fn check_jsonata_at(sink: &mut Sink, place: Place<'_>, pointer: &dyn Fn() -> String, text: &str) {
    match jsonata::syntax_error(text) {
        None => {}
        Some(jsonata::NotParsed::Invalid(reason)) => sink.push(
            Rule::JsonataSyntax,
            place.state,
            pointer(),
            format!("`{{%{text}%}}` is not a valid JSONata expression: {reason}"),
        ),
        Some(jsonata::NotParsed::TooDeep) => sink.push(
            Rule::JsonataNotChecked,
            place.state,
            pointer(),
            format!(
                "`{{%{text}%}}` nests deeper than the JSONata parser used here goes (jsonata-core's limit of 1000 levels, not an AWS limit), so it is not checked"
            ),
        ),
    }
    if !place.error_output && jsonata::mentions_error_output(text) {
        sink.push(
            Rule::ErrorOutputOutsideCatch,
            place.state,
            pointer(),
            "`$states.errorOutput` is only bound in a catcher's `Output` and `Assign`".to_owned(),
        );
    }
}
