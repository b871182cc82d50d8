//! `generated/sdk.rs`: conversions between the generated shapes and `aws-sdk-sagemaker`'s
//! (compiled only with `asl-types`' feature `sdk`).
//!
//! For every structure: `TryFrom<sdk>` for ours (every member the SDK value holds, as a literal)
//! and `TryFrom<&ours>` for the SDK's (a member computed at run time is an error naming its JSON
//! pointer); for every enum, `From` both ways through the string value. The SDK's names follow
//! from the model's the way smithy-rs makes them: a shape `X` is `aws_sdk_sagemaker::types::X`
//! in `UpperCamelCase`, an operation `Op`'s input is
//! `aws_sdk_sagemaker::operation::op::OpInput`, a member is the `snake_case` field `member` (raw
//! when a keyword) with the builder setter `set_member`. Whether an SDK field is an `Option` and
//! whether a builder's `build()` returns a `Result` differ per shape in the SDK; the generated
//! code leaves both to traits (`SdkField`, `Built` in `asl_types::sagemaker::sdk`) so that it
//! needs no facts about the SDK beyond [`NOT_IN_SDK`].

use std::collections::{HashMap, HashSet, VecDeque};

use anyhow::Result;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::codegen::{Names, field_ident};
use crate::model::{Model, Shape, StringShape, Structure};
use crate::responses::ResponseModel;

/// Members of the model that `aws-sdk-sagemaker` =1.248.0 (the version the workspace pins) does
/// not have: the model (botocore 1.44.8) is newer. Setting one is a conversion error
/// (`NotInSdk`); the SDK side leaves it unset. Shapes reached only through these are skipped.
/// Checked by compiling the feature: a member listed wrongly, or missing here, does not compile.
pub(crate) const NOT_IN_SDK: &[(&str, &str)] =
    &[("CreateEndpointConfigInput", "CrossRegionTrafficConfig")];

/// The tokens of `generated/sdk.rs`.
pub(crate) fn generate(model: &Model, names: &Names) -> TokenStream {
    let reached = reached(model);
    let items = model
        .shapes
        .iter()
        .filter(|(shape, _)| reached.contains(shape.as_str()))
        .filter_map(|(shape, s)| match s {
            Shape::Structure(s) => Some(structure(names, shape, s)),
            Shape::String(StringShape {
                values: Some(values),
                ..
            }) => Some(enumeration(names, shape, values)),
            _ => None,
        });
    quote! {
        //! `TryFrom` both ways between each request shape and `aws-sdk-sagemaker`'s, `From`
        //! both ways for each enum (feature `sdk`). See `crate::sagemaker::sdk`.
        use aws_sdk_sagemaker as sdk;
        use super::*;
        use crate::read::At;
        use crate::sagemaker::sdk::{
            Built, FromSdk, SdkError, SdkField, ToSdk, not_in_sdk, optional, required,
            take_optional, take_required,
        };
        #(#items)*
    }
}

/// The conversions of a request structure, both ways.
fn structure(names: &Names, shape: &str, s: &Structure) -> TokenStream {
    // An SDK struct (not an operation input) can be a non-optional field, and its builder may
    // return it without a `Result`.
    let nested = !names.operation_of.contains_key(shape);
    conversions(
        &names.type_ident(shape),
        &sdk_path(names, shape),
        shape,
        s,
        Own {
            field: nested,
            built: nested,
        },
        " Fails with the member's JSON pointer when a member is computed at run time.",
    )
}

/// Which impls keyed by the SDK type alone a structure's conversions include: each SDK type
/// gets them once, from the requests' file when the requests have it.
#[derive(Clone, Copy)]
struct Own {
    /// `SdkField<T> for T`: the SDK type can be a non-optional field.
    field: bool,
    /// `Built<T> for T`: its builder may return it without a `Result`.
    built: bool,
}

