//! A typed name at the kiosk is no login: in a real terminal (tmux), in
//! Dutch, at 80 and 40 columns, a name without its PIN sees colleagues'
//! shared entries but no private one, not even the person's own; with the
//! PIN chosen at registration it sees them.

mod tmux_support;

use tmux_support::{Home, Tmux, tmux_or_skip};

const SECRET: &str = "Geheime notitie over de klep";
const SHARED: &str = "Gedeelde notitie over de pers";
/// What a list row at 40 columns still shows of them.
const SECRET_SHOWN: &str = "Geheime notitie";
const SHARED_SHOWN: &str = "Gedeelde notitie";

/// The Learned tab (Tab four times: on a kiosk, typing asks a question),
/// once its list has been drawn.
fn learned_tab(tmux: &Tmux) -> String {
    tmux.keys("s", &["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for("s", SHARED_SHOWN)
}

#[test]
fn kiosk_name_registered_with_a_pin_needs_it_for_private_entries() {
    if !tmux_or_skip("kiosk_name_registered_with_a_pin_needs_it_for_private_entries") {
        return;
    }
    let home = Home::new();
    home.ok("bram", &["add", "learned", SHARED]);
    let tmux = home.dutch_kiosk(80, 24);

    // Henk is new: his name, then a PIN of his own.
    tmux.type_text("s", "Henk");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Welke naam zien je collega's?");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Kies je eigen pincode");
    assert!(screen.contains("Minstens 4"), "{screen}");
    tmux.type_text("s", "4711");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Typ je pincode nog een keer");
    tmux.type_text("s", "4711");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "uitloggen");
    assert!(
        screen.contains("Henk") && !screen.contains("4711"),
        "{screen}"
    );
    tmux.log_out();

    // He keeps a private note (here from the command line).
    home.ok("henk", &["add", "learned", SECRET, "--private"]);

    // Someone types "henk" and skips the PIN: shared things only.
    tmux.type_text("s", "henk");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "Typ je pincode");
    assert!(screen.contains("zonder pincode"), "{screen}");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "alleen gedeeld");
    assert!(screen.contains("Henk"), "{screen}");
    let screen = learned_tab(&tmux);
    assert!(
        !screen.contains(SECRET_SHOWN),
        "a name without PIN saw:\n{screen}"
    );
    // Search does not find it either.
    tmux.keys("s", &["/"]);
    tmux.type_text("s", "klep");
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert!(
        !tmux.screen("s").contains(SECRET_SHOWN),
        "{}",
        tmux.screen("s")
    );
    tmux.keys("s", &["Escape"]);
    // Two Esc bytes in one read would be one Alt-Esc: let the first land.
    std::thread::sleep(std::time::Duration::from_millis(300));
    tmux.log_out();

    // With the PIN: his own note is there.
    tmux.type_text("s", "henk");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "Typ je pincode");
    tmux.type_text("s", "4711");
    tmux.keys("s", &["Enter"]);
    let screen = tmux.wait_for("s", "uitloggen");
    assert!(!screen.contains("alleen gedeeld"), "{screen}");
    tmux.keys("s", &["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for("s", SECRET_SHOWN);
}

#[test]
fn kiosk_name_without_a_pin_sees_no_private_entry_at_40_columns() {
    if !tmux_or_skip("kiosk_name_without_a_pin_sees_no_private_entry_at_40_columns") {
        return;
    }
    let home = Home::new();
    // Ann works in the pane under her login name and never set a kiosk PIN.
    home.ok("ann", &["add", "learned", SECRET, "--private"]);
    home.ok("bram", &["add", "learned", SHARED]);
    let tmux = home.dutch_kiosk(40, 20);
    tmux.type_text("s", "ann");
    tmux.keys("s", &["Enter"]);
    tmux.wait_for("s", "alleen gedeeld");
    // And why: the bottom line says no PIN was used, and what still works.
    tmux.wait_for("s", "Alleen gedeelde dingen");
    let screen = learned_tab(&tmux);
    assert!(
        !screen.contains(SECRET_SHOWN),
        "a typed name saw:\n{screen}"
    );
}
