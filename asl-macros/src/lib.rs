//! Derive macros for `asl`.
//!
//! The derives only *name* items of `asl_types` (through the path given by
//! `#[asl(crate = "…")]`, default `::asl_types`); they never build JSON
//! themselves. See [`macro@Template`]. [`path!`] and [`ref_path!`] check a
//! path literal at compile time with the grammar `asl_types::Path` uses at
//! run time (it lives in `asl-syntax`, which both crates share).

mod ast;
mod attr;
mod errors;
mod expand;
mod fallback;
mod paths;
mod task_input;
#[cfg(test)]
mod tests;
mod validate;
mod workflow;

use proc_macro::TokenStream;

/// Derives `asl_types::Template`: a typed payload template whose members may
/// be literals or computed at run time.
///
/// # On a struct with named fields
///
/// Every field is `Value<T>` (a required member) or `Option<Value<T>>` (an
/// optional one), where `T` reads from JSON (`FromJson`) and serializes
/// (`serde::Serialize`). The derive implements:
///
/// - `FromJson`: each member is read from `"Key"` (a literal, or a JSONata
///   `"{% … %}"`) or from `"Key.$"` (a path, context path, variable or
///   intrinsic call). A missing required member, an unknown member, a value
///   of the wrong JSON type, or both `"Key"` and `"Key.$"` are errors that
///   carry the JSON pointer of the offending member; all of them are
///   reported at once.
/// - `serde::Serialize`: members in declaration order, absent ones skipped,
///   each under `"Key.$"` when its value is a path or intrinsic call and
///   under `"Key"` otherwise.
/// - `serde::Deserialize`, through `FromJson` (numbers then pass through
///   `f64`; `Template::parse` keeps their exact text).
/// - `From<Self> for Value<Self>`, so the struct fills a member of another
///   template, and `Template`.
///
/// ```
/// use asl_types::{Path, Template, Value};
///
/// #[derive(Debug, Template)]
/// struct Invoke {
///     function_name: Value<String>,
///     #[asl(rename = "Payload")]
///     input: Option<Value<asl_types::Json>>,
/// }
///
/// let invoke = Invoke { function_name: Path::input().field("fn").into(), input: None };
/// let text = serde_json::to_string(&invoke)?;
/// assert_eq!(text, r#"{"FunctionName.$":"$.fn"}"#);
/// let back = Invoke::parse(&text)?;
/// assert_eq!(back.function_name, invoke.function_name);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # On an enum of strings
///
/// Every variant is a unit variant standing for one string, except exactly
/// one variant with a single `String` field that holds values the enum does
/// not list (conventionally `Unknown(String)`; reading such a value is an
/// error naming the allowed values — the arm exists so that code can *write*
/// values newer than the enum). The derive implements `FromJson`,
/// `serde::Serialize`, `serde::Deserialize`, `Display`,
/// `From<Self> for Value<Self>`, `Template`,
/// and an inherent `as_str()` and `VALUES` (the listed strings, in order).
///
/// ```
/// #[derive(Debug, PartialEq, asl_types::Template)]
/// enum Mode {
///     #[asl(rename = "File")]
///     File,
///     #[asl(rename = "Pipe")]
///     Pipe,
///     Unknown(String),
/// }
/// assert_eq!(Mode::VALUES, ["File", "Pipe"]);
/// assert_eq!(Mode::Pipe.as_str(), "Pipe");
/// ```
///
/// # Attributes
///
/// | where | attribute | meaning | default |
/// |---|---|---|---|
/// | struct or enum | `#[asl(crate = "path")]` | where `asl_types` is | `::asl_types` |
/// | field | `#[asl(rename = "Key")]` | the JSON member name | the field name in `PascalCase` |
/// | variant | `#[asl(rename = "value")]` | the JSON string | the variant name |
///
/// Anything else — a field that is not `Value<_>` or `Option<Value<_>>`, an
/// unknown or repeated attribute key, two fields with one JSON name, generic
/// parameters — is a compile error pointing at the offending code.
#[proc_macro_derive(Template, attributes(asl))]
pub fn derive_template(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::template(&input)
        .unwrap_or_else(|err| fallback::template(&input, &err))
        .into()
}

