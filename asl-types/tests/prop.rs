//! Property tests: model → JSON → model is the identity, and reading never
//! panics on arbitrary input.

use asl_types::{
    Branch, Catcher, ChoiceRule, Condition, ErrorName, Fail, Json, Jsonata, JsonataOr, Number,
    Operand, Operator, Parallel, Pass, Path, Payload, QueryLanguage, ReferencePath, Retrier, State,
    StateMachine, StateName, Succeed, Task, Wait,
};
use indexmap::IndexMap;
use proptest::prelude::*;

fn name() -> impl Strategy<Value = StateName> {
    "[A-Za-z0-9 _é日-]{1,12}".prop_map(StateName::from)
}

fn path() -> impl Strategy<Value = Path> {
    prop::collection::vec("[a-z][a-z0-9_]{0,5}", 0..4)
        .prop_map(|fields| fields.iter().fold(Path::input(), |p, f| p.field(f)))
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
        "-?[1-9][0-9]{0,40}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?"
            .prop_map(|s| s.parse().expect("valid number text")),
    ]
}

fn jsonata() -> impl Strategy<Value = Jsonata> {
    "[ a-z$.+0-9]{0,12}".prop_map(|e| format!("{{%{e}%}}").parse().expect("delimited"))
}

/// Payload values of a JSONPath state; paths and intrinsic calls only as
/// object members.
fn payload() -> impl Strategy<Value = Payload> {
    payload_in(false)
}

/// Payload values of a state of either query language: in a JSONata state
/// there are no paths or intrinsic calls, and keys may end in `.$` (an
/// ordinary key there).
fn payload_in(jsonata_state: bool) -> BoxedStrategy<Payload> {
    let leaf = prop_oneof![
        6 => Just(Payload::Null),
        6 => any::<bool>().prop_map(Payload::Bool),
        6 => number().prop_map(Payload::Number),
        6 => "[a-zA-Z0-9 {}%$.'\\\\\"\n]{0,10}".prop_map(Payload::String),
        // Rare: a literal that looks like an expression (the writer refuses it).
        1 => "[a-z ]{0,3}".prop_map(|e| Payload::String(format!("{{%{e}%}}"))),
        6 => jsonata().prop_map(Payload::from),
    ];
    leaf.prop_recursive(4, 32, 5, move |inner| {
        let (key, member) = if jsonata_state {
            (
                "[A-Za-z][A-Za-z0-9 ]{0,6}(\\.\\$)?".boxed(),
                prop_oneof![3 => inner.clone(), 1 => jsonata().prop_map(Payload::from)].boxed(),
            )
        } else {
            (
                "[A-Za-z][A-Za-z0-9 ]{0,6}".boxed(),
                prop_oneof![
                    3 => inner.clone(),
                    1 => path().prop_map(Payload::from),
                    1 => Just(Payload::from(
                        "States.Format('{} \\'x\\'', $.a, States.UUID())"
                            .parse::<asl_types::Intrinsic>()
                            .expect("intrinsic"),
                    )),
                ]
                .boxed(),
            )
        };
        prop_oneof![
            prop::collection::vec(inner, 0..4).prop_map(Payload::Array),
            prop::collection::vec((key, member), 0..4).prop_map(|members| Payload::Object(
                members.into_iter().collect::<IndexMap<_, _>>()
            )),
        ]
    })
    .boxed()
}

fn literal_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        "[a-z{}%$.]{0,8}".prop_map(Json::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Json::Array),
            prop::collection::vec(("[a-z.$]{0,4}", inner), 0..3)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

fn error_names() -> impl Strategy<Value = Vec<ErrorName>> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(ErrorName::PREDEFINED.to_vec()),
            "[A-Z][a-z]{1,8}\\.[A-Za-z]{1,8}".prop_map(|s| ErrorName::from(s.as_str())),
        ],
        0..3,
    )
}

fn retrier() -> impl Strategy<Value = Retrier> {
    (
        error_names(),
        prop::option::of(any::<i64>()),
        prop::option::of(0i64..10),
        prop::option::of(number()),
    )
        .prop_map(|(errors, interval, attempts, backoff)| {
            let mut r = Retrier::new(Vec::<asl_types::ErrorName>::new());
            r.error_equals = errors;
            r.interval_seconds = interval.map(Into::into);
            r.max_attempts = attempts.map(Into::into);
            r.backoff_rate = backoff;
            r
        })
}

