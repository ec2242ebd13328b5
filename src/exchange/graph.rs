//! What GraphML and GEXF have in common on the way in (DESIGN §4.5): a graph file's nodes
//! and edges, each with its attributes by name, turned into the import's records. A node
//! is named by `name`, else `label`, else its id; our `id` attribute (which igraph keeps
//! when it renumbers nodes) wins over the file's own node id; weights of any range map
//! onto strength 1-3 by the import's rule and are kept; a directed edge without a kind
//! becomes what the import was told, or is refused with the question.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{FieldParser, checked_text};
use crate::error::{InputError, Location, Problem};
use crate::model::{RelationKind, Strength, Weight};
use crate::records::{
    Directed, ImportBatch, ImportOptions, NodeField, NodeRecord, RelationField, RelationRecord,
    WeightRule,
};

/// A graph file's attributes of a node or edge: names (shared by all elements, in
/// lowercase) and values (borrowed from the file's text where they stand in it as they are).
pub(crate) type Attrs<'a> = Vec<(Arc<str>, Cow<'a, str>)>;

/// A node as a graph file has it.
pub(crate) struct FileNode<'a> {
    /// Its line in the file.
    pub line: u64,
    /// The file's id of it.
    pub id: Option<String>,
    /// Its attributes, names in lowercase, in file order.
    pub attrs: Attrs<'a>,
}

/// An edge as a graph file has it.
pub(crate) struct FileEdge<'a> {
    /// Its line in the file.
    pub line: u64,
    /// The file's id of it, if any.
    pub id: Option<String>,
    /// The file's ids of its ends.
    pub source: Option<String>,
    /// See `source`.
    pub target: Option<String>,
    /// Whether the file says it goes from source to target.
    pub directed: bool,
    /// Its attributes, names in lowercase, in file order.
    pub attrs: Attrs<'a>,
}

