//! The desktop app (eframe/egui, glow renderer): the wijk map with its panels. A thin
//! layer: every change goes through [`session::Session`] to the store, every answer comes
//! from the core.
//!
//! One file per part: `canvas` (the map), `left` (search and filters), `details` (the
//! selection, editable), `dialogs/` (one file per dialog), `i18n/` (every string), `theme`
//! (every colour and size). [`WijkApp`] is this file's; what it does is split by job:
//! `frame` (the layout of each frame), `wijk` (start-up, opening and closing a wijk),
//! `editing` (changes and the selection), `workflows` (what the dialogs decide: import,
//! export, inzage, encrypt, erase) and `commands` (every action, its keys and handler).

pub mod analyst;
mod answers;
mod bars;
pub mod canvas;
pub mod commands;
mod details;
pub mod dialogs;
pub mod ecogram;
mod editing;
pub mod ego;
pub mod filters;
mod frame;
pub mod i18n;
mod left;
pub mod map_data;
pub mod mesh;
mod raster;
pub mod search;
pub mod session;
pub mod settings;
pub mod theme;
pub mod time;
pub mod toasts;
mod welcome;
mod wijk;
mod workflows;

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::Ui;

use crate::error::StoreError;
use crate::exchange::picture::ColourBy;
use crate::store::Key as Passphrase;
use canvas::{Canvas, Visibility};
use filters::Filters;
use i18n::{Language, Texts, fill};
use session::{LayoutState, Session};
use settings::Settings;

pub use editing::proposed_relation;
pub use frame::FrameLog;
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
    /// The "Kaart op datum" control's day typed and its error.
    past: time::PastControl,
    /// What changed between two days, drawn on the map.
    changes_on_map: Option<time::ChangesOnMap>,
    /// A file she opened, offered for import once no other dialog (her passphrase) asks.
    pending_import: Option<PathBuf>,
}

