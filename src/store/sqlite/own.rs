//! Writes on a person's own posts: edit, delete (leaving a tombstone),
//! restore, and taking back a backing or a vote. Each runs inside the
//! caller's `BEGIN IMMEDIATE` transaction, so the author check and the
//! change see the same row.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::exec;
use crate::domain::post::join_question;
use crate::domain::{Backing, BackingKind, ItemId, Kind, Post, ValidationError};
use crate::store::own::{check_owner, table, text_update};
use crate::store::rows::{tags_from_sql, tags_to_sql};
use crate::store::{Result, StoreError};

/// The post's row: (number, author, text as typed, deleted?). Fails with
/// `NotFound` when there is no such post.
fn row(tx: &Connection, post: Post) -> Result<(i64, Option<String>, String, bool)> {
    let found = match post {
        Post::Answer { question, answer } => tx
            .prepare_cached(
                "SELECT id, author, body, deleted_at IS NOT NULL FROM answer
                 WHERE id = ?1 AND question_id = ?2",
            )?
            .query_row([answer, question.num], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?,
        Post::Item(id) if id.kind == Kind::Question => tx
            .prepare_cached(
                "SELECT id, author, title, body, deleted_at IS NOT NULL FROM question WHERE id = ?1",
            )?
            .query_row([id.num], |r| {
                let (title, body): (String, String) = (r.get(2)?, r.get(3)?);
                Ok((r.get(0)?, r.get(1)?, join_question(&title, &body), r.get(4)?))
            })
            .optional()?,
        Post::Item(id) => {
            let sql = format!(
                "SELECT id, author, text, deleted_at IS NOT NULL FROM {} WHERE id = ?1",
                table(post)?
            );
            tx.prepare_cached(&sql)?
                .query_row([id.num], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?
        }
    };
    // A post on a deleted question is gone with it.
    if let Post::Answer { question, .. } = post {
        let live: Option<bool> = tx
            .prepare_cached("SELECT deleted_at IS NULL FROM question WHERE id = ?1")?
            .query_row([question.num], |r| r.get(0))
            .optional()?;
        if live != Some(true) {
            return Err(StoreError::NotFound(question));
        }
    }
    found.ok_or(StoreError::NotFound(post.item()))
}

/// The row of `person`'s own post, or why they may not change it.
fn own(tx: &Connection, post: Post, person: &str) -> Result<(i64, String, bool)> {
    let (num, author, text, deleted) = row(tx, post)?;
    check_owner(post, author.as_deref(), person)?;
    Ok((num, text, deleted))
}

/// Which time column a text change sets.
enum Mark {
    Edited(i64),
    Deleted(i64),
    /// Back from the dead: `deleted_at` cleared.
    Restored,
}

/// Writes the post's text (already cleaned) and its time mark.
fn set_text(tx: &Connection, post: Post, num: i64, text: &str, mark: Mark) -> Result<()> {
    let table = table(post)?;
    let (set, first, rest) = text_update(post, text);
    let (column, time) = match mark {
        Mark::Edited(at) => ("edited_at", Some(at)),
        Mark::Deleted(at) => ("deleted_at", Some(at)),
        Mark::Restored => ("deleted_at", None),
    };
    // ?4 is always named, so the statement takes all four parameters.
    let sql = format!("UPDATE {table} SET {set}, {column} = ?4 WHERE id = ?1");
    exec(tx, &sql, params![num, first, rest, time])?;
    Ok(())
}

/// Changes the text of `person`'s own post; returns the text it had.
pub fn edit(tx: &Connection, at: i64, post: Post, person: &str, text: &str) -> Result<String> {
    let text = post.clean_text(text)?;
    let (num, old, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(post.item()));
    }
    if old != text {
        set_text(tx, post, num, &text, Mark::Edited(at))?;
    }
    Ok(old)
}

/// Sets the tags of `person`'s own tip, question or learned entry (checked
/// as a new item's are); returns the tags it had.
pub fn set_tags(
    tx: &Connection,
    at: i64,
    id: ItemId,
    person: &str,
    tags: &[String],
) -> Result<Vec<String>> {
    let tags = crate::domain::validate::tags(tags)?;
    let post = Post::Item(id);
    let (num, _, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(id));
    }
    let table = table(post)?;
    let old: String = tx
        .prepare_cached(&format!("SELECT tags FROM {table} WHERE id = ?1"))?
        .query_row([num], |r| r.get(0))?;
    let old = tags_from_sql(&old);
    if old != tags {
        let sql = format!("UPDATE {table} SET tags = ?2, edited_at = ?3 WHERE id = ?1");
        exec(tx, &sql, params![num, tags_to_sql(&tags), at])?;
    }
    Ok(old)
}

