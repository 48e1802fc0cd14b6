//! Imported know-how in the pane: beside the tool it is about, in the
//! person's language where a page has it, marked with its source, and
//! never among colleagues' news otherwise.

mod tui_support;

use leertuin::domain::Item;
use leertuin::domain::reference::{Scope, Source};
use leertuin::knowhow::tldr;
use leertuin::store::Store;
use leertuin::tui::action::Action;
use leertuin::tui::update;

/// Two pages about `frob`: `common/frob` in English and Dutch, and
/// `common/frob-extra` in English only.
fn import(dir: &tempfile::TempDir) {
    let store = tui_support::other_process(dir);
    let mut items = Vec::new();
    for (lang, name, text) in [
        (
            "en",
            "frob",
            "# frob\n\n- Create a frob:\n\n`frob -c {{file}}`\n",
        ),
        (
            "nl",
            "frob",
            "# frob\n\n- Maak een frob:\n\n`frob -c {{bestand}}`\n",
        ),
        (
            "en",
            "frob-extra",
            "# frob extra\n\n- Frob extra hard:\n\n`frob extra --hard`\n",
        ),
    ] {
        let page = tldr::parse(text).unwrap();
        items.extend(
            tldr::items(&page, "common", name, lang, "r1")
                .into_iter()
                .map(|i| i.checked().unwrap()),
        );
    }
    let scope = Scope {
        source: Some(Source::Tldr),
        langs: vec!["en".into(), "nl".into()],
        pages: vec!["common/".into()],
        keep: Vec::new(),
    };
    store.import_reference(&scope, &items).unwrap();
}

fn for_you(app: &leertuin::tui::App) -> Vec<String> {
    app.feeds.lists[0]
        .rows
        .iter()
        .map(|r| r.item.title().to_string())
        .collect()
}

#[test]
fn imported_examples_come_beside_their_tool_in_the_persons_language() {
    let (dir, mut app) = tui_support::demo_app_in("nl");
    import(&dir);
    app.reload();
    let titles = for_you(&app);
    assert!(
        !titles.iter().any(|t| t.contains("frob")),
        "no tool next door, no imported examples: {titles:?}"
    );

    app.set_tools(vec!["frob".to_string()]);
    let titles = for_you(&app);
    assert!(titles.iter().any(|t| t == "Maak een frob:"), "{titles:?}");
    assert!(
        !titles.iter().any(|t| t == "Create a frob:"),
        "the Dutch page replaces the English one: {titles:?}"
    );
    assert!(
        titles.iter().any(|t| t == "Frob extra hard:"),
        "English where no Dutch page exists: {titles:?}"
    );
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = tui_support::screen(&app, w, h);
        tui_support::assert_shows(&rows, "Voor frob");
        tui_support::assert_shows(&rows, "Maak een frob:");
    }
    // Marked with its source where a colleague's tip shows its votes.
    let badges: Vec<&str> = app.feeds.lists[0]
        .rows
        .iter()
        .filter(|r| r.item.title().contains("rob"))
        .map(|r| r.badge.as_str())
        .collect();
    assert!(badges.iter().all(|b| b.ends_with("tldr")), "{badges:?}");

    // Opened: its source and licence, and no question about votes.
    let at = tui_support::select(&mut app, 0, "Maak een frob:");
    update(&mut app, Action::Open);
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "bron: tldr-pages, CC BY 4.0 · common/frob");
    tui_support::assert_shows(&rows, "tldr · voor frob · #frob");
    let text = tui_support::text(&rows);
    assert!(!text.contains("stemmen"), "{text}");
    assert!(!text.contains("knowhow:tldr"), "{text}");
    // `v` says why not, and writes nothing.
    update(&mut app, Action::Vote);
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "Deze tip komt van elders");
    let item = app.feeds.lists[0].rows[at].item.clone();
    assert!(matches!(item, Item::Tip(t) if t.reference.is_some()));
}

