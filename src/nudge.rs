//! Development nudges: at most one short line suggesting the next small
//! learning step, for a status bar (DESIGN.md idea 6: small, rare, useful).
//!
//! Pure rules over [`NudgeFacts`] and the person's [`PersonState`], so they are
//! tested without SQL or a clock. The store gathers the facts
//! ([`crate::store::Store::nudge_facts`]), [`state`] keeps what was shown
//! when in a per-user file, and [`render`] turns the choice into text.
//!
//! The rhythm: a line stays up for [`SHOW_FOR`], then the status line is
//! quiet for at least [`GAP`]; the same rule waits [`Rule::rest`] before it
//! speaks again, and one line is shown at most [`MAX_SHOWINGS`] times before
//! it is dropped for [`Rule::forget`]. So several reasons to nudge take turns,
//! and nothing is repeated forever.

pub mod render;
pub mod state;

use std::path::Path;

use chrono::Duration;

use crate::domain::Time;
use crate::store::{
    HelpWish, Lapsing, NewAnswer, NudgeAsk, NudgeFacts, OpenQuestion, ShortLesson, Store,
};
pub use state::{PersonState, Showing, StateFile};

/// A question counts as open for help once colleagues had this long to answer.
pub const QUESTION_WAIT: Duration = Duration::hours(1);
/// Older open questions are likely stale; they are left to the pane.
pub const QUESTION_WINDOW: Duration = Duration::days(7);
/// "New tips" when the person never looked: tips of the last few days.
pub const TIPS_FIRST_LOOK: Duration = Duration::days(3);
/// "New tips" never reach further back than this, however long ago the person looked.
pub const TIPS_MAX_LOOK: Duration = Duration::days(7);
/// Suggest a lesson only after this long without any learning.
pub const IDLE_BEFORE_LESSON: Duration = Duration::days(3);
/// A "short" lesson, in minutes.
pub const SHORT_LESSON_MINUTES: u32 = 5;
/// How long one line stays on the status line.
pub const SHOW_FOR: Duration = Duration::minutes(10);
/// Quiet time after a line went away, before the next may appear.
pub const GAP: Duration = Duration::minutes(20);
/// How often one line is shown before it is dropped for [`Rule::forget`].
pub const MAX_SHOWINGS: u32 = 3;

/// The reasons to nudge, in priority order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Someone answered your question: the most personal news there is.
    Answered,
    /// Your own wish is nearly funded.
    WishNearly,
    Review,
    /// Budget that lapses soon unless given to a wish.
    Lapsing,
    Question,
    /// A colleague's wish on something you said you can help with.
    WishHelp,
    Tips,
    Lesson,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Answered,
        Rule::WishNearly,
        Rule::Review,
        Rule::Lapsing,
        Rule::Question,
        Rule::WishHelp,
        Rule::Tips,
        Rule::Lesson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Answered => "answered",
            Rule::WishNearly => "wish-nearly",
            Rule::Review => "review",
            Rule::Lapsing => "lapsing",
            Rule::WishHelp => "wish-help",
            Rule::Question => "question",
            Rule::Tips => "tips",
            Rule::Lesson => "lesson",
        }
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// After a line of this rule went away, the rule waits this long.
    pub fn rest(self) -> Duration {
        match self {
            // A new answer is news; the next one may come soon after.
            Rule::Answered => Duration::hours(1),
            // Reviews are daily work: remind a few times a day.
            Rule::Review => Duration::hours(2),
            Rule::Question => Duration::hours(4),
            Rule::Tips => Duration::hours(6),
            Rule::Lesson => Duration::hours(12),
            // Money news is not daily news: weeks of warning, a few words.
            Rule::WishNearly => Duration::days(1),
            Rule::Lapsing => Duration::days(3),
            Rule::WishHelp => Duration::days(1),
        }
    }

    /// A line's showings are forgotten this long after its last one.
    pub fn forget(self) -> Duration {
        match self {
            Rule::Review => Duration::hours(20),
            _ => Duration::days(7),
        }
    }
}

