//! `wijkweb ego` (a node's network, with each direct contact's ring and quadrant in a
//! netwerkcirkel scheme) and `wijkweb relation` (set a relation's ecogram fields).

use std::io::Write;

use super::crypt::Wijk;
use super::{Failure, SchemeArg, network_of, output_error, print_json, resolve};
use crate::layout::circle;
use crate::model::{Quality, Relation, RelationKind, Scheme, Support, SupportDirection};
use crate::store::OpenMode;
use crate::words::Words;

/// The arguments of `relation`.
#[derive(Debug, clap::Args)]
pub struct RelationArgs {
    /// One end (id or name).
    #[arg(long, value_name = "NODE")]
    from: String,
    /// The other end (id or name).
    #[arg(long, value_name = "NODE")]
    to: String,
    /// Steunend, neutraal or belastend (supportive, neutral, burdening).
    #[arg(long)]
    quality: Option<String>,
    /// The support in it: letters or names, e.g. P,E or practical|emotional; "" for none.
    #[arg(long)]
    support: Option<String>,
    /// Who supports whom: to_target (FROM supports TO), to_source, mutual; "" for not said.
    #[arg(long)]
    direction: Option<String>,
    /// The kind, for a new relation when FROM and TO have none (e.g. family, neighbour).
    #[arg(long)]
    kind: Option<String>,
    /// Print the relation as JSON.
    #[arg(long)]
    json: bool,
}

/// The arguments of `ego`.
#[derive(Debug, clap::Args)]
pub struct EgoArgs {
    /// The node (id or name).
    node: String,
    /// How many steps out.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// The netwerkcirkel scheme for each direct contact's ring and quadrant.
    #[arg(long, value_enum, default_value = "lensink")]
    scheme: SchemeArg,
    /// Print JSON: {"scheme","nodes":[{"id","name","kind","role","distance","ring",
    /// "ring_name","quadrant","quadrant_name","placed"}],"relations":[{"id","source",
    /// "target","kind","strength","quality","support","support_direction"}]}.
    #[arg(long)]
    json: bool,
}

/// `wijkweb relation`: sets the ecogram fields on the relation between two nodes (the
/// strongest, when there are several), or makes a new one of `--kind`.
pub fn relation(db: &Wijk, args: RelationArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let network = network_of(&store)?;
    let from = resolve(&network, &args.from)?;
    let to = resolve(&network, &args.to)?;
    let user = |what: &str, e: crate::model::UnknownKind| Failure::User(format!("--{what}: {e}"));
    let quality = args
        .quality
        .as_deref()
        .map(str::parse::<Quality>)
        .transpose()
        .map_err(|e| user("quality", e))?;
    let support = args
        .support
        .as_deref()
        .map(Support::parse_list)
        .transpose()
        .map_err(|e| user("support", e))?;
    let direction = match args.direction.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(
            text.parse::<SupportDirection>()
                .map_err(|e| user("direction", e))?,
        )),
    };
    let kind = args
        .kind
        .as_deref()
        .map(str::parse::<RelationKind>)
        .transpose()
        .map_err(|e| user("kind", e))?;
    let existing = store
        .relations_of(&from)?
        .into_iter()
        .filter(|r| (r.source == from && r.target == to) || (r.source == to && r.target == from))
        .filter(|r| kind.is_none_or(|k| r.kind == k))
        .max_by_key(|r| (r.strength, std::cmp::Reverse(r.kind)));
    let (mut relation, new) = match existing {
        Some(r) => (r, false),
        None => match kind {
            Some(kind) => (Relation::new(from.clone(), to.clone(), kind), true),
            None => {
                return Err(Failure::User(format!(
                    "'{}' and '{}' have no relation: give --kind to make one",
                    args.from, args.to
                )));
            }
        },
    };
    // A direction is said from FROM to TO; the stored relation may run the other way.
    let reversed = relation.source != from;
    if let Some(q) = quality {
        relation.quality = q;
    }
    if let Some(s) = support {
        relation.support = s;
    }
    if let Some(d) = direction {
        relation.support_direction = d.map(|d| if reversed { d.reversed() } else { d });
    }
    let relation = if new {
        store.add_relation(relation)?
    } else {
        store.update_relation(relation)?
    };
    if args.json {
        return print_json(out, &relation);
    }
    writeln!(
        out,
        "{} relation {}: {} {} {} · {} · {}",
        if new { "added" } else { "updated" },
        relation.id,
        relation.source,
        relation.kind,
        relation.target,
        relation.quality,
        if relation.support.is_empty() {
            "-".to_owned()
        } else {
            relation.support.letters()
        }
    )
    .map_err(output_error)
}

