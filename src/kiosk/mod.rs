//! Kiosk mode (`leertuin kiosk`): the pane on a shared terminal.
//!
//! A person scans a badge or types a name on the welcome screen, uses the
//! normal pane as themselves, and logs out with `q` (or is logged out after
//! the idle time). Nothing reaches a shell: Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D,
//! `q` and Esc never end the program; leaving needs the admin PIN or a
//! SIGTERM from outside.
//!
//! - [`session`]: the pure state machine (welcome → register → pane → welcome)
//! - [`pin`]: the admin PIN's hash and the rate limiter for wrong tries
//! - [`badge`]: badge codes and names, their handles and masks
//! - [`runner`]: the terminal loop around the session and the pane
//! - [`screen`]: the welcome, register and PIN screens
//! - [`told`]: which answers were announced at login already

pub mod badge;
pub mod pin;
pub mod runner;
pub mod screen;
pub mod session;
pub mod told;

use std::time::Duration;

use thiserror::Error;

use crate::store::StoreError;
use crate::tui::keys::KeyError;

/// Idle time before the pane goes back to the welcome screen.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(120);

#[derive(Debug, Error)]
pub enum KioskError {
    #[error("config.toml [kiosk]: {0}")]
    Config(String),
    /// A `[search] synonyms` entry that pairs no single words.
    #[error("config.toml: {0}")]
    Search(String),
    /// A bad command-line value (`--idle-timeout`).
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error("admin PIN: {0}")]
    Pin(String),
}

/// `[kiosk]` of config.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub idle: Duration,
    /// `pin_hash = "$argon2id$…"`: the admin PIN, when kept in config.
    pub pin_hash: Option<String>,
    /// `badge_only = true`: typed names do not log in.
    pub badge_only: bool,
}

impl Settings {
    /// Reads the `[kiosk]` table; `--idle-timeout` wins over it.
    pub fn from_config(
        table: &toml::Table,
        idle_override: Option<u64>,
    ) -> Result<Settings, KioskError> {
        let mut settings = Settings {
            idle: DEFAULT_IDLE,
            pin_hash: None,
            badge_only: false,
        };
        for (key, value) in table {
            match (key.as_str(), value) {
                ("idle_timeout", toml::Value::Integer(n)) => {
                    settings.idle = idle(u64::try_from(*n).unwrap_or(0), "idle_timeout")?;
                }
                ("idle_timeout", _) => {
                    return Err(KioskError::Config(
                        crate::t!(
                            "kiosk.idle-range",
                            what = "idle_timeout",
                            max = MAX_IDLE_SECS
                        )
                        .into_owned(),
                    ));
                }
                ("pin_hash", toml::Value::String(s)) => settings.pin_hash = Some(s.clone()),
                ("pin_hash", _) => {
                    return Err(KioskError::Config(
                        crate::t!("kiosk.config.pin-hash").into_owned(),
                    ));
                }
                ("badge_only", toml::Value::Boolean(b)) => settings.badge_only = *b,
                ("badge_only", _) => {
                    return Err(KioskError::Config(
                        crate::t!("kiosk.config.badge-only").into_owned(),
                    ));
                }
                (other, _) => {
                    return Err(KioskError::Config(
                        crate::t!("kiosk.config.unknown", key = format!("{other:?}")).into_owned(),
                    ));
                }
            }
        }
        if let Some(secs) = idle_override {
            settings.idle = idle(secs, "--idle-timeout").map_err(|e| match e {
                KioskError::Config(m) => KioskError::Usage(m),
                other => other,
            })?;
        }
        Ok(settings)
    }
}

/// The longest idle timeout: a day. A kiosk that never logs out is no
/// kiosk, and a huge value would overflow the clock's arithmetic (a point
/// in time plus 2^64 seconds), so it is refused, not clamped: one line,
/// exit code 2, before the screen is touched.
pub const MAX_IDLE_SECS: u64 = 86_400;

fn idle(secs: u64, what: &str) -> Result<Duration, KioskError> {
    if (1..=MAX_IDLE_SECS).contains(&secs) {
        Ok(Duration::from_secs(secs))
    } else {
        Err(KioskError::Config(
            crate::t!("kiosk.idle-range", what = what, max = MAX_IDLE_SECS).into_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_from_config_and_flag() {
        let none = toml::Table::new();
        assert_eq!(
            Settings::from_config(&none, None).unwrap().idle,
            DEFAULT_IDLE
        );
        let table: toml::Table = toml::from_str("idle_timeout = 30\npin_hash = \"$x\"").unwrap();
        let s = Settings::from_config(&table, None).unwrap();
        assert_eq!((s.idle.as_secs(), s.pin_hash.as_deref()), (30, Some("$x")));
        assert_eq!(
            Settings::from_config(&table, Some(2))
                .unwrap()
                .idle
                .as_secs(),
            2
        );
        let badges: toml::Table = toml::from_str("badge_only = true").unwrap();
        assert!(Settings::from_config(&badges, None).unwrap().badge_only);
        let yes: toml::Table = toml::from_str("badge_only = \"yes\"").unwrap();
        assert!(Settings::from_config(&yes, None).is_err());
        let bad: toml::Table = toml::from_str("idle_timeout = -1").unwrap();
        assert!(Settings::from_config(&bad, None).is_err());
        let typo: toml::Table = toml::from_str("idle = 3").unwrap();
        assert!(Settings::from_config(&typo, None).is_err());
        assert!(Settings::from_config(&none, Some(0)).is_err());
    }

    #[test]
    fn huge_idle_timeouts_are_refused_not_overflowed() {
        let none = toml::Table::new();
        for secs in [MAX_IDLE_SECS + 1, u64::MAX] {
            let err = Settings::from_config(&none, Some(secs)).unwrap_err();
            assert!(err.to_string().contains("86400"), "{err}");
        }
        assert!(Settings::from_config(&none, Some(MAX_IDLE_SECS)).is_ok());
        let huge: toml::Table = toml::from_str("idle_timeout = 9223372036854775807").unwrap();
        assert!(Settings::from_config(&huge, None).is_err());
    }
}
