//! Import and export: the JSON snapshot and the CSV pair of DESIGN §4.
//!
//! Reading is split from writing: [`read_inputs`] turns files into an [`ImportBatch`] with
//! every field checked and every record's file and line kept, and the store applies the
//! batch in one transaction. A bad file therefore never reaches the database.

pub mod casus;
pub mod csv;
pub mod gexf;
pub mod graph;
pub mod graphml;
pub mod inzage;
pub mod json;
pub mod picture;
pub mod sheet;
pub mod snapshot;

use std::borrow::Cow;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{InputError, Location, Problem};
use crate::model::{Date, Node, NodeKind, Relation, Strength};
use crate::records::{
    ImportBatch, ImportOptions, NodeField, NodeRecord, RelationField, RelationRecord,
};

pub use crate::records::ExportFormat;

/// Reads and checks every input file into one batch, with the default options (a
/// directed graph file is refused with the question what its direction means).
pub fn read_inputs(paths: &[PathBuf]) -> Result<ImportBatch, InputError> {
    read_inputs_with(paths, &ImportOptions::default())
}

/// The extensions of every file that import reads (by content, not only by extension):
/// what a file picker offers.
pub const IMPORT_EXTENSIONS: [&str; 9] = [
    "json", "csv", "txt", "graphml", "gexf", "xlsx", "xlsm", "xls", "ods",
];

/// The formats people have that wijkweb does not read, by how their text begins or by
/// their extension: refused by name, never as broken CSV.
fn other_format(ext: &str, bytes: &[u8]) -> Option<&'static str> {
    let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    let gml = start.starts_with("graph") && start[5..].trim_start().starts_with('[')
        || start.starts_with("creator")
        || ext == "gml";
    let pajek = ["*vertices", "*network", "*arcs", "*edges"]
        .iter()
        .any(|k| start.starts_with(k))
        || ext == "net"
        || ext == "paj";
    if gml {
        Some("GML")
    } else if pajek {
        Some("Pajek")
    } else if ext == "gephi" {
        Some("Gephi project (.gephi)")
    } else {
        None
    }
}

