//! `asl policy`: the IAM policy a definition's execution role needs.

use std::path::PathBuf;

use asl_types::validate::{Options, validate_reading};
use asl_types::{Json, PolicyOptions, Severity, StateMachine};
use clap::{Args, ValueEnum};

use crate::report::Finding;
use crate::{display_name, read_input, write_stdout};

/// Arguments of `asl policy`.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    /// The definition (`-` reads standard input).
    file: PathBuf,
    /// The ARNs' partition (default `${AWS::Partition}`).
    #[arg(long)]
    partition: Option<String>,
    /// The ARNs' region (default `${AWS::Region}`).
    #[arg(long)]
    region: Option<String>,
    /// The ARNs' account id (default `${AWS::AccountId}`).
    #[arg(long)]
    account: Option<String>,
    /// The state machine's own name, for the statements on itself
    /// (distributed Map, HTTP Task); `*` when not given.
    #[arg(long, value_name = "NAME")]
    state_machine_name: Option<String>,
    /// `json`: the policy document; `cloudformation`: the same with every
    /// string holding `${…}` wrapped in `{"Fn::Sub": …}`.
    #[arg(long, value_enum, default_value_t = PolicyFormat::Json)]
    format: PolicyFormat,
}

/// Output format of `asl policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PolicyFormat {
    /// The policy document.
    Json,
    /// The policy document for a CloudFormation template (`Fn::Sub`).
    Cloudformation,
}

/// Prints the policy; returns the exit code: 0, 1 for an invalid
/// definition (its issues on standard error), 2 when the file cannot be
/// read or is not a JSON object.
pub(crate) fn policy(args: &PolicyArgs) -> u8 {
    let name = display_name(&args.file);
    let bytes = match read_input(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return 2;
        }
    };
    let json = match Json::from_slice(&bytes) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("{name}: not JSON: {e}");
            return 2;
        }
    };
    if json.as_object().is_none() {
        eprintln!("{name}: not a JSON object (found {})", json.kind());
        return 2;
    }
    let reading = StateMachine::read_json(&json);
    let report = validate_reading(&reading, &Options::new().source_len(bytes.len()));
    let errors: Vec<String> = report
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| Finding::new(&name, i).to_string())
        .collect();
    let Some(machine) = reading.machine().filter(|_| errors.is_empty()) else {
        for line in errors {
            eprintln!("{line}");
        }
        return 1;
    };
    let mut options = PolicyOptions::new();
    options.partition.clone_from(&args.partition);
    options.region.clone_from(&args.region);
    options.account.clone_from(&args.account);
    options
        .state_machine_name
        .clone_from(&args.state_machine_name);
    let policy = machine.iam_policy(&options);
    if policy.statements().is_empty() {
        eprintln!("{name}: the definition calls no service: the policy has no statement");
    }
    for warning in policy.warnings() {
        if warning.resource.is_empty() {
            eprintln!("{name}: {warning}");
        } else {
            eprintln!("{name}: wide: {warning}");
        }
    }
    let document = match args.format {
        PolicyFormat::Json => {
            if policy.uses_pseudo_parameters() {
                eprintln!(
                    "{name}: ARNs hold ${{AWS::Partition}} / ${{AWS::Region}} / ${{AWS::AccountId}}: \
                     use the document in Fn::Sub (`--format cloudformation`), or give \
                     --partition, --region and --account"
                );
            }
            policy.to_json()
        }
        PolicyFormat::Cloudformation => policy.to_cloudformation(),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    write_stdout(out.as_bytes())
}
