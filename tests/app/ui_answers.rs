//! The app's answers driven by their labels, as a makelaar would find them, each checked
//! against the core's own answer: a referral path to a theme, the kenners, the 'Best
//! Persons', vraag en aanbod, the network circle and its casus export; and the window
//! answering while kenners are worked out on a 20,000-node wijk.

use crate::util;

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use util::app::{app_on, click, demo_db, put_text};
use util::{Dir, stderr};
use wijkweb::app::WijkApp;
use wijkweb::graph::Network;
use wijkweb::graph::kenners::{KennerQuery, kenners};
use wijkweb::graph::paths::{Target, referral_paths};
use wijkweb::{NodeKind, OpenMode, Store};

fn network(db: &Path) -> Network {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    Network::new(&nodes, &relations, wijkweb::model::today())
}

/// Steps the app until `done` (the background work answered), at most a few minutes.
fn wait_for(harness: &mut Harness<'_, WijkApp>, done: impl Fn(&Harness<'_, WijkApp>) -> bool) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no answer in time"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();
}

#[test]
fn a_way_from_a_resident_to_the_taal_offer_is_listed_and_explained_as_the_core_finds_it() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let resident = store
        .nodes()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NodeKind::Person)
        .find(|n| n.needs.iter().any(|x| x == "taal"))
        .expect("a resident asks for taal");
    drop(store);
    let expected = referral_paths(
        &network(&db),
        &resident.id,
        &Target::Offers("taal".into()),
        3,
        &[],
        wijkweb::graph::paths::Allow::NONE,
    )
    .unwrap();
    assert!(!expected.is_empty());

    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Weg vinden");
    harness
        .get_by_label("Van")
        .set_text_value_accesskit(&resident.name);
    harness.run();
    click(&mut harness, &format!("» {}", resident.name));
    click(&mut harness, "een aanbod (thema)");
    click(&mut harness, "Thema");
    click(&mut harness, "taal");
    click(&mut harness, "Zoek een weg");
    let words = wijkweb::words::Language::Dutch.words();
    let first = words.explain(&expected[0]);
    wait_for(&mut harness, |h| h.query_by_label(&first).is_some());
    for path in &expected {
        let explanation = words.explain(path);
        assert!(
            harness.query_by_label(&explanation).is_some(),
            "{explanation} is listed"
        );
    }
    // The map shows the same paths, best first.
    let overlay = harness.state().overlay();
    let session = harness.state().session().unwrap();
    let ids: Vec<Vec<String>> = overlay
        .paths
        .iter()
        .map(|p| {
            p.iter()
                .map(|&i| session.data.nodes[i].id.to_string())
                .collect()
        })
        .collect();
    let want: Vec<Vec<String>> = expected
        .iter()
        .map(|p| p.nodes.iter().map(|n| n.id.to_string()).collect())
        .collect();
    assert_eq!(ids, want);
    // A step of the path selects that node.
    let last = expected[0].nodes.last().unwrap().clone();
    harness
        .get_all_by_label(&last.name)
        .next()
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness.get_all_by_label(&last.name).next().unwrap().click();
    harness.run();
    assert!(harness.state().selection().contains(last.id.as_str()));

    // Asked to avoid her own start, the finder says so in Dutch, by her name.
    harness
        .get_by_label("Niet via")
        .set_text_value_accesskit(&resident.name);
    harness.run();
    click(&mut harness, &format!("» {}", resident.name));
    click(&mut harness, "Zoek een weg");
    let refusal = format!(
        "{} is begin of eind van de weg en staat ook bij ‘niet via’; haal één van beide weg.",
        resident.name
    );
    wait_for(&mut harness, |h| h.query_by_label(&refusal).is_some());
    assert!(harness.query_by_label(&first).is_none());
}

#[test]
fn the_kenners_list_is_the_cores_and_its_first_entry_selects_her() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let expected = kenners(
        &network(&db),
        &KennerQuery {
            kind: Some(NodeKind::Person),
            without_professionals: true,
            ..KennerQuery::default()
        },
    );
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Kenners");
    let first = format!("1. {}", expected[0].name);
    wait_for(&mut harness, |h| h.query_by_label(&first).is_some());
    let reason = wijkweb::words::Language::Dutch
        .words()
        .kenner_reason(&expected[0]);
    assert!(harness.query_by_label(&reason).is_some());
    assert!(
        harness
            .query_by_label(&format!("2. {}", expected[1].name))
            .is_some()
    );
    click(&mut harness, &first);
    assert_eq!(
        harness.state().selection().iter().collect::<Vec<_>>(),
        vec![&expected[0].id]
    );
}

