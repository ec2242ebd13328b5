//! The analysis subcommands through the binary: kenners, path, ego, risks, needs, with the
//! JSON of DESIGN §5 and exit code 1 for unknown or ambiguous nodes.

use crate::util;

use serde_json::Value;
use util::{Dir, run, stderr, stdout};

/// A small wijk: Fatima (lonely, needs taal) - Anja (neighbour, strong) - Taalcafe (Anja
/// volunteers) and a longer way via the makelaar; Kees hangs on Anja alone; two Jannen.
const WIJK: &str = r#"{"nodes":[
{"id":"fatima","kind":"person","name":"Fatima","role":"buurtbewoner","needs":["taal","vervoer"]},
{"id":"anja","kind":"person","name":"Anja","role":"vrijwilliger"},
{"id":"kees","kind":"person","name":"Kees","role":"buurtbewoner","needs":["taal"]},
{"id":"sanne","kind":"person","name":"Sanne","role":"sociaal makelaar"},
{"id":"welzijn","kind":"organisation","name":"Welzijn"},
{"id":"taalcafe","kind":"initiative","name":"Taalcafe De Brug","offers":["taal"]},
{"id":"jan1","kind":"person","name":"Jan"},
{"id":"jan2","kind":"person","name":"Jan"}
],"relations":[
{"source":"fatima","target":"anja","kind":"neighbour","strength":3},
{"source":"anja","target":"taalcafe","kind":"volunteers_at","strength":2},
{"source":"kees","target":"anja","kind":"friend","strength":2},
{"source":"fatima","target":"sanne","kind":"knows","strength":1},
{"source":"sanne","target":"welzijn","kind":"works_at","strength":3},
{"source":"sanne","target":"taalcafe","kind":"refers_to","strength":2},
{"source":"jan1","target":"jan2","kind":"family","strength":3}
]}"#;

fn wijk(dir: &Dir) -> String {
    util::db_from_json(dir, "wijk.db", WIJK)
        .display()
        .to_string()
}

