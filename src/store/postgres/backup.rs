//! Export and restore on the team server, in the same JSON as on SQLite:
//! `leertuin export | leertuin --db postgresql://… import -` moves a team,
//! and an export of the result is byte-equal. What an export holds is what
//! the login may read: everything for the superuser moving a team, a
//! person's own and the team's entries for anyone else (row-level security).

use postgres::Transaction;

use super::engine::insert_card_state;
use super::{insert, reference};
use crate::domain::Backup;
use crate::store::backup::{
    BUDGET_TABLES, CONTENT_TABLES, Dupes, check_format, constraint_is_bad_file, has_content,
    restorable,
};
use crate::store::read as shared;
use crate::store::{Result, StoreError};

type Tx<'a> = Transaction<'a>;

pub fn export(tx: &mut Tx) -> Result<Backup> {
    let mut backup = shared::export(tx)?;
    backup.budgets = super::wishes::export(tx)?;
    Ok(backup)
}

pub fn import(tx: &mut Tx, b: &Backup) -> Result<()> {
    check_format(b)?;
    for table in CONTENT_TABLES.iter().chain(&BUDGET_TABLES) {
        let n: i64 = tx
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])?
            .get(0);
        if n > 0 {
            return Err(has_content(table, n));
        }
    }
    let accepted = restorable(b)?;
    insert_all(tx, &accepted).map_err(constraint_is_bad_file)?;
    super::wishes::restore(tx, &accepted.budgets).map_err(constraint_is_bad_file)?;
    sequences_past_max(tx)
}

/// Ids were given, not drawn: the next new item numbers on from them.
pub fn sequences_past_max(tx: &mut Tx) -> Result<()> {
    for table in ["lesson", "question", "answer", "tip", "learned", "review"] {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('leertuin.{table}', 'id'), max(id)) FROM {table}"
            ),
            &[],
        )?;
    }
    Ok(())
}

/// Every row of a kind in one go ([`insert`]), parents first.
fn insert_all(tx: &mut Tx, b: &Backup) -> Result<()> {
    tx.execute("DELETE FROM card", &[])?;
    tx.execute("DELETE FROM lesson", &[])?;
    insert::persons(tx, &b.persons)?;
    let lessons: Vec<_> = b.lessons.iter().map(|l| (l.id.num, l)).collect();
    insert::lessons(tx, &lessons)?;
    let questions: Vec<_> = b.questions.iter().map(|q| (q.id.num, q)).collect();
    insert::questions(tx, &questions)?;
    for q in &b.questions {
        if let Some(r) = &q.reference {
            reference::store(tx, None, Some(q.id.num), r, Dupes::Refuse)?;
        }
    }
    let answers: Vec<_> = b
        .questions
        .iter()
        .flat_map(|q| q.answers.iter().map(move |a| (a.id, q.id.num, a)))
        .collect();
    insert::answers(tx, &answers)?;
    let backings: Vec<_> = b
        .questions
        .iter()
        .flat_map(|q| q.backings.iter().map(move |bk| (q.id.num, bk)))
        .collect();
    insert::backings(tx, &backings, Dupes::Refuse)?;
    let tips: Vec<_> = b.tips.iter().map(|t| (t.id.num, t)).collect();
    insert::tips(tx, &tips)?;
    for t in &b.tips {
        if let Some(r) = &t.reference {
            reference::store(tx, Some(t.id.num), None, r, Dupes::Refuse)?;
        }
    }
    let votes: Vec<_> = b
        .tips
        .iter()
        .flat_map(|t| t.votes.iter().map(move |v| (t.id.num, v)))
        .collect();
    insert::votes(tx, &votes, Dupes::Refuse)?;
    let learned: Vec<_> = b.learned.iter().map(|l| (l.id.num, l)).collect();
    insert::learned(tx, &learned)?;
    let done: Vec<_> = b.lessons_done.iter().map(|d| (d.lesson.num, d)).collect();
    insert::lessons_done(tx, &done, Dupes::Refuse)?;
    for c in &b.card_states {
        if insert_card_state(tx, c)? != 1 {
            return Err(StoreError::BadImport(format!(
                "card {} of {:?} appears twice",
                c.card, c.person
            )));
        }
    }
    insert::pins(tx, &b.pins, Dupes::Refuse)?;
    let reviews: Vec<_> = b.reviews.iter().map(|r| (r.card.as_str(), r)).collect();
    insert::reviews(tx, &reviews, Dupes::Refuse)
}
