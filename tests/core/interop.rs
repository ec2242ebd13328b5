//! Files of other tools in, ours out to them (DESIGN §4.5): networkx's and igraph's own
//! writers make the files at test time (python3 with networkx and igraph, which
//! `scripts/test` installs), GEXF 1.3 is written as Gephi writes it, and each comes back
//! with the same nodes, relations, strengths by the rule and direction, never doubled.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::util::{self, Dir, stderr};
use wijkweb::model::{RelationKind, Strength};
use wijkweb::store::{OpenMode, Store};
use wijkweb::{Node, Relation};

/// Runs a Python script in `dir`; fails the test with what it said unless it printed `ok`.
fn python(dir: &Dir, script: &str) -> String {
    let out = Command::new("python3")
        .current_dir(dir.dir.path())
        .arg("-c")
        .arg(script)
        .output()
        .expect("python3 with networkx and igraph must be installed; scripts/test installs them");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && said.contains("ok"),
        "{}\n{said}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

fn load(db: &Path) -> (Vec<Node>, Vec<Relation>) {
    Store::open(db, OpenMode::ReadOnly)
        .expect("open")
        .load()
        .expect("load")
}

/// Exports `db` with `args` to `out` through the binary; fails the test unless it worked.
fn export(dir: &Dir, db: &Path, args: &[&str], out: &Path) {
    dir.wijkweb("export").db(db).args(args).out(out).ok();
}

fn import_ok(dir: &Dir, db: &Path, args: &[&str]) -> String {
    let out = dir.wijkweb("import").db(db).args(args).ok();
    util::stdout(&out)
}

fn count_by_strength(relations: &[Relation]) -> [usize; 3] {
    let mut counts = [0; 3];
    for r in relations {
        counts[usize::from(r.strength.get()) - 1] += 1;
    }
    counts
}

#[test]
fn networkx_weighted_karate_and_les_miserables_open_with_strength_by_rank() {
    let dir = Dir::new();
    python(
        &dir,
        r#"
import networkx as nx
nx.write_graphml(nx.karate_club_graph(), "karate.graphml")
nx.write_graphml(nx.les_miserables_graph(), "lesmis.graphml")
g = nx.Graph(); g.add_edge("a", "b", weight=0.25); g.add_edge("b", "c", weight=0.5); g.add_edge("c", "a", weight=1e6)
nx.write_graphml(g, "floats.graphml")
print("ok")
"#,
    );
    for (file, nodes, edges) in [
        ("karate.graphml", 34, 78),
        ("lesmis.graphml", 77, 254),
        ("floats.graphml", 3, 3),
    ] {
        let db = dir.path(&format!("{file}.wijk"));
        import_ok(&dir, &db, &[dir.path(file).to_str().unwrap()]);
        let (n, r) = load(&db);
        assert_eq!((n.len(), r.len()), (nodes, edges), "{file}");
        // Every relation keeps the weight it came with, and all three strengths occur.
        assert!(r.iter().all(|r| r.weight.is_some()), "{file}");
        let counts = count_by_strength(&r);
        assert!(counts.iter().all(|&c| c > 0), "{file}: {counts:?}");
        // The heavier of two relations is never the weaker.
        for a in &r {
            for b in &r {
                if a.weight.unwrap().get() > b.weight.unwrap().get() {
                    assert!(a.strength >= b.strength, "{file}: {a:?} {b:?}");
                }
            }
        }
    }
    let (n, _) = load(&dir.path("lesmis.graphml.wijk"));
    assert!(n.iter().any(|n| n.name == "Valjean"));
}

#[test]
fn igraph_weight_one_for_all_makes_every_relation_normal_not_weak() {
    let dir = Dir::new();
    python(
        &dir,
        r#"
import igraph as ig
g = ig.Graph.Famous("Zachary"); g.es["weight"] = 1.0
g.write_graphml("zachary.graphml")
print("ok")
"#,
    );
    let db = dir.path("z.wijk");
    import_ok(&dir, &db, &[dir.path("zachary.graphml").to_str().unwrap()]);
    let (n, r) = load(&db);
    assert_eq!((n.len(), r.len()), (34, 78));
    assert!(r.iter().all(|r| r.strength == Strength::NORMAL));
}

#[test]
fn weight_thresholds_from_the_command_line_decide_the_strengths() {
    let dir = Dir::new();
    python(
        &dir,
        r#"
import networkx as nx
g = nx.Graph()
for i, w in enumerate([1, 2, 3, 4, 5, 6, 7, 8]):
    g.add_edge(f"p{i}", f"q{i}", weight=w)
nx.write_graphml(g, "w.graphml")
print("ok")
"#,
    );
    let db = dir.path("w.wijk");
    let file = dir.path("w.graphml");
    import_ok(&dir, &db, &["--weights", "2,7", file.to_str().unwrap()]);
    let (_, r) = load(&db);
    assert_eq!(count_by_strength(&r), [2, 4, 2]);
    let bad = dir
        .wijkweb("import")
        .db(dir.path("x.wijk"))
        .args(["--weights", "7,2", file.to_str().unwrap()])
        .run();
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("A below B"), "{}", stderr(&bad));
}

