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

impl HintLine {
    pub fn pin_last(mut self, n: usize) -> Self {
        self.pinned = n.min(self.hints.len());
        self
    }
}

impl Widget for HintLine {
    fn render(self, area: Rect, buf: &mut Buffer) {
        const GAP: usize = 3; // " · "
        let t = &self.theme;
        let room = usize::from(area.width);
        let cols = |s: &str| Span::raw(s).width();
        let split = self.hints.len() - self.pinned;
        let (others, pinned) = self.hints.split_at(split);
        let cost = |hints: &[&(String, String)], labels: bool| -> usize {
            hints
                .iter()
                .map(|(k, l)| cols(k) + if labels { 1 + cols(l) } else { 0 })
                .sum::<usize>()
                + GAP * hints.len().saturating_sub(1)
        };
        let pinned: Vec<&(String, String)> = pinned.iter().collect();
        let pinned_labels = cost(&pinned, true) <= room;
        let mut used = if pinned.is_empty() {
            0
        } else if pinned_labels {
            cost(&pinned, true)
        } else {
            cost(&pinned, false)
        };
        let mut shown: Vec<(&(String, String), bool)> = Vec::new();
        for h in others {
            let w = cols(&h.0) + 1 + cols(&h.1) + if used > 0 { GAP } else { 0 };
            // One that does not fit gives way to shorter ones after it.
            if used + w > room {
                continue;
            }
            used += w;
            shown.push((h, true));
        }
        shown.extend(pinned.into_iter().map(|h| (h, pinned_labels)));
        let mut spans = Vec::new();
        for (i, ((key, label), with_label)) in shown.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", t.muted));
            }
            spans.push(Span::styled(key.clone(), t.key));
            if with_label {
                spans.push(Span::styled(format!(" {label}"), t.muted));
            }
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
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
    fn the_selected_row_stays_in_the_window() {
        assert_eq!(row_window(0, 100, 10), (0, 10));
        assert_eq!(row_window(15, 100, 10), (6, 10));
        assert_eq!(row_window(2, 3, 10), (0, 3));
        assert_eq!(row_window(0, 0, 10), (0, 0));
        assert_eq!(row_window(5, 10, 0), (0, 0));
    }
}
