//! The budget ledger: an append-only list of entries, each saying who, when,
//! why, from which pot and how much. A balance is always computed from the
//! entries, never stored, so it cannot drift from them.
//!
//! Signs: `cents` and `minutes` are what the entry does to the pot of
//! `person` (a grant adds, a contribution takes). An entry with a `wish`
//! does the opposite to that wish: a contribution of −100 gives the wish
//! +100, a refund of +100 takes it back. A matching rule's entries have no
//! person (the money comes from the rule, not from anyone's pot).
//!
//! Expiry: a grant may end on a date; what is left of it then lapses.
//! Spending takes the money that lapses first; money given back keeps the
//! earliest end date of the money it was given from (see [`Entry::expires`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Time;
use super::model::millis;
use super::wish::{Lacking, WishError, WishId, WishState};

/// How many days ahead `budget` warns that money lapses.
pub const LAPSE_WARNING_DAYS: i64 = 60;

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// An admin gave a person budget.
    Grant,
    /// A person redeemed a voucher into their own budget.
    Redemption,
    /// A person gave from their pot to a wish.
    Contribution,
    /// A withdrawn wish gave a contribution (or a match) back.
    Refund,
    /// A matching rule added to a colleague's contribution.
    Match,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Grant,
        EntryKind::Redemption,
        EntryKind::Contribution,
        EntryKind::Refund,
        EntryKind::Match,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Grant => "grant",
            EntryKind::Redemption => "redemption",
            EntryKind::Contribution => "contribution",
            EntryKind::Refund => "refund",
            EntryKind::Match => "match",
        }
    }

    pub fn from_name(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: i64,
    #[serde(with = "millis")]
    pub at: Time,
    pub kind: EntryKind,
    /// Whose pot this moves; `None` for a matching rule's money.
    pub person: Option<String>,
    /// The pot (`werkgever`, `O&O-fonds`, `persoonlijk`).
    pub source: String,
    /// Cents into (+) or out of (−) the person's pot.
    pub cents: i64,
    /// Minutes into (+) or out of (−) the person's pot.
    pub minutes: i64,
    pub wish: Option<WishId>,
    /// Who made the entry: the admin of a grant, the giver, the owner who
    /// withdrew.
    pub by: String,
    pub note: Option<String>,
    /// The budget year of a grant.
    pub year: Option<i32>,
    /// A grant's end date. On a contribution: the earliest end date of the
    /// money it took, which a refund of it keeps.
    pub expires: Option<NaiveDate>,
    /// The voucher a redemption used.
    pub voucher: Option<i64>,
    /// The matching rule a match (or its refund) belongs to.
    pub rule: Option<i64>,
    /// The entry a refund gives back.
    pub refund_of: Option<i64>,
}

/// One pot of one person, as computed from its entries at a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pot {
    pub source: String,
    /// Grants and redemptions, in all.
    pub granted_cents: i64,
    pub granted_minutes: i64,
    /// What can be given now.
    pub free_cents: i64,
    pub free_minutes: i64,
    /// What lapsed unused.
    pub lapsed_cents: i64,
    pub lapsed_minutes: i64,
    /// What lapses within [`LAPSE_WARNING_DAYS`], and the first such day.
    pub lapsing_cents: i64,
    pub lapsing_minutes: i64,
    pub lapsing_on: Option<NaiveDate>,
}

/// A part of a pot with one end date.
#[derive(Debug, Clone)]
struct Lot {
    expires: Option<NaiveDate>,
    cents: i64,
    minutes: i64,
}

/// Money and minutes of one pot, lot by lot.
#[derive(Debug, Default)]
struct Lots {
    lots: Vec<Lot>,
    /// Taken beyond what the lots held (never, when every write checked;
    /// kept so a damaged ledger shows a negative balance, not a wrong one).
    debt_cents: i64,
    debt_minutes: i64,
    lapsed_cents: i64,
    lapsed_minutes: i64,
}

impl Lots {
    /// Lots whose end date is before `day` lapse.
    fn lapse(&mut self, day: NaiveDate) {
        let (mut c, mut m) = (0, 0);
        self.lots.retain(|lot| {
            let gone = lot.expires.is_some_and(|e| e < day);
            if gone {
                c += lot.cents;
                m += lot.minutes;
            }
            !gone
        });
        self.lapsed_cents += c;
        self.lapsed_minutes += m;
    }

    /// Earliest end date first, money that never lapses last.
    fn sort(&mut self) {
        self.lots
            .sort_by_key(|l| (l.expires.is_none(), l.expires.unwrap_or(NaiveDate::MAX)));
    }

