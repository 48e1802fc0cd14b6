//! A one-line question at the bottom of the pane: an answer, minutes to
//! pledge, the reflection after a lesson (and what it brought), or the
//! asker's accept / helped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::wish::WishId;
use crate::domain::{Brought, ItemId};
use crate::tui::action::Action;
use crate::tui::input::TextInput;

/// Rows of text the prompt grows to before its start scrolls away.
const MAX_TEXT_ROWS: usize = 5;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Answer(ItemId),
    Pledge(ItemId),
    Reflection(ItemId),
    /// What to give to a wish: an amount, or hours (`2u`).
    Fund(WishId),
    /// A new wish: what the person wants to learn.
    Wish,
    /// The new wish's cost (empty: none); the wish is in `pending`.
    WishCost,
}

#[derive(Debug, Clone)]
pub struct PromptState {
    pub purpose: Purpose,
    pub input: TextInput,
    /// For a reflection: what the lesson brought, chosen with Tab.
    pub brought: Option<Brought>,
    /// The item it is about, in a few words ("Where is the toner?"), so
    /// the person sees where the text will be saved.
    pub about: Option<String>,
    /// For a reflection: Enter was pressed on a lesson that has an earlier,
    /// different reflection, and the person was asked; the next Enter
    /// replaces it. Typing on asks again.
    pub replace_asked: bool,
    /// Esc was pressed on typed text and the form asked whether to throw
    /// it away; a second Esc does.
    pub cancel_asked: bool,
    /// Text typed at an earlier step of the same form (the wish, while
    /// its cost is asked): saved with this step, or not at all.
    pub pending: Option<String>,
    pub theme: Theme,
}

impl PromptState {
    /// The keys worth a hint: a reflection also says what it brought.
    pub fn hint_actions(&self) -> Vec<Action> {
        match self.purpose {
            Purpose::Reflection(_) => vec![Action::Submit, Action::Cancel, Action::Brought],
            _ => vec![Action::Submit, Action::Cancel],
        }
    }

    pub fn new(purpose: Purpose, theme: Theme) -> Self {
        PromptState {
            purpose,
            input: TextInput::single_line(),
            brought: None,
            about: None,
            replace_asked: false,
            cancel_asked: false,
            pending: None,
            theme,
        }
    }

    pub fn title(&self) -> String {
        let what = match self.purpose {
            Purpose::Answer(_) if !super::ids::shown() => t!("prompt.answer.words"),
            Purpose::Pledge(_) if !super::ids::shown() => t!("prompt.pledge.words"),
            Purpose::Answer(id) => t!("prompt.answer", id = id),
            Purpose::Pledge(id) => t!("prompt.pledge", id = id),
            Purpose::Reflection(_) => t!("prompt.reflection"),
            Purpose::Fund(_) => t!("prompt.fund"),
            Purpose::Wish => t!("prompt.wish"),
            Purpose::WishCost => t!("prompt.wish-cost"),
        };
        match &self.about {
            Some(about) => format!(" {what} · {about} "),
            None => format!(" {what} "),
        }
    }

    /// The text with its cursor, wrapped to `width`.
    fn rows(&self, width: u16) -> Vec<ratatui::text::Line<'static>> {
        let lines = self.input.lines(self.theme.text, Some(self.theme.cursor));
        let spans: Vec<Span> = lines.into_iter().flat_map(|l| l.spans).collect();
        crate::tui::wrap::wrap_all(
            &[crate::tui::wrap::WrapLine::new(ratatui::text::Line::from(
                spans,
            ))],
            width.max(1),
        )
    }

    /// Rows the prompt takes at `width`: its border and its wrapped text,
    /// up to [`MAX_TEXT_ROWS`] rows of it.
    pub fn height(&self, width: u16) -> u16 {
        let rows = self
            .rows(width.saturating_sub(2))
            .len()
            .clamp(1, MAX_TEXT_ROWS);
        rows as u16 + 2
    }

    /// Next choice of what the lesson brought: none, work, life,
    /// connection, meaning, none…
    pub fn cycle_brought(&mut self) {
        let all = Brought::ALL;
        self.brought = match self.brought {
            None => Some(all[0]),
            Some(b) => all.get(b as usize + 1).copied(),
        };
    }
}

impl Widget for &PromptState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let mut block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(self.title(), t.accent));
        if let Purpose::Reflection(_) = self.purpose {
            let choice = self.brought.map_or("—".to_string(), |b| {
                crate::tui::views::me::brought_word(b.name())
            });
            block = block.title_bottom(Span::styled(
                format!(" {} ", t!("prompt.brought", choice = choice)),
                t.accent,
            ));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        // A long answer wraps, as the question field does (scrolled
        // sideways, its start was out of sight at 40 columns); the end,
        // where one types, stays in view.
        let rows = self.rows(inner.width);
        let skip = rows.len().saturating_sub(usize::from(inner.height));
        for (y, row) in (inner.y..inner.bottom()).zip(rows.iter().skip(skip)) {
            buf.set_line(inner.x, y, row, inner.width);
        }
    }
}
