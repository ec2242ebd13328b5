//! Kenners: who knows the wijk and bridges its groups.
//!
//! Betweenness by Brandes' algorithm on the undirected graph of current relations, with the
//! cost `4 - strength` as weight, normalised as networkx's
//! `betweenness_centrality(G, weight=..., normalized=True)`. Costs are the small integers
//! 1-3, so each single-source search uses a bucket queue (Dial) instead of a heap.
//! Predecessors are found again from distances while accumulating rather than stored.
//!
//! Sources are split into a fixed number of groups, summed in group order: the result is
//! the same bit for bit on one thread or many (rayon).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::communities::louvain;
use super::{Csr, Network};
use crate::model::{NodeId, NodeKind};

/// The number of source groups; fixed so the summation order never depends on threads.
const GROUPS: usize = 64;

/// Betweenness of every node of a [`Csr`].
#[derive(Clone, Debug, PartialEq)]
pub struct Betweenness {
    /// Normalised betweenness per compact node.
    pub scores: Vec<f64>,
    /// Per compact node: for how many counted sources at least a tenth of the network (and
    /// at least one node) lies beyond it, on their shortest paths ("N mensen lopen via
    /// haar").
    pub reach: Vec<u32>,
}

/// What one single-source search knows of a node, kept together so that looking at a
/// neighbour touches one cache line rather than three.
#[derive(Clone, Copy)]
struct Visit {
    /// Number of shortest paths from the source.
    sigma: f64,
    /// Dependency of the source on this node.
    delta: f64,
    /// Distance from the source ([`UNSEEN`] when not reached).
    dist: u32,
}

const UNSEEN: u32 = u32::MAX;

const FRESH: Visit = Visit {
    sigma: 0.0,
    delta: 0.0,
    dist: UNSEEN,
};

/// Reusable per-thread arrays of one single-source search.
struct Workspace {
    visit: Vec<Visit>,
    order: Vec<u32>,
    buckets: [Vec<u32>; 4],
}

impl Workspace {
    fn new(n: usize) -> Self {
        Self {
            visit: vec![FRESH; n],
            order: Vec::with_capacity(n),
            buckets: Default::default(),
        }
    }

    /// Shortest paths from `s` (all costs 1 when `weighted` is false): fills each node's
    /// distance and number of shortest paths, and `order` (by distance).
    ///
    /// The fields are taken apart into local slices first: the hot loop then keeps them
    /// in registers instead of reloading each vector through `self`.
    fn search<const WEIGHTED: bool>(&mut self, csr: &Csr, s: usize) {
        let Self {
            visit,
            order,
            buckets,
        } = self;
        for &v in order.iter() {
            visit[v as usize] = FRESH;
        }
        order.clear();
        let (offsets, targets, costs) = (&csr.offsets[..], &csr.targets[..], &csr.costs[..]);
        visit[s].dist = 0;
        visit[s].sigma = 1.0;
        buckets[0].push(s as u32);
        let mut pending = 1usize;
        let mut d = 0u32;
        while pending > 0 {
            let slot = (d % 4) as usize;
            let mut bucket = std::mem::take(&mut buckets[slot]);
            pending -= bucket.len();
            for &u in &bucket {
                let u = u as usize;
                if visit[u].dist != d {
                    continue;
                }
                order.push(u as u32);
                let sigma_u = visit[u].sigma;
                let (a, b) = (offsets[u] as usize, offsets[u + 1] as usize);
                for (&wi, &cost) in targets[a..b].iter().zip(&costs[a..b]) {
                    let w = &mut visit[wi as usize];
                    let nd = d + if WEIGHTED { u32::from(cost) } else { 1 };
                    if nd < w.dist {
                        w.dist = nd;
                        w.sigma = sigma_u;
                        buckets[(nd % 4) as usize].push(wi);
                        pending += 1;
                    } else if nd == w.dist {
                        w.sigma += sigma_u;
                    }
                }
            }
            bucket.clear();
            buckets[slot] = bucket;
            d += 1;
        }
    }

    /// Adds the dependencies of source `s` to `scores` (and `reach` when `count`).
    fn accumulate<const WEIGHTED: bool>(
        &mut self,
        csr: &Csr,
        s: usize,
        count: bool,
        scores: &mut [f64],
        reach: &mut [u32],
    ) {
        let threshold = (csr.len().saturating_sub(2) as f64 / 10.0).max(1.0);
        let Self { visit, order, .. } = self;
        let (offsets, targets, costs) = (&csr.offsets[..], &csr.targets[..], &csr.costs[..]);
        for &w in order.iter().rev() {
            let w = w as usize;
            let Visit { sigma, delta, dist } = visit[w];
            let coeff = (1.0 + delta) / sigma;
            let (a, b) = (offsets[w] as usize, offsets[w + 1] as usize);
            for (&v, &cost) in targets[a..b].iter().zip(&costs[a..b]) {
                let v = &mut visit[v as usize];
                let step = if WEIGHTED { u32::from(cost) } else { 1 };
                if v.dist != UNSEEN && v.dist + step == dist {
                    v.delta += v.sigma * coeff;
                }
            }
            if w != s {
                scores[w] += delta;
                if count && delta >= threshold {
                    reach[w] += 1;
                }
            }
        }
    }
}

