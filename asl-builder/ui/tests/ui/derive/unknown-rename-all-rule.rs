use asl_builder::TaskInput;

#[derive(TaskInput)]
#[serde(rename_all = "Title Case")]
struct Input {
    job_name: String,
}

fn main() {}
