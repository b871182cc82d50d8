//! For a person at a terminal: each issue with the source lines around it
//! and the offending field underlined (miette), found by looking the JSON
//! pointer up in the spans recorded while parsing the file
//! ([`asl_types::Json::parse_with_spans`], in the same parse as the checks).

use asl_types::Spans;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::report::Finding;

/// Renders the findings of one file.
pub(crate) struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    pub(crate) fn new(color: bool) -> Renderer {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Renderer {
            handler: GraphicalReportHandler::new_themed(theme).with_context_lines(2),
        }
    }

    /// The findings of `file`, whose source is `text`, one report each.
    pub(crate) fn render(
        &self,
        file: &str,
        text: &str,
        spans: Option<&Spans>,
        findings: &[Finding],
    ) -> String {
        let mut out = String::new();
        for finding in findings {
            let mut diagnostic = MietteDiagnostic::new(finding.issue.message.clone())
                .with_code(finding.issue.rule.id())
                .with_severity(if finding.is_error() {
                    miette::Severity::Error
                } else {
                    miette::Severity::Warning
                });
            let at = match &finding.issue.state {
                Some(state) => format!("state `{state}`, {}", pointer_text(&finding.issue.pointer)),
                None => pointer_text(&finding.issue.pointer),
            };
            diagnostic = diagnostic.with_help(format!("at {at}"));
            if let Some((start, end)) = spans.and_then(|s| span(text, s, &finding.issue.pointer)) {
                diagnostic = diagnostic.with_label(LabeledSpan::new_primary_with_span(
                    None,
                    (start, end - start),
                ));
            }
            let report = miette::Report::new(diagnostic)
                .with_source_code(NamedSource::new(file, text.to_owned()));
            // Writing into a String cannot fail; a rendering problem falls
            // back to the plain line.
            if self
                .handler
                .render_report(&mut out, report.as_ref())
                .is_err()
            {
                out.push_str(&finding.to_string());
            }
            out.push('\n');
        }
        out
    }
}

fn pointer_text(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{pointer}`")
    }
}

/// The byte span to underline for `pointer`: the member's key and value
/// when the value is a scalar, the key alone when it is an object or array
/// (so the underline stays on one line), the deepest part found when the
/// pointer goes on past what is there (a missing field).
pub(crate) fn span(text: &str, spans: &Spans, pointer: &str) -> Option<(usize, usize)> {
    if pointer.is_empty() {
        return None;
    }
    let mut found = pointer;
    let value = loop {
        if let Some(value) = spans.value(found) {
            break value;
        }
        found = &found[..found.rfind('/')?];
    };
    let container = matches!(text.as_bytes().get(value.start), Some(b'{' | b'['));
    let range = match spans.key(found) {
        Some(key) if container => key,
        Some(key) => key.start..value.end,
        None => value,
    };
    Some((range.start, range.end.max(range.start + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn underlined(text: &str, pointer: &str) -> Option<String> {
        let (_, spans) = asl_types::Json::parse_with_spans(text).unwrap();
        span(text, &spans, pointer).map(|(s, e)| text[s..e].to_owned())
    }

    #[test]
    fn pointers_map_to_the_field() {
        let text =
            r#"{"States": {"a/b": {"Next": "X", "Retry": [{"Max": 1}]}, "t~": {"x.$": "$.y"}}}"#;
        assert_eq!(
            underlined(text, "/States/a~1b/Next").unwrap(),
            r#""Next": "X""#
        );
        assert_eq!(
            underlined(text, "/States/a~1b/Retry/0/Max").unwrap(),
            r#""Max": 1"#
        );
        assert_eq!(underlined(text, "/States/a~1b").unwrap(), r#""a/b""#);
        assert_eq!(
            underlined(text, "/States/t~0/x.$").unwrap(),
            r#""x.$": "$.y""#
        );
        assert_eq!(
            underlined(text, "/States/a~1b/Missing").unwrap(),
            r#""a/b""#
        );
        assert_eq!(
            underlined(text, "/States/a~1b/Retry/0").unwrap(),
            r#"{"Max": 1}"#
        );
        assert_eq!(
            underlined(text, "/States/a~1b/Retry/0/Missing").unwrap(),
            r#"{"Max": 1}"#
        );
        assert_eq!(underlined(text, "/Missing").unwrap(), text);
        assert_eq!(underlined(text, ""), None);
    }
}
