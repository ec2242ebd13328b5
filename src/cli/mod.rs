//! The command line (DESIGN §5): subcommands over the core, with stable JSON output and exit
//! codes 0 (success), 1 (the user's error: bad input, refused database) and 2 (ours).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod casework;
mod circle;
mod crypt;
mod privacy;

use crypt::Wijk;

use crate::error::{InputError, StoreError};
use crate::exchange::picture::ColourBy;
use crate::exchange::snapshot::{ExportError, ExportOptions, export};
use crate::exchange::{self, ExportFormat};
use crate::graph::Network;
use crate::graph::kenners::{KennerQuery, kenners};
use crate::graph::needs::needs;
use crate::graph::paths::{Allow, Target, referral_paths};
use crate::graph::risks::risks;
use crate::model::NodeKind;
use crate::model::limits::visible;
use crate::store::{OpenMode, Stats, Store};
use crate::words::{Language, Words};

/// wijkweb: map the network of a wijk: who knows whom, and via whom.
#[derive(Debug, Parser)]
#[command(
    name = "wijkweb",
    version,
    about,
    long_about = None
)]
pub struct Cli {
    /// A wijk to open (FILE.wijk), or a file to import into a wijk (a .wijkweb.json
    /// snapshot, a sheet, CSV, GraphML, GEXF): the app asks into which. What the desktop
    /// passes when she double-clicks a file.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// For packagers: print the man page (man), a shell's completions (complete-bash,
    /// complete-zsh, complete-fish, complete-powershell) or the icon (icon-svg, icon-N
    /// for a PNG of N pixels) to stdout.
    #[arg(long, hide = true, value_name = "KIND")]
    pub generate: Option<String>,
    /// The database file (default: wijk.sqlite in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Ask for the passphrase (without echo) instead of reading it from WIJKWEB_KEY; a
    /// database this command creates is encrypted with it.
    #[arg(long, global = true)]
    pub encrypt: bool,
    /// The language of explanations, reasons and pictures: nl (Dutch) or en (English).
    #[arg(long, global = true, value_enum, default_value = "nl")]
    pub lang: Lang,
    /// Answer for the wijk as it was on this date (2025-03-01 or 1-3-2025): only the
    /// people and places there then, and the relations that held that day. For the
    /// questions (kenners, path, risks, needs, ego, stats, export), never for a change.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<crate::model::Date>,
    /// What to do; without one, wijkweb opens the default wijk.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--column HEADER=FIELD`: the header as the import keys it (trimmed, lowercase) and the
/// field, a column of nodes.csv or relations.csv (empty: leave the column out).
fn column_arg(text: &str) -> Result<(String, Option<String>), String> {
    let (header, field) = text.split_once('=').ok_or_else(|| {
        format!("'{text}': write HEADER=FIELD (Telefoon=contact), or HEADER= to leave it out")
    })?;
    let header = header.trim().to_lowercase();
    if header.is_empty() {
        return Err(format!("'{text}': the header before '=' is empty"));
    }
    let field = field.trim().to_lowercase();
    if field.is_empty() {
        return Ok((header, None));
    }
    let fields = crate::exchange::csv::NODE_COLUMNS
        .iter()
        .chain(&crate::exchange::csv::RELATION_COLUMNS);
    if fields.clone().any(|f| *f == field) {
        Ok((header, Some(field)))
    } else {
        let mut known: Vec<&str> = fields.copied().collect();
        known.sort_unstable();
        known.dedup();
        Err(format!(
            "'{field}' is no field; the fields are: {}",
            known.join(", ")
        ))
    }
}

/// A date on the command line: 2025-03-01, 1-3-2025 or 1/3/2025.
fn parse_day(text: &str) -> Result<crate::model::Date, String> {
    crate::model::parse_date(text)
        .ok_or_else(|| format!("'{text}' is not a date: write it as 2025-03-01 or 1-3-2025"))
}

/// The languages of `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Nl => Language::Dutch,
            Lang::En => Language::English,
        }
    }
}

/// A kenner as `kenners --json` prints it: her numbers and the reason in words.
#[derive(serde::Serialize)]
struct KennerOut<'a> {
    #[serde(flatten)]
    kenner: &'a crate::graph::kenners::Kenner,
    reason: String,
}

/// A path as `path --json` prints it: its nodes and steps, its summary and explanation.
#[derive(serde::Serialize)]
struct PathOut<'a> {
    #[serde(flatten)]
    path: &'a crate::graph::paths::ReferralPath,
    summary: String,
    explanation: String,
}

/// The arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The file to write (a folder for csv); `-` writes the file to standard output.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Only this node's network (id or name).
    #[arg(long, value_name = "NODE")]
    ego: Option<String>,
    /// How many steps out from --ego.
    #[arg(long, default_value_t = 1, requires = "ego")]
    depth: usize,
    /// Replace every person by a pseudonym from her role; drop notes, contact, needs.
    #[arg(long)]
    pseudonymise: bool,
    /// With --pseudonymise: persons with written consent keep their names.
    #[arg(long, requires = "pseudonymise")]
    keep_consented: bool,
    /// A lossless JSON backup for yourself: everything as it is, also of a person who
    /// withdrew consent; re-imports into the same wijk without doubles. Never share it.
    /// Without it a JSON snapshot is one for sharing (withdrawn consent pseudonymised).
    #[arg(long, conflicts_with_all = ["pseudonymise", "ego"])]
    backup: bool,
    /// GraphML and GEXF: keep relations that have ended (marked `ended`, with their dates:
    /// Gephi's timeline then plays them); left out otherwise, as other tools count every
    /// edge as live.
    #[arg(long)]
    with_ended: bool,
    /// Picture width in pixels (svg, png).
    #[arg(long, default_value_t = 1600)]
    width: u32,
    /// Picture height in pixels (svg, png).
    #[arg(long, default_value_t = 1200)]
    height: u32,
    /// The paper of a PDF (a4 by default; a3, or a0 for a poster), or of an SVG to print;
    /// landscape.
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// A PNG's resolution in dots per inch: 96 is the picture's own pixels, 300 for print
    /// (the same picture with 300/96 times the pixels each way); written in the file.
    #[arg(long, default_value_t = crate::exchange::picture::SCREEN_DPI)]
    dpi: u32,
    /// What the colours of a picture mean.
    #[arg(long, value_enum, default_value = "community")]
    colour_by: ColourArg,
    /// CSV for Dutch Excel: UTF-8 with BOM, ';' between fields.
    #[arg(long)]
    excel: bool,
    /// The casus pack of --ego for a casusoverleg (pdf: the netwerkcirkel and the
    /// betrokkenen on A4; svg: the circle page). Pseudonymised unless --with-names; never
    /// overwrites a file (an --out folder gets casus-DATE.pdf, then casus-DATE-2.pdf).
    #[arg(long, requires = "ego")]
    casus: bool,
    /// The netwerkcirkel's scheme.
    #[arg(long, value_enum, default_value = "lensink", requires = "casus")]
    scheme: SchemeArg,
    /// With --casus: the persons' names instead of pseudonyms.
    #[arg(long, requires = "casus", conflicts_with = "pseudonymise")]
    with_names: bool,
    /// With --casus: who drew it up ("opgesteld door"); else the account's name.
    #[arg(long, requires = "casus")]
    author: Option<String>,
    /// The organisation: a PDF's author, and with --casus printed in the pack's header.
    #[arg(long)]
    organisation: Option<String>,
    /// With --casus: the purpose of sharing; else the resident's consent purpose.
    #[arg(long, requires = "casus")]
    purpose: Option<String>,
    /// With --casus: also draw the relations between her contacts.
    #[arg(long, requires = "casus")]
    between_contacts: bool,
}

