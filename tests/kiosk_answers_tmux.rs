//! Answers come back at the kiosk, in Dutch, in a real terminal: a worker
//! whose question a colleague answered sees it on the first screen after
//! scanning their badge, by the colleague's name and the question's title,
//! once per new answer (not at every login until they open it).

mod tmux_support;

use tmux_support::{Home, Tmux, tmux_or_skip};

/// Henk asked, Bram answered; Henk scans his badge at a Dutch kiosk of
/// `w`×`h`. The home, Henk's handle and the kiosk.
fn answered_and_back(w: u16, h: u16) -> (Home, String, Tmux) {
    let home = Home::new();
    let henk = home.henk();
    home.ok("bram", &["me", "--name", "Bram"]);
    home.ok(&henk, &["add", "question", "Waar ligt de reservetoner?"]);
    home.ok("bram", &["answer", "q1", "In de kast bij de deur"]);
    let tmux = home.dutch_kiosk(w, h);
    tmux.scan_badge();
    (home, henk, tmux)
}

#[test]
fn kiosk_the_first_screen_after_login_says_the_question_was_answered() {
    if !tmux_or_skip("kiosk_the_first_screen_after_login_says_the_question_was_answered") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let (home, _henk, tmux) = answered_and_back(w, h);
        // The news is on the bottom line; at 40 columns the title is cut.
        let screen = tmux.wait_for("s", "Goed nieuws: Bram gaf antwoord");
        assert!(screen.contains("Jouw vragen en lessen"), "{screen}");
        assert!(screen.contains("nieuw"), "{screen}");
        assert!(
            !screen.contains("badge-") && !screen.contains(tmux_support::BADGE),
            "{screen}"
        );
        if w == 80 {
            assert!(screen.contains("“Waar ligt de reservetoner?”"), "{screen}");
        }

        // Henk walks away without opening it. At the next login the
        // answer still waits, marked on Me, but the notice is not said
        // again: it was news once.
        tmux.log_out();
        tmux.scan_badge();
        let screen = tmux.wait_for("s", "uitloggen");
        std::thread::sleep(std::time::Duration::from_millis(500));
        let screen = format!("{screen}{}", tmux.screen("s"));
        assert!(!screen.contains("Goed nieuws"), "said twice:\n{screen}");
        tmux.keys("s", &["Tab", "Tab", "Tab", "Tab", "Tab", "Tab"]);
        tmux.wait_for("s", "Jouw vragen en lessen");
        tmux.wait_for("s", "nieuw");

        // A new answer is news again, at the next login.
        home.ok("bram", &["answer", "q1", "Of in het magazijn"]);
        tmux.log_out();
        tmux.scan_badge();
        tmux.wait_for("s", "Goed nieuws: Bram gaf antwoord");
    }
}

#[test]
fn kiosk_the_asker_chooses_the_answer_that_helped_with_enter() {
    if !tmux_or_skip("kiosk_the_asker_chooses_the_answer_that_helped_with_enter") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let (home, henk, tmux) = answered_and_back(w, h);
        tmux.wait_for("s", "Goed nieuws: Bram gaf antwoord");
        // The question is first on Start: Enter opens it, and the
        // bottom line says Enter chooses the answer.
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Enter kies antwoord");
        tmux.keys("s", &["Enter"]);
        let screen = tmux.wait_for("s", "Welk antwoord hielp je?");
        assert!(screen.contains("Bram"), "{screen}");
        tmux.keys("s", &["Enter"]);
        let screen = tmux.wait_for("s", "koos het antwoord van Bram");
        assert!(!screen.contains("antwoord 1"), "{screen}");
        let shown = home.ok(&henk, &["show", "q1", "--json"]);
        assert!(shown.contains("\"accepted\": true"), "{shown}");
    }
}
