//! The wijk on a date (`--as-of`): every answer for a past day equals the same answer on a
//! wijk that holds only the nodes and relations of that day, and networkx, filtering our
//! GraphML by the same rule itself, finds the same 'Best Persons'.

use crate::util;

use std::process::Command;

use util::{Dir, stderr, stdout};
use wijkweb::graph::Network;
use wijkweb::graph::risks::articulation_point_indices;
use wijkweb::model::{Date, Node, Relation};

/// A wijk of `n` people with five years of history (`demo::with_history`).
fn dated_wijk(n: usize) -> (Vec<Node>, Vec<Relation>) {
    wijkweb::demo::with_history(n, 11)
}

/// The rule, written out again here: on day `d`, what has begun (`since <= d`) and not
/// ended (`d < until`); a relation only between two who are there.
fn on(day: Date, nodes: &[Node], relations: &[Relation]) -> (Vec<Node>, Vec<Relation>) {
    let holds = |since: Option<Date>, until: Option<Date>| {
        since.is_none_or(|s| s <= day) && until.is_none_or(|u| day < u)
    };
    let kept: Vec<Node> = nodes
        .iter()
        .filter(|n| holds(n.since, n.until))
        .map(|n| Node {
            since: None,
            until: None,
            until_reason: None,
            ..n.clone()
        })
        .collect();
    let ids: std::collections::HashSet<&str> = kept.iter().map(|n| n.id.as_str()).collect();
    let held = relations
        .iter()
        .filter(|r| {
            holds(r.since, r.until)
                && ids.contains(r.source.as_str())
                && ids.contains(r.target.as_str())
        })
        .map(|r| Relation {
            since: None,
            until: None,
            ..r.clone()
        })
        .collect();
    (kept, held)
}

