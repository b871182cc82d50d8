use asl_builder::TaskInput;
use asl_builder::types::sagemaker::CreateEndpoint;

#[derive(TaskInput)]
struct Input {
    endpoint: String,
    replicas: u32,
}

fn main() {
    let input = Input::path();
    let _ok = CreateEndpoint::builder()
        .endpoint_name(input.endpoint())
        .endpoint_config_name("config")
        .build();
    let _wrong = CreateEndpoint::builder().endpoint_name(input.replicas());
}
