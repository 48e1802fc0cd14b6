//! The pane on a database another program holds locked: what is typed
//! waits in the outbox, the status line says how many writes wait, and
//! they are sent once the lock is gone (issue 13 part 5).

mod tui_support;

use std::time::Duration;

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::drafts::Drafts;
use leertuin::outbox::Outbox;
use leertuin::store::{ListQuery, OpenOptions, Spec, SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::update;
use tui_support::{ME, assert_shows, other_process, screen, text};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

/// A pane for `mia` that waits only a moment for a busy file, with its
/// outbox and drafts in the temp dir.
fn pane(lang: &'static str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.db");
    let options = OpenOptions {
        busy_timeout: Duration::from_millis(100),
        ..OpenOptions::default()
    };
    let store = SqliteStore::open_with(&path, &options).expect("open");
    leertuin::demo::sample_team(&store, ME).expect("demo data");
    let mut app = App::new(Box::new(store), ME, KeyMap::default(), Theme::mono());
    app.lang = Some(lang);
    app.around.drafts = Some(Drafts::at(dir.path().join("drafts")));
    app.use_outbox(
        Some(Outbox::at(dir.path().join("outbox"))),
        &Spec::File(path),
    );
    app.start();
    (dir, app)
}

fn tips_with(dir: &tempfile::TempDir, text: &str) -> usize {
    let query = ListQuery {
        kind: Some(Kind::Tip),
        tag: None,
        limit: 500,
        no_knowhow: false,
    };
    other_process(dir)
        .list(&query, ME)
        .expect("list")
        .iter()
        .filter(|i| i.title() == text)
        .count()
}

#[test]
fn a_tip_typed_on_a_locked_database_waits_in_the_outbox_and_the_status_line_counts_it() {
    let (dir, mut app) = pane("en");
    let lock = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");

    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    type_text(&mut app, "Ctrl-R searches your history");
    update(&mut app, Action::Save);
    assert!(app.overlay.is_none(), "the form stays open");
    let said = app.status.message().cloned().expect("a message");
    assert!(
        said.text
            .starts_with("Not saved yet — your text is kept and sent by itself"),
        "{said:?}"
    );
    assert!(!said.error, "busy passes by itself: no error");
    assert!(app.undo.is_none(), "nothing stored, nothing to undo");

    // The next key clears the message; the count stays, at any width.
    update(&mut app, Action::Down);
    for width in [80, 40] {
        let rows = screen(&app, width, 20);
        assert_shows(&rows, "1 waiting to be sent");
    }
    assert_eq!(tips_with(&dir, "Ctrl-R searches your history"), 0);

    // The lock goes; another program writes, and the pane's next check
    // sends what waited.
    lock.execute_batch("ROLLBACK").expect("unlock");
    let other = other_process(&dir);
    let note = Draft {
        text: "From another pane".into(),
        ..Draft::default()
    };
    other
        .add(&NewItem::from_draft(Kind::Tip, "ann", &note).expect("valid"))
        .expect("add");
    assert!(app.on_tick());
    assert_eq!(tips_with(&dir, "Ctrl-R searches your history"), 1);
    let rows = screen(&app, 80, 20);
    assert!(
        !text(&rows).contains("waiting to be sent"),
        "{}",
        text(&rows)
    );
    assert_shows(&rows, "Ctrl-R searches");
}

#[test]
fn after_the_lock_is_rolled_back_the_open_pane_sends_by_itself() {
    let (dir, mut app) = pane("en");
    let lock = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    type_text(&mut app, "git bisect finds the commit");
    update(&mut app, Action::Save);
    assert_eq!(app.status.waiting(), 1);
    // The holder gives up: no write, so nothing tells the pane the way is
    // clear. Its own ticks (no key, no other write) send the tip.
    lock.execute_batch("ROLLBACK").expect("unlock");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while app.status.waiting() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the waiting tip was never sent"
        );
        app.on_tick();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(tips_with(&dir, "git bisect finds the commit"), 1);
    assert_shows(&screen(&app, 80, 20), "git bisect finds");
}

#[test]
fn an_answer_on_a_locked_database_waits_and_the_count_is_in_dutch() {
    let (dir, mut app) = pane("nl");
    let lock = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    // Questions tab; the first open question; answer it.
    update(&mut app, Action::GoTab(2));
    update(&mut app, Action::Open);
    update(&mut app, Action::Answer);
    type_text(&mut app, "Met tmux new -s werk");
    update(&mut app, Action::Submit);
    assert!(app.overlay.is_none(), "the prompt stays open");
    let said = app.status.message().cloned().expect("a message");
    assert!(
        said.text
            .starts_with("Nog niet opgeslagen — je tekst is bewaard"),
        "{said:?}"
    );
    update(&mut app, Action::Back);
    let rows = screen(&app, 80, 20);
    assert_shows(&rows, "1 wacht om verstuurd te worden");
    lock.execute_batch("ROLLBACK").expect("unlock");
    // A new pane on the same database sends it at start.
    let answers = || {
        other_process(&dir)
            .export()
            .expect("export")
            .questions
            .iter()
            .flat_map(|q| q.answers.iter())
            .filter(|a| a.body == "Met tmux new -s werk")
            .count()
    };
    assert_eq!(answers(), 0);
    let mut again = App::new(
        Box::new(other_process(&dir)),
        ME,
        KeyMap::default(),
        Theme::mono(),
    );
    again.lang = Some("nl");
    again.use_outbox(
        Some(Outbox::at(dir.path().join("outbox"))),
        &Spec::File(dir.path().join("t.db")),
    );
    again.start();
    assert_eq!(again.status.waiting(), 0);
    assert_eq!(answers(), 1);
}

/// The line that said the text waits goes once it was sent by itself: a
/// stale "Nog niet opgeslagen" misled a worker who pressed no key since.
#[test]
fn the_waiting_message_goes_when_the_write_was_sent_by_itself() {
    let (dir, mut app) = pane("nl");
    let lock = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    type_text(&mut app, "Handschoenen liggen links");
    update(&mut app, Action::Save);
    assert_shows(&screen(&app, 40, 20), "Nog niet");
    lock.execute_batch("ROLLBACK").expect("unlock");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while app.status.waiting() > 0 {
        assert!(std::time::Instant::now() < deadline, "never sent");
        app.on_tick();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(tips_with(&dir, "Handschoenen liggen links"), 1);
    for width in [40, 80] {
        let rows = text(&screen(&app, width, 20));
        assert!(!rows.contains("Nog niet"), "{width}:\n{rows}");
        assert!(rows.contains("Handschoenen"), "{width}:\n{rows}");
    }
    // A message about something else stays until the next key.
    app.say("iets anders");
    app.count_waiting();
    assert!(app.status.message().is_some());
}
