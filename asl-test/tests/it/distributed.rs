//! Distributed Map: items read from mocked S3 objects, batches, the
//! tolerated failure threshold, the `ResultWriter`.

use asl_test::{Executor, Failure, Mock, Status};
use asl_types::{Json, StateMachine};

use crate::support::{TestResult, json, output};

/// Scores each row of a CSV in S3; a row whose `score` is `bad` fails.
fn csv_machine(tolerance: &str) -> StateMachine {
    format!(
        r#"{{
  "StartAt": "Score",
  "States": {{
    "Score": {{
      "Type": "Map",
      "ItemReader": {{
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}},
        "Parameters": {{"Bucket.$": "$.bucket", "Key": "ratings.csv"}}
      }},
      "ItemProcessor": {{
        "ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
        "StartAt": "Rate",
        "States": {{"Rate": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "OutputPath": "$.Payload", "End": true}}}}
      }},
      {tolerance}
      "End": true
    }}
  }}
}}"#
    )
    .parse()
    .expect("valid definition")
}

const RATINGS: &str = "user,score\nana,5\nbo,bad\ncy,3\ndee,4\n";

fn rate() -> Mock {
    Mock::handler(|call| {
        let score = call.input.pointer("/score").and_then(Json::as_str);
        match score {
            Some("bad") => Err(Failure::new("Lambda.Unknown", "not a number")),
            Some(s) => Ok(json(&format!(r#"{{"Payload": {{"rated": {s}}}}}"#))),
            None => Err(Failure::new("Lambda.Unknown", "no score")),
        }
    })
}

fn run_csv(tolerance: &str) -> Result<asl_test::Outcome, Box<dyn std::error::Error>> {
    let machine = csv_machine(tolerance);
    let mut executor = Executor::new(&machine);
    executor.s3().put("data", "ratings.csv", RATINGS);
    executor.mock("Rate", rate());
    Ok(executor.run(json(r#"{"bucket": "data"}"#))?)
}

#[test]
fn csv_rows_are_items_of_strings_and_one_failure_within_the_threshold_is_tolerated() -> TestResult {
    let run = run_csv(r#""ToleratedFailureCount": 1,"#)?;
    // The failed row adds no result; the others stay in row order.
    assert_eq!(
        output(&run),
        json(r#"[{"rated": 5}, {"rated": 3}, {"rated": 4}]"#)
    );
    assert_eq!(run.path, ["Score", "Rate", "Rate", "Rate", "Rate"]);
    let run = run_csv(r#""ToleratedFailurePercentage": 25,"#)?;
    assert_eq!(run.status, Status::Succeeded, "1 of 4 is 25 %: not over");
    Ok(())
}

#[test]
fn one_failure_over_the_threshold_fails_the_map() -> TestResult {
    for tolerance in [
        "",
        r#""ToleratedFailureCount": 0,"#,
        r#""ToleratedFailurePercentage": 20,"#,
    ] {
        let run = run_csv(tolerance)?;
        assert_eq!(run.status, Status::Failed, "{tolerance}");
        assert_eq!(
            run.error.as_deref(),
            Some("States.ExceedToleratedFailureThreshold")
        );
        assert_eq!(
            run.cause.as_deref(),
            Some("The specified tolerated failure threshold was exceeded")
        );
    }
    Ok(())
}

#[test]
fn a_distributed_map_records_its_map_run_not_its_children() -> TestResult {
    let run = run_csv(r#""ToleratedFailureCount": 1,"#)?;
    assert_eq!(
        run.event_types(),
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapRunStarted",
            "MapRunSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    Ok(())
}

#[test]
fn csv_headers_given_delimiters_and_max_items() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Rows",
      "States": {"Rows": {
        "Type": "Map",
        "ItemReader": {
          "Resource": "arn:aws:states:::s3:getObject",
          "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                           "CSVHeaders": ["id", "name"], "CSVDelimiter": "PIPE", "MaxItems": 2},
          "Parameters": {"Bucket": "b", "Key": "rows.psv"}
        },
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
        "End": true}}
    }"#
    .parse()?;
    let mut executor = Executor::new(&machine);
    executor
        .s3()
        .put("b", "rows.psv", "1|\"Ana | Bo\"\n2|Cy\n3|Dee\n");
    let run = executor.run(json("{}"))?;
    assert_eq!(
        output(&run),
        json(r#"[{"id": "1", "name": "Ana | Bo"}, {"id": "2", "name": "Cy"}]"#)
    );
    Ok(())
}

fn reader_machine(reader: &str, processor_state: &str) -> StateMachine {
    format!(
        r#"{{"StartAt": "M", "States": {{"M": {{
          "Type": "Map",
          "ItemReader": {reader},
          "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                            "StartAt": "P", "States": {{"P": {processor_state}}}}},
          "End": true}}}}}}"#
    )
    .parse()
    .expect("valid definition")
}

#[test]
fn json_and_json_lines_objects() -> TestResult {
    let pass = r#"{"Type": "Pass", "End": true}"#;
    for (input_type, body) in [
        ("JSON", r#"[{"a": 1}, {"a": 2}]"#),
        ("JSONL", "{\"a\": 1}\n\n{\"a\": 2}\n"),
    ] {
        let machine = reader_machine(
            &format!(
                r#"{{"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {{"InputType": "{input_type}"}},
                    "Parameters": {{"Bucket": "b", "Key": "k"}}}}"#
            ),
            pass,
        );
        let mut executor = Executor::new(&machine);
        executor.s3().put("b", "k", body);
        let run = executor.run(json("{}"))?;
        assert_eq!(
            output(&run),
            json(r#"[{"a": 1}, {"a": 2}]"#),
            "{input_type}"
        );
    }
    // Not an array: the reader fails.
    let machine = reader_machine(
        r#"{"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": "b", "Key": "k"}}"#,
        pass,
    );
    let mut executor = Executor::new(&machine);
    executor.s3().put("b", "k", r#"{"a": 1}"#);
    let run = executor.run(json("{}"))?;
    assert_eq!(run.error.as_deref(), Some("States.ItemReaderFailed"));
    // A missing object too, naming it.
    executor.s3().put("b", "other", "[]");
    let mut executor = Executor::new(&machine);
    let run = executor.run(json("{}"))?;
    assert_eq!(run.error.as_deref(), Some("States.ItemReaderFailed"));
    assert!(run.cause.unwrap().contains("s3://b/k"));
    Ok(())
}

#[test]
fn list_objects_v2_items_describe_each_object() -> TestResult {
    let machine = reader_machine(
        r#"{"Resource": "arn:aws:states:::s3:listObjectsV2",
            "Parameters": {"Bucket": "images", "Prefix": "raw/"}}"#,
        r#"{"Type": "Pass", "Parameters": {"key.$": "$.Key", "size.$": "$.Size", "etag.$": "$.Etag",
            "class.$": "$.StorageClass", "modified.$": "$.LastModified"}, "End": true}"#,
    );
    let mut executor = Executor::new(&machine);
    executor
        .s3()
        .put("images", "raw/b.jpg", "bb")
        .put("images", "raw/a.jpg", "a")
        .put("images", "done/c.jpg", "c");
    let run = executor.run(json("{}"))?;
    // MD5("a") and MD5("bb"); LastModified is the execution's start, in
    // epoch seconds (2024-01-01T00:00:00Z).
    assert_eq!(
        output(&run),
        json(
            r#"[{"key": "raw/a.jpg", "size": 1, "etag": "\"0cc175b9c0f1b6a831c399e269772661\"",
                 "class": "STANDARD", "modified": 1704067200},
                {"key": "raw/b.jpg", "size": 2, "etag": "\"21ad0bd836b90d08f4cf640b4c298e7c\"",
                 "class": "STANDARD", "modified": 1704067200}]"#
        )
    );
    Ok(())
}

