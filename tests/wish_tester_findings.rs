//! A tester's findings on wishes and budgets (issue 16), through the real
//! binary: one state word everywhere, amounts as people type them.

mod common;

use common::Sandbox;
use common::wishes::{grant_with, ok_in as ok, refused_in as refused, run_in as run, team};

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
    grant_with(&sb, "bram", "500", &["--hours", "16"]);
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

#[test]
fn a_non_admin_hears_first_that_only_an_admin_may_whatever_else_is_missing() {
    let sb = team();
    for args in [
        &["voucher", "issue", "250", "--count", "3"][..],
        &["budget", "grant", "anna", "500"],
        &["budget", "match", "--percent", "100"],
    ] {
        let err = refused(&sb, "anna", "en", args);
        assert!(err.contains("only an admin"), "{args:?}: {err}");
        let err = refused(&sb, "anna", "nl", args);
        assert!(err.contains("alleen een beheerder"), "{args:?}: {err}");
    }
    assert!(!sb.db().exists(), "a refusal makes no database");
    // The admin is told what is missing, in the same one line clap says.
    let err = refused(
        &sb,
        "boss",
        "en",
        &["voucher", "issue", "250", "--count", "3"],
    );
    assert!(err.contains("missing: --source <NAME>"), "{err}");
    let err = refused(&sb, "boss", "nl", &["budget", "match", "--source", "x"]);
    assert!(err.contains("dit ontbreekt: --cap <AMOUNT>"), "{err}");
    assert!(!sb.db().exists(), "nor does an admin's typo");
}

/// A day in `n` days from today, as typed (`2027-03-31`) and as a Dutch
/// sentence says it (`31 maart 2027`).
fn day_in(n: i64) -> (String, String) {
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(n);
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    use chrono::Datelike;
    let words = format!(
        "{} {} {}",
        day.day(),
        months[day.month0() as usize],
        day.year()
    );
    (day.format("%Y-%m-%d").to_string(), words)
}

#[test]
fn end_dates_in_sentences_are_words_in_the_persons_language() {
    let sb = team();
    let (typed, words) = day_in(30);
    grant_with(&sb, "bram", "200", &["--expires", &typed]);
    let budget = ok(&sb, "bram", "nl", &["budget"]);
    assert!(budget.contains(&format!("vervalt na {words}")), "{budget}");
    assert!(!budget.contains(&typed), "{budget}");
    let budget = ok(&sb, "bram", "en", &["budget"]);
    assert!(!budget.contains(&typed), "{budget}");
}

#[test]
fn team_on_the_command_line_shows_the_wishes_by_topic_as_the_pane_does() {
    let sb = a_wish_and_a_giver();
    ok(
        &sb,
        "anna",
        "en",
        &["wish", "Heftruck", "-t", "heftruck", "--cost", "100"],
    );
    ok(
        &sb,
        "cas",
        "en",
        &["wish", "Geheim", "-t", "geheim", "--private"],
    );
    ok(&sb, "bram", "en", &["fund", "w2", "40"]);
    ok(&sb, "bram", "en", &["fund", "w1", "--hours", "2"]);
    let team = ok(&sb, "bram", "nl", &["team"]);
    assert!(team.contains("Wensen per onderwerp"), "{team}");
    let line = team.lines().find(|l| l.contains("#heftruck")).expect(&team);
    assert!(line.ends_with("1 open · € 40"), "{team}");
    let line = team
        .lines()
        .find(|l| l.contains("Zonder onderwerp"))
        .expect(&team);
    assert!(line.ends_with("1 open · 2 uur"), "{team}");
    assert!(team.contains("Samen gegeven: € 40 en 2 uur"), "{team}");
    assert!(!team.contains("geheim"), "{team}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&sb, "bram", "en", &["team", "--json"])).unwrap();
    let wishes = &json["wishes"];
    assert_eq!(wishes["given_cents"], 4_000, "{json}");
    assert_eq!(wishes["given_minutes"], 120, "{json}");
    let topics = wishes["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 2, "{json}");
    assert!(
        topics
            .iter()
            .any(|t| t["topic"] == "heftruck" && t["open"] == 1)
    );
    // The rest of `team --json` is where it was.
    assert!(
        json["tags"].is_array() && json["names"].is_object(),
        "{json}"
    );
}

// What a worker handed a voucher found (issue 16, third round).

#[test]
fn a_grant_to_a_handle_nobody_has_is_refused_with_the_close_ones_unless_new() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "henk", "en", &["wish", "Lassen"]);
    let before = ok(&sb, "boss", "en", &["export"]);
    let args = ["budget", "grant", "hnek", "500", "--source", "werkgever"];
    let err = refused(&sb, "boss", "en", &args);
    assert!(err.contains("no person hnek here"), "{err}");
    assert!(err.contains("did you mean henk?"), "{err}");
    assert!(err.contains("--new"), "{err}");
    let err = refused(&sb, "boss", "nl", &args);
    assert!(err.contains("bedoel je henk?"), "{err}");
    // Nothing was written: no ledger line, no person.
    let after = ok(&sb, "boss", "en", &["export"]);
    assert!(!after.contains("hnek"));
    assert_eq!(before, after);
    // Far from every handle: no guess, still the way to add one.
    let err = refused(
        &sb,
        "boss",
        "en",
        &["budget", "grant", "zoltan", "5", "--source", "x"],
    );
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("--new"), "{err}");
    // --new says it is a new colleague: then it is made.
    let mut new = args.to_vec();
    new.push("--new");
    ok(&sb, "boss", "en", &new);
    let hnek = ok(&sb, "hnek", "en", &["budget", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&hnek).unwrap();
    assert_eq!(json["free_cents"], 50_000, "{hnek}");
}

