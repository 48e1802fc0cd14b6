//! What a tester found using the kiosk as a first-time Dutch worker at 40
//! columns (issue 11, session 9), in a real terminal (tmux): typing on
//! Tips asks a question, and Ctrl-N (named in the hint line) shares a tip
//! there and adds a second wish on Wensen; a badge scanned after
//! text already typed logs the scanner in and is never stored; a badge
//! with letters works at a screen left logged in as at the welcome
//! screen; a name and PIN typed there show the PIN as dots and store
//! nothing; an open lesson is set done with Enter, in plain words, and
//! Esc cancels.

mod tmux_support;

use tmux_support::{BADGE, Home, Tmux, WELCOME, eventually, tmux_or_skip};

/// A badge with letters in it, as some scanners send.
const LETTER_BADGE: &str = "AB12CD34EF";

/// Henk's badge login at a Dutch kiosk of 40 columns; his handle.
fn henk_at_40(home: &Home) -> (Tmux, String) {
    let henk = home.henk();
    let tmux = home.dutch_kiosk(40, 20);
    tmux.scan_badge();
    tmux.wait_for("s", "typ: vraag stellen");
    (tmux, henk)
}

/// Tab until the tab bar shows `tab` as the one open (its name in full).
fn go_to_tab(tmux: &Tmux, hint: &str) {
    for _ in 0..8 {
        if tmux.screen("s").contains(hint) {
            return;
        }
        tmux.keys("s", &["Tab"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tmux.wait_for("s", hint);
}

/// Esc on a form holding text asks first; Esc again throws it away.
fn throw_away(tmux: &Tmux) {
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "Tekst weggooien?");
    tmux.keys("s", &["Escape"]);
    tmux.wait_for("s", "er is niets opgeslagen");
}

/// On the tab whose hint line names `hint`, Ctrl-N opens the form titled
/// `title`, and `text` is typed into it.
fn ctrl_n_and_write(tmux: &Tmux, hint: &str, title: &str, text: &str) {
    go_to_tab(tmux, hint);
    tmux.keys("s", &["C-n"]);
    tmux.wait_for("s", title);
    tmux.type_text("s", text);
    tmux.wait_for("s", text);
}

/// Enter in the open form stores the text with `word` in it: `lists[0]`
/// (as `leertuin list` names it) shows it, `lists[1]` does not.
fn saved_in(tmux: &Tmux, home: &Home, henk: &str, word: &str, lists: [&str; 2]) {
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Opgeslagen");
    let [there, not_there] = lists.map(|l| home.ok(henk, &["list", l]));
    assert!(there.contains(word), "{word} not in {}: {there}", lists[0]);
    assert!(
        !not_there.contains(word),
        "{word} in {}: {not_there}",
        lists[1]
    );
}

#[test]
fn at_the_kiosk_typing_on_tips_asks_and_ctrl_n_shares_a_tip_and_adds_a_wish() {
    if !tmux_or_skip("at_the_kiosk_typing_on_tips_asks_and_ctrl_n_shares_a_tip_and_adds_a_wish") {
        return;
    }
    let home = Home::new();
    let (tmux, henk) = henk_at_40(&home);
    // A question typed on Tips is a question (issue 11 began with one
    // stored there as a tip).
    go_to_tab(&tmux, "Ctrl-N nieuwe tip");
    tmux.type_text("s", "Waar ligt de nieuwe toner?");
    tmux.wait_for("s", "Vraag stellen");
    saved_in(&tmux, &home, &henk, "toner", ["questions", "tips"]);

    // Back on Tips (the new question is shown on Vragen), Ctrl-N, as the
    // hint line says, shares a tip.
    ctrl_n_and_write(
        &tmux,
        "Ctrl-N nieuwe tip",
        "Tip delen",
        "Zet de kraan dicht",
    );
    saved_in(&tmux, &home, &henk, "kraan", ["tips", "questions"]);

    // And on Wensen another wish.
    ctrl_n_and_write(
        &tmux,
        "Ctrl-N nieuwe wens",
        "Wat wil je leren",
        "Leren lassen",
    );
    tmux.keys("s", &["Enter"]);
    // What it costs may stay empty.
    tmux.wait_for("s", "kost");
    tmux.keys("s", &["Enter"]);
    // Hours and a topic are asked too (issue 16); Enter leaves them empty.
    tmux.wait_for("s", "Hoeveel uur");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Onderwerp");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Je wens is bewaard");
    let wishes = home.ok(&henk, &["wishes"]);
    assert!(wishes.contains("Leren lassen"), "{wishes}");
}

/// tmux sends a buffer as a bracketed paste (`paste-buffer -p`) when the
/// program asked for it; it sends the line break as a carriage return.
fn paste(tmux: &Tmux, text: &str) {
    tmux.ok(&["set-buffer", "--", text]);
    tmux.ok(&["paste-buffer", "-p", "-t", "s"]);
}

/// The tester of the pane's edges pasted a question on Tips and on
/// Geleerd, logged in with the badge: it opened "Tip delen" and "Wat heb
/// je geleerd?", and Enter published it. A paste is typing, and typing on
/// a kiosk list asks.
#[test]
fn at_the_kiosk_a_question_pasted_on_tips_or_geleerd_is_a_question() {
    if !tmux_or_skip("at_the_kiosk_a_question_pasted_on_tips_or_geleerd_is_a_question") {
        return;
    }
    let home = Home::new();
    let (tmux, henk) = henk_at_40(&home);
    for (hint, place) in [
        ("Ctrl-N nieuwe tip", "kantine"),
        ("Ctrl-N ik leerde", "kelder"),
    ] {
        go_to_tab(&tmux, hint);
        paste(&tmux, &format!("Wie heeft de sleutel\nvan de {place}?"));
        tmux.wait_for("s", "Vraag stellen");
        let form = tmux.wait_for("s", place);
        assert!(!form.contains("Tip delen"), "{form}");
        assert!(!form.contains("Wat heb je geleerd"), "{form}");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Opgeslagen");
        let asked = format!("Wie heeft de sleutel van de {place}?");
        eventually("the pasted question", || {
            let questions = home.ok(&henk, &["list", "questions"]);
            questions.contains(&asked).then_some(())
        });
        for other in ["tips", "learned"] {
            let there = home.ok(&henk, &["list", other]);
            assert!(!there.contains(place), "{other}: {there}");
        }
    }
}

#[test]
fn a_badge_scanned_after_typed_text_logs_the_scanner_in_and_pins_stay_dots() {
    if !tmux_or_skip("a_badge_scanned_after_typed_text_logs_the_scanner_in_and_pins_stay_dots") {
        return;
    }
    let home = Home::new();
    let letters = leertuin::kiosk::badge::handle(LETTER_BADGE).unwrap();
    home.ok(&letters, &["me", "--name", "Fatima", "--lang", "nl"]);
    let (tmux, henk) = henk_at_40(&home);

    // Henk typed half a question and walked away; Fatima's scanner types
    // her badge (letters and digits) after it, and Enter.
    tmux.type_text("s", "Waar ligt de ");
    tmux.wait_for("s", "Vraag stellen");
    tmux.type_text("s", LETTER_BADGE);
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Fatima");
    assert!(
        !screen.contains(LETTER_BADGE) && !screen.contains("Henk"),
        "{screen}"
    );
    // Her badge alone, scanned into her own screen's form, does nothing
    // but log her in again: it is never a post.
    tmux.log_out();

    // Henk again (his half question on offer, which typing passes by);
    // the next worker scans a badge nobody has, glued to his text.
    tmux.scan_badge();
    tmux.wait_for("s", "Henk");
    tmux.type_text("s", "Hoe werkt de pers");
    tmux.wait_for("s", "pers");
    tmux.type_text("s", "0099887766");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "weggehaald");
    assert!(!screen.contains("0099887766"), "{screen}");
    assert!(screen.contains("Hoe werkt de pers"), "{screen}");
    throw_away(&tmux);

    // Someone types a name unknown here and their PIN into Henk's screen:
    // dots, and nothing stored.
    tmux.type_text("s", "piet 1357");
    let screen = tmux.wait_for("s", "piet ••••••");
    assert!(!screen.contains("1357"), "{screen}");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "weggehaald");
    assert!(!screen.contains("1357"), "{screen}");
    throw_away(&tmux);
    tmux.log_out();
    let screen = tmux.wait_for("s", WELCOME);
    assert!(!screen.contains("1357"), "{screen}");

    let backup = home.ok(&henk, &["export", "--json"]);
    for code in [LETTER_BADGE, BADGE, "0099887766", "1357"] {
        assert!(!backup.contains(code), "{code} was stored");
    }
    // Henk's half question is his draft, without the badge.
    let drafts = eventually("Henk's draft", || {
        let dir = std::fs::read_dir(home.drafts_dir()).ok()?;
        let texts: Vec<String> = dir
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        (!texts.is_empty()).then_some(texts.join("\n"))
    });
    assert!(drafts.contains("Waar ligt de"), "{drafts}");
    for code in [LETTER_BADGE, BADGE, "0099887766", "1357"] {
        assert!(!drafts.contains(code), "{code} was kept in a draft");
    }
}

