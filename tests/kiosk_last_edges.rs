//! The last edges of issue 11 (a tester and a reviewer, session 8), on the
//! pane as the Dutch kiosk runs it: votes in words, help that offers only
//! what the session may do, a way to say "I can help" without a letter,
//! tab names that are told apart, and one refusal text for want of a PIN.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::domain::{BackingKind, Draft, Item, ItemId, Kind, NewItem};
use leertuin::store::{SqliteStore, Store, StoreError};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{ME, demo_app_in, kiosk_in, other_process, said, screen, text};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A kiosk pane in Dutch as the kiosk runs it: typing on a list asks a
/// question, and no key quits.
fn kiosk() -> (TempDir, App) {
    kiosk_in("nl")
}

fn add(store: &SqliteStore, kind: Kind, who: &str, text: &str) -> ItemId {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(kind, who, &draft).expect("valid"))
        .expect("added")
}

/// Puts the cursor of `tab` on `id`.
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
    panic!("{id} not in {tab:?}");
}

fn backings(dir: &TempDir, q: ItemId) -> Vec<(BackingKind, Option<i64>)> {
    match other_process(dir).get(q, ME).expect("question") {
        Item::Question(q) => q
            .backings
            .iter()
            .filter(|b| b.person == ME)
            .map(|b| (b.kind, b.minutes))
            .collect(),
        other => panic!("{other:?}"),
    }
}

/// The tester: tips at the kiosk read "▲0". A vote count is said in
/// words, as answers are ("1 stem"), and a tip nobody voted for shows no
/// count at all; no ▲ anywhere, on the list or the open tip.
#[test]
fn tips_show_votes_in_words_and_nothing_at_zero() {
    let (dir, mut app) = kiosk();
    let other = other_process(&dir);
    let none = add(
        &other,
        Kind::Tip,
        "bram",
        "Zet de pers uit voor het poetsen",
    );
    let one = add(&other, Kind::Tip, "bram", "Olie bijvullen na elke ploeg");
    other.vote(one, "henk").expect("vote");
    select(&mut app, Tab::Tips, none);
    for (w, h) in [(80, 24), (40, 20)] {
        let rows = screen(&app, w, h);
        let all = text(&rows);
        assert!(!all.contains('▲'), "{w}×{h}:\n{all}");
        let row = rows
            .iter()
            .find(|r| r.contains("Zet de pers uit"))
            .unwrap_or_else(|| panic!("{w}×{h}:\n{all}"));
        assert!(!row.contains('0'), "{w}×{h}: {row}");
        assert!(all.contains("1 stem"), "{w}×{h}:\n{all}");
    }
    app.on_key(key(KeyCode::Enter));
    for (w, h) in [(80, 24), (40, 20)] {
        let all = text(&screen(&app, w, h));
        assert!(all.contains("Nog geen stemmen"), "{w}×{h}:\n{all}");
        assert!(!all.contains('▲'), "{w}×{h}:\n{all}");
    }
}

/// The reviewer: help (`?`) at the kiosk listed Ctrl-E and Del (change or
/// delete one's own posts) to a name logged in without its PIN, who may
/// not use them. Help offers what the hints offer: what this session may
/// do, and a login with the PIN still finds them.
#[test]
fn help_without_the_pin_lists_only_what_the_session_may_do() {
    for public in [true, false] {
        let (dir, mut app) = kiosk();
        app.public = public;
        let q = add(
            &other_process(&dir),
            Kind::Question,
            ME,
            "Waar staat de ladder?",
        );
        select(&mut app, Tab::Questions, q);
        app.on_key(key(KeyCode::Enter));
        app.on_key(ch('?'));
        assert!(matches!(app.overlay, Some(Overlay::Help(_))));
        let help = text(&screen(&app, 80, 40));
        for k in ["Ctrl-E", "Del", "Ctrl-Z"] {
            assert_eq!(help.contains(k), !public, "public {public}, {k}:\n{help}");
        }
        // What every session may do is still there.
        assert!(help.contains("Esc"), "{help}");
    }
}

