//! The kiosk session as a pure state machine: no terminal, no real clock.
//!
//! ```text
//! Welcome ──Enter (unknown)──▶ Register(name, lang) ──Enter──▶ Pane(person)
//!    │  │                              └─(a typed name)─▶ ChoosePin ──▶ Pane
//!    │  ╲──Enter (known badge)────────────────────────────────▶ Pane(person)
//!    │   ╲─Enter (known name with PIN)──▶ NamePin ──PIN──▶ Pane(person)
//!    │                                   └─empty Enter──▶ Pane(shared only)
//!    │                                          logout (q) / idle ──▶ Welcome
//!    └──F10──▶ Pin ──right PIN──▶ leave;  wrong PIN: rate-limited
//! ```
//!
//! A badge is something you have; a name anyone can type. So a typed name
//! gets a personal PIN at registration, and a name login without it (a
//! name that has none, or an empty Enter at the PIN) shows only what the
//! whole team may see: no private entries, no drafts. A kiosk can also be
//! set to take badges only.
//!
//! The runner ([`super::runner`]) turns terminal keys into [`Key`]s, runs
//! the pane while the phase is [`Phase::Pane`], and does what each
//! [`Outcome`] asks. Every phase but the welcome screen falls back to it
//! after the idle timeout.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::badge;
use super::pin::{self, RateLimiter};
use crate::domain::validate::MAX_NAME_CHARS;
use crate::store::{ProfileEdit, Store, StoreError};
use crate::tui::action::Edit;
use crate::tui::input::TextInput;
use crate::tui::keys;

/// Where time comes from: the real clock, or a test's hand-set one.
pub trait Clock {
    fn now(&self) -> Instant;
}

/// The real, monotonic clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// What a key means outside the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Backspace,
    /// A cursor or editing key in the field (←, →, Home, End, Delete).
    Edit(Edit),
    Enter,
    Esc,
    /// F2: English ⇄ Nederlands.
    SwitchLang,
    /// F10: ask for the admin PIN.
    Admin,
}

