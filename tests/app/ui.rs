//! The desktop app driven as a person would, by the labels on screen (egui_kittest through
//! AccessKit, no GPU), on the laid-out demo wijk; after each step the store is asked what it
//! holds.

use crate::util;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use util::Dir;
use util::app::{app_on, click, demo_db, harness, put_text};
use wijkweb::app::WijkApp;
use wijkweb::app::session::LayoutState;
use wijkweb::{NodeKind, OpenMode, RelationKind, Store};

fn store(db: &Path) -> Store {
    Store::open(db, OpenMode::ReadOnly).unwrap()
}

fn node_named(db: &Path, name: &str) -> Option<wijkweb::Node> {
    store(db)
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.name == name)
}

/// Replaces the text of the field labelled `label` and finishes the edit with Enter.
fn type_into(harness: &mut Harness<'_, WijkApp>, label: &str, text: &str) {
    put_text(harness, label, text);
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn add_a_person_link_her_to_an_initiative_undo_and_redo() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let nodes_before = store(&db).nodes().unwrap().len();
    let taalcafe = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.kind == NodeKind::Initiative && n.offers.iter().any(|o| o == "taal"))
        .expect("the demo has a taal initiative");
    let mut harness = app_on(&db, &dir.path("settings.json"));

    click(&mut harness, "Nieuwe persoon");
    assert_eq!(store(&db).nodes().unwrap().len(), nodes_before + 1);
    assert!(node_named(&db, "Nieuwe persoon").is_some());

    type_into(&mut harness, "Naam", "Fatima Yilmaz");
    let fatima = node_named(&db, "Fatima Yilmaz").expect("renamed in the store");
    assert!(node_named(&db, "Nieuwe persoon").is_none());

    type_into(&mut harness, "Relatie leggen met", &taalcafe.name);
    let pick = format!("+ {}", taalcafe.name);
    harness.get_by_label_contains(&pick).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(&pick).click();
    harness.run();
    let linked = |db: &Path| {
        store(db)
            .relations_of(&fatima.id)
            .unwrap()
            .into_iter()
            .any(|r| r.target == taalcafe.id && r.kind == RelationKind::ParticipatesIn)
    };
    assert!(linked(&db), "Fatima takes part in {}", taalcafe.name);

    click(&mut harness, "Ongedaan maken");
    assert!(!linked(&db), "undo took the relation back");
    harness.key_press(Key::Escape);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        node_named(&db, "Nieuwe persoon").is_some(),
        "undo took the name back"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(
        node_named(&db, "Fatima Yilmaz").is_some(),
        "redo renamed her again"
    );
    click(&mut harness, "Opnieuw");
    assert!(linked(&db), "redo linked her again");
    assert_eq!(store(&db).nodes().unwrap().len(), nodes_before + 1);
}

#[test]
fn search_is_accent_insensitive_and_selects_and_centres() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let target = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.kind == NodeKind::Initiative)
        .unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    let query = target.name.to_lowercase().replace('é', "e");
    harness
        .get_by_label("naam, rol of thema")
        .set_text_value_accesskit(&query);
    harness.run();
    let result = harness.get_by_label_contains(&target.name);
    result.click();
    harness.run();
    assert_eq!(
        harness.state().selection().iter().collect::<Vec<_>>(),
        vec![&target.id]
    );
    let at = harness.state().node_screen_pos(&target.id).unwrap();
    let map = harness.get_by_label("Kaart van de wijk").rect();
    assert!(
        (at - map.center()).length() < 0.05 * map.width(),
        "centred: {at:?} in {map:?}"
    );
    // The details panel shows her, editable.
    assert_eq!(
        harness.get_by_label("Naam").value().as_deref(),
        Some(target.name.as_str())
    );
}

#[test]
fn filters_hide_kinds_and_the_store_is_untouched() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let all = store(&db).nodes().unwrap();
    let persons = all.iter().filter(|n| n.kind == NodeKind::Person).count();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert_eq!(harness.state().visible_nodes(), all.len());
    // The filter's checkbox (the legend names the kinds too).
    let checkbox = |h: &Harness<'_, WijkApp>| {
        h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "persoon")
            .click();
    };
    checkbox(&harness);
    harness.run();
    assert_eq!(harness.state().visible_nodes(), all.len() - persons);
    checkbox(&harness);
    harness.run();
    assert_eq!(harness.state().visible_nodes(), all.len());
    assert_eq!(store(&db).nodes().unwrap(), all);
}

