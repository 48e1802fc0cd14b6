//! Full, lossless backup (`export`) and restore (`import`).
//!
//! Import restores into a database without content of its own (a new file
//! has only the bundled lessons, which the backup's lessons replace), keeps
//! every id, author and time, and runs in one transaction: a file that fails
//! any check leaves the database exactly as it was.

use rusqlite::Connection;

use super::engine;
use super::insert::{self, Dupes};
use super::read;
use super::reference;
use super::rows::exec;
use crate::domain::Backup;
use crate::store::Result;
use crate::store::backup::{
    BUDGET_TABLES, CONTENT_TABLES, bad, check_format, constraint_is_bad_file, has_content,
    restorable,
};
use crate::store::read as shared;

pub fn export(tx: &Connection) -> Result<Backup> {
    let mut backup = shared::export(&mut read::Sql(tx))?;
    backup.budgets = super::wishes::export(tx)?;
    Ok(backup)
}

pub fn import(tx: &Connection, b: &Backup) -> Result<()> {
    check_format(b)?;
    for table in CONTENT_TABLES.iter().chain(&BUDGET_TABLES) {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if n > 0 {
            return Err(has_content(table, n));
        }
    }
    let accepted = restorable(b)?;
    insert_all(tx, &accepted).map_err(constraint_is_bad_file)?;
    super::wishes::restore(tx, &accepted.budgets).map_err(constraint_is_bad_file)
}

fn insert_all(tx: &Connection, b: &Backup) -> Result<()> {
    exec(tx, "DELETE FROM card", [])?;
    exec(tx, "DELETE FROM lesson", [])?;
    for p in &b.persons {
        insert::person(tx, p)?;
    }
    for l in &b.lessons {
        insert::lesson(tx, Some(l.id.num), l)?;
    }
    for q in &b.questions {
        let id = insert::question(tx, Some(q.id.num), q)?;
        if let Some(r) = &q.reference {
            reference::store(tx, None, Some(id), r, Dupes::Refuse)?;
        }
        for a in &q.answers {
            insert::answer(tx, Some(a.id), id, a)?;
        }
        for bk in &q.backings {
            insert::backing(tx, id, bk, Dupes::Refuse)?;
        }
    }
    for t in &b.tips {
        let id = insert::tip(tx, Some(t.id.num), t)?;
        if let Some(r) = &t.reference {
            reference::store(tx, Some(id), None, r, Dupes::Refuse)?;
        }
        for v in &t.votes {
            insert::vote(tx, id, v, Dupes::Refuse)?;
        }
    }
    for l in &b.learned {
        insert::learned(tx, Some(l.id.num), l)?;
    }
    for d in &b.lessons_done {
        insert::lesson_done(tx, d.lesson.num, d, Dupes::Refuse)?;
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
        insert::pin(tx, p, Dupes::Refuse)?;
    }
    for r in &b.reviews {
        insert::review(tx, &r.card, r, Dupes::Refuse)?;
    }
    Ok(())
}
