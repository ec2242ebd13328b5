//! The database schema and its forward-only migrations.
//!
//! The schema version lives in `PRAGMA user_version` and the file is marked as ours with
//! `PRAGMA application_id`. Migrations are a plain list: version N+1 is made by running
//! step N on a database at version N, all steps of one upgrade in one transaction, so a
//! failed upgrade leaves the file as it was.

use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of a wijkweb database: the bytes "wijk".
pub const APPLICATION_ID: i32 = 0x7769_6a6b;

/// One migration step: the SQL that brings a database from `version - 1` to `version`, and
/// the work SQL alone cannot do (run after it, in the same transaction).
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// The version the database has after this step.
    pub version: i32,
    /// The SQL of the step (several statements).
    pub sql: &'static str,
    /// Run after `sql`, in the same transaction.
    pub after: Option<fn(&Connection) -> rusqlite::Result<()>>,
}

/// The migrations of this build, oldest first.
///
/// CHECK constraints compare with `=` joined by `OR`, not `IN (...)`: SQLite builds an
/// ephemeral table for every row it checks against an `IN` list, which made inserting a
/// node three times slower (measured: 100k rows in 0.74 s against 0.27 s).
///
/// Version 2 adds `history`: the user's edits as undo steps, each a range of audit rows.
/// Version 3 adds the legal basis and consent details, the audit log's hash chain (and
/// makes it append-only), and `settings` (retention periods).
/// Version 4 adds `sensitive` (gevoelig) to nodes.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        after: None,
        sql: r#"
CREATE TABLE nodes (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL
                    CHECK (kind = 'person' OR kind = 'organisation' OR kind = 'initiative'),
    name            TEXT NOT NULL CHECK (name <> ''),
    wijk            TEXT,
    role            TEXT,
    tags            TEXT,
    offers          TEXT,
    needs           TEXT,
    contact         TEXT,
    notes           TEXT,
    consent_status  TEXT
                    CHECK (consent_status = 'none' OR consent_status = 'verbal' OR consent_status = 'written'),
    consent_date    TEXT,
    consent_purpose TEXT,
    consent_expiry  TEXT,
    x               REAL,
    y               REAL,
    pinned          INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE TABLE relations (
    id       TEXT PRIMARY KEY NOT NULL,
    source   TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    target   TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
    since    TEXT,
    until    TEXT,
    notes    TEXT,
    CHECK (source <> target)
);
CREATE INDEX relations_source ON relations (source);
CREATE INDEX relations_target ON relations (target);
CREATE TABLE audit (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    time   TEXT NOT NULL,
    user   TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT,
    before TEXT,
    after  TEXT
);
"#,
    },
    Migration {
        version: 2,
        sql: r#"
CREATE TABLE history (
    step      INTEGER PRIMARY KEY AUTOINCREMENT,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    action    TEXT NOT NULL,
    name      TEXT NOT NULL,
    state     TEXT NOT NULL CHECK (state = 'done' OR state = 'undone')
);
CREATE INDEX history_state ON history (state, step);
"#,
        after: None,
    },
    Migration {
        version: 3,
        sql: r#"
ALTER TABLE nodes ADD COLUMN legal_basis TEXT;
ALTER TABLE nodes ADD COLUMN consent_recorded_by TEXT;
ALTER TABLE nodes ADD COLUMN consent_share TEXT;
ALTER TABLE nodes ADD COLUMN consent_withdrawn TEXT;
ALTER TABLE audit ADD COLUMN nonce TEXT;
ALTER TABLE audit ADD COLUMN content_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
ALTER TABLE audit ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
"#,
        after: Some(super::audit::seal_existing),
    },
    Migration {
        version: 4,
        sql: r#"
ALTER TABLE nodes ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive = 0 OR sensitive = 1);
"#,
        after: None,
    },
];

/// The schema version this build writes.
pub fn current_version() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Reads `PRAGMA user_version`.
pub fn user_version(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Reads `PRAGMA application_id`.
pub fn application_id(conn: &Connection) -> rusqlite::Result<i32> {
    conn.query_row("PRAGMA application_id", [], |row| row.get(0))
}

/// Whether the database has no tables, views or indexes at all.
pub fn is_blank(conn: &Connection) -> rusqlite::Result<bool> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
    Ok(count == 0)
}

/// Runs every step of `migrations` above the database's version, in one immediate
/// transaction, and sets `user_version` (and `application_id`) at the end. Returns the
/// version reached.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> rusqlite::Result<i32> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read the version inside the transaction: another process may have migrated meanwhile.
    let start = user_version(&tx)?;
    let mut version = start;
    for step in migrations.iter().filter(|m| m.version > start) {
        tx.execute_batch(step.sql)?;
        if let Some(after) = step.after {
            after(&tx)?;
        }
        version = step.version;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(version)
}
