//! A list of items (the For you, Lessons, Questions, Tips and Learned tabs,
//! and the done lessons of Me), newest or best first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{fit, row_window};
use crate::domain::{Item, ItemId};
use crate::tui::action::{Action, item_actions};
use crate::tui::theme::{SELECTED_MARKER, Theme, UNSELECTED_MARKER};

/// A count with its thousands grouped the way the language writes them
/// ("29,496", "29.496").
pub fn grouped(n: usize) -> String {
    let sep = crate::t!("list.thousands-separator");
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&sep);
        }
        out.push(c);
    }
    out
}

/// One row: the item and a short note drawn at the right (votes, answers…).
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub item: Item,
    pub badge: String,
}

impl ListRow {
    /// The badge stays, the title gives way: imported know-how's source,
    /// and "privé" on a private note, which says who may read it.
    pub fn keeps_badge(&self) -> bool {
        crate::domain::reference::of(&self.item).is_some()
            || matches!(
                &self.item,
                Item::Learned(l) if l.visibility == crate::domain::Visibility::Private
            )
    }
}

/// Words looked up when drawn, so they follow a change of language.
pub type Words = fn() -> String;

#[derive(Debug, Clone)]
pub struct ItemListState {
    pub title: Words,
    pub rows: Vec<ListRow>,
    pub selected: usize,
    /// Shown when there are no rows, saying what would fill the list.
    pub empty_note: Words,
    /// False until the first load: the list says "Loading…" instead of empty.
    pub loaded: bool,
    /// Headings drawn above a row: (row index, text), by index. For you
    /// uses them for "For kubectl" over what is about the tool next door.
    pub sections: Vec<(usize, String)>,
    /// The list holds the newest rows of more: "300 of 29,496 · / to search".
    pub more: Option<More>,
    pub theme: Theme,
}

/// A list that shows the newest rows of more than it loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct More {
    /// How many there are in all.
    pub total: usize,
    /// The key that searches them all, as the hint line names it.
    pub search_key: Option<String>,
}

impl ItemListState {
    pub fn new(title: Words, empty_note: Words, theme: Theme) -> Self {
        ItemListState {
            title,
            rows: Vec::new(),
            selected: 0,
            empty_note,
            loaded: false,
            sections: Vec::new(),
            more: None,
            theme,
        }
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.rows.get(self.selected).map(|r| &r.item)
    }

    /// The keys worth a hint under this list, most important first: make
    /// one, open, search, and the selected item's most useful action that
    /// works from a list (`has_key`: a key does it here) for `viewer`.
    pub fn hint_actions(&self, viewer: &str, has_key: impl Fn(Action) -> bool) -> Vec<Action> {
        let mut v = vec![Action::Capture, Action::Open, Action::Search];
        let actions = self
            .selected_item()
            .map(|i| item_actions(i, viewer))
            .unwrap_or_default();
        v.extend(actions.into_iter().find(|a| has_key(*a)));
        v
    }

    /// Replaces the rows, keeping the same item selected when it is still there.
    pub fn set_rows(&mut self, rows: Vec<ListRow>) {
        let keep: Option<ItemId> = self.selected_item().map(Item::id);
        self.rows = rows;
        self.loaded = true;
        if let Some(pos) = keep.and_then(|id| self.rows.iter().position(|r| r.item.id() == id)) {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.rows.len());
    }

    /// True when the cursor is on the last row and the list holds fewer
    /// rows than there are: time to load more.
    pub fn wants_more(&self) -> bool {
        self.more
            .as_ref()
            .is_some_and(|m| m.total > self.rows.len())
            && self.selected + 1 >= self.rows.len()
    }

    /// "300 of 29,496 · / to search", when the list holds fewer than there are.
    pub fn more_line(&self) -> Option<String> {
        let more = self.more.as_ref().filter(|m| m.total > self.rows.len())?;
        let line = crate::t!(
            "list.shown-of",
            shown = grouped(self.rows.len()),
            total = grouped(more.total)
        )
        .into_owned();
        Some(match &more.search_key {
            Some(key) => format!("{line} · {}", crate::t!("list.to-search", key = key)),
            None => line,
        })
    }

    /// Puts the cursor on `id`; false when the list does not hold it.
    pub fn select_id(&mut self, id: ItemId) -> bool {
        match self.rows.iter().position(|r| r.item.id() == id) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    /// The row drawn `dy` lines below the top of a list `height` lines high
    /// (inside its border), as [`render`](Widget::render) scrolls it; `None`
    /// on a heading or below the last row.
    pub fn row_at(&self, height: u16, dy: u16) -> Option<usize> {
        let headings_to = |row: usize| self.sections.iter().filter(|(at, _)| *at <= row).count();
        let len = self.rows.len();
        let lines = len + headings_to(len.saturating_sub(1));
        let selected = self.selected + headings_to(self.selected);
        let (first, count) = row_window(selected, lines, height);
        if usize::from(dy) >= count {
            return None;
        }
        let want = first + usize::from(dy);
        (0..len).find(|&i| i + headings_to(i) == want)
    }
}

/// Moves an index by `delta` inside `0..len`, stopping at the ends.
pub fn step(index: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1);
    index.saturating_add_signed(delta).min(last)
}

