//! The review session: one card at a time — the prompt, Space shows the
//! answer, then a rating. Four buttons (again/hard/good/easy) or two
//! (forgot/knew it) for kiosks; FSRS loses little with two.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::domain::srs::{DEFAULT_RETENTION, DueCard, Rating};
use crate::domain::{Time, now};
use crate::tui::action::Action;
use crate::tui::keys::{KeyMap, View};
use crate::tui::theme::Theme;
use crate::tui::wrap::{WrapLine, wrap_all};

/// How reviews are run; from `config.toml` (`retention`, `review_buttons`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewSettings {
    pub retention: f64,
    pub two_buttons: bool,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            retention: DEFAULT_RETENTION,
            two_buttons: false,
        }
    }
}

/// A key name and its label, e.g. ("3", "Good"); taken from the keymap when
/// the session starts, so the buttons show the keys that really work.
type Button = (String, String);

#[derive(Debug, Clone)]
pub struct ReviewState {
    pub cards: Vec<DueCard>,
    /// The card on screen; `cards.len()` when the session is over.
    pub pos: usize,
    pub revealed: bool,
    pub two_buttons: bool,
    /// Ratings given in this session, in order.
    pub rated: Vec<Rating>,
    /// Opened by `leertuin review`: leaving the session leaves the program.
    pub standalone: bool,
    reveal: Button,
    four: Vec<Button>,
    two: Vec<Button>,
    theme: Theme,
}

impl ReviewState {
    pub fn new(cards: Vec<DueCard>, settings: ReviewSettings, keys: &KeyMap, theme: Theme) -> Self {
        let button = |a: Action, label: std::borrow::Cow<'_, str>| {
            let key = keys
                .keys(View::Review, a)
                .first()
                .map_or(String::new(), ToString::to_string);
            (key, label.into_owned())
        };
        ReviewState {
            cards,
            pos: 0,
            revealed: false,
            two_buttons: settings.two_buttons,
            rated: Vec::new(),
            standalone: false,
            reveal: button(Action::Reveal, t!("review.show-answer")),
            four: vec![
                button(Action::Rate(1), t!("review.again")),
                button(Action::Rate(2), t!("review.hard")),
                button(Action::Rate(3), t!("review.good")),
                button(Action::Rate(4), t!("review.easy")),
            ],
            two: vec![
                button(Action::Forgot, t!("review.forgot")),
                button(Action::KnewIt, t!("review.knew-it")),
            ],
            theme,
        }
    }

    pub fn current(&self) -> Option<&DueCard> {
        self.cards.get(self.pos)
    }

    pub fn finished(&self) -> bool {
        self.pos >= self.cards.len()
    }

    /// The rating a key means. The keys of both modes work in both: the
    /// mode only chooses which buttons are shown, and a forgiving pane
    /// never ignores a clear answer.
    pub fn rating(action: Action) -> Option<Rating> {
        match action {
            Action::Forgot => Some(Rating::from_knew_it(false)),
            Action::KnewIt => Some(Rating::from_knew_it(true)),
            Action::Rate(n) => Rating::from_number(n),
            _ => None,
        }
    }

    /// The card was rated: on to the next one.
    pub fn advance(&mut self, rating: Rating) {
        self.rated.push(rating);
        self.pos += 1;
        self.revealed = false;
    }

    /// The keys worth a hint now.
    pub fn hint_actions(&self) -> Vec<Action> {
        if self.finished() {
            return vec![Action::Back, Action::Help];
        }
        match (self.revealed, self.two_buttons) {
            (false, _) => vec![
                Action::Reveal,
                Action::Back,
                Action::SwitchButtons,
                Action::Help,
            ],
            (true, true) => vec![
                Action::Forgot,
                Action::KnewIt,
                Action::Back,
                Action::SwitchButtons,
            ],
            (true, false) => vec![
                Action::Rate(1),
                Action::Rate(2),
                Action::Rate(3),
                Action::Rate(4),
                Action::Back,
            ],
        }
    }

    fn title(&self) -> String {
        if self.cards.is_empty() {
            format!(" {} ", t!("review.title"))
        } else {
            let n = (self.pos + 1).min(self.cards.len());
            format!(" {} {n}/{} ", t!("review.title"), self.cards.len())
        }
    }

    fn lines(&self) -> Vec<WrapLine> {
        let t = &self.theme;
        let text = |s: &str, style| WrapLine::new(Span::styled(s.to_string(), style));
        let Some(card) = self.current() else {
            if self.cards.is_empty() {
                return vec![
                    text(&t!("review.nothing"), t.heading),
                    WrapLine::blank(),
                    text(&t!("review.where-cards-come-from"), t.muted),
                ];
            }
            let n = self.rated.len();
            let knew = self.rated.iter().filter(|r| **r != Rating::Again).count();
            return vec![
                text(&t!("review.done"), t.heading),
                WrapLine::blank(),
                text(
                    &format!(
                        "{} {}",
                        if n == 1 {
                            t!("review.reviewed.one", knew = knew)
                        } else {
                            t!("review.reviewed.many", n = n, knew = knew)
                        },
                        if n - knew == 1 {
                            t!("review.back-soon.one")
                        } else {
                            t!("review.back-soon.many", n = n - knew)
                        },
                    ),
                    t.text,
                ),
            ];
        };
        let mut out = vec![text(&progress_bar(self.pos, self.cards.len()), t.muted)];
        out.push(WrapLine::blank());
        for l in card.prompt.lines() {
            out.push(text(l, t.strong));
        }
        out.push(WrapLine::blank());
        if self.revealed {
            for l in card.answer.lines() {
                out.push(WrapLine::indented(
                    Line::from(vec![
                        Span::styled("→ ", t.muted),
                        Span::styled(l.to_string(), t.ok),
                    ]),
                    2,
                ));
            }
        } else {
            out.push(text(&t!("review.think-first"), t.muted));
        }
        out
    }

    /// The buttons of the moment, as many to a row as fit in `width`; a
    /// button is never cut in two.
    fn buttons(&self, width: u16) -> Vec<Line<'static>> {
        let t = &self.theme;
        let width = usize::from(width);
        let shown: &[Button] = if self.finished() {
            &[]
        } else if !self.revealed {
            std::slice::from_ref(&self.reveal)
        } else if self.two_buttons {
            &self.two
        } else {
            &self.four
        };
        let mut rows: Vec<Line<'static>> = Vec::new();
        let mut used = 0;
        for (key, label) in shown {
            let w = Span::raw(format!("[{key} {label}]")).width();
            match rows.last_mut() {
                Some(row) if used + 1 + w <= width => {
                    row.spans.push(Span::raw(" "));
                    used += 1 + w;
                }
                _ => {
                    rows.push(Line::default());
                    used = w;
                }
            }
            if let Some(row) = rows.last_mut() {
                row.spans.push(Span::styled(format!("[{key}"), t.key));
                row.spans.push(Span::styled(format!(" {label}]"), t.strong));
            }
        }
        rows
    }
}

