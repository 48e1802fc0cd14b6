//! Storage: everything SQL lives below this module, and nothing here knows
//! about terminals. This module is the backend-neutral contract (the
//! [`Store`] and [`Writer`] traits, [`StoreError`], [`Health`], and
//! [`open`], which picks a backend from a spec); `sqlite/` (a file on one
//! host) and `postgres/` (a team server) implement it, each with its own
//! migrations. The rest of the program does not know which one it has.

mod apply;
mod asked;
mod backup;
mod boxed;
mod changes;
mod health;
mod knowhow;
mod matched;
mod merge;
mod nudge;
mod open;
mod own;
pub mod postgres;
mod public;
mod read;
mod retry;
mod rows;
pub mod sqlite;
mod wish_cols;
mod wish_nudges;
mod wish_rules;
mod wishes;
mod write;

pub use asked::NewAnswer;
pub use changes::ChangeMark;
pub use health::{FileHealth, Health, ServerHealth};
pub use matched::{Matched, Named};
pub use merge::MergeReport;
pub use nudge::{HelpWish, Lapsing, NudgeAsk, NudgeFacts, OpenQuestion, ShortLesson, WishNudges};
pub use open::{
    Mode, Spec, check_identity, create_filled, init, open, open_soon, open_with, server_url,
};
pub use public::{NOBODY, PublicView};
pub use sqlite::{
    FileIssue, LATEST_VERSION, NotRepaired, OpenOptions, SqliteStore, file_issues,
    network_filesystem, repair,
};
pub use wishes::{Fund, Grant, MatchRule, VoucherIssue, Wishes};

use std::cell::RefCell;
use std::path::PathBuf;

use thiserror::Error;

use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::reference::{RefItem, RefReport, Scope};
use crate::domain::srs::{DueCard, Rating};
use crate::domain::{
    Asked, Backing, BackingKind, Backup, Brought, CardState, Done, Item, ItemId, Kind, LessonDone,
    NewItem, Person, Post, Question, Time, ValidationError, Write,
};

