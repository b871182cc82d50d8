// A required member's setter exists only until the member is set: giving it
// twice (here, instead of the other member) does not compile.
use asl_builder::types::sagemaker::CreateEndpoint;

fn main() {
    let _deploy = CreateEndpoint::builder()
        .endpoint_name("my-endpoint")
        .endpoint_name("my-endpoint-config")
        .build();
}
