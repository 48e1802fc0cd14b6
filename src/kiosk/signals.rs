//! Signals in kiosk mode. The terminal's raw mode already keeps Ctrl-C,
//! Ctrl-Z and Ctrl-\ from becoming signals; these are ignored as well in
//! case one arrives some other way. SIGTERM and SIGHUP (the supervisor, or
//! a closed connection) end kiosk mode cleanly: the loop sees the flag,
//! keeps any unsaved capture as a draft and restores the terminal.
//!
//! When the terminal is gone (a dropped ssh connection, a killed tmux),
//! crossterm's event poll never returns to the loop: it spins on the dead
//! descriptor. So a watchdog thread, woken through a pipe by the signal
//! handler, ends the process if the loop has not done so within a grace
//! period. Without it a hung-up kiosk burned a core forever.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

static STOP: AtomicBool = AtomicBool::new(false);
/// Write end of the watchdog's pipe; -1 until installed.
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);

/// How long the loop gets to stop cleanly before the watchdog ends it.
const GRACE: Duration = Duration::from_secs(2);

extern "C" fn on_stop(_signal: libc::c_int) {
    // An atomic store and write(2): both async-signal-safe.
    STOP.store(true, Ordering::SeqCst);
    let fd = WAKE_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: writing one byte from a live stack variable to our pipe.
        unsafe {
            libc::write(fd, (&byte as *const u8).cast(), 1);
        }
    }
}

/// Ignores SIGINT, SIGTSTP and SIGQUIT; SIGTERM and SIGHUP ask to stop.
pub fn install() {
    start_watchdog();
    let handler: extern "C" fn(libc::c_int) = on_stop;
    // SAFETY: `signal` with SIG_IGN or a handler that only does
    // async-signal-safe work; called once, before the loop starts.
    unsafe {
        for sig in [libc::SIGINT, libc::SIGTSTP, libc::SIGQUIT] {
            libc::signal(sig, libc::SIG_IGN);
        }
        for sig in [libc::SIGTERM, libc::SIGHUP] {
            libc::signal(sig, handler as libc::sighandler_t);
        }
    }
}

/// A thread that sleeps in read(2) on a pipe (no wake-ups while idle) and,
/// once a stop signal arrived, gives the loop `GRACE` to finish.
fn start_watchdog() {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe fills the two-element array we own.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return;
    }
    let [read_fd, write_fd] = fds;
    WAKE_FD.store(write_fd, Ordering::SeqCst);
    let spawned = std::thread::Builder::new()
        .name("kiosk-watchdog".into())
        .spawn(move || {
            let mut byte = 0u8;
            loop {
                // SAFETY: reading one byte into a live stack variable.
                let n = unsafe { libc::read(read_fd, (&mut byte as *mut u8).cast(), 1) };
                if n == 1 || (n < 0 && !interrupted()) {
                    break;
                }
            }
            std::thread::sleep(GRACE);
            // The loop did not get to it: the terminal is gone.
            std::process::exit(0);
        });
    if spawned.is_err() {
        WAKE_FD.store(-1, Ordering::SeqCst);
    }
}

fn interrupted() -> bool {
    std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
}

/// True once SIGTERM or SIGHUP arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}
