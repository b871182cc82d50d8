//! The rules: one stable kebab-case id each, with a default severity.

use std::fmt;

/// How bad an [`Issue`](super::Issue) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// AWS rejects the definition, or it cannot work: `build()` and
    /// `asl validate` fail.
    Error,
    /// Probably a mistake, but AWS may accept it: printed, and fails only
    /// when warnings are denied (`asl validate --deny warnings`).
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident => $id:literal, $severity:ident;)*) => {
        /// A rule a definition must follow. Each has a stable kebab-case id
        /// ([`Rule::id`]) printed in brackets after every issue; ids are
        /// never renamed or reused.
        ///
        /// The first nine are found while reading; the validator may report
        /// them too for models built by hand.
        ///
        #[doc = include_str!("../../RULES.md")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable id, e.g. `unknown-target`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// How bad breaking it is.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }

            /// The rule whose id is `id`.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id {
                    $($id => Some(Rule::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rules! {
    // ---- reading -------------------------------------------------------
    /// A field the object does not have in ASL (e.g. `ResultSelector` on a
    /// Pass state, `Retry` on a Wait state, a misspelt `Nxt`).
    UnknownField => "unknown-field", Error;
    /// A required field is absent (`StartAt`, `States`, `Type`, `Resource`,
    /// `Choices`, `Branches`, a Map's `ItemProcessor`, one of the Wait
    /// fields, `CSVHeaders` when `CSVHeaderLocation` is `GIVEN`).
    MissingField => "missing-field", Error;
    /// A value of the wrong JSON type.
    WrongType => "wrong-type", Error;
    /// A value of the right type that ASL does not allow (an unknown state
    /// `Type`, an unknown `QueryLanguage`, two choice operators, an integer
    /// out of range).
    InvalidValue => "invalid-value", Error;
    /// A path that is not valid JSONPath as Step Functions reads it.
    PathSyntax => "path-syntax", Error;
    /// A path where ASL needs a Reference Path, which names a single node:
    /// no `*`, `..`, filters, slices or unions; `ResultPath` must start at
    /// `$` (not the context `$$` or a variable).
    ReferencePathSyntax => "reference-path-syntax", Error;
    /// An intrinsic function call that does not parse.
    IntrinsicSyntax => "intrinsic-syntax", Error;
    /// A key ending `.$` whose value is not a path or intrinsic function
    /// call.
    DynamicValue => "dynamic-value", Error;
    /// The same key twice once `.$` is stripped (`"A"` and `"A.$"`).
    DuplicateKey => "duplicate-key", Error;

    // ---- graph ---------------------------------------------------------
    /// `StartAt` must name a state of its own `States` (machine, Parallel
    /// branch or Map item processor).
    UnknownStartAt => "unknown-start-at", Error;
    /// `Next`, `Default`, a choice rule's `Next` and a catcher's `Next` must
    /// name a state of the same `States`.
    UnknownTarget => "unknown-target", Error;
    /// A transition to a state that exists, but in another scope: Parallel
    /// branches and Map item processors cannot jump out, nor in.
    TargetOutOfScope => "target-out-of-scope", Error;
    /// Every state must be reachable from its scope's `StartAt` (AWS rejects
    /// unreachable states).
    UnreachableState => "unreachable-state", Error;
    /// Each scope must reach at least one terminal state (`End: true`,
    /// Succeed or Fail).
    NoTerminalState => "no-terminal-state", Error;
    /// Task, Pass, Wait, Parallel and Map states need `Next` or
    /// `"End": true`.
    MissingTransition => "missing-transition", Error;
    /// A state has both `Next` and `"End": true`.
    NextAndEnd => "next-and-end", Error;
    /// State names are 1 to 80 characters long.
    StateNameLength => "state-name-length", Error;
    /// State names are unique across the whole machine, nested branches and
    /// item processors included.
    DuplicateStateName => "duplicate-state-name", Error;

    // ---- fields and query languages ------------------------------------
    /// A JSONPath-only field (`InputPath`, `Parameters`, `ResultSelector`,
    /// `ResultPath`, `OutputPath`, `ItemsPath`, the `…Path` fields, choice
    /// rules with `Variable`) in a JSONata state.
    JsonpathOnlyField => "jsonpath-only-field", Error;
    /// A JSONata-only field (`Arguments`, `Output`, `Items`, choice rules
    /// with `Condition`) in a JSONPath state.
    JsonataOnlyField => "jsonata-only-field", Error;
    /// A state sets `"QueryLanguage": "JSONPath"` in a machine whose
    /// top-level `QueryLanguage` is JSONata, which AWS does not allow.
    JsonpathStateInJsonataMachine => "jsonpath-state-in-jsonata-machine", Error;
    /// An expression of the other query language: a JSONata `{% … %}`
    /// string in a JSONPath state's payload or typed field, or a path or
    /// intrinsic call where a JSONata state needs `{% … %}`.
    ExpressionQueryLanguage => "expression-query-language", Error;
    /// Two fields that exclude each other: `TimeoutSeconds` /
    /// `TimeoutSecondsPath`, `HeartbeatSeconds` / `HeartbeatSecondsPath`,
    /// `Error` / `ErrorPath`, `Cause` / `CausePath`, the four Wait fields,
    /// `ItemProcessor` / `Iterator`, `ItemSelector` / `Parameters`, a
    /// value and its `…Path`.
    ExclusiveFields => "exclusive-fields", Error;
    /// A Map field that only a distributed Map has (`ItemReader`,
    /// `ItemBatcher`, `ResultWriter`, `ToleratedFailure…`, `Label`,
    /// `ExecutionType`) on an inline Map.
    DistributedOnlyField => "distributed-only-field", Error;
    /// A distributed Map's `ProcessorConfig` needs `ExecutionType`
    /// (`STANDARD` or `EXPRESS`).
    DistributedExecutionType => "distributed-execution-type", Error;
    /// `Choices`, `Branches`, `And` and `Or` need at least one element.
    EmptyArray => "empty-array", Error;
    /// `HeartbeatSeconds` must be less than `TimeoutSeconds`.
    HeartbeatExceedsTimeout => "heartbeat-exceeds-timeout", Error;
    /// A value outside the list ASL defines: `JitterStrategy`, a Map's
    /// `Mode`, `ExecutionType`, `InputType`, `CSVHeaderLocation`,
    /// `CSVDelimiter`, `OutputType`, `Transformation`.
    UnknownEnumValue => "unknown-enum-value", Error;

    // ---- expressions ---------------------------------------------------
    /// A `States.` function that does not exist.
    IntrinsicUnknownFunction => "intrinsic-unknown-function", Error;
    /// An intrinsic function called with too few or too many arguments.
    IntrinsicArity => "intrinsic-arity", Error;
    /// Intrinsic function calls nest at most 10 deep.
    IntrinsicDepth => "intrinsic-depth", Error;
    /// An intrinsic argument AWS cannot accept: `States.JsonToString` of a
    /// non-path, `States.JsonMerge` with a deep merge, `States.Hash` with
    /// an unknown algorithm, `States.Format` whose `{}` count differs from
    /// its arguments, `States.ArrayRange` of more than 1,000 elements.
    IntrinsicArguments => "intrinsic-arguments", Error;
    /// A `{% … %}` JSONata expression that does not parse.
    JsonataSyntax => "jsonata-syntax", Error;
    /// A `{% … %}` JSONata expression nested deeper than the parser used
    /// here checks (jsonata-core's guard of 1,000 levels, which a flat sum
    /// of 501 terms reaches). AWS documents no such limit: it is not checked.
    JsonataNotChecked => "jsonata-not-checked", Warning;
    /// A `${…}` placeholder no substitution replaced, when placeholders
    /// are denied (`--deny placeholders`); otherwise a placeholder stands
    /// for a value of the type its field expects and is not reported.
    UnresolvedPlaceholder => "unresolved-placeholder", Error;
    /// `$states.errorOutput` exists only in a catcher's `Output` and
    /// `Assign`.
    ErrorOutputOutsideCatch => "error-output-outside-catch", Error;

    // ---- Retry and Catch ------------------------------------------------
    /// `ErrorEquals` needs at least one error name.
    EmptyErrorEquals => "empty-error-equals", Error;
    /// `States.ALL` must be the only name in its `ErrorEquals`.
    ErrorAllNotAlone => "error-all-not-alone", Error;
    /// A retrier or catcher with `States.ALL` must be the last one.
    ErrorAllNotLast => "error-all-not-last", Error;
    /// A `States.` error name that is not one of the predefined errors
    /// (names starting `States.` are reserved).
    ReservedErrorName => "reserved-error-name", Warning;
    /// `IntervalSeconds` is an integer from 1 to 99,999,999.
    RetryInterval => "retry-interval", Error;
    /// `MaxAttempts` is an integer from 0 to 99,999,999.
    RetryMaxAttempts => "retry-max-attempts", Error;
    /// `BackoffRate` is a number of at least 1.0.
    RetryBackoffRate => "retry-backoff-rate", Error;
    /// `MaxDelaySeconds` is an integer from 1 to 31,622,400.
    RetryMaxDelay => "retry-max-delay", Error;

    // ---- ranges and formats ---------------------------------------------
    /// `TimeoutSeconds` and `HeartbeatSeconds` (of a task or the machine)
    /// are integers from 1 to 99,999,999.
    TimeoutRange => "timeout-range", Error;
    /// A Wait state's `Seconds` is an integer from 0 to 99,999,999.
    WaitSecondsRange => "wait-seconds-range", Error;
    /// Timestamps (Wait `Timestamp`, `Timestamp…` choice operands) follow
    /// RFC 3339 with an uppercase `T` and, without an offset, `Z`.
    TimestampFormat => "timestamp-format", Error;
    /// Map numbers: `MaxConcurrency` ≥ 0, `ToleratedFailureCount` ≥ 0,
    /// `ToleratedFailurePercentage` 0–100, `MaxItems` ≥ 0,
    /// `MaxItemsPerBatch` ≥ 1, `MaxInputBytesPerBatch` 1–262,144.
    MapRange => "map-range", Error;
    /// A distributed Map's `Label`: 1 to 40 characters, without
    /// whitespace, brackets `< > { } [ ]`, `?`, `*`, any of
    /// `" # % \ ^ | ~ $ & , ; : /`, a backquote or control characters.
    MapLabel => "map-label", Error;
    /// The definition is at most 1 MB (1,048,576 bytes).
    DefinitionTooLarge => "definition-too-large", Error;
    /// The definition nests deeper than the 128 JSON levels a reader
    /// accepts (only possible in a machine built by hand).
    NestingTooDeep => "nesting-too-deep", Error;

    // ---- resources and integrations -------------------------------------
    /// A `Resource` must be an ARN (`arn:PARTITION:…`): a Task runs an
    /// integration, a Lambda function or an activity, all named by ARN.
    ResourceNotArn => "resource-not-arn", Error;
    /// An ARN in `Resource` that is none of the forms this crate knows (an
    /// optimized or SDK integration, a Lambda function, an activity): a
    /// warning, as AWS adds forms. (A Task's `arn:PARTITION:states:::` ARN
    /// that is no optimized integration is `unknown-integration`.)
    ResourceArn => "resource-arn", Warning;
    /// A Task's `arn:PARTITION:states:::SERVICE:ACTION` names no optimized
    /// integration AWS documents (`dynamodb:query`, `s3:putObject`, an
    /// unknown suffix such as `.bogus`): AWS answers that the resource "is
    /// not recognized". The table is [`crate::integrations`]; SageMaker's
    /// resources have their own rules, and AWS SDK integrations
    /// (`aws-sdk:…`) are not checked against it.
    UnknownIntegration => "unknown-integration", Error;
    /// An optimized integration with a pattern its action does not support
    /// (`lambda:invoke.sync`, `sns:publish.sync`, `.sync:2` on anything but
    /// `states:startExecution`), as the table of [`crate::integrations`]
    /// says.
    UnsupportedIntegrationPattern => "unsupported-integration-pattern", Error;
    /// AWS SDK integrations (`arn:aws:states:::aws-sdk:…`) support Request
    /// Response and `.waitForTaskToken`, never `.sync`.
    SdkSyncUnsupported => "sdk-sync-unsupported", Error;
    /// `arn:aws:states:::sagemaker:ACTION` with an action that is not one
    /// of the nine the optimized SageMaker integration offers.
    SagemakerUnknownApi => "sagemaker-unknown-api", Error;
    /// `.sync` on a SageMaker API without it: only the training, transform,
    /// processing, labeling and tuning jobs can run as a job.
    SagemakerSyncUnsupported => "sagemaker-sync-unsupported", Error;
    /// `.waitForTaskToken` is not supported by the optimized SageMaker
    /// integration.
    SagemakerCallbackUnsupported => "sagemaker-callback-unsupported", Error;
    /// A member the SageMaker API request does not have.
    SagemakerUnknownMember => "sagemaker-unknown-member", Error;
    /// A member the SageMaker API request requires is absent.
    SagemakerMissingMember => "sagemaker-missing-member", Error;
    /// A SageMaker member of the wrong JSON type.
    SagemakerWrongType => "sagemaker-wrong-type", Error;
    /// A SageMaker member value the API does not allow (an enum value not
    /// in the model, an integer out of range).
    SagemakerInvalidValue => "sagemaker-invalid-value", Error;
    /// A literal SageMaker value outside the API model's `min`, `max` or
    /// `pattern`.
    SagemakerConstraint => "sagemaker-constraint", Warning;
    /// A SageMaker enum value the API model does not list (AWS adds
    /// instance types every month): it is kept as written.
    SagemakerUnknownEnumValue => "sagemaker-unknown-enum-value", Warning;

    // ---- the builder ----------------------------------------------------
    /// A handle from another builder (or a stale clone) was passed in.
    BuilderForeignHandle => "builder-foreign-handle", Error;
    /// Two states were added under the same name.
    BuilderDuplicateState => "builder-duplicate-state", Error;
    /// `build()` was called with no start state set.
    BuilderNoStartState => "builder-no-start-state", Error;
    /// A catcher was added to a state type that has no `Catch`.
    BuilderCannotCatch => "builder-cannot-catch", Error;
    /// A second transition was set on one state (`next` twice to different
    /// states, or `next` and `end`).
    BuilderSecondTransition => "builder-second-transition", Error;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
        }
        assert_eq!(Rule::from_id("nope"), None);
    }
}
