//! The budget ledger under 10,000 random operations (10 runs of 1,000, on
//! a real SQLite file): grants (some already lapsed), wishes, gifts of
//! money and hours, withdrawals and wishes done. A plain model in the test
//! says what each should do; after every operation the store must agree
//! with the model, every balance must equal its ledger sum (less what
//! lapsed), and no balance may be below zero.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use leertuin::domain::wish::{Finish, NewWish, WishId};
use leertuin::store::{Fund, Grant, SqliteStore, Store};
use proptest::prelude::*;

const PEOPLE: [&str; 3] = ["anna", "bram", "cas"];
const POTS: [&str; 2] = ["werkgever", "fonds"];

#[derive(Debug, Clone)]
enum Op {
    /// person, pot, cents, minutes, already lapsed
    Grant(usize, usize, i64, i64, bool),
    /// owner, cost, minutes
    Wish(usize, Option<i64>, Option<i64>),
    /// giver, wish index, cents, minutes, only from this pot
    Fund(usize, usize, i64, i64, Option<usize>),
    Withdraw(usize, usize),
    Done(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let person = 0..PEOPLE.len();
    prop_oneof![
        2 => (person.clone(), 0..POTS.len(), 0i64..5_000, 0i64..300, prop::bool::weighted(0.2))
            .prop_map(|(p, s, c, m, l)| Op::Grant(p, s, c, m, l)),
        1 => (person.clone(), prop::option::of(1i64..20_000), prop::option::of(1i64..600))
            .prop_map(|(p, c, m)| Op::Wish(p, c, m)),
        5 => (person.clone(), 0usize..8, 0i64..3_000, 0i64..120, prop::option::weighted(0.2, 0..POTS.len()))
            .prop_map(|(p, w, c, m, f)| Op::Fund(p, w, c, m, f)),
        1 => (person.clone(), 0usize..8).prop_map(|(p, w)| Op::Withdraw(p, w)),
        1 => (person, 0usize..8).prop_map(|(p, w)| Op::Done(p, w)),
    ]
}

#[derive(Default)]
struct Model {
    /// (person, pot) → free (cents, minutes)
    free: HashMap<(usize, usize), (i64, i64)>,
    /// wishes in order: owner, cost, minutes, open, given per (giver, pot)
    wishes: Vec<ModelWish>,
}

struct ModelWish {
    id: WishId,
    owner: usize,
    cost: Option<i64>,
    minutes: Option<i64>,
    open: bool,
    given: HashMap<(usize, usize), (i64, i64)>,
}

impl ModelWish {
    fn got(&self) -> (i64, i64) {
        self.given
            .values()
            .fold((0, 0), |(c, m), (gc, gm)| (c + gc, m + gm))
    }
}

fn today() -> NaiveDate {
    leertuin::domain::now().date_naive()
}

/// Every pot against the model; with `full`, the ledger's sums and every
/// wish too (costlier, so not after every operation).
fn check(store: &SqliteStore, model: &Model, full: bool) {
    let w = store.wish_store().unwrap();
    let all = if full {
        w.entries(None).unwrap()
    } else {
        Vec::new()
    };
    for (p, name) in PEOPLE.iter().enumerate() {
        let budget = w.budget(name, today()).unwrap();
        for (s, pot) in POTS.iter().enumerate() {
            let want = model.free.get(&(p, s)).copied().unwrap_or((0, 0));
            let got = budget
                .pots
                .iter()
                .find(|x| x.source == *pot)
                .map_or((0, 0), |x| (x.free_cents, x.free_minutes));
            assert_eq!(got, want, "{name}/{pot}");
            assert!(got.0 >= 0 && got.1 >= 0, "{name}/{pot} below zero");
            if !full {
                continue;
            }
            // The balance is the ledger's sum, less what lapsed.
            let sum = all
                .iter()
                .filter(|e| e.person.as_deref() == Some(*name) && e.source == *pot)
                .fold((0, 0), |(c, m), e| (c + e.cents, m + e.minutes));
            let lapsed = budget
                .pots
                .iter()
                .find(|x| x.source == *pot)
                .map_or((0, 0), |x| (x.lapsed_cents, x.lapsed_minutes));
            assert_eq!(
                (sum.0 - lapsed.0, sum.1 - lapsed.1),
                got,
                "{name}/{pot} sum"
            );
        }
    }
    if !full {
        return;
    }
    for mw in &model.wishes {
        let wish = w.wish(mw.id, PEOPLE[mw.owner]).unwrap();
        assert_eq!(
            (wish.given_cents, wish.given_minutes),
            mw.got(),
            "{}",
            mw.id
        );
        assert_eq!(wish.state.is_open(), mw.open);
        let sum = all
            .iter()
            .filter(|e| e.wish == Some(mw.id))
            .fold((0, 0), |(c, m), e| (c - e.cents, m - e.minutes));
        assert_eq!(sum, mw.got(), "{} sum", mw.id);
    }
}

fn apply(store: &SqliteStore, model: &mut Model, op: &Op) {
    let w = store.wish_store().unwrap();
    match *op {
        Op::Grant(p, s, cents, minutes, lapsed) => {
            let expires = lapsed.then(|| today() - Duration::days(1));
            let r = w.grant(&Grant {
                person: PEOPLE[p].into(),
                by: "boss".into(),
                source: POTS[s].into(),
                cents,
                minutes,
                year: None,
                expires,
                note: None,
            });
            assert_eq!(r.is_ok(), cents > 0 || minutes > 0, "{r:?}");
            if r.is_ok() && !lapsed {
                let f = model.free.entry((p, s)).or_default();
                f.0 += cents;
                f.1 += minutes;
            }
        }
        Op::Wish(p, cost, minutes) => {
            let id = w
                .add_wish(&NewWish {
                    owner: PEOPLE[p].into(),
                    text: "wish".into(),
                    why: None,
                    cost_cents: cost,
                    minutes,
                    tags: vec![],
                    private: false,
                })
                .unwrap();
            model.wishes.push(ModelWish {
                id,
                owner: p,
                cost,
                minutes,
                open: true,
                given: HashMap::new(),
            });
        }
        Op::Fund(p, i, cents, minutes, from) => {
            let Some(mw) = model.wishes.get_mut(i) else {
                return;
            };
            let r = w.fund(&Fund {
                wish: mw.id,
                person: PEOPLE[p].into(),
                cents,
                minutes,
                note: None,
                from: from.map(|s| POTS[s].to_string()),
            });
            let (gc, gm) = mw.got();
            let pots: Vec<usize> = match from {
                Some(s) => vec![s],
                None => (0..POTS.len()).collect(),
            };
            let free = pots.iter().fold((0, 0), |(c, m), s| {
                let f = model.free.get(&(p, *s)).copied().unwrap_or((0, 0));
                (c + f.0, m + f.1)
            });
            let allowed = mw.open
                && (cents > 0 || minutes > 0)
                && (cents == 0 || mw.cost.is_some())
                && (minutes == 0 || mw.minutes.is_some())
                && cents <= mw.cost.map_or(0, |c| (c - gc).max(0))
                && minutes <= mw.minutes.map_or(0, |m| (m - gm).max(0))
                && cents <= free.0
                && minutes <= free.1;
            assert_eq!(r.is_ok(), allowed, "{op:?}: {r:?}");
            if let Ok(entries) = r {
                for e in entries {
                    let s = POTS.iter().position(|x| *x == e.source).unwrap();
                    let f = model.free.entry((p, s)).or_default();
                    f.0 += e.cents;
                    f.1 += e.minutes;
                    let g = mw.given.entry((p, s)).or_default();
                    g.0 -= e.cents;
                    g.1 -= e.minutes;
                }
            }
        }
        Op::Withdraw(p, i) => {
            let Some(mw) = model.wishes.get_mut(i) else {
                return;
            };
            let r = w.withdraw_wish(mw.id, PEOPLE[p]);
            assert_eq!(r.is_ok(), mw.open && mw.owner == p, "{op:?}: {r:?}");
            if r.is_ok() {
                mw.open = false;
                for ((giver, s), (c, m)) in mw.given.drain() {
                    let f = model.free.entry((giver, s)).or_default();
                    f.0 += c;
                    f.1 += m;
                }
            }
        }
        Op::Done(p, i) => {
            let Some(mw) = model.wishes.get_mut(i) else {
                return;
            };
            let r = w.finish_wish(mw.id, PEOPLE[p], &Finish::default());
            assert_eq!(r.is_ok(), mw.open && mw.owner == p, "{op:?}: {r:?}");
            if r.is_ok() {
                mw.open = false;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn balances_equal_the_ledger_and_never_go_below_zero(
        ops in prop::collection::vec(op(), 1000)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("ledger.db")).unwrap();
        let mut model = Model::default();
        for (n, op) in ops.iter().enumerate() {
            apply(&store, &mut model, op);
            check(&store, &model, n % 50 == 49);
        }
    }
}
