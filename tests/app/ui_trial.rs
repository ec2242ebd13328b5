//! What a makelaar met when she first tried the app (issue "the app in a makelaar's
//! hands"), each as a test named after what she saw, driven by the labels on screen.

use crate::util;

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

/// The id of the node named `name` in the open wijk.
fn id_of(harness: &Harness<'_, WijkApp>, name: &str) -> String {
    let session = harness.state().session().expect("a wijk is open");
    let node = session.data.nodes.iter().find(|n| n.name == name);
    node.unwrap_or_else(|| panic!("no {name}")).id.to_string()
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
    assert!(harness.state().selection().contains(first.id.as_str()));
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
            assert!(
                session.data.index.contains_key(id.as_str()),
                "{id} is of this wijk"
            );
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

/// The laid-out 12-node wijk.
fn twelve_laid_out(dir: &Dir) -> PathBuf {
    let db = twelve_db(dir);
    let out = dir.wijkweb("layout").db(&db).run();
    assert!(out.status.success(), "{}", util::stderr(&out));
    db
}

/// Every node's screen place and drawn radius.
fn shapes(harness: &Harness<'_, WijkApp>) -> Vec<(String, egui::Pos2, f32)> {
    let app = harness.state();
    let session = app.session().unwrap();
    session
        .data
        .nodes
        .iter()
        .map(|n| {
            (
                n.name.clone(),
                app.node_screen_pos(&n.id).unwrap(),
                app.node_screen_radius(&n.id).unwrap(),
            )
        })
        .collect()
}

fn no_two_overlap(shapes: &[(String, egui::Pos2, f32)]) {
    for (k, (a, pa, ra)) in shapes.iter().enumerate() {
        for (b, pb, rb) in &shapes[k + 1..] {
            assert!(
                (*pa - *pb).length() >= ra + rb,
                "{a} and {b} overlap: {pa:?} r {ra}, {pb:?} r {rb}"
            );
        }
    }
}

#[test]
fn a_wijk_of_twelve_has_small_shapes_that_never_overlap_at_any_zoom_and_names_that_never_cover_each_other()
 {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Alles tonen");
    let map = harness.get_by_label("Kaart van de wijk").rect();
    let before = shapes(&harness);
    for (name, at, r) in &before {
        assert!(*r <= 13.01, "{name} is drawn {r} px wide (at most 13)");
        assert!(map.contains(*at), "{name} is on the map");
    }
    no_two_overlap(&before);
    // The picture uses the canvas: it spans most of the map's width or height.
    let xs: Vec<f32> = before.iter().map(|s| s.1.x).collect();
    let ys: Vec<f32> = before.iter().map(|s| s.1.y).collect();
    let span = |v: &[f32]| {
        v.iter().cloned().fold(f32::MIN, f32::max) - v.iter().cloned().fold(f32::MAX, f32::min)
    };
    assert!(
        span(&xs) > 0.6 * map.width() || span(&ys) > 0.6 * map.height(),
        "the drawing fills the map: {} x {} of {map:?}",
        span(&xs),
        span(&ys)
    );
    // Relations stay visible between the shapes: every pair of neighbours has room.
    let session = harness.state().session().unwrap();
    for r in &session.data.relations {
        let (a, b) = (
            harness.state().node_screen_pos(&r.source).unwrap(),
            harness.state().node_screen_pos(&r.target).unwrap(),
        );
        assert!(
            (a - b).length() > 26.0 + 6.0,
            "{} is hidden under its ends",
            r.id
        );
    }
    let labels = harness.state().canvas().label_rects();
    assert_eq!(labels.len(), 12, "every name shows");
    for (k, a) in labels.iter().enumerate() {
        for b in &labels[k + 1..] {
            assert!(!a.intersects(*b), "labels {a:?} and {b:?} cover each other");
        }
    }
    // However far she zooms in, a shape stays at most 13 px.
    harness.hover_at(map.center());
    harness.run();
    for _ in 0..12 {
        harness.key_press(egui::Key::Plus);
        harness.run();
    }
    for (name, _, r) in shapes(&harness) {
        assert!(r <= 13.01, "{name} grew to {r} px");
    }
    no_two_overlap(&shapes(&harness));
}

#[test]
fn the_legend_of_the_demo_covers_no_more_than_a_corner_at_1366x768() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut app = WijkApp::new(Some(dir.path("settings.json")));
    app.start(Some(db), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut WijkApp| app.show(ui), app);
    harness.run();
    // Colours by group: the longest legend, with each group's kenners.
    click(&mut harness, "Kleur naar");
    click(&mut harness, "groep");
    for _ in 0..50 {
        harness.run();
        if harness.state().is_analysing() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    let map = harness.get_by_label("Kaart van de wijk").rect();
    let entries: Vec<egui::Rect> = harness
        .query_all_by_label_contains("groep ")
        .map(|n| n.rect())
        .filter(|r| map.contains_rect(*r))
        .collect();
    assert!(!entries.is_empty(), "the legend lists the groups");
    let legend = entries.iter().fold(entries[0], |a, b| a.union(*b));
    assert!(
        legend.width() <= map.width() / 3.0 + 1.0 && legend.height() <= map.height() * 0.45,
        "the legend {legend:?} covers more than a corner of {map:?}"
    );
}

#[test]
fn a_route_moves_the_view_to_show_all_of_it_and_a_theme_tells_askers_from_offerers() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let session = harness.state().session().unwrap();
    let far = session
        .data
        .nodes
        .iter()
        .find(|n| n.name == "Hassan de Boer")
        .or_else(|| {
            session
                .data
                .nodes
                .iter()
                .find(|n| n.kind == wijkweb::NodeKind::Person)
        })
        .unwrap()
        .id
        .clone();
    harness.state_mut().select_and_centre(&far);
    // Zoomed in on one person, far from most of the wijk.
    let map = harness.get_by_label("Kaart van de wijk").rect();
    harness.hover_at(map.center());
    harness.run();
    for _ in 0..8 {
        harness.key_press(egui::Key::Plus);
        harness.run();
    }
    harness
        .state_mut()
        .find_way(&far, wijkweb::graph::paths::Target::Offers("taal".into()));
    for _ in 0..200 {
        harness.run();
        if !harness.state().overlay().paths.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    let overlay = harness.state().overlay();
    assert!(!overlay.paths.is_empty(), "a way was found");
    let session = harness.state().session().unwrap();
    for path in &overlay.paths {
        for &i in path {
            let id = &session.data.nodes[i].id;
            let at = harness.state().node_screen_pos(id).unwrap();
            assert!(map.contains(at), "{id} on the way is in view");
        }
    }
    assert!(
        harness.query_by_label("Makkelijkste weg").is_some(),
        "the legend names the way"
    );

    click(&mut harness, "Vraag en aanbod");
    for _ in 0..200 {
        harness.run();
        if harness.query_by_label("taal").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    click(&mut harness, "taal");
    let overlay = harness.state().overlay();
    use wijkweb::app::canvas::Mark;
    assert!(overlay.marks.contains(&Mark::Asks) && overlay.marks.contains(&Mark::Offers));
    assert_ne!(Mark::Asks.colour(), Mark::Offers.colour());
    assert!(harness.query_by_label("vraagt om dit thema").is_some());
    assert!(harness.query_by_label("biedt dit thema aan").is_some());
}

#[test]
fn a_bare_n_while_typing_a_name_makes_no_person_and_n_works_only_over_the_map() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let count = |h: &Harness<'_, WijkApp>| h.state().session().unwrap().data.nodes.len();
    let n = count(&harness);
    // Typing in the search field: N is a letter.
    put_text(&mut harness, "naam, rol of thema", "Jan");
    harness.key_press(egui::Key::N);
    harness.run();
    assert_eq!(count(&harness), n, "N while typing made a person");
    // A mis-click takes the keyboard away, with the pointer over the left panel.
    let panel = harness.get_by_label("Filters").rect();
    harness.hover_at(panel.center());
    harness.run();
    harness.get_by_label("Filters").click();
    harness.run();
    harness.key_press(egui::Key::N);
    harness.run();
    assert_eq!(count(&harness), n, "N off the map made a person");
    assert_eq!(names(&db).len(), n);
    // Over the map, N makes one.
    let map = harness.get_by_label("Kaart van de wijk").rect();
    harness.hover_at(map.center() + egui::vec2(200.0, 200.0));
    harness.run();
    harness.key_press(egui::Key::N);
    harness.run();
    assert_eq!(count(&harness), n + 1);
}

#[test]
fn escape_closes_every_dialog_and_the_shortcut_list_and_enter_confirms_a_delete() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(harness.query_by_label("Sneltoetsen").is_some());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Sneltoetsen").is_none());
    for menu in [
        "Nieuwe database…",
        "Openen…",
        "Importeren…",
        "Exporteren…",
        "Afdrukken… Ctrl+P",
    ] {
        click(&mut harness, "Bestand");
        click(&mut harness, menu);
        assert!(
            harness.query_by_label("Annuleren").is_some(),
            "{menu} opened"
        );
        harness.key_press(egui::Key::Escape);
        harness.run();
        assert!(
            harness.query_by_label("Annuleren").is_none(),
            "Escape closed {menu}"
        );
    }
    let bep = id_of(&harness, "Bep Jansen");
    harness.state_mut().select_and_centre(&bep);
    harness.run();
    click(&mut harness, "Verwijderen…");
    assert!(harness.query_by_label_contains("verwijderen?").is_some());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        !names(&db).iter().any(|n| n == "Bep Jansen"),
        "Enter deleted her"
    );
}

