//! Importing a parsed batch of nodes and relations in one transaction.
//!
//! A node whose id exists is updated, not duplicated, and only in the fields the file
//! actually has (a CSV without an `x` column leaves positions alone; a JSON `null` clears a
//! field). A relation without an id matches an existing one with the same ends and kind.
//! Every check that needs the database (unknown ids, duplicates across files) runs before
//! the first write, and any error rolls back the whole import.
//!
//! The audit log gets a row with before and after for every node and relation the import
//! changed, and one summary row for the import (files and counts). Added rows are not
//! logged one by one: a 600k-row import would double in time and size for rows that the
//! summary and the `.bak` copies already account for.

use std::collections::{HashMap, HashSet};

use rusqlite::Transaction;
use serde::Serialize;

use super::{Action, Change, audit, rows};
use crate::error::{InputError, Location, Problem, StoreError};
use crate::model::{Node, Relation, RelationKind, limits, now};
use crate::records::{ImportBatch, NodeField, NodeRecord, RelationField, RelationRecord};

impl DuplicateName {
    /// Its places for a message: the first few, and how many more (a list of 50,000 rows
    /// with one name would make a message of a megabyte).
    pub fn places_shown(&self) -> String {
        self.places_worded(&Location::to_string)
    }

    /// Its places as [`Self::places_shown`], each worded by `word` (in the app's language).
    pub fn places_worded(&self, word: &dyn Fn(&Location) -> String) -> String {
        const SHOWN: usize = 5;
        let mut text = self.at[..self.at.len().min(SHOWN)]
            .iter()
            .map(word)
            .collect::<Vec<_>>()
            .join("; ");
        if self.at.len() > SHOWN {
            text.push_str(&format!("; … +{}", self.at.len() - SHOWN));
        }
        text
    }
}

/// A name that more than one row of an import without ids has: each became a node of its
/// own (two people may share a name); the makelaar checks whether they are one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DuplicateName {
    /// The name as written first.
    pub name: String,
    /// Where each row is: file and line (written out as text in a report).
    #[serde(rename = "places", serialize_with = "locations_as_text")]
    pub at: Vec<Location>,
}

/// Locations as a report shows them: "wijk.csv, line 2".
fn locations_as_text<S: serde::Serializer>(at: &[Location], out: S) -> Result<S::Ok, S::Error> {
    out.collect_seq(at.iter().map(Location::to_string))
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New nodes.
    pub nodes_added: u64,
    /// Existing nodes changed.
    pub nodes_updated: u64,
    /// New relations.
    pub relations_added: u64,
    /// Existing relations changed.
    pub relations_updated: u64,
    /// Existing nodes the import held as they were (not written, not logged).
    pub nodes_unchanged: u64,
    /// Existing relations the import held as they were.
    pub relations_unchanged: u64,
    /// Names that several rows without an id have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicate_names: Vec<DuplicateName>,
}

/// From this many relations on, an import is a bulk import: the relation indexes are
/// rebuilt after the rows are in rather than kept up row by row (4-5x faster for 500k rows).
pub const BULK: usize = 20_000;

/// The identity of a relation without an id: its ends (in order only for `refers_to`) and
/// its kind.
fn relation_key(source: &str, target: &str, kind: RelationKind) -> (String, String, RelationKind) {
    if kind.is_directed() || source <= target {
        (source.to_owned(), target.to_owned(), kind)
    } else {
        (target.to_owned(), source.to_owned(), kind)
    }
}

/// The sets and maps of an import, keyed by ids and names of 100,000s of rows: foldhash
/// (seeded per process, as std's is) hashes them in a fraction of SipHash's time.
type Set<T> = HashSet<T, foldhash::fast::RandomState>;
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

fn map_with_capacity<K, V>(capacity: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(capacity, foldhash::fast::RandomState::default())
}

fn error(location: &Location, field: &str, problem: Problem) -> StoreError {
    StoreError::Input(InputError::new(location.field(field), problem))
}

/// A name as it is matched when no id is given: trimmed, lowercase, one space between
/// words.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The rows of node records without an id, by name (as names are matched).
fn rows_by_name(records: &[NodeRecord]) -> HashMap<String, Vec<usize>> {
    let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        if !record.has_id {
            rows.entry(name_key(&record.node.name)).or_default().push(i);
        }
    }
    rows
}

/// The names that several of `rows` have, each with its places, by name.
fn duplicates_in(records: &[NodeRecord], rows: &HashMap<String, Vec<usize>>) -> Vec<DuplicateName> {
    let mut duplicates: Vec<DuplicateName> = rows
        .values()
        .filter(|at| at.len() > 1)
        .map(|many| DuplicateName {
            name: records[many[0]].node.name.clone(),
            at: many.iter().map(|&i| records[i].location.clone()).collect(),
        })
        .collect();
    duplicates.sort_by(|a, b| a.name.cmp(&b.name));
    duplicates
}

