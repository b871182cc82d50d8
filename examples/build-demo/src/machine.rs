//! The state machine, shared by `build.rs` (which writes it) and the crate
//! (whose tests check it).

use asl_builder::types::Payload;
use asl_builder::types::sagemaker::{
    AlgorithmSpecification, CreateTrainingJob, OutputDataConfig, ResourceConfig,
    SageMakerOperation, StoppingCondition, TrainingInputMode, TrainingInstanceType,
};
use asl_builder::{
    BuildError, Built, Catch, FailSpec, StateMachineBuilder, TaskInput, TaskSpec, Workflow,
};

/// What the execution is started with.
#[derive(TaskInput)]
pub struct Input {
    /// The training job's name.
    pub job_name: String,
    /// How many instances to train on.
    pub instances: i32,
    /// Where to tell the team.
    pub topic_arn: String,
}

/// The states.
#[derive(Clone, Copy, Workflow)]
pub enum Step {
    /// Trains the model.
    Train,
    /// Tells the team.
    Notify,
    /// Training failed.
    #[asl(rename = "Training Failed")]
    Failed,
}

/// Train a model, then publish a message; fail when training fails.
///
/// # Errors
/// The builder's issues, if the machine is invalid.
pub fn train_and_notify() -> Result<Built, BuildError> {
    let input = Input::path();
    let job = CreateTrainingJob::builder()
        .training_job_name(input.job_name())
        .algorithm_specification(
            AlgorithmSpecification::new(TrainingInputMode::File).training_image(
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            ),
        )
        .role_arn("arn:aws:iam::123456789012:role/train")
        .output_data_config(OutputDataConfig::new("s3://example-bucket/models"))
        .resource_config(
            ResourceConfig::new()
                .volume_size_in_gb(30)
                .instance_count(input.instances())
                .instance_type(TrainingInstanceType::MlM5Xlarge),
        )
        .stopping_condition(StoppingCondition::new().max_runtime_in_seconds(3600))
        .build();

    let mut sm = StateMachineBuilder::new().comment("train, then notify");
    let train = sm.task(Step::Train, job.run_sync());
    let notify = sm.task(
        Step::Notify,
        TaskSpec::new("arn:aws:states:::sns:publish").payload(
            Payload::object()
                .with("TopicArn", input.topic_arn())
                .with("Message", "training finished"),
        ),
    );
    let failed = sm.fail(
        Step::Failed,
        FailSpec::new("TrainingFailed", "the training job failed"),
    );
    sm.start_at(train)
        .next(train, notify)
        .end(notify)
        .catch(train, Catch::all(), failed);
    sm.build()
}
