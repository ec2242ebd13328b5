//! GraphML (Gephi, Cytoscape, networkx, yEd): export with every attribute and position,
//! import of nodes, relations and the attributes that map onto the model.
//!
//! Relations are written undirected (as analysis treats all kinds but `refers_to`); the
//! kind attribute keeps `refers_to` and the source/target order keeps its direction.

use std::collections::HashMap;
use std::io::Write;

use std::borrow::Cow;
use std::sync::Arc;

use super::graph::{Attrs, FileEdge, FileNode};
use crate::error::{InputError, Location, Problem};
use crate::model::{Node, Relation};
use crate::records::{ImportBatch, ImportOptions};

/// Deepest nesting of elements a GraphML file may have: GraphML itself needs five levels
/// (graphml, graph, node, data, and a nested graph or two); a deeper file is an attack on
/// the parser's stack, refused before parsing.
pub const MAX_DEPTH: usize = 64;

/// The line where the nesting of elements first passes [`MAX_DEPTH`], if it does. A
/// light scan: tags, end tags, empty elements, comments, CDATA, processing instructions and
/// declarations, with quoted attribute values; what it misreads in broken XML the parser
/// refuses afterwards.
fn too_deep(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let skip_past = |from: usize, end: &[u8]| {
        bytes[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(bytes.len(), |p| from + p + end.len())
    };
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + p;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = skip_past(at + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_past(at + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_past(at + 2, b"?>");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_past(at + 2, b">");
        } else if rest.starts_with(b"<!") {
            i = skip_past(at + 2, b">");
        } else {
            // A start tag: find its end outside quoted values; `/>` opens nothing.
            let mut j = at + 1;
            let mut quote = None;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (None, b'"' | b'\'') => quote = Some(bytes[j]),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if bytes.get(j.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64);
                }
            }
            i = j + 1;
        }
        if i >= bytes.len() {
            break;
        }
    }
    None
}

