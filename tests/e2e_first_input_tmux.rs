//! A first-time worker in a real terminal (tmux), in Dutch, at 40 and 80
//! columns (issue 11): at a fresh kiosk a badge, a name, then typing a
//! question and Enter stores exactly that question and nothing else, in at
//! most three keys that are not text; no letter on any list tab of the pane
//! writes anything; a pasted two-line text (bracketed paste) lands as one
//! item, in the pane, the capture popup and the kiosk; Esc in a form stores
//! nothing and leaves no draft.

mod tmux_support;

use serde_json::Value;
use tmux_support::{Home, Tmux, eventually, tmux_or_skip};

const SIZES: [(u16, u16); 2] = [(40, 20), (80, 24)];

/// Dutch, as the worker reads it.
fn dutch() -> Vec<(String, String)> {
    vec![("LEERTUIN_LANG".into(), "nl".into())]
}

/// A tmux session running `leertuin ARGS` as `user` in Dutch.
fn start(home: &Home, user: &str, args: &[&str], (w, h): (u16, u16)) -> Tmux {
    let cmd = home
        .shell(user, args)
        .replacen("env ", "env LEERTUIN_LANG=nl ", 1);
    Tmux::start_with_env(w, h, &cmd, &dutch())
}

/// The whole database, as `leertuin export` writes it.
fn export(home: &Home) -> Value {
    serde_json::from_str(&home.ok("ann", &["export"])).expect("export is JSON")
}

/// Everything but `except` is the same in both exports.
#[track_caller]
fn same_but(before: &Value, after: &Value, except: &[&str]) {
    let (Value::Object(b), Value::Object(a)) = (before, after) else {
        panic!("exports are objects");
    };
    for (key, value) in b {
        if !except.contains(&key.as_str()) {
            assert_eq!(Some(value), a.get(key), "{key} changed");
        }
    }
}

fn count(export: &Value, what: &str) -> usize {
    export[what].as_array().map_or(0, Vec::len)
}

fn drafts(home: &Home) -> usize {
    std::fs::read_dir(home.drafts_dir()).map_or(0, |d| d.count())
}

#[test]
fn at_a_fresh_kiosk_a_badge_a_name_and_typing_asks_one_question_in_three_keys() {
    if !tmux_or_skip("at_a_fresh_kiosk_a_badge_a_name_and_typing_asks_one_question_in_three_keys") {
        return;
    }
    for size in SIZES {
        let home = Home::new();
        let tmux = start(&home, "kiosk", &["kiosk"], size);
        tmux.wait_for("s", "Scan je pas");
        // Keys that are not text: the badge's Enter, the name's Enter, the
        // question's Enter. Everything else is the badge, the name and the
        // question's own characters.
        let mut keys = 0;
        tmux.type_text("s", "0099887766");
        tmux.keys("s", &["Enter"]);
        keys += 1;
        tmux.wait_for("s", "Welke naam zien je collega");
        tmux.type_text("s", "Henk");
        tmux.keys("s", &["Enter"]);
        keys += 1;
        tmux.wait_for("s", "typ: vraag stellen");
        let before = export(&home);
        tmux.type_text("s", "Waar ligt de nieuwe toner?");
        tmux.wait_for("s", "Vraag stellen");
        tmux.wait_for("s", "toner?");
        tmux.keys("s", &["Enter"]);
        keys += 1;
        let after = eventually("the question stored", || {
            let after = export(&home);
            (count(&after, "questions") > count(&before, "questions")).then_some(after)
        });
        assert!(keys <= 3, "{keys} keys that are not text at {size:?}");
        // Exactly one question, by Henk, and no other write.
        let questions = after["questions"].as_array().expect("questions");
        assert_eq!(questions.len(), count(&before, "questions") + 1);
        let q = questions
            .iter()
            .find(|q| q["title"] == "Waar ligt de nieuwe toner?")
            .expect("the question");
        let author = q["author"].as_str().expect("an author");
        let henk = after["persons"]
            .as_array()
            .expect("persons")
            .iter()
            .find(|p| p["handle"] == author)
            .expect("the author is a person");
        assert_eq!(henk["name"], "Henk", "{henk}");
        same_but(&before, &after, &["questions"]);
        assert_eq!(drafts(&home), 0);
    }
}

