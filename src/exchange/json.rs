//! The JSON snapshot (`*.wijkweb.json`): lossless export and import.
//!
//! Export writes one node or relation per line, so a snapshot diffs well and an error in a
//! hand-edited file has a line to point at. Import parses the top level with borrowed raw
//! values: every node and relation keeps its place in the text, so any error, also one
//! found later (an unknown id), names the line and the field.

use std::io::Write;

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::{FieldParser, LineCounter, checked_text};
use crate::error::{InputError, Location, Problem};
use crate::model::{Consent, Node, Relation, Strength};
use crate::records::{ImportBatch, NodeField, NodeRecord, RelationField, RelationRecord};

/// The `format` value of a snapshot.
pub const FORMAT: &str = "wijkweb";
/// The newest snapshot version this build reads: 2 adds `circle_places`, 3 `moments` and
/// `referrals` (a backup's casework), 4 a relation's `weight` (another tool's). It writes the lowest version that holds what the file
/// has (1 for nodes and relations alone), so that an older wijkweb still reads it or says
/// the file is newer instead of refusing an unknown field.
pub const VERSION: u32 = 4;

/// What a backup snapshot holds besides nodes and relations: the makelaar's places in
/// netwerkcirkels, casus moments and referrals (each empty: not in the file).
#[derive(Clone, Copy, Debug, Default)]
pub struct Casework<'a> {
    /// Her places in netwerkcirkels.
    pub circle_places: &'a [crate::model::CirclePlace],
    /// Casus moments.
    pub moments: &'a [crate::model::casework::Moment],
    /// Referrals.
    pub referrals: &'a [crate::model::casework::Referral],
}

/// Writes a snapshot of `nodes` and `relations` to `out`.
pub fn write_snapshot<W: Write>(
    out: W,
    nodes: &[Node],
    relations: &[Relation],
) -> std::io::Result<()> {
    write_snapshot_for(out, nodes, relations, None)
}

/// What a snapshot is for, said in its `purpose` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The makelaar's own lossless copy: everything as it is, for re-import or restore.
    Backup,
    /// For sharing (a casusoverleg): pseudonymised.
    Sharing,
    /// A plain export: everything but a person who withdrew consent (pseudonymised); not
    /// lossless, not for sharing outside the team that may see the names.
    Export,
}

impl Purpose {
    /// As the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backup => "backup",
            Self::Sharing => "sharing",
            Self::Export => "export",
        }
    }
}

/// [`write_snapshot`] with its purpose in the file.
pub fn write_snapshot_for<W: Write>(
    out: W,
    nodes: &[Node],
    relations: &[Relation],
    purpose: Option<Purpose>,
) -> std::io::Result<()> {
    write_snapshot_with(out, nodes, relations, purpose, Casework::default())
}

/// [`write_snapshot_for`] with a backup's casework (what is empty is not in the file).
pub fn write_snapshot_with<W: Write>(
    mut out: W,
    nodes: &[Node],
    relations: &[Relation],
    purpose: Option<Purpose>,
    casework: Casework<'_>,
) -> std::io::Result<()> {
    let version = if relations.iter().any(|r| r.weight.is_some()) {
        4
    } else if !casework.moments.is_empty() || !casework.referrals.is_empty() {
        3
    } else if !casework.circle_places.is_empty() {
        2
    } else {
        1
    };
    write!(out, "{{\"format\":\"{FORMAT}\",\"version\":{version},")?;
    if let Some(purpose) = purpose {
        write!(out, "\"purpose\":\"{}\",", purpose.as_str())?;
    }
    write!(out, "\"nodes\":[")?;
    for (i, node) in nodes.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, node)?;
    }
    out.write_all(b"\n],\"relations\":[")?;
    for (i, relation) in relations.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, relation)?;
    }
    out.write_all(b"\n]")?;
    write_list(&mut out, "circle_places", casework.circle_places)?;
    write_list(&mut out, "moments", casework.moments)?;
    write_list(&mut out, "referrals", casework.referrals)?;
    out.write_all(b"}\n")?;
    out.flush()
}

