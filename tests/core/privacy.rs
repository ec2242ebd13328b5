//! The AVG features through the command line and the core: legal basis and consent with
//! withdrawal, erasure that leaves no byte, inzage, retention review, and the hash-chained,
//! append-only audit log.

use crate::util;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use util::{Dir, files_of, holds, small_db, stderr, stdout};
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store};

/// A name that appears nowhere else, to look for byte by byte.
const NAME: &str = "Zwaantje Kwakkelstein";

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stdout(out)
}

fn db_arg(db: &Path) -> &str {
    db.to_str().unwrap()
}

/// A small wijk with Zwaantje in it, edited a few times (so the log and the undo history
/// hold her), with consent recorded and a backup made.
fn wijk_with_zwaantje(dir: &Dir) -> (PathBuf, String) {
    let db = small_db(dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut node = Node::new(NodeKind::Person, NAME);
    node.contact = Some("Zwaluwstraat 3, 06-11223344".into());
    node.notes = Some("Zwaantje heeft schulden en is eenzaam".into());
    node.needs = vec!["schulden".into()];
    let node = store.add_node(node).unwrap();
    let mut renamed = node.clone();
    renamed.role = Some("buurtbewoner".into());
    store.update_node(renamed).unwrap();
    let relation = store
        .add_relation(Relation::new(
            node.id.clone(),
            "anja",
            RelationKind::Neighbour,
        ))
        .unwrap();
    let mut stronger = relation.clone();
    stronger.notes = Some(format!("{NAME} en Anja drinken koffie"));
    store.update_relation(stronger).unwrap();
    store
        .add_relation(Relation::new(
            node.id.clone(),
            "taalcafe",
            RelationKind::ParticipatesIn,
        ))
        .unwrap();
    let gone = store
        .add_relation(Relation::new(
            node.id.clone(),
            "welzijn",
            RelationKind::MemberOf,
        ))
        .unwrap();
    store.delete_relation(&gone.id).unwrap();
    drop(store);
    ok(&dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(node.id.as_str())
        .arg("--basis")
        .arg("consent")
        .arg("--status")
        .arg("written")
        .arg("--purpose")
        .arg("koppelen aan maatje")
        .arg("--share-with")
        .arg("casusoverleg wijkteam")
        .run());
    ok(&dir.wijkweb("backup").arg("--db").arg(db_arg(&db)).run());
    (db, node.id.to_string())
}

/// Every file of the wijk on disk: the database, its WAL and shared memory, its copies.

#[test]
fn consent_and_legal_basis_are_recorded_shown_and_kept_as_history() {
    let dir = Dir::new();
    let (db, id) = wijk_with_zwaantje(&dir);
    let shown = ok(&dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(NAME)
        .run());
    assert!(shown.contains("grondslag: toestemming"), "{shown}");
    assert!(shown.contains("toestemming: written"), "{shown}");
    assert!(
        shown.contains("delen met: casusoverleg wijkteam"),
        "{shown}"
    );
    assert!(shown.contains("vastgelegd door: test"), "{shown}");
    let json = ok(&dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&id)
        .arg("--json")
        .run());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["legal_basis"], "consent");
    assert_eq!(value["date"], wijkweb::model::today().to_string());

    let bad = dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&id)
        .arg("--basis")
        .arg("omdat het kan")
        .run();
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("legal basis"), "{}", stderr(&bad));
    let bad = dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("taalcafe")
        .arg("--status")
        .arg("written")
        .run();
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not a person"), "{}", stderr(&bad));

    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let consent_rows = store
        .audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "consent")
        .count();
    assert_eq!(
        consent_rows, 1,
        "one record, and the refused ones left no trace"
    );
}

#[test]
fn withdrawn_consent_pseudonymises_her_in_every_later_export_and_only_her() {
    let dir = Dir::new();
    let (db, id) = wijk_with_zwaantje(&dir);
    let before = dir.path("before.json");
    ok(&dir
        .wijkweb("export")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--format")
        .arg("json")
        .out(&before)
        .run());
    assert!(holds(&before, NAME));
    ok(&dir
        .wijkweb("consent")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&id)
        .arg("--withdraw")
        .run());
    for (format, file) in [
        ("json", "after.json"),
        ("graphml", "after.graphml"),
        ("svg", "after.svg"),
    ] {
        let out = dir.path(file);
        ok(&dir
            .wijkweb("export")
            .arg("--db")
            .arg(db_arg(&db))
            .arg("--format")
            .arg(format)
            .out(&out)
            .run());
        assert!(!holds(&out, NAME), "{format}: her name after withdrawal");
        assert!(!holds(&out, "06-11223344"), "{format}: her contact");
        assert!(
            !holds(&out, "schulden en is eenzaam"),
            "{format}: her notes"
        );
        assert!(
            holds(&out, "Anja Bakker"),
            "{format}: the others keep their names"
        );
    }
    let text = std::fs::read_to_string(dir.path("after.json")).unwrap();
    let snapshot: serde_json::Value = serde_json::from_str(&text).unwrap();
    let relations = snapshot["relations"].as_array().unwrap();
    assert!(
        relations
            .iter()
            .any(|r| r["source"].as_str().unwrap().starts_with("anoniem-")),
        "her relations stay, to a pseudonym"
    );
    let review = ok(&dir.wijkweb("review").arg("--db").arg(db_arg(&db)).run());
    assert!(review.contains("toestemming ingetrokken"), "{review}");
}

