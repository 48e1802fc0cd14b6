//! What every wish, budget and voucher write checks and writes, written
//! once for both backends. A backend gives the rows ([`WishRows`], its own
//! SQL inside one transaction); this module asks `domain::ledger` what may
//! happen and writes the result in that same transaction, so a check and
//! its write never see different ledgers.

use chrono::NaiveDate;

use super::wishes::{Fund, Grant, MatchRule, VoucherIssue};
use super::{Result, StoreError};
use crate::domain::ledger::{self, Budget, Budgets, Entry, EntryKind, StoredWish, WishRef};
use crate::domain::wish::{
    self, Finish, NewWish, Wish, WishEdit, WishError, WishId, WishQuery, WishState,
    source as check_source,
};
use crate::domain::{Time, from_millis, money};

/// Which ledger entries to read.
#[derive(Debug, Clone, Copy)]
pub enum Entries<'a> {
    /// The entries of one person's pots.
    Pots(&'a str),
    /// The entries of one wish.
    Wish(WishId),
    /// One person's pots and the wishes they own.
    Mine(&'a str),
    All,
}

/// A matching rule in force: the newest of its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: i64,
    pub source: String,
    pub percent: i64,
    pub cap_cents: i64,
}

/// What a redemption attempt came to. A counted try (an unknown code, or
/// a voucher another redeemed or that expired) is remembered for the rate
/// limit and so must commit, unlike a refusal: it is carried out of the
/// transaction as this refusal, to be said after the commit.
pub enum Redeemed {
    Entry(Box<Entry>),
    Counted(WishError),
}

/// What a write must hold to itself while it checks and writes, so that
/// two writers never both spend the last euro. A backend whose write
/// transactions already run one at a time (SQLite's `BEGIN IMMEDIATE`)
/// needs nothing; the team server takes a lock per wish and per person.
#[derive(Debug, Clone, Copy)]
pub enum Hold<'a> {
    Wish(WishId),
    Pots(&'a str),
    /// The matching rules' caps.
    Matching,
}

/// The rows of wishes and the ledger, in one backend's SQL, all inside
/// the caller's transaction.
pub trait WishRows {
    /// The person's row, made if new; the cleaned handle.
    fn ensure_handle(&mut self, at: i64, handle: &str) -> Result<String>;
    /// Serialises the rest of the transaction with other writers of `what`.
    fn hold(&mut self, what: Hold) -> Result<()>;
    /// Stores a wish under its id (a restore) or, with `None`, the next.
    fn insert_wish(&mut self, id: Option<WishId>, wish: &StoredWish) -> Result<WishId>;
    /// The wish as stored, if the backend shows it to this transaction at
    /// all (the team server hides another's private wish itself).
    fn wish_row(&mut self, id: WishId) -> Result<Option<StoredWish>>;
    /// Wishes `viewer` may see (own, or not private), newest first.
    fn wish_rows(&mut self, query: &WishQuery, viewer: &str) -> Result<Vec<StoredWish>>;
    /// Writes the (checked) new words, why, cost and hours of a wish.
    fn update_wish(&mut self, id: WishId, edit: &WishEdit) -> Result<()>;
    /// Sets the stored state; with `finish` for a wish that is done.
    fn close_wish(
        &mut self,
        id: WishId,
        at: i64,
        state: WishState,
        finish: Option<&Finish>,
    ) -> Result<()>;
    /// Oldest first.
    fn entries(&mut self, which: Entries) -> Result<Vec<Entry>>;
    /// A person's display name, if they are known.
    fn person_name(&mut self, handle: &str) -> Result<Option<String>>;
    /// Appends an entry; its id.
    fn insert_entry(&mut self, entry: &Entry) -> Result<i64>;
    fn match_rules(&mut self) -> Result<Vec<Rule>>;
    /// What a rule has added in all, less what was given back.
    fn rule_used(&mut self, rule: i64) -> Result<i64>;
    fn insert_rule(&mut self, at: i64, rule: &MatchRule) -> Result<()>;
    fn insert_vouchers(&mut self, at: i64, issue: &VoucherIssue) -> Result<()>;
    /// Redeems the voucher with this hash for the (checked) person, once.
    /// Every try that brings nothing counts against them, except their own
    /// voucher typed again (`VoucherYours`): see README "Vouchers".
    fn redeem(&mut self, at: i64, person: &str, hash: &str, today: NaiveDate) -> Result<Redeemed>;
}

