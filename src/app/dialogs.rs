//! Dialogs: choosing a file (a path field that always works, and the desktop's own file
//! dialog through rfd where a desktop portal runs), the passphrase of an encrypted wijk
//! (to open it, create it, encrypt it or change its passphrase), confirming a delete, and the help overlay with the keyboard shortcuts.

use std::fmt;
use std::path::PathBuf;

use zeroize::Zeroizing;

use egui::{Context, Id, TextEdit};

use super::i18n::{Texts, fill};
use crate::exchange::ExportFormat;
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::ExportOptions;
use crate::privacy::ReviewItem;
use crate::store::Key;
use crate::store::crypt::MIN_NEW_CHARS;
use crate::store::privacy::Retention;

/// A passphrase being typed: wiped from memory when the dialog goes, never printed.
#[derive(Clone, Default)]
pub struct Typed(Zeroizing<String>);

impl fmt::Debug for Typed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Typed(hidden)")
    }
}

/// What a file is chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A new database.
    New,
    /// An existing database.
    Open,
    /// Files to import.
    Import,
    /// Where to export.
    Export,
    /// The folder for an inzage.
    Inzage,
    /// The map or network circle on paper: a PDF, then opened in the desktop's viewer.
    Print,
    /// Where a full copy goes: a lossless JSON snapshot for the makelaar herself.
    FullCopy,
}

/// What a passphrase is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseFor {
    /// Opening an encrypted wijk.
    Open,
    /// Creating a new wijk encrypted.
    Create,
    /// Encrypting the open, plain wijk.
    Encrypt,
    /// Changing the passphrase of the open, encrypted wijk.
    Change,
}

/// An open dialog.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Choosing a file.
    File {
        /// For what.
        purpose: FilePurpose,
        /// The path typed or picked (one per line for an import).
        path: String,
        /// The export format.
        format: ExportFormat,
        /// Whether the export pseudonymises.
        pseudonymise: bool,
        /// Only this person's network circle (the casus export).
        ego: Option<String>,
        /// With pseudonymise: who gave written consent keeps her name.
        keep_consented: bool,
        /// For a new database: encrypt it with a passphrase chosen next.
        encrypt: bool,
        /// The desktop's file dialog came back at once with nothing: there is none here.
        no_file_dialog: bool,
    },
    /// The passphrase of an encrypted wijk (to open it), or a new one (to create a wijk
    /// encrypted, to encrypt the open one, or to change its passphrase).
    Passphrase {
        /// The database.
        path: PathBuf,
        /// What the passphrase is for.
        purpose: PassphraseFor,
        /// The passphrase in use (only when changing it).
        current: Typed,
        /// The passphrase (the new one, but when opening).
        text: Typed,
        /// A new passphrase typed a second time, to be sure (not when opening).
        again: Typed,
        /// Why the last try failed.
        error: Option<String>,
        /// The field (counted from the top) that still has to take the keyboard focus: the
        /// first as the dialog opens, the one that is wrong after a failed try.
        focus: Option<usize>,
    },
    /// Confirming that a node goes.
    Delete {
        /// The node.
        id: String,
    },
    /// Confirming that a person is erased for good.
    Forget {
        /// The person.
        id: String,
    },
    /// What is due for review (retention, consent, legal basis), and the retention
    /// periods.
    Review {
        /// The items, persons first.
        items: Vec<ReviewItem>,
        /// The retention periods in months as typed (persons, organisations, initiatives,
        /// ended relations); empty is none.
        periods: [String; 4],
        /// Why the periods typed cannot be kept.
        error: Option<String>,
    },
}

