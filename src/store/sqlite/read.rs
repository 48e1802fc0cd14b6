//! Reads. Private learned entries are filtered here, in SQL, so no caller
//! can forget to: a `viewer` sees team entries and their own private ones.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::reference;
use crate::domain::{
    Answer, Backing, BackingKind, Brought, Card, Item, ItemId, Kind, Learned, Lesson, LessonDone,
    Person, Question, Tip, Visibility, Vote,
};
use crate::store::read::{BODY_PREFIX, Filter, newest_first};
use crate::store::rows::{tag_pattern, tags_from_sql, time_from_sql};
use crate::store::{ListQuery, Result, SearchDoc, SearchMarks, StoreError, TextFilter};

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
        format!(
            "{id} AND (?2 IS NULL OR (' ' || tags || ' ') LIKE ?2 ESCAPE '\\') {order} LIMIT ?3"
        )
    }

    fn limit(&self) -> i64 {
        self.limit.map_or(-1, |l| l as i64)
    }

    fn tag(&self) -> Option<String> {
        self.tag.map(tag_pattern)
    }
}

pub fn person(tx: &Connection, handle: &str) -> Result<Option<Person>> {
    Ok(tx
        .query_row(
            "SELECT handle, name, wants, offers, lang, created_at FROM person WHERE handle = ?1",
            [handle],
            person_row,
        )
        .optional()?)
}

pub fn person_pin(tx: &Connection, handle: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT hash FROM person_pin WHERE handle = ?1")?
        .query_row([handle], |r| r.get(0))
        .optional()?)
}

pub fn persons(tx: &Connection) -> Result<Vec<Person>> {
    let mut stmt = tx.prepare(
        "SELECT handle, name, wants, offers, lang, created_at FROM person ORDER BY handle",
    )?;
    let rows = stmt.query_map([], person_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn person_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        handle: r.get(0)?,
        name: r.get(1)?,
        wants: tags_from_sql(&r.get::<_, String>(2)?),
        offers: tags_from_sql(&r.get::<_, String>(3)?),
        lang: r.get(4)?,
        created_at: time_from_sql(r.get(5)?),
    })
}

