//! A guide: a machine learning pipeline, step by step.
//!
//! This guide builds a whole machine learning pipeline, one part per
//! section, each part a program you can run:
//!
//! ```text
//! Preprocess Data ─▶ Train Model ─▶ Evaluate Model ─▶ Good Enough? ─▶ Create Model ─▶ Create Endpoint Config ─▶ Endpoint Exists?
//! (processing job)   (training job,   (Lambda)           │ no           (SageMaker)     (SageMaker)                 │ yes            │ no
//!                     retried)           ▼               ▼                                                       Update Endpoint  Create Endpoint
//!                       │ caught     Training Failed   Model Below Threshold                                           └──────┬───────┘
//!                       └──────────▶ (Fail)            (Fail)                                                        Batch Transforms (Map)
//! ```
//!
//! It runs on an input such as
//!
//! ```json
//! { "raw_data": "s3://mlops-example/churn/raw/2024-06-01/",
//!   "endpoint_name": "churn", "endpoint_exists": true,
//!   "batches": ["s3://mlops-example/churn/batches/2024-06-01/eu/", "…"] }
//! ```
//!
//! Each step is shown in JSONPath (the default query language: `Parameters`,
//! `ResultPath`, `"Key.$"` paths and `States.*` intrinsics) and then, where
//! it differs, in JSONata (`QueryLanguage: JSONata`: `Arguments`, `Output`,
//! `{% … %}` expressions). The finished pipeline is `examples/src/mlops.rs`
//! in this repository; its JSONPath form is tested equal to
//! `examples/golden/mlops-pipeline.asl.json`, written by hand from the AWS
//! documentation, and both forms run locally in
//! `examples/tests/it/mlops.rs`.
//!
//! # 1. States, handles, `build()`
//!
//! A [`StateMachineBuilder`](crate::StateMachineBuilder) adds states one by
//! one and returns a handle for each; transitions take handles, never names.
//! [`build`](crate::StateMachineBuilder::build) assembles the machine and
//! runs the validator, reporting every issue at once. The SageMaker requests
//! are typed ([`types::sagemaker`](crate::types::sagemaker)): required
//! members are the arguments of `new(..)`, optional ones are setters, enums
//! are enums, and any member can instead be a path, an intrinsic call or a
//! JSONata expression computed when the state runs.
//!
//! # 2. Processing: a `.sync` job named after the execution
//!
//! `run_sync()` makes the task wait for the job to finish
//! (`createProcessingJob.sync`). Job names must be unique, so the name is
//! computed from the execution's name with `States.Format`. `ResultPath:
//! null` keeps the state's input as its output, for the next steps.
//!
//! ```
//! use asl_builder::types::sagemaker::{
//!     AppSpecification, CreateProcessingJob, ProcessingClusterConfig, ProcessingInput,
//!     ProcessingInstanceType, ProcessingResources, ProcessingS3DataType, ProcessingS3Input,
//!     SageMakerOperation,
//! };
//! use asl_builder::types::{Intrinsic, Nullable};
//! use asl_builder::{ctx, intrinsic, path};
//! use asl_builder::{StateMachineBuilder, TaskSpec};
//!
//! /// `States.Format(template, $$.Execution.Name)`
//! fn run_scoped(template: &str) -> Intrinsic {
//!     intrinsic::format(template, [ctx::execution().name()])
//! }
//!
//! // Required members are named, and leaving one out does not compile.
//! let job = CreateProcessingJob::builder()
//!     .processing_job_name(run_scoped("preprocess-{}"))
//!     .processing_resources(ProcessingResources::new(
//!         ProcessingClusterConfig::new(30) // VolumeSizeInGB, its one required member
//!             .instance_count(1)
//!             .instance_type(ProcessingInstanceType::MlM5Xlarge),
//!     ))
//!     .app_specification(
//!         AppSpecification::new("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
//!             .container_entrypoint(["python3", "/opt/ml/processing/code/preprocess.py"]),
//!     )
//!     .role_arn("arn:aws:iam::123456789012:role/mlops-sagemaker-execution")
//!     .processing_inputs([ProcessingInput::new("raw").s3_input(
//!         ProcessingS3Input::builder()
//!             .s3_uri(path!("$.raw_data"))
//!             .s3_data_type(ProcessingS3DataType::S3Prefix)
//!             .local_path("/opt/ml/processing/input")
//!             .build(),
//!     )])
//!     .build();
//!
//! let mut sm = StateMachineBuilder::new();
//! let preprocess = sm.task(
//!     "Preprocess Data",
//!     TaskSpec::from(job.run_sync()).result_path(Nullable::Null),
//! );
//! sm.start_at(preprocess).end(preprocess);
//! let machine = sm.build()?;
//!
//! let state = &serde_json::to_value(&machine).unwrap()["States"]["Preprocess Data"];
//! assert_eq!(state["Resource"], "arn:aws:states:::sagemaker:createProcessingJob.sync");
//! assert_eq!(
//!     state["Parameters"]["ProcessingJobName.$"],
//!     "States.Format('preprocess-{}', $$.Execution.Name)"
//! );
//! assert_eq!(state["Parameters"]["ProcessingInputs"][0]["S3Input"]["S3Uri.$"], "$.raw_data");
//! assert_eq!(state.get("ResultPath"), Some(&serde_json::Value::Null));
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! **In JSONata** the machine says `QueryLanguage: JSONata`, the same request
//! is written as `Arguments`, expressions are [`Jsonata`](crate::types::Jsonata)
//! (`$states.input` is the state input, `$states.context` the context
//! object, `&` joins strings), and `Output` replaces `ResultPath`:
//!
//! ```
//! # use asl_builder::types::sagemaker::{
//! #     AppSpecification, CreateProcessingJob, ProcessingClusterConfig, ProcessingResources,
//! #     SageMakerOperation,
//! # };
//! use asl_builder::types::{Jsonata, QueryLanguage};
//! use asl_builder::{StateMachineBuilder, TaskSpec};
//!
//! let job = CreateProcessingJob::builder()
//!     .processing_job_name(Jsonata::new("'preprocess-' & $states.context.Execution.Name"))
//!     // … the rest as above
//! #   .processing_resources(ProcessingResources::new(ProcessingClusterConfig::new(30)))
//! #   .app_specification(AppSpecification::new("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"))
//! #   .role_arn("arn:aws:iam::123456789012:role/mlops-sagemaker-execution")
//!     .build();
//! let mut sm = StateMachineBuilder::new().query_language(QueryLanguage::Jsonata);
//! let preprocess = sm.task(
//!     "Preprocess Data",
//!     TaskSpec::from(job.run_sync()).output(Jsonata::new("$states.input")),
//! );
//! sm.start_at(preprocess).end(preprocess);
//! let machine = sm.build()?;
//!
//! let state = &serde_json::to_value(&machine).unwrap()["States"]["Preprocess Data"];
//! assert_eq!(
//!     state["Arguments"]["ProcessingJobName"],
//!     "{% 'preprocess-' & $states.context.Execution.Name %}"
//! );
//! assert_eq!(state["Output"], "{% $states.input %}");
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! # 3. Training, with retries and a catch
//!
//! SageMaker throttles (`SageMaker.AmazonSageMakerException`) and runs out
//! of capacity (`SageMaker.ResourceLimitExceededException`): each gets its
//! own [`Retry`](crate::Retry) with its own back-off. Anything else — a
//! failed job is `States.TaskFailed` — is caught: the error goes to
//! `$.error` and a Fail state reports its cause. `ResultSelector` keeps two
//! members of the `DescribeTrainingJob` result and `ResultPath` puts them
//! under `$.training`.
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! use asl_builder::types::sagemaker::{
//!     AlgorithmSpecification, Channel, CreateTrainingJob, DataSource, OutputDataConfig,
//!     ResourceConfig, S3DataSource, S3DataType, SageMakerOperation, StoppingCondition,
//!     TrainingInputMode, TrainingInstanceType,
//! };
//! use asl_builder::types::{Path, Payload, ReferencePath};
//! use asl_builder::{Catch, FailSpec, Retry, StateMachineBuilder, TaskSpec};
//! # use asl_builder::types::Intrinsic;
//! # fn run_scoped(template: &str) -> Intrinsic {
//! #     asl_builder::intrinsic::format(template, [asl_builder::ctx::execution().name()])
//! # }
//!
//! let job = CreateTrainingJob::builder()
//!     .training_job_name(run_scoped("train-{}"))
//!     .role_arn("arn:aws:iam::123456789012:role/mlops-sagemaker-execution")
//!     .output_data_config(OutputDataConfig::new("s3://mlops-example/churn/models"))
//!     .build()
//! .algorithm_specification(
//!     AlgorithmSpecification::new(TrainingInputMode::File)
//!         .training_image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
//! )
//! .hyper_parameters([("objective", "binary:logistic"), ("eval_metric", "auc")])
//! .input_data_config([Channel::builder()
//!     .channel_name("train")
//!     .data_source(DataSource::new().s3_data_source(
//!         S3DataSource::builder()
//!             .s3_data_type(S3DataType::S3Prefix)
//!             .s3_uri(run_scoped("s3://mlops-example/churn/{}/train"))
//!             .build(),
//!     ))
//!     .build()])
//! .resource_config(
//!     ResourceConfig::new()
//!         .instance_count(1)
//!         .instance_type(TrainingInstanceType::MlM5Xlarge)
//!         .volume_size_in_gb(10),
//! )
//! .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(7200));
//!
//! let mut sm = StateMachineBuilder::new();
//! let train = sm.task(
//!     "Train Model",
//!     TaskSpec::from(job.run_sync())
//!         .retry(
//!             Retry::on(["SageMaker.AmazonSageMakerException"])
//!                 .interval_seconds(5)
//!                 .max_attempts(3)
//!                 .backoff_rate(2),
//!         )
//!         .retry(
//!             Retry::on(["SageMaker.ResourceLimitExceededException"])
//!                 .interval_seconds(60)
//!                 .max_attempts(10)
//!                 .backoff_rate(1),
//!         )
//!         .result_selector(
//!             Payload::object()
//!                 .with("job_name", path!("$.TrainingJobName"))
//!                 .with("model_data", path!("$.ModelArtifacts.S3ModelArtifacts")),
//!         )
//!         .result_path(ref_path!("$.training")),
//! );
//! let failed = sm.fail(
//!     "Training Failed",
//!     FailSpec::default()
//!         .error("TrainingFailed")
//!         .cause_path(path!("$.error.Cause")),
//! );
//! sm.start_at(train)
//!     .end(train)
//!     .catch(train, Catch::all().result_path(ref_path!("$.error")), failed);
//! let machine = sm.build()?;
//!
//! let state = &serde_json::to_value(&machine).unwrap()["States"]["Train Model"];
//! assert_eq!(
//!     state["Retry"][1],
//!     serde_json::json!({
//!         "ErrorEquals": ["SageMaker.ResourceLimitExceededException"],
//!         "IntervalSeconds": 60, "MaxAttempts": 10, "BackoffRate": 1
//!     })
//! );
//! assert_eq!(
//!     state["Catch"],
//!     serde_json::json!([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Training Failed"}])
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! `Catch::all()` is `States.ALL`; the builder (and the validator) keep it
//! last. A transition from a Fail state does not compile: `sm.fail(..)`
//! returns a [`TerminalRef`](crate::TerminalRef), which has no `next`.
//!
//! **In JSONata** there is no `ResultSelector` or `ResultPath`: `Output`
//! builds the state's output from `$states.input` and `$states.result`
//! (here: the input with `training` added), the catcher's `Output` sees
//! `$states.errorOutput`, and the Fail state's `Cause` is an expression:
//!
//! ```
//! use asl_builder::types::{Jsonata, QueryLanguage};
//! use asl_builder::{Catch, FailSpec, StateMachineBuilder, TaskSpec};
//!
//! # use asl_builder::types::sagemaker::{CreateTrainingJob, OutputDataConfig, SageMakerOperation};
//! # let job = CreateTrainingJob::builder()
//! #     .training_job_name(Jsonata::new("'train-' & $states.context.Execution.Name"))
//! #     .role_arn("arn:aws:iam::123456789012:role/mlops-sagemaker-execution")
//! #     .output_data_config(OutputDataConfig::new("s3://mlops-example/churn/models"))
//! #     .build();
//! let mut sm = StateMachineBuilder::new().query_language(QueryLanguage::Jsonata);
//! let train = sm.task(
//!     "Train Model",
//!     TaskSpec::from(job.run_sync())
//!         // … the retriers as above, then:
//!         .output(Jsonata::new(
//!             "$merge([$states.input, {'training': {\
//!                 'job_name': $states.result.TrainingJobName, \
//!                 'model_data': $states.result.ModelArtifacts.S3ModelArtifacts}}])",
//!         )),
//! );
//! let failed = sm.fail(
//!     "Training Failed",
//!     FailSpec::default()
//!         .error("TrainingFailed")
//!         .cause(Jsonata::new("$states.input.error.Cause")),
//! );
//! let keep_error = Jsonata::new("$merge([$states.input, {'error': $states.errorOutput}])");
//! sm.start_at(train)
//!     .end(train)
//!     .catch(train, Catch::all().output(keep_error), failed);
//! let machine = sm.build()?;
//! let json = serde_json::to_value(&machine).unwrap();
//! assert_eq!(json["States"]["Training Failed"]["Cause"], "{% $states.input.error.Cause %}");
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! # 4. Evaluation: a Lambda function
//!
//! [`TaskSpec::lambda_invoke`](crate::TaskSpec::lambda_invoke) calls
//! `arn:aws:states:::lambda:invoke` with `FunctionName` and `Payload`. The
//! function's answer is under `Payload` in the task result, so
//! `ResultSelector` reads `$.Payload.auc`. Lambda's transient service errors
//! are retried, as AWS recommends.
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! use asl_builder::types::{Path, Payload, ReferencePath};
//! use asl_builder::{Retry, StateMachineBuilder, TaskSpec};
//!
//! let training = |field: &str| path!("$.training").field(field);
//! let mut sm = StateMachineBuilder::new();
//! let evaluate = sm.task(
//!     "Evaluate Model",
//!     TaskSpec::lambda_invoke(
//!         "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
//!         Payload::object()
//!             .with("training_job", training("job_name"))
//!             .with("model_data", training("model_data")),
//!     )
//!     .result_selector(Payload::object().with("auc", path!("$.Payload.auc")))
//!     .result_path(ref_path!("$.evaluation"))
//!     .retry(
//!         Retry::on([
//!             "Lambda.ClientExecutionTimeoutException",
//!             "Lambda.ServiceException",
//!             "Lambda.AWSLambdaException",
//!             "Lambda.SdkClientException",
//!         ])
//!         .interval_seconds(2)
//!         .max_attempts(6)
//!         .backoff_rate(2),
//!     ),
//! );
//! sm.start_at(evaluate).end(evaluate);
//! let machine = sm.build()?;
//!
//! let state = &serde_json::to_value(&machine).unwrap()["States"]["Evaluate Model"];
//! assert_eq!(state["Resource"], "arn:aws:states:::lambda:invoke");
//! assert_eq!(
//!     state["Parameters"],
//!     serde_json::json!({
//!         "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
//!         "Payload": {"training_job.$": "$.training.job_name", "model_data.$": "$.training.model_data"}
//!     })
//! );
//! assert_eq!(state["ResultSelector"], serde_json::json!({"auc.$": "$.Payload.auc"}));
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! **In JSONata** the payload's values are expressions
//! (`Jsonata::new("$states.input.training.job_name")`) and the result is kept
//! with `.output(Jsonata::new("$merge([$states.input, {'evaluation': {'auc':
//! $states.result.Payload.auc}}])"))`.
//!
//! # 5. Choice on a metric threshold
//!
//! A Choice state takes rules ([`when`](crate::StateMachineBuilder::when))
//! and a default ([`otherwise`](crate::StateMachineBuilder::otherwise)).
//! The comparisons are in [`cond`](crate::cond); numbers are written as
//! given (`0.9` stays `0.9`).
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! use asl_builder::types::Path;
//! use asl_builder::{FailSpec, PassSpec, StateMachineBuilder, cond};
//!
//! let mut sm = StateMachineBuilder::new();
//! let good_enough = sm.choice("Good Enough?");
//! let deploy = sm.pass("Create Model", PassSpec::new()); // stands in for the next step
//! let below = sm.fail(
//!     "Model Below Threshold",
//!     FailSpec::new("ModelBelowThreshold", "the validation AUC is below 0.9"),
//! );
//! let auc = path!("$.evaluation.auc");
//! sm.start_at(good_enough).end(deploy);
//! sm.when(good_enough, cond::numeric_greater_than_equals(auc, 0.9), deploy)
//!     .otherwise(good_enough, below);
//! let machine = sm.build()?;
//!
//! assert_eq!(
//!     serde_json::to_value(&machine).unwrap()["States"]["Good Enough?"],
//!     serde_json::json!({
//!         "Type": "Choice",
//!         "Choices": [{"Variable": "$.evaluation.auc", "NumericGreaterThanEquals": 0.9, "Next": "Create Model"}],
//!         "Default": "Model Below Threshold"
//!     })
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! With `#[derive(TaskInput)]` on a struct describing the input, the
//! variable is a typed path (`Input::path().evaluation().auc()`), and a
//! string comparison on a number does not compile.
//!
//! **In JSONata** a rule is a condition:
//! `cond::jsonata("$states.input.evaluation.auc >= 0.9")`.
//!
//! # 6. Model, endpoint config, create or update the endpoint
//!
//! These three are request-response calls (`.request_response()`): they
//! return as soon as SageMaker accepts them. `.run_sync()` exists only for
//! the job APIs, so it does not compile on them:
//!
//! ```compile_fail
//! use asl_builder::types::sagemaker::{CreateEndpoint, SageMakerOperation};
//! let _ = CreateEndpoint::builder()
//!     .endpoint_name("churn")
//!     .endpoint_config_name("churn-config")
//!     .build()
//!     .run_sync(); // no `.sync` for CreateEndpoint
//! ```
//!
//! Whether the endpoint exists comes with the input (`$.endpoint_exists`):
//! a second Choice goes to `UpdateEndpoint` or `CreateEndpoint`.
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! use asl_builder::types::sagemaker::{
//!     ContainerDefinition, CreateEndpoint, CreateEndpointConfig, CreateModel, ProductionVariant,
//!     ProductionVariantInstanceType, SageMakerOperation, UpdateEndpoint,
//! };
//! use asl_builder::types::{Nullable, Path};
//! use asl_builder::{StateMachineBuilder, TaskSpec, cond};
//! # use asl_builder::types::Intrinsic;
//! # fn run_scoped(template: &str) -> Intrinsic {
//! #     asl_builder::intrinsic::format(template, [asl_builder::ctx::execution().name()])
//! # }
//!
//! let model = CreateModel::new(run_scoped("churn-{}"))
//!     .execution_role_arn("arn:aws:iam::123456789012:role/mlops-sagemaker-execution")
//!     .primary_container(
//!         ContainerDefinition::new()
//!             .image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
//!             .model_data_url(path!("$.training.model_data")),
//!     );
//! let config = CreateEndpointConfig::builder()
//!     .endpoint_config_name(run_scoped("churn-{}"))
//!     .production_variants([ProductionVariant::new("AllTraffic")
//!         .model_name(run_scoped("churn-{}"))
//!         .initial_instance_count(1)
//!         .instance_type(ProductionVariantInstanceType::MlM5Large)])
//!     .build();
//! let endpoint = path!("$.endpoint_name");
//!
//! let mut sm = StateMachineBuilder::new();
//! let create_model = sm.task(
//!     "Create Model",
//!     TaskSpec::from(model.request_response()).result_path(Nullable::Null),
//! );
//! let create_config = sm.task(
//!     "Create Endpoint Config",
//!     TaskSpec::from(config.request_response()).result_path(Nullable::Null),
//! );
//! let exists = sm.choice("Endpoint Exists?");
//! let create = sm.task(
//!     "Create Endpoint",
//!     CreateEndpoint::builder()
//!         .endpoint_name(endpoint.clone())
//!         .endpoint_config_name(run_scoped("churn-{}"))
//!         .build()
//!         .request_response(),
//! );
//! let update = sm.task(
//!     "Update Endpoint",
//!     UpdateEndpoint::builder()
//!         .endpoint_name(endpoint)
//!         .endpoint_config_name(run_scoped("churn-{}"))
//!         .build()
//!         .request_response(),
//! );
//! sm.start_at(create_model)
//!     .next(create_model, create_config)
//!     .next(create_config, exists)
//!     .end(create)
//!     .end(update);
//! sm.when(exists, cond::boolean_equals(path!("$.endpoint_exists"), true), update)
//!     .otherwise(exists, create);
//! let machine = sm.build()?;
//!
//! let json = serde_json::to_value(&machine).unwrap();
//! assert_eq!(json["States"]["Update Endpoint"]["Resource"], "arn:aws:states:::sagemaker:updateEndpoint");
//! assert_eq!(
//!     json["States"]["Update Endpoint"]["Parameters"],
//!     serde_json::json!({
//!         "EndpointName.$": "$.endpoint_name",
//!         "EndpointConfigName.$": "States.Format('churn-{}', $$.Execution.Name)"
//!     })
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! **In JSONata** the names are `Jsonata::new("'churn-' &
//! $states.context.Execution.Name")`, the condition is
//! `cond::jsonata("$states.input.endpoint_exists = true")`, and
//! `.output(Jsonata::new("$states.input"))` replaces `ResultPath: null`.
//!
//! # 7. A Map of batch transforms
//!
//! An inline Map runs a machine of its own for each item of `$.batches`,
//! built with its own [`StateMachineBuilder`](crate::StateMachineBuilder)
//! (its handles are not valid in the parent, and the reverse).
//! `ItemSelector` gives each iteration its input: the item's index and
//! value from the context object (`$$.Map.Item.Index`, `$$.Map.Item.Value`).
//! The iterations' outputs, in item order, go to `$.predictions`.
//!
//! ```
//! use asl_builder::types::sagemaker::{
//!     CreateTransformJob, S3DataType, SageMakerOperation, TransformDataSource, TransformInput,
//!     TransformInstanceType, TransformOutput, TransformResources, TransformS3DataSource,
//! };
//! use asl_builder::types::Payload;
//! use asl_builder::{ctx, intrinsic, path, ref_path};
//! use asl_builder::{MapSpec, StateMachineBuilder, TaskSpec};
//!
//! let name = ctx::execution().name();
//! let index = path!("$.index");
//! let job = CreateTransformJob::builder()
//!     .transform_job_name(intrinsic::format("churn-{}-{}", [name.clone(), index.clone()]))
//!     .model_name(intrinsic::format("churn-{}", [name.clone()]))
//!     .transform_input(
//!         TransformInput::new(TransformDataSource::new(
//!             TransformS3DataSource::builder()
//!                 .s3_data_type(S3DataType::S3Prefix)
//!                 .s3_uri(path!("$.input"))
//!                 .build(),
//!         ))
//!         .content_type("text/csv"),
//!     )
//!     .transform_output(TransformOutput::new(intrinsic::format(
//!         "s3://mlops-example/churn/{}/predictions/{}",
//!         [name, index],
//!     )))
//!     .transform_resources(
//!         TransformResources::builder()
//!             .instance_type(TransformInstanceType::MlM5Large)
//!             .instance_count(1)
//!             .build(),
//!     )
//!     .build();
//!
//! let mut batch = StateMachineBuilder::new();
//! let score = batch.task("Transform Batch", TaskSpec::from(job.run_sync()));
//! batch.start_at(score).end(score);
//!
//! let mut sm = StateMachineBuilder::new();
//! let transforms = sm.map(
//!     "Batch Transforms",
//!     MapSpec::inline(batch)
//!         .items_path(ref_path!("$.batches"))
//!         .item_selector(
//!             Payload::object()
//!                 .with("index", ctx::map().item().index())
//!                 .with("input", ctx::map().item().value()),
//!         )
//!         .max_concurrency(2)
//!         .result_path(ref_path!("$.predictions")),
//! );
//! sm.start_at(transforms).end(transforms);
//! let machine = sm.build()?;
//!
//! let map = &serde_json::to_value(&machine).unwrap()["States"]["Batch Transforms"];
//! assert_eq!(map["ItemProcessor"]["ProcessorConfig"], serde_json::json!({"Mode": "INLINE"}));
//! assert_eq!(
//!     map["ItemSelector"],
//!     serde_json::json!({"index.$": "$$.Map.Item.Index", "input.$": "$$.Map.Item.Value"})
//! );
//! let task = &map["ItemProcessor"]["States"]["Transform Batch"];
//! assert_eq!(
//!     task["Parameters"]["TransformJobName.$"],
//!     "States.Format('churn-{}-{}', $$.Execution.Name, $.index)"
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! **In JSONata** the items are an expression
//! (`.items_expr(Jsonata::new("$states.input.batches"))`), the selector's
//! values are `$states.context.Map.Item.Index` and `…Value`, and the Map's
//! `Output` merges `$states.result` (the array) into its input.
//!
//! # 8. The whole pipeline
//!
//! The parts, linked: processing, then training (caught to a Fail state),
//! evaluation, the threshold, the deployment, the Map. The requests are
//! the ones built above (hidden here; see `examples/src/mlops.rs` for the
//! whole file); the states and their links are all shown.
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! # use asl_builder::types::sagemaker::*;
//! # use asl_builder::types::Intrinsic;
//! use asl_builder::types::{Nullable, Path, Payload, ReferencePath};
//! use asl_builder::{Catch, FailSpec, MapSpec, Retry, StateMachineBuilder, TaskSpec, cond};
//! # const ROLE: &str = "arn:aws:iam::123456789012:role/mlops-sagemaker-execution";
//! # const XGBOOST: &str = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
//! # fn run_scoped(template: &str) -> Intrinsic { format(template, None) }
//! # fn format(template: &str, extra: Option<Path>) -> Intrinsic {
//! #     let mut args = vec![asl_builder::ctx::execution().name()];
//! #     args.extend(extra);
//! #     asl_builder::intrinsic::format(template, args)
//! # }
//! # fn preprocessing() -> CreateProcessingJob {
//! #     CreateProcessingJob::builder()
//! #         .processing_job_name(run_scoped("preprocess-{}"))
//! #         .processing_resources(ProcessingResources::new(ProcessingClusterConfig::new(30).instance_count(1).instance_type(ProcessingInstanceType::MlM5Xlarge)))
//! #         .app_specification(AppSpecification::new("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"))
//! #         .role_arn(ROLE)
//! #         .build()
//! # }
//! # fn training() -> CreateTrainingJob {
//! #     CreateTrainingJob::builder().training_job_name(run_scoped("train-{}")).role_arn(ROLE).output_data_config(OutputDataConfig::new("s3://mlops-example/churn/models")).build()
//! #         .algorithm_specification(AlgorithmSpecification::new(TrainingInputMode::File).training_image(XGBOOST))
//! #         .input_data_config([Channel::builder().channel_name("train").data_source(DataSource::new().s3_data_source(S3DataSource::builder().s3_data_type(S3DataType::S3Prefix).s3_uri(run_scoped("s3://mlops-example/churn/{}/train")).build())).build()])
//! #         .resource_config(ResourceConfig::new().instance_count(1).instance_type(TrainingInstanceType::MlM5Xlarge).volume_size_in_gb(10))
//! #         .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(7200))
//! # }
//! # fn model() -> CreateModel {
//! #     CreateModel::new(run_scoped("churn-{}")).execution_role_arn(ROLE).primary_container(
//! #         ContainerDefinition::new().image(XGBOOST).model_data_url(path!("$.training.model_data")))
//! # }
//! # fn endpoint_config() -> CreateEndpointConfig {
//! #     CreateEndpointConfig::builder().endpoint_config_name(run_scoped("churn-{}")).production_variants([ProductionVariant::new("AllTraffic").model_name(run_scoped("churn-{}"))
//! #         .initial_instance_count(1).instance_type(ProductionVariantInstanceType::MlM5Large)]).build()
//! # }
//! # fn transform() -> CreateTransformJob {
//! #     let index = path!("$.index");
//! #     CreateTransformJob::builder()
//! #         .transform_job_name(format("churn-{}-{}", Some(index.clone()))).model_name(run_scoped("churn-{}"))
//! #         .transform_input(TransformInput::new(TransformDataSource::new(TransformS3DataSource::builder().s3_data_type(S3DataType::S3Prefix).s3_uri(path!("$.input")).build())))
//! #         .transform_output(TransformOutput::new(format("s3://mlops-example/churn/{}/predictions/{}", Some(index))))
//! #         .transform_resources(TransformResources::builder().instance_type(TransformInstanceType::MlM5Large).instance_count(1).build())
//! #         .build()
//! # }
//! let input = |field: &str| Path::input().field(field);
//! let keep_in = |field: &str| ReferencePath::input().field(field);
//!
//! let mut sm = StateMachineBuilder::new()
//!     .comment("Preprocess, train, evaluate, deploy when good enough, then score the batches")
//!     .timeout_seconds(86_400);
//! let preprocess = sm.task(
//!     "Preprocess Data",
//!     TaskSpec::from(preprocessing().run_sync()).result_path(Nullable::Null),
//! );
//! let train = sm.task(
//!     "Train Model",
//!     TaskSpec::from(training().run_sync())
//!         .retry(Retry::on(["SageMaker.AmazonSageMakerException"]).interval_seconds(5).max_attempts(3).backoff_rate(2))
//!         .retry(Retry::on(["SageMaker.ResourceLimitExceededException"]).interval_seconds(60).max_attempts(10).backoff_rate(1))
//!         .result_selector(
//!             Payload::object()
//!                 .with("job_name", input("TrainingJobName"))
//!                 .with("model_data", input("ModelArtifacts").field("S3ModelArtifacts")),
//!         )
//!         .result_path(keep_in("training")),
//! );
//! let training_failed = sm.fail(
//!     "Training Failed",
//!     FailSpec::default().error("TrainingFailed").cause_path(input("error").field("Cause")),
//! );
//! let evaluate = sm.task(
//!     "Evaluate Model",
//!     TaskSpec::lambda_invoke(
//!         "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
//!         Payload::object()
//!             .with("training_job", input("training").field("job_name"))
//!             .with("model_data", input("training").field("model_data")),
//!     )
//!     .result_selector(Payload::object().with("auc", input("Payload").field("auc")))
//!     .result_path(keep_in("evaluation")),
//! );
//! let good_enough = sm.choice("Good Enough?");
//! let below = sm.fail(
//!     "Model Below Threshold",
//!     FailSpec::new("ModelBelowThreshold", "the validation AUC is below 0.9"),
//! );
//! let create_model = sm.task(
//!     "Create Model",
//!     TaskSpec::from(model().request_response()).result_path(Nullable::Null),
//! );
//! let create_config = sm.task(
//!     "Create Endpoint Config",
//!     TaskSpec::from(endpoint_config().request_response()).result_path(Nullable::Null),
//! );
//! let exists = sm.choice("Endpoint Exists?");
//! let create_endpoint = sm.task(
//!     "Create Endpoint",
//!     TaskSpec::from(
//!         CreateEndpoint::builder()
//!             .endpoint_name(path!("$.endpoint_name"))
//!             .endpoint_config_name(run_scoped("churn-{}"))
//!             .build()
//!             .request_response(),
//!     )
//!         .result_path(Nullable::Null),
//! );
//! let update_endpoint = sm.task(
//!     "Update Endpoint",
//!     TaskSpec::from(
//!         UpdateEndpoint::builder()
//!             .endpoint_name(path!("$.endpoint_name"))
//!             .endpoint_config_name(run_scoped("churn-{}"))
//!             .build()
//!             .request_response(),
//!     )
//!         .result_path(Nullable::Null),
//! );
//! let mut batch = StateMachineBuilder::new();
//! let score = batch.task("Transform Batch", TaskSpec::from(transform().run_sync()));
//! batch.start_at(score).end(score);
//! let transforms = sm.map(
//!     "Batch Transforms",
//!     MapSpec::inline(batch)
//!         .items_path(keep_in("batches"))
//!         .item_selector(
//!             Payload::object()
//!                 .with("index", ctx::map().item().index())
//!                 .with("input", ctx::map().item().value()),
//!         )
//!         .max_concurrency(2)
//!         .result_path(keep_in("predictions")),
//! );
//!
//! sm.start_at(preprocess)
//!     .next(preprocess, train)
//!     .next(train, evaluate)
//!     .catch(train, Catch::all().result_path(keep_in("error")), training_failed)
//!     .next(evaluate, good_enough)
//!     .next(create_model, create_config)
//!     .next(create_config, exists)
//!     .next(create_endpoint, transforms)
//!     .next(update_endpoint, transforms)
//!     .end(transforms);
//! sm.when(good_enough, cond::numeric_greater_than_equals(input("evaluation").field("auc"), 0.9), create_model)
//!     .otherwise(good_enough, below);
//! sm.when(exists, cond::boolean_equals(input("endpoint_exists"), true), update_endpoint)
//!     .otherwise(exists, create_endpoint);
//! let machine = sm.build()?;
//! assert!(machine.warnings().is_empty());
//!
//! let json = serde_json::to_value(&machine).unwrap();
//! assert_eq!(
//!     json["States"]["Evaluate Model"],
//!     serde_json::json!({
//!         "Type": "Task",
//!         "Resource": "arn:aws:states:::lambda:invoke",
//!         "Parameters": {
//!             "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
//!             "Payload": {"training_job.$": "$.training.job_name", "model_data.$": "$.training.model_data"}
//!         },
//!         "ResultSelector": {"auc.$": "$.Payload.auc"},
//!         "ResultPath": "$.evaluation",
//!         "Next": "Good Enough?"
//!     })
//! );
//! assert_eq!(
//!     json["States"]["Endpoint Exists?"],
//!     serde_json::json!({
//!         "Type": "Choice",
//!         "Choices": [{"Variable": "$.endpoint_exists", "BooleanEquals": true, "Next": "Update Endpoint"}],
//!         "Default": "Create Endpoint"
//!     })
//! );
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! # 9. Running it locally
//!
//! `asl_test::Executor` (the `asl-test` crate) runs a machine in process,
//! on a virtual clock, with each Task answered by a mock that sees what the
//! state sent. Down the path where the model is not good enough:
//!
//! ```
//! use asl_builder::{ctx, path, ref_path};
//! use asl_builder::types::{Json, Path, Payload, ReferencePath};
//! use asl_builder::{FailSpec, PassSpec, StateMachineBuilder, TaskSpec, cond};
//! use asl_test::{Executor, Mock, Status};
//!
//! // Evaluation and the threshold, from steps 4 and 5.
//! let mut sm = StateMachineBuilder::new();
//! let evaluate = sm.task(
//!     "Evaluate Model",
//!     TaskSpec::lambda_invoke(
//!         "arn:aws:lambda:us-east-1:123456789012:function:evaluate-churn-model",
//!         Payload::object().with("model_data", path!("$.model_data")),
//!     )
//!     .result_selector(Payload::object().with("auc", path!("$.Payload.auc")))
//!     .result_path(ref_path!("$.evaluation")),
//! );
//! let good_enough = sm.choice("Good Enough?");
//! let deploy = sm.pass("Create Model", PassSpec::new());
//! let below = sm.fail("Model Below Threshold", FailSpec::new("ModelBelowThreshold", "the validation AUC is below 0.9"));
//! sm.start_at(evaluate).next(evaluate, good_enough).end(deploy);
//! let auc = path!("$.evaluation.auc");
//! sm.when(good_enough, cond::numeric_greater_than_equals(auc, 0.9), deploy)
//!     .otherwise(good_enough, below);
//! let machine = sm.build()?.into_machine();
//!
//! let mut executor = Executor::new(&machine);
//! executor.mock("Evaluate Model", Mock::handler(|call| {
//!     let sent: Json = r#"{"model_data": "s3://mlops-example/churn/models/model.tar.gz"}"#.parse().unwrap();
//!     assert_eq!(call.input.get("Payload"), Some(&sent));
//!     Ok(r#"{"Payload": {"auc": 0.89}, "StatusCode": 200}"#.parse().unwrap())
//! }));
//! let run = executor
//!     .run(r#"{"model_data": "s3://mlops-example/churn/models/model.tar.gz"}"#.parse().unwrap())
//!     .unwrap();
//! assert_eq!(run.status, Status::Failed);
//! assert_eq!(run.path, ["Evaluate Model", "Good Enough?", "Model Below Threshold"]);
//! assert_eq!(run.error.as_deref(), Some("ModelBelowThreshold"));
//! # Ok::<(), asl_builder::BuildError>(())
//! ```
//!
//! `examples/tests/it/mlops.rs` runs the whole pipeline this way, in both
//! query languages: a good model updating the endpoint and scoring three
//! batches, a new endpoint, a model below the threshold, a failed training
//! job caught with its cause, and throttled training retried — and once
//! more with typed SageMaker mocks (`asl_test::mock::sagemaker`), whose
//! results are complete and checked against the shapes SageMaker returns.
//!
//! # Where next
//!
//! - [`cond`](crate::cond): every Choice comparison, typed by what the
//!   variable holds.
//! - [`emit`](crate::emit): write the machine from `build.rs` and print its
//!   warnings as cargo warnings (`examples/build-demo`).
//! - `#[derive(TaskInput)]` (typed paths into your input) and
//!   `#[derive(Workflow)]` (state names from an enum).
//! - `cargo run -p asl-cli -- validate FILE` checks a definition written by
//!   hand, with the same validator `build()` runs.