/// The tables among the inputs (CSV files and the sheets of workbooks) with what each of
/// their columns becomes under `options`: what the app shows before an import, so that
/// she can map or leave out a column. Snapshots and graph files have none.
pub fn tables(
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<Vec<crate::records::TableColumns>, InputError> {
    let mut tables = Vec::new();
    for path in paths {
        let input = Input::open(path)?;
        match input.kind {
            InputKind::Workbook => {
                tables.extend(sheet::tables(&input.file, &input.bytes, options)?)
            }
            InputKind::Csv => tables.extend(csv::tables(&input.file, &input.bytes, options)?),
            InputKind::Other(_) | InputKind::Json | InputKind::Graph => {}
        }
    }
    Ok(tables)
}

/// What an input file is, by its bytes and its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InputKind {
    /// A format of another tool that wijkweb does not read (GML, Pajek...).
    Other(&'static str),
    /// A workbook (.xlsx, .xls, .ods).
    Workbook,
    /// A JSON snapshot.
    Json,
    /// GraphML or GEXF.
    Graph,
    /// A CSV table.
    Csv,
}

/// An input file, read, and what it is.
struct Input {
    /// Its path as messages show it.
    file: String,
    /// Its bytes.
    bytes: Vec<u8>,
    /// What it is.
    kind: InputKind,
}

impl Input {
    /// Reads `path` and tells what it is: by its bytes first (a workbook, `{`, `<`), by
    /// its extension where the bytes could be either.
    fn open(path: &Path) -> Result<Self, InputError> {
        let file = path.display().to_string();
        let bytes = read_bounded(path).map_err(|detail| {
            InputError::new(
                Location::new(file.as_str(), None),
                Problem::CannotRead { detail },
            )
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let first = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
            .copied();
        let sniffed = ext != "csv" && ext != "json";
        let kind = if let Some(format) = other_format(&ext, &bytes) {
            InputKind::Other(format)
        } else if sheet::is_workbook(&bytes) {
            InputKind::Workbook
        } else if ext == "json" || (sniffed && matches!(first, Some(b'{' | b'['))) {
            InputKind::Json
        } else if ext == "graphml" || ext == "gexf" || (sniffed && first == Some(b'<')) {
            InputKind::Graph
        } else {
            InputKind::Csv
        };
        Ok(Self { file, bytes, kind })
    }
}

/// Reads and checks every input file into one batch.
pub fn read_inputs_with(
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportBatch, InputError> {
    let mut batch = ImportBatch::default();
    // Whether every input is a table (CSV or a workbook): a list of relations alone is
    // then a plain edge list, its nodes made from its ends.
    let mut tables_only = true;
    for path in paths {
        let Input { file, bytes, kind } = Input::open(path)?;
        match kind {
            InputKind::Other(format) => {
                return Err(InputError::new(
                    Location::new(file.as_str(), None),
                    Problem::OtherFormat { format },
                ));
            }
            InputKind::Workbook => sheet::read(&file, &bytes, options, &mut batch)?,
            InputKind::Json => {
                tables_only = false;
                json::read(&file, &bytes, &mut batch)?;
            }
            InputKind::Graph => {
                tables_only = false;
                graphml::read(&file, &bytes, options, &mut batch)?;
            }
            InputKind::Csv => csv::read_with(&file, &bytes, options, &mut batch)?,
        }
        batch.files.push(file);
    }
    batch.make_ends = tables_only && batch.nodes.is_empty() && !batch.relations.is_empty();
    Ok(batch)
}

/// The largest input file read: a wijk of 100,000 persons and 500,000 relations is about a
/// tenth of it.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Reads an input: a file, or a pipe (`<(...)`), up to [`MAX_INPUT_BYTES`]; a device
/// (`/dev/zero`, `/dev/urandom`) or a folder is refused before it is read.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("this is a folder, not a file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Err("this is a device, not a file".into());
        }
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "the file is larger than {} MB; no wijk is",
            MAX_INPUT_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Decodes an input file: UTF-8 with or without BOM, or Windows-1252 as Dutch Excel saves.
/// Refuses an empty file and binary data.
pub(crate) fn read_text<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, InputError> {
    let at = || Location::new(file, None);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(at(), Problem::Empty));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u64;
        return Err(InputError::new(
            Location::new(file, Some(line)),
            Problem::Binary,
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text)
        }
    }
}

/// Decodes an input file that must be UTF-8 (JSON and XML are, by their own rules): as
/// [`read_text`], but text in another encoding is refused at the line of its first
/// foreign byte, never read as something it is not.
pub(crate) fn read_utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, InputError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(body) {
        let before = &body[..e.valid_up_to()];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
        if !body.contains(&0) {
            return Err(InputError::new(
                Location::new(file, Some(line)),
                Problem::NotUtf8 {
                    byte: body[e.valid_up_to()],
                },
            ));
        }
    }
    read_text(file, bytes)
}

/// A single-line text field: trimmed, and `None` when empty.
pub(crate) fn checked_text(value: Option<String>) -> Option<String> {
    let value = value?;
    let trimmed = value.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == value.len() {
        Some(value)
    } else {
        Some(trimmed.to_owned())
    }
}

/// Parses and checks the fields of one record, naming file, line and field on error.
pub(crate) struct FieldParser<'a> {
    /// The record's file and first line.
    pub location: Location,
    /// How many lines below the record's first line a field sits (JSON spread over lines).
    pub lines_to: &'a dyn Fn(&str) -> u64,
    /// Which comes first in a date like `3/1/2024` (none: such a date is refused).
    pub date_order: Option<crate::model::DateOrder>,
}

