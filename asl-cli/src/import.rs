//! `asl import FILE [--fn NAME] [-o OUT.rs]`: Rust source that rebuilds the
//! definition with `asl-builder`.

use std::path::{Path, PathBuf};

use crate::report::Finding;
use crate::write_stdout;

/// What `asl import` was asked.
pub(crate) struct Request {
    pub(crate) file: PathBuf,
    pub(crate) function: String,
    pub(crate) output: Option<PathBuf>,
}

/// Exit status: 0 written; 1 invalid, or not expressible exactly (each gap
/// named); 2 unreadable, not a JSON object, or the output cannot be written.
pub(crate) fn import(request: &Request) -> u8 {
    let (name, machine) = match crate::read_machine(&request.file) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let errors: Vec<_> = asl_types::validate(&machine)
        .into_iter()
        .filter(asl_types::Issue::is_error)
        .collect();
    if !errors.is_empty() {
        for issue in errors {
            eprintln!("{}", Finding::new(&name, issue));
        }
        eprintln!("{name}: not imported: the definition is invalid (`asl validate {name}`)");
        return 1;
    }
    let source = Path::new(&name)
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    let options = asl_import::Options::new(source).function(request.function.clone());
    let rust = match asl_import::generate(&machine, &options) {
        Ok(rust) => rust,
        Err(e) => {
            eprintln!("{name}: {e}");
            return 1;
        }
    };
    match &request.output {
        None => write_stdout(rust.as_bytes()),
        Some(out) => match std::fs::write(out, rust) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{}: cannot write: {e}", out.display());
                2
            }
        },
    }
}
