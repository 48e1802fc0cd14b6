//! "Asked before": while a question is typed, questions colleagues already
//! asked about the same words, and whether they have answers, so a worker
//! finds the answer before asking again.

use ratatui::text::{Line, Span};

use crate::domain::ItemId;
use crate::tui::theme::Theme;

/// One question asked before, as the capture form lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    pub id: ItemId,
    pub title: String,
    pub answers: usize,
    /// The asker chose an answer that helped.
    pub accepted: bool,
}

/// The lines under the question being typed: a heading and one line per
/// question ("q3 Hoe stel ik… · 2 antwoorden ✓"), or two where the form is
/// narrow (the answers under the title); nothing when none. Titles are cut
/// to `width` so the number of answers stays in sight.
pub fn lines(similar: &[Similar], width: u16, t: &Theme) -> Vec<Line<'static>> {
    if similar.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled(
        format!("  {}", t!("similar.heading")),
        t.strong,
    ))];
    for s in similar {
        let answers = if s.answers == 0 {
            t!("similar.no-answer").into_owned()
        } else {
            crate::i18n::answers(s.answers)
        };
        let mark = if s.accepted { " ✓" } else { "" };
        let head = format!("  {}", super::ids::head(s.id));
        let tail = format!(" · {answers}{mark}");
        let width = usize::from(width);
        let room = width.saturating_sub(head.chars().count() + tail.chars().count());
        if room >= s.title.chars().count() || room >= WHOLE_ENOUGH {
            out.push(Line::from(vec![
                Span::styled(head, t.muted),
                Span::styled(super::fit(&s.title, room.max(4)), t.text),
                Span::styled(tail, t.muted),
            ]));
        } else {
            // A narrow form (40 columns): the title on its own row, its
            // answers under it, so a worker can tell which question it is.
            let room = width.saturating_sub(head.chars().count());
            out.push(Line::from(vec![
                Span::styled(head.clone(), t.muted),
                Span::styled(super::fit(&s.title, room.max(4)), t.text),
            ]));
            out.push(Line::from(Span::styled(
                format!("{}{}", " ".repeat(head.chars().count()), tail.trim_start()),
                t.muted,
            )));
        }
    }
    out
}

/// Title columns that read well enough beside the answers; with less room
/// the answers go on the row below.
const WHOLE_ENOUGH: usize = 24;
