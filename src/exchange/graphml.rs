//! GraphML (Gephi, Cytoscape, networkx, yEd): export with every attribute and position,
//! import of nodes, relations and the attributes that map onto the model.
//!
//! Relations are written undirected (as analysis treats all kinds but `refers_to`); the
//! kind attribute keeps `refers_to` and the source/target order keeps its direction.

use std::collections::HashMap;
use std::io::Write;

use super::graph::{FileEdge, FileNode};
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
pub fn read(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    let text = super::read_utf8(file, bytes)?;
    let shared: std::sync::Arc<str> = file.into();
    if let Some(line) = too_deep(&text) {
        return Err(InputError::new(
            Location::new(shared.clone(), Some(line)),
            Problem::TooDeep { max: MAX_DEPTH },
        ));
    }
    let doc = roxmltree::Document::parse(&text).map_err(|e| {
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
    let lines = std::cell::RefCell::new(super::LineCounter::new(&text));
    let line = |node: roxmltree::Node<'_, '_>| lines.borrow_mut().line_at(node.range().start);
    let root = doc.root_element();
    if root.tag_name().name() == "gexf" {
        return super::gexf::read(&shared, root, &line, options, batch);
    }
    if root.tag_name().name() != "graphml" {
        return Err(InputError::new(
            Location::new(shared.clone(), Some(line(root))),
            Problem::NotGraphml {
                root: root.tag_name().name().to_owned(),
            },
        ));
    }
    // key id -> attribute name
    let keys: HashMap<&str, &str> = root
        .children()
        .filter(|n| n.tag_name().name() == "key")
        .filter_map(|k| {
            Some((
                k.attribute("id")?,
                k.attribute("attr.name").unwrap_or(k.attribute("id")?),
            ))
        })
        .collect();
    let data = |element: roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        element
            .children()
            .filter(|d| d.tag_name().name() == "data")
            .filter_map(|d| {
                let key = d.attribute("key")?;
                let name = keys.get(key).copied().unwrap_or(key);
                Some((name.to_lowercase(), d.text().unwrap_or("").to_owned()))
            })
            .collect()
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for element in root.descendants() {
        match element.tag_name().name() {
            "node" => nodes.push(FileNode {
                line: line(element),
                id: element.attribute("id").map(str::to_owned),
                attrs: data(element),
            }),
            "edge" => {
                // An edge says its direction, or its graph does (undirected unless said).
                let directed = match element.attribute("directed") {
                    Some(said) => said.trim() == "true",
                    None => element
                        .ancestors()
                        .find(|a| a.tag_name().name() == "graph")
                        .and_then(|g| g.attribute("edgedefault"))
                        .is_some_and(|d| d.trim() == "directed"),
                };
                edges.push(FileEdge {
                    line: line(element),
                    id: element.attribute("id").map(str::to_owned),
                    source: element.attribute("source").map(str::to_owned),
                    target: element.attribute("target").map(str::to_owned),
                    directed,
                    attrs: data(element),
                });
            }
            _ => {}
        }
    }
    super::graph::into_batch(&shared, nodes, edges, options, batch)?;
    Ok(())
}
