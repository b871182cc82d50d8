//! Rust names for states: a constant per state name, a variable per handle.

use std::collections::{HashMap, HashSet};

use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The constants and variables chosen so far (state names are unique
/// machine-wide, so one table serves every scope).
#[derive(Default)]
pub(crate) struct Names {
    constants: Vec<(Ident, String)>,
    constant_of: HashMap<String, Ident>,
    taken: HashSet<String>,
}

/// `text` as an ASCII identifier in `case`, or `fallback` when nothing is left.
fn ascii_ident(text: &str, shouty: bool, fallback: &str) -> String {
    let cased = if shouty {
        text.to_shouty_snake_case()
    } else {
        text.to_snake_case()
    };
    let mut out: String = cased
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    let out = out.trim_matches('_').to_owned();
    let mut out = if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, if shouty { "STATE_" } else { "state_" });
    }
    if syn::parse_str::<syn::Ident>(&out).is_err() || out == "sm" || out == "self" {
        out.push('_');
    }
    out
}

impl Names {
    /// A fresh identifier based on `text`.
    fn fresh(&mut self, text: &str, shouty: bool, fallback: &str) -> Ident {
        let base = ascii_ident(text, shouty, fallback);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        Ident::new(&name, Span::call_site())
    }

    /// The constant holding state name `name`.
    pub(crate) fn constant(&mut self, name: &str) -> Ident {
        if let Some(c) = self.constant_of.get(name) {
            return c.clone();
        }
        let c = self.fresh(name, true, "STATE");
        self.constants.push((c.clone(), name.to_owned()));
        self.constant_of.insert(name.to_owned(), c.clone());
        c
    }

    /// Keeps `name` (the generated function's) from being chosen.
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// A variable for something about `text` (a handle, a branch builder).
    pub(crate) fn variable(&mut self, text: &str) -> Ident {
        self.fresh(text, false, "state")
    }

    /// `pub const NAME: &str = "…";` for each state, in the order met.
    pub(crate) fn constants(&self) -> Vec<TokenStream> {
        self.constants
            .iter()
            .map(|(ident, name)| {
                let doc = format!(" State `{}`.", name.replace('`', "'"));
                quote! {
                    #[doc = #doc]
                    pub const #ident: &str = #name;
                }
            })
            .collect()
    }
}