    /// Takes `cents` and `minutes`, the money that lapses first first;
    /// returns the earliest end date among what it took.
    fn take(&mut self, mut cents: i64, mut minutes: i64) -> Option<NaiveDate> {
        self.sort();
        let mut earliest = None;
        for lot in &mut self.lots {
            if cents == 0 && minutes == 0 {
                break;
            }
            let c = cents.min(lot.cents);
            let m = minutes.min(lot.minutes);
            if c > 0 || m > 0 {
                earliest = earliest.or(lot.expires);
            }
            lot.cents -= c;
            lot.minutes -= m;
            cents -= c;
            minutes -= m;
        }
        self.lots.retain(|l| l.cents > 0 || l.minutes > 0);
        self.debt_cents += cents;
        self.debt_minutes += minutes;
        earliest
    }

    fn add(&mut self, cents: i64, minutes: i64, expires: Option<NaiveDate>) {
        // Money first pays back any debt.
        let c = cents.min(self.debt_cents);
        let m = minutes.min(self.debt_minutes);
        self.debt_cents -= c;
        self.debt_minutes -= m;
        if cents - c > 0 || minutes - m > 0 {
            self.lots.push(Lot {
                expires,
                cents: cents - c,
                minutes: minutes - m,
            });
        }
    }

    fn free(&self) -> (i64, i64) {
        let c: i64 = self.lots.iter().map(|l| l.cents).sum();
        let m: i64 = self.lots.iter().map(|l| l.minutes).sum();
        (c - self.debt_cents, m - self.debt_minutes)
    }
}

/// Replays one pot's entries (in ledger order) up to `today`.
fn replay<'a>(entries: impl IntoIterator<Item = &'a Entry>, today: NaiveDate) -> Lots {
    let mut lots = Lots::default();
    for e in entries {
        lots.lapse(e.at.date_naive());
        let (c, m) = (e.cents, e.minutes);
        // An entry may add money and take minutes (never today, but the
        // replay does not assume it): each quantity by its own sign.
        lots.add(c.max(0), m.max(0), e.expires);
        if c < 0 || m < 0 {
            lots.take((-c).max(0), (-m).max(0));
        }
    }
    lots.lapse(today);
    lots
}

/// The person's pots at `today`, by source name, from the entries of their
/// pots (any order; entries of others are ignored).
pub fn pots(person: &str, entries: &[Entry], today: NaiveDate) -> Vec<Pot> {
    let mut by_source: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries
        .iter()
        .filter(|e| e.person.as_deref() == Some(person))
    {
        by_source.entry(e.source.as_str()).or_default().push(e);
    }
    by_source
        .into_iter()
        .map(|(source, mut list)| {
            list.sort_by_key(|e| (e.at, e.id));
            pot(source, &list, today)
        })
        .collect()
}

fn pot(source: &str, entries: &[&Entry], today: NaiveDate) -> Pot {
    let lots = replay(entries.iter().copied(), today);
    let (free_cents, free_minutes) = lots.free();
    let granted = |f: fn(&Entry) -> i64| {
        entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Grant | EntryKind::Redemption))
            .map(|e| f(e))
            .sum::<i64>()
    };
    let horizon = today + chrono::Duration::days(LAPSE_WARNING_DAYS);
    let soon: Vec<&Lot> = lots
        .lots
        .iter()
        .filter(|l| l.expires.is_some_and(|e| e <= horizon))
        .collect();
    Pot {
        source: source.to_string(),
        granted_cents: granted(|e| e.cents),
        granted_minutes: granted(|e| e.minutes),
        free_cents,
        free_minutes,
        lapsed_cents: lots.lapsed_cents,
        lapsed_minutes: lots.lapsed_minutes,
        lapsing_cents: soon.iter().map(|l| l.cents).sum(),
        lapsing_minutes: soon.iter().map(|l| l.minutes).sum(),
        lapsing_on: soon.iter().filter_map(|l| l.expires).min(),
    }
}

/// One part of a gift: so much from this pot.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub source: String,
    pub cents: i64,
    pub minutes: i64,
    /// The earliest end date of the money taken (kept by a refund).
    pub expires: Option<NaiveDate>,
}

