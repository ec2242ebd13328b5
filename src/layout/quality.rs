//! How readable a picture is, measured: the figures the layout is held to against sfdp
//! and ForceAtlas2 (BENCHMARKS.md, "Layout quality"), computed the same way for any
//! layout's positions, ours or another tool's.
//!
//! - community separation: the mean silhouette of the nodes' communities (1: each
//!   community lies apart, 0: mixed, below 0: scattered among the others);
//! - crossings per relation, over a sample of relations against all others;
//! - node overlaps: pairs of nodes closer than twice the drawn radius, after scaling the
//!   drawing so that its median relation is as long as `reference_length`;
//! - aspect: the drawing's width over its height (its bounding box as it lies);
//! - stress: how far drawn distances are from graph distances (hops), for sampled sources,
//!   after the best uniform scaling (0 is perfect; comparable between layouts).

use std::collections::{HashMap, VecDeque};

use super::LayoutGraph;
use crate::rng::SplitMix64;

/// The figures of one picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quality {
    /// Mean silhouette of the communities (nodes in communities of one are left out).
    pub silhouette: f64,
    /// Crossings per relation (sampled).
    pub crossings_per_edge: f64,
    /// Pairs of nodes whose discs overlap.
    pub overlaps: usize,
    /// Width over height of the bounding box.
    pub aspect: f64,
    /// Normalised stress against graph distances (sampled sources).
    pub stress: f64,
}

/// How many nodes and relations the sampled figures look at, at most.
const SAMPLE: usize = 1_000;

/// The figures of `positions` (one per node of `graph`), with `community` per node, drawn
/// with discs of `radius` where a median relation is `reference_length` long.
pub fn measure(
    graph: &LayoutGraph,
    positions: &[[f64; 2]],
    community: &[u32],
    radius: f64,
    reference_length: f64,
) -> Quality {
    let mut rng = SplitMix64::new(1);
    let scale = match median_edge_length(graph, positions) {
        Some(m) if m > 0.0 => reference_length / m,
        _ => 1.0,
    };
    let scaled: Vec<[f64; 2]> = positions
        .iter()
        .map(|p| [p[0] * scale, p[1] * scale])
        .collect();
    Quality {
        silhouette: silhouette(&scaled, community, &mut rng),
        crossings_per_edge: crossings_per_edge(graph, &scaled, &mut rng),
        overlaps: overlaps(&scaled, radius),
        aspect: aspect(&scaled),
        stress: stress(graph, &scaled, &mut rng),
    }
}