/// The rows of a tab as drawn, each with its badge where the row has room.
fn tab_titles(app: &leertuin::tui::App, tab: usize) -> Vec<String> {
    app.feeds.lists[tab]
        .rows
        .iter()
        .map(|r| r.item.title().to_string())
        .collect()
}

const TIPS: usize = 3;

/// `i` hides imported know-how from the lists and the search, says how to
/// bring it back (its hint stays in sight while it is hidden), and brings
/// it back; `[knowhow] show = false` starts the pane with it hidden.
#[test]
fn a_switch_hides_imported_know_how_and_brings_it_back() {
    let (dir, mut app) = tui_support::demo_app_in("nl");
    import(&dir);
    app.set_tools(vec!["frob".to_string()]);
    app.reload();
    update(&mut app, Action::GoTab(TIPS as u8));
    assert!(tab_titles(&app, TIPS).iter().any(|t| t == "Maak een frob:"));
    let own = tab_titles(&app, TIPS).len() - 3;
    tui_support::select(&mut app, TIPS, "Maak een frob:");
    // On an imported tip its hint is shown where the line has room (at
    // 40 columns `?` lists it: the others give way to help and quit).
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "i tldr aan/uit");
    update(&mut app, Action::Help);
    let rows = tui_support::screen(&app, 40, 80);
    tui_support::assert_shows(&rows, "kennis van buiten");
    update(&mut app, Action::Back);
    assert!(app.overlay.is_none(), "help closed");

    update(&mut app, Action::ToggleKnowhow);
    let titles = tab_titles(&app, TIPS);
    assert!(!titles.iter().any(|t| t.contains("frob")), "{titles:?}");
    assert_eq!(titles.len(), own, "colleagues' tips all stay");
    let rows = tui_support::screen(&app, 40, 20);
    tui_support::assert_shows(&rows, "verborgen");
    tui_support::assert_shows(&rows, "i toont ze weer");
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "i tldr aan/uit");
    update(&mut app, Action::GoTab(0));
    assert!(
        !for_you(&app).iter().any(|t| t.contains("frob")),
        "not beside the tool either: {:?}",
        for_you(&app)
    );
    // Nor in the pane's search.
    update(&mut app, Action::Search);
    for c in "frob".chars() {
        update(&mut app, Action::Type(c));
    }
    let rows = tui_support::screen(&app, 80, 24);
    assert!(
        !tui_support::text(&rows).contains("Maak een frob"),
        "{}",
        tui_support::text(&rows)
    );
    update(&mut app, Action::Cancel);

    update(&mut app, Action::ToggleKnowhow);
    assert!(for_you(&app).iter().any(|t| t == "Maak een frob:"));
    update(&mut app, Action::GoTab(TIPS as u8));
    assert!(tab_titles(&app, TIPS).iter().any(|t| t == "Maak een frob:"));
    update(&mut app, Action::Search);
    for c in "frob".chars() {
        update(&mut app, Action::Type(c));
    }
    let rows = tui_support::screen(&app, 80, 24);
    tui_support::assert_shows(&rows, "Maak een frob");
    update(&mut app, Action::Cancel);

    // The setting: hidden from the start.
    app.hide_knowhow(true);
    app.reload();
    assert!(!tab_titles(&app, TIPS).iter().any(|t| t.contains("frob")));
}

/// The source badge stays in sight on a list row, however narrow the
/// list: the pane at 40 columns, the list beside the detail at 80, and
/// wide at 200.
#[test]
fn the_tldr_badge_stays_on_list_rows_at_every_width() {
    let (dir, mut app) = tui_support::demo_app_in("en");
    import(&dir);
    app.set_tools(vec!["frob".to_string()]);
    app.reload();
    for tab in [0u8, TIPS as u8] {
        update(&mut app, Action::GoTab(tab));
        for (w, h) in [(40, 30), (80, 30), (200, 30)] {
            let rows = tui_support::screen(&app, w, h);
            for title in ["Frob extra hard", "Create a frob"] {
                let Some(row) = tui_support::row_of(&rows, title) else {
                    panic!("{title} at {w} columns:\n{}", tui_support::text(&rows));
                };
                // The list's own part of the row (left of a detail beside it).
                let line = &rows[row];
                let list_part: String = line.split('│').nth(1).unwrap_or(line).to_string();
                assert!(
                    list_part.trim_end().ends_with("tldr"),
                    "tab {tab}, {w} columns: {line:?}\n{}",
                    tui_support::text(&rows)
                );
            }
        }
    }
}

