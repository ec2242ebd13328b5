//! The inzage (AVG art. 15 and 20) on disk: the text for the person and the same as JSON.

use std::path::{Path, PathBuf};

use crate::store::privacy::Inzage;

/// Writes an inzage into `dir` (made when missing): `inzage.txt`, readable (`text`, worded
/// by `crate::words` in the reader's language), and `inzage.json`, the same for
/// portability (AVG art. 20). Each file is written whole or not at all, readable by its
/// owner only; on failure, the file that failed and why.
pub fn write_inzage(
    inzage: &Inzage,
    text: &str,
    dir: &Path,
) -> Result<(), (PathBuf, std::io::Error)> {
    crate::store::files::private_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    let json = serde_json::to_vec_pretty(inzage)
        .map_err(|e| (dir.join("inzage.json"), std::io::Error::other(e)))?;
    for (file, bytes) in [
        ("inzage.json", json.as_slice()),
        ("inzage.txt", text.as_bytes()),
    ] {
        let path = dir.join(file);
        super::write_atomically(&path, |w| std::io::Write::write_all(w, bytes))
            .map_err(|e| (path, e))?;
    }
    Ok(())
}
