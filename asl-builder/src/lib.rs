//! The crate users add: builders for AWS Step Functions state machines.
//!
//! For now it re-exports the model, [`asl_types`]; the fluent builders come next.

pub use asl_types as types;
