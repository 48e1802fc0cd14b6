//! `server init`: the schema in numbered migrations with a version row,
//! the group roles, grants and row-level security; all in one transaction,
//! and safe to run again.

use postgres::{Client, GenericClient, Transaction};

use super::url::ServerUrl;
use super::{Result, ServerError};
use crate::domain::lesson::LessonFile;

/// `(version, sql)`: migration N brings the schema from N-1 to N. They run
/// with `search_path = leertuin`.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_tables.sql")),
    (2, include_str!("migrations/0002_identity.sql")),
    (3, include_str!("migrations/0003_own_posts.sql")),
    (4, include_str!("migrations/0004_person_pin.sql")),
    (5, include_str!("migrations/0005_answers_seen.sql")),
    (6, include_str!("migrations/0006_notify.sql")),
    (7, include_str!("migrations/0007_applied.sql")),
    (8, include_str!("migrations/0008_restore.sql")),
    (9, include_str!("migrations/0009_keep_answered.sql")),
    (10, include_str!("migrations/0010_team_numbers.sql")),
    (11, include_str!("migrations/0011_reference.sql")),
    (12, include_str!("migrations/0012_own_question_ids.sql")),
    (13, include_str!("migrations/0013_knowhow_revive.sql")),
    (14, include_str!("migrations/0014_change_mark.sql")),
    (15, include_str!("migrations/0015_wishes.sql")),
    (16, include_str!("migrations/0016_newest_answer.sql")),
    (17, include_str!("migrations/0017_edit_wish.sql")),
    (18, include_str!("migrations/0018_voucher_answers.sql")),
    (19, include_str!("migrations/0019_search_trigrams.sql")),
    (20, include_str!("migrations/0020_unseen_answers.sql")),
    (21, include_str!("migrations/0021_inline_actor.sql")),
];

/// The newest schema this binary knows.
pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The migration that makes `search`'s trigram indexes. It runs again at
/// every `server init` after it: it asks for nothing that is there, and it
/// makes the indexes once pg_trgm may be had (installed or allowed later,
/// or dropped and back), which an admin then gets by running init again.
const SEARCH_INDEXES: i64 = 19;

/// The migration that inlines who acts and puts `pg_temp` last in every
/// function's search_path. It runs again at every `server init` after it
/// too: it is safe to repeat, and a server upgraded from PostgreSQL 13 to
/// 14 or newer gets the inlined functions from its next init.
const INLINE_ACTOR: i64 = 21;

const BOOTSTRAP: &str = include_str!("bootstrap.sql");
const ACCESS: &str = include_str!("access.sql");

/// What one `server init` found and did.
#[derive(Debug, Clone, PartialEq)]
pub struct InitReport {
    /// The version before; 0 for a database without leertuin.
    pub from: i64,
    pub to: i64,
    /// Tables with row-level security on and forced.
    pub secured_tables: i64,
    /// Bundled lessons loaded into a new schema.
    pub lessons: usize,
}

/// The schema version of a database, 0 when it has no leertuin schema.
pub fn version(client: &mut impl GenericClient) -> std::result::Result<i64, postgres::Error> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('leertuin.schema_version') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_opt("SELECT version FROM leertuin.schema_version", &[])?;
    Ok(row.map(|r| i64::from(r.get::<_, i32>(0))).unwrap_or(0))
}

/// Creates or brings up to date the leertuin schema of the database `url`
/// names. Refuses, changing nothing, a schema newer than this binary knows.
pub fn init(url: &ServerUrl, lessons: &[LessonFile]) -> Result<InitReport> {
    let mut client = url.connect()?;
    let db = |e: postgres::Error| url.db_error(&e);
    let mut tx = client.transaction().map_err(db)?;
    // Two inits of one database at once take turns.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtext('leertuin server init'))",
        &[],
    )
    .map_err(db)?;
    let from = version(&mut tx).map_err(db)?;
    if from > LATEST_VERSION {
        return Err(ServerError::NewerSchema {
            found: from,
            known: LATEST_VERSION,
        });
    }
    tx.batch_execute(BOOTSTRAP).map_err(db)?;
    tx.batch_execute("SET LOCAL search_path = leertuin, pg_catalog")
        .map_err(db)?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
        tx.batch_execute(sql).map_err(db)?;
        let version = i32::try_from(*version).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO leertuin.schema_version (version) VALUES ($1)
             ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            &[&version],
        )
        .map_err(db)?;
    }
    for again in [SEARCH_INDEXES, INLINE_ACTOR] {
        if from >= again
            && let Some((_, sql)) = MIGRATIONS.iter().find(|(v, _)| *v == again)
        {
            tx.batch_execute(sql).map_err(db)?;
        }
    }
    tx.batch_execute(ACCESS).map_err(db)?;
    let lessons = if from == 0 {
        load_lessons(&mut tx, lessons).map_err(db)?
    } else {
        0
    };
    let secured_tables = secured_tables(&mut tx).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(InitReport {
        from,
        to: LATEST_VERSION.max(from),
        secured_tables,
        lessons,
    })
}

/// How many leertuin tables have row-level security both on and forced.
pub fn secured_tables(
    client: &mut impl GenericClient,
) -> std::result::Result<i64, postgres::Error> {
    Ok(client
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'leertuin' AND c.relkind IN ('r', 'p')
               AND c.relrowsecurity AND c.relforcerowsecurity",
            &[],
        )?
        .get(0))
}

/// How many of `search`'s trigram indexes (migration 0019) the schema has:
/// none without pg_trgm, when every search reads every text.
pub fn search_indexes(
    client: &mut impl GenericClient,
) -> std::result::Result<i64, postgres::Error> {
    Ok(client
        .query_one(
            "SELECT count(*) FROM pg_indexes
             WHERE schemaname = 'leertuin' AND indexname LIKE '%\\_search'",
            &[],
        )?
        .get(0))
}

/// A new schema starts with the bundled lessons, as a new SQLite file does.
fn load_lessons(
    tx: &mut Transaction<'_>,
    lessons: &[LessonFile],
) -> std::result::Result<usize, postgres::Error> {
    let now = crate::domain::now().timestamp_millis();
    let mut added = 0;
    for l in lessons {
        let minutes = i32::try_from(l.minutes).unwrap_or(i32::MAX);
        let row = tx.query_opt(
            "INSERT INTO leertuin.lesson (slug, title, tags, minutes, lang, body, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
             ON CONFLICT (slug) DO NOTHING RETURNING id",
            &[&l.slug, &l.title, &l.tags.join(" "), &minutes, &l.lang, &l.body, &now],
        )?;
        let Some(row) = row else { continue };
        let id: i64 = row.get(0);
        for (ord, card) in l.cards.iter().enumerate() {
            let ord = i32::try_from(ord + 1).unwrap_or(i32::MAX);
            tx.execute(
                "INSERT INTO leertuin.card (lesson_id, ord, question, answer) VALUES ($1, $2, $3, $4)",
                &[&id, &ord, &card.question, &card.answer],
            )?;
        }
        added += 1;
    }
    Ok(added)
}

/// Connects and checks the schema is there and not newer than we know:
/// what every command on a server does first.
pub fn connect_checked(url: &ServerUrl) -> Result<Client> {
    let mut client = url.connect()?;
    let found = version(&mut client).map_err(|e| url.db_error(&e))?;
    if found == 0 {
        return Err(ServerError::NotInitialised);
    }
    if found > LATEST_VERSION {
        return Err(ServerError::NewerSchema {
            found,
            known: LATEST_VERSION,
        });
    }
    Ok(client)
}
