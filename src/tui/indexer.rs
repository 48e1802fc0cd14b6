//! Builds the search index on a background thread, so neither the first
//! frame nor the first keystroke of a search waits for it (100k items take
//! a few hundred milliseconds to read and index).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::Duration;

use crate::search::SearchIndex;
use crate::store::{OpenOptions, SqliteStore, StoreError};

/// A build under way; `poll` hands over the index once it is ready.
pub struct Indexer {
    db: PathBuf,
    user: String,
    pending: Option<Receiver<Result<SearchIndex, StoreError>>>,
}

impl Indexer {
    pub fn new(db: PathBuf, user: &str) -> Indexer {
        Indexer {
            db,
            user: user.to_string(),
            pending: None,
        }
    }

    /// Starts a fresh build (after start-up, or when the data changed); a
    /// build already running is left to finish and is then ignored.
    pub fn start(&mut self) {
        let (tx, rx) = mpsc::channel();
        let db = self.db.clone();
        let user = self.user.clone();
        let spawned = thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                // Its own read-only connection: SQLite connections are not
                // shared between threads, and this one never writes.
                let options = OpenOptions {
                    read_only: true,
                    busy_timeout: Duration::from_secs(5),
                };
                let built = SqliteStore::open_with(&db, &options)
                    .and_then(|store| SearchIndex::load(&store, &user));
                let _ = tx.send(built);
            });
        self.pending = spawned.is_ok().then_some(rx);
    }

    pub fn is_building(&self) -> bool {
        self.pending.is_some()
    }

    /// The finished index, if the build is done.
    pub fn poll(&mut self) -> Option<Result<SearchIndex, StoreError>> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(result) => {
                self.pending = None;
                Some(result)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Draft, Kind, NewItem};
    use crate::store::Store;
    use std::time::Instant;

    fn wait(indexer: &mut Indexer) -> SearchIndex {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(built) = indexer.poll() {
                return built.expect("index built");
            }
            assert!(Instant::now() < deadline, "the index never came");
            thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn the_index_is_built_off_thread_and_rebuilt_on_demand() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = SqliteStore::open(&db).unwrap();
        let tip = |text: &str| {
            let draft = Draft {
                text: text.into(),
                ..Draft::default()
            };
            NewItem::from_draft(Kind::Tip, "ann", &draft).unwrap()
        };
        store.add(&tip("Label the forklift keys")).unwrap();
        let mut indexer = Indexer::new(db, "ann");
        assert!(indexer.poll().is_none(), "nothing before a start");
        indexer.start();
        assert!(indexer.is_building());
        let index = wait(&mut indexer);
        assert!(!indexer.is_building());
        assert_eq!(index.search("forklift", 5).len(), 1);

        store
            .add(&tip("Forklift batteries charge overnight"))
            .unwrap();
        indexer.start();
        assert_eq!(wait(&mut indexer).search("forklift", 5).len(), 2);
    }

    #[test]
    fn a_missing_database_is_an_error_not_a_hang() {
        let mut indexer = Indexer::new(PathBuf::from("/nonexistent/dir/x.db"), "ann");
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
