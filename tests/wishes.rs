//! Wishes, budgets and vouchers through the real binary: money that adds
//! up, refunds that are exact, admins only where it says so, and bad input
//! refused in one line with exit code 2.

mod common;

use std::process::{Command as Process, Stdio};

use common::Sandbox;
use common::wishes::{grant, grant_with, ok, refused, run, team};

fn budget_json(sb: &Sandbox, user: &str) -> serde_json::Value {
    serde_json::from_str(&ok(sb, user, &["budget", "--json"])).unwrap()
}

fn wish_json(sb: &Sandbox, user: &str, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(sb, user, &["wish", "show", id, "--json"])).unwrap()
}

#[test]
fn a_wish_prints_its_id_and_shows_its_progress() {
    let sb = team();
    let id = ok(
        &sb,
        "anna",
        &[
            "wish",
            "Heftruckcertificaat halen",
            "--cost",
            "350",
            "--hours",
            "8",
            "-t",
            "heftruck",
        ],
    );
    assert_eq!(id.trim(), "w1");
    grant_with(&sb, "bram", "500", &["--hours", "16"]);
    let gave = ok(
        &sb,
        "bram",
        &["fund", "w1", "250", "--hours", "6", "--note", "Succes!"],
    );
    assert!(gave.contains("€250 and 6 hours"), "{gave}");
    let list = ok(&sb, "anna", &["wishes"]);
    assert!(
        list.contains("€250 of €350 · 6 of 8 hours · 1 person gave · open"),
        "{list}"
    );
    let w = wish_json(&sb, "anna", "w1");
    assert_eq!(w["given_cents"], 25_000);
    assert_eq!(w["given_minutes"], 360);
    assert_eq!(w["state"], "open");
    grant_with(
        &sb,
        "anna",
        "100",
        &["--hours", "2", "--source", "persoonlijk"],
    );
    ok(&sb, "anna", &["fund", "w1", "100", "--hours", "2"]);
    assert_eq!(wish_json(&sb, "anna", "w1")["state"], "funded");
    let nl = sb
        .cmd_as("anna")
        .env("LEERTUIN_LANG", "nl")
        .args(["wish", "list"])
        .output()
        .unwrap();
    let nl = String::from_utf8(nl.stdout).unwrap();
    assert!(
        nl.contains("€ 350 van € 350 · 8 van 8 uur · 2 mensen gaven · rond"),
        "{nl}"
    );
}

