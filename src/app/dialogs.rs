//! Dialogs: choosing a file (a path field that always works, and the desktop's own file
//! dialog through rfd where a desktop portal runs), confirming a delete, and the help
//! overlay with the keyboard shortcuts.

use std::path::PathBuf;

use egui::{Context, Id, TextEdit};

use super::i18n::{Texts, fill};
use crate::exchange::ExportFormat;
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::ExportOptions;

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
                egui::Window::new(fill(t.delete_question, &[&name]))
                    .id(Id::unique("delete_dialog"))
                    .collapsible(false)
                    .resizable(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
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
                    });
            }
            Dialog::Forget { id } => {
                let Some((name, _)) = deleting else {
                    return (None, Outcome::None);
                };
                egui::Window::new(fill(t.forget_question, &[&name]))
                    .id(Id::unique("forget_dialog"))
                    .collapsible(false)
                    .resizable(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
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
                    });
            }
            Dialog::File {
                purpose,
                path,
                format,
                pseudonymise,
                ego,
                keep_consented,
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
                                open = false;
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
