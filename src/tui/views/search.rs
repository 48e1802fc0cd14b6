//! `/`: fuzzy search over every kind, with results on every keystroke.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::list::{RowLine, step};
use super::row_window;
use crate::search::{Hit, excerpt};
use crate::tui::action::Action;
use crate::tui::input::TextInput;
use crate::tui::theme::{SELECTED_MARKER, Theme, UNSELECTED_MARKER};

/// How many hits a search shows; more would not fit any pane.
pub const MAX_HITS: usize = 100;

#[derive(Debug, Clone)]
pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    /// Items matched in all; more than `hits` holds when there are many.
    total: usize,
    /// The index is still being read: no hits yet is not "no matches".
    waiting: bool,
    pub selected: usize,
    pub theme: Theme,
}

impl SearchState {
    /// The keys worth a hint.
    pub fn hint_actions(&self) -> Vec<Action> {
        vec![Action::Open, Action::Down, Action::Cancel]
    }

    pub fn new(theme: Theme) -> Self {
        SearchState {
            input: TextInput::single_line(),
            hits: Vec::new(),
            total: 0,
            waiting: false,
            selected: 0,
            theme,
        }
    }

    pub fn query(&self) -> &str {
        self.input.text()
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// The hits to show, best first, and how many items matched in all.
    pub fn set_hits(&mut self, hits: Vec<Hit>, total: usize) {
        self.hits = hits;
        self.total = total;
        self.waiting = false;
        self.selected = 0;
    }

    /// New hits for the same query (the data changed): the cursor stays on
    /// the item it was on, if that is still among them.
    pub fn replace_hits(&mut self, hits: Vec<Hit>, total: usize) {
        let selected = self.selected_hit().map(|h| h.id);
        self.set_hits(hits, total);
        if let Some(at) = self.hits.iter().position(|h| Some(h.id) == selected) {
            self.selected = at;
        }
    }

    pub fn set_waiting(&mut self) {
        self.set_hits(Vec::new(), 0);
        self.waiting = true;
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.hits.len());
    }
}

impl Widget for &SearchState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let block = Block::bordered()
            .border_style(t.border_focused)
            .title(Span::styled(format!(" {} ", t!("search.title")), t.accent));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        // A query longer than the field scrolls: the cursor stays in sight.
        let mut query = vec![Span::styled("/ ", t.accent)];
        let room = usize::from(inner.width).saturating_sub(2);
        query.extend(self.input.line_in(room, t.text, t.cursor).spans);
        buf.set_line(inner.x, inner.y, &Line::from(query), inner.width);
        let status = match (self.query().trim().is_empty(), self.hits.len()) {
            (false, _) if self.waiting => t!("search.reading").into_owned(),
            (true, _) => t!("search.type-to-search").into_owned(),
            (false, 0) => t!("search.none").into_owned(),
            (false, 1) => t!("search.one").into_owned(),
            (false, n) if self.total > n => {
                t!("search.best-of", n = n, total = self.total).into_owned()
            }
            (false, n) => t!("search.many", n = n).into_owned(),
        };
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        if list.height == 0 {
            return;
        }
        // Cut where all can see it is cut.
        let status = super::fit(&status, usize::from(list.width));
        buf.set_line(
            list.x,
            list.y,
            &Line::from(Span::styled(status, t.muted)),
            list.width,
        );
        let rows = Rect {
            y: list.y + 1,
            height: list.height - 1,
            ..list
        };
        let (first, count) = row_window(self.selected, self.hits.len(), rows.height);
        for (i, hit) in self.hits.iter().enumerate().skip(first).take(count) {
            let selected = i == self.selected;
            let mut row = RowLine {
                marker: if selected {
                    SELECTED_MARKER
                } else {
                    UNSELECTED_MARKER
                },
                id: hit.id.to_string(),
                title: String::new(),
                // Imported know-how says where it came from, as the
                // lists do: "tldr", not "tip".
                badge: hit.source.map_or_else(
                    || crate::i18n::kind_word(hit.id.kind),
                    |s| s.badge().to_string(),
                ),
                keeps_badge: hit.source.is_some(),
                selected,
                theme: *t,
            };
            let head = format!("{}{}", SELECTED_MARKER, super::ids::head(hit.id));
            let head_width = (Span::raw(head.as_str()).width() as u16).min(rows.width);
            // A title that fits the row only without its kind word ("vraag")
            // is shown whole and the word gives way: the preview beside it
            // names the kind, and "…de heftruck oplader?" read as a cut
            // question. Imported know-how keeps its source, as in lists.
            let title_width = Span::raw(hit.title.as_str()).width();
            if hit.excerpt == hit.title
                && !row.keeps_badge
                && title_width > row.title_width(usize::from(rows.width))
                && title_width <= usize::from(rows.width - head_width)
            {
                row.badge.clear();
            }
            // The whole title where it fits; cut before the match only
            // where it does not.
            let (text, marks) = excerpt::fit(
                &hit.excerpt,
                &hit.excerpt_marks,
                row.title_width(usize::from(rows.width)),
                |s| Span::raw(s).width(),
            );
            row.title = text.clone();
            let y = rows.y + (i - first) as u16;
            row.render(Rect::new(rows.x, y, rows.width, 1), buf);
            mark(
                buf,
                Rect::new(rows.x + head_width, y, rows.width - head_width, 1),
                &text,
                &marks,
            );
        }
    }
}

