//! The four examples of the AWS page "Create and manage SageMaker jobs with
//! Step Functions", each in its documented JSONPath form (`Parameters`) and
//! in a JSONata form (`Arguments`).
//!
//! The transform and training examples are single states in the
//! documentation; they are completed here into whole machines in the style
//! of the labeling example, keeping the documented state exactly.

use asl_builder::types::sagemaker::{
    AlgorithmSpecification, AnnotationConsolidationConfig, AppSpecification, Channel,
    CompressionType, ContentClassifier, CreateLabelingJob, CreateProcessingJob, CreateTrainingJob,
    CreateTransformJob, DataSource, HumanTaskConfig, LabelingJobDataAttributes,
    LabelingJobDataSource, LabelingJobInputConfig, LabelingJobOutputConfig,
    LabelingJobS3DataSource, LabelingJobStoppingConditions, OutputDataConfig,
    ProcessingClusterConfig, ProcessingInstanceType, ProcessingResources, ResourceConfig,
    S3DataDistribution, S3DataSource, S3DataType, SageMakerOperation, StoppingCondition,
    TrainingInputMode, TrainingInstanceType, TransformDataSource, TransformInput,
    TransformInstanceType, TransformOutput, TransformResources, TransformS3DataSource, UiConfig,
};
use asl_builder::types::{Jsonata, JsonataOr, Nullable, Path, Payload, QueryLanguage};
use asl_builder::{
    BuildError, Built, Catch, ChoiceRef, FailSpec, Retry, StateMachineBuilder, StateRef, TaskSpec,
    TerminalRef, cond, path, ref_path,
};

/// The machine builder for `language`: JSONata machines say so at the top.
fn machine(language: QueryLanguage) -> StateMachineBuilder {
    match language {
        QueryLanguage::JsonPath => StateMachineBuilder::new(),
        QueryLanguage::Jsonata => StateMachineBuilder::new().query_language(QueryLanguage::Jsonata),
    }
}

/// `ValidateOutput`: succeed when the job's ARN field is not empty.
fn validate_output(
    sm: &mut StateMachineBuilder,
    language: QueryLanguage,
    names: [&str; 3],
    arn_field: &str,
    fail: FailSpec,
) -> ChoiceRef {
    let [check_name, ok_name, fail_name] = names;
    let check = sm.choice(check_name);
    let ok: TerminalRef = sm.succeed(ok_name);
    let failed = sm.fail(fail_name, fail);
    let not_empty = match language {
        QueryLanguage::JsonPath => {
            cond::not(cond::string_equals(Path::input().field(arn_field), ""))
        }
        QueryLanguage::Jsonata => cond::jsonata(&format!("$states.input.{arn_field} != \"\"")),
    };
    sm.when(check, not_empty, ok).otherwise(check, failed);
    check
}

const INVALID_OUTPUT_CAUSE: &str = "Output is not what was expected. This could be due to a service outage or a misconfigured service integration.";

/// The transform job example.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
pub fn transform(language: QueryLanguage) -> Result<Built, BuildError> {
    let job = CreateTransformJob::builder()
        .transform_job_name("sfn-binary-classification-prediction")
        .model_name("SageMakerCreateTransformJobModel-9iFBKsYti9vr")
        .transform_input(
            TransformInput::new(TransformDataSource::new(
                TransformS3DataSource::builder()
                    .s3_data_type(S3DataType::S3Prefix)
                    .s3_uri("s3://my-s3bucket-example-1/TransformJobDataInput.txt")
                    .build(),
            ))
            .compression_type(CompressionType::None)
            .content_type("text/csv"),
        )
        .transform_output(TransformOutput::new(
            "s3://my-s3bucket-example-1/TransformJobOutputPath",
        ))
        .transform_resources(
            TransformResources::builder()
                .instance_type(TransformInstanceType::MlM4Xlarge)
                .instance_count(1)
                .build(),
        )
        .build();
    let mut sm = machine(language).timeout_seconds(3600);
    let transform = sm.task("SageMaker CreateTransformJob", job.run_sync());
    let check = validate_output(
        &mut sm,
        language,
        ["ValidateOutput", "Succeed", "Fail"],
        "TransformJobArn",
        FailSpec::new("InvalidOutput", INVALID_OUTPUT_CAUSE),
    );
    sm.start_at(transform).next(transform, check);
    sm.build()
}

