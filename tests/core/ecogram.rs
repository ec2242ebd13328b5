//! Issue 18: the ecogram's relation fields in every format, the netwerkcirkel's placement
//! rules and the makelaar's own placements, burdening relations in referral paths, and the
//! casus pack (pdftotext of the PDF, a golden SVG per scheme of the demo resident).

use crate::util;

use std::collections::HashMap;

use util::{Dir, stderr, stdout};
use wijkweb::graph::Network;
use wijkweb::graph::paths::{Allow, Target, referral_paths};
use wijkweb::layout::circle::{self, Place, Scheme};
use wijkweb::model::{Quality, Support, SupportDirection, SupportType};
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store};

/// The demo resident with the full circle.
const RESIDENT: &str = "p-naima-el-idrissi";

fn demo(dir: &Dir) -> std::path::PathBuf {
    let db = dir.path("demo.wijk");
    wijkweb::demo::create(&db).expect("the demo wijk");
    db
}

/// A relation with every ecogram field set, and one with none (the defaults).
fn ecogram_relations() -> (Vec<Node>, Vec<Relation>) {
    let mut a = Node::new(NodeKind::Person, "Anja");
    a.id = "a".into();
    let mut b = Node::new(NodeKind::Person, "Bep");
    b.id = "b".into();
    let mut c = Node::new(NodeKind::Person, "Cor");
    c.id = "c".into();
    let mut full = Relation::with_id("r1", "a", "b", RelationKind::Family);
    full.quality = Quality::Burdening;
    full.support = [SupportType::Practical, SupportType::Emotional]
        .into_iter()
        .collect();
    full.support_direction = Some(SupportDirection::ToSource);
    let mut second = Relation::with_id("r2", "a", "c", RelationKind::Friend);
    second.quality = Quality::Supportive;
    second.support = [SupportType::Company, SupportType::Advice]
        .into_iter()
        .collect();
    second.support_direction = Some(SupportDirection::Mutual);
    let plain = Relation::with_id("r3", "b", "c", RelationKind::Knows);
    (vec![a, b, c], vec![full, second, plain])
}

fn round_trip(dir: &Dir, format: &str) -> Vec<Relation> {
    let (nodes, relations) = ecogram_relations();
    let db = dir.path(&format!("from-{format}.wijk"));
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    for n in &nodes {
        store.add_node(n.clone()).unwrap();
    }
    for r in &relations {
        store.add_relation(r.clone()).unwrap();
    }
    drop(store);
    let out = dir.path(&format!("out-{format}"));
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", format])
        .out(&out)
        .ok();
    let inputs: Vec<std::path::PathBuf> = if format == "csv" {
        vec![out.join("nodes.csv"), out.join("relations.csv")]
    } else {
        vec![out.clone()]
    };
    let back = dir.path(&format!("back-{format}.wijk"));
    let input_refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let output = util::import(dir, &back, &input_refs);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut got = Store::open(&back, OpenMode::ReadOnly)
        .unwrap()
        .relations()
        .unwrap();
    got.sort_by(|a, b| a.id.cmp(&b.id));
    got
}

#[test]
fn ecogram_fields_survive_json_csv_and_graphml() {
    let dir = Dir::new();
    let (_, want) = ecogram_relations();
    for format in ["json", "csv", "graphml"] {
        let got = round_trip(&dir, format);
        assert_eq!(got.len(), 3, "{format}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.id, w.id, "{format}");
            assert_eq!(g.quality, w.quality, "{format} {}", w.id);
            assert_eq!(g.support, w.support, "{format} {}", w.id);
            assert_eq!(
                g.support_direction, w.support_direction,
                "{format} {}",
                w.id
            );
        }
    }
}

