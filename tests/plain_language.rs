//! Plain Dutch and English: counts in the right form ("1 antwoord", "2
//! antwoorden"), tags with accents, and nothing English in a Dutch screen.

mod common;

use common::Sandbox;

fn run(s: &Sandbox, lang: &str, args: &[&str]) -> String {
    let out = s
        .cmd()
        .env("LEERTUIN_LANG", lang)
        .args(args)
        .output()
        .expect("run leertuin");
    assert!(
        out.status.success(),
        "leertuin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn one_answer_is_singular_and_two_are_plural_in_both_languages() {
    let s = Sandbox::new();
    // Bob asks: backing is for colleagues' questions.
    s.cmd_as("bob")
        .args(["add", "question", "Waar ligt de sleutel?"])
        .assert()
        .success();
    run(&s, "nl", &["answer", "q1", "In de kast"]);
    run(&s, "nl", &["add", "tip", "Kast is op slot na zes uur"]);
    s.cmd_as("bob").args(["vote", "t1"]).assert().success();
    let nl = run(&s, "nl", &["list"]);
    assert!(nl.contains("1 antwoord ·"), "{nl}");
    assert!(nl.contains("1 stem"), "{nl}");
    assert!(
        !nl.contains("1 antwoorden") && !nl.contains("1 stemmen"),
        "{nl}"
    );
    let en = run(&s, "en", &["list"]);
    assert!(en.contains("1 answer ·") && en.contains("1 vote"), "{en}");

    s.cmd_as("bob")
        .args(["answer", "q1", "Of bij Bram"])
        .assert()
        .success();
    let nl = run(&s, "nl", &["list", "questions"]);
    assert!(nl.contains("2 antwoorden"), "{nl}");
    let team = run(&s, "nl", &["team"]);
    assert!(team.contains("2 antwoorden"), "{team}");

    let pledged = run(&s, "nl", &["back", "q1", "--minutes", "1"]);
    assert!(pledged.contains("1 minuut beloofd"), "{pledged}");
    let pledged = run(&s, "en", &["back", "q1", "--minutes", "1"]);
    assert!(pledged.contains("pledged 1 minute to"), "{pledged}");
}

/// Errors about what a person may do are said in their language too.
#[test]
fn refusals_speak_dutch() {
    let s = Sandbox::new();
    run(&s, "nl", &["add", "tip", "Mijn tip"]);
    run(&s, "nl", &["add", "question", "Mijn vraag"]);
    for (args, dutch) in [
        (&["vote", "t1"][..], "t1 is je eigen tip"),
        (&["accept", "q1", "7"], "q1 heeft geen antwoord 7"),
        (&["vote", "q1"], "q1 is geen tip"),
    ] {
        let out = s
            .cmd()
            .env("LEERTUIN_LANG", "nl")
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(dutch), "{args:?}: {err}");
    }
    let out = s
        .cmd_as("bob")
        .env("LEERTUIN_LANG", "nl")
        .args(["accept", "q1", "1"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("alleen wie q1 vroeg"), "{err}");
}

#[test]
fn tags_may_hold_accented_letters() {
    let s = Sandbox::new();
    let id = run(
        &s,
        "nl",
        &["add", "tip", "Koffie om tien uur", "-t", "Café,één"],
    );
    assert_eq!(id.trim(), "t1");
    let list = run(&s, "nl", &["list", "tips", "--tag", "één"]);
    assert!(list.contains("#café #één"), "{list}");
    let err = s
        .cmd()
        .env("LEERTUIN_LANG", "nl")
        .args(["add", "tip", "x", "-t", "c++"])
        .output()
        .expect("run");
    assert_eq!(err.status.code(), Some(2));
    let err = String::from_utf8_lossy(&err.stderr);
    assert!(err.contains("letters, cijfers"), "{err}");
}

mod tui_support;

/// A Dutch pane lists Dutch lessons first, an English one English lessons,
/// in the Lessons tab and in For you.
#[test]
fn lessons_follow_the_persons_language_first() {
    use leertuin::domain::Item;
    use leertuin::tui::action::Action;
    use leertuin::tui::app::Tab;
    use leertuin::tui::update;
    for lang in ["nl", "en"] {
        let (_dir, mut app) = tui_support::demo_app_in(lang);
        update(&mut app, Action::GoTab(Tab::Lessons.index() as u8));
        let list = app.list(Tab::Lessons).expect("lessons");
        let langs: Vec<&str> = list
            .rows
            .iter()
            .filter_map(|r| match &r.item {
                Item::Lesson(l) => Some(l.lang.as_str()),
                _ => None,
            })
            .collect();
        let first_other = langs
            .iter()
            .position(|l| *l != lang)
            .expect("both languages");
        assert!(
            langs[first_other..].iter().all(|l| *l != lang),
            "{lang}: {langs:?}"
        );
        assert!(first_other > 0, "{lang}: {langs:?}");
        update(&mut app, Action::GoTab(Tab::ForYou.index() as u8));
        let feed = app.list(Tab::ForYou).expect("for you");
        let langs: Vec<&str> = feed
            .rows
            .iter()
            .filter_map(|r| match &r.item {
                Item::Lesson(l) => Some(l.lang.as_str()),
                _ => None,
            })
            .collect();
        if let Some(first_other) = langs.iter().position(|l| *l != lang) {
            assert!(
                langs[first_other..].iter().all(|l| *l != lang),
                "{lang}: {langs:?}"
            );
        }
    }
}