/// Paper sizes, as the command line names them.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum PaperArg {
    /// 297 x 210 mm.
    A4,
    /// 420 x 297 mm.
    A3,
    /// 1189 x 841 mm.
    A0,
}

impl From<PaperArg> for crate::records::Paper {
    fn from(arg: PaperArg) -> Self {
        match arg {
            PaperArg::A4 => Self::A4,
            PaperArg::A3 => Self::A3,
            PaperArg::A0 => Self::A0,
        }
    }
}

/// The netwerkcirkel schemes, as the command line names them.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SchemeArg {
    /// The netwerkcirkel van Lensink: familie, werk en school, samenleving,
    /// professionals; intimi, vrienden, bekenden, diensten.
    Lensink,
    /// Pantuček's Netzwerkkarte: familie, vrienden en kennissen, collega's en school,
    /// professionele hulp; three horizons.
    Pantucek,
    /// The wijk's own: familie, vrienden en buren, vrijwilligers en initiatieven,
    /// professionals; rings by strength.
    Wijk,
}

impl From<SchemeArg> for crate::model::Scheme {
    fn from(s: SchemeArg) -> Self {
        match s {
            SchemeArg::Lensink => Self::Lensink,
            SchemeArg::Pantucek => Self::Pantucek,
            SchemeArg::Wijk => Self::Wijk,
        }
    }
}

/// The arguments of `kenners`.
#[derive(Debug, clap::Args)]
pub struct KennerArgs {
    /// Only kenners of this wijk.
    #[arg(long)]
    wijk: Option<String>,
    /// Which kind of node to rank.
    #[arg(long, value_enum, default_value = "person")]
    kind: KindFilter,
    /// How many to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Leave out paid professionals (who work at an organisation) and the sociaal
    /// makelaar herself.
    #[arg(long)]
    without_professionals: bool,
    /// Print JSON: [{"id","name","kind","betweenness","degree","communities","reason",...}].
    #[arg(long)]
    json: bool,
}

