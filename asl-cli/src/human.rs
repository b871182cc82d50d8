//! For a person at a terminal: each issue with the source lines around it
//! and the offending field underlined (miette), found by looking the JSON
//! pointer up in the spans recorded while parsing the file
//! ([`asl_types::Json::parse_with_spans`], in the same parse as the checks).

//!
//! Linear in the size of the file plus the number of issues: the line
//! starts and the columns of all issues are found in one pass each, and
//! miette is given only a window of a few short lines around each issue
//! (long lines are cut around the underlined field, with `…`), never the
//! whole file.

use asl_types::Spans;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::report::Finding;

/// Lines shown before and after the underlined one.
const CONTEXT_LINES: usize = 2;
/// The most bytes of a source line shown; longer lines are cut to a window
/// of about this size around the underlined field.
const MAX_LINE: usize = 120;
/// How much of the window is before the field, when a line is cut.
const BEFORE_FIELD: usize = 40;
/// The most bytes of a field underlined (it is cut there).
const MAX_UNDERLINE: usize = 80;

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
            handler: GraphicalReportHandler::new_themed(theme).with_context_lines(CONTEXT_LINES),
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
        let located: Vec<Option<(usize, usize)>> = findings
            .iter()
            .map(|f| spans.and_then(|s| span(text, s, &f.issue.pointer)))
            .collect();
        let lines = LineIndex::new(text);
        let columns = lines.columns(text, located.iter().flatten().map(|&(start, _)| start));
        let mut columns = columns.into_iter();
        let mut out = String::new();
        for (finding, at) in findings.iter().zip(&located) {
            let mut diagnostic = MietteDiagnostic::new(finding.issue.message.clone())
                .with_code(finding.issue.rule.id())
                .with_severity(if finding.is_error() {
                    miette::Severity::Error
                } else {
                    miette::Severity::Warning
                });
            let escape = asl_types::validate::escape_controls;
            let at_text = match &finding.issue.state {
                Some(state) => format!(
                    "state `{}`, {}",
                    escape(state),
                    pointer_text(&finding.issue.pointer)
                ),
                None => pointer_text(&finding.issue.pointer),
            };
            diagnostic = diagnostic.with_help(format!("at {at_text}"));
            let mut report = None;
            if let Some(&(start, end)) = at.as_ref() {
                let column = columns.next().unwrap_or_default();
                let window = Window::new(file, text, &lines, (start, end), column);
                diagnostic =
                    diagnostic.with_label(LabeledSpan::new_primary_with_span(None, window.label));
                report = Some(miette::Report::new(diagnostic.clone()).with_source_code(window));
            }
            let report = report.unwrap_or_else(|| miette::Report::new(diagnostic));
            // Writing into a String cannot fail; a rendering problem falls
            // back to the plain line.
            let mut one = String::new();
            if self
                .handler
                .render_report(&mut one, report.as_ref())
                .is_err()
            {
                one = finding.to_string();
            }
            out.push_str(&one);
            out.push('\n');
        }
        out
    }
}

/// Where each line of a text starts.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 0-based line holding byte `pos`.
    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos) - 1
    }

    /// Byte range of line `line`, without its `\n` or `\r\n`.
    fn range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The 0-based column, in characters, of each of `positions` (in the
    /// order given), counting each character of the text once.
    fn columns(&self, text: &str, positions: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut order: Vec<(usize, usize)> = positions.enumerate().map(|(i, p)| (p, i)).collect();
        let mut columns = vec![0; order.len()];
        order.sort_unstable();
        // (byte, column) of the last position counted, on its line.
        let mut last: Option<(usize, usize)> = None;
        for (pos, i) in order {
            let line_start = self.starts[self.line_of(pos)];
            let (from, column) = match last {
                Some((byte, column)) if byte >= line_start => (byte, column),
                _ => (line_start, 0),
            };
            let column = column
                + text
                    .get(from..pos)
                    .map_or(pos - from, |s| s.chars().count());
            columns[i] = column;
            last = Some((pos, column));
        }
        columns
    }
}

/// The few lines miette is shown for one issue, each cut to a window around
/// the field, and where the field is in them.
struct Window {
    name: String,
    text: String,
    /// 0-based line of the first line of `text` in the file.
    first_line: usize,
    line_count: usize,
    /// The field, in `text`.
    label: SourceSpan,
    /// 0-based line and character column of the field in the file.
    line: usize,
    column: usize,
}

impl Window {
    fn new(
        name: &str,
        text: &str,
        lines: &LineIndex,
        (start, end): (usize, usize),
        column: usize,
    ) -> Window {
        let line = lines.line_of(start);
        let (line_start, line_end) = lines.range(text, line);
        // The field on its first line, at most `MAX_UNDERLINE` bytes of it.
        let end = floor_boundary(text, end.min(line_end).min(start + MAX_UNDERLINE)).max(start);
        // Bytes of each line shown, from the line's start: the whole line
        // when short, else a window around the field.
        let (from, to) = if line_end - line_start <= MAX_LINE {
            (0, MAX_LINE)
        } else {
            let from = (start - line_start).saturating_sub(BEFORE_FIELD);
            (from, (from + MAX_LINE).max(end - line_start))
        };
        let first_line = line.saturating_sub(CONTEXT_LINES);
        let last_line = (line + CONTEXT_LINES).min(lines.starts.len() - 1);
        let mut window = String::new();
        let mut label = (0, 0);
        for l in first_line..=last_line {
            if l > first_line {
                window.push('\n');
            }
            let (ls, le) = lines.range(text, l);
            let a = floor_boundary(text, (ls + from).min(le));
            let b = floor_boundary(text, (ls + to).min(le)).max(a);
            if a > ls {
                window.push('…');
            }
            if l == line {
                let at = window.len() + start.saturating_sub(a);
                label = (at, end.saturating_sub(start).max(1));
            }
            // A lone carriage return would move the cursor.
            window.extend(text[a..b].chars().map(|c| if c == '\r' { ' ' } else { c }));
            if b < le {
                window.push('…');
            }
        }
        Window {
            name: name.to_owned(),
            text: window,
            first_line,
            line_count: last_line - first_line + 1,
            label: label.into(),
            line,
            column,
        }
    }
}

/// The largest character boundary of `text` at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = if before == 0 && after == 0 {
            // The field alone, where it is in the file (for the header).
            let bytes = self
                .text
                .as_bytes()
                .get(span.offset()..span.offset() + span.len())
                .ok_or(MietteError::OutOfBounds)?;
            MietteSpanContents::new_named(
                self.name.clone(),
                bytes,
                *span,
                self.line,
                self.column,
                1,
            )
        } else {
            // The whole window, with the file's line numbers.
            MietteSpanContents::new_named(
                self.name.clone(),
                self.text.as_bytes(),
                (0, self.text.len()).into(),
                self.first_line,
                0,
                self.line_count,
            )
        };
        Ok(Box::new(contents))
    }
}

fn pointer_text(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{}`", asl_types::validate::escape_controls(pointer))
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
