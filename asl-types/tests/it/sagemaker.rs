//! Typed SageMaker requests: round trips of hand-written payloads in both
//! query languages, the four payloads of the AWS example page, errors with
//! their JSON pointers, and the typed view of a Task state.

use std::fmt::Debug;

use asl_types::sagemaker::{
    AlgorithmSpecification, Channel, CreateEndpoint, CreateEndpointConfig,
    CreateHyperParameterTuningJob, CreateLabelingJob, CreateModel, CreateProcessingJob,
    CreateTrainingJob, CreateTransformJob, DataSource, S3DataSource, S3DataType, SageMakerApi,
    SageMakerIntegration, SageMakerOperation, SageMakerRequest, SageMakerTask, SageMakerTaskError,
    TrainingInputMode, TrainingInstanceType, UpdateEndpoint,
};
use asl_types::{
    DynMap, Error, Expr, IntegrationPattern, Json, Jsonata, Number, Path, Payload, QueryLanguage,
    Rule, Task, Template, Value,
};

fn fixture(name: &str) -> Json {
    let path = format!(
        "{}/tests/fixtures/sagemaker/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads the fixture as `T`, writes it back, and checks that the output is
/// the fixture as a JSON value (exact numbers); the same through `Payload`.
fn round_trip<T: Template + PartialEq + Debug>(name: &str) -> T {
    let json = fixture(name);
    let typed = asl_types::read::from_json::<T>(&json).unwrap_or_else(|e| panic!("{name}:\n{e}"));
    let written: Json = serde_json::to_string(&typed).unwrap().parse().unwrap();
    assert_eq!(written, json, "{name}: written back differently");

    let payload = asl_types::read::from_json::<Payload>(&json).unwrap();
    assert_eq!(typed.to_payload().unwrap(), payload, "{name}: to_payload");
    assert_eq!(
        T::from_payload(&payload).unwrap(),
        typed,
        "{name}: from_payload"
    );
    typed
}

fn dollar<T>(text: &str) -> Value<T> {
    Value::Expr(Expr::parse_dollar(text).unwrap())
}

fn jsonata<T>(text: &str) -> Value<T> {
    Value::Expr(Expr::Jsonata(text.parse().unwrap()))
}

#[allow(
    clippy::ref_option,
    reason = "called as `lit(&request.member)`, which reads best"
)]
fn lit<T>(value: &Option<Value<T>>) -> &T {
    value.as_ref().and_then(Value::literal).expect("a literal")
}

#[test]
fn training_job_jsonpath() {
    let job: CreateTrainingJob = round_trip("create-training-job.jsonpath");
    assert_eq!(job.training_job_name, dollar("$.jobName"));
    assert_eq!(job.input_data_config, Some(dollar("$.channels")));
    let resources = lit(&job.resource_config);
    assert_eq!(resources.instance_count, Some(dollar("$.instances")));
    assert_eq!(resources.volume_size_in_gb, Some(Value::Literal(30)));
    assert_eq!(
        resources.instance_type,
        Some(Value::Literal(TrainingInstanceType::MlM5Xlarge))
    );
    let hyper = lit(&job.hyper_parameters);
    assert_eq!(hyper.get("num_round"), Some(&dollar("$.rounds")));
    assert_eq!(
        hyper.get("max_depth"),
        Some(&dollar("States.Format('{}', $.depth)"))
    );
    assert_eq!(hyper.get("eta"), Some(&Value::Literal("0.2".to_owned())));
    let tags = lit(&job.tags);
    assert_eq!(tags[1].literal().unwrap().value, dollar("$$.Execution.Id"));
    let environment = lit(&job.environment);
    assert_eq!(
        environment.get("RUN_NAME"),
        Some(&dollar("$$.Execution.Name"))
    );
    let output = job.output_data_config.literal().unwrap();
    assert!(matches!(
        output.s3_output_path,
        Value::Expr(Expr::Intrinsic(_))
    ));
}

