//! The CSV pair: `nodes.csv` and `relations.csv`, as makelaars keep them in Excel.
//!
//! Reading accepts `,`, `;` or tab as separator (taken from the header line), UTF-8 with or
//! without BOM and Windows-1252, `\r\n` line ends, and quoted fields with separators and
//! newlines inside. Column names may be English or Dutch (`naam`, `soort`, `sterkte`...).
//! An unknown column is refused rather than silently dropped.

use std::path::Path;

use super::{FieldParser, LineCounter, checked_text, read_text, write_atomically};
use crate::error::{InputError, Location, Problem};
use crate::model::{Node, Relation, normalise_themes};
use crate::records::{
    ColumnUse, Directed, ImportBatch, ImportOptions, NodeField, NodeRecord, RelationField,
    RelationRecord, TableColumns,
};

/// The columns of `nodes.csv`, in the order export writes them.
pub const NODE_COLUMNS: [&str; 17] = [
    "id",
    "kind",
    "name",
    "wijk",
    "role",
    "tags",
    "offers",
    "needs",
    "contact",
    "notes",
    "sensitive",
    "since",
    "until",
    "until_reason",
    "last_contact",
    "follow_up",
    "follow_up_note",
];

/// The columns of `relations.csv`, in the order export writes them. `id` comes last: it is
/// optional on import, and keeps relations from being doubled when a pair is re-imported.
pub const RELATION_COLUMNS: [&str; 13] = [
    "source",
    "target",
    "kind",
    "strength",
    "since",
    "until",
    "notes",
    "quality",
    "support",
    "support_direction",
    "confirmed",
    "weight",
    "id",
];

/// Columns of Kumu's Connections besides ours: their direction (read as Gephi's `Type`),
/// and their label and tags (read past).
const KUMU_CONNECTION_EXTRAS: [&str; 3] = ["direction", "name", "tags"];

/// Kumu's element types onto our kinds (none: a person, the type her role).
fn kumu_kind(text: &str) -> Option<&'static str> {
    match text.trim().to_lowercase().as_str() {
        "person" | "persoon" | "people" | "bewoner" => Some("person"),
        "organization" | "organisation" | "organisatie" | "company" | "bedrijf" | "group"
        | "groep" => Some("organisation"),
        "project" | "initiative" | "initiatief" | "event" | "activity" | "activiteit" => {
            Some("initiative")
        }
        _ => None,
    }
}

/// Columns that Gephi's data laboratory writes and that mean nothing here: its time sets
/// and intervals, and (in an edge table) the edge label. Read past in a file of Gephi's
/// (DESIGN §4.5); any other unknown column is still refused.
const GEPHI_BOOKKEEPING: [&str; 3] = ["timeset", "interval", "name"];

/// Whether a column is one of the statistics Gephi computes from the graph and writes
/// beside its data (Modularity Class, Degree, Betweenness Centrality...): wijkweb computes
/// its own (communities, kenners), so they are read past in a file of Gephi's.
fn gephi_statistic(name: &str) -> bool {
    const STATISTICS: [&str; 22] = [
        "modularity class",
        "degree",
        "weighted degree",
        "in degree",
        "out degree",
        "indegree",
        "outdegree",
        "weighted in degree",
        "weighted out degree",
        "eccentricity",
        "closeness centrality",
        "harmonic closeness centrality",
        "betweenness centrality",
        "authority",
        "hub",
        "pagerank",
        "component id",
        "componentnumber",
        "strongly connected id",
        "clustering",
        "number of triangles",
        "eigenvector centrality",
    ];
    let plain = name.replace(['_', '-'], " ");
    STATISTICS.contains(&plain.as_str())
        || plain.starts_with("clustering coefficient")
        || plain == "triangles"
        || plain == "strongcompnum"
}

/// The separator of list fields (tags, offers, needs) as export writes them.
pub const LIST_SEPARATOR: char = '|';

/// The separators a list field is read with: `|` as export writes it, and `;` or `,` as a
/// person types a list ("eenzaamheid, taal" is two themes).
pub const LIST_SEPARATORS: [char; 3] = ['|', ';', ','];

