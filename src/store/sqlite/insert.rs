//! The rows a backup brings, inserted: one statement a kind, for both
//! `import` (into a database without content: a duplicate row is a bad
//! file) and `import --merge` (what is here already wins). Ids are the
//! file's where given, else SQLite picks one; each insert of an item gives
//! back the id it got.

use rusqlite::{Connection, params};

use super::rows::exec;
use super::write::insert_cards;
use crate::domain::{
    Answer, Backing, Learned, Lesson, LessonDone, Person, PersonPin, Question, Review, Tip, Vote,
};
use crate::store::Result;
pub use crate::store::backup::Dupes;
use crate::store::rows::{tags_to_sql, time_to_sql};

/// `id` when given, else the one SQLite just picked.
fn got(tx: &Connection, id: Option<i64>) -> i64 {
    id.unwrap_or_else(|| tx.last_insert_rowid())
}

pub fn person(tx: &Connection, p: &Person) -> Result<()> {
    exec(
        tx,
        "INSERT INTO person (handle, name, wants, offers, lang, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.handle,
            p.name,
            tags_to_sql(&p.wants),
            tags_to_sql(&p.offers),
            p.lang,
            time_to_sql(p.created_at)
        ],
    )?;
    Ok(())
}

/// A lesson with its cards.
pub fn lesson(tx: &Connection, id: Option<i64>, l: &Lesson) -> Result<i64> {
    exec(
        tx,
        "INSERT INTO lesson (id, slug, title, tags, minutes, lang, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            l.slug,
            l.title,
            tags_to_sql(&l.tags),
            l.minutes,
            l.lang,
            l.body,
            time_to_sql(l.created_at),
            time_to_sql(l.updated_at)
        ],
    )?;
    let id = got(tx, id);
    insert_cards(tx, id, &l.cards)?;
    Ok(id)
}

/// A question without its answers, backings and reference.
pub fn question(tx: &Connection, id: Option<i64>, q: &Question) -> Result<i64> {
    exec(
        tx,
        "INSERT INTO question (id, author, title, body, tags, context, created_at,
                               edited_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
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
    Ok(got(tx, id))
}

pub fn answer(tx: &Connection, id: Option<i64>, question: i64, a: &Answer) -> Result<()> {
    exec(
        tx,
        "INSERT INTO answer (id, question_id, author, body, accepted, created_at,
                             edited_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            question,
            a.author,
            a.body,
            a.accepted,
            time_to_sql(a.created_at),
            a.edited_at.map(time_to_sql),
            a.deleted_at.map(time_to_sql)
        ],
    )?;
    Ok(())
}

pub fn backing(tx: &Connection, question: i64, b: &Backing, dupes: Dupes) -> Result<()> {
    let sql = format!(
        "INSERT INTO backing (question_id, person, kind, minutes, helped, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6){}",
        dupes.tail()
    );
    exec(
        tx,
        &sql,
        params![
            question,
            b.person,
            b.kind.name(),
            b.minutes,
            b.helped,
            time_to_sql(b.created_at)
        ],
    )?;
    Ok(())
}

/// A tip without its votes and reference.
pub fn tip(tx: &Connection, id: Option<i64>, t: &Tip) -> Result<i64> {
    exec(
        tx,
        "INSERT INTO tip (id, author, text, tags, context, created_at, edited_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            t.author,
            t.text,
            tags_to_sql(&t.tags),
            t.context,
            time_to_sql(t.created_at),
            t.edited_at.map(time_to_sql),
            t.deleted_at.map(time_to_sql)
        ],
    )?;
    Ok(got(tx, id))
}

pub fn vote(tx: &Connection, tip: i64, v: &Vote, dupes: Dupes) -> Result<()> {
    let sql = format!(
        "INSERT INTO vote (tip_id, person, created_at) VALUES (?1, ?2, ?3){}",
        dupes.tail()
    );
    exec(tx, &sql, params![tip, v.person, time_to_sql(v.created_at)])?;
    Ok(())
}

pub fn learned(tx: &Connection, id: Option<i64>, l: &Learned) -> Result<i64> {
    exec(
        tx,
        "INSERT INTO learned (id, author, text, tags, visibility, created_at, edited_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            l.author,
            l.text,
            tags_to_sql(&l.tags),
            l.visibility.name(),
            time_to_sql(l.created_at),
            l.edited_at.map(time_to_sql),
            l.deleted_at.map(time_to_sql)
        ],
    )?;
    Ok(got(tx, id))
}

/// `d`, done for the lesson that is `lesson` here.
pub fn lesson_done(tx: &Connection, lesson: i64, d: &LessonDone, dupes: Dupes) -> Result<()> {
    let sql = format!(
        "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought)
         VALUES (?1, ?2, ?3, ?4, ?5){}",
        dupes.tail()
    );
    exec(
        tx,
        &sql,
        params![
            d.person,
            lesson,
            time_to_sql(d.done_at),
            d.reflection,
            d.brought.map(|b| b.name())
        ],
    )?;
    Ok(())
}

pub fn pin(tx: &Connection, p: &PersonPin, dupes: Dupes) -> Result<()> {
    let sql = format!(
        "INSERT INTO person_pin (handle, hash, set_at) VALUES (?1, ?2, ?3){}",
        dupes.tail()
    );
    exec(tx, &sql, params![p.person, p.hash, time_to_sql(p.set_at)])?;
    Ok(())
}

/// `r`, of the card that is `card` here. Reviews have no key of their
/// own: a merge skips one with the same person, card and time.
pub fn review(tx: &Connection, card: &str, r: &Review, dupes: Dupes) -> Result<()> {
    let sql = match dupes {
        Dupes::Refuse => {
            "INSERT INTO review (person, card, reviewed_at, rating) VALUES (?1, ?2, ?3, ?4)"
        }
        Dupes::Skip => {
            "INSERT INTO review (person, card, reviewed_at, rating)
             SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS
               (SELECT 1 FROM review WHERE person = ?1 AND card = ?2 AND reviewed_at = ?3)"
        }
    };
    exec(
        tx,
        sql,
        params![r.person, card, time_to_sql(r.reviewed_at), r.rating],
    )?;
    Ok(())
}
