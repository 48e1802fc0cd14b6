//! What changed in items a search index has read: edits, deletes and their
//! undo, by anyone (a colleague, a `knowhow import` that updated or
//! removed examples), and what an item's search text or rank holds of
//! other rows: its answers (a question is found by them), its votes or
//! backings (they rank it). A running pane's search index reads only new
//! items after a change; when this mark moved, items it has read changed
//! too, and it reads everything again. Plain SQL both backends run alike;
//! partial indexes on the columns (SQLite migration 0011, PostgreSQL 0014)
//! keep the edits and deletes a few index lookups however many items there
//! are, the newest answer one primary-key lookup; votes and backings are
//! counted (a scan of small rows, run only when the data changed).
//!
//! Lessons are read again on every refresh anyway (an import may change
//! them in place), and a new item moves only the index's own marks.
//!
//! Items are found by their author's display name too, so a colleague who
//! renames themselves (`me --name`) moves the mark as an edit does: the
//! person rows (a team's hundreds, never millions) are read and their
//! handles and names folded into one last number ([`names`]).

use crate::domain::Person;

/// Per table (question, answer, tip, learned): how many are deleted, and
/// the latest edit and delete; then the newest answer, and the count and
/// the sum of the item numbers of votes and of backings (a vote moved from
/// one tip to another between two reads changes the sum); last, what people
/// are called ([`names`]). Any edit, delete, undone delete, new answer,
/// vote, backing, withdrawal or new display name moves it; a new item does
/// not.
pub type ChangeMark = [i64; 18];

/// How many numbers of a [`ChangeMark`] [`SQL`] reads; [`names`] is the
/// last.
pub const SQL_NUMBERS: usize = 17;

/// People's handles and display names as one number (FNV-1a over both,
/// in the order given): another name for anyone gives another number.
/// Someone still called by their handle counts as no one, so the person
/// row a first post makes moves nothing (their items are new anyway).
pub fn names(persons: &[Person]) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for p in persons.iter().filter(|p| p.name != p.handle) {
        for byte in p.handle.bytes().chain([0]).chain(p.name.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash as i64
}

/// One row of the first seventeen numbers of a [`ChangeMark`].
pub const SQL: &str = "SELECT
    (SELECT count(*) FROM question WHERE deleted_at IS NOT NULL),
    (SELECT coalesce(max(edited_at), 0) FROM question WHERE edited_at IS NOT NULL),
    (SELECT coalesce(max(deleted_at), 0) FROM question WHERE deleted_at IS NOT NULL),
    (SELECT count(*) FROM answer WHERE deleted_at IS NOT NULL),
    (SELECT coalesce(max(edited_at), 0) FROM answer WHERE edited_at IS NOT NULL),
    (SELECT coalesce(max(deleted_at), 0) FROM answer WHERE deleted_at IS NOT NULL),
    (SELECT count(*) FROM tip WHERE deleted_at IS NOT NULL),
    (SELECT coalesce(max(edited_at), 0) FROM tip WHERE edited_at IS NOT NULL),
    (SELECT coalesce(max(deleted_at), 0) FROM tip WHERE deleted_at IS NOT NULL),
    (SELECT count(*) FROM learned WHERE deleted_at IS NOT NULL),
    (SELECT coalesce(max(edited_at), 0) FROM learned WHERE edited_at IS NOT NULL),
    (SELECT coalesce(max(deleted_at), 0) FROM learned WHERE deleted_at IS NOT NULL),
    (SELECT coalesce(max(id), 0) FROM answer),
    v.n, v.ids, b.n, b.ids
    FROM (SELECT count(*) AS n, CAST(coalesce(sum(tip_id), 0) AS BIGINT) AS ids FROM vote) v,
         (SELECT count(*) AS n, CAST(coalesce(sum(question_id), 0) AS BIGINT) AS ids
          FROM backing) b";
