//! The plain types of leertuin. They are also the stable JSON format of
//! `--json`, `export` and `import` (documented in README.md), so a field is
//! never renamed or dropped without a format version bump.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::id::{ItemId, Kind};
use super::srs::Phase;

/// A point in time, kept to the millisecond (the store's resolution), so that
/// export → import → export gives the same document.
pub type Time = DateTime<Utc>;

/// Now, truncated to whole milliseconds.
pub fn now() -> Time {
    from_millis(Utc::now().timestamp_millis())
}

pub fn from_millis(ms: i64) -> Time {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// Times in JSON always carry their milliseconds (`…:05.000Z`, not
/// `…:05Z`), as README promises: one fixed shape a script can rely on.
/// Any RFC 3339 time is read.
pub mod millis {
    use chrono::SecondsFormat;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Time;

    pub fn serialize<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Millis, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        Time::deserialize(d)
    }

    /// The same for an optional time.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        use super::Time;

        pub fn serialize<S: Serializer>(t: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => super::serialize(t, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
            Option::<Time>::deserialize(d)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Login name or badge code: how the person is identified.
    pub handle: String,
    /// How the person is shown to others.
    pub name: String,
    /// Tags the person wants to learn.
    pub wants: Vec<String>,
    /// Tags the person can help others with.
    pub offers: Vec<String>,
    /// Preferred language (`en`, `nl`), if chosen.
    pub lang: Option<String>,
    #[serde(with = "millis")]
    pub created_at: Time,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: ItemId,
    /// Stable name from the file it came from; `lessons import` matches on it.
    pub slug: String,
    pub title: String,
    pub tags: Vec<String>,
    pub minutes: u32,
    pub lang: String,
    /// Markdown.
    pub body: String,
    pub cards: Vec<Card>,
    #[serde(with = "millis")]
    pub created_at: Time,
    #[serde(with = "millis")]
    pub updated_at: Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackingKind {
    /// "I want to know this too."
    MeToo,
    /// "I can help with this."
    CanHelp,
    /// "I give N minutes of my time to this question."
    Pledge,
}

impl BackingKind {
    pub fn name(self) -> &'static str {
        match self {
            BackingKind::MeToo => "me-too",
            BackingKind::CanHelp => "can-help",
            BackingKind::Pledge => "pledge",
        }
    }

    pub fn from_name(s: &str) -> Option<BackingKind> {
        [
            BackingKind::MeToo,
            BackingKind::CanHelp,
            BackingKind::Pledge,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backing {
    pub person: String,
    /// The person's display name (read from their profile; ignored on import).
    #[serde(default)]
    pub person_name: String,
    pub kind: BackingKind,
    /// Minutes pledged; only for `pledge`.
    pub minutes: Option<i64>,
    /// The asker marked the pledged time as given.
    pub helped: bool,
    #[serde(with = "millis")]
    pub created_at: Time,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: i64,
    pub author: String,
    /// The author's display name (read from their profile; ignored on import).
    #[serde(default)]
    pub author_name: String,
    pub body: String,
    pub accepted: bool,
    #[serde(with = "millis")]
    pub created_at: Time,
    /// When the author last changed the text; absent if never.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub edited_at: Option<Time>,
    /// When the author deleted it: a tombstone, whose text is empty. Only
    /// backups carry tombstones; every other read leaves them out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub deleted_at: Option<Time>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: ItemId,
    /// `None` for an anonymous question: no author is stored at all.
    pub author: Option<String>,
    /// The author's display name; `None` when anonymous (ignored on import).
    #[serde(default)]
    pub author_name: Option<String>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    /// The tool the question is about (e.g. `kubectl`), if known.
    pub context: Option<String>,
    #[serde(with = "millis")]
    pub created_at: Time,
    /// When the author last changed the text; absent if never.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub edited_at: Option<Time>,
    /// When the author deleted it: a tombstone, whose text is empty. Only
    /// backups carry tombstones; every other read leaves them out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub deleted_at: Option<Time>,
    pub answers: Vec<Answer>,
    pub backings: Vec<Backing>,
    /// Where an imported question came from (a team's FAQ); absent for a
    /// colleague's own question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Box<super::reference::Reference>>,
}

/// What to show for a person: their display name, else (an item built
/// without one, e.g. from an older export) the handle.
pub fn shown<'a>(name: &'a str, handle: &'a str) -> &'a str {
    if name.trim().is_empty() { handle } else { name }
}

/// True when a handle tells a person something beside their name: a login
/// name differs from the display name; a kiosk badge pseudonym (`badge-…`)
/// or a typed name (the name in lower case) tells nothing.
pub fn handle_worth_showing(handle: &str, name: &str) -> bool {
    !handle.starts_with("badge-") && handle != name.to_lowercase()
}

impl Answer {
    pub fn who(&self) -> &str {
        shown(&self.author_name, &self.author)
    }
}

impl Backing {
    pub fn who(&self) -> &str {
        shown(&self.person_name, &self.person)
    }
}

impl Vote {
    pub fn who(&self) -> &str {
        shown(&self.person_name, &self.person)
    }
}

impl Question {
    /// The asker's display name; `None` for an anonymous question.
    pub fn who(&self) -> Option<&str> {
        let handle = self.author.as_deref()?;
        Some(shown(self.author_name.as_deref().unwrap_or(""), handle))
    }

    pub fn count(&self, kind: BackingKind) -> usize {
        self.backings.iter().filter(|b| b.kind == kind).count()
    }

    pub fn pledged_minutes(&self) -> i64 {
        self.backings.iter().filter_map(|b| b.minutes).sum()
    }
}

/// A question the person asked, with what they have seen of its answers:
/// "My questions", with new answers marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub question: Question,
    /// The highest answer id the asker has seen (0: none yet).
    pub seen_up_to: i64,
}

impl Asked {
    /// Answers by others that came after the asker last looked.
    pub fn new_answers(&self) -> impl Iterator<Item = &Answer> {
        let me = self.question.author.as_deref();
        self.question
            .answers
            .iter()
            .filter(move |a| a.id > self.seen_up_to && Some(a.author.as_str()) != me)
    }

    /// Answered, and none accepted yet: worth a gentle reminder.
    pub fn could_accept(&self) -> bool {
        !self.question.answers.is_empty() && !self.question.answers.iter().any(|a| a.accepted)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub person: String,
    /// The voter's display name (read from their profile; ignored on import).
    #[serde(default)]
    pub person_name: String,
    #[serde(with = "millis")]
    pub created_at: Time,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub id: ItemId,
    pub author: String,
    /// The author's display name (read from their profile; ignored on import).
    #[serde(default)]
    pub author_name: String,
    pub text: String,
    pub tags: Vec<String>,
    pub context: Option<String>,
    #[serde(with = "millis")]
    pub created_at: Time,
    /// When the author last changed the text; absent if never.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub edited_at: Option<Time>,
    /// When the author deleted it: a tombstone, whose text is empty. Only
    /// backups carry tombstones; every other read leaves them out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub deleted_at: Option<Time>,
    pub votes: Vec<Vote>,
    /// Where an imported tip came from (`knowhow import`); absent for a
    /// colleague's own tip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Box<super::reference::Reference>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Team,
    Private,
}

impl Visibility {
    pub fn name(self) -> &'static str {
        match self {
            Visibility::Team => "team",
            Visibility::Private => "private",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Learned {
    pub id: ItemId,
    pub author: String,
    /// The author's display name (read from their profile; ignored on import).
    #[serde(default)]
    pub author_name: String,
    pub text: String,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    #[serde(with = "millis")]
    pub created_at: Time,
    /// When the author last changed the text; absent if never.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub edited_at: Option<Time>,
    /// When the author deleted it: a tombstone, whose text is empty. Only
    /// backups carry tombstones; every other read leaves them out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "millis::option"
    )]
    pub deleted_at: Option<Time>,
}

/// A finished lesson, with the optional one-line reflection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonDone {
    pub person: String,
    pub lesson: ItemId,
    #[serde(with = "millis")]
    pub done_at: Time,
    pub reflection: Option<String>,
    /// What the lesson brought, as the person said.
    #[serde(default)]
    pub brought: Option<Brought>,
}

/// What a lesson brought a person: the four kinds of outcome insights group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Brought {
    Work,
    Life,
    Connection,
    Meaning,
}

impl Brought {
    pub const ALL: [Brought; 4] = [
        Brought::Work,
        Brought::Life,
        Brought::Connection,
        Brought::Meaning,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Brought::Work => "work",
            Brought::Life => "life",
            Brought::Connection => "connection",
            Brought::Meaning => "meaning",
        }
    }

    pub fn from_name(s: &str) -> Option<Brought> {
        Brought::ALL.into_iter().find(|b| b.name() == s)
    }
}

/// A person's spaced-repetition state for one card (`l3#1` or a tip id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardState {
    pub person: String,
    pub card: String,
    pub stability: f64,
    pub difficulty: f64,
    #[serde(with = "millis")]
    pub due: Time,
    #[serde(with = "millis::option", default)]
    pub last_review: Option<Time>,
    pub reps: i64,
    pub lapses: i64,
    #[serde(default = "new_phase")]
    pub phase: Phase,
    #[serde(default)]
    pub scheduled_days: i64,
}

fn new_phase() -> Phase {
    Phase::New
}

/// One review of one card, kept so scheduling parameters can be fitted later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub person: String,
    pub card: String,
    #[serde(with = "millis")]
    pub reviewed_at: Time,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub rating: u8,
}

