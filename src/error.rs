//! Errors that reach the user. Every error knows whether it is the user's (bad input, an
//! unknown node, a refused database: exit code 1) or ours (exit code 2).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where in an input file something is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (shared: every record of a file carries it).
    pub file: Arc<str>,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// The field (column or JSON key), when known.
    pub field: Option<String>,
}

impl Location {
    /// A location in `file` at `line`.
    pub fn new(file: impl Into<Arc<str>>, line: Option<u64>) -> Self {
        Self {
            file: file.into(),
            line,
            field: None,
        }
    }

    /// The same location, narrowed to `field`.
    pub fn field(&self, field: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        Ok(())
    }
}

/// Bad input in a file being imported: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct InputError {
    /// Where.
    pub location: Location,
    /// What, in plain words.
    pub message: String,
}

/// Messages quote what they found; a garbage file must not make them megabytes long.
const MAX_MESSAGE_CHARS: usize = 300;

/// `text` cut to `max` characters, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

impl InputError {
    /// An error at `location` (the message and field cut to a readable length).
    pub fn new(mut location: Location, message: impl Into<String>) -> Self {
        location.field = location.field.map(|f| excerpt(&f, 60));
        Self {
            location,
            message: excerpt(&message.into(), MAX_MESSAGE_CHARS),
        }
    }
}

/// Why a database could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file does not exist.
    #[error("{}: no such database (import into it to create it)", .0.display())]
    Missing(PathBuf),
    /// The file is not a SQLite database at all.
    #[error("{}: not a wijkweb database (this file is not a SQLite database)", .0.display())]
    NotADatabase(PathBuf),
    /// A SQLite database made by another program.
    #[error("{}: not a wijkweb database ({reason})", path.display())]
    NotWijkweb {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// Made by a newer wijkweb.
    #[error(
        "{}: made by a newer version of wijkweb (schema version {found}; this version knows up to {supported}). Update wijkweb to open it; the file was not changed",
        path.display()
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
        /// The newest this build knows.
        supported: i32,
    },
    /// An encrypted wijk opened without its passphrase.
    #[error(
        "{}: this wijk is encrypted (or it is not a wijkweb database): give its passphrase in the environment variable WIJKWEB_KEY, or let wijkweb ask for it with --encrypt; the app asks for it when it opens the file. The file was not changed",
        .0.display()
    )]
    Encrypted(PathBuf),
    /// The passphrase does not open the file.
    #[error(
        "{}: this passphrase does not open the wijk (a wrong passphrase, or the file is not a wijkweb database); the file was not changed",
        .0.display()
    )]
    WrongKey(PathBuf),
    /// The file or its folder is read-only.
    #[error("{}: the file is read-only; wijkweb needs to write to it (check its permissions)", .0.display())]
    ReadOnly(PathBuf),
    /// Another program holds a lock on it.
    #[error("{}: the database is locked by another program (another wijkweb?); close it and try again", .0.display())]
    Locked(PathBuf),
    /// Another wijkweb has the file open for writing.
    #[error("{}: this wijk is open in another wijkweb (or another window); close that first, or open it read-only", .0.display())]
    InUse(PathBuf),
    /// The file is damaged; nothing was written to it.
    #[error("{}: the database is damaged ({detail}); nothing was written to it. {advice}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the integrity check said.
        detail: String,
        /// What to do: restore the newest good backup.
        advice: String,
    },
    /// Reading or writing failed at the disk.
    #[error("{}: the disk could not be read or written (is it full, removed or failing?); the change was not saved", .0.display())]
    DiskError(PathBuf),
    /// The disk is full.
    #[error("{}: the disk is full; nothing was written. Free some space and try again", .0.display())]
    DiskFull(PathBuf),
    /// A migration failed and was rolled back.
    #[error("{}: upgrading the database from schema version {from} failed ({source}); the file was left as it was", path.display())]
    Migration {
        /// The file.
        path: PathBuf,
        /// The version it had.
        from: i32,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A node that is not in the database.
    #[error("no node with id '{0}'")]
    UnknownNode(String),
    /// A relation that is not in the database.
    #[error("no relation with id '{0}'")]
    UnknownRelation(String),
    /// An edit that breaks a rule of the model.
    #[error("{0}")]
    Invalid(String),
    /// Bad input in an import.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Anything else SQLite reports: a bug or a broken file.
    #[error("{}: database error: {source}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A file system error (e.g. making a backup copy).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl StoreError {
    /// Maps a SQLite error on `path` onto the error the user should see.
    pub fn from_sqlite(path: &Path, err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked(path),
            Some(ErrorCode::NotADatabase) => Self::NotADatabase(path),
            Some(ErrorCode::ReadOnly) => Self::ReadOnly(path),
            Some(ErrorCode::DiskFull) => Self::DiskFull(path),
            Some(ErrorCode::SystemIoFailure) => Self::DiskError(path),
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged {
                advice: crate::store::backup::advice(&path),
                path,
                detail: "the file is malformed".into(),
            },
            _ => Self::Sqlite { path, source: err },
        }
    }

    /// The same error with `path` where it was made without one (inside a transaction).
    pub fn with_path(self, path: &Path) -> Self {
        let fill = |p: PathBuf| {
            if p.as_os_str().is_empty() {
                path.to_path_buf()
            } else {
                p
            }
        };
        match self {
            Self::Locked(p) => Self::Locked(fill(p)),
            Self::ReadOnly(p) => Self::ReadOnly(fill(p)),
            Self::DiskFull(p) => Self::DiskFull(fill(p)),
            Self::DiskError(p) => Self::DiskError(fill(p)),
            Self::NotADatabase(p) => Self::NotADatabase(fill(p)),
            Self::Sqlite { path: p, source } => Self::Sqlite {
                path: fill(p),
                source,
            },
            other => other,
        }
    }

    /// Whether this is the user's to fix (exit code 1) rather than a bug (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Self::Sqlite { .. } | Self::Io { .. })
    }
}