/// Derives `asl_builder::TaskInput`: typed paths into a task's input or
/// output struct.
///
/// `JobInput::path()` starts a JSONPath at `$`, `JobInput::jsonata()` a
/// JSONata expression at `$states.input`; each field is a method. A field
/// whose type also derives `TaskInput` continues into that struct; any other
/// field ends in a typed leaf — `asl_builder::TypedPath<T>` (or
/// `asl_builder::JsonataPath<T>`) for a field of type `T` — which fills only
/// members of type `T`: a path to a number cannot fill a string member.
/// The expansion calls `asl_builder`'s public API only (`Cursor::field`,
/// `Navigable::at`).
///
/// ```
/// use asl_builder::TaskInput;
///
/// #[derive(TaskInput)]
/// struct JobInput {
///     job: Job,
///     #[asl(rename = "retries")]
///     max_retries: u32,
/// }
///
/// #[derive(TaskInput)]
/// #[serde(rename_all = "camelCase")] // honoured, as serde would read the input
/// # #[derive(serde::Deserialize)]
/// struct Job {
///     job_name: String,
/// }
///
/// assert_eq!(JobInput::path().job().job_name().to_string(), "$.job.jobName");
/// assert_eq!(JobInput::jsonata().max_retries().to_string(), "{% $states.input.retries %}");
/// ```
///
/// | where | attribute | meaning | default |
/// |---|---|---|---|
/// | struct | `#[asl(crate = "path")]` | where `asl_builder` is | `::asl_builder` |
/// | field | `#[asl(rename = "key")]` | the JSON member name | serde's `rename` / `rename_all`, else the field name |
///
/// It also generates a `JobInputPaths<K>` struct (with the struct's
/// visibility) holding the cursor. `JobInput::path()` (and a path to a
/// nested derived struct) converts into `asl_builder::types::Path` and is an
/// `asl_builder::IntoReferencePath`, so it can be a `ResultPath` or `ItemsPath`.
///
/// serde attributes that move a field or replace the struct's JSON shape —
/// `flatten`, `skip`, `skip_serializing`, `skip_deserializing` on a field,
/// `transparent`, `from`, `try_from`, `into` on the struct — and
/// `rename(…)` / `rename_all(…)` with one name per direction are compile
/// errors on the attribute: the typed paths could not match the JSON. So are
/// an unknown or repeated `#[asl]` key, two fields with one JSON name, an
/// unknown `rename_all` rule, generic parameters, and anything but a struct
/// with named fields.
#[proc_macro_derive(TaskInput, attributes(asl, serde))]
pub fn derive_task_input(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    task_input::expand(&input)
        .unwrap_or_else(|err| fallback::task_input(&input, &err))
        .into()
}

/// Derives typed state names from an enum of unit variants: each variant is
/// a state name (`#[asl(rename = "…")]` for names that are not identifiers),
/// so builder calls take `Steps::Train` instead of repeating a string.
///
/// ```
/// use asl_builder::{StateMachineBuilder, Workflow};
///
/// #[derive(Clone, Copy, Workflow)]
/// enum Steps {
///     #[asl(rename = "Say Hello")]
///     Hello,
///     Done,
/// }
///
/// let mut sm = StateMachineBuilder::new();
/// let hello = sm.pass(Steps::Hello, asl_builder::PassSpec::new());
/// let done = sm.succeed(Steps::Done);
/// sm.start_at(hello).next(hello, done);
/// let machine = sm.build()?;
/// assert!(machine.states.contains_key("Say Hello"));
/// # Ok::<(), asl_builder::BuildError>(())
/// ```
///
/// | where | attribute | meaning | default |
/// |---|---|---|---|
/// | enum | `#[asl(crate = "path")]` | where `asl_builder` is | `::asl_builder` |
/// | variant | `#[asl(rename = "name")]` | the state name | the variant name |
///
/// The derive implements `From<Steps> for asl_builder::types::StateName` and
/// an inherent `const fn state_name(&self) -> &'static str`.
/// Variants with fields, repeated names, and names of more than 80
/// characters are compile errors on the variant; so are an unknown or
/// repeated `#[asl]` key and generic parameters.
#[proc_macro_derive(Workflow, attributes(asl))]
pub fn derive_workflow(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    workflow::expand(&input)
        .unwrap_or_else(|err| fallback::workflow(&input, &err))
        .into()
}

/// A JSONPath literal, checked at compile time: `$…` (the state input),
/// `$$…` (the context object) or `$name…` (a variable). Expands to an
/// `asl_builder::types::Path` equal to what `"…".parse::<Path>()` gives, built
/// from its parts (nothing is parsed at run time, and nothing can fail).
///
/// ```
/// use asl_builder::path;
/// use asl_builder::types::{Path, PathRoot};
///
/// let artifacts: Path = path!("$.training.ModelArtifacts.S3ModelArtifacts");
/// assert_eq!(artifacts, "$.training.ModelArtifacts.S3ModelArtifacts".parse::<Path>()?);
/// assert_eq!(path!("$$.Execution.Name").root(), &PathRoot::Context);
/// assert_eq!(path!("$run.items[0]").root(), &PathRoot::Variable("run".into()));
/// assert!(!path!("$.items[*].id").is_reference());
/// # Ok::<(), asl_builder::types::InvalidPath>(())
/// ```
///
/// A literal that is not a path is a compile error on the literal, with the
/// parser's reason:
///
/// ```compile_fail
/// let p = asl_builder::path!("$.training."); // `$.training.` is not a valid path: empty field name
/// ```
#[proc_macro]
pub fn path(input: TokenStream) -> TokenStream {
    paths::expand(input.into(), paths::Kind::Path)
        .unwrap_or_else(|err| err.to_compile_error())
        .into()
}

/// A Reference Path literal (one that names a single node, as `ResultPath`
/// and `ItemsPath` need), checked at compile time. Expands to an
/// `asl_builder::types::ReferencePath`; wildcards, `..`, filters, slices and
/// unions are compile errors on the literal.
///
/// ```
/// use asl_builder::ref_path;
/// use asl_builder::types::ReferencePath;
///
/// let result: ReferencePath = ref_path!("$.training");
/// assert_eq!(result, "$.training".parse::<ReferencePath>()?);
/// assert_eq!(ref_path!("$.items[0]['unit price']").to_string(), "$.items[0]['unit price']");
/// # Ok::<(), asl_builder::types::InvalidPath>(())
/// ```
///
/// ```compile_fail
/// let r = asl_builder::ref_path!("$.items[*]"); // not a Reference Path
/// ```
#[proc_macro]
pub fn ref_path(input: TokenStream) -> TokenStream {
    paths::expand(input.into(), paths::Kind::Reference)
        .unwrap_or_else(|err| err.to_compile_error())
        .into()
}
