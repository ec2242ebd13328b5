//! The wijk's files on disk: private permissions, what kind of file a path is, the writer's
//! lock on what the file is (not its name), and read-only media.
//!
//! On Unix every file of a wijk is created 0600 and every folder wijkweb makes 0700
//! (DESIGN §4.6). On Windows the files live in the user's own profile folder, whose access
//! list already keeps other users out.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::StoreError;

/// wijkweb's folders of this user: one name on every system.
fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "wijkweb", "wijkweb")
}

/// Where a user's wijken, backups, log and audit heads live: the data folder that stays on
/// this computer. `~/.local/share/wijkweb` on Linux; on Windows the Local application data
/// folder (`%LOCALAPPDATA%\wijkweb\wijkweb\data`), not the Roaming one, which a managed
/// network copies to a server at every logon; `~/Library/Application Support/nl.wijkweb.wijkweb`
/// on macOS.
pub fn data_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.data_local_dir().to_path_buf())
}

/// Where the settings live: the local (not roaming) configuration folder (the settings
/// hold the paths of her last wijken). `~/.config/wijkweb` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_local_dir().to_path_buf())
}

/// Where locks are kept: the cache folder (`~/.cache/wijkweb` on Linux). Only Unix locks
/// a file's identity there; Windows locks the file itself (no hard links to race).
#[cfg(unix)]
fn cache_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.cache_dir().to_path_buf())
}

/// The extensions of a wijk file: `.wijk` as the app makes them; `.sqlite` and `.db` as
/// older wijken and the one in the data folder have.
pub const WIJK_EXTENSIONS: [&str; 3] = ["wijk", "sqlite", "db"];

/// Whether `path` is a wijk to open rather than a file to import: a wijk's extension, or a
/// SQLite database by its first bytes (an encrypted wijk has none to tell it by, so its
/// extension does).
pub fn looks_like_wijk(path: &Path) -> bool {
    use std::io::Read;
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WIJK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    let mut header = [0u8; 16];
    // Only a regular file is opened to look: opening a pipe would wait for a writer.
    let by_bytes = std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && File::open(path)
            .and_then(|mut f| f.read_exact(&mut header))
            .is_ok()
        && &header == b"SQLite format 3\0";
    by_name || by_bytes
}

/// Creates `dir` and its missing parents, each new one readable by its owner only.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Options that create a file readable and writable by its owner only.
pub fn private_options() -> OpenOptions {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Writes a small file of wijkweb's own whole, private to its owner: through a temporary
/// name beside it, so it is the old content or the new, never half.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let partial = PathBuf::from(format!("{}.partial", path.display()));
    remove_no_follow(&partial);
    let mut file = private_options()
        .write(true)
        .create_new(true)
        .open(&partial)?;
    file.write_all(bytes)?;
    drop(file);
    std::fs::rename(&partial, path)
}

/// Creates an empty `path` that must not exist yet, private to its owner: SQLite then
/// fills it (and gives its WAL the same permissions).
pub fn create_private(path: &Path) -> io::Result<()> {
    private_options()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// Refuses what is no regular file: a pipe (which would make every read wait forever), a
/// device or a folder. A symbolic link to a regular file is fine.
pub fn check_regular(path: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(StoreError::NotWijkweb {
            path: path.to_path_buf(),
            reason: "it is not a regular file (a pipe, a device or a folder)".into(),
        }),
        _ => Ok(()),
    }
}

