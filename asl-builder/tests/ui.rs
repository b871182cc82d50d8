//! Compile-fail tests: mistakes the types catch, with messages pointing at
//! the user's code; and the derives under lints users commonly deny.
//! `TRYBUILD=overwrite cargo test -p asl-builder --test ui` rewrites the
//! expected `.stderr` files (read them before committing).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/typestate/*.rs");
    t.compile_fail("tests/ui/derive/*.rs");
    t.compile_fail("tests/ui/required/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
