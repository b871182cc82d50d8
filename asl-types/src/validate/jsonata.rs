//! JSONata expressions: syntax (with the `jsonata` feature) and the
//! `$states.errorOutput` binding.

/// The words of jsonata-core's stack guard: a limit of that parser (1,000
/// levels of its own recursion), not one AWS documents; the reference
/// implementation (jsonata-js) parses such expressions.
#[cfg(feature = "jsonata")]
const PARSER_DEPTH_GUARD: &str = "maximum expression nesting depth";

/// What the JSONata parser says of an expression it does not accept.
pub(super) enum NotParsed {
    /// It does not parse: why.
    Invalid(String),
    /// It nests deeper than the parser goes: not checked (only the parser
    /// of the `jsonata` feature says so).
    #[cfg_attr(not(feature = "jsonata"), allow(dead_code))]
    TooDeep,
}

/// Why the JSONata expression `text` (between `{%` and `%}`) does not
/// parse, if it does not.
#[cfg(feature = "jsonata")]
pub(super) fn syntax_error(text: &str) -> Option<NotParsed> {
    if text.trim().is_empty() {
        return Some(NotParsed::Invalid("the expression is empty".to_owned()));
    }
    // The parser is third-party code: a panic in it must not take the
    // validator down with it.
    match std::panic::catch_unwind(|| jsonata_core::parser::parse(text).map(|_| ())) {
        Ok(Ok(())) => None,
        Ok(Err(e)) => {
            let message = e.to_string();
            Some(if message.contains(PARSER_DEPTH_GUARD) {
                NotParsed::TooDeep
            } else {
                NotParsed::Invalid(message)
            })
        }
        Err(_) => Some(NotParsed::Invalid(
            "the JSONata parser failed on it".to_owned(),
        )),
    }
}

/// Without the `jsonata` feature only emptiness is checked.
#[cfg(not(feature = "jsonata"))]
pub(super) fn syntax_error(text: &str) -> Option<NotParsed> {
    text.trim()
        .is_empty()
        .then(|| NotParsed::Invalid("the expression is empty".to_owned()))
}

/// Whether `text` reads `$states.errorOutput` (spaces around the dot
/// allowed, as JSONata allows them).
pub(super) fn mentions_error_output(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find("$states") {
        let after = rest[i + "$states".len()..].trim_start();
        if let Some(field) = after.strip_prefix('.')
            && field.trim_start().starts_with("errorOutput")
        {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_error_output() {
        assert!(mentions_error_output(" $states.errorOutput.Cause "));
        assert!(mentions_error_output("$x & $states . errorOutput"));
        assert!(!mentions_error_output("$states.input.errorOutput"));
        assert!(!mentions_error_output("$statesX.errorOutput"));
        assert!(!mentions_error_output("$states.result"));
    }

    #[cfg(feature = "jsonata")]
    #[test]
    fn parses_jsonata() {
        let invalid = |text: &str| matches!(syntax_error(text), Some(NotParsed::Invalid(_)));
        assert!(syntax_error(" $states.input.x + 1 ").is_none());
        assert!(syntax_error(" $partition($x, 2) ").is_none());
        assert!(invalid(" $sum([1, 2 "));
        assert!(invalid("  "));
        assert!(syntax_error(&"(".repeat(5000)).is_some());
        // jsonata-core's own stack guard is not a syntax error (issue 9).
        let sum = vec!["1"; 501].join("+");
        assert!(matches!(syntax_error(&sum), Some(NotParsed::TooDeep)));
        assert!(syntax_error(&vec!["1"; 400].join("+")).is_none());
    }
}
