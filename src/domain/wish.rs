//! Wishes: what a person wants to learn, in their own words, at work or in
//! life, with what it costs in money and hours. Colleagues and the person
//! fund a wish from their budgets (see [`super::ledger`]); a wish keeps what
//! it was given until it is done or withdrawn.
//!
//! States: open → funded (cost and hours covered; derived from the ledger,
//! never stored) → done (a reflection and what it brought) or withdrawn
//! (every contribution goes back to the pot it came from).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use super::model::millis;
pub use super::voucher::Tries;
use super::{Brought, Time, ValidationError, validate};

/// A wish's text: one line, like a question's title.
pub const MAX_WISH_CHARS: usize = 200;
/// Why the person wants it.
pub const MAX_WHY_CHARS: usize = 2_000;
/// A note with a contribution or a grant.
pub const MAX_NOTE_CHARS: usize = 200;
/// A pot's name (`werkgever`, `O&O-fonds`).
pub const MAX_SOURCE_CHARS: usize = 40;

/// A wish's id: `w12`. Wishes have their own number space, like items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WishId(pub i64);

impl fmt::Display for WishId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "w{}", self.0)
    }
}

impl FromStr for WishId {
    type Err = WishError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || WishError::BadId(s.trim().to_string());
        let t = s.trim();
        let rest = t
            .strip_prefix('w')
            .or_else(|| t.strip_prefix('W'))
            .ok_or_else(bad)?;
        if rest.is_empty() || rest.len() > 15 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        match rest.parse::<i64>() {
            Ok(n) if n > 0 => Ok(WishId(n)),
            _ => Err(bad()),
        }
    }
}

impl Serialize for WishId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WishId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a wish stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WishState {
    Open,
    /// Open, and what it asks for (money, hours or both) is covered.
    Funded,
    Done,
    Withdrawn,
}

impl WishState {
    pub fn name(self) -> &'static str {
        match self {
            WishState::Open => "open",
            WishState::Funded => "funded",
            WishState::Done => "done",
            WishState::Withdrawn => "withdrawn",
        }
    }

    /// Still takes contributions and may be done or withdrawn.
    pub fn is_open(self) -> bool {
        matches!(self, WishState::Open | WishState::Funded)
    }
}

