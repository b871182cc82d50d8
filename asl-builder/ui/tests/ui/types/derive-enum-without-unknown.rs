use asl_types::Template;

#[derive(Template)]
enum Mode {
    #[asl(rename = "File")]
    File,
    Pipe(u32),
}

fn main() {}
