//! GEXF 1.2 (Gephi's own format): every node and relation attribute, positions as
//! `viz:position`, strength as the edge weight.

use std::io::Write;

use super::graphml::{escape, node_attributes, relation_attributes};
use crate::model::{Node, Relation};

/// Node attributes: (id, title, GEXF type).
const NODE_ATTRIBUTES: [(&str, &str, &str); 17] = [
    ("0", "kind", "string"),
    ("1", "wijk", "string"),
    ("2", "role", "string"),
    ("3", "tags", "string"),
    ("4", "offers", "string"),
    ("5", "needs", "string"),
    ("6", "contact", "string"),
    ("7", "notes", "string"),
    ("8", "consent", "string"),
    ("9", "pinned", "boolean"),
    ("10", "sensitive", "boolean"),
    ("11", "since", "string"),
    ("12", "until", "string"),
    ("13", "until_reason", "string"),
    ("14", "last_contact", "string"),
    ("15", "follow_up", "string"),
    ("16", "follow_up_note", "string"),
];

/// Relation attributes: (id, title, GEXF type).
const EDGE_ATTRIBUTES: [(&str, &str, &str); 9] = [
    ("0", "kind", "string"),
    ("1", "strength", "integer"),
    ("2", "since", "string"),
    ("3", "until", "string"),
    ("4", "notes", "string"),
    ("5", "quality", "string"),
    ("6", "support", "string"),
    ("7", "support_direction", "string"),
    ("8", "confirmed", "string"),
];

/// Writes `nodes` and `relations` as GEXF 1.2.
pub fn write<W: Write>(
    mut out: W,
    nodes: &[Node],
    relations: &[Relation],
    date: &str,
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">"#
    )?;
    writeln!(
        out,
        r#"  <meta lastmodifieddate="{}"><creator>wijkweb</creator></meta>"#,
        escape(date)
    )?;
    writeln!(
        out,
        r#"  <graph mode="static" defaultedgetype="undirected">"#
    )?;
    for (class, attributes) in [
        ("node", &NODE_ATTRIBUTES[..]),
        ("edge", &EDGE_ATTRIBUTES[..]),
    ] {
        writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
        for (id, title, ty) in attributes {
            writeln!(
                out,
                r#"      <attribute id="{id}" title="{title}" type="{ty}"/>"#
            )?;
        }
        writeln!(out, "    </attributes>")?;
    }
    writeln!(out, "    <nodes>")?;
    for n in nodes {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            escape(&n.id),
            escape(&n.name)
        )?;
        write_attvalues(&mut out, &NODE_ATTRIBUTES, &node_attributes(n), "        ")?;
        if let (Some(x), Some(y)) = (n.x, n.y) {
            writeln!(out, r#"        <viz:position x="{x}" y="{y}" z="0.0"/>"#)?;
        }
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for r in relations {
        writeln!(
            out,
            r#"      <edge id="{}" source="{}" target="{}" weight="{}">"#,
            escape(&r.id),
            escape(&r.source),
            escape(&r.target),
            r.strength.get()
        )?;
        write_attvalues(
            &mut out,
            &EDGE_ATTRIBUTES,
            &relation_attributes(r),
            "        ",
        )?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")?;
    out.flush()
}

/// Writes the `<attvalues>` of the declared attributes that have a value.
fn write_attvalues<W: Write>(
    out: &mut W,
    declared: &[(&str, &str, &str)],
    values: &[(&'static str, Option<String>)],
    indent: &str,
) -> std::io::Result<()> {
    writeln!(out, "{indent}<attvalues>")?;
    for (id, title, _) in declared {
        if let Some((_, Some(value))) = values.iter().find(|(name, _)| name == title) {
            writeln!(
                out,
                r#"{indent}  <attvalue for="{id}" value="{}"/>"#,
                escape(value)
            )?;
        }
    }
    writeln!(out, "{indent}</attvalues>")
}
