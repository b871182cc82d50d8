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
    /// `(parent node, key or array index as text)` to the child node, built
    /// on the first look-up so each takes constant time: a file with many
    /// issues in one big object stays linear.
    children: std::sync::OnceLock<Children>,
}

type Children = std::collections::HashMap<(usize, Box<str>), usize, foldhash::fast::RandomState>;

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
        let children = self.children.get_or_init(|| self.index_children());
        for token in pointer::tokens(pointer)? {
            let first = self
                .nodes
                .get(at + 1)
                .filter(|_| at + 1 < self.nodes[at].next);
            let key: Box<str> = match first {
                None => return None,
                Some(node) if node.key.is_some() => token.as_ref().into(),
                // Array elements are indexed by their position as written
                // canonically.
                Some(_) => pointer::index(&token)?.to_string().into(),
            };
            at = *children.get(&(at, key))?;
        }
        Some(&self.nodes[at])
    }

    fn index_children(&self) -> Children {
        let mut children = Children::default();
        for (parent, node) in self.nodes.iter().enumerate() {
            let mut child = parent + 1;
            let mut position = 0usize;
            while child < node.next {
                let c = &self.nodes[child];
                let key: Box<str> = match c.key {
                    Some(_) => self.names[c.name.clone()].into(),
                    None => position.to_string().into(),
                };
                // The first of equal keys (the parser rejects duplicates).
                children.entry((parent, key)).or_insert(child);
                child = c.next;
                position += 1;
            }
        }
        children
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
