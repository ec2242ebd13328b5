//! A multilevel start for a fresh layout, as sfdp and Walshaw's multilevel force layout
//! do it: the network is coarsened step by step (neighbours merged by heavy-edge matching,
//! a leaf folded into its neighbour), the coarsest one is laid out in a few hundred cheap
//! iterations, and each finer level starts from its coarser one's picture (every node
//! where the group it was merged into lies) for a few iterations more. The force layout on
//! the whole network then only has to tidy a picture whose shape is already right, which
//! takes a fraction of the iterations a random start needs.

use std::collections::HashMap;

use super::force::{ForceLayout, ForceSettings};
use super::{LayoutGraph, unit};
use crate::rng::SplitMix64;

/// Coarsening stops at this many nodes (in components of more than one node).
const COARSEST: usize = 60;
/// Iterations on the coarsest level.
const COARSEST_ITERATIONS: usize = 300;
/// Iterations on a level between the coarsest and the network itself, at most: fewer on
/// the larger levels, whose shape their coarser level has already given.
const LEVEL_ITERATIONS: usize = 40;
/// Iterations on the network itself at full step before its step starts to shrink (then
/// about 65 more bring it to rest).
const FINEST_ITERATIONS: usize = 60;

/// Iterations on a level of `n` nodes.
fn level_iterations(n: usize) -> usize {
    (LEVEL_ITERATIONS * 1_000 / n.max(1)).clamp(10, LEVEL_ITERATIONS)
}

/// One coarser level: its graph, its nodes' masses, and for each node of the finer level
/// the node of this one it was merged into.
struct Level {
    graph: LayoutGraph,
    mass: Vec<f64>,
    parent: Vec<u32>,
}

/// A coarser graph of `graph` (with node masses `mass`), or `None` when it would hardly
/// be smaller.
fn coarsen(graph: &LayoutGraph, mass: &[f64], rng: &mut SplitMix64) -> Option<Level> {
    let n = graph.len();
    let mut neighbours: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    for &(a, b, w) in &graph.edges {
        neighbours[a as usize].push((b, w));
        neighbours[b as usize].push((a, w));
    }
    // A random order, so no corner of the network is always merged first.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
    }
    let mut parent = vec![u32::MAX; n];
    let mut next = 0u32;
    for &u in &order {
        if parent[u] != u32::MAX || neighbours[u].is_empty() {
            continue;
        }
        // The heaviest relation to an unmatched neighbour, lighter groups first.
        let best = neighbours[u]
            .iter()
            .filter(|&&(v, _)| parent[v as usize] == u32::MAX && v as usize != u)
            .max_by(|x, y| {
                let score = |&(v, w): &(u32, f64)| w / (mass[u] + mass[v as usize]);
                score(x).total_cmp(&score(y))
            });
        // No unmatched neighbour left: decided in the second pass below.
        if let Some(&(v, _)) = best {
            parent[u] = next;
            parent[v as usize] = next;
            next += 1;
        }
    }
    // A node left alone (a leaf of a hub whose other leaves took it) joins the group of
    // its strongest neighbour: stars would otherwise shrink by one node per level.
    let mut group_mass: HashMap<u32, f64> = HashMap::new();
    for (u, &p) in parent.iter().enumerate() {
        if p != u32::MAX {
            *group_mass.entry(p).or_default() += mass[u];
        }
    }
    let average = mass.iter().sum::<f64>() / n.max(1) as f64;
    for u in 0..n {
        if parent[u] != u32::MAX {
            continue;
        }
        // A leaf always folds into its one neighbour; others only into a group that is
        // not heavy yet.
        let leaf = neighbours[u].len() == 1;
        let joined = neighbours[u]
            .iter()
            .filter(|&&(v, _)| parent[v as usize] != u32::MAX)
            .filter(|&&(v, _)| leaf || group_mass[&parent[v as usize]] < 8.0 * average.max(1.0))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        parent[u] = match joined {
            Some(&(v, _)) => parent[v as usize],
            None => {
                next += 1;
                next - 1
            }
        };
        *group_mass.entry(parent[u]).or_default() += mass[u];
    }
    let coarse = next as usize;
    if coarse as f64 > 0.9 * n as f64 {
        return None;
    }
    let mut weights: HashMap<(u32, u32), f64> = HashMap::new();
    for &(a, b, w) in &graph.edges {
        let (pa, pb) = (parent[a as usize], parent[b as usize]);
        if pa != pb {
            *weights.entry((pa.min(pb), pa.max(pb))).or_default() += w;
        }
    }
    let mut edges: Vec<(usize, usize, f64)> = weights
        .into_iter()
        .map(|((a, b), w)| (a as usize, b as usize, w))
        .collect();
    edges.sort_by_key(|&(a, b, _)| (a, b));
    let mut coarse_mass = vec![0.0; coarse];
    for (u, &p) in parent.iter().enumerate() {
        coarse_mass[p as usize] += mass[u];
    }
    let mut coarse_graph = LayoutGraph::new(coarse, edges);
    coarse_graph.mass = coarse_mass.clone();
    Some(Level {
        graph: coarse_graph,
        mass: coarse_mass,
        parent,
    })
}

/// The number of nodes in components of more than one node.
fn connected_nodes(graph: &LayoutGraph) -> usize {
    graph.degree.iter().filter(|&&d| d > 0).count()
}

