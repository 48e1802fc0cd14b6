//! `config.toml`: the user's file (`$XDG_CONFIG_HOME/leertuin/config.toml`)
//! over the system one (`/etc/leertuin/config.toml`). Every field is
//! optional; what the user's file sets wins.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::paths;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The shared database, e.g. `/srv/leertuin/team.db`.
    pub db: Option<PathBuf>,
    /// Interface language: `en` or `nl`.
    pub lang: Option<String>,
    /// Desired retention for reviews (0.7–0.99; default 0.9).
    pub retention: Option<f64>,
    /// Rating buttons in a review: 4 (again/hard/good/easy, the default) or
    /// 2 (forgot/knew it: simpler on a kiosk).
    pub review_buttons: Option<u8>,
    /// Key overrides for the pane, by action name (read by the pane).
    #[serde(default)]
    pub keys: toml::Table,
    /// Settings of kiosk mode (read by `leertuin kiosk`).
    #[serde(default)]
    pub kiosk: toml::Table,
    /// Search settings.
    #[serde(default)]
    pub search: SearchConfig,
    /// Imported know-how in the pane.
    #[serde(default)]
    pub knowhow: KnowhowConfig,
    /// Who may grant budgets, issue vouchers and set matching rules on a
    /// database file (`admins = ["anna"]`). Read from the system config
    /// only: a person's own file cannot make them an admin.
    #[serde(default)]
    pub admins: Vec<String>,
    /// The currency budgets are shown in (`EUR` when not set).
    pub currency: Option<String>,
}

/// `[search]` in config.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Words the team uses for the same thing, each entry `a = b [= c …]`:
    /// each finds the others (`synonyms = ["uitpakken = extraheren"]`).
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// `[knowhow]` in config.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowhowConfig {
    /// `false`: the pane starts with imported know-how (tldr, navi, FAQ)
    /// hidden from its lists and search; its key shows it again. Shown
    /// when not set.
    pub show: Option<bool>,
}

#[derive(Debug, Error)]
#[error("{path}: {reason}")]
pub struct ConfigError {
    pub path: String,
    pub reason: String,
}

impl Config {
    /// Reads the system file, then the user's file over it. Missing files are fine.
    pub fn load() -> Result<Config, ConfigError> {
        let mut config = Config::default();
        let user = paths::user_config();
        if let Some(system) = Config::read(&paths::system_config())? {
            config.merge(system);
        }
        if let Some(path) = user
            && let Some(mut layer) = Config::read(&path)?
        {
            // Admins are the system's to name, never a person's own.
            layer.admins.clear();
            config.merge(layer);
        }
        Ok(config)
    }

    /// One file; `None` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Config>, ConfigError> {
        let err = |reason: String| ConfigError {
            path: path.display().to_string(),
            reason,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(err(e.to_string())),
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| err(e.message().replace('\n', " ")))
    }

    fn merge(&mut self, over: Config) {
        if over.db.is_some() {
            self.db = over.db;
        }
        if over.lang.is_some() {
            self.lang = over.lang;
        }
        if over.retention.is_some() {
            self.retention = over.retention;
        }
        if over.review_buttons.is_some() {
            self.review_buttons = over.review_buttons;
        }
        if over.currency.is_some() {
            self.currency = over.currency;
        }
        if over.knowhow.show.is_some() {
            self.knowhow.show = over.knowhow.show;
        }
        self.admins.extend(over.admins);
        self.keys.extend(over.keys);
        self.kiosk.extend(over.kiosk);
        // The system's synonyms and the user's both hold.
        self.search.synonyms.extend(over.search.synonyms);
    }

    /// The `[search] synonyms`, checked: a one-line error names the entry
    /// that pairs no single words.
    pub fn synonyms(&self) -> Result<crate::search::Synonyms, String> {
        crate::search::Synonyms::parse(&self.search.synonyms)
            .map_err(|entry| t!("config.synonym", entry = entry).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_file_wins_key_by_key() {
        let mut base: Config =
            toml::from_str("db = \"/srv/team.db\"\nlang = \"nl\"\n[keys]\nquit = \"q\"\n").unwrap();
        let user: Config = toml::from_str("lang = \"en\"\n[keys]\nsearch = \"f\"\n").unwrap();
        base.merge(user);
        assert_eq!(base.db, Some(PathBuf::from("/srv/team.db")));
        assert_eq!(base.lang.as_deref(), Some("en"));
        assert_eq!(base.keys.len(), 2);
        let hides: Config = toml::from_str("[knowhow]\nshow = false\n").unwrap();
        base.merge(hides);
        assert_eq!(base.knowhow.show, Some(false));
        base.merge(Config::default());
        assert_eq!(
            base.knowhow.show,
            Some(false),
            "a file that is silent keeps it"
        );
    }

    #[test]
    fn typos_are_reported_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "databse = \"x\"\n").unwrap();
        let err = Config::read(&path).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("databse"),
            "{err}"
        );
        assert_eq!(Config::read(&dir.path().join("none.toml")).unwrap(), None);
    }
}
