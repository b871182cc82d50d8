//! Integration tests of the executor.

mod callbacks;
mod choice;
mod conformance;
mod coverage;
mod dataflow;
mod distributed;
mod errors;
mod jsonata;
mod limits;
mod mocks;
mod parallel_map;
mod support;
mod time;
mod variables;