/// XML-escapes text for an attribute or element.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept in attributes too (a parser turns a raw newline there into a space).
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// A node's attributes by name, as GraphML and GEXF write them (absent ones `None`).
pub(crate) fn node_attributes(n: &Node) -> [(&'static str, Option<String>); 20] {
    let list = |list: &[String]| (!list.is_empty()).then(|| list.join("|"));
    [
        ("kind", Some(n.kind.as_str().to_owned())),
        ("name", Some(n.name.clone())),
        ("wijk", n.wijk.clone()),
        ("role", n.role.clone()),
        ("tags", list(&n.tags)),
        ("offers", list(&n.offers)),
        ("needs", list(&n.needs)),
        ("contact", n.contact.clone()),
        ("notes", n.notes.clone()),
        (
            "consent",
            n.consent.as_ref().map(|c| c.status.as_str().to_owned()),
        ),
        ("x", n.x.map(|x| x.to_string())),
        ("y", n.y.map(|y| y.to_string())),
        ("pinned", Some(n.pinned.to_string())),
        ("sensitive", Some(n.sensitive.to_string())),
        ("since", n.since.map(|d| d.to_string())),
        ("until", n.until.map(|d| d.to_string())),
        ("until_reason", n.until_reason.clone()),
        ("last_contact", n.last_contact.map(|d| d.to_string())),
        ("follow_up", n.follow_up.map(|d| d.to_string())),
        ("follow_up_note", n.follow_up_note.clone()),
    ]
}

/// A relation's attributes by name, as GraphML and GEXF write them.
pub(crate) fn relation_attributes(r: &Relation) -> [(&'static str, Option<String>); 9] {
    [
        ("kind", Some(r.kind.as_str().to_owned())),
        ("strength", Some(r.strength.get().to_string())),
        ("since", r.since.map(|d| d.to_string())),
        ("until", r.until.map(|d| d.to_string())),
        ("notes", r.notes.clone()),
        ("quality", Some(r.quality.as_str().to_owned())),
        (
            "support",
            (!r.support.is_empty()).then(|| r.support.joined("|")),
        ),
        (
            "support_direction",
            r.support_direction.map(|d| d.as_str().to_owned()),
        ),
        ("confirmed", r.confirmed.map(|d| d.to_string())),
    ]
}

/// What an export adds for other tools to show (DESIGN §4.5): each node's community (1
/// the largest) and colour, and the day that tells ended relations.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// A community per node, the largest first (0-based).
    pub groups: &'a HashMap<crate::model::NodeId, usize>,
    /// A kenner score per node ([`crate::graph::kenners::scores`]).
    pub kenner: &'a HashMap<crate::model::NodeId, f64>,
    /// The day of the export: a relation whose `until` is not after it has ended.
    pub day: crate::model::Date,
}

impl Shown<'_> {
    /// The community of a node, 1 the largest (none: not in one).
    pub fn community(&self, id: &str) -> Option<usize> {
        self.groups.get(id).map(|g| g + 1)
    }

    /// A node's colour as the pictures draw it by community, as (red, green, blue).
    pub fn colour(&self, id: &str) -> (u8, u8, u8) {
        use super::picture::{OTHER, PALETTE};
        let hex = match self.groups.get(id) {
            Some(&g) if g < PALETTE.len() - 1 => PALETTE[g],
            _ => OTHER,
        };
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(128);
        (byte(1), byte(3), byte(5))
    }

    /// The attributes other tools read for a relation: weight (its strength), cost (as
    /// paths count it), the weight it came with, whether it is directed, whether ended.
    pub fn relation(&self, r: &Relation) -> [(&'static str, Option<String>); 5] {
        [
            ("weight", Some(r.strength.get().to_string())),
            ("cost", Some(r.strength.cost().to_string())),
            ("original_weight", r.weight.map(|w| w.get().to_string())),
            ("directed", Some(r.kind.is_directed().to_string())),
            (
                "ended",
                Some(r.until.is_some_and(|u| u <= self.day).to_string()),
            ),
        ]
    }
}

/// A node's size for other tools: larger with more relations, as the app draws it.
pub(crate) fn sizes(nodes: &[Node], relations: &[Relation]) -> HashMap<String, f64> {
    let mut degree: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
    for r in relations {
        *degree.entry(r.source.as_str()).or_default() += 1;
        *degree.entry(r.target.as_str()).or_default() += 1;
    }
    nodes
        .iter()
        .map(|n| {
            let d = degree.get(n.id.as_str()).copied().unwrap_or(0) as f64;
            (n.id.to_string(), (4.0 + 2.0 * d.sqrt()).min(40.0))
        })
        .collect()
}

/// Node attributes: (key id, name, GraphML type).
const NODE_KEYS: [(&str, &str, &str); 20] = [
    ("n0", "kind", "string"),
    ("n1", "name", "string"),
    ("n2", "wijk", "string"),
    ("n3", "role", "string"),
    ("n4", "tags", "string"),
    ("n5", "offers", "string"),
    ("n6", "needs", "string"),
    ("n7", "contact", "string"),
    ("n8", "notes", "string"),
    ("n9", "consent", "string"),
    ("n10", "x", "double"),
    ("n11", "y", "double"),
    ("n12", "pinned", "boolean"),
    ("n13", "sensitive", "boolean"),
    ("n14", "since", "string"),
    ("n15", "until", "string"),
    ("n16", "until_reason", "string"),
    ("n17", "last_contact", "string"),
    ("n18", "follow_up", "string"),
    ("n19", "follow_up_note", "string"),
];

/// Relation attributes: (key id, name, GraphML type).
const EDGE_KEYS: [(&str, &str, &str); 9] = [
    ("e0", "kind", "string"),
    ("e1", "strength", "int"),
    ("e2", "since", "string"),
    ("e3", "until", "string"),
    ("e4", "notes", "string"),
    ("e5", "quality", "string"),
    ("e6", "support", "string"),
    ("e7", "support_direction", "string"),
    ("e8", "confirmed", "string"),
];

/// What other tools read: Gephi and networkx a node's `label`, its community, colour
/// (yEd's and Gephi's `r`, `g`, `b`) and size; a relation's weight and the rest of
/// [`Shown::relation`].
const SHOWN_NODE_KEYS: [(&str, &str, &str); 7] = [
    ("n20", "label", "string"),
    ("n21", "community", "int"),
    ("n22", "r", "int"),
    ("n23", "g", "int"),
    ("n24", "b", "int"),
    ("n25", "size", "double"),
    ("n26", "kenner", "double"),
];
const SHOWN_EDGE_KEYS: [(&str, &str, &str); 5] = [
    ("e9", "weight", "double"),
    ("e10", "cost", "int"),
    ("e11", "original_weight", "double"),
    ("e12", "directed", "boolean"),
    ("e13", "ended", "boolean"),
];

/// Writes `nodes` and `relations` as GraphML, with what other tools show.
pub fn write<W: Write>(
    mut out: W,
    nodes: &[Node],
    relations: &[Relation],
    shown: Shown<'_>,
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, name, ty) in NODE_KEYS.iter().chain(&SHOWN_NODE_KEYS) {
        writeln!(
            out,
            r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    for (id, name, ty) in EDGE_KEYS.iter().chain(&SHOWN_EDGE_KEYS) {
        writeln!(
            out,
            r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="wijk" edgedefault="undirected">"#)?;
    let sizes = sizes(nodes, relations);
    for n in nodes {
        writeln!(out, r#"    <node id="{}">"#, escape(&n.id))?;
        for ((key, ..), (_, value)) in NODE_KEYS.iter().zip(node_attributes(n)) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(&value))?;
            }
        }
        let (r, g, b) = shown.colour(&n.id);
        let values = [
            Some(n.name.clone()),
            shown.community(&n.id).map(|c| c.to_string()),
            Some(r.to_string()),
            Some(g.to_string()),
            Some(b.to_string()),
            sizes.get(n.id.as_str()).map(|s| s.to_string()),
            shown.kenner.get(n.id.as_str()).map(|k| k.to_string()),
        ];
        for ((key, ..), value) in SHOWN_NODE_KEYS.iter().zip(values) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(&value))?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for r in relations {
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            escape(&r.id),
            escape(&r.source),
            escape(&r.target)
        )?;
        let keys = EDGE_KEYS.iter().chain(&SHOWN_EDGE_KEYS);
        let values = relation_attributes(r).into_iter().chain(shown.relation(r));
        for ((key, ..), (_, value)) in keys.zip(values) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(&value))?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    out.flush()
}

/// Reads a GraphML file (or a GEXF file, handed to [`super::gexf::read`]) into the batch:
/// nodes, relations, and the attributes named like the model's fields (`label` counts as
/// `name`, `weight` maps onto strength; others are ignored), DESIGN §4.5.
///
/// GraphML is read as a stream of events (quick-xml): no tree of the document is built, so
/// a municipality's file takes its own size in memory and not ten times it. GEXF, smaller
/// and with its nested attribute declarations, is read as a tree (roxmltree).
pub fn read(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    let text = super::read_utf8(file, bytes)?;
    let shared: Arc<str> = file.into();
    let pieces = if text.len() >= PIECES_FROM {
        rayon::current_num_threads().min(8)
    } else {
        1
    };
    match read_stream(&shared, &text, pieces)? {
        Some((nodes, edges)) => super::graph::into_batch(&shared, nodes, edges, options, batch),
        None => read_tree(&shared, &text, options, batch),
    }
}

/// What an open element is to the GraphML reader.
enum Open<'a> {
    /// `<graph>`: whether its edges are directed unless they say otherwise.
    Graph {
        directed: bool,
    },
    /// `<node>` or `<edge>`, by its index in the nodes or edges read so far.
    Node(usize),
    Edge(usize),
    /// `<data>` of the node or edge beneath it (`None`: of a graph, ignored), its key and
    /// its text so far (text after a child element is not the value, as in roxmltree).
    Data {
        owner: Option<Owner>,
        key: Arc<str>,
        text: Cow<'a, str>,
        child: bool,
    },
    Other,
}