/// What the dialog decided.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing yet (or cancelled).
    None,
    /// Delete this node.
    Delete(String),
    /// Erase this person.
    Forget(String),
    /// Open this database.
    Open(PathBuf),
    /// Create this database.
    New(PathBuf),
    /// Ask for a passphrase for this new database.
    NewEncrypted(PathBuf),
    /// Open this encrypted database with this passphrase.
    Unlock(PathBuf, Key),
    /// Create this database encrypted with this passphrase.
    CreateEncrypted(PathBuf, Key),
    /// Encrypt the open wijk with `new`, or (with the passphrase in use as `current`) give
    /// it `new` instead.
    Protect {
        /// The passphrase in use, as typed (when changing it).
        current: Option<Key>,
        /// The new passphrase.
        new: Key,
    },
    /// Import these files.
    Import(Vec<PathBuf>),
    /// Export like this.
    Export(Box<ExportOptions>),
    /// Write this PDF and open it in the desktop's viewer.
    Print(Box<ExportOptions>),
    /// Write the inzage of person `id` into `dir`.
    Inzage {
        /// The person.
        id: String,
        /// The folder.
        dir: PathBuf,
    },
    /// Select these nodes (and centre the first).
    Select(Vec<String>),
    /// Keep these retention periods.
    Retention(Retention),
}

const FORMATS: [(ExportFormat, &str); 7] = [
    (ExportFormat::Json, "JSON (wijkweb)"),
    (ExportFormat::Csv, "CSV (Excel)"),
    (ExportFormat::Graphml, "GraphML"),
    (ExportFormat::Gexf, "GEXF (Gephi)"),
    (ExportFormat::Svg, "SVG"),
    (ExportFormat::Png, "PNG"),
    (ExportFormat::Pdf, "PDF (A4)"),
];

