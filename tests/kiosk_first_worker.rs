//! A first-time worker at a Dutch kiosk (issue 11, the tester of session
//! 11): the words on a screen and its keys agree. A question that asks
//! "Weet jij het antwoord?" says how to answer; a lesson done and an
//! answer chosen offer nothing that is done already.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::{Draft, ItemId, Kind, NewItem};
use leertuin::store::{SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{ME, demo_app_in, other_process, said, screen, text};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn kiosk() -> (TempDir, App) {
    tui_support::kiosk_in("nl")
}

fn question(store: &SqliteStore, who: &str, words: &str) -> ItemId {
    let draft = Draft {
        text: words.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Question, who, &draft).expect("valid"))
        .expect("added")
}

/// Puts the cursor of `tab` on `id`, as ↑ and ↓ would.
fn select(app: &mut App, tab: Tab, id: ItemId) {
    app.reload();
    update(app, Action::GoTab(tab.index() as u8));
    update(app, Action::Top);
    for _ in 0..300 {
        if app.target_item().map(|i| i.id()) == Some(id) {
            return;
        }
        update(app, Action::Down);
    }
    panic!("{id} not on {tab:?}");
}

/// What a person reads: rows without borders, joined by a space.
fn read(rows: &[String]) -> String {
    rows.iter()
        .map(|r| r.replace(['│', '┌', '┐', '└', '┘', '─'], " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn last_row(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h).last().cloned().unwrap_or_default()
}

/// The hint lines (the last two rows at 40 columns), as one.
fn hints(app: &App, w: u16, h: u16) -> String {
    let rows = screen(app, w, h);
    rows[rows.len() - 2..].join(" ")
}

#[test]
fn a_colleagues_open_question_says_which_key_answers_it() {
    let (dir, mut app) = kiosk();
    let q = question(
        &other_process(&dir),
        "bram",
        "Waar ligt de sleutel van het hek?",
    );
    select(&mut app, Tab::Questions, q);
    // Beside the list (80 columns) Enter opens it first.
    let all = read(&screen(&app, 80, 24));
    assert!(
        all.contains("Weet jij het antwoord? Open de vraag met Enter om te antwoorden."),
        "{all}"
    );
    app.on_key(key(KeyCode::Enter));
    for (w, h) in [(40, 20), (80, 24)] {
        let all = read(&screen(&app, w, h));
        assert!(
            all.contains(
                "Nog geen antwoorden. Weet jij het antwoord? Druk op Enter om te antwoorden."
            ),
            "{w}×{h}: {all}"
        );
    }
    // And Enter does what the words say.
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(_))),
        "{:?}",
        app.overlay
    );
    // The pane names its own key, `a`.
    let (dir, mut pane) = demo_app_in("nl");
    let q = question(
        &other_process(&dir),
        "bram",
        "Waar ligt de sleutel van het hek?",
    );
    select(&mut pane, Tab::Questions, q);
    update(&mut pane, Action::Open);
    let all = read(&screen(&pane, 80, 24));
    assert!(all.contains("Druk op a om te antwoorden."), "{all}");
}

#[test]
fn a_lesson_done_says_so_and_enter_opens_no_done_form_again() {
    let (_dir, mut app) = kiosk();
    let lesson = ItemId::new(Kind::Lesson, 1);
    select(&mut app, Tab::Lessons, lesson);
    app.on_key(key(KeyCode::Enter));
    assert!(hints(&app, 80, 24).contains("Enter klaar"));
    app.on_key(key(KeyCode::Enter));
    for c in "rustig lezen".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    for (w, h) in [(80, 24), (40, 20)] {
        let line = hints(&app, w, h);
        assert!(line.contains("✓ klaar"), "{w}×{h}: {line}");
        assert!(!line.contains("Enter klaar"), "{w}×{h}: {line}");
    }
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "Enter opened {:?}", app.overlay);
    assert_eq!(said(&app), "Deze les heb je al klaar. Goed gedaan!");
}

