//! The Me tab: your profile and the lessons you finished.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::list::ItemListState;
use crate::domain::Person;
use crate::tui::theme::Theme;

#[derive(Debug, Clone)]
pub struct MeState {
    pub handle: String,
    pub person: Option<Person>,
    /// Finished lessons, most recent first.
    pub done: ItemListState,
    pub theme: Theme,
}

impl MeState {
    pub fn new(handle: &str, theme: Theme) -> Self {
        MeState {
            handle: handle.to_string(),
            person: None,
            done: ItemListState::new(
                "Lessons you finished",
                "No lessons finished yet. Open one in Lessons and mark it done.",
                theme,
            ),
            theme,
        }
    }

    fn profile(&self) -> Vec<Line<'static>> {
        let t = &self.theme;
        let list = |v: &[String]| {
            if v.is_empty() {
                "(none yet)".to_string()
            } else {
                v.join(", ")
            }
        };
        let (name, wants, offers) = match &self.person {
            Some(p) => (p.name.clone(), list(&p.wants), list(&p.offers)),
            None => (self.handle.clone(), list(&[]), list(&[])),
        };
        vec![
            Line::from(vec![
                Span::styled(name, t.heading),
                Span::styled(format!(" ({})", self.handle), t.muted),
            ]),
            Line::from(vec![
                Span::styled("Wants to learn: ", t.strong),
                Span::raw(wants),
            ]),
            Line::from(vec![
                Span::styled("Can help with: ", t.strong),
                Span::raw(offers),
            ]),
            Line::from(Span::styled(
                "Change: leertuin me --wants TAG --offers TAG",
                t.muted,
            )),
        ]
    }
}

impl Widget for &MeState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let profile = self.profile();
        // The profile yields to the list on short panes.
        let profile_h = (profile.len() as u16 + 1).min(area.height / 2);
        let [top, rest] =
            Layout::vertical([Constraint::Length(profile_h), Constraint::Min(0)]).areas(area);
        Paragraph::new(profile)
            .wrap(Wrap { trim: true })
            .render(top.inner(ratatui::layout::Margin::new(1, 0)), buf);
        self.done.render(rest, buf);
    }
}
