//! An import's rows as read from a file, before the store applies them: model values with
//! the fields the file had and where each row was. The formats in `exchange` fill an
//! [`ImportBatch`]; `Store::import` applies it in one transaction. Also the formats an
//! export writes, which the store's log records.

use crate::error::Location;
use crate::model::{Node, Relation};

/// A field of a node that an input may or may not carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeField {
    /// `kind`
    Kind,
    /// `wijk`
    Wijk,
    /// `role`
    Role,
    /// `tags`
    Tags,
    /// `offers`
    Offers,
    /// `needs`
    Needs,
    /// `contact`
    Contact,
    /// `notes`
    Notes,
    /// `consent`
    Consent,
    /// `x` and `y`
    Position,
    /// `pinned`
    Pinned,
    /// `sensitive`
    Sensitive,
    /// `created_at`
    CreatedAt,
    /// `updated_at`
    UpdatedAt,
    /// `since`
    Since,
    /// `until`
    Until,
    /// `until_reason`
    UntilReason,
    /// `last_contact`
    LastContact,
    /// `follow_up`
    FollowUp,
    /// `follow_up_note`
    FollowUpNote,
}

/// A field of a relation that an input may or may not carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationField {
    /// `kind`
    Kind,
    /// `strength`
    Strength,
    /// `since`
    Since,
    /// `until`
    Until,
    /// `notes`
    Notes,
    /// `quality`
    Quality,
    /// `support`
    Support,
    /// `confirmed`
    Confirmed,
    /// `support_direction`
    SupportDirection,
    /// `weight` (another tool's)
    Weight,
}

/// A node read from an input, with the fields the input had and where it was.
#[derive(Clone, Debug)]
pub struct NodeRecord {
    /// The node, absent fields at their defaults. Without an id in the input (a list of
    /// names from a spreadsheet) it has a fresh random one, which the import replaces by
    /// the id of the one node of the wijk with the same name, if there is one.
    pub node: Node,
    /// Whether the input gave the id.
    pub has_id: bool,
    /// Bit set of the [`NodeField`]s the input had.
    pub present: u32,
    /// File and line.
    pub location: Location,
}

impl NodeRecord {
    /// Whether the input had `field`.
    pub fn has(&self, field: NodeField) -> bool {
        self.present & (1 << field as u32) != 0
    }

    /// Marks `field` as present.
    pub fn set(&mut self, field: NodeField) {
        self.present |= 1 << field as u32;
    }
}

/// A relation read from an input, with the fields it had and where it was.
#[derive(Clone, Debug)]
pub struct RelationRecord {
    /// The relation; its id is empty when the input had none (the import gives it one).
    pub relation: Relation,
    /// Whether the input gave the id.
    pub has_id: bool,
    /// Bit set of the [`RelationField`]s the input had.
    pub present: u32,
    /// Whether the input does not know which end comes first (an undirected graph that
    /// another tool wrote back, which may have swapped them): a `refers_to` read so
    /// matches the stored one either way round and keeps its direction.
    pub unordered: bool,
    /// Whether another tool wrote it (a graph file): its id is then only a hint (Gephi
    /// numbers edges 0, 1, 2 in every file), trusted for a stored relation with the same
    /// ends; otherwise it is matched by its ends and kind, or added with a fresh id.
    pub foreign: bool,
    /// File and line.
    pub location: Location,
}

impl RelationRecord {
    /// Whether the input had `field`.
    pub fn has(&self, field: RelationField) -> bool {
        self.present & (1 << field as u32) != 0
    }

    /// Marks `field` as present.
    pub fn set(&mut self, field: RelationField) {
        self.present |= 1 << field as u32;
    }
}

/// Everything one import brings, from one or more files.
#[derive(Clone, Debug, Default)]
pub struct ImportBatch {
    /// The files, for the audit log.
    pub files: Vec<String>,
    /// Nodes in file order.
    pub nodes: Vec<NodeRecord>,
    /// Relations in file order.
    pub relations: Vec<RelationRecord>,
    /// The makelaar's places in netwerkcirkels (a backup snapshot's), in file order.
    pub circle_places: Vec<CirclePlaceRecord>,
    /// Casus moments (a backup snapshot's), in file order.
    pub moments: Vec<MomentRecord>,
    /// Referrals (a backup snapshot's), in file order.
    pub referrals: Vec<ReferralRecord>,
    /// A plain edge list: the import holds relations from tables and no nodes at all, so
    /// an end that is no node of the wijk (by id or name) becomes a person of that name.
    pub make_ends: bool,
}

/// A casus moment read from a backup snapshot (its number is the wijk's to give).
#[derive(Clone, Debug)]
pub struct MomentRecord {
    /// The moment.
    pub moment: crate::model::casework::Moment,
    /// File and line.
    pub location: Location,
}

/// A referral read from a backup snapshot.
#[derive(Clone, Debug)]
pub struct ReferralRecord {
    /// The referral.
    pub referral: crate::model::casework::Referral,
    /// File and line.
    pub location: Location,
}

