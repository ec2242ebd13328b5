//! Privacy rules for what leaves wijkweb: pseudonyms for persons in shared exports.
//!
//! A pseudonymised export replaces every person by a pseudonym made from her role
//! ("bewoner A", "vrijwilliger B"), the same person the same pseudonym throughout one
//! export, and gives every person and relation an opaque id (ids are often made from
//! names). Organisations and initiatives keep their names. Notes, contact details, needs,
//! consent records and time stamps are dropped for every node and relation. The mapping
//! from pseudonym to person exists only in memory and is never written.

use std::collections::HashMap;

use crate::model::{ConsentStatus, Node, NodeKind, Relation};

/// Options of a pseudonymised export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PseudonymOptions {
    /// Persons with written consent keep their names.
    pub keep_consented: bool,
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

/// Whether a person may keep her name under `options`.
pub fn keeps_name(node: &Node, options: PseudonymOptions) -> bool {
    node.kind != NodeKind::Person
        || (options.keep_consented
            && node
                .consent
                .as_ref()
                .is_some_and(|c| c.status == ConsentStatus::Written))
}

/// Pseudonymises `nodes` and `relations` for one export. Nodes are taken in the order
/// given (sort them first for a stable result).
pub fn pseudonymise(
    nodes: &[Node],
    relations: &[Relation],
    options: PseudonymOptions,
) -> (Vec<Node>, Vec<Relation>) {
    let mut per_role: HashMap<String, usize> = HashMap::new();
    let mut new_ids: HashMap<&str, String> = HashMap::new();
    let mut persons = 0usize;
    let out_nodes = nodes
        .iter()
        .map(|node| {
            let mut n = Node::new(node.kind, node.name.clone());
            n.id = node.id.clone();
            n.wijk = node.wijk.clone();
            n.role = node.role.clone();
            n.tags = node.tags.clone();
            n.offers = node.offers.clone();
            n.x = node.x;
            n.y = node.y;
            n.pinned = node.pinned;
            if node.kind == NodeKind::Person {
                persons += 1;
                n.id = format!("persoon-{persons}");
                if !keeps_name(node, options) {
                    let word = role_word(node);
                    let count = per_role.entry(word.clone()).or_insert(0);
                    n.name = format!("{word} {}", letters(*count));
                    *count += 1;
                }
                new_ids.insert(node.id.as_str(), n.id.clone());
            }
            n
        })
        .collect();
    let out_relations = relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
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
            out
        })
        .collect();
    (out_nodes, out_relations)
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

        let (n, rel) = pseudonymise(&nodes, &relations, PseudonymOptions::default());
        let names: Vec<&str> = n.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "buurtbewoner A",
                "vrijwilliger A",
                "buurtbewoner B",
                "Taalcafe De Brug"
            ]
        );
        assert!(
            n.iter()
                .all(|n| n.notes.is_none() && n.contact.is_none() && n.needs.is_empty())
        );
        assert_eq!(rel[0].source, "persoon-1");
        assert_eq!(rel[0].target, "persoon-2");
        assert_eq!(rel[1].target, "taalcafe");
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

        let (kept, _) = pseudonymise(
            &nodes,
            &relations,
            PseudonymOptions {
                keep_consented: true,
            },
        );
        assert_eq!(kept[2].name, "Zoë de Wit");
        assert_eq!(kept[0].name, "buurtbewoner A");
    }

    #[test]
    fn letters_go_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