#[test]
fn a_message_floats_over_the_map_and_the_messages_keep_it_and_ctrl_q_quits() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let map = harness.get_by_label("Kaart van de wijk").rect();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let said = harness.state().message().unwrap().text.clone();
    assert_eq!(said, "Niets om ongedaan te maken");
    assert!(harness.query_by_label(&said).is_some(), "shown");
    assert_eq!(
        harness.get_by_label("Kaart van de wijk").rect(),
        map,
        "the message pushed the map down"
    );
    click(&mut harness, "×");
    assert!(harness.query_by_label(&said).is_none());
    click(&mut harness, "Beeld");
    click(&mut harness, "Berichten…");
    assert!(
        harness.query_by_label(&said).is_some(),
        "kept in the messages"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().quit_requested());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    assert!(harness.state().quit_requested());
}

#[test]
fn afdrukken_writes_the_map_as_an_a4_pdf_without_a_name_in_its_file_name() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    harness.run();
    let proposed = harness.get_by_label("Pad").value().unwrap_or_default();
    assert!(
        proposed.contains("wijkweb") && proposed.ends_with(".pdf") && proposed.contains("kaart-"),
        "{proposed}"
    );
    for name in names(&db) {
        assert!(!proposed.contains(&name), "{name} in {proposed}");
    }
    let out = dir.path("afdruk.pdf");
    put_text(&mut harness, "Pad", &out.display().to_string());
    click(&mut harness, "OK");
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"));
    let said = harness.state().message().unwrap().text.clone();
    assert!(said.contains(&out.display().to_string()), "{said}");
}

