//! The table of optimized integrations, from the outside: for each service
//! AWS documents, one pattern it supports validates clean and one it does
//! not is `unsupported-integration-pattern`; actions it does not have are
//! `unknown-integration`. Every expectation here is written by hand from the
//! AWS Step Functions Developer Guide (the page named beside it), not read
//! from the table.

use asl_types::{IntegrationPattern, Rule, StateMachine, integrations, validate};

/// The rules reported at the Task's `Resource` for `resource`.
fn resource_rules(resource: &str) -> Vec<Rule> {
    let text = format!(
        r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Task", "Resource": "{resource}", "End": true}}}}}}"#
    );
    let machine: StateMachine = text.parse().unwrap();
    validate(&machine)
        .issues()
        .iter()
        .filter(|i| i.pointer == "/States/A/Resource")
        .map(|i| i.rule)
        .collect()
}

/// `(service, supported, unsupported)`: the resources after
/// `arn:aws:states:::` (`None` where the service supports every pattern).
const SERVICES: &[(&str, &str, Option<&str>)] = &[
    // connect-lambda.html: request response, .waitForTaskToken.
    (
        "lambda",
        "lambda:invoke.waitForTaskToken",
        Some("lambda:invoke.sync"),
    ),
    // connect-sns.html: request response, .waitForTaskToken.
    (
        "sns",
        "sns:publish.waitForTaskToken",
        Some("sns:publish.sync"),
    ),
    // connect-sqs.html: request response, .waitForTaskToken.
    ("sqs", "sqs:sendMessage", Some("sqs:sendMessage.sync")),
    // connect-ddb.html: request response only.
    (
        "dynamodb",
        "dynamodb:updateItem",
        Some("dynamodb:getItem.waitForTaskToken"),
    ),
    // connect-ecs.html: all three.
    (
        "ecs",
        "ecs:runTask.waitForTaskToken",
        Some("ecs:runTask.sync:2"),
    ),
    // connect-batch.html: request response, .sync.
    (
        "batch",
        "batch:submitJob.sync",
        Some("batch:submitJob.waitForTaskToken"),
    ),
    // connect-glue.html: request response, .sync.
    (
        "glue",
        "glue:startJobRun.sync",
        Some("glue:startJobRun.waitForTaskToken"),
    ),
    // connect-databrew.html: request response, .sync.
    (
        "databrew",
        "databrew:startJobRun.sync",
        Some("databrew:startJobRun.waitForTaskToken"),
    ),
    // connect-athena.html: only StartQueryExecution runs as a job.
    (
        "athena",
        "athena:startQueryExecution.sync",
        Some("athena:getQueryResults.sync"),
    ),
    // connect-emr.html: cancelStep is request response only.
    (
        "elasticmapreduce",
        "elasticmapreduce:addStep.sync",
        Some("elasticmapreduce:cancelStep.sync"),
    ),
    // connect-emr-eks.html: createVirtualCluster is request response only.
    (
        "emr-containers",
        "emr-containers:deleteVirtualCluster.sync",
        Some("emr-containers:createVirtualCluster.sync"),
    ),
    // connect-emr-serverless.html: .sync on all six; no callback.
    (
        "emr-serverless",
        "emr-serverless:cancelJobRun.sync",
        Some("emr-serverless:startJobRun.waitForTaskToken"),
    ),
    // connect-eks.html: eks:call is request response only; no callback.
    ("eks", "eks:runJob.sync", Some("eks:call.sync")),
    // connect-codebuild.html: StopBuild is request response only.
    (
        "codebuild",
        "codebuild:retryBuildBatch.sync",
        Some("codebuild:stopBuild.sync"),
    ),
    // connect-api-gateway.html: request response, .waitForTaskToken.
    (
        "apigateway",
        "apigateway:invoke.waitForTaskToken",
        Some("apigateway:invoke.sync"),
    ),
    // connect-eventbridge.html: request response, .waitForTaskToken.
    (
        "events",
        "events:putEvents.waitForTaskToken",
        Some("events:putEvents.sync"),
    ),
    // connect-stepfunctions.html: StartExecution supports all four patterns
    // (see `start_execution_supports_every_pattern`).
    ("states", "states:startExecution.sync:2", None),
    // call-https-apis.html: request response only.
    ("http", "http:invoke", Some("http:invoke.waitForTaskToken")),
    // connect-bedrock.html: InvokeModel is request response only.
    (
        "bedrock",
        "bedrock:createModelCustomizationJob.sync",
        Some("bedrock:invokeModel.sync"),
    ),
    // connect-mediaconvert.html: request response, .sync.
    (
        "mediaconvert",
        "mediaconvert:createJob.sync",
        Some("mediaconvert:createJob.waitForTaskToken"),
    ),
];

