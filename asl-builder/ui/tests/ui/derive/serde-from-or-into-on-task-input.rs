use asl_builder::TaskInput;

#[derive(TaskInput)]
#[serde(from = "Wire", into = "Wire")]
struct Input {
    name: String,
}

#[derive(TaskInput)]
#[serde(try_from = "Wire")]
struct Checked {
    name: String,
}

struct Wire;

fn main() {}
