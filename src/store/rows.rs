//! Mapping between model values and table rows.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Rule, StoreError};
use crate::model::{
    Consent, ConsentStatus, Date, LegalBasis, Node, Place, Quality, Relation, RelationKind, Scheme,
    Strength, Support, SupportDirection, limits,
};

/// Node columns in the order [`node_from_row`] reads them.
pub const NODE_COLUMNS: &str = "id, kind, name, wijk, role, tags, offers, needs, contact, notes, \
     consent_status, consent_date, consent_purpose, consent_expiry, x, y, pinned, created_at, updated_at, \
     legal_basis, consent_recorded_by, consent_share, consent_withdrawn, sensitive, since, until, until_reason, last_contact, follow_up, follow_up_note";

/// Relation columns in the order [`relation_from_row`] reads them.
pub const RELATION_COLUMNS: &str = "id, source, target, kind, strength, since, until, notes, quality, support, support_direction, confirmed, weight";

const INSERT_NODE: &str = "INSERT INTO nodes (id, kind, name, wijk, role, tags, offers, needs, contact, notes, \
     consent_status, consent_date, consent_purpose, consent_expiry, x, y, pinned, created_at, updated_at, \
     legal_basis, consent_recorded_by, consent_share, consent_withdrawn, sensitive, since, until, until_reason, last_contact, follow_up, follow_up_note) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)";

const UPDATE_NODE: &str = "UPDATE nodes SET kind = ?2, name = ?3, wijk = ?4, role = ?5, tags = ?6, \
     offers = ?7, needs = ?8, contact = ?9, notes = ?10, consent_status = ?11, consent_date = ?12, \
     consent_purpose = ?13, consent_expiry = ?14, x = ?15, y = ?16, pinned = ?17, created_at = ?18, \
     updated_at = ?19, legal_basis = ?20, consent_recorded_by = ?21, consent_share = ?22, \
     consent_withdrawn = ?23, sensitive = ?24, since = ?25, until = ?26, until_reason = ?27, \
     last_contact = ?28, follow_up = ?29, follow_up_note = ?30 WHERE id = ?1";

const INSERT_RELATION: &str = "INSERT INTO relations (id, source, target, kind, strength, since, until, notes, \
     quality, support, support_direction, confirmed, weight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

const UPDATE_RELATION: &str = "UPDATE relations SET source = ?2, target = ?3, kind = ?4, strength = ?5, \
     since = ?6, until = ?7, notes = ?8, quality = ?9, support = ?10, support_direction = ?11, confirmed = ?12, weight = ?13 WHERE id = ?1";

fn conversion_error(col: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, message.into())
}

fn list_from(row: &Row<'_>, col: usize) -> rusqlite::Result<Vec<String>> {
    match row.get_ref(col)?.as_str_or_null()? {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(text).map_err(|e| conversion_error(col, e.to_string())),
    }
}

fn list_to(list: &[String]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    // A list of strings always serialises.
    serde_json::to_string(list).ok()
}

fn date_from(row: &Row<'_>, col: usize) -> rusqlite::Result<Option<Date>> {
    match row.get_ref(col)?.as_str_or_null()? {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|e: jiff::Error| conversion_error(col, e.to_string())),
    }
}

/// Ids are text in their columns.
macro_rules! id_column {
    ($name:ty) => {
        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(value).map(Self::from)
            }
        }
    };
}

id_column!(crate::model::NodeId);
id_column!(crate::model::RelationId);