/// One thing worth saying.
#[derive(Debug, Clone, PartialEq)]
pub enum Nudge {
    Answered(NewAnswer),
    Review {
        due: u32,
    },
    Question(OpenQuestion),
    /// `more`: there may be more than `count` (only the newest were
    /// counted).
    Tips {
        count: u32,
        more: bool,
        tags: Vec<String>,
    },
    Lesson(ShortLesson),
    /// Your wish (id, text) is this many percent funded.
    WishNearly {
        id: crate::domain::wish::WishId,
        text: String,
        percent: u8,
    },
    Lapsing(Lapsing),
    WishHelp(HelpWish),
}

impl Nudge {
    pub fn rule(&self) -> Rule {
        match self {
            Nudge::Answered(_) => Rule::Answered,
            Nudge::Review { .. } => Rule::Review,
            Nudge::Question(_) => Rule::Question,
            Nudge::Tips { .. } => Rule::Tips,
            Nudge::Lesson(_) => Rule::Lesson,
            Nudge::WishNearly { .. } => Rule::WishNearly,
            Nudge::Lapsing(_) => Rule::Lapsing,
            Nudge::WishHelp(_) => Rule::WishHelp,
        }
    }

    /// Names the line for rotation: a changing count keeps the key, another
    /// question or lesson is another line.
    pub fn key(&self) -> String {
        match self {
            Nudge::Review { .. } | Nudge::Tips { .. } => self.rule().name().to_string(),
            // Each new answer is its own line.
            Nudge::Answered(a) => format!("{}#{}", a.question, a.answer),
            Nudge::Question(q) => q.id.to_string(),
            Nudge::Lesson(l) => l.id.to_string(),
            // One wish is one line, whatever its percent; another pot or
            // day that lapses is news of its own.
            Nudge::WishNearly { id, .. } => format!("nearly-{id}"),
            Nudge::Lapsing(l) => format!("lapsing-{}-{}", l.source, l.on),
            Nudge::WishHelp(h) => format!("help-{}", h.id),
        }
    }
}

/// What to ask the store, given the person's state.
pub fn ask<'a>(person: &'a str, state: &PersonState, now: Time) -> NudgeAsk<'a> {
    let looked = state.looked_at.unwrap_or(now - TIPS_FIRST_LOOK);
    NudgeAsk {
        person,
        now,
        questions_from: now - QUESTION_WINDOW,
        questions_until: now - QUESTION_WAIT,
        tips_since: looked.max(now - TIPS_MAX_LOOK),
        lesson_max_minutes: SHORT_LESSON_MINUTES,
    }
}

/// Every nudge the facts support right now, in priority order.
pub fn candidates(facts: &NudgeFacts, now: Time) -> Vec<Nudge> {
    let mut out = Vec::new();
    let wishes = &facts.wishes;
    if let Some(a) = &facts.answered {
        out.push(Nudge::Answered(a.clone()));
    }
    if let Some((id, text, percent)) = &wishes.nearly_funded {
        out.push(Nudge::WishNearly {
            id: *id,
            text: text.clone(),
            percent: *percent,
        });
    }
    if facts.due_cards > 0 {
        out.push(Nudge::Review {
            due: facts.due_cards,
        });
    }
    if let Some(l) = &wishes.lapsing {
        out.push(Nudge::Lapsing(l.clone()));
    }
    if let Some(q) = &facts.question {
        out.push(Nudge::Question(q.clone()));
    }
    if let Some(h) = &wishes.can_help {
        out.push(Nudge::WishHelp(h.clone()));
    }
    if facts.new_tips > 0 {
        out.push(Nudge::Tips {
            count: facts.new_tips,
            more: facts.more_tips,
            tags: facts.new_tip_tags.clone(),
        });
    }
    if let Some(l) = &facts.lesson
        && now - facts.last_learned >= IDLE_BEFORE_LESSON
    {
        out.push(Nudge::Lesson(l.clone()));
    }
    out
}

