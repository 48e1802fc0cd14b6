//! The command-line contract, run on the real binary with a temp database.

mod common;

use common::Sandbox;
use leertuin::store::LATEST_VERSION;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn add_prints_typeable_ids_and_list_shows_newest_first() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&["add", "tip", "Use", "ctrl-r", "-t", "bash"]).trim(),
        "t1"
    );
    assert_eq!(s.ok(&["add", "question", "How do I rebase?"]).trim(), "q1");
    assert_eq!(
        s.ok(&["add", "learned", "Presses warm up for ten minutes"])
            .trim(),
        "n1"
    );
    assert_eq!(s.ok(&["add", "tip", "Second tip"]).trim(), "t2");
    let tips = s.ok(&["list", "tips"]);
    let lines: Vec<&str> = tips.lines().collect();
    assert!(
        lines[0].starts_with("t2 ") && lines[1].starts_with("t1 "),
        "{tips}"
    );
    assert!(
        lines[1].contains("#bash") && lines[1].contains("ann ·"),
        "{tips}"
    );
    let all = json(&s.ok(&["list", "--json", "--limit", "3"]));
    let kinds: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["tip", "learned", "question"]);
}

#[test]
fn new_database_has_the_bundled_lessons() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let lessons = json(&s.ok(&["list", "lessons", "--json", "--limit", "100"]));
    let lessons = lessons.as_array().unwrap();
    assert!(lessons.len() >= 12);
    assert!(
        lessons
            .iter()
            .all(|l| !l["cards"].as_array().unwrap().is_empty())
    );
    let shown = s.ok(&["show", "l1"]);
    assert!(shown.contains("Card 1:"), "{shown}");
}

#[test]
fn show_json_has_answers_backings_and_votes() {
    let s = Sandbox::new();
    s.ok(&[
        "add",
        "question",
        "Why is the build slow?\nIt takes 20 minutes.",
        "-t",
        "ci",
    ]);
    s.ok(&["answer", "q1", "Turn on the cache"]);
    s.cmd_as("bob")
        .args(["back", "q1", "me-too"])
        .assert()
        .success();
    s.cmd_as("carla")
        .args(["back", "q1", "can-help"])
        .assert()
        .success();
    s.cmd_as("carla")
        .args(["back", "q1", "--minutes", "30"])
        .assert()
        .success();
    let q = json(&s.ok(&["show", "q1", "--json"]));
    assert_eq!(q["kind"], "question");
    assert_eq!(q["id"], "q1");
    assert_eq!(q["title"], "Why is the build slow?");
    assert_eq!(q["body"], "It takes 20 minutes.");
    assert_eq!(q["author"], "ann");
    assert_eq!(q["answers"][0]["body"], "Turn on the cache");
    let backings = q["backings"].as_array().unwrap();
    assert_eq!(backings.len(), 3);
    assert!(
        backings
            .iter()
            .any(|b| b["kind"] == "pledge" && b["minutes"] == 30)
    );

    s.ok(&["add", "tip", "Cache the target dir"]);
    s.cmd_as("bob").args(["vote", "t1"]).assert().success();
    let again = s.cmd_as("bob").args(["vote", "t1"]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("already"));
    let t = json(&s.ok(&["show", "t1", "--json"]));
    assert_eq!(t["votes"].as_array().unwrap().len(), 1);
    assert_eq!(t["votes"][0]["person"], "bob");
}