pub fn cards(tx: &Connection, lesson_id: i64) -> Result<Vec<Card>> {
    let mut stmt =
        tx.prepare_cached("SELECT question, answer FROM card WHERE lesson_id = ?1 ORDER BY ord")?;
    let rows = stmt.query_map([lesson_id], |r| {
        Ok(Card {
            question: r.get(0)?,
            answer: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn lessons(tx: &Connection, f: &Filter) -> Result<Vec<Lesson>> {
    let sql = format!(
        "SELECT id, slug, title, tags, minutes, lang, body, created_at, updated_at
         FROM lesson WHERE {}",
        f.sql_tail()
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![f.id, f.tag(), f.limit()], |r| {
        Ok(Lesson {
            id: ItemId::new(Kind::Lesson, r.get(0)?),
            slug: r.get(1)?,
            title: r.get(2)?,
            tags: tags_from_sql(&r.get::<_, String>(3)?),
            minutes: r.get(4)?,
            lang: r.get(5)?,
            body: r.get(6)?,
            cards: Vec::new(),
            created_at: time_from_sql(r.get(7)?),
            updated_at: time_from_sql(r.get(8)?),
        })
    })?;
    let mut lessons: Vec<Lesson> = rows.collect::<Result<_, _>>()?;
    for l in &mut lessons {
        l.cards = cards(tx, l.id.num)?;
    }
    Ok(lessons)
}

pub fn questions(tx: &Connection, f: &Filter) -> Result<Vec<Question>> {
    let sql = format!(
        "SELECT id, author, title, body, tags, context, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = question.author), question.author),
                edited_at, deleted_at, {}
         FROM question LEFT JOIN reference r ON r.question_id = question.id WHERE {} {}",
        reference::COLUMNS,
        f.live(),
        f.sql_tail()
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![f.id, f.tag(), f.limit()], |r| {
        Ok(Question {
            id: ItemId::new(Kind::Question, r.get(0)?),
            author: r.get(1)?,
            author_name: r.get(7)?,
            title: r.get(2)?,
            body: r.get(3)?,
            tags: tags_from_sql(&r.get::<_, String>(4)?),
            context: r.get(5)?,
            created_at: time_from_sql(r.get(6)?),
            edited_at: r.get::<_, Option<i64>>(8)?.map(time_from_sql),
            deleted_at: r.get::<_, Option<i64>>(9)?.map(time_from_sql),
            answers: Vec::new(),
            backings: Vec::new(),
            reference: reference::from_row(r, 10)?,
        })
    })?;
    let mut questions: Vec<Question> = rows.collect::<Result<_, _>>()?;
    for q in &mut questions {
        q.answers = answers(tx, q.id.num, f.tombstones)?;
        q.backings = backings(tx, q.id.num)?;
    }
    Ok(questions)
}

/// A question's answers; deleted ones only for a backup (`tombstones`).
fn answers(tx: &Connection, question_id: i64, tombstones: bool) -> Result<Vec<Answer>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, author, body, accepted, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = answer.author), answer.author),
                edited_at, deleted_at
         FROM answer WHERE question_id = ?1 AND (?2 OR deleted_at IS NULL) ORDER BY id",
    )?;
    let rows = stmt.query_map(params![question_id, tombstones], |r| {
        Ok(Answer {
            id: r.get(0)?,
            author: r.get(1)?,
            author_name: r.get(5)?,
            body: r.get(2)?,
            accepted: r.get(3)?,
            created_at: time_from_sql(r.get(4)?),
            edited_at: r.get::<_, Option<i64>>(6)?.map(time_from_sql),
            deleted_at: r.get::<_, Option<i64>>(7)?.map(time_from_sql),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn backings(tx: &Connection, question_id: i64) -> Result<Vec<Backing>> {
    let mut stmt = tx.prepare_cached(
        "SELECT person, kind, minutes, helped, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = backing.person), backing.person)
         FROM backing WHERE question_id = ?1 ORDER BY created_at, person, kind",
    )?;
    let rows = stmt.query_map([question_id], |r| {
        let kind: String = r.get(1)?;
        Ok(Backing {
            person: r.get(0)?,
            person_name: r.get(5)?,
            // The CHECK constraint admits only known kinds.
            kind: BackingKind::from_name(&kind).unwrap_or(BackingKind::MeToo),
            minutes: r.get(2)?,
            helped: r.get(3)?,
            created_at: time_from_sql(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn tips(tx: &Connection, f: &Filter) -> Result<Vec<Tip>> {
    let sql = format!(
        "SELECT id, author, text, tags, context, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = tip.author), tip.author),
                edited_at, deleted_at, {}
         FROM tip LEFT JOIN reference r ON r.tip_id = tip.id WHERE {} {}",
        reference::COLUMNS,
        f.live(),
        f.sql_tail()
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![f.id, f.tag(), f.limit()], |r| {
        Ok(Tip {
            id: ItemId::new(Kind::Tip, r.get(0)?),
            author: r.get(1)?,
            author_name: r.get(6)?,
            text: r.get(2)?,
            tags: tags_from_sql(&r.get::<_, String>(3)?),
            context: r.get(4)?,
            created_at: time_from_sql(r.get(5)?),
            edited_at: r.get::<_, Option<i64>>(7)?.map(time_from_sql),
            deleted_at: r.get::<_, Option<i64>>(8)?.map(time_from_sql),
            votes: Vec::new(),
            reference: reference::from_row(r, 9)?,
        })
    })?;
    let mut tips: Vec<Tip> = rows.collect::<Result<_, _>>()?;
    let mut votes = tx.prepare_cached(
        "SELECT person, created_at, coalesce((SELECT p.name FROM person p WHERE p.handle = vote.person), vote.person)
         FROM vote WHERE tip_id = ?1 ORDER BY created_at, person",
    )?;
    for t in &mut tips {
        let rows = votes.query_map([t.id.num], |r| {
            Ok(Vote {
                person: r.get(0)?,
                person_name: r.get(2)?,
                created_at: time_from_sql(r.get(1)?),
            })
        })?;
        t.votes = rows.collect::<Result<_, _>>()?;
    }
    Ok(tips)
}

pub fn learned(tx: &Connection, f: &Filter) -> Result<Vec<Learned>> {
    let sql = format!(
        "SELECT id, author, text, tags, visibility, created_at,
                coalesce((SELECT p.name FROM person p WHERE p.handle = learned.author), learned.author),
                edited_at, deleted_at
         FROM learned WHERE (?4 IS NULL OR visibility = 'team' OR author = ?4) AND {} {}",
        f.live(),
        f.sql_tail()
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![f.id, f.tag(), f.limit(), f.viewer], |r| {
        let visibility: String = r.get(4)?;
        Ok(Learned {
            id: ItemId::new(Kind::Learned, r.get(0)?),
            author: r.get(1)?,
            author_name: r.get(6)?,
            text: r.get(2)?,
            tags: tags_from_sql(&r.get::<_, String>(3)?),
            visibility: if visibility == "private" {
                Visibility::Private
            } else {
                Visibility::Team
            },
            created_at: time_from_sql(r.get(5)?),
            edited_at: r.get::<_, Option<i64>>(7)?.map(time_from_sql),
            deleted_at: r.get::<_, Option<i64>>(8)?.map(time_from_sql),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Loads items of one kind as [`Item`]s.
fn items(tx: &Connection, kind: Kind, f: &Filter) -> Result<Vec<Item>> {
    Ok(match kind {
        Kind::Lesson => lessons(tx, f)?.into_iter().map(Item::Lesson).collect(),
        Kind::Question => questions(tx, f)?.into_iter().map(Item::Question).collect(),
        Kind::Tip => tips(tx, f)?.into_iter().map(Item::Tip).collect(),
        Kind::Learned => learned(tx, f)?.into_iter().map(Item::Learned).collect(),
    })
}

pub fn get(tx: &Connection, id: ItemId, viewer: &str) -> Result<Item> {
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

pub fn list(tx: &Connection, q: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
    let f = Filter {
        tag: q.tag.as_deref(),
        viewer: Some(viewer),
        limit: Some(q.limit),
        ..Filter::default()
    };
    let kinds: Vec<Kind> = match q.kind {
        Some(k) => vec![k],
        None => Kind::ALL.to_vec(),
    };
    let mut all = Vec::new();
    for kind in kinds {
        all.extend(items(tx, kind, &f)?);
    }
    Ok(newest_first(all, q.limit))
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
            "SELECT count(*) FROM question WHERE ?2 IS NOT NULL AND deleted_at IS NULL AND {tagged}"
        ),
        Kind::Tip => format!(
            "SELECT count(*) FROM tip WHERE ?2 IS NOT NULL AND deleted_at IS NULL AND {tagged}"
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
    for ((kind, sql), after) in Kind::ALL.into_iter().zip(SEARCH_SOURCES).zip(after) {
        let sql = sql.replace("{which}", "id > ?3");
        search_docs_of(
            tx,
            kind,
            &sql,
            params![viewer, BODY_PREFIX as i64, after],
            each,
        )?;
    }
    Ok(())
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

fn search_docs_of(
    tx: &Connection,
    kind: Kind,
    sql: &str,
    params: impl rusqlite::Params,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<()> {
    // People are found by the name colleagues know them by. The few
    // persons are read once and looked up here, cheaper than a join per row.
    let names: HashMap<String, String> = persons(tx)?
        .into_iter()
        .map(|p| (p.handle, p.name))
        .collect();
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        let author: String = r.get(4)?;
        Ok(SearchDoc {
            id: ItemId::new(kind, r.get(0)?),
            title: r.get(1)?,
            body: r.get(2)?,
            tags: r.get(3)?,
            author: names.get(&author).cloned().unwrap_or(author),
            votes: r.get(5)?,
        })
    })?;
    for doc in rows {
        each(doc?);
    }
    Ok(())
}

/// `each_search_doc` for the items `filter` may find: the persisted
/// trigram index (migration 0009) names them, each kind's rows are then
/// read by id.
pub fn each_search_doc_matching(
    tx: &Connection,
    viewer: &str,
    filter: &TextFilter,
    each: &mut dyn FnMut(SearchDoc),
) -> Result<()> {
    let Some(expression) = match_expression(filter) else {
        return each_search_doc(tx, viewer, &[0; 4], each);
    };
    let mut ids: [Vec<i64>; 4] = Default::default();
    let mut stmt = tx.prepare("SELECT rowid FROM search_text WHERE search_text MATCH ?1")?;
    let rowids = stmt.query_map([expression], |r| r.get::<_, i64>(0))?;
    for rowid in rowids {
        let rowid = rowid?;
        ids[(rowid & 3) as usize].push(rowid >> 2);
    }
    for ((kind, sql), ids) in Kind::ALL.into_iter().zip(SEARCH_SOURCES).zip(ids) {
        if ids.is_empty() {
            continue;
        }
        let list = serde_json::to_string(&ids).unwrap_or_default();
        let sql = sql.replace("{which}", "id IN (SELECT value FROM json_each(?3))");
        search_docs_of(
            tx,
            kind,
            &sql,
            params![viewer, BODY_PREFIX as i64, list],
            each,
        )?;
    }
    Ok(())
}

/// `filter` as an FTS5 query over trigrams: detail=none keeps no
/// positions, so a piece is asked as all its trigrams (a superset of the
/// items holding it; the ranking reads them anyway). `None` when nothing
/// is asked (a piece too short for a trigram asks nothing).
fn match_expression(filter: &TextFilter) -> Option<String> {
    let trigrams = |p: &String| -> Vec<String> {
        let chars: Vec<char> = p.chars().collect();
        chars
            .windows(3)
            .map(|w| format!("\"{}\"", w.iter().collect::<String>().replace('"', "\"\"")))
            .collect()
    };
    // An alternative asking nothing makes its whole group ask nothing.
    let group = |alts: &Vec<Vec<String>>| -> Option<String> {
        let alts: Option<Vec<String>> = alts
            .iter()
            .map(|alt| {
                let all: Vec<String> = alt.iter().flat_map(trigrams).collect();
                (!all.is_empty()).then(|| format!("({})", all.join(" AND ")))
            })
            .collect();
        alts.filter(|a| !a.is_empty())
            .map(|a| format!("({})", a.join(" OR ")))
    };
    let groups: Vec<String> = filter.groups.iter().filter_map(group).collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

pub fn lessons_done(tx: &Connection, person: Option<&str>) -> Result<Vec<LessonDone>> {
    let mut stmt = tx.prepare_cached(
        "SELECT person, lesson_id, done_at, reflection, brought FROM lesson_done
         WHERE ?1 IS NULL OR person = ?1 ORDER BY done_at, person, lesson_id",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok(LessonDone {
            person: r.get(0)?,
            lesson: ItemId::new(Kind::Lesson, r.get(1)?),
            done_at: time_from_sql(r.get(2)?),
            reflection: r.get(3)?,
            brought: r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(Brought::from_name),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
                .query_map(params![f.id, f.tag(), f.limit()], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                plan.iter().any(|p| p.contains("INTEGER PRIMARY KEY")),
                "{table}: {plan:?}"
            );
        }
    }
}