/// The arguments of `path`.
#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// Where the path starts (id or name).
    #[arg(long, value_name = "NODE")]
    from: String,
    /// Where it should end (id or name).
    #[arg(
        long,
        value_name = "NODE",
        required_unless_present = "offers",
        conflicts_with = "offers"
    )]
    to: Option<String>,
    /// Or: end at the nearest nodes that offer this theme (e.g. taal, schulden).
    #[arg(long, value_name = "THEME")]
    offers: Option<String>,
    /// How many paths.
    #[arg(long, default_value_t = 3)]
    k: usize,
    /// Nodes the path may not go through (repeat the flag for several).
    #[arg(long, value_name = "NODE")]
    avoid: Vec<String>,
    /// Also through sensitive organisations and initiatives (schuldhulp, GGZ), and
    /// naming who is their client.
    #[arg(long)]
    allow_sensitive: bool,
    /// Also along burdening (belastend) relations, which a path never takes otherwise.
    #[arg(long)]
    allow_burdening: bool,
    /// Print JSON: {"paths":[{"cost","nodes":[{"id","name","kind"}],"explanation"}]}.
    #[arg(long)]
    json: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a .json snapshot, a nodes.csv + relations.csv pair, GraphML or GEXF, all or
    /// nothing.
    Import {
        /// The files to import, in one transaction.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// What a directed edge without a kind (GraphML, GEXF, Gephi's CSV) becomes:
        /// refers_to (a referral, from source to target) or ignore (a relation without
        /// direction). Without it such a file is refused.
        #[arg(long, value_name = "refers_to|ignore")]
        directed: Option<crate::records::Directed>,
        /// How a graph file's weights map onto strength 1-3: terciles (by rank, the
        /// default) or A,B (up to A weak, from B on strong).
        #[arg(long, value_name = "terciles|A,B", default_value = "terciles")]
        weights: crate::records::WeightRule,
        /// Which comes first in the files' dates like 3/1/2024: dmy (3 January) or mdy
        /// (1 March, as American Excel writes them). Without it such a date is refused;
        /// 2024-01-03, 3-1-2024 (day first) and 13/1/2024 read one way only.
        #[arg(long, value_name = "dmy|mdy")]
        date_order: Option<crate::model::DateOrder>,
        /// A sheet's column read as a field: `Telefoon=contact`; `Leeftijd=` leaves the
        /// column out. Repeatable; other columns are read by their names as usual.
        #[arg(long = "column", value_name = "HEADER=FIELD", value_parser = column_arg)]
        columns: Vec<(String, Option<String>)>,
    },
    /// Export the wijk, or one person's network, as data or as a picture.
    Export(ExportArgs),
    /// Count nodes and relations.
    Stats {
        /// Print JSON: {"nodes","relations","persons","organisations","initiatives"}.
        #[arg(long)]
        json: bool,
    },
    /// Check the database: integrity, schema version, counts.
    Check {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The kenners: who links the most people and groups, best first.
    Kenners(KennerArgs),
    /// Referral paths: via whom can NODE reach another node, or an offer of a theme?
    Path(PathArgs),
    /// A node's own network: everyone within DEPTH steps, and their relations.
    Ego(circle::EgoArgs),
    /// Set a relation's ecogram fields (quality, support, who supports whom), or make a
    /// new relation with --kind when the two have none.
    Relation(circle::RelationArgs),
    /// 'Best Person' risks (who, if they stop, cuts others off) and isolated residents.
    Risks {
        /// Print JSON: {"articulation_points":[...],"isolated":[...]}.
        #[arg(long)]
        json: bool,
    },
    /// Lay out the wijk and store the positions (continues from stored positions unless
    /// --fresh).
    Layout {
        /// Start from scratch instead of from the stored positions.
        #[arg(long)]
        fresh: bool,
        /// The seed of a fresh layout.
        #[arg(long, default_value_t = crate::layout::SEED)]
        seed: u64,
    },
    /// Make a verified backup now (kept in FILE.backups/, rotated: the last 10 and one a
    /// week for 8 weeks).
    Backup,
    /// Put the newest good backup (or --from BACKUP) back; the current file is kept aside.
    Restore {
        /// The backup to put back (default: the newest that passes its integrity check).
        #[arg(long, value_name = "BACKUP")]
        from: Option<PathBuf>,
    },
    /// Show or record a person's legal basis and consent (withdrawal takes effect at once).
    Consent {
        /// The person (id or name).
        node: String,
        /// What to record.
        #[command(flatten)]
        args: privacy::ConsentArgs,
    },
    /// Erase a person ("vergeten"): her data, her relations and every trace of her in the
    /// audit log and the backups.
    Forget {
        /// The person (id or name).
        node: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write everything held about one person (inzage.txt and inzage.json) to a folder.
    Inzage {
        /// The person (id or name).
        node: String,
        /// The folder to write to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// List data due for review: past its retention period, or consent withdrawn or expired.
    Review {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show or set the retention periods in months (0: keep until erased by hand).
    Retention {
        /// Persons, counted from their last change.
        #[arg(long, value_name = "MONTHS")]
        person: Option<u32>,
        /// Organisations.
        #[arg(long, value_name = "MONTHS")]
        organisation: Option<u32>,
        /// Initiatives.
        #[arg(long, value_name = "MONTHS")]
        initiative: Option<u32>,
        /// Relations, counted from their end.
        #[arg(long, value_name = "MONTHS")]
        relation: Option<u32>,
        /// Casus moments, counted from their day.
        #[arg(long, value_name = "MONTHS")]
        moment: Option<u32>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Encrypt a plain wijk and its backups (passphrase from WIJKWEB_KEY, or asked twice).
    Encrypt,
    /// Give an encrypted wijk and its backups a new passphrase (WIJKWEB_NEW_KEY, or asked).
    Rekey,
    /// Write a plain, unencrypted copy of an encrypted wijk (the only way to get one).
    Decrypt {
        /// The plain copy to write (must not exist).
        #[arg(long, value_name = "PLAIN")]
        out: PathBuf,
    },
    /// Vraag en aanbod: per theme, who asks, who offers, who can reach an offer.
    Needs {
        /// Only this theme.
        #[arg(long)]
        theme: Option<String>,
        /// An offer counts as reachable within this many steps.
        #[arg(long, default_value_t = 3)]
        steps: usize,
        /// Print JSON (see the README).
        #[arg(long)]
        json: bool,
    },
    /// Who to follow up: follow-up days passed (the longest overdue first) and coming this
    /// week, and who was not contacted for longer than --months
    Due {
        /// Not contacted for longer than this many months (0: do not list them).
        #[arg(long, default_value_t = 3)]
        months: u32,
        /// Print JSON: {"overdue":[{"id","name","day","note","days"}],"this_week":[…],
        /// "not_contacted":[…],"referrals":[{"id","resident","resident_name","target",
        /// "target_name","day","follow_up","note","days"}],"stale":[…]}.
        #[arg(long)]
        json: bool,
    },
    /// Record a contact with a person today (or --on DATE), and the next follow-up
    Contact {
        /// The person (id or name).
        node: String,
        /// The day of the contact (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        on: Option<crate::model::Date>,
        /// Follow her up on this day.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        follow_up: Option<crate::model::Date>,
        /// What to follow up ("vragen of ze bij het taalcafe is geweest").
        #[arg(long, value_name = "TEXT", requires = "follow_up")]
        note: Option<String>,
    },
    /// Freeze a resident's netwerkcirkel today as a moment (a casus export makes one too)
    Moment(casework::MomentArgs),
    /// A resident's moments, the newest first (--delete N removes one)
    Moments(casework::MomentsArgs),
    /// Record a referral (doorverwijzing) of a resident, or how one went (--id --status)
    Refer(casework::ReferArgs),
    /// The referrals (of one resident), or with --counts their number by theme and status
    Referrals(casework::ReferralsArgs),
    /// What changed between two days: relations added, ended and changed, who came and
    /// went, and the kenners who left (in the whole wijk, or in one resident's network)
    Changes {
        /// The earlier day (2025-03-01 or 1-3-2025): the last casusoverleg, say.
        #[arg(long, value_name = "DATE", value_parser = parse_day, required_unless_present = "moment")]
        since: Option<crate::model::Date>,
        /// Since moment N of a resident (as `wijkweb moments` lists them): her circle as
        /// it was frozen then against the wijk of --until.
        #[arg(long, value_name = "N", conflicts_with_all = ["since", "ego"])]
        moment: Option<i64>,
        /// The later day (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        until: Option<crate::model::Date>,
        /// Only her own network (id or name).
        #[arg(long, value_name = "NODE")]
        ego: Option<String>,
        /// Print JSON: {"since","until","added":[…],"ended":[…],"changed":[{"relation","fields"}],
        /// "nodes_added":[…],"nodes_gone":[…],"kenners_gone":[…]}.
        #[arg(long)]
        json: bool,
    },
}

/// Which kinds of node `wijkweb kenners` ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindFilter {
    /// Persons (the default).
    #[value(alias = "persoon")]
    Person,
    /// Organisations.
    #[value(alias = "organisatie")]
    Organisation,
    /// Initiatives.
    #[value(alias = "initiatief")]
    Initiative,
    /// Every kind.
    #[value(alias = "alle")]
    All,
}

impl KindFilter {
    fn kind(self) -> Option<NodeKind> {
        match self {
            Self::Person => Some(NodeKind::Person),
            Self::Organisation => Some(NodeKind::Organisation),
            Self::Initiative => Some(NodeKind::Initiative),
            Self::All => None,
        }
    }
}

/// Why a command failed, and whose fault that is.
#[derive(Debug)]
pub enum Failure {
    /// The user's: exit code 1.
    User(String),
    /// Ours: exit code 2.
    Internal(String),
    /// The reader of our output went away (`wijkweb kenners | head`): stop quietly.
    BrokenPipe,
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        if err.is_user_error() {
            Self::User(err.to_string())
        } else {
            Self::Internal(err.to_string())
        }
    }
}

impl From<InputError> for Failure {
    fn from(err: InputError) -> Self {
        Self::User(err.to_string())
    }
}

/// The desktop app, as the binary hands it in: it opens a window on a wijk (the one given,
/// or the default one made from the demo on a first run). The command line knows nothing
/// of windows; without a subcommand, on a desktop, it hands over to this. Its arguments:
/// the wijk to open (`None`: the last one or the default), the default wijk, and a file to
/// offer for import once the window is open; its error, what to tell her when no window
/// could open.
pub type Window = fn(Option<PathBuf>, Option<PathBuf>, Option<PathBuf>) -> Result<(), String>;

/// What `wijkweb FILE` opens: the wijk to open and the file to offer for import.
fn opening(
    file: Option<PathBuf>,
    db: Option<PathBuf>,
) -> Result<(Option<PathBuf>, Option<PathBuf>), Failure> {
    let Some(file) = file else {
        return Ok((db, None));
    };
    if crate::store::files::looks_like_wijk(&file) {
        if db.is_some() {
            return Err(Failure::User(format!(
                "{}: give the wijk to open either as FILE or as --db, not both",
                file.display()
            )));
        }
        Ok((Some(file), None))
    } else {
        Ok((db, Some(file)))
    }
}

/// `--format` of `export`: the command line's names for [`ExportFormat`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// The lossless JSON snapshot.
    Json,
    /// `nodes.csv` and `relations.csv` in the folder given.
    Csv,
    /// GraphML (Gephi, Cytoscape, networkx).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// An Excel workbook: a sheet of nodes and one of relations, Dutch headers.
    Xlsx,
    /// A picture as SVG.
    Svg,
    /// A picture as PNG.
    Png,
    /// A picture as a one-page A4 PDF.
    Pdf,
}

impl From<FormatArg> for ExportFormat {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Json => Self::Json,
            FormatArg::Csv => Self::Csv,
            FormatArg::Graphml => Self::Graphml,
            FormatArg::Gexf => Self::Gexf,
            FormatArg::Xlsx => Self::Xlsx,
            FormatArg::Svg => Self::Svg,
            FormatArg::Png => Self::Png,
            FormatArg::Pdf => Self::Pdf,
        }
    }
}

/// `--colour-by` of `export`: the command line's names for [`ColourBy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourArg {
    /// Its community (group).
    Community,
    /// Its first theme.
    Theme,
    /// Its kind.
    Kind,
}

impl From<ColourArg> for ColourBy {
    fn from(arg: ColourArg) -> Self {
        match arg {
            ColourArg::Community => Self::Community,
            ColourArg::Theme => Self::Theme,
            ColourArg::Kind => Self::Kind,
        }
    }
}

