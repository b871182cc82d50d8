//! Task resources against the table of optimized integrations
//! ([`crate::integrations`]): an action the table does not have, or a
//! pattern the action does not support, is refused by AWS with "The resource
//! provided … is not recognized".

use crate::integrations::{self, Integration};
use crate::resource::{IntegrationPattern, Resource};

use super::rule::Rule;

/// Services whose resources have their own, more specific rules
/// (`sagemaker-unknown-api`, `sagemaker-sync-unsupported`, …).
const OWN_RULES: &[&str] = &["sagemaker"];

/// The issue with a Task's `resource`, if it names an optimized integration
/// AWS does not offer. AWS SDK integrations, Lambda function and activity
/// ARNs, and other ARNs are left to the other rules.
pub(super) fn check(resource: &Resource) -> Option<(Rule, String)> {
    match resource {
        Resource::Integration {
            service,
            action,
            pattern,
            ..
        } => {
            if OWN_RULES.contains(&service.as_str()) {
                return None;
            }
            match integrations::lookup(service, action) {
                Some(found) if !found.supports(*pattern) => Some((
                    Rule::UnsupportedIntegrationPattern,
                    format!(
                        "{}: `{service}:{action}` supports {}, not {}",
                        not_recognized(resource),
                        found.patterns_text(),
                        pattern_name(*pattern)
                    ),
                )),
                Some(_) => None,
                None => Some((
                    Rule::UnknownIntegration,
                    format!("{}: {}", not_recognized(resource), unknown(service, action)),
                )),
            }
        }
        Resource::Other(text) => {
            let api = optimized_api(text)?;
            let detail = match api.find('.') {
                Some(dot) if api[..dot].contains(':') => format!(
                    "`{}` is not an integration pattern: an optimized integration's ARN ends in its action, `.sync`, `.sync:2` or `.waitForTaskToken`",
                    &api[dot..]
                ),
                _ => "an optimized integration is `arn:PARTITION:states:::SERVICE:ACTION` with an optional `.sync`, `.sync:2` or `.waitForTaskToken`".to_owned(),
            };
            Some((
                Rule::UnknownIntegration,
                format!("The resource provided `{text}` is not recognized: {detail}"),
            ))
        }
        _ => None,
    }
}

/// AWS's words for a resource it does not know.
fn not_recognized(resource: &Resource) -> String {
    format!("The resource provided `{resource}` is not recognized")
}

/// `request response` or the suffix.
fn pattern_name(pattern: IntegrationPattern) -> String {
    match pattern {
        IntegrationPattern::RequestResponse => "request response".to_owned(),
        other => format!("`{}`", other.suffix()),
    }
}

/// Why `service:action` is not an optimized integration.
fn unknown(service: &str, action: &str) -> String {
    let actions: Vec<&Integration> = integrations::service(service).collect();
    if actions.is_empty() {
        return format!(
            "`{service}` has no optimized integration (other services are called through AWS SDK integrations, `arn:aws:states:::aws-sdk:SERVICE:ACTION`)"
        );
    }
    if let Some(same) = actions
        .iter()
        .find(|i| i.action.eq_ignore_ascii_case(action))
    {
        return format!(
            "the optimized {service} integration has no action `{action}`; did you mean `{}`?",
            same.action
        );
    }
    let list = actions
        .iter()
        .map(|i| format!("`{}`", i.action))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "`{action}` is not an action of the optimized {service} integration, which offers {list} (other APIs are called through AWS SDK integrations, `arn:aws:states:::aws-sdk:SERVICE:ACTION`)"
    )
}

/// The `SERVICE:ACTION…` part of an `arn:PARTITION:states:::` ARN that is
/// not an AWS SDK integration.
fn optimized_api(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("arn:")?;
    let (partition, rest) = rest.split_once(':')?;
    if partition.is_empty() {
        return None;
    }
    let api = rest.strip_prefix("states:::")?;
    (!api.starts_with("aws-sdk:")).then_some(api)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Option<Rule> {
        check(&text.parse().unwrap()).map(|(rule, _)| rule)
    }

    #[test]
    fn known_unknown_and_left_alone() {
        assert_eq!(rule("arn:aws:states:::lambda:invoke"), None);
        assert_eq!(
            rule("arn:aws-cn:states:::sns:publish.waitForTaskToken"),
            None
        );
        assert_eq!(
            rule("arn:aws:states:::lambda:invoke.sync"),
            Some(Rule::UnsupportedIntegrationPattern)
        );
        assert_eq!(
            rule("arn:aws:states:::dynamodb:query"),
            Some(Rule::UnknownIntegration)
        );
        assert_eq!(
            rule("arn:aws:states:::lambda:invoke.bogus"),
            Some(Rule::UnknownIntegration)
        );
        // SageMaker's own rules; SDK integrations; ARNs of other kinds.
        assert_eq!(rule("arn:aws:states:::sagemaker:createPipeline"), None);
        assert_eq!(rule("arn:aws:states:::aws-sdk:dynamodb:query"), None);
        assert_eq!(rule("arn:aws:states:::aws-sdk:s3:get.bogus"), None);
        assert_eq!(rule("arn:aws:sns:us-east-1:123456789012:topic"), None);
        assert_eq!(rule("arn::states:::lambda:invoke.bogus"), None);
    }

    #[test]
    fn messages_say_what_aws_offers() {
        let message = |text: &str| check(&text.parse().unwrap()).unwrap().1;
        assert_eq!(
            message("arn:aws:states:::lambda:invoke.sync"),
            "The resource provided `arn:aws:states:::lambda:invoke.sync` is not recognized: `lambda:invoke` supports request response, `.waitForTaskToken`, not `.sync`"
        );
        assert_eq!(
            message("arn:aws:states:::dynamodb:query"),
            "The resource provided `arn:aws:states:::dynamodb:query` is not recognized: `query` is not an action of the optimized dynamodb integration, which offers `getItem`, `putItem`, `updateItem`, `deleteItem` (other APIs are called through AWS SDK integrations, `arn:aws:states:::aws-sdk:SERVICE:ACTION`)"
        );
        assert!(message("arn:aws:states:::dynamodb:PutItem").ends_with("did you mean `putItem`?"));
        assert!(
            message("arn:aws:states:::s3:putObject").contains("`s3` has no optimized integration")
        );
        assert!(
            message("arn:aws:states:::lambda:invoke.bogus")
                .contains("`.bogus` is not an integration pattern")
        );
    }
}
