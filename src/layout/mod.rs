//! Layout: where each node is drawn. One layout for the app, the exports and the tests.
//!
//! [`layout_network`] lays out a network: a fresh layout packs its connected parts side by
//! side with the isolated residents on a ring around them; a continued layout starts from
//! the stored positions, puts a new node near its neighbours, never moves pinned nodes, and
//! moves the rest little. [`Stepper`] runs a layout on a background thread; [`rings`] draws
//! an ego network as a netwerkcirkel.

pub mod circle;
pub mod ecogram;
pub mod force;
pub mod multilevel;
mod quadtree;
pub mod quality;
pub mod rings;
mod stepper;

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use crate::graph::Network;
use crate::model::NodeId;
use crate::rng::SplitMix64;
pub use force::{ForceLayout, ForceSettings, StepReport};
pub use stepper::{Progress, Stepper};

/// The seed of every fresh layout (the app's, the exports', `wijkweb layout`'s): the same
/// wijk gets the same picture everywhere.
pub const SEED: u64 = 1;

/// The graph a layout works on: nodes `0..n`, relations with weights, components.
#[derive(Clone, Debug, Default)]
pub struct LayoutGraph {
    /// `(a, b, weight)`: the weight is the relation's strength (1-3).
    pub edges: Vec<(u32, u32, f64)>,
    /// Number of distinct neighbours per node.
    pub degree: Vec<u32>,
    /// Nodes the layout must not move.
    pub pinned: Vec<bool>,
    /// Component number per node.
    pub component: Vec<u32>,
    /// The point each component is pulled towards.
    pub centres: Vec<[f64; 2]>,
    /// Each node's mass in the force layout (empty: its number of neighbours plus one);
    /// a coarse level's node weighs what it merged.
    pub mass: Vec<f64>,
}

impl LayoutGraph {
    /// A graph of `n` nodes and the given relations (parallel ones keep the strongest).
    pub fn new(n: usize, relations: impl IntoIterator<Item = (usize, usize, f64)>) -> Self {
        let mut best: HashMap<(u32, u32), f64> = HashMap::new();
        for (a, b, w) in relations {
            if a == b || a >= n || b >= n {
                continue;
            }
            let key = (a.min(b) as u32, a.max(b) as u32);
            let entry = best.entry(key).or_insert(w);
            *entry = entry.max(w);
        }
        let mut edges: Vec<(u32, u32, f64)> =
            best.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        edges.sort_by_key(|&(a, b, _)| (a, b));
        let mut degree = vec![0u32; n];
        for &(a, b, _) in &edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let component = components(n, &edges);
        let count = component.iter().max().map_or(0, |c| c + 1) as usize;
        Self {
            edges,
            degree,
            pinned: vec![false; n],
            component,
            centres: vec![[0.0; 2]; count],
            mass: Vec::new(),
        }
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.degree.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.degree.is_empty()
    }

    /// Nodes per component, in node order.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.centres.len()];
        for (i, &c) in self.component.iter().enumerate() {
            members[c as usize].push(i);
        }
        members
    }

    /// Points every component's gravity at its current centroid (for continued layouts).
    pub fn centre_on_centroids(&mut self, positions: &[[f64; 2]]) {
        for (c, nodes) in self.members().iter().enumerate() {
            let k = nodes.len().max(1) as f64;
            let sum = nodes.iter().fold([0.0, 0.0], |s, &i| {
                [s[0] + positions[i][0], s[1] + positions[i][1]]
            });
            self.centres[c] = [sum[0] / k, sum[1] / k];
        }
    }
}

/// Component number per node (numbered by their first node), by union-find.
fn components(n: usize, edges: &[(u32, u32, f64)]) -> Vec<u32> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, _) in edges {
        let (ra, rb) = (find(&mut parent, a as usize), find(&mut parent, b as usize));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            if number[r] == u32::MAX {
                number[r] = next;
                next += 1;
            }
            number[r]
        })
        .collect()
}

/// A network's nodes in layout order, and the layout graph over them.
pub fn layout_graph(network: &Network) -> (Vec<NodeIndex>, LayoutGraph) {
    let mut order: Vec<NodeIndex> = network.graph().node_indices().collect();
    order.sort_by(|a, b| network.graph()[*a].id.cmp(&network.graph()[*b].id));
    let at: HashMap<NodeIndex, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let relations = network.graph().edge_indices().filter_map(|e| {
        let (a, b) = network.graph().edge_endpoints(e)?;
        let w = f64::from(network.graph()[e].strength.get());
        Some((at[&a], at[&b], w))
    });
    let graph = LayoutGraph::new(order.len(), relations);
    (order, graph)
}

