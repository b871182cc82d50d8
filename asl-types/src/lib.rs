//! The Amazon States Language as Rust types.
//!
//! Every construct of ASL — the eight state types in both query languages,
//! choice rules, retriers and catchers, paths, intrinsic function calls,
//! JSONata expressions, resource ARNs — is a type here. Reading a definition
//! gives the typed model; writing the model gives the definition back, equal
//! as a JSON value, with payload keys in their original order and numbers as
//! they were written. Nothing is defaulted, nothing unknown is dropped: an
//! unknown field is an error naming the state and the JSON pointer.
//!
//! ```
//! use asl_types::{State, StateMachine};
//!
//! let text = r#"{
//!   "StartAt": "Train",
//!   "States": {
//!     "Train": {
//!       "Type": "Task",
//!       "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
//!       "Parameters": { "TrainingJobName.$": "$.name", "ResourceConfig": { "InstanceCount": 1 } },
//!       "End": true
//!     }
//!   }
//! }"#;
//! let machine: StateMachine = text.parse()?;
//! let State::Task(train) = &machine.states["Train"] else { unreachable!() };
//! assert_eq!(train.resource.to_string(), "arn:aws:states:::sagemaker:createTrainingJob.sync");
//!
//! let again: serde_json::Value = serde_json::from_str(&machine.to_json_string()?)?;
//! assert_eq!(again, serde_json::from_str::<serde_json::Value>(text)?);
//!
//! let bad = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Nxt": "B"}}}"#;
//! let err = bad.parse::<StateMachine>().unwrap_err();
//! assert_eq!(err.to_string(), "A: /States/A/Nxt: unknown field `Nxt` in Pass state [unknown-field]");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

extern crate self as asl_types;

#[doc(hidden)]
// used by `#[derive(Template)]` and `path!` expansions only; not part of the public API
pub mod __private;
mod choice;
mod enums;
mod expr;
mod graph_render;
mod integer;
pub mod integrations;
mod intrinsic;
pub mod json;
mod machine;
mod names;
mod path;
mod payload;
pub mod placeholders;
pub mod policy;
pub mod read;
mod record;
mod resource;
mod retry;
pub mod sagemaker;
#[cfg(feature = "schema")]
pub mod schema;
mod state;
mod structure;
mod template;
#[cfg(test)]
mod test_files;
pub mod validate;

pub use crate::choice::{ChoiceRule, Condition, Operand, OperandKind, Operator};
pub use crate::enums::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, JitterStrategy, OutputType,
    ProcessorMode, QueryLanguage, Transformation,
};
pub use crate::expr::{Expr, InvalidExpr, Jsonata, JsonataOr, NotJsonata, Value};
pub use crate::integer::Integer;
pub use crate::intrinsic::{Argument, Intrinsic, IntrinsicFunction, InvalidIntrinsic};
pub use crate::json::{InvalidNumber, Json, JsonError, JsonObject, Number, Spans};
pub use crate::machine::{Reading, StateMachine};
pub use crate::names::{ErrorName, StateName};
pub use crate::path::{InvalidPath, Path, PathRoot, ReferencePath, Segment};
pub use crate::payload::Payload;
pub use crate::policy::{Policy, PolicyOptions};
pub use crate::resource::{IntegrationPattern, Resource};
pub use crate::retry::{Catcher, Retrier};
pub use crate::state::{
    Branch, Choice, DynamicString, Fail, ItemBatcher, ItemProcessor, ItemReader, Map, Nullable,
    Parallel, Pass, ProcessorConfig, ReaderConfig, ResultWriter, State, States, Succeed, Task,
    Wait, WriterConfig,
};
pub use crate::structure::{Found, Scope, ScopeStep, Transition, TransitionKind};
pub use crate::template::{DynMap, Template, ToPayload};
pub use crate::validate::{Issue, Report, Rule, Severity, validate};

/// Reading a definition failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not a JSON document (exit code 2 in `asl`).
    #[error("{0}")]
    Json(#[from] JsonError),
    /// The JSON does not fit the ASL model (exit code 1 in `asl`): every
    /// issue found.
    #[error("{0}")]
    Model(#[from] Report),
}
