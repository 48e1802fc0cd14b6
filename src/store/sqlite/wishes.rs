//! Wishes, budgets and vouchers in SQLite's SQL: the rows behind
//! `store/wish_rules.rs`, each write inside the caller's `BEGIN IMMEDIATE`
//! transaction, so no other writer comes between a check and its insert
//! and a budget never goes below zero however many processes give at once.
//! Export and restore of the same tables.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{all, exec};
use super::write::ensure_handle;
use crate::domain::Brought;
use crate::domain::ledger::{Budget, Budgets, Entry, EntryKind, StoredWish};
use crate::domain::voucher::{MAX_MISSES, MISS_WINDOW_MS, Tries, wait_minutes};
use crate::domain::wish::{
    Finish, NewWish, Wish, WishEdit, WishError, WishId, WishQuery, WishState,
};
use crate::store::nudge::WishNudges;
use crate::store::rows::{tag_pattern, tags_to_sql, time_from_sql};
use crate::store::wish_cols::{
    self as cols, ENTRY_COLUMNS, RULE_COLUMNS, VOUCHER_COLUMNS, WISH_COLUMNS, date_from_sql,
    date_to_sql,
};
use crate::store::wish_nudges::wish_nudges;
use crate::store::wish_rules::{self as rules, Entries, Hold, Redeemed, Rule, WishRows, blank};
use crate::store::wishes::{Fund, Grant, MatchRule, VoucherIssue};
use crate::store::{Result, StoreError};

fn select_entries<P: rusqlite::Params>(tx: &Connection, filter: &str, p: P) -> Result<Vec<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM ledger {filter} ORDER BY id");
    all(tx, &sql, p, |r| cols::entry(r))
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

fn wish_error(e: WishError) -> StoreError {
    StoreError::Wish(e)
}

/// The rows of wishes and the ledger in one `BEGIN IMMEDIATE` transaction:
/// no other writer runs meanwhile, so [`WishRows::hold`] has nothing to do.
struct Rows<'a>(&'a Connection);

impl WishRows for Rows<'_> {
    fn ensure_handle(&mut self, at: i64, handle: &str) -> Result<String> {
        ensure_handle(self.0, at, handle)
    }

    fn hold(&mut self, _what: Hold) -> Result<()> {
        Ok(())
    }

    fn insert_wish(&mut self, id: Option<WishId>, w: &StoredWish) -> Result<WishId> {
        insert_wish(self.0, id, w)
    }

    fn wish_row(&mut self, id: WishId) -> Result<Option<StoredWish>> {
        let sql = format!("SELECT {WISH_COLUMNS} FROM wish WHERE id = ?1");
        self.0
            .prepare_cached(&sql)?
            .query_row([id.0], |r| Ok(cols::wish(r)))
            .optional()?
            .transpose()
    }

    fn wish_rows(&mut self, q: &WishQuery, viewer: &str) -> Result<Vec<StoredWish>> {
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
        all(
            self.0,
            &sql,
            params![viewer, q.owner, tag, q.closed, limit],
            |r| cols::wish(r),
        )
    }

    fn update_wish(&mut self, id: WishId, edit: &WishEdit) -> Result<()> {
        exec(
            self.0,
            "UPDATE wish SET text = ?2, why = ?3, cost_cents = ?4, minutes = ?5 WHERE id = ?1",
            params![id.0, edit.text, edit.why, edit.cost_cents, edit.minutes],
        )?;
        Ok(())
    }

    fn close_wish(
        &mut self,
        id: WishId,
        at: i64,
        state: WishState,
        finish: Option<&Finish>,
    ) -> Result<()> {
        exec(
            self.0,
            "UPDATE wish SET state = ?2, reflection = ?3, brought = ?4, closed_at = ?5
             WHERE id = ?1",
            params![
                id.0,
                state.name(),
                finish.and_then(|f| f.reflection.clone()),
                finish.and_then(|f| f.brought).map(Brought::name),
                at
            ],
        )?;
        Ok(())
    }

    fn entries(&mut self, which: Entries) -> Result<Vec<Entry>> {
        match which {
            Entries::Pots(p) => select_entries(self.0, "WHERE person = ?1", [p]),
            Entries::Wish(w) => select_entries(self.0, "WHERE wish = ?1", [w.0]),
            Entries::Mine(p) => select_entries(
                self.0,
                "WHERE person = ?1 OR wish IN (SELECT id FROM wish WHERE owner = ?1)",
                [p],
            ),
            Entries::All => select_entries(self.0, "", []),
        }
    }

    fn person_name(&mut self, handle: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT name FROM person WHERE handle = ?1")?
            .query_row([handle], |r| r.get(0))
            .optional()?)
    }

    fn insert_entry(&mut self, e: &Entry) -> Result<i64> {
        insert_row(self.0, None, e)?;
        Ok(self.0.last_insert_rowid())
    }

    fn match_rules(&mut self) -> Result<Vec<Rule>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id, source, percent, cap_cents FROM match_rule m
             WHERE id = (SELECT max(id) FROM match_rule WHERE source = m.source)
             ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Rule {
                id: r.get(0)?,
                source: r.get(1)?,
                percent: r.get(2)?,
                cap_cents: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn rule_used(&mut self, rule: i64) -> Result<i64> {
        Ok(self.0.query_row(
            "SELECT -coalesce(sum(cents), 0) FROM ledger WHERE rule = ?1",
            [rule],
            |r| r.get(0),
        )?)
    }

    fn insert_rule(&mut self, at: i64, rule: &MatchRule) -> Result<()> {
        exec(
            self.0,
            "INSERT INTO match_rule (source, percent, cap_cents, set_by, set_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![rule.source, rule.percent, rule.cap_cents, rule.by, at],
        )?;
        Ok(())
    }

    fn insert_vouchers(&mut self, at: i64, v: &VoucherIssue) -> Result<()> {
        for hash in &v.hashes {
            exec(
                self.0,
                "INSERT INTO voucher (hash, cents, minutes, source, expires, issued_by, issued_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    hash,
                    v.cents,
                    v.minutes,
                    v.source,
                    date_to_sql(v.expires),
                    v.by,
                    at
                ],
            )?;
        }
        Ok(())
    }

    fn redeem(&mut self, at: i64, person: &str, hash: &str, today: NaiveDate) -> Result<Redeemed> {
        redeem(self.0, at, person, hash, today)
    }
}

