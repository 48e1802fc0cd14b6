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
use super::reference;
use crate::domain::import_check;
use crate::domain::{Backup, ItemId};
use crate::store::backup::{Dupes, check_format};
use crate::store::merge::{Tally, table};
use crate::store::rows::tags_to_sql;
use crate::store::{MergeReport, Result};

type Tx<'a> = Transaction<'a>;

fn ms(t: crate::domain::Time) -> i64 {
    t.timestamp_millis()
}

fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// The file's id when it is free here, else the next above the highest.
fn id_for(tx: &mut Tx, from: ItemId) -> Result<i64> {
    let sql = format!(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM {t} WHERE id = $1) \
         THEN (SELECT coalesce(max(id), 0) + 1 FROM {t}) ELSE $1 END",
        t = table(from.kind)
    );
    Ok(tx.query_one(&sql, &[&from.num])?.get(0))
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
        tx.execute(
            "INSERT INTO person (handle, name, wants, offers, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&p.handle, &p.name, &tags_to_sql(&p.wants), &tags_to_sql(&p.offers), &p.lang, &ms(p.created_at)],
        )?;
        m.report.added += 1;
    }
    for l in &ok.lessons {
        if let Some(id) = found(tx, "SELECT id FROM lesson WHERE slug = $1", &[&l.slug])? {
            m.same(l.id, id);
            continue;
        }
        let id = id_for(tx, l.id)?;
        tx.execute(
            "INSERT INTO lesson (id, slug, title, tags, minutes, lang, body, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[&id, &l.slug, &l.title, &tags_to_sql(&l.tags), &int(l.minutes), &l.lang, &l.body,
              &ms(l.created_at), &ms(l.updated_at)],
        )?;
        m.added(l.id, id);
        for (i, c) in l.cards.iter().enumerate() {
            tx.execute(
                "INSERT INTO card (lesson_id, ord, question, answer) VALUES ($1, $2, $3, $4)",
                &[&id, &int(i + 1), &c.question, &c.answer],
            )?;
        }
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
                tx.execute(
                    "INSERT INTO question (id, author, title, body, tags, context, created_at, edited_at, deleted_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    &[&id, &q.author, &q.title, &q.body, &tags_to_sql(&q.tags), &q.context,
                      &ms(q.created_at), &q.edited_at.map(ms), &q.deleted_at.map(ms)],
                )?;
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
                tx.execute(
                    "INSERT INTO answer (id, question_id, author, body, accepted, created_at, edited_at, deleted_at)
                     VALUES (CASE WHEN EXISTS (SELECT 1 FROM answer WHERE id = $1)
                                  THEN (SELECT coalesce(max(id), 0) + 1 FROM answer) ELSE $1 END,
                             $2, $3, $4, $5, $6, $7, $8)",
                    &[&a.id, &qid, &a.author, &a.body, &a.accepted, &ms(a.created_at),
                      &a.edited_at.map(ms), &a.deleted_at.map(ms)],
                )?;
            }
        }
        for bk in &q.backings {
            tx.execute(
                "INSERT INTO backing (question_id, person, kind, minutes, helped, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    &qid,
                    &bk.person,
                    &bk.kind.name(),
                    &bk.minutes.map(int),
                    &bk.helped,
                    &ms(bk.created_at),
                ],
            )?;
        }
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
                tx.execute(
                    "INSERT INTO tip (id, author, text, tags, context, created_at, edited_at, deleted_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    &[&id, &t.author, &t.text, &tags_to_sql(&t.tags), &t.context, &ms(t.created_at),
                      &t.edited_at.map(ms), &t.deleted_at.map(ms)],
                )?;
                m.added(t.id, id)
            }
        };
        if let Some(r) = &t.reference {
            reference::store(tx, Some(tid), None, r, Dupes::Skip)?;
        }
        for v in &t.votes {
            tx.execute(
                "INSERT INTO vote (tip_id, person, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[&tid, &v.person, &ms(v.created_at)],
            )?;
        }
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
        tx.execute(
            "INSERT INTO learned (id, author, text, tags, visibility, created_at, edited_at, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&id, &l.author, &l.text, &tags_to_sql(&l.tags), &l.visibility.name(),
              &ms(l.created_at), &l.edited_at.map(ms), &l.deleted_at.map(ms)],
        )?;
        m.added(l.id, id);
    }
    // Progress follows its lesson or tip to the id it has here; what the
    // person already has here wins.
    for d in &ok.lessons_done {
        let Some(lesson) = m.ids.get(&d.lesson) else {
            continue;
        };
        tx.execute(
            "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
            &[&d.person, &lesson.num, &ms(d.done_at), &d.reflection, &d.brought.map(|b| b.name())],
        )?;
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
        tx.execute(
            "INSERT INTO review (person, card, reviewed_at, rating)
             SELECT $1, $2, $3, $4 WHERE NOT EXISTS
               (SELECT 1 FROM review WHERE person = $1 AND card = $2 AND reviewed_at = $3)",
            &[&r.person, &card, &ms(r.reviewed_at), &i32::from(r.rating)],
        )?;
    }
    // A PIN the person already has here wins.
    for p in &ok.pins {
        tx.execute(
            "INSERT INTO person_pin (handle, hash, set_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&p.person, &p.hash, &ms(p.set_at)],
        )?;
    }
    super::backup::sequences_past_max(tx)?;
    Ok(m.report)
}
