//! Unit tests: each integration family, static and dynamic names, merging
//! and order. Expected statements are written by hand from the AWS pages
//! cited in `src/integrations.tsv`.

use serde_json::{Value, json};

use super::*;
use crate::integrations;

const ACCOUNT_ID: &str = "123456789012";

fn known() -> PolicyOptions {
    PolicyOptions::new()
        .partition("aws")
        .region("us-east-1")
        .account(ACCOUNT_ID)
}

fn machine(states: &Value) -> StateMachine {
    let first = states.as_object().unwrap().keys().next().unwrap().clone();
    let text = json!({"StartAt": first, "States": states}).to_string();
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// One Task state, `End: true`.
fn task(resource: &str, payload_key: &str, payload: &Value) -> StateMachine {
    let mut state = json!({"Type": "Task", "Resource": resource, "End": true});
    if payload_key == "Arguments" {
        state["QueryLanguage"] = json!("JSONata");
    }
    state[payload_key] = payload.clone();
    machine(&json!({"T": state}))
}

fn statements(policy: &Policy) -> Value {
    policy.to_json()["Statement"].clone()
}

fn policy_of(machine: &StateMachine) -> Policy {
    machine.iam_policy(&known())
}

#[test]
fn training_job_sync_with_static_names_is_the_documented_policy() {
    let m = task(
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "Parameters",
        &json!({"TrainingJobName": "search-model",
                "RoleArn": "arn:aws:iam::123456789012:role/sm"}),
    );
    let policy = policy_of(&m);
    // sagemaker-iam.html, CreateTrainingJob, static resources, .sync
    // (sorted), with `sagemaker:AddTags` on the job (see the table's notes).
    assert_eq!(
        statements(&policy),
        json!([
            {"Effect": "Allow",
             "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"]},
            {"Effect": "Allow", "Action": ["iam:PassRole"],
             "Resource": ["arn:aws:iam::123456789012:role/sm"],
             "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}},
            {"Effect": "Allow",
             "Action": ["sagemaker:AddTags", "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
             "Resource": ["arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model*"]},
            {"Effect": "Allow", "Action": ["sagemaker:ListTags"], "Resource": ["*"]}
        ])
    );
    assert_eq!(policy.to_json()["Version"], "2012-10-17");
    // Only ListTags, on `*` as AWS documents, is wide.
    assert_eq!(policy.warnings().len(), 1, "{:?}", policy.warnings());
    assert_eq!(policy.warnings()[0].actions, "sagemaker:ListTags");
}

#[test]
fn request_response_has_no_monitoring_permissions() {
    let m = task(
        "arn:aws:states:::sagemaker:createTrainingJob",
        "Parameters",
        &json!({"TrainingJobName": "nightly", "RoleArn": "arn:aws:iam::123456789012:role/sm"}),
    );
    let text = statements(&policy_of(&m)).to_string();
    assert!(text.contains("sagemaker:CreateTrainingJob"));
    for absent in [
        "DescribeTrainingJob",
        "StopTrainingJob",
        "AddTags",
        "events:PutRule",
    ] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
}

#[test]
fn dynamic_names_are_star_in_both_query_languages() {
    let path = task(
        "arn:aws:states:::sagemaker:createProcessingJob.sync",
        "Parameters",
        &json!({"ProcessingJobName.$": "$.id", "RoleArn.$": "$.role"}),
    );
    let jsonata = task(
        "arn:aws:states:::sagemaker:createProcessingJob.sync",
        "Arguments",
        &json!({"ProcessingJobName": "{% $states.input.id %}", "RoleArn": "{% $states.input.role %}"}),
    );
    let (a, b) = (policy_of(&path), policy_of(&jsonata));
    assert_eq!(a.to_json(), b.to_json());
    let text = a.to_json().to_string();
    assert!(text.contains("\"arn:aws:sagemaker:us-east-1:123456789012:processing-job/*\""));
    // A role computed at run time: any role of the account.
    assert!(text.contains("\"arn:aws:iam::123456789012:role/*\""));
    let reasons: Vec<&str> = a.warnings().iter().map(|w| w.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("`ProcessingJobName` is computed at run time (`$.id`)"))
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("`RoleArn` is computed at run time"))
    );
    let reasons: Vec<&str> = b.warnings().iter().map(|w| w.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("`{% $states.input.id %}`"))
    );
}

#[test]
fn a_literal_prefix_narrows_a_dynamic_name() {
    let format = task(
        "arn:aws:states:::sagemaker:createTrainingJob",
        "Parameters",
        &json!({"TrainingJobName.$": "States.Format('Train-{}', $$.Execution.Name)"}),
    );
    let concat = task(
        "arn:aws:states:::sagemaker:createTrainingJob",
        "Arguments",
        &json!({"TrainingJobName": "{% 'Train-' & $states.context.Execution.Name %}"}),
    );
    for m in [format, concat] {
        let text = statements(&policy_of(&m)).to_string();
        // Lowercased, as SageMaker's ARNs are.
        assert!(
            text.contains("\"arn:aws:sagemaker:us-east-1:123456789012:training-job/train-*\""),
            "{text}"
        );
    }
}