/// `,"key":[...]` with one item a line; nothing when there are none.
fn write_list<W: Write, T: serde::Serialize>(
    out: &mut W,
    key: &str,
    items: &[T],
) -> std::io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    write!(out, ",\"{key}\":[")?;
    for (i, item) in items.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, item)?;
    }
    out.write_all(b"\n]")
}

/// Deserialises a field that may be absent (outer `None`), `null` (`Some(None)`) or set.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnapshot<'a> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
    /// "backup" or "sharing"; read, and not needed to import.
    #[serde(default)]
    #[allow(dead_code)]
    purpose: Option<String>,
    #[serde(borrow, default)]
    nodes: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    relations: Option<Vec<&'a RawValue>>,
    /// The makelaar's places in netwerkcirkels (a backup's).
    #[serde(borrow, default)]
    circle_places: Option<Vec<&'a RawValue>>,
    /// Casus moments (a backup's).
    #[serde(borrow, default)]
    moments: Option<Vec<&'a RawValue>>,
    /// Referrals (a backup's).
    #[serde(borrow, default)]
    referrals: Option<Vec<&'a RawValue>>,
}

/// A casus moment as a backup snapshot holds it (its number is ignored: the wijk gives one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonMoment<'a> {
    #[serde(default)]
    #[allow(dead_code)]
    id: Option<i64>,
    ego: Option<String>,
    day: Option<String>,
    #[serde(default)]
    made_at: Option<String>,
    scheme: String,
    source: String,
    #[serde(borrow, default)]
    ties: Vec<&'a RawValue>,
}

/// One tie of a moment: the relation as it was, and the contact's place.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTie {
    relation: JsonRelation,
    place: JsonPlace,
}

/// A place in a circle.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPlace {
    sector: i64,
    ring: i64,
}

/// A referral as a backup snapshot holds it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonReferral {
    id: Option<String>,
    resident: Option<String>,
    target: Option<String>,
    day: Option<String>,
    #[serde(default)]
    by: Option<String>,
    status: String,
    #[serde(default)]
    status_day: Option<String>,
    #[serde(default)]
    follow_up: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// A contact's place in a resident's netwerkcirkel, as a backup snapshot holds it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonCirclePlace {
    /// The resident.
    ego: String,
    /// The contact.
    contact: String,
    /// The scheme (`lensink`, `pantucek`, `wijk`).
    scheme: String,
    /// Sector 0-3, clockwise from the top left.
    sector: i64,
    /// Ring, 0 the innermost.
    ring: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonNode {
    id: Option<String>,
    kind: Option<String>,
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    wijk: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    role: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    tags: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    offers: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    needs: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    contact: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    consent: Option<Option<JsonConsent>>,
    #[serde(default, deserialize_with = "present")]
    x: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    y: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    pinned: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    sensitive: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    since: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    until: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    until_reason: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    last_contact: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    follow_up: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    follow_up_note: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    created_at: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    updated_at: Option<Option<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonConsent {
    legal_basis: Option<String>,
    status: Option<String>,
    recorded_by: Option<String>,
    share_with: Option<String>,
    withdrawn: Option<String>,
    date: Option<String>,
    purpose: Option<String>,
    expiry: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRelation {
    id: Option<String>,
    source: Option<String>,
    target: Option<String>,
    #[serde(default, deserialize_with = "present")]
    kind: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    strength: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    since: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    until: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    quality: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    support: Option<Option<serde_json::Value>>,
    #[serde(default, deserialize_with = "present")]
    support_direction: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    confirmed: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    weight: Option<Option<f64>>,
}

/// `support` as one text: a list of names (as we write it) joined, or the text as given
/// ("P|E"); anything else is named in the message as the support type it is not.
fn support_text(value: serde_json::Value, fields: &FieldParser<'_>) -> Result<String, InputError> {
    use serde_json::Value;
    let wrong = |v: &Value| {
        fields.error(
            "support",
            crate::error::Problem::UnknownName(crate::model::UnknownKind {
                what: "support type",
                given: v.to_string(),
                expected: "practical (P), company (G), advice (A), emotional (E)".into(),
            }),
        )
    };
    match value {
        Value::String(text) => Ok(text),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| wrong(v)))
            .collect::<Result<Vec<_>, _>>()
            .map(|names| names.join("|")),
        other => Err(wrong(&other)),
    }
}

