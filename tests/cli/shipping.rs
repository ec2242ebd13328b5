//! What installing and starting wijkweb on her laptop relies on: `wijkweb FILE` (what a
//! double-click passes), the message when no window can open, and the support log that
//! holds no personal data.

use crate::util;

use std::path::Path;

use util::{Dir, stderr, stdout, wijkweb};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-wijk.wijkweb.json");

#[test]
fn wijkweb_file_opens_a_wijk_given_as_its_only_argument() {
    let dir = Dir::new();
    let db = dir.path("Merelbuurt.wijk");
    dir.wijkweb("import").db(&db).arg(DEMO).ok();
    // Without a desktop the wijk's summary, as `wijkweb --db FILE` gives it.
    let out = wijkweb(dir.dir.path()).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("nodes: 250"), "{text}");
    assert!(text.contains("Merelbuurt.wijk"), "{text}");
    // A wijk without a wijk's extension is known by its bytes.
    let renamed = dir.path("kopie");
    std::fs::copy(&db, &renamed).unwrap();
    let out = wijkweb(dir.dir.path()).arg(&renamed).output().unwrap();
    assert!(stdout(&out).contains("nodes: 250"), "{}", stderr(&out));
}

#[test]
fn wijkweb_file_with_a_snapshot_says_how_to_import_it_and_makes_no_wijk() {
    let dir = Dir::new();
    let out = wijkweb(dir.dir.path()).arg(DEMO).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a wijk but a file to import"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("wijkweb import --db WIJK"));
    assert!(!dir.path("data/wijkweb/wijk.sqlite").exists());
}

#[test]
fn a_file_and_a_command_or_a_file_and_db_are_refused_with_what_to_write() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    dir.wijkweb("import").db(&db).arg(DEMO).ok();
    let out = wijkweb(dir.dir.path())
        .arg(&db)
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--db"), "{}", stderr(&out));
    let out = wijkweb(dir.dir.path())
        .arg(&db)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not both"), "{}", stderr(&out));
    // A command with --db before it still reads as a command.
    let out = wijkweb(dir.dir.path())
        .arg("--db")
        .arg(&db)
        .arg("stats")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("nodes: 250"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_fifo_given_as_the_file_is_not_waited_on() {
    {
        let dir = Dir::new();
        let fifo = dir.path("pijp.wijkweb.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Killed after 20 s if it waits (a killed run has no exit code 1).
        let out = wijkweb(dir.dir.path())
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
}

#[test]
fn when_no_window_can_open_she_reads_why_and_what_to_do_in_dutch_and_it_exits_1() {
    let dir = Dir::new();
    let db = dir.path("w.wijk");
    dir.wijkweb("import").db(&db).arg(DEMO).ok();
    let before = std::fs::read(&db).unwrap();
    // A display that is not there: the window cannot open (as with no OpenGL 2 over a
    // remote desktop, which the package check forces under Xvfb).
    let out = wijkweb(dir.dir.path())
        .env("DISPLAY", ":97")
        .arg(&db)
        .output()
        .unwrap();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("wijkweb kan zijn venster niet openen"),
        "{said}"
    );
    assert!(said.contains("Wat u kunt doen"), "{said}");
    assert!(said.contains("docs/IT.md"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the wijk is untouched");
    let log = log_text(dir.dir.path());
    assert!(log.contains("no window"), "{log}");
}

/// Everything the support log files in `home`'s data folder hold.
fn log_text(home: &Path) -> String {
    let dir = home.join("data/wijkweb/logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn the_support_log_says_what_ran_and_failed_but_holds_no_name_note_or_path() {
    let dir = Dir::new();
    // A wijk and files named after a resident, as they often are.
    let db = dir.path("casus-janssen.wijk");
    dir.wijkweb("import").db(&db).arg(DEMO).ok();
    let broken = dir.write("naima-el-idrissi.csv", "id;naam\nx;Fatima Bouzid\n\"kapot");
    let out = dir.wijkweb("import").db(&db).arg(&broken).run();
    assert_eq!(out.status.code(), Some(1));
    dir.wijkweb("kenners").db(&db).ok();
    dir.wijkweb("path")
        .db(&db)
        .args(["--from", "Naima El Idrissi", "--offers", "taal"])
        .run();
    dir.wijkweb("export")
        .db(&db)
        .args(["--format", "graphml"])
        .out(dir.path("export-janssen.graphml"))
        .ok();
    let log = log_text(dir.dir.path());
    assert!(log.contains("command=\"import\""), "{log}");
    assert!(log.contains("command=\"kenners\""), "{log}");
    assert!(log.contains("command failed"), "{log}");
    let store = wijkweb::Store::open(&db, wijkweb::OpenMode::ReadOnly).unwrap();
    let mut secrets: Vec<String> = vec![
        "janssen".into(),
        "idrissi".into(),
        "Bouzid".into(),
        dir.dir.path().display().to_string(),
    ];
    for node in store.nodes().unwrap() {
        secrets.push(node.name.clone());
        secrets.extend(node.notes.clone().filter(|n| n.len() > 3));
    }
    let lower = log.to_lowercase();
    for secret in &secrets {
        assert!(
            !lower.contains(&secret.to_lowercase()),
            "the log holds {secret:?}: {log}"
        );
    }
}
