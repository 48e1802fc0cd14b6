//! Edges of the pane a tester ran into: help that scrolls to its end and
//! reads its wrapped lines whole, forms that ask before throwing typed
//! text away, writes that can be undone and say what they did.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::update;
use tui_support::{demo_app_in, screen, text};

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The rows inside the help box (between its title and its bottom line).
fn help_rows(rows: &[String], title: &str, bottom: &str) -> Vec<String> {
    let top = rows
        .iter()
        .position(|r| r.contains(title))
        .unwrap_or_else(|| panic!("no help box:\n{}", text(rows)));
    let end = rows
        .iter()
        .rposition(|r| r.contains(bottom))
        .unwrap_or_else(|| panic!("no help bottom:\n{}", text(rows)));
    rows[top + 1..end].to_vec()
}

/// Help at 40 columns, scrolled one row at a time down to its end: the box
/// keeps its size, every wrapped row is seen once in order (none skipped),
/// and scrolling on past the end shows the same last rows.
#[test]
fn help_scrolls_by_drawn_rows_and_stops_at_its_end() {
    for (lang, title, bottom) in [
        ("en", "Keys:", "any other key"),
        ("nl", "Toetsen:", "elke andere"),
    ] {
        let (_dir, mut app) = demo_app_in(lang);
        update(&mut app, Action::Help);
        // Everything, in a pane tall enough to show it whole.
        let whole = help_rows(&screen(&app, 40, 200), title, bottom);
        let whole: Vec<String> = whole
            .into_iter()
            .filter(|r| !r.trim_matches(['│', ' ']).is_empty())
            .collect();
        let first = help_rows(&screen(&app, 40, 16), title, bottom);
        let height = first.len();
        assert!(
            height < whole.len(),
            "help fits at 40×16: nothing to scroll"
        );
        let mut seen: Vec<String> = vec![first[0].clone()];
        let mut last = first;
        for _ in 0..whole.len() + 5 {
            press(&mut app, KeyCode::Down);
            let rows = help_rows(&screen(&app, 40, 16), title, bottom);
            assert_eq!(rows.len(), height, "the box shrank:\n{}", rows.join("\n"));
            if rows != last {
                seen.push(rows[0].clone());
            }
            last = rows;
        }
        seen.extend(last.iter().skip(1).cloned());
        assert_eq!(seen, whole, "{lang}: rows skipped or repeated");
        // Up goes back at once, not after the presses past the end.
        press(&mut app, KeyCode::Up);
        let rows = help_rows(&screen(&app, 40, 16), title, bottom);
        assert_eq!(rows[0], whole[whole.len() - height - 1]);
    }
}

/// The rows inside the box whose top border starts with `top`, cut at its
/// left and right borders: what the list beside the box shows is not read.
fn inside_box(rows: &[String], top: &str) -> Vec<String> {
    let Some((first, left)) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.find(top).map(|b| (i, r[..b].chars().count())))
    else {
        return Vec::new();
    };
    let width = rows[first]
        .chars()
        .skip(left)
        .take_while(|&c| c != '┐')
        .count();
    rows[first + 1..]
        .iter()
        .take_while(|r| r.chars().nth(left) != Some('└'))
        .map(|r| {
            r.chars()
                .skip(left + 1)
                .take(width.saturating_sub(1))
                .collect()
        })
        .collect()
}

/// The text of rows with borders and padding taken off, joined by spaces:
/// what a person reads, whatever the wrapping.
fn read(rows: &[String]) -> String {
    rows.iter()
        .map(|r| r.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The profile form at 80 and 40 columns in Dutch: the note on tags is
/// read whole (wrapped, not cut), and one Esc on typed changes asks first;
/// the second closes the form with nothing saved.
#[test]
fn the_profile_form_wraps_its_note_and_asks_before_esc_throws_changes_away() {
    let (_dir, mut app) = demo_app_in("nl");
    update(
        &mut app,
        Action::GoTab(leertuin::tui::app::Tab::Me.index() as u8),
    );
    update(&mut app, Action::EditProfile);
    for width in [80, 40] {
        let rows = screen(&app, width, 24);
        assert!(
            read(&inside_box(&rows, "┌ Jouw profiel")).contains("met komma's of spaties ertussen."),
            "{width}: note cut:\n{}",
            text(&rows)
        );
    }
    let before = app.store.person("mia").expect("person");
    for c in "zagen".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.overlay, Some(leertuin::tui::app::Overlay::Profile(_))),
        "one Esc closed the form with typed changes"
    );
    assert!(read(&screen(&app, 80, 24)).contains("Tekst weggooien?"));
    // Typing on keeps the form and the text.
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Esc);
    assert!(
        app.overlay.is_some(),
        "the question comes again after typing on"
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "two Esc close the form");
    assert_eq!(
        app.store.person("mia").expect("person"),
        before,
        "Esc saved something"
    );
}

