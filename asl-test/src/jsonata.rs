//! JSONata evaluation as Step Functions binds it: `$states` (input,
//! result, errorOutput, context), the workflow variables, and Step
//! Functions' own functions (`$partition`, `$range`, `$hash`, `$random`,
//! `$uuid`, `$parse`), through jsonata-core.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use asl_types::{Json, JsonObject, Number};
use indexmap::IndexMap;
use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
use jsonata_core::value::JValue;

use crate::{Failure, Rng};

/// The error Step Functions raises when a JSONata expression fails.
pub(crate) const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";

/// Parsed expressions, by text: a machine's expressions are parsed once
/// per run, however often their states run.
#[derive(Default)]
pub(crate) struct Cache {
    parsed: HashMap<String, Rc<AstNode>>,
}

/// What an expression sees besides its text.
pub(crate) struct Bindings<'b> {
    /// `$states`: `input`, `context`, and `result` / `errorOutput` where
    /// they exist.
    pub(crate) states: JsonObject,
    /// The workflow variables in scope.
    pub(crate) variables: &'b IndexMap<String, Json>,
    /// The execution's random source.
    pub(crate) rng: &'b Rc<RefCell<Rng>>,
    /// The virtual clock, in milliseconds since the epoch.
    pub(crate) now_ms: i64,
}

impl Cache {
    /// Evaluates `text` (the inside of `{% … %}`). `Ok(None)` when the
    /// expression yields nothing (JSONata's `undefined`).
    pub(crate) fn evaluate(
        &mut self,
        text: &str,
        bindings: &Bindings<'_>,
    ) -> Result<Option<Json>, Failure> {
        let ast = if let Some(ast) = self.parsed.get(text) {
            Rc::clone(ast)
        } else {
            let ast = std::panic::catch_unwind(|| jsonata_core::parser::parse(text))
                .map_err(|_| failure("the JSONata parser failed on the expression"))?
                .map_err(|e| failure(&e.to_string()))?;
            let ast = Rc::new(ast);
            self.parsed.insert(text.to_owned(), Rc::clone(&ast));
            ast
        };
        let mut context = Context::new();
        let input = bindings.states.get("input").map_or(JValue::Null, to_jvalue);
        let states: IndexMap<String, JValue> = bindings
            .states
            .iter()
            .map(|(k, v)| (k.clone(), to_jvalue(v)))
            .collect();
        context.bind("states".to_owned(), JValue::from(states));
        for (name, value) in bindings.variables {
            context.bind(name.clone(), to_jvalue(value));
        }
        let mut evaluator = Evaluator::with_context(context);
        register_functions(&mut evaluator, bindings).map_err(|e| failure(e.message()))?;
        let value = evaluator
            .evaluate(&ast, &input)
            .map_err(|e| failure(e.message()))?;
        from_jvalue(&value)
    }
}

fn failure(message: &str) -> Failure {
    Failure::new(QUERY_EVALUATION_ERROR, message)
}

