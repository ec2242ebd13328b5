//! The store: one SQLite file per wijk, the single source of truth.
//!
//! Every user action is one immediate transaction that also writes an audit row, so nothing
//! is ever half-saved and every change can be accounted for. Opening is careful: a file that
//! is not ours, is newer than us, is read-only or locked is refused before anything is
//! written, and a database that needs no migration is never rewritten.

pub mod action;
mod audit;
pub mod backup;
mod casework;
pub mod crypt;
pub mod files;
pub mod history;
mod import;
pub mod privacy;
mod rows;
pub mod schema;
mod sqlite_error;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::records::ImportBatch;
pub use action::{Action, Change};
pub use audit::{AuditEntry, AuditProblem};
pub use crypt::{CopiesReport, Key};
pub use import::{DuplicateName, ImportReport, duplicate_names};

use crate::error::{Rule, StoreError};
use crate::model::{Node, Relation};
use schema::Migration;

/// How long a write waits for another program's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// How to open a database file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file when it is missing (or empty); open it for writing otherwise.
    CreateIfMissing,
    /// The file must exist; open it for writing.
    Existing,
    /// The file must exist; never write to it.
    ReadOnly,
    /// The file must exist; read it and write nothing but the audit log's record of what
    /// was read or exported (exports and inzage are logged), without the writer's lock:
    /// this works while another wijkweb has the wijk open for editing (SQLite's WAL
    /// serialises the one row a reader appends with the writer's transactions).
    Reader,
}

/// An open wijk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    user: String,
    read_only: bool,
    /// Whether the audit log may be written to although the store is read-only
    /// ([`OpenMode::Reader`]).
    may_log: bool,
    /// The passphrase, when the file is encrypted (backups and copies need it too).
    key: Option<Key>,
    /// Held while this store may write: a second wijkweb cannot write the same file.
    /// How the schema differed from this build's at opening.
    schema: schema::SchemaDiff,
    /// Whether this store put the schema back at opening.
    schema_repaired: bool,
    /// Where the head of the log is kept outside the file ([`files::head_record_path`]),
    /// found at the first write or check, not at every one.
    head_record: std::cell::OnceCell<Option<PathBuf>>,
    _lock: Option<files::WriterLock>,
}

/// Counts of what the database holds (`wijkweb stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// All nodes.
    pub nodes: u64,
    /// All relations, ended ones included.
    pub relations: u64,
    /// Nodes of kind person.
    pub persons: u64,
    /// Nodes of kind organisation.
    pub organisations: u64,
    /// Nodes of kind initiative.
    pub initiatives: u64,
}

impl Stats {
    /// The counts of the wijk on `day`: the nodes there that day, and the relations that
    /// held between two of them.
    pub fn on(nodes: &[Node], relations: &[Relation], day: crate::model::Date) -> Self {
        let mut stats = Self::default();
        for node in nodes.iter().filter(|n| n.present_on(day)) {
            stats.nodes += 1;
            match node.kind {
                crate::model::NodeKind::Person => stats.persons += 1,
                crate::model::NodeKind::Organisation => stats.organisations += 1,
                crate::model::NodeKind::Initiative => stats.initiatives += 1,
            }
        }
        stats.relations = crate::model::relations_on(nodes, relations, day).count() as u64;
        stats
    }
}