/// Plans taking `cents` and `minutes` from the person's pots: from `only`
/// when given, else from the pots whose money lapses first, split over as
/// many as needed. Refused as [`WishError::Short`] when the free budget
/// does not cover it: nothing is taken then.
pub fn plan_draw(
    person: &str,
    entries: &[Entry],
    today: NaiveDate,
    cents: i64,
    minutes: i64,
    only: Option<&str>,
) -> Result<Vec<Draw>, WishError> {
    let mut by_source: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries
        .iter()
        .filter(|e| e.person.as_deref() == Some(person))
    {
        if only.is_none_or(|o| o == e.source) {
            by_source.entry(e.source.as_str()).or_default().push(e);
        }
    }
    let mut pots: Vec<(&str, Lots)> = by_source
        .into_iter()
        .map(|(source, mut list)| {
            list.sort_by_key(|e| (e.at, e.id));
            (source, replay(list, today))
        })
        .collect();
    let (free_c, free_m) = pots.iter().fold((0, 0), |(c, m), (_, lots)| {
        let (fc, fm) = lots.free();
        (c + fc.max(0), m + fm.max(0))
    });
    if let Some(lacking) = Lacking::of(free_c < cents, free_m < minutes) {
        return Err(WishError::Short {
            pot: only.map(str::to_string),
            cents: free_c,
            minutes: free_m,
            lacking,
        });
    }
    // The pot whose money lapses first goes first.
    let first_end = |lots: &Lots| {
        lots.lots
            .iter()
            .filter_map(|l| l.expires)
            .min()
            .unwrap_or(NaiveDate::MAX)
    };
    pots.sort_by_key(|(source, lots)| (first_end(lots), source.to_string()));
    let (mut left_c, mut left_m) = (cents, minutes);
    let mut out = Vec::new();
    for (source, lots) in &mut pots {
        let (fc, fm) = lots.free();
        let c = left_c.min(fc.max(0));
        let m = left_m.min(fm.max(0));
        if c == 0 && m == 0 {
            continue;
        }
        let expires = lots.take(c, m);
        out.push(Draw {
            source: source.to_string(),
            cents: c,
            minutes: m,
            expires,
        });
        left_c -= c;
        left_m -= m;
    }
    Ok(out)
}

/// What a wish has received: the sums over its entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Received {
    pub cents: i64,
    pub minutes: i64,
    pub matched_cents: i64,
    /// What each giver gave and did not get back, in order of first gift.
    pub by_giver: Vec<Given>,
}

/// What one person gave to a wish, net of refunds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Given {
    pub person: String,
    pub cents: i64,
    pub minutes: i64,
    /// The notes of their gifts not given back ("Succes Henk!"), one
    /// after another; seen only by the wish's owner and the giver (see
    /// [`crate::domain::wish::Wish::seen_by`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Sums a wish's entries (entries of other wishes are ignored).
pub fn received(wish: WishId, entries: &[Entry]) -> Received {
    let mine: Vec<&Entry> = entries.iter().filter(|e| e.wish == Some(wish)).collect();
    let mut out = Received::default();
    let refunded: Vec<i64> = mine.iter().filter_map(|e| e.refund_of).collect();
    for e in &mine {
        out.cents -= e.cents;
        out.minutes -= e.minutes;
        if e.person.is_none() {
            out.matched_cents -= e.cents;
        }
        if let Some(p) = &e.person {
            let at = match out.by_giver.iter().position(|g| &g.person == p) {
                Some(at) => at,
                None => {
                    out.by_giver.push(Given {
                        person: p.clone(),
                        ..Given::default()
                    });
                    out.by_giver.len() - 1
                }
            };
            let g = &mut out.by_giver[at];
            g.cents -= e.cents;
            g.minutes -= e.minutes;
            let kept = e.kind == EntryKind::Contribution && !refunded.contains(&e.id);
            if let Some(note) = e.note.as_deref().filter(|n| kept && !n.trim().is_empty()) {
                g.note = Some(match g.note.take() {
                    Some(before) => format!("{before} · {note}"),
                    None => note.to_string(),
                });
            }
        }
    }
    out.by_giver.retain(|g| g.cents > 0 || g.minutes > 0);
    out
}

/// The refunds that give every unrefunded contribution and match of a
/// withdrawn wish back where it came from, exactly: one entry per entry.
/// `id` and `at` are left for the store to fill in.
pub fn refunds(wish: WishId, entries: &[Entry], by: &str, at: Time) -> Vec<Entry> {
    let refunded: Vec<i64> = entries
        .iter()
        .filter(|e| e.wish == Some(wish) && e.kind == EntryKind::Refund)
        .filter_map(|e| e.refund_of)
        .collect();
    entries
        .iter()
        .filter(|e| e.wish == Some(wish))
        .filter(|e| matches!(e.kind, EntryKind::Contribution | EntryKind::Match))
        .filter(|e| !refunded.contains(&e.id))
        .map(|e| Entry {
            id: 0,
            at,
            kind: EntryKind::Refund,
            person: e.person.clone(),
            source: e.source.clone(),
            cents: -e.cents,
            minutes: -e.minutes,
            wish: Some(wish),
            by: by.to_string(),
            note: None,
            year: e.year,
            expires: e.expires,
            voucher: None,
            rule: e.rule,
            refund_of: Some(e.id),
        })
        .collect()
}

