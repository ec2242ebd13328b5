//! The map's data: every node and relation of the open wijk as the map draws them, with
//! the facts the canvas derives from them (ends by index, degrees, communities, places),
//! apart from the session that loads and edits them. No egui here.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::graph::Network;
use crate::graph::communities::{community_of, rank_by_size};
use crate::model::{Date, Node, NodeId, Relation, today};

/// A node's radius in the layout, in world units (its spacing).
fn layout_node_radius() -> f32 {
    crate::layout::ForceSettings::default().node_radius as f32
}

/// A number no map data had before, in this process: caches keyed by a version (search
/// results, meshes, answers) can never mistake one wijk's data for another's, even after
/// a switch to a wijk whose own count happens to be the same.
pub fn next_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The network as the map draws it: every node and relation (ended ones too), with the
/// derived facts the canvas needs, indexed by position in `nodes`.
#[derive(Clone, Debug, Default)]
pub struct MapData {
    /// Every node, ordered by id.
    pub nodes: Vec<Node>,
    /// Every relation, ordered by id.
    pub relations: Vec<Relation>,
    /// Node id to index in `nodes`.
    pub index: HashMap<NodeId, usize>,
    /// Each relation's ends as indexes in `nodes`.
    pub ends: Vec<(usize, usize)>,
    /// Whether each relation holds on the map's day (both its ends in the wijk then).
    pub current: Vec<bool>,
    /// Whether each node is in the wijk on the map's day (come, and not yet gone).
    pub present: Vec<bool>,
    /// Whether each relation holds but was last known to hold more than the stale period
    /// ago ("nog actueel?"): drawn faded. None on a map of the past.
    pub stale: Vec<bool>,
    /// The day of the past the map shows ("Kaart op datum"), read-only; none: today.
    pub as_of: Option<Date>,
    /// How long a relation stays confirmed, in months (the makelaar's setting).
    pub stale_months: u32,
    /// On a map of the past: the nodes moved beside whom they knew then, with their own
    /// places (today's layout rows them up as having no relations), to put back.
    pub held_aside: Vec<(usize, [f32; 2])>,
    /// Each node's number of current relations.
    pub degree: Vec<u32>,
    /// Each node's community, numbered by size (0 the largest).
    pub group: Vec<Option<usize>>,
    /// The size of each community, largest first.
    pub group_sizes: Vec<usize>,
    /// The most common themes, most common first.
    pub themes: Vec<String>,
    /// The themes someone offers, sorted.
    pub offered: Vec<String>,
    /// Every wijk named, sorted.
    pub wijken: Vec<String>,
    /// Each node's place on the map (world units).
    pub positions: Vec<[f32; 2]>,
    /// Whether each node is pinned.
    pub pinned: Vec<bool>,
    /// The current network, for the analyses (shared with their background threads).
    pub network: std::sync::Arc<Network>,
    /// Bumped whenever nodes, relations or their fields change.
    pub version: u64,
    /// Bumped whenever a position changes.
    pub positions_version: u64,
}

impl MapData {
    /// Builds the map's data of today; positions come from the nodes (or the origin).
    pub fn new(nodes: Vec<Node>, relations: Vec<Relation>) -> Self {
        Self::on(nodes, relations, None, crate::model::followup::STALE_MONTHS)
    }

    /// Builds the map's data as the wijk was on `as_of` (none: today), with relations not
    /// confirmed for `stale_months` marked stale (today only).
    pub fn on(
        nodes: Vec<Node>,
        relations: Vec<Relation>,
        as_of: Option<Date>,
        stale_months: u32,
    ) -> Self {
        let mut data = Self {
            nodes,
            relations,
            as_of,
            stale_months,
            ..Self::default()
        };
        data.derive();
        data.positions = data
            .nodes
            .iter()
            .map(|n| [n.x.unwrap_or(0.0) as f32, n.y.unwrap_or(0.0) as f32])
            .collect();
        data.pinned = data.nodes.iter().map(|n| n.pinned).collect();
        data.place_absent();
        data.positions_version = next_version();
        data
    }

