//! The input model (issue 11): no single letter on a list writes anything,
//! the kiosk turns typing into a question, pasted text lands whole, Esc
//! stores nothing, a draft offer eats no key, and the hint line keeps
//! `? help` and `q` at 40 columns.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::{Draft, Kind};
use leertuin::store::Store;
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Screen, Tab};
use leertuin::tui::event::Input;
use leertuin::tui::update;
use leertuin::tui::views::capture::Field;
use tui_support::{ME, assert_shows, demo_app, demo_app_in, other_process, said, screen};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn letter(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// Everything in the database, as `leertuin export` sees it.
fn export(dir: &tempfile::TempDir) -> String {
    let backup = other_process(dir).export().expect("export");
    serde_json::to_string(&backup).expect("json")
}

/// Closes whatever a key opened, the way a person would: Esc until the
/// list is bare (a review or a search, a form, a choice, help).
fn back_to_the_list(app: &mut App, tab: Tab) {
    for _ in 0..5 {
        app.on_key(key(KeyCode::Esc));
    }
    if app.tab != tab {
        update(app, Action::GoTab(tab.index() as u8));
    }
    app.stack.clear();
    app.overlay = None;
}

#[test]
fn no_letter_on_any_list_tab_writes_anything() {
    let (dir, mut app) = demo_app();
    let before = export(&dir);
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    for tab in Tab::ALL {
        for &c in &letters {
            update(&mut app, Action::GoTab(tab.index() as u8));
            app.on_key(letter(c));
            // Typing on (into whatever opened) writes nothing either.
            for c in "ls je".chars() {
                app.on_key(letter(c));
            }
            app.on_key(key(KeyCode::Esc));
            back_to_the_list(&mut app, tab);
            assert!(!app.quit || c == 'q', "{c} quit");
            app.quit = false;
        }
    }
    assert_eq!(export(&dir), before, "a letter wrote something");
}

#[test]
fn a_me_too_asks_first_naming_the_question_and_typing_on_cancels_it() {
    let (dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    let q = app.target_item().expect("a question");
    let before = export(&dir);
    app.on_key(letter('m'));
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "Wil je dit ook weten?");
    assert_shows(&rows, &q.id().to_string());
    assert_shows(&rows, "Ja, ik wil dit ook weten");
    // A sentence typed on: the choice closes, saving nothing, and the
    // Enter at its end opens the item instead of confirming.
    for c in "xyz".chars() {
        app.on_key(letter(c));
    }
    assert!(app.overlay.is_none());
    app.on_key(key(KeyCode::Enter));
    assert_eq!(export(&dir), before);
    // Enter on the choice itself stores it.
    app.stack.clear();
    app.on_key(letter('m'));
    app.on_key(key(KeyCode::Enter));
    assert_ne!(export(&dir), before);
}

#[test]
fn in_the_kiosk_typing_on_a_list_asks_a_question_with_that_letter() {
    let (dir, mut app) = demo_app_in("nl");
    app.typing_asks = true;
    let before = export(&dir);
    for tab in Tab::ALL {
        update(&mut app, Action::GoTab(tab.index() as u8));
        for c in ['q', 'a', 'W', '7', 'é'] {
            app.on_key(letter(c));
            let Some(Overlay::Capture(form)) = &app.overlay else {
                panic!("{c} on {tab:?} did not start a question");
            };
            assert_eq!(
                (form.kind, form.text.text()),
                (Kind::Question, c.to_string().as_str())
            );
            assert_eq!(form.field, Field::Text);
            // The first Esc asks whether to throw the letter away.
            app.on_key(key(KeyCode::Esc));
            app.on_key(key(KeyCode::Esc));
            assert!(app.overlay.is_none());
        }
    }
    assert_eq!(export(&dir), before, "Esc stored something");
    // The whole way, on Tips (issue 11 began with a question stored there
    // as a tip): a letter, the rest of the question, Enter.
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    for c in "Waar ligt de nieuwe toner?".chars() {
        app.on_key(letter(c));
    }
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let backup = other_process(&dir).export().expect("export");
    let mine: Vec<_> = backup
        .questions
        .iter()
        .filter(|q| q.title == "Waar ligt de nieuwe toner?")
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].author.as_deref(), Some(ME));
    assert!(!backup.tips.iter().any(|t| t.text.contains("toner")));
    // Help and search keep their keys.
    app.on_key(letter('?'));
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
}