/// Exact betweenness of every node. `counted` marks the sources that count for `reach`
/// (persons, say); `None` counts every source.
pub fn betweenness(csr: &Csr, weighted: bool, counted: Option<&[bool]>) -> Betweenness {
    let sources: Vec<usize> = (0..csr.len()).collect();
    let mut result = accumulate_sources(csr, &sources, weighted, counted);
    rescale(&mut result.scores, csr.len(), 1.0);
    result
}

/// Betweenness estimated from `k` sources drawn with `seed` (scaled by n/k, as networkx
/// does with `k=`), for networks too large for the exact figure in the time at hand.
pub fn betweenness_sampled(
    csr: &Csr,
    weighted: bool,
    k: usize,
    seed: u64,
    counted: Option<&[bool]>,
) -> Betweenness {
    let n = csr.len();
    let k = k.min(n);
    let mut all: Vec<usize> = (0..n).collect();
    let mut rng = crate::rng::SplitMix64::new(seed);
    for i in 0..k {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    let mut result = accumulate_sources(csr, &all, weighted, counted);
    let factor = if k == 0 { 0.0 } else { n as f64 / k as f64 };
    rescale(&mut result.scores, n, factor);
    result
}

/// The nodes in breadth-first order (each component from its first node, neighbours in
/// their order), as `new -> old`: neighbours then sit close together in memory.
fn breadth_first(csr: &Csr) -> Vec<u32> {
    let n = csr.len();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut head = order.len();
        order.push(start as u32);
        while head < order.len() {
            let u = order[head] as usize;
            head += 1;
            for (w, _) in csr.neighbours(u) {
                if !seen[w] {
                    seen[w] = true;
                    order.push(w as u32);
                }
            }
        }
    }
    order
}

fn accumulate_sources(
    csr: &Csr,
    sources: &[usize],
    weighted: bool,
    counted: Option<&[bool]>,
) -> Betweenness {
    // Renumbered breadth-first, a search's neighbours are mostly in nearby cache lines.
    let order = breadth_first(csr);
    let mut new_of = vec![0u32; csr.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old as usize] = new as u32;
    }
    let renumbered = csr.renumbered(&order, &new_of);
    let mut new_sources: Vec<usize> = sources.iter().map(|&s| new_of[s] as usize).collect();
    new_sources.sort_unstable();
    let new_counted: Option<Vec<bool>> =
        counted.map(|c| order.iter().map(|&old| c[old as usize]).collect());
    let result = accumulate_renumbered(&renumbered, &new_sources, weighted, new_counted.as_deref());
    let mut scores = vec![0.0; csr.len()];
    let mut reach = vec![0u32; csr.len()];
    for (new, &old) in order.iter().enumerate() {
        scores[old as usize] = result.scores[new];
        reach[old as usize] = result.reach[new];
    }
    Betweenness { scores, reach }
}

fn accumulate_renumbered(
    csr: &Csr,
    sources: &[usize],
    weighted: bool,
    counted: Option<&[bool]>,
) -> Betweenness {
    let n = csr.len();
    let group_size = sources.len().div_ceil(GROUPS).max(1);
    let run_group = |group: &[usize]| {
        let mut ws = Workspace::new(n);
        let mut scores = vec![0.0; n];
        let mut reach = vec![0u32; n];
        for &s in group {
            if weighted {
                ws.search::<true>(csr, s);
            } else {
                ws.search::<false>(csr, s);
            }
            let count = counted.is_none_or(|c| c[s]);
            if weighted {
                ws.accumulate::<true>(csr, s, count, &mut scores, &mut reach);
            } else {
                ws.accumulate::<false>(csr, s, count, &mut scores, &mut reach);
            }
        }
        (scores, reach)
    };
    // Small networks: one thread; the grouping (and so the sums) is the same either way.
    let parts: Vec<(Vec<f64>, Vec<u32>)> = if n < 500 {
        sources.chunks(group_size).map(run_group).collect()
    } else {
        sources.par_chunks(group_size).map(run_group).collect()
    };
    let mut scores = vec![0.0; n];
    let mut reach = vec![0u32; n];
    for (part_scores, part_reach) in parts {
        for (total, x) in scores.iter_mut().zip(part_scores) {
            *total += x;
        }
        for (total, x) in reach.iter_mut().zip(part_reach) {
            *total += x;
        }
    }
    Betweenness { scores, reach }
}

/// networkx's normalisation for undirected graphs: every pair was counted from both ends,
/// so the sum is divided by (n-1)(n-2).
fn rescale(scores: &mut [f64], n: usize, factor: f64) {
    if n <= 2 {
        return;
    }
    let scale = factor / ((n - 1) as f64 * (n - 2) as f64);
    for s in scores {
        *s *= scale;
    }
}