#[test]
fn a_round_trip_through_igraph_updates_the_wijk_instead_of_doubling_it() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let ours = dir.path("ours.graphml");
    // The whole wijk, its ended relation too: all of it comes back.
    export(&dir, &db, &["--format", "graphml", "--with-ended"], &ours);
    python(
        &dir,
        r#"
import igraph as ig
g = ig.Graph.Read_GraphML("ours.graphml")
assert g.vcount() == 4 and g.ecount() == 3
g.vs.find(id="anja")["role"] = "coördinator"
g.write_graphml("back.graphml")
print("ok")
"#,
    );
    let before = load(&db);
    let said = import_ok(&dir, &db, &[dir.path("back.graphml").to_str().unwrap()]);
    let after = load(&db);
    assert_eq!(
        (after.0.len(), after.1.len()),
        (before.0.len(), before.1.len()),
        "{said}"
    );
    let anja = after.0.iter().find(|n| n.id == "anja").unwrap();
    assert_eq!(anja.role.as_deref(), Some("coördinator"));
    assert!(said.contains("0 relations added"), "{said}");
}

#[test]
fn a_round_trip_through_networkx_keeps_a_referral_one_way_and_single() {
    let dir = Dir::new();
    let db = util::db_from_json(
        &dir,
        "r.wijk",
        r#"{"format":"wijkweb","version":1,"nodes":[
{"id":"fatima","kind":"person","name":"Fatima"},
{"id":"schuldhulp","kind":"organisation","name":"Schuldhulp Vliet","sensitive":true}],
"relations":[{"id":"v1","source":"fatima","target":"schuldhulp","kind":"refers_to","notes":"eerste gesprek\nna de zomer"}]}"#,
    );
    let ours = dir.path("ours.graphml");
    export(&dir, &db, &["--format", "graphml"], &ours);
    // networkx's undirected graph may write the ends either way round: write them
    // swapped, and without the edge id, as a hand-made graph would.
    python(
        &dir,
        r#"
import networkx as nx
g = nx.read_graphml("ours.graphml")
h = nx.Graph()
h.add_nodes_from(g.nodes(data=True))
for u, v, d in g.edges(data=True):
    d = dict(d); d.pop("id", None)
    h.add_edge(v, u, **d) if u == "fatima" else h.add_edge(u, v, **d)
assert g.nodes["schuldhulp"]["sensitive"] is True
assert g.edges["fatima", "schuldhulp"]["notes"] == "eerste gesprek\nna de zomer"
nx.write_graphml(h, "back.graphml")
print("ok")
"#,
    );
    import_ok(&dir, &db, &[dir.path("back.graphml").to_str().unwrap()]);
    let (nodes, relations) = load(&db);
    assert_eq!(relations.len(), 1, "{relations:?}");
    let r = &relations[0];
    assert_eq!(
        (r.source.as_str(), r.target.as_str(), r.kind),
        ("fatima", "schuldhulp", RelationKind::RefersTo)
    );
    assert_eq!(r.notes.as_deref(), Some("eerste gesprek\nna de zomer"));
    assert!(
        nodes
            .iter()
            .find(|n| n.id == "schuldhulp")
            .unwrap()
            .sensitive
    );
}

#[test]
fn a_directed_graph_is_refused_with_the_question_then_read_as_told() {
    let dir = Dir::new();
    python(
        &dir,
        r#"
import networkx as nx
g = nx.DiGraph(); g.add_edge("Anna", "Bert"); g.add_edge("Bert", "Chris")
nx.write_graphml(g, "di.graphml"); nx.write_gexf(g, "di.gexf")
print("ok")
"#,
    );
    for file in ["di.graphml", "di.gexf"] {
        let db = dir.path(&format!("{file}.wijk"));
        let path = dir.path(file);
        let refused = dir.wijkweb("import").db(&db).arg(&path).run();
        assert!(!refused.status.success());
        assert!(
            stderr(&refused).contains("--directed refers_to"),
            "{}",
            stderr(&refused)
        );
        assert!(!db.exists(), "a refused file makes no wijk");
        import_ok(
            &dir,
            &db,
            &["--directed", "refers_to", path.to_str().unwrap()],
        );
        let (_, r) = load(&db);
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|r| r.kind == RelationKind::RefersTo));
        assert!(r.iter().any(|r| r.source == "Anna" && r.target == "Bert"));
        let plain = dir.path(&format!("{file}.plain.wijk"));
        import_ok(
            &dir,
            &plain,
            &["--directed", "ignore", path.to_str().unwrap()],
        );
        assert!(load(&plain).1.iter().all(|r| r.kind == RelationKind::Knows));
    }
}

