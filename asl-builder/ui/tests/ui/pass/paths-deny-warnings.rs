//! `path!`, `ref_path!` and the typed intrinsics expand lint-clean.
#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    rust_2018_idioms,
    trivial_casts,
    unsafe_code,
    clippy::all
)]

use asl_builder::types::{Path, ReferencePath};
use asl_builder::{ctx, intrinsic, path, ref_path};

fn main() {
    let p: Path = path!("$$.Map.Item.Value['a b'][3]");
    let r: ReferencePath = ref_path!("$.result");
    let empty: Path = path!("$");
    let call = intrinsic::format("{}-{}", [p, ctx::execution().name()]);
    assert_eq!(r.to_string(), "$.result");
    assert_eq!(empty.to_string(), "$");
    assert!(call.to_string().starts_with("States.Format"));
}