/// A contact's place in a resident's netwerkcirkel, read from an input.
#[derive(Clone, Debug)]
pub struct CirclePlaceRecord {
    /// The resident.
    pub ego: crate::model::NodeId,
    /// The contact.
    pub contact: crate::model::NodeId,
    /// The scheme.
    pub scheme: crate::model::Scheme,
    /// Her place.
    pub place: crate::model::Place,
    /// File and line.
    pub location: Location,
}

/// How an import reads what a graph file (GraphML, GEXF) says that the model has no
/// place for (direction on relations of no kind, weights of any range), what a date like
/// 3/1/2024 means, and which column of a sheet becomes which field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOptions {
    /// What a directed edge without a kind becomes; none: such a file is refused with a
    /// question (the app asks, the command line names `--directed`).
    pub directed: Option<Directed>,
    /// How weights map onto strength 1-3.
    pub weights: WeightRule,
    /// Which comes first in a date like `3/1/2024`; none: such a date is refused (a date
    /// that reads only one way is read).
    pub date_order: Option<crate::model::DateOrder>,
    /// A sheet's columns as she mapped them, by header (trimmed, lowercase): the field it
    /// becomes, or `None` to leave the column out. Headers not in it are read as usual.
    pub columns: std::collections::BTreeMap<String, Option<String>>,
}

/// The columns of one table in an input (a CSV file or one sheet of a workbook), and
/// what each becomes: what the import dialog shows before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableColumns {
    /// The file, with its sheet (`wijk.xlsx [Relaties]`).
    pub file: String,
    /// A table of relations (else of nodes).
    pub relations: bool,
    /// Each header as the file has it, and the field it becomes (none: left out, or a
    /// column no field takes, which the import refuses unless mapped or left out).
    pub columns: Vec<(String, ColumnUse)>,
}

/// What a sheet's column becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnUse {
    /// This field (`name`, `contact`, `source`...).
    Field(String),
    /// Read past on purpose: she left it out, or another tool's bookkeeping.
    Left,
    /// No field of this table: refused unless she maps it or leaves it out.
    Unknown,
}

/// What a directed edge of another tool becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directed {
    /// A referral (`refers_to`, the one directed kind), from source to target.
    RefersTo,
    /// A relation as any other (`knows`): the direction is not kept.
    Ignore,
}

impl std::str::FromStr for Directed {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "refers_to" | "doorverwijzing" => Ok(Self::RefersTo),
            "ignore" | "negeren" => Ok(Self::Ignore),
            other => Err(format!("'{other}' is neither refers_to nor ignore")),
        }
    }
}

/// How the weights of a graph file map onto strength 1-3 (DESIGN §4.5).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum WeightRule {
    /// By rank: each weight placed at the middle of its ranks among the file's weights,
    /// over the last rank (0 to 1); below a third weak, above two thirds strong, between
    /// normal. All equal (or only one): normal.
    #[default]
    Terciles,
    /// A weight up to `weak` is weak, from `strong` on strong, between normal.
    Thresholds {
        /// The highest weak weight.
        weak: f64,
        /// The lowest strong weight.
        strong: f64,
    },
}

impl std::str::FromStr for WeightRule {
    type Err = String;
    /// `terciles`, or two thresholds `A,B` with A below B.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "terciles" {
            return Ok(Self::Terciles);
        }
        let bad = || format!("'{s}' is neither 'terciles' nor two numbers A,B with A below B");
        let (a, b) = s.split_once(',').ok_or_else(bad)?;
        let (weak, strong): (f64, f64) = (
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        );
        if weak.is_finite() && strong.is_finite() && weak < strong {
            Ok(Self::Thresholds { weak, strong })
        } else {
            Err(bad())
        }
    }
}

/// The formats `wijkweb export` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The lossless JSON snapshot.
    #[default]
    Json,
    /// `nodes.csv` and `relations.csv` in the folder given.
    Csv,
    /// GraphML (Gephi, Cytoscape, networkx).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// An Excel workbook: nodes and relations, one sheet each.
    Xlsx,
    /// A picture as SVG.
    Svg,
    /// A picture as PNG.
    Png,
    /// A picture as a one-page A4 PDF.
    Pdf,
}

/// A paper size for a picture to print: landscape, each the last halved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// 297 x 210 mm: a casusoverleg's handout.
    #[default]
    A4,
    /// 420 x 297 mm.
    A3,
    /// 1189 x 841 mm: a poster for a bewonersavond.
    A0,
}

impl Paper {
    /// Width and height in millimetres, landscape.
    pub const fn millimetres(self) -> (u32, u32) {
        match self {
            Self::A4 => (297, 210),
            Self::A3 => (420, 297),
            Self::A0 => (1189, 841),
        }
    }

    /// Its name on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::A3 => "a3",
            Self::A0 => "a0",
        }
    }
}

impl ExportFormat {
    /// Its name on the command line and in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Graphml => "graphml",
            Self::Gexf => "gexf",
            Self::Xlsx => "xlsx",
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }
}
