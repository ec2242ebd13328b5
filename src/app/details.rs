//! The right panel: the selected node's fields and relations, editable in place. A field is
//! stored when it loses focus (or at once, for a choice), each as one undoable edit.

use std::collections::BTreeSet;

use egui::{Id, Response, TextEdit, Ui};

use super::i18n::{Texts, fill};
use super::search::Finder;
use super::session::MapData;
use crate::model::{
    Consent, ConsentStatus, Date, LegalBasis, Node, NodeKind, Quality, Relation, RelationKind,
    Strength, SupportDirection, SupportType, limits, normalise_themes, parse_date,
};

/// What the user asked for in the panel.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Store the node's new fields.
    UpdateNode(Box<Node>),
    /// Store the relation's new fields.
    UpdateRelation(Relation),
    /// Remove the relation.
    DeleteRelation(String),
    /// Add this relation.
    AddRelation(Relation),
    /// Ask whether to delete the node.
    AskDelete(String),
    /// Select (and centre) this node.
    Select(String),
    /// Something typed cannot be stored (e.g. a date that is none).
    Invalid(String),
    /// Open the node's network circle.
    Ego(String),
    /// Ask whether to erase the person.
    AskForget(String),
    /// Ask where to write the person's inzage.
    AskInzage(String),
    /// Her needs and notes were shown: log that they were read.
    ShowedSensitive(String),
}

/// The text being edited for one relation.
#[derive(Clone, Debug, Default)]
struct RelationDraft {
    since: String,
    until: String,
    notes: String,
}

/// The text being edited for the selected node.
#[derive(Clone, Debug, Default)]
struct Draft {
    id: String,
    version: u64,
    name: String,
    role: String,
    wijk: String,
    themes: String,
    offers: String,
    needs: String,
    contact: String,
    notes: String,
    since: String,
    until: String,
    until_reason: String,
    last_contact: String,
    follow_up: String,
    follow_up_note: String,
    consent_date: String,
    consent_purpose: String,
    consent_expiry: String,
    share_with: String,
    withdrawn: String,
    basis: Option<LegalBasis>,
    relations: Vec<(String, RelationDraft)>,
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

impl Draft {
    fn of(node: &Node, relations: &[&Relation], version: u64) -> Self {
        let consent = node.consent.clone().unwrap_or_default();
        Self {
            id: node.id.to_string(),
            version,
            name: node.name.clone(),
            role: node.role.clone().unwrap_or_default(),
            wijk: node.wijk.clone().unwrap_or_default(),
            themes: list(&node.tags),
            offers: list(&node.offers),
            needs: list(&node.needs),
            contact: node.contact.clone().unwrap_or_default(),
            notes: node.notes.clone().unwrap_or_default(),
            since: date_text(node.since),
            until: date_text(node.until),
            until_reason: node.until_reason.clone().unwrap_or_default(),
            last_contact: date_text(node.last_contact),
            follow_up: date_text(node.follow_up),
            follow_up_note: node.follow_up_note.clone().unwrap_or_default(),
            consent_date: date_text(consent.date),
            consent_purpose: consent.purpose.unwrap_or_default(),
            consent_expiry: date_text(consent.expiry),
            share_with: consent.share_with.clone().unwrap_or_default(),
            withdrawn: date_text(consent.withdrawn),
            basis: consent.legal_basis,
            relations: relations
                .iter()
                .map(|r| {
                    (
                        r.id.to_string(),
                        RelationDraft {
                            since: date_text(r.since),
                            until: date_text(r.until),
                            notes: r.notes.clone().unwrap_or_default(),
                        },
                    )
                })
                .collect(),
        }
    }
}

/// The panel's own state.
#[derive(Default)]
pub struct Details {
    draft: Option<Draft>,
    /// Whether a person's needs and notes show (hidden by default: sensitive).
    show_sensitive: bool,
    focus_name: bool,
    add_query: String,
    add_kind: Option<RelationKind>,
    finder: Option<(u64, Finder)>,
    /// Nothing can be edited (shown with the fields disabled; the circle still opens).
    read_only: bool,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn themes(text: &str) -> Vec<String> {
    normalise_themes(
        text.split(crate::exchange::csv::LIST_SEPARATORS)
            .map(str::trim)
            .filter(|t| !t.is_empty()),
    )
}

/// What a list field (themes, offers, needs) takes: its most items at their longest.
const LIST_CHARS: usize = limits::MAX_ITEMS * (limits::MAX_ITEM + 2);

/// A date field's value: `Ok(None)` when empty, an error naming the text when it is no date.
fn date(t: &Texts, text: &str) -> Result<Option<Date>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .ok_or_else(|| fill(t.not_a_date, &[text]))
}

/// A labelled single-line field; the label names it for screen readers and tests.
/// It takes at most `max` characters (the field's bound, DESIGN §2.4).
fn field(ui: &mut Ui, label: &str, value: &mut String, id: Id, max: usize) -> Response {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(value)
            .id(id)
            .char_limit(max)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
}

/// Whether a text field's edit is finished: it lost the focus (Enter, Tab or a click
/// elsewhere).
fn done(response: &Response) -> bool {
    response.lost_focus()
}

impl Details {
    /// Puts the keyboard in the name field (and selects its text) on the next frame.
    pub fn focus_name(&mut self) {
        self.focus_name = true;
        self.draft = None;
    }

