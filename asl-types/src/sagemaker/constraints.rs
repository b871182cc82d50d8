//! The model's `min` / `max` / `pattern` facts as constant data, for an
//! opt-in check of literal values (the validator uses them; constructors
//! never do).

/// The constraints of the members of one generated type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TypeConstraints {
    /// The Rust type name, e.g. `ResourceConfig` or `CreateTrainingJob`.
    pub type_name: &'static str,
    /// Its members that have any constraint, in model order.
    pub members: &'static [MemberConstraints],
}

/// The constraints of one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemberConstraints {
    /// The JSON member name, e.g. `TrainingJobName`.
    pub member: &'static str,
    /// Of the value itself (a string's length, a list's items, a number's range).
    pub facts: Option<Facts>,
    /// Of each element of a list, or each value of a map.
    pub elements: Option<Facts>,
    /// Of each key of a map.
    pub keys: Option<Facts>,
}

/// A bound and a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Facts {
    /// The bound, if any.
    pub limit: Option<Limit>,
    /// A regular expression a string must match (unanchored, as the model writes it).
    pub pattern: Option<&'static str>,
}

/// A bound on a value; each end is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// Length of a string, in characters.
    Length {
        /// At least.
        min: Option<u64>,
        /// At most.
        max: Option<u64>,
    },
    /// Number of items of a list.
    Items {
        /// At least.
        min: Option<u64>,
        /// At most.
        max: Option<u64>,
    },
    /// Number of entries of a map.
    Entries {
        /// At least.
        min: Option<u64>,
        /// At most.
        max: Option<u64>,
    },
    /// Value of an integer.
    Integer {
        /// At least.
        min: Option<i64>,
        /// At most.
        max: Option<i64>,
    },
    /// Value of a float, as the model writes the bounds.
    Number {
        /// At least.
        min: Option<&'static str>,
        /// At most.
        max: Option<&'static str>,
    },
}

/// The constraints of the members of the generated type `type_name`
/// (empty when it has none, or is not a generated type).
///
/// ```
/// use asl_types::sagemaker::{Limit, constraints};
/// let name = constraints("CreateTrainingJob")
///     .iter()
///     .find(|c| c.member == "TrainingJobName")
///     .and_then(|c| c.facts)
///     .unwrap();
/// assert_eq!(name.limit, Some(Limit::Length { min: Some(1), max: Some(63) }));
/// ```
pub fn constraints(type_name: &str) -> &'static [MemberConstraints] {
    let all = super::generated::CONSTRAINTS;
    all.binary_search_by(|c| c.type_name.cmp(type_name))
        .map_or(&[], |i| all[i].members)
}

/// Every generated type that has constrained members, sorted by name.
pub fn all_constraints() -> &'static [TypeConstraints] {
    super::generated::CONSTRAINTS
}
