// `TaskTitle` is required: `build()` does not compile without it, and the
// error names the member and the setter to call.
use asl_builder::types::sagemaker::{HumanTaskConfig, UiConfig};

fn main() {
    let _config = HumanTaskConfig::builder()
        .workteam_arn("arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/my-team")
        .ui_config(UiConfig::new().ui_template_s3_uri("s3://amzn-s3-demo-bucket/ui-template/"))
        .task_description("Choose the category that best describes the image")
        .number_of_human_workers_per_data_object(3)
        .task_time_limit_in_seconds(300)
        .build();
}
