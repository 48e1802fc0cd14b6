//! The pane hands its views what they draw: a [`PaneView`] borrowed from
//! its state, so the frame and the views never see `App` itself. The pane,
//! the kiosk and the tests all draw it this way (`App` is no widget).

use super::app::App;
use super::views::PaneView;

impl App {
    /// What the frame draws now.
    pub fn pane_view(&self) -> PaneView<'_> {
        let (hints, pinned) = self.hint_line();
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
            wishes: &self.wishes,
            status: self.status.message(),
            waiting: self.status.waiting_line(),
            nudge: self.status.nudge.as_deref(),
            hints,
            pinned,
        }
    }
}
