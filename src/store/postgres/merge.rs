//! `import --merge` on the team server: a backup's items added to a
//! database with content, in one transaction, with the same matching,
//! renumbering and report as on a file (`store/sqlite/merge.rs`; the bookkeeping
//! is its [`Tally`]). A taken id gets the next free one above the highest
//! (as SQLite's rowid does), and the id sequences are moved past what was
//! written. Only what the login may write goes in: the superuser moving
//! teams together, as with `import`.

use std::collections::HashSet;

use postgres::Transaction;

use super::engine::insert_card_state;
use super::{insert, reference};
use crate::domain::import_check;
use crate::domain::{Backup, ItemId};
use crate::store::backup::{Dupes, check_format};
use crate::store::merge::{Tally, table};
use crate::store::{MergeReport, Result};

type Tx<'a> = Transaction<'a>;

fn ms(t: crate::domain::Time) -> i64 {
    t.timestamp_millis()
}

/// The file's id when it is free here, else the next above the highest.
fn id_for(tx: &mut Tx, from: ItemId) -> Result<i64> {
    free_id(tx, table(from.kind), from.num)
}

/// `id` when `table` has no row with it, else the next above the highest.
fn free_id(tx: &mut Tx, table: &str, id: i64) -> Result<i64> {
    let sql = format!(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM {table} WHERE id = $1) \
         THEN (SELECT coalesce(max(id), 0) + 1 FROM {table}) ELSE $1 END"
    );
    Ok(tx.query_one(&sql, &[&id])?.get(0))
}

/// The id of a row matching `sql` with `params`, if there is one.
fn found(
    tx: &mut Tx,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<Option<i64>> {
    Ok(tx.query_opt(sql, params)?.map(|r| r.get(0)))
}

pub fn merge(tx: &mut Tx, b: &Backup) -> Result<MergeReport> {
    check_format(b)?;
    let known: HashSet<String> = tx
        .query("SELECT handle FROM person", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let (ok, rejected) = import_check::check(b, &known);
    let mut m = Tally::new(rejected);
    for p in &ok.persons {
        if known.contains(&p.handle) {
            // Their own profile here wins over an older copy in a file.
            m.report.already += 1;
            continue;
        }
        insert::persons(tx, std::slice::from_ref(p))?;
        m.report.added += 1;
    }
    for l in &ok.lessons {
        if let Some(id) = found(tx, "SELECT id FROM lesson WHERE slug = $1", &[&l.slug])? {
            m.same(l.id, id);
            continue;
        }
        let id = id_for(tx, l.id)?;
        insert::lessons(tx, &[(id, l)])?;
        m.added(l.id, id);
    }
    for q in &ok.questions {
        // An imported FAQ entry is the same one when its key is.
        let known = match &q.reference {
            Some(r) => reference::item_of(tx, r)?.1,
            None => None,
        };
        let here = match known {
            Some(id) => Some(id),
            None => found(
                tx,
                "SELECT id FROM question WHERE author IS NOT DISTINCT FROM $1 AND created_at = $2 AND title = $3",
                &[&q.author, &ms(q.created_at), &q.title],
            )?,
        };
        let qid = match here {
            Some(id) => {
                m.same(q.id, id);
                id
            }
            None => {
                let id = id_for(tx, q.id)?;
                insert::questions(tx, &[(id, q)])?;
                m.added(q.id, id)
            }
        };
        if let Some(r) = &q.reference {
            reference::store(tx, None, Some(qid), r, Dupes::Skip)?;
        }
        for a in &q.answers {
            let dupe = found(
                tx,
                "SELECT id FROM answer WHERE question_id = $1 AND author = $2 AND created_at = $3 AND body = $4",
                &[&qid, &a.author, &ms(a.created_at), &a.body],
            )?;
            if dupe.is_none() {
                let id = free_id(tx, "answer", a.id)?;
                insert::answers(tx, &[(id, qid, a)])?;
            }
        }
        let backings: Vec<_> = q.backings.iter().map(|bk| (qid, bk)).collect();
        insert::backings(tx, &backings, Dupes::Skip)?;
    }
    for t in &ok.tips {
        // An imported example is the same one when its key is: both
        // databases imported the same page.
        let known = match &t.reference {
            Some(r) => reference::item_of(tx, r)?.0,
            None => None,
        };
        let here = match known {
            Some(id) => Some(id),
            None => found(
                tx,
                "SELECT id FROM tip WHERE author = $1 AND created_at = $2 AND text = $3",
                &[&t.author, &ms(t.created_at), &t.text],
            )?,
        };
        let tid = match here {
            Some(id) => {
                m.same(t.id, id);
                id
            }
            None => {
                let id = id_for(tx, t.id)?;
                insert::tips(tx, &[(id, t)])?;
                m.added(t.id, id)
            }
        };
        if let Some(r) = &t.reference {
            reference::store(tx, Some(tid), None, r, Dupes::Skip)?;
        }
        let votes: Vec<_> = t.votes.iter().map(|v| (tid, v)).collect();
        insert::votes(tx, &votes, Dupes::Skip)?;
    }
    for l in &ok.learned {
        let here = found(
            tx,
            "SELECT id FROM learned WHERE author = $1 AND created_at = $2 AND text = $3",
            &[&l.author, &ms(l.created_at), &l.text],
        )?;
        if let Some(id) = here {
            m.same(l.id, id);
            continue;
        }
        let id = id_for(tx, l.id)?;
        insert::learned(tx, &[(id, l)])?;
        m.added(l.id, id);
    }
    // Progress follows its lesson or tip to the id it has here; what the
    // person already has here wins.
    for d in &ok.lessons_done {
        let Some(lesson) = m.ids.get(&d.lesson) else {
            continue;
        };
        insert::lessons_done(tx, &[(lesson.num, d)], Dupes::Skip)?;
    }
    for c in &ok.card_states {
        if let Some(card) = m.card(&c.card) {
            let mut c = c.clone();
            c.card = card;
            insert_card_state(tx, &c)?;
        }
    }
    for r in &ok.reviews {
        let Some(card) = m.card(&r.card) else {
            continue;
        };
        insert::reviews(tx, &[(card.as_str(), r)], Dupes::Skip)?;
    }
    // A PIN the person already has here wins.
    insert::pins(tx, &ok.pins, Dupes::Skip)?;
    super::backup::sequences_past_max(tx)?;
    Ok(m.report)
}
