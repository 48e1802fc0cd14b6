//! The detail of one item (or of a Team tag): wrapped, scrollable lines.
//! The same state draws the preview beside a list and an opened item.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

use super::item_text::{self, Offers};
use crate::domain::{BackingKind, Item, ItemId};
use crate::tui::action::{Action, item_actions};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// What a detail shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Boxed: an item is far larger than the other variant.
    Item(Box<Item>),
    /// Ready-made lines under a title (a Team tag).
    Lines { title: String, lines: Vec<WrapLine> },
}

/// What the viewer did with a lesson: done, and the reflection given.
pub type Done = Option<Option<String>>;

#[derive(Debug, Clone)]
pub struct DetailState {
    pub content: Content,
    /// First visible row.
    pub scroll: usize,
    /// How many check cards show their answer.
    pub revealed: usize,
    pub done: Done,
    /// True when opened (it has the keys); false for a preview beside a list.
    pub open: bool,
    /// On the viewer's own question: answers above this id came since they
    /// last looked, and are marked new.
    new_after: Option<i64>,
    viewer: String,
    /// What the viewer can do on a question (see [`Offers`]).
    offers: Offers,
    theme: Theme,
    lines: Vec<WrapLine>,
    /// The largest useful scroll at the last draw; the draw is the only
    /// place that knows the width, so it leaves this for `update`.
    max_scroll: Cell<usize>,
}

impl DetailState {
    pub fn item(item: Item, viewer: &str, done: Done, theme: Theme) -> Self {
        let mut d = DetailState {
            content: Content::Item(Box::new(item)),
            scroll: 0,
            revealed: 0,
            done,
            open: false,
            new_after: None,
            viewer: viewer.to_string(),
            offers: Offers {
                choose: true,
                answer: None,
            },
            theme,
            lines: Vec::new(),
            max_scroll: Cell::new(usize::MAX),
        };
        d.rebuild();
        d
    }

    pub fn lines(title: String, lines: Vec<WrapLine>, theme: Theme) -> Self {
        DetailState {
            content: Content::Lines {
                title,
                lines: lines.clone(),
            },
            scroll: 0,
            revealed: 0,
            done: None,
            open: false,
            new_after: None,
            viewer: String::new(),
            offers: Offers::default(),
            theme,
            lines,
            max_scroll: Cell::new(usize::MAX),
        }
    }

    /// The keys worth a hint on an open item, most important first: on
    /// the viewer's own question closing the loop, else the item's three
    /// most useful (the rest are in `?`); then back.
    pub fn hint_actions(&self) -> Vec<Action> {
        let mut v = match self.as_item() {
            Some(Item::Question(q))
                if self.offers.choose && q.author.as_deref() == Some(self.viewer.as_str()) =>
            {
                // Only what can be done now: choosing needs an answer,
                // "helped" a pledge not yet marked; else the asker's own
                // post keys.
                // Once an answer is chosen, only another is left to choose
                // (issue 11: "Enter kies antwoord" stayed after choosing).
                let mut v = Vec::new();
                if q.answers.iter().any(|a| !a.accepted) {
                    v.push(Action::Accept);
                }
                let waiting = q
                    .backings
                    .iter()
                    .any(|b| b.kind == BackingKind::Pledge && !b.helped);
                if waiting {
                    v.push(Action::Helped);
                }
                if q.answers.is_empty() && v.is_empty() {
                    v = vec![Action::EditProfile, Action::Delete];
                }
                v
            }
            // A lesson done is not offered to be done again: the hint line
            // says "✓ klaar" instead (see `App::hint_line`).
            Some(i @ Item::Lesson(_)) if self.done.is_some() => item_actions(i, &self.viewer)
                .into_iter()
                .filter(|a| *a != Action::MarkDone)
                .take(3)
                .collect(),
            Some(i) => item_actions(i, &self.viewer).into_iter().take(3).collect(),
            None => Vec::new(),
        };
        v.push(Action::Back);
        v
    }

