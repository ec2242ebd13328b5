//! Ego rings: a person in the centre and her network around her, the way social workers
//! draw a netwerkcirkel. By distance (1, 2, 3 steps on rings), or by kind of relation in
//! four sectors (family · friends and neighbours · volunteers and initiatives ·
//! professionals) with strong ties on the inner ring and weak ones outside.
//!
//! Every ring is made wide enough that its nodes keep `spacing` apart.

use std::collections::HashMap;
use std::f64::consts::TAU;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::Network;
use crate::model::{NodeKind, RelationKind};

/// The four sectors of a netwerkcirkel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Family.
    Family,
    /// Friends and neighbours.
    FriendsNeighbours,
    /// Volunteers, buddies, initiatives, clubs.
    VolunteersInitiatives,
    /// Professionals and organisations.
    Professionals,
}

impl Sector {
    /// All four, clockwise from the top.
    pub const ALL: [Self; 4] = [
        Self::Family,
        Self::FriendsNeighbours,
        Self::VolunteersInitiatives,
        Self::Professionals,
    ];

    /// The Dutch label.
    pub fn dutch(self) -> &'static str {
        match self {
            Self::Family => "familie",
            Self::FriendsNeighbours => "vrienden en buren",
            Self::VolunteersInitiatives => "vrijwilligers en initiatieven",
            Self::Professionals => "professionals",
        }
    }
}

/// How to arrange the rings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RingMode {
    /// Ring k holds the nodes k steps away, up to `depth`.
    Distance {
        /// The outermost ring.
        depth: usize,
    },
    /// Direct relations only, in sectors by kind and on rings by strength.
    Kind,
}

/// Where one node of an ego network goes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    /// The node.
    #[serde(skip)]
    pub node: NodeIndex,
    /// Its position; the centre is at (0, 0).
    pub position: [f64; 2],
    /// Its ring (0 for the centre).
    pub ring: usize,
    /// Its sector (kind mode and ring 1 of distance mode).
    pub sector: Option<Sector>,
}

/// The sector of `other` seen from `center`, by their strongest relation.
pub fn sector_of(network: &Network, center: NodeIndex, other: NodeIndex) -> Sector {
    let g = network.graph();
    let strongest = g
        .edges(center)
        .filter(|e| e.target() == other || e.source() == other)
        .max_by_key(|e| (e.weight().strength, std::cmp::Reverse(e.weight().kind)))
        .map(|e| e.weight().kind);
    let professional = g[other].kind == NodeKind::Organisation || network.is_professional(other);
    match strongest {
        Some(RelationKind::Family) => Sector::Family,
        Some(RelationKind::Friend | RelationKind::Neighbour) => Sector::FriendsNeighbours,
        Some(RelationKind::Knows) if !professional => Sector::FriendsNeighbours,
        Some(
            RelationKind::Buddy
            | RelationKind::VolunteersAt
            | RelationKind::ParticipatesIn
            | RelationKind::MemberOf
            | RelationKind::Coordinates,
        ) if g[other].kind != NodeKind::Organisation
            || strongest == Some(RelationKind::MemberOf) =>
        {
            Sector::VolunteersInitiatives
        }
        _ if g[other].kind == NodeKind::Initiative => Sector::VolunteersInitiatives,
        _ => Sector::Professionals,
    }
}

/// The radius of each ring as placed (the farthest node on it), innermost first; rings
/// without nodes left out.
pub fn ring_radii(placements: &[Placement]) -> Vec<f64> {
    let mut radii: Vec<f64> = Vec::new();
    for p in placements.iter().filter(|p| p.ring > 0) {
        radii.resize(radii.len().max(p.ring), 0.0);
        let r = p.position[0].hypot(p.position[1]);
        radii[p.ring - 1] = radii[p.ring - 1].max(r);
    }
    radii.retain(|&r| r > 0.0);
    radii
}

/// The ego network of `center` on rings, nodes at least `spacing` apart on each ring.
pub fn ego_rings(
    network: &Network,
    center: NodeIndex,
    mode: RingMode,
    spacing: f64,
) -> Vec<Placement> {
    match mode {
        RingMode::Distance { depth } => by_distance(network, center, depth, spacing),
        RingMode::Kind => by_kind(network, center, spacing),
    }
}

/// The radius at which `count` nodes spread evenly over an arc of `arc` radians are
/// `spacing` apart (measured straight, not along the arc).
fn radius_for(count: usize, arc: f64, spacing: f64) -> f64 {
    if count < 2 {
        return 0.0;
    }
    let step = (arc / count as f64).min(std::f64::consts::PI);
    spacing / (2.0 * (step / 2.0).sin())
}

