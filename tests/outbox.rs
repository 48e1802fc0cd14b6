//! The outbox (issue 13 part 5, issue 12 "Locks"), on the real binary: a
//! write the database can't take now (another program holds the write
//! lock) is saved offline as a private file, exit 0; `leertuin sync` sends
//! it, exactly once however often it is sent; a write the database refuses
//! by then moves to `refused/` with its reason.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::Sandbox;

fn outbox(s: &Sandbox) -> PathBuf {
    s.path().join("home/.local/state/leertuin/outbox")
}

/// The entry files waiting in the outbox (not `refused/`).
fn entries(s: &Sandbox) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(outbox(s))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    files
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Another connection holding the write lock, as a long write would.
fn lock(s: &Sandbox) -> rusqlite::Connection {
    let lock = s.sql();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    lock
}

/// What the database holds, as `export` says it.
fn json(s: &Sandbox) -> serde_json::Value {
    serde_json::from_str(&s.export()).unwrap()
}

#[test]
fn writes_on_a_locked_database_are_saved_offline_and_sent_exactly_once() {
    let s = Sandbox::new();
    // Bob asks and shares: backing and votes are for colleagues' posts.
    for add in [
        ["add", "question", "How do I read a core dump?"],
        ["add", "tip", "Bob's tip"],
    ] {
        let out = s.cmd_as("bob").args(add).output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }

    let lock = lock(&s);
    let writes: [&[&str]; 4] = [
        &["add", "tip", "Ctrl-R searches your history", "-t", "bash"],
        &["answer", "q1", "Open it with gdb"],
        &["back", "q1", "--minutes", "30"],
        &["vote", "t1"],
    ];
    for args in writes {
        let out = s.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("saved offline, will be sent"),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        // No id, no "answered": nothing is stored yet.
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
    // In Dutch too.
    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["back", "q1", "me-too"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text(&out.stderr).contains("offline bewaard"), "{out:?}");

    let files = entries(&s);
    assert_eq!(files.len(), 5, "{files:?}");
    assert_eq!(mode(&outbox(&s)), 0o700);
    for f in &files {
        assert_eq!(mode(f), 0o600, "{f:?}");
    }
    let before = json(&s);
    assert_eq!(before["tips"].as_array().unwrap().len(), 1);

    // A crash after the commit, before the file was removed, is simulated
    // by putting a sent file back.
    let first = fs::read(&files[0]).unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    let said = s.ok(&["sync"]);
    assert!(
        said.contains("5 sent, 0 still waiting, 0 refused"),
        "{said}"
    );
    assert!(entries(&s).is_empty());
    let after = json(&s);
    let tips = after["tips"].as_array().unwrap();
    assert_eq!(tips.len(), 2, "{tips:?}");
    let q = &after["questions"][0];
    assert_eq!(q["answers"].as_array().unwrap().len(), 1, "{q}");
    assert_eq!(q["answers"][0]["body"], "Open it with gdb");
    let backings = q["backings"].as_array().unwrap();
    assert_eq!(backings.len(), 2, "{backings:?}");
    let bobs = tips.iter().find(|t| t["author"] == "bob").unwrap();
    assert_eq!(bobs["votes"].as_array().unwrap().len(), 1, "{bobs}");

    fs::write(&files[0], &first).unwrap();
    let said = s.ok(&["sync"]);
    assert!(said.contains("1 sent"), "{said}");
    assert_eq!(json(&s), after, "a second send changed something");
    let said = s.ok(&["sync"]);
    assert!(
        said.contains("0 sent, 0 still waiting, 0 refused"),
        "{said}"
    );
    assert_eq!(json(&s), after);
}

#[test]
fn the_next_write_sends_what_waits_first() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "first"]);
    let lock = lock(&s);
    let out = s.cmd().args(["add", "tip", "second"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(s.ok(&["add", "tip", "third"]).trim(), "t3");
    let listed = s.ok(&["list", "tips"]);
    assert!(listed.contains("t2     second"), "{listed}");
    assert!(entries(&s).is_empty());
}

#[test]
fn sync_with_the_database_still_locked_says_how_many_wait_and_exits_1() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "first"]);
    let lock = lock(&s);
    s.cmd().args(["add", "tip", "second"]).assert().success();
    let out = s.cmd().args(["sync"]).output().unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = text(&out.stdout);
    assert!(said.contains("0 sent, 1 still waiting"), "{said}");
    assert!(said.contains("busy"), "{said}");
    assert!(
        text(&out.stderr).contains("1 waiting to be sent"),
        "{out:?}"
    );
    assert_eq!(entries(&s).len(), 1);
}

#[test]
fn a_write_the_database_refuses_by_then_moves_to_refused_with_its_reason() {
    let s = Sandbox::new();
    let out = s
        .cmd_as("bob")
        .args(["add", "question", "Who has the key?"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let lock = lock(&s);
    s.cmd()
        .args(["answer", "q1", "The night shift"])
        .assert()
        .success();
    lock.execute_batch("ROLLBACK").unwrap();
    // Meanwhile the question goes (bob sends only his own writes).
    let out = s.cmd_as("bob").args(["delete", "q1"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");

    let said = s.ok(&["sync"]);
    assert!(
        said.contains("0 sent, 0 still waiting, 1 refused"),
        "{said}"
    );
    assert!(said.contains("refused: answer q1: no item q1"), "{said}");
    let refused: Vec<PathBuf> = fs::read_dir(outbox(&s).join("refused"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(refused.len(), 1);
    assert!(said.contains(&refused[0].display().to_string()), "{said}");
    let kept = fs::read_to_string(&refused[0]).unwrap();
    assert!(kept.contains("The night shift"), "{kept}");
    assert!(kept.contains("\"refused\""), "{kept}");
    assert_eq!(mode(&refused[0]), 0o600);
    assert!(entries(&s).is_empty());
    // Shown again, never lost silently.
    assert!(s.ok(&["sync"]).contains("refused: answer q1"));
}

#[test]
fn entries_for_another_database_are_left_alone() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "first"]);
    let lock = lock(&s);
    s.cmd()
        .args(["add", "tip", "for team.db"])
        .assert()
        .success();
    lock.execute_batch("ROLLBACK").unwrap();
    let other = s.path().join("other.db");
    let other = other.to_str().unwrap();
    s.cmd()
        .args(["--db", other, "add", "tip", "x"])
        .assert()
        .success();
    let said = text(
        &s.cmd()
            .args(["--db", other, "sync"])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(said.contains("0 sent, 0 still waiting"), "{said}");
    assert_eq!(entries(&s).len(), 1);
    assert!(s.ok(&["sync"]).contains("1 sent"));
}

#[test]
fn nudge_says_how_many_writes_wait_in_english_and_dutch() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "first"]);
    let lock = lock(&s);
    s.cmd().args(["add", "tip", "second"]).assert().success();
    let said = s.ok(&["nudge"]);
    assert!(said.contains("1 waiting to be sent"), "{said:?}");
    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["nudge"])
        .output()
        .unwrap();
    assert!(
        text(&out.stdout).contains("1 wacht om verstuurd te worden"),
        "{out:?}"
    );
    lock.execute_batch("ROLLBACK").unwrap();
    s.ok(&["sync"]);
    assert!(!s.ok(&["nudge"]).contains("waiting"));
}
