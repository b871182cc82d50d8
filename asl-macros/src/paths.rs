//! `path!` and `ref_path!`: a path literal parsed at compile time by the
//! same function `asl_types::Path::from_str` calls (`asl_syntax::parse_path`),
//! expanded to the parts it gave, so nothing is parsed again at run time.

use asl_syntax::{NOT_A_REFERENCE_PATH, PathRoot, Segment, parse_path};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::LitStr;

/// What the macro expands to.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// `asl_builder::types::Path`.
    Path,
    /// `asl_builder::types::ReferencePath`.
    Reference,
}

impl Kind {
    fn macro_name(self) -> &'static str {
        match self {
            Kind::Path => "path",
            Kind::Reference => "ref_path",
        }
    }
}

/// Expands `path!("…")` / `ref_path!("…")`, or says why the literal is not a
/// path, on the literal.
pub(crate) fn expand(input: TokenStream, kind: Kind) -> syn::Result<TokenStream> {
    let literal: LitStr = syn::parse2(input).map_err(|e| {
        let name = kind.macro_name();
        syn::Error::new(
            e.span(),
            format!("`{name}!` takes one string literal, as in `{name}!(\"$.job.name\")`"),
        )
    })?;
    let text = literal.value();
    let parsed = parse_path(&text).map_err(|reason| {
        syn::Error::new(
            literal.span(),
            format!("`{text}` is not a valid path: {reason}"),
        )
    })?;
    if matches!(kind, Kind::Reference) && !parsed.is_reference() {
        return Err(syn::Error::new(
            literal.span(),
            format!(
                "`{text}` is not a Reference Path: {NOT_A_REFERENCE_PATH}; `path!` takes any path"
            ),
        ));
    }
    let krate = quote!(::asl_builder);
    let types = quote!(#krate::types);
    let root = match &parsed.root {
        PathRoot::Input => quote!(#types::PathRoot::Input),
        PathRoot::Context => quote!(#types::PathRoot::Context),
        PathRoot::Variable(name) => {
            quote!(#types::PathRoot::Variable(::std::string::String::from(#name)))
        }
    };
    let segments = parsed.segments.iter().map(|segment| match segment {
        Segment::Field(name) => {
            quote!(#types::Segment::Field(::std::string::String::from(#name)))
        }
        Segment::Index(i) => {
            let i = Literal::u64_suffixed(*i);
            quote!(#types::Segment::Index(#i))
        }
        Segment::Wildcard => quote!(#types::Segment::Wildcard),
        Segment::Descendant => quote!(#types::Segment::Descendant),
        Segment::Selector(s) => {
            quote!(#types::Segment::Selector(::std::string::String::from(#s)))
        }
    });
    let constructor = match kind {
        Kind::Path => quote!(path),
        Kind::Reference => quote!(reference_path),
    };
    Ok(quote! {
        #krate::__private::#constructor(#text, #root, ::std::vec![#(#segments),*])
    })
}
