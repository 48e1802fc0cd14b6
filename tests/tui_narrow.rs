//! A first-time Dutch worker at 40 columns (issue 11, the tester's last
//! round): an item taken away elsewhere, a long search, the hint line of
//! every screen, lines cut with "…", backing in words and an answered
//! question on the first tab. Drawn into a TestBackend, in Dutch.

mod tui_support;

use leertuin::domain::{Draft, Item, Kind, NewItem, Post, Write};
use leertuin::store::Store;
use leertuin::tui::action::Action;
use leertuin::tui::app::Tab;
use leertuin::tui::keys::View;
use leertuin::tui::update;
use tui_support::*;

const NARROW: (u16, u16) = (40, 20);

/// The bottom row at 40×20.
fn hint_row(app: &leertuin::tui::App) -> String {
    let (w, h) = NARROW;
    screen(app, w, h)[usize::from(h) - 1].clone()
}

/// Down the list while the item under the cursor is one to `skip`.
fn down_while(app: &mut leertuin::tui::App, skip: impl Fn(&Item) -> bool) {
    while app.target_item().is_some_and(|i| skip(&i)) {
        update(app, Action::Down);
    }
}

/// A tip by Bram, stored by another process; the pane sees it.
fn brams_tip(dir: &tempfile::TempDir, app: &mut leertuin::tui::App, text: &str) -> Item {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    let other = other_process(dir);
    let id = other
        .add(&NewItem::from_draft(Kind::Tip, "bram", &draft).expect("draft"))
        .expect("add");
    app.check_for_changes();
    other.get(id, ME).expect("stored")
}

/// The tester: an open tip deleted from another shell stayed on screen,
/// and `v` on it failed. Now the pane says it is gone, plainly, and is
/// back on the list, where no key acts on the tip that went.
#[test]
fn an_open_item_deleted_elsewhere_closes_and_says_so() {
    let (dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(3));
    let tip = brams_tip(&dir, &mut app, "Heftruck: eerst de gordel, dan de sleutel");
    select(&mut app, 3, tip.title());
    update(&mut app, Action::Open);
    assert_shows(&screen(&app, 40, 20), "eerst de gordel");
    other_process(&dir)
        .apply(&Write::Delete {
            post: Post::Item(tip.id()),
            person: "bram".into(),
        })
        .expect("deleted elsewhere");
    assert!(app.check_for_changes());
    for (w, h) in [NARROW, (80, 24)] {
        let rows = screen(&app, w, h);
        assert!(!text(&rows).contains("eerst de gordel"), "{}", text(&rows));
        assert_shows(&rows, "Dit is er niet meer");
    }
    assert!(app.stack.is_empty(), "back on the list");
    assert_ne!(app.target_item().map(|i| i.id()), Some(tip.id()));
}

/// One's own delete says what went and how to undo it, not "gone".
#[test]
fn an_own_delete_keeps_its_own_message() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(3));
    update(&mut app, Action::Capture);
    for c in "Mijn tip over de pers".chars() {
        update(&mut app, Action::Type(c));
    }
    update(&mut app, Action::Save);
    select(&mut app, 3, "Mijn tip over de pers");
    update(&mut app, Action::Open);
    update(&mut app, Action::Delete);
    update(&mut app, Action::Submit);
    assert!(said(&app).contains("verwijderd"), "{}", said(&app));
    assert!(!said(&app).contains("niet meer"), "{}", said(&app));
}

/// The tester: at 40 columns a long search ran off the field's right
/// edge, the cursor out of sight; Ctrl-U did not clear it.
#[test]
fn a_long_search_scrolls_and_ctrl_u_and_ctrl_w_edit_it() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::Search);
    let query = "hoe stel ik de lasstroom in voor dunne plaat";
    for c in query.chars() {
        update(&mut app, Action::Type(c));
    }
    let rows = screen(&app, 40, 20);
    let field = rows
        .iter()
        .find(|r| r.contains("/ "))
        .expect("the search field");
    assert!(
        field.contains("dunne plaat"),
        "the end is in sight:\n{field}"
    );
    assert!(field.contains('…'), "the start is out of sight:\n{field}");
    // The keys, as the terminal sends them.
    let ctrl = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::CONTROL,
        )
    };
    let ctrl_w = app.keys.action(View::Search, ctrl('w'));
    let ctrl_u = app.keys.action(View::Search, ctrl('u'));
    update(&mut app, ctrl_w.expect("Ctrl-W edits the search"));
    let rows = screen(&app, 40, 20);
    assert!(!text(&rows).contains("plaat"), "{}", text(&rows));
    assert_shows(&rows, "dunne");
    update(&mut app, ctrl_u.expect("Ctrl-U edits the search"));
    let rows = screen(&app, 40, 20);
    assert!(!text(&rows).contains("dunne"), "{}", text(&rows));
    assert_shows(&rows, "Typ om te zoeken");
    // Its line is cut where all can see it.
    let said = &rows[row_of(&rows, "Typ om te zoeken").expect("the line")];
    assert!(said.trim_end().ends_with("…│"), "{said:?}");
}

