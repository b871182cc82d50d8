//! `path!`, `ref_path!`, `ctx::` and `intrinsic::` build the very values the
//! parsers give for the same text; Reference Path fields take typed paths,
//! and report a path that is not one with the state and the field.

use asl_builder::intrinsic::{self, Arg};
use asl_builder::types::{Intrinsic, Nullable, Path, ReferencePath, Rule};
use asl_builder::{
    MapSpec, PassSpec, StateMachineBuilder, TaskInput, TaskSpec, WaitSpec, ctx, path, ref_path,
};

fn parsed(text: &str) -> Intrinsic {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn path_macro_equals_runtime_parse() {
    let cases: [(Path, &str); 12] = [
        (path!("$"), "$"),
        (path!("$$"), "$$"),
        (
            path!("$.training.ModelArtifacts.S3ModelArtifacts"),
            "$.training.ModelArtifacts.S3ModelArtifacts",
        ),
        (path!("$$.Execution.Name"), "$$.Execution.Name"),
        (path!("$run.items[0]"), "$run.items[0]"),
        (path!("$.items[*].id"), "$.items[*].id"),
        (path!("$..price"), "$..price"),
        (path!("$.a[?(@.price > 10)]"), "$.a[?(@.price > 10)]"),
        (path!("$.a[1:3]"), "$.a[1:3]"),
        (path!("$['a b']['it\\'s']"), "$['a b']['it\\'s']"),
        (path!("$.[0].x"), "$.[0].x"),
        (path!(" $.é.日本 "), " $.é.日本 "),
    ];
    for (built, text) in cases {
        assert_eq!(built, text.parse::<Path>().unwrap(), "{text}");
        assert_eq!(built.to_string(), text);
    }
    let r: ReferencePath = ref_path!("$.result.items[0]['unit price']");
    assert_eq!(
        r,
        "$.result.items[0]['unit price']"
            .parse::<ReferencePath>()
            .unwrap()
    );
}

#[test]
fn context_helpers_equal_their_paths() {
    for (built, text) in [
        (ctx::execution().name(), "$$.Execution.Name"),
        (ctx::execution().id(), "$$.Execution.Id"),
        (ctx::execution().start_time(), "$$.Execution.StartTime"),
        (ctx::execution().input(), "$$.Execution.Input"),
        (ctx::execution().path(), "$$.Execution"),
        (ctx::state().name(), "$$.State.Name"),
        (ctx::state().retry_count(), "$$.State.RetryCount"),
        (ctx::state_machine().id(), "$$.StateMachine.Id"),
        (ctx::map().item().index(), "$$.Map.Item.Index"),
        (ctx::map().item().value(), "$$.Map.Item.Value"),
        (ctx::task().token(), "$$.Task.Token"),
    ] {
        assert_eq!(built, text.parse::<Path>().unwrap(), "{text}");
    }
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one table row per intrinsic function, formatted by rustfmt"
)]
fn every_intrinsic_equals_the_parsed_call() {
    let items = path!("$.items");
    let cases: Vec<(Intrinsic, &str)> = vec![
        (
            intrinsic::format("train-{}", [ctx::execution().name()]),
            "States.Format('train-{}', $$.Execution.Name)",
        ),
        (
            intrinsic::format("it's {} \\ {}", [Arg::from(path!("$.a")), "x'y".into()]),
            r"States.Format('it\'s {} \\ {}', $.a, 'x\'y')",
        ),
        (
            intrinsic::format("none", Vec::<Arg>::new()),
            "States.Format('none')",
        ),
        (
            intrinsic::string_to_json(path!("$.body")),
            "States.StringToJson($.body)",
        ),
        (
            intrinsic::json_to_string(path!("$.config")),
            "States.JsonToString($.config)",
        ),
        (
            intrinsic::array([
                Arg::from(1),
                (-2).into(),
                true.into(),
                Arg::NULL,
                "{}".into(),
            ]),
            r"States.Array(1, -2, true, null, '\{\}')",
        ),
        (intrinsic::array(Vec::<Arg>::new()), "States.Array()"),
        (
            intrinsic::array_partition(items.clone(), 10),
            "States.ArrayPartition($.items, 10)",
        ),
        (
            intrinsic::array_contains(items.clone(), "x"),
            "States.ArrayContains($.items, 'x')",
        ),
        (
            intrinsic::array_range(1, 9, 2),
            "States.ArrayRange(1, 9, 2)",
        ),
        (
            intrinsic::array_get_item(items.clone(), intrinsic::math_add(1, 1)),
            "States.ArrayGetItem($.items, States.MathAdd(1, 1))",
        ),
        (
            intrinsic::array_length(items.clone()),
            "States.ArrayLength($.items)",
        ),
        (
            intrinsic::array_unique(items),
            "States.ArrayUnique($.items)",
        ),
        (
            intrinsic::base64_encode("hello"),
            "States.Base64Encode('hello')",
        ),
        (
            intrinsic::base64_decode(path!("$.b64")),
            "States.Base64Decode($.b64)",
        ),
        (
            intrinsic::hash(path!("$.data"), "SHA-256"),
            "States.Hash($.data, 'SHA-256')",
        ),
        (
            intrinsic::json_merge(path!("$.a"), path!("$.b")),
            "States.JsonMerge($.a, $.b, false)",
        ),
        (intrinsic::math_random(1, 100), "States.MathRandom(1, 100)"),
        (
            intrinsic::math_random_seeded(1, 100, path!("$.seed")),
            "States.MathRandom(1, 100, $.seed)",
        ),
        (
            intrinsic::math_add(path!("$.n"), -1),
            "States.MathAdd($.n, -1)",
        ),
        (
            intrinsic::string_split(path!("$.csv"), ","),
            "States.StringSplit($.csv, ',')",
        ),
        (intrinsic::uuid(), "States.UUID()"),
    ];
    let mut functions = std::collections::HashSet::new();
    for (built, text) in cases {
        assert_eq!(built, parsed(text), "{text}");
        let (min, max) = built.function().arity().unwrap();
        assert!(
            built.args().len() >= min && max.is_none_or(|m| built.args().len() <= m),
            "{text}"
        );
        functions.insert(built.function().clone());
    }
    assert_eq!(
        functions.len(),
        asl_builder::types::IntrinsicFunction::ALL.len()
    );
}

