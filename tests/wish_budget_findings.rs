//! A voucher tester's findings on wishes and budgets through the real
//! binary (issue 16, sixth round): whose money `budget log` shows, a
//! gift's note reaching the wish's owner.

mod common;

use common::Sandbox;
use common::wishes::{ADMIN, grant_with, ok_in as ok, team};

/// Henk wishes for a forklift certificate (€ 300); Anna has € 500 and
/// Henk € 100 from werkgever, whose gifts to a colleague a rule doubles.
/// Anna gives € 100 with a note (the rule adds € 100), Henk € 20.
fn henks_wish() -> Sandbox {
    let sb = team();
    grant_with(&sb, "anna", "500", &[]);
    grant_with(&sb, "henk", "100", &[]);
    ok(&sb, "henk", "en", &["wish", "Heftruck", "--cost", "300"]);
    let rule = [
        "budget",
        "match",
        "--source",
        "werkgever",
        "--percent",
        "100",
        "--cap",
        "2000",
    ];
    ok(&sb, ADMIN, "en", &rule);
    ok(
        &sb,
        "anna",
        "en",
        &["fund", "w1", "100", "--note", "Succes Henk!"],
    );
    ok(&sb, "henk", "en", &["fund", "w1", "20"]);
    sb
}

#[test]
fn budget_log_keeps_what_others_gave_to_ones_wishes_apart_from_ones_own_money() {
    let sb = henks_wish();
    ok(&sb, "henk", "en", &["wish", "withdraw", "w1"]);
    let log = ok(&sb, "henk", "nl", &["budget", "log"]);
    let (own, others) = log
        .split_once("Gegeven aan je wensen (niet jouw budget):")
        .unwrap_or_else(|| panic!("no heading: {log}"));
    // Henk's own pot: his grant, his € 20 and its way back.
    assert_eq!(own.trim().lines().count(), 3, "{log}");
    assert!(!own.contains("anna") && !own.contains("-€ 100"), "{log}");
    assert!(own.contains("-€ 20"), "{log}");
    assert!(own.contains("+€ 20"), "{log}");
    for said in [
        "w1  anna gaf € 100  \"Succes Henk!\"",
        "w1  de verdubbel-regel deed er € 100 bij",
        "w1  € 100 ging terug naar anna",
        "w1  € 100 ging terug naar de verdubbel-regel",
    ] {
        assert!(others.contains(said), "{said:?} in {log}");
    }
    let log = ok(&sb, "henk", "en", &["budget", "log"]);
    assert!(
        log.contains("Given to your wishes (not your budget):"),
        "{log}"
    );
    assert!(
        log.contains("w1  €100 went back to the matching rule"),
        "{log}"
    );
    // JSON keeps every entry with every field, whose pot it is too.
    let json = ok(&sb, "henk", "en", &["budget", "log", "--json"]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(entries.len(), 7, "{json}");
    assert!(
        entries
            .iter()
            .any(|e| e["person"] == "anna" && e["cents"] == -10_000)
    );
}

#[test]
fn a_gifts_note_reaches_the_wishs_owner_on_wish_show_and_in_its_json() {
    let sb = henks_wish();
    let show = ok(&sb, "henk", "nl", &["wish", "show", "w1"]);
    assert!(show.contains("  anna: \"Succes Henk!\""), "{show}");
    let json = ok(&sb, "henk", "en", &["wish", "show", "w1", "--json"]);
    let w: serde_json::Value = serde_json::from_str(&json).unwrap();
    let anna = w["given_by"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["person"] == "anna")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(anna["note"], "Succes Henk!");
    // The giver sees her own note; a third colleague sees none.
    let show = ok(&sb, "anna", "en", &["wish", "show", "w1"]);
    assert!(show.contains("Succes Henk!"), "{show}");
    grant_with(&sb, "bram", "10", &[]);
    let show = ok(&sb, "bram", "en", &["wish", "show", "w1"]);
    assert!(!show.contains("Succes"), "{show}");
    let json = ok(&sb, "bram", "en", &["wish", "show", "w1", "--json"]);
    assert!(!json.contains("Succes"), "{json}");
    // A gift given back takes its note with it.
    ok(&sb, "henk", "en", &["wish", "withdraw", "w1"]);
    let json = ok(&sb, "henk", "en", &["wish", "show", "w1", "--json"]);
    assert!(!json.contains("Succes"), "{json}");
}

#[test]
fn a_gift_over_both_limits_names_the_smaller_one() {
    let sb = henks_wish();
    // Henk's wish needs € 80 more; bram has € 50 free: his free budget.
    grant_with(&sb, "bram", "50", &[]);
    let err = common::wishes::refused_in(&sb, "bram", "en", &["fund", "w1", "500"]);
    assert!(err.contains("€50"), "{err}");
    assert!(!err.contains("€80"), "{err}");
    // Anna has € 400 free, more than the € 80 the wish needs: the wish.
    let err = common::wishes::refused_in(&sb, "anna", "en", &["fund", "w1", "500"]);
    assert!(err.contains("€80"), "{err}");
}

#[test]
fn voucher_and_budget_messages_start_with_a_capital() {
    let sb = henks_wish();
    for (lang, said) in [
        ("en", "leertuin: This code is not right. 4 tries left."),
        ("nl", "leertuin: Deze code klopt niet. Nog 3 pogingen."),
    ] {
        let err =
            common::wishes::refused_in(&sb, "bram", lang, &["voucher", "redeem", "K7QF-M2XD"]);
        assert!(err.starts_with(said), "{err}");
    }
    grant_with(&sb, "bram", "5", &[]);
    let err = common::wishes::refused_in(&sb, "bram", "nl", &["fund", "w1", "10"]);
    assert!(err.starts_with("leertuin: Niet genoeg budget"), "{err}");
}

#[test]
fn a_gift_to_a_done_wish_says_it_takes_no_more() {
    let sb = henks_wish();
    ok(&sb, "henk", "en", &["wish", "done", "w1"]);
    let err = common::wishes::refused_in(&sb, "anna", "en", &["fund", "w1", "10"]);
    assert!(err.contains("w1 is done: it takes no more gifts"), "{err}");
}

#[test]
fn a_thousands_dot_or_comma_is_read_in_either_language_and_no_amount_reads_two_ways() {
    let sb = team();
    grant_with(&sb, "anna", "5000", &[]);
    ok(
        &sb,
        "henk",
        "en",
        &["wish", "Rijbewijs C", "--cost", "3.001"],
    );
    // Marks that could mean two amounts are refused, in one line.
    let err = common::wishes::refused_in(&sb, "anna", "nl", &["fund", "w1", "1.000.50"]);
    assert!(err.contains("erkeerd bedrag \"1.000.50\""), "{err}");
    // As Dutch writes it, in Dutch and in English.
    ok(&sb, "anna", "nl", &["fund", "w1", "€ 1.000"]);
    ok(&sb, "anna", "en", &["fund", "w1", "1.000,50"]);
    ok(&sb, "anna", "en", &["fund", "w1", "€1,000.50"]);
    let show = ok(&sb, "henk", "nl", &["wish", "show", "w1", "--json"]);
    let w: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(w["cost_cents"], 300_100);
    assert_eq!(w["given_cents"], 300_100);
}
