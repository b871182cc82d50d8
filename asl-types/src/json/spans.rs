//! Where each value of a parsed text is, by JSON pointer.

use std::ops::Range;

use super::parse::Recorder;
use super::pointer;

/// Byte ranges of the values and member keys of one JSON text, looked up by
/// RFC 6901 JSON pointer. Made by [`Json::parse_with_spans`](super::Json::parse_with_spans).
///
/// ```
/// use asl_types::Json;
///
/// let text = r#"{"States": {"Train": {"Parameters": {"Name.$": "$.name", "a/b~": [1, 2]}}}}"#;
/// let (json, spans) = Json::parse_with_spans(text)?;
///
/// let name = spans.value("/States/Train/Parameters/Name.$").unwrap();
/// assert_eq!(&text[name], r#""$.name""#);
/// let key = spans.key("/States/Train/Parameters/Name.$").unwrap();
/// assert_eq!(&text[key], r#""Name.$""#);
///
/// // `~1` is `/` and `~0` is `~` in a pointer; array elements have no key.
/// assert_eq!(&text[spans.value("/States/Train/Parameters/a~1b~0/1").unwrap()], "2");
/// assert_eq!(spans.key("/States/Train/Parameters/a~1b~0/1"), None);
///
/// // The empty pointer is the whole document; missing members have no span.
/// assert_eq!(spans.value(""), Some(0..text.len()));
/// assert_eq!(spans.value("/States/Deploy"), None);
/// # Ok::<(), asl_types::JsonError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// Every value, in the order it starts in the text (so a value's
    /// descendants follow it directly).
    nodes: Vec<Node>,
    /// The decoded keys of object members, one after another.
    names: String,
}

#[derive(Debug, Clone)]
struct Node {
    value: Range<usize>,
    /// The key, quotes included, when the value is an object member.
    key: Option<Range<usize>>,
    /// The decoded key, in `names`.
    name: Range<usize>,
    /// The index in `nodes` just after this value's descendants.
    next: usize,
}

impl Spans {
    /// The byte range of the value at `pointer`; `None` when there is no
    /// value there or `pointer` is not a JSON pointer.
    pub fn value(&self, pointer: &str) -> Option<Range<usize>> {
        self.find(pointer).map(|node| node.value.clone())
    }

    /// The byte range of the key, quotes included, of the object member at
    /// `pointer`; `None` for the whole document, array elements and values
    /// that are not there.
    pub fn key(&self, pointer: &str) -> Option<Range<usize>> {
        self.find(pointer).and_then(|node| node.key.clone())
    }

    fn find(&self, pointer: &str) -> Option<&Node> {
        let mut at = 0;
        self.nodes.first()?;
        for token in pointer::tokens(pointer)? {
            let index = pointer::index(&token);
            let end = self.nodes[at].next;
            let mut child = at + 1;
            let mut position = 0;
            loop {
                if child >= end {
                    return None;
                }
                let node = &self.nodes[child];
                let hit = match node.key {
                    Some(_) => self.names[node.name.clone()] == *token,
                    None => index == Some(position),
                };
                if hit {
                    break;
                }
                child = node.next;
                position += 1;
            }
            at = child;
        }
        Some(&self.nodes[at])
    }
}

impl Recorder for Spans {
    fn begin(&mut self, start: usize, key: Option<(Range<usize>, &str)>) -> usize {
        let name_start = self.names.len();
        let key = key.map(|(range, name)| {
            self.names.push_str(name);
            range
        });
        self.nodes.push(Node {
            value: start..start,
            key,
            name: name_start..self.names.len(),
            next: 0,
        });
        self.nodes.len() - 1
    }

    fn end(&mut self, node: usize, end: usize) {
        let next = self.nodes.len();
        let node = &mut self.nodes[node];
        node.value.end = end;
        node.next = next;
    }
}
