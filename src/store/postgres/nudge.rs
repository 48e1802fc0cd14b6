//! The reads behind `leertuin nudge` on the team server, in one snapshot.
//! The same questions as `store/sqlite/nudge.rs` asks a file, with the same
//! decisions (which tips count, which lesson is short and wanted): those
//! are shared, only the SQL is PostgreSQL's.
//!
//! `nudge` runs in tmux's status line with a 10 ms budget for the whole
//! process, so every query here says its parameters' types
//! (`query_typed`): one round trip each, where an untyped query takes
//! three (prepare, execute, close). The wish facts are read in the same
//! transaction (`store/wish_nudges.rs`), not in transactions of their own.

use postgres::types::Type;
use postgres::{GenericClient, Transaction};

use super::read::newest_unseen;
use super::wishes::Rows;
use crate::domain::{ItemId, Kind, from_millis};
use crate::store::Result;
use crate::store::nudge::{
    LessonPick, MAX_QUESTIONS_SCANNED, NudgeAsk, NudgeFacts, OpenQuestion, TipTally, first_shared,
};
use crate::store::rows::tags_from_sql;
use crate::store::wish_nudges::wish_nudges;

/// `None` when the person is not on the server.
pub fn facts(tx: &mut Transaction<'_>, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
    let person = ask.person;
    // The profile, the cards due and the last time they learned, at once.
    let Some(row) = tx.query_typed_opt(
        "SELECT wants, offers, lang,
                (SELECT count(*) FROM card_state WHERE person = $1 AND due <= $2),
                greatest(
                    coalesce((SELECT max(done_at) FROM lesson_done WHERE person = $1), 0),
                    coalesce((SELECT max(reviewed_at) FROM review WHERE person = $1), 0),
                    coalesce((SELECT max(created_at) FROM learned WHERE author = $1), 0),
                    created_at)
         FROM person WHERE handle = $1",
        &[
            (&person, Type::TEXT),
            (&ask.now.timestamp_millis(), Type::INT8),
        ],
    )?
    else {
        return Ok(None);
    };
    let wants = tags_from_sql(row.get(0));
    let offers = tags_from_sql(row.get(1));
    let due: i64 = row.get(3);
    let last: i64 = row.get(4);
    let (new_tips, new_tip_tags, more_tips) = new_tips(tx, ask, &wants)?;
    let mut facts = NudgeFacts {
        lang: row.get(2),
        due_cards: u32::try_from(due).unwrap_or(u32::MAX),
        question: open_question(tx, ask, &offers)?,
        new_tips,
        more_tips,
        new_tip_tags,
        last_learned: from_millis(last),
        lesson: short_lesson(tx, ask, &wants)?,
        answered: newest_unseen(tx, person)?,
        wishes: Default::default(),
    };
    // Last: should it fail (a server from before wishes), the snapshot is
    // spoilt, but everything else was read already, and a read-only
    // transaction's COMMIT then only ends it.
    facts.wishes =
        wish_nudges(&mut Rows(tx), person, &offers, ask.now.date_naive()).unwrap_or_default();
    Ok(Some(facts))
}

fn open_question(
    tx: &mut impl GenericClient,
    ask: &NudgeAsk,
    offers: &[String],
) -> Result<Option<OpenQuestion>> {
    if offers.is_empty() {
        return Ok(None);
    }
    // The newest questions on any tag (an index walk), then, for those on
    // a tag they offer, whether it is still open to them, one at a time:
    // the first usually is. (Asking it of all of them in one query made
    // PostgreSQL hash every answer and backing: 45 ms at 100k items.)
    let scanned = tx.query_typed(
        "SELECT id, tags FROM question
         WHERE created_at BETWEEN $1 AND $2 AND (author IS NULL OR author <> $3)
           AND deleted_at IS NULL
         ORDER BY created_at DESC LIMIT $4",
        &[
            (&ask.questions_from.timestamp_millis(), Type::INT8),
            (&ask.questions_until.timestamp_millis(), Type::INT8),
            (&ask.person, Type::TEXT),
            (&MAX_QUESTIONS_SCANNED, Type::INT8),
        ],
    )?;
    for row in scanned {
        let Some(tag) = first_shared(offers, row.get(1)) else {
            continue;
        };
        let id: i64 = row.get(0);
        let open = tx.query_typed_opt(
            "SELECT title, created_at FROM question q
             WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.question_id = q.id AND a.deleted_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM backing b WHERE b.question_id = q.id AND b.person = $2)",
            &[(&id, Type::INT8), (&ask.person, Type::TEXT)],
        )?;
        if let Some(open) = open {
            return Ok(Some(OpenQuestion {
                id: ItemId::new(Kind::Question, id),
                title: open.get(0),
                tag: tag.clone(),
                asked_at: from_millis(open.get(1)),
            }));
        }
    }
    Ok(None)
}

fn new_tips(
    tx: &mut impl GenericClient,
    ask: &NudgeAsk,
    wants: &[String],
) -> Result<(u32, Vec<String>, bool)> {
    if wants.is_empty() {
        return Ok((0, Vec::new(), false));
    }
    let rows = tx.query_typed(
        "SELECT tags, author FROM tip
         WHERE created_at > $1 AND created_at <= $2 AND deleted_at IS NULL
         ORDER BY created_at DESC LIMIT $3",
        &[
            (&ask.tips_since.timestamp_millis(), Type::INT8),
            (&ask.now.timestamp_millis(), Type::INT8),
            (&TipTally::LIMIT, Type::INT8),
        ],
    )?;
    let mut tally = TipTally::new(ask.person, wants);
    for row in &rows {
        if !tally.see(row.get(0), row.get(1)) {
            break;
        }
    }
    Ok(tally.finish())
}

fn short_lesson(
    tx: &mut impl GenericClient,
    ask: &NudgeAsk,
    wants: &[String],
) -> Result<Option<crate::store::ShortLesson>> {
    if wants.is_empty() {
        return Ok(None);
    }
    let max = i32::try_from(ask.lesson_max_minutes).unwrap_or(i32::MAX);
    let rows = tx.query_typed(
        "SELECT id, title, minutes, tags FROM lesson
         WHERE minutes <= $2
           AND NOT EXISTS (SELECT 1 FROM lesson_done d WHERE d.person = $1 AND d.lesson_id = lesson.id)
         ORDER BY minutes, id",
        &[(&ask.person, Type::TEXT), (&max, Type::INT4)],
    )?;
    let mut pick = LessonPick::new(wants);
    for row in &rows {
        pick.see(row.get(0), row.get(3), || {
            Ok::<_, crate::store::StoreError>((
                row.get(1),
                u32::try_from(row.get::<_, i32>(2)).unwrap_or(0),
            ))
        })?;
    }
    Ok(pick.best())
}
