//! Signals in a real terminal (tmux): SIGTERM, SIGHUP and SIGINT while a
//! form holds text keep the text as a draft and give the terminal back
//! (normal screen, cursor shown, cooked mode), so the shell in the same
//! pane works as before; a killed pane keeps the text too.

mod tmux_support;

use std::process::Command;

use tmux_support::{BIN, Home, Tmux, eventually, quoted, tmux_or_skip};

/// A shell in a tmux pane with the sandbox's environment; its prompt is
/// `sh> `.
fn shell(home: &Home, w: u16, h: u16) -> Tmux {
    let tmux = Tmux::start_with_env(w, h, "env PS1='sh> ' sh", &home.env("ann"));
    tmux.wait_for("s", "sh>");
    tmux
}

/// Runs `leertuin ARGS` from the shell, which prints its exit status after.
fn run_in_shell(tmux: &Tmux, args: &str) {
    tmux.type_text("s", &format!("{} {args}; echo \"exit=$?\"", quoted(BIN)));
    tmux.keys("s", &["Enter"]);
}

/// The leertuin started by the pane's shell.
fn child_pid(tmux: &Tmux) -> String {
    let shell = tmux.ok(&["list-panes", "-t", "s", "-F", "#{pane_pid}"]);
    eventually("the leertuin process", || {
        let out = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .ok()?;
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!pid.is_empty()).then_some(pid)
    })
}

fn kill(signal: &str, pid: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .status()
        .expect("kill");
    assert!(ok.success(), "kill -{signal} {pid}");
}

/// The terminal is as the shell left it: the normal screen, a visible
/// cursor, and cooked mode (the shell's own `stty` says so, and what it
/// prints lands on lines of its own).
fn assert_terminal_back(tmux: &Tmux) {
    let flags = tmux.ok(&[
        "display-message",
        "-p",
        "-t",
        "s",
        "#{alternate_on} #{cursor_flag}",
    ]);
    assert_eq!(flags, "0 1", "alternate screen off, cursor shown");
    tmux.type_text(
        "s",
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' +; echo ok$((40+2))",
    );
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "ok42");
    assert!(
        screen.lines().any(|l| l.trim_end() == "icanon+echo+ok42"),
        "cooked mode, one line:\n{screen}"
    );
}

#[test]
fn sigterm_in_the_capture_popup_keeps_a_draft_and_restores_the_terminal() {
    if !tmux_or_skip("sigterm_in_the_capture_popup_keeps_a_draft_and_restores_the_terminal") {
        return;
    }
    let home = Home::new();
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "capture --context psql");
    tmux.wait_for("s", "Share a tip · psql");
    tmux.type_text("s", "VACUUM after a big import");
    tmux.keys("s", &["M-Enter"]);
    tmux.type_text("s", "or the planner guesses wrong");
    tmux.wait_for("s", "planner guesses");
    kill("TERM", &child_pid(&tmux));
    tmux.wait_for("s", "exit=143");
    let (_, text) = home.wait_for_draft();
    assert!(
        text.contains("VACUUM after a big import\nor the planner guesses wrong"),
        "{text}"
    );
    assert!(text.contains("psql") && text.contains("ann"), "{text}");
    let screen = tmux.screen("s");
    assert!(screen.contains("kept as a draft"), "{screen}");
    assert_terminal_back(&tmux);
}

#[test]
fn sighup_and_sigint_in_the_panes_capture_form_keep_a_draft() {
    if !tmux_or_skip("sighup_and_sigint_in_the_panes_capture_form_keep_a_draft") {
        return;
    }
    for (signal, status) in [("HUP", "exit=129"), ("INT", "exit=130")] {
        let home = Home::new();
        let tmux = shell(&home, 80, 24);
        run_in_shell(&tmux, "");
        tmux.wait_for("s", "? help");
        // `c` on the first screen asks a question.
        tmux.keys("s", &["c"]);
        tmux.wait_for("s", "Ask a question");
        tmux.type_text("s", &format!("half a thought before {signal}"));
        tmux.wait_for("s", "half a thought");
        kill(signal, &child_pid(&tmux));
        tmux.wait_for("s", status);
        let (_, text) = home.wait_for_draft();
        assert!(
            text.contains(&format!("half a thought before {signal}")),
            "{signal}: {text}"
        );
        assert_terminal_back(&tmux);
    }
}

/// Ctrl-C in the pane quits at once (it is no signal there: the terminal
/// is raw), and the text of an open form is kept like on a signal.
#[test]
fn ctrl_c_in_the_panes_capture_form_keeps_a_draft() {
    if !tmux_or_skip("ctrl_c_in_the_panes_capture_form_keeps_a_draft") {
        return;
    }
    let home = Home::new();
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "? help");
    tmux.keys("s", &["c"]);
    tmux.wait_for("s", "Ask a question");
    tmux.type_text("s", "a second try at the text");
    tmux.wait_for("s", "a second try");
    tmux.keys("s", &["C-c"]);
    let screen = tmux.wait_for("s", "exit=0");
    assert!(screen.contains("kept as a draft"), "{screen}");
    let (_, text) = home.wait_for_draft();
    assert!(text.contains("a second try at the text"), "{text}");
    assert_terminal_back(&tmux);
}

