//! What a first-time worker reads in the pane, in Dutch at 40 and 80
//! columns: the asker's own question without answers says where the answer
//! will come; "Eerder gevraagd" shows only questions that share a real word,
//! the person's language first; lessons in another language come after and
//! are marked; the way out, help and quit stay on the hint line at 40
//! columns on every screen; a message is read whole or visibly cut.

mod tui_support;

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::{ProfileEdit, SqliteStore, Store};
use leertuin::tui::action::Action;
use leertuin::tui::app::Tab;
use leertuin::tui::keys::KeyMap;
use leertuin::tui::theme::Theme;
use leertuin::tui::views::status::{Status, StatusLine};
use leertuin::tui::{App, update};
use tempfile::TempDir;
use tui_support::{assert_shows, screen, text};

const HENK: &str = "henk";

fn named(store: &dyn Store, handle: &str, name: &str, lang: &str) {
    store.ensure_person(handle).unwrap();
    let edit = ProfileEdit {
        name: Some(name.into()),
        lang: Some(lang.into()),
        ..ProfileEdit::default()
    };
    store.edit_person(handle, &edit).unwrap();
}

fn ask(store: &dyn Store, who: &str, text: &str) -> leertuin::domain::ItemId {
    let draft = Draft {
        text: text.into(),
        ..Draft::default()
    };
    store
        .add(&NewItem::from_draft(Kind::Question, who, &draft).unwrap())
        .unwrap()
}

/// A database with Henk (Dutch) and Bram, and the questions given.
fn team(questions: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    named(&store, HENK, "Henk", "nl");
    named(&store, "bram", "Bram", "nl");
    named(&store, "ann", "Ann", "en");
    for (who, q) in questions {
        ask(&store, who, q);
    }
    dir
}

fn pane(dir: &TempDir, user: &str) -> App {
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    let mut app = App::new(Box::new(store), user, KeyMap::default(), Theme::mono());
    app.lang = Some("nl");
    app.start();
    app
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Type(c));
    }
}

/// The bottom row of the screen: the hint line.
fn hint_row(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h).last().cloned().unwrap_or_default()
}

#[test]
fn the_askers_own_question_without_answers_says_where_the_answer_will_come() {
    let dir = team(&[(HENK, "Is de kantine open op zaterdag?")]);
    let mut app = pane(&dir, HENK);
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Open);
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = text(&screen(&app, w, h));
        // Wrapped at 40 columns: the words, not the line, are checked.
        let flat = rows
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains("Nog geen antwoord."), "{w}:\n{rows}");
        assert!(
            flat.contains("Je ziet het hier als er een komt."),
            "{w}:\n{rows}"
        );
        assert!(!flat.contains("Weet jij het antwoord"), "{w}:\n{rows}");
    }
    // A colleague is still asked whether they know it.
    let mut bram = pane(&dir, "bram");
    update(&mut bram, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut bram, Action::Open);
    assert_shows(&screen(&bram, 80, 24), "Weet jij het antwoord?");
}