#[test]
fn string_literals_decode_to_exactly_the_text() {
    for text in ["plain", "it's", "{}", "back\\slash", "{'\\}"] {
        let call = intrinsic::array([text]);
        assert_eq!(call.args()[0].decoded().unwrap(), text);
        assert_eq!(call, parsed(call.as_str()));
    }
}

#[allow(dead_code)] // read through the typed paths only
#[derive(TaskInput)]
struct Input {
    training: Training,
    items: Vec<String>,
}

#[allow(dead_code)] // read through the typed paths only
#[derive(TaskInput)]
struct Training {
    job_name: String,
}

#[test]
fn typed_paths_fill_reference_path_fields() {
    let mut sm = StateMachineBuilder::new();
    let task = sm.task(
        "Train",
        TaskSpec::new("arn:aws:states:::sns:publish").result_path(Input::path().training()),
    );
    let inner = {
        let mut inner = StateMachineBuilder::new();
        let p = inner.pass("P", PassSpec::new());
        inner.start_at(p).end(p);
        inner
    };
    let map = sm.map(
        "Each",
        MapSpec::inline(inner)
            .items_path(Input::path().items())
            .result_path(Nullable::Null),
    );
    let wait = sm.wait("Wait", WaitSpec::seconds_path(ref_path!("$.delay")));
    sm.start_at(task).next(task, map).next(map, wait).end(wait);
    let json = serde_json::to_value(sm.build().unwrap()).unwrap();
    assert_eq!(json["States"]["Train"]["ResultPath"], "$.training");
    assert_eq!(json["States"]["Each"]["ItemsPath"], "$.items");
    assert_eq!(
        json["States"]["Each"]["ResultPath"],
        serde_json::Value::Null
    );
    assert_eq!(json["States"]["Wait"]["SecondsPath"], "$.delay");
}

#[test]
fn a_path_naming_several_nodes_is_reported_with_state_and_field() {
    let mut sm = StateMachineBuilder::new();
    let task = sm.task(
        "Train",
        TaskSpec::new("arn:aws:states:::sns:publish")
            .result_path(path!("$.items[*]"))
            .heartbeat_seconds_path(path!("$..beat")),
    );
    let done = sm.pass("Done", PassSpec::new().result_path(path!("$.ok")));
    sm.start_at(task).next(task, done).end(done);
    sm.catch(
        task,
        asl_builder::Catch::all().result_path(path!("$.errors[0:2]")),
        done,
    );
    let err = sm.build().unwrap_err();
    let found: Vec<(Rule, Option<&str>, &str)> = err
        .issues()
        .iter()
        .map(|i| (i.rule, i.state.as_deref(), i.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Rule::ReferencePathSyntax,
                Some("Train"),
                "/States/Train/ResultPath"
            ),
            (
                Rule::ReferencePathSyntax,
                Some("Train"),
                "/States/Train/HeartbeatSecondsPath"
            ),
            (
                Rule::ReferencePathSyntax,
                Some("Train"),
                "/States/Train/Catch/0/ResultPath"
            ),
        ]
    );
    assert_eq!(
        err.issues()[0].to_string(),
        "Train: /States/Train/ResultPath: `ResultPath`: `$.items[*]` is not a valid path: a Reference Path names a single node: no `*`, `..`, filters, slices or unions [reference-path-syntax]"
    );
}
