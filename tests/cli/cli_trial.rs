//! What a makelaar met on the command line and with her own files (issue "the app in a
//! makelaar's hands"), each as a test named after what she saw.

use crate::util;

use std::path::Path;

use util::{Dir, run, stderr, stdout};
use wijkweb::{OpenMode, Store};

fn names(db: &Path) -> Vec<wijkweb::Node> {
    Store::open(db, OpenMode::ReadOnly)
        .unwrap()
        .nodes()
        .unwrap()
}

/// The demo wijk in a new folder.
fn demo() -> (Dir, std::path::PathBuf) {
    let dir = Dir::new();
    let db = dir.path("demo.wijk");
    drop(wijkweb::demo::create(&db).unwrap());
    (dir, db)
}

fn db_arg(db: &Path) -> String {
    db.display().to_string()
}

#[test]
fn export_inzage_consent_and_stats_work_while_the_app_has_the_wijk_open() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    // The app holds the wijk for writing.
    let app = Store::open(&db, OpenMode::Existing).unwrap();
    let d = db_arg(&db);
    let out_json = dir.path("wijk.wijkweb.json");
    let inzage = dir.path("inzage");
    for args in [
        vec!["stats", "--db", &d],
        vec!["check", "--db", &d],
        vec!["consent", "--db", &d, "fatima"],
        vec![
            "export",
            "--db",
            &d,
            "--format",
            "json",
            "--out",
            out_json.to_str().unwrap(),
        ],
        vec![
            "inzage",
            "--db",
            &d,
            "fatima",
            "--out",
            inzage.to_str().unwrap(),
        ],
    ] {
        let out = run(&dir, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert!(out_json.exists() && inzage.join("inzage.txt").exists());
    // Both reads are in the log, written beside the app's open connection.
    let actions: Vec<String> = app
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action.to_string())
        .collect();
    assert!(actions.iter().any(|a| a == "export"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "inzage"), "{actions:?}");
    assert!(app.check().unwrap().is_ok(), "the chain holds");
    // Changing consent still waits for the app.
    let out = dir
        .wijkweb("consent")
        .arg("--db")
        .arg(&d)
        .arg("fatima")
        .arg("--status")
        .arg("verbal")
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("open in another wijkweb"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_excel_list_without_ids_goes_in_with_its_strengths_in_words_and_reports_names_twice() {
    let dir = Dir::new();
    let db = dir.path("wijk.wijk");
    // As a makelaar keeps it: Dutch headers, ';' (Dutch Excel), no id column, a list of
    // themes typed with commas, the same name twice.
    let people = dir.write(
        "mensen.csv",
        "naam;rol;thema's\n\
         Tineke Şahin;buurtbewoner;eenzaamheid, taal\n\
         Bep Jansen;buurvrouw;\n\
         Jan de Vries;vrijwilliger;taal\n\
         Jan de Vries;buurtbewoner;sport\n",
    );
    let ties = dir.write(
        "relaties.csv",
        "van;naar;soort;sterkte\n\
         Tineke Şahin;Bep Jansen;buur;sterk\n\
         Bep Jansen;Tineke Şahin;kent;zwak\n",
    );
    let out = dir
        .wijkweb("import")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&people)
        .arg(&ties)
        .ok();
    let said = stdout(&out);
    assert!(
        said.contains("'Jan de Vries' is the name of 2 rows") && said.contains("line 4"),
        "{said}"
    );
    let nodes = names(&db);
    assert_eq!(nodes.len(), 4);
    let tineke = nodes.iter().find(|n| n.name == "Tineke Şahin").unwrap();
    assert_eq!(tineke.tags, vec!["eenzaamheid", "taal"], "two themes");
    // Its id says nothing of her.
    assert!(!tineke.id.to_lowercase().contains("tineke") && !tineke.id.contains("sahin"));
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let rels = store.relations_of(&tineke.id).unwrap();
    let strong = rels
        .iter()
        .find(|r| r.kind == wijkweb::RelationKind::Neighbour)
        .unwrap();
    assert_eq!(strong.strength, wijkweb::Strength::STRONG);
    let weak = rels
        .iter()
        .find(|r| r.kind == wijkweb::RelationKind::Knows)
        .unwrap();
    assert_eq!(weak.strength, wijkweb::Strength::WEAK);
    drop(store);
    // The same list again: the same people, not twice (the Jans stay two, as said).
    dir.wijkweb("import")
        .arg("--db")
        .arg(db_arg(&db))
        .arg(&people)
        .ok();
    let again = names(&db);
    assert_eq!(
        again.len(),
        6,
        "Tineke and Bep matched by name; the two Jans are new again"
    );
    assert_eq!(
        again.iter().filter(|n| n.name == "Tineke Şahin").count(),
        1,
        "Tineke is not doubled"
    );
    assert_eq!(
        again.iter().find(|n| n.name == "Tineke Şahin").unwrap().id,
        tineke.id,
        "her id is stable"
    );
}

#[test]
fn kenner_reasons_agree_with_their_order_and_professionals_can_be_left_out() {
    let (dir, db) = demo();
    let d = db_arg(&db);
    let out = dir
        .wijkweb("kenners")
        .arg("--db")
        .arg(&d)
        .arg("--top")
        .arg("15")
        .arg("--json")
        .ok();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shares: Vec<f64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let reason = k["reason"].as_str().unwrap();
            // By her whole name: "Dokter" or "Persoon" alone names no one.
            let name = k["name"].as_str().unwrap();
            assert!(reason.contains(name), "{reason} names {name}");
            // "12 op de 100 wegen tussen anderen lopen via Anja Bakker · ..."
            let first = reason.split(" op de 100").next().unwrap();
            first.trim().parse::<f64>().unwrap_or(0.0)
        })
        .collect();
    for pair in shares.windows(2) {
        assert!(
            pair[0] >= pair[1],
            "the reasons disagree with the order: {shares:?}"
        );
    }
    let text = stdout(&dir.wijkweb("kenners").arg("--db").arg(&d).run());
    assert!(text.starts_with("Op volgorde van"), "{text}");

    let net = {
        let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
        let (n, r) = store.load().unwrap();
        wijkweb::graph::Network::new(&n, &r, wijkweb::model::today())
    };
    let out = dir
        .wijkweb("kenners")
        .arg("--db")
        .arg(&d)
        .arg("--top")
        .arg("0")
        .arg("--without-professionals")
        .arg("--json")
        .run();
    let without: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let without = without.as_array().unwrap();
    assert!(!without.is_empty());
    for k in without {
        let id = k["id"].as_str().unwrap();
        assert!(
            !net.is_professional(net.index(id).unwrap()),
            "{} is a professional",
            k["name"]
        );
        assert_ne!(k["name"], "Sanne de Vries", "the makelaar herself");
    }
}

