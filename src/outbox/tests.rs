use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::domain::{Draft, ItemId, Kind};
use crate::store::{ListQuery, SqliteStore, Store};

fn tip(text: &str) -> Write {
    Write::Add {
        kind: Kind::Tip,
        person: "ann".into(),
        draft: Draft {
            text: text.into(),
            ..Draft::default()
        },
    }
}

fn tips(store: &SqliteStore) -> Vec<String> {
    let query = ListQuery {
        kind: Some(Kind::Tip),
        tag: None,
        limit: 50,
        no_knowhow: false,
    };
    store
        .list(&query, "ann")
        .unwrap()
        .into_iter()
        .map(|i| i.title().to_string())
        .collect()
}

#[test]
fn entries_are_private_files_that_come_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::at(dir.path().join("state/outbox"));
    let path = outbox
        .queue("/a.db", "0f1e2d3c-aaaa", &tip("Ctrl-R"))
        .unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(outbox.dir()), 0o700);
    let waiting = outbox.waiting("/a.db", "ann");
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].entry.write, tip("Ctrl-R"));
    assert_eq!(waiting[0].entry.key, "0f1e2d3c-aaaa");
    // Another database's entries are not this one's, nor another
    // person's to send.
    assert_eq!(outbox.count("/b.db", "ann"), 0);
    assert_eq!(outbox.count("/a.db", "bob"), 0);
    assert_eq!(Outbox::at(dir.path().join("none")).count("/a.db", "ann"), 0);
}

#[test]
fn unreadable_files_are_skipped_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::at(dir.path());
    outbox
        .queue("/a.db", "0f1e2d3c-bbbb", &tip("good"))
        .unwrap();
    fs::write(dir.path().join("broken.json"), "{").unwrap();
    fs::write(dir.path().join("newer.json"), r#"{"version":9}"#).unwrap();
    assert_eq!(outbox.count("/a.db", "ann"), 1);
    assert!(dir.path().join("broken.json").exists());
}

#[test]
fn a_busy_database_queues_the_write_and_sync_sends_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = SqliteStore::open(&path).unwrap();
    let outbox = Outbox::at(dir.path().join("outbox"));
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let busy = SqliteStore::open_with(
        &path,
        &crate::store::OpenOptions {
            busy_timeout: std::time::Duration::from_millis(50),
            ..Default::default()
        },
    )
    .unwrap();
    let out = submit(Some(&outbox), "t", &busy, &tip("Waits")).unwrap();
    assert!(
        matches!(out, Outcome::Queued { ref reason, .. } if reason.passes()),
        "{out:?}"
    );
    assert_eq!(outbox.count("t", "ann"), 1);
    // Still locked: sending leaves it waiting.
    let report = send_waiting(&outbox, "t", &busy, "ann");
    assert_eq!((report.sent, report.waiting), (0, 1));
    lock.execute_batch("ROLLBACK").unwrap();
    let report = send_waiting(&outbox, "t", &store, "ann");
    assert_eq!((report.sent, report.waiting, report.refused), (1, 0, 0));
    assert_eq!(tips(&store), ["Waits"]);
    let report = send_waiting(&outbox, "t", &store, "ann");
    assert_eq!(report.sent, 0);
    assert_eq!(tips(&store), ["Waits"]);
}

#[test]
fn an_entry_sent_twice_is_stored_once() {
    // A crash after the commit, before the file was removed: the file is
    // still there and is sent again.
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    let outbox = Outbox::at(dir.path().join("outbox"));
    let path = outbox
        .queue("t", "5e1f0000-1111-2222", &tip("Once"))
        .unwrap();
    let kept = fs::read(&path).unwrap();
    assert_eq!(send_waiting(&outbox, "t", &store, "ann").sent, 1);
    fs::write(&path, &kept).unwrap();
    assert_eq!(send_waiting(&outbox, "t", &store, "ann").sent, 1);
    assert_eq!(tips(&store), ["Once"]);
    assert_eq!(outbox.count("t", "ann"), 0);
}

#[test]
fn a_refused_write_moves_to_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    let outbox = Outbox::at(dir.path().join("outbox"));
    let answer = Write::Answer {
        question: ItemId::new(Kind::Question, 99),
        person: "ann".into(),
        text: "It is on the wiki".into(),
    };
    outbox.queue("t", "5e1f0000-3333", &answer).unwrap();
    outbox
        .queue("t", "5e1f0000-4444", &tip("After it"))
        .unwrap();
    let report = send_waiting(&outbox, "t", &store, "ann");
    assert_eq!((report.sent, report.waiting, report.refused), (1, 0, 1));
    let refused = outbox.refused("t", "ann");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].entry.write, answer);
    assert!(refused[0].path.starts_with(outbox.refused_dir()));
    let reason = refused[0].entry.refused.clone().unwrap();
    assert!(reason.contains("q99"), "{reason}");
    assert!(!reason.contains('\n'));
    assert_eq!(outbox.count("t", "ann"), 0);
}

#[test]
fn a_bad_key_reaches_no_table() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    assert!(store.apply_once("x'; --", &tip("no")).is_err());
    assert!(tips(&store).is_empty());
}
