//! Drafts: captures that could not be stored yet (database locked, read-only,
//! missing, newer schema, disk full) or were left with Esc. Each is one small
//! TOML file in `$XDG_STATE_HOME/leertuin/drafts/`, readable only by its
//! owner, and offered again on the next start. Nothing typed is ever lost,
//! so a draft is written in full and synced before the form says "saved
//! as draft", and deleted only after the item is in the database.
//!
//! Each draft records the store it was typed for ([`crate::outbox::spec_name`]:
//! a file's canonical path, a server's URL without its password), and is
//! offered only there: a question left at a kiosk on one file must never
//! come back in a pane on another under the same name. Drafts kept before
//! they recorded it are offered where [`Drafts::offer_older`] allows (the
//! person's own pane and popup, marked so they can judge), never deleted.
//!
//! Pure file I/O: no terminal, no database.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::{Draft, Kind, Time};
use crate::paths;

#[derive(Debug, Error)]
pub enum DraftError {
    #[error("no place for drafts: no home directory")]
    NoHome,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not a draft: {reason}")]
    Bad { path: PathBuf, reason: String },
}

pub type Result<T, E = DraftError> = std::result::Result<T, E>;

/// One unsaved capture, with all it needs to be stored later.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDraft {
    pub kind: Kind,
    /// Who typed it (a kiosk serves many people).
    pub person: String,
    pub created_at: Time,
    pub draft: Draft,
}

/// A draft on disk: its id (the file name without `.toml`) and content.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    pub id: String,
    pub saved: SavedDraft,
    /// Kept by a version that did not record the store: it may belong to
    /// another database, so the offer says so.
    pub older: bool,
}

/// The file layout, kept apart from the domain types so they stay free of
/// serde attributes and the file format can be versioned on its own.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftFile {
    kind: String,
    person: String,
    created_at: Time,
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    context: Option<String>,
    #[serde(default)]
    anonymous: bool,
    #[serde(default)]
    private: bool,
    /// The store it was typed for; absent in drafts of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    store: Option<String>,
}

impl DraftFile {
    fn new(s: &SavedDraft, store: Option<String>) -> Self {
        DraftFile {
            kind: s.kind.name().to_string(),
            person: s.person.clone(),
            created_at: s.created_at,
            text: s.draft.text.clone(),
            tags: s.draft.tags.clone(),
            context: s.draft.context.clone(),
            anonymous: s.draft.anonymous,
            private: s.draft.private,
            store,
        }
    }

    fn into_saved(self) -> Result<SavedDraft, String> {
        let kind = Kind::from_word(&self.kind)
            .filter(|k| *k != Kind::Lesson)
            .ok_or_else(|| format!("unknown kind {:?}", self.kind))?;
        Ok(SavedDraft {
            kind,
            person: self.person,
            created_at: self.created_at,
            draft: Draft {
                text: self.text,
                tags: self.tags,
                context: self.context,
                anonymous: self.anonymous,
                private: self.private,
            },
        })
    }
}

/// An answer that was being typed when a signal ended the pane: offered
/// again, in the answer form, when its writer next answers that question.
/// Its own file layout, which [`Drafts::list`] (captures only) skips.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerDraft {
    pub person: String,
    /// The question's id (`q12`).
    pub answer_to: String,
    pub created_at: Time,
    pub text: String,
    /// The store it was typed for (set by [`Drafts::save_answer`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
}

/// Answer drafts' file names start with this, so captures never see them.
const ANSWER_PREFIX: &str = "answer-";

/// The text of one of the pane's other forms (minutes to pledge, a
/// reflection, the profile) when a signal ended the pane: offered again
/// when its writer next opens that form (on that item). Its own file
/// layout and name prefix, like [`AnswerDraft`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDraft {
    pub person: String,
    /// Which form: `pledge`, `reflection` or `profile`.
    pub form: String,
    /// The item the form is on (`q12`, `l3`); none for the profile.
    #[serde(default)]
    pub item: Option<String>,
    pub created_at: Time,
    /// The form's fields in order (one for a prompt; name, wants, offers
    /// and language for the profile).
    pub fields: Vec<String>,
    /// For a reflection: what the lesson brought, if chosen.
    #[serde(default)]
    pub brought: Option<String>,
    /// The store it was typed for (set by [`Drafts::save_form`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
}

