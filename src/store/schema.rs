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
/// Version 5 adds `erasures`: every erasure as a recorded intention (a hash of the erased
/// id, nothing readable), pending until every copy is clean, applied again by a restore.
/// Version 6 adds the ecogram's relation fields (quality, support, support_direction) and
/// `circle_places`: where the makelaar put a contact in a resident's netwerkcirkel, per
/// scheme (sector and ring, as the scheme numbers them).
/// Version 7 adds when a node is in the wijk (`since`, `until`) and why she left
/// (`until_reason`), for the wijk on a date.
/// Version 8 adds following people up: `last_contact`, `follow_up` and `follow_up_note`.
/// Version 9 adds `confirmed` to relations: the last day the makelaar knew it held (every
/// relation there at the upgrade counts as known that day).
/// Version 10 adds casework over time: `moments` (a resident's netwerkcirkel frozen on a
/// day, its ties in `moment_ties`) and `referrals` (doorverwijzingen). Neither refers to
/// `nodes` by a foreign key: they are history, kept when a node is deleted (an undoable
/// edit), and erasure removes them itself.
/// Version 11 adds `weight` to relations: the weight another tool gave a relation
/// (Gephi, networkx), kept beside the strength it was mapped to.
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
    Migration {
        version: 5,
        sql: r#"
CREATE TABLE erasures (
    subject TEXT PRIMARY KEY NOT NULL,
    time    TEXT NOT NULL,
    state   TEXT NOT NULL CHECK (state = 'pending' OR state = 'done'),
    left    TEXT
);
"#,
        after: Some(|conn| conn.execute_batch(super::audit::APPEND_ONLY_V5)),
    },
    Migration {
        version: 6,
        sql: r#"
ALTER TABLE relations ADD COLUMN quality TEXT NOT NULL DEFAULT 'neutral'
    CHECK (quality = 'supportive' OR quality = 'neutral' OR quality = 'burdening');
ALTER TABLE relations ADD COLUMN support TEXT;
ALTER TABLE relations ADD COLUMN support_direction TEXT
    CHECK (support_direction IS NULL OR support_direction = 'to_target'
           OR support_direction = 'to_source' OR support_direction = 'mutual');
CREATE TABLE circle_places (
    ego     TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    contact TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    scheme  TEXT NOT NULL CHECK (scheme = 'lensink' OR scheme = 'pantucek' OR scheme = 'wijk'),
    sector  INTEGER NOT NULL CHECK (sector BETWEEN 0 AND 3),
    ring    INTEGER NOT NULL CHECK (ring BETWEEN 0 AND 3),
    PRIMARY KEY (ego, contact, scheme)
);
CREATE INDEX circle_places_contact ON circle_places (contact);
"#,
        after: None,
    },
    Migration {
        version: 7,
        sql: r#"
ALTER TABLE nodes ADD COLUMN since TEXT;
ALTER TABLE nodes ADD COLUMN until TEXT;
ALTER TABLE nodes ADD COLUMN until_reason TEXT;
"#,
        after: None,
    },
    Migration {
        version: 8,
        sql: r#"
ALTER TABLE nodes ADD COLUMN last_contact TEXT;
ALTER TABLE nodes ADD COLUMN follow_up TEXT;
ALTER TABLE nodes ADD COLUMN follow_up_note TEXT;
"#,
        after: None,
    },
    Migration {
        version: 9,
        sql: r#"
ALTER TABLE relations ADD COLUMN confirmed TEXT;
UPDATE relations SET confirmed = date('now', 'localtime');
"#,
        after: None,
    },
    Migration {
        version: 10,
        sql: r#"
CREATE TABLE moments (
    id      INTEGER PRIMARY KEY,
    ego     TEXT NOT NULL,
    day     TEXT NOT NULL,
    made_at TEXT NOT NULL,
    scheme  TEXT NOT NULL CHECK (scheme = 'lensink' OR scheme = 'pantucek' OR scheme = 'wijk'),
    source  TEXT NOT NULL CHECK (source = 'casus' OR source = 'recorded')
);
CREATE INDEX moments_ego ON moments (ego);
CREATE TABLE moment_ties (
    moment            INTEGER NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
    relation          TEXT NOT NULL,
    source            TEXT NOT NULL,
    target            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    strength          INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
    quality           TEXT NOT NULL,
    support           TEXT,
    support_direction TEXT,
    sector            INTEGER NOT NULL CHECK (sector BETWEEN 0 AND 3),
    ring              INTEGER NOT NULL CHECK (ring BETWEEN 0 AND 3),
    PRIMARY KEY (moment, relation)
);
CREATE INDEX moment_ties_source ON moment_ties (source);
CREATE INDEX moment_ties_target ON moment_ties (target);
CREATE TABLE referrals (
    id          TEXT PRIMARY KEY NOT NULL,
    resident    TEXT NOT NULL,
    target      TEXT NOT NULL,
    day         TEXT NOT NULL,
    referred_by TEXT NOT NULL,
    status      TEXT NOT NULL
        CHECK (status = 'proposed' OR status = 'started' OR status = 'stopped'),
    status_day  TEXT,
    follow_up   TEXT,
    theme       TEXT,
    note        TEXT
);
CREATE INDEX referrals_resident ON referrals (resident);
CREATE INDEX referrals_target ON referrals (target);
"#,
        after: None,
    },
    Migration {
        version: 11,
        sql: r#"
ALTER TABLE relations ADD COLUMN weight REAL;
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

/// How the tables, indexes and triggers of a file differ from the ones this build makes at
/// the same version (SQLite's own objects left aside).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaDiff {
    /// Objects wijkweb never makes, as "trigger 'name'": a planted trigger or view would
    /// run inside every change.
    pub foreign: Vec<String>,
    /// Indexes, triggers and views of ours whose SQL was changed (names).
    pub altered: Vec<String>,
    /// Objects of ours that are not there (names).
    pub missing: Vec<String>,
    /// The SQL that makes each altered or missing index, trigger or view again.
    pub repair: Vec<(String, String)>,
    /// Whether a table of ours is missing (nothing can repair that).
    pub missing_table: bool,
}

