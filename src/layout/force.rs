//! A force layout in the spirit of ForceAtlas2 (Jacomy et al., 2014): linear attraction
//! along relations (stronger relations pull harder; LinLog was measured against it and
//! crossed a quarter more relations than sfdp on large networks, BENCHMARKS.md), repulsion scaled by degree and
//! computed with Barnes-Hut, gravity towards each component's centre, and an adaptive
//! speed per node (swing and traction) so the picture settles instead of shaking.
//!
//! Overlap prevention as in ForceAtlas2's "adjust sizes": near nodes repel by the gap
//! between their discs, not their centres, and a last pass pushes apart any two nodes
//! still closer than their drawn size.

use super::LayoutGraph;
use super::quadtree::QuadTree;

/// Tuning of the force layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForceSettings {
    /// Repulsion strength (ForceAtlas2's scaling ratio).
    pub scaling: f64,
    /// Pull towards the component's centre.
    pub gravity: f64,
    /// Barnes-Hut opening angle: larger is faster and coarser.
    pub theta: f64,
    /// How much swinging is tolerated before nodes slow down.
    pub jitter_tolerance: f64,
    /// The radius a node is drawn with, in layout units.
    pub node_radius: f64,
    /// Attraction per unit of gap between two related nodes' discs, per unit of strength.
    pub attraction: f64,
}

impl Default for ForceSettings {
    fn default() -> Self {
        Self {
            scaling: 4.0,
            gravity: 1.0,
            theta: 1.2,
            jitter_tolerance: 1.0,
            node_radius: 10.0,
            attraction: 0.05,
        }
    }
}

/// A force layout in progress.
#[derive(Clone, Debug)]
pub struct ForceLayout {
    graph: LayoutGraph,
    settings: ForceSettings,
    /// Each node's mass (its neighbours plus one, or the graph's own masses).
    mass: Vec<f64>,
    /// The Barnes-Hut tree, rebuilt in place each iteration.
    tree: QuadTree,
    positions: Vec<[f64; 2]>,
    previous: Vec<[f64; 2]>,
    forces: Vec<[f64; 2]>,
    speed: f64,
    speed_efficiency: f64,
    iteration: usize,
    /// Mean displacement of the last iteration, relative to the drawing's size.
    last_move: f64,
    /// The iteration settling is counted from (0, or where it was last reset).
    settle_from: usize,
    /// The largest step allowed, as a fraction of its full size: 1 until cooling starts.
    temperature: f64,
    /// The iteration from which the largest step shrinks by [`COOLING`] each iteration.
    cool_from: Option<usize>,
    /// Threads the repulsion is computed on.
    threads: usize,
}

/// How much the largest step shrinks per iteration once cooling has started: from a full
/// step to one that cannot move the drawing by [`SETTLED`] in about 65 iterations, as
/// sfdp's step length shrinks by 0.9 per iteration.
pub const COOLING: f64 = 0.93;

/// What one iteration did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    /// Iterations done so far.
    pub iteration: usize,
    /// Mean displacement in this iteration, as a fraction of the drawing's size.
    pub movement: f64,
}

/// Below this mean movement per iteration (a fraction of the drawing's size) the layout
/// has settled.
pub const SETTLED: f64 = 2e-4;

/// A layout is never called settled before this many iterations.
const MIN_ITERATIONS: usize = 30;

