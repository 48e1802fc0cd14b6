//! Wishes, budgets and vouchers on the team server: the rows behind
//! `store/wish_rules.rs` in PostgreSQL's dialect, and their export and
//! restore. Writes run in READ COMMITTED with a lock per wish and per
//! person's pots ([`Hold`]), so each check reads what the writer before
//! committed: 32 people giving at once take turns instead of failing and
//! retrying. Row-level security (migration 0015) decides what a login
//! sees and may write; a voucher is redeemed by `leertuin.redeem_voucher`,
//! which alone reads the codes' hashes.

use chrono::NaiveDate;
use postgres::Transaction;
use postgres::types::Type;

use super::rows::all;
use super::write::ensure_handle;
use crate::domain::Brought;
use crate::domain::ledger::{Budget, Budgets, Entry, StoredWish};
use crate::domain::voucher::Tries;
use crate::domain::wish::{
    Finish, NewWish, Wish, WishEdit, WishError, WishId, WishQuery, WishState,
};
use crate::store::backup::BUDGET_TABLES;
use crate::store::rows::{Cols, tag_pattern, tags_to_sql};
use crate::store::wish_cols::{
    self as cols, ENTRY_COLUMNS, RULE_COLUMNS, VOUCHER_COLUMNS, WISH_COLUMNS, date_to_sql,
};
use crate::store::wish_rules::{self as rules, Entries, Hold, Redeemed, Rule, WishRows};
use crate::store::wishes::{Fund, Grant, MatchRule, VoucherIssue};
use crate::store::{Result, StoreError};

type Tx<'a> = Transaction<'a>;

/// The rows, in one server transaction.
pub struct Rows<'t, 'c>(pub &'t mut Tx<'c>);

/// Typed (`query_typed`): one round trip, not two; a nudge reads these.
fn select_entries(
    tx: &mut Tx,
    filter: &str,
    p: &[(&(dyn postgres::types::ToSql + Sync), Type)],
) -> Result<Vec<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM ledger {filter} ORDER BY id");
    all(&tx.query_typed(&sql, p)?, cols::entry)
}

/// The one INSERT of a ledger row: under its own id (a restore) or, with
/// `None`, under the next one the identity column draws.
fn insert_entry(tx: &mut Tx, id: Option<i64>, e: &Entry) -> Result<i64> {
    let (column, first) = match id {
        Some(_) => ("id, ", "$15, "),
        None => ("", ""),
    };
    let sql = format!(
        "INSERT INTO ledger ({column}at, kind, person, source, cents, minutes, wish, by, note,
                             year, expires, voucher, rule, refund_of)
         VALUES ({first}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING id"
    );
    let at = e.at.timestamp_millis();
    let kind = e.kind.name();
    let wish = e.wish.map(|w| w.0);
    let expires = date_to_sql(e.expires);
    let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![
        &at,
        &kind,
        &e.person,
        &e.source,
        &e.cents,
        &e.minutes,
        &wish,
        &e.by,
        &e.note,
        &e.year,
        &expires,
        &e.voucher,
        &e.rule,
        &e.refund_of,
    ];
    let given = id.unwrap_or_default();
    if id.is_some() {
        params.push(&given);
    }
    let row = tx.query_one(&sql, &params)?;
    Ok(row.try_get(0)?)
}

/// The one INSERT of a wish: under its own id (a restore) or, with `None`,
/// under the next one the identity column draws.
fn insert_wish(tx: &mut Tx, id: Option<WishId>, w: &StoredWish) -> Result<WishId> {
    let (column, first) = match id {
        Some(_) => ("id, ", "$13, "),
        None => ("", ""),
    };
    let sql = format!(
        "INSERT INTO wish ({column}owner, text, why, cost_cents, minutes, tags, private, state,
                           reflection, brought, created_at, closed_at)
         VALUES ({first}$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id"
    );
    let tags = tags_to_sql(&w.tags);
    let state = w.state.name();
    let brought = w.brought.map(Brought::name);
    let created = w.created_at.timestamp_millis();
    let closed = w.closed_at.map(|t| t.timestamp_millis());
    let given = id.map_or(0, |i| i.0);
    let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![
        &w.owner,
        &w.text,
        &w.why,
        &w.cost_cents,
        &w.minutes,
        &tags,
        &w.private,
        &state,
        &w.reflection,
        &brought,
        &created,
        &closed,
    ];
    if id.is_some() {
        params.push(&given);
    }
    Ok(WishId(tx.query_one(&sql, &params)?.int(0)?))
}

