//! Errors collected while reading the input, reported together.

use quote::ToTokens;

/// Errors collected while reading the input, reported together.
#[derive(Default)]
pub(crate) struct Errors(Vec<syn::Error>);

impl Errors {
    /// An error spanning `node`.
    pub(crate) fn at(&mut self, node: impl ToTokens, msg: &str) {
        self.0.push(syn::Error::new_spanned(node, msg));
    }

    /// An error from syn.
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// All errors combined into one, if any.
    pub(crate) fn finish(self) -> syn::Result<()> {
        let mut it = self.0.into_iter();
        let Some(mut all) = it.next() else {
            return Ok(());
        };
        for e in it {
            all.combine(e);
        }
        Err(all)
    }
}