fn refuse<T>(e: WishError) -> Result<T> {
    Err(StoreError::Wish(e))
}

fn wish_error(e: WishError) -> StoreError {
    StoreError::Wish(e)
}

/// An entry of `kind` at `at` with nothing else filled in.
pub fn blank(at: Time, kind: EntryKind) -> Entry {
    Entry {
        id: 0,
        at,
        kind,
        person: None,
        source: String::new(),
        cents: 0,
        minutes: 0,
        wish: None,
        by: String::new(),
        note: None,
        year: None,
        expires: None,
        voucher: None,
        rule: None,
        refund_of: None,
    }
}

fn insert(rows: &mut dyn WishRows, e: Entry) -> Result<Entry> {
    let id = rows.insert_entry(&e)?;
    Ok(Entry { id, ..e })
}

pub fn add_wish(rows: &mut dyn WishRows, at: i64, wish: &NewWish) -> Result<WishId> {
    let w = wish.checked().map_err(wish_error)?;
    rows.ensure_handle(at, &w.owner)?;
    let row = StoredWish {
        id: WishId(0),
        owner: w.owner,
        text: w.text,
        why: w.why,
        cost_cents: w.cost_cents,
        minutes: w.minutes,
        tags: w.tags,
        private: w.private,
        state: WishState::Open,
        reflection: None,
        brought: None,
        created_at: from_millis(at),
        closed_at: None,
    };
    rows.insert_wish(None, &row)
}

/// A stored wish with what it received and its derived state.
pub(super) fn with_received(rows: &mut dyn WishRows, w: StoredWish) -> Result<Wish> {
    let entries = rows.entries(Entries::Wish(w.id))?;
    let got = ledger::received(w.id, &entries);
    Ok(Wish::from_stored(w, got))
}

/// The wish as `viewer` may see it: another's private wish is not found.
pub fn wish(rows: &mut dyn WishRows, id: WishId, viewer: &str) -> Result<Wish> {
    match rows.wish_row(id)? {
        Some(w) if !w.private || w.owner == viewer => Ok(with_received(rows, w)?.seen_by(viewer)),
        _ => refuse(WishError::NotFound(id)),
    }
}

pub fn list_wishes(rows: &mut dyn WishRows, q: &WishQuery, viewer: &str) -> Result<Vec<Wish>> {
    let found = rows.wish_rows(q, viewer)?;
    found
        .into_iter()
        .map(|w| Ok(with_received(rows, w)?.seen_by(viewer)))
        .collect()
}

/// An open wish the person may act on; refused otherwise.
fn open_wish(rows: &mut dyn WishRows, id: WishId, person: &str) -> Result<Wish> {
    let w = wish(rows, id, person)?;
    if !w.state.is_open() {
        return refuse(WishError::NotOpen {
            wish: id,
            state: w.state,
        });
    }
    Ok(w)
}

/// The owner's open wish, or the refusal.
fn owned_open_wish(rows: &mut dyn WishRows, id: WishId, person: &str) -> Result<Wish> {
    let w = open_wish(rows, id, person)?;
    if w.owner != person {
        return refuse(WishError::NotYours(id));
    }
    Ok(w)
}