#[test]
fn a_killed_tmux_pane_keeps_the_text_typed_in_it() {
    if !tmux_or_skip("a_killed_tmux_pane_keeps_the_text_typed_in_it") {
        return;
    }
    let home = Home::new();
    let tmux = Tmux::start_with_env(80, 24, "sleep 600", &home.env("ann"));
    // The pane beside the work, as `leertuin tmux` opens it.
    let pane = tmux.ok(&[
        "split-window",
        "-h",
        "-P",
        "-F",
        "#{pane_id}",
        "-t",
        "s",
        &format!("exec {}", quoted(BIN)),
    ]);
    tmux.wait_for(&pane, "? help");
    tmux.keys(&pane, &["c"]);
    tmux.wait_for(&pane, "Ask a question");
    tmux.type_text(&pane, "a whole tip, then the pane is closed");
    tmux.wait_for(&pane, "the pane is");
    tmux.ok(&["kill-pane", "-t", &pane]);
    let (_, text) = home.wait_for_draft();
    assert!(
        text.contains("a whole tip, then the pane is closed"),
        "{text}"
    );
}

#[test]
fn a_signal_with_no_text_typed_keeps_no_draft() {
    if !tmux_or_skip("a_signal_with_no_text_typed_keeps_no_draft") {
        return;
    }
    let home = Home::new();
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "capture");
    tmux.wait_for("s", "Share a tip");
    kill("TERM", &child_pid(&tmux));
    tmux.wait_for("s", "exit=143");
    assert_terminal_back(&tmux);
    let drafts = std::fs::read_dir(home.drafts_dir()).map_or(0, |d| d.count());
    assert_eq!(drafts, 0);
}

/// An answer being typed when the terminal goes: kept, announced at the
/// next start, and back in the answer form of that question.
#[test]
fn an_answer_typed_when_a_signal_comes_is_back_in_its_form_next_time() {
    if !tmux_or_skip("an_answer_typed_when_a_signal_comes_is_back_in_its_form_next_time") {
        return;
    }
    let home = Home::new();
    let q = home.ok("bob", &["add", "question", "Where is the spare toner?"]);
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "spare toner");
    tmux.keys("s", &["a"]);
    tmux.wait_for("s", "toner");
    tmux.type_text("s", "In the cupboard behind the big printer");
    tmux.wait_for("s", "behind the big printer");
    kill("HUP", &child_pid(&tmux));
    tmux.wait_for("s", "exit=129");
    assert_terminal_back(&tmux);

    run_in_shell(&tmux, "");
    tmux.wait_for("s", &format!("Your unsent answer to {q} was kept"));
    tmux.keys("s", &["a"]);
    tmux.wait_for("s", "behind the big printer");
    tmux.keys("s", &["Enter"]);
    let shown = eventually("the answer stored", || {
        let out = home.ok("ann", &["show", &q, "--json"]);
        out.contains("In the cupboard behind the big printer")
            .then_some(out)
    });
    assert!(shown.contains("\"author\": \"ann\""), "{shown}");
    tmux.keys("s", &["q"]);
}

/// An answer saved, then the terminal goes: what a signal keeps is held
/// anew after the save, so no draft of the stored answer is made and none
/// is offered next time (a tester found "nog niet verstuurd" for an answer
/// the pane had said was saved, and it would have been posted twice).
#[test]
fn a_signal_right_after_a_save_keeps_no_draft_of_what_was_saved() {
    if !tmux_or_skip("a_signal_right_after_a_save_keeps_no_draft_of_what_was_saved") {
        return;
    }
    let home = Home::new();
    home.ok("bob", &["add", "question", "Where is the spare toner?"]);
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "spare toner");
    tmux.keys("s", &["a"]);
    tmux.wait_for("s", "toner");
    tmux.type_text("s", "In the cupboard behind the big printer");
    tmux.wait_for("s", "behind the big printer");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "saved");
    kill("HUP", &child_pid(&tmux));
    tmux.wait_for("s", "exit=129");
    let drafts = std::fs::read_dir(home.drafts_dir()).map_or(0, |d| d.count());
    assert_eq!(drafts, 0, "a draft of the saved answer");
    run_in_shell(&tmux, "");
    let screen = tmux.wait_for("s", "spare toner");
    assert!(!screen.contains("was kept"), "{screen}");
    tmux.keys("s", &["q"]);
}

