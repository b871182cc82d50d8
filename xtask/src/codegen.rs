//! `cargo xtask codegen [--check]`: the SageMaker request shapes as Rust.
//!
//! Reads the trimmed model `xtask/model/sagemaker.json` and writes
//! `asl-types/src/sagemaker/generated/{mod,structs,enums,constraints,operations,required,sdk}.rs`
//! (`sdk.rs`, the conversions to and from `aws-sdk-sagemaker`, comes from `crate::sdk`):
//!
//! - every structure becomes a struct deriving `Template` (the request of an operation is named
//!   after the operation: `CreateTrainingJob`, not `CreateTrainingJobRequest`), with one field
//!   per member — `Value<T>` when required, `Option<Value<T>>` otherwise — and per optional
//!   member a setter `member(value)` and `maybe_member(Option<Value<T>>)`. A struct with at
//!   most one required member has `new(required)`; one with two or more has instead a
//!   typestate builder, `Shape::builder().member(..)…build()`, whose `build()` does not compile
//!   until every required member is set (the rule and why: `has_builder`; the error that names
//!   the missing member: `required.rs`). Each builder's doc example is made from the model's
//!   constraints (`example.rs`);
//! - every string enum becomes an enum deriving `Template`, one variant per value plus
//!   `Unknown(String)`;
//! - lists become `Vec<Value<T>>`, maps `DynMap<T>`, integers `i32`, longs `i64`, floats and
//!   doubles `Number` (exact text), booleans `bool`, other strings `String`;
//! - every member's `min`/`max`/`pattern` goes into its doc and into the constant table in
//!   `constraints.rs`.
//!
//! Docs are our own words plus a link to the shape's page in the SageMaker API reference; the
//! model holds no AWS documentation text. Output is deterministic (model order) and formatted
//! with `prettyplease`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::{FloatShape, IntegerShape, Model, Shape, StringShape, Structure};

/// Arguments of `codegen`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Fail if the committed code differs from what the model gives, instead of writing it.
    #[arg(long)]
    check: bool,
}

/// The message `--check` fails with.
pub(crate) const STALE: &str = "generated code is stale: run `cargo xtask codegen` and commit";

mod schema;

/// The model, relative to the workspace root.
pub(crate) const MODEL: &str = "xtask/model/sagemaker.json";
/// The output directory, relative to the workspace root.
const OUT_DIR: &str = "asl-types/src/sagemaker/generated";
/// The operations Step Functions can run as a job and wait for (`.sync`): the five job APIs
/// (AWS Step Functions Developer Guide, "Create and manage Amazon SageMaker AI jobs with Step
/// Functions": the optimized integration supports Run a Job for these, Request Response only
/// for `CreateModel`, `CreateEndpointConfig`, `CreateEndpoint` and `UpdateEndpoint`).
const SYNC_OPERATIONS: [&str; 5] = [
    "CreateTrainingJob",
    "CreateTransformJob",
    "CreateProcessingJob",
    "CreateLabelingJob",
    "CreateHyperParameterTuningJob",
];

/// The API reference page of a shape or operation.
const API_REFERENCE: &str = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_";

/// Runs `codegen`.
pub(crate) fn run(args: &Args) -> Result<()> {
    let root = workspace_root();
    // The result shapes have their own model and output directory.
    crate::responses::codegen(&root, args.check)?;
    let files = generate_files(&root)?;
    let out = root.join(OUT_DIR);
    if args.check {
        let mut differs: Vec<String> = files
            .iter()
            .filter(|(name, text)| {
                std::fs::read_to_string(out.join(name)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(name, _)| name.clone())
            .collect();
        differs.extend(extra_files(&out, &files)?);
        if !differs.is_empty() {
            bail!("{STALE} (differs: {})", differs.join(", "));
        }
        eprintln!("{OUT_DIR} is up to date");
        return Ok(());
    }
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    for (name, text) in &files {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    for name in extra_files(&out, &files)? {
        std::fs::remove_file(out.join(&name)).with_context(|| format!("removing {name}"))?;
    }
    eprintln!(
        "wrote {OUT_DIR}: {}",
        summary(&Model::load(&root.join(MODEL))?)
    );
    Ok(())
}

/// The workspace root (the parent of `xtask/`).
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// `.rs` files in the output directory that codegen does not write.
fn extra_files(out: &Path, files: &[(String, String)]) -> Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(Vec::new());
    };
    let mut extra = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let is_rust = Path::new(&name).extension().is_some_and(|e| e == "rs");
        if is_rust && !files.iter().any(|(n, _)| *n == name) {
            extra.push(name);
        }
    }
    extra.sort();
    Ok(extra)
}

/// The generated files (name, text) for the model under `root`.
pub(crate) fn generate_files(root: &Path) -> Result<Vec<(String, String)>> {
    let path = root.join(MODEL);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let model = Model::load(&path)?;
    generate(&model, &crate::import::sha256_hex(&bytes))
}

/// What was generated, for the report.
pub(crate) fn summary(model: &Model) -> String {
    let (mut structs, mut enums, mut members) = (0, 0, 0);
    for shape in model.shapes.values() {
        match shape {
            Shape::Structure(s) => {
                structs += 1;
                members += s.members.len();
            }
            Shape::String(StringShape {
                values: Some(_), ..
            }) => enums += 1,
            _ => {}
        }
    }
    format!(
        "{} operations, {structs} structs, {enums} enums, {members} members",
        model.operations.len()
    )
}

/// Generates the files for `model`, whose file has the SHA-256 `sha256`.
pub(crate) fn generate(model: &Model, sha256: &str) -> Result<Vec<(String, String)>> {
    let names = Names::new(model);
    let header = format!(
        "// @generated by `cargo xtask codegen` — DO NOT EDIT.\n// input: {MODEL} (sha256 {sha256})\n\n"
    );
    let gen_ = Gen {
        model,
        names: &names,
    };
    let files = [
        ("mod.rs", gen_.module()),
        ("structs.rs", gen_.structs()?),
        ("enums.rs", gen_.enums()),
        ("constraints.rs", gen_.constraints()?),
        ("operations.rs", gen_.operations()),
        ("required.rs", gen_.required()?),
        ("reflect.rs", gen_.reflect()),
        ("schema.rs", gen_.schema()),
        ("sdk.rs", crate::sdk::generate(model, &names)),
    ];
    files
        .into_iter()
        .map(|(name, tokens)| {
            let file: syn::File =
                syn::parse2(tokens).with_context(|| format!("generated {name} does not parse"))?;
            Ok((
                name.to_owned(),
                format!("{header}{}", prettyplease::unparse(&file)),
            ))
        })
        .collect()
}

/// Names that a generated type must not take: prelude and std items a user has in scope, and
/// the `asl_types` items the generated code and its users name.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DynMap",
    "Eq",
    "Err",
    "Error",
    "Expr",
    "Fn",
    "From",
    "Hash",
    "Into",
    "Iterator",
    "Json",
    "Jsonata",
    "None",
    "Number",
    "Ok",
    "Option",
    "Ord",
    "Path",
    "Payload",
    "PartialEq",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "Template",
    "ToString",
    "Value",
    "Vec",
];