impl WishRows for Rows<'_, '_> {
    fn ensure_handle(&mut self, at: i64, handle: &str) -> Result<String> {
        ensure_handle(self.0, at, handle)
    }

    fn hold(&mut self, what: Hold) -> Result<()> {
        let key = match what {
            Hold::Wish(id) => format!("wish {}", id.0),
            Hold::Pots(person) => format!("pots {person}"),
            Hold::Matching => "matching".to_string(),
        };
        self.0.execute("SELECT leertuin.hold($1)", &[&key])?;
        Ok(())
    }

    fn insert_wish(&mut self, id: Option<WishId>, w: &StoredWish) -> Result<WishId> {
        insert_wish(self.0, id, w)
    }

    fn wish_row(&mut self, id: WishId) -> Result<Option<StoredWish>> {
        let sql = format!("SELECT {WISH_COLUMNS} FROM wish WHERE id = $1");
        self.0
            .query_opt(&sql, &[&id.0])?
            .as_ref()
            .map(cols::wish)
            .transpose()
    }

    fn wish_rows(&mut self, q: &WishQuery, viewer: &str) -> Result<Vec<StoredWish>> {
        // Row-level security keeps others' private wishes out; the same
        // condition here keeps the superuser's view (an export) the same.
        let sql = format!(
            "SELECT {WISH_COLUMNS} FROM wish
             WHERE (NOT private OR owner = $1)
               AND ($2::text IS NULL OR owner = $2)
               AND ($3::text IS NULL OR (' ' || tags || ' ') LIKE $3 ESCAPE '\\')
               AND ($4 OR state = 'open')
             ORDER BY id DESC LIMIT $5"
        );
        let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
        let tag = q.tag.as_deref().map(tag_pattern);
        let rows = self.0.query_typed(
            &sql,
            &[
                (&viewer, Type::TEXT),
                (&q.owner, Type::TEXT),
                (&tag, Type::TEXT),
                (&q.closed, Type::BOOL),
                (&limit, Type::INT8),
            ],
        )?;
        all(&rows, cols::wish)
    }

