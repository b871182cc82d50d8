//! Intrinsic function calls: known names, arity, nesting and arguments.

use crate::intrinsic::{Argument, Intrinsic, IntrinsicFunction};
use crate::json::Number;

use super::rule::Rule;

/// AWS allows intrinsic calls nested up to 10 deep.
pub(super) const MAX_NESTING: usize = 10;

/// The algorithms `States.Hash` accepts.
const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// `States.ArrayRange` may produce at most this many elements.
const MAX_RANGE: u32 = 1000;
/// Numbers of `States.ArrayRange` are compared exactly up to this many
/// digits (before and after the point); longer ones are an issue.
const MAX_DIGITS: usize = 4000;

/// The step of `States.ArrayRange` is 0.
struct ZeroStep;

/// Whether `States.ArrayRange(start, end, step)` makes more than
/// [`MAX_RANGE`] elements, compared exactly: the count is
/// `floor((end - start) / step) + 1`, so it is over when
/// `end - start - MAX_RANGE * step` is at least 0 (a positive step) or at
/// most 0 (a negative one). `None` when a number is too long to expand.
fn range_len_over_max(
    start: &Number,
    end: &Number,
    step: &Number,
) -> Option<Result<bool, ZeroStep>> {
    let terms = [
        (decimal(end)?, 1),
        (decimal(start)?, -1),
        (decimal(step)?, -i64::from(MAX_RANGE)),
    ];
    let step_sign = terms[2].0.sign;
    if step_sign == 0 {
        return Some(Err(ZeroStep));
    }
    let min_exp = terms.iter().map(|(d, _)| d.exp).min().unwrap_or(0);
    // Little-endian base-10 digits of the sum, each a signed accumulator.
    let mut acc: Vec<i64> = Vec::new();
    for (d, factor) in &terms {
        let shift = usize::try_from(d.exp - min_exp).ok()?;
        let len = shift + d.digits.len();
        if acc.len() < len {
            acc.resize(len, 0);
        }
        for (i, digit) in d.digits.iter().rev().enumerate() {
            acc[shift + i] += i64::from(*digit) * i64::from(d.sign) * factor;
        }
    }
    let mut carry = 0i64;
    for limb in &mut acc {
        let v = *limb + carry;
        carry = v.div_euclid(10);
        *limb = v.rem_euclid(10);
    }
    // The value is `acc` (digits 0..=9) plus `carry` times a power of ten.
    // Negative, zero or positive.
    let sign = if carry < 0 {
        -1
    } else {
        i32::from(carry > 0 || acc.iter().any(|&l| l != 0))
    };
    Some(Ok(if step_sign > 0 { sign >= 0 } else { sign <= 0 }))
}

/// A number as `sign * digits * 10^exp`.
struct Decimal {
    sign: i8,
    /// Most significant first, without leading zeros.
    digits: Vec<u8>,
    exp: i64,
}

/// The exact value of `n`; `None` when it has more than [`MAX_DIGITS`]
/// digits or its exponent reaches further.
fn decimal(n: &Number) -> Option<Decimal> {
    let text = n.as_str();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let frac_len = i64::try_from(frac.len()).ok()?;
    let exp = exp.checked_sub(frac_len)?;
    let first = digits.iter().position(|&d| d != 0);
    digits.drain(..first.unwrap_or(digits.len()));
    let limit = i64::try_from(MAX_DIGITS).ok()?;
    if digits.len() > MAX_DIGITS || exp.abs() > limit {
        return None;
    }
    let sign = match (digits.is_empty(), negative) {
        (true, _) => 0,
        (false, true) => -1,
        (false, false) => 1,
    };
    Some(Decimal { sign, digits, exp })
}

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
            if let [Argument::Number(a), Argument::Number(b), Argument::Number(c)] = args {
                match range_len_over_max(a, b, c) {
                    Some(Ok(false)) => {}
                    Some(Ok(true)) => bad(format!(
                        "`States.ArrayRange({a}, {b}, {c})` would make more than {MAX_RANGE} elements; at most {MAX_RANGE} are allowed"
                    )),
                    Some(Err(ZeroStep)) => {
                        bad("the step of `States.ArrayRange` must not be 0".to_owned());
                    }
                    None => bad(format!(
                        "the numbers of `States.ArrayRange({a}, {b}, {c})` have more than {MAX_DIGITS} digits"
                    )),
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

    #[test]
    fn array_range_counts_exactly() {
        let over = |text: &str| rules(text) == [Rule::IntrinsicArguments];
        assert!(over("States.ArrayRange(1, 1e400, 1)"));
        assert!(over("States.ArrayRange(1, 1e308, 1)"));
        assert!(!over("States.ArrayRange(1e400, 1e400, 1)"));
        assert!(!over(
            "States.ArrayRange(1e400, 1.000000000000000000001e400, 1e380)"
        ));
        // Beyond f64's 53 bits.
        assert!(!over(
            "States.ArrayRange(100000000000000000, 100000000000000999, 1)"
        ));
        assert!(over(
            "States.ArrayRange(100000000000000000, 100000000000001000, 1)"
        ));
        assert!(!over("States.ArrayRange(0.5, 1000.4, 1)"));
        assert!(over("States.ArrayRange(0.5, 1000.5, 1)"));
        assert!(!over("States.ArrayRange(1000, 1, -1)"));
        assert!(over("States.ArrayRange(1000, 0, -1)"));
        assert!(!over("States.ArrayRange(1, 5, -1)"));
        assert!(over("States.ArrayRange(1, 5, -0.0e7)"));
        assert!(over("States.ArrayRange(1, 2, 1e99999)"));
    }
}