#[test]
fn after_choosing_the_answer_nothing_offers_to_choose_it_again() {
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), ME, "Hoe zet ik de pers aan?");
    other_process(&dir)
        .answer(q, "bram", "Met de groene knop")
        .expect("answer");
    select(&mut app, Tab::Questions, q);
    app.on_key(key(KeyCode::Enter));
    let rows = screen(&app, 80, 24);
    assert!(text(&rows).contains("● nieuw"), "{}", text(&rows));
    assert!(last_row(&app, 80, 24).starts_with("Enter kies antwoord"));
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Enter));
    assert!(said(&app).contains("Je koos het antwoord van Bram Jansen"));
    for (w, h) in [(80, 24), (40, 20)] {
        let rows = screen(&app, w, h);
        let all = text(&rows);
        assert!(all.contains("✓ gekozen"), "{w}×{h}:\n{all}");
        assert!(!all.contains("nieuw"), "{w}×{h}:\n{all}");
        assert!(!hints(&app, w, h).contains("kies"), "{w}×{h}:\n{all}");
    }
    // Enter has nothing left to choose, and says so.
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(said(&app), "Je koos het antwoord al. Dank je!");
    // With a second answer, choosing another is what is left.
    other_process(&dir)
        .answer(q, "noor", "Of met de sleutel")
        .expect("answer");
    app.reload();
    assert!(
        last_row(&app, 80, 24).starts_with("Enter ander antwoord kiezen"),
        "{}",
        last_row(&app, 80, 24)
    );
}

/// A sentence copied where it wrapped, with the spaces a document leaves.
const WRAPPED: &str = "Hoe vaak moet de olie   \r\n\r\n    van de pers ververst worden?";
const ONE_LINE: &str = "Hoe vaak moet de olie van de pers ververst worden?";

#[test]
fn pasted_lines_in_a_one_line_field_meet_with_one_space() {
    use leertuin::tui::event::Input;
    // The kiosk's answer form.
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), "bram", "Wie weet iets van de pers?");
    select(&mut app, Tab::Questions, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Enter));
    app.on_input(Input::Paste(WRAPPED.into()));
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(p.input.text(), ONE_LINE);
    // The pane's search and a new wish on Wensen.
    let (_dir, mut pane) = demo_app_in("nl");
    update(&mut pane, Action::Search);
    pane.on_input(Input::Paste(WRAPPED.into()));
    let Some(leertuin::tui::app::Screen::Search(s)) = pane.stack.last() else {
        panic!("search");
    };
    assert_eq!(s.query(), ONE_LINE);
    // A question's form keeps its lines: the first is the question.
    update(&mut pane, Action::Back);
    update(&mut pane, Action::GoTab(Tab::Questions.index() as u8));
    pane.on_input(Input::Paste("Waar is de olie?\nvoor de pers".into()));
    let Some(Overlay::Capture(form)) = &pane.overlay else {
        panic!("{:?}", pane.overlay);
    };
    assert_eq!(form.text.text(), "Waar is de olie?\nvoor de pers");
}

#[test]
fn a_letter_or_two_typed_by_chance_at_the_kiosk_is_no_draft() {
    // What an idle logout or a signal keeps: `App::unsaved`.
    let (_dir, mut app) = kiosk();
    app.on_key(key(KeyCode::Char('a')));
    assert!(matches!(app.overlay, Some(Overlay::Capture(_))));
    assert!(app.unsaved().is_none(), "one letter kept as a draft");
    for c in " b ".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    assert!(app.unsaved().is_none(), "two letters kept as a draft");
    app.on_key(key(KeyCode::Char('c')));
    assert!(app.unsaved().is_some(), "three letters are words to keep");
}

#[test]
fn a_kiosk_capture_with_tags_is_kept_whatever_its_text() {
    let (_dir, mut app) = kiosk();
    app.on_key(key(KeyCode::Char('a')));
    // ↓ goes to the tags.
    app.on_key(key(KeyCode::Down));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(form.field, leertuin::tui::views::capture::Field::Tags);
    for c in "pers".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    let Some(leertuin::capture::Unsaved::Capture { draft, .. }) = app.unsaved() else {
        panic!("a capture with tags is not kept");
    };
    assert_eq!(
        (draft.text.as_str(), draft.tags),
        ("a", vec!["pers".into()])
    );
}

