//! What changed in the wijk (or in one resident's network) between two days: the first
//! question of a casusoverleg that meets again ("wat is er veranderd?").
//!
//! The two days are compared as the wijk was on each (`model::relations_on`): a relation
//! is *added* when it holds on the later day and not on the earlier, *ended* the other way
//! round (also when one of its two left the wijk), and *changed* when it holds on both and
//! an edit between them changed its kind, strength, quality or support. So the changes
//! between d1 and d2, applied to the wijk of d1, give the wijk of d2.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::model::{Date, Node, NodeId, NodeKind, Relation, relations_on};

pub use crate::model::RelationEdit as Edit;

/// A node named in the changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeChange {
    /// Its id.
    pub id: NodeId,
    /// Its name.
    pub name: String,
    /// Person, organisation or initiative.
    pub kind: NodeKind,
    /// The day she came (`since`) or left (`until`), when the wijk knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<Date>,
    /// Why she left, when it is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

pub use crate::model::NamedRelation as RelationChange;

/// A relation that holds on both days with fields changed between them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldsChanged {
    /// The relation.
    pub relation: RelationChange,
    /// Each changed field: [before, after], as the JSON snapshot writes the values.
    pub fields: BTreeMap<&'static str, [serde_json::Value; 2]>,
}

/// Everything that changed between two days.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    /// The earlier day.
    pub since: Option<Date>,
    /// The later day.
    pub until: Option<Date>,
    /// Whose network (none: the whole wijk).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ego: Option<NodeId>,
    /// Relations that hold on the later day and not on the earlier.
    pub added: Vec<RelationChange>,
    /// Relations that held on the earlier day and not on the later.
    pub ended: Vec<RelationChange>,
    /// Relations that hold on both with changed fields.
    pub changed: Vec<FieldsChanged>,
    /// Nodes there on the later day and not on the earlier.
    pub nodes_added: Vec<NodeChange>,
    /// Nodes there on the earlier day and not on the later.
    pub nodes_gone: Vec<NodeChange>,
    /// Of the wijk's kenners on the earlier day (its ten best), those gone on the later
    /// (filled in by [`add_kenners_gone`]).
    pub kenners_gone: Vec<NodeChange>,
}

/// How many of the earlier day's best kenners are looked at for `kenners_gone`.
pub const KENNERS_LOOKED_AT: usize = 10;

/// The changes between `since` and `until` (`since` before `until`), in the whole wijk or,
/// with `ego`, in her own network: her relations, and her contacts (on either day) who
/// came or went. `edits` are the relation edits of the audit log; only those made after
/// `since` and on or before `until` count.
pub fn changes(
    nodes: &[Node],
    relations: &[Relation],
    edits: &[Edit],
    since: Date,
    until: Date,
    ego: Option<&str>,
) -> Changes {
    let mine = |r: &Relation| ego.is_none_or(|e| r.source == e || r.target == e);
    let before: HashMap<&str, &Relation> = relations_on(nodes, relations, since)
        .filter(|r| mine(r))
        .map(|r| (r.id.as_str(), r))
        .collect();
    let after: HashMap<&str, &Relation> = relations_on(nodes, relations, until)
        .filter(|r| mine(r))
        .map(|r| (r.id.as_str(), r))
        .collect();
    // Edits in the period, oldest first, per relation that holds on both days.
    let mut first_last: HashMap<&str, (&Relation, &Relation)> = HashMap::new();
    let mut in_period: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.day > since && e.day <= until)
        .collect();
    in_period.sort_by_key(|e| e.day);
    for edit in in_period {
        let id = edit.after.id.as_str();
        if !(before.contains_key(id) && after.contains_key(id)) {
            continue;
        }
        first_last
            .entry(id)
            .and_modify(|(_, last)| *last = &edit.after)
            .or_insert((&edit.before, &edit.after));
    }
    let pairs: Vec<(&str, &Relation, &Relation)> = first_last
        .into_iter()
        .map(|(id, (old, new))| (id, old, new))
        .collect();
    // Nodes: in the whole wijk, everyone; with an ego, her contacts on either day.
    // (Her relations that hold on either day, whether or not the other is there then:
    // so also someone who came or went between the two.)
    let near: Option<HashSet<&str>> = ego.map(|e| {
        relations
            .iter()
            .filter(|r| r.is_current(since) || r.is_current(until))
            .filter_map(|r| r.other_end(e).map(|id| id.as_str()))
            .collect()
    });
    assemble(
        nodes,
        relations,
        &Period {
            before,
            after,
            pairs,
            near,
            since,
            until,
            ego,
        },
    )
}

