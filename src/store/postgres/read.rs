//! Reads on the team server: the queries of `store/sqlite/read.rs` in PostgreSQL's
//! dialect, with the same order and the same results. Row-level security
//! already hides other people's private entries; the `viewer` filter is
//! kept as on SQLite, so an admin who bypasses security sees the same.
//! Text is ordered byte-wise (`COLLATE "C"`) as SQLite does, whatever
//! locale the server's database has.

use std::collections::HashMap;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{GenericClient, Transaction};

use super::rows::all;
use crate::domain::{
    Answer, Asked, Backing, Card, CardState, Item, ItemId, Kind, Learned, Lesson, LessonDone,
    Person, PersonPin, Question, Review, Tip,
};
use crate::store::changes;
use crate::store::read::{
    self, ANSWER_COLUMNS, BACKING_COLUMNS, BODY_PREFIX, CARD_COLUMNS, Filter, LEARNED_COLUMNS,
    LESSON_COLUMNS, LESSON_DONE_COLUMNS, PERSON_COLUMNS, PIN_COLUMNS, QUESTION_COLUMNS,
    REVIEW_COLUMNS, Reads, TIP_COLUMNS, VOTE_COLUMNS,
};
use crate::store::rows::{Cols, tag_pattern};
use crate::store::{ChangeMark, ListQuery, NewAnswer, Result, SearchDoc, SearchMarks};

type Tx<'a> = Transaction<'a>;

/// The parameters every list query takes: id, tag pattern, limit.
fn tail(f: &Filter) -> (String, Option<i64>, Option<String>, Option<i64>) {
    let order = if f.oldest_first {
        "ORDER BY id ASC"
    } else {
        "ORDER BY created_at DESC, id DESC"
    };
    let sql = format!(
        "($1::bigint IS NULL OR id = $1) AND ($2::text IS NULL OR (' ' || tags || ' ') LIKE $2 ESCAPE '\\') {order} LIMIT $3"
    );
    (
        sql,
        f.id,
        f.tag.map(tag_pattern),
        f.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX)),
    )
}

fn live(f: &Filter) -> &'static str {
    if f.tombstones {
        ""
    } else {
        "deleted_at IS NULL AND"
    }
}

pub fn person(tx: &mut Tx, handle: &str) -> Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE handle = $1");
    tx.query_opt(&sql, &[&handle])?
        .map(|r| read::person(&r))
        .transpose()
}

pub fn person_pin(tx: &mut Tx, handle: &str) -> Result<Option<String>> {
    tx.query_opt("SELECT hash FROM person_pin WHERE handle = $1", &[&handle])?
        .map(|r| r.text(0))
        .transpose()
}

pub fn persons(tx: &mut Tx) -> Result<Vec<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY handle COLLATE \"C\"");
    all(&tx.query(&sql, &[])?, read::person)
}

pub fn cards(tx: &mut Tx, lesson_id: i64) -> Result<Vec<Card>> {
    let rows = tx.query(
        "SELECT question, answer FROM card WHERE lesson_id = $1 ORDER BY ord",
        &[&lesson_id],
    )?;
    all(&rows, read::card)
}

pub fn lessons(tx: &mut Tx, f: &Filter) -> Result<Vec<Lesson>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!("SELECT {LESSON_COLUMNS} FROM lesson WHERE {tail}");
    let mut lessons = all(&tx.query(&sql, &[&id, &tag, &limit])?, read::lesson)?;
    for l in &mut lessons {
        l.cards = cards(tx, l.id.num)?;
    }
    Ok(lessons)
}

pub fn questions(tx: &mut Tx, f: &Filter) -> Result<Vec<Question>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT {QUESTION_COLUMNS}, {}
         FROM question LEFT JOIN reference r ON r.question_id = question.id WHERE {} {} {tail}",
        read::REFERENCE_COLUMNS,
        live(f),
        f.own_only()
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit])?;
    let mut questions = all(&rows, read::question)?;
    for q in &mut questions {
        q.answers = answers(tx, q.id.num, f.tombstones)?;
        q.backings = backings(tx, q.id.num)?;
    }
    Ok(questions)
}