/// `ToSdk`, `FromSdk` and the public `TryFrom` both ways between `ours` and `theirs`, for a
/// structure `shape`; `to_sdk_doc` says when the conversion to the SDK fails.
fn conversions(
    ours: &Ident,
    theirs: &TokenStream,
    shape: &str,
    s: &Structure,
    own: Own,
    to_sdk_doc: &str,
) -> TokenStream {
    let mut to_sdk = Vec::new();
    let mut absent = Vec::new();
    let mut from_sdk = Vec::new();
    for member in s.members.keys() {
        let field = field_ident(member);
        if NOT_IN_SDK.contains(&(shape, member.as_str())) {
            absent.push(quote!(not_in_sdk(self.#field.as_ref(), at.key(#member))?;));
            from_sdk.push(quote!(#field: None));
            continue;
        }
        let setter = format_ident!("set_{}", member.to_snake_case());
        if s.required.contains(member) {
            to_sdk.push(quote!(.#setter(required(&self.#field, at.key(#member))?)));
            from_sdk.push(quote!(#field: take_required(sdk.#field, at.key(#member))?));
        } else {
            to_sdk.push(quote!(.#setter(optional(self.#field.as_ref(), at.key(#member))?)));
            from_sdk.push(quote!(#field: take_optional(sdk.#field, at.key(#member))?));
        }
    }
    let (sdk_param, at_param) = if from_sdk.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (quote!(sdk), quote!(at))
    };
    let field = own.field.then(|| {
        quote! {
            impl SdkField<#theirs> for #theirs {
                fn into_option(self) -> Option<#theirs> {
                    Some(self)
                }
            }
        }
    });
    let built = own.built.then(|| {
        quote! {
            impl Built<#theirs> for #theirs {
                fn built(self, _: At<'_>) -> Result<#theirs, SdkError> {
                    Ok(self)
                }
            }
        }
    });
    quote! {
        impl ToSdk<#theirs> for #ours {
            fn to_sdk(&self, at: At<'_>) -> Result<#theirs, SdkError> {
                #(#absent)*
                #theirs::builder() #(#to_sdk)* .build().built(at)
            }
        }
        impl FromSdk<#theirs> for #ours {
            fn from_sdk(#sdk_param: #theirs, #at_param: At<'_>) -> Result<Self, SdkError> {
                Ok(Self { #(#from_sdk),* })
            }
        }
        /// Every member the SDK value holds; fails when a required member is missing (or a
        /// float is not finite).
        impl TryFrom<#theirs> for #ours {
            type Error = SdkError;
            fn try_from(sdk: #theirs) -> Result<Self, SdkError> {
                Self::from_sdk(sdk, At::root())
            }
        }
        #[doc = #to_sdk_doc]
        impl TryFrom<&#ours> for #theirs {
            type Error = SdkError;
            fn try_from(ours: &#ours) -> Result<Self, SdkError> {
                ours.to_sdk(At::root())
            }
        }
        #field
        #built
    }
}

/// The conversions of an enum, both ways, through its string values.
fn enumeration(names: &Names, shape: &str, values: &[String]) -> TokenStream {
    let ours = names.type_ident(shape);
    let theirs = sdk_path(names, shape);
    let variants: Vec<Ident> = names.variants[shape]
        .iter()
        .map(|v| Ident::new(v, Span::call_site()))
        .collect();
    quote! {
        /// Through the string value: one the model does not list is `Unknown`.
        impl From<#theirs> for #ours {
            fn from(sdk: #theirs) -> Self {
                match sdk.as_str() {
                    #(#values => #ours::#variants,)*
                    other => #ours::Unknown(other.to_owned()),
                }
            }
        }
        /// Through the string value: one the SDK does not list is its unknown
        /// variant, which keeps the value.
        impl From<&#ours> for #theirs {
            fn from(ours: &#ours) -> Self {
                #theirs::from(match ours {
                    #(#ours::#variants => #values,)*
                    #ours::Unknown(other) => other.as_str(),
                })
            }
        }
        impl ToSdk<#theirs> for #ours {
            fn to_sdk(&self, _: At<'_>) -> Result<#theirs, SdkError> {
                Ok(self.into())
            }
        }
        impl FromSdk<#theirs> for #ours {
            fn from_sdk(sdk: #theirs, _: At<'_>) -> Result<Self, SdkError> {
                Ok(sdk.into())
            }
        }
        impl SdkField<#theirs> for #theirs {
            fn into_option(self) -> Option<#theirs> {
                Some(self)
            }
        }
    }
}