    /// True for a lesson the viewer has done.
    pub fn lesson_done(&self) -> bool {
        matches!(self.as_item(), Some(Item::Lesson(_))) && self.done.is_some()
    }

    pub fn as_item(&self) -> Option<&Item> {
        match &self.content {
            Content::Item(i) => Some(i.as_ref()),
            Content::Lines { .. } => None,
        }
    }

    pub fn id(&self) -> Option<ItemId> {
        self.as_item().map(Item::id)
    }

    /// Swaps in a fresh copy of the item (after a change), keeping the
    /// reader's place.
    pub fn replace(&mut self, item: Item, done: Done) {
        // The asker chose an answer: they read them, none is new to them
        // any more (issue 11: "● nieuw" stayed after choosing).
        let chosen = |i: Option<&Item>| match i {
            Some(Item::Question(q)) => q.answers.iter().find(|a| a.accepted).map(|a| a.id),
            _ => None,
        };
        let now_chosen = chosen(Some(&item));
        if now_chosen.is_some() && now_chosen != chosen(self.as_item()) {
            self.new_after = None;
        }
        self.content = Content::Item(Box::new(item));
        self.done = done;
        self.rebuild();
    }

    /// Whether the viewer may choose the answer that helped on their own
    /// question (see [`DetailState::hint_actions`]).
    pub fn choosing(mut self, chooses: bool) -> Self {
        self.offers.choose = chooses;
        self.rebuild();
        self
    }

    /// How a colleague's open question is answered from here, said under
    /// it (see [`Offers::answer`]).
    pub fn answering(mut self, how: Option<String>) -> Self {
        self.offers.answer = how;
        self.rebuild();
        self
    }

    /// Marks the answers above `seen` (by others) as new to the viewer.
    pub fn mark_new_after(&mut self, seen: i64) {
        self.new_after = Some(seen);
        self.rebuild();
    }

    fn rebuild(&mut self) {
        if let Content::Item(item) = &self.content {
            self.lines = item_text::lines(
                item,
                self.revealed,
                &self.done,
                &self.viewer,
                self.new_after,
                &self.offers,
                &self.theme,
            );
        }
    }

    pub fn scroll_by(&mut self, delta: isize) {
        let max = self.max_scroll.get();
        self.scroll = self.scroll.min(max).saturating_add_signed(delta).min(max);
    }

    /// Scrolls to the end; the draw clamps it, as only it knows the length.
    pub fn scroll_to_end(&mut self) {
        self.scroll = usize::MAX;
    }

    /// Shows the next hidden card answer; false when there is none.
    pub fn reveal(&mut self) -> bool {
        let cards = match self.as_item() {
            Some(Item::Lesson(l)) => l.cards.len(),
            _ => 0,
        };
        if self.revealed >= cards {
            return false;
        }
        self.revealed += 1;
        self.rebuild();
        true
    }

    fn title(&self) -> String {
        match &self.content {
            Content::Item(item) => format!(
                " {} {}",
                capitalized(&crate::i18n::kind_word(item.kind())),
                super::ids::head(item.id())
            ),
            Content::Lines { title, .. } => format!(" {title} "),
        }
    }
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Widget for &DetailState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let border = if self.open {
            t.border_focused
        } else {
            t.border
        };
        let mut block = Block::bordered()
            .border_style(border)
            .title(Span::styled(self.title(), t.accent));
        let inner = block.inner(area);
        let rows = wrap_all(&self.lines, inner.width);
        let height = usize::from(inner.height);
        let max = rows.len().saturating_sub(height);
        self.max_scroll.set(max);
        let scroll = self.scroll.min(max);
        if scroll < max {
            block = block.title_bottom(Span::styled(
                format!(" {} ↓ ", crate::t!("detail.more")),
                t.muted,
            ));
        }
        block.render(area, buf);
        for (i, row) in rows.iter().skip(scroll).take(height).enumerate() {
            let y = inner.y + i as u16;
            buf.set_line(inner.x, y, row, inner.width);
        }
    }
}
