//! The pane's loop: draw → wait for an input or a change → update. On a
//! team server the store wakes the loop when a colleague commits (LISTEN/
//! NOTIFY, `Store::watch_changes`) and the pane looks at once; on a file it
//! sleeps for at most a second, then asks the store whether another
//! process committed (`data_version`, microseconds on the open
//! connection). Only an input or a change leads to a redraw, so an idle
//! pane costs ~nothing.

use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;

use super::app::App;
use super::event::Input;
use super::event_loop::Ended;
use super::wake::{News, Waker};

/// How often, at most, the store is asked whether something changed (on
/// a file; on the server only while offline), and the tools next door,
/// the nudge and the outbox are looked at.
pub const CHANGE_CHECK: Duration = Duration::from_secs(1);

/// [`CHANGE_CHECK`]; in a debug build `LEERTUIN_TEST_TICK_MS` may set it:
/// a test that proves a colleague's post arrives by notification sets it
/// to an hour, so that no timed look can be what showed the post.
pub fn change_check() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("LEERTUIN_TEST_TICK_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Duration::from_millis(ms);
    }
    CHANGE_CHECK
}

/// Draws, waits, updates, until the person quits; then keeps the text a
/// form still holds (Ctrl-C quits from an open form) as a draft.
pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Ended {
    // The first frame, before any query: the pane is there at once.
    if let Err(e) = terminal.draw(|f| f.render_widget(&app.pane_view(), f.area())) {
        return Ended {
            ran: Err(e),
            kept: None,
        };
    }
    // On a team server that frame said "connecting…"; gone once loaded.
    let connecting = crate::t!("pane.connecting").into_owned();
    app.start();
    if app.status.message().is_some_and(|s| s.text == connecting) {
        app.status.clear();
    }
    app.defer_saves = true;
    let mut pane = PaneScreen {
        app,
        next_check: Instant::now() + change_check(),
        news: News::default(),
    };
    super::event_loop::run_keeping(terminal, &mut pane)
}

/// The pane in the one event loop: inputs to the app, and once a second a
/// look whether another process wrote.
struct PaneScreen<'a> {
    app: &'a mut App,
    next_check: Instant,
    /// Set by the store's watcher thread: something changed.
    news: News,
}

impl super::event_loop::Screen for PaneScreen<'_> {
    fn draw(&self, frame: &mut ratatui::Frame) {
        frame.render_widget(&self.app.pane_view(), frame.area());
    }

    fn on_input(&mut self, input: Input, area: ratatui::layout::Rect) -> bool {
        // A burst of keys is searched once, after it.
        self.app.finder.defer = true;
        match input {
            Input::Mouse(m) => self.app.on_mouse(area, m),
            input => self.app.on_input(input),
        }
    }

    fn after_inputs(&mut self) {
        self.app.finder.defer = false;
        self.app.flush_search();
        // What a SIGHUP or SIGTERM from now on must keep.
        crate::signals::hold(self.app.unsaved());
    }

    fn set_waker(&mut self, waker: Waker) {
        self.app.changes_pushed = self.app.store.watch_changes(self.news.on_change(waker));
    }

    fn wait(&self) -> Duration {
        self.next_check
            .saturating_duration_since(Instant::now())
            .min(self.app.index_wait())
    }

    fn tick(&mut self) -> bool {
        let mut dirty = self.app.poll_index();
        if self.news.take() {
            dirty |= self.app.check_for_changes();
        }
        if Instant::now() >= self.next_check {
            dirty |= self.app.on_input(Input::Tick);
            self.next_check = Instant::now() + change_check();
        }
        dirty
    }

    fn done(&self) -> bool {
        self.app.quit
    }

    fn work_waiting(&self) -> bool {
        self.app.saving.is_some()
    }

    fn work(&mut self) -> bool {
        self.app.run_saving()
    }
}
