//! Backups: verified copies of a wijk made with SQLite's own `VACUUM INTO` (never a raw
//! file copy), kept in a folder beside the database (`FILE.backups/`) and rotated: the
//! last 10, and the newest of each of the last 8 weeks.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::Key;
use super::crypt;
use crate::error::{Rule, StoreError};

/// How many of the newest backups are always kept.
pub const KEEP_LAST: usize = 10;
/// For how many weeks back the newest backup of each week is kept.
pub const KEEP_WEEKS: i64 = 8;
/// A write command takes a backup when the newest is older than this.
pub const AUTO_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_hours(12);

/// The folder a database's backups live in.
pub fn folder(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.backups", db.display()))
}

/// Overwrites and removes half-written backups (`*.partial`, left by a crash): they may
/// hold a person an erasure removed, or plain data an encryption converted.
pub(crate) fn remove_partials(db: &Path) {
    if let Ok(entries) = std::fs::read_dir(folder(db)) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(".partial") {
                super::crypt::shred_file(&entry.path());
            }
        }
    }
}

/// A backup and when it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// When (from its name).
    pub time: jiff::Timestamp,
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut backups: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix("backup-")?.strip_suffix(".sqlite")?;
            let time = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.fZ", stamp)
                .or_else(|_| jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", stamp))
                .ok()?
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp();
            Some(Backup {
                path: e.path(),
                time,
            })
        })
        .collect();
    backups.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| b.path.cmp(&a.path)));
    backups
}

/// What to tell a user whose database `db` is damaged.
pub fn advice(db: &Path) -> String {
    match list(db).first() {
        Some(newest) => format!(
            "The newest backup is {}; put it back with `wijkweb restore --db {}`",
            newest.path.display(),
            db.display()
        ),
        None => format!(
            "No backup was found in {}; keep this file and ask for help before changing it",
            folder(db).display()
        ),
    }
}

/// Whether `path` is a sound SQLite database (full `integrity_check`); an encrypted one is
/// opened with `key`.
pub fn verify(path: &Path, key: Option<&Key>) -> bool {
    let Ok(conn) = crypt::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, key) else {
        return false;
    };
    conn.query_row("PRAGMA integrity_check", [], |row| row.get::<_, String>(0))
        .is_ok_and(|r| r == "ok")
}

/// Writes a verified backup of the open database `conn` (at `db`) and rotates the folder. A
/// backup of an encrypted wijk is encrypted with the same key (`VACUUM INTO` keeps it).
pub(crate) fn make(conn: &Connection, db: &Path, key: Option<&Key>) -> Result<PathBuf, StoreError> {
    let dir = folder(db);
    let io = |source| StoreError::Io {
        path: dir.clone(),
        source,
    };
    super::files::private_dir(&dir).map_err(io)?;
    let now = jiff::Timestamp::now();
    let name = format!("backup-{}.sqlite", now.strftime("%Y%m%dT%H%M%S%.3fZ"));
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}.partial"));
    super::files::remove_no_follow(&partial);
    // VACUUM INTO fills an empty file: made private first, it stays private.
    super::files::create_private(&partial).map_err(io)?;
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(|e| StoreError::from_sqlite(db, e))?;
    if !verify(&partial, key) {
        let _ignored = std::fs::remove_file(&partial);
        return Err(StoreError::Invalid(Rule::BackupUnsound(path)));
    }
    std::fs::rename(&partial, &path).map_err(io)?;
    rotate(db);
    Ok(path)
}

/// Deletes the backups the policy does not keep: all but the last [`KEEP_LAST`] and the
/// newest of each of the last [`KEEP_WEEKS`] weeks.
pub fn rotate(db: &Path) {
    let backups = list(db);
    let Some(newest) = backups.first().map(|b| b.time) else {
        return;
    };
    let week = |t: jiff::Timestamp| (newest.as_second() - t.as_second()) / (7 * 24 * 3600);
    let mut weeks_kept: Vec<i64> = Vec::new();
    for (i, backup) in backups.iter().enumerate() {
        let w = week(backup.time);
        let keep_weekly = w < KEEP_WEEKS && !weeks_kept.contains(&w);
        if keep_weekly {
            weeks_kept.push(w);
        }
        if i >= KEEP_LAST && !keep_weekly {
            let _ignored = std::fs::remove_file(&backup.path);
        }
    }
}

