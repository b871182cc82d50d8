// The derive fails; the code that uses what it would have made compiles on,
// so the derive's error is the only one.
use asl_types::{Template, Value};

#[derive(Debug, Template)]
enum Mode {
    #[asl(rename = "File")]
    File,
    Pipe(u32),
    Unknown(String),
}

#[derive(Debug, Template)]
struct Invoke {
    mode: Value<Mode>,
    #[asl(renamed = "Name")]
    name: Value<String>,
}

fn main() {
    let _ = (Mode::VALUES, Mode::try_parse("File"), Mode::File.as_str(), Mode::File.to_string());
    let value: Value<Mode> = Mode::File.into();
    let _ = serde_json::to_string(&value);
    let _ = Invoke::parse("{}");
}