#[derive(Clone, Copy)]
enum Owner {
    Node(usize),
    Edge(usize),
}

/// A file from this size on is read in pieces, one per core (a municipality's 228 MB in
/// 1 s instead of 1.8 s on two cores); below it one stream is as quick.
const PIECES_FROM: usize = 4 << 20;

/// Nodes and edges of a GraphML file, read as a stream of events; `None` when the root is
/// `<gexf>` (for [`read_tree`]).
///
/// A large file is read in pieces at once: after the head (the root, its keys and the
/// graph's start) the graph's elements are cut where a `<node` or `<edge` starts right
/// after a tag, and each piece is read as if inside the graph. A piece that does not end
/// where it began (a cut inside a comment, CDATA or a nested graph), a second graph or a key
/// declared after the head, and any error, sends the whole file back to one stream, so
/// that what is read and the first error reported are the same either way.
#[allow(clippy::type_complexity)]
fn read_stream<'a>(
    shared: &Arc<str>,
    text: &'a str,
    pieces: usize,
) -> Result<Option<(Vec<FileNode<'a>>, Vec<FileEdge<'a>>)>, InputError> {
    let mut lines = super::LineCounter::new(text);
    let mut stream = Stream::default();
    match stream.run(shared, text, 0, text.len(), pieces > 1, &mut lines)? {
        Step::Gexf => return Ok(None),
        Step::Paused(at) => {
            let head_line = lines.line_at(at);
            if let Some(read) = in_pieces(shared, text, &stream, at, head_line, pieces) {
                return Ok(Some(read));
            }
            stream.run(shared, text, at, text.len(), false, &mut lines)?;
        }
        Step::Ended => {}
    }
    stream.finish(shared, text).map(Some)
}