impl Dialog {
    /// A file dialog for `purpose`.
    pub fn file(purpose: FilePurpose) -> Self {
        Self::File {
            purpose,
            path: String::new(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: None,
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
        }
    }

    /// Asks for a passphrase for `path`, for `purpose`. `error` says why the last try
    /// failed.
    pub fn passphrase(path: PathBuf, purpose: PassphraseFor, error: Option<String>) -> Self {
        Self::Passphrase {
            path,
            purpose,
            current: Typed::default(),
            text: Typed::default(),
            again: Typed::default(),
            error,
            focus: Some(0),
        }
    }

    /// A new wijk: a name is enough; it becomes `NAME.wijk` in the wijkweb folder of the
    /// documents folder (see [`new_wijk_path`]).
    pub fn new_wijk() -> Self {
        Self::file(FilePurpose::New)
    }

    /// The map (or `centre`'s network circle) on paper: an A4 PDF, pseudonymised, in the
    /// wijkweb folder of the documents folder, opened in the desktop's viewer.
    pub fn print(centre: Option<&str>, t: &Texts) -> Self {
        let stem = if centre.is_some() {
            t.print_file_circle
        } else {
            t.print_file_map
        };
        let path = unused_path(
            &wijkweb_folder(),
            &format!("{stem}-{}", crate::model::today()),
            "pdf",
        );
        Self::File {
            purpose: FilePurpose::Print,
            path: path.display().to_string(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: centre.map(str::to_owned),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
        }
    }

    /// The casus export of `centre`'s network circle: an A4 PDF, pseudonymised, in the
    /// documents folder, ready to go with one more click. Its name holds the date, never
    /// a person's name, and never overwrites an earlier casus of the same day.
    pub fn casus(centre: &str) -> Self {
        let file = unused_path(
            &wijkweb_folder(),
            &format!("casus-{}", crate::model::today()),
            "pdf",
        );
        Self::File {
            purpose: FilePurpose::Export,
            path: file.display().to_string(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: Some(centre.to_owned()),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
        }
    }

    /// The inzage of person `id` (named `name`): a new folder in the documents folder, ready
    /// to be written with one more click.
    pub fn inzage(id: &str, name: &str) -> Self {
        let readable: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let folder = format!(
            "inzage {} {}",
            readable.split_whitespace().collect::<Vec<_>>().join(" "),
            crate::model::today()
        );
        Self::File {
            purpose: FilePurpose::Inzage,
            path: documents().join(folder).display().to_string(),
            format: ExportFormat::Json,
            pseudonymise: false,
            ego: Some(id.to_owned()),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
        }
    }

    /// Shows the dialog; returns it while it stays open, and what was decided.
    /// `deleting` is the name and relation count of the node a delete dialog is about.
    pub fn show(
        mut self,
        ctx: &Context,
        t: &Texts,
        deleting: Option<(String, usize)>,
    ) -> (Option<Self>, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        // Escape closes every dialog; Enter confirms a delete (it can be undone; an
        // erasure cannot, and waits for its button).
        let (escape, enter) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::Escape),
                i.key_pressed(egui::Key::Enter),
            )
        });
        if escape {
            return (None, Outcome::None);
        }
        match &mut self {
            Dialog::Delete { id } => {
                let Some((name, relations)) = deleting else {
                    return (None, Outcome::None);
                };
                centred_window(fill(t.delete_question, &[&name]), "delete_dialog").show(
                    ctx,
                    |ui| {
                        if relations > 0 {
                            ui.label(super::i18n::count(t.delete_goes_with, relations));
                        } else {
                            ui.label(t.delete_nothing_else);
                        }
                        ui.weak(t.can_be_undone);
                        ui.horizontal(|ui| {
                            if ui.button(t.delete.trim_end_matches('…')).clicked() || enter {
                                outcome = Outcome::Delete(id.clone());
                                open = false;
                            }
                            if ui.button(t.cancel).clicked() {
                                open = false;
                            }
                        });
                    },
                );
            }
            Dialog::Forget { id } => {
                let Some((name, _)) = deleting else {
                    return (None, Outcome::None);
                };
                centred_window(fill(t.forget_question, &[&name]), "forget_dialog").show(
                    ctx,
                    |ui| {
                        ui.set_max_width(360.0);
                        ui.label(t.forget_explain);
                        ui.horizontal(|ui| {
                            if ui.button(t.forget.trim_end_matches('…')).clicked() {
                                outcome = Outcome::Forget(id.clone());
                                open = false;
                            }
                            if ui.button(t.cancel).clicked() {
                                open = false;
                            }
                        });
                    },
                );
            }
            Dialog::Review {
                items,
                periods,
                error,
            } => {
                egui::Window::new(t.review.trim_end_matches('…'))
                    .id(Id::unique("review_dialog"))
                    .collapsible(false)
                    .open(&mut open)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
                        ui.set_max_width(520.0);
                        ui.strong(t.retention);
                        egui::Grid::new(Id::unique("retention_grid")).show(ui, |ui| {
                            for (k, (label, text)) in
                                t.retention_kinds.iter().zip(periods.iter_mut()).enumerate()
                            {
                                let label = ui.label(*label);
                                ui.add(
                                    TextEdit::singleline(text)
                                        .id(Id::unique(("retention_field", k)))
                                        .desired_width(60.0),
                                )
                                .labelled_by(label.id);
                                ui.label(t.months);
                                ui.end_row();
                            }
                        });
                        if let Some(error) = error.as_ref() {
                            ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                        }
                        if ui.button(t.keep_retention).clicked() {
                            match parse_periods(periods) {
                                Some(retention) => outcome = Outcome::Retention(retention),
                                None => *error = Some(t.retention_invalid.to_owned()),
                            }
                        }
                        ui.separator();
                        if items.is_empty() {
                            ui.label(t.review_nothing);
                            return;
                        }
                        ui.strong(fill(t.review_count, &[&items.len().to_string()]));
                        ui.weak(t.review_hint);
                        egui::ScrollArea::vertical()
                            .max_height(420.0)
                            .show(ui, |ui| {
                                for item in items.iter() {
                                    if ui.link(&item.name).clicked() {
                                        outcome = Outcome::Select(match &item.ends {
                                            Some((a, b)) => vec![a.clone(), b.clone()],
                                            None => vec![item.id.clone()],
                                        });
                                    }
                                    for reason in &item.reasons {
                                        ui.label(format!("· {}", t.review_reason(*reason)));
                                    }
                                    ui.add_space(4.0);
                                }
                            });
                    });
                if matches!(outcome, Outcome::Select(_) | Outcome::Retention(_)) {
                    open = false;
                }
            }
            Dialog::File {
                purpose,
                path,
                format,
                pseudonymise,
                ego,
                keep_consented,
                encrypt,
                no_file_dialog,
            } => {
                let title = match purpose {
                    FilePurpose::New => t.new_database,
                    FilePurpose::Open => t.open_database,
                    FilePurpose::Import => t.import,
                    FilePurpose::Export => t.export,
                    FilePurpose::Inzage => t.inzage,
                    FilePurpose::Print => t.print,
                    FilePurpose::FullCopy => t.full_copy,
                };
                egui::Window::new(title.trim_end_matches('…'))
                    .id(Id::unique("file_dialog"))
                    .collapsible(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
                        ui.set_max_width(460.0);
                        match purpose {
                            FilePurpose::Import => {
                                ui.weak(t.import_hint);
                            }
                            FilePurpose::Inzage => {
                                ui.label(t.inzage_hint);
                            }
                            FilePurpose::Print => {
                                ui.label(t.print_hint);
                            }
                            FilePurpose::New => {
                                ui.label(t.new_wijk_hint);
                            }
                            FilePurpose::FullCopy => {
                                ui.label(t.full_copy_hint);
                            }
                            FilePurpose::Open | FilePurpose::Export => {}
                        }
                        if *purpose == FilePurpose::Export {
                            egui::ComboBox::from_label(t.format)
                                .selected_text(
                                    FORMATS.iter().find(|f| f.0 == *format).map_or("", |f| f.1),
                                )
                                .show_ui(ui, |ui| {
                                    for (f, name) in FORMATS {
                                        ui.selectable_value(format, f, name);
                                    }
                                });
                        }
                        if matches!(purpose, FilePurpose::Export | FilePurpose::Print) {
                            ui.checkbox(pseudonymise, t.pseudonymise);
                            ui.add_enabled(
                                *pseudonymise,
                                egui::Checkbox::new(keep_consented, t.keep_consented),
                            );
                        }
                        if *purpose == FilePurpose::New {
                            ui.checkbox(encrypt, t.encrypt_new);
                        }
                        let label = ui.label(if *purpose == FilePurpose::New {
                            t.name_or_path
                        } else {
                            t.path
                        });
                        let edit = if *purpose == FilePurpose::Import {
                            TextEdit::multiline(path).desired_rows(2)
                        } else {
                            TextEdit::singleline(path)
                        };
                        let field = ui
                            .add(edit.id(Id::unique("file_path")).desired_width(440.0))
                            .labelled_by(label.id);
                        let mut enter = false;
                        if *purpose == FilePurpose::New {
                            // The whole path, so she knows where her wijk is.
                            match new_wijk_path(path) {
                                Some(full) => {
                                    ui.weak(fill(
                                        t.will_be_made_as,
                                        &[&full.display().to_string()],
                                    ));
                                }
                                None => {
                                    ui.weak(fill(
                                        t.new_wijk_goes_to,
                                        &[&wijkweb_folder().display().to_string()],
                                    ));
                                }
                            }
                            enter =
                                field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        }
                        let available = file_dialog_available() && !*no_file_dialog;
                        if !available {
                            ui.weak(t.no_file_dialog);
                        }
                        ui.horizontal(|ui| {
                            if ui
                                .add_enabled(available, egui::Button::new(t.browse))
                                .clicked()
                            {
                                let asked = std::time::Instant::now();
                                match browse(*purpose) {
                                    Some(picked) => *path = picked,
                                    // Back with nothing before a person could have looked:
                                    // no dialog opened at all.
                                    None if asked.elapsed()
                                        < std::time::Duration::from_millis(300) =>
                                    {
                                        *no_file_dialog = true;
                                    }
                                    None => {}
                                }
                            }
                            if (ui.button(t.ok).clicked() || enter) && !path.trim().is_empty() {
                                let privacy = (*pseudonymise, *keep_consented);
                                outcome = decide(
                                    *purpose,
                                    path,
                                    *format,
                                    privacy,
                                    ego.clone(),
                                    t.words.language,
                                );
                                if let (true, Outcome::New(path)) = (*encrypt, &outcome) {
                                    outcome = Outcome::NewEncrypted(path.clone());
                                }
                                open = false;
                            }
                            if ui.button(t.cancel).clicked() {
                                open = false;
                            }
                        });
                    });
            }
            Dialog::Passphrase {
                path,
                purpose,
                current,
                text,
                again,
                error,
                focus,
            } => {
                let purpose = *purpose;
                let (title, explain, button, first) = match purpose {
                    PassphraseFor::Open => (
                        t.passphrase_title,
                        t.passphrase_explain,
                        t.open_wijk,
                        t.passphrase,
                    ),
                    PassphraseFor::Create => (
                        t.passphrase_new_title,
                        t.passphrase_new_explain,
                        t.create,
                        t.passphrase,
                    ),
                    PassphraseFor::Encrypt => (
                        t.passphrase_encrypt_title,
                        t.passphrase_encrypt_explain,
                        t.encrypt,
                        t.passphrase,
                    ),
                    PassphraseFor::Change => (
                        t.passphrase_change_title,
                        t.passphrase_change_explain,
                        t.change,
                        t.passphrase_new,
                    ),
                };
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                centred_window(fill(title, &[&file]), "passphrase_dialog").show(ctx, |ui| {
                    ui.set_max_width(380.0);
                    ui.label(fill(explain, &[&MIN_NEW_CHARS.to_string()]));
                    let mut fields: Vec<(&str, &mut Typed)> = Vec::with_capacity(3);
                    if purpose == PassphraseFor::Change {
                        fields.push((t.passphrase_current, &mut *current));
                    }
                    fields.push((first, &mut *text));
                    if purpose != PassphraseFor::Open {
                        fields.push((t.passphrase_again, &mut *again));
                    }
                    let last = fields.len() - 1;
                    let mut enter = false;
                    let mut next = focus.take();
                    for (i, (label, typed)) in fields.into_iter().enumerate() {
                        let label = ui.label(label);
                        let field = ui
                            .add(
                                TextEdit::singleline(&mut *typed.0)
                                    .password(true)
                                    .id(Id::unique(("passphrase_field", i)))
                                    .desired_width(300.0),
                            )
                            .labelled_by(label.id);
                        if next == Some(i) {
                            // Typing goes into the first field as the dialog opens, Enter
                            // moves on to the next one, and a failed try to the wrong one.
                            field.request_focus();
                        }
                        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            if i == last {
                                enter = true;
                            } else {
                                next = Some(i + 1);
                            }
                        }
                    }
                    if let Some(error) = error.as_ref() {
                        ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                    }
                    ui.horizontal(|ui| {
                        if ui.button(button).clicked() || enter {
                            match check_passphrase(t, purpose, [&*current, &*text, &*again]) {
                                Ok((old, key)) => {
                                    outcome = match purpose {
                                        PassphraseFor::Open => Outcome::Unlock(path.clone(), key),
                                        PassphraseFor::Create => {
                                            Outcome::CreateEncrypted(path.clone(), key)
                                        }
                                        PassphraseFor::Encrypt | PassphraseFor::Change => {
                                            Outcome::Protect {
                                                current: old,
                                                new: key,
                                            }
                                        }
                                    };
                                    open = false;
                                }
                                Err((field, message)) => {
                                    *error = Some(message);
                                    // The field that is wrong, counted among those shown.
                                    *focus = Some(match purpose {
                                        PassphraseFor::Change => field,
                                        _ => field.saturating_sub(1),
                                    });
                                }
                            }
                        }
                        if ui.button(t.cancel).clicked() {
                            open = false;
                        }
                    });
                });
            }
        }
        ((open).then_some(self), outcome)
    }
}

