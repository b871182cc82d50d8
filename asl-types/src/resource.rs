//! Task `Resource` ARNs.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::json::Json;
use crate::read::{At, FromJson, Issues};

/// How Step Functions waits for an optimized integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IntegrationPattern {
    /// No suffix: call the API and move on (Request Response).
    RequestResponse,
    /// `.sync`: run a job and wait for it to finish.
    Sync,
    /// `.sync:2`: as `.sync`, with the output parsed as JSON.
    Sync2,
    /// `.waitForTaskToken`: wait for a callback with the task token.
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The ARN suffix, with its leading dot (`""` for Request Response).
    pub const fn suffix(self) -> &'static str {
        match self {
            IntegrationPattern::RequestResponse => "",
            IntegrationPattern::Sync => ".sync",
            IntegrationPattern::Sync2 => ".sync:2",
            IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    fn split(api: &str) -> (&str, IntegrationPattern) {
        for pattern in [
            IntegrationPattern::Sync2,
            IntegrationPattern::Sync,
            IntegrationPattern::WaitForTaskToken,
        ] {
            if let Some(api) = api.strip_suffix(pattern.suffix()) {
                return (api, pattern);
            }
        }
        (api, IntegrationPattern::RequestResponse)
    }
}

/// What a Task state runs, parsed from its `Resource` string.
///
/// Every string reads as some resource; anything this crate does not
/// recognise is kept verbatim as [`Resource::Other`], and every variant
/// prints back exactly the string it was read from.
///
/// ```
/// use asl_types::{IntegrationPattern, Resource};
/// let r: Resource = "arn:aws:states:::sagemaker:createTrainingJob.sync".parse().unwrap();
/// assert_eq!(
///     r,
///     Resource::Integration {
///         partition: "aws".into(),
///         service: "sagemaker".into(),
///         action: "createTrainingJob".into(),
///         pattern: IntegrationPattern::Sync,
///     }
/// );
/// let sdk: Resource = "arn:aws:states:::aws-sdk:sagemaker:listModels".parse().unwrap();
/// assert!(matches!(sdk, Resource::Sdk { .. }));
/// assert_eq!(sdk.to_string(), "arn:aws:states:::aws-sdk:sagemaker:listModels");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Resource {
    /// An optimized integration `arn:PARTITION:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]`.
    Integration {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: String,
        /// The service, e.g. `sagemaker`, `lambda`, `states`, `http`.
        service: String,
        /// The action in camelCase, e.g. `createTrainingJob`.
        action: String,
        /// The suffix.
        pattern: IntegrationPattern,
    },
    /// An AWS SDK integration `arn:PARTITION:states:::aws-sdk:SERVICE:ACTION[.waitForTaskToken]`.
    Sdk {
        /// `aws`, `aws-cn`, `aws-us-gov`, …
        partition: String,
        /// The SDK service name, e.g. `sagemaker`, `s3`.
        service: String,
        /// The API action in camelCase.
        action: String,
        /// The suffix (AWS accepts only Request Response and `.waitForTaskToken`; the validator checks).
        pattern: IntegrationPattern,
    },
    /// A Lambda function ARN `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`.
    Lambda(String),
    /// An activity ARN `arn:PARTITION:states:REGION:ACCOUNT:activity:NAME`.
    Activity(String),
    /// Anything else, verbatim.
    Other(String),
}

impl Resource {
    /// An optimized integration in the `aws` partition.
    pub fn integration(service: &str, action: &str, pattern: IntegrationPattern) -> Resource {
        Resource::Integration {
            partition: "aws".into(),
            service: service.into(),
            action: action.into(),
            pattern,
        }
    }

    /// An AWS SDK integration in the `aws` partition.
    pub fn sdk(service: &str, action: &str) -> Resource {
        Resource::Sdk {
            partition: "aws".into(),
            service: service.into(),
            action: action.into(),
            pattern: IntegrationPattern::RequestResponse,
        }
    }

    fn parse(s: &str) -> Option<Resource> {
        let rest = s.strip_prefix("arn:")?;
        let (partition, rest) = rest.split_once(':')?;
        if partition.is_empty() {
            return None;
        }
        if let Some(rest) = rest.strip_prefix("states:::") {
            let (sdk, rest) = match rest.strip_prefix("aws-sdk:") {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            let (service, api) = rest.split_once(':')?;
            let (action, pattern) = IntegrationPattern::split(api);
            let word = |w: &str| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            };
            if !word(service) || !word(action) || action.contains('.') {
                return None;
            }
            let (partition, service, action) = (partition.into(), service.into(), action.into());
            return Some(if sdk {
                Resource::Sdk {
                    partition,
                    service,
                    action,
                    pattern,
                }
            } else {
                Resource::Integration {
                    partition,
                    service,
                    action,
                    pattern,
                }
            });
        }
        let parts: Vec<&str> = rest.split(':').collect();
        match parts.as_slice() {
            ["lambda", _, _, "function", name, ..] if !name.is_empty() && parts.len() <= 6 => {
                Some(Resource::Lambda(s.to_owned()))
            }
            ["states", _, _, "activity", name] if !name.is_empty() => {
                Some(Resource::Activity(s.to_owned()))
            }
            _ => None,
        }
    }
}

impl FromStr for Resource {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Only accept a structured reading that prints back identically.
        Ok(Resource::parse(s)
            .filter(|r| r.to_string() == s)
            .unwrap_or_else(|| Resource::Other(s.to_owned())))
    }
}

impl From<&str> for Resource {
    fn from(s: &str) -> Self {
        match s.parse() {
            Ok(r) => r,
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resource::Integration {
                partition,
                service,
                action,
                pattern,
            } => write!(
                f,
                "arn:{partition}:states:::{service}:{action}{}",
                pattern.suffix()
            ),
            Resource::Sdk {
                partition,
                service,
                action,
                pattern,
            } => write!(
                f,
                "arn:{partition}:states:::aws-sdk:{service}:{action}{}",
                pattern.suffix()
            ),
            Resource::Lambda(arn) | Resource::Activity(arn) | Resource::Other(arn) => {
                f.write_str(arn)
            }
        }
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromJson for Resource {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let s = String::read(json, at, issues)?;
        match s.parse() {
            Ok(r) => Some(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_exact_printing() {
        let cases = [
            ("arn:aws:states:::sagemaker:createTrainingJob.sync", "int"),
            ("arn:aws:states:::states:startExecution.sync:2", "int"),
            ("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "int"),
            ("arn:aws:states:::lambda:invoke", "int"),
            ("arn:aws:states:::http:invoke", "int"),
            ("arn:aws-cn:states:::sns:publish", "int"),
            ("arn:aws:states:::aws-sdk:s3:listObjectsV2", "sdk"),
            (
                "arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob",
                "sdk",
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:my-fn",
                "lambda",
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:my-fn:$LATEST",
                "lambda",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:activity:work",
                "activity",
            ),
            (
                "arn:aws:states:::sagemaker:createTrainingJob.bogus",
                "other",
            ),
            ("not an arn", "other"),
            ("arn:aws:states:::", "other"),
            ("", "other"),
        ];
        for (text, kind) in cases {
            let r: Resource = text.parse().unwrap();
            let got = match r {
                Resource::Integration { .. } => "int",
                Resource::Sdk { .. } => "sdk",
                Resource::Lambda(_) => "lambda",
                Resource::Activity(_) => "activity",
                Resource::Other(_) => "other",
            };
            assert_eq!(got, kind, "{text}");
            assert_eq!(r.to_string(), text);
        }
    }
}
