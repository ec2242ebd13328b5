//! What every importer's fuzz target checks: any bytes give a batch or a clear error, never
//! a panic (memory stays bounded under -rss_limit_mb=512), and whatever parses imports
//! whole or not at all into a fresh wijk.

use wijkweb::InputError;
use wijkweb::store::ImportBatch;

/// An importer: file name, bytes, the batch to fill.
pub type Reader = fn(&str, &[u8], &mut ImportBatch) -> Result<(), InputError>;

/// Runs `read` on `data` and checks the import.
pub fn check(read: Reader, name: &str, data: &[u8]) {
    let mut batch = ImportBatch::default();
    if read(name, data, &mut batch).is_err() {
        return;
    }
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