impl Widget for &ItemListState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let title = if self.loaded {
            format!(" {} ({}) ", (self.title)(), self.rows.len())
        } else {
            format!(" {} ", (self.title)())
        };
        let mut block = Block::bordered()
            .border_style(t.border)
            .title(Span::styled(title, t.accent));
        if let Some(more) = self.more_line() {
            let room = usize::from(area.width.saturating_sub(4));
            block = block.title_bottom(Span::styled(format!(" {} ", fit(&more, room)), t.muted));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if !self.loaded || self.rows.is_empty() {
            let note = if self.loaded {
                (self.empty_note)()
            } else {
                crate::t!("list.loading").into_owned()
            };
            Paragraph::new(Span::styled(note, t.muted))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        // Headings and rows are lines of one scrolled list; the selected
        // row's line is kept in view.
        let headings_to = |row: usize| self.sections.iter().filter(|(at, _)| *at <= row).count();
        let len = self.rows.len();
        let lines = len + headings_to(len.saturating_sub(1));
        let selected = self.selected + headings_to(self.selected);
        let (first, count) = row_window(selected, lines, inner.height);
        let mut line = 0;
        let mut y = inner.y;
        let mut draw = |line: usize, what: &dyn Fn(Rect, &mut Buffer)| {
            if line >= first && line < first + count {
                what(Rect::new(inner.x, y, inner.width, 1), buf);
                y += 1;
            }
        };
        for (i, row) in self.rows.iter().enumerate() {
            for (_, heading) in self.sections.iter().filter(|(at, _)| *at == i) {
                draw(line, &|rect, buf| {
                    let text = fit(heading, usize::from(rect.width));
                    buf.set_line(
                        rect.x,
                        rect.y,
                        &Line::from(Span::styled(text, t.heading)),
                        rect.width,
                    );
                });
                line += 1;
            }
            draw(line, &|rect, buf| {
                list_row(row, i == self.selected, t).render(rect, buf)
            });
            line += 1;
            if line >= first + count {
                break;
            }
        }
    }
}

/// A row as a line: marker, id, title, and the badge if there is room.
fn list_row(row: &ListRow, selected: bool, t: &Theme) -> RowLine {
    RowLine {
        marker: if selected {
            SELECTED_MARKER
        } else {
            UNSELECTED_MARKER
        },
        id: row.item.id().to_string(),
        title: row.item.title().to_string(),
        badge: row.badge.clone(),
        keeps_badge: row.keeps_badge(),
        selected,
        theme: *t,
    }
}

/// Columns a title keeps before the badge is left out. 15: in the list
/// beside the detail at 80 columns (32 inside) "vraag open" and
/// "les 3 min · EN" stay; at 22 they went, and a kiosk tester could no
/// longer tell a lesson from a question there ("Hoe stel ik de
/// heftruck-stoel…" with nothing after it).
const MIN_TITLE: usize = 15;
/// A badge that starts with this is news the person should see (a new
/// answer to their question): it keeps its place, and the title gives way
/// down to a few characters.
pub const NEWS: char = '●';
/// A badge that starts with this says a question has its answer (on the
/// first tab): it stays, as news does.
pub const ANSWERED: char = '✓';
/// What a title keeps beside a badge that must stay: news, or the source
/// of imported know-how (`tldr`), which says the row is no colleague's.
const MIN_TITLE_BESIDE_NEWS: usize = 6;

/// One drawn row; shared by the item list and search results.
pub struct RowLine {
    pub marker: &'static str,
    pub id: String,
    pub title: String,
    pub badge: String,
    /// The badge stays, the title gives way (imported know-how's source,
    /// a private note's "privé").
    pub keeps_badge: bool,
    pub selected: bool,
    pub theme: Theme,
}

impl RowLine {
    fn head(&self) -> String {
        format!("{}{}", self.marker, super::ids::head(&self.id))
    }

    /// Whether the badge is drawn in a row `width` columns wide: only
    /// where it leaves the title some room.
    fn shows_badge(&self, width: usize) -> bool {
        let min_title = if self.keeps_badge || self.badge.starts_with([NEWS, ANSWERED]) {
            MIN_TITLE_BESIDE_NEWS
        } else {
            MIN_TITLE
        };
        let badge_w = self.badge.chars().count();
        badge_w > 0 && width >= self.head().chars().count() + badge_w + 1 + min_title
    }

    /// The columns the title gets in a row `width` columns wide.
    pub fn title_width(&self, width: usize) -> usize {
        let badge = if self.shows_badge(width) {
            self.badge.chars().count() + 1
        } else {
            0
        };
        width.saturating_sub(self.head().chars().count() + badge)
    }
}

impl Widget for RowLine {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let width = usize::from(area.width);
        let head = self.head();
        let show_badge = self.shows_badge(width);
        let title_w = self.title_width(width);
        let title = fit(&self.title, title_w);
        let pad = title_w.saturating_sub(Span::raw(title.as_str()).width());
        let mut spans = vec![Span::styled(head, t.muted), Span::styled(title, t.text)];
        if show_badge {
            spans.push(Span::raw(" ".repeat(pad + 1)));
            spans.push(Span::styled(self.badge, t.muted));
        }
        let mut line = Line::from(spans);
        if self.selected {
            buf.set_style(area, t.selected);
            line = line.style(t.selected);
        }
        line.render(area, buf);
    }
}
