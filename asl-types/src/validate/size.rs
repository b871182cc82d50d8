//! The size of the serialized definition, without building the string.

use std::io;

use crate::machine::StateMachine;

struct Count(usize);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The length in bytes of the compact JSON of `machine`, or `None` when it
/// cannot be written (a path where no `.$` key can carry it).
pub(super) fn serialized_len(machine: &StateMachine) -> Option<usize> {
    let mut count = Count(0);
    serde_json::to_writer(&mut count, machine).ok()?;
    Some(count.0)
}