/// Whether `path` lies on a file system mounted read-only (a write-protected stick, a CD,
/// a read-only share), where SQLite cannot make the shared-memory file a WAL database
/// needs.
pub fn on_read_only_media(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new("."));
        let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c_path` is a valid NUL-terminated string and `stat` a plain struct
        // that statvfs fills in; nothing is kept past the call.
        unsafe {
            let mut stat: libc::statvfs = std::mem::zeroed();
            libc::statvfs(c_path.as_ptr(), &mut stat) == 0
                && stat.f_flag & libc::ST_RDONLY == libc::ST_RDONLY
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// The SQLite URI that opens `path` as an immutable file: no locks, no shared memory, for
/// reading from read-only media.
pub fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        // A Windows drive: file:///C:/...
        uri.push_str("///");
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The writer's lock of a wijk: `FILE.lock` beside it, and on Unix a lock on what the file
/// is (its device and inode), so that a second name for the same file (a hard link) does not
/// let a second writer in.
#[derive(Debug)]
pub struct WriterLock {
    _by_name: File,
    _by_identity: Option<File>,
}

/// Takes the writer's lock of `path`, or says who has it.
pub fn take_lock(path: &Path) -> Result<WriterLock, StoreError> {
    let by_name = lock_file(&PathBuf::from(format!("{}.lock", path.display())), path)?;
    let by_identity = match identity_lock_path(path) {
        Some(lock_path) => Some(lock_file(&lock_path, path)?),
        None => None,
    };
    Ok(WriterLock {
        _by_name: by_name,
        _by_identity: by_identity,
    })
}

/// Where the lock on the identity of `path` lives: in the user's own cache folder
/// (`~/.cache/wijkweb/locks` on Linux), named after the file's device and inode.
fn identity_lock_path(path: &Path) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        let dir = cache_dir()?.join("locks");
        private_dir(&dir).ok()?;
        Some(dir.join(format!("{:x}-{:x}.lock", meta.dev(), meta.ino())))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Where the last known head of the audit log of the wijk at `path` is kept, outside the
/// file, so that rows removed from the end of its log are found even when no backup holds
/// them yet: in the user's own data folder (`~/.local/share/wijkweb/heads` on Linux),
/// named after a hash of the file's full path (nothing readable; no personal data in it).
pub fn head_record_path(path: &Path) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    let full = std::fs::canonicalize(path).ok()?;
    let dir = data_dir()?.join("heads");
    private_dir(&dir).ok()?;
    let name: String = Sha256::digest(full.to_string_lossy().as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(dir.join(format!("{name}.json")))
}

/// Opens (creating it private) and locks `lock_path` for the database `db`.
fn lock_file(lock_path: &Path, db: &Path) -> Result<File, StoreError> {
    let io = |source| StoreError::Io {
        path: lock_path.to_path_buf(),
        source,
    };
    let file = match private_options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)
    {
        Ok(file) => file,
        // A write-protected stick or a read-only share: said as such, not as a failure.
        Err(e) if e.kind() == io::ErrorKind::ReadOnlyFilesystem => {
            return Err(StoreError::ReadOnly(db.to_path_buf()));
        }
        Err(e) => return Err(io(e)),
    };
    // A lock just given up can linger for a moment: a program starting another one (a
    // fork) holds a copy of the descriptor until the new program runs. A few short tries
    // tell that from a wijkweb that really has the file.
    for attempt in 0..5 {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if attempt < 4 => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => break,
            Err(std::fs::TryLockError::Error(source)) => return Err(io(source)),
        }
    }
    Err(StoreError::InUse(db.to_path_buf()))
}

/// Removes `path` if it is there, without ever following it: a symbolic link is removed
/// as a link, and its target stays untouched.
pub fn remove_no_follow(path: &Path) {
    if std::fs::symlink_metadata(path).is_ok() {
        let _ignored = std::fs::remove_file(path);
    }
}

/// Whether the file at `path` has another name too (a hard link; Unix).
pub fn has_second_name(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).is_ok_and(|m| m.nlink() > 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Whether `path` is a regular file of its own: not a symbolic link, and on Unix not a
/// second name (hard link) of a file that lives on elsewhere. Only such a file may be
/// overwritten in place.
pub fn is_own_regular_file(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.file_type().is_file() && meta.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        meta.file_type().is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_immutable_uri_escapes_what_a_uri_cannot_hold() {
        let uri = immutable_uri(Path::new("/tmp/mijn wijk?#%.wijk"));
        assert_eq!(uri, "file:/tmp/mijn%20wijk%3F%23%25.wijk?immutable=1");
    }
}