/// Where a raw element starts in the text it was borrowed from.
fn offset_in(text: &str, raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The key whose value holds byte `offset` of a JSON object's text (the last key that
/// starts before it), to name the field of a type error.
fn key_before(object: &str, offset: usize) -> Option<String> {
    let bytes = object.as_bytes();
    let mut i = 0;
    let mut last_key = None;
    while i < bytes.len().min(offset) {
        if bytes[i] == b'"' {
            let start = i + 1;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let end = i.min(bytes.len());
            i += 1;
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b':' {
                last_key = object.get(start..end).map(str::to_owned);
            }
        } else {
            i += 1;
        }
    }
    last_key
}

/// The number of lines between the start of `object` and its key `key` (0 when the key is
/// on the element's first line or absent).
fn lines_to_key(object: &str, key: &str) -> u64 {
    let needle = format!("\"{key}\"");
    object.find(&needle).map_or(0, |at| {
        object.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
    })
}

/// Turns a serde_json error inside one element into an error at the right line and field.
fn element_error(file: &str, line: u64, element: &str, err: &serde_json::Error) -> InputError {
    let err_line = err.line().max(1) as u64;
    let offset: usize = element
        .split_inclusive('\n')
        .take(err_line as usize - 1)
        .map(str::len)
        .sum::<usize>()
        + err.column().saturating_sub(1);
    let message = err.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    let mut location = Location::new(file, Some(line + err_line - 1));
    if !message.starts_with("unknown field")
        && let Some(key) = key_before(element, offset)
    {
        location = location.field(key);
    }
    InputError::new(location, Problem::Json { detail: message })
}

/// Reads a snapshot file into an import batch, validating every field.
pub fn read(file: &str, bytes: &[u8], batch: &mut ImportBatch) -> Result<(), InputError> {
    let text = super::read_utf8(file, bytes)?;
    let text = text.as_ref();
    let shared: std::sync::Arc<str> = file.into();
    let at = |line: Option<u64>| Location::new(shared.clone(), line);
    if !text.trim_start().starts_with('{') {
        return Err(InputError::new(at(Some(1)), Problem::NotSnapshotObject));
    }
    let raw: RawSnapshot<'_> = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        let detail = message.to_owned();
        let problem = if e.is_syntax() || e.is_eof() {
            Problem::NotJson { detail }
        } else if (e.line() == 1 && e.column() <= 1) || message.starts_with("unknown field") {
            Problem::NotSnapshot { detail }
        } else {
            Problem::Json { detail }
        };
        InputError::new(at(Some(e.line() as u64)), problem)
    })?;
    if let Some(format) = &raw.format
        && format != FORMAT
    {
        return Err(InputError::new(
            at(None).field("format"),
            Problem::SnapshotFormat {
                found: format.clone(),
                expected: FORMAT,
            },
        ));
    }
    if let Some(version) = raw.version
        && version > VERSION
    {
        return Err(InputError::new(
            at(None).field("version"),
            Problem::NewerSnapshot {
                found: version,
                supported: VERSION,
            },
        ));
    }
    if raw.nodes.is_none() && raw.relations.is_none() {
        return Err(InputError::new(at(None), Problem::NoNodesNorRelations));
    }
    let mut lines = LineCounter::new(text);
    let mut each = Elements {
        text,
        file,
        lines: &mut lines,
        at: &at,
    };
    let nodes = each.read_all(raw.nodes.unwrap_or_default(), node_record)?;
    batch.nodes.extend(nodes);
    let relations = each.read_all(raw.relations.unwrap_or_default(), relation_record)?;
    batch.relations.extend(relations);
    each.read(
        raw.circle_places.unwrap_or_default(),
        |parsed: JsonCirclePlace, fields, _| {
            let scheme: crate::model::Scheme = fields.parse("scheme", &parsed.scheme)?;
            let place = place_in(scheme, parsed.sector, parsed.ring, fields)?;
            batch.circle_places.push(crate::records::CirclePlaceRecord {
                ego: fields.id("ego", Some(parsed.ego))?.into(),
                contact: fields.id("contact", Some(parsed.contact))?.into(),
                scheme,
                place,
                location: fields.location.clone(),
            });
            Ok(())
        },
    )?;
    each.read(
        raw.moments.unwrap_or_default(),
        |parsed: JsonMoment<'_>, fields, (element, line)| {
            let moment = moment_record(parsed, (file, element, line), fields, &at)?;
            batch.moments.push(crate::records::MomentRecord {
                moment,
                location: fields.location.clone(),
            });
            Ok(())
        },
    )?;
    each.read(
        raw.referrals.unwrap_or_default(),
        |parsed: JsonReferral, fields, _| {
            let referral = referral_record(parsed, fields)?;
            batch.referrals.push(crate::records::ReferralRecord {
                referral,
                location: fields.location.clone(),
            });
            Ok(())
        },
    )?;
    Ok(())
}

