//! Integration tests of the executor.

mod conformance;
