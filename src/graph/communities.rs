//! Communities (groups in the wijk) by the Louvain method, seeded: the same network always
//! gives the same groups.
//!
//! Edge weights are the relations' strengths (a strong tie binds more). Each level moves
//! nodes, in an order shuffled by the seed, to the neighbouring community that raises the
//! modularity most (ties to the lowest community number), then merges communities into
//! nodes and repeats until nothing moves.

use crate::model::NodeId;
use crate::rng::SplitMix64;

use super::Csr;

/// The groups found and how good the split is.
#[derive(Clone, Debug, PartialEq)]
pub struct Communities {
    /// Community number (0, 1, ... in order of first node) per compact node.
    pub membership: Vec<usize>,
    /// The modularity of that split (as networkx's `modularity` with `weight`).
    pub modularity: f64,
}

impl Communities {
    /// The number of communities.
    pub fn count(&self) -> usize {
        self.membership.iter().max().map_or(0, |m| m + 1)
    }
}

/// A weighted undirected graph as adjacency lists; a self-loop's entry holds twice its
/// weight, so every row sums to the node's degree.
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
}

impl Level {
    fn from_csr(csr: &Csr) -> Self {
        let adj = (0..csr.len())
            .map(|i| {
                csr.neighbours(i)
                    .map(|(j, cost)| (j, f64::from(4 - cost)))
                    .collect()
            })
            .collect();
        Self { adj }
    }

    fn degrees(&self) -> Vec<f64> {
        self.adj
            .iter()
            .map(|row| row.iter().map(|&(_, w)| w).sum())
            .collect()
    }
}

/// Louvain communities of the undirected network in `csr`, seeded.
pub fn louvain(csr: &Csr, seed: u64) -> Communities {
    let n = csr.len();
    let mut rng = SplitMix64::new(seed);
    let mut level = Level::from_csr(csr);
    // membership of the original nodes in the current level's nodes
    let mut membership: Vec<usize> = (0..n).collect();
    loop {
        let (moved, local) = move_nodes(&level, &mut rng);
        if !moved {
            break;
        }
        let (renumbered, count) = renumber(&local);
        for m in &mut membership {
            *m = renumbered[*m];
        }
        level = aggregate(&level, &renumbered, count);
    }
    let (membership, _) = renumber(&membership);
    let modularity = modularity(&Level::from_csr(csr), &membership);
    Communities {
        membership,
        modularity,
    }
}

/// One local-moving phase. Returns whether any node moved and each node's community.
fn move_nodes(level: &Level, rng: &mut SplitMix64) -> (bool, Vec<usize>) {
    let n = level.adj.len();
    let degree = level.degrees();
    let m2: f64 = degree.iter().sum();
    let mut community: Vec<usize> = (0..n).collect();
    if m2 == 0.0 {
        return (false, community);
    }
    let mut total: Vec<f64> = degree.clone();
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut weight_to = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for &i in &order {
            let own = community[i];
            let k = degree[i];
            for &(j, w) in &level.adj[i] {
                if j == i {
                    continue;
                }
                let c = community[j];
                if weight_to[c] == 0.0 {
                    touched.push(c);
                }
                weight_to[c] += w;
            }
            total[own] -= k;
            let gain = |c: usize, w: f64| w - total[c] * k / m2;
            let mut best = own;
            let mut best_gain = gain(own, weight_to[own]);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, weight_to[c]);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            total[best] += k;
            if best != own {
                community[i] = best;
                moved = true;
                moved_any = true;
            }
            for &c in &touched {
                weight_to[c] = 0.0;
            }
            weight_to[own] = 0.0;
            touched.clear();
        }
        if !moved {
            break;
        }
    }
    (moved_any, community)
}

/// Community labels as 0, 1, 2... in order of first appearance, and their count.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut map = vec![usize::MAX; labels.iter().max().map_or(0, |m| m + 1)];
    let mut next = 0;
    let renumbered = labels
        .iter()
        .map(|&l| {
            if map[l] == usize::MAX {
                map[l] = next;
                next += 1;
            }
            map[l]
        })
        .collect();
    (renumbered, next)
}

