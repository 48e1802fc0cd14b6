//! Kiosk mode in a real terminal (tmux): log in with a badge, register a
//! name, press every key that ends a program elsewhere and see leertuin
//! still running, idle back to a welcome screen with no trace of the
//! person, leave with the admin PIN, and end cleanly on SIGTERM.

mod tmux_support;

use std::io::Write;
use std::process::{Command, Stdio};

use tmux_support::{BIN, Home, Tmux, eventually, tmux_or_skip};

const BADGE: &str = "0012345642";
const NAME: &str = "Quirinus Testpersoon";
const WELCOME: &str = "Scan your badge or type your name";

/// `pane_dead pane_current_command`: `0 leertuin` while it runs.
/// The name of the process the pane's shell runs (`leertuin`), or "".
fn kiosk_command(tmux: &Tmux) -> String {
    let shell = tmux.ok(&["list-panes", "-t", "s", "-F", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim()])
        .output()
        .expect("pgrep");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_string())
        .unwrap_or_default()
}

fn assert_running(tmux: &Tmux, after: &str) {
    assert!(
        tmux.run(&["has-session", "-t", "s"]).status.success(),
        "the session ended after {after}"
    );
    // Give a wrongly handled key the time to end the program.
    std::thread::sleep(std::time::Duration::from_millis(150));
    let screen = tmux.screen("s");
    assert!(
        kiosk_command(tmux) == "leertuin" && !screen.contains(ENDED),
        "after {after}: not leertuin any more:\n{screen}"
    );
}

fn set_pin(home: &Home, pin: &str) {
    let mut child = Command::new(BIN)
        .args(["kiosk", "--set-pin"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(home.env("kiosk"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run leertuin");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{pin}\n").as_bytes())
        .expect("write the PIN");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Kiosk mode in a `w`×`h` session, run by a shell that prints how it
/// ended (tmux 3.3 does not always record a dead pane's exit status).
fn start(home: &Home, w: u16, h: u16) -> Tmux {
    start_idle(home, w, h, "2")
}

/// As [`start`], with another idle timeout (seconds).
fn start_idle(home: &Home, w: u16, h: u16, idle: &str) -> Tmux {
    start_with(home, w, h, idle, &[])
}

/// As [`start_idle`], with more of the kiosk's environment.
fn start_with(home: &Home, w: u16, h: u16, idle: &str, more: &[(&str, &str)]) -> Tmux {
    // Not `exec`: the shell stays to print the exit status.
    let kiosk = home.shell("kiosk", &["kiosk", "--idle-timeout", idle]);
    let kiosk = kiosk.strip_prefix("exec ").unwrap_or(&kiosk);
    let cmd = format!("{kiosk}; echo \"{ENDED}$?\"; sleep 60");
    let mut env = vec![("LEERTUIN_LANG".to_string(), "en".to_string())];
    env.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Tmux::start_with_env(w, h, &cmd, &env)
}

/// How often the kiosk's main thread (its event loop) has gone to sleep
/// and been woken: its voluntary context switches.
fn loop_wakeups(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/status"))
        .expect("the kiosk's status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

const ENDED: &str = "leertuin ended with ";

/// Waits for leertuin to end; its exit code, as the shell printed it.
fn exit_code(tmux: &Tmux) -> String {
    let screen = tmux.wait_for("s", ENDED);
    let after = screen.split(ENDED).nth(1).unwrap_or("");
    after.split_whitespace().next().unwrap_or("").to_string()
}

/// The kiosk's process id: the child of the pane's shell.
/// A new worker at the welcome screen: the badge, a name, and the pane.
fn new_worker_logs_in(tmux: &Tmux) {
    tmux.wait_for("s", WELCOME);
    tmux.type_text("s", BADGE);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "What name should your colleagues see?");
    tmux.type_text("s", NAME);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "log out");
}

/// A SIGTERM to the kiosk `pid`: it exits, with code 0.
fn sigterm_ends_cleanly(tmux: &Tmux, pid: &str) {
    let killed = Command::new("kill")
        .args(["-TERM", pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    assert_eq!(exit_code(tmux), "0", "a clean exit on SIGTERM");
}

fn kiosk_pid(tmux: &Tmux) -> String {
    let shell = tmux.ok(&["list-panes", "-t", "s", "-F", "#{pane_pid}"]);
    eventually("the kiosk process", || {
        let out = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .ok()?;
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!pid.is_empty()).then_some(pid)
    })
}

#[test]
fn kiosk_badge_login_escape_keys_idle_logout_and_pin_file() {
    if !tmux_or_skip("kiosk_badge_login_escape_keys_idle_logout_and_pin_file") {
        return;
    }
    let home = Home::new();
    set_pin(&home, "2468");
    let pin_file = home.home().join(".config/leertuin/kiosk-pin");
    let stored = std::fs::read_to_string(&pin_file).expect("the PIN file");
    assert!(
        stored.starts_with("$argon2id$") && !stored.contains("2468"),
        "{stored}"
    );

    let tmux = start(&home, 80, 24);
    tmux.wait_for("s", WELCOME);

    // The scanner types the code and Enter; a new badge asks for a name.
    tmux.type_text("s", BADGE);
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "What name should your colleagues see?");
    assert!(!screen.contains(BADGE), "{screen}");
    tmux.type_text("s", NAME);
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "log out");
    assert!(screen.contains(NAME) && !screen.contains(BADGE), "{screen}");

    // In the pane, none of these ends anything.
    for key in ["C-c", "C-z", "C-\\", "C-d"] {
        tmux.keys("s", &[key]);
        assert_running(&tmux, key);
    }
    tmux.wait_for("s", "To log out, press Esc");
    assert!(tmux.screen("s").contains(NAME), "still logged in");
    // Esc on the list asks once; the second logs out (every letter there
    // starts a question, so q no longer does).
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "Press Esc again to log out");
    assert!(tmux.screen("s").contains(NAME), "still logged in");
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", WELCOME);
    assert_running(&tmux, "Esc Esc in the pane");

    // On the welcome screen neither.
    for key in ["C-c", "C-z", "C-\\", "C-d", "q", "Escape"] {
        tmux.keys("s", &[key]);
        assert_running(&tmux, key);
    }

    // A known badge logs straight in; the idle time sends it back, with
    // nothing of the person left on screen.
    tmux.type_text("s", BADGE);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", NAME);
    let screen = eventually("the welcome screen after the idle time", || {
        let s = tmux.screen("s");
        s.contains(WELCOME).then_some(s)
    });
    assert!(
        !screen.contains("Quirinus") && !screen.contains(BADGE) && !screen.contains("log out"),
        "{screen}"
    );
    assert_running(&tmux, "the idle timeout");
}

/// The admin PIN: a wrong one is refused, the right one leaves, exit 0.
/// A kiosk of its own with a long idle time: with 2 s, a slow machine
/// could drop back to the welcome screen between the two PINs.
#[test]
fn kiosk_leaves_only_with_the_right_pin() {
    if !tmux_or_skip("kiosk_leaves_only_with_the_right_pin") {
        return;
    }
    let home = Home::new();
    set_pin(&home, "2468");
    let tmux = start_idle(&home, 80, 24, "120");
    tmux.wait_for("s", WELCOME);
    tmux.keys("s", &["F10"]);
    tmux.wait_for("s", "Type the admin PIN");
    tmux.type_text("s", "1111");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "That PIN is not right");
    assert_running(&tmux, "a wrong PIN");
    tmux.type_text("s", "2468");
    tmux.keys("s", &["Enter"]);
    assert_eq!(exit_code(&tmux), "0", "exit status after the right PIN");
}