#[test]
fn short_answers_wishes_and_the_panes_texts_are_kept_as_drafts() {
    use leertuin::capture::Unsaved;
    // A kiosk answer "Ja" is a whole answer.
    let (dir, mut app) = kiosk();
    let q = question(&other_process(&dir), "bram", "Wie weet iets van de pers?");
    select(&mut app, Tab::Questions, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Enter));
    for c in "Ja".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    match app.unsaved() {
        Some(Unsaved::Answer { text, .. }) => assert_eq!(text, "Ja"),
        other => panic!("the answer 'Ja' not kept: {other:?}"),
    }
    // A wish of two letters at the kiosk (Ctrl-N on Wensen).
    app.overlay = None;
    update(&mut app, Action::GoTab(Tab::Wishes.index() as u8));
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "{:?}",
        app.overlay
    );
    for c in "Go".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    match app.unsaved() {
        Some(Unsaved::Form { form, .. }) => assert_eq!(form.fields, vec!["Go".to_string()]),
        other => panic!("the wish 'Go' not kept: {other:?}"),
    }
    // The pane's signal path: a capture of two letters.
    let (_dir, mut pane) = demo_app_in("nl");
    update(&mut pane, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut pane, Action::Capture);
    for c in "ok".chars() {
        pane.on_key(key(KeyCode::Char(c)));
    }
    match pane.unsaved() {
        Some(Unsaved::Capture { draft, .. }) => assert_eq!(draft.text, "ok"),
        other => panic!("the pane's 'ok' not kept: {other:?}"),
    }
    // The popup's (`leertuin capture`), which keeps its form through
    // `around::unsaved`.
    let Some(Overlay::Capture(form)) = &pane.overlay else {
        panic!("{:?}", pane.overlay);
    };
    let drafts = pane.around.drafts.as_ref();
    assert!(leertuin::tui::around::unsaved(drafts, ME, form).is_some());
}

#[test]
fn the_first_wish_says_it_makes_a_wish() {
    let (_dir, mut app) = kiosk();
    leertuin::tui::wishes::first_wish(&mut app);
    for (w, h) in [(40, 20), (80, 24)] {
        let all = read(&screen(&app, w, h));
        assert!(
            all.contains("Een wens maken: wat wil je leren?"),
            "{w}×{h}: {all}"
        );
        assert!(
            all.contains("Je wens komt bij Wensen. Collega's zien hem en kunnen je helpen."),
            "{w}×{h}: {all}"
        );
        assert!(all.contains("Esc = overslaan"), "{w}×{h}: {all}");
    }
    // The wish form the Wensen tab opens needs no such words: it is there.
    app.overlay = None;
    update(&mut app, Action::GoTab(Tab::Wishes.index() as u8));
    leertuin::tui::wishes::new_wish(&mut app);
    let all = read(&screen(&app, 80, 24));
    assert!(
        all.contains("Wat wil je leren?") && !all.contains("Een wens maken"),
        "{all}"
    );
}

/// After a new worker's first post the kiosk offers a wish: an offer,
/// not a form, so a second question typed at once is a question (the
/// usability test: "Hoe laat begint de pauze?" became a public wish). It
/// says what Enter makes, where the wish goes, that Esc skips and that
/// typing asks, whole at 40 columns.
#[test]
fn the_first_wish_is_an_offer_that_takes_no_text() {
    let (_dir, mut app) = kiosk();
    leertuin::tui::wish_offer::offer(&mut app);
    // Whole at 40 columns; at 80 the box wraps beside the list, so its
    // lines are read one by one.
    let all = read(&screen(&app, 40, 20));
    for words in [
        "Een wens maken?",
        "Wil je iets leren? Maak er een wens van.",
        "Je wens komt bij Wensen. Collega's zien hem en kunnen je helpen.",
        "Enter = wens maken · Esc = overslaan · Typ gewoon voor een nieuwe vraag.",
    ] {
        assert!(all.contains(words), "40×20: {words}: {all}");
    }
    let all = text(&screen(&app, 80, 24));
    for words in [
        "Een wens maken?",
        "Wil je iets leren? Maak er een wens van.",
        "Je wens komt bij Wensen.",
        "Enter = wens maken · Esc = overslaan",
    ] {
        assert!(all.contains(words), "80×24: {words}: {all}");
    }
    for (w, h) in [(40, 20), (80, 24)] {
        let hints = hints(&app, w, h);
        assert!(hints.contains("Enter wens maken"), "{w}×{h}: {hints}");
        assert!(hints.contains("Esc overslaan"), "{w}×{h}: {hints}");
    }
    app.on_key(key(KeyCode::Char('H')));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the letter did not ask: {:?}", app.overlay);
    };
    assert_eq!(form.kind, Kind::Question);
    assert_eq!(form.text.text(), "H");
}

