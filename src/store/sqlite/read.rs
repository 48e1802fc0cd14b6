//! Reads. Private learned entries are filtered here, in SQL, so no caller
//! can forget to: a `viewer` sees team entries and their own private ones.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::all;
use super::text_match::match_expression;
use crate::domain::{
    Answer, Backing, Card, CardState, Item, ItemId, Kind, Learned, Lesson, LessonDone, Person,
    PersonPin, Question, Review, Tip,
};
use crate::store::changes;
use crate::store::read::{
    self, ANSWER_COLUMNS, BACKING_COLUMNS, BODY_PREFIX, CARD_COLUMNS, Filter, LEARNED_COLUMNS,
    LESSON_COLUMNS, LESSON_DONE_COLUMNS, PERSON_COLUMNS, PIN_COLUMNS, QUESTION_COLUMNS,
    REVIEW_COLUMNS, Reads, TIP_COLUMNS, VOTE_COLUMNS,
};
use crate::store::rows::tag_pattern;
use crate::store::{
    ChangeMark, ListQuery, Matched, Named, Result, SearchDoc, SearchMarks, TextFilter,
};

impl Filter<'_> {
    /// `deleted_at IS NULL AND` unless tombstones are asked for (for the
    /// tables that have them: not lessons).
    fn live(&self) -> &'static str {
        if self.tombstones {
            ""
        } else {
            "deleted_at IS NULL AND"
        }
    }

    fn sql_tail(&self) -> String {
        let order = if self.oldest_first {
            "ORDER BY id ASC"
        } else {
            "ORDER BY created_at DESC, id DESC"
        };
        // `id = ?1` alone when an id is asked: the planner cannot look a
        // row up by its key through `?1 IS NULL OR id = ?1`, and scans.
        let id = if self.id.is_some() {
            "id = ?1"
        } else {
            "?1 IS NULL"
        };
        // The limit is written into the SQL, not bound: SQLite (3.54 here)
        // compiles a statement with `LIMIT ?` a second time on its first
        // step once the limit is bound (to plan with its value), which
        // doubled the SQL work of every read of one item (`show`,
        // previews). It is a number of ours, never typed text.
        let limit = self.limit.map_or(-1, |l| l as i64);
        format!(
            "{id} AND (?2 IS NULL OR (' ' || tags || ' ') LIKE ?2 ESCAPE '\\') {order} LIMIT {limit}"
        )
    }

    fn tag(&self) -> Option<String> {
        self.tag.map(tag_pattern)
    }
}

pub fn person(tx: &Connection, handle: &str) -> Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE handle = ?1");
    Ok(all(tx, &sql, [handle], |r| read::person(r))?
        .into_iter()
        .next())
}

pub fn person_pin(tx: &Connection, handle: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT hash FROM person_pin WHERE handle = ?1")?
        .query_row([handle], |r| r.get(0))
        .optional()?)
}

pub fn persons(tx: &Connection) -> Result<Vec<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY handle");
    all(tx, &sql, [], |r| read::person(r))
}

pub fn cards(tx: &Connection, lesson_id: i64) -> Result<Vec<Card>> {
    let sql = "SELECT question, answer FROM card WHERE lesson_id = ?1 ORDER BY ord";
    all(tx, sql, [lesson_id], |r| read::card(r))
}

pub fn lessons(tx: &Connection, f: &Filter) -> Result<Vec<Lesson>> {
    let sql = format!("SELECT {LESSON_COLUMNS} FROM lesson WHERE {}", f.sql_tail());
    let mut lessons = all(tx, &sql, params![f.id, f.tag()], |r| read::lesson(r))?;
    for l in &mut lessons {
        l.cards = cards(tx, l.id.num)?;
    }
    Ok(lessons)
}

pub fn questions(tx: &Connection, f: &Filter) -> Result<Vec<Question>> {
    let sql = format!(
        "SELECT {QUESTION_COLUMNS}, {}
         FROM question LEFT JOIN reference r ON r.question_id = question.id WHERE {} {} {}",
        read::REFERENCE_COLUMNS,
        f.live(),
        f.own_only(),
        f.sql_tail()
    );
    let mut questions = all(tx, &sql, params![f.id, f.tag()], |r| read::question(r))?;
    for q in &mut questions {
        q.answers = answers(tx, q.id.num, f.tombstones)?;
        q.backings = backings(tx, q.id.num)?;
    }
    Ok(questions)
}

