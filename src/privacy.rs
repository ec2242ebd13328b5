//! Privacy rules for what leaves wijkweb: pseudonyms for persons in shared exports.
//!
//! A pseudonymised export replaces every person by a pseudonym made from her role
//! ("bewoner A", "vrijwilliger B"), the same person the same pseudonym throughout one
//! export, and gives every person and relation an opaque id (ids are often made from
//! names). Organisations and initiatives keep their names. Notes, contact details, needs,
//! consent records and time stamps are dropped for every node and relation. The mapping
//! from pseudonym to person exists only in memory and is never written.

use std::collections::HashMap;

use crate::model::followup::months_before;
use crate::model::{ConsentStatus, Node, NodeKind, Relation, RelationKind};

/// Options of a pseudonymised export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PseudonymOptions {
    /// Persons with written consent keep their names.
    pub keep_consented: bool,
    /// Only persons who withdrew their consent are pseudonymised; everyone else is left as
    /// she is (an export without `--pseudonymise`: withdrawal still takes effect).
    pub only_withdrawn: bool,
}

/// Whether `node` is a person who withdrew her consent (on or before today).
pub fn has_withdrawn(node: &Node) -> bool {
    node.kind == NodeKind::Person
        && node
            .consent
            .as_ref()
            .is_some_and(|c| c.is_withdrawn(crate::model::today()))
}

/// Letters for the n-th pseudonym of a role: A..Z, AA, AB...
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What a pseudonym is made from: the role ("sociaal makelaar", "vrijwilliger") when it is
/// a few plain words, or else "bewoner".
fn role_word(node: &Node) -> String {
    node.role
        .as_deref()
        .map(|r| r.trim().to_lowercase())
        .filter(|r| {
            !r.is_empty()
                && r.len() <= 30
                && r.split_whitespace().count() <= 3
                && r.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        })
        .unwrap_or_else(|| "bewoner".to_owned())
}

/// Whether a person may keep her name under `options`: with `keep_consented`, only on
/// written consent that has not expired.
pub fn keeps_name(node: &Node, options: PseudonymOptions) -> bool {
    if has_withdrawn(node) {
        return false;
    }
    let today = crate::model::today();
    node.kind != NodeKind::Person
        || options.only_withdrawn
        || (options.keep_consented
            && node
                .consent
                .as_ref()
                .is_some_and(|c| c.status == ConsentStatus::Written && !c.is_expired(today)))
}

