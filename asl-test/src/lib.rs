//! Run Amazon States Language state machines locally, in process, exactly
//! as Step Functions would, with every Task answered by a mock.
#![doc = "\n\n(The full guide is written as the executor lands.)"]

mod failure;
mod intrinsics;
mod rng;

pub use crate::failure::Failure;
pub use crate::rng::Rng;
