//! What a deliberate attack on the wijk file, the imports and the exports found (issue "no
//! trace, no crash, no way in"), each as a test that reproduces the attack and asserts what
//! must hold.

mod util;

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use util::{Dir, SMALL_WIJK, db_from_json, import, run, stderr};
use wijkweb::app::WijkApp;
use wijkweb::{OpenMode, Store};

/// A JSON snapshot of two persons, one of them with `field` set to `value` (raw JSON).
fn snapshot_with(field: &str, value: &str) -> String {
    format!(
        r#"{{"format":"wijkweb","version":1,"nodes":[
{{"id":"a","kind":"person","name":"Anja"}},
{{"id":"b","kind":"person","name":"Bep","{field}":{value}}}
],"relations":[{{"source":"a","target":"b","kind":"friend"}}]}}"#
    )
}

/// Imports `json` into a fresh wijk; the output, and the wijk's node count after.
fn import_json(dir: &Dir, json: &str) -> (std::process::Output, usize) {
    let db = dir.path("w.wijk");
    let file = dir.write("in.json", json);
    let out = import(dir, &db, &[&file]);
    let count = Store::open(&db, OpenMode::ReadOnly)
        .map(|s| s.nodes().unwrap().len())
        .unwrap_or(0);
    (out, count)
}

/// Writes `sql` straight into the wijk file, as a tampering hand would.
fn tamper(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn a_position_of_1e308_in_a_file_is_refused_with_its_line_and_field() {
    let dir = Dir::new();
    let json = snapshot_with("x", "1e308, \"y\": 0");
    let (out, count) = import_json(&dir, &json);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("in.json") && err.contains("line 3"), "{err}");
    assert!(err.contains("x") && err.contains("1000000"), "{err}");
    assert_eq!(count, 0, "nothing imported");
}

#[test]
fn a_wijk_with_a_tampered_position_opens_lays_out_and_draws() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    tamper(
        &db,
        "UPDATE nodes SET x = 1e308, y = 0 WHERE id = 'anja';
         UPDATE nodes SET x = 5, y = -1e300 WHERE id = 'fatima';",
    );
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let nodes = store.nodes().unwrap();
    let anja = nodes.iter().find(|n| n.id == "anja").unwrap();
    assert_eq!(
        (anja.x, anja.y),
        (None, None),
        "an unusable place reads as none"
    );
    drop(store);
    dir.wijkweb("layout").db(&db).ok();
    // The app opens it and draws frames without panicking.
    let mut harness = util::app::app_on(&db, &dir.path("settings.json"));
    for _ in 0..5 {
        harness.run();
    }
    assert!(harness.state().session().is_some());
}

#[test]
fn the_app_starts_on_the_welcome_screen_when_the_last_wijk_cannot_be_opened() {
    let dir = Dir::new();
    let settings = dir.path("settings.json");
    let broken = dir.write(
        "kapot.wijk",
        b"SQLite format 3\0 but then nothing good".repeat(50),
    );
    let mut app = WijkApp::new(Some(settings.clone()));
    let db = db_from_json(&dir, "goed.wijk", SMALL_WIJK);
    app.start(Some(db), None);
    drop(app);
    // Remember the broken file as the last one, as a crash or tampering would leave it.
    let mut saved = wijkweb::app::settings::Settings::load(&settings);
    saved.remember(&broken);
    saved.save(&settings).unwrap();
    let mut app = WijkApp::new(Some(settings));
    let default_db = dir.path("data/wijk.sqlite");
    app.start(None, Some(default_db.clone()));
    let harness = util::app::harness(app);
    assert!(
        harness.state().session().is_none(),
        "no other wijk hides it"
    );
    assert!(!default_db.exists(), "no demo made over it");
    let message = harness.state().message().map(|m| m.text.clone());
    assert!(
        message.as_deref().is_some_and(|m| m.contains("kapot.wijk")),
        "{message:?}"
    );
    harness.get_by_label("Openen…");
    harness.get_by_label("De demowijk bekijken");
}

#[test]
fn a_20_mb_name_and_a_1_mb_name_are_refused_with_the_bound() {
    let dir = Dir::new();
    for size in [20_000_000, 1_000_000, 201] {
        let name = format!("\"{}\"", "a".repeat(size));
        let json = snapshot_with("name", &name).replace(r#""name":"Bep","#, "");
        let (out, count) = import_json(&dir, &json);
        assert!(!out.status.success(), "{size}");
        let err = stderr(&out);
        assert!(err.contains("name") && err.contains("at most 200"), "{err}");
        assert!(err.len() < 1000, "the message does not repeat the name");
        assert_eq!(count, 0);
    }
}

#[test]
fn notes_past_20000_characters_and_a_terminal_escape_in_a_name_are_refused() {
    let dir = Dir::new();
    let notes = format!("\"{}\"", "x".repeat(20_001));
    let (out, _) = import_json(&dir, &snapshot_with("notes", &notes));
    assert!(stderr(&out).contains("at most 20000"), "{}", stderr(&out));
    let notes = format!("\"{}\"", "x\\n".repeat(6_000));
    let (out, count) = import_json(&dir, &snapshot_with("notes", &notes));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count, 2);
    let dir = Dir::new();
    let json = snapshot_with("role", "\"buur\\u001b]0;gehackt\\u0007\"");
    let (out, count) = import_json(&dir, &json);
    let err = stderr(&out);
    assert!(err.contains("U+001B") && err.contains("role"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "the escape never reaches the terminal raw"
    );
    assert_eq!(count, 0);
}

#[test]
fn a_name_past_the_bound_is_refused_by_an_edit_and_the_wijk_keeps_the_old_one() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let mut node = store.node("anja").unwrap().unwrap();
    node.name = "a".repeat(201);
    let err = store.update_node(node).unwrap_err().to_string();
    assert!(err.contains("name") && err.contains("at most 200"), "{err}");
    assert_eq!(store.node("anja").unwrap().unwrap().name, "Anja Bakker");
}