/// What can go wrong in storage, said in words a person can act on: what
/// is theirs to fix (a path, their input), what is transient (busy), what
/// is the machine's (disk full, damage). No backend's name appears here, so
/// the team server can report through the same variants.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("no item {0}")]
    NotFound(ItemId),
    #[error("{0}")]
    NotAllowed(String),
    /// A wish, budget or voucher rule refused the request (always the
    /// person's to fix).
    #[error(transparent)]
    Wish(#[from] crate::domain::wish::WishError),
    /// Someone else's post: only its author may change it.
    #[error("{0} is not yours: only its author can change it")]
    NotYours(Post),
    /// A change to what is already stored under a name, by someone who
    /// typed that name at a kiosk without its PIN.
    #[error("not without logging in with your badge or PIN")]
    NeedsLogin,
    /// An anonymous question: nothing links it to anyone.
    #[error("{0} was asked anonymously: nothing links it to you, so it cannot be changed")]
    Anonymous(Post),
    #[error(
        "the database has schema version {found}, but this leertuin knows only up to version {known}; \
         it will not write to it: upgrade leertuin"
    )]
    NewerSchema { found: i64, known: i64 },
    /// A backup that is not ours, or an item of it that breaks a rule
    /// (the message names the item).
    #[error("{0}")]
    BadImport(String),
    /// `import` (a restore) into a database with content of its own.
    #[error(
        "this database already has content ({rows} rows in {table}); import restores into a new database: use --db NEW_FILE, or import --merge"
    )]
    HasContent { rows: i64, table: String },
    /// A JSON document that is not a leertuin export: its `format`.
    #[error("not a leertuin export: format is {0:?}")]
    NotAnExport(String),
    /// An export of a version this leertuin can't read.
    #[error(
        "not a leertuin export: version {found} is not supported (this leertuin reads version {known})"
    )]
    ExportVersion { found: u32, known: u32 },
    /// A restore refused for the items that break a rule: the first of
    /// them, and how many more.
    #[error("{first}{}", more_rejected(*more))]
    Rejected {
        first: Box<crate::domain::import_check::Rejected>,
        more: usize,
    },
    /// A card that is not one of the person's review cards.
    #[error("{0} is not one of your review cards")]
    NotYourCard(String),
    /// A command that only reads found no database there (a typo, say):
    /// reads never create one.
    #[error("no database at {0}")]
    Missing(PathBuf),
    /// A zero-byte file where a database should be: left by a failed copy
    /// or a truncation, so it is not silently made into a fresh one.
    #[error("{0} is empty (0 bytes)")]
    Empty(PathBuf),
    /// The database file was removed or replaced while it was open: a
    /// write would go into a file nobody will ever read again.
    #[error("{0} was removed or replaced while leertuin had it open")]
    Gone(PathBuf),
    /// Another program holds the write lock longer than a write waits.
    #[error("the database is busy (another program is writing)")]
    Busy,
    /// The file, its folder or its shared-memory file can't be written by
    /// this person: reads work, writes don't.
    #[error("the database is read-only for you")]
    ReadOnly,
    /// A `-shm` file someone without write permission left behind blocks
    /// every write until it is removed.
    #[error("{0} blocks writing")]
    StaleShm(PathBuf),
    #[error("the disk is full")]
    DiskFull,
    #[error("the database is damaged or not a leertuin database")]
    Corrupt,
    /// `--user` other than the login name on a file someone else owns.
    #[error("you can't act as {user} on {path}")]
    NotYourName {
        user: String,
        login: String,
        path: PathBuf,
    },
    /// The team server cannot be reached, or the connection to it was
    /// lost: a write that fails so waits in the outbox until it is back.
    /// The message says which, in the person's language.
    #[error("{0}")]
    Offline(String),
    /// A team server URL that cannot be used, or a database on the
    /// server without a leertuin schema (the message says which).
    #[error("{0}")]
    Server(String),
    /// On the team server a person is their login role: `--user` naming
    /// anyone else is refused.
    #[error("you are logged in to the team server as {login}, so you cannot act as {user}")]
    NotYourLogin { user: String, login: String },
    /// Any other failure of the storage backend.
    #[error("database error: {0}")]
    Backend(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    /// True when the person's input or request is at fault (exit code 2),
    /// false for failures of the machine (exit code 1).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            StoreError::Backend(_)
                | StoreError::Io { .. }
                | StoreError::Busy
                | StoreError::Gone(_)
                | StoreError::ReadOnly
                | StoreError::StaleShm(_)
                | StoreError::DiskFull
                | StoreError::Corrupt
                | StoreError::Offline(_)
        )
    }

    /// True when the database could not take a write that was fine in
    /// itself: the write should wait (in the outbox, a draft) rather than
    /// be lost.
    pub fn keeps_text(&self) -> bool {
        !matches!(
            self,
            StoreError::Invalid(_)
                | StoreError::NotFound(_)
                | StoreError::NotAllowed(_)
                | StoreError::Wish(_)
                | StoreError::BadImport(_)
                | StoreError::HasContent { .. }
                | StoreError::NotAnExport(_)
                | StoreError::ExportVersion { .. }
                | StoreError::Rejected { .. }
                | StoreError::NotYourCard(_)
                | StoreError::NotYours(_)
                | StoreError::NeedsLogin
                | StoreError::Anonymous(_)
                | StoreError::NotYourName { .. }
                | StoreError::NotYourLogin { .. }
                | StoreError::Server(_)
        )
    }
}

/// " (and 3 more; …)" after the first rejected item of a restore.
fn more_rejected(more: usize) -> String {
    if more == 0 {
        String::new()
    } else {
        format!(" (and {more} more; import --merge reports each)")
    }
}

