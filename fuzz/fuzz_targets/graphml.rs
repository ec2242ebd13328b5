//! Fuzzes the graphml importer: any bytes give a batch or a clear error, never a panic, and
//! memory stays bounded (run with -rss_limit_mb=512).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut batch = wijkweb::store::ImportBatch::default();
    if wijkweb::exchange::graphml::read("fuzz.graphml", data, &mut batch).is_ok() {
        // Whatever parses must also import whole or not at all into a fresh wijk.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("fuzz.db");
        if let Ok(mut store) = wijkweb::Store::open(&path, wijkweb::OpenMode::CreateIfMissing) {
            let nodes = batch.nodes.len();
            match store.import(batch) {
                Ok(report) => assert_eq!((report.nodes_added + report.nodes_updated) as usize, nodes),
                Err(_) => assert_eq!(store.stats().map(|s| s.nodes).unwrap_or(0), 0),
            }
        }
    }
});