#[test]
fn a_withdrawn_wish_gives_every_contribution_back_exactly() {
    let sb = team();
    ok(
        &sb,
        "anna",
        &["wish", "Lassen", "--cost", "1000,00", "--hours", "10"],
    );
    grant_with(&sb, "bram", "300,33", &["--hours", "5"]);
    grant_with(
        &sb,
        "bram",
        "50",
        &["--source", "O&O-fonds", "--expires", "2099-01-01"],
    );
    grant(&sb, "cas", "200");
    // Bram's gift draws from the pot that lapses first, then the other.
    ok(&sb, "bram", &["fund", "w1", "120,11", "--hours", "1,5"]);
    ok(&sb, "bram", &["fund", "w1", "0,01"]);
    ok(&sb, "cas", &["fund", "w1", "199,99"]);
    let before = budget_json(&sb, "bram");
    assert_eq!(before["free_cents"], 30_033 + 5_000 - 12_012);
    assert_eq!(before["reserved_cents"], 12_012);

    let out = ok(&sb, "anna", &["wish", "withdraw", "w1"]);
    assert!(out.contains("back to bram"), "{out}");
    let bram = budget_json(&sb, "bram");
    assert_eq!(bram["free_cents"], 35_033);
    assert_eq!(bram["free_minutes"], 300);
    assert_eq!(bram["reserved_cents"], 0);
    // Each pot got back exactly what left it.
    for pot in bram["pots"].as_array().unwrap() {
        assert_eq!(pot["free_cents"], pot["granted_cents"], "{pot}");
    }
    assert_eq!(budget_json(&sb, "cas")["free_cents"], 20_000);
    let w = wish_json(&sb, "anna", "w1");
    assert_eq!(w["state"], "withdrawn");
    assert_eq!(w["given_cents"], 0);
    // And in SQL: every contribution has exactly one refund of the
    // opposite amount, and the wish's entries sum to nothing.
    let db = sb.sql();
    let unmatched: i64 = db
        .query_row(
            "SELECT count(*) FROM ledger c WHERE c.kind = 'contribution' AND NOT EXISTS
               (SELECT 1 FROM ledger r WHERE r.refund_of = c.id AND r.cents = -c.cents
                AND r.minutes = -c.minutes AND r.source = c.source AND r.person = c.person)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unmatched, 0);
    let sum: (i64, i64) = db
        .query_row(
            "SELECT sum(cents), sum(minutes) FROM ledger WHERE wish = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sum, (0, 0));
    // A withdrawn wish takes nothing more, and is not withdrawn twice.
    refused(&sb, "bram", &["fund", "w1", "1"]);
    refused(&sb, "anna", &["wish", "withdraw", "w1"]);
}

#[test]
fn the_ledger_is_append_only() {
    let sb = team();
    grant(&sb, "bram", "10");
    let db = sb.sql();
    assert!(db.execute("UPDATE ledger SET cents = 1000000", []).is_err());
    assert!(db.execute("DELETE FROM ledger", []).is_err());
    assert_eq!(budget_json(&sb, "bram")["free_cents"], 1_000);
}

#[test]
fn only_admins_grant_and_a_persons_own_config_does_not_make_one() {
    let sb = team();
    let err = refused(
        &sb,
        "anna",
        &["budget", "grant", "anna", "1000", "--source", "werkgever"],
    );
    assert!(err.contains("only an admin"), "{err}");
    // anna's own config names her admin: it does not count.
    let cfg = sb.path().join("home/.config/leertuin");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "admins = [\"anna\"]\n").unwrap();
    refused(
        &sb,
        "anna",
        &["budget", "grant", "anna", "1000", "--source", "werkgever"],
    );
    refused(&sb, "anna", &["voucher", "issue", "10", "--source", "x"]);
    refused(
        &sb,
        "anna",
        &["budget", "match", "--source", "x", "--cap", "10"],
    );
    assert!(!sb.db().exists() || budget_json(&sb, "anna")["free_cents"] == 0);
}

