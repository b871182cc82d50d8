//! JSONata expressions: syntax (with the `jsonata` feature) and the
//! `$states.errorOutput` binding.

/// Why the JSONata expression `text` (between `{%` and `%}`) does not
/// parse, if it does not.
#[cfg(feature = "jsonata")]
pub(super) fn syntax_error(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return Some("the expression is empty".to_owned());
    }
    // The parser is third-party code: a panic in it must not take the
    // validator down with it.
    match std::panic::catch_unwind(|| jsonata_core::parser::parse(text).map(|_| ())) {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some("the JSONata parser failed on it".to_owned()),
    }
}

/// Without the `jsonata` feature only emptiness is checked.
#[cfg(not(feature = "jsonata"))]
pub(super) fn syntax_error(text: &str) -> Option<String> {
    text.trim()
        .is_empty()
        .then(|| "the expression is empty".to_owned())
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
        assert_eq!(syntax_error(" $states.input.x + 1 "), None);
        assert_eq!(syntax_error(" $partition($x, 2) "), None);
        assert!(syntax_error(" $sum([1, 2 ").is_some());
        assert!(syntax_error("  ").is_some());
        assert!(syntax_error(&"(".repeat(5000)).is_some());
    }
}
