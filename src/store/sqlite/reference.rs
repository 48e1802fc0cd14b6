//! `knowhow import` on SQLite: a whole source's items in one transaction.
//! What is stored already is read once into memory and compared there
//! ([`crate::store::knowhow::plan`]), so a second import of an unchanged
//! tree writes almost nothing.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::rows::exec;
use crate::domain::reference::{RefItem, RefReport, Reference, Scope, Source};
use crate::store::Result;
use crate::store::backup::Dupes;
use crate::store::knowhow::{Key, Step, Stored, load_sql, plan, split_question, stored};
use crate::store::rows::tags_to_sql;

/// Brings `items` (already checked) in for `scope`: adds the new, updates
/// the changed, tombstones what the scope had and the source dropped.
pub fn import(tx: &Connection, at: i64, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
    let Some(source) = scope.source else {
        return Ok(RefReport::new());
    };
    let author = source.handle();
    exec(
        tx,
        "INSERT INTO person (handle, name, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (handle) DO NOTHING",
        params![author, source.shown(), at],
    )?;
    let stored = load(tx, source)?;
    let plan = plan(&stored, scope, items);
    renumber(tx, &plan.moves)?;
    for step in plan.steps {
        match step {
            Step::Add(item) => insert(tx, at, &author, item)?,
            Step::Change(old, item) => {
                update(tx, Some(at), old, item)?;
                set_revision(tx, &item.reference)?;
            }
            Step::Revive(old, item) => {
                // Dropped and back: not an edit.
                update(tx, None, old, item)?;
                set_revision(tx, &item.reference)?;
            }
            Step::Revision(item) => set_revision(tx, &item.reference)?,
            Step::Remove(old) => tombstone(tx, at, old)?,
        }
    }
    Ok(plan.report)
}

/// Gives moved items their new numbers: first each a number no item has
/// (below zero), then the new one, as a number may pass between items.
fn renumber(tx: &Connection, moves: &[(&Stored, u32)]) -> Result<()> {
    for (old, _) in moves {
        exec(
            tx,
            "UPDATE reference SET example = -1 - example WHERE tip_id = ?1 OR question_id = ?2",
            params![old.tip, old.question],
        )?;
    }
    for (old, n) in moves {
        exec(
            tx,
            "UPDATE reference SET example = ?3 WHERE tip_id = ?1 OR question_id = ?2",
            params![old.tip, old.question, n],
        )?;
    }
    Ok(())
}

fn load(tx: &Connection, source: Source) -> Result<HashMap<Key, Stored>> {
    let sql = load_sql("char(10)", "?1");
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = stmt.query([source.name()])?;
    let mut out = HashMap::new();
    while let Some(row) = rows.next()? {
        let (key, stored) = stored(row)?;
        out.insert(key, stored);
    }
    Ok(out)
}

fn insert(tx: &Connection, at: i64, author: &str, item: &RefItem) -> Result<()> {
    let r = &item.reference;
    let tags = tags_to_sql(&item.tags);
    let (tip, question) = match &item.answer {
        None => {
            exec(
                tx,
                "INSERT INTO tip (author, text, tags, context, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![author, item.text, tags, item.context, at],
            )?;
            (Some(tx.last_insert_rowid()), None)
        }
        Some(answer) => {
            let (title, body) = split_question(&item.text);
            exec(
                tx,
                "INSERT INTO question (author, title, body, tags, context, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![author, title, body, tags, item.context, at],
            )?;
            let q = tx.last_insert_rowid();
            exec(
                tx,
                "INSERT INTO answer (question_id, author, body, accepted, created_at)
                 VALUES (?1, ?2, ?3, 1, ?4)",
                params![q, author, answer, at],
            )?;
            (None, Some(q))
        }
    };
    store(tx, tip, question, r, Dupes::Refuse)
}

/// New text for a stored item; `edited` is the time of a change, `None`
/// for an item that comes back.
fn update(tx: &Connection, edited: Option<i64>, old: &Stored, item: &RefItem) -> Result<()> {
    let tags = tags_to_sql(&item.tags);
    if let Some(tip) = old.tip {
        exec(
            tx,
            "UPDATE tip SET text = ?2, tags = ?3, context = ?4, edited_at = coalesce(?5, edited_at),
                            deleted_at = NULL
             WHERE id = ?1",
            params![tip, item.text, tags, item.context, edited],
        )?;
    }
    if let Some(q) = old.question {
        let (title, body) = split_question(&item.text);
        exec(
            tx,
            "UPDATE question SET title = ?2, body = ?3, tags = ?4, context = ?5,
                                 edited_at = coalesce(?6, edited_at), deleted_at = NULL
             WHERE id = ?1",
            params![q, title, body, tags, item.context, edited],
        )?;
        exec(
            tx,
            "UPDATE answer SET body = ?2, deleted_at = NULL
             WHERE id = (SELECT min(id) FROM answer WHERE question_id = ?1)",
            params![q, item.answer.as_deref().unwrap_or_default()],
        )?;
    }
    Ok(())
}

fn set_revision(tx: &Connection, r: &Reference) -> Result<()> {
    exec(
        tx,
        "UPDATE reference SET revision = ?5, attribution = ?6
         WHERE source = ?1 AND lang = ?2 AND page = ?3 AND example = ?4",
        params![
            r.source.name(),
            r.lang,
            r.page,
            r.example,
            r.revision,
            r.attribution
        ],
    )?;
    Ok(())
}

/// A dropped item stays as a tombstone, like a deleted post.
fn tombstone(tx: &Connection, at: i64, old: &Stored) -> Result<()> {
    if let Some(tip) = old.tip {
        exec(
            tx,
            "UPDATE tip SET text = '', deleted_at = ?2 WHERE id = ?1",
            params![tip, at],
        )?;
    }
    if let Some(q) = old.question {
        exec(
            tx,
            "UPDATE question SET title = '', body = '', deleted_at = ?2 WHERE id = ?1",
            params![q, at],
        )?;
        exec(
            tx,
            "UPDATE answer SET body = '', deleted_at = ?2 WHERE question_id = ?1",
            params![q, at],
        )?;
    }
    Ok(())
}
/// The tip and the question here that have `r`'s key: one of them, or
/// neither when nothing here was imported under it.
pub fn item_of(tx: &Connection, r: &Reference) -> Result<(Option<i64>, Option<i64>)> {
    let mut stmt = tx.prepare_cached(
        "SELECT tip_id, question_id FROM reference
         WHERE source = ?1 AND lang = ?2 AND page = ?3 AND example = ?4",
    )?;
    let mut rows = stmt.query(params![r.source.name(), r.lang, r.page, r.example])?;
    Ok(match rows.next()? {
        Some(row) => (row.get(0)?, row.get(1)?),
        None => (None, None),
    })
}

/// Stores the reference of a tip or question: an imported or restored
/// one's, or a merged one's (`Dupes::Skip`: unless its key, or the item,
/// has one here already; then what is here wins).
pub fn store(
    tx: &Connection,
    tip: Option<i64>,
    question: Option<i64>,
    r: &Reference,
    dupes: Dupes,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO reference (tip_id, question_id, source, lang, page, example, revision, attribution)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8){}",
        dupes.tail()
    );
    exec(
        tx,
        &sql,
        params![
            tip,
            question,
            r.source.name(),
            r.lang,
            r.page,
            r.example,
            r.revision,
            r.attribution
        ],
    )?;
    Ok(())
}
