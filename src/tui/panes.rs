//! Watching the tmux window the pane lives in: which commands run in the
//! other panes. Outside tmux there is nothing to watch and nothing happens.
//!
//! No thread and no blocking: on the loop's tick (at most once a second)
//! [`PaneWatch::tick`] either starts `tmux list-panes` without waiting for
//! it, or collects the output of the one it started a tick ago. So asking
//! tmux never holds up a key press, and an idle pane wakes no more often
//! than it already does. What the output means is
//! [`crate::domain::context`]'s job.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::domain::context::{self, LIST_PANES_FORMAT};

/// How often tmux is asked: often enough to follow a person switching
/// tools, rarely enough to cost nothing.
pub const INTERVAL: Duration = Duration::from_secs(3);
/// A `tmux list-panes` still running after this is stuck; it is killed.
const STUCK: Duration = Duration::from_secs(5);

pub struct PaneWatch {
    /// `$TMUX_PANE`: our own pane, whose window is listed.
    own: String,
    running: Option<(Child, Instant)>,
    next: Instant,
    /// The last tools reported, to report only changes.
    last: Vec<String>,
}

impl PaneWatch {
    /// A watch when running inside tmux (`$TMUX` and `$TMUX_PANE` set).
    pub fn from_env() -> Option<PaneWatch> {
        std::env::var_os("TMUX").filter(|v| !v.is_empty())?;
        let own = std::env::var("TMUX_PANE").ok().filter(|p| !p.is_empty())?;
        Some(PaneWatch::new(own))
    }

    pub fn new(own: String) -> PaneWatch {
        PaneWatch {
            own,
            running: None,
            next: Instant::now(),
            last: Vec::new(),
        }
    }

    /// Call on every tick. Returns the tools in the other panes when they
    /// changed since the last report.
    pub fn tick(&mut self, now: Instant) -> Option<Vec<String>> {
        if let Some((child, started)) = &mut self.running {
            match child.try_wait() {
                Ok(Some(status)) => {
                    let mut out = String::new();
                    let read = child.stdout.take().map(|mut s| s.read_to_string(&mut out));
                    self.running = None;
                    // A failed call (tmux gone, pane closed) says nothing new.
                    if status.success() && matches!(read, Some(Ok(_))) {
                        let tools =
                            context::tools(&context::parse_panes(&out), Some(self.own.as_str()));
                        if tools != self.last {
                            self.last = tools.clone();
                            return Some(tools);
                        }
                    }
                }
                Ok(None) if now.duration_since(*started) > STUCK => {
                    let _ = child.kill();
                    let _ = child.wait();
                    self.running = None;
                }
                Ok(None) => {}
                Err(_) => self.running = None,
            }
            return None;
        }
        if now >= self.next {
            self.next = now + INTERVAL;
            // The tmux client finds its server through $TMUX, inherited.
            let child = Command::new("tmux")
                .args(["list-panes", "-t", &self.own, "-F", LIST_PANES_FORMAT])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn();
            // No tmux binary: stop asking.
            match child {
                Ok(child) => self.running = Some((child, now)),
                Err(_) => self.next = now + Duration::from_secs(3600),
            }
        }
        None
    }
}

impl Drop for PaneWatch {
    fn drop(&mut self) {
        // Leave no zombie behind.
        if let Some((mut child, _)) = self.running.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The command in the active pane of this tmux session's window, asked of
/// tmux itself. In a `display-popup` that is the pane the popup opened
/// over: how `leertuin capture` learns its context from a tmux too old to
/// fill in `#{pane_current_command}` (formats in popup commands came with
/// tmux 3.4). `None` outside tmux or when tmux does not answer.
pub fn current_command() -> Option<String> {
    std::env::var_os("TMUX").filter(|v| !v.is_empty())?;
    let out = Command::new("tmux")
        .args(["display-message", "-p", "#{pane_current_command}"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}
