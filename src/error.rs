//! Errors that reach the user. Every error knows whether it is the user's (bad input, an
//! unknown node, a refused database: exit code 1) or ours (exit code 2).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::limits::{LimitProblem, MAX_COORDINATE};

/// Where in an input file something is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (shared: every record of a file carries it).
    pub file: Arc<str>,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// The field (column or JSON key), when known.
    pub field: Option<String>,
}

impl Location {
    /// A location in `file` at `line`.
    pub fn new(file: impl Into<Arc<str>>, line: Option<u64>) -> Self {
        Self {
            file: file.into(),
            line,
            field: None,
        }
    }

    /// The same location, narrowed to `field`.
    pub fn field(&self, field: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        Ok(())
    }
}

/// Bad input in a file being imported: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct InputError {
    /// Where.
    pub location: Location,
    /// What: typed, so that the app can word it in the user's language. Its `Display` is
    /// the English of the command line.
    pub problem: Problem,
}

/// Messages quote what they found; a garbage file must not make them megabytes long.
const MAX_QUOTE_CHARS: usize = 120;

/// `text` cut to `max` characters, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

impl InputError {
    /// An error at `location` (the field and every quoted value cut to a readable length).
    pub fn new(mut location: Location, problem: Problem) -> Self {
        location.field = location.field.map(|f| excerpt(&f, 60));
        Self {
            location,
            problem: problem.shortened(),
        }
    }