/// The rule: `? hulp` and the way out are on the hint line of
/// every screen at 40 columns; the other hints give way first. Walks every
/// tab, an open item of each kind, the search, the forms and the review.
#[test]
fn every_screen_keeps_help_and_its_way_out_at_40_columns() {
    let (_dir, mut app) = demo_app_in("nl");
    let check = |app: &leertuin::tui::App, what: &str, keys: &[&str]| {
        let row = hint_row(app);
        for key in keys {
            assert!(row.contains(key), "{what}: {key:?} missing in {row:?}");
        }
    };
    for (n, tab) in Tab::ALL.iter().enumerate() {
        update(&mut app, Action::GoTab(n as u8));
        let what = format!("{tab:?}");
        check(&app, &what, &["? hulp", "q stoppen"]);
        update(&mut app, Action::Open);
        if app.stack.is_empty() {
            continue;
        }
        check(
            &app,
            &format!("{what}, opened"),
            &["Esc terug", "? hulp", "q stoppen"],
        );
        update(&mut app, Action::Back);
    }
    // The search and the forms: the way out is Esc.
    for (tab, open, keys) in [
        (0, Action::Search, &["Esc"][..]),
        (0, Action::Capture, &["Esc annuleren"][..]),
        (2, Action::Answer, &["Esc annuleren"][..]),
    ] {
        update(&mut app, Action::GoTab(tab));
        update(&mut app, open);
        check(&app, &format!("{open:?}"), keys);
        update(&mut app, Action::Cancel);
    }
    update(&mut app, Action::Review);
    check(&app, "review", &["Esc terug", "? hulp"]);
}

/// The tester: the review's hint line at 40 columns had neither `? hulp`
/// nor a way out, with a card showing and with its answer shown.
#[test]
fn the_review_keeps_help_and_its_way_out_at_40_columns() {
    let (dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(1));
    // The first lesson with check cards.
    down_while(
        &mut app,
        |i| matches!(i, Item::Lesson(l) if l.cards.is_empty()),
    );
    let lesson = app.target_item().expect("a lesson with cards");
    other_process(&dir)
        .mark_done_with(ME, lesson.id(), None, None)
        .expect("done");
    app.reload();
    update(&mut app, Action::Review);
    for step in ["card", "answer shown", "two buttons"] {
        let row = hint_row(&app);
        assert!(row.contains("? hulp"), "{step}: {row:?}");
        assert!(row.contains("Esc terug"), "{step}: {row:?}");
        match step {
            "card" => update(&mut app, Action::Reveal),
            "answer shown" => update(&mut app, Action::SwitchButtons),
            _ => {}
        }
    }
}

/// The tester: Team read "▲3 30m", and its lines ran off the right edge
/// at 40 columns without "…". Backing in words; a cut line says so.
#[test]
fn team_says_backing_in_words_and_cut_lines_end_in_an_ellipsis() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(5));
    let rows = screen(&app, 40, 20);
    assert_shows(&rows, "3 steunen · 30 min");
    assert!(!text(&rows).contains('▲'), "{}", text(&rows));
    let most = &rows[row_of(&rows, "Meeste antwoorden").expect("answered most")];
    assert!(most.trim_end().ends_with("…│"), "{most:?}");
    // Days in words, not "(30 d)".
    assert!(most.contains("Meeste antwoorden (30 dagen):"), "{most:?}");
    // A kiosk hides ids, not the tag a row is about.
    let (_dir, mut kiosk) = kiosk_in("nl");
    update(&mut kiosk, Action::GoTab(5));
    assert_shows(&screen(&kiosk, 40, 20), "#sql 2 willen");
}

