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
    assert!(out.contains("taal:"), "{out}");
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
