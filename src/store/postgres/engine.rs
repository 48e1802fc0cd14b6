//! The learning engine on the team server: lessons done, review cards,
//! accepted answers and given pledges, and the numbers behind insights.
//! The rules (FSRS scheduling, who may accept) are the shared ones in the
//! domain; this file stores and fetches, as `store/sqlite/engine.rs` does on SQLite.

use postgres::Transaction;

use super::read;
use super::rows::all;
use super::write::{ensure_handle, existing};
use crate::domain::insights::Facts;
use crate::domain::srs::{self, CardKey, DueCard, Rating};
use crate::domain::validate::{self, MAX_REFLECTION_CHARS};
use crate::domain::{
    BackingKind, Brought, CardState, ItemId, Kind, Question, Time, ValidationError, from_millis,
};
use crate::store::read::{self as shared, CARD_COLUMNS, Filter, Reads};
use crate::store::{Result, StoreError};

type Tx<'a> = Transaction<'a>;

fn int(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

pub fn card_states(tx: &mut Tx, person: Option<&str>) -> Result<Vec<CardState>> {
    tx.card_states(person)
}

/// Writes a card state; `on_conflict` says what happens when the person
/// has the card already. Returns the rows written.
fn put_card_state(tx: &mut Tx, c: &CardState, on_conflict: &str) -> Result<u64> {
    let sql = format!(
        "INSERT INTO card_state ({CARD_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (person, card) {on_conflict}"
    );
    Ok(tx.execute(
        &sql,
        &[
            &c.person,
            &c.card,
            &c.stability,
            &c.difficulty,
            &c.due.timestamp_millis(),
            &c.last_review.map(|t| t.timestamp_millis()),
            &int(c.reps),
            &int(c.lapses),
            &c.phase.name(),
            &int(c.scheduled_days),
        ],
    )?)
}

pub fn insert_card_state(tx: &mut Tx, c: &CardState) -> Result<u64> {
    put_card_state(tx, c, "DO NOTHING")
}

pub fn mark_done(
    tx: &mut Tx,
    at: i64,
    person: &str,
    lesson: ItemId,
    reflection: Option<&str>,
    brought: Option<Brought>,
) -> Result<()> {
    let reflection = validate::optional_line("reflection", reflection, MAX_REFLECTION_CHARS)?;
    existing(tx, lesson, Kind::Lesson)?;
    let person = ensure_handle(tx, at, person)?;
    tx.execute(
        "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (person, lesson_id)
         DO UPDATE SET done_at = excluded.done_at,
                       reflection = coalesce(excluded.reflection, lesson_done.reflection),
                       brought = coalesce(excluded.brought, lesson_done.brought)",
        &[
            &person,
            &lesson.num,
            &at,
            &reflection,
            &brought.map(|b| b.name()),
        ],
    )?;
    // A finished lesson's check cards become the person's review cards.
    let ords = tx.query(
        "SELECT ord FROM card WHERE lesson_id = $1 ORDER BY ord",
        &[&lesson.num],
    )?;
    for r in ords {
        let ord = u32::try_from(r.get::<_, i32>(0)).unwrap_or(0);
        let key = CardKey::LessonCard { lesson, ord }.to_string();
        insert_card_state(tx, &srs::new_card(&person, &key, from_millis(at)))?;
    }
    Ok(())
}

/// Takes back `mark_done` (undo), as the SQLite store does.
pub fn unmark_done(tx: &mut Tx, person: &str, lesson: ItemId) -> Result<bool> {
    existing(tx, lesson, Kind::Lesson)?;
    let gone = tx.execute(
        "DELETE FROM lesson_done WHERE person = $1 AND lesson_id = $2",
        &[&person, &lesson.num],
    )?;
    let ords = tx.query("SELECT ord FROM card WHERE lesson_id = $1", &[&lesson.num])?;
    for r in ords {
        let ord = u32::try_from(r.get::<_, i32>(0)).unwrap_or(0);
        let key = CardKey::LessonCard { lesson, ord }.to_string();
        tx.execute(
            "DELETE FROM card_state WHERE person = $1 AND card = $2 AND reps = 0",
            &[&person, &key],
        )?;
    }
    Ok(gone > 0)
}

pub fn remember(tx: &mut Tx, at: i64, person: &str, tip: ItemId) -> Result<bool> {
    let person = ensure_handle(tx, at, person)?;
    existing(tx, tip, Kind::Tip)?;
    let card = srs::new_card(&person, &tip.to_string(), from_millis(at));
    Ok(insert_card_state(tx, &card)? == 1)
}

pub fn record_review(
    tx: &mut Tx,
    at: i64,
    person: &str,
    card: &str,
    rating: Rating,
    retention: f64,
) -> Result<CardState> {
    let sql = format!("SELECT {CARD_COLUMNS} FROM card_state WHERE person = $1 AND card = $2");
    let state = tx
        .query_opt(&sql, &[&person, &card])?
        .map(|r| shared::card_state(&r))
        .transpose()?
        .ok_or_else(|| StoreError::NotYourCard(card.to_string()))?;
    let next = srs::review(&state, rating, from_millis(at), retention);
    put_card_state(
        tx,
        &next,
        "DO UPDATE SET stability = excluded.stability, difficulty = excluded.difficulty,
         due = excluded.due, last_review = excluded.last_review, reps = excluded.reps,
         lapses = excluded.lapses, phase = excluded.phase, scheduled_days = excluded.scheduled_days",
    )?;
    tx.execute(
        "INSERT INTO review (person, card, reviewed_at, rating) VALUES ($1, $2, $3, $4)",
        &[&person, &card, &at, &i32::from(rating as u8)],
    )?;
    Ok(next)
}

pub fn due_cards(tx: &mut Tx, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM card_state WHERE person = $1 AND due <= $2
         ORDER BY due, card COLLATE \"C\""
    );
    let rows = tx.query(&sql, &[&person, &now.timestamp_millis()])?;
    let states = all(&rows, shared::card_state)?;
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
                .query_opt(
                    "SELECT question, answer FROM card WHERE lesson_id = $1 AND ord = $2",
                    &[&lesson.num, &i32::try_from(ord).unwrap_or(i32::MAX)],
                )?
                .map(|r| (r.get(0), r.get(1))),
            CardKey::Tip(tip) => tx
                .query_opt(
                    "SELECT coalesce(context, tags), text FROM tip WHERE id = $1 AND deleted_at IS NULL",
                    &[&tip.num],
                )?
                .map(|r| {
                    let about: String = r.get(0);
                    (format!("{tip} {about}").trim().to_string(), r.get(1))
                }),
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
pub(super) fn question_author(tx: &mut Tx, question: ItemId) -> Result<Option<String>> {
    if question.kind != Kind::Question {
        return Err(ValidationError::NotKind {
            id: question,
            kind: Kind::Question,
        }
        .into());
    }
    Ok(tx
        .query_opt(
            "SELECT author FROM question WHERE id = $1 AND deleted_at IS NULL",
            &[&question.num],
        )?
        .ok_or(StoreError::NotFound(question))?
        .get(0))
}

/// Fails unless `person` asked `question`.
fn asked_by(tx: &mut Tx, question: ItemId, person: &str) -> Result<()> {
    let author = question_author(tx, question)?;
    match author {
        Some(a) if a == person => Ok(()),
        Some(_) => Err(ValidationError::NotTheAsker(question).into()),
        None => Err(ValidationError::AskedAnonymously(question).into()),
    }
}

pub fn accept(tx: &mut Tx, question: ItemId, answer: i64, person: &str) -> Result<()> {
    asked_by(tx, question, person)?;
    let belongs = tx.query_opt(
        "SELECT 1 FROM answer WHERE id = $1 AND question_id = $2 AND deleted_at IS NULL",
        &[&answer, &question.num],
    )?;
    if belongs.is_none() {
        return Err(ValidationError::NoAnswer { question, answer }.into());
    }
    // Only rows whose flag changes: a deleted answer (a tombstone) is
    // never touched, as the server refuses to change one.
    tx.execute(
        "UPDATE answer SET accepted = (id = $2)
         WHERE question_id = $1 AND accepted IS DISTINCT FROM (id = $2) AND deleted_at IS NULL",
        &[&question.num, &answer],
    )?;
    Ok(())
}

pub fn helped(tx: &mut Tx, question: ItemId, helper: &str, person: &str) -> Result<()> {
    asked_by(tx, question, person)?;
    let changed = tx.execute(
        "UPDATE backing SET helped = true WHERE question_id = $1 AND person = $2 AND kind = $3",
        &[&question.num, &helper, &BackingKind::Pledge.name()],
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
pub fn unaccept(tx: &mut Tx, question: ItemId, person: &str) -> Result<()> {
    asked_by(tx, question, person)?;
    tx.execute(
        "UPDATE answer SET accepted = false
         WHERE question_id = $1 AND accepted AND deleted_at IS NULL",
        &[&question.num],
    )?;
    Ok(())
}

/// The asker's undo of [`helped`]: `helper`'s pledge is waiting again.
pub fn unhelped(tx: &mut Tx, question: ItemId, helper: &str, person: &str) -> Result<()> {
    asked_by(tx, question, person)?;
    tx.execute(
        "UPDATE backing SET helped = false WHERE question_id = $1 AND person = $2 AND kind = $3",
        &[&question.num, &helper, &BackingKind::Pledge.name()],
    )?;
    Ok(())
}

pub fn open_questions_by_backing(tx: &mut Tx, limit: usize) -> Result<Vec<Question>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let ids = tx.query(
        "SELECT q.id FROM question q
         WHERE q.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM answer a
                           WHERE a.question_id = q.id AND a.accepted AND a.deleted_at IS NULL)
         ORDER BY (SELECT count(*) FROM backing b WHERE b.question_id = q.id) DESC,
                  (SELECT coalesce(sum(minutes), 0) FROM backing b WHERE b.question_id = q.id) DESC,
                  q.created_at DESC, q.id ASC
         LIMIT $1",
        &[&limit],
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for r in ids {
        let f = Filter {
            id: Some(r.get(0)),
            ..Filter::default()
        };
        out.extend(read::questions(tx, &f)?);
    }
    Ok(out)
}

pub fn answer_counts(tx: &mut Tx, since: Time) -> Result<Vec<(String, i64)>> {
    Ok(tx
        .query(
            "SELECT author, count(*) AS n FROM answer WHERE created_at >= $1 AND deleted_at IS NULL
             GROUP BY author ORDER BY n DESC, author COLLATE \"C\"",
            &[&since.timestamp_millis()],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// A study record: lessons done, reviews, review cards and reflections.
struct Study {
    lessons_done: i64,
    reviews: i64,
    cards: Vec<CardState>,
    reflections: Vec<(Option<Brought>, Option<String>)>,
}

/// The whole team's study record, from the server's counting functions
/// (migration 0010): the policies show each login only its own rows, so
/// counting the tables would count the asker's alone. The functions give
/// counts and anonymous card numbers, never a reflection's text. `None`
/// when this login may not call them (an older schema, the schema owner):
/// then it counts what it sees, as before.
fn team_study(tx: &mut Tx) -> Result<Option<Study>> {
    let may: bool = tx
        .query_one(
            "SELECT to_regprocedure('leertuin.team_study()') IS NOT NULL
                AND has_function_privilege('leertuin.team_study()', 'EXECUTE')",
            &[],
        )?
        .get(0);
    if !may {
        return Ok(None);
    }
    let row = tx.query_one(
        "SELECT lessons_done, reviews FROM leertuin.team_study()",
        &[],
    )?;
    let cards = tx.query(
        "SELECT '', '', stability, difficulty, due, last_review, reps, lapses, phase,
                scheduled_days
         FROM leertuin.team_cards()",
        &[],
    )?;
    let cards = all(&cards, shared::card_state)?;
    let mut reflections = Vec::new();
    for r in tx.query("SELECT brought, n FROM leertuin.team_reflections()", &[])? {
        let brought = r.get::<_, Option<&str>>(0).and_then(Brought::from_name);
        let n = usize::try_from(r.get::<_, i64>(1)).unwrap_or(0);
        reflections.extend(std::iter::repeat_n((brought, None), n));
    }
    Ok(Some(Study {
        lessons_done: row.get(0),
        reviews: row.get(1),
        cards,
        reflections,
    }))
}

/// The study record the policies let this login see: `person`'s, or with
/// `None` every row visible (all of them only for a superuser).
fn visible_study(tx: &mut Tx, person: Option<&str>) -> Result<Study> {
    let mut count = |sql: &str| -> Result<i64> { Ok(tx.query_one(sql, &[&person])?.get(0)) };
    let lessons_done =
        count("SELECT count(*) FROM lesson_done WHERE $1::text IS NULL OR person = $1")?;
    let reviews = count("SELECT count(*) FROM review WHERE $1::text IS NULL OR person = $1")?;
    let reflections = tx
        .query(
            "SELECT brought, reflection FROM lesson_done
             WHERE ($1::text IS NULL OR person = $1) AND (brought IS NOT NULL OR reflection IS NOT NULL)
             ORDER BY done_at",
            &[&person],
        )?
        .iter()
        .map(|r| {
            (
                r.get::<_, Option<&str>>(0).and_then(Brought::from_name),
                r.get(1),
            )
        })
        .collect();
    Ok(Study {
        lessons_done,
        reviews,
        cards: card_states(tx, person)?,
        reflections,
    })
}

pub fn insight_facts(tx: &mut Tx, person: Option<&str>, since: Time) -> Result<Facts> {
    let team = match person {
        None => team_study(tx)?,
        Some(_) => None,
    };
    let study = match team {
        Some(study) => study,
        None => visible_study(tx, person)?,
    };
    let mut count = |sql: &str| -> Result<i64> { Ok(tx.query_one(sql, &[&person])?.get(0)) };
    let questions_asked = count(
        "SELECT count(*) FROM question WHERE ($1::text IS NULL OR author = $1) AND deleted_at IS NULL",
    )?;
    let answers_given = count(
        "SELECT count(*) FROM answer WHERE ($1::text IS NULL OR author = $1) AND deleted_at IS NULL",
    )?;
    let learned_times = tx
        .query(
            "SELECT created_at FROM learned
             WHERE created_at >= $2 AND deleted_at IS NULL
               AND ($1::text IS NULL AND visibility = 'team' OR author = $1)",
            &[&person, &since.timestamp_millis()],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let first_answer_delays = tx
        .query(
            "SELECT min(a.created_at) - q.created_at FROM question q JOIN answer a ON a.question_id = q.id
             WHERE ($1::text IS NULL OR q.author = $1) AND q.deleted_at IS NULL AND a.deleted_at IS NULL
             GROUP BY q.id",
            &[&person],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(Facts {
        learned_times,
        lessons_done: study.lessons_done,
        reviews: study.reviews,
        card_states: study.cards,
        questions_asked,
        answers_given,
        first_answer_delays,
        reflections: study.reflections,
    })
}
