//! The commands on the team server, through the real binary: the same
//! output as on a database file, identity from the login role, privacy
//! kept by the server, and a team moved from a file to the server whole.

mod pg_support;

use std::path::Path;
use std::process::Output;

use pg_support::{BIN, TestDb, ok, team, team_of};

/// `leertuin --db FILE --user WHO ARGS`, the same environment as the server runs.
fn on_file(db: &TestDb, home: &Path, file: &Path, who: &str, args: &[&str]) -> String {
    let file = file.display().to_string();
    let mut all = vec!["--db", file.as_str(), "--user", who];
    all.extend_from_slice(args);
    let out = db.leertuin(home, &all);
    assert!(
        out.status.success(),
        "leertuin {args:?} on the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Times differ between two runs; everything else must not.
fn without_times(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.contains("\"created_at\"")) {
        let words: Vec<&str> = line
            .split(' ')
            .filter(|w| !w.contains("ago") && !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

#[test]
fn commands_on_the_server_print_what_they_print_on_a_file() {
    let Some(t) = team("same_output") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    let file_dir = tempfile::tempdir().expect("dir");
    let file = file_dir.path().join("team.db");
    let steps: Vec<(&str, Vec<&str>)> = vec![
        (
            ann,
            vec!["add", "tip", "git add -p stages hunks", "-t", "git"],
        ),
        (
            bob,
            vec!["add", "question", "How do I undo a commit?", "-t", "git"],
        ),
        (ann, vec!["answer", "q1", "git revert makes a new commit"]),
        (ann, vec!["back", "q1", "can-help"]),
        (bob, vec!["vote", "t1"]),
        (
            ann,
            vec!["add", "learned", "rebase -i squashes", "-t", "git"],
        ),
        (ann, vec!["add", "learned", "my private note", "--private"]),
        (bob, vec!["me", "--wants", "git", "--offers", "sql"]),
    ];
    for (who, args) in &steps {
        let server = t.ok(who, args);
        let local = on_file(&t.db, t.home.path(), &file, who, args);
        assert_eq!(server, local, "{args:?}");
    }
    let reads: Vec<(&str, Vec<&str>)> = vec![
        (bob, vec!["list", "--limit", "5"]),
        (ann, vec!["list", "learned"]),
        (bob, vec!["list", "learned"]),
        (bob, vec!["show", "q1"]),
        (ann, vec!["show", "t1", "--json"]),
        (bob, vec!["search", "commit"]),
        (bob, vec!["me"]),
    ];
    same_output(&t, &file, &reads);
}

/// Runs each step on the server and on `file`: the same output but times.
fn same_output(t: &pg_support::Team, file: &Path, steps: &[(&str, Vec<&str>)]) {
    for (who, args) in steps {
        let server = t.ok(who, args);
        let local = on_file(&t.db, t.home.path(), file, who, args);
        assert_eq!(without_times(&server), without_times(&local), "{args:?}");
    }
}

#[test]
fn a_private_entry_is_invisible_to_a_colleague_in_leertuin_and_psql() {
    let Some(t) = team("private_list") else {
        return;
    };
    t.ok(&t.ann, &["add", "learned", "my private note", "--private"]);
    t.ok(&t.ann, &["add", "learned", "for the team"]);
    let anns = t.ok(&t.ann, &["list", "learned"]);
    assert!(anns.contains("my private note"), "{anns}");
    let bobs = t.ok(&t.bob, &["list", "learned"]);
    assert!(bobs.contains("for the team"), "{bobs}");
    assert!(!bobs.contains("my private note"), "{bobs}");
    let shown = t.run(&t.bob, &["show", "n1"]);
    assert_eq!(shown.status.code(), Some(2));
    let seen = ok(&t.db.psql(&t.bob, "SELECT text FROM learned ORDER BY id;"));
    assert_eq!(seen, "for the team");
}

/// A server whose schema was changed by hand (a column of another type
/// than leertuin's) gives a one-line error, not a crash: reading a row
/// goes through `try_get`, never the panicking `Row::get`.
#[test]
fn a_column_of_another_type_on_the_server_is_an_error_not_a_crash() {
    let Some(t) = team("odd_column") else {
        return;
    };
    t.ok(&t.ann, &["add", "tip", "a tip to list"]);
    ok(&t.db.psql(
        &t.db.owner,
        "ALTER TABLE tip ALTER COLUMN created_at TYPE numeric;",
    ));
    let out = t.run(&t.ann, &["list", "tips"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert_ne!(out.status.code(), Some(101), "a panic: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn on_the_server_you_are_your_login() {
    let Some(t) = team("login_is_user") else {
        return;
    };
    let out = t.run(&t.bob, &["--user", &t.ann, "add", "tip", "as ann"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&t.bob) && err.contains(&t.ann), "{err}");
    // In the person's language, though no profile was read.
    let nl = std::process::Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", t.home.path())
        .env("LEERTUIN_LANG", "nl")
        .args(["--db", &t.db.url(&t.bob), "--user", &t.ann, "list"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&nl.stderr);
    assert!(
        err.contains("je bent op de teamserver ingelogd als"),
        "{err}"
    );
    // Nothing was written.
    let n = ok(&t.db.psql(&t.bob, "SELECT count(*) FROM tip;"));
    assert_eq!(n, "0");
    // Naming oneself is fine; no --user means the login.
    t.ok(&t.bob, &["--user", &t.bob, "add", "tip", "as bob"]);
    t.ok(&t.bob, &["add", "tip", "as bob again"]);
    let authors = ok(&t.db.psql(&t.bob, "SELECT DISTINCT author FROM tip;"));
    assert_eq!(authors, t.bob);
}

#[test]
fn a_team_moves_from_a_file_to_the_server_whole() {
    let Some(t) = team_of("move_team", false) else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("team.db");
    let home = t.home.path();
    let demo = t.db.leertuin(
        home,
        &["--db", &file.display().to_string(), "demo", "--fill", "300"],
    );
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let exported = on_file(&t.db, home, &file, "ann", &["export"]);
    // The superuser moves the team: row-level security binds everyone else.
    let url = t.db.url("postgres");
    let mut import = std::process::Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("LEERTUIN_LANG", "en")
        .args(["--db", &url, "import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("import runs");
    use std::io::Write;
    import
        .stdin
        .take()
        .expect("stdin")
        .write_all(exported.as_bytes())
        .expect("write");
    let out = import.wait_with_output().expect("import ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = t.ok("postgres", &["export"]);
    assert!(exported.len() > 10_000);
    assert!(again == exported, "the export from the server differs");
    // New items number on from the moved ones.
    let id = t.ok("postgres", &["add", "tip", "after the move"]);
    let highest = ok(&t.db.psql("postgres", "SELECT max(id) FROM tip;"));
    assert!(id.trim() == format!("t{highest}"), "{id} vs {highest}");
}

#[test]
fn on_the_server_an_answered_question_stays_and_accept_and_helped_are_undone() {
    let Some(t) = team("answered_stays") else {
        return;
    };
    t.ok(&t.ann, &["add", "question", "Which glue for the labels?"]);
    t.ok(&t.bob, &["answer", "q1", "The blue tube"]);
    t.ok(&t.bob, &["back", "q1", "--minutes", "15"]);
    let out = t.run(&t.ann, &["delete", "q1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("answers from colleagues"), "{err}");
    // The asker's accept and "helped", then their undo (the pane's `u`).
    let spec = leertuin::store::Spec::parse(Path::new(&t.db.url(&t.ann)));
    let store = leertuin::store::open(&spec, leertuin::store::Mode::Write).expect("open");
    let q1 = leertuin::domain::ItemId::new(leertuin::domain::Kind::Question, 1);
    store.accept(q1, 1, &t.ann).expect("accept");
    store.helped(q1, &t.bob, &t.ann).expect("helped");
    let state = || {
        ok(&t.db.psql(&t.ann, "SELECT (SELECT accepted FROM answer WHERE id = 1)::text || ' ' || (SELECT helped FROM backing WHERE question_id = 1)::text;"))
    };
    assert_eq!(state(), "true true");
    store.unaccept(q1, &t.ann).expect("unaccept");
    store.unhelped(q1, &t.bob, &t.ann).expect("unhelped");
    assert_eq!(state(), "false false");
    // Only the asker may.
    let bobs = leertuin::store::open(
        &leertuin::store::Spec::parse(Path::new(&t.db.url(&t.bob))),
        leertuin::store::Mode::Write,
    )
    .expect("open");
    assert!(bobs.unaccept(q1, &t.bob).is_err());
}

/// Runs `steps` on the server and on a file of their own, then `nudge`
/// for each of `asked`: the same on both (the file's runs keep their own
/// nudge state: what was shown counts); what each was told.
fn nudges_alike(t: &pg_support::Team, steps: &[(&str, Vec<&str>)], asked: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("team.db");
    let file_home = tempfile::tempdir().expect("home");
    for (who, args) in steps {
        t.ok(who, args);
        on_file(&t.db, file_home.path(), &file, who, args);
    }
    let nudge = ["nudge", "--format", "plain"];
    asked
        .iter()
        .map(|who| {
            let server = t.ok(who, &nudge);
            let local = on_file(&t.db, file_home.path(), &file, who, &nudge);
            assert_eq!(server, local, "{who}");
            server
        })
        .collect()
}

#[test]
fn nudge_says_on_the_server_what_it_says_on_a_file() {
    let Some(t) = team("nudge_same") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    let steps: Vec<(&str, Vec<&str>)> = vec![
        (ann, vec!["me", "--wants", "git", "--offers", "sql"]),
        (
            bob,
            vec!["add", "tip", "git stash keeps work aside", "-t", "git"],
        ),
        (
            bob,
            vec!["add", "tip", "git log -p shows changes", "-t", "git"],
        ),
    ];
    let said = nudges_alike(&t, &steps, &[ann]);
    assert!(!said[0].trim().is_empty(), "the file has something to say");
}

/// An answer comes back to the asker through their own login, as on a
/// file: bob answers at his login, ann's nudge names him, bob's does not.
#[test]
fn an_answer_comes_back_to_the_asker_on_the_server_as_on_a_file() {
    let Some(t) = team("answer_back") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    let steps: Vec<(&str, Vec<&str>)> = vec![
        (ann, vec!["add", "question", "Wie weet de code van kast 3?"]),
        (bob, vec!["answer", "q1", "Vraag het de ploegleider — 4711"]),
    ];
    let said = nudges_alike(&t, &steps, &[ann, bob]);
    assert!(
        said[0].contains("q1") && said[0].contains(bob),
        "{}",
        said[0]
    );
    assert!(!said[1].contains("q1"), "{}", said[1]);
}

#[test]
fn doctor_on_the_server_names_version_security_tls_and_round_trip() {
    let Some(t) = team("doctor_server") else {
        return;
    };
    // A password in the URL (trust login ignores it) must not be shown.
    let url =
        t.db.url(&t.ann)
            .replacen(&format!("{}@", t.ann), &format!("{}:Sekr1tPw@", t.ann), 1);
    let out = t.db.leertuin(t.home.path(), &["--db", &url, "doctor"]);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("Sekr1tPw"), "{said}");
    assert!(!said.to_lowercase().contains("sqlite"), "{said}");
    assert!(!said.contains("journal"), "{said}");
    for needle in [
        "server:",
        "schema:",
        "row security:",
        "TLS:",
        "round trip:",
        " ms",
        "all good",
    ] {
        assert!(said.contains(needle), "{needle:?} missing in:\n{said}");
    }
    let tables: String = ok(&t.db.psql(
        "postgres",
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'leertuin';",
    ));
    assert!(
        said.contains(&format!("on and forced for {tables} of {tables} tables")),
        "{said}"
    );
    // Dutch too.
    let out = std::process::Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", t.home.path())
        .env("LEERTUIN_LANG", "nl")
        .args(["--db", &url, "doctor"])
        .output()
        .expect("doctor runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("heen en terug:"), "{said}");
}

#[test]
fn lessons_are_imported_on_the_server_by_its_admin_only() {
    let Some(t) = team("lessons_server") else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let lesson = dir.path().join("new.md");
    std::fs::write(
        &lesson,
        "+++\ntitle = \"Server lesson\"\ntags = [\"sql\"]\nminutes = 2\nlang = \"en\"\n+++\nBody.\n\n## Check\nQ: One?\nA: Two.\n",
    )
    .expect("lesson file");
    let path = lesson.display().to_string();
    let refused = t.run(&t.ann, &["lessons", "import", &path]);
    assert!(!refused.status.success());
    let said = t.ok(&t.db.owner, &["lessons", "import", &path]);
    assert!(said.contains('1'), "{said}");
    let again = t.ok(&t.db.owner, &["lessons", "import", &path]);
    assert!(again.contains('1'), "{again}");
    let listed = t.ok(&t.ann, &["list", "lessons", "--limit", "100"]);
    assert!(listed.contains("Server lesson"), "{listed}");
}

#[test]
fn a_password_from_pgpass_logs_in_and_never_shows() {
    let Some(t) = team("pgpass_login") else {
        return;
    };
    let ann = &t.ann;
    let password = "Pw7-from-pgpass-only";
    t.db.require_password(ann, password);
    let said = |out: &Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    // No .pgpass yet: the server asks for a password and gets none.
    let out = t.run(ann, &["list"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert_eq!(said(&out).trim().lines().count(), 1, "{}", said(&out));
    // A .pgpass that others may read is ignored, as libpq ignores it.
    let pgpass = t.home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("localhost:*:*:{ann}:{password}\n")).expect("pgpass");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = t.run(ann, &["list"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert!(!said(&out).contains(password), "{}", said(&out));
    // Mode 0600: it logs in, and doctor says all but the password.
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = t.run(ann, &["add", "tip", "Logged in by .pgpass"]);
    assert!(out.status.success(), "{}", said(&out));
    let out = t.run(ann, &["doctor"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("row security: on"), "{}", said(&out));
    assert!(!said(&out).contains(password), "{}", said(&out));
    // An error after the password was sent (no such database) shows it not.
    let url = t.db.url(ann).replace(&t.db.name, "no_such_db");
    let out = t.db.leertuin(t.home.path(), &["--db", &url, "doctor"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert!(!said(&out).contains(password), "{}", said(&out));
    let out = t.db.leertuin(t.home.path(), &["--db", &url, "list"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert!(!said(&out).contains(password), "{}", said(&out));
    assert_eq!(said(&out).trim().lines().count(), 1, "{}", said(&out));
    // The same from the outbox: nothing of the password in its file.
    let out =
        t.db.leertuin(t.home.path(), &["--db", &url, "add", "tip", "Goes nowhere"]);
    let state = t.home.path().join(".local/state/leertuin/outbox");
    if let Ok(entries) = std::fs::read_dir(&state) {
        for entry in entries.flatten().filter(|e| e.path().is_file()) {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(!text.contains(password), "{text}");
        }
    }
    assert!(!said(&out).contains(password), "{}", said(&out));
}

/// Review, as the `review` screen and command use it: a lesson done makes
/// its check cards due, a remembered tip is one too, ratings schedule
/// them, and nobody else has them; the same output on both.
#[test]
fn review_on_the_server_prints_what_it_prints_on_a_file() {
    let Some(t) = team("review_same") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    let file_dir = tempfile::tempdir().expect("dir");
    let file = file_dir.path().join("team.db");
    on_file(&t.db, t.home.path(), &file, ann, &["init"]);
    let steps: Vec<(&str, Vec<&str>)> = vec![
        (ann, vec!["review", "--due"]),
        (
            ann,
            vec![
                "lessons",
                "done",
                "l1",
                "--reflection",
                "Ik vraag nu beter – écht 👍",
                "--brought",
                "work",
            ],
        ),
        (
            bob,
            vec![
                "add",
                "tip",
                "kubectl rollout undo gaat één versie terug",
                "--context",
                "kubectl",
            ],
        ),
        (ann, vec!["remember", "t1"]),
        (ann, vec!["remember", "t1"]),
        (ann, vec!["review", "--due"]),
        (ann, vec!["review", "--rate", "l1#1", "good"]),
        (ann, vec!["review", "--rate", "l1#2", "forgot"]),
        (ann, vec!["review", "--rate", "t1", "easy"]),
        (ann, vec!["review", "--due"]),
        (bob, vec!["review", "--due"]),
        (ann, vec!["insights"]),
    ];
    same_output(&t, &file, &steps);
    // A stranger's card cannot be rated, on either: one line, exit 2.
    let args = ["review", "--rate", "l1#1", "good"];
    let server = t.run(bob, &args);
    let mut local_args = vec!["--db", file.to_str().expect("path"), "--user", bob];
    local_args.extend_from_slice(&args);
    let local = t.db.leertuin(t.home.path(), &local_args);
    assert_eq!(
        (server.status.code(), local.status.code()),
        (Some(2), Some(2))
    );
    assert_eq!(server.stderr, local.stderr);
    // The review log is ann's alone, also from psql.
    let seen = ok(&t.db.psql(bob, "SELECT count(*) FROM review;"));
    assert_eq!(seen, "0");
    let mine = ok(&t.db.psql(
        ann,
        "SELECT string_agg(card || ':' || rating, ' ' ORDER BY id) FROM review;",
    ));
    assert_eq!(mine, "l1#1:3 l1#2:1 t1:4");
}

/// pg_trgm only speeds `search` up (migration 0019's indexes): a server
/// without it — not installed, not allowed, or dropped by an admin —
/// finds the very same items, by reading every text; `server init` run
/// again puts the indexes back.
#[test]
fn search_finds_the_same_without_pg_trgm() {
    let Some(t) = team("no_trgm") else {
        return;
    };
    let (ann, bob) = (&t.ann, &t.bob);
    t.ok(
        ann,
        &[
            "add",
            "tip",
            "kubectl rollout restart herstart de pods één voor één",
        ],
    );
    t.ok(
        ann,
        &[
            "add",
            "tip",
            "De coördinator van de nachtdienst weet waar de sleutel ligt",
        ],
    );
    t.ok(bob, &["add", "question", "Waar staat de reservepomp?"]);
    t.ok(
        ann,
        &[
            "answer",
            "q1",
            "Achter de coördinator zijn bureau, bij hal 2",
        ],
    );
    t.ok(ann, &["add", "tip", "git stash before you pull"]);
    let trigram_indexes = || {
        ok(&t.db.psql(
            "postgres",
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'leertuin' AND indexname LIKE '%\\_search';",
        ))
    };
    let queries: [&[&str]; 4] = [
        &["search", "kubectl restart"],
        &["search", "coordinator"],
        &["search", "kubetcl"],
        &["search", "reservepomp"],
    ];
    let found = || -> Vec<String> { queries.iter().map(|q| t.ok(bob, q)).collect() };
    assert_eq!(trigram_indexes(), "5");
    let with = found();
    for (q, out) in queries.iter().zip(&with) {
        assert!(!out.trim().is_empty(), "{q:?} found nothing");
    }

    assert!(
        t.ok(bob, &["doctor"])
            .contains("pg_trgm, 5 trigram indexes")
    );

    ok(&t.db.psql("postgres", "DROP EXTENSION pg_trgm CASCADE;"));
    assert_eq!(trigram_indexes(), "0");
    assert_eq!(found(), with);
    // doctor says so, and what to do; the server is no less healthy.
    let doctor = t.ok(bob, &["doctor"]);
    assert!(doctor.contains("no pg_trgm"), "{doctor}");
    assert!(doctor.contains("server init"), "{doctor}");

    t.db.init(&[]);
    assert_eq!(trigram_indexes(), "5");
    assert_eq!(found(), with);
}