/// Maps a header cell (English or Dutch, any case) onto a column name.
pub(crate) fn column_name(header: &str) -> String {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    let canonical = match h.as_str() {
        "soort" | "type" => "kind",
        "naam" => "name",
        "rol" | "functie" => "role",
        "thema's" | "themas" | "thema" | "themes" => "tags",
        "aanbod" => "offers",
        "vraag" | "vragen" => "needs",
        "notities" | "notitie" | "opmerkingen" => "notes",
        "gevoelig" => "sensitive",
        "van" | "bron" => "source",
        "naar" | "doel" => "target",
        "sterkte" => "strength",
        "sinds" | "vanaf" => "since",
        "tot" | "tot en met" => "until",
        "reden" | "reden vertrek" | "reden weg" => "until_reason",
        "laatste contact" => "last_contact",
        "opvolgen" | "opvolgen op" => "follow_up",
        "opvolgen wat" | "opvolgen: wat" => "follow_up_note",
        "kwaliteit" | "aard" => "quality",
        "steun" | "steunvormen" => "support",
        "richting" | "steunrichting" => "support_direction",
        "bevestigd" | "nog actueel op" => "confirmed",
        // Gephi's and Kumu's words.
        "label" => "name",
        "gewicht" => "weight",
        "from" => "source",
        "to" => "target",
        "description" | "beschrijving" | "omschrijving" => "notes",
        _ => return h,
    };
    canonical.to_owned()
}

/// What a column she left out is called inside the reader (no header is).
const LEFT_OUT: &str = "\u{0}left out";

/// A table's header row as the reader takes it.
struct Header {
    /// Each column's name after her mapping and our own names (Dutch or English, Gephi's
    /// and Kumu's words); [`LEFT_OUT`] for a column left out.
    names: Vec<String>,
    /// A table of relations (it has `source` or `target`).
    relations: bool,
    /// Kumu's Elements (Label, Type, Description, Tags: no id) or Connections (From, To,
    /// Type, Direction).
    kumu: bool,
    /// A file of Gephi's (one with its label, weight or time set).
    gephi: bool,
}

impl Header {
    /// Reads the header cells; a row with neither nodes' nor relations' columns is refused
    /// as no table of ours.
    fn read(file: &str, cells: &[String], options: &ImportOptions) -> Result<Self, InputError> {
        let raw: Vec<String> = cells
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let names: Vec<String> = raw
            .iter()
            .map(|h| match options.columns.get(h) {
                Some(Some(field)) => field.clone(),
                Some(None) => LEFT_OUT.to_owned(),
                None => column_name(h),
            })
            .collect();
        let has = |name: &str| names.iter().any(|h| h == name);
        let relations = if has("source") || has("target") {
            true
        } else if has("id") || has("name") {
            false
        } else {
            return Err(InputError::new(
                Location::new(file, Some(1)),
                Problem::NotCsv,
            ));
        };
        let raw_has = |name: &str| raw.iter().any(|h| h == name);
        let kumu = if relations {
            raw_has("from") && raw_has("to")
        } else {
            raw_has("label") && !has("id")
        };
        let gephi = !kumu && (raw_has("label") || raw_has("weight") || raw_has("timeset"));
        Ok(Self {
            names,
            relations,
            kumu,
            gephi,
        })
    }

    /// The columns a table of this kind has.
    fn known(&self) -> &'static [&'static str] {
        if self.relations {
            &RELATION_COLUMNS
        } else {
            &NODE_COLUMNS
        }
    }

    /// Whether a column is another tool's bookkeeping, read past.
    fn bookkeeping(&self, name: &str) -> bool {
        (self.gephi && GEPHI_BOOKKEEPING.contains(&name) && (name != "name" || self.relations))
            || (self.gephi && gephi_statistic(name))
            || (self.kumu && self.relations && KUMU_CONNECTION_EXTRAS.contains(&name))
            || (self.kumu && !self.relations && name == "image")
    }
}

/// What each column of a table with these header cells becomes (none: no table of ours,
/// as a sheet of notes).
pub(crate) fn table_columns(
    file: &str,
    cells: &[String],
    options: &ImportOptions,
) -> Option<TableColumns> {
    let header = Header::read(file, cells, options).ok()?;
    let known = header.known();
    let columns = cells
        .iter()
        .zip(&header.names)
        .map(|(cell, name)| {
            let used = if name == LEFT_OUT || header.bookkeeping(name) {
                ColumnUse::Left
            } else if known.contains(&name.as_str()) {
                ColumnUse::Field(name.clone())
            } else {
                ColumnUse::Unknown
            };
            (cell.trim().trim_start_matches('\u{feff}').to_owned(), used)
        })
        .collect();
    Some(TableColumns {
        file: file.to_owned(),
        relations: header.relations,
        columns,
    })
}

