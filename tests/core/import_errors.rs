//! Every bad input of the foundation issue, through the binary: a clear message naming the
//! file, line and field, exit code 1, and the database byte-for-byte as it was.

use crate::util;

use util::{Dir, run, small_db, snapshot_files, stderr};

/// Imports `files` (name, contents) into a database holding the small wijk and checks the
/// refusal: exit code 1, every `expected` fragment in the message, the database unchanged.
fn refused(files: &[(&str, &[u8])], expected: &[&str]) {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = snapshot_files(&db);
    let mut args = vec!["import".to_owned(), "--db".into(), db.display().to_string()];
    for (name, contents) in files {
        args.push(dir.write(name, contents).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&dir, &args);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr: {message}");
    for fragment in expected {
        assert!(
            message.contains(fragment),
            "message lacks {fragment:?}: {message}"
        );
    }
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(snapshot_files(&db), before, "the database changed");
}

const NODES_HEAD: &str = "id,kind,name,wijk,role\n";

#[test]
fn csv_duplicate_id_is_refused_with_both_lines() {
    refused(
        &[(
            "nodes.csv",
            format!("{NODES_HEAD}a,person,Ann,,\nb,person,Bob,,\na,person,Ann again,,\n")
                .as_bytes(),
        )],
        &[
            "nodes.csv, line 4, field 'id'",
            "duplicate id 'a'",
            "nodes.csv, line 2)",
        ],
    );
}

#[test]
fn csv_duplicate_of_an_id_in_another_file_is_refused() {
    refused(
        &[
            ("nodes.csv", b"id,name\nx,Xandra\n"),
            ("more.csv", b"id,name\ny,Yara\nx,Xandra 2\n"),
        ],
        &[
            "more.csv, line 3, field 'id'",
            "duplicate id 'x'",
            "nodes.csv, line 2)",
        ],
    );
}

#[test]
fn csv_relation_to_unknown_id_is_refused_and_names_the_line() {
    refused(
        &[
            ("nodes.csv", b"id,name\nx,Xandra\n"),
            (
                "relations.csv",
                b"source,target,kind\nx,anja,knows\nx,nobody,knows\n",
            ),
        ],
        &[
            "relations.csv, line 3, field 'target'",
            "unknown node id 'nobody'",
        ],
    );
}

#[test]
fn csv_relation_from_a_node_to_itself_is_refused() {
    refused(
        &[("relations.csv", b"source;target;kind\r\nanja;anja;kent\r\n")],
        &["relations.csv, line 2, field 'target'", "to itself"],
    );
}

#[test]
fn csv_unknown_node_kind_is_refused() {
    refused(
        &[(
            "nodes.csv",
            b"id;soort;naam\r\nq;persoon;Q\r\nz;buurman;Zoe\r\n",
        )],
        &[
            "nodes.csv, line 3, field 'kind'",
            "unknown node kind 'buurman'",
        ],
    );
}

#[test]
fn csv_unknown_relation_kind_is_refused() {
    refused(
        &[("relations.csv", b"source,target,kind\nanja,fatima,vijand\n")],
        &[
            "relations.csv, line 2, field 'kind'",
            "unknown relation kind 'vijand'",
            "lid van",
        ],
    );
}

#[test]
fn csv_strength_outside_one_to_three_is_refused() {
    refused(
        &[(
            "relations.csv",
            b"source,target,strength\nanja,fatima,2\nanja,welzijn,4\n",
        )],
        &[
            "relations.csv, line 3, field 'strength'",
            "strength 4 is outside 1-3",
        ],
    );
    refused(
        &[(
            "relations.csv",
            b"source,target,strength\nanja,welzijn,heel erg\n",
        )],
        &[
            "line 2, field 'strength'",
            "'heel erg' is not 1-3 or a word for it",
        ],
    );
}

#[test]
fn csv_empty_name_is_refused() {
    refused(
        &[("nodes.csv", b"id,name\nok,Okke\nblank,   \n")],
        &["nodes.csv, line 3, field 'name'", "empty name"],
    );
}

#[test]
fn csv_date_that_is_not_a_date_is_refused() {
    refused(
        &[(
            "relations.csv",
            b"source,target,since\nanja,welzijn,31-02-2024\n",
        )],
        &[
            "relations.csv, line 2, field 'since'",
            "'31-02-2024' is not a date",
        ],
    );
}

#[test]
fn csv_line_with_too_many_fields_is_refused() {
    refused(
        &[("nodes.csv", b"id,name\nc,Cafe, De Buurt\n")],
        &["nodes.csv, line 2", "3 fields, the header has 2"],
    );
}

#[test]
fn csv_unknown_column_is_refused_not_dropped() {
    refused(
        &[("nodes.csv", b"id,name,telefoon\nc,Cor,0612345678\n")],
        &[
            "nodes.csv, line 1, field 'telefoon'",
            "unknown column 'telefoon'",
        ],
    );
}

#[test]
fn csv_missing_required_column_is_refused() {
    refused(
        &[("nodes.csv", b"id,kind\nc,person\n")],
        &[
            "nodes.csv, line 1, field 'name'",
            "required column 'name' is missing",
        ],
    );
}

#[test]
fn empty_file_is_refused() {
    refused(&[("nodes.csv", b"")], &["nodes.csv", "the file is empty"]);
    refused(
        &[("wijk.json", b"  \n")],
        &["wijk.json", "the file is empty"],
    );
    refused(
        &[("bom.csv", b"\xEF\xBB\xBF")],
        &["bom.csv", "the file is empty"],
    );
}

#[test]
fn file_that_is_not_csv_or_json_is_refused() {
    // A PNG header: binary.
    refused(
        &[("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")],
        &["photo.csv", "not a text file"],
    );
    // Prose: no known columns.
    refused(
        &[(
            "notes.txt",
            b"Boodschappenlijst: melk, brood en kaas\nen eieren\n",
        )],
        &["notes.txt, line 1", "not a wijkweb CSV file"],
    );
    // JSON of another kind.
    refused(
        &[(
            "other.json",
            br#"{"type":"FeatureCollection","features":[]}"#,
        )],
        &["other.json, line 1", "not a wijkweb JSON snapshot"],
    );
    refused(
        &[("list.json", b"[1, 2, 3]")],
        &["list.json", "not a wijkweb JSON snapshot"],
    );
}

#[test]
fn json_syntax_error_names_the_line() {
    refused(
        &[("broken.json", b"{\"nodes\":[\n{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"},\n{\"id\":\"b\",,}\n]}")],
        &["broken.json, line 3", "not valid JSON"],
    );
}

#[test]
fn json_errors_name_line_and_field() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"nodes":[{"id":"a","kind":"person","name":"A"},{"id":"a","kind":"person","name":"B"}]}"#,
            &["line 1, field 'id'", "duplicate id 'a'"],
        ),
        (
            "{\"nodes\":[\n{\"id\":\"n1\",\"kind\":\"persoon\",\"name\":\"N\"}\n],\"relations\":[\n{\"source\":\"n1\",\"target\":\"ghost\"}\n]}",
            &["line 4, field 'target'", "unknown node id 'ghost'"],
        ),
        (
            r#"{"relations":[{"source":"anja","target":"anja"}]}"#,
            &["field 'target'", "to itself"],
        ),
        (
            "{\"nodes\":[\n{\"id\":\"n\",\n \"kind\":\"club\",\n \"name\":\"N\"}]}",
            &["line 3, field 'kind'", "unknown node kind 'club'"],
        ),
        (
            "{\"relations\":[\n{\"source\":\"anja\",\"target\":\"fatima\",\"strength\":0}]}",
            &["line 2, field 'strength'", "strength 0 is outside 1-3"],
        ),
        (
            "{\"relations\":[\n{\"source\":\"anja\",\"target\":\"fatima\",\"strength\":\"hoog\"}]}",
            &["line 2, field 'strength'", "invalid type"],
        ),
        (
            r#"{"nodes":[{"id":"e","kind":"person","name":""}]}"#,
            &["line 1, field 'name'", "empty name"],
        ),
        (
            r#"{"nodes":[{"id":"e","kind":"person"}]}"#,
            &["line 1, field 'name'", "empty name"],
        ),
        (
            "{\"relations\":[\n{\"source\":\"anja\",\"target\":\"fatima\",\n\"until\":\"gisteren\"}]}",
            &["line 3, field 'until'", "'gisteren' is not a date"],
        ),
        (
            r#"{"nodes":[{"id":"e","kind":"person","name":"E","nmae":"typo"}]}"#,
            &["line 1", "unknown field `nmae`"],
        ),
        (
            r#"{"format":"wijkweb","version":7,"nodes":[]}"#,
            &["field 'version'", "newer wijkweb"],
        ),
    ];
    for (json, expected) in cases {
        let mut expected = expected.to_vec();
        expected.push("case.json");
        refused(&[("case.json", json.as_bytes())], &expected);
    }
}

