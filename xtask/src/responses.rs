//! The SageMaker *result* shapes: what a Task state gets back from Step Functions' optimized
//! SageMaker integration, as a trimmed model (`import-model`) and as Rust (`codegen`).
//!
//! - For a job run with `.sync`, the result is the job's `Describe*` response
//!   (`DescribeTrainingJobResponse`, …): Step Functions waits for the job and returns its
//!   description.
//! - For request-response, the result is the operation's own response
//!   (`CreateTrainingJobResponse`, …, `UpdateEndpointOutput`).
//!
//! `import-model` calls [`import`] to write `xtask/model/sagemaker-responses.json` (facts only,
//! like the request model; same [`Shape`] format) and `xtask/model/RESPONSES.md` (provenance and
//! counts); `codegen` calls [`codegen`] to write `asl-types/src/sagemaker/response/generated/`.
//!
//! The generated Rust follows the requests' conventions where they fit a value that is data,
//! not a template: structs named after the shapes with one field per member (required members
//! plain, optional ones `Option`), AWS's member names through `serde(rename)`, unknown members
//! rejected, enums with an `Unknown(String)` arm, numbers as `Number` (exact text), doc links to
//! the API reference. Deviations, and why: fields hold plain values, not `Value<T>` (a result
//! has no paths); a struct is made with `new(required…)` plus a setter per member (a result's
//! members are literal values of distinct Rust types, and the typed mocks fill the identifying
//! ones), instead of the requests' typestate builders. Timestamps are `i64`: epoch
//! milliseconds, the form Step Functions puts in task results. Beside the types, `table.rs`
//! describes every shape as data for the mock validator (`asl_types::sagemaker::response`).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codegen::{STALE, field_ident, variant_names};
use crate::model::{Model, Shape, Source, StringShape, Structure};

/// The trimmed response model, relative to the workspace root.
const MODEL: &str = "xtask/model/sagemaker-responses.json";
/// Its provenance and counts, relative to the workspace root.
const NOTE: &str = "xtask/model/RESPONSES.md";
/// The output directory, relative to the workspace root.
const OUT_DIR: &str = "asl-types/src/sagemaker/response/generated";
/// The API reference page of a shape.
const API_REFERENCE: &str = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_";

/// Per optimized operation: the operation whose output is the `.sync` result (the job's
/// `Describe*`), for the five job APIs. The request-response result is the operation's own
/// output. (AWS Step Functions Developer Guide, "Create and manage Amazon SageMaker AI jobs with
/// Step Functions": `.sync` for the five job APIs; Step Functions describes the job until it
/// ends and returns the description.)
pub(crate) const RESULTS: [(&str, Option<&str>); 9] = [
    ("CreateTrainingJob", Some("DescribeTrainingJob")),
    ("CreateTransformJob", Some("DescribeTransformJob")),
    ("CreateProcessingJob", Some("DescribeProcessingJob")),
    ("CreateLabelingJob", Some("DescribeLabelingJob")),
    (
        "CreateHyperParameterTuningJob",
        Some("DescribeHyperParameterTuningJob"),
    ),
    ("CreateModel", None),
    ("CreateEndpointConfig", None),
    ("CreateEndpoint", None),
    ("UpdateEndpoint", None),
];

/// The trimmed response model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResponseModel {
    /// The botocore file this model was trimmed from.
    pub(crate) source: Source,
    /// What each integration returns, in [`RESULTS`] order: request-response, then `.sync`.
    pub(crate) results: Vec<ResultShape>,
    /// Every shape reachable from the result shapes, in the source model's order.
    pub(crate) shapes: IndexMap<String, Shape>,
}

/// The result of one optimized integration in one pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResultShape {
    /// The integrated operation, e.g. `CreateTrainingJob`.
    pub(crate) api: String,
    /// Whether this is the `.sync` result (else request-response).
    pub(crate) sync: bool,
    /// The operation whose output it is, e.g. `DescribeTrainingJob`.
    pub(crate) operation: String,
    /// The output structure, e.g. `DescribeTrainingJobResponse`.
    pub(crate) shape: String,
}