/// Whether the newest backup is older than [`AUTO_AFTER`] (or there is none).
pub fn due(db: &Path) -> bool {
    list(db)
        .first()
        .is_none_or(|b| jiff::Timestamp::now().duration_since(b.time) > AUTO_AFTER)
}

/// Puts a backup back in place of `db`: the newest that passes its integrity check, or
/// `from`. The current file (and its WAL) is kept aside as `FILE.replaced-TIME`. Returns
/// the backup used and where the old file went. An encrypted backup is opened with `key` and
/// stays encrypted.
pub fn restore(
    db: &Path,
    from: Option<&Path>,
    key: Option<&Key>,
) -> Result<(PathBuf, Option<PathBuf>), StoreError> {
    // A backup the passphrase does not open (or one without a passphrase) is named as such,
    // not as "no good backup".
    let unlocks = |path: &Path| match crypt::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, key) {
        Err(e @ (StoreError::Encrypted(_) | StoreError::WrongKey(_))) => Err(e),
        _ => Ok(()),
    };
    let source = match from {
        Some(path) => {
            unlocks(path)?;
            if !verify(path, key) {
                return Err(StoreError::Invalid(Rule::RestoreUnsound(
                    path.to_path_buf(),
                )));
            }
            path.to_path_buf()
        }
        None => {
            let backups = list(db);
            if let Some(newest) = backups.first() {
                unlocks(&newest.path)?;
            }
            backups
                .into_iter()
                .map(|b| b.path)
                .find(|p| verify(p, key))
                .ok_or_else(|| {
                    StoreError::Invalid(Rule::NoGoodBackup {
                        db: db.to_path_buf(),
                        folder: folder(db),
                    })
                })?
        }
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let aside = PathBuf::from(format!("{}.replaced-{stamp}", db.display()));
    let moved = if db.exists() {
        std::fs::rename(db, &aside).map_err(io(db))?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", aside.display()))
                    .map_err(io(&side))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    let conn = crypt::connect(&source, OpenFlags::SQLITE_OPEN_READ_ONLY, key)?;
    conn.execute("VACUUM INTO ?1", [db.to_string_lossy()])
        .map_err(|e| StoreError::from_sqlite(db, e))?;
    Ok((source, moved))
}

/// Folder names of cloud-sync services: a database inside one can be copied half-written.
const SYNCED: [&str; 6] = [
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud",
    "nextcloud",
];

/// File systems on another machine, where SQLite's locking cannot be trusted.
const NETWORKED: [&str; 7] = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"];

/// A warning when `db` lies in a cloud-sync folder or on a network drive, judged by its path
/// and by the file system `mounts` (the text of `/proc/mounts`) puts it on.
pub fn location_warning(db: &Path, mounts: &str) -> Option<String> {
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let lower = absolute.to_string_lossy().to_lowercase();
    if let Some(service) = SYNCED.iter().find(|s| lower.contains(*s)) {
        return Some(format!(
            "{} is in a cloud-sync folder ({service}): the sync can copy it half-written. Keep the wijk on this laptop's own disk",
            db.display()
        ));
    }
    // The mount with the longest mount point that holds the file.
    let fs = mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, fs) = (fields.next()?, fields.next()?, fields.next()?);
            absolute.starts_with(point).then_some((point.len(), fs))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fs)| fs)?;
    NETWORKED.contains(&fs).then(|| {
        format!(
            "{} is on a network drive ({fs}): its locks cannot be trusted and a dropped connection can damage it. Keep the wijk on this laptop's own disk",
            db.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_folders_and_network_drives_are_warned_about() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/home /mnt/home nfs4 rw 0 0\n";
        assert!(
            location_warning(Path::new("/home/sanne/Dropbox/wijk.sqlite"), mounts)
                .is_some_and(|w| w.contains("dropbox"))
        );
        assert!(
            location_warning(Path::new("/mnt/home/wijk.sqlite"), mounts)
                .is_some_and(|w| w.contains("nfs4"))
        );
        assert_eq!(
            location_warning(Path::new("/home/sanne/wijk.sqlite"), mounts),
            None
        );
    }
}
