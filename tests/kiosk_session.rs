//! The kiosk session as a state machine, without a terminal: welcome →
//! register → pane → idle → welcome, a known badge, and the rate limit of
//! wrong admin PINs on a hand-set clock. Each rule runs on a file and on
//! the team server, logged in as a kiosk (`on_sqlite::…`, `on_postgres::…`).

mod pg_support;

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use leertuin::domain::{Draft, Kind, NewItem};
use leertuin::kiosk::pin::{self, FIRST_WAIT, MAX_WAIT};
use leertuin::kiosk::session::{Clock, Key, Notice, Outcome, Phase, Session};
use leertuin::store::postgres::{self as server, ServerUrl};
use leertuin::store::{self, ListQuery, Mode, PublicView, Spec, Store};

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
    _dir: Option<tempfile::TempDir>,
    store: Box<dyn Store>,
    /// Opens the same data again, as `store` was opened.
    reopen: Box<dyn Fn() -> Box<dyn Store>>,
    clock: FakeClock,
    session: Session,
}

/// Where a rule runs: a database file, or the team server as a kiosk.
#[derive(Clone, Copy)]
enum Backend {
    File,
    Server,
}

/// `None` (after saying why) on the server without PostgreSQL.
fn fixture(b: Backend, pin_hash: Option<String>) -> Option<Fixture> {
    let (dir, spec) = match b {
        Backend::File => {
            let dir = tempfile::tempdir().unwrap();
            let spec = Spec::File(dir.path().join("kiosk.db"));
            (Some(dir), spec)
        }
        Backend::Server => {
            let pg = pg_support::shared("kiosk_session")?;
            let db = pg.database("kiosk_session");
            // A role name has at most 63 bytes: the database's number.
            let kiosk = format!("kiosk_{}", db.name.rsplit('_').next().unwrap_or_default());
            let _lock = pg_support::setup_lock();
            let url = ServerUrl::parse(&db.url(&db.owner)).unwrap();
            server::schema::init(&url, &leertuin::bundled::lessons()).unwrap();
            server::people::add_kiosk(&url, &kiosk).unwrap();
            (None, Spec::Server(db.url(&kiosk)))
        }
    };
    let store = store::open(&spec, Mode::Create).unwrap();
    let reopen = Box::new(move || store::open(&spec, Mode::Create).unwrap());
    let clock = FakeClock::new();
    let session = Session::new(
        Duration::from_secs(120),
        "en",
        pin_hash,
        Box::new(clock.clone()),
    );
    Some(Fixture {
        _dir: dir,
        store,
        reopen,
        clock,
        session,
    })
}

impl Fixture {
    fn key(&mut self, key: Key) -> Outcome {
        self.session.key(key, &*self.store)
    }

    /// The display name is asked next, for `handle`.
    fn registers(&self, handle: &str) {
        assert!(
            matches!(&self.session.phase, Phase::Register { handle: h, .. } if h == handle),
            "{:?}",
            self.session.phase
        );
    }

    fn typed(&mut self, text: &str) -> Outcome {
        for c in text.chars() {
            assert_eq!(self.key(Key::Char(c)), Outcome::Stay);
        }
        self.key(Key::Enter)
    }
}

