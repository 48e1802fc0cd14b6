//! A first-time Dutch worker at a 40-column pane or a kiosk: every text is
//! read whole, the form is drawn once, and every key a screen names works
//! there (on a kiosk a letter or a digit types a question).

mod tui_support;

use leertuin::demo;
use leertuin::domain::{ItemId, Kind};
use leertuin::store::{SqliteStore, Store};
use leertuin::tui::App;
use leertuin::tui::action::Action;
use leertuin::tui::app::{Overlay, Tab};
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::update;
use leertuin::tui::views::capture::{self, CaptureOutcome, CaptureState};
use tempfile::TempDir;
use tui_support::{assert_shows, demo_app_in, screen, text};

/// A Dutch pane on the demo team for `user` (who may have no profile yet).
fn dutch_app_for(user: &str) -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    demo::sample_team(&store, "mia").expect("demo data");
    let mut app = App::new(Box::new(store), user, KeyMap::default(), Theme::mono());
    app.lang = Some("nl");
    app.around.drafts = Some(leertuin::drafts::Drafts::at(dir.path().join("drafts")));
    app.start();
    (dir, app)
}

/// The text of the screen with each row's border and padding taken off and
/// rows joined by a space: what a person reads, whatever the wrapping.
fn read(rows: &[String]) -> String {
    rows.iter()
        .map(|r| r.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_question_form_at_40_columns_shows_every_word_and_one_border() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Capture);
    let rows = screen(&app, 40, 20);
    let all = read(&rows);
    // The hint and the box's label, whole (wrapped, never cut).
    assert!(
        all.contains("Alt-Enter: nieuwe regel"),
        "hint cut:\n{}",
        text(&rows)
    );
    assert!(
        all.contains("anoniem: mijn naam wordt niet bewaard"),
        "label cut:\n{}",
        text(&rows)
    );
    // One bottom border and one top border: the form covers the list.
    let bottoms = rows.iter().filter(|r| r.starts_with('└')).count();
    let tops = rows.iter().filter(|r| r.starts_with('┌')).count();
    assert_eq!(
        (tops, bottoms),
        (1, 1),
        "borders drawn twice:\n{}",
        text(&rows)
    );
    assert_shows(&rows, "Vraag stellen");
}

#[test]
fn the_kind_row_says_what_enter_does_there() {
    let (_dir, mut app) = demo_app_in("nl");
    update(&mut app, Action::GoTab(Tab::Team.index() as u8));
    update(&mut app, Action::Capture);
    let rows = screen(&app, 40, 20);
    assert!(read(&rows).contains("Enter: verder"), "{}", text(&rows));
    // With text typed, Enter on the kind row saves: the row says so.
    let mut form = CaptureState::new(Kind::Question, None, Theme::mono()).choosing_kind();
    capture::update(&mut form, Action::Type('W'));
    capture::update(&mut form, Action::PrevField);
    app.overlay = Some(Overlay::Capture(form.clone()));
    let rows = screen(&app, 40, 20);
    let all = read(&rows);
    assert!(
        all.contains("Enter: opslaan") && !all.contains("Enter: verder"),
        "{}",
        text(&rows)
    );
    assert!(matches!(
        capture::update(&mut form, Action::Save),
        CaptureOutcome::Save(Kind::Question, _)
    ));
}

#[test]
fn a_long_notice_at_40_columns_is_read_whole() {
    let (_dir, mut app) = demo_app_in("nl");
    let notice = "Opgeslagen als q12. Ctrl-Z = ongedaan maken, ook na een tijdje";
    app.say(notice);
    let rows = screen(&app, 40, 20);
    assert!(read(&rows).contains(notice), "notice cut:\n{}", text(&rows));
    // The hints stay on the last row.
    assert_shows(&rows[19..], "? hulp");
}