/// The file's elements from `at` (where the head ends, at line `head_line`), read in
/// up to `count` pieces at once; `None` when a piece does not stand on its own.
#[allow(clippy::type_complexity)]
fn in_pieces<'a>(
    shared: &Arc<str>,
    text: &'a str,
    head: &Stream<'a>,
    at: usize,
    head_line: u64,
    count: usize,
) -> Option<(Vec<FileNode<'a>>, Vec<FileEdge<'a>>)> {
    use rayon::prelude::*;
    let Some(Open::Graph { directed }) = head.stack.get(1) else {
        return None;
    };
    let mut cuts = vec![at];
    for k in 1..count {
        let aim = at + (text.len() - at) * k / count;
        match piece_start(text, aim.max(*cuts.last()?)) {
            Some(cut) if cut > *cuts.last()? => cuts.push(cut),
            _ => break,
        }
    }
    cuts.push(text.len());
    let pieces: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let last = pieces.len() - 1;
    let read: Vec<Option<(Stream<'a>, u64)>> = pieces
        .par_iter()
        .enumerate()
        .map(|(i, &(from, to))| {
            let mut piece = Stream {
                stack: vec![
                    Open::Other,
                    Open::Graph {
                        directed: *directed,
                    },
                ],
                outer: head.outer.clone(),
                root_seen: true,
                keys: head.keys.clone(),
                ..Stream::default()
            };
            // Lines counted from the piece's start; shifted once all are read.
            let mut lines = super::LineCounter::starting_at(text, from);
            match piece.run(shared, text, from, to, false, &mut lines) {
                Ok(Step::Ended) => {}
                _ => return None,
            }
            let whole = if i == last {
                piece.stack.is_empty()
            } else {
                piece.stack.len() == 2 && piece.lowest == 2
            };
            (whole && piece.keys.len() == head.keys.len()).then(|| (piece, lines.line_at(to) - 1))
        })
        .collect();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut first_line = head_line;
    for piece in read {
        let (piece, newlines) = piece?;
        let shift = first_line - 1;
        nodes.extend(piece.nodes.into_iter().map(|mut n| {
            n.line += shift;
            n
        }));
        edges.extend(piece.edges.into_iter().map(|mut e| {
            e.line += shift;
            e
        }));
        first_line += newlines;
    }
    Some((nodes, edges))
}

/// Where a piece may start at or after `from`: a `<node` or `<edge` right after a tag
/// (only white space between).
fn piece_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        let found = bytes[i..].iter().position(|&b| b == b'<')? + i;
        let rest = &bytes[found..];
        let element = (rest.starts_with(b"<node") || rest.starts_with(b"<edge"))
            && rest
                .get(5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
        let after_tag = bytes[..found]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'>');
        if element && after_tag {
            return Some(found);
        }
        i = found + 1;
    }
}

/// Where a run of the reader stopped.
enum Step {
    /// The root is `<gexf>`.
    Gexf,
    /// At the graph's first node or edge (at this byte), as asked.
    Paused(usize),
    /// At the end of the text given.
    Ended,
}

/// The GraphML reader's state: what is open, the keys, and what has been read.
#[derive(Default)]
struct Stream<'a> {
    stack: Vec<Open<'a>>,
    /// Names of the root and its graph while they are open: a reader started inside them
    /// (a piece, or the rest after a pause) checks their end tags itself.
    outer: Vec<String>,
    /// The fewest elements open during the last run.
    lowest: usize,
    root_seen: bool,
    // key id -> attribute name (lowercase), one shared name for all the data of a key.
    keys: foldhash::HashMap<String, Arc<str>>,
    // Data of a key not (yet) declared: named by the key id, lowercase, until one is.
    undeclared: foldhash::HashMap<String, Arc<str>>,
    nodes: Vec<FileNode<'a>>,
    edges: Vec<FileEdge<'a>>,
}

