//! The rules of export and restore that hold on every backend: which
//! documents are ours, which tables must be empty for a restore, and that
//! a restore is all or nothing.

use std::collections::HashSet;

use super::{Result, StoreError};
use crate::domain::{Backup, import_check, text};

/// Tables that hold people's own content; all must be empty for a restore.
pub const CONTENT_TABLES: [&str; 8] = [
    "person",
    "question",
    "tip",
    "learned",
    "lesson_done",
    "card_state",
    "review",
    "person_pin",
];

/// The tables of wishes and budgets; all must be empty for a restore too.
pub const BUDGET_TABLES: [&str; 4] = ["wish", "ledger", "voucher", "match_rule"];

/// A restore goes into a database without content: one with `n` rows in
/// `table` is refused.
pub fn has_content(table: &str, n: i64) -> StoreError {
    StoreError::HasContent {
        rows: n,
        table: table.to_string(),
    }
}

/// The backup checked with the same rules `add` applies, item by item; a
/// restore is all or nothing, so the first rejected item refuses it.
pub fn restorable(b: &Backup) -> Result<Backup> {
    let (accepted, rejected) = import_check::check(b, &HashSet::new());
    if let Some(first) = rejected.first() {
        return Err(StoreError::Rejected {
            first: Box::new(first.clone()),
            more: rejected.len() - 1,
        });
    }
    Ok(accepted)
}

/// Constraint failures while restoring mean a bad file, not a broken machine.
pub fn constraint_is_bad_file(e: StoreError) -> StoreError {
    match e {
        StoreError::Backend(s) => bad(s),
        other => other,
    }
}

/// Tells our documents from any other JSON, and versions we cannot read.
pub fn check_format(b: &Backup) -> Result<()> {
    if b.format != Backup::FORMAT {
        return Err(StoreError::NotAnExport(text::one_line(&b.format)));
    }
    if b.version != Backup::VERSION {
        return Err(StoreError::ExportVersion {
            found: b.version,
            known: Backup::VERSION,
        });
    }
    Ok(())
}

pub fn bad(reason: String) -> StoreError {
    StoreError::BadImport(reason)
}

/// What a restored row that is here already does, on every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dupes {
    /// Fails the statement (a restore: the file is bad).
    Refuse,
    /// Leaves what is here (a merge).
    Skip,
}

impl Dupes {
    /// The end of an `INSERT` that says so (both dialects read it alike).
    pub fn tail(self) -> &'static str {
        match self {
            Dupes::Refuse => "",
            Dupes::Skip => " ON CONFLICT DO NOTHING",
        }
    }
}
