//! The pane's integrity check. One-shot writes check the whole file before
//! they write; the pane can't wait for that before its first frame (about
//! 200 ms on a 100k-item, 41 MB database with the release binary), so it
//! checks once, on a
//! background thread with its own read-only connection, right after it
//! opened. When the check finds damage, the pane's store refuses every
//! write from then on (reads go on) and the status line names
//! `leertuin doctor`; text being captured goes to a draft as on any
//! failed write.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::Duration;

use crate::store::{self, Mode, Spec, StoreError};

/// A check under way.
pub struct IntegrityCheck {
    pending: Option<Receiver<bool>>,
}

impl IntegrityCheck {
    /// Starts the check of `spec`'s database on its own thread.
    pub fn start(spec: Spec) -> IntegrityCheck {
        let (tx, rx) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("integrity-check".into())
            .spawn(move || {
                let damaged = store::open_with(&spec, Mode::Read, Duration::from_secs(5))
                    .and_then(|store| store.check_integrity());
                // Only damage counts: a busy or missing file is no verdict.
                let _ = tx.send(matches!(damaged, Err(StoreError::Corrupt)));
            });
        IntegrityCheck {
            pending: spawned.ok().map(|_| rx),
        }
    }

    /// True once, when the check is done and found damage.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.pending else {
            return false;
        };
        match rx.try_recv() {
            Ok(damaged) => {
                self.pending = None;
                damaged
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
        }
    }
}