#[test]
fn a_best_person_marks_whom_she_cuts_off_and_a_theme_its_askers_and_offerers() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let net = network(&db);
    let risks = wijkweb::graph::risks::risks(&net);
    let best = risks
        .articulation_points
        .first()
        .expect("the demo has one")
        .clone();
    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Risico's");
    let cut_off = wijkweb::app::i18n::count(wijkweb::app::i18n::NL.cuts_off, best.cut_off);
    let label = format!("{} · {cut_off}", best.name);
    wait_for(&mut harness, |h| h.query_by_label(&label).is_some());
    click(&mut harness, &label);
    let marked = |h: &Harness<'_, WijkApp>| {
        let session = h.state().session().unwrap();
        let mut ids: Vec<String> = h
            .state()
            .overlay()
            .marked
            .iter()
            .map(|&i| session.data.nodes[i].id.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(marked(&harness), best.cut_off_nodes);

    let needs = wijkweb::graph::needs::needs(&net, Some("taal"), 3);
    let taal = &needs.themes[0];
    click(&mut harness, "Vraag en aanbod");
    wait_for(&mut harness, |h| h.query_by_label("taal").is_some());
    // Who asks is named only once the theme is opened: before, a count.
    let askers: Vec<&str> = taal.asked_by.iter().map(|n| n.name.as_str()).collect();
    let named = format!("gevraagd door {}", askers.join(", "));
    let counted = format!(
        "gevraagd door {} (klik op het thema voor de namen)",
        askers.len()
    );
    assert!(harness.query_by_label(&named).is_none());
    assert!(harness.query_by_label(&counted).is_some());
    click(&mut harness, "taal");
    assert!(harness.query_by_label(&named).is_some());
    let mut want: Vec<String> = taal
        .asked_by
        .iter()
        .chain(&taal.offered_by)
        .map(|n| n.id.to_string())
        .collect();
    want.sort();
    assert_eq!(marked(&harness), want);
}

#[test]
fn the_network_circle_exports_a_pseudonymised_casus_pack_in_the_chosen_scheme() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let all = store.nodes().unwrap();
    let centre = all
        .iter()
        .filter(|n| n.kind == NodeKind::Person)
        .max_by_key(|n| store.relations_of(&n.id).unwrap().len())
        .unwrap()
        .clone();
    drop(store);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().select_and_centre(&centre.id);
    harness.run();
    click(&mut harness, "Netwerkcirkel");
    assert_eq!(harness.state().ego_centre(), Some(centre.id.as_str()));
    assert!(
        harness
            .query_by_label(&format!("Netwerkcirkel van {}", centre.name))
            .is_some()
    );
    click(&mut harness, "Export voor casusoverleg");
    // A pseudonymised casus pack, in the netwerkcirkel van Lensink by default.
    assert_eq!(
        harness
            .get_by_label("Schema van het pakket")
            .value()
            .as_deref(),
        Some("netwerkcirkel van Lensink")
    );
    click(&mut harness, "Schema van het pakket");
    click(&mut harness, "netwerkkaart van Pantuček");
    put_text(&mut harness, "Organisatie", "Welzijn Vliet");
    let out = dir.path("casus.pdf");
    put_text(&mut harness, "Pad", &out.display().to_string());
    click(&mut harness, "OK");
    let pdf = std::fs::read(&out).expect("the casus pack was written");
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .args([out.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils; .ci/run installs it)")
            .stdout,
    )
    .unwrap();
    for want in [
        "netwerkkaart van Pantuček",
        "vrienden en kennissen",
        "Welzijn Vliet",
        "Vertrouwelijk",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
    for person in all.iter().filter(|n| n.kind == NodeKind::Person) {
        assert!(
            !text.contains(&person.name),
            "{} is in the pack",
            person.name
        );
    }
    let log = Store::open(&db, OpenMode::ReadOnly)
        .unwrap()
        .audit_log()
        .unwrap();
    // The export, then the moment it kept of her circle.
    assert_eq!(log.last().unwrap().action, "moment");
    let export = &log[log.len() - 2];
    assert_eq!(export.action, "export");
    let details = export.after.as_deref().unwrap();
    assert!(details.contains("\"pseudonymised\":true"), "{details}");
    assert!(
        details.contains(centre.id.as_str()) || details.contains("\"ego\""),
        "{details}"
    );
    click(&mut harness, "Terug naar de wijk");
    assert_eq!(harness.state().ego_centre(), None);
}

