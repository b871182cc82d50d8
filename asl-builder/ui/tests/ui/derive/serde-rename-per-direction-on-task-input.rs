use asl_builder::TaskInput;

#[derive(TaskInput)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
struct Input {
    #[serde(rename(deserialize = "jobName"))]
    job_name: String,
    // `#[asl(rename)]` says which name the paths use.
    #[asl(rename = "count")]
    #[serde(rename(serialize = "count", deserialize = "Count"))]
    count: u32,
}

fn main() {}