#[test]
fn gexf_carries_the_ecogram_attributes() {
    let dir = Dir::new();
    let (nodes, relations) = ecogram_relations();
    let db = util::db_from_json(
        &dir,
        "g.wijk",
        &serde_json::json!({ "nodes": nodes, "relations": relations }).to_string(),
    );
    let out = dir.path("w.gexf");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "gexf"])
        .out(&out)
        .ok();
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let titles: HashMap<String, String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("attribute"))
        .filter(|n| n.parent().and_then(|p| p.attribute("class")) == Some("edge"))
        .map(|n| {
            (
                n.attribute("id").unwrap().to_owned(),
                n.attribute("title").unwrap().to_owned(),
            )
        })
        .collect();
    let edge = doc
        .descendants()
        .find(|n| n.has_tag_name("edge") && n.attribute("id") == Some("r1"))
        .unwrap();
    let values: HashMap<&str, &str> = edge
        .descendants()
        .filter(|n| n.has_tag_name("attvalue"))
        .map(|n| {
            (
                titles[n.attribute("for").unwrap()].as_str(),
                n.attribute("value").unwrap(),
            )
        })
        .collect();
    assert_eq!(values["quality"], "burdening");
    assert_eq!(values["support"], "practical|emotional");
    assert_eq!(values["support_direction"], "to_source");
}

#[test]
fn an_old_file_without_the_fields_imports_with_the_defaults() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let relations = Store::open(&db, OpenMode::ReadOnly)
        .unwrap()
        .relations()
        .unwrap();
    assert!(!relations.is_empty());
    for r in relations {
        assert_eq!(r.quality, Quality::Neutral);
        assert!(r.support.is_empty());
        assert_eq!(r.support_direction, None);
    }
}

#[test]
fn a_bad_quality_in_a_csv_says_the_line_and_field_and_changes_nothing() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let before = util::snapshot_files(&db);
    let nodes = dir.write(
        "nodes.csv",
        "id,name,kind\nx,Xander,person\ny,Yara,person\n",
    );
    let relations = dir.write(
        "relations.csv",
        "source,target,kind,quality\nx,y,knows,steunend\nx,y,friend,boos\n",
    );
    let output = util::import(&dir, &db, &[&nodes, &relations]);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains("relations.csv"), "{said}");
    assert!(said.contains('3'), "{said}");
    assert!(said.contains("quality"), "{said}");
    assert_eq!(util::snapshot_files(&db), before);
}

#[test]
fn a_burdening_relation_is_no_way_in_unless_allowed() {
    // Fatima - Bep - taalcafe, and a longer way round via Cor and Dirk.
    let person = |id: &str| {
        let mut n = Node::new(NodeKind::Person, id);
        n.id = id.into();
        n
    };
    let mut cafe = Node::new(NodeKind::Initiative, "Taalcafe");
    cafe.id = "cafe".into();
    let nodes = vec![
        person("fatima"),
        person("bep"),
        person("cor"),
        person("dirk"),
        cafe,
    ];
    let mut burden = Relation::with_id("r1", "fatima", "bep", RelationKind::Knows);
    burden.quality = Quality::Burdening;
    let relations = vec![
        burden,
        Relation::with_id("r2", "bep", "cafe", RelationKind::VolunteersAt),
        Relation::with_id("r3", "fatima", "cor", RelationKind::Neighbour),
        Relation::with_id("r4", "cor", "dirk", RelationKind::Knows),
        Relation::with_id("r5", "dirk", "cafe", RelationKind::ParticipatesIn),
    ];
    let net = Network::new(&nodes, &relations, wijkweb::model::today());
    let to = Target::Node("cafe".into());
    let paths = referral_paths(&net, "fatima", &to, 3, &[], Allow::NONE).unwrap();
    assert!(!paths.is_empty());
    for p in &paths {
        assert!(p.nodes.iter().all(|n| n.id != "bep"), "{p:?}");
    }
    let allowed = Allow {
        burdening: true,
        ..Allow::NONE
    };
    let paths = referral_paths(&net, "fatima", &to, 3, &[], allowed).unwrap();
    assert_eq!(paths[0].nodes.len(), 3);
    assert_eq!(paths[0].nodes[1].id, "bep");
}

