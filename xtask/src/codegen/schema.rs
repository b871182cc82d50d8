//! `schema.rs`: `schemars::JsonSchema` for every generated struct and enum,
//! behind asl-types' `schema` feature.
//!
//! A struct's schema is built from its members' Rust types
//! (`g.subschema_for::<Value<T>>()`) by `asl_types::schema::structure`, which
//! adds the `Key.$` form of every member and says which are required; an
//! enum's schema lists the model's values. `SageMakerApi::request_schema`
//! gives each operation's request schema.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Gen;
use crate::model::{Shape, StringShape};

impl Gen<'_> {
    /// The tokens of `schema.rs`.
    pub(super) fn schema(&self) -> TokenStream {
        let mut items = Vec::new();
        for (name, shape) in &self.model.shapes {
            match shape {
                Shape::Structure(s) => {
                    let ident = self.names.type_ident(name);
                    let schema_name = format!("sagemaker.{}", self.names.types[name]);
                    let members = s.members.iter().map(|(member, m)| {
                        let ty = self.rust_type(&m.shape);
                        let required = s.required.contains(member);
                        quote!((#member, #required, g.subschema_for::<Value<#ty>>()))
                    });
                    items.push(quote! {
                        impl JsonSchema for #ident {
                            fn schema_name() -> Cow<'static, str> {
                                Cow::Borrowed(#schema_name)
                            }
                            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                                crate::schema::structure(vec![#(#members),*])
                            }
                        }
                    });
                }
                Shape::String(StringShape {
                    values: Some(values),
                    ..
                }) => {
                    let ident = self.names.type_ident(name);
                    let schema_name = format!("sagemaker.{}", self.names.types[name]);
                    items.push(quote! {
                        impl JsonSchema for #ident {
                            fn schema_name() -> Cow<'static, str> {
                                Cow::Borrowed(#schema_name)
                            }
                            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                                crate::schema::string_enum(&[#(#values),*])
                            }
                        }
                    });
                }
                _ => {}
            }
        }
        let arms = self.model.operations.iter().map(|op| {
            let api = format_ident!("{}", op.name);
            let ty = self.names.type_ident(&op.input);
            quote!(SageMakerApi::#api => g.subschema_for::<#ty>())
        });
        quote! {
            use std::borrow::Cow;
            use schemars::{JsonSchema, Schema, SchemaGenerator};
            use super::*;
            use crate::{DynMap, Number, Value};

            impl SageMakerApi {
                /// The JSON Schema of the operation's request (its `Parameters`
                /// or `Arguments`), a `$ref` into `g`'s definitions.
                pub fn request_schema(self, g: &mut SchemaGenerator) -> Schema {
                    match self {
                        #(#arms,)*
                    }
                }
            }

            #(#items)*
        }
    }
}
