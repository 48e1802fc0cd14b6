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
use super::{BackingKind, Backup, ItemId, Kind, ValidationError, lesson};

/// One item that will not be stored, named so a person can find it in the
/// file: `t212: context "Kubectl" is untidy`. Data, not words: `Display`
/// gives the English, `i18n::rejected` the person's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub item: What,
    pub reason: Reason,
}

/// Which entry of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    Item(ItemId),
    Person(String),
    /// A lesson done by a person.
    Done {
        lesson: ItemId,
        person: String,
    },
    /// A person's review card state.
    Card {
        card: String,
        person: String,
    },
    /// One review of a card.
    Review {
        card: String,
        person: String,
    },
    /// A person's kiosk PIN.
    Pin(String),
}

/// Why it is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A rule `add` applies (limits, tags, ids).
    Invalid(ValidationError),
    /// A text (shortened) that is not as `add` would store it.
    Untidy(String),
    /// The field whose text holds control characters or escape sequences.
    Dirty(String),
    Twice,
    SlugTwice(String),
    UnknownPerson(String),
    /// Listed among the items of another kind.
    WrongList(Kind),
    Lang(String),
    Minutes(u32),
    BodyTooLong(usize),
    BodyUntidy,
    EmptyCard,
    UntidyTags(Vec<String>),
    UntidyContext(Option<String>),
    /// Deleted, but still with text.
    Tombstone,
    /// Refers to an item that is not in the file, or was rejected.
    NotInFile(ItemId),
    CardShape(String),
    NotFinite,
    Rating(u8),
    NotArgon,
    AnswerTwice(i64),
    BacksTwice {
        person: String,
        kind: BackingKind,
    },
    PledgeWithoutMinutes,
    MinutesNotPledge,
    /// About one answer of a question.
    Answer(i64, Box<Reason>),
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Item(id) => write!(f, "{id}"),
            What::Person(h) => write!(f, "person {h:?}"),
            What::Done { lesson, person } => write!(f, "{lesson} done by {person:?}"),
            What::Card { card, person } => write!(f, "card {card} of {person:?}"),
            What::Review { card, person } => write!(f, "a review of {card} by {person:?}"),
            What::Pin(p) => write!(f, "the kiosk PIN of {p:?}"),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Invalid(e) => write!(f, "{e}"),
            Reason::Untidy(t) => write!(f, "{t:?} contains control characters or untidy space"),
            Reason::Dirty(field) => {
                write!(f, "{field} contains control characters or escape sequences")
            }
            Reason::Twice => f.write_str("appears twice"),
            Reason::SlugTwice(s) => write!(f, "slug {s:?} appears twice"),
            Reason::UnknownPerson(h) => write!(f, "unknown person {h:?}"),
            Reason::WrongList(k) => write!(f, "listed among the {}s", k.name()),
            Reason::Lang(l) => write!(f, "language {l:?} is not one of {:?}", lesson::LANGS),
            Reason::Minutes(m) => write!(f, "minutes must be 1 to 10, not {m}"),
            Reason::BodyTooLong(max) => write!(f, "the body is longer than {max} bytes"),
            Reason::BodyUntidy => f.write_str("the body has control characters or untidy space"),
            Reason::EmptyCard => f.write_str("a card has an empty question or answer"),
            Reason::UntidyTags(t) => write!(f, "untidy tags {t:?}"),
            Reason::UntidyContext(c) => write!(
                f,
                "context {} is untidy (one lower-case line)",
                c.as_deref().map_or_else(String::new, |c| format!("{c:?}"))
            ),
            Reason::Tombstone => f.write_str("deleted but still has text"),
            Reason::NotInFile(id) => write!(f, "{id} is not in this file (or was rejected)"),
            Reason::CardShape(c) => write!(f, "card {c:?} is not like l3#1 or t7"),
            Reason::NotFinite => f.write_str("stability and difficulty must be numbers"),
            Reason::Rating(r) => write!(f, "rating {r} is not 1-4"),
            Reason::NotArgon => f.write_str("not an argon2id hash"),
            Reason::AnswerTwice(n) => write!(f, "answer {n} appears twice"),
            Reason::BacksTwice { person, kind } => {
                write!(f, "{person:?} backs it twice as {}", kind.name())
            }
            Reason::PledgeWithoutMinutes => f.write_str("a pledge without minutes"),
            Reason::MinutesNotPledge => f.write_str("minutes on a backing that is not a pledge"),
            Reason::Answer(n, r) => write!(f, "answer {n}: {r}"),
        }
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The item name and reason may quote the file: cleaned for the terminal.
        write!(
            f,
            "{}: {}",
            text::one_line(&self.item.to_string()),
            text::one_line(&self.reason.to_string())
        )
    }
}