/// A question's answers; deleted ones only for a backup (`tombstones`).
fn answers(tx: &Connection, question_id: i64, tombstones: bool) -> Result<Vec<Answer>> {
    let sql = format!(
        "SELECT {ANSWER_COLUMNS} FROM answer
         WHERE question_id = ?1 AND (?2 OR deleted_at IS NULL) ORDER BY id"
    );
    all(tx, &sql, params![question_id, tombstones], |r| {
        read::answer(r)
    })
}

fn backings(tx: &Connection, question_id: i64) -> Result<Vec<Backing>> {
    let sql = format!(
        "SELECT {BACKING_COLUMNS} FROM backing WHERE question_id = ?1
         ORDER BY created_at, person, kind"
    );
    all(tx, &sql, [question_id], |r| read::backing(r))
}

pub fn tips(tx: &Connection, f: &Filter) -> Result<Vec<Tip>> {
    let sql = format!(
        "SELECT {TIP_COLUMNS}, {}
         FROM tip LEFT JOIN reference r ON r.tip_id = tip.id WHERE {} {} {}",
        read::REFERENCE_COLUMNS,
        f.live(),
        f.own_only(),
        f.sql_tail()
    );
    let mut tips = all(tx, &sql, params![f.id, f.tag()], |r| read::tip(r))?;
    let votes =
        format!("SELECT {VOTE_COLUMNS} FROM vote WHERE tip_id = ?1 ORDER BY created_at, person");
    for t in &mut tips {
        t.votes = all(tx, &votes, [t.id.num], |r| read::vote(r))?;
    }
    Ok(tips)
}

pub fn learned(tx: &Connection, f: &Filter) -> Result<Vec<Learned>> {
    let sql = format!(
        "SELECT {LEARNED_COLUMNS} FROM learned
         WHERE (?3 IS NULL OR visibility = 'team' OR author = ?3) AND {} {}",
        f.live(),
        f.sql_tail()
    );
    all(tx, &sql, params![f.id, f.tag(), f.viewer], |r| {
        read::learned(r)
    })
}

/// The shared reads (`store/read.rs`) on one SQLite connection.
pub struct Sql<'c>(pub &'c Connection);

impl Reads for Sql<'_> {
    fn persons(&mut self) -> Result<Vec<Person>> {
        persons(self.0)
    }
    fn lessons(&mut self, f: &Filter) -> Result<Vec<Lesson>> {
        lessons(self.0, f)
    }
    fn questions(&mut self, f: &Filter) -> Result<Vec<Question>> {
        questions(self.0, f)
    }
    fn tips(&mut self, f: &Filter) -> Result<Vec<Tip>> {
        tips(self.0, f)
    }
    fn learned(&mut self, f: &Filter) -> Result<Vec<Learned>> {
        learned(self.0, f)
    }
    fn lessons_done(&mut self, person: Option<&str>) -> Result<Vec<LessonDone>> {
        lessons_done(self.0, person)
    }
    fn card_states(&mut self, person: Option<&str>) -> Result<Vec<CardState>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM card_state WHERE ?1 IS NULL OR person = ?1 ORDER BY person, card"
        );
        all(self.0, &sql, [person], |r| read::card_state(r))
    }
    fn reviews(&mut self) -> Result<Vec<Review>> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM review ORDER BY id");
        all(self.0, &sql, [], |r| read::review(r))
    }
    fn pins(&mut self) -> Result<Vec<PersonPin>> {
        let sql = format!("SELECT {PIN_COLUMNS} FROM person_pin ORDER BY handle");
        all(self.0, &sql, [], |r| read::pin(r))
    }
}

pub fn get(tx: &Connection, id: ItemId, viewer: &str) -> Result<Item> {
    read::get(&mut Sql(tx), id, viewer)
}

pub fn list(tx: &Connection, q: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
    read::list(&mut Sql(tx), q, viewer)
}

