//! The real binary in a real terminal: tmux runs the pane, `send-keys`
//! types, `capture-pane` reads the screen. Skipped (with a reason) where
//! tmux is not installed; CI installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_leertuin");
const DEADLINE: Duration = Duration::from_secs(10);

/// A private tmux server, killed when dropped, even when the test fails.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "pane"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types text literally (no key names).
    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "pane", "-l", text])
                .status
                .success()
        );
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "pane"]).stdout)
            .into_owned()
    }

    /// Polls the screen until `needle` shows, or fails with the last screen.
    fn wait_for(&self, needle: &str) -> Duration {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return start.elapsed();
            }
            if start.elapsed() > DEADLINE {
                panic!("{needle:?} did not appear within {DEADLINE:?}; the screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn alive(&self) -> bool {
        self.run(&["has-session", "-t", "pane"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_present() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `leertuin` as another process would run it, as `user`.
fn leertuin(db: &Path, config: &Path, user: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("LEERTUIN_DB", db)
        .env("LEERTUIN_USER", user)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .expect("run leertuin");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(") ")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[test]
fn search_open_and_see_a_colleagues_tip_arrive() {
    if !tmux_present() {
        // CI sets LEERTUIN_REQUIRE_TMUX=1: there a missing tmux is a failure.
        assert_ne!(
            std::env::var("LEERTUIN_REQUIRE_TMUX").as_deref(),
            Ok("1"),
            "tmux is required (LEERTUIN_REQUIRE_TMUX=1) but not on PATH"
        );
        eprintln!("skipped: tmux is not on PATH (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db: PathBuf = dir.path().join("team.db");
    let config = dir.path().join("config");
    let first = leertuin(
        &db,
        &config,
        "ann",
        &[
            "add",
            "tip",
            "Restart the label printer by holding feed for 5 s",
            "-t",
            "printer",
        ],
    );
    assert!(first.starts_with('t'), "{first}");

    let tmux = Tmux {
        socket: format!("leertuin-e2e-{}", std::process::id()),
    };
    // A temp home too: the pane keeps drafts and the nudge rhythm there.
    let home = dir.path().join("home");
    let pane = format!(
        "env LEERTUIN_DB={} LEERTUIN_USER=mia XDG_CONFIG_HOME={} HOME={} XDG_STATE_HOME={} XDG_DATA_HOME={} {}",
        quoted(&db),
        quoted(&config),
        quoted(&home),
        quoted(&home.join(".local/state")),
        quoted(&home.join(".local/share")),
        quoted(Path::new(BIN))
    );
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "pane",
        "-x",
        "80",
        "-y",
        "24",
        &pane,
    ]);
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    let first_frame = tmux.wait_for("1 For you");
    tmux.wait_for("Enter open");
    eprintln!("first frame after {first_frame:?}");

    // Search, live, and open the hit.
    tmux.keys(&["/"]);
    tmux.wait_for("Search everything");
    tmux.type_text("label printr");
    tmux.wait_for(" match"); // "1 match" or "N matches"
    tmux.wait_for(&format!("> {first}"));
    tmux.keys(&["Enter"]);
    tmux.wait_for(&format!("Tip {first}"));
    tmux.wait_for("holding feed");
    tmux.wait_for("v vote");

    // To the Tips tab; then a colleague adds a tip from another process.
    tmux.keys(&["4"]);
    tmux.wait_for("Tips (1)");
    let added_at = Instant::now();
    let second = leertuin(
        &db,
        &config,
        "bob",
        &[
            "add",
            "tip",
            "Night shift: the wrapper jams when it is cold",
            "-t",
            "wrapper",
        ],
    );
    // No key is pressed from here on.
    tmux.wait_for("Tips (2)");
    tmux.wait_for(&format!("{second} Night shift"));
    eprintln!("colleague's tip visible after {:?}", added_at.elapsed());
    assert!(
        added_at.elapsed() < Duration::from_secs(3),
        "live update too slow"
    );

    // An idle pane sleeps: almost no CPU over three seconds.
    let pid = String::from_utf8_lossy(
        &tmux
            .run(&["display-message", "-p", "-t", "pane", "#{pane_pid}"])
            .stdout,
    )
    .trim()
    .to_string();
    if let Some(before) = cpu_ticks(&pid) {
        sleep(Duration::from_secs(3));
        let used = cpu_ticks(&pid).unwrap_or(before) - before;
        eprintln!("idle pane used {used} clock ticks in 3 s");
        assert!(used < 15, "idle pane used {used} ticks of CPU in 3 s");
    }

    // q quits and the session ends with it.
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < DEADLINE,
            "the pane did not quit on q:\n{}",
            tmux.screen()
        );
        sleep(Duration::from_millis(50));
    }
}
