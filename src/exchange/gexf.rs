//! GEXF (Gephi's own format). Written as 1.3: every node and relation attribute,
//! positions as `viz:position`, strength as the edge weight. Read in 1.1, 1.2 and 1.3,
//! static or dynamic: a node's or edge's `start`/`end` or its spells give `since` and
//! `until` when no attribute does.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use std::borrow::Cow;

use super::graph::{Attrs, FileEdge, FileNode};
use crate::error::InputError;
use crate::records::{ImportBatch, ImportOptions};

use super::graphml::{Shown, escape, node_attributes, relation_attributes};
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

/// What Gephi reads besides: a relation's cost, the weight it came with, whether it is
/// directed, whether it has ended; a node's community and kenner score.
const SHOWN_EDGE_ATTRIBUTES: [(&str, &str, &str); 4] = [
    ("9", "cost", "integer"),
    ("10", "original_weight", "double"),
    ("11", "directed", "boolean"),
    ("12", "ended", "boolean"),
];
const SHOWN_NODE_ATTRIBUTES: [(&str, &str, &str); 2] =
    [("17", "community", "integer"), ("18", "kenner", "double")];

/// The `start` and `end` of what holds from `since` until (not on) `until`: GEXF's
/// intervals hold their last day, the day before our `until`.
fn spell(since: Option<crate::model::Date>, until: Option<crate::model::Date>) -> String {
    let mut out = String::new();
    if let Some(since) = since {
        out.push_str(&format!(r#" start="{since}""#));
    }
    if let Some(last) = until.and_then(|u| u.yesterday().ok()) {
        out.push_str(&format!(r#" end="{last}""#));
    }
    out
}

/// Writes `nodes` and `relations` as GEXF 1.3: dynamic (`start`/`end` from since and
/// until, so Gephi's timeline plays the wijk's history) when any has a date.
pub fn write<W: Write>(
    mut out: W,
    nodes: &[Node],
    relations: &[Relation],
    date: &str,
    shown: Shown<'_>,
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        r#"  <meta lastmodifieddate="{}"><creator>wijkweb</creator></meta>"#,
        escape(date)
    )?;
    let dynamic = nodes.iter().any(|n| n.since.is_some() || n.until.is_some())
        || relations
            .iter()
            .any(|r| r.since.is_some() || r.until.is_some());
    if dynamic {
        writeln!(
            out,
            r#"  <graph mode="dynamic" timeformat="date" defaultedgetype="undirected">"#
        )?;
    } else {
        writeln!(
            out,
            r#"  <graph mode="static" defaultedgetype="undirected">"#
        )?;
    }
    let node_attributes_declared: Vec<_> = NODE_ATTRIBUTES
        .iter()
        .chain(&SHOWN_NODE_ATTRIBUTES)
        .copied()
        .collect();
    let edge_attributes_declared: Vec<_> = EDGE_ATTRIBUTES
        .iter()
        .chain(&SHOWN_EDGE_ATTRIBUTES)
        .copied()
        .collect();
    for (class, attributes) in [
        ("node", &node_attributes_declared),
        ("edge", &edge_attributes_declared),
    ] {
        writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
        for (id, title, ty) in attributes.iter() {
            writeln!(
                out,
                r#"      <attribute id="{id}" title="{title}" type="{ty}"/>"#
            )?;
        }
        writeln!(out, "    </attributes>")?;
    }
    let sizes = super::graphml::sizes(nodes, relations);
    writeln!(out, "    <nodes>")?;
    for n in nodes {
        writeln!(
            out,
            r#"      <node id="{}" label="{}"{}>"#,
            escape(&n.id),
            escape(&n.name),
            spell(n.since, n.until)
        )?;
        let mut values: Vec<(&'static str, Option<String>)> = node_attributes(n).into();
        values.push(("community", shown.community(&n.id).map(|c| c.to_string())));
        values.push((
            "kenner",
            shown.kenner.get(n.id.as_str()).map(|k| k.to_string()),
        ));
        write_attvalues(&mut out, &node_attributes_declared, &values, "        ")?;
        let (r, g, b) = shown.colour(&n.id);
        writeln!(out, r#"        <viz:color r="{r}" g="{g}" b="{b}"/>"#)?;
        if let Some(size) = sizes.get(n.id.as_str()) {
            writeln!(out, r#"        <viz:size value="{size}"/>"#)?;
        }
        if let (Some(x), Some(y)) = (n.x, n.y) {
            writeln!(out, r#"        <viz:position x="{x}" y="{y}" z="0.0"/>"#)?;
        }
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for r in relations {
        writeln!(
            out,
            r#"      <edge id="{}" source="{}" target="{}" weight="{}"{}>"#,
            escape(&r.id),
            escape(&r.source),
            escape(&r.target),
            r.strength.get(),
            spell(r.since, r.until)
        )?;
        let values: Vec<(&'static str, Option<String>)> = relation_attributes(r)
            .into_iter()
            .chain(shown.relation(r).into_iter().skip(1))
            .collect();
        write_attvalues(&mut out, &edge_attributes_declared, &values, "        ")?;
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

/// Reads a GEXF document (its root `<gexf>`, parsed by [`super::graphml::read`]) into the
/// batch. `line` gives an element's line in the file.
pub(crate) fn read<'a>(
    file: &Arc<str>,
    root: roxmltree::Node<'a, '_>,
    line: &dyn Fn(roxmltree::Node<'_, '_>) -> u64,
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    let graph = root.children().find(|n| n.tag_name().name() == "graph");
    let Some(graph) = graph else {
        // A GEXF without a graph holds nothing to import.
        return Ok(());
    };
    let default_directed = graph.attribute("defaultedgetype") == Some("directed");
    // Times in another format than dates (Gephi's default is a number: 1.0, 2.0) say
    // nothing about days, so they are not read.
    let dates = !matches!(
        graph.attribute("timeformat").map(str::trim),
        Some("double" | "integer" | "float")
    );
    // Declared attributes per class: id -> title, lowercase.
    let mut titles: HashMap<(&str, &str), Arc<str>> = HashMap::new();
    for attributes in graph
        .children()
        .filter(|n| n.tag_name().name() == "attributes")
    {
        let class = attributes.attribute("class").unwrap_or("node");
        for a in attributes
            .children()
            .filter(|n| n.tag_name().name() == "attribute")
        {
            if let Some(id) = a.attribute("id") {
                let title: Arc<str> = a.attribute("title").unwrap_or(id).to_lowercase().into();
                titles.insert((class, id), title);
            }
        }
    }
    let attrs = |element: roxmltree::Node<'a, '_>, class: &str| -> Attrs<'a> {
        let mut out = Vec::new();
        let child = |name: &str| element.children().find(|n| n.tag_name().name() == name);
        if let Some(values) = child("attvalues") {
            for v in values
                .children()
                .filter(|n| n.tag_name().name() == "attvalue")
            {
                // GEXF 1.1 names the attribute by `id`, later versions by `for`.
                let Some(key) = v.attribute("for").or_else(|| v.attribute("id")) else {
                    continue;
                };
                let title = titles
                    .get(&(class, key))
                    .cloned()
                    .unwrap_or_else(|| key.to_lowercase().into());
                out.push((title, Cow::Borrowed(v.attribute("value").unwrap_or(""))));
            }
        }
        let has = |out: &Attrs<'_>, name: &str| out.iter().any(|(n, _)| &**n == name);
        if let Some(label) = element.attribute("label")
            && !has(&out, "label")
        {
            out.push(("label".into(), Cow::Borrowed(label)));
        }
        if let Some(position) = child("position")
            && !has(&out, "x")
            && let (Some(x), Some(y)) = (position.attribute("x"), position.attribute("y"))
        {
            out.push(("x".into(), Cow::Borrowed(x)));
            out.push(("y".into(), Cow::Borrowed(y)));
        }
        if dates && !has(&out, "since") && !has(&out, "until") {
            let (since, until) = period(element);
            if let Some(since) = since {
                out.push(("since".into(), Cow::Owned(since)));
            }
            if let Some(until) = until {
                out.push(("until".into(), Cow::Owned(until)));
            }
        }
        out
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for element in graph.descendants() {
        match element.tag_name().name() {
            // Nodes inside nodes (a hierarchy) are nodes of the wijk as well.
            "node" => {
                nodes.push(FileNode {
                    line: line(element),
                    id: element.attribute("id").map(str::to_owned),
                    attrs: attrs(element, "node"),
                });
            }
            "edge" => {
                let mut found = attrs(element, "edge");
                if let Some(weight) = element.attribute("weight")
                    && !found.iter().any(|(n, _)| &**n == "weight")
                {
                    found.push(("weight".into(), Cow::Borrowed(weight)));
                }
                edges.push(FileEdge {
                    line: line(element),
                    id: element.attribute("id").map(str::to_owned),
                    source: element.attribute("source").map(str::to_owned),
                    target: element.attribute("target").map(str::to_owned),
                    directed: match element.attribute("type").map(str::trim) {
                        Some("directed") => true,
                        Some(_) => false,
                        None => default_directed,
                    },
                    attrs: found,
                });
            }
            _ => {}
        }
    }
    super::graph::into_batch(file, nodes, edges, options, batch)
}

/// The days an element of a dynamic GEXF is there: its `start` (or the earliest spell's)
/// and the day after its `end` (or the latest spell's): GEXF's intervals hold their last
/// day, our `until` is the first day without. An open end (a spell without one) is none.
fn period(element: roxmltree::Node<'_, '_>) -> (Option<String>, Option<String>) {
    let day = |text: Option<&str>| -> Option<crate::model::Date> {
        let text = text?.trim();
        crate::model::parse_date(text.get(..10).unwrap_or(text))
    };
    let mut spans: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    if element.attribute("start").is_some() || element.attribute("end").is_some() {
        spans.push((element.attribute("start"), element.attribute("end")));
    }
    if let Some(spells) = element.children().find(|n| n.tag_name().name() == "spells") {
        for spell in spells.children().filter(|n| n.tag_name().name() == "spell") {
            spans.push((
                spell.attribute("start").or(spell.attribute("startopen")),
                spell.attribute("end").or(spell.attribute("endopen")),
            ));
        }
    }
    if spans.is_empty() {
        return (None, None);
    }
    let since = spans.iter().filter_map(|(s, _)| day(*s)).min();
    let open = spans.iter().any(|(_, e)| e.is_none());
    let until = if open {
        None
    } else {
        spans
            .iter()
            .filter_map(|(_, e)| day(*e))
            .max()
            .and_then(|d| d.tomorrow().ok())
    };
    (since.map(|d| d.to_string()), until.map(|d| d.to_string()))
}
