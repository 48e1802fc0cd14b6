//! Drafts belong to a database: text kept in a pane on one file comes back
//! in a pane on that file, never in a pane on another under the same
//! person (a kiosk draft offered in someone's own pane was the case found).
//! Drafts of older versions, which name no database, are still offered in
//! the person's own pane, marked. Dutch, at 40 and 80 columns.

mod tmux_support;

use tmux_support::{BIN, Home, Tmux, quoted, tmux_or_skip};

/// A shell in a tmux pane speaking Dutch; its prompt is `sh> `.
fn shell(home: &Home, w: u16, h: u16) -> Tmux {
    let mut env = home.env("henk");
    env.push(("LEERTUIN_LANG".into(), "nl".into()));
    let tmux = Tmux::start_with_env(w, h, "env PS1='sh> ' sh", &env);
    tmux.wait_for("s", "sh>");
    tmux
}

/// Starts the pane on `db` from the shell.
fn pane_on(tmux: &Tmux, db: &std::path::Path) {
    tmux.type_text(
        "s",
        &format!(
            "clear; {} --db {}; echo gestopt=$?",
            quoted(BIN),
            quoted(&db.display().to_string())
        ),
    );
    tmux.keys("s", &["Enter"]);
}

/// Esc on the offer (the draft waits), then `q`: apart, since Esc and a
/// letter sent at once read as Alt and the letter.
fn close_offer_and_quit(tmux: &Tmux) {
    tmux.keys("s", &["Escape"]);
    // The offer gone, not only "? hulp" on screen (the offer's own hint
    // line may hold it while the Esc is still on its way).
    tmux_support::eventually("the offer closes", || {
        let screen = tmux.screen("s");
        (screen.contains("? hulp") && !screen.contains("Esc: later")).then_some(())
    });
    tmux.keys("s", &["q"]);
    tmux.wait_for("s", "gestopt=0");
}

#[test]
fn a_draft_comes_back_only_on_the_database_it_was_typed_for() {
    if !tmux_or_skip("a_draft_comes_back_only_on_the_database_it_was_typed_for") {
        return;
    }
    for (w, h) in [(40, 20), (80, 24)] {
        let home = Home::new();
        let kantine = home.path().join("kantine.db");
        let werkplaats = home.path().join("werkplaats.db");
        let tmux = shell(&home, w, h);

        // Typed in a pane on the canteen's file, kept by Ctrl-C.
        pane_on(&tmux, &kantine);
        tmux.wait_for("s", "Start");
        tmux.keys("s", &["c"]);
        tmux.wait_for("s", "Vraag stellen");
        tmux.type_text("s", "Is de kantine open op zaterdag");
        tmux.wait_for("s", "zaterdag");
        tmux.keys("s", &["C-c"]);
        tmux.wait_for("s", "gestopt=0");
        home.wait_for_draft();

        // The workshop's file: nothing on offer, Henk's list as it is.
        pane_on(&tmux, &werkplaats);
        // The list is loaded in the frame that would show the offer.
        let screen = tmux.wait_for("s", "Durf te zeggen");
        assert!(
            !screen.contains("concept") && !screen.contains("zaterdag"),
            "{w} columns: the canteen's draft offered on another file:\n{screen}"
        );
        tmux.keys("s", &["q"]);
        tmux.wait_for("s", "gestopt=0");

        // Back on the canteen's file, it is offered.
        pane_on(&tmux, &kantine);
        let screen = tmux.wait_for("s", "Is de kantine open op zaterdag");
        assert!(
            screen.contains("1 concept") && !screen.contains("oudere versie"),
            "{w} columns:\n{screen}"
        );
        close_offer_and_quit(&tmux);

        // A draft from before drafts named their database: still offered
        // in Henk's own pane, marked so he can judge; never thrown away.
        let old = home.drafts_dir().join("20250101T000000000-1-abcd.toml");
        std::fs::write(
            &old,
            "kind = \"tip\"\nperson = \"henk\"\ncreated_at = \"2025-01-01T00:00:00Z\"\ntext = \"Handschoenen liggen links\"\n",
        )
        .unwrap();
        pane_on(&tmux, &werkplaats);
        let screen = tmux.wait_for("s", "Handschoenen liggen links");
        assert!(
            screen.contains("oudere versie") && !screen.contains("zaterdag"),
            "{w} columns:\n{screen}"
        );
        close_offer_and_quit(&tmux);
        assert!(old.exists(), "an older draft is never deleted unasked");
    }
}
