//! The pane hands its views what they draw: a [`PaneView`] borrowed from
//! its state, so the frame and the views never see `App` itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::App;
use super::views::PaneView;

impl App {
    /// What the frame draws now.
    pub fn pane_view(&self) -> PaneView<'_> {
        PaneView {
            theme: self.theme,
            tab: self.tab,
            typing_asks: self.typing_asks,
            stack: &self.stack,
            overlay: self.overlay.as_ref(),
            preview: self.preview.as_ref(),
            list: self.list(self.tab),
            team: &self.team,
            me: &self.me,
            status: self.status.as_ref(),
            waiting: self.waiting_line(),
            nudge: self.nudge.as_deref(),
            hints: self.hints(),
            pinned: self.pinned_hints(),
        }
    }
}

/// The pane as one widget, for the loop, the kiosk and the tests.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.pane_view().render(area, buf);
    }
}