impl ResponseModel {
    fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let model: Self =
            serde_json::from_str(&text).with_context(|| format!("loading {}", path.display()))?;
        model.check()?;
        Ok(model)
    }

    fn to_json(&self) -> Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// The shapes as a request-style [`Model`] (no operations), for its checks and statistics.
    fn as_model(&self) -> Model {
        Model {
            source: self.source.clone(),
            operations: Vec::new(),
            shapes: self.shapes.clone(),
        }
    }

    fn check(&self) -> Result<()> {
        self.as_model().check()?;
        for r in &self.results {
            if !matches!(self.shapes.get(&r.shape), Some(Shape::Structure(_))) {
                bail!("result {} of {} is not a structure", r.shape, r.api);
            }
        }
        Ok(())
    }

    /// "371 shapes (122 structures, …); 14 results".
    pub(crate) fn summary(&self) -> String {
        let stats = self.as_model().stats();
        let structs = stats.by_type.get("structure").copied().unwrap_or(0);
        format!(
            "{} results of {} operations, {} shapes: {structs} structs, {} enums, {} members",
            self.results.len(),
            RESULTS.len(),
            self.shapes.len(),
            stats.enums,
            stats.members
        )
    }
}

#[derive(Deserialize)]
struct Botocore {
    metadata: Metadata,
    operations: IndexMap<String, BotocoreOperation>,
    shapes: IndexMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    api_version: String,
}

#[derive(Deserialize)]
struct BotocoreOperation {
    output: Option<Target>,
}

#[derive(Deserialize)]
struct Target {
    shape: String,
}

/// `import-model`'s second half: trims the result shapes of `bytes` (botocore's model, plain or
/// gzip) and writes [`MODEL`] and [`NOTE`].
pub(crate) fn import(bytes: &[u8], file: &str, botocore: &str) -> Result<()> {
    let model = trim(bytes, file, botocore)?;
    let root = crate::codegen::workspace_root();
    let path = root.join(MODEL);
    std::fs::write(&path, model.to_json()?)
        .with_context(|| format!("writing {}", path.display()))?;
    let note = root.join(NOTE);
    std::fs::write(&note, model.note()).with_context(|| format!("writing {}", note.display()))?;
    if ResponseModel::load(&path)? != model {
        bail!("{} does not read back as written", path.display());
    }
    eprintln!("wrote {}: {}", path.display(), model.summary());
    Ok(())
}

/// The trimmed response model of botocore's `bytes`.
pub(crate) fn trim(bytes: &[u8], file: &str, botocore: &str) -> Result<ResponseModel> {
    let json = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut json)
            .context("decompressing gzip")?;
        json
    } else {
        bytes.to_vec()
    };
    let source: Botocore = serde_json::from_slice(&json).context("parsing botocore model")?;
    let output = |op: &str| -> Result<String> {
        let operation = source
            .operations
            .get(op)
            .with_context(|| format!("operation {op} is not in the model"))?;
        Ok(operation
            .output
            .as_ref()
            .with_context(|| format!("operation {op} has no output"))?
            .shape
            .clone())
    };
    let mut results = Vec::new();
    for (api, _) in RESULTS {
        results.push(ResultShape {
            api: api.to_owned(),
            sync: false,
            operation: api.to_owned(),
            shape: output(api)?,
        });
    }
    for (api, describe) in RESULTS {
        if let Some(describe) = describe {
            results.push(ResultShape {
                api: api.to_owned(),
                sync: true,
                operation: describe.to_owned(),
                shape: output(describe)?,
            });
        }
    }
    let mut reached: HashMap<String, Shape> = HashMap::new();
    let mut pending: Vec<String> = results.iter().map(|r| r.shape.clone()).collect();
    while let Some(name) = pending.pop() {
        if reached.contains_key(&name) {
            continue;
        }
        let raw = source
            .shapes
            .get(&name)
            .with_context(|| format!("shape {name} is missing"))?;
        let shape = crate::import::trim_shape(raw).with_context(|| format!("shape {name}"))?;
        pending.extend(shape.targets().into_iter().map(str::to_owned));
        reached.insert(name, shape);
    }
    let shapes = source
        .shapes
        .keys()
        .filter_map(|name| Some((name.clone(), reached.remove(name)?)))
        .collect();
    let model = ResponseModel {
        source: Source {
            file: file.to_owned(),
            botocore: botocore.to_owned(),
            sha256: crate::import::sha256_hex(bytes),
            api_version: source.metadata.api_version,
        },
        results,
        shapes,
    };
    model.check()?;
    Ok(model)
}