#[test]
fn me_says_what_its_chart_counts_beside_the_lessons_done() {
    // A new worker: one lesson done with a reflection, no "ik leerde" yet.
    let (dir, mut app) = kiosk();
    let store = other_process(&dir);
    store
        .mark_done("henk", ItemId::new(Kind::Lesson, 1), Some("rustig lezen"))
        .expect("done");
    app.user = "henk".into();
    app.reload();
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    for (w, h) in [(40, 30), (80, 30)] {
        let rows = screen(&app, w, h);
        let all = text(&rows);
        // The chart counts "ik leerde" notes, and says so; the lesson is
        // counted on its own line. "Jij leerde: 0" read as "nothing".
        assert!(
            all.contains("Jouw ‘ik leerde’: 0 in 12 weken"),
            "{w}:\n{all}"
        );
        assert!(all.contains("1 les af"), "{w}:\n{all}");
        assert!(!all.contains("Jij leerde"), "{w}:\n{all}");
        // The lesson's check questions are called so, as on the lesson
        // ("Alleen lessen hebben testvragen"), not "kaarten".
        assert!(
            all.contains("testvra") && !all.contains("kaart"),
            "{w}:\n{all}"
        );
        // No "niet gezegd 1" for the "het hielp bij" left open: the
        // reflection itself is what the lesson brought.
        assert!(!all.contains("niet gezegd"), "{w}:\n{all}");
        assert!(all.contains("“rustig lezen”"), "{w}:\n{all}");
    }
}

#[test]
fn ones_own_question_offers_no_backing_and_plus_says_it_is_ones_own() {
    // With the PIN and by name alone: the question is the asker's either way.
    for public in [false, true] {
        let (dir, mut app) = kiosk();
        app.public = public;
        let own = question(&other_process(&dir), ME, "Wie heeft de sleutel?");
        let theirs = question(&other_process(&dir), "bram", "Waar is de bezem?");
        // A colleague's question: `+` backs it, as before.
        select(&mut app, Tab::Questions, theirs);
        app.on_key(key(KeyCode::Enter));
        assert!(
            hints(&app, 80, 24).contains("+ steunen"),
            "{public}: {}",
            hints(&app, 80, 24)
        );
        update(&mut app, Action::Back);
        // One's own: no `+` on the list, opened, nor in help.
        select(&mut app, Tab::Questions, own);
        for opened in [false, true] {
            if opened {
                app.on_key(key(KeyCode::Enter));
            }
            for (w, h) in [(80, 24), (40, 20)] {
                let line = hints(&app, w, h);
                assert!(!line.contains("steunen"), "{public} {w}×{h}: {line}");
            }
            update(&mut app, Action::Help);
            let Some(Overlay::Help(help)) = &app.overlay else {
                panic!("help is not open")
            };
            assert!(
                !help.rows.iter().any(|(_, what)| what.contains("ook weten")
                    || what.contains("kan helpen")
                    || what.contains("tijd")),
                "{public} {:?}",
                help.rows
            );
            update(&mut app, Action::Cancel);
            // Pressed anyway: said plainly, nothing asked, nothing stored.
            app.on_key(key(KeyCode::Char('+')));
            assert!(app.overlay.is_none(), "{public}: {:?}", app.overlay);
            assert_eq!(
                said(&app),
                "Dit is je eigen vraag: steunen doe je bij vragen van collega's."
            );
        }
        let leertuin::domain::Item::Question(q) = other_process(&dir).get(own, ME).unwrap() else {
            panic!("a question")
        };
        assert!(q.backings.is_empty(), "{:?}", q.backings);
    }
}

#[test]
fn the_draft_offered_at_login_says_what_each_key_does() {
    let draft = |app: &App| {
        let drafts = app.around.drafts.clone().expect("test drafts");
        leertuin::capture::keep(
            Some(&drafts),
            ME,
            Kind::Question,
            &Draft {
                text: "Waar staat de trap voor de hoge kast?".into(),
                ..Draft::default()
            },
            None,
        )
        .expect("keep");
        drafts
    };
    let (_dir, mut app) = kiosk();
    let drafts = draft(&app);
    app.offer_drafts();
    for (w, h) in [(80, 24), (40, 20)] {
        let all = read(&screen(&app, w, h));
        for words in ["Enter: verder met deze", "Del: weggooien", "Esc: later"] {
            assert!(all.contains(words), "{w}×{h}: {words}: {all}");
        }
        assert!(!all.contains("typen: nieuw"), "{w}×{h}: {all}");
    }
    // Esc: later, and the draft is kept, as the words say.
    app.on_key(key(KeyCode::Esc));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(drafts.list_for(ME).expect("drafts").len(), 1);
    // Enter: on with this text.
    app.offer_drafts();
    app.on_key(key(KeyCode::Enter));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(form.text.text(), "Waar staat de trap voor de hoge kast?");
}

