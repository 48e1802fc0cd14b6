//! Export and restore on the team server, in the same JSON as on SQLite:
//! `leertuin export | leertuin --db postgresql://… import -` moves a team,
//! and an export of the result is byte-equal. What an export holds is what
//! the login may read: everything for the superuser moving a team, a
//! person's own and the team's entries for anyone else (row-level security).

use postgres::Transaction;

use super::engine::insert_card_state;
use super::reference;
use crate::domain::Backup;
use crate::store::backup::{
    BUDGET_TABLES, CONTENT_TABLES, Dupes, check_format, constraint_is_bad_file, has_content,
    restorable,
};
use crate::store::read as shared;
use crate::store::rows::tags_to_sql;
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

fn ms(t: crate::domain::Time) -> i64 {
    t.timestamp_millis()
}

fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

fn insert_all(tx: &mut Tx, b: &Backup) -> Result<()> {
    tx.execute("DELETE FROM card", &[])?;
    tx.execute("DELETE FROM lesson", &[])?;
    for p in &b.persons {
        tx.execute(
            "INSERT INTO person (handle, name, wants, offers, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&p.handle, &p.name, &tags_to_sql(&p.wants), &tags_to_sql(&p.offers), &p.lang, &ms(p.created_at)],
        )?;
    }
    for l in &b.lessons {
        tx.execute(
            "INSERT INTO lesson (id, slug, title, tags, minutes, lang, body, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[&l.id.num, &l.slug, &l.title, &tags_to_sql(&l.tags), &int(l.minutes), &l.lang, &l.body,
              &ms(l.created_at), &ms(l.updated_at)],
        )?;
        for (i, c) in l.cards.iter().enumerate() {
            tx.execute(
                "INSERT INTO card (lesson_id, ord, question, answer) VALUES ($1, $2, $3, $4)",
                &[&l.id.num, &int(i + 1), &c.question, &c.answer],
            )?;
        }
    }
    for q in &b.questions {
        tx.execute(
            "INSERT INTO question (id, author, title, body, tags, context, created_at, edited_at, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[&q.id.num, &q.author, &q.title, &q.body, &tags_to_sql(&q.tags), &q.context,
              &ms(q.created_at), &q.edited_at.map(ms), &q.deleted_at.map(ms)],
        )?;
        if let Some(r) = &q.reference {
            reference::store(tx, None, Some(q.id.num), r, Dupes::Refuse)?;
        }
        for a in &q.answers {
            tx.execute(
                "INSERT INTO answer (id, question_id, author, body, accepted, created_at, edited_at, deleted_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[&a.id, &q.id.num, &a.author, &a.body, &a.accepted, &ms(a.created_at),
                  &a.edited_at.map(ms), &a.deleted_at.map(ms)],
            )?;
        }
        for bk in &q.backings {
            tx.execute(
                "INSERT INTO backing (question_id, person, kind, minutes, helped, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &q.id.num,
                    &bk.person,
                    &bk.kind.name(),
                    &bk.minutes.map(int),
                    &bk.helped,
                    &ms(bk.created_at),
                ],
            )?;
        }
    }
    for t in &b.tips {
        tx.execute(
            "INSERT INTO tip (id, author, text, tags, context, created_at, edited_at, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &t.id.num,
                &t.author,
                &t.text,
                &tags_to_sql(&t.tags),
                &t.context,
                &ms(t.created_at),
                &t.edited_at.map(ms),
                &t.deleted_at.map(ms),
            ],
        )?;
        if let Some(r) = &t.reference {
            reference::store(tx, Some(t.id.num), None, r, Dupes::Refuse)?;
        }
        for v in &t.votes {
            tx.execute(
                "INSERT INTO vote (tip_id, person, created_at) VALUES ($1, $2, $3)",
                &[&t.id.num, &v.person, &ms(v.created_at)],
            )?;
        }
    }
    for l in &b.learned {
        tx.execute(
            "INSERT INTO learned (id, author, text, tags, visibility, created_at, edited_at, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&l.id.num, &l.author, &l.text, &tags_to_sql(&l.tags), &l.visibility.name(),
              &ms(l.created_at), &l.edited_at.map(ms), &l.deleted_at.map(ms)],
        )?;
    }
    for d in &b.lessons_done {
        tx.execute(
            "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought) VALUES ($1, $2, $3, $4, $5)",
            &[&d.person, &d.lesson.num, &ms(d.done_at), &d.reflection, &d.brought.map(|b| b.name())],
        )?;
    }
    for c in &b.card_states {
        if insert_card_state(tx, c)? != 1 {
            return Err(StoreError::BadImport(format!(
                "card {} of {:?} appears twice",
                c.card, c.person
            )));
        }
    }
    for p in &b.pins {
        tx.execute(
            "INSERT INTO person_pin (handle, hash, set_at) VALUES ($1, $2, $3)",
            &[&p.person, &p.hash, &ms(p.set_at)],
        )?;
    }
    for r in &b.reviews {
        tx.execute(
            "INSERT INTO review (person, card, reviewed_at, rating) VALUES ($1, $2, $3, $4)",
            &[&r.person, &r.card, &ms(r.reviewed_at), &i32::from(r.rating)],
        )?;
    }
    Ok(())
}