impl ResponseModel {
    /// The text of [`NOTE`]: provenance and the counts of what codegen generates.
    fn note(&self) -> String {
        let stats = self.as_model().stats();
        let mut text = String::new();
        let _ = write!(
            text,
            "\
# Trimmed SageMaker result model: provenance and counts

`sagemaker-responses.json` is generated by `cargo xtask import-model` (beside `sagemaker.json`),
from the same botocore file (`{file}`, botocore {botocore}, sha256 `{sha}`); do not edit it by
hand. Like the request model it holds facts only, no documentation text.

It holds what a Task state of Step Functions' optimized SageMaker integration gets back: for
request-response the operation's own output, for `.sync` the job's `Describe*` output.

| integration | pattern | output of | shape |
|---|---|---|---|
",
            file = self.source.file,
            botocore = self.source.botocore,
            sha = self.source.sha256,
        );
        for r in &self.results {
            let pattern = if r.sync {
                "`.sync`"
            } else {
                "request-response"
            };
            let _ = writeln!(
                text,
                "| `{}` | {pattern} | `{}` | `{}` |",
                r.api, r.operation, r.shape
            );
        }
        let _ = write!(
            text,
            "
## Counts

{total} shapes reachable from the {results} result shapes: {stats}.
`cargo xtask codegen` turns them into {structs} structs and {enums} enums in
`asl-types/src/sagemaker/response/generated/`, plus a table of all {total} shapes for the mock
validator.
",
            total = self.shapes.len(),
            results = self.results.len(),
            structs = stats.by_type.get("structure").copied().unwrap_or(0),
            enums = stats.enums,
        );
        text
    }
}

