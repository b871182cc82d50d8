//! Integration tests of the executor.

mod choice;
mod conformance;
mod dataflow;
mod errors;
mod jsonata;
mod limits;
mod mocks;
mod parallel_map;
mod support;
mod time;
mod variables;
