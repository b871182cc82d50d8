use asl_builder::Workflow;

#[derive(Workflow)]
struct Step {
    name: String,
}

fn main() {}