/// Imports `bytes` as `name` into a fresh wijk of `dir`.
fn import_file(dir: &Dir, name: &str, bytes: &[u8]) -> (std::process::Output, PathBuf) {
    let db = dir.path(&format!("{name}.wijk"));
    let file = dir.write(name, bytes);
    (import(dir, &db, &[&file]), db)
}

#[test]
fn a_graphml_nested_20000_deep_is_refused_with_a_message_not_a_stack_overflow() {
    let dir = Dir::new();
    let depth = 20_000;
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<graphml>\n<graph>\n{}{}</graph></graphml>",
        "<node id=\"a\">".repeat(depth),
        "</node>".repeat(depth)
    );
    let (out, db) = import_file(&dir, "diep.graphml", xml.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("diep.graphml, line 4") && err.contains("nested more than 64"),
        "{err}"
    );
    assert!(
        !db.exists()
            || Store::open(&db, OpenMode::ReadOnly)
                .unwrap()
                .nodes()
                .unwrap()
                .is_empty()
    );
    // Nesting within GraphML's own, with comments and quoted '>' about, still goes in.
    let xml = "<?xml version=\"1.0\"?><graphml><!-- <a><b><c> --><key id=\"d0\" for=\"node\" attr.name=\"name\"/>\
        <graph><node id=\"x\" note=\"a > b\"><data key=\"d0\"><![CDATA[<Anja>]]></data></node></graph></graphml>";
    let (out, db) = import_file(&dir, "ok.graphml", xml.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let nodes = Store::open(&db, OpenMode::ReadOnly)
        .unwrap()
        .nodes()
        .unwrap();
    assert_eq!(nodes[0].name, "<Anja>");
}

/// The demo wijk as a GraphML export, in `dir`.
fn demo_graphml(dir: &Dir) -> Vec<u8> {
    let db = dir.path("demo.wijk");
    drop(wijkweb::demo::create(&db).unwrap());
    let out_file = dir.path("demo.graphml");
    dir.wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("graphml")
        .out(&out_file)
        .ok();
    std::fs::read(out_file).unwrap()
}

#[test]
fn a_truncated_graphml_names_its_real_last_line() {
    let dir = Dir::new();
    let full = demo_graphml(&dir);
    let cut = &full[..full.len() / 3];
    let last_line = 1 + cut.iter().filter(|&&b| b == b'\n').count();
    let (out, _) = import_file(&dir, "half.graphml", cut);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("half.graphml, line {last_line}:")),
        "{err} (the file has {last_line} lines)"
    );
}

#[test]
fn an_unclosed_quote_in_a_csv_is_refused_at_the_line_where_it_opened() {
    let dir = Dir::new();
    let csv = "name;role;notes\nAnja;buur;\"begint hier\nBep;buur;\nCor;buur;\nDirk;buur;\n";
    let (out, db) = import_file(&dir, "namen.csv", csv.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("namen.csv, line 2") && err.contains("never closed"),
        "{err}"
    );
    assert!(
        !db.exists()
            || Store::open(&db, OpenMode::ReadOnly)
                .unwrap()
                .nodes()
                .unwrap()
                .is_empty()
    );
    // A quoted value over two lines, with a doubled quote inside, is fine.
    let csv = "name;notes\nAnja;\"zegt \"\"hoi\"\"\nen gaat\"\nBep;\n";
    let (out, db) = import_file(&dir, "goed.csv", csv.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        Store::open(&db, OpenMode::ReadOnly)
            .unwrap()
            .nodes()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn json_that_is_not_utf8_is_refused_not_read_as_windows_1252() {
    let dir = Dir::new();
    let text = snapshot_with("role", "\"café\"");
    let (json, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let (out, db) = import_file(&dir, "latin.json", &json);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("latin.json, line 3") && err.contains("not UTF-8"),
        "{err}"
    );
    assert!(
        !db.exists()
            || Store::open(&db, OpenMode::ReadOnly)
                .unwrap()
                .nodes()
                .unwrap()
                .is_empty()
    );
}

/// The permission bits of `path`.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_fifo_given_as_the_wijk_is_refused_at_once_not_waited_on() {
    let dir = Dir::new();
    let fifo = dir.path("pijp.wijk");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for command in ["stats", "check", "kenners"] {
        let out = util::wijkweb(dir.dir.path())
            .args([command, "--db", fifo.to_str().unwrap()])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(err.contains("not a regular file"), "{command}: {err}");
        assert!(matches!(out.status.code(), Some(1 | 2)), "{command}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_hard_linked_second_name_is_refused_for_writing_and_readers_still_read() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    let other = dir.path("tweede-naam.wijk");
    std::fs::hard_link(&db, &other).unwrap();
    for name in [&db, &other] {
        let refused = Store::open(name, OpenMode::Existing);
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("second name"), "{message}");
    }
    // Readers are never kept out.
    assert_eq!(
        Store::open(&other, OpenMode::ReadOnly)
            .unwrap()
            .nodes()
            .unwrap()
            .len(),
        4
    );
    // One name again: writable again.
    std::fs::remove_file(&other).unwrap();
    assert!(Store::open(&db, OpenMode::Existing).is_ok());
}

#[cfg(unix)]
#[test]
fn encrypt_never_overwrites_what_a_symlink_at_converting_or_old_points_to() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    let victims = [
        dir.write("slachtoffer1", "belangrijk 1"),
        dir.write("slachtoffer2", "belangrijk 2"),
    ];
    for (suffix, victim) in [(".converting", &victims[0]), (".old", &victims[1])] {
        let link = PathBuf::from(format!("{}{suffix}", db.display()));
        std::os::unix::fs::symlink(victim, link).unwrap();
    }
    let out = util::wijkweb(dir.dir.path())
        .args(["encrypt", "--db", db.to_str().unwrap()])
        .env("WIJKWEB_KEY", "een lange geheime zin")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&victims[0]).unwrap(),
        "belangrijk 1"
    );
    assert_eq!(
        std::fs::read_to_string(&victims[1]).unwrap(),
        "belangrijk 2"
    );
    // The wijk itself is encrypted and whole.
    let key = wijkweb::store::crypt::Key::new("een lange geheime zin").unwrap();
    let store = Store::open_keyed(&db, OpenMode::ReadOnly, Some(&key)).unwrap();
    assert_eq!(store.nodes().unwrap().len(), 4);
}

