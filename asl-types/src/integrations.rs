//! Step Functions' optimized service integrations, as data.
//!
//! One table, `src/integrations.tsv` in this crate, lists every optimized integration AWS documents: the
//! service and action of its resource ARN
//! (`arn:aws:states:::SERVICE:ACTION`), the [`IntegrationPattern`]s the
//! action supports, and the page of the AWS Step Functions Developer Guide
//! each row was read from. The validator checks Task resources against it
//! (rules `unknown-integration` and `unsupported-integration-pattern`).
//! Its second part holds the IAM statements each integration needs
//! ([`iam_rows`], read by [`crate::policy`]) and the AWS SDK integrations'
//! IAM names ([`sdk_iam_actions`]), each row with its source too.
//!
//! ```
//! use asl_types::IntegrationPattern;
//! use asl_types::integrations;
//!
//! let invoke = integrations::lookup("lambda", "invoke").unwrap();
//! assert!(invoke.supports(IntegrationPattern::WaitForTaskToken));
//! assert!(!invoke.supports(IntegrationPattern::Sync));
//! assert_eq!(invoke.source, "https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html");
//!
//! // DynamoDB's optimized integration has four actions; `query` is not one.
//! assert!(integrations::lookup("dynamodb", "query").is_none());
//! assert_eq!(integrations::service("dynamodb").count(), 4);
//!
//! // Only nested executions support `.sync:2`.
//! let sync2: Vec<_> = integrations::all()
//!     .iter()
//!     .filter(|i| i.supports(IntegrationPattern::Sync2))
//!     .map(|i| format!("{}:{}", i.service, i.action))
//!     .collect();
//! assert_eq!(sync2, ["states:startExecution"]);
//! ```

use std::sync::LazyLock;

use crate::resource::IntegrationPattern;

/// The table, one row per line; `#` starts a comment line.
const TABLE: &str = include_str!("integrations.tsv");

/// One optimized integration: a service's action and the patterns AWS
/// supports for it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Integration {
    /// The service as it appears in the resource ARN, e.g. `lambda`,
    /// `elasticmapreduce`, `emr-containers`, `states`, `http`.
    pub service: &'static str,
    /// The action as it appears in the resource ARN, in camelCase, e.g.
    /// `invoke`, `startJobRun`.
    pub action: &'static str,
    /// The supported patterns, in the table's order (request response
    /// first where supported).
    pub patterns: Vec<IntegrationPattern>,
    /// The AWS documentation page the row was read from.
    pub source: &'static str,
}

impl Integration {
    /// Whether the action supports `pattern`.
    pub fn supports(&self, pattern: IntegrationPattern) -> bool {
        self.patterns.contains(&pattern)
    }

