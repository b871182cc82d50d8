//! Mocked tasks and reproducibility: responses in call order, handlers that
//! see the evaluated `Parameters`, a missing mock, and byte-identical
//! outcomes for identical runs.

use std::cell::RefCell;
use std::rc::Rc;

use asl_test::{Executor, Mock, Response, RunError};
use asl_types::{Json, StateMachine};

use crate::support::{TestResult, json, output, run};

// The mock contract (asl-test's `Mock::Responses`): the Nth call of a
// state gets the Nth response, the last one repeats. Map iterations call
// the Task in item order (each iteration is one call).
#[test]
fn the_nth_call_gets_the_nth_response_and_the_last_repeats() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Each", "States": {"Each": {
          "Type": "Map",
          "ItemProcessor": {"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "End": true}}}"#,
        r#"["a", "b", "c", "d", "e"]"#,
        vec![(
            "T",
            Mock::sequence([
                Response::Return(json("1")),
                Response::Return(json("2")),
                Response::Return(json("3")),
            ]),
        )],
    )?;
    assert_eq!(output(&outcome), json("[1, 2, 3, 3, 3]"));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
// The task receives the Parameters after evaluation ("$"-paths and
// intrinsic functions replaced by their values); a handler mock sees
// exactly that.
#[test]
fn a_handler_sees_the_evaluated_parameters() -> TestResult {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&seen);
    let outcome = run(
        r#"{"StartAt": "T", "States": {"T": {
          "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "f",
                         "Payload": {"who.$": "$.name",
                                     "greeting.$": "States.Format('Hello, {}!', $.name)",
                                     "state.$": "$$.State.Name"}},
          "End": true}}}"#,
        r#"{"name": "Ada"}"#,
        vec![(
            "T",
            Mock::handler(move |call| {
                log.borrow_mut().push(call.input.clone());
                Ok(Json::from(call.state))
            }),
        )],
    )?;
    assert_eq!(output(&outcome), json(r#""T""#));
    assert_eq!(
        *seen.borrow(),
        [json(
            r#"{"FunctionName": "f", "Payload": {"who": "Ada", "greeting": "Hello, Ada!", "state": "T"}}"#
        )]
    );
    Ok(())
}

// The executor's contract (`RunError::NoMock`): a Task without a mock is a
// configuration error of the run, naming the state — not a failed
// execution.
#[test]
fn a_task_without_a_mock_is_a_run_error_naming_the_state() -> TestResult {
    let machine: StateMachine = r#"{"StartAt": "Ok", "States": {
      "Ok": {"Type": "Pass", "Next": "Charge"},
      "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#
        .parse()?;
    let error = Executor::new(&machine)
        .run(json("{}"))
        .expect_err("the run cannot go on without a mock");
    assert!(
        matches!(&error, RunError::NoMock { state, .. } if state == "Charge"),
        "{error:?}"
    );
    assert!(error.to_string().contains("Charge"), "{error}");
    Ok(())
}

// The executor's contract (crate docs): "The same machine, input, mocks
// and seed give the same Outcome, byte for byte" — here with every source
// of randomness: $uuid, $random, a jittered retry, a Map and a Wait.
#[test]
fn the_same_machine_input_mocks_and_seed_give_a_byte_identical_outcome() -> TestResult {
    let machine: StateMachine = r#"{"QueryLanguage": "JSONata", "StartAt": "Ids", "States": {
      "Ids": {"Type": "Pass", "Assign": {"id": "{% $uuid() %}"},
              "Output": "{% {'r': $random(), 'items': $states.input.items} %}", "Next": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 3, "Next": "Each"},
      "Each": {"Type": "Map", "Items": "{% $states.input.items %}",
               "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
                 "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["Flaky"], "JitterStrategy": "FULL", "IntervalSeconds": 4}],
                 "End": true}}},
               "Output": "{% {'results': $states.result, 'id': $id} %}",
               "End": true}
    }}"#
    .parse()?;
    let once = || -> Result<String, Box<dyn std::error::Error>> {
        let mut executor = Executor::new(&machine);
        executor.seed(99).mock(
            "Call",
            Mock::sequence([
                Response::Throw(asl_test::Failure::new("Flaky", "once")),
                Response::Return(json(r#"{"ok": 1}"#)),
            ]),
        );
        let outcome = executor.run(json(r#"{"items": [1, 2, 3]}"#))?;
        assert!(outcome.succeeded(), "{:?}", outcome.cause);
        Ok(serde_json::to_string(&outcome.to_json(true))?)
    };
    assert_eq!(once()?, once()?);
    Ok(())
}

// ----- SageMaker results checked against their shapes; typed mocks; ------
// ----- Step Functions Local's MockConfigFile.json --------------------------

mod sagemaker_results {
    use asl_test::mock::sagemaker;
    use asl_test::{Executor, FieldValidation, Mock, MockConfig, RunError, Status};
    use asl_types::{Json, StateMachine};

    use crate::support::{TestResult, json};

    fn machine(resource: &str, parameters: &str) -> StateMachine {
        format!(
            r#"{{"StartAt": "T", "States": {{"T": {{"Type": "Task", "Resource": "{resource}",
                "Parameters": {parameters},
                "Retry": [{{"ErrorEquals": ["SageMaker.AmazonSageMakerException"], "MaxAttempts": 3}}],
                "End": true}}}}}}"#
        )
        .parse()
        .expect("valid")
    }

    fn run_with(
        machine: &StateMachine,
        mock: Mock,
        mode: FieldValidation,
    ) -> Result<asl_test::Outcome, RunError> {
        let mut executor = Executor::new(machine);
        executor.options().mock_validation = mode;
        executor.mock("T", mock).run(Json::Null)
    }

    // The TestState API (MockInput.fieldValidationMode): STRICT checks that
    // required members are present and present ones conform; PRESENT only
    // the present ones; NONE nothing. CreateEndpoint's response has one
    // required member, `EndpointArn` (a string).
    #[test]
    fn request_response_results_are_checked_in_each_mode() -> TestResult {
        let m = machine(
            "arn:aws:states:::sagemaker:createEndpoint",
            r#"{"EndpointName": "e", "EndpointConfigName": "c"}"#,
        );
        let empty = || Mock::returns(json("{}"));
        let err = run_with(&m, empty(), FieldValidation::Strict).unwrap_err();
        assert_eq!(
            err.to_string(),
            "state `T`: the mocked result is not a valid `CreateEndpointOutput` (mock validation STRICT): /EndpointArn: the required member `EndpointArn` of `CreateEndpointOutput` is missing (expected a string)"
        );
        assert_eq!(
            run_with(&m, empty(), FieldValidation::Present)?.status,
            Status::Succeeded
        );
        let number = || Mock::returns(json(r#"{"EndpointArn": 5}"#));
        for mode in [FieldValidation::Strict, FieldValidation::Present] {
            let err = run_with(&m, number(), mode).unwrap_err();
            assert!(
                err.to_string()
                    .ends_with("/EndpointArn: a number is the wrong type (expected a string)"),
                "{err}"
            );
        }
        assert_eq!(
            run_with(&m, number(), FieldValidation::None)?.status,
            Status::Succeeded
        );
        Ok(())
    }

    // Only the optimized SageMaker integration is checked: an SDK
    // integration (`aws-sdk:sagemaker:…`) and other services are not.
    #[test]
    fn other_integrations_are_not_checked() -> TestResult {
        for resource in [
            "arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob",
            "arn:aws:states:::lambda:invoke",
        ] {
            let m = machine(resource, "{}");
            let outcome = run_with(
                &m,
                Mock::returns(json(r#"{"Anything": 1}"#)),
                FieldValidation::Strict,
            )?;
            assert_eq!(outcome.status, Status::Succeeded, "{resource}");
        }
        Ok(())
    }

    // Thrown errors are not results: never checked.
    #[test]
    fn thrown_errors_are_not_checked() -> TestResult {
        let m = machine(
            "arn:aws:states:::sagemaker:createModel",
            r#"{"ModelName": "m"}"#,
        );
        let outcome = run_with(
            &m,
            Mock::throws("SageMaker.ResourceLimitExceededException", "quota"),
            FieldValidation::Strict,
        )?;
        assert_eq!(
            outcome.error.as_deref(),
            Some("SageMaker.ResourceLimitExceededException")
        );
        Ok(())
    }

    #[test]
    fn typed_tuning_and_labeling_jobs_fail_and_stop() -> TestResult {
        let tuning = machine(
            "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
            r#"{"HyperParameterTuningJobName": "Tune-1",
                "HyperParameterTuningJobConfig": {"Strategy": "Bayesian",
                  "ResourceLimits": {"MaxParallelTrainingJobs": 2}}}"#,
        );
        let done = run_with(
            &tuning,
            sagemaker::tuning_completed(|job| job),
            FieldValidation::Strict,
        )?;
        let out = done.output.unwrap();
        assert_eq!(
            out.get("HyperParameterTuningJobArn"),
            Some(&Json::from(
                "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/tune-1"
            ))
        );
        assert_eq!(
            out.pointer("/HyperParameterTuningJobConfig/Strategy"),
            Some(&Json::from("Bayesian"))
        );
        assert_eq!(out.get("TrainingJobStatusCounters"), Some(&json("{}")));
        let failed = run_with(
            &tuning,
            sagemaker::tuning_failed("No training job succeeded"),
            FieldValidation::Strict,
        )?;
        assert_eq!(failed.error.as_deref(), Some("States.TaskFailed"));
        let cause: Json = failed.cause.unwrap().parse()?;
        assert_eq!(
            cause.get("HyperParameterTuningJobStatus"),
            Some(&Json::from("Failed"))
        );
        assert_eq!(
            cause.get("FailureReason"),
            Some(&Json::from("No training job succeeded"))
        );

        let labeling = machine(
            "arn:aws:states:::sagemaker:createLabelingJob.sync",
            r#"{"LabelingJobName": "l", "LabelAttributeName": "label",
                "InputConfig": {"DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://b/m.json"}}},
                "OutputConfig": {"S3OutputPath": "s3://b/out"},
                "RoleArn": "arn:aws:iam::123456789012:role/r",
                "HumanTaskConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/t",
                  "UiConfig": {"UiTemplateS3Uri": "s3://b/t.html"}, "TaskTitle": "t", "TaskDescription": "d",
                  "NumberOfHumanWorkersPerDataObject": 1, "TaskTimeLimitInSeconds": 300}}"#,
        );
        let done = run_with(
            &labeling,
            sagemaker::labeling_completed(|job| job),
            FieldValidation::Strict,
        )?;
        assert_eq!(done.status, Status::Succeeded);
        let stopped = run_with(
            &labeling,
            sagemaker::labeling_stopped(),
            FieldValidation::Strict,
        )?;
        let cause: Json = stopped.cause.unwrap().parse()?;
        assert_eq!(cause.get("LabelingJobStatus"), Some(&Json::from("Stopped")));
        assert_eq!(cause.get("FailureReason"), None);
        Ok(())
    }

    // A typed mock needs what names the job; a request without it is a
    // configuration error, not a silent pass.
    #[test]
    fn typed_mocks_need_the_job_name() {
        let m = machine(
            "arn:aws:states:::sagemaker:createTrainingJob.sync",
            r#"{"RoleArn": "r"}"#,
        );
        let err = run_with(
            &m,
            sagemaker::training_completed(|job| job),
            FieldValidation::Strict,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mocks: state `T`: the typed SageMaker mock needs the request's `TrainingJobName` (a string) to name the result"
        );
    }

    // MockConfigFile.json's ranges: "0", "1-2", "3"; the retrier retries
    // three times, the fourth call returns.
    #[test]
    fn mock_config_ranges_drive_retry_then_success() -> TestResult {
        let m = machine(
            "arn:aws:states:::sagemaker:createModel",
            r#"{"ModelName": "m"}"#,
        );
        let config = MockConfig::from_json_text(
            r#"{"StateMachines": {"Deploy": {"TestCases": {
                   "RetryPath": {"T": "CreateModelRetries"},
                   "TooFew": {"T": "Throttled"},
                   "Typo": {"Tt": "Throttled"}}}},
                "MockedResponses": {
                   "CreateModelRetries": {
                     "0": {"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded"}},
                     "1-2": {"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded again"}},
                     "3": {"Return": {"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/m"}}},
                   "Throttled": {
                     "0-1": {"Throw": {"Error": "SageMaker.AmazonSageMakerException", "Cause": "Rate exceeded"}}}}}"#,
        )?;
        let mut executor = Executor::new(&m);
        executor.mocks(config.mocks_for(&m, None, "RetryPath")?);
        let outcome = executor.run(Json::Null)?;
        assert_eq!(outcome.status, Status::Succeeded);
        assert_eq!(
            outcome.output,
            Some(json(
                r#"{"ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/m"}"#
            ))
        );
        let scheduled = outcome
            .history
            .iter()
            .filter(|e| e.kind == "TaskScheduled")
            .count();
        assert_eq!(scheduled, 4);
        // Runs again from invocation 0: each run counts its own calls.
        assert_eq!(executor.run(Json::Null)?.status, Status::Succeeded);

        // Two responses for four calls: an error at the third.
        executor.mocks(config.mocks_for(&m, Some("Deploy"), "TooFew")?);
        let err = executor.run(Json::Null).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mocks: state `T`: the mocked response `Throttled` has no response for invocation 2 (its ranges end at 1); Step Functions Local needs one for every invocation"
        );
        let err = config.mocks_for(&m, None, "Typo").unwrap_err();
        assert_eq!(
            err.to_string(),
            "mocks: MockConfigFile /StateMachines/Deploy/TestCases/Typo/Tt: the state machine has no state `Tt`"
        );
        Ok(())
    }
}
