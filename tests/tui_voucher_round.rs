//! A tester's round as workers handed a voucher (issue 16): the pane at
//! 40, 80 and 200 columns and the Dutch kiosk at 40×20. Without the PIN
//! one's own wish offers nothing; at the kiosk the hint says Enter gives;
//! amounts with a thousands dot; a live line that says what Enter says;
//! who gave what, in one place.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent};
use leertuin::domain::wish::{NewWish, WishId};
use leertuin::store::{Fund, SqliteStore, Store};
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::*;

fn wish(store: &SqliteStore, owner: &str, text: &str, euros: i64, hours: i64) -> WishId {
    store
        .wish_store()
        .unwrap()
        .add_wish(&NewWish {
            owner: owner.into(),
            text: text.into(),
            why: None,
            cost_cents: Some(euros * 100),
            minutes: (hours > 0).then_some(hours * 60),
            tags: vec!["werk".into()],
            private: false,
        })
        .expect("wish")
}

fn give(store: &SqliteStore, who: &str, id: WishId, euros: i64, note: Option<&str>) {
    store
        .wish_store()
        .unwrap()
        .fund(&Fund {
            wish: id,
            person: who.into(),
            cents: euros * 100,
            minutes: 0,
            note: note.map(str::to_string),
            from: None,
        })
        .expect("fund");
}

fn type_in(app: &mut leertuin::tui::App, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

/// Bram's wish (€ 350, 8 hours) and Mia's own (€ 200) given € 50 by
/// Anouk; Mia has `budget` euros and 8 hours (none at all for 0). The
/// pane (a kiosk's when `kiosk`, by typed name without the PIN when
/// `public`) on the Wishes tab with `who`'s wish opened.
fn opened(
    lang: &'static str,
    kiosk: bool,
    public: bool,
    budget: i64,
    who: &str,
) -> (TempDir, leertuin::tui::App, WishId) {
    let (dir, mut app) = if kiosk {
        kiosk_in(lang)
    } else {
        demo_app_in(lang)
    };
    app.public = public;
    let other = other_process(&dir);
    grant(&other, "anouk", 1000, 20);
    if budget > 0 {
        grant(&other, ME, budget, 8);
    }
    let bram = wish(&other, "bram", "Leren lassen", 350, 8);
    let own = wish(&other, ME, "Excel voor de planning", 200, 0);
    give(&other, "anouk", own, 50, None);
    update(&mut app, Action::GoTab(7));
    assert_eq!(app.tab, Tab::Wishes);
    app.reload();
    let id = if who == ME { own } else { bram };
    update(&mut app, Action::Top);
    while app.wishes.selected_wish().map(|w| w.id) != Some(id) {
        let before = app.wishes.selected;
        update(&mut app, Action::Down);
        assert_ne!(before, app.wishes.selected, "wish not listed");
    }
    update(&mut app, Action::Open);
    (dir, app, id)
}

/// The hint line: the last row of the screen.
fn hint_row(app: &leertuin::tui::App, width: u16, height: u16) -> String {
    screen(app, width, height)[usize::from(height) - 1].clone()
}

#[test]
fn without_the_pin_ones_own_wish_offers_and_opens_nothing() {
    let (_dir, mut app, _) = opened("nl", true, true, 500, ME);
    let refusal = app.pin_refusal();
    let hints = hint_row(&app, 40, 20);
    assert!(!hints.contains("kiezen"), "{hints}");
    assert!(!text(&screen(&app, 40, 40)).contains("intrekken"));
    for action in [
        Action::Answer,
        Action::MarkDone,
        Action::Delete,
        Action::EditProfile,
    ] {
        update(&mut app, action);
        assert!(app.overlay.is_none(), "{action:?} opened a form");
        assert_eq!(said(&app), refusal, "{action:?}");
    }
    // Help offers none of it either.
    update(&mut app, Action::Help);
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("no help");
    };
    assert!(
        !h.rows.iter().any(|(_, what)| what.contains("intrekken")),
        "{:?}",
        h.rows
    );
    // With the PIN the menu opens as before.
    let (_dir, mut app, _) = opened("nl", true, false, 500, ME);
    assert!(hint_row(&app, 40, 20).contains("Enter kiezen"));
    update(&mut app, Action::Answer);
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
}

#[test]
fn at_the_kiosk_a_colleagues_wish_hints_that_enter_gives() {
    let (_dir, app, _) = opened("nl", true, false, 500, "bram");
    let hints = hint_row(&app, 40, 20);
    assert!(hints.contains("Enter geven"), "{hints}");
    assert!(hint_row(&app, 80, 24).contains("Enter geven"));
    // Without budget it says so, and Enter says how to get some.
    let (_dir, mut app, _) = opened("nl", true, false, 0, "bram");
    let hints = hint_row(&app, 80, 24);
    assert!(hints.contains("Enter geven (geen budget)"), "{hints}");
    update(&mut app, Action::Answer);
    assert!(said(&app).contains("Ctrl-T"), "{}", said(&app));
    // Without the PIN, no budget shows and Enter gives nothing: no hint.
    let (_dir, app, _) = opened("nl", true, true, 500, "bram");
    assert!(!hint_row(&app, 80, 24).contains("geven"));
    // The pane hints `b`, not Enter as well.
    let (_dir, app, _) = opened("nl", false, false, 500, "bram");
    let hints = hint_row(&app, 80, 24);
    assert!(hints.contains("b geven"), "{hints}");
    assert!(!hints.contains("Enter geven"), "{hints}");
}

