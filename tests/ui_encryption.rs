//! The app and an encrypted wijk: it asks for the passphrase at start, says so when it is
//! wrong, opens the wijk with the right one, and creates a new wijk encrypted on request.

mod util;

use egui_kittest::kittest::Queryable;
use util::Dir;
use util::app::{app_on, click, harness, put_text};
use wijkweb::app::WijkApp;
use wijkweb::store::{Key, OpenMode, Store, crypt};

const KEY: &str = "fietsen langs de Vliet";

fn key() -> Key {
    Key::new(KEY).unwrap()
}

#[test]
fn the_app_asks_for_the_passphrase_at_start_and_opens_the_wijk_with_it() {
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create_keyed(&db, Some(&key())).unwrap());
    let before = std::fs::read(&db).unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert!(harness.state().session().is_none());
    assert!(harness.state().is_asking_passphrase());
    assert!(
        harness
            .query_by_label_contains("Deze wijk is versleuteld")
            .is_some()
    );

    put_text(&mut harness, "Wachtwoord", "dit is het niet");
    click(&mut harness, "Openen");
    assert!(harness.state().session().is_none());
    assert!(harness.state().is_asking_passphrase(), "asked again");
    assert!(
        harness
            .query_by_label_contains("Dit wachtwoord opent de wijk niet")
            .is_some()
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");

    put_text(&mut harness, "Wachtwoord", KEY);
    // What is typed is not read out: a password field shows no value.
    let shown: Vec<String> = harness
        .query_all_by(|n| n.value().is_some_and(|v| v.contains("Vliet")))
        .map(|n| n.value().unwrap_or_default())
        .collect();
    assert!(shown.is_empty(), "{shown:?}");
    click(&mut harness, "Openen");
    let session = harness.state().session().expect("the wijk is open");
    assert_eq!(session.data.nodes.len(), 250);
    assert!(session.store().is_encrypted());
    assert!(!harness.state().is_asking_passphrase());
    assert!(
        harness.state().title().contains("versleuteld"),
        "{}",
        harness.state().title()
    );
}

#[test]
fn the_passphrase_in_the_environment_opens_the_wijk_without_asking() {
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create_keyed(&db, Some(&key())).unwrap());
    let mut app = WijkApp::new(Some(dir.path("settings.json")));
    app.set_key(Some(key()));
    app.start(Some(db.clone()), None);
    let harness = harness(app);
    assert!(!harness.state().is_asking_passphrase());
    assert_eq!(harness.state().session().unwrap().data.nodes.len(), 250);
}

#[test]
fn a_new_wijk_is_created_encrypted_on_request() {
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create(&db).unwrap());
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let new = dir.path("nieuw.sqlite");
    click(&mut harness, "Bestand");
    click(&mut harness, "Nieuwe database…");
    click(&mut harness, "Versleutelen met een wachtwoord");
    put_text(&mut harness, "Pad", &new.display().to_string());
    click(&mut harness, "OK");
    assert!(harness.state().is_asking_passphrase());

    // Too short, then two that differ: said in the dialog, nothing made.
    put_text(&mut harness, "Wachtwoord", "kort");
    put_text(&mut harness, "Nog een keer", "kort");
    click(&mut harness, "Maken");
    assert!(
        harness
            .query_by_label_contains("moet minstens 10 tekens")
            .is_some()
    );
    put_text(&mut harness, "Wachtwoord", KEY);
    put_text(&mut harness, "Nog een keer", "fietsen langs de Vecht");
    click(&mut harness, "Maken");
    assert!(harness.query_by_label_contains("niet gelijk").is_some());
    assert!(!new.exists());

    put_text(&mut harness, "Nog een keer", KEY);
    click(&mut harness, "Maken");
    assert!(!harness.state().is_asking_passphrase());
    let session = harness.state().session().expect("the new wijk is open");
    assert_eq!(session.path(), new.as_path());
    assert!(crypt::is_encrypted(&new));
    assert!(Store::open(&new, OpenMode::ReadOnly).is_err());
    let store = Store::open_keyed(&new, OpenMode::ReadOnly, Some(&key())).unwrap();
    assert_eq!(store.stats().unwrap().nodes, 0);
}
