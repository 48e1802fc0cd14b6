//! Kiosk messages that fit and say what to do (issue 11, tester report of
//! session 5), in Dutch in a real terminal at 80 and 40 columns: when the
//! database is taken away while a worker asks, the whole message shows
//! (it was cut at three rows), in words a worker knows (no "outbox", no
//! file path), and once the waiting question went in by itself the
//! "Niet opgeslagen" line makes way for "Verstuurd".

mod tmux_support;

use tmux_support::{Home, eventually, tmux_or_skip};

/// The screen's words with each run of spaces and line ends made one
/// space: a message wrapped over rows reads as one sentence.
fn words(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn kiosk_a_save_that_waits_says_so_whole_and_then_that_it_went() {
    if !tmux_or_skip("kiosk_a_save_that_waits_says_so_whole_and_then_that_it_went") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let home = Home::new();
        let henk = home.henk();
        let tmux = home.dutch_kiosk(w, h);
        tmux.scan_badge();
        tmux.wait_for("s", "typ: vraag stellen");

        // The admin moves the database away (a restore gone wrong).
        let away = home.path().join("away.db");
        std::fs::rename(home.db(), &away).expect("move away");
        tmux.type_text("s", "Waar ligt de bezem?");
        tmux.keys("s", &["Enter"]);
        let screen = tmux.wait_for("s", "Niet opgeslagen");
        let said = words(&screen);
        assert!(
            said.contains(
                "Niet opgeslagen: je tekst wacht en gaat later vanzelf mee. \
                 De database is weg. Vraag de beheerder om hulp."
            ),
            "not whole at {w} columns:\n{screen}"
        );
        assert!(!said.contains("outbox"), "{screen}");
        assert!(
            !said.contains(&home.path().display().to_string()),
            "{screen}"
        );

        // Put back, the question goes in by itself, and the screen says so.
        std::fs::rename(&away, home.db()).expect("move back");
        let screen = tmux.wait_for("s", "Verstuurd");
        assert!(!screen.contains("Niet opgeslagen"), "{screen}");
        eventually("the question stored", || {
            let list = home.ok(&henk, &["list", "questions"]);
            list.contains("Waar ligt de bezem?").then_some(())
        });
    }
}