/// Which nodes to rank.
#[derive(Clone, Debug, Default)]
pub struct KennerQuery {
    /// Only this kind; `None` ranks every kind.
    pub kind: Option<NodeKind>,
    /// Only nodes of this wijk.
    pub wijk: Option<String>,
    /// At most this many (0: all).
    pub top: usize,
    /// Leave out the paid professionals and the makelaar herself
    /// ([`Network::is_professional`]).
    pub without_professionals: bool,
}

/// A kenner: someone many shortest routes in the wijk run through.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kenner {
    /// Node id.
    pub id: NodeId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Normalised weighted betweenness.
    pub betweenness: f64,
    /// Number of nodes she has a current relation with.
    pub degree: usize,
    /// Number of distinct communities among them.
    pub communities: usize,
    /// Number of distinct themes among them.
    pub themes: usize,
    /// Number of persons for whom at least a tenth of the wijk lies beyond her on their
    /// shortest paths.
    pub reach: u32,
}

/// Which compact nodes are persons: the sources that count for `reach`.
fn persons(network: &Network, csr: &Csr) -> Vec<bool> {
    (0..csr.len())
        .map(|i| network.graph()[csr.order[i]].kind == NodeKind::Person)
        .collect()
}

/// Up to this many nodes, [`scores`] is the exact betweenness (about a second at 5,000);
/// above, it is estimated from [`SAMPLED_SOURCES`] sources.
pub const EXACT_SCORES_UP_TO: usize = 5_000;
/// The sources of the estimate above [`EXACT_SCORES_UP_TO`] nodes (top-50 overlap with the
/// exact figure 47/50 at 50,000 nodes, BENCHMARKS.md).
pub const SAMPLED_SOURCES: usize = 1_000;

/// Every node's kenner score, as [`kenners`] ranks by it (normalised weighted
/// betweenness), by node id: what an export carries for other tools.
pub fn scores(network: &Network) -> HashMap<NodeId, f64> {
    let csr = network.csr(false);
    let info = |i: usize| &network.graph()[csr.order[i]];
    let persons = persons(network, &csr);
    let between = if csr.len() <= EXACT_SCORES_UP_TO {
        betweenness(&csr, true, Some(&persons))
    } else {
        betweenness_sampled(&csr, true, SAMPLED_SOURCES, 1, Some(&persons))
    };
    (0..csr.len())
        .map(|i| (info(i).id.clone(), between.scores[i]))
        .collect()
}

/// The kenners of the network, best first: ranked by betweenness, then degree, then id.
pub fn kenners(network: &Network, query: &KennerQuery) -> Vec<Kenner> {
    let csr = network.csr(false);
    let info = |i: usize| &network.graph()[csr.order[i]];
    let persons = persons(network, &csr);
    let between = betweenness(&csr, true, Some(&persons));
    let communities = louvain(&csr, 1).membership;
    let mut ranked: Vec<Kenner> = (0..csr.len())
        .filter(|&i| query.kind.is_none_or(|k| info(i).kind == k))
        .filter(|&i| !(query.without_professionals && network.is_professional(csr.order[i])))
        .filter(|&i| {
            query
                .wijk
                .as_ref()
                .is_none_or(|w| info(i).wijk.as_deref() == Some(w.as_str()))
        })
        .map(|i| {
            let node = info(i);
            let mut groups: Vec<usize> = csr.neighbours(i).map(|(j, _)| communities[j]).collect();
            groups.sort_unstable();
            groups.dedup();
            let mut themes: Vec<&str> = csr
                .neighbours(i)
                .flat_map(|(j, _)| info(j).tags.iter().chain(&info(j).offers))
                .map(String::as_str)
                .collect();
            themes.sort_unstable();
            themes.dedup();
            let degree = csr.degree(i);
            Kenner {
                id: node.id.clone(),
                name: node.name.clone(),
                kind: node.kind,
                betweenness: between.scores[i],
                degree,
                communities: groups.len(),
                themes: themes.len(),
                reach: between.reach[i],
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(b.degree.cmp(&a.degree))
            .then_with(|| a.id.cmp(&b.id))
    });
    if query.top > 0 {
        ranked.truncate(query.top);
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests_support::path_network;

    #[test]
    fn betweenness_of_a_path_is_known() {
        // a - b - c - d: b and c each lie on 2 of the 3 pairs' paths not ending at them.
        let net = path_network(&["a", "b", "c", "d"], 2);
        let csr = net.csr(false);
        let b = betweenness(&csr, true, None);
        let at = csr.compact();
        let score = |id: &str| b.scores[at[&net.index(id).unwrap()]];
        assert_eq!(score("a"), 0.0);
        assert!((score("b") - 2.0 / 3.0).abs() < 1e-12);
        assert!((score("c") - 2.0 / 3.0).abs() < 1e-12);
    }
}
