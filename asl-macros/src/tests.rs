//! Expansion snapshots (a regression guard: review a changed `.snap` like
//! code; bless with `INSTA_UPDATE=always cargo test -p asl-macros`), and
//! the error texts of each derive, all at once.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::{expand, fallback, paths, task_input, workflow};

/// The expansion, formatted.
fn pretty(out: TokenStream) -> String {
    prettyplease::unparse(&syn::parse2(out).expect("the expansion is a list of items"))
}

/// The error messages, in order.
fn messages(out: syn::Result<TokenStream>) -> Vec<String> {
    match out {
        Ok(_) => Vec::new(),
        Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
    }
}

fn template(input: &DeriveInput) -> TokenStream {
    expand::template(input).unwrap_or_else(|err| fallback::template(input, &err))
}

fn task_input(input: &DeriveInput) -> TokenStream {
    task_input::expand(input).unwrap_or_else(|err| fallback::task_input(input, &err))
}

fn workflow(input: &DeriveInput) -> TokenStream {
    workflow::expand(input).unwrap_or_else(|err| fallback::workflow(input, &err))
}

#[test]
fn template_struct_with_required_optional_and_renamed_members() {
    let input = syn::parse_quote! {
        pub struct Invoke {
            function_name: Value<String>,
            #[asl(rename = "Payload")]
            input: Option<Value<Json>>,
            r#type: Option<Value<Mode>>,
        }
    };
    insta::assert_snapshot!(pretty(template(&input)));
}

#[test]
fn template_enum_with_unknown_arm() {
    let input = syn::parse_quote! {
        #[asl(crate = "crate::types")]
        pub(crate) enum Mode {
            #[asl(rename = "File")]
            File,
            Pipe,
            Unknown(String),
        }
    };
    insta::assert_snapshot!(pretty(template(&input)));
}

#[test]
fn template_fallback() {
    let input = syn::parse_quote! {
        pub struct Invoke {
            function_name: String,
        }
    };
    insta::assert_snapshot!(pretty(template(&input)));
}

#[test]
fn template_enum_fallback() {
    let input = syn::parse_quote! {
        pub enum Mode {
            File,
        }
    };
    insta::assert_snapshot!(pretty(template(&input)));
}

#[test]
fn task_input_with_nested_and_renamed_fields() {
    let input = syn::parse_quote! {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct JobInput {
            job: Job,
            #[asl(rename = "retries")]
            max_retries: u32,
            #[serde(rename = "Tags", default)]
            tags: Option<Vec<String>>,
            r#type: String,
        }
    };
    insta::assert_snapshot!(pretty(task_input(&input)));
}

#[test]
fn task_input_fallback() {
    let input = syn::parse_quote! {
        #[asl(crate = "crate::asl")]
        pub(crate) struct JobInput {
            #[serde(flatten)]
            job: Job,
            max_retries: u32,
        }
    };
    insta::assert_snapshot!(pretty(task_input(&input)));
}

#[test]
fn workflow_unit_enum() {
    let input = syn::parse_quote! {
        pub enum Steps {
            #[asl(rename = "Say Hello")]
            Hello,
            Done,
        }
    };
    insta::assert_snapshot!(pretty(workflow(&input)));
}

#[test]
fn workflow_fallback() {
    let input = syn::parse_quote! {
        enum Steps {
            Hello(String),
            Done,
        }
    };
    insta::assert_snapshot!(pretty(workflow(&input)));
}

#[test]
fn asl_keys_unknown_or_repeated_are_errors_on_the_key() {
    let input: DeriveInput = syn::parse_quote! {
        #[asl(crate = "a")]
        #[asl(crate = "b", krate = "c")]
        struct Input {
            #[asl(rename = "a", rename = "b")]
            one: u32,
            #[asl(rename = "c")]
            #[asl(rename = "d", renamed = "e")]
            two: u32,
        }
    };
    assert_eq!(
        messages(task_input::expand(&input)),
        [
            "duplicate `#[asl(crate)]` key",
            "unknown `#[asl]` key `krate` on a type; expected `crate`",
            "duplicate `#[asl(rename)]` key",
            "duplicate `#[asl(rename)]` key",
            "unknown `#[asl]` key `renamed` on a field; expected `rename`",
        ]
    );
    let input: DeriveInput = syn::parse_quote! {
        enum Steps {
            #[asl(rename = "A")]
            #[asl(rename = "B")]
            A,
            #[asl(crate = "x")]
            B,
        }
    };
    assert_eq!(
        messages(workflow::expand(&input)),
        [
            "duplicate `#[asl(rename)]` key",
            "unknown `#[asl]` key `crate` on a variant; expected `rename`",
        ]
    );
}

