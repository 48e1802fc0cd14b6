//! Writes on the team server: `store/sqlite/write.rs` and `store/sqlite/own.rs` in
//! PostgreSQL's dialect. Each runs inside the store's SERIALIZABLE
//! transaction, so a read and the write that follows it see one state. The
//! checks that are not SQL (validation, who owns a post) are the shared ones.

use postgres::Transaction;

use super::read;
use crate::domain::lesson::LessonFile;
use crate::domain::post::join_question;
use crate::domain::validate::{self, MAX_ANSWER_CHARS};
use crate::domain::{
    Backing, BackingKind, ItemId, Kind, NewItem, Person, Post, ValidationError, from_millis,
};
use crate::store::own::{check_owner, table, text_update};
use crate::store::rows::tags_to_sql;
use crate::store::write::{apply_profile, backing_minutes, not_own_question};
use crate::store::{LessonImport, ProfileEdit, Result, StoreError};

type Tx<'a> = Transaction<'a>;

/// Records the idempotency key of `person`'s write (see `Writer::claim`);
/// false when it was there already, whoever's it is (the primary key holds
/// across the row-level policies).
pub fn claim(tx: &mut Tx, at: i64, key: &str, person: &str) -> Result<bool> {
    let person = validate::handle(person)?;
    let added = tx.execute(
        "INSERT INTO applied_write (key, person, at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO NOTHING",
        &[&key, &person, &at],
    )?;
    Ok(added == 1)
}

pub fn ensure_person(tx: &mut Tx, at: i64, handle: &str) -> Result<Person> {
    let handle = ensure_handle(tx, at, handle)?;
    read::person(tx, &handle)?.ok_or_else(|| StoreError::NotAllowed("person vanished".into()))
}

/// Makes sure a person row exists for `handle` and returns it cleaned.
pub fn ensure_handle(tx: &mut Tx, at: i64, handle: &str) -> Result<String> {
    let handle = validate::handle(handle)?;
    // Checked first: an INSERT, even one that would do nothing, must pass
    // the row-level policy, and a colleague's row is not ours to insert.
    let there = tx
        .query_opt("SELECT 1 FROM person WHERE handle = $1", &[&handle])?
        .is_some();
    if !there {
        tx.execute(
            "INSERT INTO person (handle, name, created_at) VALUES ($1, $1, $2)
             ON CONFLICT (handle) DO NOTHING",
            &[&handle, &at],
        )?;
    }
    Ok(handle)
}

pub fn set_person_pin(tx: &mut Tx, at: i64, handle: &str, hash: &str) -> Result<()> {
    let handle = ensure_handle(tx, at, handle)?;
    tx.execute(
        "INSERT INTO person_pin (handle, hash, set_at) VALUES ($1, $2, $3)
         ON CONFLICT (handle) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at",
        &[&handle, &hash, &at],
    )?;
    Ok(())
}

pub fn edit_person(tx: &mut Tx, at: i64, handle: &str, edit: &ProfileEdit) -> Result<Person> {
    let mut person = ensure_person(tx, at, handle)?;
    apply_profile(&mut person, edit)?;
    tx.execute(
        "UPDATE person SET name = $2, wants = $3, offers = $4, lang = $5 WHERE handle = $1",
        &[
            &person.handle,
            &person.name,
            &tags_to_sql(&person.wants),
            &tags_to_sql(&person.offers),
            &person.lang,
        ],
    )?;
    Ok(person)
}

/// Who wrote a new item (`None`: an anonymous question).
pub fn author(item: &NewItem) -> Option<&str> {
    match item {
        NewItem::Tip(t) => Some(&t.author),
        NewItem::Question(q) => q.author.as_deref(),
        NewItem::Learned(l) => Some(&l.author),
    }
}

