//! The pane's frame: tab bar, body (list, detail, search, review), status
//! line and key hints, with an overlay drawn over it. It draws a
//! [`PaneView`]: the few pieces of state the frame shows, handed over by the
//! pane, so no view knows the pane's whole state (and a kiosk or a test can
//! draw the same frame).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::detail::DetailState;
use super::list::ItemListState;
use super::me::MeState;
use super::status::{self, Status};
use super::team::TeamState;
use super::wishes::WishesState;
use super::{MIN_HEIGHT, MIN_WIDTH, WIDE, capture_area, centered, hint_line};
use crate::tui::screen::{Overlay, Screen};
use crate::tui::tabs::Tab;
use crate::tui::theme::Theme;

/// What the frame draws, borrowed from the pane's state.
pub struct PaneView<'a> {
    pub theme: Theme,
    pub tab: Tab,
    /// The kiosk: a digit types, so tabs are named by words only.
    pub typing_asks: bool,
    pub stack: &'a [Screen],
    pub overlay: Option<&'a Overlay>,
    /// The item under the cursor, beside the list on a wide pane.
    pub preview: Option<&'a DetailState>,
    /// The list of the tab (none on Team).
    pub list: Option<&'a ItemListState>,
    pub team: &'a TeamState,
    pub me: &'a MeState,
    pub wishes: &'a WishesState,
    pub status: Option<&'a Status>,
    /// "2 waiting to be sent" (the outbox).
    pub waiting: Option<String>,
    pub nudge: Option<&'a str>,
    /// The bottom line: (key, label), most important first.
    pub hints: Vec<(String, String)>,
    /// How many of the last hints are always shown (help, quit).
    pub pinned: usize,
}

impl PaneView<'_> {
    /// The pane's rows: tab bar, body, status line, hints.
    pub fn layout(&self, area: Rect) -> [Rect; 4] {
        // A message, wrapped to be read whole; else what waits to be sent and
        // the nudge, one row (small, so it never crowds the list).
        let status_h = self.status_line().height(area.width);
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(status_h),
            Constraint::Length(self.hint_line().height(area.width)),
        ])
        .areas(area)
    }

    /// The key hints, the last `pinned` of them always shown.
    fn hint_line(&self) -> super::HintLine {
        hint_line(&self.hints, &self.theme).pin_last(self.pinned)
    }

    /// The status line of the pane: its message, else its nudge.
    fn status_line(&self) -> status::StatusLine<'_> {
        status::StatusLine {
            status: self.status,
            waiting: self.waiting.clone(),
            nudge: self.nudge,
            theme: self.theme,
        }
    }

    /// The tab whose name is drawn at column `x` of a tab bar `width` wide
    /// (a mouse click); a ‹ or › opens the tab just out of sight.
    pub fn tab_at(&self, width: u16, x: u16) -> Option<usize> {
        let (labels, pad) = self.tab_labels(width);
        let mut start = 0usize;
        for label in &labels {
            // The space between one-padded labels counts for the one after.
            let w = Span::raw(label.text.as_str()).width() + pad;
            if usize::from(x) < start + w {
                return Some(label.tab);
            }
            start += w;
        }
        None
    }

    /// Tab names from long to short; the longest set that fits is drawn. The
    /// short names are words too ("Vragen", not "Vr"). When not all of them
    /// fit (eight at 40 columns), the bar scrolls: the tab you are on and as
    /// many neighbours as fit, as words, with ‹ › where more tabs are.
    /// Narrower still, the tab you are on keeps its name and the others
    /// show the digit that goes there.
    fn tab_bar(&self, area: Rect, buf: &mut Buffer) {
        let here = self.tab.index();
        let (labels, pad) = self.tab_labels(area.width);
        let t = &self.theme;
        let mut spans: Vec<Span> = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            let style = if label.tab == here && !label.mark {
                t.selected
            } else {
                t.muted
            };
            if pad == 2 {
                spans.push(Span::styled(format!(" {} ", label.text), style));
            } else {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(label.text.clone(), style));
            }
        }
        // Narrower than its narrowest set: cut where all can see it is cut.
        let line = super::fit_line(&Line::from(spans), usize::from(area.width));
        buf.set_line(area.x, area.y, &line, area.width);
    }

    /// The labels of the tab bar at `width` and the columns around each.
    fn tab_labels(&self, width: u16) -> (Vec<TabLabel>, usize) {
        let n = Tab::ALL.len();
        let here = self.tab.index();
        let short = |i: usize| crate::tui::action::short_tab_name(i as u8);
        let fits = |(set, pad): &(Vec<TabLabel>, usize)| {
            set.iter()
                .map(|l| Span::raw(l.text.as_str()).width() + pad)
                .sum::<usize>()
                <= usize::from(width)
        };
        // (labels, columns around each label)
        let sets: [(Vec<TabLabel>, usize); 5] = [
            (
                Tab::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TabLabel::tab(i, format!("{} {}", i + 1, t.name())))
                    .collect(),
                2,
            ),
            (
                Tab::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TabLabel::tab(i, t.name()))
                    .collect(),
                2,
            ),
            ((0..n).map(|i| TabLabel::tab(i, short(i))).collect(), 1),
            (scrolled(n, here, &short, |set| fits(&(set, 1))), 1),
            (
                (0..n)
                    .map(|i| {
                        TabLabel::tab(
                            i,
                            if i == here {
                                short(i)
                            } else {
                                (i + 1).to_string()
                            },
                        )
                    })
                    .collect(),
                1,
            ),
        ];
        // On a kiosk a digit types (it starts a question): no tab is named by
        // its digit there, only by its word.
        let usable = |i: &usize| !self.typing_asks || matches!(i, 1..=3);
        let mut usable_sets = sets
            .iter()
            .enumerate()
            .filter(|(i, s)| usable(i) && !s.0.is_empty());
        let narrowest = usable_sets.clone().next_back().map(|(_, s)| s);
        usable_sets
            .find(|(_, s)| fits(s))
            .map(|(_, s)| s)
            .or(narrowest)
            .cloned()
            .unwrap_or_default()
    }

    /// List and detail side by side when wide, one at a time when narrow.
    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        let wide = area.width >= WIDE;
        let top = self.stack.last();
        // A review takes the whole body: one card, nothing else to look at.
        if let Some(Screen::Review(r)) = top {
            r.render(area, buf);
            return;
        }
        // What the left pane shows: the search under an open hit, else the tab.
        let under_top = match (top, self.stack.len()) {
            (Some(Screen::Detail(_)), n) if n >= 2 => self.stack.get(n - 2),
            (Some(Screen::Search(_)), n) => self.stack.get(n - 1),
            _ => None,
        };
        let right = match top {
            Some(Screen::Detail(d)) => Some(d),
            _ => self.preview,
        };
        if !wide {
            match top {
                Some(Screen::Detail(d)) => d.render(area, buf),
                Some(Screen::Search(s)) => s.render(area, buf),
                Some(Screen::Review(r)) => r.render(area, buf),
                None => self.tab_content(area, buf),
            }
            return;
        }
        let [left, detail] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(area);
        debug_assert_eq!(left, list_area(area));
        match under_top {
            Some(Screen::Search(s)) => s.render(left, buf),
            _ => self.tab_content(left, buf),
        }
        if let Some(d) = right {
            d.render(detail, buf);
        }
    }

    fn tab_content(&self, area: Rect, buf: &mut Buffer) {
        match self.tab {
            Tab::Team => self.team.render(area, buf),
            Tab::Me => self.me.render(area, buf),
            Tab::Wishes => self.wishes.render(area, buf),
            _ => {
                if let Some(list) = self.list {
                    list.render(area, buf);
                }
            }
        }
    }
}