#[test]
fn switching_to_english_changes_every_label_and_is_remembered() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let settings = dir.path("settings.json");
    let mut harness = app_on(&db, &settings);
    click(&mut harness, "Instellingen");
    click(&mut harness, "English");
    assert!(harness.query_by_label("New person").is_some());
    assert!(harness.query_by_label("Nieuwe persoon").is_none());
    assert!(harness.query_by_label("Search").is_some());
    drop(harness);
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(saved.contains("English"), "{saved}");
    let again = app_on(&db, &settings);
    assert!(again.query_by_label("New person").is_some());
}

fn good_nodes(dir: &Dir) -> std::path::PathBuf {
    dir.write("n1.csv", "id,kind,name\nn1,person,Anja\n")
}

#[test]
fn a_csv_import_with_an_error_names_file_and_line_and_changes_nothing() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap();
    let nodes = dir.write(
        "nodes.csv",
        "id,kind,name\nn1,person,Anja\nn2,unicorn,Bram\n",
    );
    let relations = dir.write("relations.csv", "source,target,kind\nn1,n2,knows\n");
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    put_text(
        &mut harness,
        "Pad",
        &format!("{}\n{}", nodes.display(), relations.display()),
    );
    click(&mut harness, "OK");
    // The columns come first, with what is wrong before anything is written.
    assert!(harness.query_by_label("Kolommen inlezen").is_some());
    assert!(harness.query_by_label_contains("regel 3").is_some());
    click(&mut harness, "Inlezen");
    let message = harness.state().message().cloned().expect("a message");
    assert!(message.error, "{message:?}");
    // In Dutch, naming file, line and field; the file's own words quoted as they are.
    let expected = format!(
        "{}, regel 3, veld 'kind': onbekende soort 'unicorn' (bekend zijn: person (persoon), \
         organisation (organisatie), initiative (initiatief)). Er is niets geïmporteerd.",
        nodes.display()
    );
    assert_eq!(message.text, expected);
    assert!(harness.query_by_label_contains("regel 3").is_some());
    assert_eq!(store(&db).nodes().unwrap(), before);

    // A relation to a node that is nowhere is found by the store, and worded the same way.
    let stray = dir.write("stray.csv", "source,target,kind\nn1,nowhere,knows\n");
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    put_text(
        &mut harness,
        "Pad",
        &format!("{}\n{}", good_nodes(&dir).display(), stray.display()),
    );
    click(&mut harness, "OK");
    click(&mut harness, "Inlezen");
    let message = harness.state().message().cloned().expect("a message");
    assert!(message.error, "{message:?}");
    assert_eq!(
        message.text,
        format!(
            "{}, regel 2, veld 'target': onbekend: 'nowhere' staat niet in de import en niet \
             in de wijk. Er is niets geïmporteerd.",
            stray.display()
        )
    );
    assert_eq!(store(&db).nodes().unwrap(), before);

    let good = dir.write("good.csv", "id,kind,name\nn9,person,Cor\n");
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    put_text(&mut harness, "Pad", &good.display().to_string());
    click(&mut harness, "OK");
    click(&mut harness, "Inlezen");
    assert!(node_named(&db, "Cor").is_some());
    assert!(!harness.state().message().unwrap().error);
}

#[test]
fn delete_asks_once_says_what_goes_and_can_be_undone() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let busiest = {
        let s = store(&db);
        s.nodes()
            .unwrap()
            .into_iter()
            .max_by_key(|n| s.relations_of(&n.id).unwrap().len())
            .unwrap()
    };
    let count = store(&db).relations_of(&busiest.id).unwrap().len();
    let relations_before = store(&db).relations().unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&busiest.id);
    harness.run();
    click(&mut harness, "Verwijderen…");
    assert!(
        harness
            .query_by_label(&format!("Ook {count} relaties gaan mee."))
            .is_some()
    );
    click(&mut harness, "Verwijderen");
    assert!(store(&db).node(&busiest.id).unwrap().is_none());
    assert_eq!(
        store(&db).relations().unwrap().len(),
        relations_before.len() - count
    );
    click(&mut harness, "Ongedaan maken");
    assert!(store(&db).node(&busiest.id).unwrap().is_some());
    assert_eq!(store(&db).relations().unwrap(), relations_before);
}

