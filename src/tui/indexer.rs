//! Builds the search index on a background thread, so neither the first
//! frame nor the first keystroke of a search waits for it (1M items take
//! about a second to read and index), and keeps it up to date: after a
//! change only the new items are read, off the UI thread, and added in a
//! moment on it. When items it has read changed in place (a colleague's
//! edit or delete, a `knowhow import` that updated or removed examples),
//! which the store's [`ChangeMark`] tells, it is read whole again instead.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use crate::search::{Changes, SearchIndex};
use crate::store::{self, ChangeMark, Mode, SearchMarks, Spec, StoreError};

/// What a background read hands over.
pub enum Update {
    /// A whole new index.
    Built(Box<SearchIndex>),
    /// What was written since the index's marks: `SearchIndex::apply` it.
    Changes(Changes),
}

/// A read under way; `poll` hands over its result once it is ready.
pub struct Indexer {
    db: Spec,
    user: String,
    pending: Option<Receiver<Result<(Update, ChangeMark), StoreError>>>,
    /// What had changed in place when the index was last read.
    seen: Option<ChangeMark>,
    /// The data changed while the first build ran: read the changes once
    /// it is in.
    again: bool,
    /// Reads failed in a row (a lock held too long, say), and when to try
    /// again: not waiting for the next change, which may not come, but not
    /// every second either when the failure stays (1 s, 2 s, 4 s … 1 min).
    failures: u32,
    retry_at: Instant,
}

/// The longest wait between two tries of a failing read.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

impl Indexer {
    pub fn new(db: Spec, user: &str) -> Indexer {
        Indexer {
            db,
            user: user.to_string(),
            pending: None,
            seen: None,
            again: false,
            failures: 0,
            retry_at: Instant::now(),
        }
    }

    /// Starts a whole build (at start-up).
    pub fn start(&mut self) {
        self.spawn(None);
    }

    /// The data changed: read what is new since `index` was built, or, with
    /// no index yet, once the build under way is done.
    pub fn refresh(&mut self, index: Option<&SearchIndex>) {
        match index {
            // A read already under way is dropped: this one covers it.
            Some(index) => self.spawn(Some(index.marks())),
            None if self.is_building() => self.again = true,
            None => self.start(),
        }
    }

