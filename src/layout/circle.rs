//! The netwerkcirkel: a resident in the centre and each direct contact in a sector
//! (quadrant) and on a ring, as the scheme the wijkteam uses draws it:
//!
//! - **Lensink** (instrumentwijzer.nl): quadrants familie · werk en school (medecliënten) ·
//!   samenleving (buren, vrijwilligers, vereniging, geloof) · professionals; rings intimi ·
//!   vrienden · bekenden · diensten.
//! - **Pantuček** (Netzwerkkarte): sectors familie · vrienden en kennissen · collega's en
//!   school · professionele hulp; three horizons: dichtbij · midden · ver.
//! - **Wijk** (wijkweb's own): familie · vrienden en buren · vrijwilligers en initiatieven ·
//!   professionals; rings by strength: sterk · gewoon · zwak.
//!
//! [`propose`] is the rule table of DESIGN §4.6; the makelaar's own placement (stored per
//! resident and scheme) always wins over it. Everything here works on the model alone, so
//! the casus pack, the command line and the app place a contact the same way.

use std::collections::HashMap;
use std::f64::consts::TAU;

use serde::Serialize;

use crate::model::{
    Node, NodeId, NodeKind, Quality, Relation, RelationKind, Support, SupportDirection, SupportType,
};
pub use crate::model::{Place, Scheme};

/// Sector numbers, the same in every scheme where they mean the same.
const FAMILY: u8 = 0;
const PROFESSIONALS: u8 = 3;

/// What a resident's ties to one contact come to: the strongest tie's kind and strength,
/// the quality (burdening if any tie burdens, else supportive if any supports), every
/// kind of support, and who supports whom, seen from the resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tie {
    /// The strongest relation's kind.
    pub kind: RelationKind,
    /// Its strength, 1-3.
    pub strength: u8,
    /// Steunend, neutraal or belastend.
    pub quality: Quality,
    /// Every kind of support in the ties.
    pub support: Support,
    /// Who supports whom: `ToTarget` is the resident supporting the contact, `ToSource`
    /// the contact supporting the resident.
    pub direction: Option<SupportDirection>,
    /// The relations it is made of.
    #[serde(skip)]
    pub relations: Vec<usize>,
}

/// The tie between `ego` and `contact` from `relations` (indexes into it), or `None` when
/// they have none.
pub fn tie(ego: &str, contact: &str, relations: &[Relation]) -> Option<Tie> {
    let mine: Vec<usize> = (0..relations.len())
        .filter(|&k| {
            let r = &relations[k];
            (r.source == ego && r.target == contact) || (r.source == contact && r.target == ego)
        })
        .collect();
    let main = mine
        .iter()
        .copied()
        .max_by_key(|&k| (relations[k].strength, std::cmp::Reverse(relations[k].kind)))?;
    let main_relation = &relations[main];
    let quality = if mine
        .iter()
        .any(|&k| relations[k].quality == Quality::Burdening)
    {
        Quality::Burdening
    } else if mine
        .iter()
        .any(|&k| relations[k].quality == Quality::Supportive)
    {
        Quality::Supportive
    } else {
        Quality::Neutral
    };
    let support = mine
        .iter()
        .flat_map(|&k| relations[k].support.types())
        .collect::<Support>();
    // Seen from the resident: she is the source.
    let direction = main_relation.support_direction.map(|d| {
        if main_relation.source == ego {
            d
        } else {
            d.reversed()
        }
    });
    Some(Tie {
        kind: main_relation.kind,
        strength: main_relation.strength.get(),
        quality,
        support,
        direction,
        relations: mine,
    })
}

/// Whether `node` is there for the resident as a professional or a service: an
/// organisation, or a person whose role is paid work, or a tie of care or referral.
fn is_service(node: &Node, tie: &Tie) -> bool {
    node.kind == NodeKind::Organisation
        || matches!(tie.kind, RelationKind::ClientOf | RelationKind::RefersTo)
        || (crate::model::is_work_role(node.role.as_deref())
            && !matches!(
                tie.kind,
                RelationKind::Family | RelationKind::Friend | RelationKind::Neighbour
            ))
}

/// Whether the tie is of work or school (a colleague, a class, the resident's employer).
fn is_work_or_school(node: &Node, tie: &Tie) -> bool {
    let role = node.role.as_deref().unwrap_or("").to_lowercase();
    tie.kind == RelationKind::WorksAt
        || ["collega", "school", "klasgenoot", "medecli", "studiegenoot"]
            .iter()
            .any(|w| role.contains(w))
}