#[test]
fn the_demo_residents_circle_follows_the_rule_table() {
    let dir = Dir::new();
    let store = Store::open(&demo(&dir), OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let contacts = circle::contacts(
        Scheme::Lensink,
        RESIDENT,
        &nodes,
        &relations,
        &HashMap::new(),
    );
    let place = |id: &str| contacts.iter().find(|c| c.id == id).unwrap().place;
    // Family, strong: familie, intimi.
    assert_eq!(place("p-kofi-el-idrissi"), Place { sector: 0, ring: 0 });
    // The huisarts, the schuldhulpverlener and Schuldhulp Vliet: professionals, diensten.
    for id in [
        "p-dokter-marieke-hoekstra",
        "p-karin-smit",
        "o-schuldhulp-vliet",
    ] {
        assert_eq!(place(id), Place { sector: 3, ring: 3 }, "{id}");
    }
    // The maatje: samenleving, vrienden.
    assert_eq!(place("p-fenna-rosario"), Place { sector: 2, ring: 1 });
    // The strong neighbour who burdens her is not proposed as an intimus.
    let rachid = contacts
        .iter()
        .find(|c| c.id == "p-rachid-schouten")
        .unwrap();
    assert_eq!(rachid.tie.quality, Quality::Burdening);
    assert_eq!(rachid.place, Place { sector: 2, ring: 1 });
    // Pantuček: family in familie, the neighbour in vrienden en kennissen, professionals in
    // professionele hulp.
    let p = circle::contacts(
        Scheme::Pantucek,
        RESIDENT,
        &nodes,
        &relations,
        &HashMap::new(),
    );
    let sector = |id: &str| p.iter().find(|c| c.id == id).unwrap().place.sector;
    assert_eq!(sector("p-kofi-el-idrissi"), 0);
    assert_eq!(sector("p-rachid-schouten"), 1);
    assert_eq!(sector("p-karin-smit"), 3);
}

#[test]
fn a_dragged_placement_survives_reopening_and_can_go_back() {
    let dir = Dir::new();
    let db = demo(&dir);
    let mine = Place { sector: 0, ring: 2 };
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        store
            .place_in_circle(RESIDENT, "p-fenna-rosario", Scheme::Lensink, Some(mine))
            .unwrap();
        // A place the scheme does not have is refused, and nothing changes.
        let bad = Place { sector: 1, ring: 3 };
        assert!(
            store
                .place_in_circle(RESIDENT, "p-fenna-rosario", Scheme::Pantucek, Some(bad))
                .is_err()
        );
    }
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let placed = store.circle_places(RESIDENT, Scheme::Lensink).unwrap();
    assert_eq!(placed.get("p-fenna-rosario"), Some(&mine));
    assert!(
        store
            .circle_places(RESIDENT, Scheme::Pantucek)
            .unwrap()
            .is_empty()
    );
    let (nodes, relations) = store.load().unwrap();
    let contacts = circle::contacts(Scheme::Lensink, RESIDENT, &nodes, &relations, &placed);
    let fenna = contacts.iter().find(|c| c.id == "p-fenna-rosario").unwrap();
    assert!(fenna.placed);
    assert_eq!(fenna.place, mine);
    assert_ne!(fenna.proposed, mine);
    // And ego --json says so.
    let output = dir
        .wijkweb("ego")
        .db(&db)
        .args([RESIDENT, "--json", "--scheme", "lensink"])
        .ok();
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "p-fenna-rosario")
        .unwrap()
        .clone();
    assert_eq!(node["quadrant_name"], "familie");
    assert_eq!(node["ring_name"], "bekenden");
    assert_eq!(node["placed"], true);
    drop(store);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store
        .place_in_circle(RESIDENT, "p-fenna-rosario", Scheme::Lensink, None)
        .unwrap();
    assert!(
        store
            .circle_places(RESIDENT, Scheme::Lensink)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_circle_placement_is_undone_and_redone_like_any_edit() {
    let dir = Dir::new();
    let db = demo(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let fenna = "p-fenna-rosario";
    let karin = "p-karin-smit";
    let a = Place { sector: 0, ring: 2 };
    let b = Place { sector: 1, ring: 1 };
    let place_of = |store: &Store, id: &str| {
        store
            .circle_places(RESIDENT, Scheme::Lensink)
            .unwrap()
            .get(id)
            .copied()
    };
    store
        .place_in_circle(RESIDENT, fenna, Scheme::Lensink, Some(a))
        .unwrap();
    store
        .place_in_circle(RESIDENT, fenna, Scheme::Lensink, Some(b))
        .unwrap();
    let step = store.undo().unwrap().unwrap();
    assert_eq!(step.action, wijkweb::store::Change::PlaceInCircle);
    assert_eq!(step.name, "Fenna Rosario");
    assert_eq!(place_of(&store, fenna), Some(a));
    store.undo().unwrap();
    assert_eq!(place_of(&store, fenna), None, "back on the proposed place");
    store.redo().unwrap();
    assert_eq!(place_of(&store, fenna), Some(a));
    // Back to the proposed places, two contacts at once: one step, named after her.
    store
        .place_in_circle(RESIDENT, karin, Scheme::Lensink, Some(b))
        .unwrap();
    store
        .place_many_in_circle(
            RESIDENT,
            Scheme::Lensink,
            &[(fenna.into(), None), (karin.into(), None)],
        )
        .unwrap();
    assert!(
        store
            .circle_places(RESIDENT, Scheme::Lensink)
            .unwrap()
            .is_empty()
    );
    let step = store.undo().unwrap().unwrap();
    assert_eq!(step.name, "Naima El Idrissi");
    assert_eq!(place_of(&store, fenna), Some(a));
    assert_eq!(place_of(&store, karin), Some(b));
    // The log says what was done and undone, one row per contact.
    let log = store.audit_log().unwrap();
    let undone = log
        .iter()
        .filter(|e| e.action == "undo:place_in_circle")
        .count();
    assert_eq!(undone, 4, "{log:?}");
    // Putting her where she is already makes no step.
    let before = store.audit_log().unwrap().len();
    store
        .place_in_circle(RESIDENT, fenna, Scheme::Lensink, Some(a))
        .unwrap();
    assert_eq!(store.audit_log().unwrap().len(), before);
}

#[test]
fn undoing_a_tampered_circle_step_is_refused_and_changes_nothing() {
    let dir = Dir::new();
    let db = demo(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let fenna = "p-fenna-rosario";
    store
        .place_in_circle(
            RESIDENT,
            fenna,
            Scheme::Lensink,
            Some(Place { sector: 0, ring: 2 }),
        )
        .unwrap();
    drop(store);
    // Someone edits the log past its guard: the place before is one the scheme does not
    // have.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DROP TRIGGER audit_only_erasure", []).unwrap();
    let changed = conn
        .execute(
            "UPDATE audit SET before = '{\"contact\":\"p-fenna-rosario\",\"scheme\":\"lensink\",\"place\":{\"sector\":9,\"ring\":77}}' \
             WHERE action = 'place_in_circle'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let err = store.undo().unwrap_err().to_string();
    assert!(err.contains("place_in_circle"), "{err}");
    assert_eq!(
        store
            .circle_places(RESIDENT, Scheme::Lensink)
            .unwrap()
            .get(fenna),
        Some(&Place { sector: 0, ring: 2 }),
        "the place stays as it was"
    );
}

#[test]
fn forgetting_a_contact_leaves_no_placement_of_her() {
    let dir = Dir::new();
    let db = demo(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    store
        .place_in_circle(
            RESIDENT,
            "p-fenna-rosario",
            Scheme::Lensink,
            Some(Place { sector: 0, ring: 0 }),
        )
        .unwrap();
    drop(store);
    dir.wijkweb("forget").db(&db).arg("p-fenna-rosario").ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM circle_places WHERE contact = 'p-fenna-rosario'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    let audit: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE instr(coalesce(after, ''), 'p-fenna-rosario') > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 0, "an audit row still names her");
}

#[test]
fn the_relation_command_sets_the_fields_and_makes_a_new_relation_with_a_kind() {
    let dir = Dir::new();
    let db = demo(&dir);
    dir.wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            RESIDENT,
            "--to",
            "p-kofi-el-idrissi",
            "--quality",
            "belastend",
            "--support",
            "P,E",
            "--direction",
            "to_target",
        ])
        .ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let r = store.relation("r0072").unwrap().unwrap();
    assert_eq!(r.quality, Quality::Burdening);
    assert_eq!(r.support, Support::parse_list("PE").unwrap());
    assert_eq!(r.support_direction, Some(SupportDirection::ToTarget));
    drop(store);
    // Said from Kofi's side, the stored direction turns round.
    dir.wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            "p-kofi-el-idrissi",
            "--to",
            RESIDENT,
            "--direction",
            "to_target",
        ])
        .ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(
        store.relation("r0072").unwrap().unwrap().support_direction,
        Some(SupportDirection::ToSource)
    );
    let before = store.relations().unwrap().len();
    drop(store);
    // No relation and no kind: refused, clearly.
    let output = dir
        .wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            RESIDENT,
            "--to",
            "p-sanne-de-vries",
            "--quality",
            "steunend",
        ])
        .run();
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--kind"), "{}", stderr(&output));
    // With a kind: a new relation.
    dir.wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            RESIDENT,
            "--to",
            "p-sanne-de-vries",
            "--kind",
            "knows",
            "--quality",
            "steunend",
        ])
        .ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(store.relations().unwrap().len(), before + 1);
    // A bad value names the flag.
    drop(store);
    let output = dir
        .wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            RESIDENT,
            "--to",
            "p-kofi-el-idrissi",
            "--quality",
            "boos",
        ])
        .run();
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--quality"), "{}", stderr(&output));
}

