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
    check_payload, select,
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
    for issue in request_issues(selected.api, payload) {
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

/// What reading the request `payload` of `api` and checking the model's
/// facts on it find: the issues of the typed reader, then the
/// `sagemaker-constraint` warnings. A payload the typed reader reads
/// cleanly (nearly every one) is checked where it stands, without a copy;
/// only one with an issue to report is read into a typed request.
pub(super) fn request_issues(api: SageMakerApi, payload: &Payload) -> Vec<crate::Issue> {
    let mut issues = Issues::new();
    if check_payload(api, payload, &mut issues) {
        return issues.into_report().into_iter().collect();
    }
    read_and_check(api, payload)
}

/// [`request_issues`] through the typed request: read, then checked.
pub(super) fn read_and_check(api: SageMakerApi, payload: &Payload) -> Vec<crate::Issue> {
    let (request, report) = SageMakerRequest::read_payload(api, payload);
    let mut issues = Issues::new();
    if let Some(request) = request {
        request.check_constraints(At::root(), &mut issues);
    }
    report.into_iter().chain(issues.into_report()).collect()
}

#[cfg(test)]
mod tests {
    //! The direct check against the typed reader: on every SageMaker
    //! payload of the fixtures, corpus and examples, and on every variant
    //! of the fixtures with one node changed, removed or added, both give
    //! the same issues in the same order.

    use super::{read_and_check, request_issues};
    use crate::json::Json;
    use crate::payload::Payload;
    use crate::sagemaker::SageMakerApi;

    fn api_named(action: &str) -> Option<SageMakerApi> {
        SageMakerApi::ALL
            .into_iter()
            .find(|a| a.action() == action || a.name().eq_ignore_ascii_case(action))
    }

    /// Every `(api, payload)` of a Task calling SageMaker in `json`.
    fn payloads(json: &Json, out: &mut Vec<(SageMakerApi, Json)>) {
        match json {
            Json::Object(members) => {
                if let Some(Json::String(resource)) = members.get("Resource")
                    && let Some(rest) = resource.split("sagemaker:").nth(1)
                    && let Some(api) = api_named(rest.split('.').next().unwrap_or(""))
                {
                    for field in ["Parameters", "Arguments"] {
                        if let Some(p) = members.get(field) {
                            out.push((api, p.clone()));
                        }
                    }
                }
                members.values().for_each(|v| payloads(v, out));
            }
            Json::Array(items) => items.iter().for_each(|v| payloads(v, out)),
            _ => {}
        }
    }

    fn same(api: SageMakerApi, payload: &Payload, what: &str) {
        let direct: Vec<String> = request_issues(api, payload)
            .iter()
            .map(|i| format!("{i} ({:?})", i.severity))
            .collect();
        let typed: Vec<String> = read_and_check(api, payload)
            .iter()
            .map(|i| format!("{i} ({:?})", i.severity))
            .collect();
        assert_eq!(direct, typed, "{what}");
    }

    fn leaf(text: &str) -> Payload {
        text.parse().unwrap()
    }

    /// Every payload made from `p` by one change at one node.
    fn variants(p: &Payload) -> Vec<Payload> {
        let long = format!("\"{}\"", "a".repeat(300));
        let Payload::Object(dollar) = leaf(r#"{"x.$": "$.x"}"#) else {
            unreachable!()
        };
        let mut out: Vec<Payload> = [
            "null",
            "true",
            "0",
            "-1",
            "99999999999",
            "1.5",
            "\"\"",
            &long,
            "\"ml.m5.large\"",
            "\"{% $x %}\"",
            "[]",
            "{}",
        ]
        .into_iter()
        .map(leaf)
        .collect();
        out.push(dollar["x"].clone());
        out.push(Payload::String("{% literal %}".to_owned()));
        match p {
            Payload::Object(members) => {
                for (i, (key, value)) in members.iter().enumerate() {
                    for v in variants(value) {
                        let mut m = members.clone();
                        m[i] = v;
                        out.push(Payload::Object(m));
                    }
                    let mut m = members.clone();
                    m.shift_remove(key);
                    out.push(Payload::Object(m));
                }
                for key in ["Unknown", "Name.$", "a"] {
                    let mut m = members.clone();
                    m.insert(key.to_owned(), leaf("\"x\""));
                    out.push(Payload::Object(m));
                }
            }
            Payload::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    for v in variants(item) {
                        let mut a = items.clone();
                        a[i] = v;
                        out.push(Payload::Array(a));
                    }
                    let mut a = items.clone();
                    a.remove(i);
                    out.push(Payload::Array(a));
                }
                if let Some(first) = items.first() {
                    let mut a = items.clone();
                    a.extend(std::iter::repeat_n(first.clone(), 40));
                    out.push(Payload::Array(a));
                }
            }
            _ => {}
        }
        out
    }

    #[test]
    fn direct_check_reports_what_the_typed_reader_does() {
        let paths = crate::test_files::json_files(&[
            "tests/corpus",
            "tests/fixtures",
            "../examples/golden",
            "../examples/snapshots",
        ]);
        let mut found = Vec::new();
        let mut fixtures = Vec::new();
        for path in &paths {
            let Some(json) = std::fs::read_to_string(path)
                .ok()
                .and_then(|t| t.parse::<Json>().ok())
            else {
                continue;
            };
            let name = path.file_stem().unwrap().to_string_lossy();
            if path
                .parent()
                .is_some_and(|d| d.ends_with("fixtures/sagemaker"))
            {
                let api = name.split('.').next().unwrap().replace("seed-", "create-");
                let api = api.replace('-', "");
                let api = api_named(&api)
                    .or_else(|| api_named(&format!("{api}job")))
                    .unwrap_or_else(|| panic!("{name}"));
                fixtures.push((api, json.clone(), name.to_string()));
                found.push((api, json));
            } else {
                payloads(&json, &mut found);
            }
        }
        assert!(found.len() > 40, "{} payloads", found.len());
        for (api, json) in &found {
            let (Some(payload), _) = crate::read::lenient::<Payload>(json) else {
                continue;
            };
            same(*api, &payload, &format!("{api:?} {payload:?}"));
        }
        let mut checked = 0;
        for (api, json, name) in &fixtures {
            let payload = crate::read::from_json::<Payload>(json).unwrap();
            for variant in variants(&payload) {
                same(*api, &variant, &format!("{name}: {variant:?}"));
                checked += 1;
            }
        }
        assert!(checked > 8_000, "{checked} variants");
    }
}
