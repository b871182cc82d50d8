//! SageMaker tasks: the API and pattern of the resource (as
//! [`SageMakerTask::try_from`](crate::sagemaker::SageMakerTask) selects them),
//! the typed request read from the payload, and the model's `min` / `max` /
//! `pattern` facts on its literal values (the generated
//! [`CheckConstraints`]).

use crate::payload::Payload;
use crate::read::{At, Issues};
use crate::resource::IntegrationPattern;
use crate::sagemaker::{
    CheckConstraints, SageMakerApi, SageMakerIntegration, SageMakerRequest, SageMakerTaskError,
    select,
};
use crate::state::Task;

use super::check::Sink;
use super::rule::Rule;

/// Checks a Task state whose resource may be a SageMaker integration.
/// `pointer` is the state's; `payload_ok` says whether its payload nests
/// within the depth the readers accept (deeper ones are not read again).
pub(super) fn check(sink: &mut Sink, state: &str, pointer: &str, task: &Task, payload_ok: bool) {
    let selected = match select(task) {
        Ok(selected) => selected,
        Err(SageMakerTaskError::UnknownAction(action)) => {
            sink.push(
                Rule::SagemakerUnknownApi,
                Some(state),
                format!("{pointer}/Resource"),
                format!(
                    "`{action}` is not an API of the optimized SageMaker integration: use one of {}",
                    SageMakerApi::ALL
                        .iter()
                        .map(|a| format!("`{}`", a.action()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            return;
        }
        // Not SageMaker; an SDK call to one of the many untyped APIs; both
        // payloads (the query-language rules report the one that does not
        // belong).
        Err(_) => return,
    };
    if selected.integration == SageMakerIntegration::Optimized && !selected.allowed {
        let (rule, message) = if selected.pattern == IntegrationPattern::WaitForTaskToken {
            (
                Rule::SagemakerCallbackUnsupported,
                "the optimized SageMaker integration does not support `.waitForTaskToken`"
                    .to_owned(),
            )
        } else {
            (
                Rule::SagemakerSyncUnsupported,
                format!(
                    "`{}` cannot run as a job: `{}` is only for the training, transform, processing, labeling and tuning jobs",
                    selected.api,
                    selected.pattern.suffix()
                ),
            )
        };
        sink.push(rule, Some(state), format!("{pointer}/Resource"), message);
    }
    if !payload_ok {
        return;
    }
    let empty = Payload::object();
    let payload = selected.payload.unwrap_or(&empty);
    // A whole payload computed at run time cannot be checked here.
    if matches!(payload, Payload::Expr(_)) {
        return;
    }
    let field = selected.field;
    let (request, report) = SageMakerRequest::read_payload(selected.api, payload);
    let mut issues = Issues::new();
    if let Some(request) = request {
        request.check_constraints(At::root(), &mut issues);
    }
    for issue in report.into_iter().chain(issues.into_report()) {
        let rule = match issue.rule {
            Rule::UnknownField => Rule::SagemakerUnknownMember,
            Rule::MissingField => Rule::SagemakerMissingMember,
            Rule::WrongType => Rule::SagemakerWrongType,
            Rule::SagemakerUnknownEnumValue | Rule::SagemakerConstraint => issue.rule,
            _ => Rule::SagemakerInvalidValue,
        };
        sink.push(
            rule,
            Some(state),
            format!("{pointer}/{field}{}", issue.pointer),
            issue.message,
        );
    }
}