/// Pseudonymises `nodes` and `relations` for one export.
///
/// Nothing of the original order survives: persons and relations come out in a fresh
/// random order each export, and are numbered and lettered in that order, so that no
/// position, number or letter can be matched with the wijk or with another export. In a
/// network circle (`centre`), a person is named by what she is to the resident ("buur A",
/// "familielid B"), not by her own role.
pub fn pseudonymise(
    nodes: &[Node],
    relations: &[Relation],
    options: PseudonymOptions,
    centre: Option<&str>,
) -> Pseudonymised {
    use rand::seq::SliceRandom;
    let mut rng = rand::rng();
    // Who is pseudonymised comes in a fresh random order; with `only_withdrawn` everyone
    // else keeps her place, and the pseudonymised follow them (their place among the others
    // would tell whose they were).
    let hidden = |node: &Node| !options.only_withdrawn || has_withdrawn(node);
    let mut order: Vec<usize> = (0..nodes.len()).filter(|&k| !hidden(&nodes[k])).collect();
    let mut shuffled: Vec<usize> = (0..nodes.len()).filter(|&k| hidden(&nodes[k])).collect();
    shuffled.shuffle(&mut rng);
    order.extend(shuffled);
    let mut per_role: HashMap<String, usize> = HashMap::new();
    // In a network circle, a profession held by one person only needs no letter
    // ("huisarts"); every other word is lettered ("broer A").
    let mut professions: HashMap<String, usize> = HashMap::new();
    if let Some(c) = centre {
        for node in nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Person && hidden(n))
        {
            let word = tie_word(node, c, relations);
            if node.id != c && word == role_word(node) {
                *professions.entry(word).or_default() += 1;
            }
        }
    }
    let only_one = |word: &str| professions.get(word) == Some(&1);
    let mut new_ids: HashMap<&str, String> = HashMap::new();
    let mut persons = 0usize;
    let out_nodes = order
        .iter()
        .map(|&k| {
            let node = &nodes[k];
            if options.only_withdrawn && !has_withdrawn(node) {
                return node.clone();
            }
            let mut n = Node::new(node.kind, node.name.clone());
            n.id = node.id.clone();
            n.wijk = node.wijk.clone();
            n.role = node.role.clone();
            n.tags = node.tags.clone();
            n.offers = node.offers.clone();
            n.x = node.x;
            n.y = node.y;
            n.pinned = node.pinned;
            // When she was in the wijk stays (an export of today would show the gone as
            // present otherwise); why she left is hers ("verhuisd naar Zwolle").
            (n.since, n.until) = (node.since, node.until);
            if node.kind != NodeKind::Person {
                n.until_reason = node.until_reason.clone();
            }
            if node.kind == NodeKind::Person {
                persons += 1;
                n.id = if options.only_withdrawn {
                    format!("anoniem-{persons}").into()
                } else {
                    format!("persoon-{persons}").into()
                };
                if !keeps_name(node, options) {
                    // Her place on a map would match her with any named picture or export:
                    // the data leaves without it (pictures draw from the map, not from this).
                    (n.x, n.y, n.pinned) = (None, None, false);
                    let word = match centre {
                        Some(c) => tie_word(node, c, relations),
                        None => role_word(node),
                    };
                    // The resident herself is the one "bewoner" of her circle.
                    n.name = if centre == Some(node.id.as_str())
                        || (centre.is_some() && only_one(&word))
                    {
                        word
                    } else {
                        let count = per_role.entry(word.clone()).or_insert(0);
                        *count += 1;
                        format!("{word} {}", letters(*count - 1))
                    };
                    if centre.is_some() {
                        // Her role could tell her apart; her tie to the resident is said.
                        n.role = None;
                    }
                }
                new_ids.insert(node.id.as_str(), n.id.to_string());
            }
            n
        })
        .collect();
    let touches = |r: &Relation| {
        new_ids.contains_key(r.source.as_str()) || new_ids.contains_key(r.target.as_str())
    };
    let mut relation_order: Vec<usize> = (0..relations.len())
        .filter(|&k| options.only_withdrawn && !touches(&relations[k]))
        .collect();
    let mut shuffled: Vec<usize> = (0..relations.len())
        .filter(|&k| !options.only_withdrawn || touches(&relations[k]))
        .collect();
    shuffled.shuffle(&mut rng);
    relation_order.extend(shuffled);
    let out_relations = relation_order
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let r = &relations[k];
            if options.only_withdrawn && !touches(r) {
                return r.clone();
            }
            let id = |old: &str| new_ids.get(old).cloned().unwrap_or_else(|| old.to_owned());
            let mut out = Relation::with_id(
                format!("relatie-{}", i + 1),
                id(&r.source),
                id(&r.target),
                r.kind,
            );
            out.strength = r.strength;
            out.since = r.since;
            out.until = r.until;
            out.quality = r.quality;
            out.support = r.support;
            out.support_direction = r.support_direction;
            out
        })
        .collect();
    Pseudonymised {
        nodes: out_nodes,
        relations: out_relations,
        from: order,
    }
}

/// What [`pseudonymise`] made: nodes and relations in their new order, and for each node
/// the index of the node it was made from (the map's places and colours follow it).
#[derive(Clone, Debug)]
pub struct Pseudonymised {
    /// The nodes, in a fresh order.
    pub nodes: Vec<Node>,
    /// The relations, in a fresh order.
    pub relations: Vec<Relation>,
    /// `from[k]`: the index in the input of output node `k`.
    pub from: Vec<usize>,
}