pub fn add(tx: &mut Tx, at: i64, item: &NewItem) -> Result<ItemId> {
    if let Some(author) = author(item) {
        ensure_handle(tx, at, author)?;
    }
    let (kind, row) = match item {
        NewItem::Tip(t) => (
            Kind::Tip,
            tx.query_one(
                "INSERT INTO tip (author, text, tags, context, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&t.author, &t.text, &tags_to_sql(&t.tags), &t.context, &at],
            )?,
        ),
        NewItem::Question(q) => (
            Kind::Question,
            tx.query_one(
                "INSERT INTO question (author, title, body, tags, context, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    &q.author,
                    &q.title,
                    &q.body,
                    &tags_to_sql(&q.tags),
                    &q.context,
                    &at,
                ],
            )?,
        ),
        NewItem::Learned(l) => (
            Kind::Learned,
            tx.query_one(
                "INSERT INTO learned (author, text, tags, visibility, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[
                    &l.author,
                    &l.text,
                    &tags_to_sql(&l.tags),
                    &l.visibility.name(),
                    &at,
                ],
            )?,
        ),
    };
    Ok(ItemId::new(kind, row.get(0)))
}

/// Fails with `NotFound` unless `id` is an existing item of `kind`.
pub fn existing(tx: &mut Tx, id: ItemId, kind: Kind) -> Result<()> {
    if id.kind != kind {
        return Err(ValidationError::NotKind { id, kind }.into());
    }
    let live = if kind == Kind::Lesson {
        ""
    } else {
        " AND deleted_at IS NULL"
    };
    let sql = format!("SELECT 1 FROM {} WHERE id = $1{live}", kind.name());
    match tx.query_opt(&sql, &[&id.num])? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound(id)),
    }
}

pub fn answer(tx: &mut Tx, at: i64, question: ItemId, author: &str, body: &str) -> Result<i64> {
    let body = validate::text("answer", body, MAX_ANSWER_CHARS)?;
    existing(tx, question, Kind::Question)?;
    let author = ensure_handle(tx, at, author)?;
    let row = tx.query_one(
        "INSERT INTO answer (question_id, author, body, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
        &[&question.num, &author, &body, &at],
    )?;
    Ok(row.get(0))
}

pub fn back(
    tx: &mut Tx,
    at: i64,
    question: ItemId,
    person: &str,
    kind: BackingKind,
    minutes: Option<i64>,
) -> Result<()> {
    let minutes = backing_minutes(kind, minutes)?.map(|m| i32::try_from(m).unwrap_or(i32::MAX));
    let author = super::engine::question_author(tx, question)?;
    let person = ensure_handle(tx, at, person)?;
    not_own_question(question, author.as_deref(), &person)?;
    tx.execute(
        "INSERT INTO backing (question_id, person, kind, minutes, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (question_id, person, kind) DO UPDATE SET minutes = excluded.minutes",
        &[&question.num, &person, &kind.name(), &minutes, &at],
    )?;
    Ok(())
}

pub fn vote(tx: &mut Tx, at: i64, tip: ItemId, person: &str) -> Result<bool> {
    if tip.kind != Kind::Tip {
        return Err(ValidationError::NotKind {
            id: tip,
            kind: Kind::Tip,
        }
        .into());
    }
    let author: String = tx
        .query_opt(
            "SELECT author FROM tip WHERE id = $1 AND deleted_at IS NULL",
            &[&tip.num],
        )?
        .ok_or(StoreError::NotFound(tip))?
        .get(0);
    let person = ensure_handle(tx, at, person)?;
    if author == person {
        return Err(ValidationError::OwnTip(tip).into());
    }
    // Imported know-how asks no votes: they are thanks to a colleague.
    if crate::domain::reference::is_source_handle(&author) {
        return Err(ValidationError::ImportedTip(tip).into());
    }
    let inserted = tx.execute(
        "INSERT INTO vote (tip_id, person, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (tip_id, person) DO NOTHING",
        &[&tip.num, &person, &at],
    )?;
    Ok(inserted == 1)
}

/// The asker has seen every answer their question has now.
pub fn mark_seen(tx: &mut Tx, person: &str, question: ItemId) -> Result<()> {
    tx.execute(
        "INSERT INTO answer_seen (person, question_id, last_answer)
         SELECT $1, q.id, (SELECT coalesce(max(a.id), 0) FROM answer a WHERE a.question_id = q.id)
         FROM question q WHERE q.id = $2 AND q.author = $1
         ON CONFLICT (person, question_id) DO UPDATE SET last_answer = excluded.last_answer",
        &[&person, &question.num],
    )?;
    Ok(())
}

