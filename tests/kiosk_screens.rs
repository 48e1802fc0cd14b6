//! The kiosk screens drawn into a test terminal: plain texts, Dutch and
//! English, key hints whole at 80×24 and 40×20, no panic when tiny, and a
//! badge code never shown in full.

use std::time::Duration;

use leertuin::kiosk::screen::{KioskScreen, PaneBar};
use leertuin::kiosk::session::{Key, Session, SystemClock};
use leertuin::store::SqliteStore;
use leertuin::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(session: &Session, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            f.render_widget(
                &KioskScreen {
                    session,
                    theme: Theme::mono(),
                },
                f.area(),
            )
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn session(lang: &'static str) -> Session {
    Session::new(Duration::from_secs(120), lang, None, Box::new(SystemClock))
}

#[test]
fn welcome_register_and_pin_screens_in_dutch_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();

    let mut s = session("nl");
    for (w, h) in [(80, 24), (40, 20)] {
        let text = screen(&s, w, h);
        assert!(
            text.contains("Scan je pas of typ je naam"),
            "{w}×{h}:\n{text}"
        );
        let hints = text.lines().last().unwrap_or("");
        for hint in ["Enter inloggen", "F2 English", "F10 beheer"] {
            assert!(hints.contains(hint), "{w}×{h}: {hint:?} in {hints:?}");
        }
    }
    // A tiny terminal draws what fits, and does not panic.
    screen(&s, 10, 3);
    screen(&s, 0, 0);

    // A scanned code shows masked while it is typed.
    for c in "0012345642".chars() {
        s.key(Key::Char(c), &store);
    }
    let text = screen(&s, 80, 24);
    assert!(
        text.contains("••••••") && !text.contains("42") && !text.contains("0012345642"),
        "{text}"
    );

    // Register, in Dutch.
    s.key(Key::Enter, &store);
    let text = screen(&s, 40, 20);
    assert!(text.contains("Welke naam zien je"), "{text}");
    assert!(text.contains("Taal: Nederlands"), "{text}");
    assert!(!text.contains("0012345642"), "{text}");

    // English, and F2 on the welcome screen switches to Dutch.
    let mut s = session("en");
    let text = screen(&s, 80, 24);
    assert!(text.contains("Scan your badge or type your name"), "{text}");
    assert!(text.contains("F2 Nederlands"), "{text}");
    s.key(Key::SwitchLang, &store);
    assert_eq!(s.lang, "nl");
    assert!(screen(&s, 80, 24).contains("Scan je pas of typ je naam"));

    // The bar over the pane (in the person's language, set at login): the
    // name and the log-out key, never the code.
    leertuin::i18n::set("en");
    let named_bar = |name: &str, private: bool, countdown: Option<u64>| {
        let mut terminal = Terminal::new(TestBackend::new(40, 1)).unwrap();
        terminal
            .draw(|f| {
                f.render_widget(
                    &PaneBar {
                        name,
                        logout_key: "q".into(),
                        theme: Theme::mono(),
                        private,
                        countdown,
                    },
                    f.area(),
                )
            })
            .unwrap();
        (0..40)
            .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
            .collect::<String>()
    };
    let bar =
        |private: bool, countdown: Option<u64>| named_bar("Anna de Vries", private, countdown);
    let line = bar(true, None);
    assert!(
        line.starts_with("Anna de Vries") && line.trim_end().ends_with("q log out"),
        "{line}"
    );
    // A long name is cut, not the words "shared only" (the usability test
    // at 40 columns: "Mohammed El Amrani-Bouzid …Esc uitloggen" lost them,
    // and a short cut ran into the key).
    leertuin::i18n::set("nl");
    for name in ["Mohammed El Amrani-Bouzid", "Henk de Vries"] {
        let line = named_bar(name, false, None);
        assert!(line.contains(" · alleen gedeeld "), "{line}");
        assert!(line.starts_with(&name[..8]), "{line}");
        assert!(line.trim_end().ends_with("q uitloggen"), "{line}");
    }
    leertuin::i18n::set("en");
    // A name without its PIN: the bar says only shared things show.
    let line = bar(false, None);
    assert!(line.starts_with("Anna de Vries · shared only"), "{line}");
    // The idle countdown takes the whole bar, at 40 columns too.
    let line = bar(true, Some(12));
    assert_eq!(line.trim_end(), "Logging out in 12 s · any key: stay");
    leertuin::i18n::set("nl");
    let line = bar(true, Some(3));
    assert_eq!(line.trim_end(), "Uitloggen over 3 s · toets: blijven");
    leertuin::i18n::set("en");
}

