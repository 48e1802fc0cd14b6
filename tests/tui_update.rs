//! `update` without a terminal: navigation, search, capture, the back
//! stack, actions on items, errors and live changes.

mod tui_support;

use leertuin::domain::{BackingKind, Draft, Item, Kind, NewItem};
use leertuin::store::{ListQuery, Spec, Store};
use leertuin::tui::action::{Action, Edit};
use leertuin::tui::app::{Overlay, Screen, Tab};
use leertuin::tui::indexer::Indexer;
use leertuin::tui::keys::View;
use leertuin::tui::update;
use std::time::{Duration, Instant};
use tui_support::{ME, demo_app, other_process};

fn type_text(app: &mut leertuin::tui::App, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

fn selected(app: &leertuin::tui::App) -> Option<Item> {
    app.list(app.tab).and_then(|l| l.selected_item()).cloned()
}

#[test]
fn tabs_switch_by_number_and_wrap_around() {
    let (_dir, mut app) = demo_app();
    assert_eq!(app.tab, Tab::ForYou);
    update(&mut app, Action::GoTab(3));
    assert_eq!(app.tab, Tab::Tips);
    update(&mut app, Action::NextTab);
    assert_eq!(app.tab, Tab::Learned);
    update(&mut app, Action::GoTab(6));
    assert_eq!(app.tab, Tab::Me);
    update(&mut app, Action::NextTab);
    assert_eq!(app.tab, Tab::Wishes);
    update(&mut app, Action::NextTab);
    assert_eq!(app.tab, Tab::ForYou);
    update(&mut app, Action::PrevTab);
    assert_eq!(app.tab, Tab::Wishes);
}

#[test]
fn moving_stops_at_the_ends_and_the_preview_follows() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(3));
    let count = app.list(Tab::Tips).map_or(0, |l| l.rows.len());
    assert!(count >= 3);
    update(&mut app, Action::Up);
    assert_eq!(app.list(Tab::Tips).map(|l| l.selected), Some(0));
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    assert_eq!(app.list(Tab::Tips).map(|l| l.selected), Some(2));
    let third = selected(&app).map(|i| i.id());
    assert_eq!(app.preview.as_ref().and_then(|p| p.id()), third);
    update(&mut app, Action::Bottom);
    assert_eq!(app.list(Tab::Tips).map(|l| l.selected), Some(count - 1));
    update(&mut app, Action::PageDown);
    assert_eq!(app.list(Tab::Tips).map(|l| l.selected), Some(count - 1));
    update(&mut app, Action::Top);
    assert_eq!(app.list(Tab::Tips).map(|l| l.selected), Some(0));
}

#[test]
fn for_you_puts_wanted_tags_first() {
    let (_dir, app) = demo_app();
    // The demo's `mia` wants tmux and sql.
    let first = selected(&app).expect("a feed");
    assert!(
        first.tags().iter().any(|t| t == "tmux" || t == "sql"),
        "first in the feed: {:?}",
        first.tags()
    );
}

#[test]
fn open_and_back_walk_a_stack() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(2));
    assert_eq!(app.view(), View::List);
    update(&mut app, Action::Search);
    type_text(&mut app, "tmux");
    update(&mut app, Action::Open);
    assert_eq!(app.view(), View::Detail);
    assert_eq!(app.stack.len(), 2);
    // Back returns to the results, still with the query.
    update(&mut app, Action::Back);
    let Some(Screen::Search(s)) = app.stack.last() else {
        panic!("back should return to the search")
    };
    assert_eq!(s.query(), "tmux");
    // One Esc leaves the search, query and all.
    update(&mut app, Action::Cancel);
    assert!(app.stack.is_empty());
    assert_eq!(app.tab, Tab::Questions);
    // A tab switch leaves any open item.
    update(&mut app, Action::Open);
    update(&mut app, Action::GoTab(0));
    assert!(app.stack.is_empty());
}

