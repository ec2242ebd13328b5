//! Encryption at rest with SQLCipher: every page of the database, its WAL and its backups is
//! encrypted (AES-256, a key derived from the passphrase with PBKDF2-HMAC-SHA512, an HMAC per
//! page). A file is encrypted or plain as a whole; which one is read from its first bytes
//! (a plain SQLite file starts with a fixed header, an encrypted one with random salt).
//!
//! Changing a file's protection (encrypt, rekey) writes a converted copy with
//! `sqlcipher_export`, checks it, puts it in place with a rename and then overwrites the old
//! file with zeros before deleting it. A plain copy is written only by [`Store::decrypt_to`].

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};
use zeroize::Zeroizing;

use super::{Action, SQLITE_HEADER, Store, privacy};
use crate::error::{Rule, StoreError};

/// The environment variable that holds the passphrase, for every command and the app.
pub const KEY_VAR: &str = "WIJKWEB_KEY";
/// The environment variable that holds the new passphrase for `wijkweb rekey`.
pub const NEW_KEY_VAR: &str = "WIJKWEB_NEW_KEY";

/// The fewest characters a new passphrase may have.
pub const MIN_NEW_CHARS: usize = 10;

/// A passphrase. Its text is wiped from memory when the last copy is dropped, and it is never
/// printed (its `Debug` shows nothing of it).
#[derive(Clone)]
pub struct Key(Zeroizing<String>);

impl Key {
    /// A passphrase; refused when empty (an empty key means "no encryption" to SQLCipher).
    pub fn new(text: impl Into<String>) -> Result<Self, StoreError> {
        let text = Zeroizing::new(text.into());
        if text.trim().is_empty() {
            return Err(StoreError::Invalid(Rule::EmptyPassphrase));
        }
        Ok(Self(text))
    }

    /// Refuses a passphrase too short to protect a wijk: a new one (to create, encrypt or
    /// rekey with) needs at least [`MIN_NEW_CHARS`] characters.
    pub fn check_new(&self) -> Result<(), StoreError> {
        if self.text().chars().count() < MIN_NEW_CHARS {
            return Err(StoreError::Invalid(Rule::ShortPassphrase(MIN_NEW_CHARS)));
        }
        Ok(())
    }

    /// The passphrase in the environment variable `var`; `None` when it is unset or empty.
    pub fn from_env(var: &str) -> Option<Self> {
        let text = Zeroizing::new(std::env::var(var).ok()?);
        Self::new(text.as_str()).ok()
    }

    fn text(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(hidden)")
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

/// Whether the file at `path` has content that does not start as a plain SQLite database
/// does: an encrypted wijk (or no database at all, which only its passphrase can tell).
pub fn is_encrypted(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    read > 0 && &header != SQLITE_HEADER
}

/// Whether a file that is not a plain SQLite database may be an encrypted one: SQLCipher
/// writes whole pages, so its size is a multiple of 1 KiB.
pub(crate) fn may_be_encrypted(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= 1024 && m.len() % 1024 == 0)
}

/// Opens `path` with `flags`, keyed when the file is encrypted (or new and a key is given).
/// An encrypted file without a key is refused, and one the key does not open is refused
/// before anything else reads it.
pub(crate) fn connect(
    path: &Path,
    flags: OpenFlags,
    key: Option<&Key>,
) -> Result<Connection, StoreError> {
    connect_as(path, &path.to_string_lossy(), flags, key)
}

/// [`connect`] to the file `path` through `target`: its path, or a SQLite URI naming it.
pub(crate) fn connect_as(
    path: &Path,
    target: &str,
    flags: OpenFlags,
    key: Option<&Key>,
) -> Result<Connection, StoreError> {
    let encrypted = is_encrypted(path);
    let blank = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
    if encrypted && key.is_none() {
        return Err(StoreError::Encrypted(path.to_path_buf()));
    }
    let conn =
        Connection::open_with_flags(target, flags).map_err(|e| StoreError::from_sqlite(path, e))?;
    // SQLCipher logs a failed page check to stderr; a wrong passphrase is our message.
    let _ignored = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
    if let Some(key) = key.filter(|_| encrypted || blank) {
        apply(&conn, path, key)?;
    }
    Ok(conn)
}

/// Keys the connection and checks that the key opens the file.
fn apply(conn: &Connection, path: &Path, key: &Key) -> Result<(), StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    conn.pragma_update(None, "key", key.text())
        .map_err(sqlite)?;
    // Sorts and VACUUM's work copy stay in memory, never in a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(sqlite)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(StoreError::WrongKey(path.to_path_buf()))
        }
        Err(e) => Err(sqlite(e)),
    }
}

