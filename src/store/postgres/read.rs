//! Reads on the team server: the queries of `store/sqlite/read.rs` in PostgreSQL's
//! dialect, with the same order and the same results. Row-level security
//! already hides other people's private entries; the `viewer` filter is
//! kept as on SQLite, so an admin who bypasses security sees the same.
//! Text is ordered byte-wise (`COLLATE "C"`) as SQLite does, whatever
//! locale the server's database has.

use std::collections::HashMap;

use postgres::types::Type;
use postgres::{GenericClient, Row, Transaction};

use super::reference;

use crate::domain::{
    Answer, Asked, Backing, BackingKind, Brought, Card, Item, ItemId, Kind, Learned, Lesson,
    LessonDone, Person, Question, Tip, Visibility, Vote, from_millis,
};
use crate::store::read::{BODY_PREFIX, Filter, newest_first};
use crate::store::rows::{tag_pattern, tags_from_sql};
use crate::store::{ListQuery, NewAnswer, Result, SearchDoc, SearchMarks, StoreError};

type Tx<'a> = Transaction<'a>;

fn opt_time(ms: Option<i64>) -> Option<crate::domain::Time> {
    ms.map(from_millis)
}

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

const PERSON_COLUMNS: &str = "handle, name, wants, offers, lang, created_at";

fn person_row(r: &Row) -> Person {
    Person {
        handle: r.get(0),
        name: r.get(1),
        wants: tags_from_sql(r.get(2)),
        offers: tags_from_sql(r.get(3)),
        lang: r.get(4),
        created_at: from_millis(r.get(5)),
    }
}

pub fn person(tx: &mut Tx, handle: &str) -> Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE handle = $1");
    Ok(tx.query_opt(&sql, &[&handle])?.as_ref().map(person_row))
}

pub fn person_pin(tx: &mut Tx, handle: &str) -> Result<Option<String>> {
    Ok(tx
        .query_opt("SELECT hash FROM person_pin WHERE handle = $1", &[&handle])?
        .map(|r| r.get(0)))
}

pub fn persons(tx: &mut Tx) -> Result<Vec<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY handle COLLATE \"C\"");
    Ok(tx.query(&sql, &[])?.iter().map(person_row).collect())
}

pub fn cards(tx: &mut Tx, lesson_id: i64) -> Result<Vec<Card>> {
    Ok(tx
        .query(
            "SELECT question, answer FROM card WHERE lesson_id = $1 ORDER BY ord",
            &[&lesson_id],
        )?
        .iter()
        .map(|r| Card {
            question: r.get(0),
            answer: r.get(1),
        })
        .collect())
}

pub fn lessons(tx: &mut Tx, f: &Filter) -> Result<Vec<Lesson>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT id, slug, title, tags, minutes, lang, body, created_at, updated_at
         FROM lesson WHERE {tail}"
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit])?;
    let mut lessons = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.get(0);
        lessons.push(Lesson {
            id: ItemId::new(Kind::Lesson, id),
            slug: r.get(1),
            title: r.get(2),
            tags: tags_from_sql(r.get(3)),
            minutes: u32::try_from(r.get::<_, i32>(4)).unwrap_or(0),
            lang: r.get(5),
            body: r.get(6),
            cards: cards(tx, id)?,
            created_at: from_millis(r.get(7)),
            updated_at: from_millis(r.get(8)),
        });
    }
    Ok(lessons)
}

pub fn questions(tx: &mut Tx, f: &Filter) -> Result<Vec<Question>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT id, author, title, body, tags, context, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = question.author), question.author),
                edited_at, deleted_at, {}
         FROM question LEFT JOIN reference r ON r.question_id = question.id WHERE {} {tail}",
        reference::COLUMNS,
        live(f)
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit])?;
    let mut questions = Vec::with_capacity(rows.len());
    for r in &rows {
        let num: i64 = r.get(0);
        questions.push(Question {
            id: ItemId::new(Kind::Question, num),
            author: r.get(1),
            author_name: r.get(7),
            title: r.get(2),
            body: r.get(3),
            tags: tags_from_sql(r.get(4)),
            context: r.get(5),
            created_at: from_millis(r.get(6)),
            edited_at: opt_time(r.get(8)),
            deleted_at: opt_time(r.get(9)),
            answers: answers(tx, num, f.tombstones)?,
            backings: backings(tx, num)?,
            reference: reference::from_row(r, 10),
        });
    }
    Ok(questions)
}

fn answers(tx: &mut Tx, question_id: i64, tombstones: bool) -> Result<Vec<Answer>> {
    let rows = tx.query(
        "SELECT id, author, body, accepted, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = answer.author), answer.author),
                edited_at, deleted_at
         FROM answer WHERE question_id = $1 AND ($2 OR deleted_at IS NULL) ORDER BY id",
        &[&question_id, &tombstones],
    )?;
    Ok(rows
        .iter()
        .map(|r| Answer {
            id: r.get(0),
            author: r.get(1),
            author_name: r.get(5),
            body: r.get(2),
            accepted: r.get(3),
            created_at: from_millis(r.get(4)),
            edited_at: opt_time(r.get(6)),
            deleted_at: opt_time(r.get(7)),
        })
        .collect())
}