#[test]
fn gml_pajek_and_gephi_projects_are_refused_by_name() {
    let dir = Dir::new();
    python(
        &dir,
        r#"
import networkx as nx
g = nx.path_graph(3)
nx.write_gml(g, "g.gml"); nx.write_pajek(g, "g.net")
nx.write_gml(g, "g.txt")
print("ok")
"#,
    );
    dir.write("wijk.gephi", b"PK\x03\x04 a zipped Gephi project");
    for (file, name) in [
        ("g.gml", "GML"),
        ("g.txt", "GML"),
        ("g.net", "Pajek"),
        ("wijk.gephi", "Gephi project"),
    ] {
        let out = dir
            .wijkweb("import")
            .db(dir.path("x.wijk"))
            .arg(dir.path(file))
            .run();
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains(name) && stderr(&out).contains("GraphML or GEXF"),
            "{file}: {}",
            stderr(&out)
        );
    }
}

/// A GEXF 1.3 file as Gephi writes a dynamic graph: spells on nodes and edges, dates as
/// the time format, the viz namespace, and Gephi's numbered ids.
const GEPHI_DYNAMIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-05-01"><creator>Gephi 0.10.1</creator></meta>
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="rol" title="Rol" type="string"/>
    </attributes>
    <nodes>
      <node id="0" label="Anja">
        <attvalues><attvalue for="rol" value="vrijwilliger"/></attvalues>
        <spells><spell start="2021-03-01" end="2023-06-30"/></spells>
        <viz:size value="10.0"/><viz:position x="1.5" y="-2.0" z="0.0"/><viz:color r="10" g="20" b="30"/>
      </node>
      <node id="1" label="Buurthuis De Schakel" start="2019-01-01"/>
      <node id="2" label="Chris"/>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" weight="3.0">
        <spells><spell start="2021-04-01" end="2022-12-31"/></spells>
      </edge>
      <edge id="1" source="1" target="2" weight="1.0" start="2020-01-01"/>
    </edges>
  </graph>
</gexf>
"#;