/// Writes a copy of the open database `conn` (at `source`) to `target`, which must not
/// exist: encrypted with `key`, or plain without one; with the same schema version and
/// application id, in WAL mode, owner-only, and checked before it is returned.
fn export(
    conn: &Connection,
    source: &Path,
    target: &Path,
    key: Option<&Key>,
) -> Result<(), StoreError> {
    let sqlite = |e| StoreError::from_sqlite(source, e);
    let version: i64 = conn
        .query_row("PRAGMA main.user_version", [], |r| r.get(0))
        .map_err(sqlite)?;
    let app_id: i64 = conn
        .query_row("PRAGMA main.application_id", [], |r| r.get(0))
        .map_err(sqlite)?;
    // Made here, empty and owner-only: ATTACH would not create it on a connection opened
    // without SQLITE_OPEN_CREATE, and the content is never readable by others.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    if let Err(err) = options.open(target) {
        return Err(if err.kind() == std::io::ErrorKind::AlreadyExists {
            StoreError::Invalid(Rule::OutExists(target.to_path_buf()))
        } else {
            StoreError::Io {
                path: target.to_path_buf(),
                source: err,
            }
        });
    }
    let secret = Zeroizing::new(key.map_or(String::new(), |k| k.text().to_owned()));
    let target_text = target.to_string_lossy();
    if let Err(e) = conn.execute(
        "ATTACH DATABASE ?1 AS export KEY ?2",
        params![target_text, secret.as_str()],
    ) {
        shred(target);
        return Err(StoreError::from_sqlite(target, e));
    }
    let result = (|| {
        conn.query_row("SELECT sqlcipher_export('export')", [], |_| Ok(()))?;
        // Integers formatted by us: pragmas take no parameters.
        conn.execute_batch(&format!(
            "PRAGMA export.user_version = {version}; PRAGMA export.application_id = {app_id};"
        ))
    })();
    let detached = conn.execute("DETACH DATABASE export", []);
    if let Err(e) = result.and(detached.map(|_| ())) {
        shred(target);
        return Err(StoreError::from_sqlite(target, e));
    }
    let finish = || -> Result<(), StoreError> {
        let copy = connect(target, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
        copy.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| StoreError::from_sqlite(target, e))?;
        let verdict: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(target, e))?;
        if verdict != "ok" {
            return Err(StoreError::Invalid(Rule::ConvertedUnsound {
                path: target.to_path_buf(),
                verdict,
            }));
        }
        Ok(())
    };
    finish().inspect_err(|_| shred(target))
}

/// [`shred`] for the rest of the store: a copy that cannot be cleaned, a half backup.
pub(crate) fn shred_file(path: &Path) {
    shred(path);
}

/// Overwrites a file (and its WAL and shared-memory files) with zeros, then deletes it. On a
/// disk that writes in place this leaves no trace; PRIVACY.md says what it cannot do on an
/// SSD or a copy-on-write file system.
fn shred(path: &Path) {
    for file in [
        path.to_path_buf(),
        side(path, "-wal"),
        side(path, "-shm"),
        side(path, "-journal"),
    ] {
        // Only a file of its own is overwritten: never the target of a symbolic link or
        // another name of a hard-linked file that someone put in its place.
        if let Some(mut handle) = open_own(&file) {
            zero_fill(&mut handle);
        }
        super::files::remove_no_follow(&file);
    }
}