    /// What is wrong, in English.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

/// What is wrong with an input file. Values quoted from the file are cut to a readable
/// length; `detail`s are what a parser library said (English).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The operating system could not read the file.
    #[error("cannot read the file: {detail}")]
    CannotRead {
        /// What the OS said.
        detail: String,
    },
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes: not text.
    #[error(
        "this is not a text file (it holds binary data); expected a JSON snapshot or a CSV file"
    )]
    Binary,
    /// JSON or XML in another encoding than UTF-8.
    #[error(
        "this file is not UTF-8 (byte 0x{byte:02X}); JSON and GraphML must be: save it as UTF-8"
    )]
    NotUtf8 {
        /// The first byte that is not UTF-8.
        byte: u8,
    },
    /// A CSV quote that opens a value and is never closed.
    #[error(
        "a quote (\") opens a value on this line and is never closed: the rest of the file would be one value"
    )]
    UnclosedQuote,
    /// JSON that does not start with an object.
    #[error("not a wijkweb JSON snapshot (expected an object with \"nodes\" and \"relations\")")]
    NotSnapshotObject,
    /// Broken JSON syntax.
    #[error("not valid JSON: {detail}")]
    NotJson {
        /// What the JSON parser said.
        detail: String,
    },
    /// Valid JSON of another shape.
    #[error("not a wijkweb JSON snapshot ({detail})")]
    NotSnapshot {
        /// What the JSON parser said.
        detail: String,
    },
    /// A snapshot whose `format` is not ours.
    #[error("not a wijkweb snapshot (format is '{found}', expected '{expected}')")]
    SnapshotFormat {
        /// The format it names.
        found: String,
        /// Ours.
        expected: &'static str,
    },
    /// A snapshot from a newer wijkweb.
    #[error(
        "made by a newer wijkweb (snapshot version {found}; this version reads up to {supported})"
    )]
    NewerSnapshot {
        /// Its version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// A JSON object with neither list.
    #[error("not a wijkweb JSON snapshot: it has neither \"nodes\" nor \"relations\"")]
    NoNodesNorRelations,
    /// A JSON value of the wrong type or an unknown key inside a node or relation.
    #[error("{detail}")]
    Json {
        /// What the JSON parser said.
        detail: String,
    },
    /// A CSV file with neither the node nor the relation columns.
    #[error(
        "not a wijkweb CSV file: a nodes file needs the columns id and name, a relations file (or a list of edges) source and target"
    )]
    NotCsv,
    /// A CSV header this file kind does not have.
    #[error("unknown column '{name}' (column {column}); known columns: {known}")]
    UnknownColumn {
        /// The header.
        name: String,
        /// 1-based column number.
        column: usize,
        /// The known columns, comma-separated.
        known: String,
    },
    /// A CSV header given twice.
    #[error("column '{name}' appears twice")]
    DuplicateColumn {
        /// The header.
        name: String,
    },
    /// A required CSV column is not there.
    #[error("the required column '{name}' is missing")]
    MissingColumn {
        /// The column.
        name: &'static str,
    },
    /// A CSV line with more fields than the header.
    #[error(
        "this line has {found} fields, the header has {expected} (a separator inside a value needs quotes)"
    )]
    FieldCount {
        /// Fields on the line.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// What the CSV reader refused.
    #[error("cannot read this CSV: {detail}")]
    Csv {
        /// What the CSV reader said.
        detail: String,
    },
    /// Broken XML.
    #[error("not valid XML: {detail}")]
    NotXml {
        /// What the XML parser said.
        detail: String,
    },
    /// XML nested deeper than any GraphML is.
    #[error("elements are nested more than {max} deep; no GraphML is (is this file damaged?)")]
    TooDeep {
        /// The deepest nesting read.
        max: usize,
    },
    /// XML that is neither GraphML nor GEXF.
    #[error("not a GraphML or GEXF file (its root element is <{root}>)")]
    NotGraphml {
        /// The root element's name.
        root: String,
    },
    /// A format wijkweb does not read, known by its first bytes or extension.
    #[error(
        "wijkweb does not read this file ({format}): save it as GraphML or GEXF (Gephi, networkx and igraph write both), or as CSV"
    )]
    OtherFormat {
        /// Its name.
        format: &'static str,
    },
    /// A workbook that calamine cannot read, or a cell that holds an error.
    #[error("cannot read this spreadsheet: {detail}")]
    Spreadsheet {
        /// What calamine said, or which error the cell holds.
        detail: String,
    },
    /// A workbook none of whose sheets has nodes or relations.
    #[error(
        "no sheet of this workbook has nodes (the columns id or name) or relations (source and target)"
    )]
    NoSheet,
    /// A directed edge of no kind, and no word on what direction means.
    #[error(
        "this edge is directed and has no kind: say what direction means with --directed refers_to (a referral, from source to target) or --directed ignore (relations without direction)"
    )]
    DirectedEdge,
    /// A required id (`id`, `source`, `target`) is missing or blank.
    #[error("{field} is missing or empty")]
    MissingId {
        /// The field.
        field: String,
    },
    /// A node without a kind where the kind is required.
    #[error("missing (person, organisation or initiative)")]
    MissingKind,
    /// A node without a name.
    #[error("empty name: every node needs a name")]
    EmptyName,
    /// A kind, status or basis by a name we do not know.
    #[error("{0}")]
    UnknownName(crate::model::UnknownKind),
    /// Not a date.
    #[error("'{text}' is not a date (write 2024-03-01 or 1-3-2024)")]
    NotADate {
        /// The text.
        text: String,
    },
    /// A date that reads as two days (`3/1/2024`) in a file whose date order was not given.
    #[error(
        "'{text}' can be read two ways (day or month first): write 2024-01-03, or give the \
         file's date order (import --date-order dmy or mdy)"
    )]
    AmbiguousDate {
        /// The text.
        text: String,
    },
    /// A strength number outside 1-3.
    #[error("strength {value} is outside 1-3 (1 weak, 2 normal, 3 strong)")]
    StrengthRange {
        /// The number.
        value: i64,
    },
    /// A strength that is not a number or a word for one.
    #[error(
        "strength '{text}' is not 1-3 or a word for it (1 weak/zwak, 2 normal/gewoon, 3 strong/sterk)"
    )]
    StrengthNotNumber {
        /// The text.
        text: String,
    },
    /// Neither yes nor no.
    #[error("'{text}' is neither yes nor no (ja/nee, yes/no, 1/0, or empty for no)")]
    NotYesNo {
        /// The text.
        text: String,
    },
    /// Not a number.
    #[error("'{text}' is not a number")]
    NotANumber {
        /// The text.
        text: String,
    },
    /// Infinite or NaN.
    #[error("not a finite number")]
    NotFinite,
    /// One coordinate without the other.
    #[error("x and y must be given together")]
    HalfPosition,
    /// A field past its bound (DESIGN §2.4).
    #[error("{0}")]
    Limit(LimitProblem),
    /// Not an RFC 3339 time stamp.
    #[error("'{text}' is not a time stamp (write 2024-03-01T09:30:00Z)")]
    NotATimestamp {
        /// The text.
        text: String,
    },
    /// A relation that ends before it starts.
    #[error("until {until} is before since {since}")]
    EndsBeforeStart {
        /// Its start.
        since: String,
        /// Its end.
        until: String,
    },
    /// A node id given twice in one import.
    #[error("duplicate id '{id}' (first at {first})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first.
        first: Box<Location>,
    },
    /// A relation id given twice in one import.
    #[error("duplicate relation id '{id}' (first at {first})")]
    DuplicateRelationId {
        /// The id.
        id: String,
        /// Where it was first.
        first: Box<Location>,
    },
    /// A relation end that is neither imported nor in the database.
    #[error("unknown node id '{id}' (not in the import nor in the database)")]
    UnknownEnd {
        /// The id.
        id: String,
    },
    /// A relation end named by a name that several nodes have.
    #[error("'{name}' is the name of {count} people or places: give their ids instead")]
    AmbiguousName {
        /// The name.
        name: String,
        /// How many have it.
        count: usize,
    },
    /// A relation from a node to itself.
    #[error("a relation from node '{id}' to itself")]
    SelfRelation {
        /// The node.
        id: String,
    },
    /// A netwerkcirkel place its scheme does not have.
    #[error(
        "sector {sector}, ring {ring} is not a place of the {scheme} circle (sectors 0-3, rings 0-{last})"
    )]
    OutsideCircle {
        /// The scheme.
        scheme: &'static str,
        /// The sector given.
        sector: i64,
        /// The ring given.
        ring: i64,
        /// Its last ring.
        last: u8,
    },
    /// A tie in a casus moment that is not the resident's.
    #[error("a tie in the moment of '{ego}' that is not hers ('{ego}' is neither end)")]
    NotHerTie {
        /// The resident.
        ego: String,
    },
    /// One relation twice in one casus moment.
    #[error("relation '{id}' is in this moment twice")]
    TwiceInMoment {
        /// The relation.
        id: String,
    },
}

