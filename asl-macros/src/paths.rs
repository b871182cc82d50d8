//! `#[derive(TaskInput)]` and `#[derive(Workflow)]`: typed paths into a
//! struct, typed state names from an enum. Both expand to calls of
//! `asl_builder`'s public API (default path `::asl_builder`).

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, LitStr};

use crate::ast::Errors;

/// `#[asl(crate = "…")]` and `#[asl(rename = "…")]`; serde's `rename` and
/// `rename_all` are honoured so paths match the JSON the struct reads.
#[derive(Default)]
struct Attrs {
    krate: Option<syn::Path>,
    rename: Option<String>,
    rename_all: Option<(String, Span)>,
}

fn read_attrs(attrs: &[Attribute], on_type: bool, errors: &mut Errors) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs {
        if attr.path().is_ident("asl") {
            let result = attr.parse_nested_meta(|meta| {
                if on_type && meta.path.is_ident("crate") {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.krate = Some(lit.parse()?);
                } else if !on_type && meta.path.is_ident("rename") {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.rename = Some(lit.value());
                } else {
                    let expected = if on_type { "`crate`" } else { "`rename`" };
                    errors.at(
                        &meta.path,
                        &format!("unknown `#[asl]` key here; expected {expected}"),
                    );
                    if meta.input.peek(syn::Token![=]) {
                        let _: syn::Expr = meta.value()?.parse()?;
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                errors.push(e);
            }
        } else if attr.path().is_ident("serde") {
            // Only the keys that change names matter; the rest belongs to serde.
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") && meta.input.peek(syn::Token![=]) {
                    let lit: LitStr = meta.value()?.parse()?;
                    if out.rename.is_none() {
                        out.rename = Some(lit.value());
                    }
                } else if meta.path.is_ident("rename_all") && meta.input.peek(syn::Token![=]) {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.rename_all = Some((lit.value(), lit.span()));
                } else if meta.input.peek(syn::Token![=]) {
                    let _: syn::Expr = meta.value()?.parse()?;
                } else if meta.input.peek(syn::token::Paren) {
                    meta.parse_nested_meta(|inner| {
                        if inner.input.peek(syn::Token![=]) {
                            let _: syn::Expr = inner.value()?.parse()?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            });
        }
    }
    out
}

fn apply_case(name: &str, rule: &str) -> Option<String> {
    Some(match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "PascalCase" => name.to_upper_camel_case(),
        "camelCase" => name.to_lower_camel_case(),
        "snake_case" => name.to_snake_case(),
        "SCREAMING_SNAKE_CASE" => name.to_shouty_snake_case(),
        "kebab-case" => name.to_kebab_case(),
        "SCREAMING-KEBAB-CASE" => name.to_kebab_case().to_uppercase(),
        _ => return None,
    })
}

/// What both derives start with: the type's attributes, the path of
/// `asl_builder`, and the refusal of generic types.
fn prologue(input: &DeriveInput, derive: &str) -> (Errors, Attrs, syn::Path) {
    let mut errors = Errors::default();
    let attrs = read_attrs(&input.attrs, true, &mut errors);
    let krate = attrs
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::asl_builder));
    if !input.generics.params.is_empty() {
        errors.at(
            &input.generics,
            &format!("`#[derive({derive})]` does not support generic types"),
        );
    }
    (errors, attrs, krate)
}

