//! The pane's writes go through the outbox ([`crate::outbox`]): stored
//! when the store takes them, else kept to be sent later; the status line
//! counts what waits, and the pane sends it at start, with its next write,
//! when another program's write shows the lock is gone, and on a timer.

use std::time::{Duration, Instant};

use super::app::{App, Status};
use super::own;
use crate::domain::{BackingKind, Done, Write};
use crate::outbox::{self, Failed, Outbox, Outcome};
use crate::store::Spec;

/// The pause before the pane tries its waiting writes again by itself, and
/// the longest it grows to while they stay stuck.
const SEND_FIRST_PAUSE: Duration = Duration::from_secs(2);
const SEND_MAX_PAUSE: Duration = Duration::from_secs(30);

impl App {
    /// Keeps this pane's waiting writes in `outbox`, for the store `spec`
    /// names (`None`: no outbox, as in tests; a failed write is an error).
    pub fn use_outbox(&mut self, outbox: Option<Outbox>, spec: &Spec) {
        self.around.outbox = outbox;
        self.around.spec = outbox::spec_name(spec);
        self.count_waiting();
    }

    /// Applies `write`: `Some` with what it did when stored, `None` when it
    /// waits in the outbox (the status line says so, and it has no undo).
    /// `Err` with the reason when it went nowhere: the form keeps its text.
    pub fn send(&mut self, write: &Write) -> Result<Option<Done>, String> {
        let outcome = outbox::submit(
            self.around.outbox.as_ref(),
            &self.around.spec,
            &*self.store,
            write,
        );
        self.count_waiting();
        match outcome {
            Ok(Outcome::Stored(done)) => Ok(Some(done)),
            Ok(Outcome::Queued { reason, .. }) => {
                let said = crate::plain::store_error(&reason);
                self.said_queued(&said, reason.passes());
                Ok(None)
            }
            // Refused, or kept nowhere: the form stays open with the
            // text, and the line says why in a worker's words (no id, no
            // path, no OS detail; see `crate::plain`).
            Err(Failed::Refused(e) | Failed::Nowhere { reason: e, .. }) => {
                Err(first_line(&crate::plain::store_error(&e)))
            }
        }
    }

    /// Says a write waits in the outbox, and why; `passes` when the
    /// reason goes away by itself (busy, away), which is no error.
    pub fn said_queued(&mut self, reason: &str, passes: bool) {
        let reason = first_line(reason);
        // A reason that passes by itself is not the worker's to act on:
        // its "try again" would only store the text twice.
        let text = if passes {
            t!("status.saved-offline")
        } else if self.typing_asks {
            t!("status.not-saved-queued.words", reason = reason)
        } else {
            t!("status.not-saved-queued", reason = reason)
        };
        self.status.set_waiting(Status {
            text: text.into_owned(),
            error: !passes,
        });
    }

    /// Sends what waits for this store now; true when something went (the
    /// lists are read again).
    pub fn send_waiting(&mut self) -> bool {
        let Some(outbox) = self.around.outbox.as_ref() else {
            return false;
        };
        if self.status.waiting() == 0 {
            return false;
        }
        let report = outbox::send_waiting(outbox, &self.around.spec, &*self.store, &self.user);
        // Said before it goes: the line that said a write waits, or a
        // failure said while it waited (a read of the same missing file).
        let stale = self.status.says_waiting() || self.status.message().is_some_and(|s| s.error);
        self.count_waiting();
        if report.sent > 0 {
            self.reload();
            // A kiosk says the text went; the pane's line just goes.
            if self.typing_asks && stale && self.status.waiting() == 0 {
                self.say(t!("status.sent-by-itself"));
            }
        }
        report.sent > 0
    }

    /// Tries the waiting writes again when `changed` (another program
    /// wrote: the lock that held them up may be gone) or when their time
    /// has come: after a lock was rolled back, or the server was away,
    /// nothing else may ever tell this pane the way is clear, and no one
    /// should have to press a key. The pause doubles while they stay stuck
    /// (up to [`SEND_MAX_PAUSE`], as the store's reconnects), so a server
    /// that is away costs one try every 30 s. True when the screen changed.
    pub fn retry_waiting(&mut self, changed: bool, now: Instant) -> bool {
        if self.status.waiting() == 0 {
            self.around.next_send = None;
            self.around.send_pause = Duration::ZERO;
            return false;
        }
        if !changed && self.around.next_send.is_some_and(|at| now < at) {
            return false;
        }
        let before = self.status.waiting();
        let sent = self.send_waiting();
        self.around.send_pause = if sent {
            Duration::ZERO
        } else {
            (self.around.send_pause * 2).clamp(SEND_FIRST_PAUSE, SEND_MAX_PAUSE)
        };
        self.around.next_send = Some(now + self.around.send_pause.max(SEND_FIRST_PAUSE));
        sent || self.status.waiting() != before
    }

    /// Counts the writes waiting for this store (one readdir when none).
    /// Once none waits, a message that said one does goes.
    pub fn count_waiting(&mut self) {
        let n = match &self.around.outbox {
            Some(outbox) => outbox.count(&self.around.spec, &self.user),
            None => 0,
        };
        self.status.count_waiting(n);
    }
}

