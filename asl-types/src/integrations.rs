//! Step Functions' optimized service integrations, as data.
//!
//! One table, `src/integrations.tsv` in this crate, lists every optimized integration AWS documents: the
//! service and action of its resource ARN
//! (`arn:aws:states:::SERVICE:ACTION`), the [`IntegrationPattern`]s the
//! action supports, and the page of the AWS Step Functions Developer Guide
//! each row was read from. The validator checks Task resources against it
//! (rules `unknown-integration` and `unsupported-integration-pattern`).
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

/// Reads the table; a malformed row is a bug in this crate (a unit test
/// reads it), reported with its line.
fn parse(table: &'static str) -> Result<Vec<Integration>, String> {
    let mut rows = Vec::new();
    for (number, line) in table.lines().enumerate() {
        let line_no = number + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&'static str> = line.split('\t').collect();
        let [service, action, patterns, source] = cells[..] else {
            return Err(format!("line {line_no}: {} cells, not 4", cells.len()));
        };
        let patterns = patterns
            .split(',')
            .map(|p| parse_pattern(p).ok_or_else(|| format!("line {line_no}: pattern `{p}`")))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(Integration {
            service,
            action,
            patterns,
            source,
        });
    }
    Ok(rows)
}

static ALL: LazyLock<Vec<Integration>> = LazyLock::new(|| match parse(TABLE) {
    Ok(rows) => rows,
    Err(e) => panic!("src/integrations.tsv: {e}"),
});

/// Every optimized integration, in the table's order (by service).
pub fn all() -> &'static [Integration] {
    &ALL
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
        let rows = parse(TABLE).unwrap();
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