/// What went wrong with a wish, a budget or a voucher: always the person's
/// to fix (exit code 2), always one line. Amounts are cents, hours minutes;
/// the command line words them.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WishError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("bad wish id {0:?}: wish ids look like w12")]
    BadId(String),
    #[error("bad amount {0:?}")]
    BadAmount(String),
    /// An amount below zero: a gift is never taken back by its giver.
    #[error("{0}: an amount is more than zero")]
    Negative(String),
    /// Zero money or hours: there is nothing to give or ask.
    #[error("{0}: an amount is more than zero")]
    Zero(String),
    /// More than one entry may carry ([`super::money::MAX_CENTS`],
    /// [`super::money::MAX_MINUTES`]): far more than any budget holds.
    #[error("{0}: too large")]
    TooLarge(String),
    #[error("bad hours {0:?}")]
    BadHours(String),
    #[error("bad date {0:?}: use YYYY-MM-DD")]
    BadDate(String),
    #[error("bad year {0}")]
    BadYear(i32),
    #[error("no wish {0}")]
    NotFound(WishId),
    #[error("{0} is not your wish")]
    NotYours(WishId),
    #[error("{wish} is {}: only an open wish can change", state.name())]
    NotOpen { wish: WishId, state: WishState },
    #[error("give an amount, --hours, or both")]
    NothingToGive,
    #[error("{0} asks for no money")]
    NoMoneyAsked(WishId),
    #[error("{0} asks for no hours")]
    NoHoursAsked(WishId),
    /// Funding beyond what the wish still needs is refused, not capped:
    /// nobody's money moves further than they said.
    #[error("{wish} needs only {cents} cents and {minutes} minutes more")]
    TooMuch {
        wish: WishId,
        cents: i64,
        minutes: i64,
    },
    /// Not enough free budget (in the named pot, or in all of them):
    /// what is free, and which part of the gift it does not cover.
    #[error("not enough budget: {cents} cents and {minutes} minutes free")]
    Short {
        pot: Option<String>,
        cents: i64,
        minutes: i64,
        lacking: Lacking,
    },
    /// A changed cost or hours below what the wish was already given.
    #[error("{wish} was given {cents} cents and {minutes} minutes: ask at least that")]
    BelowGiven {
        wish: WishId,
        cents: i64,
        minutes: i64,
    },
    #[error("only an admin can do this")]
    NotAdmin,
    /// Typed text that cannot be a code (its length or signs): refused
    /// before the store is asked, so it is no try.
    #[error("not a voucher code")]
    NotACode,
    /// Several codes at once (a two-line paste): no try either.
    #[error("{0} voucher codes at once: one at a time")]
    SeveralCodes(usize),
    /// No voucher has this code: a try, counted.
    #[error("bad voucher code ({})", .0.left)]
    WrongCode(Tries),
    /// The person redeemed this voucher themselves: it is in their budget.
    /// No try: only its holder gets this answer.
    #[error("you redeemed this voucher already")]
    VoucherYours,
    /// Someone else redeemed it: a try, counted (see README "Vouchers").
    #[error("this voucher was redeemed already ({})", .0.left)]
    VoucherUsed(Tries),
    /// Its end date has passed: a try, counted.
    #[error("this voucher expired on {0}")]
    VoucherExpired(chrono::NaiveDate, Tries),
    #[error("too many wrong codes: try again in {minutes} minutes")]
    TooManyTries { minutes: i64 },
    #[error("--count {0}: issue 1 to 1000 vouchers at once")]
    BadCount(u32),
    #[error("{0}: the end date has passed")]
    Expired(chrono::NaiveDate),
}

/// Which part of a gift the free budget does not cover: a refusal of
/// hours speaks of hours, even to someone with money free.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lacking {
    Money,
    Hours,
    Both,
}

impl Lacking {
    /// From whether money and hours are short; `None` when neither is.
    pub fn of(money: bool, hours: bool) -> Option<Lacking> {
        match (money, hours) {
            (true, true) => Some(Lacking::Both),
            (true, false) => Some(Lacking::Money),
            (false, true) => Some(Lacking::Hours),
            (false, false) => None,
        }
    }
}

/// A new wish, as the person typed it; [`NewWish::checked`] before storing.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWish {
    pub owner: String,
    pub text: String,
    pub why: Option<String>,
    pub cost_cents: Option<i64>,
    pub minutes: Option<i64>,
    pub tags: Vec<String>,
    pub private: bool,
}

impl NewWish {
    /// Cleaned and within the limits: text one line ≤ 200, why ≤ 2,000,
    /// tags as everywhere, cost and hours above zero and below the caps.
    pub fn checked(&self) -> Result<NewWish, WishError> {
        let text = validate::line("wish", &self.text, MAX_WISH_CHARS)?;
        let why = match self.why.as_deref().map(str::trim) {
            Some(w) if !w.is_empty() => Some(validate::text("why", w, MAX_WHY_CHARS)?),
            _ => None,
        };
        if let Some(c) = self.cost_cents
            && !(1..=super::money::MAX_CENTS).contains(&c)
        {
            return Err(WishError::BadAmount(c.to_string()));
        }
        if let Some(m) = self.minutes
            && !(1..=super::money::MAX_MINUTES).contains(&m)
        {
            return Err(WishError::BadHours(m.to_string()));
        }
        Ok(NewWish {
            owner: validate::handle(&self.owner)?,
            text,
            why,
            cost_cents: self.cost_cents,
            minutes: self.minutes,
            tags: validate::tags(&self.tags)?,
            private: self.private,
        })
    }
}

