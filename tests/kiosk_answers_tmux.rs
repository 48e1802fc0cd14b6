//! Answers come back at the kiosk, in Dutch, in a real terminal: a worker
//! whose question a colleague answered sees it on the first screen after
//! scanning their badge, by the colleague's name and the question's title.

mod tmux_support;

use tmux_support::{Home, Tmux, tmux_or_skip};

const BADGE: &str = "0012345642";

#[test]
fn kiosk_the_first_screen_after_login_says_the_question_was_answered() {
    if !tmux_or_skip("kiosk_the_first_screen_after_login_says_the_question_was_answered") {
        return;
    }
    let home = Home::new();
    let henk = leertuin::kiosk::badge::handle(BADGE).expect("a badge handle");
    home.ok(&henk, &["me", "--name", "Henk", "--lang", "nl"]);
    home.ok("bram", &["me", "--name", "Bram"]);
    home.ok(&henk, &["add", "question", "Waar ligt de reservetoner?"]);
    home.ok("bram", &["answer", "q1", "In de kast bij de deur"]);
    for (w, h) in [(80, 24), (40, 20)] {
        let kiosk = home.shell("kiosk", &["kiosk", "--idle-timeout", "120"]);
        let env = [("LEERTUIN_LANG".to_string(), "nl".to_string())];
        let tmux = Tmux::start_with_env(w, h, &kiosk, &env);
        tmux.wait_for("s", "Scan je pas of typ je naam");
        tmux.type_text("s", BADGE);
        tmux.keys("s", &["Enter"]);
        // The news is on the bottom line; at 40 columns the title is cut.
        let screen = tmux.wait_for("s", "Goed nieuws: Bram gaf antwoord");
        assert!(screen.contains("Jouw vragen en lessen"), "{screen}");
        assert!(screen.contains("nieuw"), "{screen}");
        assert!(
            !screen.contains("badge-") && !screen.contains(BADGE),
            "{screen}"
        );
        if w == 80 {
            assert!(screen.contains("“Waar ligt de reservetoner?”"), "{screen}");
        }
    }
}

#[test]
fn kiosk_the_asker_chooses_the_answer_that_helped_with_enter() {
    if !tmux_or_skip("kiosk_the_asker_chooses_the_answer_that_helped_with_enter") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let home = Home::new();
        let henk = leertuin::kiosk::badge::handle(BADGE).expect("a badge handle");
        home.ok(&henk, &["me", "--name", "Henk", "--lang", "nl"]);
        home.ok("bram", &["me", "--name", "Bram"]);
        home.ok(&henk, &["add", "question", "Waar ligt de reservetoner?"]);
        home.ok("bram", &["answer", "q1", "In de kast bij de deur"]);
        let kiosk = home.shell("kiosk", &["kiosk", "--idle-timeout", "120"]);
        let env = [("LEERTUIN_LANG".to_string(), "nl".to_string())];
        let tmux = Tmux::start_with_env(w, h, &kiosk, &env);
        tmux.wait_for("s", "Scan je pas of typ je naam");
        tmux.type_text("s", BADGE);
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Goed nieuws: Bram gaf antwoord");
        // The question is first on Voor jou: Enter opens it, and the
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
