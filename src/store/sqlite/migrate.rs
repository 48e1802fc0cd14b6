//! Forward migrations: numbered `.sql` files embedded in the binary, applied
//! in order and tracked in `PRAGMA user_version`.

use rusqlite::Connection;

use super::write;
use crate::bundled;
use crate::domain::now;
use crate::store::rows::time_to_sql;
use crate::store::{Result, StoreError};

/// `(version, sql)`: migration N brings the schema from N-1 to N.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_nudge_indexes.sql")),
    (3, include_str!("migrations/0003_learning_engine.sql")),
    (4, include_str!("migrations/0004_own_posts.sql")),
    (5, include_str!("migrations/0005_person_pin.sql")),
    (6, include_str!("migrations/0006_answers_seen.sql")),
    (7, include_str!("migrations/0007_applied_write.sql")),
    (8, include_str!("migrations/0008_reference.sql")),
    (9, include_str!("migrations/0009_search_text.sql")),
    (10, include_str!("migrations/0010_wishes.sql")),
    (11, include_str!("migrations/0011_change_mark.sql")),
    (12, include_str!("migrations/0012_newest_answer.sql")),
    (13, include_str!("migrations/0013_unseen_answers.sql")),
];

/// The newest schema this binary knows.
pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. Returns `Err(NewerSchema)` without writing
/// when the file was made by a newer leertuin.
///
/// Runs inside the caller's `BEGIN IMMEDIATE` transaction and reads the
/// version again there, so two processes opening a new file at once do not
/// both migrate it.
pub fn migrate(tx: &Connection) -> Result<()> {
    let found = user_version(tx)?;
    if found > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: LATEST_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
    }
    if found == 0 {
        // A new database starts with the bundled lessons.
        write::import_lessons(tx, time_to_sql(now()), &bundled::lessons())?;
    }
    Ok(())
}
