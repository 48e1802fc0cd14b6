//! People are shown by the name colleagues know them by: a worker who
//! registered at the kiosk as "Henk" is "Henk" in the pane, in the CLI's
//! text output and beside the handle in JSON — never `badge-eb8721358c55`.

mod common;
mod tui_support;

use common::Sandbox;
use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::store::{ProfileEdit, SqliteStore, Store};
use leertuin::tui::action::Action;
use leertuin::tui::update;
use serde_json::Value;
use tui_support::{assert_shows, screen};

const HENK: &str = "badge-eb8721358c55";

fn run(s: &Sandbox, user: &str, args: &[&str]) -> String {
    let out = s.cmd_as(user).args(args).output().expect("run leertuin");
    assert!(
        out.status.success(),
        "leertuin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Henk (a badge) asks, Bram answers and backs, Henk shares a tip Bram votes for.
fn team(s: &Sandbox) {
    run(s, HENK, &["me", "--name", "Henk", "--wants", "lassen"]);
    run(
        s,
        "bram",
        &["me", "--name", "Bram de Wit", "--offers", "lassen"],
    );
    run(
        s,
        HENK,
        &[
            "add",
            "question",
            "Hoe stel ik de lasstroom in?",
            "-t",
            "lassen",
        ],
    );
    run(s, "bram", &["answer", "q1", "Begin bij 90 ampère"]);
    run(s, "bram", &["back", "q1", "can-help"]);
    run(
        s,
        HENK,
        &["add", "tip", "Draag altijd een kap", "-t", "lassen"],
    );
    run(s, "bram", &["vote", "t1"]);
}

#[test]
fn cli_text_shows_display_names_not_handles() {
    let s = Sandbox::new();
    team(&s);
    for args in [
        &["list"][..],
        &["show", "q1"],
        &["show", "t1"],
        &["search", "lasstroom"],
        &["team"],
    ] {
        let out = run(&s, "ann", args);
        assert!(!out.contains("badge-"), "{args:?} shows a handle:\n{out}");
        assert!(out.contains("Henk"), "{args:?} lacks Henk:\n{out}");
    }
    let q = run(&s, "ann", &["show", "q1"]);
    assert!(q.contains("Bram de Wit"), "{q}");
    let tip = run(&s, "ann", &["show", "t1"]);
    assert!(tip.contains("Bram de Wit"), "the voter by name:\n{tip}");
    let mine = run(&s, HENK, &["insights"]);
    assert!(mine.contains("Henk") && !mine.contains("badge-"), "{mine}");
}

#[test]
fn json_keeps_the_handle_and_adds_the_name() {
    let s = Sandbox::new();
    team(&s);
    let q: Value = serde_json::from_str(&run(&s, "ann", &["show", "q1", "--json"])).unwrap();
    assert_eq!(q["author"], HENK);
    assert_eq!(q["author_name"], "Henk");
    assert_eq!(q["answers"][0]["author"], "bram");
    assert_eq!(q["answers"][0]["author_name"], "Bram de Wit");
    assert_eq!(q["backings"][0]["person_name"], "Bram de Wit");
    let t: Value = serde_json::from_str(&run(&s, "ann", &["show", "t1", "--json"])).unwrap();
    assert_eq!(t["author_name"], "Henk");
    assert_eq!(t["votes"][0]["person_name"], "Bram de Wit");
    let team: Value = serde_json::from_str(&run(&s, "ann", &["team", "--json"])).unwrap();
    assert_eq!(team["tags"][0]["wants"][0], HENK);
    assert_eq!(team["names"][HENK], "Henk");

    // An anonymous question has neither.
    run(&s, HENK, &["add", "question", "Anoniem?", "--anonymous"]);
    let anon: Value = serde_json::from_str(&run(&s, "ann", &["show", "q2", "--json"])).unwrap();
    assert!(anon["author"].is_null() && anon["author_name"].is_null());

    // The names ride along in a backup and are read again, not trusted.
    let backup = run(&s, "ann", &["export"]);
    let other = Sandbox::new();
    let file = other.path().join("backup.json");
    std::fs::write(&file, &backup).unwrap();
    run(&other, "ann", &["import", file.to_str().unwrap()]);
    assert_eq!(run(&other, "ann", &["export"]), backup);
}

#[test]
fn the_pane_shows_the_asker_answerer_and_backer_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
    let named = |handle: &str, name: &str| {
        store.ensure_person(handle).unwrap();
        let edit = ProfileEdit {
            name: Some(name.into()),
            wants: Some(vec!["lassen".into()]),
            ..ProfileEdit::default()
        };
        store.edit_person(handle, &edit).unwrap();
    };
    named(HENK, "Henk");
    named("bram", "Bram");
    let draft = Draft {
        text: "Hoe stel ik de lasstroom in?".into(),
        tags: vec!["lassen".into()],
        ..Draft::default()
    };
    let q = store
        .add(&NewItem::from_draft(Kind::Question, HENK, &draft).unwrap())
        .unwrap();
    store.answer(q, "bram", "Begin bij 90 ampère").unwrap();
    store
        .back(q, "bram", leertuin::domain::BackingKind::CanHelp, None)
        .unwrap();
    let mut app = leertuin::tui::App::new(
        Box::new(store),
        "mia",
        leertuin::tui::keys::KeyMap::default(),
        leertuin::tui::theme::Theme::mono(),
    );
    app.lang = Some("en");
    app.start();
    update(&mut app, Action::GoTab(2));
    update(&mut app, Action::Open);
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Henk");
    assert_shows(&rows, "Bram");
    assert!(!rows.join("\n").contains("badge-"), "{}", rows.join("\n"));
    // Team: the open question beside its asker and helper, by name.
    update(&mut app, Action::Back);
    update(&mut app, Action::GoTab(5));
    let rows = screen(&app, 80, 24);
    assert_shows(&rows, "Henk");
    assert!(!rows.join("\n").contains("badge-"), "{}", rows.join("\n"));
}
