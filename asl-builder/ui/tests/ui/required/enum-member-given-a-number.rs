// Named setters catch swapped arguments: `InstanceType` is an enum member and
// `InstanceCount` a number, so giving each the other's value does not compile.
use asl_builder::types::sagemaker::{TransformInstanceType, TransformResources};

fn main() {
    let _resources = TransformResources::builder()
        .instance_type(2)
        .instance_count(TransformInstanceType::MlM5Large)
        .build();
}