fn a_new_badge_registers_uses_the_pane_and_idles_back_to_welcome(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    assert_eq!(f.session.phase, Phase::Welcome);

    // An unknown badge: asked for a name; the code is not offered back.
    assert_eq!(f.typed(BADGE), Outcome::Stay);
    let Phase::Register {
        handle,
        by_name: false,
    } = f.session.phase.clone()
    else {
        panic!("{:?}", f.session.phase)
    };
    assert!(
        !handle.contains(BADGE),
        "the badge code is not stored: {handle}"
    );
    assert_eq!(f.session.input.text(), "");

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
            lang: "nl".into(),
            private: true
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
    assert_eq!((f.session.input.text(), f.session.lang), ("", "en"));
    assert_eq!(f.session.notice, None);

    // The same badge again: straight in, in the person's language.
    assert_eq!(
        f.typed(BADGE),
        Outcome::LogIn {
            handle: handle.clone(),
            lang: "nl".into(),
            private: true
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

fn typing_a_name_over_the_offered_one_replaces_it(b: Backend) {
    // Henk types "henk" to log in, then "Henk" where the kiosk asks which
    // name colleagues see: that is his name, not "henkHenk".
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("henk");
    assert_eq!(f.session.input.text(), "henk", "offered");
    for c in "Henk".chars() {
        f.key(Key::Char(c));
    }
    assert_eq!(f.session.input.text(), "Henk");
}

fn a_typed_name_is_offered_as_the_display_name_and_esc_goes_back(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("  Bert  ");
    assert!(
        matches!(&f.session.phase, Phase::Register { handle, by_name: true } if handle == "bert")
    );
    assert_eq!(f.session.input.text(), "Bert");
    f.key(Key::Esc);
    assert_eq!(
        (&f.session.phase, f.session.input.text()),
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
    assert_eq!(f.session.input.text(), "");
    f.clock.advance(Duration::from_secs(500));
    assert_eq!(f.session.tick(), Outcome::Stay);
}

fn wrong_pins_are_rate_limited_on_the_clock(b: Backend) {
    let Some(mut f) = fixture(b, Some(pin::hash("2468").unwrap())) else {
        return;
    };
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

fn without_a_pin_nothing_leaves(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.key(Key::Admin);
    assert_eq!(f.session.phase, Phase::Welcome);
    assert_eq!(f.session.notice, Some(Notice::NoPin));
    // Esc and keys that are no text do nothing here.
    assert_eq!(f.key(Key::Esc), Outcome::Stay);
    assert_eq!(f.key(Key::Enter), Outcome::Stay);
    assert_eq!(f.session.phase, Phase::Welcome);
}

/// The usability test: "Waar is de koffie?" Enter at the welcome screen
/// registered a person with that name. A question, or more words than a
/// name has, is neither a name nor a badge: nobody is made, the text stays
/// in the field, and the screen says to type a name or scan a badge first.
fn a_question_at_the_welcome_screen_is_no_name(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    let before = f.store.persons().unwrap().len();
    for text in [
        "Waar is de koffie?",
        "Waar is lokaal 12?",
        "ik zoek de sleutel van het magazijn",
    ] {
        assert_eq!(f.typed(text), Outcome::Stay, "{text}");
        assert_eq!(f.session.phase, Phase::Welcome, "{text}");
        assert_eq!(f.session.notice, Some(Notice::NameFirst), "{text}");
        assert_eq!(f.session.input.text(), text, "nothing typed is lost");
        assert_eq!(f.store.persons().unwrap().len(), before, "{text}");
        // Cleared by hand, as a worker would with Ctrl-U.
        f.session.input.clear();
    }
    // The question stays in sight with the notice; the next key starts
    // afresh, so a badge scanned after it is a badge, not glued to the
    // question (review: the worker was stuck there).
    f.typed("Waar is de koffie?");
    assert_eq!(f.session.notice, Some(Notice::NameFirst));
    f.typed(";0012345678?");
    assert!(
        matches!(f.session.phase, Phase::Register { by_name: false, .. }),
        "a magnetic stripe's code is a badge: {:?}",
        f.session.phase
    );
    f.key(Key::Esc);
    f.session.input.clear();
    // A name of five words is still a name.
    f.typed("Maria de los Angeles Garcia");
    assert!(matches!(
        f.session.phase,
        Phase::Register { by_name: true, .. }
    ));
}

/// A code a person could type or guess is no badge: `4711` logs nobody in
/// and makes nobody (a badge logs in without a PIN).
fn a_short_code_is_no_badge(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    assert_eq!(f.typed("4711"), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::BadgeTooShort));
    assert_eq!(f.session.phase, Phase::Welcome);
    assert_eq!(f.typed("12345"), Outcome::Stay);
    assert_eq!(f.session.phase, Phase::Welcome);
    // Six characters or more: a badge, asked for a name as before.
    assert_eq!(f.typed("123456"), Outcome::Stay);
    assert!(matches!(
        f.session.phase,
        Phase::Register { by_name: false, .. }
    ));
}

/// Henk registers by typing his name: he chooses a PIN; next time the name
/// alone shows only shared things, the name with the PIN everything.
fn a_typed_name_needs_its_pin_to_see_private_things(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("Henk");
    assert_eq!(
        f.key(Key::Enter),
        Outcome::Stay,
        "the name is offered: Enter takes it"
    );
    assert!(
        matches!(&f.session.phase, Phase::ChoosePin { handle, name } if handle == "henk" && name == "Henk")
    );
    assert_eq!(f.typed("12"), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::PinTooShort));
    assert!(
        f.store.person("henk").unwrap().is_none(),
        "nobody stored without a PIN"
    );
    // Chosen, then typed once more; a slip sends him back to choose.
    assert_eq!(f.typed("4711"), Outcome::Stay);
    assert!(matches!(f.session.phase, Phase::ConfirmPin { .. }));
    assert_eq!(f.typed("4712"), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::PinMismatch));
    assert!(matches!(f.session.phase, Phase::ChoosePin { .. }));
    assert!(
        f.store.person("henk").unwrap().is_none(),
        "stored on a slip"
    );
    assert_eq!(f.typed("4711"), Outcome::Stay);
    assert_eq!(
        f.typed("4711"),
        Outcome::LogIn {
            handle: "henk".into(),
            lang: "en".into(),
            private: true
        }
    );
    let hash = f.store.person_pin("henk").unwrap().expect("a PIN hash");
    assert!(hash.starts_with("$argon2id$") && !hash.contains("4711"));
    f.session.logout();

    // Henk wrote a private note earlier.
    let draft = Draft {
        text: "I still mix up the two valves".into(),
        private: true,
        ..Draft::default()
    };
    f.store
        .add(&NewItem::from_draft(Kind::Learned, "henk", &draft).unwrap())
        .unwrap();

    // Someone types "henk": asked for the PIN; a wrong one does not help.
    f.typed("henk");
    assert!(
        matches!(&f.session.phase, Phase::NamePin { handle, .. } if handle == "henk"),
        "{:?}",
        f.session.phase
    );
    assert_eq!(f.typed("0000"), Outcome::Stay);
    assert_eq!(f.session.notice, Some(Notice::WrongPin { wait: None }));
    // Enter without a PIN: in, but with shared things only.
    assert_eq!(
        f.key(Key::Enter),
        Outcome::LogIn {
            handle: "henk".into(),
            lang: "en".into(),
            private: false
        }
    );
    assert!(!f.session.private());
    // What such a pane reads: not the private note.
    let public = PublicView::new((f.reopen)());
    let all = ListQuery {
        limit: 100,
        ..ListQuery::default()
    };
    assert!(
        public
            .list(&all, "henk")
            .unwrap()
            .iter()
            .all(|i| i.kind() != Kind::Learned)
    );
    assert!(
        public
            .search_docs("henk")
            .unwrap()
            .iter()
            .all(|d| d.id.kind != Kind::Learned)
    );
    assert_eq!(
        f.store
            .list(&all, "henk")
            .unwrap()
            .iter()
            .filter(|i| i.kind() == Kind::Learned)
            .count(),
        1
    );
    // It may ask under the name, but not share a tip or learned entry
    // in it (they speak for that person), nor change what is there.
    let draft = |text: &str| Draft {
        text: text.into(),
        ..Draft::default()
    };
    for kind in [Kind::Tip, Kind::Learned] {
        let refused =
            public.add(&NewItem::from_draft(kind, "henk", &draft("In Henk's name")).unwrap());
        assert!(
            matches!(refused, Err(leertuin::store::StoreError::NeedsLogin)),
            "{kind:?}: {refused:?}"
        );
    }
    let asked = public
        .add(&NewItem::from_draft(Kind::Question, "henk", &draft("Who has the key?")).unwrap())
        .unwrap();
    let refused = public.delete(leertuin::domain::Post::Item(asked), "henk");
    assert!(matches!(
        refused,
        Err(leertuin::store::StoreError::NeedsLogin)
    ));
    // A refusal, not a fault that passes: it must not wait in the outbox
    // (a tester saw such a delete sent at the owner's next PIN login).
    assert!(refused.is_err_and(|e| !e.keeps_text()));
    assert!(f.store.get(asked, "henk").is_ok());
    f.session.logout();

    // With the PIN: everything.
    f.typed("henk");
    assert_eq!(
        f.typed("4711"),
        Outcome::LogIn {
            handle: "henk".into(),
            lang: "en".into(),
            private: true
        }
    );
    assert!(f.session.private());
}

fn a_known_name_without_a_pin_sees_shared_things_only(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    // "ann" from the pane (her OS login), who never set a kiosk PIN.
    f.store.ensure_person("ann").unwrap();
    assert_eq!(
        f.typed("Ann"),
        Outcome::LogIn {
            handle: "ann".into(),
            lang: "en".into(),
            private: false
        }
    );
}

fn a_badge_only_kiosk_refuses_typed_names(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.session = Session::new(
        Duration::from_secs(120),
        "en",
        None,
        Box::new(f.clock.clone()),
    )
    .with_badge_only(true);
    assert_eq!(f.typed("Henk"), Outcome::Stay);
    assert_eq!(
        (&f.session.phase, &f.session.notice),
        (&Phase::Welcome, &Some(Notice::BadgeOnly))
    );
    f.typed(BADGE);
    assert!(matches!(
        f.session.phase,
        Phase::Register { by_name: false, .. }
    ));
}

fn the_idle_logout_counts_down_and_a_key_keeps_you_in(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed(BADGE);
    f.typed("Anna");
    assert!(f.session.private());
    f.clock.advance(Duration::from_secs(100));
    assert_eq!(f.session.countdown(), None);
    f.clock.advance(Duration::from_secs(6));
    assert_eq!(f.session.countdown(), Some(14));
    assert_eq!(f.session.tick(), Outcome::Stay);
    // Any key: the full idle time again.
    f.session.touch();
    assert_eq!(f.session.countdown(), None);
    f.clock.advance(Duration::from_secs(119));
    assert_eq!(f.session.countdown(), Some(1));
    f.clock.advance(Duration::from_secs(1));
    assert!(matches!(
        f.session.tick(),
        Outcome::LoggedOut { idle: true, .. }
    ));
    assert_eq!(
        f.session.countdown(),
        None,
        "no countdown on the welcome screen"
    );
}

/// A short idle time (`--idle-timeout 20`): the countdown takes its last
/// third (6⅔ s), not its last half; right after a save the quarter left
/// (5 s) counts down its own last third, so the worker's next key types
/// (issue 11).
fn a_short_idle_time_counts_down_only_its_last_third(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.session = Session::new(
        Duration::from_secs(20),
        "en",
        None,
        Box::new(f.clock.clone()),
    );
    f.typed(BADGE);
    f.typed("Anna");
    f.clock.advance(Duration::from_secs(13));
    assert_eq!(
        f.session.countdown(),
        None,
        "7 s of 20 left: no countdown yet"
    );
    f.clock.advance(Duration::from_secs(1));
    assert_eq!(f.session.countdown(), Some(6));
    f.session.touch();
    f.session.saved();
    assert_eq!(
        f.session.countdown(),
        None,
        "a key right after a save types"
    );
    f.clock.advance(Duration::from_secs(4));
    assert_eq!(f.session.countdown(), Some(1));
}

/// A worker who asked and walked away: right after a save the logout
/// comes after a quarter of the idle time (30 s of 120), counted down on
/// screen for its last third (10 s); any key gives the whole idle time back.
fn after_a_save_the_logout_comes_sooner_unless_a_key_follows(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed(BADGE);
    f.typed("Anna");
    f.clock.advance(Duration::from_secs(50));
    f.session.saved();
    assert_eq!(f.session.until_idle(), Duration::from_secs(30));
    f.clock.advance(Duration::from_secs(19));
    assert_eq!(f.session.countdown(), None);
    f.clock.advance(Duration::from_secs(2));
    assert_eq!(f.session.countdown(), Some(9));
    f.clock.advance(Duration::from_secs(9));
    assert!(matches!(
        f.session.tick(),
        Outcome::LoggedOut { idle: true, .. }
    ));

    // Back in, a save and then a key: the whole idle time again.
    f.typed(BADGE);
    f.session.saved();
    f.session.touch();
    assert_eq!(f.session.until_idle(), Duration::from_secs(120));
    f.clock.advance(Duration::from_secs(60));
    assert_eq!(f.session.tick(), Outcome::Stay);

    // Outside the pane a save means nothing.
    let Some(mut g) = fixture(b, None) else {
        return;
    };
    g.session.saved();
    assert_eq!(g.session.until_idle(), Duration::from_secs(120));
}

fn wrong_admin_pins_are_remembered_across_a_restart(b: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let tries = dir.path().join("kiosk-pin-tries");
    let hash = pin::hash("2468").unwrap();
    let Some(mut f) = fixture(b, Some(hash.clone())) else {
        return;
    };
    f.session = Session::new(
        Duration::from_secs(120),
        "en",
        Some(hash.clone()),
        Box::new(f.clock.clone()),
    )
    .with_tries_file(Some(tries.clone()));
    f.key(Key::Admin);
    for wrong in ["1111", "2222", "3333"] {
        f.typed(wrong);
    }
    assert!(matches!(
        f.session.notice,
        Some(Notice::WrongPin { wait: Some(_) })
    ));

    // The kiosk restarts (a new session, a new clock).
    let clock = FakeClock::new();
    let mut again = Session::new(Duration::from_secs(120), "en", Some(hash), Box::new(clock))
        .with_tries_file(Some(tries));
    again.key(Key::Admin, &*f.store);
    assert!(
        matches!(again.notice, Some(Notice::Wait(w)) if w > Duration::from_secs(20)),
        "{:?}",
        again.notice
    );
    assert_eq!(again.limiter.failures(), 3);
}

/// The kiosk's name field is the pane's text field: the cursor moves, a
/// slip in the middle is fixed without typing it all again, a paste lands
/// as its first line (never an Enter), control chars are no
/// text, and it stops at the length a badge or name may have.
fn the_kiosk_field_edits_and_pastes_like_every_field(b: Backend) {
    use leertuin::tui::action::Edit;
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    for c in "Brt".chars() {
        f.key(Key::Char(c));
    }
    f.key(Key::Edit(Edit::Left));
    f.key(Key::Edit(Edit::Left));
    f.key(Key::Char('e'));
    f.key(Key::Edit(Edit::End));
    f.key(Key::Char('\u{7}'));
    assert_eq!(f.session.input.text(), "Bert");
    assert_eq!(f.session.input.cursor(), 4);
    f.key(Key::Edit(Edit::Home));
    f.key(Key::Edit(Edit::Delete));
    assert_eq!(f.session.input.text(), "ert");
    // A paste with line breaks: its first line with text, cleaned,
    // nobody logged in by it.
    f.session.paste("\r  \nAnna\u{1b}[31m\r\nde Vries");
    assert_eq!(f.session.input.text(), "Annaert");
    assert_eq!(f.session.phase, Phase::Welcome);
    // As long as a question's title may be (a question typed here is
    // kept for after the login), no longer.
    f.session.paste(&"x".repeat(500));
    assert_eq!(f.session.input.text().chars().count(), 200);
}

fn a_right_pin_typed_during_someone_elses_wrong_tries_is_kept_not_dropped(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("henk");
    f.typed("Henk");
    f.typed("4711");
    f.typed("4711");
    f.session.logout();
    // Someone else tries Henk's name until it must wait.
    f.typed("henk");
    for _ in 0..10 {
        f.typed("0000");
        if matches!(f.session.notice, Some(Notice::WrongPin { wait: Some(_) })) {
            break;
        }
    }
    assert!(
        matches!(f.session.notice, Some(Notice::WrongPin { wait: Some(_) })),
        "{:?}",
        f.session.notice
    );
    // Henk types his right PIN during the wait: told to wait, PIN kept.
    assert_eq!(f.typed("4711"), Outcome::Stay);
    assert!(
        matches!(f.session.notice, Some(Notice::WaitKept(_))),
        "{:?}",
        f.session.notice
    );
    assert_eq!(f.session.input.text(), "4711", "the PIN was dropped");
    let said =
        leertuin::kiosk::screen::notice_text(f.session.notice.as_ref().expect("a notice"), "nl");
    assert!(said.starts_with("Wacht nog "), "{said}");
    // Not edited blind: Backspace empties it, and the wait stays said.
    f.key(Key::Backspace);
    assert_eq!(f.session.input.text(), "");
    assert!(
        matches!(f.session.notice, Some(Notice::Wait(_))),
        "{:?}",
        f.session.notice
    );
    f.typed("4711");
    // Typed again rather than waited out (a tester's "••••" became
    // "••••••••"): it starts afresh, still kept through the wait.
    assert_eq!(f.typed("4711"), Outcome::Stay);
    assert_eq!(f.session.input.text(), "4711", "typed again, not appended");
    // After the wait, Enter checks the kept PIN.
    f.clock.advance(FIRST_WAIT + Duration::from_secs(1));
    assert_eq!(
        f.key(Key::Enter),
        Outcome::LogIn {
            handle: "henk".into(),
            lang: "en".into(),
            private: true
        }
    );
}

/// Issue 11, tester report of session 5: Ans's three wrong PINs on Henk's
/// name kept Henk out for 30 s. A kiosk cannot tell who types, so the
/// tries stay counted per name, but the first waits are short; guessing
/// still grows to an hour a try.
fn a_colleagues_slips_keep_the_owner_out_seconds_and_guessing_stays_slow(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("henk");
    f.typed("Henk");
    f.typed("4711");
    f.typed("4711");
    f.session.logout();
    // Ans types Henk's name and three wrong PINs, then leaves.
    f.typed("henk");
    for _ in 0..3 {
        f.typed("0000");
    }
    let Some(Notice::WrongPin { wait: Some(wait) }) = f.session.notice else {
        panic!("{:?}", f.session.notice)
    };
    assert!(wait <= Duration::from_secs(5), "Henk waits {wait:?}");
    f.key(Key::Esc);
    // Henk comes a few seconds later: his PIN lets him in.
    f.clock.advance(wait);
    f.typed("henk");
    assert_eq!(
        f.typed("4711"),
        Outcome::LogIn {
            handle: "henk".into(),
            lang: "en".into(),
            private: true
        }
    );
    f.session.logout();
    // A guesser: every wait waited out, the waits double to an hour.
    f.typed("henk");
    let mut last = Duration::ZERO;
    for _ in 0..13 {
        f.typed("0000");
        if let Some(Notice::WrongPin { wait: Some(w) }) = f.session.notice {
            last = w;
            f.clock.advance(w);
        }
    }
    assert_eq!(last, MAX_WAIT);
}

fn esc_while_choosing_a_pin_goes_one_step_back_and_keeps_the_name(b: Backend) {
    // Issue 11: Esc on "Kies je eigen pincode" threw away the display
    // name just typed and showed the welcome screen.
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("bert");
    for _ in 0..4 {
        f.key(Key::Backspace);
    }
    f.typed("Bert de Vries");
    assert!(matches!(&f.session.phase, Phase::ChoosePin { name, .. } if name == "Bert de Vries"));
    f.key(Key::Esc);
    assert!(
        matches!(&f.session.phase, Phase::Register { handle, by_name: true } if handle == "bert"),
        "{:?}",
        f.session.phase
    );
    assert_eq!(f.session.input.text(), "Bert de Vries");
    // Forward again; Esc at "once more" goes back to choosing the PIN.
    f.key(Key::Enter);
    f.typed("4711");
    assert!(matches!(&f.session.phase, Phase::ConfirmPin { .. }));
    f.key(Key::Esc);
    assert!(
        matches!(&f.session.phase, Phase::ChoosePin { name, .. } if name == "Bert de Vries"),
        "{:?}",
        f.session.phase
    );
    assert_eq!(f.session.input.text(), "");
    // Right through to the end: registered with the name, the PIN works.
    f.typed("4711");
    assert!(matches!(f.typed("4711"), Outcome::LogIn { .. }));
    let bert = f.store.person("bert").unwrap().expect("registered");
    assert_eq!(bert.name, "Bert de Vries");
    assert!(f.store.person_pin("bert").unwrap().is_some());
    // Nothing was stored before: Esc twice from the PIN reaches the welcome
    // screen with no person made.
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("anna");
    f.key(Key::Enter);
    f.key(Key::Esc);
    f.key(Key::Esc);
    assert_eq!(f.session.phase, Phase::Welcome);
    assert!(f.store.person("anna").unwrap().is_none());
}

/// Issue 11: a pasted "Henk⏎1234" (a name, then a PIN) at the welcome
/// screen was one line, "Henk 1234", and digits make a badge code: Enter
/// logged in (or registered) a badge nobody has. A paste is typing: the
/// field gets the first line, nobody logs in by it, and Enter goes on with
/// the name. A scanner still types a code and Enter.
fn a_pasted_name_and_pin_is_a_name_not_a_badge(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.session.paste("Henk\n1234\n");
    assert_eq!(f.session.input.text(), "Henk");
    assert_eq!(f.session.phase, Phase::Welcome);
    assert_eq!(f.key(Key::Enter), Outcome::Stay);
    assert_eq!(
        f.session.phase,
        Phase::Register {
            handle: "henk".into(),
            by_name: true
        }
    );
    // The second line is nowhere: not in the field, not kept.
    assert_eq!(f.session.input.text(), "Henk");
    f.key(Key::Esc);
    // A scanner types its code and Enter, key by key: a badge as before.
    f.typed(BADGE);
    assert!(
        matches!(f.session.phase, Phase::Register { by_name: false, .. }),
        "{:?}",
        f.session.phase
    );
}

/// The tester (issue 16): Fatima, handle `fatima`, named "Fatima B.",
/// typed her name as the kiosk shows it and was welcomed as new.
fn a_returning_worker_may_type_her_display_name(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("fatima");
    f.session.input.clear();
    f.typed("Fatima B.");
    f.typed("4711");
    assert!(matches!(f.typed("4711"), Outcome::LogIn { .. }));
    f.session.logout();
    for typed in ["fatima b.", "FÁTIMA  B."] {
        assert_eq!(f.typed(typed), Outcome::Stay, "{typed}");
        assert_eq!(
            f.session.phase,
            Phase::NamePin {
                handle: "fatima".into(),
                name: "Fatima B.".into()
            },
            "{typed}: her PIN is asked, as for her handle, by her name"
        );
        f.key(Key::Esc);
    }
    f.typed("Fatima B.");
    assert_eq!(
        f.typed("4711"),
        Outcome::LogIn {
            handle: "fatima".into(),
            lang: "en".into(),
            private: true
        }
    );
    // A name nobody has is still someone new.
    f.session.logout();
    f.typed("Fatima C.");
    assert!(matches!(f.session.phase, Phase::Register { .. }));
}

/// A first-time worker types the question they came with wherever they
/// are asked something (a tester's: at the welcome, name and PIN
/// screens). It is never a name or a PIN, not a wrong try, and it is kept
/// for the pane to open on once they are in; the newest one wins.
fn a_question_typed_before_logging_in_is_kept_not_a_name_or_pin(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    let before = f.store.persons().unwrap().len();
    f.typed("Waar liggen de brillen?");
    assert_eq!(f.session.notice, Some(Notice::NameFirst));
    f.typed("Kees");
    assert!(matches!(
        f.session.phase,
        Phase::Register { by_name: true, .. }
    ));
    // At "What name should your colleagues see?" the offered name is
    // replaced by the first key, as ever.
    assert_eq!(f.typed("Waar is de kantine?"), Outcome::Stay);
    assert!(matches!(
        f.session.phase,
        Phase::Register { by_name: true, .. }
    ));
    assert_eq!(f.session.notice, Some(Notice::QuestionKeptName));
    assert_eq!(
        f.session.input.text(),
        "Waar is de kantine?",
        "kept in sight"
    );
    assert_eq!(
        f.store.persons().unwrap().len(),
        before,
        "nobody of that name"
    );
    // The next letter starts the name afresh.
    f.typed("Kees");
    assert!(
        matches!(&f.session.phase, Phase::ChoosePin { name, .. } if name == "Kees"),
        "{:?}",
        f.session.phase
    );
    // Choosing the PIN: a question is kept, spaces or signs are no PIN.
    f.typed("Mag ik pauze?");
    assert_eq!(f.session.notice, Some(Notice::QuestionKeptPin));
    assert!(matches!(f.session.phase, Phase::ChoosePin { .. }));
    f.typed("12 34");
    assert_eq!(f.session.notice, Some(Notice::PinLettersDigits));
    // One word with a `?` is no question there: a PIN, refused as one.
    f.typed("ab?12");
    assert_eq!(f.session.notice, Some(Notice::PinLettersDigits));
    f.typed("4711");
    assert!(matches!(f.session.phase, Phase::ConfirmPin { .. }));
    // Once more: a question there keeps the chosen PIN asked for.
    f.typed("Waar is de EHBO-doos?");
    assert_eq!(f.session.notice, Some(Notice::QuestionKeptPin));
    assert!(matches!(f.session.phase, Phase::ConfirmPin { .. }));
    assert_eq!(
        f.typed("4711"),
        Outcome::LogIn {
            handle: "kees".into(),
            lang: "en".into(),
            private: true
        }
    );
    assert_eq!(
        f.session.take_question().as_deref(),
        Some("Waar is de EHBO-doos?"),
        "the last one typed"
    );
    assert_eq!(f.session.take_question(), None, "asked once");

    // At "Is it you, Kees?" a question is no wrong try: five of them, and the
    // right PIN still logs in at once.
    f.session.logout();
    f.typed("Kees");
    assert!(matches!(f.session.phase, Phase::NamePin { .. }));
    for _ in 0..5 {
        f.typed("Wie heeft de sleutel van de kantine?");
        assert_eq!(f.session.notice, Some(Notice::QuestionKeptPin));
    }
    assert!(matches!(f.typed("4711"), Outcome::LogIn { .. }));
    assert_eq!(
        f.session.take_question().as_deref(),
        Some("Wie heeft de sleutel van de kantine?")
    );
    // A mistyped PIN with a `?` is a wrong try, never kept to show in
    // clear: after the third the name waits.
    f.session.logout();
    f.typed("Kees");
    for _ in 0..3 {
        f.typed("kat?2025");
    }
    assert!(
        matches!(f.session.notice, Some(Notice::WrongPin { wait: Some(_) })),
        "{:?}",
        f.session.notice
    );
    assert_eq!(f.session.take_question(), None);

    // A display name of six words is still a name; a `?` makes a question.
    f.key(Key::Esc);
    f.typed("Maria");
    f.typed("Maria de los Angeles Garcia Lopez");
    assert!(
        matches!(&f.session.phase, Phase::ChoosePin { name, .. } if name.ends_with("Lopez")),
        "{:?}",
        f.session.phase
    );
}

/// A tester's words at the welcome screen: "hulp" became a person named
/// hulp, and a question without its mark ("waar is de pauzeruimte") a
/// name to register. Such text is asked about once, as it may be a name
/// written surname first ("Hoe Kiat"), and a known one goes straight on.
fn help_and_a_question_without_its_mark_are_no_names(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    let before = f.store.persons().unwrap().len();
    for word in ["hulp", "Help", "?"] {
        f.typed(word);
        assert_eq!(f.session.phase, Phase::Welcome, "{word}");
        assert_eq!(
            f.session.notice,
            Some(Notice::Help { badge_only: false }),
            "{word}"
        );
        assert_eq!(f.session.input.text(), "", "{word}");
        assert!(!f.session.keeps_question(), "{word}");
    }
    f.typed("waar is de pauzeruimte");
    assert_eq!(f.session.notice, Some(Notice::NameOrQuestion));
    assert_eq!(f.session.phase, Phase::Welcome);
    assert!(f.session.keeps_question());
    assert_eq!(f.store.persons().unwrap().len(), before, "nobody new");
    f.key(Key::Esc);
    assert!(!f.session.keeps_question(), "Esc throws it away");

    // Hoe Kiat's name, said twice: a name, and no question.
    f.typed("Hoe Kiat");
    assert_eq!(f.session.notice, Some(Notice::NameOrQuestion));
    assert_eq!(f.key(Key::Enter), Outcome::Stay);
    f.registers("hoe kiat");
    assert!(!f.session.keeps_question());
    f.typed("Hoe Kiat");
    f.typed("4711");
    assert!(matches!(f.typed("4711"), Outcome::LogIn { .. }));
    // Known since: straight to the PIN.
    f.session.logout();
    f.typed("Hoe Kiat");
    assert!(
        matches!(&f.session.phase, Phase::NamePin { handle, .. } if handle == "hoe kiat"),
        "{:?}",
        f.session.phase
    );
    f.key(Key::Esc);

    // At the display name only a `?` makes a question; a swiped card's
    // end sentinel does not.
    f.typed("Kees");
    f.typed("Hoe werkt dit?");
    assert_eq!(f.session.notice, Some(Notice::QuestionKeptName));
    f.key(Key::Esc);
    f.key(Key::Esc);
    f.typed("Kees");
    f.typed(";0012345642?");
    assert_ne!(f.session.notice, Some(Notice::QuestionKeptName));
    assert!(!f.session.keeps_question(), "a card kept as a question");
    f.key(Key::Esc);
    f.key(Key::Esc);
    assert_eq!(f.session.phase, Phase::Welcome);

    // "Can" starts an English question and a Turkish name.
    f.typed("Can Yılmaz");
    f.registers("can yılmaz");
    f.key(Key::Esc);

    // A typed name longer than a name may be: said at once, not after its
    // PIN was chosen twice.
    let long = "Anna ".to_string() + &"a".repeat(90);
    f.typed(&long);
    assert_eq!(f.session.notice, Some(Notice::NameTooLong));
    assert_eq!(f.session.phase, Phase::Welcome);
}

/// A question left at the welcome screen is not edited into a name (a
/// tester's Home, then "Kees", gave "KeesWaar liggen…"), and a question
/// nobody logged in after is dropped at the idle reset: the next person
/// never finds it in their form.
fn a_question_left_at_the_welcome_screen_is_not_glued_and_not_kept_for_the_next(b: Backend) {
    let Some(mut f) = fixture(b, None) else {
        return;
    };
    f.typed("Waar liggen de brillen?");
    f.key(Key::Edit(leertuin::tui::action::Edit::Home));
    assert_eq!(f.session.notice, Some(Notice::NameFirst), "still in force");
    f.typed("Kees");
    f.registers("kees");
    f.key(Key::Esc);
    f.typed("Waar liggen de brillen?");
    f.key(Key::Backspace);
    assert_eq!(
        f.session.input.text(),
        "",
        "a deleting key empties the field"
    );

    assert!(
        f.session.keeps_question(),
        "emptied for the name, still kept"
    );

    // Walked away: the field is empty, the question still kept, so the
    // reset comes after a quarter of the idle time (as after a save) and
    // drops it.
    f.clock.advance(Duration::from_secs(29));
    assert_eq!(f.session.tick(), Outcome::Stay);
    f.clock.advance(Duration::from_secs(2));
    assert_eq!(f.session.tick(), Outcome::Reset);
    assert_eq!(f.session.take_question(), None);
    f.clock.advance(Duration::from_secs(121));
    assert_eq!(f.session.tick(), Outcome::Stay, "nothing left to reset");

    // Esc throws it away, as it says: the next badge finds nothing.
    f.typed("Waar liggen de brillen?");
    f.key(Key::Esc);
    assert!(!f.session.keeps_question());
    f.typed("0012345642");
    assert_eq!(f.session.take_question(), None);
    f.key(Key::Esc);

    // F2 after the notice says it again in the other language: the next
    // letter still starts afresh instead of being glued to the question.
    f.typed("Waar liggen de brillen?");
    f.key(Key::SwitchLang);
    assert_eq!(f.session.notice, Some(Notice::NameFirst));
    f.typed("Kees");
    f.registers("kees");
    f.key(Key::Esc);
    f.key(Key::SwitchLang);

    // A question longer than a name is kept whole (it was cut at 80).
    let long = format!("Waar {}?", "liggen de brillen ".repeat(8).trim_end());
    assert!(long.chars().count() > 100);
    f.typed(&long);
    assert_eq!(f.session.input.text(), long);
    assert_eq!(f.session.notice, Some(Notice::NameFirst));
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $( #[test] fn $name() { super::$name(super::Backend::File) } )*
        }
        mod on_postgres {
            $( #[test] fn $name() { super::$name(super::Backend::Server) } )*
        }
    };
}

on_both!(
    a_new_badge_registers_uses_the_pane_and_idles_back_to_welcome,
    typing_a_name_over_the_offered_one_replaces_it,
    a_typed_name_is_offered_as_the_display_name_and_esc_goes_back,
    wrong_pins_are_rate_limited_on_the_clock,
    without_a_pin_nothing_leaves,
    a_short_code_is_no_badge,
    a_question_at_the_welcome_screen_is_no_name,
    a_typed_name_needs_its_pin_to_see_private_things,
    a_known_name_without_a_pin_sees_shared_things_only,
    a_badge_only_kiosk_refuses_typed_names,
    the_idle_logout_counts_down_and_a_key_keeps_you_in,
    a_short_idle_time_counts_down_only_its_last_third,
    after_a_save_the_logout_comes_sooner_unless_a_key_follows,
    wrong_admin_pins_are_remembered_across_a_restart,
    the_kiosk_field_edits_and_pastes_like_every_field,
    a_right_pin_typed_during_someone_elses_wrong_tries_is_kept_not_dropped,
    a_colleagues_slips_keep_the_owner_out_seconds_and_guessing_stays_slow,
    esc_while_choosing_a_pin_goes_one_step_back_and_keeps_the_name,
    a_pasted_name_and_pin_is_a_name_not_a_badge,
    a_returning_worker_may_type_her_display_name,
    a_question_typed_before_logging_in_is_kept_not_a_name_or_pin,
    a_question_left_at_the_welcome_screen_is_not_glued_and_not_kept_for_the_next,
    help_and_a_question_without_its_mark_are_no_names,
);
