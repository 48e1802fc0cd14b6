//! Wishes, budgets and vouchers on the team server, through the real
//! binary and through `psql` as a colleague would try it: the same output
//! as on a file, admins by database role, 32 processes that never
//! overspend, and a ledger nobody can write as another, change or delete.

mod pg_support;

use std::path::Path;
use std::process::{Output, Stdio};

use leertuin::store::postgres::{self as server, AddPerson, ServerUrl};
use pg_support::{Team, leertuin_in, ok, refused, setup_lock, team};

/// A team with ann, bob, and boss, whom the DBA made a budget admin.
fn with_admin(test: &str) -> Option<(Team, String)> {
    let t = team(test)?;
    let boss = format!("boss_{}", t.db.name);
    {
        let _lock = setup_lock();
        let url = ServerUrl::parse(&t.db.url(&t.db.owner)).expect("url");
        let add = AddPerson {
            handle: boss.clone(),
            name: None,
        };
        server::people::add_person(&url, &add).expect("add boss");
    }
    t.db.superuser()
        .batch_execute(&format!("GRANT leertuin_admin TO \"{boss}\""))
        .expect("grant admin");
    Some((t, boss))
}

/// `leertuin --db FILE --user WHO ARGS` with `admins = [ADMIN]` as the
/// system config: the file the server's output is compared with.
fn on_file(home: &Path, file: &Path, admin: &str, who: &str, args: &[&str]) -> Output {
    let system = home.join("system.toml");
    std::fs::write(&system, format!("admins = [\"{admin}\"]\n")).expect("system config");
    leertuin_in(home)
        .env("LEERTUIN_SYSTEM_CONFIG", &system)
        .args(["--db", &file.display().to_string(), "--user", who])
        .args(args)
        .output()
        .expect("leertuin runs")
}

/// The words of an output without its dates (the ledger's lines start
/// with the day, which two runs around midnight may not share).
fn text(out: &Output) -> String {
    let s = String::from_utf8_lossy(&out.stdout);
    s.lines()
        .map(|l| l.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wish_fund_budget_and_withdraw_print_on_the_server_what_they_print_on_a_file() {
    let Some((t, boss)) = with_admin("wishes_same_output") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    let file_home = tempfile::tempdir().expect("home");
    let file = file_home.path().join("team.db");
    let steps: Vec<(&str, Vec<&str>)> = vec![
        (
            boss.as_str(),
            vec![
                "budget",
                "grant",
                bob,
                "500",
                "--hours",
                "16",
                "--source",
                "werkgever",
                "--new",
            ],
        ),
        (
            boss.as_str(),
            vec!["budget", "match", "--source", "werkgever", "--cap", "50"],
        ),
        (
            ann,
            vec![
                "wish",
                "Heftruckcertificaat halen",
                "--cost",
                "350",
                "--hours",
                "8",
                "-t",
                "heftruck",
            ],
        ),
        (
            ann,
            vec![
                "wish",
                "Leren zwemmen",
                "--hours",
                "10",
                "--private",
                "-t",
                "life",
            ],
        ),
        (
            bob,
            vec![
                "fund",
                "w1",
                "100",
                "--hours",
                "2",
                "--note",
                "Succes — echt!",
            ],
        ),
        (bob, vec!["fund", "w1", "€25"]),
        (bob, vec!["wish", "list"]),
        (ann, vec!["wish", "list", "--all"]),
        (bob, vec!["wish", "show", "w1"]),
        (bob, vec!["wish", "show", "w1", "--json"]),
        (bob, vec!["budget"]),
        (bob, vec!["budget", "--json"]),
        (bob, vec!["budget", "log"]),
        (ann, vec!["wish", "withdraw", "w1"]),
        (bob, vec!["budget"]),
    ];
    for (who, args) in &steps {
        let on_server = t.run(who, args);
        let local = on_file(file_home.path(), &file, &boss, who, args);
        assert!(
            on_server.status.success(),
            "{args:?} on the server: {}",
            String::from_utf8_lossy(&on_server.stderr)
        );
        if args.contains(&"--json") {
            assert_eq!(strip_times(&on_server), strip_times(&local), "{args:?}");
        } else {
            assert_eq!(text(&on_server), text(&local), "{args:?}");
        }
    }
    // Refusals are the same line with the same exit code.
    for (who, args) in [
        (bob, vec!["wish", "show", "w2"]),
        (bob, vec!["fund", "w1", "10"]),
        (ann, vec!["budget", "grant", ann, "10", "--source", "x"]),
        (bob, vec!["fund", "w3", "-50"]),
    ] {
        let on_server = t.run(who, &args);
        let local = on_file(file_home.path(), &file, &boss, who, &args);
        assert_eq!(on_server.status.code(), Some(2), "{args:?}");
        assert_eq!(local.status.code(), Some(2), "{args:?}");
        assert_eq!(on_server.stderr, local.stderr, "{args:?}");
    }
}

/// JSON without its times (`at`, `created_at`): two runs differ there.
fn strip_times(out: &Output) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !matches!(k.as_str(), "at" | "created_at" | "closed_at"));
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    strip(&mut v);
    v
}

