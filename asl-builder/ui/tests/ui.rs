//! Compile-fail tests: mistakes the types catch, with messages pointing at
//! the user's code; and the derives under lints users commonly deny.
//! Runs only with feature `ui` (`.ci/run` has a step for it):
//! `cargo test --workspace --features asl-builder-ui/ui --test ui`, and with
//! `TRYBUILD=overwrite` in front it rewrites the expected `.stderr` files
//! (read them before committing).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/typestate/*.rs");
    t.compile_fail("tests/ui/derive/*.rs");
    // asl-types' own mistakes (its derives, typed SageMaker calls): one
    // trybuild run for the workspace, so its dependencies build once.
    t.compile_fail("tests/ui/types/*.rs");
    t.compile_fail("tests/ui/paths/*.rs");
    t.compile_fail("tests/ui/required/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