impl<'a> Stream<'a> {
    /// Reads `text[from..to]`; with `pause`, stops before the graph's first node or edge.
    fn run(
        &mut self,
        shared: &Arc<str>,
        text: &'a str,
        from: usize,
        to: usize,
        pause: bool,
        lines: &mut super::LineCounter<'a>,
    ) -> Result<Step, InputError> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(&text[from..to]);
        // Elements this reader did not see open are closed by name below.
        let inherited = self.stack.len();
        reader.config_mut().allow_unmatched_ends = inherited > 0;
        self.lowest = inherited;
        let at = |line: u64| Location::new(shared.clone(), Some(line));
        let last_line = || {
            1 + text.bytes().filter(|&b| b == b'\n').count() as u64
                - u64::from(text.ends_with('\n'))
        };
        let not_xml =
            |line: u64, detail: String| InputError::new(at(line), Problem::NotXml { detail });
        loop {
            let start = from + reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let line = match e {
                        quick_xml::Error::Syntax(_) => last_line(),
                        _ => lines.line_at(from + reader.error_position() as usize),
                    };
                    return Err(not_xml(line, e.to_string()));
                }
            };
            let (element, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(end) => {
                    let depth = self.stack.len();
                    if depth > 0 && depth <= self.outer.len() && depth <= inherited {
                        let name = end.name();
                        if self.outer[depth - 1] != name.as_ref() {
                            let line = lines.line_at(start);
                            // Said as quick-xml says it for the elements it saw open.
                            let e = quick_xml::Error::IllFormed(
                                quick_xml::errors::IllFormedError::MismatchedEndTag {
                                    expected: self.outer[depth - 1].clone(),
                                    found: name.as_ref().to_owned(),
                                },
                            );
                            return Err(not_xml(line, e.to_string()));
                        }
                    }
                    match self.stack.pop() {
                        Some(Open::Data {
                            owner: Some(owner),
                            key,
                            text,
                            ..
                        }) => match owner {
                            Owner::Node(i) => self.nodes[i].attrs.push((key, text)),
                            Owner::Edge(i) => self.edges[i].attrs.push((key, text)),
                        },
                        Some(_) => {}
                        None => {
                            let line = lines.line_at(start);
                            return Err(not_xml(line, "an end tag without its start".into()));
                        }
                    }
                    self.outer.truncate(self.stack.len());
                    self.lowest = self.lowest.min(self.stack.len());
                    continue;
                }
                Event::Text(t) => {
                    if let Some(Open::Data {
                        text, child: false, ..
                    }) = self.stack.last_mut()
                    {
                        append(text, t.xml10_content());
                    }
                    continue;
                }
                Event::CData(t) => {
                    if let Some(Open::Data {
                        text, child: false, ..
                    }) = self.stack.last_mut()
                    {
                        append(text, t.into_inner());
                    }
                    continue;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                            Some(s) => s.to_owned(),
                            None => {
                                let line = lines.line_at(start);
                                return Err(not_xml(line, format!("unknown entity &{};", &*r)));
                            }
                        },
                        Err(e) => {
                            let line = lines.line_at(start);
                            return Err(not_xml(line, e.to_string()));
                        }
                    };
                    if let Some(Open::Data {
                        text, child: false, ..
                    }) = self.stack.last_mut()
                    {
                        text.to_mut().push_str(&resolved);
                    }
                    continue;
                }
                Event::Eof => return Ok(Step::Ended),
                _ => continue,
            };
            let line = lines.line_at(start);
            let name = element.local_name();
            let name = name.as_ref();
            if !self.root_seen {
                self.root_seen = true;
                match name {
                    "gexf" => return Ok(Step::Gexf),
                    "graphml" => {}
                    other => {
                        return Err(InputError::new(
                            at(line),
                            Problem::NotGraphml {
                                root: other.to_owned(),
                            },
                        ));
                    }
                }
            }
            if pause
                && matches!(name, "node" | "edge")
                && matches!(self.stack.as_slice(), [_, Open::Graph { .. }])
            {
                return Ok(Step::Paused(start));
            }
            let bad = |detail| not_xml(line, detail);
            if let Some(Open::Data { child, .. }) = self.stack.last_mut() {
                *child = true;
            }
            let open = match name {
                "key" if self.stack.len() == 1 => {
                    let [id, name] = attributes(&element, ["id", "attr.name"]).map_err(bad)?;
                    if let Some(id) = id {
                        let name = name.unwrap_or_else(|| id.clone());
                        self.keys.insert(id, name.to_lowercase().into());
                    }
                    Open::Other
                }
                "graph" => Open::Graph {
                    directed: attributes(&element, ["edgedefault"]).map_err(bad)?[0]
                        .as_ref()
                        .is_some_and(|d| d.trim() == "directed"),
                },
                "node" => {
                    let [id] = attributes(&element, ["id"]).map_err(bad)?;
                    self.nodes.push(FileNode {
                        line,
                        id,
                        attrs: Vec::new(),
                    });
                    Open::Node(self.nodes.len() - 1)
                }
                "edge" => {
                    // An edge says its direction, or its graph does (undirected unless said).
                    let [said, id, source, target] =
                        attributes(&element, ["directed", "id", "source", "target"])
                            .map_err(bad)?;
                    let directed = match said {
                        Some(said) => said.trim() == "true",
                        None => {
                            self.stack.iter().rev().find_map(|o| match o {
                                Open::Graph { directed } => Some(*directed),
                                _ => None,
                            }) == Some(true)
                        }
                    };
                    self.edges.push(FileEdge {
                        line,
                        id,
                        source,
                        target,
                        directed,
                        attrs: Vec::new(),
                    });
                    Open::Edge(self.edges.len() - 1)
                }
                "data" => {
                    let owner = match self.stack.last() {
                        Some(Open::Node(i)) => Some(Owner::Node(*i)),
                        Some(Open::Edge(i)) => Some(Owner::Edge(*i)),
                        _ => None,
                    };
                    let [key] = attributes(&element, ["key"]).map_err(bad)?;
                    match (owner, key) {
                        (Some(owner), Some(key)) => Open::Data {
                            owner: Some(owner),
                            key: match self.keys.get(&key) {
                                Some(name) => name.clone(),
                                None => self
                                    .undeclared
                                    .entry(key)
                                    .or_insert_with_key(|key| key.to_lowercase().into())
                                    .clone(),
                            },
                            text: Cow::Borrowed(""),
                            child: false,
                        },
                        _ => Open::Other,
                    }
                }
                _ => Open::Other,
            };
            if empty {
                if let Open::Data {
                    owner: Some(owner),
                    key,
                    ..
                } = open
                {
                    match owner {
                        Owner::Node(i) => self.nodes[i].attrs.push((key, Cow::Borrowed(""))),
                        Owner::Edge(i) => self.edges[i].attrs.push((key, Cow::Borrowed(""))),
                    }
                }
            } else {
                if self.stack.len() < 2 {
                    self.outer.push(element.name().as_ref().to_owned());
                }
                self.stack.push(open);
                if self.stack.len() > MAX_DEPTH {
                    return Err(InputError::new(
                        at(line),
                        Problem::TooDeep { max: MAX_DEPTH },
                    ));
                }
            }
        }
    }

    /// What the whole file held, once read to its end.
    #[allow(clippy::type_complexity)]
    fn finish(
        mut self,
        shared: &Arc<str>,
        text: &str,
    ) -> Result<(Vec<FileNode<'a>>, Vec<FileEdge<'a>>), InputError> {
        let last_line = 1 + text.bytes().filter(|&b| b == b'\n').count() as u64
            - u64::from(text.ends_with('\n'));
        let not_xml = |detail: &str| {
            InputError::new(
                Location::new(shared.clone(), Some(last_line)),
                Problem::NotXml {
                    detail: detail.into(),
                },
            )
        };
        if !self.stack.is_empty() {
            return Err(not_xml("the file ends before its elements are closed"));
        }
        if !self.root_seen {
            return Err(not_xml("no root element"));
        }
        // A key may be declared anywhere among the root's children: data read before their
        // key's declaration get its name now (GraphML puts keys first, so this is rare).
        let late: Vec<(Arc<str>, Arc<str>)> = self
            .undeclared
            .into_iter()
            .filter_map(|(id, placeholder)| Some((placeholder, self.keys.get(&id)?.clone())))
            .collect();
        if !late.is_empty() {
            let rename = |attrs: &mut Attrs<'a>| {
                for (key, _) in attrs.iter_mut() {
                    if let Some((_, name)) = late.iter().find(|(p, _)| Arc::ptr_eq(p, key)) {
                        *key = name.clone();
                    }
                }
            };
            self.nodes.iter_mut().for_each(|n| rename(&mut n.attrs));
            self.edges.iter_mut().for_each(|e| rename(&mut e.attrs));
        }
        Ok((self.nodes, self.edges))
    }
}

