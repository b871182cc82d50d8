//! Compile-fail tests of `asl-builder` and `asl-types` (`tests/ui.rs`): the
//! mistakes their types catch, with messages pointing at the user's code,
//! and the derives under lints users commonly deny. A crate of its own so
//! that trybuild's project builds only what the cases use.
