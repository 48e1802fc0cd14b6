//! No ids on the kiosk, anywhere (issue 11): a shop-floor worker knows a
//! post by its words ("Jouw antwoord", the question's title), never by
//! `q2`. A Dutch worker walks the kiosk in a real terminal at 80 and 40
//! columns — every tab, an open question, the answer form, the saved
//! answer and its undo, a question typed with its similar questions, a
//! search — and no screen may show an id like `q1`, `t3` or `l12`.

mod tmux_support;

use std::thread::sleep;
use std::time::{Duration, Instant};

use tmux_support::{DEADLINE, Home, Tmux, tmux_or_skip};

/// The first id-like word on `screen` (`q2`, `t13`, `l4`, `n7`), if any:
/// one of those letters, then digits only, standing alone.
fn first_id(screen: &str) -> Option<String> {
    screen
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| {
            let mut chars = w.chars();
            matches!(chars.next(), Some('q' | 't' | 'l' | 'n'))
                && w.len() > 1
                && chars.all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
}

/// The screen once it stopped changing (two equal captures in a row).
fn settled(tmux: &Tmux) -> String {
    let start = Instant::now();
    let mut last = tmux.screen("s");
    loop {
        sleep(Duration::from_millis(150));
        let now = tmux.screen("s");
        if now == last || start.elapsed() > DEADLINE {
            return now;
        }
        last = now;
    }
}

/// Fails when `screen` shows an id; `what` names the step.
fn no_id(what: &str, w: u16, screen: &str) {
    if let Some(id) = first_id(screen) {
        panic!("{what} at {w} columns shows the id {id}:\n{screen}");
    }
}

#[test]
fn the_id_finder_finds_ids_and_nothing_else() {
    assert_eq!(first_id("│> q8 Wie kan"), Some("q8".into()));
    assert_eq!(first_id("Vraag t12: x"), Some("t12".into()));
    assert_eq!(first_id("Jouw antwoord op l3"), Some("l3".into()));
    assert_eq!(first_id("q quit · 2 tips · t-shirt · ok"), None);
    assert_eq!(first_id("Toner 12 in kast q"), None);
}

#[test]
fn kiosk_shows_no_ids_on_any_screen_a_worker_walks() {
    if !tmux_or_skip("kiosk_shows_no_ids_on_any_screen_a_worker_walks") {
        return;
    }
    for (w, h) in [(80, 24), (40, 20)] {
        let home = Home::new();
        let henk = home.henk();
        home.ok("bram", &["me", "--name", "Bram", "--lang", "nl"]);
        home.ok(
            "bram",
            &["add", "tip", "De toner ligt in de kast bij de deur"],
        );
        home.ok(
            "bram",
            &["add", "learned", "Ik leerde de pers af te stellen"],
        );
        home.ok(&henk, &["add", "question", "Hoe start ik de heftruck?"]);
        home.ok("bram", &["answer", "q1", "Sleutel om en op het pedaal"]);
        home.ok("bram", &["add", "question", "Waar ligt de reservetoner?"]);
        let tmux = home.dutch_kiosk(w, h);
        tmux.scan_badge();
        tmux.wait_for("s", "Goed nieuws");
        no_id("the first screen", w, &settled(&tmux));

        // Every tab, from Ik (where the news opened) round to Ik again.
        for tab in 0..leertuin::tui::tabs::COUNT {
            tmux.keys("s", &["Tab"]);
            no_id(&format!("tab {tab} after Ik"), w, &settled(&tmux));
        }
        // Vragen: Bram's question is the newest, first in the list.
        // Tab goes round: Ik → … → Vragen, however many tabs there are.
        use leertuin::tui::app::Tab;
        let steps = (Tab::Questions.index() + leertuin::tui::tabs::COUNT - Tab::Me.index())
            % leertuin::tui::tabs::COUNT;
        tmux.keys("s", &vec!["Tab"; steps]);
        tmux.wait_for("s", "Vragen (");
        no_id("the question list", w, &settled(&tmux));
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Enter antwoorden");
        no_id("an open question", w, &settled(&tmux));
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Jouw antwoord");
        no_id("the answer form", w, &settled(&tmux));
        tmux.type_text("s", "In de kast");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "opgeslagen");
        no_id("the saved answer", w, &settled(&tmux));
        tmux.keys("s", &["C-z"]);
        tmux.wait_for("s", "Ongedaan gemaakt");
        no_id("the undone answer", w, &settled(&tmux));
        tmux.keys("s", &["Escape"]);

        // A question typed: its similar questions show while typing.
        tmux.type_text("s", "Waar ligt de toner ");
        tmux.wait_for("s", "Eerder gevraagd");
        no_id("the question form", w, &settled(&tmux));
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "staat erin");
        no_id("the saved question", w, &settled(&tmux));

        // A search, and the hit opened.
        tmux.type_text("s", "/");
        tmux.type_text("s", "toner");
        tmux.wait_for("s", "reservetoner");
        no_id("search results", w, &settled(&tmux));
        tmux.keys("s", &["Enter"]);
        no_id("a search hit opened", w, &settled(&tmux));
    }
}
