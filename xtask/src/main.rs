//! Maintenance tasks for the `asl` workspace, run as `cargo xtask <command>`.

mod codegen;
mod example;
mod import;
mod model;
mod responses;
mod roundtrip;
mod sdk;

use clap::{Parser, Subcommand};

/// Maintenance tasks for the `asl` workspace.
#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Trim botocore's SageMaker model to the facts codegen needs, writing
    /// `xtask/model/sagemaker.json` and `xtask/model/PROVENANCE.md`.
    ImportModel(import::Args),
    /// Generate `asl-types/src/sagemaker/generated/` from `xtask/model/sagemaker.json`; with
    /// `--check`, only fail when the committed code is stale.
    Codegen(codegen::Args),
    /// `asl import` every valid corpus file and example, compile the generated functions in one
    /// crate under the target directory, run it, and check each machine equals its file.
    ImportRoundtrip(roundtrip::Args),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::ImportModel(args) => import::run(&args),
        Command::Codegen(args) => codegen::run(&args),
        Command::ImportRoundtrip(args) => roundtrip::run(&args),
    }
}