#[test]
fn bad_input_is_one_line_and_exit_code_two_and_writes_nothing() {
    let sb = team();
    ok(&sb, "anna", &["wish", "Excel", "--cost", "100"]);
    grant(&sb, "bram", "50");
    for args in [
        &["wish", "x", "--cost", "abc"][..],
        &["wish", "x", "--cost", "1.000.50"],
        &["wish", "x", "--cost", "-5"],
        &["wish", "x", "--hours", "1.33"],
        &["wish", ""],
        &["wish", "x", "-t", "Bad Tag!"],
        &["fund", "w1"],
        &["fund", "q1", "10"],
        &["fund", "w99", "10"],
        &["fund", "w1", "0"],
        &["fund", "w1", "10", "--hours", "1"],
        &["fund", "w1", "60"],
        &["fund", "w1", "101"],
        &["wish", "done", "w1"],
        &["wish", "withdraw", "w1"],
        &["wish", "show", "w7"],
        &["voucher", "redeem", "not-a-code"],
    ] {
        refused(&sb, "bram", args);
    }
    let err = refused(
        &sb,
        "boss",
        &[
            "budget",
            "grant",
            "bram",
            "10",
            "--source",
            "x",
            "--expires",
            "2001-01-01",
        ],
    );
    // The day in words, as every sentence says a date.
    assert!(err.contains("1 January 2001 has passed"), "{err}");
    refused(
        &sb,
        "boss",
        &[
            "budget",
            "grant",
            "bram",
            "10",
            "--source",
            "x",
            "--expires",
            "31-12-2027",
        ],
    );
    refused(&sb, "boss", &["budget", "grant", "bram", "--source", "x"]);
    refused(
        &sb,
        "boss",
        &["voucher", "issue", "10", "--source", "x", "--count", "0"],
    );
    let err = refused(&sb, "bram", &["fund", "w1", "60"]);
    assert!(
        err.contains("Not enough budget") && err.contains("€50"),
        "{err}"
    );
    // Over what the wish needs (€100) and what is free (€50): the smaller.
    let err = refused(&sb, "bram", &["fund", "w1", "101"]);
    assert!(
        err.contains("Not enough budget") && err.contains("€50"),
        "{err}"
    );
    // Nothing of it was written: one wish, one grant.
    let db = sb.sql();
    let rows: (i64, i64) = db
        .query_row(
            "SELECT (SELECT count(*) FROM wish), (SELECT count(*) FROM ledger)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rows, (1, 1));
}

#[test]
fn a_private_wish_is_its_owners_alone() {
    let sb = team();
    ok(
        &sb,
        "anna",
        &["wish", "Leren zwemmen", "-t", "life", "--private"],
    );
    assert!(ok(&sb, "anna", &["wishes"]).contains("Leren zwemmen"));
    assert!(!ok(&sb, "bram", &["wishes"]).contains("zwemmen"));
    assert!(!ok(&sb, "bram", &["wishes", "--json"]).contains("zwemmen"));
    let err = refused(&sb, "bram", &["wish", "show", "w1"]);
    assert!(err.contains("no wish w1"), "{err}");
}

#[test]
fn done_keeps_what_was_given_and_says_what_it_brought() {
    let sb = team();
    ok(&sb, "anna", &["wish", "Heftruck", "--cost", "100"]);
    grant(&sb, "anna", "100");
    ok(&sb, "anna", &["fund", "w1", "100"]);
    refused(&sb, "bram", &["wish", "done", "w1"]);
    ok(
        &sb,
        "anna",
        &[
            "wish",
            "done",
            "w1",
            "--reflection",
            "Geslaagd",
            "--brought",
            "work",
        ],
    );
    let w = wish_json(&sb, "anna", "w1");
    assert_eq!(w["state"], "done");
    assert_eq!(w["brought"], "work");
    assert_eq!(w["given_cents"], 10_000);
    let b = budget_json(&sb, "anna");
    assert_eq!(b["spent_cents"], 10_000);
    assert_eq!(b["free_cents"], 0);
    refused(&sb, "anna", &["wish", "withdraw", "w1"]);
}

#[test]
fn a_voucher_redeems_once_and_wrong_codes_are_limited() {
    let sb = team();
    let out = run(
        &sb,
        "boss",
        &[
            "voucher",
            "issue",
            "250",
            "--count",
            "3",
            "--source",
            "O&O-fonds",
        ],
    );
    assert!(out.status.success());
    let codes: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), 3);
    // Only hashes are stored.
    let db = sb.sql();
    let stored: i64 = db
        .query_row(
            "SELECT count(*) FROM voucher WHERE hash = ?1 OR hash = ?2",
            [&codes[0], &codes[0].replace('-', "")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0);
    let typed = codes[0].to_lowercase();
    let got = ok(&sb, "anna", &["voucher", "redeem", &typed]);
    assert!(got.contains("€250"), "{got}");
    let err = refused(&sb, "anna", &["voucher", "redeem", &codes[0]]);
    assert!(err.contains("You already used this voucher"), "{err}");
    let err = refused(&sb, "bram", &["voucher", "redeem", &codes[0]]);
    assert!(
        err.contains("This voucher was used already. 4 tries left."),
        "{err}"
    );
    assert_eq!(budget_json(&sb, "anna")["free_cents"], 25_000);
    assert_eq!(budget_json(&sb, "bram")["free_cents"], 0);

    // Five wrong codes, then even a right one waits.
    for left in [
        "4 tries left",
        "3 tries left",
        "2 tries left",
        "1 try left",
        "No tries left: try again in 15 minutes",
    ] {
        let err = refused(&sb, "cas", &["voucher", "redeem", "2222-2222"]);
        assert!(
            err.contains(&format!("This code is not right. {left}.")),
            "{err}"
        );
    }
    let err = refused(&sb, "cas", &["voucher", "redeem", &codes[1]]);
    assert!(err.contains("Too many wrong codes"), "{err}");
    // Someone else is not held up by cas's tries.
    ok(&sb, "dirk", &["voucher", "redeem", &codes[1]]);
}