fn backings(tx: &mut Tx, question_id: i64) -> Result<Vec<Backing>> {
    let rows = tx.query(
        "SELECT person, kind, minutes, helped, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = backing.person), backing.person)
         FROM backing WHERE question_id = $1
         ORDER BY created_at, person COLLATE \"C\", kind COLLATE \"C\"",
        &[&question_id],
    )?;
    Ok(rows
        .iter()
        .map(|r| Backing {
            person: r.get(0),
            person_name: r.get(5),
            // The CHECK constraint admits only known kinds.
            kind: BackingKind::from_name(r.get(1)).unwrap_or(BackingKind::MeToo),
            minutes: r.get::<_, Option<i32>>(2).map(i64::from),
            helped: r.get(3),
            created_at: from_millis(r.get(4)),
        })
        .collect())
}

pub fn tips(tx: &mut Tx, f: &Filter) -> Result<Vec<Tip>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT id, author, text, tags, context, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = tip.author), tip.author),
                edited_at, deleted_at, {}
         FROM tip LEFT JOIN reference r ON r.tip_id = tip.id WHERE {} {tail}",
        reference::COLUMNS,
        live(f)
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit])?;
    let mut tips = Vec::with_capacity(rows.len());
    for r in &rows {
        let num: i64 = r.get(0);
        let votes = tx
            .query(
                "SELECT person, created_at,
                        coalesce((SELECT p.name FROM person p WHERE p.handle = vote.person), vote.person)
                 FROM vote WHERE tip_id = $1 ORDER BY created_at, person COLLATE \"C\"",
                &[&num],
            )?
            .iter()
            .map(|v| Vote {
                person: v.get(0),
                person_name: v.get(2),
                created_at: from_millis(v.get(1)),
            })
            .collect();
        tips.push(Tip {
            id: ItemId::new(Kind::Tip, num),
            author: r.get(1),
            author_name: r.get(6),
            text: r.get(2),
            tags: tags_from_sql(r.get(3)),
            context: r.get(4),
            created_at: from_millis(r.get(5)),
            edited_at: opt_time(r.get(7)),
            deleted_at: opt_time(r.get(8)),
            votes,
            reference: reference::from_row(r, 9),
        });
    }
    Ok(tips)
}

pub fn learned(tx: &mut Tx, f: &Filter) -> Result<Vec<Learned>> {
    let (tail, id, tag, limit) = tail(f);
    let sql = format!(
        "SELECT id, author, text, tags, visibility, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = learned.author), learned.author),
                edited_at, deleted_at
         FROM learned WHERE ($4::text IS NULL OR visibility = 'team' OR author = $4) AND {} {tail}",
        live(f)
    );
    let rows = tx.query(&sql, &[&id, &tag, &limit, &f.viewer])?;
    Ok(rows
        .iter()
        .map(|r| Learned {
            id: ItemId::new(Kind::Learned, r.get(0)),
            author: r.get(1),
            author_name: r.get(6),
            text: r.get(2),
            tags: tags_from_sql(r.get(3)),
            visibility: if r.get::<_, &str>(4) == "private" {
                Visibility::Private
            } else {
                Visibility::Team
            },
            created_at: from_millis(r.get(5)),
            edited_at: opt_time(r.get(7)),
            deleted_at: opt_time(r.get(8)),
        })
        .collect())
}

fn items(tx: &mut Tx, kind: Kind, f: &Filter) -> Result<Vec<Item>> {
    Ok(match kind {
        Kind::Lesson => lessons(tx, f)?.into_iter().map(Item::Lesson).collect(),
        Kind::Question => questions(tx, f)?.into_iter().map(Item::Question).collect(),
        Kind::Tip => tips(tx, f)?.into_iter().map(Item::Tip).collect(),
        Kind::Learned => learned(tx, f)?.into_iter().map(Item::Learned).collect(),
    })
}

pub fn get(tx: &mut Tx, id: ItemId, viewer: &str) -> Result<Item> {
    let f = Filter {
        id: Some(id.num),
        viewer: Some(viewer),
        ..Filter::default()
    };
    items(tx, id.kind, &f)?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound(id))
}

pub fn list(tx: &mut Tx, q: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
    let f = Filter {
        tag: q.tag.as_deref(),
        viewer: Some(viewer),
        limit: Some(q.limit),
        ..Filter::default()
    };
    let mut all = Vec::new();
    for kind in q.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
        all.extend(items(tx, kind, &f)?);
    }
    Ok(newest_first(all, q.limit))
}