impl Dialog {
    /// The list of what is due for review, with the retention periods to change.
    pub fn review(items: Vec<ReviewItem>, retention: Retention) -> Self {
        let text = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
        Self::Review {
            items,
            periods: [
                text(retention.person),
                text(retention.organisation),
                text(retention.initiative),
                text(retention.relation),
            ],
            error: None,
        }
    }
}

/// Retention periods from what was typed: whole months, 1 or more; empty (or 0) is none.
fn parse_periods(periods: &[String; 4]) -> Option<Retention> {
    let month = |text: &String| -> Option<Option<u32>> {
        match text.trim() {
            "" | "0" => Some(None),
            t => t.parse::<u32>().ok().map(Some),
        }
    };
    Some(Retention {
        person: month(&periods[0])?,
        organisation: month(&periods[1])?,
        initiative: month(&periods[2])?,
        relation: month(&periods[3])?,
    })
}

/// The extension of a wijk file made by the app: `NAME.wijk`. (Older wijken, and the one
/// in the data folder, may end in `.sqlite` or `.db`; they open the same.)
pub const WIJK_EXTENSION: &str = "wijk";

/// The user's documents folder for what the app writes for her: the desktop's own
/// (`Documenten` on a Dutch desktop), or `Documents` in her home folder where none is set.
pub fn documents() -> PathBuf {
    let dirs = directories::UserDirs::new();
    dirs.as_ref()
        .and_then(|d| d.document_dir().map(std::path::Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().join("Documents")))
        .unwrap_or_default()
}