#[test]
fn dragging_a_node_pins_it_in_the_store_and_undo_puts_it_back() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let node = store(&db).nodes().unwrap().remove(0);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&node.id);
    harness.run();
    // Zoomed in around her (she is in the middle), so no neighbour is under the pointer;
    // + zooms while the pointer is over the map.
    let map = harness.get_by_label("Kaart van de wijk").rect();
    harness.hover_at(map.center());
    harness.run();
    for _ in 0..4 {
        harness.key_press(Key::Plus);
        harness.run();
    }
    let from = harness.state().node_screen_pos(&node.id).unwrap();
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for k in 1..=6 {
        harness.hover_at(from + egui::vec2(15.0 * k as f32, 10.0 * k as f32));
        harness.step();
    }
    harness.drop_at(from + egui::vec2(90.0, 60.0));
    harness.run();
    let moved = store(&db).node(&node.id).unwrap().unwrap();
    assert!(moved.pinned, "a dragged node is pinned");
    assert!(
        (moved.x.unwrap() - node.x.unwrap()).abs() > 1.0,
        "{:?} -> {:?}",
        node.x,
        moved.x
    );
    assert_eq!(
        store(&db).next_undo().unwrap().unwrap().action,
        "move_nodes"
    );
    click(&mut harness, "Ongedaan maken");
    let back = store(&db).node(&node.id).unwrap().unwrap();
    assert_eq!((back.x, back.y, back.pinned), (node.x, node.y, node.pinned));
}

#[test]
fn a_second_window_on_the_same_file_is_read_only_and_says_so() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let first = Store::open(&db, OpenMode::Existing).unwrap();
    let before = first.nodes().unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert!(harness.state().session().unwrap().is_read_only());
    assert!(harness.state().title().contains("alleen-lezen"));
    assert!(harness.query_by_label_contains("Alleen-lezen").is_some());
    // Why, in the app's language.
    assert!(
        harness
            .query_by_label_contains("deze wijk is open in een andere wijkweb")
            .is_some()
    );
    click(&mut harness, "Nieuwe persoon");
    harness.key_press(Key::N);
    harness.run();
    assert_eq!(first.nodes().unwrap(), before);
}

#[test]
fn the_last_file_opens_again_as_it_was_left() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let settings = dir.path("settings.json");
    {
        let mut harness = app_on(&db, &settings);
        click(&mut harness, "Nieuwe organisatie");
        type_into(&mut harness, "Naam", "Stichting Buurtkracht Oost");
        harness.state_mut().close();
    }

    let mut app = WijkApp::new(Some(settings.clone()));
    app.start(None, Some(dir.path("never-made.sqlite")));
    let opened = app.session().unwrap().path().to_path_buf();
    assert_eq!(
        std::fs::canonicalize(opened).unwrap(),
        std::fs::canonicalize(&db).unwrap()
    );
    assert!(
        app.session()
            .unwrap()
            .data
            .nodes
            .iter()
            .any(|n| n.name == "Stichting Buurtkracht Oost")
    );
    assert!(!dir.path("never-made.sqlite").exists());
    let mut harness = harness(app);
    // Undo still reaches the edit made before the restart.
    click(&mut harness, "Ongedaan maken");
    assert!(
        node_named(&db, "Stichting Buurtkracht Oost").is_none(),
        "{:?}",
        harness.state().message()
    );
    assert!(node_named(&db, "Nieuwe organisatie").is_some());
}

#[test]
fn the_first_start_opens_the_demo_with_its_banner_and_f1_shows_the_shortcuts() {
    let dir = Dir::new();
    let default_db = dir.path("data/wijk.sqlite");
    let mut app = WijkApp::new(Some(dir.path("settings.json")));
    app.start(None, Some(default_db.clone()));
    assert!(default_db.exists());
    assert!(app.is_demo());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(10_000)
        .build_ui_state(|ui, app: &mut WijkApp| app.show(ui), app);
    harness.run();
    assert!(harness.query_by_label_contains("demowijk").is_some());
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.query_by_label("Sneltoetsen").is_some());
    assert!(harness.query_by_label_contains("relatie leggen").is_some());
}

#[test]
fn a_field_still_being_typed_in_is_stored_when_the_window_closes() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let node = store(&db).nodes().unwrap().remove(0);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&node.id);
    harness.run();
    harness.get_by_label("Rol").focus();
    harness.run();
    harness
        .get_by_label("Rol")
        .set_text_value_accesskit("buurtconciërge");
    harness.run();
    assert_ne!(
        store(&db).node(&node.id).unwrap().unwrap().role.as_deref(),
        Some("buurtconciërge"),
        "not stored while typing"
    );
    harness.state_mut().close();
    assert_eq!(
        store(&db).node(&node.id).unwrap().unwrap().role.as_deref(),
        Some("buurtconciërge")
    );
}

#[test]
fn an_export_from_the_app_is_pseudonymised_by_default() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let persons: Vec<String> = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| n.name)
        .collect();
    let out = dir.path("wijk.wijkweb.json");
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Exporteren…");
    click(&mut harness, "Formaat");
    click(&mut harness, "JSON (wijkweb)");
    put_text(&mut harness, "Pad", &out.display().to_string());
    click(&mut harness, "OK");
    let text = std::fs::read_to_string(&out).expect("the export was written");
    assert!(text.contains("buurtbewoner"), "pseudonyms from roles");
    for name in &persons {
        assert!(!text.contains(name.as_str()), "{name} is in the export");
    }
    let log = store(&db).audit_log().unwrap();
    assert_eq!(log.last().unwrap().action, "export");
}