#[test]
fn removing_a_relation_says_so_with_ongedaan_maken_and_adding_one_moves_nothing_under_the_pointer()
{
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let relations = |db: &Path| {
        Store::open(db, OpenMode::ReadOnly)
            .unwrap()
            .relations()
            .unwrap()
            .len()
    };
    let before = relations(&db);
    let henk = id_of(&harness, "Henk de Boer");
    harness.state_mut().select_and_centre(&henk);
    harness.run();
    assert!(harness.query_by_label("3 relaties").is_some());
    // Name (kind), read from Henk: he volunteers at the café, is a friend of Mohamed.
    assert!(
        harness
            .query_by_label("Taalcafé Merel (vrijwilliger bij)")
            .is_some()
    );
    assert!(harness.query_by_label("Mohamed Amrani (vriend)").is_some());
    // Adding: the search field stays where it was, the "+" row goes, nothing else moves in.
    put_text(&mut harness, "Relatie leggen met", "Ria");
    let field = harness.get_by_label("Relatie leggen met").rect();
    let plus = harness.get_by_label_contains("+ Ria Visser").rect();
    harness.get_by_label_contains("+ Ria Visser").click();
    harness.run();
    assert_eq!(relations(&db), before + 1);
    assert_eq!(harness.get_by_label("Relatie leggen met").rect(), field);
    assert!(harness.query_by_label("4 relaties").is_some());
    for node in harness.query_all_by_label("Relatie verwijderen") {
        assert!(
            !node.rect().intersects(plus),
            "a remove button moved under the pointer"
        );
    }
    // Removing: said, with a way back.
    click(&mut harness, "Mohamed Amrani (vriend)");
    click(&mut harness, "Relatie verwijderen");
    assert_eq!(relations(&db), before);
    assert!(
        harness
            .query_by_label("Relatie tussen Henk de Boer en Mohamed Amrani verwijderd.")
            .is_some()
    );
    let undo = harness
        .query_all_by_label("Ongedaan maken")
        .find(|n| n.rect().min.y > 300.0)
        .expect("the message's own Ongedaan maken");
    undo.click();
    harness.run();
    assert_eq!(relations(&db), before + 1, "the relation is back");
}