#[test]
fn a_search_before_the_index_is_read_says_so_then_shows_the_hits() {
    let (dir, mut app) = demo_app();
    app.finder.indexer = Some(Indexer::new(Spec::File(dir.path().join("t.db")), ME));
    app.start();
    // Two letters, which the store's persisted index cannot look up.
    app.open_search("zo");
    // The build runs on its own thread; until the pane takes it over the
    // search has nothing to show, and must not claim "No matches".
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "Reading all items");
    assert!(!tui_support::text(&rows).contains("No matches"));
    type_text(&mut app, "oms");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.poll_index() {
        assert!(Instant::now() < deadline, "the index never came");
        std::thread::sleep(Duration::from_millis(5));
    }
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, " match"); // "1 match" or "N matches"
    tui_support::assert_shows(&rows, "zooms the current pane");
}

#[test]
fn a_search_at_start_is_answered_from_the_stored_index_while_the_index_is_read() {
    let (dir, mut app) = demo_app();
    app.finder.indexer = Some(Indexer::new(Spec::File(dir.path().join("t.db")), ME));
    app.start();
    app.open_search("zooms pane");
    // Not yet taken over: the hits come from the database's trigram index.
    assert!(app.index_wait() < Duration::MAX, "the index is being read");
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "zooms the curr");
    assert!(!tui_support::text(&rows).contains("Reading all items"));
}

#[test]
fn a_lazy_index_is_read_at_the_first_search_only() {
    let (dir, mut app) = demo_app();
    app.finder.indexer = Some(Indexer::new(Spec::File(dir.path().join("t.db")), ME));
    app.finder.lazy = true;
    app.start();
    assert_eq!(app.index_wait(), Duration::MAX, "nothing read at start");
    app.open_search("zooms");
    assert!(
        app.index_wait() < Duration::MAX,
        "the first search reads it"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.poll_index() {
        assert!(Instant::now() < deadline, "the index never came");
        std::thread::sleep(Duration::from_millis(5));
    }
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "zooms the current pane");
}

#[test]
fn a_colleagues_post_does_not_move_the_cursor_in_a_search() {
    let (dir, mut app) = demo_app();
    // Weaker matches (inside a word) to put the cursor on.
    let other = other_process(&dir);
    for n in 0..5 {
        let draft = Draft {
            text: format!("mytmuxconf backup {n}"),
            ..Draft::default()
        };
        other
            .add(&NewItem::from_draft(Kind::Tip, "bob", &draft).unwrap())
            .unwrap();
    }
    app.open_search("tmux");
    for _ in 0..4 {
        update(&mut app, Action::Down);
    }
    let state = |app: &leertuin::tui::App| match app.stack.last() {
        Some(Screen::Search(s)) => (s.selected, s.selected_hit().map(|h| h.id), s.hits.clone()),
        _ => panic!("search is open"),
    };
    let (at, before, _) = state(&app);
    assert_eq!(at, 4);
    // A tip that is all "tmux" ranks above the cursor's item.
    let draft = Draft {
        text: "tmux".into(),
        ..Draft::default()
    };
    let tip = NewItem::from_draft(Kind::Tip, "bob", &draft).unwrap();
    let new = other.add(&tip).unwrap();
    assert!(app.check_for_changes());
    let (now_at, selected, hits) = state(&app);
    let place = hits.iter().position(|h| h.id == new);
    assert!(
        place.is_some_and(|p| p < at),
        "the new tip ranks above: {place:?}"
    );
    assert_eq!(
        (now_at, selected),
        (at + 1, before),
        "the cursor stays on its item"
    );
}

#[test]
fn a_failed_index_read_is_tried_again_by_the_tick() {
    let (dir, mut app) = demo_app();
    // The reader looks at a file that is not there yet.
    let later = dir.path().join("later.db");
    app.finder.indexer = Some(Indexer::new(Spec::File(later.clone()), ME));
    app.start();
    app.open_search("forklift");
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.index_wait() < Duration::MAX {
        app.poll_index();
        assert!(Instant::now() < deadline, "the read never ended");
        std::thread::sleep(Duration::from_millis(5));
    }
    tui_support::assert_shows(&tui_support::screen(&app, 80, 24), "Reading all items");
    let store = leertuin::store::SqliteStore::open(&later).unwrap();
    let draft = Draft {
        text: "Forklift keys hang by the door".into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Tip, "bob", &draft).unwrap())
        .unwrap();
    // A second later the tick tries again, and the hit comes.
    std::thread::sleep(Duration::from_millis(1_100));
    app.on_tick();
    while !app.poll_index() {
        assert!(Instant::now() < deadline, "the retry never came");
        std::thread::sleep(Duration::from_millis(5));
    }
    tui_support::assert_shows(&tui_support::screen(&app, 80, 24), "Forklift keys");
}