#[test]
fn kiosk_ends_cleanly_on_sigterm_and_fits_40_columns() {
    if !tmux_or_skip("kiosk_ends_cleanly_on_sigterm_and_fits_40_columns") {
        return;
    }
    let home = Home::new();
    let tmux = start(&home, 40, 20);
    let screen = tmux.wait_for("s", "Scan your badge or type");
    assert!(screen.contains("F10 admin"), "{screen}");
    tmux.keys("s", &["F2"]);
    tmux.wait_for("s", "Scan je pas of typ je naam");
    let pid = kiosk_pid(&tmux);
    sigterm_ends_cleanly(&tmux, &pid);
}

/// A dropped connection (here: the whole tmux server killed) hangs up the
/// kiosk's terminal. It must end, not spin on the dead terminal forever.
#[test]
fn kiosk_ends_when_its_terminal_hangs_up() {
    if !tmux_or_skip("kiosk_ends_when_its_terminal_hangs_up") {
        return;
    }
    let home = Home::new();
    let tmux = start(&home, 80, 24);
    tmux.wait_for("s", "Scan your badge or type");
    let pid = kiosk_pid(&tmux);
    let proc_dir = std::path::PathBuf::from(format!("/proc/{}", pid.trim()));
    assert!(proc_dir.exists(), "no process {pid}");
    tmux.ok(&["kill-server"]);
    eventually("the kiosk to end after its terminal hung up", || {
        // Gone, or a zombie waiting for tmux (already gone) to reap it.
        let state = std::fs::read_to_string(proc_dir.join("status")).unwrap_or_default();
        (state.is_empty() || state.contains("State:\tZ")).then_some(())
    });
}