/// The folder wijkweb proposes for new wijken, prints and casus exports: `wijkweb` in the
/// documents folder.
pub fn wijkweb_folder() -> PathBuf {
    documents().join("wijkweb")
}

/// Where a new wijk typed as `typed` goes: a bare name (or any relative path) in
/// [`wijkweb_folder`], with `.wijk` added unless it ends in a wijk file's extension
/// already. `None` for nothing typed.
pub fn new_wijk_path(typed: &str) -> Option<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let mut path = PathBuf::from(typed);
    if path.is_relative() {
        path = wijkweb_folder().join(path);
    }
    let known = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| [WIJK_EXTENSION, "sqlite", "db"].contains(&e.to_lowercase().as_str()));
    if !known {
        let mut name = path.file_name()?.to_os_string();
        name.push(".");
        name.push(WIJK_EXTENSION);
        path.set_file_name(name);
    }
    Some(path)
}

/// `dir/STEM.EXT`, or `dir/STEM-2.EXT`, `-3`… when that is taken: an earlier file of the
/// same day is never overwritten.
pub fn unused_path(dir: &std::path::Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Whether the desktop can show a file dialog here: on Windows and macOS always; on
/// Linux and the BSDs through the desktop portal (which needs a session bus) or zenity.
/// Under a bare X server (Xvfb, some remote desktops) there is neither.
pub fn file_dialog_available() -> bool {
    #[cfg(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ))]
    {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
        let zenity = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        });
        bus || zenity
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )))]
    {
        true
    }
}