/// The values of the attributes `names` of an element, in one pass over its attributes;
/// an error message when they are not well formed (a value twice, a quote missing).
fn attributes<const N: usize>(
    element: &quick_xml::events::BytesStart<'_>,
    names: [&str; N],
) -> Result<[Option<String>; N], String> {
    let mut values = [const { None }; N];
    for a in element.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let local = a.key.local_name();
        if let Some(i) = names.iter().position(|n| *n == local.as_ref()) {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?;
            values[i] = Some(value.into_owned());
        }
    }
    Ok(values)
}

/// Text of a `<data>` element, borrowed from the file while it is one piece.
fn append<'a>(text: &mut Cow<'a, str>, more: Cow<'a, str>) {
    if text.is_empty() {
        *text = more;
    } else {
        text.to_mut().push_str(&more);
    }
}

/// A GEXF file, read as a tree (roxmltree) after a light check of its depth.
fn read_tree(
    shared: &Arc<str>,
    text: &str,
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    if let Some(line) = too_deep(text) {
        return Err(InputError::new(
            Location::new(shared.clone(), Some(line)),
            Problem::TooDeep { max: MAX_DEPTH },
        ));
    }
    let doc = roxmltree::Document::parse(text).map_err(|e| {
        // A cut-off file ends where the text ends, not where the parser started.
        let line = match e {
            roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
                1 + text.bytes().filter(|&b| b == b'\n').count() as u64
                    - u64::from(text.ends_with('\n'))
            }
            _ => u64::from(e.pos().row),
        };
        InputError::new(
            Location::new(shared.clone(), Some(line)),
            Problem::NotXml {
                detail: e.to_string(),
            },
        )
    })?;
    // Elements come in document order, so one counter walks the text once: asking the
    // document for each element's line would scan from the start every time.
    let lines = std::cell::RefCell::new(super::LineCounter::new(text));
    let line = |node: roxmltree::Node<'_, '_>| lines.borrow_mut().line_at(node.range().start);
    super::gexf::read(shared, doc.root_element(), &line, options, batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<ImportBatch, InputError> {
        let mut batch = ImportBatch::default();
        read(
            "t.graphml",
            text.as_bytes(),
            &ImportOptions::default(),
            &mut batch,
        )?;
        Ok(batch)
    }

    fn message(text: &str) -> String {
        read_text(text)
            .map(|_| ())
            .expect_err("refused")
            .to_string()
    }

    #[test]
    fn keys_declared_after_the_graph_still_name_its_data() {
        let batch = read_text(
            "<graphml><graph>\n<node id=\"a\"><data key=\"k\">Anja</data></node>\n\
             <node id=\"b\"><data key=\"k\">Bert</data><data key=\"r\">buur</data></node>\n\
             <edge source=\"a\" target=\"b\"><data key=\"s\">3</data></edge>\n\
             </graph>\n<key id=\"k\" for=\"node\" attr.name=\"Name\"/>\
             <key id=\"s\" for=\"edge\" attr.name=\"strength\"/></graphml>",
        )
        .unwrap();
        let names: Vec<&str> = batch.nodes.iter().map(|n| n.node.name.as_str()).collect();
        assert_eq!(names, ["Anja", "Bert"]);
        assert_eq!(batch.relations[0].relation.strength.get(), 3);
    }

    #[test]
    fn entities_and_cdata_in_data_are_read_as_text() {
        let batch = read_text(
            "<graphml><key id=\"d\" for=\"node\" attr.name=\"name\"/>\
             <key id=\"n\" for=\"node\" attr.name=\"notes\"/><graph>\
             <node id=\"a&amp;b\"><data key=\"d\">Ans &amp; <![CDATA[<Bep>]]> &#233;&#x41;</data>\
             <data key=\"n\">een&#10;twee</data></node></graph></graphml>",
        )
        .unwrap();
        let node = &batch.nodes[0].node;
        assert_eq!(node.id.as_str(), "a&b");
        assert_eq!(node.name, "Ans & <Bep> éA");
        assert_eq!(node.notes.as_deref(), Some("een\ntwee"));
    }

    #[test]
    fn a_yed_label_inside_data_is_not_taken_for_its_text() {
        // yEd nests its drawing in the data: only text before a child element is the value.
        let batch = read_text(
            "<graphml><key id=\"d\" for=\"node\" attr.name=\"name\"/>\
             <key id=\"g\" for=\"node\" yfiles.type=\"nodegraphics\"/><graph>\n\
             <node id=\"a\"><data key=\"g\"><ShapeNode><NodeLabel>x</NodeLabel></ShapeNode>na</data>\
             <data key=\"d\">Anja</data></node></graph></graphml>",
        )
        .unwrap();
        assert_eq!(batch.nodes[0].node.name, "Anja");
    }

    #[test]
    fn broken_xml_is_refused_at_its_line() {
        let mismatched = "<graphml>\n<graph>\n<node id=\"a\">\n</edge>\n</graph></graphml>";
        let m = message(mismatched);
        assert!(
            m.contains("t.graphml, line 4") && m.contains("not valid XML"),
            "{m}"
        );
        let entity = "<graphml>\n<graph>\n<node id=\"&nee;\"/></graph></graphml>";
        let m = message(entity);
        assert!(m.contains("line 3") && m.contains("not valid XML"), "{m}");
        let twice = "<graphml>\n<graph>\n\n<node id=\"a\" id=\"b\"/></graph></graphml>";
        let m = message(twice);
        assert!(m.contains("line 4") && m.contains("not valid XML"), "{m}");
        let unopened = "<graphml><graph></graph></graphml>\n</graphml>";
        assert!(message(unopened).contains("line 2"));
        let open = "<graphml>\n<graph>\n<node id=\"a\">";
        assert!(message(open).contains("line 3"));
        assert!(message("<!-- niets -->\n").contains("not valid XML"));
        let other = "<?xml version=\"1.0\"?>\n<svg/>";
        let m = message(other);
        assert!(m.contains("line 2") && m.contains("<svg>"), "{m}");
    }

    #[test]
    fn nested_graphs_give_their_edges_their_own_direction() {
        let batch = read_text(
            "<graphml><graph edgedefault=\"undirected\">\
             <node id=\"a\"><graph edgedefault=\"directed\"><node id=\"b\"/>\
             <edge source=\"b\" target=\"a\"><data key=\"kind\">refers_to</data></edge></graph></node>\
             <node id=\"c\"/><edge source=\"a\" target=\"c\"/></graph></graphml>",
        )
        .unwrap();
        assert_eq!(batch.nodes.len(), 3);
        assert_eq!(batch.relations.len(), 2);
        assert!(!batch.relations[0].unordered, "the inner edge is directed");
        assert!(batch.relations[1].unordered, "the outer edge is not");
    }
}

