//! A tester round of workers handed a learning voucher (issue 16, the
//! last polish), in the pane and at the kiosk: a code one used oneself
//! says so, another's used code says it is used, each wrong try says how
//! many are left, a pasted pair of codes is one refusal that costs no
//! try, and the give form asks for a note that reaches the wish's owner.

mod tui_support;

use leertuin::domain::voucher::{hash, normalize};
use leertuin::domain::wish::{NewWish, WishId};
use leertuin::store::{SqliteStore, Store, VoucherIssue};
use leertuin::tui::action::Action;
use leertuin::tui::app::{App, Overlay, Tab};
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::*;

const CODES: [&str; 2] = ["K7QF-M2XD", "K7QF-M2XE"];

fn issue(store: &SqliteStore) {
    store
        .wish_store()
        .unwrap()
        .issue_vouchers(&VoucherIssue {
            by: "anouk".into(),
            source: "O&O-fonds".into(),
            cents: 25_000,
            minutes: 0,
            expires: None,
            hashes: CODES.iter().map(|c| hash(&normalize(c).unwrap())).collect(),
        })
        .unwrap();
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

/// `code` typed into the voucher form (`t`, Ctrl-T at a kiosk) and Enter;
/// what the status line says.
fn redeem(app: &mut App, code: &str) -> String {
    if !matches!(app.overlay, Some(Overlay::Prompt(_))) {
        update(app, Action::Redeem);
    }
    type_in(app, code);
    update(app, Action::Submit);
    said(app)
}

/// Closes a voucher form that stayed open (a refusal keeps it).
fn close(app: &mut App) {
    while app.overlay.is_some() {
        update(app, Action::Cancel);
    }
}

/// Mia at the pane (or the kiosk), vouchers issued, on the Wishes tab.
fn with_vouchers(kiosk: bool) -> (TempDir, App) {
    let (dir, mut app) = if kiosk {
        kiosk_in("nl")
    } else {
        demo_app_in("nl")
    };
    issue(&other_process(&dir));
    update(&mut app, Action::GoTab(7));
    assert_eq!(app.tab, Tab::Wishes);
    (dir, app)
}

#[test]
fn a_code_used_twice_says_whose_use_it_was_and_each_wrong_try_what_is_left() {
    for kiosk in [false, true] {
        let (dir, mut app) = with_vouchers(kiosk);
        // Bram, elsewhere, used the second code.
        let hash_e = hash(&normalize(CODES[1]).unwrap());
        let today = leertuin::domain::now().date_naive();
        other_process(&dir)
            .wish_store()
            .unwrap()
            .redeem_voucher("bram", &hash_e, today)
            .unwrap();
        let first = redeem(&mut app, CODES[0]);
        assert!(first.contains("staat nu in je budget"), "{first}");
        // Did it work? Mia tries again: it did, and no try is counted.
        for _ in 0..6 {
            close(&mut app);
            assert_eq!(
                redeem(&mut app, CODES[0]),
                "Je hebt deze voucher al gebruikt. Hij staat in je budget."
            );
        }
        close(&mut app);
        assert_eq!(
            redeem(&mut app, CODES[1]),
            "Deze voucher is al gebruikt. Nog 4 pogingen."
        );
        // The form stays, to mend the code: on screen, at 40 columns too.
        for _ in 0..9 {
            update(
                &mut app,
                Action::Edit(leertuin::tui::action::Edit::Backspace),
            );
        }
        assert_eq!(
            redeem(&mut app, "ABCD-EFGH"),
            "Deze code klopt niet. Nog 3 pogingen."
        );
        assert_shows(&screen(&app, 40, 24), "Nog 3 pogingen.");
        close(&mut app);
        redeem(&mut app, "ABCD-EFGJ");
        close(&mut app);
        assert_eq!(
            redeem(&mut app, "ABCD-EFGK"),
            "Deze code klopt niet. Nog 1 poging."
        );
        close(&mut app);
        assert_eq!(
            redeem(&mut app, "ABCD-EFGL"),
            "Deze code klopt niet. Geen pogingen meer: probeer het over 15 minuten opnieuw."
        );
        close(&mut app);
    }
}

#[test]
fn two_codes_pasted_at_once_are_one_refusal_and_no_try() {
    for kiosk in [false, true] {
        let (_dir, mut app) = with_vouchers(kiosk);
        update(&mut app, Action::Redeem);
        app.on_paste("K7QF-M2XD\nK7QF-M2XE\n");
        update(&mut app, Action::Submit);
        assert_eq!(
            said(&app),
            "Dit zijn 2 codes. Typ één code tegelijk; dit telt niet als poging."
        );
        assert!(app.overlay.is_some(), "the form stays");
        close(&mut app);
        // Pasted again, and a code of the wrong shape: still no try.
        update(&mut app, Action::Redeem);
        app.on_paste("K7QF-M2XD\r\nK7QF-M2XE");
        update(&mut app, Action::Submit);
        assert_eq!(
            said(&app),
            "Dit zijn 2 codes. Typ één code tegelijk; dit telt niet als poging."
        );
        close(&mut app);
        let typo = redeem(&mut app, "K7QF");
        assert!(typo.starts_with("Dat is geen vouchercode"), "{typo}");
        close(&mut app);
        // The first counted try is the first of five.
        assert_eq!(
            redeem(&mut app, "ABCD-EFGH"),
            "Deze code klopt niet. Nog 4 pogingen."
        );
        close(&mut app);
        // One code in a paste, line break and all, is that code.
        update(&mut app, Action::Redeem);
        app.on_paste("k7qf-m2xd\n");
        update(&mut app, Action::Submit);
        assert!(
            said(&app).contains("staat nu in je budget"),
            "{}",
            said(&app)
        );
    }
}

/// Bram's wish (€ 350) and Mia's € 500, the wish under the cursor.
fn a_wish_to_give_to(kiosk: bool) -> (TempDir, App, WishId) {
    let (dir, mut app) = if kiosk {
        kiosk_in("nl")
    } else {
        demo_app_in("nl")
    };
    let other = other_process(&dir);
    grant(&other, ME, 500, 0);
    let id = other
        .wish_store()
        .unwrap()
        .add_wish(&NewWish {
            owner: "bram".into(),
            text: "Leren lassen".into(),
            why: None,
            cost_cents: Some(35_000),
            minutes: None,
            tags: vec!["lassen".into()],
            private: false,
        })
        .unwrap();
    update(&mut app, Action::GoTab(7));
    while app.wishes.selected_wish().map(|w| w.id) != Some(id) {
        let before = app.wishes.selected;
        update(&mut app, Action::Down);
        assert_ne!(before, app.wishes.selected, "Bram's wish not listed");
    }
    update(&mut app, Action::Open);
    (dir, app, id)
}

#[test]
fn the_give_form_asks_for_a_note_that_reaches_the_wishs_owner() {
    for kiosk in [false, true] {
        let (dir, mut app, id) = a_wish_to_give_to(kiosk);
        // Enter on the opened wish gives (the kiosk's key too).
        update(&mut app, Action::Answer);
        type_in(&mut app, "50");
        update(&mut app, Action::Submit);
        let rows = screen(&app, 40, 24);
        assert_shows(&rows, "Wil je er iets bij zeggen?");
        assert_shows(&rows, "(mag leeg)");
        assert_shows(&rows, "Je geeft € 50.");
        type_in(&mut app, "Succes Bram!");
        update(&mut app, Action::Submit);
        let rows = screen(&app, 40, 24);
        assert_shows(&rows, "Erbij: \"Succes Bram!\"");
        assert_shows(&rows, "Ja, geef € 50");
        update(&mut app, Action::Submit);
        assert!(app.overlay.is_none(), "{}", said(&app));
        let seen = other_process(&dir)
            .wish_store()
            .unwrap()
            .wish(id, "bram")
            .unwrap();
        let notes: Vec<_> = seen.given_by.iter().map(|g| g.note.clone()).collect();
        assert_eq!(notes, vec![Some("Succes Bram!".to_string())]);
    }
}

#[test]
fn enter_on_an_empty_note_gives_without_one() {
    let (dir, mut app, id) = a_wish_to_give_to(false);
    update(&mut app, Action::Fund);
    type_in(&mut app, "20");
    update(&mut app, Action::Submit);
    update(&mut app, Action::Submit);
    let rows = screen(&app, 80, 24);
    assert!(!text(&rows).contains("Erbij:"), "{}", text(&rows));
    update(&mut app, Action::Submit);
    let seen = other_process(&dir)
        .wish_store()
        .unwrap()
        .wish(id, "bram")
        .unwrap();
    assert_eq!(seen.given_cents, 2_000);
    assert_eq!(seen.given_by[0].note, None);
}

#[test]
fn a_badge_typed_into_the_kiosks_note_is_never_stored() {
    let (dir, mut app, id) = a_wish_to_give_to(true);
    update(&mut app, Action::Answer);
    type_in(&mut app, "50");
    update(&mut app, Action::Submit);
    type_in(&mut app, "Succes 0012345678");
    update(&mut app, Action::Submit);
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("the note's step stays: {:?}", app.overlay);
    };
    // The number is taken out of the field, and said why.
    assert_eq!(p.input.text(), "Succes");
    assert_eq!(
        said(&app),
        "Het nummer aan het eind is weggehaald en niet bewaard: het leek op een pas. \
         Wil je een telefoonnummer bewaren? Schrijf het met spaties: 06 1234 5678. \
         Ben je niet mia? Druk op Esc tot je uitgelogd bent."
    );
    // No draft holds it: none is kept of a gift's note (an idle logout
    // keeps `unsaved`), and none was written.
    assert!(app.unsaved().is_none());
    let drafts = dir.path().join("drafts");
    for file in std::fs::read_dir(&drafts).into_iter().flatten() {
        let kept = std::fs::read_to_string(file.unwrap().path()).unwrap_or_default();
        assert!(!kept.contains("0012345678"), "{kept}");
    }
    let seen = other_process(&dir)
        .wish_store()
        .unwrap()
        .wish(id, "bram")
        .unwrap();
    assert_eq!(seen.given_cents, 0);
}

