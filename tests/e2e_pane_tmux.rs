//! The real binary in a real terminal: tmux runs the pane, `send-keys`
//! types, `capture-pane` reads the screen. Skipped (with a reason) where
//! tmux is not installed; CI installs it and sets LEERTUIN_REQUIRE_TMUX=1.

mod tmux_support;

use std::thread::sleep;
use std::time::{Duration, Instant};

use tmux_support::{Home, Tmux, eventually, tmux_or_skip};

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
    if !tmux_or_skip("search_open_and_see_a_colleagues_tip_arrive") {
        return;
    }
    // A temp home for everyone: the pane keeps drafts and the nudge rhythm there.
    let home = Home::new();
    let first = home.ok(
        "ann",
        &[
            "add",
            "tip",
            "Restart the label printer by holding feed for 5 s",
            "-t",
            "printer",
        ],
    );
    let first = first.trim();
    assert!(first.starts_with('t'), "{first}");

    let started = Instant::now();
    let tmux = Tmux::start(80, 24, &home.shell("mia", &[]));
    tmux.wait_for("s", "1 For you");
    tmux.wait_for("s", "Enter open");
    eprintln!("first frame after {:?}", started.elapsed());

    // Search, live, and open the hit.
    tmux.keys("s", &["/"]);
    tmux.wait_for("s", "Search everything");
    tmux.type_text("s", "label printr");
    tmux.wait_for("s", " match"); // "1 match" or "N matches"
    tmux.wait_for("s", &format!("> {first}"));
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", &format!("Tip {first}"));
    tmux.wait_for("s", "holding feed");
    tmux.wait_for("s", "v vote");

    // To the Tips tab; then a colleague adds a tip from another process.
    tmux.keys("s", &["4"]);
    tmux.wait_for("s", "Tips (1)");
    let added_at = Instant::now();
    let second = home.ok(
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
    tmux.wait_for("s", "Tips (2)");
    tmux.wait_for("s", &format!("{} Night shift", second.trim()));
    eprintln!("colleague's tip visible after {:?}", added_at.elapsed());
    assert!(
        added_at.elapsed() < Duration::from_secs(3),
        "live update too slow"
    );

    // An idle pane sleeps: almost no CPU over three seconds.
    let pid = tmux.ok(&["display-message", "-p", "-t", "s", "#{pane_pid}"]);
    let pid = pid.trim();
    if let Some(before) = cpu_ticks(pid) {
        sleep(Duration::from_secs(3));
        let used = cpu_ticks(pid).unwrap_or(before) - before;
        eprintln!("idle pane used {used} clock ticks in 3 s");
        assert!(used < 15, "idle pane used {used} ticks of CPU in 3 s");
    }

    // q quits and the session ends with it.
    tmux.keys("s", &["q"]);
    tmux.wait_gone();

    // `leertuin --search WORDS` opens on that search.
    let tmux = Tmux::start(80, 24, &home.shell("mia", &["--search", "label printr"]));
    tmux.wait_for("s", "Search everything");
    tmux.wait_for("s", &format!("> {first}"));
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "holding feed");
    tmux.keys("s", &["q"]);
    tmux.wait_gone();

    // An open search takes in a colleague's new tip by itself (the index
    // reads just the new item).
    let tmux = Tmux::start(80, 24, &home.shell("mia", &["--search", "wrapper cold"]));
    tmux.wait_for("s", "Night shift");
    let third = home.ok("bob", &["add", "tip", "Wrapper film tears when it is cold"]);
    tmux.wait_for("s", &format!("{} Wrapper film", third.trim()));
    // In the search q is a letter: open a hit first, then q quits.
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "v vote");
    tmux.keys("s", &["q"]);
    tmux.wait_gone();
}

/// The tester, in the real binary at 40 columns in Dutch: a long search
/// ran off the field and Ctrl-U did nothing; a tip deleted with the CLI
/// while open stayed on screen. Now the field scrolls, Ctrl-W and Ctrl-U
/// edit it as in a shell, and the open tip closes with a plain word.
#[test]
fn at_40_columns_search_keys_work_and_a_tip_deleted_elsewhere_closes() {
    if !tmux_or_skip("at_40_columns_search_keys_work_and_a_tip_deleted_elsewhere_closes") {
        return;
    }
    let home = Home::new();
    let tip = home.ok("ann", &["add", "tip", "Heftruck: eerst de gordel om"]);
    let tip = tip.trim();
    let env = [("LEERTUIN_LANG".to_string(), "nl".to_string())];
    let tmux = Tmux::start_with_env(40, 20, &home.shell("mia", &[]), &env);
    tmux.wait_for("s", "? hulp");
    tmux.keys("s", &["/"]);
    tmux.wait_for("s", "Typ om te zoeken");
    tmux.type_text("s", "hoe stel ik de lasstroom in voor dunne plaat");
    tmux.wait_for("s", "dunne plaat");
    tmux.keys("s", &["C-w"]);
    // The last word goes, the rest stays.
    let screen = eventually("Ctrl-W took the last word", || {
        let s = tmux.screen("s");
        (!s.contains("plaat")).then_some(s)
    });
    assert!(screen.contains("voor dunne"), "{screen}");
    tmux.keys("s", &["C-u"]);
    tmux.wait_for("s", "Typ om te zoeken");
    // Ann's tip, the newest on Tips, opened from there.
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "q stoppen");
    tmux.keys("s", &["4"]);
    tmux.wait_for("s", &format!("> {tip} Heftruck"));
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Esc terug");
    home.ok("ann", &["delete", tip]);
    tmux.wait_for("s", "Dit is er niet meer");
    assert!(
        !tmux.screen("s").contains("eerst de gordel om"),
        "{}",
        tmux.screen("s")
    );
}
