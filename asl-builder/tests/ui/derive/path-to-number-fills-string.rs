use asl_builder::TaskInput;
use asl_builder::types::sagemaker::CreateEndpoint;

#[derive(TaskInput)]
struct Input {
    endpoint: String,
    replicas: u32,
}

fn main() {
    let input = Input::path();
    let _ok = CreateEndpoint::new(input.endpoint(), "config");
    let _wrong = CreateEndpoint::new(input.replicas(), "config");
}
