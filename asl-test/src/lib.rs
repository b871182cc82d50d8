//! Run Amazon States Language state machines locally, in process, as Step
//! Functions would, with every Task answered by a mock.
//!
//! [`Executor`] interprets a [`asl_types::StateMachine`]: both query
//! languages, every state type, Retry and Catch, the context object,
//! workflow variables, on a virtual clock that never sleeps. The same
//! machine, input, mocks and seed give the same [`Outcome`], byte for byte.

mod choice;
mod exec;
mod failure;
mod hash;
mod intrinsics;
mod jsonata;
mod jsonpath;
mod mock;
mod outcome;
mod rng;
mod time;

pub use crate::exec::{DATA_LIMIT, Executor, Options, RunError};
pub use crate::failure::Failure;
pub use crate::mock::{Mock, Mocks, Response, TaskCall};
pub use crate::outcome::{Event, Outcome, Status};
pub use crate::rng::Rng;
