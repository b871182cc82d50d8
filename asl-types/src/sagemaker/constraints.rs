//! The model's `min` / `max` / `pattern` facts as constant data, for an
//! opt-in check of literal values (the validator uses them; constructors
//! never do).

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

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
    /// A regular expression a string must match.
    pub pattern: Option<&'static Pattern>,
}

/// A `pattern` of the model: its text (unanchored, as the model writes it),
/// compiled once, anchored, on first use.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A pattern of the model's text `source`.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The model's text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the whole of `text` matches; `None` when the `regex` crate
    /// cannot compile the pattern (look-around), which is then not checked.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| Regex::new(&format!("^(?:{})$", self.source)).ok())
            .as_ref()
            .map(|re| re.is_match(text))
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

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
