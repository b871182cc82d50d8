//! Two larger pipelines of our own, in the shape ML teams run on Step
//! Functions.

use asl_builder::types::sagemaker::{
    AppSpecification, ContainerDefinition, ContinuousParameterRange, CreateEndpoint,
    CreateEndpointConfig, CreateHyperParameterTuningJob, CreateModel, CreateProcessingJob,
    CreateTransformJob, HyperParameterAlgorithmSpecification, HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig, HyperParameterTuningJobObjective,
    HyperParameterTuningJobObjectiveType, HyperParameterTuningJobStrategyType, OutputDataConfig,
    ParameterRanges, ProcessingClusterConfig, ProcessingInstanceType, ProcessingResources,
    ProductionVariant, ProductionVariantInstanceType, ResourceConfig, ResourceLimits, S3DataType,
    SageMakerOperation, StoppingCondition, TrainingInputMode, TrainingInstanceType,
    TransformDataSource, TransformInput, TransformInstanceType, TransformOutput,
    TransformResources, TransformS3DataSource, UpdateEndpoint,
};
use asl_builder::types::{
    ErrorName, ExecutionType, InputType, IntegrationPattern, ItemBatcher, ItemReader,
    JitterStrategy, Payload, ReaderConfig, Resource, ResultWriter,
};
use asl_builder::{
    BuildError, Built, Catch, FailSpec, MapSpec, PassSpec, Retry, StateMachineBuilder, TaskSpec,
    cond, ctx, intrinsic, path, ref_path,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/ml-pipeline-sagemaker";
const BUCKET: &str = "s3://ml-pipeline-example";

/// Retries every SageMaker call: throttling and capacity errors back off.
fn sagemaker_retries(spec: TaskSpec) -> TaskSpec {
    spec.retry(
        Retry::on([
            "SageMaker.AmazonSageMakerException",
            "SageMaker.ResourceLimitExceededException",
        ])
        .interval_seconds(30)
        .max_attempts(6)
        .backoff_rate(2)
        .max_delay_seconds(600)
        .jitter_strategy(JitterStrategy::Full),
    )
    .retry(Retry::on([ErrorName::Timeout]).max_attempts(0))
}

fn error_into_state() -> Catch {
    Catch::all().result_path(ref_path!("$.error"))
}

/// Process → tune → create the model from the best training job → evaluate →
/// deploy when good enough: create or update the endpoint. Any failure is
/// reported on SNS before the execution fails.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
#[allow(
    clippy::too_many_lines,
    reason = "one pipeline reads best top to bottom in one place"
)]
pub fn train_and_deploy() -> Result<Built, BuildError> {
    let name =
        |suffix: &str| intrinsic::format(&format!("{{}}-{suffix}"), [ctx::execution().name()]);

    let process = CreateProcessingJob::builder()
        .processing_job_name(name("prep"))
        .processing_resources(ProcessingResources::new(
            ProcessingClusterConfig::new(30)
                .instance_count(1)
                .instance_type(ProcessingInstanceType::MlM5Large),
        ))
        .app_specification(AppSpecification::new(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:latest",
        ))
        .role_arn(ROLE)
        .build();

    let tune = CreateHyperParameterTuningJob::builder()
        .hyper_parameter_tuning_job_name(name("tune"))
        .hyper_parameter_tuning_job_config(
            HyperParameterTuningJobConfig::builder()
                .strategy(HyperParameterTuningJobStrategyType::Bayesian)
                .hyper_parameter_tuning_job_objective(
                    HyperParameterTuningJobObjective::builder()
                        .r#type(HyperParameterTuningJobObjectiveType::Maximize)
                        .metric_name("validation:auc")
                        .build(),
                )
                .resource_limits(ResourceLimits::new(2).max_number_of_training_jobs(10))
                .parameter_ranges(
                    ParameterRanges::new().continuous_parameter_ranges([
                        ContinuousParameterRange::builder()
                            .name("eta")
                            .min_value("0.1")
                            .max_value("0.5")
                            .build(),
                    ]),
                )
                .build(),
        )
        .training_job_definition(
            HyperParameterTrainingJobDefinition::builder()
                .algorithm_specification(
                    HyperParameterAlgorithmSpecification::new(TrainingInputMode::File)
                        .training_image(
                            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                        ),
                )
                .role_arn(ROLE)
                .output_data_config(OutputDataConfig::new(format!("{BUCKET}/models")))
                .resource_config(
                    ResourceConfig::new()
                        .instance_count(1)
                        .instance_type(TrainingInstanceType::MlM5Xlarge)
                        .volume_size_in_gb(10),
                )
                .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(3600))
                .build(),
        )
        .build();

    let model = CreateModel::new(name("model"))
        .execution_role_arn(ROLE)
        .primary_container(
            ContainerDefinition::new()
                .image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                .model_data_url(path!("$.best.ModelArtifacts.S3ModelArtifacts")),
        );

    let endpoint_config = CreateEndpointConfig::builder()
        .endpoint_config_name(name("config"))
        .production_variants([ProductionVariant::new("AllTraffic")
            .model_name(name("model"))
            .initial_instance_count(1)
            .instance_type(ProductionVariantInstanceType::MlM5Large)])
        .build();

    let mut sm = StateMachineBuilder::new()
        .comment("process, tune, evaluate, then create or update the endpoint")
        .timeout_seconds(6 * 3600);
    let prep = sm.task(
        "Prepare Data",
        sagemaker_retries(TaskSpec::from(process.run_sync()))
            .result_path(ref_path!("$.processing")),
    );
    let tuning = sm.task(
        "Tune Hyperparameters",
        sagemaker_retries(TaskSpec::from(tune.run_sync()))
            .result_selector(Payload::object().with(
                "BestTrainingJobName",
                path!("$.BestTrainingJob.TrainingJobName"),
            ))
            // Keep the input (endpoint name, flags) beside the result.
            .result_path(ref_path!("$.tuning")),
    );
    let describe = sm.task(
        "Describe Best Training Job",
        TaskSpec::new(Resource::sdk("sagemaker", "describeTrainingJob"))
            .payload(
                Payload::object().with("TrainingJobName", path!("$.tuning.BestTrainingJobName")),
            )
            .result_path(ref_path!("$.best")),
    );
    let evaluate = sm.task(
        "Evaluate Model",
        TaskSpec::lambda_invoke(
            "arn:aws:lambda:us-east-1:123456789012:function:evaluate-model",
            Payload::object().with("model", path!("$.best.ModelArtifacts")),
        )
        .result_selector(Payload::object().with("auc_percent", path!("$.Payload.auc_percent")))
        .result_path(ref_path!("$.evaluation"))
        .retry(
            Retry::on(["Lambda.ServiceException", "Lambda.TooManyRequestsException"])
                .interval_seconds(2)
                .max_attempts(3)
                .backoff_rate(2),
        ),
    );
    let good_enough = sm.choice("Good Enough?");
    let create_model = sm.task(
        "Create Model",
        sagemaker_retries(TaskSpec::from(model.request_response()))
            .result_path(asl_builder::types::Nullable::Null),
    );
    let create_config = sm.task(
        "Create Endpoint Config",
        sagemaker_retries(TaskSpec::from(endpoint_config.request_response()))
            .result_path(asl_builder::types::Nullable::Null),
    );
    let exists = sm.choice("Endpoint Exists?");
    let create_endpoint = sm.task(
        "Create Endpoint",
        sagemaker_retries(TaskSpec::from(
            CreateEndpoint::builder()
                .endpoint_name(path!("$.endpoint_name"))
                .endpoint_config_name(name("config"))
                .build()
                .request_response(),
        )),
    );
    let update_endpoint = sm.task(
        "Update Endpoint",
        sagemaker_retries(TaskSpec::from(
            UpdateEndpoint::builder()
                .endpoint_name(path!("$.endpoint_name"))
                .endpoint_config_name(name("config"))
                .build()
                .request_response(),
        )),
    );
    let deployed = sm.succeed("Deployed");
    let rejected = sm.fail(
        "Model Rejected",
        FailSpec::new("ModelBelowThreshold", "the evaluation AUC is below 80%"),
    );
    let notify = sm.task(
        "Notify Failure",
        TaskSpec::new(Resource::integration(
            "sns",
            "publish",
            IntegrationPattern::RequestResponse,
        ))
        .payload(
            Payload::object()
                .with(
                    "TopicArn",
                    "arn:aws:sns:us-east-1:123456789012:ml-pipeline-alerts",
                )
                .with("Message", path!("$.error")),
        )
        // The Fail state after it reads `$.error`: keep the input.
        .result_path(asl_builder::types::Nullable::Null),
    );
    let failed = sm.fail(
        "Pipeline Failed",
        FailSpec::default()
            .error("PipelineFailed".to_owned())
            .cause_path(path!("$.error.Cause")),
    );

    sm.start_at(prep)
        .next(prep, tuning)
        .next(tuning, describe)
        .next(describe, evaluate)
        .next(evaluate, good_enough)
        .next(create_model, create_config)
        .next(create_config, exists)
        .next(create_endpoint, deployed)
        .next(update_endpoint, deployed)
        .next(notify, failed);
    sm.when(
        good_enough,
        cond::numeric_greater_than_equals(path!("$.evaluation.auc_percent"), 80),
        create_model,
    )
    .otherwise(good_enough, rejected);
    sm.when(
        exists,
        cond::boolean_equals(path!("$.endpoint_exists"), true),
        update_endpoint,
    )
    .otherwise(exists, create_endpoint);
    for step in [
        prep,
        tuning,
        describe,
        evaluate,
        create_model,
        create_config,
        create_endpoint,
        update_endpoint,
    ] {
        sm.catch(step, error_into_state(), notify);
    }
    sm.build()
}

