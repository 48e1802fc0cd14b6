//! A one-line question at the bottom of the pane: an answer, minutes to
//! pledge, the reflection after a lesson (and what it brought), or the
//! asker's accept / helped.
//!
//! Its title (the question and what it is about) stands in the border
//! when it fits; on a narrow pane it wraps into the box's first rows, so
//! nothing of it is cut at 40 columns. A form may add a note under the
//! text, worked out as the person types (the give form's "more than the
//! wish still needs").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::domain::wish::WishId;
use crate::domain::{Brought, ItemId};
use crate::tui::action::Action;
use crate::tui::input::TextInput;

use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// Rows of text the prompt grows to before its start scrolls away.
const MAX_TEXT_ROWS: usize = 5;

/// A line under the typed text, said while typing: a warning (the amount
/// is more than can be given) or plain news (what stays left).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub warning: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Answer(ItemId),
    Pledge(ItemId),
    Reflection(ItemId),
    /// What to give to a wish: an amount, or hours (`2u`).
    Fund(WishId),
    /// A note with the gift (cents, minutes) to the wish's owner; empty:
    /// none, as `fund --note` is optional.
    FundNote {
        wish: WishId,
        cents: i64,
        minutes: i64,
    },
    /// A new wish: what the person wants to learn (or, changing one's
    /// wish, its new words).
    Wish,
    /// Why, when a wish is changed (empty: no reason given).
    WishWhy,
    /// The wish's cost (empty: none); the earlier steps are in `pending`.
    WishCost,
    /// The hours it takes (empty: none).
    WishHours,
    /// Its topics, a new wish's last step (empty: none).
    WishTags,
    /// The owner's reflection on their wish, done (and what it brought).
    WishDone(WishId),
    /// A voucher's code, to put into one's own budget.
    Voucher,
}

/// A wish being made or changed, step by step: each step's text as typed,
/// so a step can be typed again and the wish saved whole at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WishForm {
    /// The wish being changed; `None` for a new one.
    pub editing: Option<WishId>,
    pub text: String,
    pub why: String,
    pub cost: String,
    pub hours: String,
    pub tags: String,
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
    /// What was typed at the earlier steps of a wish form (the wish,
    /// while its cost is asked): saved with the last step, or not at all.
    pub pending: Option<WishForm>,
    /// What the form says of the text as it stands (see [`Note`]).
    pub note: Option<Note>,
    /// A kiosk's form: a badge or PIN in the text shows as dots (see
    /// [`crate::domain::code::hidden_from`]).
    pub mask_codes: bool,
    /// What the prompt asks, in other words than its purpose's: the
    /// kiosk's first wish, asked out of the blue after a first question,
    /// says that it makes a wish ("Een wens maken: wat wil je leren?").
    pub asks: Option<String>,
    pub theme: Theme,
}

impl PromptState {
    /// The keys worth a hint: a reflection also says what it brought.
    pub fn hint_actions(&self) -> Vec<Action> {
        match self.purpose {
            Purpose::Reflection(_) | Purpose::WishDone(_) => {
                vec![Action::Submit, Action::Cancel, Action::Brought]
            }
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
            note: None,
            mask_codes: false,
            asks: None,
            theme,
        }
    }

    pub fn title(&self) -> String {
        let what = self.question();
        match &self.about {
            Some(about) => format!(" {what} · {about} "),
            None => format!(" {what} "),
        }
    }