/// The post's row: (number, author, text as typed, deleted?).
fn post_row(tx: &mut Tx, post: Post) -> Result<(i64, Option<String>, String, bool)> {
    let found = match post {
        Post::Answer { question, answer } => {
            let live = tx.query_opt(
                "SELECT deleted_at IS NULL FROM question WHERE id = $1",
                &[&question.num],
            )?;
            // A post on a deleted question is gone with it.
            if live.map(|r| r.get::<_, bool>(0)) != Some(true) {
                return Err(StoreError::NotFound(question));
            }
            tx.query_opt(
                "SELECT id, author, body, deleted_at IS NOT NULL FROM answer
                 WHERE id = $1 AND question_id = $2",
                &[&answer, &question.num],
            )?
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        }
        Post::Item(id) if id.kind == Kind::Question => tx
            .query_opt(
                "SELECT id, author, title, body, deleted_at IS NOT NULL FROM question WHERE id = $1",
                &[&id.num],
            )?
            .map(|r| {
                let text = join_question(r.get(2), r.get(3));
                (r.get(0), r.get(1), text, r.get(4))
            }),
        Post::Item(id) => {
            let sql = format!(
                "SELECT id, author, text, deleted_at IS NOT NULL FROM {} WHERE id = $1",
                table(post)?
            );
            tx.query_opt(&sql, &[&id.num])?
                .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        }
    };
    found.ok_or(StoreError::NotFound(post.item()))
}

/// The row of `person`'s own post: (number, text, deleted?).
fn own(tx: &mut Tx, post: Post, person: &str) -> Result<(i64, String, bool)> {
    let person = validate::handle(person)?;
    let (num, author, text, deleted) = post_row(tx, post)?;
    check_owner(post, author.as_deref(), &person)?;
    Ok((num, text, deleted))
}

/// Writes a post's (clean) text and sets `column` to `time`.
fn set_text(
    tx: &mut Tx,
    post: Post,
    num: i64,
    text: &str,
    column: &str,
    time: Option<i64>,
) -> Result<()> {
    let (set, first, rest) = text_update(post, text);
    let sql = format!(
        "UPDATE {} SET {}, {column} = $4 WHERE id = $1",
        table(post)?,
        set.replace('?', "$")
    );
    // $3 is named only for a question; the others get it cast so the
    // statement still takes all four parameters.
    let sql = if sql.contains("$3") {
        sql
    } else {
        sql.replace(" WHERE id = $1", " WHERE id = $1 AND $3::text IS NOT NULL")
    };
    tx.execute(&sql, &[&num, &first, &rest, &time])?;
    Ok(())
}

pub fn edit(tx: &mut Tx, at: i64, post: Post, person: &str, text: &str) -> Result<String> {
    let text = post.clean_text(text)?;
    let (num, old, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(post.item()));
    }
    if old != text {
        set_text(tx, post, num, &text, "edited_at", Some(at))?;
    }
    Ok(old)
}

/// Sets the tags of `person`'s own item (as the SQLite store does).
pub fn set_tags(
    tx: &mut Tx,
    at: i64,
    id: ItemId,
    person: &str,
    tags: &[String],
) -> Result<Vec<String>> {
    let tags = validate::tags(tags)?;
    let post = Post::Item(id);
    let (num, _, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(id));
    }
    let table = table(post)?;
    let old: String = tx
        .query_one(&format!("SELECT tags FROM {table} WHERE id = $1"), &[&num])?
        .get(0);
    let old = crate::store::rows::tags_from_sql(&old);
    if old != tags {
        tx.execute(
            &format!("UPDATE {table} SET tags = $2, edited_at = $3 WHERE id = $1"),
            &[&num, &tags_to_sql(&tags), &at],
        )?;
    }
    Ok(old)
}

pub fn delete(tx: &mut Tx, at: i64, post: Post, person: &str) -> Result<String> {
    let (num, old, deleted) = own(tx, post, person)?;
    if deleted {
        return Err(StoreError::NotFound(post.item()));
    }
    // As on SQLite (`store/sqlite/own.rs`): a question colleagues answered stays,
    // for their answers' sake.
    if let Post::Item(id) = post
        && id.kind == Kind::Question
    {
        let others: i64 = tx
            .query_one(
                "SELECT count(*) FROM answer
                 WHERE question_id = $1 AND deleted_at IS NULL AND author <> $2",
                &[&num, &person],
            )?
            .get(0);
        if others > 0 {
            return Err(ValidationError::AnsweredByOthers(id).into());
        }
    }
    set_text(tx, post, num, "", "deleted_at", Some(at))?;
    Ok(old)
}