impl StoreError {
    /// True when the failure passes by itself (another program's write
    /// lock, a server that is away): a write that waits for it is "saved
    /// offline" and sent later without anyone doing anything. The other
    /// failures that keep text (read-only, disk full, damage) need a
    /// person first.
    pub fn passes(&self) -> bool {
        matches!(self, StoreError::Busy | StoreError::Offline(_))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What `list` asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Only this kind; all kinds when `None`.
    pub kind: Option<Kind>,
    pub tag: Option<String>,
    pub limit: usize,
    /// Colleagues' own posts only: imported know-how (`knowhow import`)
    /// left out (`list --no-knowhow`, the pane's switch).
    pub no_knowhow: bool,
}

/// The highest item number of each kind (in `Kind::ALL` order) a search
/// index has read: items are only ever added (lessons aside, which an
/// import may change in place), so a refresh reads on from there.
pub type SearchMarks = [i64; 4];

/// The searchable text of one item, as the fuzzy index needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub id: ItemId,
    pub title: String,
    /// The start of the body; long bodies are cut so one keystroke stays cheap.
    pub body: String,
    pub tags: String,
    pub author: String,
    /// A tip's votes, a question's backings: ranked after the text's
    /// evidence.
    pub votes: u32,
    /// Where imported know-how (`knowhow import`) came from; `None` for a
    /// colleague's own post. Imported items rank below a colleague's at
    /// equal match, and hits show their source instead of their kind.
    pub reference: Option<crate::domain::reference::Source>,
}

/// Which items a search may find, for a store's persisted text index:
/// every group must hold; a group holds when one of its alternatives does;
/// an alternative holds when the item's text (any field, answers and
/// context too, case and accents folded) holds each of its pieces. Pieces
/// are folded ASCII letters and digits, three or more.
#[derive(Debug, Clone, PartialEq)]
pub struct TextFilter {
    pub groups: Vec<Vec<Vec<String>>>,
    /// At most this many items, the newest: words that many items hold
    /// would otherwise have a search read a good part of a large team.
    pub most: Option<usize>,
}

impl TextFilter {
    /// The trigrams a trigram index asks for `piece`: every third one and
    /// the last, which cover it. Asking all of them found the same items
    /// at twice the cost (each is a long list at a million items).
    pub fn trigrams(piece: &str) -> Vec<String> {
        let chars: Vec<char> = piece.chars().collect();
        let last = chars.len().saturating_sub(3);
        chars
            .windows(3)
            .enumerate()
            .filter(|&(i, _)| i % 3 == 0 || i == last)
            .map(|(_, w)| w.iter().collect())
            .collect()
    }
}

/// How many lessons a `lessons import` added, changed or found unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LessonImport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A profile change; `None` fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileEdit {
    pub name: Option<String>,
    pub wants: Option<Vec<String>>,
    pub offers: Option<Vec<String>>,
    pub lang: Option<String>,
}

