//! `#[derive(Template)]`: rules across fields and variants.

use std::collections::HashSet;

use crate::ast::{Body, Container};
use crate::errors::Errors;

/// JSON names must be unique and must not end in `.$` (the serializer adds it).
pub(crate) fn check(container: &Container<'_>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    match &container.body {
        Body::Struct(fields) => {
            for field in fields {
                if field.key.is_empty() || field.key.ends_with(".$") {
                    errors.at(
                        field.original,
                        &format!(
                            "member name `{}` is empty or ends in `.$`; `.$` is added when the value is dynamic",
                            field.key
                        ),
                    );
                } else if !seen.insert(field.key.as_str()) {
                    errors.at(
                        field.original,
                        &format!("two fields are named `{}` in JSON", field.key),
                    );
                }
            }
        }
        Body::Enum { variants, .. } => {
            for variant in variants {
                if !seen.insert(variant.value.as_str()) {
                    errors.at(
                        variant.original,
                        &format!("two variants stand for `{}`", variant.value),
                    );
                }
            }
        }
    }
}
