//! Start after asking (issue 11): a first-time worker's own fresh
//! question heads Start, above the lessons, with its answers when they
//! come; once its answer is seen it goes back into the ranked feed.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::store::{SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{other_process, said, screen, text};

const ASKED: &str = "Waar staat de lader voor de heftruck?";
/// A Dutch lesson the ranking puts high on a new person's Start.
const LESSON: &str = "Durf te zeggen";

/// A kiosk pane in Dutch for sanne, who has no profile and asked nothing.
fn first_timer() -> (TempDir, App) {
    let (dir, _mia) = tui_support::kiosk_in("nl");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    let mut app = App::new(Box::new(store), "sanne", KeyMap::default(), Theme::mono());
    app.lang = Some("nl");
    app.typing_asks = true;
    app.around.drafts = None;
    app.start();
    app.follow_language();
    app.reload();
    (dir, app)
}

/// The row of the list (left of the detail at 80 columns) showing `needle`.
fn row_of(rows: &[String], needle: &str) -> Option<usize> {
    rows.iter()
        .position(|r| r.chars().take(34).collect::<String>().contains(needle))
}

fn ask(app: &mut App, words: &str) {
    for c in words.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.on_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

#[test]
fn ones_own_new_question_heads_start_above_the_lessons() {
    let (_dir, mut app) = first_timer();
    ask(&mut app, ASKED);
    assert!(said(&app).starts_with("Opgeslagen."), "{}", said(&app));
    // 80×24: under its own heading, before the lessons, and what was said
    // about the save is still on the bottom line.
    let rows = screen(&app, 80, 24);
    let all = text(&rows);
    let heading = row_of(&rows, "Jouw vragen").unwrap_or_else(|| panic!("{all}"));
    let mine = row_of(&rows, "Waar staat de lader").unwrap_or_else(|| panic!("{all}"));
    let lesson = row_of(&rows, LESSON).unwrap_or_else(|| panic!("{all}"));
    assert!(heading < mine && mine < lesson, "{all}");
    assert!(rows[mine].contains("open"), "{all}");
    assert!(all.contains("Meer voor jou"), "{all}");
    assert!(all.contains("Opgeslagen."), "{all}");
    // A small screen shows it too, with the saved notice.
    let rows = screen(&app, 40, 12);
    let all = text(&rows);
    assert!(all.contains("Waar staat de"), "{all}");
    assert!(all.contains("Opgeslagen."), "{all}");
    // In the list once, not again lower down.
    let start = &app.feeds.lists[0].rows;
    let times = start.iter().filter(|r| r.item.title() == ASKED).count();
    assert_eq!(times, 1);
    assert_eq!(start[0].item.title(), ASKED);
}

#[test]
fn an_answer_not_yet_seen_keeps_it_on_top_then_it_goes_back_into_the_feed() {
    let (dir, mut app) = first_timer();
    ask(&mut app, ASKED);
    let q = app.feeds.lists[0].rows[0].item.id();
    other_process(&dir)
        .answer(q, "bram", "Achter de kantine, bij de deur.")
        .expect("answer");
    app.reload();
    let rows = screen(&app, 80, 24);
    let all = text(&rows);
    let mine = row_of(&rows, "Waar staat de lader").unwrap_or_else(|| panic!("{all}"));
    let lesson = row_of(&rows, LESSON).unwrap_or_else(|| panic!("{all}"));
    assert!(mine < lesson, "{all}");
    assert!(rows[mine].contains("1 nieuw"), "{all}");
    // Opened, the answer is seen: it is news no more, and Start ranks it
    // among the rest again.
    update(&mut app, Action::Top);
    update(&mut app, Action::Open);
    update(&mut app, Action::Back);
    app.reload();
    let rows = screen(&app, 80, 24);
    let all = text(&rows);
    assert!(!all.contains("Jouw vragen"), "{all}");
    assert_ne!(app.feeds.lists[0].rows[0].item.title(), ASKED, "{all}");
}

#[test]
fn a_colleagues_fresh_question_is_not_put_first() {
    let (dir, mut app) = first_timer();
    let draft = leertuin::domain::Draft {
        text: ASKED.into(),
        ..Default::default()
    };
    other_process(&dir)
        .add(
            &leertuin::domain::NewItem::from_draft(
                leertuin::domain::Kind::Question,
                "bram",
                &draft,
            )
            .expect("valid"),
        )
        .expect("added");
    app.reload();
    let all = text(&screen(&app, 80, 24));
    assert!(!all.contains("Jouw vragen"), "{all}");
}
