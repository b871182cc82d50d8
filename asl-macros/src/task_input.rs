//! `#[derive(TaskInput)]`: typed paths into a struct. The input is read into
//! a typed view ([`Container`]), checked across fields ([`validate`]), and
//! expanded ([`expand`]) to calls of `asl_builder`'s public API; on error,
//! `fallback::task_input` stands in for the expansion.

use std::collections::HashSet;

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::attr;
use crate::errors::Errors;

/// The `rename_all` rules serde knows, in its documentation's order
/// (the arms of [`rename`]).
const RENAME_ALL_RULES: &[&str] = &[
    "lowercase",
    "UPPERCASE",
    "PascalCase",
    "camelCase",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "kebab-case",
    "SCREAMING-KEBAB-CASE",
];

/// A struct with named fields.
struct Container<'a> {
    input: &'a DeriveInput,
    /// Where `asl_builder` is.
    krate: syn::Path,
    fields: Vec<Field<'a>>,
}

/// A field: one method of the generated `…Paths` struct.
struct Field<'a> {
    original: &'a syn::Field,
    ident: &'a Ident,
    /// The JSON member name, as serde reads and writes it.
    key: String,
}

impl<'a> Container<'a> {
    /// Reads the input, collecting every mistake.
    fn from_ast(input: &'a DeriveInput) -> syn::Result<Container<'a>> {
        let mut errors = Errors::default();
        let attrs = attr::container(&input.attrs, &mut errors);
        let serde = attr::serde(
            &input.attrs,
            attr::SERDE_RENAME_ALL,
            attr::SERDE_CONTAINER_SHAPE,
        );
        refuse_shape(&serde, &mut errors);
        if let Some(key) = &serde.per_direction {
            errors.at(
                key,
                "`#[derive(TaskInput)]` needs one naming rule, not one per direction: \
                 use `#[serde(rename_all = \"…\")]`",
            );
        }
        let rule = serde.name.as_ref().and_then(|lit| {
            let rule = lit.value();
            if !RENAME_ALL_RULES.contains(&rule.as_str()) {
                let known: Vec<String> =
                    RENAME_ALL_RULES.iter().map(|r| format!("`{r}`")).collect();
                errors.at(
                    lit,
                    &format!(
                        "unknown `rename_all` rule `{rule}`; expected one of {}",
                        known.join(", ")
                    ),
                );
                return None;
            }
            Some(rule)
        });
        if !input.generics.params.is_empty() {
            errors.at(
                &input.generics,
                "`#[derive(TaskInput)]` does not support generic types",
            );
        }
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named
                    .named
                    .iter()
                    .filter_map(|field| Field::from_ast(field, rule.as_deref(), &mut errors))
                    .collect(),
                other => {
                    errors.at(
                        other,
                        "`#[derive(TaskInput)]` needs a struct with named fields",
                    );
                    Vec::new()
                }
            },
            Data::Enum(_) | Data::Union(_) => {
                errors.at(
                    &input.ident,
                    "`#[derive(TaskInput)]` needs a struct with named fields",
                );
                Vec::new()
            }
        };
        let view = Container {
            input,
            krate: attrs
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::asl_builder)),
            fields,
        };
        validate(&view, &mut errors);
        errors.finish()?;
        Ok(view)
    }
}

impl<'a> Field<'a> {
    /// The field's JSON name: `#[asl(rename)]`, else serde's `rename`, else
    /// the struct's `rename_all` rule applied to the field name.
    fn from_ast(
        field: &'a syn::Field,
        rule: Option<&str>,
        errors: &mut Errors,
    ) -> Option<Field<'a>> {
        let attrs = attr::member(&field.attrs, "field", errors);
        let serde = attr::serde(&field.attrs, attr::SERDE_RENAME, attr::SERDE_FIELD_SHAPE);
        refuse_shape(&serde, errors);
        if let (Some(key), None) = (&serde.per_direction, &attrs.rename) {
            errors.at(
                key,
                "`#[derive(TaskInput)]` needs one JSON name per field, not one per direction: \
                 use `#[serde(rename = \"…\")]` or `#[asl(rename = \"…\")]`",
            );
        }
        let ident = field.ident.as_ref()?;
        let key = if let Some(lit) = attrs.rename.or(serde.name) {
            lit.value()
        } else {
            let name = ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name);
            rule.and_then(|rule| rename(rule, name))
                .unwrap_or_else(|| name.to_owned())
        };
        Some(Field {
            original: field,
            ident,
            key,
        })
    }
}