/// Form drafts' file names start with this.
const FORM_PREFIX: &str = "form-";

/// A folder of drafts. [`Drafts::user`] is the real one; tests pass a
/// temporary folder to [`Drafts::at`]. [`Drafts::for_store`] ties what it
/// keeps and offers to one store; without it (tests, tools) it sees all.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
    store: Option<String>,
    older: bool,
}

impl Drafts {
    /// The user's drafts folder (`paths::drafts_dir`).
    pub fn user() -> Result<Drafts> {
        paths::drafts_dir()
            .map(Drafts::at)
            .ok_or(DraftError::NoHome)
    }

    pub fn at(dir: impl Into<PathBuf>) -> Drafts {
        Drafts {
            dir: dir.into(),
            store: None,
            older: true,
        }
    }

    /// Keeps drafts for the store named `key` ([`crate::outbox::spec_name`])
    /// and offers only that store's. Drafts of older versions, which name no
    /// store, are not offered unless [`Drafts::offer_older`] says so.
    pub fn for_store(mut self, key: impl Into<String>) -> Drafts {
        self.store = Some(key.into());
        self.older = false;
        self
    }

    /// Offers drafts that name no store too (marked as such). The person's
    /// own pane and popup do: the folder is theirs, and their text must
    /// come back somewhere. A kiosk does not: it is shared, and a worker
    /// there cannot tell which database a draft was typed for.
    pub fn offer_older(mut self, yes: bool) -> Drafts {
        self.older = yes;
        self
    }

    /// True when a draft recorded for `store` is offered here.
    fn offers(&self, store: Option<&str>) -> bool {
        match (store, self.store.as_deref()) {
            (Some(theirs), Some(ours)) => theirs == ours,
            (Some(_), None) => true,
            (None, _) => self.older,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a draft id names.
    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    /// Writes `saved` to a new file and returns its id. The file is complete
    /// and on disk when this returns (written to a temporary name, synced,
    /// then renamed), and private to its owner (mode 0600).
    pub fn save(&self, saved: &SavedDraft) -> Result<String> {
        let text = toml::to_string(&DraftFile::new(saved, self.store.clone())).map_err(|e| {
            DraftError::Bad {
                path: self.dir.clone(),
                reason: e.to_string(),
            }
        })?;
        // Time first so names sort oldest first; pid and a random part keep
        // two captures in the same millisecond apart.
        let id = format!(
            "{}-{}-{:04x}",
            saved.created_at.format("%Y%m%dT%H%M%S%3f"),
            std::process::id(),
            fastrand::u16(..)
        );
        self.write(&id, &text)?;
        Ok(id)
    }

    /// Writes draft `id` in full (see [`Drafts::save`]), making the folder
    /// (mode 0700) if needed.
    fn write(&self, id: &str, text: &str) -> Result<()> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| DraftError::Io { path, source }
        };
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(io_err(&self.dir))?;
        let path = self.path(id);
        crate::private_file::write(&path, text.as_bytes()).map_err(io_err(&path))
    }

    /// Keeps an unsent answer (see [`AnswerDraft`]); its id.
    pub fn save_answer(&self, answer: &AnswerDraft) -> Result<String> {
        let answer = AnswerDraft {
            store: self.store.clone(),
            ..answer.clone()
        };
        let text = toml::to_string(&answer).map_err(|e| DraftError::Bad {
            path: self.dir.clone(),
            reason: e.to_string(),
        })?;
        let id = format!(
            "{ANSWER_PREFIX}{}-{}-{:04x}",
            answer.created_at.format("%Y%m%dT%H%M%S%3f"),
            std::process::id(),
            fastrand::u16(..)
        );
        self.write(&id, &text)?;
        Ok(id)
    }