#[test]
fn the_pane_reads_a_thousands_dot_in_both_languages() {
    for (lang, typed, live) in [
        ("nl", "1.000", "Daarna heb je nog € 1000 en 8 uur over."),
        (
            "nl",
            "€ 1.000,50",
            "Daarna heb je nog € 999,50 en 8 uur over.",
        ),
        ("en", "1,000", "Then you have €1000 and 8 hours left."),
        ("en", "€ 1.000", "Then you have €1000 and 8 hours left."),
    ] {
        let (dir, mut app, _) = opened(lang, false, false, 2000, "bram");
        let big = wish(&other_process(&dir), "bram", "Rijbewijs C", 3000, 0);
        app.reload();
        update(&mut app, Action::Back);
        update(&mut app, Action::Top);
        while app.wishes.selected_wish().map(|w| w.id) != Some(big) {
            let before = app.wishes.selected;
            update(&mut app, Action::Down);
            assert_ne!(before, app.wishes.selected, "wish not listed");
        }
        update(&mut app, Action::Fund);
        type_in(&mut app, typed);
        assert_shows(&screen(&app, 80, 30), live);
        update(&mut app, Action::Submit);
        assert!(
            matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.input.text().is_empty()),
            "{lang} {typed}: {}",
            said(&app)
        );
    }
}

#[test]
fn a_refused_save_is_no_save_for_the_kiosks_short_logout() {
    let (dir, mut app, bram) = opened("nl", true, false, 500, "bram");
    update(&mut app, Action::Answer);
    type_in(&mut app, "100");
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
    // Anouk gives what the wish still needed first: the gift is refused.
    let other = other_process(&dir);
    other
        .wish_store()
        .unwrap()
        .fund(&Fund {
            wish: bram,
            person: "anouk".into(),
            cents: 35_000,
            minutes: 0,
            note: None,
            from: None,
        })
        .unwrap();
    app.saving = Some(Action::Submit);
    assert!(app.run_saving());
    assert!(app.overlay.is_none());
    assert!(app.refused_now(), "{}", said(&app));
    // A gift that goes through is a save.
    let (_dir, mut app, _) = opened("nl", true, false, 500, "bram");
    update(&mut app, Action::Answer);
    type_in(&mut app, "100");
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    app.saving = Some(Action::Submit);
    assert!(app.run_saving());
    assert!(!app.refused_now(), "{}", said(&app));
    // The PIN's line after a key refused without it is a refusal too.
    let (_dir, mut app, _) = opened("nl", true, true, 500, ME);
    update(&mut app, Action::Answer);
    assert!(app.refused_now());
}

/// The give form's live line under the amount.
fn live_line(app: &leertuin::tui::App) -> String {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => p.note.as_ref().map(|n| n.text.clone()).unwrap_or_default(),
        _ => panic!("no form"),
    }
}

#[test]
fn the_live_line_under_the_amount_says_what_enter_would_say() {
    for (lang, typed) in [
        ("nl", "0"),
        ("nl", "-5"),
        ("nl", "2000000"),
        ("nl", "twintig"),
        ("nl", "12,5,0"),
        ("en", "0"),
        ("en", "twenty"),
    ] {
        let (_dir, mut app, _) = opened(lang, false, false, 500, "bram");
        update(&mut app, Action::Fund);
        type_in(&mut app, typed);
        let live = live_line(&app);
        assert!(!live.contains("500"), "{lang} {typed}: {live}");
        update(&mut app, Action::Submit);
        assert_eq!(live, said(&app), "{lang} {typed}");
    }
    // `12,505` is a thousands comma now: too much, said at once, and at
    // Enter word for word (issue 16: the live line said "Te veel: … €
    // 350", Enter more); the CLI's `fund` says it too, with the id.
    let (_dir, mut app, _) = opened("nl", false, false, 500, "bram");
    update(&mut app, Action::Fund);
    type_in(&mut app, "12,505");
    let live = live_line(&app);
    assert_eq!(
        live,
        "Deze wens heeft nog maar € 350 en 8 uur nodig: geef niet meer dan dat (er is niets gegeven)"
    );
    update(&mut app, Action::Submit);
    assert_eq!(said(&app), live);
    // More than is free (€ 100 of the € 350 the wish needs): the same.
    for lang in ["nl", "en"] {
        let (_dir, mut app, _) = opened(lang, false, false, 100, "bram");
        update(&mut app, Action::Fund);
        type_in(&mut app, "300");
        let live = live_line(&app);
        assert!(live.contains("100"), "{lang}: {live}");
        update(&mut app, Action::Submit);
        assert_eq!(said(&app), live, "{lang}");
    }
    // Pasted over two lines: read as the field shows it, one line.
    let (_dir, mut app, _) = opened("nl", false, false, 500, "bram");
    update(&mut app, Action::Fund);
    app.on_paste("50\n60");
    let live = live_line(&app);
    assert_eq!(
        live,
        "Verkeerd bedrag \"50 60\": schrijf het als 100, 100,50 of €100"
    );
    update(&mut app, Action::Submit);
    assert_eq!(said(&app), live);
    // An amount still being typed is no typo yet: what is free shows.
    for typed in ["12,", "€", "-"] {
        let (_dir, mut app, _) = opened("nl", false, false, 500, "bram");
        update(&mut app, Action::Fund);
        type_in(&mut app, typed);
        assert_eq!(live_line(&app), "Je budget: € 500 en 8 uur vrij", "{typed}");
    }
}