/// The place the rule table proposes for `contact` in the resident's circle (DESIGN §4.6).
pub fn propose(scheme: Scheme, contact: &Node, tie: &Tie) -> Place {
    let service = is_service(contact, tie);
    let family = matches!(tie.kind, RelationKind::Family | RelationKind::CarerOf) && !service;
    // Closeness from strength: strong ties inside, weak ones outside; a burdening tie is
    // never proposed for the inner ring (the makelaar can put it there).
    let by_strength = |rings: u8| -> u8 {
        let ring = 3u8.saturating_sub(tie.strength).min(rings - 1);
        if tie.quality == Quality::Burdening {
            ring.max(1)
        } else {
            ring
        }
    };
    // Family first, then services, then work and school, then the rest: the sectors the
    // last two go to differ per scheme.
    let work = is_work_or_school(contact, tie);
    let sector = |work_sector: u8, other: u8| {
        if family {
            FAMILY
        } else if service {
            PROFESSIONALS
        } else if work {
            work_sector
        } else {
            other
        }
    };
    let (sector, ring) = match scheme {
        Scheme::Lensink => {
            let sector = sector(1, 2);
            let ring = if service {
                3
            } else {
                // Only family and friends are proposed for intimi and vrienden; neighbours,
                // acquaintances and the wijk's initiatives are bekenden unless strong.
                let close = matches!(
                    tie.kind,
                    RelationKind::Family
                        | RelationKind::CarerOf
                        | RelationKind::Friend
                        | RelationKind::Buddy
                );
                let base = by_strength(3);
                if close || tie.strength >= 3 {
                    base
                } else {
                    base.max(2)
                }
            };
            (sector, ring)
        }
        Scheme::Pantucek => (sector(2, 1), by_strength(3)),
        Scheme::Wijk => {
            let sector = if family {
                FAMILY
            } else if service {
                PROFESSIONALS
            } else if contact.kind == NodeKind::Initiative
                || matches!(
                    tie.kind,
                    RelationKind::Buddy
                        | RelationKind::VolunteersAt
                        | RelationKind::ParticipatesIn
                        | RelationKind::MemberOf
                        | RelationKind::Coordinates
                )
            {
                2
            } else {
                1
            };
            (sector, by_strength(3))
        }
    };
    Place { sector, ring }
}

/// One contact in a resident's circle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contact {
    /// The contact's id.
    pub id: NodeId,
    /// Her tie to the resident.
    pub tie: Tie,
    /// Where she is: the makelaar's placement, or else the proposed one.
    pub place: Place,
    /// The rule table's proposal.
    pub proposed: Place,
    /// Whether the makelaar placed her (`place` is hers, not the proposal).
    pub placed: bool,
}