impl Key {
    /// A terminal key on the welcome, register or PIN screen; `None` for
    /// a key these screens do not use. The editing keys are the pane's
    /// own ([`keys::line_edit`]), so Ctrl-U and Ctrl-W work here as in
    /// every field of the pane.
    pub fn from_terminal(key: KeyEvent) -> Option<Key> {
        if let Some(edit) = keys::line_edit(keys::Key::from_event(key)) {
            return Some(match edit {
                Edit::Backspace => Key::Backspace,
                edit => Key::Edit(edit),
            });
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        Some(match key.code {
            KeyCode::Char(c) if plain => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            // F2 only, as the hint says: Tab switched the language unannounced.
            KeyCode::F(2) => Key::SwitchLang,
            KeyCode::F(10) => Key::Admin,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// "Scan your badge or type your name".
    Welcome,
    /// A new badge or name: what should we call you? The language is
    /// [`Session::lang`]. `by_name`: typed, not scanned (a PIN comes next).
    Register { handle: String, by_name: bool },
    /// A new typed name, named: choose the PIN that proves it next time.
    ChoosePin { handle: String, name: String },
    /// The new PIN once more, as people expect when they choose one: a
    /// slip is caught here, and a PIN typed twice never lands in the pane
    /// (where typing would start a question with it).
    ConfirmPin {
        handle: String,
        name: String,
        pin: String,
    },
    /// A known typed name that has a PIN: type it (or Enter without one
    /// for the shared things only).
    NamePin { handle: String, name: String },
    /// The pane, as this person; `private`: their private entries and
    /// drafts show (a badge, or a name with its PIN).
    Pane {
        handle: String,
        name: String,
        private: bool,
    },
    /// The admin PIN prompt.
    Pin,
}

/// A line shown under the input, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Register: the name field is empty.
    NameNeeded,
    /// The database said no (one line).
    Failed(String),
    /// Registering failed for a reason of the database's (one line):
    /// nobody new can be stored now.
    CannotRegister(String),
    /// F10, but no PIN was ever set.
    NoPin,
    /// A wrong PIN; `wait` when more tries must wait.
    WrongPin { wait: Option<Duration> },
    /// Too many wrong PINs: try again after this long.
    Wait(Duration),
    /// A name's PIN typed during its wait: kept in the field until then.
    WaitKept(Duration),
    /// A new PIN shorter than [`pin::MIN_PIN_CHARS`].
    PinTooShort,
    /// The PIN typed again was not the one chosen: choose again.
    PinMismatch,
    /// A typed name on a badge-only kiosk.
    BadgeOnly,
    /// A code too short to be a badge (see [`badge::MIN_BADGE_CHARS`]).
    BadgeTooShort,
    /// A question or a sentence typed at the welcome screen (see
    /// [`badge::is_sentence`]): first a name or a badge. The question is
    /// kept and asked once the pane opens ([`Session::take_question`]).
    NameFirst,
    /// A question typed where the display name is asked: kept, as at the
    /// welcome screen; the name first.
    QuestionKeptName,
    /// A question typed where a PIN is asked: kept; the PIN first (and
    /// not counted as a wrong PIN).
    QuestionKeptPin,
    /// A new PIN with spaces or signs: "at least 4 digits or letters"
    /// means those only, so a sentence typed there is no PIN to forget.
    PinLettersDigits,
    /// Two or more words that start with a question word and are nobody's
    /// name ("waar is de pauzeruimte"; "Hoe Kiat" may be a name): asked
    /// once, the text kept as the question; Enter again on the same text
    /// goes on with it as a name.
    NameOrQuestion,
    /// A typed name longer than a name may be.
    NameTooLong,
    /// "hulp", "help" or `?` at the welcome screen: what to type, in a
    /// sentence (a tester's "hulp" became a person named hulp); on a
    /// badge-only kiosk, that a badge is needed.
    Help { badge_only: bool },
}

/// What the runner must do after a key or a tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Draw again (or not: nothing on screen changed).
    Stay,
    /// Open the pane as this person, in this language; with their private
    /// entries and drafts only when `private`.
    LogIn {
        handle: String,
        lang: String,
        private: bool,
    },
    /// The pane was closed for `handle` (logout or idle): keep any unsaved
    /// capture as their draft, wipe the screen, show the welcome screen.
    LoggedOut { handle: String, idle: bool },
    /// The welcome screen again after idle outside the pane: wipe the screen.
    Reset,
    /// The right admin PIN: end kiosk mode.
    Leave,
}

pub struct Session {
    pub phase: Phase,
    /// The text field of the welcome, register or PIN screen: the same
    /// field type as every form of the pane and the popup.
    pub input: TextInput,
    /// The language of the kiosk screens, and of a new person.
    pub lang: &'static str,
    /// The language the welcome screen starts in for every new person.
    pub default_lang: &'static str,
    pub notice: Option<Notice>,
    /// The stored admin PIN hash; `None` when none was set.
    pin_hash: Option<String>,
    pub limiter: RateLimiter,
    /// Where `limiter` is kept across restarts (beside the PIN file).
    tries_file: Option<PathBuf>,
    /// Wrong personal PINs, per person.
    name_tries: HashMap<String, RateLimiter>,
    /// Typed names are refused: badges only.
    badge_only: bool,
    /// A new person was just registered (see [`Session::take_registered`]).
    registered: bool,
    /// A question typed before logging in (at the welcome, name or PIN
    /// screen): a first-time worker starts with what they came for. The
    /// pane opens on it once they are in ([`Session::take_question`]);
    /// the idle reset drops it, so it never waits for the next person.
    question: Option<String>,
    /// The text last asked about with [`Notice::NameOrQuestion`]: Enter
    /// on it again means it is a name.
    name_asked: Option<String>,
    idle: Duration,
    last_key: Instant,
    /// A write was just stored and no key came since: the idle time is
    /// [`AFTER_SAVE_PART`] of the usual one (see [`Session::saved`]).
    just_saved: bool,
    clock: Box<dyn Clock>,
}

impl Session {
    pub fn new(
        idle: Duration,
        lang: &'static str,
        pin_hash: Option<String>,
        clock: Box<dyn Clock>,
    ) -> Session {
        let last_key = clock.now();
        Session {
            phase: Phase::Welcome,
            input: field(),
            lang,
            default_lang: lang,
            notice: None,
            pin_hash,
            limiter: RateLimiter::default(),
            tries_file: None,
            name_tries: HashMap::new(),
            badge_only: false,
            registered: false,
            question: None,
            name_asked: None,
            idle,
            last_key,
            just_saved: false,
            clock,
        }
    }

    /// Refuse typed names: only badges log in.
    pub fn with_badge_only(mut self, on: bool) -> Session {
        self.badge_only = on;
        self
    }

    /// Keeps the admin PIN's wrong tries in `path`, and starts from what
    /// it holds: a restart gives a guesser no fresh tries.
    pub fn with_tries_file(mut self, path: Option<PathBuf>) -> Session {
        if let Some(p) = &path {
            self.limiter = RateLimiter::load(p, self.clock.now());
        }
        self.tries_file = path;
        self
    }

    pub fn idle(&self) -> Duration {
        self.idle
    }

    /// Pasted text is typing, never a scan (a scanner types keys and
    /// Enter) and never an Enter. Each screen here asks one thing on one
    /// line, so only the first line with text lands in the field: a pasted
    /// "Henk⏎1234" (a name, then a PIN) gives the name field "Henk", not
    /// the badge code "Henk 1234", and the rest (a PIN, perhaps) is neither
    /// shown nor kept. Nobody is logged in by a paste alone.
    pub fn paste(&mut self, text: &str) {
        self.touch();
        if matches!(self.phase, Phase::Pane { .. }) {
            return;
        }
        let text = crate::tui::event::clean_paste(text);
        if self.starts_afresh(self.notice.as_ref()) {
            self.notice = None;
            self.input.clear();
        }
        if let Some(line) = text.lines().find(|l| !l.trim().is_empty()) {
            self.input.insert_str(line);
        }
    }

    /// True when the field starts afresh at the next key or paste: a
    /// question stays in sight with `notice` ("Typ eerst je naam…" at the
    /// welcome screen, "Dat lijkt een vraag" at the display name), but a
    /// badge or a name typed after it would be glued to it.
    fn starts_afresh(&self, notice: Option<&Notice>) -> bool {
        match notice {
            Some(Notice::NameFirst | Notice::BadgeOnly) => self.phase == Phase::Welcome,
            Some(Notice::QuestionKeptName) => matches!(self.phase, Phase::Register { .. }),
            _ => false,
        }
    }

    /// Keeps `text` as the question to ask once logged in when `is` says
    /// it is one ([`badge::is_sentence`] at the welcome screen,
    /// [`badge::is_question`] where a name or a PIN is asked); true when
    /// it did.
    fn keep_question(&mut self, text: &str, is: fn(&str) -> bool) -> bool {
        let kept = is(text);
        if kept && let Some(text) = badge::clean(text) {
            self.question = Some(text);
        }
        kept
    }

    /// [`Session::keep_question`] of the field's text, which stays.
    fn keep_field_question(&mut self, is: fn(&str) -> bool) -> bool {
        let text = self.input.text().to_owned();
        self.keep_question(&text, is)
    }

    /// True while a question typed before logging in is kept: the welcome
    /// and login screens say so (the welcome screen also how to throw it
    /// away).
    pub fn keeps_question(&self) -> bool {
        self.question.is_some()
    }

    /// The question typed before logging in, once: the runner opens the
    /// question form with it when the pane starts.
    pub fn take_question(&mut self) -> Option<String> {
        self.question.take()
    }

    /// The field's text, leaving it empty.
    fn take_input(&mut self) -> String {
        std::mem::replace(&mut self.input, field())
            .text()
            .to_string()
    }

    /// Seconds left before the idle logout, during its last
    /// [`WARN_BEFORE`], or its last [`WARN_PART`] for a short idle time:
    /// the pane shows them, and any key keeps the person in (and does
    /// what it does, but Enter: see `runner::on_key`). A part of the idle
    /// time in force, the shorter one after a save too: a countdown from the moment of the save took the worker's
    /// next key (with `--idle-timeout 60`, "Volgende vraag" typed at once
    /// after a question became "olgende vraag"; issue 11).
    pub fn countdown(&self) -> Option<u64> {
        if !matches!(self.phase, Phase::Pane { .. }) {
            return None;
        }
        let left = self.until_idle();
        let warn = WARN_BEFORE.min(self.current_idle() / WARN_PART);
        (left <= warn && !left.is_zero()).then(|| left.as_secs_f64().ceil() as u64)
    }

    /// A key was pressed (in the pane too): the idle time starts again,
    /// the whole of it.
    pub fn touch(&mut self) {
        self.last_key = self.clock.now();
        self.just_saved = false;
    }

    /// The pane stored a write (a question asked, an answer given). A
    /// worker who asked and walked away leaves their name on the screen
    /// for the next person: without a key from now on, the logout comes
    /// after [`AFTER_SAVE_PART`] of the idle time (30 s of the default
    /// 120 s), with the same visible countdown. Any key gives the whole
    /// idle time back.
    pub fn saved(&mut self) {
        if matches!(self.phase, Phase::Pane { .. }) {
            self.last_key = self.clock.now();
            self.just_saved = true;
        }
    }

    /// The idle time in force now: shorter right after a save, and while a
    /// question typed before logging in is kept (it is not left for the
    /// next person longer than a saved post's name is).
    fn current_idle(&self) -> Duration {
        let kept = self.question.is_some() && !matches!(self.phase, Phase::Pane { .. });
        if self.just_saved || kept {
            self.idle / AFTER_SAVE_PART
        } else {
            self.idle
        }
    }

    /// How long until the idle timeout, for the runner's wait.
    pub fn until_idle(&self) -> Duration {
        (self.last_key + self.current_idle()).saturating_duration_since(self.clock.now())
    }

    /// A key on the welcome, register or PIN screen. In the pane, keys go
    /// to the pane; only [`Session::logout`] and the tick reach us.
    pub fn key(&mut self, key: Key, store: &dyn Store) -> Outcome {
        self.touch();
        // A message is read by now; it makes room for what comes next.
        let notice = self.notice.take();
        match (&self.phase, key) {
            (Phase::Pane { .. }, _) => Outcome::Stay,
            (_, Key::SwitchLang) => {
                self.lang = if self.lang == "nl" { "en" } else { "nl" };
                // Said again in the other language: F2 after "Typ eerst je
                // naam" left the next letter glued to the question. Not a
                // store's words, which are in the language they came in.
                self.notice =
                    notice.filter(|n| !matches!(n, Notice::Failed(_) | Notice::CannotRegister(_)));
                Outcome::Stay
            }
            (Phase::Welcome, Key::Admin) => {
                self.input.clear();
                if self.pin_hash.is_some() {
                    self.phase = Phase::Pin;
                    // A wait still running stays in sight.
                    self.notice = self.limiter.wait(self.clock.now()).map(Notice::Wait);
                } else {
                    self.notice = Some(Notice::NoPin);
                }
                Outcome::Stay
            }
            (_, Key::Admin) => {
                self.notice = notice;
                Outcome::Stay
            }
            (_, Key::Char(c)) => {
                // A PIN kept through a wait is typed again by most people
                // (a tester's "••••" became "••••••••", wrong, and the wait
                // doubled): typing starts it afresh, Enter still checks the
                // kept one.
                if self.starts_afresh(notice.as_ref())
                    || matches!(notice, Some(Notice::WaitKept(_)))
                {
                    self.input.clear();
                }
                self.input.insert(c);
                // The wait stays in sight; "your PIN stays typed" no longer
                // holds once it is typed anew.
                if matches!(self.phase, Phase::Pin | Phase::NamePin { .. }) {
                    self.notice = self.wait_now().map(Notice::Wait);
                }
                Outcome::Stay
            }
            // A PIN kept through a wait is not edited blind: a key that
            // edits empties it, to be typed anew.
            (_, Key::Backspace | Key::Edit(_)) if matches!(notice, Some(Notice::WaitKept(_))) => {
                self.input.clear();
                self.notice = self.wait_now().map(Notice::Wait);
                Outcome::Stay
            }
            // A question left in sight with "first your name" is not
            // edited into a name: a key that deletes empties the field,
            // and one that moves the cursor leaves the next letter to
            // start afresh (a tester's Home, then "Kees", gave
            // "KeesWaar liggen…", and Enter only said the notice again).
            (_, Key::Backspace) if self.starts_afresh(notice.as_ref()) => {
                self.input.clear();
                Outcome::Stay
            }
            (_, Key::Edit(e)) if self.starts_afresh(notice.as_ref()) => {
                if matches!(e, Edit::Left | Edit::Right | Edit::Home | Edit::End) {
                    self.notice = notice;
                } else {
                    self.input.clear();
                }
                Outcome::Stay
            }
            (_, Key::Backspace) => {
                self.input.edit(Edit::Backspace);
                Outcome::Stay
            }
            (_, Key::Edit(e)) => {
                self.input.edit(e);
                Outcome::Stay
            }
            // Esc cancels, the kept question too: who presses it and walks
            // away leaves nothing for the next person's form.
            (Phase::Welcome, Key::Esc) => {
                self.input.clear();
                self.question = None;
                Outcome::Stay
            }
            // Choosing a PIN, Esc goes one step back and keeps what was
            // typed before it: the display name, or the PIN to choose again.
            (Phase::ChoosePin { handle, name }, Key::Esc) => {
                self.input = field().with_text(name);
                self.phase = Phase::Register {
                    handle: handle.clone(),
                    by_name: true,
                };
                Outcome::Stay
            }
            (Phase::ConfirmPin { handle, name, .. }, Key::Esc) => {
                self.input.clear();
                self.phase = Phase::ChoosePin {
                    handle: handle.clone(),
                    name: name.clone(),
                };
                Outcome::Stay
            }
            (Phase::Register { .. } | Phase::NamePin { .. } | Phase::Pin, Key::Esc) => {
                self.back_to_welcome();
                Outcome::Stay
            }
            (Phase::Welcome, Key::Enter) => self.submit_badge(store),
            (Phase::Register { handle, by_name }, Key::Enter) => {
                let (handle, by_name) = (handle.clone(), *by_name);
                self.register(handle, by_name, store)
            }
            (Phase::ChoosePin { handle, name }, Key::Enter) => {
                let (handle, name) = (handle.clone(), name.clone());
                self.choose_pin(handle, name)
            }
            (Phase::ConfirmPin { handle, name, pin }, Key::Enter) => {
                let (handle, name, pin) = (handle.clone(), name.clone(), pin.clone());
                self.confirm_pin(handle, name, pin, store)
            }
            (Phase::NamePin { handle, .. }, Key::Enter) => {
                let handle = handle.clone();
                self.submit_name_pin(handle, store)
            }
            (Phase::Pin, Key::Enter) => self.submit_pin(),
        }
    }

    /// The welcome screen's Enter: a known person logs in, a new one is
    /// asked for a name.
    fn submit_badge(&mut self, store: &dyn Store) -> Outcome {
        if badge::wants_help(self.input.text()) {
            self.input.clear();
            self.notice = Some(Notice::Help {
                badge_only: self.badge_only,
            });
            return Outcome::Stay;
        }
        // A question typed here is neither a name nor a badge: it stays
        // in sight, the screen says to type a name or scan a badge first,
        // and the next key starts the field afresh (`starts_afresh`).
        if self.keep_field_question(badge::is_sentence) {
            self.notice = Some(if self.badge_only {
                Notice::BadgeOnly
            } else {
                Notice::NameFirst
            });
            return Outcome::Stay;
        }
        if let Some(notice) = self.maybe_a_name(store) {
            self.notice = Some(notice);
            return Outcome::Stay;
        }
        let typed = self.take_input();
        let Some(handle) = badge::handle(&typed) else {
            return Outcome::Stay;
        };
        let by_name = badge::clean(&typed).is_some_and(|t| badge::is_name(&t));
        if by_name && self.badge_only {
            self.notice = Some(Notice::BadgeOnly);
            return Outcome::Stay;
        }
        let code_chars = badge::clean(&typed).map_or(0, |t| t.chars().count());
        if !by_name && code_chars < badge::MIN_BADGE_CHARS {
            self.notice = Some(Notice::BadgeTooShort);
            return Outcome::Stay;
        }
        // A returning worker may type her display name, not her handle.
        let handle = match store.person(&handle) {
            Ok(None) if by_name => badge::by_display_name(store, &typed).unwrap_or(handle),
            _ => handle,
        };
        match store.person(&handle) {
            Ok(Some(person)) if by_name => match store.person_pin(&handle) {
                Ok(Some(_)) => {
                    self.notice = self.name_wait(&handle).map(Notice::Wait);
                    // Named: who typed a colleague's name by mistake sees
                    // whose PIN is asked (a tester's "Ben jij het?" said not).
                    self.phase = Phase::NamePin {
                        handle,
                        name: person.name,
                    };
                    Outcome::Stay
                }
                // A name without a PIN proves nothing: shared things only.
                Ok(None) => self.log_in(handle, false, store),
                Err(e) => {
                    self.notice = Some(self.failed(&e));
                    Outcome::Stay
                }
            },
            Ok(Some(_)) => self.log_in(handle, true, store),
            Ok(None) => {
                // A typed name is offered as the display name; a badge code
                // is not shown back.
                if by_name && let Some(name) = badge::clean(&typed) {
                    self.input = field().with_suggestion(&name);
                }
                self.phase = Phase::Register { handle, by_name };
                Outcome::Stay
            }
            Err(e) => {
                self.notice = Some(self.failed(&e));
                Outcome::Stay
            }
        }
    }

    /// A question word first ("waar is de pauzeruimte") but no mark: a
    /// question, or a name written surname first ("Hoe Kiat"). A known
    /// person's name goes on; otherwise asked once, the text kept as the
    /// question, and Enter again on the same text is a name (and no
    /// question). A name longer than a name may be is refused here, not
    /// after its PIN was chosen twice.
    fn maybe_a_name(&mut self, store: &dyn Store) -> Option<Notice> {
        let typed = badge::clean(self.input.text())?;
        if badge::is_name(&typed) && typed.chars().count() > MAX_NAME_CHARS {
            return Some(Notice::NameTooLong);
        }
        if !badge::asks(&typed) {
            return None;
        }
        if self.name_asked.as_deref() == Some(typed.as_str()) {
            if self.question.as_deref() == Some(typed.as_str()) {
                self.question = None;
            }
            return None;
        }
        let known = badge::handle(&typed).is_some_and(|h| matches!(store.person(&h), Ok(Some(_))))
            || badge::by_display_name(store, &typed).is_some();
        if known {
            return None;
        }
        self.name_asked = Some(typed.clone());
        self.question = Some(typed);
        Some(Notice::NameOrQuestion)
    }

    /// Opens the pane for a known person, in their language.
    fn log_in(&mut self, handle: String, private: bool, store: &dyn Store) -> Outcome {
        match store.person(&handle) {
            Ok(Some(person)) => {
                self.input.clear();
                let lang = person.lang.clone().unwrap_or_else(|| self.lang.to_string());
                self.phase = Phase::Pane {
                    handle: handle.clone(),
                    name: person.name,
                    private,
                };
                Outcome::LogIn {
                    handle,
                    lang,
                    private,
                }
            }
            Ok(None) => {
                self.back_to_welcome();
                Outcome::Stay
            }
            Err(e) => {
                self.notice = Some(self.failed(&e));
                Outcome::Stay
            }
        }
    }

    /// A new badge: created with the typed name and the chosen language.
    /// A new typed name: first its PIN.
    fn register(&mut self, handle: String, by_name: bool, store: &dyn Store) -> Outcome {
        // "Welke naam zien je collega's?" answered with a question: that
        // became the person's name (a tester's). It stays in sight, kept.
        if self.keep_field_question(badge::is_question_not_name) {
            self.notice = Some(Notice::QuestionKeptName);
            return Outcome::Stay;
        }
        let Some(name) = badge::clean(self.input.text()) else {
            self.notice = Some(Notice::NameNeeded);
            return Outcome::Stay;
        };
        if name.chars().count() > MAX_NAME_CHARS {
            self.notice = Some(Notice::NameTooLong);
            return Outcome::Stay;
        }
        if by_name {
            self.input.clear();
            self.phase = Phase::ChoosePin { handle, name };
            return Outcome::Stay;
        }
        self.create(&handle, name, None, store)
    }

    /// The new name's PIN: long enough, then asked once more.
    fn choose_pin(&mut self, handle: String, name: String) -> Outcome {
        let typed = self.take_input();
        if self.keep_question(&typed, badge::is_question) {
            self.notice = Some(Notice::QuestionKeptPin);
            return Outcome::Stay;
        }
        if pin::check_new(&typed).is_err() {
            self.notice = Some(Notice::PinTooShort);
            return Outcome::Stay;
        }
        if pin::check_personal(&typed).is_err() {
            self.notice = Some(Notice::PinLettersDigits);
            return Outcome::Stay;
        }
        self.phase = Phase::ConfirmPin {
            handle,
            name,
            pin: typed,
        };
        Outcome::Stay
    }

    /// The PIN again: the same one is hashed and stored with the person in
    /// one write; another one sends the person back to choose.
    fn confirm_pin(
        &mut self,
        handle: String,
        name: String,
        chosen: String,
        store: &dyn Store,
    ) -> Outcome {
        let typed = self.take_input();
        if self.keep_question(&typed, badge::is_question) {
            self.notice = Some(Notice::QuestionKeptPin);
            self.phase = Phase::ConfirmPin {
                handle,
                name,
                pin: chosen,
            };
            return Outcome::Stay;
        }
        if typed != chosen {
            self.notice = Some(Notice::PinMismatch);
            self.phase = Phase::ChoosePin { handle, name };
            return Outcome::Stay;
        }
        match pin::hash(&typed) {
            Ok(hash) => self.create(&handle, name, Some(hash), store),
            Err(e) => {
                self.notice = Some(Notice::Failed(e));
                Outcome::Stay
            }
        }
    }

    /// Stores the new person (and their PIN hash) and logs them in.
    fn create(
        &mut self,
        handle: &str,
        name: String,
        pin_hash: Option<String>,
        store: &dyn Store,
    ) -> Outcome {
        let edit = ProfileEdit {
            name: Some(name),
            lang: Some(self.lang.to_string()),
            ..ProfileEdit::default()
        };
        let stored = store.batch(&|w| {
            w.edit_person(handle, &edit)?;
            if let Some(hash) = &pin_hash {
                w.set_person_pin(handle, hash)?;
            }
            Ok(())
        });
        match stored {
            Ok(()) => {
                // The pane asks a new worker what they want to learn.
                self.registered = true;
                self.log_in(handle.to_string(), true, store)
            }
            // The database can't take anyone new now (read-only, removed,
            // busy): asking for the PIN again would loop. Say so, plainly,
            // and start over.
            Err(e) if e.keeps_text() => {
                self.phase = Phase::Welcome;
                self.input.clear();
                crate::i18n::set_thread(self.lang);
                let reason = first_line(&crate::i18n::store_error(&e));
                self.notice = Some(Notice::CannotRegister(reason));
                Outcome::Stay
            }
            Err(e) => {
                self.notice = Some(self.failed(&e));
                Outcome::Stay
            }
        }
    }

    /// True once, right after a new person registered and logged in: the
    /// pane then asks "Wat wil je leren?" (a first wish), only this time.
    pub fn take_registered(&mut self) -> bool {
        std::mem::take(&mut self.registered)
    }

    /// The wait in force on this PIN screen now: the admin PIN's, or the
    /// name's (shown as typed, not as it was at the last Enter).
    fn wait_now(&self) -> Option<Duration> {
        match &self.phase {
            Phase::Pin => self.limiter.wait(self.clock.now()),
            Phase::NamePin { handle, .. } => self.name_wait(handle),
            _ => None,
        }
    }

    /// How long wrong PINs for this name still make a try wait.
    fn name_wait(&self, handle: &str) -> Option<Duration> {
        self.name_tries
            .get(handle)
            .and_then(|l| l.wait(self.clock.now()))
    }

    /// A known name's PIN: right, the pane with everything; empty, the
    /// pane with shared things only; wrong, rate-limited like the admin PIN.
    fn submit_name_pin(&mut self, handle: String, store: &dyn Store) -> Outcome {
        if self.input.text().is_empty() {
            return self.log_in(handle, false, store);
        }
        let now = self.clock.now();
        // Someone else's wrong tries made this name wait: the PIN typed
        // now is kept, not dropped, and Enter after the wait checks it.
        if let Some(wait) = self.name_wait(&handle) {
            self.notice = Some(Notice::WaitKept(wait));
            return Outcome::Stay;
        }
        let typed = self.take_input();
        let right = match store.person_pin(&handle) {
            Ok(hash) => hash.is_some_and(|h| pin::verify(&typed, &h)),
            Err(e) => {
                self.notice = Some(self.failed(&e));
                return Outcome::Stay;
            }
        };
        if right {
            self.name_tries.remove(&handle);
            return self.log_in(handle, true, store);
        }
        // A question typed at "Ben jij het?" is no guess at the PIN: kept,
        // and not counted against the name's tries.
        if self.keep_question(&typed, badge::is_question) {
            self.notice = Some(Notice::QuestionKeptPin);
            return Outcome::Stay;
        }
        let wait = self
            .name_tries
            .entry(handle)
            .or_insert_with(RateLimiter::for_names)
            .fail(now);
        self.notice = Some(Notice::WrongPin { wait });
        Outcome::Stay
    }

    fn submit_pin(&mut self) -> Outcome {
        let now = self.clock.now();
        if let Some(wait) = self.limiter.wait(now) {
            // Not even checked: waiting is the only way.
            self.input.clear();
            self.notice = Some(Notice::Wait(wait));
            return Outcome::Stay;
        }
        let typed = self.take_input();
        let right = self
            .pin_hash
            .as_deref()
            .is_some_and(|h| pin::verify(&typed, h));
        if right {
            self.limiter.succeed();
            self.save_tries(now);
            self.back_to_welcome();
            return Outcome::Leave;
        }
        let wait = self.limiter.fail(now);
        self.save_tries(now);
        self.notice = Some(Notice::WrongPin { wait });
        Outcome::Stay
    }

    /// Keeps the admin PIN's wrong tries on disk. A failure to write only
    /// loses that memory, never the kiosk.
    fn save_tries(&self, now: Instant) {
        if let Some(path) = &self.tries_file {
            let _ = self.limiter.save(path, now);
        }
    }

    /// True when `typed`, entered on the pane of the person still logged
    /// in, is what the welcome screen logs someone in with: a badge code
    /// of digits (the next worker scanned their badge into this screen),
    /// a known badge with letters in it, or the name of another known
    /// person. Those are never a post (issue 11).
    pub fn is_login_at_pane(&self, typed: &str, store: &dyn Store) -> bool {
        let Some(word) = badge::clean(typed).filter(|w| !w.contains(' ')) else {
            return false;
        };
        let digits = word.chars().all(|c| c.is_ascii_digit());
        if digits {
            return word.chars().count() >= badge::MIN_BADGE_CHARS;
        }
        // A badge with letters, as the welcome screen takes it; unknown,
        // it may be a name with its PIN glued on ("anouk1357"), which
        // the form refuses and never shows.
        let badge = crate::domain::code::is_code(&word);
        (badge || (badge::is_name(&word) && !self.badge_only)) && self.someone_else(&word, store)
    }

    /// True when `typed` logs in a known person other than the one whose
    /// pane this is.
    fn someone_else(&self, typed: &str, store: &dyn Store) -> bool {
        let Phase::Pane { handle: now, .. } = &self.phase else {
            return false;
        };
        badge::handle(typed).is_some_and(|h| h != *now && matches!(store.person(&h), Ok(Some(_))))
    }

    /// A known person's badge that a scanner typed at the end of the text
    /// in a form of the pane still logged in (after what the last worker
    /// typed): where in `text` it starts, and the code. The text before it
    /// is the last worker's; the code is the next worker's login.
    pub fn badge_at_end(&self, text: &str, store: &dyn Store) -> Option<(usize, String)> {
        crate::domain::code::badges_at_end(text)
            .into_iter()
            .find(|(_, code)| self.someone_else(code, store))
            .map(|(start, code)| (start, code.to_string()))
    }

    /// [`Session::is_login_at_pane`]: the one logged in is logged out,
    /// and `typed` goes to the welcome screen's Enter as if typed there.
    /// The first outcome closes their pane, the second is the login.
    pub fn log_in_over(&mut self, typed: &str, store: &dyn Store) -> (Outcome, Outcome) {
        let out = self.logout();
        self.input = field().with_text(typed);
        (out, self.submit_badge(store))
    }

    /// The pane's log-out key.
    pub fn logout(&mut self) -> Outcome {
        self.touch();
        self.end_pane(false)
    }

    /// Called by the runner every now and then: after the idle time,
    /// everything goes back to the welcome screen.
    pub fn tick(&mut self) -> Outcome {
        if self.until_idle() > Duration::ZERO {
            return Outcome::Stay;
        }
        self.touch();
        match self.phase {
            Phase::Pane { .. } => self.end_pane(true),
            Phase::Welcome
                if self.input.text().is_empty()
                    && self.lang == self.default_lang
                    && self.notice.is_none()
                    && self.question.is_none() =>
            {
                Outcome::Stay
            }
            _ => {
                self.back_to_welcome();
                self.question = None;
                self.name_asked = None;
                Outcome::Reset
            }
        }
    }

    fn end_pane(&mut self, idle: bool) -> Outcome {
        let Phase::Pane { handle, .. } = std::mem::replace(&mut self.phase, Phase::Welcome) else {
            return Outcome::Stay;
        };
        self.back_to_welcome();
        Outcome::LoggedOut { handle, idle }
    }

    /// The welcome screen, as the next person should find it.
    /// A store error as a notice, in the language on the screen.
    fn failed(&self, e: &StoreError) -> Notice {
        crate::i18n::set_thread(self.lang);
        Notice::Failed(first_line(&crate::i18n::store_error(e)))
    }

    fn back_to_welcome(&mut self) {
        self.phase = Phase::Welcome;
        self.input.clear();
        self.notice = None;
        self.lang = self.default_lang;
    }

    /// True while the pane shows the person's private entries and drafts.
    pub fn private(&self) -> bool {
        matches!(self.phase, Phase::Pane { private: true, .. })
    }

    /// The person's display name while the pane is open.
    pub fn person_name(&self) -> Option<&str> {
        match &self.phase {
            Phase::Pane { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// How long before the idle logout the pane starts counting down.
pub const WARN_BEFORE: Duration = Duration::from_secs(15);

/// For a short idle time the countdown takes at most this part of it:
/// with `--idle-timeout 20` from 7 s on, not from 10 (a countdown
/// from 10 s on, while the worker still reads, felt like being pushed
/// out; issue 11). 120 s and more keep the whole [`WARN_BEFORE`].
pub const WARN_PART: u32 = 3;

/// Right after a save, the idle time is this part of the usual one.
pub const AFTER_SAVE_PART: u32 = 4;

/// The one-line field of the kiosk's screens, as long as a badge or name
/// may be.
/// Long enough for a question's title: a question typed at the welcome
/// screen was cut at a name's 80 characters while the screen said it was
/// kept. A typed name that long is refused at Enter (`maybe_a_name`,
/// `register`); a badge code of any length is hashed.
fn field() -> TextInput {
    TextInput::single_line().with_max(crate::domain::validate::MAX_TITLE_CHARS)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}