    /// Gives each node that is not in the wijk today and has no stored place (the layout
    /// lays out today's wijk only) a place beside the nodes it was related to, so that a
    /// map of the past, or one that shows who left, does not pile them on one point. On a
    /// map of the past, likewise who has no relation today but had some then (the layout
    /// puts those in a row apart), her own place held aside ([`Self::held_aside`]).
    /// Each goes at a small distance from her neighbours' middle, at her own angle; one
    /// without placed neighbours beside the middle of the map.
    pub fn place_absent(&mut self) {
        let today = today();
        let here_today: Vec<bool> = self.nodes.iter().map(|n| n.present_on(today)).collect();
        let mut absent: Vec<bool> = self
            .nodes
            .iter()
            .zip(&here_today)
            .map(|(n, &here)| !here && (n.x.is_none() || n.y.is_none()))
            .collect();
        self.held_aside.clear();
        if self.as_of.is_some() {
            let mut today_degree = vec![0u32; self.nodes.len()];
            for (r, &(a, b)) in self.relations.iter().zip(&self.ends) {
                if r.is_current(today) && here_today[a] && here_today[b] {
                    today_degree[a] += 1;
                    today_degree[b] += 1;
                }
            }
            for i in 0..self.nodes.len() {
                if here_today[i] && today_degree[i] == 0 && self.degree[i] > 0 {
                    absent[i] = true;
                    self.held_aside.push((i, self.positions[i]));
                }
            }
        }
        if !absent.contains(&true) {
            return;
        }
        let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for &(a, b) in &self.ends {
            if a != b {
                neighbours[a].push(b);
                neighbours[b].push(a);
            }
        }
        let mut placed: Vec<bool> = absent.iter().map(|a| !a).collect();
        let middle = {
            let (mut sum, mut n) = ([0.0f32; 2], 0.0f32);
            for (p, _) in self.positions.iter().zip(&placed).filter(|(_, k)| **k) {
                sum = [sum[0] + p[0], sum[1] + p[1]];
                n += 1.0;
            }
            if n > 0.0 {
                [sum[0] / n, sum[1] / n]
            } else {
                [0.0, 0.0]
            }
        };
        let step = 3.0 * layout_node_radius();
        // Two rounds: one whose neighbours had all left too goes beside them after them.
        for round in 0..2 {
            for i in 0..self.nodes.len() {
                if placed[i] || !absent[i] {
                    continue;
                }
                let (mut sum, mut n) = ([0.0f32; 2], 0.0f32);
                for &j in neighbours[i].iter().filter(|&&j| placed[j]) {
                    sum = [sum[0] + self.positions[j][0], sum[1] + self.positions[j][1]];
                    n += 1.0;
                }
                let centre = if n > 0.0 {
                    [sum[0] / n, sum[1] / n]
                } else if round == 1 {
                    middle
                } else {
                    continue;
                };
                // The golden angle: neighbours' middles shared by many stay apart.
                let angle = i as f32 * 2.399_963;
                let reach = step * (1.0 + (i % 3) as f32);
                self.positions[i] = [
                    centre[0] + reach * angle.cos(),
                    centre[1] + reach * angle.sin(),
                ];
                placed[i] = true;
            }
        }
    }

    fn derive(&mut self) {
        self.nodes.sort_by(|a, b| a.id.cmp(&b.id));
        self.relations.sort_by(|a, b| a.id.cmp(&b.id));
        self.index = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let day = self.day();
        self.ends = self
            .relations
            .iter()
            .map(|r| {
                (
                    self.index.get(&r.source).copied().unwrap_or(0),
                    self.index.get(&r.target).copied().unwrap_or(0),
                )
            })
            .collect();
        self.present = self.nodes.iter().map(|n| n.present_on(day)).collect();
        self.current = (0..self.relations.len())
            .map(|j| self.holds(j, &self.relations[j], day))
            .collect();
        self.derive_stale();
        self.degree = vec![0; self.nodes.len()];
        for (&(a, b), &current) in self.ends.iter().zip(&self.current) {
            if current {
                self.degree[a] += 1;
                self.degree[b] += 1;
            }
        }
        let network = Network::new(&self.nodes, &self.relations, day);
        let community = community_of(&network, 1);
        self.network = std::sync::Arc::new(network);
        let ranked = rank_by_size(&community, self.nodes.iter().map(|n| n.id.as_str()));
        self.group = self
            .nodes
            .iter()
            .map(|n| ranked.get(&n.id).copied())
            .collect();
        let mut sizes = vec![0; self.group.iter().flatten().max().map_or(0, |m| m + 1)];
        for g in self.group.iter().flatten() {
            sizes[*g] += 1;
        }
        self.group_sizes = sizes;
        self.derive_lists();
        self.version = next_version();
    }

    /// Whether `relation` (at index `j`, its ends as stored there) holds on `day` (the
    /// map's): begun, not ended, both its ends in the wijk.
    fn holds(&self, j: usize, relation: &Relation, day: Date) -> bool {
        let (a, b) = self.ends[j];
        relation.is_current(day) && self.present[a] && self.present[b]
    }

