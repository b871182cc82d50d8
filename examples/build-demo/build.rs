//! Builds the state machine and writes it under `OUT_DIR` with the IAM
//! policy its execution role needs and its Mermaid diagram beside it; an
//! invalid machine fails the build with one `cargo::error=` line per issue,
//! and each warning of a valid one is a `cargo::warning=` line.

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
            if let Err(e) = write_all(&m, &file) {
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

/// The definition, `NAME.policy.json` (region and account left to
/// CloudFormation's `${AWS::Region}` / `${AWS::AccountId}`) and `NAME.mmd`.
fn write_all(machine: &asl_builder::Built, file: &std::path::Path) -> std::io::Result<()> {
    use asl_builder::emit;
    emit::write_pretty(machine, file)?;
    let options = asl_builder::types::PolicyOptions::new().state_machine_name("train-and-notify");
    // The job and topic names come from the input, so the policy's
    // statements on them are wide (`training-job/*`); `policy.warnings()`
    // says which and why, and a stricter build could print them as
    // `cargo::warning=` lines.
    let _policy = emit::write_policy_beside(machine, &options, file)?;
    emit::write_diagram(machine, file, emit::Diagram::Mermaid)?;
    Ok(())
}