/// The names that several rows without an id have in a batch not yet imported: each
/// would become a node of its own, as the import then reports. What the app shows before
/// anything is written.
pub fn duplicate_names(records: &[NodeRecord]) -> Vec<DuplicateName> {
    duplicates_in(records, &rows_by_name(records))
}

/// Gives each node record without an id the id of the one node of the wijk with its name,
/// when exactly one has it and only this row of the import names it; the others keep
/// their fresh ids. Returns the names that several such rows have.
fn match_by_name(
    records: &mut [NodeRecord],
    existing_by_name: &HashMap<String, Vec<String>>,
) -> Vec<DuplicateName> {
    let rows = rows_by_name(records);
    for (key, at) in &rows {
        if let ([one], Some([id])) = (at.as_slice(), existing_by_name.get(key).map(Vec::as_slice)) {
            records[*one].node.id = id.clone().into();
        }
    }
    duplicates_in(records, &rows)
}

/// Replaces relation ends that are no known id by the id of the one node with that name
/// (a relations list made beside a list of names).
fn ends_by_name(
    batch: &mut ImportBatch,
    known: &dyn Fn(&str) -> bool,
    existing_by_name: &HashMap<String, Vec<String>>,
) -> Result<(), StoreError> {
    let mut by_name: HashMap<String, Vec<String>> = existing_by_name.clone();
    for record in &batch.nodes {
        let ids = by_name.entry(name_key(&record.node.name)).or_default();
        if !ids.iter().any(|id| *id == record.node.id) {
            ids.push(record.node.id.to_string());
        }
    }
    for record in &mut batch.relations {
        for field in ["source", "target"] {
            let end = if field == "source" {
                &mut record.relation.source
            } else {
                &mut record.relation.target
            };
            if known(end) {
                continue;
            }
            match by_name.get(&name_key(end)).map(Vec::as_slice) {
                Some([id]) => *end = id.clone().into(),
                Some(many) if many.len() > 1 => {
                    return Err(error(
                        &record.location,
                        field,
                        Problem::AmbiguousName {
                            name: end.to_string(),
                            count: many.len(),
                        },
                    ));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A plain edge list: each end that is no node (after names were matched) becomes a
/// person of that name, one per name however often it comes.
fn nodes_from_ends(batch: &mut ImportBatch, known: &dyn Fn(&str) -> bool) {
    let mut made: HashMap<String, crate::model::NodeId> = HashMap::new();
    let mut records = Vec::new();
    for record in &mut batch.relations {
        for end in [&mut record.relation.source, &mut record.relation.target] {
            if known(end) {
                continue;
            }
            let id = made
                .entry(name_key(end))
                .or_insert_with(|| {
                    let node = Node::new(crate::model::NodeKind::Person, end.trim());
                    let id = node.id.clone();
                    let mut made = NodeRecord {
                        node,
                        has_id: false,
                        present: 0,
                        location: record.location.clone(),
                    };
                    made.set(NodeField::Kind);
                    records.push(made);
                    id
                })
                .clone();
            *end = id;
        }
    }
    batch.nodes.extend(records);
}

/// Validates the batch against itself and the database, then writes it.
pub fn run(
    tx: &Transaction<'_>,
    user: &str,
    mut batch: ImportBatch,
) -> Result<ImportReport, StoreError> {
    let existing_nodes: Set<String> = tx
        .prepare("SELECT id FROM nodes")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    // Names are looked up only when a row has no id or names an end that is no id.
    let by_name_needed = batch.nodes.iter().any(|r| !r.has_id) || {
        let ids: Set<&str> = batch.nodes.iter().map(|r| r.node.id.as_str()).collect();
        let known = |id: &str| ids.contains(id) || existing_nodes.contains(id);
        batch
            .relations
            .iter()
            .any(|r| !known(&r.relation.source) || !known(&r.relation.target))
    };
    let mut existing_by_name: HashMap<String, Vec<String>> = HashMap::new();
    if by_name_needed {
        let mut stmt = tx.prepare("SELECT id, name FROM nodes")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, name): (String, String) = (row.get(0)?, row.get(1)?);
            existing_by_name
                .entry(name_key(&name))
                .or_default()
                .push(id);
        }
    }
    let duplicate_names = match_by_name(&mut batch.nodes, &existing_by_name);
    if by_name_needed {
        let ids: HashSet<String> = batch.nodes.iter().map(|r| r.node.id.to_string()).collect();
        let known = |id: &str| ids.contains(id) || existing_nodes.contains(id);
        ends_by_name(&mut batch, &known, &existing_by_name)?;
        if batch.make_ends {
            nodes_from_ends(&mut batch, &known);
        }
    }

    let mut batch_nodes: Map<&str, &Location> = map_with_capacity(batch.nodes.len());
    for record in &batch.nodes {
        if let Some((field, problem)) = limits::check_node(&record.node) {
            return Err(error(&record.location, field, Problem::Limit(problem)));
        }
        if let Some(first) = batch_nodes.insert(&record.node.id, &record.location) {
            return Err(error(
                &record.location,
                "id",
                Problem::DuplicateId {
                    id: record.node.id.to_string(),
                    first: Box::new((*first).clone()),
                },
            ));
        }
    }
    let known = |id: &str| batch_nodes.contains_key(id) || existing_nodes.contains(id);
    let mut batch_relation_ids: Map<&str, &Location> = map_with_capacity(batch.relations.len());
    for record in &batch.relations {
        let r = &record.relation;
        if let Some((field, problem)) = limits::check_relation(r) {
            return Err(error(&record.location, field, Problem::Limit(problem)));
        }
        two_ends(
            &record.location,
            [("source", &r.source), ("target", &r.target)],
            &known,
        )?;
        // Another tool's edge ids are hints (two Gephi files both have an edge 0).
        if record.has_id
            && !record.foreign
            && let Some(first) = batch_relation_ids.insert(&r.id, &record.location)
        {
            return Err(error(
                &record.location,
                "id",
                Problem::DuplicateRelationId {
                    id: r.id.to_string(),
                    first: Box::new((*first).clone()),
                },
            ));
        }
    }

    for record in &batch.circle_places {
        two_ends(
            &record.location,
            [("ego", &record.ego), ("contact", &record.contact)],
            &known,
        )?;
    }

    let mut report = ImportReport {
        duplicate_names,
        ..ImportReport::default()
    };
    let now = now();
    let mut inserter = rows::NodeInserter::new(tx)?;
    for record in in_key_order(&batch.nodes, |r| &r.node.id) {
        if existing_nodes.contains(record.node.id.as_str()) {
            let Some(before) = rows::node_by_id(tx, &record.node.id)? else {
                continue;
            };
            let mut node = before.clone();
            merge_node(&mut node, record, now);
            // A consent the file leaves as it was keeps its recorder; one it changes is
            // recorded by who imports it, as an edit is.
            super::privacy::stamp_consent(before.consent.as_ref(), node.consent.as_mut(), user);
            // Only a real change is written and logged: an unchanged re-import of a whole
            // wijk writes nothing (it wrote a row per node, and grew the file fivefold).
            let unchanged = Node {
                updated_at: before.updated_at,
                ..node.clone()
            } == before;
            if unchanged {
                report.nodes_unchanged += 1;
                continue;
            }
            super::write_node_update(tx, user, &before, &mut node)?;
            report.nodes_updated += 1;
        } else {
            let mut node = record.node.clone();
            node.created_at = node.created_at.or(Some(now));
            node.updated_at = node.updated_at.or(node.created_at);
            // A new node's consent keeps the recorder the file names (none: unknown), so a
            // snapshot round-trips as it was.
            inserter.insert(&node)?;
            report.nodes_added += 1;
        }
    }

    let rebuild = batch.relations.len() >= BULK;
    if rebuild {
        tx.execute_batch("DROP INDEX relations_source; DROP INDEX relations_target;")?;
    }
    let has_relations: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM relations)", [], |row| {
            row.get(0)
        })?;
    let by_key = if has_relations && batch.relations.iter().any(|r| !r.has_id || r.foreign) {
        existing_relation_keys(tx)?
    } else {
        HashMap::new()
    };
    // A list that names the same pair twice (the same ends and kind, without ids) means one
    // relation: the first row makes it, the others are the same.
    let mut seen_keys = Set::default();
    let mut inserter = rows::RelationInserter::new(tx)?;
    let today = crate::model::today();
    for record in in_key_order(&batch.relations, |r| &r.relation.id) {
        let r = &record.relation;
        // Only a relation matched by its ends has keys (our own ids are matched by id, and
        // making keys for each was most of a first import's relation time).
        let keys = (!record.has_id || record.foreign).then(|| {
            let key = relation_key(&r.source, &r.target, r.kind);
            let reversed = record
                .unordered
                .then(|| relation_key(&r.target, &r.source, r.kind));
            (key, reversed)
        });
        if let Some((key, reversed)) = &keys {
            // Either way round is one pair for a file that does not know the order.
            let seen = match reversed {
                Some(reversed) if reversed < key => reversed.clone(),
                _ => key.clone(),
            };
            if !seen_keys.insert(seen) {
                continue;
            }
        }
        // Another tool's id counts only for a stored relation between the same two.
        let trusted = if record.has_id && has_relations {
            rows::relation_by_id(tx, &r.id)?.filter(|stored| {
                !record.foreign
                    || (stored.source == r.source && stored.target == r.target)
                    || (stored.source == r.target && stored.target == r.source)
            })
        } else {
            None
        };
        let by_id = record.has_id && (!record.foreign || trusted.is_some());
        let existing_id = if !has_relations {
            None
        } else if by_id {
            trusted.map(|_| r.id.to_string())
        } else {
            // Written back by a tool that may have swapped the ends: either way round.
            keys.as_ref().and_then(|(key, reversed)| {
                by_key
                    .get(key)
                    .or_else(|| reversed.as_ref().and_then(|k| by_key.get(k)))
                    .cloned()
            })
        };
        match existing_id.and_then(|id| rows::relation_by_id(tx, &id).transpose()) {
            Some(existing) => {
                let before = existing?;
                let mut relation = before.clone();
                merge_relation(&mut relation, record);
                if relation == before {
                    report.relations_unchanged += 1;
                    continue;
                }
                rows::update_relation(tx, &relation)?;
                audit::log(
                    tx,
                    user,
                    Change::UpdateRelation.into(),
                    Some(&relation.id),
                    Some(&before),
                    Some(&relation),
                )?;
                report.relations_updated += 1;
            }
            // Another tool's id is kept for a new relation when no other has it.
            None if record.has_id
                && (!record.foreign || rows::relation_by_id(tx, &r.id)?.is_none()) =>
            {
                inserter.insert(r, &r.id, confirmed_or(record, today))?;
                report.relations_added += 1;
            }
            None => {
                // A list without the day is one she knows of today.
                inserter.insert(r, &crate::model::new_id(), r.confirmed.or(Some(today)))?;
                report.relations_added += 1;
            }
        }
    }
    if rebuild {
        tx.execute_batch(
            "CREATE INDEX relations_source ON relations (source);
             CREATE INDEX relations_target ON relations (target);",
        )?;
    }
    // The makelaar's places in netwerkcirkels: a backup's are hers, and win over the wijk's.
    for record in &batch.circle_places {
        rows::set_circle_place(
            tx,
            &record.ego,
            &record.contact,
            record.scheme,
            Some(record.place),
        )?;
    }
    // A backup's casework: history, kept like the log (no end need be in the wijk). A
    // moment already here (the same resident, day, making, scheme and source) is not added
    // again, so a backup imported twice holds each once; a referral is the file's.
    let mut moments_added = 0;
    for record in &batch.moments {
        let mut moment = record.moment.clone();
        if !rows::has_moment(tx, &moment)? {
            // One written by hand without its making: made now (and found again by the
            // rest when the file is imported twice).
            moment.made_at = moment.made_at.or(Some(now));
            rows::insert_moment(tx, &moment)?;
            moments_added += 1;
        }
    }
    for record in &batch.referrals {
        rows::set_referral(tx, &record.referral.id, Some(&record.referral))?;
    }
    audit::log(
        tx,
        user,
        Action::Import,
        None,
        None::<&()>,
        Some(&serde_json::json!({ "files": batch.files, "report": {
            "nodes_added": report.nodes_added,
            "nodes_updated": report.nodes_updated,
            "relations_added": report.relations_added,
            "relations_updated": report.relations_updated,
            "circle_places": batch.circle_places.len(),
            "moments": moments_added,
            "referrals": batch.referrals.len(),
        } })),
    )?;
    Ok(report)
}

