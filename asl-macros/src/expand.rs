//! `#[derive(Template)]` expands to `FromJson`, `Serialize`, `From<Self> for Value<Self>`, `Template`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, LitStr};

use crate::ast::{Body, Container, Field, Variant};

/// Expands `#[derive(Template)]`.
pub(crate) fn template(input: &DeriveInput) -> syn::Result<TokenStream> {
    let container = Container::from_ast(input)?;
    let body = match &container.body {
        Body::Struct(fields) => structure(&container, fields),
        Body::Enum { variants, unknown } => enumeration(&container, variants, unknown),
    };
    let common = common(&container);
    Ok(quote! {
        const _: () = {
            #body
            #common
        };
    })
}

/// `Deserialize` (through `FromJson`), `From<Self> for Value<Self>` and `Template`.
pub(crate) fn common(container: &Container<'_>) -> TokenStream {
    let krate = &container.krate;
    let ident = &container.input.ident;
    let serde = quote!(#krate::__private::serde);
    quote! {
        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #krate::__private::deserialize(deserializer)
            }
        }
        #[automatically_derived]
        impl ::core::convert::From<#ident> for #krate::Value<#ident> {
            fn from(value: #ident) -> Self {
                #krate::Value::Literal(value)
            }
        }
        #[automatically_derived]
        impl #krate::Template for #ident {}
    }
}

fn structure(container: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let krate = &container.krate;
    let ident = &container.input.ident;
    let name = LitStr::new(&ident.to_string(), ident.span());
    let vars: Vec<_> = (0..fields.len())
        .map(|i| format_ident!("member_{}", i))
        .collect();
    let reads = fields.iter().zip(&vars).map(|(field, var)| {
        let key = LitStr::new(&field.key, field.ident.span());
        if field.required {
            quote!(let #var = fields.required_value(#key, issues);)
        } else {
            quote!(let #var = fields.value(#key, issues);)
        }
    });
    let inits = fields.iter().zip(&vars).map(|(field, var)| {
        let field_ident = field.ident;
        if field.required {
            quote!(#field_ident: #var?)
        } else {
            quote!(#field_ident: #var)
        }
    });
    let idents: Vec<_> = fields.iter().map(|f| f.ident).collect();
    let keys: Vec<_> = fields
        .iter()
        .map(|f| LitStr::new(&f.key, f.ident.span()))
        .collect();
    let count = fields.len();
    let serde = quote!(#krate::__private::serde);
    let mutability = (!fields.is_empty()).then(|| quote!(mut));
    let len = if fields.is_empty() {
        quote!(0)
    } else {
        quote!(#(#krate::__private::Member::count(&self.#idents))+*)
    };
    quote! {
        #[automatically_derived]
        impl #krate::read::FromJson for #ident {
            fn read(
                json: &#krate::Json,
                at: #krate::read::At<'_>,
                issues: &mut #krate::read::Issues,
            ) -> ::core::option::Option<Self> {
                let #mutability fields = #krate::read::Fields::new(json, at, #name, issues)?;
                #(#reads)*
                fields.finish(issues);
                ::core::option::Option::Some(Self { #(#inits,)* })
            }
        }
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let len = #len;
                let mut out = #serde::Serializer::serialize_map(serializer, ::core::option::Option::Some(len))?;
                #(#krate::__private::Member::write(&self.#idents, &mut out, #keys)?;)*
                #serde::ser::SerializeMap::end(out)
            }
        }
        #[automatically_derived]
        impl #krate::ToPayload for #ident {
            fn to_payload_at(
                &self,
                at: #krate::read::At<'_>,
            ) -> ::core::result::Result<#krate::Payload, #krate::Issue> {
                let #mutability members = #krate::__private::members(#count);
                #(#krate::__private::Member::insert(&self.#idents, &mut members, #keys, at)?;)*
                ::core::result::Result::Ok(#krate::__private::object(members))
            }
        }
    }
}

fn enumeration(
    container: &Container<'_>,
    variants: &[Variant<'_>],
    unknown: &syn::Ident,
) -> TokenStream {
    let krate = &container.krate;
    let ident = &container.input.ident;
    let vis = &container.input.vis;
    let name = ident.to_string();
    let serde = quote!(#krate::__private::serde);
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let values: Vec<_> = variants
        .iter()
        .map(|v| LitStr::new(&v.value, v.ident.span()))
        .collect();
    let values_doc = format!("The strings `{name}` lists, in declaration order.");
    quote! {
        #[automatically_derived]
        impl #ident {
            #[doc = #values_doc]
            #vis const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value `value` names, or `None` when it is not listed
            /// (reading keeps such a value as the unknown arm, with a warning).
            #vis fn try_parse(value: &str) -> ::core::option::Option<Self> {
                match value {
                    #(#values => ::core::option::Option::Some(Self::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The string this value stands for.
            #vis fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value,
                }
            }
        }
        #[automatically_derived]
        impl #krate::read::FromJson for #ident {
            fn read(
                json: &#krate::Json,
                at: #krate::read::At<'_>,
                issues: &mut #krate::read::Issues,
            ) -> ::core::option::Option<Self> {
                match json {
                    #krate::Json::String(value) => ::core::option::Option::Some(match value.as_str() {
                        #(#values => Self::#idents,)*
                        other => {
                            #krate::__private::unlisted(at, other, #name, Self::VALUES, issues);
                            Self::#unknown(::core::convert::From::from(other))
                        }
                    }),
                    other => {
                        issues.push(#krate::read::wrong_type(other, at, "a string"));
                        ::core::option::Option::None
                    }
                }
            }
        }
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #serde::Serializer::serialize_str(serializer, self.as_str())
            }
        }
        #[automatically_derived]
        impl #krate::ToPayload for #ident {
            fn to_payload_at(
                &self,
                _: #krate::read::At<'_>,
            ) -> ::core::result::Result<#krate::Payload, #krate::Issue> {
                ::core::result::Result::Ok(#krate::Payload::String(
                    ::core::convert::From::from(self.as_str()),
                ))
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
