//! `knowhow import` on the team server: the steps of
//! [`crate::store::knowhow::plan`] in PostgreSQL's dialect, in the store's
//! one transaction. Only admins (who hold the schema owner's rights) may
//! write these rows: migration 0011's policies say so, so a colleague's
//! import is refused by the server itself.

use std::collections::HashMap;

use postgres::Transaction;

use crate::domain::reference::{RefItem, RefReport, Reference, Scope, Source};
use crate::store::backup::Dupes;
use crate::store::knowhow::{Key, Step, Stored, load_sql, plan, split_question, stored};
use crate::store::rows::tags_to_sql;
use crate::store::{Result, StoreError};

type Tx<'a> = Transaction<'a>;

pub fn import(tx: &mut Tx, at: i64, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
    let Some(source) = scope.source else {
        return Ok(RefReport::new());
    };
    let admin: bool = tx.query_one("SELECT leertuin.is_admin()", &[])?.get(0);
    if !admin {
        return Err(StoreError::NotAllowed(
            t!("knowhow.server-admins-only").into_owned(),
        ));
    }
    let author = source.handle();
    tx.execute(
        "INSERT INTO person (handle, name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (handle) DO NOTHING",
        &[&author, &source.shown(), &at],
    )?;
    let stored = load(tx, source)?;
    let plan = plan(&stored, scope, items);
    renumber(tx, &plan.moves)?;
    for step in plan.steps {
        match step {
            Step::Add(item) => {
                let (tip, question) = insert(tx, at, &author, item)?;
                store(tx, tip, question, &item.reference, Dupes::Refuse)?;
            }
            Step::Change(old, item) => {
                update(tx, Some(at), old, item)?;
                set_revision(tx, &item.reference)?;
            }
            Step::Revive(old, item) => {
                // Dropped and back under its old id, as on a file: not an
                // edit. (Migration 0013 lets an admin bring back an
                // imported item's tombstone.)
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
fn renumber(tx: &mut Tx, moves: &[(&Stored, u32)]) -> Result<()> {
    for (old, _) in moves {
        tx.execute(
            "UPDATE reference SET example = -1 - example WHERE tip_id = $1 OR question_id = $2",
            &[&old.tip, &old.question],
        )?;
    }
    for (old, n) in moves {
        tx.execute(
            "UPDATE reference SET example = $3 WHERE tip_id = $1 OR question_id = $2",
            &[&old.tip, &old.question, &int(*n)],
        )?;
    }
    Ok(())
}

fn example(r: &Reference) -> i32 {
    int(r.example)
}

fn int(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn load(tx: &mut Tx, source: Source) -> Result<HashMap<Key, Stored>> {
    let rows = tx.query(&load_sql("chr(10)", "$1"), &[&source.name()])?;
    rows.iter().map(stored).collect()
}

/// A new tip, or a question with its accepted answer: `(tip, question)`.
fn insert(
    tx: &mut Tx,
    at: i64,
    author: &str,
    item: &RefItem,
) -> Result<(Option<i64>, Option<i64>)> {
    let tags = tags_to_sql(&item.tags);
    Ok(match &item.answer {
        None => {
            let id: i64 = tx
                .query_one(
                    "INSERT INTO tip (author, text, tags, context, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&author, &item.text, &tags, &item.context, &at],
                )?
                .get(0);
            (Some(id), None)
        }
        Some(answer) => {
            let (title, body) = split_question(&item.text);
            let q: i64 = tx
                .query_one(
                    "INSERT INTO question (author, title, body, tags, context, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    &[&author, &title, &body, &tags, &item.context, &at],
                )?
                .get(0);
            tx.execute(
                "INSERT INTO answer (question_id, author, body, accepted, created_at)
                 VALUES ($1, $2, $3, true, $4)",
                &[&q, &author, answer, &at],
            )?;
            (None, Some(q))
        }
    })
}

/// New text for a stored item; `edited` is the time of a change, `None`
/// for an item that comes back.
fn update(tx: &mut Tx, edited: Option<i64>, old: &Stored, item: &RefItem) -> Result<()> {
    let tags = tags_to_sql(&item.tags);
    if let Some(tip) = old.tip {
        tx.execute(
            "UPDATE tip SET text = $2, tags = $3, context = $4, edited_at = coalesce($5, edited_at),
                            deleted_at = NULL
             WHERE id = $1",
            &[&tip, &item.text, &tags, &item.context, &edited],
        )?;
    }
    if let Some(q) = old.question {
        let (title, body) = split_question(&item.text);
        tx.execute(
            "UPDATE question SET title = $2, body = $3, tags = $4, context = $5,
                                 edited_at = coalesce($6, edited_at), deleted_at = NULL
             WHERE id = $1",
            &[&q, &title, &body, &tags, &item.context, &edited],
        )?;
        tx.execute(
            "UPDATE answer SET body = $2, edited_at = coalesce($3, edited_at), deleted_at = NULL
             WHERE id = (SELECT min(id) FROM answer WHERE question_id = $1)",
            &[&q, &item.answer.as_deref().unwrap_or_default(), &edited],
        )?;
    }
    Ok(())
}

fn set_revision(tx: &mut Tx, r: &Reference) -> Result<()> {
    tx.execute(
        "UPDATE reference SET revision = $5, attribution = $6
         WHERE source = $1 AND lang = $2 AND page = $3 AND example = $4",
        &[
            &r.source.name(),
            &r.lang,
            &r.page,
            &example(r),
            &r.revision,
            &r.attribution,
        ],
    )?;
    Ok(())
}

fn tombstone(tx: &mut Tx, at: i64, old: &Stored) -> Result<()> {
    if let Some(tip) = old.tip {
        tx.execute(
            "UPDATE tip SET text = '', deleted_at = $2 WHERE id = $1",
            &[&tip, &at],
        )?;
    }
    if let Some(q) = old.question {
        tx.execute(
            "UPDATE answer SET body = '', deleted_at = $2 WHERE question_id = $1",
            &[&q, &at],
        )?;
        tx.execute(
            "UPDATE question SET title = '', body = '', deleted_at = $2 WHERE id = $1",
            &[&q, &at],
        )?;
    }
    Ok(())
}

/// The tip and the question here that have `r`'s key: one of them, or
/// neither when nothing here was imported under it.
pub fn item_of(tx: &mut Tx, r: &Reference) -> Result<(Option<i64>, Option<i64>)> {
    let row = tx.query_opt(
        "SELECT tip_id, question_id FROM reference
         WHERE source = $1 AND lang = $2 AND page = $3 AND example = $4",
        &[&r.source.name(), &r.lang, &r.page, &example(r)],
    )?;
    Ok(row.map_or((None, None), |row| (row.get(0), row.get(1))))
}

/// Stores the reference of a tip or question: an imported or restored
/// one's, or a merged one's (`Dupes::Skip`: unless its key, or the item,
/// has one here already; then what is here wins).
pub fn store(
    tx: &mut Tx,
    tip: Option<i64>,
    question: Option<i64>,
    r: &Reference,
    dupes: Dupes,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO reference (tip_id, question_id, source, lang, page, example, revision, attribution)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8){}",
        dupes.tail()
    );
    tx.execute(
        &sql,
        &[
            &tip,
            &question,
            &r.source.name(),
            &r.lang,
            &r.page,
            &example(r),
            &r.revision,
            &r.attribution,
        ],
    )?;
    Ok(())
}