/// Parses `args` and runs the command, printing errors to stderr; returns the exit code.
/// Without a subcommand, `window` opens the app when there is a desktop to open it on.
pub fn main<I, T>(args: I, window: Option<Window>) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 1 } else { 0 };
            // Printing help or a usage error; nothing else to do if stdout is gone.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let name = cli.command.as_ref().map_or_else(
        || "app".to_owned(),
        // The variant's name only: its fields hold paths and names.
        |c| {
            format!("{c:?}")
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_lowercase()
        },
    );
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        command = name,
        "start"
    );
    if let Some(window) = window
        && cli.command.is_none()
        && has_display()
    {
        let (db, import) = match opening(cli.file, cli.db) {
            Ok(opened) => opened,
            Err(err) => return failed(err),
        };
        return match window(db, default_db_path(), import) {
            Ok(()) => ExitCode::SUCCESS,
            // No window could open (no display, no renderer): said, and exit 1.
            Err(message) => failed(Failure::User(message)),
        };
    }
    let mut out = Visible(std::io::stdout().lock());
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => failed(err),
    }
}

/// Says what failed on stderr; the exit code for it.
fn failed(err: Failure) -> ExitCode {
    // The log says that it failed and how, not what the message says (it names files).
    let kind = match &err {
        Failure::User(_) => "refused",
        Failure::Internal(_) => "internal error",
        Failure::BrokenPipe => "broken pipe",
    };
    tracing::warn!(kind, "command failed");
    match err {
        Failure::User(message) => {
            eprintln!("wijkweb: {}", visible(&message));
            ExitCode::from(1)
        }
        Failure::Internal(message) => {
            eprintln!("wijkweb: internal error: {}", visible(&message));
            ExitCode::from(2)
        }
        Failure::BrokenPipe => ExitCode::SUCCESS,
    }
}