/// The item under the cursor, on the tab shown.
fn selected(app: &App) -> Option<leertuin::domain::Item> {
    app.list(app.tab).and_then(|l| l.selected_item()).cloned()
}

/// After saving a new question, tip or learned entry the cursor and the
/// detail are on it, not on the item the person was on before: on the tab
/// they were on when it lists it, else on the tab of its kind.
#[test]
fn what_was_just_saved_is_under_the_cursor() {
    use leertuin::tui::app::Tab;
    for (tab, text) in [
        (Tab::Questions, "Waar liggen de nieuwe handschoenen?"),
        (Tab::Tips, "Zet de pers uit voor je hem schoonmaakt"),
        (Tab::Lessons, "Wie weet waar de sleutel van kast 3 is?"),
    ] {
        let (_dir, mut app) = demo_app_in("nl");
        update(&mut app, Action::GoTab(tab.index() as u8));
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        let before = selected(&app).map(|i| i.id());
        update(&mut app, Action::Capture);
        for c in text.chars() {
            update(&mut app, Action::Type(c));
        }
        update(&mut app, Action::Save);
        assert!(app.overlay.is_none(), "{:?}", app.status);
        let now = selected(&app).unwrap_or_else(|| panic!("{tab:?}: nothing selected"));
        assert_ne!(Some(now.id()), before, "{tab:?}: the cursor stayed");
        assert_eq!(
            now.title(),
            text,
            "{tab:?}: the cursor is not on the new item"
        );
        let rows = screen(&app, 100, 30);
        let detail: String = rows
            .iter()
            .map(|r| r.chars().skip(42).collect::<String>())
            .collect();
        assert!(
            detail.contains(&text[..20]),
            "{tab:?}: the detail does not show it:\n{}",
            text_of(&rows)
        );
    }
}

fn text_of(rows: &[String]) -> String {
    text(rows)
}

/// A pane on a file with `n` tips (and nothing else), in `lang`.
fn pane_with_tips(n: usize, lang: &'static str) -> (tempfile::TempDir, App) {
    use leertuin::domain::{Draft, Kind, NewItem};
    use leertuin::store::{SqliteStore, Store};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    store
        .batch(&|w| {
            for i in 0..n {
                let draft = Draft {
                    text: format!("tip number {i}"),
                    ..Draft::default()
                };
                w.add(&NewItem::from_draft(Kind::Tip, "ann", &draft)?)?;
            }
            Ok(())
        })
        .expect("tips");
    let mut app = App::new(
        Box::new(store),
        "mia",
        leertuin::tui::keys::KeyMap::default(),
        leertuin::tui::theme::Theme::mono(),
    );
    app.lang = Some(lang);
    app.around.drafts = Some(leertuin::drafts::Drafts::at(dir.path().join("drafts")));
    app.start();
    (dir, app)
}

/// A tab with more than it loads says so ("300 of 650 · / to search") and
/// loads the next page when the cursor reaches its end, the cursor staying
/// on its row; once all are there the line goes.
#[test]
fn a_long_tab_says_how_many_there_are_and_loads_more_at_its_end() {
    use leertuin::tui::app::Tab;
    for (lang, first, second) in [
        ("en", "300 of 650 · / to search", "600 of 650 · / to search"),
        (
            "nl",
            "300 van 650 · / om te zoeken",
            "600 van 650 · / om te zoeken",
        ),
    ] {
        let (_dir, mut app) = pane_with_tips(650, lang);
        update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
        for width in [40, 80, 200] {
            let rows = screen(&app, width, 20);
            assert!(
                text(&rows).contains(first),
                "{lang} {width}:\n{}",
                text(&rows)
            );
        }
        // Down to the last row loaded: the next page comes.
        update(&mut app, Action::Bottom);
        let list = app.list(Tab::Tips).expect("tips");
        assert_eq!(list.rows.len(), 600);
        assert_eq!(list.selected, 299, "the cursor stays on its row");
        assert_eq!(
            selected(&app).map(|i| i.title().to_string()).as_deref(),
            Some("tip number 350")
        );
        assert!(text(&screen(&app, 80, 20)).contains(second));
        for _ in 0..300 {
            update(&mut app, Action::Down);
        }
        let list = app.list(Tab::Tips).expect("tips");
        assert_eq!(list.rows.len(), 650);
        let rows = screen(&app, 80, 20);
        assert!(
            !text(&rows).contains(" of 650") && !text(&rows).contains(" van 650"),
            "{}",
            text(&rows)
        );
        // A reload (another process wrote) keeps what was loaded.
        app.reload();
        assert_eq!(app.list(Tab::Tips).map(|l| l.rows.len()), Some(650));
    }
}

/// Thousands as the language writes them.
#[test]
fn counts_are_grouped_as_the_language_writes_them() {
    use leertuin::tui::views::list::grouped;
    leertuin::i18n::set_thread("en");
    assert_eq!(grouped(29_496), "29,496");
    assert_eq!(grouped(300), "300");
    assert_eq!(grouped(1_000_000), "1,000,000");
    leertuin::i18n::set_thread("nl");
    assert_eq!(grouped(29_496), "29.496");
}

