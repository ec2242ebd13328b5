//! Network snapshots for the casusoverleg: every format parsed back, pseudonyms in every
//! format, ego exports, the export log, GraphML import, networkx reading our files, and a
//! golden SVG.
//!
//! Needs `python3` with networkx and `pdftotext` (poppler-utils); `.ci/run` installs both.

use crate::util;

use std::collections::HashMap;
use std::process::Command;

use util::{Dir, run, stderr};
use wijkweb::exchange::picture::{self, ColourBy, PictureOptions};
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store};

/// A small casus: Fatima (no consent) with her neighbour Anja, Anja's taalcafe, Zoë (written
/// consent), and a huisarts; names, contact and notes that must not leak.
const CASUS: &str = r#"{"nodes":[
{"id":"fatima","kind":"person","name":"Fatima El Idrissi","role":"buurtbewoner","contact":"06-11112222","notes":"Schulden bij energiebedrijf","needs":["schulden"],"x":0,"y":0},
{"id":"anja","kind":"person","name":"Anja Bakker","role":"vrijwilliger","contact":"anja@example.nl","notes":"Kookt op dinsdag","x":10,"y":5},
{"id":"zoe","kind":"person","name":"Zoë de Wit","role":"buurtbewoner","consent":{"status":"written","purpose":"casusoverleg"},"x":-8,"y":6},
{"id":"huisarts","kind":"person","name":"Dokter Hoekstra","role":"huisarts","x":5,"y":-9},
{"id":"praktijk","kind":"organisation","name":"Huisartsenpraktijk De Linde","x":12,"y":-12},
{"id":"taalcafe","kind":"initiative","name":"Taalcafe De Brug","offers":["taal"],"notes":"Open op woensdag","x":20,"y":10},
{"id":"ver","kind":"person","name":"Verre Vriend","x":40,"y":40}
],"relations":[
{"id":"r1","source":"fatima","target":"anja","kind":"neighbour","strength":3,"notes":"Anja helpt Fatima met post"},
{"id":"r2","source":"anja","target":"taalcafe","kind":"volunteers_at"},
{"id":"r3","source":"fatima","target":"zoe","kind":"friend","strength":1},
{"id":"r4","source":"huisarts","target":"praktijk","kind":"works_at","strength":3},
{"id":"r5","source":"huisarts","target":"fatima","kind":"knows"},
{"id":"r6","source":"praktijk","target":"taalcafe","kind":"refers_to"},
{"id":"r7","source":"zoe","target":"ver","kind":"friend"}
]}"#;

/// Everything personal in [`CASUS`] that a pseudonymised export must not hold.
const SECRETS: [&str; 10] = [
    "Fatima",
    "Idrissi",
    "Anja",
    "Bakker",
    "Hoekstra",
    "06-11112222",
    "anja@example.nl",
    "Schulden bij",
    "dinsdag",
    "helpt Fatima",
];

fn casus(dir: &Dir) -> String {
    util::db_from_json(dir, "casus.db", CASUS)
        .display()
        .to_string()
}

fn export(dir: &Dir, db: &str, args: &[&str]) -> std::path::PathBuf {
    let format = args[args.iter().position(|a| *a == "--format").unwrap() + 1];
    let out = dir.path(&format!("out-{}.{format}", args.len()));
    let mut all = vec!["export", "--db", db, "--out", out.to_str().unwrap()];
    all.extend(args);
    let result = run(dir, &all);
    assert!(result.status.success(), "{all:?}: {}", stderr(&result));
    out
}

/// The text of every file an export made (the CSV folder's files joined); PDFs through
/// pdftotext.
fn text_of(path: &std::path::Path) -> String {
    if path.is_dir() {
        let mut all = String::new();
        for name in ["nodes.csv", "relations.csv"] {
            all.push_str(&std::fs::read_to_string(path.join(name)).unwrap());
        }
        return all;
    }
    if path.extension().is_some_and(|e| e == "pdf") {
        let out = Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) must be installed; .ci/run installs it");
        assert!(out.status.success());
        return String::from_utf8_lossy(&out.stdout).into_owned();
    }
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

