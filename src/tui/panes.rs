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

/// The command running in tmux pane `pane` (`%3`), else in the active pane
/// of this session's window (in a `display-popup`, the pane it opened over),
/// asked of tmux itself: the name comes back as data, never through a
/// shell. `None` outside tmux or when tmux does not answer.
pub fn current_command(pane: Option<&str>) -> Option<String> {
    std::env::var_os("TMUX").filter(|v| !v.is_empty())?;
    let mut args = vec!["display-message", "-p"];
    if let Some(pane) = pane {
        args.extend(["-t", pane]);
    }
    args.push("#{pane_current_command}");
    let out = Command::new("tmux")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// A pane id as tmux fills in `#{pane_id}`: `%` and digits. A tmux older
/// than 3.4 leaves the format as it is in a popup's command: not an id.
pub fn pane_id(s: &str) -> Option<&str> {
    let digits = s.strip_prefix('%')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Shows `text` in tmux's status line for a few seconds (after the popup
/// is gone, the person still sees what became of their text). Nothing
/// outside tmux. The text is a message, not a format: `#` is doubled.
pub fn display_message(text: &str) {
    if std::env::var_os("TMUX").is_none_or(|v| v.is_empty()) {
        return;
    }
    let text = text.replace('#', "##");
    let run = |args: &[&str]| {
        Command::new("tmux")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    // `-d` (how long) came with tmux 3.2; older ones use display-time.
    if !run(&["display-message", "-d", "4000", &text]) {
        run(&["display-message", &text]);
    }
}
