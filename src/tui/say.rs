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
    /// How many of this pane's writes wait in the outbox: said when there
    /// is no message, before the nudge.
    waiting: usize,
}

impl StatusState {
    /// The message shown now, if any.
    pub fn message(&self) -> Option<&Status> {
        self.message.as_ref()
    }

    /// Shows `status`; a reason for an error as a sentence (see
    /// [`crate::i18n::sentence`]), with its capital.
    pub fn set(&mut self, mut status: Status) {
        if status.error {
            status.text = crate::i18n::sentence(status.text);
        }
        self.message = Some(status);
        self.about_waiting = false;
    }

    /// A message about a write that waits to be sent: it goes once
    /// nothing waits any more ([`StatusState::count_waiting`]).
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

    /// How many writes wait to be sent.
    pub fn waiting(&self) -> usize {
        self.waiting
    }

    /// `n` writes wait to be sent now. Once none does, a message that
    /// said one waits is no longer true and goes (a stale "not saved"
    /// line misled people).
    pub fn count_waiting(&mut self, n: usize) {
        self.waiting = n;
        if n == 0 && self.about_waiting {
            self.clear();
        }
    }

    /// "2 waiting to be sent" while writes wait.
    pub fn waiting_line(&self) -> Option<String> {
        (self.waiting > 0).then(|| crate::outbox::waiting_line(self.waiting))
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

    /// Says that this needs the PIN login ([`App::pin_refusal`]).
    pub fn say_pin_needed(&mut self) {
        let text = self.pin_refusal();
        self.say(text);
    }

    /// The one text of every refusal for want of the PIN, chosen from the
    /// session: whether the key was refused before a form opened or the
    /// store said no (a write only a PIN login may make). Someone who has
    /// no PIN yet is told how to get one: "log in with your PIN" would not
    /// help them.
    pub fn pin_refusal(&self) -> String {
        let text = if self.has_no_pin() {
            crate::t!("status.no-pin-yet")
        } else {
            crate::t!("status.pin-needed")
        };
        text.into_owned()
    }

    /// True when the person has no kiosk PIN at all (a read that fails
    /// counts as having one: the usual words are then still right).
    pub fn has_no_pin(&self) -> bool {
        matches!(self.store.person_pin(&self.user), Ok(None))
    }

    /// Shows a store failure as a one-line message: never a panic, never a
    /// crash that loses the screen. In a worker's words (pane and kiosk
    /// alike): no id, no path, no OS detail; `leertuin doctor` and the
    /// command line give an admin the full reason.
    pub fn report(&mut self, e: &StoreError) {
        let text = match e {
            // Refused for want of the PIN: said as every such refusal.
            StoreError::NeedsLogin if self.public => self.pin_refusal(),
            e => crate::plain::store_error(e),
        };
        let text = text.lines().next().unwrap_or("").to_string();
        self.status.set(Status { text, error: true });
    }

    /// The value, or `None` with the error shown.
    pub fn ok<T>(&mut self, r: Result<T, StoreError>) -> Option<T> {
        r.map_err(|e| self.report(&e)).ok()
    }
}
