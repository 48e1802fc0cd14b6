//! The learning engine in the pane, through `update` (no terminal): review
//! sessions with four and two buttons, the profile form, questions by
//! backing, the asker's accept / helped, and what a lesson brought.

mod tui_support;

use leertuin::domain::{BackingKind, Brought, Draft, Item, ItemId, Kind, NewItem, now};
use leertuin::store::{ListQuery, Store};
use leertuin::tui::App;
use leertuin::tui::action::{Action, Edit};
use leertuin::tui::app::{Overlay, Screen, Tab};
use leertuin::tui::keys::View;
use leertuin::tui::update;
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

/// The bundled tmux lesson: it has check cards.
fn tmux_lesson(store: &dyn Store) -> ItemId {
    let q = ListQuery {
        kind: Some(Kind::Lesson),
        limit: 100,
        ..ListQuery::default()
    };
    store
        .list(&q, ME)
        .expect("lessons")
        .into_iter()
        .find_map(|i| match i {
            Item::Lesson(l) if l.title.to_lowercase().contains("tmux") && !l.cards.is_empty() => {
                Some(l.id)
            }
            _ => None,
        })
        .expect("a bundled tmux lesson with cards")
}

/// The demo pane, with the tmux lesson done by `mia`: its cards are due.
fn with_due_cards() -> (TempDir, App, usize) {
    let (dir, mut app) = demo_app();
    let other = other_process(&dir);
    let lesson = tmux_lesson(&other);
    other
        .mark_done_with(ME, lesson, Some("I keep my work now"), Some(Brought::Work))
        .expect("done");
    app.reload();
    let due = other.due_cards(ME, now(), 100).expect("due").len();
    assert!(due >= 2, "the tmux lesson has cards");
    (dir, app, due)
}

fn review(app: &App) -> &leertuin::tui::views::review::ReviewState {
    match app.stack.last() {
        Some(Screen::Review(r)) => r,
        _ => panic!("no review open"),
    }
}

#[test]
fn a_good_rating_moves_the_card_out_of_the_due_list_and_is_stored() {
    let (dir, mut app, due) = with_due_cards();
    update(&mut app, Action::Review);
    assert_eq!(app.view(), View::Review);
    assert_eq!(review(&app).cards.len(), due);
    let first = review(&app).cards[0].card.clone();
    assert!(!review(&app).revealed);

    // A rating before the answer shows the answer; nothing is stored yet.
    update(&mut app, Action::Rate(3));
    assert!(review(&app).revealed);
    assert!(
        other_process(&dir)
            .export()
            .expect("export")
            .reviews
            .is_empty()
    );

    update(&mut app, Action::Rate(3));
    assert_eq!(review(&app).pos, 1);
    assert!(!review(&app).revealed, "the next card starts hidden");
    assert!(
        status(&app).starts_with("good: back in"),
        "{}",
        status(&app)
    );

    let other = other_process(&dir);
    let still_due = other.due_cards(ME, now(), 100).expect("due");
    assert_eq!(still_due.len(), due - 1);
    assert!(still_due.iter().all(|c| c.card != first));
    let reviews = other.export().expect("export").reviews;
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        (
            reviews[0].person.as_str(),
            reviews[0].card.as_str(),
            reviews[0].rating
        ),
        (ME, first.as_str(), 3)
    );

    // Esc leaves the session, back to the tab.
    update(&mut app, Action::Back);
    assert_eq!(app.view(), View::List);
    assert!(!app.quit);
}

#[test]
fn two_buttons_map_to_again_and_good_and_the_mode_switches() {
    let (dir, mut app, due) = with_due_cards();
    app.review_settings.two_buttons = true;
    update(&mut app, Action::Review);
    assert!(review(&app).two_buttons);
    assert!(review(&app).hint_actions().contains(&Action::Reveal));
    update(&mut app, Action::Reveal);
    assert_eq!(
        review(&app).hint_actions()[..2],
        [Action::Forgot, Action::KnewIt]
    );
    update(&mut app, Action::KnewIt);
    update(&mut app, Action::Reveal);
    update(&mut app, Action::Forgot);
    let ratings: Vec<u8> = other_process(&dir)
        .export()
        .expect("export")
        .reviews
        .iter()
        .map(|r| r.rating)
        .collect();
    assert_eq!(ratings, vec![3, 1], "knew it = good, forgot = again");

    update(&mut app, Action::SwitchButtons);
    assert!(!review(&app).two_buttons);
    if due > 2 {
        update(&mut app, Action::Reveal);
        assert_eq!(review(&app).hint_actions()[0], Action::Rate(1));
    }
}

