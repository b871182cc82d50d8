use asl_builder::TaskInput;

#[derive(TaskInput)]
#[serde(rename_all = "camelCase")]
struct Input {
    job_name: String,
    #[asl(rename = "jobName")]
    name: String,
}

fn main() {}