#[test]
fn a_forgotten_person_leaves_no_byte_in_the_database_its_wal_or_any_backup() {
    let dir = Dir::new();
    let (db, id) = wijk_with_zwaantje(&dir);
    assert!(
        files_of(&db).iter().any(|f| holds(f, NAME)),
        "she is there first"
    );
    let backups_before = wijkweb::store::backup::list(&db).len();
    assert!(backups_before > 0);

    let out = ok(&dir
        .wijkweb("forget")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(NAME)
        .run());
    assert!(out.contains("is vergeten"), "{out}");
    for file in files_of(&db) {
        for trace in [
            NAME,
            "Zwaluwstraat",
            "06-11223344",
            "schulden en is eenzaam",
            "drinken koffie",
        ] {
            assert!(
                !holds(&file, trace),
                "'{trace}' is still in {}",
                file.display()
            );
        }
    }
    // A backup made afterwards holds nothing of her either.
    ok(&dir.wijkweb("backup").arg("--db").arg(db_arg(&db)).run());
    let newest = wijkweb::store::backup::list(&db).remove(0).path;
    assert!(!holds(&newest, NAME));

    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    assert!(store.node(&id).unwrap().is_none());
    assert!(
        store
            .relations()
            .unwrap()
            .iter()
            .all(|r| r.source != id && r.target != id)
    );
    assert_eq!(store.stats().unwrap().nodes, 4, "the others stay");
    assert!(
        store.check().unwrap().is_ok(),
        "the audit chain still holds"
    );
    let log = store.audit_log().unwrap();
    assert_eq!(log.last().unwrap().action, "forget");
    assert!(
        log.iter().all(|e| e.entity.as_deref() != Some(id.as_str())),
        "her id leaves the log too (it may be made from her name)"
    );
    // Undo cannot bring her back.
    while let Some(step) = store.undo().unwrap() {
        assert_ne!(step.name, NAME);
    }
    assert!(store.node(&id).unwrap().is_none());
    drop(store);
    let again = dir
        .wijkweb("forget")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&id)
        .run();
    assert_eq!(
        again.status.code(),
        Some(1),
        "she is not there to forget twice"
    );
}

#[test]
fn inzage_writes_everything_held_about_her_readable_and_as_json_and_is_logged() {
    let dir = Dir::new();
    let (db, id) = wijk_with_zwaantje(&dir);
    let export = dir.path("casus.json");
    ok(&dir
        .wijkweb("export")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--format")
        .arg("json")
        .arg("--ego")
        .arg(&id)
        .arg("--pseudonymise")
        .out(&export)
        .run());
    let folder = dir.path("inzage");
    ok(&dir
        .wijkweb("inzage")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(NAME)
        .out(&folder)
        .run());
    let text = std::fs::read_to_string(folder.join("inzage.txt")).unwrap();
    for expected in [
        NAME,
        "Zwaluwstraat 3",
        "schulden en is eenzaam",
        "buur vrijwilliger (persoon)",
        "doet mee aan Taalcafe De Brug (initiatief)",
        "grondslag toestemming, toestemming schriftelijk",
        "delen met: casusoverleg wijkteam",
        "add_node",
        "update_relation",
        "delete_relation",
        "export (pseudoniemen)",
    ] {
        assert!(text.contains(expected), "'{expected}' missing in:\n{text}");
    }
    assert!(
        !text.contains("Anja Bakker"),
        "another person's name is hers, not Zwaantje's"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("inzage.json")).unwrap())
            .unwrap();
    assert_eq!(json["node"]["name"], NAME);
    assert_eq!(json["relations"].as_array().unwrap().len(), 2);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(store.audit_log().unwrap().last().unwrap().action, "inzage");
    drop(store);

    // A casus picture of Anja's network holds Zwaantje, her neighbour; one of Fatima's
    // holds Anja but not Zwaantje. Each one's inzage says so; the log names nobody.
    let exports_in_inzage = |who: &str| {
        let folder = dir.path(&format!("inzage-{who}"));
        let _ = std::fs::remove_dir_all(&folder);
        ok(&dir
            .wijkweb("inzage")
            .arg("--db")
            .arg(db_arg(&db))
            .arg(who)
            .out(&folder)
            .run());
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join("inzage.json")).unwrap())
                .unwrap();
        json["exports"].as_array().unwrap().len()
    };
    let circle = |centre: &str| {
        ok(&dir
            .wijkweb("export")
            .arg("--db")
            .arg(db_arg(&db))
            .arg("--format")
            .arg("pdf")
            .arg("--ego")
            .arg(centre)
            .arg("--depth")
            .arg("1")
            .out(dir.path(&format!("{centre}.pdf")))
            .run());
    };
    let (zwaantje, anja) = (exports_in_inzage(&id), exports_in_inzage("anja"));
    circle("fatima");
    assert_eq!(
        exports_in_inzage("anja"),
        anja + 1,
        "Anja is in Fatima's circle"
    );
    assert_eq!(exports_in_inzage(&id), zwaantje, "Zwaantje is not");
    circle("anja");
    assert_eq!(
        exports_in_inzage(&id),
        zwaantje + 1,
        "Zwaantje is in Anja's circle"
    );
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let log = store.audit_log().unwrap();
    let entry = log.iter().rev().find(|e| e.action == "export").unwrap();
    let after = entry.after.as_deref().unwrap();
    assert!(after.contains("\"held\""), "{after}");
    assert!(!after.contains(&id) && !after.contains(NAME), "{after}");
}

