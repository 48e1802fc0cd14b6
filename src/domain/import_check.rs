//! The import validator: which items of a backup may be stored, and why the
//! others may not.
//!
//! Every item of an `export` document is checked on its own against the
//! rules `add` applies (limits, tidy tags, one-line fields) and, for every
//! text field of every table (found by walking the item's JSON, so a field
//! added later is covered too), against the one cleaning function: a text
//! that [`text::sanitize`] would change is refused, never silently altered.
//! A rejected item takes the items that hang on it along (the answers of a
//! question are part of it; progress on a rejected lesson goes with it).
//! No SQL here: the store writes what this lets through.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use super::text;
use super::validate::{self, MAX_ANSWER_CHARS, MAX_LEARNED_CHARS, MAX_TIP_CHARS};
use super::{Backup, ItemId, Kind, lesson};

/// One item that will not be stored, named so a person can find it in the
/// file: `t212: context "Kubectl" is not lower-case`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub item: String,
    pub reason: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The item name and reason may quote the file: cleaned for the terminal.
        write!(
            f,
            "{}: {}",
            text::one_line(&self.item),
            text::one_line(&self.reason)
        )
    }
}

/// Splits `b` into the items that pass every check and those that do not.
/// `known` are the handles of people already in the target database (empty
/// for a restore into a new one): references to them are fine too.
pub fn check(b: &Backup, known: &HashSet<String>) -> (Backup, Vec<Rejected>) {
    let mut rejected = Vec::new();
    let mut reject = |item: String, reason: String| rejected.push(Rejected { item, reason });
    let mut out = Backup {
        format: b.format.clone(),
        version: b.version,
        persons: Vec::new(),
        lessons: Vec::new(),
        questions: Vec::new(),
        tips: Vec::new(),
        learned: Vec::new(),
        lessons_done: Vec::new(),
        card_states: Vec::new(),
        reviews: Vec::new(),
        pins: Vec::new(),
    };

    let mut handles: HashSet<String> = known.clone();
    for p in &b.persons {
        let name = format!("person {:?}", p.handle);
        match person(p).and_then(|()| clean(p)) {
            Ok(()) if handles.insert(p.handle.clone()) => out.persons.push(p.clone()),
            Ok(()) if known.contains(&p.handle) => out.persons.push(p.clone()),
            Ok(()) => reject(name, "appears twice".into()),
            Err(reason) => reject(name, reason),
        }
    }
    let who = |h: &str| -> Result<(), String> {
        if handles.contains(h) {
            Ok(())
        } else {
            Err(format!("unknown person {h:?}"))
        }
    };

    let mut ids: HashSet<ItemId> = HashSet::new();
    let mut once = |id: ItemId, kind: Kind| -> Result<(), String> {
        if id.kind != kind {
            return Err(format!("listed among the {}s", kind.name()));
        }
        if !ids.insert(id) {
            return Err("appears twice".into());
        }
        Ok(())
    };
    let mut slugs: HashSet<&str> = HashSet::new();
    for l in &b.lessons {
        let verdict = once(l.id, Kind::Lesson)
            .and_then(|()| lesson_ok(l))
            .and_then(|()| clean(l))
            .and_then(|()| {
                if slugs.insert(&l.slug) {
                    Ok(())
                } else {
                    Err(format!("slug {:?} appears twice", l.slug))
                }
            });
        match verdict {
            Ok(()) => out.lessons.push(l.clone()),
            Err(reason) => reject(l.id.to_string(), reason),
        }
    }
    for q in &b.questions {
        let verdict = once(q.id, Kind::Question)
            .and_then(|()| q.author.as_deref().map_or(Ok(()), who))
            .and_then(|()| question_ok(q, &who))
            .and_then(|()| clean(q));
        match verdict {
            Ok(()) => out.questions.push(q.clone()),
            Err(reason) => reject(q.id.to_string(), reason),
        }
    }
    for t in &b.tips {
        let verdict = once(t.id, Kind::Tip)
            .and_then(|()| who(&t.author))
            .and_then(|()| tags_same(&t.tags))
            .and_then(|()| context_same(t.context.as_deref()))
            .and_then(|()| match t.deleted_at {
                Some(_) => tombstone(&[&t.text]),
                None => same(&t.text, validate::text("tip", &t.text, MAX_TIP_CHARS)),
            })
            .and_then(|()| t.votes.iter().try_for_each(|v| who(&v.person)))
            .and_then(|()| clean(t));
        match verdict {
            Ok(()) => out.tips.push(t.clone()),
            Err(reason) => reject(t.id.to_string(), reason),
        }
    }
    for l in &b.learned {
        let verdict = once(l.id, Kind::Learned)
            .and_then(|()| who(&l.author))
            .and_then(|()| tags_same(&l.tags))
            .and_then(|()| match l.deleted_at {
                Some(_) => tombstone(&[&l.text]),
                None => same(
                    &l.text,
                    validate::text("learned", &l.text, MAX_LEARNED_CHARS),
                ),
            })
            .and_then(|()| clean(l));
        match verdict {
            Ok(()) => out.learned.push(l.clone()),
            Err(reason) => reject(l.id.to_string(), reason),
        }
    }

    // Progress refers to lessons and tips of this file that were accepted.
    let lessons: HashSet<ItemId> = out.lessons.iter().map(|l| l.id).collect();
    let tips: HashSet<ItemId> = out.tips.iter().map(|t| t.id).collect();
    let card_ok = |card: &str| -> Result<(), String> {
        match parse_card(card) {
            Some(id) if lessons.contains(&id) || tips.contains(&id) => Ok(()),
            Some(id) => Err(format!("{id} is not in this file (or was rejected)")),
            None => Err(format!("card {card:?} is not like l3#1 or t7")),
        }
    };
    for d in &b.lessons_done {
        let verdict = who(&d.person)
            .and_then(|()| {
                if lessons.contains(&d.lesson) {
                    Ok(())
                } else {
                    Err(format!(
                        "{} is not in this file (or was rejected)",
                        d.lesson
                    ))
                }
            })
            .and_then(|()| match &d.reflection {
                Some(r) => same(
                    r,
                    validate::line("reflection", r, validate::MAX_REFLECTION_CHARS),
                ),
                None => Ok(()),
            })
            .and_then(|()| clean(d));
        match verdict {
            Ok(()) => out.lessons_done.push(d.clone()),
            Err(reason) => reject(format!("{} done by {:?}", d.lesson, d.person), reason),
        }
    }
    let mut states: HashSet<(&str, &str)> = HashSet::new();
    for c in &b.card_states {
        let verdict = who(&c.person)
            .and_then(|()| card_ok(&c.card))
            .and_then(|()| {
                let finite = [c.stability, c.difficulty].iter().all(|x| x.is_finite());
                if finite {
                    Ok(())
                } else {
                    Err("stability and difficulty must be numbers".into())
                }
            })
            .and_then(|()| {
                if states.insert((&c.person, &c.card)) {
                    Ok(())
                } else {
                    Err("appears twice".into())
                }
            })
            .and_then(|()| clean(c));
        match verdict {
            Ok(()) => out.card_states.push(c.clone()),
            Err(reason) => reject(format!("card {} of {:?}", c.card, c.person), reason),
        }
    }
    for r in &b.reviews {
        let verdict = who(&r.person)
            .and_then(|()| card_ok(&r.card))
            .and_then(|()| {
                if (1..=4).contains(&r.rating) {
                    Ok(())
                } else {
                    Err(format!("rating {} is not 1-4", r.rating))
                }
            })
            .and_then(|()| clean(r));
        match verdict {
            Ok(()) => out.reviews.push(r.clone()),
            Err(reason) => reject(format!("a review of {} by {:?}", r.card, r.person), reason),
        }
    }
    let mut pinned: HashSet<&str> = HashSet::new();
    for p in &b.pins {
        let verdict = who(&p.person)
            .and_then(|()| {
                if p.hash.starts_with("$argon2id$") {
                    Ok(())
                } else {
                    Err("not an argon2id hash".into())
                }
            })
            .and_then(|()| {
                if pinned.insert(&p.person) {
                    Ok(())
                } else {
                    Err("appears twice".into())
                }
            })
            .and_then(|()| clean(p));
        match verdict {
            Ok(()) => out.pins.push(p.clone()),
            Err(reason) => reject(format!("the kiosk PIN of {:?}", p.person), reason),
        }
    }
    (out, rejected)
}

