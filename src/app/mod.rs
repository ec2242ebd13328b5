//! The desktop app (eframe/egui, glow renderer): the wijk map with its panels. A thin
//! layer: every change goes through [`session::Session`] to the store, every answer comes
//! from the core.
//!
//! One file per part: `canvas` (the map), `left` (search and filters), `details` (the
//! selection, editable), `dialogs` (files, delete, help), `i18n` (every string), `theme`
//! (every colour and size).

pub mod analyst;
mod answers;
mod bars;
pub mod canvas;
pub mod commands;
mod details;
pub mod dialogs;
pub mod ego;
pub mod filters;
pub mod i18n;
mod left;
pub mod mesh;
mod raster;
pub mod search;
pub mod session;
pub mod settings;
pub mod theme;
pub mod toasts;
mod welcome;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{Key, RichText, Ui};

use crate::error::StoreError;
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::ExportError;
use crate::model::{Node, NodeKind, Relation, RelationKind};
use crate::store::Key as Passphrase;
use canvas::{Canvas, CanvasEvent, Visibility};
use commands::Command;
use filters::Filters;
use i18n::{Language, Texts, fill};
use session::{LayoutState, Session};
use settings::Settings;

pub use toasts::Message;

/// The app.
pub struct WijkApp {
    session: Option<Session>,
    settings: Settings,
    settings_path: Option<PathBuf>,
    demo: bool,
    read_only_reason: Option<String>,
    canvas: Canvas,
    /// Selected node ids.
    selection: BTreeSet<String>,
    filters: Filters,
    filters_version: u64,
    visibility: Visibility,
    visibility_key: (u64, u64),
    left: left::LeftPanel,
    details: details::Details,
    dialog: Option<dialogs::Dialog>,
    help_open: bool,
    messages: toasts::Messages,
    title: String,
    layout_state: LayoutState,
    answers: answers::Answers,
    ego: Option<ego::EgoView>,
    visibility_counter: u64,
    /// The passphrase from `WIJKWEB_KEY`, tried first on an encrypted wijk.
    key: Option<Passphrase>,
    /// Where the map was drawn last (for keys that act only over the map, and the toast).
    map_rect: egui::Rect,
    /// Whether closing the window was asked (Afsluiten, Ctrl+Q).
    quit_requested: bool,
    /// Where the demo wijk the welcome screens offer is (or will be made).
    demo_path: Option<PathBuf>,
    /// The answer the map shows, to move the view when a new one comes.
    answer_shown: canvas::Overlay,
    /// Frame times for measuring (`WIJKWEB_FRAME_LOG=FILE`), none otherwise.
    frame_log: Option<FrameLog>,
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

