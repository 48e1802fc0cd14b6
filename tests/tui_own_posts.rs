//! Own posts and undo in the pane, without a terminal: every write says
//! "Saved. u = undo" and `u` takes it back; `e` on an own post changes it, `x`
//! deletes it (after asking); a backing or vote pressed again is taken back.

mod tui_support;

use leertuin::domain::{BackingKind, Item, ItemId, Kind};
use leertuin::store::{Store, StoreError};
use leertuin::tui::action::{Action, Edit};
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::keys::View;
use leertuin::tui::{App, update};
use tui_support::{ME, assert_shows, demo_app, demo_app_in, other_process, screen};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

fn status(app: &App) -> String {
    app.status
        .message()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Shares a tip from the Tips tab and leaves the cursor on it; its id.
fn share_tip(app: &mut App, text: &str) -> ItemId {
    update(app, Action::GoTab(3));
    update(app, Action::Capture);
    type_text(app, text);
    update(app, Action::Save);
    assert!(app.overlay.is_none(), "{}", status(app));
    // Said at once, before the next key clears it.
    assert!(
        status(app).starts_with("Saved. u = undo · t") && status(app).contains("is in"),
        "{}",
        status(app)
    );
    update(app, Action::Top);
    let item = app.target_item().expect("the new tip");
    assert_eq!(item.title(), text);
    item.id()
}

#[test]
fn every_write_offers_undo_and_u_takes_a_new_post_back() {
    let (dir, mut app) = demo_app();
    let id = share_tip(&mut app, "Label the forklift keys");
    update(&mut app, Action::Undo);
    assert_eq!(
        status(&app),
        format!("Undone: {id} ‘Label the forklift keys’ taken away")
    );
    assert!(matches!(
        other_process(&dir).get(id, ME),
        Err(StoreError::NotFound(_))
    ));
    update(&mut app, Action::Undo);
    assert_eq!(status(&app), "Nothing to undo.");
}

#[test]
fn e_on_an_own_post_changes_it_and_undo_restores_the_old_text() {
    let (dir, mut app) = demo_app();
    let id = share_tip(&mut app, "Label the keys");
    update(&mut app, Action::EditProfile);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("no form: {:?}", app.view())
    };
    assert_eq!(
        form.text.text(),
        "Label the keys",
        "the form holds the text"
    );
    update(&mut app, Action::Edit(Edit::End));
    type_text(&mut app, " of the forklift");
    update(&mut app, Action::Save);
    assert!(status(&app).starts_with("Saved. u = undo") && status(&app).contains("is changed"));
    let stored = other_process(&dir).get(id, ME).unwrap();
    assert_eq!(stored.title(), "Label the keys of the forklift");
    update(&mut app, Action::Undo);
    assert_eq!(
        other_process(&dir).get(id, ME).unwrap().title(),
        "Label the keys"
    );
}

#[test]
fn x_deletes_an_own_post_after_asking_and_undo_brings_it_back() {
    let (dir, mut app) = demo_app();
    let id = share_tip(&mut app, "Label the keys");
    update(&mut app, Action::Delete);
    assert!(
        matches!(app.overlay, Some(Overlay::Choose(_))),
        "asks first"
    );
    // It says what happens and names the key that takes it back.
    assert_shows(
        &screen(&app, 80, 24),
        "After this nobody sees it any more. Right after, u brings it",
    );
    update(&mut app, Action::Cancel);
    assert!(other_process(&dir).get(id, ME).is_ok(), "Esc deleted it");
    update(&mut app, Action::Delete);
    update(&mut app, Action::Submit);
    assert!(status(&app).contains("is deleted"), "{}", status(&app));
    assert!(matches!(
        other_process(&dir).get(id, ME),
        Err(StoreError::NotFound(_))
    ));
    assert!(
        app.list(Tab::Tips)
            .unwrap()
            .rows
            .iter()
            .all(|r| r.item.id() != id)
    );
    update(&mut app, Action::Undo);
    assert_eq!(
        other_process(&dir).get(id, ME).unwrap().title(),
        "Label the keys"
    );
}

#[test]
fn a_colleagues_post_cannot_be_deleted_and_e_on_it_edits_the_profile() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(3));
    // Down to a colleague's tip.
    while app.target_item().and_then(|i| i.author().map(|a| a == ME)) != Some(false) {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Delete);
    assert!(app.overlay.is_none());
    assert!(
        status(&app).contains("Only the one who wrote it"),
        "{}",
        status(&app)
    );
    update(&mut app, Action::EditProfile);
    assert_eq!(app.view(), View::Profile);
}

