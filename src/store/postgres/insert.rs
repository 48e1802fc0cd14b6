//! The rows a backup brings, inserted on the team server: one statement a
//! kind, shared by `import` (a restore into a server without content: a
//! duplicate row is a bad file) and `import --merge` (what is here already
//! wins), as `store/sqlite/insert.rs` is on a file. Ids are always given: a
//! restore keeps the file's, a merge picks a free one first.
//!
//! A restore hands over every row of a kind at once, and they go in a
//! chunk a statement, each column one array (`unnest`): a few round trips
//! instead of two a row (prepare, execute), which made 100k items take
//! minutes. They are still INSERTs, so row-level security, the tables'
//! triggers and their constraints apply to each row as before (`COPY FROM`
//! would be faster still, but PostgreSQL refuses it into a table whose
//! row-level security applies to the one copying).

use postgres::Transaction;
use postgres::types::ToSql;

use crate::domain::{
    Answer, Backing, Learned, Lesson, LessonDone, Person, PersonPin, Question, Review, Time, Tip,
    Vote,
};
use crate::store::Result;
pub use crate::store::backup::Dupes;
use crate::store::rows::tags_to_sql;

type Tx<'a> = Transaction<'a>;

/// Rows a statement: enough that round trips no longer count, few enough
/// that a restore of 1M items never builds one huge message.
const CHUNK: usize = 2000;

/// One column of a chunk: an array parameter.
type Col<'a> = Box<dyn ToSql + Sync + 'a>;

fn col<'a, R, T: ToSql + Sync + 'a>(rows: &'a [R], f: impl Fn(&'a R) -> T) -> Col<'a> {
    Box::new(rows.iter().map(f).collect::<Vec<T>>())
}

fn ms(t: Time) -> i64 {
    t.timestamp_millis()
}

fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// Inserts `rows` into `table`, a chunk a statement. `cols` names each
/// column with its SQL type; `values` turns a chunk into its columns, in
/// that order; `tail` ends the statement (`ON CONFLICT DO NOTHING`, or a
/// filter on `u`, the rows to insert).
fn insert<'a, R>(
    tx: &mut Tx,
    table: &str,
    cols: &[(&str, &str)],
    tail: &str,
    rows: &'a [R],
    values: impl Fn(&'a [R]) -> Vec<Col<'a>>,
) -> Result<()> {
    let names = cols.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    let arrays = (1..)
        .zip(cols)
        .map(|(i, (_, ty))| format!("${i}::{ty}[]"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql =
        format!("INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) AS u({names}){tail}");
    for chunk in rows.chunks(CHUNK) {
        let values = values(chunk);
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v as _).collect();
        tx.execute(&sql, &params)?;
    }
    Ok(())
}

pub fn persons(tx: &mut Tx, rows: &[Person]) -> Result<()> {
    let cols = [
        ("handle", "text"),
        ("name", "text"),
        ("wants", "text"),
        ("offers", "text"),
        ("lang", "text"),
        ("created_at", "bigint"),
    ];
    insert(tx, "person", &cols, "", rows, |c| {
        vec![
            col(c, |p| p.handle.as_str()),
            col(c, |p| p.name.as_str()),
            col(c, |p| tags_to_sql(&p.wants)),
            col(c, |p| tags_to_sql(&p.offers)),
            col(c, |p| p.lang.as_deref()),
            col(c, |p| ms(p.created_at)),
        ]
    })
}

/// Lessons with their cards, each with the id it gets here.
pub fn lessons(tx: &mut Tx, rows: &[(i64, &Lesson)]) -> Result<()> {
    let cols = [
        ("id", "bigint"),
        ("slug", "text"),
        ("title", "text"),
        ("tags", "text"),
        ("minutes", "integer"),
        ("lang", "text"),
        ("body", "text"),
        ("created_at", "bigint"),
        ("updated_at", "bigint"),
    ];
    insert(tx, "lesson", &cols, "", rows, |c| {
        vec![
            col(c, |(id, _)| *id),
            col(c, |(_, l)| l.slug.as_str()),
            col(c, |(_, l)| l.title.as_str()),
            col(c, |(_, l)| tags_to_sql(&l.tags)),
            col(c, |(_, l)| int(l.minutes)),
            col(c, |(_, l)| l.lang.as_str()),
            col(c, |(_, l)| l.body.as_str()),
            col(c, |(_, l)| ms(l.created_at)),
            col(c, |(_, l)| ms(l.updated_at)),
        ]
    })?;
    let cards: Vec<(i64, i32, &str, &str)> = rows
        .iter()
        .flat_map(|(id, l)| {
            (1..)
                .zip(&l.cards)
                .map(move |(ord, c)| (*id, ord, c.question.as_str(), c.answer.as_str()))
        })
        .collect();
    let cols = [
        ("lesson_id", "bigint"),
        ("ord", "integer"),
        ("question", "text"),
        ("answer", "text"),
    ];
    insert(tx, "card", &cols, "", &cards, |c| {
        vec![
            col(c, |r| r.0),
            col(c, |r| r.1),
            col(c, |r| r.2),
            col(c, |r| r.3),
        ]
    })
}

/// Questions without their answers, backings and references.
pub fn questions(tx: &mut Tx, rows: &[(i64, &Question)]) -> Result<()> {
    let cols = [
        ("id", "bigint"),
        ("author", "text"),
        ("title", "text"),
        ("body", "text"),
        ("tags", "text"),
        ("context", "text"),
        ("created_at", "bigint"),
        ("edited_at", "bigint"),
        ("deleted_at", "bigint"),
    ];
    insert(tx, "question", &cols, "", rows, |c| {
        vec![
            col(c, |(id, _)| *id),
            col(c, |(_, q)| q.author.as_deref()),
            col(c, |(_, q)| q.title.as_str()),
            col(c, |(_, q)| q.body.as_str()),
            col(c, |(_, q)| tags_to_sql(&q.tags)),
            col(c, |(_, q)| q.context.as_deref()),
            col(c, |(_, q)| ms(q.created_at)),
            col(c, |(_, q)| q.edited_at.map(ms)),
            col(c, |(_, q)| q.deleted_at.map(ms)),
        ]
    })
}

/// Answers: (id here, question here, answer).
pub fn answers(tx: &mut Tx, rows: &[(i64, i64, &Answer)]) -> Result<()> {
    let cols = [
        ("id", "bigint"),
        ("question_id", "bigint"),
        ("author", "text"),
        ("body", "text"),
        ("accepted", "boolean"),
        ("created_at", "bigint"),
        ("edited_at", "bigint"),
        ("deleted_at", "bigint"),
    ];
    insert(tx, "answer", &cols, "", rows, |c| {
        vec![
            col(c, |(id, _, _)| *id),
            col(c, |(_, q, _)| *q),
            col(c, |(_, _, a)| a.author.as_str()),
            col(c, |(_, _, a)| a.body.as_str()),
            col(c, |(_, _, a)| a.accepted),
            col(c, |(_, _, a)| ms(a.created_at)),
            col(c, |(_, _, a)| a.edited_at.map(ms)),
            col(c, |(_, _, a)| a.deleted_at.map(ms)),
        ]
    })
}

/// Backings of the question that is the first of each pair here.
pub fn backings(tx: &mut Tx, rows: &[(i64, &Backing)], dupes: Dupes) -> Result<()> {
    let cols = [
        ("question_id", "bigint"),
        ("person", "text"),
        ("kind", "text"),
        ("minutes", "integer"),
        ("helped", "boolean"),
        ("created_at", "bigint"),
    ];
    insert(tx, "backing", &cols, dupes.tail(), rows, |c| {
        vec![
            col(c, |(q, _)| *q),
            col(c, |(_, b)| b.person.as_str()),
            col(c, |(_, b)| b.kind.name()),
            col(c, |(_, b)| b.minutes.map(int)),
            col(c, |(_, b)| b.helped),
            col(c, |(_, b)| ms(b.created_at)),
        ]
    })
}

/// Tips without their votes and references.
pub fn tips(tx: &mut Tx, rows: &[(i64, &Tip)]) -> Result<()> {
    let cols = [
        ("id", "bigint"),
        ("author", "text"),
        ("text", "text"),
        ("tags", "text"),
        ("context", "text"),
        ("created_at", "bigint"),
        ("edited_at", "bigint"),
        ("deleted_at", "bigint"),
    ];
    insert(tx, "tip", &cols, "", rows, |c| {
        vec![
            col(c, |(id, _)| *id),
            col(c, |(_, t)| t.author.as_str()),
            col(c, |(_, t)| t.text.as_str()),
            col(c, |(_, t)| tags_to_sql(&t.tags)),
            col(c, |(_, t)| t.context.as_deref()),
            col(c, |(_, t)| ms(t.created_at)),
            col(c, |(_, t)| t.edited_at.map(ms)),
            col(c, |(_, t)| t.deleted_at.map(ms)),
        ]
    })
}

/// Votes on the tip that is the first of each pair here.
pub fn votes(tx: &mut Tx, rows: &[(i64, &Vote)], dupes: Dupes) -> Result<()> {
    let cols = [
        ("tip_id", "bigint"),
        ("person", "text"),
        ("created_at", "bigint"),
    ];
    insert(tx, "vote", &cols, dupes.tail(), rows, |c| {
        vec![
            col(c, |(t, _)| *t),
            col(c, |(_, v)| v.person.as_str()),
            col(c, |(_, v)| ms(v.created_at)),
        ]
    })
}

pub fn learned(tx: &mut Tx, rows: &[(i64, &Learned)]) -> Result<()> {
    let cols = [
        ("id", "bigint"),
        ("author", "text"),
        ("text", "text"),
        ("tags", "text"),
        ("visibility", "text"),
        ("created_at", "bigint"),
        ("edited_at", "bigint"),
        ("deleted_at", "bigint"),
    ];
    insert(tx, "learned", &cols, "", rows, |c| {
        vec![
            col(c, |(id, _)| *id),
            col(c, |(_, l)| l.author.as_str()),
            col(c, |(_, l)| l.text.as_str()),
            col(c, |(_, l)| tags_to_sql(&l.tags)),
            col(c, |(_, l)| l.visibility.name()),
            col(c, |(_, l)| ms(l.created_at)),
            col(c, |(_, l)| l.edited_at.map(ms)),
            col(c, |(_, l)| l.deleted_at.map(ms)),
        ]
    })
}

/// Lessons done, each for the lesson that is the first of its pair here.
pub fn lessons_done(tx: &mut Tx, rows: &[(i64, &LessonDone)], dupes: Dupes) -> Result<()> {
    let cols = [
        ("person", "text"),
        ("lesson_id", "bigint"),
        ("done_at", "bigint"),
        ("reflection", "text"),
        ("brought", "text"),
    ];
    insert(tx, "lesson_done", &cols, dupes.tail(), rows, |c| {
        vec![
            col(c, |(_, d)| d.person.as_str()),
            col(c, |(l, _)| *l),
            col(c, |(_, d)| ms(d.done_at)),
            col(c, |(_, d)| d.reflection.as_deref()),
            col(c, |(_, d)| d.brought.map(|b| b.name())),
        ]
    })
}

pub fn pins(tx: &mut Tx, rows: &[PersonPin], dupes: Dupes) -> Result<()> {
    let cols = [("handle", "text"), ("hash", "text"), ("set_at", "bigint")];
    insert(tx, "person_pin", &cols, dupes.tail(), rows, |c| {
        vec![
            col(c, |p| p.person.as_str()),
            col(c, |p| p.hash.as_str()),
            col(c, |p| ms(p.set_at)),
        ]
    })
}

/// Reviews, each of the card that is the first of its pair here. Reviews
/// have no key of their own: a merge skips one with the same person, card
/// and time.
pub fn reviews(tx: &mut Tx, rows: &[(&str, &Review)], dupes: Dupes) -> Result<()> {
    let cols = [
        ("person", "text"),
        ("card", "text"),
        ("reviewed_at", "bigint"),
        ("rating", "integer"),
    ];
    let tail = match dupes {
        Dupes::Refuse => "",
        Dupes::Skip => {
            " WHERE NOT EXISTS (SELECT 1 FROM review r WHERE r.person = u.person
                 AND r.card = u.card AND r.reviewed_at = u.reviewed_at)"
        }
    };
    insert(tx, "review", &cols, tail, rows, |c| {
        vec![
            col(c, |(_, r)| r.person.as_str()),
            col(c, |(card, _)| *card),
            col(c, |(_, r)| ms(r.reviewed_at)),
            col(c, |(_, r)| i32::from(r.rating)),
        ]
    })
}
