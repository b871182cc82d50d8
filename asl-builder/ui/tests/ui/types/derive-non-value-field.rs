use asl_types::{Template, Value};

#[derive(Template)]
struct Invoke {
    function_name: Value<String>,
    payload: String,
    retries: Option<u32>,
}

fn main() {}