impl Problem {
    /// The same problem with every quoted value cut to a readable length.
    fn shortened(self) -> Self {
        let cut = |text: String| excerpt(&text, MAX_QUOTE_CHARS);
        match self {
            Self::CannotRead { detail } => Self::CannotRead {
                detail: cut(detail),
            },
            Self::NotJson { detail } => Self::NotJson {
                detail: cut(detail),
            },
            Self::NotSnapshot { detail } => Self::NotSnapshot {
                detail: cut(detail),
            },
            Self::SnapshotFormat { found, expected } => Self::SnapshotFormat {
                found: cut(found),
                expected,
            },
            Self::Json { detail } => Self::Json {
                detail: cut(detail),
            },
            Self::UnknownColumn {
                name,
                column,
                known,
            } => Self::UnknownColumn {
                name: excerpt(&name, 60),
                column,
                known,
            },
            Self::DuplicateColumn { name } => Self::DuplicateColumn {
                name: excerpt(&name, 60),
            },
            Self::Csv { detail } => Self::Csv {
                detail: cut(detail),
            },
            Self::NotXml { detail } => Self::NotXml {
                detail: cut(detail),
            },
            Self::NotGraphml { root } => Self::NotGraphml { root: cut(root) },
            Self::Spreadsheet { detail } => Self::Spreadsheet {
                detail: cut(detail),
            },
            Self::UnknownName(mut unknown) => {
                unknown.given = cut(unknown.given);
                Self::UnknownName(unknown)
            }
            Self::NotADate { text } => Self::NotADate { text: cut(text) },
            Self::AmbiguousDate { text } => Self::AmbiguousDate { text: cut(text) },
            Self::StrengthNotNumber { text } => Self::StrengthNotNumber { text: cut(text) },
            Self::NotYesNo { text } => Self::NotYesNo { text: cut(text) },
            Self::NotANumber { text } => Self::NotANumber { text: cut(text) },
            Self::NotATimestamp { text } => Self::NotATimestamp { text: cut(text) },
            Self::DuplicateId { id, first } => Self::DuplicateId { id: cut(id), first },
            Self::DuplicateRelationId { id, first } => {
                Self::DuplicateRelationId { id: cut(id), first }
            }
            Self::UnknownEnd { id } => Self::UnknownEnd { id: cut(id) },
            Self::AmbiguousName { name, count } => Self::AmbiguousName {
                name: cut(name),
                count,
            },
            Self::SelfRelation { id } => Self::SelfRelation { id: cut(id) },
            Self::NotHerTie { ego } => Self::NotHerTie { ego: cut(ego) },
            Self::TwiceInMoment { id } => Self::TwiceInMoment { id: cut(id) },
            other => other,
        }
    }
}