#[test]
fn the_session_ends_and_a_standalone_review_quits_on_leaving() {
    let (_dir, mut app, due) = with_due_cards();
    update(&mut app, Action::Review);
    for _ in 0..due {
        update(&mut app, Action::Reveal);
        update(&mut app, Action::Rate(4));
    }
    assert!(review(&app).finished());
    assert_eq!(review(&app).rated.len(), due);
    // Keys of a finished session do nothing harmful.
    update(&mut app, Action::Rate(3));
    assert_eq!(review(&app).rated.len(), due);

    update(&mut app, Action::Back);
    update(&mut app, Action::Review);
    assert!(review(&app).cards.is_empty(), "nothing is due any more");
    if let Some(Screen::Review(r)) = app.stack.last_mut() {
        r.standalone = true;
    }
    update(&mut app, Action::Back);
    assert!(app.quit, "`leertuin review` ends with its session");
}

#[test]
fn the_profile_is_edited_in_the_pane_and_checked_by_the_domain() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(6));
    update(&mut app, Action::EditProfile);
    assert_eq!(app.view(), View::Profile);
    // The cursor starts in "wants to learn", after what is there.
    type_text(&mut app, ", Life");
    update(&mut app, Action::NextField);
    type_text(&mut app, " sql");
    update(&mut app, Action::PrevField);
    update(&mut app, Action::PrevField);
    for _ in 0..10 {
        update(&mut app, Action::Edit(Edit::Backspace));
    }
    type_text(&mut app, "Mia Peters");
    update(&mut app, Action::Save);
    assert!(app.overlay.is_none(), "saved and closed: {}", status(&app));
    let me = other_process(&dir).person(ME).expect("read").expect("mia");
    assert_eq!(me.name, "Mia Peters");
    assert_eq!(me.wants, vec!["tmux", "sql", "life"]);
    assert_eq!(me.offers, vec!["asking", "sql"]);
    assert_eq!(
        app.me.person.as_ref().map(|p| p.name.as_str()),
        Some("Mia Peters")
    );

    // A tag the domain refuses keeps the form open, with the reason.
    update(&mut app, Action::EditProfile);
    type_text(&mut app, " c++");
    update(&mut app, Action::Save);
    let Some(Overlay::Profile(form)) = &app.overlay else {
        panic!("the form stays open");
    };
    assert!(form.error.is_some());
    assert!(
        app.status.message().is_some_and(|s| s.error),
        "error on the status line"
    );
    assert!(status(&app).contains("c++"), "{}", status(&app));
    // Typed changes: the first Esc asks, the second closes.
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_some(), "one Esc threw typed changes away");
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
    let me = other_process(&dir).person(ME).expect("read").expect("mia");
    assert_eq!(
        me.wants,
        vec!["tmux", "sql", "life"],
        "nothing half-written"
    );
}

#[test]
fn questions_sort_by_backing_and_back_to_newest() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(2));
    let newest: Vec<ItemId> = ids(&app);
    update(&mut app, Action::SortQuestions);
    assert!(app.feeds.by_backing);
    let backed: Vec<ItemId> = other_process(&dir)
        .open_questions(300)
        .expect("open")
        .iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(ids(&app), backed);
    assert_ne!(ids(&app), newest);
    let Some(Item::Question(top)) = app.target_item() else {
        panic!("a question");
    };
    assert_eq!(top.pledged_minutes(), 30, "the pledged question leads");
    update(&mut app, Action::SortQuestions);
    assert_eq!(ids(&app), newest);

    // Elsewhere the key says what it is for.
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::SortQuestions);
    assert!(status(&app).contains("Questions"));
}

fn ids(app: &App) -> Vec<ItemId> {
    app.list(Tab::Questions)
        .expect("questions")
        .rows
        .iter()
        .map(|r| r.item.id())
        .collect()
}

