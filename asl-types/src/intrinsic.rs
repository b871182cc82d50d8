//! Intrinsic function calls (`States.Format('{}', $.x)`), parsed into a tree
//! and printed back exactly as written.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::json::Number;
use crate::path::Path;

macro_rules! functions {
    ($($variant:ident => $name:literal, $min:expr, $max:expr;)*) => {
        /// One of the `States.*` intrinsic functions.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum IntrinsicFunction {
            $(#[doc = concat!("`States.", $name, "`")] $variant,)*
            /// A `States.` name AWS does not define (the validator reports it).
            Unknown(String),
        }

        impl IntrinsicFunction {
            /// All 18 functions.
            pub const ALL: &'static [IntrinsicFunction] = &[$(IntrinsicFunction::$variant,)*];

            /// The name after `States.`.
            pub fn name(&self) -> &str {
                match self {
                    $(IntrinsicFunction::$variant => $name,)*
                    IntrinsicFunction::Unknown(name) => name,
                }
            }

            /// How many arguments it takes: minimum and maximum (`None`: any).
            pub fn arity(&self) -> Option<(usize, Option<usize>)> {
                match self {
                    $(IntrinsicFunction::$variant => Some(($min, $max)),)*
                    IntrinsicFunction::Unknown(_) => None,
                }
            }

            fn from_name(name: &str) -> Self {
                match name {
                    $($name => IntrinsicFunction::$variant,)*
                    other => IntrinsicFunction::Unknown(other.to_owned()),
                }
            }
        }
    };
}

functions! {
    Format => "Format", 1, None;
    StringToJson => "StringToJson", 1, Some(1);
    JsonToString => "JsonToString", 1, Some(1);
    Array => "Array", 0, None;
    ArrayPartition => "ArrayPartition", 2, Some(2);
    ArrayContains => "ArrayContains", 2, Some(2);
    ArrayRange => "ArrayRange", 3, Some(3);
    ArrayGetItem => "ArrayGetItem", 2, Some(2);
    ArrayLength => "ArrayLength", 1, Some(1);
    ArrayUnique => "ArrayUnique", 1, Some(1);
    Base64Encode => "Base64Encode", 1, Some(1);
    Base64Decode => "Base64Decode", 1, Some(1);
    Hash => "Hash", 2, Some(2);
    JsonMerge => "JsonMerge", 3, Some(3);
    MathRandom => "MathRandom", 2, Some(3);
    MathAdd => "MathAdd", 2, Some(2);
    StringSplit => "StringSplit", 2, Some(2);
    Uuid => "UUID", 0, Some(0);
}

/// An argument of an intrinsic function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Argument {
    /// `'text'`: the text between the quotes *as written*, escapes kept, so
    /// that `\{` (a literal brace) stays distinct from `{}` (a
    /// `States.Format` placeholder). [`Argument::decoded`] gives the value;
    /// [`Argument::literal`] and [`Argument::template`] build one.
    String(String),
    /// A number literal.
    Number(Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path: `$.x`, `$$.Execution.Id`, `$var`.
    Path(Path),
    /// A nested call.
    Call(Intrinsic),
}

impl Argument {
    /// A string argument standing for exactly `value`: quotes, braces and
    /// backslashes are escaped.
    pub fn literal(value: &str) -> Argument {
        Argument::String(escape(value, &['\'', '{', '}', '\\']))
    }

    /// A `States.Format` template: `{}` stays a placeholder; quotes and
    /// backslashes are escaped.
    pub fn template(text: &str) -> Argument {
        Argument::String(escape(text, &['\'', '\\']))
    }

    /// The value of a string argument, escapes decoded.
    pub fn decoded(&self) -> Option<String> {
        let Argument::String(raw) = self else {
            return None;
        };
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            out.push(if c == '\\' {
                chars.next().unwrap_or('\\')
            } else {
                c
            });
        }
        Some(out)
    }
}

fn escape(value: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A call of a `States.*` intrinsic function.
///
/// ```
/// use asl_types::{Argument, Intrinsic, IntrinsicFunction};
/// let text = r"States.Format('Hello, {} \'{}\'', $.name, States.UUID())";
/// let call: Intrinsic = text.parse().unwrap();
/// assert_eq!(call.function(), &IntrinsicFunction::Format);
/// assert_eq!(call.args()[0], Argument::String(r"Hello, {} \'{}\'".into()));
/// assert_eq!(call.args()[0].decoded().unwrap(), "Hello, {} '{}'");
/// assert_eq!(call.depth(), 2);
/// assert_eq!(call.to_string(), text);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Intrinsic {
    function: IntrinsicFunction,
    args: Vec<Argument>,
    text: String,
}