/// Sends `write` and says what came of it: stored (with its undo), saved
/// offline, or why not. True when the form or choice that made it is done;
/// false keeps it open with the reason, so nothing typed is lost.
pub fn commit(app: &mut App, write: Write) -> bool {
    commit_undoing(app, write, None)
}

/// As [`commit`], taken back by `undo` when given: the inverse only the
/// pane knows (marking a lesson done undoes differently when it was done
/// before).
pub fn commit_undoing(app: &mut App, write: Write, undo: Option<Write>) -> bool {
    match app.send(&write) {
        Ok(Some(done)) => {
            let undo = undo.or_else(|| write.inverse(&done));
            own::saved(app, said(&write, &done, app.typing_asks), undo);
            true
        }
        Ok(None) => true,
        Err(reason) => {
            app.status.set(Status {
                text: reason,
                error: true,
            });
            false
        }
    }
}

/// What the status line says when `write` was stored; with `words` (a
/// kiosk) the post is "Je vraag", not `q13`: an id means nothing there.
pub fn said(write: &Write, done: &Done, words: bool) -> String {
    let s = match (write, done) {
        (Write::Add { draft, .. }, Done::Added(_)) if draft.anonymous && words => {
            t!("status.saved-anonymous.words")
        }
        (Write::Add { draft, .. }, Done::Added(id)) if draft.anonymous => {
            t!("status.saved-anonymous", id = id)
        }
        // A private note is shared with nobody: no thanks for sharing.
        (Write::Add { kind, draft, .. }, Done::Added(_)) if draft.private && words => {
            t!("status.saved-private", id = own_words(*kind, false))
        }
        (Write::Add { draft, .. }, Done::Added(id)) if draft.private => {
            t!("status.saved-private", id = id)
        }
        (Write::Add { kind, .. }, Done::Added(_)) if words => {
            t!("status.shared", id = own_words(*kind, false))
        }
        (Write::Add { .. }, Done::Added(id)) => t!("status.shared", id = id),
        (Write::Edit { post, .. }, _) if words => t!(
            "status.edited",
            id = own_words(
                post.item().kind,
                matches!(post, crate::domain::Post::Answer { .. })
            )
        ),
        (Write::Delete { post, .. }, _) if words => t!(
            "status.deleted",
            id = own_words(
                post.item().kind,
                matches!(post, crate::domain::Post::Answer { .. })
            )
        ),
        (Write::Answer { .. }, _) if words => t!("status.answer-saved.words"),
        (Write::Answer { question, .. }, _) => t!("status.answer-saved", id = question),
        (
            Write::Back {
                minutes: Some(m), ..
            },
            _,
        ) if words => t!("status.pledged.words", minutes = crate::i18n::minutes(*m)),
        (
            Write::Back {
                question,
                minutes: Some(m),
                ..
            },
            _,
        ) => t!(
            "status.pledged",
            minutes = crate::i18n::minutes(*m),
            id = question
        ),
        (
            Write::Back {
                kind: BackingKind::CanHelp,
                ..
            },
            _,
        ) => t!("status.can-help"),
        (Write::Back { .. }, _) => t!("status.me-too"),
        (Write::Vote { .. }, Done::Changed(true)) if words => t!("status.voted.words"),
        (Write::Vote { .. }, _) if words => t!("status.voted-already.words"),
        (Write::Vote { tip, .. }, Done::Changed(true)) => t!("status.voted", id = tip),
        (Write::Vote { tip, .. }, _) => t!("status.voted-already", id = tip),
        (Write::Withdraw { .. } | Write::Unvote { .. }, _) => t!("status.withdrawn"),
        (Write::Edit { post, .. }, _) => t!("status.edited", id = post),
        (Write::Delete { post, .. }, _) => t!("status.deleted", id = post),
        // At a kiosk a letter types, so no "review (r)" is promised.
        (Write::MarkDone { .. }, _) if words => t!("status.lesson-done.words"),
        (Write::MarkDone { .. }, _) => t!("status.lesson-done"),
        _ => t!("status.undone"),
    };
    s.into_owned()
}

/// "Je vraag", "Je antwoord": a person's own post in words, to start a
/// sentence with.
pub(super) fn own_words(kind: crate::domain::Kind, answer: bool) -> String {
    use crate::domain::Kind;
    let s = match kind {
        _ if answer => t!("words.own-answer"),
        Kind::Question => t!("words.own-question"),
        Kind::Learned => t!("words.own-learned"),
        _ => t!("words.own-tip"),
    };
    s.into_owned()
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind};

    #[test]
    fn a_lesson_done_at_a_kiosk_promises_no_letter_key() {
        crate::i18n::set_thread("nl");
        let write = Write::MarkDone {
            lesson: ItemId::new(Kind::Lesson, 3),
            person: "henk".into(),
            reflection: None,
            brought: None,
        };
        let done = Done::Changed(true);
        assert_eq!(said(&write, &done, true), "Les klaar. Goed gedaan!");
        // The pane, where `r` starts a review, names it.
        assert!(said(&write, &done, false).contains("(r)"));
    }
}