#[test]
fn review_lists_what_passed_its_retention_and_expired_consent() {
    let dir = Dir::new();
    let input = dir.write(
        "old.wijkweb.json",
        r#"{"format":"wijkweb","version":1,"nodes":[
{"id":"oud","kind":"person","name":"Oude Bewoner","updated_at":"2020-01-01T00:00:00Z","consent":{"legal_basis":"public_task","status":"none"}},
{"id":"verlopen","kind":"person","name":"Verlopen Toestemming","consent":{"legal_basis":"consent","status":"verbal","expiry":"2021-01-01"}},
{"id":"goed","kind":"person","name":"Goed Geregeld","consent":{"legal_basis":"consent","status":"written"}},
{"id":"org","kind":"organisation","name":"Oude Stichting","updated_at":"2019-05-01T00:00:00Z"}
],"relations":[
{"id":"r1","source":"oud","target":"goed","until":"2019-02-01"},
{"id":"r2","source":"verlopen","target":"goed"}
]}"#,
    );
    let db = dir.path("wijk.db");
    ok(&util::import(&dir, &db, &[&input]));
    let none = ok(&dir
        .wijkweb("review")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--json")
        .run());
    let items: Vec<serde_json::Value> = serde_json::from_str(&none).unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["verlopen"],
        "without retention periods only the expired consent"
    );

    let set = ok(&dir
        .wijkweb("retention")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--person")
        .arg("24")
        .arg("--relation")
        .arg("12")
        .arg("--organisation")
        .arg("60")
        .run());
    assert!(set.contains("personen 24 maanden"), "{set}");
    let out = ok(&dir
        .wijkweb("review")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--json")
        .run());
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["org", "oud", "r1", "verlopen"]);
    let text = ok(&dir.wijkweb("review").arg("--db").arg(db_arg(&db)).run());
    assert!(
        text.contains("bewaartermijn van 24 maanden verstreken"),
        "{text}"
    );
    assert!(
        text.contains("toestemming verlopen op 2021-01-01"),
        "{text}"
    );
    let cleared = ok(&dir
        .wijkweb("retention")
        .arg("--db")
        .arg(db_arg(&db))
        .arg("--person")
        .arg("0")
        .arg("--json")
        .run());
    assert!(cleared.contains("\"person\": null"), "{cleared}");
}