#[test]
fn only_a_member_of_leertuin_admin_grants_issues_and_matches() {
    let Some((t, boss)) = with_admin("wishes_admins") else {
        return;
    };
    // A person's own config naming them admin counts for nothing here.
    let cfg = t.home.path().join(".config/leertuin");
    std::fs::create_dir_all(&cfg).expect("config dir");
    std::fs::write(
        cfg.join("config.toml"),
        format!("admins = [\"{}\"]\n", t.ann),
    )
    .expect("config");
    for args in [
        vec![
            "budget",
            "grant",
            t.ann.as_str(),
            "1000",
            "--source",
            "werkgever",
        ],
        vec!["voucher", "issue", "10", "--source", "x"],
        vec!["budget", "match", "--source", "x", "--cap", "10"],
        // Not an admin comes first, before what else is missing.
        vec!["voucher", "issue", "250", "--count", "3"],
        vec!["budget", "grant", t.ann.as_str(), "500"],
        vec!["budget", "match", "--percent", "100"],
    ] {
        let out = t.run(&t.ann, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("only an admin"), "{err}");
    }
    assert_eq!(ok(&t.db.psql(&t.ann, "SELECT count(*) FROM ledger;")), "0");
    // An admin who leaves out the pot is told so, in one line.
    let out = t.run(&boss, &["voucher", "issue", "250", "--count", "3"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("missing: --source"), "{err}");
    // The admin's vouchers: printed once, redeemed once into one's own budget.
    let codes = t.ok(
        &boss,
        &[
            "voucher",
            "issue",
            "250",
            "--count",
            "2",
            "--source",
            "O&O-fonds",
        ],
    );
    let code = codes.lines().next().expect("a code");
    let said = t.ok(&t.ann, &["voucher", "redeem", code]);
    assert!(said.contains("€250"), "{said}");
    // Typed again by ann (did it work?): hers, and no try counted. Typed
    // by bob: used, and a try of his, with what it leaves.
    let again = t.run(&t.ann, &["voucher", "redeem", code]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr).to_string();
    assert!(err.contains("You already used this voucher."), "{err}");
    let again = t.run(&t.bob, &["voucher", "redeem", code]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr).to_string();
    assert!(
        err.contains("This voucher was used already. 4 tries left."),
        "{err}"
    );
    // Two codes at once: refused before the server is asked, no try.
    let two = format!("{code}\n{}", codes.lines().nth(1).expect("a second code"));
    let err =
        String::from_utf8_lossy(&t.run(&t.bob, &["voucher", "redeem", &two]).stderr).to_string();
    assert!(err.contains("These are 2 codes."), "{err}");
    let err = String::from_utf8_lossy(&t.run(&t.bob, &["voucher", "redeem", "2222-2222"]).stderr)
        .to_string();
    assert!(
        err.contains("This code is not right. 3 tries left."),
        "{err}"
    );
    assert_eq!(
        ok(&t.db.psql(&t.ann, "SELECT count(*) FROM voucher_miss;")),
        "0"
    );
    // Nobody but admins reads the codes' hashes, not even their owner.
    assert_eq!(ok(&t.db.psql(&t.ann, "SELECT count(*) FROM voucher;")), "0");
    assert_eq!(ok(&t.db.psql(&boss, "SELECT count(*) FROM voucher;")), "2");
    assert_eq!(
        ok(&t.db.psql(&t.db.owner, "SELECT count(*) FROM voucher;")),
        "0"
    );
}

#[test]
fn thirty_two_processes_funding_one_wish_from_one_budget_never_overspend() {
    let Some((t, boss)) = with_admin("wishes_32") else {
        return;
    };
    t.ok(
        &boss,
        &["budget", "grant", &t.bob, "100", "--source", "werkgever"],
    );
    t.ok(&t.ann, &["wish", "Lassen", "--cost", "1000"]);
    let url = t.db.url(&t.bob);
    let children: Vec<_> = (0..32)
        .map(|_| {
            leertuin_in(t.home.path())
                .args(["--db", &url, "fund", "w1", "5"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let (mut gave, mut short) = (0, 0);
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => gave += 1,
            Some(2) if err.contains("Not enough budget") => short += 1,
            other => panic!("exit {other:?}: {err}"),
        }
    }
    assert_eq!((gave, short), (20, 12));
    let given = ok(&t.db.psql(
        &t.bob,
        "SELECT -sum(cents) FROM ledger WHERE kind = 'contribution';",
    ));
    assert_eq!(given, "10000");
    let budget: serde_json::Value =
        serde_json::from_str(&t.ok(&t.bob, &["budget", "--json"])).expect("json");
    assert_eq!(budget["free_cents"], 0);
    assert_eq!(budget["reserved_cents"], 10_000);
    let wish: serde_json::Value =
        serde_json::from_str(&t.ok(&t.ann, &["wish", "show", "w1", "--json"])).expect("json");
    assert_eq!(wish["given_cents"], 10_000);
    // Nothing waits in an outbox: a refusal is no reason to send it again.
    assert!(
        !t.home.path().join(".local/state/leertuin/outbox").exists()
            || std::fs::read_dir(t.home.path().join(".local/state/leertuin/outbox"))
                .expect("outbox")
                .next()
                .is_none()
    );
}

/// The SQLSTATE of a refused statement.
fn state(e: &postgres::Error) -> String {
    e.code().map(|c| c.code().to_string()).unwrap_or_default()
}

#[test]
fn from_psql_a_colleague_cannot_read_a_private_wish_or_write_the_ledger_as_another() {
    let Some((t, boss)) = with_admin("wishes_psql") else {
        return;
    };
    let (ann, bob) = (t.ann.as_str(), t.bob.as_str());
    t.ok(
        &boss,
        &["budget", "grant", bob, "50", "--source", "werkgever"],
    );
    t.ok(
        &boss,
        &["budget", "grant", ann, "50", "--source", "werkgever"],
    );
    t.ok(
        ann,
        &["wish", "Leren zwemmen", "--cost", "300", "--private"],
    );
    t.ok(ann, &["wish", "Heftruck", "--cost", "300"]);
    t.ok(bob, &["fund", "w2", "20"]);
    t.ok(ann, &["fund", "w1", "10"]);
    // A private wish: its owner alone, not an admin, not the schema's owner.
    for who in [bob, boss.as_str(), t.db.owner.as_str()] {
        let seen = ok(&t.db.psql(who, "SELECT count(*) FROM wish WHERE private;"));
        assert_eq!(seen, "0", "{who}");
        let entries = ok(&t
            .db
            .psql(who, "SELECT count(*) FROM ledger WHERE wish = 1;"));
        assert_eq!(entries, "0", "{who} reads what was given to a private wish");
    }
    assert_eq!(
        ok(&t.db.psql(ann, "SELECT text FROM wish WHERE private;")),
        "Leren zwemmen"
    );
    let before = ok(&t.db.psql(
        "postgres",
        "SELECT string_agg(id || ':' || cents, ',' ORDER BY id) FROM ledger;",
    ));
    let mut client = t.db.client(bob);
    let now = "(extract(epoch from now()) * 1000)::bigint";
    for (what, sql) in [
        (
            "a grant by a non-admin",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, by)
                 VALUES ({now}, 'grant', '{bob}', 'werkgever', 100000, 0, '{bob}')"
            ),
        ),
        (
            "a contribution from ann's pot",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, wish, by)
                 VALUES ({now}, 'contribution', '{ann}', 'werkgever', -100, 0, 2, '{ann}')"
            ),
        ),
        (
            "a contribution from ann's pot, signed by bob",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, wish, by)
                 VALUES ({now}, 'contribution', '{ann}', 'werkgever', -100, 0, 2, '{bob}')"
            ),
        ),
        (
            "a contribution signed by ann",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, wish, by)
                 VALUES ({now}, 'contribution', '{bob}', 'werkgever', -100, 0, 2, '{ann}')"
            ),
        ),
        (
            "a redemption without a code",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, by, voucher)
                 VALUES ({now}, 'redemption', '{bob}', 'x', 100000, 0, '{bob}', 1)"
            ),
        ),
        (
            "a match without a gift",
            format!(
                "INSERT INTO ledger (at, kind, source, cents, minutes, wish, by, rule)
                 VALUES ({now}, 'match', 'werkgever', -100, 0, 2, '{bob}', 1)"
            ),
        ),
        (
            "a refund of bob's own gift to an open wish",
            format!(
                "INSERT INTO ledger (at, kind, person, source, cents, minutes, wish, by, refund_of)
                 SELECT {now}, 'refund', '{bob}', 'werkgever', 2000, 0, 2, '{bob}', id
                 FROM ledger WHERE kind = 'contribution' AND person = '{bob}'"
            ),
        ),
        ("an update", "UPDATE ledger SET cents = 100000".to_string()),
        ("a delete", "DELETE FROM ledger".to_string()),
        (
            "forgetting wrong codes",
            "DELETE FROM voucher_miss".to_string(),
        ),
        (
            "closing ann's wish",
            "UPDATE wish SET state = 'done' WHERE id = 2".to_string(),
        ),
    ] {
        match client.batch_execute(&sql) {
            Err(e) => assert_eq!(state(&e), "42501", "{what}: {e:?}"),
            // A change policies hide every row from is no change at all.
            Ok(()) => assert!(what == "closing ann's wish", "{what} went through"),
        }
    }
    // Bob's own gift beyond his budget: refused when it commits.
    let e = client
        .batch_execute(&format!(
            "INSERT INTO ledger (at, kind, person, source, cents, minutes, wish, by)
             VALUES ({now}, 'contribution', '{bob}', 'werkgever', -100000, 0, 2, '{bob}')"
        ))
        .expect_err("beyond the budget");
    assert_eq!(state(&e), "23514", "{e:?}");
    // Not even the superuser changes the ledger.
    let out = t.db.psql("postgres", "UPDATE ledger SET cents = 1;");
    assert!(refused(&out).contains("append-only"));
    let after = ok(&t.db.psql(
        "postgres",
        "SELECT string_agg(id || ':' || cents, ',' ORDER BY id) FROM ledger;",
    ));
    assert_eq!(after, before);
    assert_eq!(
        ok(&t.db.psql(ann, "SELECT state FROM wish WHERE id = 2;")),
        "open"
    );
}