/// On a kiosk list every letter asks a question, so `u` cannot undo there:
/// the line after a save names Ctrl-Z, and Ctrl-Z takes the question back.
#[test]
fn in_the_kiosk_the_undo_line_names_a_key_that_is_no_letter_and_it_works() {
    let (dir, mut app) = demo_app_in("nl");
    app.typing_asks = true;
    for c in "Waar is de sleutel?".chars() {
        app.on_key(letter(c));
    }
    app.on_key(key(KeyCode::Enter));
    let said = app
        .status
        .message()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.starts_with("Opgeslagen. Ctrl-Z = ongedaan maken"),
        "{said}"
    );
    assert!(export(&dir).contains("Waar is de sleutel?"), "not saved");
    app.on_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert!(app.overlay.is_none(), "Ctrl-Z started a form");
    // Taken back: a tombstone without its text stays for sync and export.
    assert!(
        !export(&dir).contains("Waar is de sleutel?"),
        "Ctrl-Z did not take the question back"
    );
    // In the pane outside the kiosk, u is named (and still works).
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    app.on_key(letter('c'));
    for c in "Sleutel hangt bij de deur".chars() {
        app.on_key(letter(c));
    }
    app.on_key(key(KeyCode::Enter));
    let said = app
        .status
        .message()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("Opgeslagen. u = ongedaan maken"), "{said}");
}

/// On a kiosk an open item is no trap either: a worker who starts typing
/// there asks a question (before, `a` answered a colleague, `e` edited the
/// profile and `d` closed a lesson with the rest of the sentence); Enter
/// answers the open question, and the hints name no letter.
#[test]
fn in_the_kiosk_typing_on_an_open_item_asks_and_enter_answers() {
    let (dir, mut app) = demo_app_in("nl");
    app.typing_asks = true;
    let before = export(&dir);
    for tab in [Tab::Questions, Tab::Lessons, Tab::Learned] {
        update(&mut app, Action::GoTab(tab.index() as u8));
        update(&mut app, Action::Open);
        assert_eq!(app.view(), leertuin::tui::keys::View::Detail, "{tab:?}");
        let hints = app.hints();
        assert!(
            hints
                .iter()
                .all(|(key, _)| key.chars().count() != 1 || !key.chars().all(char::is_alphanumeric)),
            "{tab:?}: a letter in the hints: {hints:?}"
        );
        for c in ['a', 'e', 'd', 'm', 'x'] {
            app.on_key(letter(c));
            let Some(Overlay::Capture(form)) = &app.overlay else {
                panic!("{c} on an open item of {tab:?} did not start a question");
            };
            assert_eq!(
                (form.kind, form.text.text()),
                (Kind::Question, c.to_string().as_str())
            );
            app.on_key(key(KeyCode::Esc));
            app.on_key(key(KeyCode::Esc));
        }
        back_to_the_list(&mut app, tab);
    }
    assert_eq!(
        export(&dir),
        before,
        "typing on an open item stored something"
    );
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Open);
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if matches!(p.purpose, leertuin::tui::views::prompt::Purpose::Answer(_))),
        "Enter on an open question did not open the answer form"
    );
}

