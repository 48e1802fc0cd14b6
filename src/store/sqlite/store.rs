//! The SQLite backend: opening a shared file safely, and the transaction
//! discipline that lets many processes write at once without losing anything.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::{
    asked, backup, engine, file, health, merge, migrate, nudge, own, read, reference, write,
};
use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::reference::{RefItem, RefReport, Scope};
use crate::domain::srs::{DueCard, Rating};
use crate::domain::validate;
use crate::domain::{
    Asked, Backing, BackingKind, Backup, Brought, CardState, Item, ItemId, LessonDone, NewItem,
    Person, Post, Question, Time, now,
};
use crate::store::open::WRITE_WAIT;
use crate::store::rows::time_to_sql;
use crate::store::{
    Health, LessonImport, ListQuery, Matched, Mode, Named, NewAnswer, NudgeAsk, NudgeFacts,
    ProfileEdit, Result, SearchDoc, SearchMarks, Store, StoreError, TextFilter, Writer,
};

/// How a caller wants the file opened.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Read only, write, or write and create if missing.
    pub mode: Mode,
    /// How long a write waits for a busy file, in all: a statement's
    /// busy timeout and the retries on top of it together.
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            mode: Mode::Create,
            busy_timeout: WRITE_WAIT,
        }
    }
}

pub struct SqliteStore {
    /// In a cell so a store opened read-only can take a writing
    /// connection once the person may write (an admin fixed the mode).
    conn: RefCell<Connection>,
    path: PathBuf,
    /// Set when the file has a newer schema than this binary knows: reads
    /// are still attempted, writes are refused.
    newer_schema: Option<i64>,
    /// Opened read-only: writes are refused before they reach the file,
    /// until the file becomes writable.
    read_only: Cell<bool>,
    /// The device and inode of the file that was opened: a write checks
    /// the path still names it, so a database removed or replaced while
    /// open is not written into unseen.
    file_id: Cell<(u64, u64)>,
    /// Found damaged after it was opened: writes are refused as `Corrupt`.
    damaged: std::cell::Cell<bool>,
    busy_timeout: Duration,
}

