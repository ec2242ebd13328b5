//! Choosing a file: a path field that always works, and the desktop's own file dialog
//! through rfd where a desktop portal runs; and where the app proposes to put what it
//! writes.

use std::path::PathBuf;

use egui::{Context, Id, TextEdit};

use super::Outcome;
use crate::app::i18n::{Texts, fill};
use crate::exchange::ExportFormat;
use crate::exchange::casus::CasusOptions;
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::ExportOptions;
use crate::model::Scheme;

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

/// The file dialog's state.
#[derive(Clone, Debug)]
pub struct FileDialog {
    /// For what.
    pub purpose: FilePurpose,
    /// The path typed or picked (one per line for an import).
    pub path: String,
    /// The export format.
    pub format: ExportFormat,
    /// Whether the export pseudonymises.
    pub pseudonymise: bool,
    /// Only this person's network circle (the casus export).
    pub ego: Option<String>,
    /// With pseudonymise: who gave written consent keeps her name.
    pub keep_consented: bool,
    /// For a new database: encrypt it with a passphrase chosen next.
    pub encrypt: bool,
    /// The desktop's file dialog came back at once with nothing: there is none here.
    pub no_file_dialog: bool,
    /// For a casus pack: its scheme and header (author, organisation, purpose).
    pub casus: Option<CasusOptions>,
    /// The paper of a PDF of the map or a circle (A3 and A0 for a poster).
    pub paper: crate::records::Paper,
    /// A PNG at 300 dpi, for print (else as on screen, 96).
    pub print_resolution: bool,
}

const FORMATS: [(ExportFormat, &str); 8] = [
    (ExportFormat::Json, "JSON (wijkweb)"),
    (ExportFormat::Xlsx, "Excel (.xlsx)"),
    (ExportFormat::Csv, "CSV (Excel)"),
    (ExportFormat::Graphml, "GraphML"),
    (ExportFormat::Gexf, "GEXF (Gephi)"),
    (ExportFormat::Svg, "SVG"),
    (ExportFormat::Png, "PNG"),
    (ExportFormat::Pdf, "PDF"),
];