/// What `node` is to the resident `centre` of a network circle, as one word: from their
/// own relation ("buur", "familielid", "mantelzorger"), else "betrokkene"; the resident
/// herself is "bewoner".
/// Family words a role may hold, as a pseudonym says them ("broer A").
const KIN_WORDS: [&str; 22] = [
    "broer",
    "zus",
    "zuster",
    "moeder",
    "vader",
    "zoon",
    "dochter",
    "oom",
    "tante",
    "neef",
    "nicht",
    "opa",
    "oma",
    "partner",
    "echtgenoot",
    "echtgenote",
    "kleinzoon",
    "kleindochter",
    "schoonzoon",
    "schoondochter",
    "stiefvader",
    "stiefmoeder",
];

fn tie_word(node: &Node, centre: &str, relations: &[Relation]) -> String {
    if node.id == centre {
        return "bewoner".to_owned();
    }
    let tie = relations.iter().find_map(|r| {
        if r.source == node.id && r.target == centre {
            Some((r.kind, true))
        } else if r.target == node.id && r.source == centre {
            Some((r.kind, false))
        } else {
            None
        }
    });
    // Her own role says which family member or neighbour she is ("broer", "buurvrouw"),
    // but only a word of that kind: a role like "vrijwilliger" says nothing of the tie.
    let own = |words: &[&str]| {
        let role = node.role.as_deref().unwrap_or("").to_lowercase();
        words
            .iter()
            .find(|w| {
                role.split(|c: char| !c.is_alphanumeric())
                    .any(|part| part == **w)
            })
            .map(|w| (*w).to_owned())
    };
    // A professional is named by her profession, as a wijkteam says it ("huisarts").
    if !matches!(
        tie,
        Some((
            RelationKind::Family | RelationKind::Friend | RelationKind::Neighbour,
            _
        ))
    ) && crate::model::is_work_role(node.role.as_deref())
    {
        return role_word(node);
    }
    match tie {
        Some((RelationKind::Family, _)) => {
            if let Some(word) = own(&KIN_WORDS) {
                return word;
            }
        }
        Some((RelationKind::Neighbour, _)) => {
            if let Some(word) = own(&["buurvrouw", "buurman", "buurmeisje", "buurjongen"]) {
                return word;
            }
        }
        _ => {}
    }
    let word = match tie {
        Some((RelationKind::Family, _)) => "familielid",
        Some((RelationKind::Neighbour, _)) => "buur",
        Some((RelationKind::Friend, _)) => "vriend",
        Some((RelationKind::Buddy, _)) => "maatje",
        Some((RelationKind::Knows, _)) => "kennis",
        // She cares for the resident, or the resident for her.
        Some((RelationKind::CarerOf, true)) => "mantelzorger",
        Some((RelationKind::CarerOf, false)) => "naaste",
        Some((RelationKind::RefersTo, true)) => "verwijzer",
        Some((RelationKind::RefersTo, false)) => "doorverwezen",
        Some((RelationKind::Coordinates, _)) => "coördinator",
        _ => "betrokkene",
    };
    word.to_owned()
}

/// Something the makelaar should look at: data kept past its retention period, or held
/// without (valid) consent or legal basis.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ReviewItem {
    /// The node or relation.
    pub id: String,
    /// Its name (a relation: both ends).
    pub name: String,
    /// Why, typed; `crate::words` words them.
    #[serde(skip)]
    pub reasons: Vec<ReviewReason>,
    /// For a relation: its two ends (the app selects them).
    #[serde(skip)]
    pub ends: Option<(String, String)>,
    /// For a casus moment: its number (`id` is the resident's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moment: Option<i64>,
}

/// Why something is due for review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewReason {
    /// Consent withdrawn on this day.
    Withdrawn(crate::model::Date),
    /// Consent expired on this day.
    Expired(crate::model::Date),
    /// A person without a recorded legal basis.
    NoLegalBasis,
    /// A node unchanged since `changed`, longer than its `months` of retention.
    PastRetention {
        /// The retention period.
        months: u32,
        /// The day it was last changed.
        changed: crate::model::Date,
    },
    /// A relation that ended on `until`, longer ago than its `months` of retention.
    EndedPastRetention {
        /// The retention period.
        months: u32,
        /// The day it ended.
        until: crate::model::Date,
    },
    /// A casus moment of `day`, longer ago than its `months` of retention.
    MomentPastRetention {
        /// The retention period.
        months: u32,
        /// The moment's day.
        day: crate::model::Date,
    },
}