/// An intrinsic function call that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid intrinsic function call: {reason} (at byte {offset})")]
pub struct InvalidIntrinsic {
    text: String,
    reason: String,
    offset: usize,
}

impl Intrinsic {
    /// A call of `function` with `args`, written in the canonical form
    /// (`States.Name(a, b)`).
    pub fn new(function: IntrinsicFunction, args: Vec<Argument>) -> Intrinsic {
        let mut text = format!("States.{}(", function.name());
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            write_arg(&mut text, arg);
        }
        text.push(')');
        Intrinsic {
            function,
            args,
            text,
        }
    }

    /// Which function is called.
    pub fn function(&self) -> &IntrinsicFunction {
        &self.function
    }

    /// The arguments.
    pub fn args(&self) -> &[Argument] {
        &self.args
    }

    /// The call as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How deeply calls nest: 1 for a call without nested calls.
    pub fn depth(&self) -> usize {
        1 + self
            .args
            .iter()
            .map(|a| match a {
                Argument::Call(c) => c.depth(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// Whether `text` looks like a call (starts with `States.`), so a parse
    /// error should be reported as an intrinsic error rather than a path one.
    pub fn looks_like_call(text: &str) -> bool {
        text.trim_start().starts_with("States.")
    }
}

fn write_arg(out: &mut String, arg: &Argument) {
    match arg {
        Argument::String(raw) => {
            out.push('\'');
            out.push_str(raw);
            out.push('\'');
        }
        Argument::Number(n) => out.push_str(n.as_str()),
        Argument::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Argument::Null => out.push_str("null"),
        Argument::Path(p) => out.push_str(p.as_str()),
        Argument::Call(c) => out.push_str(c.as_str()),
    }
}

/// How deep nested calls may go before parsing stops (AWS allows 10; the
/// validator reports more than 10, this only guards the stack).
const MAX_PARSE_DEPTH: usize = 64;

struct Parser<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Parser<'t> {
    fn fail<T>(&self, reason: impl Into<String>) -> Result<T, InvalidIntrinsic> {
        Err(InvalidIntrinsic {
            text: self.text.to_owned(),
            reason: reason.into(),
            offset: self.pos,
        })
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn call(&mut self, depth: usize) -> Result<Intrinsic, InvalidIntrinsic> {
        if depth > MAX_PARSE_DEPTH {
            return self.fail("calls nest too deeply");
        }
        let start = self.pos;
        if !self.rest().starts_with("States.") {
            return self.fail("expected `States.`");
        }
        self.pos += "States.".len();
        let name_len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        if name_len == 0 {
            return self.fail("expected a function name after `States.`");
        }
        let name = &self.rest()[..name_len];
        self.pos += name_len;
        self.skip_ws();
        if !self.eat('(') {
            return self.fail("expected `(`");
        }
        let mut args = Vec::new();
        self.skip_ws();
        if !self.eat(')') {
            loop {
                self.skip_ws();
                args.push(self.argument(depth)?);
                self.skip_ws();
                if self.eat(',') {
                    continue;
                }
                if self.eat(')') {
                    break;
                }
                return self.fail("expected `,` or `)`");
            }
        }
        Ok(Intrinsic {
            function: IntrinsicFunction::from_name(name),
            args,
            text: self.text[start..self.pos].to_owned(),
        })
    }

    fn argument(&mut self, depth: usize) -> Result<Argument, InvalidIntrinsic> {
        let rest = self.rest();
        if rest.starts_with('\'') {
            return self.string().map(Argument::String);
        }
        if rest.starts_with("States.") {
            return self.call(depth + 1).map(Argument::Call);
        }
        if rest.starts_with('$') {
            let len = path_len(rest);
            let text = rest[..len].trim_end();
            let path: Path = match text.parse() {
                Ok(p) => p,
                Err(e) => return self.fail(e.to_string()),
            };
            self.pos += text.len();
            return Ok(Argument::Path(path));
        }
        let len = rest
            .find(|c: char| c == ',' || c == ')' || c.is_whitespace())
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let arg = match word {
            "true" => Argument::Bool(true),
            "false" => Argument::Bool(false),
            "null" => Argument::Null,
            "" => return self.fail("expected an argument"),
            _ => match word.parse::<Number>() {
                Ok(n) => Argument::Number(n),
                Err(_) => return self.fail(format!("`{word}` is not an argument")),
            },
        };
        self.pos += len;
        Ok(arg)
    }

    /// Reads `'…'`, checking its escapes; returns the text between the quotes.
    fn string(&mut self) -> Result<String, InvalidIntrinsic> {
        self.pos += 1;
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\'' => {
                    let raw = self.rest()[..i].to_owned();
                    self.pos += i + 1;
                    return Ok(raw);
                }
                '\\' if matches!(chars.next(), Some((_, '\'' | '{' | '}' | '\\'))) => {}
                '\\' => {
                    self.pos += i;
                    return self.fail(r"only `\'`, `\{`, `\}` and `\\` escapes are allowed");
                }
                _ => {}
            }
        }
        self.fail("unclosed string")
    }
}

/// The length of a path argument: up to `,` or `)` outside brackets, quotes
/// and parentheses.
fn path_len(rest: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '[' | '(' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ')' | ',' if depth == 0 => return i,
            ')' => depth -= 1,
            _ => {}
        }
    }
    rest.len()
}

