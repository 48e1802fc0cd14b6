//! `import --merge`: adds a backup (or another team's export) to a database
//! that already has content, item by item, in one transaction.
//!
//! Items that break a rule are reported by the import validator and simply
//! not written; everything else is. Ids are kept where they are free and
//! new where they are taken (the report lists each renumbered item), and
//! authors and times are kept. An item that is already here (same author,
//! time and text, as after an earlier merge of the same file) is not added
//! twice, so merging a file again changes nothing.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::engine;
use super::reference;
use super::rows::exec;
use super::write::insert_cards;
use crate::domain::import_check;
use crate::domain::{Backup, ItemId};
use crate::store::backup::check_format;
use crate::store::merge::{Tally, table};
use crate::store::rows::{tags_to_sql, time_to_sql};
use crate::store::{MergeReport, Result};

pub fn merge(tx: &Connection, b: &Backup) -> Result<MergeReport> {
    check_format(b)?;
    let known = handles(tx)?;
    let (ok, rejected) = import_check::check(b, &known);
    let mut m = Merger {
        tx,
        tally: Tally::new(rejected),
    };
    for p in &ok.persons {
        if known.contains(&p.handle) {
            // Their own profile here wins over an older copy in a file.
            m.tally.report.already += 1;
            continue;
        }
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
        m.tally.report.added += 1;
    }
    for l in &ok.lessons {
        // Lessons are matched by slug, as `lessons import` does.
        let here: Option<i64> = tx
            .query_row("SELECT id FROM lesson WHERE slug = ?1", [&l.slug], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = here {
            m.same(l.id, id);
            continue;
        }
        let id = m.free(l.id)?;
        exec(
            tx,
            "INSERT INTO lesson (id, slug, title, tags, minutes, lang, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![id, l.slug, l.title, tags_to_sql(&l.tags), l.minutes, l.lang, l.body,
                    time_to_sql(l.created_at), time_to_sql(l.updated_at)],
        )?;
        let id = m.added(l.id, id);
        insert_cards(tx, id, &l.cards)?;
    }
    for q in &ok.questions {
        // An imported FAQ entry is the same one when its key is.
        let known = match &q.reference {
            Some(r) => reference::item_of(tx, r)?.1,
            None => None,
        };
        let here: Option<i64> = match known {
            Some(id) => Some(id),
            None => tx
                .query_row(
                    "SELECT id FROM question WHERE author IS ?1 AND created_at = ?2 AND title = ?3",
                    params![q.author, time_to_sql(q.created_at), q.title],
                    |r| r.get(0),
                )
                .optional()?,
        };
        let qid = match here {
            Some(id) => {
                m.same(q.id, id);
                id
            }
            None => {
                let id = m.free(q.id)?;
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
                m.added(q.id, id)
            }
        };
        if let Some(r) = &q.reference {
            reference::keep(tx, None, Some(qid), r)?;
        }
        for a in &q.answers {
            let dupe: Option<i64> = tx
                .query_row(
                    "SELECT id FROM answer WHERE question_id = ?1 AND author = ?2 AND created_at = ?3 AND body = ?4",
                    params![qid, a.author, time_to_sql(a.created_at), a.body],
                    |r| r.get(0),
                )
                .optional()?;
            if dupe.is_none() {
                let taken: bool = tx
                    .query_row("SELECT 1 FROM answer WHERE id = ?1", [a.id], |_| Ok(true))
                    .optional()?
                    .unwrap_or(false);
                exec(
                    tx,
                    "INSERT INTO answer (id, question_id, author, body, accepted, created_at,
                                         edited_at, deleted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        (!taken).then_some(a.id),
                        qid,
                        a.author,
                        a.body,
                        a.accepted,
                        time_to_sql(a.created_at),
                        a.edited_at.map(time_to_sql),
                        a.deleted_at.map(time_to_sql)
                    ],
                )?;
            }
        }
        for bk in &q.backings {
            exec(
                tx,
                "INSERT INTO backing (question_id, person, kind, minutes, helped, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                params![
                    qid,
                    bk.person,
                    bk.kind.name(),
                    bk.minutes,
                    bk.helped,
                    time_to_sql(bk.created_at)
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
        let here: Option<i64> = match known {
            Some(id) => Some(id),
            None => tx
                .query_row(
                    "SELECT id FROM tip WHERE author = ?1 AND created_at = ?2 AND text = ?3",
                    params![t.author, time_to_sql(t.created_at), t.text],
                    |r| r.get(0),
                )
                .optional()?,
        };
        let tid = match here {
            Some(id) => {
                m.same(t.id, id);
                id
            }
            None => {
                let id = m.free(t.id)?;
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
                m.added(t.id, id)
            }
        };
        if let Some(r) = &t.reference {
            reference::keep(tx, Some(tid), None, r)?;
        }
        for v in &t.votes {
            exec(
                tx,
                "INSERT INTO vote (tip_id, person, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![tid, v.person, time_to_sql(v.created_at)],
            )?;
        }
    }
    for l in &ok.learned {
        let here: Option<i64> = tx
            .query_row(
                "SELECT id FROM learned WHERE author = ?1 AND created_at = ?2 AND text = ?3",
                params![l.author, time_to_sql(l.created_at), l.text],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = here {
            m.same(l.id, id);
            continue;
        }
        let id = m.free(l.id)?;
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
        m.added(l.id, id);
    }
    // Progress follows its lesson or tip to the id it has here; what the
    // person already has here wins.
    for d in &ok.lessons_done {
        let Some(lesson) = m.tally.ids.get(&d.lesson) else {
            continue;
        };
        exec(
            tx,
            "INSERT INTO lesson_done (person, lesson_id, done_at, reflection, brought) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
            params![
                d.person,
                lesson.num,
                time_to_sql(d.done_at),
                d.reflection,
                d.brought.map(|b| b.name())
            ],
        )?;
    }
    for c in &ok.card_states {
        if let Some(card) = m.card(&c.card) {
            let mut c = c.clone();
            c.card = card;
            engine::insert_card_state(tx, &c)?;
        }
    }
    for r in &ok.reviews {
        let Some(card) = m.card(&r.card) else {
            continue;
        };
        exec(
            tx,
            "INSERT INTO review (person, card, reviewed_at, rating)
             SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS
               (SELECT 1 FROM review WHERE person = ?1 AND card = ?2 AND reviewed_at = ?3)",
            params![r.person, card, time_to_sql(r.reviewed_at), r.rating],
        )?;
    }
    // A PIN the person already has here wins.
    for p in &ok.pins {
        exec(
            tx,
            "INSERT INTO person_pin (handle, hash, set_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![p.person, p.hash, time_to_sql(p.set_at)],
        )?;
    }
    Ok(m.tally.report)
}

fn handles(tx: &Connection) -> Result<HashSet<String>> {
    let mut stmt = tx.prepare("SELECT handle FROM person")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

struct Merger<'a> {
    tx: &'a Connection,
    tally: Tally,
}

impl Merger<'_> {
    /// The file's id when it is free here, else `None` (SQLite picks one).
    fn free(&self, id: ItemId) -> Result<Option<i64>> {
        let sql = format!("SELECT 1 FROM {} WHERE id = ?1", table(id.kind));
        let taken = self
            .tx
            .query_row(&sql, [id.num], |_| Ok(()))
            .optional()?
            .is_some();
        Ok((!taken).then_some(id.num))
    }

    /// Records an item just inserted (`wanted` is what `free` gave).
    fn added(&mut self, from: ItemId, wanted: Option<i64>) -> i64 {
        let num = wanted.unwrap_or_else(|| self.tx.last_insert_rowid());
        self.tally.added(from, num)
    }

    fn same(&mut self, from: ItemId, num: i64) {
        self.tally.same(from, num);
    }

    fn card(&self, card: &str) -> Option<String> {
        self.tally.card(card)
    }
}
