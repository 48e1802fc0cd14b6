//! `leertuin server init`, `add-person` and `add-kiosk` against a real,
//! throwaway PostgreSQL (see tests/pg_support): the schema, its version,
//! idempotence, refusal of a newer schema, and no password in any message.

mod pg_support;

use leertuin::store::postgres::LATEST_VERSION;
use pg_support::{TestDb, ok, setup_lock};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// `server init` as the database's owner; must succeed.
fn init(db: &TestDb, home: &std::path::Path) -> String {
    let out = {
        let _lock = setup_lock();
        db.leertuin(home, &["server", "init", &db.url(&db.owner)])
    };
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    stdout(&out)
}

/// Everything `server init` decides, as text: version, tables with their
/// security flags, policies, grants, triggers, functions, the groups'
/// members and the lessons. Read as the superuser, who sees it all.
fn state(db: &TestDb) -> String {
    let mut su = db.superuser();
    let queries = [
        "SELECT version::text FROM leertuin.schema_version",
        "SELECT relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE nspname = 'leertuin' AND relkind = 'r' ORDER BY 1",
        "SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' '
                || coalesce(with_check, '')
         FROM pg_policies WHERE schemaname = 'leertuin' ORDER BY 1",
        "SELECT table_name || ' ' || grantee || ' ' || privilege_type
         FROM information_schema.role_table_grants WHERE table_schema = 'leertuin' ORDER BY 1",
        "SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger
         WHERE NOT tgisinternal ORDER BY 1",
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE nspname = 'leertuin' ORDER BY 1",
        "SELECT r.rolname || ' in ' || g.rolname FROM pg_auth_members m
         JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
         WHERE g.rolname LIKE 'leertuin%' AND r.rolname LIKE 'leertuin%' ORDER BY 1",
        "SELECT count(*)::text || ' lessons, ' || (SELECT count(*) FROM leertuin.card) || ' cards'
         FROM leertuin.lesson",
    ];
    let mut text = String::new();
    for q in queries {
        for row in su.query(q, &[]).expect(q) {
            text.push_str(row.get::<_, &str>(0));
            text.push('\n');
        }
        text.push_str("--\n");
    }
    text
}

#[test]
fn init_creates_the_schema_with_forced_row_security_on_every_table() {
    let Some(pg) = pg_support::shared("init_creates_the_schema") else {
        return;
    };
    let db = pg.database("init_schema");
    let home = tempfile::tempdir().expect("home");
    let said = init(&db, home.path());
    assert!(
        said.contains(&format!("schema: version {LATEST_VERSION} (created)")),
        "{said}"
    );
    assert!(
        said.contains("row-level security: on and forced for 23 tables"),
        "{said}"
    );

    let mut su = db.superuser();
    let tables: Vec<(String, bool, bool)> = su
        .query(
            "SELECT relname::text, relrowsecurity, relforcerowsecurity FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE nspname = 'leertuin' AND relkind = 'r' ORDER BY 1",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let names: Vec<&str> = tables.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "answer",
            "answer_seen",
            "applied_write",
            "backing",
            "card",
            "card_state",
            "learned",
            "ledger",
            "lesson",
            "lesson_done",
            "match_rule",
            "person",
            "person_pin",
            "question",
            "reference",
            "review",
            "schema_version",
            "tip",
            "unseen_answer",
            "vote",
            "voucher",
            "voucher_miss",
            "wish"
        ]
    );
    for (name, on, forced) in tables.iter().cloned() {
        assert!(on && forced, "{name}: row security on={on} forced={forced}");
    }
    // A new schema starts with the bundled lessons, as a new SQLite file does.
    let lessons: i64 = su
        .query_one("SELECT count(*) FROM leertuin.lesson", &[])
        .expect("lessons")
        .get(0);
    assert!(lessons > 0);
    // The owner finds the tables without a prefix (search_path set).
    let out = db.psql(&db.owner, "SELECT count(*) > 0 FROM lesson;");
    assert_eq!(ok(&out), "t");
}