fn database(dir: &Dir, name: &str, nodes: &[Node], relations: &[Relation]) -> std::path::PathBuf {
    let json = dir.path(&format!("{name}.json"));
    let mut text = Vec::new();
    wijkweb::exchange::json::write_snapshot(&mut text, nodes, relations).unwrap();
    std::fs::write(&json, text).unwrap();
    let db = dir.path(&format!("{name}.wijk"));
    let out = util::import(dir, &db, &[&json]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

/// `db` exported in `format` and imported into a new wijk, opened to read.
fn through(dir: &Dir, db: &std::path::Path, format: &str) -> wijkweb::Store {
    let out = dir.path(&format!("uit-{format}"));
    dir.wijkweb("export")
        .db(db)
        .args(["--format", format])
        .out(&out)
        .ok();
    let inputs: Vec<std::path::PathBuf> = if format == "csv" {
        vec![out.join("nodes.csv"), out.join("relations.csv")]
    } else {
        vec![out.clone()]
    };
    let back = dir.path(&format!("terug-{format}.wijk"));
    let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let output = util::import(dir, &back, &refs);
    assert!(output.status.success(), "{format}: {}", stderr(&output));
    wijkweb::Store::open(&back, wijkweb::OpenMode::ReadOnly).unwrap()
}

#[test]
fn every_answer_on_a_past_day_is_the_answer_of_the_wijk_of_that_day() {
    let dir = Dir::new();
    let (nodes, relations) = dated_wijk(600);
    let all = database(&dir, "alles", &nodes, &relations);
    for day in ["2022-06-01", "2024-03-15", "2025-11-30"] {
        let d: Date = day.parse().unwrap();
        let (kept, held) = on(d, &nodes, &relations);
        // The day is a real past: people and relations are missing from it.
        assert!(kept.len() < nodes.len() && held.len() < relations.len());
        let then = database(&dir, &format!("op-{day}"), &kept, &held);
        let from = kept[kept.len() / 2].id.to_string();
        let to = kept[kept.len() / 3].id.to_string();
        let ego = kept[1].id.to_string();
        for question in [
            vec!["stats", "--json"],
            vec!["kenners", "--json", "--top", "15"],
            vec!["risks", "--json"],
            vec!["needs", "--json"],
            vec!["path", "--from", &from, "--to", &to, "--json"],
            vec!["ego", &ego, "--json"],
        ] {
            let asked = |db: &std::path::Path, as_of: bool| {
                let mut command = dir.wijkweb(question[0]).db(db).args(&question[1..]);
                if as_of {
                    command = command.args(["--as-of", day]);
                }
                stdout(&command.ok())
            };
            let past = asked(&all, true);
            assert!(past.len() > 20, "{question:?}: {past}");
            assert_eq!(past, asked(&then, false), "{question:?} on {day}");
        }
        // A picture or a data export of that day holds that day's wijk.
        let out = dir.path(&format!("wijk-{day}.json"));
        dir.wijkweb("export")
            .db(&all)
            .args(["--format", "json", "--as-of", day])
            .out(&out)
            .ok();
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(json["nodes"].as_array().unwrap().len(), kept.len());
        assert_eq!(json["relations"].as_array().unwrap().len(), held.len());
    }
}

#[test]
fn networkx_filtering_our_graphml_by_date_finds_the_same_best_persons() {
    let dir = Dir::new();
    let (nodes, relations) = dated_wijk(400);
    let all = database(&dir, "alles", &nodes, &relations);
    let graphml = dir.path("wijk.graphml");
    // Its history: the relations that ended too, each with its dates.
    dir.wijkweb("export")
        .db(&all)
        .args(["--format", "graphml", "--with-ended"])
        .out(&graphml)
        .ok();
    for day in ["2022-01-10", "2023-08-20", "2025-06-01"] {
        let d: Date = day.parse().unwrap();
        let net = Network::new(&nodes, &relations, d);
        let csr = net.csr(false);
        let mut ours: Vec<String> = articulation_point_indices(&csr)
            .into_iter()
            .map(|i| net.info(csr.order[i]).unwrap().id.to_string())
            .collect();
        ours.sort();
        let script = format!(
            r#"
import json, networkx as nx
g = nx.read_graphml(r"{path}")
day = "{day}"
def holds(a):
    return (not a.get("since") or a["since"] <= day) and (not a.get("until") or day < a["until"])
h = nx.Graph()
h.add_nodes_from(n for n, a in g.nodes(data=True) if holds(a))
h.add_edges_from((u, v) for u, v, a in g.edges(data=True) if holds(a) and u in h and v in h)
print(json.dumps({{"nodes": h.number_of_nodes(), "edges": h.number_of_edges(),
                  "points": sorted(nx.articulation_points(h))}}))
"#,
            path = graphml.display()
        );
        let out = Command::new("python3")
            .arg("-c")
            .arg(script)
            .output()
            .expect("python3 with networkx must be installed; .ci/run installs it");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(theirs["nodes"], net.node_count(), "{day}");
        assert_eq!(theirs["edges"], net.relation_count(), "{day}");
        let points: Vec<String> = theirs["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        assert!(!points.is_empty(), "{day}");
        assert_eq!(ours, points, "{day}");
    }
}

#[test]
fn as_of_is_refused_for_a_change_and_for_a_day_that_is_no_date() {
    let dir = Dir::new();
    let db = util::db_from_json(&dir, "w.wijk", util::SMALL_WIJK);
    let before = util::snapshot_files(&db);
    for args in [
        vec!["layout", "--as-of", "2024-01-01"],
        vec!["import", "x.json", "--as-of", "2024-01-01"],
        vec!["kenners", "--as-of", "gisteren"],
        vec!["kenners", "--as-of", "2024-02-30"],
        vec![
            "export",
            "--format",
            "json",
            "--backup",
            "--as-of",
            "2024-01-01",
        ],
    ] {
        let out = dir.wijkweb(args[0]).db(&db).args(&args[1..]).run();
        assert!(!out.status.success(), "{args:?} ran");
        let message = stderr(&out);
        assert!(
            message.contains("as-of") || message.contains("date"),
            "{args:?}: {message}"
        );
    }
    assert_eq!(util::snapshot_files(&db), before, "the wijk changed");
}

#[test]
fn someone_who_moved_away_is_no_kenner_and_no_way_after_she_left() {
    let dir = Dir::new();
    let (mut nodes, relations) = wijkweb::demo::barabasi_albert(300, 3, 5);
    // The first node of a BA graph is its hub: the best kenner.
    let net = Network::new(&nodes, &relations, "2024-01-01".parse().unwrap());
    let best = wijkweb::graph::kenners::kenners(&net, &Default::default());
    let hub = best[0].id.clone();
    let node = nodes.iter_mut().find(|n| n.id == hub).unwrap();
    node.until = Some("2024-06-01".parse().unwrap());
    node.until_reason = Some("verhuisd".into());
    let db = database(&dir, "wijk", &nodes, &relations);
    let kenners = |day: &str| {
        let out = dir
            .wijkweb("kenners")
            .db(&db)
            .args(["--json", "--top", "5", "--as-of", day])
            .ok();
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()
    };
    assert_eq!(kenners("2024-05-31")[0]["id"], hub.as_str(), "still there");
    let after = kenners("2024-06-01");
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k["id"] != hub.as_str()),
        "{after}"
    );
    // The wijk of that day counts one person less.
    let stats: serde_json::Value = serde_json::from_str(&stdout(
        &dir.wijkweb("stats")
            .db(&db)
            .args(["--json", "--as-of", "2024-06-01"])
            .ok(),
    ))
    .unwrap();
    assert_eq!(stats["nodes"], 299);
}

#[test]
fn a_persons_dates_and_why_she_left_survive_json_csv_and_graphml_and_gexf_says_them() {
    let dir = Dir::new();
    let mut gone = Node::new(wijkweb::NodeKind::Person, "Bep de Graaf");
    gone.id = "bep".into();
    gone.since = Some("2019-04-01".parse().unwrap());
    gone.until = Some("2025-09-15".parse().unwrap());
    gone.until_reason = Some("verhuisd naar Zwolle, \"voorgoed\"".into());
    let mut new = Node::new(wijkweb::NodeKind::Initiative, "Moestuin Oost");
    new.id = "moestuin".into();
    new.since = Some("2026-03-01".parse().unwrap());
    let mut plain = Node::new(wijkweb::NodeKind::Person, "Cor");
    plain.id = "cor".into();
    let want = vec![gone, plain, new];
    let relations = vec![Relation::with_id(
        "r1",
        "bep",
        "cor",
        wijkweb::RelationKind::Neighbour,
    )];
    let db = database(&dir, "bron", &want, &relations);
    for format in ["json", "csv", "graphml"] {
        let got = through(&dir, &db, format).nodes().unwrap();
        for w in &want {
            let g = got.iter().find(|n| n.id == w.id).unwrap();
            assert_eq!(
                (g.since, g.until, &g.until_reason),
                (w.since, w.until, &w.until_reason),
                "{format} {}",
                w.id
            );
        }
    }
    let gexf = dir.path("wijk.gexf");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "gexf"])
        .out(&gexf)
        .ok();
    let text = std::fs::read_to_string(&gexf).unwrap();
    for want in [
        "2019-04-01",
        "2025-09-15",
        "verhuisd naar Zwolle, &quot;voorgoed&quot;",
    ] {
        assert!(text.contains(want), "no {want} in the GEXF");
    }
}