#[test]
fn training_job_jsonata() {
    let job: CreateTrainingJob = round_trip("create-training-job.jsonata");
    assert_eq!(
        job.training_job_name,
        jsonata("{% $states.input.jobName %}")
    );
    assert_eq!(
        job.output_data_config,
        jsonata("{% {'S3OutputPath': $states.input.output} %}")
    );
    let channels = lit(&job.input_data_config);
    assert_eq!(channels.len(), 2);
    assert_eq!(
        channels[1],
        jsonata("{% $states.input.validationChannel %}")
    );
    let Value::Literal(first) = &channels[0] else {
        panic!("a literal channel")
    };
    assert_eq!(
        first.input_mode,
        Some(Value::Literal(
            asl_types::sagemaker::TrainingInputMode::Pipe
        ))
    );
    assert_eq!(
        lit(&job.resource_config).instance_count,
        Some(jsonata("{% $count %}"))
    );
    assert_eq!(
        lit(&job.hyper_parameters).get("epochs"),
        Some(&jsonata("{% $string($states.input.epochs) %}"))
    );
}

#[test]
fn transform_job() {
    let job: CreateTransformJob = round_trip("create-transform-job.jsonpath");
    assert_eq!(job.transform_job_name, dollar("$.name"));
    // A literal that looks like a path stays a literal under a plain key.
    let processing = lit(&job.data_processing);
    assert_eq!(
        processing.input_filter,
        Some(Value::Literal("$[1:]".to_owned()))
    );
    let input = job.transform_input.literal().unwrap();
    let source = input.data_source.literal().unwrap();
    let s3 = source.s3_data_source.literal().unwrap();
    assert_eq!(s3.s3_uri, dollar("$.input"));

    let job: CreateTransformJob = round_trip("create-transform-job.jsonata");
    assert_eq!(
        job.environment,
        Some(jsonata("{% $states.input.environment %}"))
    );
}

#[test]
fn processing_job() {
    let job: CreateProcessingJob = round_trip("create-processing-job.jsonpath");
    assert_eq!(job.processing_job_name, dollar("$.id"));
    let app = job.app_specification.literal().unwrap();
    assert_eq!(app.container_arguments, Some(dollar("$.arguments")));
    assert_eq!(lit(&app.container_entrypoint).len(), 2);

    let job: CreateProcessingJob = round_trip("create-processing-job.jsonata");
    assert_eq!(
        job.processing_inputs,
        Some(jsonata("{% $states.input.inputs %}"))
    );
    let app = job.app_specification.literal().unwrap();
    assert_eq!(
        lit(&app.container_arguments)[1],
        jsonata("{% $string($states.input.split) %}")
    );
}

#[test]
fn labeling_job() {
    let job: CreateLabelingJob = round_trip("create-labeling-job.jsonpath");
    let human = job.human_task_config.literal().unwrap();
    assert_eq!(human.task_description, dollar("$.description"));
    let price = lit(&human.public_workforce_task_price);
    let usd = lit(&price.amount_in_usd);
    assert_eq!(usd.cents, Some(Value::Literal(3)));
    assert_eq!(usd.tenth_fractions_of_a_cent, Some(dollar("$.tenths")));

    let job: CreateLabelingJob = round_trip("create-labeling-job.jsonata");
    let human = job.human_task_config.literal().unwrap();
    assert_eq!(
        human.task_keywords,
        Some(jsonata("{% $states.input.keywords %}"))
    );
}

#[test]
fn hyper_parameter_tuning_job() {
    let job: CreateHyperParameterTuningJob =
        round_trip("create-hyper-parameter-tuning-job.jsonpath");
    let config = job.hyper_parameter_tuning_job_config.literal().unwrap();
    let criteria = lit(&config.tuning_job_completion_criteria);
    assert_eq!(
        criteria.target_objective_metric_value,
        Some(Value::Literal("0.95".parse::<Number>().unwrap()))
    );
    let objective = lit(&config.hyper_parameter_tuning_job_objective);
    assert_eq!(
        objective
            .r#type
            .literal()
            .map(asl_types::sagemaker::HyperParameterTuningJobObjectiveType::as_str),
        Some("Maximize")
    );
    let definition = lit(&job.training_job_definition);
    assert_eq!(
        lit(&definition.static_hyper_parameters).get("num_round"),
        Some(&dollar("$.rounds"))
    );

    let job: CreateHyperParameterTuningJob =
        round_trip("create-hyper-parameter-tuning-job.jsonata");
    let config = job.hyper_parameter_tuning_job_config.literal().unwrap();
    assert_eq!(
        config.parameter_ranges,
        Some(jsonata("{% $states.input.ranges %}"))
    );
}

