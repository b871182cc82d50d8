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

/// Checks every expression of `payload`, found at `pointer`, whose value
/// (when an object or array) is at JSON nesting level `level`. Returns
/// whether the payload nests within [`MAX_DEPTH`].
pub(super) fn check(
    sink: &mut Sink,
    place: Place<'_>,
    pointer: String,
    payload: &Payload,
    level: usize,
) -> bool {
    let mut stack = vec![(payload, pointer, level)];
    let mut within = true;
    while let Some((node, pointer, level)) = stack.pop() {
        match node {
            Payload::Expr(e) => check_expr(sink, place, &pointer, e),
            Payload::Array(_) | Payload::Object(_) if level > MAX_DEPTH => {
                if within {
                    sink.push(Rule::NestingTooDeep, place.state, pointer, too_deep());
                }
                within = false;
            }
            Payload::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, format!("{pointer}/{i}"), level + 1));
                }
            }
            Payload::Object(members) => {
                for (key, value) in members.iter().rev() {
                    let mut child = pointer.clone();
                    if matches!(value, Payload::Expr(e) if e.needs_dollar_key()) {
                        push_key(&mut child, &crate::expr::dollar_key(key));
                    } else {
                        push_key(&mut child, key);
                    }
                    stack.push((value, child, level + 1));
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
    match (expr, place.lang) {
        (Expr::Path(_) | Expr::Intrinsic(_), QueryLanguage::Jsonata) => sink.push(
            Rule::ExpressionQueryLanguage,
            place.state,
            pointer.to_owned(),
            format!("`{expr}` is a JSONPath expression; a JSONata state writes `{{% … %}}` instead"),
        ),
        (Expr::Jsonata(j), QueryLanguage::JsonPath) => sink.push(
            Rule::ExpressionQueryLanguage,
            place.state,
            pointer.to_owned(),
            format!(
                "`{{%{}%}}` is a JSONata expression, which a JSONPath state does not evaluate: use a `.$` key with a path or intrinsic, or make the state JSONata",
                j.expression()
            ),
        ),
        (Expr::Intrinsic(call), QueryLanguage::JsonPath) => {
            intrinsic::check(call, |rule, message| {
                sink.push(rule, place.state, pointer.to_owned(), message);
            });
        }
        (Expr::Jsonata(j), QueryLanguage::Jsonata) => check_jsonata(sink, place, pointer, j.expression()),
        // A path is valid once it is a `Path`.
        (Expr::Path(_), QueryLanguage::JsonPath) => {}
    }
}

/// Checks the text of a JSONata expression of a JSONata state.
pub(super) fn check_jsonata(sink: &mut Sink, place: Place<'_>, pointer: &str, text: &str) {
    match jsonata::syntax_error(text) {
        None => {}
        Some(jsonata::NotParsed::Invalid(reason)) => sink.push(
            Rule::JsonataSyntax,
            place.state,
            pointer.to_owned(),
            format!("`{{%{text}%}}` is not a valid JSONata expression: {reason}"),
        ),
        Some(jsonata::NotParsed::TooDeep) => sink.push(
            Rule::JsonataNotChecked,
            place.state,
            pointer.to_owned(),
            format!(
                "`{{%{text}%}}` nests deeper than the JSONata parser used here goes (jsonata-core's limit of 1000 levels, not an AWS limit), so it is not checked"
            ),
        ),
    }
    if !place.error_output && jsonata::mentions_error_output(text) {
        sink.push(
            Rule::ErrorOutputOutsideCatch,
            place.state,
            pointer.to_owned(),
            "`$states.errorOutput` is only bound in a catcher's `Output` and `Assign`".to_owned(),
        );
    }
}
