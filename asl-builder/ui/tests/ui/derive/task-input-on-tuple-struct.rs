use asl_builder::TaskInput;

#[derive(TaskInput)]
struct Input(String, u32);

fn main() {}
