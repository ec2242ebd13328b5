//! The network as a graph, for the makelaar's questions (DESIGN §3): referral paths,
//! kenners, communities, 'Best Person' risks and vraag en aanbod.
//!
//! [`Network`] is a petgraph view of the current relations (an `until` in the past is
//! history and left out), patched in place when one node or relation changes. The
//! algorithms run on a compact adjacency ([`Csr`]) made from it: the same shape for every
//! algorithm, cheap to build, and cache-friendly for the hot loops of Brandes and Dijkstra.

pub mod changes;
pub mod communities;
pub mod kenners;
pub mod needs;
pub mod paths;
pub mod risks;

use std::collections::HashMap;

use petgraph::Undirected;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::model::{Date, Node, NodeId, NodeKind, Relation, RelationId, RelationKind, Strength};

/// What the analysis needs to know of a node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeInfo {
    /// The node's id.
    pub id: NodeId,
    /// Its name.
    pub name: String,
    /// Person, organisation or initiative.
    pub kind: NodeKind,
    /// Its role.
    pub role: Option<String>,
    /// Its wijk.
    pub wijk: Option<String>,
    /// Themes.
    pub tags: Vec<String>,
    /// Themes on offer.
    pub offers: Vec<String>,
    /// Themes asked for.
    pub needs: Vec<String>,
    /// Gevoelig: no path passes through it (see `paths`).
    pub sensitive: bool,
}

impl From<&Node> for NodeInfo {
    fn from(node: &Node) -> Self {
        Self {
            id: node.id.clone(),
            name: node.name.clone(),
            kind: node.kind,
            role: node.role.clone(),
            wijk: node.wijk.clone(),
            tags: node.tags.clone(),
            offers: node.offers.clone(),
            needs: node.needs.clone(),
            sensitive: node.sensitive,
        }
    }
}

/// What the analysis needs to know of a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeInfo {
    /// The relation's id.
    pub id: RelationId,
    /// Its kind.
    pub kind: RelationKind,
    /// Its strength.
    pub strength: Strength,
    /// Its stored source (the referrer for `refers_to`).
    pub source: NodeIndex,
    /// Whether it burdens (belastend): never a referral step unless allowed.
    pub burdening: bool,
}

/// The current network.
#[derive(Clone, Debug, Default)]
pub struct Network {
    graph: StableGraph<NodeInfo, EdgeInfo, Undirected>,
    nodes: HashMap<NodeId, NodeIndex>,
    edges: HashMap<RelationId, EdgeIndex>,
    today: Option<Date>,
}