/// What changed in resident `moment.ego`'s network from a casus moment (her circle frozen
/// on its day) to the wijk of `until`: her relations then (as the moment holds them)
/// against those that hold on `until`. *Changed* compares the moment's fields with
/// today's directly, so no edit in the log is needed; her contacts then or on `until` who
/// came or went are the nodes added and gone.
pub fn since_moment(
    nodes: &[Node],
    relations: &[Relation],
    moment: &crate::model::casework::Moment,
    until: Date,
) -> Changes {
    let ego = moment.ego.as_str();
    let before: HashMap<&str, &Relation> = moment
        .ties
        .iter()
        .map(|t| (t.relation.id.as_str(), &t.relation))
        .collect();
    let after: HashMap<&str, &Relation> = relations_on(nodes, relations, until)
        .filter(|r| r.source == ego || r.target == ego)
        .map(|r| (r.id.as_str(), r))
        .collect();
    let pairs: Vec<(&str, &Relation, &Relation)> = before
        .iter()
        .filter_map(|(id, old)| after.get(id).map(|new| (*id, *old, *new)))
        .collect();
    let near: HashSet<&str> = moment
        .ties
        .iter()
        .map(|t| &t.relation)
        .chain(after.values().copied())
        .filter_map(|r| r.other_end(ego).map(|id| id.as_str()))
        .collect();
    assemble(
        nodes,
        relations,
        &Period {
            before,
            after,
            pairs,
            near: Some(near),
            since: moment.day,
            until,
            ego: Some(ego),
        },
    )
}

/// The two sides of a comparison.
struct Period<'a> {
    /// The relations on the earlier day, by id.
    before: HashMap<&'a str, &'a Relation>,
    /// The relations on the later day, by id.
    after: HashMap<&'a str, &'a Relation>,
    /// Relations on both days: id, first and last version in the period.
    pairs: Vec<(&'a str, &'a Relation, &'a Relation)>,
    /// The nodes looked at (none: all).
    near: Option<HashSet<&'a str>>,
    since: Date,
    until: Date,
    ego: Option<&'a str>,
}

/// The changes of a period, named and sorted.
fn assemble(nodes: &[Node], relations: &[Relation], p: &Period<'_>) -> Changes {
    let (since, until) = (p.since, p.until);
    let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let stored: HashMap<&str, &Relation> = relations.iter().map(|r| (r.id.as_str(), r)).collect();
    let name = |id: &str| {
        by_id
            .get(id)
            .map_or_else(|| id.to_owned(), |n| n.name.clone())
    };
    let named = |r: &Relation, day: Option<Date>| RelationChange {
        id: r.id.clone(),
        source: r.source.clone(),
        source_name: name(&r.source),
        target: r.target.clone(),
        target_name: name(&r.target),
        kind: r.kind,
        day,
    };
    let within = |d: Option<Date>| d.filter(|d| *d > since && *d <= until);
    let mut added: Vec<RelationChange> = p
        .after
        .values()
        .filter(|r| !p.before.contains_key(r.id.as_str()))
        .map(|r| named(r, within(r.since)))
        .collect();
    let mut ended: Vec<RelationChange> = p
        .before
        .values()
        .filter(|r| !p.after.contains_key(r.id.as_str()))
        .map(|r| {
            let until = stored.get(r.id.as_str()).and_then(|s| s.until);
            named(r, within(until))
        })
        .collect();
    let mut changed: Vec<FieldsChanged> = p
        .pairs
        .iter()
        .filter_map(|(id, old, new)| {
            let fields = changed_fields(old, new);
            (!fields.is_empty()).then(|| FieldsChanged {
                relation: named(p.after[id], None),
                fields,
            })
        })
        .collect();
    let wanted = |n: &Node| {
        p.near
            .as_ref()
            .is_none_or(|near| near.contains(n.id.as_str()))
    };
    let node_change = |n: &Node, day: Option<Date>, reason: Option<String>| NodeChange {
        id: n.id.clone(),
        name: n.name.clone(),
        kind: n.kind,
        day: within(day),
        reason,
    };
    let mut nodes_added: Vec<NodeChange> = nodes
        .iter()
        .filter(|n| wanted(n) && !n.present_on(since) && n.present_on(until))
        .map(|n| node_change(n, n.since, None))
        .collect();
    let mut nodes_gone: Vec<NodeChange> = nodes
        .iter()
        .filter(|n| wanted(n) && n.present_on(since) && !n.present_on(until))
        .map(|n| node_change(n, n.until, n.until_reason.clone()))
        .collect();
    let by_names = |a: &RelationChange, b: &RelationChange| {
        (&a.source_name, &a.target_name, &a.id).cmp(&(&b.source_name, &b.target_name, &b.id))
    };
    added.sort_by(by_names);
    ended.sort_by(by_names);
    changed.sort_by(|a, b| by_names(&a.relation, &b.relation));
    nodes_added.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    nodes_gone.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    Changes {
        since: Some(since),
        until: Some(until),
        ego: p.ego.map(NodeId::from),
        added,
        ended,
        changed,
        nodes_added,
        nodes_gone,
        kenners_gone: Vec::new(),
    }
}