/// Chooses the line to show now, if any, and notes the choice in `state`.
/// The caller saves `state` when it changed.
pub fn decide(facts: &NudgeFacts, state: &mut PersonState, now: Time) -> Option<Nudge> {
    state.forget_expired(now);
    if state.snooze_until.is_some() {
        return None;
    }
    let mut found = candidates(facts, now);
    if let Some(current) = state.current.take() {
        let end = current.since + SHOW_FOR;
        if now < end
            && let Some(i) = found.iter().position(|n| n.key() == current.key)
        {
            state.current = Some(current);
            return Some(found.swap_remove(i));
        }
        // Its time is up, or it no longer holds (answered, reviewed): the
        // rule rests and the status line goes quiet for a while.
        let ended = end.min(now);
        if let Some(rule) = Rule::from_name(&current.rule) {
            state
                .rest
                .insert(rule.name().to_string(), ended + rule.rest());
        }
        state.quiet_until = Some(ended + GAP);
        state.forget_expired(now);
    }
    if state.quiet_until.is_some() {
        return None;
    }
    let pick = found.into_iter().find(|n| {
        !state.rest.contains_key(n.rule().name())
            && state
                .seen
                .get(&n.key())
                .is_none_or(|s| s.times < MAX_SHOWINGS)
    })?;
    state.start(&pick, now);
    Some(pick)
}

