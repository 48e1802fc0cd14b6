//! The kiosk tester's findings of session 9 (issue 11) that need no real
//! terminal, drawn with `TestBackend`: typing on the Wishes tab starts a
//! wish, a language changed elsewhere reaches the pane at its next
//! refresh, and a Dutch worker meets Dutch lessons first.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::store::{ProfileEdit, Store};
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::update;
use leertuin::tui::views::prompt::Purpose;
use tui_support::{ME, assert_shows, demo_app, kiosk_in, other_process, screen, text};

fn letter(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn speaks(store: &dyn Store, lang: &str) {
    let edit = ProfileEdit {
        lang: Some(lang.into()),
        ..ProfileEdit::default()
    };
    store.edit_person(ME, &edit).expect("edit");
}

#[test]
fn at_the_kiosk_typing_on_the_wishes_tab_starts_a_wish_with_that_letter() {
    let (_dir, mut app) = kiosk_in("nl");
    update(&mut app, Action::GoTab(Tab::Wishes.index() as u8));
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "typ: wat ik wil leren");
    app.on_key(letter('L'));
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("no wish form:\n{}", text(&screen(&app, 40, 20)));
    };
    assert!(matches!(p.purpose, Purpose::Wish), "{:?}", p.purpose);
    assert_eq!(p.input.text(), "L");
}

#[test]
fn a_language_changed_elsewhere_reaches_the_running_pane_at_its_next_refresh() {
    let (dir, mut app) = demo_app();
    // The profile's language, as at a kiosk or in a pane without --lang.
    app.lang = None;
    speaks(&other_process(&dir), "nl");
    app.follow_language();
    app.reload();
    assert_shows(&screen(&app, 80, 24), "Vragen");
    // `leertuin me --lang en` from another shell.
    speaks(&other_process(&dir), "en");
    assert!(app.check_for_changes(), "the change was not seen");
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Questions");
    assert!(!text(&rows).contains("Vragen"), "{}", text(&rows));
}

#[test]
fn a_dutch_worker_s_first_screen_puts_english_lessons_under_a_heading() {
    let (_dir, app) = kiosk_in("nl");
    let rows = screen(&app, 40, 200);
    let row = |needle: &str| {
        rows.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?}:\n{}", text(&rows)))
    };
    let heading = row("In andere talen");
    assert!(row("Durf te zeggen") < heading, "{}", text(&rows));
    assert!(heading < row("Take notes"), "{}", text(&rows));
}