/// Why a database could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file does not exist.
    #[error("{}: no such database (import into it to create it)", .0.display())]
    Missing(PathBuf),
    /// The file is not a SQLite database at all.
    #[error("{}: not a wijkweb database (this file is not a SQLite database)", .0.display())]
    NotADatabase(PathBuf),
    /// A SQLite database made by another program.
    #[error("{}: not a wijkweb database ({reason})", path.display())]
    NotWijkweb {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// Made by a newer wijkweb.
    #[error(
        "{}: made by a newer version of wijkweb (schema version {found}; this version knows up to {supported}). Update wijkweb to open it; the file was not changed",
        path.display()
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
        /// The newest this build knows.
        supported: i32,
    },
    /// An encrypted wijk opened without its passphrase.
    #[error(
        "{}: this wijk is encrypted (or it is not a wijkweb database): give its passphrase in the environment variable WIJKWEB_KEY, or let wijkweb ask for it with --encrypt; the app asks for it when it opens the file. The file was not changed",
        .0.display()
    )]
    Encrypted(PathBuf),
    /// The passphrase does not open the file.
    #[error(
        "{}: this passphrase does not open the wijk (a wrong passphrase, or the file is not a wijkweb database); the file was not changed",
        .0.display()
    )]
    WrongKey(PathBuf),
    /// The file or its folder is read-only.
    #[error("{}: the file is read-only; wijkweb needs to write to it (check its permissions)", .0.display())]
    ReadOnly(PathBuf),
    /// Another program holds a lock on it.
    #[error("{}: the database is locked by another program (another wijkweb?); close it and try again", .0.display())]
    Locked(PathBuf),
    /// Another wijkweb has the file open for writing.
    #[error("{}: this wijk is open in another wijkweb (or another window); close that first, or open it read-only", .0.display())]
    InUse(PathBuf),
    /// The file is damaged; nothing was written to it.
    #[error("{}: the database is damaged ({detail}); nothing was written to it. {advice}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the integrity check said.
        detail: String,
        /// What to do: restore the newest good backup.
        advice: String,
    },
    /// Reading or writing failed at the disk.
    #[error("{}: the disk could not be read or written (is it full, removed or failing?); the change was not saved", .0.display())]
    DiskError(PathBuf),
    /// The disk is full.
    #[error("{}: the disk is full; nothing was written. Free some space and try again", .0.display())]
    DiskFull(PathBuf),
    /// A migration failed and was rolled back.
    #[error("{}: upgrading the database from schema version {from} failed ({source}); the file was left as it was", path.display())]
    Migration {
        /// The file.
        path: PathBuf,
        /// The version it had.
        from: i32,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A node that is not in the database.
    #[error("no node with id '{0}'")]
    UnknownNode(String),
    /// A relation that is not in the database.
    #[error("no relation with id '{0}'")]
    UnknownRelation(String),
    /// A casus moment that is not in the database.
    #[error("no casus moment number {0}")]
    UnknownMoment(i64),
    /// A referral that is not in the database.
    #[error("no referral with id '{0}'")]
    UnknownReferral(String),
    /// A change that breaks a rule of the model or of the file's handling.
    #[error("{0}")]
    Invalid(Rule),
    /// Bad input in an import.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Anything else SQLite reports: a bug or a broken file.
    #[error("{}: database error: {source}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A file system error (e.g. making a backup copy).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// A rule that a change would break. Typed, so that the app can word it in the user's
/// language; its `Display` is the English of the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    /// A node without an id.
    #[error("a node needs an id")]
    NodeWithoutId,
    /// A node with an empty name.
    #[error("node '{0}' has an empty name")]
    EmptyName(String),
    /// A position that is infinite or NaN.
    #[error("position of '{0}' is not a finite number")]
    NotFinitePosition(String),
    /// A netwerkcirkel place the scheme does not have.
    #[error("the {scheme} circle has no sector {sector} on ring {ring}")]
    OutsideCircle {
        /// The scheme.
        scheme: &'static str,
        /// The sector asked for.
        sector: u8,
        /// The ring asked for.
        ring: u8,
    },
    /// A field past its bound (DESIGN §2.4).
    #[error("field {field} of '{id}': {problem}")]
    Limit {
        /// The node or relation.
        id: String,
        /// The field, as files name it.
        field: &'static str,
        /// What is wrong.
        problem: LimitProblem,
    },
    /// A relation from a node to itself.
    #[error("relation '{relation}' joins node '{node}' to itself")]
    SelfRelation {
        /// The relation.
        relation: String,
        /// The node.
        node: String,
    },
    /// A new node whose id is taken.
    #[error("a node with id '{0}' already exists")]
    NodeExists(String),
    /// A new relation whose id is taken.
    #[error("a relation with id '{0}' already exists")]
    RelationExists(String),
    /// Consent for an organisation or initiative.
    #[error("'{0}' is not a person: consent is recorded for persons")]
    NotAPerson(String),
    /// Undo or redo of a relation whose end was removed since.
    #[error("cannot {} '{step}': one end of the relation no longer exists", if *.redo { "redo" } else { "undo" })]
    EndGone {
        /// Redo rather than undo.
        redo: bool,
        /// The step's name.
        step: String,
    },
    /// An audit row that an undo needs but cannot read.
    #[error(
        "the audit log's record of '{action}' cannot be read back ({detail}); it cannot be undone"
    )]
    UnreadableStep {
        /// The logged action.
        action: String,
        /// What the JSON parser said.
        detail: String,
    },
    /// A new backup failed its check.
    #[error("{}: the backup did not pass its integrity check and was not kept", .0.display())]
    BackupUnsound(PathBuf),
    /// A backup to restore failed its check.
    #[error("{}: not a sound database (integrity check failed); choose another backup", .0.display())]
    RestoreUnsound(PathBuf),
    /// No backup passed its check.
    #[error("{}: no good backup found in {}", .db.display(), .folder.display())]
    NoGoodBackup {
        /// The database.
        db: PathBuf,
        /// Its backup folder.
        folder: PathBuf,
    },
    /// An old schema opened read-only.
    #[error(
        "{}: this database must first be upgraded to schema version {supported}; open it once for writing (e.g. `wijkweb import`) to upgrade it",
        .path.display()
    )]
    NeedsUpgrade {
        /// The file.
        path: PathBuf,
        /// The schema version it needs.
        supported: i32,
    },
    /// The copy before an upgrade failed its check.
    #[error(
        "{}: the copy taken before upgrading did not pass its integrity check; the database was not upgraded",
        .0.display()
    )]
    UpgradeCopyUnsound(PathBuf),
    /// A new wijk where a file is.
    #[error("{} already exists; open it instead", .0.display())]
    CreateExists(PathBuf),
    /// An output file that is there already.
    #[error("{}: the file exists already; choose a new name (nothing was written)", .0.display())]
    OutExists(PathBuf),
    /// An empty passphrase.
    #[error("a passphrase cannot be empty")]
    EmptyPassphrase,
    /// A new passphrase that is too short.
    #[error(
        "a new passphrase needs at least {0} characters (a few words in a row are easy to remember and hard to guess); nothing was changed"
    )]
    ShortPassphrase(usize),
    /// An encrypted or decrypted copy failed its check.
    #[error(
        "{}: the converted copy did not pass its integrity check ({verdict}); the original was left as it was",
        .path.display()
    )]
    ConvertedUnsound {
        /// The copy.
        path: PathBuf,
        /// What the check said.
        verdict: String,
    },
    /// Encrypting an encrypted wijk.
    #[error("{}: this wijk is encrypted already; change its passphrase with `wijkweb rekey`", .0.display())]
    AlreadyEncrypted(PathBuf),
    /// Re-keying a plain wijk.
    #[error("{}: this wijk is not encrypted; encrypt it with `wijkweb encrypt`", .0.display())]
    NotEncrypted(PathBuf),
    /// A write on a wijk opened read-only.
    #[error("{}: opened read-only; this needs to write", .0.display())]
    OpenedReadOnly(PathBuf),
}

