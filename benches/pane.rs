//! The pane's per-frame and per-start work on the synthetic corpus: one
//! full frame of each tab rendered into a buffer, the For-you ranking, and
//! the nudge's query. Whole-process figures are in scripts/bench.sh.

use std::collections::HashSet;
use std::sync::OnceLock;

use leertuin::domain::now;
use leertuin::nudge::{self, state::PersonState};
use leertuin::store::{ListQuery, SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::app::Tab;
use leertuin::tui::feed;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tempfile::TempDir;

fn main() {
    divan::main();
}

const ME: &str = "anouk";

/// A 100k-item database, filled once for all benches.
fn corpus() -> &'static (TempDir, std::path::PathBuf) {
    static DB: OnceLock<(TempDir, std::path::PathBuf)> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.db");
        let store = SqliteStore::open(&path).expect("open");
        leertuin::demo::fill(&store, 100_000, 42).expect("fill");
        (dir, path)
    })
}

fn app() -> App {
    let store = SqliteStore::open(&corpus().1).expect("open");
    let mut app = App::new(Box::new(store), ME, KeyMap::default(), Theme::mono());
    app.lang = Some("en");
    app.start();
    app
}

/// One full 80×24 frame of each tab, its data already loaded: what every
/// keystroke that moves the selection costs to draw.
#[divan::bench(args = Tab::ALL, sample_count = 20)]
fn render_tab(bencher: divan::Bencher, tab: Tab) {
    let mut app = app();
    app.switch_tab(tab);
    let area = Rect::new(0, 0, 80, 24);
    bencher.bench_local(|| {
        let mut buf = Buffer::empty(area);
        app.pane_view().render(area, &mut buf);
        buf
    });
}

/// Ranking the For-you candidates (the pane loads up to 300 of each kind).
#[divan::bench(sample_count = 20)]
fn for_you_ranking(bencher: divan::Bencher) {
    let store = SqliteStore::open(&corpus().1).expect("open");
    let items = store
        .list(
            &ListQuery {
                kind: None,
                tag: None,
                limit: 300,
                no_knowhow: false,
            },
            ME,
        )
        .expect("list");
    let wants = store
        .person(ME)
        .expect("person")
        .map(|p| p.wants)
        .unwrap_or_default();
    let done = HashSet::new();
    let at = now();
    bencher
        .with_inputs(|| items.clone())
        .bench_values(|items| feed::for_you(items, ME, &wants, &done, at));
}

/// The nudge's facts query on a read-only connection, as `leertuin nudge`
/// runs it (without process start; see scripts/bench.sh for that).
#[divan::bench(sample_count = 50)]
fn nudge_query(bencher: divan::Bencher) {
    let store = SqliteStore::open(&corpus().1).expect("open");
    let state = PersonState::default();
    let at = now();
    bencher.bench_local(|| {
        let ask = nudge::ask(ME, &state, at);
        store.nudge_facts(&ask).expect("facts")
    });
}
