//! Coverage: which states and transitions the runs exercised.

use asl_test::{Executor, Mock, Target};
use asl_types::StateMachine;

use crate::support::{TestResult, json};

/// Train (a Lambda function), then evaluate in parallel with a report;
/// deploy or reject by the score; a retried and caught training call.
fn pipeline() -> StateMachine {
    r#"{
      "StartAt": "Train",
      "States": {
        "Train": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "train", "Payload": {"job.$": "$.job"}},
          "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "TrainingFailed"}],
          "ResultPath": "$.training",
          "Next": "Evaluate"
        },
        "Evaluate": {
          "Type": "Parallel",
          "Branches": [
            {"StartAt": "Score", "States": {"Score": {"Type": "Pass", "Result": 0.93, "End": true}}},
            {"StartAt": "Report", "States": {"Report": {"Type": "Pass", "End": true}}}
          ],
          "ResultSelector": {"score.$": "$[0]"},
          "Next": "Good enough?"
        },
        "Good enough?": {
          "Type": "Choice",
          "Choices": [{"Variable": "$.score", "NumericGreaterThanEquals": 0.9, "Next": "Deploy"}],
          "Default": "Reject"
        },
        "Deploy": {"Type": "Succeed"},
        "Reject": {"Type": "Fail", "Error": "LowScore"},
        "TrainingFailed": {"Type": "Fail", "Error": "TrainingFailed"}
      }
    }"#
    .parse()
    .expect("valid definition")
}

#[test]
fn coverage_names_the_branch_never_taken() -> TestResult {
    let machine = pipeline();
    let mut executor = Executor::new(&machine);
    // Throttled once (retried), then trained: the happy path.
    executor.mock(
        "Train",
        Mock::sequence([
            asl_test::Response::Throw(asl_test::Failure::new(
                "Lambda.TooManyRequestsException",
                "Rate exceeded",
            )),
            asl_test::Response::Return(json("{}")),
        ]),
    );
    executor.run(json(r#"{"job": "j"}"#))?;
    // A training job that fails for good: caught.
    executor.mock(
        "Train",
        Mock::throws("SageMaker.ResourceLimitExceeded", "no capacity"),
    );
    executor.run(json(r#"{"job": "j"}"#))?;

    let coverage = executor.coverage();
    let missed: Vec<String> = coverage.missed().map(ToString::to_string).collect();
    assert_eq!(
        missed,
        ["`Good enough?` Default -> `Reject`", "state `Reject`"]
    );
    assert_eq!(coverage.total() - coverage.covered(), 2);
    let report = coverage.to_string();
    assert!(report.contains("  [ ] state `Reject`"), "{report}");
    assert!(
        report.contains("  [x] state `Score` (1)"),
        "nested branches count: {report}"
    );
    assert!(
        report.contains("  [x] `Train` Retry[0] (Lambda.TooManyRequestsException) (1)"),
        "{report}"
    );
    assert!(
        report.contains("  [x] `Train` Catch[0] (States.ALL) -> `TrainingFailed` (1)"),
        "{report}"
    );
    let panic = std::panic::catch_unwind(|| coverage.assert_complete()).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("`Good enough?` Default -> `Reject`"),
        "{message}"
    );
    assert!(message.contains("state `Reject`"), "{message}");

    // The low score covers the rest.
    executor.mock("Train", Mock::returns(json("{}")));
    let low: StateMachine = serde_json::to_string(&machine)?
        .replace("\"Result\":0.93", "\"Result\":0.5")
        .parse()?;
    let mut other = Executor::new(&low);
    other.mock("Train", Mock::returns(json("{}")));
    other.run(json(r#"{"job": "j"}"#))?;
    assert!(other.coverage().targets().any(|(t, n)| n == 1
        && *t
            == Target::State {
                state: "Reject".into()
            }));
    executor.reset_coverage();
    assert_eq!(executor.coverage().covered(), 0);
    Ok(())
}

#[test]
fn coverage_includes_map_iterations_and_nested_executions() -> TestResult {
    let machine: StateMachine = r#"{
      "StartAt": "Each",
      "States": {"Each": {"Type": "Map",
        "ItemProcessor": {"StartAt": "Even?", "States": {
          "Even?": {"Type": "Choice",
                    "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Zero"}],
                    "Default": "Other"},
          "Zero": {"Type": "Pass", "End": true},
          "Other": {"Type": "Pass", "End": true}}},
        "End": true}}
    }"#
    .parse()?;
    let mut executor = Executor::new(&machine);
    executor.run(json("[0, 1, 2]"))?;
    executor.coverage().assert_complete();
    let counts: Vec<u64> = executor.coverage().targets().map(|(_, n)| n).collect();
    // Each, Even?, rule 0, Default, Zero, Other.
    assert_eq!(counts, [1, 3, 1, 2, 1, 2]);
    Ok(())
}
