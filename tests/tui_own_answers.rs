//! The rest of a person's own writes in the pane: their answers are
//! changed and deleted like their other posts, the asker's accept and
//! "helped" are undone like every other write, an anonymous question says
//! plainly that nobody can change it, and a question colleagues answered
//! is not deleted (their answers would vanish with it).

mod tui_support;

use leertuin::domain::{BackingKind, Draft, Item, ItemId, Kind, NewItem, Post};
use leertuin::store::{SqliteStore, Store, StoreError};
use leertuin::tui::action::{Action, Edit};
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::views::choose::Choice;
use leertuin::tui::{App, update};
use tempfile::TempDir;
use tui_support::{ME, demo_app, other_process};

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

fn question(store: &SqliteStore, who: &str, text: &str, anonymous: bool) -> ItemId {
    let draft = Draft {
        text: text.into(),
        anonymous,
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Question, who, &draft).expect("valid"))
        .expect("added")
}

fn answers(dir: &TempDir, q: ItemId) -> Vec<(i64, String, bool)> {
    match other_process(dir).get(q, ME).expect("question") {
        Item::Question(q) => q
            .answers
            .iter()
            .map(|a| (a.id, a.body.clone(), a.accepted))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn e_changes_an_own_answer_and_undo_puts_the_old_text_back() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        "bram",
        "Where is the torque wrench?",
        false,
    );
    let n = other_process(&dir)
        .answer(q, ME, "In the blue cabinet")
        .unwrap();
    select(&mut app, q);
    update(&mut app, Action::EditProfile);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("no edit form: {}", status(&app))
    };
    assert_eq!(
        form.editing,
        Some(Post::Answer {
            question: q,
            answer: n
        })
    );
    assert_eq!(form.text.text(), "In the blue cabinet");
    // An edit changes the text only: no hint for a kind or another field.
    let hints: Vec<String> = app.hints().into_iter().map(|(k, _)| k).collect();
    assert!(hints.iter().all(|k| k != "Tab" && k != "↓"), "{hints:?}");
    update(&mut app, Action::Edit(Edit::End));
    type_text(&mut app, ", second drawer");
    update(&mut app, Action::Save);
    assert!(status(&app).contains("undo"), "{}", status(&app));
    assert_eq!(answers(&dir, q)[0].1, "In the blue cabinet, second drawer");
    update(&mut app, Action::Undo);
    assert_eq!(answers(&dir, q)[0].1, "In the blue cabinet");
}

#[test]
fn x_deletes_an_own_answer_after_asking_and_undo_brings_it_back() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        "bram",
        "Where is the torque wrench?",
        false,
    );
    other_process(&dir)
        .answer(q, "anouk", "Ask Pieter")
        .unwrap();
    let n = other_process(&dir)
        .answer(q, ME, "In the blue cabinet")
        .unwrap();
    select(&mut app, q);
    update(&mut app, Action::Delete);
    let Some(Overlay::Choose(c)) = &app.overlay else {
        panic!("no question first: {}", status(&app))
    };
    assert_eq!(
        c.choice,
        Choice::Delete(Post::Answer {
            question: q,
            answer: n
        })
    );
    update(&mut app, Action::Submit);
    assert_eq!(
        answers(&dir, q).len(),
        1,
        "only the colleague's answer is left"
    );
    update(&mut app, Action::Undo);
    assert_eq!(answers(&dir, q).len(), 2);
}

#[test]
fn with_an_own_question_and_an_own_answer_e_asks_which() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        ME,
        "Who has the key of the shed?",
        false,
    );
    other_process(&dir)
        .answer(q, ME, "Found it: at the gate")
        .unwrap();
    select(&mut app, q);
    update(&mut app, Action::EditProfile);
    let Some(Overlay::Choose(c)) = &app.overlay else {
        panic!("no choice: {}", status(&app))
    };
    assert_eq!(c.options.len(), 2);
    update(&mut app, Action::Down);
    update(&mut app, Action::Submit);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("no edit form: {}", status(&app))
    };
    assert_eq!(form.text.text(), "Found it: at the gate");
}