#[test]
fn a_search_with_many_matches_says_how_many_there_are() {
    let (dir, mut app) = demo_app();
    let other = other_process(&dir);
    let draft = |n: usize| Draft {
        // A word no demo item holds, in its text or title.
        text: format!("Zwengel check number {n}"),
        ..Draft::default()
    };
    for n in 0..120 {
        other
            .add(&NewItem::from_draft(Kind::Tip, "bob", &draft(n)).unwrap())
            .unwrap();
    }
    app.open_search("zwengel");
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "120 matches, best 100 shown");
}

#[test]
fn search_narrows_on_every_keystroke() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::Search);
    let hits = |app: &leertuin::tui::App| match app.stack.last() {
        Some(Screen::Search(s)) => s.hits.clone(),
        _ => panic!("search is open"),
    };
    assert!(hits(&app).is_empty(), "an empty query finds nothing");
    update(&mut app, Action::Type('t'));
    let broad = hits(&app).len();
    type_text(&mut app, "mux zooms");
    let narrow = hits(&app);
    assert!(
        !narrow.is_empty() && narrow.len() < broad,
        "{broad} → {}",
        narrow.len()
    );
    assert_eq!(narrow[0].id.kind, Kind::Tip);
    assert!(narrow[0].title.contains("zooms"));
    update(&mut app, Action::Edit(Edit::Backspace));
    assert!(hits(&app).len() >= narrow.len());
    type_text(&mut app, "s");
    update(&mut app, Action::Open);
    let Some(Item::Tip(tip)) = app.target_item() else {
        panic!("Enter opens the hit")
    };
    assert!(tip.text.contains("zoom"));
}

#[test]
fn capture_saves_a_tip_and_shows_it() {
    let (dir, mut app) = demo_app();
    // `c` on the Tips tab makes a tip.
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    assert_eq!(app.view(), View::Capture);
    type_text(&mut app, "Press F5 twice to recalibrate the scale");
    update(&mut app, Action::NextField);
    type_text(&mut app, "scale, Safety");
    update(&mut app, Action::Submit); // Enter on the last field saves
    assert!(app.overlay.is_none());
    let status = app.status.message().cloned().expect("a message");
    assert!(
        !status.error && status.text.starts_with("Saved. u = undo · t"),
        "{status:?}"
    );
    // Stored, for everyone.
    let other = other_process(&dir);
    let tips = other
        .list(
            &ListQuery {
                kind: Some(Kind::Tip),
                tag: Some("scale".into()),
                limit: 5,
                no_knowhow: false,
            },
            "x",
        )
        .expect("list");
    assert_eq!(tips.len(), 1);
    assert_eq!(tips[0].tags(), ["scale", "safety"]);
    update(&mut app, Action::Top);
    assert!(selected(&app).is_some_and(|i| i.title().contains("recalibrate")));
}

#[test]
fn capture_of_a_question_can_be_anonymous() {
    let (dir, mut app) = demo_app();
    // `c` on the Questions tab asks a question.
    update(&mut app, Action::GoTab(2));
    update(&mut app, Action::Capture);
    type_text(&mut app, "Who knows the new safety rules?");
    update(&mut app, Action::NextField); // tags
    update(&mut app, Action::NextField); // anonymous toggle
    update(&mut app, Action::Type(' '));
    update(&mut app, Action::Save);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let q = other_process(&dir)
        .list(
            &ListQuery {
                kind: Some(Kind::Question),
                tag: None,
                limit: 1,
                no_knowhow: false,
            },
            "x",
        )
        .expect("list");
    let Item::Question(q) = &q[0] else { panic!() };
    assert_eq!(q.title, "Who knows the new safety rules?");
    assert_eq!(q.author, None);
}

