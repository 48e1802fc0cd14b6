//! The Wishes tab: what people want to learn, by topic, each with a bar of
//! how far it is funded (`€ 250 van € 350 · 6 van 8 uur · 3 mensen gaven`).
//! The selected wish's detail stands beside it on a wide pane and opens
//! with Enter; from there the person gives from their own budget (see
//! [`crate::tui::wishes`], which does the writes).
//!
//! A wish takes two rows or more: its text, then whose it is, its bar and
//! its progress wrapped to the width, so it reads whole at 40 columns.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::fit;
use crate::domain::wish::{Wish, WishId};
use crate::tui::action::Action;
use crate::tui::theme::{SELECTED_MARKER, Theme, UNSELECTED_MARKER};
use crate::tui::wrap::WrapLine;

/// The keys whose words differ on the tab: (hint, help) catalogue keys.
/// `c` keeps its hint ("nieuw") but says in help that it makes a wish.
const WORDS: [(Action, (&str, &str)); 5] = [
    (Action::Capture, ("hint.capture", "help.wish")),
    (Action::Answer, ("hint.own-wish", "help.own-wish")),
    (Action::MarkDone, ("hint.wish-done", "help.wish-done")),
    (Action::Delete, ("hint.wish-withdraw", "help.wish-withdraw")),
    (Action::EditProfile, ("hint.wish-edit", "help.wish-edit")),
];

/// Cells of a progress bar.
const BAR: usize = 10;

/// What the person has to give: free money and hours of their budget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Free {
    pub cents: i64,
    pub minutes: i64,
}

/// Everything the tab shows, loaded in one go.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WishesData {
    /// Open wishes the viewer may see, newest first.
    pub wishes: Vec<Wish>,
    /// Done and withdrawn wishes the viewer may see (anyone's), counted
    /// when no wish is open (else 0): the empty tab then says that every
    /// wish is closed, not that there are none.
    pub closed: usize,
    /// Display names by handle.
    pub names: HashMap<String, String>,
    /// The viewer's free budget; `None` where it may not be shown (a kiosk
    /// login without its PIN).
    pub free: Option<Free>,
}

#[derive(Debug, Clone)]
pub struct WishesState {
    pub data: Option<WishesData>,
    /// False where the store keeps no wishes (the team server, for now):
    /// the tab says so instead of showing an empty list.
    pub available: bool,
    /// Indexes into `data.wishes`, in the order drawn (by topic).
    pub rows: Vec<usize>,
    pub selected: usize,
    pub viewer: String,
    /// The keys named in the tab's words ("c: wat wil je leren?").
    pub capture_key: Option<String>,
    pub fund_key: Option<String>,
    /// The key that opens the choices on one's own wish (Enter).
    pub own_key: Option<String>,
    /// The key that puts a voucher in (`t`, Ctrl-T at the kiosk): named
    /// where there is no budget to give from.
    pub voucher_key: Option<String>,
    pub theme: Theme,
}

impl WishesState {
    pub fn new(viewer: &str, theme: Theme) -> Self {
        WishesState {
            data: None,
            available: true,
            rows: Vec::new(),
            selected: 0,
            viewer: viewer.to_string(),
            capture_key: Some("c".to_string()),
            fund_key: Some("b".to_string()),
            own_key: Some("Enter".to_string()),
            voucher_key: Some("t".to_string()),
            theme,
        }
    }

