//! One field edit in the app's session on a wijk of 2,000 and of 20,000 nodes: the store's
//! transaction plus bringing the map's data up to date. `patch` is what an edit of a
//! node's fields does (the node is taken in place; `patch_while_analysed` when a background
//! analysis still holds the network, which is then copied first); `reload` is the whole read-back that
//! every edit did before, and that edits of the network's shape still do.

use criterion::{Criterion, criterion_group, criterion_main};
use wijkweb::app::session::Session;
use wijkweb::records::ImportBatch;
use wijkweb::store::{OpenMode, Store};

fn session(dir: &std::path::Path, n: usize) -> Session {
    let (mut nodes, relations) = wijkweb::demo::barabasi_albert(n, 3, 9);
    for (i, node) in nodes.iter_mut().enumerate() {
        node.x = Some((i % 150) as f64 * 30.0);
        node.y = Some((i / 150) as f64 * 30.0);
    }
    let mut snapshot = Vec::new();
    wijkweb::exchange::json::write_snapshot(&mut snapshot, &nodes, &relations).unwrap();
    let mut batch = ImportBatch::default();
    wijkweb::exchange::json::read("bench.json", &snapshot, &mut batch).unwrap();
    let mut store = Store::open(&dir.join(format!("w{n}.sqlite")), OpenMode::CreateIfMissing)
        .expect("a new store");
    store.import(batch).unwrap();
    let mut session = Session::from_store(store, false).unwrap();
    session.stop_layout();
    session
}

fn edits(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for n in [2_000, 20_000] {
        let mut session = session(dir.path(), n);
        let mut group = c.benchmark_group(format!("edit/{}k_nodes", n / 1000));
        group.sample_size(20);
        let mut round = 0u64;
        group.bench_function("patch", |b| {
            b.iter(|| {
                round += 1;
                let mut node = session.data.nodes[n / 2].clone();
                node.role = Some(format!("rol {round}"));
                session.update_node(node).unwrap();
            })
        });
        // While an analysis still holds the network, the patch copies it first.
        group.bench_function("patch_while_analysed", |b| {
            b.iter(|| {
                round += 1;
                let analysed = std::sync::Arc::clone(&session.data.network);
                let mut node = session.data.nodes[n / 2].clone();
                node.role = Some(format!("rol {round}"));
                session.update_node(node).unwrap();
                analysed
            })
        });
        // A relation's notes: taken in place too.
        let relation = n;
        group.bench_function("patch_relation", |b| {
            b.iter(|| {
                round += 1;
                let mut r = session.data.relations[relation].clone();
                r.notes = Some(format!("notitie {round}"));
                session.update_relation(r).unwrap();
            })
        });
        group.bench_function("reload", |b| b.iter(|| session.reload().unwrap()));
        group.finish();
        session.close();
    }
}

criterion_group!(benches, edits);
criterion_main!(benches);
