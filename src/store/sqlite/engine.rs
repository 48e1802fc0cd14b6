//! SQL of the learning engine: review cards, accepted answers and given
//! pledges, and the facts behind the Team and insights views. The rules
//! (scheduling, medians, pairs) live in the domain; this file only stores
//! and fetches.

use rusqlite::{Connection, OptionalExtension, params};

use super::read;
use super::rows::{all, exec};
use crate::domain::insights::Facts;
use crate::domain::srs::{self, CardKey, DueCard, Rating};
use crate::domain::{
    BackingKind, Brought, CardState, ItemId, Kind, Question, Time, ValidationError, from_millis,
};
use crate::store::read::{self as shared, CARD_COLUMNS, Filter, Reads};
use crate::store::rows::time_to_sql;
use crate::store::{Result, StoreError};

/// Every card state, for backups; or one person's.
pub fn card_states(tx: &Connection, person: Option<&str>) -> Result<Vec<CardState>> {
    read::Sql(tx).card_states(person)
}

/// Adds a card state unless the person already has that card; returns
/// the number of rows written (0 or 1).
pub fn insert_card_state(tx: &Connection, c: &CardState) -> Result<usize> {
    put_card_state(tx, c, "DO NOTHING")
}

/// Writes every column of a card state; `on_conflict` says what happens
/// when the person already has the card. One column list for all writers.
fn put_card_state(tx: &Connection, c: &CardState, on_conflict: &str) -> Result<usize> {
    let sql = format!(
        "INSERT INTO card_state (person, card, stability, difficulty, due, last_review, reps, lapses, phase, scheduled_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (person, card) {on_conflict}"
    );
    exec(
        tx,
        &sql,
        params![
            c.person,
            c.card,
            c.stability,
            c.difficulty,
            time_to_sql(c.due),
            c.last_review.map(time_to_sql),
            c.reps,
            c.lapses,
            c.phase.name(),
            c.scheduled_days
        ],
    )
}

/// Makes each check card of `lesson` a review card for `person` (once).
pub fn enrol_lesson_cards(tx: &Connection, at: i64, person: &str, lesson: ItemId) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT ord FROM card WHERE lesson_id = ?1 ORDER BY ord")?;
    let ords: Vec<u32> = stmt
        .query_map([lesson.num], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for ord in ords {
        let key = CardKey::LessonCard { lesson, ord }.to_string();
        insert_card_state(tx, &srs::new_card(person, &key, from_millis(at)))?;
    }
    Ok(())
}

/// Makes a tip a review card for `person`; false when it already was one.
pub fn remember(tx: &Connection, at: i64, person: &str, tip: ItemId) -> Result<bool> {
    if tip.kind != Kind::Tip {
        return Err(ValidationError::NotKind {
            id: tip,
            kind: Kind::Tip,
        }
        .into());
    }
    let exists: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM tip WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([tip.num], |r| r.get(0))
        .optional()?;
    exists.ok_or(StoreError::NotFound(tip))?;
    let card = srs::new_card(person, &tip.to_string(), from_millis(at));
    Ok(insert_card_state(tx, &card)? == 1)
}

/// Schedules the next review of `card` and logs this one.
pub fn record_review(
    tx: &Connection,
    at: i64,
    person: &str,
    card: &str,
    rating: Rating,
    retention: f64,
) -> Result<CardState> {
    let sql = format!("SELECT {CARD_COLUMNS} FROM card_state WHERE person = ?1 AND card = ?2");
    let state = all(tx, &sql, [person, card], |r| shared::card_state(r))?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::NotYourCard(card.to_string()))?;
    let next = srs::review(&state, rating, from_millis(at), retention);
    put_card_state(
        tx,
        &next,
        "DO UPDATE SET stability = excluded.stability, difficulty = excluded.difficulty,
         due = excluded.due, last_review = excluded.last_review, reps = excluded.reps,
         lapses = excluded.lapses, phase = excluded.phase, scheduled_days = excluded.scheduled_days",
    )?;
    exec(
        tx,
        "INSERT INTO review (person, card, reviewed_at, rating) VALUES (?1, ?2, ?3, ?4)",
        params![person, card, at, rating as u8],
    )?;
    Ok(next)
}

