//! The SQLite backend: opening a shared file safely, and the transaction
//! discipline that lets many processes write at once without losing anything.

use std::cell::Cell;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::rows::time_to_sql;
use super::{
    Health, LessonImport, ListQuery, NewAnswer, NudgeAsk, NudgeFacts, ProfileEdit, Result,
    SearchDoc, SearchMarks, Store, StoreError, Writer, asked, backup, engine, health, migrate,
    nudge, own, read, write,
};
use crate::domain::insights::Facts;
use crate::domain::lesson::LessonFile;
use crate::domain::srs::{DueCard, Rating};
use crate::domain::validate;
use crate::domain::{
    Asked, Backing, BackingKind, Backup, Brought, CardState, Item, ItemId, LessonDone, NewItem,
    Person, Post, Question, Time, now,
};

/// How a caller wants the file opened.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Never write, never create (status-line nudges).
    pub read_only: bool,
    /// How long one statement waits for a lock before SQLITE_BUSY.
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read_only: false,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// Times a whole transaction is retried after SQLITE_BUSY. With
/// `BEGIN IMMEDIATE` and a busy timeout this is rare (WAL recovery, a
/// checkpoint racing a reader), so a few attempts are plenty.
const MAX_ATTEMPTS: u32 = 8;

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// Set when the file has a newer schema than this binary knows: reads
    /// are still attempted, writes are refused.
    newer_schema: Option<i64>,
}

impl SqliteStore {
    /// Opens (and if needed creates and migrates) the database at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_with(path, &OpenOptions::default())
    }

    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<SqliteStore> {
        let io_err = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let conn = if options.read_only {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        } else {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(dir) = dir {
                std::fs::create_dir_all(dir).map_err(io_err)?;
            }
            let existed = path.exists();
            let conn = Connection::open(path)?;
            if !existed {
                share_with_group(path, dir).map_err(io_err)?;
            }
            conn
        };
        conn.busy_timeout(options.busy_timeout)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            newer_schema: None,
        };
        store.conn.pragma_update(None, "foreign_keys", true)?;
        if options.read_only {
            store.note_schema()?;
            return Ok(store);
        }
        store.retry(|| {
            // Persisted in the file: only the first opener pays for it.
            let mode: String = store
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                store
                    .conn
                    .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))?;
            }
            Ok(())
        })?;
        // WAL with NORMAL is durable against application crashes and fast;
        // a power cut may lose the last commits but never corrupts the file.
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        store.note_schema()?;
        if store.newer_schema.is_none()
            && migrate::user_version(&store.conn)? < migrate::LATEST_VERSION
        {
            store.write(|tx| migrate::migrate(tx))?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn note_schema(&mut self) -> Result<()> {
        let found = migrate::user_version(&self.conn)?;
        self.newer_schema = (found > migrate::LATEST_VERSION).then_some(found);
        Ok(())
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken
    /// up front, so a transaction never reads, then fails to upgrade to a
    /// writer (the SQLITE_BUSY that a busy timeout cannot wait out).
    fn write<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        if let Some(found) = self.newer_schema {
            return Err(StoreError::NewerSchema {
                found,
                known: migrate::LATEST_VERSION,
            });
        }
        self.transaction(TransactionBehavior::Immediate, f)
    }

    /// Runs `f` in a short read transaction, so several statements see one
    /// snapshot; it ends before returning, so no read is held while idle.
    fn read<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        self.transaction(TransactionBehavior::Deferred, f)
    }

    fn transaction<T>(
        &self,
        behavior: TransactionBehavior,
        f: impl Fn(&Transaction) -> Result<T>,
    ) -> Result<T> {
        self.retry(|| {
            let tx = Transaction::new_unchecked(&self.conn, behavior)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// Retries `f` a bounded number of times while SQLite says BUSY/LOCKED.
    fn retry<T>(&self, f: impl Fn() -> Result<T>) -> Result<T> {
        let mut attempt = 1;
        loop {
            match f() {
                Err(StoreError::Sqlite(e)) if is_busy(&e) && attempt < MAX_ATTEMPTS => {
                    // Back off with jitter so retrying processes do not collide again.
                    let ms = 10u64 * (1 << attempt.min(6)) + fastrand::u64(0..20);
                    thread::sleep(Duration::from_millis(ms));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// When the database lives in a setgid directory (the usual way to share a
/// folder with a team), make the new file group-writable. SQLite gives the
/// `-wal` and `-shm` files the main file's permissions, so this is enough.
fn share_with_group(path: &Path, dir: Option<&Path>) -> std::io::Result<()> {
    let dir = dir.unwrap_or(Path::new("."));
    let setgid = std::fs::metadata(dir)?.permissions().mode() & 0o2000 != 0;
    if setgid {
        let mut perms = std::fs::metadata(path)?.permissions();
        perms.set_mode(perms.mode() | 0o060);
        std::fs::set_permissions(path, perms)?;
    }
    Ok(())
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
    fn mark_done_with(
        &self,
        person: &str,
        lesson: ItemId,
        reflection: Option<&str>,
        brought: Option<Brought>,
    ) -> Result<()> {
        write::mark_done(self.tx, self.at.get(), person, lesson, reflection, brought)
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

    fn each_search_doc(
        &self,
        viewer: &str,
        after: &SearchMarks,
        each: &mut dyn FnMut(SearchDoc),
    ) -> Result<()> {
        // Not through `read`: a retry would hand out the first docs twice.
        // One statement per kind, each its own short read.
        read::each_search_doc(&self.conn, viewer, after, each)
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
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
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

    fn export(&self) -> Result<Backup> {
        self.read(|tx| backup::export(tx))
    }

    fn import(&self, data: &Backup) -> Result<()> {
        self.write(|tx| backup::import(tx, data))
    }

    fn merge(&self, data: &Backup) -> Result<super::MergeReport> {
        self.write(|tx| super::merge::merge(tx, data))
    }

    fn health(&self) -> Result<Health> {
        health::check(&self.conn, &self.path)
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
