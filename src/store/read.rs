//! What reads share on every backend: which rows of a kind to load, and
//! how items of several kinds come together newest first.

use crate::domain::Item;

/// Which rows of one kind to load.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    pub id: Option<i64>,
    pub tag: Option<&'a str>,
    /// `None` only for a full backup: then private entries are included.
    pub viewer: Option<&'a str>,
    /// `None`: no limit.
    pub limit: Option<usize>,
    /// Oldest first (backups) instead of newest first (lists).
    pub oldest_first: bool,
    /// Deleted posts too, as tombstones (backups only).
    pub tombstones: bool,
}

/// Items of several kinds, each kind newest first and limited, merged
/// newest first and cut again: `list` on every backend.
pub fn newest_first(mut all: Vec<Item>, limit: usize) -> Vec<Item> {
    all.sort_by(|a, b| {
        b.created_at()
            .cmp(&a.created_at())
            .then(b.id().cmp(&a.id()))
    });
    all.truncate(limit);
    all
}

/// Characters of a title or body handed to the search index: what it
/// keeps (src/search/docs.rs), far beyond nearly every item, so the whole
/// text is searched while a pasted novel cannot swell the index.
pub const BODY_PREFIX: usize = 4000;
