//! The machine learning pipeline of the guide (`asl_builder::guide`), whole:
//! preprocess → train (retries, a catch) → evaluate (Lambda) → deploy when
//! the model is good enough (model, endpoint config, create or update the
//! endpoint) → a Map of batch transforms.
//!
//! The JSONPath form equals `examples/golden/mlops-pipeline.asl.json`,
//! written by hand from the AWS documentation; the JSONata form sends the
//! same requests, and keeps results with `Output` where the JSONPath form
//! uses `ResultSelector` and `ResultPath`.

use asl_builder::types::sagemaker::{
    AlgorithmSpecification, AppSpecification, AssemblyType, Channel, ContainerDefinition,
    CreateEndpoint, CreateEndpointConfig, CreateModel, CreateProcessingJob, CreateTrainingJob,
    CreateTransformJob, DataSource, OutputDataConfig, ProcessingClusterConfig, ProcessingInput,
    ProcessingInstanceType, ProcessingOutput, ProcessingOutputConfig, ProcessingResources,
    ProcessingS3DataType, ProcessingS3Input, ProcessingS3InputMode, ProcessingS3Output,
    ProcessingS3UploadMode, ProcessingStoppingCondition, ProductionVariant,
    ProductionVariantInstanceType, ResourceConfig, S3DataDistribution, S3DataSource, S3DataType,
    SageMakerOperation, SplitType, StoppingCondition, TrainingInputMode, TrainingInstanceType,
    TransformDataSource, TransformInput, TransformInstanceType, TransformOutput,
    TransformResources, TransformS3DataSource, UpdateEndpoint,
};
use asl_builder::types::{Expr, Jsonata, Nullable, Path, Payload, QueryLanguage, Value};
use asl_builder::{
    BuildError, Built, Catch, FailSpec, MapSpec, Retry, StateMachineBuilder, TaskSpec, cond, ctx,
    intrinsic, path, ref_path,
};

const COMMENT: &str =
    "Preprocess, train, evaluate, deploy when good enough, then score the batches";
const ROLE: &str = "arn:aws:iam::123456789012:role/mlops-sagemaker-execution";
const XGBOOST: &str = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const EVALUATE: &str = "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model";

// ----- the SageMaker requests, the same in both query languages -----------

/// Splits the raw data into training and validation sets.
fn preprocessing(name: Expr, raw_data: Expr, train: Expr, validation: Expr) -> CreateProcessingJob {
    let input = |name: &str, uri: Value<String>, local: &str| {
        ProcessingInput::new(name).s3_input(
            ProcessingS3Input::builder()
                .s3_uri(uri)
                .s3_data_type(ProcessingS3DataType::S3Prefix)
                .build()
                .local_path(local)
                .s3_input_mode(ProcessingS3InputMode::File),
        )
    };
    let output = |name: &str, uri: Expr, local: &str| {
        ProcessingOutput::new(name).s3_output(
            ProcessingS3Output::builder()
                .s3_uri(uri)
                .s3_upload_mode(ProcessingS3UploadMode::EndOfJob)
                .build()
                .local_path(local),
        )
    };
    CreateProcessingJob::builder()
        .processing_job_name(name)
        .processing_resources(ProcessingResources::new(
            ProcessingClusterConfig::new(30)
                .instance_count(1)
                .instance_type(ProcessingInstanceType::MlM5Xlarge),
        ))
        .app_specification(
            AppSpecification::new(
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
            )
            .container_entrypoint(["python3", "/opt/ml/processing/code/preprocess.py"]),
        )
        .role_arn(ROLE)
        .build()
        .processing_inputs([
            input("raw", raw_data.into(), "/opt/ml/processing/input"),
            input(
                "code",
                "s3://mlops-example/churn/code/preprocess.py".into(),
                "/opt/ml/processing/code",
            ),
        ])
        .processing_output_config(ProcessingOutputConfig::new([
            output("train", train, "/opt/ml/processing/train"),
            output("validation", validation, "/opt/ml/processing/validation"),
        ]))
        .stopping_condition(ProcessingStoppingCondition::new(3600))
}

