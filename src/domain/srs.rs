//! Spaced repetition with FSRS (the `rs-fsrs` scheduler).
//!
//! `rs-fsrs` rather than the `fsrs` crate: `fsrs` carries its optimiser and
//! with it ndarray, rayon and rand — a build cost out of proportion for a
//! pane that only needs the scheduler. Every review is stored, so the
//! parameters can be fitted later with the optimiser, offline.

use rs_fsrs::{Card as FsrsCard, FSRS, Parameters, Rating as FsrsRating, State};
use serde::{Deserialize, Serialize};

use super::{CardState, ItemId, Kind, Time, ValidationError};

/// How well a person remembered a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The two-button mode for kiosks: FSRS loses little accuracy with
    /// binary grades, and two big buttons are easier for everyone.
    pub fn from_knew_it(knew: bool) -> Rating {
        if knew { Rating::Good } else { Rating::Again }
    }

    pub fn from_number(n: u8) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| *r as u8 == n)
    }

    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    fn fsrs(self) -> FsrsRating {
        match self {
            Rating::Again => FsrsRating::Again,
            Rating::Hard => FsrsRating::Hard,
            Rating::Good => FsrsRating::Good,
            Rating::Easy => FsrsRating::Easy,
        }
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    New,
    Learning,
    Review,
    Relearning,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }

    pub fn from_name(s: &str) -> Option<Phase> {
        [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ]
        .into_iter()
        .find(|p| p.name() == s)
    }

    fn fsrs(self) -> State {
        match self {
            Phase::New => State::New,
            Phase::Learning => State::Learning,
            Phase::Review => State::Review,
            Phase::Relearning => State::Relearning,
        }
    }

    fn from_fsrs(s: State) -> Phase {
        match s {
            State::New => Phase::New,
            State::Learning => Phase::Learning,
            State::Review => Phase::Review,
            State::Relearning => Phase::Relearning,
        }
    }
}

/// The default share of cards a person should still know when they come due.
pub const DEFAULT_RETENTION: f64 = 0.9;

/// Names a card: `l3#1` is the first check card of lesson 3, `t7` a tip
/// the person chose to remember.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKey {
    LessonCard { lesson: ItemId, ord: u32 },
    Tip(ItemId),
}

impl CardKey {
    pub fn parse(s: &str) -> Result<CardKey, ValidationError> {
        let bad = || ValidationError::BadCard(s.to_string());
        match s.split_once('#') {
            Some((lesson, ord)) => {
                let lesson: ItemId = lesson.parse().map_err(|_| bad())?;
                let ord: u32 = ord.parse().map_err(|_| bad())?;
                if lesson.kind != Kind::Lesson || ord == 0 {
                    return Err(bad());
                }
                Ok(CardKey::LessonCard { lesson, ord })
            }
            None => {
                let tip: ItemId = s.parse().map_err(|_| bad())?;
                if tip.kind != Kind::Tip {
                    return Err(bad());
                }
                Ok(CardKey::Tip(tip))
            }
        }
    }
}

impl std::fmt::Display for CardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CardKey::LessonCard { lesson, ord } => write!(f, "{lesson}#{ord}"),
            CardKey::Tip(t) => write!(f, "{t}"),
        }
    }
}

/// A card waiting to be reviewed, with what to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCard {
    pub card: String,
    pub prompt: String,
    pub answer: String,
    pub state: CardState,
}

/// A card state that has never been reviewed, due at `now`.
pub fn new_card(person: &str, card: &str, now: Time) -> CardState {
    CardState {
        person: person.to_string(),
        card: card.to_string(),
        stability: 0.0,
        difficulty: 0.0,
        due: now,
        last_review: None,
        reps: 0,
        lapses: 0,
        phase: Phase::New,
        scheduled_days: 0,
    }
}

fn scheduler(retention: f64) -> FSRS {
    FSRS::new(Parameters {
        request_retention: retention.clamp(0.7, 0.99),
        ..Parameters::default()
    })
}