impl SchemaDiff {
    /// Whether the file's schema is this build's.
    pub fn is_same(&self) -> bool {
        self.foreign.is_empty() && self.altered.is_empty() && self.missing.is_empty()
    }
}

/// (type, name, sql) of every object of `conn` but SQLite's own.
fn objects(conn: &Connection) -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?
    .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
    .collect()
}

/// Compares the schema of `conn` with the one `migrations` make up to its version.
pub fn compare(conn: &Connection, migrations: &[Migration]) -> rusqlite::Result<SchemaDiff> {
    let version = user_version(conn)?;
    let mut reference = Connection::open_in_memory()?;
    let steps: Vec<Migration> = migrations
        .iter()
        .filter(|m| m.version <= version)
        .copied()
        .collect();
    migrate(&mut reference, &steps)?;
    let ours = objects(&reference)?;
    let theirs = objects(conn)?;
    let mut diff = SchemaDiff::default();
    for (kind, name, sql) in &theirs {
        match ours.iter().find(|(k, n, _)| k == kind && n == name) {
            None => diff.foreign.push(format!("{kind} '{name}'")),
            Some((_, _, our_sql)) if matches!(kind.as_str(), "trigger" | "view" | "index") => {
                if our_sql != sql {
                    diff.altered.push(name.clone());
                    if let Some(our_sql) = our_sql {
                        diff.repair.push((name.clone(), our_sql.clone()));
                    }
                }
            }
            Some(_) => {}
        }
    }
    for (kind, name, sql) in &ours {
        if !theirs.iter().any(|(k, n, _)| k == kind && n == name) {
            diff.missing.push(name.clone());
            match (kind.as_str(), sql) {
                ("table", _) => diff.missing_table = true,
                (_, Some(sql)) => diff.repair.push((name.clone(), sql.clone())),
                _ => {}
            }
        }
    }
    Ok(diff)
}

/// Puts back the altered and missing indexes, triggers and views of `diff`, in one
/// transaction.
pub fn repair(conn: &mut Connection, diff: &SchemaDiff) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for name in &diff.altered {
        let quoted = name.replace('"', "\"\"");
        // Only indexes, triggers and views are ever "altered".
        let kind: String = tx.query_row(
            "SELECT type FROM sqlite_master WHERE name = ?1",
            [name],
            |row| row.get(0),
        )?;
        let kind = match kind.as_str() {
            "view" => "VIEW",
            "index" => "INDEX",
            _ => "TRIGGER",
        };
        tx.execute_batch(&format!("DROP {kind} \"{quoted}\""))?;
    }
    for (_, sql) in &diff.repair {
        tx.execute_batch(sql)?;
    }
    tx.commit()
}