/// An imported FAQ entry is answered, and no colleague's: the pane asks
/// no one to back it (no me-too, can-help or pledge hint) — answering
/// stays.
#[test]
fn an_imported_faq_question_asks_for_no_backing() {
    let (dir, mut app) = tui_support::demo_app_in("en");
    let store = tui_support::other_process(&dir);
    let (items, _) = leertuin::knowhow::faq::items(
        std::path::Path::new("faq.md"),
        "## Where is the first-aid kit?\n\nBy the door of hall 2.\n",
        "faq.md",
        "en",
        "r1",
    )
    .unwrap();
    let items: Vec<_> = items
        .into_iter()
        .map(|(_, i)| i.checked().unwrap())
        .collect();
    let scope = Scope {
        source: Some(Source::Faq),
        langs: vec!["en".into()],
        pages: vec!["faq.md".into()],
        keep: Vec::new(),
    };
    store.import_reference(&scope, &items).unwrap();
    app.reload();
    update(&mut app, Action::GoTab(2));
    tui_support::select(&mut app, 2, "Where is the first-aid kit?");
    let hints: Vec<String> = app.hints().into_iter().map(|(_, label)| label).collect();
    for asks in ["me too", "can help", "pledge"] {
        assert!(!hints.iter().any(|h| h.contains(asks)), "{hints:?}");
    }
    update(&mut app, Action::Open);
    let hints: Vec<String> = app.hints().into_iter().map(|(_, label)| label).collect();
    assert!(hints.iter().any(|h| h.contains("answer")), "{hints:?}");
    for asks in ["me too", "can help", "pledge"] {
        assert!(!hints.iter().any(|h| h.contains(asks)), "{hints:?}");
    }
    let rows = tui_support::screen(&app, 80, 24);
    assert!(!tui_support::text(&rows).contains("knowhow:faq"));
}

/// On a kiosk (letters type a question there) an imported example asks
/// for no vote either: neither its row's hints nor its detail mention
/// votes, and it names no author.
#[test]
fn a_kiosk_asks_no_vote_on_an_imported_example() {
    let (dir, mut app) = tui_support::demo_app_in("nl");
    import(&dir);
    app.typing_asks = true;
    app.reload();
    update(&mut app, Action::GoTab(TIPS as u8));
    tui_support::select(&mut app, TIPS, "Maak een frob:");
    let list = tui_support::text(&tui_support::screen(&app, 80, 24));
    update(&mut app, Action::Open);
    for (w, h) in [(40, 20), (80, 24)] {
        let rows = tui_support::screen(&app, w, h);
        // The open example only: at 80 columns the list beside it names a
        // colleague's tip's votes ("1 stem").
        let beside = if w == 80 { 34 } else { 0 };
        let rows: Vec<String> = rows
            .iter()
            .map(|r| r.chars().skip(beside).collect())
            .collect();
        let text = tui_support::text(&rows);
        tui_support::assert_shows(&rows, "tldr-pages, CC BY 4.0");
        for word in ["stem", "knowhow:", "van tldr"] {
            assert!(!text.contains(word), "{word:?} at {w}:\n{text}");
        }
    }
    // The examples' rows name their source, no votes (a colleague's tip
    // beside them may say "2 stemmen").
    for row in list.lines().filter(|r| r.contains("tldr")) {
        assert!(!row.contains("stem"), "{row:?} in:\n{list}");
    }
}
