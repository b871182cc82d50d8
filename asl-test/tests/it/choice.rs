//! Choice states: every comparison operator family, `…Path` operands,
//! type tests, `And` / `Or` / `Not`, `Default` and `States.NoChoiceMatched`,
//! as the AWS Step Functions Developer Guide ("Choice workflow state") and
//! the ASL specification ("Choice Rules") describe them.

use std::error::Error;

use asl_test::Status;

use crate::support::{TestResult, json, output, run};

/// Whether the Choice rule `condition` (a rule without `Next`) holds for
/// `input`: the machine goes to `Yes` when it does, to `Default` `No`
/// otherwise.
fn holds(condition: &str, input: &str) -> Result<bool, Box<dyn Error>> {
    let definition = format!(
        r#"{{"StartAt": "C", "States": {{
          "C": {{"Type": "Choice",
                 "Choices": [{{"And": [{condition}], "Next": "Yes"}}],
                 "Default": "No"}},
          "Yes": {{"Type": "Pass", "End": true}},
          "No": {{"Type": "Pass", "End": true}}
        }}}}"#
    );
    let outcome = run(&definition, input, vec![])?;
    assert!(
        outcome.succeeded(),
        "{condition} on {input}: {:?} {:?}",
        outcome.error,
        outcome.cause
    );
    Ok(outcome.path == ["C", "Yes"])
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// String comparisons: StringEquals, StringLessThan, StringGreaterThan,
// StringLessThanEquals, StringGreaterThanEquals ("To understand the
// behavior of string comparisons, see the Java compareTo documentation").
#[test]
fn string_operators_compare_strings_lexically() -> TestResult {
    let input = r#"{"foo": "MyStringABD"}"#;
    assert!(holds(
        r#"{"Variable": "$.foo", "StringEquals": "MyStringABD"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.foo", "StringEquals": "mystringabd"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.foo", "StringGreaterThan": "MyStringABC"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.foo", "StringLessThan": "MyStringABC"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.foo", "StringLessThan": "MyStringB"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.foo", "StringLessThanEquals": "MyStringABD"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.foo", "StringGreaterThanEquals": "MyStringABD"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.foo", "StringGreaterThanEquals": "MyStringABE"}"#,
        input
    )?);
    // A prefix sorts first.
    assert!(holds(
        r#"{"Variable": "$.foo", "StringGreaterThan": "MyString"}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// "To understand the behavior of string comparisons, see the Java compareTo
// documentation": String.compareTo compares UTF-16 code units, so U+FF61
// (one unit, 0xFF61) sorts after U+1F600 (surrogates 0xD83D 0xDE00).
#[test]

fn string_comparison_orders_by_utf16_code_units_like_java_compare_to() -> TestResult {
    let input = r#"{"foo": "\uFF61"}"#;
    assert!(holds(
        r#"{"Variable": "$.foo", "StringGreaterThan": "\uD83D\uDE00"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.foo", "StringLessThan": "\uD83D\uDE00"}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// Numeric comparisons compare values: 3 equals 3.0 and 30e-1.
#[test]
fn numeric_operators_compare_numbers_by_value() -> TestResult {
    let input = r#"{"n": 3}"#;
    assert!(holds(
        r#"{"Variable": "$.n", "NumericEquals": 3.0}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericEquals": 30e-1}"#,
        input
    )?);
    assert!(!holds(r#"{"Variable": "$.n", "NumericEquals": 4}"#, input)?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericLessThan": 3.5}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.n", "NumericLessThan": 3}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericLessThanEquals": 3}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericGreaterThan": -1}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericGreaterThanEquals": 3}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.n", "NumericGreaterThanEquals": 3.01}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// BooleanEquals compares a Boolean field.
#[test]
fn boolean_equals_compares_booleans() -> TestResult {
    assert!(holds(
        r#"{"Variable": "$.b", "BooleanEquals": false}"#,
        r#"{"b": false}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.b", "BooleanEquals": true}"#,
        r#"{"b": false}"#
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// Timestamp comparisons: "checks whether the timestamp is equal to
// 2001-01-01T12:00:00Z"; Timestamps must conform to RFC 3339.
#[test]
fn timestamp_operators_compare_instants() -> TestResult {
    let input = r#"{"t": "2001-01-01T12:00:00Z"}"#;
    assert!(holds(
        r#"{"Variable": "$.t", "TimestampEquals": "2001-01-01T12:00:00Z"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.t", "TimestampLessThan": "2001-01-01T12:00:01Z"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.t", "TimestampGreaterThan": "2000-12-31T23:59:59Z"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.t", "TimestampLessThanEquals": "2001-01-01T12:00:00Z"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.t", "TimestampGreaterThanEquals": "2001-01-01T12:00:00Z"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.t", "TimestampGreaterThan": "2001-01-01T12:00:00Z"}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// Timestamps "must conform to RFC3339 profile ISO 8601, with further
// restrictions: An uppercase T must separate the date and time portions."
#[test]

fn a_timestamp_needs_an_uppercase_t() -> TestResult {
    assert!(holds(
        r#"{"Variable": "$.t", "IsTimestamp": true}"#,
        r#"{"t": "2016-08-18T17:33:00Z"}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.t", "IsTimestamp": true}"#,
        r#"{"t": "2016-08-18t17:33:00Z"}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.t", "TimestampEquals": "2016-08-18T17:33:00Z"}"#,
        r#"{"t": "2016-08-18t17:33:00Z"}"#
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// Timestamps "must conform to RFC3339 profile ISO 8601, with further
// restrictions: [...] An uppercase Z must denote that a numeric time zone
// offset isn't present."
#[test]

fn a_timestamp_needs_an_uppercase_z() -> TestResult {
    assert!(holds(
        r#"{"Variable": "$.t", "IsTimestamp": true}"#,
        r#"{"t": "2016-08-18T17:33:00Z"}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.t", "IsTimestamp": true}"#,
        r#"{"t": "2016-08-18T17:33:00z"}"#
    )?);
    Ok(())
}

// ASL spec, "Choice Rules": StringMatches "allows the use of the '*'
// wildcard to match zero or more characters; use '\*' for a literal '*'
// and '\\' for a literal '\'". (In the JSON text of a definition each
// backslash is itself written twice.)
#[test]
fn string_matches_supports_the_star_wildcard_and_escapes() -> TestResult {
    let rule = |pattern: &str| format!(r#"{{"Variable": "$.s", "StringMatches": "{pattern}"}}"#);
    assert!(holds(&rule("log-*.txt"), r#"{"s": "log-2024.txt"}"#)?);
    assert!(holds(&rule("log-*.txt"), r#"{"s": "log-.txt"}"#)?);
    assert!(!holds(&rule("log-*.txt"), r#"{"s": "log-2024.csv"}"#)?);
    assert!(holds(&rule("*"), r#"{"s": ""}"#)?);
    // "a\*b": a literal star.
    assert!(holds(&rule(r"a\\*b"), r#"{"s": "a*b"}"#)?);
    assert!(!holds(&rule(r"a\\*b"), r#"{"s": "axb"}"#)?);
    // "a\\b": a literal backslash.
    assert!(holds(&rule(r"a\\\\b"), r#"{"s": "a\\b"}"#)?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// The "…Path" operators compare the Variable with the value another path
// selects in the input.
#[test]
fn path_operators_compare_with_another_field_of_the_input() -> TestResult {
    let input = r#"{"a": "x", "b": "x", "n": 1, "m": 2, "p": true, "q": true,
                    "t": "2001-01-01T12:00:00Z", "u": "2001-01-01T13:00:00Z"}"#;
    assert!(holds(
        r#"{"Variable": "$.a", "StringEqualsPath": "$.b"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.n", "NumericLessThanPath": "$.m"}"#,
        input
    )?);
    assert!(!holds(
        r#"{"Variable": "$.n", "NumericGreaterThanPath": "$.m"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.p", "BooleanEqualsPath": "$.q"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.u", "TimestampGreaterThanPath": "$.t"}"#,
        input
    )?);
    assert!(holds(
        r#"{"Variable": "$.a", "StringLessThanEqualsPath": "$.b"}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// IsPresent tests whether the field exists: false for a missing field,
// without an error.
#[test]
fn is_present_is_false_for_a_missing_field() -> TestResult {
    assert!(holds(
        r#"{"Variable": "$.missing", "IsPresent": false}"#,
        r#"{"a": 1}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.missing", "IsPresent": true}"#,
        r#"{"a": 1}"#
    )?);
    assert!(holds(
        r#"{"Variable": "$.a", "IsPresent": true}"#,
        r#"{"a": null}"#
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// Type tests: IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp.
#[test]
fn type_tests_report_the_json_type() -> TestResult {
    let input = r#"{"z": null, "n": 1.5, "s": "x", "b": false, "t": "2016-08-18T17:33:00Z"}"#;
    assert!(holds(r#"{"Variable": "$.z", "IsNull": true}"#, input)?);
    assert!(holds(r#"{"Variable": "$.n", "IsNull": false}"#, input)?);
    assert!(holds(r#"{"Variable": "$.n", "IsNumeric": true}"#, input)?);
    assert!(!holds(r#"{"Variable": "$.s", "IsNumeric": true}"#, input)?);
    assert!(holds(r#"{"Variable": "$.s", "IsString": true}"#, input)?);
    assert!(holds(r#"{"Variable": "$.b", "IsBoolean": true}"#, input)?);
    assert!(!holds(r#"{"Variable": "$.z", "IsBoolean": true}"#, input)?);
    assert!(holds(r#"{"Variable": "$.t", "IsTimestamp": true}"#, input)?);
    assert!(!holds(
        r#"{"Variable": "$.s", "IsTimestamp": true}"#,
        input
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// "For each of these operators, the corresponding value must be of the
// appropriate type: string, number, Boolean, or timestamp. Step Functions
// doesn't attempt to match a numeric field to a string value." A mismatch
// is simply no match (the Default is taken), not an error.
#[test]
fn a_comparison_of_the_wrong_type_is_false() -> TestResult {
    assert!(!holds(
        r#"{"Variable": "$.v", "NumericEquals": 3}"#,
        r#"{"v": "3"}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.v", "StringEquals": "3"}"#,
        r#"{"v": 3}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.v", "BooleanEquals": true}"#,
        r#"{"v": "true"}"#
    )?);
    assert!(!holds(
        r#"{"Variable": "$.v", "TimestampEquals": "2001-01-01T12:00:00Z"}"#,
        r#"{"v": 5}"#
    )?);
    // Timestamps are logically strings: StringEquals may match one.
    assert!(holds(
        r#"{"Variable": "$.v", "StringEquals": "2001-01-01T12:00:00Z"}"#,
        r#"{"v": "2001-01-01T12:00:00Z"}"#
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// The page's example, with input {"type": "Private", "value": 22}: "Step
// Functions transitions to the ValueInTwenties state" (Not, And).
#[test]
fn and_or_not_combine_rules_as_in_the_choice_example() -> TestResult {
    let definition = r#"{"StartAt": "ChoiceStateX", "States": {
      "ChoiceStateX": {
        "Type": "Choice",
        "Choices": [
          {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
          {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
          {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                   {"Variable": "$.value", "NumericLessThan": 30}],
           "Next": "ValueInTwenties"},
          {"Or": [{"Variable": "$.value", "NumericEquals": 100},
                  {"Variable": "$.value", "NumericEquals": 200}],
           "Next": "Round"}
        ],
        "Default": "DefaultState"
      },
      "Public": {"Type": "Pass", "End": true},
      "ValueIsZero": {"Type": "Pass", "End": true},
      "ValueInTwenties": {"Type": "Pass", "End": true},
      "Round": {"Type": "Pass", "End": true},
      "DefaultState": {"Type": "Fail", "Cause": "No Matches!"}
    }}"#;
    let next = |input: &str| -> Result<String, Box<dyn Error>> {
        Ok(run(definition, input, vec![])?.path[1].clone())
    };
    assert_eq!(
        next(r#"{"type": "Private", "value": 22}"#)?,
        "ValueInTwenties"
    );
    assert_eq!(next(r#"{"type": "Public", "value": 22}"#)?, "Public");
    assert_eq!(next(r#"{"type": "Private", "value": 0}"#)?, "ValueIsZero");
    assert_eq!(next(r#"{"type": "Private", "value": 200}"#)?, "Round");
    assert_eq!(next(r#"{"type": "Private", "value": 31}"#)?, "DefaultState");
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// "Step Functions examines each of the Choice Rules in the order listed in
// the Choices field. Then it transitions to the state specified in the
// Next field of the first Choice Rule in which the variable matches".
// The Choice state's output is its input.
#[test]
fn the_first_matching_rule_wins_and_the_input_passes_through() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [
                  {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "First"},
                  {"Variable": "$.n", "NumericGreaterThan": 2, "Next": "Second"}],
                "Default": "Second"},
          "First": {"Type": "Pass", "End": true},
          "Second": {"Type": "Pass", "End": true}
        }}"#,
        r#"{"n": 5, "keep": [1]}"#,
        vec![],
    )?;
    assert_eq!(outcome.path, ["C", "First"]);
    assert_eq!(output(&outcome), json(r#"{"n": 5, "keep": [1]}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// "If there are no matches for the Choice state's Choices, the state
// provided in the Default field runs instead."
#[test]
fn default_runs_when_no_rule_matches() -> TestResult {
    assert!(!holds(
        r#"{"Variable": "$.n", "NumericEquals": 1}"#,
        r#"{"n": 2}"#
    )?);
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// States.NoChoiceMatched: "A Choice state failed to find a match for the
// condition field extracted from its input" (and no Default: "If the
// Default state isn't specified, the execution fails with an error").
#[test]
fn no_match_and_no_default_fails_with_states_no_choice_matched() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
          "Done": {"Type": "Succeed"}
        }}"#,
        r#"{"n": 2}"#,
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.NoChoiceMatched"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// "You must specify the $.type field. If the state input doesn't contain
// the $.type field, the execution fails and an error is displayed in the
// execution history." (A comparison on a missing field is States.Runtime,
// unlike IsPresent.)
#[test]
fn comparing_a_missing_field_fails_the_execution() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.type", "StringEquals": "Private", "Next": "Done"}],
                "Default": "Done"},
          "Done": {"Type": "Succeed"}
        }}"#,
        r#"{"value": 22}"#,
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("States.Runtime"));
    Ok(())
}