#[test]
fn the_asker_accepts_an_answer_and_thanks_a_helper() {
    let (dir, mut app) = demo_app();
    let other = other_process(&dir);
    let draft = Draft {
        text: "How do I read a core dump?".into(),
        ..Draft::default()
    };
    let q = other
        .add(&NewItem::from_draft(Kind::Question, ME, &draft).expect("valid"))
        .expect("ask");
    let answer = other
        .answer(q, "bram", "Start with gdb and bt.")
        .expect("answer");
    other
        .back(q, "pieter", BackingKind::Pledge, Some(15))
        .expect("pledge");
    app.reload();
    update(&mut app, Action::GoTab(2));
    while app.target_item().map(|i| i.id()) != Some(q) {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Open);
    assert_eq!(
        app.hints()[..2]
            .iter()
            .map(|h| h.1.as_str())
            .collect::<Vec<_>>(),
        ["choose answer", "helped"],
        "the asker's own question offers closing the loop first"
    );

    // The answers, each with its author by name, chosen with ↑↓ and Enter.
    let first = other.answer(q, "noor", "Use coredumpctl.").expect("answer");
    app.reload();
    update(&mut app, Action::Accept);
    let Some(Overlay::Choose(c)) = &app.overlay else {
        panic!("a choice");
    };
    let labels: Vec<&str> = c.options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(
        labels[0].contains("Bram Jansen") && labels[0].contains("gdb"),
        "{labels:?}"
    );
    assert!(labels[1].contains("Noor Visser"), "{labels:?}");
    assert_eq!(
        c.chosen().map(|o| o.value.clone()),
        Some(first.to_string()),
        "the newest first"
    );
    let rows = tui_support::screen(&app, 40, 20);
    tui_support::assert_shows(&rows, "Which answer helped you?");
    tui_support::assert_shows(&rows, "Bram Jansen: Start");
    update(&mut app, Action::Up);
    update(&mut app, Action::Submit);
    assert!(
        status(&app).contains("You chose the answer from Bram Jansen"),
        "{}",
        status(&app)
    );

    update(&mut app, Action::Helped);
    let Some(Overlay::Choose(c)) = &app.overlay else {
        panic!("a choice");
    };
    assert_eq!(c.chosen().map(|o| o.value.as_str()), Some("pieter"));
    update(&mut app, Action::Submit);
    assert!(status(&app).contains("Pieter Bakker"), "{}", status(&app));

    let Item::Question(stored) = other.get(q, ME).expect("get") else {
        panic!()
    };
    assert!(stored.answers.iter().any(|a| a.id == answer && a.accepted));
    assert!(
        stored
            .backings
            .iter()
            .any(|b| b.person == "pieter" && b.helped)
    );

    // On a colleague's question the keys explain instead of prompting.
    update(&mut app, Action::Back);
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    if let Some(Item::Question(q)) = app.target_item()
        && q.author.as_deref() != Some(ME)
    {
        update(&mut app, Action::Accept);
        assert!(app.overlay.is_none());
        assert!(status(&app).contains("Only the asker"), "{}", status(&app));
    }
}

#[test]
fn a_finished_lesson_says_what_it_brought() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(1));
    update(&mut app, Action::Open);
    let lesson = app.target_item().map(|i| i.id()).expect("a lesson");
    update(&mut app, Action::MarkDone);
    assert_eq!(app.view(), View::Prompt);
    type_text(&mut app, "calmer at the machine");
    update(&mut app, Action::Brought); // work
    update(&mut app, Action::Brought); // life
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("the prompt");
    };
    assert_eq!(p.brought, Some(Brought::Life));
    update(&mut app, Action::Submit);
    let done = other_process(&dir).lessons_done(ME).expect("done");
    let d = done
        .iter()
        .find(|d| d.lesson == lesson)
        .expect("marked done");
    assert_eq!(d.brought, Some(Brought::Life));
    assert_eq!(d.reflection.as_deref(), Some("calmer at the machine"));

    // Me shows it under what it brought.
    update(&mut app, Action::GoTab(6));
    let insights = app.me.insights.as_ref().expect("loaded");
    assert_eq!(insights.lessons_done, 1);
    let life = insights
        .reflections
        .iter()
        .find(|g| g.brought == "life")
        .expect("a life group");
    assert_eq!(life.texts, vec!["calmer at the machine"]);

    // Tab cycles back to "nothing said" after meaning.
    update(&mut app, Action::GoTab(1));
    update(&mut app, Action::MarkDone);
    for _ in 0..5 {
        update(&mut app, Action::Brought);
    }
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("the prompt");
    };
    assert_eq!(p.brought, None);
}

#[test]
fn review_keys_come_from_the_keymap_and_can_be_changed() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use leertuin::tui::keys::KeyMap;
    let defaults = KeyMap::default();
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        defaults.action(View::Review, key('3')),
        Some(Action::Rate(3))
    );
    assert_eq!(
        defaults.action(View::Review, key('y')),
        Some(Action::KnewIt)
    );
    assert_eq!(defaults.action(View::List, key('r')), Some(Action::Review));
    let table: toml::Table = "[review-session]\nknew-it = \"k\"\n".parse().expect("toml");
    let map = KeyMap::from_config(&table).expect("valid override");
    assert_eq!(map.action(View::Review, key('k')), Some(Action::KnewIt));
    assert_eq!(map.action(View::Review, key('y')), None);
    assert_eq!(map.action(View::Review, key('n')), Some(Action::Forgot));
}
