//! `#[asl(...)]` attributes: keys as constants, parsed with `parse_nested_meta`.

use syn::{Attribute, LitStr};

use crate::ast::Errors;

/// The attribute name.
pub(crate) const ASL: &str = "asl";
/// `#[asl(crate = "path")]` on the type.
pub(crate) const CRATE: &str = "crate";
/// `#[asl(rename = "Key")]` on a field or variant.
pub(crate) const RENAME: &str = "rename";

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
    for attr in attrs.iter().filter(|a| a.path().is_ident(ASL)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(CRATE) {
                let lit: LitStr = meta.value()?.parse()?;
                if out.krate.is_some() {
                    errors.at(&meta.path, "duplicate `#[asl(crate)]` key");
                } else {
                    match lit.parse::<syn::Path>() {
                        Ok(path) => out.krate = Some(path),
                        Err(_) => errors.at(&lit, "`crate` must be a path, e.g. `\"::asl_types\"`"),
                    }
                }
                Ok(())
            } else {
                errors.at(
                    &meta.path,
                    &format!(
                        "unknown `#[asl]` key `{}` on a type; expected `{CRATE}`",
                        path_text(&meta.path)
                    ),
                );
                skip_value(&meta)
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

/// Reads `#[asl(rename = "…")]` on a field (`what` = "field") or variant.
pub(crate) fn member(attrs: &[Attribute], what: &str, errors: &mut Errors) -> MemberAttrs {
    let mut out = MemberAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(ASL)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME) {
                let lit: LitStr = meta.value()?.parse()?;
                if out.rename.is_some() {
                    errors.at(&meta.path, "duplicate `#[asl(rename)]` key");
                } else {
                    out.rename = Some(lit);
                }
                Ok(())
            } else {
                errors.at(
                    &meta.path,
                    &format!(
                        "unknown `#[asl]` key `{}` on a {what}; expected `{RENAME}`",
                        path_text(&meta.path)
                    ),
                );
                skip_value(&meta)
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

/// Consumes `= value` or `(…)` after an unknown key so parsing can go on.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
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
