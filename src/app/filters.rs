//! The map's filters (kind, wijk, theme, relation kind, ended relations and nodes gone)
//! and what they let through. No egui here.

use std::collections::BTreeSet;

use super::session::MapData;
use crate::model::{NodeKind, RelationKind};

/// The filters of the left panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Filters {
    /// Kinds shown: person, organisation, initiative.
    pub kinds: [bool; 3],
    /// Only this wijk.
    pub wijk: Option<String>,
    /// Only nodes with this theme (asked, offered or tagged).
    pub theme: Option<String>,
    /// Relation kinds hidden.
    pub hidden_relations: BTreeSet<RelationKind>,
    /// Show relations that have ended, and the nodes not in the wijk on the map's day.
    pub show_ended: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            kinds: [true; 3],
            wijk: None,
            theme: None,
            hidden_relations: BTreeSet::new(),
            show_ended: false,
        }
    }
}

fn kind_slot(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Person => 0,
        NodeKind::Organisation => 1,
        NodeKind::Initiative => 2,
    }
}

impl Filters {
    /// Which nodes and relations of `data` pass.
    pub fn apply(&self, data: &MapData, version: u64) -> Visibility {
        let nodes: Vec<bool> = data
            .nodes
            .iter()
            .zip(&data.present)
            .map(|(n, &present)| {
                // Not in the wijk on the map's day (gone, or not yet come): shown with
                // what has ended.
                (present || self.show_ended)
                    && self.kinds[kind_slot(n.kind)]
                    && self
                        .wijk
                        .as_ref()
                        .is_none_or(|w| n.wijk.as_ref() == Some(w))
                    && self.theme.as_ref().is_none_or(|t| {
                        n.tags
                            .iter()
                            .chain(&n.offers)
                            .chain(&n.needs)
                            .any(|x| x == t)
                    })
            })
            .collect();
        let relations = data
            .relations
            .iter()
            .zip(&data.current)
            .map(|(r, &current)| {
                (current || self.show_ended) && !self.hidden_relations.contains(&r.kind)
            })
            .collect();
        Visibility {
            nodes,
            relations,
            scale: Vec::new(),
            version,
        }
    }
}

/// Which nodes and relations the filters let through, by index in [`MapData`].
#[derive(Clone, Debug, Default)]
pub struct Visibility {
    /// Per node.
    pub nodes: Vec<bool>,
    /// Per relation.
    pub relations: Vec<bool>,
    /// An importance per node from 0 to 1 that sizes it, e.g. by kenner score (empty: by
    /// its number of relations).
    pub scale: Vec<f32>,
    /// Bumped when it changes.
    pub version: u64,
}

impl Visibility {
    /// Everything visible (ended relations hidden).
    pub fn all(data: &MapData) -> Self {
        Self {
            nodes: vec![true; data.nodes.len()],
            relations: data.current.clone(),
            scale: Vec::new(),
            version: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Relation};

    #[test]
    fn filters_hide_kinds_wijken_themes_and_ended_relations() {
        let mut a = Node::new(NodeKind::Person, "A");
        a.id = "a".into();
        a.wijk = Some("Noord".into());
        a.needs = vec!["taal".into()];
        let mut b = Node::new(NodeKind::Initiative, "B");
        b.id = "b".into();
        b.wijk = Some("Zuid".into());
        let mut ended = Relation::with_id("r1", "a", "b", RelationKind::Knows);
        ended.until = crate::model::parse_date("2001-01-01");
        let buddy = Relation::with_id("r2", "a", "b", RelationKind::Buddy);
        let data = MapData::new(vec![a, b], vec![ended, buddy]);

        let all = Filters::default().apply(&data, 1);
        assert_eq!(all.nodes, vec![true, true]);
        assert_eq!(all.relations, vec![false, true]);

        let mut f = Filters {
            show_ended: true,
            ..Filters::default()
        };
        f.hidden_relations.insert(RelationKind::Buddy);
        assert_eq!(f.apply(&data, 2).relations, vec![true, false]);

        let f = Filters {
            kinds: [true, true, false],
            ..Filters::default()
        };
        assert_eq!(f.apply(&data, 3).nodes, vec![true, false]);
        let f = Filters {
            wijk: Some("Zuid".into()),
            ..Filters::default()
        };
        assert_eq!(f.apply(&data, 4).nodes, vec![false, true]);
        let f = Filters {
            theme: Some("taal".into()),
            ..Filters::default()
        };
        assert_eq!(f.apply(&data, 5).nodes, vec![true, false]);
    }
}
