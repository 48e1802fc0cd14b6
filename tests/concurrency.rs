//! Many processes writing one file at once: nothing lost, no error.

use std::process::{Command, Stdio};

#[test]
fn sixteen_processes_writing_fifty_items_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let bin = env!("CARGO_BIN_EXE_leertuin");
    // Create the file first, as a team's first user would.
    let status = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["add", "tip", "first"])
        .status()
        .unwrap();
    assert!(status.success());

    let children: Vec<_> = (0..16)
        .map(|p| {
            let script = format!(
                "for i in $(seq 1 50); do \"$0\" --db \"$1\" --user w{p} add tip \"item {p}-$i\" >/dev/null || exit 1; done"
            );
            Command::new("sh")
                .args(["-c", &script, bin])
                .arg(&db)
                .env("HOME", dir.path())
                .env("XDG_CONFIG_HOME", dir.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let conn = rusqlite::Connection::open(&db).unwrap();
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM tip WHERE text LIKE 'item %'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 800);
    for p in 0..16 {
        for i in 1..=50 {
            let found: i64 = conn
                .query_row(
                    "SELECT count(*) FROM tip WHERE text = ?1",
                    [format!("item {p}-{i}")],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(found, 1, "item {p}-{i}");
        }
    }
}