fn register_functions(ev: &mut Evaluator, b: &Bindings<'_>) -> Result<(), EvaluatorError> {
    let rng = Rc::clone(b.rng);
    ev.register_fn_override("random", move |args: &[JValue]| {
        let value = match args.first().and_then(JValue::as_f64) {
            // A seed makes the value a function of the seed alone.
            #[allow(clippy::cast_possible_truncation, reason = "any bits do as a seed")]
            Some(seed) => Rng::new((seed as i64).cast_unsigned()).next_f64(),
            None => rng.borrow_mut().next_f64(),
        };
        Ok(JValue::Number(value))
    })?;
    let rng = Rc::clone(b.rng);
    ev.register_fn("uuid", move |_: &[JValue]| {
        Ok(JValue::from(rng.borrow_mut().uuid()))
    })?;
    let now_ms = b.now_ms;
    ev.register_fn_override("millis", move |_: &[JValue]| {
        #[allow(clippy::cast_precision_loss, reason = "milliseconds fit 53 bits")]
        Ok(JValue::Number(now_ms as f64))
    })?;
    ev.register_fn_override("now", move |_: &[JValue]| {
        Ok(JValue::from(crate::time::format_ms(now_ms)))
    })?;
    // Step Functions leaves `$eval` out of its JSONata ("use `$parse`
    // instead").
    ev.register_fn_override("eval", |_: &[JValue]| {
        Err(EvaluatorError::EvaluationError(
            "$eval is not available in Step Functions: use $parse".into(),
        ))
    })?;
    ev.register_fn("partition", |args: &[JValue]| {
        let (Some(items), Some(size)) = (
            args.first().and_then(JValue::as_array),
            args.get(1).and_then(JValue::as_f64),
        ) else {
            return Err(type_error("$partition(array, size)"));
        };
        if size < 1.0 || size.fract() != 0.0 {
            return Err(EvaluatorError::EvaluationError(
                "$partition: the size must be a positive integer".into(),
            ));
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "positive; `as` saturates"
        )]
        let size = size as usize;
        let chunks: Vec<JValue> = items
            .chunks(size)
            .map(|c| JValue::from(c.to_vec()))
            .collect();
        Ok(JValue::from(chunks))
    })?;
    ev.register_fn("range", |args: &[JValue]| {
        let nums: Vec<f64> = args.iter().filter_map(JValue::as_f64).collect();
        let [start, end, step] = nums[..] else {
            return Err(type_error("$range(start, end, step)"));
        };
        if step == 0.0 || [start, end, step].iter().any(|n| n.fract() != 0.0) {
            return Err(EvaluatorError::EvaluationError(
                "$range: start, end and step are integers, step not 0".into(),
            ));
        }
        let mut out = Vec::new();
        let mut n = start;
        while (step > 0.0 && n <= end) || (step < 0.0 && n >= end) {
            if out.len() == 1000 {
                return Err(EvaluatorError::EvaluationError(
                    "$range: at most 1000 items".into(),
                ));
            }
            out.push(JValue::Number(n));
            n += step;
        }
        Ok(JValue::from(out))
    })?;
    ev.register_fn("hash", |args: &[JValue]| {
        let (Some(data), Some(algorithm)) = (
            args.first().and_then(JValue::as_str),
            args.get(1).and_then(JValue::as_str),
        ) else {
            return Err(type_error("$hash(string, algorithm)"));
        };
        crate::hash::hex(data.as_bytes(), algorithm)
            .map(JValue::from)
            .ok_or_else(|| {
                EvaluatorError::EvaluationError(format!(
                    "$hash: `{algorithm}` is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                ))
            })
    })?;
    ev.register_fn("parse", |args: &[JValue]| {
        let Some(text) = args.first().and_then(JValue::as_str) else {
            return Err(type_error("$parse(string)"));
        };
        JValue::from_json_str(text)
            .map_err(|e| EvaluatorError::EvaluationError(format!("$parse: {e}")))
    })?;
    Ok(())
}

fn type_error(signature: &str) -> EvaluatorError {
    EvaluatorError::TypeError(format!("the arguments do not match {signature}"))
}

/// Our exact value as a JSONata value.
pub(crate) fn to_jvalue(json: &Json) -> JValue {
    match json {
        Json::Null => JValue::Null,
        Json::Bool(b) => JValue::Bool(*b),
        Json::Number(n) => JValue::Number(n.as_str().parse().unwrap_or(f64::NAN)),
        Json::String(s) => JValue::from(s.as_str()),
        Json::Array(items) => JValue::from(items.iter().map(to_jvalue).collect::<Vec<_>>()),
        Json::Object(members) => JValue::from(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_jvalue(v)))
                .collect::<IndexMap<_, _>>(),
        ),
    }
}

/// A JSONata result as JSON; `None` for `undefined`.
pub(crate) fn from_jvalue(value: &JValue) -> Result<Option<Json>, Failure> {
    Ok(Some(match value {
        JValue::Undefined => return Ok(None),
        JValue::Null => Json::Null,
        JValue::Bool(b) => Json::Bool(*b),
        JValue::Number(n) => Json::Number(number(*n)?),
        JValue::String(s) => Json::String(s.to_string()),
        JValue::Array(items) => Json::Array(
            items
                .iter()
                .filter_map(|v| from_jvalue(v).transpose())
                .collect::<Result<_, _>>()?,
        ),
        JValue::Object(members) => {
            let mut out = JsonObject::with_capacity(members.len());
            for (k, v) in members.iter() {
                if let Some(v) = from_jvalue(v)? {
                    out.insert(k.clone(), v);
                }
            }
            Json::Object(out)
        }
        _ => {
            return Err(failure(
                "the expression evaluated to a function, not a JSON value",
            ));
        }
    }))
}

/// A float as JSON writes it: integers without a fraction.
pub(crate) fn number(n: f64) -> Result<Number, Failure> {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation, reason = "integral and in range")]
        return Ok(Number::from(n as i64));
    }
    Number::from_f64(n).ok_or_else(|| failure("the expression evaluated to a non-finite number"))
}