/// Trains an `XGBoost` binary classifier on the two channels.
fn training(name: Expr, train: Expr, validation: Expr) -> CreateTrainingJob {
    let channel = |name: &str, uri: Expr| {
        Channel::builder()
            .channel_name(name)
            .data_source(
                DataSource::new().s3_data_source(
                    S3DataSource::builder()
                        .s3_data_type(S3DataType::S3Prefix)
                        .s3_uri(uri)
                        .build()
                        .s3_data_distribution_type(S3DataDistribution::FullyReplicated),
                ),
            )
            .build()
            .content_type("text/csv")
    };
    CreateTrainingJob::builder()
        .training_job_name(name)
        .role_arn(ROLE)
        .output_data_config(OutputDataConfig::new("s3://mlops-example/churn/models"))
        .build()
        .algorithm_specification(
            AlgorithmSpecification::new(TrainingInputMode::File).training_image(XGBOOST),
        )
        .hyper_parameters([
            ("objective", "binary:logistic"),
            ("eval_metric", "auc"),
            ("num_round", "100"),
            ("max_depth", "5"),
            ("eta", "0.2"),
        ])
        .input_data_config([channel("train", train), channel("validation", validation)])
        .resource_config(
            ResourceConfig::new()
                .instance_count(1)
                .instance_type(TrainingInstanceType::MlM5Xlarge)
                .volume_size_in_gb(10),
        )
        .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(7200))
}

/// The model: the `XGBoost` image serving the trained artifacts.
fn model(name: Expr, model_data: Expr) -> CreateModel {
    CreateModel::new(name)
        .execution_role_arn(ROLE)
        .primary_container(
            ContainerDefinition::new()
                .image(XGBOOST)
                .model_data_url(model_data),
        )
}

/// One variant, all traffic, on the model of the same name.
fn endpoint_config(name: Expr) -> CreateEndpointConfig {
    CreateEndpointConfig::builder()
        .endpoint_config_name(name.clone())
        .production_variants([ProductionVariant::new("AllTraffic")
            .model_name(name)
            .initial_instance_count(1)
            .instance_type(ProductionVariantInstanceType::MlM5Large)])
        .build()
}

/// Scores one batch of CSV lines.
fn transform(name: Expr, model: Expr, input: Expr, output: Expr) -> CreateTransformJob {
    CreateTransformJob::builder()
        .transform_job_name(name)
        .model_name(model)
        .transform_input(
            TransformInput::new(TransformDataSource::new(
                TransformS3DataSource::builder()
                    .s3_data_type(S3DataType::S3Prefix)
                    .s3_uri(input)
                    .build(),
            ))
            .content_type("text/csv")
            .split_type(SplitType::Line),
        )
        .transform_output(TransformOutput::new(output).assemble_with(AssemblyType::Line))
        .transform_resources(
            TransformResources::builder()
                .instance_type(TransformInstanceType::MlM5Large)
                .instance_count(1)
                .build(),
        )
        .build()
}

/// Both SageMaker error names the training job is retried on, each with its
/// own back-off (as the AWS training example does).
fn training_retries(spec: TaskSpec) -> TaskSpec {
    spec.retry(
        Retry::on(["SageMaker.AmazonSageMakerException"])
            .interval_seconds(5)
            .max_attempts(3)
            .backoff_rate(2),
    )
    .retry(
        Retry::on(["SageMaker.ResourceLimitExceededException"])
            .interval_seconds(60)
            .max_attempts(10)
            .backoff_rate(1),
    )
}

/// The Lambda service errors AWS recommends retrying ("Handle Lambda
/// service exceptions").
fn lambda_retries() -> Retry {
    Retry::on([
        "Lambda.ClientExecutionTimeoutException",
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
    ])
    .interval_seconds(2)
    .max_attempts(6)
    .backoff_rate(2)
}