/// One label of the tab bar: a tab's name (or digit), or a ‹ › mark
/// standing for the tabs out of sight, which opens the nearest of them.
#[derive(Debug, Clone)]
struct TabLabel {
    text: String,
    tab: usize,
    mark: bool,
}

impl TabLabel {
    fn tab(tab: usize, text: String) -> TabLabel {
        TabLabel {
            text,
            tab,
            mark: false,
        }
    }
}

/// The short names of the tabs around `here` that fit, with ‹ before and
/// › after when tabs are left out there: the window grows one tab to the
/// right, then one to the left, while it fits. Empty when not even the
/// tab you are on fits.
fn scrolled(
    n: usize,
    here: usize,
    short: &dyn Fn(usize) -> String,
    fits: impl Fn(Vec<TabLabel>) -> bool,
) -> Vec<TabLabel> {
    let window = |from: usize, to: usize| -> Vec<TabLabel> {
        let mut out = Vec::new();
        if from > 0 {
            out.push(TabLabel {
                text: "‹".to_string(),
                tab: from - 1,
                mark: true,
            });
        }
        out.extend((from..to).map(|i| TabLabel::tab(i, short(i))));
        if to < n {
            out.push(TabLabel {
                text: "›".to_string(),
                tab: to,
                mark: true,
            });
        }
        out
    };
    let (mut from, mut to) = (here, here + 1);
    if here >= n || !fits(window(from, to)) {
        return Vec::new();
    }
    loop {
        let mut grew = false;
        if to < n && fits(window(from, to + 1)) {
            to += 1;
            grew = true;
        }
        if from > 0 && fits(window(from - 1, to)) {
            from -= 1;
            grew = true;
        }
        if !grew {
            return window(from, to);
        }
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

impl Widget for &PaneView<'_> {
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
        // The kiosk names posts by their words, never by ids.
        let _ids = super::ids::drawing(!self.typing_asks);
        let [tabs, body, status, hints] = self.layout(area);
        self.tab_bar(tabs, buf);
        self.render_body(body, buf);
        self.status_line().render(status, buf);
        self.hint_line().render(hints, buf);
        match self.overlay {
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
                let h = body.height.min(p.height(body.width));
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
