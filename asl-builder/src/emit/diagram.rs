//! Diagrams beside the definition, for `build.rs`.

use std::io;
use std::path::{Path, PathBuf};

use asl_types::StateMachine;

/// Which diagram [`write_diagram`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Diagram {
    /// A Mermaid flowchart ([`StateMachine::to_mermaid`]), written as `.mmd`.
    Mermaid,
    /// Graphviz DOT ([`StateMachine::to_dot`]), written as `.dot`.
    Dot,
}

impl Diagram {
    /// The file extension, without its dot.
    pub const fn extension(self) -> &'static str {
        match self {
            Diagram::Mermaid => "mmd",
            Diagram::Dot => "dot",
        }
    }

    /// The diagram of `machine` in this format.
    pub fn render(self, machine: &StateMachine) -> String {
        match self {
            Diagram::Mermaid => machine.to_mermaid(),
            Diagram::Dot => machine.to_dot(),
        }
    }
}

/// Writes the diagram of `machine` beside the definition file `definition`
/// (which need not exist yet): `NAME.asl.json` (or `NAME.json`) gives
/// `NAME.mmd` or `NAME.dot` in the same directory, created when missing.
/// Returns the path written.
///
/// ```
/// use asl_builder::emit::{self, Diagram};
/// use asl_builder::StateMachineBuilder;
///
/// let mut sm = StateMachineBuilder::new();
/// let done = sm.succeed("Done");
/// sm.start_at(done);
/// let machine = sm.build()?;
///
/// let out = std::env::temp_dir().join(format!("asl-emit-doc-{}", std::process::id()));
/// let definition = out.join("pipeline.asl.json");
/// emit::write_pretty(&machine, &definition)?;
/// let mermaid = emit::write_diagram(&machine, &definition, Diagram::Mermaid)?;
/// let dot = emit::write_diagram(&machine, &definition, Diagram::Dot)?;
/// assert_eq!(mermaid, out.join("pipeline.mmd"));
/// assert_eq!(std::fs::read_to_string(&mermaid)?, machine.to_mermaid());
/// assert_eq!(dot, out.join("pipeline.dot"));
/// assert!(std::fs::read_to_string(&dot)?.starts_with("digraph"));
/// # std::fs::remove_dir_all(&out)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// When the file cannot be written, or `definition` has no file name.
pub fn write_diagram(
    machine: &StateMachine,
    definition: impl AsRef<Path>,
    format: Diagram,
) -> io::Result<PathBuf> {
    let path = beside(definition.as_ref(), format.extension())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, format.render(machine))?;
    Ok(path)
}

/// `dir/NAME.asl.json` → `dir/NAME.EXTENSION`.
fn beside(definition: &Path, extension: &str) -> io::Result<PathBuf> {
    let name = definition
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{}` has no file name", definition.display()),
            )
        })?;
    Ok(super::with_stem(definition, name, extension))
}

#[cfg(test)]
mod tests {
    use super::beside;
    use std::path::Path;

    #[test]
    fn the_diagram_goes_beside_the_definition() {
        let at = |p: &str, ext: &str| beside(Path::new(p), ext).unwrap();
        assert_eq!(at("out/a.asl.json", "mmd"), Path::new("out/a.mmd"));
        assert_eq!(at("out/a.json", "dot"), Path::new("out/a.dot"));
        assert_eq!(at("a.b", "dot"), Path::new("a.b.dot"));
        assert!(beside(Path::new("/"), "dot").is_err());
    }
}
