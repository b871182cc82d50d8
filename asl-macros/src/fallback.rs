//! On error: the compile errors, plus the items the expansion would have
//! made (with bodies that never run), so the user's code that calls them
//! does not drown the real error in follow-up errors.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

/// `compile_error!`s for `err`, the trait impls, and on an enum the inherent
/// `VALUES`, `try_parse`, `as_str` and `Display`.
pub(crate) fn template(input: &DeriveInput, err: &syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    if !input.generics.params.is_empty() || matches!(input.data, Data::Union(_)) {
        return errors;
    }
    let krate = crate_path(input, syn::parse_quote!(::asl_types));
    let ident = &input.ident;
    let vis = &input.vis;
    let serde = quote!(#krate::__private::serde);
    let enumeration = matches!(input.data, Data::Enum(_)).then(|| {
        quote! {
            impl #ident {
                #[doc = "`#[derive(Template)]` failed to expand"]
                #vis const VALUES: &'static [&'static str] = &[];
                #[doc = "`#[derive(Template)]` failed to expand"]
                #vis fn try_parse(_: &str) -> ::core::option::Option<Self> {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
                #[doc = "`#[derive(Template)]` failed to expand"]
                #vis fn as_str(&self) -> &str {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
        }
    });
    quote! {
        #errors
        const _: () = {
            #enumeration
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
            impl #krate::ToPayload for #ident {
                fn to_payload_at(
                    &self,
                    _: #krate::read::At<'_>,
                ) -> ::core::result::Result<#krate::Payload, #krate::Issue> {
                    ::core::unreachable!("`#[derive(Template)]` failed to expand")
                }
            }
            impl #krate::Template for #ident {}
        };
    }
}

/// `compile_error!`s for `err`, the `…Paths` struct with a method per named
/// field, `Navigable`, `TaskInput`, `path()` and `jsonata()`.
pub(crate) fn task_input(input: &DeriveInput, err: &syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    if !input.generics.params.is_empty() {
        return errors;
    }
    let krate = crate_path(input, syn::parse_quote!(::asl_builder));
    let ident = &input.ident;
    let vis = &input.vis;
    let paths = format_ident!("{}Paths", ident);
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => named.named.iter().collect(),
            Fields::Unnamed(_) | Fields::Unit => Vec::new(),
        },
        Data::Enum(_) | Data::Union(_) => Vec::new(),
    };
    let methods = fields.iter().filter_map(|field| {
        let name = field.ident.as_ref()?;
        let ty = &field.ty;
        Some(quote! {
            #[doc = "`#[derive(TaskInput)]` failed to expand"]
            #vis fn #name(&self) -> <#ty as #krate::Navigable<K>>::Out {
                ::core::unreachable!("`#[derive(TaskInput)]` failed to expand")
            }
        })
    });
    quote! {
        #errors
        #[doc = "`#[derive(TaskInput)]` failed to expand"]
        #[derive(Debug, Clone)]
        #vis struct #paths<K>(K);
        const _: () = {
            impl<K: #krate::Cursor> #paths<K> {
                #(#methods)*
            }
            impl<K: #krate::Cursor> #krate::Navigable<K> for #ident {
                type Out = #paths<K>;
                fn at(cursor: K) -> Self::Out {
                    #paths(cursor)
                }
            }
            impl #krate::TaskInput for #ident {}
            impl #ident {
                #[doc = "`#[derive(TaskInput)]` failed to expand"]
                #vis fn path() -> #paths<#krate::JsonPathCursor> {
                    #paths(#krate::JsonPathCursor::root())
                }
                #[doc = "`#[derive(TaskInput)]` failed to expand"]
                #vis fn jsonata() -> #paths<#krate::JsonataCursor> {
                    #paths(#krate::JsonataCursor::input())
                }
            }
        };
    }
}

/// `compile_error!`s for `err`, `state_name()` and `From<Self> for StateName`.
pub(crate) fn workflow(input: &DeriveInput, err: &syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    if !input.generics.params.is_empty() {
        return errors;
    }
    let krate = crate_path(input, syn::parse_quote!(::asl_builder));
    let ident = &input.ident;
    let vis = &input.vis;
    quote! {
        #errors
        const _: () = {
            impl #ident {
                #[doc = "`#[derive(Workflow)]` failed to expand"]
                #vis const fn state_name(&self) -> &'static str {
                    // Not a panic: a `const` calling this is evaluated even
                    // though the crate does not compile, and would add an error.
                    ""
                }
            }
            impl ::core::convert::From<#ident> for #krate::types::StateName {
                fn from(_: #ident) -> Self {
                    ::core::unreachable!("`#[derive(Workflow)]` failed to expand")
                }
            }
        };
    }
}

/// The `crate = "…"` path if it parses, else `default`.
fn crate_path(input: &DeriveInput, default: syn::Path) -> syn::Path {
    let mut errors = crate::errors::Errors::default();
    crate::attr::container(&input.attrs, &mut errors)
        .krate
        .unwrap_or(default)
}