#[test]
fn grant_and_withdraw_name_people_by_their_display_name() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "bram", "en", &["me", "--name", "Bram Jansen"]);
    let said = ok(
        &sb,
        "boss",
        "nl",
        &["budget", "grant", "bram", "20", "--source", "werkgever"],
    );
    assert_eq!(said.trim(), "Bram Jansen kreeg € 20 uit werkgever.");
    ok(&sb, "bram", "en", &["fund", "w1", "100"]);
    let said = ok(&sb, "anna", "nl", &["wish", "withdraw", "w1"]);
    assert!(
        said.contains("€ 100 terug naar Bram Jansen (werkgever)"),
        "{said}"
    );
    assert!(!said.contains("naar bram "), "{said}");
}

#[test]
fn hours_typed_as_the_amount_are_told_to_go_with_hours() {
    let sb = a_wish_and_a_giver();
    let err = refused(&sb, "bram", "en", &["fund", "w1", "2u"]);
    assert!(err.contains("--hours 2"), "{err}");
    assert!(err.contains("leertuin fund w1 --hours 2"), "{err}");
    let err = refused(&sb, "bram", "nl", &["fund", "w1", "1,5 uur"]);
    assert!(err.contains("--hours 1,5"), "{err}");
    // Still money where money was meant.
    let err = refused(&sb, "bram", "en", &["fund", "w1", "abc"]);
    assert!(err.contains("bad amount"), "{err}");
}

#[test]
fn hours_given_with_none_free_are_refused_in_hours_not_euros() {
    let sb = a_wish_and_a_giver();
    grant_with(&sb, "cas", "100", &[]);
    let err = refused(&sb, "cas", "en", &["fund", "w1", "--hours", "2"]);
    assert!(err.contains("you have 0 hours free"), "{err}");
    assert!(!err.contains('€'), "{err}");
    let err = refused(&sb, "cas", "nl", &["fund", "w1", "--hours", "2"]);
    assert!(err.contains("je hebt nog 0 uur vrij"), "{err}");
    // Money short still speaks of money.
    let err = refused(&sb, "cas", "en", &["fund", "w1", "200"]);
    assert!(err.contains("you have €100 free"), "{err}");
}

#[test]
fn with_every_wish_withdrawn_the_list_says_none_is_open_not_none_yet() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "anna", "en", &["wish", "withdraw", "w1"]);
    // Bram made no wish himself, and still: there were wishes.
    let said = ok(&sb, "bram", "en", &["wishes"]);
    assert!(said.contains("no open wishes"), "{said}");
    assert!(!said.contains("no wishes yet"), "{said}");
    let said = ok(&sb, "bram", "nl", &["wishes"]);
    assert!(
        said.contains("alle wensen zijn klaar of ingetrokken"),
        "{said}"
    );
}

#[test]
fn what_a_wish_brought_is_said_in_the_persons_language() {
    let sb = a_wish_and_a_giver();
    ok(&sb, "bram", "en", &["fund", "w1", "350", "--hours", "8"]);
    ok(
        &sb,
        "anna",
        "en",
        &[
            "wish",
            "done",
            "w1",
            "--reflection",
            "Geslaagd!",
            "--brought",
            "work",
        ],
    );
    let show = ok(&sb, "anna", "nl", &["wish", "show", "w1"]);
    assert!(show.contains("Het leverde op: werk"), "{show}");
    let show = ok(&sb, "anna", "en", &["wish", "show", "w1"]);
    assert!(show.contains("It brought: work"), "{show}");
    let insights = ok(&sb, "anna", "nl", &["insights"]);
    let after = insights
        .split("Wensen gedaan met budget:")
        .nth(1)
        .unwrap_or_else(|| panic!("no budget heading:\n{insights}"));
    assert!(after.contains("leverde werk op: 1"), "{insights}");
    assert!(!insights.contains(" work"), "{insights}");
}
