//! Which answers this kiosk already announced ("Goed nieuws: Bram gaf
//! antwoord op je vraag …"), so the notice shows once per new answer and
//! not at every login until the asker opens the question. The Me tab
//! still marks the answer new until it is opened: that is where it waits.
//!
//! Kept by the kiosk, not in the shared database: a notice shown is the
//! kiosk's own bookkeeping. The file
//! (`$XDG_STATE_HOME/leertuin/kiosk-told.toml`, mode 0600) holds, per
//! database, question ids and the last answer told on each: no name, no
//! text. Another kiosk may tell the same answer once more.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::store::NewAnswer;

/// Questions remembered per database; the oldest go first past this.
const KEPT: usize = 2_000;

/// Database (its outbox name, as drafts use) → question id → last answer
/// told.
type Table = BTreeMap<String, BTreeMap<String, i64>>;

#[derive(Debug, Default)]
pub struct Told {
    path: Option<PathBuf>,
    told: Table,
}

impl Told {
    /// The kiosk's file: `$XDG_STATE_HOME/leertuin/kiosk-told.toml`.
    pub fn file() -> Option<PathBuf> {
        Some(crate::paths::state_dir()?.join("kiosk-told.toml"))
    }

    /// What `path` holds; a missing or broken file is an empty one (the
    /// worst that follows is one notice shown again).
    pub fn load(path: Option<PathBuf>) -> Told {
        let told = path
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default();
        Told { path, told }
    }

    /// True the first time `news` on the database `spec` is asked about:
    /// it is marked told (and kept on disk) at once. An answer newer than
    /// the one told is news again.
    pub fn first_time(&mut self, spec: &str, news: &NewAnswer) -> bool {
        let questions = self.told.entry(spec.to_string()).or_default();
        let key = news.question.to_string();
        if questions.get(&key).is_some_and(|told| *told >= news.answer) {
            return false;
        }
        questions.insert(key, news.answer);
        if questions.len() > KEPT {
            let oldest = questions
                .iter()
                .min_by_key(|(_, answer)| **answer)
                .map(|(q, _)| q.clone());
            if let Some(q) = oldest {
                questions.remove(&q);
            }
        }
        self.save();
        true
    }

    /// Written whole or not at all; a failure only means a notice may
    /// show once more, never a kiosk that stops.
    fn save(&self) {
        if let (Some(path), Ok(text)) = (&self.path, toml::to_string(&self.told)) {
            let _ = crate::private_file::write(path, text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, Kind, Time};

    fn news(question: i64, answer: i64) -> NewAnswer {
        NewAnswer {
            question: ItemId::new(Kind::Question, question),
            title: "Waar ligt de toner?".into(),
            answer,
            by: "Bram".into(),
            at: Time::default(),
        }
    }

    #[test]
    fn each_answer_is_told_once_and_a_newer_one_again_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kiosk-told.toml");
        let mut told = Told::load(Some(file.clone()));
        assert!(told.first_time("/team.db", &news(1, 7)));
        assert!(!told.first_time("/team.db", &news(1, 7)));
        // Another database has its own q1.
        assert!(told.first_time("/other.db", &news(1, 7)));
        // A restart remembers.
        let mut again = Told::load(Some(file.clone()));
        assert!(!again.first_time("/team.db", &news(1, 7)));
        assert!(again.first_time("/team.db", &news(1, 9)));
        assert!(again.first_time("/team.db", &news(2, 8)));
        let kept = std::fs::read_to_string(&file).unwrap();
        assert!(!kept.contains("Bram") && !kept.contains("toner"), "{kept}");
    }

    #[test]
    fn a_broken_file_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kiosk-told.toml");
        std::fs::write(&file, "not [ toml").unwrap();
        let mut told = Told::load(Some(file));
        assert!(told.first_time("/team.db", &news(1, 7)));
    }
}
