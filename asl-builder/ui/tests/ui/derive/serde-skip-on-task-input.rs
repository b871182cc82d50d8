use asl_builder::TaskInput;

#[derive(TaskInput)]
struct Input {
    #[serde(skip)]
    cache: String,
    #[serde(default, skip_serializing)]
    written_by_aws: String,
    #[serde(skip_deserializing)]
    computed: u32,
}

fn main() {}
