//! Network snapshots: the whole wijk or one person's ego network, in any export format,
//! pseudonymised on request, and recorded in the audit log. The command line and the app
//! call [`export`].

use std::collections::HashMap;
use std::path::PathBuf;

use super::picture::{self, ColourBy, PictureOptions};
use super::{ExportFormat, csv, gexf, graphml, json, write_atomically};
use crate::error::StoreError;
use crate::graph::Network;
use crate::graph::communities::{community_of, rank_by_size};
use crate::layout::rings::{RingMode, ego_rings, ring_radii};
use crate::layout::{ForceSettings, Start, layout, layout_graph};
use crate::model::{Node, NodeId, NodeKind, Relation, today};
use crate::privacy::{PseudonymOptions, pseudonymise};
use crate::store::Store;
use crate::store::privacy::ExportRecord;

/// What to export and how.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The format.
    pub format: ExportFormat,
    /// The file (or folder, for CSV).
    pub out: PathBuf,
    /// Only this node's network (by id)...
    pub ego: Option<String>,
    /// ...to this many steps.
    pub depth: usize,
    /// Replace persons by pseudonyms.
    pub pseudonymise: bool,
    /// With `pseudonymise`: persons with written consent keep their names.
    pub keep_consented: bool,
    /// A lossless JSON snapshot for the makelaar's own safekeeping: nothing pseudonymised,
    /// not even a withdrawn person (whose data she still holds), and said so in the file.
    pub backup: bool,
    /// Picture size in pixels (PNG, SVG); the PDF is one A4 page.
    pub width: u32,
    /// Picture height.
    pub height: u32,
    /// What colours mean in pictures.
    pub colour_by: ColourBy,
    /// CSV for Dutch Excel: BOM, `;`, `\r\n`.
    pub excel: bool,
    /// The language of a picture's title, legend and sectors.
    pub language: crate::words::Language,
    /// A casus pack of the `ego` (PDF: the circle and the betrokkenen; SVG: the circle
    /// page), instead of a picture: its scheme and header. It never overwrites a file.
    pub casus: Option<super::casus::CasusOptions>,
    /// The wijk as it was on this day (none: today): only the nodes there then and the
    /// relations that held.
    pub as_of: Option<crate::model::Date>,
    /// What the summary and the audit log name as the destination instead of `out`, when
    /// `out` is a scratch file on its way elsewhere (`-`: standard output).
    pub shown_as: Option<String>,
    /// GraphML and GEXF: keep the relations that have ended (marked `ended`, with their
    /// dates), which are left out otherwise.
    pub with_ended: bool,
    /// PDF: the organisation it is made for, as its author.
    pub organisation: Option<String>,
    /// The paper of a PDF (none: A4), or of an SVG to print (none: pixels).
    pub paper: Option<crate::records::Paper>,
    /// A PNG's resolution ([`picture::SCREEN_DPI`]: its pixels as given).
    pub dpi: u32,
}

