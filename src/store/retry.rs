//! Retrying a write that met another writer: both backends wait the same
//! way, with growing pauses and jitter so retrying processes do not collide
//! again, until their busy timeout; then the caller keeps the text.

use std::thread;
use std::time::{Duration, Instant};

use super::{Result, StoreError};

/// Runs `f` until it is not `Busy` or `wait` has passed. The pause after
/// attempt n is `step` × 2ⁿ (n capped at 6) plus up to 20 ms of jitter.
pub(crate) fn while_busy<T>(
    wait: Duration,
    step: Duration,
    mut f: impl FnMut() -> Result<T>,
) -> Result<T> {
    let deadline = Instant::now() + wait;
    let mut attempt = 1;
    loop {
        match f() {
            Err(StoreError::Busy) if Instant::now() < deadline => {
                let pause =
                    step * (1 << attempt.min(6)) + Duration::from_millis(fastrand::u64(0..20));
                let left = deadline.saturating_duration_since(Instant::now());
                thread::sleep(pause.min(left));
                attempt += 1;
            }
            other => return other,
        }
    }
}