#[test]
fn ctrl_n_on_a_tab_without_a_kind_of_its_own_asks_as_on_start() {
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    for tab in [Tab::ForYou, Tab::Lessons, Tab::Team, Tab::Me] {
        let (_dir, mut app) = kiosk();
        update(&mut app, Action::GoTab(tab.index() as u8));
        update(&mut app, Action::Help);
        let Some(Overlay::Help(help)) = &app.overlay else {
            panic!("help is not open")
        };
        assert!(
            help.rows
                .iter()
                .any(|(_, what)| what.as_str() == "een vraag stellen"),
            "{tab:?}: {:?}",
            help.rows
        );
        update(&mut app, Action::Cancel);
        app.on_key(ctrl_n);
        let all = read(&screen(&app, 80, 24));
        assert!(all.contains("Vraag stellen"), "{tab:?}: {all}");
        assert!(!all.contains("Wat wil je delen"), "{tab:?}: {all}");
        // The cursor is in the text: a letter is the question's first.
        app.on_key(key(KeyCode::Char('W')));
        let Some(Overlay::Capture(form)) = &app.overlay else {
            panic!("{tab:?}: {:?}", app.overlay);
        };
        assert_eq!(form.text.text(), "W", "{tab:?}");
        assert_eq!(form.kind, Kind::Question, "{tab:?}");
    }
}

#[test]
fn a_two_line_paste_at_the_kiosk_is_one_question() {
    use leertuin::tui::event::Input;
    const PASTED: &str = "Wie heeft de sleutel  \r\nvan het magazijn?\n";
    const ONE: &str = "Wie heeft de sleutel van het magazijn?";
    // Pasted on the list: the question form opens with it on one line.
    let (dir, mut app) = kiosk();
    app.on_input(Input::Paste(PASTED.into()));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(form.text.text(), ONE);
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    let asked = other_process(&dir)
        .list(
            &leertuin::store::ListQuery {
                kind: Some(Kind::Question),
                tag: None,
                limit: 100,
                no_knowhow: false,
            },
            ME,
        )
        .expect("list");
    let Some(leertuin::domain::Item::Question(q)) = asked.iter().find(|i| i.title() == ONE) else {
        panic!(
            "not one question: {:?}",
            asked.iter().map(|i| i.title()).collect::<Vec<_>>()
        );
    };
    assert_eq!(q.body, "");
    // Pasted into a question being typed: it joins the line typed.
    let (_dir, mut app) = kiosk();
    for c in "Vraag: ".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_input(Input::Paste(PASTED.into()));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(form.text.text(), format!("Vraag: {ONE}"));
}

/// Found by the tester: `/` "heftruck oplader" at 80 columns showed
/// "…is de heftruck oplader?", cut at its front though the whole question
/// fit the row without its kind word "vraag".
#[test]
fn a_search_hit_whose_title_fits_the_row_is_shown_whole() {
    let (dir, mut app) = kiosk();
    question(&other_process(&dir), "bram", "Waar is de heftruck oplader?");
    app.reload();
    update(&mut app, Action::Search);
    for c in "heftruck oplader".chars() {
        update(&mut app, Action::Type(c));
    }
    let rows = screen(&app, 80, 24);
    let hit = rows
        .iter()
        .find(|r| r.starts_with("│> "))
        .unwrap_or_else(|| panic!("{}", text(&rows)));
    assert!(
        hit.starts_with("│> Waar is de heftruck oplader?"),
        "{}",
        text(&rows)
    );
    let list: String = hit.chars().take(34).collect();
    assert!(!list.contains('…'), "{}", text(&rows));
}