/// The result of `wijkweb check`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// "ok", or what SQLite's integrity_check found.
    pub integrity: Vec<String>,
    /// Relations whose ends are missing (foreign_key_check).
    pub foreign_key_problems: u64,
    /// The schema version of the file.
    pub schema_version: i32,
    /// What it holds.
    pub stats: Stats,
    /// Rows in the audit log.
    pub audit_rows: u64,
    /// What is wrong with the audit log's chain (removed or altered rows).
    pub audit_problems: Vec<audit::AuditProblem>,
    /// Triggers or indexes that were changed or missing (and whether they were put back).
    pub schema_problems: Vec<String>,
    /// Erasures not yet done: per erasure, the copies it could neither clean nor remove.
    pub pending_erasures: Vec<Vec<String>>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_problems == 0
            && self.audit_problems.is_empty()
            && self.schema_problems.is_empty()
            && self.pending_erasures.is_empty()
    }
}

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Writes `node` over `before` (the same id) and logs both: the one way a node is updated,
/// by an edit or an import. A consent that changed is stamped with who recorded it.
pub(crate) fn write_node_update(
    tx: &Transaction<'_>,
    user: &str,
    before: &Node,
    node: &mut Node,
) -> Result<(), StoreError> {
    privacy::stamp_consent(before.consent.as_ref(), node.consent.as_mut(), user);
    rows::update_node(tx, node)?;
    // A contact with her says her relations held then, as a casus moment does: they are
    // confirmed on its day (never moved back), and not asked about ("nog actueel?").
    if let Some(day) = node.last_contact.filter(|d| before.last_contact < Some(*d)) {
        tx.prepare_cached(
            "UPDATE relations SET confirmed = ?2 \
             WHERE (source = ?1 OR target = ?1) \
             AND (since IS NULL OR since <= ?2) AND (until IS NULL OR until > ?2) \
             AND (confirmed IS NULL OR confirmed < ?2)",
        )?
        .execute(params![node.id, day.to_string()])?;
    }
    audit::log(
        tx,
        user,
        Change::UpdateNode.into(),
        Some(&node.id),
        Some(before),
        Some(&*node),
    )?;
    Ok(())
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating it when it is older than this
    /// build. Refuses, without writing a byte, a file that is not a wijkweb database, one
    /// from a newer wijkweb, and a read-only or locked file when writing is asked for.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Self, StoreError> {
        Self::open_keyed(path, mode, None)
    }

    /// [`Store::open`] with a passphrase: an encrypted file is opened with it, and a new
    /// file is created encrypted with it. A plain file is opened as it is (`wijkweb encrypt`
    /// encrypts it). An encrypted file without a key, or with a wrong one, is refused.
    pub fn open_keyed(path: &Path, mode: OpenMode, key: Option<&Key>) -> Result<Self, StoreError> {
        let store = Self::open_with_migrations(path, mode, schema::MIGRATIONS, key)?;
        if store.read_only && store.has_pending_erasures() && !files::on_read_only_media(path) {
            // An erasure left pending is finished at every opening, also one that only
            // reads: a writer's open does it (unless another wijkweb writes, which then
            // did it at its own opening).
            drop(store);
            if let Ok(writer) =
                Self::open_with_migrations(path, OpenMode::Existing, schema::MIGRATIONS, key)
            {
                drop(writer);
            }
            return Self::open_with_migrations(path, mode, schema::MIGRATIONS, key);
        }
        Ok(store)
    }

    /// [`Store::open`] with an explicit list of migrations (tests use this to check the
    /// upgrade path with steps this build does not have).
    pub fn open_with_migrations(
        path: &Path,
        mode: OpenMode,
        migrations: &[Migration],
        key: Option<&Key>,
    ) -> Result<Self, StoreError> {
        let supported = migrations.last().map_or(0, |m| m.version);
        let exists = path.exists();
        if exists {
            files::check_regular(path)?;
        }
        // The wijk is the file, not the name: through a symbolic link its backups, lock and
        // copies are the real file's, beside it (an erasure through the link must find them).
        let real;
        let path = if exists {
            real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            real.as_path()
        } else {
            path
        };
        if exists
            && matches!(mode, OpenMode::CreateIfMissing | OpenMode::Existing)
            && files::has_second_name(path)
        {
            return Err(StoreError::NotWijkweb {
                path: path.to_path_buf(),
                reason: "it has a second name (a hard link): its backups would be kept apart \
                         and an erasure could miss them; keep one name (copy it, remove the link)"
                    .into(),
            });
        }
        let is_new = match std::fs::metadata(path) {
            Ok(meta) => meta.len() == 0 && mode == OpenMode::CreateIfMissing,
            Err(_) => true,
        };
        if !exists && mode != OpenMode::CreateIfMissing {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        if exists && !is_new {
            check_file(path, mode, key.is_some())?;
        }
        if exists && mode != OpenMode::ReadOnly && is_read_only(path) {
            return Err(StoreError::ReadOnly(path.to_path_buf()));
        }

        if !exists {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                files::private_dir(parent).map_err(|source| StoreError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            // Private from the start: SQLite fills the empty file and gives its WAL the
            // same permissions.
            match files::create_private(path) {
                // Another wijkweb made it a moment ago: the lock decides below.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                other => other.map_err(|source| StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })?,
            }
        }
        let writer = matches!(mode, OpenMode::CreateIfMissing | OpenMode::Existing);
        let lock = if writer {
            Some(files::take_lock(path)?)
        } else {
            None
        };
        let flags = if mode == OpenMode::ReadOnly {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let sqlite = |e| StoreError::from_sqlite(path, e);
        if let Some(key) = key.filter(|_| is_new) {
            key.check_new()?;
        }
        // On read-only media SQLite cannot make the shared-memory file of a WAL database:
        // reading opens the file as immutable instead (nothing can change it there).
        let immutable = mode == OpenMode::ReadOnly && files::on_read_only_media(path);
        let mut conn = if immutable {
            crypt::connect_as(path, &files::immutable_uri(path), flags, key)?
        } else {
            crypt::connect(path, flags, key)?
        };
        let encrypted = crypt::is_encrypted(path) || (is_new && key.is_some());
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        // None of these write to the file. The page cache is 64 MiB (the default is 2):
        // big imports and whole-network loads touch every page.
        for (pragma, value) in [
            ("foreign_keys", "ON"),
            ("synchronous", "FULL"),
            ("trusted_schema", "OFF"),
            ("cache_size", "-65536"),
            ("secure_delete", "ON"),
        ] {
            conn.pragma_update(None, pragma, value).map_err(sqlite)?;
        }

        let version = schema::user_version(&conn).map_err(sqlite)?;
        let app_id = schema::application_id(&conn).map_err(sqlite)?;
        let blank = schema::is_blank(&conn).map_err(sqlite)?;
        if app_id != schema::APPLICATION_ID && !(app_id == 0 && version == 0 && blank) {
            return Err(StoreError::NotWijkweb {
                path: path.to_path_buf(),
                reason: "a SQLite database made by another program".into(),
            });
        }
        if version > supported {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported,
            });
        }
        if writer && !blank {
            // A damaged file is never written to.
            let verdict: String = conn
                .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
                .unwrap_or_else(|e| e.to_string());
            if verdict != "ok" {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: verdict,
                    advice: backup::advice(path),
                });
            }
        }
        if version < supported {
            if !writer {
                return Err(StoreError::Invalid(Rule::NeedsUpgrade {
                    path: path.to_path_buf(),
                    supported,
                }));
            }
            if blank {
                // A brand-new file: WAL is a property of the file, set once here.
                conn.pragma_update(None, "journal_mode", "WAL")
                    .map_err(sqlite)?;
            } else {
                backup_before_migration(&conn, path, version, key)?;
            }
            schema::migrate(&mut conn, migrations).map_err(
                |source| match StoreError::from_sqlite(path, source) {
                    StoreError::Sqlite { source, .. } => StoreError::Migration {
                        path: path.to_path_buf(),
                        from: version,
                        source,
                    },
                    other => other,
                },
            )?;
        }
        // Nothing in the file runs but what this build made: a planted trigger or view
        // would run inside every change (`trusted_schema` only keeps out functions).
        let diff = schema::compare(&conn, migrations).map_err(sqlite)?;
        if !diff.foreign.is_empty() || diff.missing_table {
            let reason = if diff.foreign.is_empty() {
                format!(
                    "a table of wijkweb is missing ({}); restore a backup",
                    diff.missing.join(", ")
                )
            } else {
                format!(
                    "it holds {} that wijkweb did not make; someone changed the file: restore a backup",
                    diff.foreign.join(", ")
                )
            };
            return Err(StoreError::NotWijkweb {
                path: path.to_path_buf(),
                reason,
            });
        }
        let repaired = writer && !diff.is_same();
        if repaired {
            schema::repair(&mut conn, &diff).map_err(sqlite)?;
        } else if mode == OpenMode::Reader && !diff.altered.is_empty() {
            return Err(StoreError::NotWijkweb {
                path: path.to_path_buf(),
                reason: format!(
                    "its triggers were changed ({}); run `wijkweb check` to put them back",
                    diff.altered.join(", ")
                ),
            });
        }
        let mut store = Self {
            conn,
            path: path.to_path_buf(),
            user: current_user(),
            read_only: !writer,
            may_log: mode == OpenMode::Reader,
            key: key.filter(|_| encrypted).cloned(),
            schema: diff,
            schema_repaired: repaired,
            head_record: std::cell::OnceCell::new(),
            _lock: lock,
        };
        if repaired {
            let details = serde_json::json!({
                "altered": store.schema.altered,
                "missing": store.schema.missing,
            });
            store.log_action(Action::SchemaRepaired, &details)?;
        }
        if writer {
            // An erasure a crash or an uncleanable copy left pending is tried again; what
            // still fails stays pending (and `check` says so), and the wijk opens.
            let _still_pending = store.finish_pending_erasures();
        }
        Ok(store)
    }

    /// What the file's schema lacked or had changed at opening, in words; with `repaired`
    /// when a writer put it back then.
    pub fn schema_problems(&self) -> Vec<String> {
        let done = if self.schema_repaired {
            "put back"
        } else {
            "open the wijk to write (or run `wijkweb check`) to put it back"
        };
        let altered = self
            .schema
            .altered
            .iter()
            .map(|name| format!("'{name}' was changed"));
        let missing = self
            .schema
            .missing
            .iter()
            .map(|name| format!("'{name}' was missing"));
        altered
            .chain(missing)
            .map(|what| format!("schema: {what}; {done}"))
            .collect()
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name recorded in the audit log for changes made through this store.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Sets the name recorded in the audit log (control characters dropped).
    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = clean_name(&user.into());
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i32, StoreError> {
        schema::user_version(&self.conn).map_err(|e| self.sqlite(e))
    }

    fn sqlite(&self, err: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, err)
    }

    /// Runs `action` in one immediate transaction: all of it is committed, or none of it.
    /// [`Store::write`] for an edit the user can undo: its audit rows become one step.
    fn write_step<T>(
        &mut self,
        action: Change,
        name: &str,
        edit: impl FnOnce(&Transaction<'_>, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write(|tx, user| {
            let before = history::last_seq(tx)?;
            let result = edit(tx, user)?;
            history::record(tx, before, action, name)?;
            Ok(result)
        })
    }

    fn write<T>(
        &mut self,
        action: impl FnOnce(&Transaction<'_>, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        self.transaction(action)
    }

    /// One immediate transaction, whatever the store may do otherwise (callers check).
    fn transaction<T>(
        &mut self,
        action: impl FnOnce(&Transaction<'_>, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        let result = action(&tx, &self.user).map_err(|e| e.with_path(&path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&path, e))?;
        self.record_head();
        Ok(result)
    }

    /// Keeps the head of the log outside the file, after a write. Best effort: where it
    /// cannot be written (no data folder), `check` has the backups to compare with.
    fn record_head(&self) {
        let (Ok(Some(first)), Ok(Some((seq, hash)))) =
            (audit::first_hash(&self.conn), audit::head(&self.conn))
        else {
            return;
        };
        if let Some(record) = self.head_record()
            && let Ok(text) = serde_json::to_vec(&audit::HeadRecord { first, seq, hash })
        {
            let _ignored = files::write_private(record, &text);
        }
    }

    /// [`files::head_record_path`] of this wijk, worked out once.
    fn head_record(&self) -> Option<&Path> {
        self.head_record
            .get_or_init(|| files::head_record_path(&self.path))
            .as_deref()
    }

    /// The head kept outside the file must still be in the log: rows removed from its end
    /// after the newest backup (or all of them) are found that way. A record of another log
    /// (a new wijk made where an old one was) says nothing.
    fn audit_against_head_record(&self) -> Result<Vec<audit::AuditProblem>, StoreError> {
        let Some(record) = self
            .head_record()
            // A few hundred bytes; anything far larger is not ours and is not read.
            .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() < 4096))
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice::<audit::HeadRecord>(&bytes).ok())
        else {
            return Ok(Vec::new());
        };
        let sqlite = |e| self.sqlite(e);
        let problem = match audit::first_hash(&self.conn).map_err(sqlite)? {
            None => format!(
                "the audit log is empty, but it held {} rows when wijkweb last wrote to this wijk: all rows were removed",
                record.seq
            ),
            Some(first) if first != record.first => return Ok(Vec::new()),
            Some(_) => match audit::hash_at(&self.conn, record.seq).map_err(sqlite)? {
                Some(hash) if hash == record.hash => return Ok(Vec::new()),
                Some(_) => format!(
                    "audit row {} differs from the one wijkweb last wrote: the log was rewritten",
                    record.seq
                ),
                None => format!(
                    "the audit log held rows up to {} when wijkweb last wrote to this wijk and lacks row {}: rows were removed from its end (or an older copy of the file was put back by hand; `wijkweb restore --from COPY` puts one back without this)",
                    record.seq, record.seq
                ),
            },
        };
        Ok(vec![audit::AuditProblem {
            seq: record.seq,
            problem,
        }])
    }

    /// Counts of nodes by kind and of relations.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut stats = Stats::default();
        let mut stmt = self
            .conn
            .prepare("SELECT kind, count(*) FROM nodes GROUP BY kind")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(|e| self.sqlite(e))?;
        for row in rows {
            let (kind, count) = row.map_err(|e| self.sqlite(e))?;
            let count = count.max(0) as u64;
            stats.nodes += count;
            match kind.as_str() {
                "person" => stats.persons = count,
                "organisation" => stats.organisations = count,
                _ => stats.initiatives += count,
            }
        }
        stats.relations = self.count("SELECT count(*) FROM relations")?;
        Ok(stats)
    }

    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row(sql, [], |row| row.get(0))
            .map_err(|e| self.sqlite(e))?;
        Ok(n.max(0) as u64)
    }

    /// Runs SQLite's integrity and foreign-key checks and reports the schema and counts.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.sqlite(e))?;
        let integrity = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        let foreign_key_problems = {
            let mut stmt = self
                .conn
                .prepare("PRAGMA foreign_key_check")
                .map_err(|e| self.sqlite(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.sqlite(e))?;
            let mut n = 0;
            while rows.next().map_err(|e| self.sqlite(e))?.is_some() {
                n += 1;
            }
            n
        };
        Ok(CheckReport {
            integrity,
            foreign_key_problems,
            schema_version: self.schema_version()?,
            stats: self.stats()?,
            audit_rows: self.count("SELECT count(*) FROM audit")?,
            audit_problems: {
                let mut problems = audit::verify(&self.conn).map_err(|e| self.sqlite(e))?;
                problems.extend(self.audit_against_backup()?);
                if problems.is_empty() {
                    problems.extend(self.audit_against_head_record()?);
                }
                problems.extend(self.erasures_against_audit()?);
                problems
            },
            schema_problems: self.schema_problems(),
            pending_erasures: self.pending_erasures().unwrap_or_default(),
        })
    }

    /// The newest backup that opens holds the head of the log as it was then: the wijk's log
    /// must still hold that row with that hash. Rows removed from the end (or all of them,
    /// with `sqlite_sequence` put right) are found that way.
    fn audit_against_backup(&self) -> Result<Vec<audit::AuditProblem>, StoreError> {
        let backups = backup::list(&self.path);
        for copy in &backups {
            let Ok(conn) = crypt::connect(
                &copy.path,
                OpenFlags::SQLITE_OPEN_READ_ONLY,
                self.key.as_ref(),
            ) else {
                continue;
            };
            let Ok(Some((seq, hash))) = audit::head(&conn) else {
                continue;
            };
            let ours = audit::hash_at(&self.conn, seq).map_err(|e| self.sqlite(e))?;
            if ours.as_deref() == Some(hash.as_str()) {
                return Ok(Vec::new());
            }
            let name = copy.path.file_name().unwrap_or_default().to_string_lossy();
            let problem = match ours {
                None => format!(
                    "the backup {name} holds audit rows up to {seq}, the wijk's log lacks row {seq}: rows were removed from its end"
                ),
                Some(_) => format!(
                    "audit row {seq} differs from the one in the backup {name}: the log was rewritten"
                ),
            };
            return Ok(vec![audit::AuditProblem { seq, problem }]);
        }
        Ok(Vec::new())
    }

    /// Every erasure the log records must be in `erasures`: a restore applies what that
    /// table holds, so a record removed by hand would let a backup bring her back.
    fn erasures_against_audit(&self) -> Result<Vec<audit::AuditProblem>, StoreError> {
        let recorded: std::collections::HashSet<String> = self
            .conn
            .prepare("SELECT subject FROM erasures")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.sqlite(e))?;
        let mut problems = Vec::new();
        for entry in self.audit_log()? {
            if entry.action != Action::Forget {
                continue;
            }
            let subject = entry
                .after
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|a| a.get("subject")?.as_str().map(str::to_owned));
            if let Some(subject) = subject
                && !recorded.contains(&subject)
            {
                problems.push(audit::AuditProblem {
                    seq: entry.seq,
                    problem: format!(
                        "the erasure of audit row {} is missing from the erasures: a restored backup could bring the person back",
                        entry.seq
                    ),
                });
            }
        }
        Ok(problems)
    }

    /// Every node, ordered by id.
    pub fn nodes(&self) -> Result<Vec<Node>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM nodes ORDER BY id",
                rows::NODE_COLUMNS
            ))
            .map_err(|e| self.sqlite(e))?;
        let nodes = stmt
            .query_map([], rows::node_from_row)
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        Ok(nodes)
    }

    /// Every relation, ended ones included, ordered by id.
    pub fn relations(&self) -> Result<Vec<Relation>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM relations ORDER BY id",
                rows::RELATION_COLUMNS
            ))
            .map_err(|e| self.sqlite(e))?;
        let relations = stmt
            .query_map([], rows::relation_from_row)
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        Ok(relations)
    }

    /// The whole network in one read transaction, so nodes and relations agree.
    pub fn load(&self) -> Result<(Vec<Node>, Vec<Relation>), StoreError> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.sqlite(e))?;
        let result = self.nodes().and_then(|n| Ok((n, self.relations()?)));
        self.conn
            .execute_batch("COMMIT")
            .map_err(|e| self.sqlite(e))?;
        result
    }

    /// One node by id.
    pub fn node(&self, id: &str) -> Result<Option<Node>, StoreError> {
        rows::node_by_id(&self.conn, id).map_err(|e| self.sqlite(e))
    }

    /// One relation by id.
    pub fn relation(&self, id: &str) -> Result<Option<Relation>, StoreError> {
        rows::relation_by_id(&self.conn, id).map_err(|e| self.sqlite(e))
    }

    /// The relations that touch node `id`, ordered by id.
    pub fn relations_of(&self, id: &str) -> Result<Vec<Relation>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM relations WHERE source = ?1 OR target = ?1 ORDER BY id",
                rows::RELATION_COLUMNS
            ))
            .map_err(|e| self.sqlite(e))?;
        let relations = stmt
            .query_map([id], rows::relation_from_row)
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        Ok(relations)
    }

    /// Where the makelaar put each contact of resident `ego` in her netwerkcirkel under
    /// `scheme` (contacts she did not place are not in it). A stored place outside the
    /// scheme (a tampered file) is left out, so the proposal holds.
    pub fn circle_places(
        &self,
        ego: &str,
        scheme: crate::model::Scheme,
    ) -> Result<std::collections::HashMap<crate::model::NodeId, crate::model::Place>, StoreError>
    {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT contact, sector, ring FROM circle_places WHERE ego = ?1 AND scheme = ?2",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map(params![ego, scheme.as_str()], |row| {
                Ok((
                    row.get::<_, crate::model::NodeId>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, sector, ring)| {
                Some((id, crate::model::Place::new(scheme, sector, ring)?))
            })
            .collect())
    }

    /// Every place the makelaar set in every netwerkcirkel, for a backup snapshot: by
    /// resident, scheme and contact.
    pub fn all_circle_places(&self) -> Result<Vec<crate::model::CirclePlace>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT ego, contact, scheme, sector, ring FROM circle_places \
                 ORDER BY ego, scheme, contact",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, crate::model::NodeId>(0)?,
                    row.get::<_, crate::model::NodeId>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            })
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        // A row no scheme has (a tampered file) is left out, as `circle_places` does.
        Ok(rows
            .into_iter()
            .filter_map(|(ego, contact, scheme, sector, ring)| {
                let scheme: crate::model::Scheme = scheme.parse().ok()?;
                let place = crate::model::Place::new(scheme, sector, ring)?;
                Some(crate::model::CirclePlace {
                    ego,
                    contact,
                    scheme,
                    place,
                })
            })
            .collect())
    }

    /// Puts `contact` on `place` in resident `ego`'s netwerkcirkel under `scheme`, or back
    /// on the proposed place (`None`): one undoable step, logged.
    pub fn place_in_circle(
        &mut self,
        ego: &str,
        contact: &str,
        scheme: crate::model::Scheme,
        place: Option<crate::model::Place>,
    ) -> Result<(), StoreError> {
        self.place_many_in_circle(ego, scheme, &[(contact.into(), place)])
    }

    /// Puts each contact of `moves` on its place (or back on the proposed one) in `ego`'s
    /// circle under `scheme`: one transaction and one undoable step for all of them (the
    /// step is named after the contact when there is one, else after the resident). A
    /// contact already where she is asked to go gets no row.
    pub fn place_many_in_circle(
        &mut self,
        ego: &str,
        scheme: crate::model::Scheme,
        moves: &[(crate::model::NodeId, Option<crate::model::Place>)],
    ) -> Result<(), StoreError> {
        for (_, place) in moves {
            if let Some(p) = place
                && crate::model::Place::new(scheme, i64::from(p.sector), i64::from(p.ring))
                    .is_none()
            {
                return Err(StoreError::Invalid(Rule::OutsideCircle {
                    scheme: scheme.as_str(),
                    sector: p.sector,
                    ring: p.ring,
                }));
            }
        }
        let named = match moves {
            [(one, _)] => one.as_str(),
            _ => ego,
        };
        let name = self.node(named)?.map(|n| n.name).unwrap_or_default();
        self.write_step(Change::PlaceInCircle, &name, |tx, user| {
            if rows::node_by_id(tx, ego)?.is_none() {
                return Err(StoreError::UnknownNode(ego.to_owned()));
            }
            for (contact, place) in moves {
                if rows::node_by_id(tx, contact)?.is_none() {
                    return Err(StoreError::UnknownNode(contact.to_string()));
                }
                let before = rows::circle_place(tx, ego, contact, scheme)?;
                if before == *place {
                    continue;
                }
                rows::set_circle_place(tx, ego, contact, scheme, *place)?;
                let logged = |place| action::CircleMove {
                    contact: contact.clone(),
                    scheme,
                    place,
                };
                audit::log(
                    tx,
                    user,
                    Action::Change(Change::PlaceInCircle),
                    Some(ego),
                    Some(&logged(before)),
                    Some(&logged(*place)),
                )?;
            }
            Ok(())
        })
    }

    /// Finds nodes by id, or by name (case-insensitive) when no id matches. More than one
    /// result means the name is ambiguous.
    pub fn find_nodes(&self, query: &str) -> Result<Vec<Node>, StoreError> {
        if let Some(node) = self.node(query)? {
            return Ok(vec![node]);
        }
        let wanted = query.trim().to_lowercase();
        let mut stmt = self
            .conn
            .prepare("SELECT id, name FROM nodes ORDER BY name, id")
            .map_err(|e| self.sqlite(e))?;
        let ids = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.sqlite(e))?
            .filter_map(|row| match row {
                Ok((id, name)) if name.to_lowercase() == wanted => Some(Ok(id)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(self.node(&id)?);
        }
        Ok(found)
    }

    /// Adds a node (stamping its times) and logs it. Returns the stored node.
    pub fn add_node(&mut self, mut node: Node) -> Result<Node, StoreError> {
        rows::validate_node(&node)?;
        let now = crate::model::now();
        node.created_at = Some(now);
        node.updated_at = Some(now);
        let name = node.name.clone();
        self.write_step(Change::AddNode, &name, |tx, user| {
            if rows::node_by_id(tx, &node.id)?.is_some() {
                return Err(StoreError::Invalid(Rule::NodeExists(node.id.to_string())));
            }
            privacy::stamp_new_consent(node.consent.as_mut(), user);
            rows::insert_node(tx, &node)?;
            audit::log(
                tx,
                user,
                Change::AddNode.into(),
                Some(&node.id),
                None::<&()>,
                Some(&node),
            )?;
            Ok(node)
        })
    }

    /// Replaces a node's fields (its id and creation time stay) and logs before and after.
    pub fn update_node(&mut self, mut node: Node) -> Result<Node, StoreError> {
        rows::validate_node(&node)?;
        let name = node.name.clone();
        self.write_step(Change::UpdateNode, &name, |tx, user| {
            let Some(before) = rows::node_by_id(tx, &node.id)? else {
                return Err(StoreError::UnknownNode(node.id.to_string()));
            };
            node.created_at = before.created_at;
            node.updated_at = Some(crate::model::now());
            write_node_update(tx, user, &before, &mut node)?;
            Ok(node)
        })
    }

    /// Deletes a node and its relations, logging each. Returns the relations that went.
    pub fn delete_node(&mut self, id: &str) -> Result<Vec<Relation>, StoreError> {
        let name = self.node(id)?.map(|n| n.name).unwrap_or_default();
        self.write_step(Change::DeleteNode, &name, |tx, user| {
            let Some(before) = rows::node_by_id(tx, id)? else {
                return Err(StoreError::UnknownNode(id.to_owned()));
            };
            let relations = rows::relations_of(tx, id)?;
            for relation in &relations {
                audit::log(
                    tx,
                    user,
                    Change::DeleteRelation.into(),
                    Some(&relation.id),
                    Some(relation),
                    None::<&()>,
                )?;
            }
            tx.execute("DELETE FROM nodes WHERE id = ?1", [id])?;
            audit::log(
                tx,
                user,
                Change::DeleteNode.into(),
                Some(id),
                Some(&before),
                None::<&()>,
            )?;
            Ok(relations)
        })
    }

    /// Moves nodes (e.g. after a layout settles or a drag) in one transaction, logged as
    /// one action.
    pub fn set_positions(
        &mut self,
        positions: &[(crate::model::NodeId, f64, f64, bool)],
    ) -> Result<(), StoreError> {
        if let Some((id, ..)) = positions
            .iter()
            .find(|(_, x, y, _)| !x.is_finite() || !y.is_finite())
        {
            return Err(StoreError::Invalid(Rule::NotFinitePosition(id.to_string())));
        }
        self.write(|tx, user| {
            let mut stmt =
                tx.prepare("UPDATE nodes SET x = ?2, y = ?3, pinned = ?4 WHERE id = ?1")?;
            for (id, x, y, pinned) in positions {
                if stmt.execute(params![id, x, y, pinned])? == 0 {
                    return Err(StoreError::UnknownNode(id.to_string()));
                }
            }
            let ids: Vec<&str> = positions.iter().map(|(id, ..)| id.as_str()).collect();
            audit::log(
                tx,
                user,
                Action::SaveLayout,
                None,
                None::<&()>,
                Some(&serde_json::json!({ "nodes": ids.len() })),
            )?;
            Ok(())
        })
    }

    /// Moves nodes by hand (a drag on the map): one undoable step that logs each node's
    /// place before and after.
    pub fn move_nodes(&mut self, places: &[history::Place]) -> Result<(), StoreError> {
        if let Some(place) = places
            .iter()
            .find(|p| !p.x.is_none_or(f64::is_finite) || !p.y.is_none_or(f64::is_finite))
        {
            return Err(StoreError::Invalid(Rule::NotFinitePosition(
                place.id.to_string(),
            )));
        }
        let name = match places {
            [one] => self.node(&one.id)?.map(|n| n.name).unwrap_or_default(),
            _ => format!("{}", places.len()),
        };
        self.write_step(Change::MoveNodes, &name, |tx, user| {
            let before = history::places_now(tx, places)?;
            if before.len() != places.len() {
                let missing = places.iter().find(|p| !before.iter().any(|b| b.id == p.id));
                return Err(StoreError::UnknownNode(
                    missing.map(|p| p.id.to_string()).unwrap_or_default(),
                ));
            }
            let mut stmt =
                tx.prepare("UPDATE nodes SET x = ?2, y = ?3, pinned = ?4 WHERE id = ?1")?;
            for place in places {
                stmt.execute(params![place.id, place.x, place.y, place.pinned])?;
            }
            audit::log(
                tx,
                user,
                Change::MoveNodes.into(),
                None,
                Some(&before),
                Some(places),
            )?;
            Ok(())
        })
    }

    /// "name - name" for a relation, for the undo history.
    fn relation_name(&self, relation: &Relation) -> Result<String, StoreError> {
        let name = |id: &str| -> Result<String, StoreError> {
            Ok(self.node(id)?.map_or_else(|| id.to_owned(), |n| n.name))
        };
        Ok(format!(
            "{} - {}",
            name(&relation.source)?,
            name(&relation.target)?
        ))
    }

    /// The edit the next undo would take back, if any.
    pub fn next_undo(&self) -> Result<Option<history::Step>, StoreError> {
        history::next_undo(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// The edit the next redo would do again, if any.
    pub fn next_redo(&self) -> Result<Option<history::Step>, StoreError> {
        history::next_redo(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// Takes back the last edit (also one made before a restart), in one transaction.
    /// Returns the step undone, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<history::Step>, StoreError> {
        self.undo_or_redo(history::Direction::Undo)
    }

    /// Does the last undone edit again. Returns the step, or `None` when there is none.
    pub fn redo(&mut self) -> Result<Option<history::Step>, StoreError> {
        self.undo_or_redo(history::Direction::Redo)
    }

    fn undo_or_redo(
        &mut self,
        direction: history::Direction,
    ) -> Result<Option<history::Step>, StoreError> {
        self.write(|tx, user| {
            let step = match direction {
                history::Direction::Undo => history::next_undo(tx)?,
                history::Direction::Redo => history::next_redo(tx)?,
            };
            let Some(step) = step else {
                return Ok(None);
            };
            history::apply(tx, user, &step, direction)?;
            Ok(Some(step))
        })
    }

    /// Adds a relation between two existing nodes and logs it.
    pub fn add_relation(&mut self, mut relation: Relation) -> Result<Relation, StoreError> {
        // A relation she adds is one she knows of today.
        relation.confirmed = relation.confirmed.or_else(|| Some(crate::model::today()));
        let name = self.relation_name(&relation)?;
        self.write_step(Change::AddRelation, &name, |tx, user| {
            rows::validate_relation(tx, &relation)?;
            if rows::relation_by_id(tx, &relation.id)?.is_some() {
                return Err(StoreError::Invalid(Rule::RelationExists(
                    relation.id.to_string(),
                )));
            }
            rows::insert_relation(tx, &relation)?;
            audit::log(
                tx,
                user,
                Change::AddRelation.into(),
                Some(&relation.id),
                None::<&()>,
                Some(&relation),
            )?;
            Ok(relation)
        })
    }

    /// Replaces a relation's fields and logs before and after.
    pub fn update_relation(&mut self, mut relation: Relation) -> Result<Relation, StoreError> {
        // An edit says she knows of it today ("Klopt nog" is such an edit).
        relation.confirmed = Some(crate::model::today());
        let name = self.relation_name(&relation)?;
        self.write_step(Change::UpdateRelation, &name, |tx, user| {
            rows::validate_relation(tx, &relation)?;
            let Some(before) = rows::relation_by_id(tx, &relation.id)? else {
                return Err(StoreError::UnknownRelation(relation.id.to_string()));
            };
            rows::update_relation(tx, &relation)?;
            audit::log(
                tx,
                user,
                Change::UpdateRelation.into(),
                Some(&relation.id),
                Some(&before),
                Some(&relation),
            )?;
            Ok(relation)
        })
    }

    /// Deletes a relation and logs it.
    pub fn delete_relation(&mut self, id: &str) -> Result<Relation, StoreError> {
        let name = match self.relation(id)? {
            Some(relation) => self.relation_name(&relation)?,
            None => String::new(),
        };
        self.write_step(Change::DeleteRelation, &name, |tx, user| {
            let Some(before) = rows::relation_by_id(tx, id)? else {
                return Err(StoreError::UnknownRelation(id.to_owned()));
            };
            tx.execute("DELETE FROM relations WHERE id = ?1", [id])?;
            audit::log(
                tx,
                user,
                Change::DeleteRelation.into(),
                Some(id),
                Some(&before),
                None::<&()>,
            )?;
            Ok(before)
        })
    }

    /// Imports a parsed batch in one transaction: all of it, or nothing.
    ///
    /// For a large batch SQLite's per-row foreign-key lookups are switched off during the
    /// transaction (they cost a third of the time): the import has already checked every
    /// relation's ends against the batch and the database before its first write.
    pub fn import(&mut self, batch: ImportBatch) -> Result<ImportReport, StoreError> {
        let bulk = batch.relations.len() >= import::BULK;
        if bulk {
            self.conn
                .pragma_update(None, "foreign_keys", "OFF")
                .map_err(|e| self.sqlite(e))?;
        }
        let result = self.write(|tx, user| import::run(tx, user, batch));
        if bulk {
            self.conn
                .pragma_update(None, "foreign_keys", "ON")
                .map_err(|e| self.sqlite(e))?;
        }
        result
    }

    /// Whether the log records an import of a file named `file_name` (the demo wijk's, see
    /// `demo::is_demo`).
    pub fn imported_from(&self, file_name: &str) -> Result<bool, StoreError> {
        let pattern = format!("%{file_name}%");
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM audit WHERE action = 'import' AND after LIKE ?1)",
                [pattern],
                |row| row.get(0),
            )
            .map_err(|e| self.sqlite(e))
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        audit::entries(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// Every edit of a relation's fields the log holds (an edit, its undo and redo), on
    /// the local day it was made (for `graph::changes`). Rows an erasure blanked, or that
    /// do not read as relations, are left out.
    pub fn relation_edits(&self) -> Result<Vec<crate::model::RelationEdit>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT time, before, after FROM audit WHERE action IN \
                 ('update_relation', 'undo:update_relation', 'redo:update_relation') \
                 AND before IS NOT NULL AND after IS NOT NULL ORDER BY seq",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.sqlite(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sqlite(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(time, before, after)| {
                let moment = crate::model::parse_timestamp(&time)?;
                Some(crate::model::RelationEdit {
                    day: moment.to_zoned(jiff::tz::TimeZone::system()).date(),
                    before: serde_json::from_str(&before).ok()?,
                    after: serde_json::from_str(&after).ok()?,
                })
            })
            .collect())
    }

    /// Makes a verified backup now (and rotates the backups). Returns its path.
    pub fn backup(&self) -> Result<PathBuf, StoreError> {
        backup::make(&self.conn, &self.path, self.key.as_ref())
    }

    /// Makes a backup when the newest is older than twelve hours; the command line calls
    /// this after every change, as the app will on quit.
    pub fn backup_if_due(&self) -> Result<Option<PathBuf>, StoreError> {
        if backup::due(&self.path) {
            self.backup().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Puts a backup back in place of the database at `db` (the newest good one, or
    /// `from`), keeping the current file aside; refused while another wijkweb has it open.
    /// Returns the backup used and where the replaced file went.
    /// An encrypted backup needs `key`.
    pub fn restore(
        db: &Path,
        from: Option<&Path>,
        key: Option<&Key>,
    ) -> Result<(PathBuf, Option<PathBuf>), StoreError> {
        let lock = files::take_lock(db)?;
        // Every erasure the current file records, done or pending: a backup made before
        // one must not bring her back.
        let erasures = if db.exists() {
            crypt::connect(db, OpenFlags::SQLITE_OPEN_READ_ONLY, key)
                .ok()
                .and_then(|conn| privacy::erasure_subjects(&conn).ok())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        // The log goes back to the backup's: the head kept for the file it replaces no
        // longer holds (the next write keeps the restored one's).
        if let Some(record) = files::head_record_path(db) {
            let _ignored = std::fs::remove_file(record);
        }
        let restored = backup::restore(db, from, key)?;
        let conn = crypt::connect(db, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| StoreError::from_sqlite(db, e))?;
        drop(conn);
        drop(lock);
        // Opening migrates an older backup and applies its own pending erasures.
        let mut store = Store::open_keyed(db, OpenMode::Existing, key)?;
        privacy::apply_erasures(&mut store, &erasures)?;
        Ok(restored)
    }

    /// Records that the details of node `id` were read (her needs and notes shown): one
    /// audit row about her, which her inzage lists and her erasure blanks.
    pub fn log_read(&mut self, action: Action, id: &str) -> Result<(), StoreError> {
        if self.read_only && !self.may_log {
            return Ok(());
        }
        self.transaction(|tx, user| {
            audit::log(tx, user, action, Some(id), None::<&()>, None::<&()>)?;
            Ok(())
        })
    }

    /// Records an action that changed nothing in the network (an export, an inzage). A
    /// [`OpenMode::Reader`] store may do this too.
    pub fn log_action(
        &mut self,
        action: Action,
        details: &serde_json::Value,
    ) -> Result<(), StoreError> {
        if self.read_only && !self.may_log {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        self.transaction(|tx, user| {
            audit::log(tx, user, action, None, None::<&()>, Some(details))?;
            Ok(())
        })
    }
}

impl From<rusqlite::Error> for StoreError {
    /// An error inside a write transaction; [`Store::write`] fills in the path.
    fn from(err: rusqlite::Error) -> Self {
        StoreError::from_sqlite(Path::new(""), err)
    }
}

/// Refuses, by reading its first bytes, a file that is no SQLite database.
/// A file that may be encrypted is let through when a key is given (the key then decides)
/// and refused with a word about the passphrase when not.
fn check_file(path: &Path, mode: OpenMode, keyed: bool) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..]).map_err(io)?;
        if n == 0 {
            break;
        }
        read += n;
    }
    if read == 0 {
        return Err(StoreError::NotWijkweb {
            path: path.to_path_buf(),
            reason: if mode == OpenMode::CreateIfMissing {
                "unreadable".into()
            } else {
                "the file is empty".into()
            },
        });
    }
    if &header != SQLITE_HEADER {
        if crypt::may_be_encrypted(path) {
            if keyed {
                return Ok(());
            }
            return Err(StoreError::Encrypted(path.to_path_buf()));
        }
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    Ok(())
}

/// Whether the file's permissions forbid writing (checked explicitly, since root may write
/// anyway and would then change a file its owner protected).
fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

/// Copies the database to `FILE.bak-vN` before migrating it from version N, with SQLite's
/// own `VACUUM INTO` (a consistent copy, never a raw file copy), and checks the copy.
fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: i32,
    key: Option<&Key>,
) -> Result<(), StoreError> {
    let mut backup = PathBuf::from(format!("{}.bak-v{version}", path.display()));
    let mut n = 1;
    while backup.exists() {
        backup = PathBuf::from(format!("{}.bak-v{version}.{n}", path.display()));
        n += 1;
    }
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if !backup::verify(&backup, key) {
        return Err(StoreError::Invalid(Rule::UpgradeCopyUnsound(backup)));
    }
    Ok(())
}