/// Rust names for the model's shapes, members and enum values.
pub(crate) struct Names {
    /// Type name of each structure and string enum shape.
    types: HashMap<String, String>,
    /// The operation whose input each request shape is.
    pub(crate) operation_of: HashMap<String, String>,
    /// Variant names of each enum, in value order.
    pub(crate) variants: HashMap<String, Vec<String>>,
    /// For each enum, the first structure (in model order) with a member of it.
    enum_user: HashMap<String, String>,
}

impl Names {
    fn new(model: &Model) -> Names {
        let operation_of: HashMap<String, String> = model
            .operations
            .iter()
            .map(|op| (op.input.clone(), op.name.clone()))
            .collect();
        let mut types = HashMap::new();
        let mut taken = HashSet::new();
        let mut variants = HashMap::new();
        let mut enum_user = HashMap::new();
        // Operations first, so that their request types keep the operation's name.
        let named = model
            .operations
            .iter()
            .map(|op| (op.input.as_str(), op.name.clone()))
            .chain(model.shapes.iter().filter_map(|(name, shape)| {
                let is_type = matches!(
                    shape,
                    Shape::Structure(_)
                        | Shape::String(StringShape {
                            values: Some(_),
                            ..
                        })
                );
                (is_type && !operation_of.contains_key(name)).then(|| (name.as_str(), name.clone()))
            }));
        for (shape, wanted) in named {
            let mut name = wanted.to_upper_camel_case();
            if name != wanted && wanted.chars().all(|c| c.is_ascii_alphanumeric()) {
                // Keep AWS's spelling (`USD`) when it is already a valid type name.
                name.clone_from(&wanted);
            }
            if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
                name.push_str("Shape");
            }
            while !taken.insert(name.clone()) {
                name.push('_');
            }
            types.insert(shape.to_owned(), name);
        }
        for (name, shape) in &model.shapes {
            match shape {
                Shape::String(StringShape {
                    values: Some(values),
                    ..
                }) => {
                    variants.insert(name.clone(), variant_names(values));
                }
                Shape::Structure(s) => {
                    for member in s.members.values() {
                        for target in reached_enums(model, &member.shape) {
                            enum_user.entry(target).or_insert_with(|| name.clone());
                        }
                    }
                }
                _ => {}
            }
        }
        Names {
            types,
            operation_of,
            variants,
            enum_user,
        }
    }

    pub(crate) fn type_ident(&self, shape: &str) -> Ident {
        Ident::new(&self.types[shape], Span::call_site())
    }
}

/// Whether a structure is made with a typestate builder rather than a positional `new`: when
/// it has two or more required members. Every member takes `impl Into<Value<T>>`, and a
/// `Path`, an intrinsic or a JSONata expression converts into *any*
/// `Value<T>`, so two positional arguments can always be swapped without a compile error, even
/// when their literal types differ (`Channel::new(Path::input().field("data"), "train")`
/// compiles). "Members of distinct types" therefore never makes a `new` safe: only a single
/// required member (or none) keeps `new`.
fn has_builder(s: &Structure) -> bool {
    s.required.len() >= 2
}

/// Enums a member reaches directly or as list element / map value.
fn reached_enums(model: &Model, shape: &str) -> Vec<String> {
    match &model.shapes[shape] {
        Shape::String(StringShape {
            values: Some(_), ..
        }) => vec![shape.to_owned()],
        Shape::List(l) => reached_enums(model, &l.member),
        Shape::Map(m) => {
            let mut out = reached_enums(model, &m.key);
            out.extend(reached_enums(model, &m.value));
            out
        }
        _ => Vec::new(),
    }
}

/// Variant names for enum values: `UpperCamelCase`, never `Unknown` (taken by the catch-all),
/// never starting with a digit, unique (later duplicates get `2`, `3`, …).
pub(crate) fn variant_names(values: &[String]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::from(["Unknown".to_owned()]);
    values
        .iter()
        .map(|value| {
            let mut base = value.to_upper_camel_case();
            if base.is_empty() {
                "Empty".clone_into(&mut base);
            }
            if base.starts_with(|c: char| c.is_ascii_digit()) {
                base.insert(0, 'V');
            }
            if base == "Self" || base == "Unknown" {
                base.push_str("Value");
            }
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}{n}");
                n += 1;
            }
            name
        })
        .collect()
}

/// A field name: `snake_case`, raw when a keyword.
pub(crate) fn field_ident(member: &str) -> Ident {
    let name = member.to_snake_case();
    if syn::parse_str::<Ident>(&name).is_ok() {
        Ident::new(&name, Span::call_site())
    } else {
        Ident::new_raw(&name, Span::call_site())
    }
}

struct Gen<'m> {
    model: &'m Model,
    names: &'m Names,
}

