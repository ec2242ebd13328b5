//! Encryption at rest (SQLCipher) through the command line and the core: an encrypted wijk
//! shows no personal data in any file on disk, is refused without its passphrase or with a
//! wrong one (the file untouched), works with every command when the passphrase is given,
//! and can be encrypted, re-keyed and copied out plain only on request.

use crate::util;

use std::path::{Path, PathBuf};
use std::process::Output;

use util::{Dir, snapshot_files, stderr, stdout, wijkweb};
use wijkweb::store::{Key, OpenMode, Store, crypt};

const KEY: &str = "drie koeien in de wei";
const OTHER_KEY: &str = "een heel ander wachtwoord";
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-wijk.wijkweb.json");

fn key(text: &str) -> Key {
    Key::new(text).unwrap()
}

/// Runs wijkweb with `args`, and with `passphrase` in WIJKWEB_KEY when given.
fn run_with(dir: &Dir, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = wijkweb(dir.dir.path());
    if let Some(passphrase) = passphrase {
        cmd.env("WIJKWEB_KEY", passphrase);
    }
    cmd.args(args).output().expect("run wijkweb")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stdout(out)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every name, contact and note of the demo wijk long enough to be unmistakable.
fn personal_strings() -> Vec<String> {
    let (nodes, relations) = demo_records();
    let mut found: Vec<String> = nodes
        .iter()
        .flat_map(|n| [Some(n.name.clone()), n.contact.clone(), n.notes.clone()])
        .chain(relations.iter().map(|r| r.notes.clone()))
        .flatten()
        .filter(|s| s.len() >= 8)
        .collect();
    found.sort();
    found.dedup();
    assert!(found.len() > 200, "the demo has its names");
    found
}

fn demo_records() -> (Vec<wijkweb::Node>, Vec<wijkweb::Relation>) {
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("demo", &std::fs::read(DEMO).unwrap(), &mut batch).unwrap();
    (
        batch.nodes.into_iter().map(|r| r.node).collect(),
        batch.relations.into_iter().map(|r| r.relation).collect(),
    )
}

/// The personal strings that occur in the bytes of `path`.
fn leaks(path: &Path, strings: &[String]) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_default();
    strings
        .iter()
        .filter(|s| bytes.windows(s.len()).any(|w| w == s.as_bytes()))
        .cloned()
        .collect()
}

/// Every file in `dir` (recursively) but the snapshots imported from.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_in(&path));
        } else if !path.to_string_lossy().ends_with(".json") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Asserts that no file in `dir` holds any of `strings`, naming the file and what it holds.