#[cfg(test)]
mod pieces {
    use super::*;

    /// What a read found, comparable: every node and edge with its line and attributes.
    type Found = (Vec<String>, Vec<String>);

    fn found(text: &str, pieces: usize) -> Result<Found, String> {
        let shared: Arc<str> = "p.graphml".into();
        let (nodes, edges) = read_stream(&shared, text, pieces)
            .map_err(|e| e.to_string())?
            .expect("GraphML");
        let nodes = nodes
            .iter()
            .map(|n| format!("{} {:?} {:?}", n.line, n.id, n.attrs))
            .collect();
        let edges = edges
            .iter()
            .map(|e| {
                let ends = (&e.source, &e.target, e.directed);
                format!("{} {:?} {ends:?} {:?}", e.line, e.id, e.attrs)
            })
            .collect();
        Ok((nodes, edges))
    }

    /// A GraphML file with what a cut could fall into: multi-line values, comments, CDATA
    /// and a node holding a graph of its own.
    fn file(nodes: usize, middle: &str) -> String {
        let mut text = String::from(
            "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
             <key id=\"d0\" for=\"node\" attr.name=\"name\"/>\n\
             <key id=\"d1\" for=\"node\" attr.name=\"notes\"/>\n\
             <key id=\"e0\" for=\"edge\" attr.name=\"strength\"/>\n\
             <graph id=\"w\" edgedefault=\"undirected\">\n",
        );
        for i in 0..nodes {
            text += &format!(
                "  <node id=\"n{i}\">\n    <data key=\"d0\">Persoon &amp; {i}</data>\n    \
                 <data key=\"d1\">regel een\n<node id=\"x{i}\"/> regel twee</data>\n  </node>\n"
            );
            if i % 37 == 0 {
                text += &format!("  <!-- >\n  <node id=\"c{i}\"/> -->\n");
            }
            if i % 53 == 0 {
                text += &format!(
                    "  <node id=\"h{i}\"><graph edgedefault=\"directed\">\n    <node id=\"i{i}\"/>\n    \
                     <edge source=\"i{i}\" target=\"n{i}\"/>\n  </graph></node>\n"
                );
            }
            if i == nodes / 2 {
                text += middle;
            }
        }
        for i in 1..nodes {
            text += &format!(
                "  <edge id=\"r{i}\" source=\"n{}\" target=\"n{i}\">\n    <data key=\"e0\">{}</data>\n  </edge>\n",
                i / 2,
                1 + i % 3
            );
        }
        text + "</graph>\n</graphml>\n"
    }