    /// The supported patterns in words, for messages, e.g. request response,
    /// then `.sync` in backquotes.
    pub fn patterns_text(&self) -> String {
        self.patterns
            .iter()
            .map(|p| match p {
                IntegrationPattern::RequestResponse => "request response".to_owned(),
                other => format!("`{}`", other.suffix()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name of `pattern` in the table's `patterns` column.
fn parse_pattern(name: &str) -> Option<IntegrationPattern> {
    Some(match name {
        "request-response" => IntegrationPattern::RequestResponse,
        "sync" => IntegrationPattern::Sync,
        "sync:2" => IntegrationPattern::Sync2,
        "waitForTaskToken" => IntegrationPattern::WaitForTaskToken,
        _ => return None,
    })
}

/// One statement the state machine's role needs for an integration: a row
/// `iam SERVICE ACTION WHEN IAM-ACTIONS RESOURCES CONDITION SOURCE` of the
/// table. [`crate::policy`] fills its templates from the Task's payload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IamRow {
    /// The service as in the resource ARN, or a pseudo service (`map`,
    /// `s3` for `ItemReader` / `ResultWriter`, `credentials`, `aws-sdk:s3`).
    pub service: &'static str,
    /// The action as in the resource ARN.
    pub action: &'static str,
    /// Only for `.sync` and `.sync:2` (`WHEN` is `sync`), or for every
    /// pattern (`all`).
    pub sync_only: bool,
    /// The IAM actions, `service:Action`; empty for `-` (the AWS SDK
    /// integration's own action).
    pub actions: Vec<&'static str>,
    /// The resource templates (see the table's header for their syntax).
    pub resources: Vec<&'static str>,
    /// The condition templates.
    pub condition: Vec<ConditionTemplate>,
    /// The AWS documentation page the row was read from.
    pub source: &'static str,
}

/// One item of an [`IamRow`]'s condition: `OPERATOR KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConditionTemplate {
    /// The condition operator, e.g. `StringEquals`.
    pub operator: &'static str,
    /// The condition key, e.g. `iam:PassedToService`.
    pub key: &'static str,
    /// The value template, e.g. `sagemaker.amazonaws.com` or `{Method}`.
    pub value: &'static str,
}

/// Everything the table holds.
#[derive(Debug)]
struct Table {
    integrations: Vec<Integration>,
    iam: Vec<IamRow>,
    /// `sdk-prefix` rows: (SDK service, IAM prefix, source).
    prefixes: Vec<(&'static str, &'static str, &'static str)>,
    /// `sdk-action` rows: (SDK service, action, IAM actions, source).
    sdk_actions: Vec<(&'static str, &'static str, Vec<&'static str>, &'static str)>,
}

fn list(cell: &'static str) -> Vec<&'static str> {
    if cell == "-" {
        Vec::new()
    } else {
        cell.split(',').collect()
    }
}

fn parse_condition(cell: &'static str, line_no: usize) -> Result<Vec<ConditionTemplate>, String> {
    if cell == "-" {
        return Ok(Vec::new());
    }
    cell.split(';')
        .map(|item| {
            let (operator, rest) = item
                .split_once(' ')
                .ok_or_else(|| format!("line {line_no}: condition `{item}`"))?;
            let (key, value) = rest
                .split_once('=')
                .ok_or_else(|| format!("line {line_no}: condition `{item}`"))?;
            Ok(ConditionTemplate {
                operator,
                key,
                value,
            })
        })
        .collect()
}

/// Reads the table; a malformed row is a bug in this crate (a unit test
/// reads it), reported with its line.
fn parse(table: &'static str) -> Result<Table, String> {
    let mut out = Table {
        integrations: Vec::new(),
        iam: Vec::new(),
        prefixes: Vec::new(),
        sdk_actions: Vec::new(),
    };
    for (number, line) in table.lines().enumerate() {
        let line_no = number + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&'static str> = line.split('\t').collect();
        match cells[..] {
            [
                "iam",
                service,
                action,
                when,
                actions,
                resources,
                condition,
                source,
            ] => {
                let sync_only = match when {
                    "all" => false,
                    "sync" => true,
                    other => return Err(format!("line {line_no}: when `{other}`")),
                };
                let actions = list(actions);
                if actions.iter().any(|a| !a.contains(':') || a.ends_with('*')) {
                    return Err(format!("line {line_no}: IAM action"));
                }
                out.iam.push(IamRow {
                    service,
                    action,
                    sync_only,
                    actions,
                    resources: list(resources),
                    condition: parse_condition(condition, line_no)?,
                    source,
                });
            }
            ["sdk-prefix", service, prefix, source] => out.prefixes.push((service, prefix, source)),
            ["sdk-action", service, action, actions, source] => {
                out.sdk_actions
                    .push((service, action, list(actions), source));
            }
            ["iam" | "sdk-prefix" | "sdk-action", ..] => {
                return Err(format!(
                    "line {line_no}: {} cells for `{}`",
                    cells.len(),
                    cells[0]
                ));
            }
            [service, action, patterns, source] => {
                let patterns = patterns
                    .split(',')
                    .map(|p| {
                        parse_pattern(p).ok_or_else(|| format!("line {line_no}: pattern `{p}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.integrations.push(Integration {
                    service,
                    action,
                    patterns,
                    source,
                });
            }
            _ => return Err(format!("line {line_no}: {} cells, not 4", cells.len())),
        }
    }
    Ok(out)
}

static TABLE_ROWS: LazyLock<Table> = LazyLock::new(|| match parse(TABLE) {
    Ok(rows) => rows,
    Err(e) => panic!("src/integrations.tsv: {e}"),
});

/// Every optimized integration, in the table's order (by service).
pub fn all() -> &'static [Integration] {
    &TABLE_ROWS.integrations
}

/// The IAM statements the table gives for `SERVICE:ACTION` (the
/// integration's service and action, or a pseudo service: see
/// [`IamRow::service`]), in the table's order.
///
/// ```
/// use asl_types::integrations;
/// let rows: Vec<_> = integrations::iam_rows("sagemaker", "createTrainingJob").collect();
/// assert_eq!(rows[0].actions, ["sagemaker:CreateTrainingJob"]);
/// assert!(rows.iter().any(|r| r.sync_only && r.resources[0].ends_with(
///     ":rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule")));
/// ```
pub fn iam_rows<'a>(
    service: &'a str,
    action: &'a str,
) -> impl Iterator<Item = &'static IamRow> + 'a {
    TABLE_ROWS
        .iam
        .iter()
        .filter(move |r| r.service == service && r.action == action)
}

/// Every `iam` row of the table, in its order.
pub fn all_iam_rows() -> &'static [IamRow] {
    &TABLE_ROWS.iam
}

/// The IAM service prefix of the AWS SDK integration service `service`
/// (`aws-sdk:SERVICE:…`): the table's `sdk-prefix` exception, or the
/// service name itself.
///
/// ```
/// assert_eq!(asl_types::integrations::sdk_iam_prefix("sfn"), "states");
/// assert_eq!(asl_types::integrations::sdk_iam_prefix("s3"), "s3");
/// ```
pub fn sdk_iam_prefix(service: &str) -> &str {
    TABLE_ROWS
        .prefixes
        .iter()
        .find(|(s, _, _)| *s == service)
        .map_or(service, |(_, prefix, _)| prefix)
}

/// The IAM actions that authorize the AWS SDK call `aws-sdk:SERVICE:ACTION`:
/// the table's `sdk-action` exception, else `PREFIX:Action` (the first
/// letter of the action in upper case).
///
/// ```
/// use asl_types::integrations::sdk_iam_actions;
/// assert_eq!(sdk_iam_actions("s3", "listObjectsV2"), ["s3:ListBucket"]);
/// assert_eq!(sdk_iam_actions("sfn", "startExecution"), ["states:StartExecution"]);
/// ```
pub fn sdk_iam_actions(service: &str, action: &str) -> Vec<String> {
    if let Some((_, _, actions, _)) = TABLE_ROWS
        .sdk_actions
        .iter()
        .find(|(s, a, _, _)| *s == service && *a == action)
    {
        return actions.iter().map(|a| (*a).to_owned()).collect();
    }
    let mut chars = action.chars();
    let upper: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    vec![format!("{}:{upper}", sdk_iam_prefix(service))]
}

/// The integration whose resource is `arn:aws:states:::SERVICE:ACTION`
/// (case-sensitive, as AWS reads it), if AWS documents one.
pub fn lookup(service: &str, action: &str) -> Option<&'static Integration> {
    all()
        .iter()
        .find(|i| i.service == service && i.action == action)
}

/// The actions of `service`, in the table's order (none for a service
/// without an optimized integration).
pub fn service(service: &str) -> impl Iterator<Item = &'static Integration> {
    all().iter().filter(move |i| i.service == service)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::sagemaker::SageMakerApi;

    #[test]
    fn the_table_reads_and_every_row_is_sourced_once() {
        let rows = parse(TABLE).unwrap().integrations;
        let mut seen = BTreeSet::new();
        for row in &rows {
            assert!(
                seen.insert((row.service, row.action)),
                "{}:{} twice",
                row.service,
                row.action
            );
            assert!(
                row.source
                    .starts_with("https://docs.aws.amazon.com/step-functions/latest/dg/"),
                "{}:{}: {}",
                row.service,
                row.action,
                row.source
            );
            assert!(!row.patterns.is_empty());
            let mut patterns = row.patterns.clone();
            patterns.dedup();
            assert_eq!(patterns, row.patterns, "{}:{}", row.service, row.action);
            for word in [row.service, row.action] {
                assert!(
                    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "{word}"
                );
            }
        }
        assert_eq!(rows, *all());
    }

    #[test]
    fn malformed_rows_are_reported_with_their_line() {
        assert_eq!(
            parse("# c\nlambda\tinvoke\tsync:3\thttps://x").unwrap_err(),
            "line 2: pattern `sync:3`"
        );
        assert_eq!(
            parse("lambda\tinvoke").unwrap_err(),
            "line 1: 2 cells, not 4"
        );
    }

    /// SageMaker's rows agree with the generated `SageMakerApi` (itself
    /// generated from `SYNC_OPERATIONS` in `xtask/src/codegen.rs`).
    #[test]
    fn sagemaker_rows_agree_with_the_generated_api() {
        let rows: BTreeSet<&str> = service("sagemaker").map(|i| i.action).collect();
        let apis: BTreeSet<&str> = SageMakerApi::ALL.iter().map(|a| a.action()).collect();
        assert_eq!(rows, apis);
        for api in SageMakerApi::ALL {
            let row = lookup("sagemaker", api.action()).unwrap();
            for pattern in [
                IntegrationPattern::RequestResponse,
                IntegrationPattern::Sync,
                IntegrationPattern::Sync2,
                IntegrationPattern::WaitForTaskToken,
            ] {
                assert_eq!(
                    row.supports(pattern),
                    api.allows(pattern),
                    "{api} {pattern:?}"
                );
            }
        }
    }
}
