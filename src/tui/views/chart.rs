//! A small chart of learned entries per week (Team and Me tabs): a line
//! with the total, then a ratatui `Sparkline`, one cell per week, oldest
//! first. Two short rows read well at 40 columns and beside a list at 80.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Sparkline, Widget};

use crate::domain::insights::WeekCount;
use crate::tui::theme::Theme;

/// Like the default bars, but an empty week draws the baseline `▁`, so a
/// quiet week is visibly a week and the chart keeps its width.
const BARS: bar::Set = bar::Set {
    empty: "▁",
    ..bar::NINE_LEVELS
};

/// Rows the chart takes.
pub const HEIGHT: u16 = 2;

pub struct WeekChart<'a> {
    /// Whose learning: "The team learned"; on Me whose "I learned" notes
    /// ("Jouw ‘ik leerde’"), as lessons done have a line of their own.
    pub who: &'a str,
    pub weeks: &'a [WeekCount],
    pub theme: Theme,
}

impl WeekChart<'_> {
    pub fn total(&self) -> usize {
        self.weeks.iter().map(|w| w.learned).sum()
    }
}

impl Widget for WeekChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let t = &self.theme;
        let title = Line::from(vec![
            Span::styled(format!("{}: {}", self.who, self.total()), t.strong),
            Span::styled(
                format!(" {}", t!("chart.weeks", n = self.weeks.len())),
                t.muted,
            ),
        ]);
        let title = super::fit_line(&title, usize::from(area.width));
        buf.set_line(area.x, area.y, &title, area.width);
        if area.height < 2 {
            return;
        }
        let y = area.y + 1;
        let chart_w = (self.weeks.len() as u16).min(area.width);
        let data: Vec<u64> = self.weeks.iter().map(|w| w.learned as u64).collect();
        Sparkline::default()
            .data(data)
            .bar_set(BARS)
            .style(t.accent)
            .render(Rect::new(area.x, y, chart_w, 1), buf);
        let x = area.x + chart_w;
        if x + 2 < area.right() {
            buf.set_line(
                x,
                y,
                &Line::from(Span::styled(
                    format!(" ← {}", t!("chart.this-week")),
                    t.muted,
                )),
                area.right() - x,
            );
        }
    }
}
