//! `leertuin search` as a person uses it: filters among the words, the
//! team's synonyms from config.toml, the whole text (answers too) and the
//! stretch of text where the words stand.

mod common;

use common::Sandbox;

fn ids(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn kind_and_tag_filters_narrow_the_search() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "SQL joins in one picture", "-t", "sql"]);
    s.ok(&[
        "add",
        "question",
        "How do SQL joins work?",
        "-t",
        "sql-basics",
    ]);
    s.ok(&["add", "question", "How do tmux panes work?", "-t", "tmux"]);
    assert_eq!(
        ids(&s.ok(&["search", "t:question", "#sql", "joins"])),
        vec!["q1"]
    );
    assert_eq!(
        ids(&s.ok(&["search", "t:vraag"])),
        vec!["q2", "q1"],
        "newest first"
    );
    assert_eq!(ids(&s.ok(&["search", "#sql"])).len(), 2);
}

#[test]
fn answers_are_searched_and_the_row_shows_where_the_words_stand() {
    let s = Sandbox::new();
    s.ok(&["add", "question", "Where is the forklift key?"]);
    s.ok(&["add", "tip", "Label every cable before you pull it"]);
    s.cmd_as("bob")
        .args([
            "answer",
            "q1",
            "In the drawer under the kettle in the canteen",
        ])
        .assert()
        .success();
    let out = s.ok(&["search", "kettle", "drawer"]);
    assert_eq!(ids(&out), vec!["q1"]);
    assert!(out.contains("…"), "{out}");
    assert!(out.contains("drawer under the kettle"), "{out}");
}

#[test]
fn the_teams_synonyms_find_each_other_and_a_bad_entry_is_refused() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "Een zip-bestand extraheren met unzip"]);
    s.ok(&["add", "tip", "Dozen uitpakken in het magazijn"]);
    let config = s.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[search]\nsynonyms = [\"uitpakken = extraheren\"]\n",
    )
    .unwrap();
    assert_eq!(ids(&s.ok(&["search", "uitpakken"])), vec!["t2", "t1"]);
    assert_eq!(ids(&s.ok(&["search", "extraheren"])), vec!["t1", "t2"]);
    std::fs::write(
        config.join("config.toml"),
        "[search]\nsynonyms = [\"uitpakken\"]\n",
    )
    .unwrap();
    let err = s.usage_error(&["search", "uitpakken"]);
    assert!(
        err.contains("uitpakken") && err.contains("synonyms"),
        "{err}"
    );
}

#[test]
fn an_edit_and_a_delete_are_searched_as_they_stand() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "Zebra crossing near gate four"]);
    assert_eq!(ids(&s.ok(&["search", "zebra"])), vec!["t1"]);
    s.ok(&["edit", "t1", "Giraffe crossing near gate four"]);
    assert_eq!(ids(&s.ok(&["search", "giraffe"])), vec!["t1"]);
    s.ok(&["delete", "t1"]);
    assert!(!ids(&s.ok(&["search", "giraffe"])).contains(&"t1".to_string()));
}

/// Imported know-how (a tldr page) ranks below a colleague's tip that
/// matches as well, although it is newer and shorter; `--no-knowhow`
/// leaves it out.
#[test]
fn imported_know_how_ranks_below_colleagues_and_can_be_left_out() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "Unpack a tar archive here with tar -xf"]);
    let page = s.path().join("tldr/pages/common/tar.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(
        &page,
        "# tar\n\n> Archiver.\n\n- Unpack a tar archive:\n\n`tar -xf {{archive.tar}}`\n",
    )
    .unwrap();
    let tree = s.path().join("tldr");
    s.ok(&["knowhow", "import", "tldr", tree.to_str().unwrap()]);
    let found = ids(&s.ok(&["search", "unpack", "tar", "archive"]));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0], "t1", "the colleague's tip first: {found:?}");
    assert_eq!(
        ids(&s.ok(&["search", "--no-knowhow", "unpack", "tar", "archive"])),
        vec!["t1"]
    );
}

/// The pane searches its own index as the person types; `search` starts
/// from the database's text index. Both must find the same: other word
/// forms ("bestanden" finds "bestand" although "logbestanden" holds the
/// word itself) and no letters spread inside a word ("toner" is not in
/// "stronger") while the words stand somewhere whole.
#[test]
fn the_pane_typing_and_the_search_command_find_the_same() {
    use leertuin::search::SearchIndex;
    use leertuin::store::SqliteStore;

    let s = Sandbox::new();
    for text in [
        "Replace the toner cartridge of the second floor printer",
        "A stronger password policy for the guest network",
        "Een bestand openen vanaf de gedeelde schijf",
        "Alle logbestanden van vorige week wissen",
        "Use ctrl-r to search shell history",
        "Restarting the printer queue after a jam",
    ] {
        s.ok(&["add", "tip", text]);
    }
    let store = SqliteStore::open(&s.db()).unwrap();
    let index = SearchIndex::load(&store, "ann").unwrap();
    let typed = |query: &str| -> Vec<String> {
        let mut hits = Vec::new();
        for (at, c) in query.char_indices() {
            hits = index.search(&query[..at + c.len_utf8()], 10);
        }
        hits.iter().map(|h| h.id.to_string()).collect()
    };
    // (query, must find, must not find); bundled lessons may be found too.
    for (query, found, not) in [
        ("toner", vec!["t1"], vec!["t2"]),
        ("bestanden", vec!["t3", "t4"], vec![]),
        ("ctrlr histry", vec!["t5"], vec![]),
        ("restart printers", vec!["t6"], vec!["t1"]),
        ("strngr", vec!["t2"], vec![]),
    ] {
        let words: Vec<&str> = query.split_whitespace().collect();
        let cli = ids(&s.ok(&[&["search", "--"], &words[..]].concat()));
        assert_eq!(typed(query), cli, "typed and `search` {query}");
        assert!(
            found.iter().all(|id| cli.contains(&id.to_string())),
            "{query}: {cli:?}"
        );
        assert!(
            !not.iter().any(|id| cli.contains(&id.to_string())),
            "{query}: {cli:?}"
        );
    }
}