fn to_fsrs(s: &CardState) -> FsrsCard {
    FsrsCard {
        due: s.due,
        stability: s.stability,
        difficulty: s.difficulty,
        elapsed_days: 0,
        scheduled_days: s.scheduled_days,
        reps: s.reps as i32,
        lapses: s.lapses as i32,
        state: s.phase.fsrs(),
        last_review: s.last_review.unwrap_or(s.due),
    }
}

/// The card's state after a review with `rating` at `now`.
pub fn review(state: &CardState, rating: Rating, now: Time, retention: f64) -> CardState {
    let next = scheduler(retention)
        .next(to_fsrs(state), now, rating.fsrs())
        .card;
    CardState {
        person: state.person.clone(),
        card: state.card.clone(),
        stability: next.stability,
        difficulty: next.difficulty,
        // Keep the store's millisecond resolution so backups round-trip.
        due: super::from_millis(next.due.timestamp_millis()),
        last_review: Some(now),
        reps: i64::from(next.reps),
        lapses: i64::from(next.lapses),
        phase: Phase::from_fsrs(next.state),
        scheduled_days: next.scheduled_days,
    }
}

/// Predicted chance (0–1) that the person still knows the card at `now`;
/// `None` for a card never reviewed.
pub fn recall(state: &CardState, now: Time) -> Option<f64> {
    (state.phase != Phase::New).then(|| to_fsrs(state).get_retrievability(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn t0() -> Time {
        super::super::from_millis(1_790_000_000_000)
    }

    #[test]
    fn good_pushes_the_card_further_than_again() {
        let card = new_card("ann", "l1#1", t0());
        let good = review(&card, Rating::Good, t0(), DEFAULT_RETENTION);
        let again = review(&card, Rating::Again, t0(), DEFAULT_RETENTION);
        assert!(good.due > again.due, "{:?} vs {:?}", good.due, again.due);
        assert_eq!(good.reps, 1);
        assert_eq!(good.last_review, Some(t0()));

        // And once learned, a later Good goes days ahead while Again comes back soon.
        let mut s = good;
        for _ in 0..3 {
            let at = s.due;
            s = review(&s, Rating::Good, at, DEFAULT_RETENTION);
        }
        assert_eq!(s.phase, Phase::Review);
        let at = s.due;
        let later_good = review(&s, Rating::Good, at, DEFAULT_RETENTION);
        let later_again = review(&s, Rating::Again, at, DEFAULT_RETENTION);
        assert!(later_good.due - at > Duration::days(3));
        assert!(later_again.due - at < Duration::days(1));
        assert_eq!(later_again.lapses, s.lapses + 1);
    }

    #[test]
    fn higher_retention_means_sooner_reviews() {
        let mut s = new_card("ann", "t1", t0());
        for _ in 0..4 {
            let at = s.due;
            s = review(&s, Rating::Good, at, DEFAULT_RETENTION);
        }
        let at = s.due;
        let relaxed = review(&s, Rating::Good, at, 0.8);
        let strict = review(&s, Rating::Good, at, 0.97);
        assert!(strict.due < relaxed.due);
    }

    #[test]
    fn recall_falls_over_time() {
        let card = new_card("ann", "l1#1", t0());
        assert_eq!(recall(&card, t0()), None);
        let s = review(&card, Rating::Good, t0(), DEFAULT_RETENTION);
        let soon = recall(&s, t0() + Duration::days(1)).unwrap();
        let late = recall(&s, t0() + Duration::days(60)).unwrap();
        assert!(soon > late && soon <= 1.0 && late > 0.0);
    }

    #[test]
    fn card_keys_round_trip() {
        for key in ["l3#1", "t7"] {
            assert_eq!(CardKey::parse(key).unwrap().to_string(), key);
        }
        for bad in ["l3", "q4#1", "l3#0", "t7#1", "x"] {
            assert!(CardKey::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Rating::from_knew_it(true), Rating::Good);
        assert_eq!(Rating::from_number(1), Some(Rating::Again));
        assert_eq!(Rating::from_number(5), None);
    }
}