/// How many items `list` gives without its limit: the same kinds, tag,
/// and what the viewer may see (no deleted posts, no one else's private
/// entries), counted in SQL.
pub fn count(tx: &Connection, q: &ListQuery, viewer: &str) -> Result<usize> {
    // Each names both parameters, since rusqlite checks their count.
    let tagged = "(?1 IS NULL OR (' ' || tags || ' ') LIKE ?1 ESCAPE '\\')";
    let sql = |kind: Kind| match kind {
        Kind::Lesson => format!("SELECT count(*) FROM lesson WHERE ?2 IS NOT NULL AND {tagged}"),
        Kind::Question => format!(
            "SELECT count(*) FROM question WHERE ?2 IS NOT NULL AND deleted_at IS NULL AND {tagged}{}",
            read::own_only_count(q, "question")
        ),
        Kind::Tip => format!(
            "SELECT count(*) FROM tip WHERE ?2 IS NOT NULL AND deleted_at IS NULL AND {tagged}{}",
            read::own_only_count(q, "tip")
        ),
        Kind::Learned => format!(
            "SELECT count(*) FROM learned WHERE (visibility = 'team' OR author = ?2)
             AND deleted_at IS NULL AND {tagged}"
        ),
    };
    let tag = q.tag.as_deref().map(tag_pattern);
    let mut n: i64 = 0;
    for kind in q.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
        let mut stmt = tx.prepare_cached(&sql(kind))?;
        n += stmt.query_row(params![tag, viewer], |r| r.get::<_, i64>(0))?;
    }
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Hands every searchable item numbered above `after` (per kind) to
/// `each`, one at a time, so an index can be built without holding all
/// items as separate strings at once.
pub fn each_search_doc(
    tx: &Connection,
    viewer: &str,
    after: &SearchMarks,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<()> {
    let names = names_by_handle(tx)?;
    for ((kind, sql), after) in Kind::ALL.into_iter().zip(SEARCH_SOURCES).zip(after) {
        let sql = sql.replace("{which}", "id > ?3");
        search_docs_of(
            tx,
            &names,
            kind,
            &sql,
            params![viewer, BODY_PREFIX as i64, after],
            each,
        )?;
    }
    Ok(())
}

/// What changed in place so far ([`crate::store::changes`]).
pub fn change_mark(tx: &Connection) -> Result<ChangeMark> {
    let mut mark: ChangeMark = [0; 18];
    tx.query_row(changes::SQL, [], |r| {
        for (i, n) in mark[..changes::SQL_NUMBERS].iter_mut().enumerate() {
            *n = r.get(i)?;
        }
        Ok(())
    })?;
    mark[changes::SQL_NUMBERS] = changes::names(&persons(tx)?);
    Ok(mark)
}

/// One statement per kind: (id, title, body, tags, author, votes), `{which}` the
/// condition on `id` (?3). Each names all three parameters, since rusqlite
/// checks their count.
const SEARCH_SOURCES: [&str; 4] = [
    "SELECT id, substr(title, 1, ?2), substr(body, 1, ?2), tags, '', 0 FROM lesson
     WHERE ?1 IS NOT NULL AND {which}",
    // A question's body is searched with its context and live answers.
    "SELECT id, substr(title, 1, ?2),
            substr(body || ' ' || coalesce(context, '') || ' ' ||
                   coalesce((SELECT group_concat(a.body, ' ') FROM answer a
                             WHERE a.question_id = question.id AND a.deleted_at IS NULL), ''),
                   1, ?2),
            tags, coalesce(author, ''),
            (SELECT count(*) FROM backing b WHERE b.question_id = question.id)
     FROM question WHERE ?1 IS NOT NULL AND {which} AND deleted_at IS NULL",
    "SELECT id, substr(text, 1, ?2), coalesce(context, ''), tags, author,
            (SELECT count(*) FROM vote v WHERE v.tip_id = tip.id)
     FROM tip WHERE ?1 IS NOT NULL AND {which} AND deleted_at IS NULL",
    "SELECT id, substr(text, 1, ?2), '', tags, author, 0 FROM learned
     WHERE (visibility = 'team' OR author = ?1) AND {which} AND deleted_at IS NULL",
];

/// People are found by the name colleagues know them by. The few persons
/// are read once a search and looked up by handle, cheaper than a join
/// per row.
fn names_by_handle(tx: &Connection) -> Result<HashMap<String, String>> {
    Ok(persons(tx)?
        .into_iter()
        .map(|p| (p.handle, p.name))
        .collect())
}

fn search_docs_of(
    tx: &Connection,
    names: &HashMap<String, String>,
    kind: Kind,
    sql: &str,
    params: impl rusqlite::Params,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<()> {
    let mut stmt = tx.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        each(read::search_doc(row, kind, names)?);
    }
    Ok(())
}

/// `each_search_doc` for the items `filter` may find: the persisted
/// trigram index (migration 0009) names them, each kind's rows are then
/// read by id, unless they are the very items `read` names. The index's
/// numbers name items the viewer may not see (a colleague's private
/// entries) too; they are only compared, never shown.
pub fn each_search_doc_matching(
    tx: &Connection,
    viewer: &str,
    filter: &TextFilter,
    read: Option<&Named>,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<Matched> {
    let Some(expression) = match_expression(filter) else {
        if read == Some(&Named::everything()) {
            return Ok(Matched::Same);
        }
        each_search_doc(tx, viewer, &[0; 4], each)?;
        return Ok(Matched::Handed(Named::everything()));
    };
    // Newest first, so a cap keeps the newest; FTS5 walks its lists
    // backwards and stops there, instead of matching every item.
    let mut stmt = tx.prepare_cached(
        "SELECT rowid FROM search_text WHERE search_text MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
    )?;
    let most = filter
        .most
        .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let rowids = stmt
        .query_map(params![expression, most], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    let mut ids: [Vec<i64>; 4] = Default::default();
    for rowid in &rowids {
        ids[(rowid & 3) as usize].push(rowid >> 2);
    }
    let named = Named::items(rowids);
    if read == Some(&named) {
        return Ok(Matched::Same);
    }
    let names = names_by_handle(tx)?;
    for ((kind, sql), ids) in Kind::ALL.into_iter().zip(SEARCH_SOURCES).zip(ids) {
        if ids.is_empty() {
            continue;
        }
        let list = serde_json::to_string(&ids).unwrap_or_default();
        let sql = sql.replace("{which}", "id IN (SELECT value FROM json_each(?3))");
        search_docs_of(
            tx,
            &names,
            kind,
            &sql,
            params![viewer, BODY_PREFIX as i64, list],
            each,
        )?;
    }
    Ok(Matched::Handed(named))
}

pub fn lessons_done(tx: &Connection, person: Option<&str>) -> Result<Vec<LessonDone>> {
    let sql = format!(
        "SELECT {LESSON_DONE_COLUMNS} FROM lesson_done
         WHERE ?1 IS NULL OR person = ?1 ORDER BY done_at, person, lesson_id"
    );
    all(tx, &sql, [person], |r| read::lesson_done(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `show` and every preview look an item up by its key, not by reading
    /// the table (0.6 ms at 30k, ~11 ms at 350k before).
    #[test]
    fn an_item_is_looked_up_by_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::SqliteStore::open(&dir.path().join("t.db")).unwrap();
        drop(store);
        let conn = Connection::open(dir.path().join("t.db")).unwrap();
        let f = Filter {
            id: Some(7),
            viewer: Some("ann"),
            ..Filter::default()
        };
        for table in ["tip", "question", "learned", "lesson"] {
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {}",
                f.sql_tail()
            );
            let plan: Vec<String> = conn
                .prepare(&sql)
                .unwrap()
                .query_map(params![f.id, f.tag()], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                plan.iter().any(|p| p.contains("INTEGER PRIMARY KEY")),
                "{table}: {plan:?}"
            );
        }
    }

    /// A read of one item or of a list is compiled once: a bound LIMIT
    /// made SQLite compile it again on its first step, which doubled
    /// `show`'s SQL work.
    #[test]
    fn reads_are_compiled_once() {
        use rusqlite::StatementStatus;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(crate::store::SqliteStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO person (handle, name, created_at) VALUES ('ann', 'Ann', 0);
             INSERT INTO tip (id, author, text, tags, created_at) VALUES (1, 'ann', 'A tip', 'sql', 0);",
        )
        .unwrap();
        let one = Filter {
            id: Some(1),
            viewer: Some("ann"),
            ..Filter::default()
        };
        let newest = Filter {
            viewer: Some("ann"),
            limit: Some(50),
            ..Filter::default()
        };
        let tagged = Filter {
            tag: Some("sql"),
            viewer: Some("ann"),
            limit: Some(50),
            ..Filter::default()
        };
        for f in [one, newest, tagged] {
            let sql = format!("SELECT id FROM tip WHERE {}", f.sql_tail());
            let mut stmt = conn.prepare(&sql).unwrap();
            let ids: Vec<i64> = stmt
                .query_map(params![f.id, f.tag()], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(ids, [1], "{sql}");
            assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
    }
}