#[test]
fn a_persons_needs_and_notes_show_only_on_request_inzage_writes_them_and_forget_erases_her() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let person = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.kind == NodeKind::Person && n.notes.is_some())
        .expect("a demo person with notes");
    let notes = person.notes.clone().unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&person.id);
    harness.run();
    assert!(
        harness.query_by_label("Notities").is_none(),
        "hidden by default"
    );
    assert!(harness.query_by_label_contains(&notes).is_none());
    click(&mut harness, "Vraag en notities tonen");
    assert_eq!(
        harness.get_by_label("Notities").value().as_deref(),
        Some(notes.as_str())
    );

    // Her inzage: two clicks, into a folder of the makelaar's choosing.
    click(&mut harness, "Inzage…");
    let default = harness.get_by_label("Pad").value().unwrap_or_default();
    assert!(
        default.contains(&format!("inzage {}", person.name)),
        "{default}"
    );
    let folder = dir.path("inzage");
    put_text(&mut harness, "Pad", folder.to_str().unwrap());
    click(&mut harness, "OK");
    let text = std::fs::read_to_string(folder.join("inzage.txt")).unwrap();
    assert!(
        text.contains(&person.name) && text.contains(&notes),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("inzage.json")).unwrap())
            .unwrap();
    assert_eq!(json["node"]["id"], person.id.as_str());
    assert_eq!(
        harness.state().message().unwrap().text,
        format!(
            "De inzage van {} staat in {} (inzage.txt en inzage.json).",
            person.name,
            folder.display()
        )
    );
    assert_eq!(
        store(&db).audit_log().unwrap().last().unwrap().action,
        "inzage"
    );

    click(&mut harness, "Vergeten…");
    assert!(
        harness
            .query_by_label(&format!("{} vergeten?", person.name))
            .is_some()
    );
    click(&mut harness, "Vergeten");
    assert!(store(&db).node(&person.id).unwrap().is_none());
    let message = harness.state().message().unwrap().text.clone();
    assert_eq!(message, format!("{} is vergeten.", person.name));
    let bytes = std::fs::read(&db).unwrap();
    assert!(
        !bytes
            .windows(person.name.len())
            .any(|w| w == person.name.as_bytes()),
        "her name is still in the file"
    );
}

#[test]
fn due_for_review_lists_expired_and_withdrawn_consent_and_a_click_selects_her() {
    use wijkweb::model::{Consent, ConsentStatus, LegalBasis, parse_date};
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut persons: Vec<wijkweb::Node> = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NodeKind::Person)
        .collect();
    let (expired, withdrawn) = (persons.remove(3), persons.remove(10));
    let mut writing = Store::open(&db, OpenMode::Existing).unwrap();
    // Everyone gets a legal basis, so that only these two are due.
    for p in persons.iter().chain([&expired, &withdrawn]) {
        let consent = Consent {
            legal_basis: Some(LegalBasis::Consent),
            status: ConsentStatus::Written,
            ..Consent::default()
        };
        writing.set_consent(&p.id, Some(consent)).unwrap();
    }
    let mut lapsed = writing.node(&expired.id).unwrap().unwrap().consent.unwrap();
    lapsed.expiry = parse_date("2024-01-31");
    writing.set_consent(&expired.id, Some(lapsed)).unwrap();
    let mut gone = writing
        .node(&withdrawn.id)
        .unwrap()
        .unwrap()
        .consent
        .unwrap();
    gone.withdrawn = parse_date("2025-06-01");
    writing.set_consent(&withdrawn.id, Some(gone)).unwrap();
    drop(writing);

    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Te herzien…");
    assert!(
        harness.query_by_label("Te herzien: 2").is_some(),
        "only these two"
    );
    assert!(
        harness
            .query_by_label(
                "· toestemming verlopen op 2024-01-31: vernieuw haar of vergeet de persoon"
            )
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("· toestemming ingetrokken op 2025-06-01: vergeet haar")
            .is_some()
    );
    assert!(harness.query_by_label_contains("geen grondslag").is_none());
    click(&mut harness, &expired.name);
    assert_eq!(
        harness.state().selection().iter().collect::<Vec<_>>(),
        vec![&expired.id]
    );
    assert!(
        harness
            .query_by_label_contains("toestemming verlopen")
            .is_none(),
        "closed"
    );

    // The retention periods are set in the same window: whole months, or empty for none.
    click(&mut harness, "Bestand");
    click(&mut harness, "Te herzien…");
    put_text(&mut harness, "Personen", "twaalf");
    click(&mut harness, "Termijnen bewaren");
    assert!(
        harness
            .query_by_label("Een bewaartermijn is een heel aantal maanden, of leeg voor geen.")
            .is_some()
    );
    assert_eq!(store(&db).retention().unwrap().person, None, "nothing kept");
    put_text(&mut harness, "Personen", "24");
    put_text(&mut harness, "Beëindigde relaties", "6");
    click(&mut harness, "Termijnen bewaren");
    let kept = store(&db).retention().unwrap();
    assert_eq!(
        (kept.person, kept.relation, kept.organisation),
        (Some(24), Some(6), None)
    );
    assert_eq!(
        store(&db).audit_log().unwrap().last().unwrap().action,
        "retention"
    );
    assert_eq!(
        harness.get_by_label("Personen").value().as_deref(),
        Some("24"),
        "the list opens again with the periods kept"
    );
}

