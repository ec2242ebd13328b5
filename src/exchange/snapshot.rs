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
use crate::model::{Node, NodeKind, Relation, today};
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

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "json",
        ExportFormat::Csv => "csv",
        ExportFormat::Graphml => "graphml",
        ExportFormat::Gexf => "gexf",
        ExportFormat::Svg => "svg",
        ExportFormat::Png => "png",
        ExportFormat::Pdf => "pdf",
    }
}

/// Exports as `options` says and records it in the audit log.
pub fn export(store: &mut Store, options: &ExportOptions) -> Result<ExportSummary, ExportError> {
    let (all_nodes, all_relations) = store.load()?;
    let today = today();
    let network = Network::new(&all_nodes, &all_relations, today);
    let picture_format = matches!(
        options.format,
        ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf
    );

    // Which nodes and relations, and where they are drawn.
    let mut positions: HashMap<String, [f64; 2]> = HashMap::new();
    let mut rings: Option<(Vec<f64>, bool)> = None;
    let (nodes, relations): (Vec<Node>, Vec<Relation>) = match &options.ego {
        Some(id) => {
            let centre = network
                .index(id)
                .ok_or_else(|| ExportError::UnknownNode(id.clone()))?;
            let ego = network.ego(centre, options.depth);
            let (ids, relation_ids) = ego.ids(&network);
            let mode = if options.depth <= 1 {
                RingMode::Kind
            } else {
                RingMode::Distance {
                    depth: options.depth,
                }
            };
            let placed = ego_rings(&network, centre, mode, 3.0);
            for p in &placed {
                if let Some(n) = network.info(p.node) {
                    positions.insert(n.id.clone(), p.position);
                }
            }
            rings = Some((ring_radii(&placed), mode == RingMode::Kind));
            (
                all_nodes
                    .iter()
                    .filter(|n| ids.contains(n.id.as_str()))
                    .cloned()
                    .collect(),
                all_relations
                    .iter()
                    .filter(|r| relation_ids.contains(r.id.as_str()))
                    .cloned()
                    .collect(),
            )
        }
        None => {
            if picture_format {
                let stored: HashMap<String, [f64; 2]> = all_nodes
                    .iter()
                    .filter_map(|n| Some((n.id.clone(), [n.x?, n.y?])))
                    .collect();
                if stored.len() == all_nodes.len() {
                    positions = stored;
                } else {
                    let (order, graph) = layout_graph(&network);
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
                    .iter()
                    .filter(|r| r.is_current(today))
                    .cloned()
                    .collect()
            } else {
                all_relations.clone()
            };
            (all_nodes.clone(), relations)
        }
    };

    // Colours by community, the largest groups of what is drawn first.
    let community = community_of(&network, 1);
    let mut groups = rank_by_size(&community, nodes.iter().map(|n| n.id.as_str()));

    let centre_name = options
        .ego
        .as_ref()
        .and_then(|id| nodes.iter().find(|n| &n.id == id))
        .map(|n| n.name.clone());
    // A network circle holds a few persons besides its centre: its log entry marks each of
    // them, so that her inzage can say it held her (a whole-wijk export holds everyone).
    let held = options.ego.as_ref().map(|_| {
        let salt = uuid::Uuid::new_v4().simple().to_string();
        let marks: Vec<String> = nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Person)
            .map(|n| crate::store::privacy::held_mark(&salt, &n.id))
            .collect();
        (salt, marks)
    });
    // Withdrawn consent takes effect in every export, pseudonymised or not.
    let withdrawn = nodes.iter().any(crate::privacy::has_withdrawn);
    let (nodes, relations, centre, centre_name) =
        if !options.backup && (options.pseudonymise || withdrawn) {
            let made = pseudonymise(
                &nodes,
                &relations,
                PseudonymOptions {
                    keep_consented: options.keep_consented,
                    only_withdrawn: !options.pseudonymise,
                },
                options.ego.as_deref(),
            );
            let pn = &made.nodes;
            // By where each pseudonymised node came from: the order is a fresh one.
            let renamed: HashMap<&str, &Node> = made
                .from
                .iter()
                .map(|&k| nodes[k].id.as_str())
                .zip(pn)
                .collect();
            positions = positions
                .into_iter()
                .filter_map(|(id, p)| Some((renamed.get(id.as_str())?.id.clone(), p)))
                .collect();
            groups = groups
                .into_iter()
                .filter_map(|(id, g)| Some((renamed.get(id.as_str())?.id.clone(), g)))
                .collect();
            let centre = options
                .ego
                .as_deref()
                .and_then(|id| renamed.get(id))
                .map(|n| (n.id.clone(), n.name.clone()));
            (
                made.nodes.clone(),
                made.relations.clone(),
                centre.as_ref().map(|c| c.0.clone()),
                centre.map(|c| c.1),
            )
        } else {
            (nodes, relations, options.ego.clone(), centre_name)
        };

    let path = options.out.display().to_string();
    let io = |source| ExportError::Write {
        path: path.clone(),
        source,
    };
    let wijk = most_common_wijk(&nodes);
    let date = today.to_string();
    let words = options.language.words();
    let picture_options =
        |physical: Option<(String, String)>, width: u32, height: u32| PictureOptions {
            width,
            height,
            title: match &centre_name {
                Some(name) => crate::words::fill(words.network_of, &[name]),
                None => crate::words::fill(
                    words.network_of,
                    &[wijk.as_deref().unwrap_or(words.the_wijk)],
                ),
            },
            subtitle: [
                wijk.as_ref().map(|w| format!("wijk {w}")),
                Some(date.clone()),
                Some(words.picture_counts(nodes.len(), relations.len())),
                options.pseudonymise.then(|| words.pseudonymised.to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            colour_by: options.colour_by,
            groups: groups.clone(),
            centre: centre.clone(),
            physical,
            rings: rings.clone(),
            words,
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
            json::write_snapshot_for(w, &nodes, &relations, Some(purpose))
        })
        .map_err(io)?,
        ExportFormat::Csv => csv::write_pair(
            &options.out,
            &nodes,
            &relations,
            csv::CsvStyle {
                excel: options.excel,
            },
        )
        .map_err(io)?,
        ExportFormat::Graphml => {
            write_atomically(&options.out, |w| graphml::write(w, &nodes, &relations)).map_err(io)?
        }
        ExportFormat::Gexf => {
            write_atomically(&options.out, |w| gexf::write(w, &nodes, &relations, &date))
                .map_err(io)?
        }
        ExportFormat::Svg => {
            let svg = picture::svg(
                &nodes,
                &relations,
                &positions,
                &picture_options(None, options.width, options.height),
            );
            write_atomically(&options.out, |w| {
                std::io::Write::write_all(w, svg.as_bytes())
            })
            .map_err(io)?;
        }
        ExportFormat::Png => {
            let svg = picture::svg(
                &nodes,
                &relations,
                &positions,
                &picture_options(None, options.width, options.height),
            );
            let png = picture::png(&svg)?;
            write_atomically(&options.out, |w| std::io::Write::write_all(w, &png)).map_err(io)?;
        }
        ExportFormat::Pdf => {
            // One A4 page, landscape: 297 x 210 mm drawn on 1600 x 1131 units.
            let a4 = Some(("297mm".to_owned(), "210mm".to_owned()));
            let svg = picture::svg(
                &nodes,
                &relations,
                &positions,
                &picture_options(a4, 1600, 1131),
            );
            let pdf = picture::pdf(&svg)?;
            write_atomically(&options.out, |w| std::io::Write::write_all(w, &pdf)).map_err(io)?;
        }
    }
    let summary = ExportSummary {
        format: format_name(options.format).to_owned(),
        out: path.clone(),
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
