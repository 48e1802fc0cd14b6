//! The last edges of issue 11 found by a tester and a reviewer, on the real
//! binary in tmux, in Dutch at 40 and 80 columns: what a first-time worker
//! who has never used a terminal does at the kiosk.

mod tmux_support;

use tmux_support::{Home, Tmux, WELCOME, tmux_or_skip};

const SIZES: [(u16, u16); 2] = [(40, 20), (80, 24)];

/// tmux sends a buffer as a bracketed paste (`paste-buffer -p`) when the
/// program asked for it.
fn paste(tmux: &Tmux, text: &str) {
    tmux.ok(&["set-buffer", "--", text]);
    tmux.ok(&["paste-buffer", "-p", "-t", "s"]);
}

/// A name and a PIN pasted in one go at the welcome screen were one line,
/// "Henk 1234", which has digits and so was taken as a badge code (shown
/// as dots; Enter registered a badge nobody has). A paste is typing: the
/// name field gets the first line, nobody logs in by the paste, and Enter
/// goes on with the name, to choosing its PIN.
#[test]
fn a_pasted_name_and_pin_at_the_welcome_screen_is_the_name() {
    if !tmux_or_skip("a_pasted_name_and_pin_at_the_welcome_screen_is_the_name") {
        return;
    }
    for (w, h) in SIZES {
        let home = Home::new();
        let tmux = home.dutch_kiosk(w, h);
        paste(&tmux, "Henk\n1234\n");
        let screen = tmux.wait_for("s", "Henk");
        assert!(screen.contains(WELCOME), "{w}×{h}:\n{screen}");
        assert!(
            !screen.contains("1234") && !screen.contains('•'),
            "{w}×{h}:\n{screen}"
        );
        tmux.keys("s", &["Enter"]);
        let screen = tmux.wait_for("s", "Welke naam");
        assert!(screen.contains("Henk"), "{w}×{h}:\n{screen}");
        tmux.keys("s", &["Enter"]);
        tmux.wait_for("s", "Kies je eigen pincode");
    }
}