#[test]
fn error_in_the_second_file_writes_nothing_of_the_first() {
    refused(
        &[
            ("nodes.csv", b"id,name\nnew1,Nieuw Een\nnew2,Nieuw Twee\n"),
            ("relations.csv", b"source,target\nnew1,new2\nnew1,missing\n"),
        ],
        &["relations.csv, line 3", "unknown node id 'missing'"],
    );
}

// Unix: limits set with ulimit, through sh.
#[cfg(unix)]
#[test]
fn fifty_megabytes_of_garbage_get_a_short_error_in_bounded_memory() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = snapshot_files(&db);
    // Printable garbage with no separators, no NUL and few newlines: the worst case for the
    // CSV header scan.
    let mut garbage = Vec::with_capacity(50 << 20);
    let mut x: u32 = 12345;
    while garbage.len() < 50 << 20 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let b = b'A' + (x % 26) as u8;
        garbage.push(if x.is_multiple_of(5_000_000) {
            b'\n'
        } else {
            b
        });
    }
    for name in ["garbage.csv", "garbage.json"] {
        let path = dir.write(name, &garbage);
        // The process may use at most 1 GiB of address space: 20x the file.
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1048576; exec \"$0\" import --db \"$1\" \"$2\"")
            .arg(assert_cmd::cargo::cargo_bin("wijkweb"))
            .arg(&db)
            .arg(&path)
            .env("XDG_DATA_HOME", dir.path("data"))
            .output()
            .expect("run");
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {message}");
        assert!(message.contains(name), "{message}");
        assert!(message.len() < 1000, "message of {} bytes", message.len());
        assert_eq!(snapshot_files(&db), before);
    }
}