/// The resident `ego`'s direct contacts, each on her place in `scheme`: the makelaar's
/// own placement from `stored` where there is one, else the proposal; ordered by sector,
/// ring and name. Every relation given counts: callers pass those that hold today (an
/// ended tie is no contact).
pub fn contacts(
    scheme: Scheme,
    ego: &str,
    nodes: &[Node],
    relations: &[Relation],
    stored: &HashMap<NodeId, Place>,
) -> Vec<Contact> {
    let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut ids: Vec<&str> = relations
        .iter()
        .filter_map(|r| r.other_end(ego).map(|id| id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<Contact> = ids
        .into_iter()
        .filter_map(|id| {
            let node = by_id.get(id)?;
            let tie = tie(ego, id, relations)?;
            let proposed = propose(scheme, node, &tie);
            let mine = stored.get(id).copied();
            Some(Contact {
                id: node.id.clone(),
                tie,
                place: mine.unwrap_or(proposed),
                proposed,
                placed: mine.is_some(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.place, &by_id[a.id.as_str()].name, &a.id).cmp(&(
            b.place,
            &by_id[b.id.as_str()].name,
            &b.id,
        ))
    });
    out
}

/// The radius of ring `ring`'s middle (where its contacts sit) and of its outer edge, in
/// units of the circle's outer radius (1.0).
pub fn ring_band(scheme: Scheme, ring: u8) -> (f64, f64) {
    let n = f64::from(scheme.rings());
    // The resident's own disc takes the first 0.16; the rings share the rest evenly.
    let inner = 0.16;
    let width = (1.0 - inner) / n;
    let outer = inner + width * (f64::from(ring) + 1.0);
    (outer - width / 2.0, outer)
}

/// The angle range of sector `sector` (radians, 0 pointing right, clockwise on screen
/// since y grows downwards): sector 0 is the top left quadrant.
pub fn sector_range(sector: u8) -> (f64, f64) {
    let start = -TAU / 2.0 + f64::from(sector) * TAU / 4.0;
    (start, start + TAU / 4.0)
}

/// Where each contact goes, on a circle of outer radius 1 around (0, 0): spread evenly
/// over its sector's arc on its ring, in the order given. Each ring's spread is turned
/// (by part of a contact's share of the arc) so that it keeps clear of the contacts on
/// the rings inside it: a contact right behind another would have her line run through
/// the other's shape, and it would read as a relation between the two.
pub fn positions(scheme: Scheme, contacts: &[Contact]) -> HashMap<NodeId, [f64; 2]> {
    let mut groups: HashMap<Place, Vec<&Contact>> = HashMap::new();
    for c in contacts {
        groups.entry(c.place).or_default().push(c);
    }
    let mut places: Vec<Place> = groups.keys().copied().collect();
    places.sort_by_key(|p| (p.sector, p.ring));
    // Turns to try, a 24th of a share at a time, the least first.
    let turns: Vec<f64> = std::iter::once(0.0)
        .chain((1..12).flat_map(|k| [f64::from(k) / 24.0, -f64::from(k) / 24.0]))
        .collect();
    let mut out = HashMap::new();
    // The contacts placed so far in the sector: (radius, angle).
    let mut inside: Vec<(f64, f64)> = Vec::new();
    let mut sector = None;
    for place in places {
        if sector != Some(place.sector) {
            sector = Some(place.sector);
            inside.clear();
        }
        let group = &groups[&place];
        let (r, outer) = ring_band(scheme, place.ring);
        let (start, end) = sector_range(place.sector);
        let count = group.len() as f64;
        let angles = |turn: f64| {
            (0..group.len()).map(move |i| start + (end - start) * (i as f64 + 0.5 + turn) / count)
        };
        // How far the line to the nearest of them passes from a contact inside.
        let clearance = |turn: f64| {
            angles(turn)
                .flat_map(|a| {
                    inside
                        .iter()
                        .map(move |&(ri, ai)| ri * (a - ai).abs().min(TAU / 4.0).sin())
                })
                .fold(f64::INFINITY, f64::min)
        };
        let mut best = (turns[0], clearance(turns[0]));
        for &turn in &turns[1..] {
            let c = clearance(turn);
            if c > best.1 + 1e-12 {
                best = (turn, c);
            }
        }
        // A full arc is spread over up to four rows inside the ring's band, in turn, so
        // that shapes and names find room.
        let rows = if group.len() <= 4 {
            1
        } else {
            group.len().div_ceil(5).clamp(2, 4)
        };
        let band = 2.0 * (outer - r);
        for (i, (c, a)) in group.iter().zip(angles(best.0)).enumerate() {
            let stagger = if rows == 1 {
                0.0
            } else {
                band * 0.7 * ((i % rows) as f64 / (rows - 1) as f64 - 0.5)
            };
            out.insert(
                c.id.clone(),
                [(r + stagger) * a.cos(), (r + stagger) * a.sin()],
            );
            inside.push((r + stagger, a));
        }
    }
    out
}

/// The place under a point of the circle (outer radius 1 around (0, 0)), or `None` inside
/// the resident's own disc or outside the circle: where a contact dragged there goes.
pub fn place_at(scheme: Scheme, point: [f64; 2]) -> Option<Place> {
    let r = point[0].hypot(point[1]);
    if !(0.16..=1.0).contains(&r) {
        return None;
    }
    let ring = (0..scheme.rings()).find(|&k| r <= ring_band(scheme, k).1)?;
    let a = point[1].atan2(point[0]);
    let sector = ((a + TAU / 2.0) / (TAU / 4.0)).floor().clamp(0.0, 3.0) as u8;
    Some(Place { sector, ring })
}

/// The relations between the contacts `ids` (not with the resident, who is not among
/// them): each as the indexes of its two ends in `ids` and its quality, for the lines
/// drawn between contacts on request.
pub fn between(ids: &[&str], relations: &[Relation]) -> Vec<(usize, usize, Quality)> {
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    relations
        .iter()
        .filter_map(|r| {
            let a = *index.get(r.source.as_str())?;
            let b = *index.get(r.target.as_str())?;
            (a != b).then_some((a, b, r.quality))
        })
        .collect()
}

/// All support types as letters with their meaning, in P, G, A, E order.
pub fn support_letters() -> [(char, SupportType); 4] {
    SupportType::ALL.map(|t| (t.letter(), t))
}

/// Resident `ego`'s netwerkcirkel on `day` frozen as a moment: each of her relations that
/// holds that day (between two who are in the wijk then), with the contact's place in
/// `scheme` (the makelaar's, else the proposal). Only the fields a casusoverleg compares
/// are kept (no notes, no dates). Its number is 0 until the store gives it one.
pub fn freeze(
    scheme: Scheme,
    ego: &str,
    nodes: &[Node],
    relations: &[Relation],
    stored: &HashMap<NodeId, Place>,
    day: crate::model::Date,
    source: crate::model::casework::MomentSource,
) -> crate::model::casework::Moment {
    let mine: Vec<Relation> = crate::model::relations_on(nodes, relations, day)
        .filter(|r| r.source == ego || r.target == ego)
        .cloned()
        .collect();
    let places: HashMap<NodeId, Place> = contacts(scheme, ego, nodes, &mine, stored)
        .into_iter()
        .map(|c| (c.id, c.place))
        .collect();
    let ties = mine
        .into_iter()
        .filter_map(|r| {
            let place = *places.get(r.other_end(ego)?)?;
            let relation = Relation {
                since: None,
                until: None,
                notes: None,
                confirmed: None,
                ..r
            };
            Some(crate::model::casework::MomentTie { relation, place })
        })
        .collect();
    crate::model::casework::Moment {
        id: 0,
        ego: ego.into(),
        day,
        made_at: Some(crate::model::now()),
        scheme,
        source,
        ties,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Strength;

    fn person(id: &str, role: &str) -> Node {
        let mut n = Node::new(NodeKind::Person, id);
        n.id = id.into();
        n.role = (!role.is_empty()).then(|| role.to_owned());
        n
    }

    /// A contact `id` on `place`, with a plain tie.
    fn placed_at(id: &str, place: Place) -> Contact {
        Contact {
            id: id.into(),
            tie: Tie {
                kind: RelationKind::Knows,
                strength: 2,
                quality: Quality::Neutral,
                support: Support::NONE,
                direction: None,
                relations: vec![],
            },
            place,
            proposed: place,
            placed: false,
        }
    }

    #[test]
    fn place_at_finds_the_place_positions_put_a_contact_on() {
        for scheme in Scheme::ALL {
            for sector in 0..4 {
                for ring in 0..scheme.rings() {
                    let place = Place { sector, ring };
                    let p = positions(scheme, &[placed_at("x", place)])["x"];
                    assert_eq!(place_at(scheme, p), Some(place), "{scheme} {place:?}");
                }
            }
            assert_eq!(place_at(scheme, [0.0, 0.0]), None);
            assert_eq!(place_at(scheme, [1.2, 0.0]), None);
        }
    }

    #[test]
    fn no_line_to_a_contact_runs_through_a_contact_nearer_to_her() {
        // Up to two contacts on each ring of one quadrant, every combination: the line
        // to each passes every nearer contact by more than a shape's radius (10 of the
        // app's smallest circle radius, 240).
        for scheme in Scheme::ALL {
            let rings = usize::from(scheme.rings());
            for combination in 0..3usize.pow(rings as u32) {
                let mut contacts = Vec::new();
                for ring in 0..rings {
                    let count = combination / 3usize.pow(ring as u32) % 3;
                    for k in 0..count {
                        let place = Place {
                            sector: 3,
                            ring: ring as u8,
                        };
                        contacts.push(placed_at(&format!("c{ring}-{k}"), place));
                    }
                }
                let at = positions(scheme, &contacts);
                for a in &contacts {
                    for b in &contacts {
                        let (pa, pb) = (at[&a.id], at[&b.id]);
                        let (ra, rb) = (pa[0].hypot(pa[1]), pb[0].hypot(pb[1]));
                        if a.place.ring >= b.place.ring || ra >= rb {
                            continue;
                        }
                        // a is nearer: how far the line from the centre to b passes her.
                        let off = (pb[0] * pa[1] - pb[1] * pa[0]).abs() / rb;
                        assert!(
                            off > 10.0 / 240.0,
                            "{scheme}: the line to {} runs {off:.3} from {}",
                            b.id,
                            a.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_burdening_brother_is_family_but_not_proposed_as_intimus() {
        let ego = person("ego", "");
        let brother = person("broer", "broer");
        let mut r = Relation::with_id("r", "ego", "broer", RelationKind::Family);
        r.strength = Strength::STRONG;
        let ties = [r.clone()];
        let t = tie(&ego.id, "broer", &ties).unwrap();
        assert_eq!(
            propose(Scheme::Lensink, &brother, &t),
            Place { sector: 0, ring: 0 }
        );
        r.quality = Quality::Burdening;
        let ties = [r];
        let t = tie(&ego.id, "broer", &ties).unwrap();
        assert_eq!(
            propose(Scheme::Lensink, &brother, &t),
            Place { sector: 0, ring: 1 }
        );
    }
}
