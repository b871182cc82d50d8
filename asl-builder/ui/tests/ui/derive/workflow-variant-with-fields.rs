use asl_builder::Workflow;

#[derive(Workflow)]
enum Step {
    Train,
    Notify(String),
    #[asl(rename = "Train")]
    AlsoTrain,
}

fn main() {}
