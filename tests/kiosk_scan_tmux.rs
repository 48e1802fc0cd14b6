//! A kiosk left logged in (issue 11): Fatima walks away, the next worker
//! scans their badge. The scanner types the code and Enter into
//! Fatima's screen; the code must never show, never be stored (as a
//! question, a tip or a learned entry, nor as a draft), and the one who
//! scanned is logged in instead of her. A name and PIN typed there go
//! where they go at the welcome screen, the PIN in dots.

mod tmux_support;

use std::io::Write;
use std::process::{Command, Stdio};

use tmux_support::{BADGE, BIN, Home, WELCOME, tmux_or_skip};

const FATIMA_BADGE: &str = "0099887766";
/// Too short for a badge: a PIN, typed where a question goes.
const SHORT_CODE: &str = "13579";

const ANOUK_PIN: &str = "1357";

/// `leertuin kiosk pin` as `who`: their PIN for typing their name.
fn set_own_pin(home: &Home, who: &str, pin: &str) {
    let mut child = Command::new(BIN)
        .args(["kiosk", "pin"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(home.env(who))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run leertuin");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{pin}\n").as_bytes())
        .expect("the PIN");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every byte leertuin wrote: the database (and its WAL) and the drafts.
fn everything_written(home: &Home) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut files = vec![home.db(), home.db().with_extension("db-wal")];
    if let Ok(dir) = std::fs::read_dir(home.drafts_dir()) {
        files.extend(dir.flatten().map(|e| e.path()));
    }
    for f in files {
        bytes.extend(std::fs::read(f).unwrap_or_default());
    }
    bytes
}

fn holds(bytes: &[u8], code: &str) -> bool {
    bytes.windows(code.len()).any(|w| w == code.as_bytes())
}

#[test]
fn a_badge_scanned_into_a_screen_left_logged_in_logs_the_scanner_in() {
    if !tmux_or_skip("a_badge_scanned_into_a_screen_left_logged_in_logs_the_scanner_in") {
        return;
    }
    let home = Home::new();
    home.henk();
    let fatima = leertuin::kiosk::badge::handle(FATIMA_BADGE).unwrap();
    home.ok(&fatima, &["me", "--name", "Fatima", "--lang", "nl"]);
    home.ok("anouk", &["me", "--name", "Anouk", "--lang", "nl"]);
    set_own_pin(&home, "anouk", ANOUK_PIN);
    let tmux = home.dutch_kiosk(40, 20);
    tmux.type_text("s", FATIMA_BADGE);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Fatima");

    // Fatima walks away; Henk's scanner types his badge into her screen.
    tmux.type_text("s", BADGE);
    let screen = tmux.wait_for("s", "••••••");
    assert!(!screen.contains(BADGE), "the code shows:\n{screen}");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Henk");
    assert!(
        !screen.contains(BADGE) && !screen.contains("Fatima"),
        "{screen}"
    );

    // A code too short for a badge, typed where a question goes: refused,
    // in dots, never stored. (Tab no longer turns a kiosk's question into
    // another kind: it stays the question the title says.)
    tmux.type_text("s", SHORT_CODE);
    tmux.keys("s", &["Tab"]);
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Schrijf je vraag in een paar woorden.");
    assert!(!screen.contains(SHORT_CODE), "{screen}");
    assert!(screen.contains("Vraag stellen"), "{screen}");
    // Each Esc is waited out: an Esc and the next letter in one read are
    // Alt and that letter to a terminal, as on a loaded machine.
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "Tekst weggooien?");
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "Geannuleerd");

    // Anouk walks up to Henk's screen and types her name and PIN, as at
    // the welcome screen: her PIN goes where a PIN goes, in dots.
    tmux.type_text("s", "anouk");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Ben jij het, Anouk?");
    tmux.type_text("s", ANOUK_PIN);
    let screen = tmux.wait_for("s", "••••");
    assert!(!screen.contains(ANOUK_PIN), "{screen}");
    tmux.keys("s", &["Enter"]);
    // In: her name on the bar ("Ben jij het, Anouk?" names her too).
    let screen = tmux.wait_for("s", "uitloggen");
    assert!(screen.contains("Anouk"), "{screen}");
    assert!(!screen.contains("Henk"), "{screen}");
    tmux.log_out();
    let screen = tmux.wait_for("s", WELCOME);
    assert!(!screen.contains(SHORT_CODE), "{screen}");

    let written = everything_written(&home);
    for code in [BADGE, FATIMA_BADGE, SHORT_CODE] {
        assert!(!holds(&written, code), "{code} was stored");
    }
    for kind in ["questions", "tips", "learned"] {
        let list = home.ok("bram", &["list", kind]);
        assert!(
            !list.contains(BADGE) && !list.contains(SHORT_CODE),
            "{list}"
        );
    }
}
