//! `leertuin capture` in a real terminal (tmux): typed text ends up in the
//! database with its context, and when the database can't be written it
//! waits in the outbox until it can be sent.

mod tmux_support;

use tmux_support::{Home, Tmux, eventually, quoted, tmux_or_skip};

/// The items of `kind` as JSON values, newest first.
fn items(home: &Home, kind: &str) -> Vec<serde_json::Value> {
    // Until the first save there is no database, and reads don't make one.
    if !home.db().exists() {
        return Vec::new();
    }
    let out = home.ok("ann", &["list", kind, "--json"]);
    serde_json::from_str(&out).expect("list --json")
}

#[test]
fn capture_in_tmux_stores_the_item_with_its_context() {
    if !tmux_or_skip("capture_in_tmux_stores_the_item_with_its_context") {
        return;
    }
    let home = Home::new();
    home.ok("ann", &["add", "tip", "An earlier tip"]);
    let tmux = Tmux::start(
        80,
        24,
        &home.shell("ann", &["capture", "--context", "kubectl"]),
    );
    tmux.wait_for("s", "Share a tip · kubectl");
    tmux.wait_for("s", "Enter save");
    tmux.type_text("s", "kubectl get pods -o wide shows the node");
    // Alt-Enter: a second line, not a save.
    tmux.keys("s", &["M-Enter"]);
    tmux.type_text("s", "of each pod");
    tmux.keys("s", &["Down"]);
    tmux.type_text("s", "kubectl k8s");
    tmux.wait_for("s", "of each pod");
    tmux.keys("s", &["Enter"]);
    tmux.wait_gone();

    let tips = items(&home, "tips");
    assert_eq!(tips.len(), 2, "{tips:?}");
    let tip = &tips[0];
    assert_eq!(
        tip["text"],
        "kubectl get pods -o wide shows the node\nof each pod"
    );
    assert_eq!(tip["context"], "kubectl");
    assert_eq!(tip["tags"], serde_json::json!(["kubectl", "k8s"]));
    assert_eq!(tip["author"], "ann");
}

#[test]
fn tab_switches_kind_and_a_question_is_stored_as_one() {
    if !tmux_or_skip("tab_switches_kind_and_a_question_is_stored_as_one") {
        return;
    }
    let home = Home::new();
    // The 40×10 of a 70%×40% popup on a small terminal.
    let tmux = Tmux::start(40, 10, &home.shell("ann", &["capture"]));
    tmux.wait_for("s", "Share a tip");
    tmux.keys("s", &["Tab"]);
    tmux.wait_for("s", "Ask a question");
    tmux.type_text("s", "Who can show me the new label printer?");
    tmux.keys("s", &["Enter"]);
    tmux.wait_gone();
    let questions = items(&home, "questions");
    assert_eq!(questions.len(), 1, "{questions:?}");
    assert_eq!(
        questions[0]["title"],
        "Who can show me the new label printer?"
    );
}

#[test]
fn an_unwritable_database_keeps_the_capture_in_the_outbox_until_it_is_fixed() {
    if !tmux_or_skip("an_unwritable_database_keeps_the_capture_in_the_outbox_until_it_is_fixed") {
        return;
    }
    let home = Home::new();
    // Unwritable even for root (tests may run as root, who ignores file
    // modes): the database's folder would have to be made inside a plain
    // file, which no one can do. Opening fails like a missing or read-only
    // location does, and the popup must keep the capture.
    let plain = home.path().join("not-a-folder");
    std::fs::write(&plain, "").expect("plain file");
    let bad_db = plain.join("team.db").display().to_string();
    let tmux = Tmux::start(
        56,
        10,
        &home.shell("ann", &["--db", &bad_db, "capture", "--context", "psql"]),
    );
    tmux.wait_for("s", "Share a tip · psql");
    tmux.type_text("s", "VACUUM ANALYZE after a big import");
    tmux.keys("s", &["M-Enter"]);
    tmux.type_text("s", "or the planner guesses wrong");
    tmux.keys("s", &["Down"]);
    tmux.type_text("s", "postgres");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Waiting to be sent");
    assert!(screen.contains("Not saved"), "{screen}");
    assert!(
        screen.contains("~/.local/state/leertuin/outbox/"),
        "{screen}"
    );

    // The outbox file holds everything typed.
    let file = eventually("an outbox file", || {
        std::fs::read_dir(home.home().join(".local/state/leertuin/outbox"))
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
    });
    let text = std::fs::read_to_string(&file).expect("read entry");
    assert!(text.contains("VACUUM ANALYZE after a big import"), "{text}");
    assert!(text.contains("or the planner guesses wrong"), "{text}");
    assert!(text.contains("psql") && text.contains("postgres"), "{text}");
    assert!(text.contains("ann"), "{text}");
    tmux.keys("s", &["x"]); // any key closes
    tmux.wait_gone();
    drop(tmux);

    // Fixed: the folder can be made now. `sync` sends it, once.
    std::fs::remove_file(&plain).expect("remove plain file");
    std::fs::create_dir(&plain).expect("make the folder");
    let said = home.ok("ann", &["--db", &bad_db, "sync"]);
    assert!(said.contains("1 sent"), "{said}");
    let out = home.ok("ann", &["--db", &bad_db, "list", "tips", "--json"]);
    let tips: Vec<serde_json::Value> = serde_json::from_str(&out).expect("list --json");
    assert_eq!(tips.len(), 1, "{tips:?}");
    assert_eq!(
        tips[0]["text"],
        "VACUUM ANALYZE after a big import\nor the planner guesses wrong"
    );
    assert_eq!(tips[0]["context"], "psql");
    assert!(!file.exists(), "the entry is removed once sent");
}

