//! Live without polling: a store on the team server tells a watcher of a
//! colleague's commit as it happens (LISTEN/NOTIFY on a connection of its
//! own), so an open pane wakes for it instead of looking once a second.
//! A file cannot tell: the pane keeps its once-a-second look there.

mod pg_support;

use std::sync::mpsc;
use std::time::Duration;

use leertuin::store::{ListQuery, Mode, Spec, Store};

/// A bound for "it came", far above what it takes; not a measurement.
const AT_MOST: Duration = Duration::from_secs(60);

#[test]
fn a_watching_store_hears_a_colleagues_post_when_it_is_committed() {
    let Some(t) = pg_support::team("watch_changes") else {
        return;
    };
    let store = leertuin::store::open(&Spec::Server(t.db.url(&t.ann)), Mode::Write).unwrap();
    let (told, news) = mpsc::channel();
    assert!(store.watch_changes(Box::new(move || told.send(()).is_ok())));
    // Once when it listens: what came before that is unknown to it.
    news.recv_timeout(AT_MOST).expect("the watcher listens");
    let before = store.data_version().unwrap();
    assert!(news.try_recv().is_err(), "news before anyone wrote");

    t.ok(&t.bob, &["add", "tip", "bob's tip, seen at once"]);
    news.recv_timeout(AT_MOST).expect("told of bob's tip");
    assert!(store.data_version().unwrap() > before);
    let all = ListQuery {
        limit: 50,
        ..ListQuery::default()
    };
    let tips = store.list(&all, &t.ann).unwrap();
    assert!(
        tips.iter()
            .any(|i| i.title().contains("bob's tip, seen at once")),
        "{tips:?}"
    );
}

#[test]
fn the_watch_ends_when_nobody_listens() {
    let Some(t) = pg_support::team("watch_ends") else {
        return;
    };
    let store = leertuin::store::open(&Spec::Server(t.db.url(&t.ann)), Mode::Write).unwrap();
    let (told, news) = mpsc::channel();
    assert!(store.watch_changes(Box::new(move || told.send(()).is_ok())));
    news.recv_timeout(AT_MOST).expect("the watcher listens");
    let watchers = "SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND query = 'LISTEN leertuin'";
    let mut su = t.db.superuser();
    let n: i64 = su.query_one(watchers, &[]).unwrap().get(0);
    assert_eq!(n, 1, "the watcher's connection");
    drop(news);
    // The watcher hears this, finds nobody, and ends: its connection goes.
    t.ok(&t.bob, &["add", "tip", "nobody listens"]);
    let deadline = std::time::Instant::now() + AT_MOST;
    loop {
        let n: i64 = su.query_one(watchers, &[]).unwrap().get(0);
        if n == 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the watcher stayed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_file_does_not_push_changes() {
    let dir = tempfile::tempdir().unwrap();
    let store = leertuin::store::open(&Spec::File(dir.path().join("t.db")), Mode::Create).unwrap();
    assert!(!store.watch_changes(Box::new(|| true)));
}