/// The training job example, with its retriers and catcher.
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
pub fn training(language: QueryLanguage) -> Result<Built, BuildError> {
    let job = CreateTrainingJob::builder()
        .training_job_name("search-model")
        .resource_config(
            ResourceConfig::new()
                .instance_count(4)
                .instance_type(TrainingInstanceType::MlC48xlarge)
                .volume_size_in_gb(20),
        )
        .hyper_parameters([
            ("mode", "batch_skipgram"),
            ("epochs", "5"),
            ("min_count", "5"),
            ("sampling_threshold", "0.0001"),
            ("learning_rate", "0.025"),
            ("window_size", "5"),
            ("vector_dim", "300"),
            ("negative_samples", "5"),
            ("batch_size", "11"),
        ])
        .algorithm_specification(
            AlgorithmSpecification::new(TrainingInputMode::File).training_image("..."),
        )
        .output_data_config(OutputDataConfig::new("s3://bucket-name/doc-search/model"))
        .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(100_000))
        .role_arn("arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role")
        .input_data_config([Channel::builder()
            .channel_name("train")
            .data_source(
                DataSource::new().s3_data_source(
                    S3DataSource::builder()
                        .s3_data_type(S3DataType::S3Prefix)
                        .s3_uri("s3://bucket-name/doc-search/interim-data/training-data/")
                        .s3_data_distribution_type(S3DataDistribution::FullyReplicated)
                        .build(),
                ),
            )
            .build()])
        .build();

    let mut sm = machine(language).timeout_seconds(86_400);
    let train: StateRef = sm.task(
        "SageMaker CreateTrainingJob",
        TaskSpec::from(job.run_sync())
            .retry(
                Retry::on(["SageMaker.AmazonSageMakerException"])
                    .interval_seconds(1)
                    .max_attempts(100)
                    .backoff_rate(1.1),
            )
            .retry(
                Retry::on(["SageMaker.ResourceLimitExceededException"])
                    .interval_seconds(60)
                    .max_attempts(5000)
                    .backoff_rate(1),
            )
            .retry(
                Retry::on(["States.Timeout"])
                    .interval_seconds(1)
                    .max_attempts(5)
                    .backoff_rate(1),
            ),
    );
    let delete = sm.task("Delete Interim Data Job", delete_interim_data(language));
    let check = validate_output(
        &mut sm,
        language,
        [
            "ValidateTrainingOutput",
            "Training Succeeded",
            "Training Output Invalid",
        ],
        "TrainingJobArn",
        FailSpec::new("InvalidOutput", INVALID_OUTPUT_CAUSE),
    );
    let job_error = match language {
        QueryLanguage::JsonPath => FailSpec::default()
            .error("TrainingJobFailed".to_owned())
            .cause_path(path!("$.cause.Cause")),
        QueryLanguage::Jsonata => FailSpec::default()
            .error("TrainingJobFailed".to_owned())
            .cause(JsonataOr::Jsonata(Jsonata::new(
                "$states.input.cause.Cause",
            ))),
    };
    let job_failed = sm.fail("Sagemaker Training Job Error", job_error);
    let catch_all = match language {
        QueryLanguage::JsonPath => Catch::all().result_path(ref_path!("$.cause")),
        QueryLanguage::Jsonata => Catch::all().output(Jsonata::new(
            "$merge([$states.input, {\"cause\": $states.errorOutput}])",
        )),
    };
    sm.start_at(train)
        .next(train, delete)
        .catch(train, catch_all, job_failed)
        .next(delete, check);
    sm.build()
}

/// Deletes the interim training data with the S3 SDK integration, keeping
/// the training job's output as the state output.
fn delete_interim_data(language: QueryLanguage) -> TaskSpec {
    let spec = TaskSpec::new(asl_builder::types::Resource::sdk("s3", "deleteObject")).payload(
        Payload::object()
            .with("Bucket", "bucket-name")
            .with("Key", "doc-search/interim-data/training-data/train.txt"),
    );
    match language {
        QueryLanguage::JsonPath => spec.result_path(Nullable::Null),
        QueryLanguage::Jsonata => spec.output(Jsonata::new("$states.input")),
    }
}