/// Text output on its way to a terminal: a control character that a stored name holds
/// (an escape sequence that would recolour or clear the screen) is printed as `\u001b`.
/// Every command prints text; JSON output has its control characters escaped already.
struct Visible<W: Write>(W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Each formatted piece is whole UTF-8; bytes that are not pass through with their
        // control bytes shown.
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(visible(text).as_bytes())?,
            Err(_) => {
                for &b in buf {
                    if b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7f {
                        write!(self.0, "\\u{b:04x}")?;
                    } else {
                        self.0.write_all(&[b])?;
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The default database: `wijk.sqlite` in the user's data folder (see
/// [`crate::store::files::data_dir`]).
pub fn default_db_path() -> Option<PathBuf> {
    crate::store::files::data_dir().map(|dir| dir.join("wijk.sqlite"))
}

/// The `--db` given, or else the default database.
fn db_or_default(db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    match db {
        Some(db) => Ok(db),
        None => default_db_path().ok_or_else(|| {
            Failure::User("no --db FILE given and no data folder known for this user".into())
        }),
    }
}

fn output_error(err: std::io::Error) -> Failure {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::BrokenPipe
    } else {
        Failure::Internal(format!("cannot write the output: {err}"))
    }
}

/// Runs a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let Cli {
        file,
        generate,
        db,
        encrypt,
        lang,
        as_of,
        command,
    } = cli;
    if let Some(kind) = generate {
        return generated(&kind, out);
    }
    let words = Language::from(lang).words();
    if let (Some(file), Some(_)) = (&file, &command) {
        return Err(Failure::User(format!(
            "{}: a command takes its wijk as --db FILE (`wijkweb --db {} stats`); a FILE \
             alone opens it",
            file.display(),
            file.display()
        )));
    }
    let Some(command) = command else {
        let (db, import) = opening(file, db)?;
        if let Some(file) = import {
            // No window to ask in: say how.
            return Err(Failure::User(format!(
                "{}: this is not a wijk but a file to import; without a desktop, import it \
                 with `wijkweb import --db WIJK {}`",
                file.display(),
                file.display()
            )));
        }
        return summary(db, out);
    };
    let asks = matches!(
        command,
        Command::Export(_)
            | Command::Stats { .. }
            | Command::Kenners(_)
            | Command::Path(_)
            | Command::Ego(_)
            | Command::Risks { .. }
            | Command::Needs { .. }
    );
    if let Some(day) = as_of
        && !asks
    {
        return Err(Failure::User(format!(
            "--as-of {day} asks about the wijk as it was: it goes with kenners, path, risks, \
             needs, ego, stats and export, not with a command that changes or checks the wijk"
        )));
    }
    let day = as_of.unwrap_or_else(crate::model::today);
    let db = Wijk::new(db_or_default(db)?, encrypt)?;
    let writes = matches!(
        command,
        Command::Import { .. }
            | Command::Contact { .. }
            | Command::Moment(_)
            | Command::Refer(_)
            | Command::Layout { .. }
            | Command::Restore { .. }
            | Command::Consent { .. }
            | Command::Forget { .. }
            | Command::Encrypt
            | Command::Rekey
    );
    if writes {
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
        if let Some(warning) = crate::store::backup::location_warning(&db, &mounts) {
            eprintln!("wijkweb: warning: {}", visible(&warning.to_string()));
        }
    }
    match command {
        Command::Import {
            inputs,
            json,
            directed,
            weights,
            date_order,
            columns,
        } => {
            let options = crate::records::ImportOptions {
                directed,
                weights,
                date_order,
                columns: columns.into_iter().collect(),
            };
            import(&db, &inputs, &options, json, out)
        }
        Command::Encrypt => crypt::encrypt(&db, out),
        Command::Rekey => crypt::rekey(&db, out),
        Command::Decrypt { out: plain } => crypt::decrypt(&db, &plain, out),
        Command::Export(args) => export_command(&db, args, as_of, words, out),
        Command::Stats { json } => stats_command(&db, json, as_of, out),
        Command::Kenners(args) => kenners_command(&db, args, day, words, out),
        Command::Path(args) => path_command(&db, args, day, words, out),
        Command::Ego(args) => circle::ego(&db, args, day, words, out),
        Command::Relation(args) => circle::relation(&db, args, out),
        Command::Risks { json } => risks_command(&db, json, day, out),
        Command::Layout { fresh, seed } => layout_command(&db, fresh, seed, out),
        Command::Backup => backup_command(&db, out),
        Command::Restore { from } => restore_command(&db, from, out),
        Command::Needs { theme, steps, json } => needs_command(&db, theme, steps, json, day, out),
        Command::Due { months, json } => due_command(&db, months, json, words, out),
        Command::Contact {
            node,
            on,
            follow_up,
            note,
        } => contact_command(&db, &node, on, follow_up, note, words, out),
        Command::Changes {
            since,
            moment,
            until,
            ego,
            json,
        } => match (since, moment) {
            (_, Some(moment)) => changes_since_moment(&db, moment, until, json, words, out),
            (Some(since), None) => changes_command(&db, since, until, ego, json, words, out),
            (None, None) => Err(Failure::User("give --since DATE or --moment N".into())),
        },
        Command::Moment(args) => casework::moment(&db, args, words, out),
        Command::Moments(args) => casework::moments(&db, args, words, out),
        Command::Refer(args) => casework::refer(&db, args, words, out),
        Command::Referrals(args) => casework::referrals(&db, args, words, out),
        Command::Consent { node, args } => privacy::consent(&db, &node, args, out),
        Command::Forget { node, json } => privacy::forget(&db, &node, json, out),
        Command::Inzage { node, out: dir } => privacy::inzage(&db, &node, &dir, words, out),
        Command::Review { json } => privacy::review(&db, json, words, out),
        Command::Retention {
            person,
            organisation,
            initiative,
            relation,
            moment,
            json,
        } => privacy::retention(
            &db,
            crate::store::privacy::Retention {
                person,
                organisation,
                initiative,
                relation,
                moment,
            },
            json,
            out,
        ),
        Command::Check { json } => check_command(&db, json, out),
    }
}

/// `export`: the wijk or a network circle, as data or a picture.
fn export_command(
    db: &Wijk,
    args: ExportArgs,
    as_of: Option<crate::model::Date>,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let format = ExportFormat::from(args.format);
    let (width, height) = (args.width, args.height);
    if args.backup && format != ExportFormat::Json {
        return Err(Failure::User(
            "--backup is a JSON snapshot: use it with --format json".into(),
        ));
    }
    if args.organisation.is_some() && format != ExportFormat::Pdf && !args.casus {
        return Err(Failure::User(
            "--organisation is a PDF's author (and a casus pack's header): use it with \
             --format pdf or --casus"
                .into(),
        ));
    }
    if args.paper.is_some() && !matches!(format, ExportFormat::Pdf | ExportFormat::Svg) {
        return Err(Failure::User(format!(
            "--paper is for pdf and svg: a {} has no paper (a png's print size: --dpi)",
            format.as_str()
        )));
    }
    if args.paper.is_some() && args.casus {
        return Err(Failure::User(
            "--paper with --casus: a casus pack is A4 pages to hand round".into(),
        ));
    }
    if args.dpi != crate::exchange::picture::SCREEN_DPI {
        if format != ExportFormat::Png {
            return Err(Failure::User(
                "--dpi is for png: a pdf and an svg are drawn as lines, sharp at any size".into(),
            ));
        }
        if !(72..=1200).contains(&args.dpi) {
            return Err(Failure::User(format!(
                "--dpi {}: the resolution must be 72-1200 (300 for print)",
                args.dpi
            )));
        }
    }
    let (png_w, png_h) = crate::exchange::picture::png_size(width, height, args.dpi);
    if format == ExportFormat::Png
        && u64::from(png_w) * u64::from(png_h) > crate::exchange::picture::MAX_PNG_PIXELS
    {
        return Err(Failure::User(format!(
            "a png of {width}x{height} at {} dpi is {png_w}x{png_h} pixels, more than {} \
             million: choose a smaller --width, --height or --dpi (a poster: --format pdf \
             --paper a0)",
            args.dpi,
            crate::exchange::picture::MAX_PNG_PIXELS / 1_000_000
        )));
    }
    if args.with_ended && !matches!(format, ExportFormat::Graphml | ExportFormat::Gexf) {
        return Err(Failure::User(format!(
            "--with-ended is for graphml and gexf: a {} export holds ended relations \
             already (pictures draw the relations of the day)",
            format.as_str()
        )));
    }
    if !(16..=20_000).contains(&width) || !(16..=20_000).contains(&height) {
        return Err(Failure::User(format!(
            "a picture of {width}x{height} pixels: width and height must be 16-20000"
        )));
    }
    // Exports only read (and log that they did): they work while the app has the
    // wijk open.
    let mut store = db.open(OpenMode::Reader)?;
    let day = as_of.unwrap_or_else(crate::model::today);
    let ego = match &args.ego {
        Some(query) => Some(resolve(&network_on(&store, day)?, query)?),
        None => None,
    };
    if args.casus && as_of.is_some() {
        return Err(Failure::User(
            "--casus with --as-of: a casus pack is drawn up today, of the circle as it is \
             (a circle of an earlier date: export --ego NODE --as-of DATE --format pdf)"
                .into(),
        ));
    }
    if args.backup && as_of.is_some() {
        return Err(Failure::User(
            "--backup with --as-of: a backup holds the whole wijk, its history too".into(),
        ));
    }
    if args.casus && !matches!(format, ExportFormat::Pdf | ExportFormat::Svg) {
        return Err(Failure::User(
            "--casus is a casus pack: use it with --format pdf (or svg for the circle)".into(),
        ));
    }
    let casus = args.casus.then(|| crate::exchange::casus::CasusOptions {
        scheme: args.scheme.into(),
        author: args
            .author
            .clone()
            .or_else(|| Some(store.user().to_owned())),
        organisation: args.organisation.clone(),
        purpose: args.purpose.clone(),
        between_contacts: args.between_contacts,
    });
    // `--out -` is standard output, as in other command-line tools: the file is written
    // into a private scratch folder first (every writer writes a whole file atomically),
    // then copied out byte for byte; the summary goes to standard error.
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && format == ExportFormat::Csv {
        return Err(Failure::User(
            "--out -: csv is two files (nodes.csv and relations.csv) in a folder; give a \
             folder, or use --format json, graphml, gexf or xlsx for standard output"
                .into(),
        ));
    }
    let scratch = if to_stdout {
        Some(
            tempfile::Builder::new()
                .prefix("wijkweb-export")
                .tempdir()
                .map_err(|e| Failure::Internal(format!("cannot make a scratch folder: {e}")))?,
        )
    } else {
        None
    };
    let target = match &scratch {
        Some(dir) => dir.path().join(format!("export.{}", format.as_str())),
        None => args.out,
    };
    let options = ExportOptions {
        format,
        out: target,
        ego,
        depth: args.depth,
        pseudonymise: args.pseudonymise || (args.casus && !args.with_names),
        keep_consented: args.keep_consented,
        backup: args.backup,
        width,
        height,
        colour_by: args.colour_by.into(),
        excel: args.excel,
        language: words.language,
        casus,
        as_of,
        shown_as: to_stdout.then(|| "-".to_owned()),
        with_ended: args.with_ended,
        organisation: args.organisation.clone(),
        paper: args.paper.map(Into::into),
        dpi: args.dpi,
    };
    let summary = export(&mut store, &options).map_err(|e| match e {
        ExportError::Store(e) => Failure::from(e),
        ExportError::Picture(e) => Failure::Internal(e.to_string()),
        other => Failure::User(other.to_string()),
    })?;
    if let Some(dir) = &scratch {
        // The one file the export wrote there (a casus pack picks its own name).
        let written = std::fs::read_dir(dir.path())
            .ok()
            .and_then(|mut files| files.next())
            .and_then(Result::ok)
            .map(|entry| entry.path())
            .ok_or_else(|| Failure::Internal("the export wrote no file".into()))?;
        let bytes = std::fs::read(written)
            .map_err(|e| Failure::Internal(format!("cannot read the scratch file back: {e}")))?;
        // The raw bytes, not through `out`: a PNG, PDF or workbook is binary, and `out`
        // makes control characters visible.
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(output_error)?;
        eprintln!(
            "wijkweb: exported {} nodes and {} relations to standard output{}",
            summary.nodes,
            summary.relations,
            if summary.pseudonymised {
                " (gepseudonimiseerd)"
            } else {
                ""
            }
        );
        return Ok(());
    }
    writeln!(
        out,
        "exported {} nodes and {} relations to {}{}",
        summary.nodes,
        summary.relations,
        summary.out,
        if summary.pseudonymised {
            " (gepseudonimiseerd)"
        } else {
            ""
        }
    )
    .map_err(output_error)
}

/// `kenners`: who links the most people and groups, best first.
fn kenners_command(
    db: &Wijk,
    args: KennerArgs,
    day: crate::model::Date,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let KennerArgs {
        wijk,
        kind,
        top,
        without_professionals,
        json,
    } = args;
    let network = load_network(db, day)?;
    let ranked = kenners(
        &network,
        &KennerQuery {
            kind: kind.kind(),
            wijk,
            top,
            without_professionals,
        },
    );
    if json {
        let out_list: Vec<KennerOut<'_>> = ranked
            .iter()
            .map(|kenner| KennerOut {
                kenner,
                reason: words.kenner_reason(kenner),
            })
            .collect();
        return print_json(out, &out_list);
    }
    writeln!(out, "{}", words.kenner_order).map_err(output_error)?;
    for (i, k) in ranked.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. {} ({})\n     {}",
            i + 1,
            k.name,
            (words.node_kind)(k.kind),
            words.kenner_reason(k)
        )
        .map_err(output_error)?;
    }
    Ok(())
}