#[test]
fn search_finds_through_typos_and_gaps() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "Restart the printer queue with lpq"]);
    s.ok(&["add", "tip", "Use ctrl-r to search shell history"]);
    let out = s.ok(&["search", "ctrlr", "histry"]);
    assert!(out.lines().next().unwrap().starts_with("t2 "), "{out}");
    let hits = json(&s.ok(&["search", "ctrlr histry", "--json"]));
    assert_eq!(hits[0]["item"]["id"], "t2");
    assert!(hits[0]["score"].as_i64().unwrap() > 0);
    // Authors are searched too.
    s.cmd_as("zoltan")
        .args(["add", "tip", "Label every cable"])
        .assert()
        .success();
    let by_author = json(&s.ok(&["search", "zoltan", "--json"]));
    assert_eq!(by_author[0]["item"]["author"], "zoltan");
    // --search opens the pane; with a command it is a mistake, said in one line.
    let out = s
        .cmd_as("ann")
        .args(["--search", "lpq", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--search"), "{err}");
}

#[test]
fn anonymous_questions_store_no_author() {
    let s = Sandbox::new();
    s.ok(&[
        "add",
        "question",
        "Is it normal to feel lost?",
        "--anonymous",
    ]);
    let q = json(&s.ok(&["show", "q1", "--json"]));
    assert_eq!(q["author"], Value::Null);
    let author: Option<String> = s
        .sql()
        .query_row("SELECT author FROM question WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(author, None);
}

#[test]
fn private_learned_entries_are_only_for_their_author() {
    let s = Sandbox::new();
    s.ok(&["add", "learned", "My secret shortcut", "--private"]);
    s.ok(&["add", "learned", "Shared with the team"]);
    assert!(s.ok(&["show", "n1"]).contains("secret"));
    assert!(s.ok(&["list", "learned"]).contains("secret"));
    let bob = |args: &[&str]| s.cmd_as("bob").args(args).output().unwrap();
    let list = String::from_utf8(bob(&["list", "learned"]).stdout).unwrap();
    assert!(
        !list.contains("secret") && list.contains("Shared"),
        "{list}"
    );
    let search = String::from_utf8(bob(&["search", "secret shortcut"]).stdout).unwrap();
    assert!(!search.contains("secret"), "{search}");
    let show = bob(&["show", "n1"]);
    assert_eq!(show.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&show.stderr).contains("no item n1"));
}

#[test]
fn stored_text_has_no_escape_sequences() {
    let s = Sandbox::new();
    let nasty = "tip \u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{1b}]52;c;aGk=\u{7}clip \u{9b}1;1H c1 \u{1b}]0;title\u{1b}\\ \u{90}dcs\u{9c} bell\u{7} end";
    s.ok(&["add", "tip", nasty, "--context", "\u{1b}[1mvim"]);
    s.ok(&["add", "question", nasty]);
    s.ok(&["answer", "q1", nasty]);
    s.ok(&["add", "learned", nasty]);
    s.ok(&["me", "--name", nasty]);
    let db = s.sql();
    let mut texts: Vec<String> = Vec::new();
    for sql in [
        "SELECT text || coalesce(context, '') FROM tip",
        "SELECT title || body FROM question",
        "SELECT body FROM answer",
        "SELECT text FROM learned",
        "SELECT name FROM person",
    ] {
        let mut stmt = db.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        texts.extend(rows.map(Result::unwrap));
    }
    assert_eq!(texts.len(), 5);
    for t in &texts {
        assert!(
            !t.chars().any(|c| c.is_control() && c != '\n'),
            "control character left in {t:?}"
        );
        assert!(
            !t.contains("[2J") && !t.contains("52;c") && !t.contains("title"),
            "{t:?}"
        );
    }
    // Whole sequences are gone, not just their ESC bytes; the text around stays.
    assert_eq!(texts[0], "tip red clip  c1   bell endvim");
}

#[test]
fn bad_input_is_one_line_exit_2_and_writes_nothing() {
    let s = Sandbox::new();
    // Validation happens before the database is even created.
    let err = s.usage_error(&["add", "tip", "x", "-t", "c++"]);
    assert!(err.contains("bad tag"), "{err}");
    assert!(!s.db().exists(), "a rejected add created the database");

    s.ok(&["add", "tip", "first"]);
    let before = s.export();
    let long = "x".repeat(2001);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["add", "tip", &long], "2001 characters"),
        (vec!["add", "question", &long], "limit is 200"),
        (vec!["add", "tip", "   "], "empty"),
        (
            vec!["add", "tip", "x", "-t", "a,b,c,d,e,f,g,h,i,j,k"],
            "11 tags",
        ),
        (vec!["add", "tip", "x", "--anonymous"], "questions"),
        (vec!["add", "question", "x", "--private"], "learned"),
        (vec!["show", "q999"], "no item q999"),
        (vec!["show", "banana"], "bad id"),
        (vec!["answer", "q9", "hi"], "no item q9"),
        (vec!["answer", "t1", "hi"], "not a question"),
        (vec!["back", "q9", "me-too"], "no item q9"),
        (vec!["back", "t1"], "me-too, can-help"),
        (vec!["vote", "t1"], "your own tip"),
        (vec!["vote", "t77"], "no item t77"),
        (vec!["me", "--wants", "C#"], "bad tag"),
        (vec!["me", "--lang", "fr"], "language"),
        (vec!["list", "--tag", "no way"], "bad tag"),
        (vec!["frobnicate"], "unrecognized"),
        (vec!["list", "--limit", "many"], "invalid value"),
    ];
    for (args, expected) in cases {
        let err = s.usage_error(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    s.cmd_as("bob")
        .args(["add", "question", "q?"])
        .assert()
        .success();
    let err = s
        .cmd_as("bob")
        .args(["back", "q1", "--minutes", "0"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
    // Nor does bob back his own question, in one line (issue 11).
    let own = s
        .cmd_as("bob")
        .args(["back", "q1", "me-too"])
        .output()
        .unwrap();
    assert_eq!(own.status.code(), Some(2));
    let said = String::from_utf8_lossy(&own.stderr);
    assert!(said.contains("your own question"), "{said}");
    assert_eq!(said.trim_end().lines().count(), 1, "{said}");
    // Only the question bob added changed the database.
    let after: Value = json(&s.export());
    let before: Value = json(&before);
    assert_eq!(after["tips"], before["tips"]);
    assert_eq!(after["questions"].as_array().unwrap().len(), 1);
    assert!(
        after["questions"][0]["backings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn newer_schema_is_refused_with_both_versions() {
    let s = Sandbox::new();
    s.ok(&["add", "tip", "before"]);
    s.sql().pragma_update(None, "user_version", 99).unwrap();
    let err = s.usage_error(&["add", "tip", "after"]);
    let known = format!("up to version {LATEST_VERSION}");
    assert!(err.contains("version 99") && err.contains(&known), "{err}");
    let count: i64 = s
        .sql()
        .query_row("SELECT count(*) FROM tip", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
    let doctor = s.cmd().arg("doctor").output().unwrap();
    assert_eq!(doctor.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&doctor.stdout).contains("version 99"));
}

#[test]
fn export_import_export_is_identical() {
    let s = Sandbox::new();
    s.ok(&["demo", "--fill", "300", "--seed", "3"]);
    s.ok(&[
        "add",
        "question",
        "Anonymous one",
        "--anonymous",
        "-t",
        "life",
    ]);
    s.ok(&["add", "learned", "private note", "--private"]);
    s.ok(&["add", "tip", "with context", "--context", "kubectl"]);
    s.ok(&[
        "me", "--wants", "sql", "life", "--offers", "tmux", "--lang", "nl",
    ]);
    // Wishes and the budget ledger: grants (one expiring), gifts, a
    // voucher, a match, a withdrawal's refunds and a wish done.
    std::fs::write(s.path().join("system.toml"), "admins = [\"ann\"]\n").unwrap();
    let as_admin = |args: &[&str]| {
        let out = s
            .cmd()
            .env("LEERTUIN_SYSTEM_CONFIG", s.path().join("system.toml"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    as_admin(&[
        "wish", "Heftruck", "--cost", "350", "--hours", "8", "-t", "life",
    ]);
    as_admin(&[
        "wish",
        "Zwemmen",
        "--cost",
        "100",
        "--private",
        "--why",
        "voor mijn kinderen",
    ]);
    as_admin(&[
        "budget",
        "grant",
        "ann",
        "500,25",
        "--hours",
        "16",
        "--source",
        "werkgever",
        "--expires",
        "2099-12-31",
        "--note",
        "2027",
        "--new",
    ]);
    as_admin(&[
        "budget",
        "grant",
        "bob",
        "200",
        "--source",
        "O&O-fonds",
        "--new",
    ]);
    as_admin(&["budget", "match", "--source", "werkgever", "--cap", "50"]);
    let code = as_admin(&[
        "voucher", "issue", "25", "--count", "2", "--source", "fonds",
    ]);
    s.cmd_as("bob")
        .args(["voucher", "redeem", code.lines().next().unwrap()])
        .assert()
        .success();
    s.cmd_as("bob")
        .args(["fund", "w1", "100", "--note", "succes"])
        .assert()
        .success();
    as_admin(&["fund", "w1", "50", "--hours", "2"]);
    as_admin(&["fund", "w2", "10"]);
    as_admin(&["wish", "withdraw", "w2"]);
    as_admin(&[
        "wish",
        "done",
        "w1",
        "--reflection",
        "geslaagd",
        "--brought",
        "work",
    ]);
    // Progress and reviews have no command yet; write them as the engine will.
    let db = s.sql();
    db.execute_batch(
        "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought) VALUES ('ann', 1, 1700000000123, 'it helped at work', 'work');
         INSERT INTO card_state VALUES ('ann', 'l1#1', 3.5, 5.25, 1700000500000, 1700000000000, 2, 1, 'review', 4);
         INSERT INTO review (person, card, reviewed_at, rating) VALUES ('ann', 'l1#1', 1700000000000, 3);
         UPDATE answer SET accepted = 1 WHERE id = 1;
         UPDATE backing SET helped = 1 WHERE question_id = (SELECT min(question_id) FROM backing);",
    )
    .unwrap();
    drop(db);
    let first = s.export();
    let file = s.path().join("backup.json");
    std::fs::write(&file, &first).unwrap();

    let copy = s.path().join("copy.db");
    let mut import = s.cmd();
    import.env("LEERTUIN_DB", &copy).arg("import").arg(&file);
    import.assert().success();
    let second = s
        .cmd()
        .env("LEERTUIN_DB", &copy)
        .arg("export")
        .output()
        .unwrap();
    assert!(second.status.success());
    let second = String::from_utf8(second.stdout).unwrap();
    assert_eq!(
        first, second,
        "export → import → export changed the document"
    );
    let doc = json(&first);
    for key in [
        "persons",
        "lessons",
        "questions",
        "tips",
        "learned",
        "lessons_done",
        "card_states",
        "reviews",
    ] {
        assert!(!doc[key].as_array().unwrap().is_empty(), "{key} is empty");
    }
    let budgets = &doc["budgets"];
    for (key, n) in [
        ("wishes", 2),
        ("ledger", 8),
        ("vouchers", 2),
        ("match_rules", 1),
    ] {
        assert_eq!(budgets[key].as_array().map(Vec::len), Some(n), "{key}");
    }
    // What the copy computes from its restored ledger is what the original did.
    let budget = |db: &std::path::Path| {
        let out = s
            .cmd()
            .env("LEERTUIN_DB", db)
            .args(["budget", "--json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(budget(&s.db()), budget(&copy));
}

#[test]
fn bad_import_files_leave_the_database_untouched() {
    let s = Sandbox::new();
    let target = s.path().join("target.db");
    let before = {
        let mut c = s.cmd();
        c.env("LEERTUIN_DB", &target).arg("init").assert().success();
        let mut c = s.cmd();
        c.env("LEERTUIN_DB", &target).arg("export");
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    s.ok(&["add", "tip", "a tip by ann"]);
    let good = s.export();
    let write = |name: &str, text: &str| {
        let p = s.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cases = [
        (
            write("garbage.json", "{ this is not json"),
            "not a leertuin export",
        ),
        (
            write("foreign.json", r#"{"name": "some other app", "items": []}"#),
            "not a leertuin export",
        ),
        (
            write(
                "future.json",
                &good.replace("\"version\": 1", "\"version\": 9"),
            ),
            "version 9",
        ),
        (
            write(
                "ghost.json",
                &good.replace("\"author\": \"ann\"", "\"author\": \"ghost\""),
            ),
            "unknown person",
        ),
        (
            write(
                "escape.json",
                &good.replace("a tip by ann", "a tip \\u001b[31m"),
            ),
            "control characters",
        ),
        (
            write("dupe.json", &good.replace("\"l2\"", "\"l1\"")),
            "l1: appears twice",
        ),
        (
            write(
                "name.json",
                &good.replace(
                    "\"name\": \"ann\"",
                    "\"name\": \"ann\\u001b]52;c;eA==\\u0007\"",
                ),
            ),
            "control characters",
        ),
        (
            write(
                "tags.json",
                &good.replace("\"tags\": []", "\"tags\": [\"SQL\", \"sql\"]"),
            ),
            "untidy tags",
        ),
        (
            write(
                "lang.json",
                &good.replace("\"lang\": null", "\"lang\": \"klingon\""),
            ),
            "language",
        ),
    ];
    for (file, expected) in cases {
        let mut c = s.cmd();
        let out = c
            .env("LEERTUIN_DB", &target)
            .arg("import")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{file:?}: {err}");
        let mut c = s.cmd();
        let now = String::from_utf8(
            c.env("LEERTUIN_DB", &target)
                .arg("export")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        assert_eq!(now, before, "{file:?} changed the database");
    }
    let missing = s.usage_error(&["import", "/nonexistent/backup.json"]);
    assert!(missing.contains("/nonexistent/backup.json"), "{missing}");
    // Importing over existing content is refused.
    let again = s.usage_error(&["import", s.path().join("garbage.json").to_str().unwrap()]);
    assert!(again.contains("not a leertuin export"));
    std::fs::write(s.path().join("good.json"), &good).unwrap();
    let over = s.usage_error(&["import", s.path().join("good.json").to_str().unwrap()]);
    assert!(over.contains("already has content"), "{over}");
}

#[test]
fn lessons_import_is_idempotent_and_reports_broken_files() {
    let s = Sandbox::new();
    let dir = s.path().join("lessons");
    std::fs::create_dir_all(&dir).unwrap();
    let good = "+++\ntitle = \"Lock out, tag out\"\ntags = [\"safety\"]\nminutes = 2\nlang = \"en\"\n+++\nAlways lock the switch.\n\n## Check\nQ: Who removes the lock?\nA: The person who placed it.\n";
    std::fs::write(dir.join("loto.md"), good).unwrap();
    std::fs::write(
        dir.join("broken.md"),
        "+++\ntitle = \"x\"\nminutes = many\n+++\nbody\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a lesson").unwrap();

    let out = s
        .cmd()
        .args(["lessons", "import"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("broken.md:3: front matter"), "{stderr}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("1 added, 0 updated, 0 unchanged, 1 skipped")
    );

    std::fs::remove_file(dir.join("broken.md")).unwrap();
    let again = s.ok(&["lessons", "import", dir.to_str().unwrap()]);
    assert!(again.contains("0 added, 0 updated, 1 unchanged"), "{again}");
    let id = {
        let found = json(&s.ok(&["search", "lock out tag", "--json"]));
        found[0]["item"]["id"].as_str().unwrap().to_string()
    };
    std::fs::write(
        dir.join("loto.md"),
        good.replace("Always lock", "Always lock and tag"),
    )
    .unwrap();
    let changed = s.ok(&["lessons", "import", dir.join("loto.md").to_str().unwrap()]);
    assert!(changed.contains("0 added, 1 updated"), "{changed}");
    let lesson = json(&s.ok(&["show", &id, "--json"]));
    assert_eq!(lesson["body"], "Always lock and tag the switch.");
    assert_eq!(lesson["cards"].as_array().unwrap().len(), 1);
    let missing = s.usage_error(&["lessons", "import", "/no/such/dir"]);
    assert!(missing.contains("/no/such/dir"));
}

#[test]
fn me_shows_and_edits_the_profile() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let me = json(&s.ok(&["me", "--json"]));
    assert_eq!(me["handle"], "ann");
    assert_eq!(me["wants"].as_array().unwrap().len(), 0);
    s.ok(&[
        "me",
        "--wants",
        "SQL",
        "life",
        "--offers",
        "tmux",
        "--name",
        "Ann de Wit",
    ]);
    let me = json(&s.ok(&["me", "--json"]));
    assert_eq!(me["wants"], serde_json::json!(["sql", "life"]));
    assert_eq!(me["offers"], serde_json::json!(["tmux"]));
    assert_eq!(me["name"], "Ann de Wit");
    let text = s.ok(&["me"]);
    assert!(text.contains("wants to learn: sql, life"), "{text}");
}

#[test]
fn doctor_reports_a_healthy_database() {
    let s = Sandbox::new();
    let missing = s.cmd().arg("doctor").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    s.ok(&["add", "tip", "hello"]);
    let out = s.ok(&["doctor"]);
    let schema = format!("schema:       version {LATEST_VERSION} ");
    for expected in [
        "journal mode: wal",
        "integrity:    ok",
        schema.as_str(),
        "permissions:",
        "all good",
    ] {
        assert!(out.contains(expected), "{expected:?} missing in {out}");
    }
}

#[test]
fn demo_fill_adds_n_items() {
    let s = Sandbox::new();
    let out = s.ok(&["demo", "--fill", "500"]);
    assert!(out.contains("added 500 items"));
    let db = s.sql();
    let count: i64 = db
        .query_row(
            "SELECT (SELECT count(*) FROM tip) + (SELECT count(*) FROM question) + (SELECT count(*) FROM learned)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 500);
    let people: i64 = db
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .unwrap();
    assert!(people >= 50);
}

#[test]
fn config_file_chooses_the_database() {
    let s = Sandbox::new();
    let config_dir = s.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&config_dir).unwrap();
    let configured = s.path().join("from-config.db");
    std::fs::write(
        config_dir.join("config.toml"),
        format!("db = {:?}\n", configured),
    )
    .unwrap();
    let mut c = s.cmd();
    c.env_remove("LEERTUIN_DB")
        .args(["add", "tip", "via config"])
        .assert()
        .success();
    assert!(configured.exists());
    // The environment beats the config file, and --db beats both.
    let flag_db = s.path().join("flag.db");
    s.cmd()
        .arg("--db")
        .arg(&flag_db)
        .args(["add", "tip", "x"])
        .assert()
        .success();
    assert!(flag_db.exists());

    std::fs::write(config_dir.join("config.toml"), "databse = 1\n").unwrap();
    let err = s.usage_error(&["list"]);
    assert!(
        err.contains("config.toml") && err.contains("databse"),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    let s = Sandbox::new();
    s.ok(&["demo", "--fill", "300"]);
    // export writes far more than a pipe holds, so it meets the closed pipe.
    let script =
        "\"$0\" export | head -n 1 >/dev/null; \"$0\" list --limit 300 | head -n 1 >/dev/null";
    let out = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_leertuin")])
        .env("LEERTUIN_DB", s.db())
        .env("HOME", s.path())
        .env("XDG_CONFIG_HOME", s.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
