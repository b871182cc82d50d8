//! The documented examples, built in Rust, equal AWS's JSON.

mod golden;
mod mlops;
mod policy;
mod run;
mod structure;