impl SqliteStore {
    /// Opens (and if needed creates and migrates) the database at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_with(path, &OpenOptions::default())
    }

    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<SqliteStore> {
        let wait = options.busy_timeout;
        match options.mode {
            Mode::Read => SqliteStore::open_read(path, wait),
            Mode::Write => {
                file::existing(path)?;
                SqliteStore::open_write(path, wait)
            }
            Mode::Create => {
                match file::existing(path) {
                    Err(StoreError::Missing(_)) => {
                        file::create(path, |tmp| SqliteStore::open_write(tmp, wait).map(drop))?;
                    }
                    other => other?,
                }
                SqliteStore::open_write(path, wait)
            }
        }
    }

    /// Makes a new database at `path` and fills it (a restore) before
    /// anyone can see it: in the temporary file that is linked into place
    /// only when `fill` succeeded, so a refused fill leaves no file and no
    /// folder. `None` when a database was there already (or another process
    /// made one meanwhile): the caller opens that one instead.
    pub fn create_filled<T>(
        path: &Path,
        fill: impl FnOnce(&SqliteStore) -> Result<T>,
    ) -> Result<Option<T>> {
        if !matches!(file::existing(path), Err(StoreError::Missing(_))) {
            return Ok(None);
        }
        let mut out = None;
        let linked = file::create(path, |tmp| {
            let store = SqliteStore::open_write(tmp, WRITE_WAIT)?;
            out = Some(fill(&store)?);
            Ok(())
        })?;
        Ok(out.filter(|_| linked))
    }

    /// `leertuin init`: a new database, or a zero-byte file made into one
    /// in place (keeping the owner and mode someone gave it). True when it
    /// made one.
    pub fn init(path: &Path) -> Result<bool> {
        match file::existing(path) {
            Err(StoreError::Missing(_)) => {
                SqliteStore::open(path)?;
                Ok(true)
            }
            Err(StoreError::Empty(_)) => {
                SqliteStore::open_write(path, WRITE_WAIT)?;
                Ok(true)
            }
            Err(e) => Err(e),
            Ok(()) => {
                SqliteStore::open_write(path, WRITE_WAIT)?;
                Ok(false)
            }
        }
    }

    /// Opens an existing database to read. When this person can't write the
    /// file, and nobody has it open (no `-shm`), it is opened immutable, so
    /// the read leaves no `-shm` behind: one owned by a reader who can't
    /// write would block every later writer. An older schema is brought up
    /// to date first when the person may write.
    fn open_read(path: &Path, wait: Duration) -> Result<SqliteStore> {
        file::existing(path)?;
        let writable = file::can_write(path);
        let shm_there = file::sidecar(path, "-shm").exists();
        let mut store = SqliteStore::connect_read(path, wait, !writable && !shm_there)?;
        if let Err(e) = store.note_schema() {
            let e = store.classify(e);
            let no_shm = !shm_there && matches!(e, StoreError::ReadOnly | StoreError::Backend(_));
            if !(no_shm || matches!(e, StoreError::DiskFull)) {
                return Err(e);
            }
            // The `-shm` could not be made or grown (a read-only folder, a
            // full disk): read the file as it is, so reading still works.
            store = SqliteStore::connect_read(path, wait, true)?;
            store.note_schema().map_err(|e| store.classify(e))?;
        }
        let version = migrate::user_version(store.conn.get_mut())?;
        if version == 0 {
            return Err(StoreError::Corrupt);
        }
        if version < migrate::LATEST_VERSION && writable {
            drop(store);
            return SqliteStore::open_write(path, wait);
        }
        Ok(store)
    }

    fn connect_read(path: &Path, wait: Duration, immutable: bool) -> Result<SqliteStore> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.busy_timeout(wait)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        Ok(SqliteStore {
            conn: RefCell::new(conn),
            path: path.to_path_buf(),
            newer_schema: None,
            read_only: Cell::new(true),
            file_id: Cell::new(file::identity(path)?),
            damaged: Cell::new(false),
            busy_timeout: wait,
        })
    }

    /// Opens an existing file to read and write; sets WAL and migrates.
    fn open_write(path: &Path, wait: Duration) -> Result<SqliteStore> {
        if !file::can_write(path) {
            return Err(StoreError::ReadOnly);
        }
        let shm = file::sidecar(path, "-shm");
        if shm.exists() && !file::can_write_file(&shm) {
            return Err(StoreError::StaleShm(shm));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(wait)?;
        let mut store = SqliteStore {
            conn: RefCell::new(conn),
            path: path.to_path_buf(),
            newer_schema: None,
            read_only: Cell::new(false),
            file_id: Cell::new(file::identity(path)?),
            damaged: Cell::new(false),
            busy_timeout: wait,
        };
        store.setup_write().map_err(|e| store.classify(e))?;
        Ok(store)
    }

    fn setup_write(&mut self) -> Result<()> {
        self.conn
            .get_mut()
            .pragma_update(None, "foreign_keys", true)?;
        self.retry(|| {
            // Persisted in the file: only the first opener pays for it.
            let conn = self.conn.borrow();
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))?;
            }
            Ok(())
        })?;
        // WAL with NORMAL is durable against application crashes and fast;
        // a power cut may lose the last commits but never corrupts the file.
        self.conn
            .get_mut()
            .pragma_update(None, "synchronous", "NORMAL")?;
        self.note_schema()?;
        if self.newer_schema.is_none()
            && migrate::user_version(self.conn.get_mut())? < migrate::LATEST_VERSION
        {
            self.write(|tx| migrate::migrate(tx))?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn note_schema(&mut self) -> Result<()> {
        let found = migrate::user_version(self.conn.get_mut())?;
        self.newer_schema = (found > migrate::LATEST_VERSION).then_some(found);
        Ok(())
    }

    /// An I/O failure on a disk with no room left is the disk being full,
    /// whatever code the failing call reported.
    fn classify(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Backend(_) if self.out_of_room() => StoreError::DiskFull,
            other => other,
        }
    }

    /// The last failed call ran out of room (no space, quota, file size
    /// limit), or the disk has next to no room left.
    fn out_of_room(&self) -> bool {
        // SAFETY: the handle is this open connection's; sqlite3_system_errno
        // only reads the error number of its last failed system call.
        let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(self.conn.borrow().handle()) };
        matches!(errno, libc::ENOSPC | libc::EDQUOT | libc::EFBIG) || file::disk_is_full(&self.path)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken
    /// up front, so a transaction never reads, then fails to upgrade to a
    /// writer (the SQLITE_BUSY that a busy timeout cannot wait out).
    pub(super) fn write<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        self.check_file()?;
        if self.read_only.get() {
            self.reopen_for_writing()?;
        }
        if self.damaged.get() {
            return Err(StoreError::Corrupt);
        }
        if let Some(found) = self.newer_schema {
            return Err(StoreError::NewerSchema {
                found,
                known: migrate::LATEST_VERSION,
            });
        }
        self.transaction(TransactionBehavior::Immediate, f)
    }

    /// Before each write: is the path still the file that was opened, and
    /// may this person write it? Unix lets an open descriptor write into a
    /// file that was removed (or `chmod 444`ed) meanwhile; acknowledging
    /// such a write would lose it. A `stat` and an `access`, ~2 µs.
    fn check_file(&self) -> Result<()> {
        match file::identity(&self.path) {
            Ok(id) if id == self.file_id.get() => {}
            Ok(_) | Err(StoreError::Missing(_)) => {
                return Err(StoreError::Gone(self.path.clone()));
            }
            Err(e) => return Err(e),
        }
        if !file::can_write(&self.path) {
            return Err(StoreError::ReadOnly);
        }
        Ok(())
    }

    /// A store opened read-only whose file this person may write now: it
    /// takes a writing connection, so fixing the mode is enough, no restart.
    fn reopen_for_writing(&self) -> Result<()> {
        let writer = SqliteStore::open_write(&self.path, self.busy_timeout)?;
        self.conn.replace(writer.conn.into_inner());
        self.file_id.set(writer.file_id.get());
        self.read_only.set(false);
        Ok(())
    }

    /// Runs `f` in a short read transaction, so several statements see one
    /// snapshot; it ends before returning, so no read is held while idle.
    pub(super) fn read<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        self.transaction(TransactionBehavior::Deferred, f)
    }

    fn transaction<T>(
        &self,
        behavior: TransactionBehavior,
        f: impl Fn(&Transaction) -> Result<T>,
    ) -> Result<T> {
        self.retry(|| {
            let conn = self.conn.borrow();
            let tx = Transaction::new_unchecked(&conn, behavior)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .map_err(|e| self.classify(e))
    }

    /// Retries `f` while the file is busy, until the busy timeout has passed
    /// in all: a write never waits much longer than that (it used to be
    /// eight full timeouts), then it is the caller's to keep the text.
    fn retry<T>(&self, f: impl Fn() -> Result<T>) -> Result<T> {
        crate::store::retry::while_busy(self.busy_timeout, Duration::from_millis(10), f)
    }
}

/// rusqlite's errors in the store's words: busy and locked are transient,
/// read-only is the person's permissions, corrupt and not-a-database mean
/// a damaged file, and the rest is the backend's own message.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt,
            _ => StoreError::Backend(e.to_string()),
        }
    }
}

