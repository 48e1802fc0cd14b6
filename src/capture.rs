//! Saving a capture so that nothing typed is ever lost: into the database
//! if it can be written, else into the outbox ([`crate::outbox`]) to be
//! sent later, and only when that fails too into a draft file
//! ([`crate::drafts`]) that the next `leertuin capture` or pane start
//! offers back.
//!
//! Shared by the pane and the `leertuin capture` popup; no terminal here.

use std::path::PathBuf;

use crate::domain::{Done, Draft, ItemId, Kind, NewItem, Write, from_millis, now};
use crate::drafts::{AnswerDraft, Drafts, FormDraft, SavedDraft};
use crate::outbox::{self, Failed, Outbox, Outcome};
use crate::store::{Store, StoreError};

/// Where a capture went.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// In the database, for everyone.
    Stored(ItemId),
    /// Not in the database now (`reason`), but waiting in the outbox file
    /// `path` to be sent; `passes` when the reason goes away by itself (a
    /// busy database, a server that is away).
    Queued {
        reason: String,
        /// The reason in a kiosk's words ([`crate::plain`]).
        plain: String,
        passes: bool,
        path: PathBuf,
    },
    /// Neither in the database nor in the outbox (`reason`), but safe in a
    /// draft file.
    Drafted { reason: String, path: PathBuf },
}

/// Why a capture went nowhere; the form stays open with its text.
#[derive(Debug, Clone, PartialEq)]
pub enum NotSaved {
    /// The input breaks a rule (a bad tag, too long): the person fixes it.
    Invalid(String),
    /// Neither the database nor the drafts folder could be written.
    Nowhere { reason: String, draft_error: String },
}

impl std::fmt::Display for NotSaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSaved::Invalid(reason) => f.write_str(reason),
            NotSaved::Nowhere {
                reason,
                draft_error,
            } => f.write_str(&t!(
                "capture.nowhere",
                reason = reason,
                draft_error = draft_error
            )),
        }
    }
}

/// Where a capture the database can't take goes: the outbox, for the
/// store `spec` names, and the drafts folder when the outbox can't take it
/// either (or the database refused the write itself).
#[derive(Debug, Clone, Copy)]
pub struct Places<'a> {
    pub outbox: Option<&'a Outbox>,
    pub spec: &'a str,
    pub drafts: Option<&'a Drafts>,
}

/// Stores a capture of `kind` by `person`, or keeps it in the outbox (else
/// as a draft) when the database can't take it. `store` is the open
/// database, or why it could not be opened. `restored` is the draft the
/// form was filled from: it is deleted once its text is stored or waits
/// in the outbox, or replaced by a newer draft.
pub fn save(
    store: Result<&dyn Store, StoreError>,
    places: &Places,
    person: &str,
    kind: Kind,
    draft: &Draft,
    restored: Option<&str>,
) -> Result<Saved, NotSaved> {
    // Rules first: a write that can never be stored helps no one.
    NewItem::from_draft(kind, person, draft)
        .map_err(|e| NotSaved::Invalid(crate::i18n::invalid(&e)))?;
    let write = Write::Add {
        kind,
        person: person.to_string(),
        draft: draft.clone(),
    };
    let outcome = match store {
        Ok(store) => outbox::submit(places.outbox, places.spec, store, &write),
        Err(e) => outbox::keep(places.outbox, places.spec, &write, e),
    };
    let saved = match outcome {
        Ok(Outcome::Stored(Done::Added(id))) => Saved::Stored(id),
        Ok(Outcome::Queued { reason, path }) => Saved::Queued {
            reason: first_line(&crate::i18n::store_error(&reason)),
            plain: crate::plain::store_error(&reason),
            passes: reason.passes(),
            path,
        },
        Ok(Outcome::Stored(other)) => {
            return Err(NotSaved::Invalid(format!("unexpected result {other:?}")));
        }
        Err(Failed::Refused(StoreError::Invalid(e))) => {
            return Err(NotSaved::Invalid(crate::i18n::invalid(&e)));
        }
        Err(Failed::Refused(e) | Failed::Nowhere { reason: e, .. }) => {
            let reason = first_line(&crate::i18n::store_error(&e));
            return match keep(places.drafts, person, kind, draft, restored) {
                Ok(path) => Ok(Saved::Drafted { reason, path }),
                Err(draft_error) => Err(NotSaved::Nowhere {
                    reason,
                    draft_error,
                }),
            };
        }
    };
    if let (Some(drafts), Some(old)) = (places.drafts, restored) {
        // Stored or waiting is what counts; a leftover file is offered
        // again and can be discarded then.
        let _ = drafts.delete(old);
    }
    Ok(saved)
}

/// Keeps a capture as a draft (Esc on a filled form, or a failed save) and
/// returns its file. Replaces the draft `restored` from, if any, so one
/// capture never becomes two drafts.
pub fn keep(
    drafts: Option<&Drafts>,
    person: &str,
    kind: Kind,
    draft: &Draft,
    restored: Option<&str>,
) -> Result<PathBuf, String> {
    let drafts = drafts.ok_or_else(|| t!("capture.no-drafts-folder").into_owned())?;
    let saved = SavedDraft {
        kind,
        person: person.to_string(),
        // Whole milliseconds, as the file keeps them.
        created_at: from_millis(now().timestamp_millis()),
        draft: draft.clone(),
    };
    let id = drafts.save(&saved).map_err(|e| e.to_string())?;
    if let Some(old) = restored.filter(|old| *old != id) {
        let _ = drafts.delete(old);
    }
    Ok(drafts.path(&id))
}

