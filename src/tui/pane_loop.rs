//! The pane's loop: draw → wait for an input or a change → update. On a
//! team server the store wakes the loop when a colleague commits (LISTEN/
//! NOTIFY, `Store::watch_changes`) and the pane looks at once; on a file it
//! sleeps for at most a second, then asks the store whether another
//! process committed (`data_version`, microseconds on the open
//! connection). Only an input or a change leads to a redraw, so an idle
//! pane costs ~nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;

use super::app::App;
use super::event::Input;
use super::event_loop::Ended;
use super::wake::Waker;

/// How often, at most, the store is asked whether something changed.
pub const CHANGE_CHECK: Duration = Duration::from_secs(1);

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
        next_check: Instant::now() + CHANGE_CHECK,
        news: Arc::new(AtomicBool::new(false)),
    };
    super::event_loop::run_keeping(terminal, &mut pane)
}

/// The pane in the one event loop: inputs to the app, and once a second a
/// look whether another process wrote.
struct PaneScreen<'a> {
    app: &'a mut App,
    next_check: Instant,
    /// Set by the store's watcher thread: something changed.
    news: Arc<AtomicBool>,
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
        // Weak: once the pane is gone, the watcher ends at its next news.
        let news: Weak<AtomicBool> = Arc::downgrade(&self.news);
        self.app.changes_pushed = self.app.store.watch_changes(Box::new(move || {
            let Some(news) = news.upgrade() else {
                return false;
            };
            news.store(true, Ordering::SeqCst);
            waker.wake();
            true
        }));
    }

    fn wait(&self) -> Duration {
        self.next_check
            .saturating_duration_since(Instant::now())
            .min(self.app.index_wait())
    }

    fn tick(&mut self) -> bool {
        let mut dirty = self.app.poll_index();
        if self.news.swap(false, Ordering::SeqCst) {
            dirty |= self.app.check_for_changes();
        }
        if Instant::now() >= self.next_check {
            dirty |= self.app.on_input(Input::Tick);
            self.next_check = Instant::now() + CHANGE_CHECK;
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
