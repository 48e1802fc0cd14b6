//! `leertuin knowhow import`: tldr page trees, navi cheatsheets and FAQs,
//! run on the real binary against small fixture trees written here (made
//! up pages in tldr's format, never copies of real ones).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::Sandbox;
use serde_json::Value;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A tldr tree: English and Dutch pages, odd names, a capital, placeholders.
fn tldr_tree(s: &Sandbox) -> PathBuf {
    let root = s.path().join("tldr");
    write(
        &root.join("pages/common/frob.md"),
        "# frob\n\n> Frobnicates files.\n> More information: <https://example.org/frob>.\n\n\
         - [c]reate a frob from a [f]ile:\n\n`frob -cf {{path/to/file}}`\n\n\
         - Show frobs \\[all of them\\] [v]erbosely:\n\n`frob {{[-v|--verbose]}} --all`\n",
    );
    write(
        &root.join("pages/common/c++.md"),
        "# c++\n\n> A made-up compiler.\n\n- Compile one file:\n\n`c++ {{source.cpp}} -o {{binary}}`\n",
    );
    write(
        &root.join("pages/common/zapp.md"),
        "# Zapp\n\n> A tool with a capital.\n\n- Zap everything:\n\n`Zapp --all`\n",
    );
    write(
        &root.join("pages/linux/blip.md"),
        "# blip\n\n> Linux only.\n\n- Blip once:\n\n`blip -1`\n",
    );
    write(
        &root.join("pages/osx/blop.md"),
        "# blop\n\n> macOS only.\n\n- Blop once:\n\n`blop -1`\n",
    );
    write(
        &root.join("pages.nl/common/frob.md"),
        "# frob\n\n> Frobneert bestanden.\n\n- Maak een frob van een [b]estand:\n\n`frob -cf {{pad/naar/bestand}}`\n",
    );
    root
}

fn tips(s: &Sandbox) -> Vec<Value> {
    let out = s.ok(&["list", "tips", "--json", "--limit", "1000"]);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn tip_text<'a>(tips: &'a [Value], page: &str, lang: &str, example: u64) -> Option<&'a str> {
    tips.iter()
        .find(|t| {
            t["reference"]["page"] == page
                && t["reference"]["lang"] == lang
                && t["reference"]["example"] == example
        })
        .and_then(|t| t["text"].as_str())
}

#[test]
fn a_tldr_tree_becomes_reference_tips_rendered_as_clients_show_them() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    let out = s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    assert!(
        out.contains("tldr-pages en: 5 added, 0 changed, 0 removed, 0 unchanged"),
        "{out}"
    );
    assert!(
        out.contains("tldr-pages nl: 1 added, 0 changed, 0 removed, 0 unchanged"),
        "{out}"
    );
    let tips = tips(&s);
    assert_eq!(tips.len(), 6, "osx is not imported by default");
    assert_eq!(
        tip_text(&tips, "common/frob", "en", 1),
        Some("create a frob from a file:\nfrob -cf path/to/file")
    );
    assert_eq!(
        tip_text(&tips, "common/frob", "en", 2),
        Some("Show frobs [all of them] verbosely:\nfrob --verbose --all")
    );
    assert_eq!(
        tip_text(&tips, "common/frob", "nl", 1),
        Some("Maak een frob van een bestand:\nfrob -cf pad/naar/bestand")
    );
    let cpp = tips
        .iter()
        .find(|t| t["reference"]["page"] == "common/c++")
        .unwrap();
    assert_eq!(cpp["tags"], serde_json::json!(["cpp"]));
    assert_eq!(cpp["context"], "c++");
    assert_eq!(cpp["author"], "knowhow:tldr");
    assert_eq!(cpp["reference"]["attribution"], "tldr-pages, CC BY 4.0");
    let zapp = tips
        .iter()
        .find(|t| t["reference"]["page"] == "common/zapp")
        .unwrap();
    assert_eq!(zapp["context"], "zapp", "a capital in the title");
    assert_eq!(zapp["text"], "Zap everything:\nZapp --all");
}