/// The tester: the money nudge lost its date at 40 columns. The date
/// comes first now, so the status line cuts the text after it.
#[test]
fn the_lapsing_nudge_keeps_its_date_at_40_columns() {
    use leertuin::nudge::{Nudge, render};
    use leertuin::tui::theme::Theme;
    use leertuin::tui::views::status::StatusLine;
    use ratatui::widgets::Widget;
    let nudge = Nudge::Lapsing(leertuin::store::Lapsing {
        cents: 20_000,
        minutes: 480,
        source: "Opleidingsfonds werkgever".into(),
        on: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).expect("date"),
    });
    for (lang, date) in [
        (render::Lang::Nl, "31 maart"),
        (render::Lang::En, "31 March"),
    ] {
        let line = render::plain(&nudge, lang);
        let status = StatusLine {
            status: None,
            waiting: None,
            nudge: Some(&line),
            theme: Theme::mono(),
        };
        let area = ratatui::layout::Rect::new(0, 0, 40, 1);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        (&status).render(area, &mut buf);
        let row: String = (0..40).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(row.contains(date), "{row:?}");
        assert!(row.trim_end().ends_with('…'), "{row:?}");
    }
}

/// The tester: an answered question on the first tab had no word saying
/// so, at 40 columns nor at 80 (the list beside the detail).
#[test]
fn an_answered_question_on_the_first_tab_says_so() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(0));
    let answered = app.feeds.lists[0]
        .rows
        .iter()
        .find(|r| matches!(&r.item, Item::Question(q) if !q.answers.is_empty()))
        .map(|r| r.item.title().to_string())
        .expect("an answered question on the first tab");
    select(&mut app, 0, &answered);
    for (w, h) in [NARROW, (80, 24)] {
        let rows = screen(&app, w, h);
        let start: String = answered.chars().take(5).collect();
        let row = &rows[row_of(&rows, &format!("> {start}"))
            .or_else(|| {
                rows.iter()
                    .position(|r| r.contains("> ") && r.contains(&start))
            })
            .expect("the row")];
        assert!(row.contains("✓ beantwoord"), "{w}: {row:?}");
    }
}

/// A kiosk tester at 80 columns could not tell a lesson from a question on
/// Start: beside the detail the list is 32 columns inside, and each row's
/// note ("vraag open", "les 3 min") was left out to keep 22 of the title.
#[test]
fn beside_the_detail_at_80_columns_each_row_says_what_it_is() {
    let (_dir, mut app) = kiosk_in("nl");
    update(&mut app, Action::GoTab(0));
    let rows = screen(&app, 80, 24);
    // The list's side of the screen: 42 % of 80.
    let list_side = |r: &String| r.chars().take(34).collect::<String>();
    let mut seen = 0;
    for row in &app.feeds.lists[0].rows {
        if row.badge.is_empty() || row.badge.chars().count() > 14 {
            continue;
        }
        let start: String = row.item.title().chars().take(8).collect();
        let Some(line) = rows.iter().map(list_side).find(|r| r.contains(&start)) else {
            continue;
        };
        assert!(
            line.contains(&row.badge),
            "{:?} left out of {line:?}:\n{}",
            row.badge,
            text(&rows)
        );
        seen += 1;
    }
    assert!(seen >= 5, "too few rows to tell:\n{}", text(&rows));
}

/// The tester: at a kiosk at 40 columns an open question hinted "Enter
/// antwoorden" but not "+ steunen", which did not fit beside it. The hints
/// that give way go to a row above, so both show, and help and the way
/// back stay on the bottom row.
#[test]
fn a_kiosk_question_hints_answering_and_backing_at_40_columns() {
    let (_dir, mut app) = kiosk_in("nl");
    update(&mut app, Action::GoTab(2));
    // A colleague's question.
    down_while(
        &mut app,
        |i| matches!(i, Item::Question(q) if q.author.as_deref() == Some(ME)),
    );
    update(&mut app, Action::Open);
    let rows = screen(&app, 40, 20);
    let hints = text(&rows[18..]);
    for key in ["Enter antwoorden", "+ steunen", "Esc terug", "? hulp"] {
        assert!(hints.contains(key), "{key}:\n{}", text(&rows));
    }
    assert!(rows[19].contains("? hulp"), "{}", text(&rows));
}
