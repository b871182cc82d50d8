//! A crate whose `build.rs` builds its state machine with `asl-builder`
//! and writes it under `OUT_DIR`, so a wrong machine fails `cargo build`.

pub mod machine;

/// The definition `build.rs` wrote, as text.
pub const DEFINITION: &str = include_str!(concat!(env!("OUT_DIR"), "/train-and-notify.asl.json"));
