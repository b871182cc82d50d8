//! Builds the state machine and writes it under `OUT_DIR`; an invalid
//! machine fails the build with one `cargo::error=` line per issue, and
//! each warning of a valid one is a `cargo::warning=` line.

#[path = "src/machine.rs"]
#[allow(
    unreachable_pub,
    dead_code,
    reason = "shared with the library, which uses and exports all of it"
)]
mod machine;

fn main() {
    println!("cargo::rerun-if-changed=src/machine.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let file = out.join("train-and-notify.asl.json");
    match machine::train_and_notify() {
        Ok(m) => {
            for line in asl_builder::emit::cargo_warnings(&m) {
                println!("{line}");
            }
            if let Err(e) = asl_builder::emit::write_pretty(&m, &file) {
                println!("cargo::error={}: {e}", file.display());
            }
        }
        Err(e) => {
            for line in asl_builder::emit::cargo_errors(&e) {
                println!("{line}");
            }
        }
    }
}