    /// What the prompt asks, without what it is about.
    fn question(&self) -> std::borrow::Cow<'static, str> {
        if let Some(asks) = &self.asks {
            return asks.clone().into();
        }
        match self.purpose {
            Purpose::Answer(_) if !super::ids::shown() => t!("prompt.answer.words"),
            Purpose::Pledge(_) if !super::ids::shown() => t!("prompt.pledge.words"),
            Purpose::Answer(id) => t!("prompt.answer", id = id),
            Purpose::Pledge(id) => t!("prompt.pledge", id = id),
            Purpose::Reflection(_) => t!("prompt.reflection"),
            Purpose::Fund(_) => t!("prompt.fund"),
            Purpose::FundNote { .. } => t!("prompt.fund-note"),
            Purpose::Wish => t!("prompt.wish"),
            Purpose::WishWhy => t!("prompt.wish-why"),
            Purpose::WishCost => t!("prompt.wish-cost"),
            Purpose::WishHours => t!("prompt.wish-hours"),
            Purpose::WishTags => t!("prompt.wish-tags"),
            Purpose::WishDone(_) => t!("prompt.wish-done"),
            Purpose::Voucher => t!("prompt.voucher"),
        }
    }

    /// The text with its cursor, wrapped to `width`.
    fn rows(&self, width: u16) -> Vec<Line<'static>> {
        let text = self.input.text();
        let hidden = crate::domain::code::masked_from(text).filter(|_| self.mask_codes);
        let masked = hidden.map(|start| {
            let shown = format!("{}{}", &text[..start], crate::domain::code::MASK);
            TextInput::single_line().with_text(&shown)
        });
        let input = masked.as_ref().unwrap_or(&self.input);
        let lines = input.lines(self.theme.text, Some(self.theme.cursor));
        let spans: Vec<Span> = lines.into_iter().flat_map(|l| l.spans).collect();
        wrap_all(&[WrapLine::new(Line::from(spans))], width.max(1))
    }

    /// True when the whole title fits in the top border at `width` (the
    /// box's outer width, less its two corners).
    fn title_fits(&self, width: u16) -> bool {
        Span::raw(self.title()).width() <= usize::from(width.saturating_sub(2))
    }

    /// The title's rows inside the box, wrapped to the inner `width`, when
    /// it does not fit in the border; none when it does.
    fn title_rows(&self, width: u16) -> Vec<Line<'static>> {
        if self.title_fits(width.saturating_add(2)) {
            return Vec::new();
        }
        // The question, then what it is about on a row of its own.
        let mut lines = vec![WrapLine::new(Span::styled(
            self.question().into_owned(),
            self.theme.accent,
        ))];
        if let Some(about) = &self.about {
            lines.push(WrapLine::new(Span::styled(
                about.clone(),
                self.theme.strong,
            )));
        }
        wrap_all(&lines, width.max(1))
    }

    /// The note's rows, wrapped to the inner `width`.
    fn note_rows(&self, width: u16) -> Vec<Line<'static>> {
        let Some(note) = &self.note else {
            return Vec::new();
        };
        let style = if note.warning {
            self.theme.error
        } else {
            self.theme.muted
        };
        let text = crate::i18n::sentence(note.text.as_str());
        let line = Line::from(Span::styled(text, style));
        wrap_all(&[WrapLine::new(line)], width.max(1))
    }

    /// Rows the prompt takes at `width`: its border, a title too long for
    /// it, its wrapped text (up to [`MAX_TEXT_ROWS`] rows) and its note.
    pub fn height(&self, width: u16) -> u16 {
        let inner = width.saturating_sub(2);
        let rows = self.rows(inner).len().clamp(1, MAX_TEXT_ROWS);
        let around = self.title_rows(inner).len() + self.note_rows(inner).len();
        (rows + around + 2).min(usize::from(u16::MAX)) as u16
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
        let mut block = Block::bordered().border_style(t.border_focused);
        if self.title_fits(area.width) {
            block = block.title(Span::styled(self.title(), t.accent));
        }
        if let Purpose::Reflection(_) | Purpose::WishDone(_) = self.purpose {
            let choice = self
                .brought
                .map_or("—".to_string(), |b| crate::i18n::brought_word(b.name()));
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
        // The typed text comes first: on a pane too low for all of it, the
        // title's rows give way, then the note's.
        let height = usize::from(inner.height);
        let mut title = self.title_rows(inner.width);
        let mut note = self.note_rows(inner.width);
        note.truncate(height.saturating_sub(1));
        title.truncate(height.saturating_sub(1 + note.len()));
        let room = height - title.len() - note.len();
        // A long answer wraps, as the question field does (scrolled
        // sideways, its start was out of sight at 40 columns); the end,
        // where one types, stays in view.
        let rows = self.rows(inner.width);
        let skip = rows.len().saturating_sub(room);
        let text = rows.into_iter().skip(skip).take(room);
        let all = title.into_iter().chain(text).chain(note);
        for (y, row) in (inner.y..inner.bottom()).zip(all) {
            buf.set_line(inner.x, y, &row, inner.width);
        }
    }
}