/// A form's text that is not stored yet, with all that is needed to keep it
/// as a draft later: what a signal must not lose ([`crate::signals::hold`]).
#[derive(Debug, Clone)]
pub enum Unsaved {
    /// A capture (tip, question, learned).
    Capture {
        drafts: Drafts,
        person: String,
        kind: Kind,
        draft: Draft,
        /// The draft the form was filled from, replaced by this one.
        restored: Option<String>,
    },
    /// An answer to a question, offered again when its writer next answers
    /// that question.
    Answer {
        drafts: Drafts,
        person: String,
        question: ItemId,
        text: String,
    },
    /// Minutes to pledge, a reflection or the profile, offered again when
    /// its writer next opens that form.
    Form { drafts: Drafts, form: FormDraft },
}

impl Unsaved {
    /// Keeps it as a draft; the draft's file.
    pub fn keep(&self) -> Result<PathBuf, String> {
        match self {
            Unsaved::Capture {
                drafts,
                person,
                kind,
                draft,
                restored,
            } => keep(Some(drafts), person, *kind, draft, restored.as_deref()),
            Unsaved::Answer {
                drafts,
                person,
                question,
                text,
            } => {
                let answer = AnswerDraft {
                    person: person.clone(),
                    answer_to: question.to_string(),
                    created_at: from_millis(now().timestamp_millis()),
                    text: text.clone(),
                    store: None,
                };
                let id = drafts.save_answer(&answer).map_err(|e| e.to_string())?;
                Ok(drafts.path(&id))
            }
            Unsaved::Form { drafts, form } => {
                let id = drafts.save_form(form).map_err(|e| e.to_string())?;
                Ok(drafts.path(&id))
            }
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    fn tip(text: &str) -> Draft {
        Draft {
            text: text.into(),
            tags: vec!["vim".into()],
            context: Some("vim".into()),
            ..Draft::default()
        }
    }

    #[test]
    fn stored_when_the_database_takes_it_and_the_restored_draft_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let old = keep(Some(&drafts), "ann", Kind::Tip, &tip("ci\""), None).unwrap();
        let old_id = drafts.list().unwrap()[0].id.clone();
        assert!(old.exists());
        let places = Places {
            outbox: None,
            spec: "t.db",
            drafts: Some(&drafts),
        };
        let saved = save(
            Ok(&store),
            &places,
            "ann",
            Kind::Tip,
            &tip("ci\" changes inside quotes"),
            Some(&old_id),
        )
        .unwrap();
        assert!(matches!(saved, Saved::Stored(id) if id.kind == Kind::Tip));
        assert!(drafts.list().unwrap().is_empty());
    }

    #[test]
    fn a_database_that_cannot_open_sends_the_capture_to_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let outbox = Outbox::at(dir.path().join("outbox"));
        let places = Places {
            outbox: Some(&outbox),
            spec: "/x/team.db",
            drafts: Some(&drafts),
        };
        let old = keep(Some(&drafts), "ann", Kind::Tip, &tip("ci"), None).unwrap();
        let old_id = drafts.list().unwrap()[0].id.clone();
        let saved = save(
            Err(StoreError::Busy),
            &places,
            "ann",
            Kind::Tip,
            &tip("ci\" changes inside quotes"),
            Some(&old_id),
        )
        .unwrap();
        let Saved::Queued { passes, path, .. } = saved else {
            panic!("{saved:?}")
        };
        assert!(passes);
        assert!(path.starts_with(outbox.dir()));
        assert_eq!(outbox.count("/x/team.db", "ann"), 1);
        // The draft it was restored from is now the outbox entry.
        assert!(!old.exists());
    }

    #[test]
    fn without_an_outbox_a_capture_becomes_a_draft_with_everything() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let draft = Draft {
            anonymous: true,
            ..tip("Who knows the new rules?")
        };
        let places = Places {
            outbox: None,
            spec: "t.db",
            drafts: Some(&drafts),
        };
        let saved = save(
            Err(StoreError::DiskFull),
            &places,
            "ann",
            Kind::Question,
            &draft,
            None,
        )
        .unwrap();
        let Saved::Drafted { reason, path } = saved else {
            panic!("{saved:?}")
        };
        assert!(reason.contains("disk"), "{reason}");
        assert!(path.exists());
        let back = drafts.list().unwrap().remove(0).saved;
        assert_eq!((back.kind, back.person.as_str()), (Kind::Question, "ann"));
        assert_eq!(back.draft, draft);
    }

    #[test]
    fn bad_input_is_not_drafted_and_nowhere_to_go_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let bad = Draft {
            tags: vec!["no/slash".into()],
            ..tip("x")
        };
        let places = Places {
            outbox: None,
            spec: "t.db",
            drafts: Some(&drafts),
        };
        let r = save(Err(StoreError::Busy), &places, "ann", Kind::Tip, &bad, None);
        assert!(matches!(r, Err(NotSaved::Invalid(e)) if e.contains("tag")));
        assert!(drafts.list().unwrap().is_empty());

        let nowhere = Places {
            drafts: None,
            ..places
        };
        let r = save(
            Err(StoreError::Busy),
            &nowhere,
            "ann",
            Kind::Tip,
            &tip("x"),
            None,
        );
        let Err(e @ NotSaved::Nowhere { .. }) = r else {
            panic!("{r:?}")
        };
        assert!(e.to_string().contains("busy"), "{e}");
    }

    #[test]
    fn keeping_a_restored_draft_again_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path());
        keep(Some(&drafts), "ann", Kind::Tip, &tip("one"), None).unwrap();
        let first = drafts.list().unwrap()[0].id.clone();
        keep(
            Some(&drafts),
            "ann",
            Kind::Tip,
            &tip("one, more"),
            Some(&first),
        )
        .unwrap();
        let list = drafts.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].saved.draft.text, "one, more");
    }
}
