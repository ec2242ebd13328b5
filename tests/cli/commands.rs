//! The command line as users and scripts call it: first run, stats JSON, exit codes,
//! export and import through the binary.

use crate::util;

use util::{Dir, run, small_db, stderr, stdout};

#[test]
fn first_run_creates_the_demo_wijk_in_the_data_folder_and_says_so() {
    let dir = Dir::new();
    let out = run(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("created a demo wijk"), "{text}");
    let db = dir.path("data/wijkweb/wijk.sqlite");
    assert!(db.exists());
    assert!(text.contains(&db.display().to_string()), "{text}");
    // The second run opens it and does not say it again.
    let out = run(&dir, &[]);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("created a demo wijk"));
    // Subcommands without --db use the same database.
    let out = dir.wijkweb("stats").arg("--json").run();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(stats["nodes"].as_u64().unwrap() >= 150);
}

#[test]
fn stats_json_has_the_documented_fields() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let out = dir.wijkweb("stats").db(&db).arg("--json").run();
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stats,
        serde_json::json!({"nodes": 4, "relations": 3, "persons": 2, "organisations": 1, "initiatives": 1})
    );
}

#[test]
fn check_reports_integrity_schema_and_counts() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let out = dir.wijkweb("check").db(&db).ok();
    let text = stdout(&out);
    for fragment in [
        "integrity: ok",
        &format!(
            "schema version: {}",
            wijkweb::store::schema::current_version()
        ),
        "nodes: 4",
        "relations: 3",
    ] {
        assert!(text.contains(fragment), "{text}");
    }
}

#[test]
fn a_usage_error_exits_with_one_and_help_with_zero() {
    let dir = Dir::new();
    let out = dir
        .wijkweb("export")
        .arg("--format")
        .arg("docx")
        .arg("--out")
        .arg("x")
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("docx"));
    let out = dir.wijkweb("--help").run();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("import"));
}

#[test]
fn import_reports_added_and_updated() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let json = dir.write("again.json", util::SMALL_WIJK);
    let out = dir.wijkweb("import").db(&db).arg(&json).arg("--json").ok();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        // The same file again: nothing changed, so nothing is written.
        serde_json::json!({
            "nodes_added": 0, "nodes_updated": 0, "nodes_unchanged": 4,
            "relations_added": 0, "relations_updated": 0, "relations_unchanged": 3
        })
    );
}

#[test]
fn export_then_import_through_the_binary_gives_the_same_snapshot() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let first = dir.path("first.wijkweb.json");
    dir.wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("json")
        .out(&first)
        .ok();
    let copy = dir.path("copy.db");
    let out = util::import(&dir, &copy, &[&first]);
    assert!(out.status.success(), "{}", stderr(&out));
    let second = dir.path("second.wijkweb.json");
    dir.wijkweb("export")
        .db(&copy)
        .arg("--format")
        .arg("json")
        .out(&second)
        .run();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // The export is in the audit log.
    let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
    let log = store.audit_log().unwrap();
    let export = log.iter().find(|e| e.action == "export").unwrap();
    assert!(
        export
            .after
            .as_deref()
            .unwrap()
            .contains("\"format\":\"json\"")
    );
}

#[test]
fn csv_export_writes_the_pair_into_a_folder() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let out_dir = dir.path("csv");
    dir.wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("csv")
        .out(&out_dir)
        .ok();
    let nodes = std::fs::read_to_string(out_dir.join("nodes.csv")).unwrap();
    assert!(
        nodes.starts_with(
            "id,kind,name,wijk,role,tags,offers,needs,contact,notes,sensitive,since,until,until_reason,last_contact,follow_up,follow_up_note\n"
        )
    );
    assert!(nodes.contains("taalcafe,initiative,Taalcafe De Brug,,,,taal,,,"));
    let relations = std::fs::read_to_string(out_dir.join("relations.csv")).unwrap();
    assert!(relations.contains(&format!(
        "taalcafe,welzijn,partners_with,1,,2024-12-31,subsidie gestopt,neutral,,,{},,r3",
        wijkweb::model::today()
    )));
}

#[test]
fn export_to_out_dash_writes_to_standard_output_not_a_file_called_dash() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let file = dir.path("wijk.wijkweb.json");
    dir.wijkweb("export")
        .db(&db)
        .arg("--format")
        .arg("json")
        .out(&file)
        .ok();
    let out = dir
        .wijkweb("export")
        .db(&db)
        .args(["--format", "json", "--out", "-"])
        .ok();
    assert!(
        !dir.path("-").exists(),
        "a file called '-' was written into the working folder"
    );
    assert_eq!(out.stdout, std::fs::read(&file).unwrap());
    assert!(
        stderr(&out).contains("to standard output"),
        "{}",
        stderr(&out)
    );
    // A picture's bytes come through untouched (control characters are not made visible).
    let png = dir
        .wijkweb("export")
        .db(&db)
        .args(["--format", "png", "--out", "-"])
        .ok();
    assert!(png.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(image_size(&png.stdout).is_some_and(|(w, h)| w == 1600 && h == 1200));
    // The audit log names standard output, not a scratch file that is gone.
    let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
    let log = store.audit_log().unwrap();
    let last = log.iter().rev().find(|e| e.action == "export").unwrap();
    assert!(
        last.after.as_deref().unwrap().contains("\"out\":\"-\""),
        "{:?}",
        last.after
    );
    // CSV is two files: refused with what to do, and nothing written.
    let csv = dir
        .wijkweb("export")
        .db(&db)
        .args(["--format", "csv", "--out", "-"])
        .run();
    assert_eq!(csv.status.code(), Some(1));
    assert!(stderr(&csv).contains("give a folder"), "{}", stderr(&csv));
    assert!(csv.stdout.is_empty() && !dir.path("-").exists());
}

/// Width and height from a PNG's IHDR chunk.
fn image_size(png: &[u8]) -> Option<(u32, u32)> {
    let word = |at: usize| Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

#[test]
fn import_json_names_each_row_of_a_name_that_is_on_two_rows() {
    let dir = Dir::new();
    let file = dir.write("dup.csv", "naam\nJoop Kok\nJoop Kok\n");
    let db = dir.path("d.wijk");
    let out = run(
        &dir,
        &[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--json",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let places = &report["duplicate_names"][0]["places"];
    assert_eq!(report["duplicate_names"][0]["name"], "Joop Kok");
    let places: Vec<&str> = places
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(places.len(), 2);
    assert!(places[0].ends_with("dup.csv, line 2") && places[1].ends_with("dup.csv, line 3"));
}