/// The median length of a relation as drawn.
pub fn median_edge_length(graph: &LayoutGraph, positions: &[[f64; 2]]) -> Option<f64> {
    let mut lengths: Vec<f64> = graph
        .edges
        .iter()
        .map(|&(a, b, _)| distance(positions[a as usize], positions[b as usize]))
        .collect();
    if lengths.is_empty() {
        return None;
    }
    let middle = lengths.len() / 2;
    let (_, m, _) = lengths.select_nth_unstable_by(middle, f64::total_cmp);
    Some(*m)
}

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Up to `k` of `0..n`, chosen at random without repeats (all of them when `n <= k`).
fn sample(n: usize, k: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    if n <= k {
        return all;
    }
    for i in 0..k {
        let j = i + (rng.next_u64() % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

/// Mean silhouette over sampled nodes, each community's mean distance estimated from up
/// to [`SAMPLE`] of its members.
fn silhouette(positions: &[[f64; 2]], community: &[u32], rng: &mut SplitMix64) -> f64 {
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &c) in community.iter().enumerate().take(positions.len()) {
        members.entry(c).or_default().push(i);
    }
    let mut groups: Vec<(u32, Vec<usize>)> = members
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(c, m)| {
            let picked = sample(m.len(), SAMPLE, rng);
            (c, picked.into_iter().map(|k| m[k]).collect())
        })
        .collect();
    groups.sort_by_key(|(c, _)| *c);
    if groups.len() < 2 {
        return 0.0;
    }
    let nodes: Vec<usize> = sample(positions.len(), SAMPLE, rng)
        .into_iter()
        .filter(|&i| groups.iter().any(|(c, _)| *c == community[i]))
        .collect();
    let mut total = 0.0;
    for &i in &nodes {
        let mut own = 0.0;
        let mut nearest = f64::INFINITY;
        for (c, m) in &groups {
            let others = m.iter().filter(|&&j| j != i);
            let (sum, count) = others.fold((0.0, 0usize), |(s, k), &j| {
                (s + distance(positions[i], positions[j]), k + 1)
            });
            let mean = sum / count.max(1) as f64;
            if *c == community[i] {
                own = mean;
            } else {
                nearest = nearest.min(mean);
            }
        }
        let spread = own.max(nearest);
        if spread > 0.0 {
            total += (nearest - own) / spread;
        }
    }
    total / nodes.len().max(1) as f64
}

/// Whether segments `a-b` and `c-d` cross properly (not at a shared end).
fn cross(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> bool {
    let orient = |p: [f64; 2], q: [f64; 2], r: [f64; 2]| {
        (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    };
    let (d1, d2) = (orient(a, b, c), orient(a, b, d));
    let (d3, d4) = (orient(c, d, a), orient(c, d, b));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Crossings of sampled relations with all others, per sampled relation.
fn crossings_per_edge(graph: &LayoutGraph, positions: &[[f64; 2]], rng: &mut SplitMix64) -> f64 {
    let edges = &graph.edges;
    if edges.is_empty() {
        return 0.0;
    }
    let boxes: Vec<[f64; 4]> = edges
        .iter()
        .map(|&(a, b, _)| {
            let (p, q) = (positions[a as usize], positions[b as usize]);
            [
                p[0].min(q[0]),
                p[1].min(q[1]),
                p[0].max(q[0]),
                p[1].max(q[1]),
            ]
        })
        .collect();
    let picked = sample(edges.len(), SAMPLE, rng);
    let mut crossings = 0usize;
    for &e in &picked {
        let (a, b, _) = edges[e];
        let own = boxes[e];
        for (f, &(c, d, _)) in edges.iter().enumerate() {
            if f == e || c == a || c == b || d == a || d == b {
                continue;
            }
            let other = boxes[f];
            if other[0] > own[2] || other[2] < own[0] || other[1] > own[3] || other[3] < own[1] {
                continue;
            }
            let at = |i: u32| positions[i as usize];
            if cross(at(a), at(b), at(c), at(d)) {
                crossings += 1;
            }
        }
    }
    crossings as f64 / picked.len() as f64
}

/// Pairs of nodes closer than twice `radius`, found over a grid.
fn overlaps(positions: &[[f64; 2]], radius: f64) -> usize {
    let min = 2.0 * radius * 0.999;
    let cell = 2.0 * radius;
    let key = |p: [f64; 2]| ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, &p) in positions.iter().enumerate() {
        grid.entry(key(p)).or_default().push(i);
    }
    let mut count = 0;
    for (i, &p) in positions.iter().enumerate() {
        let (gx, gy) = key(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in grid.get(&(gx + dx, gy + dy)).into_iter().flatten() {
                    if j > i && distance(p, positions[j]) < min {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// Width over height of the bounding box (1 for fewer than two distinct points).
fn aspect(positions: &[[f64; 2]]) -> f64 {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in positions {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    if w > 0.0 && h > 0.0 { w / h } else { 1.0 }
}

/// Normalised stress: sum of (scaled drawn distance - hops)^2 / hops^2 over pairs from
/// sampled sources, after the uniform scale that minimises it, over the number of pairs.
fn stress(graph: &LayoutGraph, positions: &[[f64; 2]], rng: &mut SplitMix64) -> f64 {
    let n = graph.len();
    let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(a, b, _) in &graph.edges {
        neighbours[a as usize].push(b);
        neighbours[b as usize].push(a);
    }
    // Pairs (drawn, hops) from up to 50 sources, over at most SAMPLE targets each.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    let mut hops = vec![u32::MAX; n];
    for s in sample(n, 50, rng) {
        hops.fill(u32::MAX);
        hops[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &v in &neighbours[u] {
                if hops[v as usize] == u32::MAX {
                    hops[v as usize] = hops[u] + 1;
                    queue.push_back(v as usize);
                }
            }
        }
        for t in sample(n, SAMPLE, rng) {
            if t != s && hops[t] != u32::MAX {
                pairs.push((distance(positions[s], positions[t]), f64::from(hops[t])));
            }
        }
    }
    if pairs.is_empty() {
        return 0.0;
    }
    // Minimise sum ((a*d - h)/h)^2 over a: a = sum(d/h) / sum(d^2/h^2).
    let (num, den) = pairs.iter().fold((0.0, 0.0), |(x, y), &(d, h)| {
        (x + d / h, y + d * d / (h * h))
    });
    let a = if den > 0.0 { num / den } else { 0.0 };
    pairs
        .iter()
        .map(|&(d, h)| ((a * d - h) / h).powi(2))
        .sum::<f64>()
        / pairs.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares of four, joined by one relation.
    fn two_squares() -> (LayoutGraph, Vec<u32>) {
        let mut edges = vec![(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)];
        edges.extend([
            (4, 5, 1.0),
            (5, 6, 1.0),
            (6, 7, 1.0),
            (7, 4, 1.0),
            (2, 4, 1.0),
        ]);
        (LayoutGraph::new(8, edges), vec![0, 0, 0, 0, 1, 1, 1, 1])
    }

    #[test]
    fn two_squares_apart_separate_their_communities_without_crossings_or_overlaps() {
        let (graph, community) = two_squares();
        let apart = vec![
            [0.0, 0.0],
            [0.0, 10.0],
            [10.0, 10.0],
            [10.0, 0.0],
            [30.0, 10.0],
            [30.0, 0.0],
            [40.0, 0.0],
            [40.0, 10.0],
        ];
        let q = measure(&graph, &apart, &community, 1.0, 10.0);
        assert!(q.silhouette > 0.5, "{q:?}");
        assert_eq!(q.crossings_per_edge, 0.0);
        assert_eq!(q.overlaps, 0);
        assert!((q.aspect - 4.0).abs() < 1e-9);
        // The same nodes mixed up: communities interleave, relations cross.
        let mixed = vec![
            [0.0, 0.0],
            [40.0, 10.0],
            [0.0, 10.0],
            [40.0, 0.0],
            [10.0, 0.0],
            [30.0, 10.0],
            [10.0, 10.0],
            [30.0, 0.0],
        ];
        let m = measure(&graph, &mixed, &community, 1.0, 10.0);
        assert!(m.silhouette < q.silhouette, "{m:?} {q:?}");
        assert!(m.crossings_per_edge > 0.0, "{m:?}");
        assert!(m.stress > q.stress, "{m:?} {q:?}");
    }

    #[test]
    fn nodes_on_one_spot_are_counted_as_overlaps_at_the_reference_scale() {
        let (graph, community) = two_squares();
        let mut positions: Vec<[f64; 2]> = (0..8).map(|i| [f64::from(i) * 10.0, 0.0]).collect();
        positions[7] = positions[6];
        let q = measure(&graph, &positions, &community, 1.0, 10.0);
        assert_eq!(q.overlaps, 1);
        // Drawn ten times smaller (one unit apart), each next node is inside the other's
        // disc: six neighbours in the row, and the last one with two.
        let q = measure(&graph, &positions, &community, 1.0, 1.0);
        assert_eq!(q.overlaps, 8, "{q:?}");
    }
}