/// The keys of a kiosk help screen, one name each.
fn help_keys(app: &App) -> Vec<String> {
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("help is open")
    };
    h.rows
        .iter()
        .flat_map(|(keys, _)| keys.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn a_kiosk_names_no_key_that_types() {
    let (_dir, mut app) = dutch_app_for("henk");
    app.typing_asks = true;
    app.reload();
    // The tab bar names tabs by word, never by the digit that types there.
    let rows = screen(&app, 80, 24);
    assert!(!rows[0].contains("1 Start"), "{}", rows[0]);
    assert_shows(&rows[..1], "Start");
    // Help lists only keys that work: no letter, no digit.
    for view_tab in [Tab::ForYou, Tab::Me] {
        update(&mut app, Action::GoTab(view_tab.index() as u8));
        update(&mut app, Action::Help);
        let keys = help_keys(&app);
        assert!(!keys.is_empty());
        for k in &keys {
            let typing = k.chars().count() == 1
                && k.chars().all(|c| c.is_alphanumeric())
                && !["?", "/"].contains(&k.as_str());
            assert!(!typing, "help names {k:?} on a kiosk: {keys:?}");
        }
        assert!(keys.iter().any(|k| k == "?"), "{keys:?}");
        app.overlay = None;
    }
    // Me with an empty profile names the key that edits it there.
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let rows = screen(&app, 40, 24);
    let all = read(&rows);
    assert!(all.contains("druk op Ctrl-E"), "{}", text(&rows));
    assert!(!all.contains("druk op e)"), "{}", text(&rows));
}

#[test]
fn the_pane_names_e_for_the_profile_where_e_works() {
    let (_dir, mut app) = dutch_app_for("henk");
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    assert!(read(&screen(&app, 40, 24)).contains("druk op e)"));
}

#[test]
fn me_without_the_pin_says_the_numbers_are_the_teams() {
    let (_dir, mut app) = dutch_app_for("henk");
    app.public = true;
    app.reload();
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let rows = screen(&app, 80, 30);
    let all = read(&rows);
    assert!(all.contains("Alle ‘ik leerde’"), "{}", text(&rows));
    assert!(all.contains("cijfers van het hele team"), "{}", text(&rows));
    assert!(!all.contains("Jouw ‘ik leerde’"), "{}", text(&rows));
    // Nothing there names a key: the profile cannot be changed without the PIN.
    assert!(all.contains("(nog niets)"), "{}", text(&rows));
    // With the PIN (or in the pane) they are the person's own.
    let (_dir, mut app) = dutch_app_for("henk");
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let all = read(&screen(&app, 80, 30));
    assert!(all.contains("Jouw ‘ik leerde’") && !all.contains("Alle ‘ik leerde’"));
}

#[test]
fn a_reflection_without_an_answer_to_what_it_brought_is_said_in_plain_dutch() {
    let (dir, mut app) = dutch_app_for("mia");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    store
        .mark_done("mia", ItemId::new(Kind::Lesson, 1), Some("rustiger lezen"))
        .expect("done");
    app.reload();
    update(&mut app, Action::GoTab(Tab::Me.index() as u8));
    let rows = screen(&app, 80, 40);
    let all = read(&rows);
    assert!(!all.contains("unsorted"), "{}", text(&rows));
    // Nothing is said of what was not said ("niet gezegd 1" read as a
    // riddle, issue 11): the reflection shows under what lessons brought.
    assert!(!all.contains("niet gezegd"), "{}", text(&rows));
    assert!(
        all.contains("Lessen brachten: “rustiger lezen”"),
        "{}",
        text(&rows)
    );
}

#[test]
fn a_new_teams_team_tab_says_its_instruction_whole() {
    // A team with nothing yet: no questions, no wants, no wishes.
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("t.db")).expect("open");
    let mut app = App::new(Box::new(store), "mia", KeyMap::default(), Theme::mono());
    app.lang = Some("nl");
    app.around.drafts = Some(leertuin::drafts::Drafts::at(dir.path().join("drafts")));
    app.start();
    update(&mut app, Action::GoTab(Tab::Team.index() as u8));
    for width in [40, 80] {
        let rows = screen(&app, width, 40);
        let all = read(&rows);
        assert!(
            all.contains(
                "Nog niemand heeft het gezegd. Druk bij Ik op e en zeg wat je wilt leren."
            ),
            "{width} columns, cut:\n{}",
            text(&rows)
        );
    }
}
