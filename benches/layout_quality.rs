//! Layout speed and quality against Graphviz sfdp and graphology's ForceAtlas2 (LinLog),
//! on the same graphs in one run (issue 22). Driven by `benches/compare_layout.sh`:
//!
//! 1. `cargo bench --bench layout_quality -- write DIR` writes each graph as an edge list
//!    (`DIR/NAME.edges`, nodes numbered as the layout numbers them);
//! 2. the script lays each out with sfdp and ForceAtlas2, timing them, into
//!    `DIR/NAME.sfdp` and `DIR/NAME.fa2` (`i x y` per line) and `DIR/NAME.times`;
//! 3. `cargo bench --bench layout_quality -- measure DIR` lays each out with ours (a fresh
//!    layout to rest, packed, as `wijkweb layout --fresh` does), times it, and prints one
//!    table: time and ratio to sfdp, and per layout the community silhouette, crossings
//!    per relation, overlaps, aspect and stress (`wijkweb::layout::quality`).
//!
//! Graphs: the demo wijk, the four real networks in tests/fixtures, and Barabási-Albert
//! graphs (m = 3, seed 1) of 1k, 5k, 10k and 50k nodes (`--max N` leaves out larger ones).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use wijkweb::graph::Network;
use wijkweb::graph::communities::louvain;
use wijkweb::layout::quality::{Quality, measure};
use wijkweb::layout::{ForceSettings, LayoutGraph, Start, layout, layout_graph};
use wijkweb::model::today;

fn from_snapshot(text: &str) -> Network {
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("graph", text.as_bytes(), &mut batch).expect("snapshot");
    let nodes: Vec<_> = batch.nodes.into_iter().map(|r| r.node).collect();
    let relations: Vec<_> = batch.relations.into_iter().map(|r| r.relation).collect();
    Network::new(&nodes, &relations, today())
}

fn networks(max: usize) -> Vec<(String, Network)> {
    let mut nets = vec![("demo".to_owned(), from_snapshot(wijkweb::demo::SNAPSHOT))];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["karate", "lesmis", "florentine", "davis"] {
        let text = std::fs::read_to_string(fixtures.join(format!("{name}.wijkweb.json")))
            .expect("fixture");
        nets.push((name.to_owned(), from_snapshot(&text)));
    }
    for n in [1_000usize, 5_000, 10_000, 50_000] {
        if n <= max {
            let (nodes, relations) = wijkweb::demo::barabasi_albert(n, 3, 1);
            nets.push((format!("ba{n}"), Network::new(&nodes, &relations, today())));
        }
    }
    nets
}

/// Communities (Louvain, seed 1) per node in layout order.
fn communities(network: &Network, order: &[petgraph::stable_graph::NodeIndex]) -> Vec<u32> {
    let csr = network.csr(false);
    let found = louvain(&csr, 1);
    let by_index: HashMap<_, _> = csr
        .order
        .iter()
        .zip(&found.membership)
        .map(|(&i, &c)| (i, c as u32))
        .collect();
    order.iter().map(|i| by_index[i]).collect()
}

fn read_positions(path: &Path, n: usize) -> Option<Vec<[f64; 2]>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut positions = vec![[0.0; 2]; n];
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let i: usize = parts.next()?.parse().ok()?;
        let x: f64 = parts.next()?.parse().ok()?;
        let y: f64 = parts.next()?.parse().ok()?;
        *positions.get_mut(i)? = [x, y];
    }
    Some(positions)
}

fn row(name: &str, who: &str, seconds: Option<f64>, ratio: &str, q: &Quality) -> String {
    let time = seconds.map_or_else(|| "".to_owned(), |s| format!("{s:.2}"));
    format!(
        "| {name} | {who} | {time} | {ratio} | {:.3} | {:.2} | {} | {:.2} | {:.3} |",
        q.silhouette, q.crossings_per_edge, q.overlaps, q.aspect, q.stress
    )
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: layout_quality write|measure DIR [--max N] (see benches/compare_layout.sh)"
        );
        return;
    };
    let dir = PathBuf::from(dir);
    let max = args
        .iter()
        .position(|a| a == "--max")
        .and_then(|k| args.get(k + 1)?.parse().ok())
        .unwrap_or(usize::MAX);
    let settings = ForceSettings::default();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|k| args.get(k + 1).cloned());
    let mut nets = networks(max);
    nets.retain(|(name, _)| only.as_ref().is_none_or(|o| o == name));
    if mode == "write" {
        std::fs::create_dir_all(&dir).expect("folder");
        for (name, network) in &nets {
            let (_, graph) = layout_graph(network);
            let lines: String = graph
                .edges
                .iter()
                .map(|&(a, b, _)| format!("{a} {b}\n"))
                .collect();
            std::fs::write(dir.join(format!("{name}.edges")), lines).expect("edges");
            std::fs::write(dir.join(format!("{name}.nodes")), graph.len().to_string())
                .expect("nodes");
        }
        return;
    }
    println!(
        "| graph | layout | s to rest | ratio to sfdp | silhouette | crossings / relation | overlaps | aspect | stress |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, network) in &nets {
        let (order, graph): (_, LayoutGraph) = layout_graph(network);
        let community = communities(network, &order);
        let started = Instant::now();
        let ours = layout(
            &graph,
            &Start::Fresh {
                seed: wijkweb::layout::SEED,
            },
            settings,
            3_000,
        );
        let seconds = started.elapsed().as_secs_f64();
        // Every layout is measured with our node size at our median relation length.
        let reference = wijkweb::layout::quality::median_edge_length(&graph, &ours).unwrap_or(1.0);
        let q = measure(&graph, &ours, &community, settings.node_radius, reference);
        let times: HashMap<String, f64> =
            std::fs::read_to_string(dir.join(format!("{name}.times")))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| {
                    let (who, s) = l.split_once(' ')?;
                    Some((who.to_owned(), s.trim().parse().ok()?))
                })
                .collect();
        let ratio = times
            .get("sfdp")
            .map_or_else(String::new, |s| format!("{:.2}", seconds / s));
        println!("{}", row(name, "wijkweb", Some(seconds), &ratio, &q));
        for (who, file) in [("sfdp", "sfdp"), ("ForceAtlas2 LinLog", "fa2")] {
            if let Some(p) = read_positions(&dir.join(format!("{name}.{file}")), graph.len()) {
                let q = measure(&graph, &p, &community, settings.node_radius, reference);
                println!("{}", row(name, who, times.get(file).copied(), "", &q));
            }
        }
    }
}