    fn frame(&mut self, built: std::time::Duration, layout: LayoutState) {
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

impl WijkApp {
    /// An app with no wijk open, reading and writing its settings at `settings_path`
    /// (`None`: settings are not kept).
    pub fn new(settings_path: Option<PathBuf>) -> Self {
        let settings = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        Self {
            session: None,
            settings,
            settings_path,
            demo: false,
            read_only_reason: None,
            canvas: Canvas::default(),
            selection: BTreeSet::new(),
            filters: Filters::default(),
            filters_version: 0,
            visibility: Visibility::default(),
            visibility_key: (u64::MAX, u64::MAX),
            left: left::LeftPanel::default(),
            details: details::Details::default(),
            dialog: None,
            help_open: false,
            messages: toasts::Messages::default(),
            title: String::new(),
            layout_state: LayoutState::Idle,
            answers: answers::Answers::default(),
            ego: None,
            visibility_counter: 0,
            key: None,
            map_rect: egui::Rect::NOTHING,
            quit_requested: false,
            demo_path: None,
            answer_shown: canvas::Overlay::default(),
            frame_log: None,
        }
    }

    /// Opens what a start should open: `db` when given; else the last file; else the
    /// database in the user's data folder, made from the demo wijk when it is not there.
    pub fn start(&mut self, db: Option<PathBuf>, default_db: Option<PathBuf>) {
        // The demo the welcome screens offer: the first run's wijk in the data folder
        // while it is the demo, else a demo of its own beside it.
        self.demo_path = default_db.as_ref().map(|d| {
            let is_demo = d.exists()
                && crate::store::Store::open(d, crate::store::OpenMode::ReadOnly)
                    .and_then(|s| crate::demo::is_demo(&s))
                    .unwrap_or(false);
            if is_demo {
                d.clone()
            } else {
                d.with_file_name(format!("demo.{}", dialogs::WIJK_EXTENSION))
            }
        });
        if let Some(db) = db {
            self.open(&db);
            return;
        }
        if let Some(last) = self.settings.last_file().map(Path::to_path_buf) {
            // Whatever is wrong with the last wijk, the app starts: on the welcome screen
            // with the message that says what, never on another wijk that hides it.
            self.open(&last);
            return;
        }
        let Some(default_db) = default_db else {
            return;
        };
        if default_db.exists() {
            self.open(&default_db);
        } else {
            if let Some(parent) = default_db.parent() {
                let _ignored = crate::store::files::private_dir(parent);
            }
            match crate::demo::create_keyed(&default_db, self.key.as_ref()) {
                Ok((store, _report)) => match Session::from_store(store, false) {
                    Ok(session) => self.set_session(session, None),
                    Err(err) => self.fail_store(&err),
                },
                Err(err) => self.fail_store(&err),
            }
        }
    }

    /// The strings of the current language.
    pub fn texts(&self) -> &'static Texts {
        i18n::texts(self.settings.language)
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open session, if any, for changing.
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// The selected node ids.
    pub fn selection(&self) -> &BTreeSet<String> {
        &self.selection
    }

    /// The last message, if any (until dismissed, also after its toast faded).
    pub fn message(&self) -> Option<&Message> {
        self.messages.latest()
    }

    /// Every message of this session, oldest first, with its time.
    pub fn message_log(&self) -> &[(String, Message)] {
        self.messages.log()
    }

    /// Whether the demo banner shows.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// The app's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn save_settings(&mut self) {
        if let Some(path) = &self.settings_path
            && let Err(err) = self.settings.save(path)
        {
            let text = format!("{}: {err}", path.display());
            self.fail(&text);
        }
    }

    fn fail(&mut self, text: &str) {
        self.messages.push(Message {
            text: text.to_owned(),
            error: true,
            undo: false,
        });
    }

    /// Reports a refusal of the store, in the app's language.
    fn fail_store(&mut self, err: &StoreError) {
        let text = self.texts().store_error(err);
        self.fail(&text);
    }

    fn inform(&mut self, text: String) {
        self.messages.push(Message {
            text,
            error: false,
            undo: false,
        });
    }

    /// Reports what was done, with "Ongedaan maken" beside it.
    fn inform_undoable(&mut self, text: String) {
        self.messages.push(Message {
            text,
            error: false,
            undo: true,
        });
    }

    /// The passphrase tried first on an encrypted wijk, and used for a new one (the app's
    /// start gives it the one in `WIJKWEB_KEY`).
    pub fn set_key(&mut self, key: Option<Passphrase>) {
        self.key = key;
    }

    /// Whether the passphrase of an encrypted wijk is being asked for.
    pub fn is_asking_passphrase(&self) -> bool {
        matches!(self.dialog, Some(dialogs::Dialog::Passphrase { .. }))
    }

    /// Opens the database at `path`, closing the current one. An encrypted wijk whose
    /// passphrase is not known asks for it first. Choosing the wijk that is open already
    /// changes nothing (opening it a second time would find it locked, by this very window).
    pub fn open(&mut self, path: &Path) {
        if self.is_open(path) {
            let t = self.texts();
            self.inform(fill(t.already_open, &[&path.display().to_string()]));
            return;
        }
        let key = self.key.clone();
        self.open_keyed(path, key.as_ref());
    }

    /// Whether `path` is the file of the open wijk (by what the file is, not by how its
    /// path is written).
    pub fn is_open(&self, path: &Path) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| same_file::is_same_file(s.path(), path).unwrap_or(false))
    }

    fn open_keyed(&mut self, path: &Path, key: Option<&Passphrase>) {
        match Session::open(path, key) {
            Ok((session, reason)) => self.set_session(session, reason),
            Err(StoreError::Encrypted(_)) => {
                self.dialog = Some(dialogs::Dialog::passphrase(
                    path.to_path_buf(),
                    dialogs::PassphraseFor::Open,
                    None,
                ));
            }
            Err(StoreError::WrongKey(_)) => {
                let error = Some(self.texts().wrong_passphrase.to_owned());
                self.dialog = Some(dialogs::Dialog::passphrase(
                    path.to_path_buf(),
                    dialogs::PassphraseFor::Open,
                    error,
                ));
            }
            Err(err) => self.fail_store(&err),
        }
    }

    fn set_session(&mut self, session: Session, read_only: Option<StoreError>) {
        if let Some(mut old) = self.session.take() {
            old.close();
        }
        self.demo = crate::demo::is_demo(session.store()).unwrap_or(false);
        self.read_only_reason = read_only.map(|e| self.texts().store_error(&e));
        self.settings.remember(session.path());
        self.save_settings();
        self.session = Some(session);
        self.apply_user_name();
        self.forget_wijk_state();
    }

    /// Records changes under the name in the settings (and the system's account).
    pub(crate) fn apply_user_name(&mut self) {
        let label = crate::store::user_label(Some(&self.settings.user_name));
        if let Some(session) = self.session.as_mut() {
            session.store_mut().set_user(label);
        }
    }

    /// Drops everything that belongs to the wijk that was open: the selection, the search
    /// and its results, the filters (a wijk or theme of the old wijk), the answers and the
    /// path finder's ends, the network circle, the map's view and caches. All of it is
    /// kept by id or index into the old wijk's data, and would point at other people in
    /// the new one.
    fn forget_wijk_state(&mut self) {
        let Self {
            session: _,
            settings: _,
            settings_path: _,
            demo: _,
            read_only_reason: _,
            canvas,
            selection,
            filters,
            filters_version,
            visibility,
            visibility_key,
            left,
            details,
            dialog: _,
            help_open: _,
            messages: _,
            title: _,
            layout_state,
            answers,
            ego,
            visibility_counter: _,
            key: _,
            map_rect: _,
            quit_requested: _,
            demo_path: _,
            answer_shown,
            frame_log: _,
        } = self;
        *answer_shown = canvas::Overlay::default();
        *canvas = Canvas::default();
        selection.clear();
        *filters = Filters::default();
        *filters_version += 1;
        *visibility = Visibility::default();
        *visibility_key = (u64::MAX, u64::MAX);
        *left = left::LeftPanel::default();
        *details = details::Details::default();
        *layout_state = LayoutState::Idle;
        *answers = answers::Answers::default();
        *ego = None;
    }

    /// Closes the open wijk: the layout saved, a backup when due, settings kept.
    pub fn close(&mut self) {
        self.save_pending();
        if let Some(mut session) = self.session.take() {
            session.close();
        }
        self.forget_wijk_state();
        self.save_settings();
    }

    fn refresh_visibility(&mut self) {
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
    fn edit(&mut self, change: impl FnOnce(&mut Session) -> Result<(), StoreError>) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if let Err(err) = change(session) {
            self.fail_store(&err);
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
            Ok(Some(step)) => self.inform(fill(t.undo_step, &[t.action(&step.action), &step.name])),
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
            Ok(Some(step)) => self.inform(fill(t.redo_step, &[t.action(&step.action), &step.name])),
            Ok(None) => self.inform(t.nothing_to_redo.to_owned()),
            Err(err) => self.fail_store(&err),
        }
        self.details.reset();
        self.prune_selection();
    }

    fn prune_selection(&mut self) {
        if let Some(session) = &self.session {
            self.selection
                .retain(|id| session.data.index.contains_key(id));
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

    /// Sets the language and keeps it.
    pub fn set_language(&mut self, language: Language) {
        self.settings.language = language;
        self.save_settings();
    }

    fn colour_by(&self) -> ColourBy {
        self.settings.colouring.into()
    }

    /// Draws the whole app into `ui` (the root of the window).
    pub fn show(&mut self, ui: &mut Ui) {
        if let Some(session) = self.session.as_mut() {
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
                self.ego = ego::EgoView::new(&session.data, &ego.centre);
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
        self.dialogs(ui);
    }

    fn details_panel(&mut self, ui: &mut Ui) {
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

    fn apply_details(&mut self, action: details::Action) {
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
                    && let Err(err) = session.store_mut().log_read("show_sensitive", &id)
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

    fn map(&mut self, ui: &mut Ui) {
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
            self.ego_map(ui, colour_by);
            return;
        }
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let selected: BTreeSet<usize> = self
            .selection
            .iter()
            .filter_map(|id| session.data.index.get(id).copied())
            .collect();
        let rect = ui.available_rect_before_wrap();
        let overlay = self.answers.overlay(&session.data);
        // A new answer on the map: the view moves to show all of it.
        if overlay != self.answer_shown {
            let nodes: Vec<usize> = overlay
                .paths
                .iter()
                .flatten()
                .chain(&overlay.marked)
                .copied()
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

    /// The network circle of one person, with the way back and the casus export.
    fn ego_map(&mut self, ui: &mut Ui, colour_by: ColourBy) {
        let t = self.texts();
        let Some(ego) = self.ego.as_mut() else {
            return;
        };
        let name = ego
            .data
            .node(&ego.centre)
            .map_or(ego.centre.clone(), |n| n.name.clone());
        let mut back = false;
        let mut export = false;
        egui::Frame::NONE
            .fill(ui.visuals().panel_fill)
            .inner_margin(4.0)
            .show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.heading(fill(t.circle_of, &[&name]));
                    back = ui.button(t.back_to_wijk).clicked();
                    export = ui.button(t.export_casus).clicked();
                });
            });
        let selected: BTreeSet<usize> = self
            .selection
            .iter()
            .filter_map(|id| ego.data.index.get(id).copied())
            .collect();
        let overlay = canvas::Overlay {
            rings: ego.rings.clone(),
            sectors: t.sectors.iter().map(|s| (*s).to_owned()).collect(),
            ..canvas::Overlay::default()
        };
        let view = canvas::MapView {
            data: &ego.data,
            visible: &ego.visible,
            selection: &selected,
            colour_by,
            overlay: &overlay,
        };
        let events = ego.canvas.show(ui, &view, t);
        let resolved: Vec<Picked> = events
            .into_iter()
            .filter(|e| !matches!(e, CanvasEvent::Moved(_)))
            .map(|e| Picked::from_event(e, &ego.data))
            .collect();
        if export {
            self.dialog = Some(dialogs::Dialog::casus(&ego.centre));
        }
        if back {
            self.ego = None;
        }
        for picked in resolved {
            self.picked(picked);
        }
    }

    fn welcome_choice(&mut self, ctx: &egui::Context, choice: welcome::Choice) {
        match choice {
            welcome::Choice::None => {}
            welcome::Choice::Open => self.run_command(ctx, Command::OpenWijk),
            welcome::Choice::New => self.run_command(ctx, Command::NewWijk),
            welcome::Choice::NewPerson => self.run_command(ctx, Command::NewPerson),
            welcome::Choice::Import => self.run_command(ctx, Command::Import),
            welcome::Choice::Demo => self.open_demo(),
        }
    }

    /// Opens the demo wijk, made afresh where it is not there yet.
    pub fn open_demo(&mut self) {
        let Some(path) = self.demo_path.clone() else {
            return;
        };
        if path.exists() {
            self.open(&path);
            return;
        }
        if let Some(parent) = path.parent()
            && let Err(err) = crate::store::files::private_dir(parent)
        {
            self.fail_store(&StoreError::Io {
                path: parent.to_path_buf(),
                source: err,
            });
            return;
        }
        match crate::demo::create_keyed(&path, None) {
            Ok((store, _report)) => match Session::from_store(store, false) {
                Ok(session) => self.set_session(session, None),
                Err(err) => self.fail_store(&err),
            },
            Err(err) => self.fail_store(&err),
        }
    }

    /// Opens the network circle of node `id`.
    pub fn open_ego(&mut self, id: &str) {
        if let Some(session) = &self.session {
            self.ego = ego::EgoView::new(&session.data, id);
            self.selection = BTreeSet::from([id.to_owned()]);
        }
    }

    /// Opens the path finder and asks for the ways from node `from` to `to`.
    pub fn find_way(&mut self, from: &str, to: crate::graph::paths::Target) {
        self.answers.find_way(from, to);
    }

    /// What the map highlights now (paths, marked nodes).
    pub fn overlay(&self) -> canvas::Overlay {
        self.session
            .as_ref()
            .map(|s| self.answers.overlay(&s.data))
            .unwrap_or_default()
    }

    /// Whether an analysis is being worked on in the background.
    pub fn is_analysing(&self) -> bool {
        self.answers.analyst.is_busy()
    }

    /// Whether the network circle is open, and of whom.
    pub fn ego_centre(&self) -> Option<&str> {
        self.ego.as_ref().map(|e| e.centre.as_str())
    }

    fn picked(&mut self, picked: Picked) {
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

    fn shortcuts(&mut self, ui: &Ui) {
        let ctx = ui.ctx();
        let pointer = ui.input(|i| i.pointer.hover_pos());
        // Over the map itself, not over a window or the legend floating on it.
        let on_map = pointer.is_some_and(|p| {
            self.map_rect.contains(p)
                && ctx
                    .layer_id_at(p)
                    .is_none_or(|layer| layer.order == egui::Order::Background)
        });
        let focus = commands::Focus {
            typing: ctx.egui_wants_keyboard_input(),
            dialog: self.dialog.is_some() || self.help_open || self.messages.log_open,
            on_map,
        };
        let pressed = ui.input_mut(|i| commands::pressed(i, focus));
        for command in pressed {
            self.run_command(ctx, command);
        }
    }

    /// Whether `command` can run now (its button is greyed out otherwise).
    pub fn can_run(&self, command: Command) -> bool {
        let open = self.session.is_some();
        let writable = self.session.as_ref().is_some_and(|s| !s.is_read_only());
        match command {
            Command::Undo | Command::Redo => writable,
            Command::NewPerson | Command::NewOrganisation | Command::NewInitiative => writable,
            Command::Delete => writable && self.selection.len() == 1 && self.ego.is_none(),
            Command::FitAll | Command::ZoomIn | Command::ZoomOut | Command::Print => open,
            Command::Tidy => writable && self.ego.is_none(),
            Command::Find | Command::Messages | Command::Help | Command::Quit => true,
            Command::NewWijk
            | Command::OpenWijk
            | Command::Import
            | Command::Export
            | Command::Backup => true,
            Command::FullCopy | Command::Review => open,
        }
    }

    /// Runs `command`, from a key, a menu or the toolbar.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if !self.can_run(command) {
            return;
        }
        match command {
            Command::NewWijk => self.dialog = Some(dialogs::Dialog::new_wijk()),
            Command::OpenWijk => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Open));
            }
            Command::Import => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Import));
            }
            Command::Export => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Export));
            }
            Command::Backup => self.make_backup(),
            Command::FullCopy => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::FullCopy));
            }
            Command::Review => self.open_review(),
            Command::Find => {
                self.answers.tab = answers::Tab::Map;
                self.left.focus_search();
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::NewPerson => self.new_node(NodeKind::Person),
            Command::NewOrganisation => self.new_node(NodeKind::Organisation),
            Command::NewInitiative => self.new_node(NodeKind::Initiative),
            Command::Delete => {
                if let Some(id) = self.selection.first().cloned() {
                    self.dialog = Some(dialogs::Dialog::Delete { id });
                }
            }
            Command::FitAll => self.active_canvas().request_fit(),
            Command::Tidy => {
                if let Some(session) = self.session.as_mut() {
                    session.tidy_layout();
                }
            }
            Command::ZoomIn => self.active_canvas().zoom_middle(1.25),
            Command::ZoomOut => self.active_canvas().zoom_middle(0.8),
            Command::Print => self.open_print(),
            Command::Messages => self.messages.log_open = !self.messages.log_open,
            Command::Help => self.help_open = !self.help_open,
            Command::Quit => {
                self.quit_requested = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The map on screen: the network circle's when it is open, else the wijk's.
    fn active_canvas(&mut self) -> &mut Canvas {
        match self.ego.as_mut() {
            Some(ego) => &mut ego.canvas,
            None => &mut self.canvas,
        }
    }

    /// Whether Afsluiten (Ctrl+Q) asked the window to close.
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// How many nodes the filters let through.
    pub fn visible_nodes(&self) -> usize {
        self.visibility.nodes.iter().filter(|&&v| v).count()
    }

    /// Where node `id` is on the screen now.
    pub fn node_screen_pos(&self, id: &str) -> Option<egui::Pos2> {
        let session = self.session.as_ref()?;
        let p = session.data.positions[*session.data.index.get(id)?];
        Some(self.canvas.to_screen * egui::pos2(p[0], p[1]))
    }

    /// The map on screen (the wijk's, or the network circle's when it is open).
    pub fn canvas(&self) -> &Canvas {
        match &self.ego {
            Some(ego) => &ego.canvas,
            None => &self.canvas,
        }
    }

    /// The screen radius of node `id` as the map draws it now.
    pub fn node_screen_radius(&self, id: &str) -> Option<f32> {
        let session = self.session.as_ref()?;
        let i = *session.data.index.get(id)?;
        let zoom = self.canvas.zoom();
        Some(canvas::drawn_radius(&session.data, &self.visibility, i, zoom) * zoom)
    }

    /// What the layout is doing.
    pub fn layout_state(&self) -> LayoutState {
        self.layout_state
    }

    fn dialogs(&mut self, ui: &mut Ui) {
        let t = self.texts();
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            // Escape closes the shortcut list and the messages too (dialogs close
            // themselves).
            self.help_open = false;
            self.messages.log_open = false;
        }
        if self.help_open {
            self.help_open = dialogs::help(ui.ctx(), t);
        }
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let deleting = self.session.as_ref().and_then(|s| match &dialog {
            dialogs::Dialog::Delete { id } => s.data.node(id).map(|n| {
                let relations = s
                    .data
                    .relations
                    .iter()
                    .filter(|r| r.source == *id || r.target == *id)
                    .count();
                (n.name.clone(), relations)
            }),
            dialogs::Dialog::Forget { id } => s.data.node(id).map(|n| (n.name.clone(), 0)),
            dialogs::Dialog::File { .. }
            | dialogs::Dialog::Passphrase { .. }
            | dialogs::Dialog::Review { .. } => None,
        });
        let (dialog, outcome) = dialog.show(ui.ctx(), t, deleting);
        self.dialog = dialog;
        match outcome {
            dialogs::Outcome::None => {}
            dialogs::Outcome::Delete(id) => {
                self.edit(|s| s.delete_node(&id));
                self.selection.remove(&id);
            }
            dialogs::Outcome::Forget(id) => self.forget(&id),
            dialogs::Outcome::Open(path) => self.open(&path),
            dialogs::Outcome::New(path) => {
                let key = self.key.clone();
                self.create(&path, key.as_ref());
            }
            dialogs::Outcome::NewEncrypted(path) => {
                self.dialog = Some(dialogs::Dialog::passphrase(
                    path,
                    dialogs::PassphraseFor::Create,
                    None,
                ));
            }
            dialogs::Outcome::CreateEncrypted(path, key) => self.create(&path, Some(&key)),
            dialogs::Outcome::Unlock(path, key) => self.open_keyed(&path, Some(&key)),
            dialogs::Outcome::Protect { current, new } => self.protect(current, &new),
            dialogs::Outcome::Import(paths) => self.import(&paths),
            dialogs::Outcome::Export(options) => {
                self.export(&options);
            }
            dialogs::Outcome::Print(options) => self.print(&options),
            dialogs::Outcome::Inzage { id, dir } => self.inzage(&id, &dir),
            dialogs::Outcome::Retention(retention) => {
                if let Some(session) = self.session.as_mut() {
                    match session.store_mut().set_retention(retention) {
                        Ok(()) => self.open_review(),
                        Err(err) => self.fail_store(&err),
                    }
                }
            }
            dialogs::Outcome::Select(ids) => {
                self.ego = None;
                if let Some(first) = ids.first() {
                    self.select_and_centre(first);
                }
                self.selection.extend(ids);
            }
        }
    }

    /// Writes everything held about person `id` into `dir` (her inzage, AVG art. 15 and
    /// 20); the request is logged.
    pub fn inzage(&mut self, id: &str, dir: &Path) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.store_mut().inzage(id) {
            Ok(inzage) => {
                match crate::exchange::inzage::write_inzage(
                    &inzage,
                    &t.words.inzage_text(&inzage),
                    dir,
                ) {
                    Ok(()) => {
                        let folder = dir.display().to_string();
                        self.inform(fill(t.inzage_done, &[&inzage.node.name, &folder]));
                    }
                    Err((path, err)) => {
                        let path = path.display().to_string();
                        self.fail(&fill(t.cannot_write, &[&path, &err.to_string()]));
                    }
                }
            }
            Err(err) => self.fail_store(&err),
        }
    }

    /// Opens the list of what is due for review.
    pub fn open_review(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        match session.store().retention() {
            Ok(retention) => {
                let data = &session.data;
                let items = crate::privacy::review(
                    &data.nodes,
                    &data.relations,
                    retention,
                    crate::model::today(),
                );
                self.dialog = Some(dialogs::Dialog::review(items, retention));
            }
            Err(err) => self.fail_store(&err),
        }
    }

    /// Saves what is typed in the details panel and not saved yet.
    fn save_pending(&mut self) {
        let t = self.texts();
        let pending = self
            .session
            .as_ref()
            .and_then(|s| self.details.pending(t, &s.data));
        if let Some(node) = pending {
            self.edit(|s| s.update_node(node));
        }
    }

    /// Encrypts the open wijk (and its backups) with `new`, or gives an encrypted one `new`
    /// in place of the passphrase in use, which the person typed as `current` and which is
    /// checked first. The wijk is closed for it and opened again as it was on screen.
    fn protect(&mut self, current: Option<Passphrase>, new: &Passphrase) {
        let t = self.texts();
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let path = session.path().to_path_buf();
        let encrypted = session.store().is_encrypted();
        if encrypted && !current.as_ref().is_some_and(|c| session.store().is_key(c)) {
            self.dialog = Some(dialogs::Dialog::passphrase(
                path,
                dialogs::PassphraseFor::Change,
                Some(t.wrong_current_passphrase.to_owned()),
            ));
            return;
        }
        self.save_pending();
        let Some(session) = self.session.take() else {
            return;
        };
        let old = current.filter(|_| encrypted);
        let view = (
            std::mem::take(&mut self.canvas),
            std::mem::take(&mut self.selection),
        );
        let store = session.into_store();
        let done = if encrypted {
            store.rekey(new)
        } else {
            store.encrypt(new)
        };
        // The wijk opens again with the passphrase it has now: the new one, or after a
        // failure most likely the old one (the file is replaced in one step, or not at all).
        let keys = match &done {
            Ok(_) => vec![Some(new)],
            Err(_) => vec![old.as_ref(), Some(new)],
        };
        let mut opened = None;
        let mut why = None;
        for (i, key) in keys.into_iter().enumerate() {
            match Session::open(&path, key) {
                Ok((session, reason)) => {
                    self.set_session(session, reason);
                    (self.canvas, self.selection) = view;
                    opened = Some(i);
                    break;
                }
                Err(err) => why = Some(err),
            }
        }
        match (done, opened) {
            (_, None) => {
                if let Some(why) = why {
                    self.fail_store(&why);
                }
            }
            (Ok(report), Some(_)) => {
                let mut text = i18n::count(
                    if encrypted {
                        t.rekeyed_done
                    } else {
                        t.encrypted_done
                    },
                    report.converted.len(),
                );
                if report.left.is_empty() {
                    self.inform(text);
                } else {
                    let left: Vec<String> = report
                        .left
                        .iter()
                        .map(|(copy, why)| format!("{} ({why})", copy.display()))
                        .collect();
                    text.push(' ');
                    text.push_str(&fill(t.copies_left, &[&left.join("; ")]));
                    self.fail(&text);
                }
            }
            (Err(err), Some(0)) => {
                self.fail(&fill(t.cannot_protect, &[&t.store_error(&err)]));
            }
            (Err(err), Some(_)) => self.fail_store(&err),
        }
    }

    /// Creates a new wijk at `path` (and its folder), encrypted with `key` when one is
    /// given, and opens it.
    fn create(&mut self, path: &Path, key: Option<&Passphrase>) {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && let Err(source) = crate::store::files::private_dir(parent)
        {
            self.fail_store(&StoreError::Io {
                path: parent.to_path_buf(),
                source,
            });
            return;
        }
        match Session::create(path, key) {
            Ok(session) => self.set_session(session, None),
            Err(err) => self.fail_store(&err),
        }
    }

    /// Erases a person: everything about her, also in the log and the backups.
    pub fn forget(&mut self, id: &str) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let name = session
            .data
            .node(id)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        match session.forget(id) {
            Ok(report) => {
                self.selection.remove(id);
                if self.ego_centre() == Some(id) {
                    self.ego = None;
                }
                self.details.reset();
                self.answers = answers::Answers::default();
                let mut text = fill(t.forgotten, &[&name]);
                if report.mentions_cleaned > 0 {
                    text.push(' ');
                    text.push_str(&fill(
                        t.mentions_cleaned,
                        &[
                            &report.mentions_cleaned.to_string(),
                            crate::store::privacy::ERASED_NAME,
                        ],
                    ));
                }
                for copy in &report.copies_removed {
                    text.push(' ');
                    text.push_str(&fill(t.copy_removed, &[&copy.display().to_string()]));
                }
                if report.copies_left.is_empty() {
                    self.inform(text);
                } else {
                    for (copy, _) in &report.copies_left {
                        text.push(' ');
                        text.push_str(&fill(t.copy_left, &[&copy.display().to_string()]));
                    }
                    self.fail(&text);
                }
            }
            Err(err) => self.fail_store(&err),
        }
    }

    /// Imports files into the open wijk (all or nothing) and reports the result.
    pub fn import(&mut self, paths: &[PathBuf]) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.import(paths) {
            Ok(report) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let nodes = (report.nodes_added + report.nodes_updated) as usize;
                let relations = (report.relations_added + report.relations_updated) as usize;
                let mut text = fill(
                    t.imported,
                    &[
                        &names.join(", "),
                        &i18n::count(t.nodes_count, nodes),
                        &i18n::count(t.relations_count, relations),
                    ],
                );
                for duplicate in &report.duplicate_names {
                    text.push(' ');
                    text.push_str(&fill(
                        t.name_twice,
                        &[
                            &duplicate.name,
                            &duplicate.places.len().to_string(),
                            &duplicate.places_shown(),
                        ],
                    ));
                }
                if report.nodes_added > 0 {
                    // New people: show the whole wijk they came into.
                    self.canvas.request_fit();
                }
                self.inform(text);
            }
            Err(
                session::ImportFailure::Input(err)
                | session::ImportFailure::Store(StoreError::Input(err)),
            ) => self.fail(&t.input_error(&err)),
            Err(session::ImportFailure::Store(err)) => self.fail_store(&err),
        }
    }

    /// Opens the print dialog for what is on screen: the network circle when it is open,
    /// else the map.
    pub fn open_print(&mut self) {
        let centre = self.ego_centre().map(str::to_owned);
        let t = self.texts();
        self.dialog = Some(dialogs::Dialog::print(centre.as_deref(), t));
    }

    /// Writes the PDF to print and opens it in the desktop's viewer, where there is one.
    fn print(&mut self, options: &crate::exchange::snapshot::ExportOptions) {
        if !self.export(options) {
            return;
        }
        let t = self.texts();
        let out = options.out.display().to_string();
        match open::that_detached(&options.out) {
            Ok(()) => self.inform(fill(t.printed, &[&out])),
            Err(_) => self.inform(fill(t.printed_no_viewer, &[&out])),
        }
    }

    /// Exports as `options` say; returns whether the file was written.
    fn export(&mut self, options: &crate::exchange::snapshot::ExportOptions) -> bool {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        // A read-only window exports too: the store only logs it, as a reader may.
        session.stop_layout();
        if let Some(dir) = options.out.parent()
            && !dir.as_os_str().is_empty()
            && let Err(err) = crate::store::files::private_dir(dir)
        {
            let dir = dir.display().to_string();
            self.fail(&fill(t.cannot_write_export, &[&dir, &err.to_string()]));
            return false;
        }
        let done = crate::exchange::snapshot::export(session.store_mut(), options);
        let written = done.is_ok();
        match done {
            Ok(summary) => self.inform(fill(t.exported, &[&summary.out])),
            Err(ExportError::Store(err)) => self.fail_store(&err),
            Err(ExportError::UnknownNode(id)) => self.fail_store(&StoreError::UnknownNode(id)),
            Err(ExportError::Write { path, source }) => {
                self.fail(&fill(t.cannot_write_export, &[&path, &source.to_string()]));
            }
            Err(err) => self.fail(&err.to_string()),
        }
        written
    }
}

