//! The backend-neutral contract for wishes, budgets and vouchers. The rules
//! (what a pot holds, what a gift may take, what a withdrawal gives back)
//! live in `domain::ledger` as pure functions over entries; a backend reads
//! the entries, asks those functions, and writes the result in the same
//! transaction, so a check and its write never see different ledgers.
//!
//! For the views: [`Store::wish_store`](super::Store::wish_store) gives
//! this trait on both backends. What each write checks is written once,
//! in `wish_rules.rs`.

use chrono::NaiveDate;

use super::Result;
use crate::domain::insights::{ReflectionGroup, budget_reflections};
use crate::domain::ledger::{Budget, BudgetFacts, Entry};
use crate::domain::wish::{Finish, NewWish, Wish, WishEdit, WishId, WishQuery};

/// A gift from a person's budget to a wish.
#[derive(Debug, Clone, PartialEq)]
pub struct Fund {
    pub wish: WishId,
    /// The giver.
    pub person: String,
    pub cents: i64,
    pub minutes: i64,
    pub note: Option<String>,
    /// Only from this pot; else from the pots whose money lapses first.
    pub from: Option<String>,
}

/// An admin's grant of budget to a person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grant {
    pub person: String,
    /// The admin.
    pub by: String,
    pub source: String,
    pub cents: i64,
    pub minutes: i64,
    pub year: Option<i32>,
    pub expires: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A batch of vouchers: each code (kept as its hash) is worth this much.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VoucherIssue {
    pub by: String,
    pub source: String,
    pub cents: i64,
    pub minutes: i64,
    pub expires: Option<NaiveDate>,
    /// SHA-256 hashes (hex) of the codes.
    pub hashes: Vec<String>,
}

/// An admin's matching rule: `percent` of every gift to a colleague's wish
/// is added from `source`, up to `cap_cents` in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchRule {
    pub source: String,
    pub percent: i64,
    pub cap_cents: i64,
    pub by: String,
}

/// Wishes, budgets and vouchers. Every write is one transaction; the
/// balance checks happen inside it.
pub trait Wishes {
    /// Stores a new wish (checked with [`NewWish::checked`]); its id.
    fn add_wish(&self, wish: &NewWish) -> Result<WishId>;
    /// One wish as `viewer` may see it: another's private wish is not found.
    fn wish(&self, id: WishId, viewer: &str) -> Result<Wish>;
    /// Wishes `viewer` may see, newest first.
    fn list_wishes(&self, query: &WishQuery, viewer: &str) -> Result<Vec<Wish>>;
    /// Gives from the person's budget to an open wish; refused whole when
    /// the free budget or what the wish still needs is less. Returns the
    /// entries written (one contribution per pot drawn, and any match).
    fn fund(&self, fund: &Fund) -> Result<Vec<Entry>>;
    /// The owner changes their open wish's words, why, cost or hours; a
    /// cost or hours below what it was given is refused.
    fn edit_wish(&self, id: WishId, person: &str, edit: &WishEdit) -> Result<()>;
    /// The owner marks their open wish done.
    fn finish_wish(&self, id: WishId, person: &str, finish: &Finish) -> Result<()>;
    /// The owner withdraws their open wish: every contribution and match
    /// goes back where it came from. Returns those refunds.
    fn withdraw_wish(&self, id: WishId, person: &str) -> Result<Vec<Entry>>;
    /// Writes a grant (the caller checked the granter is an admin).
    fn grant(&self, grant: &Grant) -> Result<Entry>;
    /// The person's budget at `today`.
    fn budget(&self, person: &str, today: NaiveDate) -> Result<Budget>;
    /// The ledger: the entries of one person's pots (and of the wishes
    /// they own), or all of it; oldest first.
    fn entries(&self, person: Option<&str>) -> Result<Vec<Entry>>;
    /// Stores a batch of vouchers (the caller checked the admin).
    fn issue_vouchers(&self, issue: &VoucherIssue) -> Result<()>;
    /// Redeems the voucher with this code hash into the person's budget,
    /// once. A wrong code counts against the person's tries.
    fn redeem_voucher(&self, person: &str, hash: &str, today: NaiveDate) -> Result<Entry>;
    /// Sets the matching rule of a source (the caller checked the admin).
    fn set_match(&self, rule: &MatchRule) -> Result<()>;
    /// May `person` grant budgets, issue vouchers and set matching rules?
    /// On a file, the system config's `admins` (`configured`) say so; the
    /// team server asks its database role `leertuin_admin` instead.
    fn is_admin(&self, person: &str, configured: &[String]) -> Result<bool> {
        Ok(crate::domain::wish::is_admin(configured, person))
    }
    /// What nudges and views may say: money that lapses soon, the
    /// person's own wish that is nearly funded. Two reads, on any backend.
    fn budget_facts(&self, person: &str, today: NaiveDate) -> Result<BudgetFacts> {
        let budget = self.budget(person, today)?;
        let own = self.list_wishes(
            &WishQuery {
                owner: Some(person.to_string()),
                tag: None,
                closed: false,
                limit: 200,
            },
            person,
        )?;
        Ok(BudgetFacts::from(&budget, &own))
    }

    /// Every wish `viewer` may see, closed ones too, newest first; only
    /// `owner`'s when given. For the Team tab and insights.
    fn all_wishes(&self, owner: Option<&str>, viewer: &str) -> Result<Vec<Wish>> {
        self.list_wishes(
            &WishQuery {
                owner: owner.map(str::to_string),
                tag: None,
                closed: true,
                limit: ALL_WISHES,
            },
            viewer,
        )
    }

    /// What was learned with the budget, by what it brought: the person's
    /// own wishes done (with their reflections), or the team's (without
    /// private wishes, counts only).
    fn learned_with_budget(
        &self,
        person: Option<&str>,
        viewer: &str,
    ) -> Result<Vec<ReflectionGroup>> {
        let mut wishes = self.all_wishes(person, viewer)?;
        if person.is_none() {
            wishes.retain(|w| !w.private);
        }
        Ok(budget_reflections(&wishes, person.is_some()))
    }
}

/// Wishes read at most for a team's overview: years of a large team's.
pub const ALL_WISHES: usize = 5_000;