/// The nudge to show `person` now, with their profile language, keeping the
/// rhythm in the state file at `state_path`. `leertuin nudge` and the pane's
/// status line both use it. Every failure is silence: a nudge is never worth
/// an error message.
pub fn next(
    store: &dyn Store,
    state_path: &Path,
    person: &str,
    now: Time,
) -> Option<(Nudge, Option<String>)> {
    let mut file = StateFile::load(state_path);
    let state = file.person(person);
    if state.snooze_until.is_some_and(|t| now < t) {
        return None;
    }
    let facts = store.nudge_facts(&ask(person, state, now)).ok()??;
    let before = state.clone();
    let chosen = decide(&facts, state, now);
    if *state != before {
        // Losing the rhythm is harmless; the line still shows.
        let _ = file.save(state_path);
    }
    Some((chosen?, facts.lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wish::WishId;
    use crate::domain::{ItemId, Kind, from_millis};
    use crate::store::WishNudges;

    fn t0() -> Time {
        from_millis(1_750_000_000_000)
    }

    fn quiet_facts() -> NudgeFacts {
        NudgeFacts {
            lang: None,
            due_cards: 0,
            question: None,
            new_tips: 0,
            more_tips: false,
            new_tip_tags: Vec::new(),
            last_learned: t0(),
            lesson: None,
            answered: None,
            wishes: WishNudges::default(),
        }
    }

    fn question() -> OpenQuestion {
        OpenQuestion {
            id: ItemId::new(Kind::Question, 42),
            title: "How do I join?".into(),
            tag: "sql".into(),
            asked_at: t0() - Duration::hours(3),
        }
    }

    fn lesson() -> ShortLesson {
        ShortLesson {
            id: ItemId::new(Kind::Lesson, 3),
            title: "Tmux basics".into(),
            minutes: 3,
            tag: "tmux".into(),
        }
    }

    fn news() -> NewAnswer {
        NewAnswer {
            question: ItemId::new(Kind::Question, 12),
            title: "Hoe stel ik de lasstroom in?".into(),
            answer: 3,
            by: "Bram".into(),
            at: t0() - Duration::hours(1),
        }
    }

    fn busy_facts() -> NudgeFacts {
        NudgeFacts {
            answered: Some(news()),
            due_cards: 4,
            question: Some(question()),
            new_tips: 2,
            new_tip_tags: vec!["sql".into()],
            last_learned: t0() - Duration::days(10),
            lesson: Some(lesson()),
            wishes: WishNudges {
                nearly_funded: Some((WishId(5), "Leren lassen".into(), 85)),
                lapsing: Some(lapsing()),
                can_help: Some(help()),
            },
            ..quiet_facts()
        }
    }

    fn lapsing() -> Lapsing {
        Lapsing {
            cents: 20_000,
            minutes: 0,
            source: "werkgever".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        }
    }

    fn help() -> HelpWish {
        HelpWish {
            id: WishId(7),
            who: "Bram".into(),
            text: "Leren lassen".into(),
            tag: "lassen".into(),
        }
    }

    #[test]
    fn nothing_to_say_says_nothing() {
        let mut s = PersonState::default();
        assert_eq!(decide(&quiet_facts(), &mut s, t0()), None);
        assert_eq!(s, PersonState::default(), "a quiet call writes nothing");
    }

    #[test]
    fn every_rule_has_its_candidate_in_priority_order() {
        let rules: Vec<Rule> = candidates(&busy_facts(), t0())
            .iter()
            .map(Nudge::rule)
            .collect();
        assert_eq!(rules, Rule::ALL.to_vec());
    }

    #[test]
    fn lesson_waits_until_the_person_was_idle_for_days() {
        let facts = NudgeFacts {
            lesson: Some(lesson()),
            last_learned: t0() - Duration::days(1),
            ..quiet_facts()
        };
        assert!(candidates(&facts, t0()).is_empty());
        assert_eq!(candidates(&facts, t0() + Duration::days(3)).len(), 1);
    }

    #[test]
    fn a_line_stays_up_then_the_status_line_goes_quiet() {
        let mut s = PersonState::default();
        let facts = busy_facts();
        let first = decide(&facts, &mut s, t0());
        assert_eq!(first.as_ref().map(Nudge::rule), Some(Rule::Answered));
        let later = decide(&facts, &mut s, t0() + Duration::minutes(9));
        assert_eq!(later, first, "same line during its showing");
        assert_eq!(decide(&facts, &mut s, t0() + Duration::minutes(11)), None);
        let next = decide(&facts, &mut s, t0() + SHOW_FOR + GAP);
        assert_eq!(
            next.map(|n| n.rule()),
            Some(Rule::WishNearly),
            "the next rule takes its turn"
        );
    }

    #[test]
    fn a_new_answer_is_shown_once_it_comes_and_goes_when_seen() {
        let mut s = PersonState::default();
        let facts = NudgeFacts {
            answered: Some(news()),
            ..quiet_facts()
        };
        assert_eq!(decide(&facts, &mut s, t0()), Some(Nudge::Answered(news())));
        // Seen in the pane: the store has no news any more, the line goes.
        assert_eq!(
            decide(&quiet_facts(), &mut s, t0() + Duration::minutes(1)),
            None
        );
        // A later answer is a new line, after the usual rest.
        let next = NewAnswer {
            answer: 4,
            ..news()
        };
        let facts = NudgeFacts {
            answered: Some(next.clone()),
            ..quiet_facts()
        };
        let later = t0() + Rule::Answered.rest() + GAP;
        assert_eq!(decide(&facts, &mut s, later), Some(Nudge::Answered(next)));
    }

    #[test]
    fn a_line_that_no_longer_holds_goes_at_once() {
        let mut s = PersonState::default();
        let facts = NudgeFacts {
            due_cards: 2,
            ..quiet_facts()
        };
        assert!(decide(&facts, &mut s, t0()).is_some());
        assert_eq!(
            decide(&quiet_facts(), &mut s, t0() + Duration::minutes(1)),
            None
        );
    }

    #[test]
    fn a_count_change_keeps_the_same_line() {
        let mut s = PersonState::default();
        let mut facts = NudgeFacts {
            due_cards: 5,
            ..quiet_facts()
        };
        decide(&facts, &mut s, t0());
        facts.due_cards = 4;
        let before = s.clone();
        assert_eq!(
            decide(&facts, &mut s, t0() + Duration::minutes(2)),
            Some(Nudge::Review { due: 4 })
        );
        assert_eq!(s, before, "no write while the same line stays up");
    }

    #[test]
    fn snooze_silences_until_it_ends() {
        let mut s = PersonState {
            snooze_until: Some(t0() + Duration::hours(2)),
            ..PersonState::default()
        };
        assert_eq!(decide(&busy_facts(), &mut s, t0()), None);
        assert_eq!(
            decide(&busy_facts(), &mut s, t0() + Duration::minutes(119)),
            None
        );
        assert!(decide(&busy_facts(), &mut s, t0() + Duration::hours(2)).is_some());
        assert_eq!(s.snooze_until, None);
    }

    /// Steps a minute at a time and counts the minutes each line was shown.
    fn simulate(facts: &NudgeFacts, days: i64) -> std::collections::BTreeMap<String, i64> {
        let mut s = PersonState::default();
        let mut shown = std::collections::BTreeMap::new();
        for minute in 0..days * 24 * 60 {
            if let Some(n) = decide(facts, &mut s, t0() + Duration::minutes(minute)) {
                *shown.entry(n.key()).or_insert(0) += 1;
            }
        }
        shown
    }

    #[test]
    fn one_standing_reason_is_not_repeated_forever() {
        let facts = NudgeFacts {
            question: Some(question()),
            ..quiet_facts()
        };
        let shown = simulate(&facts, 7);
        let minutes = shown.get("q42").copied().unwrap_or(0);
        assert_eq!(
            minutes,
            i64::from(MAX_SHOWINGS) * SHOW_FOR.num_minutes(),
            "{shown:?}"
        );
    }

    #[test]
    fn several_reasons_take_turns_and_stay_rare() {
        let shown = simulate(&busy_facts(), 2);
        for key in [
            "review",
            "q42",
            "tips",
            "l3",
            "nearly-w5",
            "lapsing-werkgever-2026-12-31",
            "help-w7",
        ] {
            assert!(shown.contains_key(key), "{key} never shown: {shown:?}");
        }
        let total: i64 = shown.values().sum();
        assert!(
            total < 2 * 24 * 60 / 10,
            "shown {total} of 2880 minutes: {shown:?}"
        );
    }

    #[test]
    fn money_that_lapses_is_said_a_few_times_not_every_day() {
        let facts = NudgeFacts {
            wishes: WishNudges {
                lapsing: Some(lapsing()),
                ..WishNudges::default()
            },
            ..quiet_facts()
        };
        let shown = simulate(&facts, 7);
        let minutes = shown
            .get("lapsing-werkgever-2026-12-31")
            .copied()
            .unwrap_or(0);
        assert_eq!(
            minutes,
            i64::from(MAX_SHOWINGS) * SHOW_FOR.num_minutes(),
            "{shown:?}"
        );
        let line = render::plain(&candidates(&facts, t0())[0], render::Lang::Nl);
        assert_eq!(
            line,
            "Op 31 december vervalt € 200 van werkgever: geef het aan een wens"
        );
    }

    #[test]
    fn wish_lines_say_what_the_issue_asks() {
        let facts = busy_facts();
        let lines: Vec<String> = candidates(&facts, t0())
            .iter()
            .filter(|n| matches!(n.rule(), Rule::WishNearly | Rule::WishHelp))
            .map(|n| render::plain(n, render::Lang::Nl))
            .collect();
        assert_eq!(
            lines,
            vec![
                "Je wens is voor 85 % rond: Leren lassen (w5)",
                "Bram heeft een wens: Leren lassen. Jij kunt helpen (lassen)",
            ]
        );
    }

    #[test]
    fn tips_look_back_from_the_last_look_but_not_too_far() {
        let mut s = PersonState::default();
        assert_eq!(ask("ann", &s, t0()).tips_since, t0() - TIPS_FIRST_LOOK);
        s.looked_at = Some(t0() - Duration::hours(2));
        assert_eq!(ask("ann", &s, t0()).tips_since, t0() - Duration::hours(2));
        s.looked_at = Some(t0() - Duration::days(30));
        assert_eq!(ask("ann", &s, t0()).tips_since, t0() - TIPS_MAX_LOOK);
    }
}
