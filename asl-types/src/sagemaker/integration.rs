//! What Step Functions knows about each SageMaker operation: its action
//! name, its resource ARNs, and whether it runs as a job (`.sync`).

use crate::enums::QueryLanguage;
use crate::resource::{IntegrationPattern, Resource};
use crate::state::Task;
use crate::template::Template;

use super::SageMakerApi;

/// The service name in SageMaker resource ARNs.
pub(crate) const SERVICE: &str = "sagemaker";

impl SageMakerApi {
    /// The API whose ARN action is `action` (`createTrainingJob`).
    pub fn from_action(action: &str) -> Option<SageMakerApi> {
        SageMakerApi::ALL
            .into_iter()
            .find(|api| api.action() == action)
    }

    /// Whether `pattern` is allowed on the optimized integration: request
    /// response always, `.sync` for the job APIs, nothing else
    /// (`.waitForTaskToken` is not supported by SageMaker's optimized integration).
    pub const fn allows(self, pattern: IntegrationPattern) -> bool {
        match pattern {
            IntegrationPattern::RequestResponse => true,
            IntegrationPattern::Sync => self.supports_sync(),
            IntegrationPattern::Sync2 | IntegrationPattern::WaitForTaskToken => false,
        }
    }

    /// The optimized integration's resource,
    /// `arn:aws:states:::sagemaker:<action>` plus the pattern's suffix.
    ///
    /// Nothing stops `.sync` on an API without it here; the typed route
    /// ([`SageMakerOperation::run_sync`]) does not compile, and
    /// [`SageMakerApi::allows`] says what is valid.
    pub fn resource(self, pattern: IntegrationPattern) -> Resource {
        Resource::integration(SERVICE, self.action(), pattern)
    }

    /// The AWS SDK integration's resource,
    /// `arn:aws:states:::aws-sdk:sagemaker:<action>` (never `.sync`).
    pub fn sdk_resource(self) -> Resource {
        Resource::sdk(SERVICE, self.action())
    }
}

impl std::fmt::Display for SageMakerApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

pub(crate) mod sealed {
    /// Only the generated requests are operations.
    pub trait Sealed {}
}

/// A SageMaker request that a Task state can make: the typed request of one
/// of the nine operations. The request type *is* the operation
/// ([`CreateTrainingJob`](super::CreateTrainingJob) is the request of `CreateTrainingJob`), so the
/// request is `Self`.
///
/// ```
/// use asl_types::sagemaker::{CreateEndpoint, CreateTrainingJob, SageMakerOperation};
/// assert_eq!(CreateTrainingJob::ACTION, "createTrainingJob");
/// assert_eq!(
///     CreateEndpoint::resource().to_string(),
///     "arn:aws:states:::sagemaker:createEndpoint"
/// );
/// assert_eq!(
///     CreateTrainingJob::sync_resource().to_string(),
///     "arn:aws:states:::sagemaker:createTrainingJob.sync"
/// );
/// assert_eq!(
///     CreateTrainingJob::sdk_resource().to_string(),
///     "arn:aws:states:::aws-sdk:sagemaker:createTrainingJob"
/// );
/// ```
pub trait SageMakerOperation: Template + sealed::Sealed + Sized {
    /// Which API this is.
    const API: SageMakerApi;
    /// The action in resource ARNs, in camelCase (`createTrainingJob`).
    const ACTION: &'static str = Self::API.action();

    /// The request-response resource, `arn:aws:states:::sagemaker:<action>`.
    fn resource() -> Resource {
        Self::API.resource(IntegrationPattern::RequestResponse)
    }

    /// The run-a-job resource, `arn:aws:states:::sagemaker:<action>.sync`.
    fn sync_resource() -> Resource
    where
        Self: SupportsSync,
    {
        Self::API.resource(IntegrationPattern::Sync)
    }

    /// The AWS SDK integration's resource, `arn:aws:states:::aws-sdk:sagemaker:<action>`.
    fn sdk_resource() -> Resource {
        Self::API.sdk_resource()
    }

    /// Calls the API and moves on (request response).
    fn request_response(self) -> SageMakerCall<Self> {
        SageMakerCall {
            request: self,
            resource: Self::resource(),
        }
    }

    /// Starts the job and waits for it to finish (`.sync`); only the five
    /// job APIs have it.
    fn run_sync(self) -> SageMakerCall<Self>
    where
        Self: SupportsSync,
    {
        SageMakerCall {
            request: self,
            resource: Self::sync_resource(),
        }
    }

    /// Calls the API through the AWS SDK integration.
    fn sdk(self) -> SageMakerCall<Self> {
        SageMakerCall {
            request: self,
            resource: Self::sdk_resource(),
        }
    }
}

/// The operation starts a job that Step Functions can wait for (`.sync`):
/// training, transform, processing, labeling and tuning jobs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot run as a job: Step Functions has no `.sync` for it",
    label = "no `.sync` integration",
    note = "only CreateTrainingJob, CreateTransformJob, CreateProcessingJob, CreateLabelingJob and CreateHyperParameterTuningJob support `.sync`; use `request_response()`"
)]
pub trait SupportsSync: SageMakerOperation {}

/// A typed SageMaker call: the request and the resource that runs it.
/// Made by [`SageMakerOperation::request_response`],
/// [`SageMakerOperation::run_sync`] or [`SageMakerOperation::sdk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SageMakerCall<Op> {
    request: Op,
    resource: Resource,
}

impl<Op: SageMakerOperation> SageMakerCall<Op> {
    /// The request.
    pub fn request(&self) -> &Op {
        &self.request
    }

    /// The Task's `Resource`.
    pub fn resource(&self) -> &Resource {
        &self.resource
    }

    /// A Task state making this call: the request in `Parameters` for a
    /// JSONPath state, in `Arguments` for a JSONata state. Nothing else is
    /// set (add `Next` or `End`, retriers, …).
    ///
    /// # Errors
    ///
    /// When the request cannot be written: a path or intrinsic call as an
    /// element of a list (write the whole list as one path instead).
    pub fn into_task(self, language: QueryLanguage) -> Result<Task, crate::validate::Issue> {
        let payload = self.request.to_payload()?;
        let mut task = Task::new(self.resource);
        match language {
            QueryLanguage::JsonPath => task.parameters = Some(payload),
            QueryLanguage::Jsonata => task.arguments = Some(payload),
        }
        Ok(task)
    }
}