/// A wish as the budget view names it.
#[derive(Debug, Clone, PartialEq)]
pub struct WishRef {
    pub id: WishId,
    pub owner: String,
    pub text: String,
    pub state: WishState,
}

/// What a person gave to one wish, net of refunds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gift {
    pub wish: WishId,
    pub owner: String,
    pub text: String,
    pub state: WishState,
    pub cents: i64,
    pub minutes: i64,
}

/// `leertuin budget`: a person's pots, what they gave to whom, and what of
/// it is still reserved for open wishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub person: String,
    pub currency: String,
    pub pots: Vec<Pot>,
    pub gifts: Vec<Gift>,
    /// Given to wishes that are still open (they keep it until done or
    /// withdrawn; a withdrawal gives it back).
    pub reserved_cents: i64,
    pub reserved_minutes: i64,
    /// Given to wishes that are done.
    pub spent_cents: i64,
    pub spent_minutes: i64,
    pub free_cents: i64,
    pub free_minutes: i64,
}

impl Budget {
    /// Computes the budget from the person's entries and the wishes they
    /// gave to (`wishes` may hold more).
    pub fn compute(
        person: &str,
        entries: &[Entry],
        wishes: &[WishRef],
        currency: &str,
        today: NaiveDate,
    ) -> Budget {
        let pots = pots(person, entries, today);
        let mut gifts: Vec<Gift> = Vec::new();
        for e in entries
            .iter()
            .filter(|e| e.person.as_deref() == Some(person))
        {
            let Some(id) = e.wish else { continue };
            match gifts.iter_mut().find(|g| g.wish == id) {
                Some(g) => {
                    g.cents -= e.cents;
                    g.minutes -= e.minutes;
                }
                None => {
                    let w = wishes.iter().find(|w| w.id == id);
                    gifts.push(Gift {
                        wish: id,
                        owner: w.map(|w| w.owner.clone()).unwrap_or_default(),
                        text: w.map(|w| w.text.clone()).unwrap_or_default(),
                        state: w.map_or(WishState::Open, |w| w.state),
                        cents: -e.cents,
                        minutes: -e.minutes,
                    });
                }
            }
        }
        gifts.retain(|g| g.cents != 0 || g.minutes != 0);
        let sum = |open: bool, f: fn(&Gift) -> i64| {
            gifts
                .iter()
                .filter(|g| g.state.is_open() == open)
                .map(f)
                .sum::<i64>()
        };
        Budget {
            person: person.to_string(),
            currency: currency.to_string(),
            reserved_cents: sum(true, |g| g.cents),
            reserved_minutes: sum(true, |g| g.minutes),
            spent_cents: sum(false, |g| g.cents),
            spent_minutes: sum(false, |g| g.minutes),
            free_cents: pots.iter().map(|p| p.free_cents).sum(),
            free_minutes: pots.iter().map(|p| p.free_minutes).sum(),
            pots,
            gifts,
        }
    }
}

/// From this share funded on, a wish is "nearly there" (a nudge: "your
/// wish is 80 % funded").
pub const NEARLY_FUNDED_PERCENT: u8 = 80;

/// What a nudge or a view may say about a person's budget and wishes, so
/// the money that lapses unused in other schemes gets used here.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BudgetFacts {
    /// Free money and hours that lapse within [`LAPSE_WARNING_DAYS`].
    pub lapsing_cents: i64,
    pub lapsing_minutes: i64,
    /// The first day any of it lapses after.
    pub lapsing_on: Option<NaiveDate>,
    /// The person's open wish nearest to funded, at [`NEARLY_FUNDED_PERCENT`]
    /// or more but not funded yet: id, text, percent.
    pub nearly_funded: Option<(WishId, String, u8)>,
}

