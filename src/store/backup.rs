//! Full, lossless backup (`export`) and restore (`import`).
//!
//! Import restores into a database without content of its own (a new file
//! has only the bundled lessons, which the backup's lessons replace), keeps
//! every id, author and time, and runs in one transaction: a file that fails
//! any check leaves the database exactly as it was.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::read::{self, Filter};
use super::rows::{exec, tags_to_sql, time_from_sql, time_to_sql};
use super::write::insert_cards;
use super::{Result, StoreError, engine};
use crate::domain::text;
use crate::domain::validate::{self, MAX_ANSWER_CHARS, MAX_LEARNED_CHARS, MAX_TIP_CHARS};
use crate::domain::{Backup, ItemId, Kind, PersonPin, Review, ValidationError};

pub fn export(tx: &Connection) -> Result<Backup> {
    let all = Filter {
        oldest_first: true,
        tombstones: true,
        ..Filter::default()
    };
    Ok(Backup {
        format: Backup::FORMAT.to_string(),
        version: Backup::VERSION,
        persons: read::persons(tx)?,
        lessons: read::lessons(tx, &all)?,
        questions: read::questions(tx, &all)?,
        tips: read::tips(tx, &all)?,
        learned: read::learned(tx, &all)?,
        lessons_done: read::lessons_done(tx, None)?,
        card_states: engine::card_states(tx, None)?,
        reviews: reviews(tx)?,
        pins: pins(tx)?,
    })
}