/// How to start laying out `network`, whose nodes are stored as `nodes`: from their stored
/// positions (pinned ones kept) when any has one and `fresh` is not asked, else from
/// scratch. Returns the layout order, the layout graph and the start.
pub fn start_for(
    network: &Network,
    nodes: &[crate::model::Node],
    fresh: bool,
    seed: u64,
) -> (Vec<NodeIndex>, LayoutGraph, Start) {
    let (order, graph) = layout_graph(network);
    let by_id: HashMap<&str, &crate::model::Node> =
        nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let stored: Vec<Option<&crate::model::Node>> = order
        .iter()
        .map(|&i| {
            network
                .info(i)
                .and_then(|n| by_id.get(n.id.as_str()).copied())
        })
        .collect();
    let has_positions = stored.iter().flatten().any(|n| n.x.is_some());
    let start = if fresh || !has_positions {
        Start::Fresh { seed }
    } else {
        Start::Continue {
            positions: stored
                .iter()
                .map(|n| n.and_then(|n| Some([n.x?, n.y?])))
                .collect(),
            pinned: stored.iter().map(|n| n.is_some_and(|n| n.pinned)).collect(),
            seed,
        }
    };
    (order, graph, start)
}

impl Start {
    /// Which nodes are pinned (none for a fresh start).
    pub fn pinned(&self, n: usize) -> Vec<bool> {
        match self {
            Start::Continue { pinned, .. } => pinned.clone(),
            Start::Fresh { .. } => vec![false; n],
        }
    }
}

/// How a layout starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// From scratch, seeded.
    Fresh {
        /// The seed of the first random positions.
        seed: u64,
    },
    /// From stored positions (`None` for nodes without one), keeping pinned nodes put.
    Continue {
        /// Position per node, in layout order.
        positions: Vec<Option<[f64; 2]>>,
        /// Pinned per node.
        pinned: Vec<bool>,
        /// The seed for placing new nodes.
        seed: u64,
    },
}

/// Lays out a graph completely (blocking): fresh layouts per component, packed, isolated
/// nodes on a ring; continued layouts from where they were.
pub fn layout(
    graph: &LayoutGraph,
    start: &Start,
    settings: ForceSettings,
    max_iterations: usize,
) -> Vec<[f64; 2]> {
    match start {
        Start::Fresh { seed } => {
            let force = multilevel::layout(graph, settings, *seed, max_iterations);
            pack(graph, force.into_positions(), settings.node_radius)
        }
        Start::Continue { .. } => {
            let mut force = prepare(graph, start, settings);
            force.run(max_iterations);
            force.into_positions()
        }
    }
}

/// The force layout ready to run: initial positions placed, pinned nodes marked, gravity
/// centres set.
pub fn prepare(graph: &LayoutGraph, start: &Start, settings: ForceSettings) -> ForceLayout {
    let n = graph.len();
    let mut graph = graph.clone();
    match start {
        Start::Fresh { seed } => {
            let mut rng = SplitMix64::new(*seed);
            // Each component around its own centre far from the others, so they do not
            // tangle while settling; packing tidies them afterwards.
            let members = graph.members();
            let mut positions = vec![[0.0; 2]; n];
            for (c, nodes) in members.iter().enumerate() {
                let spread = (nodes.len() as f64).sqrt() * 10.0 * settings.node_radius;
                let centre = [c as f64 * 1e5, 0.0];
                graph.centres[c] = centre;
                for &i in nodes {
                    positions[i] = [
                        centre[0] + (unit(&mut rng) - 0.5) * spread,
                        centre[1] + (unit(&mut rng) - 0.5) * spread,
                    ];
                }
            }
            ForceLayout::new(graph, positions, settings)
        }
        Start::Continue {
            positions,
            pinned,
            seed,
        } => {
            let mut rng = SplitMix64::new(*seed);
            graph.pinned = pinned.clone();
            graph.pinned.resize(n, false);
            let placed = place_new_nodes(&graph, positions, &mut rng, settings.node_radius);
            graph.centre_on_centroids(&placed);
            let mut force = ForceLayout::new(graph, placed, settings);
            force.start_gently();
            // A picture that was laid out is tidied, not laid out again: its step shrinks
            // from early on, so the rest moves little and it comes to rest.
            force.cool_after(CONTINUE_COOLING);
            force
        }
    }
}