    /// The day the map shows: its day of the past, or today.
    pub fn day(&self) -> Date {
        self.as_of.unwrap_or_else(today)
    }

    /// Marks the relations that hold today but were not confirmed for the stale period
    /// (as the follow-up list's "nog actueel?"; none on a map of the past).
    fn derive_stale(&mut self) {
        let limit = crate::model::followup::months_before(self.day(), self.stale_months);
        self.stale = (0..self.relations.len())
            .map(|j| self.stale_at(j, &self.relations[j], limit))
            .collect();
    }

    /// Whether `relation` (at index `j`) is drawn faded: it holds today and was last known
    /// to hold before `limit`.
    fn stale_at(&self, j: usize, relation: &Relation, limit: Date) -> bool {
        self.as_of.is_none() && self.current[j] && crate::model::followup::is_stale(relation, limit)
    }

    /// Takes another stale period: only which relations are drawn faded changes (the
    /// network, its communities and the answers stay).
    pub fn set_stale_months(&mut self, months: u32) {
        self.stale_months = months;
        self.derive_stale();
    }

    /// Each node's own place: where the map has her, except for a node a map of the past
    /// lends another place ([`Self::held_aside`]).
    pub fn own_positions(&self) -> Vec<[f32; 2]> {
        let mut own = self.positions.clone();
        for &(i, p) in &self.held_aside {
            own[i] = p;
        }
        own
    }

    /// The themes, offers and wijken named by the nodes.
    fn derive_lists(&mut self) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for n in &self.nodes {
            for t in n.tags.iter().chain(&n.offers) {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut themes: Vec<(&str, usize)> = counts.into_iter().collect();
        themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        self.themes = themes.into_iter().map(|(t, _)| t.to_owned()).collect();
        let mut offered: Vec<String> = self.nodes.iter().flat_map(|n| n.offers.clone()).collect();
        offered.sort();
        offered.dedup();
        self.offered = offered;
        let mut wijken: Vec<String> = self.nodes.iter().filter_map(|n| n.wijk.clone()).collect();
        wijken.sort();
        wijken.dedup();
        self.wijken = wijken;
    }

    /// Takes a node whose fields changed in the store, in place: the network's shape, the
    /// communities and the positions stay. Returns false when the node is not on the map,
    /// or comes into or leaves the wijk today (the network's shape changes).
    pub fn patch_node(&mut self, node: Node) -> bool {
        let Some(&i) = self.index.get(&node.id) else {
            return false;
        };
        let old = &self.nodes[i];
        // Come or gone today: the network's shape changes (her relations with her).
        let day = self.day();
        if old.present_on(day) != node.present_on(day) {
            return false;
        }
        let lists_changed =
            old.tags != node.tags || old.offers != node.offers || old.wijk != node.wijk;
        std::sync::Arc::make_mut(&mut self.network).upsert_node(&node);
        self.nodes[i] = node;
        if lists_changed {
            self.derive_lists();
        }
        self.version = next_version();
        true
    }

    /// Takes a relation whose fields changed in the store, in place, when its ends, its
    /// strength (the communities' weight) and whether it holds today are as before.
    /// Returns false when it is not on the map or its change reaches the network's shape.
    pub fn patch_relation(&mut self, relation: Relation) -> bool {
        let Ok(j) = self
            .relations
            .binary_search_by(|r| r.id.as_str().cmp(&relation.id))
        else {
            return false;
        };
        let old = &self.relations[j];
        if old.source != relation.source
            || old.target != relation.target
            || old.strength != relation.strength
            || self.holds(j, &relation, self.day()) != self.current[j]
        {
            return false;
        }
        let limit = crate::model::followup::months_before(self.day(), self.stale_months);
        self.stale[j] = self.stale_at(j, &relation, limit);
        if self.current[j] {
            std::sync::Arc::make_mut(&mut self.network).upsert_relation(&relation);
        }
        self.relations[j] = relation;
        self.version = next_version();
        true
    }

    /// The node with `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// A node's colour key by theme: the rank of its first theme among [`Self::themes`].
    pub fn theme_rank(&self, i: usize) -> Option<usize> {
        let node = &self.nodes[i];
        let theme = node.tags.first().or(node.offers.first())?;
        self.themes.iter().position(|t| t == theme)
    }

    /// The middle of the placed nodes' bounding box and its size (for fitting the view).
    pub fn bounds(&self) -> Option<([f32; 2], [f32; 2])> {
        let mut it = self.positions.iter();
        let first = it.next()?;
        let (mut min, mut max) = (*first, *first);
        for p in it {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        Some((min, max))
    }
}
