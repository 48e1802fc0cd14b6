//! Shared by the `tui_*` tests: a pane on a fresh demo database, and a way
//! to see what a person would see.

#![allow(dead_code)]

use leertuin::demo;
use leertuin::drafts::Drafts;
use leertuin::store::{SqliteStore, Store};
use leertuin::tui::action::Action;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::{App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

pub const ME: &str = "mia";

/// A pane for `mia` on a temp database with the demo team; the dir must
/// outlive the app (WAL needs a real file).
pub fn demo_app() -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    demo::sample_team(&store, ME).expect("demo data");
    let mut app = App::new(Box::new(store), ME, KeyMap::default(), Theme::mono());
    // English whatever the machine's locale; `demo_app_in` for another.
    app.lang = Some("en");
    // Drafts go to the temp dir, never the real home.
    app.around.drafts = Some(Drafts::at(dir.path().join("drafts")));
    app.start();
    (dir, app)
}

/// A second connection to the same file, as another process would have.
pub fn other_process(dir: &TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("t.db")).expect("open")
}

/// The screen as text, one string per row.
pub fn screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    term.draw(|f| f.render_widget(&app.pane_view(), f.area()))
        .expect("draw");
    let buf = term.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

pub fn text(rows: &[String]) -> String {
    rows.join("\n")
}

/// Asserts the screen contains `needle`, printing the screen if not.
#[track_caller]
pub fn assert_shows(rows: &[String], needle: &str) {
    assert!(
        text(rows).contains(needle),
        "expected {needle:?} on screen:\n{}",
        text(rows)
    );
}

/// The row on which `needle` is drawn.
pub fn row_of(rows: &[String], needle: &str) -> Option<usize> {
    rows.iter().position(|r| r.contains(needle))
}

/// As [`demo_app`], speaking `lang` whatever the profile or the machine
/// says. The language is this test thread's own: tests running beside it
/// keep theirs.
pub fn demo_app_in(lang: &'static str) -> (TempDir, App) {
    let (dir, mut app) = demo_app();
    app.lang = Some(lang);
    app.follow_language();
    app.reload();
    (dir, app)
}

/// A kiosk pane in `lang` as the kiosk runs it: typing on a list asks a
/// question, and no key quits.
pub fn kiosk_in(lang: &'static str) -> (TempDir, App) {
    let (dir, mut app) = demo_app_in(lang);
    app.typing_asks = true;
    let table: toml::Table = toml::from_str("quit = []").expect("toml");
    app.keys = KeyMap::from_config(&table).expect("keys");
    (dir, app)
}

/// What the status line says now ("" when nothing).
pub fn said(app: &App) -> String {
    app.status
        .message()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Puts the cursor on the row of list `tab` (the tab shown) titled
/// `title`, as a person would with ↑ and ↓; its place in the list.
#[track_caller]
pub fn select(app: &mut App, tab: usize, title: &str) -> usize {
    let Some(at) = app.feeds.lists[tab]
        .rows
        .iter()
        .position(|r| r.item.title() == title)
    else {
        panic!(
            "no row {title:?} on tab {tab}:\n{}",
            text(&screen(app, 80, 24))
        );
    };
    update(app, Action::Top);
    for _ in 0..at {
        update(app, Action::Down);
    }
    at
}

/// `who` gets a budget of `euros` and `hours` from the employer, granted
/// by anouk.
pub fn grant(store: &SqliteStore, who: &str, euros: i64, hours: i64) {
    store
        .wish_store()
        .expect("wishes on a file")
        .grant(&leertuin::store::Grant {
            person: who.into(),
            by: "anouk".into(),
            source: "werkgever".into(),
            cents: euros * 100,
            minutes: hours * 60,
            ..leertuin::store::Grant::default()
        })
        .expect("grant");
}