/// `codegen`'s part for results: writes (or with `check`, compares) [`OUT_DIR`].
pub(crate) fn codegen(root: &Path, check: bool) -> Result<()> {
    let files = generate_files(root)?;
    let out = root.join(OUT_DIR);
    if check {
        let differs: Vec<&str> = files
            .iter()
            .filter(|(name, text)| {
                std::fs::read_to_string(out.join(name)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(name, _)| name.as_str())
            .collect();
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
    eprintln!(
        "wrote {OUT_DIR}: {}",
        ResponseModel::load(&root.join(MODEL))?.summary()
    );
    Ok(())
}

/// The generated files (name, text).
pub(crate) fn generate_files(root: &Path) -> Result<Vec<(String, String)>> {
    let path = root.join(MODEL);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let model = ResponseModel::load(&path)?;
    generate(&model, &crate::import::sha256_hex(&bytes))
}

/// Names the generated types must not take (prelude items and what the files import).
const RESERVED: &[&str] = &[
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Deserialize",
    "Err",
    "Error",
    "IndexMap",
    "Json",
    "None",
    "Number",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Vec",
];

struct Gen<'m> {
    model: &'m ResponseModel,
    /// Type name of each structure and enum shape.
    types: HashMap<String, String>,
    /// Structures on a cycle: members of these types are boxed.
    recursive: HashSet<String>,
    /// Index of each shape in the table.
    index: HashMap<String, usize>,
}

fn is_enum(shape: &Shape) -> bool {
    matches!(
        shape,
        Shape::String(StringShape {
            values: Some(_),
            ..
        })
    )
}

pub(crate) fn generate(model: &ResponseModel, sha256: &str) -> Result<Vec<(String, String)>> {
    let mut types = HashMap::new();
    let mut taken = HashSet::new();
    for (name, shape) in &model.shapes {
        if matches!(shape, Shape::Structure(_)) || is_enum(shape) {
            let mut ident = name.clone();
            if syn::parse_str::<Ident>(&ident).is_err() || RESERVED.contains(&ident.as_str()) {
                ident.push_str("Shape");
            }
            if !taken.insert(ident.clone()) {
                bail!("two result shapes are named {ident}");
            }
            types.insert(name.clone(), ident);
        }
    }
    let gen_ = Gen {
        model,
        types,
        recursive: model.as_model().recursive_shapes().into_iter().collect(),
        index: model
            .shapes
            .keys()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect(),
    };
    let header = format!(
        "// @generated by `cargo xtask codegen` — DO NOT EDIT.\n// input: {MODEL} (sha256 {sha256})\n\n"
    );
    let files = [
        ("mod.rs", gen_.module()),
        ("structs.rs", gen_.structs()?),
        ("enums.rs", gen_.enums()),
        ("table.rs", gen_.table()),
        ("sdk.rs", crate::sdk::responses(model, &gen_.types)?),
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

impl Gen<'_> {
    fn ident(&self, shape: &str) -> Ident {
        Ident::new(&self.types[shape], Span::call_site())
    }

    fn module(&self) -> TokenStream {
        let doc = format!(
            " The SageMaker result shapes, generated from the SageMaker API model: {}.",
            self.model.summary()
        );
        quote! {
            #![doc = #doc]
            // Generated shapes follow the model, not the lints.
            #![allow(
                clippy::upper_case_acronyms,
                clippy::too_many_lines,
                clippy::too_many_arguments,
                clippy::wildcard_imports,
                clippy::large_enum_variant
            )]

            mod enums;
            #[cfg(feature = "sdk")]
            mod sdk;
            mod structs;
            mod table;

            pub use self::enums::*;
            pub use self::structs::*;
            pub(crate) use self::table::{SHAPES, result_shape};
        }
    }

    /// The Rust type of a member's shape; `boxed` wraps a recursive structure.
    fn rust_type(&self, shape: &str) -> TokenStream {
        match &self.model.shapes[shape] {
            Shape::Structure(_) => {
                let ident = self.ident(shape);
                quote!(#ident)
            }
            s if is_enum(s) => {
                let ident = self.ident(shape);
                quote!(#ident)
            }
            Shape::String(_) | Shape::Blob(_) => quote!(String),
            Shape::Timestamp(_) | Shape::Long(_) => quote!(i64),
            Shape::Integer(_) => quote!(i32),
            Shape::Float(_) | Shape::Double(_) => quote!(Number),
            Shape::Boolean(_) => quote!(bool),
            Shape::List(l) => {
                let inner = self.rust_type(&l.member);
                quote!(Vec<#inner>)
            }
            Shape::Map(m) => {
                let inner = self.rust_type(&m.value);
                quote!(IndexMap<String, #inner>)
            }
        }
    }

    fn kind_text(&self, shape: &str) -> String {
        match &self.model.shapes[shape] {
            Shape::Structure(_) => format!("a [`{}`]", self.types[shape]),
            s if is_enum(s) => format!("a [`{}`]", self.types[shape]),
            Shape::String(_) => "a string".to_owned(),
            Shape::Blob(_) => "base64 data".to_owned(),
            Shape::Timestamp(_) => {
                "a timestamp, in epoch milliseconds (as Step Functions returns it)".to_owned()
            }
            Shape::Integer(_) => "an integer".to_owned(),
            Shape::Long(_) => "a 64-bit integer".to_owned(),
            Shape::Float(_) | Shape::Double(_) => "a number".to_owned(),
            Shape::Boolean(_) => "a boolean".to_owned(),
            Shape::List(l) => format!("a list, each {}", self.kind_text(&l.member)),
            Shape::Map(m) => format!("a map of strings to {}", self.kind_text(&m.value)),
        }
    }

    fn structs(&self) -> Result<TokenStream> {
        let mut items = Vec::new();
        for (name, shape) in &self.model.shapes {
            if let Shape::Structure(s) = shape {
                items.push(self.structure(name, s)?);
            }
        }
        Ok(quote! {
            use super::*;
            use crate::Number;
            use indexmap::IndexMap;
            use serde::{Deserialize, Serialize};
            #(#items)*
        })
    }

    #[allow(clippy::too_many_lines, reason = "one struct and its impl, in order")]
    fn structure(&self, shape: &str, s: &Structure) -> Result<TokenStream> {
        let ident = self.ident(shape);
        let mut doc = match self.model.results.iter().find(|r| r.shape == shape) {
            Some(r) => vec![
                format!(
                    " The result of `{}` (shape `{shape}`): what a Task state calling {} gets.",
                    r.operation,
                    self.users_of(shape)
                ),
                String::new(),
                format!(
                    " See [`{op}`]({API_REFERENCE}{op}.html) in the SageMaker API reference.",
                    op = r.operation
                ),
            ],
            None => vec![
                format!(" SageMaker's `{shape}` structure, in a result."),
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
            let boxed = self.recursive.contains(&member.shape)
                && matches!(self.model.shapes[&member.shape], Shape::Structure(_));
            let ty = self.rust_type(&member.shape);
            let stored = if boxed { quote!(Box<#ty>) } else { ty.clone() };
            let mut field_doc = format!(
                " `{member_name}`{}: {}.",
                if required { " (required)" } else { "" },
                self.kind_text(&member.shape)
            );
            if member.deprecated {
                field_doc.push_str(" Deprecated in the SageMaker API.");
            }
            let wrap = if boxed {
                quote!(Box::new(value.into()))
            } else {
                quote!(value.into())
            };
            let setter_doc = format!(" Sets `{member_name}`.");
            if required {
                fields.push(quote! {
                    #[doc = #field_doc]
                    #[serde(rename = #member_name)]
                    pub #field: #stored,
                });
                params.push(quote!(#field: impl Into<#ty>));
                let init = if boxed {
                    quote!(#field: Box::new(#field.into()))
                } else {
                    quote!(#field: #field.into())
                };
                inits.push(init);
                setters.push(quote! {
                    #[doc = #setter_doc]
                    #[must_use]
                    pub fn #field(mut self, value: impl Into<#ty>) -> Self {
                        self.#field = #wrap;
                        self
                    }
                });
            } else {
                fields.push(quote! {
                    #[doc = #field_doc]
                    #[serde(rename = #member_name, default, skip_serializing_if = "Option::is_none")]
                    pub #field: Option<#stored>,
                });
                inits.push(quote!(#field: None));
                let maybe = format_ident!("maybe_{}", field.to_string().trim_start_matches("r#"));
                if !seen.insert(maybe.to_string()) {
                    bail!("{shape}: the setter `{maybe}` of {member_name} is also a field name");
                }
                let maybe_doc = format!(" Sets or clears `{member_name}`.");
                let maybe_wrap = if boxed {
                    quote!(value.map(Box::new))
                } else {
                    quote!(value)
                };
                setters.push(quote! {
                    #[doc = #setter_doc]
                    #[must_use]
                    pub fn #field(mut self, value: impl Into<#ty>) -> Self {
                        self.#field = Some(#wrap);
                        self
                    }
                    #[doc = #maybe_doc]
                    #[must_use]
                    pub fn #maybe(mut self, value: Option<#ty>) -> Self {
                        self.#field = #maybe_wrap;
                        self
                    }
                });
            }
        }
        let new_doc = if s.required.is_empty() {
            doc.push(String::new());
            doc.push(format!(" Made with [`{ident}::new`] (or `Default`)."));
            format!(" An empty `{ident}`; set members with the methods below.")
        } else {
            let names: Vec<String> = s.required.iter().map(|m| format!("`{m}`")).collect();
            doc.push(String::new());
            doc.push(format!(
                " Made with [`{ident}::new`], which takes the required members in model order."
            ));
            format!(
                " A `{ident}` with its required members ({}); set the others with the methods \
                 below.",
                names.join(", ")
            )
        };
        let default = s.required.is_empty().then(|| quote!(Default,));
        Ok(quote! {
            #(#[doc = #doc])*
            #[derive(Debug, Clone, PartialEq, Eq, #default Serialize, Deserialize)]
            #[serde(deny_unknown_fields)]
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
        })
    }

    /// "`createTrainingJob.sync`", for a result shape's doc.
    fn users_of(&self, shape: &str) -> String {
        let users: Vec<String> = self
            .model
            .results
            .iter()
            .filter(|r| r.shape == shape)
            .map(|r| {
                let mut chars = r.api.chars();
                let action = chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_lowercase().to_string() + chars.as_str()
                });
                format!("`sagemaker:{action}{}`", if r.sync { ".sync" } else { "" })
            })
            .collect();
        users.join(" or ")
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
            let ident = self.ident(shape);
            let doc = [
                format!(" The values of SageMaker's `{shape}` strings, in a result."),
                String::new(),
                " Every value reads: one the model does not list is `Unknown`, which the mock"
                    .to_owned(),
                " validator reports.".to_owned(),
            ];
            let variants: Vec<Ident> = variant_names(values)
                .iter()
                .map(|v| format_ident!("{}", v))
                .collect();
            let docs = values.iter().map(|v| format!(" `{v}`"));
            items.push(quote! {
                #(#[doc = #doc])*
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #ident {
                    #(#[doc = #docs] #variants,)*
                    /// A value the model does not list.
                    Unknown(String),
                }

                impl #ident {
                    /// The value as SageMaker writes it.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#ident::#variants => #values,)*
                            #ident::Unknown(value) => value,
                        }
                    }

                    /// The variant for `value` (`Unknown` when the model does not list it).
                    pub fn from_value(value: &str) -> Self {
                        match value {
                            #(#values => #ident::#variants,)*
                            other => #ident::Unknown(other.to_owned()),
                        }
                    }
                }

                impl Serialize for #ident {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        s.serialize_str(self.as_str())
                    }
                }

                impl<'de> Deserialize<'de> for #ident {
                    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        let value = String::deserialize(d)?;
                        Ok(#ident::from_value(&value))
                    }
                }
            });
        }
        quote! {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};
            #(#items)*
        }
    }

    /// `table.rs`: every shape as data, and the result shape of each integration.
    fn table(&self) -> TokenStream {
        let mut rows = Vec::new();
        for (name, shape) in &self.model.shapes {
            let kind = match shape {
                Shape::Structure(s) => {
                    let members = s.members.iter().map(|(m, member)| {
                        let i = self.index[&member.shape];
                        let required = s.required.contains(m);
                        quote!(MemberDef { name: #m, shape: #i, required: #required })
                    });
                    quote!(Kind::Structure(&[#(#members),*]))
                }
                Shape::List(l) => {
                    let i = self.index[&l.member];
                    quote!(Kind::List(#i))
                }
                Shape::Map(m) => {
                    let i = self.index[&m.value];
                    quote!(Kind::Map(#i))
                }
                Shape::String(StringShape {
                    values: Some(values),
                    ..
                }) => quote!(Kind::Enum(&[#(#values),*])),
                Shape::String(_) => quote!(Kind::String),
                Shape::Blob(_) => quote!(Kind::Blob),
                Shape::Integer(_) => quote!(Kind::Integer),
                Shape::Long(_) => quote!(Kind::Long),
                Shape::Float(_) | Shape::Double(_) => quote!(Kind::Number),
                Shape::Boolean(_) => quote!(Kind::Boolean),
                Shape::Timestamp(_) => quote!(Kind::Timestamp),
            };
            rows.push(quote!(ShapeDef { name: #name, kind: #kind }));
        }
        let count = rows.len();
        let mut arms = Vec::new();
        let apis: BTreeSet<&str> = self.model.results.iter().map(|r| r.api.as_str()).collect();
        for r in &self.model.results {
            let api = format_ident!("{}", r.api);
            let sync = r.sync;
            let i = self.index[&r.shape];
            arms.push(quote!((SageMakerApi::#api, #sync) => Some(#i),));
        }
        let doc = format!(
            " The index in [`SHAPES`] of the result of `api` (`.sync` when `sync`), for the {} \
             operations.",
            apis.len()
        );
        quote! {
            use crate::sagemaker::SageMakerApi;
            use crate::sagemaker::response::{Kind, MemberDef, ShapeDef};

            /// Every result shape, in model order.
            pub(crate) static SHAPES: [ShapeDef; #count] = [#(#rows),*];

            #[doc = #doc]
            pub(crate) fn result_shape(api: SageMakerApi, sync: bool) -> Option<usize> {
                match (api, sync) {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed generated code is what the committed model gives.
    #[test]
    fn committed_code_is_fresh() {
        let root = crate::codegen::workspace_root();
        for (name, text) in generate_files(&root).unwrap() {
            let committed =
                std::fs::read_to_string(root.join(OUT_DIR).join(&name)).unwrap_or_default();
            assert!(committed == text, "{name}: {STALE}");
        }
    }

    /// The committed model is a fresh trim of the full model, where that is beside the
    /// workspace, and its note is current.
    #[test]
    fn committed_model_is_current() {
        let root = crate::codegen::workspace_root();
        let model = ResponseModel::load(&root.join(MODEL)).unwrap();
        assert_eq!(model.results.len(), 14);
        let committed = std::fs::read_to_string(root.join(MODEL)).unwrap();
        assert!(!committed.contains("documentation"));
        assert_eq!(
            std::fs::read_to_string(root.join(NOTE)).unwrap(),
            model.note()
        );
        let full = root.join("../shared/models").join(&model.source.file);
        let Ok(bytes) = std::fs::read(&full) else {
            eprintln!("skipping the re-import check: {} not found", full.display());
            return;
        };
        let fresh = trim(&bytes, &model.source.file, &model.source.botocore).unwrap();
        assert_eq!(fresh.to_json().unwrap(), committed);
    }

    #[test]
    fn small_model() {
        let model: ResponseModel = serde_json::from_str(
            r#"{
  "source": {"file": "x.json", "botocore": "0", "sha256": "00", "apiVersion": "2017-07-24"},
  "results": [{"api": "CreateModel", "sync": false, "operation": "CreateModel", "shape": "CreateModelOutput"}],
  "shapes": {
    "CreateModelOutput": {"type": "structure", "required": ["ModelArn"],
      "members": {"ModelArn": {"shape": "Arn"}, "When": {"shape": "Time"}, "Mode": {"shape": "Mode"}}},
    "Arn": {"type": "string", "max": 2048},
    "Time": {"type": "timestamp"},
    "Mode": {"type": "string", "enum": ["File", "Pipe"]}
  }
}"#,
        )
        .unwrap();
        model.check().unwrap();
        let files = generate(&model, "abc").unwrap();
        let text = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
        let structs = text("structs.rs");
        assert!(
            structs.contains("pub struct CreateModelOutput {"),
            "{structs}"
        );
        assert!(structs.contains("#[serde(rename = \"ModelArn\")]\n    pub model_arn: String,"));
        assert!(structs.contains("pub when: Option<i64>,"));
        assert!(structs.contains("pub fn new(model_arn: impl Into<String>) -> Self"));
        assert!(structs.contains("pub fn maybe_mode(mut self, value: Option<Mode>) -> Self"));
        let enums = text("enums.rs");
        assert!(enums.contains("\"Pipe\" => Mode::Pipe,"), "{enums}");
        let table = text("table.rs");
        assert!(
            table.contains("(SageMakerApi::CreateModel, false) => Some(0usize),"),
            "{table}"
        );
        assert!(table.contains("Kind::Enum(&[\"File\", \"Pipe\"])"));
    }
}
