//! The kiosk session as a pure state machine: no terminal, no real clock.
//!
//! ```text
//! Welcome ──Enter (unknown)──▶ Register(name, lang) ──Enter──▶ Pane(person)
//!    │  ╲──Enter (known)──────────────────────────────────────▶ Pane(person)
//!    │                                          logout (q) / idle ──▶ Welcome
//!    └──F10──▶ Pin ──right PIN──▶ leave;  wrong PIN: rate-limited
//! ```
//!
//! The runner ([`super::runner`]) turns terminal keys into [`Key`]s, runs
//! the pane while the phase is [`Phase::Pane`], and does what each
//! [`Outcome`] asks. Every phase but the welcome screen falls back to it
//! after the idle timeout.

use std::time::{Duration, Instant};

use super::badge;
use super::pin::{self, RateLimiter};
use crate::store::{ProfileEdit, Store};

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
    Enter,
    Esc,
    /// F2 or Tab: English ⇄ Nederlands.
    SwitchLang,
    /// F10: ask for the admin PIN.
    Admin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// "Scan your badge or type your name".
    Welcome,
    /// A new badge or name: what should we call you? The language is
    /// [`Session::lang`].
    Register { handle: String },
    /// The pane, as this person.
    Pane { handle: String, name: String },
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
    /// F10, but no PIN was ever set.
    NoPin,
    /// A wrong PIN; `wait` when more tries must wait.
    WrongPin { wait: Option<Duration> },
    /// Too many wrong PINs: try again after this long.
    Wait(Duration),
}

/// What the runner must do after a key or a tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Draw again (or not: nothing on screen changed).
    Stay,
    /// Open the pane as this person, in this language.
    LogIn { handle: String, lang: String },
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
    /// The text field of the welcome, register or PIN screen.
    pub input: String,
    /// The language of the kiosk screens, and of a new person.
    pub lang: &'static str,
    /// The language the welcome screen starts in for every new person.
    pub default_lang: &'static str,
    pub notice: Option<Notice>,
    /// The stored admin PIN hash; `None` when none was set.
    pin_hash: Option<String>,
    pub limiter: RateLimiter,
    idle: Duration,
    last_key: Instant,
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
            input: String::new(),
            lang,
            default_lang: lang,
            notice: None,
            pin_hash,
            limiter: RateLimiter::default(),
            idle,
            last_key,
            clock,
        }
    }

    pub fn idle(&self) -> Duration {
        self.idle
    }

    /// A key was pressed (in the pane too): the idle time starts again.
    pub fn touch(&mut self) {
        self.last_key = self.clock.now();
    }

    /// How long until the idle timeout, for the runner's wait.
    pub fn until_idle(&self) -> Duration {
        (self.last_key + self.idle).saturating_duration_since(self.clock.now())
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
            (_, Key::Admin) => Outcome::Stay,
            (_, Key::Char(c)) => {
                if !c.is_control() && self.input.chars().count() < badge::MAX_INPUT_CHARS {
                    self.input.push(c);
                }
                if self.phase == Phase::Pin {
                    self.notice = notice.filter(|n| matches!(n, Notice::Wait(_)));
                }
                Outcome::Stay
            }
            (_, Key::Backspace) => {
                self.input.pop();
                Outcome::Stay
            }
            (Phase::Welcome, Key::Esc) => {
                self.input.clear();
                Outcome::Stay
            }
            (Phase::Register { .. } | Phase::Pin, Key::Esc) => {
                self.back_to_welcome();
                Outcome::Stay
            }
            (Phase::Welcome, Key::Enter) => self.submit_badge(store),
            (Phase::Register { handle }, Key::Enter) => {
                let handle = handle.clone();
                self.register(handle, store)
            }
            (Phase::Pin, Key::Enter) => self.submit_pin(),
        }
    }

    /// The welcome screen's Enter: a known person logs in, a new one is
    /// asked for a name.
    fn submit_badge(&mut self, store: &dyn Store) -> Outcome {
        let typed = std::mem::take(&mut self.input);
        let Some(handle) = badge::handle(&typed) else {
            return Outcome::Stay;
        };
        match store.person(&handle) {
            Ok(Some(person)) => {
                let lang = person.lang.clone().unwrap_or_else(|| self.lang.to_string());
                self.phase = Phase::Pane {
                    handle: handle.clone(),
                    name: person.name,
                };
                Outcome::LogIn { handle, lang }
            }
            Ok(None) => {
                // A typed name is offered as the display name; a badge code
                // is not shown back.
                if let Some(name) = badge::clean(&typed).filter(|t| badge::is_name(t)) {
                    self.input = name;
                }
                self.phase = Phase::Register { handle };
                Outcome::Stay
            }
            Err(e) => {
                self.notice = Some(Notice::Failed(first_line(&e.to_string())));
                Outcome::Stay
            }
        }
    }

    /// Creates the person with the typed name and the chosen language.
    fn register(&mut self, handle: String, store: &dyn Store) -> Outcome {
        let Some(name) = badge::clean(&self.input) else {
            self.notice = Some(Notice::NameNeeded);
            return Outcome::Stay;
        };
        let edit = ProfileEdit {
            name: Some(name),
            lang: Some(self.lang.to_string()),
            ..ProfileEdit::default()
        };
        match store.edit_person(&handle, &edit) {
            Ok(person) => {
                self.input.clear();
                self.phase = Phase::Pane {
                    handle: handle.clone(),
                    name: person.name,
                };
                Outcome::LogIn {
                    handle,
                    lang: self.lang.to_string(),
                }
            }
            Err(e) => {
                self.notice = Some(Notice::Failed(first_line(&e.to_string())));
                Outcome::Stay
            }
        }
    }

    fn submit_pin(&mut self) -> Outcome {
        let now = self.clock.now();
        if let Some(wait) = self.limiter.wait(now) {
            // Not even checked: waiting is the only way.
            self.input.clear();
            self.notice = Some(Notice::Wait(wait));
            return Outcome::Stay;
        }
        let typed = std::mem::take(&mut self.input);
        let right = self
            .pin_hash
            .as_deref()
            .is_some_and(|h| pin::verify(&typed, h));
        if right {
            self.limiter.succeed();
            self.back_to_welcome();
            return Outcome::Leave;
        }
        let wait = self.limiter.fail(now);
        self.notice = Some(Notice::WrongPin { wait });
        Outcome::Stay
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
                if self.input.is_empty()
                    && self.lang == self.default_lang
                    && self.notice.is_none() =>
            {
                Outcome::Stay
            }
            _ => {
                self.back_to_welcome();
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
    fn back_to_welcome(&mut self) {
        self.phase = Phase::Welcome;
        self.input.clear();
        self.notice = None;
        self.lang = self.default_lang;
    }

    /// The person's display name while the pane is open.
    pub fn person_name(&self) -> Option<&str> {
        match &self.phase {
            Phase::Pane { name, .. } => Some(name),
            _ => None,
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}