/// A path as the file part of an SQLite URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// A [`Writer`] over one open transaction.
struct TxWriter<'a> {
    tx: &'a Connection,
    at: Cell<i64>,
}

impl Writer for TxWriter<'_> {
    fn ensure_person(&self, handle: &str) -> Result<Person> {
        write::ensure_person(self.tx, self.at.get(), handle)
    }
    fn edit_person(&self, handle: &str, edit: &ProfileEdit) -> Result<Person> {
        write::edit_person(self.tx, self.at.get(), handle, edit)
    }
    fn add(&self, item: &NewItem) -> Result<ItemId> {
        write::add(self.tx, self.at.get(), item)
    }
    fn answer(&self, question: ItemId, author: &str, body: &str) -> Result<i64> {
        write::answer(self.tx, self.at.get(), question, author, body)
    }
    fn back(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
        minutes: Option<i64>,
    ) -> Result<()> {
        write::back(self.tx, self.at.get(), question, person, kind, minutes)
    }
    fn vote(&self, tip: ItemId, person: &str) -> Result<bool> {
        write::vote(self.tx, self.at.get(), tip, person)
    }
    fn edit(&self, post: Post, person: &str, text: &str) -> Result<String> {
        own::edit(
            self.tx,
            self.at.get(),
            post,
            &validate::handle(person)?,
            text,
        )
    }
    fn set_tags(&self, item: ItemId, person: &str, tags: &[String]) -> Result<Vec<String>> {
        own::set_tags(
            self.tx,
            self.at.get(),
            item,
            &validate::handle(person)?,
            tags,
        )
    }
    fn delete(&self, post: Post, person: &str) -> Result<String> {
        own::delete(self.tx, self.at.get(), post, &validate::handle(person)?)
    }
    fn restore(&self, post: Post, person: &str, text: &str) -> Result<()> {
        own::restore(self.tx, post, &validate::handle(person)?, text)
    }
    fn withdraw(
        &self,
        question: ItemId,
        person: &str,
        kind: BackingKind,
    ) -> Result<Option<Backing>> {
        own::withdraw(self.tx, question, &validate::handle(person)?, kind)
    }
    fn unvote(&self, tip: ItemId, person: &str) -> Result<bool> {
        own::unvote(self.tx, tip, &validate::handle(person)?)
    }
    fn set_person_pin(&self, handle: &str, hash: &str) -> Result<()> {
        let at = self.at.get();
        let handle = write::ensure_handle(self.tx, at, handle)?;
        write::set_person_pin(self.tx, at, &handle, hash)
    }
    /// On a file the key is enough: who may write is the file's business.
    fn claim(&self, key: &str, _person: &str) -> Result<bool> {
        write::claim(self.tx, self.at.get(), key)
    }
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()> {
        write::mark_done(self.tx, self.at.get(), person, lesson, reflection, brought)
    }
    fn unmark_done(&self, person: &str, lesson: ItemId) -> Result<bool> {
        write::unmark_done(self.tx, person, lesson)
    }
    fn remember(&self, person: &str, tip: ItemId) -> Result<bool> {
        let person = write::ensure_handle(self.tx, self.at.get(), person)?;
        engine::remember(self.tx, self.at.get(), &person, tip)
    }
    fn review(
        &self,
        person: &str,
        card: &str,
        rating: Rating,
        retention: f64,
    ) -> Result<CardState> {
        engine::record_review(self.tx, self.at.get(), person, card, rating, retention)
    }
    fn accept(&self, question: ItemId, answer: i64, person: &str) -> Result<()> {
        engine::accept(self.tx, question, answer, person)
    }
    fn helped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        engine::helped(self.tx, question, helper, person)
    }
    fn unaccept(&self, question: ItemId, person: &str) -> Result<()> {
        engine::unaccept(self.tx, question, person)
    }
    fn unhelped(&self, question: ItemId, helper: &str, person: &str) -> Result<()> {
        engine::unhelped(self.tx, question, helper, person)
    }
    fn mark_answers_seen(&self, person: &str, question: ItemId) -> Result<()> {
        asked::mark_seen(self.tx, person, question)
    }
    fn backdate(&self, at: Time) {
        self.at.set(time_to_sql(at));
    }
}

