use asl_builder::{TaskInput, Workflow};

#[derive(TaskInput)]
#[asl(crate = "asl_builder")]
#[asl(crate = "asl_builder")]
struct Input {
    #[asl(rename = "a", rename = "b")]
    name: String,
}

#[derive(Workflow)]
enum Step {
    #[asl(rename = "Train")]
    #[asl(rename = "Train Model")]
    Train,
}

fn main() {}
