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
    let at = app.feeds.lists[0]
        .rows
        .iter()
        .position(|r| r.item.title() == "Maak een frob:")
        .unwrap();
    update(&mut app, Action::Top);
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
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
    tui_support::assert_shows(&rows, "deze tip komt van elders");
    let item = app.feeds.lists[0].rows[at].item.clone();
    assert!(matches!(item, Item::Tip(t) if t.reference.is_some()));
}