pub use crate::store::privacy::ExportSummary;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The ego node is unknown.
    #[error("no node with id '{0}'")]
    UnknownNode(String),
    /// Drawing failed.
    #[error(transparent)]
    Picture(#[from] picture::PictureError),
    /// Writing failed.
    #[error("{path}: cannot write the export: {source}")]
    Write {
        /// The output.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// What an export holds: its nodes and relations, where a picture draws them, and what
/// colours and centres it.
struct Selection {
    /// The nodes.
    nodes: Vec<Node>,
    /// The relations among them.
    relations: Vec<Relation>,
    /// Where a picture draws each node (empty for a file format).
    positions: HashMap<NodeId, [f64; 2]>,
    /// A network circle's ring radii, and whether it marks the four sectors.
    rings: Option<(Vec<f64>, bool)>,
    /// A community per node, the largest groups first.
    groups: HashMap<NodeId, usize>,
    /// Each node's kenner score in the whole wijk (GraphML and GEXF only).
    kenner: HashMap<NodeId, f64>,
    /// The id of a network circle's centre.
    centre: Option<NodeId>,
    /// Its name (or pseudonym).
    centre_name: Option<String>,
    /// The makelaar's places in netwerkcirkels (a whole-wijk backup's only).
    circle_places: Vec<crate::model::CirclePlace>,
    /// Casus moments (a whole-wijk backup's only).
    moments: Vec<crate::model::casework::Moment>,
    /// Referrals (a whole-wijk backup's only).
    referrals: Vec<crate::model::casework::Referral>,
}

/// Exports as `options` says and records it in the audit log.
pub fn export(store: &mut Store, options: &ExportOptions) -> Result<ExportSummary, ExportError> {
    if let Some(casus) = &options.casus {
        return casus_export(store, options, casus.clone());
    }
    let (mut all_nodes, mut all_relations) = store.load()?;
    let today = options.as_of.unwrap_or_else(today);
    if options.as_of.is_some() {
        all_relations = crate::model::relations_on(&all_nodes, &all_relations, today)
            .cloned()
            .collect();
        all_nodes.retain(|n| n.present_on(today));
    }
    let network = Network::new(&all_nodes, &all_relations, today);
    let mut selection = match &options.ego {
        Some(id) => circle(&network, &all_nodes, &all_relations, id, options.depth)?,
        None => whole_wijk(&network, all_nodes, all_relations, options.format, today),
    };
    // Colours by community, the largest groups of what is drawn first.
    let community = community_of(&network, 1);
    selection.groups = rank_by_size(&community, selection.nodes.iter().map(|n| n.id.as_str()));
    if matches!(options.format, ExportFormat::Graphml | ExportFormat::Gexf) {
        // For other tools: each node's kenner score in the whole wijk, and (unless asked
        // for) no relation that has ended, which Gephi and networkx would count as live.
        selection.kenner = crate::graph::kenners::scores(&network);
        if !options.with_ended {
            selection
                .relations
                .retain(|r| r.until.is_none_or(|until| until > today));
        }
    }
    // A network circle holds a few persons besides its centre: its log entry marks each of
    // them, so that her inzage can say it held her (a whole-wijk export holds everyone).
    let held = options.ego.as_ref().map(|_| held_marks(&selection.nodes));
    // Withdrawn consent takes effect in every export, pseudonymised or not.
    let withdrawn = selection.nodes.iter().any(crate::privacy::has_withdrawn);
    if !options.backup && (options.pseudonymise || withdrawn) {
        selection = pseudonymised(selection, options);
    }
    if options.backup && options.ego.is_none() {
        selection.circle_places = store.all_circle_places()?;
        // Oldest first, as they were made: a restore numbers them in that order.
        selection.moments = store.all_moments()?;
        selection.moments.reverse();
        selection.referrals = store.referrals(None)?;
    }
    write_file(&selection, options, today)?;
    let Selection {
        nodes, relations, ..
    } = &selection;
    let summary = ExportSummary {
        format: options.format,
        out: options
            .shown_as
            .clone()
            .unwrap_or_else(|| options.out.display().to_string()),
        nodes: nodes.len(),
        relations: relations.len(),
        persons: nodes.iter().filter(|n| n.kind == NodeKind::Person).count(),
        pseudonymised: options.pseudonymise,
        ego: options.ego.clone(),
    };
    let (held_salt, held) = held.map_or((None, None), |(salt, marks)| (Some(salt), Some(marks)));
    store.log_export(&ExportRecord {
        summary: summary.clone(),
        held_salt,
        held,
    })?;
    Ok(summary)
}

/// Writes the casus pack of `options.ego` and logs it like any export.
fn casus_export(
    store: &mut Store,
    options: &ExportOptions,
    casus_options: super::casus::CasusOptions,
) -> Result<ExportSummary, ExportError> {
    let ego = options
        .ego
        .clone()
        .ok_or_else(|| ExportError::UnknownNode(String::new()))?;
    let (nodes, relations) = store.load()?;
    let today = today();
    let placed = store.circle_places(&ego, casus_options.scheme)?;
    let scheme = casus_options.scheme;
    let mut casus = super::casus::casus(
        &nodes,
        &relations,
        &ego,
        &placed,
        casus_options,
        options.pseudonymise,
        options.keep_consented,
        options.language,
        today,
    )
    .ok_or_else(|| ExportError::UnknownNode(ego.clone()))?;
    // Page 3, when she has an earlier moment: what changed since.
    if let Some(earlier) = store.moments_of(&ego)?.first() {
        let changes = crate::graph::changes::since_moment(&nodes, &relations, earlier, today);
        super::casus::add_changes(&mut casus, &changes, &nodes);
    }
    let pages = super::casus::pages(&casus);
    let (extension, bytes) = match options.format {
        ExportFormat::Svg => ("svg", pages[0].clone().into_bytes()),
        _ => ("pdf", super::casus::pdf(&casus, &pages)?),
    };
    let out = super::casus::free_name(&options.out, today, extension);
    write_atomically(&out, |w| std::io::Write::write_all(w, &bytes)).map_err(|source| {
        ExportError::Write {
            path: out.display().to_string(),
            source,
        }
    })?;
    let held_ids: Vec<Node> = nodes
        .iter()
        .filter(|n| n.id == ego || casus.betrokkenen.iter().any(|b| b.id == n.id))
        .cloned()
        .collect();
    let (held_salt, held) = held_marks(&held_ids);
    let summary = ExportSummary {
        format: if extension == "svg" {
            ExportFormat::Svg
        } else {
            ExportFormat::Pdf
        },
        out: options
            .shown_as
            .clone()
            .unwrap_or_else(|| out.display().to_string()),
        nodes: held_ids.len(),
        relations: casus.betrokkenen.len() + casus.between.len(),
        persons: held_ids
            .iter()
            .filter(|n| n.kind == NodeKind::Person)
            .count(),
        pseudonymised: options.pseudonymise,
        ego: Some(ego.clone()),
    };
    store.log_export(&ExportRecord {
        summary: summary.clone(),
        held_salt: Some(held_salt),
        held: Some(held),
    })?;
    // The circle as the pack drew it, kept as a casus moment: the next casusoverleg asks
    // what changed since.
    store.record_moment(&crate::layout::circle::freeze(
        scheme,
        &ego,
        &nodes,
        &relations,
        &placed,
        today,
        crate::model::casework::MomentSource::Casus,
    ))?;
    Ok(summary)
}

/// Node `id`'s network to `depth` steps, placed on its rings (by kind for one step, by
/// distance for more).
fn circle(
    network: &Network,
    all_nodes: &[Node],
    all_relations: &[Relation],
    id: &str,
    depth: usize,
) -> Result<Selection, ExportError> {
    let centre = network
        .index(id)
        .ok_or_else(|| ExportError::UnknownNode(id.to_owned()))?;
    let ego = network.ego(centre, depth);
    let (ids, relation_ids) = ego.ids(network);
    let mode = if depth <= 1 {
        RingMode::Kind
    } else {
        RingMode::Distance { depth }
    };
    let placed = ego_rings(network, centre, mode, 3.0);
    let positions = placed
        .iter()
        .filter_map(|p| Some((network.info(p.node)?.id.clone(), p.position)))
        .collect();
    let nodes: Vec<Node> = all_nodes
        .iter()
        .filter(|n| ids.contains(n.id.as_str()))
        .cloned()
        .collect();
    let centre_name = nodes.iter().find(|n| n.id == id).map(|n| n.name.clone());
    Ok(Selection {
        nodes,
        relations: all_relations
            .iter()
            .filter(|r| relation_ids.contains(r.id.as_str()))
            .cloned()
            .collect(),
        positions,
        rings: Some((ring_radii(&placed), mode == RingMode::Kind)),
        groups: HashMap::new(),
        kenner: HashMap::new(),
        centre: Some(id.into()),
        centre_name,
        circle_places: Vec::new(),
        moments: Vec::new(),
        referrals: Vec::new(),
    })
}

/// The whole wijk. A picture draws the map where everyone has a place, else a fresh
/// layout, and only the relations that hold today; a file holds every relation.
fn whole_wijk(
    network: &Network,
    all_nodes: Vec<Node>,
    all_relations: Vec<Relation>,
    format: ExportFormat,
    today: crate::model::Date,
) -> Selection {
    let picture_format = matches!(
        format,
        ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf
    );
    let mut positions: HashMap<NodeId, [f64; 2]> = HashMap::new();
    if picture_format {
        let stored: HashMap<NodeId, [f64; 2]> = all_nodes
            .iter()
            .filter_map(|n| Some((n.id.clone(), [n.x?, n.y?])))
            .collect();
        if stored.len() == all_nodes.len() {
            positions = stored;
        } else {
            let (order, graph) = layout_graph(network);
            let placed = layout(
                &graph,
                &Start::Fresh {
                    seed: crate::layout::SEED,
                },
                ForceSettings::default(),
                2_000,
            );
            for (i, p) in order.iter().zip(placed) {
                if let Some(n) = network.info(*i) {
                    positions.insert(n.id.clone(), p);
                }
            }
        }
    }
    let relations = if picture_format {
        all_relations
            .into_iter()
            .filter(|r| r.is_current(today))
            .collect()
    } else {
        all_relations
    };
    Selection {
        nodes: all_nodes,
        relations,
        positions,
        rings: None,
        groups: HashMap::new(),
        kenner: HashMap::new(),
        centre: None,
        centre_name: None,
        circle_places: Vec::new(),
        moments: Vec::new(),
        referrals: Vec::new(),
    }
}

/// A fresh salt and the mark of each person among `nodes` under it.
fn held_marks(nodes: &[Node]) -> (String, Vec<String>) {
    let salt = uuid::Uuid::new_v4().simple().to_string();
    let marks = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| crate::store::privacy::held_mark(&salt, &n.id))
        .collect();
    (salt, marks)
}

/// The selection with its persons pseudonymised as `options` says (or only those who
/// withdrew consent), its places, groups and centre following each to her new id.
fn pseudonymised(selection: Selection, options: &ExportOptions) -> Selection {
    let made = pseudonymise(
        &selection.nodes,
        &selection.relations,
        PseudonymOptions {
            keep_consented: options.keep_consented,
            only_withdrawn: !options.pseudonymise,
        },
        options.ego.as_deref(),
    );
    // By where each pseudonymised node came from: the order is a fresh one.
    let renamed: HashMap<&str, &Node> = made
        .from
        .iter()
        .map(|&k| selection.nodes[k].id.as_str())
        .zip(&made.nodes)
        .collect();
    let follow = |id: &str| renamed.get(id).map(|n| n.id.clone());
    let centre = selection.centre.as_deref().and_then(|id| renamed.get(id));
    Selection {
        positions: selection
            .positions
            .iter()
            .filter_map(|(id, p)| Some((follow(id)?, *p)))
            .collect(),
        groups: selection
            .groups
            .iter()
            .filter_map(|(id, g)| Some((follow(id)?, *g)))
            .collect(),
        kenner: selection
            .kenner
            .iter()
            .filter_map(|(id, k)| Some((follow(id)?, *k)))
            .collect(),
        centre: centre.map(|n| n.id.clone()),
        centre_name: centre.map(|n| n.name.clone()),
        circle_places: Vec::new(),
        moments: Vec::new(),
        referrals: Vec::new(),
        rings: selection.rings.clone(),
        nodes: made.nodes.clone(),
        relations: made.relations.clone(),
    }
}

/// Writes the selection to `options.out` in its format.
fn write_file(
    selection: &Selection,
    options: &ExportOptions,
    today: crate::model::Date,
) -> Result<(), ExportError> {
    let Selection {
        nodes,
        relations,
        positions,
        ..
    } = selection;
    let io = |source| ExportError::Write {
        path: options.out.display().to_string(),
        source,
    };
    let date = today.to_string();
    let shown = graphml::Shown {
        groups: &selection.groups,
        kenner: &selection.kenner,
        day: today,
    };
    let picture = |physical, width, height| {
        picture_options(selection, options, &date, physical, width, height)
    };
    match options.format {
        ExportFormat::Json => write_atomically(&options.out, |w| {
            let purpose = if options.backup {
                json::Purpose::Backup
            } else if options.pseudonymise {
                json::Purpose::Sharing
            } else {
                json::Purpose::Export
            };
            let casework = json::Casework {
                circle_places: &selection.circle_places,
                moments: &selection.moments,
                referrals: &selection.referrals,
            };
            json::write_snapshot_with(w, nodes, relations, Some(purpose), casework)
        })
        .map_err(io)?,
        ExportFormat::Csv => csv::write_pair(
            &options.out,
            nodes,
            relations,
            csv::CsvStyle {
                excel: options.excel,
            },
        )
        .map_err(io)?,
        ExportFormat::Graphml => {
            write_atomically(&options.out, |w| graphml::write(w, nodes, relations, shown))
                .map_err(io)?
        }
        ExportFormat::Xlsx => super::sheet::write(&options.out, nodes, relations).map_err(io)?,
        ExportFormat::Gexf => write_atomically(&options.out, |w| {
            gexf::write(w, nodes, relations, &date, shown)
        })
        .map_err(io)?,
        ExportFormat::Svg => {
            let drawn = match options.paper {
                Some(paper) => {
                    let (physical, width, height) = on_paper(paper);
                    picture(Some(physical), width, height)
                }
                None => picture(None, options.width, options.height),
            };
            let svg = picture::svg(nodes, relations, positions, &drawn);
            write_atomically(&options.out, |w| {
                std::io::Write::write_all(w, svg.as_bytes())
            })
            .map_err(io)?;
        }
        ExportFormat::Png => {
            let svg = picture::svg(
                nodes,
                relations,
                positions,
                &picture(None, options.width, options.height),
            );
            let png = picture::png(&svg, options.dpi)?;
            write_atomically(&options.out, |w| std::io::Write::write_all(w, &png)).map_err(io)?;
        }
        ExportFormat::Pdf => {
            // One page, landscape: A4 (297 x 210 mm) drawn on 1600 x 1131 units, a larger
            // paper the same drawing larger (a poster is read from further away).
            let (physical, width, height) = on_paper(options.paper.unwrap_or_default());
            let drawn = picture(Some(physical), width, height);
            let svg = picture::svg(nodes, relations, positions, &drawn);
            let info = picture::PdfInfo {
                title: drawn.title.clone(),
                author: options.organisation.clone(),
                day: today,
                language: options.language,
            };
            let pdf = picture::pdf(&svg, &info)?;
            write_atomically(&options.out, |w| std::io::Write::write_all(w, &pdf)).map_err(io)?;
        }
    }
    Ok(())
}

/// A picture on `paper`: its physical size, and the 1600 units wide it is drawn on.
fn on_paper(paper: crate::records::Paper) -> ((String, String), u32, u32) {
    let (w, h) = paper.millimetres();
    let height = (1600.0 * f64::from(h) / f64::from(w)).round() as u32;
    ((format!("{w}mm"), format!("{h}mm")), 1600, height)
}

/// A picture's title (whose network), the line under it (wijk, date, counts,
/// pseudonymised) and what its colours mean.
fn picture_options(
    selection: &Selection,
    options: &ExportOptions,
    date: &str,
    physical: Option<(String, String)>,
    width: u32,
    height: u32,
) -> PictureOptions {
    let Selection {
        nodes,
        relations,
        centre_name,
        ..
    } = selection;
    let wijk = most_common_wijk(nodes);
    let words = options.language.words();
    PictureOptions {
        width,
        height,
        title: match centre_name {
            Some(name) => crate::words::fill(words.network_of, &[name]),
            None => crate::words::fill(
                words.network_of,
                &[wijk.as_deref().unwrap_or(words.the_wijk)],
            ),
        },
        subtitle: [
            wijk.as_ref().map(|w| format!("wijk {w}")),
            Some(date.to_owned()),
            Some(words.picture_counts(nodes.len(), relations.len())),
            options.pseudonymise.then(|| words.pseudonymised.to_owned()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        colour_by: options.colour_by,
        groups: selection.groups.clone(),
        centre: selection.centre.clone(),
        physical,
        rings: selection.rings.clone(),
        words,
    }
}

/// The wijk most nodes belong to.
fn most_common_wijk(nodes: &[Node]) -> Option<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for n in nodes {
        if let Some(w) = &n.wijk {
            *count.entry(w.as_str()).or_default() += 1;
        }
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(w, _)| w.to_owned())
}
