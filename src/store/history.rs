//! Undo and redo, kept in the database so that they survive a restart.
//!
//! Every edit a person makes is one transaction whose audit rows form one *step* in the
//! `history` table (the range of audit `seq`s it wrote). Undo writes each row's `before`
//! back, newest row first; redo writes its `after` again, oldest first. Both are new
//! transactions with their own audit rows (`undo:...`, `redo:...`), so the log stays a
//! true account of what happened. A new edit clears the steps that were undone.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Action, Change, audit, rows};
use crate::error::{Rule, StoreError};
use crate::model::{Node, Relation};

/// One step the user can undo or redo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its number (later steps have larger numbers).
    pub step: i64,
    /// What it changed.
    pub action: Change,
    /// The name of what it changed (a node's name, or the two ends of a relation).
    pub name: String,
}

/// A node's place on the map, as `move_nodes` logs it before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The node.
    pub id: crate::model::NodeId,
    /// Where.
    pub x: Option<f64>,
    /// Where.
    pub y: Option<f64>,
    /// Whether the layout may move it.
    pub pinned: bool,
}

/// The largest audit `seq` so far (0 for an empty log).
pub fn last_seq(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM audit", [], |row| {
        row.get(0)
    })
}

/// Records the audit rows after `before_seq` as one undoable step, and forgets the steps
/// that were undone (they can no longer be redone after a new edit).
pub fn record(
    conn: &Connection,
    before_seq: i64,
    action: Change,
    name: &str,
) -> rusqlite::Result<()> {
    let last = last_seq(conn)?;
    if last <= before_seq {
        return Ok(());
    }
    conn.execute("DELETE FROM history WHERE state = 'undone'", [])?;
    conn.execute(
        "INSERT INTO history (first_seq, last_seq, action, name, state) VALUES (?1, ?2, ?3, ?4, 'done')",
        params![before_seq + 1, last, action.as_str(), name],
    )?;
    Ok(())
}

/// The step the next undo would take back.
pub fn next_undo(conn: &Connection) -> rusqlite::Result<Option<Step>> {
    step_query(
        conn,
        "SELECT step, action, name FROM history WHERE state = 'done' ORDER BY step DESC LIMIT 1",
    )
}

/// The step the next redo would do again (the last one undone).
pub fn next_redo(conn: &Connection) -> rusqlite::Result<Option<Step>> {
    step_query(
        conn,
        "SELECT step, action, name FROM history WHERE state = 'undone' ORDER BY step ASC LIMIT 1",
    )
}

fn step_query(conn: &Connection, sql: &str) -> rusqlite::Result<Option<Step>> {
    conn.query_row(sql, [], |row| {
        Ok(Step {
            step: row.get(0)?,
            action: {
                let text: String = row.get(1)?;
                Change::parse(&text).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        format!("not an undoable change: {text}").into(),
                    )
                })?
            },
            name: row.get(2)?,
        })
    })
    .optional()
}

/// An audit row as a step replays it: action, entity, before, after.
type AuditRow = (String, Option<String>, Option<String>, Option<String>);

/// Which way a step is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Take it back: write each row's `before`, newest first.
    Undo,
    /// Do it again: write each row's `after`, oldest first.
    Redo,
}

