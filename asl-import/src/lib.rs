#![doc = include_str!("../README.md")]

mod names;
mod states;
mod values;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use asl_types::StateMachine;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::names::Names;

/// What to generate: the function's name and where the definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Where the definition came from, for the comment at the top (a file name).
    pub source: String,
    /// The function's name (`machine` unless set).
    pub function: String,
}

impl Options {
    /// Options for a definition read from `source`; the function is `machine`.
    pub fn new(source: impl Into<String>) -> Options {
        Options {
            source: source.into(),
            function: "machine".to_owned(),
        }
    }

    /// The generated function's name.
    #[must_use]
    pub fn function(mut self, name: impl Into<String>) -> Options {
        self.function = name.into();
        self
    }
}

/// Something in the definition the builder cannot write exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gap {
    /// The state it is in (`None` for the machine itself).
    pub state: Option<String>,
    /// A JSON pointer to the field.
    pub pointer: String,
    /// What is missing.
    pub message: String,
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.state.as_deref().unwrap_or("-"),
            self.pointer,
            self.message
        )
    }
}

/// Why a definition could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The builder cannot write these parts exactly.
    #[error("the builder cannot write this definition exactly:\n{}", gaps.iter().map(|g| format!("  {g}")).collect::<Vec<_>>().join("\n"))]
    Gaps {
        /// Each part, in document order.
        gaps: Vec<Gap>,
    },
    /// The function name is not a Rust identifier.
    #[error("`{0}` is not a Rust function name")]
    FunctionName(String),
    /// The generated code did not parse (a bug in the generator).
    #[error("the generated code does not parse: {0}")]
    Syntax(String),
}

/// Where generated code finds the names it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Module {
    Builder,
    Types,
    SageMaker,
}

impl Module {
    fn path(self) -> TokenStream {
        match self {
            Module::Builder => quote!(asl_builder),
            Module::Types => quote!(asl_builder::types),
            Module::SageMaker => quote!(asl_builder::types::sagemaker),
        }
    }
}

/// The generator's state: names imported, constants, gaps.
pub(crate) struct Gen {
    uses: BTreeMap<String, Module>,
    pub(crate) names: Names,
    pub(crate) gaps: Vec<Gap>,
    /// Statements of the function being written, in order.
    pub(crate) body: Vec<TokenStream>,
    /// Functions for branches and item processors, written after the main one.
    pub(crate) items: Vec<TokenStream>,
    /// Whether a literal is parsed at run time (`expect` in the code).
    pub(crate) parses: bool,
}

impl Gen {
    /// The name `name` of `module`, imported (or written in full when
    /// another module's item of that name is imported).
    pub(crate) fn name(&mut self, module: Module, name: &str) -> TokenStream {
        let ident = format_ident!("{name}");
        match self.uses.get(name) {
            Some(m) if *m != module => {
                let path = module.path();
                quote!(#path::#ident)
            }
            _ => {
                self.uses.insert(name.to_owned(), module);
                quote!(#ident)
            }
        }
    }

    pub(crate) fn gap(&mut self, state: Option<&str>, pointer: &str, message: impl Into<String>) {
        self.gaps.push(Gap {
            state: state.map(str::to_owned),
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    fn imports(&self) -> TokenStream {
        let mut by_module: BTreeMap<Module, Vec<&String>> = BTreeMap::new();
        for (name, module) in &self.uses {
            by_module.entry(*module).or_default().push(name);
        }
        let items = by_module.into_iter().map(|(module, names)| {
            let path = module.path();
            let idents = names.iter().map(|n| format_ident!("{n}"));
            quote!(use #path::{#(#idents),*};)
        });
        quote!(#(#items)*)
    }
}

/// Rust source of a function that rebuilds `machine` with `asl-builder`.
///
/// # Errors
/// [`ImportError::Gaps`] listing every part the builder cannot write
/// exactly (the output would differ from the definition);
/// [`ImportError::FunctionName`] for a function name that is not an
/// identifier.
pub fn generate(machine: &StateMachine, options: &Options) -> Result<String, ImportError> {
    let function = syn::parse_str::<syn::Ident>(&options.function)
        .map_err(|_| ImportError::FunctionName(options.function.clone()))?;
    let mut g = Gen {
        uses: BTreeMap::new(),
        names: Names::default(),
        gaps: Vec::new(),
        body: Vec::new(),
        items: Vec::new(),
        parses: false,
    };
    g.names.reserve(&options.function);
    states::machine(&mut g, machine);
    if !g.gaps.is_empty() {
        return Err(ImportError::Gaps { gaps: g.gaps });
    }
    let built = g.name(Module::Builder, "Built");
    let build_error = g.name(Module::Builder, "BuildError");
    let imports = g.imports();
    let consts = g.names.constants();
    let body = &g.body;
    let items = &g.items;
    let doc = format!(
        " The state machine of `{}`, built with `asl-builder`.",
        options.source
    );
    let panics = g.parses.then(|| {
        quote! {
            ///
            /// # Panics
            /// Never: each literal parsed here was read from the definition.
        }
    });
    let file = quote! {
        #imports
        #(#consts)*
        #[doc = #doc]
        ///
        /// # Errors
        /// The validator's errors, if any (none for the definition this was read from).
        #panics
        pub fn #function() -> Result<#built, #build_error> {
            #(#body)*
        }
        #(#items)*
    };
    let parsed: syn::File = syn::parse2(file).map_err(|e| ImportError::Syntax(e.to_string()))?;
    let header = format!(
        "// Generated by `asl import` from {}.\n// Rebuilds the definition with asl-builder; `build()` runs the validator.\n\n",
        options.source
    );
    Ok(format!(
        "{header}{}",
        spaced(&allow_long_functions(&prettyplease::unparse(&parsed)))
    ))
}

/// Clippy's `too_many_lines` allowed, with the reason, on each function
/// longer than its limit (100 lines): a generated function is one statement
/// per state, and splitting it would hide the machine's shape.
fn allow_long_functions(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("pub fn ") || line.starts_with("fn ") {
            let end = lines[i..].iter().position(|l| *l == "}").unwrap_or(0);
            if end > 101 {
                out.push_str(
                    "#[allow(clippy::too_many_lines, reason = \"generated: a statement per state\")]\n",
                );
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A blank line between the `use` lines, the constants and each function.
fn spaced(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 256);
    let mut previous = "";
    for line in code.lines() {
        let item_start = line.starts_with("///") || line.starts_with("pub const");
        let next_constant = previous.starts_with("pub const") && line.starts_with("/// State `");
        let after_item = previous == "}"
            || previous.starts_with("use ")
            || previous.starts_with("};")
            || previous.starts_with("pub const");
        if item_start && after_item && !next_constant {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}