/// Any item, as `list`/`show`/`search` return it. The `kind` field tags it in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    Lesson(Lesson),
    Question(Question),
    Tip(Tip),
    Learned(Learned),
}

impl Item {
    pub fn id(&self) -> ItemId {
        match self {
            Item::Lesson(x) => x.id,
            Item::Question(x) => x.id,
            Item::Tip(x) => x.id,
            Item::Learned(x) => x.id,
        }
    }

    pub fn kind(&self) -> Kind {
        self.id().kind
    }

    /// The one line a list shows for this item.
    pub fn title(&self) -> &str {
        match self {
            Item::Lesson(x) => &x.title,
            Item::Question(x) => &x.title,
            Item::Tip(x) => first_line(&x.text),
            Item::Learned(x) => first_line(&x.text),
        }
    }

    pub fn author(&self) -> Option<&str> {
        match self {
            Item::Lesson(_) => None,
            Item::Question(x) => x.author.as_deref(),
            Item::Tip(x) => Some(&x.author),
            Item::Learned(x) => Some(&x.author),
        }
    }

    /// The author's display name, as people are shown to each other.
    pub fn author_shown(&self) -> Option<&str> {
        match self {
            Item::Lesson(_) => None,
            Item::Question(x) => x.who(),
            Item::Tip(x) => Some(shown(&x.author_name, &x.author)),
            Item::Learned(x) => Some(shown(&x.author_name, &x.author)),
        }
    }

