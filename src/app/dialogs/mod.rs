//! Dialogs, one file each: choosing a file ([`file`]), the passphrase of an encrypted wijk
//! ([`passphrase`]), confirming a delete or an erasure ([`confirm`]), what is due for
//! review ([`review`]), which column of a sheet becomes which field ([`columns`]) and the
//! help overlay with the keyboard shortcuts ([`help`]). This
//! file holds what they share: the open dialog, what it decided, and the window they use.

mod changes;
mod columns;
mod confirm;
mod file;
mod help;
mod passphrase;
mod review;

use std::path::PathBuf;

use egui::{Context, Id};

use super::i18n::Texts;
use crate::exchange::snapshot::ExportOptions;
use crate::privacy::ReviewItem;
use crate::store::Key;
use crate::store::privacy::Retention;
pub use changes::ChangesDialog;
pub use columns::ColumnsDialog;
pub use confirm::new_wijk_for;
pub use file::{
    FileDialog, FilePurpose, WIJK_EXTENSION, documents, file_dialog_available, new_wijk_path,
    unused_path, wijkweb_folder,
};
pub use help::help;
pub use passphrase::{PassphraseDialog, PassphraseFor, Typed};
pub use review::ReviewDialog;

/// An open dialog.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Choosing a file.
    File(FileDialog),
    /// The passphrase of an encrypted wijk (to open it), or a new one (to create a wijk
    /// encrypted, to encrypt the open one, or to change its passphrase).
    Passphrase(PassphraseDialog),
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
    Review(ReviewDialog),
    /// What changed between two days.
    Changes(ChangesDialog),
    /// Which column of an imported sheet becomes which field.
    Columns(Box<ColumnsDialog>),
    /// Where a file she opened goes: into the open wijk or a new one.
    OpenedFile {
        /// The file (a snapshot, a sheet, CSV, GraphML, GEXF).
        path: PathBuf,
        /// The open wijk's file name, if one is open and can be written.
        current: Option<String>,
    },
    /// What the direction of an imported graph file's edges means.
    Directed {
        /// The files of the import.
        paths: Vec<PathBuf>,
        /// What was asked and answered before.
        options: crate::records::ImportOptions,
    },
    /// Which comes first in an imported file's dates like 3/1/2024.
    DateOrder {
        /// The files of the import.
        paths: Vec<PathBuf>,
        /// What was asked and answered before.
        options: crate::records::ImportOptions,
        /// The date that reads two ways, as the file has it.
        date: String,
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
    /// Make a new wijk named after this file, and import the file into it.
    ImportIntoNew(PathBuf),
    /// Import these files as the options say (what the questions answered).
    ImportWith(Vec<PathBuf>, crate::records::ImportOptions),
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
    /// Show what changed between these days (as typed), in her network or the wijk's.
    Changes {
        /// Whose network, or none: the whole wijk.
        ego: Option<String>,
        /// The earlier day.
        since: String,
        /// The later day (empty: today).
        until: String,
    },
    /// Show what changed in a resident's network since one of her moments.
    ChangesSinceMoment(i64),
    /// Delete this casus moment (past its retention).
    DeleteMoment(i64),
    /// Draw these changes on the map.
    ChangesOnMap(crate::app::time::ChangesOnMap),
}

impl Dialog {
    /// A file dialog for `purpose`.
    pub fn file(purpose: FilePurpose) -> Self {
        Self::File(FileDialog::new(purpose))
    }

    /// Asks for a passphrase for `path`, for `purpose`. `error` says why the last try
    /// failed.
    pub fn passphrase(path: PathBuf, purpose: PassphraseFor, error: Option<String>) -> Self {
        Self::Passphrase(PassphraseDialog::new(path, purpose, error))
    }

    /// A new wijk: a name is enough (see [`FileDialog::new_wijk`]).
    pub fn new_wijk() -> Self {
        Self::File(FileDialog::new_wijk())
    }

    /// The map (or `centre`'s network circle) on paper (see [`FileDialog::print`]).
    pub fn print(centre: Option<&str>, t: &Texts) -> Self {
        Self::File(FileDialog::print(centre, t))
    }

    /// The casus export of `centre`'s network circle (see [`FileDialog::casus`]).
    pub fn casus(centre: &str, author: &str) -> Self {
        Self::File(FileDialog::casus(centre, author))
    }

    /// The inzage of person `id` (see [`FileDialog::inzage`]).
    pub fn inzage(id: &str, name: &str) -> Self {
        Self::File(FileDialog::inzage(id, name))
    }

    /// The list of what is due for review, with the retention periods to change.
    pub fn review(items: Vec<ReviewItem>, retention: Retention) -> Self {
        Self::Review(ReviewDialog::new(items, retention))
    }

    /// Shows the dialog; returns it while it stays open, and what was decided.
    /// `deleting` is the name and relation count of the node a delete dialog is about.
    pub fn show(
        mut self,
        ctx: &Context,
        t: &Texts,
        deleting: Option<(String, usize)>,
    ) -> (Option<Self>, Outcome) {
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
        let (open, outcome) = match &mut self {
            Self::Delete { id } => confirm::delete(ctx, t, id, deleting, enter),
            Self::Forget { id } => confirm::forget(ctx, t, id, deleting),
            Self::Columns(dialog) => dialog.show(ctx, t),
            Self::OpenedFile { path, current } => {
                confirm::opened_file(ctx, t, path, current.as_deref())
            }
            Self::Directed { paths, options } => confirm::directed(ctx, t, paths, options.clone()),
            Self::DateOrder {
                paths,
                options,
                date,
            } => confirm::date_order(ctx, t, paths, options.clone(), date),
            Self::Review(dialog) => dialog.show(ctx, t),
            Self::Changes(dialog) => dialog.show(ctx, t),
            Self::File(dialog) => dialog.show(ctx, t),
            Self::Passphrase(dialog) => dialog.show(ctx, t),
        };
        (open.then_some(self), outcome)
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