// ----- JSONPath ------------------------------------------------------------

/// `States.Format(template, $$.Execution.Name)`: a name or S3 prefix of
/// this execution.
fn run_scoped(template: &str) -> Expr {
    intrinsic::format(template, [ctx::execution().name()]).into()
}

/// The pipeline in JSONPath: `examples/golden/mlops-pipeline.asl.json`.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
#[allow(
    clippy::too_many_lines,
    reason = "one pipeline reads best top to bottom in one place"
)]
pub fn mlops_pipeline() -> Result<Built, BuildError> {
    let input = |field: &str| Expr::from(Path::input().field(field));
    let training_result = |field: &str| Expr::from(Path::input().field("training").field(field));
    let train_data = || run_scoped("s3://mlops-example/churn/{}/train");
    let validation_data = || run_scoped("s3://mlops-example/churn/{}/validation");

    let mut sm = StateMachineBuilder::new()
        .comment(COMMENT)
        .timeout_seconds(86_400);
    let preprocess = sm.task(
        "Preprocess Data",
        TaskSpec::from(
            preprocessing(
                run_scoped("preprocess-{}"),
                input("raw_data"),
                train_data(),
                validation_data(),
            )
            .run_sync(),
        )
        .result_path(Nullable::Null),
    );
    let train = sm.task(
        "Train Model",
        training_retries(TaskSpec::from(
            training(run_scoped("train-{}"), train_data(), validation_data()).run_sync(),
        ))
        .result_selector(
            Payload::object()
                .with("job_name", path!("$.TrainingJobName"))
                .with("model_data", path!("$.ModelArtifacts.S3ModelArtifacts")),
        )
        .result_path(ref_path!("$.training")),
    );
    let training_failed = sm.fail(
        "Training Failed",
        FailSpec::default()
            .error("TrainingFailed")
            .cause_path(path!("$.error.Cause")),
    );
    let evaluate = sm.task(
        "Evaluate Model",
        TaskSpec::lambda_invoke(
            EVALUATE,
            Payload::object()
                .with("training_job", training_result("job_name"))
                .with("model_data", training_result("model_data")),
        )
        .result_selector(Payload::object().with("auc", path!("$.Payload.auc")))
        .result_path(ref_path!("$.evaluation"))
        .retry(lambda_retries()),
    );
    let good_enough = sm.choice("Good Enough?");
    let below = sm.fail(
        "Model Below Threshold",
        FailSpec::new("ModelBelowThreshold", "the validation AUC is below 0.9"),
    );
    let create_model = sm.task(
        "Create Model",
        TaskSpec::from(
            model(run_scoped("churn-{}"), training_result("model_data")).request_response(),
        )
        .result_path(Nullable::Null),
    );
    let create_config = sm.task(
        "Create Endpoint Config",
        TaskSpec::from(endpoint_config(run_scoped("churn-{}")).request_response())
            .result_path(Nullable::Null),
    );
    let exists = sm.choice("Endpoint Exists?");
    let create_endpoint = sm.task(
        "Create Endpoint",
        TaskSpec::from(
            CreateEndpoint::builder()
                .endpoint_name(input("endpoint_name"))
                .endpoint_config_name(run_scoped("churn-{}"))
                .build()
                .request_response(),
        )
        .result_path(Nullable::Null),
    );
    let update_endpoint = sm.task(
        "Update Endpoint",
        TaskSpec::from(
            UpdateEndpoint::builder()
                .endpoint_name(input("endpoint_name"))
                .endpoint_config_name(run_scoped("churn-{}"))
                .build()
                .request_response(),
        )
        .result_path(Nullable::Null),
    );

    let mut batch = StateMachineBuilder::new();
    let item_index = path!("$.index");
    let score = batch.task(
        "Transform Batch",
        TaskSpec::from(
            transform(
                run_scoped_with("churn-{}-{}", item_index.clone()),
                run_scoped("churn-{}"),
                input("input"),
                run_scoped_with("s3://mlops-example/churn/{}/predictions/{}", item_index),
            )
            .run_sync(),
        )
        .result_selector(
            Payload::object()
                .with("job_name", path!("$.TransformJobName"))
                .with("output", path!("$.TransformOutput.S3OutputPath")),
        ),
    );
    batch.start_at(score).end(score);
    let transforms = sm.map(
        "Batch Transforms",
        MapSpec::inline(batch)
            .items_path(ref_path!("$.batches"))
            .item_selector(
                Payload::object()
                    .with("index", ctx::map().item().index())
                    .with("input", ctx::map().item().value()),
            )
            .max_concurrency(2)
            .result_path(ref_path!("$.predictions")),
    );

    sm.start_at(preprocess)
        .next(preprocess, train)
        .next(train, evaluate)
        .catch(
            train,
            Catch::all().result_path(ref_path!("$.error")),
            training_failed,
        )
        .next(evaluate, good_enough)
        .next(create_model, create_config)
        .next(create_config, exists)
        .next(create_endpoint, transforms)
        .next(update_endpoint, transforms)
        .end(transforms);
    sm.when(
        good_enough,
        cond::numeric_greater_than_equals(path!("$.evaluation.auc"), 0.9),
        create_model,
    )
    .otherwise(good_enough, below);
    sm.when(
        exists,
        cond::boolean_equals(path!("$.endpoint_exists"), true),
        update_endpoint,
    )
    .otherwise(exists, create_endpoint);
    sm.build()
}

