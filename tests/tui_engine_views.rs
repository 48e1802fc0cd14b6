//! What a person sees of the learning engine, drawn into a TestBackend at a
//! kiosk size (80×24) and a tmux side pane (40×20): the review session,
//! the Team tab and the Me tab on the demo team.

mod tui_support;

use leertuin::domain::{Brought, Item, Kind, now};
use leertuin::store::{ListQuery, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::update;
use tempfile::TempDir;
use tui_support::{ME, assert_shows, demo_app, other_process, screen, text};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 20)];

/// The demo with mia's tmux lesson done (its cards due), a reflection that
/// says it helped at work, and one of the cards reviewed.
fn prepared() -> (TempDir, App) {
    let (dir, mut app) = demo_app();
    let other = other_process(&dir);
    let q = ListQuery {
        kind: Some(Kind::Lesson),
        limit: 100,
        ..ListQuery::default()
    };
    let lesson = other
        .list(&q, ME)
        .expect("lessons")
        .into_iter()
        .find_map(|i| match i {
            Item::Lesson(l) if l.title.to_lowercase().contains("tmux") => Some(l.id),
            _ => None,
        })
        .expect("tmux lesson");
    other
        .mark_done_with(
            ME,
            lesson,
            Some("my session survives the VPN"),
            Some(Brought::Work),
        )
        .expect("done");
    app.reload();
    (dir, app)
}

#[test]
fn review_shows_the_prompt_then_the_answer_then_the_next_card() {
    let (dir, mut app) = prepared();
    let cards = other_process(&dir).due_cards(ME, now(), 100).expect("due");
    let (first, second) = (&cards[0], &cards[1]);
    update(&mut app, Action::Review);
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, &format!("Review 1/{}", cards.len()));
        assert_shows(&rows, &first.prompt);
        assert!(
            !text(&rows).contains(&first.answer),
            "answer hidden:\n{}",
            text(&rows)
        );
        assert_shows(&rows, "[Space Show answer]");
        assert_shows(&rows[h as usize - 1..], "Space show answer");
    }
    update(&mut app, Action::Reveal);
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, &first.answer);
        for b in ["[1 Again]", "[2 Hard]", "[3 Good]", "[4 Easy]"] {
            assert_shows(&rows, b);
        }
        assert_shows(&rows[h as usize - 1..], "1 again");
    }
    update(&mut app, Action::Rate(3));
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, &format!("Review 2/{}", cards.len()));
        // The start of the next prompt (it wraps at 40 columns).
        let start: String = second.prompt.chars().take(30).collect();
        assert_shows(&rows, &start);
        assert_shows(&rows, "good: back in");
    }
    // Kiosk mode: two big buttons.
    update(&mut app, Action::SwitchButtons);
    update(&mut app, Action::Reveal);
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "[n Forgot]");
        assert_shows(&rows, "[y Knew it]");
        assert!(!text(&rows).contains("[2 Hard]"));
    }
    // Help lists the review's own keys.
    update(&mut app, Action::Help);
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Keys: review");
    assert_shows(&rows, "knew it: ask me later");
}

#[test]
fn review_with_nothing_due_says_so() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::Review);
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "Nothing to review now.");
        assert_shows(&rows[h as usize - 1..], "Esc back");
    }
    // Nothing panics in a tiny pane either.
    screen(&app, 10, 3);
    screen(&app, 30, 8);
}

#[test]
fn team_shows_backing_people_pairs_and_the_weekly_chart() {
    let (_dir, mut app) = demo_app();
    update(&mut app, Action::GoTab(5));
    let data = app.team.data.clone().expect("loaded");
    let top = &data.questions[0];
    assert_eq!(top.pledged_minutes(), 30, "most backed first");
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        // Four team entries in the chart: mia's private one is not counted.
        assert_shows(&rows, "The team learned: 4 in 12 weeks");
        assert_shows(&rows, "Answered most (30 days): Bram");
        assert_shows(&rows, "Open questions, most backed");
        assert_shows(&rows, &format!("> {} ", top.id));
        // Backing in words, as votes and answers are (the tester: "▲3 30m").
        assert_shows(&rows, "3 backers");
        assert!(!text(&rows).contains('▲'), "{}", text(&rows));
        assert_shows(&rows, "Who wants to learn what");
        assert_shows(&rows[h as usize - 1..], "Enter open");
    }
    // Wide: the selected question's backing beside the list, with names.
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "1 me too · 1 can help · 30 min pledged");
    assert_shows(&rows, "pledged: Pieter Bakker 30 min");

    // Down to the tags: the busiest first, with who and the pairs.
    while app.team.selected_tag().is_none() {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.team.selected_tag().map(|t| t.tag.as_str()), Some("sql"));
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "> #sql 2 want it · 1 can help");
        assert_shows(&rows, "#tmux");
    }
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Bram Jansen, mia");
    assert_shows(&rows, "mia could learn it from Anouk de Vries");
    // Narrow: Enter shows the same detail in place of the list.
    update(&mut app, Action::Open);
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "Suggested pairs");
    assert_shows(&rows, "Bram Jansen could learn it");
}

#[test]
fn me_shows_the_profile_and_what_the_person_learned() {
    let (dir, mut app) = prepared();
    // One card reviewed, so there is a predicted recall.
    let card = other_process(&dir).due_cards(ME, now(), 1).expect("due")[0]
        .card
        .clone();
    other_process(&dir)
        .review(ME, &card, leertuin::domain::srs::Rating::Good, 0.9)
        .expect("review");
    app.reload();
    update(&mut app, Action::GoTab(6));
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "mia");
        assert_shows(&rows, "Wants to learn: tmux, sql");
        assert_shows(&rows, "Can help with: asking");
        // Her private entry counts for herself.
        assert_shows(&rows, "Your “I learned”: 1 in 12 weeks");
        assert_shows(&rows, "1 lesson done");
        assert_shows(&rows, "1 review");
        assert_shows(&rows, "recall");
        assert_shows(&rows, "Lessons brought: work 1");
        assert_shows(&rows, "Your questions and lessons (1)");
        assert_shows(&rows[h as usize - 1..], "e edit");
    }
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "questions asked");
    assert_shows(&rows, "work: “my session survives");

    // The profile form draws at both sizes.
    update(&mut app, Action::EditProfile);
    for (w, h) in SIZES {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "Your profile");
        assert_shows(&rows, "tmux, sql");
        assert_shows(&rows[h as usize - 1..], "Enter ok");
    }
}
