//! Dialogs: choosing a file (a path field that always works, and the desktop's own file
//! dialog through rfd where a desktop portal runs), the passphrase of an encrypted wijk,
//! confirming a delete, and the help overlay with the keyboard shortcuts.

use std::fmt;
use std::path::PathBuf;

use zeroize::Zeroizing;

use egui::{Context, Id, TextEdit};

use super::i18n::{Texts, fill};
use crate::exchange::ExportFormat;
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::ExportOptions;
use crate::store::Key;
use crate::store::crypt::MIN_NEW_CHARS;

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
    },
    /// The passphrase of an encrypted wijk (to open it), or a new one (to create it).
    Passphrase {
        /// The database.
        path: PathBuf,
        /// What is typed.
        text: Typed,
        /// For a new database: typed a second time, to be sure; `None` when opening.
        again: Option<Typed>,
        /// Why the last try failed.
        error: Option<String>,
        /// Whether the field still has to take the keyboard focus (as the dialog opens).
        focus: bool,
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
    /// Import these files.
    Import(Vec<PathBuf>),
    /// Export like this.
    Export(Box<ExportOptions>),
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
        }
    }

    /// Asks for the passphrase of `path`: to open it, or (`new`) to create it encrypted.
    /// `error` says why the last try failed.
    pub fn passphrase(path: PathBuf, new: bool, error: Option<String>) -> Self {
        Self::Passphrase {
            path,
            text: Typed::default(),
            again: new.then(Typed::default),
            error,
            focus: true,
        }
    }

    /// The casus export of `centre`'s network circle: an A4 PDF, pseudonymised, in the
    /// documents folder, ready to go with one more click.
    pub fn casus(centre: &str) -> Self {
        let folder = directories::UserDirs::new()
            .and_then(|d| d.document_dir().map(std::path::Path::to_path_buf))
            .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
            .unwrap_or_default();
        let file = format!("casus-{}.pdf", crate::model::today());
        Self::File {
            purpose: FilePurpose::Export,
            path: folder.join(file).display().to_string(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: Some(centre.to_owned()),
            keep_consented: false,
            encrypt: false,
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
        match &mut self {
            Dialog::Delete { id } => {
                let Some((name, relations)) = deleting else {
                    return (None, Outcome::None);
                };
                centred_window(fill(t.delete_question, &[&name]), "delete_dialog").show(
                    ctx,
                    |ui| {
                        if relations > 0 {
                            ui.label(fill(t.delete_goes_with, &[&relations.to_string()]));
                        } else {
                            ui.label(t.delete_nothing_else);
                        }
                        ui.weak(t.can_be_undone);
                        ui.horizontal(|ui| {
                            if ui.button(t.delete.trim_end_matches('…')).clicked() {
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
            Dialog::File {
                purpose,
                path,
                format,
                pseudonymise,
                ego,
                keep_consented,
                encrypt,
            } => {
                let title = match purpose {
                    FilePurpose::New => t.new_database,
                    FilePurpose::Open => t.open_database,
                    FilePurpose::Import => t.import,
                    FilePurpose::Export => t.export,
                };
                egui::Window::new(title.trim_end_matches('…'))
                    .id(Id::unique("file_dialog"))
                    .collapsible(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
                        if *purpose == FilePurpose::Import {
                            ui.weak(t.import_hint);
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
                            ui.checkbox(pseudonymise, t.pseudonymise);
                            ui.add_enabled(
                                *pseudonymise,
                                egui::Checkbox::new(keep_consented, t.keep_consented),
                            );
                        }
                        if *purpose == FilePurpose::New {
                            ui.checkbox(encrypt, t.encrypt_new);
                        }
                        let label = ui.label(t.path);
                        let edit = if *purpose == FilePurpose::Import {
                            TextEdit::multiline(path).desired_rows(2)
                        } else {
                            TextEdit::singleline(path)
                        };
                        ui.add(edit.id(Id::unique("file_path")).desired_width(420.0))
                            .labelled_by(label.id);
                        ui.horizontal(|ui| {
                            if ui.button(t.browse).clicked()
                                && let Some(picked) = browse(*purpose)
                            {
                                *path = picked;
                            }
                            if ui.button(t.ok).clicked() && !path.trim().is_empty() {
                                let privacy = (*pseudonymise, *keep_consented);
                                outcome = decide(*purpose, path, *format, privacy, ego.clone());
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
                text,
                again,
                error,
                focus,
            } => {
                let (title, explain) = if again.is_some() {
                    (t.passphrase_new_title, t.passphrase_new_explain)
                } else {
                    (t.passphrase_title, t.passphrase_explain)
                };
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                centred_window(fill(title, &[&file]), "passphrase_dialog").show(ctx, |ui| {
                    ui.set_max_width(380.0);
                    ui.label(fill(explain, &[&MIN_NEW_CHARS.to_string()]));
                    let label = ui.label(t.passphrase);
                    let first = ui
                        .add(
                            TextEdit::singleline(&mut *text.0)
                                .password(true)
                                .id(Id::unique("passphrase"))
                                .desired_width(300.0),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(focus) {
                        // Typing goes into the field as the dialog opens.
                        first.request_focus();
                    }
                    let mut enter =
                        first.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if let Some(again) = again {
                        let label = ui.label(t.passphrase_again);
                        let second = ui
                            .add(
                                TextEdit::singleline(&mut *again.0)
                                    .password(true)
                                    .id(Id::unique("passphrase_again"))
                                    .desired_width(300.0),
                            )
                            .labelled_by(label.id);
                        enter =
                            second.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    }
                    if let Some(error) = error.as_ref() {
                        ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                    }
                    ui.horizontal(|ui| {
                        let label = if again.is_some() {
                            t.create
                        } else {
                            t.open_wijk
                        };
                        if ui.button(label).clicked() || enter {
                            match check_passphrase(t, text, again.as_ref()) {
                                Ok(key) if again.is_some() => {
                                    outcome = Outcome::CreateEncrypted(path.clone(), key);
                                    open = false;
                                }
                                Ok(key) => {
                                    outcome = Outcome::Unlock(path.clone(), key);
                                    open = false;
                                }
                                Err(message) => *error = Some(message),
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

/// A dialog window in the middle of the screen that cannot be folded or resized: the ones
/// that ask one question.
fn centred_window(title: impl Into<egui::WidgetText>, id: &str) -> egui::Window<'static> {
    egui::Window::new(title)
        .id(Id::unique(id))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
}

/// The key a passphrase dialog gives, or what is wrong with what was typed.
fn check_passphrase(t: &Texts, text: &Typed, again: Option<&Typed>) -> Result<Key, String> {
    if text.0.trim().is_empty() {
        return Err(t.passphrase_empty.to_owned());
    }
    if let Some(again) = again {
        if text.0.chars().count() < MIN_NEW_CHARS {
            return Err(fill(t.passphrase_too_short, &[&MIN_NEW_CHARS.to_string()]));
        }
        if *text.0 != *again.0 {
            return Err(t.passphrases_differ.to_owned());
        }
    }
    Key::new(text.0.as_str()).map_err(|e| e.to_string())
}

fn decide(
    purpose: FilePurpose,
    path: &str,
    format: ExportFormat,
    (pseudonymise, keep_consented): (bool, bool),
    ego: Option<String>,
) -> Outcome {
    let first = PathBuf::from(path.trim());
    match purpose {
        FilePurpose::New => Outcome::New(first),
        FilePurpose::Open => Outcome::Open(first),
        FilePurpose::Import => Outcome::Import(
            path.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect(),
        ),
        FilePurpose::Export => Outcome::Export(Box::new(ExportOptions {
            format,
            out: first,
            ego,
            depth: 1,
            pseudonymise,
            keep_consented: pseudonymise && keep_consented,
            width: 1600,
            height: 1200,
            colour_by: ColourBy::Community,
            excel: format == ExportFormat::Csv,
        })),
    }
}

/// The desktop's file dialog, where one runs (it returns nothing where no portal runs, as
/// under Xvfb: the path field is then the way).
fn browse(purpose: FilePurpose) -> Option<String> {
    let dialog = rfd::FileDialog::new();
    match purpose {
        FilePurpose::New => dialog
            .add_filter("wijkweb", &["sqlite", "db"])
            .save_file()
            .map(|p| p.display().to_string()),
        FilePurpose::Open => dialog
            .add_filter("wijkweb", &["sqlite", "db"])
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
        FilePurpose::Export => dialog.save_file().map(|p| p.display().to_string()),
    }
}

/// The help overlay; returns whether it stays open.
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
                for (keys, what) in t.shortcut_rows {
                    ui.strong(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
            close = ui.button(t.close).clicked();
        });
    open && !close
}