#[test]
fn init_twice_changes_nothing() {
    let Some(pg) = pg_support::shared("init_twice_changes_nothing") else {
        return;
    };
    let db = pg.database("init_twice");
    let home = tempfile::tempdir().expect("home");
    init(&db, home.path());
    let first = state(&db);
    let said = init(&db, home.path());
    assert!(
        said.contains(&format!(
            "schema: version {LATEST_VERSION} (already up to date)"
        )),
        "{said}"
    );
    assert_eq!(state(&db), first);
}

/// A team server of the release before migration 0018 (its
/// `redeem_voucher` as 0015 made it) is brought up to date by `init`, to
/// the same state a new one has, the function's owner and rights kept.
#[test]
fn init_brings_the_voucher_function_of_0015_up_to_date() {
    let Some(pg) = pg_support::shared("init_brings_0015_up_to_date") else {
        return;
    };
    let db = pg.database("voucher_0018");
    let home = tempfile::tempdir().expect("home");
    init(&db, home.path());
    let fresh = state(&db);
    let function = |db: &TestDb| {
        let row = db
            .superuser()
            .query_one(
                "SELECT pg_get_function_arguments(p.oid) || ' ' || pg_get_userbyid(p.proowner)
                        || ' ' || has_function_privilege('leertuin_person', p.oid, 'EXECUTE')
                        || ' ' || has_function_privilege('public', p.oid, 'EXECUTE')
                 FROM pg_proc p WHERE p.oid = 'leertuin.redeem_voucher(text)'::regprocedure",
                &[],
            )
            .expect("the function");
        row.get::<_, String>(0)
    };
    let now = function(&db);
    assert!(now.contains("tries_left"), "{now}");
    assert!(now.ends_with("leertuin_cashier true false"), "{now}");
    // Back to 0017: the function of 0015, as an older init left it.
    let old = include_str!("../src/store/postgres/migrations/0015_wishes.sql");
    let start = old
        .find("CREATE FUNCTION leertuin.redeem_voucher")
        .expect("0015 makes it");
    let end = start + old[start..].find("$$;\n").expect("its end") + 4;
    db.superuser()
        .batch_execute(&format!(
            "DROP FUNCTION leertuin.redeem_voucher(text);
             {}
             REVOKE EXECUTE ON FUNCTION leertuin.redeem_voucher(text) FROM PUBLIC;
             GRANT EXECUTE ON FUNCTION leertuin.redeem_voucher(text) TO leertuin_person;
             ALTER FUNCTION leertuin.redeem_voucher(text) OWNER TO leertuin_cashier;
             {BEFORE_0020}
             UPDATE leertuin.schema_version SET version = 17;",
            &old[start..end]
        ))
        .expect("the schema of 0017");
    assert!(!function(&db).contains("tries_left"));
    let said = init(&db, home.path());
    assert!(
        said.contains(&format!("schema: version {LATEST_VERSION} (was 17)")),
        "{said}"
    );
    assert_eq!(function(&db), now);
    assert_eq!(state(&db), fresh);
}

/// Takes away what migration 0020 made, as a schema of 0019 was.
const BEFORE_0020: &str = "DROP TABLE leertuin.unseen_answer;
     DROP TRIGGER unseen_answer_added ON leertuin.answer;
     DROP TRIGGER answer_stays ON leertuin.answer;
     DROP TRIGGER unseen_answer_seen ON leertuin.answer_seen;
     DROP FUNCTION leertuin.unseen_answer_added(), leertuin.unseen_answer_seen(),
                   leertuin.answer_stays();";

