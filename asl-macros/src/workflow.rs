//! `#[derive(Workflow)]`: typed state names from an enum of unit variants.
//! The input is read into a typed view ([`Steps`]), checked across variants
//! ([`validate`]), and expanded ([`expand`]); on error,
//! `fallback::workflow` stands in for the expansion.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::attr;
use crate::errors::Errors;

/// The longest state name ASL allows, in characters.
const MAX_STATE_NAME: usize = 80;

/// An enum of unit variants.
struct Steps<'a> {
    /// Where `asl_builder` is.
    krate: syn::Path,
    variants: Vec<Step<'a>>,
}

/// A unit variant standing for one state name.
struct Step<'a> {
    original: &'a syn::Variant,
    ident: &'a Ident,
    /// The state name.
    name: String,
}

impl<'a> Steps<'a> {
    /// Reads the input, collecting every mistake.
    fn from_ast(input: &'a DeriveInput) -> syn::Result<Steps<'a>> {
        let mut errors = Errors::default();
        let attrs = attr::container(&input.attrs, &mut errors);
        if !input.generics.params.is_empty() {
            errors.at(
                &input.generics,
                "`#[derive(Workflow)]` does not support generic types",
            );
        }
        let variants = if let Data::Enum(data) = &input.data {
            data.variants
                .iter()
                .filter_map(|variant| Step::from_ast(variant, &mut errors))
                .collect()
        } else {
            errors.at(
                &input.ident,
                "`#[derive(Workflow)]` needs an enum of unit variants",
            );
            Vec::new()
        };
        let view = Steps {
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::asl_builder)),
            variants,
        };
        validate(&view, &mut errors);
        errors.finish()?;
        Ok(view)
    }
}

impl<'a> Step<'a> {
    /// The state name: `#[asl(rename)]`, else the variant's name.
    fn from_ast(variant: &'a syn::Variant, errors: &mut Errors) -> Option<Step<'a>> {
        let attrs = attr::member(&variant.attrs, "variant", errors);
        if !matches!(variant.fields, Fields::Unit) {
            errors.at(variant, "a state name is a unit variant: remove the fields");
            return None;
        }
        Some(Step {
            original: variant,
            ident: &variant.ident,
            name: attrs
                .rename
                .map_or_else(|| variant.ident.to_string(), |lit| lit.value()),
        })
    }
}

/// State names have 1 to 80 characters and are unique.
fn validate(steps: &Steps<'_>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for step in &steps.variants {
        if step.name.is_empty() || step.name.chars().count() > MAX_STATE_NAME {
            errors.at(step.original, "a state name has 1 to 80 characters");
        }
        if !seen.insert(step.name.as_str()) {
            errors.at(
                step.original,
                &format!("state name `{}` is used twice", step.name),
            );
        }
    }
}

/// Expands `#[derive(Workflow)]`: `state_name()`, `From<Self> for
/// StateName` (so builder calls take the variant) and `Index<Self>` for
/// `States` (`machine.states[Step::Train]`).
pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let steps = Steps::from_ast(input)?;
    let krate = &steps.krate;
    let ident = &input.ident;
    let vis = &input.vis;
    let arms = steps.variants.iter().map(|step| {
        let variant = step.ident;
        let name = LitStr::new(&step.name, variant.span());
        quote!(Self::#variant => #name)
    });
    Ok(quote! {
        const _: () = {
            #[automatically_derived]
            impl #ident {
                /// The state name this variant stands for.
                #[must_use]
                #vis const fn state_name(&self) -> &'static str {
                    match *self {
                        #(#arms,)*
                    }
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<#ident> for #krate::types::StateName {
                fn from(step: #ident) -> Self {
                    #krate::types::StateName::from(step.state_name())
                }
            }

            /// `machine.states[Step::Train]`: the top-level state of that
            /// name (panics, as indexing does, when there is none; use
            /// `machine.state(Step::Train)` to look at any depth).
            #[automatically_derived]
            impl ::core::ops::Index<#ident> for #krate::types::States {
                type Output = #krate::types::State;
                fn index(&self, step: #ident) -> &Self::Output {
                    match self.get(step.state_name()) {
                        ::core::option::Option::Some(state) => state,
                        ::core::option::Option::None => ::core::panic!(
                            "no state `{}` at the top level of this machine",
                            step.state_name()
                        ),
                    }
                }
            }
        };
    })
}
