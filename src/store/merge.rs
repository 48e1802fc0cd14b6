//! The bookkeeping of `import --merge` on every backend: where each item
//! of the file ended up, and the report; the SQL is in each backend.

use std::collections::HashMap;

use crate::domain::import_check::{Rejected, parse_card};
use crate::domain::{ItemId, Kind};

/// What a merge did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MergeReport {
    /// People, lessons, questions, tips and learned entries added.
    pub added: usize,
    /// Of those in the file, already here (not added again).
    pub already: usize,
    /// Items stored under a new id because theirs was taken: (in the file, here).
    pub renumbered: Vec<(ItemId, ItemId)>,
    /// Items not written, each with its reason.
    pub rejected: Vec<Rejected>,
}

/// What a merge learns as it goes, on every backend: where each item of
/// the file ended up here, and the report.
#[derive(Default)]
pub struct Tally {
    pub report: MergeReport,
    pub ids: HashMap<ItemId, ItemId>,
}

impl Tally {
    pub fn new(rejected: Vec<Rejected>) -> Tally {
        Tally {
            report: MergeReport {
                rejected,
                ..MergeReport::default()
            },
            ids: HashMap::new(),
        }
    }

    /// Records an item just stored here as `num`.
    pub fn added(&mut self, from: ItemId, num: i64) -> i64 {
        let to = ItemId::new(from.kind, num);
        if to != from {
            self.report.renumbered.push((from, to));
        }
        self.ids.insert(from, to);
        self.report.added += 1;
        num
    }

    /// Records an item of the file that is already here as `num`.
    pub fn same(&mut self, from: ItemId, num: i64) {
        self.ids.insert(from, ItemId::new(from.kind, num));
        self.report.already += 1;
    }

    /// A card id of the file (`l3#1`, `t7`) as it is called here.
    pub fn card(&self, card: &str) -> Option<String> {
        let on = parse_card(card)?;
        let here = self.ids.get(&on)?;
        Some(match card.split_once('#') {
            Some((_, ord)) => format!("{here}#{ord}"),
            None => here.to_string(),
        })
    }
}

pub fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Lesson => "lesson",
        Kind::Question => "question",
        Kind::Tip => "tip",
        Kind::Learned => "learned",
    }
}