    fn spawn(&mut self, marks: Option<SearchMarks>) {
        let (tx, rx) = mpsc::channel();
        let db = self.db.clone();
        let user = self.user.clone();
        let seen = self.seen;
        let spawned = thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                // Its own read-only connection: SQLite connections are not
                // shared between threads, and this one never writes.
                let update =
                    store::open_with(&db, Mode::Read, Duration::from_secs(5)).and_then(|store| {
                        // Read before the items: a change made while they
                        // are read moves it again, and is read next time.
                        let mark = store.change_mark(&user)?;
                        let update = match marks {
                            Some(marks) if seen == Some(mark) => {
                                SearchIndex::read_changes(store.as_ref(), &user, &marks)
                                    .map(Update::Changes)
                            }
                            _ => SearchIndex::load(store.as_ref(), &user)
                                .map(|i| Update::Built(Box::new(i))),
                        };
                        update.map(|u| (u, mark))
                    });
                let _ = tx.send(update);
            });
        self.pending = spawned.is_ok().then_some(rx);
    }

    pub fn is_building(&self) -> bool {
        self.pending.is_some()
    }

    /// The finished read, if it is done.
    pub fn poll(&mut self) -> Option<Result<Update, StoreError>> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(result) => {
                self.pending = None;
                Some(match result {
                    Ok((update, mark)) => {
                        self.failures = 0;
                        self.seen = Some(mark);
                        Ok(update)
                    }
                    Err(e) => {
                        self.failed();
                        Err(e)
                    }
                })
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                self.failed();
                None
            }
        }
    }

    fn failed(&mut self) {
        self.failures = self.failures.saturating_add(1);
        let wait = Duration::from_secs(1 << (self.failures - 1).min(6)).min(MAX_RETRY_WAIT);
        self.retry_at = Instant::now() + wait;
    }

    /// The last read failed, nothing is under way and the wait is over:
    /// time to try again.
    pub fn must_retry(&self) -> bool {
        self.failures > 0 && !self.is_building() && Instant::now() >= self.retry_at
    }

    /// Call with the index once an update is applied: reads the changes
    /// that came in while the first build ran.
    pub fn follow_up(&mut self, index: &SearchIndex) {
        if std::mem::take(&mut self.again) {
            self.refresh(Some(index));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::{RefItem, Scope, Source};
    use crate::domain::{Kind, NewItem};
    use crate::store::{SqliteStore, Store};

    fn wait(indexer: &mut Indexer) -> Update {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(update) = indexer.poll() {
                return update.expect("index read");
            }
            assert!(Instant::now() < deadline, "the index never came");
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// The index after a refresh, whether it was read whole again or only
    /// the changes were.
    fn refreshed(indexer: &mut Indexer, mut index: Box<SearchIndex>) -> Box<SearchIndex> {
        indexer.refresh(Some(&index));
        match wait(indexer) {
            Update::Built(built) => built,
            Update::Changes(changes) => {
                index.apply(changes);
                index
            }
        }
    }

    fn tip(text: &str) -> NewItem {
        NewItem::said(Kind::Tip, "ann", text)
    }

    /// Tips found: a bundled lesson may mention forklifts too.
    fn tips(index: &SearchIndex, query: &str) -> usize {
        let hits = index.search(query, 50);
        hits.iter().filter(|h| h.id.kind == Kind::Tip).count()
    }

    #[test]
    fn the_index_is_built_off_thread_then_only_new_items_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        store.add(&tip("Label the forklift keys")).unwrap();
        let mut indexer = Indexer::new(Spec::File(db), "ann");
        assert!(indexer.poll().is_none(), "nothing before a start");
        indexer.start();
        assert!(indexer.is_building());
        let Update::Built(mut index) = wait(&mut indexer) else {
            panic!("a start builds a whole index");
        };
        assert!(!indexer.is_building());
        assert_eq!(tips(&index, "forklift"), 1);
        let built = index.len();

        store
            .add(&tip("Forklift batteries charge overnight"))
            .unwrap();
        indexer.refresh(Some(&index));
        let Update::Changes(changes) = wait(&mut indexer) else {
            panic!("a refresh reads changes");
        };
        assert_eq!(changes.len(), 1, "only the new tip is read");
        index.apply(changes);
        assert_eq!(tips(&index, "forklift"), 2);
        assert_eq!(index.len(), built + 1, "the lessons were not added twice");
    }

    /// A re-import that changes an example in place and drops another is
    /// seen by a running pane's index, not only at its next start.
    #[test]
    fn examples_changed_or_dropped_by_a_re_import_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        let scope = Scope {
            source: Some(Source::Tldr),
            langs: vec!["en".into()],
            pages: vec!["common/".into()],
            keep: vec![],
        };
        let first = [
            RefItem::frob(1, "Polish the forklift:\nfrob --polish"),
            RefItem::frob(2, "Grease the pallet jack:\nfrob --grease"),
        ];
        store.import_reference(&scope, &first).unwrap();
        let mut indexer = Indexer::new(Spec::File(db), "ann");
        indexer.start();
        let Update::Built(mut index) = wait(&mut indexer) else {
            panic!("a start builds a whole index");
        };
        assert_eq!(tips(&index, "forklift"), 1);
        assert_eq!(tips(&index, "pallet"), 1);

        let second = [RefItem::frob(1, "Wash the crane:\nfrob --polish")];
        store.import_reference(&scope, &second).unwrap();
        index = refreshed(&mut indexer, index);
        assert_eq!(tips(&index, "crane"), 1, "the changed text is found");
        assert_eq!(tips(&index, "forklift"), 0, "the old text is not");
        assert_eq!(tips(&index, "pallet"), 0, "nor the dropped example");

        // Nothing changed in place since: only new items are read.
        store.add(&tip("Crane hooks are checked monthly")).unwrap();
        indexer.refresh(Some(&index));
        let Update::Changes(changes) = wait(&mut indexer) else {
            panic!("a new item alone is read as a change");
        };
        assert_eq!(changes.len(), 1);
    }

    /// A question is found by its answers: one given while the pane runs
    /// is searched at once, not only after the pane starts again.
    #[test]
    fn a_new_answer_is_found_by_a_running_panes_search() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        let q = store
            .add(&NewItem::said(
                Kind::Question,
                "bob",
                "Where do the pallets go?",
            ))
            .unwrap();
        let mut indexer = Indexer::new(Spec::File(db), "ann");
        indexer.start();
        let Update::Built(mut index) = wait(&mut indexer) else {
            panic!("a start builds a whole index");
        };
        let found = |index: &SearchIndex| index.search("forklift bay", 50).len();
        assert_eq!(found(&index), 0);
        store.answer(q, "ann", "Behind the forklift bay").unwrap();
        index = refreshed(&mut indexer, index);
        assert_eq!(found(&index), 1, "found by its new answer");
    }

    /// Items are found by their author's display name: a colleague who
    /// takes another (`me --name`) is found by it while the pane runs.
    #[test]
    fn a_renamed_colleague_is_found_by_the_new_name_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        store.add(&tip("Label the forklift keys")).unwrap();
        let mut indexer = Indexer::new(Spec::File(db), "bob");
        indexer.start();
        let Update::Built(mut index) = wait(&mut indexer) else {
            panic!("a start builds a whole index");
        };
        assert_eq!(tips(&index, "visser"), 0);
        let edit = crate::store::ProfileEdit {
            name: Some("Anouk Visser".into()),
            ..Default::default()
        };
        store.edit_person("ann", &edit).unwrap();
        index = refreshed(&mut indexer, index);
        assert_eq!(tips(&index, "visser"), 1, "found by the new name");
    }

    #[test]
    fn a_change_during_the_first_build_is_read_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        let mut indexer = Indexer::new(Spec::File(db), "ann");
        indexer.start();
        store
            .add(&tip("Forklift batteries charge overnight"))
            .unwrap();
        indexer.refresh(None);
        let Update::Built(mut index) = wait(&mut indexer) else {
            panic!("the build comes first");
        };
        indexer.follow_up(&index);
        if indexer.is_building() {
            let Update::Changes(changes) = wait(&mut indexer) else {
                panic!("then the changes");
            };
            index.apply(changes);
        }
        // Whether the build saw the tip or the follow-up read it, it is
        // found exactly once.
        assert_eq!(tips(&index, "forklift"), 1);
    }

    #[test]
    fn a_failed_read_is_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("later.db");
        let mut indexer = Indexer::new(Spec::File(db.clone()), "ann");
        indexer.start();
        let deadline = Instant::now() + Duration::from_secs(10);
        while indexer.poll().is_none() {
            assert!(Instant::now() < deadline);
            thread::sleep(Duration::from_millis(5));
        }
        assert!(!indexer.must_retry(), "not at once: a second later");
        thread::sleep(Duration::from_millis(1_100));
        assert!(indexer.must_retry(), "no database yet: the read failed");
        SqliteStore::open(&db).unwrap();
        indexer.refresh(None);
        assert!(!indexer.must_retry(), "a read is under way");
        assert!(matches!(wait(&mut indexer), Update::Built(_)));
        assert!(!indexer.must_retry());
    }

    #[test]
    fn a_missing_database_is_an_error_not_a_hang() {
        let mut indexer = Indexer::new(Spec::File("/nonexistent/dir/x.db".into()), "ann");
        indexer.start();
        let deadline = Instant::now() + Duration::from_secs(10);
        let result = loop {
            if let Some(r) = indexer.poll() {
                break r;
            }
            assert!(Instant::now() < deadline);
            thread::sleep(Duration::from_millis(5));
        };
        assert!(result.is_err());
    }
}