/// Writes, all inside one transaction opened by [`Store::batch`].
pub trait Writer {
    /// The person, created with their handle as display name if new.
    fn ensure_person(&self, handle: &str) -> Result<Person>;
    fn edit_person(&self, handle: &str, edit: &ProfileEdit) -> Result<Person>;
    /// Stores a new tip, question or learned entry; returns its id.
    fn add(&self, item: &NewItem) -> Result<ItemId>;
    /// Adds an answer; returns the answer's number.
    fn answer(&self, question: ItemId, author: &str, body: &str) -> Result<i64>;
    /// Records a backing; a second one of the same kind replaces the first.
    fn back(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
        minutes: Option<i64>,
    ) -> Result<()>;
    /// Votes for a tip; returns false when this person had voted already.
    fn vote(&self, tip: ItemId, person: &str) -> Result<bool>;
    /// Changes the text of the person's own post; returns the old text.
    fn edit(&self, post: Post, person: &str, text: &str) -> Result<String>;
    /// Sets the tags of `person`'s own tip, question or learned entry;
    /// returns the tags it had.
    fn set_tags(&self, item: ItemId, person: &str, tags: &[String]) -> Result<Vec<String>>;
    /// Deletes the person's own post, leaving a tombstone; returns its text.
    fn delete(&self, post: Post, person: &str) -> Result<String>;
    /// Brings back the person's own deleted post with `text`.
    fn restore(&self, post: Post, person: &str, text: &str) -> Result<()>;
    /// Takes back a backing; returns what was taken back, if anything.
    fn withdraw(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
    ) -> Result<Option<Backing>>;
    /// Takes back a vote; false when there was none.
    fn unvote(&self, tip: ItemId, person: &str) -> Result<bool>;
    /// Sets the person's kiosk PIN (a salted hash), creating the person.
    fn set_person_pin(&self, handle: &str, hash: &str) -> Result<()>;
    /// Records the idempotency key of `person`'s write about to be applied
    /// in this transaction; false when a write with this key was applied
    /// before (an outbox entry sent twice: after a crash between the commit
    /// and the removal of its file, or an answer lost on the way back).
    /// Keys are unique on every backend.
    fn claim(&self, key: &str, person: &str) -> Result<bool>;
    fn mark_done(&self, person: &str, lesson: ItemId, reflection: Option<&str>) -> Result<()> {
        self.mark_done_with(person, lesson, reflection, None)
    }
    /// Marks a lesson done, with the reflection and what it brought; its
    /// check cards become the person's review cards.
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()>;
    /// Takes back marking a lesson done (undo): it is no longer done, and
    /// its check cards the person never reviewed leave their reviews
    /// (reviewed ones stay: that work was done). False when it was not done.
    fn unmark_done(&self, person: &str, lesson: ItemId) -> Result<bool>;
    /// Makes a tip one of the person's review cards; false if it was already.
    fn remember(&self, person: &str, tip: ItemId) -> Result<bool>;
    /// Records a review and returns the card's next state.
    fn review(&self, person: &str, card: &str, rating: Rating, retention: f64)
    -> Result<CardState>;
    /// The asker accepts answer number `answer` of `question`.
    fn accept(&self, question: ItemId, answer: i64, person: &str) -> Result<()>;
    /// The asker marks `helper`'s pledged minutes as given.
    fn helped(&self, question: ItemId, helper: &str, person: &str) -> Result<()>;
    /// The asker takes back accepting an answer: none is accepted (undo).
    fn unaccept(&self, question: ItemId, person: &str) -> Result<()>;
    /// The asker takes back marking `helper`'s pledge as given (undo).
    fn unhelped(&self, question: ItemId, helper: &str, person: &str) -> Result<()>;
    /// The asker has seen every answer their `question` has now (nothing
    /// happens for someone else's question).
    fn mark_answers_seen(&self, person: &str, question: ItemId) -> Result<()>;
    /// Stamps the following writes with time `at` instead of now (for
    /// synthetic demo data spread over past weeks).
    fn backdate(&self, at: Time);
}

/// What a watching store calls when the data may have changed; it
/// answers false once nobody listens any more (the watch then ends).
pub type OnChange = Box<dyn Fn() -> bool + Send + 'static>;

/// The one interface between leertuin and its storage.
///
/// `viewer` is the person looking: private learned entries of others are
/// invisible to them in every read.
pub trait Store {
    /// Runs `f` in one write transaction: all of it is stored, or none.
    /// `f` may run more than once (the store retries when the file is busy),
    /// so it must not have effects outside the writer.
    fn batch(&self, f: &dyn Fn(&dyn Writer) -> Result<()>) -> Result<()>;