/// The tester: "Ik kan helpen" and giving time had letter keys only, and
/// no letter works at the kiosk. `+` on a colleague's question offers
/// every way to back it (↑↓ and Enter): want to know too, can help, give
/// time; the hint ("+ steunen", as the question's "Steun:" line) and help
/// say so. On a tip `+` votes.
#[test]
fn plus_at_the_kiosk_offers_can_help_and_giving_time_too() {
    let (dir, mut app) = kiosk();
    let q = add(
        &other_process(&dir),
        Kind::Question,
        "bram",
        "Hoe zet ik de lasser aan?",
    );
    select(&mut app, Tab::Questions, q);
    app.on_key(key(KeyCode::Enter));
    let rows = screen(&app, 80, 24);
    let last = rows.last().cloned().unwrap_or_default();
    assert!(last.contains("+ steunen"), "{}", text(&rows));
    app.on_key(ch('?'));
    let help = text(&screen(&app, 80, 40));
    assert!(
        help.lines()
            .any(|l| l.contains("│+ ") && l.contains("bij een vraag: ik wil het ook weten")),
        "{help}"
    );
    app.on_key(key(KeyCode::Esc));

    // Can help: the second way.
    app.on_key(ch('+'));
    let rows = text(&screen(&app, 80, 24));
    assert!(
        rows.contains("Ik kan hierbij helpen") && rows.contains("Ik geef hier tijd voor"),
        "{rows}"
    );
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(backings(&dir, q), vec![(BackingKind::CanHelp, None)]);

    // Time: the third way asks how many minutes first.
    app.on_key(ch('+'));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "{:?}",
        app.overlay
    );
    for c in "30".chars() {
        app.on_key(ch(c));
    }
    app.on_key(key(KeyCode::Enter));
    let mut got = backings(&dir, q);
    got.sort_by_key(|(k, _)| format!("{k:?}"));
    assert_eq!(
        got,
        vec![
            (BackingKind::CanHelp, None),
            (BackingKind::Pledge, Some(30))
        ],
        "said {}",
        said(&app)
    );

    // Chosen again, a way taken is offered to be taken back.
    app.on_key(ch('+'));
    let rows = text(&screen(&app, 80, 24));
    assert!(rows.contains("Terugnemen: Ik kan hierbij helpen"), "{rows}");
    app.on_key(key(KeyCode::Esc));

    // A tip: `+` votes, after asking.
    let tip = add(
        &other_process(&dir),
        Kind::Tip,
        "bram",
        "Draag altijd een bril",
    );
    app.on_key(key(KeyCode::Esc));
    select(&mut app, Tab::Tips, tip);
    app.on_key(key(KeyCode::Enter));
    let last = screen(&app, 80, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("+ stemmen"), "{last}");
    app.on_key(ch('+'));
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
    app.on_key(key(KeyCode::Enter));
    match other_process(&dir).get(tip, ME).expect("tip") {
        Item::Tip(t) => assert!(t.votes.iter().any(|v| v.person == ME), "{t:?}"),
        other => panic!("{other:?}"),
    }
}

/// The reviewer: "Jij", "Voor jou" and "Ik" side by side read alike. The
/// first tab is "Start" (English "Home" where names are short: "You" beside
/// "Me"), so no bar names two tabs "you" and "me".
#[test]
fn tab_names_are_told_apart_at_every_width() {
    for (lang, you) in [("nl", ["Jij", "jou"]), ("en", ["You", "You"])] {
        let (_dir, mut app) = demo_app_in(lang);
        for tab in 0..8u8 {
            update(&mut app, Action::GoTab(tab));
            for w in (40..=100).step_by(4) {
                let bar = screen(&app, w, 20)[0].clone();
                for word in bar.split_whitespace() {
                    assert!(!you.contains(&word), "{lang} {w} tab {tab}: {bar}");
                }
            }
        }
        update(&mut app, Action::GoTab(0));
        let first = if lang == "nl" { "Start" } else { "Home" };
        let bar = screen(&app, 40, 20)[0].clone();
        assert!(bar.contains(first), "{lang}: {bar}");
    }
}

