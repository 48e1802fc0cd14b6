//! Wishes, budgets and vouchers in SQL. Each write runs inside the
//! caller's `BEGIN IMMEDIATE` transaction: it reads the ledger, asks
//! `domain::ledger` what may happen, and inserts — no other writer can
//! come between the check and the insert, so a budget never goes below
//! zero however many processes give at once.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::rows::exec;
use super::write::ensure_handle;
use crate::domain::ledger::{
    self, Budget, Budgets, Entry, EntryKind, StoredRule, StoredVoucher, StoredWish, WishRef,
};
use crate::domain::wish::{
    Finish, NewWish, Wish, WishError, WishId, WishQuery, WishState, source as check_source,
};
use crate::domain::{Brought, Time, money};
use crate::store::rows::{tag_pattern, tags_from_sql, tags_to_sql, time_from_sql};
use crate::store::wishes::{Fund, Grant, MatchRule, VoucherIssue};
use crate::store::{Result, StoreError};

/// Wrong voucher codes a person may type within [`MISS_WINDOW_MS`].
pub const MAX_MISSES: i64 = 5;
/// The window of the voucher rate limit: 15 minutes.
pub const MISS_WINDOW_MS: i64 = 15 * 60 * 1000;

const ENTRY_COLUMNS: &str = "id, at, kind, person, source, cents, minutes, wish, by, note, year, \
                             expires, voucher, rule, refund_of";