#[test]
fn the_layout_settles_in_the_background_and_its_button_pauses_and_resumes_it() {
    let dir = Dir::new();
    let (mut nodes, relations) = wijkweb::demo::barabasi_albert(5_000, 2, 4);
    for (i, node) in nodes.iter_mut().enumerate() {
        node.x = Some((i % 70) as f64 * 40.0);
        node.y = Some((i / 70) as f64 * 40.0);
    }
    let input = dir.path("wijk.wijkweb.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    wijkweb::exchange::json::write_snapshot(&mut out, &nodes, &relations).unwrap();
    drop(out);
    let db = dir.path("wijk.sqlite");
    assert!(util::import(&dir, &db, &[&input]).status.success());
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert_eq!(
        harness.state().layout_state(),
        LayoutState::Idle,
        "placed: nothing to do"
    );

    // A new relation changes the network, not the map she knows: nothing moves.
    harness.state_mut().select_and_centre("n10");
    harness.run();
    type_into(&mut harness, "Relatie leggen met", "Bewoner 4321");
    let pick = harness
        .get_all_by_label_contains("+ Bewoner 4321")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap_or_default();
    click(&mut harness, &pick);
    assert_eq!(harness.state().layout_state(), LayoutState::Idle);
    // Asked to tidy the map, the layout settles it in the background.
    click(&mut harness, "Beeld");
    click(&mut harness, "Kaart opnieuw schikken");
    assert_eq!(harness.state().layout_state(), LayoutState::Running);
    click(&mut harness, "Kaart pauzeren");
    // The pause takes effect after the iteration in progress: let that one arrive.
    std::thread::sleep(std::time::Duration::from_millis(300));
    harness.step();
    assert_eq!(harness.state().layout_state(), LayoutState::Paused);
    let still = harness.state().session().unwrap().data.positions.clone();
    std::thread::sleep(std::time::Duration::from_millis(300));
    for _ in 0..3 {
        harness.step();
    }
    assert_eq!(
        harness.state().session().unwrap().data.positions,
        still,
        "nothing moves while paused"
    );
    click(&mut harness, "Kaart hervatten");
    assert_eq!(harness.state().layout_state(), LayoutState::Running);
}

#[test]
fn a_person_who_moved_away_is_given_her_leaving_day_and_why_and_can_come_back() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let bep = store(&db)
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.kind == NodeKind::Person)
        .unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&bep.id);
    harness.run();
    // No reason is asked for until she has left.
    assert!(
        harness
            .query_by_label_contains("Reden van vertrek")
            .is_none()
    );
    type_into(&mut harness, "Weg uit de wijk op", "1-9-2025");
    type_into(
        &mut harness,
        "Reden van vertrek (verhuisd, gestopt, overleden)",
        "verhuisd",
    );
    let stored = store(&db).node(&bep.id).unwrap().unwrap();
    assert_eq!(stored.until, Some("2025-09-01".parse().unwrap()));
    assert_eq!(stored.until_reason.as_deref(), Some("verhuisd"));
    // Gone before she came: refused, said in words, and nothing stored.
    type_into(&mut harness, "In de wijk sinds", "1-1-2026");
    assert!(
        harness
            .query_by_label_contains("is vóór 'in de wijk sinds'")
            .is_some()
    );
    assert_eq!(store(&db).node(&bep.id).unwrap().unwrap().since, None);
    // Undo takes the reason back, and then the day.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let back = store(&db).node(&bep.id).unwrap().unwrap();
    assert_eq!((back.until, back.until_reason), (None, None));
}

