//! The typed view of a parsed Task state that calls SageMaker.

use crate::payload::Payload;
use crate::resource::{IntegrationPattern, Resource};
use crate::state::Task;
use crate::validate::Report;

use super::integration::SERVICE;
use super::{SageMakerApi, SageMakerRequest};

/// Which of Step Functions' two SageMaker integrations a task uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SageMakerIntegration {
    /// `arn:aws:states:::sagemaker:<action>[.sync]`
    Optimized,
    /// `arn:aws:states:::aws-sdk:sagemaker:<action>[.waitForTaskToken]`
    Sdk,
}

/// What a Task state that calls SageMaker does: which API, with which typed
/// request, and how Step Functions waits.
///
/// ```
/// use asl_types::sagemaker::{SageMakerApi, SageMakerRequest, SageMakerTask};
/// use asl_types::{IntegrationPattern, Json, Task};
///
/// let json: Json = r#"{
///     "Resource": "arn:aws:states:::sagemaker:createEndpoint",
///     "Parameters": {"EndpointName.$": "$.name", "EndpointConfigName": "cfg"},
///     "End": true
/// }"#.parse()?;
/// let task: Task = asl_types::read::from_json(&json)?;
/// let call = SageMakerTask::try_from(&task)?;
/// assert_eq!(call.api(), SageMakerApi::CreateEndpoint);
/// assert_eq!(call.pattern, IntegrationPattern::RequestResponse);
/// let SageMakerRequest::CreateEndpoint(request) = &call.request else { unreachable!() };
/// assert_eq!(request.endpoint_config_name.literal().map(String::as_str), Some("cfg"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SageMakerTask {
    /// The typed request, from `Parameters` or `Arguments`.
    pub request: SageMakerRequest,
    /// How Step Functions waits: request response, or `.sync` (optimized
    /// job APIs), or `.waitForTaskToken` (SDK integration).
    pub pattern: IntegrationPattern,
    /// Which integration the resource names.
    pub integration: SageMakerIntegration,
}

impl SageMakerTask {
    /// Which API the task calls.
    pub fn api(&self) -> SageMakerApi {
        self.request.api()
    }
}

/// A Task state that is not a valid typed SageMaker call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SageMakerTaskError {
    /// The resource is not a SageMaker integration at all.
    #[error("`{0}` is not a SageMaker integration")]
    NotSageMaker(String),
    /// An optimized SageMaker resource whose action is not one of the nine.
    #[error("`{0}` is not one of the SageMaker APIs Step Functions' optimized integration calls")]
    UnknownAction(String),
    /// An SDK integration of a SageMaker API this crate has no typed request for.
    #[error("`{0}` has no typed request (only the nine optimized-integration APIs do)")]
    Untyped(String),
    /// `.sync`, `.sync:2` or `.waitForTaskToken` where the integration does not offer it.
    #[error("`{api}` does not support `{suffix}` in the {integration} integration", suffix = pattern.suffix(), integration = match integration {
        SageMakerIntegration::Optimized => "optimized",
        SageMakerIntegration::Sdk => "SDK",
    })]
    PatternNotSupported {
        /// The API.
        api: SageMakerApi,
        /// The unsupported pattern.
        pattern: IntegrationPattern,
        /// Which integration.
        integration: SageMakerIntegration,
    },
    /// Both `Parameters` and `Arguments` are given.
    #[error("both `Parameters` and `Arguments` are given")]
    TwoPayloads,
    /// The payload does not fit the request; pointers are relative to the
    /// Task state (`/Parameters/ResourceConfig/InstanceCount`).
    #[error("{0}")]
    Payload(Report),
}

/// What a Task's resource says about SageMaker, and the payload to read.
pub(crate) struct Selected<'t> {
    pub(crate) integration: SageMakerIntegration,
    pub(crate) api: SageMakerApi,
    pub(crate) pattern: IntegrationPattern,
    /// Whether the integration supports the pattern.
    pub(crate) allowed: bool,
    /// `Parameters` or `Arguments`.
    pub(crate) field: &'static str,
    /// The payload; `None` when the task has none (an empty request).
    pub(crate) payload: Option<&'t Payload>,
}

/// Picks the SageMaker API, pattern and payload of `task`.
pub(crate) fn select(task: &Task) -> Result<Selected<'_>, SageMakerTaskError> {
    let (integration, action, pattern) = match &task.resource {
        Resource::Integration {
            service,
            action,
            pattern,
            ..
        } if service == SERVICE => (SageMakerIntegration::Optimized, action, *pattern),
        Resource::Sdk {
            service,
            action,
            pattern,
            ..
        } if service == SERVICE => (SageMakerIntegration::Sdk, action, *pattern),
        other => return Err(SageMakerTaskError::NotSageMaker(other.to_string())),
    };
    let Some(api) = SageMakerApi::from_action(action) else {
        return Err(match integration {
            SageMakerIntegration::Optimized => SageMakerTaskError::UnknownAction(action.clone()),
            SageMakerIntegration::Sdk => SageMakerTaskError::Untyped(action.clone()),
        });
    };
    let allowed = match integration {
        SageMakerIntegration::Optimized => api.allows(pattern),
        SageMakerIntegration::Sdk => matches!(
            pattern,
            IntegrationPattern::RequestResponse | IntegrationPattern::WaitForTaskToken
        ),
    };
    let (field, payload) = match (&task.parameters, &task.arguments) {
        (Some(_), Some(_)) => return Err(SageMakerTaskError::TwoPayloads),
        (Some(p), None) => ("Parameters", Some(p)),
        (None, Some(a)) => ("Arguments", Some(a)),
        (None, None) => ("Parameters", None),
    };
    Ok(Selected {
        integration,
        api,
        pattern,
        allowed,
        field,
        payload,
    })
}

impl TryFrom<&Task> for SageMakerTask {
    type Error = SageMakerTaskError;

    fn try_from(task: &Task) -> Result<Self, SageMakerTaskError> {
        let selected = select(task)?;
        if !selected.allowed {
            return Err(SageMakerTaskError::PatternNotSupported {
                api: selected.api,
                pattern: selected.pattern,
                integration: selected.integration,
            });
        }
        let empty = Payload::object();
        let request =
            SageMakerRequest::from_payload(selected.api, selected.payload.unwrap_or(&empty))
                .map_err(|e| SageMakerTaskError::Payload(under(&e, selected.field)))?;
        Ok(SageMakerTask {
            request,
            pattern: selected.pattern,
            integration: selected.integration,
        })
    }
}

/// `report` with every pointer moved under `/field`.
fn under(report: &Report, field: &str) -> Report {
    Report::from_issues(
        report
            .iter()
            .map(|issue| {
                let mut issue = issue.clone();
                issue.pointer = format!("/{field}{}", issue.pointer);
                issue
            })
            .collect(),
    )
}
