//! The frame: the bars, the panels, the map or the network circle, the dialogs and the
//! messages, laid out each frame.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::canvas::{Canvas, CanvasEvent};
use super::editing::Picked;
use super::i18n::fill;
use super::session::{LayoutState, Session};
use super::{WijkApp, analyst, answers, canvas, dialogs, settings, theme, toasts, welcome};
use crate::exchange::picture::ColourBy;

impl WijkApp {
    /// Draws the whole app into `ui` (the root of the window).
    pub fn show(&mut self, ui: &mut Ui) {
        // The periods she set in the Opvolgen tab, kept; ties not confirmed for the stale
        // one are drawn faded.
        let periods = (self.settings.contact_months, self.settings.stale_months);
        if self.answers.periods != periods {
            (self.settings.contact_months, self.settings.stale_months) = self.answers.periods;
            self.save_settings();
        }
        // What failed without her asking (the settled layout's save) is said.
        let problems = self
            .session
            .as_mut()
            .map(Session::take_problems)
            .unwrap_or_default();
        for problem in &problems {
            self.fail_store(problem);
        }
        if let Some(session) = self.session.as_mut() {
            // Another stale period: the faded relations are drawn again.
            if session.set_view(session.data.as_of, self.settings.stale_months) {
                self.visibility_key = (u64::MAX, u64::MAX);
            }
            let before = self.layout_state;
            self.layout_state = session.tick();
            // The first drawing arrived, or the layout came to rest: show all of it.
            if before != self.layout_state
                && matches!(
                    (before, self.layout_state),
                    (LayoutState::Drawing, _) | (LayoutState::Running, LayoutState::Idle)
                )
            {
                self.canvas
                    .refit_after_layout(self.layout_state == LayoutState::Idle);
            }
            // While the first drawing is worked out there is nothing new to show often;
            // while the layout refines, a few pictures a second show it move.
            match self.layout_state {
                LayoutState::Drawing => ui
                    .ctx()
                    .request_repaint_after(std::time::Duration::from_millis(200)),
                LayoutState::Running => ui
                    .ctx()
                    .request_repaint_after(std::time::Duration::from_millis(60)),
                LayoutState::Idle | LayoutState::Paused => {}
            }
            if self.settings.colouring == settings::Colouring::Community
                && self.answers.tab != answers::Tab::Kenners
            {
                self.answers.analyst.kenners.ask(
                    &answers::DEFAULT_KENNERS,
                    &session.data.network,
                    session.data.version,
                    analyst::find_kenners,
                );
            }
            let size_before = self.answers.size_by_kenner;
            if self.answers.update(&session.data) || self.answers.size_by_kenner != size_before {
                self.visibility_key = (u64::MAX, u64::MAX);
            }
            if self.answers.analyst.is_busy() {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            if let Some(ego) = &self.ego
                && ego.version != session.data.version
            {
                let placed = session.circle_places(&ego.centre, ego.scheme);
                self.ego = ego.again(&session.data, ego.scheme, &placed);
            }
        }
        self.refresh_visibility();
        self.shortcuts(ui);
        self.update_title(ui);
        let t = self.texts();

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.toolbar(ui);
            if self.demo {
                egui::Frame::new()
                    .fill(theme::BANNER)
                    .inner_margin(4.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(t.demo_banner).color(theme::BANNER_TEXT));
                    });
            }
            if let Some(reason) = &self.read_only_reason {
                ui.colored_label(theme::ERROR, fill(t.read_only_banner, &[reason]));
            }
            self.time_banners(ui);
        });

        egui::Panel::left("search_and_filters")
            .default_size(theme::PANEL_WIDTH)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for (tab, name) in [
                        (answers::Tab::Map, t.tab_map),
                        (answers::Tab::Way, t.tab_path),
                        (answers::Tab::Kenners, t.tab_kenners),
                        (answers::Tab::Risks, t.tab_risks),
                        (answers::Tab::Needs, t.tab_needs),
                        (answers::Tab::FollowUp, t.tab_follow_up),
                    ] {
                        ui.selectable_value(&mut self.answers.tab, tab, name);
                    }
                });
                ui.separator();
                let select = if self.answers.tab == answers::Tab::Map {
                    let action = self.left.show(
                        ui,
                        t,
                        self.session.as_ref().map(|s| &s.data),
                        &mut self.filters,
                    );
                    if action.filters_changed {
                        self.filters_version += 1;
                    }
                    action.select
                } else {
                    if let Some(session) = &self.session
                        && self.answers.wants_referrals(session.data.version)
                    {
                        let list = session.store().referrals(None).unwrap_or_default();
                        self.answers.referrals =
                            Some((self.answers.referrals_key(session.data.version), list));
                    }
                    match &self.session {
                        Some(session) => {
                            egui::ScrollArea::vertical()
                                .id_salt("answers")
                                .show(ui, |ui| self.answers.show(ui, t, &session.data))
                                .inner
                        }
                        None => None,
                    }
                };
                if let Some(id) = select {
                    self.select_and_centre(&id);
                }
                if let Some((id, holds)) = self.answers.tie_answer.take() {
                    self.answer_tie(&id, holds);
                }
                if let Some((id, status)) = self.answers.referral_answer.take() {
                    self.answer_referral(&id, status);
                }
                if let Some((resident, target)) = self.answers.refer.take() {
                    self.refer(&resident, &target);
                }
            });

        egui::Panel::right("details")
            .default_size(theme::PANEL_WIDTH + 40.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.details_panel(ui));
            });

        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.map_rect = ui.max_rect();
                self.map(ui);
            });

        if self.messages.show_toast(ui.ctx(), t, self.map_rect) == toasts::ToastAction::Undo {
            self.undo();
        }
        self.messages.show_log(ui.ctx(), t);
        if self.dialog.is_none()
            && let Some(path) = self.pending_import.take()
        {
            self.offer_import(path);
        }
        self.dialogs(ui);
    }
    pub(super) fn details_panel(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let action = self.details.show(
            ui,
            t,
            &session.data,
            &self.selection,
            session.is_read_only(),
        );
        self.apply_details(action);
    }
    pub(super) fn map(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let colour_by = self.colour_by();
        let demo = self.demo_path.is_some();
        let Some(session) = self.session.as_mut() else {
            // No wijk open (yet: its passphrase may be asked): the map's paper, and the way in.
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, theme::BACKGROUND);
            if self.dialog.is_none() {
                let choice = welcome::show(ui, t, false, demo);
                self.welcome_choice(ui.ctx(), choice);
            }
            return;
        };
        if session.data.nodes.is_empty() && self.ego.is_none() {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, theme::BACKGROUND);
            let choice = welcome::show(ui, t, true, demo);
            self.welcome_choice(ui.ctx(), choice);
            return;
        }
        if self.layout_state == LayoutState::Drawing {
            ui.centered_and_justified(|ui| ui.label(t.drawing_map));
            self.canvas.request_fit();
            return;
        }
        // An edit earlier in this frame may have changed the nodes.
        if self.visibility_key.0 != session.data.version {
            self.visibility_key = (u64::MAX, u64::MAX);
        }
        self.refresh_visibility();
        if self.ego.is_some() {
            self.ego_map(ui);
            return;
        }
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let selected: BTreeSet<usize> = self
            .selection
            .iter()
            .filter_map(|id| session.data.index.get(id.as_str()).copied())
            .collect();
        let rect = ui.available_rect_before_wrap();
        let overlay = self.overlay();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        // A new answer on the map: the view moves to show all of it.
        if overlay != self.answer_shown {
            let nodes: Vec<usize> = overlay
                .paths
                .iter()
                .flatten()
                .chain(&overlay.marked)
                .copied()
                .chain(overlay.changes.iter().flat_map(|c| [c.from, c.to]))
                .collect();
            if !nodes.is_empty() {
                self.canvas.show_nodes(&session.data, &nodes);
            }
            self.answer_shown = overlay.clone();
        }
        let view = canvas::MapView {
            data: &session.data,
            visible: &self.visibility,
            selection: &selected,
            colour_by,
            overlay: &overlay,
        };
        let events = self.canvas.show(ui, &view, t);
        if let Some((nodes, delta)) = self.canvas.dragged_nodes(ui)
            && delta != egui::Vec2::ZERO
            && !session.is_read_only()
        {
            for i in nodes {
                let p = session.data.positions[i];
                session.drag_node(i, [p[0] + delta.x, p[1] + delta.y]);
            }
        }
        let resolved: Vec<Picked> = events
            .into_iter()
            .map(|e| Picked::from_event(e, &session.data))
            .collect();
        self.legend(ui, rect, &overlay);
        for picked in resolved {
            self.picked(picked);
        }
    }
    /// The network circle of one person, in the scheme chosen, with the way back and the
    /// casus export; a contact dragged to another ring or quadrant is placed there.
    pub(super) fn ego_map(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let author = self.settings.user_name.clone();
        // On a map of the past her circle is as it was: nothing is exported, kept or moved.
        let past = self.session.as_ref().and_then(|s| s.data.as_of);
        let Some(ego) = self.ego.as_mut() else {
            return;
        };
        let name = ego
            .data
            .node(&ego.centre)
            .map_or(ego.centre.clone(), |n| n.name.clone());
        let mut back = false;
        let mut export = false;
        let mut changes = false;
        let mut record = false;
        let mut reset = false;
        let mut scheme = ego.scheme;
        egui::Frame::NONE
            .fill(ui.visuals().panel_fill)
            .inner_margin(4.0)
            .show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.heading(fill(t.circle_of, &[&name]));
                    if let Some(day) = past {
                        ui.label(RichText::new(t.words.date(day)).strong());
                    }
                    back = ui.button(t.back_to_wijk).clicked();
                    if past.is_none() {
                        export = ui.button(t.export_casus).clicked();
                        changes = ui.button(t.changes_since).clicked();
                        record = ui
                            .button(t.record_moment)
                            .on_hover_text(t.record_moment_hint)
                            .clicked();
                    }
                    let names = &t.words.casus;
                    egui::ComboBox::from_label(t.scheme)
                        .selected_text(names.scheme(scheme).name)
                        .show_ui(ui, |ui| {
                            for s in crate::model::Scheme::ALL {
                                ui.selectable_value(&mut scheme, s, names.scheme(s).name);
                            }
                        });
                    if past.is_none() && ego.contacts.iter().any(|c| c.placed) {
                        reset = ui.button(t.circle_reset).clicked();
                    }
                    if !ego.between.is_empty() {
                        ui.checkbox(&mut ego.show_between, t.casus_between);
                    }
                });
            });
        let selected: BTreeSet<usize> = self
            .selection
            .iter()
            .filter_map(|id| ego.data.index.get(id.as_str()).copied())
            .collect();
        let overlay = canvas::Overlay {
            rings: ego.rings.clone(),
            sectors: t
                .words
                .casus
                .scheme(ego.scheme)
                .sectors
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            ring_names: t
                .words
                .casus
                .scheme(ego.scheme)
                .rings
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            ecogram: Some(ego.lines()),
            ..canvas::Overlay::default()
        };
        let view = canvas::MapView {
            data: &ego.data,
            visible: &ego.visible,
            selection: &selected,
            // Its groups are the quadrants (see `EgoView::new`).
            colour_by: ColourBy::Community,
            overlay: &overlay,
        };
        let rect = ui.available_rect_before_wrap();
        let events = ego.canvas.show(ui, &view, t);
        // A contact follows the pointer while she is dragged (the centre stays).
        if let Some((nodes, delta)) = ego.canvas.dragged_nodes(ui)
            && delta != egui::Vec2::ZERO
            && past.is_none()
        {
            for i in nodes {
                if ego.data.nodes.get(i).is_some_and(|n| n.id != ego.centre)
                    && let Some(p) = ego.data.positions.get_mut(i)
                {
                    *p = [p[0] + delta.x, p[1] + delta.y];
                    ego.data.positions_version = crate::app::map_data::next_version();
                }
            }
        }
        let mut dropped: Vec<(crate::model::NodeId, crate::model::Place)> = Vec::new();
        let mut snap_back = false;
        let resolved: Vec<Picked> = events
            .into_iter()
            .filter_map(|e| match e {
                CanvasEvent::Moved(nodes) => {
                    for i in nodes {
                        match ego.place_of(i) {
                            Some(drop) => dropped.push(drop),
                            None => snap_back = true,
                        }
                    }
                    None
                }
                other => Some(Picked::from_event(other, &ego.data)),
            })
            .collect();
        let centre = ego.centre.clone();
        let old_scheme = ego.scheme;
        if export {
            let mut dialog = dialogs::FileDialog::casus(&centre, &author);
            if let Some(casus) = dialog.casus.as_mut() {
                casus.scheme = old_scheme;
                let organisation = self.settings.organisation.trim();
                if !organisation.is_empty() {
                    casus.organisation = Some(organisation.to_owned());
                }
            }
            self.dialog = Some(dialogs::Dialog::File(dialog));
        }
        if back {
            self.ego = None;
        }
        if changes {
            self.open_changes(Some(&centre));
        }
        if record {
            self.record_moment(&centre, old_scheme);
        }
        let mut said: Vec<Result<String, crate::error::StoreError>> = Vec::new();
        if let Some(session) = self.session.as_mut() {
            let mut changed = snap_back || scheme != old_scheme;
            if reset {
                let back: Vec<_> = session
                    .circle_places(&centre, old_scheme)
                    .into_keys()
                    .map(|contact| (contact, None))
                    .collect();
                if let Err(e) = session.place_in_circle(&centre, old_scheme, &back) {
                    said.push(Err(e));
                }
                changed = true;
            }
            for (contact, place) in &dropped {
                match session.place_in_circle(
                    &centre,
                    old_scheme,
                    &[(contact.clone(), Some(*place))],
                ) {
                    Ok(()) => {
                        let names = t.words.casus.scheme(old_scheme);
                        let who = session
                            .data
                            .node(contact)
                            .map_or(contact.to_string(), |n| n.name.clone());
                        said.push(Ok(fill(
                            t.placed_in_circle,
                            &[
                                &who,
                                names.sectors[usize::from(place.sector.min(3))],
                                names.rings.get(usize::from(place.ring)).unwrap_or(&""),
                            ],
                        )));
                    }
                    Err(e) => said.push(Err(e)),
                }
                changed = true;
            }
            if changed && !back {
                let placed = session.circle_places(&centre, scheme);
                self.ego = self
                    .ego
                    .as_ref()
                    .and_then(|ego| ego.again(&session.data, scheme, &placed));
            }
        }
        for message in said {
            match message {
                Ok(text) => self.inform(text),
                Err(e) => self.fail_store(&e),
            }
        }
        if let Some(ego) = &self.ego {
            self.ego_legend(ui, rect, ego.scheme);
        }
        for picked in resolved {
            self.picked(picked);
        }
    }
    /// The map on screen: the network circle's when it is open, else the wijk's.
    pub(super) fn active_canvas(&mut self) -> &mut Canvas {
        match self.ego.as_mut() {
            Some(ego) => &mut ego.canvas,
            None => &mut self.canvas,
        }
    }
}

/// A line per frame (`WIJKWEB_FRAME_LOG=FILE`): milliseconds since the start, since the
/// frame before, spent building this one, and what the layout was doing. For measuring
/// the app where it runs (Xvfb's software renderer), not for everyday use; it holds no
/// data of the wijk.
pub struct FrameLog {
    out: std::io::BufWriter<std::fs::File>,
    start: std::time::Instant,
    last: std::time::Instant,
}

impl FrameLog {
    /// A log to the file `WIJKWEB_FRAME_LOG` names, if it names one that can be made.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var_os("WIJKWEB_FRAME_LOG")?;
        let file = std::fs::File::create(path).ok()?;
        let now = std::time::Instant::now();
        Some(Self {
            out: std::io::BufWriter::new(file),
            start: now,
            last: now,
        })
    }

    pub(super) fn frame(&mut self, built: std::time::Duration, layout: LayoutState) {
        use std::io::Write as _;
        let now = std::time::Instant::now();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let _ignored = writeln!(
            self.out,
            "{:.1} {:.1} {:.1} {layout:?}",
            ms(now - self.start),
            ms(now - self.last),
            ms(built)
        );
        let _ignored = self.out.flush();
        self.last = now;
    }
}
