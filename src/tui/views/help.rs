//! `?`: every key of the view underneath, straight from the keymap.
//! Scrolled by drawn rows (a description wrapped over two rows scrolls one
//! row at a time, never skipped), never past the last row, and the box
//! keeps its size while it scrolls.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::action::Action;
use crate::tui::keys::{Key, KeyMap, View};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

#[derive(Debug, Clone)]
pub struct HelpState {
    pub view: View,
    /// The view's name in the title where the view says more than its
    /// kind ("een open wens", not "een open bericht"); `None`: its label.
    pub name: Option<String>,
    /// (keys, what they do)
    pub rows: Vec<(String, String)>,
    /// First drawn row shown (of the wrapped rows).
    pub scroll: usize,
    pub theme: Theme,
    /// The largest useful scroll at the last draw; the draw is the only
    /// place that knows the size, so it leaves this for `scroll_by`.
    max_scroll: Cell<usize>,
}

impl HelpState {
    /// Every key of `view`; only those that `works` for their action (on a
    /// kiosk a letter types a question, so help names no letter there, and
    /// a login without the PIN is shown nothing it may not do), each with
    /// what it does here (`describe`).
    pub fn new(
        keys: &KeyMap,
        view: View,
        theme: Theme,
        works: impl Fn(Action, &Key) -> bool,
        describe: impl Fn(Action) -> String,
    ) -> Self {
        let rows = keys
            .bindings(view)
            .filter_map(|b| {
                let names: Vec<String> = b
                    .keys
                    .iter()
                    .filter(|k| works(b.action, k))
                    .map(ToString::to_string)
                    .collect();
                (!names.is_empty()).then(|| (names.join(" "), describe(b.action)))
            })
            .collect();
        HelpState {
            view,
            name: None,
            rows,
            scroll: 0,
            theme,
            // Unknown until drawn: the draw clamps too.
            max_scroll: Cell::new(usize::MAX),
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
        self.scroll = self
            .scroll
            .min(self.max_scroll.get())
            .saturating_add_signed(delta)
            .min(self.max_scroll.get());
    }
}

impl Widget for &HelpState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(
                format!(
                    " {} ",
                    t!(
                        "keys.title",
                        view = self.name.clone().unwrap_or_else(|| self.view.label())
                    )
                ),
                t.accent,
            ))
            .title_bottom(Span::styled(
                format!(" ↑↓ {} ", t!("keys.scroll-close")),
                t.muted,
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = self.wrapped(inner.width);
        let max = lines.len().saturating_sub(usize::from(inner.height));
        self.max_scroll.set(max);
        for (i, line) in lines
            .iter()
            .skip(self.scroll.min(max))
            .take(usize::from(inner.height))
            .enumerate()
        {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
    }
}
