//! The documented examples, built in Rust, equal AWS's JSON.

mod golden;
mod mlops;
mod run;
mod structure;
