//! What changed in place: edits, deletes and their undo, by anyone (a
//! colleague, a `knowhow import` that updated or removed examples). A
//! running pane's search index reads only new items after a change; when
//! this mark moved, items it has read changed too, and it reads everything
//! again. Plain SQL both backends run alike; partial indexes on the
//! columns (SQLite migration 0011, PostgreSQL 0014) keep it a few index
//! lookups however many items there are.

/// Per table (question, answer, tip, learned): how many are deleted, and
/// the latest edit and delete. Any edit, delete or undone delete moves it;
/// a new item does not.
pub type ChangeMark = [i64; 12];

/// One row of the twelve numbers of a [`ChangeMark`].
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
    (SELECT coalesce(max(deleted_at), 0) FROM learned WHERE deleted_at IS NOT NULL)";