#[test]
fn sagemaker_names_are_lowercased_in_arns() {
    let m = task(
        "arn:aws:states:::sagemaker:createEndpoint",
        "Parameters",
        &json!({"EndpointName": "Churn-Prod", "EndpointConfigName": "Churn-Config-1"}),
    );
    assert_eq!(
        statements(&policy_of(&m)),
        json!([{"Effect": "Allow", "Action": ["sagemaker:CreateEndpoint"],
                "Resource": ["arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-config-1",
                             "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod"]}])
    );
}

#[test]
fn every_sagemaker_job_sync_has_its_rule() {
    for (action, name_field, rule) in [
        (
            "createTrainingJob",
            "TrainingJobName",
            "rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule",
        ),
        (
            "createTransformJob",
            "TransformJobName",
            "rule/StepFunctionsGetEventsForSageMakerTransformJobsRule",
        ),
        (
            "createProcessingJob",
            "ProcessingJobName",
            "rule/StepFunctionsGetEventsForSageMakerProcessingJobsRule",
        ),
        (
            "createHyperParameterTuningJob",
            "HyperParameterTuningJobName",
            "rule/StepFunctionsGetEventsForSageMakerTuningJobsRule",
        ),
        (
            "createLabelingJob",
            "LabelingJobName",
            "rule/StepFunctionsGetEventsForSageMaker*",
        ),
    ] {
        let m = task(
            &format!("arn:aws:states:::sagemaker:{action}.sync"),
            "Parameters",
            &json!({name_field: "j"}),
        );
        let text = statements(&policy_of(&m)).to_string();
        assert!(
            text.contains(&format!("\"arn:aws:events:us-east-1:123456789012:{rule}\"")),
            "{action}: {text}"
        );
    }
}

#[test]
fn tuning_passes_the_training_definition_role() {
    let m = task(
        "arn:aws:states:::sagemaker:createHyperParameterTuningJob",
        "Parameters",
        &json!({"HyperParameterTuningJobName": "hpo",
                "TrainingJobDefinition": {"RoleArn": "arn:aws:iam::123456789012:role/tune"}}),
    );
    let text = statements(&policy_of(&m)).to_string();
    assert!(
        text.contains("\"arn:aws:iam::123456789012:role/tune\""),
        "{text}"
    );
    assert!(text.contains("hyper-parameter-tuning-job/hpo*"), "{text}");
}