#[test]
fn auto_says_vrijwilliger_bij_before_a_volunteer_is_linked_to_an_initiative() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let ria = id_of(&harness, "Huiswerkklas Merel");
    harness.state_mut().select_and_centre(&ria);
    harness.run();
    put_text(&mut harness, "Relatie leggen met", "Henk");
    // Henk is a vrijwilliger: from the Huiswerkklas he reads as its volunteer.
    assert!(
        harness
            .query_by_label("+ Henk de Boer · vrijwilliger (vrijwilliger)")
            .is_some()
    );
    harness.get_by_label_contains("+ Henk de Boer").click();
    harness.run();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let henk = store
        .nodes()
        .unwrap()
        .into_iter()
        .find(|n| n.name == "Henk de Boer")
        .unwrap();
    assert!(
        store
            .relations_of(&henk.id)
            .unwrap()
            .iter()
            .any(|r| r.source == henk.id
                && r.target == ria
                && r.kind == wijkweb::RelationKind::VolunteersAt)
    );
}

#[test]
fn a_new_wijk_typed_as_a_name_becomes_name_dot_wijk_in_the_documents_folder_with_its_path_shown() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Bestand");
    click(&mut harness, "Nieuwe database…");
    let field = "Naam van de wijk (of een volledig pad)";
    put_text(&mut harness, field, "Merelbuurt");
    let expected = wijkweb::app::dialogs::wijkweb_folder().join("Merelbuurt.wijk");
    assert!(
        harness
            .query_by_label(&format!("Wordt gemaakt als: {}", expected.display()))
            .is_some()
    );
    if !wijkweb::app::dialogs::file_dialog_available() {
        assert!(
            harness
                .query_by_label_contains("geen bestandskiezer")
                .is_some()
        );
    }
    // A full path without an extension gets one.
    let made = dir.path("eigen").join("Vogelbuurt");
    put_text(&mut harness, field, &made.display().to_string());
    click(&mut harness, "OK");
    let open = harness.state().session().unwrap().path().to_path_buf();
    assert_eq!(open, dir.path("eigen").join("Vogelbuurt.wijk"));
    assert!(open.exists());
    // An empty wijk says what to do first.
    assert!(harness.query_by_label("Deze wijk is nog leeg").is_some());
    assert!(harness.query_by_label("Een lijst importeren…").is_some());
    let start = harness
        .query_all_by_label("Nieuwe persoon")
        .find(|n| n.rect().min.x > 300.0 && n.rect().min.y > 100.0)
        .expect("the greeting's own Nieuwe persoon");
    start.click();
    harness.run();
    assert_eq!(harness.state().session().unwrap().data.nodes.len(), 1);
}

