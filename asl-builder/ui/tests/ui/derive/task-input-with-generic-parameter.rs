use asl_builder::TaskInput;

#[derive(TaskInput)]
struct Input<T> {
    job: T,
}

fn main() {}
