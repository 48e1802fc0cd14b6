//! A voucher tester's findings on wishes in the pane and at the kiosk
//! (issue 16, sixth round): amounts shown as typed, a cost checked at its
//! own Enter, `e` on a colleague's wish.

mod tui_support;

use leertuin::domain::wish::{NewWish, WishId};
use leertuin::store::{Fund, SqliteStore, Store};
use leertuin::tui::action::{Action, Edit};
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

fn give(store: &SqliteStore, who: &str, id: WishId, euros: i64, hours: i64, note: Option<&str>) {
    store
        .wish_store()
        .unwrap()
        .fund(&Fund {
            wish: id,
            person: who.into(),
            cents: euros * 100,
            minutes: hours * 60,
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

fn backspace(app: &mut leertuin::tui::App, n: usize) {
    for _ in 0..n {
        update(app, Action::Edit(Edit::Backspace));
    }
}

/// Bram's wish (€ 350, 8 hours), Mia's own (€ 200, 4 hours) given € 50
/// and 1 hour by Anouk and € 20 by Mia; Mia has € 500 and 10 hours. The
/// pane (a kiosk's when `kiosk`) on the Wishes tab, the cursor on `who`'s.
fn wishes(lang: &'static str, kiosk: bool, who: &str) -> (TempDir, leertuin::tui::App, WishId) {
    let (dir, mut app) = if kiosk {
        kiosk_in(lang)
    } else {
        demo_app_in(lang)
    };
    let other = other_process(&dir);
    grant(&other, "anouk", 1000, 20);
    grant(&other, ME, 500, 10);
    let bram = wish(&other, "bram", "Leren lassen", 350, 8);
    let own = wish(&other, ME, "Excel voor de planning", 200, 4);
    give(&other, "anouk", own, 50, 1, None);
    give(&other, ME, own, 20, 0, None);
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
    (dir, app, id)
}

fn prompt_text(app: &leertuin::tui::App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some(p.input.text().to_string()),
        _ => None,
    }
}

#[test]
fn at_the_kiosk_a_wishs_cost_and_hours_show_as_typed_not_as_dots() {
    let (_dir, mut app, _) = wishes("nl", true, ME);
    update(&mut app, Action::Capture);
    type_in(&mut app, "Heftruck rijden");
    update(&mut app, Action::Submit);
    type_in(&mut app, "400000");
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "400000");
    assert!(!text(&rows).contains('•'), "{}", text(&rows));
    update(&mut app, Action::Submit);
    type_in(&mut app, "123456");
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "123456");
    assert!(!text(&rows).contains('•'), "{}", text(&rows));
}

#[test]
fn at_the_kiosk_changing_a_wish_shows_its_cost_as_it_is() {
    let (_dir, mut app, _) = wishes("nl", true, ME);
    update(&mut app, Action::Open);
    update(&mut app, Action::EditProfile);
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    assert_eq!(prompt_text(&app).as_deref(), Some("200"));
    backspace(&mut app, 3);
    type_in(&mut app, "250000");
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "250000");
    assert!(!text(&rows).contains('•'), "{}", text(&rows));
}

#[test]
fn a_kiosk_code_in_the_wishs_words_still_shows_as_dots() {
    let (_dir, mut app, _) = wishes("nl", true, ME);
    update(&mut app, Action::Capture);
    type_in(&mut app, "Lassen 0012345642");
    let rows = screen(&app, 40, 20);
    assert!(!text(&rows).contains("0012345642"), "{}", text(&rows));
}

#[test]
fn a_cost_below_what_was_given_is_refused_at_its_own_enter() {
    let (dir, mut app, own) = wishes("nl", false, ME);
    update(&mut app, Action::Open);
    update(&mut app, Action::EditProfile);
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    backspace(&mut app, 3);
    type_in(&mut app, "60");
    update(&mut app, Action::Submit);
    assert_eq!(
        said(&app),
        "Er is al € 70 gegeven: vraag minstens dat (er is niets veranderd)"
    );
    // Still at the cost, with what was typed: type it again.
    assert_eq!(prompt_text(&app).as_deref(), Some("60"));
    backspace(&mut app, 2);
    type_in(&mut app, "150");
    update(&mut app, Action::Submit);
    // The hours: below the 1 given is refused there.
    backspace(&mut app, 1);
    type_in(&mut app, "0,5");
    update(&mut app, Action::Submit);
    assert_eq!(
        said(&app),
        "Er is al 1 uur gegeven: vraag minstens dat (er is niets veranderd)"
    );
    backspace(&mut app, 3);
    type_in(&mut app, "6");
    update(&mut app, Action::Submit);
    assert!(app.overlay.is_none(), "{}", said(&app));
    let w = other_process(&dir)
        .wish_store()
        .unwrap()
        .wish(own, ME)
        .unwrap();
    assert_eq!((w.cost_cents, w.minutes), (Some(15_000), Some(360)));
}

#[test]
fn e_on_a_colleagues_wish_says_it_is_theirs_and_opens_no_profile() {
    for opened in [false, true] {
        let (_dir, mut app, _) = wishes("nl", false, "bram");
        if opened {
            update(&mut app, Action::Open);
        }
        update(&mut app, Action::EditProfile);
        assert!(app.overlay.is_none(), "opened: {opened}");
        assert_eq!(said(&app), "Dat kan alleen wie de wens heeft gedaan.");
    }
}

