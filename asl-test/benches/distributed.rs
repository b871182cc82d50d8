//! A distributed Map over 10,000 items: a CSV read from a mocked S3 object
//! (`ItemReader`, `CSVHeaderLocation` `FIRST_ROW`), each row a child
//! execution whose Task is answered by a mock and whose Choice routes it;
//! one row in a thousand fails, within `ToleratedFailurePercentage`.
//!
//! - `distributed/10k-items`: the run, history off;
//! - `distributed/10k-items-batched`: the same items in batches of 100
//!   (`ItemBatcher`), one child per batch.
//!
//! `cargo bench -p asl-test --bench distributed`; the figures are in
//! `target/criterion/distributed/*/new/estimates.json`.

use std::fmt::Write as _;
use std::hint::black_box;

use asl_test::{Executor, Failure, Mock};
use asl_types::{Json, StateMachine};
use criterion::{Criterion, criterion_group, criterion_main};

const ITEMS: usize = 10_000;

fn machine(batcher: &str) -> StateMachine {
    format!(
        r#"{{
  "StartAt": "Score rows",
  "States": {{
    "Score rows": {{
      "Type": "Map",
      "ItemReader": {{
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}},
        "Parameters": {{"Bucket": "data", "Key": "rows.csv"}}
      }},
      {batcher}
      "ItemProcessor": {{
        "ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}},
        "StartAt": "Score",
        "States": {{
          "Score": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {{"FunctionName": "score", "Payload.$": "$"}},
                    "OutputPath": "$.Payload", "Next": "Keep?"}},
          "Keep?": {{"Type": "Choice",
                     "Choices": [{{"Variable": "$.keep", "BooleanEquals": true, "Next": "Kept"}}],
                     "Default": "Dropped"}},
          "Kept": {{"Type": "Pass", "End": true}},
          "Dropped": {{"Type": "Pass", "Result": null, "End": true}}
        }}
      }},
      "ToleratedFailurePercentage": 1,
      "End": true
    }}
  }}
}}"#
    )
    .parse()
    .expect("valid definition")
}

fn rows() -> String {
    let mut csv = String::from("id,user,score\n");
    for i in 0..ITEMS {
        let _ = writeln!(csv, "{i},user-{i},{}", i % 100);
    }
    csv
}

fn score() -> Mock {
    Mock::handler(|call| {
        let payload = call.input.get("Payload");
        let id = payload
            .and_then(|p| p.get("id").and_then(Json::as_str))
            .or_else(|| {
                payload
                    .and_then(|p| p.pointer("/Items/0/id"))
                    .and_then(Json::as_str)
            })
            .unwrap_or("0");
        if id.ends_with("999") {
            return Err(Failure::new("Lambda.Unknown", "bad row"));
        }
        Ok(format!(r#"{{"Payload": {{"id": "{id}", "keep": true}}}}"#)
            .parse()
            .expect("json"))
    })
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("distributed");
    group.sample_size(10);
    for (name, batcher, children) in [
        ("10k-items", "", ITEMS - ITEMS / 1000),
        (
            "10k-items-batched",
            r#""ItemBatcher": {"MaxItemsPerBatch": 100},"#,
            ITEMS / 100,
        ),
    ] {
        let machine = machine(batcher);
        let mut executor = Executor::new(&machine);
        executor.s3().put("data", "rows.csv", rows());
        executor.mock("Score", score());
        executor.options().history = false;
        let input = Json::Object(asl_types::JsonObject::new());
        // The run does what the bench says it does.
        let outcome = executor.run(input.clone()).expect("runs");
        assert!(outcome.succeeded(), "{name}: {outcome:?}");
        match &outcome.output {
            Some(Json::Array(out)) => assert_eq!(out.len(), children, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        group.bench_function(name, |b| {
            b.iter(|| executor.run(black_box(input.clone())).expect("runs"));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
