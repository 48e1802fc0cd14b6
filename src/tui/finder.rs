//! The pane's search, as its own state: the index (read in the background,
//! or at the first search on a kiosk), the reader that builds and refreshes
//! it, and a burst of keys searched once. [`App`](super::App) keeps the
//! screens and asks this for hits; nothing here draws.

use std::time::Duration;

use super::indexer::{Indexer, Update};
use super::views::search::{MAX_HITS, SearchState};
use crate::search::{SearchIndex, Synonyms, stored};
use crate::store::{Store, StoreError};

/// How often, at most, a search index building in the background is
/// looked for.
const INDEX_POLL: Duration = Duration::from_millis(25);

#[derive(Default)]
pub struct Finder {
    /// The search index: read in the background at start (or at the first
    /// search when `lazy`), then kept up to date with new items.
    index: Option<SearchIndex>,
    /// Builds the index in the background; `None` builds it inline when
    /// first needed (tests, and panes without a database path).
    pub indexer: Option<Indexer>,
    /// Read the index only once someone searches (the kiosk: short
    /// sessions, most of them without a search).
    pub lazy: bool,
    /// While the loop drains a burst of keys (fast typing, a paste), the
    /// search runs once for the burst instead of once per key.
    pub defer: bool,
    /// The query changed since the last search.
    pub due: bool,
    /// The team's synonyms (config.toml), given to every index read.
    pub synonyms: Synonyms,
    /// Imported know-how is hidden (the pane's switch): searches find
    /// colleagues' own posts only.
    no_knowhow: bool,
}

/// What a finished background read brought.
pub enum Polled {
    /// Nothing to do.
    Nothing,
    /// The first index: search with it.
    First,
    /// New items in the index: search again, keeping the selection.
    Changed,
}

impl Finder {
    /// A freshly read index with the pane's settings: the synonyms, and
    /// whether imported know-how is found.
    fn prepared(&self, index: SearchIndex) -> SearchIndex {
        let mut index = index.with_synonyms(self.synonyms.clone());
        index.set_own_only(self.no_knowhow);
        index
    }

    /// Hides imported know-how from searches (`true`), or finds it again.
    pub fn set_no_knowhow(&mut self, hidden: bool) {
        self.no_knowhow = hidden;
        if let Some(index) = &mut self.index {
            index.set_own_only(hidden);
        }
    }
    /// Items changed or went away (an own edit, delete or its undo): the
    /// index is read whole again, since a refresh reads only new items.
    /// Not when no index is wanted yet.
    pub fn rebuild(&mut self) {
        if let Some(indexer) = &mut self.indexer
            && (self.index.is_some() || indexer.is_building())
        {
            indexer.start();
        }
    }

    /// Something was written: read the new items into the index (which
    /// serves as it is until then).
    pub fn refresh(&mut self) {
        match &mut self.indexer {
            // Not wanted yet.
            Some(indexer) if self.lazy && self.index.is_none() && !indexer.is_building() => {}
            Some(indexer) => indexer.refresh(self.index.as_ref()),
            None => self.index = None,
        }
    }

    /// The index, if read. Without a background reader it is read now; a
    /// background reader is started if it is not reading yet (a lazy one,
    /// at its first use), and the index comes a few keys later.
    pub fn index(
        &mut self,
        store: &dyn Store,
        viewer: &str,
    ) -> Result<Option<&SearchIndex>, StoreError> {
        match &mut self.indexer {
            Some(indexer) if self.index.is_none() && !indexer.is_building() => indexer.start(),
            None if self.index.is_none() => {
                let index = SearchIndex::load(store, viewer)?;
                self.index = Some(self.prepared(index));
            }
            _ => {}
        }
        Ok(self.index.as_ref())
    }

    /// The index as it is now, without starting a read.
    pub fn loaded(&self) -> Option<&SearchIndex> {
        self.index.as_ref()
    }

    /// Runs the query of `screen` (after typing, or a change). The best hit
    /// comes first and is selected, unless `keep_selection` (the same query
    /// over changed data: the selection stays on its item). While the
    /// index is still being read, the screen says so.
    pub fn search(
        &mut self,
        store: &dyn Store,
        viewer: &str,
        screen: &mut SearchState,
        keep_selection: bool,
    ) -> Result<(), StoreError> {
        match self.index(store, viewer)? {
            Some(index) => {
                let (hits, total) = index.search_counted(screen.query(), MAX_HITS);
                if keep_selection {
                    screen.replace_hits(hits, total);
                } else {
                    screen.set_hits(hits, total);
                }
            }
            // Still reading: the store's persisted index may answer
            // already (`--search WORDS` at start, on a large team).
            None => {
                let query = screen.query().to_string();
                match stored::search_indexed(store, viewer, &query, MAX_HITS, &self.synonyms)? {
                    Some(found) => {
                        let total = found.hits.len();
                        screen.set_hits(found.hits, total);
                    }
                    None => screen.set_waiting(),
                }
            }
        }
        Ok(())
    }

    /// Tries a failed index read again when its wait is over (called once
    /// a second). A failed read was wanted, lazy or not.
    pub fn retry(&mut self) {
        if let Some(indexer) = &mut self.indexer
            && indexer.must_retry()
        {
            indexer.refresh(self.index.as_ref());
        }
    }

    /// How soon the loop must look for a finished index read: often while
    /// one runs, otherwise never on its account.
    pub fn wait(&self) -> Duration {
        if self.indexer.as_ref().is_some_and(Indexer::is_building) {
            INDEX_POLL
        } else {
            Duration::MAX
        }
    }

    /// Takes over an index built in the background, or the items read
    /// since.
    pub fn poll(&mut self) -> Result<Polled, StoreError> {
        let Some(indexer) = self.indexer.as_mut() else {
            return Ok(Polled::Nothing);
        };
        let Some(update) = indexer.poll() else {
            return Ok(Polled::Nothing);
        };
        let polled = match (update?, &mut self.index) {
            (Update::Built(index), _) => {
                self.index = Some(self.prepared(*index));
                Polled::First
            }
            // Nothing new (a vote, say): the hits on screen stand.
            (Update::Changes(changes), Some(index)) => {
                if !index.apply(changes) {
                    return Ok(Polled::Nothing);
                }
                Polled::Changed
            }
            _ => return Ok(Polled::Nothing),
        };
        if let (Some(indexer), Some(index)) = (self.indexer.as_mut(), &self.index) {
            indexer.follow_up(index);
        }
        Ok(polled)
    }
}
