//! Writes every example machine into a directory: `cargo run -p examples -- DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run -p examples -- DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let mut failed = false;
    for (name, build) in examples::ALL {
        let file = dir.join(format!("{name}.asl.json"));
        match build() {
            Ok(machine) => match asl_builder::emit::write_pretty(&machine, &file) {
                Ok(()) => {
                    println!("wrote {}", file.display());
                    for warning in machine.warnings() {
                        eprintln!("{name}: warning: {warning}");
                    }
                }
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
                    failed = true;
                }
            },
            Err(e) => {
                eprintln!("{name}: invalid machine:\n{e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
