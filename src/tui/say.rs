//! The status line's state and its messages: what was saved, what went
//! wrong, in a few wrapped rows, never a panic; else what waits to be sent
//! and the nudge. [`super::views::status`] draws it.

use super::app::App;
use super::views::status::Status;
use crate::store::StoreError;

/// What the status line holds. The message is set only through its
/// methods, so one that says a write waits can go by itself once the
/// write was sent (a stale "not saved" line misled people).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StatusState {
    message: Option<Status>,
    /// The message says a write waits in the outbox.
    about_waiting: bool,
    /// The nudge, shown when there is no message.
    pub nudge: Option<String>,
}

impl StatusState {
    /// The message shown now, if any.
    pub fn message(&self) -> Option<&Status> {
        self.message.as_ref()
    }

    pub fn set(&mut self, status: Status) {
        self.message = Some(status);
        self.about_waiting = false;
    }

    /// A message about a write that waits to be sent: it goes once
    /// nothing waits any more ([`StatusState::nothing_waits`]).
    pub fn set_waiting(&mut self, status: Status) {
        self.set(status);
        self.about_waiting = true;
    }

    /// True while the message says a write waits.
    pub fn says_waiting(&self) -> bool {
        self.about_waiting
    }

    pub fn clear(&mut self) {
        self.message = None;
        self.about_waiting = false;
    }

    /// Every waiting write was sent: a message that said one waits is no
    /// longer true. True when it went.
    pub fn nothing_waits(&mut self) -> bool {
        let stale = self.about_waiting;
        if stale {
            self.clear();
        }
        stale
    }
}

impl App {
    /// Shows a message at the bottom.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status.set(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Shows a store failure as a one-line message: never a panic, never a
    /// crash that loses the screen.
    pub fn report(&mut self, e: &StoreError) {
        // A kiosk says it in its own words: no path, no OS detail.
        let text = if self.typing_asks {
            crate::plain::store_error(e)
        } else {
            crate::i18n::store_error(e)
        };
        let text = text.lines().next().unwrap_or("").to_string();
        self.status.set(Status { text, error: true });
    }

    /// The value, or `None` with the error shown.
    pub fn ok<T>(&mut self, r: Result<T, StoreError>) -> Option<T> {
        r.map_err(|e| self.report(&e)).ok()
    }
}