#[cfg(unix)]
#[test]
fn every_file_of_a_wijk_is_private_and_its_folders_too() {
    let dir = Dir::new();
    let home = dir.path("nieuw/map");
    let db = home.join("w.wijk");
    let json = dir.write("in.json", SMALL_WIJK);
    // Through the command line, and in the library without the binary's umask.
    let out = util::wijkweb(dir.dir.path())
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            json.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    dir.wijkweb("backup").db(&db).ok();
    let lib_db = dir.path("bibliotheek.wijk");
    let store = Store::open(&lib_db, OpenMode::CreateIfMissing).unwrap();
    store.backup().unwrap();
    drop(store);
    let backups = |db: &Path| PathBuf::from(format!("{}.backups", db.display()));
    for folder in [home.clone(), backups(&db), backups(&lib_db)] {
        assert_eq!(mode(&folder), 0o700, "{folder:?}");
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                assert_eq!(mode(&path), 0o600, "{path:?}");
            }
        }
    }
    for file in [
        lib_db.clone(),
        PathBuf::from(format!("{}.lock", lib_db.display())),
    ] {
        assert_eq!(mode(&file), 0o600, "{file:?}");
    }
}

#[test]
fn a_wal_wijk_reads_through_the_immutable_uri_of_read_only_media() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    let uri = wijkweb::store::files::immutable_uri(&db);
    let conn = rusqlite::Connection::open_with_flags(
        &uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM nodes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 4);
    assert!(
        !PathBuf::from(format!("{}-shm", db.display())).exists(),
        "nothing written beside it"
    );
}

/// The small wijk with a few edits in its audit log, and a backup made after them.
fn edited_db(dir: &Dir) -> PathBuf {
    let db = db_from_json(dir, "w.wijk", SMALL_WIJK);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    for role in ["buurvrouw", "vrijwilliger", "maatje"] {
        let mut anja = store.node("anja").unwrap().unwrap();
        anja.role = Some(role.into());
        store.update_node(anja).unwrap();
    }
    store.backup().unwrap();
    db
}

/// `wijkweb check` on `db`: whether it passed, and what it printed.
fn check(dir: &Dir, db: &Path) -> (bool, String) {
    let out = dir.wijkweb("check").db(db).run();
    (
        out.status.success(),
        format!("{}{}", util::stdout(&out), stderr(&out)),
    )
}

#[test]
fn a_planted_trigger_that_keeps_a_forgotten_person_is_refused_at_open() {
    let dir = Dir::new();
    let db = edited_db(&dir);
    tamper(
        &db,
        "CREATE TABLE kept (id TEXT, name TEXT);
         CREATE TRIGGER keep_her BEFORE DELETE ON nodes
         BEGIN INSERT INTO kept VALUES (OLD.id, OLD.name); END;",
    );
    let out = dir.wijkweb("forget").db(&db).arg("fatima").run();
    assert!(!out.status.success(), "forget must not report success");
    let err = stderr(&out);
    assert!(
        err.contains("trigger 'keep_her'") && err.contains("did not make"),
        "{err}"
    );
    for mode in [OpenMode::ReadOnly, OpenMode::Reader, OpenMode::Existing] {
        assert!(Store::open(&db, mode).is_err(), "{mode:?}");
    }
}

#[test]
fn blanking_an_audit_row_by_hand_is_found_by_check() {
    let dir = Dir::new();
    let db = edited_db(&dir);
    assert!(check(&dir, &db).0, "{}", check(&dir, &db).1);
    tamper(
        &db,
        "UPDATE audit SET before = NULL, after = NULL, nonce = NULL, erased = 1 WHERE seq = 2",
    );
    let (ok, said) = check(&dir, &db);
    assert!(!ok, "{said}");
    assert!(said.contains("audit row 2 was blanked"), "{said}");
    // A real erasure lists its rows and checks intact.
    let dir = Dir::new();
    let db = edited_db(&dir);
    dir.wijkweb("forget").db(&db).arg("anja").ok();
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
}