fn by_distance(network: &Network, center: NodeIndex, depth: usize, spacing: f64) -> Vec<Placement> {
    let ego = network.ego(center, depth);
    let g = network.graph();
    let mut rings: Vec<Vec<NodeIndex>> = vec![Vec::new(); depth + 1];
    for &(n, d) in &ego.nodes {
        rings[d].push(n);
    }
    let mut angle: HashMap<NodeIndex, f64> = HashMap::new();
    let mut placements = vec![Placement {
        node: center,
        position: [0.0, 0.0],
        ring: 0,
        sector: None,
    }];
    let mut radius = 0.0;
    let step = 4.0 * spacing;
    for (k, ring) in rings.iter_mut().enumerate().skip(1) {
        if ring.is_empty() {
            break;
        }
        if k == 1 {
            ring.sort_by(|&a, &b| {
                (sector_of(network, center, a), &g[a].name, &g[a].id).cmp(&(
                    sector_of(network, center, b),
                    &g[b].name,
                    &g[b].id,
                ))
            });
        } else {
            // Next to the nodes they hang on: the mean angle of their inner neighbours.
            let wanted = |n: NodeIndex| {
                let inner: Vec<f64> = g
                    .neighbors(n)
                    .filter_map(|m| angle.get(&m).copied())
                    .collect();
                let (s, c) = inner
                    .iter()
                    .fold((0.0, 0.0), |(s, c), a| (s + a.sin(), c + a.cos()));
                s.atan2(c).rem_euclid(TAU)
            };
            let mut keyed: Vec<(f64, NodeIndex)> = ring.iter().map(|&n| (wanted(n), n)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| g[a.1].id.cmp(&g[b.1].id)));
            *ring = keyed.into_iter().map(|(_, n)| n).collect();
        }
        radius = (radius + step).max(radius_for(ring.len(), TAU, spacing));
        let count = ring.len() as f64;
        for (i, &n) in ring.iter().enumerate() {
            let a = TAU * i as f64 / count - TAU / 4.0;
            angle.insert(n, a.rem_euclid(TAU));
            placements.push(Placement {
                node: n,
                position: [radius * a.cos(), radius * a.sin()],
                ring: k,
                sector: (k == 1).then(|| sector_of(network, center, n)),
            });
        }
    }
    placements
}

fn by_kind(network: &Network, center: NodeIndex, spacing: f64) -> Vec<Placement> {
    let g = network.graph();
    let mut groups: HashMap<(Sector, usize), Vec<NodeIndex>> = HashMap::new();
    let mut neighbours: Vec<NodeIndex> = g.neighbors(center).collect();
    neighbours.sort();
    neighbours.dedup();
    for n in neighbours {
        let strength = g
            .edges(center)
            .filter(|e| e.target() == n || e.source() == n)
            .map(|e| e.weight().strength.get())
            .max()
            .unwrap_or(2);
        // Strong ties on the inner ring (1), weak ones on the outer (3).
        let ring = usize::from(4 - strength);
        groups
            .entry((sector_of(network, center, n), ring))
            .or_default()
            .push(n);
    }
    let mut placements = vec![Placement {
        node: center,
        position: [0.0, 0.0],
        ring: 0,
        sector: None,
    }];
    let quarter = TAU / 4.0;
    // Rings as wide as the fullest sector on them needs, and never closer than 4 spacings.
    let mut radii = vec![0.0f64];
    for ring in 1..=3 {
        let fullest = Sector::ALL
            .iter()
            .map(|&s| groups.get(&(s, ring)).map_or(0, Vec::len))
            .max()
            .unwrap_or(0);
        let inner = radii.last().copied().unwrap_or(0.0);
        radii.push((inner + 4.0 * spacing).max(radius_for(fullest, quarter, spacing)));
    }
    for (s, &sector) in Sector::ALL.iter().enumerate() {
        let start = -quarter * 2.0 + s as f64 * quarter;
        for (ring, &radius) in radii.iter().enumerate().skip(1) {
            let Some(nodes) = groups.get_mut(&(sector, ring)) else {
                continue;
            };
            nodes.sort_by(|&a, &b| (&g[a].name, &g[a].id).cmp(&(&g[b].name, &g[b].id)));
            let count = nodes.len() as f64;
            for (i, &n) in nodes.iter().enumerate() {
                let a = start + quarter * (i as f64 + 0.5) / count;
                placements.push(Placement {
                    node: n,
                    position: [radius * a.cos(), radius * a.sin()],
                    ring,
                    sector: Some(sector),
                });
            }
        }
    }
    placements
}