/// How many items `list` gives without its limit (as the SQLite count).
pub fn count(tx: &mut Tx, q: &ListQuery, viewer: &str) -> Result<usize> {
    let tagged = "($1::text IS NULL OR (' ' || tags || ' ') LIKE $1 ESCAPE '\\')";
    let sql = |kind: Kind| match kind {
        Kind::Lesson => {
            format!("SELECT count(*) FROM lesson WHERE $2::text IS NOT NULL AND {tagged}")
        }
        Kind::Question => format!(
            "SELECT count(*) FROM question WHERE $2::text IS NOT NULL AND deleted_at IS NULL AND {tagged}"
        ),
        Kind::Tip => format!(
            "SELECT count(*) FROM tip WHERE $2::text IS NOT NULL AND deleted_at IS NULL AND {tagged}"
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
        n += row.get::<_, i64>(0);
    }
    Ok(usize::try_from(n).unwrap_or(0))
}

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
        "SELECT id, substr(title, 1, $2),
                substr(body || ' ' || coalesce(context, '') || ' ' ||
                       coalesce((SELECT string_agg(a.body, ' ' ORDER BY a.id) FROM answer a
                                 WHERE a.question_id = question.id AND a.deleted_at IS NULL), ''),
                       1, $2),
                tags, coalesce(author, ''),
                (SELECT count(*) FROM backing b WHERE b.question_id = question.id)
         FROM question WHERE $1::text IS NOT NULL AND id > $3 AND deleted_at IS NULL ORDER BY id",
        "SELECT id, substr(text, 1, $2), coalesce(context, ''), tags, author,
                (SELECT count(*) FROM vote v WHERE v.tip_id = tip.id) FROM tip
         WHERE $1::text IS NOT NULL AND id > $3 AND deleted_at IS NULL ORDER BY id",
        "SELECT id, substr(text, 1, $2), '', tags, author, 0::int8 FROM learned
         WHERE (visibility = 'team' OR author = $1) AND id > $3 AND deleted_at IS NULL ORDER BY id",
    ];
    let names: HashMap<String, String> = persons(tx)?
        .into_iter()
        .map(|p| (p.handle, p.name))
        .collect();
    let prefix = i32::try_from(BODY_PREFIX).unwrap_or(i32::MAX);
    for ((kind, sql), after) in Kind::ALL.into_iter().zip(sources).zip(after) {
        for r in tx.query(sql, &[&viewer, &prefix, after])? {
            let author: String = r.get(4);
            each(SearchDoc {
                id: ItemId::new(kind, r.get(0)),
                title: r.get(1),
                body: r.get(2),
                tags: r.get(3),
                author: names.get(&author).cloned().unwrap_or(author),
                votes: u32::try_from(r.get::<_, i64>(5)).unwrap_or(u32::MAX),
            });
        }
    }
    Ok(())
}

pub fn lessons_done(tx: &mut Tx, person: Option<&str>) -> Result<Vec<LessonDone>> {
    let rows = tx.query(
        "SELECT person, lesson_id, done_at, reflection, brought FROM lesson_done
         WHERE $1::text IS NULL OR person = $1 ORDER BY done_at, person COLLATE \"C\", lesson_id",
        &[&person],
    )?;
    Ok(rows
        .iter()
        .map(|r| LessonDone {
            person: r.get(0),
            lesson: ItemId::new(Kind::Lesson, r.get(1)),
            done_at: from_millis(r.get(2)),
            reflection: r.get(3),
            brought: r.get::<_, Option<&str>>(4).and_then(Brought::from_name),
        })
        .collect())
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
        if let Item::Question(question) = get(tx, ItemId::new(Kind::Question, r.get(0)), person)? {
            out.push(Asked {
                question,
                seen_up_to: r.get(1),
            });
        }
    }
    Ok(out)
}

/// The newest answer by someone else on the person's questions, unseen.
pub fn newest_unseen(tx: &mut impl GenericClient, person: &str) -> Result<Option<NewAnswer>> {
    // Typed: one round trip, not three (nudge runs this in its budget).
    Ok(tx
        .query_typed_opt(
            // The person's question ids from an index alone (migration
            // 0012), each one's newest unseen answer by an index probe, and
            // the title only of the one that wins.
            "SELECT q.id, q.title, n.id,
                    coalesce((SELECT p.name FROM person p WHERE p.handle = n.author), n.author),
                    n.created_at
             FROM (SELECT a.id, mine.id AS question_id, a.author, a.created_at
                   FROM question mine
                   LEFT JOIN answer_seen s ON s.person = $1 AND s.question_id = mine.id
                   CROSS JOIN LATERAL (
                       SELECT a.id, a.author, a.created_at FROM answer a
                       WHERE a.question_id = mine.id AND a.deleted_at IS NULL
                         AND a.author <> $1 AND a.id > coalesce(s.last_answer, 0)
                       ORDER BY a.created_at DESC, a.id DESC LIMIT 1) a
                   WHERE mine.author = $1 AND mine.deleted_at IS NULL
                   ORDER BY a.created_at DESC, a.id DESC LIMIT 1) n
             JOIN question q ON q.id = n.question_id",
            &[(&person, Type::TEXT)],
        )?
        .map(|r| NewAnswer {
            question: ItemId::new(Kind::Question, r.get(0)),
            title: r.get(1),
            answer: r.get(2),
            by: r.get(3),
            at: from_millis(r.get(4)),
        }))
}