#[test]
fn asked_before_shows_only_real_matches_in_the_persons_language_first() {
    // The English one is newer: without the language first it would lead.
    let dir = team(&[
        ("bram", "Waar liggen de handschoenen voor het lassen?"),
        ("bram", "Waarom werkt het lassen niet?"),
        ("bram", "Welke stroom kies ik bij het lassen van RVS?"),
        ("ann", "How do I get started with vim?"),
        ("ann", "Is there a good course for logistics?"),
        ("ann", "Which flag shows the logs of a pod?"),
        ("ann", "Where are the handschoenen for welding kept?"),
    ]);
    let mut app = pane(&dir, HENK);
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    update(&mut app, Action::Capture);
    // Words that no question shares: nothing, rather than noise.
    type_text(&mut app, "Waar vind ik de ");
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = text(&screen(&app, w, h));
        assert!(
            !rows.contains("Eerder gevraagd"),
            "{w}: noise shown:\n{rows}"
        );
    }
    type_text(&mut app, "handschoenen ");
    for (w, h) in [(40, 24), (80, 24)] {
        let rows = screen(&app, w, h);
        assert_shows(&rows, "Eerder gevraagd");
        // What shows under the form, not the list behind it.
        let all = text(&rows);
        let all = &all[all.find("Eerder gevraagd").unwrap()..];
        let dutch = all.find("Waar liggen").expect("the Dutch question");
        let english = all.find("Where are").expect("the English one too");
        assert!(dutch < english, "{w}: Dutch first:\n{all}");
        assert!(
            !all.contains("started") && !all.contains("logistics"),
            "{w}:\n{all}"
        );
    }
    // One that holds more of the words leaves out those holding fewer.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Cancel);
    ask(&*app.store, "bram", "Waarom werkt het lassen niet?");
    ask(
        &*app.store,
        "bram",
        "Welke stroom kies ik bij het lassen van RVS?",
    );
    app.rebuild_index();
    update(&mut app, Action::Capture);
    type_text(&mut app, "Welke stroom werkt bij lassen ");
    let all = text(&screen(&app, 80, 24));
    let all = &all[all.find("Eerder gevraagd").expect("asked before")..];
    assert!(all.contains("Welke stroom kies"), "{all}");
    assert!(
        !all.contains("Waarom werkt") && !all.contains("handschoenen"),
        "{all}"
    );
}

#[test]
fn lessons_in_another_language_come_after_and_are_marked() {
    let dir = team(&[]);
    let mut app = pane(&dir, HENK);
    update(&mut app, Action::GoTab(Tab::Lessons.index() as u8));
    for (w, h) in [(40, 40), (80, 40)] {
        let rows = screen(&app, w, h);
        let all = text(&rows);
        // Rows of lessons (ids l1…), and where the heading stands.
        let lessons: Vec<(usize, &String)> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.contains(" l") && r.contains('…') || r.contains("> l"))
            .collect();
        let heading = rows
            .iter()
            .position(|r| r.contains("In andere talen"))
            .unwrap_or_else(|| panic!("{w}: no heading:\n{all}"));
        let dutch = all.find("Durf te zeggen").expect("a Dutch lesson");
        let english = all.find("Take notes").expect("an English lesson");
        assert!(dutch < english, "{w}:\n{all}");
        assert!(
            lessons.iter().any(|(y, _)| *y < heading) && lessons.iter().any(|(y, _)| *y > heading),
            "{w}: the heading between the two:\n{all}"
        );
        let heading_at = all.find("In andere talen").unwrap();
        assert!(dutch < heading_at && heading_at < english, "{w}:\n{all}");
    }
    // Where the row has room, it names the language.
    assert_shows(&screen(&app, 40, 40), "· EN");
}

#[test]
fn the_way_out_help_and_quit_stay_on_the_hint_line_at_40_columns() {
    let dir = team(&[("bram", "Wie kan mij de heftruck uitleggen?")]);
    let mut app = pane(&dir, HENK);
    update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
    // The list.
    let row = hint_row(&app, 40, 20);
    assert!(row.contains("? hulp") && row.contains("q stoppen"), "{row}");
    // An open item: back, help, quit.
    update(&mut app, Action::Open);
    for w in [40, 80] {
        let row = hint_row(&app, w, 20);
        assert!(row.contains("Esc terug"), "{w}: {row}");
        assert!(
            row.contains("? hulp") && row.contains("q stoppen"),
            "{w}: {row}"
        );
    }
    // The answer form: Esc cancels.
    update(&mut app, Action::Answer);
    assert!(hint_row(&app, 40, 20).contains("Esc annuleren"));
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Back);
    // The capture form and search.
    update(&mut app, Action::Capture);
    assert!(hint_row(&app, 40, 20).contains("Esc annuleren"));
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Search);
    type_text(&mut app, "heftruck");
    assert!(hint_row(&app, 40, 20).contains("Esc"));
}