#[test]
fn a_second_import_updates_removes_and_never_duplicates() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    let path = root.to_str().unwrap();
    s.ok(&["knowhow", "import", "tldr", path]);
    let before = tips(&s);
    let again = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        again.contains("tldr-pages en: 0 added, 0 changed, 0 removed, 5 unchanged"),
        "{again}"
    );
    assert_eq!(tips(&s), before, "nothing changed, nothing written");

    // One page changed, one removed, one new.
    write(
        &root.join("pages/common/c++.md"),
        "# c++\n\n> A made-up compiler.\n\n- Compile one file with warnings:\n\n`c++ -Wall {{source.cpp}}`\n",
    );
    fs::remove_file(root.join("pages/linux/blip.md")).unwrap();
    write(
        &root.join("pages/common/new.md"),
        "# new\n\n> New.\n\n- Be new:\n\n`new`\n",
    );
    let third = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        third.contains("tldr-pages en: 1 added, 1 changed, 1 removed, 3 unchanged"),
        "{third}"
    );
    assert!(
        third.contains("tldr-pages nl: 0 added, 0 changed, 0 removed, 1 unchanged"),
        "{third}"
    );
    let after = tips(&s);
    assert_eq!(after.len(), 6);
    assert_eq!(
        tip_text(&after, "common/c++", "en", 1),
        Some("Compile one file with warnings:\nc++ -Wall source.cpp")
    );
    assert!(tip_text(&after, "linux/blip", "en", 1).is_none());
    let id_of = |tips: &[Value], page: &str| {
        tips.iter()
            .find(|t| t["reference"]["page"] == page)
            .map(|t| t["id"].clone())
    };
    assert_eq!(
        id_of(&after, "common/c++"),
        id_of(&before, "common/c++"),
        "updated in place"
    );

    // A Dutch-only import leaves the English pages alone.
    let nl = s.ok(&["knowhow", "import", "tldr", path, "--lang", "nl"]);
    assert!(!nl.contains(" en:"), "{nl}");
    assert_eq!(tips(&s).len(), 6);
}

/// The commands of a page's tips, by their number.
fn page_order(tips: &[Value]) -> Vec<String> {
    let mut tips: Vec<&Value> = tips.iter().collect();
    tips.sort_by_key(|t| t["reference"]["example"].as_u64());
    tips.iter()
        .map(|t| {
            t["text"]
                .as_str()
                .unwrap()
                .lines()
                .last()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn an_example_put_in_or_taken_out_of_the_middle_leaves_the_others_as_they_were() {
    let s = Sandbox::new();
    let root = s.path().join("tldr");
    let page = root.join("pages/common/frob.md");
    let examples = |cmds: &[&str]| {
        let mut text = String::from("# frob\n\n> Frobs.\n");
        for c in cmds {
            text.push_str(&format!("\n- Run {c}:\n\n`frob {c}`\n"));
        }
        text
    };
    let path = root.to_str().unwrap();
    write(&page, &examples(&["-a", "-b", "-c", "-d"]));
    s.ok(&["knowhow", "import", "tldr", path]);
    let before = tips(&s);

    write(&page, &examples(&["-a", "-b", "--new", "-c", "-d"]));
    let out = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        out.contains("tldr-pages en: 1 added, 0 changed, 0 removed, 4 unchanged"),
        "{out}"
    );
    let after = tips(&s);
    assert_eq!(after.len(), 5);
    // The others keep their ids and text; their number is their new place.
    for tip in &before {
        let mut tip = tip.clone();
        let now = after.iter().find(|t| t["id"] == tip["id"]).unwrap();
        tip["reference"]["example"] = now["reference"]["example"].clone();
        assert_eq!(now, &tip);
    }
    assert_eq!(
        page_order(&after),
        ["frob -a", "frob -b", "frob --new", "frob -c", "frob -d"]
    );

    // One taken out of the middle is one removed.
    write(&page, &examples(&["-a", "--new", "-c", "-d"]));
    let out = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        out.contains("tldr-pages en: 0 added, 0 changed, 1 removed, 4 unchanged"),
        "{out}"
    );
    let left = tips(&s);
    assert_eq!(left.len(), 4);
    assert_eq!(
        page_order(&left),
        ["frob -a", "frob --new", "frob -c", "frob -d"]
    );

    // A changed command where one stood is that example, changed.
    write(&page, &examples(&["-a", "--newer", "-c", "-d"]));
    let out = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        out.contains("tldr-pages en: 0 added, 1 changed, 0 removed, 3 unchanged"),
        "{out}"
    );
}

