//! The few reads behind `leertuin nudge`. tmux runs it every few seconds for
//! every client, so each read is one indexed lookup or a short range scan
//! bounded by time, and all of them share one read transaction.
//!
//! Which facts turn into a nudge, and when, is decided in `crate::nudge`;
//! this file only answers questions about the data.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

use super::asked;
use crate::domain::{ItemId, Kind, Time};
use crate::store::Result;
use crate::store::nudge::{
    LessonPick, MAX_QUESTIONS_SCANNED, NudgeAsk, NudgeFacts, OpenQuestion, ShortLesson, TipTally,
    first_shared,
};
use crate::store::rows::{tags_from_sql, time_from_sql, time_to_sql};

/// `None` when the person is not in the database.
pub fn facts(tx: &Connection, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
    let Some((wants, offers, lang)) = profile(tx, ask.person)? else {
        return Ok(None);
    };
    let (new_tips, new_tip_tags, more_tips) = new_tips(tx, ask, &wants)?;
    Ok(Some(NudgeFacts {
        lang,
        due_cards: due_cards(tx, ask)?,
        question: open_question(tx, ask, &offers)?,
        new_tips,
        more_tips,
        new_tip_tags,
        last_learned: last_learned(tx, ask.person)?,
        lesson: short_lesson(tx, ask, &wants)?,
        // A file not yet migrated to the seen-state (nudges open read-only
        // and never migrate) just has no such news.
        answered: asked::newest_unseen(tx, ask.person).ok().flatten(),
        // Likewise a file from before wishes has nothing to say of them.
        wishes: super::wishes::nudges(tx, ask.person, &offers, ask.now.date_naive())
            .unwrap_or_default(),
    }))
}

type Profile = (Vec<String>, Vec<String>, Option<String>);

fn profile(tx: &Connection, person: &str) -> Result<Option<Profile>> {
    Ok(tx
        .query_row(
            "SELECT wants, offers, lang FROM person WHERE handle = ?1",
            [person],
            |r| {
                Ok((
                    tags_from_sql(&r.get::<_, String>(0)?),
                    tags_from_sql(&r.get::<_, String>(1)?),
                    r.get(2)?,
                ))
            },
        )
        .optional()?)
}

fn due_cards(tx: &Connection, ask: &NudgeAsk) -> Result<u32> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM card_state WHERE person = ?1 AND due <= ?2",
        (ask.person, time_to_sql(ask.now)),
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A text column, borrowed from the row: no allocation per scanned row.
fn text<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

// Tags are matched here in Rust, not in SQL: one SQL function call per tag
// and row (instr, LIKE) cost ~0.1 µs each, which for ten tags over a few
// thousand rows alone used up the whole 5 ms budget. The scans read the
// covering indexes of migration 0002, so the table rows (with their long
// texts) are touched only for the one question that is shown.

fn open_question(
    tx: &Connection,
    ask: &NudgeAsk,
    offers: &[String],
) -> Result<Option<OpenQuestion>> {
    if offers.is_empty() {
        return Ok(None);
    }
    let mut scan = tx.prepare_cached(
        "SELECT id, tags FROM question
         WHERE created_at BETWEEN ?1 AND ?2 AND (author IS NULL OR author <> ?3)
           AND deleted_at IS NULL
         ORDER BY created_at DESC LIMIT ?4",
    )?;
    let mut open = tx.prepare_cached(
        "SELECT title, created_at FROM question q
         WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.question_id = q.id AND a.deleted_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM backing b WHERE b.question_id = q.id AND b.person = ?2)",
    )?;
    let window = (
        time_to_sql(ask.questions_from),
        time_to_sql(ask.questions_until),
    );
    let mut rows = scan.query((window.0, window.1, ask.person, MAX_QUESTIONS_SCANNED))?;
    // Newest first; the first one that carries an offered tag and nobody
    // answered (and the person did not back) is the one.
    while let Some(row) = rows.next()? {
        let tags = text(row, 1)?;
        let Some(tag) = first_shared(offers, tags) else {
            continue;
        };
        let id: i64 = row.get(0)?;
        let found = open
            .query_row((id, ask.person), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .optional()?;
        if let Some((title, at)) = found {
            return Ok(Some(OpenQuestion {
                id: ItemId::new(Kind::Question, id),
                title,
                tag: tag.clone(),
                asked_at: time_from_sql(at),
            }));
        }
    }
    Ok(None)
}

/// How many new tips, on which wanted tags (most first), and whether the
/// window held more than were counted.
fn new_tips(tx: &Connection, ask: &NudgeAsk, wants: &[String]) -> Result<(u32, Vec<String>, bool)> {
    if wants.is_empty() {
        return Ok((0, Vec::new(), false));
    }
    let mut stmt = tx.prepare_cached(
        "SELECT tags, author FROM tip
         WHERE created_at > ?1 AND created_at <= ?2 AND deleted_at IS NULL
         ORDER BY created_at DESC LIMIT ?3",
    )?;
    let window = (time_to_sql(ask.tips_since), time_to_sql(ask.now));
    // One more than is counted, to know whether there were more.
    let mut rows = stmt.query((window.0, window.1, TipTally::LIMIT))?;
    let mut tally = TipTally::new(ask.person, wants);
    while let Some(row) = rows.next()? {
        if !tally.see(text(row, 0)?, text(row, 1)?) {
            break;
        }
    }
    Ok(tally.finish())
}

fn last_learned(tx: &Connection, person: &str) -> Result<Time> {
    // Each max() is one index probe (migration 0002 adds the indexes).
    let ms: i64 = tx.query_row(
        "SELECT max(
            coalesce((SELECT max(done_at) FROM lesson_done WHERE person = ?1), 0),
            coalesce((SELECT max(reviewed_at) FROM review WHERE person = ?1), 0),
            coalesce((SELECT max(created_at) FROM learned WHERE author = ?1), 0),
            coalesce((SELECT created_at FROM person WHERE handle = ?1), 0))",
        [person],
        |r| r.get(0),
    )?;
    Ok(time_from_sql(ms))
}

fn short_lesson(tx: &Connection, ask: &NudgeAsk, wants: &[String]) -> Result<Option<ShortLesson>> {
    if wants.is_empty() {
        return Ok(None);
    }
    // Lessons are few (bundled plus imported), so the tag test runs here.
    let mut stmt = tx.prepare_cached(
        "SELECT id, title, minutes, tags FROM lesson
         WHERE minutes <= ?2
           AND NOT EXISTS (SELECT 1 FROM lesson_done d WHERE d.person = ?1 AND d.lesson_id = lesson.id)
         ORDER BY minutes, id",
    )?;
    let mut rows = stmt.query((ask.person, ask.lesson_max_minutes))?;
    let mut pick = LessonPick::new(wants);
    while let Some(row) = rows.next()? {
        pick.see(row.get(0)?, &row.get::<_, String>(3)?, || {
            Ok::<_, rusqlite::Error>((row.get(1)?, row.get(2)?))
        })?;
    }
    Ok(pick.best())
}