/// The `status.*` messages of a catalogue, per language, with every
/// `%{value}` filled in with a short one ("q12").
fn status_messages(file: &str) -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(format!("{}/locales/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut out = Vec::new();
    let mut key = String::new();
    for line in text.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            key = line.trim_end_matches(':').to_string();
        } else if key.starts_with("status.")
            && let Some((lang, said)) = line.trim().split_once(": ")
        {
            let said = said.trim_matches('"').replace("\\\"", "\"");
            let mut filled = String::new();
            let mut rest = said.as_str();
            while let Some(at) = rest.find("%{") {
                filled.push_str(&rest[..at]);
                filled.push_str("q12");
                rest = rest[at..].split_once('}').map_or("", |(_, r)| r);
            }
            filled.push_str(rest);
            out.push((format!("{key} {lang}"), filled));
        }
    }
    out
}

/// Every status message of the pane is read whole in the status area
/// (three rows) at 40 columns, in both languages, with short values in.
#[test]
fn status_messages_fit_three_rows_at_40_columns() {
    let messages = status_messages("pane.yml");
    assert!(messages.len() > 40, "{}", messages.len());
    let cut: Vec<String> = messages
        .iter()
        .filter(|(_, said)| {
            let status = Status {
                text: said.clone(),
                error: false,
            };
            StatusLine {
                status: Some(&status),
                waiting: None,
                nudge: None,
                theme: Theme::mono(),
            }
            .cut(40)
        })
        .map(|(key, said)| format!("{key}: {said}"))
        .collect();
    assert!(cut.is_empty(), "cut at 40 columns:\n{}", cut.join("\n"));
}

/// A message too long for three rows (a long reason from the system) is cut
/// visibly: the third row ends in "…", and the start, the essential part,
/// is there.
#[test]
fn a_message_too_long_for_the_status_area_ends_in_an_ellipsis() {
    let dir = team(&[]);
    let mut app = pane(&dir, HENK);
    app.say(format!(
        "Niet opgeslagen, je tekst is bewaard: {}",
        "heel lang ".repeat(30)
    ));
    let rows = screen(&app, 40, 20);
    // Rows 15..18: three of message above the two rows of hints.
    let message: Vec<&String> = rows[15..18].iter().collect();
    assert!(message[0].starts_with("Niet opgeslagen"), "{}", text(&rows));
    assert!(message[2].trim_end().ends_with('…'), "{}", text(&rows));
}

/// A question's answers are counted in whole words ("2 antwoorden", "1
/// antwoord"): a cut word ("2 antw") is no word to a B1 reader. At 40
/// columns a kiosk (no ids) shows them beside the title; the pane, with
/// its ids, keeps the title whole and leaves the count out, never cut.
#[test]
fn answer_counts_are_whole_words_beside_the_title_at_40_columns() {
    let dir = team(&[]);
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    let two = ask(
        &store,
        "bram",
        "Hoe stel ik de lasstroom in bij dikke platen?",
    );
    store.answer(two, "ann", "Begin bij 90 ampère").unwrap();
    store.answer(two, HENK, "Of bij 100").unwrap();
    let one = ask(&store, "bram", "Waar ligt de toner?");
    store.answer(one, "ann", "In de kast").unwrap();
    for kiosk in [false, true] {
        let mut app = pane(&dir, HENK);
        app.typing_asks = kiosk;
        update(&mut app, Action::GoTab(Tab::Questions.index() as u8));
        let rows = screen(&app, 40, 20);
        let all = text(&rows);
        assert!(!all.contains("antw "), "kiosk {kiosk}:\n{all}");
        let row = |title: &str| {
            rows.iter()
                .find(|r| r.contains(title))
                .cloned()
                .unwrap_or_else(|| panic!("no row {title:?} in:\n{all}"))
        };
        for (title, count) in [
            ("Hoe stel ik", "2 antwoorden"),
            ("Waar ligt de toner", "1 antwoord"),
        ] {
            let row = row(title);
            assert!(
                row.contains(count) || (!kiosk && !row.contains("antw")),
                "kiosk {kiosk}:\n{all}"
            );
            if kiosk {
                assert!(row.contains(count), "{all}");
            }
        }
    }
}