#[test]
fn an_american_date_3_1_2024_is_refused_not_read_as_3_january_unless_the_order_is_given() {
    let sheet = "id,name,since,follow_up\nkarin,Karin Smit,13/1/2024,\njoop,Joop Kok,3/1/2024,\n";
    refused(
        &[("bewoners.csv", sheet.as_bytes())],
        &[
            "bewoners.csv, line 3, field 'since'",
            "'3/1/2024' can be read two ways",
            "--date-order dmy or mdy",
        ],
    );
    for order in ["dmy", "mdy"] {
        let dir = Dir::new();
        let db = dir.path("w.wijk");
        let file = dir.write("bewoners.csv", sheet);
        let args = [
            "import",
            "--db",
            db.to_str().unwrap(),
            "--date-order",
            order,
            file.to_str().unwrap(),
        ];
        let out = run(&dir, &args);
        if order == "mdy" {
            // 13/1/2024 has no thirteenth month: month first, the file is not one.
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("'13/1/2024' is not a date"),
                "{}",
                stderr(&out)
            );
            continue;
        }
        assert!(out.status.success(), "{}", stderr(&out));
        let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
        let since = |id: &str| store.node(id).unwrap().unwrap().since.unwrap().to_string();
        assert_eq!(since("joop"), "2024-01-03");
        assert_eq!(since("karin"), "2024-01-13");
    }
    // Month first, where the file is written so.
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let file = dir.write(
        "us.csv",
        "id,name,since\njoop,Joop Kok,3/1/2024\nann,Ann,1/13/2024\n",
    );
    let out = run(
        &dir,
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--date-order",
            "mdy",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
    let since = |id: &str| store.node(id).unwrap().unwrap().since.unwrap().to_string();
    assert_eq!(since("joop"), "2024-03-01");
    assert_eq!(since("ann"), "2024-01-13");
}

#[test]
fn a_sheet_with_her_own_column_names_reads_once_she_says_what_they_are() {
    let sheet = "Naam;Telefoon;Leeftijd\nJoop Kok;06-12345678;81\n";
    refused(
        &[("lijst.csv", sheet.as_bytes())],
        &[
            "lijst.csv, line 1, field 'telefoon'",
            "unknown column 'telefoon'",
        ],
    );
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    let file = dir.write("lijst.csv", sheet);
    let out = run(
        &dir,
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--column",
            "Telefoon=contact",
            "--column",
            "Leeftijd=",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
    let nodes = store.nodes().unwrap();
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0].contact.as_deref(), Some("06-12345678"));
    let bad = run(
        &dir,
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--column",
            "Telefoon=telefoonnummer",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("'telefoonnummer' is no field"),
        "{}",
        stderr(&bad)
    );
}

/// The nodes of a snapshot are read on every core: of two bad ones, the message still
/// names the first in the file, whichever thread met its error first.
#[test]
fn json_with_two_bad_nodes_names_the_first_of_thousands() {
    let mut text = String::from("{\"nodes\":[\n");
    for i in 0..6_000 {
        let kind = match i {
            3_001 => "club",
            5_500 => "vereniging",
            _ => "person",
        };
        let comma = if i == 0 { "" } else { ",\n" };
        text.push_str(&format!(
            "{comma}{{\"id\":\"n{i}\",\"kind\":\"{kind}\",\"name\":\"Bewoner {i}\"}}"
        ));
    }
    text.push_str("\n]}");
    refused(
        &[("veel.json", text.as_bytes())],
        &[
            "veel.json, line 3003, field 'kind'",
            "unknown node kind 'club'",
        ],
    );
}
