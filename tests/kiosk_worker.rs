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
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{ME, demo_app_in, other_process, said, screen};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A kiosk pane in Dutch as the kiosk runs it: typing on a list asks a
/// question, and no key quits.
fn kiosk() -> (TempDir, App) {
    tui_support::kiosk_in("nl")
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
            last.starts_with("Enter kies antwoord"),
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

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn a_name_without_its_pin_gets_no_form_to_change_things() {
    let (dir, mut app) = kiosk();
    // A typed name with a PIN, logged in without it ("alleen gedeeld").
    give_a_pin(&dir);
    app.public = true;
    let q = question(&other_process(&dir), ME, "Waar staat de koffie?");
    other_process(&dir)
        .answer(q, "bram", "Naast de printer")
        .expect("answer");
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    // Only what can be done is offered: choosing the answer that helped
    // needs the PIN, so neither the hint nor the question's text offers
    // it, at 80 or 40 columns; Enter answers, as on any question.
    for (w, h) in [(80, 24), (40, 20)] {
        let rows = screen(&app, w, h);
        let last = rows.last().cloned().unwrap_or_default();
        let all = rows.join("\n");
        assert!(
            !last.contains("kies antwoord") && last.contains("Enter antwoorden"),
            "{w}×{h}:\n{all}"
        );
        assert!(!all.contains("Kies het"), "{w}×{h}:\n{all}");
    }
    // Edit and delete: one line why, no form.
    for k in [ctrl('e'), key(KeyCode::Delete)] {
        app.on_key(k);
        assert!(app.overlay.is_none(), "{k:?} opened {:?}", app.overlay);
        assert_eq!(said(&app), "Log in met je pincode om dit te doen.");
    }
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "Enter opened {:?}",
        app.overlay
    );
    app.on_key(key(KeyCode::Esc));
    // The profile on Me neither.
    app.on_key(key(KeyCode::Esc));
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    app.on_key(ctrl('e'));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(said(&app), "Log in met je pincode om dit te doen.");
    // A question may still be asked, but no undo is promised.
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    for c in "Waar ligt de sleutel?".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.on_key(key(KeyCode::Enter));
    assert!(said(&app).contains("staat erin"), "{}", said(&app));
    assert!(!said(&app).contains("Ctrl-Z"), "{}", said(&app));
    assert_eq!(accepted(&dir, q), vec![("bram".to_string(), false)]);
}

#[test]
fn the_kiosk_names_posts_in_words_not_ids() {
    let (dir, mut app) = kiosk();
    for c in "Waar ligt de sleutel?".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.on_key(key(KeyCode::Enter));
    let s = said(&app);
    assert!(s.contains("Je vraag staat erin."), "{s}");
    assert!(!s.contains(" q"), "an id: {s}");
    // Changing it: the form is "Je vraag aanpassen", not "q…#… aanpassen".
    let q = match other_process(&dir)
        .list(
            &leertuin::store::ListQuery {
                kind: Some(Kind::Question),
                limit: 100,
                ..Default::default()
            },
            ME,
        )
        .expect("list")
        .into_iter()
        .find(|i| matches!(i, Item::Question(q) if q.title == "Waar ligt de sleutel?"))
    {
        Some(i) => i.id(),
        None => panic!("not stored"),
    };
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(ctrl('e'));
    for (w, h) in [(80, 24), (40, 20)] {
        let all = screen(&app, w, h).join("\n");
        assert!(all.contains("Je vraag aanpassen"), "{all}");
        assert!(!all.contains(&format!("{q} aanpassen")), "{all}");
    }
}

#[test]
fn an_empty_question_says_what_to_do_and_tab_says_how_to_leave() {
    let (_dir, mut app) = kiosk();
    update(&mut app, Action::Capture);
    app.on_key(key(KeyCode::Enter));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(
        form.error.as_deref(),
        Some("Typ eerst je vraag en druk dan op Enter.")
    );
    // Tab keeps it a question at the kiosk, and says how to leave: that
    // line takes the place of the one about the empty question.
    app.on_key(key(KeyCode::Tab));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(form.kind, leertuin::domain::Kind::Question);
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.starts_with("Tab wisselt hier niets")),
        "{:?}",
        form.error
    );
    let all = screen(&app, 40, 20).join("\n");
    assert!(!all.contains("leeg") && !all.contains("Typ eerst"), "{all}");
}

#[test]
fn me_says_answers_given_not_answered() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), "bram", "Waar is de bezem?");
    other_process(&dir)
        .answer(q, ME, "In de kast")
        .expect("answer");
    app.reload();
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let all = screen(&app, 80, 40).join("\n");
    let words = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("1 antwoord gegeven"), "{all}");
    assert!(!all.contains("beantwoord"), "{all}");
}

fn questions(dir: &TempDir) -> usize {
    posts(dir, Kind::Question)
}