/// Every word of four letters or more in `text`, lowercase.
fn words_of(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Every label and value on screen.
fn screen_text(harness: &Harness<'_, WijkApp>) -> Vec<String> {
    use egui_kittest::kittest::NodeT;
    harness
        .root()
        .children_recursive()
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}

#[test]
fn every_screen_in_english_speaks_english_with_no_word_of_the_dutch_table() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    // The Dutch table's words that the English one never uses, less the wijk's own data
    // (names, roles and themes are what the makelaar typed, in whatever language).
    let nl = format!("{:?}", wijkweb::app::i18n::NL);
    let en = format!("{:?}", wijkweb::app::i18n::EN);
    let english = words_of(&en);
    let mut ours = std::collections::BTreeSet::new();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    for n in store.nodes().unwrap() {
        ours.extend(words_of(&format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?}",
            n.name, n.role, n.wijk, n.tags, n.offers, n.needs, n.notes
        )));
    }
    drop(store);
    let dutch: Vec<String> = words_of(&nl)
        .into_iter()
        .filter(|w| !english.contains(w) && !ours.contains(w))
        .collect();
    assert!(
        dutch.len() > 100,
        "the Dutch table has its own words: {}",
        dutch.len()
    );

    let settings = dir.path("settings.json");
    std::fs::write(&settings, r#"{"language":"English"}"#).unwrap();
    let mut harness = app_on(&db, &settings);
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut look = |harness: &mut Harness<'_, WijkApp>, screen: &str| {
        for _ in 0..100 {
            harness.run();
            if !harness.state().is_analysing() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        harness.run();
        for text in screen_text(harness) {
            for word in words_of(&text) {
                if dutch.contains(&word) {
                    seen.push((screen.to_owned(), text.clone()));
                }
            }
        }
    };
    look(&mut harness, "the map");
    let session = harness.state().session().unwrap();
    let resident = session
        .data
        .nodes
        .iter()
        .find(|n| n.name == "Tineke Şahin")
        .unwrap()
        .id
        .clone();
    harness.state_mut().find_way(
        &resident,
        wijkweb::graph::paths::Target::Offers("taal".into()),
    );
    look(&mut harness, "a way");
    for tab in ["Connectors", "Risks", "Needs and offers"] {
        click(&mut harness, tab);
        look(&mut harness, tab);
    }
    // A Best Person and a theme opened.
    if let Some(best) = harness.query_all_by_label_contains("cut off if").next() {
        best.click();
    }
    look(&mut harness, "a Best Person");
    harness.state_mut().select_and_centre(&resident);
    click(&mut harness, "Map");
    look(&mut harness, "her details");
    click(&mut harness, "Show needs and notes");
    look(&mut harness, "her needs and notes");
    click(&mut harness, "Network circle");
    look(&mut harness, "her network circle");
    click(&mut harness, "Export for the case meeting");
    look(&mut harness, "the casus export");
    harness.key_press(egui::Key::Escape);
    click(&mut harness, "Back to the wijk");
    for (menu, item) in [
        ("File", "New database…"),
        ("File", "Open…"),
        ("File", "Import…"),
        ("File", "Export…"),
        ("File", "Print… Ctrl+P"),
        ("File", "Due for review…"),
        ("View", "Messages…"),
        ("Help", "Keyboard shortcuts F1"),
    ] {
        click(&mut harness, menu);
        look(&mut harness, menu);
        click(&mut harness, item);
        look(&mut harness, item);
        harness.key_press(egui::Key::Escape);
        harness.run();
    }
    click(&mut harness, "Delete…");
    look(&mut harness, "delete");
    harness.key_press(egui::Key::Escape);
    click(&mut harness, "Forget…");
    look(&mut harness, "forget");
    harness.key_press(egui::Key::Escape);
    click(&mut harness, "Access request (inzage)…");
    look(&mut harness, "inzage");
    harness.key_press(egui::Key::Escape);
    harness.run();
    // An empty wijk's greeting.
    let empty = empty_db(&dir);
    harness.state_mut().open(&empty);
    look(&mut harness, "an empty wijk");
    assert!(seen.is_empty(), "Dutch on English screens: {seen:#?}");
}