#[test]
fn dropped_triggers_are_reported_and_put_back_by_check() {
    let dir = Dir::new();
    let db = edited_db(&dir);
    tamper(
        &db,
        "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_only_erasure;",
    );
    let (ok, said) = check(&dir, &db);
    assert!(!ok, "{said}");
    assert!(
        said.contains("'audit_no_delete' was missing; put back")
            && said.contains("'audit_only_erasure' was missing; put back"),
        "{said}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let refused = conn.execute("DELETE FROM audit WHERE seq = 1", []);
    assert!(refused.is_err(), "the log is append-only again");
    drop(conn);
    let (ok, said) = check(&dir, &db);
    assert!(ok, "once put back, check is clean: {said}");
}

#[test]
fn removing_the_last_audit_rows_is_found_against_the_newest_backup() {
    for keep in [2, 0] {
        let dir = Dir::new();
        let db = edited_db(&dir);
        remove_audit_rows_after(&db, keep);
        let (ok, said) = check(&dir, &db);
        assert!(!ok, "keep {keep}: {said}");
        assert!(said.contains("rows were removed from its end"), "{said}");
    }
}

#[test]
fn an_unchanged_reimport_writes_only_its_summary_row() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let json = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo-wijk.wijkweb.json"
    ));
    let audit_rows = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    let out = import(&dir, &db, &[json]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = audit_rows(&db);
    let out = import(&dir, &db, &[json]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = util::stdout(&out);
    assert!(said.contains("0 updated, 250 unchanged"), "{said}");
    assert_eq!(
        audit_rows(&db),
        before + 1,
        "one summary row, no row per node"
    );
    // A real change is still written and logged.
    let changed = std::fs::read_to_string(json).unwrap().replacen(
        "\"role\":\"welzijnsorganisatie\"",
        "\"role\":\"welzijnsstichting\"",
        1,
    );
    let changed = dir.write("veranderd.json", changed);
    let out = import(&dir, &db, &[&changed]);
    assert!(
        util::stdout(&out).contains("1 updated"),
        "{}",
        util::stdout(&out)
    );
    assert_eq!(audit_rows(&db), before + 3);
}

/// Exports the wijk `db` as pseudonymised JSON (`extra` arguments added); its nodes and
/// relations.
fn pseudonymised(
    dir: &Dir,
    db: &Path,
    extra: &[&str],
) -> (Vec<wijkweb::Node>, Vec<wijkweb::Relation>) {
    let out_file = dir.path(&format!("p-{}.json", wijkweb::model::new_id()));
    let mut args = vec![
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
        "--pseudonymise",
        "--out",
        out_file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read(&out_file).unwrap();
    let mut batch = wijkweb::records::ImportBatch::default();
    wijkweb::exchange::json::read("p.json", &text, &mut batch).unwrap();
    (
        batch.nodes.into_iter().map(|r| r.node).collect(),
        batch.relations.into_iter().map(|r| r.relation).collect(),
    )
}

#[test]
fn a_pseudonymised_export_cannot_be_matched_with_the_wijk_by_position_number_or_letter() {
    let dir = Dir::new();
    let db = util::app::demo_db(&dir);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    // The wijk as an attacker may know it: in the order of its ids (and so of its names).
    let (nodes, relations) = store.load().unwrap();
    drop(store);
    let persons = nodes
        .iter()
        .filter(|n| n.kind == wijkweb::NodeKind::Person)
        .count();
    let mut orders = Vec::new();
    for _ in 0..2 {
        let made = wijkweb::privacy::pseudonymise(
            &nodes,
            &relations,
            wijkweb::privacy::PseudonymOptions::default(),
            None,
        );
        // The library tells the test (never the file) where each came from.
        let by_position = made
            .from
            .iter()
            .enumerate()
            .filter(|(i, k)| i == *k)
            .count();
        let person_rank: Vec<usize> = made
            .from
            .iter()
            .filter(|&&k| nodes[k].kind == wijkweb::NodeKind::Person)
            .map(|&k| {
                nodes[..k]
                    .iter()
                    .filter(|n| n.kind == wijkweb::NodeKind::Person)
                    .count()
            })
            .collect();
        let by_number = made
            .nodes
            .iter()
            .filter(|n| n.id.starts_with("persoon-"))
            .zip(&person_rank)
            .filter(|(n, rank)| n.id == format!("persoon-{}", *rank + 1))
            .count();
        assert!(
            by_position < 10 && by_number < 10,
            "matched {by_position} by position and {by_number} by number of {persons}"
        );
        orders.push(made.from);
    }
    assert_ne!(orders[0], orders[1], "each export draws its own order");
    // And the file holds no person's place on the map to match her by.
    let (exported, _) = pseudonymised(&dir, &db, &[]);
    let placed = exported
        .iter()
        .filter(|n| n.id.starts_with("persoon-") && n.x.is_some())
        .count();
    assert_eq!(placed, 0, "no person's place leaves with her pseudonym");
}

#[test]
fn a_casus_export_names_each_person_by_her_tie_to_the_resident_not_her_role() {
    let dir = Dir::new();
    let db = util::app::demo_db(&dir);
    let (nodes, _) = pseudonymised(&dir, &db, &["--ego", "Emine El Idrissi", "--depth", "1"]);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let roles: std::collections::HashSet<String> = store
        .nodes()
        .unwrap()
        .into_iter()
        .filter_map(|n| n.role)
        .collect();
    let ties = [
        "bewoner",
        "familielid",
        "buur",
        "vriend",
        "maatje",
        "kennis",
        "mantelzorger",
        "naaste",
        "verwijzer",
        "doorverwezen",
        "coördinator",
        "betrokkene",
    ];
    let persons: Vec<&wijkweb::Node> = nodes
        .iter()
        .filter(|n| n.id.starts_with("persoon-"))
        .collect();
    assert!(persons.len() > 3);
    assert_eq!(
        persons.iter().filter(|n| n.name == "bewoner").count(),
        1,
        "the resident"
    );
    for n in &persons {
        let word = n.name.rsplit_once(' ').map_or(n.name.as_str(), |(w, _)| w);
        assert!(ties.contains(&word), "{} is no tie to the resident", n.name);
        assert!(
            n.role.as_ref().is_none_or(|r| !roles.contains(r)),
            "{} keeps a role",
            n.name
        );
    }
}

#[test]
fn a_backup_snapshot_keeps_a_withdrawn_person_whole_and_reimports_without_doubles() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    dir.wijkweb("consent")
        .db(&db)
        .arg("fatima")
        .arg("--withdraw")
        .ok();
    let export = |extra: &[&str], name: &str| -> serde_json::Value {
        let file = dir.path(name);
        let mut args = vec![
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = run(&dir, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
    };
    let plain = export(&[], "gewoon.json");
    assert_eq!(plain["purpose"], "export");
    assert!(
        !plain.to_string().contains("Fatima"),
        "withdrawn: hidden in any export"
    );
    let shared = export(&["--pseudonymise"], "delen.json");
    assert_eq!(shared["purpose"], "sharing");
    assert!(
        !shared.to_string().contains("Anja"),
        "shared: pseudonymised"
    );
    let backup = export(&["--backup"], "reserve.json");
    assert_eq!(backup["purpose"], "backup");
    assert!(
        backup.to_string().contains("Fatima El Idrissi"),
        "her own copy is whole"
    );
    // Back into the same wijk: nothing doubles.
    let file = dir.path("reserve.json");
    let out = import(&dir, &db, &[&file]);
    assert!(
        util::stdout(&out).contains("0 nodes added"),
        "{}",
        util::stdout(&out)
    );
    assert_eq!(
        Store::open(&db, OpenMode::ReadOnly)
            .unwrap()
            .nodes()
            .unwrap()
            .len(),
        4
    );
    // A backup is never one person's network, nor pseudonymised.
    let out = dir
        .wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("json")
        .arg("--backup")
        .arg("--pseudonymise")
        .arg("--out")
        .arg("x.json")
        .run();
    assert!(!out.status.success());
}

/// Every file under `dir` that holds `needle` (as bytes).
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
            {
                found.push(path);
            }
        }
    }
    found
}

