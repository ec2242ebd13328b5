//! The store's side of the AVG: recording consent, erasure that leaves no byte behind
//! ("vergeten"), gathering everything held about one person (inzage), and the retention
//! periods. The rules themselves (what an export may show, what is due for review) live in
//! `crate::privacy`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Key, Store, audit, rows};
use crate::error::{Rule, StoreError};
use crate::model::{Consent, Node, NodeKind, Relation};

/// What an erasure removed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ForgetReport {
    /// Her relations deleted.
    pub relations: usize,
    /// Audit rows whose content was blanked.
    pub audit_rows_erased: usize,
    /// Undo steps that can no longer be taken (they held her data).
    pub undo_steps_dropped: usize,
    /// Backup copies she was erased from too.
    pub backups_cleaned: Vec<PathBuf>,
}

/// Retention periods in months per kind of record; `None` keeps until erased by hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Persons: months since her data last changed.
    pub person: Option<u32>,
    /// Organisations.
    pub organisation: Option<u32>,
    /// Initiatives.
    pub initiative: Option<u32>,
    /// Relations: months since they ended.
    pub relation: Option<u32>,
}

/// One relation of a person, as an inzage shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InzageRelation {
    /// The relation.
    pub relation: Relation,
    /// The other end's kind.
    pub other_kind: NodeKind,
    /// The other end: an organisation's or initiative's name; for a person her role
    /// (another person's name is her personal data, not this person's).
    pub other: String,
}

/// One line of the log about a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InzageLogLine {
    /// When.
    pub time: String,
    /// Who.
    pub user: String,
    /// What.
    pub action: String,
}

/// Everything held about one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inzage {
    /// Her fields.
    pub node: Node,
    /// Her relations.
    pub relations: Vec<InzageRelation>,
    /// Her consent as it was recorded over time, oldest first (time, who, consent).
    pub consent_history: Vec<(String, String, Option<Consent>)>,
    /// Who changed her data or looked it up, when.
    pub log: Vec<InzageLogLine>,
    /// Exports that held her data: the whole wijk, or her own network circle.
    pub exports: Vec<InzageLogLine>,
}

/// Records `user` as who recorded `consent` when it differs from `before` (whoever stored
/// it last is its recorder; an unchanged consent keeps its recorder).
pub(super) fn stamp_consent(before: Option<&Consent>, consent: Option<&mut Consent>, user: &str) {
    let Some(consent) = consent else {
        return;
    };
    let unchanged = before.is_some_and(|b| {
        Consent {
            recorded_by: None,
            ..b.clone()
        } == Consent {
            recorded_by: None,
            ..consent.clone()
        }
    });
    if !unchanged {
        consent.recorded_by = Some(user.to_owned());
    }
}