/// Iterations of a continued layout before its step starts to shrink: none (it starts
/// gently, at a quarter of the full step; from a cooled picture, which is near but not at
/// equilibrium, 30 at that step moved a median node by 3% of the drawing).
const CONTINUE_COOLING: usize = 0;

fn unit(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Positions for nodes that have none: near their placed neighbours, or else near the
/// drawing's centre.
fn place_new_nodes(
    graph: &LayoutGraph,
    positions: &[Option<[f64; 2]>],
    rng: &mut SplitMix64,
    radius: f64,
) -> Vec<[f64; 2]> {
    let n = graph.len();
    let mut placed: Vec<Option<[f64; 2]>> = positions.to_vec();
    placed.resize(n, None);
    let known: Vec<[f64; 2]> = placed.iter().flatten().copied().collect();
    let centre = if known.is_empty() {
        [0.0, 0.0]
    } else {
        let k = known.len() as f64;
        let s = known
            .iter()
            .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
        [s[0] / k, s[1] / k]
    };
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in &graph.edges {
        neighbours[a as usize].push(b as usize);
        neighbours[b as usize].push(a as usize);
    }
    // Two rounds: a new node next to another new node is placed after it.
    for _ in 0..2 {
        for i in 0..n {
            if placed[i].is_some() {
                continue;
            }
            let near: Vec<[f64; 2]> = neighbours[i].iter().filter_map(|&j| placed[j]).collect();
            if near.is_empty() {
                continue;
            }
            let k = near.len() as f64;
            let s = near
                .iter()
                .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
            let jitter = 3.0 * radius;
            placed[i] = Some([
                s[0] / k + (unit(rng) - 0.5) * jitter,
                s[1] / k + (unit(rng) - 0.5) * jitter,
            ]);
        }
    }
    placed
        .into_iter()
        .map(|p| {
            p.unwrap_or_else(|| {
                [
                    centre[0] + (unit(rng) - 0.5) * 10.0 * radius,
                    centre[1] + (unit(rng) - 0.5) * 10.0 * radius,
                ]
            })
        })
        .collect()
}

/// Turns `nodes` about their centroid so that their longest extent lies across (the
/// principal axis of their spread along x): a screen and a landscape page are wider than
/// tall, and a drawing should use them, whatever way the layout happened to settle.
fn level_out(positions: &mut [[f64; 2]], nodes: &[usize]) {
    let k = nodes.len() as f64;
    if nodes.len() < 3 {
        return;
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for &i in nodes {
        cx += positions[i][0];
        cy += positions[i][1];
    }
    (cx, cy) = (cx / k, cy / k);
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for &i in nodes {
        let (dx, dy) = (positions[i][0] - cx, positions[i][1] - cy);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (sin, cos) = (-angle).sin_cos();
    for &i in nodes {
        let (dx, dy) = (positions[i][0] - cx, positions[i][1] - cy);
        positions[i] = [cx + dx * cos - dy * sin, cy + dx * sin + dy * cos];
    }
}

/// The width over height the packed rows aim at: a 16:10 canvas.
const WIDE: f64 = 1.6;

/// Packs the components of a fresh layout side by side in rows, largest first, each
/// turned to lie across, with the isolated nodes (components of one) in rows under them
/// (where they read as a list of who has no one, and widen nothing).
pub fn pack(graph: &LayoutGraph, mut positions: Vec<[f64; 2]>, radius: f64) -> Vec<[f64; 2]> {
    let members = graph.members();
    for nodes in members.iter().filter(|m| m.len() > 1) {
        level_out(&mut positions, nodes);
    }
    let margin = 6.0 * radius;
    let mut boxes: Vec<(usize, [f64; 4])> = members
        .iter()
        .enumerate()
        .filter(|(_, nodes)| nodes.len() > 1)
        .map(|(c, nodes)| {
            let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
            for &i in nodes {
                let p = positions[i];
                b = [
                    b[0].min(p[0]),
                    b[1].min(p[1]),
                    b[2].max(p[0]),
                    b[3].max(p[1]),
                ];
            }
            (c, b)
        })
        .collect();
    boxes.sort_by(|a, b| {
        members[b.0]
            .len()
            .cmp(&members[a.0].len())
            .then(a.0.cmp(&b.0))
    });
    let area: f64 = boxes
        .iter()
        .map(|(_, b)| (b[2] - b[0] + margin) * (b[3] - b[1] + margin))
        .sum();
    let row_width = (area * WIDE)
        .sqrt()
        .max(boxes.first().map_or(0.0, |(_, b)| b[2] - b[0] + margin));
    let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
    let mut extent = [0.0f64, 0.0, 0.0, 0.0];
    for (c, b) in &boxes {
        let (w, h) = (b[2] - b[0] + margin, b[3] - b[1] + margin);
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height;
            row_height = 0.0;
        }
        let (dx, dy) = (x - b[0], y - b[1]);
        for &i in &members[*c] {
            positions[i][0] += dx;
            positions[i][1] += dy;
        }
        extent = [
            extent[0].min(x),
            extent[1].min(y),
            extent[2].max(x + w),
            extent[3].max(y + h),
        ];
        x += w;
        row_height = row_height.max(h);
    }
    let singles: Vec<usize> = members
        .iter()
        .filter(|m| m.len() == 1)
        .map(|m| m[0])
        .collect();
    if !singles.is_empty() {
        let spacing = 4.0 * radius;
        let width = (extent[2] - extent[0]).max(spacing);
        let per_row = ((width / spacing).floor() as usize).max(1);
        // Centred under the drawing (or, with nothing else, around the origin).
        let row_width = (per_row.min(singles.len()) - 1) as f64 * spacing;
        let left = (extent[0] + extent[2]) / 2.0 - row_width / 2.0;
        let top = if boxes.is_empty() {
            0.0
        } else {
            extent[3] + margin
        };
        for (k, &i) in singles.iter().enumerate() {
            positions[i] = [
                left + (k % per_row) as f64 * spacing,
                top + (k / per_row) as f64 * spacing,
            ];
        }
    }
    positions
}

/// Pushes apart, in a few passes over a grid, every two nodes closer than twice `radius`.
/// Pinned nodes stay put; their partner moves the whole way.
pub fn remove_overlaps(positions: &mut [[f64; 2]], pinned: &[bool], radius: f64) {
    let min = 2.0 * radius;
    let cell = min;
    for _ in 0..50 {
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, p) in positions.iter().enumerate() {
            grid.entry(((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64))
                .or_default()
                .push(i);
        }
        let mut keys: Vec<(i64, i64)> = grid.keys().copied().collect();
        keys.sort_unstable();
        let mut moved = false;
        for (gx, gy) in keys {
            let here = grid[&(gx, gy)].clone();
            for &i in &here {
                for dx in -1..=1 {
                    for dy in -1..=1 {
                        let Some(others) = grid.get(&(gx + dx, gy + dy)) else {
                            continue;
                        };
                        for &j in others {
                            if j <= i {
                                continue;
                            }
                            let (ex, ey) = (
                                positions[j][0] - positions[i][0],
                                positions[j][1] - positions[i][1],
                            );
                            let d = (ex * ex + ey * ey).sqrt();
                            if d >= min * 0.999 {
                                continue;
                            }
                            // Coincident nodes part along a direction fixed by their numbers.
                            let (ux, uy) = if d > 1e-12 {
                                (ex / d, ey / d)
                            } else {
                                let a = (i * 7 + j * 13) as f64;
                                (a.cos(), a.sin())
                            };
                            let push = (min - d) * 1.01;
                            let (pi, pj) = match (
                                pinned.get(i) == Some(&true),
                                pinned.get(j) == Some(&true),
                            ) {
                                (true, true) => continue,
                                (true, false) => (0.0, push),
                                (false, true) => (push, 0.0),
                                (false, false) => (push / 2.0, push / 2.0),
                            };
                            positions[i][0] -= ux * pi;
                            positions[i][1] -= uy * pi;
                            positions[j][0] += ux * pj;
                            positions[j][1] += uy * pj;
                            moved = true;
                        }
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// A layout's positions (and pins) as the rows `Store::set_positions` writes in one
/// transaction, by node id: the caller saves them when a layout settles or a drag ends,
/// never per frame.
pub fn position_rows(
    network: &Network,
    order: &[NodeIndex],
    positions: &[[f64; 2]],
    pinned: &[bool],
) -> Vec<(NodeId, f64, f64, bool)> {
    order
        .iter()
        .zip(positions)
        .enumerate()
        .filter_map(|(i, (&node, p))| {
            let id = network.info(node)?.id.clone();
            Some((id, p[0], p[1], pinned.get(i).copied().unwrap_or(false)))
        })
        .collect()
}
