//! Drawing: the frame (tabs, body, status, hints) and one file per view.
//! Every view draws from `&State`, so drawing can never change state.

pub mod capture;
pub mod chart;
pub mod choose;
pub mod detail;
pub mod help;
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

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Overlay, Screen, Tab};

/// Below this the pane says it is too small instead of drawing a mess.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the list and the detail stand side by side.
pub const WIDE: u16 = 70;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Paragraph::new(crate::t!(
                "pane.too-small",
                size = format!("{MIN_WIDTH}×{MIN_HEIGHT}")
            ))
            .style(self.theme.muted)
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let [tabs, body, status, hints] = pane_layout(self, area);
        tab_bar(self, tabs, buf);
        render_body(self, body, buf);
        status_line(self).render(status, buf);
        hint_line(&self.hints(), &self.theme)
            .pin_last(self.pinned_hints())
            .render(hints, buf);
        match &self.overlay {
            Some(Overlay::Help(h)) => {
                let w = body.width.min(64);
                h.render(centered(body, w, h.height(w)), buf);
            }
            Some(Overlay::Capture(c)) => c.render(capture_area(body), buf),
            Some(Overlay::Profile(f)) => {
                let w = body.width.min(64);
                f.render(centered(body, w, f.height(w) + 2), buf);
            }
            Some(Overlay::Choose(c)) => {
                let w = body.width.min(64);
                c.render(centered(body, w, c.height(w)), buf);
            }
            Some(Overlay::Prompt(p)) => {
                let h = body.height.min(3);
                p.render(
                    Rect {
                        y: body.bottom() - h,
                        height: h,
                        ..body
                    },
                    buf,
                );
            }
            None => {}
        }
    }
}

/// The pane's rows: tab bar, body, status line, hints.
pub fn pane_layout(app: &App, area: Rect) -> [Rect; 4] {
    // A message, wrapped to be read whole; else what waits to be sent and
    // the nudge, one row (small, so it never crowds the list).
    let status_h = status_line(app).height(area.width);
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_h),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The status line of the pane: its message, else its nudge.
fn status_line(app: &App) -> status::StatusLine<'_> {
    status::StatusLine {
        status: app.status.as_ref(),
        waiting: app.waiting_line(),
        nudge: app.nudge.as_deref(),
        theme: app.theme,
    }
}

/// Where a tab's list is drawn in the body: all of it when narrow, the
/// left side beside the detail when wide.
pub fn list_area(body: Rect) -> Rect {
    if body.width < WIDE {
        return body;
    }
    let [left, _] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
    left
}

/// The tab whose name is drawn at column `x` of a tab bar `width` wide
/// (a mouse click).
pub fn tab_at(app: &App, width: u16, x: u16) -> Option<usize> {
    let (labels, pad) = tab_labels(app, width);
    let mut start = 0usize;
    for (i, label) in labels.iter().enumerate() {
        // The space between one-padded labels counts for the one after.
        let w = Span::raw(label.as_str()).width() + pad;
        if usize::from(x) < start + w {
            return Some(i);
        }
        start += w;
    }
    None
}

/// Tab names from long to short; the longest set that fits is drawn. The
/// short names are words too ("Vragen", not "Vr"): at 40 columns all seven
/// fit with one space between them. Narrower still, the tab you are on
/// keeps its name and the others show the digit that goes there.
fn tab_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let here = app.tab.index();
    let (labels, pad) = tab_labels(app, area.width);
    let t = &app.theme;
    let mut spans: Vec<Span> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let style = if i == here { t.selected } else { t.muted };
        if pad == 2 {
            spans.push(Span::styled(format!(" {label} "), style));
        } else {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(label.clone(), style));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The labels of the tab bar at `width` and the columns around each.
fn tab_labels(app: &App, width: u16) -> (Vec<String>, usize) {
    let n = Tab::ALL.len();
    let here = app.tab.index();
    // (labels, columns around each label)
    let sets: [(Vec<String>, usize); 4] = [
        (
            Tab::ALL
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{} {}", i + 1, t.name()))
                .collect(),
            2,
        ),
        (Tab::ALL.iter().map(|t| t.name()).collect(), 2),
        ((0..n as u8).map(super::action::short_tab_name).collect(), 1),
        (
            (0..n)
                .map(|i| {
                    if i == here {
                        super::action::short_tab_name(i as u8)
                    } else {
                        (i + 1).to_string()
                    }
                })
                .collect(),
            1,
        ),
    ];
    let fits = |(set, pad): &(Vec<String>, usize)| {
        set.iter()
            .map(|s| Span::raw(s.as_str()).width() + pad)
            .sum::<usize>()
            <= usize::from(width)
    };
    // On a kiosk a digit types (it starts a question): no tab is named by
    // its digit there, only by its word.
    let usable = |i: &usize| !app.typing_asks || matches!(i, 1 | 2);
    let mut usable_sets = sets.iter().enumerate().filter(|(i, _)| usable(i));
    let narrowest = usable_sets.clone().next_back().map(|(_, s)| s);
    usable_sets
        .find(|(_, s)| fits(s))
        .map(|(_, s)| s)
        .or(narrowest)
        .cloned()
        .unwrap_or_default()
}

/// List and detail side by side when wide, one at a time when narrow.
fn render_body(app: &App, area: Rect, buf: &mut Buffer) {
    let wide = area.width >= WIDE;
    let top = app.stack.last();
    // A review takes the whole body: one card, nothing else to look at.
    if let Some(Screen::Review(r)) = top {
        r.render(area, buf);
        return;
    }
    // What the left pane shows: the search under an open hit, else the tab.
    let under_top = match (top, app.stack.len()) {
        (Some(Screen::Detail(_)), n) if n >= 2 => app.stack.get(n - 2),
        (Some(Screen::Search(_)), n) => app.stack.get(n - 1),
        _ => None,
    };
    let right = match top {
        Some(Screen::Detail(d)) => Some(d),
        _ => app.preview.as_ref(),
    };
    if !wide {
        match top {
            Some(Screen::Detail(d)) => d.render(area, buf),
            Some(Screen::Search(s)) => s.render(area, buf),
            Some(Screen::Review(r)) => r.render(area, buf),
            None => tab_content(app, area, buf),
        }
        return;
    }
    let [left, detail] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(area);
    debug_assert_eq!(left, list_area(area));
    match under_top {
        Some(Screen::Search(s)) => s.render(left, buf),
        _ => tab_content(app, left, buf),
    }
    if let Some(d) = right {
        d.render(detail, buf);
    }
}

fn tab_content(app: &App, area: Rect, buf: &mut Buffer) {
    match app.tab {
        Tab::Team => app.team.render(area, buf),
        Tab::Me => app.me.render(area, buf),
        tab => {
            if let Some(list) = app.list(tab) {
                list.render(area, buf);
            }
        }
    }
}

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
            if used + w > room {
                break;
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
