//! Referral paths (doorverwijzing): via whom can this resident reach that activity?
//!
//! Dijkstra with the cost `4 - strength`, and Yen's k cheapest loopless paths on top of it
//! (each of its searches an A* guided by every node's cost to the target).
//! A `refers_to` relation is walked only from the referrer. Nodes can be avoided. The
//! target is a node, or a theme: then the nearest nodes whose offers hold it, cheapest
//! first. Every path comes with its steps (who to whom, which kind, how strong, and which
//! way the relation was stored), for `crate::words` to explain in the user's language.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use serde::Serialize;

use super::{Csr, Network};
use crate::model::{NodeId, NodeKind, RelationKind, Strength};

/// What a referral path may pass that it otherwise never does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allow {
    /// Through a sensitive (gevoelig) organisation or initiative.
    pub sensitive: bool,
    /// Along a burdening (belastend) relation: "Fatima kent Bep" is no way in if Bep
    /// burdens her.
    pub burdening: bool,
}

impl Allow {
    /// Nothing extra: the default of every search.
    pub const NONE: Self = Self {
        sensitive: false,
        burdening: false,
    };
}

/// Where a path should end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// This node (by network id).
    Node(String),
    /// Any node whose offers hold this theme.
    Offers(String),
}

/// A node on a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathNode {
    /// Id.
    pub id: NodeId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Role ("buurvrouw", "huisarts"), said beside the step that reaches her.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// One step of a path: the relation walked from one node to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// The node it leaves (index in the path's nodes).
    pub from: usize,
    /// The node it reaches.
    pub to: usize,
    /// The relation's kind.
    pub kind: RelationKind,
    /// The relation's strength.
    pub strength: Strength,
    /// Whether the relation is stored from `from` to `to` (else the other way round).
    pub forward: bool,
}

/// One referral path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReferralPath {
    /// The sum of the costs of its relations.
    pub cost: u32,
    /// From the start to the end.
    pub nodes: Vec<PathNode>,
    /// Its steps, from the start to the end.
    pub steps: Vec<PathStep>,
}

/// Why no paths could be looked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// The start or target node is not in the network.
    #[error("no node '{0}' in the network")]
    UnknownNode(String),
    /// The start or target is among the nodes to avoid.
    #[error("'{0}' is both an end of the path and a node to avoid")]
    AvoidedEnd(String),
}

/// A path through a [`Csr`]: compact nodes and total cost.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawPath {
    /// Total cost.
    pub cost: u32,
    /// Compact node numbers from start to end.
    pub nodes: Vec<usize>,
}

/// Things a search may not use.
#[derive(Default)]
struct Banned {
    nodes: Vec<bool>,
    /// Relations that may not be walked, as (from, to); a handful at most (Yen bans the
    /// next step of each path found so far that shares the root).
    edges: Vec<(usize, usize)>,
}

/// The cheapest path from `s` to any node marked in `is_target`, avoiding `banned`; ties go
/// to the lower node number, so the result is deterministic.
///
/// With `to_target`, each node's cost to the target when nothing is banned, the search is
/// A*: bans only make paths dearer, so that cost never overestimates and the first time
/// the target is taken its path is the cheapest; nodes that cannot reach the target at
/// all are never taken.
fn dijkstra(
    csr: &Csr,
    s: usize,
    is_target: &dyn Fn(usize) -> bool,
    banned: &Banned,
    to_target: Option<&[u32]>,
) -> Option<RawPath> {
    let n = csr.len();
    let h = |u: usize| to_target.map_or(0, |h| h[u]);
    if h(s) == u32::MAX {
        return None;
    }
    let mut dist = vec![u32::MAX; n];
    let mut parent = vec![usize::MAX; n];
    let mut heap = BinaryHeap::new();
    dist[s] = 0;
    heap.push(Reverse((h(s), s)));
    while let Some(Reverse((f, u))) = heap.pop() {
        let d = dist[u];
        if f > d + h(u) {
            continue;
        }
        if is_target(u) {
            let mut nodes = vec![u];
            let mut x = u;
            while parent[x] != usize::MAX {
                x = parent[x];
                nodes.push(x);
            }
            nodes.reverse();
            return Some(RawPath { cost: d, nodes });
        }
        for (w, cost) in csr.neighbours(u) {
            if banned.nodes[w] || h(w) == u32::MAX || banned.edges.contains(&(u, w)) {
                continue;
            }
            let nd = d + cost;
            if nd < dist[w] || (nd == dist[w] && u < parent[w]) {
                if nd < dist[w] {
                    heap.push(Reverse((nd + h(w), w)));
                }
                dist[w] = nd;
                parent[w] = u;
            }
        }
    }
    None
}