#[test]
fn wie_moet_ik_deze_week_nog_bellen_lists_her_follow_up_after_one_click_for_the_contact() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let naima = "p-naima-el-idrissi";
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(naima);
    harness.run();
    let today = wijkweb::model::today();
    let yesterday = today - jiff::Span::new().days(1);
    type_into(
        &mut harness,
        "Opvolgen op",
        &format!(
            "{}-{}-{}",
            yesterday.day(),
            yesterday.month(),
            yesterday.year()
        ),
    );
    type_into(&mut harness, "Opvolgen: wat", "bij het taalcafe geweest?");
    click(&mut harness, "Contact vastgelegd (vandaag)");
    let stored = store(&db).node(naima).unwrap().unwrap();
    assert_eq!(stored.last_contact, Some(today));
    assert_eq!(stored.follow_up, Some(yesterday));
    // The list says who, how late and what to ask; a click selects her.
    click(&mut harness, "Opvolgen");
    let line = "Naima El Idrissi (1 dag over tijd): bij het taalcafe geweest?";
    assert!(harness.query_by_label(line).is_some());
    harness.state_mut().select_and_centre("p-fenna-rosario");
    harness.run();
    click(&mut harness, line);
    assert!(harness.state().selection().contains(naima));
    // Undo takes the contact back (one step), and her follow-up stays.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let back = store(&db).node(naima).unwrap().unwrap();
    assert_eq!(back.last_contact, None);
    assert_eq!(back.follow_up, Some(yesterday));
}

#[test]
fn nog_actueel_asks_about_an_old_tie_and_klopt_nog_or_beeindigd_answers_it() {
    let dir = Dir::new();
    let db = util::db_from_json(
        &dir,
        "w.wijk",
        r#"{"nodes":[
{"id":"fatima","kind":"person","name":"Fatima El Idrissi"},
{"id":"bep","kind":"person","name":"Bep de Graaf"},
{"id":"anja","kind":"person","name":"Anja Bakker"}
],"relations":[
{"id":"r1","source":"fatima","target":"bep","kind":"neighbour","confirmed":"2024-02-01"},
{"id":"r2","source":"fatima","target":"anja","kind":"friend","confirmed":"2025-01-15"}
]}"#,
    );
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Opvolgen");
    assert!(harness.query_by_label_contains("Nog actueel?").is_some());
    assert!(
        harness
            .query_by_label("Fatima El Idrissi is buur van Bep de Graaf (bevestigd 1-2-2024)")
            .is_some()
    );
    // The oldest first: its buttons come first.
    harness
        .get_all_by_label("Klopt nog")
        .next()
        .unwrap()
        .click();
    harness.run();
    let r1 = store(&db).relation("r1").unwrap().unwrap();
    assert_eq!(r1.confirmed, Some(wijkweb::model::today()));
    assert!(r1.until.is_none());
    click(&mut harness, "Beëindigd");
    let r2 = store(&db).relation("r2").unwrap().unwrap();
    assert_eq!(r2.until, Some(wijkweb::model::today()));
    assert!(harness.query_by_label_contains("Nog actueel?").is_none());
}

#[test]
fn a_directed_graph_file_asks_what_its_direction_means_before_anything_is_written() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).relations().unwrap().len();
    let file = dir.write(
        "gericht.graphml",
        r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="directed">
    <node id="wijkagent"/><node id="voedselbank"/><node id="huisarts"/>
    <edge source="huisarts" target="voedselbank"/>
    <edge source="wijkagent" target="huisarts"/>
  </graph>
</graphml>
"#,
    );
    let mut harness = app_on(&db, &dir.path("settings.json"));
    for answer in ["Annuleren", "Als doorverwijzing (van bron naar doel)"] {
        click(&mut harness, "Bestand");
        click(&mut harness, "Importeren…");
        put_text(&mut harness, "Pad", &file.display().to_string());
        click(&mut harness, "OK");
        assert!(
            harness
                .query_by_label("Wat betekent de richting van de verbindingen?")
                .is_some(),
            "the question is asked"
        );
        assert_eq!(store(&db).relations().unwrap().len(), before, "nothing yet");
        click(&mut harness, answer);
    }
    let relations = store(&db).relations().unwrap();
    assert_eq!(relations.len(), before + 2);
    let referral = relations
        .iter()
        .find(|r| r.source == "huisarts" && r.target == "voedselbank")
        .expect("the referral, from source to target");
    assert_eq!(referral.kind, RelationKind::RefersTo);
    assert!(
        harness
            .query_by_label("Wat betekent de richting van de verbindingen?")
            .is_none()
    );
}