#[test]
fn pseudonymised_exports_hold_no_name_contact_or_note_in_any_format() {
    let dir = Dir::new();
    let db = casus(&dir);
    for format in ["json", "csv", "graphml", "gexf", "svg", "pdf"] {
        let path = export(&dir, &db, &["--format", format, "--pseudonymise"]);
        let text = text_of(&path);
        for secret in SECRETS {
            assert!(!text.contains(secret), "{format}: '{secret}' leaked");
        }
        assert!(
            text.contains("Taalcafe De Brug"),
            "{format}: organisations keep their names"
        );
        assert!(
            text.contains("buurtbewoner A"),
            "{format}: no pseudonym in {text:.300}"
        );
        assert!(
            !text.contains("Zoë"),
            "{format}: Zoë without --keep-consented"
        );
    }
    let path = export(
        &dir,
        &db,
        &["--format", "svg", "--pseudonymise", "--keep-consented"],
    );
    let text = text_of(&path);
    assert!(
        text.contains("Zoë de Wit"),
        "written consent keeps the name"
    );
    assert!(!text.contains("Fatima"));
    // Without --pseudonymise the names are there (so the checks above can fail).
    for format in ["json", "svg", "pdf", "graphml"] {
        let text = text_of(&export(&dir, &db, &["--format", format]));
        assert!(text.contains("Fatima El Idrissi"), "{format}: {text:.300}");
    }
}

#[test]
fn every_format_parses_back() {
    let dir = Dir::new();
    let db = casus(&dir);
    // SVG: well-formed XML with one shape per node and a legend and title.
    let svg = std::fs::read_to_string(export(&dir, &db, &["--format", "svg"])).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let shapes = doc
        .descendants()
        .filter(|n| n.ancestors().any(|a| a.attribute("id") == Some("nodes")))
        .filter(|n| matches!(n.tag_name().name(), "circle" | "rect" | "path"))
        .count();
    assert_eq!(shapes, 7);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("legend"))
    );
    assert!(svg.contains("stroke-dasharray"), "the weak tie is dashed");
    assert!(svg.contains("marker-end"), "the referral has an arrow");
    // PNG: decodes, at the default and at a chosen size.
    let png = std::fs::read(export(&dir, &db, &["--format", "png"])).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1600, 1200));
    let png = std::fs::read(export(
        &dir,
        &db,
        &["--format", "png", "--width", "800", "--height", "600"],
    ))
    .unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (800, 600));
    assert!(
        pixmap.pixels().iter().any(|p| p.red() != p.blue()),
        "the picture has colour"
    );
    // PDF: one A4 page (landscape) with the names as text.
    let pdf = export(&dir, &db, &["--format", "pdf"]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(
        info.contains("841.89 x 595.276 pts") || info.contains("842 x 595"),
        "{info}"
    );
    assert!(text_of(&pdf).contains("Taalcafe De Brug"));
    // GraphML and GEXF: well-formed, with every node and relation.
    for format in ["graphml", "gexf"] {
        let text = std::fs::read_to_string(export(&dir, &db, &["--format", format])).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let count = |tag: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == tag)
                .count()
        };
        assert_eq!((count("node"), count("edge")), (7, 7), "{format}");
    }
}