/// Every node's cost to `t` (walking relations forwards), never through `avoid`;
/// `u32::MAX` where `t` cannot be reached.
fn costs_to(csr: &Csr, t: usize, avoid: &[bool]) -> Vec<u32> {
    let n = csr.len();
    // The relations reversed: for each node, who can step to it and at what cost.
    let mut offsets = vec![0u32; n + 1];
    for &w in &csr.targets {
        offsets[w as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut from = vec![(0u32, 0u32); csr.targets.len()];
    for u in 0..n {
        for (w, cost) in csr.neighbours(u) {
            let slot = &mut fill[w];
            from[*slot as usize] = (u as u32, cost);
            *slot += 1;
        }
    }
    let mut dist = vec![u32::MAX; n];
    let mut heap = BinaryHeap::new();
    dist[t] = 0;
    heap.push(Reverse((0u32, t)));
    while let Some(Reverse((d, w))) = heap.pop() {
        if d > dist[w] {
            continue;
        }
        for &(u, cost) in &from[offsets[w] as usize..offsets[w + 1] as usize] {
            let u = u as usize;
            if avoid[u] {
                continue;
            }
            let nd = d + cost;
            if nd < dist[u] {
                dist[u] = nd;
                heap.push(Reverse((nd, u)));
            }
        }
    }
    dist
}

/// The cost of walking from `u` to its neighbour `w`.
fn step_cost(csr: &Csr, u: usize, w: usize) -> Option<u32> {
    csr.neighbours(u).find(|&(x, _)| x == w).map(|(_, c)| c)
}

/// Yen's k cheapest loopless paths from `s` to `t`, never through `avoid`. For more than
/// one path every search is guided by the cost to `t` (A*, see [`dijkstra`]), worked out
/// once.
pub fn k_shortest(csr: &Csr, s: usize, t: usize, k: usize, avoid: &[usize]) -> Vec<RawPath> {
    let mut base = Banned {
        nodes: vec![false; csr.len()],
        edges: Vec::new(),
    };
    for &a in avoid {
        base.nodes[a] = true;
    }
    // One path is one search: working out the guide would cost more than it saves.
    let to_t = (k > 1).then(|| costs_to(csr, t, &base.nodes));
    let h = to_t.as_deref();
    let Some(first) = dijkstra(csr, s, &|u| u == t, &base, h) else {
        return Vec::new();
    };
    let mut found = vec![first];
    let mut candidates: BTreeSet<RawPath> = BTreeSet::new();
    let mut banned = Banned {
        nodes: base.nodes.clone(),
        edges: Vec::new(),
    };
    while found.len() < k {
        let Some(last) = found.last().cloned() else {
            break;
        };
        let mut root_cost = 0;
        for i in 0..last.nodes.len() - 1 {
            let spur = last.nodes[i];
            let root = &last.nodes[..=i];
            banned.edges.clear();
            for p in &found {
                if p.nodes.len() > i + 1 && p.nodes[..=i] == *root {
                    banned.edges.push((p.nodes[i], p.nodes[i + 1]));
                }
            }
            for &r in &root[..i] {
                banned.nodes[r] = true;
            }
            let spur_path = dijkstra(csr, spur, &|u| u == t, &banned, h);
            for &r in &root[..i] {
                banned.nodes[r] = base.nodes[r];
            }
            if let Some(spur_path) = spur_path {
                let mut nodes = root[..i].to_vec();
                nodes.extend(&spur_path.nodes);
                candidates.insert(RawPath {
                    cost: root_cost + spur_path.cost,
                    nodes,
                });
            }
            root_cost += step_cost(csr, spur, last.nodes[i + 1]).unwrap_or(0);
        }
        // The cheapest candidate not found yet.
        let next = loop {
            match candidates.pop_first() {
                Some(p) if found.contains(&p) => continue,
                other => break other,
            }
        };
        match next {
            Some(p) => found.push(p),
            None => break,
        }
    }
    found
}

/// The cheapest path to each of the `k` nearest nodes marked in `is_target` (cheapest
/// first, ties by node number).
pub fn nearest(csr: &Csr, s: usize, is_target: &[bool], k: usize, avoid: &[usize]) -> Vec<RawPath> {
    let mut banned = Banned {
        nodes: vec![false; csr.len()],
        edges: Vec::new(),
    };
    for &a in avoid {
        banned.nodes[a] = true;
    }
    let mut found: Vec<RawPath> = Vec::new();
    let mut reached = vec![false; csr.len()];
    reached[s] = true;
    while found.len() < k {
        let Some(path) = dijkstra(csr, s, &|u| is_target[u] && !reached[u], &banned, None) else {
            break;
        };
        if let Some(&end) = path.nodes.last() {
            reached[end] = true;
        }
        found.push(path);
    }
    found
}

/// Relations that say someone belongs to a place: walked into a sensitive one, they would
/// tell who is its client.
fn is_membership(kind: RelationKind) -> bool {
    matches!(
        kind,
        RelationKind::MemberOf | RelationKind::ParticipatesIn | RelationKind::ClientOf
    )
}

/// The relations a referral path from compact node `start` may walk: unless `allow`
/// says otherwise, never a burdening relation, never on out of a sensitive organisation or
/// initiative (it can be the goal, never a step on the way), and never into one by a
/// relation that says who is its client or member (only the resident herself may be).
fn route_csr(network: &Network, csr: &Csr, start: usize, allow: Allow) -> Csr {
    let info = |i: usize| &network.graph()[csr.order[i]];
    let burdening = !allow.burdening && network.graph().edge_weights().any(|e| e.burdening);
    let sensitive = !allow.sensitive && (0..csr.len()).any(|i| info(i).sensitive);
    if !burdening && !sensitive {
        return csr.clone();
    }
    csr.filtered(|u, k| {
        let w = csr.targets[k] as usize;
        let edge = network.edge(csr.edges[k]);
        if burdening && edge.is_some_and(|e| e.burdening) {
            return false;
        }
        if !sensitive {
            return true;
        }
        if u != start && info(u).sensitive {
            return false;
        }
        let membership = edge.is_some_and(|e| is_membership(e.kind));
        !(u != start && info(w).sensitive && membership)
    })
}

/// The k cheapest referral paths from `from` to `target`, never through `avoid`, nor
/// along a burdening relation or through a sensitive organisation or initiative unless
/// `allow` says so.
pub fn referral_paths(
    network: &Network,
    from: &str,
    target: &Target,
    k: usize,
    avoid: &[String],
    allow: Allow,
) -> Result<Vec<ReferralPath>, PathError> {
    let all = network.csr(true);
    let at = all.compact();
    let compact = |id: &str| {
        network
            .index(id)
            .and_then(|i| at.get(&i).copied())
            .ok_or_else(|| PathError::UnknownNode(id.to_owned()))
    };
    let s = compact(from)?;
    let csr = route_csr(network, &all, s, allow);
    let avoid: Vec<usize> = avoid
        .iter()
        .map(|id| compact(id))
        .collect::<Result<_, _>>()?;
    if avoid.contains(&s) {
        return Err(PathError::AvoidedEnd(from.to_owned()));
    }
    let raw = match target {
        Target::Node(id) => {
            let t = compact(id)?;
            if avoid.contains(&t) {
                return Err(PathError::AvoidedEnd(id.clone()));
            }
            if s == t {
                vec![RawPath {
                    cost: 0,
                    nodes: vec![s],
                }]
            } else {
                k_shortest(&csr, s, t, k, &avoid)
            }
        }
        Target::Offers(theme) => {
            let theme = theme.trim().to_lowercase();
            let offers: Vec<bool> = csr
                .order
                .iter()
                .map(|&i| network.graph()[i].offers.contains(&theme))
                .collect();
            nearest(&csr, s, &offers, k, &avoid)
        }
    };
    Ok(raw.iter().map(|p| describe(network, &csr, p)).collect())
}

/// Turns a raw path into its nodes and steps.
fn describe(network: &Network, csr: &Csr, path: &RawPath) -> ReferralPath {
    let info = |i: usize| &network.graph()[csr.order[i]];
    let nodes = path
        .nodes
        .iter()
        .map(|&i| PathNode {
            id: info(i).id.clone(),
            name: info(i).name.clone(),
            kind: info(i).kind,
            role: info(i).role.clone(),
        })
        .collect();
    let steps = path
        .nodes
        .windows(2)
        .enumerate()
        .map(|(k, pair)| {
            let (u, w) = (pair[0], pair[1]);
            let (a, b) = (csr.offsets[u] as usize, csr.offsets[u + 1] as usize);
            let edge = (a..b)
                .find(|&e| csr.targets[e] as usize == w)
                .and_then(|e| network.edge(csr.edges[e]));
            let (kind, strength, forward) = match edge {
                Some(rel) => (rel.kind, rel.strength, rel.source == csr.order[u]),
                None => (RelationKind::Knows, Strength::NORMAL, true),
            };
            PathStep {
                from: k,
                to: k + 1,
                kind,
                strength,
                forward,
            }
        })
        .collect();
    ReferralPath {
        cost: path.cost,
        nodes,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests_support::path_network;

    #[test]
    fn a_line_has_one_path_and_its_explanation() {
        let net = path_network(&["a", "b", "c"], 3);
        let paths =
            referral_paths(&net, "a", &Target::Node("c".into()), 3, &[], Allow::NONE).unwrap();
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].cost, 2);
        assert_eq!(
            crate::words::Language::Dutch.words().explain(&paths[0]),
            "A kent B (sterk) · B kent C (sterk)"
        );
        assert!(
            referral_paths(
                &net,
                "a",
                &Target::Node("c".into()),
                3,
                &["b".into()],
                Allow::NONE
            )
            .unwrap()
            .is_empty()
        );
        assert_eq!(
            referral_paths(
                &net,
                "a",
                &Target::Node("c".into()),
                3,
                &["a".into()],
                Allow::NONE
            ),
            Err(PathError::AvoidedEnd("a".into()))
        );
    }
}