impl Network {
    /// The network of `nodes` and those `relations` that are current on `today`.
    pub fn new(nodes: &[Node], relations: &[Relation], today: Date) -> Self {
        let mut network = Self {
            graph: StableGraph::with_capacity(nodes.len(), relations.len()),
            nodes: HashMap::with_capacity(nodes.len()),
            edges: HashMap::with_capacity(relations.len()),
            today: Some(today),
        };
        for node in nodes {
            network.upsert_node(node);
        }
        for relation in relations {
            network.upsert_relation(relation);
        }
        network
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of current relations.
    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The petgraph graph, for callers that want its algorithms.
    pub fn graph(&self) -> &StableGraph<NodeInfo, EdgeInfo, Undirected> {
        &self.graph
    }

    /// The index of node `id`.
    pub fn index(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// The node at `index`.
    pub fn info(&self, index: NodeIndex) -> Option<&NodeInfo> {
        self.graph.node_weight(index)
    }

    /// Adds a node, or updates it in place.
    pub fn upsert_node(&mut self, node: &Node) {
        // Not in the wijk on the network's day (not yet come, or gone): not in it, nor
        // her relations.
        if let Some(today) = self.today
            && !node.present_on(today)
        {
            self.remove_node(&node.id);
            return;
        }
        match self.nodes.get(&node.id) {
            Some(&index) => {
                if let Some(info) = self.graph.node_weight_mut(index) {
                    *info = NodeInfo::from(node);
                }
            }
            None => {
                let index = self.graph.add_node(NodeInfo::from(node));
                self.nodes.insert(node.id.clone(), index);
            }
        }
    }

    /// Removes a node and its relations.
    pub fn remove_node(&mut self, id: &str) {
        let Some(index) = self.nodes.remove(id) else {
            return;
        };
        let gone: Vec<RelationId> = self
            .graph
            .edges(index)
            .map(|e| e.weight().id.clone())
            .collect();
        for relation in gone {
            self.edges.remove(&relation);
        }
        self.graph.remove_node(index);
    }

    /// Adds, updates or (when it has ended) removes a relation. Relations whose ends are
    /// not in the network are ignored.
    pub fn upsert_relation(&mut self, relation: &Relation) {
        let current = self.today.is_none_or(|today| relation.is_current(today));
        // The same ends: the edge keeps its place and takes the new kind and strength (so
        // the order of a node's edges, and with it every tie-break, stays as it was).
        if current
            && let Some(&edge) = self.edges.get(&relation.id)
            && let (Some(a), Some(b)) = (self.index(&relation.source), self.index(&relation.target))
            && self.graph.edge_endpoints(edge) == Some((a, b))
            && let Some(info) = self.graph.edge_weight_mut(edge)
        {
            info.kind = relation.kind;
            info.strength = relation.strength;
            return;
        }
        self.remove_relation(&relation.id);
        if let Some(today) = self.today
            && !relation.is_current(today)
        {
            return;
        }
        let (Some(a), Some(b)) = (self.index(&relation.source), self.index(&relation.target))
        else {
            return;
        };
        if a == b {
            return;
        }
        let edge = self.graph.add_edge(
            a,
            b,
            EdgeInfo {
                id: relation.id.clone(),
                kind: relation.kind,
                strength: relation.strength,
                source: a,
                burdening: relation.quality == crate::model::Quality::Burdening,
            },
        );
        self.edges.insert(relation.id.clone(), edge);
    }

    /// Removes a relation.
    pub fn remove_relation(&mut self, id: &str) {
        if let Some(edge) = self.edges.remove(id) {
            self.graph.remove_edge(edge);
        }
    }

    /// The compact adjacency of the network. With `directed`, a `refers_to` relation can
    /// only be walked from its source; otherwise every relation both ways. Between two
    /// nodes joined by several relations, the cheapest counts.
    pub fn csr(&self, directed: bool) -> Csr {
        let order: Vec<NodeIndex> = self.graph.node_indices().collect();
        let mut compact = vec![u32::MAX; self.graph.node_bound()];
        for (i, &index) in order.iter().enumerate() {
            compact[index.index()] = i as u32;
        }
        let mut lists: Vec<Vec<(u32, u8, EdgeIndex)>> = vec![Vec::new(); order.len()];
        for edge in (&self.graph).edge_references() {
            let info = edge.weight();
            let cost = info.strength.cost() as u8;
            let (a, b) = (
                compact[edge.source().index()],
                compact[edge.target().index()],
            );
            let from_source = compact[info.source.index()] == a;
            let (s, t) = if from_source { (a, b) } else { (b, a) };
            lists[s as usize].push((t, cost, edge.id()));
            if !(directed && info.kind.is_directed()) {
                lists[t as usize].push((s, cost, edge.id()));
            }
        }
        let mut rows = CsrRows::with_capacity(order.len(), 0);
        for list in &mut lists {
            // Cheapest first per neighbour, then keep one entry per neighbour.
            list.sort_unstable_by_key(|&(t, c, e)| (t, c, e.index()));
            list.dedup_by_key(|&mut (t, ..)| t);
            rows.push(list);
        }
        rows.into_csr(order)
    }

    /// The relation behind an edge.
    pub fn edge(&self, edge: EdgeIndex) -> Option<&EdgeInfo> {
        self.graph.edge_weight(edge)
    }

    /// Nodes whose id or name (case-insensitive) is `query`; several means ambiguous.
    pub fn find(&self, query: &str) -> Vec<NodeIndex> {
        if let Some(index) = self.index(query) {
            return vec![index];
        }
        let wanted = query.trim().to_lowercase();
        let mut found: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&i| self.graph[i].name.to_lowercase() == wanted)
            .collect();
        found.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        found
    }

    /// Whether the person at `index` is a paid professional in the wijk: she works at an
    /// organisation (a current `works_at` relation from her), or she is the sociaal
    /// makelaar herself (her role says so). The kenners list leaves them out on request:
    /// they know many people by their work, not as neighbours do.
    pub fn is_professional(&self, index: NodeIndex) -> bool {
        let Some(info) = self.graph.node_weight(index) else {
            return false;
        };
        let makelaar = info
            .role
            .as_deref()
            .is_some_and(|r| r.to_lowercase().contains("makelaar"));
        info.kind == NodeKind::Person
            && (makelaar
                || self.graph.edges(index).any(|e| {
                    e.weight().kind == RelationKind::WorksAt
                        && e.weight().source == index
                        && self.graph[e.target_of(index)].kind == NodeKind::Organisation
                }))
    }
}

/// An ego network: a node, everything within some steps of it, and the relations among
/// them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ego {
    /// The nodes with their distance in steps from the centre (the centre first, then by
    /// distance and id).
    pub nodes: Vec<(NodeIndex, usize)>,
    /// The current relations among those nodes.
    pub relations: Vec<EdgeIndex>,
}

