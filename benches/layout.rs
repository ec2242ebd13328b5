//! Layout benchmarks (layout issue): time per iteration at 1k, 5k, 10k, 50k and 100k nodes
//! (Barabási-Albert, m = 3, seed 1) and the demo wijk; time to settle; time to reach 90% of
//! the final quality. Run: `cargo bench --bench layout`. Figures in BENCHMARKS.md, beside
//! graphology and sfdp from `benches/compare_layout.sh`.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::graph::Network;
use wijkweb::layout::{ForceLayout, ForceSettings, Start, layout_graph, prepare};
use wijkweb::model::today;

fn ba(n: usize) -> Network {
    let (nodes, relations) = wijkweb::demo::barabasi_albert(n, 3, 1);
    Network::new(&nodes, &relations, today())
}

fn demo() -> Network {
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("demo", wijkweb::demo::SNAPSHOT.as_bytes(), &mut batch)
        .expect("demo");
    let nodes: Vec<_> = batch.nodes.into_iter().map(|r| r.node).collect();
    let relations: Vec<_> = batch.relations.into_iter().map(|r| r.relation).collect();
    Network::new(&nodes, &relations, today())
}

fn fresh(net: &Network) -> ForceLayout {
    let (_, graph) = layout_graph(net);
    prepare(&graph, &Start::Fresh { seed: 1 }, ForceSettings::default())
}

/// Mean relation length over mean distance of 20,000 sampled pairs: lower is better (the
/// quality measure of the layout tests).
fn stress(layout: &ForceLayout) -> f64 {
    let p = layout.positions();
    let g = layout.graph();
    let d = |a: usize, b: usize| ((p[a][0] - p[b][0]).powi(2) + (p[a][1] - p[b][1]).powi(2)).sqrt();
    let edge = g
        .edges
        .iter()
        .map(|&(a, b, _)| d(a as usize, b as usize))
        .sum::<f64>()
        / g.edges.len().max(1) as f64;
    let mut rng = wijkweb::demo::SplitMix64::new(9);
    let n = p.len();
    let pairs = (0..20_000)
        .map(|_| d(rng.below(n), rng.below(n)))
        .sum::<f64>()
        / 20_000.0;
    edge / pairs
}

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout_iteration");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let mut nets: Vec<(String, Network)> = vec![("demo".into(), demo())];
    for n in [1_000usize, 3_000, 5_000, 10_000, 50_000, 100_000] {
        nets.push((n.to_string(), ba(n)));
    }
    for (name, net) in &nets {
        let mut layout = fresh(net);
        for _ in 0..20 {
            layout.step();
        }
        group.bench_function(name.as_str(), |b| b.iter(|| layout.step()));
    }
    group.finish();

    // Settling and quality over time: one run each, printed.
    for (name, net) in &nets {
        let cap = if net.node_count() >= 50_000 {
            600
        } else {
            3_000
        };
        let mut layout = fresh(net);
        let start = Instant::now();
        let mut trace = Vec::new();
        while layout.iteration() < cap && !layout.is_settled() {
            layout.step();
            if layout.iteration().is_multiple_of(10) {
                trace.push((start.elapsed(), stress(&layout)));
            }
        }
        let total = start.elapsed();
        let last = stress(&layout);
        let first = trace.first().map_or(last, |t| t.1);
        // 90% of the way from the first measured quality to the final one.
        let goal = last + 0.1 * (first - last);
        let ninety = trace.iter().find(|t| t.1 <= goal).map_or(total, |t| t.0);
        println!(
            "layout {name}: {} iterations in {total:?} ({}), 90% of final quality after {ninety:?}; relation/pair distance {last:.3}",
            layout.iteration(),
            if layout.is_settled() {
                "settled"
            } else {
                "cap reached"
            }
        );
    }
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