#[test]
fn c_makes_the_kind_of_the_tab_and_elsewhere_offers_the_choice() {
    let (_dir, mut app) = demo_app();
    for (tab, kind, field) in [
        (Tab::ForYou, Kind::Question, Field::Text),
        (Tab::Questions, Kind::Question, Field::Text),
        (Tab::Tips, Kind::Tip, Field::Text),
        (Tab::Learned, Kind::Learned, Field::Text),
        (Tab::Lessons, Kind::Question, Field::Kind),
        (Tab::Team, Kind::Question, Field::Kind),
        (Tab::Me, Kind::Question, Field::Kind),
    ] {
        update(&mut app, Action::GoTab(tab.index() as u8));
        app.on_key(letter('c'));
        let Some(Overlay::Capture(form)) = &app.overlay else {
            panic!("c on {tab:?}");
        };
        assert_eq!((form.kind, form.field), (kind, field), "{tab:?}");
        if field == Field::Kind {
            assert_shows(&screen(&app, 40, 20), "choose");
            // The kind's first letter chooses it; Enter goes on to the text.
            app.on_key(letter('t'));
            app.on_key(key(KeyCode::Enter));
            let Some(Overlay::Capture(form)) = &app.overlay else {
                panic!("still open");
            };
            assert_eq!((form.kind, form.field), (Kind::Tip, Field::Text));
        }
        app.on_key(key(KeyCode::Esc));
        assert!(app.overlay.is_none());
    }
}

#[test]
fn esc_in_a_form_stores_nothing_and_leaves_no_draft() {
    let (dir, mut app) = demo_app();
    let before = export(&dir);
    let drafts = app.around.drafts.clone().expect("test drafts");
    for tab in [Tab::Questions, Tab::Tips, Tab::Learned] {
        update(&mut app, Action::GoTab(tab.index() as u8));
        app.on_key(letter('c'));
        for c in "Half a thought".chars() {
            app.on_key(letter(c));
        }
        // The first Esc asks; the second throws the text away.
        app.on_key(key(KeyCode::Esc));
        assert!(app.overlay.is_some());
        app.on_key(key(KeyCode::Esc));
        assert!(app.overlay.is_none());
        assert!(
            app.status
                .message()
                .is_some_and(|s| s.text.contains("nothing"))
        );
    }
    assert!(drafts.list().expect("drafts").is_empty());
    assert_eq!(export(&dir), before);
}

#[test]
fn a_two_line_paste_lands_whole_in_one_field() {
    let (dir, mut app) = demo_app();
    let pasted = "Who restarts the labeller?\r\nIt hangs after the night shift.";
    // On a list: a new question with all of it, nothing run as keys.
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    assert!(app.on_input(Input::Paste(pasted.into())));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("a form");
    };
    assert_eq!(
        form.text.text(),
        "Who restarts the labeller?\nIt hangs after the night shift."
    );
    app.on_key(key(KeyCode::Enter));
    let backup = other_process(&dir).export().expect("export");
    let q = backup
        .questions
        .iter()
        .find(|q| q.title == "Who restarts the labeller?")
        .expect("stored as one question");
    assert!(q.body.contains("night shift"), "{q:?}");
    // In a one-line field (search) the lines become one line.
    update(&mut app, Action::Search);
    app.on_input(Input::Paste("tmux\nzoom".into()));
    let Some(Screen::Search(s)) = app.stack.last() else {
        panic!("search");
    };
    assert_eq!(s.query(), "tmux zoom");
}

#[test]
fn one_esc_leaves_search() {
    let (_dir, mut app) = demo_app();
    app.on_key(letter('/'));
    for c in "tmux".chars() {
        app.on_key(letter(c));
    }
    app.on_key(key(KeyCode::Esc));
    assert!(app.stack.is_empty());
}

#[test]
fn a_draft_offer_never_eats_a_key() {
    let (_dir, mut app) = demo_app();
    let drafts = app.around.drafts.clone().expect("test drafts");
    leertuin::capture::keep(
        Some(&drafts),
        ME,
        Kind::Tip,
        &Draft {
            text: "kept at an idle logout".into(),
            ..Draft::default()
        },
        None,
    )
    .expect("keep");
    app.offer_drafts();
    assert!(app.offering_draft());
    // The first key goes where it was meant to: tab 3.
    app.on_key(letter('3'));
    assert!(app.overlay.is_none());
    assert_eq!(app.tab, Tab::Questions);
    assert_eq!(
        drafts.list_for(ME).expect("drafts").len(),
        1,
        "kept for later"
    );
}

