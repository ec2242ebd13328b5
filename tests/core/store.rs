//! Opening databases: refusals that leave the file as it was, migrations with a backup,
//! no rewrite on open, and the audit log.

use crate::util;

use rusqlite::Connection;
use util::{Dir, run, small_db, snapshot_files, stderr, stdout};
use wijkweb::store::schema::{MIGRATIONS, Migration};
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store, StoreError};

/// Runs `args` on `db` and checks exit code 1, the message, and the file unchanged.
fn refused_by_every_command(dir: &Dir, db: &std::path::Path, expected: &str) {
    let before = snapshot_files(db);
    let json = dir.write("in.json", util::SMALL_WIJK);
    let db_arg = db.to_str().unwrap();
    let out_arg = dir.path("out.json");
    let commands: Vec<Vec<&str>> = vec![
        vec!["stats", "--db", db_arg],
        vec!["check", "--db", db_arg],
        vec!["import", "--db", db_arg, json.to_str().unwrap()],
        vec![
            "export",
            "--db",
            db_arg,
            "--format",
            "json",
            "--out",
            out_arg.to_str().unwrap(),
        ],
    ];
    for args in commands {
        let out = run(dir, &args);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
        assert_eq!(snapshot_files(db), before, "{args:?} changed the file");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = Dir::new();
    let db = dir.write(
        "notes.db",
        "Dit is een boodschappenlijstje, geen database.\n",
    );
    refused_by_every_command(&dir, &db, "not a SQLite database");
}

#[test]
fn a_sqlite_database_of_another_program_is_refused_untouched() {
    let dir = Dir::new();
    let db = dir.path("other.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('stamppot');",
    )
    .unwrap();
    drop(conn);
    refused_by_every_command(&dir, &db, "made by another program");
}

#[test]
fn a_database_from_a_newer_wijkweb_is_refused_untouched() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let conn = Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    refused_by_every_command(&dir, &db, "newer version of wijkweb (schema version 99");
}