/// The day a new relation was last known to hold: the file's (even none), or `today` when
/// the file has no such field.
fn confirmed_or(record: &RelationRecord, today: crate::model::Date) -> Option<crate::model::Date> {
    if record.has(RelationField::Confirmed) {
        record.relation.confirmed
    } else {
        Some(today)
    }
}

/// Two ends of a relation or a circle place (field names and ids): each known (in the
/// batch or the wijk), and not the same node.
fn two_ends(
    location: &Location,
    ends: [(&str, &crate::model::NodeId); 2],
    known: &dyn Fn(&str) -> bool,
) -> Result<(), StoreError> {
    for (field, end) in ends {
        if !known(end) {
            return Err(error(
                location,
                field,
                Problem::UnknownEnd {
                    id: end.to_string(),
                },
            ));
        }
    }
    let [(_, a), (second, b)] = ends;
    if a == b {
        return Err(error(
            location,
            second,
            Problem::SelfRelation { id: a.to_string() },
        ));
    }
    Ok(())
}

/// The records in the order of their ids: SQLite appends keys in order to its indexes far
/// faster than it inserts them at random places (measured: a third off a 600k-row import).
fn in_key_order<T>(records: &[T], key: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut sorted: Vec<&T> = records.iter().collect();
    if records.len() >= BULK {
        sorted.sort_unstable_by(|a, b| key(a).cmp(key(b)));
    }
    sorted
}