    /// The node's fields as typed but not yet stored (the window closes while a field still
    /// has the keyboard), if they differ from `data`.
    pub fn pending(&self, t: &Texts, data: &MapData) -> Option<Node> {
        let draft = self.draft.as_ref()?;
        let node = data.node(&draft.id)?;
        let status = node.consent.as_ref().map(|c| c.status).unwrap_or_default();
        let typed = self
            .node_from(t, node, draft, node.kind, status, node.pinned)
            .ok()?;
        (typed != *node).then_some(typed)
    }

    /// Forgets the draft so it is read again from the data (after undo or redo).
    pub fn reset(&mut self) {
        self.draft = None;
    }

    /// Shows the panel for `selection`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: &MapData,
        selection: &BTreeSet<String>,
        read_only: bool,
    ) -> Action {
        if selection.is_empty() {
            ui.label(t.nothing_selected);
            self.draft = None;
            return Action::None;
        }
        if selection.len() > 1 {
            ui.heading(fill(t.n_selected, &[&selection.len().to_string()]));
            for id in selection {
                if let Some(node) = data.node(id)
                    && ui.selectable_label(false, &node.name).clicked()
                {
                    return Action::Select(id.clone());
                }
            }
            return Action::None;
        }
        let Some(node) = selection.first().and_then(|id| data.node(id)) else {
            return Action::None;
        };
        // On a map of the past, the relations that had begun by its day.
        let relations: Vec<&Relation> = data
            .relations
            .iter()
            .filter(|r| r.source == node.id || r.target == node.id)
            .filter(|r| {
                data.as_of
                    .is_none_or(|day| r.since.is_none_or(|s| s <= day))
            })
            .collect();
        let editing = ui.ctx().egui_wants_keyboard_input();
        let stale = match &self.draft {
            None => true,
            Some(d) => d.id != node.id || (d.version != data.version && !editing),
        };
        if stale {
            if self.draft.as_ref().is_none_or(|d| d.id != node.id) {
                self.show_sensitive = false;
            }
            self.draft = Some(Draft::of(node, &relations, data.version));
        }
        let Some(mut draft) = self.draft.take() else {
            return Action::None;
        };
        // Why nothing can be changed, and the circle, which can still be looked at.
        self.read_only = read_only;
        let mut circle = false;
        if read_only {
            ui.horizontal_wrapped(|ui| {
                match data.as_of {
                    Some(day) => ui.weak(fill(t.past_details, &[&t.words.date(day)])),
                    None => ui.weak(t.read_only),
                };
                circle = ui.button(t.network_circle).clicked();
            });
        }
        let action = ui
            .add_enabled_ui(!read_only, |ui| {
                self.node_fields(ui, t, data, node, &relations, &mut draft)
            })
            .inner;
        self.draft = Some(draft);
        if circle {
            return Action::Ego(node.id.to_string());
        }
        action
    }

