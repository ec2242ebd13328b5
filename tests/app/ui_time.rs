//! Time in the app, driven by the labels a makelaar reads: "Kaart op datum" (the wijk as it
//! was, read-only and marked as the past, its answers the core's on that day), what changed
//! drawn on the map, the follow-up periods she sets, and ties not confirmed drawn faded.

use crate::util;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use util::Dir;
use util::app::{app_on, click, demo_db, put_text};
use wijkweb::app::WijkApp;
use wijkweb::graph::Network;
use wijkweb::graph::kenners::{KennerQuery, kenners};
use wijkweb::model::{Date, relations_on};
use wijkweb::{NodeKind, OpenMode, Store};

const NAIMA: &str = "p-naima-el-idrissi";
/// Her maatje since 1-3-2026 in the demo wijk.
const FENNA: &str = "p-fenna-rosario";

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// Steps the app until `done`, at most a few minutes (kenners are worked out aside).
fn wait_for(harness: &mut Harness<'_, WijkApp>, done: impl Fn(&Harness<'_, WijkApp>) -> bool) {
    let start = std::time::Instant::now();
    while !done(harness) {
        assert!(start.elapsed().as_secs() < 300, "no answer in time");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

/// The kenners of the wijk as it was on `on`, worked out on a wijk that holds only the
/// nodes and relations of that day (not through the app's own day filter).
fn kenners_on(db: &std::path::Path, on: Date) -> Vec<String> {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let then: Vec<_> = relations_on(&nodes, &relations, on).cloned().collect();
    let present: Vec<_> = nodes.into_iter().filter(|n| n.present_on(on)).collect();
    let network = Network::new(&present, &then, on);
    kenners(
        &network,
        &KennerQuery {
            kind: Some(NodeKind::Person),
            without_professionals: true,
            ..KennerQuery::default()
        },
    )
    .into_iter()
    .map(|k| k.name)
    .collect()
}

#[test]
fn kaart_op_datum_shows_the_wijk_as_it_was_read_only_and_back_to_today() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    // Today's first kenner came to the wijk in 2025: on 1-1-2024 she is not in it.
    let today_first = kenners_on(&db, wijkweb::model::today())[0].clone();
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        let mut kenner = store
            .nodes()
            .unwrap()
            .into_iter()
            .find(|n| n.name == today_first)
            .unwrap();
        kenner.since = Some(day("2025-01-01"));
        store.update_node(kenner).unwrap();
    }
    let expected = kenners_on(&db, day("2024-01-01"));
    assert!(!expected.contains(&today_first));
    let held_before = {
        let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
        (store.load().unwrap(), store.audit_log().unwrap().len())
    };

    let mut harness = app_on(&db, &dir.path("settings.json"));
    // She is selected today; on 1-1-2024 she was not in the wijk, so not on its map.
    let kenner_id = {
        let data = &harness.state().session().unwrap().data;
        data.nodes
            .iter()
            .find(|n| n.name == today_first)
            .unwrap()
            .id
            .to_string()
    };
    harness.state_mut().select_and_centre(&kenner_id);
    harness.run();
    click(&mut harness, "Kaart op datum");
    put_text(&mut harness, "Dag", "1-1-2024");
    click(&mut harness, "Toon");
    assert!(
        harness
            .query_by_label_contains("Kaart op 1-1-2024: zo was de wijk toen")
            .is_some(),
        "the past is marked as the past"
    );
    assert!(harness.query_by_label("Dag").is_none(), "the menu closed");
    let session = harness.state().session().unwrap();
    assert_eq!(session.data.as_of, Some(day("2024-01-01")));
    assert!(session.is_read_only());
    assert!(!session.data.present[session.data.index[kenner_id.as_str()]]);
    assert!(
        harness.state().selection().is_empty(),
        "she is not selected then"
    );
    let shown = harness.state().visible_nodes();
    let present = session.data.present.iter().filter(|&&p| p).count();
    assert_eq!(shown, present, "who was not there then is not on the map");

    // The kenners of that day are the core's on a wijk of that day alone.
    click(&mut harness, "Kenners");
    let first = format!("1. {}", expected[0]);
    wait_for(&mut harness, |h| h.query_by_label(&first).is_some());
    assert!(
        harness
            .query_by_label(&format!("2. {}", expected[1]))
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains(&today_first)
            .next()
            .is_none(),
        "{today_first} was not in the wijk yet"
    );

    // Her circle as it was: her maatje came in March 2026.
    harness.state_mut().open_ego(NAIMA);
    harness.run();
    assert!(harness.state().circle_node_screen_pos(NAIMA).is_some());
    assert!(harness.state().circle_node_screen_pos(FENNA).is_none());
    assert!(harness.query_by_label("Moment vastleggen").is_none());
    assert!(harness.query_by_label("Export voor casusoverleg").is_none());
    click(&mut harness, "Terug naar de wijk");

    // Nothing is written on a map of the past.
    let session = harness.state_mut().session_mut().unwrap();
    let mut naima = session.data.node(NAIMA).unwrap().clone();
    naima.last_contact = Some(wijkweb::model::today());
    assert!(session.update_node(naima).is_err());
    harness.run();

    click(&mut harness, "Terug naar vandaag");
    let session = harness.state().session().unwrap();
    assert_eq!(session.data.as_of, None);
    assert!(!session.is_read_only());
    assert!(session.data.present[session.data.index[kenner_id.as_str()]]);
    harness.state_mut().open_ego(NAIMA);
    harness.run();
    assert!(harness.state().circle_node_screen_pos(FENNA).is_some());
    drop(harness);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let held = (store.load().unwrap(), store.audit_log().unwrap().len());
    assert!(
        held == held_before,
        "nothing was written on the map of the past"
    );
}