impl ForceLayout {
    /// A layout of `graph` starting from `positions` (one per node).
    pub fn new(graph: LayoutGraph, positions: Vec<[f64; 2]>, settings: ForceSettings) -> Self {
        let n = graph.len();
        let mass = if graph.mass.len() == n {
            graph.mass.clone()
        } else {
            graph.degree.iter().map(|&d| f64::from(d) + 1.0).collect()
        };
        Self {
            graph,
            settings,
            mass,
            tree: QuadTree::default(),
            previous: vec![[0.0; 2]; n],
            forces: vec![[0.0; 2]; n],
            positions,
            speed: 1.0,
            speed_efficiency: 1.0,
            iteration: 0,
            last_move: f64::INFINITY,
            settle_from: 0,
            temperature: 1.0,
            cool_from: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// Computes the repulsion on at most `threads` threads (at least one): the result is
    /// the same whatever the number.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// Lets the largest step shrink from `iterations` on (counted from now), so that the
    /// layout comes to rest by then plus about 65 iterations, as sfdp's does: after a
    /// multilevel start the shape is right and only needs tidying, which ForceAtlas2's
    /// adaptive speed alone never finishes on a large network (it keeps swinging).
    pub fn cool_after(&mut self, iterations: usize) {
        self.cool_from = Some(self.iteration + iterations);
    }

    /// The largest step a node may take in this state, in layout units: 2% of the
    /// drawing's size (ForceAtlas2's "adjust sizes" mode caps it at 10 units, which makes
    /// a large graph crawl; without any cap a small one can fly apart), times the
    /// temperature.
    fn max_step(&self) -> f64 {
        (0.02 * self.scale()).max(10.0) * self.temperature
    }

    /// The current positions.
    pub fn positions(&self) -> &[[f64; 2]] {
        &self.positions
    }

    /// The graph being laid out.
    pub fn graph(&self) -> &LayoutGraph {
        &self.graph
    }

    /// Iterations done.
    pub fn iteration(&self) -> usize {
        self.iteration
    }

    /// Whether the layout has settled: past its first iterations (the speed ramps up over
    /// about twenty), the last one moved the nodes less than [`SETTLED`].
    /// A cooled layout has settled when its largest step cannot move the drawing by that.
    pub fn is_settled(&self) -> bool {
        self.iteration >= self.settle_from + MIN_ITERATIONS
            && (self.last_move < SETTLED || self.max_step() < SETTLED * self.scale())
    }

    /// Whether cooling has been asked for (by [`ForceLayout::cool_after`]).
    pub fn is_cooling(&self) -> bool {
        self.cool_from.is_some()
    }

    /// The size movement is measured against: the side of the square a fresh layout
    /// starts in (independent of how far apart the components are placed).
    fn scale(&self) -> f64 {
        (self.graph.len() as f64).sqrt().max(1.0) * 10.0 * self.settings.node_radius
    }

    /// Starts slowly (and at most a quarter of the full step): for continuing from a
    /// settled picture after a small edit.
    pub fn start_gently(&mut self) {
        self.speed = 0.05;
        self.temperature = self.temperature.min(0.25);
    }

    /// Forgets that it settled: the next [`ForceLayout::run`] goes on for at least the
    /// first iterations again, with its adaptive speed fresh.
    pub fn reset_settling(&mut self) {
        self.speed_efficiency = 1.0;
        self.last_move = f64::INFINITY;
        self.settle_from = self.iteration;
    }

    /// One iteration.
    pub fn step(&mut self) -> StepReport {
        let n = self.graph.len();
        let s = self.settings;
        std::mem::swap(&mut self.previous, &mut self.forces);
        let mass = std::mem::take(&mut self.mass);
        self.tree.rebuild(&self.positions, &mass);
        let tree = &self.tree;
        let positions = &self.positions;
        let graph = &self.graph;
        let radius = s.node_radius;
        // Repulsion and gravity, per node, in parallel: each node's sum is computed in the
        // same order whatever the number of threads, so the result is deterministic.
        let repulse = |i: usize| {
            let p = positions[i];
            let mi = mass[i];
            let mut f = [0.0f64; 2];
            tree.visit(p, s.theta, &mut |m, x, y, body| {
                if body == Some(i as u32) {
                    return;
                }
                let (dx, dy) = (p[0] - x, p[1] - y);
                let d = (dx * dx + dy * dy).sqrt();
                if d == 0.0 {
                    return;
                }
                // Single bodies repel by the gap between their discs.
                let gap = if body.is_some() { d - 2.0 * radius } else { d };
                let strength = if gap > 0.0 {
                    s.scaling * mi * m / gap
                } else {
                    100.0 * s.scaling * mi * m
                };
                f[0] += dx / d * strength;
                f[1] += dy / d * strength;
            });
            let c = graph.centres[graph.component[i] as usize];
            let (gx, gy) = (c[0] - p[0], c[1] - p[1]);
            let gd = (gx * gx + gy * gy).sqrt();
            if gd > 0.0 {
                f[0] += gx / gd * s.gravity * mi;
                f[1] += gy / gd * s.gravity * mi;
            }
            f
        };
        let mut forces = vec![[0.0f64; 2]; n];
        parallel_fill(&mut forces, self.threads, &repulse);
        // Linear attraction along relations (ForceAtlas2's default), weighted by strength.
        for &(a, b, w) in &self.graph.edges {
            let (a, b) = (a as usize, b as usize);
            let (dx, dy) = (
                positions[b][0] - positions[a][0],
                positions[b][1] - positions[a][1],
            );
            let d = (dx * dx + dy * dy).sqrt();
            if d == 0.0 {
                continue;
            }
            let gap = (d - 2.0 * radius).max(0.0);
            let strength = s.attraction * w * gap / d;
            forces[a][0] += dx * strength;
            forces[a][1] += dy * strength;
            forces[b][0] -= dx * strength;
            forces[b][1] -= dy * strength;
        }
        self.forces = forces;

        // Adaptive speed, as Gephi's ForceAtlas2 does it.
        let (mut swing, mut traction) = (0.0, 0.0);
        for (i, &m) in mass.iter().enumerate() {
            if self.graph.pinned[i] {
                continue;
            }
            let (f, g) = (self.forces[i], self.previous[i]);
            swing += m * ((f[0] - g[0]).powi(2) + (f[1] - g[1]).powi(2)).sqrt();
            traction += 0.5 * m * ((f[0] + g[0]).powi(2) + (f[1] + g[1]).powi(2)).sqrt();
        }
        let estimated = 0.05 * (n as f64).sqrt();
        let mut jitter = s.jitter_tolerance
            * estimated
                .sqrt()
                .max((estimated * traction / (n as f64).powi(2)).min(10.0));
        const MIN_EFFICIENCY: f64 = 0.05;
        if traction > 0.0 && swing / traction > 2.0 {
            if self.speed_efficiency > MIN_EFFICIENCY {
                self.speed_efficiency *= 0.5;
            }
            jitter = jitter.max(s.jitter_tolerance);
        }
        if swing > 0.0 {
            let target = jitter * self.speed_efficiency * traction / swing;
            if swing > jitter * traction {
                if self.speed_efficiency > MIN_EFFICIENCY {
                    self.speed_efficiency *= 0.7;
                }
            } else if self.speed < 1000.0 {
                self.speed_efficiency *= 1.3;
            }
            self.speed += (target - self.speed).min(0.5 * self.speed);
        }

        if self.cool_from.is_some_and(|from| self.iteration >= from) {
            self.temperature *= COOLING;
        }
        let mut moved = 0.0;
        let cap = self.max_step();
        for (i, &m) in mass.iter().enumerate() {
            if self.graph.pinned[i] {
                continue;
            }
            let (f, g) = (self.forces[i], self.previous[i]);
            let sw = m * ((f[0] - g[0]).powi(2) + (f[1] - g[1]).powi(2)).sqrt();
            let fl = (f[0] * f[0] + f[1] * f[1]).sqrt();
            if fl == 0.0 {
                continue;
            }
            // ForceAtlas2's local speed, with a step of at most `max_step`.
            let factor = (self.speed / (1.0 + (self.speed * sw).sqrt()) * fl).min(cap) / fl;
            let (dx, dy) = (f[0] * factor, f[1] * factor);
            self.positions[i][0] += dx;
            self.positions[i][1] += dy;
            moved += (dx * dx + dy * dy).sqrt();
        }
        self.mass = mass;
        self.iteration += 1;
        self.last_move = if n == 0 {
            0.0
        } else {
            moved / n as f64 / self.scale()
        };
        StepReport {
            iteration: self.iteration,
            movement: self.last_move,
        }
    }

    /// Runs until settled or `max_iterations`, then removes overlaps.
    pub fn run(&mut self, max_iterations: usize) {
        for _ in 0..max_iterations {
            self.step();
            if self.is_settled() {
                break;
            }
        }
        self.remove_overlaps();
    }

    /// Pushes apart any two nodes closer than twice the drawn radius (pinned nodes stay).
    pub fn remove_overlaps(&mut self) {
        super::remove_overlaps(
            &mut self.positions,
            &self.graph.pinned,
            self.settings.node_radius,
        );
    }

    /// Takes the positions out.
    pub fn into_positions(self) -> Vec<[f64; 2]> {
        self.positions
    }
}

/// Fills `out[i]` with `value(i)` on up to `threads` threads, each taking one contiguous
/// part. Threads are started for each call and end with it: an iteration of a few
/// milliseconds pays some tens of microseconds for them, where a pool's idle workers spun
/// on `sched_yield` between iterations (a third of a large layout's time went to the kernel).
fn parallel_fill(out: &mut [[f64; 2]], threads: usize, value: &(dyn Fn(usize) -> [f64; 2] + Sync)) {
    // Below this many nodes per thread, starting threads costs more than it saves.
    const PER_THREAD: usize = 500;
    let threads = threads.min(out.len() / PER_THREAD).max(1);
    let chunk = out.len().div_ceil(threads).max(1);
    let fill = |start: usize, part: &mut [[f64; 2]]| {
        for (k, f) in part.iter_mut().enumerate() {
            *f = value(start + k);
        }
    };
    if threads == 1 {
        fill(0, out);
        return;
    }
    std::thread::scope(|scope| {
        let mut parts = out.chunks_mut(chunk).enumerate();
        let first = parts.next();
        for (k, part) in parts {
            scope.spawn(move || fill(k * chunk, part));
        }
        if let Some((_, part)) = first {
            fill(0, part);
        }
    });
}
