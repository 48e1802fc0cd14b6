//! An index built while the store is still reading: the store hands its
//! items over on this thread and a second thread indexes them as they
//! come. Reading (SQLite's steps, a row's strings) and indexing (a text's
//! words) took about as long each for `search` over a few thousand items,
//! one after the other; side by side they take the longer of the two.

use std::hash::{DefaultHasher, Hasher};
use std::sync::mpsc;
use std::thread;

use super::{SearchIndex, fingerprint};
use crate::domain::Kind;
use crate::store::{SearchDoc, Store, StoreError};

/// Items handed over at a time: one handover per item cost more than
/// indexing a short one.
const BATCH: usize = 256;
/// Batches read but not yet indexed: the reader waits beyond these, so
/// what is held twice stays small whatever the number of items.
const IN_FLIGHT: usize = 4;

impl SearchIndex {
    /// The index of the items `read` hands out (in the order it hands
    /// them), and what `read` returned. The same index as
    /// [`SearchIndex::new`] of those items when lessons come first, as
    /// every store hands them.
    pub fn read_by<R>(read: impl FnOnce(&mut dyn FnMut(SearchDoc)) -> R) -> (SearchIndex, R) {
        thread::scope(|scope| {
            let (send, receive) = mpsc::sync_channel::<Vec<SearchDoc>>(IN_FLIGHT);
            // Indexed batches go back to be dropped where they were made:
            // a string freed on another thread than the one that made it
            // takes the allocator's lock, and the reader, making strings
            // all the while, waited on it (reading took half again as long).
            let (give_back, given_back) = mpsc::channel::<Vec<SearchDoc>>();
            let indexer = thread::Builder::new()
                .name("search-index".into())
                .spawn_scoped(scope, move || {
                    let mut index = Building::default();
                    for batch in receive {
                        batch.iter().for_each(|d| index.push(d));
                        let _ = give_back.send(batch);
                    }
                    index.done()
                });
            let Ok(indexer) = indexer else {
                // No second thread to be had: one after the other.
                return SearchIndex::read_here(read);
            };
            let mut batch = Vec::with_capacity(BATCH);
            let result = read(&mut |doc| {
                batch.push(doc);
                if batch.len() == BATCH {
                    let next = match given_back.try_recv() {
                        Ok(mut done) => {
                            done.clear();
                            done
                        }
                        Err(_) => Vec::with_capacity(BATCH),
                    };
                    // The indexer only stops early by panicking, which
                    // the join below passes on.
                    let _ = send.send(std::mem::replace(&mut batch, next));
                }
            });
            if !batch.is_empty() {
                let _ = send.send(batch);
            }
            drop(send);
            let index = indexer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (index, result)
        })
    }

    /// [`SearchIndex::load`], indexed on a second thread while the store
    /// reads: for `search`, which drops it when done (the pane, which keeps
    /// its index, reads on one thread).
    pub fn load_while_reading(store: &dyn Store, viewer: &str) -> Result<Self, StoreError> {
        let (index, read) =
            SearchIndex::read_by(|each| store.each_search_doc(viewer, &[0; 4], each));
        read?;
        Ok(index)
    }

    /// [`SearchIndex::read_by`] on this thread alone: the items indexed as
    /// `read` hands them out.
    pub fn read_here<R>(read: impl FnOnce(&mut dyn FnMut(SearchDoc)) -> R) -> (SearchIndex, R) {
        let mut index = Building::default();
        let result = read(&mut |d| index.push(&d));
        (index.done(), result)
    }
}

/// An index being built one item at a time.
struct Building {
    index: SearchIndex,
    lessons: DefaultHasher,
}

impl Default for Building {
    fn default() -> Self {
        Building {
            index: SearchIndex::with_capacity(0),
            lessons: DefaultHasher::new(),
        }
    }
}

impl Building {
    fn push(&mut self, doc: &SearchDoc) {
        if doc.id.kind == Kind::Lesson {
            fingerprint(&mut self.lessons, doc);
        }
        self.index.push(doc);
    }

    fn done(mut self) -> SearchIndex {
        self.index.lessons = self.lessons.finish();
        self.index.docs.shrink_to_fit();
        self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SqliteStore, Store};

    /// Built while reading, in batches on another thread, the index finds
    /// and ranks exactly what one built of the same items at once does,
    /// and reads on from the same marks.
    #[test]
    fn an_index_built_while_reading_is_the_index_of_those_items() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        crate::demo::fill(&store, 2600, 5).unwrap();
        let docs = store.search_docs("anouk").unwrap();
        assert!(docs.len() > 2 * BATCH * IN_FLIGHT, "{}", docs.len());
        let at_once = SearchIndex::new(docs.clone());
        let (read, handed) = SearchIndex::read_by(|each| {
            let n = docs.len();
            docs.into_iter().for_each(each);
            n
        });
        assert_eq!(read.len(), handed);
        assert_eq!(read.len(), at_once.len());
        assert_eq!(read.marks(), at_once.marks());
        assert_eq!(read.lessons, at_once.lessons);
        for query in [
            "kubectl restart",
            "coördinator nachtdienst",
            "printre",
            "café",
            "l",
        ] {
            assert_eq!(read.search(query, 50), at_once.search(query, 50), "{query}");
        }
    }

    /// What the reader returns comes back as it is, a failure too, with the
    /// index of what it handed out before.
    #[test]
    fn a_failed_read_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db")).unwrap();
        crate::demo::fill(&store, 50, 5).unwrap();
        let docs = store.search_docs("anouk").unwrap();
        let (index, result) = SearchIndex::read_by(|each| {
            docs.into_iter().take(3).for_each(each);
            Err::<(), &str>("the disk went away")
        });
        assert_eq!(result, Err("the disk went away"));
        assert_eq!(index.len(), 3);
    }
}