#[test]
fn a_route_never_runs_through_a_sensitive_place_or_names_its_clients_unless_allowed() {
    let (_dir, db) = demo();
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let net = wijkweb::graph::Network::new(&nodes, &relations, wijkweb::model::today());
    let sensitive: Vec<&wijkweb::Node> = nodes.iter().filter(|n| n.sensitive).collect();
    assert!(
        sensitive.iter().any(|n| n.name.contains("GGZ")),
        "the demo marks its sensitive places"
    );
    let clients: Vec<&wijkweb::Relation> = relations
        .iter()
        .filter(|r| {
            r.kind == wijkweb::RelationKind::ClientOf && sensitive.iter().any(|s| s.id == r.target)
        })
        .collect();
    assert!(!clients.is_empty());
    let persons: Vec<&wijkweb::Node> = nodes
        .iter()
        .filter(|n| n.kind == wijkweb::NodeKind::Person)
        .collect();
    let words = wijkweb::words::Language::Dutch.words();
    let mut through_when_allowed = 0;
    for from in persons.iter().step_by(7) {
        for theme in ["taal", "schulden", "zorg", "eenzaamheid"] {
            let target = wijkweb::graph::paths::Target::Offers(theme.into());
            let paths = wijkweb::graph::paths::referral_paths(
                &net,
                &from.id,
                &target,
                3,
                &[],
                wijkweb::graph::paths::Allow::NONE,
            )
            .unwrap();
            for path in &paths {
                let inner = &path.nodes[..path.nodes.len().saturating_sub(1)];
                for n in inner.iter().skip(1) {
                    assert!(
                        !sensitive.iter().any(|s| s.id == n.id),
                        "{} runs through {}",
                        words.explain(path),
                        n.name
                    );
                }
                for step in &path.steps {
                    let reached = &path.nodes[step.to];
                    let client = step.kind == wijkweb::RelationKind::ClientOf
                        && sensitive.iter().any(|s| s.id == reached.id)
                        && step.from != 0;
                    assert!(!client, "{} names a client", words.explain(path));
                }
            }
            let allowed = wijkweb::graph::paths::referral_paths(
                &net,
                &from.id,
                &target,
                3,
                &[],
                wijkweb::graph::paths::Allow {
                    sensitive: true,
                    burdening: false,
                },
            )
            .unwrap();
            through_when_allowed += allowed
                .iter()
                .filter(|p| {
                    p.nodes[1..p.nodes.len().saturating_sub(1)]
                        .iter()
                        .any(|n| sensitive.iter().any(|s| s.id == n.id))
                })
                .count();
        }
    }
    assert!(
        through_when_allowed > 0,
        "allowed, some ways do run through a sensitive place (the check above can fail)"
    );
}

