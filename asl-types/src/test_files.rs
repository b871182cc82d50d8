//! For unit tests: the JSON files of the repository's corpora and examples.

use std::path::PathBuf;

/// Every `.json` file below the directories `dirs` (relative to this
/// crate), found recursively; a directory that does not exist adds none.
pub(crate) fn json_files(dirs: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        walk(&root.join(dir), &mut out);
    }
    out
}