impl Store for SqliteStore {
    fn batch(&self, f: &dyn Fn(&dyn Writer) -> Result<()>) -> Result<()> {
        self.write(|tx| {
            let writer = TxWriter {
                tx,
                at: Cell::new(time_to_sql(now())),
            };
            f(&writer)
        })
    }

    fn person(&self, handle: &str) -> Result<Option<Person>> {
        self.read(|tx| read::person(tx, handle))
    }

    fn person_pin(&self, handle: &str) -> Result<Option<String>> {
        self.read(|tx| read::person_pin(tx, handle))
    }

    fn persons(&self) -> Result<Vec<Person>> {
        self.read(|tx| read::persons(tx))
    }

    fn lessons_done(&self, person: &str) -> Result<Vec<LessonDone>> {
        self.read(|tx| read::lessons_done(tx, Some(person)))
    }

    fn get(&self, id: ItemId, viewer: &str) -> Result<Item> {
        self.read(|tx| read::get(tx, id, viewer))
    }

    fn list(&self, query: &ListQuery, viewer: &str) -> Result<Vec<Item>> {
        self.read(|tx| read::list(tx, query, viewer))
    }

    fn count(&self, query: &ListQuery, viewer: &str) -> Result<usize> {
        self.read(|tx| read::count(tx, query, viewer))
    }