/// The small wijk in its own folder, with Anja moved on the map and in two backups.
fn wijk_with_backups(dir: &Dir) -> PathBuf {
    let home = dir.path("wijk");
    std::fs::create_dir_all(&home).unwrap();
    let db = home.join("w.wijk");
    let json = dir.write("in.json", SMALL_WIJK);
    assert!(import(dir, &db, &[&json]).status.success());
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store
        .move_nodes(&[wijkweb::store::history::Place {
            id: "anja".into(),
            x: Some(3.0),
            y: Some(4.0),
            pinned: true,
        }])
        .unwrap();
    store.backup().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.backup().unwrap();
    db
}

#[test]
fn an_erasure_that_meets_a_copy_it_cannot_open_removes_it_and_leaves_her_nowhere() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let folder = PathBuf::from(format!("{}.backups", db.display()));
    // A damaged backup, a foreign file under a backup's name, a half-written backup.
    let newest = wijkweb::store::backup::list(&db)[0].path.clone();
    let mut damaged = std::fs::read(&newest).unwrap();
    damaged.truncate(damaged.len() / 2);
    let damaged_path = folder.join("backup-20200101T000000Z.sqlite");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let foreign = folder.join("backup-20200102T000000Z.sqlite");
    std::fs::write(&foreign, b"not a database, but it names Anja Bakker").unwrap();
    let partial = folder.join("backup-20200103T000000Z.sqlite.partial");
    std::fs::write(&partial, &damaged).unwrap();
    assert!(!files_holding(&dir.path("wijk"), b"Anja Bakker").is_empty());

    let out = dir.wijkweb("forget").db(&db).arg("anja").run();
    assert!(
        out.status.success(),
        "{}{}",
        util::stdout(&out),
        stderr(&out)
    );
    assert!(
        util::stdout(&out).contains("overschreven en verwijderd"),
        "{}",
        util::stdout(&out)
    );
    for gone in [&foreign, &partial] {
        assert!(!gone.exists(), "{gone:?} is gone");
    }
    for needle in [
        &b"Anja Bakker"[..],
        b"\"anja\"",
        b"Vogelbuurt\",\"role\":\"vrijwilliger",
    ] {
        let holding = files_holding(&dir.path("wijk"), needle);
        assert!(
            holding.is_empty(),
            "{} still in {holding:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
    // A restored backup does not bring her back.
    dir.wijkweb("restore").db(&db).ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert!(store.node("anja").unwrap().is_none());
    assert_eq!(store.nodes().unwrap().len(), 3);
}

/// Forgets Anja, then puts the backups back as they were before and marks the erasure
/// pending: as a crash right after the erasure's first step would leave them.
fn forget_anja_as_if_cut_off(db: &Path) {
    let backups: Vec<(PathBuf, Vec<u8>)> = wijkweb::store::backup::list(db)
        .into_iter()
        .map(|b| {
            let bytes = std::fs::read(&b.path).unwrap();
            (b.path, bytes)
        })
        .collect();
    let mut store = Store::open(db, OpenMode::Existing).unwrap();
    store.forget("anja").unwrap();
    drop(store);
    for (path, bytes) in &backups {
        std::fs::write(path, bytes).unwrap();
    }
    tamper(db, "UPDATE erasures SET state = 'pending'");
}

#[test]
fn an_erasure_cut_off_before_it_cleaned_the_backups_is_finished_at_the_next_open() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    forget_anja_as_if_cut_off(&db);
    assert!(!files_holding(&dir.path("wijk"), b"Anja Bakker").is_empty());
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert!(store.pending_erasures().unwrap().is_empty(), "done at open");
    drop(store);
    let holding = files_holding(&dir.path("wijk"), b"Anja Bakker");
    assert!(holding.is_empty(), "still in {holding:?}");
}

