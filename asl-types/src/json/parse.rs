//! The reader behind [`Json::from_str`](std::str::FromStr) and
//! [`Json::parse_with_spans`]: RFC 8259 JSON, read once, left to right.
//!
//! Recursive descent, with the recursion bounded by [`MAX_DEPTH`]: a
//! container nested deeper is an error before the parser descends into it,
//! so no input can exhaust the stack. Where values are is told to a
//! [`Recorder`]; `()` records nothing and compiles to nothing.

use std::ops::Range;

use super::{Json, JsonError, JsonObject, MAX_DEPTH, Number};

/// Told where each value is, in the order values start.
pub(super) trait Recorder {
    /// A value starts at byte `start`; `key` is the member's key (its byte
    /// range, quotes included, and its decoded text) when the value is an
    /// object member. Returns what [`Recorder::end`] gets back.
    fn begin(&mut self, start: usize, key: Option<(Range<usize>, &str)>) -> usize;
    /// The value `begin` returned `node` for ends before byte `end`.
    fn end(&mut self, node: usize, end: usize);
}

/// Records nothing.
impl Recorder for () {
    fn begin(&mut self, _: usize, _: Option<(Range<usize>, &str)>) -> usize {
        0
    }
    fn end(&mut self, _: usize, _: usize) {}
}

/// The bytes as UTF-8 text, or an error saying in plain words what they
/// are instead (UTF-16, or where the first byte that is not UTF-8 is).
pub(super) fn decode(bytes: &[u8]) -> Result<&str, JsonError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(at_start(UTF16));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to there");
        let (line, column) = line_column(valid, valid.len());
        JsonError::Syntax {
            line,
            column,
            message: "a byte that is not UTF-8 (JSON text must be UTF-8)",
            pointer: String::new(),
        }
    })
}

const UTF16: &str = "the text looks like UTF-16; JSON text must be UTF-8";

fn at_start(message: &'static str) -> JsonError {
    JsonError::Syntax {
        line: 1,
        column: 1,
        message,
        pointer: String::new(),
    }
}

/// The 1-based line and column (counted in characters) of byte `pos`.
fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..pos];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.split(|&b| b == b'\n').count();
    let column = text
        .get(line_start..pos)
        .map_or(pos - line_start, |s| s.chars().count())
        + 1;
    (line, column)
}

/// Reads `text` as one JSON value, telling `recorder` where its parts are.
pub(super) fn parse<R: Recorder>(text: &str, recorder: &mut R) -> Result<Json, JsonError> {
    if text.starts_with('\u{feff}') {
        return Err(at_start(
            "the text starts with a byte order mark (U+FEFF), which JSON does not allow",
        ));
    }
    // ASCII as UTF-16 has a NUL byte before or after every character.
    if text.as_bytes().iter().take(2).any(|&b| b == 0) {
        return Err(at_start(UTF16));
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        recorder,
        path: Vec::new(),
        members: Vec::new(),
        items: Vec::new(),
    };
    parser.skip_whitespace();
    if parser.pos == parser.bytes.len() {
        return Err(JsonError::Empty);
    }
    let value = parser.value(0, None)?;
    parser.skip_whitespace();
    if parser.pos != parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a, R> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read; always on a character boundary.
    pos: usize,
    recorder: &'a mut R,
    /// Where the parser is, for the pointer of an error: the members (by
    /// the position of their key) and elements it is inside.
    path: Vec<Step>,
    /// The members read so far of the small objects being read, innermost
    /// last: each object is made at its `}` with exactly the room it needs
    /// (growing a map member by member leaves up to half of it unused).
    members: Vec<(String, Json)>,
    /// The same for the elements of the arrays being read.
    items: Vec<Json>,
}

/// Objects of at most this many members are gathered on the parser's
/// stack and checked for a repeated key by comparing keys; a larger one
/// goes on in a map of its own.
const STACKED_MEMBERS: usize = 16;

#[derive(Clone, Copy)]
enum Step {
    /// The member whose key string starts at this byte.
    Key(usize),
    /// The element at this index.
    Index(usize),
}