/// The labeling job example (a whole machine in the documentation).
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
pub fn labeling(language: QueryLanguage) -> Result<Built, BuildError> {
    let job = CreateLabelingJob::builder()
        .labeling_job_name("example-job-name")
        .label_attribute_name("Categories")
        .input_config(
            LabelingJobInputConfig::new(LabelingJobDataSource::new().s3_data_source(
                LabelingJobS3DataSource::new("s3://s3bucket-example/manifest.json"),
            ))
            .data_attributes(LabelingJobDataAttributes::new().content_classifiers([
                ContentClassifier::FreeOfPersonallyIdentifiableInformation,
                ContentClassifier::FreeOfAdultContent,
            ])),
        )
        .output_config(LabelingJobOutputConfig::new("s3://s3bucket-example/output"))
        .role_arn("arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole")
        .label_category_config_s3_uri("s3://s3bucket-example/labelcategories.json")
        .stopping_conditions(
            LabelingJobStoppingConditions::new()
                .max_human_labeled_object_count(10_000)
                .max_percentage_of_input_dataset_labeled(100),
        )
        .human_task_config(
            HumanTaskConfig::builder()
                .annotation_consolidation_config(AnnotationConsolidationConfig::new(
                    "arn:aws:lambda:us-west-2:123456789012:function:ACS-TextMultiClass",
                ))
                .pre_human_task_lambda_arn(
                    "arn:aws:lambda:us-west-2:123456789012:function:PRE-TextMultiClass",
                )
                .number_of_human_workers_per_data_object(1)
                .task_description("Classify the following text")
                .task_keywords(["tc", "Labeling"])
                .task_time_limit_in_seconds(300)
                .task_title("Classify short bits of text")
                .ui_config(
                    UiConfig::new()
                        .ui_template_s3_uri("s3://s3bucket-example/TextClassification.template"),
                )
                .workteam_arn(
                    "arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/ExampleTesting",
                )
                .build(),
        )
        .build();
    let mut sm = machine(language).timeout_seconds(3600);
    let label = sm.task("SageMaker CreateLabelingJob", job.run_sync());
    let check = validate_output(
        &mut sm,
        language,
        ["ValidateOutput", "Succeed", "Fail"],
        "LabelingJobArn",
        FailSpec::new("InvalidOutput", INVALID_OUTPUT_CAUSE),
    );
    sm.start_at(label).next(label, check);
    sm.build()
}

/// The processing job example, whose job name comes from the input (`$.id`).
///
/// # Errors
/// None expected: the machine is valid; the error lists any issue found.
pub fn processing(language: QueryLanguage) -> Result<Built, BuildError> {
    let name = match language {
        QueryLanguage::JsonPath => CreateProcessingJob::builder()
            .processing_job_name(path!("$.id"))
            .processing_resources(processing_resources())
            .app_specification(app())
            .role_arn(PROCESSING_ROLE)
            .build(),
        QueryLanguage::Jsonata => CreateProcessingJob::builder()
            .processing_job_name(Jsonata::new("$states.input.id"))
            .processing_resources(processing_resources())
            .app_specification(app())
            .role_arn(PROCESSING_ROLE)
            .build(),
    };
    let mut sm = machine(language).timeout_seconds(3600);
    let process = sm.task("SageMaker CreateProcessingJob Sync", name.run_sync());
    let check = validate_output(
        &mut sm,
        language,
        ["ValidateOutput", "Succeed", "Fail"],
        "ProcessingJobArn",
        FailSpec::new(
            "InvalidConnectorOutput",
            "Connector output is not what was expected. This could be due to a service outage or a misconfigured connector.",
        ),
    );
    sm.start_at(process).next(process, check);
    sm.build()
}

const PROCESSING_ROLE: &str =
    "arn:aws:iam::123456789012:role/SM-003-CreateProcessingJobAPIExecutionRole";

fn processing_resources() -> ProcessingResources {
    ProcessingResources::new(
        ProcessingClusterConfig::new(10)
            .instance_count(1)
            .instance_type(ProcessingInstanceType::MlT3Medium),
    )
}

fn app() -> AppSpecification {
    AppSpecification::new(
        "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3",
    )
}
