//! `knowhow import` on the team server: admins import, everyone reads,
//! nobody else writes the imported rows (not even from psql), a second
//! import updates in place, and a backup keeps where each item came from.

mod pg_support;

use std::fs;
use std::path::Path;

use pg_support::{Team, refused, team};
use serde_json::Value;

/// The tips as `who` sees them.
fn tips_of(t: &Team, who: &str) -> Vec<Value> {
    let out = t.ok(who, &["list", "tips", "--json", "--limit", "100"]);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn tree(root: &Path) {
    write(
        &root.join("pages/common/frob.md"),
        "# frob\n\n> Frobs.\n\n- [c]reate a frob:\n\n`frob -c {{file}}`\n\n- List frobs:\n\n`frob --list`\n",
    );
    write(
        &root.join("pages.nl/common/frob.md"),
        "# frob\n\n> Frobt.\n\n- Maak een frob:\n\n`frob -c {{bestand}}`\n",
    );
}

#[test]
fn admins_import_everyone_reads_and_a_second_import_updates_in_place() {
    let Some(t) = team("pg_knowhow_import") else {
        return;
    };
    let root = t.home.path().join("tldr");
    tree(&root);
    let path = root.to_str().unwrap();
    let owner = t.db.owner.clone();

    // A colleague may not import: the server's admins do.
    let out = t.run(&t.ann, &["knowhow", "import", "tldr", path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only admins"), "{err}");

    let first = t.ok(&owner, &["knowhow", "import", "tldr", path]);
    assert!(first.contains("tldr-pages en: 2 added"), "{first}");
    assert!(first.contains("tldr-pages nl: 1 added"), "{first}");
    let tips = tips_of(&t, &t.ann);
    assert_eq!(tips.len(), 3);
    let frob = tips
        .iter()
        .find(|x| x["reference"]["lang"] == "en" && x["reference"]["example"] == 1)
        .unwrap();
    assert_eq!(frob["text"], "create a frob:\nfrob -c file");
    assert_eq!(frob["author"], "knowhow:tldr");
    assert_eq!(frob["reference"]["attribution"], "tldr-pages, CC BY 4.0");

    // `--no-knowhow` lists colleagues' own posts only, on the server too.
    let own = t.ok(&t.ann, &["add", "tip", "frob -c works on folders too"]);
    let listed = t.ok(&t.ann, &["list", "--no-knowhow", "--json"]);
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] != "lesson")
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [own.trim()]);
    let out = t.run(&t.ann, &["delete", own.trim()]);
    assert!(out.status.success(), "{out:?}");

    // Nobody but an admin writes an imported row, not even from psql.
    let id = frob["id"].as_str().unwrap().trim_start_matches('t');
    // (Row-level security hides the row from the update: nothing changes.)
    let updated = pg_support::ok(&t.db.psql(
        &t.ann,
        &format!("UPDATE tip SET text = 'mine now' WHERE id = {id} RETURNING id"),
    ));
    assert_eq!(updated, "");
    assert_eq!(
        pg_support::ok(
            &t.db
                .psql(&t.ann, &format!("SELECT text FROM tip WHERE id = {id}"))
        ),
        "create a frob:\nfrob -c file"
    );
    refused(&t.db.psql(
        &t.ann,
        "INSERT INTO reference (tip_id, source, lang, page, example, revision, attribution)
         VALUES (NULL, 'tldr', 'en', 'x', 1, '', '')",
    ));

    let list = tips
        .iter()
        .find(|x| x["reference"]["lang"] == "en" && x["reference"]["example"] == 2)
        .unwrap()
        .clone();

    // Unchanged, then changed, removed and back again.
    let again = t.ok(&owner, &["knowhow", "import", "tldr", path]);
    assert!(
        again.contains("0 added, 0 changed, 0 removed, 2 unchanged"),
        "{again}"
    );
    write(
        &root.join("pages/common/frob.md"),
        "# frob\n\n> Frobs.\n\n- [c]reate a frob quietly:\n\n`frob -cq {{file}}`\n",
    );
    let third = t.ok(&owner, &["knowhow", "import", "tldr", path]);
    assert!(
        third.contains("en: 0 added, 1 changed, 1 removed, 0 unchanged"),
        "{third}"
    );
    let tips = tips_of(&t, &t.ann);
    assert_eq!(tips.len(), 2);
    let changed = tips
        .iter()
        .find(|x| x["reference"]["lang"] == "en")
        .unwrap();
    assert_eq!(changed["id"], frob["id"], "updated in place");
    assert_eq!(changed["text"], "create a frob quietly:\nfrob -cq file");
    tree(&root);
    let fourth = t.ok(&owner, &["knowhow", "import", "tldr", path]);
    assert!(
        fourth.contains("en: 1 added, 1 changed, 0 removed, 0 unchanged"),
        "{fourth}"
    );
    let tips = tips_of(&t, &t.ann);
    assert_eq!(tips.len(), 3);
    let back = tips
        .iter()
        .find(|x| x["text"] == "List frobs:\nfrob --list")
        .unwrap();
    assert_eq!(
        back["id"], list["id"],
        "back under its old id, as on a file"
    );

    // An example put in the middle of the page is one added; the others
    // stay as they were, under their ids.
    write(
        &root.join("pages/common/frob.md"),
        "# frob\n\n> Frobs.\n\n- [c]reate a frob:\n\n`frob -c {{file}}`\n\n\
         - Check a frob:\n\n`frob --check {{file}}`\n\n- List frobs:\n\n`frob --list`\n",
    );
    let fifth = t.ok(&owner, &["knowhow", "import", "tldr", path]);
    assert!(
        fifth.contains("en: 1 added, 0 changed, 0 removed, 2 unchanged"),
        "{fifth}"
    );
    let after = tips_of(&t, &t.ann);
    assert_eq!(after.len(), 4);
    for before in &tips {
        let now = after.iter().find(|x| x["id"] == before["id"]).unwrap();
        assert_eq!(now["text"], before["text"]);
    }
    let list_now = after.iter().find(|x| x["id"] == list["id"]).unwrap();
    assert_eq!(list_now["reference"]["example"], 3, "its new place");

    // A backup carries each item's source.
    let export = t.ok(&owner, &["export"]);
    assert!(
        export.contains("\"attribution\": \"tldr-pages, CC BY 4.0\""),
        "{export}"
    );
}

#[test]
fn a_faq_on_the_server_becomes_answered_questions_and_follows_its_file() {
    let Some(t) = team("pg_knowhow_faq") else {
        return;
    };
    let faq = t.home.path().join("faq.md");
    write(
        &faq,
        "## Where is the key?\nAt the desk.\n\n## Who opens?\nThe first one in.\n",
    );
    let owner = t.db.owner.clone();
    let path = faq.to_str().unwrap();
    let first = t.ok(&owner, &["knowhow", "import", "faq", path]);
    assert!(first.contains("FAQ en: 2 added"), "{first}");
    write(&faq, "## Where is the key?\nIn the safe.\n");
    let second = t.ok(&owner, &["knowhow", "import", "faq", path]);
    assert!(
        second.contains("FAQ en: 0 added, 1 changed, 1 removed, 0 unchanged"),
        "{second}"
    );
    let qs: Value = serde_json::from_str(&t.ok(&t.ann, &["list", "questions", "--json"])).unwrap();
    let qs = qs.as_array().unwrap();
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0]["answers"][0]["body"], "In the safe.");
    assert_eq!(qs[0]["reference"]["source"], "faq");
}
