//! The ego view (netwerkcirkel): one person's direct network in the scheme the wijkteam
//! uses (Lensink, Pantuček or the wijk's own), each contact in her quadrant and on her
//! ring as the core's `layout::circle` places her, the makelaar's own placements first:
//! the same circle the casus pack prints. Dragging a contact to another ring or quadrant
//! places her there (see `place_of`).

use std::collections::HashMap;

use super::canvas::{Canvas, Visibility};
use super::ecogram::EcogramLine;
use super::session::MapData;
use super::theme;
use crate::layout::circle::{self, Contact, Place, Scheme};
use crate::model::NodeId;

/// An open ego view.
pub struct EgoView {
    /// The person in the middle (id).
    pub centre: String,
    /// The network version it was made from.
    pub version: u64,
    /// The scheme it is drawn in.
    pub scheme: Scheme,
    /// Her network, placed in the circle.
    pub data: MapData,
    /// Everything in it is shown.
    pub visible: Visibility,
    /// The outer edge of each ring (world units).
    pub rings: Vec<f32>,
    /// The circle's outer radius (world units).
    pub radius: f64,
    /// Her contacts with their places.
    pub contacts: Vec<Contact>,
    /// Its own view (pan and zoom), apart from the wijk's.
    pub canvas: Canvas,
    /// The relations between her contacts (indexes into `data`, quality).
    pub between: Vec<(usize, usize, crate::model::Quality)>,
    /// The lines between contacts are drawn too (asked for in the header).
    pub show_between: bool,
}

impl EgoView {
    /// The network circle of `centre` in `data` under `scheme`, with the makelaar's own
    /// places `placed`, if she is in the network.
    pub fn new(
        data: &MapData,
        centre: &str,
        scheme: Scheme,
        placed: &HashMap<NodeId, Place>,
    ) -> Option<Self> {
        data.index.get(centre)?;
        // Her circle on the map's day (today, or the day of the past it shows).
        let current: Vec<crate::model::Relation> =
            crate::model::relations_on(&data.nodes, &data.relations, data.day())
                .cloned()
                .collect();
        let contacts = circle::contacts(scheme, centre, &data.nodes, &current, placed);
        // Wide enough that the fullest place keeps its contacts apart.
        let spacing = 4.0 * f64::from(theme::NODE_RADIUS);
        let mut per_place: HashMap<Place, usize> = HashMap::new();
        for c in &contacts {
            *per_place.entry(c.place).or_default() += 1;
        }
        let radius = per_place
            .iter()
            .map(|(place, &n)| {
                let (mid, _) = circle::ring_band(scheme, place.ring);
                n as f64 * spacing / (std::f64::consts::FRAC_PI_2 * mid)
            })
            .fold(6.0 * spacing, f64::max);
        let positions = circle::positions(scheme, &contacts);
        let mut nodes: Vec<_> = data
            .nodes
            .iter()
            .filter(|n| n.id == centre || positions.contains_key(&n.id))
            .cloned()
            .collect();
        for node in &mut nodes {
            let p = positions.get(&node.id).copied().unwrap_or([0.0, 0.0]);
            node.x = Some(p[0] * radius);
            node.y = Some(p[1] * radius);
        }

        // Between two of her contacts (she is not among `positions`).
        let among: Vec<crate::model::Relation> = current
            .iter()
            .filter(|r| positions.contains_key(&r.source) && positions.contains_key(&r.target))
            .cloned()
            .collect();
        let relations = current
            .into_iter()
            .filter(|r| {
                (r.source == centre || r.target == centre)
                    && nodes.iter().any(|n| n.id == r.source)
                    && nodes.iter().any(|n| n.id == r.target)
            })
            .collect();
        let rings: Vec<f32> = (0..scheme.rings())
            .map(|k| (circle::ring_band(scheme, k).1 * radius) as f32)
            .collect();
        let mut data_view = MapData::on(nodes, relations, data.as_of, data.stale_months);
        // Colour is the quadrant, as on paper (never the communities of her few contacts).
        for (i, node) in data_view.nodes.iter().enumerate() {
            data_view.group[i] = contacts.iter().find(|c| c.id == node.id).map(|c| {
                crate::exchange::casus::SECTOR_PALETTE[usize::from(c.place.sector.min(3))]
            });
        }
        // Indexes into the view's nodes, which `MapData::new` sorts.
        let ids: Vec<&str> = data_view.nodes.iter().map(|n| n.id.as_str()).collect();
        let between = circle::between(&ids, &among);
        let mut visible = Visibility::all(&data_view);
        // Everyone in the circle full size: she has one tie with each, the number of
        // relations says nothing here.
        visible.scale = vec![1.0; data_view.nodes.len()];
        let mut canvas = Canvas::dragging_nodes_always();
        // Room for the outer ring and the sector names around it, and on the left for the
        // legend in the corner.
        let outer = radius as f32 * 1.3;
        canvas.fit_to(egui::Rect::from_min_max(
            egui::pos2(-1.9 * outer, -outer),
            egui::pos2(outer, outer),
        ));
        Some(Self {
            centre: centre.to_owned(),
            version: data.version,
            scheme,
            data: data_view,
            visible,
            rings,
            radius,
            contacts,
            canvas,
            between,
            show_between: false,
        })
    }