/// The one INSERT of a wish: under its own id (a restore) or, with `None`,
/// under the next free one (`INTEGER PRIMARY KEY` picks it).
fn insert_wish(tx: &Connection, id: Option<WishId>, w: &StoredWish) -> Result<WishId> {
    exec(
        tx,
        "INSERT INTO wish (id, owner, text, why, cost_cents, minutes, tags, private, state,
                           reflection, brought, created_at, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id.map(|i| i.0),
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
    Ok(WishId(tx.last_insert_rowid()))
}

/// The rate limit's count in the window ending at `at`, and the time of
/// the oldest of the last [`MAX_MISSES`].
fn misses(tx: &Connection, person: &str, at: i64) -> Result<(i64, i64)> {
    Ok(tx.query_row(
        "SELECT count(*), coalesce(min(at), 0) FROM (
             SELECT at FROM voucher_miss WHERE person = ?1 AND at > ?2
             ORDER BY at DESC LIMIT ?3)",
        params![person, at - MISS_WINDOW_MS, MAX_MISSES],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A try that brought nothing, counted: what it leaves.
fn count_miss(tx: &Connection, person: &str, at: i64) -> Result<Tries> {
    exec(
        tx,
        "INSERT INTO voucher_miss (person, at) VALUES (?1, ?2)",
        params![person, at],
    )?;
    let (n, oldest) = misses(tx, person, at)?;
    Ok(Tries::after(n, oldest, at))
}

fn redeem(
    tx: &Connection,
    at: i64,
    person: &str,
    hash: &str,
    today: NaiveDate,
) -> Result<Redeemed> {
    let (n, oldest) = misses(tx, person, at)?;
    if n >= MAX_MISSES {
        return Err(wish_error(WishError::TooManyTries {
            minutes: wait_minutes(oldest, at),
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
        let tries = count_miss(tx, person, at)?;
        return Ok(Redeemed::Counted(WishError::WrongCode(tries)));
    };
    let used_by: Option<Option<String>> = tx
        .query_row("SELECT person FROM ledger WHERE voucher = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match used_by {
        // Typed again by whoever redeemed it: it is in their budget.
        Some(Some(p)) if p == person => return Err(wish_error(WishError::VoucherYours)),
        Some(_) => {
            let tries = count_miss(tx, person, at)?;
            return Ok(Redeemed::Counted(WishError::VoucherUsed(tries)));
        }
        None => {}
    }
    // An end date that does not read (a hand-edited row) is none: the
    // voucher is money its holder was handed, and refusing it or failing
    // would cost them a try and the money for a fault not theirs. The
    // server reads it the same way (migration 0018).
    let expires = date_from_sql(expires);
    if let Some(end) = expires
        && end < today
    {
        let tries = count_miss(tx, person, at)?;
        return Ok(Redeemed::Counted(WishError::VoucherExpired(end, tries)));
    }
    insert(
        tx,
        &Entry {
            person: Some(person.to_string()),
            source,
            cents,
            minutes,
            by: person.to_string(),
            expires,
            voucher: Some(id),
            ..blank(time_from_sql(at), EntryKind::Redemption)
        },
    )
    .map(|e| Redeemed::Entry(Box::new(e)))
}

impl crate::store::Wishes for super::SqliteStore {
    fn add_wish(&self, wish: &NewWish) -> Result<WishId> {
        self.write(|tx| rules::add_wish(&mut Rows(tx), now_ms(), wish))
    }
    fn wish(&self, id: WishId, viewer: &str) -> Result<Wish> {
        self.read(|tx| rules::wish(&mut Rows(tx), id, viewer))
    }
    fn list_wishes(&self, query: &WishQuery, viewer: &str) -> Result<Vec<Wish>> {
        self.read(|tx| rules::list_wishes(&mut Rows(tx), query, viewer))
    }
    fn fund(&self, f: &Fund) -> Result<Vec<Entry>> {
        self.write(|tx| rules::fund(&mut Rows(tx), now_ms(), f))
    }
    fn finish_wish(&self, id: WishId, person: &str, finish: &Finish) -> Result<()> {
        self.write(|tx| rules::finish_wish(&mut Rows(tx), now_ms(), id, person, finish))
    }
    fn edit_wish(&self, id: WishId, person: &str, edit: &WishEdit) -> Result<()> {
        self.write(|tx| rules::edit_wish(&mut Rows(tx), id, person, edit))
    }
    fn withdraw_wish(&self, id: WishId, person: &str) -> Result<Vec<Entry>> {
        self.write(|tx| rules::withdraw_wish(&mut Rows(tx), now_ms(), id, person))
    }
    fn grant(&self, g: &Grant) -> Result<Entry> {
        self.write(|tx| rules::grant(&mut Rows(tx), now_ms(), g))
    }
    fn budget(&self, person: &str, today: NaiveDate) -> Result<Budget> {
        self.read(|tx| rules::budget(&mut Rows(tx), person, today))
    }
    fn entries(&self, person: Option<&str>) -> Result<Vec<Entry>> {
        let which = person.map_or(Entries::All, Entries::Mine);
        self.read(|tx| Rows(tx).entries(which))
    }
    fn issue_vouchers(&self, issue: &VoucherIssue) -> Result<()> {
        self.write(|tx| rules::issue_vouchers(&mut Rows(tx), now_ms(), issue))
    }
    fn redeem_voucher(&self, person: &str, hash: &str, today: NaiveDate) -> Result<Entry> {
        rules::redeemed(
            self.write(|tx| rules::redeem_voucher(&mut Rows(tx), now_ms(), person, hash, today))?,
        )
    }
    fn set_match(&self, rule: &MatchRule) -> Result<()> {
        self.write(|tx| rules::set_match(&mut Rows(tx), now_ms(), rule))
    }
}

/// What a nudge may say about wishes, read in the caller's snapshot.
pub fn nudges(
    tx: &Connection,
    person: &str,
    offers: &[String],
    today: NaiveDate,
) -> Result<WishNudges> {
    wish_nudges(&mut Rows(tx), person, offers, today)
}

fn now_ms() -> i64 {
    crate::domain::now().timestamp_millis()
}

/// Everything of wishes and budgets, for `export`, oldest first.
pub fn export(tx: &Connection) -> Result<Budgets> {
    Ok(Budgets {
        wishes: all(
            tx,
            &format!("SELECT {WISH_COLUMNS} FROM wish ORDER BY id"),
            [],
            |r| cols::wish(r),
        )?,
        ledger: select_entries(tx, "", [])?,
        vouchers: all(
            tx,
            &format!("SELECT {VOUCHER_COLUMNS} FROM voucher ORDER BY id"),
            [],
            |r| cols::voucher(r),
        )?,
        match_rules: all(
            tx,
            &format!("SELECT {RULE_COLUMNS} FROM match_rule ORDER BY id"),
            [],
            |r| cols::rule(r),
        )?,
    })
}

/// A restore's wishes and budgets, ids kept, once
/// [`rules::restorable`] has checked them.
pub fn restore(tx: &Connection, b: &Budgets) -> Result<()> {
    rules::restorable(b)?;
    for w in &b.wishes {
        insert_wish(tx, Some(w.id), w)?;
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
        insert_row(tx, Some(e.id), e)?;
    }
    Ok(())
}
