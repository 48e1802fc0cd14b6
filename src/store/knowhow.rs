//! `knowhow import`, decided once for every backend: given what a store
//! holds of a source and what the import brings, which items to add,
//! change, revive or remove, and the counts per language. Each backend
//! only loads [`Stored`] rows and carries out the [`Step`]s in its dialect.

use std::collections::{HashMap, HashSet};

use super::Result;
use super::rows::Cols;
use crate::domain::reference::{RefItem, RefReport, Reference, Scope};

/// `(lang, page, example)`: an item's key within its source.
pub type Key = (String, String, u32);

/// What a store holds for one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub tip: Option<i64>,
    pub question: Option<i64>,
    /// For a question: its title, a line break and its body (if any).
    pub text: String,
    pub answer: Option<String>,
    /// Space-separated, as stored.
    pub tags: String,
    pub context: Option<String>,
    pub revision: String,
    pub attribution: String,
    /// False for a tombstone: the source dropped it once.
    pub live: bool,
}

/// The query that loads what a store holds of one source, as
/// [`stored`] reads it: `newline` is the dialect's line break, `source`
/// its first parameter.
pub fn load_sql(newline: &str, source: &str) -> String {
    format!(
        "SELECT r.lang, r.page, r.example, r.tip_id, r.question_id, r.revision, r.attribution,
                coalesce(t.text, q.title || CASE WHEN q.body = '' THEN '' ELSE {newline} || q.body END),
                (SELECT a.body FROM answer a WHERE a.question_id = q.id ORDER BY a.id LIMIT 1),
                coalesce(t.tags, q.tags), coalesce(t.context, q.context),
                coalesce(t.deleted_at, q.deleted_at) IS NULL
         FROM reference r
         LEFT JOIN tip t ON t.id = r.tip_id
         LEFT JOIN question q ON q.id = r.question_id
         WHERE r.source = {source}"
    )
}

/// One row of [`load_sql`].
pub fn stored(r: &impl Cols) -> Result<(Key, Stored)> {
    Ok((
        (
            r.text(0)?,
            r.text(1)?,
            u32::try_from(r.int(2)?).unwrap_or(0),
        ),
        Stored {
            tip: r.opt_int(3)?,
            question: r.opt_int(4)?,
            revision: r.text(5)?,
            attribution: r.text(6)?,
            text: r.opt_text(7)?.unwrap_or_default(),
            answer: r.opt_text(8)?,
            tags: r.opt_text(9)?.unwrap_or_default(),
            context: r.opt_text(10)?,
            live: r.flag(11)?,
        },
    ))
}

/// One thing to write.
#[derive(Debug)]
pub enum Step<'a> {
    /// A new item.
    Add(&'a RefItem),
    /// A live item whose text, tags or context changed.
    Change(&'a Stored, &'a RefItem),
    /// An item the source dropped once and brings back.
    Revive(&'a Stored, &'a RefItem),
    /// Only the revision or attribution changed: not worth a count.
    Revision(&'a RefItem),
    /// An item of the scope the source no longer has.
    Remove(&'a Stored),
}

/// The steps that bring `stored` (all of the scope's source) in line with
/// `items`, and what they do per language. A key given twice counts once
/// (the first wins).
pub fn plan<'a>(
    stored: &'a HashMap<Key, Stored>,
    scope: &Scope,
    items: &'a [RefItem],
) -> (Vec<Step<'a>>, RefReport) {
    let mut steps = Vec::new();
    let mut report = RefReport::new();
    let mut seen: HashSet<Key> = HashSet::new();
    for item in items {
        let r = &item.reference;
        if Some(r.source) != scope.source {
            continue;
        }
        let key = (r.lang.clone(), r.page.clone(), r.example);
        if !seen.insert(key.clone()) {
            continue;
        }
        let counts = report.entry(r.lang.clone()).or_default();
        match stored.get(&key) {
            None => {
                counts.added += 1;
                steps.push(Step::Add(item));
            }
            Some(old) if !old.live => {
                counts.added += 1;
                steps.push(Step::Revive(old, item));
            }
            Some(old) if same(old, item) => {
                counts.unchanged += 1;
                if old.revision != r.revision || old.attribution != r.attribution {
                    steps.push(Step::Revision(item));
                }
            }
            Some(old) => {
                counts.changed += 1;
                steps.push(Step::Change(old, item));
            }
        }
    }
    let mut gone: Vec<(&Key, &Stored)> = stored
        .iter()
        .filter(|(key, old)| old.live && !seen.contains(*key))
        .filter(|(key, _)| scope.covers(&as_reference(scope, key)))
        .collect();
    // Stable output whatever the map's order.
    gone.sort_by(|a, b| a.0.cmp(b.0));
    for (key, old) in gone {
        report.entry(key.0.clone()).or_default().removed += 1;
        steps.push(Step::Remove(old));
    }
    (steps, report)
}

fn same(old: &Stored, item: &RefItem) -> bool {
    old.text == item.text
        && old.answer == item.answer
        && old.tags == item.tags.join(" ")
        && old.context == item.context
}

fn as_reference(scope: &Scope, key: &Key) -> Reference {
    Reference {
        source: scope
            .source
            .unwrap_or(crate::domain::reference::Source::Tldr),
        lang: key.0.clone(),
        page: key.1.clone(),
        example: key.2,
        revision: String::new(),
        attribution: String::new(),
    }
}

/// A question's title (first line) and body (the rest).
pub fn split_question(text: &str) -> (&str, &str) {
    match text.split_once('\n') {
        Some((title, body)) => (title, body),
        None => (text, ""),
    }
}