pub fn fund(rows: &mut dyn WishRows, at: i64, f: &Fund) -> Result<Vec<Entry>> {
    let person = rows.ensure_handle(at, &f.person)?;
    // Always the wish before the pots, so two writers never wait on each
    // other in a circle.
    rows.hold(Hold::Wish(f.wish))?;
    rows.hold(Hold::Pots(&person))?;
    let w = open_wish(rows, f.wish, &person)?;
    if f.cents < 0 || f.minutes < 0 || (f.cents == 0 && f.minutes == 0) {
        return refuse(WishError::NothingToGive);
    }
    if f.cents > 0 && w.cost_cents.is_none() {
        return refuse(WishError::NoMoneyAsked(w.id));
    }
    if f.minutes > 0 && w.minutes.is_none() {
        return refuse(WishError::NoHoursAsked(w.id));
    }
    let mine = rows.entries(Entries::Pots(&person))?;
    let when = from_millis(at);
    if f.cents > w.needs_cents() || f.minutes > w.needs_minutes() {
        // Over both limits: the smaller one is said, so the next try fits.
        // Less free than the wish needs: what is free.
        let (c, m) = (
            f.cents.min(w.needs_cents()),
            f.minutes.min(w.needs_minutes()),
        );
        if let Err(short) = ledger::plan_draw(&person, &mine, when.date_naive(), c, m, None) {
            return Err(wish_error(short));
        }
        return refuse(WishError::TooMuch {
            wish: w.id,
            cents: w.needs_cents(),
            minutes: w.needs_minutes(),
        });
    }
    let note = wish::note(f.note.as_deref()).map_err(wish_error)?;
    let from = match f.from.as_deref() {
        Some(s) => Some(check_source(s).map_err(wish_error)?),
        None => None,
    };
    let draws = ledger::plan_draw(
        &person,
        &mine,
        when.date_naive(),
        f.cents,
        f.minutes,
        from.as_deref(),
    )
    .map_err(wish_error)?;
    let mut written = Vec::new();
    for d in draws {
        written.push(insert(
            rows,
            Entry {
                person: Some(person.clone()),
                source: d.source,
                cents: -d.cents,
                minutes: -d.minutes,
                wish: Some(w.id),
                by: person.clone(),
                note: note.clone(),
                expires: d.expires,
                ..blank(when, EntryKind::Contribution)
            },
        )?);
    }
    // A colleague's gift may be matched; one's own is not.
    if person != w.owner && f.cents > 0 {
        let rules = rows.match_rules()?;
        if !rules.is_empty() {
            rows.hold(Hold::Matching)?;
        }
        let mut room = w.needs_cents() - f.cents;
        for rule in rules {
            if room <= 0 {
                break;
            }
            let used = rows.rule_used(rule.id)?;
            let m = (f.cents * rule.percent / 100)
                .min(rule.cap_cents - used)
                .min(room);
            if m > 0 {
                written.push(insert(
                    rows,
                    Entry {
                        source: rule.source.clone(),
                        cents: -m,
                        wish: Some(w.id),
                        by: person.clone(),
                        rule: Some(rule.id),
                        ..blank(when, EntryKind::Match)
                    },
                )?);
                room -= m;
            }
        }
    }
    Ok(written)
}

pub fn set_match(rows: &mut dyn WishRows, at: i64, rule: &MatchRule) -> Result<()> {
    let source = check_source(&rule.source).map_err(wish_error)?;
    let by = rows.ensure_handle(at, &rule.by)?;
    rows.insert_rule(
        at,
        &MatchRule {
            source,
            by,
            ..rule.clone()
        },
    )
}

pub fn edit_wish(rows: &mut dyn WishRows, id: WishId, person: &str, edit: &WishEdit) -> Result<()> {
    let edit = edit.checked(person).map_err(wish_error)?;
    // The wish held, so no gift lands between the check and the change.
    rows.hold(Hold::Wish(id))?;
    let w = owned_open_wish(rows, id, person)?;
    edit.fits(&w).map_err(wish_error)?;
    rows.update_wish(id, &edit)
}

pub fn finish_wish(
    rows: &mut dyn WishRows,
    at: i64,
    id: WishId,
    person: &str,
    finish: &Finish,
) -> Result<()> {
    let finish = finish.checked().map_err(wish_error)?;
    rows.hold(Hold::Wish(id))?;
    owned_open_wish(rows, id, person)?;
    rows.close_wish(id, at, WishState::Done, Some(&finish))
}

pub fn withdraw_wish(
    rows: &mut dyn WishRows,
    at: i64,
    id: WishId,
    person: &str,
) -> Result<Vec<Entry>> {
    rows.hold(Hold::Wish(id))?;
    owned_open_wish(rows, id, person)?;
    let entries = rows.entries(Entries::Wish(id))?;
    // Withdrawn first: the team server lets the owner give colleagues'
    // money back only from a withdrawn wish.
    rows.close_wish(id, at, WishState::Withdrawn, None)?;
    ledger::refunds(id, &entries, person, from_millis(at))
        .into_iter()
        .map(|refund| insert(rows, refund))
        .collect()
}

