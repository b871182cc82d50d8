//! A crate whose `build.rs` builds its state machine with `asl-builder`
//! and writes it under `OUT_DIR`, with its IAM policy and diagram beside
//! it, so a wrong machine fails `cargo build`.

pub mod machine;

/// The definition `build.rs` wrote, as text.
pub const DEFINITION: &str = include_str!(concat!(env!("OUT_DIR"), "/train-and-notify.asl.json"));

/// The IAM policy `build.rs` wrote beside the definition.
pub const POLICY: &str = include_str!(concat!(env!("OUT_DIR"), "/train-and-notify.policy.json"));

/// The Mermaid diagram `build.rs` wrote beside the definition.
pub const DIAGRAM: &str = include_str!(concat!(env!("OUT_DIR"), "/train-and-notify.mmd"));