/// The reviewer: the refusal for want of a PIN was chosen where each
/// refusal was made, and a write the store refused said another thing
/// ("Log in met je pas of pincode"). One text, chosen from the session:
/// without a PIN yet, how to get one; with one, to log in with it.
#[test]
fn every_refusal_for_want_of_a_pin_says_the_same() {
    let no_pin = "Hiervoor heb je een pincode nodig. Je hebt er nog geen: vraag de beheerder er een te maken.";
    let with_pin = "Log in met je pincode om dit te doen.";
    for (pin, expected) in [(false, no_pin), (true, with_pin)] {
        let (dir, mut app) = kiosk();
        if pin {
            let hash = leertuin::kiosk::pin::hash("4711").expect("hash");
            other_process(&dir)
                .batch(&|w| w.set_person_pin(ME, &hash))
                .expect("pin");
        }
        app.public = true;
        let q = add(
            &other_process(&dir),
            Kind::Question,
            ME,
            "Waar staat de ladder?",
        );
        select(&mut app, Tab::Questions, q);
        for k in [ctrl('e'), key(KeyCode::Delete), ctrl('z')] {
            app.on_key(k);
            assert!(app.overlay.is_none(), "{k:?}: {:?}", app.overlay);
            assert_eq!(said(&app), expected, "pin {pin}, {k:?}");
        }
        app.report(&StoreError::NeedsLogin);
        assert_eq!(said(&app), expected, "pin {pin}, refused by the store");
    }
}

/// What `+` (or the pane's key) does now, seen by the hint line and help
/// on "1 stem (jij)": the tester of the pane's edges read "+ stemmen" on a
/// tip already voted for, while `+` opened "Dit terugnemen?". The hint
/// names taking the vote back; a question backed says the same of its
/// backing, at the kiosk (`+` offers the ways, a taken one to take back)
/// and in the pane (`m`, `h`, `p`).
#[test]
fn after_voting_or_backing_the_key_is_named_for_taking_it_back() {
    let (dir, mut app) = kiosk();
    let tip = add(&other_process(&dir), Kind::Tip, "bram", "Draag een bril");
    select(&mut app, Tab::Tips, tip);
    app.on_key(key(KeyCode::Enter));
    app.on_key(ch('+'));
    app.on_key(key(KeyCode::Enter));
    // Voted: the open tip says "jij", and the hint what `+` does now.
    let rows = screen(&app, 40, 20);
    let all = text(&rows);
    assert!(all.contains("(jij)"), "{all}");
    let hints = rows[rows.len() - 2..].join(" ");
    assert!(hints.contains("+ stem terugnemen"), "{all}");
    assert!(!hints.contains("+ stemmen"), "{all}");
    app.on_key(ch('?'));
    let help = text(&screen(&app, 80, 40));
    assert!(
        help.lines()
            .any(|l| l.contains("│+ ") && l.contains("je stem op deze tip terugnemen")),
        "{help}"
    );
    app.on_key(key(KeyCode::Esc));
    // And `+` does what the hint says.
    app.on_key(ch('+'));
    let rows = text(&screen(&app, 80, 24));
    assert!(rows.contains("Dit terugnemen?"), "{rows}");
    app.on_key(key(KeyCode::Esc));

    // A question: "ik wil dit ook weten" taken, `+` still offers the two
    // other ways ("+ steunen"), and the taken one back, as help says;
    // every way taken, `+` only takes back.
    let q = add(
        &other_process(&dir),
        Kind::Question,
        "bram",
        "Hoe zet ik de lasser aan?",
    );
    app.on_key(key(KeyCode::Esc));
    select(&mut app, Tab::Questions, q);
    app.on_key(key(KeyCode::Enter));
    app.on_key(ch('+'));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(backings(&dir, q), vec![(BackingKind::MeToo, None)]);
    let last = screen(&app, 80, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("+ steunen"), "{last}");
    app.on_key(ch('?'));
    let help = text(&screen(&app, 80, 40));
    assert!(
        help.lines()
            .any(|l| l.contains("│+ ") && l.contains("op een andere manier steunen, of"))
            && help.contains("terugnemen wat je zei"),
        "{help}"
    );
    app.on_key(key(KeyCode::Esc));
    app.on_key(ch('+'));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    app.on_key(ch('+'));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    for c in "15".chars() {
        app.on_key(ch(c));
    }
    app.on_key(key(KeyCode::Enter));
    assert_eq!(backings(&dir, q).len(), 3, "said {}", said(&app));
    let last = screen(&app, 80, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("+ terugnemen"), "{last}");
    assert!(!last.contains("steunen"), "{last}");

    // The pane: `v` on a tip voted for, `m` on a question backed.
    let (dir, mut app) = demo_app_in("en");
    let tip = add(&other_process(&dir), Kind::Tip, "bram", "Wear goggles");
    select(&mut app, Tab::Tips, tip);
    let last = screen(&app, 100, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("v vote"), "{last}");
    app.on_key(ch('v'));
    app.on_key(key(KeyCode::Enter));
    let last = screen(&app, 100, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("v take back vote"), "{last}");
    let q = add(
        &other_process(&dir),
        Kind::Question,
        "bram",
        "How do I start the welder?",
    );
    select(&mut app, Tab::Questions, q);
    app.on_key(ch('m'));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(backings(&dir, q), vec![(BackingKind::MeToo, None)]);
    app.on_key(key(KeyCode::Enter));
    let last = screen(&app, 120, 24).last().cloned().unwrap_or_default();
    assert!(last.contains("m take back me too"), "{last}");
    assert!(last.contains("h can help"), "{last}");
}

