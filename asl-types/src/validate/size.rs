//! The size of the serialized definition, without building the string.
//!
//! [`write_out`] has `serde_json` write the compact JSON into a writer that
//! only counts bytes; its [`Formatter`] hook sees each run of a string's
//! text (between escapes) and notes whether `${` occurs. `serde_json` keeps
//! every rule of spelling (escapes, numbers, raw values); the test below
//! holds the count to `serde_json::to_string` on every definition of the
//! corpus and examples.

use std::io;

use serde_json::ser::{CompactFormatter, Formatter, Serializer};

use crate::machine::StateMachine;

/// What writing the definition out showed, without keeping the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    /// The length in bytes of the compact JSON.
    pub(super) len: usize,
    /// Whether the text has `${` anywhere: without it no string of the
    /// definition holds a `${…}` placeholder, and the placeholder policy
    /// has nothing to look at.
    pub(super) placeholder: bool,
}

/// The length and placeholder mark of the compact JSON of `machine`, or
/// `None` when it cannot be written (a path where no `.$` key can carry it).
pub(super) fn write_out(machine: &StateMachine) -> Option<Written> {
    let mut len = Count(0);
    let mut marks = Marks {
        placeholder: false,
        after_dollar: false,
    };
    serde::Serialize::serialize(
        machine,
        &mut Serializer::with_formatter(&mut len, &mut marks),
    )
    .ok()?;
    Some(Written {
        len: len.0,
        placeholder: marks.placeholder,
    })
}

/// A writer that counts the bytes written to it.
struct Count(usize);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The compact formatter, watching the text of strings for `${`.
struct Marks {
    placeholder: bool,
    /// Whether the string's text so far ends with `$` (a `Display` value
    /// may write `$` and `{` as two runs).
    after_dollar: bool,
}

impl Formatter for &mut Marks {
    fn begin_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.after_dollar = false;
        CompactFormatter.begin_string(writer)
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !self.placeholder && !fragment.is_empty() {
            let bytes = fragment.as_bytes();
            self.placeholder =
                (self.after_dollar && bytes[0] == b'{') || bytes.windows(2).any(|w| w == b"${");
            self.after_dollar = bytes[bytes.len() - 1] == b'$';
        }
        writer.write_all(fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        // An escaped character is neither `$` nor `{`.
        self.after_dollar = false;
        CompactFormatter.write_char_escape(writer, char_escape)
    }
}

#[cfg(test)]
mod tests {
    //! The count against what `serde_json` writes, on every definition of
    //! the corpus and the examples, and on strings and numbers chosen for
    //! their escapes and spellings.

    use super::{Written, write_out};
    use crate::machine::StateMachine;

    fn expected(machine: &StateMachine) -> Option<Written> {
        let text = serde_json::to_string(machine).ok()?;
        Some(Written {
            len: text.len(),
            placeholder: text.contains("${"),
        })
    }

    #[test]
    fn counts_what_serde_json_writes_for_every_corpus_and_example_definition() {
        let paths =
            crate::test_files::json_files(&["tests/corpus", "../examples", "../asl-import/tests"]);
        let mut checked = 0;
        for path in &paths {
            let Some(machine) = std::fs::read(path)
                .ok()
                .and_then(|bytes| StateMachine::from_slice(&bytes).ok())
            else {
                continue;
            };
            assert_eq!(
                write_out(&machine),
                expected(&machine),
                "{}",
                path.display()
            );
            checked += 1;
        }
        assert!(checked > 80, "{checked} definitions");
    }

    #[test]
    fn counts_escapes_numbers_and_placeholders() {
        let strings = [
            "plain",
            "quote \" and backslash \\",
            "tab\tnew line\ncarriage\rback\u{8}feed\u{c}",
            "controls \u{0}\u{1}\u{1f}\u{7f}",
            "unicode é ✓ 🦀",
            "${placeholder}",
            "$ {not one}",
            "ends with $",
        ];
        let numbers = [
            "0",
            "-0",
            "7",
            "-42",
            "1e400",
            "1.5",
            "2.0",
            "0.1",
            "1E3",
            "-0.0",
            "123456789012345678901234567890",
            "9223372036854775807",
            "18446744073709551615",
            "1.7976931348623157e308",
        ];
        for (i, s) in strings.iter().enumerate() {
            for n in numbers {
                let name = serde_json::to_string(s).unwrap();
                let text = format!(
                    r#"{{"Comment": {name}, "StartAt": {name}, "States": {{{name}: {{"Type": "Pass", "Result": {{"n": {n}, "list": [{n}, true, null, {name}], "Key.$": "$.x"}}, "Parameters": {{"p{i}.$": "States.Format('{{}}', $.a)", "q": {name}}}, "End": true}}}}}}"#
                );
                let machine: StateMachine = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(write_out(&machine), expected(&machine), "{text}");
            }
        }
    }
}