/// The login name, for the audit log.
fn current_user() -> String {
    user_label(std::env::var("WIJKWEB_USER").ok().as_deref())
}

/// Who is recorded in the audit log: the operating system's account (as the system says,
/// not as an environment variable claims), after the name the makelaar gave herself, if
/// any ("Els de Vries (els)"). Control characters never get in (a newline would forge
/// lines in an inzage).
pub fn user_label(given: Option<&str>) -> String {
    let account = os_account();
    match given.map(clean_name).filter(|g| !g.is_empty()) {
        Some(given) if given != account => format!("{given} ({account})"),
        _ => account,
    }
}

/// `text` without control characters, on one line, at most 100 characters.
fn clean_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() || crate::model::limits::is_invisible_format(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(100)
        .collect()
}

/// The login account running wijkweb, as the operating system reports it.
fn os_account() -> String {
    #[cfg(unix)]
    {
        // SAFETY: getpwuid_r writes only into `pwd` and `buf`, both ours and big enough
        // by the sizes passed; the name is copied out before they go.
        unsafe {
            let uid = libc::getuid();
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut buf = vec![0 as libc::c_char; 4096];
            let mut found: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
            if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
                let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy();
                let name = clean_name(&name);
                if !name.is_empty() {
                    return name;
                }
            }
            format!("uid {uid}")
        }
    }
    #[cfg(not(unix))]
    {
        // Windows sets USERNAME at logon from the account; documented as such.
        std::env::var("USERNAME")
            .ok()
            .map(|n| clean_name(&n))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "onbekend".to_owned())
    }
}