/// `l3#1` (card 1 of lesson l3) or `t7` (a remembered tip): the item it is on.
pub fn parse_card(card: &str) -> Option<ItemId> {
    let (item, ord) = match card.split_once('#') {
        Some((item, ord)) => (item, Some(ord)),
        None => (card, None),
    };
    let id: ItemId = item.parse().ok()?;
    if id.to_string() != item {
        return None;
    }
    match (id.kind, ord) {
        (Kind::Lesson, Some(ord)) => {
            let n: u32 = ord.parse().ok()?;
            (n >= 1 && n.to_string() == ord).then_some(id)
        }
        (Kind::Tip, None) => Some(id),
        _ => None,
    }
}

/// Every text in `item`, at any depth, is as the cleaning function leaves it.
fn clean<T: Serialize>(item: &T) -> Result<(), String> {
    let value = serde_json::to_value(item).map_err(|e| e.to_string())?;
    match dirty(&value, "") {
        Some(field) => Err(format!(
            "{field} contains control characters or escape sequences"
        )),
        None => Ok(()),
    }
}

/// The name of the first field whose text is not clean.
fn dirty(value: &serde_json::Value, field: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if !text::is_clean(s) => Some(field.to_string()),
        Value::Array(items) => items.iter().find_map(|v| dirty(v, field)),
        Value::Object(map) => map.iter().find_map(|(k, v)| dirty(v, k)),
        _ => None,
    }
}

