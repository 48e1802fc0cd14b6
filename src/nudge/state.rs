//! What the nudge showed when, and any snooze: a small TOML file in the
//! user's state directory (`paths::nudge_state`). It is per user and never
//! in the shared database, which `nudge` only reads.
//!
//! tmux runs `nudge` often and for several clients at once, so the file is
//! written only when something changes (a new line, a snooze, an expiry),
//! and replaced atomically so a reader never sees half a file.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::{Nudge, Rule};
use crate::domain::Time;

/// One person's nudge rhythm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonState {
    /// No nudges before this time (`leertuin nudge --snooze`).
    pub snooze_until: Option<Time>,
    /// When the person last looked at what is new (the pane notes it).
    pub looked_at: Option<Time>,
    /// The line on the status line now.
    pub current: Option<Showing>,
    /// No new line before this time.
    pub quiet_until: Option<Time>,
    /// Rule name → it may speak again from this time.
    pub rest: BTreeMap<String, Time>,
    /// Line key → how often and when it was last shown.
    pub seen: BTreeMap<String, Seen>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Showing {
    pub key: String,
    pub rule: String,
    pub since: Time,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub times: u32,
    pub last: Time,
}

impl PersonState {
    /// Drops every time limit that has passed, so the file stays small.
    pub fn forget_expired(&mut self, now: Time) {
        if self.snooze_until.is_some_and(|t| t <= now) {
            self.snooze_until = None;
        }
        if self.quiet_until.is_some_and(|t| t <= now) {
            self.quiet_until = None;
        }
        self.rest.retain(|_, until| *until > now);
        self.seen.retain(|key, seen| {
            // Keys are `review`, `tips`, `q42`, `l3`: rule names or ids.
            let rule = Rule::from_name(key).unwrap_or(Rule::Question);
            seen.last + rule.forget() > now
        });
    }

    /// Puts `nudge` on the status line from `now`.
    pub fn start(&mut self, nudge: &Nudge, now: Time) {
        let key = nudge.key();
        let seen = self.seen.entry(key.clone()).or_insert(Seen {
            times: 0,
            last: now,
        });
        seen.times += 1;
        seen.last = now;
        self.current = Some(Showing {
            key,
            rule: nudge.rule().name().to_string(),
            since: now,
        });
    }
}

/// The whole file: one state per person, since a shared login (or `--user`)
/// can be several people.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StateFile {
    pub people: BTreeMap<String, PersonState>,
}

impl StateFile {
    /// Reads the file; a missing or unreadable one is a fresh start (losing
    /// the rhythm is harmless, failing a status line is not).
    pub fn load(path: &Path) -> StateFile {
        fs::read_to_string(path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn person(&mut self, handle: &str) -> &mut PersonState {
        self.people.entry(handle.to_string()).or_default()
    }

    /// Writes the file atomically and privately (see `private_file`).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let text = toml::to_string(self).map_err(io::Error::other)?;
        crate::private_file::write(path, text.as_bytes())
    }
}

/// Silences `person`'s nudges until `until` (`None`: nudges back on).
pub fn snooze(path: &Path, person: &str, until: Option<Time>) -> io::Result<()> {
    let mut file = StateFile::load(path);
    let state = file.person(person);
    state.snooze_until = until;
    if until.is_some() {
        // The line on screen goes away now, not after its showing.
        state.current = None;
    }
    file.save(path)
}

/// Notes that `person` looked at what is new (called by the pane), so "new
/// tips" counts from here.
pub fn note_looked(path: &Path, person: &str, now: Time) -> io::Result<()> {
    let mut file = StateFile::load(path);
    file.person(person).looked_at = Some(now);
    file.save(path)
}

/// The longest snooze: a month. Anyone wanting more can remove the status line.
pub const MAX_SNOOZE: Duration = Duration::days(31);

/// Parses a snooze length: `90s`, `30m`, `2h`, `1d`, `1h30m`; `0` or `off`
/// ends a snooze.
pub fn parse_duration(input: &str) -> Result<Duration, String> {
    let s = input.trim().to_ascii_lowercase();
    let bad = || format!("bad duration {input:?}: use e.g. 30m, 2h, 1d or off");
    if s == "off" || s == "0" {
        return Ok(Duration::zero());
    }
    let mut total = Duration::zero();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        let part = match c {
            's' => Duration::try_seconds(n),
            'm' => Duration::try_minutes(n),
            'h' => Duration::try_hours(n),
            'd' => Duration::try_days(n),
            _ => None,
        }
        .ok_or_else(bad)?;
        total = total.checked_add(&part).ok_or_else(bad)?;
    }
    if !digits.is_empty() || total <= Duration::zero() {
        return Err(bad());
    }
    if total > MAX_SNOOZE {
        return Err(format!("{input}: snooze for at most 31 days"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::now;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("2h"), Ok(Duration::hours(2)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::minutes(90)));
        assert_eq!(parse_duration(" 45S "), Ok(Duration::seconds(45)));
        assert_eq!(parse_duration("off"), Ok(Duration::zero()));
        for bad in [
            "",
            "h",
            "2",
            "2x",
            "-1h",
            "1h 30m",
            "32d",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn state_round_trips_through_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/nudge-state.toml");
        assert_eq!(StateFile::load(&path), StateFile::default());
        let t = now();
        snooze(&path, "ann", Some(t)).unwrap();
        note_looked(&path, "bob", t).unwrap();
        let file = StateFile::load(&path);
        assert_eq!(file.people["ann"].snooze_until, Some(t));
        assert_eq!(file.people["bob"].looked_at, Some(t));
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "state is private: {mode:o}");
    }

    #[test]
    fn a_broken_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nudge-state.toml");
        fs::write(&path, "people = 3\n[[[").unwrap();
        assert_eq!(StateFile::load(&path), StateFile::default());
    }
}
