//! The audit log: one row per change (time, user, action, entity, before and after as JSON).
//! It serves undo and accountability; its rows are written in the same transaction as the
//! change they describe.
//!
//! The log is append-only (triggers refuse deletes and any update but an erasure's) and
//! hash-chained, so that a removed or altered row is found (`wijkweb check`). Each row holds
//! `content_hash` = SHA-256 of a random nonce and its before/after, and `hash` = SHA-256 of
//! the previous row's hash, its time, user, action, entity and `content_hash`. Erasing a
//! person ("vergeten") blanks the before/after of her rows and their nonce, and keeps both
//! hashes: the chain still checks, and without the nonce the kept `content_hash` can no
//! longer confirm a guess at what was erased.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use super::action::Action;

/// One row of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Order of the change.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub time: String,
    /// Who.
    pub user: String,
    /// What, e.g. `add_node`, `update_relation`, `import`.
    pub action: Action,
    /// The id of the node or relation changed, if one.
    pub entity: Option<String>,
    /// The state before, as JSON.
    pub before: Option<String>,
    /// The state after, as JSON.
    pub after: Option<String>,
}

/// Feeds one optional text into a hash, length-prefixed so fields cannot run together.
fn feed(hasher: &mut Sha256, text: Option<&str>) {
    match text {
        Some(t) => {
            hasher.update((t.len() as u64).to_le_bytes());
            hasher.update(t.as_bytes());
        }
        None => hasher.update(u64::MAX.to_le_bytes()),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of a row's content.
pub fn content_hash(nonce: &str, before: Option<&str>, after: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    feed(&mut hasher, Some(nonce));
    feed(&mut hasher, before);
    feed(&mut hasher, after);
    hex(&hasher.finalize())
}

/// The hash that chains a row to the one before it.
pub fn chain_hash(
    previous: &str,
    time: &str,
    user: &str,
    action: &str,
    entity: Option<&str>,
    content: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        Some(previous),
        Some(time),
        Some(user),
        Some(action),
        entity,
        Some(content),
    ] {
        feed(&mut hasher, part);
    }
    hex(&hasher.finalize())
}

/// The newest row's hash ("" for an empty log).
fn last_hash(conn: &Connection) -> rusqlite::Result<String> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |row| row.get::<_, Option<String>>(0))
        .optional()?
        .flatten()
        .unwrap_or_default())
}

/// Writes one audit row, chained to the one before.
pub fn log<B: Serialize + ?Sized, A: Serialize + ?Sized>(
    conn: &Connection,
    user: &str,
    action: Action,
    entity: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> rusqlite::Result<()> {
    let time = crate::model::now_timestamp();
    let before = before.map(to_json);
    let after = after.map(to_json);
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let content = content_hash(&nonce, before.as_deref(), after.as_deref());
    let action = action.stored();
    let hash = chain_hash(&last_hash(conn)?, &time, user, &action, entity, &content);
    conn.prepare_cached(
        "INSERT INTO audit (time, user, action, entity, before, after, nonce, content_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        time, user, action, entity, before, after, nonce, content, hash
    ])?;
    Ok(())
}

/// Model values always serialise; a failure would be a bug, logged as `null`.
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Every audit row, oldest first.
pub fn entries(conn: &Connection) -> rusqlite::Result<Vec<AuditEntry>> {
    conn.prepare("SELECT seq, time, user, action, entity, before, after FROM audit ORDER BY seq")?
        .query_map([], |row| {
            Ok(AuditEntry {
                seq: row.get(0)?,
                time: row.get(1)?,
                user: row.get(2)?,
                action: Action::parse(&row.get::<_, String>(3)?),
                entity: row.get(4)?,
                before: row.get(5)?,
                after: row.get(6)?,
            })
        })?
        .collect()
}

/// The triggers that make the log append-only: no row is deleted, and the only update
/// allowed is an erasure (before, after and nonce blanked, everything else kept).
const APPEND_ONLY: &str = r#"
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER IF NOT EXISTS audit_only_erasure BEFORE UPDATE ON audit
WHEN NOT (NEW.erased = 1 AND NEW.before IS NULL AND NEW.after IS NULL AND NEW.nonce IS NULL
          AND NEW.seq = OLD.seq AND NEW.time = OLD.time AND NEW.user = OLD.user
          AND NEW.action = OLD.action AND NEW.entity IS OLD.entity
          AND NEW.content_hash IS OLD.content_hash AND NEW.hash IS OLD.hash)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"#;

/// The guards as version 5 has them: an erasure may blank the entity (the erased id) too.
pub const APPEND_ONLY_V5: &str = r#"
DROP TRIGGER IF EXISTS audit_only_erasure;
CREATE TRIGGER audit_only_erasure BEFORE UPDATE ON audit
WHEN NOT (NEW.erased = 1 AND NEW.before IS NULL AND NEW.after IS NULL AND NEW.nonce IS NULL
          AND NEW.seq = OLD.seq AND NEW.time = OLD.time AND NEW.user = OLD.user
          AND NEW.action = OLD.action AND (NEW.entity IS OLD.entity OR NEW.entity IS NULL)
          AND NEW.content_hash IS OLD.content_hash AND NEW.hash IS OLD.hash)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"#;

/// Migration step: chains the rows written before the log had hashes, oldest first, then
/// makes the log append-only.
pub fn seal_existing(conn: &Connection) -> rusqlite::Result<()> {
    let rows = entries(conn)?;
    let mut previous = String::new();
    let mut update =
        conn.prepare("UPDATE audit SET nonce = ?2, content_hash = ?3, hash = ?4 WHERE seq = ?1")?;
    for row in rows {
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let content = content_hash(&nonce, row.before.as_deref(), row.after.as_deref());
        let hash = chain_hash(
            &previous,
            &row.time,
            &row.user,
            &row.action.stored(),
            row.entity.as_deref(),
            &content,
        );
        update.execute(params![row.seq, nonce, content, hash])?;
        previous = hash;
    }
    conn.execute_batch(APPEND_ONLY)
}