#[test]
fn capture_esc_stores_nothing_a_kept_draft_comes_back_and_bad_input_keeps_the_text() {
    let (dir, mut app) = demo_app();
    let count = || {
        other_process(&dir)
            .list(
                &ListQuery {
                    kind: Some(Kind::Tip),
                    tag: None,
                    limit: 100,
                    no_knowhow: false,
                },
                "x",
            )
            .map(|v| v.len())
            .expect("list")
    };
    let before = count();
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    // Empty: Esc closes at once.
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());

    // With text, the first Esc asks, the second closes: nothing stored,
    // no draft, and it says so.
    update(&mut app, Action::Capture);
    type_text(&mut app, "half a thought");
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_some(), "one Esc threw the text away");
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
    let said = app.status.message().cloned().expect("a message").text;
    assert!(said.contains("nothing was saved"), "{said}");
    let drafts = app.around.drafts.clone().expect("test drafts");
    assert!(
        drafts.list().expect("drafts").is_empty(),
        "Esc made a draft"
    );
    assert_eq!(count(), before);

    // Text that would have been lost (an idle logout, say) is kept.
    leertuin::capture::keep(
        Some(&drafts),
        ME,
        Kind::Tip,
        &Draft {
            text: "half a thought".into(),
            ..Draft::default()
        },
        None,
    )
    .expect("keep");

    // The next form offers it; Enter puts it back.
    update(&mut app, Action::Capture);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("open")
    };
    assert!(form.offered().is_some());
    update(&mut app, Action::Save);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(form.text.text(), "half a thought");

    // A bad tag: the form stays, with the reason and the text; no new draft.
    update(&mut app, Action::NextField);
    type_text(&mut app, "no/slashes");
    update(&mut app, Action::Save);
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("still open")
    };
    assert!(
        form.error.as_deref().is_some_and(|e| e.contains("tag")),
        "{:?}",
        form.error
    );
    assert_eq!(form.text.text(), "half a thought");
    assert_eq!(count(), before);

    // Fixed and saved: in the database, and the draft is gone.
    for _ in 0.."/slashes".len() {
        update(&mut app, Action::Edit(Edit::Backspace));
    }
    update(&mut app, Action::Save);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert_eq!(count(), before + 1);
    assert!(drafts.list().expect("drafts").is_empty());
}

#[test]
fn question_keys_answer_back_and_pledge() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(2));
    update(&mut app, Action::Open);
    let qid = app.target_item().map(|i| i.id()).expect("a question");
    // A me-too and a can-help ask first; Esc stores nothing, Enter does.
    update(&mut app, Action::MeToo);
    assert!(matches!(app.overlay, Some(Overlay::Choose(_))));
    update(&mut app, Action::Cancel);
    let Item::Question(q) = other_process(&dir).get(qid, "x").expect("get") else {
        panic!()
    };
    assert!(!q.backings.iter().any(|b| b.person == ME), "Esc stored it");
    update(&mut app, Action::MeToo);
    update(&mut app, Action::Submit);
    update(&mut app, Action::CanHelp);
    update(&mut app, Action::Submit);
    update(&mut app, Action::Pledge);
    type_text(&mut app, "lots");
    update(&mut app, Action::Submit);
    assert!(
        app.status.message().is_some_and(|s| s.error),
        "not a number"
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "prompt stays open"
    );
    for _ in 0..4 {
        update(&mut app, Action::Edit(Edit::Backspace));
    }
    type_text(&mut app, "15");
    update(&mut app, Action::Submit);
    update(&mut app, Action::Answer);
    type_text(&mut app, "Ask Noor, she set it up");
    update(&mut app, Action::Submit);
    assert!(app.overlay.is_none());

    let Item::Question(q) = other_process(&dir).get(qid, "x").expect("get") else {
        panic!()
    };
    let mine = |k| q.backings.iter().any(|b| b.person == ME && b.kind == k);
    assert!(mine(BackingKind::MeToo) && mine(BackingKind::CanHelp) && mine(BackingKind::Pledge));
    assert!(q.pledged_minutes() >= 15);
    assert!(
        q.answers
            .iter()
            .any(|a| a.author == ME && a.body.contains("Noor"))
    );
    // The open detail shows it at once.
    let Some(Item::Question(shown)) = app.target_item() else {
        panic!()
    };
    assert_eq!(shown.answers.len(), q.answers.len());
}