/// A wish as stored, with what it was given so far (sums over the ledger).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wish {
    pub id: WishId,
    pub owner: String,
    pub text: String,
    pub why: Option<String>,
    /// What it costs in cents; `None` when it needs no money.
    pub cost_cents: Option<i64>,
    /// The hours it asks for, in minutes; `None` when none.
    pub minutes: Option<i64>,
    pub tags: Vec<String>,
    pub private: bool,
    pub state: WishState,
    pub reflection: Option<String>,
    pub brought: Option<Brought>,
    #[serde(with = "millis")]
    pub created_at: Time,
    #[serde(with = "millis::option")]
    pub closed_at: Option<Time>,
    /// Money given so far (contributions and matches, less refunds).
    pub given_cents: i64,
    /// Hours given so far, in minutes.
    pub given_minutes: i64,
    /// Of `given_cents`, what a matching rule added.
    pub matched_cents: i64,
    /// Everyone who gave and did not get it back, the owner too, by handle.
    pub givers: Vec<String>,
    /// What each of `givers` gave, in the same order.
    pub given_by: Vec<super::ledger::Given>,
}

impl Wish {
    /// The wish as `viewer` may see it: a gift's note is for the wish's
    /// owner (and stays the giver's own); anyone else sees no notes.
    pub fn seen_by(mut self, viewer: &str) -> Wish {
        if self.owner != viewer {
            for g in &mut self.given_by {
                if g.person != viewer {
                    g.note = None;
                }
            }
        }
        self
    }

    /// The wish as stored with what it received: the sums, and the state
    /// with funded derived.
    pub fn from_stored(w: super::ledger::StoredWish, got: super::ledger::Received) -> Wish {
        let state = Wish::derive_state(w.state, w.cost_cents, w.minutes, got.cents, got.minutes);
        Wish {
            id: w.id,
            owner: w.owner,
            text: w.text,
            why: w.why,
            cost_cents: w.cost_cents,
            minutes: w.minutes,
            tags: w.tags,
            private: w.private,
            state,
            reflection: w.reflection,
            brought: w.brought,
            created_at: w.created_at,
            closed_at: w.closed_at,
            given_cents: got.cents,
            given_minutes: got.minutes,
            matched_cents: got.matched_cents,
            givers: got.by_giver.iter().map(|g| g.person.clone()).collect(),
            given_by: got.by_giver,
        }
    }

    /// Money still needed: zero when covered or when none is asked.
    pub fn needs_cents(&self) -> i64 {
        self.cost_cents.map_or(0, |c| (c - self.given_cents).max(0))
    }

    /// Minutes still needed.
    pub fn needs_minutes(&self) -> i64 {
        self.minutes.map_or(0, |m| (m - self.given_minutes).max(0))
    }

    /// The state as stored (`open`, `done`, `withdrawn`) with funded
    /// derived: an open wish that asks for something and has all of it.
    pub fn derive_state(
        stored: WishState,
        cost: Option<i64>,
        minutes: Option<i64>,
        given_cents: i64,
        given_minutes: i64,
    ) -> WishState {
        let asks = cost.is_some() || minutes.is_some();
        let covered =
            cost.is_none_or(|c| given_cents >= c) && minutes.is_none_or(|m| given_minutes >= m);
        if stored == WishState::Open && asks && covered {
            WishState::Funded
        } else {
            stored
        }
    }

    /// Percent funded, 0–100, over money and hours together (each counts
    /// by its share of what is asked); `None` when nothing is asked.
    pub fn percent(&self) -> Option<u8> {
        // Whole numbers throughout: 29 of 100 is 29 %, never 28.99… floored.
        let share = |given: i64, asked: i64| given.clamp(0, asked) * 100 / asked;
        let parts: Vec<i64> = [
            self.cost_cents.map(|c| share(self.given_cents, c)),
            self.minutes.map(|m| share(self.given_minutes, m)),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            return None;
        }
        let mean = parts.iter().sum::<i64>() / parts.len() as i64;
        u8::try_from(mean).ok()
    }
}

