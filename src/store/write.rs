//! Checks every backend's writes share: a profile change and a backing's
//! minutes, validated before any SQL runs.

use super::{ProfileEdit, Result};
use crate::domain::lesson;
use crate::domain::validate::{self, MAX_NAME_CHARS};
use crate::domain::{BackingKind, ItemId, Person, ValidationError};

/// A profile change checked and applied to `person`, on every backend.
pub fn apply_profile(person: &mut Person, edit: &ProfileEdit) -> Result<()> {
    if let Some(name) = &edit.name {
        person.name = validate::line("name", name, MAX_NAME_CHARS)?;
    }
    if let Some(wants) = &edit.wants {
        person.wants = validate::tags(wants)?;
    }
    if let Some(offers) = &edit.offers {
        person.offers = validate::tags(offers)?;
    }
    if let Some(lang) = &edit.lang {
        if !lesson::LANGS.contains(&lang.as_str()) {
            return Err(ValidationError::BadLang(lang.clone()).into());
        }
        person.lang = Some(lang.clone());
    }
    Ok(())
}

/// The minutes a backing of `kind` stores: a pledge needs them, other
/// kinds take none.
pub fn backing_minutes(kind: BackingKind, minutes: Option<i64>) -> Result<Option<i64>> {
    Ok(match (kind, minutes) {
        (BackingKind::Pledge, Some(m)) => Some(validate::pledge_minutes(m)?),
        (BackingKind::Pledge, None) => {
            return Err(ValidationError::PledgeNeedsMinutes.into());
        }
        (_, Some(_)) => {
            return Err(ValidationError::MinutesOnlyPledge.into());
        }
        (_, None) => None,
    })
}

/// Backing is for colleagues' questions: the asker wants to know already
/// and cannot help themselves, as votes are for colleagues' tips.
/// `author` is the question's, `None` when asked anonymously (nothing links
/// it to anybody, so nothing to compare); `person` is the backer's handle.
pub fn not_own_question(question: ItemId, author: Option<&str>, person: &str) -> Result<()> {
    if author == Some(person) {
        return Err(ValidationError::OwnQuestion(question).into());
    }
    Ok(())
}