#[test]
fn the_name_field_shows_its_cursor_where_it_is() {
    use leertuin::tui::action::Edit;
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();
    let mut s = session("nl");
    for c in "Henk".chars() {
        s.key(Key::Char(c), &store);
    }
    s.key(Key::Edit(Edit::Left), &store);
    s.key(Key::Edit(Edit::Left), &store);
    // The field reads "Henk" with the cursor on the "n": all four letters
    // are drawn, none is covered by a cursor cell added after them.
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("Henk"), "{shown}");
    s.key(Key::Char('d'), &store);
    assert_eq!(s.input.text(), "Hednk");
    assert!(screen(&s, 40, 20).contains("Hednk"));
}

/// Ctrl-W and Ctrl-U, which every field of the pane knows, work in the
/// kiosk's own fields too: the welcome screen's and the new name's
/// (issue 11, a first-time worker who typed a wrong word).
#[test]
fn ctrl_w_and_ctrl_u_edit_the_welcome_and_name_fields() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();
    let mut s = session("nl");
    let press = |s: &mut Session, code: KeyCode, mods: KeyModifiers| {
        let key = Key::from_terminal(KeyEvent::new(code, mods)).expect("a kiosk key");
        s.key(key, &store);
    };
    let ctrl = |s: &mut Session, c: char| press(s, KeyCode::Char(c), KeyModifiers::CONTROL);
    let typed = |s: &mut Session, text: &str| {
        for c in text.chars() {
            press(s, KeyCode::Char(c), KeyModifiers::NONE);
        }
    };
    typed(&mut s, "Henk Jansne");
    ctrl(&mut s, 'w');
    assert_eq!(s.input.text(), "Henk ");
    for (w, h) in [(80, 24), (40, 20)] {
        let shown = screen(&s, w, h);
        assert!(
            shown.contains("Henk") && !shown.contains("Jansne"),
            "{shown}"
        );
    }
    typed(&mut s, "Jansen");
    ctrl(&mut s, 'u');
    assert_eq!(s.input.text(), "");
    // On the name screen of a new worker: the suggested name goes whole.
    typed(&mut s, "henkj");
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let shown = screen(&s, 40, 20);
    assert!(shown.contains("Welke naam zien je"), "{shown}");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    typed(&mut s, " de Boer");
    ctrl(&mut s, 'w');
    assert_eq!(s.input.text(), "henkj de ");
    ctrl(&mut s, 'u');
    assert_eq!(s.input.text(), "");
    for (w, h) in [(80, 24), (40, 20)] {
        let shown = screen(&s, w, h);
        assert!(!shown.contains("henkj"), "{shown}");
    }
}

#[test]
fn choosing_a_pin_says_it_guards_the_budget_and_vouchers_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();
    for (lang, words) in [
        ("nl", ["eigen notities", "budget", "voucher", "Minstens 4"]),
        ("en", ["private notes", "budget", "voucher", "At least 4"]),
    ] {
        let mut s = session(lang);
        for c in "Henk".chars() {
            s.key(Key::Char(c), &store);
        }
        s.key(Key::Enter, &store);
        s.key(Key::Enter, &store);
        for (w, h) in [(80, 24), (40, 20)] {
            let text = screen(&s, w, h);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for word in words {
                assert!(flat.contains(word), "{lang} {w}×{h}: {word:?} in\n{text}");
            }
        }
    }
}

/// A question typed at the welcome screen says, in one plain line, that a
/// name or a badge comes first, and keeps the question in the field:
/// whole at 40 columns, in Dutch and English.
#[test]
fn a_question_at_the_welcome_screen_says_name_first_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();
    for (lang, line) in [
        (
            "nl",
            "Typ eerst je naam of scan je pas. Je vraag bewaren we: die stel je meteen daarna.",
        ),
        (
            "en",
            "First type your name or scan your badge. We keep your question: you ask it right after.",
        ),
    ] {
        let mut s = session(lang);
        for c in "Waar is de koffie?".chars() {
            s.key(Key::Char(c), &store);
        }
        s.key(Key::Enter, &store);
        for (w, h) in [(80, 24), (40, 20)] {
            let text = screen(&s, w, h);
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(words.contains(line), "{lang} {w}×{h}:\n{text}");
            assert!(
                text.contains("Waar is de koffie?"),
                "{lang} {w}×{h}:\n{text}"
            );
        }
    }
}

/// A question typed at the welcome screen and then cleared for the name
/// is still kept: the screen says so and how to throw it away, whole at
/// 40 columns (the field no longer shows it).
#[test]
fn a_kept_question_is_said_under_the_empty_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("k.db")).unwrap();
    let mut s = session("nl");
    for c in "Waar is de koffie?".chars() {
        s.key(Key::Char(c), &store);
    }
    s.key(Key::Enter, &store);
    s.key(Key::Backspace, &store);
    for (w, h) in [(80, 24), (40, 20)] {
        let text = screen(&s, w, h);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Je vraag is bewaard: die stel je na het inloggen. Esc: weggooien."),
            "{w}×{h}:\n{text}"
        );
        assert!(!text.contains("koffie"), "{w}×{h}:\n{text}");
    }
    s.key(Key::Esc, &store);
    assert!(!screen(&s, 40, 20).contains("bewaard"));
}