#[test]
fn the_audit_log_is_append_only_and_check_names_an_altered_or_removed_row() {
    let dir = Dir::new();
    let (db, _) = wijk_with_zwaantje(&dir);
    let check = ok(&dir.wijkweb("check").arg("--db").arg(db_arg(&db)).run());
    assert!(check.contains("audit log chain: intact"), "{check}");

    let conn = Connection::open(&db).unwrap();
    let refused = conn.execute("UPDATE audit SET user = 'iemand anders' WHERE seq = 3", []);
    assert!(refused.unwrap_err().to_string().contains("append-only"));
    let refused = conn.execute("DELETE FROM audit WHERE seq = 3", []);
    assert!(refused.unwrap_err().to_string().contains("append-only"));

    // Someone who drops the guards still cannot hide it.
    conn.execute_batch("DROP TRIGGER audit_only_erasure; DROP TRIGGER audit_no_delete;")
        .unwrap();
    conn.execute(
        "UPDATE audit SET after = replace(after, 'koppelen', 'verkopen') WHERE action = 'consent'",
        [],
    )
    .unwrap();
    let out = dir.wijkweb("check").arg("--db").arg(db_arg(&db)).run();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("(consent) was altered"),
        "{}",
        stdout(&out)
    );

    // Check said the guards were gone and put them back: dropped again, for the next test.
    assert!(
        stdout(&out).contains("'audit_no_delete' was missing; put back"),
        "{}",
        stdout(&out)
    );
    conn.execute_batch("DROP TRIGGER audit_only_erasure; DROP TRIGGER audit_no_delete;")
        .unwrap();
    // The repair is a row of its own at the end.
    let rows: i64 = conn
        .query_row("SELECT max(seq) FROM audit", [], |r| r.get(0))
        .unwrap();
    conn.execute("DELETE FROM audit WHERE seq = 4", []).unwrap();
    conn.execute("DELETE FROM audit WHERE seq = ?1", [rows])
        .unwrap();
    drop(conn);
    let out = dir.wijkweb("check").arg("--db").arg(db_arg(&db)).run();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("rows 4 to 4 of the audit log were removed"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "the last rows of the audit log ({rows} to {rows}) were removed"
        )),
        "{text}"
    );
    assert!(stderr(&out).contains("tampered"), "{}", stderr(&out));
}

#[test]
fn whoever_changes_a_consent_is_recorded_as_its_recorder_and_other_edits_keep_it() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store.set_user("makelaar Els");
    let mut fatima = store.node("fatima").unwrap().unwrap();
    let mut consent = fatima.consent.clone().unwrap();
    consent.share_with = Some("casusoverleg wijkteam".into());
    fatima.consent = Some(consent);
    let stored = store.update_node(fatima).unwrap();
    assert_eq!(
        stored.consent.as_ref().unwrap().recorded_by.as_deref(),
        Some("makelaar Els")
    );
    store.set_user("collega Piet");
    let mut renamed = stored.clone();
    renamed.role = Some("buurtbewoner".into());
    let kept = store.update_node(renamed).unwrap();
    assert_eq!(
        kept.consent.unwrap().recorded_by.as_deref(),
        Some("makelaar Els"),
        "an edit that leaves the consent alone keeps its recorder"
    );
}

#[test]
fn a_consent_changed_by_an_import_names_who_imported_it_as_an_edit_does() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let file = dir.write(
        "toestemming.json",
        r#"{"format":"wijkweb","version":1,"nodes":[{"id":"fatima","kind":"person","name":"Fatima El Idrissi","consent":{"status":"verbal","date":"2025-03-01","purpose":"casusoverleg"}},{"id":"nieuw","kind":"person","name":"Nieuwe Bewoner","consent":{"status":"written","date":"2025-03-02","purpose":"maatje"}}],"relations":[]}"#,
    );
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store.set_user("makelaar Els");
    let batch = wijkweb::exchange::read_inputs(&[file]).unwrap();
    store.import(batch).unwrap();
    let fatima = store.node("fatima").unwrap().unwrap();
    assert_eq!(
        fatima.consent.unwrap().recorded_by.as_deref(),
        Some("makelaar Els"),
        "the import changed her consent"
    );
    // A new person's consent keeps what the file says of its recorder (here: nothing).
    let new = store.node("nieuw").unwrap().unwrap();
    assert_eq!(new.consent.unwrap().recorded_by, None);
    // The same file again changes nothing, and the recorder stays.
    store.set_user("collega Piet");
    let batch = wijkweb::exchange::read_inputs(&[dir.path("toestemming.json")]).unwrap();
    let report = store.import(batch).unwrap();
    assert_eq!(report.nodes_updated, 0, "{report:?}");
    let fatima = store.node("fatima").unwrap().unwrap();
    assert_eq!(
        fatima.consent.unwrap().recorded_by.as_deref(),
        Some("makelaar Els")
    );
}

#[test]
fn an_inzage_lists_a_whole_wijk_export_made_after_she_was_added_whatever_the_offset_of_her_stamp() {
    let dir = Dir::new();
    let db = small_db(&dir);
    // Added an hour ago, as a file from another system writes it: in +09:00, so that as
    // text it reads later than the export below.
    let an_hour_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    let stamp = an_hour_ago
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let file = dir.write(
        "nieuw.json",
        format!(
            r#"{{"format":"wijkweb","version":1,"nodes":[{{"id":"kim","kind":"person","name":"Kim Jansen","created_at":"{stamp}"}}],"relations":[]}}"#
        ),
    );
    dir.wijkweb("import").db(&db).arg(&file).ok();
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "json"])
        .out(dir.path("wijk.json"))
        .ok();
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let inzage = store.inzage("kim").unwrap();
    assert_eq!(
        inzage.exports.len(),
        1,
        "created at {stamp}: {:?}",
        inzage.exports
    );
}
