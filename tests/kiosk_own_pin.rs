//! `leertuin kiosk pin`: a person whose name is known without a PIN
//! (someone who only used the pane, or a name registered before PINs) sets
//! their own, run as themselves. Then the kiosk asks that name for it, and
//! with it the person sees their own private entries. Bad input is one
//! line, exit code 2, and nothing stored.

mod common;

use std::time::{Duration, Instant};

use common::Sandbox;
use leertuin::kiosk::session::{Clock, Key, Outcome, Phase, Session};
use leertuin::store::{SqliteStore, Store};

struct Fixed(Instant);

impl Clock for Fixed {
    fn now(&self) -> Instant {
        self.0
    }
}

fn kiosk() -> Session {
    Session::new(
        Duration::from_secs(120),
        "nl",
        None,
        Box::new(Fixed(Instant::now())),
    )
}

fn type_in(session: &mut Session, store: &dyn Store, text: &str) -> Outcome {
    for c in text.chars() {
        session.key(Key::Char(c), store);
    }
    session.key(Key::Enter, store)
}

/// `leertuin kiosk pin` as `who`, with `typed` on standard input.
fn own_pin(s: &Sandbox, who: &str, typed: &str) -> std::process::Output {
    s.cmd_as(who)
        .args(["kiosk", "pin"])
        .write_stdin(typed)
        .output()
        .unwrap()
}

fn pin_of(s: &Sandbox, who: &str) -> Option<String> {
    SqliteStore::open(&s.db()).unwrap().person_pin(who).unwrap()
}

#[test]
fn a_name_without_a_pin_gets_one_from_the_command_line_and_then_logs_in_with_it() {
    let s = Sandbox::new();
    // Ann used only the pane: her name is known, without a PIN.
    s.ok(&["add", "learned", "Mijn eigen notitie", "--private"]);
    s.ok(&["me", "--lang", "nl"]);
    assert_eq!(pin_of(&s, "ann"), None);
    let store = SqliteStore::open(&s.db()).unwrap();
    let mut before = kiosk();
    assert_eq!(
        type_in(&mut before, &store, "Ann"),
        Outcome::LogIn {
            handle: "ann".into(),
            lang: "nl".into(),
            private: false
        },
        "a name without a PIN logs in with shared things only"
    );

    let out = own_pin(&s, "ann", "4711\n");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Je kioskpincode staat erin"), "{said}");
    assert!(said.contains("(ann)"), "{said}");
    assert!(!said.contains("4711"), "{said}");
    let hash = pin_of(&s, "ann").expect("a PIN hash");
    assert!(hash.starts_with("$argon2id$") && !hash.contains("4711"));

    // The kiosk now asks Ann's name for it; with it, everything shows.
    let mut after = kiosk();
    type_in(&mut after, &store, "ann");
    assert!(
        matches!(after.phase, Phase::NamePin { .. }),
        "{:?}",
        after.phase
    );
    assert_eq!(
        type_in(&mut after, &store, "4711"),
        Outcome::LogIn {
            handle: "ann".into(),
            lang: "nl".into(),
            private: true
        }
    );
    // Forgotten? Run it again: the new PIN replaces the old one.
    let out = own_pin(&s, "ann", "2468\n");
    assert!(out.status.success(), "{out:?}");
    assert_ne!(pin_of(&s, "ann"), Some(hash));
}

#[test]
fn a_short_pin_or_a_name_the_kiosk_cannot_take_is_refused_and_nothing_stored() {
    let s = Sandbox::new();
    s.ok(&["me", "--lang", "nl"]);
    let out = own_pin(&s, "ann", "12\n");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("minstens 4 tekens"), "{err}");
    assert_eq!(pin_of(&s, "ann"), None);

    // Digits and letters only, as the kiosk asks when a PIN is chosen
    // there: with spaces and a `?` it could pass for a question on the
    // PIN screens.
    for typed in ["12 34\n", "kat?2024\n"] {
        let out = own_pin(&s, "ann", typed);
        assert_eq!(out.status.code(), Some(2), "{typed:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("alleen cijfers of letters"), "{err}");
        assert_eq!(pin_of(&s, "ann"), None);
    }

    // Digits make a typed name a badge code at the kiosk: such a handle
    // could never use a PIN there.
    let out = own_pin(&s, "ann2", "4711\n");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ann2"), "{err}");
    assert_eq!(pin_of(&s, "ann2"), None);

    // The admin PIN's flags and the person's PIN are not mixed up.
    let out = s
        .cmd()
        .args(["kiosk", "--set-pin", "pin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