#[test]
fn a_gephi_gexf_1_3_brings_names_positions_and_its_history() {
    let dir = Dir::new();
    let file = dir.write("gephi.gexf", GEPHI_DYNAMIC);
    let db = dir.path("g.wijk");
    import_ok(&dir, &db, &[file.to_str().unwrap()]);
    let (nodes, relations) = load(&db);
    let by_name: HashMap<&str, &Node> = nodes.iter().map(|n| (n.name.as_str(), n)).collect();
    let anja = by_name["Anja"];
    assert_eq!(anja.role.as_deref(), Some("vrijwilliger"));
    assert_eq!((anja.x, anja.y), (Some(1.5), Some(-2.0)));
    assert_eq!(
        anja.since.map(|d| d.to_string()).as_deref(),
        Some("2021-03-01")
    );
    // GEXF's spell holds its last day; our until is the first day without.
    assert_eq!(
        anja.until.map(|d| d.to_string()).as_deref(),
        Some("2023-07-01")
    );
    assert_eq!(
        by_name["Buurthuis De Schakel"]
            .since
            .map(|d| d.to_string())
            .as_deref(),
        Some("2019-01-01")
    );
    assert_eq!(relations.len(), 2);
    let ended = relations.iter().find(|r| r.until.is_some()).unwrap();
    assert_eq!(ended.until.unwrap().to_string(), "2023-01-01");
    assert_eq!(ended.strength, Strength::STRONG);
    // A second Gephi file numbers its edges 0 and 1 as well: nothing of the first is
    // taken over by it.
    let other = GEPHI_DYNAMIC
        .replace("Anja", "Dirk")
        .replace("Chris", "Esra")
        .replace(r#"id="0" label"#, r#"id="10" label"#)
        .replace(r#"id="2" label"#, r#"id="12" label"#)
        .replace(r#"source="0""#, r#"source="10""#)
        .replace(r#"target="2""#, r#"target="12""#);
    let second = dir.write("second.gexf", other);
    import_ok(&dir, &db, &[second.to_str().unwrap()]);
    let (nodes, after) = load(&db);
    assert_eq!(nodes.len(), 5);
    assert_eq!(after.len(), 4, "{after:?}");
    for r in &relations {
        assert!(after.contains(r), "{r:?} was changed by another file");
    }
}

#[test]
fn our_gexf_round_trips_and_networkx_reads_its_labels_colours_and_history() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let gexf = dir.path("wijk.gexf");
    export(&dir, &db, &["--format", "gexf", "--with-ended"], &gexf);
    let text = std::fs::read_to_string(&gexf).unwrap();
    assert!(text.contains(r#"version="1.3""#) && text.contains(r#"mode="dynamic""#));
    python(
        &dir,
        r#"
import networkx as nx
g = nx.read_gexf("wijk.gexf")
assert (g.number_of_nodes(), g.number_of_edges()) == (4, 3)
a = g.nodes["anja"]
assert a["label"] == "Anja Bakker" and set(a["viz"]["color"]) >= {"r", "g", "b"} and a["viz"]["size"] > 0, a
assert a["community"] >= 1, a
e = g.edges["taalcafe", "welzijn"]
assert e["weight"] == 1 and e["cost"] == 3 and e["ended"] is True and e["directed"] is False, e
assert g.edges["fatima", "anja"]["ended"] is False
print("ok")
"#,
    );
    let copy = dir.path("copy.wijk");
    import_ok(&dir, &copy, &[gexf.to_str().unwrap()]);
    let (a, b) = (load(&db), load(&copy));
    assert_eq!(a.1, b.1, "relations the same");
    let names = |n: &[Node]| {
        let mut v: Vec<_> = n
            .iter()
            .map(|n| (n.id.to_string(), n.name.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&a.0), names(&b.0));
    let again = import_ok(&dir, &copy, &[gexf.to_str().unwrap()]);
    assert!(
        again.contains("0 nodes added") && again.contains("0 relations added, 0 updated"),
        "{again}"
    );
}

#[test]
fn a_multi_line_note_survives_graphml_and_gexf() {
    let dir = Dir::new();
    let db = util::db_from_json(
        &dir,
        "n.wijk",
        r#"{"format":"wijkweb","version":1,"nodes":[
{"id":"a","kind":"person","name":"Anja","notes":"regel een\nregel twee\ttab"},
{"id":"b","kind":"person","name":"Bert"}],
"relations":[{"id":"r","source":"a","target":"b","notes":"eerste\r\ntweede"}]}"#,
    );
    for format in ["graphml", "gexf"] {
        let file = dir.path(&format!("n.{format}"));
        export(&dir, &db, &["--format", format], &file);
        let copy = dir.path(&format!("copy-{format}.wijk"));
        import_ok(&dir, &copy, &[file.to_str().unwrap()]);
        let (nodes, relations) = load(&copy);
        let anja = nodes.iter().find(|n| n.id == "a").unwrap();
        assert_eq!(
            anja.notes.as_deref(),
            Some("regel een\nregel twee\ttab"),
            "{format}"
        );
        assert_eq!(
            relations[0].notes.as_deref(),
            Some("eerste\r\ntweede"),
            "{format}"
        );
    }
}

#[test]
fn gephi_spreadsheet_csvs_open_with_labels_weights_and_direction() {
    let dir = Dir::new();
    let nodes = dir.write(
        "nodes.csv",
        "Id,Label,timeset\n0,Anja,\n1,Bert,\n2,Chris,\n",
    );
    let edges = dir.write(
        "edges.csv",
        "Source,Target,Type,Id,Label,timeset,Weight\n0,1,Undirected,0,,,1.5\n1,2,Undirected,1,,,4.0\n0,2,Directed,2,,,9.0\n",
    );
    let db = dir.path("g.wijk");
    let refused = dir.wijkweb("import").db(&db).arg(&nodes).arg(&edges).run();
    assert!(stderr(&refused).contains("line 4") && stderr(&refused).contains("--directed"));
    assert!(!db.exists());
    import_ok(
        &dir,
        &db,
        &[
            "--directed",
            "refers_to",
            nodes.to_str().unwrap(),
            edges.to_str().unwrap(),
        ],
    );
    let (n, r) = load(&db);
    let mut names: Vec<_> = n.iter().map(|n| n.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Anja", "Bert", "Chris"]);
    let by_weight = |w: f64| r.iter().find(|r| r.weight.unwrap().get() == w).unwrap();
    assert_eq!(by_weight(1.5).strength, Strength::WEAK);
    assert_eq!(by_weight(4.0).strength, Strength::NORMAL);
    assert_eq!(by_weight(9.0).strength, Strength::STRONG);
    assert_eq!(by_weight(9.0).kind, RelationKind::RefersTo);
    // The statistics Gephi computed are read past (wijkweb computes its own); a column
    // of someone's own is still refused, by name.
    let computed = dir.write(
        "computed.csv",
        "Id,Label,Modularity Class,Degree,Betweenness Centrality,pageranks_unknown\n0,Anja,1,2,0.5,x\n",
    );
    let out = dir.wijkweb("import").db(&db).arg(&computed).run();
    assert!(
        stderr(&out).contains("unknown column 'pageranks_unknown' (column 6)"),
        "{}",
        stderr(&out)
    );
    let computed = dir.write(
        "computed.csv",
        "Id,Label,modularity_class,Weighted Degree,Eccentricity\n0,Anja,1,2.5,3\n",
    );
    import_ok(&dir, &db, &[computed.to_str().unwrap()]);
    // The same files again change nothing: Gephi's edge ids are matched by their ends.
    let again = import_ok(
        &dir,
        &db,
        &[
            "--directed",
            "refers_to",
            nodes.to_str().unwrap(),
            edges.to_str().unwrap(),
        ],
    );
    assert!(
        again.contains("0 relations added, 0 updated, 3 unchanged"),
        "{again}"
    );
}

#[test]
fn the_readme_recipe_finds_the_same_kenners_in_networkx() {
    let dir = Dir::new();
    let db = dir.path("demo.wijk");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-wijk.wijkweb.json");
    import_ok(&dir, &db, &[demo]);
    let graphml = dir.path("wijk.graphml");
    export(&dir, &db, &["--format", "graphml"], &graphml);
    let ours = dir
        .wijkweb("kenners")
        .db(&db)
        .args(["--kind", "all", "--top", "10", "--json"])
        .ok();
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    let names: Vec<&str> = ours
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 10);
    // The recipe of the README, as written there.
    let said = python(
        &dir,
        r#"
import networkx as nx
g = nx.read_graphml("wijk.graphml")
scores = nx.betweenness_centrality(g, weight="cost")
for node in sorted(scores, key=scores.get, reverse=True)[:10]:
    print(g.nodes[node]["label"], round(scores[node], 3), round(g.nodes[node]["kenner"], 3))
assert not any(d["ended"] for _, _, d in g.edges(data=True))
assert all(abs(g.nodes[n]["kenner"] - s) < 1e-9 for n, s in scores.items()), "kenner scores differ"
print("ok")
"#,
    );
    let lines: Vec<Vec<&str>> = said
        .lines()
        .filter(|l| *l != "ok")
        .map(|l| l.rsplitn(3, ' ').collect())
        .collect();
    let theirs: Vec<&str> = lines.iter().map(|parts| parts[2]).collect();
    assert_eq!(names, theirs);
    for parts in &lines {
        assert_eq!(
            parts[0], parts[1],
            "networkx and the file's kenner score agree"
        );
    }
    // The scores the file carries are the ones wijkweb kenners prints.
    for k in ours.as_array().unwrap() {
        let name = k["name"].as_str().unwrap();
        let line = lines.iter().find(|p| p[2] == name).unwrap();
        let printed: f64 = line[0].parse().unwrap();
        assert!(
            (printed - k["betweenness"].as_f64().unwrap()).abs() < 0.0006,
            "{name}"
        );
    }
}

/// A workbook with the given sheets, each a header row and rows of text, as Excel or Kumu
/// save one (written with rust_xlsxwriter, the crate our export uses).
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                // Numbers as numbers, as a person types them into Excel.
                match value.parse::<f64>() {
                    Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => sheet.write_string(r as u32, c as u16, *value).unwrap(),
                };
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_kumu_workbook_opens_in_one_step_with_types_kept() {
    let dir = Dir::new();
    let file = dir.path("kumu.xlsx");
    workbook(
        &file,
        &[
            (
                "Elements",
                &[
                    &["Label", "Type", "Description", "Tags"],
                    &[
                        "Anja",
                        "Person",
                        "vrijwilliger taalcafe",
                        "taal|eenzaamheid",
                    ],
                    &["Taalcafe De Brug", "Project", "elke dinsdag", "taal"],
                    &["Welzijn Vliet", "Organization", "", ""],
                    &["Bram", "Buurtbewoner", "", ""],
                ],
            ),
            (
                "Connections",
                &[
                    &["From", "To", "Type", "Direction"],
                    &["Anja", "Taalcafe De Brug", "volunteers_at", "undirected"],
                    &["Bram", "Anja", "Buren", "mutual"],
                    &["Welzijn Vliet", "Bram", "", "directed"],
                    &["Bram", "Taalcafe De Brug", "Koffie", ""],
                ],
            ),
            ("Notes", &[&["Deze kaart is van 2024"]]),
        ],
    );
    let db = dir.path("k.wijk");
    let refused = dir.wijkweb("import").db(&db).arg(&file).run();
    assert!(
        stderr(&refused).contains("kumu.xlsx [Connections], line 4"),
        "{}",
        stderr(&refused)
    );
    let args = ["--directed", "refers_to", file.to_str().unwrap()];
    import_ok(&dir, &db, &args);
    let (nodes, relations) = load(&db);
    let node = |name: &str| nodes.iter().find(|n| n.name == name).unwrap();
    assert_eq!(node("Anja").kind, wijkweb::NodeKind::Person);
    assert_eq!(node("Anja").notes.as_deref(), Some("vrijwilliger taalcafe"));
    assert_eq!(node("Anja").tags, ["taal", "eenzaamheid"]);
    assert_eq!(node("Taalcafe De Brug").kind, wijkweb::NodeKind::Initiative);
    assert_eq!(node("Welzijn Vliet").kind, wijkweb::NodeKind::Organisation);
    assert_eq!(node("Bram").role.as_deref(), Some("Buurtbewoner"));
    assert_eq!(relations.len(), 4);
    let between = |a: &str, b: &str| {
        let (a, b) = (&node(a).id, &node(b).id);
        relations
            .iter()
            .find(|r| (r.source == *a && r.target == *b) || (r.source == *b && r.target == *a))
            .unwrap()
    };
    assert_eq!(between("Bram", "Anja").kind, RelationKind::Neighbour);
    assert_eq!(
        between("Welzijn Vliet", "Bram").kind,
        RelationKind::RefersTo
    );
    let coffee = between("Bram", "Taalcafe De Brug");
    assert_eq!(
        (coffee.kind, coffee.notes.as_deref()),
        (RelationKind::Knows, Some("Koffie"))
    );
    // Leaving Kumu twice changes nothing the second time.
    let again = import_ok(&dir, &db, &args);
    assert!(
        again.contains("0 nodes added") && again.contains("0 relations added"),
        "{again}"
    );
}

#[test]
fn our_workbook_round_trips_and_a_list_of_persons_in_excel_opens() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let file = dir.path("wijk.xlsx");
    export(&dir, &db, &["--format", "xlsx"], &file);
    let copy = dir.path("copy.wijk");
    import_ok(&dir, &copy, &[file.to_str().unwrap()]);
    let (a, b) = (load(&db), load(&copy));
    assert_eq!(a.1, b.1, "the relations, field by field");
    let without_stamps = |nodes: &[Node]| {
        let mut v: Vec<Node> = nodes
            .iter()
            .map(|n| Node {
                created_at: None,
                updated_at: None,
                consent: None,
                x: None,
                y: None,
                pinned: false,
                ..n.clone()
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    assert_eq!(without_stamps(&a.0), without_stamps(&b.0));
    // A makelaar's own list: one sheet, Dutch headers, no ids, a date as Excel keeps it.
    let list = dir.path("lijst.xlsx");
    workbook(
        &list,
        &[(
            "Blad1",
            &[
                &["Naam", "Rol", "Thema's"],
                &["Henk de Wit", "buurtbewoner", "eenzaamheid"],
                &["Ria Smit", "mantelzorger", "zorg, wonen"],
            ],
        )],
    );
    let fresh = dir.path("lijst.wijk");
    import_ok(&dir, &fresh, &[list.to_str().unwrap()]);
    let (nodes, _) = load(&fresh);
    let ria = nodes.iter().find(|n| n.name == "Ria Smit").unwrap();
    assert_eq!(ria.role.as_deref(), Some("mantelzorger"));
    assert_eq!(ria.tags, ["zorg", "wonen"]);
}

#[test]
fn a_damaged_or_empty_workbook_is_refused_and_changes_nothing() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let before = load(&db);
    let good = dir.path("good.xlsx");
    export(&dir, &db, &["--format", "xlsx"], &good);
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.write("cut.xlsx", &bytes[..bytes.len() / 2]);
    let notes = dir.path("notes.xlsx");
    workbook(&notes, &[("Notities", &[&["Bel Anja", "dinsdag"]])]);
    let bad_weight = dir.path("weight.xlsx");
    workbook(
        &bad_weight,
        &[(
            "Relaties",
            &[&["van", "naar", "gewicht"], &["anja", "fatima", "veel"]],
        )],
    );
    for (file, said) in [
        (&cut, "cannot read this spreadsheet"),
        (&notes, "no sheet of this workbook"),
        (
            &bad_weight,
            "weight.xlsx [Relaties], line 2, field 'weight'",
        ),
    ] {
        let out = dir.wijkweb("import").db(&db).arg(file).run();
        assert!(!out.status.success());
        assert!(stderr(&out).contains(said), "{}", stderr(&out));
        assert_eq!(load(&db), before);
    }
}

#[test]
fn a_workbook_that_unpacks_past_any_wijk_is_refused_before_it_is_unpacked() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    let before = load(&db);
    let good = dir.path("good.xlsx");
    export(&dir, &db, &["--format", "xlsx"], &good);
    // A zip bomb's directory: every entry says it unpacks to 2 GB.
    let mut bytes = std::fs::read(&good).unwrap();
    let mut at = 0;
    let mut patched = 0;
    while let Some(p) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + p;
        bytes[entry + 24..entry + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        patched += 1;
        at = entry + 4;
    }
    assert!(patched >= 2);
    let bomb = dir.write("bomb.xlsx", &bytes);
    let out = dir.wijkweb("import").db(&db).arg(&bomb).run();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("unpacked it would be"),
        "{}",
        stderr(&out)
    );
    assert_eq!(load(&db), before);
}

#[test]
fn gephi_does_not_show_an_ended_relation_as_live_unless_asked_and_each_node_has_its_kenner_score() {
    let dir = Dir::new();
    let db = util::small_db(&dir);
    for (format, extra) in [
        ("graphml", None),
        ("gexf", None),
        ("graphml", Some("--with-ended")),
        ("gexf", Some("--with-ended")),
    ] {
        let name = format!("wijk.{format}");
        export(
            &dir,
            &db,
            &[&["--format", format][..], extra.as_slice()].concat(),
            &dir.path(&name),
        );
        let edges = if extra.is_some() { 3 } else { 2 };
        let read = if format == "gexf" {
            "read_gexf"
        } else {
            "read_graphml"
        };
        python(
            &dir,
            &format!(
                r#"
import networkx as nx
g = nx.{read}("{name}")
assert g.number_of_nodes() == 4 and g.number_of_edges() == {edges}, (g.number_of_edges(), "{name}")
assert g.has_edge("taalcafe", "welzijn") == {ended}, "the ended relation"
assert all(isinstance(d["kenner"], float) for _, d in g.nodes(data=True)), list(g.nodes(data=True))
# Anja is the only one between Fatima and the rest: the one kenner.
best = max(g.nodes, key=lambda n: g.nodes[n]["kenner"])
assert best == "anja" and g.nodes["anja"]["kenner"] > 0, dict(g.nodes(data="kenner"))
print("ok")
"#,
                ended = if extra.is_some() { "True" } else { "False" },
            ),
        );
    }
    // Elsewhere it is refused: the other formats hold ended relations already.
    let out = dir
        .wijkweb("export")
        .db(&db)
        .args(["--format", "json", "--with-ended"])
        .out(dir.path("w.json"))
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert!(util::stderr(&out).contains("--with-ended is for graphml and gexf"));
}

#[test]
fn an_ij_ligature_that_windows_1252_cannot_hold_is_kept_in_excel_csv_and_xlsx_never_a_question_mark()
 {
    let dir = Dir::new();
    let db = util::db_from_json(
        &dir,
        "ij.wijk",
        r#"{"nodes":[
{"id":"ijs","kind":"person","name":"Ĳsbrand van Ĳsselmonde","role":"vrijwilliger"},
{"id":"zoe","kind":"person","name":"Zoë Çelik"}
],"relations":[{"id":"r1","source":"ijs","target":"zoe","kind":"neighbour"}]}"#,
    );
    let folder = dir.path("excel");
    export(&dir, &db, &["--format", "csv", "--excel"], &folder);
    let bytes = std::fs::read(folder.join("nodes.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM, as Excel reads it"
    );
    let text = String::from_utf8(bytes).expect("UTF-8, not Windows-1252");
    assert!(text.contains("Ĳsbrand van Ĳsselmonde") && text.contains("Zoë Çelik"));
    assert!(!text.contains('?'));
    let book = dir.path("wijk.xlsx");
    export(&dir, &db, &["--format", "xlsx"], &book);
    for (name, inputs) in [
        (
            "from-csv.wijk",
            vec![
                folder.join("nodes.csv").display().to_string(),
                folder.join("relations.csv").display().to_string(),
            ],
        ),
        ("from-xlsx.wijk", vec![book.display().to_string()]),
    ] {
        let copy = dir.path(name);
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        import_ok(&dir, &copy, &inputs);
        let (nodes, relations) = load(&copy);
        let names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        assert!(
            names.contains(&"Ĳsbrand van Ĳsselmonde"),
            "{name}: {names:?}"
        );
        assert_eq!(relations.len(), 1, "{name}");
    }
}

#[test]
fn gephi_lites_graphology_reads_our_gexf_with_names_colours_sizes_and_positions() {
    let dir = Dir::new();
    let db = dir.path("demo.wijk");
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-wijk.wijkweb.json");
    import_ok(&dir, &db, &[demo]);
    // Laid out, as the app does on first open: the positions go out with the file.
    dir.wijkweb("layout").db(&db).ok();
    export(&dir, &db, &["--format", "gexf"], &dir.path("wijk.gexf"));
    let (nodes, relations) = load(&db);
    let today = wijkweb::model::today();
    let live = relations
        .iter()
        .filter(|r| r.until.is_none_or(|u| u > today))
        .count();
    // A person who withdrew her consent is pseudonymised in every export.
    let (gone, names): (Vec<&Node>, Vec<&Node>) = nodes
        .iter()
        .partition(|n| wijkweb::privacy::has_withdrawn(n));
    assert!(!gone.is_empty(), "the demo wijk has a withdrawn consent");
    let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
    let gone: Vec<&str> = gone.iter().map(|n| n.name.as_str()).collect();
    let script = format!(
        r#"
const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");
const g = gexf.parse(Graph, fs.readFileSync("wijk.gexf", "utf8"));
const names = {names};
if (g.order !== {order} || g.size !== {live}) throw new Error(`counts ${{g.order}} ${{g.size}}`);
const labels = new Set(g.mapNodes((n, a) => a.label));
for (const name of names) if (!labels.has(name)) throw new Error(`no label ${{name}}`);
for (const name of {gone}) if (labels.has(name)) throw new Error(`withdrawn ${{name}} named`);
g.forEachNode((n, a) => {{
  if (!/^rgb\(\d+,\d+,\d+\)$/.test(a.color)) throw new Error(`colour of ${{n}}: ${{a.color}}`);
  if (!(a.size > 0)) throw new Error(`size of ${{n}}`);
  // A pseudonymised person leaves without her place on the map (it would name her).
  const placed = typeof a.x === "number" && typeof a.y === "number";
  if (placed !== names.includes(a.label)) throw new Error(`place of ${{n}}: ${{a.x}}, ${{a.y}}`);
  if (typeof a.kenner !== "number" || typeof a.community !== "number") throw new Error(`kenner of ${{n}}`);
}});
g.forEachEdge((e, a) => {{
  if (![1, 2, 3].includes(a.weight) || a.ended !== false) throw new Error(`edge ${{e}}: ${{JSON.stringify(a)}}`);
}});
if (g.getNodeAttribute("i-buurthuis-de-schakel", "label") !== "Buurthuis De Schakel") throw new Error("by id");
console.log("ok");
"#,
        names = serde_json::to_string(&names).unwrap(),
        gone = serde_json::to_string(&gone).unwrap(),
        order = nodes.len(),
    );
    let modules = concat!(env!("CARGO_MANIFEST_DIR"), "/target/npm/node_modules");
    let out = Command::new("node")
        .current_dir(dir.dir.path())
        .env("NODE_PATH", modules)
        .arg("-e")
        .arg(&script)
        .output()
        .expect("node with graphology-gexf must be installed; scripts/test installs them");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("ok"),
        "{}\n{said}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_plain_edge_list_makes_its_persons_matches_the_wijks_and_does_not_double_when_read_again() {
    let dir = Dir::new();
    // Headed as ours (Dutch or English), as Gephi's and Kumu's.
    for (name, text) in [
        ("lijst.csv", "van,naar\nAnja,Bert\nBert,Chris\n"),
        (
            "edges.csv",
            "Source;Target\nAnja;Bert\nBert;Chris\nChris;Anja\n",
        ),
    ] {
        let db = dir.path(&format!("{name}.wijk"));
        let file = dir.write(name, text);
        import_ok(&dir, &db, &[file.to_str().unwrap()]);
        let (nodes, relations) = load(&db);
        let mut names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Anja", "Bert", "Chris"], "{name}");
        assert!(nodes.iter().all(|n| n.kind == wijkweb::NodeKind::Person));
        assert_eq!(relations.len(), text.lines().count() - 1, "{name}");
        let again = import_ok(&dir, &db, &[file.to_str().unwrap()]);
        assert!(
            again.contains("0 nodes added") && again.contains("0 relations added"),
            "{again}"
        );
        assert_eq!(load(&db).0.len(), 3, "{name}: read again, nobody doubled");
    }
    // Into a wijk: a name it has is that node; a new name a new person.
    let db = util::small_db(&dir);
    let before = load(&db).0.len();
    let file = dir.write("buren.csv", "bron;doel\nAnja Bakker;Gerrit Jansen\n");
    import_ok(&dir, &db, &[file.to_str().unwrap()]);
    let (nodes, relations) = load(&db);
    assert_eq!(nodes.len(), before + 1);
    let gerrit = nodes.iter().find(|n| n.name == "Gerrit Jansen").unwrap();
    assert!(relations.iter().any(|r| {
        (r.source == "anja" && r.target == gerrit.id)
            || (r.target == "anja" && r.source == gerrit.id)
    }));
    // Without a header it is refused, not guessed (a sheet of two columns of notes would
    // become persons), with what to write.
    let bare = dir.write("bare.csv", "Anja;Bert\nBert;Chris\n");
    let out = dir.wijkweb("import").db(&db).arg(&bare).run();
    assert!(
        stderr(&out).contains("(or a list of edges) source and target"),
        "{}",
        stderr(&out)
    );
    // Beside a list of nodes, an end that is nowhere is still a mistake, refused.
    let nodes_file = dir.write("nodes.csv", "id,name\nx,Xandra\n");
    let stray = dir.write("rel.csv", "source,target\nx,nobody\n");
    let out = dir
        .wijkweb("import")
        .db(&db)
        .arg(&nodes_file)
        .arg(&stray)
        .run();
    assert!(
        stderr(&out).contains("unknown node id 'nobody'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_gexf_that_graphology_writes_opens_with_names_places_and_strengths_by_rank() {
    let dir = Dir::new();
    let script = r##"
const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");
const g = new Graph({type: "undirected"});
g.addNode("a", {label: "Anja de Vries", color: "#ff0000", size: 10, x: 1, y: 2, role: "vrijwilliger"});
g.addNode("b", {label: "Bert Kok", x: 3, y: 4});
g.addNode("c", {label: "Chris Çelik"});
g.addEdge("a", "b", {weight: 2.5});
g.addEdge("b", "c", {weight: 0.5});
g.addEdge("a", "c", {weight: 9});
fs.writeFileSync("lite.gexf", gexf.write(g));
console.log("ok");
"##;
    let modules = concat!(env!("CARGO_MANIFEST_DIR"), "/target/npm/node_modules");
    let out = Command::new("node")
        .current_dir(dir.dir.path())
        .env("NODE_PATH", modules)
        .arg("-e")
        .arg(script)
        .output()
        .expect("node with graphology-gexf must be installed; scripts/test installs them");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = dir.path("lite.wijk");
    let file = dir.path("lite.gexf");
    import_ok(&dir, &db, &[file.to_str().unwrap()]);
    let (nodes, relations) = load(&db);
    let anja = nodes.iter().find(|n| n.id == "a").unwrap();
    assert_eq!(anja.name, "Anja de Vries");
    assert_eq!(anja.role.as_deref(), Some("vrijwilliger"));
    assert_eq!((anja.x, anja.y), (Some(1.0), Some(2.0)));
    assert!(
        nodes
            .iter()
            .any(|n| n.name == "Chris Çelik" && n.x.is_none())
    );
    let strength = |w: f64| {
        relations
            .iter()
            .find(|r| r.weight.map(|x| x.get()) == Some(w))
            .unwrap()
            .strength
    };
    assert_eq!(strength(0.5), Strength::WEAK);
    assert_eq!(strength(2.5), Strength::NORMAL);
    assert_eq!(strength(9.0), Strength::STRONG);
    let again = import_ok(&dir, &db, &[file.to_str().unwrap()]);
    assert!(
        again.contains("0 nodes added") && again.contains("0 relations added"),
        "{again}"
    );
}