#[test]
fn lambda_function_and_its_versions() {
    for (name, base) in [
        (
            "score",
            "arn:aws:lambda:us-east-1:123456789012:function:score",
        ),
        (
            "arn:aws:lambda:eu-west-1:999999999999:function:score",
            "arn:aws:lambda:eu-west-1:999999999999:function:score",
        ),
        (
            "arn:aws:lambda:eu-west-1:999999999999:function:score:prod",
            "arn:aws:lambda:eu-west-1:999999999999:function:score",
        ),
        (
            "999999999999:function:score",
            "arn:aws:lambda:us-east-1:999999999999:function:score",
        ),
    ] {
        let m = task(
            "arn:aws:states:::lambda:invoke",
            "Parameters",
            &json!({"FunctionName": name}),
        );
        assert_eq!(
            statements(&policy_of(&m)),
            json!([{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
                    "Resource": [base, format!("{base}:*")]}]),
            "{name}"
        );
    }
    let dynamic = task(
        "arn:aws:states:::lambda:invoke",
        "Parameters",
        &json!({"FunctionName.$": "$.fn"}),
    );
    assert_eq!(
        statements(&policy_of(&dynamic)),
        json!([{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
                "Resource": ["arn:aws:lambda:us-east-1:123456789012:function:*"]}])
    );
    // The legacy form: the function's ARN as the resource.
    let legacy = machine(&json!({"L": {"Type": "Task",
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:score", "End": true}}));
    assert_eq!(
        statements(&policy_of(&legacy))[0]["Resource"],
        json!([
            "arn:aws:lambda:us-east-1:123456789012:function:score",
            "arn:aws:lambda:us-east-1:123456789012:function:score:*"
        ])
    );
}

#[test]
fn two_functions_merge_into_one_statement() {
    let m = machine(&json!({
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "function1"}, "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": {"FunctionName": "function2", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}
    }));
    // lambda-iam.html: one statement, both functions.
    assert_eq!(
        statements(&policy_of(&m)),
        json!([{"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": [
            "arn:aws:lambda:us-east-1:123456789012:function:function1",
            "arn:aws:lambda:us-east-1:123456789012:function:function1:*",
            "arn:aws:lambda:us-east-1:123456789012:function:function2",
            "arn:aws:lambda:us-east-1:123456789012:function:function2:*"]}])
    );
}

#[test]
fn sns_sqs_and_dynamodb() {
    let sns = task(
        "arn:aws:states:::sns:publish",
        "Parameters",
        &json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": "x"}),
    );
    assert_eq!(
        statements(&policy_of(&sns))[0]["Resource"],
        json!(["arn:aws:sns:us-east-1:123456789012:alerts"])
    );
    let phone = task(
        "arn:aws:states:::sns:publish",
        "Parameters",
        &json!({"PhoneNumber": "+15555550100", "Message": "x"}),
    );
    assert_eq!(statements(&policy_of(&phone))[0]["Resource"], json!(["*"]));

    let sqs = task(
        "arn:aws:states:::sqs:sendMessage",
        "Parameters",
        &json!({"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs", "MessageBody": "x"}),
    );
    assert_eq!(
        statements(&policy_of(&sqs)),
        json!([{"Effect": "Allow", "Action": ["sqs:SendMessage"],
                "Resource": ["arn:aws:sqs:eu-west-1:123456789012:jobs"]}])
    );
    let dynamic = task(
        "arn:aws:states:::sqs:sendMessage",
        "Parameters",
        &json!({"QueueUrl.$": "$.queue", "MessageBody": "x"}),
    );
    assert_eq!(
        statements(&policy_of(&dynamic))[0]["Resource"],
        json!(["arn:aws:sqs:us-east-1:123456789012:*"])
    );

    let ddb = machine(&json!({
        "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"TableName": "jobs", "Key": {}}, "Next": "Put"},
        "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {"TableName": "jobs", "Item": {}}, "End": true}
    }));
    // dynamo-iam.html: the actions on the table, one statement.
    assert_eq!(
        statements(&policy_of(&ddb)),
        json!([{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/jobs"]}])
    );
}

#[test]
fn ecs_batch_and_glue_sync() {
    let ecs = task(
        "arn:aws:states:::ecs:runTask.sync",
        "Parameters",
        &json!({"TaskDefinition": "etl", "Cluster": "c"}),
    );
    // ecs-iam.html, static, synchronous.
    assert_eq!(
        statements(&policy_of(&ecs)),
        json!([
            {"Effect": "Allow", "Action": ["ecs:DescribeTasks", "ecs:StopTask"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": ["ecs:RunTask"],
             "Resource": ["arn:aws:ecs:us-east-1:123456789012:task-definition/etl:*"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"]}
        ])
    );
    let batch = task(
        "arn:aws:states:::batch:submitJob.sync",
        "Parameters",
        &json!({"JobName": "j", "JobQueue": "q", "JobDefinition": "d"}),
    );
    let p = policy_of(&batch);
    assert_eq!(
        statements(&p),
        json!([
            {"Effect": "Allow", "Action": ["batch:DescribeJobs", "batch:SubmitJob", "batch:TerminateJob"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForBatchJobsRule"]}
        ])
    );
    assert!(
        p.warnings()
            .iter()
            .any(|w| w.reason.contains("batch-iam.html"))
    );
    let glue = task(
        "arn:aws:states:::glue:startJobRun",
        "Parameters",
        &json!({"JobName": "j"}),
    );
    assert_eq!(
        statements(&policy_of(&glue)),
        json!([{"Effect": "Allow", "Action": ["glue:StartJobRun"], "Resource": ["*"]}])
    );
}

#[test]
fn nested_executions() {
    for suffix in [".sync", ".sync:2"] {
        let m = task(
            &format!("arn:aws:states:::states:startExecution{suffix}"),
            "Parameters",
            &json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child"}),
        );
        // stepfunctions-iam.html, synchronous.
        assert_eq!(
            statements(&policy_of(&m)),
            json!([
                {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
                 "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]},
                {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
                 "Resource": ["arn:aws:states:us-east-1:123456789012:execution:child:*"]},
                {"Effect": "Allow", "Action": ["states:StartExecution"],
                 "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:child"]}
            ]),
            "{suffix}"
        );
    }
}

#[test]
fn eventbridge_buses() {
    let m = task(
        "arn:aws:states:::events:putEvents",
        "Parameters",
        &json!({"Entries": [
            {"Source": "s", "DetailType": "d", "Detail": {}},
            {"Source": "s", "DetailType": "d", "Detail": {}, "EventBusName": "orders"}
        ]}),
    );
    assert_eq!(
        statements(&policy_of(&m))[0]["Resource"],
        json!([
            "arn:aws:events:us-east-1:123456789012:event-bus/default",
            "arn:aws:events:us-east-1:123456789012:event-bus/orders"
        ])
    );
}

#[test]
fn http_task_is_authorized_on_the_machine_with_its_endpoint() {
    let m = task(
        "arn:aws:states:::http:invoke",
        "Parameters",
        &json!({
        "ApiEndpoint": "https://api.example.com/v1/orders", "Method": "POST",
        "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/shop/abc"}}),
    );
    let policy = m.iam_policy(&known().state_machine_name("orders"));
    assert_eq!(
        statements(&policy),
        json!([
            {"Effect": "Allow", "Action": ["events:RetrieveConnectionCredentials"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:connection/shop/abc"]},
            {"Effect": "Allow", "Action": ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
             "Resource": ["arn:aws:secretsmanager:*:*:secret:events!connection/*"]},
            {"Effect": "Allow", "Action": ["states:InvokeHTTPEndpoint"],
             "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:orders"],
             "Condition": {"StringEquals": {"states:HTTPMethod": "POST"},
                           "StringLike": {"states:HTTPEndpoint": "https://api.example.com/v1/orders"}}}
        ])
    );
    // A method computed at run time: no method condition, and a warning says so.
    let dynamic = task(
        "arn:aws:states:::http:invoke",
        "Parameters",
        &json!({
        "ApiEndpoint": "https://api.example.com/v1/orders", "Method.$": "$.method",
        "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/shop/abc"}}),
    );
    let p = policy_of(&dynamic);
    assert!(!p.to_json().to_string().contains("states:HTTPMethod"));
    assert!(
        p.warnings()
            .iter()
            .any(|w| w.reason.starts_with("no `states:HTTPMethod` condition"))
    );
}

#[test]
fn sdk_integrations_map_to_iam_actions() {
    let m = machine(&json!({
        "Start": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startExecution",
                  "Parameters": {"StateMachineArn": "x"}, "Next": "List"},
        "List": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                 "Parameters": {"Bucket": "data"}, "Next": "Get"},
        "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                "Parameters": {"Bucket": "data", "Key.$": "$.key"}, "End": true}
    }));
    let policy = policy_of(&m);
    assert_eq!(
        statements(&policy),
        json!([
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::data/*"]},
            {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::data"]},
            {"Effect": "Allow", "Action": ["states:StartExecution"], "Resource": ["*"]}
        ])
    );
    assert!(
        policy
            .warnings()
            .iter()
            .any(|w| w.state == "Start" && w.resource == "*")
    );
    assert!(
        policy
            .warnings()
            .iter()
            .any(|w| w.state == "Get" && w.reason.contains("`Key`"))
    );
}

#[test]
fn distributed_map_children_reader_and_writer() {
    let map = |execution_type: &str| {
        machine(&json!({"M": {"Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                           "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                           "Parameters": {"Bucket": "in", "Key": "items.csv"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": execution_type},
                "StartAt": "Call", "States": {"Call": {"Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "work", "Payload.$": "$"}, "End": true}}},
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                             "Parameters": {"Bucket": "out", "Prefix": "runs/"}},
            "End": true}}))
    };
    let options = known().state_machine_name("batch");
    let standard = map("STANDARD").iam_policy(&options);
    assert_eq!(
        statements(&standard),
        json!([
            {"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": [
                "arn:aws:lambda:us-east-1:123456789012:function:work",
                "arn:aws:lambda:us-east-1:123456789012:function:work:*"]},
            {"Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
             "Resource": ["arn:aws:s3:::out/runs/*"]},
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::in/items.csv"]},
            {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
             "Resource": ["arn:aws:states:us-east-1:123456789012:execution:batch/*"]},
            {"Effect": "Allow", "Action": ["states:StartExecution"],
             "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:batch"]}
        ])
    );
    let express = statements(&map("EXPRESS").iam_policy(&options)).to_string();
    assert!(express.contains("states:StartExecution"));
    assert!(!express.contains("states:DescribeExecution"), "{express}");
    // Without the machine's name: `*`, and a warning.
    let unnamed = map("STANDARD").iam_policy(&known());
    assert!(
        unnamed
            .warnings()
            .iter()
            .any(|w| w.reason.contains("own name is not known"))
    );
}

#[test]
fn nested_parallel_and_inline_map_states_are_included() {
    let m = machine(&json!({"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {
            "StartAt": "Q", "States": {"Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "x"},
                "End": true}}}}}}
    ]}}));
    assert_eq!(
        statements(&policy_of(&m)),
        json!([{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": ["arn:aws:sqs:us-east-1:123456789012:q"]}])
    );
}

#[test]
fn credentials_assume_the_role() {
    let fixed = machine(
        &json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Credentials": {"RoleArn": "arn:aws:iam::999999999999:role/cross"},
        "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:999999999999:function:f"}, "End": true}}),
    );
    let text = statements(&policy_of(&fixed)).to_string();
    assert!(text.contains(r#"{"Action":["sts:AssumeRole"],"Effect":"Allow","Resource":["arn:aws:iam::999999999999:role/cross"]}"#)
        || text.contains(r#""Action":["sts:AssumeRole"],"Resource":["arn:aws:iam::999999999999:role/cross"]"#), "{text}");
    let dynamic = machine(
        &json!({"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Credentials": {"RoleArn.$": "$.role"}, "Parameters": {"FunctionName": "f"}, "End": true}}),
    );
    let policy = policy_of(&dynamic);
    assert!(
        statements(&policy)
            .to_string()
            .contains("\"arn:aws:iam::*:role/*\"")
    );
    assert!(
        policy
            .warnings()
            .iter()
            .any(|w| w.actions == "sts:AssumeRole")
    );
}

#[test]
fn unknown_options_stay_pseudo_parameters_and_cloudformation_wraps_them() {
    let m = task(
        "arn:aws:states:::dynamodb:getItem",
        "Parameters",
        &json!({"TableName": "t", "Key": {}}),
    );
    let policy = m.iam_policy(&PolicyOptions::new());
    assert!(policy.uses_pseudo_parameters());
    assert_eq!(
        statements(&policy)[0]["Resource"],
        json!(["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t"])
    );
    assert_eq!(
        policy.to_cloudformation()["Statement"][0]["Resource"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t"}])
    );
    assert!(!m.iam_policy(&known()).uses_pseudo_parameters());
}

#[test]
fn definition_substitutions_are_kept_for_fn_sub() {
    let m = task(
        "arn:aws:states:::lambda:invoke",
        "Parameters",
        &json!({"FunctionName": "${ScoreArn}"}),
    );
    let policy = policy_of(&m);
    assert_eq!(
        statements(&policy)[0]["Resource"],
        json!(["${ScoreArn}", "${ScoreArn}:*"])
    );
    assert_eq!(
        policy.to_cloudformation()["Statement"][0]["Resource"][0],
        json!({"Fn::Sub": "${ScoreArn}"})
    );
    let resource =
        machine(&json!({"T": {"Type": "Task", "Resource": "${FunctionArn}", "End": true}}));
    let policy = policy_of(&resource);
    assert!(policy.statements().is_empty());
    assert!(policy.warnings()[0].reason.contains("placeholder"));
}

#[test]
fn order_does_not_depend_on_the_definition() {
    let states = [
        (
            "A",
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "b"}}),
        ),
        (
            "B",
            json!({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                     "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q", "MessageBody": "x"}}),
        ),
        (
            "C",
            json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "a"}}),
        ),
    ];
    let build = |order: &[usize]| {
        let mut object = serde_json::Map::new();
        for (i, &k) in order.iter().enumerate() {
            let mut state = states[k].1.clone();
            match order.get(i + 1) {
                Some(&next) => state["Next"] = json!(states[next].0),
                None => state["End"] = json!(true),
            }
            object.insert(states[k].0.to_owned(), state);
        }
        policy_of(&machine(&Value::Object(object)))
            .to_json()
            .to_string()
    };
    let first = build(&[0, 1, 2]);
    assert_eq!(first, build(&[2, 1, 0]));
    assert_eq!(first, build(&[1, 0, 2]));
}

#[test]
fn a_wildcard_covers_the_names_it_matches() {
    let m = machine(&json!({
        "A": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
              "Parameters": {"TrainingJobName": "nightly"}, "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob",
              "Parameters": {"TrainingJobName.$": "$.name"}, "End": true}
    }));
    let text = statements(&policy_of(&m)).to_string();
    assert!(text.contains("training-job/*\""), "{text}");
    assert!(!text.contains("training-job/nightly*"), "{text}");
}

#[test]
fn integrations_without_rows_say_so() {
    let m = task(
        "arn:aws:states:::eks:call",
        "Parameters",
        &json!({"ClusterName": "c", "CertificateAuthority": "ca", "Endpoint": "https://e", "Method": "GET", "Path": "/api"}),
    );
    let policy = policy_of(&m);
    assert!(policy.statements().is_empty());
    assert_eq!(
        policy.warnings()[0].to_string(),
        "T: eks:call: no statement: the integrations table has no IAM rows for this integration yet; add its permissions by hand (see https://docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html)"
    );
}

/// The table's IAM rows name integrations the table lists (or a pseudo
/// service), `sync` rows only integrations that support `.sync`, and every
/// SageMaker integration has rows.
#[test]
fn iam_rows_fit_the_integrations() {
    const PSEUDO: [&str; 4] = ["map", "s3", "credentials", "aws-sdk:s3"];
    for row in integrations::all_iam_rows() {
        let (service, action) = (row.service, row.action);
        assert!(row.source.starts_with("https://"), "{service}:{action}");
        assert!(!row.resources.is_empty(), "{service}:{action}");
        match integrations::lookup(service, action) {
            Some(i) => assert!(
                !row.sync_only || i.supports(IntegrationPattern::Sync),
                "{service}:{action} has `sync` rows but no .sync"
            ),
            None => assert!(
                PSEUDO.contains(&service),
                "{service}:{action} is not in the table"
            ),
        }
    }
    for api in integrations::service("sagemaker") {
        assert!(
            integrations::iam_rows("sagemaker", api.action)
                .next()
                .is_some(),
            "{}",
            api.action
        );
    }
}

#[test]
fn emr_add_step_sync_and_databrew() {
    let emr = task(
        "arn:aws:states:::elasticmapreduce:addStep.sync",
        "Parameters",
        &json!({"ClusterId": "j-ABC123", "Step": {"Name": "s", "HadoopJarStep": {"Jar": "command-runner.jar"}}}),
    );
    // emr-iam.html, addStep, static resources.
    assert_eq!(
        statements(&policy_of(&emr)),
        json!([
            {"Effect": "Allow",
             "Action": ["elasticmapreduce:AddJobFlowSteps", "elasticmapreduce:CancelSteps", "elasticmapreduce:DescribeStep"],
             "Resource": ["arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC123"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule"]}
        ])
    );
    let brew = task(
        "arn:aws:states:::databrew:startJobRun",
        "Parameters",
        &json!({"Name": "clean"}),
    );
    assert_eq!(
        statements(&policy_of(&brew)),
        json!([{"Effect": "Allow", "Action": ["databrew:StartJobRun"],
                "Resource": ["arn:aws:databrew:us-east-1:123456789012:job/clean"]}])
    );
}

#[test]
fn bedrock_invoke_model() {
    let m = task(
        "arn:aws:states:::bedrock:invokeModel",
        "Parameters",
        &json!({"ModelId": "amazon.titan-text-express-v1", "Body": {}}),
    );
    // bedrock-iam.html: a foundation model's ARN has no account.
    assert_eq!(
        statements(&policy_of(&m)),
        json!([{"Effect": "Allow", "Action": ["bedrock:InvokeModel"],
                "Resource": ["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"]}])
    );
    let dynamic = task(
        "arn:aws:states:::bedrock:invokeModel",
        "Parameters",
        &json!({"ModelId.$": "$.model", "Body": {}}),
    );
    assert_eq!(
        statements(&policy_of(&dynamic))[0]["Resource"],
        json!(["arn:aws:bedrock:us-east-1:*"])
    );
}

#[test]
fn mediaconvert_create_job() {
    let m = task(
        "arn:aws:states:::mediaconvert:createJob.sync",
        "Parameters",
        &json!({"Role": "arn:aws:iam::123456789012:role/mc", "Settings": {}}),
    );
    let policy = policy_of(&m);
    // mediaconvert-iam.html, Run a Job (.sync): `*` for MediaConvert's
    // actions (partial resource-level support), the rule, and PassRole (on
    // the request's role; see the table's notes).
    assert_eq!(
        statements(&policy),
        json!([
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForMediaConvertJobRule"]},
            {"Effect": "Allow", "Action": ["iam:PassRole"],
             "Resource": ["arn:aws:iam::123456789012:role/mc"]},
            {"Effect": "Allow",
             "Action": ["mediaconvert:CancelJob", "mediaconvert:CreateJob", "mediaconvert:GetJob"],
             "Resource": ["*"]}
        ])
    );
    // Wide only where AWS documents `*`: MediaConvert's actions (one
    // warning per row), not the known role.
    assert_eq!(policy.warnings().len(), 2, "{:?}", policy.warnings());
    assert!(
        policy
            .warnings()
            .iter()
            .all(|w| w.actions.starts_with("mediaconvert:") && w.resource == "*"),
        "{:?}",
        policy.warnings()
    );
    // Request Response: CreateJob and PassRole only.
    let m = task(
        "arn:aws:states:::mediaconvert:createJob",
        "Parameters",
        &json!({"Role.$": "$.role", "Settings": {}}),
    );
    assert_eq!(
        statements(&policy_of(&m)),
        // A role computed at run time: `*`, as the page has it, so the two
        // statements merge.
        json!([{"Effect": "Allow", "Action": ["iam:PassRole", "mediaconvert:CreateJob"], "Resource": ["*"]}])
    );
}

#[test]
fn emr_on_eks_virtual_clusters_and_job_runs() {
    // emr-eks-iam.html, StartJobRun, static resources, Run a Job (.sync).
    let run = task(
        "arn:aws:states:::emr-containers:startJobRun.sync",
        "Parameters",
        &json!({"VirtualClusterId": "vc0123", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-job",
                "ReleaseLabel": "emr-6.2.0-latest", "JobDriver": {}}),
    );
    assert_eq!(
        statements(&policy_of(&run)),
        json!([
            {"Effect": "Allow", "Action": ["emr-containers:CancelJobRun", "emr-containers:DescribeJobRun"],
             "Resource": ["arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/vc0123/jobruns/*"]},
            {"Effect": "Allow", "Action": ["emr-containers:StartJobRun"],
             "Resource": ["arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/vc0123"],
             "Condition": {"StringEquals": {"emr-containers:ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-job"}}}
        ])
    );
    // Request Response: no job-run statement.
    let run = task(
        "arn:aws:states:::emr-containers:startJobRun",
        "Parameters",
        &json!({"VirtualClusterId": "vc0123", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-job"}),
    );
    assert_eq!(statements(&policy_of(&run)).as_array().unwrap().len(), 1);
    // DeleteVirtualCluster, static resources, .sync.
    let delete = task(
        "arn:aws:states:::emr-containers:deleteVirtualCluster.sync",
        "Parameters",
        &json!({"Id": "vc0123"}),
    );
    assert_eq!(
        statements(&policy_of(&delete)),
        json!([{"Effect": "Allow",
                "Action": ["emr-containers:DeleteVirtualCluster", "emr-containers:DescribeVirtualCluster"],
                "Resource": ["arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/vc0123"]}])
    );
    // CreateVirtualCluster (the service-linked role's name: see the table's
    // notes).
    let create = task(
        "arn:aws:states:::emr-containers:createVirtualCluster",
        "Parameters",
        &json!({"Name": "v", "ContainerProvider": {"Id": "c", "Type": "EKS"}}),
    );
    assert_eq!(
        statements(&policy_of(&create)),
        json!([
            {"Effect": "Allow", "Action": ["emr-containers:CreateVirtualCluster"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"],
             "Resource": ["arn:aws:iam::123456789012:role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers"],
             "Condition": {"StringLike": {"iam:AWSServiceName": "emr-containers.amazonaws.com"}}}
        ])
    );
}

#[test]
fn emr_serverless_applications_and_job_runs() {
    // emr-serverless-iam.html, StartJobRun, static resources, .sync.
    let run = task(
        "arn:aws:states:::emr-serverless:startJobRun.sync",
        "Arguments",
        &json!({"ApplicationId": "00yv7iv71inak893",
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-run",
                "JobDriver": {}}),
    );
    assert_eq!(
        statements(&policy_of(&run)),
        json!([
            {"Effect": "Allow", "Action": ["emr-serverless:CancelJobRun", "emr-serverless:GetJobRun"],
             "Resource": ["arn:aws:emr-serverless:us-east-1:123456789012:/applications/00yv7iv71inak893/jobruns/*"]},
            {"Effect": "Allow", "Action": ["emr-serverless:StartJobRun"],
             "Resource": ["arn:aws:emr-serverless:us-east-1:123456789012:/applications/00yv7iv71inak893"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForEMRServerlessJobRule"]},
            {"Effect": "Allow", "Action": ["iam:PassRole"],
             "Resource": ["arn:aws:iam::123456789012:role/emr-run"],
             "Condition": {"StringEquals": {"iam:PassedToService": "emr-serverless.amazonaws.com"}}}
        ])
    );
    // StartApplication, static resources, .sync.
    let start = task(
        "arn:aws:states:::emr-serverless:startApplication.sync",
        "Parameters",
        &json!({"ApplicationId": "00yv7iv71inak893"}),
    );
    assert_eq!(
        statements(&policy_of(&start)),
        json!([
            {"Effect": "Allow",
             "Action": ["emr-serverless:GetApplication", "emr-serverless:StartApplication", "emr-serverless:StopApplication"],
             "Resource": ["arn:aws:emr-serverless:us-east-1:123456789012:/applications/00yv7iv71inak893"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForEMRServerlessApplicationRule"]}
        ])
    );
    // CancelJobRun, Request Response: the job run only.
    let cancel = task(
        "arn:aws:states:::emr-serverless:cancelJobRun",
        "Parameters",
        &json!({"ApplicationId": "00yv7iv71inak893", "JobRunId": "00f1234"}),
    );
    assert_eq!(
        statements(&policy_of(&cancel)),
        json!([{"Effect": "Allow", "Action": ["emr-serverless:CancelJobRun"],
                "Resource": ["arn:aws:emr-serverless:us-east-1:123456789012:/applications/00yv7iv71inak893/jobruns/00f1234"]}])
    );
    // CreateApplication, Request Response (static and dynamic are the same).
    let create = task(
        "arn:aws:states:::emr-serverless:createApplication",
        "Parameters",
        &json!({"Name": "MyApplication", "ReleaseLabel": "emr-6.9.0", "Type": "SPARK"}),
    );
    assert_eq!(
        statements(&policy_of(&create)),
        json!([
            {"Effect": "Allow", "Action": ["emr-serverless:CreateApplication"],
             "Resource": ["arn:aws:emr-serverless:us-east-1:123456789012:/*"]},
            {"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"],
             "Resource": ["arn:aws:iam::123456789012:role/aws-service-role/ops.emr-serverless.amazonaws.com/AWSServiceRoleForAmazonEMRServerless*"],
             "Condition": {"StringLike": {"iam:AWSServiceName": "ops.emr-serverless.amazonaws.com"}}}
        ])
    );
}

#[test]
fn codebuild_batch_builds() {
    // codebuild-iam.html, StartBuildBatch, static resources, .sync.
    let start = task(
        "arn:aws:states:::codebuild:startBuildBatch.sync",
        "Parameters",
        &json!({"ProjectName": "myProjectName"}),
    );
    assert_eq!(
        statements(&policy_of(&start)),
        json!([
            {"Effect": "Allow",
             "Action": ["codebuild:BatchGetBuildBatches", "codebuild:StartBuildBatch", "codebuild:StopBuildBatch"],
             "Resource": ["arn:aws:codebuild:us-east-1:123456789012:project/myProjectName"]},
            {"Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
             "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventForCodeBuildStartBuildBatchRule"]}
        ])
    );
    // RetryBuildBatch .sync: no rule on the page. The request names the
    // batch, not the project: the page's dynamic `project/*`.
    let retry = task(
        "arn:aws:states:::codebuild:retryBuildBatch.sync",
        "Parameters",
        &json!({"Id": "myProjectName:0a1b2c3d"}),
    );
    assert_eq!(
        statements(&policy_of(&retry)),
        json!([{"Effect": "Allow",
                "Action": ["codebuild:BatchGetBuildBatches", "codebuild:RetryBuildBatch", "codebuild:StopBuildBatch"],
                "Resource": ["arn:aws:codebuild:us-east-1:123456789012:project/*"]}])
    );
    for (action, iam) in [
        ("stopBuildBatch", "codebuild:StopBuildBatch"),
        ("deleteBuildBatch", "codebuild:DeleteBuildBatch"),
    ] {
        let m = task(
            &format!("arn:aws:states:::codebuild:{action}"),
            "Parameters",
            &json!({"Id": "myProjectName:0a1b2c3d"}),
        );
        assert_eq!(
            statements(&policy_of(&m)),
            json!([{"Effect": "Allow", "Action": [iam],
                    "Resource": ["arn:aws:codebuild:us-east-1:123456789012:project/*"]}])
        );
    }
}

#[test]
fn bedrock_model_customization_job() {
    // bedrock-iam.html, "access a specific foundation model using
    // CreateModelCustomizationJob.sync".
    let m = task(
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync",
        "Parameters",
        &json!({"BaseModelIdentifier": "amazon.titan-text-express-v1",
                "CustomModelName": "m", "JobName": "j",
                "RoleArn": "arn:aws:iam::123456789012:role/myRole",
                "TrainingDataConfig": {"S3Uri": "s3://b/t"}, "OutputDataConfig": {"S3Uri": "s3://b/o"}}),
    );
    assert_eq!(
        statements(&policy_of(&m)),
        json!([
            {"Effect": "Allow", "Action": ["bedrock:CreateModelCustomizationJob"],
             "Resource": ["arn:aws:bedrock:us-east-1:123456789012:custom-model/*",
                          "arn:aws:bedrock:us-east-1:123456789012:model-customization-job/*",
                          "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"]},
            {"Effect": "Allow",
             "Action": ["bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"],
             "Resource": ["arn:aws:bedrock:us-east-1:123456789012:model-customization-job/*"]},
            {"Effect": "Allow", "Action": ["iam:PassRole"],
             "Resource": ["arn:aws:iam::123456789012:role/myRole"]}
        ])
    );
    // Request Response, base model computed at run time: the page's
    // full-access form (any foundation model), and no Get/Stop.
    let m = task(
        "arn:aws:states:::bedrock:createModelCustomizationJob",
        "Parameters",
        &json!({"BaseModelIdentifier.$": "$.base", "RoleArn": "arn:aws:iam::123456789012:role/myRole"}),
    );
    let text = statements(&policy_of(&m)).to_string();
    assert!(
        text.contains("\"arn:aws:bedrock:us-east-1::foundation-model/*\""),
        "{text}"
    );
    assert!(!text.contains("GetModelCustomizationJob"), "{text}");
}
