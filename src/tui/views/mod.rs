//! Drawing: the frame (tabs, body, status, hints) and one file per view.
//! Every view draws from `&State`, so drawing can never change state.

pub mod capture;
pub mod chart;
pub mod choose;
pub mod detail;
pub mod frame;
pub mod help;
pub mod ids;
pub mod item_text;
pub mod list;
pub mod me;
pub mod profile;
pub mod prompt;
pub mod review;
pub mod search;
pub mod similar;
pub mod status;
pub mod team;
pub mod wishes;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Below this the pane says it is too small instead of drawing a mess.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the list and the detail stand side by side.
pub const WIDE: u16 = 70;

pub use frame::{PaneView, list_area};

/// "Enter open · / search · …", as many as fit.
pub fn hint_line(hints: &[(String, String)], t: &super::theme::Theme) -> HintLine {
    HintLine {
        hints: hints.to_vec(),
        pinned: 0,
        theme: *t,
    }
}

pub struct HintLine {
    hints: Vec<(String, String)>,
    /// The last this many hints are always shown (help, quit): the others
    /// give way first, then the pinned ones lose their labels.
    pinned: usize,
    theme: super::theme::Theme,
}

/// " · " between two hints.
const GAP: usize = 3;

/// One row of hints: each with its label or without.
type HintRow<'a> = Vec<(&'a (String, String), bool)>;

impl HintLine {
    pub fn pin_last(mut self, n: usize) -> Self {
        self.pinned = n.min(self.hints.len());
        self
    }

    /// Rows it takes at `width`: two on a narrow pane where the hints do
    /// not fit one (the row above holds those that gave way: at 40
    /// columns "+ steunen" beside "Enter antwoorden"), else one.
    pub fn height(&self, width: u16) -> u16 {
        if width < WIDE && !self.rows(usize::from(width)).0.is_empty() {
            2
        } else {
            1
        }
    }

    /// The row of hints that gave way (drawn above, where there is room)
    /// and the bottom row: the pinned ones and as many others as fit,
    /// most important first.
    fn rows(&self, room: usize) -> (HintRow<'_>, HintRow<'_>) {
        let cols = |s: &str| Span::raw(s).width();
        let width = |h: &(String, String)| cols(&h.0) + 1 + cols(&h.1);
        let split = self.hints.len() - self.pinned;
        let (others, pinned) = self.hints.split_at(split);
        let cost = |hints: &[(String, String)], labels: bool| -> usize {
            hints
                .iter()
                .map(|h| if labels { width(h) } else { cols(&h.0) })
                .sum::<usize>()
                + GAP * hints.len().saturating_sub(1)
        };
        let pinned_labels = cost(pinned, true) <= room;
        let mut used = if pinned.is_empty() {
            0
        } else {
            cost(pinned, pinned_labels)
        };
        let mut shown: HintRow = Vec::new();
        let mut gave_way: Vec<&(String, String)> = Vec::new();
        for h in others {
            let w = width(h) + if used > 0 { GAP } else { 0 };
            // One that does not fit gives way to shorter ones after it.
            if used + w > room {
                gave_way.push(h);
                continue;
            }
            used += w;
            shown.push((h, true));
        }
        shown.extend(pinned.iter().map(|h| (h, pinned_labels)));
        let mut above: HintRow = Vec::new();
        let mut used = 0;
        for h in gave_way {
            let w = width(h) + if used > 0 { GAP } else { 0 };
            if used + w <= room {
                used += w;
                above.push((h, true));
            }
        }
        (above, shown)
    }
}

/// A row of hints as a line: "key label · key label".
fn hints_as_line(row: HintRow<'_>, t: &super::theme::Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, ((key, label), with_label)) in row.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.muted));
        }
        spans.push(Span::styled(key.clone(), t.key));
        if with_label {
            spans.push(Span::styled(format!(" {label}"), t.muted));
        }
    }
    Line::from(spans)
}

impl Widget for HintLine {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let (above, shown) = self.rows(usize::from(area.width));
        let bottom = area.bottom() - 1;
        buf.set_line(
            area.x,
            bottom,
            &hints_as_line(shown, &self.theme),
            area.width,
        );
        if area.height >= 2 && !above.is_empty() {
            let line = hints_as_line(above, &self.theme);
            buf.set_line(area.x, bottom - 1, &line, area.width);
        }
    }
}

/// Where the capture form goes: a box in the middle of a large pane; the
/// whole body of a small one, where a box a little smaller than the list
/// would leave the list's border showing around it (a border drawn twice).
pub fn capture_area(body: Rect) -> Rect {
    const W: u16 = 72;
    const H: u16 = 16;
    if body.width < W + 4 || body.height < H + 2 {
        body
    } else {
        centered(body, W, H)
    }
}

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Cuts `s` to `width` columns, ending in "…" when it was cut.
pub fn fit(s: &str, width: usize) -> String {
    if Span::raw(s).width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = Span::raw(c.to_string()).width();
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `line` cut to `width` columns, ending in "…" when it was cut (as
/// [`fit`] does for plain text), each span keeping its style.
pub fn fit_line(line: &Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line.clone();
    }
    let mut cut = line.clone();
    end_cut(&mut cut, width);
    cut
}

/// Ends `line` in "…" within `width`, dropping letters at its end to make
/// room: it was cut, and whoever reads it should see so.
pub fn end_cut(line: &mut Line<'static>, width: usize) {
    let style = line.spans.last().map(|s| s.style).unwrap_or_default();
    let room = width.saturating_sub(1);
    while line.width() > room {
        let Some(span) = line.spans.last_mut() else {
            break;
        };
        let mut text = span.content.to_string();
        if text.pop().is_none() {
            line.spans.pop();
            continue;
        }
        span.content = text.into();
    }
    if width > 0 {
        line.spans.push(Span::styled("…", style));
    }
}

/// Which rows of a list to draw so the selected one is visible:
/// (first index, how many).
pub fn row_window(selected: usize, len: usize, height: u16) -> (usize, usize) {
    let h = usize::from(height);
    if h == 0 {
        return (0, 0);
    }
    let first = (selected + 1).saturating_sub(h);
    (first, h.min(len - first.min(len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("hello", 0), "");
    }

    #[test]
    fn fit_line_cuts_with_an_ellipsis_and_keeps_styles() {
        let bold = ratatui::style::Style::new().bold();
        let line = Line::from(vec![
            Span::raw("Answered most: "),
            Span::styled("Bram 3", bold),
        ]);
        assert_eq!(fit_line(&line, 21).to_string(), "Answered most: Bram 3");
        let cut = fit_line(&line, 18);
        assert_eq!(cut.to_string(), "Answered most: Br…");
        assert_eq!(cut.width(), 18);
        assert_eq!(cut.spans[1].style, bold);
        assert_eq!(fit_line(&line, 0).to_string(), "");
    }

    #[test]
    fn the_selected_row_stays_in_the_window() {
        assert_eq!(row_window(0, 100, 10), (0, 10));
        assert_eq!(row_window(15, 100, 10), (6, 10));
        assert_eq!(row_window(2, 3, 10), (0, 3));
        assert_eq!(row_window(0, 0, 10), (0, 0));
        assert_eq!(row_window(5, 10, 0), (0, 0));
    }
}
