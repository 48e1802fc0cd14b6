//! Signals that end an interactive leertuin (the pane, the capture popup,
//! the kiosk) without losing what was typed.
//!
//! SIGHUP is a closed ssh session or a killed tmux pane, SIGTERM a
//! supervisor or `kill`, SIGINT a `kill -INT` (in raw mode Ctrl-C is a key,
//! not a signal). Each must keep the form's text as a draft and give the
//! terminal back as it was.
//!
//! The loop cannot be relied on to do it: crossterm's event poll retries
//! through EINTR, so a signal does not wake it, and on a hung-up terminal
//! it spins on the dead descriptor and never returns at all. So the loop
//! only says, after every key, what a stop would have to keep
//! ([`hold`]); a watchdog thread, woken through a pipe by the signal
//! handler (a handler may do no more than that), keeps it as a draft,
//! restores the terminal and ends the process. One mechanism for the pane,
//! the popup and the kiosk; they differ only in [`Mode`].

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crate::capture::Unsaved;

/// How an interactive program treats signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The pane and the popup: SIGINT stops like SIGTERM, and the exit
    /// status is 128 + the signal, as a shell expects of a killed program.
    Interactive,
    /// The kiosk never drops to a shell: SIGINT, SIGTSTP and SIGQUIT are
    /// ignored. SIGTERM and SIGHUP are how it is meant to end (exit 0).
    Kiosk,
}

static STOP: AtomicBool = AtomicBool::new(false);
/// The signal that asked to stop; 0 until one did.
static SIGNAL: AtomicI32 = AtomicI32::new(0);
/// Write end of the watchdog's pipe; -1 until installed.
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);
/// Write end of the sleeping event loop's wake socket (`tui/wake.rs`);
/// -1 while no loop sleeps. A stop wakes the loop too, so a screen that
/// ends on a stop (the kiosk) ends from its own loop at once, with no
/// timed look for the flag.
static LOOP_FD: AtomicI32 = AtomicI32::new(-1);
/// The text a stop must keep: set by the loop after every key.
static HELD: Mutex<Option<Unsaved>> = Mutex::new(None);
/// Held by the loop while it draws, so the watchdog's restore never lands
/// in the middle of a frame.
static TERMINAL: Mutex<()> = Mutex::new(());

/// How long the watchdog waits for a frame being drawn to finish.
const DRAW_WAIT: Duration = Duration::from_millis(500);

extern "C" fn on_stop(signal: libc::c_int) {
    // Atomic stores and write(2): all async-signal-safe.
    STOP.store(true, Ordering::SeqCst);
    let _ = SIGNAL.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
    // After STOP is set: whoever wakes finds it.
    for fd in [
        WAKE_FD.load(Ordering::SeqCst),
        LOOP_FD.load(Ordering::SeqCst),
    ] {
        if fd >= 0 {
            let byte = 1u8;
            // SAFETY: writing one byte from a live stack variable to our
            // pipe or socket (non-blocking: a full one is awake anyway).
            unsafe {
                libc::write(fd, (&byte as *const u8).cast(), 1);
            }
        }
    }
}

/// From now on a stop signal also writes a byte to `fd`, the event
/// loop's wake socket; it must stay open and non-blocking until
/// [`forget_loop`].
pub fn wake_loop_on_stop(fd: libc::c_int) {
    LOOP_FD.store(fd, Ordering::SeqCst);
}

/// `fd` is about to close: a stop signal no longer writes to it (a later
/// loop's socket, set meanwhile, stays).
pub fn forget_loop(fd: libc::c_int) {
    let _ = LOOP_FD.compare_exchange(fd, -1, Ordering::SeqCst, Ordering::SeqCst);
}

/// Starts the watchdog and routes the signals; call once, before the
/// terminal is taken. `restore` gives the terminal back (it runs on the
/// watchdog's thread).
pub fn install(mode: Mode, restore: fn()) {
    start_watchdog(mode, restore);
    let handler: extern "C" fn(libc::c_int) = on_stop;
    let stops: &[libc::c_int] = match mode {
        Mode::Interactive => &[libc::SIGTERM, libc::SIGHUP, libc::SIGINT],
        Mode::Kiosk => &[libc::SIGTERM, libc::SIGHUP],
    };
    // SAFETY: `signal` with SIG_IGN or a handler that only does
    // async-signal-safe work.
    unsafe {
        if mode == Mode::Kiosk {
            for sig in [libc::SIGINT, libc::SIGTSTP, libc::SIGQUIT] {
                libc::signal(sig, libc::SIG_IGN);
            }
        }
        for &sig in stops {
            libc::signal(sig, handler as libc::sighandler_t);
        }
    }
}

/// What a stop must keep from now on: the open form's text, or `None`
/// when no form holds any.
pub fn hold(unsaved: Option<Unsaved>) {
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    // Once a stop signal came, the watchdog may have kept the text
    // already: holding it again would let the loop keep it a second time.
    if stop_requested() {
        return;
    }
    *held = unsaved;
}

/// Keeps the held text as a draft, once: whoever comes first (the loop or
/// the watchdog) keeps it, the other finds nothing. The draft's file, when
/// there was text and it could be written.
pub fn keep_held() -> Option<PathBuf> {
    // The lock stays taken while the file is written, so a second caller
    // waits for a whole draft rather than exiting in the middle of it.
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    let unsaved = held.take()?;
    unsaved.keep().ok()
}

/// Taken by the loop around each frame (see [`TERMINAL`]).
pub fn drawing() -> std::sync::MutexGuard<'static, ()> {
    TERMINAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// True once a stop signal arrived.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// A thread that sleeps in read(2) on a pipe (no wake-ups while idle) and,
/// once a stop signal arrived, keeps the text, restores the terminal and
/// ends the process.
fn start_watchdog(mode: Mode, restore: fn()) {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe fills the two-element array we own.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return;
    }
    let [read_fd, write_fd] = fds;
    WAKE_FD.store(write_fd, Ordering::SeqCst);
    let spawned = std::thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            let mut byte = 0u8;
            loop {
                // SAFETY: reading one byte into a live stack variable.
                let n = unsafe { libc::read(read_fd, (&mut byte as *mut u8).cast(), 1) };
                if n == 1 || (n < 0 && !interrupted()) {
                    break;
                }
            }
            stop(mode, restore);
        });
    if spawned.is_err() {
        WAKE_FD.store(-1, Ordering::SeqCst);
    }
}

fn stop(mode: Mode, restore: fn()) -> ! {
    let kept = keep_held();
    // A frame half drawn finishes first; a loop stuck on a dead terminal
    // does not hold up the exit.
    let start = Instant::now();
    let _frame = loop {
        if let Ok(guard) = TERMINAL.try_lock() {
            break Some(guard);
        }
        if start.elapsed() > DRAW_WAIT {
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    restore();
    let signal = SIGNAL.load(Ordering::SeqCst);
    match mode {
        Mode::Kiosk => std::process::exit(0),
        Mode::Interactive => {
            if let Some(path) = kept {
                // Not eprintln!: on a hung-up terminal that would panic and
                // leave the process running.
                use std::io::Write;
                let line = t!("capture.signal-kept", path = path.display());
                let _ = writeln!(std::io::stderr(), "leertuin: {line}");
            }
            std::process::exit(128 + signal)
        }
    }
}

fn interrupted() -> bool {
    std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
}
