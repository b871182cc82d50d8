//! JSONPath Choice comparisons, as Step Functions evaluates them: a value
//! of the wrong type makes a comparison false (never an error).

use std::cmp::Ordering;

use asl_types::{Json, Operator};

use crate::time;

/// Whether `value` (what `Variable` selected) compares to `operand` (the
/// literal, or what the `…Path` operand selected) by `operator`.
pub(crate) fn compare(value: &Json, operator: Operator, operand: &Json) -> bool {
    use Operator as O;
    match operator {
        O::IsNull => matches!(value, Json::Null) == is_true(operand),
        O::IsPresent => is_true(operand),
        O::IsNumeric => matches!(value, Json::Number(_)) == is_true(operand),
        O::IsString => matches!(value, Json::String(_)) == is_true(operand),
        O::IsBoolean => matches!(value, Json::Bool(_)) == is_true(operand),
        O::IsTimestamp => value.as_str().and_then(time::parse_ms).is_some() == is_true(operand),
        O::BooleanEquals | O::BooleanEqualsPath => match (value, operand) {
            (Json::Bool(a), Json::Bool(b)) => a == b,
            _ => false,
        },
        O::StringMatches => match (value, operand) {
            (Json::String(v), Json::String(pattern)) => wildcard(v, pattern),
            _ => false,
        },
        O::StringEquals
        | O::StringEqualsPath
        | O::StringLessThan
        | O::StringLessThanPath
        | O::StringGreaterThan
        | O::StringGreaterThanPath
        | O::StringLessThanEquals
        | O::StringLessThanEqualsPath
        | O::StringGreaterThanEquals
        | O::StringGreaterThanEqualsPath => match (value, operand) {
            // AWS compares as Java's `compareTo` does: by UTF-16 code units.
            (Json::String(a), Json::String(b)) => {
                holds(operator.name(), a.encode_utf16().cmp(b.encode_utf16()))
            }
            _ => false,
        },
        O::NumericEquals
        | O::NumericEqualsPath
        | O::NumericLessThan
        | O::NumericLessThanPath
        | O::NumericGreaterThan
        | O::NumericGreaterThanPath
        | O::NumericLessThanEquals
        | O::NumericLessThanEqualsPath
        | O::NumericGreaterThanEquals
        | O::NumericGreaterThanEqualsPath => match (value, operand) {
            (Json::Number(a), Json::Number(b)) => {
                let (Ok(a), Ok(b)) = (a.as_str().parse::<f64>(), b.as_str().parse::<f64>()) else {
                    return false;
                };
                a.partial_cmp(&b).is_some_and(|o| holds(operator.name(), o))
            }
            _ => false,
        },
        _ => match (
            value.as_str().and_then(time::parse_ms),
            operand.as_str().and_then(time::parse_ms),
        ) {
            (Some(a), Some(b)) => holds(operator.name(), a.cmp(&b)),
            _ => false,
        },
    }
}

fn is_true(operand: &Json) -> bool {
    matches!(operand, Json::Bool(true))
}

/// The comparison named by the operator (`…Equals`, `…LessThan`, …).
fn holds(name: &str, ordering: Ordering) -> bool {
    let name = name.strip_suffix("Path").unwrap_or(name);
    if name.ends_with("LessThanEquals") {
        ordering.is_le()
    } else if name.ends_with("GreaterThanEquals") {
        ordering.is_ge()
    } else if name.ends_with("LessThan") {
        ordering.is_lt()
    } else if name.ends_with("GreaterThan") {
        ordering.is_gt()
    } else {
        ordering.is_eq()
    }
}

/// `StringMatches`: `*` matches any run of characters; `\*` is a literal
/// star and `\\` a literal backslash.
fn wildcard(text: &str, pattern: &str) -> bool {
    enum Token {
        Char(char),
        Star,
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        tokens.push(match c {
            '\\' => Token::Char(chars.next().unwrap_or('\\')),
            '*' => Token::Star,
            c => Token::Char(c),
        });
    }
    let text: Vec<char> = text.chars().collect();
    // Iterative matching with backtracking to the last star: linear space,
    // no recursion.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(|t| matches!(t, Token::Star))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(text: &str) -> Json {
        text.parse().unwrap()
    }

    #[test]
    fn string_matches_wildcards_and_escapes() {
        // Examples of the ASL specification's StringMatches.
        assert!(wildcard("log-2024.txt", "log-*.txt"));
        assert!(wildcard("abc", "*"));
        assert!(wildcard("", "*"));
        assert!(!wildcard("log.csv", "log-*.txt"));
        assert!(wildcard("a*b", r"a\*b"));
        assert!(!wildcard("axb", r"a\*b"));
        assert!(wildcard(r"a\b", r"a\\b"));
        assert!(wildcard("aXbXc", "a*b*c"));
        assert!(!wildcard("aXbX", "a*b*c"));
    }

    #[test]
    fn comparisons_of_the_wrong_type_are_false() {
        assert!(compare(&j("3"), Operator::NumericEquals, &j("3.0")));
        assert!(compare(
            &j("1e2"),
            Operator::NumericGreaterThanEquals,
            &j("100")
        ));
        assert!(!compare(&j(r#""3""#), Operator::NumericEquals, &j("3")));
        assert!(compare(
            &j(r#""b""#),
            Operator::StringGreaterThan,
            &j(r#""a""#)
        ));
        assert!(compare(
            &j(r#""2024-01-01T00:00:00Z""#),
            Operator::TimestampLessThan,
            &j(r#""2024-01-01T00:00:01+00:00""#)
        ));
        assert!(!compare(
            &j(r#""yesterday""#),
            Operator::TimestampLessThan,
            &j(r#""2024-01-01T00:00:00Z""#)
        ));
        assert!(compare(&j("null"), Operator::IsNull, &j("true")));
        assert!(compare(&j("1"), Operator::IsNull, &j("false")));
        assert!(compare(
            &j(r#""2024-01-01T00:00:00Z""#),
            Operator::IsTimestamp,
            &j("true")
        ));
        assert!(!compare(&j("true"), Operator::BooleanEquals, &j("false")));
    }
}