pub fn grant(rows: &mut dyn WishRows, at: i64, g: &Grant) -> Result<Entry> {
    let person = rows.ensure_handle(at, &g.person)?;
    let by = rows.ensure_handle(at, &g.by)?;
    let source = check_source(&g.source).map_err(wish_error)?;
    let note = wish::note(g.note.as_deref()).map_err(wish_error)?;
    if g.cents < 0 || g.minutes < 0 || (g.cents == 0 && g.minutes == 0) {
        return refuse(WishError::NothingToGive);
    }
    insert(
        rows,
        Entry {
            person: Some(person),
            source,
            cents: g.cents,
            minutes: g.minutes,
            by,
            note,
            year: g.year,
            expires: g.expires,
            ..blank(from_millis(at), EntryKind::Grant)
        },
    )
}

pub fn budget(rows: &mut dyn WishRows, person: &str, today: NaiveDate) -> Result<Budget> {
    let mine = rows.entries(Entries::Pots(person))?;
    let mut refs: Vec<WishRef> = Vec::new();
    for id in mine.iter().filter_map(|e| e.wish) {
        if refs.iter().any(|r| r.id == id) {
            continue;
        }
        // A wish the person gave to stays visible to them by name: they
        // know it, they funded it.
        // The derived state (funded when covered), the word `wish show`
        // and the pane use too.
        if let Some(w) = rows.wish_row(id)? {
            let w = with_received(rows, w)?;
            refs.push(WishRef {
                id,
                owner: w.owner,
                text: w.text,
                state: w.state,
            });
        }
    }
    Ok(Budget::compute(
        person,
        &mine,
        &refs,
        money::currency(),
        today,
    ))
}

pub fn issue_vouchers(rows: &mut dyn WishRows, at: i64, v: &VoucherIssue) -> Result<()> {
    let by = rows.ensure_handle(at, &v.by)?;
    let source = check_source(&v.source).map_err(wish_error)?;
    rows.insert_vouchers(
        at,
        &VoucherIssue {
            by,
            source,
            ..v.clone()
        },
    )
}

pub fn redeem_voucher(
    rows: &mut dyn WishRows,
    at: i64,
    person: &str,
    hash: &str,
    today: NaiveDate,
) -> Result<Redeemed> {
    let person = rows.ensure_handle(at, person)?;
    rows.redeem(at, &person, hash, today)
}

/// After the transaction: a counted try is the person's refusal.
pub fn redeemed(r: Redeemed) -> Result<Entry> {
    match r {
        Redeemed::Entry(e) => Ok(*e),
        Redeemed::Counted(e) => refuse(e),
    }
}

/// A backup's wishes and budgets may be restored: texts clean, no stored
/// "funded" (it is derived), and a ledger that leaves no pot below zero,
/// so a hand-edited backup cannot make money that was never granted.
pub fn restorable(b: &Budgets) -> Result<()> {
    use crate::domain::text::is_clean;
    use crate::store::backup::bad;
    for w in &b.wishes {
        let texts = [Some(&w.text), w.why.as_ref(), w.reflection.as_ref()];
        if w.text.trim().is_empty() || !texts.into_iter().flatten().all(|t| is_clean(t)) {
            return Err(bad(format!("{}: its text is empty or not clean", w.id)));
        }
        if w.state == WishState::Funded {
            return Err(bad(format!(
                "{}: state funded is derived, not stored",
                w.id
            )));
        }
    }
    for e in &b.ledger {
        let texts = [Some(&e.source), Some(&e.by), e.note.as_ref()];
        if !texts.into_iter().flatten().all(|t| is_clean(t)) {
            return Err(bad(format!("ledger entry {}: its text is not clean", e.id)));
        }
    }
    let mut people: Vec<&str> = b
        .ledger
        .iter()
        .filter_map(|e| e.person.as_deref())
        .collect();
    people.sort_unstable();
    people.dedup();
    let today = crate::domain::now().date_naive();
    for p in people {
        for pot in ledger::pots(p, &b.ledger, today) {
            if pot.free_cents < 0 || pot.free_minutes < 0 {
                return Err(bad(format!(
                    "the ledger leaves {p}'s pot {} below zero",
                    pot.source
                )));
            }
        }
    }
    Ok(())
}
