//! The pane on a team server: it opens on a `postgresql://` spec, shows a
//! colleague's post without a restart (LISTEN/NOTIFY, no polling query),
//! and when the server goes away it says so plainly and keeps what it shows.

mod pg_support;
mod tui_support;

use std::path::Path;
use std::time::{Duration, Instant};

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::outbox::Outbox;
use leertuin::store::{self, Mode, Spec, Store};
use leertuin::tui::action::Action;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::{App, update};
use pg_support::{PgServer, TestDb, ok};
use tui_support::{assert_shows, screen, text};

/// Checks for changes until one is seen; NOTIFY arrives a moment after
/// the commit that sent it.
fn wait_for_change(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.check_for_changes() {
        assert!(Instant::now() < deadline, "the change never arrived");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A server of the test's own (it stops or crashes it; kept to the end of
/// the process), with a database set up for `people`; `None` without
/// PostgreSQL.
fn own_team(pg: Option<PgServer>, people: &[&str]) -> Option<(&'static PgServer, TestDb)> {
    let pg: &'static PgServer = Box::leak(Box::new(pg?));
    let db = pg.database("pane");
    db.init(people);
    Some((pg, db))
}

/// `who`'s pane on `db`, in English, started; with `outbox` (a folder),
/// writes the server cannot take wait there.
fn pane_on(db: &TestDb, who: &str, outbox: Option<&Path>) -> App {
    let spec = Spec::Server(db.url(who));
    let store = store::open(&spec, Mode::Create).expect("open");
    let mut app = App::new(store, who, KeyMap::default(), Theme::mono());
    app.lang = Some("en");
    if let Some(dir) = outbox {
        app.use_outbox(Some(Outbox::at(dir.to_path_buf())), &spec);
    }
    app.start();
    app
}

/// A tip by `who`, stored on the server through a connection of its own.
fn add_tip(db: &TestDb, who: &str, text: &str) {
    let store = store::open(&Spec::Server(db.url(who)), Mode::Create).expect("open");
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Tip, who, &draft).expect("valid"))
        .expect("add");
}

#[test]
fn the_pane_on_the_server_shows_a_colleagues_post_and_says_when_it_is_offline() {
    // A server of its own: this test stops it.
    let (ann, bob) = ("ann_pane", "bob_pane");
    let Some((pg, db)) = own_team(PgServer::start("pane_on_server"), &[ann, bob]) else {
        return;
    };
    let mut app = pane_on(&db, ann, None);
    update(&mut app, Action::GoTab(3));
    let before = screen(&app, 80, 24);
    assert!(!text(&before).contains("night shift"));
    assert!(!app.check_for_changes(), "nothing changed yet");

    add_tip(&db, bob, "Fresh from the night shift");
    wait_for_change(&mut app);
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "night shift");

    // The server goes away: one plain line, and what was there stays.
    pg.stop_now();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        app.check_for_changes();
        if text(&screen(&app, 80, 24)).contains("Offline") {
            break;
        }
        assert!(Instant::now() < deadline, "the pane never said offline");
        std::thread::sleep(Duration::from_millis(20));
    }
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "night shift");
    assert_shows(&rows, "Offline: the team server cannot be reached");
    let narrow = screen(&app, 40, 20);
    assert!(text(&narrow).contains("Offline"), "{}", text(&narrow));
}

#[test]
fn a_dropped_connection_is_offline_once_then_the_pane_comes_back() {
    let Some(pg) = pg_support::shared("pane_reconnect") else {
        return;
    };
    let db = pg.database("pane_reconnect");
    let ann = format!("ann_{}", db.name);
    db.init(&[&ann]);
    add_tip(&db, &ann, "Kept through a reconnect");
    let mut app = pane_on(&db, &ann, None);
    update(&mut app, Action::GoTab(3));
    while app.check_for_changes() {}
    // The server ends this connection (an admin, a restart, a network cut).
    let mut su = db.superuser();
    let ended: i64 = su
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1",
            &[&ann],
        )
        .expect("terminate")
        .get(0);
    assert_eq!(ended, 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !text(&screen(&app, 80, 24)).contains("Offline") {
        app.check_for_changes();
        assert!(
            Instant::now() < deadline,
            "the lost connection was never noticed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_shows(&screen(&app, 80, 24), "Kept through a reconnect");
    // The next check connects again; the line goes, the list is read anew.
    wait_for_change(&mut app);
    let rows = screen(&app, 80, 24);
    assert!(!text(&rows).contains("Offline"), "{}", text(&rows));
    assert_shows(&rows, "Kept through a reconnect");
}

/// The pane's ticks, as its loop runs them once a second, until `done`
/// (no key is pressed); fails after a minute.
fn tick_until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(app) {
        assert!(Instant::now() < deadline, "{what} never happened");
        app.on_tick();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_open_pane_sends_its_waiting_writes_when_the_server_is_back_without_a_key() {
    // A server of its own: this test stops and starts it.
    let ann = "ann_back";
    let Some((pg, db)) = own_team(PgServer::start_durable("pane_sends_when_back"), &[ann]) else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let mut app = pane_on(&db, ann, Some(&dir.path().join("outbox")));
    update(&mut app, Action::GoTab(3));
    app.on_tick();

    // The server goes away; a tip typed now waits in the outbox.
    pg.crash();
    update(&mut app, Action::Capture);
    for c in "VACUUM FULL locks the table".chars() {
        update(&mut app, Action::Type(c));
    }
    update(&mut app, Action::Save);
    let said = app.status.message().cloned().expect("a message").text;
    assert!(
        said.starts_with("Not saved yet — your text is kept and sent by itself"),
        "{said}"
    );
    assert_eq!(app.status.waiting(), 1);
    // A few ticks while it is away: the pane says so, and nothing goes.
    tick_until(&mut app, "the offline line", |app| {
        text(&screen(app, 80, 24)).contains("Offline")
    });
    assert_eq!(app.status.waiting(), 1);

    // Back: the open pane sends it by itself, once.
    pg.restart();
    tick_until(&mut app, "sending the waiting tip", |app| {
        app.status.waiting() == 0
    });
    let on_server = ok(&db.psql(
        ann,
        "SELECT count(*) FROM tip WHERE text = 'VACUUM FULL locks the table';",
    ));
    assert_eq!(on_server, "1");
    assert_shows(&screen(&app, 80, 24), "VACUUM FULL locks the table");
}

/// Wishes on the team server: the Wishes tab just works there (a store
/// that keeps none says so; see `tui::wishes`).
#[test]
fn the_wishes_tab_works_on_the_server() {
    let ann = "ann_wishes";
    let Some((_pg, db)) = own_team(PgServer::start("pane_wishes"), &[ann]) else {
        return;
    };
    let mut app = pane_on(&db, ann, None);
    update(&mut app, Action::GoTab(7));
    let rows = screen(&app, 80, 24);
    assert!(app.store.wish_store().is_some(), "the server keeps wishes");
    assert_shows(&rows, "No wishes yet.");
    // `c` makes a wish on the server as on a file.
    update(&mut app, Action::Capture);
    for c in "Lassen leren".chars() {
        update(&mut app, Action::Type(c));
    }
    // The wish, then (left empty) its cost, hours and topic.
    for _ in 0..4 {
        update(&mut app, Action::Submit);
    }
    assert!(app.overlay.is_none(), "{:?}", app.status.message());
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Lassen leren");
    assert_shows(&rows, "Your wish is saved");
}
