//! The ego view (netwerkcirkel): one person's direct network on rings, family, friends and
//! neighbours, volunteers and initiatives, and professionals each in their own sector, laid
//! out by the core's `ego_rings` as the casus export draws it.

use super::canvas::{Canvas, Visibility};
use super::session::MapData;
use super::theme;
use crate::layout::rings::{RingMode, ego_rings, ring_radii};

/// An open ego view.
pub struct EgoView {
    /// The person in the middle (id).
    pub centre: String,
    /// The network version it was made from.
    pub version: u64,
    /// Her network, placed on the rings.
    pub data: MapData,
    /// Everything in it is shown.
    pub visible: Visibility,
    /// The radii of the rings (world units).
    pub rings: Vec<f32>,
    /// Its own view (pan and zoom), apart from the wijk's.
    pub canvas: Canvas,
}

impl EgoView {
    /// The network circle of `centre` in `data`, if she is in the network.
    pub fn new(data: &MapData, centre: &str) -> Option<Self> {
        let network = &data.network;
        let c = network.index(centre)?;
        let ego = network.ego(c, 1);
        let (ids, relation_ids) = ego.ids(network);
        let spacing = 4.0 * f64::from(theme::NODE_RADIUS);
        let placed = ego_rings(network, c, RingMode::Kind, spacing);
        let mut nodes: Vec<_> = data
            .nodes
            .iter()
            .filter(|n| ids.contains(n.id.as_str()))
            .cloned()
            .collect();
        for p in &placed {
            let Some(info) = network.info(p.node) else {
                continue;
            };
            if let Some(node) = nodes.iter_mut().find(|n| n.id == info.id) {
                node.x = Some(p.position[0]);
                node.y = Some(p.position[1]);
            }
        }
        let rings: Vec<f32> = ring_radii(&placed).into_iter().map(|r| r as f32).collect();
        let relations = data
            .relations
            .iter()
            .filter(|r| relation_ids.contains(r.id.as_str()))
            .cloned()
            .collect();
        let data_view = MapData::new(nodes, relations);
        let visible = Visibility::all(&data_view);
        let mut canvas = Canvas::default();
        // Room for the outer ring and the sector names around it.
        let outer = rings.iter().copied().fold(spacing as f32, f32::max) * 1.25;
        canvas.fit_to(egui::Rect::from_center_size(
            egui::Pos2::ZERO,
            egui::Vec2::splat(2.0 * outer),
        ));
        Some(Self {
            centre: centre.to_owned(),
            version: data.version,
            data: data_view,
            visible,
            rings,
            canvas,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Relation, RelationKind};

    #[test]
    fn the_circle_holds_her_and_her_direct_relations_only_on_rings_around_her() {
        let person = |id: &str| {
            let mut n = Node::new(NodeKind::Person, id.to_uppercase());
            n.id = id.into();
            n
        };
        let nodes = vec![
            person("fatima"),
            person("anja"),
            person("broer"),
            person("ver"),
        ];
        let relations = vec![
            Relation::with_id("r1", "fatima", "anja", RelationKind::Neighbour),
            Relation::with_id("r2", "fatima", "broer", RelationKind::Family),
            Relation::with_id("r3", "anja", "ver", RelationKind::Knows),
        ];
        let data = MapData::new(nodes, relations);
        let ego = EgoView::new(&data, "fatima").unwrap();
        let mut ids: Vec<&str> = ego.data.nodes.iter().map(|n| n.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["anja", "broer", "fatima"]);
        assert_eq!(ego.data.relations.len(), 2);
        let centre = ego.data.positions[ego.data.index["fatima"]];
        assert_eq!(centre, [0.0, 0.0]);
        assert!(!ego.rings.is_empty());
        for id in ["anja", "broer"] {
            let p = ego.data.positions[ego.data.index[id]];
            let r = p[0].hypot(p[1]);
            assert!(
                ego.rings
                    .iter()
                    .any(|&ring| (ring - r).abs() < 1e-3 || r <= ring)
            );
        }
        assert!(EgoView::new(&data, "nobody").is_none());
    }
}