/// Cards due for `person` at `now`, most overdue first, with what to show.
/// Cards whose lesson lost that check card (an updated lesson) are skipped.
pub fn due_cards(tx: &Connection, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM card_state WHERE person = ?1 AND due <= ?2 ORDER BY due, card"
    );
    let states = all(tx, &sql, params![person, time_to_sql(now)], |r| {
        shared::card_state(r)
    })?;
    let mut due = Vec::new();
    for state in states {
        if due.len() >= limit {
            break;
        }
        let Ok(key) = CardKey::parse(&state.card) else {
            continue;
        };
        let shown: Option<(String, String)> = match key {
            CardKey::LessonCard { lesson, ord } => tx
                .prepare_cached(
                    "SELECT question, answer FROM card WHERE lesson_id = ?1 AND ord = ?2",
                )?
                .query_row(params![lesson.num, ord], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
            CardKey::Tip(tip) => tx
                .prepare_cached("SELECT coalesce(context, tags), text FROM tip WHERE id = ?1 AND deleted_at IS NULL")?
                .query_row([tip.num], |r| {
                    let about: String = r.get(0)?;
                    Ok((format!("{tip} {about}").trim().to_string(), r.get(1)?))
                })
                .optional()?,
        };
        if let Some((prompt, answer)) = shown {
            due.push(DueCard {
                card: state.card.clone(),
                prompt,
                answer,
                state,
            });
        }
    }
    Ok(due)
}

/// Who asked `question` (None: anonymously); an error unless it is a
/// question that is there.
pub(super) fn question_author(tx: &Connection, question: ItemId) -> Result<Option<String>> {
    if question.kind != Kind::Question {
        return Err(ValidationError::NotKind {
            id: question,
            kind: Kind::Question,
        }
        .into());
    }
    tx.prepare_cached("SELECT author FROM question WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([question.num], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(question))
}

/// Fails unless `person` asked `question`; returns the question's id number.
fn asked_by(tx: &Connection, question: ItemId, person: &str, what: &str) -> Result<()> {
    let author = question_author(tx, question)?;
    match author {
        Some(a) if a == person => Ok(()),
        // `what` is the act, for whoever reads a log; the person is told
        // in their language.
        Some(_) => {
            let _ = what;
            Err(ValidationError::NotTheAsker(question).into())
        }
        None => Err(ValidationError::AskedAnonymously(question).into()),
    }
}

/// Marks answer `answer` as the accepted one of `question` (only one is).
pub fn accept(tx: &Connection, question: ItemId, answer: i64, person: &str) -> Result<()> {
    asked_by(tx, question, person, "accept an answer")?;
    let belongs: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM answer WHERE id = ?1 AND question_id = ?2 AND deleted_at IS NULL",
        )?
        .query_row([answer, question.num], |r| r.get(0))
        .optional()?;
    if belongs.is_none() {
        return Err(ValidationError::NoAnswer { question, answer }.into());
    }
    exec(
        tx,
        "UPDATE answer SET accepted = (id = ?2) WHERE question_id = ?1",
        params![question.num, answer],
    )?;
    Ok(())
}

/// Marks `helper`'s pledge on `question` as given.
pub fn helped(tx: &Connection, question: ItemId, helper: &str, person: &str) -> Result<()> {
    asked_by(tx, question, person, "mark a pledge as helped")?;
    let changed = exec(
        tx,
        "UPDATE backing SET helped = 1 WHERE question_id = ?1 AND person = ?2 AND kind = ?3",
        params![question.num, helper, BackingKind::Pledge.name()],
    )?;
    if changed == 0 {
        return Err(ValidationError::NoPledge {
            question,
            helper: helper.to_string(),
        }
        .into());
    }
    Ok(())
}