impl BudgetFacts {
    /// From the person's budget and their own wishes.
    pub fn from(budget: &Budget, own_wishes: &[super::wish::Wish]) -> BudgetFacts {
        let nearly_funded = own_wishes
            .iter()
            .filter(|w| w.state == WishState::Open)
            .filter_map(|w| w.percent().map(|p| (w, p)))
            .filter(|(_, p)| *p >= NEARLY_FUNDED_PERCENT && *p < 100)
            .max_by_key(|(w, p)| (*p, w.id))
            .map(|(w, p)| (w.id, w.text.clone(), p));
        BudgetFacts {
            lapsing_cents: budget.pots.iter().map(|p| p.lapsing_cents).sum(),
            lapsing_minutes: budget.pots.iter().map(|p| p.lapsing_minutes).sum(),
            lapsing_on: budget.pots.iter().filter_map(|p| p.lapsing_on).min(),
            nearly_funded,
        }
    }
}

/// A wish as a backup keeps it: what was stored, nothing derived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredWish {
    pub id: WishId,
    pub owner: String,
    pub text: String,
    pub why: Option<String>,
    pub cost_cents: Option<i64>,
    pub minutes: Option<i64>,
    pub tags: Vec<String>,
    pub private: bool,
    /// `open`, `done` or `withdrawn` (funded is derived).
    pub state: WishState,
    pub reflection: Option<String>,
    pub brought: Option<super::Brought>,
    #[serde(with = "millis")]
    pub created_at: Time,
    #[serde(with = "millis::option")]
    pub closed_at: Option<Time>,
}

/// A voucher as a backup keeps it: its code's hash only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredVoucher {
    pub id: i64,
    pub hash: String,
    pub cents: i64,
    pub minutes: i64,
    pub source: String,
    pub expires: Option<NaiveDate>,
    pub issued_by: String,
    #[serde(with = "millis")]
    pub issued_at: Time,
}

/// A matching rule as a backup keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredRule {
    pub id: i64,
    pub source: String,
    pub percent: i64,
    pub cap_cents: i64,
    pub set_by: String,
    #[serde(with = "millis")]
    pub set_at: Time,
}

/// Wishes and budgets in a backup: absent from an export when there are
/// none, so older exports stay byte-equal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budgets {
    #[serde(default)]
    pub wishes: Vec<StoredWish>,
    #[serde(default)]
    pub ledger: Vec<Entry>,
    #[serde(default)]
    pub vouchers: Vec<StoredVoucher>,
    #[serde(default)]
    pub match_rules: Vec<StoredRule>,
}

impl Budgets {
    pub fn is_empty(&self) -> bool {
        self.wishes.is_empty()
            && self.ledger.is_empty()
            && self.vouchers.is_empty()
            && self.match_rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(id: i64, day: u32, kind: EntryKind, cents: i64, expires: Option<NaiveDate>) -> Entry {
        Entry {
            id,
            at: chrono::Utc
                .with_ymd_and_hms(2027, 1, day, 12, 0, 0)
                .unwrap(),
            kind,
            person: Some("ann".into()),
            source: "werkgever".into(),
            cents,
            minutes: 0,
            wish: (kind == EntryKind::Contribution).then_some(WishId(1)),
            by: "ann".into(),
            note: None,
            year: None,
            expires,
            voucher: None,
            rule: None,
            refund_of: None,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    #[test]
    fn what_is_left_of_a_grant_lapses_after_its_end_date() {
        let entries = vec![
            entry(1, 1, EntryKind::Grant, 10_000, Some(day(10))),
            entry(2, 2, EntryKind::Grant, 5_000, None),
            entry(3, 3, EntryKind::Contribution, -4_000, None),
        ];
        let before = pots("ann", &entries, day(10));
        assert_eq!(before[0].free_cents, 11_000);
        assert_eq!(before[0].lapsing_cents, 6_000);
        let after = pots("ann", &entries, day(11));
        // The gift took the money that lapses first.
        assert_eq!(after[0].free_cents, 5_000);
        assert_eq!(after[0].lapsed_cents, 6_000);
        assert_eq!(after[0].free_cents + after[0].lapsed_cents, 11_000);
    }

    #[test]
    fn a_draw_beyond_the_free_budget_is_refused_whole() {
        let entries = vec![entry(1, 1, EntryKind::Grant, 1_000, None)];
        let err = plan_draw("ann", &entries, day(2), 1_001, 0, None).unwrap_err();
        assert!(matches!(
            err,
            WishError::Short {
                cents: 1_000,
                lacking: Lacking::Money,
                ..
            }
        ));
        // Hours asked of a budget with money only: the hours are short.
        let err = plan_draw("ann", &entries, day(2), 0, 60, None).unwrap_err();
        assert!(matches!(
            err,
            WishError::Short {
                lacking: Lacking::Hours,
                ..
            }
        ));
        let ok = plan_draw("ann", &entries, day(2), 1_000, 0, None).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].cents, 1_000);
    }
}
