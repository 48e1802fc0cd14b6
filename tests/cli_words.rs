//! The budget commands as a worker handed a voucher met them (issue 16):
//! `budget log` names people as `budget` does, and `budget --user` with a
//! handle nobody has is refused instead of shown as an empty budget.

mod common;

use common::wishes::{grant_with, ok_in as ok, refused_in as refused, run_in as run, team};

/// Bram Jansen has € 500 from werkgever, granted by the admin `boss`
/// (Baas de Boss), and gave € 50 to Anna's wish.
fn bram_gave() -> common::Sandbox {
    let sb = team();
    ok(
        &sb,
        "anna",
        "en",
        &["wish", "Heftruckcertificaat", "--cost", "350"],
    );
    ok(&sb, "anna", "en", &["me", "--name", "Anna de Vries"]);
    ok(&sb, "boss", "en", &["me", "--name", "Baas de Boss"]);
    grant_with(&sb, "bram", "500", &[]);
    ok(&sb, "bram", "en", &["me", "--name", "Bram Jansen"]);
    ok(&sb, "bram", "en", &["fund", "w1", "50"]);
    sb
}

#[test]
fn budget_log_names_people_by_their_display_name_and_json_keeps_handles() {
    let sb = bram_gave();
    let log = ok(&sb, "bram", "nl", &["budget", "log"]);
    assert!(log.contains("door Baas de Boss"), "{log}");
    assert!(log.contains("door Bram Jansen"), "{log}");
    assert!(
        !log.contains("door boss") && !log.contains("door bram"),
        "{log}"
    );
    let json = ok(&sb, "bram", "en", &["budget", "log", "--json"]);
    let entries: serde_json::Value = serde_json::from_str(&json).unwrap();
    let by: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["by"].as_str())
        .collect();
    assert!(by.contains(&"boss") && by.contains(&"bram"), "{json}");
}

#[test]
fn budget_for_a_handle_nobody_has_is_refused_with_the_close_ones() {
    let sb = bram_gave();
    // `--user` typed for this command, beside the person's own identity.
    let as_user = |user: &str, lang: &str, args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--user", user]);
        refused(&sb, "bram", lang, &all)
    };
    let err = as_user("bramm", "en", &["budget"]);
    assert!(err.contains("no person bramm here"), "{err}");
    assert!(err.contains("did you mean bram?"), "{err}");
    let err = as_user("bramm", "nl", &["budget"]);
    assert!(err.contains("bedoel je bram?"), "{err}");
    // Far from everyone: no guess. The log and JSON refuse it too.
    let err = as_user("NOBODY", "en", &["budget", "--json"]);
    assert!(err.contains("no person NOBODY here"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    as_user("zoltan", "en", &["budget", "log"]);
    // Nothing was made for the typo.
    let export = ok(&sb, "boss", "en", &["export"]);
    assert!(!export.contains("bramm") && !export.contains("zoltan"));
    // A person known here with no budget yet still sees that, as before,
    // and so does one who never used leertuin, as themselves.
    let anna = ok(&sb, "bram", "en", &["budget", "--user", "anna"]);
    assert!(anna.contains("no budget yet"), "{anna}");
    let new = ok(&sb, "cas", "en", &["budget"]);
    assert!(new.contains("no budget yet"), "{new}");
    // A known person's budget, asked for by handle, is shown.
    let bram = ok(&sb, "anna", "en", &["budget", "--user", "bram"]);
    assert!(bram.contains("Bram Jansen"), "{bram}");
    let out = run(&sb, "bram", "en", &["budget"]);
    assert!(out.status.success());
}