/// A voucher the superuser writes straight into the table (as a
/// hand-edited row would be), found by `hash`.
fn voucher_row(t: &Team, hash: &str, expires: &str) {
    t.db.superuser()
        .execute(
            "INSERT INTO leertuin.voucher (hash, cents, minutes, source, expires, issued_by, \
             issued_at) VALUES ($1, 1000, 0, 'x', $2, 'boss', 0)",
            &[&hash, &expires],
        )
        .expect("voucher row");
}

#[test]
fn two_people_redeeming_one_code_at_once_get_redeemed_and_used() {
    let Some((t, boss)) = with_admin("wishes_voucher_race") else {
        return;
    };
    let codes = t.ok(&boss, &["voucher", "issue", "10", "--source", "x"]);
    let code = codes.lines().next().expect("a code");
    let code = leertuin::domain::voucher::normalize(code).expect("a code");
    let hash = leertuin::domain::voucher::hash(&code);
    // Ann redeems and has not committed yet.
    let mut ann = t.db.client(&t.ann);
    let mut first = ann.transaction().expect("begin");
    let row = first
        .query_one("SELECT status FROM leertuin.redeem_voucher($1)", &[&hash])
        .expect("ann redeems");
    assert_eq!(row.get::<_, String>(0), "ok");
    // Bob redeems the same code meanwhile: he waits for ann.
    let mut bob = t.db.client(&t.bob);
    let second = std::thread::spawn(move || {
        bob.query_one(
            "SELECT status, tries_left FROM leertuin.redeem_voucher($1)",
            &[&hash],
        )
        .map(|r| (r.get::<_, String>(0), r.get::<_, Option<i64>>(1)))
    });
    let mut su = t.db.superuser();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let waiting: i64 = su
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = $1 AND usename = $2 AND wait_event_type = 'Lock'",
                &[&t.db.name, &t.bob],
            )
            .expect("pg_stat_activity")
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "bob never waited");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    first.commit().expect("ann commits");
    // Bob reads ann's redemption: used, a try of his, not a broken index.
    let (status, left) = second.join().expect("bob's thread").expect("bob's answer");
    assert_eq!((status.as_str(), left), ("used", Some(4)));
    assert_eq!(
        ok(&t.db.psql(
            &t.ann,
            "SELECT count(*) FROM ledger WHERE kind = 'redemption';"
        )),
        "1"
    );
}