/// Minutes to pledge, a reflection and a profile edit being typed when the
/// terminal goes (SIGTERM, SIGHUP, SIGINT): each is kept, announced at the
/// next start, and back in its form when that form is opened again.
#[test]
fn a_pledge_a_reflection_and_a_profile_typed_when_a_signal_comes_are_back_next_time() {
    if !tmux_or_skip(
        "a_pledge_a_reflection_and_a_profile_typed_when_a_signal_comes_are_back_next_time",
    ) {
        return;
    }
    let home = Home::new();
    let q = home.ok("bob", &["add", "question", "Who knows the label printer?"]);
    let tmux = shell(&home, 80, 24);

    // Minutes to pledge, on the question the first screen selects.
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "label printer");
    tmux.keys("s", &["p"]);
    tmux.wait_for("s", "Minutes of your time");
    tmux.type_text("s", "25");
    tmux.wait_for("s", "25");
    kill("TERM", &child_pid(&tmux));
    tmux.wait_for("s", "exit=143");
    assert_terminal_back(&tmux);
    tmux.ok(&["send-keys", "-t", "s", "clear", "Enter"]);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", &format!("pledging on {q} were kept"));
    tmux.keys("s", &["p"]);
    tmux.wait_for("s", "25");
    tmux.keys("s", &["Enter"]);
    eventually("the pledge stored", || {
        let out = home.ok("ann", &["show", &q, "--json"]);
        out.contains("\"minutes\": 25").then_some(())
    });
    // Keys typed while the save still runs are dropped (by design): the
    // next key waits for the outcome on screen.
    tmux.wait_for("s", "You pledged");

    // A reflection, on the first lesson.
    tmux.keys("s", &["2"]);
    tmux.keys("s", &["d"]);
    tmux.wait_for("s", "What did you learn");
    tmux.type_text("s", "Label the shelves first");
    tmux.wait_for("s", "Label the shelves first");
    kill("HUP", &child_pid(&tmux));
    tmux.wait_for("s", "exit=129");
    assert_terminal_back(&tmux);
    tmux.ok(&["send-keys", "-t", "s", "clear", "Enter"]);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "was kept");
    tmux.keys("s", &["2"]);
    tmux.keys("s", &["d"]);
    tmux.wait_for("s", "Label the shelves first");
    tmux.keys("s", &["Enter"]);
    eventually("the reflection stored", || {
        let out = home.ok("ann", &["export"]);
        out.contains("Label the shelves first").then_some(())
    });
    tmux.wait_for("s", "Saved");

    // The profile: what you want to learn, typed and not saved yet.
    tmux.keys("s", &["7"]);
    tmux.keys("s", &["e"]);
    tmux.wait_for("s", "Your profile");
    tmux.type_text("s", "forklift");
    tmux.wait_for("s", "forklift");
    kill("INT", &child_pid(&tmux));
    tmux.wait_for("s", "exit=130");
    assert_terminal_back(&tmux);
    tmux.ok(&["send-keys", "-t", "s", "clear", "Enter"]);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "profile you were changing was kept");
    tmux.keys("s", &["7"]);
    tmux.keys("s", &["e"]);
    tmux.wait_for("s", "forklift");
    tmux.keys("s", &["C-s"]);
    eventually("the profile stored", || {
        let out = home.ok("ann", &["me", "--json"]);
        out.contains("forklift").then_some(())
    });
    tmux.keys("s", &["q"]);
}

/// An edit of your own post being typed when the terminal goes: kept as an
/// edit of that post (never offered as a new post), announced at the next
/// start, and back in the edit form of that post.
#[test]
fn an_edit_typed_when_a_signal_comes_is_back_in_its_form_next_time() {
    if !tmux_or_skip("an_edit_typed_when_a_signal_comes_is_back_in_its_form_next_time") {
        return;
    }
    let home = Home::new();
    let t = home.ok("ann", &["add", "tip", "Hold feed to restart the printer"]);
    let tmux = shell(&home, 80, 24);
    run_in_shell(&tmux, "");
    tmux.wait_for("s", "? help");
    tmux.keys("s", &["4"]);
    tmux.wait_for("s", "Hold feed");
    tmux.keys("s", &["e"]);
    tmux.wait_for("s", "Hold feed to restart the printer");
    tmux.keys("s", &["End"]);
    tmux.type_text("s", " for five seconds");
    tmux.wait_for("s", "for five seconds");
    kill("HUP", &child_pid(&tmux));
    tmux.wait_for("s", "exit=129");
    assert_terminal_back(&tmux);
    tmux.ok(&["send-keys", "-t", "s", "clear", "Enter"]);

    run_in_shell(&tmux, "");
    tmux.wait_for("s", &format!("Your changes to {t} were kept"));
    // Not offered as a new tip.
    assert!(
        !tmux.screen("s").contains("Unsaved draft"),
        "{}",
        tmux.screen("s")
    );
    tmux.keys("s", &["4"]);
    tmux.keys("s", &["e"]);
    tmux.wait_for("s", "for five seconds");
    tmux.keys("s", &["Enter"]);
    eventually("the edit stored", || {
        let out = home.ok("ann", &["list", "tips", "--json"]);
        out.contains("Hold feed to restart the printer for five seconds")
            .then_some(out)
    });
    let tips = home.ok("ann", &["list", "tips", "--json"]);
    assert_eq!(
        tips.matches("\"id\": \"t").count(),
        1,
        "one tip, edited: {tips}"
    );
    tmux.keys("s", &["q"]);
}