#[test]
fn a_day_that_is_not_in_the_past_is_said_and_the_map_stays_today() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Kaart op datum");
    put_text(&mut harness, "Dag", "1-1-2999");
    click(&mut harness, "Toon");
    assert!(
        harness
            .query_by_label_contains("niet in het verleden")
            .is_some()
    );
    put_text(&mut harness, "Dag", "31-2-2024");
    click(&mut harness, "Toon");
    assert!(harness.query_by_label_contains("geen datum").is_some());
    assert!(
        harness.query_by_label("Dag").is_some(),
        "the menu stays open"
    );
    assert_eq!(harness.state().session().unwrap().data.as_of, None);
}

#[test]
fn toon_op_de_kaart_draws_her_new_tie_green_and_the_ended_one_grey() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let ended;
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        let mut r = store
            .relations_of(NAIMA)
            .unwrap()
            .into_iter()
            .find(|r| r.source == "p-rachid-schouten" || r.target == "p-rachid-schouten")
            .unwrap();
        r.until = Some(wijkweb::model::today());
        ended = r.clone();
        store.update_relation(r).unwrap();
    }
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego(NAIMA);
    harness.run();
    click(&mut harness, "Wat is veranderd sinds…");
    put_text(&mut harness, "Sinds", "1-1-2026");
    click(&mut harness, "Toon");
    click(&mut harness, "Toon op de kaart");
    assert_eq!(harness.state().ego_centre(), None, "on the wijk's map");
    let overlay = harness.state().overlay();
    let data = &harness.state().session().unwrap().data;
    let at = |id: &str| data.index[id];
    use wijkweb::app::canvas::{ChangeLine, ChangeMark};
    assert!(overlay.changes.contains(&ChangeLine {
        from: at(&ended.source),
        to: at(&ended.target),
        mark: ChangeMark::Ended,
    }));
    assert!(
        overlay
            .changes
            .iter()
            .any(|c| c.mark == ChangeMark::Added && [c.from, c.to].contains(&at(FENNA))),
        "her maatje is new since 1-1-2026: {:?}",
        overlay.changes
    );
    // Drawn: green and grey lines over the map, and the legend says what they mean.
    let shapes: Vec<egui::Shape> = harness
        .output()
        .shapes
        .iter()
        .map(|c| c.shape.clone())
        .collect();
    let mut flat = Vec::new();
    fn unpack(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| unpack(s, out)),
            other => out.push(other.clone()),
        }
    }
    shapes.iter().for_each(|s| unpack(s, &mut flat));
    for mark in [ChangeMark::Added, ChangeMark::Ended] {
        assert!(
            flat.iter()
                .any(|s| matches!(s, egui::Shape::LineSegment { stroke, .. }
                if stroke.color == mark.colour())),
            "{mark:?} is drawn"
        );
    }
    // Whose ties changed is named on the map, however far out it is zoomed.
    let named: Vec<String> = flat
        .iter()
        .filter_map(|s| match s {
            egui::Shape::Text(text) => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .collect();
    assert!(
        named.iter().any(|n| n.contains("Fenna Rosario")),
        "{named:?}"
    );
    assert!(harness.query_by_label("nieuw").is_some());
    assert!(harness.query_by_label("niet meer").is_some());
    assert!(harness.query_by_label_contains("Op de kaart: ").is_some());
    click(&mut harness, "Kaart zonder veranderingen");
    assert!(harness.state().overlay().changes.is_empty());
}

#[test]
fn the_follow_up_periods_she_sets_are_kept_and_a_contact_confirms_her_ties() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let settings = dir.path("settings.json");
    // Her ties were last confirmed two years ago.
    let two_years_ago = wijkweb::model::followup::months_before(wijkweb::model::today(), 24);
    {
        let store = Store::open(&db, OpenMode::Existing).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE relations SET confirmed = ?1",
            [two_years_ago.to_string()],
        )
        .unwrap();
    }
    let mut harness = app_on(&db, &settings);
    let stale = |h: &Harness<'_, WijkApp>| {
        let data = &h.state().session().unwrap().data;
        data.stale.iter().filter(|&&s| s).count()
    };
    let current = harness
        .state()
        .session()
        .unwrap()
        .data
        .current
        .iter()
        .filter(|&&c| c)
        .count();
    assert_eq!(stale(&harness), current, "every live tie is faded");
    click(&mut harness, "Opvolgen");
    assert!(harness.query_by_label_contains("Nog actueel?").is_some());
    // Three years, not one: none is asked about, none is faded, and it is kept; nothing
    // else of the wijk is worked out again for it.
    let version = harness.state().session().unwrap().data.version;
    put_text(&mut harness, "Relatie nagevraagd na (maanden)", "36");
    harness.run();
    assert_eq!(stale(&harness), 0);
    assert_eq!(harness.state().session().unwrap().data.version, version);
    assert_eq!(harness.state().settings().stale_months, 36);
    assert_eq!(
        wijkweb::app::settings::Settings::load(&settings).stale_months,
        36
    );
    put_text(&mut harness, "Relatie nagevraagd na (maanden)", "12");
    harness.run();
    assert_eq!(stale(&harness), current);
    // One click with her: her ties hold, today.
    harness.state_mut().select_and_centre(NAIMA);
    harness.run();
    click(&mut harness, "Contact vastgelegd (vandaag)");
    let session = harness.state().session().unwrap();
    let data = &session.data;
    for (j, r) in data.relations.iter().enumerate() {
        let hers = r.source == NAIMA || r.target == NAIMA;
        if hers && data.current[j] {
            assert_eq!(r.confirmed, Some(wijkweb::model::today()), "{}", r.id);
            assert!(!data.stale[j]);
        }
    }
    let hers = data
        .relations
        .iter()
        .zip(&data.current)
        .filter(|(r, c)| **c && (r.source == NAIMA || r.target == NAIMA))
        .count();
    assert!(hers > 5, "the demo resident has her circle");
    // The store holds what the map shows.
    let today = wijkweb::model::today();
    let stored = session.store().relations_of(NAIMA).unwrap();
    for r in stored.iter().filter(|r| r.is_current(today)) {
        assert_eq!(r.confirmed, Some(today), "{}", r.id);
    }
    assert_eq!(stale(&harness), current - hers);
}