/// Positions around each component's own centre, far from the others.
fn scatter(graph: &mut LayoutGraph, radius: f64, rng: &mut SplitMix64) -> Vec<[f64; 2]> {
    let members = graph.members();
    let mut positions = vec![[0.0; 2]; graph.len()];
    for (c, nodes) in members.iter().enumerate() {
        let spread = (nodes.len() as f64).sqrt() * 10.0 * radius;
        let centre = [c as f64 * 1e5, 0.0];
        graph.centres[c] = centre;
        for &i in nodes {
            positions[i] = [
                centre[0] + (unit(rng) - 0.5) * spread,
                centre[1] + (unit(rng) - 0.5) * spread,
            ];
        }
    }
    positions
}

/// A fresh layout of `graph` from a multilevel start, refined by the force layout for at
/// most `max_iterations` (less when it settles first). Components lie far apart, for
/// packing afterwards.
pub fn layout(
    graph: &LayoutGraph,
    settings: ForceSettings,
    seed: u64,
    max_iterations: usize,
) -> ForceLayout {
    let mut force = start(graph, settings, seed);
    finish(&mut force, max_iterations, &mut |_| false);
    force
}

/// The force layout of `graph` on its multilevel start: every coarser level laid out, the
/// network itself placed from them and ready to run.
pub fn start(graph: &LayoutGraph, settings: ForceSettings, seed: u64) -> ForceLayout {
    let mut rng = SplitMix64::new(seed);
    let mut levels: Vec<Level> = Vec::new();
    let base_mass: Vec<f64> = graph.degree.iter().map(|&d| f64::from(d) + 1.0).collect();
    loop {
        let (current, mass) = match levels.last() {
            Some(level) => (&level.graph, &level.mass),
            None => (graph, &base_mass),
        };
        if connected_nodes(current) <= COARSEST {
            break;
        }
        match coarsen(current, mass, &mut rng) {
            Some(level) => levels.push(level),
            None => break,
        }
    }
    let Some(coarsest) = levels.last() else {
        // Small enough as it is.
        let mut graph = graph.clone();
        let positions = scatter(&mut graph, settings.node_radius, &mut rng);
        return ForceLayout::new(graph, positions, settings);
    };
    let mut coarse_graph = coarsest.graph.clone();
    let positions = scatter(&mut coarse_graph, settings.node_radius, &mut rng);
    let mut force = ForceLayout::new(coarse_graph, positions, settings);
    force.run(COARSEST_ITERATIONS);
    let mut positions = force.into_positions();
    for k in (0..levels.len()).rev() {
        let finer = if k == 0 { graph } else { &levels[k - 1].graph };
        let parent = &levels[k].parent;
        // Each node where its group was, a little apart from its group's others.
        let jitter = 2.0 * settings.node_radius;
        let fine: Vec<[f64; 2]> = parent
            .iter()
            .map(|&p| {
                let at = positions[p as usize];
                [
                    at[0] + (unit(&mut rng) - 0.5) * jitter,
                    at[1] + (unit(&mut rng) - 0.5) * jitter,
                ]
            })
            .collect();
        let mut finer = finer.clone();
        finer.centre_on_centroids(&fine);
        let mut force = ForceLayout::new(finer, fine, settings);
        if k == 0 {
            force.cool_after(FINEST_ITERATIONS);
            return force;
        }
        for _ in 0..level_iterations(force.graph().len()) {
            force.step();
        }
        positions = force.into_positions();
    }
    // Not reached: the loop returns at the finest level.
    ForceLayout::new(graph.clone(), positions, settings)
}

/// Runs `force` until it rests, at most `max_iterations` in all; `stop(force)` ends it
/// early (it is asked after every iteration, and may look at the picture so far). A layout
/// that is not cooling (a small network without coarser levels) goes on once more from a
/// gentle start when it settles before its last iteration: it settles first by its
/// adaptive speed, while its nodes may still look for their places, and an edit should
/// continue from a picture at rest. A cooling one rests when its step has shrunk.
pub fn finish(
    force: &mut ForceLayout,
    max_iterations: usize,
    stop: &mut dyn FnMut(&ForceLayout) -> bool,
) {
    let mut reheated = false;
    for done in 0..max_iterations {
        force.step();
        if stop(force) {
            break;
        }
        if force.is_settled() {
            if reheated || force.is_cooling() || done + 1 == max_iterations {
                break;
            }
            force.start_gently();
            force.reset_settling();
            reheated = true;
        }
    }
    force.remove_overlaps();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarsening_a_star_and_a_line_shrinks_them_and_keeps_every_node_in_a_group() {
        // A star of 40 leaves and a line of 40: matching alone would take a leaf per level.
        let mut edges: Vec<(usize, usize, f64)> = (1..=40).map(|i| (0, i, 1.0)).collect();
        edges.extend((41..80).map(|i| (i, i + 1, 2.0)));
        let graph = LayoutGraph::new(81, edges);
        let mass: Vec<f64> = graph.degree.iter().map(|&d| f64::from(d) + 1.0).collect();
        let level = coarsen(&graph, &mass, &mut SplitMix64::new(1)).unwrap();
        assert!(level.graph.len() <= 45, "{} nodes", level.graph.len());
        assert_eq!(level.parent.len(), 81);
        assert!(
            level
                .parent
                .iter()
                .all(|&p| (p as usize) < level.graph.len())
        );
        let total: f64 = level.mass.iter().sum();
        assert!(
            (total - mass.iter().sum::<f64>()).abs() < 1e-9,
            "mass is kept"
        );
        // The two parts stay apart: no coarse relation joins them.
        let star = level.parent[0];
        let line: Vec<u32> = (41..=80).map(|i| level.parent[i]).collect();
        assert!(!line.contains(&star));
    }
}