fn date_to(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// A stamp as its column holds it: RFC 3339, empty for none (the column is `NOT NULL`).
fn stamp_to(stamp: Option<crate::model::Timestamp>) -> String {
    stamp.map(|t| t.to_string()).unwrap_or_default()
}

fn parse_col<T: std::str::FromStr>(row: &Row<'_>, col: usize) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    let text = row.get_ref(col)?.as_str()?;
    text.parse()
        .map_err(|e: T::Err| conversion_error(col, e.to_string()))
}

/// Reads a node from a row selected with [`NODE_COLUMNS`].
pub fn node_from_row(row: &Row<'_>) -> rusqlite::Result<Node> {
    let consent = match row.get_ref(10)?.as_str_or_null()? {
        None => None,
        Some(status) => Some(Consent {
            legal_basis: match row.get_ref(19)?.as_str_or_null()? {
                None => None,
                Some(b) => Some(
                    b.parse::<LegalBasis>()
                        .map_err(|e| conversion_error(19, e.to_string()))?,
                ),
            },
            status: status
                .parse::<ConsentStatus>()
                .map_err(|e| conversion_error(10, e.to_string()))?,
            recorded_by: row.get(20)?,
            share_with: row.get(21)?,
            withdrawn: date_from(row, 22)?,
            date: date_from(row, 11)?,
            purpose: row.get(12)?,
            expiry: date_from(row, 13)?,
        }),
    };
    // A position no layout or drawing can use (a tampered or foreign file, a half one)
    // reads as none: the layout places the node anew, and nothing downstream sees it.
    let (x, y) = match (
        row.get::<_, Option<f64>>(14)?,
        row.get::<_, Option<f64>>(15)?,
    ) {
        (Some(x), Some(y)) if limits::coordinate_ok(x) && limits::coordinate_ok(y) => {
            (Some(x), Some(y))
        }
        _ => (None, None),
    };
    Ok(Node {
        id: row.get(0)?,
        kind: parse_col(row, 1)?,
        name: row.get(2)?,
        wijk: row.get(3)?,
        role: row.get(4)?,
        tags: list_from(row, 5)?,
        offers: list_from(row, 6)?,
        needs: list_from(row, 7)?,
        contact: row.get(8)?,
        notes: row.get(9)?,
        consent,
        x,
        y,
        pinned: row.get(16)?,
        sensitive: row.get(23)?,
        since: date_from(row, 24)?,
        until: date_from(row, 25)?,
        until_reason: row.get(26)?,
        last_contact: date_from(row, 27)?,
        follow_up: date_from(row, 28)?,
        follow_up_note: row.get(29)?,
        created_at: crate::model::parse_timestamp(&row.get::<_, String>(17)?),
        updated_at: crate::model::parse_timestamp(&row.get::<_, String>(18)?),
    })
}

/// Reads a relation from a row selected with [`RELATION_COLUMNS`].
pub fn relation_from_row(row: &Row<'_>) -> rusqlite::Result<Relation> {
    let strength: i64 = row.get(4)?;
    Ok(Relation {
        id: row.get(0)?,
        source: row.get(1)?,
        target: row.get(2)?,
        kind: parse_col::<RelationKind>(row, 3)?,
        strength: Strength::new(strength)
            .ok_or_else(|| conversion_error(4, format!("strength {strength} outside 1-3")))?,
        since: date_from(row, 5)?,
        until: date_from(row, 6)?,
        notes: row.get(7)?,
        quality: parse_col::<Quality>(row, 8)?,
        support: match row.get_ref(9)?.as_str_or_null()? {
            None => Support::NONE,
            Some(text) => {
                Support::parse_list(text).map_err(|e| conversion_error(9, e.to_string()))?
            }
        },
        support_direction: match row.get_ref(10)?.as_str_or_null()? {
            None => None,
            Some(text) => Some(
                text.parse::<SupportDirection>()
                    .map_err(|e| conversion_error(10, e.to_string()))?,
            ),
        },
        confirmed: date_from(row, 11)?,
        weight: match row.get_ref(12)? {
            rusqlite::types::ValueRef::Null => None,
            value => Some(
                value
                    .as_f64()
                    .ok()
                    .and_then(crate::model::Weight::new)
                    .ok_or_else(|| conversion_error(12, "not a finite weight".into()))?,
            ),
        },
    })
}

fn execute_node(stmt: &mut rusqlite::CachedStatement<'_>, node: &Node) -> rusqlite::Result<usize> {
    let consent = node.consent.as_ref();
    stmt.execute(params![
        node.id,
        node.kind.as_str(),
        node.name,
        node.wijk,
        node.role,
        list_to(&node.tags),
        list_to(&node.offers),
        list_to(&node.needs),
        node.contact,
        node.notes,
        consent.map(|c| c.status.as_str()),
        date_to(consent.and_then(|c| c.date)),
        consent.and_then(|c| c.purpose.as_deref()),
        date_to(consent.and_then(|c| c.expiry)),
        node.x,
        node.y,
        node.pinned,
        stamp_to(node.created_at),
        stamp_to(node.updated_at),
        consent.and_then(|c| c.legal_basis).map(LegalBasis::as_str),
        consent.and_then(|c| c.recorded_by.as_deref()),
        consent.and_then(|c| c.share_with.as_deref()),
        date_to(consent.and_then(|c| c.withdrawn)),
        node.sensitive,
        date_to(node.since),
        date_to(node.until),
        node.until_reason,
        date_to(node.last_contact),
        date_to(node.follow_up),
        node.follow_up_note,
    ])
}

fn execute_relation(
    stmt: &mut rusqlite::CachedStatement<'_>,
    relation: &Relation,
) -> rusqlite::Result<usize> {
    execute_relation_as(stmt, relation, &relation.id, relation.confirmed)
}

/// Writes `relation` through `stmt` (an insert or update) with its `id` and `confirmed`
/// day given apart: an import writes what it read under the id and day it chose, without
/// a copy of every relation.
fn execute_relation_as(
    stmt: &mut rusqlite::CachedStatement<'_>,
    relation: &Relation,
    id: &str,
    confirmed: Option<crate::model::Date>,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        id,
        relation.source,
        relation.target,
        relation.kind.as_str(),
        relation.strength.get(),
        date_to(relation.since),
        date_to(relation.until),
        relation.notes,
        relation.quality.as_str(),
        (!relation.support.is_empty()).then(|| relation.support.joined("|")),
        relation.support_direction.map(SupportDirection::as_str),
        date_to(confirmed),
        relation.weight.map(crate::model::Weight::get),
    ])
}