/// Underlines and bolds the letters of a hit's row (its title, or the
/// stretch of text where the words stand) that matched, where the row
/// shows them (a text cut short keeps its marks up to the cut).
fn mark(buf: &mut Buffer, row: Rect, shown: &str, marks: &[std::ops::Range<usize>]) {
    let right = row.x + row.width;
    for span in marks {
        let Some(text) = shown.get(span.clone()) else {
            continue;
        };
        let mut x = row.x + Span::raw(&shown[..span.start]).width() as u16;
        for c in text.chars() {
            let w = Span::raw(c.to_string()).width() as u16;
            if x + w > right {
                return;
            }
            // Never past the buffer's edge either: a row may be drawn in
            // an area narrower than the screen.
            let Some(cell) = buf.cell_mut((x, row.y)) else {
                return;
            };
            if cell.symbol() == "…" {
                return;
            }
            // Only where the row drew this very letter.
            if cell.symbol().starts_with(c) {
                cell.modifier |= Modifier::BOLD | Modifier::UNDERLINED;
            }
            x += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind};

    #[test]
    fn the_matched_letters_of_a_hit_are_marked_up_to_the_cut() {
        let mut state = SearchState::new(Theme::mono());
        let title = "Keep a tmux session running when you log out";
        state.set_hits(
            vec![Hit {
                id: ItemId::new(Kind::Tip, 7),
                score: 1,
                title: title.into(),
                marks: vec![7..11, 37..40],
                excerpt: title.into(),
                excerpt_marks: vec![7..11, 37..40],
                source: None,
            }],
            1,
        );
        let area = Rect::new(0, 0, 30, 5);
        let mut buf = Buffer::empty(area);
        (&state).render(area, &mut buf);
        let row: String = (0..30).map(|x| buf[(x, 3)].symbol().to_string()).collect();
        let marked: String = (0..30)
            .filter(|&x| buf[(x, 3)].modifier.contains(Modifier::UNDERLINED))
            .map(|x| buf[(x, 3)].symbol().to_string())
            .collect();
        assert!(row.contains("Keep a tmux"), "{row}");
        // "you" lies past the cut: nothing beyond it is marked.
        assert_eq!(marked, "tmux", "{row}");
    }

    /// Found by a tester: at 40 columns a match just past the cut lay
    /// beyond the screen's right edge, and marking it panicked.
    #[test]
    fn a_match_past_the_right_edge_of_a_narrow_screen_is_not_marked() {
        let mut state = SearchState::new(Theme::mono());
        let title = "Rooster voor de nachtploeg in de hal: logistics en opslag";
        let start = title.find("logistics").unwrap_or(0);
        let word = start..start + "logistics".len();
        state.set_hits(
            vec![Hit {
                id: ItemId::new(Kind::Tip, 12),
                score: 1,
                title: title.into(),
                marks: vec![word.clone()],
                excerpt: title.into(),
                excerpt_marks: vec![word.clone()],
                source: None,
            }],
            1,
        );
        for width in [30, 36, 40, 44, 48] {
            let area = Rect::new(0, 0, width, 5);
            let mut buf = Buffer::empty(area);
            (&state).render(area, &mut buf);
            let marked = (0..width)
                .filter(|&x| buf[(x, 3)].modifier.contains(Modifier::UNDERLINED))
                .count();
            assert!(marked <= "logistics".len(), "width {width}");
        }
    }

    /// The first hit's row and its marked letters, `query` searched in
    /// `docs` and drawn `width` columns wide.
    fn first_row(docs: Vec<crate::store::SearchDoc>, query: &str, width: u16) -> (String, String) {
        let index = crate::search::SearchIndex::new(docs);
        let mut state = SearchState::new(Theme::mono());
        state.set_hits(index.search(query, 10), 1);
        let area = Rect::new(0, 0, width, 5);
        let mut buf = Buffer::empty(area);
        (&state).render(area, &mut buf);
        // Inside the border.
        let row: String = (1..width - 1)
            .map(|x| buf[(x, 3)].symbol().to_string())
            .collect();
        let marked = (0..width)
            .filter(|&x| buf[(x, 3)].modifier.contains(Modifier::UNDERLINED))
            .map(|x| buf[(x, 3)].symbol().to_string())
            .collect();
        (row, marked)
    }

    fn tip(title: &str) -> crate::store::SearchDoc {
        crate::store::SearchDoc {
            id: ItemId::new(Kind::Tip, 12),
            title: title.into(),
            body: String::new(),
            tags: String::new(),
            author: "ann".into(),
            votes: 0,
            reference: None,
        }
    }

    /// Found by a tester: "How do I quit with vim?" showed as "…with
    /// vim?" although the whole title fit the row.
    #[test]
    fn a_title_that_fits_is_shown_whole_at_40_and_80_columns() {
        for width in [40, 80] {
            let (row, marked) = first_row(vec![tip("How do I quit with vim?")], "vim", width);
            assert!(row.contains(" How do I quit with vim?"), "{width}: {row}");
            assert_eq!(marked, "vim", "{width}: {row}");
        }
    }

    /// Found by a tester at the kiosk: "…de heftruck oplader?" at 80
    /// columns, where the title fit the row without its kind word. The
    /// word gives way, not the title's start; a title too long even so is
    /// still cut before its match, beside the word.
    #[test]
    fn a_title_that_fits_without_its_kind_word_is_shown_whole() {
        let title = "Weet iemand waar de heftruck oplader?";
        // "│> t12 " and "│" around it: 45 columns hold it bare, 49 with " tip".
        for width in [45, 46, 48] {
            let (row, marked) = first_row(vec![tip(title)], "heftruck oplader", width);
            assert!(row.contains(&format!("> t12 {title}")), "{width}: {row}");
            assert!(!row.contains('…'), "{width}: {row}");
            assert_eq!(marked, "heftruckoplader", "{width}: {row}");
        }
        let (row, _) = first_row(vec![tip(title)], "heftruck oplader", 49);
        assert!(row.contains(&format!("> t12 {title} tip")), "{row}");
        let (row, marked) = first_row(vec![tip(title)], "heftruck oplader", 44);
        assert!(row.contains("> t12 …"), "{row}");
        assert!(row.trim_end().ends_with("tip"), "{row}");
        assert_eq!(marked, "heftruckoplader", "{row}");
    }

    /// A title too long for the row gives way at the left only as far as
    /// its match needs: at 40 columns more of it, at 80 less.
    #[test]
    fn a_long_title_is_cut_only_where_it_does_not_fit() {
        let title = "When the label printer on the second floor hangs again, first check the roll";
        let (row, marked) = first_row(vec![tip(title)], "roll", 40);
        assert!(row.contains("> t12 …again, first check the roll"), "{row}");
        assert_eq!(marked, "roll", "{row}");
        let (row, marked) = first_row(vec![tip(title)], "roll", 80);
        assert!(
            row.contains("> t12 …label printer on the second floor"),
            "{row}"
        );
        assert!(row.contains("check the roll"), "{row}");
        assert_eq!(marked, "roll", "{row}");
        let (row, marked) = first_row(vec![tip(title)], "label", 40);
        assert!(row.contains(" When the label printer"), "{row}");
        assert_eq!(marked, "label", "{row}");
    }

    /// Imported know-how says where it came from, as the lists do, not
    /// that it is a tip.
    #[test]
    fn imported_know_how_hits_show_their_source() {
        use crate::domain::reference::Source;
        for (source, badge) in [(Source::Tldr, "tldr"), (Source::Navi, "navi")] {
            let imported = crate::store::SearchDoc {
                reference: Some(source),
                ..tip("Extract a tar archive")
            };
            for width in [40, 80] {
                let (row, _) = first_row(vec![imported.clone()], "tar", width);
                assert!(row.trim_end().ends_with(badge), "{width}: {row}");
                assert!(!row.contains("tip"), "{width}: {row}");
            }
        }
        let (row, _) = first_row(vec![tip("Extract a tar archive")], "tar", 80);
        assert!(row.trim_end().ends_with("tip"), "{row}");
    }
}