    fn person(&self, handle: &str) -> Result<Option<Person>>;
    /// The hash of the person's kiosk PIN, if they set one.
    fn person_pin(&self, handle: &str) -> Result<Option<String>>;
    fn persons(&self) -> Result<Vec<Person>>;
    fn lessons_done(&self, person: &str) -> Result<Vec<LessonDone>>;
    fn get(&self, id: ItemId, viewer: &str) -> Result<Item>;
    /// Newest first.
    fn list(&self, query: &ListQuery, viewer: &str) -> Result<Vec<Item>>;
    /// How many items `list` would give without its limit: a tab says
    /// "300 of 29,496". The backends count in SQL; this default reads them.
    fn count(&self, query: &ListQuery, viewer: &str) -> Result<usize> {
        let all = ListQuery {
            limit: usize::MAX,
            ..query.clone()
        };
        Ok(self.list(&all, viewer)?.len())
    }
    /// Hands every item `viewer` may see to `each`, for the search index;
    /// of each kind only those numbered above `after` (in `Kind::ALL`
    /// order; all zeros for everything).
    fn each_search_doc(
        &self,
        viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()>;
    /// A value that moves with every edit, delete and undone delete (by
    /// anyone) and not with a new item: a search index that read on from
    /// its marks reads everything again when it moved.
    fn change_mark(&self, viewer: &str) -> Result<ChangeMark>;
    /// Like `each_search_doc` for everything, but only for the items that
    /// `filter` may find, looked up in a persisted index. Nothing is
    /// handed out when the store keeps no such index, nor when the index
    /// names exactly the items `read` says (those of an earlier call).
    fn each_search_doc_matching(
        &self,
        _viewer: &str,
        _filter: &TextFilter,
        _read: Option<&Named>,
        _each: &mut dyn FnMut(SearchDoc),
    ) -> Result<Matched> {
        Ok(Matched::NoIndex)
    }
    fn search_docs(&self, viewer: &str) -> Result<Vec<SearchDoc>> {
        let mut docs = Vec::new();
        self.each_search_doc(viewer, &[0; 4], &mut |d| docs.push(d))?;
        Ok(docs)
    }

    /// The person's review cards due at `now`, most overdue first.
    fn due_cards(&self, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>>;
    /// Questions without an accepted answer, most backed first.
    fn open_questions(&self, limit: usize) -> Result<Vec<Question>>;
    /// The person's own questions, newest first, with what they have seen
    /// of the answers ("My questions").
    fn asked(&self, person: &str, limit: usize) -> Result<Vec<Asked>>;
    /// The newest answer on the person's questions they have not seen.
    fn newest_unseen_answer(&self, person: &str) -> Result<Option<NewAnswer>>;
    /// Answers per person since `since`, most first.
    fn answer_counts(&self, since: Time) -> Result<Vec<(String, i64)>>;
    /// Numbers behind insights: one person's (`Some`) or the team's (`None`,
    /// without private entries).
    fn insight_facts(&self, person: Option<&str>, since: Time) -> Result<Facts>;
    /// What `leertuin nudge` decides from, in one read; `None` when the
    /// person is unknown. Fails rather than waits when the file is busy.
    fn nudge_facts(&self, ask: &NudgeAsk) -> Result<Option<NudgeFacts>>;

    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport>;
    /// Brings know-how in (`knowhow import`) in one transaction: adds what
    /// is new, updates what changed, and removes (as tombstones) what
    /// `scope` had and `items` no longer bring. Items must be
    /// [`RefItem::checked`].
    fn import_reference(&self, scope: &Scope, items: &[RefItem]) -> Result<RefReport>;

    fn export(&self) -> Result<Backup>;
    /// Restores a backup into a database without content of its own.
    fn import(&self, backup: &Backup) -> Result<()>;
    /// Adds a backup's items to a database that has content, item by item;
    /// items that break a rule are reported and not written.
    fn merge(&self, backup: &Backup) -> Result<MergeReport>;

    fn health(&self) -> Result<Health>;
    /// `Err(Corrupt)` when the database is damaged. A whole-file check
    /// (a few milliseconds per megabyte), so one-shot writes run it before
    /// they write and long-lived panes don't; every call also reports the
    /// damage it happens to touch.
    fn check_integrity(&self) -> Result<()>;
    /// From now on every write fails as [`StoreError::Corrupt`] (which
    /// names `leertuin doctor`); reads go on. For the pane, whose integrity
    /// check runs in the background after it opened. A backend without
    /// such a check (a server checks itself) needs nothing here; a wrapper
    /// must pass it on.
    fn refuse_writes_as_damaged(&self) {}
    /// Changes whenever another connection commits: cheap to poll.
    fn data_version(&self) -> Result<i64>;
    /// Calls `on_change` from a background thread each time another
    /// connection commits (and after the store reconnects), as it happens,
    /// so a pane need not look once a second; `data_version` moves with
    /// it. False where the store cannot tell (a file: ask
    /// `data_version` now and then instead). A wrapper must pass it on.
    fn watch_changes(&self, _on_change: OnChange) -> bool {
        false
    }

    /// Wishes, budgets and vouchers; `None` from a store that keeps none
    /// (the team server, until it does). A wrapper must pass it on.
    fn wish_store(&self) -> Option<&dyn Wishes> {
        None
    }

    // One-write conveniences, each its own transaction.

    fn ensure_person(&self, handle: &str) -> Result<Person> {
        single(self, |w| w.ensure_person(handle))
    }
    fn edit_person(&self, handle: &str, edit: &ProfileEdit) -> Result<Person> {
        single(self, |w| w.edit_person(handle, edit))
    }
    fn add(&self, item: &NewItem) -> Result<ItemId> {
        single(self, |w| w.add(item))
    }
    fn answer(&self, question: ItemId, author: &str, body: &str) -> Result<i64> {
        single(self, |w| w.answer(question, author, body))
    }
    fn back(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
        minutes: Option<i64>,
    ) -> Result<()> {
        single(self, |w| w.back(question, person, kind, minutes))
    }
    fn vote(&self, tip: ItemId, person: &str) -> Result<bool> {
        single(self, |w| w.vote(tip, person))
    }
    fn edit(&self, post: Post, person: &str, text: &str) -> Result<String> {
        single(self, |w| w.edit(post, person, text))
    }
    fn set_tags(&self, item: ItemId, person: &str, tags: &[String]) -> Result<Vec<String>> {
        single(self, |w| w.set_tags(item, person, tags))
    }
    fn delete(&self, post: Post, person: &str) -> Result<String> {
        single(self, |w| w.delete(post, person))
    }
    fn withdraw(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
    ) -> Result<Option<Backing>> {
        single(self, |w| w.withdraw(question, person, kind))
    }
    fn unvote(&self, tip: ItemId, person: &str) -> Result<bool> {
        single(self, |w| w.unvote(tip, person))
    }
    /// Applies one write in its own transaction.
    fn apply(&self, write: &Write) -> Result<Done> {
        single(self, |w| write.apply(w))
    }
    /// Applies a write that carries idempotency key `key`, at most once:
    /// `None` when it was applied before (see [`Writer::claim`]).
    fn apply_once(&self, key: &str, write: &Write) -> Result<Option<Done>> {
        apply::check_key(key)?;
        single(self, |w| {
            if w.claim(key, write.person())? {
                write.apply(w).map(Some)
            } else {
                Ok(None)
            }
        })
    }
    fn mark_done(&self, person: &str, lesson: ItemId, reflection: Option<&str>) -> Result<()> {
        single(self, |w| w.mark_done(person, lesson, reflection))
    }
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()> {
        single(self, |w| {
            w.mark_done_with(person, lesson, reflection, brought)
        })
    }
    fn unmark_done(&self, person: &str, lesson: ItemId) -> Result<bool> {
        single(self, |w| w.unmark_done(person, lesson))
    }
    fn remember(&self, person: &str, tip: ItemId) -> Result<bool> {
        single(self, |w| w.remember(person, tip))
    }
    fn review(
        &self,
        person: &str,
        card: &str,
        rating: Rating,
        retention: f64,
    ) -> Result<CardState> {
        single(self, |w| w.review(person, card, rating, retention))
    }
    fn accept(&self, question: ItemId, answer: i64, person: &str) -> Result<()> {
        // The write as data, so what accepting does (it also marks the
        // answers seen) is said in one place, `store/apply.rs`.
        self.apply(&Write::Accept {
            question,
            answer,
            person: person.to_string(),
        })
        .map(|_| ())
    }
    fn helped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        single(self, |w| w.helped(question, helper, person))
    }
    fn unaccept(&self, question: ItemId, person: &str) -> Result<()> {
        single(self, |w| w.unaccept(question, person))
    }
    fn unhelped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        single(self, |w| w.unhelped(question, helper, person))
    }
    fn mark_answers_seen(&self, person: &str, question: ItemId) -> Result<()> {
        single(self, |w| w.mark_answers_seen(person, question))
    }
}

/// Runs one write in its own batch and hands back its result.
fn single<S: Store + ?Sized, T>(store: &S, f: impl Fn(&dyn Writer) -> Result<T>) -> Result<T> {
    let out = RefCell::new(None);
    store.batch(&|w| {
        *out.borrow_mut() = Some(f(w)?);
        Ok(())
    })?;
    // batch returned Ok, so f ran to completion and set `out`.
    out.into_inner()
        .ok_or_else(|| StoreError::NotAllowed("write produced no result".into()))
}