/// A pane with a colleague's question and tip, and one of ann's own
/// questions with an answer, so every item key has something to act on.
fn colleagues(home: &Home) {
    home.ok(
        "bram",
        &["add", "question", "Wie weet waar de sleutel ligt?"],
    );
    home.ok("bram", &["add", "tip", "Ctrl-L maakt het scherm leeg"]);
    home.ok("bram", &["add", "learned", "Vandaag leerde ik lassen"]);
    let mine = home.ok("ann", &["add", "question", "Hoe stel ik de printer in?"]);
    home.ok(
        "bram",
        &["answer", mine.trim(), "Via het menu Instellingen"],
    );
}

#[test]
fn no_letter_on_any_list_tab_of_the_pane_writes_anything() {
    if !tmux_or_skip("no_letter_on_any_list_tab_of_the_pane_writes_anything") {
        return;
    }
    for size in SIZES {
        let home = Home::new();
        colleagues(&home);
        let tmux = start(&home, "ann", &[], size);
        tmux.wait_for("s", "? hulp");
        let before = export(&home);
        // Every tab of the one table, the Wishes tab too.
        for tab in 1..=leertuin::tui::tabs::COUNT {
            // `q` leaves the pane (it writes nothing): it comes last.
            for letter in ('a'..='z').chain('A'..='Z').filter(|c| *c != 'q') {
                tmux.keys("s", &[&tab.to_string()]);
                tmux.type_text("s", &letter.to_string());
                tmux.keys("s", &["Escape"]);
                // Back on a list before the next key, so the terminal
                // never joins Esc and a digit into one Alt key. A form
                // with the letter in it asks first: a second Esc.
                let asked = eventually("the list or the question", || {
                    let screen = tmux.screen("s");
                    if screen.contains("weggooien?") {
                        Some(true)
                    } else {
                        screen.contains("? hulp").then_some(false)
                    }
                });
                if asked {
                    tmux.keys("s", &["Escape"]);
                    tmux.wait_for("s", "? hulp");
                }
            }
        }
        // Every key above was handled once this one is.
        tmux.keys("s", &["1"]);
        tmux.type_text("s", "/");
        tmux.type_text("s", "klaar-marker");
        tmux.wait_for("s", "klaar-marker");
        tmux.keys("s", &["Escape"]);
        // Until the search is gone: a half-drawn frame may still show the
        // list's "? hulp", and an Esc and `q` read together are Alt-q.
        eventually("the search closed", || {
            let screen = tmux.screen("s");
            (!screen.contains("klaar-marker") && screen.contains("? hulp")).then_some(())
        });
        tmux.type_text("s", "q");
        tmux.wait_gone();
        let after = export(&home);
        assert_eq!(before, after, "a letter wrote something at {size:?}");
        assert_eq!(drafts(&home), 0);
    }
}

/// tmux sends a buffer as a bracketed paste (`paste-buffer -p`) when the
/// program asked for it.
fn paste(tmux: &Tmux, text: &str) {
    tmux.ok(&["set-buffer", "--", text]);
    tmux.ok(&["paste-buffer", "-p", "-t", "s"]);
}