/// How many posts of `kind` the store holds, as another process reads it.
fn posts(dir: &TempDir, kind: Kind) -> usize {
    let all = leertuin::store::ListQuery {
        kind: Some(kind),
        tag: None,
        limit: 100_000,
        no_knowhow: false,
    };
    other_process(dir).count(&all, ME).expect("count")
}

/// Ans answered and walked away with the list still open; Henk arrives and
/// types his name and PIN as if the kiosk were waiting for him. Neither may
/// become a public question under Ans's name.
#[test]
fn one_word_typed_at_a_kiosk_left_open_is_not_saved_as_a_question() {
    let (dir, mut app) = kiosk();
    let before = questions(&dir);
    for login in ["henk", "1234"] {
        for c in login.chars() {
            app.on_key(key(KeyCode::Char(c)));
        }
        app.on_key(key(KeyCode::Enter));
        assert!(
            matches!(app.overlay, Some(Overlay::Capture(_))),
            "{login}: the form closed"
        );
        let all = screen(&app, 40, 20).join(" ");
        assert!(all.contains("paar woorden"), "{login}: no reason:\n{all}");
        // Whose screen it still is, by name: the next worker knows to leave.
        let mia = other_process(&dir).person(ME).expect("read").expect("mia");
        let Some(Overlay::Capture(form)) = &app.overlay else {
            unreachable!()
        };
        let said = form.error.clone().unwrap_or_default();
        assert!(said.contains(&format!("niet {}?", mia.name)), "{said}");
        assert_eq!(questions(&dir), before, "{login} was saved");
        app.on_key(key(KeyCode::Esc));
        app.on_key(key(KeyCode::Esc));
    }
    // A real question of a few words is saved as before.
    for c in "Waar ligt de sleutel?".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    assert_eq!(questions(&dir), before + 1);
}

/// Henk types his full name at the screen Ans left open (tester report,
/// session 15: "piet Jansen" became a public question under her name).
/// Two or three words without a question mark are asked about once; the
/// same text again is a question after all, and a real question with a
/// question mark is never held.
#[test]
fn a_full_name_typed_at_a_kiosk_left_open_is_asked_about_first() {
    let (dir, mut app) = kiosk();
    let before = questions(&dir);
    let mia = other_process(&dir).person(ME).expect("read").expect("mia");
    for c in "piet Jansen".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form closed: {:?}", app.overlay)
    };
    assert_eq!(form.text.text(), "piet Jansen");
    let said = form.error.clone().unwrap_or_default();
    assert!(said.starts_with("Is dit een naam?"), "{said}");
    assert!(said.contains(&format!("niet {}?", mia.name)), "{said}");
    assert_eq!(questions(&dir), before, "the name was saved");
    // All of it readable at 40 columns, the way out included.
    let all = screen(&app, 40, 20).join("\n");
    assert!(all.contains("Is dit een naam?"), "{all}");
    assert!(all.contains("Druk op Esc tot je uitgelogd"), "{all}");
    // Enter again on the same words: it is a question after all.
    app.on_key(key(KeyCode::Enter));
    assert_eq!(questions(&dir), before + 1, "asked twice, not saved");
    // Three words with a question mark go in at once.
    for c in "Koffie op weer?".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    assert_eq!(questions(&dir), before + 2);
}

#[test]
fn the_asker_is_not_asked_whether_they_know_the_answer() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), ME, "Waar ligt de stofzuiger?");
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    let rows = screen(&app, 40, 20).join(" ");
    assert!(rows.contains("Nog geen antwoord."), "{rows}");
    assert!(!rows.contains("Weet jij het antwoord"), "{rows}");
}

#[test]
fn a_long_answer_wraps_at_40_columns_instead_of_scrolling_sideways() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), "bram", "Waar liggen de handschoenen?");
    select(&mut app, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "{:?}",
        app.overlay
    );
    let answer = "Begin in de kast bij de deur, tweede plank. Maat tien ligt links.";
    for c in answer.chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let rows = screen(&app, 40, 20);
    let all = rows.join("\n");
    assert!(
        all.contains("Begin in de kast"),
        "the start is out of sight:\n{all}"
    );
    assert!(all.contains("links."), "{all}");
}

/// The deletion notice at the kiosk: Del on one's own question asks
/// first, then says in words what went and how to take it back; Ctrl-Z
/// brings it back.
#[test]
fn deleting_an_own_question_says_what_went_and_how_to_undo() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), ME, "Waar staat de ladder?");
    select(&mut app, q);
    app.on_key(key(KeyCode::Delete));
    assert!(
        matches!(app.overlay, Some(Overlay::Choose(_))),
        "no confirmation: {:?}",
        app.overlay
    );
    app.on_key(key(KeyCode::Enter));
    let s = said(&app);
    assert_eq!(s, "Je vraag is verwijderd. Ctrl-Z = ongedaan maken", "{s}");
    let rows = screen(&app, 40, 20).join(" ");
    assert!(rows.contains("Je vraag is verwijderd."), "{rows}");
    assert!(other_process(&dir).get(q, ME).is_err(), "still there");
    app.on_key(ctrl('z'));
    assert!(said(&app).contains("staat er weer"), "{}", said(&app));
    assert!(other_process(&dir).get(q, ME).is_ok(), "not back");
}

