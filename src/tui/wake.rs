//! Waking the event loop from another thread. The loop sleeps in poll(2)
//! on the terminal and on one end of a socket pair; a [`Waker`] writes a
//! byte to the other end, so news found by a background thread (the team
//! server's notification of a colleague's post) is on screen at once, not
//! at the next timed look.
//!
//! crossterm's own poll cannot be woken from outside, so the loop asks it
//! only what it has already read (a zero wait). A resize comes to crossterm
//! as SIGWINCH, which may land on any thread and then would not interrupt
//! this poll: signal-hook (crossterm's own, beside its handler) writes the
//! signal into the same socket, and so does leertuin's own handler for a
//! stop signal (SIGTERM, SIGHUP: `crate::signals`), so a kiosk ends the
//! moment one comes instead of at a timed look. poll(2) is
//! level-triggered, so input that crossterm has not read yet always wakes
//! it.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::store::OnChange;

/// Wakes a sleeping [`Sleeper`]; cheap to clone, safe from any thread.
#[derive(Clone)]
pub struct Waker(Arc<UnixStream>);

impl Waker {
    pub fn wake(&self) {
        // Non-blocking: when the socket is full, the loop is awake anyway.
        let _ = (&*self.0).write(&[1]);
    }
}

/// News from the team server: a flag its watcher thread sets before it
/// wakes the loop ([`Store::watch_changes`](crate::store::Store::watch_changes)),
/// and the loop takes when it wakes. The pane and the kiosk both hear
/// colleagues' posts this way.
#[derive(Default)]
pub struct News(Arc<AtomicBool>);

impl News {
    /// What the watcher calls for each change: sets the flag and wakes the
    /// loop. It holds the flag weakly, so once the screen is gone the
    /// watcher ends at its next news (and its connection closes).
    pub fn on_change(&self, waker: Waker) -> OnChange {
        let news: Weak<AtomicBool> = Arc::downgrade(&self.0);
        Box::new(move || {
            let Some(news) = news.upgrade() else {
                return false;
            };
            news.store(true, Ordering::SeqCst);
            waker.wake();
            true
        })
    }

    /// True once for all the changes heard since the last look.
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::SeqCst)
    }
}

/// Where the event loop sleeps: the terminal (if there is one), and its
/// waker.
pub struct Sleeper {
    wakes: UnixStream,
    waker: Waker,
    /// The terminal's descriptor, as crossterm chooses it: stdin when it
    /// is a terminal, else `/dev/tty` (kept open here).
    tty: Option<RawFd>,
    _dev_tty: Option<File>,
    winch: Option<signal_hook::SigId>,
    /// The wake end a stop signal writes to (see `signals::wake_loop_on_stop`).
    on_stop: UnixStream,
}

impl Sleeper {
    pub fn new() -> io::Result<Sleeper> {
        let (wakes, wake_end) = UnixStream::pair()?;
        wakes.set_nonblocking(true)?;
        wake_end.set_nonblocking(true)?;
        let (tty, dev_tty) = if io::stdin().is_terminal() {
            (Some(io::stdin().as_raw_fd()), None)
        } else {
            match File::open("/dev/tty") {
                Ok(f) => (Some(f.as_raw_fd()), Some(f)),
                Err(_) => (None, None),
            }
        };
        let winch = tty
            .map(|_| signal_hook::low_level::pipe::register(libc::SIGWINCH, wake_end.try_clone()?))
            .transpose()?;
        let on_stop = wake_end.try_clone()?;
        crate::signals::wake_loop_on_stop(on_stop.as_raw_fd());
        Ok(Sleeper {
            wakes,
            waker: Waker(Arc::new(wake_end)),
            tty,
            _dev_tty: dev_tty,
            winch,
            on_stop,
        })
    }

    pub fn waker(&self) -> Waker {
        self.waker.clone()
    }

    /// Sleeps until the terminal has input, a [`Waker`] wakes it, or
    /// `timeout` passes; a signal may also end it early.
    pub fn sleep(&mut self, timeout: Duration) -> io::Result<()> {
        let mut fds = vec![libc::pollfd {
            fd: self.wakes.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        }];
        if let Some(fd) = self.tty {
            fds.push(libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            });
        }
        // Rounded up: a wait of 0.4 ms must not become a busy loop.
        let ms = i32::try_from(timeout.as_micros().div_ceil(1000)).unwrap_or(i32::MAX);
        // SAFETY: `fds` is a live, correctly sized array of pollfd.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
        // The wakes are read, not counted: one look serves them all.
        let mut buf = [0u8; 64];
        while matches!((&self.wakes).read(&mut buf), Ok(n) if n > 0) {}
        Ok(())
    }
}

impl Drop for Sleeper {
    fn drop(&mut self) {
        crate::signals::forget_loop(self.on_stop.as_raw_fd());
        if let Some(id) = self.winch.take() {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A waker ends a long sleep at once, from another thread.
    #[test]
    fn a_wake_ends_the_sleep() {
        let mut sleeper = Sleeper::new().unwrap();
        let waker = sleeper.waker();
        let (done, ended) = mpsc::channel();
        std::thread::spawn(move || {
            let r = sleeper.sleep(Duration::from_secs(3600));
            let _ = done.send(r.is_ok());
        });
        waker.wake();
        // A generous bound; without the wake it would be an hour.
        assert_eq!(ended.recv_timeout(Duration::from_secs(60)), Ok(true));
    }

    /// News wakes the loop and is taken once; a watcher of a screen that
    /// is gone is told to stop.
    #[test]
    fn news_wakes_and_is_taken_once() {
        let mut sleeper = Sleeper::new().unwrap();
        let news = News::default();
        let on_change = news.on_change(sleeper.waker());
        assert!(!news.take());
        assert!(on_change());
        sleeper.sleep(Duration::from_secs(3600)).unwrap();
        assert!(news.take());
        assert!(!news.take(), "taken once");
        drop(news);
        assert!(!on_change(), "nobody listens any more");
    }

    /// Wakes that came before the sleep end it too, and are used up.
    #[test]
    fn an_early_wake_is_not_lost() {
        let mut sleeper = Sleeper::new().unwrap();
        sleeper.waker().wake();
        sleeper.waker().wake();
        sleeper.sleep(Duration::from_secs(3600)).unwrap();
        let mut buf = [0u8; 8];
        assert!((&sleeper.wakes).read(&mut buf).is_err(), "wakes left over");
    }
}