#[test]
fn a_two_line_paste_lands_as_one_item_in_pane_popup_and_kiosk() {
    if !tmux_or_skip("a_two_line_paste_lands_as_one_item_in_pane_popup_and_kiosk") {
        return;
    }
    for size in SIZES {
        let home = Home::new();
        // The pane: on the Questions tab, a paste starts a question with
        // both lines; Enter stores one question.
        let tmux = start(&home, "ann", &[], size);
        tmux.wait_for("s", "? hulp");
        tmux.keys("s", &["3"]);
        paste(&tmux, "Wie kan de heftruck laden?\nDe accu is leeg.");
        tmux.wait_for("s", "Vraag stellen");
        tmux.wait_for("s", "accu is leeg");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Opgeslagen");
        tmux.type_text("s", "q");
        tmux.wait_gone();
        drop(tmux);
        let after = export(&home);
        let questions = after["questions"].as_array().expect("questions");
        assert_eq!(questions.len(), 1, "{questions:?}");
        assert_eq!(questions[0]["title"], "Wie kan de heftruck laden?");
        assert_eq!(questions[0]["body"], "De accu is leeg.");

        // The capture popup: a tip of two lines.
        let tmux = start(&home, "ann", &["capture"], size);
        tmux.wait_for("s", "Tip delen");
        paste(&tmux, "Eerst de rem.\nDan pas het contact.");
        tmux.wait_for("s", "pas het contact");
        tmux.keys("s", &["Enter"]);
        tmux.wait_gone();
        drop(tmux);
        let tips = export(&home)["tips"].clone();
        let tips = tips.as_array().expect("tips");
        assert_eq!(tips.len(), 1, "{tips:?}");
        assert_eq!(tips[0]["text"], "Eerst de rem.\nDan pas het contact.");

        // The kiosk: pasted on the list, a question.
        let tmux = start(&home, "kiosk", &["kiosk"], size);
        tmux.wait_for("s", "Scan je pas");
        tmux.type_text("s", "0055443322");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Welke naam");
        tmux.type_text("s", "Fatma");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "typ: vraag stellen");
        paste(&tmux, "Waar zijn de handschoenen?\nMaat L is op.");
        tmux.wait_for("s", "Maat L is op");
        tmux.keys("s", &["Enter"]);
        let q = eventually("the kiosk question", || {
            let all = export(&home)["questions"].clone();
            all.as_array()?
                .iter()
                .find(|q| q["title"] == "Waar zijn de handschoenen?")
                .cloned()
        });
        assert_eq!(q["body"], "Maat L is op.");
        // A sentence a chat window broke is one question: tmux pastes the
        // line break as a carriage return, as many terminals do. (A new
        // worker's first post is followed by the first wish: skipped.)
        tmux.wait_for("s", "Een wens maken");
        tmux.keys("s", &["Escape"]);
        tmux.wait_for("s", "typ: vraag stellen");
        paste(&tmux, "Wie heeft de sleutel\nvan het magazijn?");
        tmux.wait_for("s", "magazijn?");
        tmux.keys("s", &["Enter"]);
        let q = eventually("the broken sentence, one question", || {
            let all = export(&home)["questions"].clone();
            all.as_array()?
                .iter()
                .find(|q| q["title"] == "Wie heeft de sleutel van het magazijn?")
                .cloned()
        });
        assert_eq!(q["body"], "", "{q}");
    }
}

#[test]
fn esc_in_a_form_stores_nothing_and_leaves_no_draft() {
    if !tmux_or_skip("esc_in_a_form_stores_nothing_and_leaves_no_draft") {
        return;
    }
    for size in SIZES {
        let home = Home::new();
        colleagues(&home);
        let before = export(&home);
        let tmux = start(&home, "ann", &[], size);
        tmux.wait_for("s", "? hulp");
        // The capture form, the answer prompt, the profile form.
        for (keys, title) in [("c", "Vraag stellen"), ("3a", "Jouw antwoord"), ("7e", "")] {
            for k in keys.chars() {
                tmux.type_text("s", &k.to_string());
            }
            if !title.is_empty() {
                tmux.wait_for("s", title);
            }
            tmux.type_text("s", "een halve gedachte");
            tmux.wait_for("s", "halve gedachte");
            tmux.keys("s", &["Escape"]);
            // A question or tip form asks first (the profile does not).
            let asked = eventually("the list or the question", || {
                let screen = tmux.screen("s");
                if screen.contains("weggooien?") {
                    Some(true)
                } else {
                    screen.contains("? hulp").then_some(false)
                }
            });
            if asked {
                tmux.keys("s", &["Escape"]);
            }
            tmux.wait_for("s", "? hulp");
            tmux.keys("s", &["1"]);
        }
        tmux.type_text("s", "q");
        tmux.wait_gone();
        drop(tmux);
        // The popup too.
        let tmux = start(&home, "ann", &["capture"], size);
        tmux.wait_for("s", "Tip delen");
        tmux.type_text("s", "nog een halve gedachte");
        tmux.wait_for("s", "halve gedachte");
        tmux.keys("s", &["Escape"]);
        tmux.wait_for("s", "weggooien?");
        tmux.keys("s", &["Escape"]);
        tmux.wait_gone();
        same_but(&before, &export(&home), &[]);
        assert_eq!(drafts(&home), 0, "Esc made a draft at {size:?}");
    }
}
