//! Signals in kiosk mode. The terminal's raw mode already keeps Ctrl-C,
//! Ctrl-Z and Ctrl-\ from becoming signals; these are ignored as well in
//! case one arrives some other way. SIGTERM and SIGHUP (the supervisor, or
//! a closed connection) end kiosk mode cleanly: the loop sees the flag,
//! keeps any unsaved capture as a draft and restores the terminal.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_signal: libc::c_int) {
    // Only an atomic store: safe in a signal handler.
    STOP.store(true, Ordering::SeqCst);
}

/// Ignores SIGINT, SIGTSTP and SIGQUIT; SIGTERM and SIGHUP ask to stop.
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_stop;
    // SAFETY: `signal` with SIG_IGN or a handler that only stores to an
    // atomic is async-signal-safe; called once, before the loop starts.
    unsafe {
        for sig in [libc::SIGINT, libc::SIGTSTP, libc::SIGQUIT] {
            libc::signal(sig, libc::SIG_IGN);
        }
        for sig in [libc::SIGTERM, libc::SIGHUP] {
            libc::signal(sig, handler as libc::sighandler_t);
        }
    }
}

/// True once SIGTERM or SIGHUP arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}