/// The audit rows that hold content about node `id`: hers, her relations' (also relations
/// that have since been deleted), and undo/redo of them.
fn rows_about(conn: &Connection, id: &str, relation_ids: &[String]) -> rusqlite::Result<Vec<i64>> {
    let mut seqs: Vec<i64> = conn
        .prepare(
            "SELECT seq FROM audit WHERE entity = ?1 \
             OR (action LIKE '%relation%' AND ( \
                 json_extract(before, '$.source') = ?1 OR json_extract(before, '$.target') = ?1 \
                 OR json_extract(after, '$.source') = ?1 OR json_extract(after, '$.target') = ?1))",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_entity = conn.prepare("SELECT seq FROM audit WHERE entity = ?1")?;
    for relation in relation_ids {
        for seq in by_entity.query_map([relation], |r| r.get(0))? {
            seqs.push(seq?);
        }
    }
    seqs.sort_unstable();
    seqs.dedup();
    Ok(seqs)
}

impl Store {
    /// Records a person's consent and legal basis (or clears it), in one transaction with
    /// an audit row `consent` holding the record before and after.
    pub fn set_consent(&mut self, id: &str, consent: Option<Consent>) -> Result<Node, StoreError> {
        self.write(|tx, user| {
            let Some(mut node) = rows::node_by_id(tx, id)? else {
                return Err(StoreError::UnknownNode(id.to_owned()));
            };
            if node.kind != NodeKind::Person {
                return Err(StoreError::Invalid(Rule::NotAPerson(node.name)));
            }
            let before = node.consent.clone();
            node.consent = consent;
            stamp_consent(before.as_ref(), node.consent.as_mut(), user);
            node.updated_at = crate::model::now_timestamp();
            rows::update_node(tx, &node)?;
            audit::log(
                tx,
                user,
                "consent",
                Some(id),
                Some(&before),
                Some(&node.consent),
            )?;
            Ok(node)
        })
    }

    /// Erases a person ("vergeten", AVG art. 17): her node and relations, the content of
    /// every audit row about her (ids and field names stay), the undo steps that held her
    /// data; then the file is rewritten (VACUUM, with secure_delete on) and its WAL emptied,
    /// and she is erased from every backup copy beside it too.
    pub fn forget(&mut self, id: &str) -> Result<ForgetReport, StoreError> {
        let mut report = self.write(|tx, user| {
            let Some(node) = rows::node_by_id(tx, id)? else {
                return Err(StoreError::UnknownNode(id.to_owned()));
            };
            let relations = rows::relations_of(tx, id)?;
            let relation_ids: Vec<String> = relations.iter().map(|r| r.id.clone()).collect();
            let seqs = rows_about(tx, id, &relation_ids)?;
            let dropped = drop_undo_steps(tx, &seqs)?;
            tx.execute(
                "DELETE FROM relations WHERE source = ?1 OR target = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM nodes WHERE id = ?1", [id])?;
            audit::erase(tx, &seqs)?;
            audit::log(
                tx,
                user,
                audit::ERASURE,
                Some(id),
                None::<&()>,
                Some(&serde_json::json!({
                    "kind": node.kind,
                    "relations": relations.len(),
                    "audit_rows_erased": seqs.len(),
                    "erased_rows": seqs,
                })),
            )?;
            Ok(ForgetReport {
                relations: relations.len(),
                audit_rows_erased: seqs.len(),
                undo_steps_dropped: dropped,
                backups_cleaned: Vec::new(),
            })
        })?;
        self.rewrite_file()?;
        report.backups_cleaned = forget_in_copies(&self.path, id, self.key.as_ref())?;
        Ok(report)
    }

    /// Rewrites the file so no freed page keeps old content, and empties the WAL.
    fn rewrite_file(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("VACUUM;")
            .map_err(|e| self.sqlite(e))?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.sqlite(e))
    }

    /// Everything held about one person, for an inzage request (AVG art. 15); the request
    /// itself is logged (`inzage`).
    pub fn inzage(&mut self, id: &str) -> Result<Inzage, StoreError> {
        let Some(node) = self.node(id)? else {
            return Err(StoreError::UnknownNode(id.to_owned()));
        };
        let relations = self
            .relations_of(id)?
            .into_iter()
            .map(|relation| {
                let other_id = if relation.source == id {
                    &relation.target
                } else {
                    &relation.source
                };
                let other = self.node(other_id)?;
                let (other_kind, other) = match other {
                    Some(o) if o.kind == NodeKind::Person => {
                        (o.kind, o.role.unwrap_or_else(|| "persoon".to_owned()))
                    }
                    Some(o) => (o.kind, o.name),
                    None => (NodeKind::Person, String::new()),
                };
                Ok(InzageRelation {
                    relation,
                    other_kind,
                    other,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let relation_ids: Vec<String> = relations.iter().map(|r| r.relation.id.clone()).collect();
        let seqs = rows_about(&self.conn, id, &relation_ids).map_err(|e| self.sqlite(e))?;
        let entries = self.audit_log()?;
        let mut log = Vec::new();
        let mut consent_history = Vec::new();
        for entry in entries
            .iter()
            .filter(|e| seqs.binary_search(&e.seq).is_ok())
        {
            log.push(InzageLogLine {
                time: entry.time.clone(),
                user: entry.user.clone(),
                action: entry.action.clone(),
            });
            if entry.entity.as_deref() != Some(id) {
                continue;
            }
            let consent_of = |json: Option<&str>, whole_node: bool| -> Option<Consent> {
                let value: serde_json::Value = serde_json::from_str(json?).ok()?;
                let value = if whole_node {
                    value.get("consent")?.clone()
                } else {
                    value
                };
                serde_json::from_value(value).ok()
            };
            let (before, after) = match entry.action.as_str() {
                "consent" => (
                    consent_of(entry.before.as_deref(), false),
                    consent_of(entry.after.as_deref(), false),
                ),
                "add_node" | "update_node" | "undo:update_node" | "redo:update_node" => (
                    consent_of(entry.before.as_deref(), true),
                    consent_of(entry.after.as_deref(), true),
                ),
                _ => continue,
            };
            if before != after || entry.action == "consent" {
                consent_history.push((entry.time.clone(), entry.user.clone(), after));
            }
        }
        let exports = entries
            .iter()
            .filter(|e| e.action == "export")
            .filter(|e| {
                let after = e
                    .after
                    .as_deref()
                    .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                    .unwrap_or_default();
                match after.get("ego") {
                    // The whole wijk: everyone there at the time.
                    None | Some(serde_json::Value::Null) => e.time >= node.created_at,
                    // A network circle: its centre, and whom its marks name.
                    Some(centre) => {
                        centre.as_str() == Some(id)
                            || after["held_salt"].as_str().is_some_and(|salt| {
                                let mark = crate::privacy::held_mark(salt, id);
                                after["held"]
                                    .as_array()
                                    .is_some_and(|held| held.iter().any(|m| m == &mark))
                            })
                    }
                }
            })
            .map(|e| InzageLogLine {
                time: e.time.clone(),
                user: e.user.clone(),
                action: match e.after.as_deref() {
                    Some(a) if a.contains(r#""pseudonymised":true"#) => {
                        "export (pseudoniemen)".into()
                    }
                    _ => "export".into(),
                },
            })
            .collect();
        self.log_action("inzage", &serde_json::json!({ "node": id }))?;
        Ok(Inzage {
            node,
            relations,
            consent_history,
            log,
            exports,
        })
    }

    /// The retention periods (settings).
    pub fn retention(&self) -> Result<Retention, StoreError> {
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'retention'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// Sets the retention periods, logged.
    pub fn set_retention(&mut self, retention: Retention) -> Result<(), StoreError> {
        let before = self.retention()?;
        self.write(|tx, user| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('retention', ?1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [serde_json::to_string(&retention).unwrap_or_default()],
            )?;
            audit::log(tx, user, "retention", None, Some(&before), Some(&retention))?;
            Ok(())
        })
    }
}

/// Deletes the undo steps whose audit rows include any of `seqs`; returns how many.
fn drop_undo_steps(conn: &Connection, seqs: &[i64]) -> rusqlite::Result<usize> {
    let mut dropped = 0;
    let mut stmt = conn.prepare("DELETE FROM history WHERE ?1 BETWEEN first_seq AND last_seq")?;
    for seq in seqs {
        dropped += stmt.execute([seq])?;
    }
    Ok(dropped)
}

/// The copies of `db` that may hold old data: its backups, the copies made before an
/// upgrade and the files a restore put aside.
pub fn copies(db: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = super::backup::list(db)
        .into_iter()
        .map(|b| b.path)
        .collect();
    if let (Some(dir), Some(name)) = (db.parent(), db.file_name().and_then(|n| n.to_str())) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if is_copy_name(name, &file) {
                    found.push(entry.path());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether `file` names a copy of the database `name`: `NAME.bak-vN` or `NAME.bak-vN.M` (made
/// before an upgrade), `NAME.replaced-TIME` (put aside by a restore); not their WAL,
/// shared-memory or lock files.
fn is_copy_name(name: &str, file: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = file.strip_prefix(&format!("{name}.bak-v")) {
        let mut parts = rest.splitn(2, '.');
        return parts.next().is_some_and(digits) && parts.next().is_none_or(digits);
    }
    file.strip_prefix(&format!("{name}.replaced-"))
        .is_some_and(|stamp| !stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Erases node `id` from every copy of `db`; returns the copies changed. A copy of an
/// older schema is handled with the columns it has; an encrypted one is opened with `key`.
fn forget_in_copies(db: &Path, id: &str, key: Option<&Key>) -> Result<Vec<PathBuf>, StoreError> {
    let mut cleaned = Vec::new();
    for copy in copies(db) {
        let sqlite = |e| StoreError::from_sqlite(&copy, e);
        let conn = super::crypt::connect(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(sqlite)?;
        let present: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM nodes WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        let relation_ids: Vec<String> = conn
            .prepare("SELECT id FROM relations WHERE source = ?1 OR target = ?1")
            .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
            .map_err(sqlite)?;
        let seqs = rows_about(&conn, id, &relation_ids).map_err(sqlite)?;
        if !present && seqs.is_empty() {
            continue;
        }
        let has_chain: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit') WHERE name = 'erased')",
                [],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        let tx = conn.unchecked_transaction().map_err(sqlite)?;
        tx.execute(
            "DELETE FROM relations WHERE source = ?1 OR target = ?1",
            [id],
        )
        .map_err(sqlite)?;
        tx.execute("DELETE FROM nodes WHERE id = ?1", [id])
            .map_err(sqlite)?;
        if has_chain {
            audit::erase(&tx, &seqs).map_err(sqlite)?;
            // The copy's own chain records the erasure, as the wijk's does.
            audit::log(
                &tx,
                &super::current_user(),
                audit::ERASURE_IN_COPY,
                None,
                None::<&()>,
                Some(&serde_json::json!({ "erased_rows": seqs })),
            )
            .map_err(sqlite)?;
        } else {
            let mut stmt = tx
                .prepare("UPDATE audit SET before = NULL, after = NULL WHERE seq = ?1")
                .map_err(sqlite)?;
            for seq in &seqs {
                stmt.execute(params![seq]).map_err(sqlite)?;
            }
        }
        let has_history: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'history')",
                [],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        if has_history {
            drop_undo_steps(&tx, &seqs).map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)?;
        conn.execute_batch("VACUUM;").map_err(sqlite)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(sqlite)?;
        cleaned.push(copy);
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::is_copy_name;

    #[test]
    fn copies_are_the_databases_not_their_side_files() {
        for copy in [
            "w.db.bak-v2",
            "w.db.bak-v2.1",
            "w.db.replaced-20261124T010203Z",
        ] {
            assert!(is_copy_name("w.db", copy), "{copy}");
        }
        for other in [
            "w.db.bak-v2-wal",
            "w.db.bak-v2.lock",
            "w.db.bak-v",
            "w.db.replaced-20261124T010203Z-wal",
            "w.db.replaced-20261124T010203Z-shm",
            "w.db.replaced-",
            "w.db.converting",
            "w.db",
            "x.db.bak-v2",
        ] {
            assert!(!is_copy_name("w.db", other), "{other}");
        }
    }
}
