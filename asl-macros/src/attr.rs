//! Attributes. `#[asl(...)]`: keys as constants, parsed with
//! `parse_nested_meta`; an unknown or repeated key is an error on that key.
//! `#[serde(...)]`: the few keys `#[derive(TaskInput)]` follows or refuses.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr};

use crate::errors::Errors;

/// The attribute name.
pub(crate) const ASL: &str = "asl";
/// `#[asl(crate = "path")]` on the type.
pub(crate) const CRATE: &str = "crate";
/// `#[asl(rename = "Key")]` on a field or variant.
pub(crate) const RENAME: &str = "rename";

/// serde's attribute name.
pub(crate) const SERDE: &str = "serde";
/// `#[serde(rename = "key")]` on a field: followed.
pub(crate) const SERDE_RENAME: &str = "rename";
/// `#[serde(rename_all = "rule")]` on a struct: followed.
pub(crate) const SERDE_RENAME_ALL: &str = "rename_all";
/// serde keys on a field that change where or whether it is in the JSON,
/// each with why typed paths cannot follow it.
pub(crate) const SERDE_FIELD_SHAPE: &[(&str, &str)] = &[
    (
        "flatten",
        "the field's members move into the enclosing object",
    ),
    ("skip", "the field is neither written nor read"),
    ("skip_serializing", "the field is not written"),
    ("skip_deserializing", "the field is not read"),
];
/// serde keys on a struct that replace its JSON shape with another one.
pub(crate) const SERDE_CONTAINER_SHAPE: &[(&str, &str)] = &[
    (
        "transparent",
        "the struct is written and read as its only field",
    ),
    ("from", "the struct is read through another type"),
    ("try_from", "the struct is read through another type"),
    ("into", "the struct is written through another type"),
];

/// Attributes on the struct or enum.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub(crate) krate: Option<syn::Path>,
}

/// Attributes on a field or variant.
#[derive(Default)]
pub(crate) struct MemberAttrs {
    pub(crate) rename: Option<LitStr>,
}

/// Reads `#[asl(crate = "…")]`; other keys are errors on the key.
pub(crate) fn container(attrs: &[Attribute], errors: &mut Errors) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    asl_keys(attrs, &[CRATE], "a type", errors, |_, meta, errors| {
        let lit: LitStr = meta.value()?.parse()?;
        match lit.parse::<syn::Path>() {
            Ok(path) => out.krate = Some(path),
            Err(_) => errors.at(&lit, "`crate` must be a path, e.g. `\"::my_crate::asl\"`"),
        }
        Ok(())
    });
    out
}

/// Reads `#[asl(rename = "…")]` on a field (`what` = "field") or variant.
pub(crate) fn member(attrs: &[Attribute], what: &str, errors: &mut Errors) -> MemberAttrs {
    let mut out = MemberAttrs::default();
    let on = format!("a {what}");
    asl_keys(attrs, &[RENAME], &on, errors, |_, meta, _| {
        out.rename = Some(meta.value()?.parse()?);
        Ok(())
    });
    out
}

/// Calls `read` with each key of the `#[asl(...)]` attributes in `attrs` that
/// is one of `keys` and was not seen before (in this or an earlier `#[asl]`);
/// any other key is an error on the key, and parsing goes on after it.
fn asl_keys(
    attrs: &[Attribute],
    keys: &[&'static str],
    on: &str,
    errors: &mut Errors,
    mut read: impl FnMut(&'static str, &ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    let mut seen: Vec<&'static str> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(ASL)) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = keys.iter().copied().find(|key| meta.path.is_ident(key)) else {
                let expected: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
                errors.at(
                    &meta.path,
                    &format!(
                        "unknown `#[asl]` key `{}` on {on}; expected {}",
                        path_text(&meta.path),
                        expected.join(" or ")
                    ),
                );
                return skip_value(&meta);
            };
            if seen.contains(&key) {
                errors.at(&meta.path, &format!("duplicate `#[asl({key})]` key"));
                return skip_value(&meta);
            }
            seen.push(key);
            read(key, &meta, errors)
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
}

/// What `#[serde(...)]` on a struct or field says about names and shape.
/// Malformed serde attributes are serde's to report: reading stops quietly
/// at the first key it cannot parse.
#[derive(Default)]
pub(crate) struct SerdeAttrs {
    /// `rename = "…"` on a field, `rename_all = "…"` on a struct.
    pub(crate) name: Option<LitStr>,
    /// The key of `rename(…)` / `rename_all(…)`: one name per direction.
    pub(crate) per_direction: Option<syn::Path>,
    /// Keys from `shape_keys` that are present, with the reason each names.
    pub(crate) shape: Vec<(syn::Path, &'static str)>,
}

/// Reads `name_key` and `shape_keys` from the `#[serde(...)]` attributes.
pub(crate) fn serde(
    attrs: &[Attribute],
    name_key: &str,
    shape_keys: &[(&'static str, &'static str)],
) -> SerdeAttrs {
    let mut out = SerdeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(SERDE)) {
        let _serde_reports_malformed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(name_key) {
                if meta.input.peek(syn::Token![=]) {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.name.get_or_insert(lit);
                } else {
                    out.per_direction.get_or_insert_with(|| meta.path.clone());
                }
            } else if let Some((_, why)) = shape_keys.iter().find(|(k, _)| meta.path.is_ident(k)) {
                out.shape.push((meta.path.clone(), why));
            }
            skip_value(&meta)
        });
    }
    out
}

/// Consumes `= value` or `(…)` after a key so parsing can go on.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}