/// The table in a CSV file, by its header line.
pub(crate) fn tables(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Option<TableColumns>, InputError> {
    let text = read_text(file, bytes)?;
    let (_, cells) = open_table(file, &text, detect_separator(&text))?;
    Ok(table_columns(file, &cells, options))
}

/// A CSV reader over `text`, and its header cells.
fn open_table<'t>(
    file: &str,
    text: &'t str,
    separator: u8,
) -> Result<(::csv::Reader<&'t [u8]>, Vec<String>), InputError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(file, &e))?
        .iter()
        .map(str::to_owned)
        .collect();
    Ok((reader, cells))
}

/// Picks the separator from the header line: the most frequent of `;`, `,` and tab outside
/// quotes.
fn detect_separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(sep, _)| *sep == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(sep, _)| *sep)
}

/// The line where a quoted value opens that the file never closes, if one does. A quote
/// opens a value only at its start (elsewhere it is a letter, as the CSV reader reads it);
/// inside, `""` is a quote.
fn unclosed_quote(text: &str, separator: u8) -> Option<u64> {
    let bytes = text.as_bytes();
    let (mut line, mut opened) = (1u64, 0u64);
    let (mut quoted, mut at_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            (quoted, opened, at_start) = (true, line, false);
        } else {
            at_start = b == separator || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    quoted.then_some(opened)
}

/// Reads a CSV file (nodes or relations, told apart by their columns) into the batch,
/// with the default options.
pub fn read(file: &str, bytes: &[u8], batch: &mut ImportBatch) -> Result<(), InputError> {
    read_with(file, bytes, &ImportOptions::default(), batch)
}

/// Reads a CSV file into the batch. Gephi's spreadsheet CSV (`Id`, `Label`; `Source`,
/// `Target`, `Type`, `Weight`) reads too: `Label` is the name, a `Type` of Directed or
/// Undirected is a direction (as in a graph file, [`ImportOptions::directed`]), and a
/// weight maps onto strength by the options' rule when there is no strength column.
pub fn read_with(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    let text = read_text(file, bytes)?;
    let separator = detect_separator(&text);
    if let Some(line) = unclosed_quote(&text, separator) {
        return Err(InputError::new(
            Location::new(file, Some(line)),
            Problem::UnclosedQuote,
        ));
    }
    let (mut reader, cells) = open_table(file, &text, separator)?;
    let header = Header::read(file, &cells, options)?;
    let (headers, is_relations, kumu) = (header.names.clone(), header.relations, header.kumu);
    let known = header.known();
    let has = |name: &str| headers.iter().any(|h| h == name);
    for (i, name) in headers.iter().enumerate() {
        if name == LEFT_OUT || header.bookkeeping(name) {
            continue;
        }
        if !known.contains(&name.as_str()) {
            return Err(InputError::new(
                Location::new(file, Some(1)).field(name.clone()),
                Problem::UnknownColumn {
                    name: name.clone(),
                    column: i + 1,
                    known: known.join(", "),
                },
            ));
        }
        if headers[..i].contains(name) {
            return Err(InputError::new(
                Location::new(file, Some(1)).field(name.clone()),
                Problem::DuplicateColumn { name: name.clone() },
            ));
        }
    }
    // A list of names needs no ids: the import makes them (nothing personal in them).
    let required: &[&str] = if is_relations {
        &["source", "target"]
    } else {
        &["name"]
    };
    if let Some(missing) = required.iter().find(|c| !has(c)) {
        return Err(InputError::new(
            Location::new(file, Some(1)).field(*missing),
            Problem::MissingColumn { name: missing },
        ));
    }
    let index = |name: &str| headers.iter().position(|h| h == name);
    let columns: Vec<Option<usize>> = known.iter().map(|c| index(c)).collect();
    let direction = if kumu { index("direction") } else { None };

    // The csv crate's own line numbers run one behind after `\r\n`; count from bytes.
    let mut lines = LineCounter::new(&text);
    let shared: std::sync::Arc<str> = file.into();
    let mut record = ::csv::StringRecord::new();
    // Relations whose strength comes from their weight, once all are read.
    let mut weighed: Vec<usize> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, &e)),
        }
        let line = record.position().map(|p| {
            let mut start = p.byte() as usize;
            while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            lines.line_at(start)
        });
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let fields = FieldParser {
            location: Location::new(shared.clone(), line),
            lines_to: &|_| 0,
            date_order: options.date_order,
        };
        if record.len() > headers.len() {
            return Err(InputError::new(
                fields.location,
                Problem::FieldCount {
                    found: record.len(),
                    expected: headers.len(),
                },
            ));
        }
        let plain = |col: usize| -> Option<&str> {
            columns[col].map(|i| restore(record.get(i).unwrap_or("")))
        };
        // Kumu's types are free text: a kind when they name one, else kept (a person's
        // role; a connection's notes), and its direction read as Gephi's type.
        let kumu_type = if !kumu {
            None
        } else if is_relations {
            let given = plain(2).map(str::trim).filter(|t| !t.is_empty());
            let known = given.filter(|t| t.parse::<crate::model::RelationKind>().is_ok());
            let direction = direction
                .and_then(|i| record.get(i))
                .map(|d| d.trim().to_lowercase());
            let kind = match (known, direction.as_deref()) {
                (Some(kind), _) => kind,
                (None, Some("directed")) => "directed",
                (None, _) => "",
            };
            Some((kind, given.filter(|_| known.is_none())))
        } else {
            plain(1).map(|t| match kumu_kind(t) {
                Some(kind) => (kind, None),
                None => ("person", Some(t.trim())),
            })
        };
        let kind_column = if is_relations { 2 } else { 1 };
        let cell = |col: usize| -> Option<&str> {
            match kumu_type {
                Some((kind, _)) if col == kind_column => Some(kind),
                _ => plain(col),
            }
        };
        let kept_type = kumu_type.and_then(|(_, kept)| kept).map(str::to_owned);
        if is_relations {
            let mut record = relation_record(&fields, &cell, options)?;
            if let Some(kept) = kept_type {
                let notes = match record.relation.notes.take() {
                    Some(notes) => format!("{kept}: {notes}"),
                    None => kept,
                };
                record.relation.notes = Some(notes);
                record.set(RelationField::Notes);
            }
            // Gephi numbers its edges 0, 1, 2 in every file: hints, not identities.
            record.foreign = header.gephi;
            if !has("strength") && record.relation.weight.is_some() {
                weighed.push(batch.relations.len());
            }
            batch.relations.push(record);
        } else {
            let mut record = node_record(&fields, &cell)?;
            if let Some(kept) = kept_type
                && record.node.role.is_none()
            {
                record.node.role = Some(kept);
                record.set(NodeField::Role);
            }
            batch.nodes.push(record);
        }
    }
    let weights: Vec<f64> = weighed
        .iter()
        .filter_map(|&i| batch.relations[i].relation.weight.map(|w| w.get()))
        .collect();
    for (&i, strength) in weighed
        .iter()
        .zip(super::graph::strengths(&weights, options.weights))
    {
        let record = &mut batch.relations[i];
        record.relation.strength = strength;
        record.set(RelationField::Strength);
    }
    Ok(())
}