#[test]
fn explanations_reasons_and_the_casus_pdf_come_in_english_with_lang_en() {
    let (dir, db) = demo();
    let d = db_arg(&db);
    let out = dir
        .wijkweb("--lang")
        .arg("en")
        .arg("path")
        .arg("--db")
        .arg(&d)
        .arg("--from")
        .arg("Tineke Şahin")
        .arg("--offers")
        .arg("taal")
        .ok();
    let text = stdout(&out);
    assert!(
        text.contains("Easiest way") && text.contains(" steps"),
        "{text}"
    );
    assert!(
        !text.contains("stappen") && !text.contains(" kent "),
        "{text}"
    );
    let text = stdout(
        &dir.wijkweb("--lang")
            .arg("en")
            .arg("kenners")
            .arg("--db")
            .arg(&d)
            .run(),
    );
    assert!(text.contains("routes between others run through"), "{text}");
    assert!(!text.contains("wegen"), "{text}");
    let dutch = stdout(
        &dir.wijkweb("path")
            .arg("--db")
            .arg(&d)
            .arg("--from")
            .arg("Tineke Şahin")
            .arg("--offers")
            .arg("taal")
            .run(),
    );
    assert!(
        dutch.contains("Makkelijkste weg"),
        "Dutch by default: {dutch}"
    );

    let inzage = dir.path("inzage");
    dir.wijkweb("--lang")
        .arg("en")
        .arg("inzage")
        .arg("--db")
        .arg(&d)
        .arg("Tineke Şahin")
        .out(&inzage)
        .ok();
    let text = std::fs::read_to_string(inzage.join("inzage.txt")).unwrap();
    assert!(
        text.contains("Relations (") && text.contains("Consent and legal basis"),
        "{text}"
    );
    assert!(!text.contains("Relaties"), "{text}");

    let svg = dir.path("casus.svg");
    dir.wijkweb("--lang")
        .arg("en")
        .arg("export")
        .arg("--db")
        .arg(&d)
        .arg("--format")
        .arg("svg")
        .arg("--ego")
        .arg("Tineke Şahin")
        .out(&svg)
        .ok();
    let picture = std::fs::read_to_string(&svg).unwrap();
    for english in ["Network of", "Shapes", "Lines", "family", "professionals"] {
        assert!(picture.contains(english), "{english} missing");
    }
    for dutch in ["Netwerk van", "Vormen", "Lijnen", "vrienden en buren"] {
        assert!(!picture.contains(dutch), "{dutch} in the English picture");
    }
}