#[test]
fn a_5000_node_wijk_answers_typing_while_its_first_map_is_drawn_and_then_draws_its_relations_as_one_picture()
 {
    let dir = Dir::new();
    let db = dir.path("groot.wijk");
    let (nodes, relations) = wijkweb::demo::barabasi_albert(5_000, 3, 5);
    let mut json = Vec::new();
    wijkweb::exchange::json::write_snapshot(&mut json, &nodes, &relations).unwrap();
    let input = dir.write("groot.wijkweb.json", &json);
    let out = util::import(&dir, &db, &[&input]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert_eq!(
        harness.state().layout_state(),
        wijkweb::app::session::LayoutState::Drawing,
        "no positions yet: the first map is being drawn"
    );
    // She types meanwhile: every letter arrives, and the search answers.
    let name = nodes[1234].name.clone();
    put_text(&mut harness, "naam, rol of thema", &name);
    assert_eq!(
        harness
            .get_by_label("naam, rol of thema")
            .value()
            .as_deref(),
        Some(name.as_str())
    );
    assert!(
        harness.query_all_by_label_contains(&name).count() >= 1,
        "listed"
    );
    let started = std::time::Instant::now();
    while harness.state().layout_state() == wijkweb::app::session::LayoutState::Drawing {
        assert!(
            started.elapsed().as_secs() < 120,
            "the first map never came"
        );
        harness.run();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..5 {
        harness.run();
    }
    assert!(
        harness.state().canvas().relations_as_picture(),
        "15,000 relations are drawn as one picture, not as 15,000 lines"
    );
    // Far out, where nodes cover the map, a drag that starts on one pans the map: no one
    // is moved (and pinned) by a hand that meant to move the view.
    let id = nodes[1234].id.clone();
    let from = harness.state().node_screen_pos(&id).unwrap();
    let to = from + egui::vec2(150.0, 80.0);
    harness.event(egui::Event::PointerMoved(from));
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::default(),
    });
    harness.step();
    for k in 1..=10 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 10.0),
        ));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::default(),
    });
    harness.step();
    harness.step();
    let moved: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'move_nodes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moved, 0, "nobody was moved by the drag");
    let now = harness.state().node_screen_pos(&id).unwrap();
    assert!(
        (now - to).length() < 40.0,
        "the map moved with the hand: {from:?} -> {now:?}, hand at {to:?}"
    );
}

/// Clicks at `pos` as a hand does: the pointer arrives, the button goes down in one frame
/// and up in a later one (a test click does both in one frame).
fn hand_click(harness: &mut Harness<'_, WijkApp>, pos: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
        harness.run();
    }
}

#[test]
fn ongedaan_maken_in_the_message_brings_a_removed_relation_back_when_clicked_by_hand() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let relations = |db: &Path| {
        Store::open(db, OpenMode::ReadOnly)
            .unwrap()
            .relations()
            .unwrap()
            .len()
    };
    let ria = id_of(&harness, "Henk de Boer");
    harness.state_mut().select_and_centre(&ria);
    harness.run();
    let before = relations(&db);
    harness
        .get_by_label("Mohamed Amrani (vriend)")
        .scroll_to_me();
    harness.run();
    let entry = harness
        .get_by_label("Mohamed Amrani (vriend)")
        .rect()
        .center();
    hand_click(&mut harness, entry);
    harness.get_by_label("Relatie verwijderen").scroll_to_me();
    harness.run();
    let remove = harness.get_by_label("Relatie verwijderen").rect().center();
    hand_click(&mut harness, remove);
    assert_eq!(relations(&db), before - 1);
    let undo = harness
        .query_all_by_label("Ongedaan maken")
        .find(|n| n.rect().min.y > 300.0)
        .expect("the message's own Ongedaan maken")
        .rect()
        .center();
    hand_click(&mut harness, undo);
    assert_eq!(relations(&db), before, "the relation is back");
    assert!(
        harness.state().selection().contains(&ria),
        "the click on the message is no click on the map"
    );
}

