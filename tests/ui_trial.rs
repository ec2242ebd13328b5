//! What a makelaar met when she first tried the app (issue "the app in a makelaar's
//! hands"), each as a test named after what she saw, driven by the labels on screen.

mod util;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use util::Dir;
use util::app::{app_on, click, demo_db, put_text};
use wijkweb::app::WijkApp;
use wijkweb::{OpenMode, Store};

/// The 12-node wijk of `tests/fixtures/twelve.wijkweb.json`, in `dir`.
fn twelve_db(dir: &Dir) -> PathBuf {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/twelve.wijkweb.json"
    ))
    .unwrap();
    util::db_from_json(dir, "twaalf.wijk", &json)
}

/// A wijk without a single node, in `dir`.
fn empty_db(dir: &Dir) -> PathBuf {
    let db = dir.path("leeg.wijk");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    db
}

fn names(db: &Path) -> Vec<String> {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    store.nodes().unwrap().into_iter().map(|n| n.name).collect()
}

/// Opens `db` from Bestand > Recente bestanden, as she did.
fn open_recent(harness: &mut Harness<'_, WijkApp>, db: &Path) {
    let shown = std::fs::canonicalize(db).unwrap().display().to_string();
    click(harness, "Bestand");
    harness.get_by_label("Recente bestanden").hover();
    harness.run();
    harness.get_by_label(&shown).click();
    harness.run();
    let open = harness.state().session().map(|s| s.path().to_path_buf());
    assert!(
        open.is_some_and(|p| same_file::is_same_file(p, db).unwrap()),
        "{db:?} is open"
    );
}

/// Every label on screen that names a node of a wijk other than the one open.
fn stale_names(harness: &Harness<'_, WijkApp>, other: &[String], open: &[String]) -> Vec<String> {
    other
        .iter()
        .filter(|name| !open.contains(name))
        .filter(|name| harness.query_all_by_label_contains(name).next().is_some())
        .cloned()
        .collect()
}

/// Searches, selects the first result and asks a way from it, on whatever wijk is open.
fn search_select_and_ask_a_way(harness: &mut Harness<'_, WijkApp>, query: &str) {
    click(harness, "Kaart");
    put_text(harness, "naam, rol of thema", query);
    let first = harness.state().session().and_then(|s| {
        let mut finder = wijkweb::app::search::Finder::new(&s.data.nodes);
        finder
            .find(query, 1)
            .first()
            .map(|&i| s.data.nodes[i].clone())
    });
    let Some(first) = first else {
        return;
    };
    let label = match &first.role {
        Some(role) => format!("{} · {role}", first.name),
        None => first.name.clone(),
    };
    harness.get_by_label(&label).click();
    harness.run();
    assert!(harness.state().selection().contains(&first.id));
    let offered = harness
        .state()
        .session()
        .unwrap()
        .data
        .offered
        .first()
        .cloned();
    if let Some(theme) = offered {
        harness
            .state_mut()
            .find_way(&first.id, wijkweb::graph::paths::Target::Offers(theme));
        for _ in 0..20 {
            harness.run();
        }
    }
}

#[test]
fn switching_wijk_after_a_search_shows_no_person_of_the_old_wijk_and_never_crashes() {
    let dir = Dir::new();
    let demo = demo_db(&dir);
    let twelve = twelve_db(&dir);
    let empty = empty_db(&dir);
    let settings = dir.path("settings.json");
    // Every wijk once in the recent files.
    for db in [&twelve, &empty, &demo] {
        drop(app_on(db, &settings));
    }
    let all = [
        (demo.clone(), names(&demo), "Wouters"),
        (twelve.clone(), names(&twelve), "Henk"),
        (empty.clone(), names(&empty), "Anja"),
    ];
    let mut harness = app_on(&demo, &settings);
    // 250 -> 12 -> 0 -> 250, then 250 -> 0 -> 12 -> 250: both orders, every pair.
    let order = [0usize, 1, 2, 0, 2, 1, 0];
    search_select_and_ask_a_way(&mut harness, all[0].2);
    for pair in order.windows(2) {
        let (from, to) = (&all[pair[0]], &all[pair[1]]);
        open_recent(&mut harness, &to.0);
        for _ in 0..5 {
            harness.run();
        }
        assert!(
            harness.state().selection().is_empty(),
            "the selection of the old wijk is gone"
        );
        let stale = stale_names(&harness, &from.1, &to.1);
        assert!(
            stale.is_empty(),
            "people of the old wijk still shown: {stale:?}"
        );
        // The search is empty, and a new one lists and selects only people of this wijk.
        search_select_and_ask_a_way(&mut harness, to.2);
        let session = harness.state().session().unwrap();
        for id in harness.state().selection() {
            assert!(session.data.index.contains_key(id), "{id} is of this wijk");
        }
    }
}

#[test]
fn choosing_the_open_wijk_again_changes_nothing_and_it_stays_writable() {
    let dir = Dir::new();
    let twelve = twelve_db(&dir);
    let settings = dir.path("settings.json");
    let mut harness = app_on(&twelve, &settings);
    assert!(!harness.state().session().unwrap().is_read_only());
    open_recent(&mut harness, &twelve);
    let session = harness.state().session().unwrap();
    assert!(
        !session.is_read_only(),
        "the open wijk is not 'open in another wijkweb'"
    );
    assert!(
        harness
            .query_by_label_contains("open in een andere wijkweb")
            .is_none()
    );
    assert!(harness.query_by_label_contains("al open").is_some());
    // And an edit is stored, as before.
    click(&mut harness, "Nieuwe persoon");
    assert!(names(&twelve).iter().any(|n| n == "Nieuwe persoon"));
}

#[test]
fn tineke_sahin_is_found_as_typed_and_henk_does_not_list_mohamed_amrani() {
    let dir = Dir::new();
    let twelve = twelve_db(&dir);
    let mut harness = app_on(&twelve, &dir.path("settings.json"));
    put_text(&mut harness, "naam, rol of thema", "tineke sahin");
    assert!(
        harness
            .query_by_label("Tineke Şahin · buurtbewoner")
            .is_some()
    );
    put_text(&mut harness, "naam, rol of thema", "henk");
    assert!(
        harness
            .query_by_label("Henk de Boer · vrijwilliger")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Mohamed Amrani")
            .next()
            .is_none(),
        "a scattered match lists no stranger"
    );
}
