//! The size of the serialized definition, without building the string.
//!
//! [`write_out`] runs the model's `Serialize` impls against a serializer
//! that writes nothing: it adds up the length of the compact JSON
//! `serde_json` would write (each string's escapes included) and notes
//! whether any string holds `${`. The test below holds it to
//! `serde_json::to_string` on every definition of the corpus and examples.

use std::fmt;

use serde::ser::{self, Serialize};

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
    let mut count = Count {
        len: 0,
        placeholder: false,
    };
    machine.serialize(&mut count).ok()?;
    Some(Written {
        len: count.len,
        placeholder: count.placeholder,
    })
}

/// The serializer that counts.
struct Count {
    len: usize,
    placeholder: bool,
}

/// Why a value could not be written (its own `Serialize` said so).
#[derive(Debug)]
struct Unwritable(String);

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unwritable(msg.to_string())
    }
}

/// What each byte costs inside a string beyond itself as `serde_json`
/// writes it: `\"`, `\\` and the short escapes one more byte, other
/// control characters five more (`\u001f`); `$` is marked [`DOLLAR`] (it
/// may begin `${`).
static EXTRA: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = 5;
        b += 1;
    }
    table[0x08] = 1;
    table[0x09] = 1;
    table[0x0a] = 1;
    table[0x0c] = 1;
    table[0x0d] = 1;
    table[b'"' as usize] = 1;
    table[b'\\' as usize] = 1;
    table[b'$' as usize] = DOLLAR;
    table
};

/// The mark of `$` in [`EXTRA`] (it costs nothing more).
const DOLLAR: u8 = 0x80;

impl Count {
    /// Adds the contents of a string (without its quotes); `after_dollar`:
    /// the piece written just before ended with `$`.
    fn contents(&mut self, s: &str, after_dollar: bool) {
        let bytes = s.as_bytes();
        self.len += bytes.len();
        if after_dollar && bytes.first() == Some(&b'{') {
            self.placeholder = true;
        }
        for (i, &b) in bytes.iter().enumerate() {
            match EXTRA[usize::from(b)] {
                0 => {}
                DOLLAR => {
                    if bytes.get(i + 1) == Some(&b'{') {
                        self.placeholder = true;
                    }
                }
                extra => self.len += usize::from(extra),
            }
        }
    }

    fn string(&mut self, s: &str) {
        self.len += 2;
        self.contents(s, false);
    }

    /// The length of a number or other token as `serde_json` writes it.
    fn token<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        let mut counter = Bytes(0);
        serde_json::to_writer(&mut counter, value).map_err(ser::Error::custom)?;
        self.len += counter.0;
        Ok(())
    }
}

/// An `io::Write` that counts bytes (for the few tokens written by
/// `serde_json` itself: floats).
struct Bytes(usize);

impl std::io::Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The digits of an unsigned integer.
fn digits(mut n: u64) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

fn signed(n: i64) -> usize {
    usize::from(n < 0) + digits(n.unsigned_abs())
}

/// A string written piece by piece by `Display` (paths, expressions,
/// `Key.$`), counted as it comes.
struct Pieces<'c> {
    count: &'c mut Count,
    after_dollar: bool,
}

impl fmt::Write for Pieces<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !s.is_empty() {
            self.count.contents(s, self.after_dollar);
            self.after_dollar = s.ends_with('$');
        }
        Ok(())
    }
}

/// `serde_json`'s token for a `RawValue`, which writes its text as it is.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A compound (sequence, map, struct) being counted: whether an element
/// was written yet (the next one needs a comma), and whether it is a
/// `RawValue`.
struct Compound<'c> {
    count: &'c mut Count,
    first: bool,
    raw: bool,
    /// Closing bytes after the compound's own (`}` of a variant's wrapper).
    wrapped: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.count.len += 1;
        }
    }

    fn close(self) {
        self.count.len += 1 + usize::from(self.wrapped);
    }
}