fn get<'a>(attrs: &'a [(Arc<str>, Cow<'_, str>)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| &**n == name)
        .map(|(_, v)| v.as_ref())
}

/// Attribute names as the CSV columns read them (Dutch or English: `Rol`, `naam`,
/// `sterkte`), but `type`, which other tools use for anything.
/// Each name is looked up once (`seen`), not made again for every element.
fn canonical(
    attrs: &mut [(Arc<str>, Cow<'_, str>)],
    seen: &mut foldhash::HashMap<Arc<str>, Arc<str>>,
) {
    for (name, _) in attrs.iter_mut() {
        if &**name != "type" {
            *name = seen
                .entry(name.clone())
                .or_insert_with_key(|name| super::csv::column_name(name).into())
                .clone();
        }
    }
}

/// Adds the file's nodes and edges to the batch.
pub(crate) fn into_batch(
    file: &Arc<str>,
    mut nodes: Vec<FileNode<'_>>,
    mut edges: Vec<FileEdge<'_>>,
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    use rayon::prelude::*;
    // On every core, as a snapshot's elements are (json.rs): the records in the file's
    // order, or the error of the first element that has one.
    let new_seen = foldhash::HashMap::<Arc<str>, Arc<str>>::default;
    nodes
        .par_iter_mut()
        .with_min_len(1024)
        .for_each_init(new_seen, |seen, node| canonical(&mut node.attrs, seen));
    edges
        .par_iter_mut()
        .with_min_len(1024)
        .for_each_init(new_seen, |seen, edge| canonical(&mut edge.attrs, seen));
    // The file's node ids, and where our own `id` attribute says otherwise (a file that
    // igraph wrote renumbers nodes n0, n1... and keeps the ids it read as `id`).
    let mut file_ids: foldhash::HashSet<String> =
        HashSet::with_capacity_and_hasher(nodes.len(), Default::default());
    let mut renamed: foldhash::HashMap<String, String> = HashMap::default();
    let ids: Vec<Option<String>> = nodes
        .iter()
        .map(|node| {
            let own = get(&node.attrs, "id").and_then(|v| checked_text(Some(v.to_owned())));
            if let Some(id) = &node.id {
                file_ids.insert(id.clone());
            }
            match (own, &node.id) {
                (Some(own), Some(theirs)) if own != *theirs => {
                    renamed.insert(theirs.clone(), own.clone());
                    file_ids.insert(own.clone());
                    Some(own)
                }
                (Some(own), None) => Some(own),
                _ => node.id.clone(),
            }
        })
        .collect();
    let fields_at = |line: u64| FieldParser {
        location: Location::new(file.clone(), Some(line)),
        lines_to: &|_| 0,
        date_order: options.date_order,
    };
    let made: Vec<Result<NodeRecord, InputError>> = nodes
        .par_iter()
        .zip(ids)
        .with_min_len(1024)
        .map(|(node, id)| node_record(&fields_at(node.line), id, &node.attrs))
        .collect();
    batch.nodes.reserve(made.len());
    for record in made {
        batch.nodes.push(record?);
    }
    let made: Vec<Result<(RelationRecord, Option<f64>), InputError>> = edges
        .into_par_iter()
        .with_min_len(1024)
        .map(|edge| relation_record(&fields_at(edge.line), edge, &renamed, &file_ids, options))
        .collect();
    let mut weighed: Vec<(usize, f64)> = Vec::new();
    batch.relations.reserve(made.len());
    for made in made {
        let (record, weight) = made?;
        if let Some(weight) = weight {
            weighed.push((batch.relations.len(), weight));
        }
        batch.relations.push(record);
    }
    let strengths = strengths(
        &weighed.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        options.weights,
    );
    for ((at, _), strength) in weighed.iter().zip(strengths) {
        let record = &mut batch.relations[*at];
        record.relation.strength = strength;
        record.set(RelationField::Strength);
    }
    Ok(())
}

/// A relation record from a graph file's edge, and its weight when the strength is to
/// come from it (by the rule, once all weights are known).
fn relation_record(
    fields: &FieldParser<'_>,
    edge: FileEdge<'_>,
    renamed: &foldhash::HashMap<String, String>,
    file_ids: &foldhash::HashSet<String>,
    options: &ImportOptions,
) -> Result<(RelationRecord, Option<f64>), InputError> {
    let end = |id: Option<String>| id.map(|id| renamed.get(&id).cloned().unwrap_or(id));
    let mut record = fields.relation_record(end(edge.source), end(edge.target))?;
    record.foreign = true;
    // An edge id that is also a node's is none (igraph writes its source's id there);
    // the store trusts the rest only for a relation with the same ends.
    let id = edge
        .id
        .or_else(|| get(&edge.attrs, "id").map(str::to_owned))
        .and_then(|id| checked_text(Some(id)))
        .filter(|id| !file_ids.contains(id));
    if let Some(id) = id {
        record.relation.id = id.into();
        record.has_id = true;
    }
    relation_fields(fields, &mut record, &edge.attrs)?;
    if !record.has(RelationField::Kind) && edge.directed {
        match options.directed {
            None => return Err(fields.error("directed", Problem::DirectedEdge)),
            Some(Directed::RefersTo) => {
                record.relation.kind = RelationKind::RefersTo;
                record.set(RelationField::Kind);
            }
            Some(Directed::Ignore) => {}
        }
    }
    // Only an undirected edge's ends may come in either order.
    record.unordered = !edge.directed || !record.relation.kind.is_directed();
    let mut weighed = None;
    if !record.has(RelationField::Strength)
        && let Some(text) = get(&edge.attrs, "weight")
    {
        let value = weight(fields, "weight", text)?;
        record.relation.weight = Some(value);
        record.set(RelationField::Weight);
        weighed = Some(value.get());
    }
    fields.period(&record.relation)?;
    Ok((record, weighed))
}

/// A weight: a finite number within [`Weight::MAX`].
fn weight(fields: &FieldParser<'_>, field: &str, text: &str) -> Result<Weight, InputError> {
    let text = text.trim();
    let value: f64 = text.parse().map_err(|_| {
        fields.error(
            field,
            Problem::NotANumber {
                text: text.to_owned(),
            },
        )
    })?;
    Weight::new(value).ok_or_else(|| fields.error(field, Problem::NotFinite))
}

/// The strength of each weight by the rule (DESIGN §4.5). Terciles: a weight's place is
/// the middle of its ranks among all the weights (ties share it) over the last rank, from
/// 0 to 1; below a third is weak, above two thirds strong, between normal; when all are
/// equal, every relation is normal (the file says nothing about strength).
pub fn strengths(weights: &[f64], rule: WeightRule) -> Vec<Strength> {
    match rule {
        WeightRule::Thresholds { weak, strong } => weights
            .iter()
            .map(|&w| {
                if w <= weak {
                    Strength::WEAK
                } else if w >= strong {
                    Strength::STRONG
                } else {
                    Strength::NORMAL
                }
            })
            .collect(),
        WeightRule::Terciles => {
            let n = weights.len();
            let mut sorted: Vec<f64> = weights.to_vec();
            sorted.sort_by(f64::total_cmp);
            if sorted.first() == sorted.last() {
                return vec![Strength::NORMAL; n];
            }
            weights
                .iter()
                .map(|&w| {
                    let first = sorted.partition_point(|&v| v < w);
                    let past = sorted.partition_point(|&v| v <= w);
                    // The place is the middle rank over the last rank (0 to 1): below
                    // a third weak, above two thirds strong. In whole numbers, with
                    // twice the middle rank.
                    let (middle2, last) = (first + past - 1, n - 1);
                    if 3 * middle2 < 2 * last {
                        Strength::WEAK
                    } else if 3 * middle2 > 4 * last {
                        Strength::STRONG
                    } else {
                        Strength::NORMAL
                    }
                })
                .collect()
        }
    }
}

/// A node record from a graph file's attributes.
fn node_record(
    fields: &FieldParser<'_>,
    id: Option<String>,
    attrs: &[(Arc<str>, Cow<'_, str>)],
) -> Result<NodeRecord, InputError> {
    let name = get(attrs, "name")
        .or_else(|| get(attrs, "label"))
        .filter(|v| !v.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| id.clone());
    let mut record = fields.node_record(id, get(attrs, "kind"), name)?;
    let list = |v: &str| crate::model::normalise_themes(v.split('|'));
    for (name, value) in attrs {
        let n = &mut record.node;
        let field = match &**name {
            "wijk" => {
                n.wijk = checked_text(Some(value.to_string()));
                NodeField::Wijk
            }
            "role" => {
                n.role = checked_text(Some(value.to_string()));
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
                n.contact = Some(value.to_string()).filter(|v| !v.trim().is_empty());
                NodeField::Contact
            }
            "notes" => {
                n.notes = Some(value.to_string()).filter(|v| !v.trim().is_empty());
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
                if &**name == "x" {
                    n.x = fields.coordinate("x", Some(v))?;
                } else {
                    n.y = fields.coordinate("y", Some(v))?;
                }
                NodeField::Position
            }
            "pinned" => {
                // networkx writes Python's True and False.
                n.pinned = fields.yes_no("pinned", value)?;
                NodeField::Pinned
            }
            "sensitive" => {
                // networkx writes Python's True and False.
                n.sensitive = fields.yes_no("sensitive", value)?;
                NodeField::Sensitive
            }
            "since" => {
                n.since = fields.date("since", Some(value.to_string()))?;
                NodeField::Since
            }
            "until" => {
                n.until = fields.date("until", Some(value.to_string()))?;
                NodeField::Until
            }
            "until_reason" => {
                n.until_reason = checked_text(Some(value.to_string()));
                NodeField::UntilReason
            }
            "last_contact" => {
                n.last_contact = fields.date("last_contact", Some(value.to_string()))?;
                NodeField::LastContact
            }
            "follow_up" => {
                n.follow_up = fields.date("follow_up", Some(value.to_string()))?;
                NodeField::FollowUp
            }
            "follow_up_note" => {
                n.follow_up_note = checked_text(Some(value.to_string()));
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
    Ok(record)
}

/// Sets a relation's fields from a graph file's attributes (`weight` aside: it is mapped
/// once all are read).
fn relation_fields(
    fields: &FieldParser<'_>,
    record: &mut RelationRecord,
    attrs: &[(Arc<str>, Cow<'_, str>)],
) -> Result<(), InputError> {
    for (name, value) in attrs {
        let value = value.to_string();
        let field = match &**name {
            "kind" => {
                if value.trim().is_empty() {
                    continue;
                }
                record.relation.kind = fields.parse("kind", &value)?;
                RelationField::Kind
            }
            "strength" => {
                let value = value.trim();
                // Written as a double by some tools: 2.0 is 2.
                let whole = value.strip_suffix(".0").unwrap_or(value);
                record.relation.strength = fields.strength_text(whole)?;
                RelationField::Strength
            }
            "original_weight" => {
                record.relation.weight = Some(weight(fields, "original_weight", &value)?);
                RelationField::Weight
            }
            "since" => {
                record.relation.since = fields.date("since", Some(value.to_owned()))?;
                RelationField::Since
            }
            "until" => {
                record.relation.until = fields.date("until", Some(value.to_owned()))?;
                RelationField::Until
            }
            "notes" => {
                record.relation.notes = Some(value.to_owned()).filter(|v| !v.trim().is_empty());
                RelationField::Notes
            }
            "confirmed" => {
                record.relation.confirmed = fields.date("confirmed", Some(value.to_owned()))?;
                RelationField::Confirmed
            }
            "quality" | "support" | "support_direction" => {
                let field = match &**name {
                    "quality" => RelationField::Quality,
                    "support" => RelationField::Support,
                    _ => RelationField::SupportDirection,
                };
                fields.ecogram(record, field, &value)?;
                continue;
            }
            _ => continue,
        };
        record.set(field);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(weights: &[f64]) -> Vec<u8> {
        strengths(weights, WeightRule::Terciles)
            .into_iter()
            .map(Strength::get)
            .collect()
    }

    #[test]
    fn terciles_keep_one_two_three_and_make_equal_weights_normal() {
        assert_eq!(values(&[1.0, 2.0, 3.0, 3.0, 2.0, 1.0]), [1, 2, 3, 3, 2, 1]);
        assert_eq!(values(&[1.0; 5]), [2; 5]);
        assert_eq!(values(&[4.5]), [2]);
        assert_eq!(values(&[]), Vec::<u8>::new());
        // Half and half: the low half weak, the high half strong.
        assert_eq!(values(&[0.1, 0.1, 9.0, 9.0]), [1, 1, 3, 3]);
    }

    #[test]
    fn terciles_follow_ranks_not_the_range() {
        // One huge weight does not make all the rest weak.
        let weights = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 1000.0];
        assert_eq!(values(&weights), [1, 1, 2, 2, 2, 3, 3]);
    }

    #[test]
    fn thresholds_split_at_the_given_weights() {
        let rule = WeightRule::Thresholds {
            weak: 2.0,
            strong: 5.0,
        };
        let got: Vec<u8> = strengths(&[0.0, 2.0, 2.5, 4.9, 5.0, 80.0], rule)
            .into_iter()
            .map(Strength::get)
            .collect();
        assert_eq!(got, [1, 1, 2, 2, 3, 3]);
    }
}