#[test]
fn the_import_dialog_names_excel_gexf_and_kumu_and_a_workbook_imports_through_it() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap().len();
    let file = dir.path("bewoners.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["naam", "soort"],
        ["Fatma Yilmaz", "bewoner"],
        ["Joop Kok", "bewoner"],
    ]
    .iter()
    .enumerate()
    {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    book.save(&file).unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    assert!(
        harness
            .query_by_label_contains("één pad per regel")
            .is_some()
    );
    // The hint is the only text of the open dialog that names formats.
    for format in [
        "GraphML of GEXF",
        "(.xlsx, .ods, .xls)",
        "Kumu",
        "relations.csv",
    ] {
        assert!(
            harness.query_by_label_contains(format).is_some(),
            "the hint names {format}"
        );
    }
    put_text(&mut harness, "Pad", &file.display().to_string());
    click(&mut harness, "OK");
    assert!(
        harness
            .query_by_label_contains("bewoners.xlsx [Sheet1]")
            .is_some()
    );
    click(&mut harness, "Inlezen");
    let nodes = store(&db).nodes().unwrap();
    assert_eq!(nodes.len(), before + 2);
    assert!(nodes.iter().any(|n| n.name == "Fatma Yilmaz"));
}

#[test]
fn a_date_like_3_1_2024_asks_day_or_month_first_and_imports_as_answered() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap().len();
    let file = dir.write(
        "uit-excel.csv",
        "naam,soort,sinds\nJoop Kok,bewoner,3/1/2024\nAnnie Kok,bewoner,4/2/2024\n",
    );
    let mut harness = app_on(&db, &dir.path("settings.json"));
    for answer in ["Annuleren", "Maand eerst (1 maart 2024)"] {
        click(&mut harness, "Bestand");
        click(&mut harness, "Importeren…");
        put_text(&mut harness, "Pad", &file.display().to_string());
        click(&mut harness, "OK");
        assert!(harness.query_by_label_contains("nog een vraag").is_some());
        click(&mut harness, "Inlezen");
        assert!(
            harness
                .query_by_label("Hoe staan de datums in het bestand?")
                .is_some(),
            "the question is asked"
        );
        assert!(
            harness
                .query_by_label("Dag eerst (3 januari 2024)")
                .is_some()
        );
        assert_eq!(store(&db).nodes().unwrap().len(), before, "nothing yet");
        click(&mut harness, answer);
    }
    let nodes = store(&db).nodes().unwrap();
    assert_eq!(nodes.len(), before + 2);
    let since = |name: &str| {
        nodes
            .iter()
            .find(|n| n.name == name)
            .and_then(|n| n.since)
            .map(|d| d.to_string())
    };
    assert_eq!(since("Joop Kok").as_deref(), Some("2024-03-01"));
    assert_eq!(since("Annie Kok").as_deref(), Some("2024-04-02"));
}

#[test]
fn a_makelaars_own_sheet_shows_its_columns_lets_her_map_them_and_names_the_double_before_writing() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap().len();
    let file = dir.write(
        "mijn-lijst.csv",
        "Naam;Telefoon;Leeftijd;Buurt\n\
         Joop Kok;06-12345678;81;Vogelbuurt\n\
         Gerda Kok;06-87654321;79;Vogelbuurt\n\
         Joop Kok;010-1234567;45;Bloemenwijk\n",
    );
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    put_text(&mut harness, "Pad", &file.display().to_string());
    click(&mut harness, "OK");
    assert!(harness.query_by_label("Kolommen inlezen").is_some());
    assert!(
        harness
            .query_by_label_contains("mijn-lijst.csv: personen, organisaties en initiatieven")
            .is_some()
    );
    // As it is, 'Telefoon' is no field: said before anything is written.
    assert!(
        harness
            .query_by_label_contains("onbekende kolom 'telefoon'")
            .is_some()
    );
    for (column, field) in [
        ("Telefoon", "contact"),
        ("Leeftijd", "niet inlezen"),
        ("Buurt", "wijk"),
    ] {
        click(&mut harness, column);
        click(&mut harness, field);
    }
    assert!(
        harness
            .query_by_label_contains("Wordt ingelezen: 3 personen, organisaties en initiatieven")
            .is_some(),
        "what it reads, as mapped"
    );
    assert!(
        harness
            .query_by_label_contains("'Joop Kok' staat 2 keer in de lijst")
            .is_some(),
        "the double name, before anything is written"
    );
    assert!(
        harness
            .query_by_label_contains("mijn-lijst.csv, regel 2; ")
            .is_some(),
        "where, in Dutch (it said 'line')"
    );
    assert_eq!(
        store(&db).nodes().unwrap().len(),
        before,
        "nothing written yet"
    );
    click(&mut harness, "Inlezen");
    let nodes = store(&db).nodes().unwrap();
    assert_eq!(nodes.len(), before + 3);
    let gerda = nodes.iter().find(|n| n.name == "Gerda Kok").unwrap();
    assert_eq!(gerda.contact.as_deref(), Some("06-87654321"));
    assert_eq!(gerda.wijk.as_deref(), Some("Vogelbuurt"));
    // Her age was left out: in no field of anyone (places aside: a coordinate may well
    // start with 79).
    let unplaced: Vec<_> = nodes
        .iter()
        .cloned()
        .map(|mut n| {
            (n.x, n.y) = (None, None);
            n
        })
        .collect();
    let json = serde_json::to_string(&unplaced).unwrap();
    assert!(
        !json.contains("\"79\"") && !json.contains(":79"),
        "the age was left out"
    );
}