/// `States.Format(template, $$.Execution.Name, path)`.
fn run_scoped_with(template: &str, path: Path) -> Expr {
    intrinsic::format(template, [ctx::execution().name(), path]).into()
}

// ----- JSONata -------------------------------------------------------------

/// `'prefix' & $states.context.Execution.Name & 'suffix'`: the JSONata form
/// of [`run_scoped`]; each `{}` of `template` takes the next of `values`.
fn concat(template: &str, values: &[&str]) -> Expr {
    let mut parts = Vec::new();
    let mut values = values.iter();
    for (i, text) in template.split("{}").enumerate() {
        if i > 0 {
            parts.push((*values.next().expect("one value per `{}`")).to_owned());
        }
        if !text.is_empty() {
            parts.push(format!("'{text}'"));
        }
    }
    Jsonata::new(&parts.join(" & ")).into()
}

const RUN: &str = "$states.context.Execution.Name";

/// The pipeline in JSONata: the same states and requests; results are kept
/// with `Output` (`$merge` into the input) instead of `ResultPath`.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
#[allow(
    clippy::too_many_lines,
    reason = "one pipeline reads best top to bottom in one place"
)]
pub fn mlops_pipeline_jsonata() -> Result<Built, BuildError> {
    let input = |path: &str| Expr::from(Jsonata::new(&format!("$states.input.{path}")));
    let keep = |field: &str, value: &str| {
        Jsonata::new(&format!("$merge([$states.input, {{'{field}': {value}}}])"))
    };
    let unchanged = || Jsonata::new("$states.input");
    let train_data = || concat("s3://mlops-example/churn/{}/train", &[RUN]);
    let validation_data = || concat("s3://mlops-example/churn/{}/validation", &[RUN]);

    let mut sm = StateMachineBuilder::new()
        .comment(COMMENT)
        .query_language(QueryLanguage::Jsonata)
        .timeout_seconds(86_400);
    let preprocess = sm.task(
        "Preprocess Data",
        TaskSpec::from(
            preprocessing(
                concat("preprocess-{}", &[RUN]),
                input("raw_data"),
                train_data(),
                validation_data(),
            )
            .run_sync(),
        )
        .output(unchanged()),
    );
    let train = sm.task(
        "Train Model",
        training_retries(TaskSpec::from(
            training(concat("train-{}", &[RUN]), train_data(), validation_data()).run_sync(),
        ))
        .output(keep(
            "training",
            "{'job_name': $states.result.TrainingJobName, \
             'model_data': $states.result.ModelArtifacts.S3ModelArtifacts}",
        )),
    );
    let training_failed = sm.fail(
        "Training Failed",
        FailSpec::default()
            .error("TrainingFailed")
            .cause(Jsonata::new("$states.input.error.Cause")),
    );
    let evaluate = sm.task(
        "Evaluate Model",
        TaskSpec::lambda_invoke(
            EVALUATE,
            Payload::object()
                .with("training_job", input("training.job_name"))
                .with("model_data", input("training.model_data")),
        )
        .output(keep("evaluation", "{'auc': $states.result.Payload.auc}"))
        .retry(lambda_retries()),
    );
    let good_enough = sm.choice("Good Enough?");
    let below = sm.fail(
        "Model Below Threshold",
        FailSpec::new("ModelBelowThreshold", "the validation AUC is below 0.9"),
    );
    let create_model = sm.task(
        "Create Model",
        TaskSpec::from(
            model(concat("churn-{}", &[RUN]), input("training.model_data")).request_response(),
        )
        .output(unchanged()),
    );
    let create_config = sm.task(
        "Create Endpoint Config",
        TaskSpec::from(endpoint_config(concat("churn-{}", &[RUN])).request_response())
            .output(unchanged()),
    );
    let exists = sm.choice("Endpoint Exists?");
    let create_endpoint = sm.task(
        "Create Endpoint",
        TaskSpec::from(
            CreateEndpoint::builder()
                .endpoint_name(input("endpoint_name"))
                .endpoint_config_name(concat("churn-{}", &[RUN]))
                .build()
                .request_response(),
        )
        .output(unchanged()),
    );
    let update_endpoint = sm.task(
        "Update Endpoint",
        TaskSpec::from(
            UpdateEndpoint::builder()
                .endpoint_name(input("endpoint_name"))
                .endpoint_config_name(concat("churn-{}", &[RUN]))
                .build()
                .request_response(),
        )
        .output(unchanged()),
    );

    let mut batch = StateMachineBuilder::new();
    let index = "$states.input.index";
    let score = batch.task(
        "Transform Batch",
        TaskSpec::from(
            transform(
                concat("churn-{}-{}", &[RUN, index]),
                concat("churn-{}", &[RUN]),
                input("input"),
                concat("s3://mlops-example/churn/{}/predictions/{}", &[RUN, index]),
            )
            .run_sync(),
        )
        .output(Jsonata::new(
            "{'job_name': $states.result.TransformJobName, \
             'output': $states.result.TransformOutput.S3OutputPath}",
        )),
    );
    batch.start_at(score).end(score);
    let transforms = sm.map(
        "Batch Transforms",
        MapSpec::inline(batch)
            .items_expr(Jsonata::new("$states.input.batches"))
            .item_selector(
                Payload::object()
                    .with("index", Jsonata::new("$states.context.Map.Item.Index"))
                    .with("input", Jsonata::new("$states.context.Map.Item.Value")),
            )
            .max_concurrency(2)
            .output(keep("predictions", "$states.result")),
    );

    sm.start_at(preprocess)
        .next(preprocess, train)
        .next(train, evaluate)
        .catch(
            train,
            Catch::all().output(keep("error", "$states.errorOutput")),
            training_failed,
        )
        .next(evaluate, good_enough)
        .next(create_model, create_config)
        .next(create_config, exists)
        .next(create_endpoint, transforms)
        .next(update_endpoint, transforms)
        .end(transforms);
    sm.when(
        good_enough,
        cond::jsonata("$states.input.evaluation.auc >= 0.9"),
        create_model,
    )
    .otherwise(good_enough, below);
    sm.when(
        exists,
        cond::jsonata("$states.input.endpoint_exists = true"),
        update_endpoint,
    )
    .otherwise(exists, create_endpoint);
    sm.build()
}
