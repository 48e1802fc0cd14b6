//! Sending writes: a new write goes to the store when it can take it, and
//! waits in the outbox when it can't; what waits is sent by the next
//! write, the pane's start, or `leertuin sync`. Every write carries its
//! idempotency key into the store ([`Store::apply_once`]), so a write that
//! reached the store but whose answer was lost, or whose file outlived a
//! crash, is applied once all the same.

use std::path::PathBuf;

use super::{Outbox, remove};
use crate::domain::{Done, Write};
use crate::store::{Store, StoreError};

/// What became of a write.
#[derive(Debug)]
pub enum Outcome {
    /// In the store.
    Stored(Done),
    /// Not in the store (`reason`), but waiting in the outbox file `path`.
    Queued { reason: StoreError, path: PathBuf },
}

/// A write that went nowhere.
#[derive(Debug)]
pub enum Failed {
    /// The store refused the write itself (bad input, not allowed, gone):
    /// sending it again would not help, so it is not kept.
    Refused(StoreError),
    /// The store could not take it and neither could the outbox folder.
    Nowhere { reason: StoreError, error: String },
}

/// What a round of sending did.
#[derive(Debug, Default)]
pub struct Report {
    pub sent: usize,
    /// Still waiting: the store could not take them (yet).
    pub waiting: usize,
    /// Refused by the store and moved to `refused/`.
    pub refused: usize,
    /// Why the waiting ones still wait.
    pub reason: Option<StoreError>,
}

/// A fresh idempotency key.
fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Applies `write` to `store` (after sending what its person has waiting
/// for `spec`), or keeps it in `outbox` when the store can't take it now.
pub fn submit(
    outbox: Option<&Outbox>,
    spec: &str,
    store: &dyn Store,
    write: &Write,
) -> Result<Outcome, Failed> {
    let key = new_key();
    if let Some(outbox) = outbox
        && let Some(reason) = send_waiting(outbox, spec, store, write.person()).reason
        && reason.passes()
    {
        // The store just said it is busy or away: this write waits behind
        // the others (in order, and without a second wait).
        return queue(Some(outbox), spec, &key, write, reason);
    }
    match store.apply_once(&key, write) {
        // A fresh key is never claimed before; `None` can't happen here.
        Ok(done) => Ok(Outcome::Stored(done.unwrap_or(Done::Ok))),
        Err(e) => queue(outbox, spec, &key, write, e),
    }
}

/// Keeps `write`, which could not be stored because of `reason` (say, the
/// store did not open), in `outbox`: when `reason` is one to wait out.
pub fn keep(
    outbox: Option<&Outbox>,
    spec: &str,
    write: &Write,
    reason: StoreError,
) -> Result<Outcome, Failed> {
    queue(outbox, spec, &new_key(), write, reason)
}

fn queue(
    outbox: Option<&Outbox>,
    spec: &str,
    key: &str,
    write: &Write,
    reason: StoreError,
) -> Result<Outcome, Failed> {
    if !reason.keeps_text() {
        return Err(Failed::Refused(reason));
    }
    let Some(outbox) = outbox else {
        return Err(Failed::Nowhere {
            reason,
            error: t!("outbox.no-home").into_owned(),
        });
    };
    match outbox.queue(spec, key, write) {
        Ok(path) => Ok(Outcome::Queued { reason, path }),
        Err(e) => Err(Failed::Nowhere {
            reason,
            error: format!("{}: {e}", outbox.dir().display()),
        }),
    }
}

/// Sends every write `person` has waiting for `spec`, oldest first, and
/// stops at the first the store can't take now (the rest would not get
/// through either). A write the store refuses moves to `refused/` with the
/// reason.
pub fn send_waiting(outbox: &Outbox, spec: &str, store: &dyn Store, person: &str) -> Report {
    let mut report = Report::default();
    let waiting = outbox.waiting(spec, person);
    for (i, w) in waiting.iter().enumerate() {
        match store.apply_once(&w.entry.key, &w.entry.write) {
            // Stored now, or before (its key was there): either way done.
            // A file that can't be removed is sent again and changes
            // nothing then.
            Ok(_) => {
                let _ = remove(&w.path);
                report.sent += 1;
            }
            Err(e) if e.keeps_text() => {
                report.waiting = waiting.len() - i;
                report.reason = Some(e);
                break;
            }
            Err(e) => {
                let reason = crate::i18n::store_error(&e);
                match outbox.refuse(w, &reason) {
                    Ok(_) => report.refused += 1,
                    Err(_) => report.waiting += 1,
                }
            }
        }
    }
    report
}