/// Found by the tester of the pane's edges: logged in with the PIN, a
/// question pasted on Tips opened "Tip delen" and Enter published it as a
/// tip (on Geleerd: "Wat heb je geleerd?"), though a letter typed there
/// asks. A paste is typing: on every list and item at the kiosk it asks,
/// its broken sentence joined. The pane keeps its paste of the tab's kind.
#[test]
fn a_paste_on_tips_or_geleerd_at_the_kiosk_asks_as_typing_does() {
    use leertuin::tui::event::Input;
    const PASTED: &str = "Wie heeft de sleutel\nvan de kantine?";
    const ONE: &str = "Wie heeft de sleutel van de kantine?";
    for tab in [Tab::Tips, Tab::Learned, Tab::Wishes, Tab::Lessons] {
        let (dir, mut app) = kiosk();
        assert!(!app.public, "logged in with the PIN");
        update(&mut app, Action::GoTab(tab.index() as u8));
        app.on_input(Input::Paste(PASTED.into()));
        let Some(Overlay::Capture(form)) = &app.overlay else {
            panic!("{tab:?}: {:?}", app.overlay);
        };
        assert_eq!(form.kind, Kind::Question, "{tab:?}");
        assert_eq!(form.text.text(), ONE, "{tab:?}");
        let all = read(&screen(&app, 40, 20));
        assert!(all.contains("Vraag stellen"), "{tab:?}: {all}");
        assert!(!all.contains("Tip delen"), "{tab:?}: {all}");
        app.on_key(key(KeyCode::Enter));
        assert!(app.overlay.is_none(), "{tab:?}: {:?}", app.overlay);
        let store = other_process(&dir);
        let with = |kind| {
            store
                .list(
                    &leertuin::store::ListQuery {
                        kind: Some(kind),
                        tag: None,
                        limit: 500,
                        no_knowhow: false,
                    },
                    ME,
                )
                .expect("list")
                .iter()
                .filter(|i| i.title() == ONE)
                .count()
        };
        assert_eq!(with(Kind::Question), 1, "{tab:?}");
        assert_eq!(with(Kind::Tip), 0, "{tab:?}");
        assert_eq!(with(Kind::Learned), 0, "{tab:?}");
    }
    // On an open tip too: typing there asks as well.
    let (_dir, mut app) = kiosk();
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    update(&mut app, Action::Open);
    app.on_input(Input::Paste(PASTED.into()));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!((form.kind, form.text.text()), (Kind::Question, ONE));
    // The pane (no kiosk): a paste on Tips starts a tip, its lines kept.
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    app.on_input(Input::Paste(PASTED.into()));
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!((form.kind, form.text.text()), (Kind::Tip, PASTED));
}

/// Found by the tester of the pane's edges: a note saved with `[x] privé`
/// was thanked "Dank je voor het delen!", and the Geleerd list showed
/// nothing private about it. It says it is for you alone, and its row
/// says "privé" where a shared note names its author, at 40 columns too.
#[test]
fn a_private_note_is_said_to_be_yours_alone_and_marked_on_the_list() {
    use leertuin::tui::views::capture::Field;
    const NOTE: &str = "Mijn pincode niet op een briefje";
    const SHARED: &str = "De pers stopt als de deur opengaat";
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    for kiosk_mode in [true, false] {
        let (_dir, mut app) = if kiosk_mode {
            kiosk()
        } else {
            demo_app_in("nl")
        };
        update(&mut app, Action::GoTab(Tab::Learned.index() as u8));
        for (text, private) in [(SHARED, false), (NOTE, true)] {
            app.on_key(ctrl_n);
            let Some(Overlay::Capture(form)) = &mut app.overlay else {
                panic!("{:?}", app.overlay);
            };
            assert_eq!(form.kind, Kind::Learned);
            form.text.insert_str(text);
            if private {
                while form.field != Field::Toggle {
                    leertuin::tui::views::capture::update(form, Action::NextField);
                }
                // The box says how it is ticked, where it is ticked.
                let words = tui_support::text(&screen(&app, 40, 20))
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(words.contains("spatie: aan/uit"), "{words}");
                let Some(Overlay::Capture(form)) = &mut app.overlay else {
                    panic!("{:?}", app.overlay);
                };
                leertuin::tui::views::capture::update(form, Action::Type(' '));
                assert!(form.private);
            }
            app.on_key(key(KeyCode::Enter));
            assert!(app.overlay.is_none(), "{:?}", app.overlay);
            let line = said(&app);
            if private {
                assert!(line.contains("Alleen jij ziet het."), "{line}");
                assert!(!line.contains("delen"), "{line}");
            } else {
                assert!(line.contains("Dank je voor het delen!"), "{line}");
            }
        }
        app.status.clear();
        let rows = screen(&app, 40, 20);
        let row = |title: &str| {
            rows.iter()
                .find(|r| r.contains(&title[..12]))
                .unwrap_or_else(|| panic!("{title}:\n{}", text(&rows)))
                .clone()
        };
        assert!(row(NOTE).contains("privé"), "{}", text(&rows));
        assert!(!row(SHARED).contains("privé"), "{}", text(&rows));
    }
}