/// A handle for writing to `path` when it is a regular file of its own (never the target of
/// a symbolic link or another name of a hard-linked file that someone put in its place).
fn open_own(path: &Path) -> Option<std::fs::File> {
    if !super::files::is_own_regular_file(path) {
        return None;
    }
    std::fs::OpenOptions::new().write(true).open(path).ok()
}

/// Overwrites the whole of an open file with zeros, in place, and waits for the disk.
fn zero_fill(handle: &mut std::fs::File) {
    let Ok(meta) = handle.metadata() else {
        return;
    };
    let zeros = vec![0u8; 1 << 16];
    let mut left = meta.len();
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        if handle.write_all(&zeros[..n]).is_err() {
            break;
        }
        left -= n as u64;
    }
    let _ignored = handle.sync_all();
}

/// Takes the database `conn` (at `path`) out of WAL mode, which folds the WAL into the file,
/// and overwrites the blocks the removed WAL held: SQLite only frees them, and they hold the
/// last changes (names among them). Only the one connection left may do this; whether it
/// could (another program or window still reading keeps the file in WAL mode).
fn leave_wal(conn: &Connection, path: &Path) -> Result<bool, rusqlite::Error> {
    let wal = side(path, "-wal");
    // Opened before SQLite removes the name, so that its blocks can still be reached.
    let held = open_own(&wal);
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Ok(false);
    }
    if let Some(mut handle) = held
        && std::fs::symlink_metadata(&wal).is_err()
    {
        zero_fill(&mut handle);
    }
    Ok(true)
}

/// Empties the WAL of `conn` (at `path`) after an erasure: folded into the file with its
/// blocks overwritten ([`leave_wal`]), then WAL mode again. When another connection keeps
/// the file in WAL mode, the WAL is only truncated (its blocks freed, not overwritten).
pub(crate) fn empty_wal(conn: &Connection, path: &Path) -> Result<(), rusqlite::Error> {
    if leave_wal(conn, path)? {
        conn.pragma_update(None, "journal_mode", "WAL")
    } else {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
    }
}

/// `path` with `suffix` appended to its file name.
fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Converts the database `conn` at `path` to one keyed with `key`: a checked copy is put in
/// place of the file, whose old content is then overwritten. `conn` is closed on the way.
/// The swap is one atomic rename where the file system has hard links: a crash leaves the
/// old file or the new one at `path`, never neither.
fn convert(conn: Connection, path: &Path, key: &Key) -> Result<(), StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    alone(&conn, path)?;
    let fresh = side(path, ".converting");
    shred(&fresh);
    if let Err(e) = export(&conn, path, &fresh, Some(key)) {
        reopen_wal(&conn);
        return Err(e);
    }
    conn.close().map_err(|(_, e)| sqlite(e))?;
    let old = side(path, ".old");
    shred(&old);
    let io = |at: &Path| {
        let at = at.to_path_buf();
        move |source| StoreError::Io { path: at, source }
    };
    // The old content stays reachable as `old` until it is overwritten below.
    let linked = std::fs::hard_link(path, &old).is_ok();
    if !linked {
        std::fs::rename(path, &old).map_err(io(path))?;
    }
    for suffix in ["-wal", "-shm"] {
        // Gone with WAL mode; nothing of them may be taken for the new file's.
        let _ignored = std::fs::remove_file(side(path, suffix));
    }
    if let Err(source) = std::fs::rename(&fresh, path) {
        // The conversion did not happen: the original stays (or is put back).
        if !linked {
            let _ignored = std::fs::rename(&old, path);
        } else {
            let _ignored = std::fs::remove_file(&old);
        }
        shred(&fresh);
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    shred(&old);
    Ok(())
}

/// Takes the file out of WAL mode, which SQLite allows only to the one connection left: a
/// second window or another program still reading would be cut off from the file that is
/// about to be replaced, so that is refused as a lock. Everything in the WAL goes into the
/// file itself on the way. [`reopen_wal`] undoes it when the conversion fails.
fn alone(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    if !leave_wal(conn, path).map_err(|e| StoreError::from_sqlite(path, e))? {
        return Err(StoreError::Locked(path.to_path_buf()));
    }
    Ok(())
}