impl StoreError {
    /// The same error with `path` where it was made without one (inside a transaction).
    pub fn with_path(self, path: &Path) -> Self {
        let fill = |p: PathBuf| {
            if p.as_os_str().is_empty() {
                path.to_path_buf()
            } else {
                p
            }
        };
        match self {
            Self::Locked(p) => Self::Locked(fill(p)),
            Self::ReadOnly(p) => Self::ReadOnly(fill(p)),
            Self::DiskFull(p) => Self::DiskFull(fill(p)),
            Self::DiskError(p) => Self::DiskError(fill(p)),
            Self::NotADatabase(p) => Self::NotADatabase(fill(p)),
            Self::Sqlite { path: p, source } => Self::Sqlite {
                path: fill(p),
                source,
            },
            other => other,
        }
    }

    /// Whether this is the user's to fix (exit code 1) rather than a bug (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Self::Sqlite { .. } | Self::Io { .. })
    }
}

impl fmt::Display for LimitProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { length, max } => {
                write!(f, "{length} characters long; at most {max} fit")
            }
            Self::TooMany { count, max } => write!(f, "{count} items; at most {max} fit"),
            Self::ControlCharacter { code } => write!(
                f,
                "holds a control character (U+{code:04X}), which no text field may hold"
            ),
            Self::Coordinate { value } => write!(
                f,
                "position {value} is not a number between -{MAX_COORDINATE} and {MAX_COORDINATE}"
            ),
        }
    }
}
