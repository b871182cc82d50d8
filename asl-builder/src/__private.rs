//! Used by `path!` / `ref_path!` expansions only; not part of the public API.

pub use asl_types::__private::{path, reference_path};