fn condition() -> impl Strategy<Value = Condition> {
    let compare = (
        path(),
        prop::sample::select(Operator::ALL.to_vec()),
        any::<i32>(),
        path(),
    )
        .prop_map(|(variable, operator, n, other)| {
            let operand = match operator.operand_kind() {
                asl_types::OperandKind::String | asl_types::OperandKind::Timestamp => {
                    Operand::String(format!("v{n}"))
                }
                asl_types::OperandKind::Number => Operand::Number(n.into()),
                asl_types::OperandKind::Bool => Operand::Bool(n % 2 == 0),
                asl_types::OperandKind::Path => Operand::Path(other),
            };
            Condition::compare(variable, operator, operand)
        });
    compare.prop_recursive(4, 16, 3, |inner| {
        // A nested rule may carry its own `Comment`.
        let child = prop_oneof![
            3 => inner.clone(),
            1 => (inner, "[a-z ]{0,8}").prop_map(|(c, comment)| Condition::Commented {
                comment,
                condition: Box::new(c),
            }),
        ];
        prop_oneof![
            prop::collection::vec(child.clone(), 0..3).prop_map(Condition::And),
            prop::collection::vec(child.clone(), 0..3).prop_map(Condition::Or),
            child.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

fn transition() -> impl Strategy<Value = (Option<StateName>, Option<bool>)> {
    prop_oneof![
        name().prop_map(|n| (Some(n), None)),
        Just((None, Some(true))),
        Just((None, None)),
    ]
}

fn leaf_state() -> impl Strategy<Value = State> {
    prop_oneof![
        (
            prop::option::of(literal_json()),
            prop::option::of(payload()),
            transition(),
            prop::option::of(path())
        )
            .prop_map(|(result, parameters, (next, end), result_path)| {
                let mut p = Pass::default();
                p.result = result;
                p.parameters = parameters;
                p.next = next;
                p.end = end;
                p.result_path =
                    result_path.map(|p| ReferencePath::try_from(p).expect("fields only").into());
                State::Pass(p)
            }),
        prop::option::of(payload_in(true)).prop_map(|output| {
            let mut s = Succeed::default();
            s.output = output;
            s.query_language = Some(QueryLanguage::Jsonata);
            State::Succeed(s)
        }),
        (prop::option::of("[ -~]{0,10}"), prop::option::of(jsonata())).prop_map(
            |(error, cause)| {
                let mut f = Fail::default();
                f.error = error.map(JsonataOr::Literal);
                f.cause = cause.map(JsonataOr::Jsonata);
                State::Fail(f)
            }
        ),
        (any::<i64>(), transition()).prop_map(|(seconds, (next, end))| {
            let mut w = Wait::default();
            w.seconds = Some(JsonataOr::Literal(seconds.into()));
            w.next = next;
            w.end = end;
            State::Wait(w)
        }),
        (
            prop::sample::select(vec![
                "arn:aws:states:::sagemaker:createTrainingJob.sync",
                "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                "arn:aws:lambda:us-east-1:123456789012:function:f",
                "anything at all",
            ]),
            prop::option::of(payload()),
            prop::collection::vec(retrier(), 0..3),
            prop::option::of((error_names(), name())),
            transition(),
        )
            .prop_map(|(resource, parameters, retry, catch, (next, end))| {
                let mut t = Task::new(asl_types::Resource::Other(String::new()));
                t.resource = resource.parse().expect("infallible");
                t.parameters = parameters;
                t.retry = (!retry.is_empty()).then_some(retry);
                t.catch = catch.map(|(errors, next)| {
                    let mut c = Catcher::new(Vec::<asl_types::ErrorName>::new(), "");
                    c.error_equals = errors;
                    c.next = next;
                    vec![c]
                });
                t.next = next;
                t.end = end;
                State::from(t)
            }),
        (
            prop::collection::vec((condition(), name()), 0..3),
            prop::option::of(name())
        )
            .prop_map(|(rules, default)| {
                let mut c = asl_types::Choice::new(Vec::new());
                c.choices = rules
                    .into_iter()
                    .map(|(cond, next)| ChoiceRule::new(cond, next))
                    .collect();
                c.default = default;
                State::Choice(c)
            }),
    ]
}

fn states(depth: u32) -> BoxedStrategy<IndexMap<StateName, State>> {
    let state = if depth == 0 {
        leaf_state().boxed()
    } else {
        prop_oneof![
            4 => leaf_state(),
            1 => (prop::collection::vec((name(), states(depth - 1)), 1..3), transition()).prop_map(
                |(branches, (next, end))| {
                    let mut p = Parallel::new(Vec::new());
                    p.branches = branches
                        .into_iter()
                        .map(|(start_at, states)| {
                            let mut b = Branch::new("", asl_types::States::new());
                            b.start_at = start_at;
                            b.states = states;
                            b
                        })
                        .collect();
                    p.next = next;
                    p.end = end;
                    State::Parallel(p)
                }
            ),
        ]
        .boxed()
    };
    prop::collection::vec((name(), state), 1..5)
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

fn machine() -> impl Strategy<Value = StateMachine> {
    (
        name(),
        states(2),
        prop::option::of("[ -~]{0,20}"),
        prop::option::of(any::<i64>()),
    )
        .prop_map(|(start_at, states, comment, timeout)| {
            let mut m = StateMachine::new("", asl_types::States::new());
            m.start_at = start_at;
            m.states = states;
            m.comment = comment;
            m.timeout_seconds = timeout.map(Into::into);
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn model_to_json_to_model_is_identity(m in machine()) {
        // A literal `{% … %}` string would read back as an expression: the
        // writer refuses it instead of changing its meaning.
        let text = match m.to_json_string() {
            Ok(text) => text,
            Err(e) => {
                prop_assert!(e.to_string().contains("would read back as a JSONata expression"), "{}", e);
                return Ok(());
            }
        };
        let back: StateMachine = text.parse().expect("reads back");
        prop_assert_eq!(&back, &m);
        let pretty = m.to_canonical_string().expect("serializes");
        prop_assert_eq!(pretty.parse::<StateMachine>().expect("reads back"), m);
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = text.parse::<StateMachine>();
    }

    #[test]
    fn reading_arbitrary_json_never_panics(json in literal_json()) {
        let _ = StateMachine::from_json_value(&json);
        let text = serde_json::to_string(&json).expect("serializes");
        let _ = text.parse::<StateMachine>();
    }

    #[test]
    fn paths_and_intrinsics_never_panic(text in "[$.\\[\\]'\"?@*:,()a-z0-9 \\\\]{0,30}") {
        let _ = text.parse::<Path>();
        let _ = format!("States.Format({text})").parse::<asl_types::Intrinsic>();
    }
}

#[path = "prop/json.rs"]
mod json;

/// Validation never panics: on generated machines, on arbitrary JSON that
/// reads as a machine, and on the valid corpus with random edits (the edits
/// reach the rules far more often than random JSON does).
mod validation {
    use std::sync::OnceLock;

    use asl_types::{StateMachine, validate};
    use proptest::prelude::*;
    use serde_json::Value;

    fn corpus() -> &'static [Value] {
        static FILES: OnceLock<Vec<Value>> = OnceLock::new();
        FILES.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid");
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .expect("corpus")
                .map(|e| e.expect("entry").path())
                .collect();
            files.sort();
            files
                .iter()
                .filter_map(|f| serde_json::from_slice(&std::fs::read(f).ok()?).ok())
                .collect()
        })
    }

    /// Values that mean something somewhere in ASL.
    pub(super) fn tricky() -> impl Strategy<Value = Value> {
        let strings = prop::sample::select(vec![
            "",
            "A",
            "Done",
            "$",
            "$.a",
            "$.a[*]",
            "$..x",
            "$$.Execution.Id",
            "$var",
            "States.Format('{}')",
            "States.Format('{} {}', $.a)",
            "States.Array(States.Array())",
            "States.Nope()",
            "States.JsonMerge($.a, $.b, true)",
            "States.ALL",
            "States.Timeout",
            "States.Bogus",
            "{% %}",
            "{% $states.errorOutput %}",
            "{% ( %}",
            "{% $x + 1 %}",
            "arn:aws:states:::sagemaker:createEndpoint.sync",
            "arn:aws:states:::sagemaker:createTrainingJob.waitForTaskToken",
            "arn:aws:states:::sagemaker:createPipeline",
            "arn:aws:states:::aws-sdk:s3:get.sync",
            "arn:aws:states:::lambda:invoke",
            "DISTRIBUTED",
            "INLINE",
            "STANDARD",
            "JSONata",
            "JSONPath",
            "FULL",
            "2026-01-01T00:00:00Z",
            "2026-01-01 00:00",
            "Pass",
            "Task",
            "Choice",
            "Wait",
            "Succeed",
            "Fail",
            "Parallel",
            "Map",
            "ml.m5.large",
            "File",
        ])
        .prop_map(|s| Value::String(s.to_owned()));
        let numbers = prop::sample::select(vec![-1i64, 0, 1, 2, 60, 101, 99_999_999, 100_000_000])
            .prop_map(Value::from);
        let structured = prop::sample::select(vec![
            r#"{"Type": "Pass", "End": true}"#,
            r#"{"Type": "Map"}"#,
            r#"{"Type": "Parallel", "Branches": [], "End": true}"#,
            r#"{"Type": "Choice", "Choices": []}"#,
            r#"{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}"#,
            r#"{"ErrorEquals": ["States.ALL"], "Next": "A"}"#,
            r#"{"Mode": "DISTRIBUTED"}"#,
            r#"{"Not": {"Not": {"Variable": "$.a", "IsPresent": true}}}"#,
            "[]",
            "{}",
            "[1, 2]",
            "null",
            "true",
            "2.5",
        ])
        .prop_map(|s| serde_json::from_str::<Value>(s).expect("json"));
        prop_oneof![3 => strings, 2 => numbers, 2 => structured]
    }

    pub(super) fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "Next",
            "End",
            "Type",
            "QueryLanguage",
            "Parameters",
            "Arguments",
            "Output",
            "InputPath",
            "ResultPath",
            "ResultSelector",
            "TimeoutSeconds",
            "HeartbeatSeconds",
            "TimeoutSecondsPath",
            "Retry",
            "Catch",
            "Default",
            "Seconds",
            "Timestamp",
            "ItemReader",
            "ItemProcessor",
            "Iterator",
            "ItemSelector",
            "Label",
            "MaxConcurrency",
            "ToleratedFailurePercentage",
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            "Error",
            "ErrorPath",
            "x.$",
            "EndpointName",
            "ProcessorConfig",
            "ExecutionType",
            "Assign",
            "Comment",
        ])
        .prop_map(str::to_owned)
    }

    /// The nodes of `v` in pre-order, as JSON pointers.
    fn pointers(v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![(v, String::new())];
        while let Some((node, at)) = stack.pop() {
            match node {
                Value::Object(o) => {
                    for (k, child) in o {
                        stack.push((
                            child,
                            format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                        ));
                    }
                }
                Value::Array(a) => {
                    for (i, child) in a.iter().enumerate() {
                        stack.push((child, format!("{at}/{i}")));
                    }
                }
                _ => {}
            }
            out.push(at);
        }
        out
    }

    /// A corpus file with `edits` applied: each replaces a node, or adds a
    /// member to an object node.
    pub(super) fn mutated(
        file: prop::sample::Index,
        edits: &[(prop::sample::Index, bool, String, Value)],
    ) -> Value {
        let files = corpus();
        let mut doc = files[file.index(files.len())].clone();
        for (at, add, key, value) in edits {
            let all = pointers(&doc);
            let pointer = &all[at.index(all.len())];
            if let Some(node) = doc.pointer_mut(pointer) {
                match node {
                    Value::Object(o) if *add => {
                        o.insert(key.clone(), value.clone());
                    }
                    other => *other = value.clone(),
                }
            }
        }
        doc
    }

    pub(super) fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, bool, String, Value)>>
    {
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<bool>(), key(), tricky()),
            1..5,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn validate_never_panics_on_generated_machines(m in super::machine()) {
            let _ = m.iam_policy(&asl_types::PolicyOptions::new()).to_json();
            let report = validate(&m);
            for issue in report.issues() {
                prop_assert!(issue.pointer.is_empty() || issue.pointer.starts_with('/'));
                prop_assert_eq!(issue.severity, issue.rule.severity());
            }
        }

        #[test]
        fn validate_never_panics_on_arbitrary_json(json in super::literal_json()) {
            if let Ok(m) = StateMachine::from_json_value(&json) {
                let _ = validate(&m).to_string();
            }
        }

        #[test]
        fn jsonata_text_never_panics(text in "[$(){}\\[\\].,'\"a-z0-9 +*/&?:~>|=<!%#@^-]{0,40}") {
            let doc = serde_json::json!({
                "QueryLanguage": "JSONata",
                "StartAt": "A",
                "States": {"A": {"Type": "Pass", "Output": format!("{{%{text}%}}"), "End": true}}
            });
            let m: StateMachine = doc.to_string().parse().expect("reads");
            let _ = validate(&m);
        }

        #[test]
        fn validate_never_panics_on_edited_corpus(
            file in any::<prop::sample::Index>(),
            edits in edits(),
        ) {
            let doc = mutated(file, &edits);
            let text = serde_json::to_string(&doc).expect("serializes");
            if let Ok(m) = text.parse::<StateMachine>() {
                // Policy generation takes any definition, and never grants
                // a `*` action.
                let policy = m.iam_policy(&asl_types::PolicyOptions::new());
                for s in policy.statements() {
                    prop_assert!(s.actions.iter().all(|a| a.contains(':') && !a.contains('*')));
                }
                let report = validate(&m);
                let _ = report.to_string();
                // Pointers name something in the document, or stop at the
                // object that lacks the field.
                for issue in report.issues() {
                    let mut p = issue.pointer.as_str();
                    while doc.pointer(p).is_none() {
                        p = &p[..p.rfind('/').expect("a prefix exists")];
                    }
                }
            }
        }
    }
}
