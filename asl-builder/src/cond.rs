//! Choice conditions with typed operands.
//!
//! ```
//! use asl_builder::cond;
//! use asl_builder::types::Path;
//! let arn = Path::input().field("LabelingJobArn");
//! let c = cond::not(cond::string_equals(arn, ""));
//! assert_eq!(
//!     serde_json::to_string(&c).unwrap(),
//!     r#"{"Not":{"Variable":"$.LabelingJobArn","StringEquals":""}}"#
//! );
//! ```

use asl_types::{Condition, Jsonata, Operand, Operator, Path};

use crate::typed::{Variable, kind};

fn compare(variable: Path, operator: Operator, operand: Operand) -> Condition {
    Condition::compare(variable, operator, operand)
}

macro_rules! string_ops {
    ($($(#[$doc:meta])* $f:ident => $op:ident,)*) => {$(
        $(#[$doc])*
        pub fn $f(variable: impl Variable<kind::Text>, value: impl Into<String>) -> Condition {
            compare(variable.variable(), Operator::$op, Operand::String(value.into()))
        }
    )*};
}

macro_rules! number_ops {
    ($($(#[$doc:meta])* $f:ident => $op:ident,)*) => {$(
        $(#[$doc])*
        ///
        /// A non-finite float cannot be written: the operand is then its
        /// text, and `build()` reports a `wrong-type` issue.
        pub fn $f(variable: impl Variable<kind::Numeric>, value: impl crate::IntoNumber + Clone + std::fmt::Display) -> Condition {
            let operand = value
                .clone()
                .into_number()
                .map_or_else(|| Operand::String(value.to_string()), Operand::Number);
            compare(variable.variable(), Operator::$op, operand)
        }
    )*};
}

macro_rules! path_ops {
    ($($(#[$doc:meta])* $f:ident => $op:ident : $kind:ident,)*) => {$(
        $(#[$doc])*
        pub fn $f(variable: impl Variable<kind::$kind>, other: impl Variable<kind::$kind>) -> Condition {
            compare(variable.variable(), Operator::$op, Operand::Path(other.variable()))
        }
    )*};
}

macro_rules! test_ops {
    ($($(#[$doc:meta])* $f:ident => $op:ident,)*) => {$(
        $(#[$doc])*
        pub fn $f(variable: impl Variable<kind::Any>, expected: bool) -> Condition {
            compare(variable.variable(), Operator::$op, Operand::Bool(expected))
        }
    )*};
}

string_ops! {
    /// `StringEquals`
    string_equals => StringEquals,
    /// `StringLessThan`
    string_less_than => StringLessThan,
    /// `StringGreaterThan`
    string_greater_than => StringGreaterThan,
    /// `StringLessThanEquals`
    string_less_than_equals => StringLessThanEquals,
    /// `StringGreaterThanEquals`
    string_greater_than_equals => StringGreaterThanEquals,
    /// `StringMatches` (`*` is a wildcard, `\*` a literal star)
    string_matches => StringMatches,
    /// `TimestampEquals` (RFC 3339)
    timestamp_equals => TimestampEquals,
    /// `TimestampLessThan`
    timestamp_less_than => TimestampLessThan,
    /// `TimestampGreaterThan`
    timestamp_greater_than => TimestampGreaterThan,
    /// `TimestampLessThanEquals`
    timestamp_less_than_equals => TimestampLessThanEquals,
    /// `TimestampGreaterThanEquals`
    timestamp_greater_than_equals => TimestampGreaterThanEquals,
}

number_ops! {
    /// `NumericEquals`
    numeric_equals => NumericEquals,
    /// `NumericLessThan`
    numeric_less_than => NumericLessThan,
    /// `NumericGreaterThan`
    numeric_greater_than => NumericGreaterThan,
    /// `NumericLessThanEquals`
    numeric_less_than_equals => NumericLessThanEquals,
    /// `NumericGreaterThanEquals`
    numeric_greater_than_equals => NumericGreaterThanEquals,
}

path_ops! {
    /// `StringEqualsPath`
    string_equals_path => StringEqualsPath: Text,
    /// `StringLessThanPath`
    string_less_than_path => StringLessThanPath: Text,
    /// `StringGreaterThanPath`
    string_greater_than_path => StringGreaterThanPath: Text,
    /// `StringLessThanEqualsPath`
    string_less_than_equals_path => StringLessThanEqualsPath: Text,
    /// `StringGreaterThanEqualsPath`
    string_greater_than_equals_path => StringGreaterThanEqualsPath: Text,
    /// `NumericEqualsPath`
    numeric_equals_path => NumericEqualsPath: Numeric,
    /// `NumericLessThanPath`
    numeric_less_than_path => NumericLessThanPath: Numeric,
    /// `NumericGreaterThanPath`
    numeric_greater_than_path => NumericGreaterThanPath: Numeric,
    /// `NumericLessThanEqualsPath`
    numeric_less_than_equals_path => NumericLessThanEqualsPath: Numeric,
    /// `NumericGreaterThanEqualsPath`
    numeric_greater_than_equals_path => NumericGreaterThanEqualsPath: Numeric,
    /// `BooleanEqualsPath`
    boolean_equals_path => BooleanEqualsPath: Boolean,
    /// `TimestampEqualsPath`
    timestamp_equals_path => TimestampEqualsPath: Text,
    /// `TimestampLessThanPath`
    timestamp_less_than_path => TimestampLessThanPath: Text,
    /// `TimestampGreaterThanPath`
    timestamp_greater_than_path => TimestampGreaterThanPath: Text,
    /// `TimestampLessThanEqualsPath`
    timestamp_less_than_equals_path => TimestampLessThanEqualsPath: Text,
    /// `TimestampGreaterThanEqualsPath`
    timestamp_greater_than_equals_path => TimestampGreaterThanEqualsPath: Text,
}

test_ops! {
    /// `IsNull`
    is_null => IsNull,
    /// `IsPresent`
    is_present => IsPresent,
    /// `IsNumeric`
    is_numeric => IsNumeric,
    /// `IsString`
    is_string => IsString,
    /// `IsBoolean`
    is_boolean => IsBoolean,
    /// `IsTimestamp`
    is_timestamp => IsTimestamp,
}

/// `BooleanEquals`
pub fn boolean_equals(variable: impl Variable<kind::Boolean>, value: bool) -> Condition {
    compare(
        variable.variable(),
        Operator::BooleanEquals,
        Operand::Bool(value),
    )
}

/// `And`: all hold.
pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Condition {
    Condition::And(conditions.into_iter().collect())
}

/// `Or`: any holds.
pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Condition {
    Condition::Or(conditions.into_iter().collect())
}

/// `Not`
pub fn not(condition: Condition) -> Condition {
    Condition::Not(Box::new(condition))
}

/// A JSONata `Condition` (for rules of JSONata Choice states).
pub fn jsonata(expression: &str) -> Condition {
    Condition::Jsonata(Jsonata::new(expression))
}
