//! Writes. Each function runs inside a `BEGIN IMMEDIATE` transaction opened
//! by the caller (`SqliteStore::write`), so it may read and then write safely.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::exec;
use super::{engine, read};
use crate::domain::lesson::LessonFile;
use crate::domain::validate::{self, MAX_ANSWER_CHARS, MAX_REFLECTION_CHARS};
use crate::domain::{BackingKind, Brought, ItemId, Kind, NewItem, Person, ValidationError};
use crate::store::rows::tags_to_sql;
use crate::store::write::{apply_profile, backing_minutes, not_own_question};
use crate::store::{LessonImport, ProfileEdit, Result, StoreError};

pub fn ensure_person(tx: &Connection, at: i64, handle: &str) -> Result<Person> {
    let handle = ensure_handle(tx, at, handle)?;
    read::person(tx, &handle)?.ok_or_else(|| StoreError::NotAllowed("person vanished".into()))
}

/// Makes sure a person row exists for `handle` (display name = handle) and
/// returns the cleaned handle; cheaper than `ensure_person` for every write.
pub fn ensure_handle(tx: &Connection, at: i64, handle: &str) -> Result<String> {
    let handle = validate::handle(handle)?;
    exec(
        tx,
        "INSERT INTO person (handle, name, created_at) VALUES (?1, ?1, ?2)
         ON CONFLICT (handle) DO NOTHING",
        params![handle, at],
    )?;
    Ok(handle)
}

/// Sets (or replaces) the person's kiosk PIN hash.
pub fn set_person_pin(tx: &Connection, at: i64, handle: &str, hash: &str) -> Result<()> {
    exec(
        tx,
        "INSERT INTO person_pin (handle, hash, set_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (handle) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at",
        params![handle, hash, at],
    )?;
    Ok(())
}

pub fn edit_person(tx: &Connection, at: i64, handle: &str, edit: &ProfileEdit) -> Result<Person> {
    let mut person = ensure_person(tx, at, handle)?;
    apply_profile(&mut person, edit)?;
    exec(
        tx,
        "UPDATE person SET name = ?2, wants = ?3, offers = ?4, lang = ?5 WHERE handle = ?1",
        params![
            person.handle,
            person.name,
            tags_to_sql(&person.wants),
            tags_to_sql(&person.offers),
            person.lang
        ],
    )?;
    Ok(person)
}

pub fn add(tx: &Connection, at: i64, item: &NewItem) -> Result<ItemId> {
    let (kind, num) = match item {
        NewItem::Tip(t) => {
            ensure_handle(tx, at, &t.author)?;
            exec(
                tx,
                "INSERT INTO tip (author, text, tags, context, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![t.author, t.text, tags_to_sql(&t.tags), t.context, at],
            )?;
            (Kind::Tip, tx.last_insert_rowid())
        }
        NewItem::Question(q) => {
            if let Some(author) = &q.author {
                ensure_handle(tx, at, author)?;
            }
            exec(
                tx,
                "INSERT INTO question (author, title, body, tags, context, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    q.author,
                    q.title,
                    q.body,
                    tags_to_sql(&q.tags),
                    q.context,
                    at
                ],
            )?;
            (Kind::Question, tx.last_insert_rowid())
        }
        NewItem::Learned(l) => {
            ensure_handle(tx, at, &l.author)?;
            exec(
                tx,
                "INSERT INTO learned (author, text, tags, visibility, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    l.author,
                    l.text,
                    tags_to_sql(&l.tags),
                    l.visibility.name(),
                    at
                ],
            )?;
            (Kind::Learned, tx.last_insert_rowid())
        }
    };
    Ok(ItemId::new(kind, num))
}

