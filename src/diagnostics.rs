//! The support log: what wijkweb did and what failed, so that "stuur het logbestand" helps
//! whoever supports her. A file a day in the data folder's `logs` (`wijkweb.log.2026-12-06`),
//! the last [`KEPT`] kept, private to her like every file wijkweb writes.
//!
//! **No personal data** goes into it: no names, notes, passphrases, and no paths (a file
//! name is often a resident's: `casus-janssen.wijk`). Events carry counts, kinds, durations
//! and the `kind()` of an error, never its message (an error's text names the file and the
//! value that was wrong). Only wijkweb's own events are written: the libraries' log
//! records (winit, the file dialog) are not taken in. A test greps the log for what must
//! not be there.

use std::path::{Path, PathBuf};

/// How many daily files are kept.
pub const KEPT: usize = 14;

/// Where the log files are: `logs` in the data folder.
pub fn log_dir() -> Option<PathBuf> {
    crate::store::files::data_dir().map(|d| d.join("logs"))
}

/// Starts writing the log into `dir`; `false` when it cannot (a read-only profile): wijkweb
/// then runs without one, never fails for it. Called once, by the binary.
pub fn start(dir: &Path) -> bool {
    if crate::store::files::private_dir(dir).is_err() {
        return false;
    }
    let Ok(appender) = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("wijkweb.log")
        .max_log_files(KEPT)
        .build(dir)
    else {
        return false;
    };
    let subscriber = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        return false;
    }
    // A panic is logged by where in wijkweb's code it happened, not by its message
    // (which may hold a value from her data); the default hook still prints it.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(place, "panic");
        default_hook(info);
    }));
    true
}

/// The kind of an I/O or store error, as the log may name it: its category, never its text.
pub fn error_kind(err: &crate::error::StoreError) -> String {
    use crate::error::StoreError;
    match err {
        StoreError::Io { source, .. } => format!("io {:?}", source.kind()),
        // The variant's name only: its fields hold paths and values.
        other => format!("{other:?}")
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}
