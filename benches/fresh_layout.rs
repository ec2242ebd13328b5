//! A fresh layout from its multilevel start (app trial issue): how long the start takes,
//! and the whole layout to rest, at the demo wijk and 1k and 5k nodes (Barabási-Albert,
//! m = 3, seed 1). Run: `cargo bench --bench fresh_layout`. Figures in BENCHMARKS.md.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::graph::Network;
use wijkweb::layout::{ForceSettings, layout_graph, multilevel};
use wijkweb::model::today;

fn networks() -> Vec<(String, Network)> {
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("demo", wijkweb::demo::SNAPSHOT.as_bytes(), &mut batch)
        .expect("demo");
    let nodes: Vec<_> = batch.nodes.into_iter().map(|r| r.node).collect();
    let relations: Vec<_> = batch.relations.into_iter().map(|r| r.relation).collect();
    let mut nets = vec![("demo".to_owned(), Network::new(&nodes, &relations, today()))];
    for n in [1_000usize, 5_000] {
        let (nodes, relations) = wijkweb::demo::barabasi_albert(n, 3, 1);
        nets.push((n.to_string(), Network::new(&nodes, &relations, today())));
    }
    nets
}

fn bench_fresh(c: &mut Criterion) {
    let nets = networks();
    let mut group = c.benchmark_group("multilevel_start");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (name, net) in &nets {
        let (_, graph) = layout_graph(net);
        group.bench_function(name.as_str(), |b| {
            b.iter(|| multilevel::start(&graph, ForceSettings::default(), wijkweb::layout::SEED))
        });
    }
    group.finish();
    // The whole layout to rest: one run each, printed.
    for (name, net) in &nets {
        let (_, graph) = layout_graph(net);
        let started = Instant::now();
        let mut force = multilevel::start(&graph, ForceSettings::default(), wijkweb::layout::SEED);
        let start = started.elapsed();
        multilevel::finish(&mut force, 3_000, &mut |_| false);
        println!(
            "fresh layout {name}: start {start:?}, at rest after {:?} ({} iterations on the network)",
            started.elapsed(),
            force.iteration()
        );
    }
}

criterion_group!(benches, bench_fresh);
criterion_main!(benches);