/// `path`: referral paths from a node to another or to an offer.
fn path_command(
    db: &Wijk,
    args: PathArgs,
    day: crate::model::Date,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let PathArgs {
        from,
        to,
        offers,
        k,
        avoid,
        allow_sensitive,
        allow_burdening,
        json,
    } = args;
    let network = load_network(db, day)?;
    let from = resolve(&network, &from)?;
    let target = match (to, offers) {
        (Some(to), _) => Target::Node(resolve(&network, &to)?),
        (None, Some(theme)) => Target::Offers(theme),
        (None, None) => {
            return Err(Failure::User("give --to NODE or --offers THEME".into()));
        }
    };
    let avoid = avoid
        .iter()
        .map(|a| resolve(&network, a))
        .collect::<Result<Vec<_>, _>>()?;
    let allow = Allow {
        sensitive: allow_sensitive,
        burdening: allow_burdening,
    };
    let paths = referral_paths(&network, &from, &target, k.max(1), &avoid, allow)
        .map_err(|e| Failure::User(e.to_string()))?;
    if json {
        let out_list: Vec<PathOut<'_>> = paths
            .iter()
            .map(|path| PathOut {
                path,
                summary: words.summary(path),
                explanation: words.explain(path),
            })
            .collect();
        return print_json(out, &serde_json::json!({ "paths": out_list }));
    }
    if paths.is_empty() {
        writeln!(out, "{}", words.no_way).map_err(output_error)?;
    }
    for (i, p) in paths.iter().enumerate() {
        let names: Vec<&str> = p.nodes.iter().map(|n| n.name.as_str()).collect();
        writeln!(
            out,
            "{}\n   {}\n   {}",
            words.way_title(i, p),
            names.join(" → "),
            words.explain(p)
        )
        .map_err(output_error)?;
    }
    Ok(())
}

/// `stats`: counts.
fn stats_command(
    db: &Wijk,
    json: bool,
    as_of: Option<crate::model::Date>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let stats = match as_of {
        Some(day) => {
            let (nodes, relations) = store.load()?;
            crate::store::Stats::on(&nodes, &relations, day)
        }
        None => store.stats()?,
    };
    if json {
        print_json(out, &stats)
    } else {
        print_stats(out, &stats)
    }
}

/// `risks`: who cuts others off when she stops, and who is isolated.
fn risks_command(
    db: &Wijk,
    json: bool,
    day: crate::model::Date,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let network = load_network(db, day)?;
    let report = risks(&network);
    if json {
        return print_json(out, &report);
    }
    writeln!(out, "'Best Persons' (als zij stoppen, raken anderen los):").map_err(output_error)?;
    for p in &report.articulation_points {
        let takeover = p
            .takeover
            .as_ref()
            .map(|t| format!("; {} kan het overnemen", t.name))
            .unwrap_or_default();
        writeln!(out, "  {}: {} raken los{takeover}", p.name, p.cut_off).map_err(output_error)?;
    }
    writeln!(out, "Geisoleerde bewoners ({}):", report.isolated.len()).map_err(output_error)?;
    for n in &report.isolated {
        writeln!(out, "  {}", n.name).map_err(output_error)?;
    }
    Ok(())
}

/// `layout`: lay the wijk out and store the positions.
fn layout_command(db: &Wijk, fresh: bool, seed: u64, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let (nodes, relations) = store.load()?;
    let network = Network::new(&nodes, &relations, crate::model::today());
    let (order, graph, start) = crate::layout::start_for(&network, &nodes, fresh, seed);
    let pinned = start.pinned(order.len());
    let positions = crate::layout::layout(
        &graph,
        &start,
        crate::layout::ForceSettings::default(),
        3_000,
    );
    store.set_positions(&crate::layout::position_rows(
        &network, &order, &positions, &pinned,
    ))?;
    store.backup_if_due()?;
    writeln!(out, "laid out {} nodes", positions.len()).map_err(output_error)
}

/// `backup`: a verified backup now.
fn backup_command(db: &Wijk, out: &mut dyn Write) -> Result<(), Failure> {
    let store = db.open(OpenMode::Existing)?;
    let path = store.backup()?;
    writeln!(
        out,
        "backup made and checked: {}\n{} backups in {}",
        path.display(),
        crate::store::backup::list(db).len(),
        crate::store::backup::folder(db).display()
    )
    .map_err(output_error)
}

/// `restore`: the newest good backup (or the one given) put back.
fn restore_command(db: &Wijk, from: Option<PathBuf>, out: &mut dyn Write) -> Result<(), Failure> {
    let was_encrypted = crate::store::crypt::is_encrypted(db);
    let (used, aside) = Store::restore(db, from.as_deref(), db.key.as_ref())?;
    writeln!(out, "restored {} from {}", db.display(), used.display()).map_err(output_error)?;
    if was_encrypted && !crate::store::crypt::is_encrypted(db) {
        eprintln!(
            "wijkweb: warning: {} was encrypted, but the backup put back is not; encrypt it again with `wijkweb encrypt --db {}`",
            db.display(),
            db.display()
        );
    }
    if let Some(aside) = aside {
        writeln!(out, "the file it replaced is kept as {}", aside.display())
            .map_err(output_error)?;
    }
    Ok(())
}

/// `needs`: vraag en aanbod per theme.
fn needs_command(
    db: &Wijk,
    theme: Option<String>,
    steps: usize,
    json: bool,
    day: crate::model::Date,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let network = load_network(db, day)?;
    let report = needs(&network, theme.as_deref(), steps);
    if json {
        return print_json(out, &report);
    }
    for t in &report.themes {
        writeln!(
            out,
            "{}: {} vragen, {} bieden aan; {} kunnen een aanbod bereiken, {} niet",
            t.theme,
            t.asked_by.len(),
            t.offered_by.len(),
            t.can_reach.len(),
            t.cannot_reach.len()
        )
        .map_err(output_error)?;
        for n in &t.cannot_reach {
            writeln!(out, "   bereikt niets: {}", n.name).map_err(output_error)?;
        }
    }
    if !report.unmet.is_empty() {
        writeln!(
            out,
            "Gevraagd maar nergens aangeboden: {}",
            report.unmet.join(", ")
        )
        .map_err(output_error)?;
    }
    Ok(())
}

