//! The two states of a required member in a generated request builder.
//!
//! A builder such as [`HumanTaskConfigBuilder`](super::HumanTaskConfigBuilder)
//! carries one marker per required member, in the model's order: [`Unset`]
//! until the member's setter is called, then [`Set`] holding its value. Each
//! required member's setter exists only while its marker is [`Unset`] (so a
//! member cannot be given twice), and `build()` asks each marker for the
//! member's trait in [`required`](super::required), which only [`Set`]
//! implements: a member left out is a compile error that names it.
//!
//! The markers are shared by every builder (rather than generated per shape),
//! which keeps the generated code small.

use crate::Value;

/// A required member that has not been given yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unset;

/// A required member that has been given: holds its value until `build()`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Set<T>(pub(crate) Value<T>);

impl<T> From<Set<T>> for Value<T> {
    fn from(set: Set<T>) -> Value<T> {
        set.0
    }
}