/// Runs the app until its layout is at rest (or a minute passed).
fn settle(harness: &mut Harness<'_, WijkApp>) {
    let started = std::time::Instant::now();
    while harness.state().layout_state() != wijkweb::app::session::LayoutState::Idle
        && started.elapsed().as_secs() < 60
    {
        harness.run();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

#[test]
fn deleting_a_person_and_undoing_it_leaves_everyone_else_where_they_were_on_the_map() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    settle(&mut harness);
    let places = |harness: &Harness<'_, WijkApp>| -> Vec<(String, egui::Pos2)> {
        shapes(harness)
            .into_iter()
            .map(|(n, p, _)| (n, p))
            .collect()
    };
    let before = places(&harness);
    // Bep Jansen is at an edge of the 12: without her the picture's bounds change.
    let bep = id_of(&harness, "Bep Jansen");
    harness.state_mut().select_and_centre(&bep);
    harness.run();
    let centred = places(&harness);
    click(&mut harness, "Verwijderen…");
    harness.key_press(egui::Key::Enter);
    harness.run();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    settle(&mut harness);
    assert!(names(&db).iter().any(|n| n == "Bep Jansen"), "undone");
    let after = places(&harness);
    for (name, was) in &centred {
        let now = after.iter().find(|(n, _)| n == name).unwrap().1;
        assert!(
            (now - *was).length() < 40.0,
            "{name} jumped from {was:?} to {now:?} (at the start {:?})",
            before.iter().find(|(n, _)| n == name).unwrap().1
        );
    }
}

#[test]
fn tab_from_the_name_goes_to_the_role_and_what_she_types_there_is_kept() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    let henk = id_of(&harness, "Henk de Boer");
    harness.state_mut().select_and_centre(&henk);
    harness.run();
    harness.get_by_label("Naam").focus();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.event(egui::Event::Text("buurman".into()));
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    // Henk's role was "vrijwilliger": the letters went on after it, none into the kinds.
    assert_eq!(
        store.node(&henk).unwrap().unwrap().role.as_deref(),
        Some("vrijwilligerbuurman"),
        "typed into the role, not into the list of kinds"
    );
    assert_eq!(
        store.node(&henk).unwrap().unwrap().kind,
        wijkweb::NodeKind::Person
    );
}

#[test]
fn enter_in_the_way_finders_fields_takes_the_first_suggestion_as_the_search_does() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Weg vinden");
    harness.get_by_label("Van").focus();
    harness.run();
    harness.get_by_label("Van").set_text_value_accesskit("Henk");
    harness.run();
    assert!(harness.query_by_label("» Henk de Boer").is_some());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness.query_by_label("Henk de Boer").is_some()
            && harness.query_by_label("» Henk de Boer").is_none(),
        "Enter chose him"
    );
}

#[test]
fn selecting_someone_draws_out_her_relations_on_the_map() {
    let dir = Dir::new();
    let db = twelve_laid_out(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    assert_eq!(harness.state().canvas().highlighted_relations(), 0);
    let henk = id_of(&harness, "Henk de Boer");
    harness.state_mut().select_and_centre(&henk);
    harness.run();
    assert!(harness.query_by_label("3 relaties").is_some());
    assert_eq!(harness.state().canvas().highlighted_relations(), 3);
}
