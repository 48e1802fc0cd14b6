//! The Team tab: per tag, who wants to learn it and who can help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::list::{RowLine, step};
use super::row_window;
use crate::tui::feed::TagPeople;
use crate::tui::theme::{SELECTED_MARKER, Theme, UNSELECTED_MARKER};
use crate::tui::wrap::WrapLine;

#[derive(Debug, Clone)]
pub struct TeamState {
    pub tags: Vec<TagPeople>,
    pub selected: usize,
    pub loaded: bool,
    pub theme: Theme,
}

impl TeamState {
    pub fn new(theme: Theme) -> Self {
        TeamState {
            tags: Vec::new(),
            selected: 0,
            loaded: false,
            theme,
        }
    }

    pub fn set_tags(&mut self, tags: Vec<TagPeople>) {
        let keep = self.selected_tag().map(|t| t.tag.clone());
        self.tags = tags;
        self.loaded = true;
        if let Some(pos) = keep.and_then(|k| self.tags.iter().position(|t| t.tag == k)) {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.tags.len().saturating_sub(1));
    }

    pub fn selected_tag(&self) -> Option<&TagPeople> {
        self.tags.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.tags.len());
    }

    /// The detail of the selected tag: who, and who could pair up.
    pub fn detail_lines(&self) -> Option<(String, Vec<WrapLine>)> {
        let t = &self.theme;
        let tag = self.selected_tag()?;
        let names = |v: &[String]| {
            if v.is_empty() {
                "nobody yet".to_string()
            } else {
                v.join(", ")
            }
        };
        let mut lines = vec![
            WrapLine::new(Span::styled(format!("#{}", tag.tag), t.heading)),
            WrapLine::blank(),
            WrapLine::new(Span::styled("Wants to learn it", t.strong)),
            WrapLine::indented(Span::styled(format!("  {}", names(&tag.wants)), t.text), 2),
            WrapLine::blank(),
            WrapLine::new(Span::styled("Can help with it", t.strong)),
            WrapLine::indented(Span::styled(format!("  {}", names(&tag.offers)), t.text), 2),
            WrapLine::blank(),
        ];
        let pairs = tag.pairs();
        if pairs.is_empty() {
            lines.push(WrapLine::new(Span::styled(
                "No pair yet: someone who can help and someone who wants to learn.",
                t.muted,
            )));
        } else {
            lines.push(WrapLine::new(Span::styled("Suggested pairs", t.strong)));
            for (helper, learner) in pairs {
                lines.push(WrapLine::indented(
                    Span::styled(format!("  {helper} → {learner}"), t.ok),
                    4,
                ));
            }
        }
        Some((format!("Team #{}", tag.tag), lines))
    }
}

impl Widget for &TeamState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(" Team: who learns what ", t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if self.tags.is_empty() {
            let note = if self.loaded {
                "Nobody has said what they want to learn yet: try `leertuin me --wants TAG`."
            } else {
                "Loading…"
            };
            Paragraph::new(Span::styled(note, t.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let (first, count) = row_window(self.selected, self.tags.len(), inner.height);
        for (i, tag) in self.tags.iter().enumerate().skip(first).take(count) {
            let selected = i == self.selected;
            RowLine {
                marker: if selected {
                    SELECTED_MARKER
                } else {
                    UNSELECTED_MARKER
                },
                id: format!("#{}", tag.tag),
                title: format!("{} want · {} can help", tag.wants.len(), tag.offers.len()),
                badge: String::new(),
                selected,
                theme: *t,
            }
            .render(
                Rect::new(inner.x, inner.y + (i - first) as u16, inner.width, 1),
                buf,
            );
        }
    }
}