#[test]
fn at_the_kiosk_enter_on_an_open_lesson_sets_it_done_in_plain_words() {
    if !tmux_or_skip("at_the_kiosk_enter_on_an_open_lesson_sets_it_done_in_plain_words") {
        return;
    }
    let home = Home::new();
    let (tmux, henk) = henk_at_40(&home);
    go_to_tab(&tmux, "Lessen");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Enter klaar");
    assert!(screen.contains("Esc"), "{screen}");
    // Esc on the prompt stores nothing.
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Les op klaar zetten");
    tmux.keys("s", &["Escape"]);
    let screen = eventually("the prompt closed", || {
        let s = tmux.screen("s");
        (!s.contains("Les op klaar zetten")).then_some(s)
    });
    assert!(screen.contains("Enter klaar"), "{screen}");
    assert!(!home.ok(&henk, &["export", "--json"]).contains("\"done\""));
    // Enter, a word, Enter: done, with what it brought.
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Les op klaar zetten");
    tmux.type_text("s", "Goed vragen");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Goed gedaan");
}

/// A new worker's first wish at the kiosk, offered and taken with Enter:
/// "Een wens maken: wat wil je leren?", then
/// cost, hours and topic, each of which Enter leaves empty. Enters sent in
/// one go, as fast as a person presses them, all count: the steps before
/// the last write nothing, so none of them freezes the screen and drops
/// the keys behind it (issue 11).
#[test]
fn fast_enters_through_a_new_workers_first_wish_all_count() {
    if !tmux_or_skip("fast_enters_through_a_new_workers_first_wish_all_count") {
        return;
    }
    let home = Home::new();
    let tmux = home.dutch_kiosk(40, 20);
    let badge = "0098765432";
    tmux.type_text("s", badge);
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Welke naam zien je");
    tmux.type_text("s", "Sanne");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "typ: vraag stellen");
    tmux.type_text("s", "Waar ligt de toner?");
    tmux.wait_for("s", "Vraag stellen");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Een wens maken?");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Een wens maken: wat wil je leren");
    tmux.type_text("s", "Leren lassen");
    tmux.wait_for("s", "Leren lassen");
    tmux.keys("s", &["Enter", "Enter", "Enter", "Enter"]);
    tmux.wait_for("s", "Je wens is bewaard");
    let sanne = leertuin::kiosk::badge::handle(badge).expect("a badge handle");
    let wishes = home.ok(&sanne, &["wishes"]);
    assert!(wishes.contains("Leren lassen"), "{wishes}");
}