    pub fn tags(&self) -> &[String] {
        match self {
            Item::Lesson(x) => &x.tags,
            Item::Question(x) => &x.tags,
            Item::Tip(x) => &x.tags,
            Item::Learned(x) => &x.tags,
        }
    }

    pub fn created_at(&self) -> Time {
        match self {
            Item::Lesson(x) => x.created_at,
            Item::Question(x) => x.created_at,
            Item::Tip(x) => x.created_at,
            Item::Learned(x) => x.created_at,
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// The full, lossless backup document of `export` and `import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Always `"leertuin-export"`: tells our files from any other JSON.
    pub format: String,
    /// Version of this document's layout (not of the database schema).
    pub version: u32,
    pub persons: Vec<Person>,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
    pub tips: Vec<Tip>,
    pub learned: Vec<Learned>,
    pub lessons_done: Vec<LessonDone>,
    pub card_states: Vec<CardState>,
    pub reviews: Vec<Review>,
    /// Kiosk PINs of people who log in by name (hashes only); absent when
    /// nobody has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<PersonPin>,
    /// Wishes, the budget ledger, vouchers and matching rules; absent
    /// when there are none.
    #[serde(
        default,
        skip_serializing_if = "crate::domain::ledger::Budgets::is_empty"
    )]
    pub budgets: crate::domain::ledger::Budgets,
}

/// A person's kiosk PIN, as a salted argon2id hash (PHC string).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonPin {
    pub person: String,
    pub hash: String,
    #[serde(with = "millis")]
    pub set_at: Time,
}

impl Backup {
    pub const FORMAT: &'static str = "leertuin-export";
    pub const VERSION: u32 = 1;
}