/// `?` as the tester of the pane's edges read it: Ctrl-Z said it undoes
/// "je laatste wijziging van deze keer", but the offer ends at the next
/// key; and the kiosk's help had no line for Esc (back; twice on the list
/// to log out) nor for typing, which asks a question. The pane's help
/// names neither: there letters are keys and Esc does not log out.
#[test]
fn help_says_undo_is_right_after_and_the_kiosk_names_esc_and_typing() {
    let help_of = |app: &mut App| {
        app.on_key(ch('?'));
        let Some(Overlay::Help(help)) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        let rows = help.rows.clone();
        app.on_key(key(KeyCode::Esc));
        rows
    };
    let row = |rows: &[(String, String)], keys: &str| {
        rows.iter()
            .find(|(k, _)| k == keys)
            .map(|(_, what)| what.clone())
            .unwrap_or_else(|| panic!("no {keys}: {rows:?}"))
    };
    let (dir, mut app) = kiosk();
    let rows = help_of(&mut app);
    assert_eq!(row(&rows, "abc"), "typen: een vraag stellen, op elke tab");
    assert_eq!(rows[0].0, "abc", "typing first: {rows:?}");
    assert_eq!(row(&rows, "Esc"), "twee keer drukken: uitloggen");
    let undo = row(&rows, "Ctrl-Z");
    assert!(undo.starts_with("meteen na een wijziging"), "{undo}");
    assert!(
        undo.contains("na een andere toets kan dat niet meer"),
        "{undo}"
    );
    assert!(!undo.contains("van deze keer"), "{undo}");
    // At 40 columns typing is the first thing help says.
    app.on_key(ch('?'));
    let all = text(&screen(&app, 40, 20));
    assert!(all.contains("typen: een vraag stellen"), "{all}");
    app.on_key(key(KeyCode::Esc));
    // On an open item Esc goes back, and says where it logs out.
    let tip = add(&other_process(&dir), Kind::Tip, "bram", "Draag een bril");
    select(&mut app, Tab::Tips, tip);
    app.on_key(key(KeyCode::Enter));
    let rows = help_of(&mut app);
    assert_eq!(row(&rows, "abc"), "typen: een vraag stellen, op elke tab");
    assert_eq!(
        row(&rows, "Esc Backspace"),
        "terug; op de lijst twee keer Esc: uitloggen"
    );

    // The pane: no typing line, no logging out; undo as true there.
    let (_dir, mut app) = demo_app_in("nl");
    let rows = help_of(&mut app);
    assert!(
        rows.iter().all(|(k, _)| k != "abc" && k != "Esc"),
        "{rows:?}"
    );
    assert!(
        rows.iter().all(|(_, what)| !what.contains("uitloggen")),
        "{rows:?}"
    );
    let undo = rows
        .iter()
        .find(|(k, _)| k.contains("Ctrl-Z"))
        .map(|(_, w)| w.clone())
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(undo.starts_with("meteen na een wijziging"), "{undo}");
}