#[test]
fn a_poster_for_a_bewonersavond_exports_on_a0_and_a_png_for_print_at_300_dpi() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let poster = dir.path("poster.pdf");
    let mut harness = app_on(&db, &dir.path("settings.json"));
    // Her organisation, once, in the settings: the author of every PDF she makes.
    click(&mut harness, "Instellingen");
    put_text(&mut harness, "Je organisatie", "Welzijn Vliet");
    harness.key_press(egui::Key::Escape);
    harness.run();
    click(&mut harness, "Bestand");
    click(&mut harness, "Exporteren…");
    click(&mut harness, "Papier");
    click(&mut harness, "A0 (poster voor een bewonersavond)");
    put_text(&mut harness, "Pad", &poster.display().to_string());
    click(&mut harness, "OK");
    let info = std::process::Command::new("pdfinfo")
        .arg(&poster)
        .output()
        .expect("pdfinfo (poppler-utils; scripts/test installs it)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("3370.39 x 2383.94 pts"),
        "A0 landscape: {info}"
    );
    assert!(info.contains("Author:          Welzijn Vliet"), "{info}");
    assert!(info.contains("Title:           Netwerk van "), "{info}");
    // A PNG for print: the same picture with 300/96 the pixels each way.
    let png = dir.path("kaart.png");
    click(&mut harness, "Bestand");
    click(&mut harness, "Exporteren…");
    click(&mut harness, "Formaat");
    click(&mut harness, "PNG");
    assert!(
        harness.query_by_label("Papier").is_none(),
        "a PNG has no paper"
    );
    click(&mut harness, "300 dpi, voor drukwerk");
    put_text(&mut harness, "Pad", &png.display().to_string());
    click(&mut harness, "OK");
    let bytes = std::fs::read(&png).expect("the PNG was written");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((word(16), word(20)), (5000, 3750));
}

#[test]
fn clicking_into_her_name_in_the_settings_keeps_the_menu_open_and_her_typing_makes_no_person() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap().len();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Instellingen");
    for (field, typed) in [
        ("Je naam (voor het logboek)", "Sanne de Vries"),
        ("Je organisatie", "Welzijn Vliet"),
    ] {
        // A click, as with the mouse (it closed the menu: her letters went to the
        // shortcuts, and the 'n' of her name made a new person).
        harness.get_by_label(field).click();
        harness.run();
        assert!(
            harness.query_by_label(field).is_some(),
            "the menu stayed open"
        );
        harness.get_by_label(field).type_text(typed);
        harness.run();
        assert_eq!(harness.get_by_label(field).value().as_deref(), Some(typed));
    }
    assert_eq!(
        store(&db).nodes().unwrap().len(),
        before,
        "no person was made"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Je organisatie").is_none(),
        "Escape closes it"
    );
}

#[test]
fn leaving_out_the_name_column_keeps_the_sheet_in_the_dialog_so_she_can_take_it_back() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let before = store(&db).nodes().unwrap().len();
    let file = dir.write("namen.csv", "Naam;Wijk\nJoop Kok;Vogelbuurt\n");
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Importeren…");
    put_text(&mut harness, "Pad", &file.display().to_string());
    click(&mut harness, "OK");
    click(&mut harness, "Naam");
    click(&mut harness, "niet inlezen");
    // The table stayed (it vanished, and with it the way back), and says why it would
    // not read now.
    assert!(
        harness.query_by_label("Naam").is_some(),
        "the column is still there"
    );
    assert!(
        harness
            .query_by_label_contains("geen wijkweb-CSV-bestand")
            .is_some()
    );
    click(&mut harness, "Naam");
    click(&mut harness, "naam");
    assert!(
        harness
            .query_by_label_contains("Wordt ingelezen: 1 persoon, organisatie of initiatief")
            .is_some()
    );
    click(&mut harness, "Inlezen");
    assert_eq!(store(&db).nodes().unwrap().len(), before + 1);
}
