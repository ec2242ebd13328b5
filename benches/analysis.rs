//! Analysis benchmarks (analysis issue) on Barabási-Albert networks (m = 3, seed 1) of 1k,
//! 10k, 50k and 100k nodes. Run: `cargo bench --bench analysis`. Figures in BENCHMARKS.md,
//! beside igraph and networkx from `benches/compare_analysis.py`.
//!
//! Exact betweenness at 50k and 100k takes minutes: it is timed once (printed), with the
//! sampled estimate and its top-50 overlap, instead of sampled by criterion.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::graph::Network;
use wijkweb::graph::communities::louvain;
use wijkweb::graph::kenners::{KennerQuery, betweenness, betweenness_sampled, kenners};
use wijkweb::graph::paths::{Target, k_shortest, referral_paths};
use wijkweb::graph::risks::articulation_point_indices;
use wijkweb::model::today;

fn network(n: usize) -> Network {
    let (nodes, relations) = wijkweb::demo::barabasi_albert(n, 3, 1);
    Network::new(&nodes, &relations, today())
}

fn top(scores: &[f64], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order.truncate(k);
    order
}

fn bench_analysis(c: &mut Criterion) {
    for n in [1_000usize, 10_000, 50_000, 100_000] {
        let net = network(n);
        let csr = net.csr(false);
        let directed = net.csr(true);
        let mut group = c.benchmark_group(format!("analysis_{n}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(5));
        if n <= 10_000 {
            group.bench_function("betweenness_weighted", |b| {
                b.iter(|| betweenness(&csr, true, None))
            });
            group.bench_function("betweenness_unweighted", |b| {
                b.iter(|| betweenness(&csr, false, None))
            });
        }
        // A resident far from the first nodes to one near the end, avoiding two hubs.
        let (s, t) = (n - 1, n / 2);
        let avoid = [0usize, 1];
        group.bench_function("one_path_avoiding_2", |b| {
            b.iter(|| k_shortest(&directed, s, t, 1, &avoid))
        });
        group.bench_function("k5_paths", |b| {
            b.iter(|| k_shortest(&directed, s, t, 5, &[]))
        });
        group.bench_function("communities", |b| b.iter(|| louvain(&csr, 1)));
        group.bench_function("articulation_points", |b| {
            b.iter(|| articulation_point_indices(&csr))
        });
        group.finish();
        let q = louvain(&csr, 1);
        println!(
            "analysis_{n}: louvain modularity {:.4}, {} communities",
            q.modularity,
            q.count()
        );
        if n >= 50_000 {
            let start = Instant::now();
            let estimate = betweenness_sampled(&csr, true, 1_000, 1, None);
            let sampled_time = start.elapsed();
            println!("analysis_{n}: sampled weighted betweenness (1000 sources) {sampled_time:?}");
            // Exact at 100k would take about 4x the 50k time; it is left out to keep the run short.
            if n == 50_000 {
                let start = Instant::now();
                let exact = betweenness(&csr, true, None);
                let exact_time = start.elapsed();
                let (a, b) = (top(&exact.scores, 50), top(&estimate.scores, 50));
                let overlap = a.iter().filter(|x| b.contains(x)).count();
                println!(
                    "analysis_{n}: exact weighted betweenness {exact_time:?} (one run); sampled top-50 overlap {overlap}/50"
                );
            }
        }
    }

    // After one edit in a 3,000-node wijk: patch the network, rank the kenners again.
    let (nodes, relations) = wijkweb::demo::barabasi_albert(3_000, 3, 1);
    let mut net = Network::new(&nodes, &relations, today());
    let mut edit = relations[10].clone();
    c.bench_function("kenners_after_one_edit_3000", |b| {
        b.iter(|| {
            edit.strength =
                wijkweb::Strength::new(1 + (edit.strength.get() as i64 % 3)).unwrap_or_default();
            net.upsert_relation(&edit);
            kenners(
                &net,
                &KennerQuery {
                    top: 20,
                    ..Default::default()
                },
            )
        })
    });
    c.bench_function("path_to_theme_3000", |b| {
        b.iter(|| {
            referral_paths(
                &net,
                "n2999",
                &Target::Offers("taal".into()),
                3,
                &[],
                wijkweb::graph::paths::Allow::NONE,
            )
        })
    });
}

criterion_group!(benches, bench_analysis);
criterion_main!(benches);
