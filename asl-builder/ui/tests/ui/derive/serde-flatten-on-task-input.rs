use asl_builder::TaskInput;

#[derive(TaskInput)]
struct Input {
    #[serde(flatten)]
    job: Job,
}

#[derive(TaskInput)]
struct Job {
    name: String,
}

fn main() {}