fn existing_relation_keys(
    tx: &Transaction<'_>,
) -> Result<HashMap<(String, String, RelationKind), String>, StoreError> {
    let mut stmt = tx.prepare("SELECT id, source, target, kind FROM relations ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut map = HashMap::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(3)?;
        let Ok(kind) = kind.parse::<RelationKind>() else {
            continue;
        };
        let key = relation_key(&row.get::<_, String>(1)?, &row.get::<_, String>(2)?, kind);
        map.entry(key).or_insert(row.get(0)?);
    }
    Ok(map)
}

/// Applies the fields the record has onto the stored node.
fn merge_node(node: &mut Node, record: &NodeRecord, now: crate::model::Timestamp) {
    let new = &record.node;
    node.name = new.name.clone();
    if record.has(NodeField::Kind) {
        node.kind = new.kind;
    }
    if record.has(NodeField::Wijk) {
        node.wijk = new.wijk.clone();
    }
    if record.has(NodeField::Role) {
        node.role = new.role.clone();
    }
    if record.has(NodeField::Tags) {
        node.tags = new.tags.clone();
    }
    if record.has(NodeField::Offers) {
        node.offers = new.offers.clone();
    }
    if record.has(NodeField::Needs) {
        node.needs = new.needs.clone();
    }
    if record.has(NodeField::Contact) {
        node.contact = new.contact.clone();
    }
    if record.has(NodeField::Notes) {
        node.notes = new.notes.clone();
    }
    if record.has(NodeField::Consent) {
        node.consent = new.consent.clone();
    }
    if record.has(NodeField::Position) {
        node.x = new.x;
        node.y = new.y;
    }
    if record.has(NodeField::Pinned) {
        node.pinned = new.pinned;
    }
    if record.has(NodeField::Sensitive) {
        node.sensitive = new.sensitive;
    }
    if record.has(NodeField::Since) {
        node.since = new.since;
    }
    if record.has(NodeField::Until) {
        node.until = new.until;
    }
    if record.has(NodeField::UntilReason) {
        node.until_reason = new.until_reason.clone();
    }
    if record.has(NodeField::LastContact) {
        node.last_contact = new.last_contact;
    }
    if record.has(NodeField::FollowUp) {
        node.follow_up = new.follow_up;
    }
    if record.has(NodeField::FollowUpNote) {
        node.follow_up_note = new.follow_up_note.clone();
    }
    if record.has(NodeField::CreatedAt) && new.created_at.is_some() {
        node.created_at = new.created_at;
    }
    node.updated_at = match new.updated_at {
        Some(stamp) if record.has(NodeField::UpdatedAt) => Some(stamp),
        _ => Some(now),
    };
}

/// Applies the fields the record has onto the stored relation.
fn merge_relation(relation: &mut Relation, record: &RelationRecord) {
    let new = &record.relation;
    // A file that cannot know the direction keeps the stored one (its ends swapped).
    let swapped =
        record.unordered && new.source == relation.target && new.target == relation.source;
    if !swapped {
        relation.source = new.source.clone();
        relation.target = new.target.clone();
    }
    if record.has(RelationField::Kind) {
        relation.kind = new.kind;
    }
    if record.has(RelationField::Strength) {
        relation.strength = new.strength;
    }
    if record.has(RelationField::Since) {
        relation.since = new.since;
    }
    if record.has(RelationField::Until) {
        relation.until = new.until;
    }
    if record.has(RelationField::Notes) {
        relation.notes = new.notes.clone();
    }
    if record.has(RelationField::Quality) {
        relation.quality = new.quality;
    }
    if record.has(RelationField::Support) {
        relation.support = new.support;
    }
    if record.has(RelationField::SupportDirection) {
        relation.support_direction = new.support_direction;
    }
    if record.has(RelationField::Confirmed) {
        relation.confirmed = new.confirmed;
    }
    if record.has(RelationField::Weight) {
        relation.weight = new.weight;
    }
}