fn person(p: &super::Person) -> Result<(), String> {
    same(&p.handle, validate::handle(&p.handle))?;
    same(
        &p.name,
        validate::line("name", &p.name, validate::MAX_NAME_CHARS),
    )?;
    tags_same(&p.wants)?;
    tags_same(&p.offers)?;
    match &p.lang {
        Some(lang) if !lesson::LANGS.contains(&lang.as_str()) => Err(format!(
            "language {lang:?} is not one of {:?}",
            lesson::LANGS
        )),
        _ => Ok(()),
    }
}

fn lesson_ok(l: &super::Lesson) -> Result<(), String> {
    tags_same(&l.tags)?;
    same(
        &l.title,
        validate::line("lesson title", &l.title, validate::MAX_TITLE_CHARS),
    )?;
    same(
        &l.slug,
        validate::line("lesson slug", &l.slug, validate::MAX_TITLE_CHARS),
    )?;
    if !lesson::LANGS.contains(&l.lang.as_str()) {
        return Err(format!(
            "language {:?} is not one of {:?}",
            l.lang,
            lesson::LANGS
        ));
    }
    if !(1..=10).contains(&l.minutes) {
        return Err(format!("minutes must be 1 to 10, not {}", l.minutes));
    }
    if l.body.len() > lesson::MAX_LESSON_BYTES {
        return Err(format!(
            "the body is longer than {} bytes",
            lesson::MAX_LESSON_BYTES
        ));
    }
    if text::multi_line(&l.body) != l.body {
        return Err("the body has control characters or untidy space".into());
    }
    for c in &l.cards {
        same(&c.question, Ok(text::one_line(&c.question)))?;
        same(&c.answer, Ok(text::one_line(&c.answer)))?;
        if c.question.is_empty() || c.answer.is_empty() {
            return Err("a card has an empty question or answer".into());
        }
    }
    Ok(())
}