#[test]
fn votes_and_lessons_done_with_a_reflection() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(3));
    let tip = selected(&app).map(|i| i.id()).expect("a tip");
    update(&mut app, Action::Vote);
    update(&mut app, Action::Submit);
    assert!(
        app.status
            .message()
            .is_some_and(|s| s.text.contains("voted"))
    );
    let Item::Tip(t) = other_process(&dir).get(tip, "x").expect("get") else {
        panic!()
    };
    assert_eq!(t.votes.iter().filter(|v| v.person == ME).count(), 1);
    // Pressed again, the vote is taken back (tests/tui_own_posts.rs).
    update(&mut app, Action::Vote);
    update(&mut app, Action::Submit);
    assert!(
        app.status
            .message()
            .is_some_and(|s| s.text.contains("took it back"))
    );

    // The wrong key for the kind says so instead of doing something odd.
    update(&mut app, Action::Answer);
    assert!(
        app.status
            .message()
            .is_some_and(|s| s.text.contains("questions"))
    );
    assert!(app.overlay.is_none());

    update(&mut app, Action::GoTab(1));
    update(&mut app, Action::Open);
    let lesson = app.target_item().map(|i| i.id()).expect("a lesson");
    update(&mut app, Action::MarkDone);
    type_text(&mut app, "I will ask sooner");
    update(&mut app, Action::Submit);
    let done = other_process(&dir).lessons_done(ME).expect("done");
    assert!(
        done.iter()
            .any(|d| d.lesson == lesson && d.reflection.as_deref() == Some("I will ask sooner"))
    );
    update(&mut app, Action::GoTab(6));
    assert_eq!(selected(&app).map(|i| i.id()), Some(lesson));
}

/// A second reflection on a lesson asks before it replaces the first
/// (the CLI needs `--replace`); Esc keeps the first, typing on asks again.
#[test]
fn a_second_reflection_asks_before_it_replaces_the_first() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(1));
    update(&mut app, Action::Open);
    let lesson = app.target_item().map(|i| i.id()).expect("a lesson");
    let reflection = || {
        other_process(&dir)
            .lessons_done(ME)
            .expect("done")
            .into_iter()
            .find(|d| d.lesson == lesson)
            .and_then(|d| d.reflection)
    };
    update(&mut app, Action::MarkDone);
    type_text(&mut app, "Ask sooner");
    update(&mut app, Action::Submit);
    assert_eq!(reflection().as_deref(), Some("Ask sooner"));

    // Another text: Enter asks, naming the earlier one, and stores nothing.
    update(&mut app, Action::MarkDone);
    type_text(&mut app, "Write it down");
    update(&mut app, Action::Submit);
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "still asking"
    );
    let said = app.status.message().cloned().expect("a question").text;
    assert!(
        said.contains("Ask sooner") && said.contains("replaces"),
        "{said}"
    );
    assert_eq!(reflection().as_deref(), Some("Ask sooner"));
    // Esc keeps the first.
    update(&mut app, Action::Cancel);
    assert_eq!(reflection().as_deref(), Some("Ask sooner"));

    // Typing after the question asks again; then Enter, Enter replaces.
    update(&mut app, Action::MarkDone);
    type_text(&mut app, "Write it dow");
    update(&mut app, Action::Submit);
    type_text(&mut app, "n");
    update(&mut app, Action::Submit);
    assert_eq!(
        reflection().as_deref(),
        Some("Ask sooner"),
        "typing asks again"
    );
    update(&mut app, Action::Submit);
    assert!(app.overlay.is_none());
    assert_eq!(reflection().as_deref(), Some("Write it down"));

    // The same words, or none, replace nothing and need no question.
    update(&mut app, Action::MarkDone);
    update(&mut app, Action::Submit);
    assert!(app.overlay.is_none());
    assert_eq!(reflection().as_deref(), Some("Write it down"));
}

#[test]
fn a_colleagues_post_appears_after_a_change_check() {
    let (dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(3));
    assert!(!app.check_for_changes(), "nothing changed yet");
    let other = other_process(&dir);
    let draft = Draft {
        text: "Fresh from the night shift".into(),
        ..Draft::default()
    };
    other
        .add(&NewItem::from_draft(Kind::Tip, "bram", &draft).expect("valid"))
        .expect("add");
    let before = selected(&app).map(|i| i.id());
    assert!(app.check_for_changes());
    let tips = app.list(Tab::Tips).expect("tips");
    assert!(
        tips.rows[0].item.title().contains("night shift"),
        "newest first"
    );
    // The person's place is kept: the selection stays on the same tip.
    assert_eq!(selected(&app).map(|i| i.id()), before);
}