/// `d` on a lesson, Enter: "Opgeslagen. u = ongedaan maken", and `u` takes
/// it back, naming the lesson: not done, its check cards not to review.
#[test]
fn marking_a_lesson_done_can_be_undone() {
    use leertuin::domain::Item;
    use leertuin::tui::app::Tab;
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Lessons.index() as u8));
    // A lesson mia has not done yet.
    let done: Vec<_> = app
        .store
        .lessons_done("mia")
        .expect("done")
        .iter()
        .map(|d| d.lesson)
        .collect();
    let rows = app.list(Tab::Lessons).expect("lessons").rows.clone();
    let at = rows
        .iter()
        .position(
            |r| matches!(&r.item, Item::Lesson(l) if !done.contains(&l.id) && !l.cards.is_empty()),
        )
        .expect("a lesson not done");
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
    let lesson = selected(&app).expect("lesson");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let said = read(&screen(&app, 80, 24));
    assert!(said.contains("Opgeslagen. u = ongedaan maken"), "{said}");
    assert!(
        app.store
            .lessons_done("mia")
            .expect("done")
            .iter()
            .any(|d| d.lesson == lesson.id())
    );
    press(&mut app, KeyCode::Char('u'));
    let rows = screen(&app, 80, 24);
    let said = read(&rows);
    assert!(said.contains("Ongedaan gemaakt"), "{said}");
    assert!(
        said.contains(&format!("{} ‘", lesson.id())) && said.contains("is niet meer klaar"),
        "{said}"
    );
    assert!(
        !app.store
            .lessons_done("mia")
            .expect("done")
            .iter()
            .any(|d| d.lesson == lesson.id())
    );
    let later = leertuin::domain::now() + chrono::Duration::days(400);
    let key = format!("{}#", lesson.id());
    assert!(
        !app.store
            .due_cards("mia", later, 500)
            .expect("cards")
            .iter()
            .any(|c| c.card.starts_with(&key)),
        "its check cards are still to review"
    );
}

/// `e` on one's own tip opens the form with its text and its tags; the
/// hint names the field key that works there; Enter saves both, and `u`
/// gives both back.
#[test]
fn the_edit_form_changes_an_items_tags_too() {
    use leertuin::domain::Item;
    use leertuin::tui::app::Tab;
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Tips.index() as u8));
    // A tip of mia's own, with a tag; the cursor goes to it.
    update(&mut app, Action::Capture);
    for c in "Zet de pers uit voor het schoonmaken".chars() {
        update(&mut app, Action::Type(c));
    }
    update(&mut app, Action::NextField);
    for c in "pers".chars() {
        update(&mut app, Action::Type(c));
    }
    update(&mut app, Action::Save);
    let tip = selected(&app).expect("tip");
    assert!(matches!(&tip, Item::Tip(t) if t.author == "mia"), "{tip:?}");
    let before = tip.tags().to_vec();
    press(&mut app, KeyCode::Char('e'));
    let shown = read(&screen(&app, 80, 24));
    for tag in &before {
        assert!(
            shown.contains(tag.as_str()),
            "tag {tag} not in the form: {shown}"
        );
    }
    // The hint names the key to the next field, and that key goes there.
    let hints = app.hints();
    let next = hints
        .iter()
        .find(|(_, label)| label == "volgend veld")
        .unwrap_or_else(|| panic!("no field key in the hints: {hints:?}"));
    press(
        &mut app,
        if next.0 == "↓" {
            KeyCode::Down
        } else {
            KeyCode::Tab
        },
    );
    press(&mut app, KeyCode::End);
    for c in " veiligheid".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let now = app.store.get(tip.id(), "mia").expect("tip");
    assert!(
        now.tags().iter().any(|t| t == "veiligheid"),
        "{:?}",
        now.tags()
    );
    assert!(read(&screen(&app, 80, 24)).contains("Opgeslagen. u = ongedaan maken"));
    press(&mut app, KeyCode::Char('u'));
    let back = app.store.get(tip.id(), "mia").expect("tip");
    assert_eq!(back.tags(), before.as_slice(), "undo left the new tags");
}

/// The profile form at 80 columns shows every label whole, "Kan helpen
/// met:" too (it was cut to "Kan helpen met").
#[test]
fn the_profile_form_shows_its_labels_whole() {
    let (_dir, mut app) = demo_app_in("nl");
    update(
        &mut app,
        Action::GoTab(leertuin::tui::app::Tab::Me.index() as u8),
    );
    update(&mut app, Action::EditProfile);
    let rows = screen(&app, 80, 24);
    for label in ["Naam:", "Wil leren:", "Kan helpen met:", "Taal:"] {
        assert!(text(&rows).contains(label), "{label} cut:\n{}", text(&rows));
    }
}