fn answers(tx: &mut Tx, question_id: i64, tombstones: bool) -> Result<Vec<Answer>> {
    let sql = format!(
        "SELECT {ANSWER_COLUMNS} FROM answer
         WHERE question_id = $1 AND ($2 OR deleted_at IS NULL) ORDER BY id"
    );
    all(&tx.query(&sql, &[&question_id, &tombstones])?, read::answer)
}

fn backings(tx: &mut Tx, question_id: i64) -> Result<Vec<Backing>> {
    let sql = format!(
        "SELECT {BACKING_COLUMNS} FROM backing WHERE question_id = $1
         ORDER BY created_at, person COLLATE \"C\", kind COLLATE \"C\""
    );
    all(&tx.query(&sql, &[&question_id])?, read::backing)
}

pub fn tips(tx: &mut Tx, f: &Filter) -> Result<Vec<Tip>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT {TIP_COLUMNS}, {}
         FROM tip LEFT JOIN reference r ON r.tip_id = tip.id WHERE {} {} {tail}",
        read::REFERENCE_COLUMNS,
        live(f),
        f.own_only()
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit])?;
    let mut tips = all(&rows, read::tip)?;
    let votes = format!(
        "SELECT {VOTE_COLUMNS} FROM vote WHERE tip_id = $1 ORDER BY created_at, person COLLATE \"C\""
    );
    for t in &mut tips {
        t.votes = all(&tx.query(&votes, &[&t.id.num])?, read::vote)?;
    }
    Ok(tips)
}

pub fn learned(tx: &mut Tx, f: &Filter) -> Result<Vec<Learned>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT {LEARNED_COLUMNS} FROM learned
         WHERE ($4::text IS NULL OR visibility = 'team' OR author = $4) AND {} {tail}",
        live(f)
    );
    all(
        &tx.query(&sql, &[&id, &tag, &limit, &f.viewer])?,
        read::learned,
    )
}

/// The shared reads (`store/read.rs`) in one server transaction.
impl Reads for Tx<'_> {
    fn persons(&mut self) -> Result<Vec<Person>> {
        persons(self)
    }
    fn lessons(&mut self, f: &Filter) -> Result<Vec<Lesson>> {
        lessons(self, f)
    }
    fn questions(&mut self, f: &Filter) -> Result<Vec<Question>> {
        questions(self, f)
    }
    fn tips(&mut self, f: &Filter) -> Result<Vec<Tip>> {
        tips(self, f)
    }
    fn learned(&mut self, f: &Filter) -> Result<Vec<Learned>> {
        learned(self, f)
    }
    fn lessons_done(&mut self, person: Option<&str>) -> Result<Vec<LessonDone>> {
        lessons_done(self, person)
    }
    fn card_states(&mut self, person: Option<&str>) -> Result<Vec<CardState>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM card_state WHERE $1::text IS NULL OR person = $1
             ORDER BY person COLLATE \"C\", card COLLATE \"C\""
        );
        all(&self.query(&sql, &[&person])?, read::card_state)
    }
    fn reviews(&mut self) -> Result<Vec<Review>> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM review ORDER BY id");
        all(&self.query(&sql, &[])?, read::review)
    }
    fn pins(&mut self) -> Result<Vec<PersonPin>> {
        let sql = format!("SELECT {PIN_COLUMNS} FROM person_pin ORDER BY handle COLLATE \"C\"");
        all(&self.query(&sql, &[])?, read::pin)
    }
}

pub use read::{get, list};