#[test]
fn a_read_only_file_is_refused_for_writing_and_readable() {
    let dir = Dir::new();
    let db = small_db(&dir);
    // Read-only the way each system has it (0444 on Unix, the read-only attribute on
    // Windows).
    let mut permissions = std::fs::metadata(&db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&db, permissions).unwrap();
    let before = snapshot_files(&db);
    let json = dir.write("in.json", util::SMALL_WIJK);
    let out = util::import(&dir, &db, &[&json]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(snapshot_files(&db), before);
    let out = dir.wijkweb("stats").db(&db).ok();
    assert!(stdout(&out).contains("nodes: 4"));
    assert_eq!(snapshot_files(&db), before);
}

#[test]
fn a_locked_database_is_refused_for_writing_untouched() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = std::fs::read(&db).unwrap();
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let json = dir.write("in.json", util::SMALL_WIJK);
    let out = util::import(&dir, &db, &[&json]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("locked by another program"),
        "{}",
        stderr(&out)
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_missing_database_is_an_error_except_for_import() {
    let dir = Dir::new();
    let db = dir.path("nieuw.db");
    let out = dir.wijkweb("stats").db(&db).run();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no such database"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists());
}

#[test]
fn opening_never_rewrites_a_current_database() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = snapshot_files(&db);
    let modified = std::fs::metadata(&db).unwrap().modified().unwrap();
    for args in [["stats", "--db"], ["check", "--db"]] {
        let out = run(&dir, &[args[0], args[1], db.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    drop(Store::open(&db, OpenMode::Existing).unwrap());
    assert_eq!(snapshot_files(&db), before);
    assert_eq!(
        std::fs::metadata(&db).unwrap().modified().unwrap(),
        modified
    );
}

const NEXT: Migration = Migration {
    version: 99,
    sql: "ALTER TABLE nodes ADD COLUMN extra_column TEXT;",
    after: None,
};

/// A database of four nodes and three relations at schema version 1, written with that
/// version's SQL as the first release wrote it (this build's code writes version 3).
fn small_db_v1(dir: &Dir) -> std::path::PathBuf {
    let db = dir.path("wijk.db");
    let conn = Connection::open(&db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(MIGRATIONS[0].sql).unwrap();
    conn.execute_batch(
        "INSERT INTO nodes (id, kind, name, wijk, role, consent_status, consent_date, created_at, updated_at) VALUES
            ('anja', 'person', 'Anja Bakker', 'Vogelbuurt', 'vrijwilliger', NULL, NULL, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
            ('fatima', 'person', 'Fatima El Idrissi', NULL, NULL, 'written', '2025-01-10', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
            ('taalcafe', 'initiative', 'Taalcafe De Brug', NULL, NULL, NULL, NULL, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
            ('welzijn', 'organisation', 'Welzijn Vliet', NULL, NULL, NULL, NULL, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO relations (id, source, target, kind, strength) VALUES
            ('r1', 'fatima', 'anja', 'neighbour', 3),
            ('r2', 'anja', 'taalcafe', 'volunteers_at', 2),
            ('r3', 'taalcafe', 'welzijn', 'partners_with', 1);
         INSERT INTO audit (time, user, action, entity, before, after) VALUES
            ('2025-01-01T00:00:00Z', 'test', 'import', NULL, NULL, '{\"files\":[\"old.json\"]}'),
            ('2025-01-02T00:00:00Z', 'test', 'update_node', 'anja', '{\"name\":\"Anja\"}', '{\"name\":\"Anja Bakker\"}');
         PRAGMA application_id = 2003397227;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let store =
        Store::open_with_migrations(&db, OpenMode::ReadOnly, &MIGRATIONS[..1], None).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    assert_eq!(store.stats().unwrap().nodes, 4);
    db
}

#[test]
fn a_version_1_database_is_upgraded_with_its_rows_and_gains_undo() {
    let dir = Dir::new();
    let db = small_db_v1(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        wijkweb::store::schema::current_version()
    );
    assert_eq!(store.stats().unwrap().nodes, 4);
    assert!(dir.path("wijk.db.bak-v1").exists(), "no backup copy");
    assert!(
        store.check().unwrap().is_ok(),
        "the old audit rows are sealed in the chain"
    );
    let mut node = store.nodes().unwrap().remove(0);
    let name = node.name.clone();
    node.name = "Nieuwe naam".into();
    store.update_node(node.clone()).unwrap();
    assert!(store.undo().unwrap().is_some());
    assert_eq!(store.node(&node.id).unwrap().unwrap().name, name);
}

#[test]
fn migration_takes_a_backup_first_and_keeps_every_row() {
    let dir = Dir::new();
    let db = small_db_v1(&dir);
    let before = snapshot_files(&db);
    let migrations = [MIGRATIONS[0], MIGRATIONS[1], MIGRATIONS[2], NEXT];
    let store = Store::open_with_migrations(&db, OpenMode::Existing, &migrations, None).unwrap();
    assert_eq!(store.schema_version().unwrap(), 99);
    assert_eq!(store.stats().unwrap().nodes, 4);
    drop(store);
    let backup = dir.path("wijk.db.bak-v1");
    assert!(backup.exists(), "no backup copy");
    let old =
        Store::open_with_migrations(&backup, OpenMode::ReadOnly, &MIGRATIONS[..1], None).unwrap();
    assert_eq!(old.schema_version().unwrap(), 1);
    assert_eq!(old.stats().unwrap().nodes, 4);
    assert_ne!(snapshot_files(&db), before);
    // This build does not know version 99: refused, untouched.
    let supported = wijkweb::store::schema::current_version();
    let migrated = snapshot_files(&db);
    assert!(matches!(
        Store::open(&db, OpenMode::Existing),
        Err(StoreError::Newer {
            found: 99,
            supported: s,
            ..
        }) if s == supported
    ));
    assert_eq!(snapshot_files(&db), migrated);
}

#[test]
fn a_failed_migration_leaves_the_database_as_it_was() {
    let dir = Dir::new();
    let db = small_db_v1(&dir);
    let before = std::fs::read(&db).unwrap();
    let broken = Migration {
        version: 2,
        sql: "ALTER TABLE nodes ADD COLUMN extra TEXT; ALTER TABLE no_such_table ADD COLUMN x;",
        after: None,
    };
    let result =
        Store::open_with_migrations(&db, OpenMode::Existing, &[MIGRATIONS[0], broken], None);
    let Err(err) = result else {
        panic!("a broken migration was accepted");
    };
    assert!(err.to_string().contains("left as it was"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let store =
        Store::open_with_migrations(&db, OpenMode::Existing, &MIGRATIONS[..1], None).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
}

#[test]
fn every_edit_is_logged_with_before_and_after() {
    let dir = Dir::new();
    let db = dir.path("edits.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store.set_user("sanne");
    let a = store.add_node(Node::new(NodeKind::Person, "Anja")).unwrap();
    let b = store
        .add_node(Node::new(NodeKind::Initiative, "Taalcafe"))
        .unwrap();
    let r = store
        .add_relation(Relation::new(&a.id, &b.id, RelationKind::VolunteersAt))
        .unwrap();
    let mut renamed = a.clone();
    renamed.name = "Anja Bakker".into();
    store.update_node(renamed).unwrap();
    store.delete_node(&b.id).unwrap();
    let log = store.audit_log().unwrap();
    let actions: Vec<String> = log.iter().map(|e| e.action.to_string()).collect();
    assert_eq!(
        actions,
        [
            "add_node",
            "add_node",
            "add_relation",
            "update_node",
            "delete_relation",
            "delete_node"
        ]
    );
    assert!(log.iter().all(|e| e.user == "sanne"));
    let update = &log[3];
    assert!(
        update
            .before
            .as_deref()
            .unwrap()
            .contains("\"name\":\"Anja\"")
    );
    assert!(
        update
            .after
            .as_deref()
            .unwrap()
            .contains("\"name\":\"Anja Bakker\"")
    );
    assert_eq!(log[4].entity.as_deref(), Some(r.id.as_str()));
    assert!(
        store.relation(&r.id).unwrap().is_none(),
        "relation went with its node"
    );
}

#[test]
fn an_edit_that_breaks_a_rule_writes_nothing() {
    let dir = Dir::new();
    let mut store = Store::open(&dir.path("rules.db"), OpenMode::CreateIfMissing).unwrap();
    let a = store.add_node(Node::new(NodeKind::Person, "Anja")).unwrap();
    let log_len = store.audit_log().unwrap().len();
    assert!(store.add_node(Node::new(NodeKind::Person, "  ")).is_err());
    assert!(
        store
            .add_relation(Relation::new(&a.id, &a.id, RelationKind::Knows))
            .is_err()
    );
    assert!(matches!(
        store.add_relation(Relation::new(&a.id, "ghost", RelationKind::Knows)),
        Err(StoreError::UnknownNode(id)) if id == "ghost"
    ));
    let mut twin = Node::new(NodeKind::Person, "Twin");
    twin.id = a.id.clone();
    assert!(store.add_node(twin).is_err());
    assert_eq!(store.audit_log().unwrap().len(), log_len);
    assert_eq!(store.stats().unwrap().nodes, 1);
}

#[test]
fn find_nodes_by_id_or_case_insensitive_name() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(store.find_nodes("anja").unwrap()[0].name, "Anja Bakker");
    assert_eq!(
        store.find_nodes("taalcafe de brug").unwrap()[0].id,
        "taalcafe"
    );
    assert!(store.find_nodes("niemand").unwrap().is_empty());
}
