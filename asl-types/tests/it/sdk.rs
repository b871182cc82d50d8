//! Feature `sdk`: the nine requests to and from `aws-sdk-sagemaker`'s inputs.
//!
//! Each SDK input is built by hand with the SDK's builders from the values of
//! a request written from the AWS docs (the four examples of the page "Create
//! and manage SageMaker jobs with Step Functions", and the hand-written
//! fixtures of the other five operations with their dynamic members given
//! values); converted into the typed request it must write exactly that JSON,
//! and converted back it must equal the SDK input it came from.

use std::fmt::Debug;

use asl_types::sagemaker::{
    CreateEndpoint, CreateEndpointConfig, CreateHyperParameterTuningJob, CreateLabelingJob,
    CreateModel, CreateProcessingJob, CreateTrainingJob, CreateTransformJob, S3DataSource,
    S3DataType, SdkError, SdkErrorKind, TrainingInstanceType, UpdateEndpoint,
};
use asl_types::{Json, Path, Template};
use aws_sdk_sagemaker::operation::{
    create_endpoint::CreateEndpointInput, create_endpoint_config::CreateEndpointConfigInput,
    create_hyper_parameter_tuning_job::CreateHyperParameterTuningJobInput,
    create_labeling_job::CreateLabelingJobInput, create_model::CreateModelInput,
    create_processing_job::CreateProcessingJobInput, create_training_job::CreateTrainingJobInput,
    create_transform_job::CreateTransformJobInput, update_endpoint::UpdateEndpointInput,
};
use aws_sdk_sagemaker::types as sdk;

