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

pub mod badge;
pub mod pin;
pub mod runner;
pub mod screen;
pub mod session;

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
                ("idle_timeout", toml::Value::Integer(n)) if *n >= 1 => {
                    settings.idle = Duration::from_secs(n.unsigned_abs());
                }
                ("idle_timeout", _) => {
                    return Err(KioskError::Config(
                        "idle_timeout: give a number of seconds, at least 1".into(),
                    ));
                }
                ("pin_hash", toml::Value::String(s)) => settings.pin_hash = Some(s.clone()),
                ("pin_hash", _) => {
                    return Err(KioskError::Config(
                        "pin_hash: give the hash that leertuin kiosk --set-pin prints".into(),
                    ));
                }
                ("badge_only", toml::Value::Boolean(b)) => settings.badge_only = *b,
                ("badge_only", _) => {
                    return Err(KioskError::Config("badge_only: give true or false".into()));
                }
                (other, _) => {
                    return Err(KioskError::Config(format!(
                        "unknown setting {other:?}; known are idle_timeout, pin_hash and badge_only"
                    )));
                }
            }
        }
        if let Some(secs) = idle_override {
            if secs == 0 {
                return Err(KioskError::Config(
                    "--idle-timeout: give at least 1 second".into(),
                ));
            }
            settings.idle = Duration::from_secs(secs);
        }
        Ok(settings)
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
}
