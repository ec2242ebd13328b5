//! Edits of the network and of the selection: every change goes through the session to
//! the store (one transaction each), and undo and redo; what the map's events and the
//! details panel ask for.

use std::collections::BTreeSet;

use super::canvas::CanvasEvent;
use super::i18n::fill;
use super::session::Session;
use super::{WijkApp, details, dialogs, session};
use crate::error::StoreError;
use crate::model::{Node, NodeKind, Relation, RelationKind};

impl WijkApp {
    pub(super) fn refresh_visibility(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let key = (session.data.version, self.filters_version);
        if key != self.visibility_key {
            self.visibility_counter += 1;
            self.visibility = self.filters.apply(&session.data, self.visibility_counter);
            self.visibility.scale = self.answers.scale(&session.data);
            self.visibility_key = key;
        }
    }
    /// Runs a store change and reports its failure, if any, in the message line.
    pub(super) fn edit(&mut self, change: impl FnOnce(&mut Session) -> Result<(), StoreError>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if let Err(err) = change(session) {
            self.fail_store(&err);
        }
    }
    /// A stale relation answered: it still holds (confirmed today) or it ended today.
    pub(super) fn answer_tie(&mut self, id: &str, holds: bool) {
        let Some(relation) = self
            .session
            .as_ref()
            .and_then(|s| s.data.relations.iter().find(|r| r.id == id).cloned())
        else {
            return;
        };
        let mut relation = relation;
        if !holds {
            relation.until = Some(crate::model::today());
        }
        // Stored as an edit either way: the edit confirms it today.
        self.edit(|s| s.update_relation(relation));
    }
    /// Stores a referral of `resident` to `target` made today ("Doorverwijzen via deze
    /// weg"), to be followed up in four weeks; one undo step.
    pub(super) fn refer(&mut self, resident: &str, target: &str) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let today = crate::model::today();
        let data = &session.data;
        let mut referral =
            crate::model::casework::Referral::new(resident.into(), target.into(), today, "");
        let (Some(r), Some(to)) = (data.node(resident), data.node(target)) else {
            return;
        };
        referral.theme = crate::model::casework::referral_theme(r, to);
        let names = (r.name.clone(), to.name.clone());
        match session.store_mut().refer(referral) {
            Ok(stored) => {
                self.answers.referrals_generation += 1;
                let day = stored
                    .follow_up
                    .map(|d| t.words.date(d))
                    .unwrap_or_default();
                self.inform_undoable(fill(t.referred, &[&names.0, &names.1, &day]));
            }
            Err(err) => self.fail_store(&err),
        }
    }
    /// Stores how a referral went (gestart, gestopt), today; one undo step.
    pub(super) fn answer_referral(
        &mut self,
        id: &str,
        status: crate::model::casework::ReferralStatus,
    ) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session
            .store_mut()
            .set_referral_status(id, status, crate::model::today(), None)
        {
            Ok(r) => {
                self.answers.referrals_generation += 1;
                let name = |id: &str| {
                    session
                        .data
                        .node(id)
                        .map_or_else(|| id.to_owned(), |n| n.name.clone())
                };
                let line = fill(
                    t.referral_set,
                    &[
                        &name(&r.resident),
                        &name(&r.target),
                        t.words.status(r.status),
                    ],
                );
                self.inform_undoable(line);
            }
            Err(err) => self.fail_store(&err),
        }
    }
    /// Adds a new node of `kind` in the middle of the view and selects it.
    pub fn new_node(&mut self, kind: NodeKind) {
        let t = self.texts();
        let name = match kind {
            NodeKind::Person => t.new_person,
            NodeKind::Organisation => t.new_organisation,
            NodeKind::Initiative => t.new_initiative,
        };
        let at = self.canvas.view_centre();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.add_node(Node::new(kind, name), at) {
            Ok(id) => {
                self.selection = BTreeSet::from([id]);
                self.details.focus_name();
            }
            Err(err) => self.fail_store(&err),
        }
    }
    /// Removes a relation, and says so with "Ongedaan maken" beside it.
    pub fn delete_relation(&mut self, id: &str) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let ends = session
            .data
            .relations
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.source.clone(), r.target.clone()));
        match session.delete_relation(id) {
            Ok(()) => {
                // Both ends by name, the selected one first: whose relation it was.
                let selected = self.selection.first().cloned().unwrap_or_default();
                let (first, other) = match ends {
                    Some((a, b)) if b == selected => (b, a),
                    Some((a, b)) => (a, b),
                    None => Default::default(),
                };
                let name = |id: &str| {
                    session
                        .data
                        .node(id)
                        .map(|n| n.name.clone())
                        .unwrap_or_default()
                };
                let text = fill(t.relation_removed, &[&name(&first), &name(&other)]);
                self.inform_undoable(text);
            }
            Err(err) => self.fail_store(&err),
        }
    }
    /// Takes back the last edit.
    pub fn undo(&mut self) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.undo() {
            Ok(Some(step)) => self.inform(fill(t.undo_step, &[t.action(step.action), &step.name])),
            Ok(None) => self.inform(t.nothing_to_undo.to_owned()),
            Err(err) => self.fail_store(&err),
        }
        self.details.reset();
        self.prune_selection();
    }
    /// Does the last undone edit again.
    pub fn redo(&mut self) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.redo() {
            Ok(Some(step)) => self.inform(fill(t.redo_step, &[t.action(step.action), &step.name])),
            Ok(None) => self.inform(t.nothing_to_redo.to_owned()),
            Err(err) => self.fail_store(&err),
        }
        self.details.reset();
        self.prune_selection();
    }
    pub(super) fn prune_selection(&mut self) {
        if let Some(session) = &self.session {
            self.selection
                .retain(|id| session.data.index.contains_key(id.as_str()));
        }
    }
    /// Selects node `id` and centres the map on it.
    pub fn select_and_centre(&mut self, id: &str) {
        self.selection = BTreeSet::from([id.to_owned()]);
        if let Some(session) = &self.session
            && let Some(&i) = session.data.index.get(id)
        {
            self.canvas.centre_on(&session.data, i);
        }
    }
    pub(super) fn apply_details(&mut self, action: details::Action) {
        match action {
            details::Action::None => {}
            details::Action::UpdateNode(node) => self.edit(|s| s.update_node(*node)),
            details::Action::UpdateRelation(relation) => self.edit(|s| s.update_relation(relation)),
            details::Action::DeleteRelation(id) => self.delete_relation(&id),
            details::Action::AddRelation(relation) => self.edit(|s| s.add_relation(relation)),
            details::Action::AskDelete(id) => self.dialog = Some(dialogs::Dialog::Delete { id }),
            details::Action::Select(id) => self.select_and_centre(&id),
            details::Action::Invalid(text) => self.fail(&text),
            details::Action::Ego(id) => self.open_ego(&id),
            details::Action::AskForget(id) => self.dialog = Some(dialogs::Dialog::Forget { id }),
            details::Action::ShowedSensitive(id) => {
                if let Some(session) = self.session.as_mut()
                    && let Err(err) = session
                        .store_mut()
                        .log_read(crate::store::Action::ShowSensitive, &id)
                {
                    self.fail_store(&err);
                }
            }
            details::Action::AskInzage(id) => {
                let name = self.session.as_ref().and_then(|s| s.data.node(&id));
                let name = name.map(|n| n.name.clone()).unwrap_or_default();
                self.dialog = Some(dialogs::Dialog::inzage(&id, &name));
            }
        }
    }
    pub(super) fn picked(&mut self, picked: Picked) {
        match picked {
            Picked::Select { ids, add } => {
                if !add {
                    self.selection.clear();
                }
                for id in ids {
                    if add && self.selection.contains(&id) {
                        self.selection.remove(&id);
                    } else {
                        self.selection.insert(id);
                    }
                }
            }
            Picked::Clear => self.selection.clear(),
            Picked::Moved(nodes) => self.edit(|s| s.finish_drag(&nodes)),
            Picked::Link(a, b) => {
                let Some(session) = &self.session else {
                    return;
                };
                let (Some(from), Some(to)) = (session.data.node(&a), session.data.node(&b)) else {
                    return;
                };
                let relation = proposed_relation(from, to, None);
                self.edit(|s| s.add_relation(relation));
                self.selection = BTreeSet::from([b]);
            }
            Picked::Ego(id) => self.open_ego(&id),
            Picked::WayFrom(id) => self.answers.way_from(&id),
            Picked::WayTo(id) => self.answers.way_to(&id),
        }
    }
    /// Saves what is typed in the details panel and not saved yet.
    pub(super) fn save_pending(&mut self) {
        let t = self.texts();
        let pending = self
            .session
            .as_ref()
            .and_then(|s| self.details.pending(t, &s.data));
        if let Some(node) = pending {
            self.edit(|s| s.update_node(node));
        }
    }
}