fn csv_error(file: &str, err: &::csv::Error) -> InputError {
    let line = err.position().map(|p| p.line());
    InputError::new(
        Location::new(file, line),
        Problem::Csv {
            detail: err.to_string(),
        },
    )
}

fn list(text: &str) -> Vec<String> {
    normalise_themes(text.split(LIST_SEPARATORS))
}

fn node_record<'a>(
    fields: &FieldParser<'_>,
    cell: &dyn Fn(usize) -> Option<&'a str>,
) -> Result<NodeRecord, InputError> {
    let owned = |col| cell(col).map(str::to_owned);
    // An empty id cell is a row without an id, like a list without the column.
    let mut record = match cell(0).filter(|id| !id.trim().is_empty()) {
        Some(_) => fields.node_record(owned(0), cell(1), owned(2))?,
        None => fields.node_record_without_id(cell(1), owned(2))?,
    };
    let text_fields = [(3, NodeField::Wijk), (4, NodeField::Role)];
    for (col, field) in text_fields {
        if let Some(value) = cell(col) {
            let value = checked_text(Some(value.to_owned()));
            match field {
                NodeField::Wijk => record.node.wijk = value,
                _ => record.node.role = value,
            }
            record.set(field);
        }
    }
    for (col, field) in [
        (5, NodeField::Tags),
        (6, NodeField::Offers),
        (7, NodeField::Needs),
    ] {
        if let Some(value) = cell(col) {
            let value = list(value);
            match field {
                NodeField::Tags => record.node.tags = value,
                NodeField::Offers => record.node.offers = value,
                _ => record.node.needs = value,
            }
            record.set(field);
        }
    }
    if let Some(value) = cell(8) {
        record.node.contact = Some(value.to_owned()).filter(|v| !v.trim().is_empty());
        record.set(NodeField::Contact);
    }
    if let Some(value) = cell(9) {
        record.node.notes = Some(value.to_owned()).filter(|v| !v.trim().is_empty());
        record.set(NodeField::Notes);
    }
    if let Some(value) = cell(10) {
        record.node.sensitive = fields.yes_no("sensitive", value)?;
        record.set(NodeField::Sensitive);
    }
    if let Some(value) = cell(11) {
        record.node.since = fields.date("since", Some(value.to_owned()))?;
        record.set(NodeField::Since);
    }
    if let Some(value) = cell(12) {
        record.node.until = fields.date("until", Some(value.to_owned()))?;
        record.set(NodeField::Until);
    }
    if let Some(value) = cell(13) {
        record.node.until_reason = checked_text(Some(value.to_owned()));
        record.set(NodeField::UntilReason);
    }
    fields.dates(record.node.since, record.node.until)?;
    if let Some(value) = cell(14) {
        record.node.last_contact = fields.date("last_contact", Some(value.to_owned()))?;
        record.set(NodeField::LastContact);
    }
    if let Some(value) = cell(15) {
        record.node.follow_up = fields.date("follow_up", Some(value.to_owned()))?;
        record.set(NodeField::FollowUp);
    }
    if let Some(value) = cell(16) {
        record.node.follow_up_note = checked_text(Some(value.to_owned()));
        record.set(NodeField::FollowUpNote);
    }
    Ok(record)
}

