//! The demo wijk that a first run opens, shipped inside the binary.

use std::path::Path;

use crate::error::StoreError;
use crate::exchange::json;
use crate::store::{ImportBatch, ImportReport, OpenMode, Store};

/// The demo snapshot, `assets/demo-wijk.wijkweb.json`.
pub const SNAPSHOT: &str = include_str!("../assets/demo-wijk.wijkweb.json");

/// The file name the demo is known by in messages and the audit log.
pub const FILE_NAME: &str = "demo-wijk.wijkweb.json";

/// Creates a new database at `path` holding the demo wijk, in one transaction.
pub fn create(path: &Path) -> Result<(Store, ImportReport), StoreError> {
    let mut batch = ImportBatch::default();
    json::read(FILE_NAME, SNAPSHOT.as_bytes(), &mut batch)?;
    batch.files.push(FILE_NAME.to_owned());
    let mut store = Store::open(path, OpenMode::CreateIfMissing)?;
    let report = store.import(batch)?;
    Ok((store, report))
}