/// The SDK's type for a structure or enum shape.
fn sdk_path(names: &Names, shape: &str) -> TokenStream {
    if let Some(op) = names.operation_of.get(shape) {
        let module = format_ident!("{}", op.to_snake_case());
        let input = format_ident!("{op}Input");
        quote!(sdk::operation::#module::#input)
    } else {
        let ident = format_ident!("{}", shape.to_upper_camel_case());
        quote!(sdk::types::#ident)
    }
}

/// The shapes reached from the operations' inputs without going through a [`NOT_IN_SDK`]
/// member: the ones the SDK has.
fn reached(model: &Model) -> HashSet<&str> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue: VecDeque<&str> = model.operations.iter().map(|o| o.input.as_str()).collect();
    while let Some(shape) = queue.pop_front() {
        if !seen.insert(shape) {
            continue;
        }
        match &model.shapes[shape] {
            Shape::Structure(s) => {
                for (member, m) in &s.members {
                    if !NOT_IN_SDK.contains(&(shape, member.as_str())) {
                        queue.push_back(&m.shape);
                    }
                }
            }
            Shape::List(l) => queue.push_back(&l.member),
            Shape::Map(m) => {
                queue.push_back(&m.key);
                queue.push_back(&m.value);
            }
            _ => {}
        }
    }
    seen
}

/// The tokens of `response/generated/sdk.rs`: the result shapes (`asl_types::sagemaker::response`)
/// to and from the SDK's outputs and types, the same way as the requests, with `types` the Rust
/// name of each result shape. A result is `aws_sdk_sagemaker::operation::op::OpOutput` of its
/// operation (`DescribeTrainingJob` for a `.sync` training job); timestamps (epoch
/// milliseconds) are the SDK's `DateTime`. The SDK types that the requests share get their
/// `SdkField` / `Built` impls from the requests' file only.
pub(crate) fn responses(
    model: &ResponseModel,
    types: &HashMap<String, String>,
) -> Result<TokenStream> {
    let requests = Model::load(&crate::codegen::workspace_root().join(crate::codegen::MODEL))?;
    let shared = reached(&requests);
    let output_of: HashMap<&str, &str> = model
        .results
        .iter()
        .map(|r| (r.shape.as_str(), r.operation.as_str()))
        .collect();
    let ident = |shape: &str| Ident::new(&types[shape], Span::call_site());
    let mut items = Vec::new();
    for (shape, s) in &model.shapes {
        if !types.contains_key(shape) {
            continue; // not a structure or an enum
        }
        let ours = ident(shape);
        let theirs = if let Some(op) = output_of.get(shape.as_str()) {
            let module = format_ident!("{}", op.to_snake_case());
            let output = format_ident!("{op}Output");
            quote!(sdk::operation::#module::#output)
        } else {
            let ident = format_ident!("{}", shape.to_upper_camel_case());
            quote!(sdk::types::#ident)
        };
        let own = !shared.contains(shape.as_str());
        match s {
            Shape::Structure(s) => items.push(conversions(
                &ours,
                &theirs,
                shape,
                s,
                Own {
                    field: own && !output_of.contains_key(shape.as_str()),
                    built: own,
                },
                " Fails only on a number the SDK's float cannot hold.",
            )),
            Shape::String(StringShape {
                values: Some(_), ..
            }) => {
                let field = own.then(|| {
                    quote! {
                        impl SdkField<#theirs> for #theirs {
                            fn into_option(self) -> Option<#theirs> {
                                Some(self)
                            }
                        }
                    }
                });
                items.push(quote! {
                    /// Through the string value: one the model does not list is `Unknown`.
                    impl From<#theirs> for #ours {
                        fn from(sdk: #theirs) -> Self {
                            #ours::from_value(sdk.as_str())
                        }
                    }
                    /// Through the string value: one the SDK does not list is its unknown
                    /// variant, which keeps the value.
                    impl From<&#ours> for #theirs {
                        fn from(ours: &#ours) -> Self {
                            #theirs::from(ours.as_str())
                        }
                    }
                    impl ToSdk<#theirs> for #ours {
                        fn to_sdk(&self, _: At<'_>) -> Result<#theirs, SdkError> {
                            Ok(self.into())
                        }
                    }
                    impl FromSdk<#theirs> for #ours {
                        fn from_sdk(sdk: #theirs, _: At<'_>) -> Result<Self, SdkError> {
                            Ok(sdk.into())
                        }
                    }
                    #field
                });
            }
            _ => {}
        }
    }
    Ok(quote! {
        //! `TryFrom` both ways between each result shape and `aws-sdk-sagemaker`'s outputs and
        //! types, `From` both ways for each enum (feature `sdk`). See `crate::sagemaker::sdk`.
        use aws_sdk_sagemaker as sdk;
        use super::*;
        use crate::read::At;
        use crate::sagemaker::sdk::{
            Built, FromSdk, SdkError, SdkField, ToSdk, optional, required, take_optional,
            take_required,
        };
        #(#items)*
    })
}

