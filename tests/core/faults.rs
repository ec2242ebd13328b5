//! No lost data, whatever happens: kill -9 in the middle of writing (200 times), a damaged
//! file, a full disk, a second instance. Each test checks that every committed change
//! survives and that the file passes SQLite's integrity check.

use crate::util;

use std::process::{Command, Stdio};
use std::time::Duration;

use rusqlite::Connection;
use util::{Dir, small_db, snapshot_files, stderr, stdout};
use wijkweb::{OpenMode, Store};

fn integrity(db: &std::path::Path) -> String {
    let conn = Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// A snapshot of `n` persons `prefix-0..n` in a chain.
fn batch(prefix: &str, n: usize) -> String {
    let nodes: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"{prefix}-{i}","kind":"person","name":"Bewoner {prefix} {i}","notes":"{}"}}"#, "x".repeat(200)))
        .collect();
    let relations: Vec<String> = (1..n)
        .map(|i| {
            format!(
                r#"{{"id":"{prefix}-r{i}","source":"{prefix}-{}","target":"{prefix}-{i}"}}"#,
                i - 1
            )
        })
        .collect();
    format!(
        r#"{{"nodes":[{}],"relations":[{}]}}"#,
        nodes.join(",\n"),
        relations.join(",\n")
    )
}

#[test]
fn two_hundred_kills_in_the_middle_of_writing_lose_nothing_committed() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let binary = assert_cmd::cargo::cargo_bin("wijkweb");
    let mut rng = wijkweb::demo::SplitMix64::new(42);
    // Rounds alternate between one-node edits and 400-node imports.
    let mut committed = Vec::new();
    let mut attempted = Vec::new();
    for round in 0..200 {
        let prefix = format!("k{round}");
        let size = if round % 2 == 0 { 1 } else { 400 };
        let file = dir.write(&format!("{prefix}.json"), batch(&prefix, size));
        let mut child = Command::new(&binary)
            .args(["import", "--db"])
            .arg(&db)
            .arg(&file)
            .env("XDG_DATA_HOME", dir.path("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(60) as u64));
        let _already_gone = child.kill();
        let status = child.wait().unwrap();
        attempted.push((prefix.clone(), size));
        if status.success() {
            committed.push(prefix);
        }
    }
    assert_eq!(integrity(&db), "ok");
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let nodes = store.nodes().unwrap();
    for (prefix, size) in &attempted {
        let present = nodes
            .iter()
            .filter(|n| n.id.starts_with(&format!("{prefix}-")))
            .count();
        assert!(
            present == 0 || present == *size,
            "{prefix}: half an import ({present} of {size})"
        );
        if committed.contains(prefix) {
            assert_eq!(present, *size, "{prefix} was committed and is gone");
        }
    }
    let killed = attempted.len() - committed.len();
    assert!(
        killed >= 50,
        "only {killed} of 200 runs were killed before they finished"
    );
    // The original wijk is whole, and the database still takes writes.
    assert_eq!(store.node("anja").unwrap().unwrap().name, "Anja Bakker");
    drop(store);
    let last = dir.write("last.json", batch("last", 3));
    let out = util::import(&dir, &db, &[&last]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_damaged_file_is_never_written_and_the_newest_backup_comes_back() {
    let dir = Dir::new();
    let db = small_db(&dir);
    dir.wijkweb("backup").db(&db).ok();
    // Damage the header of the second page (a b-tree page).
    let mut bytes = std::fs::read(&db).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for b in &mut bytes[page..page + 8] {
        *b ^= 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let before = snapshot_files(&db);
    let json = dir.write("more.json", batch("more", 5));
    let out = util::import(&dir, &db, &[&json]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("damaged") && message.contains("wijkweb restore"),
        "{message}"
    );
    assert_eq!(snapshot_files(&db), before, "a damaged file was written to");
    let out = dir.wijkweb("restore").db(&db).ok();
    assert!(stdout(&out).contains("kept as"), "{}", stdout(&out));
    assert_eq!(integrity(&db), "ok");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert_eq!(store.stats().unwrap().nodes, 4);
    assert_eq!(
        store.schema_version().unwrap(),
        wijkweb::store::schema::current_version()
    );
}

// Unix: limits set with ulimit, through sh.
#[cfg(unix)]
#[test]
fn a_full_disk_rolls_the_import_back_with_a_clear_message() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = snapshot_files(&db);
    let json = dir.write("big.json", batch("big", 3000));
    // Files may grow to 64 KiB; SIGXFSZ is ignored so the write fails as on a full disk.
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 64; exec "$0" import --db "$1" "$2""#)
        .arg(assert_cmd::cargo::cargo_bin("wijkweb"))
        .arg(&db)
        .arg(&json)
        .env("XDG_DATA_HOME", dir.path("data"))
        .output()
        .unwrap();
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("disk"), "{message}");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(snapshot_files(&db).0, before.0, "the database changed");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert_eq!(
        store.stats().unwrap().nodes,
        4,
        "nothing of the failed import stayed"
    );
}

#[test]
fn a_second_instance_cannot_write_but_can_read() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let first = Store::open(&db, OpenMode::Existing).unwrap();
    let before = std::fs::read(&db).unwrap();
    let json = dir.write("more.json", batch("more", 2));
    let out = util::import(&dir, &db, &[&json]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("open in another wijkweb"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let out = dir.wijkweb("stats").db(&db).run();
    assert!(
        out.status.success(),
        "reading still works: {}",
        stderr(&out)
    );
    drop(first);
    let out = util::import(&dir, &db, &[&json]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn backups_rotate_and_verify() {
    let dir = Dir::new();
    let db = small_db(&dir);
    for _ in 0..13 {
        dir.wijkweb("backup").db(&db).ok();
    }
    let backups = wijkweb::store::backup::list(&db);
    assert_eq!(
        backups.len(),
        wijkweb::store::backup::KEEP_LAST,
        "kept the last 10"
    );
    assert!(
        backups
            .iter()
            .all(|b| wijkweb::store::backup::verify(&b.path, None))
    );
    let copy = Store::open(&backups[0].path, OpenMode::ReadOnly).unwrap();
    assert_eq!(copy.stats().unwrap().nodes, 4);
    assert!(
        !wijkweb::store::backup::due(&db),
        "a fresh backup is not due again"
    );
}

#[test]
fn rotation_keeps_the_last_ten_and_one_a_week_for_eight_weeks() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let out = dir.wijkweb("backup").db(&db).run();
    assert!(out.status.success());
    let source = wijkweb::store::backup::list(&db)[0].path.clone();
    let folder = wijkweb::store::backup::folder(&db);
    let now = jiff::Timestamp::now();
    // Two backups a day for the last 12 weeks.
    for hours in (12..12 * 7 * 24).step_by(12) {
        let time = now - jiff::SignedDuration::from_hours(hours);
        let name = format!("backup-{}.sqlite", time.strftime("%Y%m%dT%H%M%S%.3fZ"));
        std::fs::copy(&source, folder.join(name)).unwrap();
    }
    wijkweb::store::backup::rotate(&db);
    let kept = wijkweb::store::backup::list(&db);
    let age_weeks =
        |b: &wijkweb::store::backup::Backup| now.duration_since(b.time).as_hours() / (7 * 24);
    // The 10 newest, plus one for each older week up to 8 weeks back.
    assert!(
        kept.len() >= 10 + 6 && kept.len() <= 10 + 8,
        "{} kept",
        kept.len()
    );
    assert!(
        kept.iter().all(|b| age_weeks(b) < 8 + 1),
        "a backup older than 8 weeks was kept"
    );
    for week in 1..8 {
        assert!(
            kept.iter().any(|b| age_weeks(b) == week),
            "no backup of week {week}"
        );
    }
}

mod hostile {
    //! Hostile and broken input, generated: the importers never panic, and an import either
    //! applies whole or not at all. (Coverage-guided fuzzing with `cargo fuzz` needs a
    //! nightly toolchain, which this project's machines do not have; these properties run
    //! on stable in every test run instead.)

    use proptest::prelude::*;
    use wijkweb::exchange::{csv, graphml, json};
    use wijkweb::records::ImportBatch;
    use wijkweb::{OpenMode, Store};

    const SEEDS: [(&str, &str); 3] = [
        (
            "seed.json",
            r#"{"nodes":[{"id":"a","kind":"person","name":"A"},{"id":"b","kind":"initiative","name":"B","offers":["taal"]}],"relations":[{"source":"a","target":"b","kind":"volunteers_at","strength":3,"since":"2020-01-01"}]}"#,
        ),
        (
            "seed.csv",
            "id;soort;naam;notities\r\na;persoon;A;\"x;y\r\nz\"\r\nb;initiatief;B;\r\n",
        ),
        (
            "seed.graphml",
            r#"<graphml><key id="k" for="node" attr.name="name"/><graph><node id="a"><data key="k">A</data></node><node id="b"/><edge source="a" target="b"/></graph></graphml>"#,
        ),
    ];

    fn read(name: &str, bytes: &[u8]) -> Result<ImportBatch, wijkweb::InputError> {
        let mut batch = ImportBatch::default();
        match name.rsplit('.').next() {
            Some("json") => json::read(name, bytes, &mut batch)?,
            Some("csv") => csv::read(name, bytes, &mut batch)?,
            _ => graphml::read(name, bytes, &Default::default(), &mut batch)?,
        }
        Ok(batch)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn mutated_input_never_panics_and_never_half_applies(
            which in 0usize..3,
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12),
        ) {
            let (name, seed) = SEEDS[which];
            let mut bytes = seed.as_bytes().to_vec();
            for (at, byte, op) in edits {
                let len = bytes.len();
                let i = at.index(len.max(1));
                match op {
                    0 if len > 0 => bytes[i.min(len - 1)] = byte,
                    1 => bytes.insert(i.min(len), byte),
                    _ if len > 0 => { bytes.remove(i.min(len - 1)); }
                    _ => {}
                }
            }
            let Ok(batch) = read(name, &bytes) else { return Ok(()) };
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("w.db"), OpenMode::CreateIfMissing).unwrap();
            let mut first = ImportBatch::default();
            json::read("base.json", br#"{"nodes":[{"id":"base","kind":"person","name":"Basis"}]}"#, &mut first).unwrap();
            store.import(first).unwrap();
            let before = store.load().unwrap();
            let (nodes, relations) = (batch.nodes.len(), batch.relations.len());
            match store.import(batch) {
                Ok(report) => {
                    prop_assert_eq!((report.nodes_added + report.nodes_updated) as usize, nodes);
                    prop_assert_eq!((report.relations_added + report.relations_updated) as usize, relations);
                }
                Err(_) => prop_assert_eq!(store.load().unwrap(), before, "a failed import changed the wijk"),
            }
        }
    }
}