#[test]
fn an_expired_voucher_is_refused() {
    let sb = team();
    let out = run(
        &sb,
        "boss",
        &[
            "voucher",
            "issue",
            "10",
            "--source",
            "x",
            "--expires",
            "2099-12-31",
        ],
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_string();
    // Let it expire: the end date moves into the past.
    sb.sql()
        .execute("UPDATE voucher SET expires = '2001-01-01'", [])
        .unwrap();
    let err = refused(&sb, "anna", &["voucher", "redeem", &code]);
    assert!(err.contains("until 1 January 2001"), "{err}");
}

#[test]
fn a_matching_rule_adds_to_colleagues_gifts_up_to_its_cap() {
    let sb = team();
    ok(
        &sb,
        "anna",
        &["wish", "Lassen", "--cost", "500", "--hours", "8"],
    );
    grant_with(&sb, "bram", "200", &["--hours", "4"]);
    grant(&sb, "anna", "200");
    let rule = ok(
        &sb,
        "boss",
        &[
            "budget",
            "match",
            "--source",
            "werkgever",
            "--percent",
            "100",
            "--cap",
            "150",
        ],
    );
    // Said in money, as people think of it: €1 for every €1.
    assert!(rule.contains("adds €1 for every €1 given"), "{rule}");
    let out = ok(&sb, "bram", &["fund", "w1", "100", "--hours", "1"]);
    // One hour is "1 hour".
    assert!(out.contains("€100 and 1 hour "), "{out}");
    assert!(out.contains("added €100"), "{out}");
    // One's own gift is not matched.
    let out = ok(&sb, "anna", &["fund", "w1", "50"]);
    assert!(!out.contains("added"), "{out}");
    // The cap: only €50 of the rule is left.
    let out = ok(&sb, "bram", &["fund", "w1", "100"]);
    assert!(out.contains("added €50"), "{out}");
    let w = wish_json(&sb, "anna", "w1");
    assert_eq!(w["given_cents"], 40_000);
    assert_eq!(w["matched_cents"], 15_000);
    // Withdrawn, the match goes back to the rule too.
    ok(&sb, "anna", &["wish", "withdraw", "w1"]);
    let used: i64 = sb
        .sql()
        .query_row(
            "SELECT -sum(cents) FROM ledger WHERE rule IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(used, 0);
}

/// 32 processes at once, each trying to give €10 ten times from one
/// €1,000 budget to one €5,000 wish: 320 tries for 100 gifts' worth.
/// The budget never goes below zero, exactly 100 gifts get through, and
/// the ledger sums match on both sides.
#[test]
fn thirty_two_processes_funding_one_wish_never_overspend() {
    let sb = team();
    ok(&sb, "anna", &["wish", "Heftruck", "--cost", "5000"]);
    grant(&sb, "bram", "1000");
    let bin = env!("CARGO_BIN_EXE_leertuin");
    let children: Vec<_> = (0..32)
        .map(|_| {
            // Exit code 2 is a refusal (budget spent): counted, not fatal.
            let script = "ok=0; for i in $(seq 1 10); do \"$0\" fund w1 10 >/dev/null 2>>\"$1.err\"; \
                          rc=$?; if [ $rc -eq 0 ]; then ok=$((ok+1)); elif [ $rc -ne 2 ]; then exit 1; fi; done; echo $ok";
            Process::new("sh")
                .args(["-c", script, bin])
                .arg(sb.path().join(format!("p{}", fastrand_id())))
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("HOME", sb.path().join("home"))
                .env("XDG_CONFIG_HOME", sb.path().join("home/.config"))
                .env("LEERTUIN_DB", sb.db())
                .env("LEERTUIN_USER", "bram")
                .env("LEERTUIN_LANG", "en")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut gifts = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a giver failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        gifts += String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse::<i64>()
            .unwrap();
    }
    assert_eq!(gifts, 100, "€1,000 in €10 gifts");
    // Every refusal was the budget's, said in one line.
    for entry in std::fs::read_dir(sb.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "err") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                assert!(line.contains("Not enough budget"), "{line}");
            }
        }
    }
    let b = budget_json(&sb, "bram");
    assert_eq!(b["free_cents"], 0);
    assert_eq!(b["reserved_cents"], 100_000);
    let db = sb.sql();
    let (pot, wish, negative): (i64, i64, i64) = db
        .query_row(
            "SELECT (SELECT sum(cents) FROM ledger WHERE person = 'bram'),
                    (SELECT -sum(cents) FROM ledger WHERE wish = 1),
                    (SELECT count(*) FROM ledger WHERE kind = 'contribution' AND cents >= 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((pot, wish, negative), (0, 100_000, 0));
    assert_eq!(wish_json(&sb, "anna", "w1")["given_cents"], 100_000);
}

/// A distinct name per giver's error file.
fn fastrand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn a_restore_keeps_the_ledger_and_refuses_one_that_makes_money() {
    let sb = team();
    ok(&sb, "anna", &["wish", "Lassen", "--cost", "100"]);
    grant(&sb, "bram", "80");
    ok(&sb, "bram", &["fund", "w1", "80"]);
    let export = ok(&sb, "bram", &["export"]);
    let copy = sb.path().join("copy.db");
    let restore = |text: &str| {
        let file = sb.path().join("backup.json");
        std::fs::write(&file, text).unwrap();
        sb.cmd_as("bram")
            .env("LEERTUIN_DB", &copy)
            .arg("import")
            .arg(&file)
            .output()
            .unwrap()
    };
    // A hand-edited grant of €0.80 instead of €80: bram's gift of €80
    // would then come from nowhere.
    let mut doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    doc["budgets"]["ledger"][0]["cents"] = 80.into();
    let out = restore(&doc.to_string());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("below zero"));
    assert!(!copy.exists(), "a refused restore leaves no file");
    let out = restore(&export);
    assert!(out.status.success(), "{out:?}");
    let copied = sb
        .cmd_as("anna")
        .env("LEERTUIN_DB", &copy)
        .args(["wish", "show", "w1", "--json"])
        .output()
        .unwrap();
    let w: serde_json::Value = serde_json::from_slice(&copied.stdout).unwrap();
    assert_eq!(w["given_cents"], 8_000);
}

/// The facts a nudge needs: money that lapses within 60 days, and one's
/// own wish that is 80 % funded or more but not yet funded.
#[test]
fn budget_facts_name_money_that_lapses_and_a_wish_nearly_funded() {
    use leertuin::store::{SqliteStore, Store};
    let sb = team();
    ok(&sb, "anna", &["wish", "Lassen", "--cost", "100"]);
    ok(&sb, "anna", &["wish", "Excel", "--cost", "100"]);
    let soon = (leertuin::domain::now().date_naive() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    grant_with(&sb, "anna", "100", &["--expires", &soon]);
    grant(&sb, "bram", "100");
    ok(&sb, "bram", &["fund", "w1", "79"]);
    ok(&sb, "bram", &["fund", "w2", "21"]);
    let store = SqliteStore::open(&sb.db()).unwrap();
    let today = leertuin::domain::now().date_naive();
    let facts = store
        .wish_store()
        .unwrap()
        .budget_facts("anna", today)
        .unwrap();
    assert_eq!(facts.lapsing_cents, 10_000);
    assert_eq!(
        facts.lapsing_on.unwrap().format("%Y-%m-%d").to_string(),
        soon
    );
    assert_eq!(facts.nearly_funded, None, "79 % is not yet nearly there");
    ok(&sb, "anna", &["fund", "w1", "1"]);
    let facts = store
        .wish_store()
        .unwrap()
        .budget_facts("anna", today)
        .unwrap();
    let (id, text, percent) = facts.nearly_funded.unwrap();
    assert_eq!(
        (id.to_string(), text.as_str(), percent),
        ("w1".into(), "Lassen", 80)
    );
    assert_eq!(facts.lapsing_cents, 9_900);
    // Bram has nothing that lapses and no wish.
    let bram = store
        .wish_store()
        .unwrap()
        .budget_facts("bram", today)
        .unwrap();
    assert_eq!(bram, Default::default());
}

#[test]
fn a_wish_shows_what_each_giver_gave_and_one_hour_is_one_hour() {
    let sb = team();
    for who in ["anna", "bram"] {
        grant_with(&sb, who, "100", &["--hours", "4"]);
    }
    ok(
        &sb,
        "anna",
        &["wish", "Lassen", "--cost", "150", "--hours", "1"],
    );
    ok(&sb, "bram", &["fund", "w1", "60", "--hours", "0,5"]);
    ok(&sb, "anna", &["fund", "w1", "€ 25,50"]);
    let show = ok(&sb, "anna", &["wish", "show", "w1"]);
    assert!(
        show.contains("Given by: bram €60 and 0.5 hours, anna €25.50"),
        "{show}"
    );
    assert!(show.contains("0.5 of 1 hour ·"), "{show}");
    assert!(!show.contains("1 hours"), "{show}");
    let w = wish_json(&sb, "anna", "w1");
    assert_eq!(w["given_by"][0]["person"], "bram");
    assert_eq!(w["given_by"][0]["cents"], 6_000);
    assert_eq!(w["given_by"][1]["minutes"], 0);
}

#[test]
fn a_negative_or_doubly_marked_amount_is_one_clear_line() {
    let sb = team();
    grant(&sb, "bram", "100");
    ok(
        &sb,
        "anna",
        &["wish", "Lassen", "--cost", "150", "--hours", "2"],
    );
    let err = refused(&sb, "bram", &["fund", "w1", "-50"]);
    assert!(err.contains("-50: an amount is more than zero"), "{err}");
    let err = refused(&sb, "bram", &["fund", "w1", "--hours", "-2"]);
    assert!(err.contains("-2: an amount is more than zero"), "{err}");
    let err = refused(&sb, "bram", &["fund", "w1", "€5$"]);
    assert!(err.contains("bad amount \"€5$\""), "{err}");
    let err = refused(&sb, "anna", &["wish", "Zwemmen", "--cost", "-5"]);
    assert!(err.contains("-5: an amount is more than zero"), "{err}");
    assert_eq!(budget_json(&sb, "bram")["free_cents"], 10_000);
}

#[test]
fn a_merge_says_it_leaves_wishes_and_budgets_out() {
    let sb = team();
    grant(&sb, "bram", "100");
    ok(&sb, "anna", &["wish", "Lassen", "--cost", "50"]);
    let backup = ok(&sb, "anna", &["export"]);
    let other = team();
    ok(&other, "anna", &["add", "tip", "here first"]);
    let file = other.path().join("backup.json");
    std::fs::write(&file, backup).unwrap();
    let out = run(
        &other,
        "anna",
        &["import", "--merge", file.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("wishes and budgets are not merged (wishes: 1, ledger lines: 1)"),
        "{err}"
    );
    assert_eq!(budget_json(&other, "bram")["free_cents"], 0);
    assert!(ok(&other, "anna", &["wishes"]).contains("no wishes yet"));
}
