//! The command line speaks the person's language: the profile, else
//! LEERTUIN_LANG, else the system locale. JSON and ids stay the same.

mod common;

use common::Sandbox;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn leertuin_lang_nl_gives_dutch_messages_and_errors() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["list", "tips"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("nog niets te zien"),
        "{}",
        stderr(&out)
    );

    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["add", "tip", "   "])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "leertuin: de tip is leeg\n");

    let out = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["show", "q999"])
        .output()
        .expect("run");
    assert_eq!(stderr(&out), "leertuin: q999 bestaat niet\n");

    // The system locale counts too, after LEERTUIN_LANG.
    let out = s
        .cmd()
        .env("LANG", "nl_NL.UTF-8")
        .args(["add", "tip", ""])
        .output()
        .expect("run");
    assert_eq!(stderr(&out), "leertuin: de tip is leeg\n");
    let out = s
        .cmd()
        .env("LANG", "nl_NL.UTF-8")
        .env("LEERTUIN_LANG", "en")
        .args(["add", "tip", ""])
        .output()
        .expect("run");
    assert_eq!(stderr(&out), "leertuin: tip is empty\n");
}

#[test]
fn me_lang_nl_switches_the_language_and_json_stays_the_same() {
    let s = Sandbox::new();
    let out = s.ok(&["me", "--lang", "nl_NL.UTF-8", "--wants", "sql"]);
    assert!(out.contains("wil leren:      sql"), "{out}");
    assert!(out.contains("taal:           Nederlands (nl)"), "{out}");
    // From now on, without any environment: Dutch.
    let err = s.usage_error(&["add", "tip", "x", "-t", "C#"]);
    assert!(err.contains("ongeldig label \"c#\""), "{err}");
    let id = s.ok(&["add", "question", "Hoe werkt een join?"]);
    let shown = s.ok(&["show", id.trim()]);
    assert!(shown.contains("Nog geen antwoorden"), "{shown}");
    // JSON keeps its keys and machine words.
    let json = s.ok(&["me", "--json"]);
    assert!(json.contains("\"lang\": \"nl\""), "{json}");
    // And back.
    let out = s.ok(&["me", "--lang", "en"]);
    assert!(out.contains("wants to learn: sql"), "{out}");
}

#[test]
fn admin_and_engine_commands_speak_dutch_too() {
    let s = Sandbox::new();
    s.ok(&["me", "--lang", "nl", "--wants", "sql"]);
    let out = s.ok(&["doctor"]);
    assert!(
        out.contains("journal-modus: wal") && out.contains("alles in orde"),
        "{out}"
    );
    assert!(s.ok(&["team"]).contains("Wie wil wat leren"));
    assert!(s.ok(&["insights"]).contains("lessen gedaan:"));
    assert!(s.ok(&["review", "--due"]).contains("nu niets te herhalen"));
    let done = s.ok(&["lessons", "done", "l1"]);
    assert!(done.contains("l1 gedaan"), "{done}");
    assert!(
        s.ok(&["demo", "--fill", "5"])
            .contains("5 items toegevoegd")
    );
}

/// English words that no Dutch message has: one of them in a Dutch error
/// means a text that bypassed the catalogues.
const ENGLISH: [&str; 30] = [
    "the",
    "not",
    "only",
    "with",
    "use",
    "must",
    "appears",
    "contains",
    "applies",
    "needs",
    "goes",
    "already",
    "bad",
    "unknown",
    "empty",
    "line",
    "column",
    "more",
    "each",
    "are",
    "has",
    "this",
    "missing",
    "invalid",
    "unexpected",
    "unrecognized",
    "cannot",
    "see",
    "choose",
    "rows",
];

fn english_words(text: &str) -> Vec<String> {
    // Quoted input and `commands` are the person's or the program's own words.
    let mut plain = String::new();
    let mut quoted = None;
    for c in text.chars() {
        match (quoted, c) {
            (None, '"' | '`') => quoted = Some(c),
            (Some(q), c) if c == q => quoted = None,
            (None, c) => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// Every way the command line refuses something, in Dutch: clap's own
/// refusals, the rules of `add`, `back`, `edit` and `delete`, and every
/// refusal of `import` and `import --merge` (the rejected item still named
/// by its id). A new error that skips the catalogues fails here.
#[test]
fn every_refusal_of_the_command_line_speaks_dutch() {
    let s = Sandbox::new();
    s.ok(&[
        "add",
        "tip",
        "Label the keys",
        "-t",
        "keys",
        "--context",
        "vim",
    ]);
    s.ok(&["add", "question", "Where is the toner?"]);
    let good = s.ok(&["export"]);
    let file = |name: &str, text: &str| {
        let path = s.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    let bad_item = file(
        "item.json",
        &good.replace("\"context\": \"vim\"", "\"context\": \"Vim\""),
    );
    let format = good
        .lines()
        .find(|l| l.contains("\"format\""))
        .expect("format");
    let not_ours = file(
        "other.json",
        &good.replace(format, "  \"format\": \"other-app\","),
    );
    let version = good
        .lines()
        .find(|l| l.contains("\"version\""))
        .expect("version");
    let newer = file("newer.json", &good.replace(version, "  \"version\": 99,"));
    let broken = file("broken.json", "{\"format\": ");
    let fresh = s.path().join("fresh.db").display().to_string();
    let broken_lesson = file("kapot.md", "no front matter here\n");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["answer", "q2"], "<TEXT>"),
        (vec!["list", "--limit", "many"], "many"),
        (vec!["frobnicate"], "frobnicate"),
        (vec!["list", "--bogus"], "--bogus"),
        (vec!["add", "tipx", "x"], "tipx"),
        (
            vec!["back", "q2", "--minutes", "3", "--withdraw"],
            "--withdraw",
        ),
        (vec!["--user", "", "list"], "--user"),
        (vec!["--search", "x", "list"], "--search"),
        (vec!["add", "tip", "x", "--anonymous"], "--anonymous"),
        (vec!["add", "learned", "x", "--context", "vim"], "--context"),
        (vec!["edit", "l1", "x"], "lessons import"),
        (vec!["delete", "q2#x"], "q2#x"),
        (vec!["back", "q2", "me-too", "--minutes", "3"], "--minutes"),
        (vec!["import", &bad_item], "--merge"),
        (vec!["import", &not_ours], "other-app"),
        (vec!["import", &newer], "99"),
        (vec!["import", &broken], "broken.json"),
        (vec!["import", "no-such-file.json"], "no-such-file.json"),
        (
            vec!["lessons", "import", "no-such-folder"],
            "no-such-folder",
        ),
        (vec!["lessons", "import", &broken_lesson], "kapot.md:1"),
        (vec!["--db", &fresh, "import", &bad_item], "t1"),
        (vec!["--db", &fresh, "import", "--merge", &bad_item], "t1"),
    ];
    let mut found = Vec::new();
    for (args, names) in cases {
        let out = s
            .cmd()
            .env("LEERTUIN_LANG", "nl")
            .args(&args)
            .output()
            .expect("run");
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?} did not fail");
        assert!(
            err.contains(names),
            "{args:?} does not name {names:?}: {err}"
        );
        let english = english_words(&err);
        if !english.is_empty() {
            found.push(format!("{args:?}: {english:?} in {err}"));
        }
    }
    assert!(
        found.is_empty(),
        "English in Dutch errors:\n{}",
        found.join("\n")
    );
}