#[test]
fn a_node_that_leaves_before_it_came_is_refused_with_its_line_and_field() {
    let dir = Dir::new();
    let json = dir.path("fout.json");
    std::fs::write(
        &json,
        "{\"nodes\":[\n{\"id\":\"a\",\"kind\":\"person\",\"name\":\"Anja\"},\n\
         {\"id\":\"b\",\"kind\":\"person\",\"name\":\"Bep\",\"since\":\"2024-05-01\",\"until\":\"2023-01-01\"}\n]}\n",
    )
    .unwrap();
    let db = dir.path("w.wijk");
    let out = util::import(&dir, &db, &[&json]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("line 3") && message.contains("until"),
        "{message}"
    );
    assert!(
        !db.exists()
            || wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly)
                .unwrap()
                .nodes()
                .unwrap()
                .is_empty()
    );
    let csv = dir.path("nodes.csv");
    std::fs::write(&csv, "naam;soort;sinds;tot;reden\nAnja;persoon;1-3-2020;;\nBep;persoon;1-5-2024;1-1-2023;verhuisd\n").unwrap();
    let out = util::import(&dir, &db, &[&csv]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("line 3") && message.contains("until"),
        "{message}"
    );
}

/// Ids of what `changes --json` lists under `key`.
fn ids(json: &serde_json::Value, key: &str) -> std::collections::BTreeSet<String> {
    json[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn what_changed_is_the_difference_of_the_two_days_wijken() {
    let dir = Dir::new();
    let (nodes, relations) = dated_wijk(500);
    let db = database(&dir, "wijk", &nodes, &relations);
    for (since, until) in [("2021-06-01", "2022-06-01"), ("2023-01-01", "2025-12-01")] {
        let out = dir
            .wijkweb("changes")
            .db(&db)
            .args(["--since", since, "--until", until, "--json"])
            .ok();
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let (d1, d2): (Date, Date) = (since.parse().unwrap(), until.parse().unwrap());
        let (n1, r1) = on(d1, &nodes, &relations);
        let (n2, r2) = on(d2, &nodes, &relations);
        let set = |items: Vec<String>| items.into_iter().collect::<std::collections::BTreeSet<_>>();
        let rel = |rs: &[Relation]| set(rs.iter().map(|r| r.id.to_string()).collect());
        let node = |ns: &[Node]| set(ns.iter().map(|n| n.id.to_string()).collect());
        let (a, b) = (rel(&r1), rel(&r2));
        assert_eq!(ids(&json, "added"), &b - &a, "{since}..{until}");
        assert_eq!(ids(&json, "ended"), &a - &b, "{since}..{until}");
        let (a, b) = (node(&n1), node(&n2));
        assert_eq!(ids(&json, "nodes_added"), &b - &a);
        assert_eq!(ids(&json, "nodes_gone"), &a - &b);
        assert!(!ids(&json, "added").is_empty() && !ids(&json, "ended").is_empty());
        // Nothing was edited: no relation changed its fields.
        assert!(json["changed"].as_array().unwrap().is_empty());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn the_changes_applied_to_the_earlier_wijk_give_the_later(
        seed in 0u64..1_000,
        a in 0i64..1_800,
        gap in 1i64..900,
    ) {
        let (mut nodes, mut relations) = dated_wijk(120);
        // Another history for each seed: shift every date by its own amount.
        let shift = |k: usize| jiff::Span::new().days(((k as u64 * 7919 + seed * 104_729) % 600) as i64);
        for (k, n) in nodes.iter_mut().enumerate() {
            n.since = n.since.map(|d| d + shift(k));
            n.until = n.until.map(|d| d + shift(k) + shift(k + 1));
        }
        for (k, r) in relations.iter_mut().enumerate() {
            r.since = r.since.map(|d| d + shift(k));
            r.until = r.until.map(|d| d + shift(k) + shift(k + 3));
        }
        let start: Date = "2021-01-01".parse().unwrap();
        let d1 = start + jiff::Span::new().days(a);
        let d2 = d1 + jiff::Span::new().days(gap);
        let c = wijkweb::graph::changes::changes(&nodes, &relations, &[], d1, d2, None);
        let held = |d: Date| -> std::collections::BTreeSet<String> {
            wijkweb::model::relations_on(&nodes, &relations, d).map(|r| r.id.to_string()).collect()
        };
        let present = |d: Date| -> std::collections::BTreeSet<String> {
            nodes.iter().filter(|n| n.present_on(d)).map(|n| n.id.to_string()).collect()
        };
        let mut applied = held(d1);
        for r in &c.ended {
            proptest::prop_assert!(applied.remove(r.id.as_str()));
        }
        for r in &c.added {
            proptest::prop_assert!(applied.insert(r.id.to_string()));
        }
        proptest::prop_assert_eq!(applied, held(d2));
        let mut people = present(d1);
        for n in &c.nodes_gone {
            proptest::prop_assert!(people.remove(n.id.as_str()));
        }
        for n in &c.nodes_added {
            proptest::prop_assert!(people.insert(n.id.to_string()));
        }
        proptest::prop_assert_eq!(people, present(d2));
    }
}

#[test]
fn a_relation_made_steunend_today_is_what_changed_in_her_circle_since_yesterday() {
    let dir = Dir::new();
    let db = dir.path("demo.wijk");
    wijkweb::demo::create(&db).unwrap();
    dir.wijkweb("relation")
        .db(&db)
        .args([
            "--from",
            "Naima El Idrissi",
            "--to",
            "Rachid Schouten",
            "--quality",
            "steunend",
            "--support",
            "P",
        ])
        .ok();
    let yesterday = (wijkweb::model::today() - jiff::Span::new().days(1)).to_string();
    let out = dir
        .wijkweb("changes")
        .db(&db)
        .args(["--since", &yesterday, "--ego", "Naima El Idrissi", "--json"])
        .ok();
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let changed = json["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{json}");
    assert_eq!(changed[0]["relation"]["source_name"], "Rachid Schouten");
    assert_eq!(changed[0]["fields"]["quality"][0], "burdening");
    assert_eq!(changed[0]["fields"]["quality"][1], "supportive");
    assert_eq!(changed[0]["fields"]["support"][1][0], "practical");
    let text = stdout(
        &dir.wijkweb("changes")
            .db(&db)
            .args(["--since", &yesterday, "--ego", "Naima El Idrissi"])
            .ok(),
    );
    assert!(
        text.contains(
            "buur Rachid Schouten: aard van belastend / conflict naar steunend, steun van - naar P"
        ),
        "{text}"
    );
    // Her whole history since the demo began: her maatje is new, said with the day.
    let text = stdout(
        &dir.wijkweb("changes")
            .db(&db)
            .args([
                "--since",
                "2026-01-01",
                "--until",
                "2026-06-01",
                "--ego",
                "Naima El Idrissi",
            ])
            .ok(),
    );
    assert!(
        text.contains("nieuw sinds 1-3-2026: maatje Fenna Rosario"),
        "{text}"
    );
    // An empty period, a reversed one and an unknown person are said as such.
    let text = stdout(
        &dir.wijkweb("changes")
            .db(&db)
            .args([
                "--since",
                "2019-01-01",
                "--until",
                "2019-02-01",
                "--ego",
                "Naima El Idrissi",
            ])
            .ok(),
    );
    assert!(text.contains("Niets veranderd."), "{text}");
    for args in [
        vec!["--since", "2026-05-01", "--until", "2026-01-01"],
        vec!["--since", "ooit"],
        vec!["--since", "2026-01-01", "--ego", "Niemand Bekend"],
    ] {
        let out = dir.wijkweb("changes").db(&db).args(&args).run();
        assert!(!out.status.success(), "{args:?}");
        assert!(!stderr(&out).is_empty());
    }
}

#[test]
fn who_to_call_this_week_the_longest_overdue_first() {
    let dir = Dir::new();
    let db = dir.path("demo.wijk");
    wijkweb::demo::create(&db).unwrap();
    let today = wijkweb::model::today();
    let day = |n: i64| (today + jiff::Span::new().days(n)).to_string();
    for (who, last, follow, note) in [
        (
            "Naima El Idrissi",
            0,
            Some(-2),
            Some("vragen of ze bij het taalcafe is geweest"),
        ),
        ("Fenna Rosario", 0, Some(3), None),
        (
            "Karin Smit",
            0,
            Some(-20),
            Some("doorverwijzing schuldhulp nagaan"),
        ),
        ("Mustafa Öztürk", -200, None, None),
        ("Kofi El Idrissi", -10, None, None),
    ] {
        let mut command = dir
            .wijkweb("contact")
            .db(&db)
            .args([who, "--on", &day(last)]);
        if let Some(f) = follow {
            command = command.args(["--follow-up", &day(f)]);
        }
        if let Some(note) = note {
            command = command.args(["--note", note]);
        }
        let out = command.ok();
        assert!(stdout(&out).contains("vastgelegd"), "{}", stdout(&out));
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&dir.wijkweb("due").db(&db).args(["--json"]).ok())).unwrap();
    let names = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("overdue"), ["Karin Smit", "Naima El Idrissi"]);
    assert_eq!(json["overdue"][0]["days"], 20);
    assert_eq!(names("this_week"), ["Fenna Rosario"]);
    // Mustafa was last spoken to 200 days ago (over three months); Kofi ten days ago.
    assert_eq!(names("not_contacted"), ["Mustafa Öztürk"]);
    let text = stdout(&dir.wijkweb("due").db(&db).ok());
    assert!(
        text.contains("Karin Smit (20 dagen over tijd): doorverwijzing schuldhulp nagaan"),
        "{text}"
    );
    assert!(text.contains("Fenna Rosario (over 3 dagen)"), "{text}");
    // An organisation is no one to call; a note needs a day; the audit log has it all.
    let out = dir.wijkweb("contact").db(&db).arg("Schuldhulp Vliet").run();
    assert!(!out.status.success() && stderr(&out).contains("no person"));
    let out = dir
        .wijkweb("contact")
        .db(&db)
        .args(["Naima El Idrissi", "--note", "x"])
        .run();
    assert!(!out.status.success());
    // Erased, she is on no list and in no byte of the log.
    dir.wijkweb("forget").db(&db).arg("Karin Smit").ok();
    let json = stdout(&dir.wijkweb("due").db(&db).args(["--json"]).ok());
    assert!(
        !json.contains("Karin") && !json.contains("schuldhulp nagaan"),
        "{json}"
    );
    let (db_bytes, wal) = util::snapshot_files(&db);
    for bytes in [db_bytes, wal] {
        assert!(
            !bytes
                .windows(b"schuldhulp nagaan".len())
                .any(|w| w == b"schuldhulp nagaan"),
            "her follow-up note is still on disk"
        );
    }
}

#[test]
fn a_tie_not_confirmed_for_a_year_is_asked_about_until_an_edit_confirms_it() {
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
{"id":"r2","source":"fatima","target":"anja","kind":"friend","confirmed":"2025-01-15"},
{"id":"r3","source":"bep","target":"anja","kind":"knows"}
]}"#,
    );
    let stale = |dir: &Dir| -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&dir.wijkweb("due").db(&db).args(["--json"]).ok()))
                .unwrap();
        json["stale"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // r3 came without a day: a list imported today is known today.
    assert_eq!(stale(&dir), ["r1", "r2"]);
    let text = stdout(&dir.wijkweb("due").db(&db).ok());
    assert!(
        text.contains("Fatima El Idrissi is buur van Bep de Graaf (bevestigd 1-2-2024)"),
        "{text}"
    );
    // An edit of the relation confirms it.
    dir.wijkweb("relation")
        .db(&db)
        .args(["--from", "fatima", "--to", "bep", "--quality", "steunend"])
        .ok();
    assert_eq!(stale(&dir), ["r2"]);
    // The day survives a round trip through every format.
    let out = dir.path("w.json");
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "json"])
        .out(&out)
        .ok();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"confirmed\":\"2025-01-15\"")
    );
    for format in ["csv", "graphml"] {
        let r2 = through(&dir, &db, format)
            .relations()
            .unwrap()
            .into_iter()
            .find(|r| r.id == "r2")
            .unwrap();
        assert_eq!(
            r2.confirmed,
            Some("2025-01-15".parse().unwrap()),
            "{format}"
        );
    }
}