impl FromStr for Intrinsic {
    type Err = InvalidIntrinsic;
    fn from_str(text: &str) -> Result<Self, InvalidIntrinsic> {
        let mut p = Parser { text, pos: 0 };
        let call = p.call(0)?;
        if p.pos != text.len() {
            return p.fail("unexpected text after the call");
        }
        Ok(call)
    }
}

impl fmt::Display for Intrinsic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Intrinsic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        for ok in [
            "States.UUID()",
            "States.Array()",
            "States.Array(1, -2.5, 1e3, true, false, null)",
            "States.Format('{} and {}',$.a,$$.Execution.Id)",
            r"States.Format('it\'s \{literal\} \\ {}', $var.x)",
            "States.ArrayGetItem(States.Array(1,2,3), States.MathAdd(1, 1))",
            "States.JsonMerge($.a, $.b, false)",
            "States.Hash($.data, 'SHA-256')",
            "States.ArrayContains($.items[?(@.a, 1)], 'x')",
            "States.Format('{}', $['a,b'])",
            "States.MathRandom(1, 100, 42)",
            "States.Unheard(1)",
        ] {
            let call: Intrinsic = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(call.to_string(), ok);
        }
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "States.",
            "States.Format",
            "States.Format(",
            "States.Format('a'",
            "States.Format('a',)",
            "States.Format(,)",
            r"States.Format('\n')",
            "States.Format('a') x",
            "Format('a')",
            "States.Format(abc)",
            "States.Format($.)",
        ] {
            assert!(bad.parse::<Intrinsic>().is_err(), "{bad} parsed");
        }
        let deep = format!("{}{}", "States.Array(".repeat(1000), ")".repeat(1000));
        assert!(deep.parse::<Intrinsic>().is_err());
    }

    #[test]
    fn canonical_construction() {
        let call = Intrinsic::new(
            IntrinsicFunction::Format,
            vec![
                Argument::literal("a'{}"),
                Argument::Path("$.x".parse().unwrap()),
            ],
        );
        assert_eq!(call.to_string(), r"States.Format('a\'\{\}', $.x)");
        assert_eq!(call.args()[0].decoded().unwrap(), "a'{}");
        let template = Intrinsic::new(
            IntrinsicFunction::Format,
            vec![
                Argument::template("job-{}"),
                Argument::Path("$.id".parse().unwrap()),
            ],
        );
        assert_eq!(template.to_string(), "States.Format('job-{}', $.id)");
        let parsed: Intrinsic = r"States.Format('\{\} {}', $.a)".parse().unwrap();
        assert_ne!(parsed.args()[0], Argument::template("{} {}"));
        assert_eq!(call, call.to_string().parse().unwrap());
        let nested: Intrinsic = "States.Array(States.Array(States.Array()))"
            .parse()
            .unwrap();
        assert_eq!(nested.depth(), 3);
        assert_eq!(IntrinsicFunction::ALL.len(), 18);
    }
}