/// Mia gets a kiosk PIN (as `leertuin kiosk pin` gives one).
fn give_a_pin(dir: &TempDir) {
    let hash = leertuin::kiosk::pin::hash("4711").expect("hash");
    other_process(dir)
        .batch(&|w| w.set_person_pin(ME, &hash))
        .expect("pin");
}

#[test]
fn a_name_that_has_no_pin_is_told_how_to_get_one() {
    // Issue 11: "Log in met je pincode" to a worker who has no PIN.
    let (_dir, mut app) = kiosk();
    app.public = true;
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    app.on_key(ctrl('e'));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(
        said(&app),
        "Hiervoor heb je een pincode nodig. Je hebt er nog geen: vraag de beheerder er een te maken."
    );
}

#[test]
fn at_the_kiosk_plus_backs_a_colleagues_question_and_the_hint_says_so() {
    // Issue 11: only "Enter antwoorden · Esc terug" on another person's
    // question, though backing is for every login, with a PIN or without.
    for public in [false, true] {
        let (dir, mut app) = kiosk();
        app.public = public;
        let q = question(&other_process(&dir), "bram", "Hoe zet ik de lasser aan?");
        select(&mut app, q);
        app.on_key(key(KeyCode::Enter));
        let rows = screen(&app, 80, 24);
        let last = rows.last().cloned().unwrap_or_default();
        assert!(
            last.contains("+ steunen"),
            "public {public}:\n{}",
            rows.join("\n")
        );
        // Help names it too.
        app.on_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
        let help = screen(&app, 80, 40).join("\n");
        assert!(
            help.lines()
                .any(|l| l.contains("│+ ") && l.contains("ook weten")),
            "{help}"
        );
        app.on_key(key(KeyCode::Esc));
        // `+` asks first, Enter stores the backing.
        app.on_key(KeyEvent::new(KeyCode::Char('+'), KeyModifiers::NONE));
        assert!(
            matches!(app.overlay, Some(Overlay::Choose(_))),
            "+ opened {:?}",
            app.overlay
        );
        app.on_key(key(KeyCode::Enter));
        let backed = match other_process(&dir).get(q, ME).expect("question") {
            Item::Question(q) => q.backings.iter().any(|b| b.person == ME),
            other => panic!("{other:?}"),
        };
        assert!(backed, "public {public}: not backed; said {}", said(&app));
    }
}

/// A first-time worker pressed → and ← on a list to change tabs and
/// nothing happened (usability test, session 15): they go to the next and
/// the previous tab, as Tab and Shift-Tab do, and type nothing.
#[test]
fn arrow_keys_change_tabs_on_a_list() {
    let (_dir, mut app) = kiosk();
    let first = app.tab;
    app.on_key(key(KeyCode::Right));
    assert_ne!(app.tab, first);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    app.on_key(key(KeyCode::Left));
    assert_eq!(app.tab, first);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
}

/// A code alone is no post of any kind: the tip Ctrl-N opens on Tips at
/// a kiosk refuses it, says whose screen this is, and keeps it in dots.
#[test]
fn a_code_alone_in_a_kiosk_tip_is_refused() {
    let (dir, mut app) = kiosk();
    let before = posts(&dir, Kind::Tip);
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    app.on_key(ctrl('n'));
    for c in "4711".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form closed: {:?}", app.overlay)
    };
    assert_eq!(form.kind, Kind::Tip);
    let said = form.error.clone().unwrap_or_default();
    assert!(
        said.starts_with("Een code alleen wordt niet opgeslagen."),
        "{said}"
    );
    let all = screen(&app, 40, 20).join("\n");
    assert!(!all.contains("4711"), "the code shows:\n{all}");
    assert_eq!(posts(&dir, Kind::Tip), before, "the code was saved");
}

#[test]
fn a_name_without_its_pin_shares_no_tip_or_learned_under_it() {
    let (dir, mut app) = kiosk();
    give_a_pin(&dir);
    app.public = true;
    // Ctrl-N makes that tab's kind; on Tips and Geleerd it would speak
    // for the person whose name was typed, so no form opens.
    for tab in [Tab::Tips, Tab::Learned] {
        update(&mut app, Action::GoTab(tab.index() as u8));
        app.on_key(ctrl('n'));
        assert!(app.overlay.is_none(), "{tab:?} opened {:?}", app.overlay);
        assert_eq!(said(&app), "Log in met je pincode om dit te doen.");
    }
    // Typing still asks a question there.
    app.on_key(key(KeyCode::Char('W')));
    assert!(
        matches!(app.overlay, Some(Overlay::Capture(_))),
        "typing opened {:?}",
        app.overlay
    );
}
