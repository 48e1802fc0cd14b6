//! Wishes, budgets and vouchers on both backends, through the `Wishes`
//! contract: the same gifts, refunds, vouchers and matches give the same
//! sums on a file and on the team server. Grants, vouchers and rules come
//! from the admin's store (the superuser on the server).

use chrono::NaiveDate;
use leertuin::domain::ledger::EntryKind;
use leertuin::domain::voucher;
use leertuin::domain::wish::{
    Finish, NewWish, Tries, WishEdit, WishError, WishId, WishQuery, WishState,
};
use leertuin::domain::{Kind, now};
use leertuin::store::{Fund, Grant, MatchRule, Store, StoreError, VoucherIssue, Wishes};

use crate::{Opened, add_at, new};

contract_opened!(
    a_wish_is_funded_by_colleagues_and_shows_who_gave_what,
    a_withdrawn_wish_gives_every_gift_back_exactly,
    a_gift_beyond_the_budget_or_the_need_is_refused_whole,
    a_private_wish_is_its_owners_alone_on_every_backend,
    a_voucher_redeems_once_and_wrong_codes_are_limited_per_person,
    a_matching_rule_adds_up_to_its_cap,
    an_export_with_budgets_restores_byte_equal,
    a_merge_leaves_budgets_out_and_makes_no_money,
    an_owner_changes_an_open_wish_never_below_what_it_was_given,
);