/// Every name of a person in the resident's circle, for the privacy check.
fn circle_names(db: &std::path::Path) -> Vec<String> {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let mut ids: Vec<&str> = relations
        .iter()
        .filter_map(|r| {
            if r.source == RESIDENT {
                Some(r.target.as_str())
            } else if r.target == RESIDENT {
                Some(r.source.as_str())
            } else {
                None
            }
        })
        .collect();
    ids.push(RESIDENT);
    nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Person && ids.contains(&n.id.as_str()))
        .flat_map(|n| {
            n.name
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|part| part.len() > 3 && part != "Dokter")
        .collect()
}

#[test]
fn the_casus_pack_shows_the_scheme_legend_header_and_no_names() {
    let dir = Dir::new();
    let db = demo(&dir);
    let folder = dir.path("packs");
    std::fs::create_dir_all(&folder).unwrap();
    for (pack, (scheme, sector, ring)) in [
        ("lensink", "samenleving", "intimi"),
        ("pantucek", "vrienden en kennissen", "dichtbij"),
        ("wijk", "vrijwilligers en initiatieven", "sterk"),
    ]
    .into_iter()
    .enumerate()
    {
        let output = dir
            .wijkweb("export")
            .db(&db)
            .args([
                "--format",
                "pdf",
                "--ego",
                RESIDENT,
                "--casus",
                "--scheme",
                scheme,
                "--author",
                "Sanne de Vries",
                "--organisation",
                "Welzijn Vliet",
            ])
            .out(&folder)
            .ok();
        let said = stdout(&output);
        let file = said
            .rsplit(" to ")
            .next()
            .unwrap()
            .split(" (")
            .next()
            .unwrap()
            .trim();
        let file = std::path::PathBuf::from(file);
        assert!(file.starts_with(&folder), "{said}");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("casus-"), "{name}");
        let text = String::from_utf8(
            std::process::Command::new("pdftotext")
                .args([file.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext (poppler-utils; .ci/run installs it)")
                .stdout,
        )
        .unwrap();
        for want in [
            sector,
            ring,
            "professionals",
            "Vertrouwelijk",
            "steunend",
            "belastend",
            "praktische steun",
            "emotionele steun",
            "Betrokkenen",
            "Sanne de Vries",
            "Welzijn Vliet",
            "huisarts",
            "maatje",
        ] {
            assert!(text.contains(want), "{scheme}: no {want:?} in\n{text}");
        }
        // The first pack has two pages; every later one a third: what changed
        // since the moment the pack before it recorded.
        let pages = if pack == 0 { 2 } else { 3 };
        for page in 1..=pages {
            let want = format!("pagina {page} van {pages}");
            assert!(text.contains(&want), "{scheme}: no {want:?} in\n{text}");
        }
        assert_eq!(
            text.contains("Wat is veranderd sinds het moment van"),
            pack > 0,
            "{scheme}: page 3 only after an earlier moment\n{text}"
        );
        assert!(text.contains(&wijkweb::model::today().to_string()));
        for secret in circle_names(&db) {
            assert!(!text.contains(&secret), "{scheme}: {secret} in the pack");
        }
    }
    // Three packs of one day, none overwritten.
    let files = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(files, 3);
}

#[test]
fn the_casus_pack_speaks_english_on_request() {
    let dir = Dir::new();
    let db = demo(&dir);
    let out = dir.path("pack.pdf");
    dir.wijkweb("export")
        .db(&db)
        .args([
            "--lang", "en", "--format", "pdf", "--ego", RESIDENT, "--casus",
        ])
        .out(&out)
        .ok();
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .args([out.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for want in [
        "Confidential",
        "intimates",
        "community",
        "People involved",
        "page 1 of 2",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
}

#[test]
fn golden_circle_of_the_demo_resident_for_each_scheme() {
    let dir = Dir::new();
    let store = Store::open(&demo(&dir), OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let date: wijkweb::model::Date = "2026-12-02".parse().unwrap();
    for scheme in Scheme::ALL {
        let casus = wijkweb::exchange::casus::casus(
            &nodes,
            &relations,
            RESIDENT,
            &HashMap::new(),
            wijkweb::exchange::casus::CasusOptions {
                scheme,
                author: Some("Sanne de Vries".into()),
                organisation: Some("Welzijn Vliet".into()),
                purpose: Some("casusoverleg".into()),
                between_contacts: false,
            },
            false,
            false,
            wijkweb::words::Language::Dutch,
            date,
        )
        .unwrap();
        let svg = &wijkweb::exchange::casus::pages(&casus)[0];
        let golden = format!(
            "{}/tests/golden/casus-{}.svg",
            env!("CARGO_MANIFEST_DIR"),
            scheme.as_str()
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, svg).unwrap();
        }
        let approved = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{golden} (UPDATE_GOLDEN=1 writes it)"));
        assert!(
            *svg == approved,
            "the {scheme} circle changed; look at it and run with UPDATE_GOLDEN=1 if it is right"
        );
    }
}

#[test]
fn a_support_that_is_a_number_says_the_line_and_field_in_plain_words() {
    let dir = Dir::new();
    for (json, line, want) in [
        (
            "{\"nodes\":[{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"},{\"id\":\"b\",\"kind\":\"person\",\"name\":\"B\"}],\n\"relations\":[{\"source\":\"a\",\"target\":\"b\",\"support\":42}]}",
            "line 2",
            "unknown support type '42'",
        ),
        (
            "{\"nodes\":[{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"},{\"id\":\"b\",\"kind\":\"person\",\"name\":\"B\"}],\n\"relations\":[{\"source\":\"a\",\"target\":\"b\",\n\"support_direction\":\"sideways\"}]}",
            "line 3",
            "unknown support direction 'sideways'",
        ),
        (
            "{\"nodes\":[{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"},{\"id\":\"b\",\"kind\":\"person\",\"name\":\"B\"}],\n\"relations\":[{\"source\":\"a\",\"target\":\"b\",\"support\":[\"practical\",7]}]}",
            "line 2",
            "unknown support type '7'",
        ),
    ] {
        let file = dir.write("bad.json", json);
        let db = dir.path("bad.wijk");
        let output = util::import(&dir, &db, &[&file]);
        assert!(!output.status.success());
        let said = stderr(&output);
        assert!(said.contains("bad.json"), "{said}");
        assert!(said.contains(line), "{said}");
        assert!(said.contains(want), "{said}");
        assert!(!said.contains("variant"), "{said}");
    }
}

#[test]
fn a_full_copy_as_a_file_keeps_her_circle_places_and_a_sharing_export_does_not() {
    let dir = Dir::new();
    let db = demo(&dir);
    let fenna = Place { sector: 0, ring: 2 };
    let karin = Place { sector: 1, ring: 0 };
    {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        store
            .place_in_circle(RESIDENT, "p-fenna-rosario", Scheme::Lensink, Some(fenna))
            .unwrap();
        store
            .place_in_circle(RESIDENT, "p-karin-smit", Scheme::Pantucek, Some(karin))
            .unwrap();
    }
    let copy = dir.path("kopie.json");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "json", "--backup"])
        .out(&copy)
        .ok();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&copy).unwrap()).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["circle_places"].as_array().unwrap().len(), 2);
    // Into a new wijk: the same places, in their schemes.
    let fresh = dir.path("nieuw.wijk");
    dir.wijkweb("import").db(&fresh).arg(&copy).ok();
    let store = Store::open(&fresh, OpenMode::ReadOnly).unwrap();
    assert_eq!(
        store.circle_places(RESIDENT, Scheme::Lensink).unwrap(),
        HashMap::from([("p-fenna-rosario".into(), fenna)])
    );
    assert_eq!(
        store.circle_places(RESIDENT, Scheme::Pantucek).unwrap(),
        HashMap::from([("p-karin-smit".into(), karin)])
    );
    // An export for sharing names no one's id in places, and stays version 1.
    let shared = dir.path("delen.json");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "json"])
        .out(&shared)
        .ok();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&shared).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert!(json.get("circle_places").is_none());
}