/// Inserts a node row.
pub fn insert_node(conn: &Connection, node: &Node) -> rusqlite::Result<()> {
    execute_node(&mut conn.prepare_cached(INSERT_NODE)?, node)?;
    Ok(())
}

/// Overwrites a node row.
pub fn update_node(conn: &Connection, node: &Node) -> rusqlite::Result<()> {
    execute_node(&mut conn.prepare_cached(UPDATE_NODE)?, node)?;
    Ok(())
}

/// Inserts a relation row.
pub fn insert_relation(conn: &Connection, relation: &Relation) -> rusqlite::Result<()> {
    execute_relation(&mut conn.prepare_cached(INSERT_RELATION)?, relation)?;
    Ok(())
}

/// Inserts relation rows one by one through one prepared statement (an import's many;
/// looking the statement up per row cost a tenth of a 500k-row import).
pub struct RelationInserter<'c>(rusqlite::CachedStatement<'c>);

impl<'c> RelationInserter<'c> {
    /// The statement, prepared on `conn`.
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Self(conn.prepare_cached(INSERT_RELATION)?))
    }

    /// Inserts `relation` under `id`, confirmed on `confirmed`.
    pub fn insert(
        &mut self,
        relation: &Relation,
        id: &str,
        confirmed: Option<crate::model::Date>,
    ) -> rusqlite::Result<()> {
        execute_relation_as(&mut self.0, relation, id, confirmed)?;
        Ok(())
    }
}

/// Inserts node rows through one prepared statement, as [`RelationInserter`].
pub struct NodeInserter<'c>(rusqlite::CachedStatement<'c>);

impl<'c> NodeInserter<'c> {
    /// The statement, prepared on `conn`.
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Self(conn.prepare_cached(INSERT_NODE)?))
    }

    /// Inserts `node`.
    pub fn insert(&mut self, node: &Node) -> rusqlite::Result<()> {
        execute_node(&mut self.0, node)?;
        Ok(())
    }
}

/// Overwrites a relation row.
pub fn update_relation(conn: &Connection, relation: &Relation) -> rusqlite::Result<()> {
    execute_relation(&mut conn.prepare_cached(UPDATE_RELATION)?, relation)?;
    Ok(())
}

/// One node by id.
pub fn node_by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<Node>> {
    conn.prepare_cached(&format!("SELECT {NODE_COLUMNS} FROM nodes WHERE id = ?1"))?
        .query_row([id], node_from_row)
        .optional()
}

/// One relation by id.
pub fn relation_by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<Relation>> {
    conn.prepare_cached(&format!(
        "SELECT {RELATION_COLUMNS} FROM relations WHERE id = ?1"
    ))?
    .query_row([id], relation_from_row)
    .optional()
}

/// The relations that touch node `id`, ordered by id.
pub fn relations_of(conn: &Connection, id: &str) -> rusqlite::Result<Vec<Relation>> {
    conn.prepare_cached(&format!(
        "SELECT {RELATION_COLUMNS} FROM relations WHERE source = ?1 OR target = ?1 ORDER BY id"
    ))?
    .query_map([id], relation_from_row)?
    .collect()
}

/// Checks the rules of the model that a single edit must keep.
/// A contact's place in a resident's circle under `scheme`, as the makelaar set it (none:
/// the proposed one). A stored place the scheme does not have counts as none.
pub fn circle_place(
    conn: &Connection,
    ego: &str,
    contact: &str,
    scheme: Scheme,
) -> rusqlite::Result<Option<Place>> {
    let row: Option<(i64, i64)> = conn
        .query_row(
            "SELECT sector, ring FROM circle_places WHERE ego = ?1 AND contact = ?2 AND scheme = ?3",
            params![ego, contact, scheme.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(sector, ring)| Place::new(scheme, sector, ring)))
}

