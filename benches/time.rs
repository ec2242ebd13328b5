//! The wijk on a date and what changed (issue 19) on a 10,000-node Barabási-Albert wijk
//! with five years of history (`demo::with_history`: people who came and went, relations
//! that began and ended over 2021-2025). Run: `cargo bench --bench time`; figures in
//! BENCHMARKS.md.
//!
//! - kenners today and `--as-of` a past day: the same load, date filter and ranking, so the
//!   ratio is what asking for a date costs;
//! - the same ranking on the wijk without any dates, the "kenners now" of before issue 19;
//! - `changes` for the whole wijk over a year, and for one resident since a casus moment.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::graph::Network;
use wijkweb::graph::changes::{changes, since_moment};
use wijkweb::graph::kenners::{KennerQuery, kenners};
use wijkweb::model::Date;

fn day(text: &str) -> Date {
    text.parse().expect("a date")
}

fn bench_time(c: &mut Criterion) {
    let (nodes, relations) = wijkweb::demo::with_history(10_000, 11);
    let (plain_nodes, plain_relations) = wijkweb::demo::barabasi_albert(10_000, 3, 11);
    let query = KennerQuery::default();
    let mut group = c.benchmark_group("time_10000");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    group.bench_function("kenners_undated_wijk", |b| {
        b.iter(|| {
            let net = Network::new(&plain_nodes, &plain_relations, day("2026-12-01"));
            kenners(&net, &query)
        })
    });
    group.bench_function("kenners_today", |b| {
        b.iter(|| {
            let net = Network::new(&nodes, &relations, day("2026-12-01"));
            kenners(&net, &query)
        })
    });
    group.bench_function("kenners_as_of_2023_06_01", |b| {
        b.iter(|| {
            let net = Network::new(&nodes, &relations, day("2023-06-01"));
            kenners(&net, &query)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("changes_10000");
    group.sample_size(20);
    group.bench_function("whole_wijk_one_year", |b| {
        b.iter(|| {
            changes(
                &nodes,
                &relations,
                &[],
                day("2024-01-01"),
                day("2025-01-01"),
                None,
            )
        })
    });
    // The best-connected resident's circle frozen in 2023, against today.
    let ego = nodes[0].id.to_string();
    let moment = wijkweb::layout::circle::freeze(
        wijkweb::model::Scheme::Lensink,
        &ego,
        &nodes,
        &relations,
        &Default::default(),
        day("2023-01-01"),
        wijkweb::model::casework::MomentSource::Casus,
    );
    group.bench_function("her_network_since_a_moment", |b| {
        b.iter(|| since_moment(&nodes, &relations, &moment, day("2026-12-01")))
    });
    group.finish();
}

criterion_group!(benches, bench_time);
criterion_main!(benches);
