//! For a person at a terminal: each issue with the source lines around it
//! and the offending field underlined (miette), found by following the
//! JSON pointer through a span-keeping parse of the file (jsonc-parser,
//! strict JSON).

use jsonc_parser::ast::{ObjectProp, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::report::Finding;

/// Strict JSON: no comments, trailing commas or other JSON5 leniency.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

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
    pub(crate) fn render(&self, file: &str, text: &str, findings: &[Finding]) -> String {
        let ast = parse_to_ast(text, &CollectOptions::default(), &strict())
            .ok()
            .and_then(|r| r.value);
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
            if let Some((start, end)) = ast.as_ref().and_then(|v| span(v, &finding.issue.pointer)) {
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
pub(crate) fn span(root: &Value<'_>, pointer: &str) -> Option<(usize, usize)> {
    if pointer.is_empty() {
        return None;
    }
    let mut here = root;
    let mut via: Option<&ObjectProp<'_>> = None;
    for raw in pointer.strip_prefix('/')?.split('/') {
        let key = raw.replace("~1", "/").replace("~0", "~");
        let next = match here {
            Value::Object(o) => o
                .properties
                .iter()
                .find(|p| p.name.as_str() == key)
                .map(|p| (Some(p), &p.value)),
            Value::Array(a) => key
                .parse::<usize>()
                .ok()
                .and_then(|i| a.elements.get(i))
                .map(|v| (None, v)),
            _ => None,
        };
        match next {
            Some((prop, value)) => {
                via = prop;
                here = value;
            }
            None => break,
        }
    }
    let range = match (via, here) {
        (Some(prop), Value::Object(_) | Value::Array(_)) => prop.name.range(),
        (Some(prop), _) => prop.range,
        (None, value) => value.range(),
    };
    Some((range.start, range.end.max(range.start + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn underlined(text: &str, pointer: &str) -> Option<String> {
        let ast = parse_to_ast(text, &CollectOptions::default(), &strict())
            .unwrap()
            .value
            .unwrap();
        span(&ast, pointer).map(|(s, e)| text[s..e].to_owned())
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
        assert_eq!(underlined(text, ""), None);
    }
}