fn relation_record<'a>(
    fields: &FieldParser<'_>,
    cell: &dyn Fn(usize) -> Option<&'a str>,
    options: &ImportOptions,
) -> Result<RelationRecord, InputError> {
    let owned = |col| cell(col).map(str::to_owned);
    let mut record = fields.relation_record(owned(0), owned(1))?;
    if let Some(kind) = cell(2) {
        match kind.trim().to_lowercase().as_str() {
            // Gephi's Type column: a direction, not a kind.
            "undirected" | "mutual" => {}
            "directed" => match options.directed {
                None => return Err(fields.error("type", Problem::DirectedEdge)),
                Some(Directed::RefersTo) => {
                    record.relation.kind = crate::model::RelationKind::RefersTo;
                    record.set(RelationField::Kind);
                }
                Some(Directed::Ignore) => {}
            },
            "" => record.set(RelationField::Kind),
            _ => {
                record.relation.kind = fields.parse("kind", kind)?;
                record.set(RelationField::Kind);
            }
        }
    }
    if let Some(strength) = cell(3) {
        record.relation.strength = fields.strength_text(strength)?;
        record.set(RelationField::Strength);
    }
    if cell(4).is_some() {
        record.relation.since = fields.date("since", owned(4))?;
        record.set(RelationField::Since);
    }
    if cell(5).is_some() {
        record.relation.until = fields.date("until", owned(5))?;
        record.set(RelationField::Until);
    }
    if let Some(notes) = cell(6) {
        record.relation.notes = Some(notes.to_owned()).filter(|v| !v.trim().is_empty());
        record.set(RelationField::Notes);
    }
    for (col, field) in [
        (7, RelationField::Quality),
        (8, RelationField::Support),
        (9, RelationField::SupportDirection),
    ] {
        if let Some(text) = cell(col) {
            fields.ecogram(&mut record, field, text)?;
        }
    }
    if cell(10).is_some() {
        record.relation.confirmed = fields.date("confirmed", owned(10))?;
        record.set(RelationField::Confirmed);
    }
    if let Some(text) = cell(11).map(str::trim).filter(|t| !t.is_empty()) {
        // A decimal comma, as Dutch Excel writes it.
        let text = text.replace(',', ".");
        let value: f64 = text
            .parse()
            .map_err(|_| fields.error("weight", Problem::NotANumber { text: text.clone() }))?;
        record.relation.weight = Some(
            crate::model::Weight::new(value)
                .ok_or_else(|| fields.error("weight", Problem::NotFinite))?,
        );
        record.set(RelationField::Weight);
    }
    if let Some(id) = checked_text(owned(12)) {
        record.relation.id = id.into();
        record.has_id = true;
    }
    fields.period(&record.relation)?;
    Ok(record)
}