/// How many items `list` gives without its limit (as the SQLite count).
pub fn count(tx: &mut Tx, q: &ListQuery, viewer: &str) -> Result<usize> {
    let tagged = "($1::text IS NULL OR (' ' || tags || ' ') LIKE $1 ESCAPE '\\')";
    let sql = |kind: Kind| match kind {
        Kind::Lesson => {
            format!("SELECT count(*) FROM lesson WHERE $2::text IS NOT NULL AND {tagged}")
        }
        Kind::Question => format!(
            "SELECT count(*) FROM question WHERE $2::text IS NOT NULL AND deleted_at IS NULL AND {tagged}{}",
            read::own_only_count(q, "question")
        ),
        Kind::Tip => format!(
            "SELECT count(*) FROM tip WHERE $2::text IS NOT NULL AND deleted_at IS NULL AND {tagged}{}",
            read::own_only_count(q, "tip")
        ),
        Kind::Learned => format!(
            "SELECT count(*) FROM learned WHERE (visibility = 'team' OR author = $2)
             AND deleted_at IS NULL AND {tagged}"
        ),
    };
    let tag = q.tag.as_deref().map(tag_pattern);
    let mut n: i64 = 0;
    for kind in q.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
        let row = tx.query_one(&sql(kind), &[&tag, &viewer])?;
        n += row.int(0)?;
    }
    Ok(usize::try_from(n).unwrap_or(0))
}

/// What changed in place so far ([`crate::store::changes`]).
pub fn change_mark(tx: &mut Tx) -> Result<ChangeMark> {
    let row = tx.query_one(changes::SQL, &[])?;
    let mut mark: ChangeMark = [0; 18];
    for (i, n) in mark[..changes::SQL_NUMBERS].iter_mut().enumerate() {
        *n = row.get(i);
    }
    mark[changes::SQL_NUMBERS] = changes::names(&persons(tx)?);
    Ok(mark)
}