    fn update_wish(&mut self, id: WishId, edit: &WishEdit) -> Result<()> {
        self.0.execute(
            "UPDATE wish SET text = $2, why = $3, cost_cents = $4, minutes = $5 WHERE id = $1",
            &[
                &id.0,
                &edit.text,
                &edit.why,
                &edit.cost_cents,
                &edit.minutes,
            ],
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
        self.0.execute(
            "UPDATE wish SET state = $2, reflection = $3, brought = $4, closed_at = $5
             WHERE id = $1",
            &[
                &id.0,
                &state.name(),
                &finish.and_then(|f| f.reflection.clone()),
                &finish.and_then(|f| f.brought).map(Brought::name),
                &at,
            ],
        )?;
        Ok(())
    }

    fn entries(&mut self, which: Entries) -> Result<Vec<Entry>> {
        match which {
            Entries::Pots(p) => select_entries(self.0, "WHERE person = $1", &[(&p, Type::TEXT)]),
            Entries::Wish(w) => select_entries(self.0, "WHERE wish = $1", &[(&w.0, Type::INT8)]),
            Entries::Mine(p) => select_entries(
                self.0,
                "WHERE person = $1 OR wish IN (SELECT id FROM wish WHERE owner = $1)",
                &[(&p, Type::TEXT)],
            ),
            Entries::All => select_entries(self.0, "", &[]),
        }
    }

    fn person_name(&mut self, handle: &str) -> Result<Option<String>> {
        let row = self.0.query_typed_opt(
            "SELECT name FROM person WHERE handle = $1",
            &[(&handle, Type::TEXT)],
        )?;
        row.map(|r| r.text(0)).transpose()
    }

    fn insert_entry(&mut self, e: &Entry) -> Result<i64> {
        insert_entry(self.0, None, e)
    }

    fn match_rules(&mut self) -> Result<Vec<Rule>> {
        let rows = self.0.query(
            "SELECT id, source, percent, cap_cents FROM match_rule m
             WHERE id = (SELECT max(id) FROM match_rule WHERE source = m.source)
             ORDER BY id",
            &[],
        )?;
        all(&rows, |r| {
            Ok(Rule {
                id: r.int(0)?,
                source: r.text(1)?,
                percent: r.int(2)?,
                cap_cents: r.int(3)?,
            })
        })
    }

    fn rule_used(&mut self, rule: i64) -> Result<i64> {
        let row = self.0.query_one(
            "SELECT -coalesce(sum(cents), 0)::bigint FROM ledger WHERE rule = $1",
            &[&rule],
        )?;
        row.int(0)
    }

    fn insert_rule(&mut self, at: i64, rule: &MatchRule) -> Result<()> {
        self.0.execute(
            "INSERT INTO match_rule (source, percent, cap_cents, set_by, set_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[&rule.source, &rule.percent, &rule.cap_cents, &rule.by, &at],
        )?;
        Ok(())
    }

    fn insert_vouchers(&mut self, at: i64, v: &VoucherIssue) -> Result<()> {
        let expires = date_to_sql(v.expires);
        for hash in &v.hashes {
            self.0.execute(
                "INSERT INTO voucher (hash, cents, minutes, source, expires, issued_by, issued_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[&hash, &v.cents, &v.minutes, &v.source, &expires, &v.by, &at],
            )?;
        }
        Ok(())
    }

    /// The server redeems (`leertuin.redeem_voucher`, by its own clock):
    /// only it reads the codes' hashes.
    fn redeem(
        &mut self,
        _at: i64,
        _person: &str,
        hash: &str,
        _today: NaiveDate,
    ) -> Result<Redeemed> {
        let row = self.0.query_one(
            "SELECT status, entry, detail, tries_left, wait_minutes
             FROM leertuin.redeem_voucher($1)",
            &[&hash],
        )?;
        let status = row.text(0)?;
        let detail = row.opt_text(2)?.unwrap_or_default();
        let tries = Tries {
            left: row.opt_int(3)?.unwrap_or_default(),
            wait_minutes: row.opt_int(4)?.unwrap_or_default(),
        };
        let counted = |e| Ok(Redeemed::Counted(e));
        match status.as_str() {
            "ok" => {
                let id = row.int(1)?;
                let mut found = select_entries(self.0, "WHERE id = $1", &[(&id, Type::INT8)])?;
                found
                    .pop()
                    .map(|e| Redeemed::Entry(Box::new(e)))
                    .ok_or_else(|| StoreError::Backend(format!("ledger entry {id} vanished")))
            }
            "wrong" => counted(WishError::WrongCode(tries)),
            "yours" => Err(StoreError::Wish(WishError::VoucherYours)),
            "used" => counted(WishError::VoucherUsed(tries)),
            // The server says "expired" only of a date it read (0018: an
            // unreadable one never ends, as on a file); anything else is
            // a server this build does not know.
            "expired" => match cols::date_from_sql(Some(detail.clone())) {
                Some(end) => counted(WishError::VoucherExpired(end, tries)),
                None => Err(StoreError::Backend(format!(
                    "a voucher's end date reads {detail:?}"
                ))),
            },
            "tries" => Err(StoreError::Wish(WishError::TooManyTries {
                minutes: tries.wait_minutes.max(1),
            })),
            other => Err(StoreError::Backend(format!(
                "redeem_voucher answered {other:?}"
            ))),
        }
    }
}

/// Everything of wishes and budgets the login may read, oldest first.
pub fn export(tx: &mut Tx) -> Result<Budgets> {
    let mut read = |sql: String| tx.query(&sql, &[]);
    Ok(Budgets {
        wishes: all(
            &read(format!("SELECT {WISH_COLUMNS} FROM wish ORDER BY id"))?,
            cols::wish,
        )?,
        ledger: all(
            &read(format!("SELECT {ENTRY_COLUMNS} FROM ledger ORDER BY id"))?,
            cols::entry,
        )?,
        vouchers: all(
            &read(format!("SELECT {VOUCHER_COLUMNS} FROM voucher ORDER BY id"))?,
            cols::voucher,
        )?,
        match_rules: all(
            &read(format!("SELECT {RULE_COLUMNS} FROM match_rule ORDER BY id"))?,
            cols::rule,
        )?,
    })
}

/// A restore's wishes and budgets, ids kept, once [`rules::restorable`]
/// has checked them; the id sequences then number on from them.
pub fn restore(tx: &mut Tx, b: &Budgets) -> Result<()> {
    rules::restorable(b)?;
    for w in &b.wishes {
        insert_wish(tx, Some(w.id), w)?;
    }
    for v in &b.vouchers {
        tx.execute(
            "INSERT INTO voucher (id, hash, cents, minutes, source, expires, issued_by, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &v.id,
                &v.hash,
                &v.cents,
                &v.minutes,
                &v.source,
                &date_to_sql(v.expires),
                &v.issued_by,
                &v.issued_at.timestamp_millis(),
            ],
        )?;
    }
    for r in &b.match_rules {
        tx.execute(
            "INSERT INTO match_rule (id, source, percent, cap_cents, set_by, set_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &r.id,
                &r.source,
                &r.percent,
                &r.cap_cents,
                &r.set_by,
                &r.set_at.timestamp_millis(),
            ],
        )?;
    }
    for e in &b.ledger {
        insert_entry(tx, Some(e.id), e)?;
    }
    for table in BUDGET_TABLES {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('leertuin.{table}', 'id'), max(id))
                 FROM {table} HAVING max(id) IS NOT NULL"
            ),
            &[],
        )?;
    }
    Ok(())
}