/// A dialog window in the middle of the screen that cannot be folded or resized: the ones
/// that ask one question.
fn centred_window(title: impl Into<egui::WidgetText>, id: &str) -> egui::Window<'static> {
    egui::Window::new(title)
        .id(Id::unique(id))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
}

/// The keys a passphrase dialog gives (the one in use when changing it, and the one asked
/// for), from what was typed in its fields (in use, passphrase, once more); or which of the
/// three is wrong (0, 1 or 2), and how.
fn check_passphrase(
    t: &Texts,
    purpose: PassphraseFor,
    [current, text, again]: [&Typed; 3],
) -> Result<(Option<Key>, Key), (usize, String)> {
    let key = |typed: &Typed, field: usize| {
        if typed.0.trim().is_empty() {
            return Err((field, t.passphrase_empty.to_owned()));
        }
        Key::new(typed.0.as_str()).map_err(|e| (field, t.store_error(&e)))
    };
    let old = match purpose {
        PassphraseFor::Change => Some(key(current, 0)?),
        _ => None,
    };
    let new = key(text, 1)?;
    if purpose != PassphraseFor::Open {
        if text.0.chars().count() < MIN_NEW_CHARS {
            let message = fill(t.passphrase_too_short, &[&MIN_NEW_CHARS.to_string()]);
            return Err((1, message));
        }
        if *text.0 != *again.0 {
            return Err((2, t.passphrases_differ.to_owned()));
        }
    }
    Ok((old, new))
}

