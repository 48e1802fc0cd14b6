//! [`PgStore`]: the [`Store`] contract on a PostgreSQL team server.
//!
//! One connection per store, as one SQLite connection per process. Writes
//! run in SERIALIZABLE transactions and are retried on a serialization
//! failure or deadlock, which is what SQLite's `BEGIN IMMEDIATE` gives for
//! free: every read-then-write in `write.rs` sees what it changes. Reads
//! run in one REPEATABLE READ snapshot each. Who acts is the login role
//! (`session_user`); a kiosk login says in every transaction for whom it
//! acts (`leertuin.act_for`), and the server's row-level security checks
//! both. When the connection is lost, calls fail with
//! [`StoreError::Offline`] (so a write keeps its text in a draft) and the
//! store reconnects with a growing pause between tries.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, IsolationLevel, Transaction};

use super::schema;
use super::url::ServerUrl;
use super::{ServerError, backup, engine, merge, nudge, read, reference, search, write};
use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::reference::{RefItem, RefReport, Scope};
use crate::domain::srs::{DueCard, Rating};
use crate::domain::{
    Asked, Backing, BackingKind, Backup, Brought, CardState, Item, ItemId, LessonDone, NewItem,
    Person, Post, Question, Time, now,
};
use crate::store::{
    Health, LessonImport, ListQuery, Matched, MergeReport, Named, NewAnswer, NudgeAsk, NudgeFacts,
    OnChange, ProfileEdit, Result, SearchDoc, SearchMarks, ServerHealth, Store, StoreError,
    TextFilter, Writer,
};

/// The longest pause between two tries to reach a server that is away.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
const FIRST_BACKOFF: Duration = Duration::from_millis(500);

pub struct PgStore {
    url: ServerUrl,
    link: RefCell<Link>,
    /// A kiosk login: it acts for the person each call names. Learnt at
    /// the first connect, as is the next.
    kiosk: Cell<bool>,
    /// The schema is newer than this binary knows: writes are refused.
    newer_schema: Cell<Option<i64>>,
    /// `kiosk` and `newer_schema` are learnt.
    known: Cell<bool>,
    /// How long a write retries a serialization failure in all.
    busy_timeout: Duration,
    /// The person a kiosk last acted for: the one logged in at it, whom
    /// an anonymous question (which names nobody) is asked through.
    acted_for: RefCell<Option<String>>,
    /// Changes the pane has been told of: notifications heard, and
    /// reconnects (after which anything may have changed).
    heard: Cell<i64>,
    /// This connection said `LISTEN leertuin` (again after each reconnect).
    listening: Cell<bool>,
    /// What the watcher ([`Store::watch_changes`]) heard on its own
    /// connection; `None` until one runs (then this one never listens).
    watched: RefCell<Option<Arc<AtomicI64>>>,
}

/// The connection, or why there is none and when to try again.
struct Link {
    client: Option<Client>,
    /// The first connect, made in the background ([`PgStore::open_soon`]).
    pending: Option<Receiver<Result<Opened>>>,
    retry_at: Instant,
    backoff: Duration,
    reason: String,
}

impl PgStore {
    /// Connects, checks the schema and learns whether this is a kiosk.
    /// Nothing is created on the server, whatever the mode.
    pub fn open(url: &ServerUrl, busy_timeout: Duration) -> Result<PgStore> {
        let opened = first_connect(url)?;
        let store = PgStore::unconnected(url, busy_timeout, None);
        store.learn(&opened);
        store.link.borrow_mut().client = Some(opened.client);
        Ok(store)
    }

    /// A store whose first connect runs in the background: the pane draws
    /// its first frame meanwhile. The first call waits for it; a failure
    /// comes from that call (offline: tried again as after a drop).
    pub fn open_soon(url: &ServerUrl, busy_timeout: Duration) -> PgStore {
        let (sent, pending) = mpsc::channel();
        let target = url.clone();
        let started = std::thread::Builder::new()
            .name("leertuin-connect".into())
            .spawn(move || {
                let _ = sent.send(first_connect(&target));
            });
        // Without a thread, the first call connects itself.
        PgStore::unconnected(url, busy_timeout, started.ok().map(|_| pending))
    }