/// The owner's change to their open wish: its words, why, cost and hours
/// (its topics and who may see it stay). [`WishEdit::checked`] first.
#[derive(Debug, Clone, PartialEq)]
pub struct WishEdit {
    pub text: String,
    pub why: Option<String>,
    pub cost_cents: Option<i64>,
    pub minutes: Option<i64>,
}

impl WishEdit {
    /// Within the limits of a new wish (see [`NewWish::checked`]).
    pub fn checked(&self, owner: &str) -> Result<WishEdit, WishError> {
        let w = NewWish {
            owner: owner.to_string(),
            text: self.text.clone(),
            why: self.why.clone(),
            cost_cents: self.cost_cents,
            minutes: self.minutes,
            tags: Vec::new(),
            private: false,
        }
        .checked()?;
        Ok(WishEdit {
            text: w.text,
            why: w.why,
            cost_cents: w.cost_cents,
            minutes: w.minutes,
        })
    }

    /// Why the change cannot be made to `w`: a cost or hours below what
    /// colleagues already gave (their money would stand for nothing), or
    /// none asked where some was given. Nothing moves in the ledger.
    pub fn fits(&self, w: &Wish) -> Result<(), WishError> {
        let below = |asked: Option<i64>, given: i64| given > 0 && asked.is_none_or(|a| a < given);
        if below(self.cost_cents, w.given_cents) || below(self.minutes, w.given_minutes) {
            return Err(WishError::BelowGiven {
                wish: w.id,
                cents: w.given_cents,
                minutes: w.given_minutes,
            });
        }
        Ok(())
    }
}

/// How a person ends their wish as done.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Finish {
    pub reflection: Option<String>,
    pub brought: Option<Brought>,
}

impl Finish {
    pub fn checked(&self) -> Result<Finish, WishError> {
        Ok(Finish {
            reflection: validate::optional_line(
                "reflection",
                self.reflection.as_deref(),
                validate::MAX_REFLECTION_CHARS,
            )?,
            brought: self.brought,
        })
    }
}

/// What `wish list` asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WishQuery {
    /// Only this person's wishes.
    pub owner: Option<String>,
    pub tag: Option<String>,
    /// Done and withdrawn wishes too; open (and funded) only otherwise.
    pub closed: bool,
    pub limit: usize,
}

/// Checks a pot's name: one line, 1–40 characters.
pub fn source(input: &str) -> Result<String, WishError> {
    Ok(validate::line("source", input, MAX_SOURCE_CHARS)?)
}

/// Checks an optional note.
pub fn note(input: Option<&str>) -> Result<Option<String>, WishError> {
    Ok(validate::optional_line("note", input, MAX_NOTE_CHARS)?)
}

/// `2027-03-31` → a date.
pub fn parse_date(input: &str) -> Result<chrono::NaiveDate, WishError> {
    chrono::NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| WishError::BadDate(input.trim().to_string()))
}

/// Is `person` an admin of budgets? On a database file, the `admins` of
/// the system config say so (the team server asks its database role).
pub fn is_admin(admins: &[String], person: &str) -> bool {
    admins.iter().any(|a| a.trim() == person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print() {
        assert_eq!("w12".parse::<WishId>().unwrap(), WishId(12));
        assert_eq!(" W3 ".parse::<WishId>().unwrap(), WishId(3));
        for bad in ["12", "w", "w0", "w-1", "q12", "w1x"] {
            assert!(bad.parse::<WishId>().is_err(), "{bad}");
        }
        assert_eq!(WishId(7).to_string(), "w7");
    }

    #[test]
    fn funded_is_derived() {
        let d = Wish::derive_state;
        assert_eq!(
            d(WishState::Open, Some(100), None, 100, 0),
            WishState::Funded
        );
        assert_eq!(
            d(WishState::Open, Some(100), Some(60), 100, 30),
            WishState::Open
        );
        assert_eq!(d(WishState::Open, None, None, 0, 0), WishState::Open);
        assert_eq!(d(WishState::Done, Some(1), None, 1, 0), WishState::Done);
    }
}