impl Ego {
    /// The ids of its nodes and of its relations, for picking them out of the stored lists.
    pub fn ids<'a>(
        &self,
        network: &'a Network,
    ) -> (
        std::collections::HashSet<&'a str>,
        std::collections::HashSet<&'a str>,
    ) {
        let nodes = self
            .nodes
            .iter()
            .filter_map(|&(i, _)| network.info(i).map(|n| n.id.as_str()))
            .collect();
        let relations = self
            .relations
            .iter()
            .filter_map(|&e| network.edge(e).map(|r| r.id.as_str()))
            .collect();
        (nodes, relations)
    }
}

impl Network {
    /// The ego network of `center` to `depth` steps (every relation walked both ways).
    pub fn ego(&self, center: NodeIndex, depth: usize) -> Ego {
        let mut distance: HashMap<NodeIndex, usize> = HashMap::new();
        let mut frontier = vec![center];
        distance.insert(center, 0);
        for step in 1..=depth {
            let mut next = Vec::new();
            for &u in &frontier {
                for w in self.graph.neighbors(u) {
                    if let std::collections::hash_map::Entry::Vacant(e) = distance.entry(w) {
                        e.insert(step);
                        next.push(w);
                    }
                }
            }
            frontier = next;
        }
        let mut nodes: Vec<(NodeIndex, usize)> = distance.into_iter().collect();
        nodes.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| self.graph[a.0].id.cmp(&self.graph[b.0].id))
        });
        let inside: std::collections::HashSet<NodeIndex> = nodes.iter().map(|n| n.0).collect();
        let mut relations: Vec<EdgeIndex> = (&self.graph)
            .edge_references()
            .filter(|e| inside.contains(&e.source()) && inside.contains(&e.target()))
            .map(|e| e.id())
            .collect();
        relations.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        Ego { nodes, relations }
    }
}

/// The other end of an edge seen from one end.
trait OtherEnd {
    fn target_of(&self, from: NodeIndex) -> NodeIndex;
}

impl<E> OtherEnd for petgraph::stable_graph::EdgeReference<'_, E> {
    fn target_of(&self, from: NodeIndex) -> NodeIndex {
        if self.source() == from {
            self.target()
        } else {
            self.source()
        }
    }
}

/// A compact adjacency (compressed sparse rows) over nodes numbered `0..n`.
#[derive(Clone, Debug)]
pub struct Csr {
    /// Row `i` is `targets[offsets[i]..offsets[i + 1]]`.
    pub offsets: Vec<u32>,
    /// Neighbours.
    pub targets: Vec<u32>,
    /// Costs (`4 - strength`) of the cheapest relation to each neighbour.
    pub costs: Vec<u8>,
    /// That relation.
    pub edges: Vec<EdgeIndex>,
    /// The network's index of compact node `i`.
    pub order: Vec<NodeIndex>,
}