/// The elements of a snapshot's lists, each read on its own: its line in the file, its
/// fields parsed (an error names the line and field), then handed on.
struct Elements<'t, 'c> {
    text: &'t str,
    file: &'t str,
    lines: &'c mut LineCounter<'t>,
    at: &'c (dyn Fn(Option<u64>) -> Location + Sync),
}

impl<'t> Elements<'t, '_> {
    /// Parses each of `elements` as a `T` and makes it a record with `make`, on every core
    /// (a 600k-element snapshot spent 0.4 s here on one): the records in the file's order,
    /// or the error of the first element (in the file's order) that has one.
    fn read_all<T, R>(
        &mut self,
        elements: Vec<&'t RawValue>,
        make: impl Fn(T, &FieldParser<'_>) -> Result<R, InputError> + Sync,
    ) -> Result<Vec<R>, InputError>
    where
        T: Deserialize<'t> + Send,
        R: Send,
    {
        use rayon::prelude::*;
        let lines: Vec<u64> = elements
            .iter()
            .map(|element| self.lines.line_at(offset_in(self.text, element)))
            .collect();
        let (file, at) = (self.file, self.at);
        let made: Vec<Result<R, InputError>> = elements
            .par_iter()
            .zip(lines.par_iter())
            .with_min_len(1024)
            .map(|(element, &line)| {
                let element = element.get();
                let parsed: T = serde_json::from_str(element)
                    .map_err(|e| element_error(file, line, element, &e))?;
                let fields = FieldParser {
                    location: at(Some(line)),
                    lines_to: &|key| lines_to_key(element, key),
                    date_order: None,
                };
                make(parsed, &fields)
            })
            .collect();
        made.into_iter().collect()
    }

    /// Parses each of `elements` as a `T` and hands it to `take` with its fields and its
    /// text and line (for what lies inside it).
    fn read<T: Deserialize<'t>>(
        &mut self,
        elements: Vec<&'t RawValue>,
        mut take: impl FnMut(T, &FieldParser<'_>, (&'t str, u64)) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        for element in elements {
            let line = self.lines.line_at(offset_in(self.text, element));
            let element = element.get();
            let parsed: T = serde_json::from_str(element)
                .map_err(|e| element_error(self.file, line, element, &e))?;
            let fields = FieldParser {
                location: (self.at)(Some(line)),
                lines_to: &|key| lines_to_key(element, key),
                date_order: None,
            };
            take(parsed, &fields, (element, line))?;
        }
        Ok(())
    }
}

