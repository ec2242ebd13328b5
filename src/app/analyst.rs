//! Runs the core's analyses (paths, kenners, risks, vraag en aanbod) on background threads,
//! so the window keeps answering while a large network is worked on, and keeps each answer
//! until the network changes. No egui here.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::graph::Network;
use crate::graph::kenners::{Kenner, KennerQuery, kenners};
use crate::graph::needs::{NeedsReport, needs};
use crate::graph::paths::{PathError, ReferralPath, Target, referral_paths};
use crate::graph::risks::{Risks, risks};
use crate::model::NodeKind;

/// What to look for a path with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathQuery {
    /// From this node (id).
    pub from: String,
    /// To this node, or any offer of a theme.
    pub to: Target,
    /// How many paths.
    pub k: usize,
    /// Never through these nodes (ids).
    pub avoid: Vec<String>,
    /// Also through sensitive organisations and initiatives (schuldhulp, GGZ).
    pub allow_sensitive: bool,
    /// Also along burdening (belastend) relations.
    pub allow_burdening: bool,
}

/// Which kenners: of one kind (or all), and whether without the professionals.
pub type KennerAsk = (Option<NodeKind>, bool);

/// How many relations away an offer counts as reachable in vraag en aanbod.
pub const NEEDS_STEPS: usize = 3;

/// One analysis: its question, the network version its answer is for, and the answer or
/// the thread working on it.
pub struct Slot<Q, A> {
    answer: Option<(Q, u64, A)>,
    pending: Option<(Q, u64, Receiver<A>, Instant)>,
}

impl<Q, A> Default for Slot<Q, A> {
    fn default() -> Self {
        Self {
            answer: None,
            pending: None,
        }
    }
}

impl<Q: Clone + PartialEq + Send + 'static, A: Send + 'static> Slot<Q, A> {
    /// Asks for the answer to `query` on `network` (at `version`): nothing happens when it
    /// is known or being worked on, else a thread starts.
    pub fn ask(
        &mut self,
        query: &Q,
        network: &Arc<Network>,
        version: u64,
        work: fn(&Network, &Q) -> A,
    ) {
        if let Some((q, v, _)) = &self.answer
            && q == query
            && *v == version
        {
            return;
        }
        if let Some((q, v, ..)) = &self.pending
            && q == query
            && *v == version
        {
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let network = Arc::clone(network);
        let q = query.clone();
        let spawned = std::thread::Builder::new()
            .name("wijkweb-analysis".into())
            .spawn(move || {
                let _ignored = send.send(work(&network, &q));
            });
        if spawned.is_ok() {
            self.pending = Some((query.clone(), version, receive, Instant::now()));
        }
    }

    /// Takes a finished answer. Returns whether one arrived.
    pub fn poll(&mut self) -> bool {
        let Some((_, _, receive, _)) = &self.pending else {
            return false;
        };
        match receive.try_recv() {
            Ok(answer) => {
                if let Some((q, v, ..)) = self.pending.take() {
                    self.answer = Some((q, v, answer));
                }
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
        }
    }

    /// The answer to `query`, if known (possibly for an older version of the network while
    /// the new one is being worked on).
    pub fn answer(&self, query: &Q) -> Option<&A> {
        self.answer
            .as_ref()
            .filter(|(q, ..)| q == query)
            .map(|(_, _, a)| a)
    }

    /// The latest answer, whatever the question.
    pub fn latest(&self) -> Option<(&Q, &A)> {
        self.answer.as_ref().map(|(q, _, a)| (q, a))
    }

    /// How long the current work has been going, if any.
    pub fn busy(&self) -> Option<Duration> {
        self.pending.as_ref().map(|(.., started)| started.elapsed())
    }
}

/// The analyses of the open wijk.
#[derive(Default)]
pub struct Analyst {
    /// Referral paths.
    pub paths: Slot<PathQuery, Result<Vec<ReferralPath>, PathError>>,
    /// Kenners, by kind asked.
    pub kenners: Slot<KennerAsk, Vec<Kenner>>,
    /// 'Best Persons' and isolated residents.
    pub risks: Slot<(), Risks>,
    /// Vraag en aanbod.
    pub needs: Slot<(), NeedsReport>,
}

impl Analyst {
    /// Takes what the threads finished; returns whether anything arrived.
    pub fn poll(&mut self) -> bool {
        // Every slot is polled, whatever the others say.
        let arrived = [
            self.paths.poll(),
            self.kenners.poll(),
            self.risks.poll(),
            self.needs.poll(),
        ];
        arrived.contains(&true)
    }

    /// Whether any analysis is being worked on.
    pub fn is_busy(&self) -> bool {
        self.paths.busy().is_some()
            || self.kenners.busy().is_some()
            || self.risks.busy().is_some()
            || self.needs.busy().is_some()
    }
}

/// Paths for a query.
pub fn find_paths(network: &Network, query: &PathQuery) -> Result<Vec<ReferralPath>, PathError> {
    referral_paths(
        network,
        &query.from,
        &query.to,
        query.k,
        &query.avoid,
        crate::graph::paths::Allow {
            sensitive: query.allow_sensitive,
            burdening: query.allow_burdening,
        },
    )
}

/// Kenners of a kind (all of them, best first), with or without the professionals.
pub fn find_kenners(network: &Network, &(kind, without_professionals): &KennerAsk) -> Vec<Kenner> {
    kenners(
        network,
        &KennerQuery {
            kind,
            wijk: None,
            top: 0,
            without_professionals,
        },
    )
}

/// Risks.
pub fn find_risks(network: &Network, _query: &()) -> Risks {
    risks(network)
}

/// Vraag en aanbod.
pub fn find_needs(network: &Network, _query: &()) -> NeedsReport {
    needs(network, None, NEEDS_STEPS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_worked_out_once_per_question_and_network_version() {
        let (nodes, relations) = crate::demo::barabasi_albert(300, 2, 5);
        let network = Arc::new(Network::new(&nodes, &relations, crate::model::today()));
        let mut slot: Slot<(), Risks> = Slot::default();
        slot.ask(&(), &network, 1, find_risks);
        assert!(slot.busy().is_some());
        slot.ask(&(), &network, 1, find_risks);
        let start = Instant::now();
        while !slot.poll() {
            assert!(start.elapsed() < Duration::from_secs(30), "never answered");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(slot.answer(&()), Some(&risks(&network)));
        slot.ask(&(), &network, 1, find_risks);
        assert!(
            slot.busy().is_none(),
            "a known answer is not worked out again"
        );
        slot.ask(&(), &network, 2, find_risks);
        assert!(slot.busy().is_some(), "a new network version is");
        assert!(slot.answer(&()).is_some(), "the old answer shows meanwhile");
    }
}
