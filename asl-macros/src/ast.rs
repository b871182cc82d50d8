//! `#[derive(Template)]`: a typed view of the input; keeps the original syntax for spans.

use heck::ToPascalCase;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr;
use crate::errors::Errors;

/// The derive input.
pub(crate) struct Container<'a> {
    pub(crate) input: &'a DeriveInput,
    /// Where `asl_types` is.
    pub(crate) krate: syn::Path,
    pub(crate) body: Body<'a>,
}

/// A struct's fields or an enum's variants.
pub(crate) enum Body<'a> {
    Struct(Vec<Field<'a>>),
    Enum {
        variants: Vec<Variant<'a>>,
        /// The variant holding values the enum does not list.
        unknown: &'a Ident,
    },
}

/// A field: `Value<T>` (required) or `Option<Value<T>>` (optional).
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    /// The JSON member name.
    pub(crate) key: String,
    pub(crate) required: bool,
}

/// A unit variant standing for one string.
pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    pub(crate) ident: &'a Ident,
    /// The JSON string.
    pub(crate) value: String,
}

impl<'a> Container<'a> {
    /// Reads the input, collecting every mistake.
    pub(crate) fn from_ast(input: &'a DeriveInput) -> syn::Result<Container<'a>> {
        let mut errors = Errors::default();
        let attrs = attr::container(&input.attrs, &mut errors);
        if !input.generics.params.is_empty() {
            errors.at(
                &input.generics,
                "`#[derive(Template)]` does not support generic parameters",
            );
        }
        let body = match &input.data {
            Data::Struct(data) => {
                if let Fields::Named(named) = &data.fields {
                    Some(Body::Struct(
                        named
                            .named
                            .iter()
                            .filter_map(|f| Field::from_ast(f, &mut errors))
                            .collect(),
                    ))
                } else {
                    errors.at(
                        &input.ident,
                        "`#[derive(Template)]` needs a struct with named fields",
                    );
                    None
                }
            }
            Data::Enum(data) => enum_body(input, &data.variants, &mut errors),
            Data::Union(_) => {
                errors.at(
                    &input.ident,
                    "`#[derive(Template)]` does not support unions",
                );
                None
            }
        };
        let container = body.map(|body| Container {
            input,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::asl_types)),
            body,
        });
        if let Some(container) = &container {
            crate::validate::check(container, &mut errors);
        }
        errors.finish()?;
        // `body` is `None` only when an error was recorded above.
        container.ok_or_else(|| syn::Error::new_spanned(&input.ident, "invalid input"))
    }
}

impl<'a> Field<'a> {
    fn from_ast(field: &'a syn::Field, errors: &mut Errors) -> Option<Field<'a>> {
        let attrs = attr::member(&field.attrs, "field", errors);
        let ident = field.ident.as_ref()?;
        let Some(required) = member_kind(&field.ty) else {
            errors.at(
                &field.ty,
                "a `#[derive(Template)]` field must be `Value<_>` (a required member) \
                 or `Option<Value<_>>` (an optional one)",
            );
            return None;
        };
        let key = attrs
            .rename
            .map_or_else(|| unraw(ident).to_pascal_case(), |lit| lit.value());
        Some(Field {
            original: field,
            ident,
            key,
            required,
        })
    }
}

fn enum_body<'a>(
    input: &'a DeriveInput,
    variants: &'a syn::punctuated::Punctuated<syn::Variant, syn::Token![,]>,
    errors: &mut Errors,
) -> Option<Body<'a>> {
    let mut unit = Vec::new();
    let mut unknown = Vec::new();
    for variant in variants {
        let attrs = attr::member(&variant.attrs, "variant", errors);
        match &variant.fields {
            Fields::Unit => unit.push(Variant {
                original: variant,
                ident: &variant.ident,
                value: attrs
                    .rename
                    .map_or_else(|| unraw(&variant.ident), |lit| lit.value()),
            }),
            Fields::Unnamed(f) if f.unnamed.len() == 1 && is_named(&f.unnamed[0].ty, "String") => {
                if let Some(rename) = &attrs.rename {
                    errors.at(
                        rename,
                        "the variant holding unlisted values takes no `rename`",
                    );
                }
                unknown.push(&variant.ident);
            }
            _ => errors.at(
                variant,
                "a `#[derive(Template)]` enum has unit variants, one per string, \
                 plus one variant holding a `String`",
            ),
        }
    }
    match unknown.as_slice() {
        [one] => Some(Body::Enum {
            variants: unit,
            unknown: one,
        }),
        [] => {
            errors.at(
                &input.ident,
                "a `#[derive(Template)]` enum needs one variant holding unlisted values, \
                 e.g. `Unknown(String)`",
            );
            None
        }
        [_, more @ ..] => {
            for extra in more {
                errors.at(extra, "only one variant may hold unlisted values");
            }
            None
        }
    }
}

/// `Some(true)` for `Value<_>`, `Some(false)` for `Option<Value<_>>`.
fn member_kind(ty: &Type) -> Option<bool> {
    if single_argument(ty, "Value").is_some() {
        return Some(true);
    }
    let inner = single_argument(ty, "Option")?;
    single_argument(inner, "Value").map(|_| false)
}

/// The `T` of `Name<T>` (last path segment `Name`, one type argument).
fn single_argument<'t>(ty: &'t Type, name: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

fn is_named(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == name && s.arguments.is_empty()))
}

/// The identifier without `r#`.
fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#")
        .map_or_else(|| text.clone(), str::to_owned)
}