/// A team's answers from before migration 0020 are news after it exactly
/// when they were before: the fill reads the askers' seen marks, which are
/// private even to the owner who runs init.
#[test]
fn init_brings_the_unseen_answers_of_0020_from_the_seen_marks() {
    let Some(pg) = pg_support::shared("init_brings_0020") else {
        return;
    };
    let db = pg.database("unseen_0020");
    let home = tempfile::tempdir().expect("home");
    init(&db, home.path());
    let fresh = state(&db);
    db.superuser()
        .batch_execute(&format!(
            "{BEFORE_0020}
             UPDATE leertuin.schema_version SET version = 19;
             INSERT INTO leertuin.person (handle, name, created_at)
                 VALUES ('ann', 'Ann', 1), ('bob', 'Bob', 1);
             INSERT INTO leertuin.question (id, author, title, created_at)
                 VALUES (101, 'ann', 'seen', 1), (102, 'ann', 'half seen', 1), (103, NULL, 'anonymous', 1);
             INSERT INTO leertuin.answer (id, question_id, author, body, created_at) VALUES
                 (201, 101, 'bob', 'seen', 2), (202, 102, 'bob', 'seen', 3),
                 (203, 102, 'bob', 'not yet', 4), (204, 102, 'ann', 'her own', 5),
                 (205, 103, 'bob', 'to nobody', 6);
             INSERT INTO leertuin.answer_seen (person, question_id, last_answer)
                 VALUES ('ann', 101, 201), ('ann', 102, 202);"
        ))
        .expect("a team of 0019");
    let said = init(&db, home.path());
    assert!(
        said.contains(&format!("schema: version {LATEST_VERSION} (was 19)")),
        "{said}"
    );
    let rows: String = db
        .superuser()
        .query_one(
            "SELECT string_agg(answer_id || ' ' || person || ' ' || question_id, ', ' ORDER BY 1)
             FROM leertuin.unseen_answer",
            &[],
        )
        .expect("rows")
        .get(0);
    assert_eq!(rows, "203 ann 102");
    assert_eq!(state(&db), fresh);
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let Some(pg) = pg_support::shared("a_newer_schema_is_refused") else {
        return;
    };
    let db = pg.database("newer_schema");
    let home = tempfile::tempdir().expect("home");
    init(&db, home.path());
    db.superuser()
        .batch_execute("UPDATE leertuin.schema_version SET version = 99")
        .expect("bump");
    let before = state(&db);
    let out = db.leertuin(home.path(), &["server", "init", &db.url(&db.owner)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(
        err.trim(),
        format!(
            "leertuin: the database has schema version 99, but this leertuin knows only up to \
             version {LATEST_VERSION}; it will not write to it: upgrade leertuin"
        )
    );
    assert_eq!(state(&db), before);
    // add-person refuses it too, with the same words.
    let out = db.leertuin(
        home.path(),
        &["--db", &db.url(&db.owner), "server", "add-person", "ann"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("schema version 99"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_message_shows_the_password() {
    let Some(pg) = pg_support::shared("no_message_shows_the_password") else {
        return;
    };
    let db = pg.database("password");
    let home = tempfile::tempdir().expect("home");
    let secret = "Sekr1t-pw";
    let wrong_db = format!(
        "postgresql://{}:{secret}@/no_such_db?host={}",
        db.owner,
        pg.socket_dir().display()
    );
    let bad_port = format!("postgresql://{}:{secret}@localhost:notaport/x", db.owner);
    let no_socket = format!("postgresql://ann:{secret}@/x?host=/nonexistent");
    let query_pw = format!(
        "postgresql:///no_such_db?host={}&user={}&password={secret}",
        pg.socket_dir().display(),
        db.owner
    );
    for url in [&wrong_db, &bad_port, &no_socket, &query_pw] {
        for args in [
            vec!["server", "init", url.as_str()],
            vec!["--db", url.as_str(), "server", "add-person", "ann"],
            vec!["--db", url.as_str(), "server", "add-kiosk", "hall"],
        ] {
            let out = db.leertuin(home.path(), &args);
            assert!(!out.status.success(), "{args:?} should fail");
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                !all.contains(secret),
                "{args:?} printed the password: {all}"
            );
            assert_eq!(all.trim().lines().count(), 1, "one line: {all}");
        }
    }
    // A password the server checks and refuses is not shown either.
    db.superuser()
        .batch_execute(&format!("ALTER ROLE \"{}\" PASSWORD 'right-one'", db.owner))
        .expect("password");
    let out = db.leertuin(home.path(), &["server", "init", &wrong_db]);
    assert!(!stderr(&out).contains(secret));
    // PGPASSWORD is as secret as the URL's.
    let out = std::process::Command::new(pg_support::BIN)
        .env("PGPASSWORD", secret)
        .env("HOME", home.path())
        .args(["server", "init", &db.url("nobody_here")])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(!stderr(&out).contains(secret), "{}", stderr(&out));
}

#[test]
fn bad_input_is_one_line_with_exit_2() {
    let Some(pg) = pg_support::shared("bad_input_is_one_line") else {
        return;
    };
    let db = pg.database("bad_input");
    let home = tempfile::tempdir().expect("home");
    let cases: Vec<Vec<String>> = vec![
        vec!["server".into(), "init".into(), "/tmp/not-a-url.db".into()],
        vec![
            "server".into(),
            "init".into(),
            "postgresql://x@h:99999/db".into(),
        ],
        // add-person needs a server URL in --db.
        vec![
            "--db".into(),
            "/tmp/team.db".into(),
            "server".into(),
            "add-person".into(),
            "ann".into(),
        ],
        // Not initialised yet.
        vec![
            "--db".into(),
            db.url(&db.owner),
            "server".into(),
            "add-person".into(),
            "ann".into(),
        ],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db.leertuin(home.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
    }
    init(&db, home.path());
    for handle in ["pg_monitor", "leertuin_kiosk", "", &"x".repeat(70)] {
        let out = db.leertuin(
            home.path(),
            &["--db", &db.url(&db.owner), "server", "add-person", handle],
        );
        assert_eq!(out.status.code(), Some(2), "{handle}: {}", stderr(&out));
        assert_eq!(stderr(&out).trim().lines().count(), 1);
    }
    // Nothing was half-written: no person, no role.
    let mut su = db.superuser();
    let persons: i64 = su
        .query_one("SELECT count(*) FROM leertuin.person", &[])
        .expect("count")
        .get(0);
    assert_eq!(persons, 0);
}

/// Migration 0021: the policies work out who acts inside each statement
/// (actor() and is_kiosk() are inlined, not called), and the answers are
/// those of before: a person is themself, a kiosk nobody until it acts for
/// someone, and a superuser, who holds every role's rights, no kiosk.
#[test]
fn who_acts_is_worked_out_inside_each_statement() {
    let Some(pg) = pg_support::shared("inline_actor") else {
        return;
    };
    let db = pg.database("inline_actor");
    let ann = format!("ann_{}", db.name);
    db.init(&[&ann]);
    let kiosk = format!("hall_{}", db.name);
    let home = tempfile::tempdir().expect("home");
    let out = {
        let _lock = setup_lock();
        db.leertuin(
            home.path(),
            &["--db", &db.url(&db.owner), "server", "add-kiosk", &kiosk],
        )
    };
    assert!(out.status.success(), "{}", stderr(&out));

    // Inlined from PostgreSQL 14 on (standard SQL bodies); 13 keeps calls.
    let version: i32 = db
        .superuser()
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .expect("version")
        .get(0);
    if version >= 140000 {
        let plan = ok(&db.psql(
            &ann,
            "EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM card_state;",
        ));
        assert!(plan.contains("pg_has_role"), "{plan}");
        assert!(!plan.contains("actor()"), "{plan}");
        assert!(!plan.contains("is_kiosk()"), "{plan}");
    }

    let who = "SELECT coalesce(leertuin.actor(), 'nobody') || ' ' || leertuin.is_kiosk()
                      || ' ' || coalesce(leertuin.kiosk(), '-');";
    assert_eq!(ok(&db.psql(&ann, who)), format!("{ann} false -"));
    assert_eq!(ok(&db.psql(&kiosk, who)), format!("nobody true {kiosk}"));
    let acting = format!("BEGIN; SELECT leertuin.act_for('{ann}'); {who} COMMIT;");
    assert!(
        ok(&db.psql(&kiosk, &acting)).contains(&format!("{ann} true {kiosk}")),
        "a kiosk acts for the one it names"
    );
    let su: String = db.superuser().query_one(who, &[]).expect(who).get(0);
    assert_eq!(su, "postgres false -");
}

#[test]
fn add_person_makes_a_login_in_the_group_with_a_profile() {
    let Some(pg) = pg_support::shared("add_person") else {
        return;
    };
    let db = pg.database("add_person");
    let home = tempfile::tempdir().expect("home");
    init(&db, home.path());
    let ann = format!("ann_{}", db.name);
    let url = db.url(&db.owner);
    let add = |extra: &[&str]| {
        let mut args = vec!["--db", url.as_str(), "server", "add-person", ann.as_str()];
        args.extend(extra);
        let _lock = setup_lock();
        db.leertuin(home.path(), &args)
    };
    let out = add(&["--name", "Ann de Vries"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("(Ann de Vries) can now log in"), "{said}");
    assert!(said.contains("login role"), "{said}");

    // Ann logs in with psql and is herself.
    let out = db.psql(&ann, "SELECT leertuin.actor(), name FROM person;");
    assert_eq!(ok(&out), format!("{ann}|Ann de Vries"));

    // Again: idempotent, says so, keeps the name unless a new one is given.
    let out = add(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("was already there"),
        "{}",
        stdout(&out)
    );
    let out = db.psql(&ann, "SELECT name FROM person;");
    assert_eq!(ok(&out), "Ann de Vries");

    // A kiosk is not a person, and a person not a kiosk.
    let out = db.leertuin(
        home.path(),
        &["--db", &db.url(&db.owner), "server", "add-kiosk", &ann],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a person, not a kiosk"));
    let kiosk = format!("hall_{}", db.name);
    let out = {
        let _lock = setup_lock();
        db.leertuin(
            home.path(),
            &["--db", &db.url(&db.owner), "server", "add-kiosk", &kiosk],
        )
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let out = db.leertuin(
        home.path(),
        &["--db", &db.url(&db.owner), "server", "add-person", &kiosk],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a kiosk login, not a person"));
}

#[test]
fn messages_speak_dutch() {
    let Some(pg) = pg_support::shared("messages_speak_dutch") else {
        return;
    };
    let db = pg.database("dutch");
    let home = tempfile::tempdir().expect("home");
    let out = {
        let _lock = setup_lock();
        std::process::Command::new(pg_support::BIN)
            .env("HOME", home.path())
            .env("LEERTUIN_LANG", "nl")
            .args(["server", "init", &db.url(&db.owner)])
            .output()
            .expect("runs")
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains(&format!("schema: versie {LATEST_VERSION} (aangemaakt)")),
        "{said}"
    );
    assert!(said.contains("beveiliging per rij"), "{said}");
}

/// A server of one's own stops on drop (also when a test panics): its
/// process ends and its temp dir is gone.
#[test]
fn a_test_server_stops_and_cleans_up_on_drop() {
    let Some(server) = pg_support::PgServer::start("a_test_server_stops") else {
        return;
    };
    let dir = server.socket_dir().to_path_buf();
    let pid: i32 = std::fs::read_to_string(dir.join("keeper.pid"))
        .expect("pid")
        .trim()
        .parse()
        .expect("a pid");
    assert!(
        server
            .superuser("postgres")
            .simple_query("SELECT 1")
            .is_ok()
    );
    drop(server);
    assert!(!dir.exists(), "{} is still there", dir.display());
    // SAFETY: kill with signal 0 only asks whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    assert!(!alive, "postgres {pid} still runs");
}
