//! GraphML (Gephi, Cytoscape, networkx, yEd): export with every attribute and position,
//! import of nodes, relations and the attributes that map onto the model.
//!
//! Relations are written undirected (as analysis treats all kinds but `refers_to`); the
//! kind attribute keeps `refers_to` and the source/target order keeps its direction.

use std::collections::HashMap;
use std::io::Write;

use super::FieldParser;
use crate::error::{InputError, Location, Problem};
use crate::model::{Node, Relation};
use crate::records::{ImportBatch, NodeField, RelationField};

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
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
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

/// Writes `nodes` and `relations` as GraphML.
pub fn write<W: Write>(mut out: W, nodes: &[Node], relations: &[Relation]) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, name, ty) in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    for (id, name, ty) in EDGE_KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="wijk" edgedefault="undirected">"#)?;
    for n in nodes {
        writeln!(out, r#"    <node id="{}">"#, escape(&n.id))?;
        for ((key, ..), (_, value)) in NODE_KEYS.iter().zip(node_attributes(n)) {
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
        for ((key, ..), (_, value)) in EDGE_KEYS.iter().zip(relation_attributes(r)) {
            if let Some(value) = value {
                writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(&value))?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    out.flush()
}

/// Reads a GraphML file into the batch: nodes, relations, and the attributes named like
/// the model's fields (`label` counts as `name`; others are ignored).
pub fn read(file: &str, bytes: &[u8], batch: &mut ImportBatch) -> Result<(), InputError> {
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
    for element in root.descendants() {
        match element.tag_name().name() {
            "node" => {
                let fields = FieldParser {
                    location: Location::new(shared.clone(), Some(line(element))),
                    lines_to: &|_| 0,
                };
                let id = element.attribute("id").map(str::to_owned);
                let attrs = data(element);
                let get = |name: &str| {
                    attrs
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                };
                // Gephi names nodes by `label`; a file with neither is named by its ids.
                let name = get("name").or_else(|| get("label")).or_else(|| id.clone());
                let kind = get("kind");
                let mut record = fields.node_record(id, kind.as_deref(), name)?;
                let list = |v: &str| crate::model::normalise_themes(v.split('|'));
                for (name, value) in &attrs {
                    let n = &mut record.node;
                    let field = match name.as_str() {
                        "wijk" => {
                            n.wijk = super::checked_text(Some(value.clone()));
                            NodeField::Wijk
                        }
                        "role" => {
                            n.role = super::checked_text(Some(value.clone()));
                            NodeField::Role
                        }
                        "tags" => {
                            n.tags = list(value);
                            NodeField::Tags
                        }
                        "offers" => {
                            n.offers = list(value);
                            NodeField::Offers
                        }
                        "needs" => {
                            n.needs = list(value);
                            NodeField::Needs
                        }
                        "contact" => {
                            n.contact = Some(value.clone()).filter(|v| !v.trim().is_empty());
                            NodeField::Contact
                        }
                        "notes" => {
                            n.notes = Some(value.clone()).filter(|v| !v.trim().is_empty());
                            NodeField::Notes
                        }
                        "x" | "y" => {
                            let v: f64 = value.trim().parse().map_err(|_| {
                                fields.error(
                                    name,
                                    Problem::NotANumber {
                                        text: value.to_string(),
                                    },
                                )
                            })?;
                            if name == "x" {
                                n.x = fields.coordinate("x", Some(v))?;
                            } else {
                                n.y = fields.coordinate("y", Some(v))?;
                            }
                            NodeField::Position
                        }
                        "pinned" => {
                            n.pinned = matches!(value.trim(), "true" | "1");
                            NodeField::Pinned
                        }
                        "sensitive" => {
                            n.sensitive = matches!(value.trim(), "true" | "1");
                            NodeField::Sensitive
                        }
                        "since" => {
                            n.since = fields.date("since", Some(value.clone()))?;
                            NodeField::Since
                        }
                        "until" => {
                            n.until = fields.date("until", Some(value.clone()))?;
                            NodeField::Until
                        }
                        "until_reason" => {
                            n.until_reason = super::checked_text(Some(value.clone()));
                            NodeField::UntilReason
                        }
                        "last_contact" => {
                            n.last_contact = fields.date("last_contact", Some(value.clone()))?;
                            NodeField::LastContact
                        }
                        "follow_up" => {
                            n.follow_up = fields.date("follow_up", Some(value.clone()))?;
                            NodeField::FollowUp
                        }
                        "follow_up_note" => {
                            n.follow_up_note = super::checked_text(Some(value.clone()));
                            NodeField::FollowUpNote
                        }
                        _ => continue,
                    };
                    record.set(field);
                }
                if record.node.x.is_some() != record.node.y.is_some() {
                    return Err(fields.error("y", Problem::HalfPosition));
                }
                fields.dates(record.node.since, record.node.until)?;
                batch.nodes.push(record);
            }
            "edge" => {
                let fields = FieldParser {
                    location: Location::new(shared.clone(), Some(line(element))),
                    lines_to: &|_| 0,
                };
                let mut record = fields.relation_record(
                    element.attribute("source").map(str::to_owned),
                    element.attribute("target").map(str::to_owned),
                )?;
                if let Some(id) = super::checked_text(element.attribute("id").map(str::to_owned)) {
                    record.relation.id = id.into();
                    record.has_id = true;
                }
                for (name, value) in data(element) {
                    let field = match name.as_str() {
                        "kind" => {
                            if !value.trim().is_empty() {
                                record.relation.kind = fields.parse("kind", &value)?;
                            }
                            RelationField::Kind
                        }
                        "strength" | "weight" => {
                            let value = value.trim();
                            // Gephi writes weights as 1.0; whole numbers 1-3 are strengths.
                            let whole = value.strip_suffix(".0").unwrap_or(value);
                            record.relation.strength = fields.strength_text(whole)?;
                            RelationField::Strength
                        }
                        "since" => {
                            record.relation.since = fields.date("since", Some(value))?;
                            RelationField::Since
                        }
                        "until" => {
                            record.relation.until = fields.date("until", Some(value))?;
                            RelationField::Until
                        }
                        "notes" => {
                            record.relation.notes = Some(value).filter(|v| !v.trim().is_empty());
                            RelationField::Notes
                        }
                        "confirmed" => {
                            record.relation.confirmed = fields.date("confirmed", Some(value))?;
                            RelationField::Confirmed
                        }
                        "quality" | "support" | "support_direction" => {
                            let field = match name.as_str() {
                                "quality" => RelationField::Quality,
                                "support" => RelationField::Support,
                                _ => RelationField::SupportDirection,
                            };
                            fields.ecogram(&mut record, field, &value)?;
                            continue;
                        }
                        _ => continue,
                    };
                    record.set(field);
                }
                fields.period(&record.relation)?;
                batch.relations.push(record);
            }
            _ => {}
        }
    }
    Ok(())
}