#[test]
fn accept_and_helped_are_undone_like_every_write() {
    let (dir, mut app) = demo_app();
    let store = other_process(&dir);
    let q = question(&store, ME, "How do I clean the nozzle?", false);
    let first = store.answer(q, "bram", "With the brass brush").unwrap();
    let second = store.answer(q, "anouk", "Soak it first").unwrap();
    store.accept(q, first, ME).unwrap();
    store
        .back(q, "pieter", BackingKind::Pledge, Some(15))
        .unwrap();
    select(&mut app, q);
    // Accept the second (the newest is chosen first); undo: the first again.
    update(&mut app, Action::Accept);
    update(&mut app, Action::Submit);
    let accepted = |dir: &TempDir| {
        answers(dir, q)
            .into_iter()
            .filter(|a| a.2)
            .map(|a| a.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(accepted(&dir), vec![second]);
    assert!(status(&app).contains("undo"), "{}", status(&app));
    update(&mut app, Action::Undo);
    assert_eq!(accepted(&dir), vec![first]);
    // None accepted before: undo leaves none.
    store.unaccept(q, ME).unwrap();
    select(&mut app, q);
    update(&mut app, Action::Accept);
    update(&mut app, Action::Submit);
    assert_eq!(accepted(&dir).len(), 1);
    update(&mut app, Action::Undo);
    assert!(accepted(&dir).is_empty());
    // Helped, and back.
    let helped = |dir: &TempDir| match other_process(dir).get(q, ME).unwrap() {
        Item::Question(q) => q.backings.iter().any(|b| b.helped),
        _ => false,
    };
    update(&mut app, Action::Helped);
    update(&mut app, Action::Submit);
    assert!(helped(&dir));
    assert!(status(&app).contains("undo"), "{}", status(&app));
    update(&mut app, Action::Undo);
    assert!(!helped(&dir));
}

#[test]
fn an_anonymous_question_says_plainly_that_nobody_can_change_it() {
    let (dir, mut app) = demo_app();
    // Asked here, anonymously: the save says so.
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Capture);
    type_text(&mut app, "Is it normal that the press hums?");
    update(&mut app, Action::NextField);
    update(&mut app, Action::NextField);
    update(&mut app, Action::Type(' '));
    update(&mut app, Action::Save);
    assert!(
        status(&app).contains("nobody can change or delete it"),
        "{}",
        status(&app)
    );
    let q = question(&other_process(&dir), ME, "placeholder", true);
    select(&mut app, q);
    for action in [Action::Delete, Action::EditProfile] {
        update(&mut app, action);
        assert!(app.overlay.is_none());
        assert!(
            status(&app).contains("nobody can change or delete it"),
            "{action:?}: {}",
            status(&app)
        );
    }
}

#[test]
fn a_question_colleagues_answered_is_not_deleted() {
    let (dir, mut app) = demo_app();
    let store = other_process(&dir);
    let q = question(&store, ME, "Which glue for the labels?", false);
    store.answer(q, "bram", "The blue tube").unwrap();
    select(&mut app, q);
    update(&mut app, Action::Delete);
    assert!(
        app.overlay.is_none(),
        "no 'delete this?' for what cannot go"
    );
    assert!(
        status(&app).contains("answers from colleagues"),
        "{}",
        status(&app)
    );
    // Nor from anywhere else: the store refuses it.
    assert!(matches!(
        store.delete(Post::Item(q), ME),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(answers(&dir, q).len(), 1);
    // Without colleagues' answers it goes, as before.
    let own = question(&store, ME, "Where are the gloves?", false);
    store.answer(own, ME, "Found them").unwrap();
    assert!(store.delete(Post::Item(own), ME).is_ok());
}

#[test]
fn own_question_hints_only_what_can_be_done() {
    let (dir, mut app) = demo_app();
    let store = other_process(&dir);
    let q = question(&store, ME, "Who knows the new label printer?", false);
    let labels =
        |app: &App| -> Vec<String> { app.hints().into_iter().map(|(_, label)| label).collect() };
    let chooses = |l: &[String]| {
        l.iter()
            .any(|s| s.contains("accept") || s.contains("choose"))
    };
    // No answer, no pledge: nothing to choose or mark, so the asker's
    // own post keys are offered instead.
    select(&mut app, q);
    update(&mut app, Action::Open);
    let l = labels(&app);
    assert!(!chooses(&l) && !l.iter().any(|s| s == "helped"), "{l:?}");
    assert!(
        l.iter().any(|s| s == "edit") && l.iter().any(|s| s == "delete"),
        "{l:?}"
    );
    // An answer: choosing is offered, "helped" still not.
    store.answer(q, "bram", "Anouk set it up").unwrap();
    select(&mut app, q);
    update(&mut app, Action::Open);
    let l = labels(&app);
    assert!(chooses(&l) && !l.iter().any(|s| s == "helped"), "{l:?}");
    // A pledge not yet marked: "helped" too.
    store
        .back(q, "pieter", BackingKind::Pledge, Some(15))
        .unwrap();
    select(&mut app, q);
    update(&mut app, Action::Open);
    let l = labels(&app);
    assert!(chooses(&l) && l.iter().any(|s| s == "helped"), "{l:?}");
}

// Forms and choices open on what another pane or the command line took
// away (issue 11): they close at the refresh, keep typed text that would
// be lost as a draft the person gets back, and say so in one line.

/// The draft a new capture form offers now, if any: its kind and text.
fn offered(app: &App) -> Option<(Kind, String)> {
    let form = app.capture_form(Kind::Tip, None);
    form.offered()
        .map(|d| (d.saved.kind, d.saved.draft.text.clone()))
}

#[test]
fn an_answer_typed_to_a_question_deleted_elsewhere_is_kept_as_a_tip_draft() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        "bram",
        "Where is the grease gun?",
        false,
    );
    select(&mut app, q);
    update(&mut app, Action::Answer);
    type_text(&mut app, "Behind the press, left shelf");
    other_process(&dir)
        .delete(Post::Item(q), "bram")
        .expect("deleted");
    assert!(app.check_for_changes());
    assert!(app.overlay.is_none(), "the answer form stayed");
    assert_eq!(
        status(&app),
        "This is gone: it was deleted or withdrawn. Your text is kept as a draft."
    );
    assert_eq!(
        offered(&app),
        Some((Kind::Tip, "Behind the press, left shelf".into()))
    );
}

#[test]
fn an_empty_answer_form_on_a_question_deleted_elsewhere_closes_and_keeps_nothing() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        "bram",
        "Where is the grease gun?",
        false,
    );
    select(&mut app, q);
    update(&mut app, Action::Answer);
    other_process(&dir)
        .delete(Post::Item(q), "bram")
        .expect("deleted");
    assert!(app.check_for_changes());
    assert!(app.overlay.is_none(), "the answer form stayed");
    assert!(status(&app).starts_with("This is gone"), "{}", status(&app));
    assert_eq!(offered(&app), None);
}

