use asl_types::sagemaker::{CreateEndpoint, SageMakerOperation};

fn main() {
    let deploy = CreateEndpoint::builder()
        .endpoint_name("endpoint")
        .endpoint_config_name("config")
        .build();
    let _sync = deploy.run_sync();
}