fn json(dir: &Dir, args: &[&str]) -> Value {
    let out = run(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn path_to_a_theme_lists_the_cheapest_ways_with_explanations() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let paths = json(
        &dir,
        &[
            "path", "--db", &db, "--from", "Fatima", "--offers", "taal", "--json",
        ],
    );
    let paths = paths["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 1, "one node offers taal");
    let first = &paths[0];
    assert_eq!(first["cost"], 3);
    let ids: Vec<&str> = first["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["fatima", "anja", "taalcafe"]);
    assert_eq!(first["nodes"][2]["kind"], "initiative");
    assert_eq!(
        first["explanation"],
        "Fatima is buur van Anja (vrijwilliger, sterk) · Anja is vrijwilliger bij Taalcafe De Brug"
    );
    // Avoiding Anja leaves the way via the makelaar, who refers to the taalcafe.
    let paths = json(
        &dir,
        &[
            "path", "--db", &db, "--from", "fatima", "--to", "taalcafe", "--avoid", "anja",
            "--json",
        ],
    );
    let first = &paths["paths"][0];
    assert_eq!(first["cost"], 5);
    assert!(
        first["explanation"]
            .as_str()
            .unwrap()
            .ends_with("Sanne verwijst naar Taalcafe De Brug")
    );
    // A referral is not walked back: from the taalcafe to Sanne only via Anja and Fatima.
    let paths = json(
        &dir,
        &[
            "path", "--db", &db, "--from", "taalcafe", "--to", "sanne", "--k", "5", "--json",
        ],
    );
    let all = paths["paths"].as_array().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["cost"], 2 + 1 + 3);
}

#[test]
fn unknown_and_ambiguous_nodes_are_user_errors_that_list_candidates() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let out = dir
        .wijkweb("path")
        .arg("--db")
        .arg(&db)
        .arg("--from")
        .arg("jan")
        .arg("--to")
        .arg("anja")
        .run();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("ambiguous") && message.contains("jan1") && message.contains("jan2"),
        "{message}"
    );
    let out = dir.wijkweb("ego").arg("--db").arg(&db).arg("Fatma").run();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no node with id or name 'Fatma'"),
        "{}",
        stderr(&out)
    );
    let out = dir
        .wijkweb("path")
        .arg("--db")
        .arg(&db)
        .arg("--from")
        .arg("Fat")
        .arg("--to")
        .arg("anja")
        .run();
    assert!(
        stderr(&out).contains("did you mean: fatima (Fatima, persoon)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn kenners_rank_persons_by_default_with_the_documented_fields() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let ranked = json(&dir, &["kenners", "--db", &db, "--json"]);
    let ranked = ranked.as_array().unwrap();
    assert_eq!(
        ranked[0]["id"], "anja",
        "Anja links Fatima, Kees and the taalcafe"
    );
    for k in ranked {
        assert_eq!(k["kind"], "person");
        for field in [
            "id",
            "name",
            "kind",
            "betweenness",
            "degree",
            "communities",
            "reason",
        ] {
            assert!(k.get(field).is_some(), "no {field} in {k}");
        }
    }
    let all = json(
        &dir,
        &[
            "kenners", "--db", &db, "--kind", "all", "--top", "3", "--json",
        ],
    );
    assert_eq!(all.as_array().unwrap().len(), 3);
    let text = stdout(
        &dir.wijkweb("kenners")
            .arg("--db")
            .arg(&db)
            .arg("--kind")
            .arg("initiatief")
            .run(),
    );
    assert!(text.contains("Taalcafe De Brug"), "{text}");
}

#[test]
fn ego_of_depth_one_holds_exactly_the_node_and_its_neighbours() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let ego = json(&dir, &["ego", "--db", &db, "anja", "--json"]);
    let mut ids: Vec<&str> = ego["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], "anja");
    ids.sort();
    assert_eq!(ids, ["anja", "fatima", "kees", "taalcafe"]);
    assert_eq!(ego["relations"].as_array().unwrap().len(), 3);
    let deeper = json(
        &dir,
        &["ego", "--db", &db, "anja", "--depth", "2", "--json"],
    );
    assert_eq!(
        deeper["nodes"].as_array().unwrap().len(),
        5,
        "sanne at 2 steps"
    );
}

#[test]
fn risks_name_the_best_person_and_the_isolated() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let risks = json(&dir, &["risks", "--db", &db, "--json"]);
    let points = risks["articulation_points"].as_array().unwrap();
    let anja = points
        .iter()
        .find(|p| p["id"] == "anja")
        .expect("anja is a cut point");
    assert_eq!(anja["cut_off"], 1, "Kees hangs on Anja alone");
    assert_eq!(anja["cut_off_nodes"], serde_json::json!(["kees"]));
    let isolated: Vec<&str> = risks["isolated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(isolated.contains(&"kees"), "{isolated:?}");
    assert!(!isolated.contains(&"fatima"));
}

#[test]
fn needs_show_who_can_reach_an_offer_and_what_nobody_offers() {
    let dir = Dir::new();
    let db = wijk(&dir);
    let report = json(&dir, &["needs", "--db", &db, "--json"]);
    assert_eq!(report["unmet"], serde_json::json!(["vervoer"]));
    let taal = report["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["theme"] == "taal")
        .unwrap();
    let reach: Vec<(&str, u64)> = taal["can_reach"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["steps"].as_u64().unwrap()))
        .collect();
    assert_eq!(reach, [("fatima", 2), ("kees", 2)]);
    let near = json(
        &dir,
        &[
            "needs", "--db", &db, "--theme", "taal", "--steps", "1", "--json",
        ],
    );
    assert_eq!(
        near["themes"][0]["cannot_reach"].as_array().unwrap().len(),
        2
    );
}