fn question_ok(
    q: &super::Question,
    who: &dyn Fn(&str) -> Result<(), String>,
) -> Result<(), String> {
    tags_same(&q.tags)?;
    context_same(q.context.as_deref())?;
    if q.deleted_at.is_some() {
        tombstone(&[&q.title, &q.body])?;
    } else {
        let text = if q.body.is_empty() {
            q.title.clone()
        } else {
            format!("{}\n{}", q.title, q.body)
        };
        let (title, body) = validate::question_text(&text).map_err(|e| e.to_string())?;
        same(&q.title, Ok(title))?;
        same(&q.body, Ok(body))?;
    }
    let mut answers = HashSet::new();
    for a in &q.answers {
        who(&a.author).map_err(|e| format!("answer {}: {e}", a.id))?;
        match a.deleted_at {
            Some(_) => tombstone(&[&a.body]),
            None => same(&a.body, validate::text("answer", &a.body, MAX_ANSWER_CHARS)),
        }
        .map_err(|e| format!("answer {}: {e}", a.id))?;
        if !answers.insert(a.id) {
            return Err(format!("answer {} appears twice", a.id));
        }
    }
    let mut backings = HashSet::new();
    for bk in &q.backings {
        who(&bk.person)?;
        if !backings.insert((&bk.person, bk.kind.name())) {
            return Err(format!(
                "{:?} backs it twice as {}",
                bk.person,
                bk.kind.name()
            ));
        }
        match (bk.kind, bk.minutes) {
            (super::BackingKind::Pledge, Some(m)) => {
                validate::pledge_minutes(m).map_err(|e| e.to_string())?;
            }
            (super::BackingKind::Pledge, None) => return Err("a pledge without minutes".into()),
            (_, Some(_)) => return Err("minutes on a backing that is not a pledge".into()),
            (_, None) => {}
        }
    }
    Ok(())
}

/// A deleted post keeps no text: a file that says otherwise was edited.
fn tombstone(texts: &[&str]) -> Result<(), String> {
    if texts.iter().all(|t| t.is_empty()) {
        Ok(())
    } else {
        Err("deleted but still has text".into())
    }
}

/// The stored text must be exactly what `add` would have made of it.
fn same(raw: &str, clean: Result<String, super::ValidationError>) -> Result<(), String> {
    match clean {
        Ok(c) if c == raw => Ok(()),
        Ok(_) => Err(format!(
            "{:?} contains control characters or untidy space",
            shorten(raw)
        )),
        Err(e) => Err(e.to_string()),
    }
}

fn shorten(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Tags as `add` would store them: valid, lower-case, no duplicates.
fn tags_same(tags: &[String]) -> Result<(), String> {
    match validate::tags(tags) {
        Ok(t) if t == tags => Ok(()),
        Ok(_) => Err(format!("untidy tags {tags:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// A context as `add` would store it: one clean, lower-case line.
fn context_same(context: Option<&str>) -> Result<(), String> {
    let clean = validate::optional_line("context", context, validate::MAX_CONTEXT_CHARS)
        .map_err(|e| e.to_string())?
        .map(|c| c.to_lowercase());
    if clean.as_deref() == context {
        Ok(())
    } else {
        Err(format!(
            "context {context:?} is untidy (one lower-case line)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_parse_strictly() {
        assert_eq!(parse_card("l3#1"), Some(ItemId::new(Kind::Lesson, 3)));
        assert_eq!(parse_card("t7"), Some(ItemId::new(Kind::Tip, 7)));
        for bad in [
            "l3", "l3#0", "l3#01", "t7#1", "q1#1", "L3#1", "l3#x", "", "#",
        ] {
            assert_eq!(parse_card(bad), None, "{bad:?}");
        }
    }
}
