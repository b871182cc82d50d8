use asl_types::{Template, Value};

#[derive(Template)]
#[asl(crat = "asl_types")]
struct Invoke {
    #[asl(renamed = "FunctionName")]
    function_name: Value<String>,
    #[asl(rename = "Qualifier", rename = "Alias")]
    qualifier: Option<Value<String>>,
}

fn main() {}