#[test]
fn an_edit_of_an_own_answer_deleted_elsewhere_closes_and_keeps_the_new_words() {
    let (dir, mut app) = demo_app();
    let q = question(
        &other_process(&dir),
        "bram",
        "Where is the torque wrench?",
        false,
    );
    let n = other_process(&dir)
        .answer(q, ME, "In the blue cabinet")
        .unwrap();
    select(&mut app, q);
    update(&mut app, Action::EditProfile);
    assert!(matches!(&app.overlay, Some(Overlay::Capture(f)) if f.editing.is_some()));
    update(&mut app, Action::Edit(Edit::End));
    type_text(&mut app, ", second drawer");
    // Deleted in another pane of Mia's (or with `leertuin delete`).
    other_process(&dir)
        .delete(
            Post::Answer {
                question: q,
                answer: n,
            },
            ME,
        )
        .expect("deleted");
    assert!(app.check_for_changes());
    assert!(app.overlay.is_none(), "the edit form stayed");
    assert!(
        status(&app).ends_with("Your text is kept as a draft."),
        "{}",
        status(&app)
    );
    assert_eq!(
        offered(&app),
        Some((Kind::Tip, "In the blue cabinet, second drawer".into()))
    );
}

#[test]
fn the_accept_chooser_closes_when_a_listed_answer_is_deleted_elsewhere() {
    let (dir, mut app) = demo_app();
    let store = other_process(&dir);
    let q = question(&store, ME, "How do I clean the nozzle?", false);
    let first = store.answer(q, "bram", "With the brass brush").unwrap();
    store.answer(q, "anouk", "Soak it first").unwrap();
    select(&mut app, q);
    update(&mut app, Action::Accept);
    assert!(matches!(&app.overlay, Some(Overlay::Choose(c)) if c.choice == Choice::Accept(q)));
    store
        .delete(
            Post::Answer {
                question: q,
                answer: first,
            },
            "bram",
        )
        .expect("deleted");
    assert!(app.check_for_changes());
    assert!(app.overlay.is_none(), "the chooser stayed");
    assert!(status(&app).starts_with("This is gone"), "{}", status(&app));
}
