//! The pane in Dutch at a kiosk's 80×24: every screen speaks Dutch, and the
//! key hints at the bottom are there in full, never cut.

mod tui_support;

use leertuin::domain::{Item, Kind};
use leertuin::tui::action::Action;
use leertuin::tui::app::{App, Screen, Tab};
use leertuin::tui::update;
use tui_support::{assert_shows, demo_app_in, screen, text};

const W: u16 = 80;
const H: u16 = 24;

/// Every hint the pane wants to show here is on the bottom row, key and
/// word, and no English hint or raw catalogue key slipped through.
#[track_caller]
fn hints_fit(app: &App, rows: &[String]) {
    let bottom = &rows[rows.len() - 1];
    let hints = app.hints();
    assert!(!hints.is_empty(), "no hints:\n{}", text(rows));
    for (key, label) in &hints {
        assert!(
            bottom.contains(&format!("{key} {label}")),
            "hint {key:?} {label:?} cut from the bottom row at {W}×{H}:\n{}",
            text(rows)
        );
    }
    no_english_or_keys(rows);
}

#[track_caller]
fn no_english_or_keys(rows: &[String]) {
    let all = text(rows);
    for english in [
        "Enter open ",
        "/ search",
        "? help",
        "q quit",
        "Esc back",
        "Esc cancel",
    ] {
        assert!(!all.contains(english), "English {english:?} on:\n{all}");
    }
    for prefix in [
        "hint.", "help.", "tab.", "list.", "detail.", "status.", "capture.", "review.",
    ] {
        assert!(!all.contains(prefix), "raw key {prefix:?} on:\n{all}");
    }
}

#[test]
fn for_you_speaks_dutch_with_all_its_hints() {
    let (_dir, app) = demo_app_in("nl");
    let rows = screen(&app, W, H);
    assert_shows(&rows[..1], "1 Start");
    assert_shows(&rows[..1], "7 Ik");
    assert_shows(&rows, "Start (");
    assert_shows(&rows[H as usize - 1..], "Enter openen");
    assert_shows(&rows[H as usize - 1..], "/ zoeken");
    hints_fit(&app, &rows);
}

#[test]
fn a_question_detail_speaks_dutch_with_all_its_hints() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Open);
    let Some(Screen::Detail(d)) = app.stack.last() else {
        panic!("a question is open");
    };
    assert!(matches!(d.as_item(), Some(Item::Question(_))));
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Vraag q");
    assert_shows(&rows, "Steun:");
    assert_shows(&rows[H as usize - 1..], "a antwoorden");
    assert_shows(&rows[H as usize - 1..], "Esc terug");
    hints_fit(&app, &rows);
}

#[test]
fn the_capture_form_speaks_dutch_with_all_its_hints() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    update(&mut app, Action::Capture);
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Tip delen");
    assert_shows(&rows, "Soort:");
    assert_shows(&rows, " vraag ");
    assert_shows(&rows[H as usize - 1..], "Enter opslaan");
    hints_fit(&app, &rows);
    update(&mut app, Action::SwitchKind);
    assert_shows(&screen(&app, W, H), "Vraag stellen");
    update(&mut app, Action::SwitchKind);
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Wat heb je geleerd?");
    hints_fit(&app, &rows);
}

#[test]
fn a_review_speaks_dutch_with_all_its_hints() {
    let (_dir, mut app) = demo_app_in("nl");
    // Finish a lesson with check cards: its cards are due at once.
    let lessons = app
        .store
        .list(
            &leertuin::store::ListQuery {
                kind: Some(Kind::Lesson),
                tag: None,
                limit: 100,
                no_knowhow: false,
            },
            "mia",
        )
        .expect("lessons");
    let lesson = lessons
        .iter()
        .find_map(|i| match i {
            Item::Lesson(l) if !l.cards.is_empty() => Some(l.id),
            _ => None,
        })
        .expect("a bundled lesson with cards");
    app.store
        .mark_done_with("mia", lesson, None, None)
        .expect("done");
    update(&mut app, Action::Review);
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Herhalen 1/");
    assert_shows(&rows, "Antwoord zien");
    hints_fit(&app, &rows);
    update(&mut app, Action::Reveal);
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Opnieuw");
    assert_shows(&rows, "Makkelijk");
    hints_fit(&app, &rows);
}

#[test]
fn help_speaks_dutch() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::Help);
    let rows = screen(&app, W, H);
    assert_shows(&rows, "Toetsen: de lijst");
    assert_shows(&rows, "openen wat je hebt gekozen");
    assert_shows(&rows, "elke andere toets sluit");
    no_english_or_keys(&rows);
}

/// Two panes in two languages side by side (the test threads run at the
/// same time): each keeps its own.
#[test]
fn english_and_dutch_panes_do_not_mix() {
    let dutch = std::thread::spawn(|| {
        let (_dir, app) = demo_app_in("nl");
        (0..20)
            .map(|_| text(&screen(&app, W, H)))
            .all(|s| s.contains("1 Start"))
    });
    let (_dir, app) = demo_app_in("en");
    for _ in 0..20 {
        assert_shows(&screen(&app, W, H), "1 For you");
    }
    assert!(dutch.join().expect("thread"), "the Dutch pane kept Dutch");
}