fn w(s: &dyn Store) -> &dyn Wishes {
    s.wish_store().expect("every backend keeps wishes")
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn grant(admin: &dyn Store, person: &str, cents: i64, minutes: i64) {
    w(admin)
        .grant(&Grant {
            person: person.into(),
            by: "boss".into(),
            source: "werkgever".into(),
            cents,
            minutes,
            ..Grant::default()
        })
        .unwrap();
}

fn wish(s: &dyn Store, owner: &str, text: &str, cost: Option<i64>, minutes: Option<i64>) -> WishId {
    w(s).add_wish(&NewWish {
        owner: owner.into(),
        text: text.into(),
        why: None,
        cost_cents: cost,
        minutes,
        tags: vec!["heftruck".into()],
        private: false,
    })
    .unwrap()
}

fn fund(
    s: &dyn Store,
    person: &str,
    id: WishId,
    cents: i64,
    minutes: i64,
) -> Result<(), StoreError> {
    w(s).fund(&Fund {
        wish: id,
        person: person.into(),
        cents,
        minutes,
        note: Some("Succes!".into()),
        from: None,
    })
    .map(|_| ())
}

fn free(s: &dyn Store, person: &str) -> (i64, i64) {
    let b = w(s).budget(person, today()).unwrap();
    (b.free_cents, b.free_minutes)
}

fn a_wish_is_funded_by_colleagues_and_shows_who_gave_what(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    grant(admin, "bob", 50_000, 600);
    grant(admin, "cas", 20_000, 0);
    let id = wish(
        s,
        "ann",
        "Heftruckcertificaat halen",
        Some(35_000),
        Some(480),
    );
    fund(s, "bob", id, 10_000, 120).unwrap();
    fund(s, "cas", id, 5_000, 0).unwrap();
    fund(s, "bob", id, 2_500, 0).unwrap();
    let got = w(s).wish(id, "cas").unwrap();
    assert_eq!((got.given_cents, got.given_minutes), (17_500, 120));
    assert_eq!(got.givers, ["bob", "cas"]);
    let amounts: Vec<(String, i64, i64)> = got
        .given_by
        .iter()
        .map(|g| (g.person.clone(), g.cents, g.minutes))
        .collect();
    assert_eq!(
        amounts,
        [("bob".into(), 12_500, 120), ("cas".into(), 5_000, 0)]
    );
    assert_eq!(got.state, WishState::Open);
    assert_eq!(free(s, "bob"), (37_500, 480));
    // The rest makes it funded; done keeps what was given.
    fund(s, "cas", id, 15_000, 0).unwrap();
    fund(s, "bob", id, 2_500, 360).unwrap();
    assert_eq!(w(s).wish(id, "ann").unwrap().state, WishState::Funded);
    w(s).finish_wish(
        id,
        "ann",
        &Finish {
            reflection: Some("Geslaagd!".into()),
            brought: None,
        },
    )
    .unwrap();
    let done = w(s).wish(id, "bob").unwrap();
    assert_eq!((done.state, done.given_cents), (WishState::Done, 35_000));
    let b = w(s).budget("bob", today()).unwrap();
    assert_eq!((b.spent_cents, b.reserved_cents), (15_000, 0));
    // The ledger says who, when, why: every contribution is bob's own.
    let log = w(s).entries(Some("bob")).unwrap();
    assert!(
        log.iter()
            .filter(|e| e.kind == EntryKind::Contribution)
            .all(|e| e.by == "bob" && e.note.as_deref() == Some("Succes!"))
    );
}

fn a_withdrawn_wish_gives_every_gift_back_exactly(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    grant(admin, "bob", 10_000, 300);
    grant(admin, "ann", 3_000, 0);
    let id = wish(s, "ann", "Lassen", Some(20_000), Some(480));
    fund(s, "bob", id, 7_000, 120).unwrap();
    fund(s, "ann", id, 2_999, 0).unwrap();
    let refunds = w(s).withdraw_wish(id, "ann").unwrap();
    assert_eq!(refunds.len(), 2);
    assert!(refunds.iter().all(|e| e.kind == EntryKind::Refund));
    assert_eq!(free(s, "bob"), (10_000, 300));
    assert_eq!(free(s, "ann"), (3_000, 0));
    let gone = w(s).wish(id, "ann").unwrap();
    assert_eq!((gone.state, gone.given_cents), (WishState::Withdrawn, 0));
    // Withdrawn is final.
    assert!(matches!(
        w(s).withdraw_wish(id, "ann"),
        Err(StoreError::Wish(WishError::NotOpen { .. }))
    ));
    assert!(matches!(
        fund(s, "bob", id, 1, 0),
        Err(StoreError::Wish(WishError::NotOpen { .. }))
    ));
}

fn a_gift_beyond_the_budget_or_the_need_is_refused_whole(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    grant(admin, "bob", 1_000, 0);
    let id = wish(s, "ann", "Excel", Some(5_000), None);
    assert!(matches!(
        fund(s, "bob", id, 1_001, 0),
        Err(StoreError::Wish(WishError::Short { cents: 1_000, .. }))
    ));
    assert!(matches!(
        fund(s, "bob", id, 0, 60),
        Err(StoreError::Wish(WishError::NoHoursAsked(_)))
    ));
    grant(admin, "bob", 10_000, 0);
    assert!(matches!(
        fund(s, "bob", id, 5_001, 0),
        Err(StoreError::Wish(WishError::TooMuch { cents: 5_000, .. }))
    ));
    assert!(matches!(
        w(s).withdraw_wish(id, "bob"),
        Err(StoreError::Wish(WishError::NotYours(_)))
    ));
    // Nothing moved.
    assert_eq!(free(s, "bob"), (11_000, 0));
    assert_eq!(w(s).wish(id, "ann").unwrap().given_cents, 0);
}

fn a_private_wish_is_its_owners_alone_on_every_backend(o: &Opened) {
    let s = &*o.store;
    let id = w(s)
        .add_wish(&NewWish {
            owner: "ann".into(),
            text: "Leren zwemmen".into(),
            why: Some("Voor mijn kinderen".into()),
            cost_cents: None,
            minutes: Some(600),
            tags: vec!["life".into()],
            private: true,
        })
        .unwrap();
    assert_eq!(w(s).wish(id, "ann").unwrap().text, "Leren zwemmen");
    assert!(matches!(
        w(s).wish(id, "bob"),
        Err(StoreError::Wish(WishError::NotFound(_)))
    ));
    let all = WishQuery {
        limit: 50,
        closed: true,
        ..WishQuery::default()
    };
    assert_eq!(w(s).list_wishes(&all, "ann").unwrap().len(), 1);
    assert!(w(s).list_wishes(&all, "bob").unwrap().is_empty());
    assert!(matches!(
        fund(s, "bob", id, 0, 60),
        Err(StoreError::Wish(WishError::NotFound(_)))
    ));
}

fn issue(admin: &dyn Store, codes: &[&str], cents: i64, expires: Option<NaiveDate>) {
    w(admin)
        .issue_vouchers(&VoucherIssue {
            by: "boss".into(),
            source: "O&O-fonds".into(),
            cents,
            minutes: 0,
            expires,
            hashes: codes
                .iter()
                .map(|c| voucher::hash(&voucher::normalize(c).unwrap()))
                .collect(),
        })
        .unwrap();
}

fn redeem(s: &dyn Store, person: &str, code: &str) -> Result<i64, StoreError> {
    let hash = voucher::hash(&voucher::normalize(code).unwrap());
    w(s).redeem_voucher(person, &hash, today()).map(|e| e.cents)
}

fn refused(r: Result<i64, StoreError>) -> WishError {
    match r {
        Err(StoreError::Wish(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn left(n: i64) -> Tries {
    Tries {
        left: n,
        wait_minutes: 0,
    }
}

fn a_voucher_redeems_once_and_wrong_codes_are_limited_per_person(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    issue(admin, &["K7QF-M2XD", "K7QF-M2XE"], 25_000, None);
    let yesterday = today().pred_opt().unwrap();
    issue(admin, &["AAAA-BBBB"], 100, Some(yesterday));
    assert_eq!(redeem(s, "ann", "k7qf m2xd").unwrap(), 25_000);
    // Ann types her code again (did it work?): it is hers, and no try,
    // however often she asks.
    for _ in 0..6 {
        assert_eq!(
            refused(redeem(s, "ann", "K7QF-M2XD")),
            WishError::VoucherYours
        );
    }
    // Someone else's used code, an expired one and an unknown one each
    // cost a try, and say how many are left.
    assert_eq!(
        refused(redeem(s, "bob", "K7QF-M2XD")),
        WishError::VoucherUsed(left(4))
    );
    assert_eq!(
        refused(redeem(s, "bob", "AAAA-BBBB")),
        WishError::VoucherExpired(yesterday, left(3))
    );
    assert_eq!(
        refused(redeem(s, "bob", "ZZZZ-ZZZZ")),
        WishError::WrongCode(left(2))
    );
    assert_eq!(free(s, "ann"), (25_000, 0));
    for n in (1..5).rev() {
        assert_eq!(
            refused(redeem(s, "cas", "ZZZZ-ZZZZ")),
            WishError::WrongCode(left(n))
        );
    }
    // The fifth says the wait.
    assert_eq!(
        refused(redeem(s, "cas", "ZZZZ-ZZZZ")),
        WishError::WrongCode(Tries {
            left: 0,
            wait_minutes: 15
        })
    );
    // The sixth try waits, even with the right code, and even after the
    // store is opened again (the tries are in the database).
    let again = (o.reopen)().unwrap();
    assert!(matches!(
        redeem(&*again, "cas", "K7QF-M2XE"),
        Err(StoreError::Wish(WishError::TooManyTries { minutes: 15 }))
    ));
    // Per person: bob's tries are his own, and ann's own code cost her none.
    assert_eq!(redeem(&*again, "bob", "K7QF-M2XE").unwrap(), 25_000);
    assert_eq!(
        refused(redeem(&*again, "ann", "ZZZZ-ZZZZ")),
        WishError::WrongCode(left(4))
    );
}

fn a_matching_rule_adds_up_to_its_cap(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    w(admin)
        .set_match(&MatchRule {
            source: "werkgever".into(),
            percent: 100,
            cap_cents: 1_500,
            by: "boss".into(),
        })
        .unwrap();
    grant(admin, "bob", 10_000, 0);
    grant(admin, "ann", 10_000, 0);
    let id = wish(s, "ann", "Heftruck", Some(10_000), None);
    // Her own gift is not matched; bob's is, up to the cap.
    fund(s, "ann", id, 1_000, 0).unwrap();
    fund(s, "bob", id, 1_000, 0).unwrap();
    fund(s, "bob", id, 1_000, 0).unwrap();
    let got = w(s).wish(id, "ann").unwrap();
    assert_eq!((got.given_cents, got.matched_cents), (4_500, 1_500));
    // Withdrawn: the match goes back to the rule, which can give again.
    let refunds = w(s).withdraw_wish(id, "ann").unwrap();
    let back: i64 = refunds
        .iter()
        .filter(|e| e.person.is_none())
        .map(|e| e.cents)
        .sum();
    assert_eq!(back, 1_500);
    let next = wish(s, "ann", "Lassen", Some(10_000), None);
    fund(s, "bob", next, 2_000, 0).unwrap();
    assert_eq!(w(s).wish(next, "ann").unwrap().matched_cents, 1_500);
}

/// A team with wishes and money on a file moves to the store, and comes
/// back out the same, byte for byte.
fn an_export_with_budgets_restores_byte_equal(o: &Opened) {
    let dir = tempfile::tempdir().unwrap();
    let spec = leertuin::store::Spec::File(dir.path().join("src.db"));
    let source = leertuin::store::open(&spec, leertuin::store::Mode::Create).unwrap();
    add_at(&*source, 1_000, &new(Kind::Tip, "ann", "pack light"));
    grant(&*source, "bob", 10_000, 120);
    issue(&*source, &["K7QF-M2XD", "AAAA-BBBB"], 5_000, None);
    redeem(&*source, "ann", "K7QF-M2XD").unwrap();
    let id = wish(&*source, "ann", "Heftruck", Some(12_000), Some(60));
    w(&*source)
        .set_match(&MatchRule {
            source: "werkgever".into(),
            percent: 50,
            cap_cents: 1_000,
            by: "boss".into(),
        })
        .unwrap();
    fund(&*source, "bob", id, 4_000, 60).unwrap();
    fund(&*source, "ann", id, 5_000, 0).unwrap();
    let gone = wish(&*source, "bob", "Zwemmen", Some(100), None);
    fund(&*source, "bob", gone, 100, 0).unwrap();
    w(&*source).withdraw_wish(gone, "bob").unwrap();
    let backup = source.export().unwrap();
    assert_eq!(backup.budgets.wishes.len(), 2);
    let s = &*o.admin;
    s.import(&backup).unwrap();
    let json = |b: &leertuin::domain::Backup| serde_json::to_string_pretty(b).unwrap();
    assert_eq!(json(&s.export().unwrap()), json(&backup));
    // Sums are the same, and new rows number on after the restored ones.
    assert_eq!(free(&*o.store, "bob"), (6_000, 60));
    let next = wish(&*o.store, "cas", "Excel", Some(100), None);
    assert_eq!(next, WishId(3));
    assert!(matches!(
        s.import(&backup),
        Err(StoreError::HasContent { .. })
    ));
}

/// `import --merge` adds items only: money from another database cannot
/// be checked against this one's grants, so budgets stay out.
fn a_merge_leaves_budgets_out_and_makes_no_money(o: &Opened) {
    let dir = tempfile::tempdir().unwrap();
    let spec = leertuin::store::Spec::File(dir.path().join("src.db"));
    let source = leertuin::store::open(&spec, leertuin::store::Mode::Create).unwrap();
    add_at(&*source, 1_000, &new(Kind::Tip, "bob", "from the file"));
    grant(&*source, "bob", 10_000, 0);
    wish(&*source, "bob", "Heftruck", Some(100), None);
    let backup = source.export().unwrap();
    let s = &*o.admin;
    add_at(s, 500, &new(Kind::Tip, "ann", "here first"));
    let report = s.merge(&backup).unwrap();
    assert!(report.rejected.is_empty(), "{report:?}");
    assert_eq!(
        s.list(&crate::all(Some(Kind::Tip)), "ann").unwrap().len(),
        2
    );
    assert_eq!(free(&*o.store, "bob"), (0, 0));
    let all = WishQuery {
        limit: 50,
        closed: true,
        ..WishQuery::default()
    };
    assert!(w(&*o.store).list_wishes(&all, "bob").unwrap().is_empty());
}

/// A tester's finding: `e` on one's own wish opened the profile. The
/// owner changes an open wish's words, why, cost and hours; never to
/// less than colleagues gave, never another's, never a closed one.
fn an_owner_changes_an_open_wish_never_below_what_it_was_given(o: &Opened) {
    let (s, admin) = (&*o.store, &*o.admin);
    grant(admin, "bob", 10_000, 300);
    let id = wish(s, "ann", "Lassen", Some(20_000), Some(480));
    fund(s, "bob", id, 5_000, 120).unwrap();
    let edit = |text: &str, cost_cents: Option<i64>, minutes: Option<i64>| WishEdit {
        text: text.into(),
        why: Some("Voor de nieuwe machine".into()),
        cost_cents,
        minutes,
    };
    let changed = edit("Leren lassen (MIG)", Some(15_000), Some(240));
    w(s).edit_wish(id, "ann", &changed).unwrap();
    let got = w(s).wish(id, "ann").unwrap();
    assert_eq!(got.text, "Leren lassen (MIG)");
    assert_eq!(got.why.as_deref(), Some("Voor de nieuwe machine"));
    assert_eq!((got.cost_cents, got.minutes), (Some(15_000), Some(240)));
    assert_eq!((got.given_cents, got.given_minutes), (5_000, 120));
    assert_eq!(got.tags, vec!["heftruck"]);
    // Below what was given, or none asked where some was given: refused.
    for below in [
        edit("x", Some(4_999), Some(240)),
        edit("x", Some(5_000), None),
        edit("x", None, Some(240)),
    ] {
        assert!(
            matches!(
                w(s).edit_wish(id, "ann", &below),
                Err(StoreError::Wish(WishError::BelowGiven { .. }))
            ),
            "{below:?}"
        );
    }
    assert!(matches!(
        w(s).edit_wish(id, "bob", &changed),
        Err(StoreError::Wish(WishError::NotYours(_)))
    ));
    assert_eq!(w(s).wish(id, "ann").unwrap().text, "Leren lassen (MIG)");
    // Exactly what was given is enough: the wish is then funded.
    w(s).edit_wish(id, "ann", &edit("Lassen", Some(5_000), Some(120)))
        .unwrap();
    assert_eq!(w(s).wish(id, "ann").unwrap().state, WishState::Funded);
    w(s).finish_wish(id, "ann", &Finish::default()).unwrap();
    assert!(matches!(
        w(s).edit_wish(id, "ann", &changed),
        Err(StoreError::Wish(WishError::NotOpen { .. }))
    ));
    assert_eq!(w(s).wish(id, "ann").unwrap().text, "Lassen");
}