fn fixture(name: &str) -> Json {
    let path = format!(
        "{}/tests/fixtures/sagemaker/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// SDK → typed: writes `expected`; typed → SDK: the input it came from.
fn both_ways<S, T>(sdk_input: &S, expected: &Json) -> T
where
    S: Clone + PartialEq + Debug,
    T: Template + Debug + TryFrom<S, Error = SdkError>,
    for<'a> S: TryFrom<&'a T, Error = SdkError>,
{
    let typed = T::try_from(sdk_input.clone()).unwrap();
    let written: Json = serde_json::to_string(&typed).unwrap().parse().unwrap();
    assert_eq!(&written, expected);
    assert_eq!(&S::try_from(&typed).unwrap(), sdk_input);
    typed
}

fn json(text: &str) -> Json {
    text.parse().unwrap()
}

fn s3_prefix(uri: &str) -> sdk::DataSource {
    sdk::DataSource::builder()
        .s3_data_source(
            sdk::S3DataSource::builder()
                .s3_data_type(sdk::S3DataType::S3Prefix)
                .s3_uri(uri)
                .build(),
        )
        .build()
}

fn tag(key: &str, value: &str) -> sdk::Tag {
    sdk::Tag::builder().key(key).value(value).build()
}

#[test]
fn documented_training_job() {
    let input = CreateTrainingJobInput::builder()
        .training_job_name("search-model")
        .resource_config(
            sdk::ResourceConfig::builder()
                .instance_count(4)
                .instance_type(sdk::TrainingInstanceType::MlC48Xlarge)
                .volume_size_in_gb(20)
                .build(),
        )
        .hyper_parameters("mode", "batch_skipgram")
        .hyper_parameters("epochs", "5")
        .hyper_parameters("min_count", "5")
        .hyper_parameters("sampling_threshold", "0.0001")
        .hyper_parameters("learning_rate", "0.025")
        .hyper_parameters("window_size", "5")
        .hyper_parameters("vector_dim", "300")
        .hyper_parameters("negative_samples", "5")
        .hyper_parameters("batch_size", "11")
        .algorithm_specification(
            sdk::AlgorithmSpecification::builder()
                .training_image("...")
                .training_input_mode(sdk::TrainingInputMode::File)
                .build(),
        )
        .output_data_config(
            sdk::OutputDataConfig::builder()
                .s3_output_path("s3://bucket-name/doc-search/model")
                .build(),
        )
        .stopping_condition(
            sdk::StoppingCondition::builder()
                .max_runtime_in_seconds(100_000)
                .build(),
        )
        .role_arn("arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role")
        .input_data_config(
            sdk::Channel::builder()
                .channel_name("train")
                .data_source(
                    sdk::DataSource::builder()
                        .s3_data_source(
                            sdk::S3DataSource::builder()
                                .s3_data_type(sdk::S3DataType::S3Prefix)
                                .s3_uri("s3://bucket-name/doc-search/interim-data/training-data/")
                                .s3_data_distribution_type(sdk::S3DataDistribution::FullyReplicated)
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .build()
        .unwrap();
    let typed: CreateTrainingJob = both_ways(&input, &fixture("seed-training"));
    // The map came out of a `HashMap`: sorted by key.
    let keys: Vec<&str> = typed
        .hyper_parameters
        .as_ref()
        .and_then(|v| v.literal())
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys[..3], ["batch_size", "epochs", "learning_rate"]);
}

#[test]
fn documented_transform_job() {
    let input = CreateTransformJobInput::builder()
        .model_name("SageMakerCreateTransformJobModel-9iFBKsYti9vr")
        .transform_input(
            sdk::TransformInput::builder()
                .compression_type(sdk::CompressionType::None)
                .content_type("text/csv")
                .data_source(
                    sdk::TransformDataSource::builder()
                        .s3_data_source(
                            sdk::TransformS3DataSource::builder()
                                .s3_data_type(sdk::S3DataType::S3Prefix)
                                .s3_uri("s3://my-s3bucket-example-1/TransformJobDataInput.txt")
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .transform_output(
            sdk::TransformOutput::builder()
                .s3_output_path("s3://my-s3bucket-example-1/TransformJobOutputPath")
                .build(),
        )
        .transform_resources(
            sdk::TransformResources::builder()
                .instance_count(1)
                .instance_type(sdk::TransformInstanceType::MlM4Xlarge)
                .build(),
        )
        .transform_job_name("sfn-binary-classification-prediction")
        .build()
        .unwrap();
    let _: CreateTransformJob = both_ways(&input, &fixture("seed-transform"));
}

#[test]
fn documented_labeling_job() {
    let input = CreateLabelingJobInput::builder()
        .human_task_config(
            sdk::HumanTaskConfig::builder()
                .annotation_consolidation_config(
                    sdk::AnnotationConsolidationConfig::builder()
                        .annotation_consolidation_lambda_arn(
                            "arn:aws:lambda:us-west-2:123456789012:function:ACS-TextMultiClass",
                        )
                        .build(),
                )
                .number_of_human_workers_per_data_object(1)
                .pre_human_task_lambda_arn(
                    "arn:aws:lambda:us-west-2:123456789012:function:PRE-TextMultiClass",
                )
                .task_description("Classify the following text")
                .task_keywords("tc")
                .task_keywords("Labeling")
                .task_time_limit_in_seconds(300)
                .task_title("Classify short bits of text")
                .ui_config(
                    sdk::UiConfig::builder()
                        .ui_template_s3_uri("s3://s3bucket-example/TextClassification.template")
                        .build(),
                )
                .workteam_arn(
                    "arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/ExampleTesting",
                )
                .build(),
        )
        .input_config(
            sdk::LabelingJobInputConfig::builder()
                .data_attributes(
                    sdk::LabelingJobDataAttributes::builder()
                        .content_classifiers(
                            sdk::ContentClassifier::FreeOfPersonallyIdentifiableInformation,
                        )
                        .content_classifiers(sdk::ContentClassifier::FreeOfAdultContent)
                        .build(),
                )
                .data_source(
                    sdk::LabelingJobDataSource::builder()
                        .s3_data_source(
                            sdk::LabelingJobS3DataSource::builder()
                                .manifest_s3_uri("s3://s3bucket-example/manifest.json")
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .label_attribute_name("Categories")
        .label_category_config_s3_uri("s3://s3bucket-example/labelcategories.json")
        .labeling_job_name("example-job-name")
        .output_config(
            sdk::LabelingJobOutputConfig::builder()
                .s3_output_path("s3://s3bucket-example/output")
                .build(),
        )
        .role_arn("arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole")
        .stopping_conditions(
            sdk::LabelingJobStoppingConditions::builder()
                .max_human_labeled_object_count(10_000)
                .max_percentage_of_input_dataset_labeled(100)
                .build(),
        )
        .build()
        .unwrap();
    let _: CreateLabelingJob = both_ways(&input, &fixture("seed-labeling"));
}

/// The documented processing job names itself with `$.id`: the SDK cannot
/// take that; with a literal name it converts both ways.
#[test]
fn documented_processing_job() {
    let documented: CreateProcessingJob =
        asl_types::read::from_json(&fixture("seed-processing")).unwrap();
    let err = CreateProcessingJobInput::try_from(&documented).unwrap_err();
    assert_eq!(err.pointer(), "/ProcessingJobName");
    assert_eq!(err.kind(), &SdkErrorKind::Dynamic);

    let input = CreateProcessingJobInput::builder()
        .app_specification(
            sdk::AppSpecification::builder()
                .image_uri(
                    "737474898029.dkr.ecr.sa-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3",
                )
                .build(),
        )
        .processing_resources(
            sdk::ProcessingResources::builder()
                .cluster_config(
                    sdk::ProcessingClusterConfig::builder()
                        .instance_count(1)
                        .instance_type(sdk::ProcessingInstanceType::MlT3Medium)
                        .volume_size_in_gb(10)
                        .build(),
                )
                .build(),
        )
        .role_arn("arn:aws:iam::123456789012:role/SM-003-CreateProcessingJobAPIExecutionRole")
        .processing_job_name("job-1")
        .build()
        .unwrap();
    let mut expected = fixture("seed-processing");
    let Json::Object(members) = &mut expected else {
        panic!("an object")
    };
    members.shift_remove("ProcessingJobName.$").unwrap();
    members.insert("ProcessingJobName".to_owned(), Json::String("job-1".into()));
    let _: CreateProcessingJob = both_ways(&input, &expected);
}

/// `create-model.jsonpath.json` with its paths given values.
#[test]
fn model() {
    let input = CreateModelInput::builder()
        .model_name("churn-model")
        .primary_container(
            sdk::ContainerDefinition::builder()
                .image("382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1")
                .mode(sdk::ContainerMode::SingleModel)
                .model_data_url("s3://ml-bucket/model.tar.gz")
                .environment("SAGEMAKER_PROGRAM", "inference.py")
                .environment("SAGEMAKER_REGION", "us-east-1")
                .build(),
        )
        .execution_role_arn("arn:aws:iam::123456789012:role/SageMakerRole")
        .vpc_config(
            sdk::VpcConfig::builder()
                .security_group_ids("sg-0123abcd")
                .subnets("subnet-0123abcd")
                .build(),
        )
        .enable_network_isolation(false)
        .tags(tag("model", "churn-model"))
        .build()
        .unwrap();
    let expected = json(
        r#"{
  "ModelName": "churn-model",
  "PrimaryContainer": {
    "Image": "382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
    "Mode": "SingleModel",
    "ModelDataUrl": "s3://ml-bucket/model.tar.gz",
    "Environment": { "SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_REGION": "us-east-1" }
  },
  "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
  "VpcConfig": { "SecurityGroupIds": ["sg-0123abcd"], "Subnets": ["subnet-0123abcd"] },
  "EnableNetworkIsolation": false,
  "Tags": [{ "Key": "model", "Value": "churn-model" }]
}"#,
    );
    let _: CreateModel = both_ways(&input, &expected);
}

/// `create-endpoint-config.jsonpath.json` with its paths given values: floats
/// (`InitialVariantWeight` is the SDK's `f32`) come back as written.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one SDK request built by hand, member by member"
)]
fn endpoint_config() {
    let input = CreateEndpointConfigInput::builder()
        .endpoint_config_name("churn-config")
        .production_variants(
            sdk::ProductionVariant::builder()
                .variant_name("AllTraffic")
                .model_name("churn-model")
                .initial_instance_count(1)
                .instance_type(sdk::ProductionVariantInstanceType::MlM5Large)
                .initial_variant_weight(1.0)
                .build(),
        )
        .production_variants(
            sdk::ProductionVariant::builder()
                .variant_name("Serverless")
                .model_name("churn-model-v2")
                .initial_variant_weight(0.25)
                .serverless_config(
                    sdk::ProductionVariantServerlessConfig::builder()
                        .memory_size_in_mb(2048)
                        .max_concurrency(5)
                        .build(),
                )
                .build(),
        )
        .data_capture_config(
            sdk::DataCaptureConfig::builder()
                .enable_capture(true)
                .initial_sampling_percentage(50)
                .destination_s3_uri("s3://ml-bucket/capture")
                .capture_options(
                    sdk::CaptureOption::builder()
                        .capture_mode(sdk::CaptureMode::Input)
                        .build(),
                )
                .capture_options(
                    sdk::CaptureOption::builder()
                        .capture_mode(sdk::CaptureMode::Output)
                        .build(),
                )
                .capture_content_type_header(
                    sdk::CaptureContentTypeHeader::builder()
                        .csv_content_types("text/csv")
                        .build(),
                )
                .build(),
        )
        .kms_key_id("alias/endpoint")
        .async_inference_config(
            sdk::AsyncInferenceConfig::builder()
                .client_config(
                    sdk::AsyncInferenceClientConfig::builder()
                        .max_concurrent_invocations_per_instance(4)
                        .build(),
                )
                .output_config(
                    sdk::AsyncInferenceOutputConfig::builder()
                        .s3_output_path("s3://ml-bucket/async")
                        .notification_config(
                            sdk::AsyncInferenceNotificationConfig::builder()
                                .success_topic("arn:aws:sns:us-east-1:123456789012:done")
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .tags(tag("env", "prod"))
        .build()
        .unwrap();
    let expected = json(
        r#"{
  "EndpointConfigName": "churn-config",
  "ProductionVariants": [
    {
      "VariantName": "AllTraffic",
      "ModelName": "churn-model",
      "InitialInstanceCount": 1,
      "InstanceType": "ml.m5.large",
      "InitialVariantWeight": 1
    },
    {
      "VariantName": "Serverless",
      "ModelName": "churn-model-v2",
      "InitialVariantWeight": 0.25,
      "ServerlessConfig": { "MemorySizeInMB": 2048, "MaxConcurrency": 5 }
    }
  ],
  "DataCaptureConfig": {
    "EnableCapture": true,
    "InitialSamplingPercentage": 50,
    "DestinationS3Uri": "s3://ml-bucket/capture",
    "CaptureOptions": [{ "CaptureMode": "Input" }, { "CaptureMode": "Output" }],
    "CaptureContentTypeHeader": { "CsvContentTypes": ["text/csv"] }
  },
  "KmsKeyId": "alias/endpoint",
  "AsyncInferenceConfig": {
    "ClientConfig": { "MaxConcurrentInvocationsPerInstance": 4 },
    "OutputConfig": {
      "S3OutputPath": "s3://ml-bucket/async",
      "NotificationConfig": { "SuccessTopic": "arn:aws:sns:us-east-1:123456789012:done" }
    }
  },
  "Tags": [{ "Key": "env", "Value": "prod" }]
}"#,
    );
    let _: CreateEndpointConfig = both_ways(&input, &expected);
}

/// `create-endpoint.jsonpath.json` with its paths given values.
#[test]
fn endpoint() {
    let input = CreateEndpointInput::builder()
        .endpoint_name("churn-endpoint")
        .endpoint_config_name("churn-config")
        .deployment_config(
            sdk::DeploymentConfig::builder()
                .blue_green_update_policy(
                    sdk::BlueGreenUpdatePolicy::builder()
                        .traffic_routing_configuration(
                            sdk::TrafficRoutingConfig::builder()
                                .r#type(sdk::TrafficRoutingConfigType::Canary)
                                .wait_interval_in_seconds(300)
                                .canary_size(
                                    sdk::CapacitySize::builder()
                                        .r#type(sdk::CapacitySizeType::InstanceCount)
                                        .value(1)
                                        .build(),
                                )
                                .build(),
                        )
                        .termination_wait_in_seconds(600)
                        .build(),
                )
                .auto_rollback_configuration(
                    sdk::AutoRollbackConfig::builder()
                        .alarms(sdk::Alarm::builder().alarm_name("endpoint-5xx").build())
                        .build(),
                )
                .build(),
        )
        .tags(tag("env", "prod"))
        .build()
        .unwrap();
    let expected = json(
        r#"{
  "EndpointName": "churn-endpoint",
  "EndpointConfigName": "churn-config",
  "DeploymentConfig": {
    "BlueGreenUpdatePolicy": {
      "TrafficRoutingConfiguration": {
        "Type": "CANARY",
        "WaitIntervalInSeconds": 300,
        "CanarySize": { "Type": "INSTANCE_COUNT", "Value": 1 }
      },
      "TerminationWaitInSeconds": 600
    },
    "AutoRollbackConfiguration": { "Alarms": [{ "AlarmName": "endpoint-5xx" }] }
  },
  "Tags": [{ "Key": "env", "Value": "prod" }]
}"#,
    );
    let _: CreateEndpoint = both_ways(&input, &expected);
}

/// `update-endpoint.jsonpath.json` with its paths given values.
#[test]
fn update_endpoint() {
    let input = UpdateEndpointInput::builder()
        .endpoint_name("churn-endpoint")
        .endpoint_config_name("churn-config-v2")
        .retain_all_variant_properties(true)
        .exclude_retained_variant_properties(
            sdk::VariantProperty::builder()
                .variant_property_type(sdk::VariantPropertyType::DesiredInstanceCount)
                .build(),
        )
        .deployment_config(
            sdk::DeploymentConfig::builder()
                .rolling_update_policy(
                    sdk::RollingUpdatePolicy::builder()
                        .maximum_batch_size(
                            sdk::CapacitySize::builder()
                                .r#type(sdk::CapacitySizeType::CapacityPercent)
                                .value(25)
                                .build(),
                        )
                        .wait_interval_in_seconds(60)
                        .build(),
                )
                .build(),
        )
        .retain_deployment_config(false)
        .build()
        .unwrap();
    let expected = json(
        r#"{
  "EndpointName": "churn-endpoint",
  "EndpointConfigName": "churn-config-v2",
  "RetainAllVariantProperties": true,
  "ExcludeRetainedVariantProperties": [{ "VariantPropertyType": "DesiredInstanceCount" }],
  "DeploymentConfig": {
    "RollingUpdatePolicy": {
      "MaximumBatchSize": { "Type": "CAPACITY_PERCENT", "Value": 25 },
      "WaitIntervalInSeconds": 60
    }
  },
  "RetainDeploymentConfig": false
}"#,
    );
    let _: UpdateEndpoint = both_ways(&input, &expected);
}

/// `create-hyper-parameter-tuning-job.jsonpath.json` with its paths given
/// values.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one SDK request built by hand, member by member"
)]
fn hyper_parameter_tuning_job() {
    let input = CreateHyperParameterTuningJobInput::builder()
        .hyper_parameter_tuning_job_name("churn-tuning")
        .hyper_parameter_tuning_job_config(
            sdk::HyperParameterTuningJobConfig::builder()
                .strategy(sdk::HyperParameterTuningJobStrategyType::Bayesian)
                .hyper_parameter_tuning_job_objective(
                    sdk::HyperParameterTuningJobObjective::builder()
                        .r#type(sdk::HyperParameterTuningJobObjectiveType::Maximize)
                        .metric_name("validation:auc")
                        .build(),
                )
                .resource_limits(
                    sdk::ResourceLimits::builder()
                        .max_number_of_training_jobs(20)
                        .max_parallel_training_jobs(2)
                        .build(),
                )
                .parameter_ranges(
                    sdk::ParameterRanges::builder()
                        .integer_parameter_ranges(
                            sdk::IntegerParameterRange::builder()
                                .name("max_depth")
                                .min_value("3")
                                .max_value("10")
                                .scaling_type(sdk::HyperParameterScalingType::Linear)
                                .build(),
                        )
                        .continuous_parameter_ranges(
                            sdk::ContinuousParameterRange::builder()
                                .name("eta")
                                .min_value("0.1")
                                .max_value("0.5")
                                .scaling_type(sdk::HyperParameterScalingType::Logarithmic)
                                .build(),
                        )
                        .categorical_parameter_ranges(
                            sdk::CategoricalParameterRange::builder()
                                .name("booster")
                                .values("gbtree")
                                .values("dart")
                                .build(),
                        )
                        .build(),
                )
                .training_job_early_stopping_type(sdk::TrainingJobEarlyStoppingType::Auto)
                .tuning_job_completion_criteria(
                    sdk::TuningJobCompletionCriteria::builder()
                        .target_objective_metric_value(0.95)
                        .build(),
                )
                .build(),
        )
        .training_job_definition(
            sdk::HyperParameterTrainingJobDefinition::builder()
                .static_hyper_parameters("objective", "binary:logistic")
                .static_hyper_parameters("num_round", "100")
                .algorithm_specification(
                    sdk::HyperParameterAlgorithmSpecification::builder()
                        .training_image("382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1")
                        .training_input_mode(sdk::TrainingInputMode::File)
                        .build(),
                )
                .role_arn("arn:aws:iam::123456789012:role/SageMakerRole")
                .input_data_config(
                    sdk::Channel::builder()
                        .channel_name("train")
                        .data_source(s3_prefix("s3://ml-bucket/train/"))
                        .content_type("text/csv")
                        .build(),
                )
                .output_data_config(
                    sdk::OutputDataConfig::builder()
                        .s3_output_path("s3://ml-bucket/tuning")
                        .build(),
                )
                .resource_config(
                    sdk::ResourceConfig::builder()
                        .instance_type(sdk::TrainingInstanceType::MlM5Xlarge)
                        .instance_count(1)
                        .volume_size_in_gb(10)
                        .build(),
                )
                .stopping_condition(
                    sdk::StoppingCondition::builder()
                        .max_runtime_in_seconds(3600)
                        .build(),
                )
                .build(),
        )
        .tags(tag("stage", "tuning"))
        .build()
        .unwrap();
    let expected = json(
        r#"{
  "HyperParameterTuningJobName": "churn-tuning",
  "HyperParameterTuningJobConfig": {
    "Strategy": "Bayesian",
    "HyperParameterTuningJobObjective": { "Type": "Maximize", "MetricName": "validation:auc" },
    "ResourceLimits": { "MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2 },
    "ParameterRanges": {
      "IntegerParameterRanges": [
        { "Name": "max_depth", "MinValue": "3", "MaxValue": "10", "ScalingType": "Linear" }
      ],
      "ContinuousParameterRanges": [
        { "Name": "eta", "MinValue": "0.1", "MaxValue": "0.5", "ScalingType": "Logarithmic" }
      ],
      "CategoricalParameterRanges": [
        { "Name": "booster", "Values": ["gbtree", "dart"] }
      ]
    },
    "TrainingJobEarlyStoppingType": "Auto",
    "TuningJobCompletionCriteria": { "TargetObjectiveMetricValue": 0.95 }
  },
  "TrainingJobDefinition": {
    "StaticHyperParameters": { "objective": "binary:logistic", "num_round": "100" },
    "AlgorithmSpecification": {
      "TrainingImage": "382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
      "TrainingInputMode": "File"
    },
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
    "InputDataConfig": [
      {
        "ChannelName": "train",
        "DataSource": {
          "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://ml-bucket/train/" }
        },
        "ContentType": "text/csv"
      }
    ],
    "OutputDataConfig": { "S3OutputPath": "s3://ml-bucket/tuning" },
    "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10 },
    "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
  },
  "Tags": [{ "Key": "stage", "Value": "tuning" }]
}"#,
    );
    let _: CreateHyperParameterTuningJob = both_ways(&input, &expected);
}

/// Each hand-written JSONPath fixture has dynamic members: converting it to
/// the SDK names the first one, in model order (JSONata fixtures likewise).
#[test]
fn dynamic_members_name_their_pointer() {
    fn first_dynamic<T, S>(name: &str) -> String
    where
        T: Template + Debug,
        for<'a> S: TryFrom<&'a T, Error = SdkError> + Debug,
    {
        let typed: T = asl_types::read::from_json(&fixture(name)).unwrap();
        let err = S::try_from(&typed).unwrap_err();
        assert_eq!(err.kind(), &SdkErrorKind::Dynamic, "{name}");
        err.pointer().to_owned()
    }
    for language in ["jsonpath", "jsonata"] {
        let name = |op: &str| format!("{op}.{language}");
        assert_eq!(
            first_dynamic::<CreateTrainingJob, CreateTrainingJobInput>(&name(
                "create-training-job"
            )),
            "/TrainingJobName"
        );
        assert_eq!(
            first_dynamic::<CreateModel, CreateModelInput>(&name("create-model")),
            "/ModelName"
        );
        assert_eq!(
            first_dynamic::<CreateEndpointConfig, CreateEndpointConfigInput>(&name(
                "create-endpoint-config"
            )),
            "/EndpointConfigName"
        );
        assert_eq!(
            first_dynamic::<UpdateEndpoint, UpdateEndpointInput>(&name("update-endpoint")),
            "/EndpointConfigName"
        );
        first_dynamic::<CreateEndpoint, CreateEndpointInput>(&name("create-endpoint"));
        first_dynamic::<CreateTransformJob, CreateTransformJobInput>(&name("create-transform-job"));
        first_dynamic::<CreateProcessingJob, CreateProcessingJobInput>(&name(
            "create-processing-job",
        ));
        first_dynamic::<CreateLabelingJob, CreateLabelingJobInput>(&name("create-labeling-job"));
        first_dynamic::<CreateHyperParameterTuningJob, CreateHyperParameterTuningJobInput>(&name(
            "create-hyper-parameter-tuning-job",
        ));
    }
}

/// Deep members: in a list, in a map, in a nested structure.
#[test]
fn nested_dynamic_members_name_their_pointer() {
    let mut job: CreateTrainingJob = asl_types::read::from_json(&fixture("seed-training")).unwrap();
    assert!(CreateTrainingJobInput::try_from(&job).is_ok());

    let channel = asl_types::sagemaker::Channel::builder()
        .channel_name("train")
        .data_source(
            asl_types::sagemaker::DataSource::new().s3_data_source(
                S3DataSource::builder()
                    .s3_data_type(S3DataType::S3Prefix)
                    .s3_uri(Path::input().field("uri"))
                    .build(),
            ),
        )
        .build();
    job = job.input_data_config([channel]);
    let err = CreateTrainingJobInput::try_from(&job).unwrap_err();
    assert_eq!(
        err.pointer(),
        "/InputDataConfig/0/DataSource/S3DataSource/S3Uri"
    );
    assert_eq!(
        err.to_string(),
        "/InputDataConfig/0/DataSource/S3DataSource/S3Uri: computed at run time; the SDK takes \
         only values (path, intrinsic and JSONata members cannot convert)"
    );

    let job = job
        .input_data_config(Path::input().field("channels"))
        .hyper_parameters([("epochs", Path::input().field("epochs"))]);
    let err = CreateTrainingJobInput::try_from(&job).unwrap_err();
    assert_eq!(err.pointer(), "/HyperParameters/epochs");
}

/// An SDK input without a member SageMaker requires cannot be a typed
/// request; the error names the member.
#[test]
fn missing_required_members_name_their_pointer() {
    let input = CreateEndpointInput::builder()
        .endpoint_config_name("churn-config")
        .build()
        .unwrap();
    let err = CreateEndpoint::try_from(input).unwrap_err();
    assert_eq!(err.pointer(), "/EndpointName");
    assert_eq!(err.kind(), &SdkErrorKind::Missing);

    let input = CreateTrainingJobInput::builder()
        .training_job_name("t")
        .role_arn("arn:aws:iam::123456789012:role/r")
        .output_data_config(
            sdk::OutputDataConfig::builder()
                .s3_output_path("s3://b/o")
                .build(),
        )
        .input_data_config(sdk::Channel::builder().channel_name("train").build())
        .build()
        .unwrap();
    let err = CreateTrainingJob::try_from(input).unwrap_err();
    assert_eq!(err.pointer(), "/InputDataConfig/0/DataSource");
}

/// Enum values go through their strings: one newer than either side survives
/// the trip.
#[test]
fn enums_keep_unknown_values() {
    let future = sdk::TrainingInstanceType::from("ml.future.96xlarge");
    let ours = TrainingInstanceType::from(future.clone());
    assert_eq!(
        ours,
        TrainingInstanceType::Unknown("ml.future.96xlarge".into())
    );
    assert_eq!(sdk::TrainingInstanceType::from(&ours), future);
    assert_eq!(
        TrainingInstanceType::from(sdk::TrainingInstanceType::MlM5Xlarge),
        TrainingInstanceType::MlM5Xlarge
    );
    assert_eq!(
        sdk::TrainingInstanceType::from(&TrainingInstanceType::Unknown("ml.c4.8xlarge".into())),
        sdk::TrainingInstanceType::MlC48Xlarge
    );
}

/// A member newer than the SDK version built against cannot be sent with it.
#[test]
fn members_the_sdk_lacks_are_errors() {
    let config: CreateEndpointConfig = asl_types::read::from_json(&json(
        r#"{"EndpointConfigName": "c", "ProductionVariants": []}"#,
    ))
    .unwrap();
    assert!(CreateEndpointConfigInput::try_from(&config).is_ok());
    let config: CreateEndpointConfig = asl_types::read::from_json(&json(
        r#"{"EndpointConfigName": "c", "ProductionVariants": [],
            "CrossRegionTrafficConfig": {"MaxInvocationsPerSecondPerInstance": 10,
                                         "MaxCrossRegionPercentPerEndpoint": 50}}"#,
    ))
    .unwrap();
    let err = CreateEndpointConfigInput::try_from(&config).unwrap_err();
    assert_eq!(err.pointer(), "/CrossRegionTrafficConfig");
    assert_eq!(err.kind(), &SdkErrorKind::NotInSdk);
}

/// A number the SDK's `f32` cannot hold.
#[test]
fn numbers_out_of_float_range_are_errors() {
    let variant: asl_types::sagemaker::ProductionVariant = asl_types::read::from_json(&json(
        r#"{"VariantName": "v", "InitialVariantWeight": 1e39}"#,
    ))
    .unwrap();
    let err = sdk::ProductionVariant::try_from(&variant).unwrap_err();
    assert_eq!(err.pointer(), "/InitialVariantWeight");
    assert_eq!(err.kind(), &SdkErrorKind::Number("1e39".into()));
}

/// A completed training job, as `createTrainingJob.sync` returns it (written
/// by hand from the `DescribeTrainingJob` API reference; times as Step
/// Functions returns them, epoch milliseconds).
const TRAINING_RESULT: &str = r#"{
  "TrainingJobName": "search-model",
  "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model",
  "ModelArtifacts": {"S3ModelArtifacts": "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz"},
  "TrainingJobStatus": "Completed",
  "SecondaryStatus": "Completed",
  "AlgorithmSpecification": {"TrainingImage": "...", "TrainingInputMode": "File"},
  "RoleArn": "arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role",
  "ResourceConfig": {"InstanceCount": 4, "InstanceType": "ml.c4.8xlarge", "VolumeSizeInGB": 20},
  "StoppingCondition": {"MaxRuntimeInSeconds": 100000},
  "HyperParameters": {"epochs": "5", "mode": "batch_skipgram"},
  "CreationTime": 1733050000000,
  "TrainingStartTime": 1733050060000,
  "TrainingEndTime": 1733053600000,
  "FinalMetricDataList": [{"MetricName": "validation:accuracy", "Value": 0.91, "Timestamp": 1733053500000}]
}"#;

/// An SDK `DescribeTrainingJobOutput` (say, a recorded fixture) serves as the
/// typed result of a `.sync` training task: it converts into the result
/// shape, writes the JSON Step Functions returns, passes the mock check, and
/// converts back unchanged.
#[test]
fn describe_training_job_output_as_a_typed_result() {
    use asl_types::sagemaker::SageMakerApi;
    use asl_types::sagemaker::response::{
        DescribeTrainingJobResponse, FieldValidation, TrainingJobStatus, check_result,
    };
    use aws_sdk_sagemaker::operation::describe_training_job::DescribeTrainingJobOutput;
    use aws_smithy_types::DateTime;

    let output = DescribeTrainingJobOutput::builder()
        .training_job_name("search-model")
        .training_job_arn("arn:aws:sagemaker:us-east-1:123456789012:training-job/search-model")
        .model_artifacts(
            sdk::ModelArtifacts::builder()
                .s3_model_artifacts(
                    "s3://bucket-name/doc-search/model/search-model/output/model.tar.gz",
                )
                .build(),
        )
        .training_job_status(sdk::TrainingJobStatus::Completed)
        .secondary_status(sdk::SecondaryStatus::Completed)
        .algorithm_specification(
            sdk::AlgorithmSpecification::builder()
                .training_image("...")
                .training_input_mode(sdk::TrainingInputMode::File)
                .build(),
        )
        .role_arn("arn:aws:iam::123456789012:role/docsearch-stepfunction-iam-role")
        .resource_config(
            sdk::ResourceConfig::builder()
                .instance_count(4)
                .instance_type(sdk::TrainingInstanceType::MlC48Xlarge)
                .volume_size_in_gb(20)
                .build(),
        )
        .stopping_condition(
            sdk::StoppingCondition::builder()
                .max_runtime_in_seconds(100_000)
                .build(),
        )
        .hyper_parameters("mode", "batch_skipgram")
        .hyper_parameters("epochs", "5")
        .creation_time(DateTime::from_millis(1_733_050_000_000))
        .training_start_time(DateTime::from_millis(1_733_050_060_000))
        .training_end_time(DateTime::from_millis(1_733_053_600_000))
        .final_metric_data_list(
            sdk::MetricData::builder()
                .metric_name("validation:accuracy")
                .value(0.91)
                .timestamp(DateTime::from_millis(1_733_053_500_000))
                .build(),
        )
        .build();
    let typed = DescribeTrainingJobResponse::try_from(output.clone()).unwrap();
    assert_eq!(typed.training_job_status, TrainingJobStatus::Completed);
    assert_eq!(typed.creation_time, 1_733_050_000_000);
    let written: Json = serde_json::to_string(&typed).unwrap().parse().unwrap();
    assert_eq!(written, json(TRAINING_RESULT));
    assert!(
        check_result(
            SageMakerApi::CreateTrainingJob,
            true,
            &written,
            FieldValidation::Strict
        )
        .is_empty()
    );
    assert_eq!(DescribeTrainingJobOutput::try_from(&typed).unwrap(), output);
}

/// Request-response results; an SDK output without a required member is an
/// error naming it.
#[test]
fn create_outputs_both_ways() {
    use asl_types::sagemaker::response::CreateModelOutput;
    use aws_sdk_sagemaker::operation::create_model::CreateModelOutput as SdkCreateModelOutput;

    let arn = "arn:aws:sagemaker:us-east-1:123456789012:model/churn-model";
    let output = SdkCreateModelOutput::builder().model_arn(arn).build();
    let typed = CreateModelOutput::try_from(output.clone()).unwrap();
    assert_eq!(
        serde_json::to_string(&typed).unwrap(),
        format!(r#"{{"ModelArn":"{arn}"}}"#)
    );
    assert_eq!(SdkCreateModelOutput::try_from(&typed).unwrap(), output);

    let err = CreateModelOutput::try_from(SdkCreateModelOutput::builder().build()).unwrap_err();
    assert_eq!(err.pointer(), "/ModelArn");
    assert_eq!(err.kind(), &SdkErrorKind::Missing);
}
