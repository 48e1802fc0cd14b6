//! What reads share on every backend: which rows of a kind to load, the
//! columns each kind is read with and how a row of them becomes a domain
//! value (against [`Cols`], so once for both backends), and how items of
//! several kinds come together into one item, a list, or a backup. Each
//! backend writes only its SQL, behind [`Reads`].

use super::rows::Cols;
use std::collections::HashMap;

use super::{ListQuery, NewAnswer, Result, SearchDoc, StoreError};
use crate::domain::reference::{Reference, Source};
use crate::domain::srs::Phase;
use crate::domain::{
    Answer, Backing, BackingKind, Backup, Brought, Card, CardState, Item, ItemId, Kind, Learned,
    Lesson, LessonDone, Person, PersonPin, Question, Review, Tip, Visibility, Vote,
};

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
    /// Imported know-how left out ([`ListQuery::no_knowhow`]).
    pub no_knowhow: bool,
}

impl Filter<'_> {
    /// `r.source IS NULL AND` when imported know-how is left out: for the
    /// tip and question queries, which join `reference r`.
    pub fn own_only(&self) -> &'static str {
        if self.no_knowhow {
            "r.source IS NULL AND"
        } else {
            ""
        }
    }
}

/// ` AND` the tip or question (`table`) was imported by nobody, when `q`
/// leaves imported know-how out: for counts, which join nothing.
pub fn own_only_count(q: &ListQuery, table: &str) -> String {
    if q.no_knowhow {
        format!(" AND NOT EXISTS (SELECT 1 FROM reference r WHERE r.{table}_id = {table}.id)")
    } else {
        String::new()
    }
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

/// The reads each backend writes in its own SQL; one item, a list and a
/// backup are put together from them here, the same on every backend.
pub trait Reads {
    fn persons(&mut self) -> Result<Vec<Person>>;
    fn lessons(&mut self, f: &Filter) -> Result<Vec<Lesson>>;
    fn questions(&mut self, f: &Filter) -> Result<Vec<Question>>;
    fn tips(&mut self, f: &Filter) -> Result<Vec<Tip>>;
    fn learned(&mut self, f: &Filter) -> Result<Vec<Learned>>;
    /// Everyone's (`None`, for backups) or one person's.
    fn lessons_done(&mut self, person: Option<&str>) -> Result<Vec<LessonDone>>;
    /// Everyone's (`None`, for backups) or one person's.
    fn card_states(&mut self, person: Option<&str>) -> Result<Vec<CardState>>;
    fn reviews(&mut self) -> Result<Vec<Review>>;
    fn pins(&mut self) -> Result<Vec<PersonPin>>;
}

/// Loads items of one kind as [`Item`]s: the one place rows of any kind
/// become items.
pub fn items(r: &mut impl Reads, kind: Kind, f: &Filter) -> Result<Vec<Item>> {
    Ok(match kind {
        Kind::Lesson => r.lessons(f)?.into_iter().map(Item::Lesson).collect(),
        Kind::Question => r.questions(f)?.into_iter().map(Item::Question).collect(),
        Kind::Tip => r.tips(f)?.into_iter().map(Item::Tip).collect(),
        Kind::Learned => r.learned(f)?.into_iter().map(Item::Learned).collect(),
    })
}

pub fn get(r: &mut impl Reads, id: ItemId, viewer: &str) -> Result<Item> {
    let f = Filter {
        id: Some(id.num),
        viewer: Some(viewer),
        ..Filter::default()
    };
    items(r, id.kind, &f)?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound(id))
}

pub fn list(r: &mut impl Reads, q: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
    let f = Filter {
        tag: q.tag.as_deref(),
        viewer: Some(viewer),
        limit: Some(q.limit),
        no_knowhow: q.no_knowhow,
        ..Filter::default()
    };
    let mut all = Vec::new();
    for kind in q.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
        all.extend(items(r, kind, &f)?);
    }
    Ok(newest_first(all, q.limit))
}

/// Everything, oldest first, deleted posts as tombstones: `export`.
pub fn export(r: &mut impl Reads) -> Result<Backup> {
    let all = Filter {
        oldest_first: true,
        tombstones: true,
        ..Filter::default()
    };
    Ok(Backup {
        format: Backup::FORMAT.to_string(),
        version: Backup::VERSION,
        persons: r.persons()?,
        lessons: r.lessons(&all)?,
        questions: r.questions(&all)?,
        tips: r.tips(&all)?,
        learned: r.learned(&all)?,
        lessons_done: r.lessons_done(None)?,
        card_states: r.card_states(None)?,
        reviews: r.reviews()?,
        pins: r.pins()?,
        // Filled in by a backend that keeps budgets.
        budgets: Default::default(),
    })
}

