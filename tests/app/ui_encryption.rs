//! The app and an encrypted wijk: it asks for the passphrase at start, says so when it is
//! wrong, opens the wijk with the right one, and creates a new wijk encrypted on request.

use crate::util;

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
    put_text(
        &mut harness,
        "Naam van de wijk (of een volledig pad)",
        &new.display().to_string(),
    );
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
    assert!(harness.get_by_label("Nog een keer").is_focused());
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

/// The one message the app shows, and whether it reports a failure.
fn message(harness: &egui_kittest::Harness<'_, WijkApp>) -> (String, bool) {
    let message = harness.state().message().expect("a message is shown");
    (message.text.clone(), message.error)
}

#[test]
fn the_open_wijk_and_its_backups_are_encrypted_from_the_file_menu() {
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create(&db).unwrap());
    let backup = Store::open(&db, OpenMode::Existing)
        .unwrap()
        .backup()
        .unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let chosen = harness.state().session().unwrap().data.nodes[7].id.clone();
    harness.state_mut().select_and_centre(&chosen);
    harness.run();

    click(&mut harness, "Bestand");
    click(&mut harness, "Versleutelen…");
    assert!(harness.state().is_asking_passphrase());
    assert!(
        harness
            .query_by_label_contains("de onversleutelde bestanden overschreven")
            .is_some()
    );
    put_text(&mut harness, "Wachtwoord", "kort");
    put_text(&mut harness, "Nog een keer", "kort");
    click(&mut harness, "Versleutelen");
    assert!(
        harness
            .query_by_label_contains("moet minstens 10 tekens")
            .is_some()
    );
    assert!(!crypt::is_encrypted(&db), "nothing done yet");
    assert!(
        harness.get_by_label("Wachtwoord").is_focused(),
        "to be typed again"
    );

    put_text(&mut harness, "Wachtwoord", KEY);
    put_text(&mut harness, "Nog een keer", KEY);
    click(&mut harness, "Versleutelen");
    assert!(!harness.state().is_asking_passphrase());
    let (text, error) = message(&harness);
    assert!(!error, "{text}");
    assert!(
        text.contains("De wijk en 1 back-up zijn versleuteld"),
        "{text}"
    );

    // The wijk is open again, encrypted, as it was on screen.
    let session = harness.state().session().expect("the wijk is open again");
    assert_eq!(session.data.nodes.len(), 250);
    assert!(session.store().is_encrypted());
    assert!(harness.state().title().contains("versleuteld"));
    assert_eq!(
        harness.state().selection().iter().collect::<Vec<_>>(),
        [&chosen]
    );

    // On disk: the wijk and its backup open with the passphrase only.
    for file in [&db, &backup] {
        assert!(crypt::is_encrypted(file), "{}", file.display());
    }
    assert!(matches!(
        Store::open(&db, OpenMode::ReadOnly),
        Err(wijkweb::StoreError::Encrypted(_))
    ));
    let copy = Store::open_keyed(&backup, OpenMode::ReadOnly, Some(&key())).unwrap();
    assert_eq!(copy.stats().unwrap().nodes, 250);
    let wijk = Store::open_keyed(&db, OpenMode::ReadOnly, Some(&key())).unwrap();
    let log = wijk.audit_log().unwrap();
    assert_eq!(log.last().unwrap().action, "encrypt");
    drop((copy, wijk));

    // The menu now offers a new passphrase instead.
    click(&mut harness, "Bestand");
    assert!(harness.query_by_label("Wachtwoord wijzigen…").is_some());
    assert!(harness.query_by_label("Versleutelen…").is_none());
}

#[test]
fn the_passphrase_changes_from_the_file_menu_only_with_the_one_in_use() {
    const NEW: &str = "wandelen langs de Schie";
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create_keyed(&db, Some(&key())).unwrap());
    let backup = Store::open_keyed(&db, OpenMode::Existing, Some(&key()))
        .unwrap()
        .backup()
        .unwrap();
    let mut app = WijkApp::new(Some(dir.path("settings.json")));
    app.set_key(Some(key()));
    app.start(Some(db.clone()), None);
    let mut harness = harness(app);
    let before = std::fs::read(&db).unwrap();

    click(&mut harness, "Bestand");
    click(&mut harness, "Wachtwoord wijzigen…");
    put_text(&mut harness, "Huidig wachtwoord", "fietsen langs de Vecht");
    put_text(&mut harness, "Nieuw wachtwoord", NEW);
    put_text(&mut harness, "Nog een keer", NEW);
    click(&mut harness, "Wijzigen");
    assert!(harness.state().is_asking_passphrase(), "asked again");
    assert!(
        harness
            .query_by_label_contains("huidige wachtwoord klopt niet")
            .is_some()
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
    assert!(harness.state().session().is_some(), "the wijk stays open");

    // Enter goes from field to field, and from the last one it changes the passphrase.
    put_text(&mut harness, "Huidig wachtwoord", KEY);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.get_by_label("Nieuw wachtwoord").is_focused());
    assert!(harness.state().is_asking_passphrase(), "not yet");
    put_text(&mut harness, "Nieuw wachtwoord", NEW);
    put_text(&mut harness, "Nog een keer", NEW);
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!harness.state().is_asking_passphrase());
    let (text, error) = message(&harness);
    assert!(!error, "{text}");
    assert!(
        text.contains("De wijk en 1 back-up hebben een nieuw wachtwoord"),
        "{text}"
    );
    let session = harness.state().session().expect("the wijk is open again");
    assert_eq!(session.data.nodes.len(), 250);

    let new = Key::new(NEW).unwrap();
    for file in [&db, &backup] {
        assert!(matches!(
            Store::open_keyed(file, OpenMode::ReadOnly, Some(&key())),
            Err(wijkweb::StoreError::WrongKey(_))
        ));
        let store = Store::open_keyed(file, OpenMode::ReadOnly, Some(&new)).unwrap();
        assert_eq!(store.stats().unwrap().nodes, 250, "{}", file.display());
    }
}

#[test]
fn encrypting_while_another_program_reads_leaves_the_wijk_as_it_was_and_open() {
    let dir = Dir::new();
    let db = dir.path("wijk.sqlite");
    drop(wijkweb::demo::create(&db).unwrap());
    let mut harness = app_on(&db, &dir.path("settings.json"));

    // Another program in the middle of a read.
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM nodes", [], |r| r.get(0))
        .unwrap();
    let encrypt = |harness: &mut egui_kittest::Harness<'_, WijkApp>| {
        click(harness, "Bestand");
        click(harness, "Versleutelen…");
        put_text(harness, "Wachtwoord", KEY);
        put_text(harness, "Nog een keer", KEY);
        click(harness, "Versleutelen");
    };
    encrypt(&mut harness);
    let (text, error) = message(&harness);
    assert!(error, "{text}");
    assert!(text.contains("de wijk is zoals hij was"), "{text}");
    assert!(
        text.contains("een ander programma (een andere wijkweb?) heeft de wijk open"),
        "why, in Dutch: {text}"
    );
    assert!(!crypt::is_encrypted(&db));
    assert!(!dir.path("wijk.sqlite.converting").exists());
    let session = harness.state().session().expect("the wijk is open again");
    assert_eq!(session.data.nodes.len(), 250);
    assert!(!session.store().is_encrypted());
    assert!(!session.is_read_only());

    // Once the other program is done, it works.
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    encrypt(&mut harness);
    let (text, error) = message(&harness);
    assert!(!error, "{text}");
    assert!(crypt::is_encrypted(&db));
}
