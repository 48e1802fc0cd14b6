//! A Dutch kiosk worker's first visit (issue 11, tester report 1): undo
//! reaches only the write just made and names it, a form with text is not
//! thrown away by one Esc, an answer can be accepted without a letter, and
//! the small wording slips are gone.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::store::Store;
use leertuin::tui::App;
use tui_support::{demo_app_in, other_process, said};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.on_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

fn export(dir: &tempfile::TempDir) -> String {
    let backup = other_process(dir).export().expect("export");
    serde_json::to_string(&backup).expect("json")
}

/// A kiosk pane in Dutch: typing on a list asks a question.
fn kiosk() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app_in("nl");
    app.typing_asks = true;
    (dir, app)
}

#[test]
fn ctrl_z_after_other_keys_takes_nothing_back() {
    let (dir, mut app) = kiosk();
    typed(&mut app, "Waar ligt de sleutel van de kast?");
    app.on_key(key(KeyCode::Enter));
    assert!(
        said(&app).starts_with("Opgeslagen. Ctrl-Z"),
        "{}",
        said(&app)
    );
    // What the tester did: Tab, open, Esc, Tab, then Ctrl-Z.
    app.on_key(key(KeyCode::Tab));
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Esc));
    app.on_key(key(KeyCode::Tab));
    app.on_key(ctrl('z'));
    assert_eq!(said(&app), "Er is niets om ongedaan te maken.");
    assert!(
        export(&dir).contains("Waar ligt de sleutel van de kast?"),
        "a late Ctrl-Z deleted the question"
    );
}

#[test]
fn ctrl_z_right_after_saving_names_what_it_took_away() {
    let (dir, mut app) = kiosk();
    typed(&mut app, "Waar ligt de sleutel van de kast?");
    app.on_key(key(KeyCode::Enter));
    app.on_key(ctrl('z'));
    let s = said(&app);
    assert!(
        s.starts_with("Ongedaan gemaakt: ‘Waar ligt de sleutel van…’ weggehaald"),
        "{s}"
    );
    assert!(!export(&dir).contains("Waar ligt de sleutel van de kast?"));
}

#[test]
fn ctrl_c_in_the_kiosk_ends_the_undo_offer_too() {
    // The kiosk runner takes Ctrl-C itself; the pane's own Ctrl-C quits.
    let (_dir, mut app) = kiosk();
    typed(&mut app, "Hoe zet ik de pers aan?");
    app.on_key(key(KeyCode::Enter));
    assert!(app.undo.is_some());
    app.end_undo_offer(ctrl('c'));
    assert!(app.undo.is_none());
    app.on_key(ctrl('z'));
    assert_eq!(said(&app), "Er is niets om ongedaan te maken.");
}

#[test]
fn esc_on_a_typed_question_asks_before_throwing_it_away() {
    let (dir, mut app) = kiosk();
    typed(&mut app, "Waar staat de reserve snijplank");
    app.on_key(key(KeyCode::Esc));
    // Still open, with the text, and the question on screen.
    assert!(app.overlay.is_some(), "one Esc threw the text away");
    let rows = tui_support::screen(&app, 40, 20);
    let all = rows.join(" ");
    assert!(all.contains("Tekst weggooien?"), "{}", rows.join("\n"));
    // Typing on answers "no": the text stays and grows.
    typed(&mut app, "?");
    app.on_key(key(KeyCode::Enter));
    assert!(
        export(&dir).contains("Waar staat de reserve snijplank?"),
        "the kept text was not saved"
    );
    // Esc twice does throw it away, and says nothing was saved.
    typed(&mut app, "Weg ermee");
    app.on_key(key(KeyCode::Esc));
    app.on_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    assert_eq!(said(&app), "Geannuleerd: er is niets opgeslagen.");
    assert!(!export(&dir).contains("Weg ermee"));
}

#[test]
fn esc_on_a_typed_answer_asks_first_too() {
    use leertuin::tui::action::Action;
    use leertuin::tui::app::Tab;
    use leertuin::tui::update;
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Open);
    update(&mut app, Action::Answer);
    assert!(app.overlay.is_some(), "no answer form");
    for c in "Bij de deur".chars() {
        update(&mut app, Action::Type(c));
    }
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_some(), "one Esc threw the answer away");
    assert!(said(&app).starts_with("Tekst weggooien?"), "{}", said(&app));
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
}

#[test]
fn esc_on_an_empty_form_closes_it_at_once() {
    let (_dir, mut app) = kiosk();
    typed(&mut app, "W");
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
}
