//! The map's one batched mesh: relations as bands (dashed for weak and ended ties, with
//! arrowheads for referrals), then nodes as triangle fans (circle, rounded square,
//! diamond), in world units for a given zoom and region. Level of detail: dashes and
//! arrowheads only when few relations are in view, plain quads for large networks far out.

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, Rect, Vec2, pos2, vec2};

use super::filters::Visibility;
use super::session::MapData;
use super::theme;
use crate::exchange::picture::ColourBy;
use crate::model::{NodeKind, RelationKind};

/// Builds one mesh (relations first, then nodes) in world units for everything visible in
/// `region`, with widths and dashes for a view at `zoom`; without the relations when
/// `relations` is false (a large wijk draws them as one picture, see `raster.rs`).
pub fn build_mesh(
    data: &MapData,
    visible: &Visibility,
    colour_by: ColourBy,
    zoom: f32,
    region: Rect,
    relations: bool,
) -> Mesh {
    let mut mesh = Mesh::default();
    let px = 1.0 / zoom;
    let shown = |i: usize| visible.nodes.get(i).copied().unwrap_or(false);
    let edges: Vec<(usize, Pos2, Pos2)> = data
        .ends
        .iter()
        .enumerate()
        .filter(|_| relations)
        .filter(|&(r, &(a, b))| {
            visible.relations.get(r).copied().unwrap_or(false) && shown(a) && shown(b)
        })
        .filter_map(|(r, &(a, b))| {
            let pa = pos2(data.positions[a][0], data.positions[a][1]);
            let pb = pos2(data.positions[b][0], data.positions[b][1]);
            // Shorter than a pixel: hidden under its nodes anyway.
            if (pb - pa).length_sq() < px * px {
                return None;
            }
            let (pa, pb) = clip(pa, pb, region)?;
            Some((r, pa, pb))
        })
        .collect();
    // Level of detail: dashes and arrowheads only when few relations are in view.
    let detailed = edges.len() <= theme::DETAIL_RELATIONS;
    push_relations(&mut mesh, data, visible, &edges, zoom, detailed, region);
    push_nodes(&mut mesh, data, visible, colour_by, zoom, region);
    mesh
}

/// The relations `edges` (index, clipped ends) as bands.
fn push_relations(
    mesh: &mut Mesh,
    data: &MapData,
    visible: &Visibility,
    edges: &[(usize, Pos2, Pos2)],
    zoom: f32,
    detailed: bool,
    region: Rect,
) {
    let px = 1.0 / zoom;
    mesh.reserve_vertices(edges.len() * 4);
    mesh.reserve_triangles(edges.len() * 2);
    for &(r, pa, pb) in edges {
        let relation = &data.relations[r];
        let strength = usize::from(relation.strength.get().clamp(1, 3)) - 1;
        let width = theme::EDGE_WIDTH[strength] * px;
        let current = data.current[r];
        let colour = theme::relation_colour(current, data.stale[r]);
        let dashed = !current || strength == 0;
        if dashed && detailed {
            dashes(mesh, pa, pb, width, theme::DASH * px, colour);
        } else if dashed {
            segment(mesh, pa, pb, width, colour.gamma_multiply(0.6));
        } else {
            segment(mesh, pa, pb, width, colour);
        }
        let b = data.ends[r].1;
        if detailed && relation.kind == RelationKind::RefersTo && region.contains(pb) {
            arrow(
                mesh,
                pa,
                pb,
                drawn_radius(data, visible, b, zoom),
                4.0 * px,
                colour,
            );
        }
    }
}