#[test]
fn task_input_refuses_serde_attributes_that_change_the_shape() {
    let input: DeriveInput = syn::parse_quote! {
        #[serde(transparent, rename_all(deserialize = "camelCase"))]
        #[serde(from = "Other", try_from = "Other", into = "Other")]
        struct Input {
            #[serde(flatten)]
            a: Job,
            #[serde(default, skip)]
            b: u32,
            #[serde(skip_serializing)]
            c: u32,
            #[serde(skip_deserializing, rename(serialize = "x"))]
            d: u32,
            #[serde(rename(deserialize = "y"))]
            #[asl(rename = "e")]
            e: u32,
        }
    };
    let why = "so typed paths would not match the JSON";
    assert_eq!(
        messages(task_input::expand(&input)),
        [
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(transparent)]`: the struct is written and read as its only field, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(from)]`: the struct is read through another type, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(try_from)]`: the struct is read through another type, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(into)]`: the struct is written through another type, {why}"),
            "`#[derive(TaskInput)]` needs one naming rule, not one per direction: use `#[serde(rename_all = \"…\")]`".to_owned(),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(flatten)]`: the field's members move into the enclosing object, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(skip)]`: the field is neither written nor read, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(skip_serializing)]`: the field is not written, {why}"),
            format!("`#[derive(TaskInput)]` cannot honour `#[serde(skip_deserializing)]`: the field is not read, {why}"),
            "`#[derive(TaskInput)]` needs one JSON name per field, not one per direction: use `#[serde(rename = \"…\")]` or `#[asl(rename = \"…\")]`".to_owned(),
        ]
    );
}

#[test]
fn task_input_json_names_follow_serde_and_must_be_unique() {
    let input: DeriveInput = syn::parse_quote! {
        #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
        struct Input {
            max_retries: u32,
            #[serde(rename = "MAX-RETRIES")]
            retries: u32,
            #[asl(rename = "MAX-RETRIES")]
            #[serde(rename = "other")]
            again: u32,
        }
    };
    assert_eq!(
        messages(task_input::expand(&input)),
        [
            "two fields are named `MAX-RETRIES` in JSON",
            "two fields are named `MAX-RETRIES` in JSON",
        ]
    );
    let input: DeriveInput = syn::parse_quote! {
        #[serde(rename_all = "Title Case")]
        struct Input {
            a: u32,
        }
    };
    assert_eq!(
        messages(task_input::expand(&input)),
        [
            "unknown `rename_all` rule `Title Case`; expected one of `lowercase`, `UPPERCASE`, \
          `PascalCase`, `camelCase`, `snake_case`, `SCREAMING_SNAKE_CASE`, `kebab-case`, \
          `SCREAMING-KEBAB-CASE`"
        ]
    );
}

#[test]
fn workflow_names_are_checked_together() {
    let long = "x".repeat(81);
    let input: DeriveInput = syn::parse_quote! {
        enum Steps<T> {
            Train,
            Notify(T),
            #[asl(rename = "Train")]
            AlsoTrain,
            #[asl(rename = "")]
            Empty,
            #[asl(rename = #long)]
            Long,
        }
    };
    assert_eq!(
        messages(workflow::expand(&input)),
        [
            "`#[derive(Workflow)]` does not support generic types",
            "a state name is a unit variant: remove the fields",
            "state name `Train` is used twice",
            "a state name has 1 to 80 characters",
            "a state name has 1 to 80 characters",
        ]
    );
}

/// A `path!` / `ref_path!` expansion, formatted as the expression it is.
fn path_expansion(literal: &str, kind: paths::Kind) -> syn::Result<String> {
    let out = paths::expand(quote::quote!(#literal), kind)?;
    let expr: syn::Expr = syn::parse2(out).expect("the expansion is an expression");
    Ok(prettyplease::unparse(
        &syn::parse_quote!(const _: () = #expr;),
    ))
}

#[test]
fn path_expands_to_its_parts() {
    insta::assert_snapshot!(
        path_expansion("$$.Map.Item['a b'][3]..x[?(@.y)].*", paths::Kind::Path).unwrap()
    );
    insta::assert_snapshot!(path_expansion("$run.items[0]", paths::Kind::Reference).unwrap());
}

#[test]
fn path_errors_name_the_parsers_reason() {
    let err = |literal: &str, kind| path_expansion(literal, kind).unwrap_err().to_string();
    assert_eq!(
        err("$.a.", paths::Kind::Path),
        "`$.a.` is not a valid path: empty field name"
    );
    assert_eq!(
        err("a.b", paths::Kind::Path),
        "`a.b` is not a valid path: a path starts with `$`"
    );
    assert_eq!(
        err("$..a", paths::Kind::Reference),
        "`$..a` is not a Reference Path: a Reference Path names a single node: no `*`, `..`, filters, slices or unions; `path!` takes any path"
    );
    let not_literal = paths::expand(quote::quote!(text), paths::Kind::Reference).unwrap_err();
    assert_eq!(
        not_literal.to_string(),
        "`ref_path!` takes one string literal, as in `ref_path!(\"$.job.name\")`"
    );
}