impl<R: Recorder> Parser<'_, R> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// A syntax error at the current position.
    fn error(&self, message: &'static str) -> JsonError {
        self.error_at(self.pos, message)
    }

    /// A syntax error at byte `pos`, with its 1-based line and column
    /// (counted in characters). Only computed when there is an error.
    fn error_at(&self, pos: usize, message: &'static str) -> JsonError {
        let (line, column) = line_column(self.text, pos);
        JsonError::Syntax {
            line,
            column,
            message,
            pointer: self.pointer(),
        }
    }

    /// The JSON pointer of the value being read (computed on error only:
    /// keys are decoded again from where they start).
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            match *step {
                Step::Key(pos) => {
                    let mut key = Parser {
                        text: self.text,
                        bytes: self.bytes,
                        pos,
                        recorder: &mut (),
                        path: Vec::new(),
                        members: Vec::new(),
                        items: Vec::new(),
                    };
                    // The key was read before, so it reads again.
                    let key = key.string().unwrap_or_default();
                    crate::read::push_key(&mut pointer, &key);
                }
                Step::Index(i) => {
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                }
            }
        }
        pointer
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The value starting at the current position (whitespace skipped), inside
    /// `depth` arrays and objects.
    fn value(
        &mut self,
        depth: usize,
        key: Option<(Range<usize>, &str)>,
    ) -> Result<Json, JsonError> {
        let node = self.recorder.begin(self.pos, key);
        let value = match self.peek() {
            Some(b'{') => self.object(depth + 1)?,
            Some(b'[') => self.array(depth + 1)?,
            Some(b'"') => Json::String(self.string()?),
            Some(b't') => self.literal(b"true", Json::Bool(true))?,
            Some(b'f') => self.literal(b"false", Json::Bool(false))?,
            Some(b'n') => self.literal(b"null", Json::Null)?,
            Some(b'-' | b'0'..=b'9') => Json::Number(self.number()?),
            Some(_) => return Err(self.error("expected value")),
            None => return Err(self.error("EOF while parsing a value")),
        };
        self.recorder.end(node, self.pos);
        Ok(value)
    }

    /// The object at `{`, itself the `depth`-th level of nesting.
    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        self.skip_whitespace();
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                return Ok(Json::Object(JsonObject::new()));
            }
            Some(b'"') => {}
            Some(_) => return Err(self.error("key must be a string")),
            None => return Err(self.error("EOF while parsing an object")),
        }
        let start = self.members.len();
        let result = self.members_from(start, depth);
        // On an error the members gathered so far are dropped here.
        let stacked = self.members.drain(start..);
        let mut object = match result? {
            Some(large) => large,
            None => JsonObject::with_capacity(stacked.len()),
        };
        object.extend(stacked);
        Ok(Json::Object(object))
    }

    /// Reads the members of the object whose first key is next, up to and
    /// including its `}`: on the members stack from `start` while there are
    /// few, in a map of its own (returned) once there are more.
    fn members_from(
        &mut self,
        start: usize,
        depth: usize,
    ) -> Result<Option<JsonObject>, JsonError> {
        let mut large: Option<JsonObject> = None;
        loop {
            let key_start = self.pos;
            let key = self.string()?;
            let key_range = key_start..self.pos;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            self.skip_whitespace();
            self.path.push(Step::Key(key_start));
            let value = self.value(depth, Some((key_range, &key)))?;
            self.path.pop();
            let repeated = match &large {
                Some(map) => map.contains_key(&key),
                None => self.members[start..].iter().any(|(k, _)| *k == key),
            };
            if repeated {
                let (line, column) = line_column(self.text, key_start);
                let mut pointer = self.pointer();
                crate::read::push_key(&mut pointer, &key);
                return Err(JsonError::DuplicateKey {
                    key,
                    line,
                    column,
                    pointer,
                });
            }
            match &mut large {
                Some(map) => {
                    map.insert(key, value);
                }
                None if self.members.len() - start < STACKED_MEMBERS => {
                    self.members.push((key, value));
                }
                None => {
                    let mut map = JsonObject::with_capacity(2 * STACKED_MEMBERS);
                    map.extend(self.members.drain(start..));
                    map.insert(key, value);
                    large = Some(map);
                }
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.error("trailing comma")),
                        Some(_) => return Err(self.error("key must be a string")),
                        None => return Err(self.error("EOF while parsing an object")),
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    if let Some(map) = &mut large {
                        map.shrink_to_fit();
                    }
                    return Ok(large);
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
        }
    }

    /// The array at `[`, itself the `depth`-th level of nesting.
    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(Vec::new()));
        }
        let start = self.items.len();
        let result = self.items_from(start, depth);
        // On an error the elements gathered so far are dropped here.
        let items: Vec<Json> = self.items.drain(start..).collect();
        result?;
        Ok(Json::Array(items))
    }

    /// Reads the elements of the array whose first element is next onto the
    /// items stack from `start`, up to and including its `]`.
    fn items_from(&mut self, start: usize, depth: usize) -> Result<(), JsonError> {
        loop {
            self.path.push(Step::Index(self.items.len() - start));
            let item = self.value(depth, None)?;
            self.items.push(item);
            self.path.pop();
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
                None => return Err(self.error("EOF while parsing a list")),
            }
        }
    }

    /// `true`, `false` or `null`, whose first byte is at the current position.
    fn literal(&mut self, word: &[u8], value: Json) -> Result<Json, JsonError> {
        for (i, &want) in word.iter().enumerate() {
            match self.bytes.get(self.pos + i) {
                Some(&b) if b == want => {}
                Some(_) => return Err(self.error_at(self.pos + i, "expected ident")),
                None => return Err(self.error_at(self.pos + i, "EOF while parsing a value")),
            }
        }
        self.pos += word.len();
        Ok(value)
    }

    /// The number at the current position, checked against the grammar and
    /// kept as written.
    fn number(&mut self) -> Result<Number, JsonError> {
        let start = self.pos;
        let end = scan_number(self.bytes, start).map_err(|i| self.missing_digit(i))?;
        self.pos = end;
        Ok(Number(self.text[start..end].into()))
    }

    fn missing_digit(&self, i: usize) -> JsonError {
        if i == self.bytes.len() {
            self.error_at(i, "EOF while parsing a value")
        } else {
            self.error_at(i, "invalid number")
        }
    }

    /// The string at `"`, escapes decoded. Without escapes it is copied in
    /// one slice.
    fn string(&mut self) -> Result<String, JsonError> {
        let start = self.pos + 1;
        let end = self.plain_run(start);
        match self.bytes.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                Ok(self.text[start..end].to_owned())
            }
            Some(b'\\') => self.escaped_string(start, end),
            Some(_) => Err(self.control_character(end)),
            None => Err(self.error_at(end, "EOF while parsing a string")),
        }
    }

    /// The first position from `i` on holding `"`, `\` or a control
    /// character (or the end of the text).
    fn plain_run(&self, i: usize) -> usize {
        self.bytes[i..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .map_or(self.bytes.len(), |n| i + n)
    }

    fn control_character(&self, i: usize) -> JsonError {
        self.error_at(
            i,
            "control character (\\u0000-\\u001F) found while parsing a string",
        )
    }

    /// The rest of a string whose text starts at `start` and has its first
    /// backslash at `backslash`.
    fn escaped_string(&mut self, start: usize, mut backslash: usize) -> Result<String, JsonError> {
        let mut out = String::with_capacity(backslash - start + 16);
        let mut chunk = start;
        loop {
            out.push_str(&self.text[chunk..backslash]);
            self.pos = backslash + 1;
            self.escape(&mut out)?;
            chunk = self.pos;
            let end = self.plain_run(chunk);
            match self.bytes.get(end) {
                Some(b'"') => {
                    out.push_str(&self.text[chunk..end]);
                    self.pos = end + 1;
                    return Ok(out);
                }
                Some(b'\\') => backslash = end,
                Some(_) => return Err(self.control_character(end)),
                None => return Err(self.error_at(end, "EOF while parsing a string")),
            }
        }
    }

    /// The escape whose backslash is just before the current position.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let decoded = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let escape_start = self.pos - 1;
                let first = self.hex4(self.pos + 1)?;
                self.pos += 5;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error_at(escape_start, LONE_SURROGATE));
                        }
                        let second = self.hex4(self.pos + 2)?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error_at(escape_start, LONE_SURROGATE));
                        }
                        self.pos += 6;
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error_at(escape_start, LONE_SURROGATE)),
                    _ => first,
                };
                out.push(char::from_u32(code).expect("not a surrogate, at most 0x10FFFF"));
                return Ok(());
            }
            Some(_) => return Err(self.error("invalid escape")),
            None => return Err(self.error("EOF while parsing a string")),
        };
        out.push(decoded);
        self.pos += 1;
        Ok(())
    }

    /// The four hex digits from byte `i` on.
    fn hex4(&self, i: usize) -> Result<u32, JsonError> {
        let mut code = 0;
        for k in i..i + 4 {
            let digit = match self.bytes.get(k) {
                Some(&b) => char::from(b).to_digit(16),
                None => return Err(self.error_at(k, "EOF while parsing a string")),
            };
            match digit {
                Some(d) => code = code * 16 + d,
                None => return Err(self.error_at(k, "invalid escape")),
            }
        }
        Ok(code)
    }
}

pub(super) const LONE_SURROGATE: &str = "a `\\u` escape of half a UTF-16 surrogate pair without its other half (`\\uD800`-`\\uDBFF` must be followed by `\\uDC00`-`\\uDFFF`)";

/// Where the JSON number starting at `start` ends; `Err(i)` when byte `i`
/// breaks the grammar (a missing digit, or a digit after a leading zero).
/// The one number grammar: the parser and `Number::from_str` use it.
pub(super) fn scan_number(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let digits = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => {
            i += 1;
            if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(i);
            }
        }
        Some(b'1'..=b'9') => i = digits(i + 1),
        _ => return Err(i),
    }
    if bytes.get(i) == Some(&b'.') {
        let after = digits(i + 1);
        if after == i + 1 {
            return Err(after);
        }
        i = after;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        let after = digits(i);
        if after == i {
            return Err(after);
        }
        i = after;
    }
    Ok(i)
}