/// Every item `viewer` may see for the search index, of each kind those
/// numbered above `after`. Streamed (`query_typed_raw`): the index is built
/// from the first rows while the server still sends the rest. A question's
/// answers and backings, a tip's votes, are counted once per kind (grouped
/// and merged in id order) rather than looked up row by row: at 100k
/// items that made the server's part of a whole read about half as long.
/// The groups read only rows of items above `after`, so a refresh after a
/// colleague's post stays small.
pub fn each_search_doc(
    tx: &mut Tx,
    viewer: &str,
    after: &SearchMarks,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<()> {
    let sources: [&str; 4] = [
        "SELECT id, substr(title, 1, $2), substr(body, 1, $2), tags, '', 0::int8 FROM lesson
         WHERE $1::text IS NOT NULL AND id > $3 ORDER BY id",
        // As in SQLite: a question's body with its context and live answers.
        "SELECT q.id, substr(q.title, 1, $2),
                substr(q.body || ' ' || coalesce(q.context, '') || ' ' || coalesce(a.bodies, ''),
                       1, $2),
                q.tags, coalesce(q.author, ''), coalesce(b.n, 0)
         FROM question q
         LEFT JOIN (SELECT question_id, string_agg(body, ' ' ORDER BY id) AS bodies FROM answer
                    WHERE question_id > $3 AND deleted_at IS NULL GROUP BY question_id) a
                ON a.question_id = q.id
         LEFT JOIN (SELECT question_id, count(*) AS n FROM backing
                    WHERE question_id > $3 GROUP BY question_id) b
                ON b.question_id = q.id
         WHERE $1::text IS NOT NULL AND q.id > $3 AND q.deleted_at IS NULL ORDER BY q.id",
        "SELECT t.id, substr(t.text, 1, $2), coalesce(t.context, ''), t.tags, t.author,
                coalesce(v.n, 0)
         FROM tip t
         LEFT JOIN (SELECT tip_id, count(*) AS n FROM vote WHERE tip_id > $3 GROUP BY tip_id) v
                ON v.tip_id = t.id
         WHERE $1::text IS NOT NULL AND t.id > $3 AND t.deleted_at IS NULL ORDER BY t.id",
        "SELECT id, substr(text, 1, $2), '', tags, author, 0::int8 FROM learned
         WHERE (visibility = 'team' OR author = $1) AND id > $3 AND deleted_at IS NULL ORDER BY id",
    ];
    let names: HashMap<String, String> = persons(tx)?
        .into_iter()
        .map(|p| (p.handle, p.name))
        .collect();
    let prefix = i32::try_from(BODY_PREFIX).unwrap_or(i32::MAX);
    for ((kind, sql), after) in Kind::ALL.into_iter().zip(sources).zip(after) {
        let params: [(&(dyn ToSql + Sync), Type); 3] = [
            (&viewer, Type::TEXT),
            (&prefix, Type::INT4),
            (after, Type::INT8),
        ];
        let mut rows = tx.query_typed_raw(sql, params)?;
        while let Some(r) = rows.next()? {
            each(read::search_doc(&r, kind, &names)?);
        }
    }
    Ok(())
}

pub fn lessons_done(tx: &mut Tx, person: Option<&str>) -> Result<Vec<LessonDone>> {
    let sql = format!(
        "SELECT {LESSON_DONE_COLUMNS} FROM lesson_done
         WHERE $1::text IS NULL OR person = $1 ORDER BY done_at, person COLLATE \"C\", lesson_id"
    );
    all(&tx.query(&sql, &[&person])?, read::lesson_done)
}

/// The person's own questions, newest first, with what they have seen.
pub fn asked(tx: &mut Tx, person: &str, limit: usize) -> Result<Vec<Asked>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let ids = tx.query(
        "SELECT q.id, coalesce(s.last_answer, 0) FROM question q
         LEFT JOIN answer_seen s ON s.person = $1 AND s.question_id = q.id
         WHERE q.author = $1 AND q.deleted_at IS NULL
         ORDER BY q.created_at DESC, q.id DESC LIMIT $2",
        &[&person, &limit],
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for r in ids {
        let id = ItemId::new(Kind::Question, r.int(0)?);
        if let Item::Question(question) = get(tx, id, person)? {
            out.push(Asked {
                question,
                seen_up_to: r.int(1)?,
            });
        }
    }
    Ok(out)
}

/// The newest answer by someone else on the person's questions, unseen.
pub fn newest_unseen(tx: &mut impl GenericClient, person: &str) -> Result<Option<NewAnswer>> {
    // Typed: one round trip, not three (nudge runs this in its budget).
    tx.query_typed_opt(
        // Walks the person's unseen answers newest first (unseen_answer,
        // migration 0020) and stops at the first that every condition
        // still holds for: the table keeps candidates, this query decides.
        // The check is a LATERAL with its own LIMIT so the planner keeps
        // it per candidate: joined plainly, it read the answers of every
        // question the person asked first (the probe this table replaced).
        "SELECT n.question, n.title, n.answer, n.by, n.created_at
         FROM unseen_answer u
         CROSS JOIN LATERAL (
             SELECT q.id AS question, q.title, a.id AS answer,
                    coalesce((SELECT p.name FROM person p WHERE p.handle = a.author), a.author) AS by,
                    a.created_at
             FROM answer a
             JOIN question q ON q.id = a.question_id
             WHERE a.id = u.answer_id
               AND q.author = $1 AND q.deleted_at IS NULL
               AND a.author <> $1 AND a.deleted_at IS NULL
               AND a.id > coalesce((SELECT s.last_answer FROM answer_seen s
                                    WHERE s.person = $1 AND s.question_id = q.id), 0)
             LIMIT 1) n
         WHERE u.person = $1
         ORDER BY u.created_at DESC, u.answer_id DESC LIMIT 1",
        &[(&person, Type::TEXT)],
    )?
    .map(|r| read::new_answer(&r))
    .transpose()
}