#[test]
fn a_backing_or_vote_pressed_again_is_taken_back_and_undo_backs_again() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(2));
    let qid = app.target_item().map(|i| i.id()).expect("a question");
    let mine = |kind| {
        let Item::Question(q) = other_process(&dir).get(qid, "x").unwrap() else {
            panic!()
        };
        q.backings.iter().any(|b| b.person == ME && b.kind == kind)
    };
    update(&mut app, Action::MeToo);
    update(&mut app, Action::Submit);
    assert!(mine(BackingKind::MeToo));
    // Again: it offers to take it back.
    update(&mut app, Action::MeToo);
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
    update(&mut app, Action::Submit);
    assert!(!mine(BackingKind::MeToo), "{}", status(&app));
    assert!(status(&app).contains("took it back"), "{}", status(&app));
    update(&mut app, Action::Undo);
    assert!(mine(BackingKind::MeToo));

    // A vote likewise, on a colleague's tip.
    update(&mut app, Action::GoTab(3));
    while app.target_item().and_then(|i| i.author().map(|a| a == ME)) != Some(false) {
        update(&mut app, Action::Down);
    }
    let tip = app.target_item().unwrap().id();
    let voted = || {
        let Item::Tip(t) = other_process(&dir).get(tip, "x").unwrap() else {
            panic!()
        };
        t.votes.iter().any(|v| v.person == ME)
    };
    if !voted() {
        update(&mut app, Action::Vote);
        update(&mut app, Action::Submit);
    }
    assert!(voted());
    update(&mut app, Action::Vote);
    update(&mut app, Action::Submit);
    assert!(!voted());
    assert_eq!(tip.kind, Kind::Tip);
}

#[test]
fn the_undo_line_fits_a_40_column_dutch_pane() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    type_text(&mut app, "Sleutels hangen bij de deur");
    update(&mut app, Action::Save);
    assert_shows(&screen(&app, 40, 20), "Opgeslagen. u = ongedaan maken");
    update(&mut app, Action::Undo);
    assert_shows(&screen(&app, 40, 20), "Ongedaan gemaakt: t");
}

/// A kiosk name without its PIN: the person's drafts are not offered, but
/// what is typed now is still kept (a signal or logout saves it).
#[test]
fn keep_only_drafts_are_kept_but_never_offered() {
    let (_dir, mut app) = demo_app();
    let drafts = app.around.drafts.clone().expect("test drafts");
    leertuin::capture::keep(
        Some(&drafts),
        ME,
        Kind::Learned,
        &leertuin::domain::Draft {
            text: "My private thought".into(),
            ..leertuin::domain::Draft::default()
        },
        None,
    )
    .expect("keep");
    app.around.keep_only = true;
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("no form")
    };
    assert!(form.offered().is_none(), "a draft was offered");
    type_text(&mut app, "Typed at the kiosk");
    let unsaved = app.unsaved().expect("the typed text can still be kept");
    let leertuin::capture::Unsaved::Capture { draft, .. } = unsaved else {
        panic!("not a capture: {unsaved:?}")
    };
    assert_eq!(draft.text, "Typed at the kiosk");
}

/// Waits until no index read is under way, taking in what arrives.
fn index_settled(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        app.poll_index();
        if app.index_wait() == std::time::Duration::MAX {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the index never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_deleted_post_leaves_the_search_of_the_open_pane() {
    let (dir, mut app) = demo_app();
    app.finder.indexer = Some(leertuin::tui::indexer::Indexer::new(
        leertuin::store::Spec::File(dir.path().join("t.db")),
        ME,
    ));
    app.start();
    share_tip(&mut app, "Zwaailicht uit bij onderhoud");
    index_settled(&mut app);
    app.open_search("zwaailicht");
    assert_shows(&screen(&app, 80, 24), "Zwaailicht uit");
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Delete);
    update(&mut app, Action::Submit);
    assert!(status(&app).contains("is deleted"), "{}", status(&app));
    index_settled(&mut app);
    app.open_search("zwaailicht");
    let rows = screen(&app, 80, 24);
    assert!(
        !tui_support::text(&rows).contains("Zwaailicht uit"),
        "{}",
        tui_support::text(&rows)
    );
}

/// An edit changes an item's text and tags, so its form offers nothing
/// else: no kind and no "private" box that would look ticked and saved but
/// change nothing (a tester ticked it on a team entry and it stayed team).
#[test]
fn the_edit_form_shows_only_the_text_and_tags() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(4));
    update(&mut app, Action::Capture);
    type_text(&mut app, "The press needs ten minutes");
    update(&mut app, Action::Save);
    update(&mut app, Action::Top);
    update(&mut app, Action::EditProfile);
    assert!(
        matches!(app.overlay, Some(Overlay::Capture(_))),
        "no edit form"
    );
    for (w, h) in [(80, 24), (40, 20)] {
        let shown = screen(&app, w, h);
        assert_shows(&shown, "The press needs ten minutes");
        assert_shows(&shown, "Tags:");
        let text = shown.join("\n");
        for offered in ["private: only I see it", "Kind:"] {
            assert!(!text.contains(offered), "{offered} at {w}x{h}:\n{text}");
        }
    }
    update(&mut app, Action::NextField);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the form closed")
    };
    assert_eq!(form.field, leertuin::tui::views::capture::Field::Tags);
}