// An erasure's own row ([`Action::Forget`]) lists the rows it blanked in its `after`
// (`erased_rows`, numbers only). The row an erasure adds to a copy's own chain (a
// backup's, [`Action::ForgetInCopy`]) lists the rows it blanked there; it is left out of
// the copy's head, which the wijk's log is compared with.

/// The head of the chain: the last row's number and hash, if there is a row.
pub fn head(conn: &Connection) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT seq, hash FROM audit WHERE hash IS NOT NULL AND action <> ?1 \
         ORDER BY seq DESC LIMIT 1",
        [Action::ForgetInCopy.stored()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// The hash of the log's first row: which log this is (a new wijk at the same path starts
/// another).
pub fn first_hash(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT hash FROM audit WHERE hash IS NOT NULL ORDER BY seq LIMIT 1",
        [],
        |row| row.get(0),
    )
    .optional()
}

/// The head of a wijk's log as wijkweb last wrote it, kept outside the file
/// (`files::head_record_path`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct HeadRecord {
    /// The hash of the first row: which log.
    pub first: String,
    /// The last row's number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
}

/// The hash of row `seq`, if it is there.
pub fn hash_at(conn: &Connection, seq: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |row| {
        row.get(0)
    })
    .optional()
    .map(Option::flatten)
}

/// Blanks the content of the rows `seqs` (an erasure); their hashes stay.
pub fn erase(conn: &Connection, seqs: &[i64]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE audit SET before = NULL, after = NULL, nonce = NULL, entity = NULL, erased = 1 \
         WHERE seq = ?1",
    )?;
    for seq in seqs {
        stmt.execute([seq])?;
    }
    Ok(())
}

/// What is wrong with one row of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditProblem {
    /// The row (or the first of the missing rows).
    pub seq: i64,
    /// What is wrong, in plain words.
    pub problem: String,
}

/// Checks the whole chain: every row's content against its hash, every row's hash against
/// the one before, and that no row is missing (in between or at the end).
pub fn verify(conn: &Connection) -> rusqlite::Result<Vec<AuditProblem>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT seq, time, user, action, entity, before, after, nonce, content_hash, hash, erased \
         FROM audit ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut previous_hash = String::new();
    let mut previous_seq = 0i64;
    // Rows blanked by an erasure, and the rows the erasure records list: a blanked row no
    // erasure lists was blanked by hand (the trigger lets any erasure-shaped update by).
    let mut blanked: Vec<i64> = Vec::new();
    let mut listed: std::collections::HashSet<i64> = std::collections::HashSet::new();
    // Erasures written before they listed their rows vouch for every row before them.
    let mut unlisted_before = 0i64;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let time: String = row.get(1)?;
        let user: String = row.get(2)?;
        let action: String = row.get(3)?;
        let entity: Option<String> = row.get(4)?;
        let before: Option<String> = row.get(5)?;
        let after: Option<String> = row.get(6)?;
        let nonce: Option<String> = row.get(7)?;
        let content: Option<String> = row.get(8)?;
        let hash: Option<String> = row.get(9)?;
        let erased: bool = row.get(10)?;
        if erased {
            blanked.push(seq);
        } else if Action::parse(&action).is_erasure() {
            let rows = after
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|a| a.get("erased_rows").cloned());
            match rows.as_ref().and_then(serde_json::Value::as_array) {
                Some(rows) => listed.extend(rows.iter().filter_map(serde_json::Value::as_i64)),
                None => unlisted_before = seq,
            }
        }
        if seq != previous_seq + 1 {
            problems.push(AuditProblem {
                seq: previous_seq + 1,
                problem: format!(
                    "rows {} to {} of the audit log were removed",
                    previous_seq + 1,
                    seq - 1
                ),
            });
        }
        let (Some(content), Some(hash)) = (content, hash) else {
            problems.push(AuditProblem {
                seq,
                problem: format!("audit row {seq} has no hash: it was added by hand"),
            });
            previous_seq = seq;
            continue;
        };
        if !erased
            && content_hash(
                nonce.as_deref().unwrap_or(""),
                before.as_deref(),
                after.as_deref(),
            ) != content
        {
            problems.push(AuditProblem {
                seq,
                problem: format!(
                    "audit row {seq} ({action}) was altered: its before or after changed"
                ),
            });
        }
        // An erased row's entity (her id) is gone too, so its own hash cannot be made
        // again: it stands as written, the next row's hash still binds it, and an erasure
        // must list it (below).
        if !erased
            && chain_hash(
                &previous_hash,
                &time,
                &user,
                &action,
                entity.as_deref(),
                &content,
            ) != hash
        {
            problems.push(AuditProblem {
                seq,
                problem: format!(
                    "audit row {seq} ({action}) does not follow from the row before it: it, or the row before, was altered or removed"
                ),
            });
        }
        previous_hash = hash;
        previous_seq = seq;
    }
    for seq in blanked {
        if seq >= unlisted_before && !listed.contains(&seq) {
            problems.push(AuditProblem {
                seq,
                problem: format!(
                    "audit row {seq} was blanked, but no erasure in the log lists it: it was blanked by hand"
                ),
            });
        }
    }
    let highest: i64 = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(previous_seq);
    if highest > previous_seq {
        problems.push(AuditProblem {
            seq: previous_seq + 1,
            problem: format!(
                "the last rows of the audit log ({} to {highest}) were removed",
                previous_seq + 1
            ),
        });
    }
    Ok(problems)
}