/// The visible nodes in `region` as shapes (plain quads for a large wijk far out).
fn push_nodes(
    mesh: &mut Mesh,
    data: &MapData,
    visible: &Visibility,
    colour_by: ColourBy,
    zoom: f32,
    region: Rect,
) {
    let px = 1.0 / zoom;
    let shown = |i: usize| visible.nodes.get(i).copied().unwrap_or(false);
    // Many nodes far out: plain quads (level of detail); few: real shapes, never smaller
    // than a few pixels so a small wijk stays readable at "fit all".
    let count = visible.nodes.iter().filter(|&&v| v).count();
    for i in 0..data.nodes.len() {
        if !shown(i) {
            continue;
        }
        let p = pos2(data.positions[i][0], data.positions[i][1]);
        let r = drawn_radius(data, visible, i, zoom);
        if !region.expand(r).contains(p) {
            continue;
        }
        let fill = node_colour(data, i, colour_by);
        let screen_r = r * zoom;
        if scaled_radius(data, visible, i) * zoom < theme::LOD_SIMPLE && count > theme::LOD_MANY {
            mesh.add_colored_rect(Rect::from_center_size(p, Vec2::splat(2.0 * r)), fill);
            continue;
        }
        let kind = data.nodes[i].kind;
        if screen_r >= theme::OUTLINE_FROM {
            shape(mesh, kind, p, r + 1.2 * px, screen_r, theme::NODE_OUTLINE);
        }
        shape(mesh, kind, p, r, screen_r, fill);
        if data.pinned[i] && screen_r >= 6.0 {
            shape(
                mesh,
                NodeKind::Person,
                p,
                r * 0.25,
                screen_r * 0.25,
                theme::NODE_OUTLINE,
            );
        }
    }
}

/// The part of the segment `a`-`b` inside `region` (Liang-Barsky), if any.
pub(super) fn clip(a: Pos2, b: Pos2, region: Rect) -> Option<(Pos2, Pos2)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - region.min.x),
        (d.x, region.max.x - a.x),
        (-d.y, a.y - region.min.y),
        (d.y, region.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then(|| (a + d * t0, a + d * t1))
}

fn vertex(mesh: &mut Mesh, pos: Pos2, color: Color32) -> u32 {
    let at = mesh.vertices.len() as u32;
    mesh.vertices.push(Vertex {
        pos,
        uv: WHITE_UV,
        color,
    });
    at
}

