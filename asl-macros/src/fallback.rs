//! On error: the compile errors, plus impls that keep the rest of the user's
//! crate from drowning in follow-up errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `compile_error!`s for `err`, and empty-bodied impls where they can be written.
pub(crate) fn template(input: &DeriveInput, err: &syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    if !input.generics.params.is_empty() || matches!(input.data, syn::Data::Union(_)) {
        return errors;
    }
    let krate = crate_path(input);
    let ident = &input.ident;
    let serde = quote!(#krate::__private::serde);
    quote! {
        #errors
        const _: () = {
            impl #krate::read::FromJson for #ident {
                fn read(
                    _: &#krate::Json,
                    _: #krate::read::At<'_>,
                    _: &mut #krate::read::Issues,
                ) -> ::core::option::Option<Self> {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
            impl #serde::Serialize for #ident {
                fn serialize<S: #serde::Serializer>(
                    &self,
                    _: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
            impl<'de> #serde::Deserialize<'de> for #ident {
                fn deserialize<D: #serde::Deserializer<'de>>(
                    _: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
            impl ::core::convert::From<#ident> for #krate::Value<#ident> {
                fn from(value: #ident) -> Self {
                    #krate::Value::Literal(value)
                }
            }
            impl #krate::Template for #ident {}
        };
    }
}

/// The `crate = "…"` path if it parses, else the default.
fn crate_path(input: &DeriveInput) -> syn::Path {
    let mut errors = crate::ast::Errors::default();
    crate::attr::container(&input.attrs, &mut errors)
        .krate
        .unwrap_or_else(|| syn::parse_quote!(::asl_types))
}