#[cfg(test)]
mod tests {
    use crate::model::Model;

    /// The SDK's names, a member the SDK lacks, enums through their strings.
    #[test]
    fn small_model() {
        let model = Model::from_json(
            r#"{
  "source": {"file": "x.json", "botocore": "0", "sha256": "00", "apiVersion": "2017-07-24"},
  "operations": [{"name": "CreateEndpointConfig", "input": "CreateEndpointConfigInput"}],
  "shapes": {
    "CreateEndpointConfigInput": {"type": "structure", "required": ["EndpointConfigName"],
      "members": {"EndpointConfigName": {"shape": "Name"},
                  "CrossRegionTrafficConfig": {"shape": "CrossRegionTrafficConfig"},
                  "Price": {"shape": "USD"}, "Mode": {"shape": "Mode"}}},
    "Name": {"type": "string"},
    "CrossRegionTrafficConfig": {"type": "structure", "members": {"Percent": {"shape": "Count"}}},
    "Count": {"type": "integer"},
    "USD": {"type": "structure", "members": {"Dollars": {"shape": "Count"}}},
    "Mode": {"type": "string", "enum": ["File", "FastFile"]}
  }
}"#,
        )
        .unwrap();
        let files = crate::codegen::generate(&model, "abc").unwrap();
        let text = &files.iter().find(|(n, _)| n == "sdk.rs").unwrap().1;
        // Compared without white space: prettyplease wraps lines by width.
        let sdk: String = text.split_whitespace().collect();
        let has = |code: &str| sdk.contains(&code.split_whitespace().collect::<String>());
        assert!(
            has(
                "impl ToSdk<sdk::operation::create_endpoint_config::CreateEndpointConfigInput> \
                 for CreateEndpointConfig {"
            ),
            "{text}"
        );
        assert!(has(
            "not_in_sdk(self.cross_region_traffic_config.as_ref(), at.key(\"CrossRegionTrafficConfig\")"
        ));
        assert!(has("cross_region_traffic_config: None,"));
        assert!(!has("sdk::types::CrossRegionTrafficConfig"));
        assert!(has("impl FromSdk<sdk::types::Usd> for USD {"));
        assert!(has(
            ".set_endpoint_config_name(required(&self.endpoint_config_name, at.key(\"EndpointConfigName\"))?"
        ));
        assert!(has("\"FastFile\" => Mode::FastFile,"));
        assert!(has("Mode::Unknown(other) => other.as_str(),"));
    }
}
