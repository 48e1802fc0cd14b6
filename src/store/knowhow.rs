//! `knowhow import`, decided once for every backend: given what a store
//! holds of a source and what the import brings, which items to add,
//! change, revive or remove, and the counts per language. Each backend
//! only loads [`Stored`] rows and carries out the [`Plan`] in its dialect.
//!
//! An item is found again by what it says, not by its place: a page's
//! example with the same command (a FAQ entry with the same question) is
//! the same example wherever it moved, so one example put in the middle
//! of a page is one added, not every later one changed. An example whose
//! command changed is found by its description (a tldr reader knows it by
//! that line: "List files", now with `ls -la`), wherever it moved: one
//! changed, not one added and one removed. Its place only breaks ties and
//! pairs an example whose command and description both changed with the
//! one that stood there before. A live item's number (`example` in its
//! key) stays its place on the page: items that moved are renumbered.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Result;
use super::rows::Cols;
use crate::domain::reference::{RefItem, RefReport, Reference, Scope};

/// `(lang, page, example)`: an item's key within its source.
pub type Key = (String, String, u32);

/// What a store holds for one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Its number on its page now (the last part of its [`Key`]).
    pub example: u32,
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
    let example = u32::try_from(r.int(2)?).unwrap_or(0);
    Ok((
        (r.text(0)?, r.text(1)?, example),
        Stored {
            example,
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

/// One thing to write, for an item under the key the import gives it
/// (after [`Plan::moves`]).
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

/// What one import writes.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    /// Stored items whose number on their page changes (they moved, or
    /// make room), with the new number: carried out first, and all at once
    /// (a number may pass from one item to another).
    pub moves: Vec<(&'a Stored, u32)>,
    pub steps: Vec<Step<'a>>,
    pub report: RefReport,
}

/// What finds an item again wherever it moved on its page: a tip's
/// command (its text after the description line), a question's title,
/// with runs of white space as one space.
fn content(text: &str, question: bool) -> String {
    let said = match (question, text.split_once('\n')) {
        (false, Some((_, command))) => command,
        (true, Some((title, _))) => title,
        (_, None) => text,
    };
    said.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What brings `stored` (all of the scope's source) in line with `items`,
/// and what that does per language. A place given twice on a page counts
/// once (the first wins).
pub fn plan<'a>(stored: &'a HashMap<Key, Stored>, scope: &Scope, items: &'a [RefItem]) -> Plan<'a> {
    let mut plan = Plan::default();
    // The items per page, in their order, and what is stored per page.
    let mut pages: BTreeMap<(&str, &str), Vec<&RefItem>> = BTreeMap::new();
    let mut seen: HashSet<Key> = HashSet::new();
    for item in items {
        let r = &item.reference;
        if Some(r.source) == scope.source
            && seen.insert((r.lang.clone(), r.page.clone(), r.example))
        {
            pages.entry((&r.lang, &r.page)).or_default().push(item);
        }
    }
    let mut here: HashMap<(&str, &str), Vec<&Stored>> = HashMap::new();
    for ((lang, page, _), old) in stored {
        here.entry((lang, page)).or_default().push(old);
    }
    for list in here.values_mut() {
        list.sort_by_key(|old| old.example);
    }
    let mut matched: HashSet<(&str, &str, u32)> = HashSet::new();
    for (&(lang, page), items) in &pages {
        let olds = here.get(&(lang, page)).map(Vec::as_slice).unwrap_or(&[]);
        let pairs = pair(olds, items);
        let counts = plan.report.entry(lang.to_string()).or_default();
        for (item, old) in items.iter().zip(&pairs) {
            let item: &RefItem = item;
            let r = &item.reference;
            let Some(old) = *old else {
                counts.added += 1;
                plan.steps.push(Step::Add(item));
                continue;
            };
            matched.insert((lang, page, old.example));
            if old.example != r.example {
                plan.moves.push((old, r.example));
            }
            if !old.live {
                counts.added += 1;
                plan.steps.push(Step::Revive(old, item));
            } else if same(old, item) {
                counts.unchanged += 1;
                if old.revision != r.revision || old.attribution != r.attribution {
                    plan.steps.push(Step::Revision(item));
                }
            } else {
                counts.changed += 1;
                plan.steps.push(Step::Change(old, item));
            }
        }
        // What is left of the page (tombstones, and those about to be)
        // makes room for the places the items take.
        let places: HashSet<u32> = items.iter().map(|i| i.reference.example).collect();
        let mut next = olds
            .iter()
            .map(|old| old.example)
            .chain(places.iter().copied())
            .max()
            .unwrap_or(0);
        for old in olds {
            if !matched.contains(&(lang, page, old.example)) && places.contains(&old.example) {
                next += 1;
                plan.moves.push((old, next));
            }
        }
    }
    let mut gone: Vec<(&Key, &Stored)> = stored
        .iter()
        .filter(|(key, old)| old.live && !matched.contains(&(&key.0, &key.1, key.2)))
        .filter(|(key, _)| scope.covers(&as_reference(scope, key)))
        .collect();
    // Stable output whatever the map's order.
    gone.sort_by(|a, b| a.0.cmp(b.0));
    for (key, old) in gone {
        plan.report.entry(key.0.clone()).or_default().removed += 1;
        plan.steps.push(Step::Remove(old));
    }
    plan
}

/// What else finds a tip again whose command changed: its description
/// (the line before the command), as a tldr or navi reader knows the
/// example by it. `None` for a question (found by its title alone) and
/// for a tip without one.
fn description(text: &str, question: bool) -> Option<String> {
    let (line, _) = text.split_once('\n').filter(|_| !question)?;
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

/// For each item of one page, the stored item it is: first the live one
/// that says the same (the one at its place, if several do, else the
/// first); then, for an item still alone, the live one with the same
/// description (its command changed, wherever it moved); then the one
/// that stood at its place (changed, or dropped once and back).
fn pair<'a>(olds: &[&'a Stored], items: &[&RefItem]) -> Vec<Option<&'a Stored>> {
    let mut used: HashSet<u32> = HashSet::new();
    let mut out: Vec<Option<&'a Stored>> = vec![None; items.len()];
    // What finds an item again, strongest first: what it says, then its
    // description.
    type Finder = fn(&str, bool) -> Option<String>;
    let finders: [Finder; 2] = [|text, q| Some(content(text, q)), description];
    for key in finders {
        let known: Vec<Option<String>> = olds
            .iter()
            .map(|old| key(&old.text, old.question.is_some()))
            .collect();
        for (slot, item) in out.iter_mut().zip(items) {
            if slot.is_some() {
                continue;
            }
            let Some(want) = key(&item.text, item.answer.is_some()) else {
                continue;
            };
            let place = item.reference.example;
            let same: Vec<&'a Stored> = olds
                .iter()
                .zip(&known)
                .filter(|(old, k)| {
                    old.live && k.as_ref() == Some(&want) && !used.contains(&old.example)
                })
                .map(|(old, _)| *old)
                .collect();
            let pick = same
                .iter()
                .find(|old| old.example == place)
                .or(same.first())
                .copied();
            if let Some(old) = pick {
                used.insert(old.example);
                *slot = Some(old);
            }
        }
    }
    for (slot, item) in out.iter_mut().zip(items) {
        if slot.is_some() {
            continue;
        }
        let place = item.reference.example;
        if let Some(old) = olds
            .iter()
            .find(|old| old.example == place && !used.contains(&old.example))
        {
            used.insert(old.example);
            *slot = Some(old);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::Source;

    fn item(place: u32, command: &str) -> RefItem {
        RefItem::frob(place, &format!("Run it:\n{command}"))
    }

    /// What an import of `items` stores, as a second import loads it.
    fn stored(items: &[RefItem], dropped: &[u32]) -> HashMap<Key, Stored> {
        items
            .iter()
            .map(|i| {
                let r = &i.reference;
                let live = !dropped.contains(&r.example);
                let stored = Stored {
                    example: r.example,
                    tip: Some(i64::from(r.example) * 10),
                    question: None,
                    text: if live { i.text.clone() } else { String::new() },
                    answer: None,
                    tags: String::new(),
                    context: None,
                    revision: r.revision.clone(),
                    attribution: r.attribution.clone(),
                    live,
                };
                ((r.lang.clone(), r.page.clone(), r.example), stored)
            })
            .collect()
    }

    fn scope() -> Scope {
        Scope {
            source: Some(Source::Tldr),
            langs: vec!["en".into()],
            pages: vec!["common/".into()],
            keep: vec![],
        }
    }

    fn counts(plan: &Plan) -> (usize, usize, usize, usize) {
        let c = plan.report["en"];
        (c.added, c.changed, c.removed, c.unchanged)
    }

    /// `(tip, new number)` of each move.
    fn moves(plan: &Plan) -> Vec<(i64, u32)> {
        let mut out: Vec<(i64, u32)> = plan
            .moves
            .iter()
            .map(|(old, n)| (old.tip.unwrap_or_default(), *n))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn an_example_put_first_moves_the_others_down_unchanged() {
        let before = stored(&[item(1, "frob a"), item(2, "frob b")], &[]);
        let now = [item(1, "frob new"), item(2, "frob a"), item(3, "frob b")];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (1, 0, 0, 2));
        assert_eq!(moves(&plan), [(10, 2), (20, 3)]);
        assert!(matches!(plan.steps[..], [Step::Add(i)] if i.reference.example == 1));
    }

    #[test]
    fn swapped_examples_and_spaces_in_a_command_are_the_same_examples() {
        let before = stored(&[item(1, "frob a"), item(2, "frob  -x  b")], &[]);
        let now = [item(1, "frob -x b"), item(2, "frob a")];
        let plan = super::plan(&before, &scope(), &now);
        // Found again by the command; the spaces are a change of text.
        assert_eq!(counts(&plan), (0, 1, 0, 1));
        assert_eq!(moves(&plan), [(10, 2), (20, 1)]);
    }

    #[test]
    fn the_same_command_twice_pairs_by_place() {
        let before = stored(&[item(1, "frob"), item(2, "frob")], &[]);
        let now = [item(1, "frob"), item(2, "frob")];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (0, 0, 0, 2));
        assert!(plan.moves.is_empty() && plan.steps.is_empty());
    }

    #[test]
    fn a_dropped_example_makes_room_and_comes_back_at_its_place() {
        let before = stored(
            &[item(1, "frob a"), item(2, "frob b"), item(3, "frob c")],
            &[],
        );
        // b goes: c takes its place, b's tombstone a number after all.
        let now = [item(1, "frob a"), item(2, "frob c")];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (0, 0, 1, 2));
        assert_eq!(moves(&plan), [(20, 4), (30, 2)]);
        // c went, then comes back where it stood: the same item.
        let before = stored(
            &[item(1, "frob a"), item(2, "frob b"), item(3, "frob c")],
            &[3],
        );
        let now = [item(1, "frob a"), item(2, "frob b"), item(3, "frob c")];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (1, 0, 0, 2));
        assert!(matches!(plan.steps[..], [Step::Revive(old, _)] if old.tip == Some(30)));
    }

    fn described(place: u32, description: &str, command: &str) -> RefItem {
        RefItem {
            text: format!("{description}\n{command}"),
            ..item(place, command)
        }
    }

    #[test]
    fn a_changed_command_that_moved_is_found_by_its_description() {
        let before = stored(
            &[
                described(1, "Frob a file:", "frob a"),
                described(2, "Frob a folder:", "frob -r b"),
                described(3, "Show the version:", "frob -v"),
            ],
            &[],
        );
        // The folder example moves to the end with a new command; a new
        // example takes its place.
        let now = [
            described(1, "Frob a file:", "frob a"),
            described(2, "List frobs:", "frob --list"),
            described(3, "Show the version:", "frob -v"),
            described(4, "Frob a folder:", "frob --recursive b"),
        ];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (1, 1, 0, 2));
        assert_eq!(moves(&plan), [(20, 4)]);
        assert!(matches!(
            plan.steps[..],
            [Step::Add(new), Step::Change(old, changed)]
                if new.reference.example == 2 && old.tip == Some(20)
                    && changed.reference.example == 4
        ));
        // Description and command both new: that is another example.
        let now = [
            described(1, "Frob a file:", "frob a"),
            described(2, "Show the version:", "frob -v"),
            described(3, "Frob a tree:", "frob --recursive b"),
        ];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (1, 0, 1, 2));
    }

    #[test]
    fn a_changed_command_where_one_stood_is_a_change() {
        let before = stored(&[item(1, "frob a"), item(2, "frob b")], &[]);
        let now = [item(1, "frob a"), item(2, "frob --bee")];
        let plan = super::plan(&before, &scope(), &now);
        assert_eq!(counts(&plan), (0, 1, 0, 1));
        assert!(plan.moves.is_empty());
    }
}
