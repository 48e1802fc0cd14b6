//! The admin PIN that leaves kiosk mode: stored only as a salted argon2id
//! hash (a PHC string, `$argon2id$v=19$…`), and a rate limiter for wrong
//! tries.
//!
//! Where the hash lives: `[kiosk] pin_hash` in config.toml (an admin can put
//! it in `/etc/leertuin/config.toml`), else the file
//! `$XDG_CONFIG_HOME/leertuin/kiosk-pin` (mode 0600) that
//! `leertuin kiosk --set-pin` writes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// A PIN shorter than this is refused when it is set (the domain's, so
/// a PIN typed into a kiosk's text is hidden from the same length on).
pub use crate::domain::code::MIN_PIN_CHARS;
/// Wrong tries allowed before the first wait.
pub const FREE_TRIES: u32 = 3;
/// The first wait; each wrong try after it doubles the wait.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const MAX_WAIT: Duration = Duration::from_secs(60 * 60);
/// The first wait for a typed name's PIN. A kiosk cannot tell who types:
/// a colleague's slips on the owner's name made the owner wait 30 s and
/// more. 5 s, doubling, keeps the owner out seconds, yet guessing stays
/// slow: from the 13th wrong try each one waits an hour (a 4-digit PIN
/// then takes months, even when the owner's logins forgive the tries).
pub const NAME_FIRST_WAIT: Duration = Duration::from_secs(5);

/// The file `--set-pin` writes: `$XDG_CONFIG_HOME/leertuin/kiosk-pin`.
pub fn pin_file() -> Option<PathBuf> {
    crate::paths::user_config().and_then(|c| c.parent().map(|d| d.join("kiosk-pin")))
}

/// Where the admin PIN's wrong tries are kept: beside the PIN file
/// (`kiosk-pin-tries`), so a restart or a pulled plug gives no fresh tries.
pub fn tries_file() -> Option<PathBuf> {
    pin_file().map(|p| p.with_file_name("kiosk-pin-tries"))
}

/// A salted argon2id hash of `pin` (argon2's default parameters).
pub fn hash(pin: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the PIN: {e}"))
}

/// True when `pin` matches the stored hash. A broken hash matches nothing.
pub fn verify(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored.trim()).is_ok_and(|h| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &h)
            .is_ok()
    })
}

/// Refuses PINs that are too short or span lines.
pub fn check_new(pin: &str) -> Result<(), String> {
    if pin.chars().count() < MIN_PIN_CHARS {
        return Err(crate::t!("kiosk.pin.too_short", n = MIN_PIN_CHARS).into_owned());
    }
    if pin.chars().any(char::is_control) {
        return Err(crate::t!("kiosk.pin.one_line").into_owned());
    }
    Ok(())
}

/// Refuses a person's own PIN ([`check_new`]) unless it is digits and
/// letters only, as the kiosk asks ("at least 4 digits or letters"): a
/// sentence typed there is no PIN anyone remembers, and a PIN with a `?`
/// and spaces could pass for a question on the PIN screens.
pub fn check_personal(pin: &str) -> Result<(), String> {
    check_new(pin)?;
    if pin.chars().any(|c| !c.is_alphanumeric()) {
        return Err(crate::t!("kiosk.pin.letters_digits").into_owned());
    }
    Ok(())
}

/// Writes the hash to `path`, readable by its owner only (0600), replacing
/// any earlier PIN at once (temporary file, then rename).
pub fn store(path: &Path, phc: &str) -> io::Result<()> {
    crate::private_file::write(path, format!("{phc}\n").as_bytes())
}

