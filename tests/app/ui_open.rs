//! A file she opened from the desktop (`wijkweb FILE`, a double-click): a snapshot or sheet
//! is offered for import into the open wijk or a new one; and what failed without her
//! asking (the backup on closing) is said, also when the window was closing.

use crate::util;

use egui_kittest::kittest::Queryable;
use util::Dir;
use util::app::{app_on, click, harness, put_text};
use wijkweb::app::WijkApp;
use wijkweb::store::{Key, OpenMode, Store};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-wijk.wijkweb.json");

#[test]
fn a_double_clicked_snapshot_is_offered_and_goes_into_the_open_wijk() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness
        .state_mut()
        .offer_import(std::path::PathBuf::from(DEMO));
    harness.run();
    assert!(harness.query_by_label("Dit bestand importeren?").is_some());
    assert!(
        harness
            .query_by_label_contains("is geen wijk maar een bestand om te importeren")
            .is_some()
    );
    // Annuleren changes nothing.
    click(&mut harness, "Annuleren");
    assert!(harness.query_by_label("Dit bestand importeren?").is_none());
    assert_eq!(harness.state().session().unwrap().data.nodes.len(), 4);
    harness
        .state_mut()
        .offer_import(std::path::PathBuf::from(DEMO));
    harness.run();
    click(&mut harness, "In de open wijk (wijk.db)");
    assert_eq!(harness.state().session().unwrap().data.nodes.len(), 254);
    drop(harness);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(store.stats().unwrap().nodes, 254);
}

#[test]
fn a_snapshot_opened_while_her_wijk_asks_its_passphrase_is_offered_after_it() {
    let dir = Dir::new();
    let db = dir.path("geheim.wijk");
    let key = Key::new("fietsen langs de Vliet").unwrap();
    drop(wijkweb::demo::create_keyed(&db, Some(&key)).unwrap());
    let small = dir.write("vier.wijkweb.json", util::SMALL_WIJK);
    let mut app = WijkApp::new(Some(dir.path("settings.json")));
    app.start(Some(db.clone()), None);
    app.offer_import(small);
    let mut harness = harness(app);
    assert!(harness.state().is_asking_passphrase());
    assert!(harness.query_by_label("Dit bestand importeren?").is_none());
    put_text(&mut harness, "Wachtwoord", "fietsen langs de Vliet");
    click(&mut harness, "Openen");
    assert!(harness.state().session().is_some());
    assert!(harness.query_by_label("Dit bestand importeren?").is_some());
    click(&mut harness, "In de open wijk (geheim.wijk)");
    assert_eq!(harness.state().session().unwrap().data.nodes.len(), 254);
    assert!(harness.state().session().unwrap().store().is_encrypted());
}

/// The test below, run in a child process whose home (and so its documents folder) is a
/// folder of the test's: a new wijk goes into `Documents/wijkweb` there.
const CHILD: &str = "WIJKWEB_TEST_CHILD_HOME";

#[test]
fn a_double_clicked_snapshot_goes_into_a_new_wijk_named_after_it() {
    let Some(home) = std::env::var_os(CHILD) else {
        let dir = Dir::new();
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "ui_open::a_double_clicked_snapshot_goes_into_a_new_wijk_named_after_it",
            ])
            .env(CHILD, dir.dir.path())
            .env("HOME", dir.dir.path())
            .env_remove("XDG_DOCUMENTS_DIR")
            .env("XDG_CONFIG_HOME", dir.path("config"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{said}");
        assert!(said.contains("1 passed"), "the test ran: {said}");
        let made = dir.path("Documents/wijkweb/demo-wijk.wijk");
        let store = Store::open(&made, OpenMode::ReadOnly).unwrap();
        assert_eq!(store.stats().unwrap().nodes, 250);
        return;
    };
    let home = std::path::PathBuf::from(home);
    let mut app = WijkApp::new(Some(home.join("settings.json")));
    app.start(None, None);
    app.offer_import(std::path::PathBuf::from(DEMO));
    let mut harness = harness(app);
    // No wijk is open: only a new one is offered.
    assert!(harness.query_by_label_contains("In de open wijk").is_none());
    click(&mut harness, "In een nieuwe wijk (demo-wijk.wijk)");
    let session = harness.state().session().expect("the new wijk is open");
    assert_eq!(
        session.path(),
        home.join("Documents/wijkweb/demo-wijk.wijk")
    );
    assert_eq!(session.data.nodes.len(), 250);
}

#[test]
fn a_backup_that_fails_on_closing_is_said_then_and_at_the_next_start() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    // Where the backups go is taken by a file: no backup can be made.
    let backups = format!("{}.backups", db.display());
    let _ = std::fs::remove_dir_all(&backups);
    std::fs::write(&backups, "in de weg").unwrap();
    let settings = dir.path("settings.json");
    let mut harness = app_on(&db, &settings);
    assert!(harness.state().message().is_none());
    // Closing the window: too late to show, so said at the next start.
    harness.state_mut().close();
    drop(harness);
    let harness = app_on(&db, &settings);
    let message = harness.state().message().expect("said at the next start");
    assert!(message.error, "{}", message.text);
    assert!(message.text.contains(".backups"), "{}", message.text);
    // Once.
    drop(harness);
    let harness = app_on(&db, &settings);
    assert!(harness.state().message().is_none());
    // Another wijk opened in the window: said at once.
    let other = util::db_from_json(&dir, "ander.wijk", util::SMALL_WIJK);
    let mut harness = harness;
    harness.state_mut().open(&other);
    harness.run();
    let message = harness
        .state()
        .message()
        .expect("said when she opened another");
    assert!(message.text.contains(".backups"), "{}", message.text);
}