pub fn restore(tx: &mut Tx, post: Post, person: &str, text: &str) -> Result<()> {
    let text = post.clean_text(text)?;
    let (num, _, deleted) = own(tx, post, person)?;
    if !deleted {
        return Err(StoreError::NotAllowed(format!("{post} is not deleted")));
    }
    set_text(tx, post, num, &text, "deleted_at", None)
}

pub fn withdraw(
    tx: &mut Tx,
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
    let person = validate::handle(person)?;
    let found = tx
        .query_opt(
            "DELETE FROM backing WHERE question_id = $1 AND person = $2 AND kind = $3
             RETURNING person, minutes, helped, created_at",
            &[&question.num, &person, &kind.name()],
        )?
        .map(|r| Backing {
            person: r.get(0),
            person_name: String::new(),
            kind,
            minutes: r.get::<_, Option<i32>>(1).map(i64::from),
            helped: r.get(2),
            created_at: from_millis(r.get(3)),
        });
    Ok(found)
}

pub fn unvote(tx: &mut Tx, tip: ItemId, person: &str) -> Result<bool> {
    if tip.kind != Kind::Tip {
        return Err(ValidationError::NotKind {
            id: tip,
            kind: Kind::Tip,
        }
        .into());
    }
    let person = validate::handle(person)?;
    let n = tx.execute(
        "DELETE FROM vote WHERE tip_id = $1 AND person = $2",
        &[&tip.num, &person],
    )?;
    Ok(n == 1)
}

/// Adds new lessons and updates changed ones, matched by slug; a lesson
/// keeps its id. Only admins may (row-level security says so).
pub fn import_lessons(tx: &mut Tx, at: i64, lessons: &[LessonFile]) -> Result<LessonImport> {
    let mut report = LessonImport::default();
    for l in lessons {
        let tags = tags_to_sql(&l.tags);
        let minutes = i32::try_from(l.minutes).unwrap_or(i32::MAX);
        let found = tx.query_opt(
            "SELECT id, title, tags, body, minutes, lang FROM lesson WHERE slug = $1",
            &[&l.slug],
        )?;
        let id: i64 = match found {
            None => {
                report.added += 1;
                tx.query_one(
                    "INSERT INTO lesson (slug, title, tags, minutes, lang, body, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                    &[&l.slug, &l.title, &tags, &minutes, &l.lang, &l.body, &at],
                )?
                .get(0)
            }
            Some(row) => {
                let id: i64 = row.get(0);
                let same = (
                    row.get::<_, &str>(1),
                    row.get::<_, &str>(2),
                    row.get::<_, &str>(3),
                    row.get::<_, i32>(4),
                    row.get::<_, &str>(5),
                ) == (
                    l.title.as_str(),
                    tags.as_str(),
                    l.body.as_str(),
                    minutes,
                    l.lang.as_str(),
                ) && read::cards(tx, id)? == l.cards;
                if same {
                    report.unchanged += 1;
                    continue;
                }
                tx.execute(
                    "UPDATE lesson SET title = $2, tags = $3, minutes = $4, lang = $5, body = $6,
                     updated_at = $7 WHERE id = $1",
                    &[&id, &l.title, &tags, &minutes, &l.lang, &l.body, &at],
                )?;
                tx.execute("DELETE FROM card WHERE lesson_id = $1", &[&id])?;
                report.updated += 1;
                id
            }
        };
        for (i, c) in l.cards.iter().enumerate() {
            tx.execute(
                "INSERT INTO card (lesson_id, ord, question, answer) VALUES ($1, $2, $3, $4)",
                &[
                    &id,
                    &i32::try_from(i + 1).unwrap_or(i32::MAX),
                    &c.question,
                    &c.answer,
                ],
            )?;
        }
    }
    Ok(report)
}
