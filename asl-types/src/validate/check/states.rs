//! The checks of each state type but Map.

use crate::choice::{Condition, Operand, OperandKind, Operator};
use crate::enums::QueryLanguage;
use crate::expr::{Expr, Jsonata, JsonataOr};
use crate::json::MAX_DEPTH;
use crate::payload::Payload;
use crate::resource::{IntegrationPattern, Resource};
use crate::state::{Choice, Fail, Parallel, Pass, Task, Wait};

use super::super::rule::Rule;
use super::super::{integration, payload, sagemaker, time};
use super::{Here, MAX_SECONDS, Only, Walk, too_deep};

impl<'m> Walk<'m> {
    #[allow(
        clippy::too_many_lines,
        reason = "one check per Task field, in field order"
    )]
    pub(super) fn task(&mut self, here: &Here<'_>, s: &'m Task) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        let payload_ok =
            self.parameters_arguments(here, "", s.parameters.as_ref(), s.arguments.as_ref());
        self.payload(
            here,
            "/Credentials",
            s.credentials.as_ref(),
            Only::Both,
            false,
        );
        self.credentials(here, s.credentials.as_ref());
        self.results(
            here,
            s.result_selector.as_ref(),
            s.result_path.as_ref(),
            s.output.as_ref(),
            s.assign.as_ref(),
        );
        self.or_path(
            here,
            &[
                (
                    "TimeoutSeconds",
                    s.timeout_seconds.is_some(),
                    s.timeout_seconds_path.is_some(),
                ),
                (
                    "HeartbeatSeconds",
                    s.heartbeat_seconds.is_some(),
                    s.heartbeat_seconds_path.is_some(),
                ),
            ],
        );
        let timeout = self.int_field(here, "/TimeoutSeconds", s.timeout_seconds.as_ref());
        let heartbeat = self.int_field(here, "/HeartbeatSeconds", s.heartbeat_seconds.as_ref());
        if let Some(t) = timeout {
            self.range(
                Rule::TimeoutRange,
                here,
                &"/TimeoutSeconds",
                t,
                1,
                Some(MAX_SECONDS),
            );
        }
        if let Some(h) = heartbeat {
            self.range(
                Rule::TimeoutRange,
                here,
                &"/HeartbeatSeconds",
                h,
                1,
                Some(MAX_SECONDS),
            );
            if let Some(t) = timeout
                && h.get() >= t.get()
            {
                self.push(
                    Rule::HeartbeatExceedsTimeout,
                    here,
                    "/HeartbeatSeconds",
                    format!("`HeartbeatSeconds` ({h}) must be less than `TimeoutSeconds` ({t})"),
                );
            }
        }
        match integration::check(&s.resource) {
            Some((rule, message)) => self.push(rule, here, "/Resource", message),
            None => self.resource(here, &s.resource),
        }
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
        sagemaker::check(&mut self.sink, here.name, here.pointer, s, payload_ok);
    }

    pub(super) fn resource(&mut self, here: &Here<'_>, resource: &Resource) {
        match resource {
            Resource::Sdk {
                pattern: pattern @ (IntegrationPattern::Sync | IntegrationPattern::Sync2),
                ..
            } => self.push(
                Rule::SdkSyncUnsupported,
                here,
                "/Resource",
                format!("AWS SDK integrations support request response and `.waitForTaskToken`, not `{}`", pattern.suffix()),
            ),
            // Not known to be allowed, but not known to be refused either.
            Resource::Other(text) if Jsonata::is_jsonata(text) => {}
            Resource::Other(text) if !text.starts_with("arn:") => self.push(
                Rule::ResourceNotArn,
                here,
                "/Resource",
                format!("`{text}` is not an ARN: a Task's `Resource` names an integration (`arn:aws:states:::SERVICE:ACTION`), a Lambda function or an activity by its ARN"),
            ),
            Resource::Other(text) => self.push(
                Rule::ResourceArn,
                here,
                "/Resource",
                format!("`{text}` is not a resource ARN Step Functions is known to run: an integration `arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]`, an SDK integration `arn:aws:states:::aws-sdk:SERVICE:ACTION`, a Lambda function or an activity"),
            ),
            _ => {}
        }
    }

    pub(super) fn pass(&mut self, here: &Here<'_>, s: &'m Pass) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.only(here, "Result", s.result.is_some(), Only::JsonPath);
        // A Pass state has no `ResultSelector`.
        self.results(
            here,
            None,
            s.result_path.as_ref(),
            s.output.as_ref(),
            s.assign.as_ref(),
        );
    }

    pub(super) fn wait(&mut self, here: &Here<'_>, s: &'m Wait) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.output_assign(here, s.output.as_ref(), s.assign.as_ref());
        self.only(
            here,
            "SecondsPath",
            s.seconds_path.is_some(),
            Only::JsonPath,
        );
        self.only(
            here,
            "TimestampPath",
            s.timestamp_path.is_some(),
            Only::JsonPath,
        );
        let fields = [
            ("Seconds", s.seconds.is_some()),
            ("Timestamp", s.timestamp.is_some()),
            ("SecondsPath", s.seconds_path.is_some()),
            ("TimestampPath", s.timestamp_path.is_some()),
        ];
        if fields.iter().all(|(_, set)| !set) {
            self.push(
                Rule::MissingField,
                here,
                "",
                "a Wait state needs one of `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`".to_owned(),
            );
        }
        self.exclusive(here, &fields);
        if let Some(seconds) = self.int_field(here, "/Seconds", s.seconds.as_ref()) {
            self.range(
                Rule::WaitSecondsRange,
                here,
                &"/Seconds",
                seconds,
                0,
                Some(MAX_SECONDS),
            );
        }
        match &s.timestamp {
            Some(JsonataOr::Literal(t)) if !time::is_timestamp(t) => self.push(
                Rule::TimestampFormat,
                here,
                "/Timestamp",
                format!("`{t}` is not an RFC 3339 timestamp such as `2026-03-14T01:59:00Z`"),
            ),
            Some(JsonataOr::Jsonata(j)) => self.jsonata_field(here, "/Timestamp", j.expression()),
            _ => {}
        }
    }

    pub(super) fn fail(&mut self, here: &Here<'_>, s: &'m Fail) {
        self.or_path(
            here,
            &[
                ("Error", s.error.is_some(), s.error_path.is_some()),
                ("Cause", s.cause.is_some(), s.cause_path.is_some()),
            ],
        );
        for (suffix, field) in [("/Error", &s.error), ("/Cause", &s.cause)] {
            if let Some(JsonataOr::Jsonata(j)) = field {
                self.jsonata_field(here, suffix, j.expression());
            }
        }
        for (suffix, field) in [("/ErrorPath", &s.error_path), ("/CausePath", &s.cause_path)] {
            if let Some(d) = field {
                payload::check_expr(&mut self.sink, here.place(), &here.at(suffix), &d.0);
            }
        }
    }

    pub(super) fn choice(&mut self, here: &Here<'_>, s: &'m Choice) {
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.output_assign(here, s.output.as_ref(), s.assign.as_ref());
        if s.choices.is_empty() {
            self.push(
                Rule::EmptyArray,
                here,
                "/Choices",
                "`Choices` needs at least one rule".to_owned(),
            );
        }
        for (i, rule) in s.choices.iter().enumerate() {
            let base = format!("/Choices/{i}");
            self.payload(
                here,
                &format!("{base}/Assign"),
                rule.assign.as_ref(),
                Only::Both,
                false,
            );
            self.payload(
                here,
                &format!("{base}/Output"),
                rule.output.as_ref(),
                Only::Jsonata,
                false,
            );
            self.condition(here, &base, &rule.condition);
        }
    }

    /// `Credentials` is an object with `RoleArn` (or `RoleArn.$`) and
    /// nothing else.
    fn credentials(&mut self, here: &Here<'_>, credentials: Option<&Payload>) {
        let Some(credentials) = credentials else {
            return;
        };
        let Payload::Object(members) = credentials else {
            self.push(
                Rule::WrongType,
                here,
                "/Credentials",
                "`Credentials` is an object with `RoleArn`".to_owned(),
            );
            return;
        };
        for (key, value) in members {
            if key != "RoleArn" {
                let written = if value.expr().is_some_and(Expr::needs_dollar_key) {
                    format!("{key}.$")
                } else {
                    key.clone()
                };
                let mut pointer = "/Credentials".to_owned();
                crate::read::push_key(&mut pointer, &written);
                self.push(
                    Rule::UnknownField,
                    here,
                    &pointer,
                    format!("`{written}` is not a field of `Credentials`: it has only `RoleArn`"),
                );
            }
        }
        if !members.contains_key("RoleArn") {
            // AWS's own words for it.
            self.push(
                Rule::MissingField,
                here,
                "/Credentials",
                "The field 'RoleArn' is required but was missing".to_owned(),
            );
        }
    }

    /// A choice rule's condition, walked without recursion.
    pub(super) fn condition(&mut self, here: &Here<'_>, base: &str, condition: &Condition) {
        if let Condition::Constant(_) = condition {
            if here.lang == QueryLanguage::JsonPath {
                self.push(
                    Rule::JsonataOnlyField,
                    here,
                    &format!("{base}/Condition"),
                    "`Condition` is a JSONata field; a JSONPath state's rules use `Variable` and an operator".to_owned(),
                );
            }
            return;
        }
        if let Condition::Jsonata(j) = condition {
            if here.lang == QueryLanguage::JsonPath {
                self.push(
                    Rule::JsonataOnlyField,
                    here,
                    &format!("{base}/Condition"),
                    "`Condition` is a JSONata field; a JSONPath state's rules use `Variable` and an operator".to_owned(),
                );
            } else {
                payload::check_jsonata(
                    &mut self.sink,
                    here.place(),
                    &here.at(&format!("{base}/Condition")),
                    j.expression(),
                );
            }
            return;
        }
        if here.lang == QueryLanguage::Jsonata {
            self.push(
                Rule::JsonpathOnlyField,
                here,
                base,
                "rules with `Variable`, `And`, `Or` or `Not` are JSONPath; a JSONata state's rules use `Condition`".to_owned(),
            );
        }
        // The rule object is two levels below the state (`Choices`, index).
        let mut stack = vec![(condition, base.to_owned(), here.level + 2)];
        let mut reported_deep = false;
        while let Some((c, pointer, level)) = stack.pop() {
            if level > MAX_DEPTH {
                if !reported_deep {
                    reported_deep = true;
                    self.deep = true;
                    self.push(Rule::NestingTooDeep, here, &pointer, too_deep());
                }
                continue;
            }
            match c {
                Condition::And(cs) | Condition::Or(cs) => {
                    let op = if matches!(c, Condition::And(_)) {
                        "And"
                    } else {
                        "Or"
                    };
                    if cs.is_empty() {
                        self.push(
                            Rule::EmptyArray,
                            here,
                            &format!("{pointer}/{op}"),
                            format!("`{op}` needs at least one rule"),
                        );
                    }
                    for (i, inner) in cs.iter().enumerate().rev() {
                        stack.push((inner, format!("{pointer}/{op}/{i}"), level + 2));
                    }
                }
                Condition::Not(inner) => stack.push((inner, format!("{pointer}/Not"), level + 1)),
                Condition::Compare {
                    operator, operand, ..
                } => self.operand(here, &pointer, *operator, operand),
                Condition::Commented { condition, .. } => {
                    stack.push((condition, pointer, level));
                }
                Condition::Jsonata(_) | Condition::Constant(_) => self.push(
                    Rule::InvalidValue,
                    here,
                    &pointer,
                    "`Condition` stands only in a top-level choice rule".to_owned(),
                ),
            }
        }
    }

    /// The operand of one comparison: of the operator's kind, and a
    /// timestamp where the operator compares timestamps.
    fn operand(&mut self, here: &Here<'_>, pointer: &str, operator: Operator, operand: &Operand) {
        // A model built by hand can pair an operator with an
        // operand of another kind; a file cannot (reading checks it).
        let fits = matches!(
            (operator.operand_kind(), operand),
            (
                OperandKind::String | OperandKind::Timestamp,
                Operand::String(_)
            ) | (OperandKind::Number, Operand::Number(_))
                | (OperandKind::Bool, Operand::Bool(_))
                | (OperandKind::Path, Operand::Path(_))
        );
        if !fits {
            self.push(
                Rule::WrongType,
                here,
                &format!("{pointer}/{}", operator.name()),
                format!(
                    "`{}` takes {}",
                    operator.name(),
                    operator.operand_kind().describe()
                ),
            );
        }
        if operator.operand_kind() == OperandKind::Timestamp
            && let Operand::String(t) = operand
            && !time::is_timestamp(t)
        {
            self.push(
                Rule::TimestampFormat,
                here,
                &format!("{pointer}/{}", operator.name()),
                format!("`{t}` is not an RFC 3339 timestamp such as `2026-03-14T01:59:00Z`"),
            );
        }
    }

    pub(super) fn parallel(&mut self, here: &Here<'_>, s: &'m Parallel) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.parameters_arguments(here, "", s.parameters.as_ref(), s.arguments.as_ref());
        self.results(
            here,
            s.result_selector.as_ref(),
            s.result_path.as_ref(),
            s.output.as_ref(),
            s.assign.as_ref(),
        );
        if s.branches.is_empty() {
            self.push(
                Rule::EmptyArray,
                here,
                "/Branches",
                "`Branches` needs at least one branch".to_owned(),
            );
        }
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
    }
}