fn assert_no_leaks(dir: &Path, strings: &[String]) {
    for file in files_in(dir) {
        assert_eq!(
            leaks(&file, strings),
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }
}

/// The demo wijk imported into `name` through the command line (encrypted when a
/// passphrase is given), laid out, with consent recorded and a backup made.
fn demo_wijk(dir: &Dir, name: &str, passphrase: Option<&str>) -> PathBuf {
    let db = dir.path(name);
    ok(&run_with(
        dir,
        passphrase,
        &["import", "--db", arg(&db), DEMO],
    ));
    ok(&run_with(dir, passphrase, &["layout", "--db", arg(&db)]));
    let (nodes, _) = demo_records();
    let person = nodes
        .iter()
        .find(|n| n.kind == wijkweb::NodeKind::Person)
        .unwrap();
    ok(&run_with(
        dir,
        passphrase,
        &[
            "consent",
            "--db",
            arg(&db),
            &person.id,
            "--basis",
            "consent",
            "--status",
            "written",
        ],
    ));
    ok(&run_with(dir, passphrase, &["backup", "--db", arg(&db)]));
    db
}

#[test]
fn an_encrypted_wijk_shows_no_personal_data_in_any_file_on_disk() {
    let strings = personal_strings();
    // The same wijk unencrypted shows them: the search below can find what it looks for.
    let plain_dir = Dir::new();
    let plain = demo_wijk(&plain_dir, "wijk.sqlite", None);
    assert!(leaks(&plain, &strings).len() > 200);

    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", Some(KEY));
    assert!(crypt::is_encrypted(&db));
    // While it is open and being changed, its WAL holds the changes: encrypted too.
    let mut store = Store::open_keyed(&db, OpenMode::Existing, Some(&key(KEY))).unwrap();
    assert!(store.is_encrypted());
    let mut node = wijkweb::Node::new(wijkweb::NodeKind::Person, "Wilhelmina Zonneveld-Achterberg");
    node.notes = Some("heeft schulden bij de woningcorporatie".into());
    store.add_node(node).unwrap();
    for n in store.nodes().unwrap().into_iter().take(50) {
        let mut changed = n.clone();
        changed.notes = Some(format!("{} zoekt een maatje", n.name));
        store.update_node(changed).unwrap();
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 50 * 1024,
        "the WAL holds the edits"
    );
    let mut strings = strings;
    strings.push("Wilhelmina Zonneveld-Achterberg".into());
    strings.push("heeft schulden bij de woningcorporatie".into());
    strings.push("zoekt een maatje".into());
    let files = files_in(dir.dir.path());
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().contains(".backups/"))
    );
    // While the store is open: its WAL and shared memory are there to be read.
    assert_no_leaks(dir.dir.path(), &strings);
    drop(store);
    assert_no_leaks(dir.dir.path(), &strings);
    // And it is all still there for whoever has the passphrase.
    let store = Store::open_keyed(&db, OpenMode::ReadOnly, Some(&key(KEY))).unwrap();
    assert_eq!(store.stats().unwrap().nodes, 251);
    assert_eq!(
        store
            .find_nodes("Wilhelmina Zonneveld-Achterberg")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn without_or_with_a_wrong_passphrase_every_command_refuses_and_changes_nothing() {
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", Some(KEY));
    let (nodes, _) = demo_records();
    let person = nodes[0].id.clone();
    let out_dir = dir.path("uit");
    let plain = dir.path("plain.sqlite");
    let commands: Vec<Vec<&str>> = vec![
        vec!["stats"],
        vec!["check"],
        vec!["kenners"],
        vec!["risks"],
        vec!["needs"],
        vec!["ego", &person],
        vec!["path", "--from", &person, "--offers", "taal"],
        vec!["export", "--format", "json", "--out", arg(&out_dir)],
        vec!["import", DEMO],
        vec!["layout"],
        vec!["backup"],
        vec!["restore"],
        vec!["consent", &person, "--status", "verbal"],
        vec!["forget", &person],
        vec!["inzage", &person, "--out", arg(&out_dir)],
        vec!["review"],
        vec!["retention", "--person", "24"],
        vec!["rekey"],
        vec!["decrypt", "--out", arg(&plain)],
    ];
    let backups_before: Vec<(PathBuf, Vec<u8>)> = wijkweb::store::privacy::copies(&db)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let before = snapshot_files(&db);
    for command in &commands {
        let mut args = vec![command[0], "--db", arg(&db)];
        args.extend(&command[1..]);
        for (passphrase, expected) in [
            (None, "this wijk is encrypted"),
            (Some(OTHER_KEY), "this passphrase does not open the wijk"),
        ] {
            let out = run_with(&dir, passphrase, &args);
            let message = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {message}");
            assert!(message.contains(expected), "{args:?}: {message}");
            assert!(
                !message.contains("panicked") && message.lines().count() == 1,
                "{args:?}: one clear line: {message}"
            );
            if passphrase.is_none() {
                assert!(message.contains("WIJKWEB_KEY"), "{message}");
            }
            assert_eq!(snapshot_files(&db), before, "{args:?} changed the wijk");
            assert!(
                !out_dir.exists() && !plain.exists(),
                "{args:?} wrote a file"
            );
        }
    }
    for (path, bytes) in backups_before {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{}", path.display());
    }
    // The core says the same.
    assert!(matches!(
        Store::open(&db, OpenMode::ReadOnly),
        Err(wijkweb::StoreError::Encrypted(_))
    ));
    assert!(matches!(
        Store::open_keyed(&db, OpenMode::Existing, Some(&key(OTHER_KEY))),
        Err(wijkweb::StoreError::WrongKey(_))
    ));
}

#[test]
fn every_command_gives_the_same_answers_on_the_encrypted_wijk() {
    let plain_dir = Dir::new();
    let plain = demo_wijk(&plain_dir, "wijk.sqlite", None);
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", Some(KEY));
    let (nodes, _) = demo_records();
    let person = nodes[5].id.clone();
    for command in [
        vec!["stats", "--json"],
        vec!["kenners", "--json"],
        vec!["risks", "--json"],
        vec!["needs", "--json"],
        vec!["ego", &person, "--json"],
        vec!["path", "--from", &person, "--offers", "taal", "--json"],
        vec!["consent", &person, "--json"],
        vec!["review", "--json"],
    ] {
        let with = |db: &Path, passphrase: Option<&str>| {
            let mut args = vec![command[0], "--db", arg(db)];
            args.extend(&command[1..]);
            ok(&run_with(
                if passphrase.is_some() {
                    &dir
                } else {
                    &plain_dir
                },
                passphrase,
                &args,
            ))
        };
        assert_eq!(with(&db, Some(KEY)), with(&plain, None), "{command:?}");
    }
    // The writing commands work too, and the wijk stays encrypted and sound.
    let out = dir.path("uit");
    std::fs::create_dir(&out).unwrap();
    for command in [
        vec![
            "export",
            "--format",
            "json",
            "--out",
            &format!("{}/wijk.json", arg(&out)),
        ],
        vec!["inzage", &person, "--out", arg(&out)],
        vec!["retention", "--person", "24"],
        vec!["forget", &person],
        vec!["backup"],
        vec!["restore"],
        vec!["check"],
    ] {
        let mut args = vec![command[0], "--db", arg(&db)];
        args.extend(&command[1..]);
        ok(&run_with(&dir, Some(KEY), &args));
        assert!(crypt::is_encrypted(&db), "{command:?}");
    }
    assert!(out.join("wijk.json").exists() && out.join("inzage.json").exists());
    for copy in wijkweb::store::privacy::copies(&db) {
        assert!(crypt::is_encrypted(&copy), "{}", copy.display());
    }
}

#[test]
fn forget_reaches_into_the_encrypted_backups() {
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", Some(KEY));
    let (nodes, _) = demo_records();
    let person = &nodes[3];
    let report = ok(&run_with(
        &dir,
        Some(KEY),
        &["forget", "--db", arg(&db), &person.id, "--json"],
    ));
    assert!(report.contains("backups_cleaned"), "{report}");
    let copies = wijkweb::store::privacy::copies(&db);
    assert!(!copies.is_empty());
    for copy in copies.iter().chain([&db]) {
        assert!(crypt::is_encrypted(copy));
        let store = Store::open_keyed(copy, OpenMode::ReadOnly, Some(&key(KEY))).unwrap();
        assert!(
            store.node(&person.id).unwrap().is_none(),
            "{}",
            copy.display()
        );
        assert!(
            store.find_nodes(&person.name).unwrap().is_empty(),
            "{}",
            copy.display()
        );
    }
}

#[test]
fn encrypt_rekey_and_decrypt_a_wijk_and_its_backups() {
    let strings = personal_strings();
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", None);
    // A copy from an upgrade lies beside it too.
    std::fs::copy(&db, dir.path("wijk.sqlite.bak-v2")).unwrap();
    let stats = ok(&run_with(
        &dir,
        None,
        &["stats", "--db", arg(&db), "--json"],
    ));
    let export = |passphrase: Option<&str>, name: &str| {
        let out = dir.path(name);
        ok(&run_with(
            &dir,
            passphrase,
            &[
                "export",
                "--db",
                arg(&db),
                "--format",
                "json",
                // Her own lossless copy: a snapshot for sharing hides a withdrawn person
                // under a pseudonym drawn anew each time.
                "--backup",
                "--out",
                arg(&out),
            ],
        ));
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap();
        value.as_object_mut().unwrap().remove("exported_at");
        value
    };
    let before = export(None, "voor.json");
    let schema = |store: &Store| store.check().unwrap();
    let plain_check = schema(&Store::open(&db, OpenMode::ReadOnly).unwrap());

    // A short passphrase is refused, and nothing changes.
    let files = snapshot_files(&db);
    let out = run_with(&dir, Some("kort"), &["encrypt", "--db", arg(&db)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at least 10 characters"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot_files(&db), files);

    let said = ok(&run_with(&dir, Some(KEY), &["encrypt", "--db", arg(&db)]));
    assert!(said.contains("3 backups and other copies"), "{said}");
    assert_no_leaks(dir.dir.path(), &strings);
    assert!(!dir.path("wijk.sqlite.old").exists() && !dir.path("wijk.sqlite.converting").exists());
    let out = run_with(&dir, None, &["stats", "--db", arg(&db)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        ok(&run_with(
            &dir,
            Some(KEY),
            &["stats", "--db", arg(&db), "--json"]
        )),
        stats
    );
    assert_eq!(
        export(Some(KEY), "na.json"),
        before,
        "every record came along"
    );
    // Schema, audit chain and counts are as they were; the log says it was encrypted.
    let store = Store::open_keyed(&db, OpenMode::ReadOnly, Some(&key(KEY))).unwrap();
    let encrypted_check = schema(&store);
    assert!(encrypted_check.is_ok(), "{encrypted_check:?}");
    assert_eq!(encrypted_check.stats, plain_check.stats);
    assert_eq!(encrypted_check.schema_version, plain_check.schema_version);
    assert!(
        store
            .audit_log()
            .unwrap()
            .iter()
            .any(|e| e.action == "encrypt")
    );
    drop(store);
    let again = run_with(&dir, Some(KEY), &["encrypt", "--db", arg(&db)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("encrypted already"),
        "{}",
        stderr(&again)
    );

    // Rekey: the old passphrase no longer opens the wijk or its backups; the new one does.
    let mut cmd = wijkweb(dir.dir.path());
    let said = cmd
        .env("WIJKWEB_KEY", KEY)
        .env("WIJKWEB_NEW_KEY", OTHER_KEY)
        .args(["rekey", "--db", arg(&db)])
        .output()
        .unwrap();
    assert!(ok(&said).contains("3 backups"), "{}", stdout(&said));
    for file in [db.clone()]
        .iter()
        .chain(&wijkweb::store::privacy::copies(&db))
    {
        assert!(matches!(
            Store::open_keyed(file, OpenMode::ReadOnly, Some(&key(KEY))),
            Err(wijkweb::StoreError::WrongKey(_))
        ));
        assert!(
            wijkweb::store::backup::verify(file, Some(&key(OTHER_KEY))),
            "{}",
            file.display()
        );
    }
    assert_eq!(
        ok(&run_with(
            &dir,
            Some(OTHER_KEY),
            &["stats", "--db", arg(&db), "--json"]
        )),
        stats
    );
    ok(&run_with(
        &dir,
        Some(OTHER_KEY),
        &["restore", "--db", arg(&db)],
    ));
    assert_eq!(export(Some(OTHER_KEY), "hersteld.json"), before);

    // Decrypt writes a plain copy, owner-only, only where asked, and the log says so.
    let plain = dir.path("los.sqlite");
    ok(&run_with(
        &dir,
        Some(OTHER_KEY),
        &["decrypt", "--db", arg(&db), "--out", arg(&plain)],
    ));
    assert!(!crypt::is_encrypted(&plain));
    assert_eq!(
        ok(&run_with(
            &dir,
            None,
            &["stats", "--db", arg(&plain), "--json"]
        )),
        stats
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&plain).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let log = Store::open_keyed(&db, OpenMode::ReadOnly, Some(&key(OTHER_KEY)))
        .unwrap()
        .audit_log()
        .unwrap();
    assert!(log.iter().any(
        |e| e.action == "decrypt" && e.after.as_ref().is_some_and(|d| d.contains("los.sqlite"))
    ));
    // Never over an existing file.
    let existing = std::fs::read(&plain).unwrap();
    let out = run_with(
        &dir,
        Some(OTHER_KEY),
        &["decrypt", "--db", arg(&db), "--out", arg(&plain)],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&plain).unwrap(), existing);
    // Rekey of a plain wijk and decrypt of a plain wijk are refused.
    for command in [vec!["rekey"], vec!["decrypt", "--out", "x.sqlite"]] {
        let mut args = vec![command[0], "--db", arg(&plain)];
        args.extend(&command[1..]);
        let out = run_with(&dir, Some(OTHER_KEY), &args);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        assert!(stderr(&out).contains("not encrypted"), "{}", stderr(&out));
    }
}

#[test]
fn a_new_wijk_is_encrypted_when_a_passphrase_is_given_and_too_short_ones_are_refused() {
    let dir = Dir::new();
    let db = dir.path("nieuw.sqlite");
    let out = run_with(&dir, Some("kort"), &["import", "--db", arg(&db), DEMO]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at least 10 characters"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists() || std::fs::metadata(&db).unwrap().len() == 0);
    ok(&run_with(
        &dir,
        Some(KEY),
        &["import", "--db", arg(&db), DEMO],
    ));
    assert!(crypt::is_encrypted(&db));
    // A plain wijk opened with a passphrase is opened as it is, with a note.
    let plain = dir.path("plain.sqlite");
    ok(&run_with(
        &dir,
        None,
        &["import", "--db", arg(&plain), DEMO],
    ));
    let out = run_with(&dir, Some(KEY), &["stats", "--db", arg(&plain)]);
    assert!(
        stderr(&out).contains("is not encrypted"),
        "{}",
        stderr(&out)
    );
    assert!(out.status.success());
    assert!(!crypt::is_encrypted(&plain));
}

/// Runs `wijkweb ARGS` on a terminal (a pseudo-terminal made by `script`), answering each
/// prompt that contains `prompt` with the next of `answers` once it shows. Returns all the
/// terminal showed and the exit status. (`script` is a Unix tool.)
#[cfg(unix)]
fn on_terminal(dir: &Dir, args: &[&str], prompt: &str, answers: &[&str]) -> (String, bool) {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let binary = assert_cmd::cargo::cargo_bin("wijkweb");
    let command = std::iter::once(binary.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env("HOME", dir.dir.path())
        .env("WIJKWEB_USER", "test")
        .env_remove("WIJKWEB_KEY")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("terminal reader".into())
        .spawn(move || {
            let mut buffer = [0u8; 256];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        })
        .unwrap();
    let mut shown = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    for answer in answers {
        let asked = shown.matches(prompt).count();
        while shown.matches(prompt).count() == asked {
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = receiver.recv_timeout(left).unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("no prompt '{prompt}' shown; the terminal showed: {shown}")
            });
            shown.push_str(&String::from_utf8_lossy(&chunk));
        }
        // Echo is off by the time the prompt is shown.
        std::thread::sleep(Duration::from_millis(100));
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let status = child.wait().unwrap();
    while let Ok(chunk) = receiver.recv_timeout(Duration::from_secs(5)) {
        shown.push_str(&String::from_utf8_lossy(&chunk));
    }
    (shown, status.success())
}

#[cfg(unix)]
#[test]
fn the_passphrase_is_asked_without_echo_with_encrypt() {
    let dir = Dir::new();
    let db = dir.path("gevraagd.sqlite");
    let (shown, success) = on_terminal(
        &dir,
        &["import", "--db", arg(&db), "--encrypt", DEMO],
        "assphrase",
        &[KEY, KEY],
    );
    assert!(success, "{shown}");
    assert!(shown.contains("New passphrase for"), "{shown}");
    assert!(!shown.contains(KEY), "the passphrase was echoed: {shown}");
    assert!(crypt::is_encrypted(&db));
    ok(&run_with(&dir, Some(KEY), &["stats", "--db", arg(&db)]));

    // Opening asks once; two different new passphrases are refused.
    let (shown, success) = on_terminal(
        &dir,
        &["stats", "--db", arg(&db), "--encrypt"],
        "assphrase",
        &[KEY],
    );
    assert!(success && shown.contains("nodes: 250"), "{shown}");
    let other = dir.path("anders.sqlite");
    let (shown, success) = on_terminal(
        &dir,
        &["import", "--db", arg(&other), "--encrypt", DEMO],
        "assphrase",
        &[KEY, OTHER_KEY],
    );
    assert!(!success && shown.contains("differ"), "{shown}");
    assert!(!other.exists());

    // Without a terminal and without WIJKWEB_KEY, it says how to give it.
    let out = run_with(&dir, None, &["stats", "--db", arg(&db), "--encrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("WIJKWEB_KEY"), "{}", stderr(&out));
}

#[test]
fn encrypt_waits_for_no_reader_and_reports_a_copy_it_cannot_open() {
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", None);

    // A reader in the middle of a read: its view of the WAL must not be pulled away.
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM nodes", [], |r| r.get(0))
        .unwrap();
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let log_before = store.audit_log().unwrap().len();
    let refused = store.encrypt(&key(KEY));
    assert!(
        matches!(refused, Err(wijkweb::StoreError::Locked(_))),
        "{refused:?}"
    );
    assert!(!crypt::is_encrypted(&db));
    assert!(!dir.path("wijk.sqlite.converting").exists());
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert!(store.check().unwrap().is_ok());
    assert_eq!(
        store.audit_log().unwrap().len(),
        log_before,
        "nothing written"
    );
    assert_eq!(store.stats().unwrap().nodes, 250);
    drop(store);

    // A copy encrypted with another passphrase is left as it is and named; the rest goes on.
    let stranger = dir.path("wijk.sqlite.bak-v1");
    drop(wijkweb::demo::create_keyed(&stranger, Some(&key(OTHER_KEY))).unwrap());
    let report = Store::open(&db, OpenMode::Existing)
        .unwrap()
        .encrypt(&key(KEY))
        .unwrap();
    assert!(crypt::is_encrypted(&db));
    assert_eq!(report.left.len(), 1, "{report:?}");
    assert_eq!(report.left[0].0, stranger);
    assert!(report.left[0].1.contains("passphrase"), "{report:?}");
    assert_eq!(report.converted.len(), 2, "{report:?}");
    assert!(wijkweb::store::backup::verify(
        &stranger,
        Some(&key(OTHER_KEY))
    ));
}

#[test]
fn restoring_a_plain_backup_over_an_encrypted_wijk_says_so() {
    let dir = Dir::new();
    let db = demo_wijk(&dir, "wijk.sqlite", Some(KEY));
    let plain = demo_wijk(&dir, "ander.sqlite", None);
    let out = run_with(
        &dir,
        Some(KEY),
        &["restore", "--db", arg(&db), "--from", arg(&plain)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("encrypt it again with `wijkweb encrypt"),
        "{}",
        stderr(&out)
    );
    assert!(!crypt::is_encrypted(&db));
    // The encrypted file it replaced is kept aside, still encrypted.
    let aside: Vec<PathBuf> = wijkweb::store::privacy::copies(&db)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".replaced-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(crypt::is_encrypted(&aside[0]));
}
