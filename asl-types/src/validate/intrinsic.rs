//! Intrinsic function calls: known names, arity, nesting and arguments.

use crate::intrinsic::{Argument, Intrinsic, IntrinsicFunction};

use super::rule::Rule;

/// AWS allows intrinsic calls nested up to 10 deep.
pub(super) const MAX_NESTING: usize = 10;

/// The algorithms `States.Hash` accepts.
const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// `States.ArrayRange` may produce at most this many elements.
const MAX_RANGE: f64 = 1000.0;

/// Every problem of `call` and the calls nested in it, without recursion.
pub(super) fn check(call: &Intrinsic, mut report: impl FnMut(Rule, String)) {
    let mut stack = vec![(call, 1usize)];
    let mut too_deep = false;
    while let Some((call, depth)) = stack.pop() {
        if depth > MAX_NESTING && !too_deep {
            too_deep = true;
            report(
                Rule::IntrinsicDepth,
                format!("intrinsic function calls nest more than {MAX_NESTING} deep"),
            );
        }
        check_one(call, &mut report);
        for arg in call.args().iter().rev() {
            if let Argument::Call(inner) = arg {
                stack.push((inner, depth + 1));
            }
        }
    }
}

fn check_one(call: &Intrinsic, report: &mut impl FnMut(Rule, String)) {
    let function = call.function();
    let name = function.name();
    let Some((min, max)) = function.arity() else {
        report(
            Rule::IntrinsicUnknownFunction,
            format!("`States.{name}` is not an intrinsic function"),
        );
        return;
    };
    let args = call.args();
    let n = args.len();
    if n < min || max.is_some_and(|max| n > max) {
        let expected = match max {
            Some(max) if max == min => format!("{min}"),
            Some(max) => format!("{min} to {max}"),
            None => format!("at least {min}"),
        };
        report(
            Rule::IntrinsicArity,
            format!("`States.{name}` takes {expected} argument(s), found {n}"),
        );
        return;
    }
    let mut bad = |message: String| report(Rule::IntrinsicArguments, message);
    match function {
        IntrinsicFunction::JsonToString if !matches!(args[0], Argument::Path(_)) => {
            bad("`States.JsonToString` takes a path as its argument".to_owned());
        }
        IntrinsicFunction::JsonMerge => match &args[2] {
            Argument::Bool(false) | Argument::Path(_) | Argument::Call(_) => {}
            _ => bad("the third argument of `States.JsonMerge` must be `false` (deep merge is not supported)".to_owned()),
        },
        IntrinsicFunction::Hash => {
            if let Argument::String(algorithm) = &args[1]
                && !HASH_ALGORITHMS.contains(&algorithm.as_str())
            {
                bad(format!(
                    "`{algorithm}` is not a hash algorithm of `States.Hash`: use {}",
                    HASH_ALGORITHMS.join(", ")
                ));
            }
        }
        IntrinsicFunction::Format => {
            // The template is decoded; when it had escaped braces the count
            // of placeholders cannot be told from the decoded text.
            if let Argument::String(template) = &args[0]
                && !call.as_str().contains("\\{")
                && !call.as_str().contains("\\}")
            {
                let placeholders = template.matches("{}").count();
                if placeholders != n - 1 {
                    bad(format!(
                        "the template of `States.Format` has {placeholders} `{{}}` placeholder(s) for {} argument(s)",
                        n - 1
                    ));
                }
            }
        }
        IntrinsicFunction::ArrayRange => {
            if let [Argument::Number(a), Argument::Number(b), Argument::Number(c)] = args
                && let (Some(start), Some(end), Some(step)) = (a.as_f64(), b.as_f64(), c.as_f64())
            {
                if step == 0.0 {
                    bad("the step of `States.ArrayRange` must not be 0".to_owned());
                } else {
                    let count = ((end - start) / step).floor() + 1.0;
                    if count > MAX_RANGE {
                        bad(format!(
                            "`States.ArrayRange` would make {count} elements; at most 1000 are allowed"
                        ));
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<Rule> {
        let call: Intrinsic = text.parse().expect("parses");
        let mut found = Vec::new();
        check(&call, |rule, _| found.push(rule));
        found
    }

    #[test]
    fn checks_names_arity_depth_and_arguments() {
        assert!(rules("States.Format('{} {}', $.a, $.b)").is_empty());
        assert!(rules(r"States.Format('\{\} {}', $.a)").is_empty());
        assert!(rules("States.JsonMerge($.a, $.b, false)").is_empty());
        assert!(rules("States.Hash($.a, 'SHA-256')").is_empty());
        assert!(rules("States.ArrayRange(1, 1000, 1)").is_empty());
        assert!(rules("States.MathRandom(1, 2, 3)").is_empty());
        assert_eq!(rules("States.Nope(1)"), [Rule::IntrinsicUnknownFunction]);
        assert_eq!(rules("States.UUID(1)"), [Rule::IntrinsicArity]);
        assert_eq!(rules("States.MathAdd(1)"), [Rule::IntrinsicArity]);
        assert_eq!(rules("States.Format()"), [Rule::IntrinsicArity]);
        assert_eq!(rules("States.Format('{}')"), [Rule::IntrinsicArguments]);
        assert_eq!(
            rules("States.JsonToString('x')"),
            [Rule::IntrinsicArguments]
        );
        assert_eq!(
            rules("States.JsonMerge($.a, $.b, true)"),
            [Rule::IntrinsicArguments]
        );
        assert_eq!(
            rules("States.Hash($.a, 'CRC32')"),
            [Rule::IntrinsicArguments]
        );
        assert_eq!(
            rules("States.ArrayRange(1, 1001, 1)"),
            [Rule::IntrinsicArguments]
        );
        assert_eq!(
            rules("States.ArrayRange(1, 5, 0)"),
            [Rule::IntrinsicArguments]
        );
        let ten = format!("{}{}", "States.Array(".repeat(10), ")".repeat(10));
        assert!(rules(&ten).is_empty());
        let eleven = format!("{}{}", "States.Array(".repeat(11), ")".repeat(11));
        assert_eq!(rules(&eleven), [Rule::IntrinsicDepth]);
    }
}