/// `check`: integrity, schema, audit chain, pending erasures; an error when any fails.
fn check_command(db: &Wijk, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let mut report = store.check()?;
    drop(store);
    if !report.schema_problems.is_empty() {
        // Say what was wrong, then put it back: a writer's open repairs the schema
        // (and logs that it did). Where the file cannot be written, it stays said.
        if let Ok(writer) = db.open(OpenMode::Existing) {
            report.schema_problems = writer.schema_problems();
        }
    }
    if json {
        print_json(out, &report)?;
    } else {
        writeln!(
            out,
            "{}\nintegrity: {}\nschema version: {}\naudit log: {} rows\nrelations with a missing end: {}",
            db.display(),
            report.integrity.join("; "),
            report.schema_version,
            report.audit_rows,
            report.foreign_key_problems,
        )
        .map_err(output_error)?;
        print_stats(out, &report.stats)?;
    }
    if !json {
        for problem in &report.audit_problems {
            writeln!(out, "audit log: {}", problem.problem).map_err(output_error)?;
        }
        if report.audit_problems.is_empty() {
            writeln!(out, "audit log chain: intact").map_err(output_error)?;
        }
        for problem in &report.schema_problems {
            writeln!(out, "{problem}").map_err(output_error)?;
        }
        for left in &report.pending_erasures {
            writeln!(
                out,
                "erasure pending: copies that could be neither cleaned nor removed: {}",
                if left.is_empty() {
                    "none yet (interrupted)".to_owned()
                } else {
                    left.join(", ")
                }
            )
            .map_err(output_error)?;
        }
    }
    if !report.audit_problems.is_empty() {
        Err(Failure::User(format!(
            "{}: the audit log was tampered with: {}",
            db.display(),
            report
                .audit_problems
                .iter()
                .map(|p| p.problem.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )))
    } else if !report.pending_erasures.is_empty() {
        Err(Failure::User(format!(
            "{}: {} erasure(s) not finished: remove the copies named above, then run check again",
            db.display(),
            report.pending_erasures.len()
        )))
    } else if !report.schema_problems.is_empty() {
        Err(Failure::User(format!(
            "{}: the schema was tampered with: {}",
            db.display(),
            report.schema_problems.join("; ")
        )))
    } else if report.is_ok() {
        Ok(())
    } else {
        Err(Failure::User(format!(
            "{}: the database is damaged ({})",
            db.display(),
            report.integrity.join("; ")
        )))
    }
}

/// `due`: who to follow up.
fn due_command(
    db: &Wijk,
    months: u32,
    json: bool,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let (nodes, relations) = store.load()?;
    let today = crate::model::today();
    let mut due = crate::model::followup::due(&nodes, today, Some(months));
    crate::model::followup::add_referrals(&mut due, &nodes, &store.referrals(None)?, today);
    let stale = crate::model::followup::stale(
        &nodes,
        &relations,
        today,
        crate::model::followup::STALE_MONTHS,
    );
    if json {
        let mut value = serde_json::to_value(&due).map_err(|e| Failure::Internal(e.to_string()))?;
        if let Some(map) = value.as_object_mut() {
            map.insert(
                "stale".into(),
                serde_json::to_value(&stale).map_err(|e| Failure::Internal(e.to_string()))?,
            );
        }
        return print_json(out, &value);
    }
    let w = &words.follow_up;
    if due.is_empty() && stale.is_empty() {
        return writeln!(out, "{}", w.nobody).map_err(output_error);
    }
    for (heading, items, not_contacted) in [
        (w.overdue, &due.overdue, false),
        (w.this_week, &due.this_week, false),
        (w.not_contacted, &due.not_contacted, true),
    ] {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "{heading}:").map_err(output_error)?;
        for item in items {
            writeln!(out, "  {}", words.due_line(item, not_contacted)).map_err(output_error)?;
        }
    }
    if !due.referrals.is_empty() {
        writeln!(out, "{}:", w.referrals).map_err(output_error)?;
        for r in &due.referrals {
            writeln!(out, "  {}  ({})", words.referral_line(r), r.id).map_err(output_error)?;
        }
    }
    if !stale.is_empty() {
        writeln!(out, "{}:", w.stale).map_err(output_error)?;
        for tie in &stale {
            writeln!(
                out,
                "  {}",
                crate::words::fill(
                    w.stale_line,
                    &[
                        &(words.step)(tie.kind, true, &tie.source_name, &tie.target_name),
                        &tie.day.map(|d| words.date(d)).unwrap_or_default()
                    ]
                )
            )
            .map_err(output_error)?;
        }
    }
    Ok(())
}

/// `contact`: a contact with her recorded, and her next follow-up.
fn contact_command(
    db: &Wijk,
    query: &str,
    on: Option<crate::model::Date>,
    follow_up: Option<crate::model::Date>,
    note: Option<String>,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let id = resolve(&network_of(&store)?, query)?;
    let Some(mut node) = store.node(&id)? else {
        return Err(Failure::User(format!("no node with id '{id}'")));
    };
    if node.kind != crate::model::NodeKind::Person {
        return Err(Failure::User(format!(
            "{} is no person: a contact is recorded with a person",
            node.name
        )));
    }
    node.last_contact = Some(on.unwrap_or_else(crate::model::today));
    if follow_up.is_some() {
        node.follow_up = follow_up;
        node.follow_up_note = note;
    }
    let node = store.update_node(node)?;
    writeln!(
        out,
        "{}",
        crate::words::fill(
            words.follow_up.recorded,
            &[
                &node.name,
                &node.last_contact.map(|d| words.date(d)).unwrap_or_default()
            ]
        )
    )
    .map_err(output_error)
}

/// `changes`: what changed between two days.
fn changes_command(
    db: &Wijk,
    since: crate::model::Date,
    until: Option<crate::model::Date>,
    ego: Option<String>,
    json: bool,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let until = until.unwrap_or_else(crate::model::today);
    if since >= until {
        return Err(Failure::User(format!(
            "--since {since} is not before --until {until}: what changed is asked from an \
             earlier day to a later one"
        )));
    }
    let store = db.open(OpenMode::ReadOnly)?;
    let (nodes, relations) = store.load()?;
    // Her name finds her on either day (she may have come or gone in between).
    let ego = match &ego {
        Some(query) => Some(
            resolve(&Network::new(&nodes, &relations, since), query)
                .or_else(|_| resolve(&Network::new(&nodes, &relations, until), query))?,
        ),
        None => None,
    };
    let edits = store.relation_edits()?;
    let mut found =
        crate::graph::changes::changes(&nodes, &relations, &edits, since, until, ego.as_deref());
    if ego.is_none() {
        crate::graph::changes::add_kenners_gone(&mut found, &nodes, &relations);
    }
    print_changes(&found, json, words, out)
}

/// `wijkweb changes --moment N`: her circle as frozen at moment N against the wijk of
/// `until` (today unless given).
fn changes_since_moment(
    db: &Wijk,
    number: i64,
    until: Option<crate::model::Date>,
    json: bool,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let Some(moment) = store.moment(number)? else {
        return Err(Failure::User(format!(
            "there is no moment {number}: `wijkweb moments NODE` lists a resident's moments"
        )));
    };
    let until = until.unwrap_or_else(crate::model::today);
    if until < moment.day {
        return Err(Failure::User(format!(
            "--until {until} is before moment {number} ({}): what changed is asked from the \
             moment to a later day",
            moment.day
        )));
    }
    let (nodes, relations) = store.load()?;
    let found = crate::graph::changes::since_moment(&nodes, &relations, &moment, until);
    print_changes(&found, json, words, out)
}