#[test]
fn each_service_one_supported_and_one_unsupported_pattern() {
    let mut failures = Vec::new();
    for (service, good, bad) in SERVICES {
        let good = format!("arn:aws:states:::{good}");
        let found = resource_rules(&good);
        if !found.is_empty() {
            failures.push(format!("{service}: {good}: {found:?}"));
        }
        let Some(bad) = bad else { continue };
        let bad = format!("arn:aws:states:::{bad}");
        let found = resource_rules(&bad);
        if found != [Rule::UnsupportedIntegrationPattern] {
            failures.push(format!("{service}: {bad}: {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn start_execution_supports_every_pattern() {
    for suffix in ["", ".sync", ".sync:2", ".waitForTaskToken"] {
        let resource = format!("arn:aws:states:::states:startExecution{suffix}");
        assert!(resource_rules(&resource).is_empty(), "{resource}");
    }
    // `.sync:2` exists only there.
    assert_eq!(
        resource_rules("arn:aws:states:::ecs:runTask.sync:2"),
        [Rule::UnsupportedIntegrationPattern]
    );
}

#[test]
fn every_service_of_the_table_is_tested_here() {
    let mut table: Vec<&str> = integrations::all().iter().map(|i| i.service).collect();
    table.dedup();
    table.retain(|s| *s != "sagemaker"); // SageMaker's own rules, below
    let mut here: Vec<&str> = SERVICES.iter().map(|(s, _, _)| *s).collect();
    table.sort_unstable();
    here.sort_unstable();
    assert_eq!(table, here);
}

#[test]
fn sagemaker_keeps_its_own_rules() {
    // connect-sagemaker.html: .sync for the job APIs only, no callback.
    assert!(resource_rules("arn:aws:states:::sagemaker:createTransformJob.sync").is_empty());
    assert_eq!(
        resource_rules("arn:aws:states:::sagemaker:createEndpoint.sync"),
        [Rule::SagemakerSyncUnsupported]
    );
    assert_eq!(
        resource_rules("arn:aws:states:::sagemaker:createModel.waitForTaskToken"),
        [Rule::SagemakerCallbackUnsupported]
    );
    assert_eq!(
        resource_rules("arn:aws:states:::sagemaker:createPipeline"),
        [Rule::SagemakerUnknownApi]
    );
}

#[test]
fn actions_and_services_aws_does_not_offer_are_unknown() {
    for resource in [
        // connect-ddb.html: GetItem, PutItem, UpdateItem, DeleteItem only.
        "dynamodb:query",
        "dynamodb:scan",
        // connect-lambda.html: Invoke only.
        "lambda:invokeAsync",
        // case matters: the ARN spells the action in camelCase.
        "lambda:Invoke",
        // connect-glue.html: StartJobRun only (crawlers are SDK calls).
        "glue:startCrawler",
        // connect-sns.html: Publish only.
        "sns:publishBatch",
        // S3 and EventBridge Scheduler have no optimized integration.
        "s3:putObject",
        "scheduler:createSchedule",
        // connect-stepfunctions.html: StartExecution only.
        "states:startSyncExecution",
        // No such pattern at all.
        "lambda:invoke.bogus",
        "ecs:runTask.sync:3",
    ] {
        let resource = format!("arn:aws:states:::{resource}");
        assert_eq!(
            resource_rules(&resource),
            [Rule::UnknownIntegration],
            "{resource}"
        );
    }
}

#[test]
fn sdk_integrations_and_other_arns_are_left_to_other_rules() {
    assert!(resource_rules("arn:aws:states:::aws-sdk:dynamodb:query").is_empty());
    assert!(resource_rules("arn:aws:states:::aws-sdk:scheduler:createSchedule").is_empty());
    assert_eq!(
        resource_rules("arn:aws:states:::aws-sdk:dynamodb:query.sync"),
        [Rule::SdkSyncUnsupported]
    );
    assert_eq!(
        resource_rules("arn:aws:sns:us-east-1:123456789012:topic"),
        [Rule::ResourceArn]
    );
    assert!(resource_rules("arn:aws:lambda:us-east-1:123456789012:function:my-fn").is_empty());
}

#[test]
fn every_partition_reads_the_same_table() {
    assert!(resource_rules("arn:aws-cn:states:::lambda:invoke").is_empty());
    assert!(resource_rules("arn:aws-us-gov:states:::glue:startJobRun.sync").is_empty());
    assert_eq!(
        resource_rules("arn:aws-us-gov:states:::dynamodb:query"),
        [Rule::UnknownIntegration]
    );
}

#[test]
fn messages_use_aws_words_and_name_what_is_supported() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
        "Resource": "arn:aws:states:::sns:publish.sync", "End": true}}}"#;
    let report = validate(&text.parse().unwrap());
    let [issue] = report.issues() else {
        panic!("{report}")
    };
    assert_eq!(
        issue.message,
        "The resource provided `arn:aws:states:::sns:publish.sync` is not recognized: `sns:publish` supports request response, `.waitForTaskToken`, not `.sync`"
    );
}

#[test]
fn the_public_table() {
    // connect-codebuild.html lists eight APIs; three run as a job.
    let codebuild: Vec<_> = integrations::service("codebuild").collect();
    assert_eq!(codebuild.len(), 8);
    assert_eq!(
        codebuild
            .iter()
            .filter(|i| i.supports(IntegrationPattern::Sync))
            .count(),
        3
    );
    let start = integrations::lookup("states", "startExecution").unwrap();
    assert_eq!(
        start.patterns,
        [
            IntegrationPattern::RequestResponse,
            IntegrationPattern::Sync,
            IntegrationPattern::Sync2,
            IntegrationPattern::WaitForTaskToken
        ]
    );
    assert!(integrations::lookup("scheduler", "createSchedule").is_none());
    assert!(integrations::service("s3").next().is_none());
}