/// Errors on the serde keys typed paths cannot follow.
fn refuse_shape(serde: &attr::SerdeAttrs, errors: &mut Errors) {
    for (key, why) in &serde.shape {
        let key_text = key.get_ident().map(Ident::to_string).unwrap_or_default();
        errors.at(
            key,
            &format!(
                "`#[derive(TaskInput)]` cannot honour `#[serde({key_text})]`: {why}, \
                 so typed paths would not match the JSON"
            ),
        );
    }
}

/// `field` under serde's `rename_all` rule `rule`; `None` for an unknown rule.
fn rename(rule: &str, field: &str) -> Option<String> {
    Some(match rule {
        "lowercase" => field.to_lowercase(),
        "UPPERCASE" => field.to_uppercase(),
        "PascalCase" => field.to_upper_camel_case(),
        "camelCase" => field.to_lower_camel_case(),
        "snake_case" => field.to_snake_case(),
        "SCREAMING_SNAKE_CASE" => field.to_shouty_snake_case(),
        "kebab-case" => field.to_kebab_case(),
        "SCREAMING-KEBAB-CASE" => field.to_kebab_case().to_uppercase(),
        _ => return None,
    })
}

/// Two fields must not have one JSON name: their paths would be the same.
fn validate(input: &Container<'_>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for field in &input.fields {
        if !seen.insert(field.key.as_str()) {
            errors.at(
                field.original,
                &format!("two fields are named `{}` in JSON", field.key),
            );
        }
    }
}

/// Expands `#[derive(TaskInput)]`: a `…Paths<K>` struct (as visible as the input) with one
/// method per field, `Navigable<K>`, `TaskInput`, and `path()` / `jsonata()`.
pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let view = Container::from_ast(input)?;
    let krate = &view.krate;
    let ident = &view.input.ident;
    let vis = &view.input.vis;
    let paths = format_ident!("{}Paths", ident);
    let methods = view.fields.iter().map(|field| {
        let name = field.ident;
        let ty = &field.original.ty;
        let key = LitStr::new(&field.key, name.span());
        let doc = format!("The path to `{}`.", field.key);
        // Spanned on the type: a type that is not `Navigable` is an error there.
        quote_spanned! {ty.span()=>
            #[doc = #doc]
            #[must_use]
            #vis fn #name(&self) -> <#ty as #krate::Navigable<K>>::Out {
                <#ty as #krate::Navigable<K>>::at(#krate::Cursor::field(&self.0, #key))
            }
        }
    });
    let doc = format!("Typed paths into [`{ident}`], made by `#[derive(TaskInput)]`.");
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #vis struct #paths<K>(K);

        const _: () = {
            // A path the user does not take is not their dead code: the
            // methods carry the fields' spans, so rustc would say it is.
            #[allow(dead_code)]
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

            // The JSONPath to the struct itself, so it can be a `ResultPath`
            // or `ItemsPath` (it names a single node: fields only).
            #[automatically_derived]
            impl<Out> #krate::IntoReferencePath<Out> for #paths<#krate::JsonPathCursor>
            where
                #krate::TypedPath<#ident>: #krate::IntoReferencePath<Out>,
            {
                fn into_reference_path(
                    self,
                ) -> ::core::result::Result<Out, #krate::types::InvalidPath> {
                    #krate::IntoReferencePath::into_reference_path(
                        #krate::Cursor::leaf::<#ident>(self.0),
                    )
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<#paths<#krate::JsonPathCursor>> for #krate::types::Path {
                fn from(paths: #paths<#krate::JsonPathCursor>) -> Self {
                    ::core::convert::From::from(#krate::Cursor::leaf::<#ident>(paths.0))
                }
            }

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
        };
    })
}