/// A straight band from `a` to `b`.
fn segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, colour: Color32) {
    let d = b - a;
    let len = d.length();
    if len <= f32::EPSILON {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (width / 2.0);
    let i0 = vertex(mesh, a + n, colour);
    vertex(mesh, a - n, colour);
    vertex(mesh, b - n, colour);
    vertex(mesh, b + n, colour);
    mesh.add_triangle(i0, i0 + 1, i0 + 2);
    mesh.add_triangle(i0, i0 + 2, i0 + 3);
}

/// A dashed band; at most 24 dashes, longer ones on long lines.
fn dashes(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, dash: f32, colour: Color32) {
    let len = (b - a).length();
    let count = ((len / (2.0 * dash)).floor() as usize).min(24);
    if count < 2 {
        segment(mesh, a, b, width, colour);
        return;
    }
    let step = (b - a) / (2 * count) as f32;
    for k in 0..count {
        let start = a + step * (2 * k) as f32 + step * 0.5;
        segment(mesh, start, start + step, width, colour);
    }
}

/// An arrowhead on the edge of the node at `b`, for `refers_to`.
fn arrow(mesh: &mut Mesh, a: Pos2, b: Pos2, radius: f32, size: f32, colour: Color32) {
    let d = b - a;
    let len = d.length();
    if len <= radius + size {
        return;
    }
    let u = d / len;
    let tip = b - u * radius;
    let base = tip - u * (2.0 * size);
    let n = vec2(-u.y, u.x) * size;
    let i0 = vertex(mesh, tip, colour);
    vertex(mesh, base + n, colour);
    vertex(mesh, base - n, colour);
    mesh.add_triangle(i0, i0 + 1, i0 + 2);
}

/// A filled node shape: circle (person), rounded square (organisation), diamond
/// (initiative), as a triangle fan.
fn shape(mesh: &mut Mesh, kind: NodeKind, c: Pos2, r: f32, screen_r: f32, colour: Color32) {
    let centre = vertex(mesh, c, colour);
    let first = centre + 1;
    let n: u32 = match kind {
        NodeKind::Person => {
            let n = (screen_r * 0.9).clamp(8.0, 40.0) as u32;
            for k in 0..n {
                let a = std::f32::consts::TAU * k as f32 / n as f32;
                vertex(mesh, c + vec2(a.cos(), a.sin()) * r, colour);
            }
            n
        }
        NodeKind::Organisation => {
            // Corners stay within the node's disc, which the layout keeps apart.
            let s = r * 0.72;
            let k = s * 0.3;
            for (x, y) in [
                (-s + k, -s),
                (s - k, -s),
                (s, -s + k),
                (s, s - k),
                (s - k, s),
                (-s + k, s),
                (-s, s - k),
                (-s, -s + k),
            ] {
                vertex(mesh, c + vec2(x, y), colour);
            }
            8
        }
        NodeKind::Initiative => {
            let s = r;
            for (x, y) in [(0.0, -s), (s, 0.0), (0.0, s), (-s, 0.0)] {
                vertex(mesh, c + vec2(x, y), colour);
            }
            4
        }
    };
    for k in 0..n {
        mesh.add_triangle(centre, first + k, first + (k + 1) % n);
    }
}

/// A node's importance from its number of relations, 0 (none) to 1 (16 or more).
fn degree_importance(data: &MapData, i: usize) -> f32 {
    ((data.degree[i] as f32) / 16.0).sqrt().min(1.0)
}

/// A node's radius in world units: at most the layout's [`theme::NODE_RADIUS`] (the layout
/// keeps nodes that far apart, so shapes never overlap once it has settled), at least
/// half of it; larger with more relations, or with a higher kenner score when asked.
pub fn scaled_radius(data: &MapData, visible: &Visibility, i: usize) -> f32 {
    let importance = visible
        .scale
        .get(i)
        .copied()
        .unwrap_or_else(|| degree_importance(data, i))
        .clamp(0.0, 1.0);
    theme::NODE_RADIUS * (0.5 + 0.5 * importance)
}

/// A node's radius (world units) as drawn at `zoom`: its own, but on screen never below
/// [`theme::MIN_NODE_PIXELS`] (so a large wijk far out stays visible) and never above
/// [`theme::MAX_NODE_PIXELS`] (so a small wijk close up stays readable, its relations
/// visible between the shapes).
pub fn drawn_radius(data: &MapData, visible: &Visibility, i: usize, zoom: f32) -> f32 {
    let zoom = zoom.max(1e-6);
    (scaled_radius(data, visible, i) * zoom).clamp(theme::MIN_NODE_PIXELS, theme::MAX_NODE_PIXELS)
        / zoom
}

/// A node's fill colour.
pub fn node_colour(data: &MapData, i: usize, colour_by: ColourBy) -> Color32 {
    match colour_by {
        ColourBy::Kind => theme::kind_colour(data.nodes[i].kind),
        ColourBy::Community => theme::group_colour(data.group[i]),
        ColourBy::Theme => theme::group_colour(data.theme_rank(i)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::canvas::Canvas;
    use crate::model::{Node, Relation, Strength};
    use egui::emath::TSTransform;

    /// A line of `n` persons 100 units apart, each tied to the next with `strength`.
    fn line(n: usize, strength: i64) -> MapData {
        let nodes = (0..n)
            .map(|i| {
                let mut node = Node::new(NodeKind::Person, format!("P{i}"));
                node.id = format!("p{i:03}").into();
                node.x = Some(i as f64 * 100.0);
                node.y = Some(0.0);
                node
            })
            .collect();
        let relations = (1..n)
            .map(|i| {
                let mut r = Relation::with_id(
                    format!("r{i:03}"),
                    format!("p{:03}", i - 1),
                    format!("p{i:03}"),
                    RelationKind::Knows,
                );
                r.strength = Strength::new(strength).unwrap();
                r
            })
            .collect();
        MapData::new(nodes, relations)
    }

    /// The vertices of node `i`'s circle at zoom 1: outline and fill, each a centre and a
    /// ring.
    fn circle_vertices(data: &MapData, i: usize) -> usize {
        let r = drawn_radius(data, &Visibility::all(data), i, 1.0);
        let ring = (r * 0.9).clamp(8.0, 40.0) as usize;
        let layers = if r >= theme::OUTLINE_FROM { 2 } else { 1 };
        layers * (1 + ring)
    }

    fn nodes_vertices(data: &MapData, nodes: std::ops::Range<usize>) -> usize {
        nodes.map(|i| circle_vertices(data, i)).sum()
    }

    #[test]
    fn clip_keeps_the_inside_part_of_a_segment_and_drops_one_outside() {
        let region = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
        let (a, b) = clip(pos2(-10.0, 5.0), pos2(20.0, 5.0), region).unwrap();
        assert_eq!((a, b), (pos2(0.0, 5.0), pos2(10.0, 5.0)));
        assert_eq!(clip(pos2(-5.0, -5.0), pos2(-1.0, 20.0), region), None);
        let inside = (pos2(1.0, 1.0), pos2(9.0, 3.0));
        assert_eq!(clip(inside.0, inside.1, region), Some(inside));
    }

    #[test]
    fn every_relation_and_node_in_view_is_drawn_and_nothing_outside() {
        let data = line(10, 2);
        let visible = Visibility::all(&data);
        let everything = Rect::from_min_max(pos2(-50.0, -50.0), pos2(950.0, 50.0));
        let mesh = build_mesh(&data, &visible, ColourBy::Kind, 1.0, everything, true);
        // 9 relations of 4 vertices, and 10 outlined circles.
        assert_eq!(mesh.vertices.len(), 9 * 4 + nodes_vertices(&data, 0..10));
        // Only the first three nodes (and the two relations between them, and the one
        // leaving the region, clipped) in a region around them.
        let part = Rect::from_min_max(pos2(-50.0, -50.0), pos2(250.0, 50.0));
        let mesh = build_mesh(&data, &visible, ColourBy::Kind, 1.0, part, true);
        assert_eq!(mesh.vertices.len(), 3 * 4 + nodes_vertices(&data, 0..3));
        assert!(mesh.vertices.iter().all(|v| v.pos.x <= 250.0 + 1e-3));
    }

    #[test]
    fn weak_ties_are_dashed_only_at_a_level_of_detail_that_shows_them() {
        let data = line(3, 1);
        let visible = Visibility::all(&data);
        let region = Rect::from_min_max(pos2(-50.0, -50.0), pos2(250.0, 50.0));
        let solid = build_mesh(&data, &visible, ColourBy::Kind, 0.01, region, true);
        let dashed = build_mesh(&data, &visible, ColourBy::Kind, 1.0, region, true);
        assert!(
            dashed.vertices.len() > solid.vertices.len() + 8,
            "dashes add quads"
        );
        let mut hidden = visible.clone();
        hidden.relations = vec![false; 2];
        let none = build_mesh(&data, &hidden, ColourBy::Kind, 1.0, region, true);
        assert_eq!(none.vertices.len(), nodes_vertices(&data, 0..3));
    }

    #[test]
    fn the_pointer_finds_the_nearest_visible_node_and_misses_empty_space() {
        let data = line(5, 2);
        let mut visible = Visibility::all(&data);
        let mut canvas = Canvas::default();
        canvas.refresh_tree(&data);
        canvas.to_screen = TSTransform::new(vec2(100.0, 100.0), 1.0);
        assert_eq!(canvas.node_at(&data, &visible, pos2(303.0, 102.0)), Some(2));
        assert_eq!(canvas.node_at(&data, &visible, pos2(350.0, 100.0)), None);
        visible.nodes[2] = false;
        assert_eq!(canvas.node_at(&data, &visible, pos2(303.0, 102.0)), None);
    }
}
