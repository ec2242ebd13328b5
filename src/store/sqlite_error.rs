//! How a SQLite error reads to the person who met it: the store's own mapping, beside the
//! backups it points to when a file is damaged.

use std::path::Path;

use crate::error::StoreError;

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
                advice: super::backup::advice(&path),
                path,
                detail: "the file is malformed".into(),
            },
            _ => Self::Sqlite { path, source: err },
        }
    }
}
