//! Faults on the team server: many processes writing at once lose nothing
//! and see no error, and a server stopped under writers loses no write
//! (through the real binary and its outbox).

mod pg_support;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::{self, Mode, Spec};
use pg_support::{BIN, PgServer};

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
    db.init(&people.iter().map(String::as_str).collect::<Vec<_>>());
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

/// Writers of the server-stop test.
const STOP_WRITERS: usize = 8;

/// 8 processes, each a person adding tips through `leertuin add` in a loop
/// (its own home, so its own outbox), while the server is stopped with
/// `pg_ctl stop -m immediate`; they stop while it is away, and it starts
/// again. Every write that said it was stored is on the server; every
/// other one said "saved offline" and is in its writer's outbox; after
/// `leertuin sync` every write is on the server exactly once (a write whose
/// commit the stop cut off before its answer is both, and counts once).
#[test]
fn a_server_stopped_under_eight_writers_loses_no_write() {
    let Some(pg) = PgServer::start_durable("server_stop") else {
        return;
    };
    // `database` wants a server that lives as long as the test binary;
    // this one is stopped by hand at the end (and by its keeper at exit).
    let pg: &'static PgServer = Box::leak(Box::new(pg));
    let db = pg.database("server_stop");
    let people: Vec<String> = (0..STOP_WRITERS)
        .map(|p| format!("s{p}_{}", db.name))
        .collect();
    db.init(&people.iter().map(String::as_str).collect::<Vec<_>>());
    let dir = tempfile::tempdir().expect("temp dir");
    let stop = dir.path().join("stop");
    let home = |p: usize| dir.path().join(format!("home{p}"));
    let log = |p: usize| dir.path().join(format!("log{p}"));

    // Each writer adds "stop P-I" for I = 1, 2, … until the stop file is
    // there, logging "I EXIT-CODE WHAT-IT-SAID" per write.
    let script = "i=0; while [ ! -e \"$3\" ]; do i=$((i+1)); \
                  out=$(\"$0\" --db \"$1\" add tip \"stop $4-$i\" 2>&1); rc=$?; \
                  printf '%s %s %s\\n' \"$i\" \"$rc\" \"$(printf %s \"$out\" | tr '\\n' ' ')\" >>\"$2\"; \
                  done";
    let writers: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(p, who)| {
            Command::new("sh")
                .args(["-c", script, BIN])
                .arg(db.url(who))
                .arg(log(p))
                .arg(&stop)
                .arg(p.to_string())
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("HOME", home(p))
                .env("XDG_CONFIG_HOME", home(p).join(".config"))
                .env("XDG_DATA_HOME", home(p).join(".local/share"))
                .env("XDG_STATE_HOME", home(p).join(".local/state"))
                .env("LEERTUIN_LANG", "en")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("writer starts")
        })
        .collect();
    let logged = |p: usize| {
        std::fs::read_to_string(log(p))
            .unwrap_or_default()
            .lines()
            .count()
    };
    // Waits until every writer logged `more` writes after `since`.
    let wait_for = |since: &[usize], more: usize, what: &str| {
        let deadline = Instant::now() + Duration::from_secs(120);
        while (0..STOP_WRITERS).any(|p| logged(p) < since[p] + more) {
            assert!(Instant::now() < deadline, "the writers never {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let none = vec![0; STOP_WRITERS];
    wait_for(&none, 3, "wrote");
    pg.crash();
    let at_stop: Vec<usize> = (0..STOP_WRITERS).map(logged).collect();
    wait_for(&at_stop, 3, "wrote while the server was away");
    // The writers stop while it is away, so what they saved offline still
    // waits when it is back (a later `add` would send it first).
    std::fs::write(&stop, "").expect("stop file");
    for writer in writers {
        writer.wait_with_output().expect("writer ends");
    }
    pg.restart();

    let on_server = |text: &str| -> i64 {
        db.superuser()
            .query_one("SELECT count(*) FROM tip WHERE text = $1", &[&text])
            .expect("count")
            .get(0)
    };
    let in_outbox = |p: usize, text: &str| -> usize {
        let Ok(entries) = std::fs::read_dir(home(p).join(".local/state/leertuin/outbox")) else {
            return 0;
        };
        let quoted = format!("\"{text}\"");
        entries
            .flatten()
            .filter(|e| e.path().is_file())
            .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|body| body.contains(&quoted)))
            .count()
    };
    let (mut stored, mut queued) = (0, 0);
    let mut all = Vec::new();
    for p in 0..STOP_WRITERS {
        let text = std::fs::read_to_string(log(p)).expect("log");
        for line in text.lines() {
            let mut parts = line.splitn(3, ' ');
            let (i, rc, said) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            let tip = format!("stop {p}-{i}");
            assert_eq!(rc, "0", "{tip}: leertuin add said: {said}");
            if said.contains("saved offline") {
                queued += 1;
                assert_eq!(
                    in_outbox(p, &tip),
                    1,
                    "{tip} said saved offline, but is not in the outbox"
                );
            } else {
                stored += 1;
                assert_eq!(on_server(&tip), 1, "{tip} said stored: {said}");
            }
            all.push((p, tip));
        }
    }
    assert!(
        stored > 0 && queued > 0,
        "{stored} stored, {queued} saved offline"
    );
    let waiting = all.iter().filter(|(p, t)| in_outbox(*p, t) > 0).count();
    eprintln!(
        "server stop: {stored} stored, {queued} saved offline, {waiting} waiting before sync"
    );

    for (p, who) in people.iter().enumerate() {
        let url = db.url(who);
        let out = db.leertuin(&home(p), &["--db", &url, "sync"]);
        assert!(
            out.status.success(),
            "sync of writer {p}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for (p, tip) in &all {
        assert_eq!(on_server(tip), 1, "{tip} after sync");
        assert_eq!(in_outbox(*p, tip), 0, "{tip} still waits after sync");
    }
    pg.stop_now();
}
