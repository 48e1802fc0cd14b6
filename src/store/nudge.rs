//! What `leertuin nudge` asks a store and what it gets back, and the
//! decisions every backend makes the same way while it scans (which new
//! tips count, which short lesson fits): only the SQL differs, in
//! `sqlite/nudge.rs` and `postgres/nudge.rs`.

use super::NewAnswer;
use super::rows::tags_from_sql;
use crate::domain::wish::WishId;
use crate::domain::{ItemId, Kind, Time};

/// What a nudge asks the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NudgeAsk<'a> {
    pub person: &'a str,
    pub now: Time,
    /// Open questions asked in `[questions_from, questions_until]` count;
    /// the upper end leaves colleagues time to answer first.
    pub questions_from: Time,
    pub questions_until: Time,
    /// Tips newer than this are new to the person.
    pub tips_since: Time,
    /// Lessons this long or shorter are "short".
    pub lesson_max_minutes: u32,
}

/// An open question the person could help with.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenQuestion {
    pub id: ItemId,
    pub title: String,
    /// The first of the person's offered tags that the question carries.
    pub tag: String,
    pub asked_at: Time,
}

/// A short lesson on something the person wants to learn, not done yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortLesson {
    pub id: ItemId,
    pub title: String,
    pub minutes: u32,
    pub tag: String,
}

/// Everything the nudge rules look at, for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct NudgeFacts {
    pub lang: Option<String>,
    /// Review cards due now.
    pub due_cards: u32,
    /// The newest unanswered question in the window, tagged with something
    /// the person offers, not asked or backed by them.
    pub question: Option<OpenQuestion>,
    /// Tips colleagues added since `tips_since` on something the person
    /// wants to learn, among the newest `MAX_TIPS_SCANNED` of the window.
    pub new_tips: u32,
    /// The window held more tips than were looked at: `new_tips` is a
    /// lower bound.
    pub more_tips: bool,
    /// The wanted tags those tips carry, most tips first.
    pub new_tip_tags: Vec<String>,
    /// The last sign of learning: a lesson done, a card reviewed, an own
    /// learned entry; the person's creation when there is none yet.
    pub last_learned: Time,
    pub lesson: Option<ShortLesson>,
    /// The newest answer on one of the person's questions they have not
    /// seen yet.
    pub answered: Option<NewAnswer>,
    /// What to say about wishes and budgets, read in the same snapshot
    /// (`store/wish_nudges.rs`); empty where the store keeps no wishes.
    pub wishes: WishNudges,
}

/// The wish and budget facts a nudge may speak of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WishNudges {
    /// The person's own open wish at 80 % or more, not funded yet.
    pub nearly_funded: Option<(WishId, String, u8)>,
    /// Free budget that lapses within 60 days: the pot that lapses first.
    pub lapsing: Option<Lapsing>,
    /// The newest open wish of a colleague on something the person offers.
    pub can_help: Option<HelpWish>,
}

/// Money (or hours) of one pot that lapses soon, unless given to a wish.
#[derive(Debug, Clone, PartialEq)]
pub struct Lapsing {
    pub cents: i64,
    pub minutes: i64,
    pub source: String,
    pub on: chrono::NaiveDate,
}

/// A colleague's wish the person said they can help with.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpWish {
    pub id: WishId,
    /// The colleague's display name.
    pub who: String,
    pub text: String,
    /// The tag the person offers.
    pub tag: String,
}

/// The first of `wanted` that a stored, space-separated `tags` text carries.
pub fn first_shared<'w>(wanted: &'w [String], tags: &str) -> Option<&'w String> {
    wanted
        .iter()
        .find(|w| tags.split(' ').any(|t| t == w.as_str()))
}

/// At most this many of the newest questions in the window are looked at,
/// so the cost stays bounded on the busiest team (a real team asks far
/// fewer in the window; the 100k benchmark corpus asks ~280 a day).
pub const MAX_QUESTIONS_SCANNED: i64 = 1_000;

/// At most this many of the newest tips in the window are counted: a
/// week of a very busy team (the 1M benchmark corpus adds ~28 000) would
/// otherwise cost more than the whole nudge may take, for a count nobody
/// needs exactly.
pub const MAX_TIPS_SCANNED: i64 = 1_000;

/// Counts new tips on wanted tags, newest first, over at most
/// `MAX_TIPS_SCANNED` rows of (tags, author): on every backend.
pub struct TipTally<'w> {
    person: &'w str,
    wants: &'w [String],
    counts: Vec<u32>,
    total: u32,
    scanned: i64,
}

impl<'w> TipTally<'w> {
    pub fn new(person: &'w str, wants: &'w [String]) -> TipTally<'w> {
        TipTally {
            person,
            wants,
            counts: vec![0; wants.len()],
            total: 0,
            scanned: 0,
        }
    }

    /// The scan limit: query one row more, to know whether there were more.
    pub const LIMIT: i64 = MAX_TIPS_SCANNED + 1;

    /// Looks at one tip; false when the scan should stop.
    pub fn see(&mut self, tags: &str, author: &str) -> bool {
        self.scanned += 1;
        if self.scanned > MAX_TIPS_SCANNED {
            return false;
        }
        if author == self.person {
            return true;
        }
        let mut any = false;
        for (wanted, n) in self.wants.iter().zip(&mut self.counts) {
            if tags.split(' ').any(|t| t == wanted.as_str()) {
                *n += 1;
                any = true;
            }
        }
        self.total += u32::from(any);
        true
    }

    /// How many, on which wanted tags (most first), and whether there were more.
    pub fn finish(self) -> (u32, Vec<String>, bool) {
        let mut by_tag: Vec<(&String, u32)> = self
            .wants
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .collect();
        // Stable: equal counts keep the order the person listed their wishes in.
        by_tag.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        (
            self.total,
            by_tag.into_iter().map(|(tag, _)| tag.clone()).collect(),
            self.scanned > MAX_TIPS_SCANNED,
        )
    }
}

/// Picks the short lesson for the person's first-listed wish that has
/// one, from lessons shortest first: on every backend.
pub struct LessonPick<'w> {
    wants: &'w [String],
    best: Option<(usize, ShortLesson)>,
}

impl<'w> LessonPick<'w> {
    pub fn new(wants: &'w [String]) -> LessonPick<'w> {
        LessonPick { wants, best: None }
    }

    /// Looks at lesson `id` with `tags`; reads its (title, minutes) only
    /// when it is the best so far.
    pub fn see<E>(
        &mut self,
        id: i64,
        tags: &str,
        rest: impl FnOnce() -> std::result::Result<(String, u32), E>,
    ) -> std::result::Result<(), E> {
        let tags = tags_from_sql(tags);
        let Some(rank) = self.wants.iter().position(|w| tags.contains(w)) else {
            return Ok(());
        };
        if self.best.as_ref().is_some_and(|(b, _)| *b <= rank) {
            return Ok(());
        }
        let (title, minutes) = rest()?;
        self.best = Some((
            rank,
            ShortLesson {
                id: ItemId::new(Kind::Lesson, id),
                title,
                minutes,
                tag: self.wants[rank].clone(),
            },
        ));
        Ok(())
    }

    pub fn best(self) -> Option<ShortLesson> {
        self.best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_tag_follows_the_persons_order() {
        let wanted = vec!["sql".to_string(), "vim".to_string()];
        assert_eq!(
            first_shared(&wanted, "vim sql").map(String::as_str),
            Some("sql")
        );
        assert_eq!(first_shared(&wanted, "psql mysql vim-tips"), None);
        assert_eq!(first_shared(&wanted, ""), None);
    }
}