// The columns each kind is read with, in the order the conversions below
// take them. Plain SQL both backends read alike; the rest of each query
// (placeholders, collation, filters) stays in the backend.

/// `(SELECT name …)`: people are shown by the name colleagues know them by.
macro_rules! name_of {
    ($table:literal, $column:literal) => {
        concat!(
            "coalesce((SELECT p.name FROM person p WHERE p.handle = ",
            $table,
            ".",
            $column,
            "), ",
            $table,
            ".",
            $column,
            ")"
        )
    };
}

pub const PERSON_COLUMNS: &str = "handle, name, wants, offers, lang, created_at";
pub const LESSON_COLUMNS: &str =
    "id, slug, title, tags, minutes, lang, body, created_at, updated_at";
pub const QUESTION_COLUMNS: &str = concat!(
    "id, author, title, body, tags, context, created_at, ",
    name_of!("question", "author"),
    ", edited_at, deleted_at"
);
pub const ANSWER_COLUMNS: &str = concat!(
    "id, author, body, accepted, created_at, ",
    name_of!("answer", "author"),
    ", edited_at, deleted_at"
);
pub const BACKING_COLUMNS: &str = concat!(
    "person, kind, minutes, helped, created_at, ",
    name_of!("backing", "person")
);
pub const TIP_COLUMNS: &str = concat!(
    "id, author, text, tags, context, created_at, ",
    name_of!("tip", "author"),
    ", edited_at, deleted_at"
);
pub const VOTE_COLUMNS: &str = concat!("person, created_at, ", name_of!("vote", "person"));
pub const LEARNED_COLUMNS: &str = concat!(
    "id, author, text, tags, visibility, created_at, ",
    name_of!("learned", "author"),
    ", edited_at, deleted_at"
);
pub const LESSON_DONE_COLUMNS: &str = "person, lesson_id, done_at, reflection, brought";
pub const CARD_COLUMNS: &str =
    "person, card, stability, difficulty, due, last_review, reps, lapses, phase, scheduled_days";
pub const REVIEW_COLUMNS: &str = "person, card, reviewed_at, rating";
pub const PIN_COLUMNS: &str = "handle, hash, set_at";

pub fn person(r: &impl Cols) -> Result<Person> {
    Ok(Person {
        handle: r.text(0)?,
        name: r.text(1)?,
        wants: r.tags(2)?,
        offers: r.tags(3)?,
        lang: r.opt_text(4)?,
        created_at: r.time(5)?,
    })
}

/// A lesson without its cards (read apart, per lesson).
pub fn lesson(r: &impl Cols) -> Result<Lesson> {
    Ok(Lesson {
        id: ItemId::new(Kind::Lesson, r.int(0)?),
        slug: r.text(1)?,
        title: r.text(2)?,
        tags: r.tags(3)?,
        minutes: u32::try_from(r.int(4)?).unwrap_or(0),
        lang: r.text(5)?,
        body: r.text(6)?,
        cards: Vec::new(),
        created_at: r.time(7)?,
        updated_at: r.time(8)?,
    })
}

pub fn card(r: &impl Cols) -> Result<Card> {
    Ok(Card {
        question: r.text(0)?,
        answer: r.text(1)?,
    })
}

/// A question without its answers and backings (read apart): its
/// `QUESTION_COLUMNS`, then the `REFERENCE_COLUMNS` of its know-how
/// reference (a left join: all null for a colleague's).
pub fn question(r: &impl Cols) -> Result<Question> {
    Ok(Question {
        id: ItemId::new(Kind::Question, r.int(0)?),
        author: r.opt_text(1)?,
        author_name: r.opt_text(7)?,
        title: r.text(2)?,
        body: r.text(3)?,
        tags: r.tags(4)?,
        context: r.opt_text(5)?,
        created_at: r.time(6)?,
        edited_at: r.opt_time(8)?,
        deleted_at: r.opt_time(9)?,
        answers: Vec::new(),
        backings: Vec::new(),
        reference: reference(r, 10)?,
    })
}

pub fn answer(r: &impl Cols) -> Result<Answer> {
    Ok(Answer {
        id: r.int(0)?,
        author: r.text(1)?,
        author_name: r.text(5)?,
        body: r.text(2)?,
        accepted: r.flag(3)?,
        created_at: r.time(4)?,
        edited_at: r.opt_time(6)?,
        deleted_at: r.opt_time(7)?,
    })
}

pub fn backing(r: &impl Cols) -> Result<Backing> {
    Ok(Backing {
        person: r.text(0)?,
        person_name: r.text(5)?,
        // The CHECK constraint admits only known kinds.
        kind: BackingKind::from_name(&r.text(1)?).unwrap_or(BackingKind::MeToo),
        minutes: r.opt_int(2)?,
        helped: r.flag(3)?,
        created_at: r.time(4)?,
    })
}

