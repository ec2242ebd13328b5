//! The audit log: one row per change (time, user, action, entity, before and after as JSON).
//! It serves undo and accountability; its rows are written in the same transaction as the
//! change they describe.

use rusqlite::{Connection, params};
use serde::Serialize;

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
    pub action: String,
    /// The id of the node or relation changed, if one.
    pub entity: Option<String>,
    /// The state before, as JSON.
    pub before: Option<String>,
    /// The state after, as JSON.
    pub after: Option<String>,
}

/// Writes one audit row.
pub fn log<B: Serialize + ?Sized, A: Serialize + ?Sized>(
    conn: &Connection,
    user: &str,
    action: &str,
    entity: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (time, user, action, entity, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        crate::model::now_timestamp(),
        user,
        action,
        entity,
        before.map(to_json),
        after.map(to_json),
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
                action: row.get(3)?,
                entity: row.get(4)?,
                before: row.get(5)?,
                after: row.get(6)?,
            })
        })?
        .collect()
}