/// Issue 12.3 on the kiosk: a supervisor's SIGTERM while a question is
/// being typed keeps it as that person's draft, and the kiosk still ends
/// cleanly (one signal mechanism with the pane and the popup).
#[test]
fn kiosk_sigterm_while_typing_keeps_the_text_as_a_draft() {
    if !tmux_or_skip("kiosk_sigterm_while_typing_keeps_the_text_as_a_draft") {
        return;
    }
    let home = Home::new();
    let tmux = start_idle(&home, 80, 24, "120");
    new_worker_logs_in(&tmux);
    // Typing on the list starts a question.
    tmux.type_text("s", "Where is the spare toner kept");
    tmux.wait_for("s", "spare toner kept");
    let pid = kiosk_pid(&tmux);
    sigterm_ends_cleanly(&tmux, &pid);
    let drafts: Vec<String> = std::fs::read_dir(home.drafts_dir())
        .expect("a drafts folder")
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(
        drafts[0].contains("Where is the spare toner kept") && drafts[0].contains("badge-"),
        "{}",
        drafts[0]
    );
}

/// The kiosk needs no timed look to notice a SIGTERM: the signal itself
/// wakes its loop. With every timed look of its own set to an hour (the
/// change check by `LEERTUIN_TEST_TICK_MS`, the idle logout by
/// `--idle-timeout`) an idle kiosk with a question half typed sleeps
/// through two seconds (it woke four times a second to look for the
/// signal before), and a SIGTERM still ends it, keeping the question as
/// the person's draft.
#[test]
fn an_idle_kiosk_sleeps_and_a_sigterm_still_ends_it_keeping_the_draft() {
    if !tmux_or_skip("an_idle_kiosk_sleeps_and_a_sigterm_still_ends_it_keeping_the_draft") {
        return;
    }
    let home = Home::new();
    let hour = [("LEERTUIN_TEST_TICK_MS", "3600000")];
    let tmux = start_with(&home, 80, 24, "3600", &hour);
    new_worker_logs_in(&tmux);
    tmux.type_text("s", "Who has the key to the paint store");
    tmux.wait_for("s", "key to the paint store");
    let pid = kiosk_pid(&tmux);
    // The search index is read in the background after the login: let
    // it finish, then count.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let before = loop_wakeups(&pid);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let woke = loop_wakeups(&pid) - before;
    assert!(woke <= 2, "an idle kiosk woke {woke} times in 2 s");
    sigterm_ends_cleanly(&tmux, &pid);
    let (_, draft) = home.wait_for_draft();
    assert!(
        draft.contains("Who has the key to the paint store"),
        "{draft}"
    );
}

/// A dropped connection while a question is being typed: the terminal is
/// gone, the loop never wakes, and still the text is kept as a draft.
#[test]
fn kiosk_hung_up_while_typing_keeps_the_text_as_a_draft() {
    if !tmux_or_skip("kiosk_hung_up_while_typing_keeps_the_text_as_a_draft") {
        return;
    }
    let home = Home::new();
    let tmux = start_idle(&home, 80, 24, "120");
    new_worker_logs_in(&tmux);
    tmux.type_text("s", "Who fixes the badge reader at gate 3");
    tmux.wait_for("s", "badge reader at gate 3");
    tmux.ok(&["kill-server"]);
    let (_, draft) = home.wait_for_draft();
    assert!(
        draft.contains("Who fixes the badge reader at gate 3"),
        "{draft}"
    );
}

/// The idle logout keeps an answer being typed, as it keeps a question (a
/// tester lost an answer this way): the answer's draft names its question.
#[test]
fn an_answer_being_typed_is_kept_at_the_idle_logout() {
    if !tmux_or_skip("an_answer_being_typed_is_kept_at_the_idle_logout") {
        return;
    }
    let home = Home::new();
    home.ok("bram", &["add", "question", "Where is the spare key?"]);
    // 8 s: the countdown (half of it) leaves time for the steps' keys.
    let tmux = start_idle(&home, 80, 24, "8");
    new_worker_logs_in(&tmux);
    // Questions tab, open the question, Enter answers it.
    tmux.keys("s", &["Tab", "Tab"]);
    tmux.wait_for("s", "Where is the spare key");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Where is the spare key?");
    tmux.keys("s", &["Enter"]);
    tmux.type_text("s", "Ask the night shift, it hangs");
    tmux.wait_for("s", "Ask the night shift");
    // Nothing more is typed: the idle time ends the session.
    let start = std::time::Instant::now();
    while !tmux.screen("s").contains(WELCOME) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "no idle logout:\n{}",
            tmux.screen("s")
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (_, draft) = home.wait_for_draft();
    assert!(draft.contains("Ask the night shift, it hangs"), "{draft}");
}