    #[test]
    fn a_file_read_in_pieces_is_read_as_in_one() {
        let text = file(600, "");
        let one = found(&text, 1).unwrap();
        // 600 persons, a node in each one's notes, 12 holding a graph with one node each.
        assert_eq!(one.0.len(), 600 + 600 + 12 + 12);
        for pieces in 2..=9 {
            assert_eq!(found(&text, pieces).unwrap(), one, "{pieces} pieces");
        }
        // And it is read in pieces: each stands on its own.
        assert!((2..=9).all(|pieces| in_pieces_alone(&text, pieces)));
    }

    /// Whether the text is read in `pieces` pieces without going back to one stream.
    fn in_pieces_alone(text: &str, pieces: usize) -> bool {
        let shared: Arc<str> = "p.graphml".into();
        let mut lines = super::super::LineCounter::new(text);
        let mut head = Stream::default();
        let Ok(Step::Paused(at)) = head.run(&shared, text, 0, text.len(), true, &mut lines) else {
            panic!("no pause at the first node");
        };
        let line = lines.line_at(at);
        in_pieces(&shared, text, &head, at, line, pieces).is_some()
    }

    #[test]
    fn a_cut_inside_cdata_or_a_second_graph_reads_the_file_in_one() {
        let cdata: String = (0..400).map(|i| format!("<node id=\"f{i}\"/>\n")).collect();
        for middle in [
            format!("  <node id=\"cd\"><data key=\"d1\"><![CDATA[{cdata}]]></data></node>\n"),
            format!("  <!-- {cdata} -->\n"),
            "</graph><graph edgedefault=\"directed\">\n".to_owned(),
            "</graph><key id=\"d2\" for=\"node\" attr.name=\"role\"/><graph>\n".to_owned(),
        ] {
            let text = file(300, &middle);
            let one = found(&text, 1).unwrap();
            for pieces in 2..=6 {
                assert_eq!(found(&text, pieces).unwrap(), one, "{pieces} pieces");
            }
            // Some cut fell where a piece cannot stand alone, and was caught.
            assert!(
                (2..=6).any(|pieces| !in_pieces_alone(&text, pieces)),
                "{middle}"
            );
        }
    }

    #[test]
    fn a_broken_file_in_pieces_names_the_same_first_error() {
        let text = file(300, "");
        let at = text.len() / 2 + text[text.len() / 2..].find("</data>").unwrap();
        for broken in [
            format!("{}</node>{}", &text[..at], &text[at + 7..]),
            format!("{}&nee;{}", &text[..at], &text[at..]),
            format!("{}</graph></graphml>", &text[..text.len() / 3]),
            text.replace("</graph>\n</graphml>", "</graphml>\n</graph>"),
        ] {
            let one = found(&broken, 1).unwrap_err();
            for pieces in 2..=5 {
                assert_eq!(found(&broken, pieces).unwrap_err(), one, "{pieces} pieces");
            }
        }
    }
}
