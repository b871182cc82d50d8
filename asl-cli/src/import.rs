//! `asl import FILE [--fn NAME] [-o OUT.rs]`: Rust source that rebuilds the
//! definition with `asl-builder`.

use std::path::{Path, PathBuf};

use asl_types::{Error, Json, StateMachine};

use crate::report::Finding;
use crate::{display_name, read_input, write_stdout};

/// What `asl import` was asked.
pub(crate) struct Request {
    pub(crate) file: PathBuf,
    pub(crate) function: String,
    pub(crate) output: Option<PathBuf>,
}

/// Exit status: 0 written; 1 invalid, or not expressible exactly (each gap
/// named); 2 unreadable, not a JSON object, or the output cannot be written.
pub(crate) fn import(request: &Request) -> u8 {
    let name = display_name(&request.file);
    let bytes = match read_input(&request.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return 2;
        }
    };
    let machine = match StateMachine::from_slice(&bytes) {
        Ok(m) => m,
        Err(Error::Model(issues)) => {
            if let Some(json) = Json::from_slice(&bytes)
                .ok()
                .filter(|j| j.as_object().is_none())
            {
                eprintln!("{name}: not a JSON object (found {})", json.kind());
                return 2;
            }
            for issue in issues {
                eprintln!("{}", Finding::new(&name, issue));
            }
            return 1;
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            return 2;
        }
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