/// Puts a file that [`alone`] took out of WAL mode back in it.
fn reopen_wal(conn: &Connection) {
    let _ignored = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()));
}

/// What happened to the copies of a wijk whose protection changed.
#[derive(Debug, Default)]
pub struct CopiesReport {
    /// Copies now keyed with the new passphrase.
    pub converted: Vec<PathBuf>,
    /// Copies that could not be converted, and why (e.g. encrypted with an older passphrase).
    pub left: Vec<(PathBuf, String)>,
}

/// Converts every copy of `db` (backups, copies made before an upgrade, files a restore put
/// aside) to `new`, opening an encrypted one with `old`. A copy that cannot be opened is
/// left as it is and reported: the wijk itself is converted already.
fn convert_copies(db: &Path, old: Option<&Key>, new: &Key) -> CopiesReport {
    let mut report = CopiesReport::default();
    super::backup::remove_partials(db);
    for copy in privacy::copies(db) {
        let key = if is_encrypted(&copy) { old } else { None };
        let done = connect(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE, key)
            .and_then(|conn| convert(conn, &copy, new));
        match done {
            Ok(()) => report.converted.push(copy),
            Err(e) => report.left.push((copy, e.to_string())),
        }
    }
    report
}

impl Store {
    /// Whether this wijk's file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `key` is the passphrase this wijk was opened with (to check the one a person
    /// types before her wijk gets a new one).
    pub fn is_key(&self, key: &Key) -> bool {
        self.key.as_ref() == Some(key)
    }

    /// Encrypts this plain wijk and all its copies with `key`; says what happened to
    /// the copies. The plain files are overwritten. Refused when the wijk is encrypted
    /// already.
    pub fn encrypt(self, key: &Key) -> Result<CopiesReport, StoreError> {
        if self.key.is_some() {
            return Err(StoreError::Invalid(Rule::AlreadyEncrypted(
                self.path.clone(),
            )));
        }
        self.change_key(None, key, Action::Encrypt)
    }

    /// Gives this encrypted wijk and all its copies the passphrase `new`; says what
    /// happened to the copies. Plain copies left from before the encryption are encrypted
    /// too.
    pub fn rekey(self, new: &Key) -> Result<CopiesReport, StoreError> {
        let Some(old) = self.key.clone() else {
            return Err(StoreError::Invalid(Rule::NotEncrypted(self.path.clone())));
        };
        self.change_key(Some(&old), new, Action::Rekey)
    }

    /// Converts the wijk to `new`, records `action` in the converted wijk's log (so a
    /// refused conversion leaves no record of one), then converts the copies.
    fn change_key(
        self,
        old: Option<&Key>,
        new: &Key,
        action: Action,
    ) -> Result<CopiesReport, StoreError> {
        new.check_new()?;
        self.refuse_read_only()?;
        let Store {
            conn,
            path,
            user,
            _lock,
            ..
        } = self;
        convert(conn, &path, new)?;
        drop(_lock);
        let mut store = Store::open_keyed(&path, super::OpenMode::Existing, Some(new))?;
        store.set_user(user);
        store.log_action(action, &serde_json::json!({}))?;
        Ok(convert_copies(&path, old, new))
    }

    /// Writes a plain, unencrypted copy of this wijk to `out` (which must not exist), readable
    /// by the owner only, and records that it was written.
    pub fn decrypt_to(&mut self, out: &Path) -> Result<(), StoreError> {
        self.refuse_read_only()?;
        export(&self.conn, &self.path, out, None)?;
        self.log_action(
            Action::Decrypt,
            &serde_json::json!({ "out": out.display().to_string() }),
        )
    }

    fn refuse_read_only(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::Invalid(Rule::OpenedReadOnly(self.path.clone())));
        }
        Ok(())
    }
}