/// Applies `step` in `direction` inside the caller's transaction and flips its state.
pub fn apply(
    conn: &Connection,
    user: &str,
    step: &Step,
    direction: Direction,
) -> Result<(), StoreError> {
    let (first, last): (i64, i64) = conn.query_row(
        "SELECT first_seq, last_seq FROM history WHERE step = ?1",
        [step.step],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let mut rows: Vec<AuditRow> = conn
        .prepare("SELECT action, entity, before, after FROM audit WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq")?
        .query_map([first, last], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if direction == Direction::Undo {
        rows.reverse();
    }
    let logged = |change: Change| match direction {
        Direction::Undo => Action::Undo(change),
        Direction::Redo => Action::Redo(change),
    };
    for (action, entity, before, after) in rows {
        // A step holds only the rows of its edit, each a change.
        let Action::Change(change) = Action::parse(&action) else {
            continue;
        };
        let action = change.as_str();
        let (from, to) = match direction {
            Direction::Undo => (after, before),
            Direction::Redo => (before, after),
        };
        if change == Change::MoveNodes {
            let places: Vec<Place> = parse(to.as_deref(), action)?.unwrap_or_default();
            let previous = places_now(conn, &places)?;
            let mut stmt =
                conn.prepare("UPDATE nodes SET x = ?2, y = ?3, pinned = ?4 WHERE id = ?1")?;
            for place in &places {
                stmt.execute(params![place.id, place.x, place.y, place.pinned])?;
            }
            audit::log(
                conn,
                user,
                logged(change),
                None,
                Some(&previous),
                Some(&places),
            )?;
        } else if change == Change::Refer {
            let to: Option<crate::model::casework::Referral> = parse(to.as_deref(), action)?;
            let id = entity.unwrap_or_default();
            if to.as_ref().is_some_and(|r| r.id != id) {
                return Err(StoreError::Invalid(Rule::UnreadableStep {
                    action: action.to_owned(),
                    detail: "a referral under another id".to_owned(),
                }));
            }
            let now = rows::referral_by_id(conn, &id)?;
            rows::set_referral(conn, &id, to.as_ref())?;
            audit::log(
                conn,
                user,
                logged(change),
                Some(&id),
                now.as_ref(),
                to.as_ref(),
            )?;
        } else if change == Change::PlaceInCircle {
            let to: Option<serde_json::Value> = parse(to.as_deref(), action)?;
            let ego = entity.unwrap_or_default();
            let Some(to) = to.as_ref().and_then(super::action::CircleMove::from_json) else {
                return Err(StoreError::Invalid(Rule::UnreadableStep {
                    action: action.to_owned(),
                    detail: "not a contact, scheme and place".to_owned(),
                }));
            };
            // A resident or contact deleted since: there is no circle to put her back in.
            if rows::node_by_id(conn, &ego)?.is_none()
                || rows::node_by_id(conn, &to.contact)?.is_none()
            {
                return Err(StoreError::Invalid(Rule::EndGone {
                    redo: direction == Direction::Redo,
                    step: step.name.clone(),
                }));
            }
            let now = super::action::CircleMove {
                place: rows::circle_place(conn, &ego, &to.contact, to.scheme)?,
                ..to.clone()
            };
            rows::set_circle_place(conn, &ego, &to.contact, to.scheme, to.place)?;
            audit::log(
                conn,
                user,
                logged(change),
                Some(&ego),
                Some(&now),
                Some(&to),
            )?;
        } else if change.is_node() {
            let from: Option<Node> = parse(from.as_deref(), action)?;
            let to: Option<Node> = parse(to.as_deref(), action)?;
            let id = entity.unwrap_or_default();
            let now = rows::node_by_id(conn, &id)?;
            match (&from, &to) {
                (_, Some(node)) if now.is_some() => {
                    // Fields go back; the place on the map is the layout's, and stays.
                    let mut node = node.clone();
                    if let Some(now) = &now {
                        (node.x, node.y, node.pinned) = (now.x, now.y, now.pinned);
                    }
                    rows::update_node(conn, &node)?;
                }
                (_, Some(node)) => rows::insert_node(conn, node)?,
                (Some(_), None) => {
                    for relation in rows::relations_of(conn, &id)? {
                        conn.execute("DELETE FROM relations WHERE id = ?1", [&relation.id])?;
                        audit::log(
                            conn,
                            user,
                            logged(Change::DeleteRelation),
                            Some(&relation.id),
                            Some(&relation),
                            None::<&()>,
                        )?;
                    }
                    conn.execute("DELETE FROM nodes WHERE id = ?1", [&id])?;
                }
                (None, None) => {}
            }
            audit::log(
                conn,
                user,
                logged(change),
                Some(&id),
                now.as_ref(),
                to.as_ref(),
            )?;
        } else if change.is_relation() {
            let to: Option<Relation> = parse(to.as_deref(), action)?;
            let id = entity.unwrap_or_default();
            let now = rows::relation_by_id(conn, &id)?;
            match &to {
                Some(relation) => {
                    if rows::node_by_id(conn, &relation.source)?.is_none()
                        || rows::node_by_id(conn, &relation.target)?.is_none()
                    {
                        return Err(StoreError::Invalid(Rule::EndGone {
                            redo: direction == Direction::Redo,
                            step: step.name.clone(),
                        }));
                    }
                    if now.is_some() {
                        rows::update_relation(conn, relation)?;
                    } else {
                        rows::insert_relation(conn, relation)?;
                    }
                }
                None => {
                    conn.execute("DELETE FROM relations WHERE id = ?1", [&id])?;
                }
            }
            audit::log(
                conn,
                user,
                logged(change),
                Some(&id),
                now.as_ref(),
                to.as_ref(),
            )?;
        }
    }
    let state = match direction {
        Direction::Undo => "undone",
        Direction::Redo => "done",
    };
    conn.execute(
        "UPDATE history SET state = ?2 WHERE step = ?1",
        params![step.step, state],
    )?;
    Ok(())
}

/// The current places of the nodes in `places`.
pub fn places_now(conn: &Connection, places: &[Place]) -> rusqlite::Result<Vec<Place>> {
    let mut stmt = conn.prepare_cached("SELECT x, y, pinned FROM nodes WHERE id = ?1")?;
    let mut now = Vec::with_capacity(places.len());
    for place in places {
        if let Some((x, y, pinned)) = stmt
            .query_row([&place.id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?
        {
            now.push(Place {
                id: place.id.clone(),
                x,
                y,
                pinned,
            });
        }
    }
    Ok(now)
}

fn parse<T: serde::de::DeserializeOwned>(
    json: Option<&str>,
    action: &str,
) -> Result<Option<T>, StoreError> {
    match json {
        None | Some("null") => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| {
            StoreError::Invalid(Rule::UnreadableStep {
                action: action.to_owned(),
                detail: e.to_string(),
            })
        }),
    }
}