#[test]
fn for_you_follows_the_tools_next_door() {
    let (_dir, mut app) = demo_app();
    // Lessons in other languages have their own heading at the end
    // (issue 11); no heading names a tool while none runs next door.
    let sections = &app.feeds.lists[0].sections;
    assert!(
        sections.iter().all(|(_, h)| !h.starts_with("For ")),
        "no tools, no tool heading: {sections:?}"
    );
    let sections_before = sections.clone();
    // What the tmux watch reports when psql runs in the next pane.
    app.set_tools(vec!["psql".to_string()]);
    let list = &app.feeds.lists[0];
    assert_eq!(list.sections.first(), Some(&(0, "For psql".to_string())));
    let first = &list.rows[0].item;
    assert!(
        first.tags().iter().any(|t| t == "psql"),
        "the psql tip comes first: {first:?}"
    );
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = tui_support::screen(&app, w, h);
        tui_support::assert_shows(&rows, "For psql");
        tui_support::assert_shows(&rows, "More for you");
    }
    // The neighbour quit: the plain feed again.
    app.set_tools(Vec::new());
    assert_eq!(&app.feeds.lists[0].sections, &sections_before);
}

/// Issue 11.8: a tool started next door reorders For you, but the cursor
/// stays on the item the person was reading.
#[test]
fn following_the_tools_next_door_never_moves_the_cursor() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    let reading = selected(&app)
        .map(|i| i.id())
        .expect("an item under the cursor");
    app.set_tools(vec!["psql".to_string()]);
    assert_eq!(selected(&app).map(|i| i.id()), Some(reading), "after psql");
    app.set_tools(vec!["vim".to_string(), "kubectl".to_string()]);
    assert_eq!(selected(&app).map(|i| i.id()), Some(reading), "after vim");
    app.set_tools(Vec::new());
    assert_eq!(selected(&app).map(|i| i.id()), Some(reading), "after none");
}

#[test]
fn the_pane_offers_waiting_drafts_at_start() {
    let (_dir, mut app) = demo_app();
    let drafts = app.around.drafts.clone().expect("test drafts");
    leertuin::capture::keep(
        Some(&drafts),
        ME,
        Kind::Question,
        &Draft {
            text: "Where is the spare toner?".into(),
            ..Draft::default()
        },
        None,
    )
    .expect("keep");
    // Another person's draft (a kiosk) is not offered to this one.
    leertuin::capture::keep(
        Some(&drafts),
        "someone-else",
        Kind::Tip,
        &Draft {
            text: "not yours".into(),
            ..Draft::default()
        },
        None,
    )
    .expect("keep");
    app.offer_drafts();
    let Some(Overlay::Capture(form)) = &app.overlay else {
        panic!("the draft is offered")
    };
    assert_eq!(form.offers.len(), 1);
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "1 unsaved draft");
    tui_support::assert_shows(&rows, "Where is the spare toner?");
    // Offered unasked: a browsing key just closes it, keeping the draft.
    update(&mut app, Action::Type('j'));
    assert!(app.overlay.is_none());
    assert_eq!(drafts.list_for(ME).expect("list").len(), 1);
    // Restored and saved: stored as a question, the file is gone.
    app.offer_drafts();
    update(&mut app, Action::Save);
    update(&mut app, Action::Save);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(drafts.list_for(ME).expect("list").is_empty());
    assert_eq!(
        drafts.list().expect("list").len(),
        1,
        "the other draft stays"
    );
}

#[test]
fn the_status_line_shows_the_nudge() {
    let (dir, mut app) = demo_app();
    assert_eq!(app.status.nudge, None, "no nudge state, no nudge");
    app.around.nudge_state = Some(dir.path().join("nudge-state.toml"));
    assert!(
        app.refresh_nudge(),
        "the demo team has something to suggest"
    );
    let line = app.status.nudge.clone().expect("a nudge");
    let rows = tui_support::screen(&app, 80, 24);
    let start: String = line.chars().take(20).collect();
    tui_support::assert_shows(&rows[22..23], &start);
    // A message goes before it, and the nudge is back after the next key.
    app.say("Saved as t99.");
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows[22..23], "Saved as t99.");
    update(&mut app, Action::Down);
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows[22..23], "»");
}
