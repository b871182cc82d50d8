//! `asl schema` checked with the `jsonschema` crate (`schema.rs`). A test
//! target of its own, built only with feature `schema-tests`: jsonschema and
//! its dependencies take about half a minute to compile cold on two cores, so
//! the README's `cargo test --workspace` leaves it out and `.ci/run` runs it
//! in a step of its own:
//! `cargo test --workspace --locked --features asl-cli/schema-tests --test schema`.
//! The helpers are shared with `tests/it` (`tests/common`).

#[path = "../common/mod.rs"]
mod common;

use common::{asl, corpus, text};

mod schema;
