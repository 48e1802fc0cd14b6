//! `leertuin voucher redeem` as workers handed a voucher met it (issue 16,
//! the last polish): one's own code typed again, someone else's used
//! code, how many tries are left, and two codes at once — in Dutch, one
//! line on stderr, exit code 2.

mod common;

use common::Sandbox;
use common::wishes::{ADMIN, ok_in, refused_in, run, run_in, team};

/// Two vouchers of €25 the admin issued: their codes.
fn two_codes(sb: &Sandbox) -> Vec<String> {
    let out = run(
        sb,
        ADMIN,
        &["voucher", "issue", "25", "--count", "2", "--source", "x"],
    );
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn redeem(sb: &Sandbox, user: &str, code: &str) -> String {
    refused_in(sb, user, "nl", &["voucher", "redeem", code])
}

#[test]
fn a_code_redeemed_twice_says_who_used_it_and_what_is_left() {
    let sb = team();
    let codes = two_codes(&sb);
    ok_in(&sb, "anna", "nl", &["voucher", "redeem", &codes[0]]);
    // Did it work? Anna tries again, six times: hers, and never a try.
    for _ in 0..6 {
        assert_eq!(
            redeem(&sb, "anna", &codes[0]),
            "leertuin: Je hebt deze voucher al gebruikt. Hij staat in je budget.\n"
        );
    }
    assert_eq!(
        redeem(&sb, "anna", "2222-2222"),
        "leertuin: Deze code klopt niet. Nog 4 pogingen.\n"
    );
    // Bram holds anna's used code: used, and a try of his.
    assert_eq!(
        redeem(&sb, "bram", &codes[0]),
        "leertuin: Deze voucher is al gebruikt. Nog 4 pogingen.\n"
    );
    for left in ["Nog 3 pogingen.", "Nog 2 pogingen.", "Nog 1 poging."] {
        let err = redeem(&sb, "bram", "2222-2222");
        assert_eq!(err, format!("leertuin: Deze code klopt niet. {left}\n"));
    }
    assert_eq!(
        redeem(&sb, "bram", "2222-2222"),
        "leertuin: Deze code klopt niet. \
         Geen pogingen meer: probeer het over 15 minuten opnieuw.\n"
    );
    // Now even his good code waits.
    let err = redeem(&sb, "bram", &codes[1]);
    assert!(err.contains("probeer het over 15 minuten opnieuw"), "{err}");
}

#[test]
fn two_codes_at_once_are_one_refusal_and_no_try() {
    let sb = team();
    let codes = two_codes(&sb);
    let pasted = format!("{}\n{}\n", codes[0], codes[1]);
    for _ in 0..6 {
        assert_eq!(
            redeem(&sb, "anna", &pasted),
            "leertuin: Dit zijn 2 codes. Typ één code tegelijk; dit telt niet als poging.\n"
        );
    }
    let err = redeem(&sb, "anna", "K7QF");
    assert!(
        err.starts_with("leertuin: Dat is geen vouchercode"),
        "{err}"
    );
    // None of those counted: the first wrong code is the first of five.
    assert_eq!(
        redeem(&sb, "anna", "2222-2222"),
        "leertuin: Deze code klopt niet. Nog 4 pogingen.\n"
    );
    // One code with its line break (a paste) is that code.
    let one = format!("{}\n", codes[1].to_lowercase());
    let got = ok_in(&sb, "anna", "nl", &["voucher", "redeem", &one]);
    assert!(got.contains("€ 25"), "{got}");
}

#[test]
fn two_people_redeeming_one_code_at_once_get_redeemed_and_used() {
    let sb = team();
    let code = two_codes(&sb).remove(0);
    // Two processes at once, one per thread.
    let mut answers: Vec<(Option<i32>, String)> = std::thread::scope(|scope| {
        let runs: Vec<_> = ["anna", "bram"]
            .map(|user| {
                let (sb, code) = (&sb, &code);
                scope.spawn(move || run_in(sb, user, "nl", &["voucher", "redeem", code]))
            })
            .into_iter()
            .collect();
        runs.into_iter()
            .map(|r| {
                let out = r.join().expect("a run");
                (out.status.code(), String::from_utf8(out.stderr).unwrap())
            })
            .collect()
    });
    answers.sort();
    assert_eq!(
        answers,
        vec![
            (Some(0), String::new()),
            (
                Some(2),
                "leertuin: Deze voucher is al gebruikt. Nog 4 pogingen.\n".to_string()
            ),
        ]
    );
}

#[test]
fn an_unreadable_end_date_never_ends_as_on_the_server() {
    let sb = team();
    let codes = two_codes(&sb);
    let db = rusqlite::Connection::open(sb.db()).unwrap();
    db.execute("UPDATE voucher SET expires = '2020-13-01'", [])
        .unwrap();
    let got = ok_in(&sb, "anna", "nl", &["voucher", "redeem", &codes[0]]);
    assert!(got.contains("€ 25"), "{got}");
    let ends: Option<String> = db
        .query_row(
            "SELECT expires FROM ledger WHERE kind = 'redemption'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ends, None);
}
