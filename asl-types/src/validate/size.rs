//! The size of the serialized definition, without building the string.

use std::io;

use crate::machine::StateMachine;

/// What writing the definition out showed, without keeping the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Written {
    /// The length in bytes of the compact JSON.
    pub(super) len: usize,
    /// Whether the text has `${` anywhere: without it no string of the
    /// definition holds a `${…}` placeholder, and the placeholder policy
    /// has nothing to look at.
    pub(super) placeholder: bool,
}

struct Count {
    written: Written,
    /// Whether the last byte written was `$`.
    after_dollar: bool,
}

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written.len = self.written.len.saturating_add(buf.len());
        if !self.written.placeholder {
            self.written.placeholder = (self.after_dollar && buf.first() == Some(&b'{'))
                || buf.windows(2).any(|w| w == b"${");
            self.after_dollar = buf.last() == Some(&b'$');
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The length and placeholder mark of the compact JSON of `machine`, or
/// `None` when it cannot be written (a path where no `.$` key can carry it).
pub(super) fn write_out(machine: &StateMachine) -> Option<Written> {
    let mut count = Count {
        written: Written {
            len: 0,
            placeholder: false,
        },
        after_dollar: false,
    };
    serde_json::to_writer(&mut count, machine).ok()?;
    Some(count.written)
}