/// The asker's undo of [`accept`]: no answer of `question` is accepted.
pub fn unaccept(tx: &Connection, question: ItemId, person: &str) -> Result<()> {
    asked_by(tx, question, person, "take back an accepted answer")?;
    exec(
        tx,
        "UPDATE answer SET accepted = 0 WHERE question_id = ?1",
        params![question.num],
    )?;
    Ok(())
}

/// The asker's undo of [`helped`]: `helper`'s pledge is waiting again.
pub fn unhelped(tx: &Connection, question: ItemId, helper: &str, person: &str) -> Result<()> {
    asked_by(tx, question, person, "take back a pledge marked as given")?;
    exec(
        tx,
        "UPDATE backing SET helped = 0 WHERE question_id = ?1 AND person = ?2 AND kind = ?3",
        params![question.num, helper, BackingKind::Pledge.name()],
    )?;
    Ok(())
}

/// Questions without an accepted answer, most backed first.
pub fn open_questions_by_backing(tx: &Connection, limit: usize) -> Result<Vec<Question>> {
    let mut stmt = tx.prepare_cached(
        "SELECT q.id FROM question q
         WHERE q.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM answer a
                           WHERE a.question_id = q.id AND a.accepted AND a.deleted_at IS NULL)
         ORDER BY (SELECT count(*) FROM backing b WHERE b.question_id = q.id) DESC,
                  (SELECT coalesce(sum(minutes), 0) FROM backing b WHERE b.question_id = q.id) DESC,
                  q.created_at DESC
         LIMIT ?1",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([limit as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let f = Filter {
            id: Some(id),
            ..Filter::default()
        };
        out.extend(read::questions(tx, &f)?);
    }
    Ok(out)
}

/// Answers per person since `since`, most first.
pub fn answer_counts(tx: &Connection, since: Time) -> Result<Vec<(String, i64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT author, count(*) AS n FROM answer WHERE created_at >= ?1 AND deleted_at IS NULL
         GROUP BY author ORDER BY n DESC, author",
    )?;
    let rows = stmt.query_map([time_to_sql(since)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insight_facts(tx: &Connection, person: Option<&str>, since: Time) -> Result<Facts> {
    let count = |sql: &str| -> Result<i64> {
        Ok(tx.prepare_cached(sql)?.query_row([person], |r| r.get(0))?)
    };
    let mut stmt = tx.prepare_cached(
        "SELECT created_at FROM learned
         WHERE created_at >= ?2 AND deleted_at IS NULL AND (?1 IS NULL AND visibility = 'team' OR author = ?1)",
    )?;
    let learned_times: Vec<i64> = stmt
        .query_map(params![person, time_to_sql(since)], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT min(a.created_at) - q.created_at FROM question q JOIN answer a ON a.question_id = q.id
         WHERE (?1 IS NULL OR q.author = ?1) AND q.deleted_at IS NULL AND a.deleted_at IS NULL
         GROUP BY q.id",
    )?;
    let first_answer_delays: Vec<i64> = stmt
        .query_map([person], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT brought, reflection FROM lesson_done
         WHERE (?1 IS NULL OR person = ?1) AND (brought IS NOT NULL OR reflection IS NOT NULL)
         ORDER BY done_at",
    )?;
    let reflections = stmt
        .query_map([person], |r| {
            let brought: Option<String> = r.get(0)?;
            Ok((brought.as_deref().and_then(Brought::from_name), r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Facts {
        learned_times,
        lessons_done: count("SELECT count(*) FROM lesson_done WHERE ?1 IS NULL OR person = ?1")?,
        reviews: count("SELECT count(*) FROM review WHERE ?1 IS NULL OR person = ?1")?,
        card_states: card_states(tx, person)?,
        questions_asked: count(
            "SELECT count(*) FROM question WHERE (?1 IS NULL OR author = ?1) AND deleted_at IS NULL",
        )?,
        answers_given: count(
            "SELECT count(*) FROM answer WHERE (?1 IS NULL OR author = ?1) AND deleted_at IS NULL",
        )?,
        first_answer_delays,
        reflections,
    })
}
