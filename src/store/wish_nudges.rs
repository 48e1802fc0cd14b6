//! What a nudge may say about wishes and budgets, read through
//! [`WishRows`] inside the nudge's own snapshot, on both backends.
//!
//! `leertuin nudge` has 10 ms for the whole process. On the team server
//! each read is a round trip, and each transaction two more: the wish
//! nudge used to ask the `Wishes` store four times (a transaction each,
//! the budget twice, every listed wish's ledger apart). Here it is three
//! reads, and one more per colleague's wish looked at, in the caller's
//! transaction; the decisions are the pure ones of `domain::ledger`.

use chrono::NaiveDate;

use super::Result;
use super::nudge::{HelpWish, Lapsing, WishNudges};
use super::wish_rules::{Entries, WishRows, with_received};
use crate::domain::ledger::{self, Budget, BudgetFacts};
use crate::domain::money;
use crate::domain::wish::{Wish, WishQuery, WishState};

/// Wishes at most looked through, of the person's own and of colleagues'.
const WISHES_SCANNED: usize = 200;

/// The person's own wish nearly funded, the pot that lapses first within
/// 60 days, and the newest open wish of a colleague on a tag in `offers`.
pub fn wish_nudges(
    rows: &mut dyn WishRows,
    person: &str,
    offers: &[String],
    today: NaiveDate,
) -> Result<WishNudges> {
    // One read for both: the person's pots, and what their wishes got.
    let entries = rows.entries(Entries::Mine(person))?;
    let budget = Budget::compute(person, &entries, &[], money::currency(), today);
    let own: Vec<Wish> = rows
        .wish_rows(&open_wishes(Some(person)), person)?
        .into_iter()
        .map(|w| {
            let got = ledger::received(w.id, &entries);
            Wish::from_stored(w, got)
        })
        .collect();
    let nearly_funded = BudgetFacts::from(&budget, &own).nearly_funded;
    let lapsing = budget
        .pots
        .into_iter()
        .filter(|p| p.lapsing_cents > 0 || p.lapsing_minutes > 0)
        .filter_map(|p| {
            Some(Lapsing {
                cents: p.lapsing_cents,
                minutes: p.lapsing_minutes,
                on: p.lapsing_on?,
                source: p.source,
            })
        })
        .min_by_key(|l| l.on);
    Ok(WishNudges {
        nearly_funded,
        lapsing,
        can_help: can_help(rows, person, offers)?,
    })
}

/// The newest open wish of a colleague tagged with something `person`
/// offers. Only a wish that fits by tag and owner has its ledger read (a
/// funded wish is no longer open).
fn can_help(rows: &mut dyn WishRows, person: &str, offers: &[String]) -> Result<Option<HelpWish>> {
    if offers.is_empty() {
        return Ok(None);
    }
    for stored in rows.wish_rows(&open_wishes(None), person)? {
        if stored.owner == person {
            continue;
        }
        let Some(tag) = stored.tags.iter().find(|t| offers.contains(t)).cloned() else {
            continue;
        };
        let wish = with_received(rows, stored)?;
        if wish.state != WishState::Open {
            continue;
        }
        let who = rows.person_name(&wish.owner)?.unwrap_or(wish.owner);
        return Ok(Some(HelpWish {
            id: wish.id,
            who,
            text: wish.text,
            tag,
        }));
    }
    Ok(None)
}

fn open_wishes(owner: Option<&str>) -> WishQuery {
    WishQuery {
        owner: owner.map(str::to_string),
        tag: None,
        closed: false,
        limit: WISHES_SCANNED,
    }
}