#[test]
fn an_undo_label_and_a_move_on_the_map_keep_nothing_of_a_forgotten_person() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let labels: i64 = conn
        .query_row(
            "SELECT count(*) FROM history WHERE name LIKE '%Anja%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(labels > 0, "the move is an undo step named after her");
    drop(conn);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store.forget("anja").unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let labels: i64 = conn
        .query_row(
            "SELECT count(*) FROM history WHERE name LIKE '%Anja%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(labels, 0);
    let traces: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE instr(coalesce(before, '') || coalesce(after, '') || coalesce(entity, ''), 'anja') > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(traces, 0, "no row holds her id");
}

#[test]
fn a_pseudonymised_map_draws_every_shape_where_the_plain_map_does() {
    let dir = Dir::new();
    let db = util::app::demo_db(&dir);
    let shapes = |extra: &[&str], name: &str| -> Vec<String> {
        let file = dir.path(name);
        let mut args = vec![
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "svg",
            "--out",
            file.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = run(&dir, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        let svg = std::fs::read_to_string(file).unwrap();
        // Node shapes: circles, rounded squares and diamonds with a fill.
        let mut shapes: Vec<String> = svg
            .lines()
            .map(str::trim)
            .filter(|l| {
                (l.starts_with("<circle") || l.starts_with("<rect") || l.starts_with("<path d=\"M"))
                    && l.contains("fill=")
                    && !l.contains("width=\"12\"")
            })
            .map(str::to_owned)
            .collect();
        shapes.sort();
        shapes
    };
    let plain = shapes(&[], "plain.svg");
    let hidden = shapes(&["--pseudonymise"], "pseudo.svg");
    assert!(plain.len() > 200);
    assert_eq!(
        plain, hidden,
        "each person keeps her place, shape and colour"
    );
}

#[test]
fn forget_leaves_her_id_in_no_byte_of_the_wijk_or_its_backups() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut anja = store.node("anja").unwrap().unwrap();
    anja.role = Some("maatje".into());
    store.update_node(anja).unwrap();
    store
        .log_read(wijkweb::store::Action::ShowSensitive, "anja")
        .unwrap();
    store.backup().unwrap();
    drop(store);
    assert!(!files_holding(&dir.path("wijk"), b"anja").is_empty());
    dir.wijkweb("forget").db(&db).arg("anja").ok();
    let holding = files_holding(&dir.path("wijk"), b"anja");
    assert!(holding.is_empty(), "her id is still in {holding:?}");
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
}

#[cfg(unix)]
#[test]
fn forget_through_a_symlink_cleans_the_real_wijks_backups() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let elsewhere = dir.path("elders");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let link = elsewhere.join("link.wijk");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    dir.wijkweb("forget").db(&link).arg("anja").ok();
    for folder in [dir.path("wijk"), elsewhere] {
        let holding = files_holding(&folder, b"Anja Bakker");
        assert!(holding.is_empty(), "still in {holding:?}");
    }
}

#[test]
fn any_file_in_the_backups_folder_is_cleaned_or_removed_by_an_erasure() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let folder = PathBuf::from(format!("{}.backups", db.display()));
    let newest = wijkweb::store::backup::list(&db)[0].path.clone();
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    for name in ["copy.sqlite", "backup-manual.sqlite", "sub/x.sqlite"] {
        std::fs::copy(&newest, folder.join(name)).unwrap();
    }
    std::fs::write(folder.join("notes.txt"), "Anja Bakker belt dinsdag").unwrap();
    std::fs::copy(&newest, dir.path("wijk/w.wijk.replaced-x.sqlite")).unwrap();
    dir.wijkweb("forget").db(&db).arg("anja").ok();
    let holding = files_holding(&dir.path("wijk"), b"Anja Bakker");
    assert!(holding.is_empty(), "still in {holding:?}");
}

#[test]
fn a_pending_erasure_is_finished_by_a_command_that_only_reads() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    forget_anja_as_if_cut_off(&db);
    dir.wijkweb("stats").db(&db).ok();
    let holding = files_holding(&dir.path("wijk"), b"Anja Bakker");
    assert!(holding.is_empty(), "still in {holding:?}");
}