/// tldr pages are edited: an example gets a better command and is moved
/// down the page. A tealdeer reader knows it by its description ("Frob a
/// folder"): it is that example, changed (same id), not one removed and
/// another added. With a new description as well it is another example.
#[test]
fn a_changed_command_that_moved_keeps_its_description_and_is_one_changed() {
    let s = Sandbox::new();
    let root = s.path().join("tldr");
    let page = root.join("pages/common/frob.md");
    let path = root.to_str().unwrap();
    let text = |examples: &[(&str, &str)]| {
        let mut text = String::from("# frob\n\n> Frobs.\n");
        for (description, command) in examples {
            text.push_str(&format!("\n- {description}:\n\n`{command}`\n"));
        }
        text
    };
    write(
        &page,
        &text(&[
            ("Frob a file", "frob {{path/to/file}}"),
            ("Frob a folder", "frob -r {{path/to/folder}}"),
            ("Show the version", "frob -v"),
        ]),
    );
    s.ok(&["knowhow", "import", "tldr", path]);
    let id_of = |tips: &[Value], command: &str| {
        tips.iter()
            .find(|t| t["text"].as_str().unwrap().ends_with(command))
            .map(|t| t["id"].clone())
    };
    let folder = id_of(&tips(&s), "frob -r path/to/folder").unwrap();

    write(
        &page,
        &text(&[
            ("Frob a file", "frob {{path/to/file}}"),
            ("Show the version", "frob -v"),
            (
                "Frob a folder",
                "frob {{[-r|--recursive]}} {{path/to/folder}}",
            ),
        ]),
    );
    let out = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        out.contains("tldr-pages en: 0 added, 1 changed, 0 removed, 2 unchanged"),
        "{out}"
    );
    let after = tips(&s);
    assert_eq!(after.len(), 3);
    assert_eq!(
        id_of(&after, "frob --recursive path/to/folder"),
        Some(folder),
        "the same tip, changed in place"
    );
    assert_eq!(
        page_order(&after),
        [
            "frob path/to/file",
            "frob -v",
            "frob --recursive path/to/folder"
        ]
    );

    write(
        &page,
        &text(&[
            ("Frob a file", "frob {{path/to/file}}"),
            ("Show the version", "frob -v"),
            ("Frob a whole tree", "frob -R {{path/to/folder}}"),
        ]),
    );
    let out = s.ok(&["knowhow", "import", "tldr", path]);
    assert!(
        out.contains("tldr-pages en: 0 added, 1 changed, 0 removed, 2 unchanged"),
        "where it stood: still paired by place: {out}"
    );
}