/// How the CSV pair is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvStyle {
    /// For Dutch Excel: UTF-8 with BOM, `;` between fields, `\r\n` line ends.
    pub excel: bool,
}

/// A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`, so opening an export in Excel never runs
/// what someone typed into a name or note. Import takes the `'` off again.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The inverse of [`defuse`], applied to every cell read.
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn writer<W: std::io::Write>(out: W, style: CsvStyle) -> std::io::Result<::csv::Writer<W>> {
    let mut builder = ::csv::WriterBuilder::new();
    if style.excel {
        builder.delimiter(b';').terminator(::csv::Terminator::CRLF);
    }
    let mut out = out;
    if style.excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    Ok(builder.from_writer(out))
}

/// The cells of every node and relation, in [`NODE_COLUMNS`] and [`RELATION_COLUMNS`]
/// order, as the CSV pair and the workbook write them.
pub(crate) fn rows(nodes: &[Node], relations: &[Relation]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let join = |list: &[String]| list.join(&LIST_SEPARATOR.to_string());
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let day = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let node_rows = nodes
        .iter()
        .map(|n| {
            vec![
                n.id.to_string(),
                n.kind.as_str().to_owned(),
                n.name.clone(),
                text(&n.wijk),
                text(&n.role),
                join(&n.tags),
                join(&n.offers),
                join(&n.needs),
                text(&n.contact),
                text(&n.notes),
                if n.sensitive { "ja" } else { "" }.to_owned(),
                day(n.since),
                day(n.until),
                text(&n.until_reason),
                day(n.last_contact),
                day(n.follow_up),
                text(&n.follow_up_note),
            ]
        })
        .collect();
    let relation_rows = relations
        .iter()
        .map(|r| {
            vec![
                r.source.to_string(),
                r.target.to_string(),
                r.kind.as_str().to_owned(),
                r.strength.get().to_string(),
                day(r.since),
                day(r.until),
                text(&r.notes),
                r.quality.as_str().to_owned(),
                r.support.joined("|"),
                r.support_direction.map_or("", |d| d.as_str()).to_owned(),
                day(r.confirmed),
                r.weight.map(|w| w.get().to_string()).unwrap_or_default(),
                r.id.to_string(),
            ]
        })
        .collect();
    (node_rows, relation_rows)
}

/// Writes `nodes.csv` and `relations.csv` into the folder `dir` (made when missing).
pub fn write_pair(
    dir: &Path,
    nodes: &[Node],
    relations: &[Relation],
    style: CsvStyle,
) -> std::io::Result<()> {
    crate::store::files::private_dir(dir)?;
    let (node_rows, relation_rows) = rows(nodes, relations);
    for (name, columns, rows) in [
        ("nodes.csv", NODE_COLUMNS.as_slice(), node_rows),
        ("relations.csv", RELATION_COLUMNS.as_slice(), relation_rows),
    ] {
        write_atomically(&dir.join(name), |out| {
            let mut writer = writer(out, style)?;
            writer.write_record(columns)?;
            for cells in &rows {
                writer.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
            }
            writer.flush()
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_is_taken_from_the_header() {
        assert_eq!(detect_separator("id;name;notes\n1;a,b;c"), b';');
        assert_eq!(detect_separator("id,name\n1;2"), b',');
        assert_eq!(detect_separator("\"a;b\",c,d\n"), b',');
        assert_eq!(detect_separator("id\tname\n"), b'\t');
    }

    #[test]
    fn formulas_are_defused_on_export_and_restored_on_import() {
        for cell in ["=SUM(A1:A9)", "+31 6 1234", "-5", "@home", "\tx"] {
            let out = defuse(cell);
            assert!(out.starts_with('\''), "{cell}");
            assert_eq!(restore(&out), cell);
        }
        assert_eq!(defuse("Anja"), "Anja");
        assert_eq!(
            restore("'t Hoekje"),
            "'t Hoekje",
            "an apostrophe that is text stays"
        );
    }

    #[test]
    fn dutch_column_names_map_onto_the_model() {
        assert_eq!(column_name("Naam"), "name");
        assert_eq!(column_name(" Sterkte "), "strength");
        assert_eq!(column_name("\u{feff}id"), "id");
    }
}