/// A tip without its votes (read apart): its `TIP_COLUMNS`, then the
/// `REFERENCE_COLUMNS` of its know-how reference (a left join: all null
/// for a colleague's).
pub fn tip(r: &impl Cols) -> Result<Tip> {
    Ok(Tip {
        id: ItemId::new(Kind::Tip, r.int(0)?),
        author: r.text(1)?,
        author_name: r.text(6)?,
        text: r.text(2)?,
        tags: r.tags(3)?,
        context: r.opt_text(4)?,
        created_at: r.time(5)?,
        edited_at: r.opt_time(7)?,
        deleted_at: r.opt_time(8)?,
        votes: Vec::new(),
        reference: reference(r, 9)?,
    })
}

pub fn vote(r: &impl Cols) -> Result<Vote> {
    Ok(Vote {
        person: r.text(0)?,
        person_name: r.text(2)?,
        created_at: r.time(1)?,
    })
}

pub fn learned(r: &impl Cols) -> Result<Learned> {
    Ok(Learned {
        id: ItemId::new(Kind::Learned, r.int(0)?),
        author: r.text(1)?,
        author_name: r.text(6)?,
        text: r.text(2)?,
        tags: r.tags(3)?,
        visibility: if r.text(4)? == "private" {
            Visibility::Private
        } else {
            Visibility::Team
        },
        created_at: r.time(5)?,
        edited_at: r.opt_time(7)?,
        deleted_at: r.opt_time(8)?,
    })
}

pub fn lesson_done(r: &impl Cols) -> Result<LessonDone> {
    Ok(LessonDone {
        person: r.text(0)?,
        lesson: ItemId::new(Kind::Lesson, r.int(1)?),
        done_at: r.time(2)?,
        reflection: r.opt_text(3)?,
        brought: r.opt_text(4)?.as_deref().and_then(Brought::from_name),
    })
}

pub fn card_state(r: &impl Cols) -> Result<CardState> {
    Ok(CardState {
        person: r.text(0)?,
        card: r.text(1)?,
        stability: r.real(2)?,
        difficulty: r.real(3)?,
        due: r.time(4)?,
        last_review: r.opt_time(5)?,
        reps: r.int(6)?,
        lapses: r.int(7)?,
        // The CHECK constraint admits only known phases.
        phase: Phase::from_name(&r.text(8)?).unwrap_or(Phase::New),
        scheduled_days: r.int(9)?,
    })
}

pub fn review(r: &impl Cols) -> Result<Review> {
    Ok(Review {
        person: r.text(0)?,
        card: r.text(1)?,
        reviewed_at: r.time(2)?,
        rating: u8::try_from(r.int(3)?).unwrap_or(0),
    })
}

/// A row of a search source, `(id, title, body, tags, author, votes)`,
/// with the author shown by the name colleagues know them by.
pub fn search_doc(r: &impl Cols, kind: Kind, names: &HashMap<String, String>) -> Result<SearchDoc> {
    let author = r.text(4)?;
    Ok(SearchDoc {
        id: ItemId::new(kind, r.int(0)?),
        title: r.text(1)?,
        body: r.text(2)?,
        tags: r.text(3)?,
        reference: Source::of_handle(&author),
        author: names.get(&author).cloned().unwrap_or(author),
        votes: u32::try_from(r.int(5)?).unwrap_or(u32::MAX),
    })
}

/// `(question id, title, answer id, answerer's name, answered at)`.
pub fn new_answer(r: &impl Cols) -> Result<NewAnswer> {
    Ok(NewAnswer {
        question: ItemId::new(Kind::Question, r.int(0)?),
        title: r.text(1)?,
        answer: r.int(2)?,
        by: r.text(3)?,
        at: r.time(4)?,
    })
}

/// The columns of [`reference`], for a read that joins `reference r`.
pub const REFERENCE_COLUMNS: &str =
    "r.source, r.lang, r.page, r.example, r.revision, r.attribution";

/// The know-how reference in the six [`REFERENCE_COLUMNS`] from `at` on;
/// `None` for a colleague's item (no reference row joined).
pub fn reference(r: &impl Cols, at: usize) -> Result<Option<Box<Reference>>> {
    let Some(source) = r.opt_text(at)?.as_deref().and_then(Source::from_name) else {
        return Ok(None);
    };
    Ok(Some(Box::new(Reference {
        source,
        lang: r.text(at + 1)?,
        page: r.text(at + 2)?,
        example: u32::try_from(r.int(at + 3)?).unwrap_or(0),
        revision: r.text(at + 4)?,
        attribution: r.text(at + 5)?,
    })))
}

pub fn pin(r: &impl Cols) -> Result<PersonPin> {
    Ok(PersonPin {
        person: r.text(0)?,
        hash: r.text(1)?,
        set_at: r.time(2)?,
    })
}
