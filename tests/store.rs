//! What only the SQLite store does, on real temp files (WAL needs a real
//! file): journal mode, file modes, read-only opens, concurrent first
//! opens, checkpoints. What every backend must do is in
//! `store_contract.rs`, run on SQLite and PostgreSQL alike.

use std::os::unix::fs::PermissionsExt;

use leertuin::domain::{Draft, Kind, NewItem, now};
use leertuin::nudge::{self, PersonState};
use leertuin::store::{
    LATEST_VERSION, ListQuery, Mode, OpenOptions, ProfileEdit, SqliteStore, Store, StoreError,
};

fn tip(text: &str) -> NewItem {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap()
}

fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn wal_mode_is_persisted_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    drop(SqliteStore::open(&path).unwrap());
    let mode: String = raw(&path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn new_files_in_a_setgid_folder_are_group_writable() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2775)).unwrap();
    let path = shared.join("team.db");
    let store = SqliteStore::open(&path).unwrap();
    store.add(&tip("hello")).unwrap();
    for file in [
        path.clone(),
        shared.join("team.db-wal"),
        shared.join("team.db-shm"),
    ] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o060, 0o060, "{file:?} has mode {mode:o}");
    }
    // A private folder keeps the usual permissions.
    let private = dir.path().join("mine.db");
    drop(SqliteStore::open(&private).unwrap());
    let mode = std::fs::metadata(&private).unwrap().permissions().mode();
    assert_eq!(mode & 0o020, 0, "mode {mode:o}");
}

/// A file a newer leertuin made is still read (nobody loses sight of
/// their notes before upgrading), on a file even read-only and by
/// `nudge`; that it is never written is in `store_contract.rs`.
#[test]
fn a_newer_schema_file_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    SqliteStore::open(&path).unwrap().add(&tip("old")).unwrap();
    raw(&path)
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    let tips = ListQuery {
        kind: Some(Kind::Tip),
        limit: 10,
        ..ListQuery::default()
    };
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.list(&tips, "ann").unwrap().len(), 1);
    let ro = OpenOptions {
        mode: Mode::Read,
        busy_timeout: std::time::Duration::from_millis(50),
    };
    let reader = SqliteStore::open_with(&path, &ro).unwrap();
    assert_eq!(reader.list(&tips, "ann").unwrap().len(), 1);
    // nudge stays quiet on it rather than guess.
    let ask = nudge::ask("ann", &PersonState::default(), now());
    assert!(matches!(
        reader.nudge_facts(&ask),
        Err(StoreError::NewerSchema { .. })
    ));
}

/// `nudge` opens the file read-only and still reads it.
#[test]
fn nudge_reads_a_file_opened_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let store = SqliteStore::open(&path).unwrap();
    store
        .edit_person(
            "ann",
            &ProfileEdit {
                wants: Some(vec!["vim".into()]),
                ..ProfileEdit::default()
            },
        )
        .unwrap();
    let draft = Draft {
        text: "vim tip".into(),
        tags: vec!["vim".into()],
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Tip, "bob", &draft).unwrap())
        .unwrap();
    let ro = OpenOptions {
        mode: Mode::Read,
        busy_timeout: std::time::Duration::from_millis(50),
    };
    let reader = SqliteStore::open_with(&path, &ro).unwrap();
    let ask = nudge::ask("ann", &PersonState::default(), now());
    assert_eq!(reader.nudge_facts(&ask).unwrap().unwrap().new_tips, 1);
}

#[test]
fn many_first_opens_at_once_migrate_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = SqliteStore::open(&path).expect("open");
                store.add(&tip(&format!("tip {i}"))).expect("add");
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let conn = raw(&path);
    let lessons: i64 = conn
        .query_row(
            "SELECT count(DISTINCT slug) = count(*) FROM lesson",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lessons, 1, "duplicate lessons after concurrent first opens");
    let tips: i64 = conn
        .query_row("SELECT count(*) FROM tip", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tips, 8);
}

#[test]
fn an_idle_store_holds_no_read_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let store = SqliteStore::open(&path).unwrap();
    for i in 0..20 {
        store.add(&tip(&format!("tip {i}"))).unwrap();
    }
    let all = ListQuery {
        limit: 5,
        ..ListQuery::default()
    };
    assert_eq!(store.list(&all, "ann").unwrap().len(), 5);
    store.search_docs("ann").unwrap();
    // With a reader still open, a TRUNCATE checkpoint could not finish.
    let (busy, _, _): (i64, i64, i64) = raw(&path)
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the checkpoint was blocked by an idle store");
}

/// A file of schema 12 (before the unseen answers of migration 0013) keeps
/// its news exactly: the fill reads the askers' seen marks.
#[test]
fn a_file_of_schema_12_keeps_its_news_after_0013() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(SqliteStore::open(&path).unwrap());
    raw(&path)
        .execute_batch(
            "DROP TRIGGER unseen_answer_added; DROP TRIGGER unseen_answer_moved;
             DROP TRIGGER unseen_answer_asker; DROP TRIGGER unseen_answer_seen;
             DROP TRIGGER unseen_answer_seen_again; DROP TRIGGER unseen_answer_unseen;
             DROP TABLE unseen_answer;
             PRAGMA user_version = 12;
             INSERT INTO person (handle, name, created_at) VALUES ('ann', 'Ann', 1), ('bob', 'Bob', 1), ('cas', 'Cas', 1);
             INSERT INTO question (id, author, title, body, created_at) VALUES
                 (101, 'ann', 'seen', '', 1), (102, 'ann', 'half seen', '', 1),
                 (103, NULL, 'anonymous', '', 1);
             INSERT INTO answer (id, question_id, author, body, created_at) VALUES
                 (201, 101, 'bob', 'seen', 2), (202, 102, 'bob', 'seen', 3),
                 (203, 102, 'bob', 'not yet', 4), (204, 102, 'ann', 'her own', 5),
                 (205, 103, 'bob', 'to nobody', 6);
             INSERT INTO answer_seen (person, question_id, last_answer)
                 VALUES ('ann', 101, 201), ('ann', 102, 202);",
        )
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    let news = store.newest_unseen_answer("ann").unwrap().expect("news");
    assert_eq!((news.question.num, news.answer), (102, 203));
    let rows: String = raw(&path)
        .query_row(
            "SELECT group_concat(answer_id || ' ' || person, ', ') FROM unseen_answer",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, "203 ann");
    // Moved by hand, past the store: the rows follow the answers and the
    // askers as they are now.
    let news = |sql: &str| {
        raw(&path).execute_batch(sql).unwrap();
        let n = store.newest_unseen_answer("ann").unwrap();
        n.map(|n| (n.question.num, n.answer))
    };
    assert_eq!(
        news("UPDATE answer SET question_id = 101 WHERE id = 203"),
        Some((101, 203))
    );
    assert_eq!(
        news("UPDATE answer SET created_at = 9 WHERE id = 202"),
        Some((101, 203))
    );
    assert_eq!(
        news("DELETE FROM answer_seen WHERE question_id = 102"),
        Some((102, 202))
    );
    assert_eq!(
        news("UPDATE question SET author = 'cas' WHERE id = 102"),
        Some((101, 203))
    );
    assert_eq!(
        news("UPDATE question SET author = 'ann' WHERE id = 103"),
        Some((103, 205))
    );
    assert_eq!(
        raw(&path)
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        LATEST_VERSION
    );
}
