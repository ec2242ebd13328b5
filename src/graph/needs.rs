//! Vraag en aanbod: per theme, who asks for it, who offers it, and which residents can
//! reach an offer within a few steps of people they know; themes asked for that nobody in
//! the wijk offers.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use super::Network;
use super::risks::NodeRef;
use crate::model::NodeId;

/// A resident who can reach an offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reach {
    /// Id.
    pub id: NodeId,
    /// Name.
    pub name: String,
    /// The nearest offer.
    pub offer: NodeRef,
    /// In how many steps.
    pub steps: usize,
}

/// Vraag en aanbod of one theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThemeNeeds {
    /// The theme.
    pub theme: String,
    /// Who asks for it.
    pub asked_by: Vec<NodeRef>,
    /// Who offers it.
    pub offered_by: Vec<NodeRef>,
    /// Who asks and can reach an offer within the steps allowed.
    pub can_reach: Vec<Reach>,
    /// Who asks and cannot.
    pub cannot_reach: Vec<NodeRef>,
}

/// Vraag en aanbod of the whole network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NeedsReport {
    /// Per theme asked for or offered, alphabetically.
    pub themes: Vec<ThemeNeeds>,
    /// Themes asked for and offered nowhere.
    pub unmet: Vec<String>,
}

/// Vraag en aanbod, counting an offer reachable when it is at most `steps` relations away
/// (a referral walked only from the referrer). With `theme`, only that theme.
pub fn needs(network: &Network, theme: Option<&str>, steps: usize) -> NeedsReport {
    let csr = network.csr(true);
    let info = |i: usize| &network.graph()[csr.order[i]];
    let node_ref = |i: usize| NodeRef {
        id: info(i).id.clone(),
        name: info(i).name.clone(),
    };
    let wanted = theme.map(|t| t.trim().to_lowercase());
    let mut askers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut offerers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in 0..csr.len() {
        for t in &info(i).needs {
            askers.entry(t).or_default().push(i);
        }
        for t in &info(i).offers {
            offerers.entry(t).or_default().push(i);
        }
    }
    let mut names: Vec<&str> = askers.keys().chain(offerers.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    if let Some(w) = &wanted {
        names.retain(|t| t == w);
    }
    let mut themes = Vec::new();
    let mut unmet = Vec::new();
    let mut dist = vec![usize::MAX; csr.len()];
    let mut queue = VecDeque::new();
    let mut seen = Vec::new();
    for name in names {
        let asking = askers.get(name).cloned().unwrap_or_default();
        let offering = offerers.get(name).cloned().unwrap_or_default();
        let mut is_offer = vec![false; csr.len()];
        for &o in &offering {
            is_offer[o] = true;
        }
        let mut can_reach = Vec::new();
        let mut cannot_reach = Vec::new();
        for &a in &asking {
            // Breadth-first, nearest offer first (ties by node number).
            for &v in &seen {
                dist[v] = usize::MAX;
            }
            seen.clear();
            dist[a] = 0;
            seen.push(a);
            queue.clear();
            queue.push_back(a);
            let mut found = None;
            while let Some(u) = queue.pop_front() {
                if is_offer[u] && u != a {
                    found = Some(u);
                    break;
                }
                // No one is reached through a sensitive place (schuldhulp, GGZ): it may
                // be the offer, never a step on the way.
                if dist[u] == steps || (u != a && info(u).sensitive) {
                    continue;
                }
                for (w, _) in csr.neighbours(u) {
                    if dist[w] == usize::MAX {
                        dist[w] = dist[u] + 1;
                        seen.push(w);
                        queue.push_back(w);
                    }
                }
            }
            match found {
                Some(o) => can_reach.push(Reach {
                    id: info(a).id.clone(),
                    name: info(a).name.clone(),
                    offer: node_ref(o),
                    steps: dist[o],
                }),
                None => cannot_reach.push(node_ref(a)),
            }
        }
        if offering.is_empty() && !asking.is_empty() {
            unmet.push(name.to_owned());
        }
        themes.push(ThemeNeeds {
            theme: name.to_owned(),
            asked_by: asking.iter().map(|&i| node_ref(i)).collect(),
            offered_by: offering.iter().map(|&i| node_ref(i)).collect(),
            can_reach,
            cannot_reach,
        });
    }
    NeedsReport { themes, unmet }
}
