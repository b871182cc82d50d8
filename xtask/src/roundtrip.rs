//! `cargo xtask import-roundtrip`: every valid corpus file and every example
//! goes through `asl import`; the generated functions are compiled together in
//! one crate (`$CARGO_TARGET_DIR/import-roundtrip/`, a path dependency on
//! `asl-builder`, built offline from a copy of the workspace's `Cargo.lock`)
//! and run; each rebuilt machine must equal its file as a JSON value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::codegen::workspace_root;

/// Arguments of `import-roundtrip`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Also run clippy, pedantic lints as errors, on the generated code.
    #[arg(long)]
    clippy: bool,
}

/// A definition to import: its module name and its file.
struct Input {
    module: String,
    file: PathBuf,
}

/// The target directory cargo uses for this workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// A module name for a file stem: `057-sagemaker-training-job` → `corpus_057_sagemaker_training_job`.
fn module_name(prefix: &str, stem: &str) -> String {
    let mut out = format!("{prefix}_");
    for c in stem.chars() {
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    out
}

fn definitions(dir: &Path, prefix: &str) -> Result<Vec<Input>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|f| f.to_string_lossy().ends_with(".asl.json"));
    files.sort();
    Ok(files
        .into_iter()
        .map(|file| {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let stem = name.trim_end_matches(".asl.json").to_owned();
            Input {
                module: module_name(prefix, &stem),
                file,
            }
        })
        .collect())
}

/// The `asl` binary, built (or found up to date) by cargo.
fn asl_binary(root: &Path) -> Result<PathBuf> {
    let status = cargo()
        .current_dir(root)
        .args(["build", "-q", "-p", "asl-cli"])
        .status()
        .context("running cargo build -p asl-cli")?;
    if !status.success() {
        bail!("cargo build -p asl-cli failed");
    }
    Ok(target_dir(root)
        .join("debug")
        .join(format!("asl{}", std::env::consts::EXE_SUFFIX)))
}

const MANIFEST: &str = r#"[package]
name = "import-roundtrip"
version = "0.0.0"
edition = "2024"
publish = false

# Not part of the asl workspace: a crate written by `cargo xtask import-roundtrip`.
[workspace]

[dependencies]
asl-builder = { path = "ROOT/asl-builder" }

# The workspace's profile, so its compiled dependencies are reused.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#;

/// Runs `import-roundtrip`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let started = std::time::Instant::now();
    let root = workspace_root();
    let out = target_dir(&root).join("import-roundtrip");
    let examples_dir = out.join("examples");
    std::fs::create_dir_all(&examples_dir)?;
    // The machines of examples/src, as the examples binary writes them.
    let status = cargo()
        .current_dir(&root)
        .args(["run", "-q", "-p", "examples", "--"])
        .arg(&examples_dir)
        .stdout(std::process::Stdio::null())
        .status()
        .context("running cargo run -p examples")?;
    if !status.success() {
        bail!("cargo run -p examples failed");
    }
    let mut inputs = definitions(&root.join("asl-types/tests/corpus/valid"), "corpus")?;
    inputs.extend(definitions(&root.join("examples/golden"), "golden")?);
    // Forms the corpus does not use, written by hand for the importer.
    inputs.extend(definitions(
        &root.join("asl-import/tests/roundtrip"),
        "forms",
    )?);
    inputs.extend(definitions(&examples_dir, "example")?);

    let asl = asl_binary(&root)?;
    let src = out.join("src");
    if src.exists() {
        std::fs::remove_dir_all(&src)?;
    }
    std::fs::create_dir_all(&src)?;
    let mut imported = Vec::new();
    let mut not_imported = Vec::new();
    for input in &inputs {
        let output = Command::new(&asl)
            .arg("import")
            .arg(&input.file)
            .args(["--fn", "machine", "-o"])
            .arg(src.join(format!("{}.rs", input.module)))
            .output()
            .with_context(|| format!("running {}", asl.display()))?;
        if output.status.success() {
            imported.push(input);
        } else {
            not_imported.push((input, String::from_utf8_lossy(&output.stderr).into_owned()));
        }
    }

    std::fs::write(src.join("main.rs"), main_rs(&imported)?)?;
    let root_text = root.to_string_lossy().replace('\\', "/");
    std::fs::write(out.join("Cargo.toml"), MANIFEST.replace("ROOT", &root_text))?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))?;

    let run = cargo()
        .current_dir(&out)
        .args(["run", "-q", "--offline"])
        .env("CARGO_TARGET_DIR", target_dir(&root))
        .output()
        .context("running the round-trip crate")?;
    if args.clippy {
        let status = cargo()
            .current_dir(&out)
            .args([
                "clippy",
                "-q",
                "--offline",
                "--",
                "-W",
                "clippy::pedantic",
                "-D",
                "warnings",
            ])
            .env("CARGO_TARGET_DIR", target_dir(&root))
            .status()
            .context("running clippy on the round-trip crate")?;
        if !status.success() {
            bail!("clippy finds fault with the generated code");
        }
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    print!("{stdout}");
    if !run.status.success() {
        eprint!("{}", String::from_utf8_lossy(&run.stderr));
    }
    let exact = stdout.lines().filter(|l| l.starts_with("exact ")).count();
    for (input, message) in &not_imported {
        println!("NOT IMPORTED {}:\n{message}", input.file.display());
    }
    println!(
        "import round trip: {exact} of {} files exact ({} not imported) in {:.0?}",
        inputs.len(),
        not_imported.len(),
        started.elapsed()
    );
    if exact != inputs.len() {
        bail!(
            "{} of {} files do not round-trip",
            inputs.len() - exact,
            inputs.len()
        );
    }
    Ok(())
}

/// The round-trip crate's `main.rs`: a module per imported file, and a
/// `main` that builds each machine and compares it with its file.
fn main_rs(imported: &[&Input]) -> Result<String> {
    let mut main = String::from(
        "//! Written by `cargo xtask import-roundtrip`: each module is `asl import` of one file.\n\
         #![deny(warnings)]\n\
         #![allow(dead_code)] // the state-name constants\n\n\
         use asl_builder::types::Json;\n\n\
         type Machine = fn() -> Result<asl_builder::Built, asl_builder::BuildError>;\n\n",
    );
    for input in imported {
        writeln!(main, "mod {};", input.module)?;
    }
    main.push_str(
        "\n#[allow(clippy::too_many_lines, reason = \"a line per file\")]\nfn main() -> std::process::ExitCode {\n    \
         let cases: &[(&str, Machine)] = &[\n",
    );
    for input in imported {
        writeln!(
            main,
            "        ({:?}, {}::machine),",
            input.file.display().to_string(),
            input.module
        )?;
    }
    main.push_str(
        r#"    ];
    let mut failed = 0;
    for (file, machine) in cases {
        let original: Json = std::fs::read_to_string(file).expect("readable").parse().expect("JSON");
        match machine() {
            Ok(built) => {
                let text = built.to_json_string().expect("writable");
                let rebuilt: Json = text.parse().expect("JSON");
                if rebuilt == original {
                    println!("exact {file}");
                } else {
                    failed += 1;
                    println!("DIFFERS {file}\n  rebuilt: {text}");
                }
            }
            Err(e) => {
                failed += 1;
                println!("BUILD ERROR {file}: {e}");
            }
        }
    }
    if failed == 0 { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE }
}
"#,
    );
    Ok(main)
}