#[test]
fn networkx_reads_graphml_and_gexf_with_every_attribute() {
    let dir = Dir::new();
    let db = casus(&dir);
    let graphml = export(&dir, &db, &["--format", "graphml"]);
    let gexf = export(&dir, &db, &["--format", "gexf"]);
    let script = format!(
        r#"
import networkx as nx
g = nx.read_graphml(r"{}")
assert (g.number_of_nodes(), g.number_of_edges()) == (7, 7), (g.number_of_nodes(), g.number_of_edges())
f = g.nodes["fatima"]
assert f["name"] == "Fatima El Idrissi" and f["kind"] == "person" and f["role"] == "buurtbewoner", f
assert f["needs"] == "schulden" and f["x"] == 0.0 and f["contact"] == "06-11112222", f
assert g.nodes["taalcafe"]["offers"] == "taal"
e = g.edges["fatima", "anja"]
assert e["kind"] == "neighbour" and e["strength"] == 3, e
h = nx.read_gexf(r"{}")
assert (h.number_of_nodes(), h.number_of_edges()) == (7, 7)
assert h.nodes["fatima"]["label"] == "Fatima El Idrissi"
assert h.nodes["fatima"]["kind"] == "person" and h.nodes["anja"]["viz"]["position"]["x"] == 10.0
assert h.edges["fatima", "anja"]["weight"] == 3 and h.edges["fatima", "anja"]["kind"] == "neighbour"
print("ok")
"#,
        graphml.display(),
        gexf.display()
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .expect("python3 with networkx must be installed; .ci/run installs it");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("ok"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn graphml_round_trips_through_import() {
    let dir = Dir::new();
    let db = casus(&dir);
    let graphml = export(&dir, &db, &["--format", "graphml"]);
    let copy = dir.path("copy.db");
    let out = util::import(&dir, &copy, &[&graphml]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (
        Store::open(std::path::Path::new(&db), OpenMode::ReadOnly).unwrap(),
        Store::open(&copy, OpenMode::ReadOnly).unwrap(),
    );
    assert_eq!(a.relations().unwrap(), b.relations().unwrap());
    for (x, y) in a.nodes().unwrap().iter().zip(b.nodes().unwrap()) {
        assert_eq!(
            (
                &x.id, x.kind, &x.name, &x.role, &x.needs, &x.offers, &x.contact, &x.notes, x.x,
                x.y
            ),
            (
                &y.id, y.kind, &y.name, &y.role, &y.needs, &y.offers, &y.contact, &y.notes, y.x,
                y.y
            )
        );
    }
    // A bad GraphML file is refused with its line, and nothing is written.
    let bad = dir.write(
        "bad.graphml",
        "<graphml>\n<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"nobody\"/>\n</graph>\n</graphml>\n",
    );
    let out = util::import(&dir, &copy, &[&bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bad.graphml, line 4, field 'target'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_ego_export_of_depth_one_holds_exactly_the_node_and_its_neighbours() {
    let dir = Dir::new();
    let db = casus(&dir);
    let json = export(
        &dir,
        &db,
        &["--format", "json", "--ego", "Fatima El Idrissi"],
    );
    let snapshot: serde_json::Value =
        serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    let mut ids: Vec<&str> = snapshot["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["anja", "fatima", "huisarts", "zoe"]);
    let relations = snapshot["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 3, "only relations among them");
    let deeper = export(
        &dir,
        &db,
        &["--format", "json", "--ego", "fatima", "--depth", "2"],
    );
    let snapshot: serde_json::Value =
        serde_json::from_slice(&std::fs::read(deeper).unwrap()).unwrap();
    assert_eq!(snapshot["nodes"].as_array().unwrap().len(), 7);
    // The casus PDF a wijkteam brings: pseudonymised, centred on the pseudonym.
    let pdf = export(
        &dir,
        &db,
        &["--format", "pdf", "--ego", "fatima", "--pseudonymise"],
    );
    let text = text_of(&pdf);
    // The resident is "bewoner"; the others are named by their tie to her.
    assert!(text.contains("Netwerk van bewoner"), "{text}");
    assert!(
        text.contains("familie") && text.contains("professionals"),
        "sectors labelled: {text}"
    );
    for secret in SECRETS {
        assert!(!text.contains(secret), "'{secret}' leaked");
    }
}

#[test]
fn every_export_is_in_the_audit_log() {
    let dir = Dir::new();
    let db = casus(&dir);
    export(&dir, &db, &["--format", "png", "--pseudonymise"]);
    export(&dir, &db, &["--format", "csv"]);
    let store = Store::open(std::path::Path::new(&db), OpenMode::ReadOnly).unwrap();
    let exports: Vec<serde_json::Value> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "export")
        .map(|e| serde_json::from_str(&e.after.unwrap()).unwrap())
        .collect();
    assert_eq!(exports.len(), 2);
    assert_eq!(exports[0]["format"], "png");
    assert_eq!(exports[0]["pseudonymised"], true);
    assert_eq!(exports[0]["persons"], 5);
    assert_eq!(exports[1]["format"], "csv");
    assert_eq!(exports[1]["pseudonymised"], false);
}

fn golden_network() -> (Vec<Node>, Vec<Relation>, HashMap<wijkweb::NodeId, [f64; 2]>) {
    let mut nodes = Vec::new();
    let mut positions = HashMap::new();
    for (i, (id, kind, name)) in [
        ("a", NodeKind::Person, "Ans"),
        ("b", NodeKind::Person, "Bob & Co <b>"),
        ("o", NodeKind::Organisation, "Welzijn"),
        ("t", NodeKind::Initiative, "Taalcafe"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut n = Node::new(kind, name);
        n.id = id.into();
        n.tags = vec![["taal", "zorg"][i % 2].into()];
        positions.insert(
            wijkweb::NodeId::from(id),
            [i as f64 * 10.0, (i % 2) as f64 * 8.0],
        );
        nodes.push(n);
    }
    let mut weak = Relation::with_id("r1", "a", "b", RelationKind::Friend);
    weak.strength = wijkweb::Strength::WEAK;
    let relations = vec![
        weak,
        Relation::with_id("r2", "b", "t", RelationKind::VolunteersAt),
        Relation::with_id("r3", "o", "t", RelationKind::RefersTo),
    ];
    (nodes, relations, positions)
}

#[test]
fn the_svg_of_a_small_network_is_as_approved() {
    let (nodes, relations, positions) = golden_network();
    let options = PictureOptions {
        width: 800,
        height: 600,
        title: "Netwerk van de test".into(),
        subtitle: "wijk Test · 2026-01-01".into(),
        colour_by: ColourBy::Theme,
        groups: HashMap::new(),
        centre: Some("a".into()),
        physical: None,
        rings: None,
        words: wijkweb::words::Language::Dutch.words(),
    };
    let svg = picture::svg(&nodes, &relations, &positions, &options);
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/small.svg");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &svg).unwrap();
    }
    let approved = std::fs::read_to_string(golden)
        .expect("tests/golden/small.svg (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(
        svg, approved,
        "the drawing changed; look at it and run with UPDATE_GOLDEN=1 if it is right"
    );
    assert!(svg.contains("Bob &amp; Co &lt;b&gt;"), "names are escaped");
}

/// What a poppler tool says about a PDF.
fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let out = Command::new(tool)
        .arg(pdf)
        .output()
        .unwrap_or_else(|_| panic!("{tool} (poppler-utils) must be installed; .ci/run does"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PNG's width, height and pixels per metre (its pHYs chunk; none without one).
fn png_facts(bytes: &[u8]) -> (u32, u32, Option<(u32, u32, u8)>) {
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    let (w, h) = (word(16), word(20));
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = word(at) as usize;
        let kind = &bytes[at + 4..at + 8];
        if kind == b"pHYs" {
            return (w, h, Some((word(at + 8), word(at + 12), bytes[at + 16])));
        }
        if kind == b"IDAT" {
            break;
        }
        at += 12 + len;
    }
    (w, h, None)
}

#[test]
fn a_pdf_says_its_title_author_and_language_uses_the_bold_face_and_prints_on_a3_and_a0() {
    let dir = Dir::new();
    let db = casus(&dir);
    let pdf = export(
        &dir,
        &db,
        &["--format", "pdf", "--organisation", "Welzijn Vliet"],
    );
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("Title:           Netwerk van "), "{info}");
    assert!(info.contains("Author:          Welzijn Vliet"), "{info}");
    assert!(info.contains("Creator:         wijkweb"), "{info}");
    assert!(info.contains("CreationDate:"), "{info}");
    assert!(
        std::fs::read(&pdf)
            .unwrap()
            .windows(b"/Lang (nl-NL)".len())
            .any(|w| w == b"/Lang (nl-NL)"),
        "the document's language"
    );
    let fonts = poppler("pdffonts", &pdf);
    assert!(
        fonts.contains("DejaVuSans-Bold"),
        "the title is bold: {fonts}"
    );
    assert!(
        fonts
            .lines()
            .filter(|l| l.contains("DejaVuSans"))
            .all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    for (paper, size) in [
        ("a3", "1190.55 x 841.89 pts"),
        ("a0", "3370.39 x 2383.94 pts"),
    ] {
        let poster = export(&dir, &db, &["--format", "pdf", "--paper", paper]);
        let info = poppler("pdfinfo", &poster);
        assert!(info.contains(size), "{paper}: {info}");
        assert!(text_of(&poster).contains("Taalcafe De Brug"), "{paper}");
    }
    // The casus pack: titled as the pack, by its author and organisation, in English too.
    let pack = dir.path("pack.pdf");
    let out = run(
        &dir,
        &[
            "--lang",
            "en",
            "export",
            "--db",
            &db,
            "--ego",
            "fatima",
            "--casus",
            "--format",
            "pdf",
            "--author",
            "Sanne de Vries",
            "--organisation",
            "Welzijn Vliet",
            "--out",
            pack.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let info = poppler("pdfinfo", &pack);
    assert!(
        info.contains("Author:          Sanne de Vries, Welzijn Vliet"),
        "{info}"
    );
    assert!(
        info.contains("Title:           Network circle of "),
        "{info}"
    );
    assert!(
        !info.contains("Fatima"),
        "the pack is pseudonymised, its title too: {info}"
    );
    assert!(
        std::fs::read(&pack)
            .unwrap()
            .windows(b"/Lang (en-GB)".len())
            .any(|w| w == b"/Lang (en-GB)")
    );
}

#[test]
fn an_svg_has_a_title_and_a_sans_serif_fallback_and_a_png_its_resolution() {
    let dir = Dir::new();
    let db = casus(&dir);
    let svg = std::fs::read_to_string(export(&dir, &db, &["--format", "svg"])).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let title = root.first_element_child().unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert!(
        title.text().unwrap().starts_with("Netwerk van "),
        "{:?}",
        title.text()
    );
    let family = root.attribute("font-family").unwrap();
    assert!(
        family.starts_with("'DejaVu Sans'") && family.ends_with("sans-serif"),
        "{family}"
    );
    // On A3 paper the SVG has its physical size.
    let a3 =
        std::fs::read_to_string(export(&dir, &db, &["--format", "svg", "--paper", "a3"])).unwrap();
    assert!(a3.contains(r#"width="420mm" height="297mm""#));
    // PNG: 96 dpi as drawn; 300 dpi the same picture with 300/96 the pixels each way.
    let png = std::fs::read(export(&dir, &db, &["--format", "png"])).unwrap();
    assert_eq!(png_facts(&png), (1600, 1200, Some((3780, 3780, 1))));
    let print = std::fs::read(export(
        &dir,
        &db,
        &[
            "--format", "png", "--width", "800", "--height", "600", "--dpi", "300",
        ],
    ))
    .unwrap();
    assert_eq!(png_facts(&print), (2500, 1875, Some((11811, 11811, 1))));
    let decoded = resvg::tiny_skia::Pixmap::decode_png(&print).unwrap();
    assert!(
        decoded.pixels().iter().any(|p| p.red() != p.blue()),
        "drawn, in colour"
    );
    // Refused where they mean nothing, or would not fit in memory.
    for (args, said) in [
        (
            &["--format", "png", "--paper", "a3"][..],
            "--paper is for pdf and svg",
        ),
        (&["--format", "pdf", "--dpi", "300"][..], "--dpi is for png"),
        (&["--format", "png", "--dpi", "5000"][..], "must be 72-1200"),
        (
            &[
                "--format", "png", "--width", "20000", "--height", "20000", "--dpi", "300",
            ][..],
            "more than 100 million",
        ),
        (
            &["--format", "svg", "--organisation", "X"][..],
            "--organisation is a PDF's author",
        ),
    ] {
        let out_path = dir.path("refused.out");
        let mut all = vec!["export", "--db", &db, "--out", out_path.to_str().unwrap()];
        all.extend(args);
        let out = run(&dir, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
        assert!(!out_path.exists());
    }
}