    fn each_search_doc(
        &self,
        viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        // Not through `read`: a retry would hand out the first docs twice.
        // One statement per kind, each its own short read.
        read::each_search_doc(&self.conn.borrow(), viewer, after, each)
    }

    fn change_mark(&self, _viewer: &str) -> Result<crate::store::ChangeMark> {
        self.read(|tx| read::change_mark(tx))
    }

    fn each_search_doc_matching(
        &self,
        viewer: &str,
        filter: &TextFilter,
        read: Option<&Named>,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<Matched> {
        read::each_search_doc_matching(&self.conn.borrow(), viewer, filter, read, each)
    }

    fn nudge_facts(&self, ask: &NudgeAsk) -> Result<Option<NudgeFacts>> {
        if let Some(found) = self.newer_schema {
            // Its tables may mean something else now: say nothing.
            return Err(StoreError::NewerSchema {
                found,
                known: migrate::LATEST_VERSION,
            });
        }
        // One snapshot, no retry loop: a status line must not sleep, so a
        // busy file is an error the caller turns into silence.
        let conn = self.conn.borrow();
        let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Deferred)?;
        let facts = nudge::facts(&tx, ask)?;
        tx.commit()?;
        Ok(facts)
    }

    fn due_cards(&self, person: &str, now: Time, limit: usize) -> Result<Vec<DueCard>> {
        self.read(|tx| engine::due_cards(tx, person, now, limit))
    }

    fn open_questions(&self, limit: usize) -> Result<Vec<Question>> {
        self.read(|tx| engine::open_questions_by_backing(tx, limit))
    }

    fn asked(&self, person: &str, limit: usize) -> Result<Vec<Asked>> {
        self.read(|tx| asked::asked(tx, person, limit))
    }

    fn newest_unseen_answer(&self, person: &str) -> Result<Option<NewAnswer>> {
        self.read(|tx| asked::newest_unseen(tx, person))
    }

    fn answer_counts(&self, since: Time) -> Result<Vec<(String, i64)>> {
        self.read(|tx| engine::answer_counts(tx, since))
    }

    fn insight_facts(&self, person: Option<&str>, since: Time) -> Result<Facts> {
        self.read(|tx| engine::insight_facts(tx, person, since))
    }

    fn import_lessons(&self, lessons: &[LessonFile]) -> Result<LessonImport> {
        self.write(|tx| write::import_lessons(tx, time_to_sql(now()), lessons))
    }

    fn import_reference(&self, scope: &Scope, items: &[RefItem]) -> Result<RefReport> {
        self.write(|tx| reference::import(tx, time_to_sql(now()), scope, items))
    }

    fn export(&self) -> Result<Backup> {
        self.read(|tx| backup::export(tx))
    }

    fn import(&self, data: &Backup) -> Result<()> {
        self.write(|tx| backup::import(tx, data))
    }

    fn merge(&self, data: &Backup) -> Result<crate::store::MergeReport> {
        self.write(|tx| merge::merge(tx, data))
    }

    fn health(&self) -> Result<Health> {
        health::check(&self.conn.borrow(), &self.path)
    }

    fn check_integrity(&self) -> Result<()> {
        // quick_check(1): stop at the first problem; one is enough to refuse.
        let found: String =
            self.read(|tx| Ok(tx.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?))?;
        if found == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt)
        }
    }

    fn refuse_writes_as_damaged(&self) {
        self.damaged.set(true);
    }

    fn wish_store(&self) -> Option<&dyn crate::store::Wishes> {
        Some(self)
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .borrow()
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
