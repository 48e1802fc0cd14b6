//! The team server behind PgBouncer, the pooler a site with many kiosks
//! puts in front of PostgreSQL so that a short command (`nudge` in a tmux
//! status line) finds a backend already warm. In session pooling every
//! command works as it does directly, who you are is still your login,
//! a pane still hears colleagues' posts, and a server connection handed
//! to the next client keeps nothing of the last one (the kiosk's person
//! least of all).

mod pg_support;

use std::sync::mpsc;
use std::time::Duration;

use leertuin::store::postgres::{self as server, ServerUrl};
use leertuin::store::{Mode, Spec, Store};
use pg_support::bouncer::Bouncer;
use pg_support::{ok, setup_lock};

/// A bound for "it came", far above what it takes; not a measurement.
const AT_MOST: Duration = Duration::from_secs(60);

#[test]
fn every_command_works_through_a_stock_pgbouncer() {
    let Some(t) = pg_support::team("pooler_cli") else {
        return;
    };
    let Some(bouncer) = Bouncer::start("pooler_cli", t.db.server, &[&t.ann, &t.bob], 2) else {
        return;
    };
    let via = |who: &str, args: &[&str]| {
        let url = bouncer.url(who, &t.db.name);
        let mut all = vec!["--db", url.as_str()];
        all.extend_from_slice(args);
        t.db.leertuin(t.home.path(), &all)
    };
    let said = |out: &std::process::Output| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };

    // A stock PgBouncer refuses the login options leertuin sends; that is
    // no offline server: the write goes in, not to the outbox.
    let out = via(&t.ann, &["add", "tip", "pooled: restart the kubelet first"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(!said(&out).contains("offline"), "{}", said(&out));
    let outbox = t.home.path().join(".local/state/leertuin/outbox");
    let waiting = std::fs::read_dir(&outbox).map(|d| d.count()).unwrap_or(0);
    assert_eq!(waiting, 0, "nothing may wait in {}", outbox.display());

    // The server wrote ann as its author: the login, not a name sent.
    let author = ok(&t.db.psql(
        "postgres",
        "SELECT author FROM leertuin.tip WHERE text LIKE 'pooled:%';",
    ));
    assert_eq!(author, t.ann);

    // bob, through the pool, reads it; the same as he reads it directly.
    let listed = via(&t.bob, &["list", "tips"]);
    assert_eq!(listed.status.code(), Some(0), "{}", said(&listed));
    assert!(
        said(&listed).contains("restart the kubelet"),
        "{}",
        said(&listed)
    );
    assert_eq!(listed.stdout, t.run(&t.bob, &["list", "tips"]).stdout);
    // bob asks, ann answers, both through the pool; bob's nudge says so,
    // word for word as directly.
    let asked = via(&t.bob, &["add", "question", "Which tube feeds press 4?"]);
    assert_eq!(asked.status.code(), Some(0), "{}", said(&asked));
    let answered = via(&t.ann, &["answer", "q1", "The blue one"]);
    assert_eq!(answered.status.code(), Some(0), "{}", said(&answered));
    let nudge = via(&t.bob, &["nudge"]);
    assert_eq!(nudge.status.code(), Some(0), "{}", said(&nudge));
    assert!(said(&nudge).contains("q1"), "{}", said(&nudge));
    assert_eq!(nudge.stdout, t.run(&t.bob, &["nudge"]).stdout);

    // Posting as someone else is refused through the pool as directly.
    let out = via(&t.ann, &["--user", &t.bob, "add", "tip", "pretending"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert_eq!(said(&out).trim().lines().count(), 1, "{}", said(&out));
    let pretended = ok(&t.db.psql(
        "postgres",
        "SELECT count(*) FROM leertuin.tip WHERE text = 'pretending';",
    ));
    assert_eq!(pretended, "0");

    let doctor = via(&t.ann, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(0), "{}", said(&doctor));
    assert!(
        said(&doctor).contains("row security: on"),
        "{}",
        said(&doctor)
    );
}

#[test]
fn a_pane_through_pgbouncer_hears_a_colleagues_post() {
    let Some(t) = pg_support::team("pooler_live") else {
        return;
    };
    let Some(bouncer) = Bouncer::start("pooler_live", t.db.server, &[&t.ann, &t.bob], 4) else {
        return;
    };
    let url = bouncer.url(&t.ann, &t.db.name);
    let store = leertuin::store::open(&Spec::Server(url), Mode::Write).unwrap();
    let (told, news) = mpsc::channel();
    assert!(store.watch_changes(Box::new(move || told.send(()).is_ok())));
    news.recv_timeout(AT_MOST).expect("the watcher listens");
    let before = store.data_version().unwrap();

    t.ok(&t.bob, &["add", "tip", "bob's tip, heard through the pool"]);
    news.recv_timeout(AT_MOST)
        .expect("told of bob's tip through PgBouncer");
    assert!(store.data_version().unwrap() > before);
}

#[test]
fn a_pooled_connection_forgets_the_person_a_kiosk_acted_for() {
    let Some(t) = pg_support::team("pooler_kiosk") else {
        return;
    };
    let kiosk = format!("kiosk_{}", t.db.name);
    {
        let _lock = setup_lock();
        let url = ServerUrl::parse(&t.db.url(&t.db.owner)).expect("url");
        server::people::add_kiosk(&url, &kiosk).expect("add kiosk");
    }
    t.db.client(&t.ann)
        .batch_execute(&format!(
            "INSERT INTO learned (author, text, visibility, created_at)
             VALUES ('{}', 'ann''s private note', 'private', 1)",
            t.ann
        ))
        .expect("ann's private entry");
    // One server connection for the kiosk: the next client gets the very
    // backend the last one used.
    let Some(bouncer) = Bouncer::start("pooler_kiosk", t.db.server, &[&kiosk], 1) else {
        return;
    };
    let first = ok(&bouncer.psql(
        &kiosk,
        &t.db.name,
        &format!(
            "BEGIN;
             SELECT leertuin.act_for('{}');
             SELECT count(*) FROM learned WHERE visibility = 'private';
             COMMIT;
             SELECT pg_backend_pid();",
            t.ann
        ),
    ));
    let lines: Vec<&str> = first.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{first}");
    assert_eq!(
        lines[0], "1",
        "the kiosk reads ann's entry while it acts for her"
    );
    let backend = lines[1];

    let next = ok(&bouncer.psql(
        &kiosk,
        &t.db.name,
        "SELECT pg_backend_pid(), coalesce(leertuin.actor(), 'nobody'),
                (SELECT count(*) FROM learned WHERE visibility = 'private');",
    ));
    assert_eq!(next, format!("{backend}|nobody|0"));
}

/// The server stopped behind PgBouncer: PgBouncer still takes the login
/// and would hold the first query for as long as it waits for a server.
/// leertuin waits as long as a connect may take (`connect_timeout`), then
/// keeps the write in the outbox; once the server is back, `sync` sends it,
/// and it is stored once.
#[test]
fn a_server_stopped_behind_pgbouncer_is_offline_and_nothing_is_lost() {
    let Some(pg) = pg_support::PgServer::start_durable("pooler_down") else {
        return;
    };
    let pg: &'static pg_support::PgServer = Box::leak(Box::new(pg));
    let db = pg.database("pooler_down");
    let ann = format!("ann_{}", db.name);
    db.init(&[&ann]);
    let Some(bouncer) = Bouncer::start("pooler_down", pg, &[&ann], 2) else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let url = format!("{}&connect_timeout=2", bouncer.url(&ann, &db.name));
    // A bound for "it ended", far above the two seconds it may wait and far
    // below PgBouncer's ten minutes; not a measurement.
    let run = |args: &[&str]| {
        let mut child = pg_support::leertuin_in(home.path())
            .args(["--db", &url])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("leertuin runs");
        let start = std::time::Instant::now();
        while child.try_wait().expect("wait").is_none() {
            if start.elapsed() > AT_MOST {
                let _ = child.kill();
                panic!("leertuin {args:?} still waits for PgBouncer after {AT_MOST:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().expect("output")
    };
    let said = |out: &std::process::Output| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let stored = |text: &str| {
        ok(&db.psql(
            "postgres",
            &format!("SELECT count(*) FROM leertuin.tip WHERE text = '{text}';"),
        ))
    };
    let out = run(&["add", "tip", "before the stop"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert_eq!(stored("before the stop"), "1");

    pg.crash();
    let out = run(&["add", "tip", "while the server was away"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(
        said(&out).contains("saved offline, will be sent"),
        "{}",
        said(&out)
    );

    pg.restart();
    let start = std::time::Instant::now();
    loop {
        let out = run(&["sync"]);
        if out.status.code() == Some(0) {
            assert!(said(&out).contains("1 sent"), "{}", said(&out));
            break;
        }
        // PgBouncer tries the server again a moment after it failed.
        assert!(start.elapsed() < AT_MOST, "never sent: {}", said(&out));
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(stored("while the server was away"), "1");
    assert_eq!(stored("before the stop"), "1");
}
