//! The Me tab: your profile (`e` edits it), what you learned over time
//! (the same numbers as `leertuin insights`), and the lessons you finished.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::chart::{self, WeekChart};
use super::list::ItemListState;
use crate::domain::insights::{Insights, ReflectionGroup, UNSAID};
use crate::domain::{Person, handle_worth_showing};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// Reflection texts shown per group; the lessons themselves show them all.
const TEXTS_PER_GROUP: usize = 2;

#[derive(Debug, Clone)]
pub struct MeState {
    pub handle: String,
    pub person: Option<Person>,
    pub insights: Option<Insights>,
    /// Finished lessons, most recent first.
    pub done: ItemListState,
    /// The key that edits the profile here, named where the profile is
    /// empty; `None` where no key does (a kiosk login without the PIN).
    pub edit_key: Option<String>,
    /// The kiosk: a handle there is a typed name or a badge pseudonym,
    /// never what a person is called, so the heading names no handle.
    pub kiosk: bool,
    pub theme: Theme,
}

impl MeState {
    /// The keys worth a hint on the Me tab.
    pub fn hint_actions(&self) -> Vec<crate::tui::action::Action> {
        use crate::tui::action::Action;
        vec![Action::EditProfile, Action::Open, Action::Search]
    }

    pub fn new(handle: &str, theme: Theme) -> Self {
        MeState {
            handle: handle.to_string(),
            person: None,
            insights: None,
            done: ItemListState::new(
                || t!("list.mine").into_owned(),
                || t!("list.mine.empty").into_owned(),
                theme,
            ),
            edit_key: Some("e".to_string()),
            kiosk: false,
            theme,
        }
    }

    fn profile(&self) -> Vec<WrapLine> {
        let t = &self.theme;
        let list = |v: &[String]| {
            if v.is_empty() {
                match &self.edit_key {
                    Some(key) => t!("me.nothing-yet", key = key).into_owned(),
                    None => t!("me.nothing-yet.plain").into_owned(),
                }
            } else {
                v.join(", ")
            }
        };
        let (name, wants, offers, lang) = match &self.person {
            Some(p) => (
                p.name.clone(),
                list(&p.wants),
                list(&p.offers),
                p.lang.clone(),
            ),
            None => (self.handle.clone(), list(&[]), list(&[]), None),
        };
        // The language by its name ("Nederlands"), not its code.
        let lang = lang
            .map(|l| format!(" · {}", crate::i18n::lang_name(&l)))
            .unwrap_or_default();
        let handle = if !self.kiosk && handle_worth_showing(&self.handle, &name) {
            format!(" @{}", self.handle)
        } else {
            String::new()
        };
        vec![
            WrapLine::new(Line::from(vec![
                Span::styled(name, t.heading),
                Span::styled(format!("{handle}{lang}"), t.muted),
            ])),
            WrapLine::indented(
                Line::from(vec![
                    Span::styled(format!("{} ", t!("me.wants")), t.strong),
                    Span::raw(wants),
                ]),
                2,
            ),
            WrapLine::indented(
                Line::from(vec![
                    Span::styled(format!("{} ", t!("me.offers")), t.strong),
                    Span::raw(offers),
                ]),
                2,
            ),
        ]
    }

    /// The numbers under the chart.
    fn numbers(&self, i: &Insights) -> Vec<WrapLine> {
        let t = &self.theme;
        let muted = |s: String| WrapLine::indented(Span::styled(s, t.text), 2);
        let recall = i
            .predicted_recall
            .map(|r| format!(" · {}", t!("me.recall", pct = format!("{:.0}", r * 100.0))))
            .unwrap_or_default();
        let lessons = count(
            i.lessons_done,
            t!("me.lessons.one"),
            t!("me.lessons.many", n = i.lessons_done),
        );
        let cards = count(
            i.cards as i64,
            t!("me.cards.one"),
            t!("me.cards.many", n = i.cards),
        );
        let reviews = count(
            i.cards_reviewed,
            t!("me.reviews.one"),
            t!("me.reviews.many", n = i.cards_reviewed),
        );
        let questions = count(
            i.questions_asked,
            t!("me.questions.one"),
            t!("me.questions.many", n = i.questions_asked),
        );
        let mut out = Vec::new();
        // Without a login that is one (a typed name, no PIN) the numbers
        // are the team's: said plainly, so nobody takes them for their own.
        if i.person.is_none() {
            out.push(WrapLine::indented(
                Span::styled(t!("me.team-numbers").into_owned(), t.muted),
                2,
            ));
        }
        out.extend([
            muted(format!("{}{recall}", t!("me.done", lessons = lessons))),
            muted(format!("{cards}, {reviews}")),
            muted(
                t!(
                    "me.asked-answered",
                    questions = questions,
                    answers = count(
                        i.answers_given,
                        t!("me.answers.one"),
                        t!("me.answers.many", n = i.answers_given),
                    )
                )
                .into_owned(),
            ),
        ]);
        if let Some(h) = i.median_hours_to_first_answer {
            out.push(muted(first_answer(h)));
        }
        // What lessons brought, then what wishes done with the budget did.
        out.extend(brought_lines(&t!("me.brought"), &i.reflections, t));
        out.extend(brought_lines(&t!("me.with-budget"), &i.with_budget, t));
        out.extend(brought_lines(
            &t!("me.without-budget"),
            &i.without_budget,
            t,
        ));
        out
    }
}

