//! Export benchmarks (snapshot issue): the demo wijk and a 5k-node network to SVG, PNG,
//! PDF and GraphML (with kenner scores). Run: `cargo bench --bench export`. Figures in
//! BENCHMARKS.md.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::exchange::ExportFormat;
use wijkweb::exchange::picture::ColourBy;
use wijkweb::exchange::snapshot::{ExportOptions, export};
use wijkweb::{OpenMode, Store};

fn bench_export(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut demo, _) = wijkweb::demo::create(&dir.path().join("demo.db")).expect("demo");
    let big_path = dir.path().join("big.db");
    let mut big = Store::open(&big_path, OpenMode::CreateIfMissing).expect("db");
    let (nodes, relations) = wijkweb::demo::barabasi_albert(5_000, 3, 1);
    let mut snapshot = Vec::new();
    wijkweb::exchange::json::write_snapshot(&mut snapshot, &nodes, &relations).expect("json");
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("big", &snapshot, &mut batch).expect("read");
    big.import(batch).expect("import");
    // Lay both out once, as the app would have; exports then use the stored positions.
    for store in [&mut demo, &mut big] {
        let (nodes, relations) = store.load().expect("load");
        let net = wijkweb::graph::Network::new(&nodes, &relations, wijkweb::model::today());
        let (order, graph) = wijkweb::layout::layout_graph(&net);
        let start = wijkweb::layout::Start::Fresh { seed: 1 };
        let positions = wijkweb::layout::layout(&graph, &start, Default::default(), 1_000);
        store
            .set_positions(&wijkweb::layout::position_rows(
                &net,
                &order,
                &positions,
                &graph.pinned,
            ))
            .expect("save");
    }
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, store) in [("demo", &mut demo), ("5k", &mut big)] {
        for (format, ext) in [
            (ExportFormat::Svg, "svg"),
            (ExportFormat::Png, "png"),
            (ExportFormat::Pdf, "pdf"),
            // With each node's kenner score (exact betweenness up to 5,000 nodes).
            (ExportFormat::Graphml, "graphml"),
        ] {
            let options = ExportOptions {
                format,
                out: dir.path().join(format!("{name}.{ext}")),
                ego: None,
                depth: 1,
                pseudonymise: true,
                backup: false,
                keep_consented: false,
                width: 1600,
                height: 1200,
                colour_by: ColourBy::Community,
                excel: false,
                language: wijkweb::words::Language::Dutch,
                casus: None,
                as_of: None,
                shown_as: None,
                with_ended: false,
                organisation: None,
                paper: None,
                dpi: wijkweb::exchange::picture::SCREEN_DPI,
            };
            group.bench_function(format!("{name}_{ext}"), |b| {
                b.iter(|| export(store, &options).expect("export"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