fn decide(
    purpose: FilePurpose,
    path: &str,
    format: ExportFormat,
    (pseudonymise, keep_consented): (bool, bool),
    ego: Option<String>,
    language: crate::words::Language,
) -> Outcome {
    let first = PathBuf::from(path.trim());
    match purpose {
        FilePurpose::New => match new_wijk_path(path) {
            Some(full) => Outcome::New(full),
            None => Outcome::None,
        },
        FilePurpose::Open => Outcome::Open(first),
        FilePurpose::Import => Outcome::Import(
            path.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect(),
        ),
        FilePurpose::Inzage => match ego {
            Some(id) => Outcome::Inzage { id, dir: first },
            None => Outcome::None,
        },
        FilePurpose::FullCopy => {
            let mut options =
                export_options(ExportFormat::Json, first, None, (false, false), language);
            options.backup = true;
            Outcome::Export(Box::new(options))
        }
        FilePurpose::Export | FilePurpose::Print => {
            let options = Box::new(export_options(
                format,
                first,
                ego,
                (pseudonymise, keep_consented),
                language,
            ));
            if purpose == FilePurpose::Print {
                Outcome::Print(options)
            } else {
                Outcome::Export(options)
            }
        }
    }
}

/// What the export dialog asks for, with the sizes and colours the app's exports use.
fn export_options(
    format: ExportFormat,
    out: PathBuf,
    ego: Option<String>,
    (pseudonymise, keep_consented): (bool, bool),
    language: crate::words::Language,
) -> ExportOptions {
    ExportOptions {
        format,
        out,
        ego,
        depth: 1,
        pseudonymise,
        keep_consented: pseudonymise && keep_consented,
        backup: false,
        width: 1600,
        height: 1200,
        colour_by: ColourBy::Community,
        excel: format == ExportFormat::Csv,
        language,
    }
}

/// The desktop's file dialog, where one runs (it returns nothing where no portal runs, as
/// under Xvfb: the path field is then the way).
fn browse(purpose: FilePurpose) -> Option<String> {
    let dialog = rfd::FileDialog::new();
    match purpose {
        FilePurpose::New => dialog
            .add_filter("wijkweb", &[WIJK_EXTENSION])
            .set_directory(wijkweb_folder())
            .save_file()
            .map(|p| p.display().to_string()),
        FilePurpose::Open => dialog
            .add_filter("wijkweb", &[WIJK_EXTENSION, "sqlite", "db"])
            .pick_file()
            .map(|p| p.display().to_string()),
        FilePurpose::Import => dialog
            .add_filter("wijkweb", &["json", "csv", "graphml"])
            .pick_files()
            .map(|ps| {
                ps.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        FilePurpose::Export | FilePurpose::Print => {
            dialog.save_file().map(|p| p.display().to_string())
        }
        FilePurpose::FullCopy => dialog
            .add_filter("wijkweb", &["json"])
            .save_file()
            .map(|p| p.display().to_string()),
        FilePurpose::Inzage => dialog.pick_folder().map(|p| p.display().to_string()),
    }
}

/// The shortcut list, made from the commands themselves (so it says what the keys do),
/// then what the mouse does; returns whether it stays open.
pub fn help(ctx: &Context, t: &Texts) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(t.shortcuts)
        .id(Id::unique("help_overlay"))
        .open(&mut open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in super::commands::Command::ALL {
                    if let Some(keys) = command.keys_text(ctx) {
                        ui.strong(keys);
                        let what = match command {
                            super::commands::Command::Help => t.this_list,
                            other => other.label(t).trim_end_matches('…'),
                        };
                        ui.label(what);
                        ui.end_row();
                    }
                }
                for (keys, what) in t.mouse_rows {
                    ui.strong(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
            ui.weak(t.keys_on_map);
            close = ui.button(t.close).clicked();
        });
    open && !close
}