impl<'c> ser::Serializer for &'c mut Count {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'c>;
    type SerializeTuple = Compound<'c>;
    type SerializeTupleStruct = Compound<'c>;
    type SerializeTupleVariant = Compound<'c>;
    type SerializeMap = Compound<'c>;
    type SerializeStruct = Compound<'c>;
    type SerializeStructVariant = Compound<'c>;

    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.len += if v { 4 } else { 5 };
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unwritable> {
        self.len += signed(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unwritable> {
        self.token(&v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unwritable> {
        self.len += digits(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unwritable> {
        self.token(&v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unwritable> {
        self.token(&v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unwritable> {
        self.token(&v)
    }
    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unwritable> {
        // An array of numbers.
        self.len += 2 + v.len().saturating_sub(1);
        self.len += v.iter().map(|&b| digits(b.into())).sum::<usize>();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unwritable> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unwritable> {
        self.len += 4;
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unwritable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        // {"variant":value}
        self.len += 3;
        self.string(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'c>, Unwritable> {
        self.len += 1;
        Ok(Compound {
            count: self,
            first: true,
            raw: false,
            wrapped: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'c>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'c>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'c>, Unwritable> {
        // {"variant":[…]}
        self.len += 3;
        self.string(variant);
        Ok(Compound {
            count: self,
            first: true,
            raw: false,
            wrapped: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'c>, Unwritable> {
        self.len += 1;
        Ok(Compound {
            count: self,
            first: true,
            raw: false,
            wrapped: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'c>, Unwritable> {
        if name == RAW_VALUE {
            return Ok(Compound {
                count: self,
                first: true,
                raw: true,
                wrapped: false,
            });
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'c>, Unwritable> {
        // {"variant":{…}}
        self.len += 3;
        self.string(variant);
        Ok(Compound {
            count: self,
            first: true,
            raw: false,
            wrapped: true,
        })
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        self.len += 2;
        let mut pieces = Pieces {
            count: self,
            after_dollar: false,
        };
        fmt::write(&mut pieces, format_args!("{value}"))
            .map_err(|_| ser::Error::custom("a value failed to format"))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.comma();
        value.serialize(&mut *self.count)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.comma();
        // `:` after the key.
        self.count.len += 1;
        key.serialize(Key(&mut *self.count))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        value.serialize(&mut *self.count)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        if self.raw {
            // The raw text, written as it is.
            return value.serialize(Raw(&mut *self.count));
        }
        ser::SerializeMap::serialize_key(self, key)?;
        ser::SerializeMap::serialize_value(self, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        if !self.raw {
            self.close();
        }
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeStruct::end(self)
    }
}

/// A map key: `serde_json` writes strings, and numbers and booleans in
/// quotes; anything else is an error there and here.
struct Key<'c>(&'c mut Count);

/// Implements the `Serializer` methods of [`Key`] and [`Raw`] that stand
/// for a value they refuse.
macro_rules! refuse {
    ($what:literal; $($method:ident($($arg:ty),*)),* $(,)?) => {$(
        fn $method(self, $(_: $arg),*) -> Result<(), Unwritable> {
            Err(ser::Error::custom($what))
        }
    )*};
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = ser::Impossible<(), Unwritable>;
    type SerializeTuple = ser::Impossible<(), Unwritable>;
    type SerializeTupleStruct = ser::Impossible<(), Unwritable>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = ser::Impossible<(), Unwritable>;
    type SerializeStruct = ser::Impossible<(), Unwritable>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.0.len += 2;
        ser::Serializer::serialize_bool(self.0, v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unwritable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unwritable> {
        self.0.len += 2 + signed(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unwritable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unwritable> {
        self.0.len += 2 + digits(v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        ser::Serializer::collect_str(self.0, value)
    }
    refuse!("a map key must be a string";
        serialize_f32(f32), serialize_f64(f64), serialize_i128(i128), serialize_u128(u128),
        serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
        serialize_unit_struct(&'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(ser::Error::custom("a map key must be a string"))
    }
}

/// The text of a `RawValue`, written as it is.
struct Raw<'c>(&'c mut Count);

impl ser::Serializer for Raw<'_> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = ser::Impossible<(), Unwritable>;
    type SerializeTuple = ser::Impossible<(), Unwritable>;
    type SerializeTupleStruct = ser::Impossible<(), Unwritable>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = ser::Impossible<(), Unwritable>;
    type SerializeStruct = ser::Impossible<(), Unwritable>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.0.len += v.len();
        Ok(())
    }
    refuse!("a raw value must be a string";
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
        serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(ser::Error::custom("a raw value must be a string"))
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

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }

    #[test]
    fn counts_what_serde_json_writes_for_every_corpus_and_example_definition() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["tests/corpus", "../examples", "../asl-import/tests"] {
            files(&root.join(dir), &mut paths);
        }
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