fn date_from_sql(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn date_to_sql(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn entry_row(r: &Row) -> rusqlite::Result<Entry> {
    let kind: String = r.get(2)?;
    Ok(Entry {
        id: r.get(0)?,
        at: time_from_sql(r.get(1)?),
        // The table's CHECK allows only the five names.
        kind: EntryKind::from_name(&kind).unwrap_or(EntryKind::Grant),
        person: r.get(3)?,
        source: r.get(4)?,
        cents: r.get(5)?,
        minutes: r.get(6)?,
        wish: r.get::<_, Option<i64>>(7)?.map(WishId),
        by: r.get(8)?,
        note: r.get(9)?,
        year: r.get(10)?,
        expires: date_from_sql(r.get(11)?),
        voucher: r.get(12)?,
        rule: r.get(13)?,
        refund_of: r.get(14)?,
    })
}

fn select_entries<P: rusqlite::Params>(tx: &Connection, filter: &str, p: P) -> Result<Vec<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM ledger {filter} ORDER BY id");
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(p, entry_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts one entry; returns it with its id.
fn insert(tx: &Connection, e: &Entry) -> Result<Entry> {
    insert_row(tx, None, e)?;
    Ok(Entry {
        id: tx.last_insert_rowid(),
        ..e.clone()
    })
}

/// The one INSERT of a ledger row: under its own id (a restore) or, with
/// `None`, under the next free one (`INTEGER PRIMARY KEY` picks it).
fn insert_row(tx: &Connection, id: Option<i64>, e: &Entry) -> Result<()> {
    exec(
        tx,
        "INSERT INTO ledger (id, at, kind, person, source, cents, minutes, wish, by, note,
                             year, expires, voucher, rule, refund_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            e.at.timestamp_millis(),
            e.kind.name(),
            e.person,
            e.source,
            e.cents,
            e.minutes,
            e.wish.map(|w| w.0),
            e.by,
            e.note,
            e.year,
            date_to_sql(e.expires),
            e.voucher,
            e.rule,
            e.refund_of,
        ],
    )?;
    Ok(())
}

fn blank(at: Time, kind: EntryKind) -> Entry {
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

fn wish_error(e: WishError) -> StoreError {
    StoreError::Wish(e)
}

pub fn add_wish(tx: &Connection, at: i64, wish: &NewWish) -> Result<WishId> {
    let w = wish.checked().map_err(wish_error)?;
    ensure_handle(tx, at, &w.owner)?;
    exec(
        tx,
        "INSERT INTO wish (owner, text, why, cost_cents, minutes, tags, private, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            w.owner,
            w.text,
            w.why,
            w.cost_cents,
            w.minutes,
            tags_to_sql(&w.tags),
            w.private,
            at
        ],
    )?;
    Ok(WishId(tx.last_insert_rowid()))
}

const WISH_COLUMNS: &str = "id, owner, text, why, cost_cents, minutes, tags, private, state, \
                            reflection, brought, created_at, closed_at";

fn wish_row(r: &Row) -> rusqlite::Result<Wish> {
    let state: String = r.get(8)?;
    let stored = match state.as_str() {
        "done" => WishState::Done,
        "withdrawn" => WishState::Withdrawn,
        _ => WishState::Open,
    };
    Ok(Wish {
        id: WishId(r.get(0)?),
        owner: r.get(1)?,
        text: r.get(2)?,
        why: r.get(3)?,
        cost_cents: r.get(4)?,
        minutes: r.get(5)?,
        tags: tags_from_sql(&r.get::<_, String>(6)?),
        private: r.get(7)?,
        state: stored,
        reflection: r.get(9)?,
        brought: r
            .get::<_, Option<String>>(10)?
            .as_deref()
            .and_then(Brought::from_name),
        created_at: time_from_sql(r.get(11)?),
        closed_at: r.get::<_, Option<i64>>(12)?.map(time_from_sql),
        given_cents: 0,
        given_minutes: 0,
        matched_cents: 0,
        givers: Vec::new(),
    })
}

/// Fills in what the wish received and its derived state.
fn with_received(tx: &Connection, mut w: Wish) -> Result<Wish> {
    let entries = select_entries(tx, "WHERE wish = ?1", [w.id.0])?;
    let got = ledger::received(w.id, &entries);
    w.given_cents = got.cents;
    w.given_minutes = got.minutes;
    w.matched_cents = got.matched_cents;
    w.givers = got.givers;
    w.state = Wish::derive_state(w.state, w.cost_cents, w.minutes, got.cents, got.minutes);
    Ok(w)
}

/// The wish as `viewer` may see it: another's private wish is not found.
pub fn wish(tx: &Connection, id: WishId, viewer: &str) -> Result<Wish> {
    let sql = format!("SELECT {WISH_COLUMNS} FROM wish WHERE id = ?1");
    let found = tx
        .prepare_cached(&sql)?
        .query_row([id.0], wish_row)
        .optional()?;
    match found {
        Some(w) if !w.private || w.owner == viewer => with_received(tx, w),
        _ => Err(wish_error(WishError::NotFound(id))),
    }
}

pub fn list_wishes(tx: &Connection, q: &WishQuery, viewer: &str) -> Result<Vec<Wish>> {
    let sql = format!(
        "SELECT {WISH_COLUMNS} FROM wish
         WHERE (private = 0 OR owner = ?1)
           AND (?2 IS NULL OR owner = ?2)
           AND (?3 IS NULL OR ' ' || tags || ' ' LIKE ?3 ESCAPE '\\')
           AND (?4 OR state = 'open')
         ORDER BY id DESC LIMIT ?5"
    );
    let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
    let tag = q.tag.as_deref().map(tag_pattern);
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![viewer, q.owner, tag, q.closed, limit], wish_row)?;
    let wishes: Vec<Wish> = rows.collect::<rusqlite::Result<_>>()?;
    wishes.into_iter().map(|w| with_received(tx, w)).collect()
}

/// An open wish the person may act on; refused otherwise.
fn open_wish(tx: &Connection, id: WishId, person: &str) -> Result<Wish> {
    let w = wish(tx, id, person)?;
    if !w.state.is_open() {
        return Err(wish_error(WishError::NotOpen {
            wish: id,
            state: w.state,
        }));
    }
    Ok(w)
}

pub fn fund(tx: &Connection, at: i64, f: &Fund) -> Result<Vec<Entry>> {
    let person = ensure_handle(tx, at, &f.person)?;
    let w = open_wish(tx, f.wish, &person)?;
    let fail = |e| Err(wish_error(e));
    if f.cents < 0 || f.minutes < 0 || (f.cents == 0 && f.minutes == 0) {
        return fail(WishError::NothingToGive);
    }
    if f.cents > 0 && w.cost_cents.is_none() {
        return fail(WishError::NoMoneyAsked(w.id));
    }
    if f.minutes > 0 && w.minutes.is_none() {
        return fail(WishError::NoHoursAsked(w.id));
    }
    if f.cents > w.needs_cents() || f.minutes > w.needs_minutes() {
        return fail(WishError::TooMuch {
            wish: w.id,
            cents: w.needs_cents(),
            minutes: w.needs_minutes(),
        });
    }
    let note = crate::domain::wish::note(f.note.as_deref()).map_err(wish_error)?;
    let from = match f.from.as_deref() {
        Some(s) => Some(check_source(s).map_err(wish_error)?),
        None => None,
    };
    let when = time_from_sql(at);
    let mine = select_entries(tx, "WHERE person = ?1", [&person])?;
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
            tx,
            &Entry {
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
        let mut room = w.needs_cents() - f.cents;
        for rule in match_rules(tx)? {
            if room <= 0 {
                break;
            }
            let used: i64 = tx.query_row(
                "SELECT -coalesce(sum(cents), 0) FROM ledger WHERE rule = ?1",
                [rule.0],
                |r| r.get(0),
            )?;
            let m = (f.cents * rule.2 / 100).min(rule.3 - used).min(room);
            if m > 0 {
                written.push(insert(
                    tx,
                    &Entry {
                        source: rule.1.clone(),
                        cents: -m,
                        wish: Some(w.id),
                        by: person.clone(),
                        rule: Some(rule.0),
                        ..blank(when, EntryKind::Match)
                    },
                )?);
                room -= m;
            }
        }
    }
    Ok(written)
}

/// The rule in force per source (its newest): (id, source, percent, cap).
fn match_rules(tx: &Connection) -> Result<Vec<(i64, String, i64, i64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, source, percent, cap_cents FROM match_rule m
         WHERE id = (SELECT max(id) FROM match_rule WHERE source = m.source)
         ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_match(tx: &Connection, at: i64, rule: &MatchRule) -> Result<()> {
    let source = check_source(&rule.source).map_err(wish_error)?;
    exec(
        tx,
        "INSERT INTO match_rule (source, percent, cap_cents, set_by, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![source, rule.percent, rule.cap_cents, rule.by, at],
    )?;
    Ok(())
}

/// The owner's open wish, or the refusal.
fn owned_open_wish(tx: &Connection, id: WishId, person: &str) -> Result<Wish> {
    let w = open_wish(tx, id, person)?;
    if w.owner != person {
        return Err(wish_error(WishError::NotYours(id)));
    }
    Ok(w)
}

pub fn finish_wish(
    tx: &Connection,
    at: i64,
    id: WishId,
    person: &str,
    finish: &Finish,
) -> Result<()> {
    let finish = finish.checked().map_err(wish_error)?;
    owned_open_wish(tx, id, person)?;
    exec(
        tx,
        "UPDATE wish SET state = 'done', reflection = ?2, brought = ?3, closed_at = ?4
         WHERE id = ?1",
        params![
            id.0,
            finish.reflection,
            finish.brought.map(Brought::name),
            at
        ],
    )?;
    Ok(())
}

pub fn withdraw_wish(tx: &Connection, at: i64, id: WishId, person: &str) -> Result<Vec<Entry>> {
    owned_open_wish(tx, id, person)?;
    let entries = select_entries(tx, "WHERE wish = ?1", [id.0])?;
    let mut out = Vec::new();
    for refund in ledger::refunds(id, &entries, person, time_from_sql(at)) {
        out.push(insert(tx, &refund)?);
    }
    exec(
        tx,
        "UPDATE wish SET state = 'withdrawn', closed_at = ?2 WHERE id = ?1",
        params![id.0, at],
    )?;
    Ok(out)
}

pub fn grant(tx: &Connection, at: i64, g: &Grant) -> Result<Entry> {
    let person = ensure_handle(tx, at, &g.person)?;
    let by = ensure_handle(tx, at, &g.by)?;
    let source = check_source(&g.source).map_err(wish_error)?;
    let note = crate::domain::wish::note(g.note.as_deref()).map_err(wish_error)?;
    if g.cents < 0 || g.minutes < 0 || (g.cents == 0 && g.minutes == 0) {
        return Err(wish_error(WishError::NothingToGive));
    }
    insert(
        tx,
        &Entry {
            person: Some(person),
            source,
            cents: g.cents,
            minutes: g.minutes,
            by,
            note,
            year: g.year,
            expires: g.expires,
            ..blank(time_from_sql(at), EntryKind::Grant)
        },
    )
}

/// The entries of one person's pots and of the wishes they own, or all.
pub fn entries(tx: &Connection, person: Option<&str>) -> Result<Vec<Entry>> {
    match person {
        Some(p) => select_entries(
            tx,
            "WHERE person = ?1 OR wish IN (SELECT id FROM wish WHERE owner = ?1)",
            [p],
        ),
        None => select_entries(tx, "", []),
    }
}

pub fn budget(tx: &Connection, person: &str, today: NaiveDate) -> Result<Budget> {
    let mine = select_entries(tx, "WHERE person = ?1", [person])?;
    let mut refs = Vec::new();
    let mut seen: Vec<WishId> = Vec::new();
    for id in mine.iter().filter_map(|e| e.wish) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        // A wish the person gave to stays visible to them by name, even
        // when it is private: they know it, they funded it.
        let sql = format!("SELECT {WISH_COLUMNS} FROM wish WHERE id = ?1");
        if let Some(w) = tx
            .prepare_cached(&sql)?
            .query_row([id.0], wish_row)
            .optional()?
        {
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

pub fn issue_vouchers(tx: &Connection, at: i64, v: &VoucherIssue) -> Result<()> {
    let by = ensure_handle(tx, at, &v.by)?;
    let source = check_source(&v.source).map_err(wish_error)?;
    for hash in &v.hashes {
        exec(
            tx,
            "INSERT INTO voucher (hash, cents, minutes, source, expires, issued_by, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                hash,
                v.cents,
                v.minutes,
                source,
                date_to_sql(v.expires),
                by,
                at
            ],
        )?;
    }
    Ok(())
}

/// What a redemption attempt came to: a wrong code is remembered (for the
/// rate limit) and so must commit, unlike a refusal.
pub enum Redeemed {
    Entry(Box<Entry>),
    Wrong,
}

pub fn redeem_voucher(
    tx: &Connection,
    at: i64,
    person: &str,
    hash: &str,
    today: NaiveDate,
) -> Result<Redeemed> {
    let person = ensure_handle(tx, at, person)?;
    let misses: i64 = tx.query_row(
        "SELECT count(*) FROM voucher_miss WHERE person = ?1 AND at > ?2",
        params![person, at - MISS_WINDOW_MS],
        |r| r.get(0),
    )?;
    if misses >= MAX_MISSES {
        let oldest: i64 = tx.query_row(
            "SELECT min(at) FROM (SELECT at FROM voucher_miss WHERE person = ?1 AND at > ?2
                                  ORDER BY at DESC LIMIT ?3)",
            params![person, at - MISS_WINDOW_MS, MAX_MISSES],
            |r| r.get(0),
        )?;
        let wait_ms = (oldest + MISS_WINDOW_MS - at).max(0);
        return Err(wish_error(WishError::TooManyTries {
            minutes: (wait_ms + 59_999) / 60_000,
        }));
    }
    let found = tx
        .prepare_cached("SELECT id, cents, minutes, source, expires FROM voucher WHERE hash = ?1")?
        .query_row([hash], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    let Some((id, cents, minutes, source, expires)) = found else {
        exec(
            tx,
            "INSERT INTO voucher_miss (person, at) VALUES (?1, ?2)",
            params![person, at],
        )?;
        return Ok(Redeemed::Wrong);
    };
    let expires = date_from_sql(expires);
    if let Some(end) = expires
        && end < today
    {
        return Err(wish_error(WishError::VoucherExpired(end)));
    }
    let used: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM ledger WHERE voucher = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if used {
        return Err(wish_error(WishError::VoucherUsed));
    }
    insert(
        tx,
        &Entry {
            person: Some(person.clone()),
            source,
            cents,
            minutes,
            by: person,
            expires,
            voucher: Some(id),
            ..blank(time_from_sql(at), EntryKind::Redemption)
        },
    )
    .map(|e| Redeemed::Entry(Box::new(e)))
}

impl crate::store::Wishes for super::SqliteStore {
    fn add_wish(&self, wish: &NewWish) -> Result<WishId> {
        self.write(|tx| add_wish(tx, now_ms(), wish))
    }
    fn wish(&self, id: WishId, viewer: &str) -> Result<Wish> {
        self.read(|tx| wish(tx, id, viewer))
    }
    fn list_wishes(&self, query: &WishQuery, viewer: &str) -> Result<Vec<Wish>> {
        self.read(|tx| list_wishes(tx, query, viewer))
    }
    fn fund(&self, f: &Fund) -> Result<Vec<Entry>> {
        self.write(|tx| fund(tx, now_ms(), f))
    }
    fn finish_wish(&self, id: WishId, person: &str, finish: &Finish) -> Result<()> {
        self.write(|tx| finish_wish(tx, now_ms(), id, person, finish))
    }
    fn withdraw_wish(&self, id: WishId, person: &str) -> Result<Vec<Entry>> {
        self.write(|tx| withdraw_wish(tx, now_ms(), id, person))
    }
    fn grant(&self, g: &Grant) -> Result<Entry> {
        self.write(|tx| grant(tx, now_ms(), g))
    }
    fn budget(&self, person: &str, today: NaiveDate) -> Result<Budget> {
        self.read(|tx| budget(tx, person, today))
    }
    fn entries(&self, person: Option<&str>) -> Result<Vec<Entry>> {
        self.read(|tx| entries(tx, person))
    }
    fn issue_vouchers(&self, issue: &VoucherIssue) -> Result<()> {
        self.write(|tx| issue_vouchers(tx, now_ms(), issue))
    }
    fn redeem_voucher(&self, person: &str, hash: &str, today: NaiveDate) -> Result<Entry> {
        match self.write(|tx| redeem_voucher(tx, now_ms(), person, hash, today))? {
            Redeemed::Entry(e) => Ok(*e),
            Redeemed::Wrong => Err(wish_error(WishError::WrongCode)),
        }
    }
    fn set_match(&self, rule: &MatchRule) -> Result<()> {
        self.write(|tx| set_match(tx, now_ms(), rule))
    }
}

fn now_ms() -> i64 {
    crate::domain::now().timestamp_millis()
}

/// The tables of wishes and budgets; all must be empty for a restore.
const BUDGET_TABLES: [&str; 4] = ["wish", "ledger", "voucher", "match_rule"];

pub fn refuse_content(tx: &Connection) -> Result<()> {
    for table in BUDGET_TABLES {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if n > 0 {
            return Err(crate::store::backup::has_content(table, n));
        }
    }
    Ok(())
}

/// Everything of wishes and budgets, for `export`, oldest first.
pub fn export(tx: &Connection) -> Result<Budgets> {
    let sql = format!("SELECT {WISH_COLUMNS} FROM wish ORDER BY id");
    let mut stmt = tx.prepare(&sql)?;
    let wishes = stmt
        .query_map([], wish_row)?
        .map(|w| {
            w.map(|w| StoredWish {
                id: w.id,
                owner: w.owner,
                text: w.text,
                why: w.why,
                cost_cents: w.cost_cents,
                minutes: w.minutes,
                tags: w.tags,
                private: w.private,
                state: w.state,
                reflection: w.reflection,
                brought: w.brought,
                created_at: w.created_at,
                closed_at: w.closed_at,
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = tx.prepare(
        "SELECT id, hash, cents, minutes, source, expires, issued_by, issued_at
         FROM voucher ORDER BY id",
    )?;
    let vouchers = stmt
        .query_map([], |r| {
            Ok(StoredVoucher {
                id: r.get(0)?,
                hash: r.get(1)?,
                cents: r.get(2)?,
                minutes: r.get(3)?,
                source: r.get(4)?,
                expires: date_from_sql(r.get(5)?),
                issued_by: r.get(6)?,
                issued_at: time_from_sql(r.get(7)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = tx.prepare(
        "SELECT id, source, percent, cap_cents, set_by, set_at FROM match_rule ORDER BY id",
    )?;
    let match_rules = stmt
        .query_map([], |r| {
            Ok(StoredRule {
                id: r.get(0)?,
                source: r.get(1)?,
                percent: r.get(2)?,
                cap_cents: r.get(3)?,
                set_by: r.get(4)?,
                set_at: time_from_sql(r.get(5)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Budgets {
        wishes,
        ledger: select_entries(tx, "", [])?,
        vouchers,
        match_rules,
    })
}

/// A restore's wishes and budgets, ids kept. Texts must be clean and the
/// ledger must leave no pot below zero: a hand-edited backup cannot make
/// money that was never granted.
pub fn restore(tx: &Connection, b: &Budgets) -> Result<()> {
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
        exec(
            tx,
            "INSERT INTO wish (id, owner, text, why, cost_cents, minutes, tags, private, state,
                               reflection, brought, created_at, closed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                w.id.0,
                w.owner,
                w.text,
                w.why,
                w.cost_cents,
                w.minutes,
                tags_to_sql(&w.tags),
                w.private,
                w.state.name(),
                w.reflection,
                w.brought.map(Brought::name),
                w.created_at.timestamp_millis(),
                w.closed_at.map(|t| t.timestamp_millis())
            ],
        )?;
    }
    for v in &b.vouchers {
        exec(
            tx,
            "INSERT INTO voucher (id, hash, cents, minutes, source, expires, issued_by, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                v.id,
                v.hash,
                v.cents,
                v.minutes,
                v.source,
                date_to_sql(v.expires),
                v.issued_by,
                v.issued_at.timestamp_millis()
            ],
        )?;
    }
    for r in &b.match_rules {
        exec(
            tx,
            "INSERT INTO match_rule (id, source, percent, cap_cents, set_by, set_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                r.id,
                r.source,
                r.percent,
                r.cap_cents,
                r.set_by,
                r.set_at.timestamp_millis()
            ],
        )?;
    }
    for e in &b.ledger {
        let texts = [Some(&e.source), Some(&e.by), e.note.as_ref()];
        if !texts.into_iter().flatten().all(|t| is_clean(t)) {
            return Err(bad(format!("ledger entry {}: its text is not clean", e.id)));
        }
        insert_row(tx, Some(e.id), e)?;
    }
    // No pot ends below zero.
    let mut people: Vec<&str> = b
        .ledger
        .iter()
        .filter_map(|e| e.person.as_deref())
        .collect();
    people.sort_unstable();
    people.dedup();
    for p in people {
        let mine: Vec<Entry> = b
            .ledger
            .iter()
            .filter(|e| e.person.as_deref() == Some(p))
            .cloned()
            .collect();
        let today = crate::domain::now().date_naive();
        for pot in ledger::pots(p, &mine, today) {
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