#[test]
fn the_window_keeps_answering_while_kenners_are_worked_out_on_20000_nodes() {
    let dir = Dir::new();
    let (mut nodes, relations) = wijkweb::demo::barabasi_albert(20_000, 3, 9);
    for (i, node) in nodes.iter_mut().enumerate() {
        node.x = Some((i % 150) as f64 * 30.0);
        node.y = Some((i / 150) as f64 * 30.0);
    }
    let input = dir.path("big.wijkweb.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    wijkweb::exchange::json::write_snapshot(&mut out, &nodes, &relations).unwrap();
    drop(out);
    let db = dir.path("big.sqlite");
    let done = util::import(&dir, &db, &[&input]);
    assert!(done.status.success(), "{}", stderr(&done));

    let mut harness = app_on(&db, &dir.path("settings.json"));
    click(&mut harness, "Kenners");
    assert!(
        harness.state().is_analysing(),
        "kenners are worked out in the background"
    );
    // Meanwhile the makelaar searches: every frame is handled at once.
    click(&mut harness, "Kaart");
    harness
        .get_by_label("naam, rol of thema")
        .set_text_value_accesskit("Bewoner 1234");
    let mut slowest = Duration::ZERO;
    for _ in 0..10 {
        let start = Instant::now();
        harness.step();
        slowest = slowest.max(start.elapsed());
    }
    assert!(
        harness
            .get_all_by_label_contains("Bewoner 1234")
            .next()
            .is_some()
    );
    assert!(
        harness.state().is_analysing(),
        "the search was answered while kenners were still being worked out"
    );
    assert!(
        slowest < Duration::from_secs(1),
        "a frame took {slowest:?} while kenners were worked out"
    );
    click(&mut harness, "Kenners");
    wait_for(&mut harness, |h| !h.state().is_analysing());
    assert!(
        harness
            .get_all_by_label_contains("1. Bewoner")
            .next()
            .is_some()
    );
}

#[test]
fn dragging_a_contact_to_another_quadrant_places_her_there_and_it_is_kept() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let resident = "p-naima-el-idrissi";
    let maatje = "p-fenna-rosario";
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego(resident);
    harness.run();
    assert_eq!(harness.state().ego_centre(), Some(resident));
    let from = harness.state().circle_node_screen_pos(maatje).unwrap();
    // To the middle of familie (top left), on the third ring (bekenden).
    let (mid, _) = wijkweb::layout::circle::ring_band(wijkweb::layout::circle::Scheme::Lensink, 2);
    let a = -3.0 * std::f64::consts::FRAC_PI_4;
    let to = harness
        .state()
        .circle_point_screen_pos([mid * a.cos(), mid * a.sin()])
        .unwrap();
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for k in 1..=8 {
        harness.hover_at(from + (to - from) * (k as f32 / 8.0));
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let placed = store
        .circle_places(resident, wijkweb::model::Scheme::Lensink)
        .unwrap();
    assert_eq!(
        placed.get(maatje),
        Some(&wijkweb::model::Place { sector: 0, ring: 2 }),
        "{placed:?}"
    );
    drop(store);
    // The message says where she is now, in words.
    assert!(
        harness
            .query_by_label_contains("Fenna Rosario staat nu bij familie, bekenden")
            .is_some()
    );
    // Ctrl+Z puts her back where she was, and Ctrl+Shift+Z there again, in the circle.
    let placed_now = |harness: &Harness<'_, WijkApp>| {
        let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
        let placed = store
            .circle_places(resident, wijkweb::model::Scheme::Lensink)
            .unwrap();
        let p = harness.state().circle_node_screen_pos(maatje).unwrap();
        let centre = harness.state().circle_point_screen_pos([0.0, 0.0]).unwrap();
        (placed.get(maatje).copied(), p - centre)
    };
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Ongedaan gemaakt: in de cirkel plaatsen Fenna Rosario")
            .is_some()
    );
    let (place, at) = placed_now(&harness);
    assert_eq!(place, None);
    assert!(at.x > 0.0 && at.y > 0.0, "not back in samenleving: {at:?}");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    let (place, at) = placed_now(&harness);
    assert_eq!(place, Some(wijkweb::model::Place { sector: 0, ring: 2 }));
    assert!(at.x < 0.0 && at.y < 0.0, "not in familie again: {at:?}");
    // Reopened, the circle still has her there.
    drop(harness);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego(resident);
    harness.run();
    let p = harness.state().circle_node_screen_pos(maatje).unwrap();
    let centre = harness.state().circle_point_screen_pos([0.0, 0.0]).unwrap();
    assert!(
        p.x < centre.x && p.y < centre.y,
        "{p:?} is not top left of {centre:?}"
    );
    click(&mut harness, "Terug naar de voorgestelde plaatsen");
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert!(
        store
            .circle_places(resident, wijkweb::model::Scheme::Lensink)
            .unwrap()
            .is_empty()
    );
}