#[test]
fn a_locked_database_saves_the_capture_offline_and_the_popup_closes() {
    if !tmux_or_skip("a_locked_database_saves_the_capture_offline_and_the_popup_closes") {
        return;
    }
    let home = Home::new();
    home.ok("ann", &["add", "tip", "first"]);
    let lock = rusqlite::Connection::open(home.db()).expect("open db");
    lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
    // The shell stays after leertuin, to show how it ended.
    let command = home.shell("ann", &["capture"]);
    let command = command.strip_prefix("exec ").unwrap_or(&command);
    let tmux = Tmux::start(70, 12, &format!("{command}; echo EXIT=$?; sleep 60"));
    tmux.wait_for("s", "Share a tip");
    tmux.type_text("s", "git worktree add keeps two branches open");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("saved offline, will be sent"), "{screen}");
    drop(tmux);
    lock.execute_batch("ROLLBACK").expect("unlock");
    let said = home.ok("ann", &["sync"]);
    assert!(said.contains("1 sent"), "{said}");
    let tips = items(&home, "tips");
    assert_eq!(tips.len(), 2, "{tips:?}");
    assert_eq!(tips[0]["text"], "git worktree add keeps two branches open");
}

#[test]
fn esc_on_a_filled_form_stores_nothing_and_the_pane_offers_a_kept_draft() {
    if !tmux_or_skip("esc_on_a_filled_form_stores_nothing_and_the_pane_offers_a_kept_draft") {
        return;
    }
    let home = Home::new();
    let tmux = Tmux::start(80, 24, &home.shell("ann", &["capture"]));
    tmux.wait_for("s", "Share a tip");
    tmux.type_text("s", "half a thought about the wrapper");
    tmux.wait_for("s", "half a thought");
    // The first Esc asks whether to throw the text away; the second does.
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "Throw away this text?");
    tmux.keys("s", &["Escape"]);
    tmux.wait_gone();
    drop(tmux);
    // Esc is cancel: no draft, nothing stored.
    let kept = std::fs::read_dir(home.drafts_dir()).map_or(0, |d| d.count());
    assert_eq!(kept, 0, "Esc made a draft");
    // (The popup may not have made the database yet: reads don't.)
    assert!(!home.db().exists() || !home.ok("ann", &["list", "tips"]).contains("half a thought"));

    // Text that would have been lost (an idle logout, a database that
    // could not take it) is kept as a draft, as the popup does.
    leertuin::capture::keep(
        Some(&leertuin::drafts::Drafts::at(home.drafts_dir())),
        "ann",
        leertuin::domain::Kind::Tip,
        &leertuin::domain::Draft {
            text: "half a thought about the wrapper".into(),
            ..Default::default()
        },
        None,
    )
    .expect("keep");

    // The pane offers it at start; Del throws it away.
    let tmux = Tmux::start(80, 24, &home.shell("ann", &[]));
    tmux.wait_for("s", "1 unsaved draft");
    tmux.wait_for("s", "half a thought about the wrapper");
    tmux.keys("s", &["DC"]);
    tmux.wait_for("s", "Enter open");
    eventually("the draft deleted", || {
        let left = std::fs::read_dir(home.drafts_dir()).ok()?.count();
        (left == 0).then_some(())
    });
    tmux.keys("s", &["q"]);
    tmux.wait_gone();
}

#[test]
fn the_tmux_binding_opens_the_popup_with_the_pane_command_as_context() {
    if !tmux_or_skip("the_tmux_binding_opens_the_popup_with_the_pane_command_as_context") {
        return;
    }
    let home = Home::new();
    // The work: a pane running "kubectl" (a link to sleep).
    let bin = home.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let sleep = ["/bin/sleep", "/usr/bin/sleep"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("sleep");
    std::os::unix::fs::symlink(sleep, bin.join("kubectl")).expect("link");
    let work = Tmux::start_with_env(
        100,
        30,
        &format!(
            "exec {} 600",
            quoted(&bin.join("kubectl").display().to_string())
        ),
        &home.env("ann"),
    );
    // The configuration `leertuin tmux` prints, loaded as a person would.
    let conf = home.path().join("leertuin.tmux.conf");
    std::fs::write(&conf, home.ok("ann", &["tmux"])).expect("conf");
    work.ok(&["source-file", &conf.display().to_string()]);
    // A popup needs a client: a terminal attached to the work server.
    let client = Tmux::start(
        100,
        30,
        &format!("exec env -u TMUX tmux -L {} attach -t s", work.socket()),
    );
    // Attached once the work server's status line shows (the window name
    // follows the command only at the next status update: not waited for).
    client.wait_for("s", "[s] 0:");
    client.keys("s", &["C-b", "C-l"]);
    client.wait_for("s", "Share a tip · kubectl");
    client.type_text(
        "s",
        "kubectl diff -f app.yaml shows what apply would change",
    );
    client.keys("s", &["Enter"]);
    let tip = eventually("the tip stored", || items(&home, "tips").into_iter().next());
    assert_eq!(tip["context"], "kubectl");
    assert_eq!(
        tip["text"],
        "kubectl diff -f app.yaml shows what apply would change"
    );
}