#[test]
fn model() {
    let model: CreateModel = round_trip("create-model.jsonpath");
    let container = lit(&model.primary_container);
    assert_eq!(
        container.model_data_url,
        Some(dollar("$.ModelArtifacts.S3ModelArtifacts"))
    );
    assert_eq!(
        lit(&container.environment).get("SAGEMAKER_REGION"),
        Some(&dollar("$.region"))
    );

    let model: CreateModel = round_trip("create-model.jsonata");
    assert_eq!(
        lit(&model.containers)[1],
        jsonata("{% $states.input.inferenceContainer %}")
    );
}

#[test]
fn endpoint_config_numbers_keep_their_text() {
    let config: CreateEndpointConfig = round_trip("create-endpoint-config.jsonpath");
    let variants = config.production_variants.literal().unwrap();
    let weight = |i: usize| {
        let Value::Literal(v) = &variants[i] else {
            panic!("literal variant")
        };
        lit(&v.initial_variant_weight).as_str().to_owned()
    };
    assert_eq!(weight(0), "1");
    assert_eq!(weight(1), "0.25");

    let config: CreateEndpointConfig = round_trip("create-endpoint-config.jsonata");
    let Value::Literal(variant) = &config.production_variants.literal().unwrap()[0] else {
        panic!("literal variant")
    };
    assert_eq!(lit(&variant.initial_variant_weight).as_str(), "1.0");
    let text = serde_json::to_string(&config).unwrap();
    assert!(text.contains(r#""InitialVariantWeight":1.0"#), "{text}");
}

#[test]
fn endpoint_and_update() {
    let endpoint: CreateEndpoint = round_trip("create-endpoint.jsonpath");
    assert_eq!(endpoint.endpoint_config_name, dollar("$.configName"));
    let endpoint: CreateEndpoint = round_trip("create-endpoint.jsonata");
    assert_eq!(endpoint.tags, Some(jsonata("{% $states.input.tags %}")));

    let update: UpdateEndpoint = round_trip("update-endpoint.jsonpath");
    assert_eq!(
        update.retain_all_variant_properties,
        Some(Value::Literal(true))
    );
    let update: UpdateEndpoint = round_trip("update-endpoint.jsonata");
    assert_eq!(
        update.endpoint_config_name,
        jsonata("{% $states.input.newConfigName %}")
    );
}

/// The payloads of the four examples on the AWS page, transcribed by hand.
#[test]
fn documented_examples() {
    let transform: CreateTransformJob = round_trip("seed-transform");
    assert_eq!(
        transform.transform_job_name.literal().map(String::as_str),
        Some("sfn-binary-classification-prediction")
    );
    let training: CreateTrainingJob = round_trip("seed-training");
    assert_eq!(lit(&training.hyper_parameters).len(), 9);
    let labeling: CreateLabelingJob = round_trip("seed-labeling");
    assert_eq!(
        lit(&labeling.stopping_conditions).max_percentage_of_input_dataset_labeled,
        Some(Value::Literal(100))
    );
    let processing: CreateProcessingJob = round_trip("seed-processing");
    assert_eq!(processing.processing_job_name, dollar("$.id"));
}

/// Each documented example as a Task state: the typed view names its API.
#[test]
fn documented_examples_as_tasks() {
    for (fixture_name, action, api) in [
        (
            "seed-transform",
            "createTransformJob",
            SageMakerApi::CreateTransformJob,
        ),
        (
            "seed-training",
            "createTrainingJob",
            SageMakerApi::CreateTrainingJob,
        ),
        (
            "seed-labeling",
            "createLabelingJob",
            SageMakerApi::CreateLabelingJob,
        ),
        (
            "seed-processing",
            "createProcessingJob",
            SageMakerApi::CreateProcessingJob,
        ),
    ] {
        let mut state = asl_types::JsonObject::new();
        state.insert(
            "Resource".into(),
            format!("arn:aws:states:::sagemaker:{action}.sync").into(),
        );
        state.insert("Parameters".into(), fixture(fixture_name));
        state.insert("End".into(), true.into());
        let task = asl_types::read::from_json::<Task>(&Json::Object(state)).unwrap();
        let call = SageMakerTask::try_from(&task).unwrap();
        assert_eq!(call.api(), api);
        assert_eq!(call.pattern, IntegrationPattern::Sync);
        assert_eq!(call.integration, SageMakerIntegration::Optimized);
        assert_eq!(
            call.request.to_payload().unwrap(),
            *task.parameters.as_ref().unwrap()
        );
    }
}

/// `(pointer, kind)` of every problem reading `text` as `T`.
fn problems<T: Template + Debug>(text: &str) -> Vec<(String, Rule)> {
    match T::parse(text) {
        Err(Error::Model(e)) => e
            .issues()
            .iter()
            .map(|p| (p.pointer.clone(), p.rule))
            .collect(),
        other => panic!("expected a model error, got {other:?}"),
    }
}

fn message<T: Template + Debug>(text: &str) -> String {
    match T::parse(text) {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

#[test]
fn unknown_members_name_their_pointer() {
    let text = r#"{"EndpointName": "e", "EndpointConfigName": "c", "Tag": []}"#;
    assert_eq!(
        problems::<CreateEndpoint>(text),
        [("/Tag".to_owned(), Rule::UnknownField)]
    );
    let text = r#"{
        "TrainingJobName": "j", "RoleArn": "r", "OutputDataConfig": {"S3OutputPath": "s3://b"},
        "ResourceConfig": {"InstanceCnt": 1},
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://b", "S3Url.$": "$.x"}}}]
    }"#;
    assert_eq!(
        problems::<CreateTrainingJob>(text),
        [
            ("/ResourceConfig/InstanceCnt".to_owned(), Rule::UnknownField),
            (
                "/InputDataConfig/0/DataSource/S3DataSource/S3Url.$".to_owned(),
                Rule::UnknownField
            ),
        ]
    );
    assert!(
        message::<CreateTrainingJob>(text)
            .contains("unknown field `InstanceCnt` in ResourceConfig")
    );
}

#[test]
fn mistyped_members_name_their_pointer() {
    let text = r#"{
        "TrainingJobName": 7, "RoleArn": "r", "OutputDataConfig": "s3://b",
        "ResourceConfig": {"InstanceCount": "4", "VolumeSizeInGB": 1.5},
        "HyperParameters": {"epochs": 5},
        "EnableManagedSpotTraining": "true",
        "InputDataConfig": {"ChannelName": "train"}
    }"#;
    assert_eq!(
        problems::<CreateTrainingJob>(text),
        [
            ("/TrainingJobName".to_owned(), Rule::WrongType),
            ("/OutputDataConfig".to_owned(), Rule::WrongType),
            ("/ResourceConfig/InstanceCount".to_owned(), Rule::WrongType),
            ("/ResourceConfig/VolumeSizeInGB".to_owned(), Rule::WrongType),
            ("/HyperParameters/epochs".to_owned(), Rule::WrongType),
            ("/EnableManagedSpotTraining".to_owned(), Rule::WrongType),
            ("/InputDataConfig".to_owned(), Rule::WrongType),
        ]
    );
    // An integer out of range for the member's type.
    let text = r#"{"EndpointName": "e", "EndpointConfigName": "c",
        "DeploymentConfig": {"RollingUpdatePolicy": {"WaitIntervalInSeconds": 99999999999,
        "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1}}}}"#;
    assert_eq!(
        problems::<UpdateEndpoint>(text),
        [(
            "/DeploymentConfig/RollingUpdatePolicy/WaitIntervalInSeconds".to_owned(),
            Rule::InvalidValue
        )]
    );
}

#[test]
fn missing_members_name_the_object_and_the_member() {
    assert_eq!(
        problems::<CreateEndpoint>(r#"{"EndpointName": "e"}"#),
        [(String::new(), Rule::MissingField)]
    );
    assert_eq!(
        message::<CreateEndpoint>(r#"{"EndpointName": "e"}"#),
        "-: /: missing field `EndpointConfigName` in CreateEndpoint [missing-field]"
    );
    // A `.$` member counts as present.
    assert!(
        CreateEndpoint::parse(r#"{"EndpointName": "e", "EndpointConfigName.$": "$.c"}"#).is_ok()
    );
    let text = r#"{"TrainingJobName": "j", "RoleArn": "r", "OutputDataConfig": {},
        "AlgorithmSpecification": {"TrainingImage": "i"},
        "InputDataConfig": [{"ChannelName": "a", "DataSource": {}}, {"DataSource": {}}]}"#;
    assert_eq!(
        problems::<CreateTrainingJob>(text),
        [
            ("/OutputDataConfig".to_owned(), Rule::MissingField),
            ("/AlgorithmSpecification".to_owned(), Rule::MissingField),
            ("/InputDataConfig/1".to_owned(), Rule::MissingField),
        ]
    );
}

#[test]
fn values_outside_an_enum_are_kept_with_a_warning() {
    let text = r#"{"TrainingJobName": "j", "RoleArn": "r", "OutputDataConfig": {"S3OutputPath": "o"},
        "AlgorithmSpecification": {"TrainingInputMode": "Filee"}}"#;
    // Forward-compatible: the value reads as `Unknown`, with a warning that
    // names the closest listed values.
    let payload: Payload = text.parse().unwrap();
    let (job, report) = CreateTrainingJob::read_payload(&payload);
    let job = job.unwrap();
    assert_eq!(
        lit(&job.algorithm_specification).training_input_mode,
        Value::Literal(TrainingInputMode::Unknown("Filee".into()))
    );
    let issues: Vec<(&str, Rule, &str)> = report
        .iter()
        .map(|i| (i.pointer.as_str(), i.rule, i.message.as_str()))
        .collect();
    assert_eq!(
        issues,
        [(
            "/AlgorithmSpecification/TrainingInputMode",
            Rule::SagemakerUnknownEnumValue,
            "`Filee` is not a TrainingInputMode value the model lists (kept as written); did you mean `File`?"
        )]
    );
    assert!(!report.has_errors());
    // The strict parse accepts it too (a warning is no error); `try_parse`
    // is the strict look-up.
    assert!(CreateTrainingJob::parse(text).is_ok());
    assert_eq!(TrainingInputMode::try_parse("Filee"), None);
    assert_eq!(
        TrainingInputMode::try_parse("File"),
        Some(TrainingInputMode::File)
    );
    // An expression is fine where an enum value goes.
    let text = text.replace(
        r#""TrainingInputMode": "Filee""#,
        r#""TrainingInputMode.$": "$.mode""#,
    );
    let job = CreateTrainingJob::parse(&text).unwrap();
    assert_eq!(
        lit(&job.algorithm_specification).training_input_mode,
        dollar("$.mode")
    );
    // A value newer than the model is written as given.
    let spec = AlgorithmSpecification::new(TrainingInputMode::Unknown("Streaming".into()));
    assert_eq!(
        serde_json::to_string(&spec).unwrap(),
        r#"{"TrainingInputMode":"Streaming"}"#
    );
}

#[test]
fn dynamic_member_errors() {
    let cases = [
        (
            r#"{"EndpointName.$": "nope", "EndpointConfigName": "c"}"#,
            "/EndpointName.$",
            Rule::DynamicValue,
        ),
        (
            r#"{"EndpointName.$": "$.a[", "EndpointConfigName": "c"}"#,
            "/EndpointName.$",
            Rule::PathSyntax,
        ),
        (
            r#"{"EndpointName.$": "$.a", "EndpointName": "b", "EndpointConfigName": "c"}"#,
            "",
            Rule::DuplicateKey,
        ),
        (
            r#"{"EndpointName": "{% unclosed", "EndpointConfigName": "c", "Tags.$": 3}"#,
            "/Tags.$",
            Rule::WrongType,
        ),
    ];
    for (text, pointer, kind) in cases {
        assert_eq!(
            problems::<CreateEndpoint>(text),
            [(pointer.to_owned(), kind)],
            "{text}"
        );
    }
    let text = r#"{"TrainingJobName": "j", "RoleArn": "r", "OutputDataConfig": {"S3OutputPath": "o"},
        "HyperParameters": {"a.$": "$.a", "a": "1"}}"#;
    assert_eq!(
        problems::<CreateTrainingJob>(text),
        [("/HyperParameters/a".to_owned(), Rule::DuplicateKey)]
    );
}

#[test]
fn every_problem_is_reported_at_once_in_document_order() {
    let text = r#"{"EndpointName": 1, "Extra": true, "DeploymentConfig": {"Nope": 1}}"#;
    assert_eq!(
        problems::<CreateEndpoint>(text),
        [
            (String::new(), Rule::MissingField),
            ("/EndpointName".to_owned(), Rule::WrongType),
            ("/Extra".to_owned(), Rule::UnknownField),
            ("/DeploymentConfig/Nope".to_owned(), Rule::UnknownField),
        ]
    );
}

#[test]
fn a_path_in_a_list_is_a_write_error_not_a_panic() {
    let mut model = CreateModel::new("m");
    model.tags = Some(Value::Literal(vec![Value::from(
        Path::input().field("tag"),
    )]));
    let err = serde_json::to_string(&model).unwrap_err().to_string();
    assert!(err.contains("must be the value of a `.$` key"), "{err}");
    assert!(model.to_payload().is_err());
    // A JSONata element is fine.
    model.tags = Some(Value::Literal(vec![Value::from(Jsonata::new("$tag"))]));
    assert_eq!(
        serde_json::to_string(&model).unwrap(),
        r#"{"ModelName":"m","Tags":["{% $tag %}"]}"#
    );
}

#[test]
fn builders_accept_literals_paths_and_expressions() {
    let channel = Channel::builder()
        .channel_name("train")
        .data_source(
            DataSource::new().s3_data_source(
                S3DataSource::builder()
                    .s3_data_type(S3DataType::S3Prefix)
                    .s3_uri(Path::input().field("uri"))
                    .build(),
            ),
        )
        .content_type(Jsonata::new("$states.input.type"))
        .build();
    let job = CreateTrainingJob::builder()
        .training_job_name("j")
        .role_arn("r")
        .output_data_config(Path::input().field("output"))
        .build()
        .input_data_config([channel])
        .hyper_parameters([
            ("epochs", Value::from("5")),
            ("depth", Path::input().field("depth").into()),
        ])
        .environment(DynMap::new().with("A", "1"))
        .maybe_vpc_config(None)
        .maybe_enable_network_isolation(Some(Value::Literal(false)))
        .enable_managed_spot_training(true);
    let written: Json = serde_json::to_string(&job).unwrap().parse().unwrap();
    let expected: Json = r#"{
        "TrainingJobName": "j", "RoleArn": "r", "OutputDataConfig.$": "$.output",
        "InputDataConfig": [{"ChannelName": "train",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri.$": "$.uri"}},
            "ContentType": "{% $states.input.type %}"}],
        "HyperParameters": {"epochs": "5", "depth.$": "$.depth"},
        "Environment": {"A": "1"},
        "EnableNetworkIsolation": false,
        "EnableManagedSpotTraining": true
    }"#
    .parse()
    .unwrap();
    assert_eq!(written, expected);
    // Members are written in model order.
    let text = serde_json::to_string(&job).unwrap();
    let order: Vec<usize> = [
        "TrainingJobName",
        "HyperParameters",
        "RoleArn",
        "InputDataConfig",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(order.is_sorted(), "{text}");
}

#[test]
fn number_members_take_integers_and_exact_numbers() {
    use asl_types::sagemaker::{ProductionVariant, ProfilerConfig};
    let variant = ProductionVariant::new("AllTraffic")
        .initial_variant_weight(1)
        .model_name("m");
    let weight =
        ProductionVariant::new("Canary").initial_variant_weight("0.10".parse::<Number>().unwrap());
    let profiler = ProfilerConfig::new().profiling_interval_in_milliseconds(500);
    assert_eq!(
        serde_json::to_string(&variant).unwrap(),
        r#"{"VariantName":"AllTraffic","ModelName":"m","InitialVariantWeight":1}"#
    );
    assert_eq!(
        serde_json::to_string(&weight).unwrap(),
        r#"{"VariantName":"Canary","InitialVariantWeight":0.10}"#
    );
    assert_eq!(
        serde_json::to_string(&profiler).unwrap(),
        r#"{"ProfilingIntervalInMilliseconds":500}"#
    );
}

#[test]
fn serde_deserialize_goes_through_the_same_reader() {
    let endpoint: CreateEndpoint =
        serde_json::from_str(r#"{"EndpointName.$": "$.e", "EndpointConfigName": "c"}"#).unwrap();
    assert_eq!(endpoint.endpoint_name, dollar("$.e"));
    let err = serde_json::from_str::<CreateEndpoint>(r#"{"EndpointName": "e"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("missing field `EndpointConfigName`"),
        "{err}"
    );
    let mode: TrainingInputMode = serde_json::from_str(r#""FastFile""#).unwrap();
    assert_eq!(mode, TrainingInputMode::FastFile);
    let map: DynMap<String> = serde_json::from_str(r#"{"a.$": "$.a"}"#).unwrap();
    assert_eq!(map.get("a"), Some(&dollar("$.a")));
}

fn task(text: &str) -> Task {
    asl_types::read::from_json::<Task>(&text.parse().unwrap()).unwrap()
}

#[test]
fn typed_view_of_tasks() {
    let call = SageMakerTask::try_from(&task(
        r#"{"Resource": "arn:aws:states:::sagemaker:updateEndpoint",
            "Arguments": {"EndpointName": "{% $e %}", "EndpointConfigName": "c"}, "End": true}"#,
    ))
    .unwrap();
    assert_eq!(call.api(), SageMakerApi::UpdateEndpoint);
    assert_eq!(call.pattern, IntegrationPattern::RequestResponse);
    let SageMakerRequest::UpdateEndpoint(update) = &call.request else {
        panic!("{call:?}")
    };
    assert_eq!(update.endpoint_name, jsonata("{% $e %}"));

    let sdk = SageMakerTask::try_from(&task(
        r#"{"Resource": "arn:aws:states:::aws-sdk:sagemaker:createModel.waitForTaskToken",
            "Parameters": {"ModelName": "m"}, "End": true}"#,
    ))
    .unwrap();
    assert_eq!(sdk.integration, SageMakerIntegration::Sdk);
    assert_eq!(sdk.pattern, IntegrationPattern::WaitForTaskToken);
}

#[test]
fn typed_view_errors() {
    let err = |text: &str| SageMakerTask::try_from(&task(text)).unwrap_err();
    assert_eq!(
        err(
            r#"{"Resource": "arn:aws:states:::sagemaker:createEndpoint.sync",
            "Parameters": {"EndpointName": "e", "EndpointConfigName": "c"}, "End": true}"#
        ),
        SageMakerTaskError::PatternNotSupported {
            api: SageMakerApi::CreateEndpoint,
            pattern: IntegrationPattern::Sync,
            integration: SageMakerIntegration::Optimized,
        }
    );
    assert!(matches!(
        err(
            r#"{"Resource": "arn:aws:states:::sagemaker:createTrainingJob.waitForTaskToken", "End": true}"#
        ),
        SageMakerTaskError::PatternNotSupported {
            pattern: IntegrationPattern::WaitForTaskToken,
            ..
        }
    ));
    assert!(matches!(
        err(
            r#"{"Resource": "arn:aws:states:::aws-sdk:sagemaker:createTrainingJob.sync", "End": true}"#
        ),
        SageMakerTaskError::PatternNotSupported {
            integration: SageMakerIntegration::Sdk,
            ..
        }
    ));
    assert_eq!(
        err(r#"{"Resource": "arn:aws:states:::sagemaker:createCompilationJob", "End": true}"#),
        SageMakerTaskError::UnknownAction("createCompilationJob".into())
    );
    assert_eq!(
        err(r#"{"Resource": "arn:aws:states:::aws-sdk:sagemaker:listModels", "End": true}"#),
        SageMakerTaskError::Untyped("listModels".into())
    );
    assert!(matches!(
        err(r#"{"Resource": "arn:aws:states:::lambda:invoke", "End": true}"#),
        SageMakerTaskError::NotSageMaker(_)
    ));
    let SageMakerTaskError::Payload(e) = err(
        r#"{"Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
            "Parameters": {"TrainingJobName": "j", "RoleArn": "r",
                "OutputDataConfig": {"S3OutputPath": "o"},
                "ResourceConfig": {"InstanceCount": "four"}}, "End": true}"#,
    ) else {
        panic!("a payload error")
    };
    assert_eq!(
        e.issues()[0].pointer,
        "/Parameters/ResourceConfig/InstanceCount"
    );
    let SageMakerTaskError::Payload(e) =
        err(r#"{"Resource": "arn:aws:states:::sagemaker:createEndpoint", "End": true}"#)
    else {
        panic!("a payload error")
    };
    assert_eq!(e.issues()[0].rule, Rule::MissingField);
    assert_eq!(e.issues()[0].pointer, "/Parameters");
}

#[test]
fn resources_and_tasks_from_typed_requests() {
    assert_eq!(
        CreateProcessingJob::sync_resource().to_string(),
        "arn:aws:states:::sagemaker:createProcessingJob.sync"
    );
    assert_eq!(
        CreateHyperParameterTuningJob::sync_resource().to_string(),
        "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"
    );
    assert_eq!(
        CreateEndpointConfig::resource().to_string(),
        "arn:aws:states:::sagemaker:createEndpointConfig"
    );
    assert_eq!(
        UpdateEndpoint::sdk_resource().to_string(),
        "arn:aws:states:::aws-sdk:sagemaker:updateEndpoint"
    );
    for api in SageMakerApi::ALL {
        assert_eq!(SageMakerApi::from_action(api.action()), Some(api));
        assert_eq!(
            api.supports_sync(),
            matches!(
                api.name(),
                "CreateTrainingJob"
                    | "CreateTransformJob"
                    | "CreateProcessingJob"
                    | "CreateLabelingJob"
                    | "CreateHyperParameterTuningJob"
            )
        );
    }
    let request = CreateEndpoint::builder()
        .endpoint_name(Path::input().field("name"))
        .endpoint_config_name("cfg")
        .build();
    let task = request
        .clone()
        .request_response()
        .into_task(QueryLanguage::JsonPath)
        .unwrap();
    let view = SageMakerTask::try_from(&task).unwrap();
    assert_eq!(view.request, SageMakerRequest::from(request));
    let job = CreateLabelingJob::parse(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/sagemaker/seed-labeling.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let task = job.sdk().into_task(QueryLanguage::JsonPath).unwrap();
    assert_eq!(
        task.resource.to_string(),
        "arn:aws:states:::aws-sdk:sagemaker:createLabelingJob"
    );
}

#[test]
fn constraints_are_data() {
    use asl_types::sagemaker::{Limit, constraints};
    let name = constraints("CreateTrainingJob")
        .iter()
        .find(|c| c.member == "TrainingJobName")
        .and_then(|c| c.facts)
        .unwrap();
    assert_eq!(
        name.limit,
        Some(Limit::Length {
            min: Some(1),
            max: Some(63)
        })
    );
    assert!(name.pattern.is_some());
    let weight = constraints("ProductionVariant")
        .iter()
        .find(|c| c.member == "InitialVariantWeight")
        .and_then(|c| c.facts)
        .unwrap();
    assert_eq!(
        weight.limit,
        Some(Limit::Number {
            min: Some("0"),
            max: None
        })
    );
    let hyper = constraints("CreateTrainingJob")
        .iter()
        .find(|c| c.member == "HyperParameters")
        .unwrap();
    assert!(matches!(
        hyper.facts.unwrap().limit,
        Some(Limit::Entries { max: Some(100), .. })
    ));
    assert!(hyper.keys.is_some() && hyper.elements.is_some());
    assert!(constraints("NoSuchType").is_empty());
}
