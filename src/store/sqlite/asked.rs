//! Answers come back: the questions a person asked, and which of their
//! answers are new to them. "Seen" is kept per person in `answer_seen`
//! (the highest answer id they have seen on each question).

use rusqlite::{Connection, params};

use super::read;
use crate::domain::{Asked, Item, ItemId, Kind};
use crate::store::read::new_answer;
use crate::store::{NewAnswer, Result};

/// The person's own (not anonymous, not deleted) questions, newest first,
/// each with the answer id they have seen up to.
pub fn asked(tx: &Connection, person: &str, limit: usize) -> Result<Vec<Asked>> {
    let mut stmt = tx.prepare_cached(
        "SELECT q.id, coalesce(s.last_answer, 0) FROM question q
         LEFT JOIN answer_seen s ON s.person = ?1 AND s.question_id = q.id
         WHERE q.author = ?1 AND q.deleted_at IS NULL
         ORDER BY q.created_at DESC, q.id DESC LIMIT ?2",
    )?;
    let ids = stmt
        .query_map(params![person, limit as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for (num, seen_up_to) in ids {
        if let Item::Question(question) = read::get(tx, ItemId::new(Kind::Question, num), person)? {
            out.push(Asked {
                question,
                seen_up_to,
            });
        }
    }
    Ok(out)
}

/// The newest answer by someone else on the person's questions, above
/// what they have seen; `None` when nothing is new.
pub fn newest_unseen(tx: &Connection, person: &str) -> Result<Option<NewAnswer>> {
    // Walks the person's unseen answers newest first (unseen_answer,
    // migration 0013) and stops at the first that every condition still
    // holds for: the table keeps candidates, this query decides. CROSS
    // JOIN keeps that walk the outer loop, so it ends at its first row.
    tx.prepare_cached(
        "SELECT q.id, q.title, a.id,
                coalesce((SELECT p.name FROM person p WHERE p.handle = a.author), a.author),
                a.created_at
         FROM unseen_answer u
         CROSS JOIN answer a ON a.id = u.answer_id
         CROSS JOIN question q ON q.id = a.question_id
         WHERE u.person = ?1
           AND q.author = ?1 AND q.deleted_at IS NULL
           AND a.author != ?1 AND a.deleted_at IS NULL
           AND a.id > coalesce((SELECT s.last_answer FROM answer_seen s
                                WHERE s.person = ?1 AND s.question_id = q.id), 0)
         ORDER BY u.created_at DESC, u.answer_id DESC LIMIT 1",
    )?
    .query([person])?
    .next()?
    .map(new_answer)
    .transpose()
}

/// The person has seen every answer `question` has now. Only the asker's
/// own questions keep a seen mark; for others this does nothing.
pub fn mark_seen(tx: &Connection, person: &str, question: ItemId) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO answer_seen (person, question_id, last_answer)
         SELECT ?1, q.id, (SELECT coalesce(max(a.id), 0) FROM answer a WHERE a.question_id = q.id)
         FROM question q WHERE q.id = ?2 AND q.author = ?1
         ON CONFLICT (person, question_id) DO UPDATE SET last_answer = excluded.last_answer",
    )?
    .execute(params![person, question.num])?;
    Ok(())
}