#[test]
fn a_casus_moment_past_its_retention_is_deleted_from_the_review_with_one_click() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        let (nodes, relations) = store.load().unwrap();
        for day in ["2020-02-01", "2026-11-01"] {
            let moment = wijkweb::layout::circle::freeze(
                wijkweb::model::Scheme::Lensink,
                NAIMA,
                &nodes,
                &relations,
                &Default::default(),
                day.parse().unwrap(),
                wijkweb::model::casework::MomentSource::Recorded,
            );
            store.record_moment(&moment).unwrap();
        }
        let mut retention = store.retention().unwrap();
        retention.moment = Some(36);
        store.set_retention(retention).unwrap();
    }
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_review();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("casusmoment van 2020-02-01")
            .is_some()
    );
    // Only the old one is listed.
    assert_eq!(harness.query_all_by_label("Moment verwijderen").count(), 1);
    click(&mut harness, "Moment verwijderen");
    let left = harness
        .state()
        .session()
        .unwrap()
        .store()
        .moments_of(NAIMA)
        .unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].day, day("2026-11-01"));
    assert!(
        harness.query_by_label_contains("casusmoment van").is_none(),
        "the review, shown again, has no moment left to review"
    );
}

#[test]
fn klopt_nog_on_a_map_of_the_past_says_it_is_the_past_not_the_files_rights() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE relations SET confirmed = '2020-01-01'", [])
        .unwrap();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    // Something to undo, before the past.
    harness.state_mut().select_and_centre(NAIMA);
    harness.run();
    click(&mut harness, "Contact vastgelegd (vandaag)");
    click(&mut harness, "Kaart op datum");
    put_text(&mut harness, "Dag", "1-6-2026");
    click(&mut harness, "Toon");
    let undo = harness.get_by_label("Ongedaan maken");
    assert!(
        undo.accesskit_node().is_disabled(),
        "nothing is undone in the past"
    );
    click(&mut harness, "Opvolgen");
    let button = harness.query_all_by_label("Klopt nog").next().unwrap();
    button.scroll_to_me();
    harness.run();
    harness
        .query_all_by_label("Klopt nog")
        .next()
        .unwrap()
        .click();
    harness.run();
    let said = harness.state().message().unwrap().text.clone();
    assert!(said.contains("Dit is de kaart van 1-6-2026"), "{said}");
    assert!(!said.contains("rechten"), "{said}");
}

#[test]
fn on_a_map_of_the_past_her_details_list_only_what_had_begun_and_her_circle_still_opens() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(FENNA);
    harness.run();
    click(&mut harness, "Kaart op datum");
    put_text(&mut harness, "Dag", "1-1-2026");
    click(&mut harness, "Toon");
    // Fenna was not in her circle yet; as her maatje she is no relation of Naima's then.
    harness.state_mut().select_and_centre(NAIMA);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Kaart van 1-1-2026: alleen lezen")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("Fenna Rosario (")
            .next()
            .is_none(),
        "a relation that began in March 2026 is not in her list of 1-1-2026"
    );
    click(&mut harness, "Netwerkcirkel");
    assert_eq!(harness.state().ego_centre(), Some(NAIMA));
}