/// The stored hash: `[kiosk] pin_hash` from config, else the PIN file.
/// `None` when no PIN was set.
pub fn load(config_hash: Option<&str>, file: Option<&Path>) -> io::Result<Option<String>> {
    if let Some(h) = config_hash.map(str::trim).filter(|h| !h.is_empty()) {
        return Ok(Some(h.to_string()));
    }
    let Some(file) = file else { return Ok(None) };
    match fs::read_to_string(file) {
        Ok(text) => Ok(Some(text.trim().to_string()).filter(|t| !t.is_empty())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Wrong PINs: [`FREE_TRIES`] tries, then a wait that doubles with every
/// further wrong try, up to [`MAX_WAIT`]. The clock is passed in, so tests
/// run it by hand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RateLimiter {
    failures: u32,
    until: Option<Instant>,
    /// The first wait; `None`: [`FIRST_WAIT`] (the admin PIN).
    first: Option<Duration>,
}

impl RateLimiter {
    /// The limiter of a typed name's PIN: its waits start at
    /// [`NAME_FIRST_WAIT`].
    pub fn for_names() -> RateLimiter {
        RateLimiter {
            first: Some(NAME_FIRST_WAIT),
            ..RateLimiter::default()
        }
    }

    /// How long a person must still wait before the next try; `None` when a
    /// try is allowed now.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.until
            .map(|until| until.saturating_duration_since(now))
            .filter(|d| !d.is_zero())
    }

    /// A wrong try at `now`; returns the wait it brings, if any.
    pub fn fail(&mut self, now: Instant) -> Option<Duration> {
        self.failures = self.failures.saturating_add(1);
        if self.failures < FREE_TRIES {
            return None;
        }
        let doublings = (self.failures - FREE_TRIES).min(16);
        let first = self.first.unwrap_or(FIRST_WAIT);
        let wait = first.saturating_mul(1 << doublings).min(MAX_WAIT);
        self.until = Some(now + wait);
        Some(wait)
    }

    /// The right PIN: everything is forgiven.
    pub fn succeed(&mut self) {
        *self = RateLimiter {
            first: self.first,
            ..RateLimiter::default()
        };
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The limiter kept in `path` (`FAILURES UNTIL_UNIX_MS`), on the
    /// clock that reads `now`; a fresh one when there is none. The wait is
    /// kept as wall-clock time, since an `Instant` means nothing after a
    /// restart.
    pub fn load(path: &Path, now: Instant) -> RateLimiter {
        let Ok(text) = fs::read_to_string(path) else {
            return RateLimiter::default();
        };
        let mut words = text.split_whitespace();
        let failures = words.next().and_then(|w| w.parse::<u32>().ok());
        let until_ms = words.next().and_then(|w| w.parse::<u64>().ok());
        let Some(failures) = failures else {
            return RateLimiter::default();
        };
        let wall_now = unix_ms(SystemTime::now());
        let until = until_ms
            .filter(|&u| u > wall_now)
            // Never longer than the longest wait, whatever the file says.
            .map(|u| now + Duration::from_millis(u - wall_now).min(MAX_WAIT));
        RateLimiter {
            failures,
            until,
            first: None,
        }
    }

    /// Writes the limiter to `path` (0600), as [`RateLimiter::load`] reads it.
    pub fn save(&self, path: &Path, now: Instant) -> io::Result<()> {
        let until = self
            .until
            .map(|u| unix_ms(SystemTime::now()) + millis(u.saturating_duration_since(now)))
            .unwrap_or(0);
        crate::private_file::write(path, format!("{} {until}\n", self.failures).as_bytes())
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn hashes_verify_and_are_salted() {
        let a = hash("2468").unwrap();
        let b = hash("2468").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a salt makes each hash different");
        assert!(verify("2468", &a) && verify("2468", &b));
        assert!(!verify("2469", &a));
        assert!(!verify("2468", "not a hash"));
    }

    #[test]
    fn the_file_is_private_and_config_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leertuin/kiosk-pin");
        assert_eq!(load(None, Some(&path)).unwrap(), None);
        store(&path, "$argon2id$x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            load(None, Some(&path)).unwrap().as_deref(),
            Some("$argon2id$x")
        );
        assert_eq!(
            load(Some("$c"), Some(&path)).unwrap().as_deref(),
            Some("$c")
        );
    }

    #[test]
    fn wrong_tries_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk-pin-tries");
        let t0 = Instant::now();
        assert_eq!(RateLimiter::load(&path, t0), RateLimiter::default());
        let mut r = RateLimiter::default();
        for _ in 0..FREE_TRIES {
            r.fail(t0);
        }
        r.save(&path, t0).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A new process, with its own clock.
        let t1 = t0 + Duration::from_secs(5);
        let back = RateLimiter::load(&path, t1);
        assert_eq!(back.failures(), FREE_TRIES);
        let wait = back.wait(t1).expect("still waiting");
        assert!(
            wait > FIRST_WAIT - Duration::from_secs(2) && wait <= FIRST_WAIT,
            "{wait:?}"
        );
        fs::write(&path, "garbage").unwrap();
        assert_eq!(RateLimiter::load(&path, t1), RateLimiter::default());
    }

    #[test]
    fn short_pins_are_refused() {
        assert!(check_new("123").is_err());
        assert!(check_new("12\n34").is_err());
        assert!(check_new("1234").is_ok());
    }

    #[test]
    fn waits_double_after_the_free_tries() {
        let t0 = Instant::now();
        let mut r = RateLimiter::default();
        assert_eq!(r.fail(t0), None);
        assert_eq!(r.fail(t0), None);
        assert_eq!(r.fail(t0), Some(FIRST_WAIT));
        assert_eq!(
            r.wait(t0 + Duration::from_secs(10)),
            Some(Duration::from_secs(20))
        );
        assert_eq!(r.wait(t0 + FIRST_WAIT), None);
        assert_eq!(r.fail(t0 + FIRST_WAIT), Some(FIRST_WAIT * 2));
        for _ in 0..30 {
            r.fail(t0);
        }
        assert_eq!(r.wait(t0), Some(MAX_WAIT));
        r.succeed();
        assert_eq!((r.wait(t0), r.failures()), (None, 0));
    }
}
