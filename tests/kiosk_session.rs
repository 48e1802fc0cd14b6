//! The kiosk session as a state machine, without a terminal: welcome →
//! register → pane → idle → welcome, a known badge, and the rate limit of
//! wrong admin PINs on a hand-set clock.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use leertuin::kiosk::pin::{self, FIRST_WAIT};
use leertuin::kiosk::session::{Clock, Key, Notice, Outcome, Phase, Session};
use leertuin::store::{SqliteStore, Store};

const BADGE: &str = "0012345642";

/// A clock that only moves when the test says so.
#[derive(Clone)]
struct FakeClock(Rc<Cell<Instant>>);

impl FakeClock {
    fn new() -> FakeClock {
        FakeClock(Rc::new(Cell::new(Instant::now())))
    }
    fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.0.get()
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: SqliteStore,
    clock: FakeClock,
    session: Session,
}

fn fixture(pin_hash: Option<String>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("kiosk.db")).unwrap();
    let clock = FakeClock::new();
    let session = Session::new(
        Duration::from_secs(120),
        "en",
        pin_hash,
        Box::new(clock.clone()),
    );
    Fixture {
        _dir: dir,
        store,
        clock,
        session,
    }
}

impl Fixture {
    fn key(&mut self, key: Key) -> Outcome {
        self.session.key(key, &self.store)
    }

    fn typed(&mut self, text: &str) -> Outcome {
        for c in text.chars() {
            assert_eq!(self.key(Key::Char(c)), Outcome::Stay);
        }
        self.key(Key::Enter)
    }
}

#[test]
fn a_new_badge_registers_uses_the_pane_and_idles_back_to_welcome() {
    let mut f = fixture(None);
    assert_eq!(f.session.phase, Phase::Welcome);

    // An unknown badge: asked for a name; the code is not offered back.
    assert_eq!(f.typed(BADGE), Outcome::Stay);
    let Phase::Register { handle } = f.session.phase.clone() else {
        panic!("{:?}", f.session.phase)
    };
    assert!(
        !handle.contains(BADGE),
        "the badge code is not stored: {handle}"
    );
    assert_eq!(f.session.input, "");

    // An empty name is refused; then Dutch, and a name.
    assert_eq!(f.key(Key::Enter), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::NameNeeded));
    f.key(Key::SwitchLang);
    assert_eq!(f.session.lang, "nl");
    let out = f.typed("Anna de Vries");
    assert_eq!(
        out,
        Outcome::LogIn {
            handle: handle.clone(),
            lang: "nl".into()
        }
    );
    assert_eq!(f.session.person_name(), Some("Anna de Vries"));
    let person = f.store.person(&handle).unwrap().unwrap();
    assert_eq!(
        (person.name.as_str(), person.lang.as_deref()),
        ("Anna de Vries", Some("nl"))
    );

    // Keys in the pane keep the session alive; then the idle time passes.
    f.clock.advance(Duration::from_secs(100));
    f.session.touch();
    f.clock.advance(Duration::from_secs(119));
    assert_eq!(f.session.tick(), Outcome::Stay);
    f.clock.advance(Duration::from_secs(1));
    assert_eq!(
        f.session.tick(),
        Outcome::LoggedOut {
            handle: handle.clone(),
            idle: true
        }
    );
    assert_eq!(f.session.phase, Phase::Welcome);
    assert_eq!(f.session.person_name(), None);
    assert_eq!((f.session.input.as_str(), f.session.lang), ("", "en"));
    assert_eq!(f.session.notice, None);

    // The same badge again: straight in, in the person's language.
    assert_eq!(
        f.typed(BADGE),
        Outcome::LogIn {
            handle: handle.clone(),
            lang: "nl".into()
        }
    );
    // The log-out key.
    assert_eq!(
        f.session.logout(),
        Outcome::LoggedOut {
            handle,
            idle: false
        }
    );
    assert_eq!(f.session.phase, Phase::Welcome);
}

#[test]
fn a_typed_name_is_offered_as_the_display_name_and_esc_goes_back() {
    let mut f = fixture(None);
    f.typed("  Bert  ");
    assert!(matches!(&f.session.phase, Phase::Register { handle } if handle == "bert"));
    assert_eq!(f.session.input, "Bert");
    f.key(Key::Esc);
    assert_eq!(
        (&f.session.phase, f.session.input.as_str()),
        (&Phase::Welcome, "")
    );

    // Registering halfway, then walking away: the welcome screen comes back.
    f.typed("Bert");
    f.key(Key::SwitchLang);
    f.clock.advance(Duration::from_secs(120));
    assert_eq!(f.session.tick(), Outcome::Reset);
    assert_eq!((&f.session.phase, f.session.lang), (&Phase::Welcome, "en"));
    assert!(f.store.person("bert").unwrap().is_none(), "no person yet");

    // Half a badge typed and left: wiped too, but an empty screen stays.
    f.key(Key::Char('7'));
    f.clock.advance(Duration::from_secs(120));
    assert_eq!(f.session.tick(), Outcome::Reset);
    assert_eq!(f.session.input, "");
    f.clock.advance(Duration::from_secs(500));
    assert_eq!(f.session.tick(), Outcome::Stay);
}

#[test]
fn wrong_pins_are_rate_limited_on_the_clock() {
    let mut f = fixture(Some(pin::hash("2468").unwrap()));
    f.key(Key::Admin);
    assert_eq!(f.session.phase, Phase::Pin);

    // Three free tries; the third wrong one starts a wait.
    assert_eq!(f.typed("1111"), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::WrongPin { wait: None }));
    f.typed("2222");
    f.typed("3333");
    assert_eq!(
        f.session.notice,
        Some(Notice::WrongPin {
            wait: Some(FIRST_WAIT)
        })
    );

    // While waiting, even the right PIN is not checked.
    f.clock.advance(Duration::from_secs(10));
    assert_eq!(f.typed("2468"), Outcome::Stay);
    assert_eq!(
        f.session.notice,
        Some(Notice::Wait(FIRST_WAIT - Duration::from_secs(10)))
    );

    // Leaving and coming back does not reset the wait.
    f.key(Key::Esc);
    f.key(Key::Admin);
    assert_eq!(
        f.session.notice,
        Some(Notice::Wait(FIRST_WAIT - Duration::from_secs(10)))
    );

    // A fourth wrong PIN after the wait doubles it.
    f.clock.advance(FIRST_WAIT);
    f.typed("4444");
    assert_eq!(
        f.session.notice,
        Some(Notice::WrongPin {
            wait: Some(FIRST_WAIT * 2)
        })
    );
    f.clock.advance(FIRST_WAIT * 2);
    assert_eq!(f.typed("2468"), Outcome::Leave);
    assert_eq!(f.session.limiter.failures(), 0);
}

#[test]
fn without_a_pin_nothing_leaves() {
    let mut f = fixture(None);
    f.key(Key::Admin);
    assert_eq!(f.session.phase, Phase::Welcome);
    assert_eq!(f.session.notice, Some(Notice::NoPin));
    // Esc and keys that are no text do nothing here.
    assert_eq!(f.key(Key::Esc), Outcome::Stay);
    assert_eq!(f.key(Key::Enter), Outcome::Stay);
    assert_eq!(f.session.phase, Phase::Welcome);
}
