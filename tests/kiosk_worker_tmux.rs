//! A Dutch first-time worker at the kiosk in a real terminal (tmux), at 80
//! and 40 columns (issue 11, tester report of session 5): saving while
//! another program holds the database says so at once, keys typed at the
//! frozen form are dropped, and the outcome stays readable.

mod tmux_support;

use tmux_support::{BADGE, Home, Tmux, WELCOME, eventually, tmux_or_skip};

/// A badge login as Henk, on the first screen of the pane; his handle.
fn log_in(home: &Home, tmux: &Tmux) -> String {
    let henk = home.henk();
    tmux.wait_for("s", WELCOME);
    tmux.scan_badge();
    tmux.wait_for("s", "typ: vraag stellen");
    henk
}

#[test]
fn kiosk_saving_on_a_busy_database_says_so_and_drops_keys_typed_meanwhile() {
    if !tmux_or_skip("kiosk_saving_on_a_busy_database_says_so_and_drops_keys_typed_meanwhile") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let home = Home::new();
        home.ok("bram", &["me", "--name", "Bram"]);
        let tmux = home.dutch_kiosk(w, h);
        let henk = log_in(&home, &tmux);
        tmux.type_text("s", "Waar staat de emmer?");
        tmux.wait_for("s", "emmer?");
        // Another program holds the write lock for longer than the
        // store's busy wait.
        let lock = rusqlite::Connection::open(home.db()).expect("open");
        lock.execute_batch("BEGIN IMMEDIATE").expect("lock");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Bezig met opslaan…");
        // Henk types on at the frozen form: "a" would start a new
        // question over the outcome.
        tmux.type_text("s", "abc");
        let screen = tmux.wait_for("s", "Nog niet opgeslagen");
        lock.execute_batch("ROLLBACK").expect("unlock");
        // The essential part first, on the status line's first row.
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with("Nog niet opgeslagen — je tekst is")),
            "{screen}"
        );
        assert!(!screen.contains("Vraag stellen"), "a new form:\n{screen}");
        assert!(
            !screen
                .lines()
                .any(|l| l.contains("abc") && !l.starts_with("abc typ")),
            "typed keys were used:\n{screen}"
        );
        // The question is kept and goes in: the kiosk sends what waits
        // once another program's write shows the database is free again.
        home.ok("bram", &["me", "--name", "Bram Jansen"]);
        eventually("the question stored", || {
            let list = home.ok(&henk, &["list", "questions"]);
            list.contains("Waar staat de emmer?").then_some(())
        });
    }
}

#[test]
fn kiosk_welcome_tab_keeps_the_language_and_ctrl_c_says_how_to_log_out() {
    if !tmux_or_skip("kiosk_welcome_tab_keeps_the_language_and_ctrl_c_says_how_to_log_out") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let home = Home::new();
        let tmux = home.dutch_kiosk(w, h);
        // Tab is not in the hint, so it does not switch the language.
        tmux.keys("s", &["Tab"]);
        tmux.keys("s", &["F2"]);
        let screen = tmux.wait_for("s", "Scan your badge or type your name");
        assert!(screen.contains("F2 Nederlands"), "{screen}");
        tmux.keys("s", &["F2"]);
        tmux.wait_for("s", WELCOME);
        // The badge is shown as six dots, whatever its length.
        tmux.type_text("s", BADGE);
        let screen = tmux.wait_for("s", "••••••");
        assert!(
            !screen.contains("42") && !screen.contains("•••••••"),
            "{screen}"
        );
        tmux.keys(
            "s",
            &[
                "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace",
                "BSpace", "BSpace",
            ],
        );
        log_in(&home, &tmux);
        // Ctrl-C ends nothing on a kiosk: it says how to log out.
        tmux.keys("s", &["C-c"]);
        let screen = tmux.wait_for("s", "gedeeld scherm");
        assert!(screen.contains("uit te loggen"), "{screen}");
        assert!(screen.contains("Henk"), "{screen}");
        // A form with nothing typed has nothing to lose: Ctrl-C closes it
        // (it does not say "Sla eerst op").
        tmux.type_text("s", "w");
        tmux.wait_for("s", "Vraag stellen");
        tmux.keys("s", &["BSpace"]);
        tmux.keys("s", &["C-c"]);
        let screen = eventually("the empty form closed, saying how to log out", || {
            let screen = tmux.screen("s");
            (!screen.contains("Vraag stellen") && screen.contains("gedeeld scherm"))
                .then_some(screen)
        });
        assert!(!screen.contains("Sla eerst op"), "{screen}");
        // With text typed, the form stays and says to save it first.
        tmux.type_text("s", "Waar");
        tmux.wait_for("s", "Vraag stellen");
        tmux.keys("s", &["C-c"]);
        let screen = tmux.wait_for("s", "Sla eerst op");
        assert!(screen.contains("Waar"), "{screen}");
    }
}

/// A worker who asked and walked away: right after the save the kiosk
/// logs out after a quarter of the idle time (here 10 s of 40), with the
/// countdown in sight, so their name does not stay on the screen.
#[test]
fn kiosk_after_asking_and_walking_away_logs_out_sooner_with_a_countdown() {
    if !tmux_or_skip("kiosk_after_asking_and_walking_away_logs_out_sooner_with_a_countdown") {
        return;
    }
    let home = Home::new();
    let tmux = home.dutch_kiosk_idle(40, 20, "40");
    log_in(&home, &tmux);
    tmux.type_text("s", "Waar ligt de bezem?");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "staat erin");
    // Long before the 40 s: the countdown, then the welcome screen.
    tmux.wait_for("s", "Uitloggen over");
    let screen = tmux.wait_for("s", WELCOME);
    assert!(
        !screen.contains("Henk") && !screen.contains("bezem"),
        "{screen}"
    );
}