#[test]
fn an_s3_inventory_manifest_lists_its_csv_files() -> TestResult {
    let machine = reader_machine(
        r#"{"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "MANIFEST"},
            "Parameters": {"Bucket": "inv", "Key": "daily/manifest.json"}}"#,
        r#"{"Type": "Pass", "End": true}"#,
    );
    let mut executor = Executor::new(&machine);
    executor
        .s3()
        .put(
            "inv",
            "daily/manifest.json",
            r#"{"sourceBucket": "src", "destinationBucket": "arn:aws:s3:::inv",
                "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size",
                "files": [{"key": "daily/data/1.csv.gz"}, {"key": "daily/data/2.csv.gz"}]}"#,
        )
        .put("inv", "daily/data/1.csv.gz", "\"src\",\"a.csv\",\"10\"\n")
        .put("inv", "daily/data/2.csv.gz", "\"src\",\"b.csv\",\"20\"\n");
    let run = executor.run(json("{}"))?;
    assert_eq!(
        output(&run),
        json(
            r#"[{"Bucket": "src", "Key": "a.csv", "Size": "10"},
                {"Bucket": "src", "Key": "b.csv", "Size": "20"}]"#
        )
    );
    Ok(())
}

#[test]
fn item_batcher_groups_selected_items_with_the_batch_input() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Batches",
      "States": {"Batches": {
        "Type": "Map",
        "ItemsPath": "$.ids",
        "ItemSelector": {"id.$": "$$.Map.Item.Value", "at.$": "$$.Map.Item.Index"},
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
        "End": true}}
    }"#
    .parse()?;
    let run = Executor::new(&machine).run(json(r#"{"run": "r1", "ids": ["a", "b", "c"]}"#))?;
    assert_eq!(
        output(&run),
        json(
            r#"[{"BatchInput": {"run": "r1"}, "Items": [{"id": "a", "at": 0}, {"id": "b", "at": 1}]},
                {"BatchInput": {"run": "r1"}, "Items": [{"id": "c", "at": 2}]}]"#
        )
    );
    // By size: `{"Items":["a","b"]}` is 19 bytes, with "c" 23.
    let machine: StateMachine = r#"{
      "StartAt": "Batches",
      "States": {"Batches": {
        "Type": "Map",
        "ItemBatcher": {"MaxInputBytesPerBatch": 20},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Count", "States": {"Count": {"Type": "Pass",
                            "Parameters": {"n.$": "States.ArrayLength($.Items)"}, "End": true}}},
        "End": true}}
    }"#
    .parse()?;
    let run = Executor::new(&machine).run(json(r#"["a", "b", "c", "d", "e"]"#))?;
    assert_eq!(output(&run), json(r#"[{"n": 2}, {"n": 2}, {"n": 1}]"#));
    Ok(())
}

#[test]
fn result_writer_writes_the_children_to_s3_and_returns_where() -> TestResult {
    let machine = csv_machine(
        r#""ToleratedFailureCount": 1,
           "Label": "scores",
           "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                            "Parameters": {"Bucket": "out", "Prefix": "runs"}},"#,
    );
    let mut executor = Executor::new(&machine);
    executor.s3().put("data", "ratings.csv", RATINGS);
    executor.mock("Rate", rate());
    let run = executor.run(json(r#"{"bucket": "data"}"#))?;
    let out = output(&run);
    let arn = out
        .get("MapRunArn")
        .and_then(Json::as_str)
        .unwrap()
        .to_owned();
    assert!(
        arn.starts_with("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/scores:"),
        "{arn}"
    );
    let id = arn.rsplit(':').next().unwrap();
    let key = format!("runs/{id}/manifest.json");
    assert_eq!(
        out.get("ResultWriterDetails"),
        Some(&json(&format!(r#"{{"Bucket": "out", "Key": "{key}"}}"#)))
    );
    let manifest: Json = executor.s3().get("out", &key).unwrap().parse()?;
    let succeeded_key = format!("runs/{id}/SUCCEEDED_0.json");
    assert_eq!(
        manifest.pointer("/ResultFiles/SUCCEEDED/0/Key"),
        Some(&Json::from(succeeded_key.as_str()))
    );
    let succeeded: Json = executor.s3().get("out", &succeeded_key).unwrap().parse()?;
    let Json::Array(children) = &succeeded else {
        panic!("not an array: {succeeded:?}")
    };
    assert_eq!(children.len(), 3);
    assert_eq!(children[0].get("Status"), Some(&Json::from("SUCCEEDED")));
    let child_arn = children[0]
        .get("ExecutionArn")
        .and_then(Json::as_str)
        .unwrap();
    assert!(
        child_arn
            .starts_with("arn:aws:states:us-east-1:123456789012:execution:StateMachine/scores:"),
        "a STANDARD child: {child_arn}"
    );
    assert_eq!(
        children[0].get("Output"),
        Some(&Json::from(r#"{"rated":5}"#))
    );
    assert_eq!(
        children[0].get("Input"),
        Some(&Json::from(r#"{"user":"ana","score":"5"}"#))
    );
    let failed: Json = executor
        .s3()
        .get("out", &format!("runs/{id}/FAILED_0.json"))
        .unwrap()
        .parse()?;
    assert_eq!(
        failed.pointer("/0/Error"),
        Some(&Json::from("Lambda.Unknown"))
    );
    assert_eq!(failed.pointer("/0/Status"), Some(&Json::from("FAILED")));
    Ok(())
}

#[test]
fn result_writer_without_a_resource_transforms_the_output() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "M",
      "States": {"M": {
        "Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Pair", "States": {"Pair": {"Type": "Pass",
                            "Parameters": {"pair.$": "States.Array($, $)"}, "OutputPath": "$.pair",
                            "End": true}}},
        "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}},
        "End": true}}
    }"#
    .parse()?;
    let run = Executor::new(&machine).run(json("[1, 2]"))?;
    assert_eq!(output(&run), json("[1, 1, 2, 2]"));
    Ok(())
}

#[test]
fn children_see_their_own_execution_and_no_outer_variables() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Set",
      "States": {
        "Set": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
        "M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Look", "States": {"Look": {"Type": "Pass",
              "Parameters": {"input.$": "$$.Execution.Input"}, "End": true}}},
          "End": true}
      }
    }"#
    .parse()?;
    let run = Executor::new(&machine).run(json(r#"[{"a": 1}]"#))?;
    assert_eq!(output(&run), json(r#"[{"input": {"a": 1}}]"#));
    let machine: StateMachine = r#"{
      "StartAt": "Set",
      "States": {
        "Set": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
        "M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Look", "States": {"Look": {"Type": "Pass",
              "Parameters": {"outer.$": "$outer"}, "End": true}}},
          "ToleratedFailureCount": 1,
          "End": true}
      }
    }"#
    .parse()?;
    // The child cannot read `$outer` (`States.Runtime`): it fails, within
    // the threshold, and adds nothing; inline, the same iteration reads it.
    let run = Executor::new(&machine).run(json("[1]"))?;
    assert_eq!(output(&run), json("[]"));
    let inline: StateMachine = serde_json::to_string(&machine)?
        .replace("DISTRIBUTED", "INLINE")
        .replace(r#","ToleratedFailureCount":1"#, "")
        .parse()?;
    let run = Executor::new(&inline).run(json("[1]"))?;
    assert_eq!(output(&run), json(r#"[{"outer": 1}]"#));
    Ok(())
}

#[test]
fn ten_thousand_items_stay_in_item_order() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "M",
      "States": {"M": {
        "Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSONL"},
                       "Parameters": {"Bucket": "b", "Key": "items.jsonl"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Inc", "States": {"Inc": {"Type": "Pass",
                            "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "End": true}}},
        "End": true}}
    }"#
    .parse()?;
    let body = (0..10_000)
        .map(|n| format!("{{\"n\": {n}}}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut executor = Executor::new(&machine);
    executor.s3().put("b", "items.jsonl", body);
    executor.options().history = false;
    let run = executor.run(json("{}"))?;
    let Some(Json::Array(out)) = &run.output else {
        panic!("{run:?}")
    };
    assert_eq!(out.len(), 10_000);
    for (i, v) in out.iter().enumerate() {
        assert_eq!(v.pointer("/n"), Some(&Json::Number((i + 1).into())));
    }
    Ok(())
}

#[test]
fn a_map_run_over_an_item_reader_starts_with_length_0() -> TestResult {
    // LocalStack's recording of AWS (test_base_scenarios.snapshot.json,
    // test_map_item_reader_csv_max_items_paths): `mapStateStartedEventDetails`
    // is `{"length": 0}` when the items come from an ItemReader.
    let run = run_csv(r#""ToleratedFailureCount": 1,"#)?;
    let started = run
        .history
        .iter()
        .find(|e| e.kind == "MapStateStarted")
        .expect("MapStateStarted");
    assert_eq!(
        started.details,
        Some(("mapStateStartedEventDetails", json(r#"{"length": 0}"#)))
    );
    // From the input, the length is the number of items.
    let machine: StateMachine = r#"{"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}"#
        .parse()?;
    let run = Executor::new(&machine).run(json("[1, 2, 3]"))?;
    let started = run
        .history
        .iter()
        .find(|e| e.kind == "MapStateStarted")
        .unwrap();
    assert_eq!(
        started.details,
        Some(("mapStateStartedEventDetails", json(r#"{"length": 3}"#)))
    );
    Ok(())
}

#[test]
fn transformation_none_returns_each_child_with_its_metadata() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "M",
      "States": {"M": {
        "Type": "Map",
        "Label": "doubles",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "Twice", "States": {"Twice": {"Type": "Pass",
                            "Parameters": {"n.$": "States.MathAdd($, $)"}, "End": true}}},
        "ResultWriter": {"WriterConfig": {"Transformation": "NONE", "OutputType": "JSON"}},
        "End": true}}
    }"#
    .parse()?;
    let run = Executor::new(&machine).run(json("[4]"))?;
    let out = output(&run);
    let child = out.pointer("/0").expect("one child");
    assert_eq!(child.get("Input"), Some(&Json::from("4")));
    assert_eq!(child.get("Output"), Some(&Json::from(r#"{"n":8}"#)));
    assert_eq!(child.get("Status"), Some(&Json::from("SUCCEEDED")));
    let arn = child.get("ExecutionArn").and_then(Json::as_str).unwrap();
    assert!(
        arn.starts_with("arn:aws:states:us-east-1:123456789012:express:StateMachine/doubles:"),
        "an EXPRESS child: {arn}"
    );
    Ok(())
}

#[test]
fn jsonata_reader_arguments_selector_and_batch_input() -> TestResult {
    let machine: StateMachine = r#"{
      "QueryLanguage": "JSONata",
      "StartAt": "M",
      "States": {"M": {
        "Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSONL", "MaxItems": "{% $states.input.max %}"},
                       "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "k.jsonl"}},
        "ItemSelector": {"v": "{% $states.context.Map.Item.Value.n * 10 %}"},
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag": "{% $states.input.tag %}"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "Sum", "States": {"Sum": {"Type": "Pass",
                            "Output": {"sum": "{% $sum($states.input.Items.v) %}", "tag": "{% $states.input.BatchInput.tag %}"},
                            "End": true}}},
        "Output": {"sums": "{% $states.result.sum %}"},
        "End": true}}
    }"#
    .parse()?;
    let mut executor = Executor::new(&machine);
    executor.s3().put(
        "b",
        "k.jsonl",
        "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n{\"n\": 4}\n",
    );
    let run = executor.run(json(r#"{"bucket": "b", "max": 3, "tag": "t"}"#))?;
    assert_eq!(output(&run), json(r#"{"sums": [30, 30]}"#));
    Ok(())
}
