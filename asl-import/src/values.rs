//! Rust expressions for the leaves: paths, intrinsic calls, JSONata,
//! payloads, numbers, literal JSON. Each form is checked here to give back
//! exactly what was read; when the builder's form would not, the value is
//! parsed from its text (`"…".parse().expect(..)`) so nothing changes.

use asl_types::{
    Argument, Expr, Integer, Intrinsic, IntrinsicFunction, Json, Jsonata, JsonataOr, Nullable,
    Number, Path, Payload, ReferencePath,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::{Gen, Module};

/// A string literal.
pub(crate) fn str_lit(s: &str) -> TokenStream {
    let lit = Literal::string(s);
    quote!(#lit)
}

/// A raw string literal (`r#"…"#`) when `s` has quotes or backslashes, else a plain one.
fn raw_lit(s: &str) -> TokenStream {
    if !s.contains(['"', '\\']) || s.contains('\r') {
        return str_lit(s);
    }
    let mut hashes = String::new();
    while s.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{s}\"{hashes}")
        .parse::<Literal>()
        .map_or_else(|_| str_lit(s), |lit| quote!(#lit))
}

impl Gen {
    /// `"text".parse::<T>().expect(..)`: exact, for values no builder form gives back.
    pub(crate) fn parsed(&mut self, module: Module, ty: &str, text: &str) -> TokenStream {
        self.parses = true;
        let ty = self.name(module, ty);
        let lit = raw_lit(text);
        let what = "read from the definition";
        quote!(#lit.parse::<#ty>().expect(#what))
    }

    /// `path!("…")`.
    pub(crate) fn path(&mut self, path: &Path) -> TokenStream {
        let mac = self.name(Module::Builder, "path");
        let lit = str_lit(&path.to_string());
        quote!(#mac!(#lit))
    }

    /// `ref_path!("…")`.
    pub(crate) fn ref_path(&mut self, path: &ReferencePath) -> TokenStream {
        let mac = self.name(Module::Builder, "ref_path");
        let lit = str_lit(&path.to_string());
        quote!(#mac!(#lit))
    }

    /// A `Nullable<Path>`: `path!(..)` or `Nullable::Null`.
    pub(crate) fn nullable_path(&mut self, path: &Nullable<Path>) -> TokenStream {
        match path {
            Nullable::Null => {
                let n = self.name(Module::Types, "Nullable");
                quote!(#n::Null)
            }
            Nullable::Value(p) => self.path(p),
        }
    }

    /// A `Nullable<ReferencePath>`.
    pub(crate) fn nullable_ref_path(&mut self, path: &Nullable<ReferencePath>) -> TokenStream {
        match path {
            Nullable::Null => {
                let n = self.name(Module::Types, "Nullable");
                quote!(#n::Null)
            }
            Nullable::Value(p) => self.ref_path(p),
        }
    }

    /// `Jsonata::new("…")`, or the text parsed when its spacing is not the builder's.
    pub(crate) fn jsonata(&mut self, j: &Jsonata) -> TokenStream {
        let inner = j.expression();
        if let Some(expr) = inner
            .strip_prefix(' ')
            .and_then(|s| s.strip_suffix(' '))
            .filter(|e| Jsonata::new(e) == *j)
        {
            let ty = self.name(Module::Types, "Jsonata");
            let lit = str_lit(expr);
            quote!(#ty::new(#lit))
        } else {
            self.parsed(Module::Types, "Jsonata", &format!("{{%{inner}%}}"))
        }
    }

    /// A path, intrinsic call or JSONata expression.
    pub(crate) fn expr(&mut self, e: &Expr) -> TokenStream {
        match e {
            Expr::Path(p) => self.path(p),
            Expr::Intrinsic(i) => self.intrinsic(i),
            Expr::Jsonata(j) => self.jsonata(j),
        }
    }

    /// A typed `intrinsic::*` call, or the call parsed when written unlike
    /// the canonical form.
    pub(crate) fn intrinsic(&mut self, call: &Intrinsic) -> TokenStream {
        if Intrinsic::new(call.function().clone(), call.args().to_vec()).to_string()
            == call.to_string()
            && let Some(tokens) = self.typed_call(call)
        {
            return tokens;
        }
        self.parsed(Module::Types, "Intrinsic", &call.to_string())
    }

    fn typed_call(&mut self, call: &Intrinsic) -> Option<TokenStream> {
        use IntrinsicFunction as F;
        let args = call.args();
        let function = call.function();
        let name = match function {
            F::Format => "format",
            F::StringToJson => "string_to_json",
            F::JsonToString => "json_to_string",
            F::Array => "array",
            F::ArrayPartition => "array_partition",
            F::ArrayContains => "array_contains",
            F::ArrayRange => "array_range",
            F::ArrayGetItem => "array_get_item",
            F::ArrayLength => "array_length",
            F::ArrayUnique => "array_unique",
            F::Base64Encode => "base64_encode",
            F::Base64Decode => "base64_decode",
            F::Hash => "hash",
            F::JsonMerge => "json_merge",
            F::MathRandom if args.len() == 3 => "math_random_seeded",
            F::MathRandom => "math_random",
            F::MathAdd => "math_add",
            F::StringSplit => "string_split",
            F::Uuid => "uuid",
            _ => return None,
        };
        let module = self.name(Module::Builder, "intrinsic");
        let f = format_ident!("{name}");
        match function {
            F::Format => {
                let (template, rest) = args.split_first()?;
                let Argument::String(raw) = template else {
                    return None;
                };
                let text = template.decoded()?;
                if Argument::template(&text) != Argument::String(raw.clone()) {
                    return None;
                }
                let lit = str_lit(&text);
                let rest = self.arg_list(rest)?;
                Some(quote!(#module::#f(#lit, #rest)))
            }
            F::Array => {
                let list = self.arg_list(args)?;
                Some(quote!(#module::#f(#list)))
            }
            F::JsonMerge => {
                // The builder writes the third argument, `false` (all AWS accepts).
                let [a, b, Argument::Bool(false)] = args else {
                    return None;
                };
                let a = self.arg(a, false)?;
                let b = self.arg(b, false)?;
                Some(quote!(#module::#f(#a, #b)))
            }
            _ => {
                let args = args
                    .iter()
                    .map(|a| self.arg(a, false))
                    .collect::<Option<Vec<_>>>()?;
                Some(quote!(#module::#f(#(#args),*)))
            }
        }
    }

    /// The arguments of a variadic call, as an array: `[a, b]` when they
    /// convert alike, else `[Arg::from(a), …]`; `[] as [Arg; 0]` when empty.
    fn arg_list(&mut self, args: &[Argument]) -> Option<TokenStream> {
        let arg = self.name(Module::Builder, "intrinsic");
        if args.is_empty() {
            return Some(quote!([] as [#arg::Arg; 0]));
        }
        let same = args
            .windows(2)
            .all(|w| std::mem::discriminant(&w[0]) == std::mem::discriminant(&w[1]))
            && !matches!(
                args[0],
                Argument::Null | Argument::Call(_) | Argument::Number(_)
            );
        let items = args
            .iter()
            .map(|a| self.arg(a, !same))
            .collect::<Option<Vec<_>>>()?;
        Some(quote!([#(#items),*]))
    }

    /// One argument: a path, a call, a string, a number, a bool, `Arg::NULL`.
    fn arg(&mut self, a: &Argument, wrap: bool) -> Option<TokenStream> {
        let module = self.name(Module::Builder, "intrinsic");
        let tokens = match a {
            Argument::Null => return Some(quote!(#module::Arg::NULL)),
            Argument::Path(p) => self.path(p),
            Argument::Call(c) => self.intrinsic(c),
            Argument::Bool(b) => quote!(#b),
            Argument::Number(n) => match n.as_i64().filter(|i| Number::from(*i) == *n) {
                Some(i) => int_lit(i),
                None => self.parsed(Module::Types, "Number", n.as_str()),
            },
            Argument::String(raw) => {
                let text = a.decoded()?;
                if Argument::literal(&text) == Argument::String(raw.clone()) {
                    str_lit(&text)
                } else {
                    let arg = self.name(Module::Types, "Argument");
                    let lit = str_lit(raw);
                    quote!(#arg::String(#lit.to_owned()))
                }
            }
        };
        Some(if wrap {
            quote!(#module::Arg::from(#tokens))
        } else {
            tokens
        })
    }

    /// A `JsonataOr<Integer>` for a setter taking `impl Into<JsonataOr<Integer>>`.
    pub(crate) fn integer_or_jsonata(&mut self, v: &JsonataOr<Integer>) -> Option<TokenStream> {
        match v {
            JsonataOr::Literal(i) => integer(*i),
            JsonataOr::Jsonata(j) => Some(self.jsonata(j)),
        }
    }

    /// A `JsonataOr<String>` for a setter taking `impl Into<JsonataOr<String>>`.
    pub(crate) fn string_or_jsonata(&mut self, v: &JsonataOr<String>) -> TokenStream {
        match v {
            JsonataOr::Literal(s) => str_lit(s),
            JsonataOr::Jsonata(j) => self.jsonata(j),
        }
    }

    /// A `Number`: `Number::from(5)` for an integer, the text parsed otherwise.
    pub(crate) fn number(&mut self, n: &Number) -> TokenStream {
        match n.as_i64().filter(|i| Number::from(*i) == *n) {
            Some(i) => {
                let ty = self.name(Module::Types, "Number");
                let lit = int_lit(i);
                quote!(#ty::from(#lit))
            }
            None => self.parsed(Module::Types, "Number", n.as_str()),
        }
    }

    /// A number for `impl IntoNumber` (`BackoffRate`, numeric comparisons):
    /// an integer or float literal when it prints back as written.
    pub(crate) fn number_arg(&mut self, n: &Number) -> TokenStream {
        if let Some(i) = n.as_i64().filter(|i| Number::from(*i) == *n) {
            return int_lit(i);
        }
        if let Some(f) = n.as_f64()
            && Number::from_f64(f).is_some_and(|back| back == *n)
        {
            let lit = Literal::f64_unsuffixed(f);
            return quote!(#lit);
        }
        self.parsed(Module::Types, "Number", n.as_str())
    }

    /// A payload template: `Payload::object().with(..)`, literals, paths, calls.
    pub(crate) fn payload(&mut self, p: &Payload) -> TokenStream {
        match p {
            Payload::Null => {
                let ty = self.name(Module::Types, "Payload");
                quote!(#ty::Null)
            }
            Payload::Bool(b) => quote!(#b),
            Payload::Number(n) => match n.as_i64().filter(|i| Number::from(*i) == *n) {
                Some(i) => int_lit(i),
                None => self.parsed(Module::Types, "Number", n.as_str()),
            },
            Payload::String(s) => str_lit(s),
            Payload::Array(items) => {
                let ty = self.name(Module::Types, "Payload");
                let items: Vec<TokenStream> = items.iter().map(|i| self.payload_item(i)).collect();
                if items.is_empty() {
                    quote!(#ty::Array(Vec::new()))
                } else {
                    quote!(#ty::Array(Vec::from([#(#items),*])))
                }
            }
            Payload::Object(members) => {
                let ty = self.name(Module::Types, "Payload");
                let withs: Vec<TokenStream> = members
                    .iter()
                    .map(|(k, v)| {
                        let k = str_lit(k);
                        let v = self.payload(v);
                        quote!(.with(#k, #v))
                    })
                    .collect();
                quote!(#ty::object() #(#withs)*)
            }
            Payload::Expr(e) => self.expr(e),
        }
    }

    /// A payload expression of type `Payload` (for a field assigned directly).
    pub(crate) fn payload_value(&mut self, p: &Payload) -> TokenStream {
        self.payload_item(p)
    }

    /// A payload as an array element (a `Payload`, not `impl Into<Payload>`).
    fn payload_item(&mut self, p: &Payload) -> TokenStream {
        let inner = self.payload(p);
        match p {
            Payload::Null | Payload::Array(_) | Payload::Object(_) => inner,
            _ => {
                let ty = self.name(Module::Types, "Payload");
                quote!(#ty::from(#inner))
            }
        }
    }

    /// Literal JSON (`Result`): scalars directly, objects and arrays parsed from their text.
    pub(crate) fn json(&mut self, json: &Json) -> TokenStream {
        match json {
            Json::String(s) => str_lit(s),
            Json::Bool(b) => quote!(#b),
            Json::Number(n) => self.number(n),
            Json::Null => {
                let ty = self.name(Module::Types, "Json");
                quote!(#ty::Null)
            }
            Json::Array(_) | Json::Object(_) => {
                let text = serde_json::to_string(json).unwrap_or_default();
                self.parsed(Module::Types, "Json", &text)
            }
        }
    }
}

/// An integer literal: unsuffixed in `i32` range (so it fits any integer
/// `impl Into`), `i64`-suffixed beyond.
pub(crate) fn int_lit(i: i64) -> TokenStream {
    int_lit_typed(i, i32::try_from(i).is_err())
}

/// An integer literal, `i64`-suffixed when `long`, digits grouped by three.
pub(crate) fn int_lit_typed(i: i64, long: bool) -> TokenStream {
    let suffix = if long { "_i64" } else { "" };
    let digits = i.unsigned_abs().to_string();
    // `100_000`, as people write it (clippy's `unreadable_literal`).
    let grouped = if digits.len() > 4 {
        let mut out = String::new();
        for (n, c) in digits.chars().enumerate() {
            if n > 0 && (digits.len() - n).is_multiple_of(3) {
                out.push('_');
            }
            out.push(c);
        }
        out
    } else {
        digits
    };
    let text = format!("{}{grouped}{suffix}", if i < 0 { "-" } else { "" });
    text.parse::<TokenStream>().unwrap_or_else(|_| {
        let lit = Literal::i64_suffixed(i);
        quote!(#lit)
    })
}

/// An integer literal for an `impl Into<…>` that takes `i32` (and `i64`
/// beyond it); `None` for `-0`.
pub(crate) fn integer(i: Integer) -> Option<TokenStream> {
    if i.is_negative_zero() {
        return None;
    }
    Some(int_lit(i.get()))
}