impl FileDialog {
    /// A file dialog for `purpose`.
    pub fn new(purpose: FilePurpose) -> Self {
        Self {
            purpose,
            path: String::new(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: None,
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
            casus: None,
            paper: crate::records::Paper::A4,
            print_resolution: false,
        }
    }

    /// A new wijk: a name is enough; it becomes `NAME.wijk` in the wijkweb folder of the
    /// documents folder (see [`new_wijk_path`]).
    pub fn new_wijk() -> Self {
        Self::new(FilePurpose::New)
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
        Self {
            purpose: FilePurpose::Print,
            path: path.display().to_string(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: centre.map(str::to_owned),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
            casus: None,
            paper: crate::records::Paper::A4,
            print_resolution: false,
        }
    }

    /// The casus export of `centre`'s network circle: an A4 PDF, pseudonymised, in the
    /// documents folder, ready to go with one more click. Its name holds the date, never
    /// a person's name, and never overwrites an earlier casus of the same day.
    pub fn casus(centre: &str, author: &str) -> Self {
        let file = unused_path(
            &wijkweb_folder(),
            &format!("casus-{}", crate::model::today()),
            "pdf",
        );
        Self {
            purpose: FilePurpose::Export,
            path: file.display().to_string(),
            format: ExportFormat::Pdf,
            pseudonymise: true,
            ego: Some(centre.to_owned()),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
            casus: Some(CasusOptions {
                author: Some(author.trim().to_owned()).filter(|a| !a.is_empty()),
                ..CasusOptions::default()
            }),
            paper: crate::records::Paper::A4,
            print_resolution: false,
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
        Self {
            purpose: FilePurpose::Inzage,
            path: documents().join(folder).display().to_string(),
            format: ExportFormat::Json,
            pseudonymise: false,
            ego: Some(id.to_owned()),
            keep_consented: false,
            encrypt: false,
            no_file_dialog: false,
            casus: None,
            paper: crate::records::Paper::A4,
            print_resolution: false,
        }
    }

    /// Shows it; returns whether it stays open, and the outcome.
    pub(super) fn show(&mut self, ctx: &Context, t: &Texts) -> (bool, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        let Self {
            purpose,
            path,
            format,
            pseudonymise,
            ego,
            keep_consented,
            encrypt,
            no_file_dialog,
            casus,
            paper,
            print_resolution,
        } = self;
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
                if let Some(casus) = casus.as_mut() {
                    casus_fields(ui, t, casus);
                } else if *purpose == FilePurpose::Export {
                    egui::ComboBox::from_label(t.format)
                        .selected_text(FORMATS.iter().find(|f| f.0 == *format).map_or("", |f| f.1))
                        .show_ui(ui, |ui| {
                            for (f, name) in FORMATS {
                                ui.selectable_value(format, f, name);
                            }
                        });
                }
                if casus.is_none()
                    && (*purpose == FilePurpose::Print
                        || (*purpose == FilePurpose::Export && *format == ExportFormat::Pdf))
                {
                    paper_choice(ui, t, paper);
                }
                if *purpose == FilePurpose::Export && *format == ExportFormat::Png {
                    ui.checkbox(print_resolution, t.print_resolution);
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
                            ui.weak(fill(t.will_be_made_as, &[&full.display().to_string()]));
                        }
                        None => {
                            ui.weak(fill(
                                t.new_wijk_goes_to,
                                &[&wijkweb_folder().display().to_string()],
                            ));
                        }
                    }
                    enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
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
                            None if asked.elapsed() < std::time::Duration::from_millis(300) => {
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
                        if let Outcome::Export(options) = &mut outcome {
                            options.casus = casus.clone();
                        }
                        if let Outcome::Export(options) | Outcome::Print(options) = &mut outcome
                            && options.casus.is_none()
                        {
                            if options.format == ExportFormat::Pdf {
                                options.paper = Some(*paper);
                            }
                            if options.format == ExportFormat::Png && *print_resolution {
                                options.dpi = 300;
                            }
                        }
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
        (open, outcome)
    }
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
        .is_some_and(|e| crate::store::files::WIJK_EXTENSIONS.contains(&e.to_lowercase().as_str()));
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
        casus: None,
        as_of: None,
        shown_as: None,
        with_ended: false,
        organisation: None,
        paper: None,
        dpi: crate::exchange::picture::SCREEN_DPI,
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
            .add_filter("wijkweb", &crate::store::files::WIJK_EXTENSIONS)
            .pick_file()
            .map(|p| p.display().to_string()),
        FilePurpose::Import => dialog
            .add_filter("wijkweb", &crate::exchange::IMPORT_EXTENSIONS)
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

/// The paper of a PDF: A4 for the casusoverleg, A3 and A0 for a poster.
fn paper_choice(ui: &mut egui::Ui, t: &Texts, paper: &mut crate::records::Paper) {
    use crate::records::Paper;
    let name = |p: Paper| match p {
        Paper::A4 => t.paper_a4,
        Paper::A3 => t.paper_a3,
        Paper::A0 => t.paper_a0,
    };
    egui::ComboBox::from_label(t.paper)
        .selected_text(name(*paper))
        .show_ui(ui, |ui| {
            for p in [Paper::A4, Paper::A3, Paper::A0] {
                ui.selectable_value(paper, p, name(p));
            }
        });
}

/// The casus pack's own fields: the scheme, and who drew it up for which organisation and
/// purpose (printed in every page's header).
fn casus_fields(ui: &mut egui::Ui, t: &Texts, casus: &mut CasusOptions) {
    let names = &t.words.casus;
    egui::ComboBox::from_label(t.casus_scheme)
        .selected_text(names.scheme(casus.scheme).name)
        .show_ui(ui, |ui| {
            for scheme in Scheme::ALL {
                ui.selectable_value(&mut casus.scheme, scheme, names.scheme(scheme).name);
            }
        });
    for (label, value, key) in [
        (t.casus_author, &mut casus.author, "casus_author"),
        (
            t.casus_organisation,
            &mut casus.organisation,
            "casus_organisation",
        ),
        (t.casus_purpose, &mut casus.purpose, "casus_purpose"),
    ] {
        let mut text = value.clone().unwrap_or_default();
        let shown = ui.label(label);
        if ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(Id::unique(key))
                    .desired_width(440.0),
            )
            .labelled_by(shown.id)
            .changed()
        {
            *value = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
        }
    }
    ui.checkbox(&mut casus.between_contacts, t.casus_between);
}