/// A canvas event with its nodes named by id (the canvas speaks in indexes of the data it
/// drew: the wijk's or the network circle's).
enum Picked {
    Select { ids: Vec<String>, add: bool },
    Clear,
    Moved(Vec<usize>),
    Link(String, String),
    Ego(String),
    WayFrom(String),
    WayTo(String),
}

impl Picked {
    fn from_event(event: CanvasEvent, data: &session::MapData) -> Self {
        let id = |i: usize| data.nodes.get(i).map(|n| n.id.clone()).unwrap_or_default();
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

impl eframe::App for WijkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if ui.input(|i| i.viewport().close_requested()) {
            self.close();
        }
        let started = std::time::Instant::now();
        self.show(ui);
        if let Some(log) = &mut self.frame_log {
            log.frame(started.elapsed(), self.layout_state);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close();
    }
}

/// Opens the app window on `db` (or the last file, or the demo wijk) and runs until it is
/// closed. Uses the glow renderer: it needs no GPU (DESIGN §6).
pub fn run(db: Option<PathBuf>, default_db: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("wijkweb")
            .with_app_id("wijkweb")
            // Fits a 1366x768 laptop screen with its task bar; opened maximised.
            .with_inner_size([1280.0, 700.0])
            .with_min_inner_size([640.0, 400.0])
            .with_maximized(true),
        renderer: eframe::Renderer::Glow,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "wijkweb",
        options,
        Box::new(move |cc| {
            // Light panels around the light map; the same in every desktop theme.
            cc.egui_ctx.set_theme(egui::ThemePreference::Light);
            let mut app = WijkApp::new(settings::default_path());
            app.frame_log = FrameLog::from_env();
            app.set_key(Passphrase::from_env(crate::store::crypt::KEY_VAR));
            app.start(db, default_db);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