/// What changed, as JSON or as the lines a person reads.
fn print_changes(
    found: &crate::graph::changes::Changes,
    json: bool,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if json {
        return print_json(out, found);
    }
    let w = &words.changes;
    let day = |d: Option<crate::model::Date>| d.map(|d| words.date(d)).unwrap_or_default();
    writeln!(
        out,
        "{}",
        crate::words::fill(w.title, &[&day(found.since), &day(found.until)])
    )
    .map_err(output_error)?;
    let lines = words.change_lines(found);
    if lines.is_empty() {
        writeln!(out, "{}", w.nothing).map_err(output_error)?;
    }
    for line in lines {
        writeln!(out, "  {line}").map_err(output_error)?;
    }
    Ok(())
}

/// Loads the network of a database on `day` for analysis.
fn load_network(db: &Wijk, day: crate::model::Date) -> Result<Network, Failure> {
    network_on(&db.open(OpenMode::ReadOnly)?, day)
}

/// The current network of an open store: for a command that writes after it has named
/// its node, so the file is opened once (an encrypted one pays its key derivation once).
fn network_of(store: &Store) -> Result<Network, Failure> {
    network_on(store, crate::model::today())
}

/// The network of an open store on `day`: who was there, and what held.
fn network_on(store: &Store, day: crate::model::Date) -> Result<Network, Failure> {
    let (nodes, relations) = store.load()?;
    Ok(Network::new(&nodes, &relations, day))
}

/// A node named on the command line: its id, or its name when that is unique. An unknown
/// or ambiguous name is the user's error, with the candidates listed.
fn resolve(network: &Network, query: &str) -> Result<String, Failure> {
    let found = network.find(query);
    let describe = |i: &petgraph::stable_graph::NodeIndex| {
        network.info(*i).map_or_else(String::new, |n| {
            format!("{} ({}, {})", n.id, n.name, n.kind.dutch())
        })
    };
    match found.as_slice() {
        [one] => Ok(network
            .info(*one)
            .map(|n| n.id.to_string())
            .unwrap_or_default()),
        [] => {
            let wanted = query.trim().to_lowercase();
            let mut close: Vec<String> = network
                .graph()
                .node_indices()
                .filter(|i| network.graph()[*i].name.to_lowercase().contains(&wanted))
                .map(|i| describe(&i))
                .collect();
            close.sort();
            close.truncate(8);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean: {}", close.join(", "))
            };
            Err(Failure::User(format!(
                "no node with id or name '{query}'{hint}"
            )))
        }
        many => Err(Failure::User(format!(
            "'{query}' is ambiguous: it names {} nodes: {}; give the id instead",
            many.len(),
            many.iter().map(describe).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    // A reader that stops early (`| head`) is no internal error.
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => output_error(std::io::Error::from(kind)),
        None => Failure::Internal(e.to_string()),
    })?;
    writeln!(out).map_err(output_error)
}

fn print_stats(out: &mut dyn Write, stats: &Stats) -> Result<(), Failure> {
    writeln!(
        out,
        "nodes: {} (persons {}, organisations {}, initiatives {})\nrelations: {}",
        stats.nodes, stats.persons, stats.organisations, stats.initiatives, stats.relations
    )
    .map_err(output_error)
}

fn import(
    db: &Wijk,
    inputs: &[PathBuf],
    options: &crate::records::ImportOptions,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    // Parse everything before the database is touched: a bad file never opens it.
    let batch = exchange::read_inputs_with(inputs, options)?;
    let mut store = db.open(OpenMode::CreateIfMissing)?;
    let report = store.import(batch)?;
    store.backup_if_due()?;
    if json {
        return print_json(out, &report);
    }
    writeln!(
        out,
        "imported into {}: {} nodes added, {} updated, {} unchanged; {} relations added, {} updated, {} unchanged",
        db.display(),
        report.nodes_added,
        report.nodes_updated,
        report.nodes_unchanged,
        report.relations_added,
        report.relations_updated,
        report.relations_unchanged
    )
    .map_err(output_error)?;
    for duplicate in &report.duplicate_names {
        writeln!(
            out,
            "note: '{}' is the name of {} rows ({}): each became its own node; merge them if they are one",
            duplicate.name,
            duplicate.at.len(),
            duplicate.places_shown()
        )
        .map_err(output_error)?;
    }
    Ok(())
}

/// `--generate KIND`: what a package installs beside the binary, printed to `out`.
fn generated(kind: &str, out: &mut dyn Write) -> Result<(), Failure> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    let shell = |name: &str| match name {
        "bash" => Some(clap_complete::Shell::Bash),
        "zsh" => Some(clap_complete::Shell::Zsh),
        "fish" => Some(clap_complete::Shell::Fish),
        "powershell" => Some(clap_complete::Shell::PowerShell),
        "elvish" => Some(clap_complete::Shell::Elvish),
        _ => None,
    };
    if kind == "man" {
        clap_mangen::Man::new(command)
            .render(&mut bytes)
            .map_err(output_error)?;
    } else if let Some(shell) = kind.strip_prefix("complete-").and_then(shell) {
        clap_complete::generate(shell, &mut command, "wijkweb", &mut bytes);
    } else if kind == "icon-svg" {
        bytes = crate::exchange::picture::ICON_SVG.as_bytes().to_vec();
    } else if let Some(size) = kind
        .strip_prefix("icon-")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| (8..=1024).contains(n) && n % 8 == 0)
    {
        bytes = crate::exchange::picture::icon_png(size)
            .map_err(|e| Failure::Internal(e.to_string()))?;
    } else {
        return Err(Failure::User(format!(
            "--generate {kind}: give man, complete-bash, complete-zsh, complete-fish, \
             complete-powershell, complete-elvish, icon-svg or icon-N (N a multiple of 8 \
             from 8 to 1024)"
        )));
    }
    // Straight to stdout: a PNG's bytes must not pass the terminal filter.
    out.flush().map_err(output_error)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&bytes).map_err(output_error)?;
    stdout.flush().map_err(output_error)
}

/// Whether a desktop session to open a window on is there. On Linux and the BSDs that is
/// an X11 or Wayland display (a terminal over ssh has none); Windows and macOS always have
/// their desktop and set neither variable, so there the window opens.
fn has_display() -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        true
    }
}

/// Without a subcommand and without a desktop (a terminal over ssh, a script): make sure
/// the default wijk exists (the demo on a first run) and say what it holds.
fn summary(db: Option<PathBuf>, out: &mut dyn Write) -> Result<(), Failure> {
    let is_default = db.is_none();
    let path = db_or_default(db)?;
    let store = if is_default && !path.exists() {
        if let Some(dir) = path.parent() {
            crate::store::files::private_dir(dir).map_err(|e| {
                Failure::User(format!(
                    "{}: cannot make the data folder: {e}",
                    dir.display()
                ))
            })?;
        }
        let key = Wijk::new(path.clone(), false)?.key;
        let (store, report) = crate::demo::create_keyed(&path, key.as_ref())?;
        writeln!(
            out,
            "First run: created a demo wijk ({} nodes, {} relations) in {}.\nIt is invented; import your own wijk with `wijkweb import --db FILE nodes.csv relations.csv`.\n",
            report.nodes_added,
            report.relations_added,
            path.display()
        )
        .map_err(output_error)?;
        store
    } else {
        Wijk::new(path.clone(), false)?.open(OpenMode::ReadOnly)?
    };
    writeln!(out, "wijk: {}", path.display()).map_err(output_error)?;
    print_stats(out, &store.stats()?)?;
    writeln!(
        out,
        "\nNo desktop display found, so the app did not open. Commands: import, export, stats, check, kenners, path, ego, risks, needs, layout, backup, restore (see `wijkweb --help`)."
    )
    .map_err(output_error)
}