    /// The circle's lines in ecogram style: hers to each contact, from the contact's tie
    /// (quality, support letters, who supports whom), and the ones between contacts when
    /// they are asked for.
    pub fn lines(&self) -> Vec<EcogramLine> {
        let Some(&centre) = self.data.index.get(self.centre.as_str()) else {
            return Vec::new();
        };
        let mut lines: Vec<EcogramLine> = self
            .contacts
            .iter()
            .filter_map(|c| {
                let &to = self.data.index.get(c.id.as_str())?;
                Some(EcogramLine {
                    from: centre,
                    to,
                    quality: c.tie.quality,
                    letters: c.tie.support.letters(),
                    arrows: crate::layout::ecogram::arrows(c.tie.direction),
                    faint: false,
                })
            })
            .collect();
        if self.show_between {
            lines.extend(self.between.iter().map(|&(from, to, quality)| EcogramLine {
                from,
                to,
                quality,
                letters: String::new(),
                arrows: (false, false),
                faint: true,
            }));
        }
        lines
    }

    /// The same circle made again from `data` in `scheme` with the places `placed` (after
    /// an edit, an undo or another scheme), keeping what she asked to see.
    pub fn again(
        &self,
        data: &MapData,
        scheme: Scheme,
        placed: &HashMap<NodeId, Place>,
    ) -> Option<Self> {
        let mut ego = Self::new(data, &self.centre, scheme, placed)?;
        ego.show_between = self.show_between;
        Some(ego)
    }

    /// Where contact `i` (an index into `data`) was dropped: her id and the place under
    /// the drop, when that is a place of the circle other than hers.
    pub fn place_of(&self, i: usize) -> Option<(NodeId, Place)> {
        let node = self.data.nodes.get(i)?;
        let contact = self.contacts.iter().find(|c| c.id == node.id)?;
        let p = self.data.positions.get(i)?;
        let at = [f64::from(p[0]) / self.radius, f64::from(p[1]) / self.radius];
        circle::place_at(self.scheme, at)
            .filter(|&place| place != contact.place)
            .map(|place| (node.id.clone(), place))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Relation, RelationKind};