/// "Het bracht: werk 2 · leven 1" under `label`, with a few of the
/// reflections of each group (the person's own view has them). What
/// nobody said it brought is no group of its own ("niet gezegd 1" read as
/// a riddle, issue 11): its reflections show without a label, and a
/// count of only that says nothing, so it is left out.
fn brought_lines(label: &str, groups: &[ReflectionGroup], t: &Theme) -> Vec<WrapLine> {
    let said = |g: &&ReflectionGroup| g.brought != UNSAID;
    let counts: Vec<String> = groups
        .iter()
        .filter(said)
        .map(|g| format!("{} {}", crate::i18n::brought_word(&g.brought), g.count))
        .collect();
    let texts: Vec<String> = groups
        .iter()
        .flat_map(|g| {
            g.texts.iter().take(TEXTS_PER_GROUP).map(move |text| {
                if said(&g) {
                    format!("  {}: “{text}”", crate::i18n::brought_word(&g.brought))
                } else {
                    format!("  “{text}”")
                }
            })
        })
        .collect();
    if counts.is_empty() && texts.is_empty() {
        return Vec::new();
    }
    let mut out = vec![WrapLine::indented(
        Line::from(vec![
            Span::styled(format!("{label} "), t.strong),
            Span::raw(counts.join(" · ")),
        ]),
        2,
    )];
    for text in texts {
        out.push(WrapLine::indented(Span::styled(text, t.muted), 4));
    }
    out
}

/// "1 lesson", "3 lessons": the words for one and for many, from the catalogue.
fn count(n: i64, one: Cow<'_, str>, many: Cow<'_, str>) -> String {
    if n == 1 { one } else { many }.into_owned()
}

impl Widget for &MeState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        let profile = wrap_all(&self.profile(), inner.width);
        let numbers = self
            .insights
            .as_ref()
            .map(|i| wrap_all(&self.numbers(i), inner.width))
            .unwrap_or_default();
        let chart_h = if self.insights.is_some() {
            usize::from(chart::HEIGHT)
        } else {
            0
        };
        // The top yields to the list on short panes: the list keeps 5 rows.
        let want = profile.len() + chart_h + numbers.len() + 1;
        let top_h = want.min(usize::from(area.height.saturating_sub(5)));
        let mut y = area.y;
        let bottom = area.y + top_h as u16;
        for row in &profile {
            if y >= bottom {
                break;
            }
            buf.set_line(inner.x, y, row, inner.width);
            y += 1;
        }
        if let Some(i) = &self.insights
            && y < bottom
        {
            let h = chart::HEIGHT.min(bottom - y);
            WeekChart {
                who: &if i.person.is_none() {
                    t!("me.chart.team")
                } else {
                    t!("me.chart")
                },
                weeks: &i.learned_per_week,
                theme: self.theme,
            }
            .render(Rect::new(inner.x, y, inner.width, h), buf);
            y += h;
        }
        for row in &numbers {
            if y >= bottom {
                break;
            }
            buf.set_line(inner.x, y, row, inner.width);
            y += 1;
        }
        let rest = Rect {
            y: bottom,
            height: area.bottom().saturating_sub(bottom),
            ..area
        };
        self.done.render(rest, buf);
    }
}

/// "first answer after 12 min": minutes under an hour ("0.0 hours" read
/// as no answer at all), whole hours above.
fn first_answer(hours: f64) -> String {
    let minutes = (hours * 60.0).round().max(1.0);
    if minutes < 60.0 {
        t!("me.first-answer.minutes", minutes = minutes as i64).into_owned()
    } else {
        t!("me.first-answer", hours = hours.round() as i64).into_owned()
    }
}

#[cfg(test)]
mod first_answer_tests {
    use super::first_answer;

    #[test]
    fn quick_answers_show_minutes_not_zero_hours() {
        crate::i18n::set_thread("nl");
        assert_eq!(first_answer(0.004), "eerste antwoord na 1 min (mediaan)");
        assert_eq!(first_answer(0.2), "eerste antwoord na 12 min (mediaan)");
        assert_eq!(first_answer(3.4), "eerste antwoord na 3 uur (mediaan)");
    }
}