impl WijkApp {
    /// An app with no wijk open, reading and writing its settings at `settings_path`
    /// (`None`: settings are not kept).
    pub fn new(settings_path: Option<PathBuf>) -> Self {
        let settings = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        let mut answers = answers::Answers::default();
        answers.periods = (settings.contact_months, settings.stale_months);
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
            answers,
            ego: None,
            visibility_counter: 0,
            key: None,
            map_rect: egui::Rect::NOTHING,
            quit_requested: false,
            demo_path: None,
            answer_shown: canvas::Overlay::default(),
            frame_log: None,
            past: time::PastControl::default(),
            changes_on_map: None,
            pending_import: None,
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
        let t = self.texts();
        // On a map of the past every write is refused: said as that, not as a file's rights.
        let past = self.session.as_ref().and_then(|s| s.data.as_of);
        let text = match (err, past) {
            (StoreError::ReadOnly(_), Some(day)) => fill(t.past_read_only, &[&t.words.date(day)]),
            _ => t.store_error(err),
        };
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
    /// Records changes under the name in the settings (and the system's account).
    pub(crate) fn apply_user_name(&mut self) {
        let label = crate::store::user_label(Some(&self.settings.user_name));
        if let Some(session) = self.session.as_mut() {
            session.store_mut().set_user(label);
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
    /// Opens the network circle of node `id`.
    pub fn open_ego(&mut self, id: &str) {
        if let Some(session) = &self.session {
            let scheme = self
                .ego
                .as_ref()
                .map_or(crate::model::Scheme::default(), |e| e.scheme);
            let placed = session.circle_places(id, scheme);
            self.ego = ego::EgoView::new(&session.data, id, scheme, &placed);
            self.selection = BTreeSet::from([id.to_owned()]);
        }
    }
    /// Opens the path finder and asks for the ways from node `from` to `to`.
    pub fn find_way(&mut self, from: &str, to: crate::graph::paths::Target) {
        self.answers.find_way(from, to);
    }
    /// What the map highlights now (paths, marked nodes, what changed).
    pub fn overlay(&self) -> canvas::Overlay {
        let Some(session) = &self.session else {
            return canvas::Overlay::default();
        };
        let mut overlay = self.answers.overlay(&session.data);
        if let Some(changes) = &self.changes_on_map {
            overlay.changes = changes.overlay(&session.data);
        }
        overlay
    }
    /// Whether an analysis is being worked on in the background.
    pub fn is_analysing(&self) -> bool {
        self.answers.analyst.is_busy()
    }
    /// Whether the network circle is open, and of whom.
    pub fn ego_centre(&self) -> Option<&str> {
        self.ego.as_ref().map(|e| e.centre.as_str())
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
    /// In the open network circle: where node `id` is on the screen.
    pub fn circle_node_screen_pos(&self, id: &str) -> Option<egui::Pos2> {
        let ego = self.ego.as_ref()?;
        let p = ego.data.positions[*ego.data.index.get(id)?];
        Some(ego.canvas.to_screen * egui::pos2(p[0], p[1]))
    }
    /// In the open network circle: where a point of the circle (outer radius 1 around
    /// the resident, y down) is on the screen.
    pub fn circle_point_screen_pos(&self, point: [f64; 2]) -> Option<egui::Pos2> {
        let ego = self.ego.as_ref()?;
        let world = egui::pos2(
            (point[0] * ego.radius) as f32,
            (point[1] * ego.radius) as f32,
        );
        Some(ego.canvas.to_screen * world)
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

/// The renderer this build draws with: glow (OpenGL 2, measured cheapest on Linux, DESIGN
/// §6), or wgpu with the `wgpu` feature (the Windows release: DirectX 12, and its software
/// adapter WARP where Remote Desktop or Citrix offers only OpenGL 1.1).
#[cfg(not(feature = "wgpu"))]
const RENDERER: eframe::Renderer = eframe::Renderer::Glow;
#[cfg(feature = "wgpu")]
const RENDERER: eframe::Renderer = eframe::Renderer::Wgpu;

/// What she reads when no window can be opened (no display, no OpenGL 2 over a remote
/// desktop): what failed, what to do, and that her data is untouched; Dutch, then English.
pub fn no_window_message(reason: &str) -> String {
    format!(
        "wijkweb kan zijn venster niet openen ({reason}).\n\
         Wat u kunt doen: start wijkweb op de computer zelf, of vraag uw IT-afdeling om de \
         versie die ook zonder OpenGL 2 tekent (Extern bureaublad, Citrix: zie docs/IT.md). \
         Uw wijk is niet aangeraakt; de opdrachtregel werkt gewoon (wijkweb --help).\n\
         wijkweb cannot open its window. Start it on the computer itself, or ask your IT \
         department for the build that draws without OpenGL 2 (Remote Desktop, Citrix: see \
         docs/IT.md). Your wijk is untouched; the command line works (wijkweb --help)."
    )
}

/// wijkweb's own icon for the window (and the task bar), drawn from the same SVG as the
/// desktop entry's; none (the system's default) if it could not be drawn.
fn window_icon() -> egui::IconData {
    const SIZE: u32 = 64;
    crate::exchange::picture::icon_rgba(SIZE)
        .map(|rgba| egui::IconData {
            rgba,
            width: SIZE,
            height: SIZE,
        })
        .unwrap_or_default()
}

/// Shows `message` in the system's own message box (Windows' MessageBox, macOS' alert,
/// zenity on Linux where it is installed), for whom started wijkweb from the menu and
/// sees no terminal.
fn message_box(message: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("wijkweb")
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// Opens the app window on `db` (or the last file, or the demo wijk) and runs until it is
/// closed; `import`, a file she opened, is offered for import once the wijk is open. When
/// no window can be opened, says so in a message box and returns the message (the command
/// line prints it and exits 1).
pub fn run(
    db: Option<PathBuf>,
    default_db: Option<PathBuf>,
    import: Option<PathBuf>,
) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("wijkweb")
            .with_app_id("wijkweb")
            // Fits a 1366x768 laptop screen with its task bar; opened maximised.
            .with_inner_size([1280.0, 700.0])
            .with_min_inner_size([640.0, 400.0])
            .with_icon(window_icon())
            .with_maximized(true),
        renderer: RENDERER,
        ..eframe::NativeOptions::default()
    };
    tracing::info!(renderer = ?RENDERER, "opening the window");
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
            if let Some(path) = import {
                app.offer_import(path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| {
        // A library's error (no personal data in it).
        tracing::error!(renderer = ?RENDERER, error = %err, "no window");
        let message = no_window_message(&err.to_string());
        message_box(&message);
        message
    })
}
