//! A Dutch first-time worker at the kiosk (issue 11, tester report of
//! session 5), on the pane as the kiosk runs it: the asker chooses the
//! answer that helped with ↑↓ and Enter and is told whose it was; the
//! screens name things in words, not ids.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::{Draft, Item, ItemId, Kind, NewItem};
use leertuin::store::{SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::keys::KeyMap;
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{ME, demo_app_in, other_process, screen};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn said(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// A kiosk pane in Dutch as the kiosk runs it: typing on a list asks a
/// question, and no key quits.
fn kiosk() -> (TempDir, App) {
    let (dir, mut app) = demo_app_in("nl");
    app.typing_asks = true;
    let table: toml::Table = toml::from_str("quit = []").expect("toml");
    app.keys = KeyMap::from_config(&table).expect("keys");
    (dir, app)
}

fn question(store: &SqliteStore, who: &str, text: &str) -> ItemId {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Question, who, &draft).expect("valid"))
        .expect("added")
}

/// Puts the cursor of the Questions tab on `id`.
fn select(app: &mut App, id: ItemId) {
    app.reload();
    update(app, Action::GoTab(Tab::Questions.index() as u8));
    update(app, Action::Top);
    for _ in 0..300 {
        if app.target_item().map(|i| i.id()) == Some(id) {
            return;
        }
        update(app, Action::Down);
    }
    panic!("{id} not in the Questions tab");
}

fn accepted(dir: &TempDir, q: ItemId) -> Vec<(String, bool)> {
    match other_process(dir).get(q, ME).expect("question") {
        Item::Question(q) => q
            .answers
            .iter()
            .map(|a| (a.author.clone(), a.accepted))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_asker_chooses_the_answer_that_helped_with_arrows_and_enter() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), ME, "Waar staat de koffie?");
    other_process(&dir)
        .answer(q, "bram", "Naast de printer")
        .expect("answer");
    other_process(&dir)
        .answer(q, "noor", "In de kantine")
        .expect("answer");
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    // The open question says how to choose, with a key that is no letter.
    for (w, h) in [(80, 24), (40, 20)] {
        let rows = screen(&app, w, h);
        let last = rows.last().cloned().unwrap_or_default();
        assert!(
            last.starts_with("Enter antwoord kiezen"),
            "{w}×{h}: no Enter hint:\n{}",
            rows.join("\n")
        );
    }
    // Enter: which answer helped, by name; not an answer form.
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Some(Overlay::Choose(_))),
        "Enter opened {:?}",
        app.overlay
    );
    let all = screen(&app, 80, 24).join("\n");
    assert!(all.contains("Welk antwoord hielp je?"), "{all}");
    assert!(
        all.contains("Bram Jansen") && all.contains("Noor Visser"),
        "{all}"
    );
    // The dialog names the question by its words, not its id.
    assert!(all.contains("Vraag: Waar staat de koffie?"), "{all}");
    assert!(!all.contains(&format!("vraag {q}")), "an id:\n{all}");
    // The newest is chosen first; ↑ goes to Bram's.
    app.on_key(key(KeyCode::Up));
    app.on_key(key(KeyCode::Enter));
    let s = said(&app);
    assert!(s.contains("Je koos het antwoord van Bram Jansen"), "{s}");
    assert!(
        !s.contains("antwoord 1") && !s.contains("antwoord 3"),
        "{s}"
    );
    assert_eq!(
        accepted(&dir, q),
        vec![("bram".to_string(), true), ("noor".to_string(), false)]
    );
}

#[test]
fn the_pane_names_the_answerer_too() {
    let (dir, mut app) = demo_app_in("en");
    let q = question(&other_process(&dir), ME, "Where is the coffee?");
    other_process(&dir)
        .answer(q, "bram", "Next to the printer")
        .expect("answer");
    select(&mut app, q);
    update(&mut app, Action::Accept);
    update(&mut app, Action::Submit);
    let s = said(&app);
    assert!(s.contains("You chose the answer from Bram Jansen"), "{s}");
    assert!(!s.contains("answer 1"), "{s}");
}

#[test]
fn enter_on_a_colleagues_question_still_answers_it() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), "bram", "Waar ligt de sleutel?");
    other_process(&dir)
        .answer(q, "noor", "Bij de balie")
        .expect("answer");
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "{:?}",
        app.overlay
    );
}

#[test]
fn a_save_is_announced_before_it_runs() {
    let (dir, mut app) = kiosk();
    // As the event loop sets it: the frame after Enter says "saving".
    app.defer_saves = true;
    for c in "Waar ligt de bezem?".chars() {
        app.on_key(KeyEvent::new(
            KeyCode::Char(c),
            if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            },
        ));
    }
    app.on_key(key(KeyCode::Enter));
    let rows = screen(&app, 40, 20);
    assert!(
        rows.iter().any(|r| r.contains("Bezig met opslaan…")),
        "{}",
        rows.join("\n")
    );
    assert!(
        !other_process(&dir)
            .export()
            .map(|b| format!("{b:?}"))
            .unwrap_or_default()
            .contains("bezem")
    );
    assert!(app.run_saving());
    assert!(said(&app).contains("staat erin"), "{}", said(&app));
    assert!(
        format!("{:?}", other_process(&dir).export().expect("export"))
            .contains("Waar ligt de bezem?")
    );
}

#[test]
fn a_save_that_can_only_be_kept_says_so_first_and_names_no_file() {
    let (dir, mut app) = kiosk();
    let lock = rusqlite::Connection::open(dir.path().join("t.db")).expect("open");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    for c in "Waar ligt de dweil?".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.on_key(key(KeyCode::Enter));
    lock.execute_batch("ROLLBACK").expect("unlock");
    let s = said(&app);
    assert!(
        s.starts_with("Niet opgeslagen — je tekst is bewaard. Probeer het zo opnieuw."),
        "{s}"
    );
    assert!(!s.contains('/'), "a file path: {s}");
    // At 40 columns the essential part is the first row of the message.
    let rows = screen(&app, 40, 20);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Niet opgeslagen — je tekst is")),
        "{}",
        rows.join("\n")
    );
}