/// One entry of a CSR row: neighbour, cost, relation.
type CsrEntry = (u32, u8, EdgeIndex);

/// A [`Csr`] being built row by row, in node order.
struct CsrRows {
    offsets: Vec<u32>,
    targets: Vec<u32>,
    costs: Vec<u8>,
    edges: Vec<EdgeIndex>,
}

impl CsrRows {
    fn with_capacity(nodes: usize, entries: usize) -> Self {
        let mut offsets = Vec::with_capacity(nodes + 1);
        offsets.push(0);
        Self {
            offsets,
            targets: Vec::with_capacity(entries),
            costs: Vec::with_capacity(entries),
            edges: Vec::with_capacity(entries),
        }
    }

    /// Appends the next node's row.
    fn push(&mut self, row: &[CsrEntry]) {
        for &(t, c, e) in row {
            self.targets.push(t);
            self.costs.push(c);
            self.edges.push(e);
        }
        self.offsets.push(self.targets.len() as u32);
    }

    fn into_csr(self, order: Vec<NodeIndex>) -> Csr {
        Csr {
            offsets: self.offsets,
            targets: self.targets,
            costs: self.costs,
            edges: self.edges,
            order,
        }
    }
}

impl Csr {
    /// The same network with only the entries `keep(from, entry)` allows (an entry is an
    /// index into `targets`, `costs` and `edges`).
    pub(crate) fn filtered(&self, keep: impl Fn(usize, usize) -> bool) -> Csr {
        let mut rows = CsrRows::with_capacity(self.len(), self.targets.len());
        let mut row: Vec<CsrEntry> = Vec::new();
        for u in 0..self.len() {
            row.clear();
            let (a, b) = (self.offsets[u] as usize, self.offsets[u + 1] as usize);
            row.extend(
                (a..b)
                    .filter(|&k| keep(u, k))
                    .map(|k| (self.targets[k], self.costs[k], self.edges[k])),
            );
            rows.push(&row);
        }
        rows.into_csr(self.order.clone())
    }