    #[test]
    fn the_circle_holds_her_and_her_direct_relations_only_in_their_places() {
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
        let ego = EgoView::new(&data, "fatima", Scheme::Lensink, &HashMap::new()).unwrap();
        let mut ids: Vec<&str> = ego.data.nodes.iter().map(|n| n.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["anja", "broer", "fatima"]);
        assert_eq!(ego.data.relations.len(), 2);
        let centre = ego.data.positions[ego.data.index["fatima"]];
        assert_eq!(centre, [0.0, 0.0]);
        assert_eq!(ego.rings.len(), 4);
        // The brother in familie (top left), the neighbour in samenleving (bottom right).
        let broer = ego.data.positions[ego.data.index["broer"]];
        assert!(broer[0] < 0.0 && broer[1] < 0.0, "{broer:?}");
        let anja = ego.data.positions[ego.data.index["anja"]];
        assert!(anja[0] > 0.0 && anja[1] > 0.0, "{anja:?}");
        // A drop on the same place is no move; a drop in familie is.
        let i = ego.data.index["anja"];
        assert_eq!(ego.place_of(i), None);
        let mut moved = ego;
        moved.data.positions[i] = broer;
        assert_eq!(
            moved.place_of(i).map(|(_, p)| p.sector),
            Some(0),
            "dropped in familie"
        );
        assert!(EgoView::new(&data, "nobody", Scheme::Lensink, &HashMap::new()).is_none());
    }

    #[test]
    fn her_lines_carry_the_ecogram_and_lines_between_contacts_come_on_request() {
        use crate::model::{Quality, Support, SupportDirection, SupportType};
        let person = |id: &str| {
            let mut n = Node::new(NodeKind::Person, id.to_uppercase());
            n.id = id.into();
            n
        };
        let nodes = vec![
            person("naima"),
            person("rachid"),
            person("fenna"),
            person("ria"),
        ];
        let mut burden = Relation::with_id("r1", "naima", "rachid", RelationKind::Neighbour);
        burden.quality = Quality::Burdening;
        let mut maatje = Relation::with_id("r2", "fenna", "naima", RelationKind::Buddy);
        maatje.quality = Quality::Supportive;
        maatje.support = Support::default();
        maatje.support.set(SupportType::Company, true);
        maatje.support.set(SupportType::Emotional, true);
        // Fenna (the source) supports Naima.
        maatje.support_direction = Some(SupportDirection::ToTarget);
        let ria = Relation::with_id("r3", "naima", "ria", RelationKind::Friend);
        let among = Relation::with_id("r4", "rachid", "fenna", RelationKind::Knows);
        let data = MapData::new(nodes, vec![burden, maatje, ria, among]);
        let mut ego = EgoView::new(&data, "naima", Scheme::Lensink, &HashMap::new()).unwrap();
        let line_to = |ego: &EgoView, id: &str| {
            let i = ego.data.index[id];
            ego.lines()
                .into_iter()
                .find(|l| l.to == i && !l.faint)
                .unwrap()
        };
        let rachid = line_to(&ego, "rachid");
        assert_eq!(rachid.quality, Quality::Burdening);
        assert_eq!(rachid.from, ego.data.index["naima"]);
        assert_eq!(rachid.arrows, (false, false));
        let fenna = line_to(&ego, "fenna");
        assert_eq!(fenna.quality, Quality::Supportive);
        assert_eq!(fenna.letters, "GE");
        // The arrow points at Naima, whom Fenna supports.
        assert_eq!(fenna.arrows, (true, false));
        assert_eq!(line_to(&ego, "ria").quality, Quality::Neutral);
        // Rachid and Fenna know each other: a faint line only when asked for.
        assert_eq!(ego.lines().len(), 3);
        ego.show_between = true;
        let faint: Vec<_> = ego.lines().into_iter().filter(|l| l.faint).collect();
        assert_eq!(faint.len(), 1);
        let ends = [ego.data.index["rachid"], ego.data.index["fenna"]];
        assert!(ends.contains(&faint[0].from) && ends.contains(&faint[0].to));
        // Colour is the quadrant: the neighbour and the maatje share samenleving's.
        let group = |id: &str| ego.data.group[ego.data.index[id]];
        assert_eq!(group("rachid"), group("fenna"));
        assert_eq!(group("naima"), None);
        assert!(group("rachid").is_some());
    }
}