/// Mia gives `euros` from another process (another pane of hers) to
/// `wish`, while her form is open here; the pane sees it at its reload.
fn given_meanwhile(dir: &TempDir, app: &mut App, wish: WishId, euros: i64) {
    other_process(dir)
        .wish_store()
        .unwrap()
        .fund(&leertuin::store::Fund {
            wish,
            person: ME.into(),
            cents: euros * 100,
            minutes: 0,
            note: None,
            from: None,
        })
        .unwrap();
    app.reload();
}

#[test]
fn the_gift_is_weighed_again_after_the_note_and_goes_back_to_the_amount() {
    // The budget changed while the note was typed: € 450 of it given to
    // another wish leaves € 50.
    let (dir, mut app, id) = a_wish_to_give_to(false);
    let other = other_process(&dir)
        .wish_store()
        .unwrap()
        .add_wish(&NewWish {
            owner: "bram".into(),
            text: "Leren frezen".into(),
            why: None,
            cost_cents: Some(50_000),
            minutes: None,
            tags: Vec::new(),
            private: false,
        })
        .unwrap();
    update(&mut app, Action::Fund);
    type_in(&mut app, "300");
    update(&mut app, Action::Submit);
    type_in(&mut app, "Succes!");
    given_meanwhile(&dir, &mut app, other, 450);
    assert_eq!(app.wishes.selected_wish().map(|w| w.id), Some(id));
    update(&mut app, Action::Submit);
    assert_eq!(
        said(&app),
        "Niet genoeg budget: je hebt nog € 50 vrij (er is niets gegeven)"
    );
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("no amount step: {:?}", app.overlay);
    };
    assert_eq!(p.purpose, leertuin::tui::views::prompt::Purpose::Fund(id));
    assert_eq!(p.input.text(), "");
    // The wish changed: € 300 of its € 350 given meanwhile, € 50 left.
    let (dir, mut app, id) = a_wish_to_give_to(false);
    update(&mut app, Action::Fund);
    type_in(&mut app, "100");
    update(&mut app, Action::Submit);
    given_meanwhile(&dir, &mut app, id, 300);
    update(&mut app, Action::Submit);
    assert!(said(&app).contains("€ 50"), "{}", said(&app));
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == leertuin::tui::views::prompt::Purpose::Fund(id)),
        "{:?}",
        app.overlay
    );
    // Nothing of either was given here.
    let seen = other_process(&dir)
        .wish_store()
        .unwrap()
        .wish(id, "bram")
        .unwrap();
    assert_eq!(seen.given_cents, 30_000);
}
