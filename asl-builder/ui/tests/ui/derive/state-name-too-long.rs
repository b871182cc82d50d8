use asl_builder::Workflow;

#[derive(Workflow)]
enum Step {
    #[asl(rename = "")]
    Nameless,
    #[asl(rename = "Train the model on the full data set, then evaluate it on the held-out part of the data")]
    Train,
}

fn main() {}