/// Del on an offered draft throws it away, and the line says so (gone
/// without a word looked like a key that did nothing).
#[test]
fn del_on_a_draft_offer_throws_it_away_and_says_so() {
    let (_dir, mut app) = demo_app_in("nl");
    let drafts = app.around.drafts.clone().expect("test drafts");
    leertuin::capture::keep(
        Some(&drafts),
        ME,
        Kind::Tip,
        &Draft {
            text: "bewaard bij het uitloggen".into(),
            ..Draft::default()
        },
        None,
    )
    .expect("keep");
    app.offer_drafts();
    assert!(app.offering_draft());
    app.on_key(key(KeyCode::Delete));
    assert!(drafts.list_for(ME).expect("drafts").is_empty());
    assert_eq!(said(&app), "De bewaarde tekst is weggegooid.");
}

#[test]
fn help_and_quit_are_on_the_hint_line_at_40_and_80_columns_in_both_languages() {
    for (lang, help, quit) in [("en", "? help", "q quit"), ("nl", "? hulp", "q stoppen")] {
        let (_dir, mut app) = demo_app_in(lang);
        for tab in Tab::ALL {
            update(&mut app, Action::GoTab(tab.index() as u8));
            for open in [false, true] {
                if open {
                    update(&mut app, Action::Open);
                }
                for (w, h) in [(40, 20), (80, 24)] {
                    let rows = screen(&app, w, h);
                    let bottom = &rows[rows.len() - 1];
                    assert!(
                        bottom.contains(help) && bottom.contains(quit),
                        "{lang} {tab:?} open={open} at {w}: {bottom:?}"
                    );
                }
                app.stack.clear();
            }
        }
    }
}

#[test]
fn the_first_screen_says_how_to_ask_a_question() {
    let (_dir, app) = demo_app_in("nl");
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = screen(&app, w, h);
        assert_shows(&rows[rows.len() - 1..], "c vraag stellen");
    }
}

/// Eight tabs do not all fit 40 columns as words: the bar scrolls, the
/// tab you are on and its neighbours stay words, and ‹ › say where more
/// are (every tab at 40 columns: `tests/tui_wishes.rs`).
#[test]
fn tab_names_at_40_columns_are_words() {
    for (lang, first, last) in [
        (
            "nl",
            vec!["Start", "Lessen", "Vragen", "Tips", "Geleerd", "Team", "›"],
            vec!["‹", "Vragen", "Tips", "Geleerd", "Team", "Ik", "Wensen"],
        ),
        (
            "en",
            vec![
                "Home", "Lessons", "Q&A", "Tips", "Learned", "Team", "Me", "›",
            ],
            vec!["‹", "Q&A", "Tips", "Learned", "Team", "Me", "Wishes"],
        ),
    ] {
        let (_dir, mut app) = demo_app_in(lang);
        let rows = screen(&app, 40, 20);
        assert_eq!(
            rows[0].split_whitespace().collect::<Vec<_>>(),
            first,
            "{lang}"
        );
        update(&mut app, Action::GoTab(7));
        let rows = screen(&app, 40, 20);
        assert_eq!(
            rows[0].split_whitespace().collect::<Vec<_>>(),
            last,
            "{lang}"
        );
    }
}

#[test]
fn help_lines_wrap_instead_of_being_cut() {
    let (_dir, mut app) = demo_app_in("nl");
    app.on_key(letter('?'));
    let rows = screen(&app, 32, 20);
    // "Enter  openen wat je hebt gekozen": too long for a 32-column pane,
    // so its end goes to the next row, under the text.
    assert_shows(&rows, "openen wat je");
    assert_shows(&rows, "gekozen");
}
