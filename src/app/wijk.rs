//! Start-up, and a wijk opened, created and closed: the passphrase of an encrypted one,
//! the demo wijk, the welcome screen's choices, and dropping what belonged to the wijk
//! that was open.

use std::path::{Path, PathBuf};

use super::canvas::{Canvas, Visibility};
use super::commands::Command;
use super::filters::Filters;
use super::i18n::fill;
use super::session::{LayoutState, Session};
use super::{WijkApp, answers, canvas, details, dialogs, left, time, welcome};
use crate::error::StoreError;
use crate::store::Key as Passphrase;

impl WijkApp {
    /// Opens what a start should open: `db` when given; else the last file; else the
    /// database in the user's data folder, made from the demo wijk when it is not there.
    pub fn start(&mut self, db: Option<PathBuf>, default_db: Option<PathBuf>) {
        // What failed as the window closed last time (a backup), said now.
        let unreported = std::mem::take(&mut self.settings.unreported);
        if !unreported.is_empty() {
            for text in &unreported {
                self.fail(text);
            }
            self.save_settings();
        }
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
    /// The passphrase tried first on an encrypted wijk, and used for a new one (the app's
    /// start gives it the one in `WIJKWEB_KEY`).
    pub fn set_key(&mut self, key: Option<Passphrase>) {
        self.key = key;
    }
    /// Whether the passphrase of an encrypted wijk is being asked for.
    pub fn is_asking_passphrase(&self) -> bool {
        matches!(self.dialog, Some(dialogs::Dialog::Passphrase(_)))
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
    pub(super) fn open_keyed(&mut self, path: &Path, key: Option<&Passphrase>) {
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
    pub(super) fn set_session(&mut self, session: Session, read_only: Option<StoreError>) {
        if let Some(mut old) = self.session.take() {
            old.close();
            for problem in old.take_problems() {
                self.fail_store(&problem);
            }
        }
        self.demo = crate::demo::is_demo(session.store()).unwrap_or(false);
        self.read_only_reason = read_only.map(|e| self.texts().store_error(&e));
        self.settings.remember(session.path());
        self.save_settings();
        self.session = Some(session);
        self.apply_user_name();
        self.forget_wijk_state();
    }
    /// Drops everything that belongs to the wijk that was open: the selection, the search
    /// and its results, the filters (a wijk or theme of the old wijk), the answers and the
    /// path finder's ends, the network circle, the map's view and caches. All of it is
    /// kept by id or index into the old wijk's data, and would point at other people in
    /// the new one.
    pub(super) fn forget_wijk_state(&mut self) {
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
            past,
            changes_on_map,
            pending_import: _,
        } = self;
        *past = time::PastControl::default();
        *changes_on_map = None;
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
        // Her periods are hers, not the wijk's.
        let periods = answers.periods;
        *answers = answers::Answers::default();
        answers.periods = periods;
        *ego = None;
    }
    /// Closes the open wijk: the layout saved, a backup when due, settings kept.
    pub fn close(&mut self) {
        self.save_pending();
        if let Some(mut session) = self.session.take() {
            session.close();
            // The window is going: what failed is said at the next start.
            let t = self.texts();
            let problems = session.take_problems();
            self.settings
                .unreported
                .extend(problems.iter().map(|p| t.store_error(p)));
        }
        self.forget_wijk_state();
        self.save_settings();
    }
    pub(super) fn welcome_choice(&mut self, ctx: &egui::Context, choice: welcome::Choice) {
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
    /// Creates a new wijk at `path` (and its folder), encrypted with `key` when one is
    /// given, and opens it.
    pub(super) fn create(&mut self, path: &Path, key: Option<&Passphrase>) {
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
}