fn pins(tx: &Connection) -> Result<Vec<PersonPin>> {
    let mut stmt = tx.prepare("SELECT handle, hash, set_at FROM person_pin ORDER BY handle")?;
    let rows = stmt.query_map([], |r| {
        Ok(PersonPin {
            person: r.get(0)?,
            hash: r.get(1)?,
            set_at: time_from_sql(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn reviews(tx: &Connection) -> Result<Vec<Review>> {
    let mut stmt =
        tx.prepare("SELECT person, card, reviewed_at, rating FROM review ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Review {
            person: r.get(0)?,
            card: r.get(1)?,
            reviewed_at: time_from_sql(r.get(2)?),
            rating: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Tables that hold people's own content; all must be empty for a restore.
const CONTENT_TABLES: [&str; 8] = [
    "person",
    "question",
    "tip",
    "learned",
    "lesson_done",
    "card_state",
    "review",
    "person_pin",
];

pub fn import(tx: &Connection, b: &Backup) -> Result<()> {
    if b.format != Backup::FORMAT {
        return Err(bad(format!(
            "format is {:?}, expected {:?}",
            b.format,
            Backup::FORMAT
        )));
    }
    if b.version != Backup::VERSION {
        return Err(bad(format!(
            "export version {} is not supported (this leertuin reads version {})",
            b.version,
            Backup::VERSION
        )));
    }
    for table in CONTENT_TABLES {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if n > 0 {
            return Err(StoreError::NotAllowed(format!(
                "this database already has content ({n} rows in {table}); import restores into a new database: use --db NEW_FILE"
            )));
        }
    }
    check(b).map_err(|e| bad(e.to_string()))?;
    // Constraint failures (a duplicate id, say) mean a bad file, not a broken machine.
    insert_all(tx, b).map_err(|e| match e {
        StoreError::Sqlite(s) => bad(s.to_string()),
        other => other,
    })
}

fn bad(reason: String) -> StoreError {
    StoreError::BadImport(reason)
}

/// The same rules `add` applies, so an edited or foreign file cannot smuggle
/// in escape sequences, bad tags or over-long text, plus references that
/// must point at a person in the file.
fn check(b: &Backup) -> Result<(), ValidationError> {
    let handles: HashSet<&str> = b.persons.iter().map(|p| p.handle.as_str()).collect();
    let known = |who: &str, what: String| -> Result<(), ValidationError> {
        if handles.contains(who) {
            Ok(())
        } else {
            Err(ValidationError::Rule(format!(
                "{what} refers to unknown person {who:?}"
            )))
        }
    };
    let same = |what: String, raw: &str, clean: String| -> Result<(), ValidationError> {
        if raw == clean {
            Ok(())
        } else {
            Err(ValidationError::Rule(format!(
                "{what} contains control characters or untidy space"
            )))
        }
    };
    let kind_ok = |id: ItemId, kind: Kind| -> Result<(), ValidationError> {
        if id.kind == kind {
            Ok(())
        } else {
            Err(ValidationError::Rule(format!("{id} listed among {kind}s")))
        }
    };
    for p in &b.persons {
        same(
            format!("person {:?}", p.handle),
            &p.handle,
            validate::handle(&p.handle)?,
        )?;
        let who = format!("person {:?}", p.handle);
        same(
            who.clone(),
            &p.name,
            validate::line("name", &p.name, validate::MAX_NAME_CHARS)?,
        )?;
        tags_same(&who, &p.wants)?;
        tags_same(&who, &p.offers)?;
        if let Some(lang) = &p.lang
            && !crate::domain::lesson::LANGS.contains(&lang.as_str())
        {
            return Err(ValidationError::Rule(format!(
                "{who} has language {lang:?}"
            )));
        }
    }
    for l in &b.lessons {
        kind_ok(l.id, Kind::Lesson)?;
        let what = l.id.to_string();
        tags_same(&what, &l.tags)?;
        same(
            what.clone(),
            &l.title,
            validate::line("lesson title", &l.title, validate::MAX_TITLE_CHARS)?,
        )?;
        same(
            what.clone(),
            &l.slug,
            validate::line("lesson slug", &l.slug, validate::MAX_TITLE_CHARS)?,
        )?;
        // Lesson files have no length limits; only the cleaning applies.
        same(what.clone(), &l.body, text::multi_line(&l.body))?;
        for c in &l.cards {
            same(what.clone(), &c.question, text::one_line(&c.question))?;
            same(what.clone(), &c.answer, text::one_line(&c.answer))?;
        }
    }
    for q in &b.questions {
        kind_ok(q.id, Kind::Question)?;
        if let Some(a) = &q.author {
            known(a, q.id.to_string())?;
        }
        let what = q.id.to_string();
        tags_same(&what, &q.tags)?;
        context_same(&what, q.context.as_deref())?;
        if q.deleted_at.is_some() {
            tombstone(&what, &[&q.title, &q.body])?;
        } else {
            let text = if q.body.is_empty() {
                q.title.clone()
            } else {
                format!("{}\n{}", q.title, q.body)
            };
            let (title, body) = validate::question_text(&text)?;
            same(what.clone(), &q.title, title)?;
            same(what, &q.body, body)?;
        }
        for a in &q.answers {
            let what = format!("an answer on {}", q.id);
            known(&a.author, what.clone())?;
            if a.deleted_at.is_some() {
                tombstone(&what, &[&a.body])?;
                continue;
            }
            same(
                what,
                &a.body,
                validate::text("answer", &a.body, MAX_ANSWER_CHARS)?,
            )?;
        }
        for bk in &q.backings {
            known(&bk.person, format!("a backing of {}", q.id))?;
            if let Some(m) = bk.minutes {
                validate::pledge_minutes(m)?;
            }
        }
    }
    for t in &b.tips {
        kind_ok(t.id, Kind::Tip)?;
        known(&t.author, t.id.to_string())?;
        tags_same(&t.id.to_string(), &t.tags)?;
        context_same(&t.id.to_string(), t.context.as_deref())?;
        if t.deleted_at.is_some() {
            tombstone(&t.id.to_string(), &[&t.text])?;
        } else {
            same(
                t.id.to_string(),
                &t.text,
                validate::text("tip", &t.text, MAX_TIP_CHARS)?,
            )?;
        }
        for v in &t.votes {
            known(&v.person, format!("a vote on {}", t.id))?;
        }
    }
    for l in &b.learned {
        kind_ok(l.id, Kind::Learned)?;
        known(&l.author, l.id.to_string())?;
        tags_same(&l.id.to_string(), &l.tags)?;
        if l.deleted_at.is_some() {
            tombstone(&l.id.to_string(), &[&l.text])?;
        } else {
            same(
                l.id.to_string(),
                &l.text,
                validate::text("learned", &l.text, MAX_LEARNED_CHARS)?,
            )?;
        }
    }
    for d in &b.lessons_done {
        let what = format!("progress on {}", d.lesson);
        known(&d.person, what.clone())?;
        if let Some(r) = &d.reflection {
            same(
                what,
                r,
                validate::line("reflection", r, validate::MAX_REFLECTION_CHARS)?,
            )?;
        }
    }
    for c in &b.card_states {
        known(&c.person, format!("card {}", c.card))?;
    }
    for p in &b.pins {
        known(&p.person, "a kiosk PIN".into())?;
        if !p.hash.starts_with("$argon2id$") || text::one_line(&p.hash) != p.hash {
            return Err(ValidationError::Rule(format!(
                "the kiosk PIN of {:?} is not an argon2id hash",
                p.person
            )));
        }
    }
    for r in &b.reviews {
        known(&r.person, format!("a review of {}", r.card))?;
        if !(1..=4).contains(&r.rating) {
            return Err(ValidationError::Rule(format!(
                "review rating {} is not 1-4",
                r.rating
            )));
        }
    }
    Ok(())
}

/// A deleted post keeps no text: a file that says otherwise was edited.
fn tombstone(what: &str, texts: &[&str]) -> Result<(), ValidationError> {
    if texts.iter().all(|t| t.is_empty()) {
        Ok(())
    } else {
        Err(ValidationError::Rule(format!(
            "{what} is deleted but still has text"
        )))
    }
}

/// Tags as `add` would store them: valid, lower-case, no duplicates.
fn tags_same(what: &str, tags: &[String]) -> Result<(), ValidationError> {
    if validate::tags(tags)? == tags {
        Ok(())
    } else {
        Err(ValidationError::Rule(format!(
            "{what} has untidy tags {tags:?}"
        )))
    }
}

/// A context as `add` would store it: one clean, lower-case line.
fn context_same(what: &str, context: Option<&str>) -> Result<(), ValidationError> {
    let clean = validate::optional_line("context", context, validate::MAX_CONTEXT_CHARS)?
        .map(|c| c.to_lowercase());
    if clean.as_deref() == context {
        Ok(())
    } else {
        Err(ValidationError::Rule(format!(
            "{what} has an untidy context"
        )))
    }
}

fn insert_all(tx: &Connection, b: &Backup) -> Result<()> {
    exec(tx, "DELETE FROM card", [])?;
    exec(tx, "DELETE FROM lesson", [])?;
    for p in &b.persons {
        exec(
            tx,
            "INSERT INTO person (handle, name, wants, offers, lang, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                p.handle,
                p.name,
                tags_to_sql(&p.wants),
                tags_to_sql(&p.offers),
                p.lang,
                time_to_sql(p.created_at)
            ],
        )?;
    }
    for l in &b.lessons {
        exec(tx,
            "INSERT INTO lesson (id, slug, title, tags, minutes, lang, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![l.id.num, l.slug, l.title, tags_to_sql(&l.tags), l.minutes, l.lang, l.body,
                    time_to_sql(l.created_at), time_to_sql(l.updated_at)],
        )?;
        insert_cards(tx, l.id.num, &l.cards)?;
    }
    for q in &b.questions {
        exec(
            tx,
            "INSERT INTO question (id, author, title, body, tags, context, created_at,
                                   edited_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                q.id.num,
                q.author,
                q.title,
                q.body,
                tags_to_sql(&q.tags),
                q.context,
                time_to_sql(q.created_at),
                q.edited_at.map(time_to_sql),
                q.deleted_at.map(time_to_sql)
            ],
        )?;
        for a in &q.answers {
            exec(
                tx,
                "INSERT INTO answer (id, question_id, author, body, accepted, created_at,
                                     edited_at, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    a.id,
                    q.id.num,
                    a.author,
                    a.body,
                    a.accepted,
                    time_to_sql(a.created_at),
                    a.edited_at.map(time_to_sql),
                    a.deleted_at.map(time_to_sql)
                ],
            )?;
        }
        for bk in &q.backings {
            exec(
                tx,
                "INSERT INTO backing (question_id, person, kind, minutes, helped, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    q.id.num,
                    bk.person,
                    bk.kind.name(),
                    bk.minutes,
                    bk.helped,
                    time_to_sql(bk.created_at)
                ],
            )?;
        }
    }
    for t in &b.tips {
        exec(
            tx,
            "INSERT INTO tip (id, author, text, tags, context, created_at, edited_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                t.id.num,
                t.author,
                t.text,
                tags_to_sql(&t.tags),
                t.context,
                time_to_sql(t.created_at),
                t.edited_at.map(time_to_sql),
                t.deleted_at.map(time_to_sql)
            ],
        )?;
        for v in &t.votes {
            exec(
                tx,
                "INSERT INTO vote (tip_id, person, created_at) VALUES (?1, ?2, ?3)",
                params![t.id.num, v.person, time_to_sql(v.created_at)],
            )?;
        }
    }
    for l in &b.learned {
        exec(
            tx,
            "INSERT INTO learned (id, author, text, tags, visibility, created_at, edited_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                l.id.num,
                l.author,
                l.text,
                tags_to_sql(&l.tags),
                l.visibility.name(),
                time_to_sql(l.created_at),
                l.edited_at.map(time_to_sql),
                l.deleted_at.map(time_to_sql)
            ],
        )?;
    }
    for d in &b.lessons_done {
        exec(
            tx,
            "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                d.person,
                d.lesson.num,
                time_to_sql(d.done_at),
                d.reflection,
                d.brought.map(|b| b.name())
            ],
        )?;
    }
    for c in &b.card_states {
        if engine::insert_card_state(tx, c)? != 1 {
            return Err(bad(format!(
                "card {} of {:?} appears twice",
                c.card, c.person
            )));
        }
    }
    for p in &b.pins {
        exec(
            tx,
            "INSERT INTO person_pin (handle, hash, set_at) VALUES (?1, ?2, ?3)",
            params![p.person, p.hash, time_to_sql(p.set_at)],
        )?;
    }
    for r in &b.reviews {
        exec(
            tx,
            "INSERT INTO review (person, card, reviewed_at, rating) VALUES (?1, ?2, ?3, ?4)",
            params![r.person, r.card, time_to_sql(r.reviewed_at), r.rating],
        )?;
    }
    Ok(())
}