    /// New data; the same wish stays selected if it is still there.
    pub fn set(&mut self, data: WishesData) {
        let keep = self.selected_wish().map(|w| w.id);
        let mut rows: Vec<usize> = (0..data.wishes.len()).collect();
        // By topic (a wish without tags last), newest first within one:
        // the sort is stable over the newest-first list.
        rows.sort_by_key(|&i| topic_key(&data.wishes[i]));
        self.rows = rows;
        self.data = Some(data);
        if let Some(pos) = keep.and_then(|id| {
            self.rows
                .iter()
                .position(|&i| self.wish_at(i).map(|w| w.id) == Some(id))
        }) {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Puts the cursor on this wish (one just made).
    pub fn select(&mut self, id: WishId) {
        if let Some(pos) = self
            .rows
            .iter()
            .position(|&i| self.wish_at(i).map(|w| w.id) == Some(id))
        {
            self.selected = pos;
        }
    }

    fn wish_at(&self, i: usize) -> Option<&Wish> {
        self.data.as_ref()?.wishes.get(i)
    }

    pub fn selected_wish(&self) -> Option<&Wish> {
        self.wish_at(*self.rows.get(self.selected)?)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = super::list::step(self.selected, delta, self.rows.len());
    }

    /// The keys worth a hint on the tab.
    pub fn hint_actions(&self) -> Vec<Action> {
        if !self.available {
            return vec![Action::Search];
        }
        // Giving and making first: at 40 columns they are what fits.
        let mut out = Vec::new();
        if self.selected_wish().is_some_and(|w| self.can_fund(w)) {
            out.push(Action::Fund);
        }
        // The voucher before opening and search: on a kiosk it is the
        // only way to it, and a worker handed one looks for it here.
        out.extend([
            Action::Capture,
            Action::Redeem,
            Action::Open,
            Action::Search,
        ]);
        out
    }

    /// The keys worth a hint on an opened wish: on one's own open wish,
    /// Enter (what to do with it) and the keys of each choice; at the
    /// kiosk, on a colleague's, Enter that gives ([`Self::enter_label`]).
    pub fn detail_hint_actions(&self) -> Vec<Action> {
        let mut out = Vec::new();
        let own = self.selected_wish().is_some_and(|w| self.is_own_open(w));
        if own || self.enter_label().is_some() {
            out.push(Action::Answer);
        }
        if self.selected_wish().is_some_and(|w| self.can_fund(w)) {
            out.push(Action::Fund);
        }
        if own {
            out.extend([Action::MarkDone, Action::Delete, Action::EditProfile]);
        }
        out.push(Action::Back);
        out
    }

    /// Every action the tab (or, `opened`, a wish opened from it) does,
    /// for `?`: a wish is answered, backed or voted on by no key, so help
    /// names none of those; Enter on an opened wish gives or chooses.
    pub fn help_actions(a: Action, opened: bool) -> bool {
        if a == Action::Answer {
            return opened;
        }
        matches!(
            a,
            Action::Open
                | Action::Back
                | Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::NextTab
                | Action::PrevTab
                | Action::GoTab(_)
                | Action::Search
                | Action::Capture
                | Action::Answer
                | Action::Fund
                | Action::Redeem
                | Action::MarkDone
                | Action::Delete
                | Action::EditProfile
                | Action::Help
                | Action::Quit
        )
    }

    /// A hint's word for what a key does on the tab, where it differs
    /// from elsewhere (`x` withdraws a wish, deletes nothing).
    pub fn label(a: Action) -> Option<String> {
        let (hint, _) = WORDS.iter().find(|(act, _)| *act == a)?.1;
        Some(t!(hint).into_owned())
    }

    /// At the kiosk Enter is the only way to give (letters type there),
    /// so on a colleague's open wish that still needs something the hint
    /// line says so: "Enter geven", or without budget what Enter will say
    /// ("geven (geen budget)"). `None` where Enter gives nothing: one's own
    /// wish, the pane (`b` gives), a login without its PIN (no budget
    /// shows, and Enter says the PIN is needed).
    pub fn enter_label(&self) -> Option<String> {
        let w = self.selected_wish()?;
        // A login without its PIN has no budget shown (`free` is `None`).
        let pin_login = self.data.as_ref()?.free.is_some();
        let gives = pin_login
            && self.fund_key.as_deref() == Some("Enter")
            && !self.is_own_open(w)
            && w.state.is_open()
            && (w.needs_cents() > 0 || w.needs_minutes() > 0);
        if !gives {
            return None;
        }
        Some(if self.can_fund(w) {
            t!("hint.wish-give").into_owned()
        } else {
            t!("hint.wish-give-no-budget").into_owned()
        })
    }

    /// What help says a key does on the tab, where it differs. On a wish
    /// not one's own (`own` false) the keys of one's own wish say they
    /// work only there: `e` on a colleague's wish changes nothing.
    pub fn describe(a: Action, own: bool) -> Option<String> {
        let (hint, help) = WORDS.iter().find(|(act, _)| *act == a)?.1;
        if !own && matches!(a, Action::MarkDone | Action::Delete | Action::EditProfile) {
            return Some(t!("help.wish-own-only", what = t!(hint)).into_owned());
        }
        Some(t!(help).into_owned())
    }

    /// No budget to give from, and the voucher key that would bring some.
    pub fn no_budget(&self) -> String {
        match &self.voucher_key {
            Some(key) => t!("wishes.no-budget", key = key).into_owned(),
            None => t!("wishes.no-budget-plain").into_owned(),
        }
    }

    /// The viewer's own wish, still open: theirs to change, finish or
    /// withdraw.
    pub fn is_own_open(&self, w: &Wish) -> bool {
        w.owner == self.viewer && w.state.is_open()
    }

    /// True when the viewer could give to this wish: it still needs
    /// something, and they have a budget to give from.
    pub fn can_fund(&self, w: &Wish) -> bool {
        let free = self.data.as_ref().and_then(|d| d.free).unwrap_or_default();
        w.state.is_open()
            && ((w.needs_cents() > 0 && free.cents > 0)
                || (w.needs_minutes() > 0 && free.minutes > 0))
    }

    /// A person's display name, or their handle.
    pub fn name<'a>(&'a self, handle: &'a str) -> &'a str {
        self.data
            .as_ref()
            .and_then(|d| d.names.get(handle))
            .map_or(handle, String::as_str)
    }

    /// Whose wish, in words: "jij" for the viewer's own.
    fn whose(&self, w: &Wish) -> String {
        self.who(&w.owner)
    }

    /// A person in words: "jij" for the viewer, else their name.
    pub fn who(&self, handle: &str) -> String {
        if handle == self.viewer {
            t!("wishes.yours").into_owned()
        } else {
            self.name(handle).to_string()
        }
    }

    /// The detail of the selected wish: what it asks, has, and who gave;
    /// what the viewer has free, and the key that gives.
    pub fn detail_lines(&self) -> Option<(String, Vec<WrapLine>)> {
        let w = self.selected_wish()?;
        let t = &self.theme;
        let mut head = vec![self.whose(w)];
        head.extend(w.tags.iter().map(|tag| format!("#{tag}")));
        head.push(crate::i18n::wish_state(w.state));
        if w.private {
            head.push(t!("wish.private").into_owned());
        }
        let mut lines = vec![
            WrapLine::new(Span::styled(w.text.clone(), t.heading)),
            WrapLine::new(Span::styled(head.join(" · "), t.muted)),
            WrapLine::blank(),
        ];
        if let Some(percent) = w.percent() {
            lines.push(WrapLine::new(bar_line(percent, t)));
        }
        for part in crate::i18n::wish_progress(w) {
            lines.push(WrapLine::new(Span::styled(part, t.text)));
        }
        if w.needs_cents() > 0 || w.needs_minutes() > 0 {
            lines.push(WrapLine::new(Span::styled(
                t!(
                    "wish.needs",
                    amount = crate::i18n::amount(w.needs_cents(), w.needs_minutes())
                ),
                t.accent,
            )));
        }
        if let Some(why) = &w.why {
            lines.push(WrapLine::blank());
            lines.push(WrapLine::new(Span::styled(t!("wish.why"), t.strong)));
            lines.push(WrapLine::indented(
                Span::styled(format!("  {why}"), t.text),
                2,
            ));
        }
        if !w.given_by.is_empty() {
            lines.push(WrapLine::blank());
            lines.push(WrapLine::new(Span::styled(t!("wish.given-by"), t.strong)));
            // Each giver with what they gave and their note, as `wish show`
            // says it ("anna € 100"); the viewer as "jou" ("Gegeven door:
            // jou", the object form), the same word on every line. A
            // gift's note is for the wish's owner (the store leaves it out
            // for anyone else).
            for g in &w.given_by {
                let who = if g.person == self.viewer {
                    t!("wishes.by-you").into_owned()
                } else {
                    self.name(&g.person).to_string()
                };
                let mut line = format!("  {who} {}", crate::i18n::amount(g.cents, g.minutes));
                if let Some(note) = &g.note {
                    line.push_str(&format!(": \"{note}\""));
                }
                lines.push(WrapLine::indented(Span::styled(line, t.text), 4));
            }
            // Then what a matching rule added to it all, as `wish show` says it.
            if w.matched_cents > 0 {
                let nl = crate::i18n::lang() == "nl";
                lines.push(WrapLine::indented(
                    Span::styled(
                        format!(
                            "  {}",
                            t!(
                                "wish.matched",
                                cents = crate::domain::money::show(w.matched_cents, nl)
                            )
                        ),
                        t.text,
                    ),
                    2,
                ));
            }
        }
        lines.push(WrapLine::blank());
        let free = self.data.as_ref().and_then(|d| d.free);
        let (text, style) = match free {
            None => (t!("wishes.budget-hidden"), t.muted),
            Some(f) if f.cents <= 0 && f.minutes <= 0 => (self.no_budget().into(), t.muted),
            Some(f) => (
                t!(
                    "wishes.free",
                    amount = crate::i18n::amount(f.cents, f.minutes)
                ),
                t.text,
            ),
        };
        lines.push(WrapLine::new(Span::styled(text, style)));
        if self.is_own_open(w)
            && let Some(key) = &self.own_key
        {
            lines.push(WrapLine::new(Span::styled(
                t!("wishes.own-key", key = key),
                t.ok,
            )));
        } else if self.can_fund(w)
            && let Some(key) = &self.fund_key
        {
            lines.push(WrapLine::new(Span::styled(
                t!("wishes.fund-key", key = key),
                t.ok,
            )));
        }
        Some((w.text.clone(), lines))
    }

    /// The column's lines; each wish's rows carry its row number.
    fn entries(&self, data: &WishesData, width: usize) -> Vec<(Line<'static>, Option<usize>)> {
        let t = &self.theme;
        let mut out = Vec::new();
        let mut topic: Option<Option<String>> = None;
        for (row, &i) in self.rows.iter().enumerate() {
            let w = &data.wishes[i];
            let this = w.tags.first().cloned();
            if topic.as_ref() != Some(&this) {
                if topic.is_some() {
                    out.push((Line::default(), None));
                }
                let heading = match &this {
                    Some(tag) => format!("#{tag}"),
                    None => t!("wishes.no-topic").into_owned(),
                };
                out.push((
                    Line::from(Span::styled(fit(&heading, width), t.heading)),
                    None,
                ));
                topic = Some(this);
            }
            let selected = row == self.selected;
            let style = if selected { t.selected } else { t.text };
            let marker = if selected {
                SELECTED_MARKER
            } else {
                UNSELECTED_MARKER
            };
            out.push((
                Line::from(Span::styled(
                    fit(&format!("{marker}{}", w.text), width),
                    style,
                )),
                Some(row),
            ));
            let indent = UNSELECTED_MARKER.len();
            let room = width.saturating_sub(indent);
            // Whose first: at 40 columns it would be cut off the wish's row.
            let mut parts = vec![self.whose(w)];
            if let Some(p) = w.percent() {
                parts.push(format!("{} {p} %", bar(p)));
            }
            parts.extend(crate::i18n::wish_progress(w));
            if parts.len() == 1 {
                parts.push(t!("wishes.asks-nothing").into_owned());
            }
            for line in pack(&parts, room) {
                out.push((
                    Line::from(vec![
                        Span::raw(" ".repeat(indent)),
                        Span::styled(line, t.muted),
                    ]),
                    Some(row),
                ));
            }
        }
        out
    }
}

/// The topic a wish is listed under: its first tag; none sorts last.
fn topic_key(w: &Wish) -> (bool, String) {
    match w.tags.first() {
        Some(tag) => (false, tag.clone()),
        None => (true, String::new()),
    }
}

/// `██████░░░░` for 60 %.
pub fn bar(percent: u8) -> String {
    let full = usize::from(percent.min(100)) * BAR / 100;
    format!("{}{}", "█".repeat(full), "░".repeat(BAR - full))
}

fn bar_line(percent: u8, t: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(bar(percent), t.ok),
        Span::styled(format!(" {percent} %"), t.text),
    ])
}