/// The day of an RFC 3339 time stamp (UTC), if it is one.
fn day_of(stamp: Option<crate::model::Timestamp>) -> Option<crate::model::Date> {
    Some(stamp?.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// What is due for review on `today`: withdrawn or expired consent, persons without a
/// legal basis, nodes unchanged for longer than their retention period, and relations
/// ended longer ago than theirs. Persons first, then by name.
pub fn review(
    nodes: &[Node],
    relations: &[Relation],
    retention: crate::model::Retention,
    today: crate::model::Date,
) -> Vec<ReviewItem> {
    let mut items = Vec::new();
    for node in nodes {
        let mut reasons = Vec::new();
        if node.kind == NodeKind::Person {
            match &node.consent {
                Some(c) if c.is_withdrawn(today) => {
                    reasons.extend(c.withdrawn.map(ReviewReason::Withdrawn));
                }
                Some(c) if c.is_expired(today) => {
                    reasons.extend(c.expiry.map(ReviewReason::Expired));
                }
                _ => {}
            }
            if node.consent.as_ref().and_then(|c| c.legal_basis).is_none() {
                reasons.push(ReviewReason::NoLegalBasis);
            }
        }
        let period = match node.kind {
            NodeKind::Person => retention.person,
            NodeKind::Organisation => retention.organisation,
            NodeKind::Initiative => retention.initiative,
        };
        if let (Some(months), Some(changed)) = (period, day_of(node.updated_at))
            && changed < months_before(today, months)
        {
            reasons.push(ReviewReason::PastRetention { months, changed });
        }
        if !reasons.is_empty() {
            items.push((
                node.kind != NodeKind::Person,
                ReviewItem {
                    id: node.id.to_string(),
                    name: node.name.clone(),
                    reasons,
                    ends: None,
                    moment: None,
                },
            ));
        }
    }
    if let Some(months) = retention.relation {
        let limit = months_before(today, months);
        let names: HashMap<&str, &str> = nodes
            .iter()
            .map(|n| (n.id.as_str(), n.name.as_str()))
            .collect();
        for r in relations {
            if let Some(until) = r.until
                && until < limit
            {
                let name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
                let reason = ReviewReason::EndedPastRetention { months, until };
                items.push((
                    true,
                    ReviewItem {
                        id: r.id.to_string(),
                        name: format!("{} - {}", name(&r.source), name(&r.target)),
                        reasons: vec![reason],
                        ends: Some((r.source.to_string(), r.target.to_string())),
                        moment: None,
                    },
                ));
            }
        }
    }
    items.sort_by(|a, b| (a.0, &a.1.name, &a.1.id).cmp(&(b.0, &b.1.name, &b.1.id)));
    items.into_iter().map(|(_, item)| item).collect()
}

/// The casus moments whose day is longer ago than the moments' retention period, the
/// oldest first; each names its resident (her name, or her id once she is gone) and its
/// number, to delete it (`Store::delete_moment`).
pub fn review_moments(
    moments: &[crate::model::casework::Moment],
    nodes: &[Node],
    retention: crate::model::Retention,
    today: crate::model::Date,
) -> Vec<ReviewItem> {
    let Some(months) = retention.moment else {
        return Vec::new();
    };
    let limit = months_before(today, months);
    let names: HashMap<&str, &str> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    let mut old: Vec<&crate::model::casework::Moment> =
        moments.iter().filter(|m| m.day < limit).collect();
    old.sort_by_key(|m| (m.day, m.id));
    old.into_iter()
        .map(|m| ReviewItem {
            id: m.ego.to_string(),
            name: names
                .get(m.ego.as_str())
                .map_or_else(|| m.ego.to_string(), |n| (*n).to_owned()),
            reasons: vec![ReviewReason::MomentPastRetention { months, day: m.day }],
            ends: None,
            moment: Some(m.id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, RelationKind};

    fn person(id: &str, name: &str, role: &str) -> Node {
        let mut n = Node::new(NodeKind::Person, name);
        n.id = id.into();
        n.role = Some(role.into());
        n.notes = Some(format!("{name} belt op dinsdag"));
        n.contact = Some("06-12345678".into());
        n.needs = vec!["schulden".into()];
        n
    }

    #[test]
    fn persons_get_role_pseudonyms_and_lose_their_details() {
        let mut consented = person("p-zoe", "Zoë de Wit", "buurtbewoner");
        consented.consent = Some(Consent {
            status: ConsentStatus::Written,
            ..Consent::default()
        });
        let mut cafe = Node::new(NodeKind::Initiative, "Taalcafe De Brug");
        cafe.id = "taalcafe".into();
        cafe.notes = Some("sleutel bij Fatima".into());
        let nodes = vec![
            person("p-fatima", "Fatima El Idrissi", "buurtbewoner"),
            person("p-anja", "Anja Bakker", "vrijwilliger"),
            consented,
            cafe,
        ];
        let mut r = Relation::with_id(
            "r-fatima-anja",
            "p-fatima",
            "p-anja",
            RelationKind::Neighbour,
        );
        r.notes = Some("Fatima en Anja".into());
        let relations = vec![
            r,
            Relation::with_id("r2", "p-anja", "taalcafe", RelationKind::VolunteersAt),
        ];

        let Pseudonymised {
            nodes: n,
            relations: rel,
            ..
        } = pseudonymise(&nodes, &relations, PseudonymOptions::default(), None);
        let mut names: Vec<&str> = n.iter().map(|n| n.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "Taalcafe De Brug",
                "buurtbewoner A",
                "buurtbewoner B",
                "vrijwilliger A",
            ]
        );
        assert!(
            n.iter()
                .all(|n| n.notes.is_none() && n.contact.is_none() && n.needs.is_empty())
        );
        let name_of = |id: &str| n.iter().find(|n| n.id == id).map(|n| n.name.as_str());
        let to_cafe = rel.iter().find(|r| r.target == "taalcafe").unwrap();
        assert_eq!(name_of(&to_cafe.source), Some("vrijwilliger A"));
        let neighbours = rel
            .iter()
            .find(|r| r.kind == RelationKind::Neighbour)
            .unwrap();
        assert!(
            name_of(&neighbours.source)
                .unwrap()
                .starts_with("buurtbewoner")
        );
        assert_eq!(name_of(&neighbours.target), Some("vrijwilliger A"));
        assert!(
            rel.iter()
                .all(|r| r.notes.is_none() && !r.id.contains("fatima"))
        );
        let everything = format!("{n:?}{rel:?}");
        for secret in [
            "Fatima",
            "Anja",
            "Zoë",
            "06-12345678",
            "dinsdag",
            "p-fatima",
        ] {
            assert!(!everything.contains(secret), "{secret} leaked");
        }

        let kept = pseudonymise(
            &nodes,
            &relations,
            PseudonymOptions {
                keep_consented: true,
                ..PseudonymOptions::default()
            },
            None,
        )
        .nodes;
        let mut kept: Vec<&str> = kept.iter().map(|n| n.name.as_str()).collect();
        kept.sort_unstable();
        assert_eq!(
            kept,
            [
                "Taalcafe De Brug",
                "Zoë de Wit",
                "buurtbewoner A",
                "vrijwilliger A"
            ]
        );

        // Written consent that expired yesterday no longer keeps her name; one that runs
        // until today still does; verbal consent never did.
        let keep = PseudonymOptions {
            keep_consented: true,
            ..PseudonymOptions::default()
        };
        let today = crate::model::today();
        let mut zoe = nodes[2].clone();
        let consent = zoe.consent.as_mut().unwrap();
        consent.expiry = Some(today);
        assert!(keeps_name(&zoe, keep));
        zoe.consent.as_mut().unwrap().expiry = today.yesterday().ok();
        assert!(!keeps_name(&zoe, keep));
        let expired = pseudonymise(&[zoe.clone()], &[], keep, None).nodes;
        assert_eq!(expired[0].name, "buurtbewoner A");
        let consent = zoe.consent.as_mut().unwrap();
        consent.expiry = None;
        consent.status = ConsentStatus::Verbal;
        assert!(!keeps_name(&zoe, keep));
    }

    #[test]
    fn letters_go_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
