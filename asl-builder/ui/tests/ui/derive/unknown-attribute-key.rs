use asl_builder::TaskInput;

#[derive(TaskInput)]
struct Input {
    #[asl(renamed = "x")]
    name: String,
}

fn main() {}