/// Fails with `NotFound` unless `id` is an existing item of `kind`.
fn existing(tx: &Connection, id: ItemId, kind: Kind) -> Result<()> {
    if id.kind != kind {
        return Err(ValidationError::NotKind { id, kind }.into());
    }
    // Lessons are never deleted; other kinds may be tombstones.
    let live = if kind == Kind::Lesson {
        ""
    } else {
        " AND deleted_at IS NULL"
    };
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1{live}", kind.name());
    let found: Option<i64> = tx
        .prepare_cached(&sql)?
        .query_row([id.num], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or(StoreError::NotFound(id))
}

pub fn answer(tx: &Connection, at: i64, question: ItemId, author: &str, body: &str) -> Result<i64> {
    let body = validate::text("answer", body, MAX_ANSWER_CHARS)?;
    existing(tx, question, Kind::Question)?;
    let author = ensure_handle(tx, at, author)?;
    exec(
        tx,
        "INSERT INTO answer (question_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![question.num, author, body, at],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn back(
    tx: &Connection,
    at: i64,
    question: ItemId,
    person: &str,
    kind: BackingKind,
    minutes: Option<i64>,
) -> Result<()> {
    let minutes = backing_minutes(kind, minutes)?;
    let author = super::engine::question_author(tx, question)?;
    let person = ensure_handle(tx, at, person)?;
    not_own_question(question, author.as_deref(), &person)?;
    // Backing again replaces the earlier one (a new pledge sets new minutes).
    exec(
        tx,
        "INSERT INTO backing (question_id, person, kind, minutes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (question_id, person, kind) DO UPDATE SET minutes = excluded.minutes",
        params![question.num, person, kind.name(), minutes, at],
    )?;
    Ok(())
}

pub fn vote(tx: &Connection, at: i64, tip: ItemId, person: &str) -> Result<bool> {
    if tip.kind != Kind::Tip {
        return Err(ValidationError::NotKind {
            id: tip,
            kind: Kind::Tip,
        }
        .into());
    }
    let author: String = tx
        .prepare_cached("SELECT author FROM tip WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([tip.num], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(tip))?;
    let person = ensure_handle(tx, at, person)?;
    if author == person {
        return Err(ValidationError::OwnTip(tip).into());
    }
    // Imported know-how asks no votes: they are thanks to a colleague.
    if crate::domain::reference::is_source_handle(&author) {
        return Err(ValidationError::ImportedTip(tip).into());
    }
    let inserted = exec(
        tx,
        "INSERT INTO vote (tip_id, person, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (tip_id, person) DO NOTHING",
        params![tip.num, person, at],
    )?;
    Ok(inserted == 1)
}

pub fn mark_done(
    tx: &Connection,
    at: i64,
    person: &str,
    lesson: ItemId,
    reflection: Option<&str>,
    brought: Option<Brought>,
) -> Result<()> {
    let reflection = validate::optional_line("reflection", reflection, MAX_REFLECTION_CHARS)?;
    existing(tx, lesson, Kind::Lesson)?;
    let person = ensure_handle(tx, at, person)?;
    exec(
        tx,
        "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (person, lesson_id)
         DO UPDATE SET done_at = excluded.done_at,
                       reflection = coalesce(excluded.reflection, lesson_done.reflection),
                       brought = coalesce(excluded.brought, lesson_done.brought)",
        params![
            person,
            lesson.num,
            at,
            reflection,
            brought.map(|b| b.name())
        ],
    )?;
    // A finished lesson's check cards become the person's review cards.
    engine::enrol_lesson_cards(tx, at, &person, lesson)
}

/// Takes back `mark_done` (undo): the lesson is not done, and its check
/// cards the person never reviewed are no longer theirs to review.
pub fn unmark_done(tx: &Connection, person: &str, lesson: ItemId) -> Result<bool> {
    existing(tx, lesson, Kind::Lesson)?;
    let gone = tx.execute(
        "DELETE FROM lesson_done WHERE person = ?1 AND lesson_id = ?2",
        params![person, lesson.num],
    )?;
    let mut stmt = tx.prepare_cached("SELECT ord FROM card WHERE lesson_id = ?1")?;
    let ords: Vec<u32> = stmt
        .query_map([lesson.num], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for ord in ords {
        let key = crate::domain::srs::CardKey::LessonCard { lesson, ord }.to_string();
        tx.execute(
            "DELETE FROM card_state WHERE person = ?1 AND card = ?2 AND reps = 0",
            params![person, key],
        )?;
    }
    Ok(gone > 0)
}

/// Adds new lessons and updates changed ones, matched by slug. A lesson
/// keeps its id across updates so links and progress stay valid.
/// Records an idempotency key (see `Writer::claim`); false when it was
/// there already.
pub fn claim(tx: &Connection, at: i64, key: &str) -> Result<bool> {
    let added = tx.execute(
        "INSERT INTO applied_write (key, at) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
        rusqlite::params![key, at],
    )?;
    Ok(added == 1)
}

pub fn import_lessons(tx: &Connection, at: i64, lessons: &[LessonFile]) -> Result<LessonImport> {
    let mut report = LessonImport::default();
    for l in lessons {
        let existing: Option<(i64, String, String, String, u32, String)> = tx
            .query_row(
                "SELECT id, title, tags, body, minutes, lang FROM lesson WHERE slug = ?1",
                [&l.slug],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        let tags = tags_to_sql(&l.tags);
        let id = match existing {
            None => {
                exec(tx,
                    "INSERT INTO lesson (slug, title, tags, minutes, lang, body, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![l.slug, l.title, tags, l.minutes, l.lang, l.body, at],
                )?;
                report.added += 1;
                tx.last_insert_rowid()
            }
            Some((id, title, old_tags, body, minutes, lang)) => {
                let cards = read::cards(tx, id)?;
                let same = (title, old_tags, body, minutes, lang)
                    == (
                        l.title.clone(),
                        tags.clone(),
                        l.body.clone(),
                        l.minutes,
                        l.lang.clone(),
                    )
                    && cards == l.cards;
                if same {
                    report.unchanged += 1;
                    continue;
                }
                exec(
                    tx,
                    "UPDATE lesson SET title = ?2, tags = ?3, minutes = ?4, lang = ?5, body = ?6,
                     updated_at = ?7 WHERE id = ?1",
                    params![id, l.title, tags, l.minutes, l.lang, l.body, at],
                )?;
                exec(tx, "DELETE FROM card WHERE lesson_id = ?1", [id])?;
                report.updated += 1;
                id
            }
        };
        insert_cards(tx, id, &l.cards)?;
    }
    Ok(report)
}

pub fn insert_cards(tx: &Connection, lesson_id: i64, cards: &[crate::domain::Card]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO card (lesson_id, ord, question, answer) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, c) in cards.iter().enumerate() {
        stmt.execute(params![lesson_id, i as i64 + 1, c.question, c.answer])?;
    }
    Ok(())
}
