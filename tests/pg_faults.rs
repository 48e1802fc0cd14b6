//! Faults on the team server, through the real binary: many processes
//! writing at once lose nothing and see no error.

mod pg_support;

use std::collections::HashMap;
use std::process::{Command, Stdio};

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::postgres::{self as server, AddPerson, ServerUrl};
use leertuin::store::{self, Mode, Spec};
use pg_support::setup_lock;

/// Writers and writes per writer of the load test.
const WRITERS: usize = 32;
const WRITES: usize = 100;
/// What a writer process is told: its login, its URL and its number.
const WRITER_WHO: &str = "LEERTUIN_TEST_WRITER_WHO";
const WRITER_URL: &str = "LEERTUIN_TEST_WRITER_URL";
const WRITER_NUMBER: &str = "LEERTUIN_TEST_WRITER_NUMBER";

/// One writer of the load test, when this binary runs as one (it does
/// nothing in a plain test run): opens the store as its person and adds
/// its 100 tips, one transaction each, stopping at the first error.
#[test]
fn load_writer() {
    let var = |name| std::env::var(name).ok();
    let (Some(who), Some(url), Some(p)) = (var(WRITER_WHO), var(WRITER_URL), var(WRITER_NUMBER))
    else {
        return;
    };
    let store = store::open(&Spec::Server(url), Mode::Create).expect("open");
    for i in 1..=WRITES {
        let draft = Draft {
            text: format!("load {p}-{i}"),
            ..Draft::default()
        };
        let item = NewItem::from_draft(Kind::Tip, &who, &draft).expect("item");
        store
            .add(&item)
            .unwrap_or_else(|e| panic!("write {p}-{i}: {e}"));
    }
}

/// 32 processes, each a person of its own adding 100 tips one write (one
/// transaction) at a time, all against one server: no write fails, and
/// every tip is on the server exactly once, by its writer. (A process per
/// write through the real binary costs ten minutes here; the binary's own
/// writes are in the server-stop test below and in `pg_cli.rs`.)
#[test]
fn thirty_two_writers_of_a_hundred_tips_lose_nothing() {
    let Some(pg) = pg_support::shared("thirty_two_writers") else {
        return;
    };
    let db = pg.database("thirty_two_writers");
    let people: Vec<String> = (0..WRITERS).map(|p| format!("w{p}_{}", db.name)).collect();
    {
        let _lock = setup_lock();
        let url = ServerUrl::parse(&db.url(&db.owner)).expect("url");
        server::schema::init(&url, &leertuin::bundled::lessons()).expect("init");
        for who in &people {
            let add = AddPerson {
                handle: who.clone(),
                name: None,
            };
            server::people::add_person(&url, &add).expect("add person");
        }
    }
    // Each writer is this test binary again, running only `load_writer`
    // with its person and number in the environment: 32 processes, each
    // with its own connection, side by side.
    let me = std::env::current_exe().expect("test binary");
    let writers: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(p, who)| {
            Command::new(&me)
                .args(["--exact", "load_writer", "--nocapture", "--test-threads=1"])
                .env(WRITER_WHO, who)
                .env(WRITER_URL, db.url(who))
                .env(WRITER_NUMBER, p.to_string())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("writer starts")
        })
        .collect();
    for (p, writer) in writers.into_iter().enumerate() {
        let out = writer.wait_with_output().expect("writer ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "writer {p}: {stderr}");
    }

    // What really is on the server, as the superuser sees it.
    let rows = db
        .superuser()
        .query("SELECT author, text FROM tip WHERE text LIKE 'load %'", &[])
        .expect("tips");
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for row in &rows {
        let text: String = row.get(1);
        seen.entry(text).or_insert_with(|| (row.get(0), 0)).1 += 1;
    }
    assert_eq!(rows.len(), WRITERS * WRITES, "tips on the server");
    for (p, who) in people.iter().enumerate() {
        for i in 1..=WRITES {
            let text = format!("load {p}-{i}");
            assert_eq!(
                seen.get(&text),
                Some(&(who.clone(), 1)),
                "{text}: once, by its writer"
            );
        }
    }
}