#[test]
fn help_on_a_colleagues_wish_promises_no_change_to_it() {
    let (_dir, mut app, _) = wishes("nl", false, "bram");
    update(&mut app, Action::Open);
    update(&mut app, Action::Help);
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("no help");
    };
    let all: Vec<&str> = h.rows.iter().map(|(_, what)| what.as_str()).collect();
    assert!(!all.iter().any(|w| w.starts_with("je wens")), "{all:?}");
    assert!(
        all.contains(&"alleen bij je eigen wens: aanpassen"),
        "{all:?}"
    );
    // On one's own the help says what `e` does to it.
    let (_dir, mut app, _) = wishes("nl", false, ME);
    update(&mut app, Action::Open);
    update(&mut app, Action::Help);
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("no help");
    };
    assert!(
        h.rows
            .iter()
            .any(|(_, w)| w == "je wens aanpassen: wat, waarom, kosten, uren")
    );
}

#[test]
fn the_detail_of_ones_wish_shows_what_the_rule_added_and_the_notes_of_gifts() {
    let (dir, mut app, own) = wishes("nl", false, ME);
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
    give(&other, "anouk", own, 10, 0, Some("Succes Mia!"));
    app.reload();
    update(&mut app, Action::Open);
    for width in [40, 80] {
        let rows = screen(&app, width, 40);
        let all = text(&rows).replace(['│', '┌', '┐'], " ");
        let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            all.contains("Daarvan kwam € 10 extra van een verdubbel-regel"),
            "{width}: {}",
            text(&rows)
        );
        assert!(
            all.contains(": \"Succes Mia!\""),
            "{width}: {}",
            text(&rows)
        );
    }
    // A colleague's wish shows no notes of gifts to it: they are Mia's.
    let (dir, mut app, bram) = wishes("nl", false, "bram");
    give(
        &other_process(&dir),
        "anouk",
        bram,
        10,
        0,
        Some("Voor Bram"),
    );
    app.reload();
    update(&mut app, Action::Open);
    assert!(!text(&screen(&app, 80, 40)).contains("Voor Bram"));
}

#[test]
fn over_both_the_wishs_need_and_the_free_budget_the_smaller_limit_is_said() {
    let (dir, mut app, _) = wishes("nl", false, "bram");
    let big = wish(&other_process(&dir), "bram", "Rijbewijs C", 1000, 0);
    app.reload();
    update(&mut app, Action::Top);
    while app.wishes.selected_wish().map(|w| w.id) != Some(big) {
        let before = app.wishes.selected;
        update(&mut app, Action::Down);
        assert_ne!(before, app.wishes.selected, "wish not listed");
    }
    update(&mut app, Action::Fund);
    type_in(&mut app, "2000");
    // € 480 free is less than the € 1000 the wish needs: that is said.
    let rows = screen(&app, 80, 30);
    assert_shows(
        &rows,
        "Niet genoeg budget: je hebt nog € 480 vrij (er is niets gegeven)",
    );
    update(&mut app, Action::Submit);
    assert!(said(&app).contains("€ 480"), "{}", said(&app));
    assert!(!said(&app).contains("€ 1000"), "{}", said(&app));
    // Bram's welding wish needs € 350, less than is free: that is said.
    let (_dir, mut app, _) = wishes("nl", false, "bram");
    update(&mut app, Action::Fund);
    type_in(&mut app, "2000");
    assert_shows(
        &screen(&app, 80, 30),
        "Deze wens heeft nog maar € 350 en 8 uur nodig",
    );
}

#[test]
fn a_word_for_an_amount_is_told_how_to_write_one_while_typing() {
    // In the words Enter says it (issue 16: one reading, one wording).
    let (_dir, mut app, _) = wishes("nl", false, "bram");
    update(&mut app, Action::Fund);
    type_in(&mut app, "twintig");
    assert_shows(&screen(&app, 80, 30), "schrijf het als 100, 100,50 of €100");
    let (_dir, mut app, _) = wishes("en", false, "bram");
    update(&mut app, Action::Fund);
    type_in(&mut app, "twenty");
    assert_shows(&screen(&app, 80, 30), "write it like 100, 100,50 or €100");
}

#[test]
fn what_a_done_wish_helped_with_starts_its_line_with_a_capital() {
    let (_dir, mut app, _) = wishes("nl", false, ME);
    update(&mut app, Action::Open);
    update(&mut app, Action::MarkDone);
    type_in(&mut app, "Goed");
    update(&mut app, Action::Brought);
    update(&mut app, Action::Submit);
    let rows = screen(&app, 80, 30);
    assert_shows(&rows, "Is je wens klaar?");
    assert_shows(&rows, "Het hielp bij: werk");
}

#[test]
fn the_kiosks_first_wish_names_esc_by_one_word() {
    let (_dir, mut app, _) = wishes("nl", true, ME);
    leertuin::tui::wishes::first_wish(&mut app);
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Esc = overslaan");
    let hints = text(&rows[22..]);
    assert!(hints.contains("Esc overslaan"), "{hints}");
    assert!(!hints.contains("annuleren"), "{hints}");
}

#[test]
fn with_no_budget_at_all_the_wish_points_to_the_voucher_key() {
    let (dir, mut app) = demo_app_in("nl");
    wish(&other_process(&dir), "bram", "Leren lassen", 350, 0);
    update(&mut app, Action::GoTab(7));
    app.reload();
    update(&mut app, Action::Open);
    let rows = screen(&app, 80, 30);
    assert_shows(&rows, "Een voucher? t: typ de code.");
}