/// Joins `parts` with " · " into lines of at most `width` columns; a part
/// longer than a line is cut with "…" (never at 40 columns: the longest
/// part is about 25).
fn pack(parts: &[String], width: usize) -> Vec<String> {
    let cols = |s: &str| Span::raw(s).width();
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(last) if cols(last) + 3 + cols(part) <= width => {
                last.push_str(" · ");
                last.push_str(part);
            }
            _ => lines.push(fit(part, width)),
        }
    }
    lines
}

impl Widget for &WishesState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let count = self.data.as_ref().map(|d| d.wishes.len());
        let title = match count {
            Some(n) if self.available => format!(" {} ({n}) ", t!("tab.wishes")),
            _ => format!(" {} ", t!("tab.wishes")),
        };
        let block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(title, t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        let say = |text: String, buf: &mut Buffer| {
            Paragraph::new(Span::styled(text, t.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        };
        if !self.available {
            return say(t!("wishes.not-on-server").into_owned(), buf);
        }
        let Some(data) = &self.data else {
            return say(t!("list.loading").into_owned(), buf);
        };
        if data.wishes.is_empty() {
            let text = match (&self.capture_key, data.closed) {
                (Some(key), 0) => t!("wishes.none", key = key),
                (None, 0) => t!("wishes.none.plain"),
                (Some(key), _) => t!("wishes.none-open", key = key),
                (None, _) => t!("wishes.none-open.plain"),
            };
            return say(text.into_owned(), buf);
        }
        let entries = self.entries(data, usize::from(inner.width));
        // The selected wish's rows are all in sight: the window ends at its
        // last row, or starts at its first when that is further down.
        let height = usize::from(inner.height);
        let first = entries
            .iter()
            .position(|(_, r)| *r == Some(self.selected))
            .unwrap_or(0);
        let last = entries
            .iter()
            .rposition(|(_, r)| *r == Some(self.selected))
            .unwrap_or(0);
        // Its topic's heading too, when it is the topic's first wish.
        let first = if first > 0 && entries[first - 1].1.is_none() {
            first - 1
        } else {
            first
        };
        let start = (last + 1).saturating_sub(height).min(first);
        for (n, (line, row)) in entries.iter().skip(start).take(height).enumerate() {
            let y = inner.y + n as u16;
            if *row == Some(self.selected) && line.spans.len() == 1 {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.selected);
            }
            buf.set_line(inner.x, y, line, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_tenths() {
        assert_eq!(bar(0), "░░░░░░░░░░");
        assert_eq!(bar(71), "███████░░░");
        assert_eq!(bar(100), "██████████");
    }

    #[test]
    fn parts_pack_into_lines() {
        let parts = ["€ 250 van € 350".to_string(), "6 van 8 uur".to_string()];
        assert_eq!(pack(&parts, 40), vec!["€ 250 van € 350 · 6 van 8 uur"]);
        assert_eq!(pack(&parts, 20), vec!["€ 250 van € 350", "6 van 8 uur"]);
    }
}
