//! Full, lossless backup (`export`) and restore (`import`).
//!
//! Import restores into a database without content of its own (a new file
//! has only the bundled lessons, which the backup's lessons replace), keeps
//! every id, author and time, and runs in one transaction: a file that fails
//! any check leaves the database exactly as it was.

use rusqlite::{Connection, params};

use super::engine;
use super::read;
use super::reference;
use super::rows::exec;
use super::write::insert_cards;
use crate::domain::Backup;
use crate::store::Result;
use crate::store::backup::{
    CONTENT_TABLES, bad, check_format, constraint_is_bad_file, has_content, restorable,
};
use crate::store::read as shared;
use crate::store::rows::{tags_to_sql, time_to_sql};

pub fn export(tx: &Connection) -> Result<Backup> {
    shared::export(&mut read::Sql(tx))
}

pub fn import(tx: &Connection, b: &Backup) -> Result<()> {
    check_format(b)?;
    for table in CONTENT_TABLES {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if n > 0 {
            return Err(has_content(table, n));
        }
    }
    let accepted = restorable(b)?;
    insert_all(tx, &accepted).map_err(constraint_is_bad_file)
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
        if let Some(r) = &q.reference {
            reference::restore(tx, None, Some(q.id.num), r)?;
        }
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
        if let Some(r) = &t.reference {
            reference::restore(tx, Some(t.id.num), None, r)?;
        }
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
