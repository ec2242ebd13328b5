//! The store's side of the AVG: recording consent, erasure that leaves no byte behind
//! ("vergeten"), gathering everything held about one person (inzage), and the retention
//! periods. The rules themselves (what an export may show, what is due for review) live in
//! `crate::privacy`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;

use super::{Action, Change, Key, Store, audit, rows};
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
    /// Other people's notes, roles and contact lines that named her (her whole name):
    /// the name is now [`ERASED_NAME`] there.
    pub mentions_cleaned: usize,
    /// Backup copies she was erased from too.
    pub backups_cleaned: Vec<PathBuf>,
    /// Copies that could not be opened to clean (another passphrase, damaged, foreign):
    /// overwritten and removed instead.
    pub copies_removed: Vec<PathBuf>,
    /// Copies that could be neither cleaned nor removed, and why: the makelaar removes them
    /// herself (the erasure stays pending and is tried again at every open).
    pub copies_left: Vec<(PathBuf, String)>,
}

/// The erasure record's name for node `id`: a hash, nothing readable, by which a copy or a
/// restored backup finds her again.
pub fn subject_of(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(b"wijkweb-erasure\0");
    hasher.update(id.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The mark by which an export's log entry says it held the person `id`, without naming
/// her: SHA-256 of the export's random `salt` and her id, cut to 128 bits. An inzage finds
/// her by making the same mark; the log holds neither her id nor anything made from her
/// name that could be read back.
pub fn held_mark(salt: &str, id: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update((salt.len() as u64).to_le_bytes());
    hasher.update(salt.as_bytes());
    hasher.update(id.as_bytes());
    hasher.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::model::Retention;

/// Whether the logged time `later` is at or after the moment `earlier`. When either is not
/// known (no creation stamp, a log time that does not parse) it counts as at or after: an
/// inzage rather lists an export too many than one that held her.
fn not_before(later: &str, earlier: Option<crate::model::Timestamp>) -> bool {
    match (crate::model::parse_timestamp(later), earlier) {
        (Some(later), Some(earlier)) => later >= earlier,
        _ => true,
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportSummary {
    /// The format.
    pub format: crate::records::ExportFormat,
    /// Where.
    pub out: String,
    /// Nodes written.
    pub nodes: usize,
    /// Relations written.
    pub relations: usize,
    /// Persons among the nodes.
    pub persons: usize,
    /// Whether persons were pseudonymised.
    pub pseudonymised: bool,
    /// The centre of a network-circle export (none: the whole wijk).
    pub ego: Option<String>,
}

/// An export as the audit log records it (action `export`): written by
/// `exchange::snapshot`, read back by the inzage. Rows of older versions read with the
/// fields they lack at their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportRecord {
    /// What it wrote.
    #[serde(flatten)]
    pub summary: ExportSummary,
    /// The random salt of the [`held_mark`]s (a network-circle export).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_salt: Option<String>,
    /// Whom a network-circle export held, as marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<Vec<String>>,
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
    /// Her netwerkcirkel as frozen at casus moments, the newest first.
    pub moments: Vec<crate::model::casework::Moment>,
    /// Her referrals, the newest first.
    pub referrals: Vec<InzageReferral>,
}

/// One of her referrals, as her inzage shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InzageReferral {
    /// The day.
    pub day: crate::model::Date,
    /// To what: an organisation's or initiative's name; for a person her role.
    pub to: String,
    /// How it went.
    pub status: crate::model::casework::ReferralStatus,
    /// The theme.
    pub theme: Option<String>,
    /// The note.
    pub note: Option<String>,
}

/// Records `user` as who recorded the consent of a node made in the app, unless it says
/// who did.
pub(super) fn stamp_new_consent(consent: Option<&mut Consent>, user: &str) {
    if let Some(consent) = consent
        && consent.recorded_by.is_none()
    {
        consent.recorded_by = Some(user.to_owned());
    }
}

/// Records `user` as who recorded `consent` when it differs from `before` (whoever stored
/// it last is its recorder; an unchanged consent keeps its recorder, also when the input
/// that repeats it names none).
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
    } else if consent.recorded_by.is_none() {
        // The same consent from an input that does not say who recorded it.
        consent.recorded_by = before.and_then(|b| b.recorded_by.clone());
    }
}

/// The audit rows that hold content about node `id`: hers, her relations' (also relations
/// that have since been deleted), undo/redo of them, any row whose content names her id
/// (a move on the map, an export's list), and exports and prints whose file name holds her
/// `name`.
fn rows_about(
    conn: &Connection,
    id: &str,
    name: Option<&str>,
    relation_ids: &[String],
) -> rusqlite::Result<Vec<i64>> {
    let quoted_id = serde_json::to_string(id).unwrap_or_default();
    let mut seqs: Vec<i64> = conn
        .prepare(
            "SELECT seq FROM audit WHERE entity = ?1 \
             OR (action LIKE '%relation%' AND ( \
                 json_extract(before, '$.source') = ?1 OR json_extract(before, '$.target') = ?1 \
                 OR json_extract(after, '$.source') = ?1 OR json_extract(after, '$.target') = ?1)) \
             OR instr(before, ?2) > 0 OR instr(after, ?2) > 0",
        )?
        .query_map(params![id, quoted_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
        // As JSON writes it inside a string (a path): without the quotes around it.
        let quoted = serde_json::to_string(name).unwrap_or_default();
        let inner = quoted.trim_matches('"');
        let mut stmt = conn.prepare(
            "SELECT seq FROM audit WHERE (action LIKE 'export%' OR action LIKE 'print%' \
             OR action = 'inzage' OR action = 'import') AND instr(after, ?1) > 0",
        )?;
        for seq in stmt.query_map([inner], |r| r.get(0))? {
            seqs.push(seq?);
        }
        if is_full_name(name) {
            // Any other row that holds her whole name: an edit of someone else's note
            // that named her keeps the name in its before and after.
            let mut stmt = conn.prepare(
                "SELECT seq, coalesce(before, '') || ' ' || coalesce(after, '') FROM audit \
                 WHERE instr(before, ?1) > 0 OR instr(after, ?1) > 0",
            )?;
            let rows = stmt.query_map([inner], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (seq, text) = row?;
                if !whole_name_at(&text, inner).is_empty() {
                    seqs.push(seq);
                }
            }
        }
    }
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
            node.updated_at = Some(crate::model::now());
            rows::update_node(tx, &node)?;
            audit::log(
                tx,
                user,
                Action::Consent,
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
        let subject = subject_of(id);
        let mut report = self.write(|tx, user| {
            let Some(node) = rows::node_by_id(tx, id)? else {
                return Err(StoreError::UnknownNode(id.to_owned()));
            };
            // The intention first, in the same transaction: whatever happens to the copies
            // after, the erasure is known and tried again until it is done.
            tx.execute(
                "INSERT OR REPLACE INTO erasures (subject, time, state) VALUES (?1, ?2, 'pending')",
                params![subject, crate::model::now_timestamp()],
            )?;
            let relations = rows::relations_of(tx, id)?;
            let Erased {
                seqs,
                undo_dropped,
                mentions,
            } = erase_in(tx, id, Some(&node.name))?;
            audit::log(
                tx,
                user,
                Action::Forget,
                None,
                None::<&()>,
                Some(&serde_json::json!({
                    "kind": node.kind,
                    "relations": relations.len(),
                    "audit_rows_erased": seqs.len(),
                    "erased_rows": seqs,
                    "mentions_cleaned": mentions,
                    "subject": subject,
                })),
            )?;
            Ok(ForgetReport {
                relations: relations.len(),
                audit_rows_erased: seqs.len(),
                undo_steps_dropped: undo_dropped,
                mentions_cleaned: mentions,
                ..ForgetReport::default()
            })
        })?;
        self.rewrite_file()?;
        let copies = clean_copies(
            &self.path,
            std::slice::from_ref(&subject),
            self.key.as_ref(),
        );
        self.finish_erasure(&subject, &copies.left)?;
        report.backups_cleaned = copies.cleaned;
        report.copies_removed = copies.removed;
        report.copies_left = copies.left;
        Ok(report)
    }

    /// Marks the erasure of `subject` done, or keeps it pending while copies are `left`.
    fn finish_erasure(
        &mut self,
        subject: &str,
        left: &[(PathBuf, String)],
    ) -> Result<(), StoreError> {
        let names: Vec<String> = left.iter().map(|(p, _)| p.display().to_string()).collect();
        let state = if left.is_empty() { "done" } else { "pending" };
        self.transaction(|tx, _| {
            tx.execute(
                "UPDATE erasures SET state = ?2, left = ?3 WHERE subject = ?1",
                params![
                    subject,
                    state,
                    serde_json::to_string(&names).unwrap_or_default()
                ],
            )?;
            Ok(())
        })
    }

    /// Finishes every erasure still pending (a crash, a copy that could not be cleaned):
    /// run at every writer's open. What still cannot be done stays pending, and is said by
    /// [`Store::pending_erasures`].
    pub fn finish_pending_erasures(&mut self) -> Result<(), StoreError> {
        let pending: Vec<String> = self
            .conn
            .prepare("SELECT subject FROM erasures WHERE state = 'pending'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.sqlite(e))?;
        if pending.is_empty() {
            return Ok(());
        }
        // The file itself first (an erasure interrupted before its rewrite).
        let key = self.key.clone();
        for subject in &pending {
            self.transaction(|tx, user| {
                if let Some(id) = find_subject(tx, subject)? {
                    let seqs = erase_in(tx, &id, None)?.seqs;
                    audit::log(
                        tx,
                        user,
                        Action::Forget,
                        None,
                        None::<&()>,
                        Some(&serde_json::json!({ "erased_rows": seqs, "subject": subject })),
                    )?;
                }
                Ok(())
            })?;
        }
        self.rewrite_file()?;
        let copies = clean_copies(&self.path, &pending, key.as_ref());
        for subject in &pending {
            self.finish_erasure(subject, &copies.left)?;
        }
        Ok(())
    }

    /// Erasures not yet done: the copies each could not clean nor remove.
    pub fn pending_erasures(&self) -> Result<Vec<Vec<String>>, StoreError> {
        self.conn
            .prepare("SELECT left FROM erasures WHERE state = 'pending'")
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, Option<String>>(0))?
                    .map(|left| {
                        Ok(left?
                            .and_then(|l| serde_json::from_str(&l).ok())
                            .unwrap_or_default())
                    })
                    .collect()
            })
            .map_err(|e| self.sqlite(e))
    }

    /// Whether an erasure is still pending.
    pub fn has_pending_erasures(&self) -> bool {
        self.pending_erasures().is_ok_and(|p| !p.is_empty())
    }

    /// Every erasure this file records (pending or done), by subject.
    pub fn erasure_subjects(&self) -> Result<Vec<String>, StoreError> {
        erasure_subjects(&self.conn).map_err(|e| self.sqlite(e))
    }

    /// Rewrites the file so no freed page keeps old content, and empties the WAL with its
    /// blocks overwritten.
    fn rewrite_file(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("VACUUM;")
            .map_err(|e| self.sqlite(e))?;
        super::crypt::empty_wal(&self.conn, &self.path).map_err(|e| self.sqlite(e))
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
        let relation_ids: Vec<String> = relations
            .iter()
            .map(|r| r.relation.id.to_string())
            .collect();
        let seqs = rows_about(&self.conn, id, Some(&node.name), &relation_ids)
            .map_err(|e| self.sqlite(e))?;
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
                action: entry.action.to_string(),
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
            let consent_row = entry.action == Action::Consent;
            let (before, after) = match &entry.action {
                Action::Consent => (
                    consent_of(entry.before.as_deref(), false),
                    consent_of(entry.after.as_deref(), false),
                ),
                Action::Change(Change::AddNode | Change::UpdateNode)
                | Action::Undo(Change::UpdateNode)
                | Action::Redo(Change::UpdateNode) => (
                    consent_of(entry.before.as_deref(), true),
                    consent_of(entry.after.as_deref(), true),
                ),
                _ => continue,
            };
            if before != after || consent_row {
                consent_history.push((entry.time.clone(), entry.user.clone(), after));
            }
        }
        let exports = entries
            .iter()
            .filter(|e| e.action == Action::Export)
            .filter_map(|e| {
                let record: ExportRecord = e
                    .after
                    .as_deref()
                    .and_then(|a| serde_json::from_str(a).ok())
                    .unwrap_or_default();
                let held_her = match &record.summary.ego {
                    // The whole wijk: everyone there at the time.
                    None => not_before(&e.time, node.created_at),
                    // A network circle: its centre, and whom its marks name.
                    Some(centre) => {
                        centre == id
                            || record.held_salt.as_deref().is_some_and(|salt| {
                                let mark = held_mark(salt, id);
                                record
                                    .held
                                    .as_ref()
                                    .is_some_and(|held| held.contains(&mark))
                            })
                    }
                };
                held_her.then(|| InzageLogLine {
                    time: e.time.clone(),
                    user: e.user.clone(),
                    action: if record.summary.pseudonymised {
                        "export (pseudoniemen)".into()
                    } else {
                        "export".into()
                    },
                })
            })
            .collect();
        let moments = self.moments_of(id)?;
        let referrals = self
            .referrals(Some(id))?
            .into_iter()
            .map(|r| {
                let to = match self.node(&r.target)? {
                    Some(o) if o.kind == NodeKind::Person => {
                        o.role.unwrap_or_else(|| "persoon".to_owned())
                    }
                    Some(o) => o.name,
                    None => String::new(),
                };
                Ok(InzageReferral {
                    day: r.day,
                    to,
                    status: r.status,
                    theme: r.theme,
                    note: r.note,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.log_action(Action::Inzage, &serde_json::json!({ "node": id }))?;
        Ok(Inzage {
            node,
            relations,
            consent_history,
            log,
            exports,
            moments,
            referrals,
        })
    }

    /// When the newest export of `ego`'s network circle (a casus pack, a picture) was
    /// written, from the log; none: never.
    pub fn last_export_of(&self, ego: &str) -> Result<Option<crate::model::Timestamp>, StoreError> {
        let time: Option<String> = self
            .conn
            .query_row(
                "SELECT time FROM audit WHERE action = 'export' AND json_valid(after) \
                 AND json_extract(after, '$.ego') = ?1 ORDER BY seq DESC LIMIT 1",
                [ego],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        Ok(time.and_then(|t| crate::model::parse_timestamp(&t)))
    }

    /// Records an export in the log (action `export`).
    pub fn log_export(&mut self, record: &ExportRecord) -> Result<(), StoreError> {
        // A struct of strings, numbers and lists: it always serialises.
        let value = serde_json::to_value(record).unwrap_or_default();
        self.log_action(Action::Export, &value)
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
            audit::log(
                tx,
                user,
                Action::Retention,
                None,
                Some(&before),
                Some(&retention),
            )?;
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

/// Every file an erasure must clean or remove: every file in the backups folder whatever
/// its name (and in folders below it: the folder is wijkweb's), and every `NAME.bak-v…` and
/// `NAME.replaced-…` beside the wijk (which holds all of [`copies`]). Side files (`-wal`,
/// `-shm`, `-journal`) go with their file; a symbolic link in the folder goes as a link.
fn erasure_copies(db: &Path) -> Vec<PathBuf> {
    let side = |p: &Path| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        ["-wal", "-shm", "-journal"]
            .iter()
            .any(|s| name.ends_with(s))
    };
    let mut found = Vec::new();
    let mut folders = vec![super::backup::folder(db)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push(path),
                // A link goes as a link: what it points to is not the wijk's.
                Ok(t) if t.is_symlink() => super::files::remove_no_follow(&path),
                Ok(_) if !side(&path) => found.push(path),
                _ => {}
            }
        }
    }
    if let (Some(dir), Some(name)) = (db.parent(), db.file_name().and_then(|n| n.to_str())) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let ours = [".bak-v", ".replaced-"]
                .iter()
                .any(|mark| file.starts_with(&format!("{name}{mark}")));
            if ours && !side(&entry.path()) {
                found.push(entry.path());
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

/// The erasures a file records (none in a file older than the table).
pub(crate) fn erasure_subjects(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'erasures')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(Vec::new());
    }
    let mut subjects: Vec<String> = conn
        .prepare("SELECT subject FROM erasures")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // The log's erasure rows name their subject too: a record removed from the table by
    // hand is still applied by a restore.
    let afters: Vec<Option<String>> = conn
        .prepare("SELECT after FROM audit WHERE action = ?1")?
        .query_map([Action::Forget.stored()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for after in afters.into_iter().flatten() {
        if let Some(subject) = serde_json::from_str::<serde_json::Value>(&after)
            .ok()
            .and_then(|a| a.get("subject")?.as_str().map(str::to_owned))
            && !subjects.contains(&subject)
        {
            subjects.push(subject);
        }
    }
    Ok(subjects)
}

/// The id in `conn` whose erasure subject is `subject`: among its nodes, and the entities
/// of its audit log (a node deleted before she was erased).
fn find_subject(conn: &Connection, subject: &str) -> rusqlite::Result<Option<String>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM nodes UNION SELECT entity FROM audit WHERE entity IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.into_iter().find(|id| subject_of(id) == subject))
}

/// Erases node `id` in `conn` (inside a transaction): her relations and node, the content
/// of every audit row about her, the undo steps that held her data and those named after
/// her. Works on a copy of an older schema too. Returns the audit rows blanked and the undo
/// steps dropped.
fn erase_in(conn: &Connection, id: &str, name: Option<&str>) -> rusqlite::Result<Erased> {
    let name = match name {
        Some(name) => Some(name.to_owned()),
        None => conn
            .query_row("SELECT name FROM nodes WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
    };
    let relation_ids: Vec<String> = conn
        .prepare("SELECT id FROM relations WHERE source = ?1 OR target = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let seqs = rows_about(conn, id, name.as_deref(), &relation_ids)?;
    let exists = |table: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)",
            [table],
            |r| r.get(0),
        )
    };
    let mentions = match name.as_deref() {
        Some(name) if is_full_name(name) => clean_mentions(conn, id, name)?,
        _ => 0,
    };
    let mut dropped = 0;
    if exists("history")? {
        dropped += drop_undo_steps(conn, &seqs)?;
        if let Some(name) = &name {
            // An undo label that names her ("verplaatsen Fatima El Idrissi").
            dropped += conn.execute("DELETE FROM history WHERE instr(name, ?1) > 0", [name])?;
        }
    }
    conn.execute(
        "DELETE FROM relations WHERE source = ?1 OR target = ?1",
        [id],
    )?;
    if exists("circle_places")? {
        // Her place in others' circles, and her own circle's places.
        conn.execute(
            "DELETE FROM circle_places WHERE ego = ?1 OR contact = ?1",
            [id],
        )?;
    }
    if exists("moments")? {
        // Her own moments, and her place in others' moments.
        conn.execute(
            "DELETE FROM moment_ties WHERE moment IN (SELECT id FROM moments WHERE ego = ?1) \
             OR source = ?1 OR target = ?1",
            [id],
        )?;
        conn.execute("DELETE FROM moments WHERE ego = ?1", [id])?;
    }
    if exists("referrals")? {
        // Her referrals, and the referrals of others to her.
        conn.execute(
            "DELETE FROM referrals WHERE resident = ?1 OR target = ?1",
            [id],
        )?;
    }
    conn.execute("DELETE FROM nodes WHERE id = ?1", [id])?;
    if has_column(conn, "audit", "erased")? {
        audit::erase(conn, &seqs)?;
    } else {
        let mut stmt =
            conn.prepare("UPDATE audit SET before = NULL, after = NULL WHERE seq = ?1")?;
        for seq in &seqs {
            stmt.execute(params![seq])?;
        }
    }
    Ok(Erased {
        seqs,
        undo_dropped: dropped,
        mentions,
    })
}

/// What erasing one person from one database did.
struct Erased {
    /// The audit rows blanked.
    seqs: Vec<i64>,
    /// The undo steps dropped.
    undo_dropped: usize,
    /// Other people's texts that named her, her name now [`ERASED_NAME`].
    mentions: usize,
}

/// What an erasure puts in another person's text where it named her.
pub const ERASED_NAME: &str = "[gewist]";

/// Whether `name` is specific enough to be sought in other people's texts: two words or
/// more ("Fatima El Idrissi"). A one-word name ("Bep") could as well be someone else's.
fn is_full_name(name: &str) -> bool {
    name.split_whitespace().count() >= 2
}

/// Where `text` holds `name` as a whole (not inside a longer name: "Jan Smit" is not in
/// "Jan Smits" nor in "Jan Smit-Kok"): the byte ranges.
fn whole_name_at(text: &str, name: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(name) {
        let start = from + at;
        let end = start + name.len();
        // A letter, digit or hyphen goes on with the name ("Anja Bakker-Smit").
        let goes_on = |c: char| c.is_alphanumeric() || c == '-';
        let free_before = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !goes_on(c));
        let free_after = text[end..].chars().next().is_none_or(|c| !goes_on(c));
        if free_before && free_after {
            found.push(start..end);
            from = end;
        } else {
            from = start + name.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// `text` with every whole `name` in it replaced by [`ERASED_NAME`], when it held one.
fn without_name(text: &str, name: &str) -> Option<String> {
    let found = whole_name_at(text, name);
    if found.is_empty() {
        return None;
    }
    let mut cleaned = String::with_capacity(text.len());
    let mut from = 0;
    for range in found {
        cleaned.push_str(&text[from..range.start]);
        cleaned.push_str(ERASED_NAME);
        from = range.end;
    }
    cleaned.push_str(&text[from..]);
    Some(cleaned)
}

/// Takes the erased person's `name` out of other people's free texts (a note "buurvrouw van
/// Fatima El Idrissi", a role "dochter van ..."), in this database; how many texts it was in.
fn clean_mentions(conn: &Connection, id: &str, name: &str) -> rusqlite::Result<usize> {
    let mut cleaned = 0;
    // Fixed names, never input: the texts where a makelaar writes about people.
    for (table, column) in [
        ("nodes", "notes"),
        ("nodes", "role"),
        ("nodes", "contact"),
        ("nodes", "follow_up_note"),
        ("nodes", "until_reason"),
        ("relations", "notes"),
        ("referrals", "note"),
    ] {
        if !has_column(conn, table, column)? {
            continue;
        }
        let texts: Vec<(String, String)> = conn
            .prepare(&format!(
                "SELECT id, {column} FROM {table} WHERE instr({column}, ?1) > 0 AND id <> ?2"
            ))?
            .query_map(params![name, id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut update =
            conn.prepare(&format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"))?;
        for (row, text) in texts {
            if let Some(text) = without_name(&text, name) {
                update.execute(params![text, row])?;
                cleaned += 1;
            }
        }
    }
    Ok(cleaned)
}

/// Whether `table` of this database has `column` (a copy made by an older version may not).
fn has_column(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
        params![table, column],
        |r| r.get(0),
    )
}

/// What cleaning the copies of a wijk did.
#[derive(Debug, Default)]
struct CopiesCleaned {
    cleaned: Vec<PathBuf>,
    removed: Vec<PathBuf>,
    left: Vec<(PathBuf, String)>,
}

/// Erases the `subjects` from every copy of `db`. A copy that cannot be opened or cleaned
/// (another passphrase, damaged, not a database, a full disk) is overwritten and removed;
/// one that cannot be removed either is listed. Half-written backups (`*.partial`) go too.
fn clean_copies(db: &Path, subjects: &[String], key: Option<&Key>) -> CopiesCleaned {
    let mut done = CopiesCleaned::default();
    super::backup::remove_partials(db);
    for copy in erasure_copies(db) {
        match clean_copy(&copy, subjects, key) {
            Ok(true) => done.cleaned.push(copy),
            Ok(false) => {}
            Err(e) => {
                super::crypt::shred_file(&copy);
                if std::fs::symlink_metadata(&copy).is_ok() {
                    done.left.push((copy, e.to_string()));
                } else {
                    done.removed.push(copy);
                }
            }
        }
    }
    done
}

/// Erases the `subjects` from one copy; whether it held any of them.
fn clean_copy(copy: &Path, subjects: &[String], key: Option<&Key>) -> Result<bool, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(copy, e);
    let conn = super::crypt::connect(copy, OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
    conn.pragma_update(None, "secure_delete", "ON")
        .map_err(sqlite)?;
    let mut held = false;
    let tx = conn.unchecked_transaction().map_err(sqlite)?;
    for subject in subjects {
        let Some(id) = find_subject(&tx, subject).map_err(sqlite)? else {
            continue;
        };
        held = true;
        let seqs = erase_in(&tx, &id, None).map_err(sqlite)?.seqs;
        if has_column(&tx, "audit", "hash").map_err(sqlite)? {
            // The copy's own chain records the erasure, as the wijk's does.
            audit::log(
                &tx,
                &super::current_user(),
                Action::ForgetInCopy,
                None,
                None::<&()>,
                Some(&serde_json::json!({ "erased_rows": seqs })),
            )
            .map_err(sqlite)?;
        }
    }
    tx.commit().map_err(sqlite)?;
    if held {
        conn.execute_batch("VACUUM;").map_err(sqlite)?;
        super::crypt::empty_wal(&conn, copy).map_err(sqlite)?;
    }
    Ok(held)
}

/// Applies `subjects` (erasures recorded elsewhere, e.g. in the file a restore replaced) to
/// the database `db`: each is recorded there as pending, then erased and its copies cleaned.
pub(crate) fn apply_erasures(store: &mut Store, subjects: &[String]) -> Result<(), StoreError> {
    if subjects.is_empty() {
        return Ok(());
    }
    store.transaction(|tx, _| {
        for subject in subjects {
            tx.execute(
                "INSERT OR IGNORE INTO erasures (subject, time, state) VALUES (?1, ?2, 'pending')",
                params![subject, crate::model::now_timestamp()],
            )?;
            tx.execute(
                "UPDATE erasures SET state = 'pending' WHERE subject = ?1",
                [subject],
            )?;
        }
        Ok(())
    })?;
    store.finish_pending_erasures()
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