    fn unconnected(
        url: &ServerUrl,
        busy_timeout: Duration,
        pending: Option<Receiver<Result<Opened>>>,
    ) -> PgStore {
        PgStore {
            url: url.clone(),
            link: RefCell::new(Link {
                client: None,
                pending,
                retry_at: Instant::now(),
                backoff: FIRST_BACKOFF,
                reason: String::new(),
            }),
            kiosk: Cell::new(false),
            newer_schema: Cell::new(None),
            known: Cell::new(false),
            busy_timeout,
            acted_for: RefCell::new(None),
            heard: Cell::new(0),
            listening: Cell::new(false),
            watched: RefCell::new(None),
        }
    }

    /// What the first connect found out.
    fn learn(&self, opened: &Opened) {
        self.kiosk.set(opened.kiosk);
        self.newer_schema
            .set((opened.found > schema::LATEST_VERSION).then_some(opened.found));
        self.known.set(true);
    }

    /// A connection: the first one, with what it learns, until one was made.
    fn reconnect(&self) -> Result<Client> {
        if self.known.get() {
            return connect(&self.url);
        }
        let opened = first_connect(&self.url)?;
        self.learn(&opened);
        Ok(opened.client)
    }

    /// Runs `f` on the connection, reconnecting first if it was lost and
    /// the pause since the last try is over. A lost connection is dropped,
    /// so the next call tries again.
    fn with_client<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut link = self.link.borrow_mut();
        if let Some(pending) = link.pending.take() {
            // The background connect's outcome, as if made here.
            let first = pending
                .recv()
                .unwrap_or_else(|_| Err(StoreError::Offline(String::new())));
            match first {
                Ok(opened) => {
                    self.learn(&opened);
                    link.client = Some(opened.client);
                }
                Err(e) => {
                    link.reason = e.to_string();
                    link.retry_at = Instant::now() + link.backoff;
                    link.backoff = (link.backoff * 2).min(MAX_BACKOFF);
                    return Err(e);
                }
            }
        }
        if link.client.as_ref().is_none_or(Client::is_closed) {
            let first = !self.known.get();
            link.client = None;
            if Instant::now() < link.retry_at {
                return Err(StoreError::Offline(link.reason.clone()));
            }
            match self.reconnect() {
                Ok(client) => {
                    link.client = Some(client);
                    link.backoff = FIRST_BACKOFF;
                    self.listening.set(false);
                    // Whatever happened while away is news to the pane.
                    if !first {
                        self.heard.set(self.heard.get() + 1);
                    }
                }
                Err(e) => {
                    link.reason = e.to_string();
                    link.retry_at = Instant::now() + link.backoff;
                    link.backoff = (link.backoff * 2).min(MAX_BACKOFF);
                    return Err(e);
                }
            }
        }
        let Some(client) = link.client.as_mut() else {
            return Err(StoreError::Offline(link.reason.clone()));
        };
        let out = f(client);
        if let Err(StoreError::Offline(reason)) = &out {
            link.reason = reason.clone();
            link.client = None;
            link.retry_at = Instant::now();
        }
        out
    }

    /// Runs `f` in one SERIALIZABLE transaction, retried while the server
    /// reports a conflict with another writer, until the busy timeout.
    fn write<T>(&self, f: impl Fn(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_in(IsolationLevel::Serializable, f)
    }

    /// Like [`PgStore::write`] at another isolation level: READ COMMITTED
    /// for writes that take their own locks first (`wishes.rs`), so each
    /// statement after a lock reads what the last holder committed.
    pub(super) fn write_in<T>(
        &self,
        level: IsolationLevel,
        f: impl Fn(&mut Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        // A serialization failure or deadlock is Busy: retried as on SQLite.
        super::super::retry::while_busy(self.busy_timeout, Duration::from_millis(5), || {
            self.with_client(|client| {
                // Known once connected (a store may open in the background).
                if let Some(found) = self.newer_schema.get() {
                    return Err(StoreError::NewerSchema {
                        found,
                        known: schema::LATEST_VERSION,
                    });
                }
                let mut tx = client.build_transaction().isolation_level(level).start()?;
                let value = f(&mut tx)?;
                tx.commit()?;
                Ok(value)
            })
        })
    }

    /// Runs `f` in one read-only snapshot; a kiosk first says for whom.
    pub(super) fn read<T>(
        &self,
        viewer: Option<&str>,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.with_client(|client| {
            let mut tx = client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            if let Some(viewer) = viewer {
                self.act_for(&mut tx, viewer)?;
            }
            let value = f(&mut tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// On a kiosk login: the rest of this transaction acts for `person`.
    pub(super) fn act_for(&self, tx: &mut Transaction<'_>, person: &str) -> Result<()> {
        if self.kiosk.get() {
            tx.execute("SELECT leertuin.act_for($1)", &[&person])?;
            *self.acted_for.borrow_mut() = Some(person.to_string());
        }
        Ok(())
    }
}

/// What the first connection of a store finds out.
struct Opened {
    client: Client,
    /// The schema version found.
    found: i64,
    kiosk: bool,
}

/// The first connection: it also checks the schema is there and learns
/// whether this login is a kiosk, in the query that shows the server answers.
fn first_connect(url: &ServerUrl) -> Result<Opened> {
    let url = with_schema(url);
    let (client, said) = url
        .connect_then(|client, _| who_and_version(client))
        .map_err(offline)?;
    let (found, _login, kiosk) = said.map_err(|e| match e.code().map(|c| &c.code()[..2]) {
        // A pooler takes the login and passes on the server's refusal with
        // the first query (a wrong password, no such database, too many
        // connections): not reached, as when the login itself is refused.
        Some("28" | "3D" | "53") => offline(url.cannot_connect(&e)),
        _ => StoreError::from(e),
    })?;
    if found == 0 {
        return Err(StoreError::Server(
            crate::t!("server.not-initialised").into_owned(),
        ));
    }
    Ok(Opened {
        client,
        found,
        kiosk,
    })
}

/// Connects as the URL says, finds the tables, and listens for changes.
/// The schema is found through the login's options (no round trip); the
/// connection listens only once [`Store::data_version`] is first asked
/// (a pane, a kiosk), not for a one-shot command.
fn connect(url: &ServerUrl) -> Result<Client> {
    with_schema(url).connect().map_err(offline)
}

fn with_schema(url: &ServerUrl) -> ServerUrl {
    url.with_setting("search_path", "leertuin,pg_catalog")
}

/// Not reached is offline (a write waits in the outbox); anything else
/// the server said is its own error.
fn offline(e: ServerError) -> StoreError {
    match e {
        ServerError::Connect(reason) => StoreError::Offline(reason),
        other => StoreError::Server(other.to_string()),
    }
}

/// The watcher's loop: until `on_change` says nobody listens any more.
/// Each notification, and each connect (what was committed before it
/// listened is unknown: the pane may have loaded just before), counts in
/// `heard` before the call, so `data_version` has moved when the pane
/// looks.
fn listen(url: &ServerUrl, heard: &AtomicI64, on_change: &OnChange) {
    let mut backoff = FIRST_BACKOFF;
    loop {
        if let Ok(mut client) = connect(url)
            && client.batch_execute("LISTEN leertuin").is_ok()
        {
            backoff = FIRST_BACKOFF;
            heard.fetch_add(1, Ordering::SeqCst);
            if !on_change() {
                return;
            }
            let mut notes = client.notifications();
            let mut each = notes.blocking_iter();
            while let Ok(Some(_)) = each.next() {
                heard.fetch_add(1, Ordering::SeqCst);
                if !on_change() {
                    return;
                }
            }
        }
        // Lost or not reached: the pane looks (and finds itself offline
        // on its own connection), and this tries again after a pause.
        if !on_change() {
            return;
        }
        std::thread::sleep(backoff);
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// The schema version (0: none), the login role and whether it is a kiosk.
/// One round trip where the schema is there (a short command such as
/// `nudge` has a 10 ms budget, and each round trip costs a little);
/// otherwise the careful way, which never names a missing table.
fn who_and_version(
    client: &mut Client,
) -> std::result::Result<(i64, String, bool), postgres::Error> {
    let fast = client.query_typed_opt(
        "SELECT version, session_user::text, leertuin.is_kiosk() FROM leertuin.schema_version",
        &[],
    );
    match fast {
        Ok(Some(row)) => return Ok((i64::from(row.get::<_, i32>(0)), row.get(1), row.get(2))),
        Ok(None) => {}
        Err(e)
            if e.code() == Some(&SqlState::UNDEFINED_TABLE)
                || e.code() == Some(&SqlState::UNDEFINED_FUNCTION)
                || e.code() == Some(&SqlState::INVALID_SCHEMA_NAME) => {}
        Err(e) => return Err(e),
    }
    let found = schema::version(client)?;
    if found == 0 {
        return Ok((0, String::new(), false));
    }
    let row = client.query_one("SELECT session_user::text, leertuin.is_kiosk()", &[])?;
    Ok((found, row.get(0), row.get(1)))
}

/// The server's errors in the store's words: a conflict between writers
/// is `Busy` (retried), a refusal by row-level security or a grant is
/// `NotAllowed`, a lost connection `Offline`. Server messages name tables
/// and roles, never a password.
impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        let Some(db) = e.as_db_error() else {
            return StoreError::Offline(crate::t!("server.lost", reason = e).into_owned());
        };
        let code = db.code();
        if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED
        {
            StoreError::Busy
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::NotAllowed(crate::t!("server.refused", reason = db.message()).into_owned())
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            StoreError::ReadOnly
        } else if code.code().starts_with("08") || code.code().starts_with("57P") || e.is_closed() {
            StoreError::Offline(crate::t!("server.lost", reason = db.message()).into_owned())
        } else {
            StoreError::Backend(db.message().to_string())
        }
    }
}

impl From<ServerError> for StoreError {
    fn from(e: ServerError) -> Self {
        match e {
            ServerError::Connect(reason) => StoreError::Offline(reason),
            ServerError::Invalid(v) => StoreError::Invalid(v),
            ServerError::NewerSchema { found, known } => StoreError::NewerSchema { found, known },
            other => StoreError::Server(other.to_string()),
        }
    }
}

/// A [`Writer`] over one open server transaction.
struct PgWriter<'s, 't, 'c> {
    store: &'s PgStore,
    tx: RefCell<&'t mut Transaction<'c>>,
    at: Cell<i64>,
}

impl PgWriter<'_, '_, '_> {
    /// Runs one write for `person` (a kiosk says so to the server first).
    fn as_<T>(&self, person: &str, f: impl FnOnce(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut tx = self.tx.borrow_mut();
        self.store.act_for(&mut tx, person)?;
        f(&mut tx)
    }
}

impl Writer for PgWriter<'_, '_, '_> {
    fn ensure_person(&self, handle: &str) -> Result<Person> {
        self.as_(handle, |tx| write::ensure_person(tx, self.at.get(), handle))
    }
    fn edit_person(&self, handle: &str, edit: &ProfileEdit) -> Result<Person> {
        self.as_(handle, |tx| {
            write::edit_person(tx, self.at.get(), handle, edit)
        })
    }
    fn add(&self, item: &NewItem) -> Result<ItemId> {
        // An anonymous question has no author; a kiosk asks it for the
        // person it last acted for (the one logged in at it).
        let mut tx = self.tx.borrow_mut();
        let last = self.store.acted_for.borrow().clone();
        if let Some(author) = write::author(item).map(str::to_string).or(last) {
            self.store.act_for(&mut tx, &author)?;
        }
        write::add(&mut tx, self.at.get(), item)
    }
    fn answer(&self, question: ItemId, author: &str, body: &str) -> Result<i64> {
        self.as_(author, |tx| {
            write::answer(tx, self.at.get(), question, author, body)
        })
    }
    fn back(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
        minutes: Option<i64>,
    ) -> Result<()> {
        self.as_(person, |tx| {
            write::back(tx, self.at.get(), question, person, kind, minutes)
        })
    }
    fn vote(&self, tip: ItemId, person: &str) -> Result<bool> {
        self.as_(person, |tx| write::vote(tx, self.at.get(), tip, person))
    }
    fn edit(&self, post: Post, person: &str, text: &str) -> Result<String> {
        self.as_(person, |tx| {
            write::edit(tx, self.at.get(), post, person, text)
        })
    }
    fn set_tags(&self, item: ItemId, person: &str, tags: &[String]) -> Result<Vec<String>> {
        self.as_(person, |tx| {
            write::set_tags(tx, self.at.get(), item, person, tags)
        })
    }
    fn delete(&self, post: Post, person: &str) -> Result<String> {
        self.as_(person, |tx| write::delete(tx, self.at.get(), post, person))
    }
    fn restore(&self, post: Post, person: &str, text: &str) -> Result<()> {
        self.as_(person, |tx| write::restore(tx, post, person, text))
    }
    fn withdraw(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
    ) -> Result<Option<Backing>> {
        self.as_(person, |tx| write::withdraw(tx, question, person, kind))
    }
    fn unvote(&self, tip: ItemId, person: &str) -> Result<bool> {
        self.as_(person, |tx| write::unvote(tx, tip, person))
    }
    fn claim(&self, key: &str, person: &str) -> Result<bool> {
        self.as_(person, |tx| write::claim(tx, self.at.get(), key, person))
    }
    fn set_person_pin(&self, handle: &str, hash: &str) -> Result<()> {
        self.as_(handle, |tx| {
            write::set_person_pin(tx, self.at.get(), handle, hash)
        })
    }
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()> {
        self.as_(person, |tx| {
            engine::mark_done(tx, self.at.get(), person, lesson, reflection, brought)
        })
    }
    fn unmark_done(&self, person: &str, lesson: ItemId) -> Result<bool> {
        self.as_(person, |tx| engine::unmark_done(tx, person, lesson))
    }
    fn remember(&self, person: &str, tip: ItemId) -> Result<bool> {
        self.as_(person, |tx| {
            engine::remember(tx, self.at.get(), person, tip)
        })
    }
    fn review(
        &self,
        person: &str,
        card: &str,
        rating: Rating,
        retention: f64,
    ) -> Result<CardState> {
        self.as_(person, |tx| {
            engine::record_review(tx, self.at.get(), person, card, rating, retention)
        })
    }
    fn accept(&self, question: ItemId, answer: i64, person: &str) -> Result<()> {
        self.as_(person, |tx| engine::accept(tx, question, answer, person))
    }
    fn helped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        self.as_(person, |tx| engine::helped(tx, question, helper, person))
    }
    fn unaccept(&self, question: ItemId, person: &str) -> Result<()> {
        self.as_(person, |tx| engine::unaccept(tx, question, person))
    }
    fn unhelped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        self.as_(person, |tx| engine::unhelped(tx, question, helper, person))
    }
    fn mark_answers_seen(&self, person: &str, question: ItemId) -> Result<()> {
        self.as_(person, |tx| write::mark_seen(tx, person, question))
    }
    fn backdate(&self, at: Time) {
        self.at.set(at.timestamp_millis());
    }
}

impl Store for PgStore {
    fn batch(&self, f: &dyn Fn(&dyn Writer) -> Result<()>) -> Result<()> {
        self.write(|tx| {
            let writer = PgWriter {
                store: self,
                tx: RefCell::new(tx),
                at: Cell::new(now().timestamp_millis()),
            };
            f(&writer)
        })
    }

    fn person(&self, handle: &str) -> Result<Option<Person>> {
        self.read(None, |tx| read::person(tx, handle))
    }

    fn person_pin(&self, handle: &str) -> Result<Option<String>> {
        self.read(Some(handle), |tx| read::person_pin(tx, handle))
    }

    fn persons(&self) -> Result<Vec<Person>> {
        self.read(None, read::persons)
    }

    fn lessons_done(&self, person: &str) -> Result<Vec<LessonDone>> {
        self.read(Some(person), |tx| read::lessons_done(tx, Some(person)))
    }

    fn get(&self, id: ItemId, viewer: &str) -> Result<Item> {
        self.read(Some(viewer), |tx| read::get(tx, id, viewer))
    }

    fn list(&self, query: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
        self.read(Some(viewer), |tx| read::list(tx, query, viewer))
    }

    fn count(&self, query: &ListQuery, viewer: &str) -> Result<usize> {
        self.read(Some(viewer), |tx| read::count(tx, query, viewer))
    }

    fn each_search_doc(
        &self,
        viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        self.read(Some(viewer), |tx| {
            read::each_search_doc(tx, viewer, after, each)
        })
    }

    /// Narrowed on the server (`search.rs`): only what may match is sent.
    fn each_search_doc_matching(
        &self,
        viewer: &str,
        filter: &TextFilter,
        read: Option<&Named>,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<Matched> {
        self.read(Some(viewer), |tx| {
            search::each_search_doc_matching(tx, viewer, filter, read, each)
        })
    }

    fn change_mark(&self, viewer: &str) -> Result<crate::store::ChangeMark> {
        self.read(Some(viewer), read::change_mark)
    }

    fn due_cards(&self, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
        self.read(Some(person), |tx| engine::due_cards(tx, person, now, limit))
    }

    fn open_questions(&self, limit: usize) -> Result<Vec<Question>> {
        self.read(None, |tx| engine::open_questions_by_backing(tx, limit))
    }

    fn asked(&self, person: &str, limit: usize) -> Result<Vec<Asked>> {
        self.read(Some(person), |tx| read::asked(tx, person, limit))
    }

    fn newest_unseen_answer(&self, person: &str) -> Result<Option<NewAnswer>> {
        self.read(Some(person), |tx| read::newest_unseen(tx, person))
    }

    fn answer_counts(&self, since: Time) -> Result<Vec<(String, i64)>> {
        self.read(None, |tx| engine::answer_counts(tx, since))
    }

    fn insight_facts(&self, person: Option<&str>, since: Time) -> Result<Facts> {
        self.read(person, |tx| engine::insight_facts(tx, person, since))
    }

    fn nudge_facts(&self, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
        // Connected first: what is checked next is learnt then.
        self.with_client(|_| Ok(()))?;
        if let Some(found) = self.newer_schema.get() {
            return Err(StoreError::NewerSchema {
                found,
                known: schema::LATEST_VERSION,
            });
        }
        // One snapshot, wishes included: its BEGIN and COMMIT cost two
        // round trips, the four transactions the wish facts had before ten.
        self.read(Some(ask.person), |tx| nudge::facts(tx, ask))
    }

    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport> {
        let at = now().timestamp_millis();
        self.write(|tx| write::import_lessons(tx, at, lessons))
    }

    fn import_reference(&self, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
        let at = now().timestamp_millis();
        self.write(|tx| reference::import(tx, at, scope, items))
    }

    fn export(&self) -> Result<Backup> {
        self.read(None, backup::export)
    }

    fn import(&self, data: &Backup) -> Result<()> {
        self.write(|tx| backup::import(tx, data))
    }

    fn merge(&self, data: &Backup) -> Result<MergeReport> {
        self.write(|tx| merge::merge(tx, data))
    }

    fn health(&self) -> Result<Health> {
        self.with_client(|client| {
            let start = Instant::now();
            client.simple_query("SELECT 1")?;
            let round_trip = start.elapsed();
            let row = client.query_one(
                "SELECT current_setting('server_version'),
                        coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false),
                        (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'leertuin' AND c.relkind IN ('r', 'p'))",
                &[],
            )?;
            Ok(Health::Server(ServerHealth {
                server_version: row.get(0),
                schema_version: schema::version(client)?,
                known_version: schema::LATEST_VERSION,
                secured_tables: schema::secured_tables(client)?,
                tables: row.get(2),
                tls: row.get(1),
                search_indexes: schema::search_indexes(client)?,
                round_trip,
            }))
        })
    }

    fn wish_store(&self) -> Option<&dyn crate::store::Wishes> {
        Some(self)
    }

    fn check_integrity(&self) -> Result<()> {
        // The server keeps its own files whole (WAL, checksums): there is
        // no file of ours to check.
        Ok(())
    }

    /// What the server has told this connection since it opened: no
    /// query, only a look at what arrived on the socket.
    fn data_version(&self) -> Result<i64> {
        let watched = self.watched.borrow().clone();
        self.with_client(|client| {
            if !self.listening.get() && watched.is_none() {
                client.batch_execute("LISTEN leertuin")?;
                self.listening.set(true);
            }
            let mut heard = 0;
            {
                // A zero timeout, not `iter()`: that one looks only at
                // what the runtime has already read, and nothing turns the
                // runtime between calls; a zero wait lets it read the
                // socket once (a system call, no message to the server).
                let mut notes = client.notifications();
                let mut pending = notes.timeout_iter(Duration::ZERO);
                while pending.next()?.is_some() {
                    heard += 1;
                }
            }
            // The iterator also ends when the server has gone away.
            if client.is_closed() {
                return Err(StoreError::Offline(
                    crate::t!("server.lost", reason = "closed").into_owned(),
                ));
            }
            Ok(heard)
        })
        .map(|heard| {
            self.heard.set(self.heard.get() + heard);
            let pushed = watched.map_or(0, |w| w.load(Ordering::SeqCst));
            self.heard.get() + pushed
        })
    }

    /// A thread of its own with a connection of its own that blocks on
    /// `LISTEN leertuin` and calls `on_change` for each notification: the
    /// pane's own connection cannot wait on the socket while the pane
    /// waits for keys. Reconnects with the same backoff as the store.
    fn watch_changes(&self, on_change: OnChange) -> bool {
        let heard = Arc::new(AtomicI64::new(0));
        let url = self.url.clone();
        let count = Arc::clone(&heard);
        let started = std::thread::Builder::new()
            .name("leertuin-listen".into())
            .spawn(move || listen(&url, &count, &on_change));
        if started.is_err() {
            return false;
        }
        *self.watched.borrow_mut() = Some(heard);
        true
    }
}