/// Batch inference over a manifest of S3 objects: a distributed Map reads the
/// items, batches them, runs one transform job per batch, and writes the
/// results to S3.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
pub fn batch_inference() -> Result<Built, BuildError> {
    let job_name = intrinsic::format("batch-{}", [intrinsic::uuid()]);
    let transform = CreateTransformJob::builder()
        .transform_job_name(job_name)
        .model_name(path!("$.BatchInput.model_name"))
        .transform_input(
            TransformInput::new(TransformDataSource::new(
                TransformS3DataSource::builder()
                    .s3_data_type(S3DataType::S3Prefix)
                    .s3_uri(path!("$.Items[0].prefix"))
                    .build(),
            ))
            .content_type("application/jsonlines"),
        )
        .transform_output(TransformOutput::new(format!("{BUCKET}/predictions")))
        .transform_resources(
            TransformResources::builder()
                .instance_type(TransformInstanceType::MlM5Large)
                .instance_count(2)
                .build(),
        )
        .build();

    let mut batch = StateMachineBuilder::new();
    let run = batch.task(
        "Run Transform Job",
        sagemaker_retries(TaskSpec::from(transform.run_sync())),
    );
    batch.start_at(run).end(run);

    let mut reader = ItemReader::new(Resource::integration(
        "s3",
        "getObject",
        IntegrationPattern::RequestResponse,
    ));
    let mut reader_config = ReaderConfig::default();
    reader_config.input_type = Some(InputType::Json);
    reader.reader_config = Some(reader_config);
    reader.parameters = Some(
        Payload::object()
            .with("Bucket", "ml-pipeline-example")
            .with("Key", path!("$.manifest_key")),
    );
    let mut batcher = ItemBatcher::default();
    batcher.max_items_per_batch = Some(50.into());
    batcher.batch_input = Some(Payload::object().with("model_name", path!("$.model_name")));
    let mut writer = ResultWriter::default();
    writer.resource = Some(Resource::integration(
        "s3",
        "putObject",
        IntegrationPattern::RequestResponse,
    ));
    writer.parameters = Some(
        Payload::object()
            .with("Bucket", "ml-pipeline-example")
            .with("Prefix", "batch-inference-results"),
    );

    let mut sm = StateMachineBuilder::new().comment("batch inference fan-out over a manifest");
    let fan_out = sm.map(
        "Score Batches",
        MapSpec::distributed(batch, ExecutionType::Standard)
            .item_reader(reader)
            .item_batcher(batcher)
            .result_writer(writer)
            .max_concurrency(20)
            .tolerated_failure_percentage(asl_builder::types::Number::from(5))
            .label("scoring"),
    );
    let summarize = sm.pass(
        "Summarize",
        PassSpec::new().parameters(
            Payload::object()
                .with("results", path!("$.ResultWriterDetails"))
                .with("execution", path!("$$.Execution.Id")),
        ),
    );
    let failed = sm.fail(
        "Scoring Failed",
        FailSpec::default()
            .error("ScoringFailed".to_owned())
            .cause_path(path!("$.Cause")),
    );
    sm.start_at(fan_out)
        .next(fan_out, summarize)
        .end(summarize)
        .catch(fan_out, Catch::all(), failed);
    sm.build()
}
