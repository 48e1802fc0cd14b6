//! The status line above the key hints: the last message (what was saved,
//! what went wrong), else what waits to be sent and the nudge. Drawn from what it shows, not from the
//! whole pane, and it says how many rows it needs, so the frame gives it
//! room: a message is wrapped (up to [`MAX_ROWS`]), never cut, since it
//! may name the key that undoes or the reason a save failed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// Rows a message may take: enough for "saved, Ctrl-Z undoes" in Dutch at
/// 40 columns, never so many that the list goes.
pub const MAX_ROWS: usize = 3;

/// A one-line message at the bottom of the pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What the status line shows now.
pub struct StatusLine<'a> {
    pub status: Option<&'a Status>,
    /// "2 waiting to be sent" (the outbox), before the nudge.
    pub waiting: Option<String>,
    /// The nudge, shown when there is no message: one row, cut to fit.
    pub nudge: Option<&'a str>,
    pub theme: Theme,
}

impl StatusLine<'_> {
    /// Its rows at `width`, message wrapped.
    fn rows(&self, width: u16) -> Vec<Line<'static>> {
        let t = &self.theme;
        match (self.status, self.nudge) {
            (Some(_), _) => {
                let mut rows = self.wrapped(width);
                if rows.len() > MAX_ROWS {
                    // Cut where all can see it is cut: the start, which
                    // says what happened, stays whole.
                    rows.truncate(MAX_ROWS);
                    if let Some(last) = rows.last_mut() {
                        super::end_cut(last, usize::from(width));
                    }
                }
                rows
            }
            (None, nudge) => {
                let line = match (&self.waiting, nudge) {
                    (Some(w), Some(n)) => format!("{w} · » {n}"),
                    (Some(w), None) => w.clone(),
                    (None, Some(n)) => format!("» {n}"),
                    (None, None) => return Vec::new(),
                };
                let text = super::fit(&line, usize::from(width));
                vec![Line::from(Span::styled(text, t.muted))]
            }
        }
    }

    /// The message wrapped at `width`, every row of it.
    fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        let Some(s) = self.status else {
            return Vec::new();
        };
        let style = if s.error {
            self.theme.error
        } else {
            self.theme.ok
        };
        let line = WrapLine::indented(Span::styled(s.text.clone(), style), 2);
        wrap_all(&[line], width)
    }

    /// True when the message needs more than [`MAX_ROWS`] at `width` and
    /// is drawn cut (ending in "…").
    pub fn cut(&self, width: u16) -> bool {
        self.wrapped(width).len() > MAX_ROWS
    }

    /// Rows it takes at `width`: 0 when there is nothing to say.
    pub fn height(&self, width: u16) -> u16 {
        self.rows(width).len() as u16
    }
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (i, row) in self.rows(area.width).iter().enumerate() {
            let y = area.y + i as u16;
            if y < area.bottom() {
                buf.set_line(area.x, y, row, area.width);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_wraps_and_wins_over_the_nudge() {
        let status = Status {
            text: "one two three four five six seven eight".into(),
            error: false,
        };
        let line = StatusLine {
            status: Some(&status),
            waiting: None,
            nudge: Some("a nudge"),
            theme: Theme::mono(),
        };
        assert_eq!(line.height(20), 3);
        let quiet = StatusLine {
            status: None,
            waiting: None,
            nudge: Some("a nudge that is far too long for the line"),
            theme: Theme::mono(),
        };
        assert_eq!(quiet.height(20), 1);
        let empty = StatusLine {
            status: None,
            waiting: None,
            nudge: None,
            theme: Theme::mono(),
        };
        assert_eq!(empty.height(20), 0);
        let waiting = StatusLine {
            waiting: Some("2 waiting to be sent".into()),
            ..quiet
        };
        assert_eq!(
            waiting.rows(80)[0].to_string(),
            "2 waiting to be sent · » a nudge that is far too long for the line"
        );
    }
}
