//! Parallel and inline Map states: output arrays in branch and item order,
//! `ItemsPath`, `ItemSelector` with the `$$.Map.Item` context, and failure
//! of the whole state when one branch or iteration fails, as the AWS Step
//! Functions Developer Guide describes them.

use asl_test::{Failure, Mock, Status};

use crate::support::{TestResult, json, output, run};

// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// "The output of a Parallel state is an array containing the outputs of
// each branch, in the same order as the branches appear" — each branch gets
// the Parallel state's input.
#[test]
fn parallel_output_is_an_array_of_the_branch_outputs_in_branch_order() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Both", "States": {"Both": {
          "Type": "Parallel",
          "Branches": [
            {"StartAt": "Slow", "States": {
              "Slow": {"Type": "Wait", "Seconds": 60, "Next": "First"},
              "First": {"Type": "Pass", "Result": "first", "End": true}}},
            {"StartAt": "Second", "States": {
              "Second": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}
          ],
          "End": true
        }}}"#,
        r#"{"n": 1}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"["first", {"n": 1}]"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// "If any branch fails, because of an unhandled error or by transitioning
// to a Fail state, the entire Parallel state is considered to have failed
// and all its branches are stopped. If the error is not handled by the
// Parallel state itself, Step Functions stops the execution with an error."
#[test]
fn a_failing_branch_fails_the_parallel_state_with_its_error() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Both", "States": {"Both": {
          "Type": "Parallel",
          "Branches": [
            {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
            {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "BranchBoom", "Cause": "c"}}}
          ],
          "Next": "After"
        }, "After": {"Type": "Succeed"}}}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("BranchBoom"));
    assert_eq!(outcome.cause.as_deref(), Some("c"));
    assert!(!outcome.path.contains(&"After".to_owned()));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// ("Error handling": a Parallel state's Catch handles a branch's error) and
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// (catchers are available for Task, Parallel and Map states).
#[test]
fn a_branch_failure_can_be_caught_on_the_parallel_state() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Both", "States": {
          "Both": {
            "Type": "Parallel",
            "Branches": [
              {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
              {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "BranchBoom", "Cause": "c"}}}
            ],
            "Catch": [{"ErrorEquals": ["BranchBoom"], "ResultPath": "$.err", "Next": "Handler"}],
            "End": true
          },
          "Handler": {"Type": "Pass", "End": true}
        }}"#,
        r#"{"orig": 1}"#,
        vec![],
    )?;
    assert_eq!(outcome.path.last().map(String::as_str), Some("Handler"));
    assert_eq!(
        output(&outcome),
        json(r#"{"orig": 1, "err": {"Error": "BranchBoom", "Cause": "c"}}"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// ItemsPath selects the array in the input; the Map state's result is an
// array of the iterations' outputs in the order of the items.
#[test]
fn map_items_path_selects_the_array_and_results_keep_item_order() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Each", "States": {"Each": {
          "Type": "Map",
          "ItemsPath": "$.detail.items",
          "ItemProcessor": {"StartAt": "Times10", "States": {"Times10": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true
        }}}"#,
        r#"{"detail": {"items": [3, 1, 2]}}"#,
        vec![(
            "Times10",
            Mock::handler(|call| {
                let n = match call.input {
                    asl_types::Json::Number(n) => n.as_i64().unwrap_or_default(),
                    _ => 0,
                };
                Ok(json(&format!(r#"{{"x": {}}}"#, n * 10)))
            }),
        )],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"[{"x": 30}, {"x": 10}, {"x": 20}]"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html
// ItemSelector example: "parcel.$": "$$.Map.Item.Value" and "courier.$":
// "$.delivery-partner" ($ is the Map state's input), and
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
// ("$$.Map.Item.Index" is the index of the current item).
#[test]
fn item_selector_reads_the_map_item_index_and_value_and_the_state_input() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Ship", "States": {"Ship": {
          "Type": "Map",
          "ItemsPath": "$.shipped",
          "ItemSelector": {
            "index.$": "$$.Map.Item.Index",
            "parcel.$": "$$.Map.Item.Value",
            "courier.$": "$.delivery-partner"
          },
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
          "End": true
        }}}"#,
        r#"{"delivery-partner": "UQS",
            "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344},
                        {"prod": "S39", "dest-code": 9511, "quantity": 40}]}"#,
        vec![],
    )?;
    assert_eq!(
        output(&outcome),
        json(
            r#"[{"index": 0, "parcel": {"prod": "R31", "dest-code": 9511, "quantity": 1344}, "courier": "UQS"},
                {"index": 1, "parcel": {"prod": "S39", "dest-code": 9511, "quantity": 40}, "courier": "UQS"}]"#
        )
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// "If any iteration fails, the entire Map state fails" (unless handled).
#[test]
fn a_failing_iteration_fails_the_map_state() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Each", "States": {
          "Each": {
            "Type": "Map",
            "ItemProcessor": {"StartAt": "Work", "States": {"Work": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
            "Next": "After"
          },
          "After": {"Type": "Succeed"}
        }}"#,
        "[1, 2, 3]",
        vec![(
            "Work",
            Mock::handler(|call| {
                if call.input == &json("2") {
                    Err(Failure::new("ItemBroken", "item 2"))
                } else {
                    Ok(call.input.clone())
                }
            }),
        )],
    )?;
    assert_eq!(outcome.status, Status::Failed);
    assert_eq!(outcome.error.as_deref(), Some("ItemBroken"));
    assert!(!outcome.path.contains(&"After".to_owned()));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// MaxConcurrency limits how many iterations run at once; it does not change
// the result ("the output array is in the same order as the input").
#[test]
fn max_concurrency_does_not_change_the_result() -> TestResult {
    for limit in [0, 1, 2] {
        let outcome = run(
            &format!(
                r#"{{"StartAt": "Each", "States": {{"Each": {{
                  "Type": "Map", "MaxConcurrency": {limit},
                  "ItemProcessor": {{"StartAt": "Wrap", "States": {{"Wrap": {{
                    "Type": "Pass", "Parameters": {{"v.$": "$"}}, "End": true}}}}}},
                  "End": true
                }}}}}}"#
            ),
            r#"["a", "b", "c"]"#,
            vec![],
        )?;
        assert_eq!(
            output(&outcome),
            json(r#"[{"v": "a"}, {"v": "b"}, {"v": "c"}]"#),
            "MaxConcurrency {limit}"
        );
    }
    Ok(())
}