    /// Keeps a form's text (see [`FormDraft`]); its id.
    pub fn save_form(&self, form: &FormDraft) -> Result<String> {
        let form = FormDraft {
            store: self.store.clone(),
            ..form.clone()
        };
        let text = toml::to_string(&form).map_err(|e| DraftError::Bad {
            path: self.dir.clone(),
            reason: e.to_string(),
        })?;
        let id = format!(
            "{FORM_PREFIX}{}-{}-{:04x}",
            form.created_at.format("%Y%m%dT%H%M%S%3f"),
            std::process::id(),
            fastrand::u16(..)
        );
        self.write(&id, &text)?;
        Ok(id)
    }

    /// `person`'s kept forms, oldest first, with their ids.
    pub fn forms_for(&self, person: &str) -> Vec<(String, FormDraft)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<(String, FormDraft)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let id = name.strip_suffix(".toml")?;
                id.starts_with(FORM_PREFIX).then_some(())?;
                let text = fs::read_to_string(e.path()).ok()?;
                let form: FormDraft = toml::from_str(&text).ok()?;
                (form.person == person && self.offers(form.store.as_deref()))
                    .then(|| (id.to_string(), form))
            })
            .collect();
        out.sort_by(|a, b| (a.1.created_at, &a.0).cmp(&(b.1.created_at, &b.0)));
        out
    }

    /// `person`'s unsent answers, oldest first, with their ids.
    pub fn answers_for(&self, person: &str) -> Vec<(String, AnswerDraft)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<(String, AnswerDraft)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let id = name.strip_suffix(".toml")?;
                id.starts_with(ANSWER_PREFIX).then_some(())?;
                let text = fs::read_to_string(e.path()).ok()?;
                let answer: AnswerDraft = toml::from_str(&text).ok()?;
                (answer.person == person && self.offers(answer.store.as_deref()))
                    .then(|| (id.to_string(), answer))
            })
            .collect();
        out.sort_by(|a, b| (a.1.created_at, &a.0).cmp(&(b.1.created_at, &b.0)));
        out
    }

    /// Every readable draft offered here (see [`Drafts::for_store`]), oldest
    /// first. A file that cannot be read is
    /// skipped and left in place: it may be a newer leertuin's, or a person
    /// may still rescue its text by hand.
    pub fn list(&self) -> Result<Vec<DraftEntry>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(DraftError::Io {
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".toml")) else {
                continue;
            };
            // Answers and forms wait for their form (see `answers_for`).
            if id.starts_with('.') || id.starts_with(ANSWER_PREFIX) || id.starts_with(FORM_PREFIX) {
                continue;
            }
            if let Ok((saved, store)) = self.read(id)
                && self.offers(store.as_deref())
            {
                out.push(DraftEntry {
                    id: id.to_string(),
                    saved,
                    older: store.is_none(),
                });
            }
        }
        out.sort_by(|a, b| (a.saved.created_at, &a.id).cmp(&(b.saved.created_at, &b.id)));
        Ok(out)
    }

    /// The drafts of one person, oldest first (a kiosk offers each person
    /// only their own).
    pub fn list_for(&self, person: &str) -> Result<Vec<DraftEntry>> {
        let mut all = self.list()?;
        all.retain(|d| d.saved.person == person);
        Ok(all)
    }

    pub fn load(&self, id: &str) -> Result<SavedDraft> {
        self.read(id).map(|(saved, _)| saved)
    }

    /// A draft and the store it names, if any.
    fn read(&self, id: &str) -> Result<(SavedDraft, Option<String>)> {
        let path = self.path(id);
        let text = fs::read_to_string(&path).map_err(|source| DraftError::Io {
            path: path.clone(),
            source,
        })?;
        let bad = |reason: String| DraftError::Bad {
            path: path.clone(),
            reason,
        };
        let file: DraftFile = toml::from_str(&text).map_err(|e| bad(e.message().to_string()))?;
        let store = file.store.clone();
        Ok((file.into_saved().map_err(bad)?, store))
    }

    /// Removes a draft once its item is stored. A draft already gone is fine
    /// (another pane may have saved it first).
    pub fn delete(&self, id: &str) -> Result<()> {
        let path = self.path(id);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftError::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::from_millis;
    use std::os::unix::fs::PermissionsExt;

    fn saved(person: &str, ms: i64, text: &str) -> SavedDraft {
        SavedDraft {
            kind: Kind::Question,
            person: person.into(),
            created_at: from_millis(ms),
            draft: Draft {
                text: text.into(),
                tags: vec!["sql".into(), "life".into()],
                context: Some("psql".into()),
                anonymous: true,
                private: false,
            },
        }
    }

    #[test]
    fn a_draft_comes_back_exactly_as_saved() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("state/leertuin/drafts"));
        let d = saved(
            "ann",
            1_750_000_000_123,
            "Why \"quotes\"?\nSecond line ''' \\ é",
        );
        let id = drafts.save(&d).unwrap();
        assert_eq!(drafts.load(&id).unwrap(), d);
        let list = drafts.list().unwrap();
        assert_eq!(
            list,
            vec![DraftEntry {
                id,
                saved: d,
                older: true
            }]
        );
    }

    #[test]
    fn drafts_are_private_files() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let id = drafts.save(&saved("ann", 0, "secret")).unwrap();
        let mode = fs::metadata(drafts.path(&id)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        let dir_mode = fs::metadata(drafts.dir()).unwrap().permissions().mode();
        assert_eq!(dir_mode & 0o077, 0, "{dir_mode:o}");
    }

    #[test]
    fn list_is_oldest_first_and_per_person() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path());
        drafts.save(&saved("bob", 3_000, "third")).unwrap();
        drafts.save(&saved("ann", 1_000, "first")).unwrap();
        drafts.save(&saved("ann", 2_000, "second")).unwrap();
        drafts.save(&saved("ann", 2_000, "second again")).unwrap();
        let texts: Vec<String> = drafts
            .list()
            .unwrap()
            .into_iter()
            .map(|d| d.saved.draft.text)
            .collect();
        assert_eq!(texts.len(), 4);
        assert_eq!(texts[0], "first");
        assert_eq!(texts[3], "third");
        assert_eq!(drafts.list_for("ann").unwrap().len(), 3);
        assert!(drafts.list_for("carl").unwrap().is_empty());
    }

    #[test]
    fn delete_removes_once_and_tolerates_twice() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path());
        let id = drafts.save(&saved("ann", 0, "x")).unwrap();
        drafts.delete(&id).unwrap();
        drafts.delete(&id).unwrap();
        assert!(drafts.list().unwrap().is_empty());
    }

    #[test]
    fn a_missing_folder_has_no_drafts() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Drafts::at(dir.path().join("none"))
                .list()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn broken_files_are_skipped_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path());
        drafts.save(&saved("ann", 0, "good")).unwrap();
        fs::write(dir.path().join("broken.toml"), "kind = 3").unwrap();
        fs::write(dir.path().join("lesson.toml"), "kind = \"lesson\"\nperson = \"a\"\ncreated_at = \"2025-01-01T00:00:00Z\"\ntext = \"x\"\n").unwrap();
        fs::write(dir.path().join("notes.txt"), "not a draft").unwrap();
        assert_eq!(drafts.list().unwrap().len(), 1);
        assert!(matches!(drafts.load("broken"), Err(DraftError::Bad { .. })));
        assert!(matches!(drafts.load("lesson"), Err(DraftError::Bad { .. })));
        assert!(dir.path().join("broken.toml").exists());
    }

    #[test]
    fn a_read_only_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        fs::write(&file, "").unwrap();
        // A folder path below a plain file can never be created, even by root.
        let drafts = Drafts::at(file.join("drafts"));
        assert!(matches!(
            drafts.save(&saved("ann", 0, "x")),
            Err(DraftError::Io { .. })
        ));
    }

    #[test]
    fn answer_drafts_are_kept_apart_from_captures() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path());
        drafts.save(&saved("ann", 1_000, "a tip")).unwrap();
        let answer = |person: &str, ms: i64| AnswerDraft {
            person: person.into(),
            answer_to: "q12".into(),
            created_at: crate::domain::from_millis(ms),
            text: format!("{person}'s answer"),
            store: None,
        };
        drafts.save_answer(&answer("ann", 2_000)).unwrap();
        drafts.save_answer(&answer("bob", 3_000)).unwrap();
        // Captures never offer an answer, and nobody sees another's.
        assert_eq!(drafts.list().unwrap().len(), 1);
        let anns = drafts.answers_for("ann");
        assert_eq!(anns.len(), 1);
        assert_eq!(anns[0].1, answer("ann", 2_000));
        drafts.delete(&anns[0].0).unwrap();
        assert!(drafts.answers_for("ann").is_empty());
        assert_eq!(drafts.answers_for("bob").len(), 1);
    }

    #[test]
    fn a_draft_is_offered_only_for_its_own_store() {
        let dir = tempfile::tempdir().unwrap();
        let kiosk = Drafts::at(dir.path()).for_store("/srv/k.db");
        let pane = Drafts::at(dir.path()).for_store("/home/henk/p.db");
        kiosk
            .save(&saved("henk", 1_000, "Is de kantine open?"))
            .unwrap();
        pane.save(&saved("henk", 2_000, "Where is vim's config?"))
            .unwrap();
        let texts = |d: &Drafts| -> Vec<String> {
            d.list_for("henk")
                .unwrap()
                .into_iter()
                .map(|e| e.saved.draft.text)
                .collect()
        };
        assert_eq!(texts(&kiosk), ["Is de kantine open?"]);
        assert_eq!(texts(&pane), ["Where is vim's config?"]);
        // Answers and forms too: q12 on another file is another question.
        let answer = AnswerDraft {
            person: "henk".into(),
            answer_to: "q12".into(),
            created_at: crate::domain::from_millis(3_000),
            text: "plank twee".into(),
            store: None,
        };
        kiosk.save_answer(&answer).unwrap();
        assert_eq!(kiosk.answers_for("henk").len(), 1);
        assert!(pane.answers_for("henk").is_empty());
        let form = FormDraft {
            person: "henk".into(),
            form: "pledge".into(),
            item: Some("q12".into()),
            created_at: crate::domain::from_millis(4_000),
            fields: vec!["10".into()],
            brought: None,
            store: None,
        };
        pane.save_form(&form).unwrap();
        assert!(kiosk.forms_for("henk").is_empty());
        assert_eq!(pane.forms_for("henk").len(), 1);
    }

    #[test]
    fn older_drafts_without_a_store_are_offered_only_where_allowed_and_marked() {
        let dir = tempfile::tempdir().unwrap();
        // As a version before stores were recorded wrote it.
        fs::write(
            dir.path().join("20250101T000000000-1-abcd.toml"),
            "kind = \"question\"\nperson = \"henk\"\ncreated_at = \"2025-01-01T00:00:00Z\"\ntext = \"oud\"\n",
        )
        .unwrap();
        let kiosk = Drafts::at(dir.path()).for_store("/srv/k.db");
        assert!(kiosk.list_for("henk").unwrap().is_empty());
        let pane = Drafts::at(dir.path())
            .for_store("/home/henk/p.db")
            .offer_older(true);
        let offered = pane.list_for("henk").unwrap();
        assert_eq!(offered.len(), 1);
        assert!(offered[0].older);
        // Never deleted for being old: the text stays on disk.
        assert!(dir.path().join("20250101T000000000-1-abcd.toml").exists());
        // Kept again, it names the store it is kept for.
        pane.save(&offered[0].saved).unwrap();
        assert_eq!(
            kiosk.list_for("henk").unwrap().len(),
            0,
            "kept again by the pane, it is the pane's"
        );
        assert_eq!(
            pane.list_for("henk")
                .unwrap()
                .iter()
                .filter(|e| !e.older)
                .count(),
            1
        );
    }
}
