//! JSON and CSV exchange: lossless round trips, Excel's encodings and quoting, and imports
//! into a database that already holds the wijk.

use crate::util;

use proptest::prelude::*;
use util::Dir;
use wijkweb::exchange::{self, json};
use wijkweb::model::{Consent, ConsentStatus, Date, Strength};
use wijkweb::records::ImportBatch;
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store};

fn import_bytes(store: &mut Store, name: &str, bytes: &[u8]) -> wijkweb::store::ImportReport {
    let mut batch = ImportBatch::default();
    if name.ends_with(".json") {
        json::read(name, bytes, &mut batch).unwrap();
    } else {
        exchange::csv::read(name, bytes, &mut batch).unwrap();
    }
    store.import(batch).unwrap()
}

fn snapshot(store: &Store) -> Vec<u8> {
    let (nodes, relations) = store.load().unwrap();
    let mut out = Vec::new();
    json::write_snapshot(&mut out, &nodes, &relations).unwrap();
    out
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zëüçÇ0-9][A-Za-z ëüçÇ'.,;|\"0-9-]{0,14}[A-Za-z0-9ë]"
}

fn theme() -> impl Strategy<Value = String> {
    "[a-zë]{1,10}"
}

fn date() -> impl Strategy<Value = Date> {
    (1950i16..2040, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn node(index: usize) -> impl Strategy<Value = Node> {
    let kind = prop::sample::select(NodeKind::ALL.to_vec());
    let consent = prop::option::of((
        prop::sample::select(vec![
            ConsentStatus::None,
            ConsentStatus::Verbal,
            ConsentStatus::Written,
        ]),
        prop::option::of(date()),
        prop::option::of(text()),
        prop::option::of(date()),
    ));
    // Any text notes may hold (DESIGN §2.4): lines and tabs, no other control characters.
    let notes = prop::option::of("([^\\p{Cc}]|\n|\t){1,40}");
    (
        (
            kind,
            text(),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
        (
            prop::collection::vec(theme(), 0..4),
            prop::collection::vec(theme(), 0..3),
            prop::collection::vec(theme(), 0..3),
        ),
        (prop::option::of(text()), notes, consent),
        (
            prop::option::of((-1e6f64..1e6, -1e6f64..1e6)),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (kind, name, wijk, role),
                (tags, offers, needs),
                (contact, notes, consent),
                (pos, pinned),
            )| {
                let mut n = Node::new(kind, name);
                n.id = format!("n{index}").into();
                n.wijk = wijk;
                n.role = role;
                n.tags = wijkweb::model::normalise_themes(tags);
                n.offers = wijkweb::model::normalise_themes(offers);
                n.needs = wijkweb::model::normalise_themes(needs);
                n.contact = contact;
                n.notes = notes;
                n.consent = consent.map(|(status, date, purpose, expiry)| Consent {
                    status,
                    date,
                    purpose,
                    expiry,
                    ..Consent::default()
                });
                n.x = pos.map(|p| p.0);
                n.y = pos.map(|p| p.1);
                n.pinned = pinned;
                n
            },
        )
}

fn network() -> impl Strategy<Value = (Vec<Node>, Vec<Relation>)> {
    (1usize..25).prop_flat_map(|n| {
        let nodes = (0..n).map(node).collect::<Vec<_>>();
        let relation = (
            0..n,
            0..n,
            prop::sample::select(RelationKind::ALL.to_vec()),
            1i64..=3,
            prop::option::of(date()),
            prop::option::of(date()),
            prop::option::of("([^\\p{Cc}]|\n|\t){1,30}"),
        );
        (nodes, prop::collection::vec(relation, 0..60)).prop_map(|(nodes, rels)| {
            let relations = rels
                .into_iter()
                .enumerate()
                .filter(|(_, (a, b, ..))| a != b)
                .map(|(i, (a, b, kind, strength, since, until, notes))| {
                    let mut r = Relation::new(format!("n{a}"), format!("n{b}"), kind);
                    r.id = format!("r{i}").into();
                    r.strength = Strength::new(strength).unwrap();
                    if let (Some(s), Some(u)) = (since, until) {
                        r.since = Some(s.min(u));
                        r.until = Some(s.max(u));
                    } else {
                        r.since = since;
                        r.until = until;
                    }
                    r.notes = notes;
                    // What a store holds always has the day it was last known (schema v9).
                    r.confirmed = Some(r.since.unwrap_or(jiff::civil::date(2026, 1, 1)));
                    r
                })
                .collect();
            (nodes, relations)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// import(export(db)) holds every field of every node and relation.
    #[test]
    fn json_round_trip_is_lossless((nodes, relations) in network()) {
        let dir = Dir::new();
        let mut first = Store::open(&dir.path("a.db"), OpenMode::CreateIfMissing).unwrap();
        let mut source = Vec::new();
        json::write_snapshot(&mut source, &nodes, &relations).unwrap();
        import_bytes(&mut first, "random.json", &source);
        let (stored_nodes, stored_relations) = first.load().unwrap();
        // What went in is what is stored (timestamps aside, which the import stamps).
        let strip = |mut n: Node| { n.created_at = None; n.updated_at = None; n };
        let mut expected = nodes.clone();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(stored_nodes.iter().cloned().map(strip).collect::<Vec<_>>(), expected);
        let mut expected = relations.clone();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(&stored_relations, &expected);

        let exported = snapshot(&first);
        let mut second = Store::open(&dir.path("b.db"), OpenMode::CreateIfMissing).unwrap();
        import_bytes(&mut second, "export.json", &exported);
        let (nodes2, relations2) = second.load().unwrap();
        prop_assert_eq!(&nodes2, &stored_nodes);
        prop_assert_eq!(&relations2, &stored_relations);
        prop_assert_eq!(snapshot(&second), exported);
    }
}

/// Encodes text as Windows-1252, as Dutch Excel saves "CSV (gescheiden door lijstteken)".
fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const EXCEL_NODES: &str = "id;soort;naam;wijk;rol;thema's;aanbod;vraag;contact;notities\r\n\
    z1;persoon;Zoë de Wit;Vogelbuurt;buurtbewoner;;;taal|eenzaamheid;\"Merelstraat 3; 2e etage\";\"Belt liever niet.\r\nLiever langskomen.\"\r\n\
    h1;persoon;Hüseyin Çelik;Vogelbuurt;vrijwilliger;sport|taal;;;;\r\n\
    c1;organisatie;Café De Buurt;Vogelbuurt;horeca;;ontmoeting;;;\"Zegt: \"\"iedereen welkom\"\"\"\r\n";

const EXCEL_RELATIONS: &str = "bron;doel;soort;sterkte;sinds;tot;notities\r\n\
    z1;h1;buur;3;1-3-2019;;\r\n\
    h1;c1;vrijwilliger bij;2;2020-01-15;31-12-2024;\"oud; gestopt\"\r\n";

fn check_excel_import(store: &Store) {
    let zoe = store.node("z1").unwrap().unwrap();
    assert_eq!(zoe.name, "Zoë de Wit");
    assert_eq!(zoe.needs, ["taal", "eenzaamheid"]);
    assert_eq!(zoe.contact.as_deref(), Some("Merelstraat 3; 2e etage"));
    assert_eq!(
        zoe.notes.as_deref(),
        Some("Belt liever niet.\r\nLiever langskomen.")
    );
    assert_eq!(store.node("h1").unwrap().unwrap().name, "Hüseyin Çelik");
    let cafe = store.node("c1").unwrap().unwrap();
    assert_eq!(cafe.name, "Café De Buurt");
    assert_eq!(cafe.kind, NodeKind::Organisation);
    assert_eq!(cafe.notes.as_deref(), Some("Zegt: \"iedereen welkom\""));
    let relations = store.relations_of("h1").unwrap();
    assert_eq!(relations.len(), 2);
    let buur = relations
        .iter()
        .find(|r| r.kind == RelationKind::Neighbour)
        .unwrap();
    assert_eq!(buur.strength, Strength::STRONG);
    assert_eq!(buur.since, Some(Date::new(2019, 3, 1).unwrap()));
    let vol = relations
        .iter()
        .find(|r| r.kind == RelationKind::VolunteersAt)
        .unwrap();
    assert_eq!(vol.until, Some(Date::new(2024, 12, 31).unwrap()));
    assert_eq!(vol.notes.as_deref(), Some("oud; gestopt"));
}

#[test]
fn excel_csv_in_windows_1252_arrives_intact() {
    let dir = Dir::new();
    let mut store = Store::open(&dir.path("w.db"), OpenMode::CreateIfMissing).unwrap();
    import_bytes(&mut store, "nodes.csv", &windows_1252(EXCEL_NODES));
    import_bytes(&mut store, "relations.csv", &windows_1252(EXCEL_RELATIONS));
    check_excel_import(&store);
}

#[test]
fn utf8_csv_with_and_without_bom_arrives_intact() {
    for bom in [&b""[..], b"\xEF\xBB\xBF"] {
        let dir = Dir::new();
        let mut store = Store::open(&dir.path("u.db"), OpenMode::CreateIfMissing).unwrap();
        import_bytes(
            &mut store,
            "nodes.csv",
            &[bom, EXCEL_NODES.as_bytes()].concat(),
        );
        import_bytes(
            &mut store,
            "relations.csv",
            &[bom, EXCEL_RELATIONS.as_bytes()].concat(),
        );
        check_excel_import(&store);
    }
}

#[test]
fn comma_separated_csv_with_quoted_commas_and_newlines() {
    let dir = Dir::new();
    let mut store = Store::open(&dir.path("c.db"), OpenMode::CreateIfMissing).unwrap();
    import_bytes(
        &mut store,
        "nodes.csv",
        b"id,name,notes\nk1,\"Kok, Jan\",\"regel een\nregel twee, met komma\"\nk2,Piet,\n",
    );
    let jan = store.node("k1").unwrap().unwrap();
    assert_eq!(jan.name, "Kok, Jan");
    assert_eq!(jan.kind, NodeKind::Person, "kind defaults to person");
    assert_eq!(
        jan.notes.as_deref(),
        Some("regel een\nregel twee, met komma")
    );
    import_bytes(&mut store, "relations.csv", b"source,target\nk1,k2\n");
    let r = &store.relations().unwrap()[0];
    assert_eq!(
        (r.kind, r.strength),
        (RelationKind::Knows, Strength::NORMAL)
    );
}

#[test]
fn csv_export_reimports_to_the_same_network() {
    let dir = Dir::new();
    let (mut demo, _) = wijkweb::demo::create(&dir.path("demo.db")).unwrap();
    let (nodes, relations) = demo.load().unwrap();
    exchange::csv::write_pair(&dir.path("csv"), &nodes, &relations, Default::default()).unwrap();
    let mut copy = Store::open(&dir.path("copy.db"), OpenMode::CreateIfMissing).unwrap();
    let batch =
        exchange::read_inputs(&[dir.path("csv/nodes.csv"), dir.path("csv/relations.csv")]).unwrap();
    copy.import(batch).unwrap();
    let (nodes2, relations2) = copy.load().unwrap();
    assert_eq!(relations2, relations);
    assert_eq!(nodes2.len(), nodes.len());
    for (a, b) in nodes.iter().zip(&nodes2) {
        // The CSV pair carries the columns of DESIGN §4, not consent or positions.
        assert_eq!(
            (
                &a.id, a.kind, &a.name, &a.wijk, &a.role, &a.tags, &a.offers, &a.needs, &a.contact,
                &a.notes
            ),
            (
                &b.id, b.kind, &b.name, &b.wijk, &b.role, &b.tags, &b.offers, &b.needs, &b.contact,
                &b.notes
            )
        );
    }
    // Importing the same pair into the demo again updates, never doubles.
    let batch =
        exchange::read_inputs(&[dir.path("csv/nodes.csv"), dir.path("csv/relations.csv")]).unwrap();
    let report = demo.import(batch).unwrap();
    assert_eq!(report.nodes_added, 0);
    assert_eq!(report.relations_added, 0);
    // Nothing changed, so nothing is written (or logged).
    assert_eq!(
        report.nodes_updated + report.nodes_unchanged,
        nodes.len() as u64
    );
    assert_eq!(report.nodes_updated, 0);
    assert_eq!(demo.load().unwrap().1, relations);
}

#[test]
fn reimport_updates_only_the_fields_the_file_has() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let before = store.node("taalcafe").unwrap().unwrap();
    let report = import_bytes(
        &mut store,
        "nodes.csv",
        b"id;naam;rol\ntaalcafe;Taalcafe De Brug (bieb);taalcafe\nnieuw;Nieuwe Buur;\n",
    );
    assert_eq!((report.nodes_added, report.nodes_updated), (1, 1));
    let after = store.node("taalcafe").unwrap().unwrap();
    assert_eq!(after.name, "Taalcafe De Brug (bieb)");
    assert_eq!(after.role.as_deref(), Some("taalcafe"));
    assert_eq!(
        after.kind,
        NodeKind::Initiative,
        "no kind column: kind kept"
    );
    assert_eq!(
        (after.x, after.y, after.pinned),
        (before.x, before.y, true),
        "position kept"
    );
    assert_eq!(after.offers, before.offers, "offers kept");
    assert_eq!(after.created_at, before.created_at);

    // A relation without an id matches the existing one with the same ends and kind,
    // in either direction for undirected kinds.
    let report = import_bytes(
        &mut store,
        "relations.csv",
        b"source,target,kind,strength\nanja,fatima,buur,1\n",
    );
    assert_eq!((report.relations_added, report.relations_updated), (0, 1));
    let r1 = store.relation("r1").unwrap().unwrap();
    assert_eq!(r1.strength, Strength::WEAK);
    assert_eq!(r1.since, Some(Date::new(2020, 5, 1).unwrap()), "since kept");
    // JSON null clears a field; absence keeps it.
    import_bytes(
        &mut store,
        "patch.json",
        br#"{"nodes":[{"id":"fatima","kind":"person","name":"Fatima El Idrissi","needs":null}]}"#,
    );
    let fatima = store.node("fatima").unwrap().unwrap();
    assert!(fatima.needs.is_empty());
    assert!(fatima.consent.is_some());
    let actions: Vec<String> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action.to_string())
        .collect();
    assert!(actions.iter().filter(|a| *a == "import").count() >= 3);
    assert!(actions.iter().any(|a| a == "update_relation"));
}

#[test]
fn the_demo_wijk_shows_what_wijkweb_is_for() {
    let dir = Dir::new();
    let (store, report) = wijkweb::demo::create(&dir.path("demo.db")).unwrap();
    assert!((150..=300).contains(&report.nodes_added), "{report:?}");
    let (nodes, relations) = store.load().unwrap();
    for kind in RelationKind::ALL {
        assert!(
            relations.iter().any(|r| r.kind == kind),
            "no {kind} relation"
        );
    }
    for strength in 1..=3 {
        assert!(relations.iter().any(|r| r.strength.get() == strength));
    }
    let today = wijkweb::model::today();
    assert!(
        relations.iter().any(|r| !r.is_current(today)),
        "no ended relation"
    );
    for role in [
        "sociaal makelaar",
        "wijkverpleegkundige",
        "huisarts",
        "wijkagent",
        "vrijwilliger",
    ] {
        assert!(
            nodes.iter().any(|n| n.role.as_deref() == Some(role)),
            "no {role}"
        );
    }
    for name in [
        "Taalcafe",
        "Moestuin",
        "Kunst op Recept",
        "Koffieochtend",
        "Moskee",
        "Buurthuis",
        "Basisschool",
        "Schuldhulp",
        "Woningcorporatie",
    ] {
        assert!(nodes.iter().any(|n| n.name.contains(name)), "no {name}");
    }
    let degree = |id: &str| {
        relations
            .iter()
            .filter(|r| r.source == id || r.target == id)
            .count()
    };
    let isolated = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Person && degree(&n.id) <= 1)
        .count();
    assert!(isolated >= 5, "only {isolated} isolated residents");
    assert!(nodes.iter().any(|n| degree(&n.id) >= 20), "no kenner");
    assert!(
        nodes.iter().any(|n| !n.needs.is_empty()) && nodes.iter().any(|n| !n.offers.is_empty())
    );
    // A makelaar's file as it is: most persons with a legal basis, a few without, one
    // consent withdrawn and one expired; so "Te herzien" has a handful to show, not all.
    use wijkweb::privacy::ReviewReason;
    let persons = nodes.iter().filter(|n| n.kind == NodeKind::Person).count();
    let review = wijkweb::privacy::review(&nodes, &relations, Default::default(), today);
    // (Consents run out over the years, as real ones do: those are not counted here.)
    let lasting = review
        .iter()
        .filter(|i| {
            !i.reasons
                .iter()
                .all(|r| matches!(r, ReviewReason::Expired(_)))
        })
        .count();
    assert!((2..=persons / 5).contains(&lasting), "{lasting}");
    let has = |reason: fn(&ReviewReason) -> bool| {
        review.iter().any(|item| item.reasons.iter().any(reason))
    };
    assert!(has(|r| matches!(r, ReviewReason::Withdrawn(_))));
    assert!(has(|r| matches!(r, ReviewReason::Expired(_))));
    assert!(has(|r| *r == ReviewReason::NoLegalBasis));
    assert!(nodes.iter().any(|n| {
        n.consent
            .as_ref()
            .is_some_and(|c| c.status == wijkweb::model::ConsentStatus::Written)
    }));
}

#[test]
fn a_bulk_import_keeps_indexes_and_foreign_keys_and_refuses_whole() {
    let dir = Dir::new();
    let (nodes, mut relations) = wijkweb::demo::barabasi_albert(6_000, 4, 7);
    assert!(
        relations.len() >= 20_000,
        "not a bulk import: {}",
        relations.len()
    );
    let db = dir.path("bulk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    // A bad last relation: nothing of the 24k is written.
    let good_last = relations.last().unwrap().clone();
    relations.last_mut().unwrap().target = "nobody".into();
    let mut bad = Vec::new();
    json::write_snapshot(&mut bad, &nodes, &relations).unwrap();
    let mut batch = ImportBatch::default();
    json::read("bulk.json", &bad, &mut batch).unwrap();
    let err = store.import(batch).unwrap_err().to_string();
    assert!(err.contains("unknown node id 'nobody'"), "{err}");
    assert_eq!(store.stats().unwrap().nodes, 0);

    *relations.last_mut().unwrap() = good_last;
    let mut good = Vec::new();
    json::write_snapshot(&mut good, &nodes, &relations).unwrap();
    let report = import_bytes(&mut store, "bulk.json", &good);
    assert_eq!(report.relations_added as usize, relations.len());
    assert_eq!(store.check().unwrap().foreign_key_problems, 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relations' AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["relations_source", "relations_target"]);
    // Foreign keys are on again on the same connection: deleting a node takes its relations.
    let n0 = store.relations_of("n0").unwrap().len();
    assert!(n0 > 0);
    let gone = store.delete_node("n0").unwrap();
    assert_eq!(gone.len(), n0);
    assert!(store.relations_of("n0").unwrap().is_empty());
    assert_eq!(
        store.stats().unwrap().relations as usize,
        relations.len() - n0
    );
}

#[test]
fn csv_export_defuses_formulas_and_speaks_dutch_excel_on_request() {
    let dir = Dir::new();
    let hostile = r#"{"nodes":[
{"id":"x","kind":"person","name":"=HYPERLINK(\"http://evil\",\"klik\")","notes":"+31 6 12345678"},
{"id":"y","kind":"person","name":"Yara","notes":"-5 graden"}
],"relations":[{"source":"x","target":"y","notes":"@team"}]}"#;
    let db = util::db_from_json(&dir, "h.db", hostile);
    let out_dir = dir.path("excel");
    let out = dir
        .wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("csv")
        .arg("--excel")
        .out(&out_dir)
        .run();
    assert!(out.status.success(), "{}", util::stderr(&out));
    let nodes = std::fs::read(out_dir.join("nodes.csv")).unwrap();
    assert!(
        nodes.starts_with(b"\xEF\xBB\xBFid;kind;name;"),
        "BOM and ';'"
    );
    let text = String::from_utf8_lossy(&nodes);
    assert!(text.contains("\r\n"));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'+31 6"));
    assert!(
        !text.contains(";=HYPERLINK") && !text.contains(";\"=HYPERLINK"),
        "{text}"
    );
    let relations = std::fs::read_to_string(out_dir.join("relations.csv")).unwrap();
    assert!(relations.contains("'@team"));
    // Importing the export gives the original text back.
    let copy = dir.path("copy.db");
    let out = dir
        .wijkweb("import")
        .db(&copy)
        .arg(out_dir.join("nodes.csv"))
        .arg(out_dir.join("relations.csv"))
        .run();
    assert!(out.status.success(), "{}", util::stderr(&out));
    let store = Store::open(&copy, OpenMode::ReadOnly).unwrap();
    assert_eq!(
        store.node("x").unwrap().unwrap().name,
        r#"=HYPERLINK("http://evil","klik")"#
    );
    assert_eq!(
        store.node("y").unwrap().unwrap().notes.as_deref(),
        Some("-5 graden")
    );
    assert_eq!(
        store.relations().unwrap()[0].notes.as_deref(),
        Some("@team")
    );
}