#[test]
fn a_malformed_page_is_named_by_path_and_line_and_the_rest_imports() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    let path = root.to_str().unwrap();
    s.ok(&["knowhow", "import", "tldr", path]);
    // A page that imported before breaks: it is reported, not removed.
    write(
        &root.join("pages/linux/blip.md"),
        "# blip\n\n> Linux only.\n\n- Blip once:\n\n- Blip twice:\n\n`blip -2`\n",
    );
    write(
        &root.join("pages/common/broken.md"),
        "broken\n\n- Nothing\n",
    );
    let out = s
        .cmd()
        .args(["knowhow", "import", "tldr", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pages/linux/blip.md:5: this description has no command after it"),
        "{err}"
    );
    assert!(
        err.contains("pages/common/broken.md:1: a page starts with '# command'"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("tldr-pages en: 0 added, 0 changed, 0 removed, 4 unchanged"),
        "{stdout}"
    );
    assert!(tip_text(&tips(&s), "linux/blip", "en", 1).is_some());
}

#[test]
fn a_missing_tree_is_one_line_and_writes_nothing() {
    let s = Sandbox::new();
    let empty = s.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let err = s.usage_error(&["knowhow", "import", "tldr", empty.to_str().unwrap()]);
    assert!(err.contains("no tldr pages in"), "{err}");
    let err = s.usage_error(&["knowhow", "import", "tldr"]);
    assert!(err.contains("no tldr pages found (looked in"), "{err}");
    assert!(!s.db().exists());
}

#[test]
fn the_tealdeer_cache_is_found_by_itself() {
    let s = Sandbox::new();
    let cache = s.path().join("home/.cache/tealdeer/tldr-pages");
    write(
        &cache.join("pages.en/common/frob.md"),
        "# frob\n\n> Frobnicates.\n\n- Frob:\n\n`frob`\n",
    );
    let out = s.ok(&["knowhow", "import", "tldr"]);
    assert!(out.contains("tldr-pages en: 1 added"), "{out}");
}

#[test]
fn imported_tips_survive_a_backup_round_trip() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    fs::remove_file(root.join("pages/linux/blip.md")).unwrap();
    s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    s.ok(&["add", "tip", "A colleague's own tip", "-t", "frob"]);
    let first = s.export();
    assert!(first.contains("\"attribution\": \"tldr-pages, CC BY 4.0\""));
    let backup = s.path().join("backup.json");
    fs::write(&backup, &first).unwrap();
    let other = Sandbox::new();
    other.ok(&["import", backup.to_str().unwrap()]);
    assert_eq!(other.export(), first);
    // The restored tree re-imports as unchanged: the keys came along.
    let out = other.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    assert!(
        out.contains("0 added, 0 changed, 0 removed, 4 unchanged"),
        "{out}"
    );
}

#[test]
fn navi_cheatsheets_keep_descriptions_tags_and_variables() {
    let s = Sandbox::new();
    let cheat = s.path().join("cheats/frob.cheat");
    write(
        &cheat,
        "% frob, files\n\n# Frob a file\nfrob -f <file>\n\n# Frob all\nfrob --all\n\n$ file: ls\n",
    );
    let out = s.ok(&["knowhow", "import", "navi", cheat.to_str().unwrap()]);
    assert!(out.contains("navi en: 2 added"), "{out}");
    let tips = tips(&s);
    assert_eq!(
        tip_text(&tips, "frob.cheat", "en", 1),
        Some("Frob a file\nfrob -f <file>\n$ file: ls")
    );
    assert_eq!(
        tip_text(&tips, "frob.cheat", "en", 2),
        Some("Frob all\nfrob --all")
    );
    let t = &tips[0];
    assert_eq!(t["tags"], serde_json::json!(["frob", "files"]));
    assert_eq!(t["context"], "frob");

    write(&cheat, "% frob\n\n# Frob all\nfrob --all\n");
    let out = s.ok(&["knowhow", "import", "navi", cheat.to_str().unwrap()]);
    assert!(
        out.contains("navi en: 0 added, 1 changed, 1 removed, 0 unchanged"),
        "{out}"
    );
}

