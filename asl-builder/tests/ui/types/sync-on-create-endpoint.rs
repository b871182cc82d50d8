use asl_types::sagemaker::{CreateEndpoint, SageMakerOperation};

fn main() {
    let _deploy = CreateEndpoint::new("endpoint", "config").run_sync();
}