#[cfg(unix)]
#[test]
fn an_endless_device_given_as_input_is_refused_at_once() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    for device in ["/dev/zero", "/dev/urandom"] {
        let out = util::wijkweb(dir.dir.path())
            .args(["import", "--db", db.to_str().unwrap(), device])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{device}");
        assert!(
            stderr(&out).contains("a device, not a file"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn the_same_pair_twice_in_a_list_is_one_relation_and_a_reimport_writes_nothing() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let names = dir.write("namen.csv", "name\nAnna\nBob\n");
    let pairs = dir.write(
        "paren.csv",
        "source,target,kind\nAnna,Bob,knows\nAnna,Bob,knows\nBob,Anna,knows\n",
    );
    assert!(import(&dir, &db, &[&names, &pairs]).status.success());
    let count = || {
        Store::open(&db, OpenMode::ReadOnly)
            .unwrap()
            .relations()
            .unwrap()
            .len()
    };
    assert_eq!(count(), 1);
    let out = import(&dir, &db, &[&names, &pairs]);
    assert!(
        util::stdout(&out).contains("0 relations added, 0 updated"),
        "{}",
        util::stdout(&out)
    );
    assert_eq!(count(), 1);
}

#[test]
fn a_name_that_reads_backwards_or_hides_a_line_break_is_refused() {
    let dir = Dir::new();
    for trick in ["\\u202eAnja", "An\\u200bja", "Anja\\u2028Bakker"] {
        let json = snapshot_with("role", &format!("\"{trick}\""));
        let (out, count) = import_json(&dir, &json);
        assert!(!out.status.success(), "{trick}");
        assert!(
            stderr(&out).contains("control character"),
            "{}",
            stderr(&out)
        );
        assert_eq!(count, 0);
    }
}

#[test]
fn an_erasure_record_removed_by_hand_is_found_by_check_and_a_restore_still_applies_it() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    dir.wijkweb("forget").db(&db).arg("anja").ok();
    tamper(&db, "DELETE FROM erasures");
    let (ok, said) = check(&dir, &db);
    assert!(!ok && said.contains("missing from the erasures"), "{said}");
    // The restore reads the erasure from the log as well.
    let oldest = wijkweb::store::backup::list(&db)
        .last()
        .unwrap()
        .path
        .clone();
    dir.wijkweb("restore")
        .db(&db)
        .arg("--from")
        .arg(&oldest)
        .ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert!(
        store.node("anja").unwrap().is_none(),
        "she did not come back"
    );
}

#[test]
fn a_changed_index_is_put_back_and_reported() {
    let dir = Dir::new();
    let db = edited_db(&dir);
    tamper(
        &db,
        "DROP INDEX relations_source; CREATE INDEX relations_source ON relations (source) WHERE strength = 3;",
    );
    let (ok, said) = check(&dir, &db);
    assert!(
        !ok && said.contains("'relations_source' was changed; put back"),
        "{said}"
    );
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
}

/// Opens the WAL of `db` as a forensic view of its blocks: the handle reaches what the
/// file held even after SQLite removed or replaced the name.
#[cfg(unix)]
fn wal_blocks(db: &Path) -> std::fs::File {
    std::fs::File::open(format!("{}-wal", db.display())).expect("the wijk has a WAL")
}

#[cfg(unix)]
fn read_all(mut file: &std::fs::File) -> Vec<u8> {
    use std::io::{Read, Seek};
    let mut bytes = Vec::new();
    file.seek(std::io::SeekFrom::Start(0)).unwrap();
    file.read_to_end(&mut bytes).unwrap();
    bytes
}

/// A plain wijk, open, whose WAL holds the newest changes: a person named `name`.
#[cfg(unix)]
fn open_wijk_with_fresh_person(dir: &Dir, name: &str) -> (Store, PathBuf, String) {
    let db = dir.path("w.wijk");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let node = store
        .add_node(wijkweb::Node::new(wijkweb::NodeKind::Person, name))
        .unwrap();
    let wal = std::fs::read(format!("{}-wal", db.display())).unwrap();
    assert!(
        wal.windows(name.len()).any(|w| w == name.as_bytes()),
        "the test needs her name in the WAL"
    );
    (store, db, node.id.to_string())
}

#[cfg(unix)]
#[test]
fn after_encrypt_the_blocks_of_the_plain_wal_hold_no_name() {
    let dir = Dir::new();
    let name = "Geertruida Zonneveld";
    let (store, db, _) = open_wijk_with_fresh_person(&dir, name);
    let blocks = wal_blocks(&db);
    let before = blocks.metadata().unwrap().len();
    store
        .encrypt(&wijkweb::store::crypt::Key::new("drie koeien in de wei").unwrap())
        .unwrap();
    let held = read_all(&blocks);
    assert_eq!(
        held.len() as u64,
        before,
        "the WAL's blocks were freed, not overwritten"
    );
    assert!(
        held.iter().all(|&b| b == 0),
        "the plain WAL's blocks still hold data"
    );
    assert!(files_holding(dir.dir.path(), name.as_bytes()).is_empty());
}

#[cfg(unix)]
#[test]
fn after_forget_the_blocks_of_the_old_wal_hold_nothing_of_her() {
    let dir = Dir::new();
    let name = "Geertruida Zonneveld";
    let (mut store, db, id) = open_wijk_with_fresh_person(&dir, name);
    let blocks = wal_blocks(&db);
    let before = blocks.metadata().unwrap().len();
    store.forget(&id).unwrap();
    let held = read_all(&blocks);
    assert!(
        held.len() as u64 >= before,
        "the WAL was cut short: its blocks are only freed"
    );
    assert!(!held.windows(name.len()).any(|w| w == name.as_bytes()));
    assert!(held.iter().all(|&b| b == 0));
    drop(store);
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
}

#[test]
fn a_terminal_escape_stored_in_a_name_is_printed_as_text_not_sent_raw() {
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    // Written past the bounds, as an old version or a hand edit could have.
    tamper(
        &db,
        "UPDATE nodes SET name = 'Anja' || char(27) || '[2J' || char(8238) || 'Bakker' WHERE id = 'anja'",
    );
    let db = db.to_str().unwrap();
    for args in [
        vec!["kenners", "--db", db],
        vec!["ego", "--db", db, "anja"],
        vec!["path", "--db", db, "--from", "fatima", "--to", "taalcafe"],
    ] {
        let out = run(&dir, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let printed = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(!printed.contains('\u{1b}'), "{args:?} sent the escape raw");
        assert!(
            !printed.contains('\u{202e}'),
            "{args:?} sent the direction override raw"
        );
        assert!(
            printed.contains("Anja\\u001b[2J\\u202eBakker"),
            "{args:?}: {printed}"
        );
    }
    // JSON output stays JSON, with the name as stored.
    let out = dir.wijkweb("ego").db(db).args(["anja", "--json"]).ok();
    let printed = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(!printed.contains('\u{1b}') && !printed.contains('\u{202e}'));
    let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let names: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(names.contains(&"Anja\u{1b}[2J\u{202e}Bakker"), "{names:?}");
}

#[test]
fn the_app_writes_a_full_copy_that_keeps_a_withdrawn_person_and_says_it_is_a_backup() {
    use util::app::{app_on, click, put_text};
    let dir = Dir::new();
    let db = db_from_json(&dir, "w.wijk", SMALL_WIJK);
    dir.wijkweb("consent")
        .db(&db)
        .arg("fatima")
        .arg("--withdraw")
        .ok();
    let copy = dir.path("kopie.json");
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Volledige kopie als bestand…");
    assert!(
        harness
            .query_by_label_contains("niet om te delen")
            .is_some(),
        "the dialog says what the copy is for"
    );
    put_text(&mut harness, "Pad", &copy.display().to_string());
    click(&mut harness, "OK");
    drop(harness);
    let text = std::fs::read_to_string(&copy).expect("the full copy was written");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["purpose"], "backup");
    assert!(text.contains("Fatima El Idrissi"), "her own copy is whole");
    let before = Store::open(&db, OpenMode::ReadOnly)
        .unwrap()
        .stats()
        .unwrap();
    assert!(import(&dir, &db, &[&copy]).status.success());
    let after = Store::open(&db, OpenMode::ReadOnly)
        .unwrap()
        .stats()
        .unwrap();
    assert_eq!(
        (after.nodes, after.relations),
        (before.nodes, before.relations)
    );
}

#[test]
fn forget_takes_her_whole_name_out_of_other_peoples_notes_and_their_history() {
    let dir = Dir::new();
    let db = wijk_with_backups(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let name = store.node("anja").unwrap().unwrap().name;
    assert_eq!(name, "Anja Bakker");
    let mut fatima = store.node("fatima").unwrap().unwrap();
    fatima.notes = Some(format!(
        "Buurvrouw van {name}; haalt boodschappen met {name}."
    ));
    fatima.role = Some(format!("schoonzus van {name}"));
    store.update_node(fatima).unwrap();
    // Another person whose name holds hers is not her and keeps his own.
    let mut other = store.node("taalcafe").unwrap().unwrap();
    other.notes = Some("Gerund door Anja Bakkers en Anja Bakker-Smit".into());
    store.update_node(other).unwrap();
    store.backup().unwrap();
    drop(store);
    let out = dir.wijkweb("forget").db(&db).arg("anja").ok();
    assert!(
        util::stdout(&out).contains("Haar naam stond ook in 2 notities"),
        "{}",
        util::stdout(&out)
    );
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let fatima = store.node("fatima").unwrap().unwrap();
    assert_eq!(
        fatima.notes.as_deref(),
        Some("Buurvrouw van [gewist]; haalt boodschappen met [gewist].")
    );
    assert_eq!(fatima.role.as_deref(), Some("schoonzus van [gewist]"));
    let other = store.node("taalcafe").unwrap().unwrap();
    assert_eq!(
        other.notes.as_deref(),
        Some("Gerund door Anja Bakkers en Anja Bakker-Smit"),
        "a longer name is someone else's"
    );
    drop(store);
    // Her whole name is in no byte of the wijk or its backups, but inside the longer
    // names of others.
    for file in files_holding(&dir.path("wijk"), b"Anja Bakker") {
        let bytes = std::fs::read(&file).unwrap();
        let mut from = 0;
        while let Some(at) = bytes[from..].windows(11).position(|w| w == b"Anja Bakker") {
            let end = from + at + 11;
            assert!(
                bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-'),
                "{} holds her name on its own",
                file.display()
            );
            from = end;
        }
    }
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
}

/// Removes the audit rows after `keep`, with the trigger that forbids it put back after and
/// `sqlite_sequence` set right, as an attacker who knows SQLite would.
fn remove_audit_rows_after(db: &Path, keep: i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_delete;
         DELETE FROM audit WHERE seq > {keep};
         UPDATE sqlite_sequence SET seq = {keep} WHERE name = 'audit';
         {trigger};"
    ))
    .unwrap();
}