#[test]
fn a_copy_with_a_place_of_nobody_or_nowhere_is_refused_with_its_line_and_field() {
    let dir = Dir::new();
    let db = demo(&dir);
    let copy = dir.path("kopie.json");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "json", "--backup"])
        .out(&copy)
        .ok();
    let text = std::fs::read_to_string(&copy).unwrap();
    let lines = text.lines().count();
    let fresh = dir.path("nieuw.wijk");
    for (place, field, said) in [
        (
            r#"{"ego":"p-naima-el-idrissi","contact":"p-nobody","scheme":"lensink","sector":0,"ring":1}"#,
            "contact",
            "p-nobody",
        ),
        (
            r#"{"ego":"p-naima-el-idrissi","contact":"p-fenna-rosario","scheme":"lensink","sector":9,"ring":1}"#,
            "sector",
            "sector 9",
        ),
        (
            r#"{"ego":"p-naima-el-idrissi","contact":"p-fenna-rosario","scheme":"pantucek","sector":1,"ring":3}"#,
            "ring",
            "ring 3",
        ),
        (
            r#"{"ego":"p-naima-el-idrissi","contact":"p-fenna-rosario","scheme":"genogram","sector":1,"ring":1}"#,
            "scheme",
            "genogram",
        ),
        (
            r#"{"ego":"p-naima-el-idrissi","contact":"p-fenna-rosario","scheme":"lensink","sector":1,"ring":99999999999999999999}"#,
            "ring",
            "",
        ),
    ] {
        let hostile = format!(
            "{},\"circle_places\":[\n{place}\n]}}\n",
            text.trim_end().trim_end_matches('}')
        );
        let file = dir.path("vijandig.json");
        std::fs::write(&file, hostile).unwrap();
        let out = dir.wijkweb("import").db(&fresh).arg(&file).run();
        assert!(!out.status.success(), "{place} was imported");
        let message = stderr(&out);
        assert!(
            message.contains(&format!("line {}", lines + 1)) && message.contains(field),
            "{message}"
        );
        assert!(message.contains(said), "{message}");
        // Nothing of it was written: not the nodes either.
        assert!(
            !fresh.exists()
                || Store::open(&fresh, OpenMode::ReadOnly)
                    .unwrap()
                    .nodes()
                    .unwrap()
                    .is_empty()
        );
    }
}

#[test]
fn the_last_casus_of_a_resident_is_found_in_the_log_and_no_one_elses() {
    let dir = Dir::new();
    let db = demo(&dir);
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    assert_eq!(store.last_export_of(RESIDENT).unwrap(), None);
    drop(store);
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "pdf", "--ego", RESIDENT, "--casus"])
        .out(dir.path("pakket.pdf"))
        .ok();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let when = store
        .last_export_of(RESIDENT)
        .unwrap()
        .expect("her casus export");
    assert!((jiff::Timestamp::now() - when).get_seconds().abs() < 600);
    assert_eq!(store.last_export_of("p-fenna-rosario").unwrap(), None);
}