impl FieldParser<'_> {
    /// An error at `field` of this record.
    pub fn error(&self, field: &str, problem: Problem) -> InputError {
        let mut location = self.location.field(field);
        location.line = location.line.map(|l| l + (self.lines_to)(field));
        InputError::new(location, problem)
    }

    /// A required id: present and not blank.
    pub fn id(&self, field: &str, value: Option<String>) -> Result<String, InputError> {
        match checked_text(value) {
            Some(id) => Ok(id),
            None => Err(self.error(
                field,
                Problem::MissingId {
                    field: field.to_owned(),
                },
            )),
        }
    }

    /// A required, non-empty name.
    pub fn name(&self, value: Option<String>) -> Result<String, InputError> {
        checked_text(value).ok_or_else(|| self.error("name", Problem::EmptyName))
    }

    /// A kind or status, by its English or Dutch name.
    pub fn parse<T>(&self, field: &str, text: &str) -> Result<T, InputError>
    where
        T: std::str::FromStr<Err = crate::model::UnknownKind>,
    {
        text.parse()
            .map_err(|e| self.error(field, Problem::UnknownName(e)))
    }

    /// Sets one of a relation's ecogram fields (`quality`, `support`,
    /// `support_direction`) from its text, as CSV, GraphML and GEXF write it; empty is the
    /// default (neutral, no support, direction not said). Marks the field as present.
    pub fn ecogram(
        &self,
        record: &mut RelationRecord,
        field: RelationField,
        text: &str,
    ) -> Result<(), InputError> {
        let text = text.trim();
        let relation = &mut record.relation;
        match field {
            RelationField::Quality => relation.quality = self.parse("quality", text)?,
            RelationField::Support => {
                relation.support = crate::model::Support::parse_list(text)
                    .map_err(|e| self.error("support", Problem::UnknownName(e)))?;
            }
            RelationField::SupportDirection => {
                relation.support_direction = if text.is_empty() {
                    None
                } else {
                    Some(self.parse("support_direction", text)?)
                };
            }
            _ => return Ok(()),
        }
        record.set(field);
        Ok(())
    }

    /// An optional date; empty is none.
    pub fn date(&self, field: &str, value: Option<String>) -> Result<Option<Date>, InputError> {
        let Some(text) = checked_text(value) else {
            return Ok(None);
        };
        match crate::model::parse_file_date(&text, self.date_order) {
            Ok(date) => Ok(Some(date)),
            Err(crate::model::DateProblem::Ambiguous) => {
                Err(self.error(field, Problem::AmbiguousDate { text }))
            }
            Err(crate::model::DateProblem::NotADate) => {
                Err(self.error(field, Problem::NotADate { text }))
            }
        }
    }

    /// A strength 1-3.
    pub fn strength(&self, value: i64) -> Result<Strength, InputError> {
        Strength::new(value).ok_or_else(|| self.error("strength", Problem::StrengthRange { value }))
    }

    /// A strength 1-3 written as text; empty is the default.
    pub fn strength_text(&self, text: &str) -> Result<Strength, InputError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Strength::default());
        }
        if let Ok(value) = text.parse::<i64>() {
            return self.strength(value);
        }
        // As people write it in a spreadsheet: in words, Dutch or English.
        match text.to_lowercase().as_str() {
            "zwak" | "weak" | "licht" => Ok(Strength::WEAK),
            "gewoon" | "normaal" | "normal" | "middel" | "gemiddeld" => Ok(Strength::NORMAL),
            "sterk" | "strong" | "hecht" => Ok(Strength::STRONG),
            _ => Err(self.error(
                "strength",
                Problem::StrengthNotNumber {
                    text: text.to_owned(),
                },
            )),
        }
    }

    /// Yes or no, as a spreadsheet holds it (ja/nee, yes/no, true/false, 1/0, x); empty is
    /// no.
    pub fn yes_no(&self, field: &str, text: &str) -> Result<bool, InputError> {
        match text.trim().to_lowercase().as_str() {
            "" | "nee" | "no" | "n" | "false" | "onwaar" | "0" => Ok(false),
            "ja" | "yes" | "j" | "y" | "true" | "waar" | "1" | "x" => Ok(true),
            _ => Err(self.error(
                field,
                Problem::NotYesNo {
                    text: text.trim().to_owned(),
                },
            )),
        }
    }

    /// A finite coordinate.
    pub fn coordinate(&self, field: &str, value: Option<f64>) -> Result<Option<f64>, InputError> {
        match value {
            Some(v) if !v.is_finite() => Err(self.error(field, Problem::NotFinite)),
            other => Ok(other),
        }
    }

    /// An RFC 3339 time stamp (in any offset; kept as the moment it names); empty is none.
    pub fn timestamp(
        &self,
        field: &str,
        value: Option<String>,
    ) -> Result<Option<crate::model::Timestamp>, InputError> {
        let Some(text) = checked_text(value) else {
            return Ok(None);
        };
        match text.parse::<crate::model::Timestamp>() {
            Ok(stamp) => Ok(Some(stamp)),
            Err(_) => Err(self.error(field, Problem::NotATimestamp { text })),
        }
    }

    /// A node record from the fields every input has: id, kind (person when not given)
    /// and name. Only a given kind counts as present, so an update keeps the stored one.
    pub fn node_record(
        &self,
        id: Option<String>,
        kind: Option<&str>,
        name: Option<String>,
    ) -> Result<NodeRecord, InputError> {
        let id = self.id("id", id)?;
        let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
            Some(kind) => Some(self.parse::<NodeKind>("kind", kind)?),
            None => None,
        };
        let mut node = Node::new(kind.unwrap_or(NodeKind::Person), self.name(name)?);
        node.id = id.into();
        let mut record = NodeRecord {
            node,
            has_id: true,
            present: 0,
            location: self.location.clone(),
        };
        if kind.is_some() {
            record.set(NodeField::Kind);
        }
        Ok(record)
    }

    /// A node record of a row without an id (a list of names): a fresh random id, which
    /// the import replaces by that of the one node with the same name, if any.
    pub fn node_record_without_id(
        &self,
        kind: Option<&str>,
        name: Option<String>,
    ) -> Result<NodeRecord, InputError> {
        let mut record = self.node_record(Some(crate::model::new_id()), kind, name)?;
        record.has_id = false;
        Ok(record)
    }

    /// A relation record between `source` and `target`, with no id yet (the import gives
    /// it one when the input has none).
    pub fn relation_record(
        &self,
        source: Option<String>,
        target: Option<String>,
    ) -> Result<RelationRecord, InputError> {
        let source = self.id("source", source)?;
        let target = self.id("target", target)?;
        Ok(RelationRecord {
            relation: Relation::with_id(String::new(), source, target, Default::default()),
            has_id: false,
            present: 0,
            unordered: false,
            foreign: false,
            location: self.location.clone(),
        })
    }

    /// A relation's period: `until` not before `since`.
    pub fn period(&self, relation: &Relation) -> Result<(), InputError> {
        self.dates(relation.since, relation.until)
    }

    /// A period from `since` to `until` (a relation's, a node's): `until` not before
    /// `since`.
    pub fn dates(
        &self,
        since: Option<crate::model::Date>,
        until: Option<crate::model::Date>,
    ) -> Result<(), InputError> {
        match (since, until) {
            (Some(since), Some(until)) if until < since => Err(self.error(
                "until",
                Problem::EndsBeforeStart {
                    since: since.to_string(),
                    until: until.to_string(),
                },
            )),
            _ => Ok(()),
        }
    }
}

/// Counts lines as it is moved forward through a text (offsets only increase).
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// Lines counted from byte `offset` of `text`, which is on line 1.
    pub fn starting_at(text: &'a str, offset: usize) -> Self {
        Self {
            text,
            offset,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset` (not before the last offset asked).
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset >= self.offset {
            let skipped = &self.text.as_bytes()[self.offset..offset];
            self.line += skipped.iter().filter(|&&b| b == b'\n').count() as u64;
            self.offset = offset;
            self.line
        } else {
            1 + self.text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
        }
    }
}

/// Writes a file through a temporary file in the same folder, so a failed export never
/// leaves a half-written file under the real name.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_counts_forward_and_back() {
        let text = "a\nb\nc\n";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(4), 3);
        assert_eq!(lines.line_at(1), 1);
    }

    #[test]
    fn checked_text_trims_and_drops_blanks() {
        assert_eq!(checked_text(Some("  a b ".into())).as_deref(), Some("a b"));
        assert_eq!(checked_text(Some(" \t".into())), None);
        assert_eq!(checked_text(None), None);
    }
}