#[test]
fn a_vouchers_end_date_is_todays_in_utc_whatever_the_callers_time_zone() {
    let Some(t) = team("wishes_voucher_utc") else {
        return;
    };
    let mut su = t.db.superuser();
    let mut day = |sql: &str| -> String { su.query_one(sql, &[]).expect("date").get(0) };
    let today = day("SELECT to_char((now() AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')");
    let yesterday = day("SELECT to_char((now() AT TIME ZONE 'UTC')::date - 1, 'YYYY-MM-DD')");
    voucher_row(&t, "ends today", &today);
    voucher_row(&t, "ended yesterday", &yesterday);
    let mut ann = t.db.client(&t.ann);
    let mut redeem = |zone: &str, hash: &str| -> (String, Option<String>) {
        ann.batch_execute(&format!("SET TimeZone = '{zone}'"))
            .expect("time zone");
        let row = ann
            .query_one(
                "SELECT status, detail FROM leertuin.redeem_voucher($1)",
                &[&hash],
            )
            .expect("redeem");
        (row.get(0), row.get(1))
    };
    // Where it is tomorrow already (UTC+14), today's voucher still holds;
    // where it is yesterday still (UTC-12), yesterday's has ended. One of
    // the two differs from UTC at every hour of the day.
    assert_eq!(redeem("Etc/GMT-14", "ends today").0, "ok");
    assert_eq!(
        redeem("Etc/GMT+12", "ended yesterday"),
        ("expired".to_string(), Some(yesterday))
    );
}

#[test]
fn an_unreadable_end_date_never_ends_as_on_a_file() {
    let Some(t) = team("wishes_voucher_unreadable") else {
        return;
    };
    for (n, expires) in ["2020-13-01", "2020-02-30", "gauw", "0"]
        .into_iter()
        .enumerate()
    {
        let code = leertuin::domain::voucher::new_code();
        let hash = leertuin::domain::voucher::hash(
            &leertuin::domain::voucher::normalize(&code).expect("a code"),
        );
        voucher_row(&t, &hash, expires);
        // Redeemed (not a server error, not "expired"), its entry without
        // an end date: what the file's store does with such a row.
        let said = t.ok(&t.ann, &["voucher", "redeem", &code]);
        assert!(said.contains("€10"), "{expires}: {said}");
        let ends = ok(&t.db.psql(
            &t.ann,
            "SELECT count(*) FROM ledger WHERE kind = 'redemption' AND expires IS NULL;",
        ));
        assert_eq!(ends, (n + 1).to_string(), "{expires}");
    }
}
