//! Helpers shared by the integration tests: temporary databases and running the binary.
#![allow(dead_code)]

pub mod app;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary folder that holds a test's files.
pub struct Dir {
    pub dir: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A wijkweb `command` to build up and run in this folder's home (as ripgrep's tests
    /// build theirs): `dir.wijkweb("export").db(&db).arg("--format").arg("json").out(&f).run()`.
    pub fn wijkweb(&self, command: &str) -> Wijkweb<'_> {
        Wijkweb {
            dir: self,
            args: vec![command.into()],
        }
    }

    /// Writes `contents` to `name` and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }
}

/// The wijkweb binary with a private data folder, so no test touches the user's wijk.
pub fn wijkweb(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("wijkweb").expect("binary");
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("WIJKWEB_USER", "test")
        // A passphrase in the tester's own environment must not reach the tests.
        .env_remove("WIJKWEB_KEY")
        .env_remove("WIJKWEB_NEW_KEY")
        // Without a subcommand wijkweb opens its window where a display is: not in tests.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    cmd
}

/// A wijkweb command line being built: paths go in as paths, never through
/// `to_str().unwrap()`.
pub struct Wijkweb<'a> {
    dir: &'a Dir,
    args: Vec<std::ffi::OsString>,
}

impl Wijkweb<'_> {
    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<A: AsRef<std::ffi::OsStr>>(mut self, args: impl IntoIterator<Item = A>) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// `--db FILE`.
    pub fn db(self, db: impl AsRef<Path>) -> Self {
        self.arg("--db").arg(db.as_ref())
    }

    /// `--out PATH`.
    pub fn out(self, out: impl AsRef<Path>) -> Self {
        self.arg("--out").arg(out.as_ref())
    }

    /// Runs it and returns what it printed and its status.
    pub fn run(self) -> Output {
        wijkweb(self.dir.dir.path())
            .args(&self.args)
            .output()
            .expect("run wijkweb")
    }

    /// Runs it and fails the test, with what it said, unless it succeeded.
    pub fn ok(self) -> Output {
        let shown = format!("{:?}", self.args);
        let out = self.run();
        assert!(out.status.success(), "wijkweb {shown}: {}", stderr(&out));
        out
    }
}

/// Runs wijkweb with `args` in `dir`'s home.
pub fn run(dir: &Dir, args: &[&str]) -> Output {
    wijkweb(dir.dir.path())
        .args(args)
        .output()
        .expect("run wijkweb")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every byte of the database and its WAL (empty when there is none).
pub fn snapshot_files(db: &Path) -> (Vec<u8>, Vec<u8>) {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    (
        std::fs::read(db).expect("read db"),
        std::fs::read(wal).unwrap_or_default(),
    )
}

/// A small valid wijk as a JSON snapshot.
pub const SMALL_WIJK: &str = r#"{"format":"wijkweb","version":1,"nodes":[
{"id":"anja","kind":"person","name":"Anja Bakker","wijk":"Vogelbuurt","role":"vrijwilliger","tags":["taal"]},
{"id":"fatima","kind":"persoon","name":"Fatima El Idrissi","needs":["taal"],"consent":{"status":"written","date":"2025-01-10","purpose":"casusoverleg"}},
{"id":"taalcafe","kind":"initiative","name":"Taalcafe De Brug","offers":["taal"],"x":1.5,"y":-2.25,"pinned":true},
{"id":"welzijn","kind":"organisation","name":"Welzijn Vliet"}
],"relations":[
{"id":"r1","source":"fatima","target":"anja","kind":"neighbour","strength":3,"since":"2020-05-01"},
{"id":"r2","source":"anja","target":"taalcafe","kind":"vrijwilliger bij"},
{"id":"r3","source":"taalcafe","target":"welzijn","kind":"partners_with","strength":1,"until":"2024-12-31","notes":"subsidie gestopt"}
]}
"#;

/// Runs `wijkweb import --db DB INPUTS...` in `dir`'s home.
pub fn import(dir: &Dir, db: &Path, inputs: &[&Path]) -> Output {
    let mut args = vec!["import".to_owned(), "--db".into(), db.display().to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(dir, &args)
}

/// Makes a database `db_name` in `dir` from a JSON snapshot, through the binary.
pub fn db_from_json(dir: &Dir, db_name: &str, json: &str) -> PathBuf {
    let input = dir.write(&format!("{db_name}.wijkweb.json"), json);
    let db = dir.path(db_name);
    let out = import(dir, &db, &[&input]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

/// Makes a database holding [`SMALL_WIJK`] and returns its path.
pub fn small_db(dir: &Dir) -> PathBuf {
    db_from_json(dir, "wijk.db", SMALL_WIJK)
}

/// The nodes and relations of a real-network fixture in `tests/fixtures/`.
pub fn fixture(name: &str) -> (Vec<wijkweb::Node>, Vec<wijkweb::Relation>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let bytes = std::fs::read(format!("{dir}{name}.wijkweb.json")).expect("fixture");
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read(name, &bytes, &mut batch).expect("fixture parses");
    (
        batch.nodes.into_iter().map(|r| r.node).collect(),
        batch.relations.into_iter().map(|r| r.relation).collect(),
    )
}

/// Every file that may hold a wijk's bytes: the database, its WAL, shared memory and lock,
/// and every backup and copy of it.
pub fn files_of(db: &Path) -> Vec<std::path::PathBuf> {
    let mut files = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", ".lock"] {
        let path = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
        if path.exists() {
            files.push(path);
        }
    }
    files.extend(wijkweb::store::privacy::copies(db));
    files
}

/// Whether the file at `path` holds the bytes of `needle` anywhere.
pub fn holds(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}