/// Sector and ring as a place of `scheme`, or the field that is outside it.
fn place_in(
    scheme: crate::model::Scheme,
    sector: i64,
    ring: i64,
    fields: &FieldParser<'_>,
) -> Result<crate::model::Place, InputError> {
    crate::model::Place::new(scheme, sector, ring).ok_or_else(|| {
        let field = if (0..4).contains(&sector) {
            "ring"
        } else {
            "sector"
        };
        fields.error(
            field,
            Problem::OutsideCircle {
                scheme: scheme.as_str(),
                sector,
                ring,
                last: scheme.rings() - 1,
            },
        )
    })
}

/// A field's value past its bound, as an error at that field.
fn past_limit(
    fields: &FieldParser<'_>,
    found: Option<(&str, crate::model::limits::LimitProblem)>,
) -> Result<(), InputError> {
    match found {
        Some((field, problem)) => Err(fields.error(field, Problem::Limit(problem))),
        None => Ok(()),
    }
}

/// A required day.
fn required_day(
    fields: &FieldParser<'_>,
    field: &str,
    value: Option<String>,
) -> Result<crate::model::Date, InputError> {
    fields.date(field, value)?.ok_or_else(|| {
        fields.error(
            field,
            Problem::NotADate {
                text: String::new(),
            },
        )
    })
}

