//! The kiosk tester's findings of session 9 (issue 11) that need no real
//! terminal, drawn with `TestBackend`: typing on Tips, Learned and Wishes
//! still asks a question and Ctrl-N (named in the hint line at 40 columns)
//! makes that tab's own kind, a language changed elsewhere reaches the pane
//! at its next refresh, and a Dutch worker meets Dutch lessons first.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::Kind;
use leertuin::store::{ProfileEdit, Store};
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::update;
use leertuin::tui::views::prompt::Purpose;
use tui_support::{ME, assert_shows, demo_app, kiosk_in, other_process, screen, text};

fn letter(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl_n() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)
}

fn speaks(store: &dyn Store, lang: &str) {
    let edit = ProfileEdit {
        lang: Some(lang.into()),
        ..ProfileEdit::default()
    };
    store.edit_person(ME, &edit).expect("edit");
}

#[test]
fn at_the_kiosk_typing_on_every_tab_asks_and_ctrl_n_makes_the_tab_s_own_kind() {
    let (_dir, mut app) = kiosk_in("nl");
    for (tab, hint) in [
        (Tab::Tips, "Ctrl-N nieuwe tip"),
        (Tab::Learned, "Ctrl-N ik leerde"),
        (Tab::Wishes, "Ctrl-N nieuwe wens"),
    ] {
        update(&mut app, Action::GoTab(tab.index() as u8));
        // The hint line (the last row) names the key first and help, at
        // 40 columns; typing to ask where there is room.
        for (width, parts) in [
            (40, vec![hint, "? hulp"]),
            (80, vec![hint, "vraag stellen"]),
        ] {
            let rows = screen(&app, width, 20);
            let line = rows.last().cloned().unwrap_or_default();
            for part in parts {
                assert!(line.contains(part), "{tab:?}: no {part:?} in {line:?}");
            }
        }
        // A letter asks a question, as on every tab.
        app.on_key(letter('L'));
        let Some(Overlay::Capture(form)) = &app.overlay else {
            panic!(
                "L on {tab:?} asked nothing:\n{}",
                text(&screen(&app, 40, 20))
            );
        };
        assert_eq!((form.kind, form.text.text()), (Kind::Question, "L"));
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(app.overlay.is_none(), "{tab:?}: Esc left a form");
        // Ctrl-N opens the tab's own kind, empty.
        app.on_key(ctrl_n());
        match (&app.overlay, tab) {
            (Some(Overlay::Capture(form)), Tab::Tips | Tab::Learned) => {
                let kind = if tab == Tab::Tips {
                    Kind::Tip
                } else {
                    Kind::Learned
                };
                assert_eq!((form.kind, form.text.text()), (kind, ""));
            }
            (Some(Overlay::Prompt(p)), Tab::Wishes) => {
                assert!(matches!(p.purpose, Purpose::Wish), "{:?}", p.purpose);
            }
            _ => panic!("Ctrl-N on {tab:?}:\n{}", text(&screen(&app, 40, 20))),
        }
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(app.overlay.is_none(), "{tab:?}: Esc left the empty form");
    }
    // Where typing already asks, Ctrl-N is not named twice.
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    let rows = screen(&app, 40, 20);
    assert!(!text(&rows).contains("Ctrl-N"), "{}", text(&rows));
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