fn audit_rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT max(seq) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn removing_the_audit_rows_written_after_the_newest_backup_is_found_by_check() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let json = dir.write("in.json", SMALL_WIJK);
    dir.wijkweb("import").db(&db).arg(&json).ok();
    dir.wijkweb("backup").db(&db).ok();
    let at_backup = audit_rows(&db);
    // The day's work after the backup: what an attacker would want gone.
    dir.wijkweb("consent")
        .db(&db)
        .args(["fatima", "--withdraw"])
        .ok();
    dir.wijkweb("forget").db(&db).arg("anja").ok();
    assert!(audit_rows(&db) > at_backup);
    let (ok, said) = check(&dir, &db);
    assert!(ok, "{said}");
    remove_audit_rows_after(&db, at_backup);
    let (ok, said) = check(&dir, &db);
    assert!(!ok, "{said}");
    assert!(said.contains("rows were removed from its end"), "{said}");
}

#[test]
fn a_restored_backup_and_a_new_wijk_where_an_old_one_was_are_no_tampering() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let json = dir.write("in.json", SMALL_WIJK);
    dir.wijkweb("import").db(&db).arg(&json).ok();
    dir.wijkweb("backup").db(&db).ok();
    dir.wijkweb("consent")
        .db(&db)
        .args(["fatima", "--withdraw"])
        .ok();
    dir.wijkweb("restore").db(&db).ok();
    let (ok, said) = check(&dir, &db);
    assert!(ok, "a restore goes back to the backup's log: {said}");
    // Her wijk removed by hand, and a new one made under the same name.
    for entry in std::fs::read_dir(dir.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("w.wijk")
        {
            if path.is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
            } else {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    dir.wijkweb("import").db(&db).arg(&json).ok();
    let (ok, said) = check(&dir, &db);
    assert!(ok, "another log at the same path: {said}");
}