/// The graph of communities: one node per community, weights summed.
fn aggregate(level: &Level, community: &[usize], count: usize) -> Level {
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); count];
    let mut row = vec![0.0f64; count];
    let mut touched = Vec::new();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &c) in community.iter().enumerate() {
        members[c].push(i);
    }
    for (c, nodes) in members.iter().enumerate() {
        for &i in nodes {
            for &(j, w) in &level.adj[i] {
                let d = community[j];
                if row[d] == 0.0 {
                    touched.push(d);
                }
                row[d] += w;
            }
        }
        touched.sort_unstable();
        for &d in &touched {
            adj[c].push((d, row[d]));
            row[d] = 0.0;
        }
        touched.clear();
    }
    Level { adj }
}

/// Newman's modularity of a split of a weighted graph.
fn modularity(level: &Level, membership: &[usize]) -> f64 {
    let degree = level.degrees();
    let m2: f64 = degree.iter().sum();
    if m2 == 0.0 {
        return 0.0;
    }
    let count = membership.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; count];
    let mut total = vec![0.0; count];
    for (i, row) in level.adj.iter().enumerate() {
        total[membership[i]] += degree[i];
        for &(j, w) in row {
            if membership[j] == membership[i] {
                inside[membership[i]] += w;
            }
        }
    }
    inside
        .iter()
        .zip(&total)
        .map(|(&inner, &tot)| inner / m2 - (tot / m2).powi(2))
        .sum()
}

/// Each node's community (by id) in the network's seeded Louvain split.
pub fn community_of(
    network: &super::Network,
    seed: u64,
) -> std::collections::HashMap<NodeId, usize> {
    let csr = network.csr(false);
    let membership = louvain(&csr, seed).membership;
    membership
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| Some((network.info(csr.order[i])?.id.clone(), c)))
        .collect()
}

/// Numbers the communities of the nodes `ids` by size among them (0 the largest, ties by
/// community number), so the largest groups get the first colours. Returns id to rank.
pub fn rank_by_size<'a>(
    community: &std::collections::HashMap<NodeId, usize>,
    ids: impl Iterator<Item = &'a str> + Clone,
) -> std::collections::HashMap<NodeId, usize> {
    let mut sizes: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for id in ids.clone() {
        if let Some(&c) = community.get(id) {
            *sizes.entry(c).or_default() += 1;
        }
    }
    let mut by_size: Vec<(usize, usize)> = sizes.into_iter().collect();
    by_size.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rank: std::collections::HashMap<usize, usize> = by_size
        .iter()
        .enumerate()
        .map(|(r, (c, _))| (*c, r))
        .collect();
    ids.filter_map(|id| Some((NodeId::from(id), rank[community.get(id)?])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Relation, RelationKind};

    /// Two cliques of five joined by one weak tie.
    fn two_cliques() -> super::super::Network {
        let nodes: Vec<Node> = (0..10)
            .map(|i| {
                let mut n = Node::new(NodeKind::Person, format!("P{i}"));
                n.id = format!("p{i}").into();
                n
            })
            .collect();
        let mut relations = Vec::new();
        for group in [0..5, 5..10] {
            for a in group.clone() {
                for b in (a + 1)..group.end {
                    relations.push(Relation::with_id(
                        format!("r{a}-{b}"),
                        format!("p{a}"),
                        format!("p{b}"),
                        RelationKind::Friend,
                    ));
                }
            }
        }
        let mut bridge = Relation::with_id("bridge", "p4", "p5", RelationKind::Knows);
        bridge.strength = crate::model::Strength::WEAK;
        relations.push(bridge);
        super::super::Network::new(&nodes, &relations, crate::model::today())
    }

    #[test]
    fn two_cliques_make_two_communities_with_known_modularity() {
        let net = two_cliques();
        let csr = net.csr(false);
        let c = louvain(&csr, 1);
        assert_eq!(c.count(), 2);
        let at = csr.compact();
        let group = |i: usize| c.membership[at[&net.index(&format!("p{i}")).unwrap()]];
        assert!((0..5).all(|i| group(i) == group(0)));
        assert!((5..10).all(|i| group(i) == group(5)));
        assert_ne!(group(0), group(5));
        // Each clique: 10 edges of weight 2; the bridge weighs 1. m = 41.
        let m: f64 = 41.0;
        let expected = 2.0 * (20.0 / m - (41.0 / (2.0 * m)).powi(2));
        assert!((c.modularity - expected).abs() < 1e-12, "{}", c.modularity);
    }

    #[test]
    fn the_same_seed_gives_the_same_groups() {
        let net = two_cliques();
        let csr = net.csr(false);
        assert_eq!(louvain(&csr, 7), louvain(&csr, 7));
    }
}
