//! Rows of wishes, the ledger, vouchers and matching rules as domain
//! values, the same on every backend (read through [`Cols`]). Both
//! backends keep the same columns in the same order: dates as
//! `YYYY-MM-DD` text, times as unix milliseconds.

use chrono::NaiveDate;

use super::Result;
use super::rows::Cols;
use crate::domain::Brought;
use crate::domain::ledger::{Entry, EntryKind, StoredRule, StoredVoucher, StoredWish};
use crate::domain::wish::{WishId, WishState};

pub const ENTRY_COLUMNS: &str = "id, at, kind, person, source, cents, minutes, wish, by, note, \
                                 year, expires, voucher, rule, refund_of";

pub const WISH_COLUMNS: &str = "id, owner, text, why, cost_cents, minutes, tags, private, state, \
                                reflection, brought, created_at, closed_at";

pub const VOUCHER_COLUMNS: &str = "id, hash, cents, minutes, source, expires, issued_by, issued_at";

pub const RULE_COLUMNS: &str = "id, source, percent, cap_cents, set_by, set_at";

pub fn date_from_sql(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

pub fn date_to_sql(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// A row of [`ENTRY_COLUMNS`].
pub fn entry<R: Cols + ?Sized>(r: &R) -> Result<Entry> {
    Ok(Entry {
        id: r.int(0)?,
        at: r.time(1)?,
        // The table's CHECK allows only the five names.
        kind: EntryKind::from_name(&r.text(2)?).unwrap_or(EntryKind::Grant),
        person: r.opt_text(3)?,
        source: r.text(4)?,
        cents: r.int(5)?,
        minutes: r.int(6)?,
        wish: r.opt_int(7)?.map(WishId),
        by: r.text(8)?,
        note: r.opt_text(9)?,
        year: r.opt_int(10)?.and_then(|y| i32::try_from(y).ok()),
        expires: date_from_sql(r.opt_text(11)?),
        voucher: r.opt_int(12)?,
        rule: r.opt_int(13)?,
        refund_of: r.opt_int(14)?,
    })
}

/// A row of [`WISH_COLUMNS`]: the state as stored (funded is derived).
pub fn wish<R: Cols + ?Sized>(r: &R) -> Result<StoredWish> {
    let state = match r.text(8)?.as_str() {
        "done" => WishState::Done,
        "withdrawn" => WishState::Withdrawn,
        _ => WishState::Open,
    };
    Ok(StoredWish {
        id: WishId(r.int(0)?),
        owner: r.text(1)?,
        text: r.text(2)?,
        why: r.opt_text(3)?,
        cost_cents: r.opt_int(4)?,
        minutes: r.opt_int(5)?,
        tags: r.tags(6)?,
        private: r.flag(7)?,
        state,
        reflection: r.opt_text(9)?,
        brought: r.opt_text(10)?.as_deref().and_then(Brought::from_name),
        created_at: r.time(11)?,
        closed_at: r.opt_time(12)?,
    })
}

/// A row of [`VOUCHER_COLUMNS`].
pub fn voucher<R: Cols + ?Sized>(r: &R) -> Result<StoredVoucher> {
    Ok(StoredVoucher {
        id: r.int(0)?,
        hash: r.text(1)?,
        cents: r.int(2)?,
        minutes: r.int(3)?,
        source: r.text(4)?,
        expires: date_from_sql(r.opt_text(5)?),
        issued_by: r.text(6)?,
        issued_at: r.time(7)?,
    })
}

/// A row of [`RULE_COLUMNS`].
pub fn rule<R: Cols + ?Sized>(r: &R) -> Result<StoredRule> {
    Ok(StoredRule {
        id: r.int(0)?,
        source: r.text(1)?,
        percent: r.int(2)?,
        cap_cents: r.int(3)?,
        set_by: r.text(4)?,
        set_at: r.time(5)?,
    })
}