/// navi files name no language, and nearly all are English: a Dutch
/// reader's import stores them as English (the pane then shows them to
/// a Dutch colleague only where no Dutch copy exists), `--lang` says
/// otherwise.
#[test]
fn navi_cheats_are_english_unless_lang_says_otherwise() {
    let s = Sandbox::new();
    let cheat = s.path().join("cheats/frob.cheat");
    write(&cheat, "% frob\n\n# Frob all\nfrob --all\n");
    let path = cheat.to_str().unwrap();
    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["knowhow", "import", "navi", path])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("navi en: 1 nieuw"), "{stdout}");
    let langs = |s: &Sandbox| -> Vec<String> {
        tips(s)
            .iter()
            .map(|t| t["reference"]["lang"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(langs(&s), ["en"]);

    let out = s.ok(&["knowhow", "import", "navi", "--lang", "nl", path]);
    assert!(out.contains("navi nl: 1 added"), "{out}");
    // Each language speaks for itself: the English copy stays.
    assert_eq!(langs(&s), ["nl", "en"]);
}

/// `list --no-knowhow` (like `search --no-knowhow`) leaves imported
/// tips and FAQ questions out, every kind and `list tips` alike; the
/// limit counts what is shown.
#[test]
fn list_no_knowhow_shows_colleagues_own_posts_only() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    let faq = s.path().join("faq.md");
    write(&faq, "## Where is the key?\n\nAt the desk.\n");
    s.ok(&["knowhow", "import", "faq", faq.to_str().unwrap()]);
    let tip = s.ok(&["add", "tip", "frob -cf keeps the file's date"]);
    let question = s.ok(&["add", "question", "Who frobs the night shift's files?"]);
    let ids = |args: &[&str]| -> Vec<String> {
        let out: Value = serde_json::from_str(&s.ok(args)).unwrap();
        out.as_array()
            .unwrap()
            .iter()
            .filter(|i| !i["id"].as_str().unwrap().starts_with('l'))
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "--no-knowhow", "--json", "--limit", "100"]),
        [question.trim(), tip.trim()]
    );
    assert_eq!(
        ids(&["list", "tips", "--no-knowhow", "--json", "-n", "1"]),
        [tip.trim()]
    );
    assert_eq!(ids(&["list", "tips", "--json", "--limit", "100"]).len(), 7);
    let text = s.ok(&["list", "tips", "--no-knowhow"]);
    assert!(!text.contains("tldr"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn a_faq_becomes_answered_questions() {
    let s = Sandbox::new();
    let md = s.path().join("faq.md");
    write(
        &md,
        "# Our FAQ\n\n## Where is the first-aid kit?\n\nBy the door of hall 2.\n\n## Who has the key?\n\n## How do I book a course?\nAsk your lead, then mail HR.\n",
    );
    let csv = s.path().join("faq.csv");
    write(
        &csv,
        "vraag,antwoord\nWaar staat de koffie?,In de kantine.\n\"Hoe, precies?\",\"Zo:\nstap 1\"\n",
    );
    let out = s
        .cmd()
        .args([
            "knowhow",
            "import",
            "faq",
            md.to_str().unwrap(),
            csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "one entry had no answer");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("faq.md:7: this question has no answer"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("FAQ en: 4 added"), "{stdout}");
    let qs: Value = serde_json::from_str(&s.ok(&["list", "questions", "--json"])).unwrap();
    let qs = qs.as_array().unwrap();
    assert_eq!(qs.len(), 4);
    let coffee = qs
        .iter()
        .find(|q| q["title"] == "Waar staat de koffie?")
        .unwrap();
    assert_eq!(coffee["answers"][0]["body"], "In de kantine.");
    assert_eq!(coffee["answers"][0]["accepted"], true);
    assert_eq!(coffee["reference"]["source"], "faq");
}

#[test]
fn merging_a_backup_of_the_same_import_adds_no_duplicates() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    let other = Sandbox::new();
    other.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    other.ok(&["add", "tip", "Only in the other team", "-t", "frob"]);
    let backup = s.path().join("other.json");
    fs::write(&backup, other.export()).unwrap();
    s.ok(&["import", "--merge", backup.to_str().unwrap()]);
    assert_eq!(
        tips(&s).len(),
        7,
        "6 examples once, and the colleague's tip"
    );
    let out = s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    assert!(
        out.contains("0 added, 0 changed, 0 removed, 5 unchanged"),
        "{out}"
    );
}

#[test]
fn imported_tips_show_their_source_and_ask_no_votes() {
    let s = Sandbox::new();
    let root = tldr_tree(&s);
    s.ok(&["knowhow", "import", "tldr", root.to_str().unwrap()]);
    let id = tips(&s)
        .iter()
        .find(|t| t["reference"]["page"] == "common/c++")
        .map(|t| t["id"].as_str().unwrap().to_string())
        .unwrap();
    let list = s.ok(&["list", "tips"]);
    let line = list.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(line.ends_with("(tldr · en)"), "{line}");
    assert!(
        !list.contains("votes") && !list.contains("tldr-pages ·"),
        "{list}"
    );
    let shown = s.ok(&["show", &id]);
    assert!(
        shown.contains("from: tldr-pages, CC BY 4.0 · common/c++ (en, "),
        "{shown}"
    );
    let err = s.usage_error(&["vote", &id]);
    assert!(err.contains("votes are for colleagues' tips"), "{err}");
}