/// Sets (or with `None` takes back) a contact's place in a resident's circle.
pub fn set_circle_place(
    conn: &Connection,
    ego: &str,
    contact: &str,
    scheme: Scheme,
    place: Option<Place>,
) -> rusqlite::Result<()> {
    match place {
        Some(p) => conn.execute(
            "INSERT INTO circle_places (ego, contact, scheme, sector, ring) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (ego, contact, scheme) \
             DO UPDATE SET sector = excluded.sector, ring = excluded.ring",
            params![ego, contact, scheme.as_str(), p.sector, p.ring],
        )?,
        None => conn.execute(
            "DELETE FROM circle_places WHERE ego = ?1 AND contact = ?2 AND scheme = ?3",
            params![ego, contact, scheme.as_str()],
        )?,
    };
    Ok(())
}

pub fn validate_node(node: &Node) -> Result<(), StoreError> {
    if node.id.trim().is_empty() {
        return Err(StoreError::Invalid(Rule::NodeWithoutId));
    }
    if node.name.trim().is_empty() {
        return Err(StoreError::Invalid(Rule::EmptyName(node.id.to_string())));
    }
    if node.x.is_some_and(|x| !x.is_finite()) || node.y.is_some_and(|y| !y.is_finite()) {
        return Err(StoreError::Invalid(Rule::NotFinitePosition(
            node.id.to_string(),
        )));
    }
    if let Some((field, problem)) = limits::check_node(node) {
        return Err(StoreError::Invalid(Rule::Limit {
            id: node.id.to_string(),
            field,
            problem,
        }));
    }
    Ok(())
}

/// Checks that a relation joins two different existing nodes.
pub fn validate_relation(conn: &Connection, relation: &Relation) -> Result<(), StoreError> {
    if let Some((field, problem)) = limits::check_relation(relation) {
        return Err(StoreError::Invalid(Rule::Limit {
            id: relation.id.to_string(),
            field,
            problem,
        }));
    }
    if relation.source == relation.target {
        return Err(StoreError::Invalid(Rule::SelfRelation {
            relation: relation.id.to_string(),
            node: relation.source.to_string(),
        }));
    }
    for end in [&relation.source, &relation.target] {
        let exists: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM nodes WHERE id = ?1)")?
            .query_row([end], |row| row.get(0))?;
        if !exists {
            return Err(StoreError::UnknownNode(end.to_string()));
        }
    }
    Ok(())
}

/// A moment's tie selected in the shape of [`RELATION_COLUMNS`] (no dates, no notes), then
/// the contact's sector and ring.
const MOMENT_TIE_COLUMNS: &str = "relation, source, target, kind, strength, NULL, NULL, NULL, \
     quality, support, support_direction, NULL, NULL, sector, ring";

/// Whether a moment of the same resident, day, making (any, when `moment` has none),
/// scheme and source is stored.
pub fn has_moment(
    conn: &Connection,
    moment: &crate::model::casework::Moment,
) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM moments WHERE ego = ?1 AND day = ?2 \
         AND (?3 IS NULL OR made_at = ?3) AND scheme = ?4 AND source = ?5)",
    )?
    .query_row(
        params![
            moment.ego,
            moment.day.to_string(),
            moment.made_at.map(|t| t.to_string()),
            moment.scheme.as_str(),
            moment.source.as_str(),
        ],
        |row| row.get(0),
    )
}

