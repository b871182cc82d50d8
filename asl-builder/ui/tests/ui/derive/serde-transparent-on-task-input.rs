use asl_builder::TaskInput;

#[derive(TaskInput)]
#[serde(transparent)]
struct Input {
    name: String,
}

fn main() {}
