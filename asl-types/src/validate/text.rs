//! Messages stay one bounded line: control characters are escaped and
//! long quoted values are cut.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The most characters of a value quoted in backticks in a message; longer
/// ones are cut there and end in `…`.
pub const MAX_QUOTED_CHARS: usize = 120;

/// Whether `c` would break a line or move the cursor when printed: C0 and C1
/// control characters, DEL, and the Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// `text` with its control characters escaped as JSON writes them (`\n`,
/// `\r`, `\t`, `\u0007`), so it prints on one line.
///
/// ```
/// use asl_types::validate::escape_controls;
/// assert_eq!(escape_controls("A\nB\u{7}"), "A\\nB\\u0007");
/// assert_eq!(escape_controls("plain"), "plain");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message as an issue keeps it: control characters escaped, and each
/// part quoted in backticks cut to [`MAX_QUOTED_CHARS`] characters and `…`.
pub(super) fn bounded_message(message: String) -> String {
    let long_quote = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|q| q.len() > MAX_QUOTED_CHARS);
    let message = if long_quote {
        let mut out = String::with_capacity(4 * MAX_QUOTED_CHARS);
        for (i, part) in message.split('`').enumerate() {
            if i > 0 {
                out.push('`');
            }
            match part.char_indices().nth(MAX_QUOTED_CHARS) {
                Some((cut, _)) if i % 2 == 1 => {
                    out.push_str(&part[..cut]);
                    out.push('…');
                }
                _ => out.push_str(part),
            }
        }
        out
    } else {
        message
    };
    match escape_controls(&message) {
        Cow::Borrowed(_) => message,
        Cow::Owned(escaped) => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_and_controls_escaped() {
        let long = "x".repeat(1000);
        let message = bounded_message(format!("`{long}` is not `ok\n` here"));
        assert_eq!(
            message,
            format!("`{}…` is not `ok\\n` here", "x".repeat(MAX_QUOTED_CHARS))
        );
        let short = "`a` and `b`".to_owned();
        assert_eq!(bounded_message(short.clone()), short);
        // Multi-byte characters are cut on a character boundary.
        let wide = "é".repeat(200);
        assert_eq!(
            bounded_message(format!("`{wide}`")),
            format!("`{}…`", "é".repeat(MAX_QUOTED_CHARS))
        );
        assert_eq!(
            escape_controls("\u{85}\u{2028}\u{7f}"),
            "\\u0085\\u2028\\u007f"
        );
    }
}
