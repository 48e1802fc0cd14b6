//! The SQLite store on real temp files (WAL needs a real file).

use std::os::unix::fs::PermissionsExt;

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::{LATEST_VERSION, ListQuery, SqliteStore, Store, StoreError};

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

#[test]
fn a_newer_schema_is_read_but_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    SqliteStore::open(&path).unwrap().add(&tip("old")).unwrap();
    let newer = LATEST_VERSION + 1;
    raw(&path)
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    let err = store.add(&tip("new")).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, known } if found == newer && known == LATEST_VERSION),
        "{err}"
    );
    assert!(err.is_user_error());
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("version {newer}"))
            && msg.contains(&format!("version {LATEST_VERSION}")),
        "{msg}"
    );
    let tips = store
        .list(
            &ListQuery {
                kind: Some(Kind::Tip),
                limit: 10,
                ..ListQuery::default()
            },
            "ann",
        )
        .unwrap();
    assert_eq!(tips.len(), 1);
}

#[test]
fn opening_again_does_not_seed_lessons_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let count = || -> i64 {
        raw(&path)
            .query_row("SELECT count(*) FROM lesson", [], |r| r.get(0))
            .unwrap()
    };
    drop(SqliteStore::open(&path).unwrap());
    let first = count();
    assert!(first >= 12);
    drop(SqliteStore::open(&path).unwrap());
    assert_eq!(count(), first);
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
fn data_version_moves_when_another_connection_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let watcher = SqliteStore::open(&path).unwrap();
    let writer = SqliteStore::open(&path).unwrap();
    let before = watcher.data_version().unwrap();
    assert_eq!(watcher.data_version().unwrap(), before);
    writer.add(&tip("news")).unwrap();
    assert_ne!(watcher.data_version().unwrap(), before);
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