fn now_ms() -> i64 {
    crate::domain::now().timestamp_millis()
}

/// Every call acts for the person it names (a kiosk says so to the server
/// first; a person's own login is that person already).
impl crate::store::Wishes for super::PgStore {
    fn add_wish(&self, wish: &NewWish) -> Result<WishId> {
        self.locked(&wish.owner, |r| rules::add_wish(r, now_ms(), wish))
    }
    fn wish(&self, id: WishId, viewer: &str) -> Result<Wish> {
        self.read(Some(viewer), |tx| rules::wish(&mut Rows(tx), id, viewer))
    }
    fn list_wishes(&self, query: &WishQuery, viewer: &str) -> Result<Vec<Wish>> {
        self.read(Some(viewer), |tx| {
            rules::list_wishes(&mut Rows(tx), query, viewer)
        })
    }
    fn fund(&self, f: &Fund) -> Result<Vec<Entry>> {
        self.locked(&f.person, |r| rules::fund(r, now_ms(), f))
    }
    fn finish_wish(&self, id: WishId, person: &str, finish: &Finish) -> Result<()> {
        self.locked(person, |r| {
            rules::finish_wish(r, now_ms(), id, person, finish)
        })
    }
    fn edit_wish(&self, id: WishId, person: &str, edit: &WishEdit) -> Result<()> {
        self.locked(person, |r| rules::edit_wish(r, id, person, edit))
    }
    fn withdraw_wish(&self, id: WishId, person: &str) -> Result<Vec<Entry>> {
        self.locked(person, |r| rules::withdraw_wish(r, now_ms(), id, person))
    }
    fn grant(&self, g: &Grant) -> Result<Entry> {
        self.locked(&g.by, |r| rules::grant(r, now_ms(), g))
    }
    fn budget(&self, person: &str, today: NaiveDate) -> Result<Budget> {
        self.read(Some(person), |tx| {
            rules::budget(&mut Rows(tx), person, today)
        })
    }
    fn entries(&self, person: Option<&str>) -> Result<Vec<Entry>> {
        let which = person.map_or(Entries::All, Entries::Mine);
        self.read(person, |tx| Rows(tx).entries(which))
    }
    fn issue_vouchers(&self, issue: &VoucherIssue) -> Result<()> {
        self.locked(&issue.by, |r| rules::issue_vouchers(r, now_ms(), issue))
    }
    fn redeem_voucher(&self, person: &str, hash: &str, today: NaiveDate) -> Result<Entry> {
        rules::redeemed(self.locked(person, |r| {
            rules::redeem_voucher(r, now_ms(), person, hash, today)
        })?)
    }
    fn set_match(&self, rule: &MatchRule) -> Result<()> {
        self.locked(&rule.by, |r| rules::set_match(r, now_ms(), rule))
    }
    fn is_admin(&self, person: &str, _configured: &[String]) -> Result<bool> {
        self.read(Some(person), |tx| {
            Ok(tx
                .query_one("SELECT leertuin.is_budget_admin()", &[])?
                .try_get(0)?)
        })
    }
}

impl super::PgStore {
    /// One wish write for `person` in READ COMMITTED: the write takes its
    /// own locks ([`Hold`]) before it reads what it checks.
    fn locked<T>(&self, person: &str, f: impl Fn(&mut dyn WishRows) -> Result<T>) -> Result<T> {
        self.write_in(postgres::IsolationLevel::ReadCommitted, |tx| {
            self.act_for(tx, person)?;
            f(&mut Rows(tx))
        })
    }
}