/// Fills in `changes.kenners_gone`: of the wijk's best kenners on the earlier day, those
/// gone on the later. Apart from [`changes`] because it ranks the kenners of that day
/// (betweenness over the whole wijk: seconds on a large one), which a caller on the UI
/// thread does not do; for one resident's network it is not asked.
pub fn add_kenners_gone(changes: &mut Changes, nodes: &[Node], relations: &[Relation]) {
    let Some(since) = changes.since else {
        return;
    };
    let network = super::Network::new(nodes, relations, since);
    let query = super::kenners::KennerQuery {
        top: KENNERS_LOOKED_AT,
        ..Default::default()
    };
    let gone: HashMap<&str, &NodeChange> = changes
        .nodes_gone
        .iter()
        .map(|n| (n.id.as_str(), n))
        .collect();
    let found: Vec<NodeChange> = super::kenners::kenners(&network, &query)
        .into_iter()
        .filter_map(|k| gone.get(k.id.as_str()).map(|n| (*n).clone()))
        .collect();
    changes.kenners_gone = found;
}

/// The fields a casusoverleg asks about (kind, strength, quality, support) that differ
/// between `old` and `new`, each as [before, after].
fn changed_fields(
    old: &Relation,
    new: &Relation,
) -> BTreeMap<&'static str, [serde_json::Value; 2]> {
    let mut fields = BTreeMap::new();
    let mut field = |name: &'static str, a: serde_json::Value, b: serde_json::Value| {
        if a != b {
            fields.insert(name, [a, b]);
        }
    };
    field("kind", old.kind.as_str().into(), new.kind.as_str().into());
    field(
        "strength",
        old.strength.get().into(),
        new.strength.get().into(),
    );
    field(
        "quality",
        old.quality.as_str().into(),
        new.quality.as_str().into(),
    );
    field(
        "support",
        serde_json::to_value(old.support).unwrap_or_default(),
        serde_json::to_value(new.support).unwrap_or_default(),
    );
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Quality, RelationKind, Strength};

    fn person(id: &str) -> Node {
        let mut n = Node::new(NodeKind::Person, id.to_uppercase());
        n.id = id.into();
        n
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_neighbour_who_left_a_new_maatje_and_a_stronger_tie_are_the_changes() {
        let mut bep = person("bep");
        bep.until = Some(day("2026-03-03"));
        bep.until_reason = Some("verhuisd".into());
        let mut ria = person("ria");
        ria.since = Some(day("2026-02-01"));
        let nodes = vec![person("fatima"), bep, ria, person("anja")];
        let neighbour = Relation::with_id("r1", "fatima", "bep", RelationKind::Neighbour);
        let mut maatje = Relation::with_id("r2", "ria", "fatima", RelationKind::Buddy);
        maatje.since = Some(day("2026-02-10"));
        let mut anja = Relation::with_id("r3", "fatima", "anja", RelationKind::Friend);
        let before = anja.clone();
        anja.strength = Strength::STRONG;
        anja.quality = Quality::Supportive;
        let edits = vec![Edit {
            day: day("2026-04-01"),
            before,
            after: anja.clone(),
        }];
        let relations = vec![neighbour, maatje, anja];
        let c = changes(
            &nodes,
            &relations,
            &edits,
            day("2026-01-01"),
            day("2026-06-01"),
            Some("fatima"),
        );
        assert_eq!(c.ended.len(), 1);
        assert_eq!(c.ended[0].target, "bep");
        assert_eq!(c.added.len(), 1);
        assert_eq!(
            (c.added[0].id.as_str(), c.added[0].day),
            ("r2", Some(day("2026-02-10")))
        );
        assert_eq!(c.changed.len(), 1);
        assert_eq!(
            c.changed[0].fields.keys().copied().collect::<Vec<_>>(),
            ["quality", "strength"]
        );
        assert_eq!(c.nodes_gone[0].reason.as_deref(), Some("verhuisd"));
        assert_eq!(c.nodes_added[0].id, "ria");
        // An edit outside the period does not count.
        let c = changes(
            &nodes,
            &relations,
            &edits,
            day("2026-04-01"),
            day("2026-06-01"),
            Some("fatima"),
        );
        assert!(c.changed.is_empty());
    }

    #[test]
    fn the_best_kenner_who_moved_away_is_named_for_the_whole_wijk() {
        let (mut nodes, relations) = crate::demo::barabasi_albert(200, 3, 7);
        let (since, until) = (day("2025-01-01"), day("2025-12-01"));
        let net = crate::graph::Network::new(&nodes, &relations, since);
        let best = crate::graph::kenners::kenners(&net, &Default::default())[0]
            .id
            .clone();
        let hub = nodes.iter_mut().find(|n| n.id == best).unwrap();
        hub.until = Some(day("2025-06-01"));
        let mut c = changes(&nodes, &relations, &[], since, until, None);
        assert!(c.kenners_gone.is_empty(), "left to add_kenners_gone");
        add_kenners_gone(&mut c, &nodes, &relations);
        assert_eq!(c.kenners_gone.len(), 1);
        assert_eq!(c.kenners_gone[0].id, best);
        assert_eq!(c.kenners_gone[0].day, Some(day("2025-06-01")));
    }
}