/// `wijkweb ego`: the nodes within `depth` steps and their relations, and each direct
/// contact's ring and quadrant in `scheme` (her placement by the makelaar, else the
/// proposed one).
pub fn ego(
    db: &Wijk,
    args: EgoArgs,
    day: crate::model::Date,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let (nodes, relations) = store.load()?;
    let network = crate::graph::Network::new(&nodes, &relations, day);
    let id = resolve(&network, &args.node)?;
    let scheme = Scheme::from(args.scheme);
    let Some(center) = network.index(&id) else {
        return Err(Failure::User(format!("no node with id '{id}'")));
    };
    let placed = store.circle_places(&id, scheme)?;
    // Her circle on the day: the relations that held, with the people there then.
    let current: Vec<Relation> = crate::model::relations_on(&nodes, &relations, day)
        .cloned()
        .collect();
    let contacts = circle::contacts(scheme, &id, &nodes, &current, &placed);
    let names = words.casus.scheme(scheme);
    let ego = network.ego(center, args.depth);
    let by_id: std::collections::HashMap<&str, &Relation> =
        relations.iter().map(|r| (r.id.as_str(), r)).collect();
    let node_list: Vec<serde_json::Value> = ego
        .nodes
        .iter()
        .filter_map(|&(i, d)| {
            let n = network.info(i)?;
            let mut value = serde_json::json!({
                "id": n.id, "name": n.name, "kind": n.kind, "role": n.role, "distance": d,
            });
            if let Some(c) = contacts.iter().find(|c| c.id == n.id) {
                let map = value.as_object_mut()?;
                map.insert("ring".into(), c.place.ring.into());
                map.insert(
                    "ring_name".into(),
                    names.rings.get(usize::from(c.place.ring)).copied().into(),
                );
                map.insert("quadrant".into(), c.place.sector.into());
                map.insert(
                    "quadrant_name".into(),
                    names.sectors[usize::from(c.place.sector.min(3))].into(),
                );
                map.insert("placed".into(), c.placed.into());
            }
            Some(value)
        })
        .collect();
    let relation_list: Vec<serde_json::Value> = ego
        .relations
        .iter()
        .filter_map(|&e| {
            let r = by_id.get(network.edge(e)?.id.as_str())?;
            Some(serde_json::json!({
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "kind": r.kind,
                "strength": r.strength,
                "quality": r.quality,
                "support": r.support,
                "support_direction": r.support_direction,
            }))
        })
        .collect();
    if args.json {
        return print_json(
            out,
            &serde_json::json!({
                "scheme": scheme.as_str(),
                "nodes": node_list,
                "relations": relation_list,
            }),
        );
    }
    for &(i, d) in &ego.nodes {
        if let Some(n) = network.info(i) {
            let role = n.role.as_deref().unwrap_or(n.kind.dutch());
            let place = contacts
                .iter()
                .find(|c| c.id == n.id)
                .map(|c| {
                    format!(
                        " [{} · {}]",
                        names.sectors[usize::from(c.place.sector.min(3))],
                        names.rings.get(usize::from(c.place.ring)).unwrap_or(&"")
                    )
                })
                .unwrap_or_default();
            writeln!(out, "{}{} ({role}){place}", "  ".repeat(d), n.name).map_err(output_error)?;
        }
    }
    writeln!(
        out,
        "{} nodes, {} relations",
        node_list.len(),
        relation_list.len()
    )
    .map_err(output_error)
}
