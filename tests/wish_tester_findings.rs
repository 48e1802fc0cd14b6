//! A tester's findings on wishes and budgets (issue 16), through the real
//! binary: one state word everywhere, amounts as people type them.

mod common;

use common::Sandbox;

/// A sandbox whose system config names `boss` as the only admin.
fn team() -> Sandbox {
    let sb = Sandbox::new();
    std::fs::write(sb.path().join("system.toml"), "admins = [\"boss\"]\n").unwrap();
    sb
}

fn run(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> std::process::Output {
    sb.cmd_as(user)
        .env("LEERTUIN_SYSTEM_CONFIG", sb.path().join("system.toml"))
        .env("LEERTUIN_LANG", lang)
        .args(args)
        .output()
        .expect("run leertuin")
}

fn ok(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> String {
    let out = run(sb, user, lang, args);
    assert!(
        out.status.success(),
        "leertuin {args:?} as {user}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Exit code 2 and one line on stderr; returns that line.
fn refused(sb: &Sandbox, user: &str, lang: &str, args: &[&str]) -> String {
    let out = run(sb, user, lang, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "leertuin {args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err:?}");
    err
}

/// Anna wishes for a forklift certificate (€ 350, 8 hours); Bram has
/// € 500 and 16 hours from werkgever.
fn a_wish_and_a_giver() -> Sandbox {
    let sb = team();
    let cost = [
        "wish",
        "Heftruckcertificaat",
        "--cost",
        "350",
        "--hours",
        "8",
    ];
    ok(&sb, "anna", "en", &cost);
    let grant = [
        "budget",
        "grant",
        "bram",
        "500",
        "--hours",
        "16",
        "--source",
        "werkgever",
    ];
    ok(&sb, "boss", "en", &grant);
    sb
}

#[test]
fn budget_calls_a_fully_funded_wish_funded_like_wish_show() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "bram", "en", &["fund", "w1", "350", "--hours", "8"]);
    let show = ok(&sb, "bram", "nl", &["wish", "show", "w1"]);
    assert!(show.contains("rond"), "{show}");
    let budget = ok(&sb, "bram", "nl", &["budget"]);
    let line = budget.lines().find(|l| l.contains("w1")).unwrap();
    assert!(line.ends_with("· rond"), "{budget}");
    let budget = ok(&sb, "bram", "en", &["budget", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&budget).unwrap();
    assert_eq!(json["gifts"][0]["state"], "funded");
    // Still reserved: a funded wish is open until it is done.
    assert_eq!(json["reserved_cents"], 35_000);
}

#[test]
fn amounts_in_euro_words_zero_and_too_large_get_their_own_answer() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "bram", "en", &["fund", "w1", "80 euro"]);
    ok(&sb, "bram", "en", &["fund", "w1", "20 EUR"]);
    let err = refused(&sb, "bram", "nl", &["fund", "w1", "0"]);
    assert!(err.contains("0: een bedrag is meer dan nul"), "{err}");
    let err = refused(&sb, "bram", "nl", &["fund", "w1", "99999999999999"]);
    assert!(err.contains("99999999999999: te groot"), "{err}");
    let err = refused(&sb, "bram", "en", &["fund", "w1", "--hours", "0"]);
    assert!(err.contains("0: an amount is more than zero"), "{err}");
    let budget = ok(&sb, "bram", "en", &["budget", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&budget).unwrap();
    assert_eq!(json["free_cents"], 40_000);
}

#[test]
fn wish_show_and_budget_name_people_by_their_display_name() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "bram", "en", &["me", "--name", "Bram Jansen"]);
    ok(&sb, "anna", "en", &["me", "--name", "Anna de Vries"]);
    ok(&sb, "bram", "en", &["fund", "w1", "12,50"]);
    let show = ok(&sb, "anna", "nl", &["wish", "show", "w1"]);
    assert!(show.contains("(Anna de Vries)"), "{show}");
    assert!(show.contains("Gegeven door: Bram Jansen € 12,50"), "{show}");
    let budget = ok(&sb, "bram", "nl", &["budget"]);
    assert!(budget.contains("Leerbudget van Bram Jansen"), "{budget}");
    assert!(budget.contains("(Anna de Vries)"), "{budget}");
}

#[test]
fn one_voucher_is_one_voucher() {
    let sb = team();
    let out = run(
        &sb,
        "boss",
        "en",
        &["voucher", "issue", "10", "--source", "werkgever"],
    );
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.starts_with("1 voucher of €10"), "{said}");
}