/// "■■■□□□□ 3 of 7": how far the session is.
fn progress_bar(pos: usize, total: usize) -> String {
    let width = total.min(20);
    let done = (pos * width).checked_div(total).unwrap_or(0);
    format!(
        "{}{} {}",
        "■".repeat(done),
        "□".repeat(width - done),
        t!("review.progress", n = pos + 1, total = total)
    )
}

/// When the card comes back, in words: "in 10 min", "in 3 days".
pub fn when(due: Time) -> String {
    let d = due - now();
    match (d.num_minutes(), d.num_hours(), d.num_days()) {
        (m, _, _) if m < 1 => t!("when.moment").into_owned(),
        (m, _, _) if m < 60 => t!("when.minutes", n = m).into_owned(),
        (_, h, _) if h < 24 => t!("when.hours", n = h).into_owned(),
        (_, _, 1) => t!("when.tomorrow").into_owned(),
        (_, _, days) => t!("when.days", n = days).into_owned(),
    }
}

impl Widget for &ReviewState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(self.title(), t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let buttons = self.buttons(inner.width);
        let body = wrap_all(&self.lines(), inner.width);
        // Buttons keep their place at the bottom; the card text takes the rest.
        let button_rows = buttons.len().min(usize::from(inner.height));
        let body_rows = usize::from(inner.height) - button_rows;
        for (i, row) in body.iter().take(body_rows).enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, row, inner.width);
        }
        let first = inner.bottom() - button_rows as u16;
        for (i, row) in buttons.iter().take(button_rows).enumerate() {
            buf.set_line(inner.x, first + i as u16, row, inner.width);
        }
    }
}
