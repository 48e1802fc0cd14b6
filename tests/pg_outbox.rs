//! The outbox on the team server: a write sent twice (its answer lost on
//! the way back, or its file outliving a crash) is stored once, and the
//! keys that make it so are private to their sender, enforced by the
//! server; a server that can't be reached keeps the write in the outbox.

mod pg_support;

use leertuin::domain::{Draft, Kind, Write};
use leertuin::store::{ListQuery, Mode, Spec, Store};
use pg_support::{TestDb, ok, refused};

/// A database after `server init` with ann and bob; their role names.
fn team(test: &str) -> Option<(TestDb, String, String)> {
    pg_support::team(test).map(|t| (t.db, t.ann, t.bob))
}

#[test]
fn a_write_sent_twice_to_the_server_is_stored_once_and_its_key_is_private() {
    let Some((db, ann, bob)) = team("a_write_sent_twice_to_the_server_is_stored_once") else {
        return;
    };
    let store = leertuin::store::open(&Spec::Server(db.url(&ann)), Mode::Write).expect("open");
    let tip = Write::Add {
        kind: Kind::Tip,
        person: ann.clone(),
        draft: Draft {
            text: "pg_stat_activity shows who waits".into(),
            ..Draft::default()
        },
    };
    let key = "6f1c2a9e-0b7d-4e3a-9c51-2d8e4f6a7b10";
    assert!(store.apply_once(key, &tip).expect("first send").is_some());
    assert!(store.apply_once(key, &tip).expect("second send").is_none());
    let query = ListQuery {
        kind: Some(Kind::Tip),
        tag: None,
        limit: 10,
        no_knowhow: false,
    };
    assert_eq!(store.list(&query, &ann).expect("list").len(), 1);

    // The key is ann's: bob sees none, and can't record one in her name.
    assert_eq!(
        ok(&db.psql(&ann, "SELECT count(*) FROM applied_write")),
        "1"
    );
    assert_eq!(
        ok(&db.psql(&bob, "SELECT count(*) FROM applied_write")),
        "0"
    );
    let err = refused(&db.psql(
        &bob,
        &format!("INSERT INTO applied_write (key, person, at) VALUES ('x1234567', '{ann}', 0)"),
    ));
    assert!(err.contains("row-level security"), "{err}");
    // Nor anyone change or remove a key: recorded once, kept.
    let err = refused(&db.psql(&ann, "DELETE FROM applied_write"));
    assert!(err.contains("permission denied"), "{err}");
    assert_eq!(
        ok(&db.psql(&ann, "SELECT count(*) FROM applied_write")),
        "1"
    );
}

#[test]
fn an_unreachable_server_keeps_the_write_in_the_outbox() {
    if pg_support::shared("an_unreachable_server_keeps_the_write_in_the_outbox").is_none() {
        return;
    }
    // A socket folder with no server in it.
    let nowhere = tempfile::tempdir().expect("dir");
    let home = tempfile::tempdir().expect("home");
    let url = format!("postgresql://ann@/team?host={}", nowhere.path().display());
    let run = |args: &[&str]| {
        std::process::Command::new(pg_support::BIN)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("XDG_STATE_HOME", home.path().join(".local/state"))
            .env("LEERTUIN_LANG", "en")
            .args(["--db", &url])
            .args(args)
            .output()
            .expect("leertuin runs")
    };
    let out = run(&["add", "tip", "VACUUM after a big import"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("saved offline, will be sent"), "{err}");
    assert!(!err.contains("password"), "{err}");
    let out = run(&["sync"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("0 sent, 1 still waiting"), "{said}");
    let entries: Vec<_> = std::fs::read_dir(home.path().join(".local/state/leertuin/outbox"))
        .expect("outbox")
        .flatten()
        .collect();
    assert_eq!(entries.len(), 1);
}
