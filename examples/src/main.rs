//! The AWS-documented SageMaker examples, written with `asl-builder`.
//!
//! `cargo run -p examples -- DIR` will write every example machine into DIR
//! once the builder lands; until then this binary has nothing to write.

fn main() {}