/// Expands `#[derive(TaskInput)]`.
pub(crate) fn task_input(input: &DeriveInput) -> syn::Result<TokenStream> {
    let (mut errors, attrs, krate) = prologue(input, "TaskInput");
    let fields = if let Data::Struct(s) = &input.data {
        if let Fields::Named(named) = &s.fields {
            named.named.iter().collect::<Vec<_>>()
        } else {
            errors.at(
                &s.fields,
                "`#[derive(TaskInput)]` needs a struct with named fields",
            );
            Vec::new()
        }
    } else {
        errors.at(
            &input.ident,
            "`#[derive(TaskInput)]` needs a struct with named fields",
        );
        Vec::new()
    };
    if let Some((rule, span)) = &attrs.rename_all
        && apply_case("x", rule).is_none()
    {
        errors.push(syn::Error::new(
            *span,
            format!("unknown `rename_all` rule `{rule}`"),
        ));
    }
    let mut methods = Vec::new();
    for field in &fields {
        let field_attrs = read_attrs(&field.attrs, false, &mut errors);
        let ident = field.ident.as_ref().expect("named fields have names");
        let rust_name = ident.to_string();
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(&rust_name);
        let json = field_attrs.rename.unwrap_or_else(|| {
            attrs
                .rename_all
                .as_ref()
                .and_then(|(rule, _)| apply_case(rust_name, rule))
                .unwrap_or_else(|| rust_name.to_owned())
        });
        let ty = &field.ty;
        let doc = format!("The path to `{json}`.");
        let vis = &input.vis;
        methods.push(quote_spanned! {ty.span()=>
            #[doc = #doc]
            #[must_use]
            #vis fn #ident(&self) -> <#ty as #krate::Navigable<K>>::Out {
                <#ty as #krate::Navigable<K>>::at(#krate::Cursor::field(&self.0, #json))
            }
        });
    }
    errors.finish()?;

    let ident = &input.ident;
    let vis = &input.vis;
    let paths = format_ident!("{}Paths", ident);
    let doc = format!("Typed paths into [`{ident}`], made by `#[derive(TaskInput)]`.");
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #vis struct #paths<K>(K);

        #[automatically_derived]
        impl<K: #krate::Cursor> #paths<K> {
            #(#methods)*
        }

        #[automatically_derived]
        impl<K: #krate::Cursor> #krate::Navigable<K> for #ident {
            type Out = #paths<K>;
            fn at(cursor: K) -> Self::Out {
                #paths(cursor)
            }
        }

        #[automatically_derived]
        impl #krate::TaskInput for #ident {}

        #[automatically_derived]
        impl #ident {
            /// Typed JSONPaths into the state input (`$.…`).
            #[must_use]
            #vis fn path() -> #paths<#krate::JsonPathCursor> {
                #paths(#krate::JsonPathCursor::root())
            }

            /// Typed JSONata expressions reading the state input (`$states.input.…`).
            #[must_use]
            #vis fn jsonata() -> #paths<#krate::JsonataCursor> {
                #paths(#krate::JsonataCursor::input())
            }
        }
    })
}

/// Expands `#[derive(Workflow)]`.
pub(crate) fn workflow(input: &DeriveInput) -> syn::Result<TokenStream> {
    let (mut errors, _, krate) = prologue(input, "Workflow");
    let mut arms = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    match &input.data {
        Data::Enum(e) => {
            for variant in &e.variants {
                let variant_attrs = read_attrs(&variant.attrs, false, &mut errors);
                if !matches!(variant.fields, Fields::Unit) {
                    errors.at(variant, "a state name is a unit variant: remove the fields");
                    continue;
                }
                let name = variant_attrs
                    .rename
                    .unwrap_or_else(|| variant.ident.to_string());
                if name.is_empty() || name.chars().count() > 80 {
                    errors.at(variant, "a state name has 1 to 80 characters");
                }
                if seen.contains(&name) {
                    errors.at(variant, &format!("state name `{name}` is used twice"));
                }
                seen.push(name.clone());
                let v = &variant.ident;
                arms.push(quote!(Self::#v => #name));
            }
        }
        _ => errors.at(
            &input.ident,
            "`#[derive(Workflow)]` needs an enum of unit variants",
        ),
    }
    errors.finish()?;
    let ident = &input.ident;
    Ok(quote! {
        #[automatically_derived]
        impl #ident {
            /// The state name this variant stands for.
            #[must_use]
            pub const fn state_name(&self) -> &'static str {
                match self {
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
    })
}