#[test]
fn who_gave_shows_each_giver_with_amount_and_note_then_the_rule() {
    let (dir, mut app, own) = opened("nl", false, false, 500, ME);
    let other = other_process(&dir);
    other
        .wish_store()
        .unwrap()
        .set_match(&leertuin::store::MatchRule {
            source: "werkgever".into(),
            percent: 100,
            cap_cents: 2_000,
            by: "anouk".into(),
        })
        .unwrap();
    give(&other, ME, own, 30, Some("Zelf ook!"));
    give(&other, "anouk", own, 10, Some("Succes Mia!"));
    app.reload();
    for width in [40, 80, 200] {
        let rows = screen(&app, width, 60);
        let all = text(&rows).replace(['│', '┌', '┐', '└', '┘'], " ");
        let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
        let me = all.find("jou € 30: \"Zelf ook!\"").expect(&all);
        let anouk = all.find("€ 60: \"Succes Mia!\"").expect(&all);
        let rule = all.find("Daarvan kwam € 10 extra").expect(&all);
        assert!(me < rule && anouk < rule, "{width}: {all}");
        assert!(!all.contains("jij:"), "{width}: {all}");
    }
}

#[test]
fn giving_to_ones_own_wish_asks_no_note_for_oneself() {
    let (_dir, mut app, _) = opened("nl", false, false, 500, ME);
    update(&mut app, Action::Fund);
    type_in(&mut app, "20");
    update(&mut app, Action::Submit);
    let rows = screen(&app, 80, 30);
    assert!(
        !text(&rows).contains("Wie de wens heeft"),
        "{}",
        text(&rows)
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Choose(_))),
        "{}",
        text(&rows)
    );
    update(&mut app, Action::Submit);
    assert!(said(&app).starts_with("Je gaf € 20"), "{}", said(&app));
    // A colleague's wish still asks for one.
    let (_dir, mut app, _) = opened("nl", false, false, 500, "bram");
    update(&mut app, Action::Fund);
    type_in(&mut app, "20");
    update(&mut app, Action::Submit);
    assert_shows(&screen(&app, 80, 30), "Wie de wens heeft");
}

fn press(app: &mut leertuin::tui::App, c: char) {
    app.on_key(KeyEvent::from(KeyCode::Char(c)));
}

#[test]
fn a_on_an_open_wish_says_what_it_says_on_the_list_and_the_menu_keeps_unknown_keys() {
    for who in [ME, "bram"] {
        let (_dir, mut app, _) = opened("nl", false, false, 500, who);
        update(&mut app, Action::Back);
        press(&mut app, 'a');
        let on_list = said(&app);
        assert!(on_list.contains("vragen"), "{on_list}");
        update(&mut app, Action::Open);
        press(&mut app, 'a');
        assert!(app.overlay.is_none(), "{who}: a opened something");
        assert_eq!(said(&app), on_list, "{who}");
    }
    // In one's own wish's menu a key it does not know keeps it open.
    let (_dir, mut app, _) = opened("nl", false, false, 500, ME);
    update(&mut app, Action::Answer);
    press(&mut app, 'h');
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
    assert_eq!(said(&app), "Kies met ↑ ↓ en Enter; Esc sluit.");
    assert!(!said(&app).contains("Geannuleerd"));
}

#[test]
fn help_names_an_open_wish_and_done_repeats_the_typed_reflection() {
    let (_dir, mut app, _) = opened("nl", true, false, 500, ME);
    update(&mut app, Action::Help);
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "Toetsen: een open wens");
    assert!(!text(&rows).contains("een open bericht"), "{}", text(&rows));
    // The done confirmation says the reflection typed before it.
    let (_dir, mut app, _) = opened("nl", false, false, 500, ME);
    update(&mut app, Action::MarkDone);
    type_in(&mut app, "Goed gegaan");
    update(&mut app, Action::Submit);
    assert_shows(&screen(&app, 80, 30), "Je schreef: \"Goed gegaan\"");
    // An open question's help keeps its own words.
    let (_dir, mut app) = kiosk_in("nl");
    update(&mut app, Action::Open);
    update(&mut app, Action::Help);
    assert!(!text(&screen(&app, 80, 24)).contains("een open wens"));
}
