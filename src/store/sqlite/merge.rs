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
use super::insert::{self, Dupes};
use super::reference;
use crate::domain::import_check;
use crate::domain::{Backup, ItemId};
use crate::store::backup::check_format;
use crate::store::merge::{Tally, table};
use crate::store::rows::time_to_sql;
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
        insert::person(tx, p)?;
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
        let id = insert::lesson(tx, m.free(l.id)?, l)?;
        m.added(l.id, id);
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
                let id = insert::question(tx, m.free(q.id)?, q)?;
                m.added(q.id, id)
            }
        };
        if let Some(r) = &q.reference {
            reference::store(tx, None, Some(qid), r, Dupes::Skip)?;
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
                insert::answer(tx, (!taken).then_some(a.id), qid, a)?;
            }
        }
        for bk in &q.backings {
            insert::backing(tx, qid, bk, Dupes::Skip)?;
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
                let id = insert::tip(tx, m.free(t.id)?, t)?;
                m.added(t.id, id)
            }
        };
        if let Some(r) = &t.reference {
            reference::store(tx, Some(tid), None, r, Dupes::Skip)?;
        }
        for v in &t.votes {
            insert::vote(tx, tid, v, Dupes::Skip)?;
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
        let id = insert::learned(tx, m.free(l.id)?, l)?;
        m.added(l.id, id);
    }
    // Progress follows its lesson or tip to the id it has here; what the
    // person already has here wins.
    for d in &ok.lessons_done {
        let Some(lesson) = m.tally.ids.get(&d.lesson) else {
            continue;
        };
        insert::lesson_done(tx, lesson.num, d, Dupes::Skip)?;
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
        insert::review(tx, &card, r, Dupes::Skip)?;
    }
    // A PIN the person already has here wins.
    for p in &ok.pins {
        insert::pin(tx, p, Dupes::Skip)?;
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

    /// Records an item just inserted as `num`.
    fn added(&mut self, from: ItemId, num: i64) -> i64 {
        self.tally.added(from, num)
    }

    fn same(&mut self, from: ItemId, num: i64) {
        self.tally.same(from, num);
    }

    fn card(&self, card: &str) -> Option<String> {
        self.tally.card(card)
    }
}