/// A casus moment read from `element` (at `line` of the file): every tie hers, each
/// relation once, each place in the scheme.
fn moment_record(
    raw: JsonMoment<'_>,
    (file, element, line): (&str, &str, u64),
    fields: &FieldParser<'_>,
    at: &dyn Fn(Option<u64>) -> Location,
) -> Result<crate::model::casework::Moment, InputError> {
    use crate::model::casework::{Moment, MomentSource, MomentTie};
    let ego: crate::model::NodeId = fields.id("ego", raw.ego)?.into();
    past_limit(
        fields,
        crate::model::limits::check_id(&ego).map(|p| ("ego", p)),
    )?;
    let day = required_day(fields, "day", raw.day)?;
    let made_at = fields.timestamp("made_at", raw.made_at)?;
    let scheme: crate::model::Scheme = fields.parse("scheme", &raw.scheme)?;
    let source = MomentSource::parse(raw.source.trim()).ok_or_else(|| {
        fields.error(
            "source",
            Problem::UnknownName(crate::model::UnknownKind {
                what: "moment source",
                given: raw.source.clone(),
                expected: "casus, recorded".to_owned(),
            }),
        )
    })?;
    let max = crate::model::limits::MAX_MOMENT_TIES;
    if raw.ties.len() > max {
        return Err(fields.error(
            "ties",
            Problem::Limit(crate::model::limits::LimitProblem::TooMany {
                count: raw.ties.len(),
                max,
            }),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut ties = Vec::with_capacity(raw.ties.len());
    for tie in raw.ties {
        let tie_line = line
            + element.as_bytes()[..offset_in(element, tie)]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
        let tie = tie.get();
        let parsed: JsonTie =
            serde_json::from_str(tie).map_err(|e| element_error(file, tie_line, tie, &e))?;
        let tie_fields = FieldParser {
            location: at(Some(tie_line)),
            lines_to: &|key| lines_to_key(tie, key),
            date_order: None,
        };
        let relation = relation_record(parsed.relation, &tie_fields)?.relation;
        past_limit(&tie_fields, crate::model::limits::check_relation(&relation))?;
        if relation.source == relation.target {
            return Err(tie_fields.error(
                "target",
                Problem::SelfRelation {
                    id: relation.source.to_string(),
                },
            ));
        }
        if relation.other_end(&ego).is_none() {
            return Err(tie_fields.error(
                "relation",
                Problem::NotHerTie {
                    ego: ego.to_string(),
                },
            ));
        }
        if !seen.insert(relation.id.clone()) {
            return Err(tie_fields.error(
                "relation",
                Problem::TwiceInMoment {
                    id: relation.id.to_string(),
                },
            ));
        }
        let place = place_in(scheme, parsed.place.sector, parsed.place.ring, &tie_fields)?;
        ties.push(MomentTie { relation, place });
    }
    Ok(Moment {
        id: 0,
        ego,
        day,
        made_at,
        scheme,
        source,
        ties,
    })
}

/// A referral read from a backup: its ends two nodes, its fields within their bounds.
fn referral_record(
    raw: JsonReferral,
    fields: &FieldParser<'_>,
) -> Result<crate::model::casework::Referral, InputError> {
    let resident: crate::model::NodeId = fields.id("resident", raw.resident)?.into();
    let target: crate::model::NodeId = fields.id("target", raw.target)?.into();
    if resident == target {
        return Err(fields.error(
            "target",
            Problem::SelfRelation {
                id: resident.to_string(),
            },
        ));
    }
    let referral = crate::model::casework::Referral {
        id: fields.id("id", raw.id)?,
        resident,
        target,
        day: required_day(fields, "day", raw.day)?,
        by: raw.by.unwrap_or_default(),
        status: fields.parse("status", &raw.status)?,
        status_day: fields.date("status_day", raw.status_day)?,
        follow_up: fields.date("follow_up", raw.follow_up)?,
        theme: raw.theme.filter(|t| !t.trim().is_empty()),
        note: raw.note.filter(|t| !t.trim().is_empty()),
    };
    past_limit(fields, crate::model::limits::check_referral(&referral))?;
    Ok(referral)
}

fn node_record(raw: JsonNode, fields: &FieldParser<'_>) -> Result<NodeRecord, InputError> {
    let JsonNode {
        id,
        kind,
        name,
        wijk,
        role,
        tags,
        offers,
        needs,
        contact,
        notes,
        consent,
        x,
        y,
        pinned,
        sensitive,
        since,
        until,
        until_reason,
        last_contact,
        follow_up,
        follow_up_note,
        created_at,
        updated_at,
    } = raw;
    if kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
        return Err(fields.error("kind", Problem::MissingKind));
    }
    let mut record = fields.node_record(id, kind.as_deref(), name)?;
    let n = &mut record.node;
    let mut present = Vec::new();
    if let Some(v) = wijk {
        n.wijk = checked_text(v);
        present.push(NodeField::Wijk);
    }
    if let Some(v) = role {
        n.role = checked_text(v);
        present.push(NodeField::Role);
    }
    if let Some(v) = tags {
        n.tags = crate::model::normalise_themes(v.unwrap_or_default());
        present.push(NodeField::Tags);
    }
    if let Some(v) = offers {
        n.offers = crate::model::normalise_themes(v.unwrap_or_default());
        present.push(NodeField::Offers);
    }
    if let Some(v) = needs {
        n.needs = crate::model::normalise_themes(v.unwrap_or_default());
        present.push(NodeField::Needs);
    }
    if let Some(v) = contact {
        n.contact = v.filter(|s| !s.is_empty());
        present.push(NodeField::Contact);
    }
    if let Some(v) = notes {
        n.notes = v.filter(|s| !s.is_empty());
        present.push(NodeField::Notes);
    }
    if let Some(v) = consent {
        n.consent = match v {
            None => None,
            Some(c) => Some(Consent {
                legal_basis: match c.legal_basis {
                    Some(b) => Some(fields.parse("consent", &b)?),
                    None => None,
                },
                status: match c.status {
                    Some(s) => fields.parse("consent", &s)?,
                    None => Default::default(),
                },
                recorded_by: checked_text(c.recorded_by),
                share_with: checked_text(c.share_with),
                withdrawn: fields.date("consent", c.withdrawn)?,
                date: fields.date("consent", c.date)?,
                purpose: checked_text(c.purpose),
                expiry: fields.date("consent", c.expiry)?,
            }),
        };
        present.push(NodeField::Consent);
    }
    if x.is_some() || y.is_some() {
        n.x = fields.coordinate("x", x.flatten())?;
        n.y = fields.coordinate("y", y.flatten())?;
        if n.x.is_some() != n.y.is_some() {
            return Err(fields.error("y", Problem::HalfPosition));
        }
        present.push(NodeField::Position);
    }
    if let Some(v) = pinned {
        n.pinned = v.unwrap_or(false);
        present.push(NodeField::Pinned);
    }
    if let Some(v) = sensitive {
        n.sensitive = v.unwrap_or(false);
        present.push(NodeField::Sensitive);
    }
    if let Some(v) = since {
        n.since = fields.date("since", v)?;
        present.push(NodeField::Since);
    }
    if let Some(v) = until {
        n.until = fields.date("until", v)?;
        present.push(NodeField::Until);
    }
    if let Some(v) = until_reason {
        n.until_reason = checked_text(v);
        present.push(NodeField::UntilReason);
    }
    fields.dates(n.since, n.until)?;
    if let Some(v) = last_contact {
        n.last_contact = fields.date("last_contact", v)?;
        present.push(NodeField::LastContact);
    }
    if let Some(v) = follow_up {
        n.follow_up = fields.date("follow_up", v)?;
        present.push(NodeField::FollowUp);
    }
    if let Some(v) = follow_up_note {
        n.follow_up_note = checked_text(v);
        present.push(NodeField::FollowUpNote);
    }
    if let Some(v) = created_at {
        n.created_at = fields.timestamp("created_at", v)?;
        present.push(NodeField::CreatedAt);
    }
    if let Some(v) = updated_at {
        n.updated_at = fields.timestamp("updated_at", v)?;
        present.push(NodeField::UpdatedAt);
    }
    for field in present {
        record.set(field);
    }
    Ok(record)
}

fn relation_record(
    raw: JsonRelation,
    fields: &FieldParser<'_>,
) -> Result<RelationRecord, InputError> {
    let JsonRelation {
        id,
        source,
        target,
        kind,
        strength,
        since,
        until,
        notes,
        quality,
        support,
        support_direction,
        confirmed,
        weight,
    } = raw;
    let mut record = fields.relation_record(source, target)?;
    let ecogram = [
        (RelationField::Quality, quality),
        (
            RelationField::Support,
            match support {
                None => None,
                Some(None) => Some(None),
                Some(Some(value)) => Some(Some(support_text(value, fields)?)),
            },
        ),
        (RelationField::SupportDirection, support_direction),
    ];
    for (field, value) in ecogram {
        if let Some(value) = value {
            fields.ecogram(&mut record, field, value.as_deref().unwrap_or(""))?;
        }
    }
    if let Some(id) = id {
        record.relation.id = fields.id("id", Some(id))?.into();
        record.has_id = true;
    }
    if let Some(confirmed) = confirmed {
        record.relation.confirmed = fields.date("confirmed", confirmed)?;
        record.set(RelationField::Confirmed);
    }
    if let Some(weight) = weight {
        record.relation.weight = match weight {
            None => None,
            Some(w) => Some(
                crate::model::Weight::new(w)
                    .ok_or_else(|| fields.error("weight", Problem::NotFinite))?,
            ),
        };
        record.set(RelationField::Weight);
    }
    if let Some(kind) = kind {
        if let Some(kind) = kind {
            record.relation.kind = fields.parse("kind", &kind)?;
        }
        record.set(RelationField::Kind);
    }
    if let Some(strength) = strength {
        record.relation.strength = match strength {
            Some(s) => fields.strength(s)?,
            None => Strength::default(),
        };
        record.set(RelationField::Strength);
    }
    if let Some(since) = since {
        record.relation.since = fields.date("since", since)?;
        record.set(RelationField::Since);
    }
    if let Some(until) = until {
        record.relation.until = fields.date("until", until)?;
        record.set(RelationField::Until);
    }
    if let Some(notes) = notes {
        record.relation.notes = notes.filter(|s| !s.is_empty());
        record.set(RelationField::Notes);
    }
    fields.period(&record.relation)?;
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_before_finds_the_key_of_a_value() {
        let obj = r#"{"id":"a","strength":"hoog","notes":"x"}"#;
        let at = obj.find("hoog").unwrap();
        assert_eq!(key_before(obj, at).as_deref(), Some("strength"));
    }
}