    fn node_fields(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: &MapData,
        node: &Node,
        relations: &[&Relation],
        draft: &mut Draft,
    ) -> Action {
        let mut action = Action::None;
        ui.horizontal(|ui| {
            ui.heading(&node.name);
            if ui.button(t.delete).clicked() {
                action = Action::AskDelete(node.id.to_string());
            }
        });
        ui.horizontal(|ui| {
            if !self.read_only && ui.button(t.network_circle).clicked() {
                action = Action::Ego(node.id.to_string());
            }
            if node.kind == NodeKind::Person {
                if ui.button(t.inzage).clicked() {
                    action = Action::AskInzage(node.id.to_string());
                }
                if ui.button(t.forget).clicked() {
                    action = Action::AskForget(node.id.to_string());
                }
            }
        });
        // The kind before the name, its label before it: Tab from the name goes on to
        // the role, never into a list where typing is lost.
        let mut kind = node.kind;
        ui.horizontal(|ui| {
            let label = ui.label(t.kind);
            egui::ComboBox::from_id_salt("field_kind")
                .selected_text(t.node_kind(kind))
                .show_ui(ui, |ui| {
                    for k in [
                        NodeKind::Person,
                        NodeKind::Organisation,
                        NodeKind::Initiative,
                    ] {
                        ui.selectable_value(&mut kind, k, t.node_kind(k));
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let name = field(
            ui,
            t.name,
            &mut draft.name,
            Id::unique("field_name"),
            limits::MAX_NAME,
        );
        if self.focus_name {
            name.request_focus();
            // A new person: her name field in sight, wherever the panel was scrolled.
            name.scroll_to_me(Some(egui::Align::Center));
            if let Some(mut state) = TextEdit::load_state(ui.ctx(), name.id) {
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(draft.name.chars().count()),
                );
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), name.id);
            }
            self.focus_name = false;
        }
        let mut changed = done(&name);

        changed |= kind != node.kind;

        for (label, value, id) in [
            (t.role, &mut draft.role, "field_role"),
            (t.wijk, &mut draft.wijk, "field_wijk"),
        ] {
            changed |= done(&field(ui, label, value, Id::unique(id), limits::MAX_SHORT));
        }
        // Each hint stands under the field it explains.
        for (label, value, id) in [
            (t.themes, &mut draft.themes, "field_themes"),
            (t.offers, &mut draft.offers, "field_offers"),
        ] {
            changed |= done(&field(ui, label, value, Id::unique(id), LIST_CHARS));
            ui.weak(t.comma_hint);
        }
        changed |= done(&field(
            ui,
            t.contact,
            &mut draft.contact,
            Id::unique("field_contact"),
            limits::MAX_SHORT,
        ));
        // When she came and left (moved, stopped, died): the wijk on a date.
        for (label, value, id) in [
            (t.in_wijk_since, &mut draft.since, "field_since"),
            (t.left_wijk_on, &mut draft.until, "field_until"),
        ] {
            changed |= done(&field(ui, label, value, Id::unique(id), limits::MAX_SHORT));
        }
        ui.weak(t.date_hint);
        if !draft.until.trim().is_empty() || node.until_reason.is_some() {
            changed |= done(&field(
                ui,
                t.left_reason,
                &mut draft.until_reason,
                Id::unique("field_until_reason"),
                limits::MAX_SHORT,
            ));
        }
        // Following her up: one click records today's contact.
        if node.kind == NodeKind::Person {
            for (label, value, id) in [
                (
                    t.last_contact,
                    &mut draft.last_contact,
                    "field_last_contact",
                ),
                (t.follow_up_on, &mut draft.follow_up, "field_follow_up"),
                (
                    t.follow_up_what,
                    &mut draft.follow_up_note,
                    "field_follow_up_note",
                ),
            ] {
                changed |= done(&field(ui, label, value, Id::unique(id), limits::MAX_SHORT));
            }
            if ui.button(t.contact_recorded).clicked() {
                draft.last_contact = crate::model::today().to_string();
                changed = true;
            }
        }
        // A person's needs and notes (health, debts, loneliness) show only on request.
        let sensitive = node.kind == NodeKind::Person;
        if sensitive && !self.show_sensitive {
            ui.weak(t.sensitive_hidden);
            if ui.button(t.show_sensitive).clicked() {
                self.show_sensitive = true;
                // Reading health, debts or loneliness is logged (as NEN 7513 asks).
                action = Action::ShowedSensitive(node.id.to_string());
            }
        } else {
            changed |= done(&field(
                ui,
                t.needs,
                &mut draft.needs,
                Id::unique("field_needs"),
                LIST_CHARS,
            ));
            ui.weak(t.comma_hint);
            let notes_label = ui.label(t.notes);
            let notes = ui
                .add(
                    TextEdit::multiline(&mut draft.notes)
                        .id(Id::unique("field_notes"))
                        .char_limit(limits::MAX_NOTES)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(notes_label.id);
            changed |= done(&notes);
            if sensitive && ui.button(t.hide_sensitive).clicked() {
                self.show_sensitive = false;
            }
        }

        let mut status = node.consent.as_ref().map(|c| c.status).unwrap_or_default();
        if node.kind == NodeKind::Person {
            ui.separator();
            let before = draft.basis;
            egui::ComboBox::from_label(t.legal_basis)
                .selected_text(draft.basis.map_or("-".to_owned(), |b| t.basis_name(b)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.basis, None, "-");
                    for b in LegalBasis::ALL {
                        ui.selectable_value(&mut draft.basis, Some(b), t.basis_name(b));
                    }
                });
            changed |= draft.basis != before;
            egui::ComboBox::from_label(t.consent)
                .selected_text(t.consent_name(status))
                .show_ui(ui, |ui| {
                    for s in [
                        ConsentStatus::None,
                        ConsentStatus::Verbal,
                        ConsentStatus::Written,
                    ] {
                        ui.selectable_value(&mut status, s, t.consent_name(s));
                    }
                });
            changed |= status != node.consent.as_ref().map(|c| c.status).unwrap_or_default();
            for (label, value, id) in [
                (
                    t.consent_date,
                    &mut draft.consent_date,
                    "field_consent_date",
                ),
                (
                    t.consent_purpose,
                    &mut draft.consent_purpose,
                    "field_consent_purpose",
                ),
                (
                    t.consent_expiry,
                    &mut draft.consent_expiry,
                    "field_consent_expiry",
                ),
                (t.share_with, &mut draft.share_with, "field_share_with"),
                (t.withdrawn, &mut draft.withdrawn, "field_withdrawn"),
            ] {
                changed |= done(&field(ui, label, value, Id::unique(id), limits::MAX_SHORT));
                if [t.consent_date, t.consent_expiry, t.withdrawn].contains(&label) {
                    ui.weak(t.date_hint);
                }
            }
        }
        let mut pinned = node.pinned;
        ui.checkbox(&mut pinned, t.pinned);
        changed |= pinned != node.pinned;
        let mut gevoelig = node.sensitive;
        if node.kind != NodeKind::Person {
            ui.checkbox(&mut gevoelig, t.sensitive_node)
                .on_hover_text(t.sensitive_node_hint);
            ui.weak(t.sensitive_node_hint);
        }
        changed |= gevoelig != node.sensitive;

        if changed {
            action = match self.node_from(t, node, draft, kind, status, pinned) {
                Ok(mut updated) => {
                    updated.sensitive = gevoelig && kind != NodeKind::Person;
                    if updated == *node {
                        Action::None
                    } else {
                        Action::UpdateNode(Box::new(updated))
                    }
                }
                Err(message) => Action::Invalid(message),
            };
        }

        ui.separator();
        ui.heading(super::i18n::count(t.relations_count, relations.len()));
        // The search for a new relation above the list: a relation added appears below it,
        // so nothing moves under the pointer that just clicked "+".
        if let Some(a) = self.add_relation(ui, t, data, node) {
            action = a;
        }
        if let Some(a) = self.relation_list(ui, t, data, node, relations, draft) {
            action = a;
        }
        action
    }

    fn node_from(
        &self,
        t: &Texts,
        node: &Node,
        draft: &Draft,
        kind: NodeKind,
        status: ConsentStatus,
        pinned: bool,
    ) -> Result<Node, String> {
        let mut updated = node.clone();
        let name = draft.name.trim();
        updated.name = if name.is_empty() {
            node.name.clone()
        } else {
            name.to_owned()
        };
        updated.kind = kind;
        updated.role = optional(&draft.role);
        updated.wijk = optional(&draft.wijk);
        updated.tags = themes(&draft.themes);
        updated.offers = themes(&draft.offers);
        updated.needs = themes(&draft.needs);
        updated.contact = optional(&draft.contact);
        updated.notes = optional(&draft.notes);
        updated.since = date(t, &draft.since)?;
        updated.until = date(t, &draft.until)?;
        updated.until_reason = optional(&draft.until_reason);
        updated.last_contact = date(t, &draft.last_contact)?;
        updated.follow_up = date(t, &draft.follow_up)?;
        updated.follow_up_note = optional(&draft.follow_up_note);
        if let (Some(since), Some(until)) = (updated.since, updated.until)
            && until < since
        {
            return Err(fill(
                t.left_before_came,
                &[&until.to_string(), &since.to_string()],
            ));
        }
        updated.pinned = pinned;
        if kind == NodeKind::Person {
            let consent = Consent {
                status,
                date: date(t, &draft.consent_date)?,
                purpose: optional(&draft.consent_purpose),
                expiry: date(t, &draft.consent_expiry)?,
                legal_basis: draft.basis,
                share_with: optional(&draft.share_with),
                withdrawn: date(t, &draft.withdrawn)?,
                ..node.consent.clone().unwrap_or_default()
            };
            updated.consent = (consent != Consent::default()).then_some(consent);
        }
        Ok(updated)
    }

    fn relation_list(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: &MapData,
        node: &Node,
        relations: &[&Relation],
        draft: &mut Draft,
    ) -> Option<Action> {
        let mut action = None;
        for relation in relations {
            let other_id = if relation.source == node.id {
                &relation.target
            } else {
                &relation.source
            };
            let other = data
                .node(other_id)
                .map_or(other_id.as_str(), |n| n.name.as_str());
            let Some((_, rd)) = draft
                .relations
                .iter_mut()
                .find(|(id, _)| *id == relation.id)
            else {
                continue;
            };
            // Always "name (kind)", the kind read from this node: "Taalcafe (vrijwilliger
            // bij)" in Anja's list, "Anja (vrijwilliger)" in the Taalcafe's.
            let kind = if relation.source == node.id {
                t.relation_kind_name(relation.kind)
            } else {
                t.relation_kind_inverse(relation.kind)
            };
            let header = format!("{other} ({kind})");
            egui::CollapsingHeader::new(header)
                .id_salt(&relation.id)
                .show(ui, |ui| {
                    if ui.link(other).clicked() {
                        action = Some(Action::Select(other_id.to_string()));
                    }
                    // When it was last known to hold: asked about ("nog actueel?") after
                    // the period set in Opvolgen.
                    if let Some(day) = crate::model::followup::last_known(relation) {
                        ui.weak(fill(t.confirmed_on, &[&t.words.date(day)]));
                    }
                    let mut updated = (*relation).clone();
                    egui::ComboBox::new(format!("kind {}", relation.id), t.relation_kind)
                        .selected_text(t.relation_kind_name(relation.kind))
                        .show_ui(ui, |ui| {
                            for k in RelationKind::ALL {
                                ui.selectable_value(&mut updated.kind, k, t.relation_kind_name(k));
                            }
                        });
                    let mut strength = updated.strength.get();
                    egui::ComboBox::new(format!("strength {}", relation.id), t.strength)
                        .selected_text(t.strengths[usize::from(strength.clamp(1, 3)) - 1])
                        .show_ui(ui, |ui| {
                            for (k, name) in t.strengths.iter().enumerate() {
                                ui.selectable_value(&mut strength, k as u8 + 1, *name);
                            }
                        });
                    updated.strength = Strength::new(i64::from(strength)).unwrap_or_default();
                    ecogram_fields(
                        ui,
                        t,
                        &mut updated,
                        relation.source == node.id,
                        &node.name,
                        other,
                    );
                    let mut finished = false;
                    for (label, value, key) in [
                        (t.since, &mut rd.since, "since"),
                        (t.until, &mut rd.until, "until"),
                        (t.notes, &mut rd.notes, "notes"),
                    ] {
                        finished |= done(&field(
                            ui,
                            label,
                            value,
                            Id::unique((key, &relation.id)),
                            limits::MAX_NOTES,
                        ));
                        if key == "until" {
                            ui.weak(t.date_hint);
                        }
                    }
                    let mut changed = updated.kind != relation.kind
                        || updated.strength != relation.strength
                        || updated.quality != relation.quality
                        || updated.support != relation.support
                        || updated.support_direction != relation.support_direction;
                    if finished {
                        match (date(t, &rd.since), date(t, &rd.until)) {
                            (Ok(since), Ok(until)) => {
                                updated.since = since;
                                updated.until = until;
                                updated.notes = optional(&rd.notes);
                                changed = true;
                            }
                            (Err(e), _) | (_, Err(e)) => action = Some(Action::Invalid(e)),
                        }
                    }
                    if changed && updated != **relation {
                        action = Some(Action::UpdateRelation(updated));
                    }
                    if ui.button(t.remove_relation).clicked() {
                        action = Some(Action::DeleteRelation(relation.id.to_string()));
                    }
                });
        }
        action
    }

    /// "Add a relation with": a search box whose results each make a relation.
    fn add_relation(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: &MapData,
        node: &Node,
    ) -> Option<Action> {
        let label = ui.label(t.add_relation_with);
        ui.add(
            TextEdit::singleline(&mut self.add_query)
                .id(Id::unique("add_relation_query"))
                .hint_text(t.search_hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        if self.add_query.trim().is_empty() {
            return None;
        }
        let finder = match &mut self.finder {
            Some((version, finder)) if *version == data.version => finder,
            slot => &mut slot.insert((data.version, Finder::new(&data.nodes))).1,
        };
        let hits = finder.find(&self.add_query, 8);
        let mut chosen = self.add_kind;
        egui::ComboBox::from_label(t.new_relation_kind)
            .selected_text(chosen.map_or_else(|| t.auto.to_owned(), |k| t.relation_kind_name(k)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, t.auto);
                for k in RelationKind::ALL {
                    ui.selectable_value(&mut chosen, Some(k), t.relation_kind_name(k));
                }
            });
        self.add_kind = chosen;
        let mut action = None;
        for other in hits.into_iter().filter_map(|i| data.nodes.get(i)) {
            if other.id == node.id {
                continue;
            }
            // What the new relation will be, said before the click.
            let relation = super::proposed_relation(node, other, chosen);
            let kind = if relation.source == node.id {
                t.relation_kind_name(relation.kind)
            } else {
                t.relation_kind_inverse(relation.kind)
            };
            let text = match &other.role {
                Some(role) => format!("+ {} · {role} ({kind})", other.name),
                None => format!("+ {} ({kind})", other.name),
            };
            if ui.button(text).clicked() {
                action = Some(Action::AddRelation(relation));
                self.add_query.clear();
            }
        }
        action
    }
}

/// A relation's ecogram fields: steunend, neutraal or belastend; the support in it (P, G,
/// A, E); and who supports whom, said with the two names (`this` is the node whose details
/// these are, `other` the other end).
fn ecogram_fields(
    ui: &mut Ui,
    t: &Texts,
    relation: &mut Relation,
    this_is_source: bool,
    this: &str,
    other: &str,
) {
    let id = relation.id.to_string();
    egui::ComboBox::new(format!("quality {id}"), t.quality)
        .selected_text(t.qualities[quality_index(relation.quality)])
        .show_ui(ui, |ui| {
            for q in Quality::ALL {
                ui.selectable_value(&mut relation.quality, q, t.qualities[quality_index(q)]);
            }
        });
    ui.horizontal_wrapped(|ui| {
        ui.label(t.support);
        for (k, kind) in SupportType::ALL.into_iter().enumerate() {
            let mut on = relation.support.contains(kind);
            if ui
                .checkbox(&mut on, format!("{} {}", kind.letter(), t.support_types[k]))
                .changed()
            {
                relation.support.set(kind, on);
            }
        }
    });
    // Said from this node's side: the stored source may be either end.
    let (source, target) = if this_is_source {
        (this, other)
    } else {
        (other, this)
    };
    let word = |d: Option<SupportDirection>| match d {
        None => t.direction_unknown.to_owned(),
        Some(SupportDirection::ToTarget) => fill(t.supports, &[source, target]),
        Some(SupportDirection::ToSource) => fill(t.supports, &[target, source]),
        Some(SupportDirection::Mutual) => t.mutual.to_owned(),
    };
    egui::ComboBox::new(format!("direction {id}"), t.direction)
        .selected_text(word(relation.support_direction))
        .show_ui(ui, |ui| {
            for d in [None]
                .into_iter()
                .chain(SupportDirection::ALL.into_iter().map(Some))
            {
                ui.selectable_value(&mut relation.support_direction, d, word(d));
            }
        });
}

fn quality_index(q: Quality) -> usize {
    Quality::ALL.iter().position(|&x| x == q).unwrap_or(1)
}