/// A canvas event with its nodes named by id (the canvas speaks in indexes of the data it
/// drew: the wijk's or the network circle's).
pub(super) enum Picked {
    Select { ids: Vec<String>, add: bool },
    Clear,
    Moved(Vec<usize>),
    Link(String, String),
    Ego(String),
    WayFrom(String),
    WayTo(String),
}

impl Picked {
    pub(super) fn from_event(event: CanvasEvent, data: &session::MapData) -> Self {
        let id = |i: usize| {
            data.nodes
                .get(i)
                .map(|n| n.id.to_string())
                .unwrap_or_default()
        };
        match event {
            CanvasEvent::Select { nodes, add } => Picked::Select {
                ids: nodes.into_iter().map(id).collect(),
                add,
            },
            CanvasEvent::ClearSelection => Picked::Clear,
            CanvasEvent::Moved(nodes) => Picked::Moved(nodes),
            CanvasEvent::Link(a, b) => Picked::Link(id(a), id(b)),
            CanvasEvent::Ego(i) => Picked::Ego(id(i)),
            CanvasEvent::WayFrom(i) => Picked::WayFrom(id(i)),
            CanvasEvent::WayTo(i) => Picked::WayTo(id(i)),
        }
    }
}

/// The relation a Shift-drag or a pick makes from `from` to `to`: of `kind` when the
/// makelaar chose one, else the kind proposed from both ends' kinds and roles, read the
/// way the proposal reads ("Anja is vrijwilliger bij het Taalcafé" also when she was
/// dragged from the café to Anja).
pub fn proposed_relation(from: &Node, to: &Node, kind: Option<RelationKind>) -> Relation {
    let (proposed, reverse) = crate::model::propose_relation(from, to);
    match kind {
        Some(kind) => Relation::new(from.id.clone(), to.id.clone(), kind),
        None if reverse => Relation::new(to.id.clone(), from.id.clone(), proposed),
        None => Relation::new(from.id.clone(), to.id.clone(), proposed),
    }
}