/// Splits `b` into the items that pass every check and those that do not.
/// `known` are the handles of people already in the target database (empty
/// for a restore into a new one): references to them are fine too.
pub fn check(b: &Backup, known: &HashSet<String>) -> (Backup, Vec<Rejected>) {
    let mut rejected = Vec::new();
    let mut reject = |item: What, reason: Reason| rejected.push(Rejected { item, reason });
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
        // Checked by the restore that writes them (store/sqlite/wishes.rs);
        // `import --merge` does not bring budgets over.
        budgets: b.budgets.clone(),
    };

    let mut handles: HashSet<String> = known.clone();
    for p in &b.persons {
        let name = What::Person(p.handle.clone());
        match person(p).and_then(|()| clean(p)) {
            Ok(()) if handles.insert(p.handle.clone()) => out.persons.push(p.clone()),
            Ok(()) if known.contains(&p.handle) => out.persons.push(p.clone()),
            Ok(()) => reject(name, Reason::Twice),
            Err(reason) => reject(name, reason),
        }
    }
    let who = |h: &str| -> Result<(), Reason> {
        if handles.contains(h) {
            Ok(())
        } else {
            Err(Reason::UnknownPerson(h.to_string()))
        }
    };

    let mut ids: HashSet<ItemId> = HashSet::new();
    let mut once = |id: ItemId, kind: Kind| -> Result<(), Reason> {
        if id.kind != kind {
            return Err(Reason::WrongList(kind));
        }
        if !ids.insert(id) {
            return Err(Reason::Twice);
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
                    Err(Reason::SlugTwice(l.slug.clone()))
                }
            });
        match verdict {
            Ok(()) => out.lessons.push(l.clone()),
            Err(reason) => reject(What::Item(l.id), reason),
        }
    }
    for q in &b.questions {
        let verdict = once(q.id, Kind::Question)
            .and_then(|()| q.author.as_deref().map_or(Ok(()), who))
            .and_then(|()| question_ok(q, &who))
            .and_then(|()| clean(q));
        match verdict {
            Ok(()) => out.questions.push(q.clone()),
            Err(reason) => reject(What::Item(q.id), reason),
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
            Err(reason) => reject(What::Item(t.id), reason),
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
            Err(reason) => reject(What::Item(l.id), reason),
        }
    }

    // Progress refers to lessons and tips of this file that were accepted.
    let lessons: HashSet<ItemId> = out.lessons.iter().map(|l| l.id).collect();
    let tips: HashSet<ItemId> = out.tips.iter().map(|t| t.id).collect();
    let card_ok = |card: &str| -> Result<(), Reason> {
        match parse_card(card) {
            Some(id) if lessons.contains(&id) || tips.contains(&id) => Ok(()),
            Some(id) => Err(Reason::NotInFile(id)),
            None => Err(Reason::CardShape(card.to_string())),
        }
    };
    for d in &b.lessons_done {
        let verdict = who(&d.person)
            .and_then(|()| {
                if lessons.contains(&d.lesson) {
                    Ok(())
                } else {
                    Err(Reason::NotInFile(d.lesson))
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
            Err(reason) => reject(
                What::Done {
                    lesson: d.lesson,
                    person: d.person.clone(),
                },
                reason,
            ),
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
                    Err(Reason::NotFinite)
                }
            })
            .and_then(|()| {
                if states.insert((&c.person, &c.card)) {
                    Ok(())
                } else {
                    Err(Reason::Twice)
                }
            })
            .and_then(|()| clean(c));
        match verdict {
            Ok(()) => out.card_states.push(c.clone()),
            Err(reason) => reject(
                What::Card {
                    card: c.card.clone(),
                    person: c.person.clone(),
                },
                reason,
            ),
        }
    }
    for r in &b.reviews {
        let verdict = who(&r.person)
            .and_then(|()| card_ok(&r.card))
            .and_then(|()| {
                if (1..=4).contains(&r.rating) {
                    Ok(())
                } else {
                    Err(Reason::Rating(r.rating))
                }
            })
            .and_then(|()| clean(r));
        match verdict {
            Ok(()) => out.reviews.push(r.clone()),
            Err(reason) => reject(
                What::Review {
                    card: r.card.clone(),
                    person: r.person.clone(),
                },
                reason,
            ),
        }
    }
    let mut pinned: HashSet<&str> = HashSet::new();
    for p in &b.pins {
        let verdict = who(&p.person)
            .and_then(|()| {
                if p.hash.starts_with("$argon2id$") {
                    Ok(())
                } else {
                    Err(Reason::NotArgon)
                }
            })
            .and_then(|()| {
                if pinned.insert(&p.person) {
                    Ok(())
                } else {
                    Err(Reason::Twice)
                }
            })
            .and_then(|()| clean(p));
        match verdict {
            Ok(()) => out.pins.push(p.clone()),
            Err(reason) => reject(What::Pin(p.person.clone()), reason),
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
fn clean<T: Serialize>(item: &T) -> Result<(), Reason> {
    // Every item of a parsed backup serialises; if one ever did not, it
    // is refused as unreadable rather than let through unchecked.
    let value = serde_json::to_value(item).map_err(|_| Reason::Dirty(String::new()))?;
    match dirty(&value, "") {
        Some(field) => Err(Reason::Dirty(field)),
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

fn person(p: &super::Person) -> Result<(), Reason> {
    same(&p.handle, validate::handle(&p.handle))?;
    same(
        &p.name,
        validate::line("name", &p.name, validate::MAX_NAME_CHARS),
    )?;
    tags_same(&p.wants)?;
    tags_same(&p.offers)?;
    match &p.lang {
        Some(lang) if !lesson::LANGS.contains(&lang.as_str()) => Err(Reason::Lang(lang.clone())),
        _ => Ok(()),
    }
}

fn lesson_ok(l: &super::Lesson) -> Result<(), Reason> {
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
        return Err(Reason::Lang(l.lang.clone()));
    }
    if !(1..=10).contains(&l.minutes) {
        return Err(Reason::Minutes(l.minutes));
    }
    if l.body.len() > lesson::MAX_LESSON_BYTES {
        return Err(Reason::BodyTooLong(lesson::MAX_LESSON_BYTES));
    }
    if text::multi_line(&l.body) != l.body {
        return Err(Reason::BodyUntidy);
    }
    for c in &l.cards {
        same(&c.question, Ok(text::one_line(&c.question)))?;
        same(&c.answer, Ok(text::one_line(&c.answer)))?;
        if c.question.is_empty() || c.answer.is_empty() {
            return Err(Reason::EmptyCard);
        }
    }
    Ok(())
}

fn question_ok(
    q: &super::Question,
    who: &dyn Fn(&str) -> Result<(), Reason>,
) -> Result<(), Reason> {
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
        let (title, body) = validate::question_text(&text).map_err(Reason::Invalid)?;
        same(&q.title, Ok(title))?;
        same(&q.body, Ok(body))?;
    }
    let mut answers = HashSet::new();
    for a in &q.answers {
        who(&a.author).map_err(|e| Reason::Answer(a.id, Box::new(e)))?;
        match a.deleted_at {
            Some(_) => tombstone(&[&a.body]),
            None => same(&a.body, validate::text("answer", &a.body, MAX_ANSWER_CHARS)),
        }
        .map_err(|e| Reason::Answer(a.id, Box::new(e)))?;
        if !answers.insert(a.id) {
            return Err(Reason::AnswerTwice(a.id));
        }
    }
    let mut backings = HashSet::new();
    for bk in &q.backings {
        who(&bk.person)?;
        if !backings.insert((&bk.person, bk.kind.name())) {
            return Err(Reason::BacksTwice {
                person: bk.person.clone(),
                kind: bk.kind,
            });
        }
        match (bk.kind, bk.minutes) {
            (BackingKind::Pledge, Some(m)) => {
                validate::pledge_minutes(m).map_err(Reason::Invalid)?;
            }
            (BackingKind::Pledge, None) => return Err(Reason::PledgeWithoutMinutes),
            (_, Some(_)) => return Err(Reason::MinutesNotPledge),
            (_, None) => {}
        }
    }
    Ok(())
}

/// A deleted post keeps no text: a file that says otherwise was edited.
fn tombstone(texts: &[&str]) -> Result<(), Reason> {
    if texts.iter().all(|t| t.is_empty()) {
        Ok(())
    } else {
        Err(Reason::Tombstone)
    }
}

/// The stored text must be exactly what `add` would have made of it.
fn same(raw: &str, clean: Result<String, ValidationError>) -> Result<(), Reason> {
    match clean {
        Ok(c) if c == raw => Ok(()),
        Ok(_) => Err(Reason::Untidy(shorten(raw))),
        Err(e) => Err(Reason::Invalid(e)),
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
fn tags_same(tags: &[String]) -> Result<(), Reason> {
    match validate::tags(tags) {
        Ok(t) if t == tags => Ok(()),
        Ok(_) => Err(Reason::UntidyTags(tags.to_vec())),
        Err(e) => Err(Reason::Invalid(e)),
    }
}

/// A context as `add` would store it: one clean, lower-case line.
fn context_same(context: Option<&str>) -> Result<(), Reason> {
    let clean = validate::optional_line("context", context, validate::MAX_CONTEXT_CHARS)
        .map_err(Reason::Invalid)?
        .map(|c| c.to_lowercase());
    if clean.as_deref() == context {
        Ok(())
    } else {
        Err(Reason::UntidyContext(context.map(str::to_string)))
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
