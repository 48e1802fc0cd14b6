//! A choice before a write: what will be saved and where, and the options
//! to pick with ↑↓ and Enter (Esc stores nothing). A me-too, a can-help and
//! a vote are confirmed here with one option; the asker picks the answer to
//! accept, or the colleague who gave their pledged time, from a list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::wish::WishId;
use crate::domain::{BackingKind, ItemId, Post};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::views::fit;
use crate::tui::wrap::{WrapLine, wrap_all};

/// What Enter will store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    MeToo(ItemId),
    CanHelp(ItemId),
    /// The kiosk's `+` on a question: want to know too, can help, or give
    /// time (see [`crate::tui::join`]); the option's value names the way.
    Join(ItemId),
    Vote(ItemId),
    /// The asker accepts the chosen answer.
    Accept(ItemId),
    /// The asker marks the chosen colleague's pledged time as given.
    Helped(ItemId),
    /// The person deletes their own post.
    Delete(Post),
    /// The person takes their backing back (pressing its key again).
    Withdraw(ItemId, BackingKind),
    /// The person takes their vote back.
    Unvote(ItemId),
    /// Which of the person's own posts here to edit (a question and their
    /// answers on it); the option's value is the post (`q4#2`).
    EditOwn(ItemId),
    /// Which of the person's own posts here to delete.
    DeleteOwn(ItemId),
    /// A gift from the person's budget to a wish; the option's value is
    /// "cents minutes", a tab, and the note (or nothing).
    Fund(WishId),
    /// What to do with one's own wish: give, change, done, withdraw (the
    /// option's value names it).
    OwnWish(WishId),
    /// One's own wish done; the value is what it brought (or nothing), a
    /// tab, and the reflection.
    FinishWish(WishId),
    /// One's own wish withdrawn: every gift goes back.
    WithdrawWish(WishId),
    /// A new kiosk worker's offer to make a first wish: Enter opens the
    /// wish form, nothing is stored by choosing (see [`crate::tui::wish_offer`]).
    FirstWish,
}

/// One line to choose: what it says, and what it stands for (an answer's
/// number, a person's handle; empty for a plain "yes").
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct ChooseState {
    pub choice: Choice,
    pub title: String,
    /// What will be saved, and on which item: shown above the options.
    pub about: Vec<String>,
    pub options: Vec<ChoiceOption>,
    pub selected: usize,
    pub theme: Theme,
}

impl ChooseState {
    /// The keys worth a hint: ↓ only where there is more than one line.
    pub fn hint_actions(&self) -> Vec<Action> {
        if self.options.len() > 1 {
            vec![Action::Submit, Action::Cancel, Action::Down]
        } else {
            vec![Action::Submit, Action::Cancel]
        }
    }

    pub fn new(choice: Choice, title: String, about: Vec<String>, theme: Theme) -> Self {
        ChooseState {
            choice,
            title,
            about,
            options: Vec::new(),
            selected: 0,
            theme,
        }
    }

    pub fn option(mut self, label: String, value: String) -> Self {
        self.options.push(ChoiceOption { label, value });
        self
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.options.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The option Enter takes.
    pub fn chosen(&self) -> Option<&ChoiceOption> {
        self.options.get(self.selected)
    }

    /// Rows it needs at `width` columns, borders included.
    pub fn height(&self, width: u16) -> u16 {
        let about = wrap_all(&self.about_lines(), width.saturating_sub(2)).len();
        (about + 1 + self.options.len() + 2).min(usize::from(u16::MAX)) as u16
    }

    fn about_lines(&self) -> Vec<WrapLine> {
        self.about
            .iter()
            .map(|l| WrapLine::new(Span::styled(l.clone(), self.theme.text)))
            .collect()
    }
}

impl Widget for &ChooseState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(format!(" {} ", self.title), t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let mut rows = wrap_all(&self.about_lines(), inner.width);
        rows.push(Line::default());
        // The options stay in sight: the text above gives way first.
        let room = usize::from(inner.height).saturating_sub(self.options.len());
        if rows.len() > room {
            rows.truncate(room);
        }
        let width = usize::from(inner.width);
        for (i, o) in self.options.iter().enumerate() {
            let (marker, style) = if i == self.selected {
                ("> ", t.selected)
            } else {
                ("  ", t.text)
            };
            let text = fit(&format!("{marker}{}", o.label), width);
            rows.push(Line::from(Span::styled(text, style)));
        }
        // A long list scrolls so the chosen line is shown.
        let skip = (rows.len() - self.options.len() + self.selected + 1)
            .saturating_sub(usize::from(inner.height));
        for (y, row) in rows
            .iter()
            .skip(skip)
            .take(usize::from(inner.height))
            .enumerate()
        {
            buf.set_line(inner.x, inner.y + y as u16, row, inner.width);
        }
    }
}