/// Deletes `person`'s own post, keeping a tombstone (id, author, times,
/// `deleted_at`; the text cleared). Returns the text it had.
///
/// A question with colleagues' answers is not deleted: their answers would
/// vanish with it (a deleted question hides its answers), and they are
/// theirs. The asker can still change its text.
pub fn delete(tx: &Connection, at: i64, post: Post, person: &str) -> Result<String> {
    let (num, old, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(post.item()));
    }
    if let Post::Item(id) = post
        && id.kind == Kind::Question
    {
        let others: i64 = tx
            .prepare_cached(
                "SELECT count(*) FROM answer
                 WHERE question_id = ?1 AND deleted_at IS NULL AND author <> ?2",
            )?
            .query_row(params![num, person], |r| r.get(0))?;
        if others > 0 {
            return Err(ValidationError::AnsweredByOthers(id).into());
        }
    }
    set_text(tx, post, num, "", Mark::Deleted(at))?;
    Ok(old)
}

/// Brings back `person`'s own deleted post with `text` (undo of a delete).
pub fn restore(tx: &Connection, post: Post, person: &str, text: &str) -> Result<()> {
    let text = post.clean_text(text)?;
    let (num, _, deleted) = own(tx, post, person)?;
    if !deleted {
        return Err(StoreError::NotAllowed(format!("{post} is not deleted")));
    }
    set_text(tx, post, num, &text, Mark::Restored)
}

/// Takes back `person`'s backing of `kind`; returns it, or `None` when
/// there was none.
pub fn withdraw(
    tx: &Connection,
    question: ItemId,
    person: &str,
    kind: BackingKind,
) -> Result<Option<Backing>> {
    if question.kind != Kind::Question {
        return Err(ValidationError::NotKind {
            id: question,
            kind: Kind::Question,
        }
        .into());
    }
    let found: Option<Backing> = tx
        .prepare_cached(
            "SELECT person, minutes, helped, created_at FROM backing
             WHERE question_id = ?1 AND person = ?2 AND kind = ?3",
        )?
        .query_row(params![question.num, person, kind.name()], |r| {
            Ok(Backing {
                person: r.get(0)?,
                // Only the minutes matter to who withdraws (for an undo).
                person_name: String::new(),
                kind,
                minutes: r.get(1)?,
                helped: r.get(2)?,
                created_at: crate::store::rows::time_from_sql(r.get(3)?),
            })
        })
        .optional()?;
    if found.is_some() {
        exec(
            tx,
            "DELETE FROM backing WHERE question_id = ?1 AND person = ?2 AND kind = ?3",
            params![question.num, person, kind.name()],
        )?;
    }
    Ok(found)
}

/// Takes back `person`'s vote on `tip`; false when there was none.
pub fn unvote(tx: &Connection, tip: ItemId, person: &str) -> Result<bool> {
    if tip.kind != Kind::Tip {
        return Err(ValidationError::NotKind {
            id: tip,
            kind: Kind::Tip,
        }
        .into());
    }
    let n = exec(
        tx,
        "DELETE FROM vote WHERE tip_id = ?1 AND person = ?2",
        params![tip.num, person],
    )?;
    Ok(n == 1)
}