/// Stores a moment and its ties; returns its number.
pub fn insert_moment(
    conn: &Connection,
    moment: &crate::model::casework::Moment,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO moments (ego, day, made_at, scheme, source) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            moment.ego,
            moment.day.to_string(),
            stamp_to(moment.made_at),
            moment.scheme.as_str(),
            moment.source.as_str(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO moment_ties (moment, relation, source, target, kind, strength, quality, \
         support, support_direction, sector, ring) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for tie in &moment.ties {
        let r = &tie.relation;
        stmt.execute(params![
            id,
            r.id,
            r.source,
            r.target,
            r.kind.as_str(),
            r.strength.get(),
            r.quality.as_str(),
            (!r.support.is_empty()).then(|| r.support.joined("|")),
            r.support_direction.map(SupportDirection::as_str),
            tie.place.sector,
            tie.place.ring,
        ])?;
    }
    Ok(id)
}

/// The moments of resident `ego` (all of them with `None`), newest first. A row this build
/// cannot read (a tampered file) is left out, as a tie whose place the scheme lacks is.
pub fn moments(
    conn: &Connection,
    ego: Option<&str>,
) -> rusqlite::Result<Vec<crate::model::casework::Moment>> {
    use crate::model::casework::{Moment, MomentSource, MomentTie};
    let mut stmt = conn.prepare_cached(
        "SELECT id, ego, day, made_at, scheme, source FROM moments \
         WHERE ?1 IS NULL OR ego = ?1 ORDER BY day DESC, id DESC",
    )?;
    let heads: Vec<(i64, String, String, String, String, String)> = stmt
        .query_map([ego], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ties = conn.prepare_cached(&format!(
        "SELECT {MOMENT_TIE_COLUMNS} FROM moment_ties WHERE moment = ?1 ORDER BY relation"
    ))?;
    let mut out = Vec::new();
    for (id, ego, day, made_at, scheme, source) in heads {
        let (Ok(day), Ok(scheme), Some(source)) = (
            day.parse::<Date>(),
            scheme.parse::<crate::model::Scheme>(),
            MomentSource::parse(&source),
        ) else {
            continue;
        };
        let list = ties
            .query_map([id], |row| {
                let relation = relation_from_row(row)?;
                let place = Place::new(scheme, row.get(13)?, row.get(14)?);
                Ok((relation, place))
            })?
            .filter_map(|row| match row {
                Ok((relation, Some(place))) => Some(Ok(MomentTie { relation, place })),
                Ok(_) | Err(rusqlite::Error::FromSqlConversionFailure(..)) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Moment {
            id,
            ego: ego.into(),
            day,
            made_at: crate::model::parse_timestamp(&made_at),
            scheme,
            source,
            ties: list,
        });
    }
    Ok(out)
}

const REFERRAL_COLUMNS: &str =
    "id, resident, target, day, referred_by, status, status_day, follow_up, theme, note";

fn referral_from_row(row: &Row<'_>) -> rusqlite::Result<crate::model::casework::Referral> {
    Ok(crate::model::casework::Referral {
        id: row.get(0)?,
        resident: row.get(1)?,
        target: row.get(2)?,
        day: date_from(row, 3)?.ok_or_else(|| conversion_error(3, "no day".to_owned()))?,
        by: row.get(4)?,
        status: parse_col(row, 5)?,
        status_day: date_from(row, 6)?,
        follow_up: date_from(row, 7)?,
        theme: row.get(8)?,
        note: row.get(9)?,
    })
}

/// One referral by id.
pub fn referral_by_id(
    conn: &Connection,
    id: &str,
) -> rusqlite::Result<Option<crate::model::casework::Referral>> {
    conn.prepare_cached(&format!(
        "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE id = ?1"
    ))?
    .query_row([id], referral_from_row)
    .optional()
}

/// Every referral (of resident `resident` with `Some`), the newest first. A row this
/// build cannot read (a tampered file) is left out.
pub fn referrals(
    conn: &Connection,
    resident: Option<&str>,
) -> rusqlite::Result<Vec<crate::model::casework::Referral>> {
    conn.prepare_cached(&format!(
        "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE ?1 IS NULL OR resident = ?1 \
         ORDER BY day DESC, id"
    ))?
    .query_map([resident], referral_from_row)?
    .filter(|row| !matches!(row, Err(rusqlite::Error::FromSqlConversionFailure(..))))
    .collect()
}

/// Writes a referral as it is (`Some`), or removes it (`None` with its id).
pub fn set_referral(
    conn: &Connection,
    id: &str,
    referral: Option<&crate::model::casework::Referral>,
) -> rusqlite::Result<()> {
    match referral {
        Some(r) => conn.execute(
            "INSERT INTO referrals (id, resident, target, day, referred_by, status, status_day, \
             follow_up, theme, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
             ON CONFLICT (id) DO UPDATE SET resident = excluded.resident, \
             target = excluded.target, day = excluded.day, referred_by = excluded.referred_by, \
             status = excluded.status, status_day = excluded.status_day, \
             follow_up = excluded.follow_up, theme = excluded.theme, note = excluded.note",
            params![
                r.id,
                r.resident,
                r.target,
                r.day.to_string(),
                r.by,
                r.status.as_str(),
                date_to(r.status_day),
                date_to(r.follow_up),
                r.theme,
                r.note,
            ],
        )?,
        None => conn.execute("DELETE FROM referrals WHERE id = ?1", [id])?,
    };
    Ok(())
}
