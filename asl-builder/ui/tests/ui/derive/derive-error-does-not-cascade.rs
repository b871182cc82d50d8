// Each derive fails; the code that uses what it would have made compiles on,
// so the derive's error is the only one.
use asl_builder::types::sagemaker::CreateEndpoint;
use asl_builder::{PassSpec, StateMachineBuilder, TaskInput, Workflow};

#[derive(TaskInput)]
struct Input {
    #[serde(flatten)]
    deployment: Deployment,
    endpoint: String,
}

#[derive(TaskInput)]
struct Deployment {
    #[asl(renamed = "config")]
    config_name: String,
}

#[derive(Clone, Copy, Workflow)]
enum Step {
    Deploy,
    #[asl(rename = "Deploy")]
    Again,
}

const DEPLOY: &str = Step::Deploy.state_name();

fn main() {
    let input = Input::path();
    let _ = CreateEndpoint::builder()
        .endpoint_name(input.endpoint())
        .endpoint_config_name(input.deployment().config_name())
        .build();
    let _ = Input::jsonata().deployment().config_name().to_string();
    let mut sm = StateMachineBuilder::new();
    let deploy = sm.pass(Step::Deploy, PassSpec::new());
    let again = sm.pass(Step::Again, PassSpec::new());
    sm.start_at(deploy).next(deploy, again);
    let _ = (DEPLOY, Step::Again.state_name());
}
