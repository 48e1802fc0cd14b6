//! `?`: every key of the view underneath, straight from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::keys::{Key, KeyMap, View};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

#[derive(Debug, Clone)]
pub struct HelpState {
    pub view: View,
    /// (keys, what they do)
    pub rows: Vec<(String, String)>,
    pub scroll: usize,
    pub theme: Theme,
}

impl HelpState {
    /// Every key of `view`; only those that `works` (on a kiosk a letter
    /// types a question, so help names no letter there).
    pub fn new(keys: &KeyMap, view: View, theme: Theme, works: impl Fn(&Key) -> bool) -> Self {
        let rows = keys
            .bindings(view)
            .filter_map(|b| {
                let names: Vec<String> = b
                    .keys
                    .iter()
                    .filter(|k| works(k))
                    .map(ToString::to_string)
                    .collect();
                (!names.is_empty()).then(|| (names.join(" "), b.action.describe()))
            })
            .collect();
        HelpState {
            view,
            rows,
            scroll: 0,
            theme,
        }
    }

    /// Every row wrapped to `width` (inside the border): the keys in a
    /// column, each description wrapped under itself, never cut.
    fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        let t = &self.theme;
        let key_w = self
            .rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(usize::from(width / 2));
        let lines: Vec<WrapLine> = self
            .rows
            .iter()
            .skip(self.scroll)
            .map(|(keys, what)| {
                let line = Line::from(vec![
                    Span::styled(format!("{keys:<key_w$}  "), t.key),
                    Span::styled(what.clone(), t.text),
                ]);
                WrapLine::indented(line, (key_w + 2).min(usize::from(u16::MAX)) as u16)
            })
            .collect();
        wrap_all(&lines, width)
    }

    /// Rows it needs at `width` columns, borders included.
    pub fn height(&self, width: u16) -> u16 {
        let rows = self.wrapped(width.saturating_sub(2)).len() + 2;
        rows.min(usize::from(u16::MAX)) as u16
    }

    pub fn scroll_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }
}

impl Widget for &HelpState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(
                format!(" {} ", t!("keys.title", view = self.view.label())),
                t.accent,
            ))
            .title_bottom(Span::styled(
                format!(" ↑↓ {} ", t!("keys.scroll-close")),
                t.muted,
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        for (i, line) in self
            .wrapped(inner.width)
            .iter()
            .take(usize::from(inner.height))
            .enumerate()
        {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
    }
}
