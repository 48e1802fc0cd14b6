//! Visible outcomes: what a person (or the team) learned over time.

use chrono::{Datelike, Duration, NaiveTime};
use serde::Serialize;

use super::srs::recall;
use super::{Brought, CardState, Time, from_millis};

/// Weeks shown in the learned-per-week chart.
pub const WEEKS: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekCount {
    /// Monday of the week (UTC), `YYYY-MM-DD`.
    pub week: String,
    pub learned: usize,
}

/// The group of reflections that do not say what they brought (no "waar
/// hielp het" chosen). Its name stays in `--json`; the text views (Me,
/// `insights`) show its reflections without a group line of their own.
pub const UNSAID: &str = "unsorted";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReflectionGroup {
    /// `work`, `life`, `connection`, `meaning`, or `unsorted`.
    pub brought: String,
    pub count: usize,
    /// The reflections themselves; empty in the team view, which shows
    /// only how many there are.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    /// `person` or `team`.
    pub scope: String,
    pub person: Option<String>,
    pub learned_per_week: Vec<WeekCount>,
    pub lessons_done: i64,
    pub cards: usize,
    pub cards_reviewed: i64,
    /// Mean predicted recall of reviewed cards now, 0–1.
    pub predicted_recall: Option<f64>,
    pub questions_asked: i64,
    pub answers_given: i64,
    pub median_hours_to_first_answer: Option<f64>,
    pub reflections: Vec<ReflectionGroup>,
    /// What was learned with the budget: the reflections on wishes done
    /// that were given money or hours, by what they brought (see
    /// [`budget_reflections`]). Left out of JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with_budget: Vec<ReflectionGroup>,
    /// A person's own wishes done without money or hours given, by what
    /// they brought (see [`unbudgeted_reflections`]): done is done, and
    /// the pane says the Me tab shows it. Empty in the team view, and left
    /// out of JSON then.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_budget: Vec<ReflectionGroup>,
}

/// What was learned with the budget: the wishes done that were given
/// money or hours, grouped by what they brought (work, life, connection,
/// meaning); texts only when `with_texts` (a person's own view).
pub fn budget_reflections(wishes: &[super::wish::Wish], with_texts: bool) -> Vec<ReflectionGroup> {
    done_reflections(wishes, with_texts, true)
}

/// What wishes done without budget brought (nobody gave money or hours):
/// the other half of [`budget_reflections`].
pub fn unbudgeted_reflections(
    wishes: &[super::wish::Wish],
    with_texts: bool,
) -> Vec<ReflectionGroup> {
    done_reflections(wishes, with_texts, false)
}

/// The wishes done that were (`funded`) or were not given money or hours,
/// grouped by what they brought; a wish without a reflection by its text.
fn done_reflections(
    wishes: &[super::wish::Wish],
    with_texts: bool,
    funded: bool,
) -> Vec<ReflectionGroup> {
    let done: Vec<(Option<Brought>, Option<String>)> = wishes
        .iter()
        .filter(|w| w.state == super::wish::WishState::Done)
        .filter(|w| (w.given_cents > 0 || w.given_minutes > 0) == funded)
        .map(|w| {
            let text = w.reflection.clone().unwrap_or_else(|| w.text.clone());
            (w.brought, Some(text))
        })
        .collect();
    group_reflections(&done, with_texts)
}

/// Start (Monday 00:00 UTC) of the week holding `t`.
pub fn week_start(t: Time) -> Time {
    let monday = t.date_naive() - Duration::days(i64::from(t.weekday().num_days_from_monday()));
    monday.and_time(NaiveTime::MIN).and_utc()
}

/// The first moment the chart covers: the start of the week `WEEKS - 1` before now's.
pub fn since(now: Time) -> Time {
    week_start(now) - Duration::weeks(WEEKS as i64 - 1)
}

/// Counts `times` (ms) into the `WEEKS` weeks ending with `now`'s, oldest first.
pub fn per_week(times: &[i64], now: Time) -> Vec<WeekCount> {
    let first = since(now);
    let mut counts = vec![0usize; WEEKS];
    for &ms in times {
        let days = (from_millis(ms) - first).num_days();
        if days >= 0 && (days as usize) / 7 < WEEKS {
            counts[days as usize / 7] += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, learned)| WeekCount {
            week: (first + Duration::weeks(i as i64))
                .format("%Y-%m-%d")
                .to_string(),
            learned,
        })
        .collect()
}

pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

/// Mean predicted recall over cards that have been reviewed at least once.
pub fn mean_recall(cards: &[CardState], now: Time) -> Option<f64> {
    let recalls: Vec<f64> = cards.iter().filter_map(|c| recall(c, now)).collect();
    (!recalls.is_empty()).then(|| recalls.iter().sum::<f64>() / recalls.len() as f64)
}

/// Groups reflections by what they brought; texts only when `with_texts`.
pub fn group_reflections(
    reflections: &[(Option<Brought>, Option<String>)],
    with_texts: bool,
) -> Vec<ReflectionGroup> {
    let mut groups: Vec<ReflectionGroup> = Brought::ALL
        .iter()
        .map(|b| b.name())
        .chain([UNSAID])
        .map(|name| ReflectionGroup {
            brought: name.to_string(),
            count: 0,
            texts: Vec::new(),
        })
        .collect();
    for (brought, text) in reflections {
        let i = brought.map_or(Brought::ALL.len(), |b| b as usize);
        groups[i].count += 1;
        if with_texts && let Some(t) = text {
            groups[i].texts.push(t.clone());
        }
    }
    groups.retain(|g| g.count > 0);
    groups
}

/// The raw facts insights are computed from (gathered by the store).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub learned_times: Vec<i64>,
    pub lessons_done: i64,
    pub reviews: i64,
    pub card_states: Vec<CardState>,
    pub questions_asked: i64,
    pub answers_given: i64,
    pub first_answer_delays: Vec<i64>,
    pub reflections: Vec<(Option<Brought>, Option<String>)>,
}

impl Insights {
    /// `person` is `None` for the team view.
    pub fn build(mut facts: Facts, person: Option<&str>, now: Time) -> Insights {
        const HOUR_MS: f64 = 3_600_000.0;
        Insights {
            scope: if person.is_some() { "person" } else { "team" }.to_string(),
            person: person.map(str::to_string),
            learned_per_week: per_week(&facts.learned_times, now),
            lessons_done: facts.lessons_done,
            cards: facts.card_states.len(),
            cards_reviewed: facts.reviews,
            predicted_recall: mean_recall(&facts.card_states, now),
            questions_asked: facts.questions_asked,
            answers_given: facts.answers_given,
            median_hours_to_first_answer: median(&mut facts.first_answer_delays)
                .map(|ms| ms / HOUR_MS),
            reflections: group_reflections(&facts.reflections, person.is_some()),
            with_budget: Vec::new(),
            without_budget: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> Time {
        chrono::Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_count_the_right_bucket() {
        // 2026-11-28 is a Saturday.
        let now = at(2026, 11, 28);
        assert_eq!(week_start(now).format("%F").to_string(), "2026-11-23");
        let times: Vec<i64> = [
            at(2026, 11, 23),
            at(2026, 11, 27),
            at(2026, 11, 16),
            at(2025, 1, 1),
        ]
        .iter()
        .map(|t| t.timestamp_millis())
        .collect();
        let weeks = per_week(&times, now);
        assert_eq!(weeks.len(), WEEKS);
        assert_eq!(weeks[WEEKS - 1].week, "2026-11-23");
        assert_eq!(weeks[WEEKS - 1].learned, 2);
        assert_eq!(weeks[WEEKS - 2].learned, 1);
        assert_eq!(
            weeks.iter().map(|w| w.learned).sum::<usize>(),
            3,
            "old entry left out"
        );
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn team_reflections_show_counts_not_texts() {
        let r = vec![
            (Some(Brought::Work), Some("faster at the press".to_string())),
            (Some(Brought::Work), None),
            (None, Some("nice".to_string())),
        ];
        let personal = group_reflections(&r, true);
        assert_eq!(personal[0].brought, "work");
        assert_eq!(personal[0].count, 2);
        assert_eq!(personal[0].texts, vec!["faster at the press"]);
        assert_eq!(personal[1].brought, "unsorted");
        let team = group_reflections(&r, false);
        assert!(team.iter().all(|g| g.texts.is_empty()));
        assert_eq!(team.iter().map(|g| g.count).sum::<usize>(), 3);
    }
}
