//! A [`Write`] applied to a [`Writer`]: the one place that turns writes as
//! data into the writer's calls, for commands, the pane, the kiosk, undo
//! and the outbox alike.

use super::{Result, StoreError, Writer};
use crate::domain::{Done, NewItem, Post, Write};

impl Write {
    /// Applies this write inside the writer's transaction. An added item's
    /// text is checked here, as typed, so a write read back from an outbox
    /// file passes the same rules as one made now.
    pub fn apply(&self, w: &dyn Writer) -> Result<Done> {
        Ok(match self {
            Write::Add {
                kind,
                person,
                draft,
            } => Done::Added(w.add(&NewItem::from_draft(*kind, person, draft)?)?),
            Write::Answer {
                question,
                person,
                text,
            } => Done::Answered(w.answer(*question, person, text)?),
            Write::Back {
                question,
                person,
                kind,
                minutes,
            } => {
                w.back(*question, person, *kind, *minutes)?;
                Done::Ok
            }
            Write::Withdraw {
                question,
                person,
                kind,
            } => Done::Taken(w.withdraw(*question, person, *kind)?),
            Write::Vote { tip, person } => Done::Changed(w.vote(*tip, person)?),
            Write::Unvote { tip, person } => Done::Changed(w.unvote(*tip, person)?),
            Write::Edit {
                post,
                person,
                text,
                tags,
            } => {
                let old = w.edit(*post, person, text)?;
                if let (Some(tags), Post::Item(id)) = (tags, post) {
                    w.set_tags(*id, person, tags)?;
                }
                Done::Text(old)
            }
            Write::Delete { post, person } => Done::Text(w.delete(*post, person)?),
            Write::Restore { post, person, text } => {
                w.restore(*post, person, text)?;
                Done::Ok
            }
            Write::MarkDone {
                lesson,
                person,
                reflection,
                brought,
            } => {
                w.mark_done_with(person, *lesson, reflection.as_deref(), *brought)?;
                Done::Ok
            }
            Write::UnmarkDone { lesson, person } => Done::Changed(w.unmark_done(person, *lesson)?),
            Write::Remember { tip, person } => Done::Changed(w.remember(person, *tip)?),
            Write::Accept {
                question,
                answer,
                person,
            } => {
                w.accept(*question, *answer, person)?;
                // Choosing the answer that helped is reading it: the Me tab
                // and the nudge stop calling the question's answers new.
                w.mark_answers_seen(person, *question)?;
                Done::Ok
            }
            Write::Helped {
                question,
                helper,
                person,
            } => {
                w.helped(*question, helper, person)?;
                Done::Ok
            }
            Write::Unaccept { question, person } => {
                w.unaccept(*question, person)?;
                Done::Ok
            }
            Write::Unhelped {
                question,
                helper,
                person,
            } => {
                w.unhelped(*question, helper, person)?;
                Done::Ok
            }
            Write::MarkAnswersSeen { question, person } => {
                w.mark_answers_seen(person, *question)?;
                Done::Ok
            }
        })
    }
}

/// An idempotency key as the outbox makes them (a UUID): anything else is
/// refused before it reaches a table.
pub(super) fn check_key(key: &str) -> Result<()> {
    let ok =
        (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(StoreError::NotAllowed(format!(
            "bad write key {:?}",
            crate::domain::text::one_line(key)
        )))
    }
}
