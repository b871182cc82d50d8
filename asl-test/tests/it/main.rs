//! Integration tests of the executor.
