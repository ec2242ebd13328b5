//! What the dialogs decide, carried out: import, export, print, inzage, review, encrypting
//! or changing the passphrase, erasing a person.

use std::path::{Path, PathBuf};

use egui::{Key, Ui};

use super::i18n::fill;
use super::session::Session;
use super::{WijkApp, answers, dialogs, i18n, session};
use crate::error::StoreError;
use crate::exchange::snapshot::ExportError;
use crate::store::Key as Passphrase;

impl WijkApp {
    pub(super) fn dialogs(&mut self, ui: &mut Ui) {
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
            dialogs::Dialog::File(_)
            | dialogs::Dialog::Passphrase(_)
            | dialogs::Dialog::Review(_)
            | dialogs::Dialog::Changes(_)
            | dialogs::Dialog::Columns(_)
            | dialogs::Dialog::OpenedFile { .. }
            | dialogs::Dialog::Directed { .. }
            | dialogs::Dialog::DateOrder { .. } => None,
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
            dialogs::Outcome::Import(paths) => self.import_asking(&paths),
            dialogs::Outcome::ImportIntoNew(path) => {
                let wijk = dialogs::new_wijk_for(&path);
                let key = self.key.clone();
                self.create(&wijk, key.as_ref());
                if self.is_open(&wijk) {
                    self.import_asking(&[path]);
                }
            }
            dialogs::Outcome::ImportWith(paths, options) => self.import(&paths, options),
            dialogs::Outcome::Export(mut options) => {
                self.with_organisation(&mut options);
                self.export(&options);
            }
            dialogs::Outcome::Print(mut options) => {
                self.with_organisation(&mut options);
                self.print(&options);
            }
            dialogs::Outcome::Inzage { id, dir } => self.inzage(&id, &dir),
            dialogs::Outcome::Retention(retention) => {
                if let Some(session) = self.session.as_mut() {
                    match session.store_mut().set_retention(retention) {
                        Ok(()) => self.open_review(),
                        Err(err) => self.fail_store(&err),
                    }
                }
            }
            dialogs::Outcome::Changes { ego, since, until } => {
                self.show_changes(ego.as_deref(), &since, &until);
            }
            dialogs::Outcome::ChangesSinceMoment(number) => self.show_changes_since_moment(number),
            dialogs::Outcome::DeleteMoment(number) => {
                if let Some(session) = self.session.as_mut() {
                    match session.store_mut().delete_moment(number) {
                        Ok(()) => self.open_review(),
                        Err(err) => self.fail_store(&err),
                    }
                }
            }
            dialogs::Outcome::ChangesOnMap(changes) => {
                // On the wijk's map, where every end is (her circle holds only today's).
                self.dialog = None;
                self.ego = None;
                // Her selection's red would cover the changes' colours.
                self.selection.clear();
                self.changes_on_map = Some(changes);
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
    /// "Wat is veranderd sinds…" for `ego`'s network (or the whole wijk), from the day of
    /// her last casus export or picture of her circle, else three months back, to today.
    pub fn open_changes(&mut self, ego: Option<&str>) {
        let Some(session) = &self.session else {
            return;
        };
        // Since her last casus moment, when she has one: the question of a casusoverleg
        // that meets again.
        if let Some(newest) = ego
            .and_then(|id| session.store().moments_of(id).ok())
            .and_then(|list| list.first().map(|m| m.id))
        {
            self.show_changes_since_moment(newest);
            return;
        }
        let today = crate::model::today();
        let last_export = ego
            .and_then(|id| session.store().last_export_of(id).ok().flatten())
            .map(|moment| moment.to_zoned(jiff::tz::TimeZone::system()).date())
            .filter(|d| *d < today);
        let since = last_export
            .or_else(|| today.checked_sub(jiff::Span::new().months(3)).ok())
            .unwrap_or(today);
        let t = self.texts();
        self.show_changes(ego, &t.words.date(since), &t.words.date(today));
    }

    /// Works out what changed between the days typed (`until` empty: today) and shows it.
    pub fn show_changes(&mut self, ego: Option<&str>, since: &str, until: &str) {
        let t = self.texts();
        let Some(session) = &self.session else {
            return;
        };
        let today = crate::model::today();
        let parse = |text: &str| crate::model::parse_date(text.trim());
        let mut dialog = dialogs::ChangesDialog {
            ego: ego.map(str::to_owned),
            since: since.to_owned(),
            until: until.to_owned(),
            heading: String::new(),
            lines: Vec::new(),
            error: None,
            moments: ego
                .map(|id| moment_lines(session, t, id))
                .unwrap_or_default(),
            on_map: None,
        };
        let days = match (parse(since), until.trim()) {
            (None, _) => Err(fill(t.not_a_date, &[since])),
            (Some(s), "") => Ok((s, today)),
            (Some(s), u) => parse(u)
                .map(|u| (s, u))
                .ok_or_else(|| fill(t.not_a_date, &[u])),
        };
        match days {
            Ok((s, u)) if s < u => {
                let data = &session.data;
                let edits = session.store().relation_edits().unwrap_or_default();
                let found =
                    crate::graph::changes::changes(&data.nodes, &data.relations, &edits, s, u, ego);
                let mut heading =
                    fill(t.words.changes.title, &[&t.words.date(s), &t.words.date(u)]);
                if let Some(name) = ego.and_then(|id| data.node(id)).map(|n| n.name.clone()) {
                    heading = format!("{heading}: {name}");
                }
                dialog.lines = t.words.change_lines(&found);
                dialog.on_map = Some(super::time::ChangesOnMap::new(heading.clone(), &found));
                dialog.heading = heading;
            }
            Ok((s, u)) => {
                dialog.error = Some(fill(t.changes_order, &[&t.words.date(s), &t.words.date(u)]));
            }
            Err(e) => dialog.error = Some(e),
        }
        self.dialog = Some(dialogs::Dialog::Changes(dialog));
    }

    /// Shows what changed in a resident's network since moment `number` (her circle as it
    /// was frozen then) to today.
    pub fn show_changes_since_moment(&mut self, number: i64) {
        let t = self.texts();
        let Some(session) = &self.session else {
            return;
        };
        let moment = match session.store().moment(number) {
            Ok(Some(moment)) => moment,
            Ok(None) => {
                return self.fail_store(&crate::error::StoreError::UnknownMoment(number));
            }
            Err(err) => return self.fail_store(&err),
        };
        let today = crate::model::today();
        let data = &session.data;
        let found =
            crate::graph::changes::since_moment(&data.nodes, &data.relations, &moment, today);
        let mut heading = fill(
            t.words.changes.title,
            &[&t.words.date(moment.day), &t.words.date(today)],
        );
        if let Some(name) = data.node(&moment.ego).map(|n| n.name.clone()) {
            heading = format!("{heading}: {name} ({})", t.words.moment_line(&moment));
        }
        let dialog = dialogs::ChangesDialog {
            ego: Some(moment.ego.to_string()),
            since: t.words.date(moment.day),
            until: t.words.date(today),
            on_map: Some(super::time::ChangesOnMap::new(heading.clone(), &found)),
            heading,
            lines: t.words.change_lines(&found),
            error: None,
            moments: moment_lines(session, t, &moment.ego),
        };
        self.dialog = Some(dialogs::Dialog::Changes(dialog));
    }

    /// Keeps resident `ego`'s circle as it is now ("Moment vastleggen").
    pub fn record_moment(&mut self, ego: &str, scheme: crate::model::Scheme) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let placed = session.circle_places(ego, scheme);
        let data = &session.data;
        let moment = crate::layout::circle::freeze(
            scheme,
            ego,
            &data.nodes,
            &data.relations,
            &placed,
            crate::model::today(),
            crate::model::casework::MomentSource::Recorded,
        );
        let result = session.store_mut().record_moment(&moment);
        // Its ties are confirmed today: the map data reads that back.
        let reloaded = session.reload();
        match result.and(reloaded) {
            Ok(()) => self.inform(fill(
                t.moment_recorded,
                &[&t.words.date(moment.day), &moment.contacts().to_string()],
            )),
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
                let today = crate::model::today();
                let mut items =
                    crate::privacy::review(&data.nodes, &data.relations, retention, today);
                let moments = session.store().all_moments().unwrap_or_default();
                items.extend(crate::privacy::review_moments(
                    &moments,
                    &data.nodes,
                    retention,
                    today,
                ));
                self.dialog = Some(dialogs::Dialog::review(items, retention));
            }
            Err(err) => self.fail_store(&err),
        }
    }
    /// Encrypts the open wijk (and its backups) with `new`, or gives an encrypted one `new`
    /// in place of the passphrase in use, which the person typed as `current` and which is
    /// checked first. The wijk is closed for it and opened again as it was on screen.
    pub(super) fn protect(&mut self, current: Option<Passphrase>, new: &Passphrase) {
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
    /// Imports files into the open wijk: a sheet shows its columns first, a snapshot or
    /// graph file imports at once.
    fn import_asking(&mut self, paths: &[PathBuf]) {
        let t = self.texts();
        match dialogs::ColumnsDialog::new(paths, Default::default(), t) {
            Some(columns) => {
                self.dialog = Some(dialogs::Dialog::Columns(Box::new(columns)));
            }
            None => self.import(paths, Default::default()),
        }
    }
    /// Offers to import `path`, a file she opened (`wijkweb FILE`, a double-click): into
    /// the open wijk when one is open for writing, or into a new one named after the file.
    /// While another dialog asks (the passphrase of her wijk), the offer waits for it.
    pub fn offer_import(&mut self, path: PathBuf) {
        if self.dialog.is_some() {
            self.pending_import = Some(path);
            return;
        }
        let current = self
            .session
            .as_ref()
            .filter(|_| self.read_only_reason.is_none())
            .map(|s| {
                s.path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        self.dialog = Some(dialogs::Dialog::OpenedFile { path, current });
    }
    /// Imports files into the open wijk (all or nothing) and reports the result; a graph
    /// file with directed edges of no kind asks what the direction means, a date like
    /// 3/1/2024 which comes first (`options` holds the answers so far).
    pub fn import(&mut self, paths: &[PathBuf], options: crate::records::ImportOptions) {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.import_with(paths, &options) {
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
                            &duplicate.at.len().to_string(),
                            &t.places(duplicate),
                        ],
                    ));
                }
                if report.nodes_added > 0 {
                    // New people: show the whole wijk they came into.
                    self.canvas.request_fit();
                }
                self.inform(text);
            }
            Err(session::ImportFailure::Input(err))
                if err.problem == crate::error::Problem::DirectedEdge =>
            {
                self.dialog = Some(dialogs::Dialog::Directed {
                    paths: paths.to_vec(),
                    options,
                });
            }
            Err(session::ImportFailure::Input(err))
                if matches!(err.problem, crate::error::Problem::AmbiguousDate { .. }) =>
            {
                let date = match &err.problem {
                    crate::error::Problem::AmbiguousDate { text } => text.clone(),
                    _ => String::new(),
                };
                self.dialog = Some(dialogs::Dialog::DateOrder {
                    paths: paths.to_vec(),
                    options,
                    date,
                });
            }
            Err(
                session::ImportFailure::Input(err)
                | session::ImportFailure::Store(StoreError::Input(err)),
            ) => self.fail(&t.input_error(&err)),
            Err(session::ImportFailure::Store(err)) => self.fail_store(&err),
        }
    }
    /// Her organisation from the settings, as the author of a PDF she makes.
    fn with_organisation(&self, options: &mut crate::exchange::snapshot::ExportOptions) {
        let organisation = self.settings.organisation.trim();
        if options.format == crate::records::ExportFormat::Pdf
            && options.organisation.is_none()
            && !organisation.is_empty()
        {
            options.organisation = Some(organisation.to_owned());
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
    pub(super) fn print(&mut self, options: &crate::exchange::snapshot::ExportOptions) {
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
    pub(super) fn export(&mut self, options: &crate::exchange::snapshot::ExportOptions) -> bool {
        let t = self.texts();
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        // A map of the past exports the wijk as it was; a casus pack is of today (it keeps
        // her circle as a moment of today).
        let mut options = options.clone();
        if let Some(day) = session.data.as_of {
            if options.casus.is_some() {
                self.fail(&fill(t.past_no_casus, &[&t.words.date(day)]));
                return false;
            }
            options.as_of = Some(day);
        }
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
        let done = crate::exchange::snapshot::export(session.store_mut(), &options);
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

/// Resident `ego`'s moments as the changes dialog lists them: number and line.
fn moment_lines(session: &Session, t: &i18n::Texts, ego: &str) -> Vec<(i64, String)> {
    session
        .store()
        .moments_of(ego)
        .unwrap_or_default()
        .iter()
        .map(|m| (m.id, fill(t.since_moment, &[&t.words.moment_line(m)])))
        .collect()
}