impl Gen<'_> {
    fn module(&self) -> TokenStream {
        let summary = summary(self.model);
        let doc = [
            format!(
                " The SageMaker request shapes, generated from the SageMaker API model: {summary}."
            ),
            String::new(),
            " A struct with two or more required members is made with its typestate builder"
                .to_owned(),
            " (`HumanTaskConfig::builder().workteam_arn(..)…build()`): every member takes"
                .to_owned(),
            " anything that converts into its `Value`, and a path converts into any `Value`, so"
                .to_owned(),
            " positional arguments could be swapped unnoticed even when their types differ."
                .to_owned(),
            " A struct with one required member (or none) keeps `new`.".to_owned(),
        ];
        quote! {
            #(#![doc = #doc])*
            // Generated shapes follow the model, not the lints: `USD` is AWS's name, a
            // constraint check has one line per member, a builder's typestate is a tuple with a
            // marker per required member, and the files see each other's types through
            // `super::*`.
            #![allow(
                clippy::type_complexity,
                clippy::upper_case_acronyms,
                clippy::too_many_lines,
                clippy::wildcard_imports
            )]

            mod constraints;
            mod enums;
            mod operations;
            mod reflect;
            pub mod required;
            #[cfg(feature = "schema")]
            mod schema;
            #[cfg(feature = "sdk")]
            mod sdk;
            mod structs;

            pub(crate) use self::constraints::CONSTRAINTS;
            pub(crate) use self::reflect::{ENUMS, SHAPES};
            pub use self::enums::*;
            pub use self::operations::*;
            pub use self::structs::*;
        }
    }

    fn structs(&self) -> Result<TokenStream> {
        let mut items = Vec::new();
        for (name, shape) in &self.model.shapes {
            if let Shape::Structure(s) = shape {
                items.push(self.structure(name, s)?);
            }
        }
        let markers = self
            .model
            .shapes
            .values()
            .any(|shape| matches!(shape, Shape::Structure(s) if has_builder(s)))
            .then(|| {
                quote!(
                    use crate::sagemaker::{Set, Unset};
                )
            });
        Ok(quote! {
            use super::*;
            use super::constraints::CONSTRAINTS;
            #markers
            use crate::read::{At, Issues};
            use crate::sagemaker::{CheckConstraints, check};
            use crate::{DynMap, Number, Template, Value};
            #(#items)*
        })
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one struct, its impl and its check, in order"
    )]
    fn structure(&self, shape: &str, s: &Structure) -> Result<TokenStream> {
        let ident = self.names.type_ident(shape);
        let doc = match self.names.operation_of.get(shape) {
            Some(op) => vec![
                format!(" The request of SageMaker's `{op}` action (shape `{shape}`)."),
                String::new(),
                format!(" See [`{op}`]({API_REFERENCE}{op}.html) in the SageMaker API reference."),
            ],
            None => vec![
                format!(" SageMaker's `{shape}` structure."),
                String::new(),
                format!(
                    " See [`{shape}`]({API_REFERENCE}{shape}.html) in the SageMaker API reference."
                ),
            ],
        };
        let mut fields = Vec::new();
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut setters = Vec::new();
        let mut seen = HashSet::new();
        for (member_name, member) in &s.members {
            let field = field_ident(member_name);
            if !seen.insert(field.to_string()) || field == "new" {
                bail!("{shape}: member {member_name} gives the field name `{field}` twice");
            }
            let required = s.required.contains(member_name);
            let ty = self.rust_type(&member.shape);
            let facts = self.facts(&member.shape);
            let mut field_doc = format!(
                " `{member_name}`{}: {facts}.",
                if required { " (required)" } else { "" }
            );
            if member.deprecated {
                field_doc.push_str(" Deprecated in the SageMaker API.");
            }
            if member.idempotency_token {
                field_doc.push_str(" An idempotency token.");
            }
            let rename = member_name.as_str();
            if required {
                fields.push(quote! {
                    #[doc = #field_doc]
                    #[asl(rename = #rename)]
                    pub #field: Value<#ty>,
                });
                params.push(quote!(#field: impl Into<Value<#ty>>));
                inits.push(quote!(#field: #field.into()));
            } else {
                fields.push(quote! {
                    #[doc = #field_doc]
                    #[asl(rename = #rename)]
                    pub #field: Option<Value<#ty>>,
                });
                inits.push(quote!(#field: None));
                let setter_doc = format!(" Sets `{member_name}`.");
                let maybe_doc = format!(" Sets or clears `{member_name}`.");
                let maybe = format_ident!("maybe_{}", field.to_string().trim_start_matches("r#"));
                if !seen.insert(maybe.to_string()) {
                    bail!("{shape}: the setter `{maybe}` of {member_name} is also a field name");
                }
                setters.push(quote! {
                    #[doc = #setter_doc]
                    #[must_use]
                    pub fn #field(mut self, value: impl Into<Value<#ty>>) -> Self {
                        self.#field = Some(value.into());
                        self
                    }
                    #[doc = #maybe_doc]
                    #[must_use]
                    pub fn #maybe(mut self, value: Option<Value<#ty>>) -> Self {
                        self.#field = value;
                        self
                    }
                });
            }
        }
        let check = self.check_constraints(shape, s, &ident);
        let default = params.is_empty().then(|| quote!(Default,));
        let mut doc = doc;
        doc.push(String::new());
        if has_builder(s) {
            // Two or more required members: no positional `new` (see `has_builder`).
            doc.push(format!(
                " Made with [`{ident}::builder`]: a named setter per required member, and \
                 `build()` does not compile until each is set."
            ));
            let (builder_fn, builder) = self.builder(shape, s, &ident)?;
            return Ok(quote! {
                #(#[doc = #doc])*
                #[derive(Debug, Clone, PartialEq, Eq, Template)]
                #[non_exhaustive]
                pub struct #ident {
                    #(#fields)*
                }

                impl #ident {
                    #builder_fn
                    #(#setters)*
                }

                #builder

                #check
            });
        }
        let new_doc = match s.required.first() {
            None => {
                doc.push(format!(" Made with [`{ident}::new`] (or `Default`)."));
                format!(" An empty `{ident}`; set members with the methods below.")
            }
            Some(member) => {
                doc.push(format!(
                    " Made with [`{ident}::new`], which takes the one required member."
                ));
                format!(
                    " A `{ident}` with its one required member, `{member}`; set the others with \
                     the methods below."
                )
            }
        };
        Ok(quote! {
            #(#[doc = #doc])*
            #[derive(Debug, Clone, PartialEq, Eq, #default Template)]
            #[non_exhaustive]
            pub struct #ident {
                #(#fields)*
            }

            impl #ident {
                #[doc = #new_doc]
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits),* }
                }
                #(#setters)*
            }

            #check
        })
    }

    /// The typestate builder of a structure with two or more required members: `builder()`
    /// on the struct, the `…Builder<S>` type whose `S` is a tuple of `Set`/`Unset` markers
    /// (one per required member, model order), a named setter per required member (only while
    /// its marker is `Unset`), every optional member's setters (in any state), and `build()`,
    /// bounded by each member's trait in `required.rs` so that a missing member is an error
    /// that names it.
    #[allow(
        clippy::too_many_lines,
        reason = "the builder type, its setters and build, in order"
    )]
    fn builder(
        &self,
        shape: &str,
        s: &Structure,
        ident: &Ident,
    ) -> Result<(TokenStream, TokenStream)> {
        let builder = format_ident!("{ident}Builder");
        if self.names.types.values().any(|t| builder == t) {
            bail!("{shape}: the builder name `{builder}` is a type name");
        }
        let mut required = Vec::new();
        let mut optional = Vec::new();
        for (member_name, member) in &s.members {
            let field = field_ident(member_name);
            if ["builder", "build", "state", "map_state"].contains(&field.to_string().as_str()) {
                bail!("{shape}: member {member_name} clashes with the builder's `{field}`");
            }
            let ty = self.rust_type(&member.shape);
            if s.required.contains(member_name) {
                let trait_ = format_ident!("{ident}Has{}", member_name.to_upper_camel_case());
                required.push((member_name.as_str(), field, ty, trait_));
            } else {
                let maybe = format_ident!("maybe_{}", field.to_string().trim_start_matches("r#"));
                optional.push((member_name.as_str(), field, ty, maybe));
            }
        }
        let n = required.len();
        let params: Vec<Ident> = (0..n).map(|i| format_ident!("S{i}")).collect();
        let values: Vec<Ident> = (0..n).map(|i| format_ident!("s{i}")).collect();
        let unset = vec![quote!(Unset); n];
        let names: Vec<String> = required
            .iter()
            .map(|(name, ..)| format!("`{name}`"))
            .collect();
        let builder_doc = [
            format!(" Builds a [`{ident}`]; made by [`{ident}::builder`]."),
            String::new(),
            format!(
                " `S` records which of the required members {} are set: one [`Unset`] or \
                 [`Set`] each, in that order. Each has a setter named after it, and \
                 [`build`]({builder}::build) compiles only once all are [`Set`]; optional \
                 members can be set in any state.",
                names.join(", ")
            ),
        ];
        let opt_fields = optional
            .iter()
            .map(|(_, field, ty, _)| quote!(#field: Option<Value<#ty>>));
        let opt_none: Vec<TokenStream> = optional
            .iter()
            .map(|(_, field, ..)| quote!(#field: None))
            .collect();
        let opt_moves: Vec<TokenStream> = optional
            .iter()
            .map(|(_, field, ..)| quote!(#field: self.#field))
            .collect();
        let opt_setters = optional.iter().map(|(member_name, field, ty, maybe)| {
            let setter_doc = format!(" Sets `{member_name}`.");
            let maybe_doc = format!(" Sets or clears `{member_name}`.");
            quote! {
                #[doc = #setter_doc]
                pub fn #field(mut self, value: impl Into<Value<#ty>>) -> Self {
                    self.#field = Some(value.into());
                    self
                }
                #[doc = #maybe_doc]
                pub fn #maybe(mut self, value: Option<Value<#ty>>) -> Self {
                    self.#field = value;
                    self
                }
            }
        });
        let req_setters = required.iter().enumerate().map(|(i, (member_name, field, ty, _))| {
            let generics = params.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| p);
            let before = params.iter().enumerate().map(|(j, p)| if j == i { quote!(Unset) } else { quote!(#p) });
            let after = params.iter().enumerate().map(|(j, p)| if j == i { quote!(Set<#ty>) } else { quote!(#p) });
            let pattern = values.iter().enumerate().map(|(j, v)| if j == i { quote!(Unset) } else { quote!(#v) });
            let state = values.iter().enumerate().map(|(j, v)| if j == i { quote!(Set(value.into())) } else { quote!(#v) });
            let doc = format!(" Sets `{member_name}` (required).");
            quote! {
                impl<#(#generics),*> #builder<(#(#before),*)> {
                    #[doc = #doc]
                    pub fn #field(self, value: impl Into<Value<#ty>>) -> #builder<(#(#after),*)> {
                        self.map_state(|(#(#pattern),*)| (#(#state),*))
                    }
                }
            }
        });
        let bounds = params
            .iter()
            .zip(&required)
            .map(|(p, (.., trait_))| quote!(#p: required::#trait_));
        let inits = s.members.keys().map(|member_name| {
            let field = field_ident(member_name);
            if let Some(i) = required.iter().position(|(name, ..)| name == member_name) {
                let v = &values[i];
                quote!(#field: #v.into())
            } else {
                quote!(#field: self.#field)
            }
        });
        let builder_fn_doc = [
            " A builder with a named setter per required member; `build()` does not compile"
                .to_owned(),
            " until each is set, and the error names the member missing. Required:".to_owned(),
            format!(" {}.", names.join(", ")),
            String::new(),
        ];
        let example = crate::example::Examples::new(self.model, &self.names.types).builder(shape);
        let build_doc = format!(" The `{ident}`; compiles only once every required member is set.");
        let builder_fn = quote! {
            #(#[doc = #builder_fn_doc])*
            #(#[doc = #example])*
            pub fn builder() -> #builder {
                #builder { state: (#(#unset),*), #(#opt_none),* }
            }
        };
        Ok((
            builder_fn,
            quote! {
                #(#[doc = #builder_doc])*
                #[derive(Debug, Clone)]
                #[must_use = "a builder does nothing until `.build()`"]
                pub struct #builder<S = (#(#unset),*)> {
                    state: S,
                    #(#opt_fields,)*
                }

                impl<S> #builder<S> {
                    fn map_state<T>(self, f: impl FnOnce(S) -> T) -> #builder<T> {
                        #builder { state: f(self.state), #(#opt_moves),* }
                    }
                    #(#opt_setters)*
                }

                #(#req_setters)*

                impl<#(#params),*> #builder<(#(#params),*)> {
                    #[doc = #build_doc]
                    pub fn build(self) -> #ident
                    where
                        #(#bounds,)*
                    {
                        let (#(#values),*) = self.state;
                        #ident { #(#inits),* }
                    }
                }
            },
        ))
    }

    /// `required.rs`: per required member of each builder, the trait its `build()` asks of
    /// the member's marker, implemented by `Set<T>` only, with the compile error that names
    /// the member.
    fn required(&self) -> Result<TokenStream> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        for (shape, s) in &self.model.shapes {
            let Shape::Structure(s) = s else { continue };
            if !has_builder(s) {
                continue;
            }
            let ident = self.names.type_ident(shape);
            for member_name in &s.required {
                let trait_ = format_ident!("{ident}Has{}", member_name.to_upper_camel_case());
                let unique = seen.insert(trait_.to_string())
                    && !self.names.types.values().any(|t| trait_ == t);
                if !unique {
                    bail!("{shape}: the trait name {trait_} is taken");
                }
                let ty = self.rust_type(&s.members[member_name].shape);
                let setter = field_ident(member_name);
                let doc = format!(
                    " `{member_name}` of [`{ident}`] is set: implemented by [`Set`] only, and \
                     asked of its marker by [`{ident}Builder::build`]."
                );
                let message =
                    format!("the required member `{member_name}` of `{ident}` is not set");
                let label = format!("`{ident}` needs `{member_name}`");
                let note = format!("call `.{setter}(..)` before `.build()`");
                items.push(quote! {
                    #[doc = #doc]
                    #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
                    pub trait #trait_: Into<Value<#ty>> {}
                    impl #trait_ for Set<#ty> {}
                });
            }
        }
        Ok(quote! {
            //! Per required member of each request builder, the trait that `build()` asks of
            //! the member's marker: [`Set`] implements it, [`Unset`] does not, so a member left
            //! out is a compile error whose message names it.
            #![allow(unused_imports, reason = "a model may have no builder")]
            use super::*;
            use crate::sagemaker::{Set, Unset};
            use crate::{DynMap, Number, Value};
            #(#items)*
        })
    }

    /// `impl CheckConstraints`: one `check::member` call per member that can
    /// hold a constrained value, with its row of the constraints table.
    fn check_constraints(&self, shape: &str, s: &Structure, ident: &Ident) -> TokenStream {
        let index = self.constraint_index();
        let row = index.get(&self.names.types[shape]);
        let calls: Vec<TokenStream> = s
            .members
            .iter()
            .filter(|(_, member)| self.may_check(&member.shape, &mut HashSet::new()))
            .map(|(member_name, _)| {
                let field = field_ident(member_name);
                let value = if s.required.contains(member_name) {
                    quote!(Some(&self.#field))
                } else {
                    quote!(self.#field.as_ref())
                };
                let c = row
                    .and_then(|(t, members)| Some((*t, *members.get(member_name)?)))
                    .map_or_else(
                        || quote!(None),
                        |(t, m)| quote!(Some(&CONSTRAINTS[#t].members[#m])),
                    );
                quote!(check::member(#value, at, #member_name, #c, issues);)
            })
            .collect();
        let (at, issues) = if calls.is_empty() {
            (quote!(_), quote!(_))
        } else {
            (quote!(at), quote!(issues))
        };
        quote! {
            impl CheckConstraints for #ident {
                fn check_constraints(&self, #at: At<'_>, #issues: &mut Issues) {
                    #(#calls)*
                }
            }
        }
    }

    /// Whether a value of `shape` can break a constraint: it has facts, or
    /// holds something that can.
    fn may_check(&self, shape: &str, seen: &mut HashSet<String>) -> bool {
        if self.constraint_facts(shape).is_some() {
            return true;
        }
        if !seen.insert(shape.to_owned()) {
            return false; // a cycle: decided where it started
        }
        match &self.model.shapes[shape] {
            Shape::Structure(s) => s.members.values().any(|m| self.may_check(&m.shape, seen)),
            Shape::List(l) => self.may_check(&l.member, seen),
            Shape::Map(m) => self.may_check(&m.key, seen) || self.may_check(&m.value, seen),
            _ => false,
        }
    }

    /// For each type with constraints, its row in `CONSTRAINTS` (sorted by
    /// type name) and the index of each constrained member in it.
    fn constraint_index(&self) -> HashMap<String, (usize, HashMap<String, usize>)> {
        let mut rows: Vec<(String, HashMap<String, usize>)> = Vec::new();
        for (shape, s) in &self.model.shapes {
            let Shape::Structure(s) = s else { continue };
            let members: HashMap<String, usize> = s
                .members
                .iter()
                .filter(|(_, member)| self.member_has_facts(&member.shape))
                .enumerate()
                .map(|(i, (name, _))| (name.clone(), i))
                .collect();
            if !members.is_empty() {
                rows.push((self.names.types[shape].clone(), members));
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows.into_iter()
            .enumerate()
            .map(|(i, (name, members))| (name, (i, members)))
            .collect()
    }

    /// Whether a member of `shape` has a row in the constraints table.
    fn member_has_facts(&self, shape: &str) -> bool {
        self.constraint_facts(shape).is_some()
            || match &self.model.shapes[shape] {
                Shape::List(l) => self.constraint_facts(&l.member).is_some(),
                Shape::Map(m) => {
                    self.constraint_facts(&m.value).is_some()
                        || self.constraint_facts(&m.key).is_some()
                }
                _ => false,
            }
    }

    /// Every distinct `pattern` of the model, sorted: `PATTERNS[i]`.
    fn patterns(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .model
            .shapes
            .values()
            .filter_map(|shape| match shape {
                Shape::String(s) => s.pattern.clone(),
                _ => None,
            })
            .collect();
        set.into_iter().collect()
    }

    /// `operations.rs`: the operations, their typed requests, and what Step
    /// Functions supports for each.
    #[allow(clippy::too_many_lines, reason = "the whole file is one quote!")]
    fn operations(&self) -> TokenStream {
        let ops: Vec<&str> = self
            .model
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        let idents: Vec<Ident> = ops.iter().map(|o| format_ident!("{}", o)).collect();
        let actions: Vec<String> = ops
            .iter()
            .map(|o| {
                let mut chars = o.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_lowercase().to_string() + chars.as_str()
                })
            })
            .collect();
        let docs: Vec<String> = ops.iter().map(|o| format!(" `{o}`")).collect();
        let sync: Vec<&Ident> = idents
            .iter()
            .zip(&ops)
            .filter(|(_, op)| SYNC_OPERATIONS.contains(op))
            .map(|(ident, _)| ident)
            .collect();
        let count = ops.len();
        let all_doc = format!(" All {count}, in the order the model lists them.");
        let api_doc =
            format!(" One of the {count} SageMaker operations Step Functions integrates with.");
        let request_doc = format!(" The typed request of one of the {count} SageMaker operations.");
        quote! {
            use super::*;
            use crate::payload::Payload;
            use crate::read::{At, Issues};
            use crate::sagemaker::integration::{sealed, SageMakerOperation, SupportsSync};
            use crate::sagemaker::CheckConstraints;
            use crate::validate::{Issue, Report};
            use crate::Template;

            #[doc = #api_doc]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum SageMakerApi {
                #(#[doc = #docs] #idents,)*
            }

            impl SageMakerApi {
                #[doc = #all_doc]
                pub const ALL: [SageMakerApi; #count] = [#(SageMakerApi::#idents),*];

                /// The API name, e.g. `CreateTrainingJob`.
                pub const fn name(self) -> &'static str {
                    match self {
                        #(SageMakerApi::#idents => #ops,)*
                    }
                }

                /// The action in resource ARNs, in camelCase, e.g. `createTrainingJob`.
                pub const fn action(self) -> &'static str {
                    match self {
                        #(SageMakerApi::#idents => #actions,)*
                    }
                }

                /// Whether Step Functions can run it as a job and wait (`.sync`).
                pub const fn supports_sync(self) -> bool {
                    matches!(self, #(SageMakerApi::#sync)|*)
                }
            }

            #[doc = #request_doc]
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[non_exhaustive]
            pub enum SageMakerRequest {
                #(#[doc = #docs] #idents(Box<#idents>),)*
            }

            impl SageMakerRequest {
                /// Which API the request is for.
                pub fn api(&self) -> SageMakerApi {
                    match self {
                        #(SageMakerRequest::#idents(_) => SageMakerApi::#idents,)*
                    }
                }

                /// Reads `payload` as the request of `api`.
                ///
                /// # Errors
                ///
                /// When the payload does not fit the request; pointers are relative to the payload.
                pub fn from_payload(api: SageMakerApi, payload: &Payload) -> Result<Self, Report> {
                    Ok(match api {
                        #(SageMakerApi::#idents => SageMakerRequest::#idents(Box::new(#idents::from_payload(payload)?)),)*
                    })
                }

                /// Reads `payload` as the request of `api` as far as it goes: the request, when
                /// one could be made, and every issue (a value the model does not list is a
                /// warning, and reads as `Unknown`).
                pub fn read_payload(api: SageMakerApi, payload: &Payload) -> (Option<Self>, Report) {
                    match api {
                        #(SageMakerApi::#idents => {
                            let (request, report) = #idents::read_payload(payload);
                            (request.map(|r| SageMakerRequest::#idents(Box::new(r))), report)
                        })*
                    }
                }

                /// The untyped payload of the request.
                ///
                /// # Errors
                ///
                /// As [`Template::to_payload`].
                pub fn to_payload(&self) -> Result<Payload, Issue> {
                    match self {
                        #(SageMakerRequest::#idents(request) => request.to_payload(),)*
                    }
                }
            }

            impl CheckConstraints for SageMakerRequest {
                fn check_constraints(&self, at: At<'_>, issues: &mut Issues) {
                    match self {
                        #(SageMakerRequest::#idents(request) => { request.check_constraints(at, issues); })*
                    }
                }
            }

            #(
                impl From<#idents> for SageMakerRequest {
                    fn from(request: #idents) -> Self {
                        SageMakerRequest::#idents(Box::new(request))
                    }
                }

                impl sealed::Sealed for #idents {}

                impl SageMakerOperation for #idents {
                    const API: SageMakerApi = SageMakerApi::#idents;
                }
            )*

            #(impl SupportsSync for #sync {})*
        }
    }

    /// The Rust type of a member's shape (without the outer `Value`).
    fn rust_type(&self, shape: &str) -> TokenStream {
        match &self.model.shapes[shape] {
            Shape::Structure(_)
            | Shape::String(StringShape {
                values: Some(_), ..
            }) => {
                let ident = self.names.type_ident(shape);
                quote!(#ident)
            }
            Shape::String(_) | Shape::Timestamp(_) | Shape::Blob(_) => quote!(String),
            Shape::Integer(_) => quote!(i32),
            Shape::Long(_) => quote!(i64),
            Shape::Float(_) | Shape::Double(_) => quote!(Number),
            Shape::Boolean(_) => quote!(bool),
            Shape::List(l) => {
                let inner = self.rust_type(&l.member);
                quote!(Vec<Value<#inner>>)
            }
            Shape::Map(m) => {
                let inner = self.rust_type(&m.value);
                quote!(DynMap<#inner>)
            }
        }
    }

    /// The facts about a shape, for docs: "a string of 1 to 63 characters matching `…`".
    fn facts(&self, shape: &str) -> String {
        match &self.model.shapes[shape] {
            Shape::Structure(_)
            | Shape::String(StringShape {
                values: Some(_), ..
            }) => {
                let name = &self.names.types[shape];
                let article = if name.starts_with(['A', 'E', 'I', 'O']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} [`{name}`]")
            }
            Shape::String(s) => {
                let mut text = format!("a string{}", range_text(s.min, s.max, "character"));
                if let Some(pattern) = &s.pattern {
                    let _ = write!(text, " matching {}", code(pattern));
                }
                text
            }
            Shape::Timestamp(_) => "a timestamp".to_owned(),
            Shape::Blob(b) => format!("base64 data{}", range_text(b.min, b.max, "byte")),
            Shape::Integer(IntegerShape { min, max }) | Shape::Long(IntegerShape { min, max }) => {
                let which = if matches!(self.model.shapes[shape], Shape::Long(_)) {
                    "a 64-bit integer"
                } else {
                    "an integer"
                };
                format!(
                    "{which}{}",
                    bounds_text(min.map(|n| n.to_string()), max.map(|n| n.to_string()))
                )
            }
            Shape::Float(FloatShape { min, max }) | Shape::Double(FloatShape { min, max }) => {
                format!(
                    "a number{}",
                    bounds_text(
                        min.as_ref().map(ToString::to_string),
                        max.as_ref().map(ToString::to_string)
                    )
                )
            }
            Shape::Boolean(_) => "a boolean".to_owned(),
            Shape::List(l) => format!(
                "a list{}, each {}",
                range_text(l.min, l.max, "item"),
                self.facts(&l.member)
            ),
            Shape::Map(m) => format!(
                "a map{}; keys: {}; values: {}",
                range_text(m.min, m.max, "entry"),
                self.facts(&m.key),
                self.facts(&m.value)
            ),
        }
    }

    fn enums(&self) -> TokenStream {
        let mut items = Vec::new();
        for (shape, s) in &self.model.shapes {
            let Shape::String(StringShape {
                values: Some(values),
                ..
            }) = s
            else {
                continue;
            };
            let ident = self.names.type_ident(shape);
            let user = self.names.enum_user.get(shape).unwrap_or(shape).clone();
            let user_page = self.names.operation_of.get(&user).unwrap_or(&user);
            let user_type = &self.names.types[&user];
            let doc = [
                format!(" The values of SageMaker's `{shape}` strings."),
                String::new(),
                format!(
                    " Used by [`{user_type}`]; see [`{user_page}`]({API_REFERENCE}{user_page}.html) \
                     in the SageMaker API reference."
                ),
            ];
            let variants = self.names.variants[shape]
                .iter()
                .zip(values)
                .map(|(variant, value)| {
                    let variant = format_ident!("{}", variant);
                    let doc = format!(" `{value}`");
                    quote! {
                        #[doc = #doc]
                        #[asl(rename = #value)]
                        #variant,
                    }
                });
            items.push(quote! {
                #(#[doc = #doc])*
                #[derive(Debug, Clone, PartialEq, Eq, Hash, Template)]
                #[non_exhaustive]
                pub enum #ident {
                    #(#variants)*
                    /// A value not listed here (newer than this crate's model): read with a
                    /// `sagemaker-unknown-enum-value` warning, written as given.
                    Unknown(String),
                }

                /// An enum value has no constraint beyond its values.
                impl CheckConstraints for #ident {
                    fn check_constraints(&self, _: At<'_>, _: &mut Issues) {}
                }
            });
        }
        quote! {
            #[allow(unused_imports, reason = "intra-doc links name the structs")]
            use super::*;
            use crate::read::{At, Issues};
            use crate::sagemaker::CheckConstraints;
            use crate::Template;
            #(#items)*
        }
    }

    /// The shapes as data (`asl_types::sagemaker::reflect`): each struct's Rust name, how it is
    /// made, and its members (JSON name, field, required, type); each enum's values and
    /// variants. Sorted by Rust name. Tools that write Rust for a request (`asl import`) read it.
    fn reflect(&self) -> TokenStream {
        let mut shapes: Vec<(String, TokenStream)> = Vec::new();
        let mut enums: Vec<(String, TokenStream)> = Vec::new();
        for (shape, s) in &self.model.shapes {
            let type_name = self.names.types.get(shape).cloned().unwrap_or_default();
            match s {
                Shape::Structure(s) => {
                    let builder = has_builder(s);
                    let members = s.members.iter().map(|(member_name, member)| {
                        let field = field_ident(member_name).to_string();
                        let required = s.required.contains(member_name);
                        let ty = self.reflect_type(&member.shape);
                        quote! {
                            MemberInfo {
                                name: #member_name,
                                field: #field,
                                required: #required,
                                ty: &#ty,
                            }
                        }
                    });
                    shapes.push((
                        type_name.clone(),
                        quote! {
                            ShapeInfo {
                                type_name: #type_name,
                                builder: #builder,
                                members: &[#(#members),*],
                            }
                        },
                    ));
                }
                Shape::String(StringShape {
                    values: Some(values),
                    ..
                }) => {
                    let variants = &self.names.variants[shape];
                    enums.push((
                        type_name.clone(),
                        quote! {
                            EnumInfo {
                                type_name: #type_name,
                                values: &[#((#values, #variants)),*],
                            }
                        },
                    ));
                }
                _ => {}
            }
        }
        shapes.sort_by(|a, b| a.0.cmp(&b.0));
        enums.sort_by(|a, b| a.0.cmp(&b.0));
        let shapes = shapes.into_iter().map(|(_, t)| t);
        let enums = enums.into_iter().map(|(_, t)| t);
        quote! {
            use crate::sagemaker::reflect::{EnumInfo, MemberInfo, ShapeInfo, TypeInfo};
            /// Every request struct, sorted by Rust name.
            pub(crate) static SHAPES: &[ShapeInfo] = &[#(#shapes),*];
            /// Every enum, sorted by Rust name.
            pub(crate) static ENUMS: &[EnumInfo] = &[#(#enums),*];
        }
    }

    /// The `TypeInfo` of a member's shape.
    fn reflect_type(&self, shape: &str) -> TokenStream {
        match &self.model.shapes[shape] {
            Shape::Structure(_) => {
                let name = &self.names.types[shape];
                quote!(TypeInfo::Struct(#name))
            }
            Shape::String(StringShape {
                values: Some(_), ..
            }) => {
                let name = &self.names.types[shape];
                quote!(TypeInfo::Enum(#name))
            }
            Shape::String(_) | Shape::Timestamp(_) | Shape::Blob(_) => quote!(TypeInfo::String),
            Shape::Integer(_) => quote!(TypeInfo::Integer),
            Shape::Long(_) => quote!(TypeInfo::Long),
            Shape::Float(_) | Shape::Double(_) => quote!(TypeInfo::Number),
            Shape::Boolean(_) => quote!(TypeInfo::Boolean),
            Shape::List(l) => {
                let inner = self.reflect_type(&l.member);
                quote!(TypeInfo::List(&#inner))
            }
            Shape::Map(m) => {
                let inner = self.reflect_type(&m.value);
                quote!(TypeInfo::Map(&#inner))
            }
        }
    }

    fn constraints(&self) -> Result<TokenStream> {
        let mut shapes = Vec::new();
        for (shape, s) in &self.model.shapes {
            let Shape::Structure(s) = s else { continue };
            let type_name = &self.names.types[shape];
            let mut members = Vec::new();
            for (member_name, member) in &s.members {
                let target = &self.model.shapes[&member.shape];
                let facts = self.constraint_facts(&member.shape);
                let (elements, keys) = match target {
                    Shape::List(l) => (self.constraint_facts(&l.member), None),
                    Shape::Map(m) => (
                        self.constraint_facts(&m.value),
                        self.constraint_facts(&m.key),
                    ),
                    _ => (None, None),
                };
                if facts.is_none() && elements.is_none() && keys.is_none() {
                    continue;
                }
                let (facts, elements, keys) = (opt(facts), opt(elements), opt(keys));
                members.push(quote! {
                    MemberConstraints {
                        member: #member_name,
                        facts: #facts,
                        elements: #elements,
                        keys: #keys,
                    }
                });
            }
            if members.is_empty() {
                continue;
            }
            shapes.push((
                type_name.clone(),
                quote! {
                    TypeConstraints {
                        type_name: #type_name,
                        members: &[#(#members),*],
                    }
                },
            ));
        }
        // Sorted by type name so that lookups can search by halves.
        shapes.sort_by(|a, b| a.0.cmp(&b.0));
        let mut seen = BTreeSet::new();
        for (name, _) in &shapes {
            if !seen.insert(name.clone()) {
                bail!("two types are named {name}");
            }
        }
        let shapes = shapes.into_iter().map(|(_, tokens)| tokens);
        let patterns = self.patterns();
        let count = patterns.len();
        Ok(quote! {
            use crate::sagemaker::{Facts, Limit, MemberConstraints, Pattern, TypeConstraints};

            /// The constraints of every struct member that has any, by type name (sorted).
            pub(crate) static CONSTRAINTS: &[TypeConstraints] = &[#(#shapes),*];

            /// Every distinct pattern of the model (sorted), each compiled once on first use.
            static PATTERNS: [Pattern; #count] = [#(Pattern::new(#patterns)),*];
        })
    }

    /// `Facts { limit, pattern }` for a shape, when it has a bound or a pattern.
    fn constraint_facts(&self, shape: &str) -> Option<TokenStream> {
        let opt_u = |v: Option<u64>| opt(v.map(|v| int_literal(&v.to_string())));
        let opt_i = |v: Option<i64>| opt(v.map(|v| int_literal(&v.to_string())));
        let opt_s = |v: Option<String>| opt(v.map(|v| quote!(#v)));
        let (limit, pattern) = match &self.model.shapes[shape] {
            Shape::String(s) => {
                let limit = (s.min.is_some() || s.max.is_some()).then(|| {
                    let (min, max) = (opt_u(s.min), opt_u(s.max));
                    quote!(Limit::Length { min: #min, max: #max })
                });
                (limit, s.pattern.clone())
            }
            Shape::List(l) => {
                let limit = (l.min.is_some() || l.max.is_some()).then(|| {
                    let (min, max) = (opt_u(l.min), opt_u(l.max));
                    quote!(Limit::Items { min: #min, max: #max })
                });
                (limit, None)
            }
            Shape::Map(m) => {
                let limit = (m.min.is_some() || m.max.is_some()).then(|| {
                    let (min, max) = (opt_u(m.min), opt_u(m.max));
                    quote!(Limit::Entries { min: #min, max: #max })
                });
                (limit, None)
            }
            Shape::Integer(i) | Shape::Long(i) => {
                let limit = (i.min.is_some() || i.max.is_some()).then(|| {
                    let (min, max) = (opt_i(i.min), opt_i(i.max));
                    quote!(Limit::Integer { min: #min, max: #max })
                });
                (limit, None)
            }
            Shape::Float(f) | Shape::Double(f) => {
                let limit = (f.min.is_some() || f.max.is_some()).then(|| {
                    let min = opt_s(f.min.as_ref().map(ToString::to_string));
                    let max = opt_s(f.max.as_ref().map(ToString::to_string));
                    quote!(Limit::Number { min: #min, max: #max })
                });
                (limit, None)
            }
            Shape::Blob(b) => {
                let limit = (b.min.is_some() || b.max.is_some()).then(|| {
                    let (min, max) = (opt_u(b.min), opt_u(b.max));
                    quote!(Limit::Length { min: #min, max: #max })
                });
                (limit, None)
            }
            Shape::Structure(_) | Shape::Boolean(_) | Shape::Timestamp(_) => (None, None),
        };
        if limit.is_none() && pattern.is_none() {
            return None;
        }
        let limit = limit.map_or_else(|| quote!(None), |l| quote!(Some(#l)));
        let pattern = opt(pattern.map(|p| {
            let i = self
                .patterns()
                .binary_search(&p)
                .expect("every pattern is listed");
            quote!(&PATTERNS[#i])
        }));
        Some(quote!(Facts { limit: #limit, pattern: #pattern }))
    }
}

/// `Some(tokens)` or `None`, as tokens.
fn opt(tokens: Option<TokenStream>) -> TokenStream {
    tokens.map_or_else(|| quote!(None), |t| quote!(Some(#t)))
}

/// An unsuffixed integer literal, digits grouped by three (`777_600`), as clippy wants.
fn int_literal(text: &str) -> TokenStream {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    let literal = syn::LitInt::new(&grouped, Span::call_site());
    if sign.is_empty() {
        quote!(#literal)
    } else {
        quote!(-#literal)
    }
}

/// " of 1 to 63 characters", " of at most 5 items", "" …
fn range_text(min: Option<u64>, max: Option<u64>, unit: &str) -> String {
    let units = |n: u64| {
        if n == 1 {
            unit.to_owned()
        } else if let Some(stem) = unit.strip_suffix('y') {
            format!("{stem}ies")
        } else {
            format!("{unit}s")
        }
    };
    match (min.filter(|&m| m > 0), max) {
        (Some(min), Some(max)) if min == max => format!(" of exactly {max} {}", units(max)),
        (Some(min), Some(max)) => format!(" of {min} to {max} {}", units(max)),
        (Some(min), None) => format!(" of at least {min} {}", units(min)),
        (None, Some(max)) => format!(" of at most {max} {}", units(max)),
        (None, None) => String::new(),
    }
}

/// " from 1 to 100", " of at least 0", "" …
fn bounds_text(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!(" from {min} to {max}"),
        (Some(min), None) => format!(" of at least {min}"),
        (None, Some(max)) => format!(" of at most {max}"),
        (None, None) => String::new(),
    }
}

/// Markdown code for any text, backticks included.
fn code(text: &str) -> String {
    let mut fence = "`".to_owned();
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed generated code is what the committed model gives.
    #[test]
    fn committed_code_is_fresh() {
        let root = workspace_root();
        for (name, text) in generate_files(&root).unwrap() {
            let path = root.join(OUT_DIR).join(&name);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == text, "{name}: {STALE}");
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let root = workspace_root();
        assert_eq!(
            generate_files(&root).unwrap(),
            generate_files(&root).unwrap()
        );
    }

    #[test]
    fn variant_names_are_unique_and_valid() {
        let values: Vec<String> = [
            "ml.m4.xlarge",
            "ml.m4-xlarge",
            "Unknown",
            "",
            "1.0",
            "Self",
            "None",
        ]
        .map(str::to_owned)
        .into();
        assert_eq!(
            variant_names(&values),
            [
                "MlM4Xlarge",
                "MlM4Xlarge2",
                "UnknownValue",
                "Empty",
                "V10",
                "SelfValue",
                "None"
            ]
        );
    }

    #[test]
    fn texts() {
        assert_eq!(
            range_text(Some(1), Some(63), "character"),
            " of 1 to 63 characters"
        );
        assert_eq!(range_text(Some(0), Some(1), "entry"), " of at most 1 entry");
        assert_eq!(range_text(None, Some(2), "entry"), " of at most 2 entries");
        assert_eq!(bounds_text(Some("0".into()), None), " of at least 0");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(int_literal("777600").to_string(), "777_600");
        assert_eq!(int_literal("-2147483648").to_string(), "- 2_147_483_648");
        assert_eq!(int_literal("1000").to_string(), "1000");
        assert_eq!(field_ident("Type").to_string(), "r#type");
        assert_eq!(
            field_ident("VolumeSizeInGB").to_string(),
            "volume_size_in_gb"
        );
    }

    /// A small model: names, types, docs and constraints as designed.
    #[test]
    fn small_model() {
        let model = Model::from_json(
            r#"{
  "source": {"file": "x.json", "botocore": "0", "sha256": "00", "apiVersion": "2017-07-24"},
  "operations": [{"name": "MakeThing", "input": "MakeThingRequest"}],
  "shapes": {
    "MakeThingRequest": {"type": "structure", "required": ["Name"],
      "members": {"Name": {"shape": "Name"}, "Mode": {"shape": "Mode"}, "Tags": {"shape": "Tags"},
                  "Env": {"shape": "Env"}, "Ratio": {"shape": "Ratio"}, "Type": {"shape": "Flag"}}},
    "Name": {"type": "string", "min": 1, "max": 63, "pattern": "[a-z]+"},
    "Mode": {"type": "string", "enum": ["File", "Pipe"]},
    "Tags": {"type": "list", "member": "Value", "max": 3},
    "Value": {"type": "structure", "members": {"Key": {"shape": "Name"}}},
    "Env": {"type": "map", "key": "Name", "value": "Name", "max": 2},
    "Ratio": {"type": "double", "min": 0, "max": 1.0},
    "Flag": {"type": "boolean"},
    "Pair": {"type": "structure", "required": ["Left", "Right"],
      "members": {"Left": {"shape": "Name"}, "Right": {"shape": "Mode"}, "Note": {"shape": "Name"}}}
  }
}"#,
        )
        .unwrap();
        let files = generate(&model, "abc").unwrap();
        let text = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
        let structs = text("structs.rs");
        assert!(structs.starts_with(
            "// @generated by `cargo xtask codegen` — DO NOT EDIT.\n// input: xtask/model/sagemaker.json (sha256 abc)\n"
        ));
        assert!(structs.contains("pub struct MakeThing {"), "{structs}");
        assert!(structs.contains("pub name: Value<String>,"));
        assert!(structs.contains("pub mode: Option<Value<Mode>>,"));
        assert!(structs.contains("pub tags: Option<Value<Vec<Value<ValueShape>>>>,"));
        assert!(structs.contains("pub env: Option<Value<DynMap<String>>>,"));
        assert!(structs.contains("pub ratio: Option<Value<Number>>,"));
        assert!(structs.contains("pub r#type: Option<Value<bool>>,"));
        assert!(structs.contains("#[asl(rename = \"Type\")]"));
        assert!(structs.contains("pub fn new(name: impl Into<Value<String>>) -> Self"));
        assert!(
            structs.contains("pub fn maybe_type(mut self, value: Option<Value<bool>>) -> Self")
        );
        assert!(
            structs.contains(
                "/// `Name` (required): a string of 1 to 63 characters matching `[a-z]+`."
            )
        );
        assert!(structs.contains("/// `Ratio`: a number from 0 to 1.0."));
        assert!(structs.contains("API_MakeThing.html"));
        // Two required members: a builder, no positional `new`.
        assert!(!structs.contains("impl Pair {\n    /// A `Pair` with"));
        assert!(structs.contains("pub fn builder() -> PairBuilder {"));
        assert!(structs.contains("pub struct PairBuilder<S = (Unset, Unset)> {"));
        assert!(structs.contains(
            "impl<S1> PairBuilder<(Unset, S1)> {\n    /// Sets `Left` (required).\n    pub fn left("
        ));
        assert!(structs.contains(") -> PairBuilder<(Set<String>, S1)> {"));
        assert!(structs.contains("S1: required::PairHasRight,"));
        // The doc example: an enum's first value; a path where no realistic string fits.
        assert!(
            structs.contains(
                "/// use asl_types::sagemaker::{Mode, Pair};\n    /// use asl_types::Path;"
            )
        );
        assert!(structs.contains("///     .left(Path::input().field(\"Left\"))\n    ///     .right(Mode::File)\n    ///     .build();"));
        let required = text("required.rs");
        assert!(
            required.contains("message = \"the required member `Right` of `Pair` is not set\""),
            "{required}"
        );
        assert!(required.contains("note = \"call `.right(..)` before `.build()`\""));
        assert!(required.contains("pub trait PairHasRight: Into<Value<Mode>> {}"));
        assert!(required.contains("impl PairHasRight for Set<Mode> {}"));
        let enums = text("enums.rs");
        assert!(
            enums.contains("#[asl(rename = \"Pipe\")]\n    Pipe,"),
            "{enums}"
        );
        assert!(enums.contains("Unknown(String),"));
        let constraints = text("constraints.rs");
        assert!(
            constraints.contains("type_name: \"MakeThing\""),
            "{constraints}"
        );
        assert!(constraints.contains("max: Some(\"1.0\")"));
    }
}