    /// The same network with its nodes renumbered: node `new` is `old_of[new]`, and
    /// `new_of` is the inverse. Each row lists its neighbours by their new numbers, in
    /// increasing order.
    pub(crate) fn renumbered(&self, old_of: &[u32], new_of: &[u32]) -> Csr {
        let mut rows = CsrRows::with_capacity(self.len(), self.targets.len());
        let mut row: Vec<CsrEntry> = Vec::new();
        for &old in old_of {
            let (a, b) = (
                self.offsets[old as usize] as usize,
                self.offsets[old as usize + 1] as usize,
            );
            row.clear();
            row.extend((a..b).map(|k| {
                (
                    new_of[self.targets[k] as usize],
                    self.costs[k],
                    self.edges[k],
                )
            }));
            row.sort_unstable_by_key(|&(t, ..)| t);
            rows.push(&row);
        }
        rows.into_csr(old_of.iter().map(|&old| self.order[old as usize]).collect())
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The neighbours of `i` with their costs.
    #[inline]
    pub fn neighbours(&self, i: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        self.targets[a..b]
            .iter()
            .zip(&self.costs[a..b])
            .map(|(&t, &c)| (t as usize, u32::from(c)))
    }

    /// The number of neighbours of `i`.
    #[inline]
    pub fn degree(&self, i: usize) -> usize {
        (self.offsets[i + 1] - self.offsets[i]) as usize
    }

    /// The compact number of a network index.
    pub fn compact(&self) -> HashMap<NodeIndex, usize> {
        self.order
            .iter()
            .enumerate()
            .map(|(i, &n)| (n, i))
            .collect()
    }
}

/// Small networks for the unit tests of the analysis modules.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// Persons `ids` in a line, each joined to the next with `strength`.
    pub fn path_network(ids: &[&str], strength: i64) -> Network {
        let nodes: Vec<Node> = ids
            .iter()
            .map(|id| {
                let mut n = Node::new(NodeKind::Person, id.to_uppercase());
                n.id = (*id).into();
                n
            })
            .collect();
        let relations: Vec<Relation> = ids
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let mut r = Relation::with_id(format!("r{i}"), w[0], w[1], RelationKind::Knows);
                r.strength = Strength::new(strength).unwrap_or_default();
                r
            })
            .collect();
        Network::new(&nodes, &relations, crate::model::today())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str) -> Node {
        let mut n = Node::new(NodeKind::Person, id.to_uppercase());
        n.id = id.into();
        n
    }

    fn relation(id: &str, a: &str, b: &str, kind: RelationKind, strength: i64) -> Relation {
        let mut r = Relation::with_id(id, a, b, kind);
        r.strength = Strength::new(strength).unwrap();
        r
    }

    #[test]
    fn ended_relations_are_left_out_and_patches_apply_in_place() {
        let today = Date::new(2026, 6, 1).unwrap();
        let nodes = [person("a"), person("b"), person("c")];
        let mut ended = relation("r2", "b", "c", RelationKind::Knows, 2);
        ended.until = Some(Date::new(2025, 1, 1).unwrap());
        let relations = [
            relation("r1", "a", "b", RelationKind::Family, 3),
            ended.clone(),
        ];
        let mut net = Network::new(&nodes, &relations, today);
        assert_eq!((net.node_count(), net.relation_count()), (3, 1));
        let b = net.index("b").unwrap();
        ended.until = None;
        net.upsert_relation(&ended);
        assert_eq!(net.relation_count(), 2);
        net.remove_node("a");
        assert_eq!((net.node_count(), net.relation_count()), (2, 1));
        assert_eq!(net.index("b"), Some(b), "indices stay stable");
        let mut renamed = person("b");
        renamed.name = "Bea".into();
        net.upsert_node(&renamed);
        assert_eq!(net.find("bea"), vec![b]);

        // A new kind or strength keeps the edge where it is; new ends or an end date do not.
        let edge = net.edges["r2"];
        let mut r2 = relation("r2", "b", "c", RelationKind::RefersTo, 3);
        net.upsert_relation(&r2);
        assert_eq!(net.edges["r2"], edge);
        let info = net.edge(edge).unwrap();
        assert_eq!(
            (info.kind, info.strength.get()),
            (RelationKind::RefersTo, 3)
        );
        assert_eq!(info.source, b);
        r2.source = "c".into();
        r2.target = "b".into();
        net.upsert_relation(&r2);
        let turned = net.edges["r2"];
        assert_eq!(net.edge(turned).unwrap().source, net.index("c").unwrap());
        r2.until = Some(Date::new(2026, 1, 1).unwrap());
        net.upsert_relation(&r2);
        assert_eq!(net.relation_count(), 0);
        assert!(!net.edges.contains_key("r2"));
    }

    #[test]
    fn csr_keeps_the_cheapest_relation_and_the_direction_of_referrals() {
        let today = Date::new(2026, 6, 1).unwrap();
        let nodes = [person("a"), person("b"), person("c")];
        let relations = [
            relation("r1", "a", "b", RelationKind::Knows, 1),
            relation("r2", "b", "a", RelationKind::Family, 3),
            relation("r3", "b", "c", RelationKind::RefersTo, 2),
        ];
        let net = Network::new(&nodes, &relations, today);
        let directed = net.csr(true);
        let at = directed.compact();
        let (a, b, c) = (
            at[&net.index("a").unwrap()],
            at[&net.index("b").unwrap()],
            at[&net.index("c").unwrap()],
        );
        assert_eq!(directed.neighbours(a).collect::<Vec<_>>(), [(b, 1)]);
        let mut from_b: Vec<_> = directed.neighbours(b).collect();
        from_b.sort();
        assert_eq!(from_b, {
            let mut v = vec![(a, 1), (c, 2)];
            v.sort();
            v
        });
        assert_eq!(directed.degree(c), 0, "a referral cannot be walked back");
        assert_eq!(net.csr(false).degree(c), 1);
    }
}