/// Every shape the last frame painted, nested ones unpacked.
fn painted(harness: &Harness<'_, WijkApp>) -> Vec<egui::Shape> {
    fn unpack(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| unpack(s, out)),
            other => out.push(other.clone()),
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        unpack(&clipped.shape, &mut out);
    }
    out
}

/// The paths (open lines and filled polygons) painted in `colour`.
fn paths_in(shapes: &[egui::Shape], colour: egui::Color32) -> Vec<egui::epaint::PathShape> {
    shapes
        .iter()
        .filter_map(|s| match s {
            egui::Shape::Path(p)
                if p.fill == colour || p.stroke.color == egui::epaint::ColorMode::Solid(colour) =>
            {
                Some(p.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_network_circle_draws_ecogram_lines_with_letters_arrows_and_a_legend() {
    use wijkweb::app::theme;
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego("p-naima-el-idrissi");
    harness.run();
    let shapes = painted(&harness);
    let at = |id: &str| harness.state().circle_node_screen_pos(id).unwrap();
    let centre = harness.state().circle_point_screen_pos([0.0, 0.0]).unwrap();
    let near = |p: egui::Pos2, q: egui::Pos2| p.distance(q) < 30.0;
    // Rachid Schouten burdens her: a red zigzag from her to him.
    let rachid = at("p-rachid-schouten");
    let red = paths_in(&shapes, theme::BURDENING);
    assert!(
        red.iter().any(|p| !p.closed
            && p.points.len() > 4
            && near(p.points[0], centre)
            && near(*p.points.last().unwrap(), rachid)),
        "no zigzag to {rachid:?} in {red:?}"
    );
    // Arrowheads at whoever is supported: her maatje Fenna Rosario supports her (the
    // arrow at her), and she and her mother Emine support each other (both ends).
    let tips: Vec<egui::Pos2> = paths_in(&shapes, theme::ECOGRAM_INK)
        .into_iter()
        .filter(|p| p.closed && p.points.len() == 3)
        .map(|p| p.points[0])
        .collect();
    let emine = at("p-emine-el-idrissi");
    assert!(
        tips.iter().any(|&t| near(t, emine)),
        "no arrow at Emine: {tips:?}"
    );
    let at_her = tips.iter().filter(|&&t| near(t, centre)).count();
    assert!(at_her >= 5, "{at_her} arrows at her: {tips:?}");
    assert!(
        !tips.iter().any(|&t| near(t, at("p-fenna-rosario"))),
        "an arrow at Fenna, who supports her"
    );
    // Steunend is thick and solid; neutraal dotted (short dashes).
    let segments: Vec<f32> = shapes
        .iter()
        .filter_map(|s| match s {
            egui::Shape::LineSegment { stroke, .. } if stroke.color == theme::ECOGRAM_INK => {
                Some(stroke.width)
            }
            _ => None,
        })
        .collect();
    assert!(segments.iter().any(|&w| w >= 3.0), "no thick line");
    assert!(segments.iter().any(|&w| w < 2.0), "no dotted line");
    // The selection (she, in the middle) is marked in blue: red means belastend here.
    assert!(!shapes.iter().any(|s| matches!(
        s,
        egui::Shape::Circle(c) if c.stroke.color == theme::SELECTED
    )));
    assert!(shapes.iter().any(|s| matches!(
        s,
        egui::Shape::Circle(c) if c.stroke.color == theme::SELECTED_IN_CIRCLE
    )));
    // Support letters on the lines, and the legend that explains all of it.
    for label in [
        "GE",
        "PA",
        "Legenda",
        "familie",
        "professionals",
        "steunend",
        "neutraal",
        "belastend / conflict",
        "pijl: wie steunt wie",
        "P  praktische steun",
        "E  emotionele steun",
    ] {
        assert!(
            harness.query_by_label(label).is_some()
                || shapes
                    .iter()
                    .any(|s| matches!(s, egui::Shape::Text(t) if t.galley.text() == label)),
            "no {label:?} on screen"
        );
    }
    // Lines between her contacts only on request, faint and grey.
    assert!(paths_in(&shapes, theme::ECOGRAM_FAINT).is_empty());
    let faint = |shapes: &[egui::Shape]| {
        shapes
            .iter()
            .filter(|s| match s {
                egui::Shape::LineSegment { stroke, .. } => stroke.color == theme::ECOGRAM_FAINT,
                egui::Shape::Path(p) => {
                    p.stroke.color == egui::epaint::ColorMode::Solid(theme::ECOGRAM_FAINT)
                }
                _ => false,
            })
            .count()
    };
    assert_eq!(faint(&shapes), 0);
    click(&mut harness, "Ook lijnen tussen de contacten");
    assert!(faint(&painted(&harness)) > 0, "no lines between contacts");
}

#[test]
fn the_circle_legend_covers_no_contact_on_a_small_laptop_screen() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    // The window of a 1366x768 laptop, with the search and the details panel open.
    harness.set_size(egui::vec2(1280.0, 700.0));
    harness.run();
    let resident = "p-naima-el-idrissi";
    harness.state_mut().open_ego(resident);
    harness.run();
    // The legend's window: from its title to its last line, as wide as its widest line
    // (the quadrant names), and its margins.
    let legend = [
        "Legenda",
        "medecliënten, werk en school",
        "E  emotionele steun",
    ]
    .iter()
    .map(|label| harness.get_by_label(label).rect())
    .reduce(|a, b| a.union(b))
    .unwrap()
    .expand(8.0);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let contacts: Vec<String> = store
        .relations_of(resident)
        .unwrap()
        .into_iter()
        .map(|r| {
            if r.source == resident {
                r.target.to_string()
            } else {
                r.source.to_string()
            }
        })
        .collect();
    assert!(contacts.len() >= 10);
    for id in &contacts {
        let at = harness.state().circle_node_screen_pos(id).unwrap();
        assert!(
            !legend.contains(at),
            "{id} at {at:?} is under the legend {legend:?}"
        );
    }
    // Nor the circle's own edge at the lower left, where the legend sits.
    let edge = harness
        .state()
        .circle_point_screen_pos([
            -std::f64::consts::FRAC_1_SQRT_2,
            std::f64::consts::FRAC_1_SQRT_2,
        ])
        .unwrap();
    assert!(
        !legend.contains(edge),
        "the circle's edge {edge:?} is under {legend:?}"
    );
}

#[test]
fn wat_is_veranderd_in_her_circle_says_the_neighbour_is_steunend_now_in_two_clicks() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        let mut r = store
            .relations_of("p-naima-el-idrissi")
            .unwrap()
            .into_iter()
            .find(|r| r.source == "p-rachid-schouten")
            .unwrap();
        r.quality = wijkweb::model::Quality::Supportive;
        store.update_relation(r).unwrap();
    }
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego("p-naima-el-idrissi");
    harness.run();
    // One click in her circle: since three months back (no casus of her yet), to today.
    click(&mut harness, "Wat is veranderd sinds…");
    assert!(
        harness
            .query_by_label_contains(
                "buur Rachid Schouten: aard van belastend / conflict naar steunend"
            )
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains(": Naima El Idrissi")
            .is_some()
    );
    // Other days: a reversed period is said in words, and nothing else shows.
    put_text(&mut harness, "Sinds", "1-6-2026");
    put_text(&mut harness, "Tot", "1-1-2026");
    click(&mut harness, "Toon");
    assert!(harness.query_by_label_contains("ligt niet vóór").is_some());
    // Her maatje came on 1-3-2026.
    put_text(&mut harness, "Sinds", "1-1-2026");
    put_text(&mut harness, "Tot", "1-6-2026");
    click(&mut harness, "Toon");
    assert!(
        harness
            .query_by_label_contains("nieuw sinds 1-3-2026: maatje Fenna Rosario")
            .is_some()
    );
}

#[test]
fn moment_vastleggen_then_wat_is_veranderd_says_what_changed_since_that_moment() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().open_ego("p-naima-el-idrissi");
    harness.run();
    click(&mut harness, "Moment vastleggen");
    assert!(
        harness
            .query_by_label_contains("vastgelegd (12 contacten)")
            .is_some()
    );
    let moments = harness
        .state()
        .session()
        .unwrap()
        .store()
        .moments_of("p-naima-el-idrissi")
        .unwrap();
    assert_eq!(moments.len(), 1);
    // Weeks later: the neighbour turned steunend.
    let session = harness.state_mut().session_mut().unwrap();
    let mut r = session
        .store()
        .relations_of("p-naima-el-idrissi")
        .unwrap()
        .into_iter()
        .find(|r| r.source == "p-rachid-schouten")
        .unwrap();
    r.quality = wijkweb::model::Quality::Supportive;
    session.update_relation(r).unwrap();
    harness.run();
    // One click: since her moment (today's), not three months back.
    click(&mut harness, "Wat is veranderd sinds…");
    assert!(
        harness
            .query_by_label_contains(
                "buur Rachid Schouten: aard van belastend / conflict naar steunend"
            )
            .is_some()
    );
    assert!(
        harness.query_by_label_contains("(Moment van ").is_some(),
        "the heading names the moment"
    );
    // The moment is offered to choose again.
    assert!(
        harness
            .query_by_label_contains("Sinds Moment van")
            .is_some()
    );
}

#[test]
fn doorverwijzen_via_deze_weg_is_followed_up_in_opvolgen_until_she_went() {
    let dir = Dir::new();
    let db = demo_db(&dir);
    let mut harness = app_on(&db, &dir.path("settings.json"));
    harness.state_mut().find_way(
        "p-naima-el-idrissi",
        Target::Node("i-taalcafe-de-brug".into()),
    );
    harness.run();
    wait_for(&mut harness, |h| {
        h.query_all_by_label("Doorverwijzen via deze weg")
            .next()
            .is_some()
    });
    let button = harness
        .query_all_by_label("Doorverwijzen via deze weg")
        .next()
        .unwrap();
    button.scroll_to_me();
    harness.run();
    harness
        .query_all_by_label("Doorverwijzen via deze weg")
        .next()
        .unwrap()
        .click();
    harness.run();
    let referrals = harness
        .state()
        .session()
        .unwrap()
        .store()
        .referrals(None)
        .unwrap();
    assert_eq!(referrals.len(), 1);
    assert_eq!(referrals[0].resident, "p-naima-el-idrissi");
    assert_eq!(referrals[0].target, "i-taalcafe-de-brug");
    assert!(
        harness
            .query_by_label_contains(
                "Doorverwijzing vastgelegd: Naima El Idrissi naar Taalcafe De Brug"
            )
            .is_some()
    );
    // In the Opvolgen tab: asked about in four weeks, "gestart" when she went.
    click(&mut harness, "Opvolgen");
    let words = wijkweb::words::Language::Dutch.words();
    let line = format!(
        "Naima El Idrissi naar Taalcafe De Brug, {} (over 28 dagen)",
        words.date(wijkweb::model::today())
    );
    let line = line.as_str();
    assert!(harness.query_by_label_contains(line).is_some());
    click(&mut harness, "gestart");
    let store = harness.state().session().unwrap().store();
    assert_eq!(
        store.referrals(None).unwrap()[0].status,
        wijkweb::model::casework::ReferralStatus::Started
    );
    assert!(
        harness.query_by_label_contains(line).is_none(),
        "off the list"
    );
    // Undo brings the question back.
    harness.state_mut().undo();
    harness.run();
    assert!(harness.query_by_label_contains(line).is_some());
}
