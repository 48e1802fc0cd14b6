//! Shared by the tmux end-to-end tests of capture and context: a private
//! tmux server per test (killed on drop, even when the test fails), a
//! sandbox home, and polling with deadlines instead of fixed sleeps.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_leertuin");
pub const DEADLINE: Duration = Duration::from_secs(10);

/// True when tmux can be used. Without it the test is skipped with a
/// reason, unless LEERTUIN_REQUIRE_TMUX=1 (CI): then it fails.
pub fn tmux_or_skip(test: &str) -> bool {
    let present = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        if std::env::var("LEERTUIN_REQUIRE_TMUX").is_ok_and(|v| v == "1") {
            panic!("{test}: tmux is required (LEERTUIN_REQUIRE_TMUX=1) but not on PATH");
        }
        eprintln!(
            "{test}: skipped, tmux is not on PATH (set LEERTUIN_REQUIRE_TMUX=1 to fail instead)"
        );
    }
    present
}

/// A temp home with its XDG folders, and a database path in it.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("team.db")
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.home().join(".local/state/leertuin/drafts")
    }

    /// The first draft file, once one is there, and its text.
    pub fn wait_for_draft(&self) -> (PathBuf, String) {
        let file = eventually("a draft file", || {
            std::fs::read_dir(self.drafts_dir())
                .ok()?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "toml"))
        });
        let text = std::fs::read_to_string(&file).expect("read draft");
        (file, text)
    }

    /// The environment every leertuin of the test runs with, as `K=V` words.
    pub fn env(&self, user: &str) -> Vec<(String, String)> {
        let home = self.home();
        let s = |p: PathBuf| p.display().to_string();
        vec![
            ("HOME".into(), s(home.clone())),
            ("XDG_CONFIG_HOME".into(), s(home.join(".config"))),
            ("XDG_DATA_HOME".into(), s(home.join(".local/share"))),
            ("XDG_STATE_HOME".into(), s(home.join(".local/state"))),
            ("LEERTUIN_DB".into(), s(self.db())),
            ("LEERTUIN_USER".into(), user.into()),
        ]
    }

    /// A shell command running `leertuin ARGS` in this sandbox.
    pub fn shell(&self, user: &str, args: &[&str]) -> String {
        // A kiosk opens only an existing database: its admin runs `init`.
        if args.first() == Some(&"kiosk") && !self.db().exists() {
            self.ok(user, &["init"]);
        }
        let mut words = vec!["exec".to_string(), "env".to_string()];
        for (k, v) in self.env(user) {
            words.push(format!("{k}={}", quoted(&v)));
        }
        words.push(quoted(BIN));
        words.extend(args.iter().map(|a| quoted(a)));
        words.join(" ")
    }

    /// Runs `leertuin ARGS` here and returns stdout, asserting success.
    pub fn ok(&self, user: &str, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env(user))
            .output()
            .expect("run leertuin");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// The badge the kiosk tests scan: Henk's.
pub const BADGE: &str = "0012345642";
/// The Dutch kiosk's welcome screen says this.
pub const WELCOME: &str = "Scan je pas of typ je naam";

/// The kiosk: a Dutch first-time worker, Henk, with his badge.
impl Home {
    /// Henk, known by his badge, named and Dutch; his handle.
    pub fn henk(&self) -> String {
        let henk = leertuin::kiosk::badge::handle(BADGE).expect("a badge handle");
        self.ok(&henk, &["me", "--name", "Henk", "--lang", "nl"]);
        henk
    }

    /// A Dutch kiosk on this home's database at `w`×`h`, on its welcome
    /// screen, with an idle time no slow machine runs into.
    pub fn dutch_kiosk(&self, w: u16, h: u16) -> Tmux {
        self.dutch_kiosk_idle(w, h, "300")
    }

    /// [`Home::dutch_kiosk`] with another idle timeout (seconds).
    pub fn dutch_kiosk_idle(&self, w: u16, h: u16, idle: &str) -> Tmux {
        let kiosk = self.shell("kiosk", &["kiosk", "--idle-timeout", idle]);
        let env = [("LEERTUIN_LANG".to_string(), "nl".to_string())];
        let tmux = Tmux::start_with_env(w, h, &kiosk, &env);
        tmux.wait_for("s", WELCOME);
        tmux
    }
}

impl Tmux {
    /// Henk scans his badge at the welcome screen.
    pub fn scan_badge(&self) {
        self.type_text("s", BADGE);
        self.keys("s", &["Enter"]);
    }

    /// Esc twice on the kiosk's bare list logs out, back to the welcome
    /// screen.
    pub fn log_out(&self) {
        self.keys("s", &["Escape"]);
        self.wait_for("s", "nog een keer op Esc");
        self.keys("s", &["Escape"]);
        self.wait_for("s", WELCOME);
    }
}

/// Single-quoted for `sh -c`.
pub fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A private tmux server, killed when dropped.
pub struct Tmux {
    socket: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Tmux {
    /// A new server with one session `s` of `w`×`h` running `command`.
    pub fn start(w: u16, h: u16, command: &str) -> Tmux {
        Tmux::start_with_env(w, h, command, &[])
    }

    /// Like [`Tmux::start`], with `env` in the server's (global) environment,
    /// which popups and new panes inherit.
    pub fn start_with_env(w: u16, h: u16, command: &str, env: &[(String, String)]) -> Tmux {
        let tmux = Tmux {
            socket: format!(
                "leertuin-test-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        };
        let out = tmux.run_env(
            env,
            &[
                "new-session",
                "-d",
                "-s",
                "s",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                command,
            ],
        );
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(&[], args)
    }

    fn run_env(&self, env: &[(String, String)], args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            // A test run inside tmux must not reach the developer's server.
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// The socket name, for a client attaching from elsewhere.
    pub fn socket(&self) -> &str {
        &self.socket
    }

    /// `tmux ARGS`, asserting success; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn keys(&self, target: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", target];
        args.extend_from_slice(keys);
        self.ok(&args);
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, target: &str, text: &str) {
        self.ok(&["send-keys", "-t", target, "-l", text]);
    }

    pub fn screen(&self, target: &str) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", target]).stdout)
            .into_owned()
    }

    /// Polls until `needle` is on screen; fails with the last screen.
    pub fn wait_for(&self, target: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(target);
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("{needle:?} did not appear within {DEADLINE:?}; the screen:\n{screen}");
            }
            sleep(Duration::from_millis(30));
        }
    }

    /// Polls until the session has ended (its only command exited).
    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.run(&["has-session", "-t", "s"]).status.success() {
            assert!(
                start.elapsed() < DEADLINE,
                "the session did not end:\n{}",
                self.screen("s")
            );
            sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// Polls `check` until it returns Some, or fails after the deadline.
pub fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what}: not within {DEADLINE:?}"
        );
        sleep(Duration::from_millis(30));
    }
}
