//! Own posts on the CLI: edit, delete (tombstones), withdraw. The store's
//! side (undo as a write's inverse) is in `store_contract.rs`, on both
//! backends.

mod common;

use common::Sandbox;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// ann's tip t1, question q1 with bob's answer 1 and ann's answer 2, and
/// learned entry n1.
fn posts(s: &Sandbox) {
    s.ok(&["add", "tip", "Use ctrl-r", "-t", "bash"]);
    s.ok(&["add", "question", "Why is the build slow?"]);
    s.cmd_as("bob")
        .args(["answer", "q1", "Turn on the cache"])
        .assert()
        .success();
    s.ok(&["answer", "q1", "Also: fewer tests"]);
    s.ok(&["add", "learned", "Presses warm up"]);
}

#[test]
fn the_author_edits_each_kind_of_post() {
    let s = Sandbox::new();
    posts(&s);
    assert!(
        s.ok(&["edit", "t1", "Use", "ctrl-r", "to", "search"])
            .contains("t1")
    );
    s.ok(&["edit", "q1", "Why is CI slow?\nIt takes 20 minutes."]);
    s.ok(&["edit", "q1#2", "Also: run fewer tests"]);
    s.ok(&["edit", "n1", "Presses warm up for ten minutes"]);

    let tip = json(&s.ok(&["show", "t1", "--json"]));
    assert_eq!(tip["text"], "Use ctrl-r to search");
    assert_eq!(tip["tags"][0], "bash", "tags stay");
    assert!(tip["edited_at"].is_string(), "{tip}");
    let q = json(&s.ok(&["show", "q1", "--json"]));
    assert_eq!(q["title"], "Why is CI slow?");
    assert_eq!(q["body"], "It takes 20 minutes.");
    assert_eq!(q["answers"][1]["body"], "Also: run fewer tests");
    assert!(
        q["answers"][0]["edited_at"].is_null(),
        "bob's answer untouched"
    );
    let n = json(&s.ok(&["show", "n1", "--json"]));
    assert_eq!(n["text"], "Presses warm up for ten minutes");
}

#[test]
fn nobody_changes_another_persons_post() {
    let s = Sandbox::new();
    posts(&s);
    s.ok(&["add", "question", "Who asked?", "--anonymous"]);
    let before = s.export();
    // ann is the author of t1, q1, n1 and answer 2; bob of answer 1.
    for args in [vec!["edit", "q1#1", "mine now"], vec!["delete", "q1#1"]] {
        let err = s.usage_error(&args);
        assert!(err.contains("not yours"), "{args:?}: {err}");
    }
    for (post, _) in [("t1", ()), ("q1", ()), ("n1", ()), ("q1#2", ())] {
        let out = s.cmd_as("bob").args(["delete", post]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{post}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("not yours"), "{err}");
        let out = s
            .cmd_as("bob")
            .args(["edit", post, "bob was here"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{post}: {out:?}");
    }
    let err = s.usage_error(&["delete", "q2"]);
    assert!(err.contains("anonymously"), "{err}");
    for (args, expected) in [
        (vec!["edit", "l1", "x"], "lessons import"),
        (vec!["delete", "t1#1"], "bad id"),
        (vec!["edit", "t9", "x"], "no item t9"),
        (vec!["edit", "t1", "  "], "empty"),
        (vec!["delete", "q1#99"], "no item q1"),
    ] {
        let err = s.usage_error(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(s.export(), before, "a refused change wrote something");
}

#[test]
fn deleted_posts_vanish_but_travel_as_tombstones() {
    let s = Sandbox::new();
    posts(&s);
    s.ok(&["edit", "t1", "Use ctrl-r to search history"]);
    s.ok(&["add", "tip", "Keep this one"]);
    s.cmd_as("bob").args(["vote", "t1"]).assert().success();
    for post in ["t1", "q1#2", "n1"] {
        assert!(s.ok(&["delete", post]).contains(post));
    }
    // Gone from every read…
    let list = s.ok(&["list"]);
    assert!(
        !list.contains("ctrl-r") && !list.contains("Presses"),
        "{list}"
    );
    assert!(list.contains("Keep this one"), "{list}");
    assert!(s.usage_error(&["show", "t1"]).contains("no item t1"));
    assert!(s.usage_error(&["delete", "t1"]).contains("no item t1"));
    assert!(s.usage_error(&["vote", "t1"]).contains("no item t1"));
    let q = json(&s.ok(&["show", "q1", "--json"]));
    assert_eq!(q["answers"].as_array().unwrap().len(), 1, "{q}");
    let found = s.cmd().args(["search", "ctrl-r"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&found.stdout).contains("t1"));

    // …but the export keeps the tombstone: id, author, times, no text.
    let first = s.export();
    let doc = json(&first);
    let t1 = &doc["tips"][0];
    assert_eq!(t1["id"], "t1");
    assert_eq!(t1["text"], "");
    assert!(
        t1["deleted_at"].is_string() && t1["edited_at"].is_string(),
        "{t1}"
    );
    assert_eq!(doc["questions"][0]["answers"][1]["body"], "");
    assert!(doc["questions"][0]["answers"][1]["deleted_at"].is_string());
    assert_eq!(doc["learned"][0]["text"], "");

    let file = s.path().join("backup.json");
    std::fs::write(&file, &first).unwrap();
    let copy = s.path().join("copy.db");
    s.cmd()
        .env("LEERTUIN_DB", &copy)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let second = s
        .cmd()
        .env("LEERTUIN_DB", &copy)
        .arg("export")
        .output()
        .unwrap();
    assert_eq!(first, String::from_utf8(second.stdout).unwrap());
    let list = s
        .cmd()
        .env("LEERTUIN_DB", &copy)
        .args(["list"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&list.stdout).contains("ctrl-r"));

    // A tombstone that still has text is an edited file.
    let tampered = first.replacen("\"text\": \"\"", "\"text\": \"back from the dead\"", 1);
    std::fs::write(&file, tampered).unwrap();
    let out = s
        .cmd()
        .env("LEERTUIN_DB", s.path().join("third.db"))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("deleted but still has text"));
}

#[test]
fn backings_and_votes_are_withdrawn() {
    let s = Sandbox::new();
    s.ok(&["add", "question", "How do I rebase?"]);
    s.ok(&["add", "tip", "Use ctrl-r"]);
    let bob = |args: &[&str]| {
        let out = s.cmd_as("bob").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    bob(&["back", "q1", "me-too"]);
    bob(&["back", "q1", "can-help"]);
    bob(&["back", "q1", "--minutes", "30"]);
    bob(&["vote", "t1"]);
    assert!(bob(&["back", "q1", "me-too", "--withdraw"]).contains("took back"));
    assert!(bob(&["back", "q1", "pledge", "--withdraw"]).contains("took back"));
    assert!(bob(&["vote", "t1", "--withdraw"]).contains("took back"));
    assert!(bob(&["vote", "t1", "--withdraw"]).contains("had not voted"));
    let q = json(&s.ok(&["show", "q1", "--json"]));
    let kinds: Vec<&str> = q["backings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["can-help"]);
    let t = json(&s.ok(&["show", "t1", "--json"]));
    assert!(t["votes"].as_array().unwrap().is_empty());
    let err = s.usage_error(&["back", "q1", "--withdraw"]);
    assert!(err.contains("me-too, can-help"), "{err}");
}
